//! Teaching (issue 8): bindings for the worker's `teach.js` (the popup's offer is drawn
//! by the UI module; `taught_hosts`, read at every worker start, is the engine module's).
//! Conversion only; every check and decision is in `linekeeper::teach`.

use linekeeper::json::{Obj, ToJson};
use linekeeper::teach::{self, Pick, TeachMessage};
use linekeeper_web::{state_from_js, to_js, today};
use wasm_bindgen::prelude::*;

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Checks a teaching message (`{type: "teach-…", …}`): a malformed one is an error.
#[wasm_bindgen]
pub fn teach_message(message: JsValue) -> Result<(), JsError> {
    let message: TeachMessage = linekeeper_web::from_js(&message)
        .map_err(|e| err(format!("teaching message could not be read: {e}")))?;
    message.check().map(|_| ()).map_err(err)
}

/// Parses one clicked value: `{field, value, label, error}` (`error` a message key).
#[wasm_bindgen]
pub fn teach_preview(
    pick: JsValue,
    now_ms: f64,
    utc_offset_minutes: i32,
    lang: &str,
) -> Result<JsValue, JsError> {
    let pick: Pick =
        linekeeper_web::from_js(&pick).map_err(|e| err(format!("pick could not be read: {e}")))?;
    let today = today(now_ms, utc_offset_minutes)?;
    to_js(&teach::preview(&pick, today, lang).map_err(err)?)
}

struct Saved {
    state: linekeeper::store::State,
    host: String,
}

impl ToJson for Saved {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("state", &self.state)
            .field("host", &self.host)
            .end()
    }
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
    let picks: Vec<Pick> = linekeeper_web::from_js(&picks)
        .map_err(|e| err(format!("picks could not be read: {e}")))?;
    let today = today(now_ms, utc_offset_minutes)?;
    let rule = teach::build_rule(url, &picks, today).map_err(err)?;
    let host = teach::save_rule(&mut state, &teach::rule_json(&rule), now_ms).map_err(err)?;
    to_js(&Saved { state, host })
}

/// Validates an imported rule file and stores it: `{state, host}`.
#[wasm_bindgen]
pub fn teach_import(state: JsValue, text: &str, now_ms: f64) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let host = teach::save_rule(&mut state, text, now_ms).map_err(err)?;
    to_js(&Saved { state, host })
}

/// Checks a rule file for the options page's preview: `{host, anchors, replaces, error}`.
#[wasm_bindgen]
pub fn teach_check(state: JsValue, text: &str) -> Result<JsValue, JsError> {
    let state = state_from_js(state)?;
    to_js(&teach::check_rule(&state, text))
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

/// The scan words and anchor elements of the taught rules for the page at `url` that the
/// content script's built-in vocabulary lacks, `{words, elements}`: for a scan whose
/// `ingest` (the engine's) read taught rules, with the same state and URL, so the same rules
/// (ARCHITECTURE.md, "The sparse walk").
#[wasm_bindgen]
pub fn taught_scan(state: JsValue, url: &str) -> Result<JsValue, JsError> {
    let state = state_from_js(state)?;
    let host = linekeeper::page::host_of(url);
    let rules = teach::rules_for_host(&state, &host);
    to_js(&linekeeper::vocabulary::extra_for_host(&host, &rules))
}

/// The match pattern of a host's site permission and content script, `null` for a page
/// that cannot be taught.
#[wasm_bindgen]
pub fn teach_origin(url: &str) -> Option<String> {
    teach::teachable(url).then(|| teach::origin_pattern(&linekeeper::page::host_of(url)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn malformed_teaching_messages_are_errors() {
        let bad = js_sys::JSON::parse(r#"{"type":"teach-start","tab":"1"}"#).unwrap();
        assert!(teach_message(bad).is_err());
        let good = js_sys::JSON::parse(r#"{"type":"teach-start","tab":1}"#).unwrap();
        assert!(teach_message(good).is_ok());
    }
}
