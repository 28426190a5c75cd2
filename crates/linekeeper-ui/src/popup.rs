//! Draws the popup from the core's [`PopupView`]. Presentation only.
//!
//! The whole popup is built as one HTML string (`linekeeper::markup`, every value escaped)
//! and parsed at once (`dom::append_markup`): a few crossings into the DOM instead of one
//! per element and attribute.

use crate::dom::{msg, t};
use linekeeper::markup::Markup;
use linekeeper::panel::ChecklistView;
use linekeeper::view::{AccountView, LineView, PopupView, Urgency};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

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

thread_local! {
    /// The readings tables of the popup last drawn (chart id, table markup), put into
    /// their folded, hidden `details` by [`finish`] once the first screen is drawn.
    static TABLES: std::cell::RefCell<Vec<(String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A boolean attribute: present or left out.
fn flag(on: bool) -> Option<&'static str> {
    on.then_some("")
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
    let selected = chosen
        .and_then(|key| view.accounts.iter().position(|a| a.key == key))
        .unwrap_or(0);
    let (html, tables) = markup(view, selected);
    root.set_text_content(None);
    crate::dom::append_markup(root, &html)?;
    TABLES.with(|t| *t.borrow_mut() = tables);
    if view.accounts.len() > 1 {
        if let Some(group) = root.query_selector("fieldset.switch")? {
            listen_switch(&group)?;
        }
    }
    if let Some(el) = focused.and_then(|id| doc.get_element_by_id(&id)) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            el.focus()?;
        }
    }
    Ok(())
}

/// Puts the readings tables of the popup last drawn into their folded `details` (hidden
/// until unfolded, so not part of the first screen).
pub fn finish(root: &Element) -> Result<(), JsValue> {
    for (id, table) in TABLES.with(|t| std::mem::take(&mut *t.borrow_mut())) {
        let selector = format!("div.chart[aria-labelledby=\"{id}\"] details.readings");
        if let Some(details) = root.query_selector(&selector)? {
            crate::dom::append_markup(&details, &table)?;
        }
    }
    Ok(())
}

/// The popup's markup, account `selected` shown, and the readings tables (chart id, markup).
fn markup(view: &PopupView, selected: usize) -> (String, Vec<(String, String)>) {
    let mut m = Markup::new();
    let mut tables = Vec::new();
    m.open("header", &[("class", Some("top"))])
        .el("h1", &[], &t("ext_name"))
        .close("header")
        .open("main", &[]);
    if view.accounts.is_empty() {
        empty_state(&mut m);
    }
    if view.accounts.len() > 1 {
        switcher(&mut m, view, selected);
    }
    for (i, account) in view.accounts.iter().enumerate() {
        if let Some(table) = account_card(&mut m, account, i, i != selected) {
            tables.push((format!("chart-{i}"), table));
        }
    }
    m.close("main");
    (m.finish(), tables)
}

/// Radio buttons to switch between accounts (most urgent first); arrow keys move.
fn switcher(m: &mut Markup, view: &PopupView, selected: usize) {
    m.open("fieldset", &[("class", Some("switch"))]).el(
        "legend",
        &[("class", Some("visually-hidden"))],
        &t("popup_accounts"),
    );
    for (i, account) in view.accounts.iter().enumerate() {
        let id = format!("pick-{i}");
        m.empty(
            "input",
            &[
                ("type", Some("radio")),
                ("name", Some("account")),
                ("id", Some(&id)),
                ("value", Some(&account.key)),
                ("aria-controls", Some(&format!("panel-{i}"))),
                ("checked", flag(i == selected)),
            ],
        );
        let mut text = carrier_name(account);
        if let Some(days) = account.days_left {
            text.push_str(" · ");
            text.push_str(&msg(&linekeeper::view::Msg::with(
                "popup_days_short",
                vec![days.to_string()],
            )));
        }
        let class = format!("pick {}", urgency_class(account.urgency));
        m.el(
            "label",
            &[("class", Some(&class)), ("for", Some(&id))],
            &text,
        );
    }
    m.close("fieldset");
}

/// Shows the account whose radio button was chosen, hides the others.
fn listen_switch(group: &Element) -> Result<(), JsValue> {
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
    group.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref())?;
    // Owned by the element's listener from now on.
    let _ = on_change.into_js_value();
    Ok(())
}

fn empty_state(m: &mut Markup) {
    m.open("section", &[("class", Some("empty"))])
        .el("h2", &[], &t("popup_empty_title"))
        .el("p", &[], &t("popup_empty_body"))
        .open("ul", &[("class", Some("carriers"))]);
    for key in [
        "carrier_t_mobile",
        "carrier_mint",
        "carrier_us_mobile",
        "carrier_tello",
        "carrier_google_fi",
        "carrier_china_mobile",
    ] {
        m.el("li", &[], &t(key));
    }
    m.close("ul").el(
        "a",
        &[
            ("class", Some("button")),
            ("href", Some("https://www.t-mobile.com/account")),
            ("target", Some("_blank")),
            ("rel", Some("noopener")),
        ],
        &t("popup_open_tmobile"),
    );
    m.close("section");
}

/// One account's card; its chart's readings table apart (see [`finish`]).
fn account_card(
    m: &mut Markup,
    account: &AccountView,
    index: usize,
    hidden: bool,
) -> Option<String> {
    let title_id = format!("account-{index}");
    let stale = if account.stale { " is-stale" } else { "" };
    let class = format!("account {}{stale}", urgency_class(account.urgency));
    m.open(
        "section",
        &[
            ("class", Some(&class)),
            ("id", Some(&format!("panel-{index}"))),
            ("aria-labelledby", Some(&title_id)),
            ("hidden", flag(hidden)),
        ],
    )
    .open("div", &[("class", Some("account-head"))])
    .el("h2", &[("id", Some(&title_id))], &carrier_name(account))
    .el("span", &[("class", Some("read"))], &msg(&account.read_ago))
    .close("div");
    if account.stale {
        let mut text = t("popup_stale");
        if let Some(as_of) = &account.as_of {
            text = format!("{} {text}", msg(as_of));
        }
        m.el("p", &[("class", Some("stale"))], &text);
    }

    if let Some(days) = &account.days {
        m.open("p", &[("class", Some("days"))])
            .el("strong", &[], &msg(days));
        if let Some(date) = &account.date_text {
            m.el("span", &[("class", Some("date"))], date);
        }
        m.close("p");
    }

    let mut facts: Vec<(String, String)> = Vec::new();
    if let Some(balance) = &account.balance_text {
        facts.push((t("popup_balance"), balance.clone()));
    }
    if let Some(due) = &account.amount_due_text {
        facts.push((t("popup_amount_due"), due.clone()));
    }
    if let Some(autopay) = account.autopay {
        let on = if autopay {
            "popup_autopay_on"
        } else {
            "popup_autopay_off"
        };
        facts.push((t("popup_autopay"), t(on)));
    }
    if !facts.is_empty() {
        m.open("dl", &[("class", Some("facts"))]);
        for (label, value) in &facts {
            m.el("dt", &[], label).el("dd", &[], value);
        }
        m.close("dl");
    }

    if !account.lines.is_empty() {
        m.open("ul", &[("class", Some("lines"))]);
        for line in &account.lines {
            line_item(m, line);
        }
        m.close("ul");
    }

    let table = account
        .chart
        .as_ref()
        .map(|chart| crate::chart::chart(m, chart, &format!("chart-{index}")));
    checklist(m, &account.checklist, index);

    m.el(
        "a",
        &[
            ("class", Some("button")),
            ("href", Some(&account.page_url)),
            ("target", Some("_blank")),
            ("rel", Some("noopener")),
        ],
        &t("popup_refresh"),
    );
    m.close("section");
    table
}

fn line_item(m: &mut Markup, line: &LineView) {
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
    let class = format!("line {}", urgency_class(line.urgency));
    m.open("li", &[("class", Some(&class))])
        .el("div", &[("class", Some("line-name"))], &name);
    let data_text = line.data.as_ref().map(msg);
    if let Some(percent) = line.percent_left {
        let label = data_text.clone().unwrap_or_default();
        m.open(
            "div",
            &[
                ("class", Some("bar")),
                ("role", Some("progressbar")),
                ("aria-valuemin", Some("0")),
                ("aria-valuemax", Some("100")),
                ("aria-valuenow", Some(&format!("{percent:.0}"))),
                ("aria-label", Some(&label)),
            ],
        )
        .empty("span", &[("style", Some(&format!("width:{percent:.1}%")))])
        .close("div");
    }
    if let Some(text) = data_text {
        let text = match &line.total_text {
            Some(total) if !line.unlimited => format!("{text} / {total}"),
            _ => text,
        };
        m.el("div", &[("class", Some("data-text"))], &text);
    }
    if !line.forecast.is_empty() {
        m.open("ul", &[("class", Some("forecast"))]);
        for sentence in &line.forecast {
            m.el("li", &[], &msg(sentence));
        }
        m.close("ul");
    }
    m.close("li");
}

/// The renewal checklist: checkboxes with labels; the glue sends each change to the worker
/// (`data-account`, `data-step`), which stores it and the popup is drawn again.
fn checklist(m: &mut Markup, view: &ChecklistView, index: usize) {
    let title_id = format!("check-{index}");
    let progress = linekeeper::view::Msg::with(
        "check_progress",
        vec![view.done_count.to_string(), view.steps.len().to_string()],
    );
    m.open(
        "div",
        &[
            ("class", Some("checklist")),
            ("role", Some("group")),
            ("aria-labelledby", Some(&title_id)),
        ],
    )
    .open("h3", &[("id", Some(&title_id))])
    .text(&t("check_title"))
    .el("span", &[("class", Some("progress"))], &msg(&progress))
    .close("h3");
    if let Some(cycle) = &view.cycle {
        m.el("p", &[("class", Some("cycle"))], &msg(cycle));
    }
    // "Renewal confirmed", or what to do when it was not: announced as a status.
    for (class, notice) in [("confirmed", &view.confirmed), ("help", &view.help)] {
        if let Some(text) = notice {
            m.el(
                "p",
                &[("class", Some(class)), ("role", Some("status"))],
                &msg(text),
            );
        }
    }
    m.open("ol", &[("class", Some("steps"))]);
    for step in &view.steps {
        let id = format!("step-{index}-{}", step.index);
        let class = if step.done { "step done" } else { "step" };
        m.open("li", &[("class", Some(class))])
            .open("div", &[("class", Some("step-row"))])
            .empty(
                "input",
                &[
                    ("type", Some("checkbox")),
                    ("id", Some(&id)),
                    ("data-account", Some(&view.account)),
                    ("data-step", Some(&step.index.to_string())),
                    ("checked", flag(step.done)),
                ],
            )
            .el("label", &[("for", Some(&id))], &msg(&step.title))
            .close("div");
        if let Some(hint) = &step.hint {
            m.el("p", &[("class", Some("hint"))], &msg(hint));
        }
        for trouble in &step.troubles {
            m.open("details", &[("class", Some("trouble"))])
                .el("summary", &[], &msg(&trouble.title))
                .el("p", &[], &msg(&trouble.body))
                .close("details");
        }
        m.close("li");
    }
    m.close("ol").close("div");
}
