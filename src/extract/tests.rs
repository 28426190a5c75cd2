use super::*;
use crate::html::page_from_html;

fn today() -> Date {
    Date::new(2026, 11, 26).unwrap()
}

fn scan(html: &str, url: &str) -> Snapshot {
    let page = page_from_html(html, url);
    extract(&page, &ScanOptions { today: today() })
}

#[test]
fn debug_plan() {
    let page = page_from_html(
        r#"<body><div class="line-tile__head"><span class="line-tile__number">(•••) •••-5092</span> <span class="line-tile__plan">Go5G</span></div><p>Amount due $5.00</p></body>"#,
        "https://www.t-mobile.com/",
    );
    let active: Vec<&Profile> = profile::builtin().iter().take(2).collect();
    let e = Engine::new(
        &page,
        &ScanOptions { today: today() },
        &active,
        "www.t-mobile.com",
    );
    eprintln!("hints {:?}", e.model.hint);
    eprintln!("valid {:?}", e.valid_text("Go5G", 4));
    eprintln!(
        "{:?}",
        e.text_finds()
            .iter()
            .map(|t| (t.kind, t.text.clone()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn thousands_dots() {
    assert_eq!(
        thousands_dots_to_commas("2.048 MB von 3 GB"),
        "2,048 MB von 3 GB"
    );
    assert_eq!(thousands_dots_to_commas("1.234,56 €"), "1.234,56 €");
    assert_eq!(thousands_dots_to_commas("30.12.2026"), "30.12.2026");
    assert_eq!(thousands_dots_to_commas("3,5 GB"), "3,5 GB");
    assert_eq!(thousands_dots_to_commas("1.048.576 KB"), "1,048,576 KB");
}

#[test]
fn debug_table() {
    let html =
        std::fs::read_to_string("tests/fixtures/generic/en-lines-table-sentinels.html").unwrap();
    let page = page_from_html(&html, "https://x.example/");
    let active: Vec<&Profile> = profile::builtin().iter().take(1).collect();
    let mut e = Engine::new(&page, &ScanOptions { today: today() }, &active, "x.example");
    let labels = e.collect_labels();
    for l in &labels {
        eprintln!(
            "label {:?} row {} scope {:?} {:?}",
            l.kind, l.row, l.scope, l.text
        );
    }
    let c = e.candidates(&labels);
    eprintln!("cands {}", c.len());
    for v in &e.vals {
        eprintln!("val {:?}", v);
    }
}

#[test]
fn debug_parse() {
    for t in [
        "2.5GB of 10GB used",
        "Data used",
        "3.42 GB left of 5 GB",
        "of 5 GB",
        "6.12 GB left of 10 GB",
    ] {
        eprintln!("{t:?} => {:?}", parse::find_data(t));
    }
}
