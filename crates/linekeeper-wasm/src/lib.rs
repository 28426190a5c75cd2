//! WebAssembly bindings of LineKeeper: the engine module, loaded by the service worker.
//!
//! This crate holds no business logic. It converts between JavaScript values and the core's
//! types ([`linekeeper`]) and calls the core: what the worker does on every start and scan
//! (`ingest`, `decode_message`, the reminder schedule, the popup's cache). The user's
//! actions (the popup's checklist, a notification's buttons, settings, import, teaching)
//! and old or unreadable stored data are the tools module's (`crates/linekeeper-tools`),
//! which the worker instantiates on first use. The popup
//! and options pages load the UI module instead (`crates/linekeeper-ui`), which draws; what
//! the modules share is in `crates/linekeeper-web`.

mod reminders;

use linekeeper::json::{Obj, ToJson};
use linekeeper::page::PageSnapshot;
use linekeeper::store::{Outcome, State};
use linekeeper::view::{self, BadgeView};
use linekeeper::ScanOptions;
pub(crate) use linekeeper_web::{state_from_js, to_js, today};
use wasm_bindgen::prelude::*;

/// Installs the carrier profiles the package ships (`profiles.json-seq`): the worker passes
/// the file's text once, right after instantiating this module and before any other call.
#[wasm_bindgen]
pub fn install_profiles(seq: &str) -> Result<u32, JsError> {
    linekeeper::profile::install_builtin(seq)
        .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        .map_err(|e| JsError::new(&e.0))
}

/// Whether the stored state is in the current layout and reads (or nothing is stored): the
/// worker then uses it as it is. Otherwise the tools module's `check_state` migrates it or
/// keeps it aside (this module does not link the migrations).
#[wasm_bindgen]
pub fn state_is_current(state: JsValue) -> bool {
    let current = js_sys::Reflect::get(&state, &"version".into())
        .ok()
        .and_then(|v| v.as_f64())
        .is_some_and(|v| v == f64::from(linekeeper::store::STORE_VERSION));
    state.is_undefined() || state.is_null() || (current && state_from_js(state).is_ok())
}

/// The hosts with a taught rule (read at every worker start and change of the state).
#[wasm_bindgen]
pub fn taught_hosts(state: JsValue) -> Result<Vec<String>, JsError> {
    let mut hosts = Vec::new();
    for t in state_from_js(state)?.taught {
        hosts.push(t.host);
    }
    Ok(hosts)
}

/// An accepted message, for the worker: its type and place, and the small fields it uses
/// (large ones such as `page` and `text` are the message's own, now checked).
struct Decoded {
    kind: &'static str,
    from: &'static str,
    form: Option<linekeeper::settings::Form>,
    id: Option<String>,
    action: Option<&'static str>,
}

impl ToJson for Decoded {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("type", &self.kind)
            .field("from", &self.from)
            .some("form", &self.form)
            .some("id", &self.id)
            .some("action", &self.action)
            .end()
    }
}

impl ToJson for Refused {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("refused", &self.refused)
            .field("error", &self.error)
            .field("reply", &self.reply)
            .end()
    }
}

impl ToJson for IngestResult {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("state", &self.state)
            .field("outcome", &self.outcome)
            .field("snapshot", &self.snapshot)
            .field("badge", &self.badge)
            .field("taught", &self.taught)
            .end()
    }
}

struct Refused {
    refused: bool,
    /// The reason, as the reply to the extension's own pages.
    error: String,
    /// Whether the sender gets `error` as its reply (own pages) or nothing.
    reply: bool,
}

/// Decodes and checks a runtime message (`message.rs`): `{type, from, …}` when the worker may
/// act on it (large fields such as `page` are not copied back: use the message's own, now
/// checked), else `{refused, error, reply}`. `page`: a scan's page snapshot, taken out of
/// `message` by the worker (`message` then has no `page`): already text (its lines), it is
/// not escaped by `JSON.stringify` and read back. `sender` is the browser's `MessageSender`;
/// `context` is `{extension_id, extension_url, content_matches, granted_origins}` (the
/// granted origins include the sites the user taught: no read of the stored state here).
#[wasm_bindgen]
pub fn decode_message(
    message: JsValue,
    page: Option<String>,
    sender: JsValue,
    context: JsValue,
) -> Result<JsValue, JsError> {
    use linekeeper::message::{answers_refusal, decode, Context, Refusal, Sender};
    let sender: Sender = linekeeper_web::from_js(&sender).unwrap_or_default();
    let ctx: Context = linekeeper_web::from_js(&context)
        .map_err(|e| JsError::new(&["message context: ", &e.0].concat()))?;
    let decoded = linekeeper_web::from_js::<linekeeper::message::RawMessage>(&message)
        .map(|mut raw| {
            if page.is_some() {
                raw.page = page;
            }
            raw
        })
        .map_err(|e| Refusal::Malformed { detail: e.0 })
        .and_then(|message| decode(&message, &sender, &ctx));
    match decoded {
        Ok((source, message)) => {
            use linekeeper::message::{Message, NoticeAction};
            let mut out = Decoded {
                kind: message.kind(),
                from: source.name(),
                form: None,
                id: None,
                action: None,
            };
            match message {
                Message::Settings { form } => out.form = Some(form),
                Message::Action { id, action } => {
                    out.id = Some(id);
                    out.action = Some(match action {
                        NoticeAction::Snooze => "snooze",
                        NoticeAction::Renewed => "renewed",
                    });
                }
                _ => {}
            }
            to_js(&out)
        }
        Err(why) => to_js(&Refused {
            refused: true,
            error: why.text(),
            reply: answers_refusal(&sender, &ctx),
        }),
    }
}

/// JSON text already written, written as it is.
struct RawJson(String);

impl ToJson for RawJson {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

struct IngestResult {
    state: State,
    outcome: Outcome,
    /// The Snapshot's JSON.
    snapshot: RawJson,
    badge: BadgeView,
    /// Whether user-taught rules were read with the built-in profiles: their scan words and
    /// anchor elements (`taught_scan`, the tools module's) then go to the content script.
    taught: bool,
}

/// Turns a page snapshot from the content script (its lines, `PageSnapshot::from_lines`) into a Snapshot, applies it to the
/// stored state and returns `{state, outcome, snapshot, badge, taught}`. The caller stores
/// `state`.
#[wasm_bindgen]
pub fn ingest(
    state: JsValue,
    page: &str,
    url: &str,
    now_ms: f64,
    utc_offset_minutes: i32,
    lang: &str,
) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let mut page = PageSnapshot::from_lines(page)
        .map_err(|e| JsError::new(&["page snapshot could not be read: ", &e.message()].concat()))?;
    // The URL comes from the browser (the message sender), never from the page's own claim.
    page.url = url.to_string();
    let today = today(now_ms, utc_offset_minutes)?;
    // Taught rules for this host (issue 8) are read by the same engine as the built-ins,
    // and their words reach the content script's sparse walk (ARCHITECTURE.md, "The sparse
    // walk") through the tools module's `taught_scan`, given the same state and URL.
    let rules = linekeeper::teach::rules_for_host(&state, &page.host());
    let snapshot = linekeeper::extract::extract_with(&page, &ScanOptions { today }, &rules);
    let taught = !rules.is_empty();
    let in_area =
        view::page_in_account_area(url) || linekeeper::teach::in_taught_account_area(&state, url);
    let badge = view::badge(&snapshot, today, lang, in_area);
    // The snapshot's JSON written before it moves into the state (no copy of it).
    let snapshot_json = RawJson(linekeeper::json::to_string(&snapshot));
    let outcome = state.ingest_owned(snapshot, url, now_ms, today);
    to_js(&IngestResult {
        state,
        outcome,
        snapshot: snapshot_json,
        badge,
        taught,
    })
}

/// A stored state in any layout LineKeeper reads, returned in the layout it writes (for
/// tests and benchmarks that seed storage).
#[wasm_bindgen]
pub fn normalize_state(state: JsValue) -> Result<JsValue, JsError> {
    to_js(&state_from_js(state)?)
}

/// The popup's cache of the stored state: the same state with each account's history
/// condensed to the points that decide what the popup shows (`linekeeper::popup_cache`).
#[wasm_bindgen]
pub fn popup_state(state: JsValue) -> Result<JsValue, JsError> {
    to_js(&linekeeper::popup_cache::into_popup_state(state_from_js(
        state,
    )?))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn ingest_rejects_a_malformed_page_with_an_error_not_a_panic() {
        // The lines format of `PageSnapshot::from_lines`: a parent index that is no number.
        let result = ingest(
            JsValue::NULL,
            "en\n\nnot an index\tp\tb",
            "https://www.t-mobile.com/",
            0.0,
            0,
            "en",
        );
        assert!(result.is_err());
    }

    pub(crate) use linekeeper_web::testing::{fake_i18n, stored_state};

    /// A scan's `page` passed apart from the message is checked like the message's own.
    #[wasm_bindgen_test]
    fn a_scan_page_is_checked_like_any_other_field() {
        let parse = |json: &str| js_sys::JSON::parse(json).unwrap();
        let sender = parse(
            r#"{"id":"ext","url":"https://www.t-mobile.com/account","frameId":0,
               "tab":{"id":3,"url":"https://www.t-mobile.com/account"}}"#,
        );
        let ctx = parse(
            r#"{"extension_id":"ext","extension_url":"chrome-extension://ext/",
               "content_matches":["https://*.t-mobile.com/*"],"granted_origins":["https://*.t-mobile.com/*"]}"#,
        );
        let decoded = |message: &str, page: Option<&str>| {
            let page = page.map(str::to_string);
            let out = decode_message(parse(message), page, sender.clone(), ctx.clone()).unwrap();
            linekeeper_web::json_text(&out)
        };
        let accepted = r#"{"type":"scan","from":"content_script"}"#;
        assert_eq!(
            decoded(r#"{"type":"scan"}"#, Some(r#"{"nodes":["•"]}"#)),
            accepted
        );
        assert_eq!(decoded(r#"{"type":"scan","page":"{}"}"#, None), accepted);
        for (refused, page) in [
            (r#"{"type":"scan","page":3}"#, None),
            (r#"{"type":"scan"}"#, None),
            (r#"{"type":3}"#, Some("{}")),
            (r#"{"type":"scan","step":"x"}"#, Some("{}")),
        ] {
            assert!(
                decoded(refused, page).contains(r#""refused":true"#),
                "{refused}"
            );
        }
    }

    #[wasm_bindgen_test]
    fn only_a_readable_state_in_the_current_layout_is_current() {
        let parse = |json: &str| js_sys::JSON::parse(json).unwrap();
        assert!(state_is_current(JsValue::UNDEFINED));
        assert!(state_is_current(JsValue::NULL));
        let current = linekeeper::store::STORE_VERSION;
        assert!(state_is_current(parse(&format!(
            r#"{{"version":{current}}}"#
        ))));
        // For the tools module's check_state: an older layout, damaged, newer, not a state.
        for other in [
            r#"{"version":1}"#.to_string(),
            format!(r#"{{"version":{current},"accounts":7}}"#),
            format!(r#"{{"version":{}}}"#, current + 1),
            r#"{"accounts":[]}"#.to_string(),
            r#""text""#.to_string(),
        ] {
            assert!(!state_is_current(parse(&other)), "{other}");
        }
    }

    /// `ingest` of `page` on T-Mobile's account page, with nothing stored.
    fn ingest_at_t_mobile(page: &str) -> JsValue {
        ingest(
            JsValue::UNDEFINED,
            page,
            "https://www.t-mobile.com/account",
            1.8e12,
            0,
            "en",
        )
        .unwrap()
    }

    #[wasm_bindgen_test]
    fn ingest_stores_nothing_for_an_empty_page() {
        let page = "en\n\n\tbody\tb";
        let out = ingest_at_t_mobile(page);
        let outcome = js_sys::Reflect::get(&out, &"outcome".into()).unwrap();
        assert_eq!(outcome.as_string().as_deref(), Some("ignored"));
    }

    #[wasm_bindgen_test]
    fn the_shipped_profiles_once_installed_read_a_carrier_page() {
        // The module is built without profiles; the worker installs the package's file.
        linekeeper_web::testing::install_profiles();
        assert!(
            install_profiles("\u{1e}{\"id\":\"generic\"}").is_err(),
            "installed once"
        );
        // Lines of tab-separated fields (`PageSnapshot::from_lines`): lang, title, then per
        // node its parent, its tag (empty for text) and its flags or text.
        let page = "en-US\n\n\tbody\tb\n0\tp\tb\n1\t\tRemaining high-speed data\n\
                    0\tp\tb\n3\t\t3.42 GB";
        let out = ingest_at_t_mobile(page);
        let snapshot = js_sys::Reflect::get(&out, &"snapshot".into()).unwrap();
        let carrier = js_sys::Reflect::get(&snapshot, &"carrier".into()).unwrap();
        assert_eq!(carrier.as_string().as_deref(), Some("t-mobile"));
    }
}
