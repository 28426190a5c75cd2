//! The `chrome.i18n` binding, and the catalogue of the language chosen in the options.

use linekeeper::view::Msg;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(key: &str, substitutions: js_sys::Array) -> String;
}

thread_local! {
    /// The language the user chose in the options, when not the browser's: its tag and its
    /// `messages.json` (chrome.i18n always answers in the browser's language).
    static CATALOGUE: std::cell::RefCell<Option<JsValue>> =
        const { std::cell::RefCell::new(None) };
}

/// Uses `messages` (a parsed `_locales/*/messages.json`) instead of `chrome.i18n`; `null`
/// goes back to the browser's language.
pub fn set_catalogue(messages: JsValue) {
    let value = messages.is_object().then_some(messages);
    CATALOGUE.with(|c| *c.borrow_mut() = value);
}

fn from_catalogue(key: &str, args: &[String]) -> Option<String> {
    CATALOGUE.with(|c| {
        let c = c.borrow();
        let messages = c.as_ref()?;
        let entry = js_sys::Reflect::get(messages, &JsValue::from_str(key)).ok()?;
        let text = js_sys::Reflect::get(&entry, &JsValue::from_str("message"))
            .ok()?
            .as_string()?;
        let mut out = text;
        for (i, a) in args.iter().enumerate().rev() {
            let mut mark = String::from("$");
            linekeeper::json::write_int(&mut mark, i64::try_from(i + 1).unwrap_or(i64::MAX));
            out = linekeeper::parse::text::replace(&out, &mark, a);
        }
        Some(linekeeper::parse::text::replace(&out, "$$", "$"))
    })
}

/// The language of the message catalogue in use (`en`, `zh-CN`): dates and amounts are
/// formatted in the same language as the strings around them. The user's choice in the
/// options wins over the browser's.
pub fn ui_language() -> String {
    if let Some(lang) = from_catalogue("lang", &[]) {
        return lang;
    }
    let lang = get_message("lang", js_sys::Array::new());
    if lang.is_empty() {
        "en".to_string()
    } else {
        lang
    }
}

/// A localised string; the key itself when the catalogue lacks it (visible in tests).
pub fn t(key: &str) -> String {
    if let Some(text) = from_catalogue(key, &[]) {
        return text;
    }
    let text = get_message(key, js_sys::Array::new());
    if text.is_empty() {
        key.to_string()
    } else {
        text
    }
}

/// A localised message with its substitutions.
pub fn msg(m: &Msg) -> String {
    if let Some(text) = from_catalogue(m.key, &m.args) {
        return text;
    }
    let args = js_sys::Array::new();
    for a in &m.args {
        args.push(&JsValue::from_str(a));
    }
    let text = get_message(m.key, args);
    if text.is_empty() {
        m.key.to_string()
    } else {
        text
    }
}

/// Display name of a carrier id from the catalogue (`carrier_t_mobile`), else the host.
pub fn carrier_label(carrier: Option<&str>, host: &str) -> String {
    match carrier {
        Some(id) => {
            let key = ["carrier_", &id.replace('-', "_")].concat();
            let name = t(&key);
            if name == key {
                id.to_string()
            } else {
                name
            }
        }
        None => host.to_string(),
    }
}
