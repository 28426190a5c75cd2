//! Message decoder: never panics; what it accepts comes from this extension and from a place
//! allowed to send that type; the same input decodes the same way twice.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::message::{decode_json, Context, Message, Sender, Source};

const ID: &str = "abcdefghijklmnopabcdefghijklmnop";

/// Byte 0 picks a sender (the browser's `MessageSender` shape); with 255 the text up to the
/// first newline is the sender itself. The rest is the message as JSON.
const SENDERS: [&str; 9] = [
    r#"{"id":"ID","url":"https://www.t-mobile.com/account","tab":{"id":1,"url":"https://www.t-mobile.com/account"},"frameId":0}"#,
    r#"{"id":"ID","url":"https://my.taught-carrier.example/x","tab":{"id":2},"frameId":0}"#,
    r#"{"id":"ID","url":"https://evil.example/","tab":{"id":3},"frameId":0}"#,
    r#"{"id":"ID","url":"http://www.t-mobile.com/","tab":{"id":3},"frameId":0}"#,
    r#"{"id":"ID","url":"https://www.t-mobile.com/","tab":{"id":3},"frameId":2}"#,
    r#"{"id":"ID","url":"chrome-extension://ID/popup.html"}"#,
    r#"{"id":"ID","url":"chrome-extension://ID/options.html","tab":{"id":4}}"#,
    r#"{"id":"ID","url":"chrome-extension://ID/other.html"}"#,
    r#"{"id":"other","url":"chrome-extension://other/options.html"}"#,
];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (sender, message) = if pick == 255 {
        let (s, m) = text.split_once('\n').unwrap_or((&text, ""));
        (s.to_string(), m.to_string())
    } else {
        let s = SENDERS[pick as usize % SENDERS.len()].replace("ID", ID);
        (s, text.to_string())
    };
    let ctx = Context {
        extension_id: ID.into(),
        extension_url: format!("chrome-extension://{ID}/"),
        content_matches: vec!["https://*.t-mobile.com/*".into()],
        granted_origins: vec![
            "https://*.t-mobile.com/*".into(),
            "https://my.taught-carrier.example/*".into(),
        ],
    };
    let first = decode_json(&message, &sender, &ctx);
    assert_eq!(first, decode_json(&message, &sender, &ctx));
    match first {
        Ok((source, message)) => {
            let sender: Sender = linekeeper::json::from_str(&sender).expect("sender read");
            assert_eq!(sender.id.as_deref(), Some(ID), "accepted from another sender");
            let allowed = match (&source, &message) {
                (Source::ContentScript { host }, Message::Scan { .. } | Message::OpenChecklist) => {
                    let url = sender.url.as_deref().unwrap_or("");
                    url.to_ascii_lowercase().starts_with("https://") && !host.is_empty()
                }
                (Source::Popup, Message::Checklist { .. }) => true,
                (
                    Source::Options,
                    Message::Settings { .. } | Message::Import { .. } | Message::Erase,
                ) => true,
                (Source::Popup | Source::Options, Message::Action { .. } | Message::Sync) => true,
                // Teaching (issue 8): each type from its one place only.
                (Source::ContentScript { host }, Message::Teach { kind }) => {
                    let url = sender.url.as_deref().unwrap_or("");
                    url.to_ascii_lowercase().starts_with("https://")
                        && !host.is_empty()
                        && matches!(*kind, "teach-pick" | "teach-save" | "teach-cancel")
                }
                (Source::Popup, Message::Teach { kind }) => *kind == "teach-start",
                (Source::Options, Message::Teach { kind }) => {
                    matches!(*kind, "teach-check" | "teach-import" | "teach-forget")
                }
                _ => false,
            };
            assert!(allowed, "{message:?} accepted from {source:?}");
        }
        Err(refusal) => {
            let _ = refusal.text();
        }
    }
});
