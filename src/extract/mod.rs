//! The extraction engine: PageSnapshot → Snapshot.
//!
//! One engine for every carrier; what differs between carriers is data (profiles).
//! 1. Index: tree arrays, visual rows of text, label words in rows (one pass with an
//!    indexed matcher), class / id hints, promotional regions ([`model`]).
//! 2. Labels: profile words in rows, `aria-label`s (virtual rows), table column headers,
//!    class / id hints (weak), user anchors (strong).
//! 3. Pairing: each label looks at a bounded window — its own row (value after it, or
//!    just before it: `5 GB left`, `20.5GB 剩余通用流量`), a few rows after and before,
//!    structurally close only — and scores candidates; candidates are assigned greedily,
//!    best first, each value and label used once. Values are parsed lazily per row.
//! 4. Lines: masked phone numbers mark lines; each line-level value goes to the line
//!    whose number shares its smallest enclosing element (ties: the nearest before it).
//! 5. Status: sign-in page, placeholders, skeletons, busy regions, maintenance notices.
//!
//! Linear in the page: every label looks at a bounded number of rows and values.

pub mod lang;
mod matcher;
mod model;
mod phone;

use crate::date::Date;
use crate::page::PageSnapshot;
use crate::parse::{self, DataReading, DateOrder, ParseError};
use crate::profile::{self, Profile};
use crate::snapshot::{Currency, DataUsage, Line, Money, Snapshot, Source, Status};
use matcher::{Family, HintMatcher, Kind, Matcher};
use model::{Model, NONE};
use phone::Strength;
use std::collections::BTreeMap;

/// What a scan needs besides the page.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// The local date, for relative and year-less dates.
    pub today: Date,
}

/// Reads the page with the built-in profiles.
pub fn extract(page: &PageSnapshot, options: &ScanOptions) -> Snapshot {
    extract_with(page, options, &[])
}

/// Reads the page with the built-in profiles plus `rules` (user-taught profiles, same
/// format; they take precedence where their words overlap the built-ins').
pub fn extract_with(page: &PageSnapshot, options: &ScanOptions, rules: &[Profile]) -> Snapshot {
    if page.validate().is_err() {
        return Snapshot::empty(Status::NoData);
    }
    let host = page.host();
    let builtin = profile::builtin();
    let mut active: Vec<&Profile> = Vec::new();
    for p in rules {
        if p.hosts.is_empty() || p.matches_host(&host) {
            active.push(p);
        }
    }
    for p in builtin.iter().filter(|p| !p.hosts.is_empty()) {
        if p.matches_host(&host) {
            active.push(p);
        }
    }
    for p in builtin.iter().filter(|p| p.hosts.is_empty()) {
        active.push(p);
    }
    Engine::new(page, options, &active, &host).run()
}

#[derive(Debug, Clone)]
enum VKind {
    Data(DataReading),
    Money(Money),
    Date(Date),
    Placeholder,
    State(bool),
}

#[derive(Debug, Clone)]
struct Val {
    row: u32,
    start: usize,
    end: usize,
    node: u32,
    kind: VKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bucket {
    Main,
    Hotspot,
    NotData,
    Unknown,
}

#[derive(Debug, Clone)]
struct Label {
    kind: Kind,
    row: u32,
    start: usize,
    end: usize,
    node: u32,
    /// An element whose subtree holds the value (hints, table cells, anchors).
    scope: Option<u32>,
    bonus: i32,
    text: String,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    score: i32,
    label: u32,
    val: u32,
}

#[derive(Debug, Clone)]
struct Assigned {
    label: Option<u32>,
    val: u32,
    score: i32,
}

struct PhoneAnchor {
    node: u32,
    last4: String,
}

/// A text value for a line (plan, nickname).
struct TextFind {
    kind: Kind,
    node: u32,
    text: String,
    label: Option<String>,
    score: i32,
}

struct Engine<'a> {
    model: Model<'a>,
    matcher: Matcher,
    today: Date,
    order: DateOrder,
    currency: Option<Currency>,
    value_before_label: bool,
    carrier: Option<String>,
    sign_in_url: bool,
    anchors_elements: Vec<(Kind, ElementPattern)>,
    vals: Vec<Val>,
    row_vals: Vec<Option<(u32, u32)>>,
}

/// `tag#id.class.class` as written in anchors.
#[derive(Debug, Clone, Default)]
struct ElementPattern {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
}

impl ElementPattern {
    fn parse(text: &str) -> ElementPattern {
        let mut out = ElementPattern::default();
        let mut cur = String::new();
        let mut mode = 't';
        let mut push = |mode: char, cur: &mut String, out: &mut ElementPattern| {
            if !cur.is_empty() {
                let v = std::mem::take(cur);
                match mode {
                    't' => out.tag = Some(v.to_ascii_lowercase()),
                    '#' => out.id = Some(v),
                    _ => out.classes.push(v),
                }
            }
        };
        for c in text.trim().chars() {
            if c == '#' || c == '.' {
                push(mode, &mut cur, &mut out);
                mode = c;
            } else {
                cur.push(c);
            }
        }
        push(mode, &mut cur, &mut out);
        out
    }

    fn matches(&self, node: &crate::page::PageNode) -> bool {
        if node.is_text() || (self.tag.is_none() && self.id.is_none() && self.classes.is_empty()) {
            return false;
        }
        if self.tag.as_deref().is_some_and(|t| t != node.tag) {
            return false;
        }
        if self
            .id
            .as_deref()
            .is_some_and(|id| node.attr("id") != Some(id))
        {
            return false;
        }
        let classes: Vec<&str> = node
            .attr("class")
            .unwrap_or("")
            .split_whitespace()
            .collect();
        self.classes.iter().all(|c| classes.contains(&c.as_str()))
    }
}

fn compatible(family: Family, v: &VKind) -> bool {
    matches!(
        (family, v),
        (Family::Data, VKind::Data(_))
            | (Family::Money, VKind::Money(_))
            | (Family::Date, VKind::Date(_))
            | (Family::State, VKind::State(_))
            | (
                Family::Data | Family::Money | Family::Date,
                VKind::Placeholder
            )
    )
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl<'a> Engine<'a> {
    fn new(page: &'a PageSnapshot, options: &ScanOptions, active: &[&Profile], host: &str) -> Self {
        let mut extra_labels = Vec::new();
        let mut anchors_elements = Vec::new();
        for p in active {
            for a in &p.anchors {
                let Some(kind) = Kind::from_field(&a.field) else {
                    continue;
                };
                if let Some(l) = &a.label {
                    extra_labels.push((l.clone(), kind));
                }
                if let Some(e) = &a.element {
                    anchors_elements.push((kind, ElementPattern::parse(e)));
                }
            }
        }
        let matcher = Matcher::new(active, &extra_labels);
        let hints = HintMatcher::new(active, &[]);
        let model = Model::build(page, &matcher, &hints);
        let lang = page.lang.as_deref().unwrap_or("");
        let order = active
            .iter()
            .find_map(|p| p.date_order)
            .map(DateOrder::from)
            .unwrap_or_else(|| lang::date_order_for_lang(lang));
        let currency = active
            .iter()
            .find_map(|p| p.currency_for(host))
            .or_else(|| lang::currency_for_lang(lang));
        let carrier = active
            .iter()
            .find_map(|p| p.carrier_id())
            .map(str::to_string);
        let value_before_label = active.iter().any(|p| p.value_before_label);
        let sign_in_url = active.iter().any(|p| p.is_sign_in_url(&page.url));
        let rows = model.rows.len();
        Engine {
            model,
            matcher,
            today: options.today,
            order,
            currency,
            value_before_label,
            carrier,
            sign_in_url,
            anchors_elements,
            vals: Vec::new(),
            row_vals: vec![None; rows],
        }
    }

    // ---- values ------------------------------------------------------------------

    /// The values of row `r`, parsed on first use.
    fn values(&mut self, r: usize) -> std::ops::Range<usize> {
        if let Some(Some((s, e))) = self.row_vals.get(r) {
            return *s as usize..*e as usize;
        }
        let start = self.vals.len();
        self.parse_row(r);
        let end = self.vals.len();
        if let Some(slot) = self.row_vals.get_mut(r) {
            *slot = Some((start as u32, end as u32));
        }
        start..end
    }

    fn parse_row(&mut self, r: usize) {
        let Some(row) = self.model.rows.get(r) else {
            return;
        };
        if row.promo {
            return;
        }
        let text = row.text.as_str();
        let r32 = r as u32;
        let has_digit = text.bytes().any(|b| b.is_ascii_digit());
        let mut found: Vec<Val> = Vec::new();
        let mk = |start: usize, end: usize, kind: VKind| Val {
            row: r32,
            start,
            end,
            node: row.node_at(start),
            kind,
        };
        // `<time datetime>` elements give exact dates.
        let mut time_spans: Vec<(usize, usize)> = Vec::new();
        for seg in &row.segs {
            if let Some(date) = self.time_datetime(seg.node) {
                time_spans.push((seg.start, seg.end));
                found.push(mk(seg.start, seg.end, VKind::Date(date)));
            }
        }
        if has_digit || row.hits.iter().any(|h| h.kind == Kind::Unlimited) {
            for f in parse::find_data(text) {
                if f.value.amount_mb.is_some()
                    || f.value.remaining_mb.is_some()
                    || f.value.used_mb.is_some()
                    || f.value.total_mb.is_some()
                    || f.value.unlimited
                {
                    found.push(mk(f.start, f.end, VKind::Data(f.value)));
                }
            }
        }
        // Unlimited words the data parser did not take (`Unlimited` on its own).
        for (i, h) in row.hits.iter().enumerate() {
            if h.kind != Kind::Unlimited {
                continue;
            }
            let followed_by_not_data = row
                .hits
                .get(i + 1)
                .is_some_and(|n| n.kind == Kind::NotData && n.start <= h.end + 4);
            let overlaps = found.iter().any(|v| v.start < h.end && h.start < v.end);
            if !followed_by_not_data && !overlaps {
                let reading = DataReading {
                    unlimited: true,
                    ..Default::default()
                };
                found.push(mk(h.start, h.end, VKind::Data(reading)));
            }
        }
        if has_digit {
            for f in parse::find_money(text, self.currency) {
                found.push(mk(f.start, f.end, VKind::Money(f.value)));
            }
        }
        let date_label = row
            .hits
            .iter()
            .any(|h| matches!(h.kind, Kind::DueDate | Kind::RenewalDate));
        if has_digit || date_label {
            for f in parse::find_dates(text, self.today, self.order) {
                if time_spans.iter().any(|&(s, e)| f.start < e && s < f.end) {
                    continue;
                }
                found.push(mk(f.start, f.end, VKind::Date(f.value)));
            }
        }
        for h in &row.hits {
            match h.kind {
                Kind::On => found.push(mk(h.start, h.end, VKind::State(true))),
                Kind::Off => found.push(mk(h.start, h.end, VKind::State(false))),
                _ => {}
            }
        }
        // Placeholders: a whole short text piece that is `--`, `$--.--`, `Loading…`.
        for seg in &row.segs {
            let piece = text.get(seg.start..seg.end).unwrap_or("").trim();
            if piece.is_empty() || piece.chars().count() > 16 {
                continue;
            }
            let covered = row
                .hits
                .iter()
                .any(|h| h.kind == Kind::Placeholder && h.start <= seg.start && h.end >= seg.end);
            let no_digits = !piece.bytes().any(|b| b.is_ascii_digit());
            let parsed_placeholder = no_digits
                && (parse::parse_money(piece, self.currency) == Err(ParseError::Placeholder)
                    || parse::parse_data(piece) == Err(ParseError::Placeholder));
            if covered || parsed_placeholder {
                found.push(mk(seg.start, seg.end, VKind::Placeholder));
            }
        }
        let model = &self.model;
        found.retain(|v| !model.is_promo_node(v.node));
        self.vals.extend(found);
    }

    fn time_datetime(&self, node: u32) -> Option<Date> {
        let nodes = &self.model.page.nodes;
        let mut cur = nodes.get(node as usize)?.parent;
        for _ in 0..3 {
            let i = cur? as usize;
            let n = nodes.get(i)?;
            if n.tag == "time" {
                let dt = n.attr("datetime")?.trim();
                return Date::parse_iso(dt.get(..10)?);
            }
            cur = n.parent;
        }
        None
    }

    // ---- labels ------------------------------------------------------------------

    fn collect_labels(&self) -> Vec<Label> {
        let model = &self.model;
        let mut labels = Vec::new();
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo {
                continue;
            }
            for h in &row.hits {
                if h.kind.family() == Family::None || h.kind.family() == Family::Text {
                    continue;
                }
                let node = row.node_at(h.start);
                if model.is_promo_node(node) {
                    continue;
                }
                labels.push(Label {
                    kind: h.kind,
                    row: r as u32,
                    start: h.start,
                    end: h.end,
                    node,
                    scope: None,
                    bonus: 0,
                    text: row.text.get(h.start..h.end).unwrap_or("").to_string(),
                });
            }
        }
        // Class / id hints on small elements, and user anchors.
        for (i, node) in model.page.nodes.iter().enumerate() {
            if node.is_text() {
                continue;
            }
            let i32_ = i as u32;
            let size = model.end.get(i).copied().unwrap_or(0).saturating_sub(i32_);
            let anchor = self
                .anchors_elements
                .iter()
                .find(|(_, p)| p.matches(node))
                .map(|(k, _)| *k);
            let (kind, bonus) = match (anchor, model.hint.get(i).copied().flatten()) {
                (Some(k), _) => (k, 60),
                (None, Some(k)) if size <= 16 => (k, -40),
                _ => continue,
            };
            if matches!(kind.family(), Family::None | Family::Text) || model.is_promo_node(i32_) {
                continue;
            }
            let row = model.first_row_at(i32_);
            labels.push(Label {
                kind,
                row: row as u32,
                start: 0,
                end: 0,
                node: i32_,
                scope: Some(i32_),
                bonus,
                text: String::new(),
            });
        }
        self.table_labels(&mut labels);
        labels
    }

    /// Column headers of tables label the cells below them; a row header that is not
    /// data (`Minutes`) or is hotspot is handled by the bucket rules.
    fn table_labels(&self, labels: &mut Vec<Label>) {
        let model = &self.model;
        let nodes = &model.page.nodes;
        // Cells of each table row, in order.
        let mut cells_of: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if matches!(n.tag.as_str(), "td" | "th") {
                if let Some(p) = n.parent {
                    if nodes.get(p as usize).is_some_and(|t| t.tag == "tr") {
                        cells_of.entry(p).or_default().push(i as u32);
                    }
                }
            }
        }
        if cells_of.is_empty() {
            return;
        }
        // Group rows by table (nearest `table` ancestor within 3 levels).
        let table_of = |tr: u32| -> Option<u32> {
            let mut cur = nodes.get(tr as usize)?.parent;
            for _ in 0..3 {
                let i = cur?;
                if nodes.get(i as usize)?.tag == "table" {
                    return Some(i);
                }
                cur = nodes.get(i as usize)?.parent;
            }
            None
        };
        let mut header: BTreeMap<u32, Vec<Option<(Kind, String)>>> = BTreeMap::new();
        for (tr, cells) in &cells_of {
            let Some(table) = table_of(*tr) else { continue };
            let all_th = cells
                .iter()
                .all(|&c| nodes.get(c as usize).is_some_and(|n| n.tag == "th"));
            if let Some(head) = header.get(&table) {
                // A body row: each cell gets its column's label.
                for (col, &cell) in cells.iter().enumerate().skip(1) {
                    if let Some(Some((kind, text))) = head.get(col) {
                        labels.push(Label {
                            kind: *kind,
                            row: model.first_row_at(cell) as u32,
                            start: 0,
                            end: 0,
                            node: cell,
                            scope: Some(cell),
                            bonus: 0,
                            text: text.clone(),
                        });
                    }
                }
            } else if all_th && cells.len() >= 2 {
                let head: Vec<Option<(Kind, String)>> = cells
                    .iter()
                    .map(|&c| {
                        let r = model.first_row_at(c);
                        let row = model.rows.get(r)?;
                        if !model.contains(c, row.first_node()) {
                            return None;
                        }
                        let h = row.hits.iter().find(|h| {
                            matches!(h.kind.family(), Family::Data | Family::Money | Family::Date)
                        })?;
                        Some((h.kind, row.text.clone()))
                    })
                    .collect();
                header.insert(table, head);
            }
        }
    }

    // ---- pairing -----------------------------------------------------------------

    fn candidates(&mut self, labels: &[Label]) -> Vec<Cand> {
        let mut cands = Vec::new();
        let nrows = self.model.rows.len();
        for (li, label) in labels.iter().enumerate() {
            let fam = label.kind.family();
            let li = li as u32;
            let r = label.row as usize;
            if let Some(scope) = label.scope {
                // Values inside the element (first few rows of it).
                let mut rr = r;
                let mut k = 0;
                while rr < nrows && k < 4 {
                    let first = self.model.rows.get(rr).map_or(NONE, |x| x.first_node());
                    if !self.model.contains(scope, first) {
                        break;
                    }
                    for vi in self.values(rr) {
                        let Some(v) = self.vals.get(vi) else { continue };
                        if compatible(fam, &v.kind) && self.model.contains(scope, v.node) {
                            let score = 96 + label.bonus - 3 * k;
                            cands.push(Cand {
                                score,
                                label: li,
                                val: vi as u32,
                            });
                        }
                    }
                    rr += 1;
                    k += 1;
                }
                continue;
            }
            // Same row.
            let (lo, hi) = self.same_family_bounds(r, label);
            for vi in self.values(r) {
                let Some(v) = self.vals.get(vi) else { continue };
                if !compatible(fam, &v.kind) {
                    continue;
                }
                let score = if v.start >= label.end && v.start < hi {
                    let gap = (v.start - label.end).min(60) as i32;
                    100 - gap / 3
                } else if v.end <= label.start && v.end > lo {
                    let gap = (label.start - v.end).min(60) as i32;
                    if gap <= 2 {
                        103
                    } else if self.value_before_label {
                        100 - gap / 3
                    } else {
                        88 - gap / 3
                    }
                } else {
                    continue;
                };
                cands.push(Cand {
                    score: score + label.bonus,
                    label: li,
                    val: vi as u32,
                });
            }
            // Rows after, then before.
            for (dir, max, base) in [
                (1i64, 4i64, 80i32),
                (-1, 3, if self.value_before_label { 80 } else { 72 }),
            ] {
                for k in 1..=max {
                    let r2 = r as i64 + dir * k;
                    if r2 < 0 || r2 as usize >= nrows {
                        break;
                    }
                    let r2 = r2 as usize;
                    let stop = self.model.rows.get(r2).is_some_and(|row| {
                        row.hits
                            .iter()
                            .any(|h| h.kind.family() == fam && fam != Family::State)
                    });
                    if stop {
                        break;
                    }
                    for vi in self.values(r2) {
                        let Some(v) = self.vals.get(vi) else { continue };
                        if !compatible(fam, &v.kind) {
                            continue;
                        }
                        let h = self.model.height_to_common(label.node, v.node);
                        if h > 5 {
                            continue;
                        }
                        let score = base - 6 * h as i32 - 4 * k as i32 + label.bonus;
                        cands.push(Cand {
                            score,
                            label: li,
                            val: vi as u32,
                        });
                    }
                }
            }
        }
        cands
    }

    /// The span of row `r` a label may take values from: after the previous and
    /// before the next label of the same family.
    fn same_family_bounds(&self, r: usize, label: &Label) -> (usize, usize) {
        let fam = label.kind.family();
        let Some(row) = self.model.rows.get(r) else {
            return (0, 0);
        };
        let mut lo = 0;
        let mut hi = row.text.len() + 1;
        for h in &row.hits {
            if h.kind.family() != fam || (h.start == label.start && h.end == label.end) {
                continue;
            }
            if h.end <= label.start {
                lo = lo.max(h.end);
            } else if h.start >= label.end {
                hi = hi.min(h.start);
            }
        }
        (lo, hi)
    }

    fn assign(&self, labels: &[Label], mut cands: Vec<Cand>) -> Vec<Assigned> {
        cands.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.label.cmp(&b.label))
                .then(a.val.cmp(&b.val))
        });
        let mut label_used = vec![false; labels.len()];
        let mut val_used = vec![false; self.vals.len()];
        let mut claimed: BTreeMap<u32, Vec<(usize, usize)>> = BTreeMap::new();
        let mut out = Vec::new();
        for c in cands {
            let (li, vi) = (c.label as usize, c.val as usize);
            if label_used.get(li).copied().unwrap_or(true)
                || val_used.get(vi).copied().unwrap_or(true)
            {
                continue;
            }
            let Some(v) = self.vals.get(vi) else { continue };
            let spans = claimed.entry(v.row).or_default();
            if spans.iter().any(|&(s, e)| v.start < e && s < v.end) {
                continue;
            }
            spans.push((v.start, v.end));
            if let Some(x) = label_used.get_mut(li) {
                *x = true;
            }
            if let Some(x) = val_used.get_mut(vi) {
                *x = true;
            }
            out.push(Assigned {
                label: Some(c.label),
                val: c.val,
                score: c.score,
            });
        }
        // Data values that say their own role (`5 GB left`, `2.5GB of 10GB used`).
        for (vi, v) in self.vals.iter().enumerate() {
            if val_used.get(vi).copied().unwrap_or(true) {
                continue;
            }
            let VKind::Data(d) = &v.kind else { continue };
            if d.remaining_mb.is_none() && d.used_mb.is_none() && d.total_mb.is_none() {
                continue;
            }
            let spans = claimed.entry(v.row).or_default();
            if spans.iter().any(|&(s, e)| v.start < e && s < v.end) {
                continue;
            }
            spans.push((v.start, v.end));
            out.push(Assigned {
                label: None,
                val: vi as u32,
                score: 50,
            });
        }
        out
    }

    // ---- buckets and lines -------------------------------------------------------

    fn row_buckets(&self, phone_rows: &[usize]) -> Vec<Bucket> {
        let mut out = Vec::with_capacity(self.model.rows.len());
        let mut carried = Bucket::Main;
        let mut since = 0usize;
        for (r, row) in self.model.rows.iter().enumerate() {
            if phone_rows.binary_search(&r).is_ok() {
                carried = Bucket::Main;
                since = 0;
            }
            let own = own_bucket(row);
            if own != Bucket::Unknown {
                carried = own;
                since = 0;
                out.push(own);
                continue;
            }
            since += 1;
            if since > 6 {
                carried = Bucket::Main;
            }
            out.push(carried);
        }
        out
    }

    fn ancestor_bucket(&self, node: u32) -> Bucket {
        let nodes = &self.model.page.nodes;
        let mut cur = Some(node);
        for _ in 0..6 {
            let Some(i) = cur else { break };
            match self.model.hint.get(i as usize).copied().flatten() {
                Some(Kind::Hotspot) => return Bucket::Hotspot,
                Some(Kind::NotData) => return Bucket::NotData,
                _ => {}
            }
            cur = nodes.get(i as usize).and_then(|n| n.parent);
        }
        Bucket::Unknown
    }

    fn phone_anchors(&self) -> (Vec<PhoneAnchor>, Vec<usize>) {
        let model = &self.model;
        let mut anchors = Vec::new();
        let mut rows = Vec::new();
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo {
                continue;
            }
            for f in phone::find_phones(&row.text) {
                let node = row.node_at(f.start);
                if model.is_promo_node(node) {
                    continue;
                }
                let not_phone = row.hits.iter().any(|h| h.kind == Kind::NotPhone);
                let line_word = row.hits.iter().any(|h| h.kind == Kind::Line)
                    || model
                        .hint_near(node, 3)
                        .is_some_and(|(_, k)| k == Kind::Line);
                let ok = match f.strength {
                    Strength::Strong => true,
                    Strength::Weak => !not_phone,
                    Strength::Plain => line_word && !not_phone,
                };
                if ok {
                    anchors.push(PhoneAnchor {
                        node,
                        last4: f.last4,
                    });
                    rows.push(r);
                }
            }
        }
        rows.dedup();
        (anchors, rows)
    }

    /// The line (index into `numbers`) a value at `node` belongs to, or `None` for an
    /// account-level value outside every line's part of the page.
    fn line_of(
        &self,
        node: u32,
        anchors: &[PhoneAnchor],
        numbers: &[String],
        all_depth: u32,
    ) -> Option<usize> {
        if numbers.len() <= 1 {
            return Some(0);
        }
        let mut best: Option<(u32, bool, i64, usize)> = None;
        for a in anchors {
            let depth = self.model.common_depth(a.node, node);
            let before = a.node <= node;
            let dist = (i64::from(node) - i64::from(a.node)).abs();
            let idx = numbers.iter().position(|n| *n == a.last4)?;
            let key = (depth, before, -dist, idx);
            if best.is_none_or_lt(&key) {
                best = Some(key);
            }
        }
        let (depth, before, _, idx) = best?;
        if depth > all_depth || before {
            Some(idx)
        } else {
            None
        }
    }

    // ---- assembly ----------------------------------------------------------------

    fn run(mut self) -> Snapshot {
        let labels = self.collect_labels();
        let cands = self.candidates(&labels);
        let assigned = self.assign(&labels, cands);
        let model = &self.model;

        let (anchors, phone_rows) = self.phone_anchors();
        let mut numbers: Vec<String> = Vec::new();
        for a in &anchors {
            if !numbers.contains(&a.last4) {
                numbers.push(a.last4.clone());
            }
        }
        let all_depth = anchors
            .iter()
            .skip(1)
            .fold(
                anchors.first().map(|a| {
                    (
                        a.node,
                        model.depth.get(a.node as usize).copied().unwrap_or(0),
                    )
                }),
                |acc, a| acc.map(|(n, d)| (n, d.min(model.common_depth(n, a.node)))),
            )
            .map_or(0, |(_, d)| d);
        let buckets = self.row_buckets(&phone_rows);

        let mut snap = Snapshot::empty(Status::Ok);
        snap.carrier = self.carrier.clone();
        let line_count = numbers.len().max(1);
        let mut lines: Vec<Line> = (0..line_count)
            .map(|i| Line {
                number_last4: numbers.get(i).cloned(),
                ..Default::default()
            })
            .collect();
        let mut main: Vec<DataUsage> = vec![DataUsage::default(); line_count];
        let mut hot: Vec<DataUsage> = vec![DataUsage::default(); line_count];
        let mut has_main = vec![false; line_count];
        let mut has_hot = vec![false; line_count];
        let mut renew: Vec<Option<(i32, Date)>> = vec![None; line_count];
        let mut account_renew: Option<(i32, Date, usize)> = None;
        let mut due: Option<(i32, Date, usize)> = None;
        let mut balance: Option<(i32, Money, usize)> = None;
        let mut amount_due: Option<(i32, Money, usize)> = None;
        let mut autopay: Option<(i32, bool, String)> = None;
        let mut placeholders = 0usize;
        let mut values = 0usize;
        let mut sources: BTreeMap<String, Source> = BTreeMap::new();
        let mut account_data = DataUsage::default();
        let mut has_account_data = false;

        let source_of = |a: &Assigned| -> Source {
            let v = self.vals.get(a.val as usize);
            let label = a
                .label
                .and_then(|l| labels.get(l as usize))
                .map(|l| l.text.clone())
                .filter(|t| !t.is_empty());
            Source {
                label,
                element: v.map(|v| model.describe(v.node)).unwrap_or_default(),
                text: v
                    .and_then(|v| {
                        model
                            .rows
                            .get(v.row as usize)
                            .and_then(|r| r.text.get(v.start..v.end))
                    })
                    .unwrap_or("")
                    .to_string(),
            }
        };

        for (ai, a) in assigned.iter().enumerate() {
            let Some(v) = self.vals.get(a.val as usize) else {
                continue;
            };
            let label = a.label.and_then(|l| labels.get(l as usize));
            let kind = label.map_or(Kind::Data, |l| l.kind);
            match (&v.kind, kind) {
                (VKind::Placeholder, _) => placeholders += 1,
                (VKind::Money(m), Kind::Balance) => {
                    if balance.as_ref().map_or(true, |b| a.score > b.0) {
                        balance = Some((a.score, *m, ai));
                    }
                }
                (VKind::Money(m), Kind::AmountDue) => {
                    if amount_due.as_ref().map_or(true, |b| a.score > b.0) {
                        amount_due = Some((a.score, *m, ai));
                    }
                }
                (VKind::Date(d), Kind::DueDate | Kind::RenewalDate) => {
                    let score = if *d < self.today {
                        a.score - 40
                    } else {
                        a.score
                    };
                    if kind == Kind::DueDate {
                        if due.as_ref().map_or(true, |b| score > b.0) {
                            due = Some((score, *d, ai));
                        }
                    } else {
                        match self.line_of(v.node, &anchors, &numbers, all_depth) {
                            Some(li) => {
                                if let Some(slot) = renew.get_mut(li) {
                                    if slot.map_or(true, |b| score > b.0) {
                                        *slot = Some((score, *d));
                                        sources
                                            .insert(format!("lines[{li}].renews_on"), source_of(a));
                                    }
                                }
                            }
                            None => {
                                if account_renew.as_ref().map_or(true, |b| score > b.0) {
                                    account_renew = Some((score, *d, ai));
                                }
                            }
                        }
                    }
                }
                (VKind::State(on), Kind::Autopay) => {
                    if autopay.as_ref().map_or(true, |b| a.score > b.0) {
                        autopay = Some((a.score, *on, "autopay".into()));
                        sources.insert("autopay".into(), source_of(a));
                    }
                }
                (VKind::Data(d), _) => {
                    if kind == Kind::NotData {
                        continue;
                    }
                    let bucket = self.bucket_for(label, v, &buckets);
                    if bucket == Bucket::NotData {
                        continue;
                    }
                    let role = match kind {
                        Kind::DataRemaining => Some(0),
                        Kind::DataUsed => Some(1),
                        Kind::DataTotal => Some(2),
                        _ => self.role_from_context(v),
                    };
                    let (target, path) = match self.line_of(v.node, &anchors, &numbers, all_depth) {
                        Some(li) => {
                            let (vec, has, name) = if bucket == Bucket::Hotspot {
                                (&mut hot, &mut has_hot, "hotspot")
                            } else {
                                (&mut main, &mut has_main, "data")
                            };
                            if let Some(h) = has.get_mut(li) {
                                *h = true;
                            }
                            match vec.get_mut(li) {
                                Some(t) => (t, format!("lines[{li}].{name}")),
                                None => continue,
                            }
                        }
                        None => {
                            has_account_data = true;
                            (&mut account_data, "lines[?].data".to_string())
                        }
                    };
                    let filled = merge_reading(target, d, role);
                    for f in filled {
                        values += 1;
                        sources
                            .entry(format!("{path}.{f}"))
                            .or_insert_with(|| source_of(a));
                    }
                }
                _ => {}
            }
        }

        // AutoPay phrases.
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo {
                continue;
            }
            for h in &row.hits {
                let on = match h.kind {
                    Kind::AutopayOn => true,
                    Kind::AutopayOff => false,
                    _ => continue,
                };
                let node = row.node_at(h.start);
                if model.is_promo_node(node) {
                    continue;
                }
                let in_action = model.action.get(node as usize).copied().unwrap_or(false);
                let score = if in_action { 60 } else { 85 } - (r as i32 / 10_000);
                if autopay.as_ref().map_or(true, |b| score > b.0) {
                    autopay = Some((score, on, row.text.clone()));
                    sources.insert(
                        "autopay".into(),
                        Source {
                            label: Some(row.text.get(h.start..h.end).unwrap_or("").to_string()),
                            element: model.describe(node),
                            text: row.text.chars().take(120).collect(),
                        },
                    );
                }
            }
        }

        // Plans and nicknames.
        for t in self.text_finds() {
            let li = match self.line_of(t.node, &anchors, &numbers, all_depth) {
                Some(li) => li,
                None if numbers.len() <= 1 => 0,
                None => continue,
            };
            let Some(line) = lines.get_mut(li) else {
                continue;
            };
            let (slot, name) = match t.kind {
                Kind::Plan => (&mut line.plan, "plan"),
                _ => (&mut line.label, "label"),
            };
            if slot.is_none() {
                *slot = Some(t.text.clone());
                sources.insert(
                    format!("lines[{li}].{name}"),
                    Source {
                        label: t.label.clone(),
                        element: model.describe(t.node),
                        text: t.text.clone(),
                    },
                );
            }
            let _ = t.score;
        }

        // Account-level data on a page with several lines: a shared pool.
        if has_account_data && lines.len() > 1 {
            lines.insert(
                0,
                Line {
                    data: Some(finish_usage(account_data)),
                    ..Default::default()
                },
            );
            main.insert(0, DataUsage::default());
            hot.insert(0, DataUsage::default());
            has_main.insert(0, false);
            has_hot.insert(0, false);
            renew.insert(0, None);
        }
        for (i, line) in lines.iter_mut().enumerate() {
            if has_main.get(i).copied().unwrap_or(false) {
                line.data = main.get(i).cloned().map(finish_usage);
            }
            if has_hot.get(i).copied().unwrap_or(false) {
                line.hotspot = hot.get(i).cloned().map(finish_usage);
            }
            if let Some(Some((_, d))) = renew.get(i) {
                line.renews_on = Some(*d);
            }
        }
        if lines.len() == 1 {
            if let (Some(line), Some((_, d, ai))) = (lines.first_mut(), &account_renew) {
                line.renews_on = Some(*d);
                if let Some(a) = assigned.get(*ai) {
                    sources.insert("lines[0].renews_on".into(), source_of(a));
                }
            }
        }
        lines.retain(|l| {
            l.number_last4.is_some()
                || l.data.is_some()
                || l.hotspot.is_some()
                || l.renews_on.is_some()
                || l.plan.is_some()
        });

        if let Some((_, m, ai)) = balance {
            values += 1;
            snap.balance = Some(m);
            if let Some(a) = assigned.get(ai) {
                sources.insert("balance".into(), source_of(a));
            }
        }
        if let Some((_, m, ai)) = amount_due {
            values += 1;
            snap.amount_due = Some(m);
            if let Some(a) = assigned.get(ai) {
                sources.insert("amount_due".into(), source_of(a));
            }
        }
        let earliest_line = lines.iter().filter_map(|l| l.renews_on).min();
        let next = match (&due, &account_renew) {
            (Some((_, d, ai)), _) | (None, Some((_, d, ai))) => {
                if let Some(a) = assigned.get(*ai) {
                    sources.insert("next_bill_date".into(), source_of(a));
                }
                Some(*d)
            }
            (None, None) => earliest_line,
        };
        if next.is_some() {
            values += 1;
        }
        snap.next_bill_date = next;
        snap.autopay = autopay.map(|(_, on, _)| on);
        snap.lines = lines;
        snap.sources = sources;

        snap.status = self.status(values, placeholders);
        if snap.status != Status::Ok {
            let carrier = snap.carrier.take();
            snap = Snapshot::empty(snap.status);
            snap.carrier = carrier;
        }
        snap
    }

    fn bucket_for(&self, label: Option<&Label>, v: &Val, buckets: &[Bucket]) -> Bucket {
        if let Some(l) = label {
            match l.kind {
                Kind::Hotspot => return Bucket::Hotspot,
                Kind::NotData => return Bucket::NotData,
                _ => {}
            }
            if l.scope.is_none() {
                if let Some(row) = self.model.rows.get(l.row as usize) {
                    let own = own_bucket(row);
                    if own != Bucket::Unknown {
                        return own;
                    }
                }
            }
        }
        if let Some(row) = self.model.rows.get(v.row as usize) {
            let own = own_bucket(row);
            if own != Bucket::Unknown {
                return own;
            }
        }
        let anc = self.ancestor_bucket(v.node);
        if anc != Bucket::Unknown {
            return anc;
        }
        buckets.get(v.row as usize).copied().unwrap_or(Bucket::Main)
    }

    /// The role of a bare amount from the words just before it: `of 5 GB`, `/ 20GB`,
    /// `共 20GB` are totals.
    fn role_from_context(&self, v: &Val) -> Option<usize> {
        let row = self.model.rows.get(v.row as usize)?;
        let before = row.lower.get(..v.start)?.trim_end();
        let total = [
            "of",
            "out of",
            "/",
            "von",
            "de",
            "共",
            "总",
            "總",
            "de un total de",
        ];
        if total.iter().any(|w| {
            before.ends_with(w)
                && (!w.chars().all(|c| c.is_ascii_alphabetic())
                    || before
                        .get(..before.len() - w.len())
                        .and_then(|s| s.chars().next_back())
                        .map_or(true, |c| !c.is_alphanumeric()))
        }) {
            return Some(2);
        }
        None
    }

    fn text_finds(&self) -> Vec<TextFind> {
        let model = &self.model;
        let mut out = Vec::new();
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo || row.virtual_row {
                continue;
            }
            for h in &row.hits {
                if !matches!(h.kind, Kind::Plan | Kind::Nickname) {
                    continue;
                }
                let node = row.node_at(h.start);
                // The label must begin its row (`Plan: X`, or `Your plan` above X).
                if h.start > 2 || model.is_promo_node(node) {
                    continue;
                }
                let label = row.text.get(h.start..h.end).map(str::to_string);
                let rest = row.text.get(h.end..).unwrap_or("");
                let rest =
                    rest.trim_start_matches(|c: char| c.is_whitespace() || ":：-–—|·".contains(c));
                let (text, tnode) = if !rest.is_empty() {
                    (rest.to_string(), row.node_at(h.end))
                } else {
                    let Some(next) = model.rows.get(r + 1) else {
                        continue;
                    };
                    let first = next.first_node();
                    if next.virtual_row || model.height_to_common(node, first) > 3 {
                        continue;
                    }
                    (next.text.clone(), first)
                };
                if let Some(text) = self.valid_text(&text, tnode) {
                    out.push(TextFind {
                        kind: h.kind,
                        node: tnode,
                        text,
                        label,
                        score: 90,
                    });
                }
            }
        }
        for (i, n) in model.page.nodes.iter().enumerate() {
            let Some(kind @ (Kind::Plan | Kind::Nickname)) = model.hint.get(i).copied().flatten()
            else {
                continue;
            };
            let i32_ = i as u32;
            let size = model.end.get(i).copied().unwrap_or(0).saturating_sub(i32_);
            if n.is_text() || size > 8 || model.is_promo_node(i32_) {
                continue;
            }
            let r = model.first_row_at(i32_);
            let Some(row) = model.rows.get(r) else {
                continue;
            };
            if row.promo || !row.segs.iter().all(|s| model.contains(i32_, s.node)) {
                continue;
            }
            if let Some(text) = self.valid_text(&row.text, i32_) {
                out.push(TextFind {
                    kind,
                    node: i32_,
                    text,
                    label: None,
                    score: 70,
                });
            }
        }
        out.sort_by(|a, b| b.score.cmp(&a.score));
        out
    }

    /// A plan name or nickname: short, with a letter, not a value, a label or a number.
    fn valid_text(&self, text: &str, node: u32) -> Option<String> {
        let text = text.trim();
        let chars = text.chars().count();
        if chars == 0 || chars > 60 || !text.chars().any(char::is_alphabetic) {
            return None;
        }
        if self
            .model
            .action
            .get(node as usize)
            .copied()
            .unwrap_or(false)
        {
            return None;
        }
        let lower = matcher::lower_same_len(text);
        if self.has_non_name_words(&lower) {
            return None;
        }
        if !phone::find_phones(text).is_empty() {
            return None;
        }
        if parse::parse_money(text, self.currency).is_ok()
            || parse::parse_date(text, self.today, self.order).is_ok()
        {
            return None;
        }
        Some(text.to_string())
    }

    /// True when `lower` holds words that make it not a name: money, date, plan,
    /// AutoPay, promotional, placeholder or sign-in wording.
    fn has_non_name_words(&self, lower: &str) -> bool {
        self.matcher.find(lower).iter().any(|h| {
            !matches!(
                h.kind,
                Kind::Data
                    | Kind::Unlimited
                    | Kind::NotData
                    | Kind::Hotspot
                    | Kind::Line
                    | Kind::On
                    | Kind::Off
                    | Kind::NotPhone
            )
        })
    }

    fn status(&self, values: usize, placeholders: usize) -> Status {
        let model = &self.model;
        let maintenance = model
            .rows
            .iter()
            .any(|r| !r.promo && r.hits.iter().any(|h| h.kind == Kind::Maintenance));
        if maintenance || model.busy || model.loading > 0 {
            if values == 0 || maintenance || model.busy || placeholders > 0 {
                return Status::NoData;
            }
        }
        if placeholders > 0 && values <= placeholders {
            return Status::NoData;
        }
        if values > 0 {
            return Status::Ok;
        }
        let title_sign_in = {
            let t = matcher::lower_same_len(&model.page.title);
            [
                "sign in",
                "log in",
                "login",
                "登录",
                "登錄",
                "iniciar sesión",
                "anmelden",
            ]
            .iter()
            .any(|w| t.contains(w))
        };
        let sign_in_rows = model.rows.iter().any(|r| {
            r.text.chars().count() <= 40 && r.hits.iter().any(|h| h.kind == Kind::LoggedOut)
        });
        if model.password || self.sign_in_url || title_sign_in || sign_in_rows {
            return Status::LoggedOut;
        }
        Status::NoData
    }
}

fn own_bucket(row: &model::Row) -> Bucket {
    if row.hits.iter().any(|h| h.kind == Kind::Hotspot) {
        return Bucket::Hotspot;
    }
    let names_data = row.hits.iter().any(|h| h.names_data);
    if names_data {
        return Bucket::Main;
    }
    if row.hits.iter().any(|h| h.kind == Kind::NotData) {
        return Bucket::NotData;
    }
    Bucket::Unknown
}

/// Merges a reading into a bucket; `role` (0 remaining, 1 used, 2 total) places a bare
/// amount. Returns the names of the fields it filled.
fn merge_reading(t: &mut DataUsage, d: &DataReading, role: Option<usize>) -> Vec<&'static str> {
    let mut filled = Vec::new();
    let mut set = |slot: &mut Option<f64>, v: Option<f64>, name: &'static str| {
        if let Some(v) = v {
            if slot.is_none() && v.is_finite() && v >= 0.0 {
                *slot = Some(v);
                filled.push(name);
            }
        }
    };
    set(&mut t.remaining_mb, d.remaining_mb, "remaining_mb");
    set(&mut t.used_mb, d.used_mb, "used_mb");
    set(&mut t.total_mb, d.total_mb, "total_mb");
    match role {
        Some(0) => set(&mut t.remaining_mb, d.amount_mb, "remaining_mb"),
        Some(1) => set(&mut t.used_mb, d.amount_mb, "used_mb"),
        Some(2) => set(&mut t.total_mb, d.amount_mb, "total_mb"),
        _ => {}
    }
    if d.unlimited && !t.unlimited {
        t.unlimited = true;
        filled.push("unlimited");
    }
    filled
}

/// Completes a bucket: the third of remaining / used / total from the other two;
/// unlimited buckets have no remaining or total.
fn finish_usage(mut u: DataUsage) -> DataUsage {
    if u.unlimited {
        u.remaining_mb = None;
        u.total_mb = None;
    } else {
        match (u.remaining_mb, u.used_mb, u.total_mb) {
            (Some(r), Some(us), None) => u.total_mb = Some(r + us),
            (None, Some(us), Some(t)) if t >= us => u.remaining_mb = Some(t - us),
            (Some(r), None, Some(t)) if t >= r => u.used_mb = Some(t - r),
            _ => {}
        }
    }
    u.remaining_mb = u.remaining_mb.map(round2);
    u.used_mb = u.used_mb.map(round2);
    u.total_mb = u.total_mb.map(round2);
    u
}

trait OptLt<T> {
    fn is_none_or_lt(&self, key: &T) -> bool;
}

impl<T: PartialOrd> OptLt<T> for Option<T> {
    fn is_none_or_lt(&self, key: &T) -> bool {
        self.as_ref().map_or(true, |b| b < key)
    }
}

#[cfg(test)]
mod tests;
