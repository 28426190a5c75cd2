//! Finding profile words in text (labels) and in class / id names (hints), in time
//! linear in the text: patterns are indexed by their first two characters.

use crate::parse::text::{has_char, is_alnum, is_alpha, is_lower, is_upper, lower_char, replace};
use crate::profile::{Hints, Labels, Profile};
use std::hash::Hasher;

/// A small fast hasher for the matcher's keys (characters and short words): the
/// default SipHash costs more than the rest of label matching.
#[derive(Default)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // (Eight bytes a step: the hint memo's keys are class names and ids.)
        let mut at = 0;
        while at < bytes.len() {
            self.write_u64(eight_bytes(bytes, at));
            at += 8;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

pub type FastMap<K, V> = crate::fastmap::FastMap<K, V, FastHasher>;

/// What a profile word means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Data,
    DataRemaining,
    DataUsed,
    DataTotal,
    Unlimited,
    Hotspot,
    NotData,
    /// A bucket bought or given on top of the plan: not the line's data.
    AddOn,
    Balance,
    AmountDue,
    DueDate,
    RenewalDate,
    Autopay,
    AutopayOn,
    AutopayOff,
    On,
    Off,
    Plan,
    Line,
    Nickname,
    Promo,
    Placeholder,
    Maintenance,
    LoggedOut,
    NotPhone,
    /// Hints only: loading skeletons.
    Loading,
    Greeting,
}

/// What a label's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Data,
    Money,
    Date,
    State,
    Text,
    /// Not a value-taking label.
    None,
}

impl Kind {
    pub fn family(self) -> Family {
        match self {
            Kind::Data
            | Kind::DataRemaining
            | Kind::DataUsed
            | Kind::DataTotal
            | Kind::Hotspot
            | Kind::NotData
            | Kind::AddOn => Family::Data,
            Kind::Balance | Kind::AmountDue => Family::Money,
            Kind::DueDate | Kind::RenewalDate => Family::Date,
            Kind::Autopay => Family::State,
            Kind::Plan | Kind::Nickname => Family::Text,
            _ => Family::None,
        }
    }

    /// The kind named by a profile field name (as in anchors).
    pub fn from_field(name: &str) -> Option<Kind> {
        Some(match name {
            "data" => Kind::Data,
            "data_remaining" => Kind::DataRemaining,
            "data_used" => Kind::DataUsed,
            "data_total" => Kind::DataTotal,
            "hotspot" => Kind::Hotspot,
            "balance" => Kind::Balance,
            "amount_due" => Kind::AmountDue,
            "due_date" => Kind::DueDate,
            "renewal_date" => Kind::RenewalDate,
            "autopay" => Kind::Autopay,
            "plan" => Kind::Plan,
            "nickname" => Kind::Nickname,
            _ => return None,
        })
    }
}

fn label_lists(l: &Labels) -> [(&[String], Kind); 27] {
    [
        (&l.data, Kind::Data),
        (&l.data_remaining, Kind::DataRemaining),
        (&l.data_used, Kind::DataUsed),
        (&l.data_total, Kind::DataTotal),
        (&l.unlimited, Kind::Unlimited),
        (&l.hotspot, Kind::Hotspot),
        (&l.not_data, Kind::NotData),
        (&l.add_on, Kind::AddOn),
        (&l.balance, Kind::Balance),
        (&l.amount_due, Kind::AmountDue),
        (&l.due_date, Kind::DueDate),
        (&l.renewal_date, Kind::RenewalDate),
        (&l.autopay, Kind::Autopay),
        (&l.autopay_on, Kind::AutopayOn),
        (&l.autopay_off, Kind::AutopayOff),
        (&l.on, Kind::On),
        (&l.off, Kind::Off),
        (&l.plan, Kind::Plan),
        (&l.line, Kind::Line),
        (&l.nickname, Kind::Nickname),
        (&l.promo, Kind::Promo),
        (&l.placeholder, Kind::Placeholder),
        (&l.maintenance, Kind::Maintenance),
        (&l.logged_out, Kind::LoggedOut),
        (&l.not_phone, Kind::NotPhone),
        (&l.greeting, Kind::Greeting),
        (&[], Kind::Loading),
    ]
}

fn hint_lists(h: &Hints) -> [(&[String], Kind); 16] {
    [
        (&h.data, Kind::Data),
        (&h.data_remaining, Kind::DataRemaining),
        (&h.data_used, Kind::DataUsed),
        (&h.data_total, Kind::DataTotal),
        (&h.hotspot, Kind::Hotspot),
        (&h.not_data, Kind::NotData),
        (&h.balance, Kind::Balance),
        (&h.amount_due, Kind::AmountDue),
        (&h.due_date, Kind::DueDate),
        (&h.renewal_date, Kind::RenewalDate),
        (&h.autopay, Kind::Autopay),
        (&h.plan, Kind::Plan),
        (&h.line, Kind::Line),
        (&h.nickname, Kind::Nickname),
        (&h.promo, Kind::Promo),
        (&h.loading, Kind::Loading),
    ]
}

/// Lower-cases `text` character by character, keeping every byte offset: a character
/// whose lower case is not a single character of the same length is kept as it is.
pub fn lower_same_len(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let lower = lower_char(c);
        out.push(if lower.len_utf8() == c.len_utf8() {
            lower
        } else {
            c
        });
    }
    out
}

/// A profile word found in a text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// A second meaning of the same words.
    pub also: Option<Kind>,
    /// True when the phrase names the data bucket itself (`Data`, `Data remaining`).
    pub names_data: bool,
    /// Where the phrase counts (a profile word's flag).
    pub place: Place,
}

/// Where a profile word counts, written after it in the profile: `开 [whole element]`
/// (a toggle's one-character state, which starts other words), `paid [ends the row]`
/// (a history entry's status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Anywhere,
    /// As an element's whole text only (the page model keeps such hits alone).
    WholeElement,
    /// At the end of the text only (after it: spaces, `.`, `。`, `)`).
    EndsRow,
}

impl Place {
    /// The word without its flag, and the flag.
    fn of(word: &str) -> (&str, Place) {
        if let Some(w) = word.strip_suffix("[whole element]") {
            (w.trim_end(), Place::WholeElement)
        } else if let Some(w) = word.strip_suffix("[ends the row]") {
            (w.trim_end(), Place::EndsRow)
        } else {
            (word, Place::Anywhere)
        }
    }
}

struct Pattern {
    text: String,
    kind: Kind,
    /// A second meaning (the same phrase under two fields of one profile).
    also: Option<Kind>,
    /// Needs a word boundary before / after (the phrase starts / ends with an ASCII
    /// letter or digit).
    bound_start: bool,
    bound_end: bool,
    names_data: bool,
    place: Place,
}

/// Label matcher over lower-cased text.
/// A pattern in the matcher's index: its first eight bytes (zeros after a shorter one) and
/// the mask of those it has, compared with the text's next eight at once before the rest.
#[derive(Debug, Clone, Copy)]
struct Head {
    bytes: u64,
    mask: u64,
    len: u32,
    pattern: u32,
}

/// Up to eight bytes of `bytes` from `at`, little-endian, zeros after its end.
fn eight_bytes(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    let tail = bytes.get(at..).unwrap_or(&[]);
    for (w, &b) in word.iter_mut().zip(tail) {
        *w = b;
    }
    u64::from_le_bytes(word)
}

pub struct Matcher {
    patterns: Vec<Pattern>,
    /// First two characters → the patterns starting with them (one-character patterns
    /// use `'\0'`).
    index: FastMap<(char, char), Vec<Head>>,
    /// For ASCII first characters: bit `b` of `ascii_pairs[a]` is set when some key is
    /// `(a, b)` with `b` ASCII (`'\0'` for one-character patterns). Lets `find` skip
    /// the map where no pattern can start.
    ascii_pairs: [u128; 128],
    /// The same for patterns that need no word boundary before them: inside an ASCII
    /// word only these can match.
    ascii_pairs_inner: [u128; 128],
    /// Bit `c & 255` is set when some key's first character is `c`: most characters
    /// (spaces, figures, the page's other characters) start no pattern.
    firsts: [u64; 4],
    /// Bit `c` is set when a pattern that needs no word boundary before it starts with
    /// the ASCII character `c`: at a position inside an ASCII word (after an ASCII letter
    /// or digit) no other pattern can match, whatever follows.
    inner_firsts: u128,
    /// The carriers' own plan names, lower case (values, never labels: they take no
    /// part in matching).
    pub plan_names: Vec<String>,
}

impl Matcher {
    /// Builds the matcher from profiles in priority order: a phrase already present
    /// keeps the kind its first profile gave it.
    pub fn new(profiles: &[&Profile], extra: &[(String, Kind)]) -> Matcher {
        // Phrase → (pattern, source): a phrase listed again by a later profile keeps its
        // first kind; listed under two fields of one profile it has both (`next bill`:
        // an amount and a date).
        let mut seen: FastMap<String, (usize, usize)> = FastMap::default();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |text: &str, kind: Kind, source: usize| {
            // `geschenk [ends a word]`: also as the last part of a compound
            // (`Adventgeschenk`), where the word has no boundary before it.
            let (text, in_word) = match text.trim().strip_suffix("[ends a word]") {
                Some(w) => (w.trim_end(), true),
                None => (text.trim(), false),
            };
            let (text, place) = Place::of(text);
            let text = lower_same_len(text);
            if text.is_empty() {
                return;
            }
            if let Some(&(pi, src)) = seen.get(&text) {
                if let Some(p) = patterns.get_mut(pi) {
                    if src == source && p.kind != kind && p.also.is_none() {
                        p.also = Some(kind);
                    }
                }
                return;
            }
            seen.insert(text.clone(), (patterns.len(), source));
            let first = text.chars().next().unwrap_or(' ');
            let last = text.chars().next_back().unwrap_or(' ');
            patterns.push(Pattern {
                bound_start: first.is_ascii_alphanumeric() && !in_word,
                bound_end: last.is_ascii_alphanumeric(),
                text,
                kind,
                also: None,
                names_data: false,
                place,
            });
        };
        for (text, kind) in extra {
            add(text, *kind, 0);
        }
        for (i, p) in profiles.iter().enumerate() {
            for (list, kind) in label_lists(&p.labels) {
                for text in list {
                    add(text, kind, i + 1);
                }
            }
        }
        // Role labels that contain a data bucket word (`data remaining`, `剩余流量`)
        // also name the bucket.
        // An unlimited line or plan (`Unlimited line`, `不限量套餐`) has unlimited data.
        let mut data_words: Vec<String> = Vec::new();
        let mut line_words: Vec<String> = Vec::new();
        for p in &patterns {
            if p.kind == Kind::Data {
                data_words.push(p.text.clone());
            } else if matches!(p.kind, Kind::Line | Kind::Plan) {
                line_words.push(p.text.clone());
            }
        }
        for p in &mut patterns {
            p.names_data = match p.kind {
                Kind::Data => true,
                Kind::DataRemaining | Kind::DataUsed | Kind::DataTotal => {
                    data_words.iter().any(|w| contains_word(&p.text, w))
                }
                Kind::Unlimited => data_words
                    .iter()
                    .chain(&line_words)
                    .any(|w| contains_word(&p.text, w)),
                _ => false,
            };
        }
        // A typographic apostrophe (`We’ll charge`) reads as the profiles' ASCII one.
        for i in 0..patterns.len() {
            let Some(p) = patterns.get(i).filter(|p| has_char(&p.text, '\'')) else {
                continue;
            };
            let curly = Pattern {
                text: replace(&p.text, "'", "\u{2019}"),
                ..*p
            };
            patterns.push(curly);
        }
        let mut index: FastMap<(char, char), Vec<Head>> = FastMap::default();
        for (i, p) in patterns.iter().enumerate() {
            let mut chars = p.text.chars();
            let a = chars.next().unwrap_or('\0');
            let b = chars.next().unwrap_or('\0');
            let len = p.text.len().min(8);
            index.entry((a, b)).or_default().push(Head {
                bytes: eight_bytes(p.text.as_bytes(), 0),
                mask: if len == 0 {
                    0
                } else {
                    u64::MAX >> (64 - 8 * len)
                },
                len: u32::try_from(p.text.len()).unwrap_or(u32::MAX),
                pattern: u32::try_from(i).unwrap_or(u32::MAX),
            });
        }
        let mut firsts = [0u64; 4];
        for (&(a, _), _) in &index {
            let a = u32::from(a) & 255;
            if let Some(bits) = firsts.get_mut((a >> 6) as usize) {
                *bits |= 1u64 << (a & 63);
            }
        }
        let mut ascii_pairs = [0u128; 128];
        let mut ascii_pairs_inner = [0u128; 128];
        for (&(a, b), list) in &index {
            if !(a.is_ascii() && b.is_ascii()) {
                continue;
            }
            let bit = 1u128 << (b as u32);
            if let Some(bits) = ascii_pairs.get_mut(a as usize) {
                *bits |= bit;
            }
            let inner = list.iter().any(|h| {
                patterns
                    .get(h.pattern as usize)
                    .is_some_and(|p: &Pattern| !p.bound_start)
            });
            if let Some(bits) = ascii_pairs_inner.get_mut(a as usize).filter(|_| inner) {
                *bits |= bit;
            }
        }
        let mut inner_firsts = 0u128;
        for p in patterns.iter().filter(|p| !p.bound_start) {
            if let Some(&b) = p.text.as_bytes().first().filter(|b| b.is_ascii()) {
                inner_firsts |= 1u128 << b;
            }
        }
        let mut plan_names: Vec<String> = Vec::new();
        for p in profiles {
            for name in &p.labels.plan_names {
                let name = lower_same_len(name.trim());
                if !name.is_empty() && !plan_names.contains(&name) {
                    plan_names.push(name);
                }
            }
        }
        Matcher {
            patterns,
            index,
            ascii_pairs,
            ascii_pairs_inner,
            firsts,
            inner_firsts,
            plan_names,
        }
    }

    /// False only when no pattern that may match here has the key `(a, b)` (both
    /// ASCII); `inner`: the position follows an ASCII letter or digit.
    #[inline]
    fn may_have(&self, a: char, b: char, inner: bool) -> bool {
        if !(a.is_ascii() && b.is_ascii()) {
            return true;
        }
        let table = if inner {
            &self.ascii_pairs_inner
        } else {
            &self.ascii_pairs
        };
        table
            .get(a as usize)
            .is_some_and(|bits| bits & (1u128 << (b as u32)) != 0)
    }

    /// Every non-overlapping profile word in `lower` (already lower-cased), longest
    /// first where two overlap, in text order.
    pub fn find(&self, lower: &str) -> Vec<Hit> {
        let mut raw: Vec<Hit> = Vec::new();
        let mut prev: Option<char> = None;
        let bytes = lower.as_bytes();
        // (Bytes, not `char_indices`: most characters are ASCII and start no pattern.)
        let char_at = |i: usize| match bytes.get(i) {
            Some(&b) if b < 128 => Some(char::from(b)),
            Some(_) => lower.get(i..).and_then(|r| r.chars().next()),
            None => None,
        };
        let mut at = 0;
        while let Some(c) = char_at(at) {
            let pos = at;
            at += c.len_utf8();
            let first = u32::from(c) & 255;
            let starts = self
                .firsts
                .get((first >> 6) as usize)
                .is_some_and(|bits| bits & (1u64 << (first & 63)) != 0);
            let inner = prev.is_some_and(|p| p.is_ascii_alphanumeric());
            // (Inside an ASCII word, only a pattern without a word bound before it.)
            if !starts || (inner && c.is_ascii() && self.inner_firsts & (1u128 << first) == 0) {
                prev = Some(c);
                continue;
            }
            let next = char_at(at).unwrap_or('\0');
            // Looked up only when a pattern needs it: `is_alnum` searches a table outside
            // ASCII.
            let boundary_before = || prev.is_none_or(|p| !is_alnum(p));
            let keys = [(c, next), (c, '\0')];
            let keys = if next == '\0' {
                keys.get(1..).unwrap_or(&[])
            } else {
                &keys
            };
            for key in keys {
                if !self.may_have(key.0, key.1, inner) {
                    continue;
                }
                let Some(list) = self.index.get(key) else {
                    continue;
                };
                let ahead = eight_bytes(bytes, pos);
                for head in list {
                    // (The first eight bytes at once, the rest only when they match.)
                    if ahead & head.mask != head.bytes || pos + head.len as usize > bytes.len() {
                        continue;
                    }
                    let Some(p) = self.patterns.get(head.pattern as usize) else {
                        continue;
                    };
                    let want = p.text.as_bytes();
                    if want.len() > 8 && bytes.get(pos..pos + want.len()) != Some(want) {
                        continue;
                    }
                    if p.bound_start && !boundary_before() {
                        continue;
                    }
                    let end = pos + p.text.len();
                    if p.bound_end
                        && lower
                            .get(end..)
                            .and_then(|r| r.chars().next())
                            .is_some_and(is_alnum)
                    {
                        continue;
                    }
                    if p.place == Place::EndsRow
                        && !lower.get(end..).is_some_and(|r| {
                            r.chars().all(|c| {
                                c.is_whitespace() || crate::parse::text::has_char(".。)）", c)
                            })
                        })
                    {
                        continue;
                    }
                    raw.push(Hit {
                        start: pos,
                        end,
                        kind: p.kind,
                        also: p.also,
                        names_data: p.names_data,
                        place: p.place,
                    });
                }
            }
            prev = Some(c);
        }
        resolve_overlaps(raw)
    }
}

fn contains_word(text: &str, word: &str) -> bool {
    crate::parse::text::match_starts(text, word).any(|i| {
        let before = text.get(..i).and_then(|s| s.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|s| s.chars().next());
        let ascii = word.is_ascii();
        !ascii || (before.is_none_or(|c| !is_alnum(c)) && after.is_none_or(|c| !is_alnum(c)))
    })
}

/// Keeps the longest of overlapping hits (earliest on ties), in text order.
fn resolve_overlaps(mut raw: Vec<Hit>) -> Vec<Hit> {
    // (Found in text order: when none overlaps the next, all are kept as they are, most
    // rows' case.)
    if raw.windows(2).all(|w| w[0].end <= w[1].start) {
        return raw;
    }
    // A few (a row's `high-speed data`, `high-speed`, `data`): picked longest first without
    // the index sort's allocations; the kept ones overlap none, so their text order is the
    // order they were found in.
    if raw.len() <= 16 {
        let len = |h: &Hit| h.end - h.start;
        let mut state = [0u8; 16]; // 0 waiting, 1 kept, 2 left out
        loop {
            let mut best: Option<usize> = None;
            for (i, h) in raw.iter().enumerate() {
                if state.get(i) != Some(&0) {
                    continue;
                }
                let better = best
                    .and_then(|b| raw.get(b))
                    .is_none_or(|b| len(h) > len(b) || (len(h) == len(b) && h.start < b.start));
                if better {
                    best = Some(i);
                }
            }
            let Some((b, h)) = best.and_then(|b| raw.get(b).map(|h| (b, h))) else {
                break;
            };
            let free = raw
                .iter()
                .zip(state)
                .all(|(k, s)| s != 1 || h.end <= k.start || h.start >= k.end);
            if let Some(slot) = state.get_mut(b) {
                *slot = if free { 1 } else { 2 };
            }
        }
        let mut kept = Vec::new();
        for (h, s) in raw.into_iter().zip(state) {
            if s == 1 {
                kept.push(h);
            }
        }
        return kept;
    }
    crate::sort::sort_by(&mut raw, |a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Hit> = Vec::with_capacity(raw.len());
    for h in raw {
        if kept.iter().all(|k| h.end <= k.start || h.start >= k.end) {
            kept.push(h);
        }
    }
    crate::sort::sort_by_key(&mut kept, |h| h.start);
    kept
}

/// Splits a class / id / test id into lower-case words: `dueDate`, `due-date`,
/// `due_date` and `DueDate2` all give `due`, `date`. Letters right after a digit are a
/// build tool's hash (`fee_3ad`, `card-9bf2`), not a word: `fee_3ad` gives `fee` only.
pub fn hint_words(value: &str, out: &mut Vec<String>) {
    let mut word = String::new();
    let mut prev_lower = false;
    let mut prev_digit = false;
    let mut hashed = false;
    let mut push = |word: &mut String, hashed: bool| {
        if !word.is_empty() {
            let w = std::mem::take(word);
            if !hashed {
                out.push(w);
            }
        }
    };
    for c in value.chars() {
        if is_alpha(c) {
            if is_upper(c) && prev_lower && !word.is_empty() {
                push(&mut word, hashed);
                hashed = false;
            }
            if word.is_empty() {
                hashed = prev_digit;
            }
            prev_lower = is_lower(c);
            prev_digit = false;
            word.push(lower_char(c));
        } else {
            push(&mut word, hashed);
            prev_lower = false;
            prev_digit = c.is_ascii_digit();
        }
    }
    push(&mut word, hashed);
}

/// Hint phrases (as word lists) for class / id words.
pub struct HintMatcher {
    /// First word → (words, kind).
    index: FastMap<String, Vec<(Vec<String>, Kind)>>,
}

impl HintMatcher {
    pub fn new(profiles: &[&Profile], extra: &[(String, Kind)]) -> HintMatcher {
        let mut index: FastMap<String, Vec<(Vec<String>, Kind)>> = FastMap::default();
        let mut add = |text: &str, kind: Kind| {
            let mut words: Vec<String> = Vec::new();
            for w in text.split_whitespace() {
                words.push(lower_same_len(w));
            }
            if let Some(first) = words.first() {
                let list = index.entry(first.clone()).or_default();
                if !list.iter().any(|(w, _)| *w == words) {
                    list.push((words, kind));
                }
            }
        };
        for (text, kind) in extra {
            add(text, *kind);
        }
        for p in profiles {
            for (list, kind) in hint_lists(&p.hints) {
                for text in list {
                    add(text, kind);
                }
            }
        }
        HintMatcher { index }
    }

    /// All hint kinds in a word list, each with the index of its last word, longest
    /// phrase first at each position.
    pub fn find(&self, words: &[String]) -> Vec<(usize, Kind)> {
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let Some(list) = self.index.get(w) else {
                continue;
            };
            let mut best: Option<(usize, Kind)> = None;
            for (phrase, kind) in list {
                let n = phrase.len();
                if words.get(i..i + n).is_some_and(|s| s == phrase.as_slice())
                    && best.is_none_or(|(len, _)| n > len)
                {
                    best = Some((n, *kind));
                }
            }
            if let Some((n, kind)) = best {
                out.push((i + n - 1, kind));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Hits as `find` makes them (in text order) resolve as the longest first (the
        /// earliest, then the first found, on ties), kept in text order.
        #[test]
        fn overlaps_resolve_longest_first(spans in prop::collection::vec((0usize..6, 1usize..8), 0..24)) {
            let mut at = 0;
            let raw: Vec<Hit> = spans
                .iter()
                .enumerate()
                .map(|(i, &(step, len))| {
                    at += step;
                    Hit {
                        start: at,
                        end: at + len,
                        kind: if i % 2 == 0 { Kind::Data } else { Kind::Balance },
                        also: None,
                        names_data: false,
                        place: Place::Anywhere,
                    }
                })
                .collect();
            let mut sorted = raw.clone();
            sorted.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
            let mut kept: Vec<Hit> = Vec::new();
            for h in sorted {
                if kept.iter().all(|k| h.end <= k.start || h.start >= k.end) {
                    kept.push(h);
                }
            }
            kept.sort_by_key(|h| h.start);
            prop_assert_eq!(resolve_overlaps(raw), kept);
        }
    }

    fn profile(labels: &str) -> Profile {
        Profile::from_json(&format!(r#"{{"id":"t","labels":{labels}}}"#)).unwrap()
    }

    #[test]
    fn longest_match_and_word_bounds() {
        let p = profile(
            r#"{"balance":["balance"],"amount_due":["balance due"],"due_date":["due"],"data_remaining":["剩余"]}"#,
        );
        let m = Matcher::new(&[&p], &[]);
        let hits = m.find("balance due: $5 residue 剩余12g");
        let kinds: Vec<Kind> = hits.iter().map(|h| h.kind).collect();
        assert_eq!(kinds, vec![Kind::AmountDue, Kind::DataRemaining]);
        assert_eq!(&"balance due"[hits[0].start..hits[0].end], "balance due");
    }

    #[test]
    fn a_words_flag_says_where_it_counts() {
        let p = profile(r#"{"on":["开 [whole element]"],"promo":["paid [ends the row]"]}"#);
        let m = Matcher::new(&[&p], &[]);
        let hits = m.find("nov 4 $34.00 paid.");
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].kind, hits[0].place), (Kind::Promo, Place::EndsRow));
        assert!(m.find("paid on nov 4").is_empty());
        let hits = m.find("开");
        assert_eq!(
            (hits[0].kind, hits[0].place),
            (Kind::On, Place::WholeElement)
        );
        // The flag is not part of the word.
        assert!(m.find("[whole element]").is_empty());
    }

    #[test]
    fn a_word_that_ends_a_compound_matches_inside_one() {
        let p = profile(r#"{"add_on":["geschenk [ends a word]"],"promo":["bonus"]}"#);
        let m = Matcher::new(&[&p], &[]);
        let hits = m.find("adventgeschenk 3 gb");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            (hits[0].start, hits[0].end, hits[0].kind),
            (6, 14, Kind::AddOn)
        );
        assert_eq!(m.find("ihr geschenk").len(), 1);
        // Still a whole word at its end, and a word without the flag needs both bounds.
        assert!(m.find("geschenkt").is_empty());
        assert!(m.find("treuebonus").is_empty());
        assert!(m.find("[ends a word]").is_empty());
    }

    #[test]
    fn patterns_are_told_apart_past_their_first_eight_bytes() {
        let p = profile(
            r#"{"balance":["account balance"],"amount_due":["account balances due"],"due_date":["accou"]}"#,
        );
        let m = Matcher::new(&[&p], &[]);
        let kinds = |t: &str| m.find(t).iter().map(|h| h.kind).collect::<Vec<Kind>>();
        assert_eq!(kinds("account balance: $5"), vec![Kind::Balance]);
        assert_eq!(kinds("account balances due $5"), vec![Kind::AmountDue]);
        assert_eq!(kinds("account balancex"), Vec::<Kind>::new());
        // A text that ends inside a pattern's first eight bytes.
        assert_eq!(kinds("my accou"), vec![Kind::DueDate]);
        assert_eq!(kinds("my acco"), Vec::<Kind>::new());
    }

    #[test]
    fn lowercase_keeps_offsets() {
        let s = "İstanbul ÄÖ Data";
        assert_eq!(lower_same_len(s).len(), s.len());
        assert!(lower_same_len(s).ends_with("äö data"));
    }

    #[test]
    fn hint_words_split() {
        let mut w = Vec::new();
        hint_words("line-card__planName dueDate2 AUTOPAY", &mut w);
        assert_eq!(
            w,
            vec!["line", "card", "plan", "name", "due", "date", "autopay"]
        );
        // A hash glued to digits is no word (`fee_3ad` is no `ad`), a word after it is.
        let mut hashed = Vec::new();
        hint_words("fee_3ad box-9bfPromo 2ndLine x4", &mut hashed);
        assert_eq!(hashed, vec!["fee", "box", "promo", "line", "x"]);
        let p = Profile::from_json(
            r#"{"id":"t","hints":{"plan":["plan"],"line":["line"],"due_date":["due date"]}}"#,
        )
        .unwrap();
        let h = HintMatcher::new(&[&p], &[]);
        let found = h.find(&w);
        assert_eq!(
            found,
            vec![(0, Kind::Line), (2, Kind::Plan), (5, Kind::DueDate)]
        );
    }
}
