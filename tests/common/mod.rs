//! Shared by the fixture harnesses (`tests/scan.rs`, `tests/metamorphic.rs`): the fixture
//! pages, and the field-by-field comparison of a scan with its expected snapshot.

use linekeeper::Date;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Every `X.html` with an `X.expected.json` below `dir`, in name order.
pub fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "html")
            && path.with_extension("expected.json").exists()
        {
            out.push(path);
        }
    }
}

/// Differences between `got` and `want` as `path: got … want …` lines, ignoring `sources`;
/// numbers compare to 0.01. `loose`: a line's `plan` and `label` compare without their spaces.
pub fn diff(path: &str, got: &Value, want: &Value, loose: bool, out: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            if (a - b).abs() > 0.01 {
                out.push(format!("{path}: got {a}, want {b}"));
            }
        }
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                if k == "sources" {
                    continue;
                }
                let null = Value::Null;
                diff(
                    &format!("{path}.{k}"),
                    a.get(k).unwrap_or(&null),
                    b.get(k).unwrap_or(&null),
                    loose,
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: got {} items, want {}", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                diff(&format!("{path}[{i}]"), x, y, loose, out);
            }
        }
        (Value::String(a), Value::String(b))
            if loose && (path.ends_with(".plan") || path.ends_with(".label")) =>
        {
            let bare = |s: &str| s.split_whitespace().collect::<String>();
            if bare(a) != bare(b) {
                out.push(format!("{path}: got {got}, want {want}"));
            }
        }
        _ => {
            if got != want {
                out.push(format!("{path}: got {got}, want {want}"));
            }
        }
    }
}

/// A fixture's url, date (`today`, 2026-11-26 when missing) and page text, from its
/// expected file's `url` and `today` and the page beside it.
pub fn url_today_html<'a>(expected: &'a Value, html_path: &Path) -> (&'a str, Date, String) {
    let url = expected["url"].as_str().unwrap_or("");
    let today = expected["today"]
        .as_str()
        .and_then(Date::parse_iso)
        .unwrap_or_else(|| Date::new(2026, 11, 26).unwrap());
    let html = String::from_utf8_lossy(&std::fs::read(html_path).unwrap()).into_owned();
    (url, today, html)
}
