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
use linekeeper_web::{state_from_js, today};
use wasm_bindgen::prelude::*;

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

/// Completes the popup last drawn into `root` with what is not on its first screen (the
/// readings tables, folded): called right after [`render_popup`], in the same task.
#[wasm_bindgen]
pub fn finish_popup(root: web_sys::Element) -> Result<(), JsError> {
    popup::finish(&root).map_err(|e| JsError::new(&format!("{e:?}")))
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

    /// The stored record with its line's label and plan replaced by `label` and `plan`
    /// (as a page could have written them).
    fn state_with(label: &str, plan: &str) -> JsValue {
        let state = stored_state();
        let line = js_sys::Reflect::get(&state, &"accounts".into())
            .and_then(|a| js_sys::Reflect::get(&a, &0.into()))
            .and_then(|a| js_sys::Reflect::get(&a, &"latest".into()))
            .and_then(|l| js_sys::Reflect::get(&l, &"lines".into()))
            .and_then(|l| js_sys::Reflect::get(&l, &0.into()))
            .unwrap();
        js_sys::Reflect::set(&line, &"label".into(), &label.into()).unwrap();
        js_sys::Reflect::set(&line, &"plan".into(), &plan.into()).unwrap();
        state
    }

    #[wasm_bindgen_test]
    fn hostile_labels_and_plans_are_shown_as_text() {
        fake_i18n();
        let root = new_root();
        let label = "<img src=x onerror=\"document.body.dataset.pwned=1\">";
        let plan = "\"><svg onload=alert(1)></svg><b>&amp; Co";
        render_popup(
            root.clone(),
            state_with(label, plan),
            1_795_700_060_000.0,
            0,
        )
        .unwrap();
        assert!(root.query_selector("img").unwrap().is_none());
        assert!(root.query_selector("b").unwrap().is_none());
        assert!(root.query_selector("svg").unwrap().is_none());
        let name = root.query_selector(".line-name").unwrap().unwrap();
        assert_eq!(
            name.text_content().unwrap(),
            format!("•••4821 · {label} · {plan}")
        );
    }

    #[wasm_bindgen_test]
    fn chart_is_svg_in_the_svg_namespace_with_its_table() {
        fake_i18n();
        let root = new_root();
        // Two readings a day apart: enough for a chart.
        let history = r#"[{"at_ms":1795613600000,"date":"2026-11-25","next_bill_date":"2026-12-09",
            "lines":[["4821",4000.0,null]]},{"at_ms":1795700000000,"date":"2026-11-26",
            "next_bill_date":"2026-12-09","lines":[["4821",3502.08,null]]}]"#;
        let history = js_sys::JSON::parse(history).unwrap();
        let state = state_with("Mom", "Plan");
        let account = js_sys::Reflect::get(&state, &"accounts".into())
            .and_then(|a| js_sys::Reflect::get(&a, &0.into()))
            .unwrap();
        js_sys::Reflect::set(&account, &"history".into(), &history).unwrap();
        render_popup(root.clone(), state, 1_795_700_060_000.0, 0).unwrap();
        // The folded table comes with `finish_popup`, in the same task.
        assert!(root
            .query_selector("details.readings table")
            .unwrap()
            .is_none());
        finish_popup(root.clone()).unwrap();
        let svg = root.query_selector("svg.chart-svg").unwrap().unwrap();
        assert_eq!(
            svg.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(svg.get_attribute("viewBox").as_deref(), Some("0 0 320 136"));
        assert_eq!(svg.query_selector_all("path.curve").unwrap().length(), 1);
        let rows = root
            .query_selector_all("details.readings tbody tr")
            .unwrap();
        assert_eq!(rows.length(), 2);
        let legend = root.query_selector(".legend li").unwrap().unwrap();
        assert_eq!(legend.text_content().as_deref(), Some("•••4821"));
    }

    #[wasm_bindgen_test]
    fn corrupt_state_is_an_error_not_a_panic() {
        fake_i18n();
        let root = new_root();
        let bad = js_sys::JSON::parse(r#"{"version":"x"}"#).unwrap();
        assert!(render_popup(root, bad, 0.0, 0).is_err());
    }
}
