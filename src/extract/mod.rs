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
    let active = active_profiles(&host, rules);
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
    /// The value comes before its label.
    before: bool,
}

#[derive(Debug, Clone)]
struct Assigned {
    label: Option<u32>,
    val: u32,
    score: i32,
    before: bool,
}

struct PhoneAnchor {
    node: u32,
    last4: String,
    /// The line's part of the page (see `set_roots`).
    root: u32,
}

/// A table body cell under a column header that names a field.
struct TableCell {
    node: u32,
    kind: Kind,
    header: String,
    /// A unit named in the header (`Data (MB)`), for unit-less cells.
    unit: Option<&'static str>,
}

#[derive(Default)]
struct Tables {
    cells: Vec<TableCell>,
    /// Header cells (sorted): their words label columns, not the rows after them.
    header_cells: Vec<u32>,
}

/// Finds tables with a header row (all `th`) and labels each body cell by its column.
fn find_tables(model: &Model<'_>) -> Tables {
    let nodes = &model.page.nodes;
    let mut out = Tables::default();
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
    type Head = Vec<Option<(Kind, String, Option<&'static str>)>>;
    let mut header: BTreeMap<u32, Head> = BTreeMap::new();
    for (tr, cells) in &cells_of {
        let Some(table) = table_of(*tr) else { continue };
        let all_th = cells
            .iter()
            .all(|&c| nodes.get(c as usize).is_some_and(|n| n.tag == "th"));
        if let Some(head) = header.get(&table) {
            for (col, &cell) in cells.iter().enumerate() {
                if let Some(Some((kind, text, unit))) = head.get(col) {
                    out.cells.push(TableCell {
                        node: cell,
                        kind: *kind,
                        header: text.clone(),
                        unit: *unit,
                    });
                }
            }
        } else if all_th && cells.len() >= 2 {
            out.header_cells.extend(cells.iter().copied());
            let head: Head = cells
                .iter()
                .map(|&c| {
                    let r = model.first_row_at(c);
                    let row = model.rows.get(r)?;
                    if !model.contains(c, row.first_node()) {
                        return None;
                    }
                    let h = row.hits.iter().find(|h| {
                        h.kind == Kind::Line
                            || matches!(
                                h.kind.family(),
                                Family::Data | Family::Money | Family::Date | Family::Text
                            )
                    })?;
                    let lower = &row.lower;
                    let unit = ["(mb)", "(gb)", "in mb", "in gb", "（mb）", "（gb）", "(kb)"]
                        .iter()
                        .find(|u| lower.contains(*u))
                        .map(|u| {
                            if u.contains("gb") {
                                "GB"
                            } else if u.contains("kb") {
                                "KB"
                            } else {
                                "MB"
                            }
                        });
                    Some((h.kind, row.text.clone(), unit))
                })
                .collect();
            header.insert(table, head);
        }
    }
    out.header_cells.sort_unstable();
    out
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
    /// The page writes `3,5 GB` and `2.048 MB` (decimal comma, thousands dot).
    decimal_comma: bool,
    carrier: Option<String>,
    sign_in_url: bool,
    anchors_elements: Vec<(Kind, ElementPattern)>,
    vals: Vec<Val>,
    /// Parsed values per row and family (data, money, date, state), parsed on demand.
    row_vals: Vec<[Option<(u32, u32)>; 4]>,
    tables: Tables,
    /// Phone numbers that mark lines, with their parts of the page.
    anchors: Vec<PhoneAnchor>,
    phone_rows: Vec<usize>,
    /// The distinct line numbers (last four digits), in page order.
    numbers: Vec<String>,
    /// Lines' parts of the page: (first node, end, line), sorted, not overlapping.
    parts: Vec<(u32, u32, usize)>,
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
        let push = |mode: char, cur: &mut String, out: &mut ElementPattern| {
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

/// `2.048 MB` → `2,048 MB` (same length): on a decimal-comma page a dot before exactly
/// three digits groups thousands. `1.234,56` and dates (`30.12.2026`) are left alone.
fn thousands_dots_to_commas(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    for i in 1..b.len() {
        if b.get(i) != Some(&b'.') || !b.get(i - 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let group = b
            .get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit));
        let after = b.get(i + 4).copied();
        let ends = match after {
            None => true,
            Some(c) if c.is_ascii_digit() => false,
            Some(b',') => !b.get(i + 5).is_some_and(u8::is_ascii_digit),
            Some(_) => true,
        };
        if group && ends {
            let v = out.get_or_insert_with(|| b.to_vec());
            if let Some(slot) = v.get_mut(i) {
                *slot = b',';
            }
        }
    }
    match out.map(String::from_utf8) {
        Some(Ok(s)) => std::borrow::Cow::Owned(s),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

/// True when the amount at `start` follows a price and a slash (`10元/5GB`, `$10/5GB`).
fn is_price_per_amount(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start).map(str::trim_end) else {
        return false;
    };
    let Some(before) = before.strip_suffix('/') else {
        return false;
    };
    let tail: String = before.trim_end().chars().rev().take(10).collect();
    tail.starts_with(['元', '円'])
        || (tail.chars().next().is_some_and(|c| c.is_ascii_digit())
            && tail.contains(['$', '€', '£', '¥', '￥']))
}

/// Display width: CJK and other wide characters count twice.
fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
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
            .unwrap_or_else(|| parse::date::date_order_for_lang(lang));
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
        let tables = find_tables(&model);
        let mut engine = Engine {
            anchors: Vec::new(),
            phone_rows: Vec::new(),
            numbers: Vec::new(),
            parts: Vec::new(),
            tables,
            model,
            matcher,
            today: options.today,
            order,
            currency,
            value_before_label,
            decimal_comma: lang::decimal_comma(lang),
            carrier,
            sign_in_url,
            anchors_elements,
            vals: Vec::new(),
            row_vals: vec![[None; 4]; rows],
        };
        let (anchors, phone_rows) = engine.phone_anchors();
        engine.anchors = anchors;
        engine.phone_rows = phone_rows;
        engine.build_sections();
        engine
    }

    // ---- values ------------------------------------------------------------------

    /// The values of row `r`, parsed on first use.
    fn values(&mut self, r: usize, fam: Family) -> std::ops::Range<usize> {
        let f = match fam {
            Family::Data => 0,
            Family::Money => 1,
            Family::Date => 2,
            Family::State => 3,
            Family::Text | Family::None => return 0..0,
        };
        if let Some((s, e)) = self
            .row_vals
            .get(r)
            .and_then(|v| v.get(f).copied().flatten())
        {
            return s as usize..e as usize;
        }
        let start = self.vals.len();
        self.parse_row(r, fam);
        let end = self.vals.len();
        if let Some(slot) = self.row_vals.get_mut(r) {
            if let Some(x) = slot.get_mut(f) {
                *x = Some((start as u32, end as u32));
            }
        }
        start..end
    }

    fn parse_row(&mut self, r: usize, fam: Family) {
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
        let (data, money, dates, state) = (
            fam == Family::Data,
            fam == Family::Money,
            fam == Family::Date,
            fam == Family::State,
        );
        // `<time datetime>` elements give exact dates.
        let mut time_spans: Vec<(usize, usize)> = Vec::new();
        for seg in row.segs.iter().filter(|_| dates) {
            if let Some(date) = self.time_datetime(seg.node) {
                time_spans.push((seg.start, seg.end));
                found.push(mk(seg.start, seg.end, VKind::Date(date)));
            }
        }
        if data && (has_digit || row.hits.iter().any(|h| h.kind == Kind::Unlimited)) {
            let data_text = if self.decimal_comma {
                thousands_dots_to_commas(text)
            } else {
                std::borrow::Cow::Borrowed(text)
            };
            for f in parse::find_data(&data_text) {
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
        // A unit-less number in a table column whose header names the unit.
        if data && has_digit && !found.iter().any(|v| matches!(v.kind, VKind::Data(_))) {
            if let Some(unit) = row
                .segs
                .first()
                .and_then(|seg| self.table_cell_of(seg.node))
                .and_then(|c| c.unit)
            {
                let with_unit = format!("{} {unit}", text.trim());
                if let Ok(reading) = parse::parse_data(&with_unit) {
                    found.push(mk(0, text.len(), VKind::Data(reading)));
                }
            }
        }
        // Unlimited words the data parser did not take (`Unlimited` on its own).
        for (i, h) in row.hits.iter().enumerate() {
            if !data || h.kind != Kind::Unlimited {
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
        if money && has_digit {
            for f in parse::find_money(text, self.currency) {
                found.push(mk(f.start, f.end, VKind::Money(f.value)));
            }
        }
        let date_label = row
            .hits
            .iter()
            .any(|h| matches!(h.kind, Kind::DueDate | Kind::RenewalDate));
        if dates && (has_digit || date_label) {
            for f in parse::find_dates(text, self.today, self.order) {
                if time_spans.iter().any(|&(s, e)| f.start < e && s < f.end) {
                    continue;
                }
                found.push(mk(f.start, f.end, VKind::Date(f.value)));
            }
        }
        for h in row.hits.iter().filter(|_| state) {
            match h.kind {
                Kind::On => found.push(mk(h.start, h.end, VKind::State(true))),
                Kind::Off => found.push(mk(h.start, h.end, VKind::State(false))),
                _ => {}
            }
        }
        // Placeholders: a whole short text piece that is `--`, `$--.--`, `Loading…`.
        for seg in row.segs.iter().filter(|_| !state) {
            let piece = text.get(seg.start..seg.end).unwrap_or("").trim();
            if piece.is_empty() || piece.chars().count() > 16 {
                continue;
            }
            let covered = row
                .hits
                .iter()
                .any(|h| h.kind == Kind::Placeholder && h.start <= seg.start && h.end >= seg.end);
            // Only pieces with dashes or slashes can be `--`, `$--.--`, `N/A`.
            let maybe = !piece.bytes().any(|b| b.is_ascii_digit())
                && piece
                    .chars()
                    .any(|c| matches!(c, '-' | '—' | '–' | '/' | '_' | '?' | '…'));
            let parsed_placeholder = maybe
                && (parse::parse_money(piece, self.currency) == Err(ParseError::Placeholder)
                    || parse::parse_data(piece) == Err(ParseError::Placeholder));
            if covered || parsed_placeholder {
                found.push(mk(seg.start, seg.end, VKind::Placeholder));
            }
        }
        let model = &self.model;
        // A price per amount (`1元/1GB`, `$10/5GB`) is an offer, not usage.
        found.retain(|v| !matches!(v.kind, VKind::Data(_)) || !is_price_per_amount(text, v.start));
        // Promotional words inside a link or button (`Add 5GB for $10`) void that link's
        // values; they leave the rest of the row alone (`3 GB left` beside `Buy data`).
        let promo_actions: Vec<u32> = row
            .hits
            .iter()
            .filter(|h| h.kind == Kind::Promo)
            .filter_map(|h| self.action_root(row.node_at(h.start)))
            .collect();
        found.retain(|v| {
            !model.is_promo_node(v.node)
                && !self
                    .action_root(v.node)
                    .is_some_and(|a| promo_actions.contains(&a))
        });
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
                if model.is_promo_node(node) || self.in_header_cell(node) {
                    continue;
                }
                for kind in std::iter::once(h.kind).chain(h.also) {
                    if matches!(kind.family(), Family::None | Family::Text) {
                        continue;
                    }
                    labels.push(Label {
                        kind,
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

    /// Column headers of tables label the cells below them.
    fn table_labels(&self, labels: &mut Vec<Label>) {
        for cell in &self.tables.cells {
            if matches!(cell.kind.family(), Family::Text) || cell.kind == Kind::Line {
                continue;
            }
            labels.push(Label {
                kind: cell.kind,
                row: self.model.first_row_at(cell.node) as u32,
                start: 0,
                end: 0,
                node: cell.node,
                scope: Some(cell.node),
                bonus: 0,
                text: cell.header.clone(),
            });
        }
    }

    /// The labelled table cell holding `node`, if any.
    fn table_cell_of(&self, node: u32) -> Option<&TableCell> {
        let cells = &self.tables.cells;
        let i = cells.partition_point(|c| c.node <= node);
        cells
            .get(i.checked_sub(1)?)
            .filter(|c| self.model.contains(c.node, node))
    }

    /// The link or button around `node` (within six levels), if any.
    fn action_root(&self, node: u32) -> Option<u32> {
        let nodes = &self.model.page.nodes;
        let mut cur = Some(node);
        for _ in 0..6 {
            let i = cur?;
            let n = nodes.get(i as usize)?;
            let role = n.attr("role").unwrap_or("");
            if matches!(n.tag.as_str(), "a" | "button") || matches!(role, "button" | "link") {
                return Some(i);
            }
            cur = n.parent;
        }
        None
    }

    /// True when `node` is inside an `h1`–`h6` (within three levels).
    fn in_heading(&self, node: u32) -> bool {
        let nodes = &self.model.page.nodes;
        let mut cur = Some(node);
        for _ in 0..4 {
            let Some(n) = cur.and_then(|i| nodes.get(i as usize)) else {
                return false;
            };
            if matches!(n.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                return true;
            }
            cur = n.parent;
        }
        false
    }

    fn in_header_cell(&self, node: u32) -> bool {
        let cells = &self.tables.header_cells;
        let i = cells.partition_point(|&c| c <= node);
        i > 0
            && cells
                .get(i - 1)
                .is_some_and(|&c| self.model.contains(c, node))
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
                    for vi in self.values(rr, fam) {
                        let Some(v) = self.vals.get(vi) else { continue };
                        if compatible(fam, &v.kind) && self.model.contains(scope, v.node) {
                            let score = 96 + label.bonus - 3 * k;
                            cands.push(Cand {
                                score,
                                label: li,
                                val: vi as u32,
                                before: false,
                            });
                        }
                    }
                    rr += 1;
                    k += 1;
                }
                continue;
            }
            // A role word the parser read as part of a value (`512 MB left`) labels
            // nothing else.
            let inside_value = self.values(r, fam).any(|vi| {
                self.vals.get(vi).is_some_and(|v| {
                    compatible(fam, &v.kind)
                        && !matches!(v.kind, VKind::Placeholder)
                        && v.start < label.end
                        && label.start < v.end
                })
            });
            if inside_value {
                continue;
            }
            // Same row. A label inside a sentence (`Your bill of $45.20 is due Dec 13.`)
            // counts for less than one standing as a caption.
            let rest_width = self
                .model
                .rows
                .get(r)
                .map_or(0, |row| width(&row.text).saturating_sub(width(&label.text)));
            let sentence = if rest_width > 24 { 45 } else { 0 };
            let (lo, hi) = self.same_family_bounds(r, label);
            for vi in self.values(r, fam) {
                let Some(v) = self.vals.get(vi) else { continue };
                if !compatible(fam, &v.kind) {
                    continue;
                }
                let (score, before) = if v.start >= label.end && v.start < hi {
                    let gap = (v.start - label.end).min(60) as i32;
                    (100 - gap / 3, false)
                } else if v.end <= label.start && v.end > lo {
                    let gap = (label.start - v.end).min(60) as i32;
                    let score = if gap <= 2 {
                        103
                    } else if self.value_before_label {
                        100 - gap / 3
                    } else {
                        60 - gap / 3
                    };
                    (score, true)
                } else {
                    continue;
                };
                cands.push(Cand {
                    score: score + label.bonus - sentence,
                    label: li,
                    val: vi as u32,
                    before,
                });
            }
            // Rows after, then before: only for a label that stands alone (a heading or
            // caption), not a word inside a sentence.
            if rest_width > 20 {
                continue;
            }
            let heading = self.in_heading(label.node);
            for (dir, max, base) in [
                (1i64, 4i64, 80i32),
                (-1, 3, if self.value_before_label { 80 } else { 76 }),
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
                    for vi in self.values(r2, fam) {
                        let Some(v) = self.vals.get(vi) else { continue };
                        if !compatible(fam, &v.kind) {
                            continue;
                        }
                        let h = self.model.height_to_common(label.node, v.node);
                        // Values come after headings; a caption under its value is close
                        // to it.
                        let limit = if dir < 0 { 3 } else { 5 };
                        // A bucket's name (`Data`, `Hotspot`, `Minutes`) heads its values.
                        let names_bucket =
                            matches!(label.kind, Kind::Data | Kind::Hotspot | Kind::NotData);
                        if h > limit
                            || (dir < 0 && (heading || names_bucket))
                            || self.section_of(label.node) != self.section_of(v.node)
                        {
                            continue;
                        }
                        let score = base - 6 * h as i32 - 4 * k as i32 + label.bonus;
                        cands.push(Cand {
                            score,
                            label: li,
                            val: vi as u32,
                            before: dir < 0,
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
        let f = match fam {
            Family::Data => 0,
            Family::Money => 1,
            Family::Date => 2,
            _ => 3,
        };
        let values = self
            .row_vals
            .get(r)
            .and_then(|v| v.get(f).copied().flatten());
        let inside_value = |start: usize, end: usize| {
            values.is_some_and(|(a, b)| {
                self.vals.get(a as usize..b as usize).is_some_and(|vs| {
                    vs.iter().any(|v| {
                        !matches!(v.kind, VKind::Placeholder) && v.start < end && start < v.end
                    })
                })
            })
        };
        for h in &row.hits {
            if h.kind.family() != fam
                || (h.start == label.start && h.end == label.end)
                || inside_value(h.start, h.end)
            {
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

    /// A row right after a row with data values may continue it (`312 MB remaining` |
    /// `of 1,024 MB`): parse it too, so its self-described values are seen.
    fn parse_continuations(&mut self) {
        let rows: Vec<usize> = self
            .row_vals
            .iter()
            .enumerate()
            .filter(|(_, v)| v.first().copied().flatten().is_some_and(|(s, e)| e > s))
            .map(|(r, _)| r + 1)
            .collect();
        for r in rows {
            let _ = self.values(r, Family::Data);
        }
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
                before: c.before,
            });
        }
        // Data values that say their own role (`5 GB left`, `2.5GB of 10GB used`).
        for (vi, v) in self.vals.iter().enumerate() {
            if val_used.get(vi).copied().unwrap_or(true) {
                continue;
            }
            let VKind::Data(d) = &v.kind else { continue };
            if d.remaining_mb.is_none()
                && d.used_mb.is_none()
                && d.total_mb.is_none()
                && !d.unlimited
                && self.role_from_context(v).is_none()
            {
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
                before: false,
            });
        }
        out
    }

    // ---- buckets and lines -------------------------------------------------------

    /// The bucket each row is in: its own bucket word, else the last one within six
    /// rows (a phone number starts over); `Unknown` when there is none.
    fn row_buckets(&self, phone_rows: &[usize]) -> Vec<Bucket> {
        let mut out = Vec::with_capacity(self.model.rows.len());
        let mut carried = Bucket::Unknown;
        let mut since = 0usize;
        for (r, row) in self.model.rows.iter().enumerate() {
            if phone_rows.binary_search(&r).is_ok() {
                carried = Bucket::Unknown;
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
                carried = Bucket::Unknown;
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
                        root: node,
                    });
                    rows.push(r);
                }
            }
        }
        rows.dedup();
        (anchors, rows)
    }

    /// Sets each anchor's section root: the largest element around its number that
    /// holds no other line's number (a line card, a table row; or just the number's own
    /// element when lines are headings followed by their details). Then indexes the
    /// outermost roots, which never overlap, for binary search.
    fn build_sections(&mut self) {
        let nodes = &self.model.page.nodes;
        let mut numbers: Vec<String> = Vec::new();
        let mut all: Vec<u32> = self.anchors.iter().map(|a| a.node).collect();
        all.sort_unstable();
        let mut by_number: std::collections::HashMap<String, Vec<u32>> = Default::default();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for a in &self.anchors {
            by_number.entry(a.last4.clone()).or_default().push(a.node);
            index.entry(a.last4.clone()).or_insert_with(|| {
                numbers.push(a.last4.clone());
                numbers.len() - 1
            });
        }
        for list in by_number.values_mut() {
            list.sort_unstable();
        }
        let count = |list: &[u32], lo: u32, hi: u32| {
            list.partition_point(|&n| n < hi) - list.partition_point(|&n| n < lo)
        };
        let mut parts: Vec<(u32, u32, usize)> = Vec::new();
        for a in &mut self.anchors {
            let same = by_number.get(&a.last4).map_or(&[][..], |v| v.as_slice());
            let mut root = a.node;
            let mut cur = nodes.get(a.node as usize).and_then(|n| n.parent);
            for _ in 0..64 {
                let Some(p) = cur else { break };
                let end = self.model.end.get(p as usize).copied().unwrap_or(p);
                if count(&all, p, end) > count(same, p, end) {
                    break;
                }
                root = p;
                cur = nodes.get(p as usize).and_then(|n| n.parent);
            }
            a.root = root;
            let end = self.model.end.get(root as usize).copied().unwrap_or(root);
            let line = index.get(&a.last4).copied().unwrap_or(0);
            parts.push((root, end, line));
        }
        // Keep the outermost parts (roots of one number may nest).
        parts.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let mut outer: Vec<(u32, u32, usize)> = Vec::with_capacity(parts.len());
        for p in parts {
            if outer.last().is_some_and(|o| p.0 < o.1) {
                continue;
            }
            outer.push(p);
        }
        self.numbers = numbers;
        self.parts = outer;
    }

    /// The part of the page (index into `parts`) holding `node`, if any.
    fn part_of(&self, node: u32) -> Option<usize> {
        let i = self.parts.partition_point(|p| p.0 <= node).checked_sub(1)?;
        self.parts.get(i).filter(|p| node < p.1).map(|_| i)
    }

    /// The line part of the page holding `node`, if any (its root).
    fn section_of(&self, node: u32) -> Option<u32> {
        self.part_of(node)
            .and_then(|i| self.parts.get(i))
            .map(|p| p.0)
    }

    /// The line (index into `numbers`) a value at `node` belongs to, or `None` for an
    /// account-level value outside every line's part of the page.
    fn line_of(&self, node: u32) -> Option<usize> {
        if self.numbers.len() <= 1 {
            return Some(0);
        }
        if let Some(p) = self.part_of(node).and_then(|i| self.parts.get(i)) {
            return Some(p.2);
        }
        // After a number that stands alone (a heading), up to the next line's part, in
        // the same container.
        let i = self.parts.partition_point(|p| p.0 <= node).checked_sub(1)?;
        let before = self.parts.get(i)?;
        if before.1.saturating_sub(before.0) > 8 {
            return None;
        }
        let parent = self
            .model
            .page
            .nodes
            .get(before.0 as usize)
            .and_then(|n| n.parent)?;
        self.model.contains(parent, node).then_some(before.2)
    }

    // ---- assembly ----------------------------------------------------------------

    fn run(mut self) -> Snapshot {
        let labels = self.collect_labels();
        let cands = self.candidates(&labels);
        self.parse_continuations();
        let assigned = self.assign(&labels, cands);
        let model = &self.model;

        let anchors = std::mem::take(&mut self.anchors);
        let phone_rows = std::mem::take(&mut self.phone_rows);
        let numbers = self.numbers.clone();
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

        // Bare amounts under a bucket name (`Data: 2,874 MB`) are read as what is left,
        // after every value with a clear role.
        let bare_generic = |a: &Assigned| -> bool {
            let kind = a
                .label
                .and_then(|l| labels.get(l as usize))
                .map_or(Kind::Data, |l| l.kind);
            matches!(kind, Kind::Data | Kind::Hotspot)
                && self
                    .vals
                    .get(a.val as usize)
                    .is_some_and(|v| match &v.kind {
                        VKind::Data(d) => {
                            d.amount_mb.is_some()
                                && d.remaining_mb.is_none()
                                && d.used_mb.is_none()
                                && d.total_mb.is_none()
                                && self.role_from_context(v).is_none()
                        }
                        _ => false,
                    })
        };
        let order: Vec<usize> = (0..assigned.len())
            .filter(|&i| assigned.get(i).is_some_and(|a| !bare_generic(a)))
            .chain((0..assigned.len()).filter(|&i| assigned.get(i).is_some_and(bare_generic)))
            .collect();
        for ai in order {
            let Some(a) = assigned.get(ai) else { continue };
            let Some(v) = self.vals.get(a.val as usize) else {
                continue;
            };
            let label = a.label.and_then(|l| labels.get(l as usize));
            let kind = label.map_or(Kind::Data, |l| l.kind);
            match (&v.kind, kind) {
                (VKind::Placeholder, _) => {
                    // `--`, `$--.--`, `Loading…` mean the page is not ready; `N/A` under
                    // a heading means not applicable.
                    let text = model
                        .rows
                        .get(v.row as usize)
                        .and_then(|r| r.text.get(v.start..v.end))
                        .unwrap_or("");
                    let loading = model.rows.get(v.row as usize).is_some_and(|r| {
                        r.hits.iter().any(|h| {
                            h.kind == Kind::Placeholder && h.start <= v.start && h.end >= v.end
                        })
                    });
                    let dashes = !text.chars().any(|c| c.is_ascii_alphabetic());
                    if kind != Kind::NotData
                        && (dashes || (loading && !text.eq_ignore_ascii_case("n/a")))
                    {
                        placeholders += 1;
                    }
                }
                (VKind::Money(m), Kind::Balance)
                    if balance.as_ref().is_none_or(|b| a.score > b.0) =>
                {
                    balance = Some((a.score, *m, ai));
                }
                (VKind::Money(m), Kind::AmountDue)
                    if amount_due.as_ref().is_none_or(|b| a.score > b.0) =>
                {
                    amount_due = Some((a.score, *m, ai));
                }
                (VKind::Date(d), Kind::DueDate | Kind::RenewalDate) => {
                    let score = if *d < self.today {
                        a.score - 40
                    } else {
                        a.score
                    };
                    if kind == Kind::DueDate {
                        if due.as_ref().is_none_or(|b| score > b.0) {
                            due = Some((score, *d, ai));
                        }
                    } else {
                        match self.line_of(v.node) {
                            Some(li) => {
                                if let Some(slot) = renew.get_mut(li) {
                                    if slot.is_none_or(|b| score > b.0) {
                                        *slot = Some((score, *d));
                                        sources
                                            .insert(format!("lines[{li}].renews_on"), source_of(a));
                                    }
                                }
                            }
                            None => {
                                if account_renew.as_ref().is_none_or(|b| score > b.0) {
                                    account_renew = Some((score, *d, ai));
                                }
                            }
                        }
                    }
                }
                (VKind::State(on), Kind::Autopay)
                    if autopay.as_ref().is_none_or(|b| a.score > b.0) =>
                {
                    autopay = Some((a.score, *on, "autopay".into()));
                    sources.insert("autopay".into(), source_of(a));
                }
                (VKind::Data(d), _) => {
                    if kind == Kind::NotData {
                        continue;
                    }
                    // A number inside a plan name (`Basic 10GB`) is not usage.
                    if self
                        .model
                        .hint_near(v.node, 2)
                        .is_some_and(|(_, k)| k == Kind::Plan)
                    {
                        continue;
                    }
                    let bucket = self.bucket_for(label, v, &buckets);
                    // An `Unlimited` on its own counts only where a data bucket is named.
                    let only_unlimited = d.unlimited
                        && d.amount_mb.is_none()
                        && d.remaining_mb.is_none()
                        && d.used_mb.is_none()
                        && d.total_mb.is_none();
                    if bucket == Bucket::NotData
                        || (label.is_none() && only_unlimited && bucket == Bucket::Unknown)
                    {
                        continue;
                    }
                    let role = match kind {
                        Kind::DataRemaining => Some(0),
                        Kind::DataUsed => Some(1),
                        Kind::DataTotal => Some(2),
                        _ => self
                            .role_from_context(v)
                            .or_else(|| self.bare_is_remaining(a, label).then_some(0)),
                    };
                    let (target, path) = match self.line_of(v.node) {
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
                    // A bare amount repeating one already placed (`3.21 GB` under
                    // `Data this cycle` next to `Data usage is 3.21 GB`) adds nothing.
                    let repeat = d.amount_mb.is_some_and(|x| {
                        [target.remaining_mb, target.used_mb, target.total_mb]
                            .iter()
                            .flatten()
                            .any(|y| (x - y).abs() < 0.5)
                    });
                    let bare =
                        d.remaining_mb.is_none() && d.used_mb.is_none() && d.total_mb.is_none();
                    let mut d = d.clone();
                    if repeat && bare {
                        d.amount_mb = None;
                    }
                    // `27.4 GB of Unlimited`: on an unlimited bucket a bare amount is usage.
                    let role = if d.unlimited
                        && bare
                        && !matches!(kind, Kind::DataRemaining | Kind::DataTotal)
                    {
                        Some(1)
                    } else {
                        role
                    };
                    let filled = merge_reading(target, &d, role);
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
                if autopay.as_ref().is_none_or(|b| score > b.0) {
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
        let mut finds = self.text_finds();
        if numbers.len() >= 2 {
            finds.extend(self.sibling_names(&anchors));
            finds.sort_by_key(|t| std::cmp::Reverse(t.score));
        }
        let mut account_plan: Option<TextFind> = None;
        for t in finds {
            let li = match self.line_of(t.node) {
                Some(li) => li,
                None if numbers.len() <= 1 => 0,
                None => {
                    if t.kind == Kind::Plan && account_plan.is_none() {
                        account_plan = Some(t);
                    }
                    continue;
                }
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
        }

        // A plan named once for the account (a group or pool plan) is every line's.
        if let Some(t) = &account_plan {
            for (i, line) in lines.iter_mut().enumerate() {
                if line.plan.is_none() {
                    line.plan = Some(t.text.clone());
                    sources.insert(
                        format!("lines[{i}].plan"),
                        Source {
                            label: t.label.clone(),
                            element: model.describe(t.node),
                            text: t.text.clone(),
                        },
                    );
                }
            }
        }
        // Account-level data on a page with several lines is a shared pool: every line
        // without its own bucket shows it.
        let pool = has_account_data.then(|| finish_usage(account_data));
        for (i, line) in lines.iter_mut().enumerate() {
            if has_main.get(i).copied().unwrap_or(false) {
                line.data = main.get(i).cloned().map(finish_usage);
            } else if let Some(pool) = &pool {
                line.data = Some(pool.clone());
                let shared: Vec<(String, Source)> = sources
                    .iter()
                    .filter_map(|(k, v)| {
                        k.strip_prefix("lines[?].")
                            .map(|rest| (format!("lines[{i}].{rest}"), v.clone()))
                    })
                    .collect();
                sources.extend(shared);
            }
            if has_hot.get(i).copied().unwrap_or(false) {
                line.hotspot = hot.get(i).cloned().map(finish_usage);
            }
            if let Some(Some((_, d))) = renew.get(i) {
                line.renews_on = Some(*d);
            }
        }
        // An account-level renewal date is every line's that has none of its own.
        if let Some((_, d, ai)) = &account_renew {
            for (i, line) in lines.iter_mut().enumerate() {
                if line.renews_on.is_none() {
                    line.renews_on = Some(*d);
                    if let Some(a) = assigned.get(*ai) {
                        sources.insert(format!("lines[{i}].renews_on"), source_of(a));
                    }
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
        sources.retain(|k, _| !k.starts_with("lines[?]"));
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
        buckets
            .get(v.row as usize)
            .copied()
            .unwrap_or(Bucket::Unknown)
    }

    /// A bare amount under a bucket name is what is left when the name heads it: a
    /// table column or class hint, or a short heading / caption the value follows.
    fn bare_is_remaining(&self, a: &Assigned, label: Option<&Label>) -> bool {
        let Some(label) = label else { return false };
        if a.before {
            return false;
        }
        if label.scope.is_some() {
            // A table column or a user anchor; a class name alone is too weak.
            return label.bonus >= 0;
        }
        self.model
            .rows
            .get(label.row as usize)
            .is_some_and(|row| width(&row.text).saturating_sub(width(&label.text)) <= 20)
    }

    /// The role of a bare amount from the words just before it: `of 5 GB`, `/ 20GB`,
    /// `共 20GB` are totals.
    fn role_from_context(&self, v: &Val) -> Option<usize> {
        let row = self.model.rows.get(v.row as usize)?;
        let before = row.lower.get(..v.start)?.trim_end();
        let total = [
            "of",
            "out of",
            "of your",
            "of the",
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
                        .is_none_or(|c| !c.is_alphanumeric()))
        }) {
            return Some(2);
        }
        None
    }

    /// On a page listing several lines, a short name right before a line's number in
    /// the same container (`Theo's Pixel (•••) •••-5530`) is that line's name. Not on a
    /// single-line page, where the name beside the number is the account holder's.
    fn sibling_names(&self, anchors: &[PhoneAnchor]) -> Vec<TextFind> {
        let model = &self.model;
        let nodes = &model.page.nodes;
        let mut out = Vec::new();
        for a in anchors {
            let Some(el) = nodes
                .get(a.node as usize)
                .filter(|n| n.is_text())
                .and_then(|n| n.parent)
            else {
                continue;
            };
            let Some(container) = nodes.get(el as usize).and_then(|n| n.parent) else {
                continue;
            };
            // The previous sibling element of the number's element.
            let mut sib = None;
            let mut j = el;
            for _ in 0..32 {
                if j == 0 || j <= container {
                    break;
                }
                j -= 1;
                if nodes.get(j as usize).and_then(|n| n.parent) == Some(container) {
                    sib = Some(j);
                    break;
                }
            }
            let Some(sib) = sib else { continue };
            let size = model
                .end
                .get(sib as usize)
                .copied()
                .unwrap_or(0)
                .saturating_sub(sib);
            if size > 4
                || model
                    .hint
                    .get(sib as usize)
                    .copied()
                    .flatten()
                    .is_some_and(|k| k != Kind::Nickname)
            {
                continue;
            }
            let r = model.first_row_at(sib);
            let Some(row) = model.rows.get(r) else {
                continue;
            };
            let mut text = String::new();
            for s in row.segs.iter().filter(|s| model.contains(sib, s.node)) {
                text.push_str(row.text.get(s.start..s.end).unwrap_or(""));
            }
            if text.chars().count() > 30 || row.hits.iter().any(|h| h.kind == Kind::Line) {
                continue;
            }
            if let Some(text) = self.valid_text(&text, sib) {
                out.push(TextFind {
                    kind: Kind::Nickname,
                    node: sib,
                    text,
                    label: None,
                    score: 60,
                });
            }
        }
        out
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
                if model.is_promo_node(node) {
                    continue;
                }
                let at_end = row.text.get(h.end..).is_some_and(|r| {
                    r.trim_matches(|c: char| c.is_whitespace() || ":：".contains(c))
                        .is_empty()
                });
                // A short piece of text ending in the plan word, with digits or CJK before
                // it, is the plan's own name (`5G 本地 20GB 月費計劃`, `Prepaid 10GB Plan`).
                let seg = row
                    .segs
                    .iter()
                    .find(|s| s.start <= h.start && h.end <= s.end)
                    .and_then(|s| row.text.get(s.start..s.end).map(|t| (s.start, t)));
                if let Some((seg_start, seg_text)) = seg {
                    let head = seg_text.get(..h.start - seg_start).unwrap_or("").trim();
                    let seg_end = seg_start + seg_text.len();
                    if h.kind == Kind::Plan
                        && h.start > seg_start
                        && seg_end.saturating_sub(h.end) <= 3
                        && seg_text.chars().count() <= 30
                        && (head.bytes().any(|b| b.is_ascii_digit())
                            || head.chars().filter(|c| !c.is_ascii()).count() >= 2)
                    {
                        if let Some(text) = self.valid_text(seg_text, node) {
                            out.push(TextFind {
                                kind: Kind::Plan,
                                node,
                                text,
                                label: None,
                                score: 80,
                            });
                        }
                        continue;
                    }
                }
                // Otherwise the label begins its row (`Plan: X`, `Your plan` above X), ends
                // a short heading (`Group plan` above X), or stands between other labels
                // (`Line … Plan Talk & Text + 1GB Plan expires …`).
                let short_heading = at_end && row.text.chars().count() <= 30;
                // Between other fields a label is written as one (`Plan`, not `plan`).
                let after_space = row
                    .text
                    .get(..h.start)
                    .and_then(|t| t.chars().next_back())
                    .is_some_and(char::is_whitespace)
                    && row
                        .text
                        .get(h.start..)
                        .and_then(|t| t.chars().next())
                        .is_some_and(char::is_uppercase);
                if h.start > 2 && !short_heading && !after_space {
                    continue;
                }
                let label = row.text.get(h.start..h.end).map(str::to_string);
                // The text up to the next label that is not part of a name.
                let next = row
                    .hits
                    .iter()
                    .filter(|x| x.start >= h.end)
                    .find(|x| {
                        !matches!(
                            x.kind,
                            Kind::Data
                                | Kind::Unlimited
                                | Kind::NotData
                                | Kind::Hotspot
                                | Kind::On
                                | Kind::Off
                                | Kind::Plan
                                | Kind::NotPhone
                        )
                    })
                    .map_or(row.text.len(), |x| x.start);
                let rest = row.text.get(h.end..next).unwrap_or("").trim_end();
                let rest =
                    rest.trim_start_matches(|c: char| c.is_whitespace() || ":：-–—|·".contains(c));
                if rest.is_empty() && !at_end {
                    continue;
                }
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
            if row.promo {
                continue;
            }
            // The element's own part of its first row.
            let mut text = String::new();
            for s in row.segs.iter().filter(|s| model.contains(i32_, s.node)) {
                if let Some(piece) = row.text.get(s.start..s.end) {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(piece);
                }
            }
            if let Some(text) = self.valid_text(&text, i32_) {
                out.push(TextFind {
                    kind,
                    node: i32_,
                    text,
                    label: None,
                    score: 70,
                });
            }
        }
        // Table columns headed `Plan`, `Line` / `Nickname` (a name, not a number).
        for cell in &self.tables.cells {
            let kind = match cell.kind {
                Kind::Plan => Kind::Plan,
                Kind::Line | Kind::Nickname => Kind::Nickname,
                _ => continue,
            };
            let r = model.first_row_at(cell.node);
            let Some(row) = model.rows.get(r) else {
                continue;
            };
            if row.promo || !row.segs.iter().all(|s| model.contains(cell.node, s.node)) {
                continue;
            }
            if let Some(text) = self.valid_text(&row.text, cell.node) {
                out.push(TextFind {
                    kind,
                    node: cell.node,
                    text,
                    label: Some(cell.header.clone()),
                    score: 95,
                });
            }
        }
        out.sort_by_key(|t| std::cmp::Reverse(t.score));
        out
    }

    /// A plan name or nickname: short, with a letter, not a value, a label or a number.
    fn valid_text(&self, text: &str, node: u32) -> Option<String> {
        let text = text.trim();
        // `Shared 30GB · $54/mo`, `飞鱼小流量卡 2GB 月租 8元`: the name ends before a price.
        let text = match parse::find_money(text, None).first() {
            Some(f) if f.start > 0 => {
                let mut head = text.get(..f.start).unwrap_or(text).trim_end();
                loop {
                    let before = head;
                    for w in [
                        "·", "|", "-", "–", "—", ",", "，", ":", "：", "月租", "月费", "月費",
                        "for", "at", "only", "from",
                    ] {
                        if let Some(h) = head.strip_suffix(w) {
                            if !w.chars().all(|c| c.is_ascii_alphabetic())
                                || h.chars().next_back().is_none_or(char::is_whitespace)
                            {
                                head = h.trim_end();
                            }
                        }
                    }
                    if head == before {
                        break;
                    }
                }
                // Only where a separator or rate word stood before the price
                // (`畅享套餐 58元档` keeps its price tier).
                let head_len = text.get(..f.start).unwrap_or(text).trim_end().len();
                if head.len() < head_len {
                    head
                } else {
                    text
                }
            }
            _ => text,
        };
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
        // Not a value on its own (`$15.00`, `Dec 9`, `5 GB`).
        let len = text.len();
        let covered = |start: usize, end: usize| (end - start.min(end)) * 10 >= len * 7;
        if parse::find_money(text, None)
            .iter()
            .any(|f| covered(f.start, f.end))
            || parse::find_dates(text, self.today, self.order)
                .iter()
                .any(|f| covered(f.start, f.end))
            || parse::find_data(text)
                .iter()
                .any(|f| covered(f.start, f.end))
        {
            return None;
        }
        Some(text.to_string())
    }

    /// True when `lower` holds words that make it not a name: money, date, plan,
    /// AutoPay, promotional, placeholder or sign-in wording.
    fn has_non_name_words(&self, lower: &str) -> bool {
        self.matcher.find(lower).iter().any(|h| {
            // `5G智享套餐`, `Prepaid Plan 10`: a plan word inside a name is fine.
            !((h.kind == Kind::Plan && h.start > 0)
                || matches!(
                    h.kind,
                    Kind::Data
                        | Kind::Unlimited
                        | Kind::NotData
                        | Kind::Hotspot
                        | Kind::Line
                        | Kind::On
                        | Kind::Off
                        | Kind::NotPhone
                ))
        })
    }

    fn status(&self, values: usize, placeholders: usize) -> Status {
        let model = &self.model;
        let maintenance = model
            .rows
            .iter()
            .any(|r| !r.promo && r.hits.iter().any(|h| h.kind == Kind::Maintenance));
        // A busy region that holds account wording is still loading; one elsewhere (a
        // chat widget) is not the account's.
        let busy = model.busy.iter().any(|&e| {
            let first = model.rows.partition_point(|r| r.first_node() < e);
            model
                .rows
                .iter()
                .skip(first)
                .take(200)
                .take_while(|r| model.contains(e, r.first_node()))
                .any(|r| r.hits.iter().any(|h| h.kind.family() != Family::None))
        });
        // A notice on a page that still shows several values is not a maintenance page.
        if (maintenance && values < 3)
            || busy
            || (model.loading > 0 && (values == 0 || placeholders > 0))
        {
            return Status::NoData;
        }
        if placeholders > 0 && values <= placeholders {
            return Status::NoData;
        }
        if values > 0 {
            return Status::Ok;
        }
        let title_sign_in = self
            .matcher
            .find(&matcher::lower_same_len(&model.page.title))
            .iter()
            .any(|h| h.kind == Kind::LoggedOut);
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

#[cfg(test)]
mod tests;

/// The profiles that apply on `host`, in priority order: user rules (those without
/// hosts apply everywhere), matching carrier profiles, then the generic profile.
fn active_profiles<'p>(host: &str, rules: &'p [Profile]) -> Vec<&'p Profile> {
    let builtin = profile::builtin();
    let mut active: Vec<&Profile> = rules
        .iter()
        .filter(|p| p.hosts.is_empty() || p.matches_host(host))
        .collect();
    active.extend(
        builtin
            .iter()
            .filter(|p| !p.hosts.is_empty() && p.matches_host(host)),
    );
    active.extend(builtin.iter().filter(|p| p.hosts.is_empty()));
    active
}

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
        let text = engine
            .model
            .rows
            .get(v.row as usize)
            .and_then(|r| r.text.get(v.start..v.end))
            .unwrap_or("");
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
    out
}
