//! WebAssembly bindings of LineKeeper.
//!
//! This crate holds no business logic. It converts between JavaScript values and the core's
//! types ([`linekeeper`]), calls the core, and draws the core's view models with web-sys.
//! Everything it decides is decided in the core; everything it shows comes from a view model.

mod chart;
mod dom;
mod options;
mod popup;
mod reminders;

use linekeeper::page::PageSnapshot;
use linekeeper::store::{Outcome, State, StoreError};
use linekeeper::view::{self, BadgeView};
use linekeeper::{Date, ScanOptions, Snapshot};
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub(crate) fn today(now_ms: f64, utc_offset_minutes: i32) -> Result<Date, JsError> {
    Date::from_unix_millis(now_ms, utc_offset_minutes)
        .ok_or_else(|| JsError::new("the clock gave a date LineKeeper cannot use"))
}

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Reads the stored state object of any layout (`undefined`/`null` → empty state); older
/// layouts are migrated by the core, unreadable ones are an error saying why.
pub(crate) fn state_from_js(value: JsValue) -> Result<State, JsError> {
    read_state(value).map_err(|e| JsError::new(&e.to_string()))
}

fn read_state(value: JsValue) -> Result<State, linekeeper::store::StoreError> {
    if value.is_undefined() || value.is_null() {
        return Ok(State::default());
    }
    let value: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| StoreError::Corrupt {
            detail: e.to_string(),
        })?;
    State::from_value(value)
}

#[derive(Serialize)]
struct Rewrite {
    /// Storage key to keep the unreadable value under (absent: the value was read).
    key: Option<String>,
    /// Why it could not be read, in words.
    reason: Option<String>,
    /// The state to store: the value in the current layout, or (unreadable) an empty state
    /// noting where the value is kept.
    state: State,
}

/// Checks the stored state: `undefined` when it is in the current layout; otherwise what to
/// write, in one storage call: `{state}` for an older layout (migrated), or `{key, reason,
/// state}` when it cannot be read: the worker keeps the unreadable value under `key` and
/// `state` under `"state"` in the same call, so nothing is lost or overwritten.
#[wasm_bindgen]
pub fn check_state(state: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let stored_version = js_sys::Reflect::get(&state, &"version".into())
        .ok()
        .and_then(|v| v.as_f64());
    match read_state(state) {
        Ok(_)
            if stored_version.is_none_or(|v| v == f64::from(linekeeper::store::STORE_VERSION)) =>
        {
            Ok(JsValue::UNDEFINED)
        }
        Ok(state) => to_js(&Rewrite {
            key: None,
            reason: None,
            state,
        }),
        Err(error) => {
            let reason = error.to_string();
            let state = State::after_unreadable(error, now_ms);
            let key = state.kept_aside.first().map(|k| k.key.clone());
            to_js(&Rewrite {
                key,
                reason: Some(reason),
                state,
            })
        }
    }
}

#[derive(Serialize)]
struct Decoded {
    #[serde(flatten)]
    message: linekeeper::message::Message,
    #[serde(flatten)]
    source: linekeeper::message::Source,
}

#[derive(Serialize)]
struct Refused {
    /// The reason, as the reply to the extension's own pages.
    error: String,
    /// Whether the sender gets `error` as its reply (own pages) or nothing.
    reply: bool,
    #[serde(flatten)]
    why: linekeeper::message::Refusal,
}

/// Decodes and checks a runtime message (`message.rs`): `{type, from, …}` when the worker may
/// act on it (large fields such as `page` are not copied back: use the message's own, now
/// checked), else `{refused, error, reply}`. `sender` is the browser's `MessageSender`;
/// `context` is `{extension_id, extension_url, content_matches}`; the hosts the user taught
/// come from the stored `state` (an unreadable state teaches none).
#[wasm_bindgen]
pub fn decode_message(
    message: JsValue,
    sender: JsValue,
    context: JsValue,
    state: JsValue,
) -> Result<JsValue, JsError> {
    use linekeeper::message::{answers_refusal, decode, Context, Refusal, Sender};
    let sender: Sender = serde_wasm_bindgen::from_value(sender).unwrap_or_default();
    let mut ctx: Context = serde_wasm_bindgen::from_value(context)
        .map_err(|e| JsError::new(&format!("message context: {e}")))?;
    ctx.taught_hosts = read_state(state)
        .map(|s| s.taught_hosts())
        .unwrap_or_default();
    let decoded = serde_wasm_bindgen::from_value::<serde_json::Value>(message)
        .map_err(|e| Refusal::Malformed {
            detail: e.to_string(),
        })
        .and_then(|message| decode(&message, &sender, &ctx));
    match decoded {
        Ok((source, message)) => to_js(&Decoded { message, source }),
        Err(why) => to_js(&Refused {
            error: why.text(),
            reply: answers_refusal(&sender, &ctx),
            why,
        }),
    }
}

#[derive(Serialize)]
struct IngestResult {
    state: State,
    outcome: Outcome,
    snapshot: Snapshot,
    badge: BadgeView,
}

/// Turns a page snapshot from the content script (JSON text) into a Snapshot, applies it to the
/// stored state and returns `{state, outcome, snapshot, badge}`. The caller stores `state`.
#[wasm_bindgen]
pub fn ingest(
    state: JsValue,
    page: &str,
    url: &str,
    now_ms: f64,
    utc_offset_minutes: i32,
    lang: &str,
) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let mut page: PageSnapshot = serde_json::from_str(page)
        .map_err(|e| JsError::new(&format!("page snapshot could not be read: {e}")))?;
    // The URL comes from the browser (the message sender), never from the page's own claim.
    page.url = url.to_string();
    let today = today(now_ms, utc_offset_minutes)?;
    let snapshot = linekeeper::extract(&page, &ScanOptions { today });
    let outcome = state.ingest(&snapshot, url, now_ms, today);
    let badge = view::badge(&snapshot, today, lang, view::page_in_account_area(url));
    to_js(&IngestResult {
        state,
        outcome,
        snapshot,
        badge,
    })
}

/// The popup's view model for the stored state (for tests and other pages).
#[wasm_bindgen]
pub fn popup_view(
    state: JsValue,
    now_ms: f64,
    utc_offset_minutes: i32,
    lang: &str,
) -> Result<JsValue, JsError> {
    let state = state_from_js(state)?;
    let today = today(now_ms, utc_offset_minutes)?;
    to_js(&view::popup(&state, now_ms, today, lang))
}

/// Applies a popup action (`{type: "checklist", account, step, done}`) to the stored
/// state and returns the new state for the caller to store. Malformed actions, unknown
/// accounts and steps are errors.
#[wasm_bindgen]
pub fn apply_action(state: JsValue, action: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let action: linekeeper::checklist::PopupAction = serde_wasm_bindgen::from_value(action)
        .map_err(|e| JsError::new(&format!("popup action could not be read: {e}")))?;
    state
        .apply(&action, now_ms)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&state)
}

/// A stored state in any layout LineKeeper reads, returned in the layout it writes (for
/// tests and benchmarks that seed storage).
#[wasm_bindgen]
pub fn normalize_state(state: JsValue) -> Result<JsValue, JsError> {
    to_js(&state_from_js(state)?)
}

/// Draws the popup for the stored state into `root`.
#[wasm_bindgen]
pub fn render_popup(
    root: web_sys::Element,
    state: JsValue,
    now_ms: f64,
    utc_offset_minutes: i32,
) -> Result<(), JsError> {
    let lang = dom::ui_language();
    let state = state_from_js(state)?;
    let today = today(now_ms, utc_offset_minutes)?;
    let model = view::popup(&state, now_ms, today, &lang);
    popup::render(&root, &model).map_err(|e| JsError::new(&format!("{e:?}")))?;
    dom::prepend_store_notice(&root, &state).map_err(|e| JsError::new(&format!("{e:?}")))?;
    // Issue 6: "add to calendar" links, drawn apart from the popup's own content.
    reminders::append_popup_calendar(&root, &state, now_ms)
        .map_err(|e| JsError::new(&format!("{e:?}")))
}

/// Draws the options page for the stored state into `root`; `ui` is the page's own state
/// (`options::Ui`: confirmation shown, import file being previewed, last errors, now).
#[wasm_bindgen]
pub fn render_options(root: web_sys::Element, state: JsValue, ui: JsValue) -> Result<(), JsError> {
    let state = state_from_js(state)?;
    let ui: options::Ui = if ui.is_undefined() || ui.is_null() {
        options::Ui::default()
    } else {
        serde_wasm_bindgen::from_value(ui).map_err(|e| JsError::new(&e.to_string()))?
    };
    options::render(&root, &state, &ui).map_err(|e| JsError::new(&format!("{e:?}")))?;
    dom::prepend_store_notice(&root, &state).map_err(|e| JsError::new(&format!("{e:?}")))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn ingest_rejects_a_malformed_page_with_an_error_not_a_panic() {
        let result = ingest(
            JsValue::NULL,
            "not a page",
            "https://www.t-mobile.com/",
            0.0,
            0,
            "en",
        );
        assert!(result.is_err());
    }

    /// A stand-in for `chrome.i18n` in the test page: `key(arg, …)`.
    pub(crate) fn fake_i18n() {
        let get = js_sys::Function::new_with_args(
            "key, args",
            "return key + '(' + (args || []).join(',') + ')';",
        );
        let i18n = js_sys::Object::new();
        js_sys::Reflect::set(&i18n, &"getMessage".into(), &get).unwrap();
        let chrome = js_sys::Object::new();
        js_sys::Reflect::set(&chrome, &"i18n".into(), &i18n).unwrap();
        js_sys::Reflect::set(&js_sys::global(), &"chrome".into(), &chrome).unwrap();
    }

    pub(crate) fn stored_state() -> JsValue {
        let json = r#"{"version":1,"accounts":[{"key":"t-mobile","carrier":"t-mobile","host":"www.t-mobile.com",
          "page_url":"https://www.t-mobile.com/account","read_at_ms":1795700000000,
          "latest":{"schema":1,"status":"ok","carrier":"t-mobile","next_bill_date":"2026-12-09",
            "balance":{"amount":"0.00","currency":"USD"},"amount_due":null,"autopay":false,
            "lines":[{"number_last4":"4821","label":null,"plan":"Prepaid Connect","renews_on":null,
              "data":{"remaining_mb":3502.08,"used_mb":1617.92,"total_mb":5120.0,"unlimited":false}}]},
          "history":[]}]}"#;
        js_sys::JSON::parse(json).unwrap()
    }

    pub(crate) fn new_root() -> web_sys::Element {
        let doc = web_sys::window().unwrap().document().unwrap();
        let root = doc.create_element("div").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        root
    }

    #[wasm_bindgen_test]
    fn popup_draws_the_stored_record() {
        fake_i18n();
        let root = new_root();
        // 2026-11-26 13:34 UTC, a minute after the read: 13 days before the bill date.
        render_popup(root.clone(), stored_state(), 1_795_700_060_000.0, 0).unwrap();
        let text = root.text_content().unwrap();
        assert!(text.contains("carrier_t_mobile()"), "{text}");
        assert!(text.contains("renews_in_days(13)"), "{text}");
        assert!(text.contains("data_left(3.4 GB)"), "{text}");
        assert!(text.contains("•••4821 · Prepaid Connect"), "{text}");
        assert!(text.contains("$0.00"), "{text}");
        let bar = root.query_selector("[role=progressbar]").unwrap().unwrap();
        assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("68"));
        let link = root.query_selector("a.button").unwrap().unwrap();
        assert_eq!(
            link.get_attribute("href").as_deref(),
            Some("https://www.t-mobile.com/account")
        );
    }

    #[wasm_bindgen_test]
    fn popup_empty_state_offers_supported_carriers() {
        fake_i18n();
        let root = new_root();
        render_popup(root.clone(), JsValue::UNDEFINED, 1_795_700_060_000.0, 0).unwrap();
        assert!(root.query_selector("section.empty").unwrap().is_some());
        assert!(root.text_content().unwrap().contains("popup_empty_title()"));
    }

    #[wasm_bindgen_test]
    fn popup_actions_are_checked_in_rust() {
        let action = |json: &str| js_sys::JSON::parse(json).unwrap();
        let ok = apply_action(
            stored_state(),
            action(r#"{"type":"checklist","account":"t-mobile","step":1,"done":true}"#),
            1_795_700_060_000.0,
        )
        .unwrap();
        let json = js_sys::JSON::stringify(&ok).unwrap().as_string().unwrap();
        assert!(
            json.contains(r#""done":[false,true,false,false,false]"#),
            "{json}"
        );
        for bad in [
            r#"{"type":"checklist","account":"t-mobile","step":5,"done":true}"#,
            r#"{"type":"checklist","account":"nobody","step":1,"done":true}"#,
            r#"{"type":"checklist","account":"t-mobile","step":"1","done":true}"#,
            r#"{"type":"erase"}"#,
            r#"null"#,
        ] {
            assert!(
                apply_action(stored_state(), action(bad), 0.0).is_err(),
                "{bad}"
            );
        }
    }

    #[wasm_bindgen_test]
    fn popup_draws_checklist_and_chart() {
        fake_i18n();
        let root = new_root();
        render_popup(root.clone(), stored_state(), 1_795_700_060_000.0, 0).unwrap();
        let boxes = root
            .query_selector_all("input[type=checkbox][data-account=t-mobile]")
            .unwrap();
        assert_eq!(boxes.length(), 5);
        // One reading: no chart yet, a forecast from the cycle so far.
        assert!(root.query_selector("svg").unwrap().is_none());
        assert!(root.text_content().unwrap().contains("forecast_pace("));
    }

    #[wasm_bindgen_test]
    fn corrupt_state_is_an_error_not_a_panic() {
        fake_i18n();
        let root = new_root();
        let bad = js_sys::JSON::parse(r#"{"version":"x"}"#).unwrap();
        assert!(render_popup(root, bad, 0.0, 0).is_err());
    }

    #[wasm_bindgen_test]
    fn ingest_stores_nothing_for_an_empty_page() {
        let page = r#"{"url":"x","nodes":[{"t":"body","b":true}]}"#;
        let out = ingest(
            JsValue::UNDEFINED,
            page,
            "https://www.t-mobile.com/account",
            1.8e12,
            0,
            "en",
        )
        .unwrap();
        let outcome = js_sys::Reflect::get(&out, &"outcome".into()).unwrap();
        assert_eq!(outcome.as_string().as_deref(), Some("ignored"));
    }
}
