//! Draws the popup from the core's [`PopupView`]. Presentation only.

use crate::dom::{msg, t, El};
use linekeeper::panel::ChecklistView;
use linekeeper::view::{AccountView, LineView, PopupView, Urgency};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement};

fn urgency_class(u: Urgency) -> &'static str {
    match u {
        Urgency::None => "u-none",
        Urgency::Ok => "u-ok",
        Urgency::Soon => "u-soon",
        Urgency::Urgent => "u-urgent",
        Urgency::Overdue => "u-overdue",
    }
}

/// Display name of a carrier id, from the message catalogue (`carrier_t_mobile`).
fn carrier_name(account: &AccountView) -> String {
    crate::dom::carrier_label(account.carrier.as_deref(), &account.host)
}

pub fn render(root: &Element, view: &PopupView) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    // A redraw (the stored state changed) keeps the chosen account and the focus.
    let chosen = root
        .query_selector("input[name=account]:checked")?
        .and_then(|el| el.get_attribute("value"));
    let focused = doc
        .active_element()
        .map(|el| el.id())
        .filter(|id| !id.is_empty());
    root.set_text_content(None);
    let header = El::new(&doc, "header")?
        .class("top")
        .child(&El::new(&doc, "h1")?.text(&t("ext_name")))?;
    root.append_child(&header.0)?;
    let main = El::new(&doc, "main")?;
    if view.accounts.is_empty() {
        main.0.append_child(&empty_state(&doc)?.0)?;
    }
    let selected = chosen
        .and_then(|key| view.accounts.iter().position(|a| a.key == key))
        .unwrap_or(0);
    if view.accounts.len() > 1 {
        main.0.append_child(&switcher(&doc, view, selected)?.0)?;
    }
    for (i, account) in view.accounts.iter().enumerate() {
        let card = account_card(&doc, account, i)?;
        if i != selected {
            card.0.set_attribute("hidden", "")?;
        }
        main.0.append_child(&card.0)?;
    }
    root.append_child(&main.0)?;
    if let Some(el) = focused.and_then(|id| doc.get_element_by_id(&id)) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            el.focus()?;
        }
    }
    Ok(())
}

/// Radio buttons to switch between accounts (most urgent first); arrow keys move.
fn switcher(doc: &Document, view: &PopupView, selected: usize) -> Result<El, JsValue> {
    let group = El::new(doc, "fieldset")?.class("switch").child(
        &El::new(doc, "legend")?
            .class("visually-hidden")
            .text(&t("popup_accounts")),
    )?;
    for (i, account) in view.accounts.iter().enumerate() {
        let id = format!("pick-{i}");
        let input = El::new(doc, "input")?
            .attr("type", "radio")?
            .attr("name", "account")?
            .attr("id", &id)?
            .attr("value", &account.key)?
            .attr("aria-controls", &format!("panel-{i}"))?;
        if i == selected {
            input.0.set_attribute("checked", "")?;
        }
        let mut text = carrier_name(account);
        if let Some(days) = account.days_left {
            text.push_str(" · ");
            text.push_str(&msg(&linekeeper::view::Msg::with(
                "popup_days_short",
                vec![days.to_string()],
            )));
        }
        let label = El::new(doc, "label")?
            .class(&format!("pick {}", urgency_class(account.urgency)))
            .attr("for", &id)?
            .text(&text);
        group.0.append_child(&input.0)?;
        group.0.append_child(&label.0)?;
    }
    let on_change = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
        let Some(input) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let (Some(panel), Some(doc)) =
            (input.get_attribute("aria-controls"), input.owner_document())
        else {
            return;
        };
        if let Ok(panels) = doc.query_selector_all("section.account") {
            for n in 0..panels.length() {
                if let Some(el) = panels.get(n).and_then(|p| p.dyn_into::<Element>().ok()) {
                    let _ = el.toggle_attribute_with_force("hidden", el.id() != panel);
                }
            }
        }
    });
    group
        .0
        .add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    // Owned by the element's listener from now on.
    let _ = on_change.into_js_value();
    Ok(group)
}

fn empty_state(doc: &Document) -> Result<El, JsValue> {
    let list = El::new(doc, "ul")?.class("carriers");
    for key in [
        "carrier_t_mobile",
        "carrier_mint",
        "carrier_us_mobile",
        "carrier_tello",
        "carrier_google_fi",
        "carrier_china_mobile",
    ] {
        list.0.append_child(&El::new(doc, "li")?.text(&t(key)).0)?;
    }
    let open = El::new(doc, "a")?
        .class("button")
        .attr("href", "https://www.t-mobile.com/account")?
        .attr("target", "_blank")?
        .attr("rel", "noopener")?
        .text(&t("popup_open_tmobile"));
    El::new(doc, "section")?
        .class("empty")
        .child(&El::new(doc, "h2")?.text(&t("popup_empty_title")))?
        .child(&El::new(doc, "p")?.text(&t("popup_empty_body")))?
        .child(&list)?
        .child(&open)
}

fn account_card(doc: &Document, account: &AccountView, index: usize) -> Result<El, JsValue> {
    let title_id = format!("account-{index}");
    let stale = if account.stale { " is-stale" } else { "" };
    let section = El::new(doc, "section")?
        .class(&format!(
            "account {}{stale}",
            urgency_class(account.urgency)
        ))
        .attr("id", &format!("panel-{index}"))?
        .attr("aria-labelledby", &title_id)?;
    let mut head = El::new(doc, "div")?.class("account-head").child(
        &El::new(doc, "h2")?
            .attr("id", &title_id)?
            .text(&carrier_name(account)),
    )?;
    let read = El::new(doc, "span")?
        .class("read")
        .text(&msg(&account.read_ago));
    head = head.child(&read)?;
    section.0.append_child(&head.0)?;
    if account.stale {
        let mut text = t("popup_stale");
        if let Some(as_of) = &account.as_of {
            text = format!("{} {text}", msg(as_of));
        }
        section
            .0
            .append_child(&El::new(doc, "p")?.class("stale").text(&text).0)?;
    }

    if let Some(days) = &account.days {
        let p = El::new(doc, "p")?
            .class("days")
            .child(&El::new(doc, "strong")?.text(&msg(days)))?;
        let p = match &account.date_text {
            Some(date) => p.child(&El::new(doc, "span")?.class("date").text(date))?,
            None => p,
        };
        section.0.append_child(&p.0)?;
    }

    let facts = El::new(doc, "dl")?.class("facts");
    let add_fact = |label: &str, value: &str| -> Result<(), JsValue> {
        facts.0.append_child(&El::new(doc, "dt")?.text(label).0)?;
        facts.0.append_child(&El::new(doc, "dd")?.text(value).0)?;
        Ok(())
    };
    if let Some(balance) = &account.balance_text {
        add_fact(&t("popup_balance"), balance)?;
    }
    if let Some(due) = &account.amount_due_text {
        add_fact(&t("popup_amount_due"), due)?;
    }
    if let Some(autopay) = account.autopay {
        add_fact(
            &t("popup_autopay"),
            &t(if autopay {
                "popup_autopay_on"
            } else {
                "popup_autopay_off"
            }),
        )?;
    }
    if facts.0.child_element_count() > 0 {
        section.0.append_child(&facts.0)?;
    }

    if !account.lines.is_empty() {
        let list = El::new(doc, "ul")?.class("lines");
        for line in &account.lines {
            list.0.append_child(&line_item(doc, line)?.0)?;
        }
        section.0.append_child(&list.0)?;
    }

    if let Some(chart) = &account.chart {
        section
            .0
            .append_child(&crate::chart::chart(doc, chart, &format!("chart-{index}"))?.0)?;
    }
    section
        .0
        .append_child(&checklist(doc, &account.checklist, index)?.0)?;

    let refresh = El::new(doc, "a")?
        .class("button")
        .attr("href", &account.page_url)?
        .attr("target", "_blank")?
        .attr("rel", "noopener")?
        .text(&t("popup_refresh"));
    section.0.append_child(&refresh.0)?;
    Ok(section)
}

fn line_item(doc: &Document, line: &LineView) -> Result<El, JsValue> {
    let mut name = String::new();
    if let Some(last4) = &line.number_last4 {
        name.push_str("•••");
        name.push_str(last4);
    }
    for part in [&line.label, &line.plan].into_iter().flatten() {
        if !name.is_empty() {
            name.push_str(" · ");
        }
        name.push_str(part);
    }
    let item = El::new(doc, "li")?
        .class(&format!("line {}", urgency_class(line.urgency)))
        .child(&El::new(doc, "div")?.class("line-name").text(&name))?;
    let data_text = line.data.as_ref().map(msg);
    if let Some(percent) = line.percent_left {
        let label = data_text.clone().unwrap_or_default();
        let fill = El::new(doc, "span")?.attr(
            "style",
            &["width:", &linekeeper::decimal::fixed(percent, 1), "%"].concat(),
        )?;
        let bar = El::new(doc, "div")?
            .class("bar")
            .attr("role", "progressbar")?
            .attr("aria-valuemin", "0")?
            .attr("aria-valuemax", "100")?
            .attr("aria-valuenow", &linekeeper::decimal::fixed(percent, 0))?
            .attr("aria-label", &label)?
            .child(&fill)?;
        item.0.append_child(&bar.0)?;
    }
    if let Some(text) = data_text {
        let text = match &line.total_text {
            Some(total) if !line.unlimited => format!("{text} / {total}"),
            _ => text,
        };
        item.0
            .append_child(&El::new(doc, "div")?.class("data-text").text(&text).0)?;
    }
    if !line.forecast.is_empty() {
        let list = El::new(doc, "ul")?.class("forecast");
        for sentence in &line.forecast {
            list.0
                .append_child(&El::new(doc, "li")?.text(&msg(sentence)).0)?;
        }
        item.0.append_child(&list.0)?;
    }
    Ok(item)
}

/// The renewal checklist: checkboxes with labels; the glue sends each change to the worker
/// (`data-account`, `data-step`), which stores it and the popup is drawn again.
fn checklist(doc: &Document, view: &ChecklistView, index: usize) -> Result<El, JsValue> {
    let title_id = format!("check-{index}");
    let progress = linekeeper::view::Msg::with(
        "check_progress",
        vec![view.done_count.to_string(), view.steps.len().to_string()],
    );
    let block = El::new(doc, "div")?
        .class("checklist")
        .attr("role", "group")?
        .attr("aria-labelledby", &title_id)?
        .child(
            &El::new(doc, "h3")?
                .attr("id", &title_id)?
                .text(&t("check_title"))
                .child(
                    &El::new(doc, "span")?
                        .class("progress")
                        .text(&msg(&progress)),
                )?,
        )?;
    if let Some(cycle) = &view.cycle {
        block
            .0
            .append_child(&El::new(doc, "p")?.class("cycle").text(&msg(cycle)).0)?;
    }
    // "Renewal confirmed", or what to do when it was not: announced as a status.
    for (class, notice) in [("confirmed", &view.confirmed), ("help", &view.help)] {
        if let Some(text) = notice {
            let p = El::new(doc, "p")?
                .class(class)
                .attr("role", "status")?
                .text(&msg(text));
            block.0.append_child(&p.0)?;
        }
    }
    let list = El::new(doc, "ol")?.class("steps");
    for step in &view.steps {
        let id = format!("step-{index}-{}", step.index);
        let input = El::new(doc, "input")?
            .attr("type", "checkbox")?
            .attr("id", &id)?
            .attr("data-account", &view.account)?
            .attr("data-step", &step.index.to_string())?;
        if step.done {
            input.0.set_attribute("checked", "")?;
        }
        let item = El::new(doc, "li")?
            .class(if step.done { "step done" } else { "step" })
            .child(
                &El::new(doc, "div")?
                    .class("step-row")
                    .child(&input)?
                    .child(
                        &El::new(doc, "label")?
                            .attr("for", &id)?
                            .text(&msg(&step.title)),
                    )?,
            )?;
        if let Some(hint) = &step.hint {
            item.0
                .append_child(&El::new(doc, "p")?.class("hint").text(&msg(hint)).0)?;
        }
        for trouble in &step.troubles {
            let fold = El::new(doc, "details")?
                .class("trouble")
                .child(&El::new(doc, "summary")?.text(&msg(&trouble.title)))?
                .child(&El::new(doc, "p")?.text(&msg(&trouble.body)))?;
            item.0.append_child(&fold.0)?;
        }
        list.0.append_child(&item.0)?;
    }
    block.0.append_child(&list.0)?;
    Ok(block)
}
