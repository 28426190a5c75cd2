//! The whole engine: arbitrary bytes as the page snapshot's lines (what the content
//! script sends, `PageSnapshot::from_lines`), as a JSON PageSnapshot (the tests' form) and
//! as HTML (what `linekeeper scan` reads). Extraction must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::html::page_from_html;
use linekeeper::{extract, Date, PageSnapshot, ScanOptions};

fuzz_target!(|bytes: &[u8]| {
    let options = ScanOptions {
        today: Date::new(2026, 11, 26).expect("valid date"),
    };
    let text = String::from_utf8_lossy(bytes);
    if let Ok(page) = PageSnapshot::from_lines(&text) {
        let _ = extract(&page, &options);
    }
    if let Ok(page) = linekeeper::json::from_str::<PageSnapshot>(&text) {
        let _ = extract(&page, &options);
    }
    let page = page_from_html(&text, "https://www.t-mobile.com/account");
    let _ = extract(&page, &options);
});
