//! `linekeeper scan PAGE --rules FILE` tests a taught rule against a saved page: the rule
//! exported for the Pebble fixture (`tests/fixtures/taught/pebble/rule.json`) reads the
//! page it was taught on and its restyled copy; without it nothing is read; a bad rule file
//! is a one-line error.
#![cfg(feature = "html")]

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/taught/pebble");

fn scan(page: &str, url: &str, today: &str, rules: Option<&Path>) -> (bool, Value, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linekeeper"));
    cmd.args(["scan", page, "--url", url, "--today", today, "--compact"]);
    if let Some(rules) = rules {
        cmd.arg("--rules").arg(rules);
    }
    let out = cmd.output().expect("run linekeeper");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.success(),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// `got` equals `want` (numbers to 0.01), `sources` left out.
fn same(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            (a.as_f64().unwrap_or(f64::NAN) - b.as_f64().unwrap_or(f64::NAN)).abs() <= 0.01
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys = |m: &serde_json::Map<String, Value>| {
                let mut k: Vec<String> = m.keys().filter(|k| *k != "sources").cloned().collect();
                k.sort();
                k
            };
            keys(a) == keys(b) && b.iter().all(|(k, v)| same(&a[k], v))
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        _ => got == want,
    }
}

#[test]
fn the_exported_rule_reads_the_saved_page_and_its_restyled_copy() {
    for name in ["account", "account-restyled"] {
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{DIR}/{name}.taught.json")).unwrap(),
        )
        .unwrap();
        let page = format!("{DIR}/{name}.html");
        let url = expected["url"].as_str().unwrap();
        let today = expected["today"].as_str().unwrap();
        let rules = Path::new(DIR).join(expected["rules"].as_str().unwrap());
        let (ok, got, err) = scan(&page, url, today, Some(&rules));
        assert!(ok, "{name}: {err}");
        assert!(
            same(&got, &expected["snapshot"]),
            "{name}:\n got {got}\nwant {}",
            expected["snapshot"]
        );
        // The values came from the taught labels.
        let sources = got["sources"].to_string();
        assert!(sources.contains("Pocket money"), "{name}: {sources}");

        let (ok, without, _) = scan(&page, url, today, None);
        assert!(ok);
        assert_eq!(without["status"], "no_data", "{name}: without the rule");
    }
}

#[test]
fn a_bad_rule_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("linekeeper-teach-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"id":"x","anchors":[{"field":"wallet","label":"Cash"}]}"#,
    )
    .unwrap();
    let page = format!("{DIR}/account.html");
    let (ok, _, err) = scan(
        &page,
        "https://my.pebblemobile.example/account",
        "2026-11-26",
        Some(&bad),
    );
    assert!(!ok);
    assert!(err.contains("unknown anchor field"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
