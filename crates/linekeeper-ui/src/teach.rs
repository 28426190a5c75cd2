//! "Teach this page" in the popup (issue 8). Drawing only: whether the page can be taught is
//! decided by `linekeeper::teach`, against the manifest's host permissions (the built-in
//! carriers' sites, generated from the profiles this module does not link).

use crate::dom::{msg, t, El};
use linekeeper::store::State;
use linekeeper::teach;
use linekeeper::view::Msg;
use linekeeper_web::state_from_js;
use wasm_bindgen::prelude::*;

/// Draws "Teach this page" into the popup for the active tab's `url` when LineKeeper can be
/// taught that page: https, and not on `carrier_patterns` (the manifest's host permissions).
#[wasm_bindgen]
pub fn render_teach_offer(
    root: web_sys::Element,
    state: JsValue,
    url: &str,
    carrier_patterns: Vec<String>,
) -> Result<(), JsError> {
    let state = state_from_js(state)?;
    draw_offer(&root, &state, url, &carrier_patterns).map_err(|e| JsError::new(&format!("{e:?}")))
}

fn draw_offer(
    root: &web_sys::Element,
    state: &State,
    url: &str,
    carrier_patterns: &[String],
) -> Result<(), JsValue> {
    if let Some(old) = root.query_selector("section.teach")? {
        old.remove();
    }
    if !teach::teachable_with(url, |h| teach::host_in_patterns(h, carrier_patterns)) {
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
        .child(
            &El::new(&doc, "p")?
                .class("help")
                .text(&msg(&Msg::with("teach_permission_note", vec![host]))),
        )?
        .child(
            &El::new(&doc, "p")?
                .class("teach-status")
                .attr("role", "status")?,
        )?;
    match root.query_selector("main")? {
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

    /// `text` as a JSON string literal.
    fn quoted(text: &str) -> String {
        js_sys::JSON::stringify(&JsValue::from_str(text))
            .unwrap()
            .as_string()
            .unwrap()
    }

    fn patterns() -> Vec<String> {
        vec!["https://*.t-mobile.com/*".to_string()]
    }

    #[wasm_bindgen_test]
    fn the_offer_is_drawn_only_for_pages_that_can_be_taught() {
        fake_i18n();
        let root = new_root();
        render_teach_offer(
            root.clone(),
            JsValue::UNDEFINED,
            "https://my.pebblemobile.example/account",
            patterns(),
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
        assert!(root.text_content().unwrap().contains("teach_this_page()"));
        for url in ["https://www.t-mobile.com/account", "http://a.example/", ""] {
            let root = new_root();
            render_teach_offer(root.clone(), JsValue::UNDEFINED, url, patterns()).unwrap();
            assert!(
                root.query_selector("section.teach").unwrap().is_none(),
                "{url}"
            );
        }
    }

    #[wasm_bindgen_test]
    fn options_list_taught_sites_and_preview_a_checked_rule() {
        fake_i18n();
        let root = new_root();
        let rule = r#"{"id":"a.example","hosts":["a.example"],"anchors":[{"field":"balance","label":"Pocket money"}]}"#;
        let state = js_sys::JSON::parse(&format!(
            r#"{{"version":1,"taught":[{{"host":"a.example","rule":{},"taught_at_ms":1,"anchors":[["balance","Pocket money"]]}}]}}"#,
            quoted(rule)
        ))
        .unwrap();
        crate::render_options(root.clone(), state.clone(), JsValue::UNDEFINED).unwrap();
        let item = root
            .query_selector("ul.taught li[data-host='a.example']")
            .unwrap()
            .unwrap();
        let text = item.text_content().unwrap();
        assert!(text.contains("“Pocket money”"), "{text}");
        assert!(item
            .query_selector("button[data-action=teach-forget]")
            .unwrap()
            .is_some());
        let export = item.query_selector("a[download]").unwrap().unwrap();
        let href = export.get_attribute("href").unwrap();
        assert!(href.ends_with(&String::from(js_sys::encode_uri_component(rule))));
        // A rule the worker refused: its reason, and no way to save it.
        let ui = js_sys::JSON::parse(
            r#"{"rule_name":"r.json","rule_check":{"host":null,"anchors":[],"replaces":false,"error":"no hosts"}}"#,
        )
        .unwrap();
        crate::render_options(root.clone(), state.clone(), ui).unwrap();
        let preview = root.query_selector(".rule-preview").unwrap().unwrap();
        assert!(preview.text_content().unwrap().contains("no hosts"));
        assert!(root
            .query_selector("[data-action=rule-apply]")
            .unwrap()
            .is_none());
        // A good one: previewed, with its site permission to ask for.
        let ui = js_sys::JSON::parse(
            r#"{"rule_name":"r.json","rule_check":{"host":"b.example","anchors":[["balance","Cash"]],"replaces":false,"error":null}}"#,
        )
        .unwrap();
        crate::render_options(root.clone(), state, ui).unwrap();
        let apply = root
            .query_selector("[data-action=rule-apply]")
            .unwrap()
            .unwrap();
        assert_eq!(
            apply.get_attribute("data-origin").as_deref(),
            Some("https://b.example/*")
        );
        assert!(root
            .query_selector(".rule-preview")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
            .contains("“Cash”"));
    }
}
