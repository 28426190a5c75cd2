//! Teaching (issue 8): bindings for the worker's `teach.js` and the popup's offer.
//! Conversion and drawing only; every check and decision is in `linekeeper::teach`.

use crate::dom::{t, El};
use crate::{state_from_js, to_js, today};
use linekeeper::teach::{self, Pick, TeachMessage};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Checks a teaching message (`{type: "teach-…", …}`) and returns it as read; a malformed
/// one is an error.
#[wasm_bindgen]
pub fn teach_message(message: JsValue) -> Result<JsValue, JsError> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(message)
        .map_err(|e| err(format!("teaching message could not be read: {e}")))?;
    to_js(&TeachMessage::from_json(value).map_err(err)?)
}

/// The message types [`teach_message`] reads (so other listeners leave them alone).
#[wasm_bindgen]
pub fn teach_message_types() -> Vec<String> {
    teach::TEACH_MESSAGE_TYPES
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Parses one clicked value: `{field, value, label, error}` (`error` a message key).
#[wasm_bindgen]
pub fn teach_preview(
    pick: JsValue,
    now_ms: f64,
    utc_offset_minutes: i32,
    lang: &str,
) -> Result<JsValue, JsError> {
    let pick: Pick = serde_wasm_bindgen::from_value(pick)
        .map_err(|e| err(format!("pick could not be read: {e}")))?;
    let today = today(now_ms, utc_offset_minutes)?;
    to_js(&teach::preview(&pick, today, lang).map_err(err)?)
}

#[derive(Serialize)]
struct Saved {
    state: linekeeper::store::State,
    host: String,
}

/// Builds the rule for the page at `url` (the browser's word for the tab) from the confirmed
/// picks and stores it: `{state, host}`.
#[wasm_bindgen]
pub fn teach_save(
    state: JsValue,
    picks: JsValue,
    url: &str,
    now_ms: f64,
    utc_offset_minutes: i32,
) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let picks: Vec<Pick> = serde_wasm_bindgen::from_value(picks)
        .map_err(|e| err(format!("picks could not be read: {e}")))?;
    let today = today(now_ms, utc_offset_minutes)?;
    let rule = teach::build_rule(url, &picks, today).map_err(err)?;
    let host = teach::save_rule(&mut state, &rule, now_ms).map_err(err)?;
    to_js(&Saved { state, host })
}

/// Validates an imported rule file and stores it: `{state, host}`.
#[wasm_bindgen]
pub fn teach_import(state: JsValue, text: &str, now_ms: f64) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let rule = teach::validate_rule(text).map_err(err)?;
    let host = teach::save_rule(&mut state, &rule, now_ms).map_err(err)?;
    to_js(&Saved { state, host })
}

/// Forgets a taught site (rule, accounts read there, their checklists and reminders):
/// `{state, host}`.
#[wasm_bindgen]
pub fn teach_forget(state: JsValue, host: &str) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    teach::forget_site(&mut state, host);
    to_js(&Saved {
        state,
        host: host.to_string(),
    })
}

/// The hosts with a taught rule.
#[wasm_bindgen]
pub fn taught_hosts(state: JsValue) -> Result<Vec<String>, JsError> {
    Ok(state_from_js(state)?
        .taught
        .into_iter()
        .map(|t| t.host)
        .collect())
}

/// The match pattern of a host's site permission and content script, `null` for a page
/// that cannot be taught.
#[wasm_bindgen]
pub fn teach_origin(url: &str) -> Option<String> {
    teach::teachable(url).then(|| teach::origin_pattern(&linekeeper::page::host_of(url)))
}

/// Draws "Teach this page" into the popup for the active tab's `url`, when LineKeeper can
/// be taught that page (https, not a built-in carrier's site).
#[wasm_bindgen]
pub fn render_teach_offer(
    root: web_sys::Element,
    state: JsValue,
    url: &str,
) -> Result<(), JsError> {
    let state = state_from_js(state)?;
    draw_offer(&root, &state, url).map_err(|e| JsError::new(&format!("{e:?}")))
}

fn draw_offer(
    root: &web_sys::Element,
    state: &linekeeper::store::State,
    url: &str,
) -> Result<(), JsValue> {
    if let Some(old) = root.query_selector("section.teach")? {
        old.remove();
    }
    if !teach::teachable(url) {
        return Ok(());
    }
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let host = linekeeper::page::host_of(url);
    let taught = state.taught.iter().any(|s| s.host == host);
    let (intro, button) = if taught {
        ("teach_offer_taught", "teach_again")
    } else {
        ("teach_offer", "teach_this_page")
    };
    let section = El::new(&doc, "section")?
        .class("teach")
        .attr("aria-labelledby", "teach-title")?
        .child(
            &El::new(&doc, "h2")?
                .attr("id", "teach-title")?
                .text(&t("teach_title")),
        )?
        .child(&El::new(&doc, "p")?.text(&t(intro)))?
        .child(
            &El::new(&doc, "button")?
                .attr("type", "button")?
                .class("button")
                .attr("data-action", "teach")?
                .attr("data-origin", &teach::origin_pattern(&host))?
                .text(&t(button)),
        )?
        .child(&El::new(&doc, "p")?.class("help").text(&crate::dom::msg(
            &linekeeper::view::Msg::with("teach_permission_note", vec![host]),
        )))?
        .child(
            &El::new(&doc, "p")?
                .class("teach-status")
                .attr("role", "status")?,
        )?;
    let main = root.query_selector("main")?;
    match main {
        Some(main) => main.append_child(&section.0)?,
        None => root.append_child(&section.0)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{fake_i18n, new_root};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn the_offer_is_drawn_only_for_pages_that_can_be_taught() {
        fake_i18n();
        let root = new_root();
        render_teach_offer(
            root.clone(),
            JsValue::UNDEFINED,
            "https://my.pebblemobile.example/account",
        )
        .unwrap();
        let button = root
            .query_selector("button[data-action=teach]")
            .unwrap()
            .unwrap();
        assert_eq!(
            button.get_attribute("data-origin").as_deref(),
            Some("https://my.pebblemobile.example/*")
        );
        for url in ["https://www.t-mobile.com/account", "http://a.example/", ""] {
            let root = new_root();
            render_teach_offer(root.clone(), JsValue::UNDEFINED, url).unwrap();
            assert!(
                root.query_selector("section.teach").unwrap().is_none(),
                "{url}"
            );
        }
    }

    #[wasm_bindgen_test]
    fn malformed_teaching_messages_are_errors() {
        let bad = js_sys::JSON::parse(r#"{"type":"teach-start","tab":"1"}"#).unwrap();
        assert!(teach_message(bad).is_err());
        let good = js_sys::JSON::parse(r#"{"type":"teach-start","tab":1}"#).unwrap();
        assert!(teach_message(good).is_ok());
    }
}
