//! Small DOM helpers over web-sys; the `chrome.i18n` binding is in `linekeeper-web`.

pub use linekeeper_web::i18n::{carrier_label, msg, t, ui_language};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

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
    pub fn child(self, child: &El) -> Result<El, JsValue> {
        self.0.append_child(&child.0)?;
        Ok(self)
    }
}

/// Puts the nodes of `html` into `parent` after its children. The markup is parsed by a
/// `DOMParser` into an inert document of its own (no script runs, nothing loads) and its
/// nodes moved over: one parse instead of a web-sys call per element, and no `innerHTML`
/// (which add-on review flags).
pub fn append_markup(parent: &Element, html: &str) -> Result<(), JsValue> {
    let parsed =
        web_sys::DomParser::new()?.parse_from_string(html, web_sys::SupportedType::TextHtml)?;
    let body = parsed.body().ok_or_else(|| JsValue::from_str("no body"))?;
    while let Some(node) = body.first_child() {
        parent.append_child(&node)?;
    }
    Ok(())
}

/// Puts a notice of stored values kept aside (`State::kept_aside`) at the top of `root`'s
/// first `main` (or of `root`): what was kept, under which storage key, and why.
pub fn prepend_store_notice(
    root: &Element,
    state: &linekeeper::store::State,
) -> Result<(), JsValue> {
    if state.kept_aside.is_empty() {
        return Ok(());
    }
    let doc = root
        .owner_document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let notice = El::new(&doc, "section")?
        .class("store-notice")
        .attr("role", "alert")?;
    for kept in &state.kept_aside {
        notice
            .0
            .append_child(&El::new(&doc, "p")?.text(&msg(&kept.message())).0)?;
        // The decoder's own words (English, technical): folded, for a bug report.
        if kept.newer.is_none() && !kept.detail.is_empty() {
            let details = El::new(&doc, "details")?
                .child(&El::new(&doc, "summary")?.text(&t("store_kept_detail")))?
                .child(&El::new(&doc, "code")?.text(&kept.detail))?;
            notice.0.append_child(&details.0)?;
        }
    }
    let parent = root.query_selector("main")?.unwrap_or_else(|| root.clone());
    parent.prepend_with_node_1(&notice.0)
}
