//! Fixture harness: every `tests/fixtures/**/X.html` with `X.expected.json` is read
//! with `page_from_html` + `extract` (its url and today) and compared with the expected
//! snapshot, ignoring `sources`; numbers compare to 0.01. A failure prints a per-fixture
//! list of differing field paths.
#![cfg(feature = "html")]

use linekeeper::html::page_from_html;
use linekeeper::{extract, ScanOptions};
use serde_json::Value;
use std::path::Path;

mod common;
use common::{diff, fixtures, url_today_html};

fn run_fixtures(all_block: bool) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    let mut failures = Vec::new();
    for html_path in &files {
        let name = html_path
            .strip_prefix(&root)
            .unwrap_or(html_path)
            .display()
            .to_string();
        let expected: Value =
            match std::fs::read_to_string(html_path.with_extension("expected.json"))
                .map_err(|e| e.to_string())
                .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
            {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{name}: bad expected file: {e}"));
                    continue;
                }
            };
        let (url, today, html) = url_today_html(&expected, html_path);
        let mut page = page_from_html(&html, url);
        if all_block {
            for n in page.nodes.iter_mut().filter(|n| !n.is_text()) {
                if !matches!(
                    n.tag.as_str(),
                    "b" | "strong" | "em" | "i" | "sup" | "sub" | "small" | "time"
                ) {
                    n.block = true;
                }
            }
        }
        let snapshot = extract(&page, &ScanOptions { today });
        let got: Value = serde_json::from_str(&linekeeper::json::to_string(&snapshot)).unwrap();
        let mut lines = Vec::new();
        diff("", &got, &expected["snapshot"], false, &mut lines);
        if !lines.is_empty() {
            failures.push(format!("{name}:\n    {}", lines.join("\n    ")));
        }
    }
    (files.len(), failures)
}

#[test]
fn fixtures_match_expected_snapshots() {
    let (total, failures) = run_fixtures(false);
    println!("fixtures: {}/{total} pass", total - failures.len());
    if !failures.is_empty() {
        panic!(
            "{} of {total} fixtures differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// The browser lays flex and grid children out as blocks where the native scanner sees
/// inline spans: the same pages with (nearly) every element a block must read the same.
#[test]
fn fixtures_read_the_same_with_block_layout() {
    let (total, failures) = run_fixtures(true);
    println!(
        "fixtures (block layout): {}/{total} pass",
        total - failures.len()
    );
    if !failures.is_empty() {
        panic!(
            "{} of {total} fixtures differ with block layout:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// Regression: `linekeeper scan … | head -2` panicked ("failed printing to stdout: Broken
/// pipe") when the reader closed the pipe early. The output just stops, exit 0, no panic.
#[test]
fn closed_stdout_pipe_is_not_a_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_linekeeper"))
        .arg("scan")
        .arg(root.join("tests/fixtures/china-mobile/touch-10086-fullwidth.html"))
        .args([
            "--url",
            "https://touch.10086.cn/i/mobile/home.html",
            "--today",
            "2026-11-26",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Close the reading end before the tool writes anything.
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr is piped")
        .read_to_string(&mut stderr)
        .expect("stderr is readable");
    let status = child.wait().expect("the binary ends");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "{status:?}: {stderr}");
}
