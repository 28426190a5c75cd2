//! Rule building, validation, storage and forgetting.
use super::*;
use crate::extract::{extract_with, ScanOptions};
use crate::snapshot::Status;

const URL: &str = "https://my.pebblemobile.example/account";

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

fn clue(kind: ClueKind, text: &str) -> Clue {
    Clue {
        kind,
        text: text.into(),
    }
}

fn pick(field: &str, text: &str, clues: Vec<Clue>) -> Pick {
    Pick {
        field: field.into(),
        text: text.into(),
        clues,
        lang: Some("en".into()),
    }
}

/// What pick mode sends for the three values of the Pebble fixture page: the card heading
/// is the only label near the first two, the date has its `dt` (and the card heading).
fn pebble_picks() -> Vec<Pick> {
    vec![
        pick(
            "data_remaining",
            "2.75 GB",
            vec![
                clue(ClueKind::Before, "Bytes in the tank"),
                clue(ClueKind::Heading, "Bytes in the tank"),
            ],
        ),
        pick(
            "balance",
            "$7.40",
            vec![clue(ClueKind::Heading, "Pocket money")],
        ),
        pick(
            "renewal_date",
            "Dec 14, 2026",
            vec![
                clue(ClueKind::Heading, "Keep your number"),
                clue(ClueKind::Term, "Next pebble drops"),
            ],
        ),
    ]
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/taught/pebble/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn preview_parses_each_field_and_names_its_label() {
    let picks = pebble_picks();
    let p = preview(&picks[0], today(), "en").unwrap();
    assert_eq!(p.value.as_deref(), Some("2.8 GB"));
    assert_eq!(p.label.as_deref(), Some("Bytes in the tank"));
    assert_eq!(p.error, None);
    let p = preview(&picks[1], today(), "en").unwrap();
    assert_eq!(p.value.as_deref(), Some("$7.40"));
    assert_eq!(p.label.as_deref(), Some("Pocket money"));
    // The dt beats the card heading, whatever order the clues came in.
    let p = preview(&picks[2], today(), "en").unwrap();
    assert_eq!(p.label.as_deref(), Some("Next pebble drops"));
    assert!(
        p.value.as_deref().is_some_and(|v| v.contains("14")),
        "{p:?}"
    );
}

#[test]
fn a_label_inside_the_clicked_text_comes_first() {
    let p = pick(
        "balance",
        "Wallet credit: $12.05",
        vec![clue(ClueKind::Aria, "Account summary")],
    );
    let out = preview(&p, today(), "en").unwrap();
    assert_eq!(out.label.as_deref(), Some("Wallet credit"));
    assert_eq!(out.value.as_deref(), Some("$12.05"));
}

#[test]
fn clues_that_are_not_labels_are_passed_over() {
    let p = pick(
        "data_remaining",
        "3 GB",
        vec![
            clue(ClueKind::Aria, "Line •••3317"),
            clue(ClueKind::Before, "   "),
            clue(
                ClueKind::Before,
                "This is a long sentence about how your data works each and every month",
            ),
            clue(ClueKind::Heading, "Data on your line"),
        ],
    );
    let out = preview(&p, today(), "en").unwrap();
    assert_eq!(out.label.as_deref(), Some("Data on your line"));
    let none = pick(
        "data_remaining",
        "3 GB",
        vec![clue(ClueKind::Heading, "42")],
    );
    let out = preview(&none, today(), "en").unwrap();
    assert_eq!(out.label, None);
    assert_eq!(out.error, Some("teach_error_no_label"));
}

#[test]
fn a_greeting_naming_the_account_holder_is_never_a_label() {
    for greeting in ["Hi Jane", "Welcome back, Jane Doe", "您好，张三"] {
        let p = pick(
            "balance",
            "$7.40",
            vec![
                clue(ClueKind::Before, greeting),
                clue(ClueKind::Heading, "Pocket money"),
            ],
        );
        let out = preview(&p, today(), "en").unwrap();
        assert_eq!(out.label.as_deref(), Some("Pocket money"), "{greeting}");
    }
    let inline = pick(
        "balance",
        "Hi Jane, you have $7.40",
        vec![clue(ClueKind::Heading, "Wallet")],
    );
    assert_eq!(
        preview(&inline, today(), "en").unwrap().label.as_deref(),
        Some("Wallet")
    );
    // A word that merely starts like one is a label.
    let p = pick(
        "balance",
        "$7.40",
        vec![clue(ClueKind::Before, "Highway credit")],
    );
    assert_eq!(
        preview(&p, today(), "en").unwrap().label.as_deref(),
        Some("Highway credit")
    );
}

#[test]
fn a_click_on_something_that_is_not_the_value_says_so() {
    let wrong = pick("balance", "Pocket money", vec![]);
    assert_eq!(
        preview(&wrong, today(), "en").unwrap().error,
        Some("teach_error_no_money")
    );
    let wrong = pick("renewal_date", "$7.40", vec![]);
    assert_eq!(
        preview(&wrong, today(), "en").unwrap().error,
        Some("teach_error_no_date")
    );
    let wrong = pick("data_remaining", "Dec 14", vec![]);
    assert_eq!(
        preview(&wrong, today(), "en").unwrap().error,
        Some("teach_error_no_data")
    );
    let card = pick("balance", &"$7.40 and more text ".repeat(20), vec![]);
    assert_eq!(
        preview(&card, today(), "en").unwrap().error,
        Some("teach_error_too_long")
    );
    assert!(preview(&pick("password", "x", vec![]), today(), "en").is_err());
}

#[test]
fn the_rule_is_a_profile_anchored_on_labels_only() {
    let rule = build_rule(&format!("{URL}?tab=1#top"), &pebble_picks(), today()).unwrap();
    assert_eq!(rule.hosts, ["my.pebblemobile.example"]);
    assert_eq!(rule.account_urls, [URL]);
    assert_eq!(
        anchors_of(&rule),
        [
            (
                "data_remaining".to_string(),
                "Bytes in the tank".to_string()
            ),
            ("balance".to_string(), "Pocket money".to_string()),
            ("renewal_date".to_string(), "Next pebble drops".to_string()),
        ]
    );
    assert!(rule.anchors.iter().all(|a| a.element.is_none()));
    // The exported text reads back as the same profile, and is what the fixture holds.
    let text = rule_json(&rule);
    assert_eq!(validate_rule(&text).unwrap(), rule);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        serde_json::from_str::<serde_json::Value>(&fixture("rule.json")).unwrap()
    );
    assert!(!text.contains("labels") && !text.contains("null"), "{text}");
}

#[test]
fn the_taught_rule_reads_the_page_and_its_restyled_copy() {
    let rule = build_rule(URL, &pebble_picks(), today()).unwrap();
    let opts = ScanOptions { today: today() };
    let read = |name: &str, rules: &[Profile]| {
        let page = crate::html::page_from_html(&fixture(name), URL);
        extract_with(&page, &opts, rules)
    };
    // Without the rule the generic reader finds nothing on this page.
    assert_eq!(read("account.html", &[]).status, Status::NoData);
    for (name, mb, cents, day) in [
        ("account.html", 2816.0, 740, 14),
        ("account-restyled.html", 1536.0, 510, 20),
    ] {
        let s = read(name, std::slice::from_ref(&rule));
        assert_eq!(s.status, Status::Ok, "{name}");
        assert_eq!(s.balance.map(|m| m.cents), Some(cents), "{name}");
        let line = &s.lines[0];
        assert_eq!(line.renews_on, Date::new(2026, 12, day), "{name}");
        let data = line.data.as_ref().unwrap();
        assert!((data.remaining_mb.unwrap() - mb).abs() < 0.01, "{name}");
    }
}

#[test]
fn rules_need_usable_picks_on_a_page_that_can_be_taught() {
    assert!(build_rule(URL, &[], today()).is_err());
    assert!(build_rule("http://my.pebblemobile.example/", &pebble_picks(), today()).is_err());
    assert!(build_rule("https://www.t-mobile.com/account", &pebble_picks(), today()).is_err());
    let mut twice = pebble_picks();
    twice[1].field = "data_remaining".into();
    assert!(build_rule(URL, &twice, today()).is_err());
    let same_label = vec![
        pick("balance", "$1.00", vec![clue(ClueKind::Heading, "Summary")]),
        pick(
            "renewal_date",
            "Dec 1, 2026",
            vec![clue(ClueKind::Heading, "Summary")],
        ),
    ];
    assert!(build_rule(URL, &same_label, today()).is_err());
    let unusable = vec![pick("balance", "no money here", vec![])];
    assert!(build_rule(URL, &unusable, today()).is_err());
    // Skipped fields are simply absent.
    let one = build_rule(URL, &pebble_picks()[1..2], today()).unwrap();
    assert_eq!(one.anchors.len(), 1);
}

#[test]
fn the_manifest_patterns_tell_the_same_carrier_hosts_as_the_profiles() {
    let patterns: Vec<String> = ["https://*.t-mobile.com/*", "https://*.10086.cn/*"]
        .map(String::from)
        .to_vec();
    let manifest = |h: &str| host_in_patterns(h, &patterns);
    assert!(!teachable_with(
        "https://www.t-mobile.com/account",
        manifest
    ));
    assert!(!teachable_with("https://t-mobile.com/", manifest));
    assert!(!teachable_with("https://shop.10086.cn/", manifest));
    assert!(teachable_with(URL, manifest));
    assert!(teachable_with("https://evil-t-mobile.com/", manifest));
}

#[test]
fn teachable_pages() {
    assert!(teachable(URL));
    assert!(!teachable("http://my.pebblemobile.example/account"));
    assert!(!teachable("https://www.t-mobile.com/account"));
    assert!(!teachable("https://localhost/"));
    assert!(!teachable("chrome://extensions"));
    assert!(!teachable("https://"));
}

#[test]
fn imported_rules_are_validated() {
    let good = fixture("rule.json");
    assert!(validate_rule(&good).is_ok());
    let bad = [
        // Not the profile format.
        r#"{"id":"a.example","hosts":["a.example"],"anchors":[{"field":"balance","label":"Cash"}],"colour":1}"#,
        "not json",
        // Hosts: none, two, a pattern, a built-in carrier's.
        r#"{"id":"x","anchors":[{"field":"balance","label":"Cash"}]}"#,
        r#"{"id":"x","hosts":["a.example","b.example"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
        r#"{"id":"*.example","hosts":["*.example"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
        r#"{"id":"www.t-mobile.com","hosts":["www.t-mobile.com"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
        // An account page elsewhere (the popup opens it).
        r#"{"id":"a.example","hosts":["a.example"],"account_urls":["https://evil.example/a.example"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
        r#"{"id":"a.example","hosts":["a.example"],"account_urls":["http://a.example/"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
        // Claims another carrier, or an id that is not its host (it keys the stored record).
        r#"{"id":"a.example","hosts":["a.example"],"carrier":"t-mobile","anchors":[{"field":"balance","label":"Cash"}]}"#,
        r#"{"id":"t-mobile","hosts":["a.example"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
        // No anchors, an unknown field, a label that is not one, no label.
        r#"{"id":"a.example","hosts":["a.example"]}"#,
        r#"{"id":"a.example","hosts":["a.example"],"anchors":[{"field":"password","label":"Cash"}]}"#,
        r#"{"id":"a.example","hosts":["a.example"],"anchors":[{"field":"balance","label":"$5"}]}"#,
        r#"{"id":"a.example","hosts":["a.example"],"anchors":[{"field":"balance","element":"span.x"}]}"#,
    ];
    for text in bad {
        assert!(validate_rule(text).is_err(), "{text}");
    }
    let huge = format!(
        r#"{{"id":"x","name":"{}","hosts":["a.example"],"anchors":[{{"field":"balance","label":"Cash"}}]}}"#,
        "a".repeat(MAX_RULE_BYTES)
    );
    assert!(validate_rule(&huge).unwrap_err().0.contains("KB"));
}

#[test]
fn stored_rules_apply_to_their_host_and_forgetting_removes_everything_of_the_site() {
    let mut state = State::default();
    let rule = build_rule(URL, &pebble_picks(), today()).unwrap();
    save_rule(&mut state, &rule_json(&rule), 1.0).unwrap();
    // Saving again replaces, never duplicates.
    save_rule(&mut state, &rule_json(&rule), 2.0).unwrap();
    assert_eq!(state.taught.len(), 1);
    assert_eq!(state.taught[0].taught_at_ms, 2.0);
    assert_eq!(state.taught[0].anchors, anchors_of(&rule));
    assert!(save_rule(&mut state, "{}", 3.0).is_err());
    // Other sites are kept in host order.
    for host in ["z.example", "b.example"] {
        let other = fixture("rule.json").replace("my.pebblemobile.example", host);
        save_rule(&mut state, &other, 4.0).unwrap();
    }
    let hosts: Vec<&str> = state.taught.iter().map(|t| t.host.as_str()).collect();
    assert_eq!(hosts, ["b.example", "my.pebblemobile.example", "z.example"]);
    state.taught.retain(|t| t.host == "my.pebblemobile.example");
    assert_eq!(
        state.taught[0].taught_at_ms, 2.0,
        "a refused rule changes nothing"
    );
    assert_eq!(rules_for_host(&state, "my.pebblemobile.example"), [rule]);
    assert!(rules_for_host(&state, "other.example").is_empty());
    assert!(in_taught_account_area(&state, &format!("{URL}/usage")));
    assert!(!in_taught_account_area(
        &state,
        "https://my.pebblemobile.example/shop"
    ));

    // A read of the page, plus an account on another site.
    let opts = ScanOptions { today: today() };
    let page = crate::html::page_from_html(&fixture("account.html"), URL);
    let snap = extract_with(
        &page,
        &opts,
        &rules_for_host(&state, "my.pebblemobile.example"),
    );
    state.ingest(&snap, URL, 10.0, today());
    let other = crate::html::page_from_html(
        "<body><h2>Data remaining</h2><p>4 GB</p><p>Balance $3.00</p></body>",
        "https://other.example/account",
    );
    let other = extract_with(&other, &opts, &[]);
    state.ingest(&other, "https://other.example/account", 10.0, today());
    assert_eq!(state.accounts.len(), 2);
    let key = state.accounts[0].key.clone();
    state.reminders.renewed.push(crate::reminders::RenewedMark {
        account: key.clone(),
        cycle: today(),
        at_ms: 11.0,
    });
    state.reminders.renewed.push(crate::reminders::RenewedMark {
        account: state.accounts[1].key.clone(),
        cycle: today(),
        at_ms: 11.0,
    });

    assert_eq!(forget_site(&mut state, "my.pebblemobile.example"), 1);
    assert!(state.taught.is_empty());
    assert_eq!(state.accounts.len(), 1);
    assert_eq!(state.accounts[0].host, "other.example");
    assert!(state.reminders.renewed.iter().all(|r| r.account != key));
    assert_eq!(state.reminders.renewed.len(), 1);
}

#[test]
fn a_rule_file_is_checked_for_the_preview() {
    let mut state = State::default();
    let check = check_rule(&state, &fixture("rule.json"));
    assert_eq!(check.host.as_deref(), Some("my.pebblemobile.example"));
    assert_eq!(check.anchors.len(), 3);
    assert!(!check.replaces && check.error.is_none());
    save_rule(&mut state, &fixture("rule.json"), 1.0).unwrap();
    assert!(check_rule(&state, &fixture("rule.json")).replaces);
    let bad = check_rule(
        &state,
        r#"{"id":"x","hosts":["www.t-mobile.com"],"anchors":[{"field":"balance","label":"Cash"}]}"#,
    );
    assert!(bad.error.is_some_and(|e| e.contains("built-in carrier")));
    assert_eq!(bad.host, None);
}

#[test]
fn states_without_taught_sites_read_and_write_as_before() {
    let old = r#"{"version":1,"accounts":[]}"#;
    let state = State::from_json(Some(old)).unwrap();
    assert!(state.taught.is_empty());
    assert!(!serde_json::to_string(&state).unwrap().contains("taught"));
    let mut state = state;
    let rule = build_rule(URL, &pebble_picks(), today()).unwrap();
    save_rule(&mut state, &rule_json(&rule), 1.0).unwrap();
    let back = State::from_json(Some(&serde_json::to_string(&state).unwrap())).unwrap();
    assert_eq!(back, state);
}

#[test]
fn teaching_messages_are_checked() {
    let read = |v: serde_json::Value| TeachMessage::from_json(&v.to_string());
    let ok = |v: serde_json::Value| read(v).unwrap();
    assert_eq!(
        ok(serde_json::json!({"type": "teach-start", "tab": 7})),
        TeachMessage::TeachStart { tab: 7 }
    );
    assert_eq!(
        ok(serde_json::json!({"type": "teach-forget", "host": "a.example"})),
        TeachMessage::TeachForget {
            host: "a.example".into()
        }
    );
    for bad in [
        serde_json::json!({"type": "teach-start", "tab": "7"}),
        serde_json::json!({"type": "teach-start", "tab": -1}),
        serde_json::json!({"type": "teach-start"}),
        serde_json::json!({"type": "teach-pick", "pick": {"field": "balance"}}),
        serde_json::json!({"type": "teach-pick", "pick": {"field": "balance", "text": "$1", "extra": 1}}),
        serde_json::json!({"type": "teach-save", "picks": [1]}),
        serde_json::json!({"type": "teach-nope"}),
        serde_json::json!({"type": "teach-start", "tab": 1, "host": "a.example"}),
        serde_json::json!({"type": "teach-cancel", "text": "x"}),
        serde_json::json!({"type": "teach-forget", "host": "a.example", "colour": 1}),
        serde_json::json!({"tab": 1}),
        serde_json::json!(null),
    ] {
        assert!(read(bad.clone()).is_err(), "{bad}");
    }
    let many = serde_json::json!({"type": "teach-save", "picks": (0..4).map(|_| serde_json::json!({"field": "balance", "text": "$1"})).collect::<Vec<_>>()});
    assert!(read(many).is_err());
    assert_eq!(
        ok(serde_json::json!({"type": "teach-cancel"})),
        TeachMessage::TeachCancel
    );
    for t in TEACH_MESSAGE_TYPES.split(' ') {
        // Every listed type is a variant (a missing payload is the error, not the type).
        let err = read(serde_json::json!({"type": t}))
            .err()
            .map(|e| e.0)
            .unwrap_or_default();
        assert!(!err.contains("unknown teaching message type"), "{t}: {err}");
    }
}

#[test]
fn the_rule_text_escapes_what_json_needs() {
    let rule = Profile {
        id: "a.example".into(),
        name: "Quote \" back\\slash \u{1} tab\t and 中文".into(),
        hosts: vec!["a.example".into()],
        account_urls: vec![],
        anchors: vec![Anchor {
            field: "balance".into(),
            element: Some("span.x".into()),
            label: Some("“Cash” \\ \"left\"".into()),
        }],
        ..Profile::default()
    };
    let text = rule_json(&rule);
    assert_eq!(Profile::from_json(&text).unwrap(), rule, "{text}");
    assert!(!text.contains("account_urls"));
}

#[test]
fn a_taught_rules_labels_reach_the_content_scripts_vocabulary() {
    let mut state = State::default();
    save_rule(&mut state, &fixture("rule.json"), 1.0).unwrap();
    let rules = rules_for_host(&state, "my.pebblemobile.example");
    let extra = crate::vocabulary::extra_for_host("my.pebblemobile.example", &rules);
    // Each label has a key word the content script looks for: built in, or sent with the
    // scan reply.
    let builtin = crate::vocabulary::builtin_words();
    assert!(!extra.words.is_empty());
    for label in ["bytes in the tank", "pocket money", "next pebble drops"] {
        assert!(
            label
                .split(' ')
                .any(|w| extra.words.iter().any(|x| x == w) || builtin.iter().any(|x| x == w)),
            "{label}: {:?}",
            extra.words
        );
    }
    assert!(
        extra.words.iter().any(|w| w == "pocket"),
        "{:?}",
        extra.words
    );
    assert!(crate::vocabulary::extra_for_host("other.example", &[])
        .words
        .is_empty());
}
