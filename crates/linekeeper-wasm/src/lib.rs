//! WebAssembly bindings of LineKeeper.
//!
//! This crate holds no business logic. It converts between JavaScript values and the core's
//! types ([`linekeeper`]), calls the core, and draws the core's view models with web-sys.
//! Everything it decides is decided in the core; everything it shows comes from a view model.

mod dom;
mod options;
mod popup;

use linekeeper::page::PageSnapshot;
use linekeeper::store::{Outcome, State};
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

/// Reads the stored state object (`undefined`/`null` → empty state).
pub(crate) fn state_from_js(value: JsValue) -> Result<State, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(State::default());
    }
    let state: State = serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("stored data could not be read: {e}")))?;
    if state.version > linekeeper::store::STORE_VERSION {
        return Err(JsError::new(
            "stored data was written by a newer LineKeeper",
        ));
    }
    Ok(state)
}

#[derive(Serialize)]
struct IngestResult {
    state: State,
    outcome: Outcome,
    snapshot: Snapshot,
    badge: BadgeView,
}

/// Turns a page snapshot from the content script into a Snapshot, applies it to the
/// stored state and returns `{state, outcome, snapshot, badge}`. The caller stores `state`.
#[wasm_bindgen]
pub fn ingest(
    state: JsValue,
    page: JsValue,
    url: &str,
    now_ms: f64,
    utc_offset_minutes: i32,
    lang: &str,
) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let mut page: PageSnapshot = serde_wasm_bindgen::from_value(page)
        .map_err(|e| JsError::new(&format!("page snapshot could not be read: {e}")))?;
    // The URL comes from the browser (the message sender), never from the page's own claim.
    page.url = url.to_string();
    let today = today(now_ms, utc_offset_minutes)?;
    let snapshot = linekeeper::extract(&page, &ScanOptions { today });
    let outcome = state.ingest(&snapshot, url, now_ms, today);
    let badge = view::badge(&snapshot, today, lang);
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
    popup::render(&root, &model).map_err(|e| JsError::new(&format!("{e:?}")))
}

/// Draws the options page for the stored state into `root`.
#[wasm_bindgen]
pub fn render_options(root: web_sys::Element, state: JsValue) -> Result<(), JsError> {
    let state = state_from_js(state)?;
    options::render(&root, &state).map_err(|e| JsError::new(&format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn ingest_rejects_a_malformed_page_with_an_error_not_a_panic() {
        let result = ingest(
            JsValue::NULL,
            JsValue::from_str("not a page"),
            "https://www.t-mobile.com/",
            0.0,
            0,
            "en",
        );
        assert!(result.is_err());
    }

    #[wasm_bindgen_test]
    fn ingest_stores_nothing_for_an_empty_page() {
        let page = js_sys::JSON::parse(r#"{"url":"x","nodes":[{"t":"body","b":true}]}"#).unwrap();
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
