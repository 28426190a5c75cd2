//! Draws the options page: reminders, low-data alert, renewal cycles, language, calendar
//! files, and the data section (export, import with a preview, erase with confirmation).
//! Presentation only: values come from the stored state and the core; the page glue
//! (`www/options.js`) sends forms and buttons to the worker, which applies them in Rust.

use crate::dom::{carrier_label, msg, t, El};
use crate::reminders::calendar_link;
use linekeeper::reminders::{cycle_of, inferred_cycle};
use linekeeper::settings::{format_lead_days, format_time, Cycle, Language, Settings};
use linekeeper::store::State;
use linekeeper::transfer::{self, Change};
use linekeeper::view::Msg;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

/// What the page glue keeps between renders.
#[derive(Debug, Default)]
pub struct Ui {
    pub erase_confirm: bool,
    /// The chosen import file's text and name, while its preview is shown.
    pub import_text: Option<String>,
    pub import_name: Option<String>,
    /// Errors of the last save, already localised: (field, message).
    pub errors: Vec<UiError>,
    /// A message key for the status line (`options_saved`, …).
    pub status: Option<String>,
    /// A status text as is (an error reported by the worker).
    pub status_text: Option<String>,
    pub now_ms: f64,
    /// A chosen rule file's name and what the worker's check of it found, while its
    /// preview is shown (issue 8).
    pub rule_name: Option<String>,
    pub rule_check: Option<RuleCheck>,
}

/// `linekeeper::teach::RuleCheck` as the worker sent it.
#[derive(Debug, Default)]
pub struct RuleCheck {
    pub host: Option<String>,
    pub anchors: Vec<(String, String)>,
    pub replaces: bool,
    pub error: Option<String>,
}

#[derive(Debug, Default)]
pub struct UiError {
    pub field: String,
    pub message: String,
}

linekeeper::json_struct!(Ui, "Ui" {
    ;
    erase_confirm,
    import_text,
    import_name,
    errors,
    status,
    status_text,
    now_ms,
    rule_name,
    rule_check,
});
linekeeper::json_struct!(RuleCheck, "RuleCheck" { ; host, anchors, replaces, error });
linekeeper::json_struct!(UiError, "UiError" { field, message; });

struct Page<'a> {
    doc: Document,
    ui: &'a Ui,
}

impl Page<'_> {
    fn el(&self, tag: &str) -> Result<El, JsValue> {
        El::new(&self.doc, tag)
    }

    fn error_for(&self, field: &str) -> Option<&str> {
        self.ui
            .errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// A labelled input with optional help, and its error when the last save had one.
    fn field(
        &self,
        name: &str,
        kind: &str,
        label: &str,
        value: &str,
        help: Option<&str>,
    ) -> Result<El, JsValue> {
        let id = format!("f-{}", name.replace(':', "-"));
        let input = self
            .el("input")?
            .attr("type", kind)?
            .attr("id", &id)?
            .attr("name", name)?
            .attr("value", value)?;
        let mut described = Vec::new();
        let wrap = self
            .el("div")?
            .class("field")
            .child(&self.el("label")?.attr("for", &id)?.text(label))?
            .child(&input)?;
        if let Some(help) = help {
            let help_id = format!("{id}-help");
            wrap.0.append_child(
                &self
                    .el("p")?
                    .class("help")
                    .attr("id", &help_id)?
                    .text(help)
                    .0,
            )?;
            described.push(help_id);
        }
        if let Some(error) = self.error_for(name) {
            let error_id = format!("{id}-error");
            wrap.0.append_child(
                &self
                    .el("p")?
                    .class("error")
                    .attr("id", &error_id)?
                    .text(error)
                    .0,
            )?;
            described.push(error_id);
            input.0.set_attribute("aria-invalid", "true")?;
        }
        if !described.is_empty() {
            input
                .0
                .set_attribute("aria-describedby", &described.join(" "))?;
        }
        Ok(wrap)
    }

    fn checkbox(&self, name: &str, label: &str, checked: bool) -> Result<El, JsValue> {
        let id = format!("f-{name}");
        let input = self
            .el("input")?
            .attr("type", "checkbox")?
            .attr("id", &id)?
            .attr("name", name)?;
        if checked {
            input.0.set_attribute("checked", "")?;
        }
        self.el("div")?
            .class("field check")
            .child(&input)?
            .child(&self.el("label")?.attr("for", &id)?.text(label))
    }

    fn form(&self, section: &str) -> Result<El, JsValue> {
        let hidden = self
            .el("input")?
            .attr("type", "hidden")?
            .attr("name", "section")?
            .attr("value", section)?;
        self.el("form")?
            .attr("data-section", section)?
            .attr("novalidate", "")?
            .child(&hidden)
    }

    fn submit(&self, label: &str) -> Result<El, JsValue> {
        Ok(self
            .el("button")?
            .attr("type", "submit")?
            .class("button")
            .text(label))
    }

    fn section(&self, id: &str, title: &str) -> Result<El, JsValue> {
        self.el("section")?
            .attr("aria-labelledby", id)?
            .child(&self.el("h2")?.attr("id", id)?.text(title))
    }

    fn action(&self, action: &str, label: &str, class: &str) -> Result<El, JsValue> {
        Ok(self
            .el("button")?
            .attr("type", "button")?
            .attr("data-action", action)?
            .class(class)
            .text(label))
    }
}

pub fn render(root: &Element, state: &State, ui: &Ui) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let page = Page { doc, ui };
    root.set_text_content(None);
    let main = page
        .el("main")?
        .child(&page.el("h1")?.text(&t("options_title")))?;
    let status_text = match (&ui.status_text, &ui.status) {
        (Some(text), _) => text.clone(),
        (None, Some(key)) => t(key),
        (None, None) => String::new(),
    };
    main.0.append_child(
        &page
            .el("p")?
            .class("status")
            .attr("role", "status")?
            .attr("aria-live", "polite")?
            .text(&status_text)
            .0,
    )?;
    let s = &state.settings;
    main.0.append_child(&reminders_section(&page, s)?.0)?;
    main.0.append_child(&data_alert_section(&page, s)?.0)?;
    main.0.append_child(&cycles_section(&page, state)?.0)?;
    main.0.append_child(&language_section(&page, s)?.0)?;
    main.0.append_child(&calendar_section(&page, state)?.0)?;
    main.0.append_child(&taught_section(&page, state)?.0)?;
    main.0.append_child(&data_section(&page, state)?.0)?;
    root.append_child(&main.0)?;
    Ok(())
}

fn reminders_section(p: &Page, s: &Settings) -> Result<El, JsValue> {
    let form = p
        .form("reminders")?
        .child(&p.checkbox("reminders", &t("options_reminders_on"), s.reminders)?)?
        .child(&p.field(
            "lead_days",
            "text",
            &t("options_lead_days"),
            &format_lead_days(&s.lead_days),
            Some(&t("options_lead_days_help")),
        )?)?
        .child(&p.field(
            "remind_at",
            "time",
            &t("options_remind_at"),
            &format_time(s.remind_at),
            None,
        )?)?;
    let quiet = s.quiet;
    let fieldset = p
        .el("fieldset")?
        .child(&p.el("legend")?.text(&t("options_quiet")))?
        .child(&p.checkbox("quiet", &t("options_quiet_on"), quiet.is_some())?)?
        .child(&p.field(
            "quiet_start",
            "time",
            &t("options_quiet_start"),
            &format_time(quiet.map(|q| q.start).unwrap_or(22 * 3600)),
            None,
        )?)?
        .child(&p.field(
            "quiet_end",
            "time",
            &t("options_quiet_end"),
            &format_time(quiet.map(|q| q.end).unwrap_or(8 * 3600)),
            Some(&t("options_quiet_help")),
        )?)?;
    let form = form
        .child(&fieldset)?
        .child(&p.submit(&t("options_save"))?)?;
    p.section("h-reminders", &t("options_reminders"))?
        .child(&form)
}

fn trim_number(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    linekeeper::decimal::shortest(rounded)
}

fn data_alert_section(p: &Page, s: &Settings) -> Result<El, JsValue> {
    let form = p
        .form("data_alert")?
        .child(&p.checkbox("low_data", &t("options_low_data_on"), s.low_data)?)?
        .child(&p.field(
            "low_data_percent",
            "number",
            &t("options_low_data_percent"),
            &trim_number(s.low_data_percent),
            None,
        )?)?
        .child(&p.field(
            "low_data_gb",
            "number",
            &t("options_low_data_gb"),
            &trim_number(s.low_data_mb / 1024.0),
            Some(&t("options_low_data_help")),
        )?)?
        .child(&p.submit(&t("options_save"))?)?;
    for name in ["f-low_data_percent", "f-low_data_gb"] {
        if let Some(input) = form.0.query_selector(&format!("#{name}"))? {
            input.set_attribute("min", "0")?;
            input.set_attribute("step", "any")?;
        }
    }
    p.section("h-data-alert", &t("options_low_data"))?
        .child(&form)
}

fn cycle_text(c: Cycle) -> String {
    match c {
        Cycle::Months { n: 1 } => t("cycle_monthly"),
        Cycle::Months { n } => msg(&Msg::with("cycle_months", vec![n.to_string()])),
        Cycle::Days { n } => msg(&Msg::with("cycle_days", vec![n.to_string()])),
    }
}

fn cycles_section(p: &Page, state: &State) -> Result<El, JsValue> {
    let section = p
        .section("h-cycles", &t("options_cycles"))?
        .child(&p.el("p")?.class("help").text(&t("options_cycles_help")))?;
    if state.accounts.is_empty() {
        return section.child(&p.el("p")?.text(&t("options_no_accounts")));
    }
    let form = p.form("cycles")?;
    for account in &state.accounts {
        let name = carrier_label(account.carrier.as_deref(), &account.host);
        let set = state.settings.cycles.get(&account.key).copied();
        let inferred = inferred_cycle(account);
        let select_id = format!("f-cycle-{}", account.key.replace(':', "-"));
        let select = p
            .el("select")?
            .attr("id", &select_id)?
            .attr("name", &format!("cycle:{}", account.key))?;
        let (chosen, n) = match set {
            None => ("auto", None),
            Some(Cycle::Months { n }) => ("months", Some(u16::from(n))),
            Some(Cycle::Days { n }) => ("days", Some(n)),
        };
        let options = [
            (
                "auto",
                msg(&Msg::with("cycle_auto", vec![cycle_text(inferred)])),
            ),
            ("months", t("cycle_every_months")),
            ("days", t("cycle_every_days")),
        ];
        for (value, label) in options {
            let option = p.el("option")?.attr("value", value)?.text(&label);
            if value == chosen {
                option.0.set_attribute("selected", "")?;
            }
            select.0.append_child(&option.0)?;
        }
        let current = cycle_of(state, account);
        let n_value = n.map(|n| n.to_string()).unwrap_or_else(|| match current {
            Cycle::Months { n } => n.to_string(),
            Cycle::Days { n } => n.to_string(),
        });
        let group = p
            .el("fieldset")?
            .class("cycle")
            .child(&p.el("legend")?.text(&name))?
            .child(
                &p.el("div")?
                    .class("field")
                    .child(
                        &p.el("label")?
                            .attr("for", &select_id)?
                            .text(&t("options_cycle")),
                    )?
                    .child(&select)?,
            )?
            .child(&p.field(
                &format!("cycle_n:{}", account.key),
                "number",
                &t("options_cycle_n"),
                &n_value,
                None,
            )?)?;
        form.0.append_child(&group.0)?;
    }
    let form = form.child(&p.submit(&t("options_save"))?)?;
    section.child(&form)
}

fn language_section(p: &Page, s: &Settings) -> Result<El, JsValue> {
    let select = p
        .el("select")?
        .attr("id", "f-language")?
        .attr("name", "language")?;
    for (value, label, lang) in [
        ("auto", t("options_language_auto"), Language::Auto),
        ("en", "English".to_string(), Language::En),
        ("zh_cn", "中文（简体）".to_string(), Language::ZhCn),
    ] {
        let option = p.el("option")?.attr("value", value)?.text(&label);
        if s.language == lang {
            option.0.set_attribute("selected", "")?;
        }
        if value != "auto" {
            option
                .0
                .set_attribute("lang", if value == "en" { "en" } else { "zh-CN" })?;
        }
        select.0.append_child(&option.0)?;
    }
    let form = p
        .form("language")?
        .child(
            &p.el("div")?
                .class("field")
                .child(
                    &p.el("label")?
                        .attr("for", "f-language")?
                        .text(&t("options_language")),
                )?
                .child(&select)?,
        )?
        .child(&p.submit(&t("options_save"))?)?;
    p.section("h-language", &t("options_language"))?
        .child(&form)
}

fn calendar_section(p: &Page, state: &State) -> Result<El, JsValue> {
    let section = p
        .section("h-calendar", &t("calendar_title"))?
        .child(&p.el("p")?.class("help").text(&t("calendar_help")))?;
    let list = p.el("ul")?.class("calendar-links");
    for account in &state.accounts {
        if let Some((href, file)) = calendar_link(state, &account.key, p.ui.now_ms) {
            let name = carrier_label(account.carrier.as_deref(), &account.host);
            let link = p
                .el("a")?
                .class("button")
                .attr("href", &href)?
                .attr("download", &file)?
                .text(&msg(&Msg::with("calendar_add", vec![name])));
            list.0.append_child(&p.el("li")?.child(&link)?.0)?;
        }
    }
    if list.0.child_element_count() == 0 {
        return section.child(&p.el("p")?.text(&t("options_no_accounts")));
    }
    section.child(&list)
}

fn data_section(p: &Page, state: &State) -> Result<El, JsValue> {
    let count = Msg::with("options_accounts", vec![state.accounts.len().to_string()]);
    let json = state.export_json();
    let href = format!(
        "data:application/json;charset=utf-8,{}",
        js_sys::encode_uri_component(&json)
    );
    let export = p
        .el("a")?
        .class("button")
        .attr("href", &href)?
        .attr("download", "linekeeper-export.json")?
        .text(&t("options_export"));
    let section = p
        .section("h-data", &t("options_data"))?
        .child(&p.el("p")?.text(&t("options_privacy")))?
        .child(&p.el("p")?.class("count").text(&msg(&count)))?
        .child(&export)?;
    // Import: a file, then a preview of what will change, then apply or cancel.
    let import = p
        .el("div")?
        .class("field")
        .child(
            &p.el("label")?
                .attr("for", "f-import")?
                .text(&t("options_import")),
        )?
        .child(
            &p.el("input")?
                .attr("type", "file")?
                .attr("id", "f-import")?
                .attr("accept", "application/json,.json")?
                .attr("aria-describedby", "f-import-help")?,
        )?
        .child(
            &p.el("p")?
                .class("help")
                .attr("id", "f-import-help")?
                .text(&t("options_import_help")),
        )?;
    let section = section.child(&import)?;
    if let Some(text) = &p.ui.import_text {
        section.0.append_child(&import_preview(p, state, text)?.0)?;
    }
    let erase = if p.ui.erase_confirm {
        p.el("div")?
            .class("confirm")
            .attr("role", "group")?
            .attr("aria-labelledby", "erase-q")?
            .child(
                &p.el("p")?
                    .attr("id", "erase-q")?
                    .class("warning")
                    .text(&t("options_erase_question")),
            )?
            .child(&p.action(
                "erase-confirm",
                &t("options_erase_confirm"),
                "button danger",
            )?)?
            .child(
                &p.action("erase-cancel", &t("options_cancel"), "button secondary")?
                    .attr("data-autofocus", "")?,
            )?
    } else {
        p.el("div")?.class("erase").child(&p.action(
            "erase-ask",
            &t("options_erase"),
            "button danger",
        )?)?
    };
    section.child(&erase)
}

fn import_preview(p: &Page, state: &State, text: &str) -> Result<El, JsValue> {
    let title = msg(&Msg::with(
        "import_preview_title",
        vec![p.ui.import_name.clone().unwrap_or_default()],
    ));
    let block = p
        .el("div")?
        .class("preview")
        .attr("role", "group")?
        .attr("aria-labelledby", "preview-title")?
        .attr("tabindex", "-1")?
        .attr("data-autofocus", "")?
        .child(&p.el("h3")?.attr("id", "preview-title")?.text(&title))?;
    let export = match crate::reminders::parse_export(text) {
        Ok(export) => export,
        Err(e) => {
            return block
                .child(&p.el("p")?.class("error").text(&msg(&e.0)))?
                .child(&p.action("import-cancel", &t("options_cancel"), "button secondary")?);
        }
    };
    let preview = transfer::preview(state, &export);
    let list = p.el("ul")?.class("changes");
    for a in &preview.accounts {
        let name = carrier_label(a.carrier.as_deref(), &a.host);
        let key = match a.change {
            Change::Added => "import_added",
            Change::Replaced => "import_replaced",
            Change::Kept => "import_kept",
        };
        let mut line = msg(&Msg::with(key, vec![name]));
        if a.history_added > 0 {
            line.push_str(" · ");
            line.push_str(&msg(&Msg::with(
                "import_history",
                vec![a.history_added.to_string()],
            )));
        }
        list.0
            .append_child(&p.el("li")?.class(&format!("change-{key}")).text(&line).0)?;
    }
    if preview.settings_changed {
        list.0
            .append_child(&p.el("li")?.text(&t("import_settings")).0)?;
    }
    if preview.renewed_added > 0 {
        let line = msg(&Msg::with(
            "import_renewed",
            vec![preview.renewed_added.to_string()],
        ));
        list.0.append_child(&p.el("li")?.text(&line).0)?;
    }
    let block = block.child(&list)?;
    if preview.unchanged {
        return block
            .child(&p.el("p")?.text(&t("import_unchanged")))?
            .child(&p.action("import-cancel", &t("options_cancel"), "button secondary")?);
    }
    block
        .child(&p.el("p")?.class("help").text(&t("import_keeps")))?
        .child(&p.action("import-apply", &t("import_apply"), "button")?)?
        .child(&p.action("import-cancel", &t("options_cancel"), "button secondary")?)
}

/// The message key naming a taught field.
fn field_name(field: &str) -> String {
    t(match field {
        "data_remaining" => "teach_field_data",
        "balance" => "teach_field_balance",
        _ => "teach_field_renewal",
    })
}

/// "Field: “label”" for each anchor of a rule.
fn anchors_text(anchors: &[(String, String)]) -> String {
    anchors
        .iter()
        .map(|(field, label)| format!("{}: “{label}”", field_name(field)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Pages the user taught (issue 8): each with its labels, export and forget; and a rule
/// file to import, checked by the worker and previewed before it is saved.
fn taught_section(p: &Page, state: &State) -> Result<El, JsValue> {
    let section = p
        .section("h-taught", &t("teach_sites"))?
        .child(&p.el("p")?.class("help").text(&t("teach_sites_help")))?;
    let section = if state.taught.is_empty() {
        section.child(&p.el("p")?.class("none").text(&t("teach_none")))?
    } else {
        let list = p.el("ul")?.class("taught");
        for site in &state.taught {
            let href = format!(
                "data:application/json;charset=utf-8,{}",
                js_sys::encode_uri_component(&site.rule)
            );
            let export = p
                .el("a")?
                .class("button secondary")
                .attr("href", &href)?
                .attr("download", &format!("linekeeper-rule-{}.json", site.host))?
                .text(&t("teach_export"));
            let forget = p
                .action("teach-forget", &t("teach_forget"), "button danger")?
                .attr("data-host", &site.host)?
                .attr(
                    "aria-label",
                    &msg(&Msg::with("teach_forget_site", vec![site.host.clone()])),
                )?;
            let item = p
                .el("li")?
                .attr("data-host", &site.host)?
                .child(&p.el("strong")?.text(&site.host))?
                .child(&p.el("p")?.class("help").text(&anchors_text(&site.anchors)))?
                .child(&p.el("div")?.class("row").child(&export)?.child(&forget)?)?;
            list.0.append_child(&item.0)?;
        }
        section.child(&list)?
    };
    let import = p
        .el("div")?
        .class("field")
        .child(
            &p.el("label")?
                .attr("for", "f-rule")?
                .text(&t("teach_import")),
        )?
        .child(
            &p.el("input")?
                .attr("type", "file")?
                .attr("id", "f-rule")?
                .attr("accept", "application/json,.json")?
                .attr("aria-describedby", "f-rule-help")?,
        )?
        .child(
            &p.el("p")?
                .class("help")
                .attr("id", "f-rule-help")?
                .text(&t("teach_import_help")),
        )?;
    let section = section.child(&import)?;
    let Some(check) = &p.ui.rule_check else {
        return Ok(section);
    };
    let title = msg(&Msg::with(
        "import_preview_title",
        vec![p.ui.rule_name.clone().unwrap_or_default()],
    ));
    let block = p
        .el("div")?
        .class("preview rule-preview")
        .attr("role", "group")?
        .attr("aria-labelledby", "rule-preview-title")?
        .attr("tabindex", "-1")?
        .attr("data-autofocus", "")?
        .child(&p.el("h3")?.attr("id", "rule-preview-title")?.text(&title))?;
    let cancel = p.action("rule-cancel", &t("options_cancel"), "button secondary")?;
    let block = match (&check.error, &check.host) {
        (None, Some(host)) => {
            let key = if check.replaces {
                "teach_rule_replaces"
            } else {
                "teach_rule_for"
            };
            block
                .child(&p.el("p")?.text(&msg(&Msg::with(key, vec![host.clone()]))))?
                .child(&p.el("p")?.class("help").text(&anchors_text(&check.anchors)))?
                .child(&p.el("p")?.class("help").text(&msg(&Msg::with(
                    "teach_permission_note",
                    vec![host.clone()],
                ))))?
                .child(
                    &p.action("rule-apply", &t("teach_import_apply"), "button")?
                        .attr("data-origin", &linekeeper::teach::origin_pattern(host))?,
                )?
                .child(&cancel)?
        }
        (error, _) => block
            .child(&p.el("p")?.class("error").text(&msg(&Msg::with(
                "teach_rule_invalid",
                vec![error.clone().unwrap_or_default()],
            ))))?
            .child(&cancel)?,
    };
    section.child(&block)
}
