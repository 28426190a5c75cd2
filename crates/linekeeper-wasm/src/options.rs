//! Draws the options page. Presentation only.

use crate::dom::{msg, t, El};
use linekeeper::store::State;
use linekeeper::view::Msg;
use wasm_bindgen::prelude::*;
use web_sys::Element;

pub fn render(root: &Element, state: &State) -> Result<(), JsValue> {
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    root.set_text_content(None);
    let count = Msg {
        key: "options_accounts",
        args: vec![state.accounts.len().to_string()],
    };
    let json = state.export_json();
    let href = format!(
        "data:application/json;charset=utf-8,{}",
        js_sys::encode_uri_component(&json)
    );
    let export = El::new(&doc, "a")?
        .class("button")
        .attr("href", &href)?
        .attr("download", "linekeeper-export.json")?
        .text(&t("options_export"));
    let page = El::new(&doc, "main")?
        .child(&El::new(&doc, "h1")?.text(&t("options_title")))?
        .child(
            &El::new(&doc, "section")?
                .child(&El::new(&doc, "h2")?.text(&t("options_data")))?
                .child(&El::new(&doc, "p")?.text(&t("options_privacy")))?
                .child(&El::new(&doc, "p")?.class("count").text(&msg(&count)))?
                .child(&export)?,
        )?;
    root.append_child(&page.0)?;
    Ok(())
}
