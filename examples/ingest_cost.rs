//! The worker's `ingest` natively, for instruction counts (`valgrind --tool=callgrind`):
//! `cargo run --release --example ingest_cost -- PAGE.html URL [STAGE] [RUNS]`.
//! STAGE: `all` (default) the whole call as `crates/linekeeper-wasm`'s `ingest` makes it
//! (the stored state read from JSON text, extraction, the state's change, the badge, the
//! result written as JSON text), `extract` extraction alone, `page` the page only.
//! The page snapshot comes from the native HTML walker (the whole page: what the content
//! script sends for a small page), or, for a PAGE ending in `.txt`, from the lines the
//! content script sent (`PageSnapshot::from_lines`: a bench page's sparse walk).
use linekeeper::date::Date;
use linekeeper::extract::{extract_with, ScanOptions};
use linekeeper::html::page_from_html;
use linekeeper::json;
use linekeeper::page::PageSnapshot;
use linekeeper::store::State;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, url, rest @ ..] = args.as_slice() else {
        return Err("usage: ingest_cost PAGE.html URL [all|extract|page] [RUNS]".into());
    };
    let stage = rest.first().map_or("all", String::as_str);
    let runs: usize = rest.get(1).and_then(|r| r.parse().ok()).unwrap_or(1);
    let html = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let page = if file.ends_with(".txt") {
        let mut page = PageSnapshot::from_lines(&html).map_err(|e| e.message())?;
        page.url = url.clone();
        page
    } else {
        page_from_html(&html, url)
    };
    let today = Date::parse_iso("2026-11-28").ok_or("date")?;
    let options = ScanOptions { today };
    let mut stored = "null".to_string();
    for run in 0..runs {
        match stage {
            "page" => {}
            "extract" => {
                let snapshot = extract_with(&page, &options, &[]);
                std::hint::black_box(snapshot);
            }
            _ => {
                let mut state: State = if stored == "null" {
                    State::default()
                } else {
                    json::from_str(&stored).map_err(|e| e.to_string())?
                };
                let rules = linekeeper::teach::rules_for_host(&state, &page.host());
                let snapshot = extract_with(&page, &options, &rules);
                let now = 1_764_300_000_000.0 + run as f64 * 60_000.0;
                let outcome = state.ingest(&snapshot, url, now, today);
                let badge = linekeeper::view::badge(&snapshot, today, "en", true);
                std::hint::black_box((&outcome, &badge));
                stored = json::to_string(&state);
                std::hint::black_box(json::to_string(&snapshot));
            }
        }
    }
    println!(
        "{} nodes, {} bytes of state",
        page.nodes.len(),
        stored.len()
    );
    Ok(())
}
