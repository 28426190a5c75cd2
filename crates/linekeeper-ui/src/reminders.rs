//! The renewal as a calendar file (`.ics`), and the popup's "add to calendar" links.
//! Conversion only: the core (`linekeeper::ics`) writes the file; this module localises its
//! texts and draws the links.

use crate::dom::{carrier_label, msg, t};
use linekeeper::ics;
use linekeeper::json::{Obj, ToJson};
use linekeeper::store::State;
use linekeeper::view::Msg;
pub(crate) use linekeeper_web::parse_export;
use linekeeper_web::{state_from_js, to_js, BrowserZone};
use wasm_bindgen::prelude::*;

struct IcsOut {
    name: String,
    text: String,
}

impl ToJson for IcsOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("name", &self.name)
            .field("text", &self.text)
            .end()
    }
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
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

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
        // Reminders, low data, cycles, language, calendar, taught pages (issue 8), data.
        assert_eq!(root.query_selector_all("section h2").unwrap().length(), 7);
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
