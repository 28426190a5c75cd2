//! Every stored layout LineKeeper ever wrote loads, and loses nothing. The shapes are those
//! of `src/store.rs` in git history (the commit each was written by is named).

use super::*;
use crate::history_codec;
use serde_json::{json, Value};

/// The tests speak serde_json's values; the store reads and writes through `crate::json`.
fn from_value(v: Value) -> Result<State, StoreError> {
    State::from_value(crate::json::parse(&v.to_string()).unwrap())
}

fn to_value(state: &State) -> Value {
    serde_json::from_str(&crate::json::to_string(state)).unwrap()
}

fn migrate(v: &mut Value) -> Result<u32, StoreError> {
    let mut tree = crate::json::parse(&v.to_string()).unwrap();
    let result = super::migrate(&mut tree);
    *v = serde_json::from_str(&crate::json::to_string(&tree)).unwrap();
    result
}

const LATEST: &str = r#"{"schema":1,"status":"ok","carrier":"t-mobile","next_bill_date":"2026-12-09",
  "balance":{"amount":"0.00","currency":"USD"},"amount_due":null,"autopay":false,
  "lines":[{"number_last4":"4821","label":"Mom","plan":"Prepaid Connect","renews_on":"2026-12-09",
    "data":{"remaining_mb":3502.08,"used_mb":1617.92,"total_mb":5120.0,"unlimited":false}}]}"#;

fn history_array() -> Value {
    json!([
        {"at_ms": 1_790_000_000_000.0, "date": "2026-09-21", "next_bill_date": "2026-10-09",
         "lines": [["4821", 5000.0, 120.5], ["", null, null]]},
        {"at_ms": 1_795_700_000_000.0, "date": "2026-11-26", "next_bill_date": "2026-12-09",
         "lines": [["4821", 3502.08, 1617.92], ["", null, null]]}
    ])
}

fn account(history: Value) -> Value {
    json!({"key": "t-mobile", "carrier": "t-mobile", "host": "www.t-mobile.com",
           "page_url": "https://www.t-mobile.com/account",
           "latest": serde_json::from_str::<Value>(LATEST).unwrap(),
           "read_at_ms": 1_795_700_000_000.0, "history": history})
}

/// 3ef6042: accounts only, history as an array of points.
fn layout_1_first() -> Value {
    json!({"version": 1, "accounts": [account(history_array())]})
}

/// 82409f4: the renewal checklist (its confirmation then a tagged enum).
fn layout_1_checklists() -> Value {
    let mut v = layout_1_first();
    v["checklists"] = json!([
        {"account": "t-mobile", "cycle": "2026-12-09", "done": [true, true, false, true, false],
         "paid_at_ms": 1_795_600_000_000.0,
         "confirmed": {"by": "date_moved", "at_ms": 1_795_650_000_000.0, "to": "2027-01-09"}},
        {"account": "host:my.example.com", "cycle": null, "done": [false, false, false, false, false],
         "confirmed": {"by": "balance_rose", "at_ms": 1_795_660_000_000.0}}
    ]);
    v
}

/// ad8a5ee: settings and the reminder log (snoozes then carried a tagged `kind`, cycles were
/// tagged by `every`).
fn layout_1_reminders() -> Value {
    let mut v = layout_1_first();
    v["settings"] = json!({"reminders": true, "lead_days": [5, 1], "remind_at": 30_600,
        "quiet": {"start": 79_200, "end": 25_200}, "low_data": false, "low_data_percent": 15.0,
        "low_data_mb": 250.0, "language": "zh_cn", "cycles": {"t-mobile": {"every": "days", "n": 28}, "host:my.example.com": {"every": "months", "n": 1}}});
    v["reminders"] = json!({
        "fired": [{"key": "t-mobile|2026-12-09|lead5", "account": "t-mobile", "cycle": "2026-12-09",
                   "at_ms": 1_795_300_000_000.0, "shown": true}],
        "snoozes": [{"key": "t-mobile|2026-12-09|lead1", "account": "t-mobile", "cycle": "2026-12-09",
                     "kind": {"kind": "lead", "days": 1}, "at_ms": 1_795_800_000_000.0}],
        "renewed": [{"account": "t-mobile", "cycle": "2026-11-09", "at_ms": 1_793_000_000_000.0}]});
    v
}

/// 852f10b and main before layout 2: everything, history as one compact string.
fn layout_1_compact() -> Value {
    let mut v = layout_1_reminders();
    v["checklists"] = layout_1_checklists()["checklists"].clone();
    let points: Vec<HistoryPoint> = serde_json::from_value(history_array()).unwrap();
    v["accounts"][0]["history"] = Value::String(history_codec::encode(&points));
    v
}

/// The current layout, with a kept-aside note.
fn layout_2() -> Value {
    let mut v = layout_1_compact();
    v["version"] = json!(2);
    v["settings"]["cycles"] = json!({"t-mobile": {"days": {"n": 28}}});
    v["kept_aside"] = json!([{"key": "kept_aside:1795000000000",
        "newer": 3, "detail": "", "at_ms": 1_795_000_000_000.0}]);
    v
}

/// Every value of `old` is in `new` (objects: every key; arrays: element by element), with
/// histories compared as points whichever form they are stored in. Returns what is missing.
fn missing(old: &Value, new: &Value, path: &str, out: &mut Vec<String>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                if k == "history" {
                    let points = |v: &Value| -> Vec<HistoryPoint> {
                        #[cfg_attr(test, derive(serde::Deserialize))]
                        struct H(#[serde(with = "crate::history_codec")] Vec<HistoryPoint>);
                        serde_json::from_value::<H>(v.clone()).map(|h| h.0).unwrap()
                    };
                    if b.get(k).map(points) != Some(points(v)) {
                        out.push(p);
                    }
                    continue;
                }
                // Fields since removed from the layout on purpose.
                if k == "kind" && path.contains("snoozes") {
                    continue;
                }
                // Cycles once tagged by `every` (migrated to `{"<every>": {...}}`).
                if let (Some(Value::String(every)), true) = (a.get("every"), k != "every") {
                    if let Some(w) = b.get(every).and_then(|x| x.get(k)) {
                        missing(v, w, &p, out);
                        continue;
                    }
                }
                if k == "every" && b.contains_key(v.as_str().unwrap_or("")) {
                    continue;
                }
                match b.get(k) {
                    Some(w) => missing(v, w, &p, out),
                    None if v.is_null() => {}
                    None => out.push(p),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                missing(v, w, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        _ => out.push(format!("{path}: {old} became {new}")),
    }
}

#[test]
fn every_earlier_layout_loads_and_loses_nothing() {
    for (name, old) in [
        ("1 first", layout_1_first()),
        ("1 checklists", layout_1_checklists()),
        ("1 reminders", layout_1_reminders()),
        ("1 compact history", layout_1_compact()),
        ("2", layout_2()),
    ] {
        let state = from_value(old.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(state.version, STORE_VERSION, "{name}");
        let written = to_value(&state);
        let mut lost = Vec::new();
        let mut old_without_version = old.clone();
        old_without_version["version"] = json!(STORE_VERSION);
        missing(&old_without_version, &written, name, &mut lost);
        assert!(lost.is_empty(), "{name} lost {lost:?}");
        // Written again in the current layout, it reads back the same.
        assert_eq!(from_value(written).unwrap(), state, "{name}");
        assert_eq!(state.accounts[0].history.len(), 2, "{name}");
        assert_eq!(
            state.accounts[0].latest.lines[0].label.as_deref(),
            Some("Mom")
        );
    }
    // Spot checks that the comparison itself looks at values.
    let state = from_value(layout_1_compact()).unwrap();
    assert_eq!(state.checklists[0].done, [true, true, false, true, false]);
    assert_eq!(state.settings.lead_days, vec![5, 1]);
    assert_eq!(
        state.settings.cycles.get("t-mobile"),
        Some(&crate::settings::Cycle::Days { n: 28 })
    );
    assert_eq!(state.reminders.renewed.len(), 1);
    let mut lost = Vec::new();
    let mut changed = layout_1_first();
    changed["version"] = json!(STORE_VERSION);
    changed["accounts"][0]["read_at_ms"] = json!(1.0);
    missing(&changed, &to_value(&state), "x", &mut lost);
    assert_eq!(lost.len(), 1, "{lost:?}");
}

#[test]
fn unreadable_values_are_errors_that_say_why() {
    for (bad, corrupt) in [
        (json!("text"), true),
        (json!([1, 2]), true),
        (json!({"accounts": []}), true),
        (json!({"version": 0, "accounts": []}), true),
        (json!({"version": -1}), true),
        (json!({"version": "2"}), true),
        (json!({"version": 1.5}), true),
        (json!({"version": 1, "accounts": "x"}), true),
        (json!({"version": 3, "accounts": []}), false),
        (json!({"version": 4_000_000_000_u64}), false),
    ] {
        let error = from_value(bad.clone()).unwrap_err();
        assert_eq!(
            matches!(error, StoreError::Corrupt { .. }),
            corrupt,
            "{bad}: {error}"
        );
        let text = error.to_string();
        assert!(
            text.contains(if corrupt {
                "damaged"
            } else {
                "newer LineKeeper"
            }),
            "{text}"
        );
    }
    assert_eq!(from_value(Value::Null).unwrap(), State::default());
}

#[test]
fn an_unreadable_value_is_noted_and_kept_under_its_own_key() {
    let error = from_value(json!({"version": 7})).unwrap_err();
    let state = State::after_unreadable(error.clone(), 1_795_700_000_123.0);
    assert_eq!(state.kept_aside[0].key, "kept_aside:1795700000123");
    assert_ne!(state.kept_aside[0].key, STATE_KEY);
    assert_eq!(state.kept_aside[0].reason(), error);
    let damaged = State::after_unreadable(from_value(json!([1])).unwrap_err(), 5.0);
    assert!(
        matches!(damaged.kept_aside[0].reason(), StoreError::Corrupt { detail } if detail.contains("not an object"))
    );
    // The note survives being stored and read, and later changes.
    let again = from_value(to_value(&state)).unwrap();
    assert_eq!(again.kept_aside, state.kept_aside);
}

#[test]
fn a_failed_migration_leaves_the_value_as_it_was() {
    let mut newer = json!({"version": 9, "accounts": [1]});
    let before = newer.clone();
    assert!(migrate(&mut newer).is_err());
    assert_eq!(newer, before);
    let mut old = layout_1_first();
    assert_eq!(migrate(&mut old).unwrap(), 1);
    assert_eq!(old["version"], json!(STORE_VERSION));
}

#[test]
fn layout_of_a_js_number_agrees_with_migrate() {
    for v in [
        json!(1),
        json!(2),
        json!(3),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(5_000_000_000_u64),
    ] {
        let mut value = json!({"version": v.clone()});
        let migrated = migrate(&mut value).map(|_| ());
        let layout = layout_of(v.as_f64()).map(|_| ());
        assert_eq!(
            migrated.is_ok(),
            layout.is_ok(),
            "{v}: {migrated:?} vs {layout:?}"
        );
        assert_eq!(
            matches!(migrated, Err(StoreError::Newer { .. })),
            matches!(layout, Err(StoreError::Newer { .. })),
            "{v}"
        );
    }
    assert!(matches!(layout_of(None), Err(StoreError::Corrupt { .. })));
}

#[test]
fn every_layout_reads_as_serde_reads_it() {
    for old in [
        layout_1_first(),
        layout_1_checklists(),
        layout_1_reminders(),
        layout_1_compact(),
        layout_2(),
    ] {
        let mut tree = crate::json::parse(&old.to_string()).unwrap();
        migrate_tree(&mut tree);
        let text = crate::json::to_string(&tree);
        let ours: State = crate::json::from_str(&text).unwrap();
        let theirs: State = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(
            crate::json::to_string(&ours),
            serde_json::to_string(&theirs).unwrap()
        );
    }
}

fn migrate_tree(tree: &mut crate::json::Value) {
    super::migrate(tree).unwrap();
}
