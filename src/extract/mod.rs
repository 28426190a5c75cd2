//! The extraction engine: PageSnapshot → Snapshot.
//!
//! One engine for every carrier; what differs between carriers is data (profiles).
//! 0. A page at a help / support URL of a profile (`help_urls`) gives no values. A table
//!    laid out with one column per line (a row of line numbers or nicknames, rows of
//!    fields) is rewritten as one card per line first (`tables::transpose_tables`); a grid
//!    of ARIA roles (`role="row"`, `"cell"`) is read as the table it stands for
//!    (`tables::aria_tables`).
//! 1. Index: tree arrays, visual rows of text, label words in rows (one pass with an
//!    indexed matcher), class / id hints, promotional regions ([`model`]).
//! 2. Labels: profile words in rows, `aria-label`s (virtual rows), table column headers,
//!    class / id hints (weak), user anchors (strong).
//! 3. Pairing: each label looks at a bounded window — its own row (value after it, or
//!    just before it: `5 GB left`, `20.5GB 剩余通用流量`), a few rows after and before,
//!    structurally close only — and scores candidates; candidates are assigned greedily,
//!    best first, each value and label used once. Values are parsed lazily per row.
//! 4. Lines ([`lines`]): masked phone numbers mark lines; a line's part of the page is
//!    the largest element around its number holding no other line's number (a card, a
//!    table row), or, for a number standing alone like a heading, what follows it up to
//!    the next line. Values inside a part are that line's; others are account-level
//!    (a shared pool, a group plan, an account renewal: copied to every line).
//! 5. Status: sign-in page, placeholders, skeletons, busy regions, maintenance notices.
//!
//! Linear in the page: every label looks at a bounded number of rows and values.

mod explain;
pub mod lang;
mod lines;
mod matcher;
mod model;
mod names;
mod phone;
mod tables;
mod usage;

pub use explain::explain;
use lines::PhoneAnchor;
use names::TextFind;
use tables::{aria_tables, find_tables, transpose_tables, Tables};
use usage::{
    data_text, finish_usage, is_amount_for_price, is_price_per_amount, merge_reading, width,
};

use crate::date::Date;
use crate::page::PageSnapshot;
use crate::parse::text::{is_alnum, is_alpha, is_lower};
use crate::parse::{self, DataReading, DateOrder, ParseError};
use crate::profile::{self, Profile};
use crate::snapshot::{Currency, DataUsage, Line, Money, Snapshot, Source, Status};
use crate::vecmap::VecMap;
use matcher::{Family, HintMatcher, Kind, Matcher};
use model::{Model, NONE};
use std::rc::Rc;

/// The key of a line's field in `sources`: `lines[<i>].<field>` (without `core::fmt`).
fn line_key(i: usize, field: &str) -> String {
    let mut key = String::from("lines[");
    crate::json::write_int(&mut key, i64::try_from(i).unwrap_or(i64::MAX));
    key.push_str("].");
    key.push_str(field);
    key
}

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
    let aria = aria_tables(page);
    let page = aria.as_ref().unwrap_or(page);
    let transposed = transpose_tables(page);
    let page = transposed.as_ref().unwrap_or(page);
    Engine::new(page, options, &active, &host).run()
}

/// Short text pieces whose placeholder test a scan keeps (see `Engine::placeholders`).
const MAX_PLACEHOLDER_MEMO: usize = 64;

/// Built-in profiles (static) by address: the key of the matchers built from them.
type BuiltinKey = Vec<*const Profile>;
/// The label and hint matchers of one set of profiles.
type Matchers = (Rc<Matcher>, Rc<HintMatcher>);
/// Sets of built-in profiles whose matchers are kept (a host has one set; a user visits few
/// carriers).
const MAX_CACHED_MATCHERS: usize = 16;

thread_local! {
    /// Matchers of the built-in profiles, per set of active profiles (one set per carrier,
    /// one for other sites). Building them costs more than reading a sparse page; the
    /// built-in profiles never change while the program runs.
    static BUILTIN_MATCHERS: std::cell::RefCell<Vec<(BuiltinKey, Matchers)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The label and hint matchers of `active` (`extra_labels` are its profiles' anchor
/// labels): built once per set of built-in profiles, and afresh whenever user-taught rules
/// are among them.
fn matchers(active: &[&Profile], extra_labels: &[(String, Kind)]) -> Matchers {
    let build = || {
        (
            Rc::new(Matcher::new(active, extra_labels)),
            Rc::new(HintMatcher::new(active, &[])),
        )
    };
    let statics = profile::builtin().as_ptr_range();
    let all_builtin = active
        .iter()
        .all(|p| statics.contains(&std::ptr::from_ref::<Profile>(p)));
    if !all_builtin {
        return build();
    }
    let key: BuiltinKey = active
        .iter()
        .map(|p| std::ptr::from_ref::<Profile>(p))
        .collect();
    BUILTIN_MATCHERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, (m, h))) = cache.iter().find(|(k, _)| *k == key) {
            return (Rc::clone(m), Rc::clone(h));
        }
        let (m, h) = build();
        if cache.len() >= MAX_CACHED_MATCHERS {
            cache.remove(0);
        }
        cache.push((key, (Rc::clone(&m), Rc::clone(&h))));
        (m, h)
    })
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
    /// Data bought or given on top of the plan (`Top-up`, `Data Booster`): neither its
    /// amounts nor its expiry are the line's.
    AddOn,
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

struct Engine<'a> {
    model: Model<'a>,
    matcher: Rc<Matcher>,
    today: Date,
    order: DateOrder,
    currency: Option<Currency>,
    value_before_label: bool,
    /// The page writes `3,5 GB` and `2.048 MB` (decimal comma, thousands dot).
    decimal_comma: bool,
    carrier: Option<String>,
    sign_in_url: bool,
    /// The page is a help / support article: its figures are examples.
    help_url: bool,
    anchors_elements: Vec<(Kind, ElementPattern)>,
    vals: Vec<Val>,
    /// Parsed values per row and family (data, money, date, state), parsed on demand.
    row_vals: Vec<[Option<(u32, u32)>; 4]>,
    /// Per row, whether it names a date range that has ended (`after_finished_period`):
    /// 0 not yet looked at, 1 no, 2 yes (each row looked at once, not once per row below).
    ended: Vec<u8>,
    /// Per row, the phone numbers in its text, found on first use (the line anchors and
    /// the plans beside or under a number read the same rows).
    row_phones: Vec<std::cell::OnceCell<Vec<phone::PhoneFind>>>,
    /// Per table body, its first two rows whose first cell names the data
    /// (`beside_a_named_data_row`), found on first use: not once per value in the table.
    named_data_rows: std::cell::RefCell<Vec<(u32, [Option<u32>; 2])>>,
    /// Per short text piece, whether it shows a placeholder (`--`, `$--.--`, `N/A`):
    /// pages repeat the same pieces (a history's `High-speed data` on every row), each
    /// parsed once (the first `MAX_PLACEHOLDER_MEMO` pieces: a plain list, searched in
    /// order).
    placeholders: Vec<(String, bool)>,
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
        let mut classes: Vec<&str> = Vec::new();
        for c in node.attr("class").unwrap_or("").split_whitespace() {
            classes.push(c);
        }
        self.classes.iter().all(|c| classes.contains(&c.as_str()))
    }
}

fn compatible(kind: Kind, v: &VKind) -> bool {
    // `Unlimited` alone says nothing of what was used (`Data used this cycle` over a
    // plan's `Go5G Plus · Unlimited` chip).
    if let (Kind::DataUsed, VKind::Data(d)) = (kind, v) {
        if d.unlimited && d.amount_mb.is_none() && d.used_mb.is_none() {
            return false;
        }
    }
    matches!(
        (kind.family(), v),
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
        let (matcher, hints) = matchers(active, &extra_labels);
        let mut model = Model::build(page, &matcher, &hints);
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
        // An explicit `carrier` (a user rule naming one) wins, then the built-in carrier of
        // the host, then a user rule's own id.
        let carrier = active
            .iter()
            .find_map(|p| p.carrier.clone())
            .or_else(|| profile::for_host(host).map(|p| p.id.clone()))
            .or_else(|| {
                active
                    .iter()
                    .find_map(|p| p.carrier_id())
                    .map(str::to_string)
            });
        let value_before_label = active.iter().any(|p| p.value_before_label);
        let sign_in_url = active.iter().any(|p| p.is_sign_in_url(&page.url));
        let help_url = active.iter().any(|p| p.is_help_url(&page.url));
        let rows = model.rows.len();
        let tables = find_tables(&model, options.today, order);
        tables.drop_nickname_hits(&mut model);
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
            help_url,
            anchors_elements,
            vals: Vec::new(),
            row_vals: vec![[None; 4]; rows],
            ended: vec![0; rows],
            row_phones: (0..rows).map(|_| std::cell::OnceCell::new()).collect(),
            named_data_rows: std::cell::RefCell::new(Vec::new()),
            placeholders: Vec::new(),
        };
        let (anchors, phone_rows) = engine.phone_anchors();
        engine.anchors = anchors;
        engine.phone_rows = phone_rows;
        engine.mark_catalogue();
        engine.build_sections();
        engine
    }

    /// A plan catalogue (`Available plans`, `Thinking about switching?`): several cards
    /// alike (the same element and classes) side by side, each with its heading and a
    /// price per period (`Go5G` `$75/mo` `15GB hotspot` `[Select]`). Offers, not the
    /// account's values: their elements count as promotional. So are passes for sale
    /// (`5GB Data Pass` `$10` `[Add]`: a heading naming data, a price, a button). A card
    /// holding a line's number (a line's own charge) is no offer.
    #[inline(never)]
    fn mark_catalogue(&mut self) {
        let model = &self.model;
        let nodes = &model.page.nodes;
        let heading = |n: &crate::page::PageNode| names::is_heading(&n.tag);
        let card_of = |node: u32| card_of(model, node);
        // (card, its parent) per price per period.
        let mut cards: Vec<(u32, u32)> = Vec::new();
        for row in model.rows.iter().filter(|r| !r.virtual_row) {
            // (Amounts are looked for only in a row that has a card: a history's rows
            // mostly have none.)
            if !row.text.bytes().any(|b| b.is_ascii_digit())
                || !row.segs.iter().any(|s| card_of(s.node).is_some())
            {
                continue;
            }
            for f in parse::find_money(&row.text, self.currency) {
                // `$75/mo`, `58元/月`, `$30 per month` (not `$10/5GB`, a price per amount).
                let tail = row.text.get(f.end..).unwrap_or("").trim_start();
                let rate = tail
                    .strip_prefix('/')
                    .is_some_and(|t| !t.trim_start().as_bytes().first().is_some_and(u8::is_ascii_digit))
                    || parse::text::split_byte("per mo|a month", b'|').any(|w| tail.starts_with(w))
                    // `CHF 7.90 / 7 Tage`, `$25 / 30 days`: a price per period.
                    || names::rate_follows(tail);
                // The card: the nearest element around the price that holds a heading.
                let Some((a, end, parent)) = card_of(row.node_at(f.start)) else {
                    continue;
                };
                // A pass or plan for sale without a period (`5GB Data Pass` `$10`
                // `[Add]`): a card titled with a data amount that holds a button.
                let for_sale = || {
                    let inside = |p: &dyn Fn(u32, &crate::page::PageNode) -> bool| {
                        (a + 1..end).any(|i| nodes.get(i as usize).is_some_and(|n| p(i, n)))
                    };
                    inside(&|_, n| n.tag == "button")
                        && inside(&|i, n| {
                            heading(n)
                                && model.rows.get(model.first_row_at(i)).is_some_and(|r| {
                                    !parse::find_data(&r.text).is_empty()
                                        || r.hits.iter().any(|h| h.kind == Kind::Unlimited)
                                })
                        })
                };
                if !rate && !for_sale() {
                    continue;
                }
                if let Some(p) = parent {
                    if !self.anchors.iter().any(|x| a <= x.node && x.node < end)
                        && !cards.contains(&(a, p))
                    {
                        cards.push((a, p));
                    }
                }
            }
        }
        // Cards alike: the same element with the same classes under the same parent.
        let look = |i: u32| {
            nodes
                .get(i as usize)
                .map(|n| (n.tag.as_str(), n.attr("class").unwrap_or("")))
        };
        for &(a, p) in &cards {
            let alike = cards
                .iter()
                .filter(|&&(b, q)| q == p && look(b) == look(a))
                .count();
            if alike < 2 {
                continue;
            }
            let end = self.model.end.get(a as usize).copied().unwrap_or(a);
            for i in a..end {
                if let Some(x) = self.model.promo_region.get_mut(i as usize) {
                    *x = true;
                }
            }
        }
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
            let data_text = data_text(text, &row.joins, self.decimal_comma);
            for f in parse::find_data(&data_text) {
                if self.sold_for(row, f.end) {
                    continue;
                }
                if f.value.amount_mb.is_some()
                    || f.value.remaining_mb.is_some()
                    || f.value.used_mb.is_some()
                    || f.value.total_mb.is_some()
                    || (f.value.unlimited
                        && !self.priced_link(row, f.start)
                        && !self.in_price_list(row.node_at(f.start)))
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
                let with_unit = [text.trim(), " ", unit].concat();
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
            // `Unlimited talk`, but not `Unlimited data, talk & text`.
            let followed_by_not_data = !h.names_data
                && row
                    .hits
                    .get(i + 1)
                    .is_some_and(|n| n.kind == Kind::NotData && n.start <= h.end + 4);
            let overlaps = found.iter().any(|v| v.start < h.end && h.start < v.end);
            // `10GB high-speed data, then unlimited at up to 128kbps`: the slowed speed
            // after a cap, not an unlimited bucket.
            // (Also `Después, datos ilimitados a velocidades de hasta 128 kbps`.)
            let throttle = row.lower.get(..h.start).is_some_and(names::then_before)
                || row.lower.get(h.end..).is_some_and(|a| {
                    // `unlimited at reduced speeds`, `at up to 128kbps`, or after a cap
                    // in the row (`8GB, unlimited at 2G speeds`): slowed. Not a speed
                    // limit of an unlimited bucket (`Unlimited at up to 5 Mbps`).
                    names::speed_follows(a)
                        && (names::slowed_speed(a)
                            || parse::find_data(row.text.get(..h.start).unwrap_or(""))
                                .iter()
                                .any(|d| d.value.amount_mb.is_some()))
                });
            if !followed_by_not_data
                && !overlaps
                && !throttle
                && !self.priced_link(row, h.start)
                && !self.sold_for(row, h.end)
                && !self.in_price_list(row.node_at(h.start))
            {
                let reading = DataReading {
                    unlimited: true,
                    ..Default::default()
                };
                found.push(mk(h.start, h.end, VKind::Data(reading)));
            }
        }
        if money && has_digit {
            // `$ 12.500` on a decimal-comma page (Colombian, Chilean pesos) is twelve
            // thousand five hundred, as `2.048 MB` is two thousand.
            let money_text = if self.decimal_comma {
                usage::thousands_dots_to_commas(text)
            } else {
                std::borrow::Cow::Borrowed(text)
            };
            for f in parse::find_money(&money_text, self.currency) {
                // `you pay $10 per GB`, `$20/line`, `$25/mo`: a price per unit or period,
                // no figure of the account's.
                if names::price_rate_follows(row.lower.get(f.end..).unwrap_or("")) {
                    continue;
                }
                found.push(mk(f.start, f.end, VKind::Money(f.value)));
            }
        }
        let date_label = row
            .hits
            .iter()
            .any(|h| matches!(h.kind, Kind::DueDate | Kind::RenewalDate));
        // A row that is only a relative day (`tomorrow` under a `Service expires` column
        // header) is a date too.
        let alone = !has_digit && !date_label && text.len() <= 24;
        if dates && (has_digit || date_label || alone) {
            for f in parse::find_dates(text, self.today, self.order) {
                if time_spans.iter().any(|&(s, e)| f.start < e && s < f.end)
                    || (alone && (f.start, f.end) != (0, text.len()))
                    || names_a_stamp(row.lower.get(..f.start).unwrap_or(""))
                {
                    continue;
                }
                found.push(mk(f.start, f.end, VKind::Date(f.value)));
            }
        }
        for h in row.hits.iter().filter(|_| state) {
            let on = match h.kind {
                Kind::On => true,
                Kind::Off => false,
                _ => continue,
            };
            // "Turn on auto-renew" on a button asks for a change; a toggle that says just
            // "On" shows the state.
            if self.call_to_action(row, h.start, h.end) {
                continue;
            }
            // `automatically on your renewal date`, `on file`, `on Dec 26`: the
            // preposition, not a toggle's state.
            if on
                && row.lower.get(h.start..h.end) == Some("on")
                && on_is_preposition(&row.lower, h.end)
            {
                continue;
            }
            // `已绑定，下月起生效`, `Active from next month`: not in force yet.
            if on && starts_within(row.lower.get(h.end..).unwrap_or(""), LATER_WORDS, 4) {
                continue;
            }
            // `No action needed`: a `no` before a word that is no state is its determiner.
            if !on
                && row.lower.get(h.start..h.end) == Some("no")
                && row
                    .lower
                    .as_bytes()
                    .get(h.end + 1)
                    .is_some_and(u8::is_ascii_alphabetic)
                && !row.hits.iter().any(|x| x.start == h.end + 1)
            {
                continue;
            }
            found.push(mk(h.start, h.end, VKind::State(on)));
        }
        // Placeholders: a whole short text piece that is `--`, `$--.--`, `Loading…`.
        for seg in row.segs.iter().filter(|_| !state) {
            let piece = text.get(seg.start..seg.end).unwrap_or("").trim();
            if piece.is_empty() || crate::parse::text::char_count(piece) > 16 {
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
                && match self.placeholders.iter().find(|(p, _)| p == piece) {
                    Some(&(_, known)) => known,
                    None => {
                        let shows = parse::parse_money(piece, self.currency)
                            == Err(ParseError::Placeholder)
                            || parse::parse_data(piece) == Err(ParseError::Placeholder);
                        if self.placeholders.len() < MAX_PLACEHOLDER_MEMO {
                            self.placeholders.push((piece.to_string(), shows));
                        }
                        shows
                    }
                };
            if covered || parsed_placeholder {
                found.push(mk(seg.start, seg.end, VKind::Placeholder));
            }
        }
        let model = &self.model;
        // A price per amount (`1元/1GB`, `$10/5GB`) is an offer, not usage.
        // So is a bare amount followed by its price (`1GB — $10`).
        crate::sort::retain(&mut found, |v| match &v.kind {
            VKind::Data(d) => {
                let bare = d.remaining_mb.is_none()
                    && d.used_mb.is_none()
                    && d.total_mb.is_none()
                    && !d.unlimited;
                !(is_price_per_amount(text, v.start) || (bare && is_amount_for_price(text, v.end)))
            }
            _ => true,
        });
        // Promotional words inside a link or button (`Add 5GB for $10`) void that link's
        // values; they leave the rest of the row alone (`3 GB left` beside `Buy data`).
        let mut promo_actions: Vec<u32> = Vec::new();
        for h in &row.hits {
            if h.kind == Kind::Promo {
                if let Some(root) = self.action_root(row.node_at(h.start)) {
                    promo_actions.push(root);
                }
            }
        }
        // A drop-down's shown option is a form's choice (an amount to pay, a date to pick,
        // `--` for none yet), not an account figure; only a state (`AutoPay [On]`) is one.
        // So is an amount in a form (a refill's chosen amount, a checkout's total).
        let chosen = |v: &Val| {
            !matches!(v.kind, VKind::State(_))
                && [v.start, v.end.saturating_sub(1)].iter().any(|&at| {
                    let node = row.node_at(at);
                    model.in_drop_down(node)
                        || (matches!(v.kind, VKind::Money(_)) && model.in_form(node))
                })
        };
        crate::sort::retain(&mut found, |v| {
            !model.is_promo_node(v.node)
                && !chosen(v)
                && !self
                    .action_root(v.node)
                    .is_some_and(|a| promo_actions.contains(&a))
        });
        // Usage under a finished period (`Usage during this statement (Oct 16 – Nov 15)`,
        // `Previous plan period` | `Oct 26 – Nov 24, 2026`) is history.
        if found.iter().any(|v| matches!(v.kind, VKind::Data(_))) && self.after_finished_period(r) {
            crate::sort::retain(&mut found, |v| !matches!(v.kind, VKind::Data(_)));
        }
        self.vals.extend(found);
    }

    /// True when a row in the few above row `r`, up to its section's heading, names a date
    /// range that ended before today.
    fn after_finished_period(&mut self, r: usize) -> bool {
        // A row that opens with a finished period (`Oct 28 – Nov 27: 21.4 GB used`,
        // `10/01 - 10/31: 3.2 GB`): an entry of history.
        let opens_with_range = self.model.rows.get(r).is_some_and(|row| {
            let head = row.text.trim_start();
            head.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
                && may_name_range(head.get(..head.len().min(40)).unwrap_or(head))
                && parse::find_dates(&row.text, self.today, self.order)
                    .first()
                    .is_some_and(|f| f.start <= row.text.len() - head.len() + 1)
        });
        if opens_with_range && self.names_ended_range(r) {
            return true;
        }
        for p in (r.saturating_sub(8)..r).rev() {
            let Some(first) = self.model.rows.get(p).map(model::Row::first_node) else {
                break;
            };
            let known = self.ended.get(p).copied().unwrap_or(0);
            if known == 2 || (known == 0 && self.names_ended_range(p)) {
                return true;
            }
            if self.in_heading(first) {
                break;
            }
        }
        false
    }

    /// Whether row `p` names a date range that ended before today (kept in `ended`).
    fn names_ended_range(&mut self, p: usize) -> bool {
        let yes = self.model.rows.get(p).is_some_and(|row| {
            if may_name_range(&row.text) {
                let dates = parse::find_dates(&row.text, self.today, self.order);
                // A yearless end read as next year's (more than 300 days ahead) is this
                // year's, gone by.
                if dates.windows(2).any(|w| {
                    let ahead = self.today.days_until(w[1].value);
                    let yearless = row.text.get(w[1].start..w[1].end).is_some_and(|t| {
                        !parse::text::split_where(t, |c| !c.is_ascii_digit()).any(|n| n.len() == 4)
                    });
                    (ahead < 0 || (yearless && ahead > 300))
                        && row.text.get(w[0].end..w[1].start).is_some_and(|gap| {
                            names::in_list("- – — ~ ～ 至 to through", gap.trim())
                        })
                }) {
                    return true;
                }
            }
            false
        });
        if let Some(slot) = self.ended.get_mut(p) {
            *slot = if yes { 2 } else { 1 };
        }
        yes
    }

    /// True when the words `start..end` of `row` sit in a link or button that says more
    /// than them ("Turn on auto-renew"): an offer to change something, not its state.
    fn call_to_action(&self, row: &model::Row, start: usize, end: usize) -> bool {
        let node = row.node_at(start);
        if !self
            .model
            .action
            .get(node as usize)
            .copied()
            .unwrap_or(false)
        {
            return false;
        }
        let words = row.text.get(start..end).unwrap_or("").trim();
        row.segs
            .iter()
            .filter(|s| s.node == node)
            .filter_map(|s| row.text.get(s.start..s.end))
            .any(|piece| {
                let piece = piece.trim();
                piece.len() > words.len() && piece.chars().any(is_alpha)
            })
    }

    /// True when byte `pos` of `row` sits in a link or button whose text holds a price
    /// (`Get unlimited data for $25/mo`): an offer, not the account's own plan.
    fn priced_link(&self, row: &model::Row, pos: usize) -> bool {
        let Some(a) = self.action_root(row.node_at(pos)) else {
            return false;
        };
        let end = self.model.end.get(a as usize).copied().unwrap_or(a);
        row.segs
            .iter()
            .filter(|s| a <= s.node && s.node < end)
            .filter_map(|s| row.text.get(s.start..s.end))
            .any(|piece| !parse::find_money(piece, self.currency).is_empty())
    }

    /// True when a price follows byte `end` of `row` (`Unlimited for $30/mo`, `20GB for
    /// $25`), also after the rest of a plan's name (`Unlimited Premium for $44/mo`, at
    /// most two words without figures) or a pass's duration (`Giga Illimitati per 24 ore
    /// a 2,99 €`, `Unlimited data for 24 hours at $2.99`, `für 7 Tage für 3 €`): an
    /// offer's size, not the line's data.
    fn sold_for(&self, row: &model::Row, end: usize) -> bool {
        let mut rest = row.text.get(end..).unwrap_or("").trim_start();
        let mut duration = false;
        for _ in 0..5 {
            let cut = parse::text::find(rest, " ").unwrap_or(rest.len());
            let word = rest.get(..cut).unwrap_or("");
            let after = rest.get(cut..).unwrap_or("").trim_start();
            if names::in_list(SOLD_FOR, word) {
                if parse::find_money(after, self.currency)
                    .first()
                    .is_some_and(|m| m.start == 0)
                {
                    return true;
                }
                // A duration, then the price: `24 ore a`, `24h for`, `7 days at`.
                let num = after.bytes().take_while(u8::is_ascii_digit).count();
                if duration || num == 0 {
                    return false;
                }
                duration = true;
                let unit = after.get(num..).unwrap_or("").trim_start();
                let unit_end = parse::text::find(unit, " ").unwrap_or(unit.len());
                rest = unit.get(unit_end..).unwrap_or("").trim_start();
                continue;
            }
            if word.is_empty() || duration || !word.chars().all(is_alpha) {
                return false;
            }
            rest = after;
        }
        false
    }

    /// True when `node` is in an item of a list whose items, two or more, each hold a
    /// monthly price (`Unlimited Starter · $25/mo`, `Unlimited Premium · $44/mo`) or a
    /// price beside an allowance (`Data Pass 1GB — $5`): a catalogue of plans and passes,
    /// not the line's (a list of facts, `Balance $5.00`, is none).
    fn in_price_list(&self, node: u32) -> bool {
        let model = &self.model;
        let nodes = &model.page.nodes;
        let Some(li) = self.up_to(node, 4, |n| n.tag == "li") else {
            return false;
        };
        let Some(list) = nodes.get(li as usize).and_then(|n| n.parent) else {
            return false;
        };
        let end = model.end.get(list as usize).copied().unwrap_or(list);
        let mut priced = 0;
        let mut item = list + 1;
        while item < end {
            let item_end = model
                .end
                .get(item as usize)
                .copied()
                .unwrap_or(item)
                .max(item + 1);
            if nodes.get(item as usize).is_some_and(|n| n.tag == "li") {
                let first = model.first_row_at(item);
                if model
                    .rows
                    .iter()
                    .skip(first)
                    .take_while(|r| r.first_node() < item_end)
                    .any(|r| {
                        let prices = parse::find_money(&r.text, self.currency);
                        prices.iter().any(|f| {
                            let tail = r.lower.get(f.end..).unwrap_or("").trim_start();
                            names::rate_follows(tail) || tail.starts_with("/line")
                        }) || (!prices.is_empty()
                            && parse::find_data(&r.text)
                                .iter()
                                .any(|d| d.value.amount_mb.is_some()))
                    })
                {
                    priced += 1;
                }
            }
            item = item_end;
        }
        priced >= 2
    }

    /// True when the value `v` is a row of its own inside one line's part of the page
    /// (a line card): `Unlimited` there is that line's data plan.
    fn alone_in_line_part(&self, v: &Val) -> bool {
        self.whole_row(v) && self.part_of(v.node).is_some()
    }

    /// True when the value `v` is the whole text of its row.
    fn whole_row(&self, v: &Val) -> bool {
        self.model
            .rows
            .get(v.row as usize)
            .is_some_and(|row| row.text.trim().len() == v.end - v.start)
    }

    /// True when the date `v` is one end of a range (`Nov 9 – Dec 8`, `11月9日 至 12月8日`)
    /// among the values `row_vals` of its row: a period, which a label in another row does
    /// not take as its date.
    fn in_date_range(&self, v: &Val, row_vals: std::ops::Range<usize>) -> bool {
        let VKind::Date(_) = v.kind else { return false };
        let Some(row) = self.model.rows.get(v.row as usize) else {
            return false;
        };
        let vals = self.vals.get(row_vals).unwrap_or_default();
        vals.iter().any(|w| {
            let (a, b) = if w.start >= v.end {
                (v.end, w.start)
            } else {
                (w.end, v.start)
            };
            matches!(w.kind, VKind::Date(_))
                && (w.start >= v.end || w.end <= v.start)
                && row
                    .text
                    .get(a..b)
                    .is_some_and(|gap| names::in_list("- – — ~ ～ 至 to through", gap.trim()))
        })
    }

    /// True when a data bucket word is part of the value `v` itself (`Unlimited data`).
    fn names_own_bucket(&self, v: &Val) -> bool {
        self.model.rows.get(v.row as usize).is_some_and(|row| {
            row.hits
                .iter()
                .any(|h| h.names_data && h.start < v.end && v.start < h.end)
        })
    }

    /// The role a bucket label's caption also names (`Hotspot used` above `1.2 GB of 5
    /// GB`): 0 left, 1 used, 2 total.
    /// Also a table's column header (`Hotspot used`): the words of the label's own text.
    fn caption_role(&self, label: Option<&Label>) -> Option<usize> {
        let label = label?;
        if label.scope.is_some() {
            return self.table_cell_of(label.node).and_then(|c| c.role);
        }
        let row = self.model.rows.get(label.row as usize)?;
        // The role word right after the bucket's, in a sentence of any length (`… of your
        // 15 GB hotspot left until Dec 21`).
        let role = |k: Kind| match k {
            Kind::DataRemaining => Some(0),
            Kind::DataUsed => Some(1),
            Kind::DataTotal => Some(2),
            _ => None,
        };
        if let Some(r) = row
            .hits
            .iter()
            .find(|h| h.start >= label.end && row.text.get(label.end..h.start) == Some(" "))
            .and_then(|h| role(h.kind))
        {
            return Some(r);
        }
        let seg = row
            .segs
            .iter()
            .find(|s| s.start <= label.start && label.end <= s.end)?;
        if width(row.text.get(seg.start..seg.end)?) > 32 {
            return None;
        }
        let own = row
            .hits
            .iter()
            .filter(|h| seg.start <= h.start && h.end <= seg.end);
        own.into_iter().find_map(|h| role(h.kind))
    }

    /// True when the virtual row `row` is only the name of a progress bar or meter (no
    /// figure in it).
    fn names_a_bar(&self, row: &model::Row) -> bool {
        let Some(n) = row
            .segs
            .first()
            .and_then(|s| self.model.page.nodes.get(s.node as usize))
        else {
            return false;
        };
        (names::in_list("progress meter", &n.tag)
            || n.attr("role")
                .is_some_and(|r| names::in_list("progressbar meter", r)))
            && !row.text.bytes().any(|b| b.is_ascii_digit())
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
            // A meter's name without figures (`<div role=progressbar aria-label="Used">`)
            // says what its fill shows, not what the text beside it is.
            if row.promo || (row.virtual_row && self.names_a_bar(row)) {
                continue;
            }
            for h in &row.hits {
                if h.kind.family() == Family::None || h.kind.family() == Family::Text {
                    continue;
                }
                let node = row.node_at(h.start);
                if model.is_promo_node(node)
                    || self.in_header_cell(node)
                    || (h.kind == Kind::Balance && self.in_promo_card(r, node))
                    || (h.kind.family() == Family::Money
                        && (in_aside(&row.text, h.start)
                            || names_a_part(&row.lower, h.start)
                            || names_a_threshold(&row.lower, h.end)
                            || (h.kind == Kind::AmountDue
                                && names_a_settled_payment(&row.lower, h.end))
                            || (h.kind == Kind::Balance && names_a_spent_credit(&row.lower, h.end))
                            || self.tags_the_value_before(row, h)))
                    // `25 Nov 2026 | Plan renewal | Declined`: a history's row.
                    || (h.kind.family() == Family::Date
                        && self
                            .tables
                            .history_rows
                            .iter()
                            .any(|&tr| model.contains(tr, node)))
                    // `27 days left`, `quedan 5 días`: time, not data.
                    || (matches!(h.kind, Kind::DataRemaining | Kind::DataUsed)
                        && counts_time(&row.lower, h.start, h.end))
                    || (h.kind == Kind::RenewalDate && self.names_a_card_expiry(r, row, h, node))
                    || (h.kind == Kind::RenewalDate && self.in_device_card(r, node))
                    // `Device: iPhone 15 · $20.84/mo · Balance remaining $354.28`; a
                    // device's plan end shortly after the word (`iPhone 16 device plan ·
                    // device plan ends 14/08/2027`, `Gerät: Ratenzahlung läuft bis …`):
                    // the device's, not the line's renewal.
                    || (h.kind == Kind::Balance && device_word_before(&row.lower, h.start, usize::MAX))
                    || (h.kind == Kind::RenewalDate && device_word_before(&row.lower, h.start, 24))
                    // `儲值額有效期至`, `Balance expires`; `Vigencia de saldo`, `Expiry of
                    // your credit`, `Validité du solde`: the balance's validity, not the
                    // plan's renewal.
                    || (h.kind == Kind::RenewalDate
                        && row.hits.iter().any(|x| {
                            x.kind == Kind::Balance
                                && ((x.end <= h.start
                                    && row.text.get(x.end..h.start).is_some_and(|g| g.trim().is_empty()))
                                    || (x.start >= h.end
                                        && row.lower.get(h.end..x.start).is_some_and(|g| {
                                            g.len() <= 9 && g.bytes().all(|b| b == b' ' || b.is_ascii_lowercase())
                                        })))
                        }))
                {
                    continue;
                }
                // A data reset (`Data resets Dec 14`) yields to the plan's own end
                // (`Plan ends Feb 14, 2027`) on a plan of several months.
                let reset = h.kind == Kind::RenewalDate
                    && names_a_reset(row.lower.get(h.start..h.end).unwrap_or(""));
                // A phrase of two meanings right after a label of one of them says which
                // (`Vigencia: vence el` is the plan's expiry, not a bill's due date).
                // (Also when laid out as blocks: `Vigencia:` | `vence el 15/12/2026`.)
                let led = h.also.and_then(|also| {
                    // The last hit of `row` before byte `at`, with only a colon between.
                    let lead = |row: &model::Row, at: usize| {
                        let x = row.hits.iter().rev().find(|x| x.end <= at)?;
                        let gap = row.text.get(x.end..at)?;
                        let joined =
                            gap.len() <= 3 && gap.bytes().all(|b| matches!(b, b' ' | b':'));
                        (joined && x.also.is_none() && (x.kind == h.kind || x.kind == also))
                            .then_some(x.kind)
                    };
                    match row.text.get(..h.start)?.trim() {
                        "" => {
                            let above = model.rows.get(r.checked_sub(1)?)?;
                            lead(above, above.text.trim_end().len())
                        }
                        _ => lead(row, h.start),
                    }
                    // A sentence whose subject is the plan (`Tu plan familiar de 3 meses
                    // vence el 15 de enero de 2027`) tells of its expiry: the renewal.
                    .or_else(|| {
                        let before = row.text.get(..h.start)?;
                        let from = parse::text::rfind_any(before, ".!?;").map_or(0, |i| i + 1);
                        let plan = row
                            .hits
                            .iter()
                            .any(|x| x.kind == Kind::Plan && x.start >= from && x.end <= h.start);
                        let money = row.hits.iter().any(|x| {
                            x.kind.family() == Family::Money && x.start >= from && x.end <= h.start
                        });
                        (plan && !money && also == Kind::RenewalDate && !self.in_bill_card(r, node))
                            .then_some(also)
                    })
                });
                for kind in std::iter::once(h.kind).chain(h.also) {
                    // (A lead of another family says nothing of this meaning: `到期` before
                    // `自动续订` `已开启` dates nothing, and the switch stays a switch.)
                    if matches!(kind.family(), Family::None | Family::Text)
                        || led.is_some_and(|k| k != kind && k.family() == kind.family())
                    {
                        continue;
                    }
                    // An expiry in a bill's card, under its amount due (`应付余额` |
                    // `$214.77` | `12月21日到期`), is the bill's due date.
                    // (Not a cycle's end or a data reset: `Cycle ends` under `Current bill`
                    // is the plan's cycle, every line's renewal.)
                    let cycle = || {
                        let lower = row.lower.get(h.start..h.end).unwrap_or("");
                        reset || names_a_cycle(lower)
                    };
                    // (Nor a plan's own expiry, `套餐有效期至` under a balance in arrears:
                    // the plan's end, whatever the card's money says.)
                    let plans_end = || row.lower.get(h.start..h.end).is_some_and(holds_a_plan_word);
                    let kind = if kind == Kind::RenewalDate
                        && !cycle()
                        && !plans_end()
                        && self.in_bill_card(r, node)
                    {
                        if h.kind == Kind::DueDate || h.also == Some(Kind::DueDate) {
                            continue;
                        }
                        Kind::DueDate
                    } else {
                        kind
                    };
                    labels.push(Label {
                        kind,
                        row: r as u32,
                        start: h.start,
                        end: h.end,
                        node,
                        scope: None,
                        bonus: if reset {
                            -8
                        } else {
                            remainder_bonus(kind, row.lower.get(h.start..h.end).unwrap_or(""))
                        },
                        text: row.text.get(h.start..h.end).unwrap_or("").to_string(),
                    });
                }
            }
        }
        // `Amount due $35.00 by Dec 3`: the `by` after an amount due labels its date.
        for (r, row) in model.rows.iter().enumerate() {
            let Some(h) = row.hits.iter().find(|h| h.kind == Kind::AmountDue) else {
                continue;
            };
            if row.promo || row.hits.iter().any(|x| x.kind == Kind::DueDate) {
                continue;
            }
            let rest = row.text.get(h.end..).unwrap_or("");
            // `Total due Dec 9` beside `$186.44`: the label's own `due` is the date's too.
            let label_text = row.lower.get(h.start..h.end).unwrap_or("");
            let date_next = parse::find_dates(rest, self.today, self.order)
                .first()
                .is_some_and(|f| rest.get(..f.start).is_some_and(|g| g.trim().is_empty()));
            let span = if label_text.ends_with("due") && date_next {
                Some((h.start, h.end))
            } else {
                let mut first = None;
                for w in parse::text::split_byte(" by | before | on ", b'|') {
                    if let Some(i) = parse::text::find(rest, w) {
                        let at = (h.end + i + 1, h.end + i + w.len() - 1);
                        if first.is_none_or(|f| at < f) {
                            first = Some(at);
                        }
                    }
                }
                first
            };
            let Some((start, end)) = span else {
                continue;
            };
            labels.push(Label {
                kind: Kind::DueDate,
                row: r as u32,
                start,
                end,
                node: row.node_at(start),
                scope: None,
                bonus: -10,
                text: row.text.get(start..end).unwrap_or("").to_string(),
            });
        }
        // `$45.00 due 12/09`: a `due` right after an amount (or under an amount alone)
        // labels that amount too.
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo
                || row
                    .hits
                    .iter()
                    .any(|x| matches!(x.kind, Kind::AmountDue | Kind::Balance))
            {
                continue;
            }
            for h in row.hits.iter().filter(|h| h.kind == Kind::DueDate) {
                let words = row.text.get(h.start..h.end).unwrap_or("");
                let before = row.text.get(..h.start).unwrap_or("").trim_end();
                let sign = crate::parse::text::trim_end_where(before, |c| {
                    c.is_ascii_digit() || matches!(c, '.' | ',')
                });
                let money = sign.len() < before.len() && ends_with_any(sign, "$€£¥");
                // `$46.21` | `Due Dec 1`: a bill's amount alone in the row above.
                let above = before.is_empty()
                    && r.checked_sub(1)
                        .and_then(|p| model.rows.get(p))
                        .is_some_and(|p| {
                            let t = p.text.trim();
                            !p.promo
                                && parse::find_money(t, self.currency)
                                    .first()
                                    .is_some_and(|f| (f.start, f.end) == (0, t.len()))
                        });
                let due = row.lower.get(h.start..h.end).unwrap_or("");
                if !due.starts_with("due") || !(money || above) {
                    continue;
                }
                labels.push(Label {
                    kind: Kind::AmountDue,
                    row: r as u32,
                    start: h.start,
                    end: h.end,
                    node: row.node_at(h.start),
                    scope: None,
                    bonus: -10,
                    text: words.to_string(),
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
            // A class name alone (`wallet`) says nothing under a promotional heading
            // (`Refer a friend` | `$25.00`): the offer's figure.
            if anchor.is_none() && kind == Kind::Balance && self.in_promo_card(row, i32_) {
                continue;
            }
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

    /// Money word `h` ends its row right after another money label's value, as a tag on
    /// it (`话费余额 -5.30元 已欠费`, `Balance -$4.20 overdue`, `Saldo 0,00 € vencido`): it
    /// says what that value is, and labels no other.
    fn tags_the_value_before(&self, row: &model::Row, h: &matcher::Hit) -> bool {
        row.text.get(h.end..).is_some_and(|t| t.trim().is_empty())
            && row.hits.iter().any(|x| {
                x.end <= h.start
                    && x.kind.family() == Family::Money
                    && row.text.get(x.end..h.start).is_some_and(|between| {
                        parse::find_money(between, self.currency)
                            .last()
                            .is_some_and(|f| {
                                // (A word's head between: `已` in `已欠费`, a bracket.)
                                between.get(f.end..).is_some_and(|g| {
                                    parse::text::char_count(g.trim()) <= 2
                                        && !g.bytes().any(|b| b.is_ascii_alphanumeric())
                                })
                            })
                    })
            })
    }

    /// The link or button around `node` (within six levels), if any.
    fn action_root(&self, node: u32) -> Option<u32> {
        let nodes = &self.model.page.nodes;
        let mut cur = Some(node);
        for _ in 0..6 {
            let i = cur?;
            let n = nodes.get(i as usize)?;
            let role = n.attr("role").unwrap_or("");
            if names::in_list("a button", &n.tag) || names::in_list("button link", role) {
                return Some(i);
            }
            cur = n.parent;
        }
        None
    }

    /// `node` or its nearest ancestor within `levels` levels for which `pred` holds.
    pub(super) fn up_to(
        &self,
        node: u32,
        levels: usize,
        pred: impl Fn(&crate::page::PageNode) -> bool,
    ) -> Option<u32> {
        let nodes = &self.model.page.nodes;
        let mut cur = Some(node);
        for _ in 0..levels {
            let i = cur?;
            let n = nodes.get(i as usize)?;
            if pred(n) {
                return Some(i);
            }
            cur = n.parent;
        }
        None
    }

    /// Whether row `r` (holding `node`) follows, within three rows and in the same card
    /// (two levels above `node`'s block: a label and value box beside the amount's own
    /// box), a row naming an amount due, with no heading between them (`Your bill` |
    /// `Your next bill of $58.00 …` | `<h2>Shared data` | `Data resets Dec 3`: panels
    /// side by side in a flat page, the reset is the data's).
    fn in_bill_card(&self, r: usize, node: u32) -> bool {
        self.card_row_above(r, node, 3, &|p, row| {
            !row.promo
                && row.hits.iter().any(|h| h.kind == Kind::AmountDue)
                && !(p + 1..r).any(|q| {
                    self.model
                        .rows
                        .get(q)
                        .is_some_and(|x| self.in_heading(x.first_node()))
                })
        }) && !self.card_rows_near(r, node, 4, 4, &|p, row| {
            // A card that names its own due date (`Current bill` | `Cycle ends Dec 10` |
            // `Payment due Dec 25`): the renewal there is the plan's, not the bill's.
            p != r
                && !row.promo
                && row
                    .hits
                    .iter()
                    .any(|h| h.kind == Kind::DueDate || h.also == Some(Kind::DueDate))
        })
    }

    /// Whether one of the `n` rows above row `r` (holding `node`), in the same card (two
    /// levels above `node`'s block: a label and value box beside the amount's own box), is
    /// a row `pred` accepts (given its index).
    fn card_row_above(
        &self,
        r: usize,
        node: u32,
        n: usize,
        pred: &dyn Fn(usize, &model::Row) -> bool,
    ) -> bool {
        self.card_rows_near(r, node, n, 0, pred)
    }

    /// Like `card_row_above`, over the `above` rows before row `r`, row `r` itself when
    /// `below` > 0, and the `below` rows after it.
    fn card_rows_near(
        &self,
        r: usize,
        node: u32,
        above: usize,
        below: usize,
        pred: &dyn Fn(usize, &model::Row) -> bool,
    ) -> bool {
        let model = &self.model;
        let Some(card) = self.card_around(node) else {
            return false;
        };
        let end = if below > 0 { r + below + 1 } else { r };
        (r.saturating_sub(above)..end).any(|p| {
            model
                .rows
                .get(p)
                .is_some_and(|row| model.contains(card, row.first_node()) && pred(p, row))
        })
    }

    /// The card around `node`: two levels above its block (`card_row_above`).
    fn card_around(&self, node: u32) -> Option<u32> {
        self.block_parent(node, 6)
            .and_then(|c| self.model.page.nodes.get(c as usize)?.parent)
    }

    /// The parent of `node`'s block: the nearest element at most `levels` up (`node`
    /// itself first) that is a block.
    fn block_parent(&self, node: u32, levels: usize) -> Option<u32> {
        self.up_to(node, levels, |n| !n.is_text() && n.block)
            .and_then(|b| self.model.page.nodes.get(b as usize)?.parent)
    }

    /// A plan end under a device's instalments (`Remaining device balance £312.00` |
    /// `Plan ends 14/06/2027`): the device plan's end, not the line's renewal.
    fn in_device_card(&self, r: usize, node: u32) -> bool {
        // (Four rows: a label and its amount are two when laid out as blocks.)
        // (Not past a line's number: `Device payoff` | `Line ending in 5521` | `Plan renews`.)
        self.card_row_above(r, node, 4, &|p, row| {
            (row.promo || titles_devices(row))
                && parse::text::split_byte(DEVICE_WORDS, b' ')
                    .any(|w| parse::text::contains(&row.lower, w))
                && !self.phone_rows.iter().any(|&x| p < x && x < r)
        })
    }

    /// A balance in a card headed by promotional or financing words (no figures) with no
    /// amount between (`Phone financing` | `iPhone 15` | `Remaining balance` `$629.91`): the
    /// card's own figure (a device's), not the account's.
    fn in_promo_card(&self, r: usize, node: u32) -> bool {
        let rows = &self.model.rows;
        let model = &self.model;
        let card = self.card_around(node);
        // The card's part holding row `p`: the balance's own, or a title of one row (not a
        // box of its own before it: `Data Pass` | `valid until 12/05`, then the wallet).
        let heads = |p: usize, first: u32| {
            let Some(card) = card else { return true };
            let mut part = first;
            while let Some(up) = model.page.nodes.get(part as usize).and_then(|n| n.parent) {
                if up == card {
                    break;
                }
                part = up;
            }
            let within = |q: Option<usize>| {
                q.and_then(|q| rows.get(q))
                    .is_some_and(|x| model.contains(part, x.first_node()))
            };
            model.contains(part, node) || !(within(p.checked_sub(1)) || within(Some(p + 1)))
        };
        self.card_row_above(r, node, 3, &|p, row| {
            (row.promo || titles_devices(row))
                && heads(p, row.first_node())
                && !row.text.bytes().any(|b| b.is_ascii_digit())
                && (p..r).all(|q| {
                    rows.get(q)
                        .is_none_or(|x| parse::find_money(&x.text, self.currency).is_empty())
                })
        })
    }

    /// Whether the expiry label `h` of row `r` is a payment card's (`Visa` | `•••• 4421` |
    /// `Expires 08/27`): a month and a two-digit year right after it, a card's word in its
    /// row or in the two rows above in its card.
    fn names_a_card_expiry(&self, r: usize, row: &model::Row, h: &matcher::Hit, node: u32) -> bool {
        let rest = row.text.get(h.end..).unwrap_or("");
        let rest = parse::text::trim_start_where(rest, |c| c == ' ' || c == ':').as_bytes();
        let mm_yy = rest.len() >= 5
            && rest.get(2) == Some(&b'/')
            && [0, 1, 3, 4]
                .iter()
                .all(|&i| rest.get(i).is_some_and(u8::is_ascii_digit))
            && !rest
                .get(5)
                .is_some_and(|c| c.is_ascii_digit() || *c == b'/');
        mm_yy
            && (row.hits.iter().any(|x| x.kind == Kind::NotPhone)
                || self.card_row_above(r, node, 2, &|_, x| {
                    !x.promo && x.hits.iter().any(|h| h.kind == Kind::NotPhone)
                }))
    }

    /// The role the nearest heading above a figure gives it (`Remaining this month` over a
    /// list of `3.4 GB / 5.0 GB` items labelled only by icons): 0 left, 1 used. Looks a few
    /// rows up, stopping at the first heading.
    fn heading_role(&self, v: &Val) -> Option<usize> {
        let rows = &self.model.rows;
        for r in (v.row.saturating_sub(6)..v.row).rev() {
            let row = rows.get(r as usize)?;
            let Some(first) = row.segs.first() else {
                continue;
            };
            if !self.in_heading(first.node) {
                continue;
            }
            if width(&row.text) > 40 {
                return None;
            }
            let mut roles = row.hits.iter().filter_map(|h| match h.kind {
                Kind::DataRemaining => Some(0),
                Kind::DataUsed => Some(1),
                _ => None,
            });
            let role = roles.next()?;
            return roles.all(|x| x == role).then_some(role);
        }
        None
    }

    /// True when `node` is inside an `h1`–`h6` (within three levels).
    fn in_heading(&self, node: u32) -> bool {
        self.up_to(node, 4, |n| names::is_heading(&n.tag)).is_some()
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
                        if compatible(label.kind, &v.kind) && self.model.contains(scope, v.node) {
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
                    // (A value that starts inside the label, `Cycle ends in` + `in 9
                    // days`, is the label's own.)
                    compatible(label.kind, &v.kind)
                        && !matches!(v.kind, VKind::Placeholder)
                        && v.start <= label.start
                        && label.start < v.end
                })
            });
            if inside_value {
                continue;
            }
            // Same row. A label inside a sentence (`Your bill of $45.20 is due Dec 13.`)
            // counts for less than one standing as a caption; an aside in brackets
            // closing the row (`银行代扣（工商银行 尾号8812）`) leaves it a caption.
            // Also the width of the label's item where a row runs items of a list into
            // one (`Zahlungsart: eBill · Lastschrift:` | `nicht aktiv`): an item that
            // ends with its label is a caption for the rows below.
            let (rest_width, item_width) = self.model.rows.get(r).map_or((0, 0), |row| {
                let tail = row.text.get(label.end..).unwrap_or("").trim();
                let aside = starts_with_any(tail, "(（") && ends_with_any(tail, ")）");
                // A Chinese caption's translation after it (`計劃有效期至 Válido até`,
                // `剩餘數據 Dados restantes`, `餘額 Balance`): one caption, not a sentence.
                let translated = row
                    .text
                    .get(label.start..label.end)
                    .and_then(|l| l.chars().next())
                    .is_some_and(|c| c >= '\u{3000}')
                    && !tail.is_empty()
                    && width(tail) <= 24
                    && tail
                        .chars()
                        .all(|c| (c < '\u{3000}' && is_alpha(c)) || c == ' ');
                let aside = aside || translated;
                // (`Offener Betrag · fällig am …`: an item ends at its separator.)
                let rest = if aside || starts_with_any(tail, "·|") {
                    label.end
                } else {
                    row.text.len()
                };
                // `Hotspot used`: a word right before the label is part of its caption.
                let from = row
                    .hits
                    .iter()
                    .find(|h| h.end + 1 == label.start)
                    .map_or(label.start, |h| h.start);
                let caption = width(row.text.get(from..label.end).unwrap_or(""));
                // A caption opening a row of items ends at the next separator (`used` ·
                // `Unlimited at up to 5 Mbps, one device at a time`).
                let rest = row
                    .text
                    .get(label.end..rest)
                    .and_then(|after| parse::text::find_any(after, "·|"))
                    .map_or(rest, |i| label.end + i);
                let whole = width(row.text.get(..rest).unwrap_or("")).saturating_sub(caption);
                // (Measured again only for a row too wide to be a caption.)
                let item = match row.text.get(..from).filter(|_| whole > 20) {
                    Some(before) => match parse::text::rfind_any(before, "·|") {
                        Some(i) => {
                            let item = row.text.get(i..rest).unwrap_or("");
                            width(parse::text::trim_start_where(item, |c| {
                                c == '·' || c == '|'
                            }))
                            .saturating_sub(caption)
                        }
                        None => whole,
                    },
                    None => whole,
                };
                (whole, item)
            });
            let sentence = if rest_width > 24 { 45 } else { 0 };
            let (lo, hi) = self.same_family_bounds(r, label);
            let span = self.values(r, fam);
            // A label its own value follows (`· vence el 3 de dic.`) labels that value: it
            // does not reach into the rows around it (`Actualizado hoy a las 8:12` below).
            let mut own_follows = false;
            // A date label with its date right after it (`fällig am 15.12.2026` in a row
            // of items) looks no further.
            let mut own_date = false;
            for vi in span.clone() {
                let Some(v) = self.vals.get(vi) else { continue };
                // A period (`有效期：11-01 至 11-30`) is no date of its label's.
                if !compatible(label.kind, &v.kind) || self.in_date_range(v, span.clone()) {
                    continue;
                }
                // `Unlimited data, talk & text`: the value names its own bucket. Nor does
                // talk or text reach into another item of a list (`Unlimited texts · 3.9GB
                // left of 12GB`).
                if label.kind == Kind::NotData
                    && (self.names_own_bucket(v)
                        || self.model.rows.get(r).is_some_and(|row| {
                            let (a, b) = if v.start >= label.end {
                                (label.end, v.start)
                            } else {
                                (v.end, label.start)
                            };
                            row.text
                                .get(a..b)
                                .is_some_and(|gap| parse::text::has_any(gap, LIST_SEPARATORS))
                        }))
                {
                    continue;
                }
                // A value may start inside the label's last word (`Cycle ends in` + `in 9
                // days`).
                let (score, before) =
                    if v.start > label.start && v.end > label.end && v.start < hi {
                        let gap = v.start.saturating_sub(label.end).min(60) as i32;
                        own_follows |= self.model.rows.get(r).is_some_and(|row| {
                            row.text
                                .get(label.end..v.start)
                                .is_some_and(|g| g.len() <= 3 && label_gap(g))
                        });
                        own_date |= fam == Family::Date && gap <= 2;
                        (100 - gap / 3, false)
                    } else if v.end <= label.start
                    && v.end > lo
                    && !self.pair_of_its_own(r, label, span.clone())
                    // Not across the end of a sentence (`… renew for $40.00. Account
                    // Balance $56.78.`): the value before belongs to the sentence before;
                    // nor across a Chinese clause (`您于11月18日入网，…，次月起按月出账`).
                    && !self.model.rows.get(r).is_some_and(|row| {
                        row.text
                            .get(v.end..label.start)
                            .is_some_and(|gap| crate::parse::text::has_any(gap, ".。;；!?！？，"))
                    }) {
                        // (`明天（11月27日） 自動續期`: a bracket closing around the value is
                        // part of it.)
                        let gap = self.model.rows.get(r).map_or(60, |row| {
                            let g = row.text.get(v.end..label.start).unwrap_or("");
                            let g = parse::text::trim_start_where(g, |c| {
                                c.is_whitespace() || parse::text::has_char(")）", c)
                            });
                            g.len().min(60) as i32
                        });
                        // A flat row of pairs (`Balance $5.00 Amount due $20.00`): a value
                        // right after another label is that label's, not this one's.
                        let after_label = || {
                            self.model.rows.get(r).is_some_and(|row| {
                                labels.iter().any(|l| {
                                    l.row == label.row
                                        && l.scope.is_none()
                                        && l.end <= v.start
                                        && row
                                            .text
                                            .get(l.end..v.start)
                                            .is_some_and(|g| g.len() <= 3 && label_gap(g))
                                })
                            })
                        };
                        let score = if gap <= 2 && (self.value_before_label || !after_label()) {
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
            // caption), not a word inside a sentence; nor for an auto-renew phrase (its
            // AutoPay label is pushed right after it): `自動續期` | `已開啟` names a switch.
            let switch = labels.get(li as usize + 1).is_some_and(|l| {
                l.kind == Kind::Autopay && l.row == label.row && l.start == label.start
            });
            if item_width > 20 && !switch {
                // A sentence split over elements (`… your group owes` | `$41.18` | `, and
                // Autopay will charge it`): the value opening the next row goes on with it.
                let ends_row = self
                    .model
                    .rows
                    .get(r)
                    .and_then(|row| row.text.get(label.end..))
                    .is_some_and(|t| t.trim().is_empty());
                let lead = self
                    .model
                    .rows
                    .get(r + 1)
                    .map_or(0, |row| row.text.len() - row.text.trim_start().len());
                // (Not a caption run after its own figure: `3,072 MB 剩餘數據 Dados
                // restantes` | `2,048 MB 已用數據 Dados usados`, a bilingual value-first
                // list: the last caption is its row's figure's, not the next row's.)
                let own_lead = self
                    .model
                    .rows
                    .get(r)
                    .map_or(0, |row| row.text.len() - row.text.trim_start().len());
                let after_own_figure = ends_row
                    && self.values(r, fam).any(|vi| {
                        self.vals.get(vi).is_some_and(|v| {
                            v.start == own_lead
                                && v.end <= label.start
                                && compatible(label.kind, &v.kind)
                        })
                    });
                for vi in self
                    .values(r + 1, fam)
                    .filter(|_| ends_row && !after_own_figure)
                {
                    if self.vals.get(vi).is_some_and(|v| {
                        v.start == lead
                            && compatible(label.kind, &v.kind)
                            && self.section_of(label.node) == self.section_of(v.node)
                    }) {
                        cands.push(Cand {
                            score: 103 - sentence + label.bonus,
                            label: li,
                            val: vi as u32,
                            before: false,
                        });
                    }
                }
            }
            if item_width > 20 || switch || own_follows || own_date {
                continue;
            }
            let heading = self.in_heading(label.node);
            if heading && label.kind == Kind::AmountDue && rest_width == 0 {
                self.bill_total(li, r, &mut cands);
            }
            // A role word in lower case opening its own text continues the figure above it
            // (`<div>3,4 GB</div><div>verbleibend</div>`): a caption, not a heading (nor a
            // term of a list, `<dt>verbraucht</dt><dd>3,8 GB</dd>`).
            let continues = matches!(
                label.kind,
                Kind::DataRemaining | Kind::DataUsed | Kind::DataTotal
            ) && self.model.rows.get(r).is_some_and(|row| {
                row.text
                    .get(..label.start)
                    .is_some_and(|t| t.trim().is_empty())
                    && row
                        .text
                        .get(label.start..)
                        .and_then(|t| t.chars().next())
                        .is_some_and(is_lower)
            }) && self
                .up_to(label.node, 3, |n| names::in_list("dt th label", &n.tag))
                .is_none();
            let before_base = if self.value_before_label {
                80
            } else if fam == Family::Data && self.caption_in_value_first_run(r) {
                92
            } else if continues {
                84
            } else {
                76
            };
            // A term of a description list (`<dt>`) names the values after it only.
            let term = self.up_to(label.node, 2, |n| n.tag == "dt").is_some();
            for (dir, max, base) in [(1i64, 4i64, 80i32), (-1, 3, before_base)] {
                for k in 1..=max {
                    if dir < 0 && term {
                        break;
                    }
                    let r2 = r as i64 + dir * k;
                    if r2 < 0 || r2 as usize >= nrows {
                        break;
                    }
                    let r2 = r2 as usize;
                    let stop = self.model.rows.get(r2).and_then(|row| {
                        row.hits
                            .iter()
                            .find(|h| {
                                h.kind.family() == fam
                                    && fam != Family::State
                                    && !(fam == Family::Money && in_aside(&row.text, h.start))
                            })
                            .map(|h| (h.kind, h.start))
                    });
                    // A figure before a `/` and a total with its own label (`59.92G/ 总量
                    // 100G`) is still the caption's above; then the search stops.
                    let total_at = match stop {
                        Some((Kind::DataTotal, at)) if fam == Family::Data => Some(at),
                        Some(_) => break,
                        None => None,
                    };
                    let span = self.values(r2, fam);
                    let first_of_total = |v: &Val| {
                        total_at.is_some_and(|at| {
                            v.end <= at
                                && self.model.rows.get(r2).is_some_and(|row| {
                                    row.text.get(v.end..at).is_some_and(|g| g.trim() == "/")
                                })
                        })
                    };
                    if total_at.is_some()
                        && !span
                            .clone()
                            .any(|vi| self.vals.get(vi).is_some_and(first_of_total))
                    {
                        break;
                    }
                    for vi in span.clone() {
                        let Some(v) = self.vals.get(vi) else { continue };
                        if stop.is_some() && !first_of_total(v) {
                            continue;
                        }
                        if !compatible(label.kind, &v.kind) || self.in_date_range(v, span.clone()) {
                            continue;
                        }
                        // An amount in brackets after words (`Enthält Teilzahlung (CHF
                        // 929.00)`) is a part named there, not the caption's.
                        if fam == Family::Money
                            && self
                                .model
                                .rows
                                .get(r2)
                                .is_some_and(|row| in_aside(&row.text, v.end.saturating_sub(1)))
                        {
                            continue;
                        }
                        let h = self.model.height_untranslated(label.node, v.node);
                        // Values come after headings; a caption under its value is close
                        // to it.
                        let limit = if dir < 0 { 3 } else { 6 };
                        // A bucket's name (`Data`, `Hotspot`, `Minutes`) heads its values.
                        let names_bucket = matches!(
                            label.kind,
                            Kind::Data | Kind::Hotspot | Kind::NotData | Kind::AddOn
                        );
                        if h > limit
                            || (dir < 0
                                && (heading
                                    || (names_bucket && !(k == 1 && self.captions(r, label.node)))))
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
                    if stop.is_some() {
                        break;
                    }
                }
            }
        }
        cands
    }

    /// In a flat row of pairs that opens with a label (`本地數據 無限數據 · 本期已用 86.3GB
    /// 通話分鐘 無限 本期月費 HK$298.00`), a label followed by a value of its own is
    /// that value's, not a caption of the value before it.
    fn pair_of_its_own(&self, r: usize, label: &Label, span: std::ops::Range<usize>) -> bool {
        let Some(row) = self.model.rows.get(r) else {
            return false;
        };
        let vals = self.vals.get(span).unwrap_or(&[]);
        let label_first = match (row.hits.first(), vals.first()) {
            (Some(h), Some(v)) => h.start < v.start,
            _ => false,
        };
        label_first
            && vals.iter().any(|v| {
                v.start >= label.end
                    && compatible(label.kind, &v.kind)
                    && row.text.get(label.end..v.start).is_some_and(|g| {
                        g.len() <= 12
                            && !model::only_total_connector(g)
                            && !g.bytes().any(|b| b.is_ascii_digit())
                            && !parse::text::has_any(g, LIST_SEPARATORS)
                            && !parse::text::has_any(g, ".。;；!?！？，,")
                    })
            })
    }

    /// A bill under its amount-due heading (`Current bill`, `Upcoming payment`) ends in a
    /// `Total` row: that total is the amount due, not the bill's first item (`Plan
    /// $45.00` | `Credit -$5.00` | `Total $40.00`). Rows up to the next heading.
    fn bill_total(&mut self, li: u32, r: usize, cands: &mut Vec<Cand>) {
        for r2 in r + 1..(r + 16).min(self.model.rows.len()) {
            let Some(row) = self.model.rows.get(r2) else {
                break;
            };
            if self.in_heading(row.first_node()) {
                break;
            }
            let Some(h) = row
                .hits
                .iter()
                .find(|h| h.kind == Kind::DataTotal && h.start == 0)
            else {
                continue;
            };
            // Its amount beside it (`Total $40.00`) or in the next row.
            let (end, len) = (h.end, row.text.trim_end().len());
            let alone = row.text.get(end..).is_some_and(label_gap);
            let (r3, from) = if alone { (r2 + 1, 0) } else { (r2, end) };
            let span = self.values(r3, Family::Money);
            let vals = self.vals.get(span.clone()).unwrap_or(&[]);
            // Nothing but the amount after the word.
            if !alone && !vals.iter().any(|v| v.end >= len) {
                continue;
            }
            for vi in span {
                if self.vals.get(vi).is_some_and(|v| {
                    matches!(v.kind, VKind::Money(_))
                        && v.start >= from
                        && (alone
                            || self
                                .model
                                .rows
                                .get(r2)
                                .and_then(|row| row.text.get(end..v.start))
                                .is_some_and(label_gap))
                }) {
                    cands.push(Cand {
                        score: 96,
                        label: li,
                        val: vi as u32,
                        before: false,
                    });
                }
            }
            break;
        }
    }

    /// Whether the label row `r` (holding `node`) is the caption under a figure: the last
    /// of two rows in one box (`2.1 GB of 10 GB` | `Hotspot`), the figure's row first.
    fn captions(&self, r: usize, node: u32) -> bool {
        let model = &self.model;
        let Some(bx) = self.block_parent(node, 4) else {
            return false;
        };
        let inside = |p: Option<usize>| {
            p.and_then(|p| model.rows.get(p))
                .is_some_and(|row| model.contains(bx, row.first_node()))
        };
        inside(r.checked_sub(1)) && !inside(r.checked_sub(2)) && !inside(Some(r + 1))
    }

    /// Row `r`, a data label alone, is one caption of a flat run of figures each followed
    /// by its caption (`3.8 GB` | `Data left` | `1.2 GB` | `Hotspot used`, one element
    /// each, no boxes): the run starts with a figure no label heads and ends with a
    /// caption no figure follows, so each caption takes the figure above it, not the one
    /// below (which is the next caption's). A run that starts with a label or ends with
    /// a figure is read label first, as before.
    fn caption_in_value_first_run(&mut self, r: usize) -> bool {
        if !self.data_label_alone(r) || !self.data_figure_alone(r.wrapping_sub(1)) {
            return false;
        }
        // Up: each figure above must be a caption's, not headed by a label.
        let mut q = r;
        while q >= 2 && self.data_label_alone(q - 2) {
            if q < 3 || !self.data_figure_alone(q - 3) {
                return false;
            }
            q -= 2;
        }
        // Down: each figure below must have its caption after it.
        let mut q = r;
        while self.data_figure_alone(q + 1) {
            if !self.data_label_alone(q + 2) {
                return false;
            }
            q += 2;
        }
        true
    }

    /// Row `q` is data labels only, short (`Data left`, `Hotspot used`).
    fn data_label_alone(&mut self, q: usize) -> bool {
        let Some(row) = self.model.rows.get(q) else {
            return false;
        };
        let ok = width(&row.text) <= 24
            && row.hits.first().is_some_and(|h| h.start == 0)
            && row.hits.iter().all(|h| h.kind.family() == Family::Data);
        ok && self.values(q, Family::Data).is_empty()
    }

    /// Row `q` is one data figure and nothing else (`3.8 GB`).
    fn data_figure_alone(&mut self, q: usize) -> bool {
        let Some(row) = self.model.rows.get(q) else {
            return false;
        };
        if !row.hits.is_empty() {
            return false;
        }
        let len = row.text.trim_end().len();
        let span = self.values(q, Family::Data);
        span.len() == 1
            && self
                .vals
                .get(span.start)
                .is_some_and(|v| v.start == 0 && v.end >= len)
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
        let mut rows: Vec<usize> = Vec::new();
        for (r, v) in self.row_vals.iter().enumerate() {
            if v.first().copied().flatten().is_some_and(|(s, e)| e > s) {
                rows.push(r + 1);
            }
        }
        for r in rows {
            let _ = self.values(r, Family::Data);
        }
        // A row that names an unlimited data bucket on its own, without figures
        // (`Visible+ Pro · Unlimited data`): its value needs no other label.
        // A figure in a line's own part of a page with several lines may be its share of
        // a pool (see `assign`).
        if self.numbers.len() >= 2 {
            let mut parts: Vec<usize> = Vec::new();
            for (r, row) in self.model.rows.iter().enumerate() {
                if row.text.bytes().any(|b| b.is_ascii_digit())
                    && self.part_of(row.first_node()).is_some()
                {
                    parts.push(r);
                }
            }
            for r in parts {
                let _ = self.values(r, Family::Data);
            }
        }
        // So does a bare `Unlimited` standing alone in a line's own card.
        let mut unlimited: Vec<usize> = Vec::new();
        for (r, row) in self.model.rows.iter().enumerate() {
            if row.hits.iter().any(|h| {
                h.kind == Kind::Unlimited
                    && (h.names_data
                        || (row.text.trim().len() == h.end - h.start
                            && self.part_of(row.node_at(h.start)).is_some()))
            }) {
                unlimited.push(r);
            }
        }
        for r in unlimited {
            let _ = self.values(r, Family::Data);
        }
    }

    fn assign(&self, labels: &[Label], mut cands: Vec<Cand>) -> Vec<Assigned> {
        crate::sort::sort_by(&mut cands, |a, b| {
            b.score
                .cmp(&a.score)
                .then(a.label.cmp(&b.label))
                .then(a.val.cmp(&b.val))
        });
        let mut label_used = vec![false; labels.len()];
        let mut val_used = vec![false; self.vals.len()];
        let mut claimed: VecMap<u32, Vec<(usize, usize)>> = VecMap::new();
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
            // `Remaining Data` over `of 10 GB`: the total it reached leaves the role word
            // free for the figure it describes (`4.62 GB` above).
            let keeps_label = labels
                .get(li)
                .is_some_and(|l| matches!(l.kind, Kind::DataRemaining | Kind::DataUsed))
                && self.role_from_context(v) == Some(2);
            if let Some(x) = label_used.get_mut(li).filter(|_| !keeps_label) {
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
            // A bare figure in one line's part of a page with several lines (a group's
            // member list: `Alex (555) 010-2231 3.2 GB`) is that line's share of a pool;
            // whether used or left is known only from the pool (see `run`).
            let line_share = self.numbers.len() >= 2
                && self.part_of(v.node).is_some()
                && self
                    .table_cell_of(v.node)
                    .is_none_or(|c| c.kind != Kind::Plan)
                && !self
                    .model
                    .rows
                    .get(v.row as usize)
                    .is_some_and(|r| r.hits.iter().any(|h| h.kind == Kind::Plan));
            if d.remaining_mb.is_none()
                && d.used_mb.is_none()
                && d.total_mb.is_none()
                && !d.unlimited
                && self.role_from_context(v).is_none()
                && !line_share
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
        let mut carried_priced = false;
        let mut carried_from = 0usize;
        let mut since = 0usize;
        for (r, row) in self.model.rows.iter().enumerate() {
            if phone_rows.binary_search(&r).is_ok() {
                carried = Bucket::Unknown;
                since = 0;
            }
            // A row of a table of add-ons is the add-on's; it heads nothing after the table.
            if self.in_add_on_table(row.first_node()) {
                carried = Bucket::Unknown;
                since = 0;
                out.push(Bucket::AddOn);
                continue;
            }
            let mut own = own_bucket(&self.model, row);
            if own != Bucket::AddOn && self.add_on_details(r) {
                own = Bucket::AddOn;
            }
            // A role label that names data only in passing (`剩余流量` | `800MB` in the
            // list of a `漫游包` just named) is that add-on's; not after a priced entry
            // (`Last top-up £10.00 on 12 Nov`).
            if own == Bucket::Main
                && carried == Bucket::AddOn
                && !carried_priced
                && names_data_in_passing(row)
            {
                own = Bucket::AddOn;
            }
            // A pack whose name holds a data word (`Travel Data Europa 1 GB` | `0.6 GB
            // übrig`) in the box an add-on heading heads (`Roaming-Pakete`) is that add-on.
            if own == Bucket::Main
                && carried == Bucket::AddOn
                && !carried_priced
                && data_word_in_a_name(row)
                && self.in_heading_box(carried_from, r)
            {
                own = Bucket::AddOn;
            }
            if own == Bucket::AddOn {
                carried_priced = !parse::find_money(&row.text, self.currency).is_empty();
                carried_from = r;
            }
            // A money label (`话费余额` after `剩余语音`) ends a bucket's run of rows too,
            // and a balance's note (`Saldo … para llamadas y SMS`) starts none.
            let money = row.hits.iter().any(|h| h.kind.family() == Family::Money);
            if own != Bucket::Unknown {
                // An item giving its own allowance of talk or text (`Unlimited texts`, `500
                // mins`, `Tarifa Ola 25GB · Llamadas ilimitadas`) heads no figures after it
                // either (whatever another item of the row holds: the plan's name).
                let stated = own == Bucket::NotData
                    && row.hits.iter().any(|h| {
                        let before = row.text.get(..h.start).unwrap_or("").trim_end();
                        let from = parse::text::rfind_any(before, LIST_SEPARATORS).unwrap_or(0);
                        let to = row
                            .text
                            .get(h.end..)
                            .and_then(|t| parse::text::find_any(t, LIST_SEPARATORS))
                            .map_or(row.text.len(), |i| h.end + i);
                        h.kind == Kind::NotData
                            && (before.as_bytes().last().is_some_and(u8::is_ascii_digit)
                                || row.hits.iter().any(|u| {
                                    u.kind == Kind::Unlimited
                                        && (u.end == before.len()
                                            // (Or a word between: `Unlimited UK minutes`.)
                                            || row.text.get(u.end..h.start).is_some_and(|g| {
                                                let g = g.trim();
                                                g.len() <= 12
                                                    && g.chars().all(parse::text::is_alpha)
                                            })
                                            // (After the word only as an item of a list:
                                            // a table row's `Redes sociales ilimitadas`
                                            // heads its own cells.)
                                            || (to < row.text.len() || from > 0)
                                                && row.text.get(h.end..u.start).is_some_and(
                                                    label_gap,
                                                ))
                                }))
                            && parse::find_data(row.text.get(from..to).unwrap_or(""))
                                .iter()
                                .all(|f| {
                                    let d = &f.value;
                                    d.amount_mb.is_none()
                                        && d.remaining_mb.is_none()
                                        && d.used_mb.is_none()
                                        && d.total_mb.is_none()
                                })
                    });
                // A plan's name listing its allowances (`Llamadas ilimitadas + 500 MB`,
                // `Talk & Text + 1GB`, `Unlimited minutes, 5 GB`) names talk beside an
                // amount of data: the figures after it are the plan's data, not talk's.
                let composed = own == Bucket::NotData
                    && parse::find_data(&row.text)
                        .iter()
                        .any(|f| !f.value.unlimited && f.value.amount_mb.is_some());
                carried = if (matches!(own, Bucket::NotData | Bucket::AddOn) && money)
                    || stated
                    || composed
                {
                    Bucket::Unknown
                } else {
                    own
                };
                since = 0;
                out.push(own);
                continue;
            }
            since += 1;
            // So does a label naming the plan (`Plan renews` under an add-on's `expires
            // Dec 2`): what follows is the plan's, not the add-on's. Not the first item
            // under an add-ons' heading, named with a plan's word (`Paquetes adicionales`
            // | `Paquete México 1 GB` | `vence el 5 dic.`): that is an add-on's name.
            let first_item = since == 1
                && carried == Bucket::AddOn
                && !row.hits.iter().any(|h| h.kind == Kind::RenewalDate);
            if since > 6 || money || (names_the_plan(row) && !first_item) {
                carried = Bucket::Unknown;
            }
            out.push(carried);
        }
        out
    }

    /// Row `r` holds the details of the add-on named alone in the row before it, the two
    /// side by side in one small box (`International pass` | `5 GB · expires Dec 3`, flex
    /// children the browser lays out as blocks): inline they are one row, the add-on's.
    fn add_on_details(&self, r: usize) -> bool {
        let rows = &self.model.rows;
        let (Some(prev), Some(row)) = (r.checked_sub(1).and_then(|p| rows.get(p)), rows.get(r))
        else {
            return false;
        };
        let (Some(a), Some(b)) = (prev.segs.last(), row.segs.first()) else {
            return false;
        };
        !prev.virtual_row
            && !row.virtual_row
            && !prev.text.bytes().any(|c| c.is_ascii_digit())
            && own_bucket(&self.model, prev) == Bucket::AddOn
            && self.model.height_untranslated(a.node, b.node) <= 2
            && self.model.height_untranslated(b.node, a.node) <= 2
    }

    /// Row `r` stands in the box that row `h`, a title (no figures), heads: both at most
    /// three elements below their common ancestor (`<section><header><h2>` and
    /// `<section><div><span>`).
    fn in_heading_box(&self, h: usize, r: usize) -> bool {
        let rows = &self.model.rows;
        let (Some(head), Some(row)) = (rows.get(h), rows.get(r)) else {
            return false;
        };
        let (a, b) = (head.first_node(), row.first_node());
        h < r
            && !head.text.bytes().any(|c| c.is_ascii_digit())
            && self.model.height_untranslated(a, b) <= 3
            && self.model.height_untranslated(b, a) <= 3
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
        if self.help_url {
            snap.status = Status::NoData;
            return snap;
        }
        let line_count = numbers.len().max(1);
        let mut lines: Vec<Line> = Vec::with_capacity(line_count);
        for i in 0..line_count {
            lines.push(Line {
                number_last4: numbers.get(i).cloned(),
                ..Default::default()
            });
        }
        let mut main: Vec<DataUsage> = vec![DataUsage::default(); line_count];
        let mut hot: Vec<DataUsage> = vec![DataUsage::default(); line_count];
        let mut has_main = vec![false; line_count];
        let mut has_hot = vec![false; line_count];
        // Lines whose own data is labelled but not shown (`Data used  —`): no pool is theirs.
        let mut data_not_shown = vec![false; line_count];
        let mut renew: Vec<Option<(i32, Date)>> = vec![None; line_count];
        // Whether a line's renewal is only its data's reset day.
        let mut renew_is_reset = vec![false; line_count];
        let mut account_renew: Option<(i32, Date, usize)> = None;
        let mut due: Option<(i32, Date, usize)> = None;
        let mut balance: Option<(i32, Money, usize)> = None;
        let mut amount_due: Option<(i32, Money, usize)> = None;
        let mut autopay: Option<(i32, bool, String)> = None;
        let mut placeholders = 0usize;
        let mut values = 0usize;
        let mut sources: VecMap<String, Source> = VecMap::new();
        let mut account_data = DataUsage::default();
        let mut has_account_data = false;
        // Each line's bare share of a pool (its value index), read once the pool's role is known.
        let mut shares: Vec<Option<(f64, usize)>> = vec![None; line_count];

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
        let legends = self.legends();
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
        // A figure that says two things at once (`3.6 GB used of 7 GB`) is placed before
        // a breakdown's parts (`Plan data 5 GB`, `Top-up 2 GB`).
        let whole = |a: &Assigned| -> bool {
            self.vals
                .get(a.val as usize)
                .is_some_and(|v| match &v.kind {
                    VKind::Data(d) => {
                        [d.remaining_mb, d.used_mb, d.total_mb]
                            .iter()
                            .filter(|x| x.is_some())
                            .count()
                            >= 2
                    }
                    _ => false,
                })
        };
        // (Three passes of one loop: a chain of filters costs the wasm 0.5 KB more.)
        let mut order: Vec<usize> = Vec::new();
        for pass in 0..3 {
            for (i, a) in assigned.iter().enumerate() {
                let in_pass = match pass {
                    0 => whole(a),
                    1 => !whole(a) && !bare_generic(a),
                    _ => bare_generic(a),
                };
                if in_pass {
                    order.push(i);
                }
            }
        }
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
                    if dashes && matches!(kind, Kind::DataUsed | Kind::DataRemaining) {
                        if let Some(x) = self
                            .line_of(v.node)
                            .and_then(|li| data_not_shown.get_mut(li))
                        {
                            *x = true;
                        }
                    }
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
                // A date far from a label inside a sentence (`… 以实际出账为准`) is no
                // bill date.
                (VKind::Date(_), Kind::DueDate | Kind::RenewalDate) if a.score < 20 => {}
                // When a top-up or booster runs out is not when the line renews (but a
                // label naming the plan says it is the plan's: `2026年12月31日` | `套餐到期`
                // under a roaming pack's values).
                (VKind::Date(_), Kind::DueDate | Kind::RenewalDate)
                    if self.in_add_on(v, &buckets)
                        && !label.is_some_and(|l| {
                            model
                                .rows
                                .get(l.row as usize)
                                .is_some_and(|r| label_names_the_plan(r, l.start))
                        }) => {}
                // Nor when a night-time or minutes bucket the date's row leads with does
                // (`夜间流量包 剩余 2.00GB，2026-11-30到期`; not `Plan Talk & Text + 1GB`).
                (VKind::Date(_), Kind::RenewalDate)
                    if model.rows.get(v.row as usize).is_some_and(|r| {
                        r.hits.first().is_some_and(|h| h.kind == Kind::NotData)
                            && own_bucket(model, r) == Bucket::NotData
                    }) => {}
                // Nor when such a bucket heads the date's row from above (`大灣區數據
                // (附加)` | `3.2GB` | `剩餘 / 5GB · 有效期至 2026年12月20日`, `Roaming
                // pass` | `1 GB left · valid until 12/20`): unless its label names the plan.
                // (The label in the date's row: a caption under it, in a layout of values
                // before their labels, follows the row above's bucket no more.)
                (VKind::Date(_), Kind::RenewalDate)
                    if buckets.get(v.row as usize) == Some(&Bucket::NotData)
                        && label.is_some_and(|l| l.row == v.row && l.scope.is_none())
                        && model.rows.get(v.row as usize).is_some_and(|r| {
                            own_bucket(model, r) == Bucket::Unknown
                                && !names_the_plan(r)
                                // (The bucket's own figures beside the date: not a sentence
                                // after a table, `Ihr Inklusivvolumen wird am … zurückgesetzt`.)
                                && parse::find_data(&r.text).iter().any(|f| {
                                    f.value.amount_mb.is_some() || f.value.total_mb.is_some()
                                })
                        }) => {}
                (VKind::Date(d), Kind::DueDate | Kind::RenewalDate) => {
                    // A date gone by is never the next one: any date to come wins over it
                    // (`到期日 2026/10/12` in a table of expired packs beside `到期時間
                    // 2026/12/04`; `Last paid on Nov 3` beside `Due Dec 3`).
                    let mut score = if *d < self.today {
                        a.score - 1000
                    } else {
                        a.score
                    };
                    // `Next bill issued December 2`: the day a statement is issued yields
                    // to the day its money is taken (`AutoPay scheduled for Dec 16`).
                    if kind == Kind::DueDate && self.states_issue_day(v.row) {
                        score -= 60;
                    }
                    // A renewal written without its year and read as more than half a
                    // year away is a past one (`Oct 8 · Plan renewal` in a history), not
                    // the next.
                    if kind == Kind::RenewalDate
                        && self.today.days_until(*d) > 183
                        && !self.written_with_year(v)
                    {
                        score -= 40;
                    }
                    // A data reset is the line's renewal only where no plan end is found.
                    let label = a.label.and_then(|l| labels.get(l as usize));
                    let reset = kind == Kind::RenewalDate
                        && label.is_some_and(|l| names_a_reset(&parse::text::lowercase(&l.text)));
                    if reset {
                        score -= 100;
                    }
                    if kind == Kind::DueDate && due.as_ref().is_none_or(|b| score > b.0) {
                        due = Some((score, *d, ai));
                    }
                    // A line's expiry named just before the day to pay by (`門號即將到期：請於
                    // 2026/12/03 前儲值`): that day is the line's renewal too.
                    let also_renewal = kind == Kind::DueDate && self.line_expiry_before(v);
                    let score = if also_renewal { score - 30 } else { score };
                    if kind == Kind::RenewalDate || also_renewal {
                        match self.line_of(v.node) {
                            Some(li) => {
                                if let Some(slot) = renew.get_mut(li) {
                                    if slot.is_none_or(|b| score > b.0) {
                                        *slot = Some((score, *d));
                                        if let Some(x) = renew_is_reset.get_mut(li) {
                                            *x = reset;
                                        }
                                        sources.insert(line_key(li, "renews_on"), source_of(a));
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
                    if matches!(kind, Kind::NotData | Kind::AddOn) {
                        continue;
                    }
                    let only_unlimited = d.unlimited
                        && d.amount_mb.is_none()
                        && d.remaining_mb.is_none()
                        && d.used_mb.is_none()
                        && d.total_mb.is_none();
                    // A number inside a plan name (`Basic 10GB`) is not usage; an
                    // unlimited plan's `Unlimited` is, and so is `38.2 GB used of 50 GB`
                    // in a plan's card.
                    let says_role =
                        d.remaining_mb.is_some() || d.used_mb.is_some() || d.total_mb.is_some();
                    let role_label =
                        matches!(kind, Kind::DataRemaining | Kind::DataUsed | Kind::DataTotal);
                    // So is one in the name a `Plan` label leads its row with (`Plan
                    // Data-only 10GB`).
                    let plan_row = model.rows.get(v.row as usize).is_some_and(|r| {
                        r.hits.first().is_some_and(|h| {
                            h.kind == Kind::Plan && h.start == 0 && h.end <= v.start
                        })
                    });
                    if !only_unlimited
                        && !says_role
                        && !role_label
                        && (plan_row
                            || self
                                .model
                                .hint_near(v.node, 2)
                                .is_some_and(|(_, k)| k == Kind::Plan))
                    {
                        continue;
                    }
                    // A plan's name that is only `Unlimited` (`<div class=plan-title>`) names
                    // the plan: whether the line's data is capped is for the rest of the page
                    // to say (`8.6 GB` `High-speed data remaining of 40 GB`). Without an
                    // allowance the plan's name decides (below, after the lines).
                    // So does a short name holding the word among words of its own (`Plan
                    // Ilimitado Básico`, `Basic Unlimited Plan` over `3.2 GB of 8 GB used`).
                    if only_unlimited
                        && label.is_none()
                        && ((self.whole_row(v)
                            && self
                                .model
                                .hint_near(v.node, 2)
                                .is_some_and(|(_, k)| k == Kind::Plan))
                            || model
                                .rows
                                .get(v.row as usize)
                                .is_some_and(names_with_unlimited))
                    {
                        continue;
                    }
                    let bucket = self.bucket_for(label, v, &buckets);
                    // An `Unlimited` on its own counts only where a data bucket is named,
                    // and never as a menu's entry (a plan in the footer's links, whatever
                    // other link's words label it).
                    // Nor above a caption naming something else (`Unlimited` | `Talk & Text`).
                    if matches!(bucket, Bucket::NotData | Bucket::AddOn)
                        || (only_unlimited && self.caption_below_kind(v) == Some(Kind::NotData))
                        || (only_unlimited && self.model.menu_entry(v.node))
                        || (label.is_none()
                            && only_unlimited
                            && bucket == Bucket::Unknown
                            && !self.row_has_amount(v.row)
                            && !self.alone_in_line_part(v))
                    {
                        continue;
                    }
                    // `of 5 GB` is a total whatever label reached it (`left` on the row
                    // above, in a dial laid out as blocks).
                    let context = self.role_from_context(v);
                    let role = match kind {
                        _ if context == Some(2) => context,
                        Kind::DataRemaining => Some(0),
                        Kind::DataUsed => Some(1),
                        Kind::DataTotal => Some(2),
                        _ => context
                            .or_else(|| self.caption_role(label))
                            .or_else(|| self.caption_below(v))
                            .or_else(|| self.caption_after(v))
                            .or_else(|| self.role_after_of(v))
                            .or_else(|| self.legend_role(v, &legends))
                            .or_else(|| self.heading_role(v))
                            // `2.1 GB of 50 GB` with no role word is a meter's fill: used.
                            .or_else(|| {
                                (d.amount_mb.is_some() && d.total_mb.is_some()).then_some(1)
                            })
                            // A bare size equal to the stated size of the pool, in a
                            // line's part (`Shared Data 50GB` in each line's card under
                            // `21.4 GB left of 50 GB`), is the pool's size, not what is left.
                            .or_else(|| {
                                let pool_size =
                                    d.amount_mb
                                        .zip(account_data.total_mb)
                                        .is_some_and(|(x, t)| {
                                            (x - t).abs() < 0.5
                                                && account_data.remaining_mb.is_some()
                                        });
                                (pool_size && self.line_of(v.node).is_some()).then_some(2)
                            })
                            // (Not a line's bare figure under a pool that says only what was
                            // used, `Your group used 7.23 GB`: with no allowance nothing is
                            // left to show; the figure is the line's share, below.)
                            .or_else(|| {
                                let used_only_pool = account_data.used_mb.is_some()
                                    && account_data.remaining_mb.is_none()
                                    && account_data.total_mb.is_none()
                                    && !account_data.unlimited
                                    && self.line_of(v.node).is_some();
                                (!used_only_pool && self.bare_is_remaining(a, label)).then_some(0)
                            }),
                    };
                    // (A bucket's name for a label, `<div class=member-data>`, gives no
                    // role either: a group member's `2.91 GB` under a pool that says only
                    // what was used is still that member's share.)
                    let roleless = label.is_none_or(|l| l.kind == Kind::Data);
                    if let (true, None, Some(x), Some(li)) =
                        (roleless, role, d.amount_mb, self.line_of(v.node))
                    {
                        if bucket != Bucket::Hotspot && !d.unlimited {
                            if let Some(slot @ None) = shares.get_mut(li) {
                                *slot = Some((x, ai));
                            }
                        }
                        continue;
                    }
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
                                Some(t) => (t, line_key(li, name)),
                                None => continue,
                            }
                        }
                        None => {
                            has_account_data = true;
                            (&mut account_data, String::from("lines[?].data"))
                        }
                    };
                    // A bare amount repeating one already placed (`3.21 GB` under
                    // `Data this cycle` next to `Data usage is 3.21 GB`) adds nothing,
                    // but for a `left` amount equal to the `used` one, or the other way
                    // round, each under its own label: half of the allowance used.
                    let other = match kind {
                        Kind::DataRemaining => target.remaining_mb.is_none().then_some(1),
                        Kind::DataUsed => target.used_mb.is_none().then_some(0),
                        _ => None,
                    };
                    let repeat = d.amount_mb.is_some_and(|x| {
                        [target.remaining_mb, target.used_mb, target.total_mb]
                            .iter()
                            .enumerate()
                            .any(|(i, y)| {
                                y.is_some_and(|y| (x - y).abs() < 0.5) && other != Some(i)
                            })
                    });
                    let bare =
                        d.remaining_mb.is_none() && d.used_mb.is_none() && d.total_mb.is_none();
                    // A bare amount with no role word (`5 GB` under `Mehr Daten?`) says
                    // nothing against a bucket already read whole (`4,7 GB von 12 GB
                    // verbraucht`): two of its three figures give the third.
                    let known = [target.remaining_mb, target.used_mb, target.total_mb]
                        .iter()
                        .filter(|x| x.is_some())
                        .count();
                    if bare && known >= 2 && bare_generic(a) {
                        continue;
                    }
                    let mut d = d.clone();
                    if repeat && bare {
                        d.amount_mb = None;
                    }
                    // `27.4 GB of Unlimited`, `41.2 GB` | `Unlimited`: on an unlimited bucket a
                    // bare amount is usage.
                    let row_unlimited = model.rows.get(v.row as usize).is_some_and(|r| {
                        r.hits.iter().any(|h| h.kind == Kind::Unlimited)
                            && !r.hits.iter().any(|h| h.kind == Kind::NotData)
                    });
                    let role = if (d.unlimited || row_unlimited)
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
                            .entry([path.as_str(), ".", f].concat())
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
                // Also a phrase that is a date's label too (`AutoPay scheduled for`).
                let on = match (h.kind, h.also) {
                    (Kind::AutopayOn, _) | (_, Some(Kind::AutopayOn)) => true,
                    (Kind::AutopayOff, _) | (_, Some(Kind::AutopayOff)) => false,
                    _ => continue,
                };
                // A way of paying that names AutoPay, then its state (`SEPA-Lastschrift:
                // nicht eingerichtet`): the state decides.
                // (Also in the next row: `信用卡自動扣繳` | `未設定`, a table's header cell
                // and its value.)
                let separator = |row: &model::Row, from: usize, to: usize| {
                    row.text.get(from..to).is_some_and(|gap| {
                        gap.chars()
                            .all(|c| c.is_whitespace() || parse::text::has_char(":：-–—·", c))
                    })
                };
                let off_at = |row: &model::Row, from: usize| {
                    row.hits
                        .iter()
                        .find(|x| x.start >= from)
                        .is_some_and(|x| x.kind == Kind::Off && separator(row, from, x.start))
                };
                let off_after = off_at(row, h.end)
                    || (separator(row, h.end, row.text.len())
                        && model.rows.get(r + 1).is_some_and(|next| off_at(next, 0)));
                let on = on && !off_after;
                let node = row.node_at(h.start);
                // A way of paying offered in a form (`( ) SEPA-Lastschrift`) is a choice.
                if model.is_promo_node(node) || (on && model.in_form(node)) {
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
                            text: parse::text::first_chars(&row.text, 120).to_string(),
                        },
                    );
                }
            }
        }

        // Plans and nicknames.
        let mut finds = self.text_finds();
        if !numbers.is_empty() {
            // On a single-line page a name beside the number may be the holder's: only a
            // device or line nickname (`Work phone`) counts there.
            let several = numbers.len() >= 2;
            for t in self.sibling_names(&anchors) {
                if several || t.kind != Kind::Nickname || names::names_a_device(&t.text) {
                    finds.push(t);
                }
            }
            crate::sort::sort_by_key(&mut finds, |t| std::cmp::Reverse(t.score));
        }
        let mut account_plan: Option<TextFind> = None;
        let holder = self.holder_words();
        for t in finds {
            if t.kind == Kind::Nickname && Self::mentions_holder(&t.text, &holder) {
                continue;
            }
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
                    line_key(li, name),
                    Source {
                        label: t.label.clone(),
                        element: model.describe(t.node),
                        text: t.text.clone(),
                    },
                );
            }
        }

        // A line's name that is its plan's name (`Your plan` | `Full Works 25GB SIM` |
        // `07700 900417`) names the plan, not the line.
        for (i, line) in lines.iter_mut().enumerate() {
            if line.label.is_some() && line.label == line.plan {
                line.label = None;
                sources.remove(&line_key(i, "label"));
            }
        }
        // A plan named once for the account (a group or pool plan) is every line's.
        if let Some(t) = &account_plan {
            for (i, line) in lines.iter_mut().enumerate() {
                if line.plan.is_none() {
                    line.plan = Some(t.text.clone());
                    sources.insert(
                        line_key(i, "plan"),
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
        // A pool that says only what was used: each line's bare share is its own usage.
        // So does one that says what is left of how much when every line's bare share
        // adds up to what was used (`6.5 GB left of 20 GB` over lines of `8.1 GB` and
        // `5.4 GB`), each figure rounded (half a tenth of a GB) in the sum.
        let used_of_pool = match (account_data.remaining_mb, account_data.total_mb) {
            (Some(r), Some(t)) if account_data.used_mb.is_none() => Some(t - r),
            _ => None,
        };
        let shares_add_up = used_of_pool.is_some_and(|used| {
            let mut sum = 0.0;
            let mut n = 0.0;
            for share in &shares {
                match share {
                    Some((x, _)) => sum += x,
                    None => return false,
                }
                n += 1.0;
            }
            n >= 2.0 && (sum - used).abs() <= 52.0 * (n + 2.0)
        });
        // On a line whose own data is unlimited its bare figure is its usage too (`14.2 GB`
        // | `Ilimitado` in a member's row): an unlimited bucket has nothing left to show.
        let pool_shares = has_account_data
            && !account_data.unlimited
            && (shares_add_up
                || (account_data.used_mb.is_some()
                    && account_data.remaining_mb.is_none()
                    && account_data.total_mb.is_none()));
        for (li, share) in shares.iter().enumerate() {
            let (Some((x, ai)), Some(m)) = (share, main.get_mut(li)) else {
                continue;
            };
            if m.used_mb.is_none() && (m.unlimited || pool_shares) {
                m.used_mb = Some(*x);
                if let Some(h) = has_main.get_mut(li) {
                    *h = true;
                }
                if let Some(a) = assigned.get(*ai) {
                    sources.insert(line_key(li, "data.used_mb"), source_of(a));
                }
            }
        }
        let pool = has_account_data.then(|| finish_usage(account_data));
        for (i, line) in lines.iter_mut().enumerate() {
            // The pool's figures a line shares: all of them, or, beside the line's own
            // usage (`Used this cycle: 9.8 GB`, or `31.75GB / 100GB` of the pool's
            // 100GB), what is left of the pool and its size.
            let mut shared_fields: &[&str] = &[];
            if has_main.get(i).copied().unwrap_or(false) {
                let mut own = main.get(i).cloned().unwrap_or_default();
                if let Some(pool) = pool.as_ref().filter(|p| !p.unlimited) {
                    let of_pool = |t: f64| {
                        pool.remaining_mb.is_some()
                            && pool.total_mb.is_some_and(|p| (t - p).abs() < 0.5)
                    };
                    if own.used_mb.is_some()
                        && own.remaining_mb.is_none()
                        && own.total_mb.is_none_or(of_pool)
                        && !own.unlimited
                    {
                        own.remaining_mb = pool.remaining_mb;
                        own.total_mb = pool.total_mb;
                        shared_fields = &["data.remaining_mb", "data.total_mb"];
                    }
                }
                let mut own = finish_usage(own);
                // What is left of a pool plus one line's usage is no total.
                if !shared_fields.is_empty() && pool.as_ref().is_some_and(|p| p.total_mb.is_none())
                {
                    own.total_mb = None;
                }
                line.data = Some(own);
            } else if let Some(pool) = pool
                .as_ref()
                .filter(|_| !data_not_shown.get(i).copied().unwrap_or(false))
            {
                line.data = Some(pool.clone());
                shared_fields = &[""];
            }
            if !shared_fields.is_empty() {
                let mut shared: Vec<(String, Source)> = Vec::new();
                for (k, v) in sources.iter() {
                    if let Some(rest) = k
                        .strip_prefix("lines[?].")
                        .filter(|rest| shared_fields.iter().any(|f| rest.starts_with(f)))
                    {
                        shared.push((line_key(i, rest), v.clone()));
                    }
                }
                sources.extend(shared);
            }
            if has_hot.get(i).copied().unwrap_or(false) {
                line.hotspot = hot.get(i).cloned().map(finish_usage);
            }
            if let Some(Some((_, d))) = renew.get(i) {
                line.renews_on = Some(*d);
            }
        }
        // A plan named for unlimited data (`Unlimited Plus`, `Unlimited Premium`) makes a
        // line's data unlimited when the page shows its usage and no allowance for it (a
        // page without usage, `Payments`, says nothing of its data).
        for (i, line) in lines.iter_mut().enumerate() {
            let (Some(plan), Some(data)) = (line.plan.as_deref(), line.data.as_mut()) else {
                continue;
            };
            if data.unlimited
                || data.used_mb.is_none()
                || data.total_mb.is_some()
                || data.remaining_mb.is_some()
            {
                continue;
            }
            if parse::find_data(plan).iter().any(|f| f.value.unlimited) {
                data.unlimited = true;
                if let Some(src) = sources.get(&line_key(i, "plan")).cloned() {
                    sources.insert(line_key(i, "data.unlimited"), src);
                }
            }
        }
        for line in &mut lines {
            if line
                .data
                .as_ref()
                .is_some_and(|d| *d == DataUsage::default())
            {
                line.data = None;
            }
        }
        // A date under a word of two meanings (`Vence el 05/12`: due or expires) on a page
        // with no amount due and no renewal to come is the plan's expiry, not a bill's.
        let today = self.today;
        if amount_due.is_none()
            && account_renew.as_ref().is_none_or(|r| r.1 < today)
            // (Or only a data reset to come: a plan's end wins over it.)
            && lines.iter().zip(&renew_is_reset).all(|(l, &reset)| {
                reset || l.renews_on.is_none_or(|d| d < today)
            })
        {
            if let Some(d) = due.filter(|(_, d, ai)| {
                *d >= today
                    && assigned
                        .get(*ai)
                        .and_then(|a| a.label)
                        .and_then(|l| labels.get(l as usize))
                        .is_some_and(|l| {
                            labels.iter().any(|o| {
                                o.kind == Kind::RenewalDate && o.row == l.row && o.start == l.start
                            })
                        })
            }) {
                account_renew = Some(d);
                // A past renewal (`Renovación` in a list of movements) is no line's.
                lines.iter_mut().for_each(|l| l.renews_on = None);
            }
        }
        // An account-level renewal date is every line's that has none of its own.
        if let Some((_, d, ai)) = &account_renew {
            for (i, line) in lines.iter_mut().enumerate() {
                if line.renews_on.is_none() {
                    line.renews_on = Some(*d);
                    if let Some(a) = assigned.get(*ai) {
                        sources.insert(line_key(i, "renews_on"), source_of(a));
                    }
                }
            }
        }
        crate::sort::retain(&mut lines, |l| {
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
        let mut earliest_line: Option<Date> = None;
        for d in lines.iter().filter_map(|l| l.renews_on) {
            if earliest_line.is_none_or(|e| d < e) {
                earliest_line = Some(d);
            }
        }
        // A due date already past (last bill's) gives way to a renewal date to come; alone,
        // it stays (an overdue bill).
        let due = due.filter(|(_, d, _)| {
            *d >= today
                || !account_renew
                    .as_ref()
                    .map(|r| r.1)
                    .into_iter()
                    .chain(earliest_line)
                    .any(|r| r >= today)
        });
        let next = match (&due, &account_renew) {
            (Some((_, d, ai)), _) | (None, Some((_, d, ai))) => {
                if let Some(a) = assigned.get(*ai) {
                    sources.insert("next_bill_date".into(), source_of(a));
                }
                Some(*d)
            }
            (None, None) => earliest_line,
        };
        // A date gone by alone is kept only on a page that says a payment is late or a
        // plan ran out (`overdue`, `逾期`, `已欠费`, `vencido`, `überfällig`, `Expired`, an
        // amount still due): elsewhere it is a past one (`上次缴费 2026-11-03`), not the
        // next.
        let next = if next.is_some_and(|d| d < today)
            || lines.iter().any(|l| l.renews_on.is_some_and(|d| d < today))
        {
            let late = snap.amount_due.is_some_and(|m| m.cents > 0)
                || model.rows.iter().any(|r| names_a_late_payment(&r.lower));
            if !late {
                for (i, l) in lines.iter_mut().enumerate() {
                    if l.renews_on.is_some_and(|d| d < today) {
                        l.renews_on = None;
                        sources.remove(&line_key(i, "renews_on"));
                    }
                }
            }
            if next.is_some_and(|d| !late && d < today) {
                sources.remove("next_bill_date");
                // (Another line's renewal to come, when no account date was shown.)
                let mut rest = lines.iter().filter_map(|l| l.renews_on);
                let first = rest.next();
                rest.fold(first, |e, d| e.map(|e| if d < e { d } else { e }))
                    .filter(|_| due.is_none() && account_renew.is_none())
            } else {
                next
            }
        } else {
            next
        };
        if next.is_some() {
            values += 1;
        }
        snap.next_bill_date = next;
        snap.autopay = autopay.map(|(_, on, _)| on);
        snap.lines = lines;
        sources.retain(|k, _| !k.starts_with("lines[?]"));
        snap.sources = sources;

        // A sign-in page that lists plans (`Total Base 5G – $30/mes · 5 GB`, `15 GB hotspot`)
        // shows sizes only: no line's number, no reading of what is left or used, no money,
        // no date. With a sign-in form that is no account's figure.
        let sizes_only = snap.balance.is_none()
            && snap.amount_due.is_none()
            && next.is_none()
            && snap.lines.iter().all(|l| {
                l.number_last4.is_none()
                    && l.data
                        .as_ref()
                        .is_none_or(|d| d.remaining_mb.is_none() && d.used_mb.is_none())
            });
        let values = if sizes_only && self.model.password {
            0
        } else {
            values
        };
        snap.status = self.status(values, placeholders);
        if snap.status != Status::Ok {
            let carrier = snap.carrier.take();
            snap = Snapshot::empty(snap.status);
            snap.carrier = carrier;
        }
        snap
    }

    /// True when row `r` also shows a data amount (`Unlimited — 40.1 GB used`).
    fn row_has_amount(&self, r: u32) -> bool {
        let Some((a, b)) = self
            .row_vals
            .get(r as usize)
            .and_then(|v| v.first().copied().flatten())
        else {
            return false;
        };
        self.vals.get(a as usize..b as usize).is_some_and(|vs| {
            vs.iter().any(|v| {
                matches!(&v.kind, VKind::Data(d) if d.amount_mb.is_some() || d.used_mb.is_some() || d.remaining_mb.is_some() || d.total_mb.is_some())
            })
        })
    }

    /// Whether the value's row opens with a figure (`3.8 GB Data left 1.2 GB Hotspot used`):
    /// captions follow their figures there.
    fn row_opens_with_figure(&self, v: &Val) -> bool {
        self.row_vals
            .get(v.row as usize)
            .and_then(|x| x.first().copied().flatten())
            .and_then(|(s, _)| self.vals.get(s as usize))
            .is_some_and(|first| first.start == 0)
    }

    fn bucket_for(&self, label: Option<&Label>, v: &Val, buckets: &[Bucket]) -> Bucket {
        if self.in_add_on_table(v.node) {
            return Bucket::AddOn;
        }
        // A bucket word in, just before, or else just after the value (`Unlimited data ·
        // Unlimited hotspot`, `Hotspot 2 GB`, `US Roaming 1 GB pass` in a `Data` column).
        if let Some(row) = self.model.rows.get(v.row as usize) {
            let bucket_of = |h: &matcher::Hit| {
                if h.kind == Kind::Hotspot {
                    Some(Bucket::Hotspot)
                } else if h.kind == Kind::AddOn {
                    Some(Bucket::AddOn)
                } else if h.names_data {
                    Some(Bucket::Main)
                } else {
                    None
                }
            };
            let inside = row
                .hits
                .iter()
                .filter(|h| h.start < v.end && v.start < h.end);
            let before = row
                .hits
                .iter()
                .rev()
                .find(|h| h.end <= v.start)
                .filter(|h| h.end + 2 >= v.start);
            let after = row
                .hits
                .iter()
                .find(|h| h.start >= v.end)
                .filter(|h| h.start <= v.end + 2);
            // In a row that opens with a figure (`3.8 GB Data left 1.2 GB Hotspot used`),
            // captions follow their figures: the word after is this one's, the one before
            // the previous figure's.
            let value_first = self.row_opens_with_figure(v);
            let (near, far) = if value_first {
                (after, before)
            } else {
                (before, after)
            };
            if let Some(b) = inside.chain(near).chain(far).find_map(bucket_of) {
                return b;
            }
        }
        // A cell under a column headed by a bucket (`热点` | `已使用 2.5 GB，共 15 GB`),
        // whatever label inside it reached the value.
        match self.table_cell_of(v.node).map(|c| c.kind) {
            Some(Kind::Hotspot) => return Bucket::Hotspot,
            Some(Kind::NotData) => return Bucket::NotData,
            _ => {}
        }
        // No label, or a data label in the value's own row: the last bucket the row names
        // before the value a data word with no other bucket's in its item (`Daten Schweiz` |
        // `Unlimitiert · 23.6 GB verbraucht` | `Daten Roaming` | `0.4 GB von 1 GB`,
        // items run into one row): that bucket, whatever a later item names. Not in a
        // row that opens with a figure (captions follow their figures there).
        if label
            .is_none_or(|l| l.kind.family() == Family::Data && l.scope.is_none() && l.row == v.row)
        {
            if let Some(row) = self.model.rows.get(v.row as usize) {
                let other = |h: &matcher::Hit| {
                    matches!(h.kind, Kind::AddOn | Kind::Hotspot | Kind::NotData)
                };
                let value_first = self.row_opens_with_figure(v);
                let last = row
                    .hits
                    .iter()
                    .rev()
                    .find(|h| h.end <= v.start && (h.names_data || other(h)));
                if let Some(h) = last.filter(|h| !value_first && h.names_data) {
                    let item = row
                        .segs
                        .iter()
                        .find(|s| s.start <= h.start && h.end <= s.end);
                    let (from, to) = item.map_or((h.start, h.end), |s| (s.start, s.end));
                    if !row
                        .hits
                        .iter()
                        .any(|o| other(o) && o.start >= from && o.end <= to)
                    {
                        return Bucket::Main;
                    }
                }
            }
        }
        if let Some(l) = label {
            match l.kind {
                Kind::Hotspot => return Bucket::Hotspot,
                Kind::NotData => return Bucket::NotData,
                Kind::AddOn => return Bucket::AddOn,
                // A table column headed by the bucket's name (`Data (MB)`): its cells are
                // that bucket's, whatever the columns beside it hold.
                Kind::Data if l.scope.is_some() && self.table_cell_of(l.node).is_some() => {
                    return Bucket::Main
                }
                _ => {}
            }
            if l.scope.is_none() {
                if let Some(row) = self.model.rows.get(l.row as usize) {
                    let own = match own_bucket(&self.model, row) {
                        Bucket::Main if names_data_in_passing(row) => {
                            buckets.get(l.row as usize).copied().unwrap_or(Bucket::Main)
                        }
                        own => own,
                    };
                    if own != Bucket::Unknown {
                        return own;
                    }
                }
            }
        }
        // In a list run into one row (`Unlimited minutes · Unlimited texts · 3.9GB left of
        // 12GB`), talk or text names only its own item.
        let mut other_item = false;
        if let Some(row) = self.model.rows.get(v.row as usize) {
            let own = own_bucket(&self.model, row);
            other_item = own == Bucket::NotData && {
                let text = &row.text;
                let from = text
                    .get(..v.start)
                    .and_then(|t| parse::text::rfind_any(t, LIST_SEPARATORS));
                let to = text
                    .get(v.end..)
                    .and_then(|t| parse::text::find_any(t, LIST_SEPARATORS))
                    .map(|i| v.end + i);
                (from.is_some() || to.is_some())
                    && !row.hits.iter().any(|h| {
                        h.kind == Kind::NotData
                            && from.is_none_or(|f| h.start > f)
                            && to.is_none_or(|t| h.end <= t)
                    })
            };
            // A pack whose name holds a data word in an add-on's box (`5GB Data Card — 5
            // GB available` under `Data Add-Ons`): the rows' buckets found the add-on.
            if own == Bucket::Main && buckets.get(v.row as usize) == Some(&Bucket::AddOn) {
                return Bucket::AddOn;
            }
            if own != Bucket::Unknown && !other_item {
                return own;
            }
        }
        let boxed = self.box_caption_bucket(v);
        if boxed != Bucket::Unknown {
            return boxed;
        }
        let anc = self.ancestor_bucket(v.node);
        if anc != Bucket::Unknown || other_item {
            return anc;
        }
        match buckets.get(v.row as usize).copied() {
            Some(Bucket::Unknown | Bucket::Main) | None if self.beside_a_named_data_row(v.node) => {
                Bucket::AddOn
            }
            b => b.unwrap_or(Bucket::Unknown),
        }
    }

    /// The bucket a caption after figure `v` names inside the figure's own box: the
    /// smallest element around it that holds nothing before it (`<div>0 B used of 10
    /// GB<div>Mobile hotspot</div></div>`; buckets side by side as boxes, each its figure,
    /// its role caption, then its name: `3.1 GB` | `used of 15 GB` | `Hotspot`).
    fn box_caption_bucket(&self, v: &Val) -> Bucket {
        let model = &self.model;
        let nodes = &model.page.nodes;
        if v.start > 0 {
            return Bucket::Unknown;
        }
        let above = v
            .row
            .checked_sub(1)
            .and_then(|p| model.rows.get(p as usize))
            .and_then(|r| r.segs.last())
            .map(|s| s.node);
        let mut cur = nodes.get(v.node as usize).and_then(|n| n.parent);
        for _ in 0..3 {
            let Some(p) = cur else { break };
            if above.is_some_and(|a| model.contains(p, a)) {
                break;
            }
            for r in v.row as usize + 1..v.row as usize + 3 {
                let Some(row) = model
                    .rows
                    .get(r)
                    .filter(|r| model.contains(p, r.first_node()))
                else {
                    break;
                };
                if width(&row.text) > 40 {
                    break;
                }
                // (A caption is words: `Hotspot: 12.4 GB of 50 GB used` after `Unlimited`
                // is the next bucket's figure; a speed, `Unlimited hotspot · 5 Mbps`, is no
                // figure of data.)
                let own = own_bucket(model, row);
                if matches!(own, Bucket::Main | Bucket::Hotspot | Bucket::NotData) {
                    if row.text.bytes().any(|b| b.is_ascii_digit())
                        && parse::find_data(&row.text)
                            .iter()
                            .any(|f| !f.value.unlimited)
                    {
                        break;
                    }
                    return own;
                }
            }
            // A box holding rows after the figure is its own: no caption there, none
            // higher up (`14.8 GB` | `used this cycle` in one box, `Hotspot` | `2.4 GB of 5
            // GB` in the next: the next bucket's heading).
            if model
                .rows
                .get(v.row as usize + 1)
                .is_some_and(|r| model.contains(p, r.first_node()))
            {
                break;
            }
            cur = nodes.get(p as usize).and_then(|n| n.parent);
        }
        Bucket::Unknown
    }

    /// Node `node` stands in a table row whose first cell is a bare name, no label (whatever
    /// the table's heading says) while another row of the table names the data (`Geburtstagsbonus 3 GB` above `Datenvolumen
    /// Inland`): an allowance of its own, not the line's data. (One line's page only: a
    /// lines table's rows are lines.)
    fn beside_a_named_data_row(&self, node: u32) -> bool {
        let model = &self.model;
        let nodes = &model.page.nodes;
        if self.numbers.len() > 1 {
            return false;
        }
        let Some(tr) = model.table_row_of(node) else {
            return false;
        };
        let head = |tr: u32| {
            model
                .rows
                .get(model.first_row_at(tr))
                .filter(|r| model.contains(tr, r.first_node()))
        };
        // (A bare name: not a label, `Verbraucht` | `2 GB` in a key / value table.)
        if head(tr).is_none_or(|r| !r.hits.is_empty()) {
            return false;
        }
        let Some(body) = nodes.get(tr as usize).and_then(|n| n.parent) else {
            return false;
        };
        let known = self.named_data_rows.try_borrow().ok().and_then(|cache| {
            cache
                .iter()
                .find(|&&(b, _)| b == body)
                .map(|&(_, named)| named)
        });
        let named = known.unwrap_or_else(|| {
            let end = model.end.get(body as usize).copied().unwrap_or(body);
            let mut named = (body + 1..end).filter(|&i| {
                nodes
                    .get(i as usize)
                    .is_some_and(|n| n.tag == "tr" && n.parent == Some(body))
                    && head(i).is_some_and(|r| {
                        own_bucket(model, r) == Bucket::Main && !names_data_in_passing(r)
                    })
            });
            let named = [named.next(), named.next()];
            if let Ok(mut cache) = self.named_data_rows.try_borrow_mut() {
                cache.push((body, named));
            }
            named
        });
        // (Two are enough to tell whether one is another row than `tr`.)
        named.iter().flatten().any(|&i| i != tr)
    }

    /// The text value `v` was read from.
    fn val_text(&self, v: &Val) -> &str {
        self.model
            .rows
            .get(v.row as usize)
            .and_then(|r| r.text.get(v.start..v.end))
            .unwrap_or("")
    }

    /// The text of date `v` holds a year (four digits in a row).
    fn written_with_year(&self, v: &Val) -> bool {
        let mut run = 0;
        self.val_text(v).chars().any(|c| {
            run = if c.is_ascii_digit() { run + 1 } else { 0 };
            run == 4
        })
    }

    /// The row of date `v` names a line's expiry right before it, nothing but words
    /// between (`門號即將到期：請於 2026/12/03`, `号码即将到期，请于 … 前充值`).
    fn line_expiry_before(&self, v: &Val) -> bool {
        let Some(row) = self.model.rows.get(v.row as usize) else {
            return false;
        };
        let mut before = row.hits.iter().filter(|h| h.end <= v.start);
        before.clone().any(|h| h.kind == Kind::Line)
            && before
                .rfind(|h| h.kind == Kind::RenewalDate)
                .is_some_and(|h| {
                    row.hits
                        .iter()
                        .any(|l| l.kind == Kind::Line && l.end <= h.start)
                        && row.text.get(h.end..v.start).is_some_and(|g| {
                            g.len() <= 24 && !g.bytes().any(|b| b.is_ascii_digit())
                        })
                })
    }

    /// Value `v` stands in an add-on's rows (`Data Booster 2GB` | `expires 17 Dec`).
    fn in_add_on(&self, v: &Val, buckets: &[Bucket]) -> bool {
        self.model
            .rows
            .get(v.row as usize)
            .is_some_and(|r| own_bucket(&self.model, r) == Bucket::AddOn)
            || buckets.get(v.row as usize) == Some(&Bucket::AddOn)
    }

    /// The row says when a bill or statement is issued, not when it is paid.
    fn states_issue_day(&self, row: u32) -> bool {
        self.model.rows.get(row as usize).is_some_and(|r| {
            parse::text::split_byte("issued|will be available|generated|statement date|statement closes|bill closes|出账|出帳|se emite|fecha de corte|erstellt am", b'|')
                .any(|w| parse::text::contains(&r.lower, w))
        })
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

    /// The role a small caption right under a figure gives it: `0.64 GB` over `used of 2
    /// GB`, `750 MB / 2 GB` over `used · resets Dec 1` (0 left, 1 used). The figure is its
    /// row's only text and the caption's row starts with the role word, a few nodes on.
    fn caption_below(&self, v: &Val) -> Option<usize> {
        match self.caption_below_kind(v)? {
            Kind::DataRemaining => Some(0),
            Kind::DataUsed => Some(1),
            _ => None,
        }
    }

    /// The role a role word in an element of its own right after the figure gives it,
    /// when that word labels no figure after it: `本地數據` | `3.2GB` | `剩餘` | `總量 10GB`
    /// (0 left, 1 used). (`3 GB` | `Remaining` | `2 GB` is the next figure's label.)
    fn caption_after(&self, v: &Val) -> Option<usize> {
        let row = self.model.rows.get(v.row as usize)?;
        let mut after = row.hits.iter().filter(|h| h.start >= v.end);
        let h = after.next()?;
        let role = match h.kind {
            Kind::DataRemaining => 0,
            Kind::DataUsed => 1,
            _ => return None,
        };
        let own_element = row.segs.iter().any(|s| {
            s.start <= h.start
                && row.text.get(s.start..h.start).is_some_and(label_gap)
                && row.text.get(h.end..s.end).is_some_and(label_gap)
        });
        if !own_element || !row.text.get(v.end..h.start).is_some_and(label_gap) {
            return None;
        }
        // Nothing after it, or straight another role word with its own figure.
        let rest_from = match after.next() {
            Some(x)
                if matches!(
                    x.kind,
                    Kind::DataRemaining | Kind::DataUsed | Kind::DataTotal
                ) =>
            {
                x.start
            }
            _ => row.text.len(),
        };
        row.text
            .get(h.end..rest_from)
            .is_some_and(label_gap)
            .then_some(role)
    }

    /// The role a sentence gives its figure after the bucket's name: `12.3 GB of
    /// high-speed data remaining`, `18 GB of data used`, `3 GB de datos restantes`.
    fn role_after_of(&self, v: &Val) -> Option<usize> {
        let row = self.model.rows.get(v.row as usize)?;
        let h = row.hits.iter().find(|h| h.start >= v.end)?;
        let role = match h.kind {
            Kind::DataRemaining if h.names_data => 0,
            Kind::DataUsed if h.names_data => 1,
            _ => return None,
        };
        let gap = row.lower.get(v.end..h.start)?.trim();
        parse::text::split_byte(
            "of|of your|of the|of your high-speed|de|de tus|de sus|von",
            b'|',
        )
        .any(|w| w == gap)
        .then_some(role)
    }

    /// The kind of the caption right below the value `v`, a row of its own (`1.7 GB` |
    /// `Remaining Data`, `Unlimited` | `Talk & Text`).
    fn caption_below_kind(&self, v: &Val) -> Option<Kind> {
        let row = self.model.rows.get(v.row as usize)?;
        if v.start > 0 || row.text.len() > v.end + 1 || row.segs.len() > 3 {
            return None;
        }
        let next = self.model.rows.get(v.row as usize + 1)?;
        let last = row.segs.last()?.node;
        // At most two elements between them; a translation's `<font>` wrappers do not count.
        let first = next.first_node();
        let nodes = &self.model.page.nodes;
        let between = (last.saturating_add(1)..first)
            .take(12)
            .filter(|&i| nodes.get(i as usize).is_none_or(|n| n.tag != "font"))
            .count();
        if first <= last || first - last > 12 || between > 2 || width(&next.text) > 40 {
            return None;
        }
        next.hits.first().filter(|h| h.start == 0).map(|h| h.kind)
    }

    /// Legends: short rows without figures that say which role the bare amounts near
    /// them have (`Remaining amounts shown`, `Showing data used`), with that role (0 left,
    /// 1 used). Most pages have none.
    fn legends(&self) -> Vec<(u32, usize)> {
        const LEGEND: &str = "shown showing displayed amounts figures";
        let mut out = Vec::new();
        for row in &self.model.rows {
            if width(&row.text) > 40
                || row.text.bytes().any(|b| b.is_ascii_digit())
                || !crate::parse::text::split_where(&row.lower, |c| !is_alnum(c))
                    .any(|w| names::in_list(LEGEND, w))
            {
                continue;
            }
            let says = |k: Kind| row.hits.iter().any(|h| h.kind == k);
            match (says(Kind::DataRemaining), says(Kind::DataUsed)) {
                (true, false) => out.push((row.first_node(), 0)),
                (false, true) => out.push((row.first_node(), 1)),
                _ => {}
            }
        }
        out
    }

    /// The role a legend in the value's card (up to four levels up) gives it.
    fn legend_role(&self, v: &Val, legends: &[(u32, usize)]) -> Option<usize> {
        if legends.is_empty() {
            return None;
        }
        let nodes = &self.model.page.nodes;
        let mut cur = nodes.get(v.node as usize)?.parent;
        for _ in 0..4 {
            let card = cur?;
            cur = nodes.get(card as usize)?.parent;
            let end = self.model.end.get(card as usize).copied().unwrap_or(card);
            if let Some(&(_, role)) = legends.iter().find(|(n, _)| *n >= card && *n < end) {
                return Some(role);
            }
        }
        None
    }

    /// The role of a bare amount from the words just before it: `of 5 GB`, `/ 20GB`,
    /// `共 20GB` are totals.
    fn role_from_context(&self, v: &Val) -> Option<usize> {
        let row = self.model.rows.get(v.row as usize)?;
        let before = row.lower.get(..v.start)?.trim_end();
        const TOTAL: &str = "of|out of|of your|of the|/|von|de|sur|su|di|z|共|总|總|de un total de";
        // `13’277 MB` | `verbraucht von` | `20’480 MB` laid out as blocks: the row above,
        // a caption without figures, ends with the `of`.
        let before = match before {
            "" => v
                .row
                .checked_sub(1)
                .and_then(|p| self.model.rows.get(p as usize))
                .map(|p| p.lower.trim_end())
                .filter(|t| t.len() <= 40 && !t.bytes().any(|b| b.is_ascii_digit()))
                .unwrap_or(""),
            b => b,
        };
        if parse::text::split_byte(TOTAL, b'|').any(|w| {
            before.as_bytes().ends_with(w.as_bytes())
                && (!w.chars().all(|c| c.is_ascii_alphabetic())
                    || before
                        .get(..before.len() - w.len())
                        .and_then(|s| s.chars().next_back())
                        .is_none_or(|c| !is_alnum(c)))
        }) {
            return Some(2);
        }
        None
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
        // A sign-in form (a password field, a sign-in URL) with no account values is a
        // sign-in page, whatever notice it carries (`Scheduled maintenance Sunday 2-4 AM`).
        let sign_in_form = values == 0 && (model.password || self.sign_in_url);
        // A notice on a page that still shows several values is not a maintenance page.
        if (maintenance && values < 3 && !sign_in_form)
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
            crate::parse::text::char_count(&r.text) <= 40
                && r.hits.iter().any(|h| h.kind == Kind::LoggedOut)
        });
        if model.password || self.sign_in_url || title_sign_in || sign_in_rows {
            return Status::LoggedOut;
        }
        Status::NoData
    }
}

/// The bucket a row names. An add-on's word names one outside links and buttons only
/// (`Top up` beside a balance is a way to pay, not a bucket), not in an aside (`12 GB
/// this cycle (10 GB plan + 2 GB top-up)` is the line's bucket), nor in a sentence
/// (`Spend it on add-ons any time.`), nor in a row that is one aside (the same aside laid
/// out as a block of its own: `NT$ 749` | `（含月租費 599 元、加購 5GB 上網量 150 元）`).
fn own_bucket(model: &Model, row: &model::Row) -> Bucket {
    let own = own_bucket_words(model, row);
    // A menu's entry (`Add-ons` in a side menu of plain items) names a page: no bucket.
    if own != Bucket::Unknown && row.segs.len() == 1 && model.in_menu_list(row.first_node()) {
        return Bucket::Unknown;
    }
    own
}

fn own_bucket_words(model: &Model, row: &model::Row) -> Bucket {
    let text = row.text.trim();
    // (`… 1 GB disponible vence 12 dic.`: the period of a month's abbreviation ends no
    // sentence.)
    let sentence = ends_with_any(text, ".!?。！？") && !ends_with_short_month(text);
    let aside = starts_with_any(text, "(（") && ends_with_any(text, ")）");
    if !sentence
        && !aside
        && row.hits.iter().any(|h| {
            h.kind == Kind::AddOn
                && !in_aside(&row.text, h.start)
                && !model
                    .action
                    .get(row.node_at(h.start) as usize)
                    .copied()
                    .unwrap_or(false)
        })
    {
        return Bucket::AddOn;
    }
    // Not a hotspot that says it draws on the plan's data (`Hotspot uses your plan data`).
    let names_data = row.hits.iter().any(|h| h.names_data);
    if row.hits.iter().any(|h| {
        h.kind == Kind::Hotspot && !row.hits.iter().any(|d| d.names_data && d.start > h.end)
    }) {
        return Bucket::Hotspot;
    }
    if names_data {
        return Bucket::Main;
    }
    // Not a talk or text word inside the plan's name (`Plan: Talk Saver`, `on the Talk
    // Saver plan`): the plan's figures follow it.
    if row
        .hits
        .iter()
        .any(|h| h.kind == Kind::NotData && !in_plan_name(row, h))
    {
        return Bucket::NotData;
    }
    Bucket::Unknown
}

/// Hit `h` is a word of the plan's name a `Plan` word in its row leads or ends (`Plan: Talk
/// Saver`, `Talk Saver plan`).
fn in_plan_name(row: &model::Row, h: &matcher::Hit) -> bool {
    row.hits.iter().any(|p| {
        p.kind == Kind::Plan
            && if p.end <= h.start {
                row.text.get(p.end..h.start).is_some_and(label_gap)
            } else {
                h.end <= p.start
                    && row.text.get(h.end..p.start).is_some_and(|g| {
                        g.len() <= 16 && g.chars().all(|c| c == ' ' || parse::text::is_alpha(c))
                    })
            }
    })
}

/// The text before a date says when the page's figures were read (`Updated today at
/// 8:12`, `Actualizado hoy`, `Usage as of Nov 28`, `Stand: 28.11.`): a stamp, no bill date.
fn names_a_stamp(before: &str) -> bool {
    let before = parse::text::trim_end_where(before, |c| c == ' ' || c == ':' || c == ',');
    parse::text::split_byte(STAMP_WORDS, b'|').any(|w| {
        before.as_bytes().ends_with(w.as_bytes())
            && before
                .get(..before.len() - w.len())
                .and_then(|b| b.chars().next_back())
                .is_none_or(|c| !parse::text::is_alnum(c))
    })
}

/// Words that say when figures were read, right before the date (see `names_a_stamp`).
/// The words before an offer's price (`for $25`, `a 2,99 €`, `für 3 €`).
const SOLD_FOR: &str = "for at per a à por para für pour";

const STAMP_WORDS: &str = "updated|updated on|last updated|as of|actualizado|actualizados|actualizada|actualizadas|actualizado el|aktualisiert|aktualisiert am|stand|更新于|更新於|更新时间|更新時間";

/// The text ends with a month's abbreviation and its period (`vence 12 dic.`, `due Dec.`).
fn ends_with_short_month(text: &str) -> bool {
    let Some(body) = text.len().checked_sub(1).and_then(|n| text.get(..n)) else {
        return false;
    };
    let word = parse::text::trim_end_where(body, parse::text::is_alpha);
    let word = body.get(word.len()..).unwrap_or("");
    text.as_bytes().last() == Some(&b'.')
        && (2..=5).contains(&word.len())
        && crate::parse::date::is_month_name(word)
}

/// Characters that separate the items of a list run into one row (`Unlimited minutes ·
/// Unlimited texts · 3.9GB left`).
const LIST_SEPARATORS: &str = "|｜·•";

/// The row names data only inside a role label (`剩余流量`, `Data left`), not as a
/// bucket's own name (`通用流量`, `Data`).
fn names_data_in_passing(row: &model::Row) -> bool {
    row.hits.iter().all(data_in_passing)
}

/// The hit names no data, or names it inside a role label (`Data left`, `剩余流量`).
fn data_in_passing(h: &matcher::Hit) -> bool {
    !h.names_data
        || matches!(
            h.kind,
            Kind::DataRemaining | Kind::DataUsed | Kind::DataTotal
        )
}

/// True when the row names data only in passing or inside a name: each data word after a
/// word of the name (`Travel Data Europa 1 GB`), not as a row's label (`Data: 5 GB`).
fn data_word_in_a_name(row: &model::Row) -> bool {
    row.hits.iter().all(|h| {
        data_in_passing(h)
            || row.text.get(..h.start).is_some_and(|t| {
                // A word and a space before it (names written without spaces, as in
                // Chinese, are not told apart from a label: `套餐内通用流量`).
                t.as_bytes().last() == Some(&b' ')
                    && parse::text::trim_end_where(t, |c| c == ' ')
                        .chars()
                        .next_back()
                        .is_some_and(|c| is_alpha(c) && !parse::text::is_cjk(c))
            })
    })
}

/// True when the row is a short name that holds an unlimited word among words of its own
/// (`Plan Ilimitado Básico`, `Basic Unlimited Plan`; not `Unlimited data`, `Unlimited
/// line`, `Datos ilimitados · sin reducción`): a plan's name, which says the data is
/// unlimited only where the page shows no allowance (`Engine::run`, after the lines).
fn names_with_unlimited(row: &model::Row) -> bool {
    let text = row.text.trim();
    let mut rest = String::new();
    let mut at = 0;
    for h in &row.hits {
        if !matches!(h.kind, Kind::Unlimited | Kind::Plan | Kind::Data) {
            return false;
        }
        rest.push_str(row.text.get(at..h.start).unwrap_or(""));
        at = h.end;
    }
    rest.push_str(row.text.get(at..).unwrap_or(""));
    row.hits.iter().any(|h| h.kind == Kind::Unlimited)
        && crate::parse::text::char_count(text) <= 32
        && !parse::text::has_any(text, LIST_SEPARATORS)
        && rest.split_whitespace().any(|w| w.chars().any(is_alnum))
}

/// Words of a device bought in instalments, in a row of its own (a promotional one:
/// `device balance`, `saldo del equipo`, `financing`).
const DEVICE_WORDS: &str =
    "device equipment equipo gerät handset financ finanz instalment installment 终端 分期";

/// Whether a device word (`DEVICE_WORDS`) ends within `within` bytes before byte `at` of
/// the lower-cased row.
fn device_word_before(lower: &str, at: usize, within: usize) -> bool {
    let before = lower.get(..at).unwrap_or("");
    let from = before.len().saturating_sub(within);
    parse::text::split_byte(DEVICE_WORDS, b' ')
        .any(|w| parse::text::match_starts(before, w).any(|i| i + w.len() > from))
}

/// True when the row is a title of devices' financing and nothing else (`Equipment
/// installment plans`, `Device financing`, `Your devices`): no figure and no label.
fn titles_devices(row: &model::Row) -> bool {
    row.hits.iter().all(|h| h.kind.family() == Family::None)
        && !row.text.bytes().any(|b| b.is_ascii_digit())
        && parse::text::split_byte(DEVICE_WORDS, b' ').any(|w| parse::text::contains(&row.lower, w))
}

/// True when the row holds a `Plan` label, or a renewal label that names the plan
/// (`Plan renews`, `Plan expires`, `套餐到期`, `Tarif gültig bis`).
fn names_the_plan(row: &model::Row) -> bool {
    label_names_the_plan(row, usize::MAX)
}

/// True when the label at `start` names the plan: the row names it (`names_the_plan`) in
/// no earlier item than the label's (`套餐到期`, `Plan expires`; not the pack's name in
/// `Paquete 2 GB · quedan 1.9 GB · vence el 10 de dic.`, `2 GB pack · 1.9 GB left ·
/// expires Dec 10`).
fn label_names_the_plan(row: &model::Row, start: usize) -> bool {
    // (A plan word before the label with figures between: the pack's name.)
    let far = |h: &matcher::Hit| {
        h.end <= start
            && row
                .text
                .get(h.end..start)
                .is_some_and(|g| g.bytes().any(|b| b.is_ascii_digit()))
    };
    row.hits.iter().any(|h| {
        (h.kind == Kind::Plan && !far(h))
            || (h.kind == Kind::RenewalDate
                && row.lower.get(h.start..h.end).is_some_and(holds_a_plan_word))
    })
}

/// A label's words hold a word for the plan (`套餐有效期至`, `Plan expires`, `Paket-Ende`),
/// or for the prepaid line's own cycle, its recharge (`Recharge by`, `Top up by`, `Recarga
/// antes del`, `充值`): no add-on is recharged.
fn holds_a_plan_word(lower: &str) -> bool {
    parse::text::split_byte(
        "plan|套餐|方案|計劃|计划|資費|资费|tarif|paket|recharge|top up|top-up|recarga|aufladen|ricarica|充值|增值|儲值",
        b'|',
    )
        .any(|p| parse::text::contains(lower, p))
}

/// True when a count of days or hours stands right before the label at `start..end` or
/// right after it (`27 days left`, `3 days remaining`, `quedan 5 días`, `noch 4 Tage
/// übrig`): the label counts time, not data.
fn counts_time(lower: &str, start: usize, end: usize) -> bool {
    const UNITS: &str =
        "day days hour hours hrs día días dia dias hora horas tag tage stunden jour jours";
    let before = lower.get(..start).unwrap_or("").trim_end();
    let (head, unit) = match parse::text::rfind_any(before, " ") {
        Some(i) => (
            before.get(..i).unwrap_or(""),
            before.get(i + 1..).unwrap_or(""),
        ),
        None => ("", before),
    };
    if names::in_list(UNITS, unit) && head.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    let after = lower.get(end..).unwrap_or("").trim_start();
    let unit = parse::text::trim_start_where(after, |c| c.is_ascii_digit());
    unit.len() < after.len()
        && names::in_list(
            UNITS,
            parse::text::split_where(unit.trim_start(), |c| !is_alpha(c))
                .next()
                .unwrap_or(""),
        )
}

/// True when a threshold word follows a money label closely (`余额低于30元时自动充值`,
/// `when your balance falls below $5`): a condition of a rule, not the amount.
fn names_a_threshold(lower: &str, end: usize) -> bool {
    let rest = lower.get(end..).unwrap_or("");
    const WORDS: &str =
        "低于|低於|少于|少於|不足|below|under |less than|unter |menos de|por debajo";
    starts_within(rest, WORDS, 14)
}

/// The card around a text node (`Engine::mark_catalogue`): its nearest ancestor, at most 4
/// up and of at most 400 nodes, that holds a heading or is a table's row, with the
/// ancestor's end and parent.
fn card_of(model: &Model<'_>, node: u32) -> Option<(u32, u32, Option<u32>)> {
    let nodes = &model.page.nodes;
    let mut cur = nodes.get(node as usize).and_then(|n| n.parent);
    for _ in 0..4 {
        let a = cur?;
        let end = model.end.get(a as usize).copied().unwrap_or(a);
        let parent = nodes.get(a as usize).and_then(|n| n.parent);
        if end.saturating_sub(a) > 400 {
            return None;
        }
        // A table's row is a card of its own (`Connect 5GB | 5 GB | $30/mo`).
        if nodes.get(a as usize).is_some_and(|n| n.tag == "tr")
            || (a + 1..end).any(|i| {
                nodes
                    .get(i as usize)
                    .is_some_and(|n| names::is_heading(&n.tag))
            })
        {
            return Some((a, end, parent));
        }
        cur = parent;
    }
    None
}

/// True when the money label at byte `start` of `lower` follows an amount that a total
/// includes (`Includes $72.40 past due`, `including $5.00 late fee`, `其中欠费`): a part
/// of the figure, not the figure.
fn names_a_part(lower: &str, start: usize) -> bool {
    let before = parse::text::trim_end_where(lower.get(..start).unwrap_or(""), |c| {
        c.is_ascii_digit() || parse::text::has_char(" .,$€£¥", c)
    });
    parse::text::split_where(
        "includes|including|incl|of which|其中|含|davon|incluye",
        |c| c == '|',
    )
    .any(|w| before.ends_with(w))
}

/// True when one of `words` (one string, `|` between them) starts within `max` bytes of
/// the start of `text`.
fn starts_within(text: &str, words: &str, max: usize) -> bool {
    parse::text::split_byte(words, b'|').any(|w| {
        crate::parse::text::find(text, w).is_some_and(|i| i <= max && text.is_char_boundary(i))
    })
}

/// Words after an on-state that put it off to later.
const LATER_WORDS: &str = "下月起生效|次月起生效|下月生效|次月生效|下个月生效|from next month|starting next month|ab nächstem monat|a partir del próximo mes";

/// True when the word after an `on` at byte `end` of `lower` is its object (`on your
/// renewal date`, `on the go`, `on file`, `on Dec 26`, `on 12/26`): a preposition.
fn on_is_preposition(lower: &str, end: usize) -> bool {
    let rest = lower.get(end..).unwrap_or("");
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    let word = crate::parse::text::split_where(next, |c| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    const OBJECTS: &str = "your the a an this that each every my our its their file time or which whichever day days monday tuesday wednesday thursday friday saturday sunday";
    word.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || names::in_list(OBJECTS, word)
        || crate::parse::date::is_month_name(word)
}

/// True when the words right after an amount-due label say the payment is done
/// (`Your payment of $40 was received`, `Payment of $25.00 has been processed`): a
/// confirmation of the past, not an amount to pay.
fn names_a_settled_payment(lower: &str, end: usize) -> bool {
    starts_within(lower.get(end..).unwrap_or(""), SETTLED, 20)
}

/// True when the words right after a balance label say it went to a bill (`Account credit
/// applied −$22.40`, `Wallet balance used: -$10.00`, `Saldo aplicado`): an item of the bill,
/// not what is left.
fn names_a_spent_credit(lower: &str, end: usize) -> bool {
    starts_within(lower.get(end..).unwrap_or(""), SPENT, 2)
}

/// Words that say a credit or balance was spent on a bill.
const SPENT: &str = " applied| used| redeemed| deducted| aplicado| aplicada| utilizado| angerechnet| verrechnet|已抵扣";

/// True when `lower` says a payment is late or a plan ran out (`Past due`, `overdue`,
/// `逾期`, `已欠费`, `Expired`, `已過期`).
pub(super) fn names_a_late_payment(lower: &str) -> bool {
    parse::text::split_byte(
        "overdue|past due|late payment|逾期|欠费|欠費|vencid|atrasad|überfällig|rückstand|en retard|impayé|scadut|zaległ|expired|ran out|abgelaufen|caducad|过期|過期|已到期|停机|停機",
        b'|',
    )
    .any(|w| parse::text::contains(lower, w))
}

/// Words that say a payment is done.
const SETTLED: &str = " received| was paid| has been paid| was processed| has been processed| was successful| was made| was applied| has been applied| was charged| has been charged| is complete| is confirmed|已收到|已到账|已到帳|已成功|支付成功|付款成功| fue recibido| ha sido recibido| fue procesado| ist eingegangen| wurde erhalten";

/// `text` after its first character if that is one of `set`'s (`strip_prefix([..])`
/// with a `char` array, whose searcher the wasm gets once per array length).
fn strip_prefix_any<'t>(text: &'t str, set: &str) -> Option<&'t str> {
    let c = text
        .chars()
        .next()
        .filter(|&c| parse::text::has_char(set, c))?;
    text.get(c.len_utf8()..)
}

/// Whether `text` starts with one of the characters of `set` (see [`strip_prefix_any`]).
fn starts_with_any(text: &str, set: &str) -> bool {
    strip_prefix_any(text, set).is_some()
}

/// Whether `text` ends with one of the characters of `set` (see [`strip_prefix_any`]).
fn ends_with_any(text: &str, set: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| parse::text::has_char(set, c))
}

/// True when byte `pos` of `text` is inside brackets that follow other text: an aside on
/// a value (`£2.00 (taken off your next bill)`) labels nothing.
fn in_aside(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("");
    crate::parse::text::rfind_any(before, "(（").is_some_and(|open| {
        before.get(..open).is_some_and(|t| !t.trim().is_empty())
            && !before
                .get(open..)
                .is_some_and(|t| crate::parse::text::has_any(t, ")）"))
    })
}

#[cfg(test)]
mod tests;

/// The last four digits of the phone numbers found in `text` (for other modules' tests).
#[cfg(test)]
pub(crate) fn phone_finds_for_test(text: &str) -> Vec<String> {
    phone::find_phones(text)
        .into_iter()
        .map(|f| f.last4)
        .collect()
}

/// The profiles that apply on `host`, in priority order: user rules (those without
/// hosts apply everywhere), matching carrier profiles, then the generic profile.
pub(crate) fn active_profiles<'p>(host: &str, rules: &'p [Profile]) -> Vec<&'p Profile> {
    let builtin = profile::builtin();
    let mut active: Vec<&Profile> = Vec::new();
    for p in rules {
        if p.hosts.is_empty() || p.matches_host(host) {
            active.push(p);
        }
    }
    for p in builtin {
        if !p.hosts.is_empty() && p.matches_host(host) {
            active.push(p);
        }
    }
    for p in builtin {
        if p.hosts.is_empty() {
            active.push(p);
        }
    }
    active
}

/// An amount-due label that names what is left to pay of a bill partly paid (`Remaining
/// balance due`, `Amount still due`, `Left to pay`, `Balance after
/// payment`, `Saldo restante a pagar`) outranks the bill's full amount (`Bill amount`,
/// `Statement balance`) beside it: the rest is what is due now.
pub(super) fn remainder_bonus(kind: Kind, lower: &str) -> i32 {
    let remainder = kind == Kind::AmountDue
        && parse::text::split_byte(
            "remaining|still|left to pay|after payment|restante|resta por|queda por|pendiente de pago",
            b'|',
        )
        .any(|w| parse::text::contains(lower, w));
    if remainder {
        6
    } else {
        0
    }
}

/// A renewal label that names a data reset (`Data resets`, `Data refreshes`, `se restablecen`)
/// or how long the data lasts (`3.2 GB left until Dec 14`, `remaining until`, `Your data
/// lasts until`), which yields to the plan's own end (`Plan ends Feb 14, 2027`) on a plan of
/// several months.
fn names_a_reset(lower: &str) -> bool {
    parse::text::split_byte(
        "reset|refresh|restablec|reinicia|zurückgesetzt|重置|清零|重新計|重新计|left until|remaining until|data until|lasts until",
        b'|',
    )
    .any(|w| parse::text::contains(lower, w))
}

/// A renewal label that names the plan's cycle (`Cycle ends`, `Billing cycle ends`, `Tu
/// ciclo termina`, `周期结束`): its end is the plan's renewal, not a bill's due date.
fn names_a_cycle(lower: &str) -> bool {
    parse::text::split_byte("cycle|ciclo|zyklus|周期|週期", b'|')
        .any(|w| parse::text::contains(lower, w))
}

/// Whether `text` may name a date range (`Oct 16 – Nov 15`, `10/16-11/15`, `11月1日至11月30日`):
/// a range mark (`-`, `–`, `—`, `~`, `～`, `至`, ` to `, ` through `) a digit shortly before
/// (in the 4 bytes before it: `1日至`, `30.11. –`). A cheap look before the rows' dates are
/// parsed.
fn may_name_range(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len()).any(|i| {
        let rest = b.get(i..).unwrap_or(&[]);
        let mark = match rest.first() {
            Some(b'-' | b'~') => true,
            Some(0xE2) => rest.starts_with("–".as_bytes()) || rest.starts_with("—".as_bytes()),
            Some(0xEF) => rest.starts_with("～".as_bytes()),
            Some(0xE8) => rest.starts_with("至".as_bytes()),
            Some(b't') => rest.starts_with(b"to ") || rest.starts_with(b"through "),
            _ => false,
        };
        mark && b
            .get(i.saturating_sub(4)..i)
            .is_some_and(|head| head.iter().any(u8::is_ascii_digit))
    })
}

/// True when `gap`, the text between a label and a value, is only spaces and colons
/// (`Amount due:  $5.00`, `应缴：`): nothing else stands between them.
pub(super) fn label_gap(gap: &str) -> bool {
    gap.chars()
        .all(|c| matches!(c, ' ' | ':' | '：' | '\u{a0}' | '\u{3000}'))
}
