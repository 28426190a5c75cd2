//! Draws the popup from the core's [`PopupView`]. Presentation only.

use crate::dom::{msg, t, El};
use linekeeper::view::{AccountView, LineView, PopupView, Urgency};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

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
    root.set_text_content(None);
    let header = El::new(&doc, "header")?
        .class("top")
        .child(&El::new(&doc, "h1")?.text(&t("ext_name")))?;
    root.append_child(&header.0)?;
    let main = El::new(&doc, "main")?;
    if view.accounts.is_empty() {
        main.0.append_child(&empty_state(&doc)?.0)?;
    }
    for (i, account) in view.accounts.iter().enumerate() {
        main.0.append_child(&account_card(&doc, account, i)?.0)?;
    }
    root.append_child(&main.0)?;
    Ok(())
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
    let section = El::new(doc, "section")?
        .class(&format!("account {}", urgency_class(account.urgency)))
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
    if account.stale {
        head = head.child(&El::new(doc, "span")?.class("stale").text(&t("popup_stale")))?;
    }
    section.0.append_child(&head.0)?;

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
        let fill = El::new(doc, "span")?.attr("style", &format!("width:{percent:.1}%"))?;
        let bar = El::new(doc, "div")?
            .class("bar")
            .attr("role", "progressbar")?
            .attr("aria-valuemin", "0")?
            .attr("aria-valuemax", "100")?
            .attr("aria-valuenow", &format!("{percent:.0}"))?
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
    Ok(item)
}
