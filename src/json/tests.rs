//! The JSON module against serde_json (the oracle, a dev-dependency): the same texts are
//! accepted and refused, read into the same values, and written byte for byte alike, for
//! every public format.

use super::*;
use crate::checklist::PopupAction;
use crate::message::{Context, RawMessage, Sender};
use crate::page::PageSnapshot;
use crate::profile::Profile;
use crate::settings::Settings;
use crate::snapshot::Snapshot;
use crate::store::{Export, State};
use crate::teach::{Pick, TeachMessage};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

/// A serde_json value as the JSON module's (object members in the same order).
fn from_serde(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap()),
        },
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(a) => Value::Arr(a.iter().map(from_serde).collect()),
        serde_json::Value::Object(o) => {
            Value::Obj(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
        }
    }
}

/// Reads `text` both ways: both accept it with equal values, or both refuse it. The
/// value read is written back both ways, byte for byte alike.
fn same_read<T>(text: &str) -> Option<T>
where
    T: FromJson + ToJson + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let ours = from_str::<T>(text);
    let theirs = serde_json::from_str::<T>(text);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text}");
            assert_eq!(to_string(&a), serde_json::to_string(&b).unwrap(), "{text}");
            Some(a)
        }
        (Err(_), Err(_)) => None,
        (a, b) => panic!("{text}:\n ours {a:?}\n serde {b:?}"),
    }
}

/// Reads `text` both ways (types read only).
fn same_read_only<T>(text: &str) -> Option<T>
where
    T: FromJson + DeserializeOwned + PartialEq + Debug,
{
    match (from_str::<T>(text), serde_json::from_str::<T>(text)) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text}");
            Some(a)
        }
        (Err(_), Err(_)) => None,
        (a, b) => panic!("{text}:\n ours {a:?}\n serde {b:?}"),
    }
}

fn files(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, suffix, out);
        } else if path.to_string_lossy().ends_with(suffix) {
            out.push(path);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn texts_parse_as_serde_json_parses_them() {
    for text in [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "12",
        "-7",
        "1.5",
        "1e3",
        "1E-3",
        "-2.5e+2",
        "9007199254740993",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "18446744073709551616",
        "1e400",
        r#""""#,
        r#""a\"b\\c\/d\b\f\n\r\t""#,
        r#""\u00e9\ud83d\ude00 中文""#,
        "[]",
        "[1,[2,[3]]]",
        r#"{"a":1,"b":[true,null],"c":{"d":"e"}}"#,
        " { \"a\" : 1 , \"b\" : 2 } ",
        // Refused by both:
        "",
        " ",
        "01",
        "1.",
        ".5",
        "+1",
        "1e",
        "-",
        "nul",
        "True",
        "[1,]",
        "[1 2]",
        r#"{"a":1,}"#,
        r#"{"a" 1}"#,
        "{1:2}",
        r#"{"a":1}x"#,
        "\"abc",
        "\"a\u{1}b\"",
        r#""\x""#,
        r#""\u12""#,
        r#""\ud800""#,
        r#""\udc00""#,
        r#""\ud800\u0041""#,
        "[[[[",
        "NaN",
        "Infinity",
    ] {
        let ours = parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => {
                // serde_json keeps numbers beyond i64 as u64 or f64; the JSON module as f64.
                let b = from_serde(b);
                let same = match (a, &b) {
                    (Value::Float(x), Value::Int(_)) | (Value::Int(_), Value::Float(x)) => {
                        b.as_f64() == Some(*x) || a.as_f64() == b.as_f64()
                    }
                    _ => *a == b,
                };
                assert!(same || a.as_f64() == b.as_f64(), "{text}: {a:?} vs {b:?}");
            }
            (Err(_), Err(_)) => {}
            _ => panic!("{text:?}: ours {ours:?}, serde {theirs:?}"),
        }
    }
}

#[test]
fn nesting_is_limited_like_serde_json() {
    for depth in [127, 128, 129, 100_000] {
        let text = "[".repeat(depth) + &"]".repeat(depth);
        assert_eq!(
            parse(&text).is_ok(),
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{depth}"
        );
    }
}

#[test]
fn errors_say_where() {
    let e = parse("{\n  \"a\": tru\n}").unwrap_err();
    assert!(e.0.contains("line 2 column"), "{e}");
    let e = from_str::<Settings>(r#"{"lead_days":"7"}"#).unwrap_err();
    assert_eq!(e.0, r#"invalid type: string "7", expected a sequence"#);
    let e = from_str::<crate::settings::Quiet>(r#"{"start":1}"#).unwrap_err();
    assert_eq!(e.0, "missing field `end`");
    let e =
        from_str::<PopupAction>(r#"{"type":"checklist","account":"a","step":1,"done":true,"x":1}"#)
            .unwrap_err();
    assert_eq!(e.0, "unknown field `x`");
    let e = from_str::<crate::settings::Quiet>(r#"{"start":1,"end":2,"start":3}"#).unwrap_err();
    assert_eq!(e.0, "duplicate field `start`");
    let e = from_str::<u32>("-1").unwrap_err();
    assert_eq!(e.0, "invalid value: integer `-1`, expected u32");
    let e = from_str::<u32>("1.0").unwrap_err();
    assert_eq!(e.0, "invalid type: floating point `1.0`, expected u32");
    // Each integer type's range ends, as serde reads them.
    assert_eq!(same_read_only::<u8>("255"), Some(255));
    assert_eq!(same_read_only::<u8>("256"), None);
    assert_eq!(same_read_only::<i32>("-2147483648"), Some(i32::MIN));
    assert_eq!(same_read_only::<i32>("2147483648"), None);
    assert_eq!(
        same_read_only::<i64>("-9223372036854775808"),
        Some(i64::MIN)
    );
    assert_eq!(same_read_only::<usize>("-1"), None);
    assert_eq!(same_read_only::<u16>("65535"), Some(u16::MAX));
    let e = from_str::<u8>("256").unwrap_err();
    assert_eq!(e.0, "invalid value: integer `256`, expected u8");
    // Names and variants from the joined name strings, as serde words them.
    let e = from_str::<crate::snapshot::Status>(r#""bogus""#).unwrap_err();
    let serde_e = serde_json::from_str::<crate::snapshot::Status>(r#""bogus""#).unwrap_err();
    assert!(serde_e.to_string().starts_with(&e.0), "{e} / {serde_e}");
    assert_eq!(
        e.0,
        "unknown variant `bogus`, expected one of `ok`, `no_data`, `logged_out`"
    );
    let ok = from_str::<crate::snapshot::Status>(r#""logged_out""#).expect("a status");
    assert_eq!(ok, crate::snapshot::Status::LoggedOut);
    let text = r#"{"type":"checklist","account":"a","step":1,"done":true,"":1}"#;
    let e = from_str::<PopupAction>(text).unwrap_err();
    assert_eq!(e.0, "unknown field ``");
}

#[test]
fn strings_and_numbers_are_written_as_serde_json_writes_them() {
    let mut strings: Vec<String> = vec![
        String::new(),
        "plain".into(),
        "quote \" backslash \\ slash /".into(),
        "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}\u{80}".into(),
        "中文 • 😀 \u{2028}\u{2029}\u{feff}".into(),
    ];
    strings.extend((0u8..128).map(|b| char::from(b).to_string()));
    for s in &strings {
        assert_eq!(to_string(s), serde_json::to_string(s).unwrap(), "{s:?}");
    }
    for f in [
        0.0,
        -0.0,
        1.0,
        -1.5,
        0.1,
        1e-7,
        1.5e-5,
        1e15,
        1e16,
        1e17,
        1e21,
        1e22,
        123456789012345680.0,
        3502.08,
        1_795_700_000_000.0,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        assert_eq!(to_string(&f), serde_json::to_string(&f).unwrap(), "{f}");
    }
    for n in [0i64, 1, -1, i64::MAX, i64::MIN, 1_795_700_000_000] {
        assert_eq!(to_string(&n), serde_json::to_string(&n).unwrap(), "{n}");
    }
}

#[test]
fn every_fixture_snapshot_reads_and_writes_as_with_serde() {
    let mut paths = Vec::new();
    files(&root().join("tests/fixtures"), ".expected.json", &mut paths);
    assert!(paths.len() >= 40, "{}", paths.len());
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        let snapshot = serde_json::to_string(&expected["snapshot"]).unwrap();
        let read = same_read::<Snapshot>(&snapshot);
        assert!(read.is_some(), "{}", path.display());
        // The native scanner's page snapshot of the fixture, written and read both ways.
        let html = std::fs::read_to_string(path.with_extension("").with_extension("html"));
        if let Ok(html) = html {
            let page = crate::html::page_from_html(&html, "https://example.com/account");
            let ours = to_string(&page);
            assert_eq!(ours, serde_json::to_string(&page).unwrap());
            assert_eq!(same_read_only::<PageSnapshot>(&ours), Some(page));
        }
    }
}

#[test]
fn profiles_read_as_with_serde() {
    let mut paths = Vec::new();
    files(&root().join("profiles"), ".json", &mut paths);
    files(&root().join("tests/fixtures"), ".rules.json", &mut paths);
    assert!(paths.len() >= 11);
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            same_read_only::<Profile>(&text).is_some(),
            "{}",
            path.display()
        );
    }
    for bad in [
        r#"{"id":"x","labels":{"balance":"Balance"}}"#,
        r#"{"id":"x","labels":{"nope":[]}}"#,
        r#"{"id":"x","labels":{"on":[],"on":[]}}"#,
        r#"{"id":"x","hints":{"loading":[1]}}"#,
        r#"{"id":"x","anchors":[{"field":"balance","extra":1}]}"#,
        r#"{"id":"x","currency":"XYZ"}"#,
        r#"{"id":"x","date_order":"ymd"}"#,
        r#"{"id":"x","unknown":1}"#,
        r#"{"id":"x","host_currency":{"*.hk":"HKD"},"date_order":"dmy"}"#,
    ] {
        same_read_only::<Profile>(bad);
    }
}

/// States built by the engine from every fixture, with settings, checklists, reminders,
/// taught sites and kept-aside notes: written and read both ways alike.
#[test]
fn states_and_exports_read_and_write_as_with_serde() {
    let mut paths = Vec::new();
    files(&root().join("tests/fixtures"), ".expected.json", &mut paths);
    let mut state = State::default();
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        let snapshot: Snapshot = serde_json::from_value(expected["snapshot"].clone()).unwrap();
        let url = expected["url"]
            .as_str()
            .unwrap_or("https://www.t-mobile.com/account");
        let today = snapshot
            .next_bill_date
            .and_then(|d| d.add_days(-9))
            .unwrap_or_else(|| crate::Date::new(2026, 11, 26).unwrap());
        state.ingest(
            &snapshot,
            url,
            1_795_000_000_000.0 + i as f64 * 3.6e6,
            today,
        );
    }
    assert!(state.accounts.len() > 5);
    let layout = r#"{"version":2,"accounts":[],"settings":{"reminders":false,"lead_days":[5,1],
        "remind_at":3600,"quiet":null,"low_data":false,"low_data_percent":12.5,"low_data_mb":2048.0,
        "language":"zh_cn","cycles":{"a":{"months":{"n":1}},"b":{"days":{"n":28}}}},
        "checklists":[{"account":"a","cycle":"2026-12-09","done":[true,false,false,true,false],
          "paid_at_ms":1.5,"confirmed":{"by":"balance_rose","at_ms":2.0,"to":null}},
          {"account":"b","cycle":null,"done":[false,false,false,false,false]}],
        "reminders":{"fired":[{"key":"k","account":"a","cycle":"2026-12-09","at_ms":3.0,"shown":true}],
          "snoozes":[{"key":"k","account":"a","cycle":null,"at_ms":4.0}],
          "renewed":[{"account":"a","cycle":"2026-12-09","at_ms":5.0}]},
        "taught":[{"host":"x.example","rule":"{}","taught_at_ms":6.0,"anchors":[["balance","Wallet"]]}],
        "kept_aside":[{"key":"kept_aside:1","at_ms":7.0,"newer":3,"detail":""}]}"#;
    let extra: State = same_read(layout).unwrap();
    state.settings = extra.settings.clone();
    state.checklists = extra.checklists.clone();
    state.reminders = extra.reminders.clone();
    state.taught = extra.taught.clone();
    state.kept_aside = extra.kept_aside.clone();
    let text = serde_json::to_string(&state).unwrap();
    assert_eq!(same_read::<State>(&text), Some(state.clone()));
    // A history whose keys hold a separator is written as an array of points.
    let mut odd = state.clone();
    if let Some(point) = odd.accounts[0].history.first_mut() {
        point.lines.push(("a;b".into(), Some(1.0), None));
    }
    same_read::<State>(&serde_json::to_string(&odd).unwrap()).unwrap();
    // The export file, pretty-printed byte for byte as serde_json did.
    let export = state.export_json();
    let theirs: Export = serde_json::from_str(&export).unwrap();
    assert_eq!(export, serde_json::to_string_pretty(&theirs).unwrap());
    assert_eq!(same_read::<Export>(&export), Some(theirs));
    // Damaged states: both refuse the same ones.
    for bad in [
        r#"{"version":2,"accounts":7}"#,
        r#"{"version":2,"accounts":[{"key":"a"}]}"#,
        r#"{"version":2,"settings":{"cycles":{"a":{"weeks":{"n":1}}}}}"#,
        r#"{"version":2,"settings":{"cycles":{"a":{"months":{"n":300}}}}}"#,
        r#"{"version":2,"settings":{"quiet":{"start":-1,"end":0}}}"#,
        r#"{"version":2,"settings":{"language":"fr"}}"#,
        r#"{"version":2,"checklists":[{"account":"a","cycle":null,"done":[true]}]}"#,
        r#"{"version":2,"checklists":[{"account":"a","cycle":"2026-02-30","done":[true,true,true,true,true]}]}"#,
        r#"{"version":2,"kept_aside":[{"key":"k","at_ms":"1"}]}"#,
        r#"{"version":2,"accounts":[],"accounts":[]}"#,
        r#"{"version":2.0}"#,
        r#"{"version":2,"reminders":{"fired":[{"key":"k"}]}}"#,
        r#"{"version":2,"reminders":null}"#,
    ] {
        assert!(same_read::<State>(bad).is_none(), "{bad}");
    }
}

#[test]
fn messages_read_as_with_serde() {
    for text in [
        r#"{}"#,
        r#"{"type":"scan","page":"{}"}"#,
        r#"{"type":"checklist","account":"a","step":1,"done":true}"#,
        r#"{"type":"checklist","account":"a","step":-1,"done":true}"#,
        r#"{"type":"checklist","account":"a","step":1.5,"done":true}"#,
        r#"{"type":"settings","form":{"section":"reminders","lead_days":"7"}}"#,
        r#"{"type":"settings","form":{"section":"reminders","lead_days":7}}"#,
        r#"{"type":"action","id":"k","action":"snooze"}"#,
        r#"{"type":"action","id":"k","action":"later"}"#,
        r#"{"type":7}"#,
        r#"{"type":null,"extra":[1,2]}"#,
        r#"null"#,
        r#""scan""#,
    ] {
        same_read_only::<RawMessage>(text);
    }
    // serde reads a struct from an array of its fields too; no format writes one.
    assert!(from_str::<RawMessage>("[]").is_err());
    for text in [
        r#"{}"#,
        r#"{"id":"abc","url":"https://x/","tab":{"id":3,"url":"https://x/"},"frameId":0}"#,
        r#"{"tab":null}"#,
        r#"{"frameId":"0"}"#,
        r#"{"id":1}"#,
    ] {
        same_read_only::<Sender>(text);
    }
    for text in [
        r#"{"extension_id":"x","extension_url":"chrome-extension://x/","content_matches":["https://*/*"],"granted_origins":[]}"#,
        r#"{}"#,
        r#"{"content_matches":"x"}"#,
    ] {
        same_read_only::<Context>(text);
    }
    for text in [
        r#"{"type":"checklist","account":"a","step":0,"done":false}"#,
        r#"{"type":"checklist","account":"a","step":0}"#,
        r#"{"type":"erase"}"#,
        r#"{"type":"checklist","account":"a","step":0,"done":false,"x":1}"#,
    ] {
        same_read_only::<PopupAction>(text);
    }
    for text in [
        r#"{"field":"balance","text":"$5.00"}"#,
        r#"{"field":"balance","text":"$5.00","clues":[{"kind":"aria","text":"Balance"}],"lang":"en"}"#,
        r#"{"field":"balance","text":"$5.00","clues":[{"kind":"nope","text":"x"}]}"#,
        r#"{"field":"balance","text":"$5.00","extra":true}"#,
        r#"{"field":"balance"}"#,
    ] {
        same_read_only::<Pick>(text);
    }
    for text in [
        r#"{"type":"teach-start","tab":4}"#,
        r#"{"type":"teach-start","tab":"4"}"#,
        r#"{"type":"teach-pick","pick":{"field":"balance","text":"$1"}}"#,
        r#"{"type":"teach-save","picks":[]}"#,
        r#"{"type":"teach-cancel"}"#,
        r#"{"type":"teach-cancel","tab":1}"#,
        r#"{"type":"teach-check","text":"{}"}"#,
        r#"{"type":"teach-forget","host":"x"}"#,
        r#"{"type":"teach-forget"}"#,
        r#"{"type":"teach-other"}"#,
        r#"{"type":"teach-start","tab":1,"spare":0}"#,
    ] {
        let ours = from_str::<TeachMessage>(text).map_err(|e| e.0);
        let theirs = serde_json::from_str::<TeachMessage>(text).map_err(|e| e.to_string());
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{text}: {ours:?} {theirs:?}");
        if let (Ok(a), Ok(b)) = (ours, theirs) {
            assert_eq!(a, b);
        }
    }
}

/// Arbitrary JSON values (serde_json's, keys possibly repeated in text).
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        // Magnitudes `parse::float` reads exactly (all LineKeeper writes or pages show).
        (-1e15f64..1e15).prop_map(|f| serde_json::json!(f)),
        (-1e-3f64..1e-3).prop_map(|f| serde_json::json!(f)),
        any::<String>().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_value_reads_and_writes_as_with_serde_json(v in any_json()) {
        let text = serde_json::to_string(&v).unwrap();
        let ours = parse(&text).unwrap();
        prop_assert_eq!(&ours, &from_serde(&v));
        prop_assert_eq!(to_string(&ours), text);
        let pretty = serde_json::to_string_pretty(&v).unwrap();
        prop_assert_eq!(to_string_pretty(&ours), pretty);
    }

    #[test]
    fn any_text_is_read_or_refused_as_serde_json_does(text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+-]{0,24}") {
        let ours = parse(&text);
        let theirs = serde_json::from_str::<serde_json::Value>(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} vs {:?}", text, ours, theirs);
    }

    #[test]
    fn any_float_is_written_as_serde_json_writes_it(f in any::<f64>()) {
        prop_assert_eq!(to_string(&f), serde_json::to_string(&f).unwrap());
    }
}

/// A struct field is read in place (`FromJson::read_into`), over the holder's default: that
/// default must hold the field type's own, as `from_json` would start from it.
#[test]
fn struct_fields_read_in_place_start_from_their_types_default() {
    let state = State::default();
    assert_eq!(state.settings, Settings::default());
    assert_eq!(state.reminders, crate::reminders::ReminderLog::default());
    // A member left out keeps the nested default, one given replaces it, as with serde.
    let text = r#"{"version":1,"settings":{"reminders":false,"lead_days":[2]}}"#;
    let state: State = same_read(text).expect("a state");
    assert!(!state.settings.reminders);
    assert_eq!(state.settings.lead_days, vec![2]);
    assert_eq!(state.settings.remind_at, Settings::default().remind_at);
    // A list read in place holds only what the text gives.
    let mut lead = vec![7u32, 3];
    FromJson::read_into(&mut lead, parse("[1]").expect("json")).expect("a list");
    assert_eq!(lead, vec![1]);
}

#[test]
fn tuples_and_fixed_length_arrays_read_as_with_serde() {
    let triples = [
        r#"["a",1.5,null]"#,
        r#"["a",null,2]"#,
        r#"["a",1.5]"#,
        r#"["a",1.5,null,3]"#,
        r#"[1,1.5,null]"#,
        r#"["a",1.5,"b"]"#,
        r#"{}"#,
        r#"null"#,
    ];
    let read: Vec<_> = triples
        .iter()
        .filter_map(|t| same_read::<(String, Option<f64>, Option<f64>)>(t))
        .collect();
    assert_eq!(read.len(), 2);
    for text in [r#"["a","b"]"#, r#"["a"]"#, r#"["a","b","c"]"#, r#"["a",2]"#] {
        same_read::<(String, String)>(text);
    }
    for text in [
        "[true,false,true]",
        "[true]",
        "[true,1,false]",
        "[]",
        "[true,true,true,true]",
    ] {
        same_read::<[bool; 3]>(text);
    }
    assert_eq!(
        same_read::<[bool; 3]>("[true,false,true]"),
        Some([true, false, true])
    );
    // serde's words for a wrong length (serde_json adds the position).
    let e = from_str::<(String, String)>(r#"["a"]"#).unwrap_err();
    assert_eq!(e.0, "invalid length 1, expected a tuple of size 2");
}
