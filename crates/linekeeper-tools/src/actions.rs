//! The user's actions on the worker's side: a tick in the popup's checklist, a
//! notification's buttons and click, the options form and import. Conversion only: the
//! core decides (`linekeeper::checklist`, `reminders`, `settings`, `transfer`).

use linekeeper::json::{Obj, ToJson};
use linekeeper::reminders::{self, Action};
use linekeeper::settings::{FieldError, Form};
use linekeeper::store::State;
use linekeeper::transfer;
use linekeeper_web::i18n::{msg, t};
use linekeeper_web::{parse_export, state_from_js, to_js, BrowserZone};
use wasm_bindgen::prelude::*;

/// Applies a popup action (`{type: "checklist", account, step, done}`) to the stored
/// state and returns the new state for the caller to store. Malformed actions, unknown
/// accounts and steps are errors.
#[wasm_bindgen]
pub fn apply_action(state: JsValue, action: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let action: linekeeper::checklist::PopupAction = linekeeper_web::from_js(&action)
        .map_err(|e| JsError::new(&format!("popup action could not be read: {e}")))?;
    state
        .apply(&action, now_ms)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&state)
}

struct ActionOut {
    state: State,
    done: bool,
    close: Vec<String>,
}

impl ToJson for ActionOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("state", &self.state)
            .field("done", &self.done)
            .field("close", &self.close)
            .end()
    }
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
        other => {
            return Err(JsError::new(
                &["unknown action ", &linekeeper::json::quoted(other)].concat(),
            ))
        }
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

struct FieldErrorOut {
    field: String,
    message: String,
}

struct SettingsOut {
    state: Option<State>,
    errors: Vec<FieldErrorOut>,
}

impl ToJson for FieldErrorOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("field", &self.field)
            .field("message", &self.message)
            .end()
    }
}

impl ToJson for SettingsOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("state", &self.state)
            .field("errors", &self.errors)
            .end()
    }
}

/// Applies the options form (`Object.fromEntries(new FormData(form))`): `{state}` to store,
/// or `{errors: [{field, message}]}` and nothing to store.
#[wasm_bindgen]
pub fn apply_settings(state: JsValue, form: JsValue) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let form: Form = linekeeper_web::from_js(&form)
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

struct ImportOut {
    state: Option<State>,
    error: Option<String>,
}

impl ToJson for ImportOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("state", &self.state)
            .field("error", &self.error)
            .end()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{get, parse};
    use linekeeper_web::testing::{fake_i18n, stored_state};
    use wasm_bindgen_test::*;

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
    fn settings_form_errors_name_their_fields() {
        fake_i18n();
        let form = parse(r#"{"section":"reminders","lead_days":"x"}"#);
        let out = apply_settings(stored_state(), form).unwrap();
        assert!(get(&out, &["state"]).is_null() || get(&out, &["state"]).is_undefined());
        assert_eq!(
            get(&out, &["errors", "0", "field"]).as_string().as_deref(),
            Some("lead_days")
        );
        let form = parse(r#"{"section":"reminders","lead_days":"5, 1"}"#);
        let out = apply_settings(stored_state(), form).unwrap();
        let days =
            js_sys::JSON::stringify(&get(&out, &["state", "settings", "lead_days"])).unwrap();
        assert_eq!(String::from(days), "[5,1]");
    }

    #[wasm_bindgen_test]
    fn a_malformed_import_is_an_error_with_nothing_changed() {
        fake_i18n();
        let out = import_file(stored_state(), "not an export").unwrap();
        assert!(get(&out, &["state"]).is_null());
        assert!(get(&out, &["error"]).as_string().is_some());
    }
}
