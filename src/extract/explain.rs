//! `--explain`: how the engine saw a page, for bug reports.

use super::{active_profiles, transpose_tables, Engine, ScanOptions};
use crate::page::PageSnapshot;
use crate::profile::Profile;

/// A human-readable dump of how the engine sees a page: rows with their label words,
/// class / id hints and the profile choice. For bug reports (`linekeeper scan --explain`).
pub fn explain(page: &PageSnapshot, options: &ScanOptions, rules: &[Profile]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if let Err(e) = page.validate() {
        return format!("invalid page: {e}\n");
    }
    let host = page.host();
    let active = active_profiles(&host, rules);
    let transposed = transpose_tables(page);
    let page = transposed.as_ref().unwrap_or(page);
    let mut engine = Engine::new(page, options, &active, &host);
    let labels = engine.collect_labels();
    let cands = engine.candidates(&labels);
    engine.parse_continuations();
    let assigned = engine.assign(&labels, cands);
    let _ = writeln!(
        out,
        "profiles: {:?}; order {:?}; currency {:?}",
        active.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        engine.order,
        engine.currency
    );
    for (r, row) in engine.model.rows.iter().enumerate() {
        let hits: Vec<String> = row
            .hits
            .iter()
            .map(|h| format!("{:?}@{}", h.kind, h.start))
            .collect();
        let hint = engine
            .model
            .hint_near(row.first_node(), 2)
            .map(|(n, k)| format!(" hint {k:?}<{}>", engine.model.describe(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{r:4} {}{}{} [{}]{} | {}",
            if row.virtual_row { "v" } else { " " },
            if row.promo { "P" } else { " " },
            if engine.model.is_promo_node(row.first_node()) {
                "R"
            } else {
                " "
            },
            hits.join(" "),
            hint,
            row.text.chars().take(140).collect::<String>()
        );
    }
    for a in &assigned {
        let Some(v) = engine.vals.get(a.val as usize) else {
            continue;
        };
        let label = a.label.and_then(|l| labels.get(l as usize));
        let text = engine.val_text(v);
        let _ = writeln!(
            out,
            "assign {:>4} {:?} {:?} (row {}) <- {:?} row {} {:?}",
            a.score,
            label.map(|l| l.kind),
            label.map(|l| l.text.as_str()).unwrap_or(""),
            label.map_or(0, |l| l.row),
            text,
            v.row,
            v.kind
        );
    }
    // Plan names and nicknames, best first (before the line numbers' own names).
    for t in engine.text_finds() {
        let _ = writeln!(
            out,
            "name   {:>4} {:?} {:?} <- {:?} {}",
            t.score,
            t.kind,
            t.label.as_deref().unwrap_or(""),
            t.text,
            engine.model.describe(t.node)
        );
    }
    out
}
