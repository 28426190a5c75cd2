//! Draws the core's [`ChartView`] as inline SVG markup (every value escaped by
//! `linekeeper::markup`), with a table that stands in for it. Presentation only.

use crate::dom::{msg, t};
use linekeeper::history::ChartView;
use linekeeper::markup::Markup;

/// A coordinate as text (fixed precision: the shortest-float formatter would add KBs).
fn num(v: f64) -> String {
    format!("{v:.1}")
}

fn label(m: &mut Markup, x: f64, y: f64, anchor: &str, class: Option<&str>, text: &str) {
    m.el(
        "text",
        &[
            ("x", Some(&num(x))),
            ("y", Some(&num(y))),
            ("text-anchor", Some(anchor)),
            ("class", class),
        ],
        text,
    );
}

/// A line from (x1, y1) to (x2, y2).
fn line(m: &mut Markup, (x1, y1): (f64, f64), (x2, y2): (f64, f64), class: &str) {
    m.empty(
        "line",
        &[
            ("x1", Some(&num(x1))),
            ("x2", Some(&num(x2))),
            ("y1", Some(&num(y1))),
            ("y2", Some(&num(y2))),
            ("class", Some(class)),
        ],
    );
}

/// The chart block: heading, SVG, legend, and a folded "show as a table" whose table
/// (hidden until unfolded) is returned apart, to be put in by [`readings_table`]'s caller
/// once the first screen is drawn.
pub fn chart(m: &mut Markup, view: &ChartView, id: &str) -> String {
    let summary = msg(&view.summary);
    let (left, top, right, bottom) = view.plot;
    m.open(
        "div",
        &[
            ("class", Some("chart")),
            ("role", Some("group")),
            ("aria-labelledby", Some(id)),
        ],
    )
    .el("h3", &[("id", Some(id))], &t("chart_title"))
    .open(
        "svg",
        &[
            ("xmlns", Some("http://www.w3.org/2000/svg")),
            (
                "viewBox",
                Some(&format!("0 0 {:.0} {:.0}", view.width, view.height)),
            ),
            ("role", Some("img")),
            ("aria-label", Some(&summary)),
            ("class", Some("chart-svg")),
        ],
    )
    .el("title", &[], &summary);
    for y in [top, (top + bottom) / 2.0, bottom] {
        line(m, (left, y), (right, y), "grid");
    }
    for mark in &view.y_labels {
        label(m, left - 4.0, mark.at + 4.0, "end", None, &mark.label);
    }
    for (i, mark) in view.x_labels.iter().enumerate() {
        let anchor = if i == 0 { "start" } else { "end" };
        label(m, mark.at, bottom + 16.0, anchor, None, &mark.label);
    }
    for mark in &view.bills {
        line(m, (mark.at, top), (mark.at, bottom), "bill");
        if mark.label.is_empty() {
            continue;
        }
        let anchor = if mark.at > right - 30.0 {
            "end"
        } else {
            "middle"
        };
        label(
            m,
            mark.at,
            bottom + 16.0,
            anchor,
            Some("bill-label"),
            &mark.label,
        );
    }
    line(m, (view.today, top), (view.today, bottom), "today");
    for (i, series) in view.series.iter().enumerate() {
        let class = format!("s{}", i % 4);
        m.empty(
            "path",
            &[
                ("d", Some(&series.path)),
                ("class", Some(&format!("curve {class}"))),
            ],
        );
        if let Some(projection) = &series.projection {
            m.empty(
                "path",
                &[
                    ("d", Some(projection)),
                    ("class", Some(&format!("projection {class}"))),
                ],
            );
        }
        m.empty(
            "circle",
            &[
                ("cx", Some(&num(series.last.0))),
                ("cy", Some(&num(series.last.1))),
                ("r", Some("3")),
                ("class", Some(&format!("dot {class}"))),
            ],
        );
    }
    m.close("svg");

    m.open("ul", &[("class", Some("legend"))]);
    for (i, series) in view.series.iter().enumerate() {
        let swatch = format!("swatch s{}", i % 4);
        m.open("li", &[])
            .empty(
                "span",
                &[("class", Some(&swatch)), ("aria-hidden", Some("true"))],
            )
            .text(&series.name)
            .close("li");
    }
    m.open("li", &[])
        .empty(
            "span",
            &[
                ("class", Some("swatch bill")),
                ("aria-hidden", Some("true")),
            ],
        )
        .text(&t("chart_bill_dates"))
        .close("li")
        .close("ul");

    m.open("details", &[("class", Some("readings"))])
        .el("summary", &[], &t("chart_show_table"))
        .close("details")
        .close("div");
    readings_table(view)
}

/// The table that stands in for the chart: the last reading of each day.
fn readings_table(view: &ChartView) -> String {
    let caption = t(if view.shows_used {
        "chart_table_used"
    } else {
        "chart_table_left"
    });
    let mut m = Markup::new();
    m.open("table", &[])
        .el("caption", &[("class", Some("visually-hidden"))], &caption)
        .open("thead", &[])
        .open("tr", &[]);
    for (i, column) in view.columns.iter().enumerate() {
        let text = if i == 0 {
            t("chart_date")
        } else {
            column.clone()
        };
        m.el("th", &[("scope", Some("col"))], &text);
    }
    m.close("tr").close("thead").open("tbody", &[]);
    for row in &view.rows {
        m.open("tr", &[])
            .el("th", &[("scope", Some("row"))], &row.date);
        for value in &row.values {
            m.el("td", &[], value);
        }
        m.close("tr");
    }
    m.close("tbody").close("table");
    m.finish()
}
