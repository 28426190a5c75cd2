//! Small DOM helpers over web-sys, and the `chrome.i18n` binding.

use linekeeper::view::Msg;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(key: &str, substitutions: js_sys::Array) -> String;
}

/// The language of the message catalogue in use (`en`, `zh-CN`): dates and amounts are
/// formatted in the same language as the strings around them.
pub fn ui_language() -> String {
    let lang = get_message("lang", js_sys::Array::new());
    if lang.is_empty() {
        "en".to_string()
    } else {
        lang
    }
}

/// A localised string; the key itself when the catalogue lacks it (visible in tests).
pub fn t(key: &str) -> String {
    let text = get_message(key, js_sys::Array::new());
    if text.is_empty() {
        key.to_string()
    } else {
        text
    }
}

/// A localised message with its substitutions.
pub fn msg(m: &Msg) -> String {
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

/// Builder for elements.
pub struct El(pub Element);

impl El {
    pub fn new(doc: &Document, tag: &str) -> Result<El, JsValue> {
        Ok(El(doc.create_element(tag)?))
    }
    pub fn class(self, class: &str) -> El {
        self.0.set_class_name(class);
        self
    }
    pub fn attr(self, name: &str, value: &str) -> Result<El, JsValue> {
        self.0.set_attribute(name, value)?;
        Ok(self)
    }
    pub fn text(self, text: &str) -> El {
        self.0.set_text_content(Some(text));
        self
    }
    /// Appends a text node after the children so far.
    pub fn append_text(self, text: &str) -> Result<El, JsValue> {
        self.0.append_with_str_1(text)?;
        Ok(self)
    }
    pub fn child(self, child: &El) -> Result<El, JsValue> {
        self.0.append_child(&child.0)?;
        Ok(self)
    }
}
