//! Draws the core's [`ChartView`] as SVG elements (SVG namespace, no markup strings), with
//! a table that stands in for it. Presentation only.

use crate::dom::{msg, t, El};
use linekeeper::history::ChartView;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

const SVG: &str = "http://www.w3.org/2000/svg";

/// A coordinate as text (fixed precision, without `core::fmt`'s float formatting).
fn num(v: f64) -> String {
    linekeeper::decimal::fixed(v, 1)
}

fn svg(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let el = doc.create_element_ns(Some(SVG), tag)?;
    for (name, value) in attrs {
        el.set_attribute(name, value)?;
    }
    Ok(el)
}

/// Creates an SVG element and appends it to `parent`.
fn add(parent: &Element, tag: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let doc = parent
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let el = svg(&doc, tag, attrs)?;
    parent.append_child(&el)?;
    Ok(el)
}

fn label(parent: &Element, x: f64, y: f64, anchor: &str, text: &str) -> Result<Element, JsValue> {
    let el = add(
        parent,
        "text",
        &[("x", &num(x)), ("y", &num(y)), ("text-anchor", anchor)],
    )?;
    el.set_text_content(Some(text));
    Ok(el)
}

/// The chart block: heading, SVG, legend, and the readings as a folded table.
pub fn chart(doc: &Document, view: &ChartView, id: &str) -> Result<El, JsValue> {
    let summary = msg(&view.summary);
    let (left, top, right, bottom) = view.plot;
    let root = svg(
        doc,
        "svg",
        &[
            (
                "viewBox",
                &[
                    "0 0 ",
                    &linekeeper::decimal::fixed(view.width, 0),
                    " ",
                    &linekeeper::decimal::fixed(view.height, 0),
                ]
                .concat(),
            ),
            ("role", "img"),
            ("aria-label", &summary),
            ("class", "chart-svg"),
        ],
    )?;
    let title = svg(doc, "title", &[])?;
    title.set_text_content(Some(&summary));
    root.append_child(&title)?;
    for y in [top, (top + bottom) / 2.0, bottom] {
        let y = num(y);
        add(
            &root,
            "line",
            &[
                ("x1", &num(left)),
                ("x2", &num(right)),
                ("y1", &y),
                ("y2", &y),
                ("class", "grid"),
            ],
        )?;
    }
    for mark in &view.y_labels {
        label(&root, left - 4.0, mark.at + 4.0, "end", &mark.label)?;
    }
    for (i, mark) in view.x_labels.iter().enumerate() {
        let anchor = if i == 0 { "start" } else { "end" };
        label(&root, mark.at, bottom + 16.0, anchor, &mark.label)?;
    }
    // A vertical line across the plot.
    let rule = |at: f64, class: &str| -> Result<Element, JsValue> {
        let x = num(at);
        add(
            &root,
            "line",
            &[
                ("x1", &x),
                ("x2", &x),
                ("y1", &num(top)),
                ("y2", &num(bottom)),
                ("class", class),
            ],
        )
    };
    for mark in &view.bills {
        rule(mark.at, "bill")?;
        if mark.label.is_empty() {
            continue;
        }
        let anchor = if mark.at > right - 30.0 {
            "end"
        } else {
            "middle"
        };
        let text = label(&root, mark.at, bottom + 16.0, anchor, &mark.label)?;
        text.set_attribute("class", "bill-label")?;
    }
    rule(view.today, "today")?;
    for (i, series) in view.series.iter().enumerate() {
        let class = format!("s{}", i % 4);
        add(
            &root,
            "path",
            &[("d", &series.path), ("class", &format!("curve {class}"))],
        )?;
        if let Some(projection) = &series.projection {
            add(
                &root,
                "path",
                &[("d", projection), ("class", &format!("projection {class}"))],
            )?;
        }
        add(
            &root,
            "circle",
            &[
                ("cx", &num(series.last.0)),
                ("cy", &num(series.last.1)),
                ("r", "3"),
                ("class", &format!("dot {class}")),
            ],
        )?;
    }

    let block = El::new(doc, "div")?
        .class("chart")
        .attr("role", "group")?
        .attr("aria-labelledby", id)?
        .child(&El::new(doc, "h3")?.attr("id", id)?.text(&t("chart_title")))?;
    block.0.append_child(&root)?;

    let legend = El::new(doc, "ul")?.class("legend");
    for (i, series) in view.series.iter().enumerate() {
        let swatch = El::new(doc, "span")?
            .class(&format!("swatch s{}", i % 4))
            .attr("aria-hidden", "true")?;
        let item = El::new(doc, "li")?.child(&swatch)?;
        item.0.append_with_str_1(&series.name)?;
        legend.0.append_child(&item.0)?;
    }
    legend.0.append_child(
        &El::new(doc, "li")?
            .child(
                &El::new(doc, "span")?
                    .class("swatch bill")
                    .attr("aria-hidden", "true")?,
            )?
            .append_text(&t("chart_bill_dates"))?
            .0,
    )?;
    block.0.append_child(&legend.0)?;

    let table =
        El::new(doc, "table")?.child(&El::new(doc, "caption")?.class("visually-hidden").text(
            &t(if view.shows_used {
                "chart_table_used"
            } else {
                "chart_table_left"
            }),
        ))?;
    let head = El::new(doc, "tr")?;
    for (i, column) in view.columns.iter().enumerate() {
        let text = if i == 0 {
            t("chart_date")
        } else {
            column.clone()
        };
        head.0
            .append_child(&El::new(doc, "th")?.attr("scope", "col")?.text(&text).0)?;
    }
    table
        .0
        .append_child(&El::new(doc, "thead")?.child(&head)?.0)?;
    let body = El::new(doc, "tbody")?;
    for row in &view.rows {
        let tr = El::new(doc, "tr")?
            .child(&El::new(doc, "th")?.attr("scope", "row")?.text(&row.date))?;
        for value in &row.values {
            tr.0.append_child(&El::new(doc, "td")?.text(value).0)?;
        }
        body.0.append_child(&tr.0)?;
    }
    table.0.append_child(&body.0)?;
    let details = El::new(doc, "details")?
        .class("readings")
        .child(&El::new(doc, "summary")?.text(&t("chart_show_table")))?
        .child(&table)?;
    block.0.append_child(&details.0)?;
    Ok(block)
}
