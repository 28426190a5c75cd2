use super::*;
use serde_json::{json, Value};

/// [`super::decode`] of a message given as JSON (as the browser would pass it).
fn decode(message: &Value, sender: &Sender, ctx: &Context) -> Result<(Source, Message), Refusal> {
    decode_json(
        &message.to_string(),
        &serde_json::to_string(sender).unwrap(),
        ctx,
    )
}

const ID: &str = "abcdefghijklmnopabcdefghijklmnop";

fn ctx() -> Context {
    Context {
        extension_id: ID.into(),
        extension_url: format!("chrome-extension://{ID}/"),
        content_matches: vec![
            "https://*.t-mobile.com/*".into(),
            "https://*.mintmobile.com/*".into(),
        ],
        granted_origins: vec![
            "https://*.t-mobile.com/*".into(),
            "https://granted.example/*".into(),
            // A site the user taught: its permission is granted while it is taught.
            "https://my.taught-carrier.example/*".into(),
        ],
    }
}

fn tab(url: &str) -> Sender {
    Sender {
        id: Some(ID.into()),
        url: Some(url.into()),
        tab: Some(Tab {
            id: Some(7.0),
            url: Some(url.into()),
        }),
        frame_id: Some(0.0),
    }
}

fn page(name: &str) -> Sender {
    Sender {
        id: Some(ID.into()),
        url: Some(format!("chrome-extension://{ID}/{name}")),
        tab: None,
        frame_id: Some(0.0),
    }
}

fn scan() -> Value {
    json!({"type": "scan", "page": "{\"url\":\"x\",\"nodes\":[]}"})
}

#[test]
fn content_scripts_on_read_hosts_may_scan_and_open_the_checklist() {
    let (source, message) =
        decode(&scan(), &tab("https://www.t-mobile.com/account"), &ctx()).unwrap();
    assert_eq!(
        source,
        Source::ContentScript {
            host: "www.t-mobile.com".into()
        }
    );
    assert!(matches!(message, Message::Scan { page } if page.contains("nodes")));
    let open = json!({"type": "open-checklist"});
    assert_eq!(
        decode(
            &open,
            &tab("https://my.taught-carrier.example/usage"),
            &ctx()
        )
        .unwrap()
        .1,
        Message::OpenChecklist
    );
    // A site the browser granted (the user allowed it while teaching).
    assert!(decode(&scan(), &tab("https://granted.example/usage"), &ctx()).is_ok());
    assert!(decode(&scan(), &tab("https://sub.granted.example/usage"), &ctx()).is_err());
    // A carrier of the built-in profiles is read even when the manifest list is not given.
    let bare = Context {
        content_matches: vec![],
        ..ctx()
    };
    assert!(decode(&scan(), &tab("https://www.t-mobile.com/"), &bare).is_ok());
    // A build whose content script matches any https site (the any-site test build).
    let any = Context {
        content_matches: vec!["https://*/*".into()],
        ..ctx()
    };
    assert!(decode(&scan(), &tab("https://fixtures.example/p"), &any).is_ok());
}

#[test]
fn content_scripts_elsewhere_are_refused() {
    for url in [
        "https://evil.example/account",
        "http://www.t-mobile.com/account",
        "https://www.t-mobile.com.evil.example/",
        "https://t-mobile.com@evil.example/",
        "file:///tmp/t-mobile.com",
        "",
    ] {
        assert!(
            matches!(
                decode(&scan(), &tab(url), &ctx()),
                Err(Refusal::PageNotRead { .. })
            ),
            "{url}"
        );
    }
    let mut frame = tab("https://www.t-mobile.com/account");
    frame.frame_id = Some(3.0);
    assert!(matches!(
        decode(&scan(), &frame, &ctx()),
        Err(Refusal::PageNotRead { .. })
    ));
    // Not in a tab and not an own page.
    let mut loose = tab("https://www.t-mobile.com/account");
    loose.tab = None;
    assert!(matches!(
        decode(&scan(), &loose, &ctx()),
        Err(Refusal::UnknownPlace { .. })
    ));
}

#[test]
fn only_this_extension_is_heard() {
    for id in [None, Some("other-extension"), Some("")] {
        let mut sender = page("options.html");
        sender.id = id.map(str::to_string);
        assert_eq!(
            decode(&json!({"type": "erase"}), &sender, &ctx()),
            Err(Refusal::OtherSender)
        );
    }
    let nobody = Context {
        extension_id: String::new(),
        ..ctx()
    };
    let mut sender = page("options.html");
    sender.id = Some(String::new());
    assert_eq!(
        decode(&json!({"type": "erase"}), &sender, &nobody),
        Err(Refusal::OtherSender)
    );
}

#[test]
fn each_page_sends_only_its_own_types() {
    let tick = json!({"type": "checklist", "account": "t-mobile", "step": 1, "done": true});
    let (source, message) = decode(&tick, &page("popup.html#checklist"), &ctx()).unwrap();
    assert_eq!(source, Source::Popup);
    assert!(matches!(message, Message::Checklist { action } if action.step == 1 && action.done));
    let form = json!({"type": "settings", "form": {"section": "reminders", "lead_days": "7, 1"}});
    let (source, message) = decode(&form, &page("options.html"), &ctx()).unwrap();
    assert_eq!(source, Source::Options);
    assert!(matches!(message, Message::Settings { form } if form["lead_days"] == "7, 1"));
    assert_eq!(
        decode(&json!({"type": "erase"}), &page("options.html"), &ctx())
            .unwrap()
            .1,
        Message::Erase
    );
    assert!(matches!(
        decode(
            &json!({"type": "import", "text": "{}"}),
            &page("options.html"),
            &ctx()
        )
        .unwrap()
        .1,
        Message::Import { .. }
    ));
    for name in ["popup.html", "options.html"] {
        assert_eq!(
            decode(&json!({"type": "sync"}), &page(name), &ctx())
                .unwrap()
                .1,
            Message::Sync
        );
        let action =
            json!({"type": "action", "id": "lead|t-mobile|2026-12-09|7", "action": "renewed"});
        assert!(matches!(
            decode(&action, &page(name), &ctx()).unwrap().1,
            Message::Action {
                action: NoticeAction::Renewed,
                ..
            }
        ));
    }
    // Wrong place for the type.
    for (message, sender) in [
        (json!({"type": "erase"}), page("popup.html")),
        (json!({"type": "settings", "form": {}}), page("popup.html")),
        (tick.clone(), page("options.html")),
        (scan(), page("options.html")),
        (
            json!({"type": "erase"}),
            tab("https://www.t-mobile.com/account"),
        ),
        (tick.clone(), tab("https://www.t-mobile.com/account")),
        (
            json!({"type": "sync"}),
            tab("https://www.t-mobile.com/account"),
        ),
        (json!({"type": "wake"}), page("options.html")),
    ] {
        assert!(
            matches!(
                decode(&message, &sender, &ctx()),
                Err(Refusal::NotFromHere { .. })
            ),
            "{message} from {:?}",
            sender.url
        );
    }
    // Other extension pages (and look-alike URLs) are no place to send from.
    for url in [
        format!("chrome-extension://{ID}/background.js"),
        format!("chrome-extension://{ID}/popup.html.evil"),
        "chrome-extension://other/popup.html".to_string(),
        format!("https://evil.example/chrome-extension://{ID}/popup.html"),
    ] {
        let sender = Sender {
            url: Some(url.clone()),
            tab: None,
            ..page("")
        };
        assert!(
            matches!(
                decode(&json!({"type": "sync"}), &sender, &ctx()),
                Err(Refusal::UnknownPlace { .. })
            ),
            "{url}"
        );
    }
}

#[test]
fn malformed_fields_are_refused_with_a_reason() {
    let options = page("options.html");
    let tmo = tab("https://www.t-mobile.com/account");
    for (message, sender) in [
        (json!(null), &options),
        (json!("erase"), &options),
        (json!({"kind": "erase"}), &options),
        (json!({"type": 3}), &options),
        (
            json!({"type": "settings", "form": {"lead_days": 7}}),
            &options,
        ),
        (json!({"type": "settings", "form": "lead_days=7"}), &options),
        (json!({"type": "import", "text": {"a": 1}}), &options),
        (
            json!({"type": "action", "id": "x", "action": "delete"}),
            &options,
        ),
        (
            json!({"type": "action", "id": 5, "action": "snooze"}),
            &options,
        ),
        (json!({"type": "scan", "page": {"nodes": []}}), &tmo),
        (json!({"type": "scan"}), &tmo),
    ] {
        let refusal = decode(&message, sender, &ctx()).unwrap_err();
        assert!(
            matches!(refusal, Refusal::Malformed { .. }),
            "{message}: {refusal:?}"
        );
        assert!(
            refusal.text().starts_with("message could not be read"),
            "{message}"
        );
    }
    let tick = json!({"type": "checklist", "account": "t-mobile", "step": "1", "done": "yes"});
    assert!(matches!(
        decode(&tick, &page("popup.html"), &ctx()),
        Err(Refusal::Malformed { .. })
    ));
    let huge = json!({"type": "import", "text": "x".repeat(MAX_IMPORT_BYTES + 1)});
    assert!(matches!(
        decode(&huge, &options, &ctx()),
        Err(Refusal::Malformed { .. })
    ));
}

#[test]
fn json_entry_reads_the_browser_sender_shape() {
    let sender = format!(
        r#"{{"id":"{ID}","url":"https://www.t-mobile.com/a","tab":{{"id":3,"url":"https://www.t-mobile.com/a","active":true}},"frameId":0,"origin":"https://www.t-mobile.com"}}"#
    );
    assert!(decode_json(r#"{"type":"open-checklist"}"#, &sender, &ctx()).is_ok());
    assert!(decode_json("{", &sender, &ctx()).is_err());
    assert!(decode_json(r#"{"type":"open-checklist"}"#, r#"{"id":5}"#, &ctx()).is_err());
}

#[test]
fn teaching_messages_come_only_from_their_own_place() {
    let granted = tab("https://granted.example/usage");
    let popup = page("popup.html");
    let options = page("options.html");
    let cases: [(&str, &Sender); 7] = [
        ("teach-pick", &granted),
        ("teach-save", &granted),
        ("teach-cancel", &granted),
        ("teach-start", &popup),
        ("teach-check", &options),
        ("teach-import", &options),
        ("teach-forget", &options),
    ];
    let places = [&granted, &popup, &options];
    for (kind, from) in cases {
        let message = json!({ "type": kind });
        for place in places {
            let decoded = decode(&message, place, &ctx());
            if std::ptr::eq(place, from) {
                let (_, message) = decoded.unwrap();
                assert_eq!(message, Message::Teach { kind });
                assert_eq!(message.kind(), kind);
            } else {
                assert!(
                    matches!(decoded, Err(Refusal::NotFromHere { .. })),
                    "{kind} from {:?}: {decoded:?}",
                    place.url
                );
            }
        }
    }
    // Pick mode on a site nobody granted or taught is not heard at all.
    let stranger = tab("https://stranger.example/usage");
    assert!(matches!(
        decode(&json!({"type": "teach-save"}), &stranger, &ctx()),
        Err(Refusal::PageNotRead { .. })
    ));
}
