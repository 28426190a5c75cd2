//! WebAssembly bindings of LineKeeper: the UI module, loaded by the popup and options pages.
//!
//! This crate holds no business logic and does not link the extraction engine or the
//! carrier profiles (the service worker's module, `crates/linekeeper-wasm`, does): it reads
//! the stored state, asks the core for view models and draws them with web-sys. What both
//! modules share (value conversion, `chrome.i18n`) is in `crates/linekeeper-web`.

mod chart;
mod dom;
mod options;
mod popup;
mod reminders;
mod teach;

use linekeeper::view;
use linekeeper_web::{state_from_js, to_js, today};
use wasm_bindgen::prelude::*;

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
        linekeeper_web::from_js(&ui).map_err(|e| JsError::new(&e.to_string()))?
    };
    options::render(&root, &state, &ui).map_err(|e| JsError::new(&format!("{e:?}")))?;
    dom::prepend_store_notice(&root, &state).map_err(|e| JsError::new(&format!("{e:?}")))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    pub(crate) use linekeeper_web::testing::{fake_i18n, stored_state};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

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
}
