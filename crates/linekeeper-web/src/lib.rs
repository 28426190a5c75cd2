//! What LineKeeper's two WebAssembly modules share (no logic here): the clock, value
//! conversion, reading the stored state and export files, the browser's time zone, and the
//! `chrome.i18n` binding with the language chosen in the options.
//!
//! The engine module (`crates/linekeeper-wasm`, loaded by the service worker) and the UI
//! module (`crates/linekeeper-ui`, loaded by the popup and options pages) both link this
//! crate; each exports `chosen_locale` and `set_catalogue` for `www/locale.js`.

pub mod i18n;

use linekeeper::json::{self, FromJson, ToJson};
use linekeeper::store::{layout_of, State, StoreError, STORE_VERSION};
use linekeeper::transfer;
use linekeeper::zone::Zone;
use linekeeper::Date;
use wasm_bindgen::prelude::*;

pub fn today(now_ms: f64, utc_offset_minutes: i32) -> Result<Date, JsError> {
    Date::from_unix_millis(now_ms, utc_offset_minutes)
        .ok_or_else(|| JsError::new("the clock gave a date LineKeeper cannot use"))
}

/// A value for JavaScript: written as JSON text by the core's JSON module
/// (`linekeeper::json`) and read with the browser's `JSON.parse`: one serialization path.
pub fn to_js<T: ToJson + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    parse_js(&json::to_string(value))
}

/// [`to_js`]' part that does not depend on the type (one copy in the wasm).
fn parse_js(text: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(text).map_err(|_| JsError::new("a value could not be passed to JavaScript"))
}

/// The JSON text of a JavaScript value (`JSON.stringify`); `undefined` (and what has no JSON
/// form) reads as `null`.
pub fn json_text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "null".to_string())
}

/// Reads a JavaScript value through its JSON text (`JSON.stringify`) with the core's JSON
/// module.
pub fn from_js<T: FromJson>(value: &JsValue) -> Result<T, json::Error> {
    json::from_str(&json_text(value))
}

/// Reads the stored state object (`undefined`/`null` → empty state) as it is: the current
/// layout, or an older one whose fields all still read (those added since have defaults).
/// A newer or damaged value is an error saying why. The worker brings older layouts up to
/// date and writes them back ([`read_any_layout`], `check_state`) before anything else reads
/// them, so the pages never need the migrations (nor their size).
pub fn state_from_js(value: JsValue) -> Result<State, JsError> {
    read_state(value).map_err(|e| JsError::new(&e.message()))
}

/// [`state_from_js`] with the core's reason when the value cannot be read.
pub fn read_state(value: JsValue) -> Result<State, StoreError> {
    if value.is_undefined() || value.is_null() {
        return Ok(State::default());
    }
    layout_of(version_of(&value))?;
    from_js(&value).map_err(corrupt)
}

/// Reads a stored state of any layout LineKeeper ever wrote, through the core's migrations
/// (for the worker's `check_state`).
pub fn read_any_layout(value: JsValue) -> Result<State, StoreError> {
    if value.is_undefined() || value.is_null() {
        return Ok(State::default());
    }
    if layout_of(version_of(&value))? == STORE_VERSION {
        return from_js(&value).map_err(corrupt);
    }
    // Migrated as a JSON tree, then read.
    let mut value = json::parse(&json_text(&value)).map_err(corrupt)?;
    linekeeper::store::migrate(&mut value)?;
    <State as FromJson>::from_json(value).map_err(corrupt)
}

fn version_of(value: &JsValue) -> Option<f64> {
    js_sys::Reflect::get(value, &JsValue::from_str("version"))
        .ok()
        .and_then(|v| v.as_f64())
}

fn corrupt(e: json::Error) -> StoreError {
    StoreError::Corrupt { detail: e.0 }
}

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

/// Reads and checks an export file (`linekeeper::transfer::parse`).
pub fn parse_export(text: &str) -> Result<linekeeper::store::Export, transfer::ImportError> {
    transfer::parse(text)
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
    i18n::set_catalogue(messages);
}

/// Stand-ins for the wasm tests of both modules (feature `test-support`, dev only).
#[cfg(feature = "test-support")]
pub mod testing {
    use wasm_bindgen::JsValue;

    /// A stand-in for `chrome.i18n` in the test page: `key(arg, …)`.
    pub fn fake_i18n() {
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

    /// The carrier profiles a test of a module built with `shipped-profiles` reads, as the
    /// worker installs them from the package's `profiles.json-seq` (once per test page;
    /// later calls do nothing).
    pub fn install_profiles() {
        const FILES: &[&str] = &[
            include_str!("../../../profiles/generic.json"),
            include_str!("../../../profiles/t-mobile.json"),
            include_str!("../../../profiles/mint.json"),
            include_str!("../../../profiles/us-mobile.json"),
            include_str!("../../../profiles/tello.json"),
            include_str!("../../../profiles/google-fi.json"),
            include_str!("../../../profiles/ultra.json"),
            include_str!("../../../profiles/visible.json"),
            include_str!("../../../profiles/china-mobile.json"),
            include_str!("../../../profiles/china-unicom.json"),
            include_str!("../../../profiles/china-telecom.json"),
        ];
        let sep = linekeeper::profile::SEQ_SEPARATOR;
        let seq: String = FILES.iter().map(|f| format!("{sep}{f}\n")).collect();
        let _ = linekeeper::profile::install_builtin(&seq);
    }

    /// One T-Mobile account read at 2026-11-26 13:33 UTC, no history.
    pub fn stored_state() -> JsValue {
        let json = r#"{"version":1,"accounts":[{"key":"t-mobile","carrier":"t-mobile","host":"www.t-mobile.com",
          "page_url":"https://www.t-mobile.com/account","read_at_ms":1795700000000,
          "latest":{"schema":1,"status":"ok","carrier":"t-mobile","next_bill_date":"2026-12-09",
            "balance":{"amount":"0.00","currency":"USD"},"amount_due":null,"autopay":false,
            "lines":[{"number_last4":"4821","label":null,"plan":"Prepaid Connect","renews_on":null,
              "data":{"remaining_mb":3502.08,"used_mb":1617.92,"total_mb":5120.0,"unlimited":false}}]},
          "history":[]}]}"#;
        js_sys::JSON::parse(json).unwrap()
    }
}

/// The modules' allocator: Talc instead of the standard library's dlmalloc (smaller code,
/// freed memory reused and merged; the worker is long-lived).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
