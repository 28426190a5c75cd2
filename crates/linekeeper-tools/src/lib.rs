//! WebAssembly bindings of LineKeeper: the **tools module**, the service worker's rare
//! actions. The worker instantiates the engine module (`crates/linekeeper-wasm`) on every
//! start; this one only on the first message that needs it (`extension/background.js`,
//! `tools()`), then keeps it for the worker's lifetime: the user's actions (`actions.rs`: a
//! tick in the popup's checklist, a notification's buttons and click, the options form,
//! import of an export file), teaching a site (`teach.rs`), and stored data in an older
//! layout or that cannot be read (`check_state`: the engine's `state_is_current` says when
//! it is needed).
//!
//! This crate holds no business logic: it converts between JavaScript values and the core's
//! types ([`linekeeper`]) and calls the core, like the engine module.

mod actions;
mod teach;

use linekeeper::json::{Obj, ToJson};
use linekeeper::store::State;
use linekeeper_web::to_js;
use wasm_bindgen::prelude::*;

struct Rewrite {
    /// Storage key to keep the unreadable value under (absent: the value was read).
    key: Option<String>,
    /// Why it could not be read, in words.
    reason: Option<String>,
    /// The state to store: the value in the current layout, or (unreadable) an empty state
    /// noting where the value is kept.
    state: State,
}

impl ToJson for Rewrite {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("reason", &self.reason)
            .field("state", &self.state)
            .end()
    }
}

/// Checks the stored state: `undefined` when it is in the current layout; otherwise what to
/// write, in one storage call: `{state}` for an older layout (migrated), or `{key, reason,
/// state}` when it cannot be read: the worker keeps the unreadable value under `key` and
/// `state` under `"state"` in the same call, so nothing is lost or overwritten. The worker
/// calls it only when the engine's `state_is_current` says no.
/// Installs the carrier profiles the package ships (`profiles.json-seq`): the worker passes
/// the file's text once, right after instantiating this module and before any other call.
#[wasm_bindgen]
pub fn install_profiles(seq: &str) -> Result<u32, JsError> {
    linekeeper::profile::install_builtin(seq)
        .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        .map_err(|e| JsError::new(&e.0))
}

#[wasm_bindgen]
pub fn check_state(state: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let stored_version = js_sys::Reflect::get(&state, &"version".into())
        .ok()
        .and_then(|v| v.as_f64());
    match linekeeper_web::read_any_layout(state) {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    pub(crate) fn get(value: &JsValue, path: &[&str]) -> JsValue {
        path.iter().fold(value.clone(), |v, key| {
            js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap()
        })
    }

    pub(crate) fn parse(json: &str) -> JsValue {
        js_sys::JSON::parse(json).unwrap()
    }

    #[wasm_bindgen_test]
    fn check_state_migrates_old_layouts_and_keeps_unreadable_ones_aside() {
        const NOW: f64 = 1_795_700_060_000.0;
        // Current layout (and nothing stored): nothing to write.
        assert!(check_state(JsValue::UNDEFINED, NOW).unwrap().is_undefined());
        let version = linekeeper::store::STORE_VERSION;
        let current = parse(&format!(r#"{{"version":{version}}}"#));
        assert!(check_state(current, NOW).unwrap().is_undefined());
        // Layout 1, a user-set cycle in its first shape: migrated, nothing kept aside.
        let old = parse(
            r#"{"version":1,"accounts":[],"settings":{"cycles":{"t-mobile":{"every":"months","n":1}}}}"#,
        );
        let out = check_state(old, NOW).unwrap();
        assert!(get(&out, &["key"]).is_null());
        assert_eq!(
            get(&out, &["state", "version"]).as_f64(),
            Some(f64::from(version))
        );
        let cycle = js_sys::JSON::stringify(&get(&out, &["state", "settings", "cycles"])).unwrap();
        assert_eq!(String::from(cycle), r#"{"t-mobile":{"months":{"n":1}}}"#);
        // Damaged, and newer: kept aside under the key the new state names.
        for bad in [
            format!(r#"{{"version":{version},"accounts":7}}"#),
            format!(r#"{{"version":{}}}"#, version + 1),
        ] {
            let out = check_state(parse(&bad), NOW).unwrap();
            let key = get(&out, &["key"]).as_string().unwrap();
            assert!(
                key.starts_with(linekeeper::store::KEPT_ASIDE_PREFIX),
                "{key}"
            );
            assert_eq!(
                get(&out, &["state", "kept_aside", "0", "key"]).as_string(),
                Some(key)
            );
            assert!(get(&out, &["reason"]).as_string().is_some(), "{bad}");
        }
    }
}
