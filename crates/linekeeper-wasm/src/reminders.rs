//! Bindings for reminders, the toolbar badge, settings, import and the calendar file.
//! Conversion only: the core decides; this module localises its messages and hands plain
//! objects to the worker glue (`extension/background.js`).

use crate::dom::{carrier_label, msg, set_catalogue as use_catalogue, t};
use crate::{state_from_js, to_js};
use linekeeper::reminders::{self, Action, Notice};
use linekeeper::settings::{FieldError, Form};
use linekeeper::store::State;
use linekeeper::view::Msg;
use linekeeper::zone::Zone;
use linekeeper::{ics, transfer};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The browser's time zone: the offset `Date` reports at an instant.
pub struct BrowserZone;

impl Zone for BrowserZone {
    fn offset_at(&self, utc_ms: f64) -> i32 {
        let offset = js_sys::Date::new(&JsValue::from_f64(utc_ms)).get_timezone_offset();
        if offset.is_finite() {
            -(offset as i32)
        } else {
            0
        }
    }
}

#[derive(Serialize)]
struct NotificationOut {
    id: String,
    title: String,
    message: String,
    context: Option<String>,
    buttons: Vec<String>,
}

#[derive(Serialize)]
struct BadgeOut {
    text: String,
    color: &'static str,
    title: String,
}

#[derive(Serialize)]
struct SyncOut {
    state: State,
    changed: bool,
    notifications: Vec<NotificationOut>,
    alarms: Vec<reminders::AlarmSpec>,
    badge: BadgeOut,
    close: Vec<String>,
}

fn notification(n: &Notice) -> NotificationOut {
    let carrier = carrier_label(n.carrier.as_deref(), &n.host);
    NotificationOut {
        id: n.id.clone(),
        title: format!("{carrier}: {}", msg(&n.title)),
        message: msg(&n.body),
        context: n.late.then(|| t("notify_late")),
        buttons: n.buttons.iter().map(msg).collect(),
    }
}

/// The language the user chose (`en`, `zh_CN`) for the glue to load its catalogue, or
/// `undefined` for the browser's.
#[wasm_bindgen]
pub fn chosen_locale(state: JsValue) -> Result<Option<String>, JsError> {
    let state = state_from_js(state)?;
    Ok(state.settings.language.locale().map(str::to_string))
}

/// Uses a parsed `messages.json` of the chosen locale (`null` for the browser's language).
#[wasm_bindgen]
pub fn set_catalogue(messages: JsValue) {
    use_catalogue(messages);
}

/// Runs the schedule at `now_ms`: returns `{state, changed, notifications, alarms, badge,
/// close}`. The caller shows the notifications, then stores `state` when `changed`.
#[wasm_bindgen]
pub fn sync(state: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let before = state.clone();
    let lang = crate::dom::ui_language();
    let tick = reminders::tick(&mut state, now_ms, &BrowserZone, &lang);
    let badge = BadgeOut {
        text: tick.badge.text.as_ref().map(msg).unwrap_or_default(),
        color: tick.badge.color,
        title: match &tick.badge.title {
            Some(title) => format!("{} — {}", t("ext_name"), badge_title(&state, title)),
            None => t("ext_name"),
        },
    };
    to_js(&SyncOut {
        changed: state != before,
        notifications: tick.notices.iter().map(notification).collect(),
        alarms: tick.alarms,
        badge,
        close: tick.close,
        state,
    })
}

/// The badge tooltip, with the carrier id in its first argument shown by name.
fn badge_title(state: &State, title: &Msg) -> String {
    let mut m = title.clone();
    if let Some(first) = m.args.first_mut() {
        let host = state
            .accounts
            .iter()
            .find(|a| a.carrier.as_deref() == Some(first.as_str()))
            .map(|a| a.host.clone())
            .unwrap_or_default();
        if !host.is_empty() {
            *first = carrier_label(Some(first), &host);
        }
    }
    msg(&m)
}

#[derive(Serialize)]
struct ActionOut {
    state: State,
    done: bool,
    close: Vec<String>,
}

/// A notification button: `action` is `snooze` or `renewed`.
#[wasm_bindgen]
pub fn notification_action(
    state: JsValue,
    id: &str,
    action: &str,
    now_ms: f64,
) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let action = match action {
        "snooze" => Action::Snooze,
        "renewed" => Action::Renewed,
        other => return Err(JsError::new(&format!("unknown action {other:?}"))),
    };
    let result = state.notification_action(id, action, now_ms, &BrowserZone);
    to_js(&ActionOut {
        state,
        done: result.done,
        close: result.close,
    })
}

/// The account page a notification is about (opened when it is clicked).
#[wasm_bindgen]
pub fn notification_page(state: JsValue, id: &str) -> Result<Option<String>, JsError> {
    let state = state_from_js(state)?;
    let key = reminders::base_key(id);
    Ok(state
        .reminders
        .fired
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| state.account(&f.account))
        .map(|a| a.page_url.clone()))
}

#[derive(Serialize)]
struct FieldErrorOut {
    field: String,
    message: String,
}

#[derive(Serialize)]
struct SettingsOut {
    state: Option<State>,
    errors: Vec<FieldErrorOut>,
}

/// Applies the options form (`Object.fromEntries(new FormData(form))`): `{state}` to store,
/// or `{errors: [{field, message}]}` and nothing to store.
#[wasm_bindgen]
pub fn apply_settings(state: JsValue, form: JsValue) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let form: Form = serde_wasm_bindgen::from_value(form)
        .map_err(|e| JsError::new(&format!("the form could not be read: {e}")))?;
    match linekeeper::settings::apply_form(&state.settings, &form) {
        Ok(settings) => {
            state.settings = settings;
            to_js(&SettingsOut {
                state: Some(state),
                errors: Vec::new(),
            })
        }
        Err(errors) => to_js(&SettingsOut {
            state: None,
            errors: errors.iter().map(field_error).collect(),
        }),
    }
}

fn field_error(e: &FieldError) -> FieldErrorOut {
    FieldErrorOut {
        field: e.field.clone(),
        message: t(e.key),
    }
}

#[derive(Serialize)]
struct ImportOut {
    state: Option<State>,
    error: Option<String>,
}

/// Reads an export file with the browser's JSON parser (the core checks it): the same
/// deserializer as the stored state, so the wasm carries no second one.
pub(crate) fn parse_export(text: &str) -> Result<linekeeper::store::Export, transfer::ImportError> {
    use linekeeper::view::Msg;
    let err = |key, detail: String| transfer::ImportError(Msg::with(key, vec![detail]));
    transfer::check_size(text.len())?;
    let value = js_sys::JSON::parse(text).map_err(|e| {
        let detail = js_sys::Error::from(e)
            .message()
            .as_string()
            .unwrap_or_default();
        err("import_error_json", detail)
    })?;
    let version = if value.is_object() {
        js_sys::Reflect::get(&value, &JsValue::from_str("linekeeper_export"))
            .ok()
            .and_then(|v| v.as_f64())
    } else {
        None
    };
    transfer::check_version(version)?;
    let export = serde_wasm_bindgen::from_value(value)
        .map_err(|e| err("import_error_shape", e.to_string()))?;
    transfer::validate(export)
}

/// Imports an export file into the state (the merge the preview showed): `{state}` or
/// `{error}` with nothing changed.
#[wasm_bindgen]
pub fn import_file(state: JsValue, text: &str) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    match parse_export(text) {
        Ok(export) => {
            transfer::apply(&mut state, &export);
            to_js(&ImportOut {
                state: Some(state),
                error: None,
            })
        }
        Err(e) => to_js(&ImportOut {
            state: None,
            error: Some(msg(&e.0)),
        }),
    }
}

#[derive(Serialize)]
struct IcsOut {
    name: String,
    text: String,
}

/// The next renewal of an account as an `.ics` file: `{name, text}`, or `undefined`.
#[wasm_bindgen]
pub fn renewal_ics(state: JsValue, account: &str, now_ms: f64) -> Result<JsValue, JsError> {
    let state = state_from_js(state)?;
    match calendar(&state, account, now_ms) {
        Some(out) => to_js(&out),
        None => Ok(JsValue::UNDEFINED),
    }
}

fn calendar(state: &State, account: &str, now_ms: f64) -> Option<IcsOut> {
    let a = state.account(account)?;
    let name = carrier_label(a.carrier.as_deref(), &a.host);
    let texts = ics::Texts {
        summary: msg(&Msg::with("ics_summary", vec![name.clone()])),
        description: msg(&Msg::with("ics_description", vec![a.page_url.clone()])),
        alarm: msg(&Msg::with("ics_alarm", vec![name])),
    };
    let (name, text) = ics::renewal_ics(state, account, now_ms, &BrowserZone, &texts)?;
    Some(IcsOut { name, text })
}

/// A `data:` URL and file name for an account's calendar file (for download links).
pub(crate) fn calendar_link(state: &State, account: &str, now_ms: f64) -> Option<(String, String)> {
    let out = calendar(state, account, now_ms)?;
    let href = format!(
        "data:text/calendar;charset=utf-8,{}",
        js_sys::encode_uri_component(&out.text)
    );
    Some((href, out.name))
}

/// Adds "add to calendar" links for each account with a renewal date under the popup's
/// content (kept apart from the popup's own drawing).
pub(crate) fn append_popup_calendar(
    root: &web_sys::Element,
    state: &State,
    now_ms: f64,
) -> Result<(), JsValue> {
    let Some(doc) = root.owner_document() else {
        return Ok(());
    };
    let links: Vec<(String, String, String)> = state
        .accounts
        .iter()
        .filter_map(|a| {
            let (href, file) = calendar_link(state, &a.key, now_ms)?;
            Some((href, file, carrier_label(a.carrier.as_deref(), &a.host)))
        })
        .collect();
    if links.is_empty() {
        return Ok(());
    }
    let nav = crate::dom::El::new(&doc, "nav")?
        .class("calendar")
        .attr("aria-label", &t("calendar_title"))?;
    for (href, file, name) in links {
        let link = crate::dom::El::new(&doc, "a")?
            .class("calendar-link")
            .attr("href", &href)?
            .attr("download", &file)?
            .text(&msg(&Msg::with("calendar_add", vec![name])));
        nav.0.append_child(&link.0)?;
    }
    let parent = root.query_selector("main")?.unwrap_or_else(|| root.clone());
    parent.append_child(&nav.0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{fake_i18n, new_root, stored_state};
    use wasm_bindgen_test::*;

    const NOW: f64 = 1_795_700_060_000.0; // 2026-11-26 13:34 UTC

    fn get(value: &JsValue, path: &[&str]) -> JsValue {
        path.iter().fold(value.clone(), |v, key| {
            js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap()
        })
    }

    #[wasm_bindgen_test]
    fn sync_gives_badge_alarms_and_a_state_to_store() {
        fake_i18n();
        let out = sync(stored_state(), NOW).unwrap();
        assert_eq!(
            get(&out, &["badge", "text"]).as_string().as_deref(),
            Some("toolbar_days(13)")
        );
        let alarms = js_sys::JSON::stringify(&get(&out, &["alarms"])).unwrap();
        let alarms = String::from(alarms);
        assert!(
            alarms.contains("linekeeper:r:lead|t-mobile|2026-12-09|7"),
            "{alarms}"
        );
        assert!(alarms.contains("linekeeper:daily"), "{alarms}");
        assert_eq!(get(&out, &["notifications", "length"]).as_f64(), Some(0.0));
        // Corrupt stored state: an error, never a panic.
        let bad = js_sys::JSON::parse(r#"{"version":1,"accounts":7}"#).unwrap();
        assert!(sync(bad, NOW).is_err());
    }

    #[wasm_bindgen_test]
    fn the_chosen_language_catalogue_wins_over_chrome_i18n() {
        fake_i18n();
        let messages = js_sys::JSON::parse(
            r#"{"lang":{"message":"zh-CN"},"toolbar_days":{"message":"$1天"}}"#,
        )
        .unwrap();
        set_catalogue(messages);
        assert_eq!(crate::dom::ui_language(), "zh-CN");
        let out = sync(stored_state(), NOW).unwrap();
        assert_eq!(
            get(&out, &["badge", "text"]).as_string().as_deref(),
            Some("13天")
        );
        // Keys the catalogue lacks still come from chrome.i18n.
        assert_eq!(t("options_title"), "options_title()");
        set_catalogue(JsValue::NULL);
        assert_eq!(crate::dom::ui_language(), "lang()");
    }

    #[wasm_bindgen_test]
    fn settings_form_errors_name_their_fields() {
        fake_i18n();
        let form = js_sys::JSON::parse(r#"{"section":"reminders","lead_days":"x"}"#).unwrap();
        let out = apply_settings(stored_state(), form).unwrap();
        assert!(get(&out, &["state"]).is_null() || get(&out, &["state"]).is_undefined());
        assert_eq!(
            get(&out, &["errors", "0", "field"]).as_string().as_deref(),
            Some("lead_days")
        );
        let form = js_sys::JSON::parse(r#"{"section":"reminders","lead_days":"5, 1"}"#).unwrap();
        let out = apply_settings(stored_state(), form).unwrap();
        let days =
            js_sys::JSON::stringify(&get(&out, &["state", "settings", "lead_days"])).unwrap();
        assert_eq!(String::from(days), "[5,1]");
    }

    #[wasm_bindgen_test]
    fn options_page_controls_are_labelled_and_the_import_preview_shows() {
        fake_i18n();
        let root = new_root();
        crate::render_options(root.clone(), stored_state(), JsValue::UNDEFINED).unwrap();
        let controls = root
            .query_selector_all("input:not([type=hidden]), select")
            .unwrap();
        assert!(controls.length() >= 10);
        for i in 0..controls.length() {
            let el: web_sys::Element = controls.item(i).unwrap().dyn_into().unwrap();
            let id = el.id();
            let label = root.query_selector(&format!("label[for='{id}']")).unwrap();
            assert!(label.is_some(), "no label for {id}");
        }
        assert_eq!(root.query_selector_all("section h2").unwrap().length(), 6);
        let ics = root.query_selector(".calendar-links a").unwrap().unwrap();
        assert!(ics
            .get_attribute("href")
            .unwrap()
            .starts_with("data:text/calendar"));
        // A broken import file: its error, no apply button.
        let ui = js_sys::JSON::parse(r#"{"import_text":"{","import_name":"x.json"}"#).unwrap();
        crate::render_options(root.clone(), stored_state(), ui).unwrap();
        let preview = root.query_selector(".preview").unwrap().unwrap();
        assert!(preview
            .text_content()
            .unwrap()
            .contains("import_error_json("));
        assert!(root
            .query_selector("[data-action=import-apply]")
            .unwrap()
            .is_none());
        // Its own export: nothing would change.
        let state = state_from_js(stored_state()).unwrap();
        let ui = js_sys::Object::new();
        js_sys::Reflect::set(&ui, &"import_text".into(), &state.export_json().into()).unwrap();
        crate::render_options(root.clone(), stored_state(), ui.into()).unwrap();
        let text = root.text_content().unwrap();
        assert!(text.contains("import_kept(carrier_t_mobile())"), "{text}");
        // Erase asks first.
        let ui = js_sys::JSON::parse(r#"{"erase_confirm":true}"#).unwrap();
        crate::render_options(root.clone(), stored_state(), ui).unwrap();
        assert!(root
            .query_selector("[data-action=erase-confirm]")
            .unwrap()
            .is_some());
    }
}
