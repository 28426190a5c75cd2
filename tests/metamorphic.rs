//! Metamorphic fixture test: redesigns of the fixture pages must read the same.
//!
//! Every fixture page (`tests/fixtures/**/X.html` with `X.expected.json`) is changed by each
//! transformation below, the way a site's redesign or a front-end framework changes a page
//! without changing what a careful human reads on it, then scanned (`page_from_html` +
//! `extract`, the fixture's url and today) and compared with the fixture's expected
//! snapshot, as `tests/scan.rs` compares the page itself (numbers to 0.01, `sources`
//! ignored). Every transformation is deterministic: names are hashed, choices made by
//! position, no randomness between runs.
//!
//! Three transformations rewrite the HTML text, so they go through the parser:
//! - `markup`: tag and attribute names upper-cased, each tag's attributes in reverse order
//!   (a repeated attribute keeps its first value, as the parser does), single quotes for
//!   values that hold none.
//! - `whitespace`: a line break and indentation between every two tags with nothing between
//!   them, and every space in text a line break and indentation.
//! - `entities`: in text, every other space not between two digits written `&nbsp;`, every
//!   fourth ASCII letter and every third digit as a numeric character reference, and `$`,
//!   `€`, `£`, `¥`, `%`, `/`, `:` as named references.
//!
//! The others change the page snapshot the parser gives (what the engine reads, in the
//! browser too):
//! - `hashed-classes`: every class name and id replaced by a hashed token (`css-q3x0k1v`),
//!   the same name by the same token, so `for`, `aria-controls` and alike cards still match.
//! - `bare-attributes`: also `data-testid` and `name` hashed and `title` dropped: only the
//!   attributes that carry meaning for the browser or assistive technology are left
//!   (`role`, `aria-*`, `type`, `datetime`, `lang`, `autocomplete`; `hidden` and
//!   `aria-hidden` already decided what the parser left out).
//! - `wrapped`: every block container of at least two elements (a card, a row of label and
//!   value, a list) wrapped in a plain `div`, where the parent is a flow container (not a
//!   table, list or ARIA structure part).
//! - `unwrapped`: the opposite: a plain `div` or `span` (no role, no `aria-*`) whose one
//!   child is an element of the same kind of box (block in a block, or in an inline element)
//!   replaced by that child. Its class and id go with it; the visual grouping does not
//!   change.
//! - `promo`: an offer block (`Get 5GB bonus data`, `$10 off`, `Offer ends 12/31`) before
//!   the page's content and a footer with support phone numbers after it.
//! - `promo-after`: the same offer block after the page's content.
//! - `inline`: every text holding a digit wrapped in `<b>`, `<strong>` or `<span>` in turn.
//! - `inline-split`: in every text holding a digit, the first figure that stands apart
//!   (digits with `.`, `,` or a space, thin or no-break space inside, after a space, a currency
//!   sign or the start, before a space or the end) cut out into its own `<span>`, `<b>` or
//!   `<strong>`, the text before and after it left beside it (`Amount due: <b>45.00</b>
//!   USD`). The walker trims texts, so a snapshot cannot say whether a space stood at a
//!   cut: a line's `plan` and `label` compare without their spaces here.
//!
//! A pair (fixture, transformation) that fails for a cause not fixed yet is listed in
//! [`SKIP`] with the cause; the test fails on any other failing pair, and on a listed pair
//! that reads right again (so the list only shrinks). Pages that fail unchanged are left to
//! `tests/scan.rs`. Environment: `METAMORPHIC_VERBOSE=1` prints the differing fields of
//! every failure, skipped ones too; `METAMORPHIC_ONLY=<transformation>` runs one;
//! `METAMORPHIC_LIST=1` prints unlisted failures as `SKIP` entries;
//! `METAMORPHIC_DUMP=<fixture>:<transformation>` (`mint/single-3month:inline`) writes the
//! changed page snapshot as HTML to `/tmp/metamorphic-dump.html`, for `linekeeper scan
//! --explain`.
#![cfg(feature = "html")]

use linekeeper::html::page_from_html;
use linekeeper::page::{Attrs, PageNode, PageSnapshot};
use linekeeper::{extract, Date, ScanOptions};
use serde_json::Value;
use std::path::Path;

mod common;
use common::{diff, fixtures, url_today_html};

/// Pairs known to read differently, each with its cause: (fixture path under
/// `tests/fixtures`, transformation, cause).
#[rustfmt::skip]
const SKIP: &[(&str, &str, &str)] = &[
    ("generic/de-two-lines-buchen-den-betrag-am", "inline-split", "fixture new in stop 29: line names lost when figures are cut into inline wrappers; cause not yet found"),
    ("generic/fr-ca-postpaid-go-units-french-labels", "inline-split", "fixture new in stop 29: a plan name cut at its figure"),
    ("generic/hk-two-line-cards-payment-row-above", "hashed-classes", "line name known only by its class name"),
    ("generic/hk-two-line-cards-payment-row-above", "bare-attributes", "line name known only by its class name"),
    ("generic/de-prepaid-tarif-laeuft-bis-optionen-table", "hashed-classes", "fixture new in stop 29: a status sentence read as the plan once the classes go; cause not yet found"),
    ("generic/de-prepaid-tarif-laeuft-bis-optionen-table", "bare-attributes", "fixture new in stop 29: a status sentence read as the plan once the classes go; cause not yet found"),
    ("generic/de-prepaid-tarif-laeuft-bis-optionen-table", "inline-split", "fixture new in stop 29: the figures cut into inline wrappers lose the line's data; cause not yet found"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "hashed-classes", "plan name known only by its class name"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "bare-attributes", "plan name known only by its class name"),
    ("visible/hotspot-used-caption-unlimited-speed-limit", "inline", "fixture new in stop 29: the hotspot figure in an inline wrapper loses its caption; cause not yet found"),
    ("china-mobile/remain-province-buckets", "hashed-classes", "plan name known only by its class name"),
    ("china-mobile/remain-province-buckets", "bare-attributes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-fullwidth", "hashed-classes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-fullwidth", "bare-attributes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-owe", "hashed-classes", "plan name known only by its class name"),
    ("china-mobile/touch-10086-owe", "bare-attributes", "plan name known only by its class name"),
    ("china-unicom/app-buckets", "hashed-classes", "plan name known only by its class name"),
    ("china-unicom/app-buckets", "bare-attributes", "plan name known only by its class name"),
    ("china-unicom/h5-family-share-fullwidth", "hashed-classes", "line name known only by its class name"),
    ("china-unicom/h5-family-share-fullwidth", "bare-attributes", "line name known only by its class name"),
    ("china-unicom/menu-user-bar", "hashed-classes", "plan name known only by its class name"),
    ("china-unicom/menu-user-bar", "bare-attributes", "plan name known only by its class name"),
    ("generic/en-au-two-services", "hashed-classes", "plan name known only by its class name"),
    ("generic/en-au-two-services", "bare-attributes", "plan name known only by its class name"),
    ("generic/en-gb-device-plan-ends", "inline", "a device plan's end taken over the airtime renewal"),
    ("generic/en-gb-direct-debit", "inline-split", "a plan name cut at its figure"),
    ("generic/en-gb-goodybag", "inline-split", "a plan name cut at its figure"),
    ("generic/en-gb-read-only-number", "hashed-classes", "plan name known only by its class name"),
    ("generic/en-gb-read-only-number", "bare-attributes", "plan name known only by its class name"),
    ("generic/en-odometer-digits", "inline", "odometer digits each in an inline wrapper"),
    ("generic/en-odometer-digits", "inline-split", "odometer digits each in an inline wrapper"),
    ("generic/en-us-percent-left-gauge-caption", "inline-split", "a percentage cut out of its caption"),
    ("generic/es-es-split-euros-bono", "inline-split", "a plan name cut at its figure"),
    ("generic/es-es-split-euros-two-lines", "hashed-classes", "plan name known only by its class name"),
    ("generic/es-es-split-euros-two-lines", "bare-attributes", "plan name known only by its class name"),
    ("generic/es-es-split-euros-two-lines", "inline-split", "a plan name cut at its figure"),
    ("generic/es-us-boost-next-autopay-payment", "inline-split", "a plan name cut at its figure"),
    ("generic/us-flat-panels-bill-then-data-reset", "hashed-classes", "line name known only by its class name"),
    ("generic/us-flat-panels-bill-then-data-reset", "bare-attributes", "line name known only by its class name"),
    ("generic/en-gb-family-device-plan-ends-in-line-card", "hashed-classes", "plan name known only by its class name"),
    ("generic/en-gb-family-device-plan-ends-in-line-card", "bare-attributes", "plan name known only by its class name"),
    ("generic/zh-hk-two-lines-figure-then-role-caption", "hashed-classes", "plan name known only by its class name"),
    ("generic/zh-hk-two-lines-figure-then-role-caption", "bare-attributes", "plan name known only by its class name"),
    ("generic/zh-mo-prepaid-stored-value-card-autorenew-off", "hashed-classes", "data bucket known only by its class name"),
    ("generic/zh-mo-prepaid-stored-value-card-autorenew-off", "bare-attributes", "data bucket known only by its class name"),
    ("mint/family-accordion", "hashed-classes", "plan name known only by its class name"),
    ("mint/family-accordion", "bare-attributes", "plan name known only by its class name"),
    ("mint/family-narrow-space-topup", "hashed-classes", "plan name known only by its class name"),
    ("mint/family-narrow-space-topup", "bare-attributes", "plan name known only by its class name"),
    ("mint/two-lines-plan-terms", "hashed-classes", "a plan's term told apart from its name only by class names"),
    ("mint/two-lines-plan-terms", "bare-attributes", "a plan's term told apart from its name only by class names"),
    ("t-mobile/bill-summary-equipment-installment-balance", "hashed-classes", "line nicknames known only by their class name"),
    ("t-mobile/bill-summary-equipment-installment-balance", "bare-attributes", "line nicknames known only by their class name"),
    ("t-mobile/metro-dashboard", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/metro-dashboard", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/postpaid-5-lines-table", "inline-split", "table cell figures cut out of their cells' text"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/prepaid-copyright-fine-print-hotspot", "inline-split", "a hotspot figure cut from `left of 15 GB high-speed hotspot` loses its bucket word"),
    ("t-mobile/postpaid-bucket-row-captions-after", "wrapped", "captions after their figures lost across a wrapper"),
    ("t-mobile/postpaid-bucket-row-captions-after", "inline", "captions after their figures lost across inline wrappers"),
    ("t-mobile/postpaid-bucket-row-captions-after", "inline-split", "captions after their figures lost across inline wrappers"),
    ("t-mobile/postpaid-multiline-4", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/postpaid-multiline-4", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/postpaid-multiline-5-split", "hashed-classes", "a bucket told apart only by its class name"),
    ("t-mobile/postpaid-multiline-5-split", "bare-attributes", "a bucket told apart only by its class name"),
    ("t-mobile/prepaid-unlimited-hotspot", "hashed-classes", "plan name known only by its class name"),
    ("t-mobile/prepaid-unlimited-hotspot", "bare-attributes", "plan name known only by its class name"),
    ("t-mobile/usage-hotspot-box-first", "inline", "bucket boxes' figures in inline wrappers paired with the wrong bucket"),
    ("t-mobile/usage-hotspot-box-first", "inline-split", "bucket boxes' figures in inline wrappers paired with the wrong bucket"),
    ("t-mobile/zh-translated-bill-summary-history", "hashed-classes", "a bill date told from a renewal only by class names"),
    ("t-mobile/zh-translated-bill-summary-history", "bare-attributes", "a bill date told from a renewal only by class names"),
    ("us-mobile/exact-mb-and-percent-left", "inline", "an exact figure in an inline wrapper not preferred to a rounded one"),
    ("us-mobile/pool-own-use", "hashed-classes", "plan name known only by its class name"),
    ("us-mobile/pool-own-use", "bare-attributes", "plan name known only by its class name"),
    ("us-mobile/pool-paused-line-topup-history", "wrapped", "lines lost when their rows are wrapped"),
    ("visible/plan-heading-bare-number-card-pay", "hashed-classes", "plan name known only by its class name"),
    ("visible/plan-heading-bare-number-card-pay", "bare-attributes", "plan name known only by its class name"),
];

const TRANSFORMS: &[&str] = &[
    "markup",
    "whitespace",
    "entities",
    "hashed-classes",
    "bare-attributes",
    "wrapped",
    "unwrapped",
    "promo",
    "promo-after",
    "inline",
    "inline-split",
];

// ---------------------------------------------------------------------------------------
// HTML text transformations

#[derive(Clone, Copy, PartialEq)]
enum TextMode {
    Markup,
    Whitespace,
    Entities,
}

/// Elements whose content the tokenizer reads as raw text (copied untouched).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

fn find_from(s: &str, from: usize, pat: &str) -> Option<usize> {
    s.get(from..)?.find(pat).map(|i| i + from)
}

/// Rewrites an HTML document's markup or text, leaving comments, doctype, raw text and
/// attribute values as they are.
fn rewrite_html(src: &str, mode: TextMode) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len() * 2);
    let mut i = 0;
    let mut count = 0usize;
    let mut after_tag = false;
    while i < b.len() {
        if b[i] == b'<' {
            let next = b.get(i + 1).copied().unwrap_or(0);
            if src[i..].starts_with("<!--") {
                let end = find_from(src, i + 4, "-->").map_or(src.len(), |e| e + 3);
                out.push_str(&src[i..end]);
                i = end;
                after_tag = true;
                continue;
            }
            if next == b'!' || next == b'?' {
                let end = find_from(src, i, ">").map_or(src.len(), |e| e + 1);
                out.push_str(&src[i..end]);
                i = end;
                after_tag = true;
                continue;
            }
            let closing = next == b'/';
            let name_start = if closing { i + 2 } else { i + 1 };
            if b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                if mode == TextMode::Whitespace && after_tag {
                    out.push_str("\n    ");
                }
                let mut j = name_start;
                while j < b.len()
                    && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
                {
                    j += 1;
                }
                let name = &src[name_start..j];
                let lower = name.to_ascii_lowercase();
                if closing {
                    let end = find_from(src, j, ">").map_or(src.len(), |e| e + 1);
                    out.push_str("</");
                    if mode == TextMode::Markup {
                        out.push_str(&name.to_ascii_uppercase());
                    } else {
                        out.push_str(name);
                    }
                    out.push_str(&src[j..end]);
                    i = end;
                    after_tag = true;
                    continue;
                }
                let (attrs, self_closing, end) = parse_attrs(src, j);
                out.push('<');
                if mode == TextMode::Markup {
                    out.push_str(&name.to_ascii_uppercase());
                    let mut seen: Vec<String> = Vec::new();
                    let mut kept = Vec::new();
                    for a in attrs {
                        let key = a.0.to_ascii_lowercase();
                        if !seen.contains(&key) {
                            seen.push(key);
                            kept.push(a);
                        }
                    }
                    for (name, value) in kept.into_iter().rev() {
                        out.push(' ');
                        out.push_str(&name.to_ascii_uppercase());
                        if let Some(v) = value {
                            let q = if v.contains('\'') { '"' } else { '\'' };
                            out.push('=');
                            out.push(q);
                            out.push_str(&v);
                            out.push(q);
                        }
                    }
                    if self_closing {
                        out.push_str(" /");
                    }
                    out.push('>');
                } else {
                    out.push_str(&src[i + 1..end]);
                }
                i = end;
                after_tag = true;
                if RAW_TEXT.contains(&lower.as_str()) {
                    let close = format!("</{lower}");
                    let rest = src[i..].to_ascii_lowercase();
                    let stop = rest.find(&close).map_or(src.len(), |k| i + k);
                    out.push_str(&src[i..stop]);
                    i = stop;
                }
                continue;
            }
        }
        // Text up to the next tag.
        let mut j = i + 1;
        while j < b.len() && b[j] != b'<' {
            j += 1;
        }
        let text = &src[i..j];
        if !text.trim().is_empty() {
            after_tag = false;
        }
        rewrite_text(text, mode, &mut count, &mut out);
        i = j;
    }
    out
}

/// Parses a start tag's attributes from `from` (just after the name): (name, value with
/// its entities as written), whether it ends with `/>`, and the index after the `>`.
#[allow(clippy::type_complexity)]
fn parse_attrs(src: &str, from: usize) -> (Vec<(String, Option<String>)>, bool, usize) {
    let b = src.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, false, b.len());
        }
        if b[i] == b'>' {
            return (attrs, false, i + 1);
        }
        if b[i] == b'/' {
            if b.get(i + 1) == Some(&b'>') {
                return (attrs, true, i + 2);
            }
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < b.len() && !space(b[i]) && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = src[start..i].to_string();
        let mut k = i;
        while k < b.len() && space(b[k]) {
            k += 1;
        }
        if b.get(k) != Some(&b'=') {
            attrs.push((name, None));
            continue;
        }
        k += 1;
        while k < b.len() && space(b[k]) {
            k += 1;
        }
        let value;
        if let Some(&q) = b.get(k).filter(|&&q| q == b'"' || q == b'\'') {
            let end = (k + 1..b.len()).find(|&e| b[e] == q).unwrap_or(b.len());
            value = src[k + 1..end].to_string();
            i = (end + 1).min(b.len());
        } else {
            let mut end = k;
            while end < b.len() && !space(b[end]) && b[end] != b'>' {
                end += 1;
            }
            value = src[k..end].to_string();
            i = end;
        }
        attrs.push((name, Some(value)));
    }
}

fn rewrite_text(text: &str, mode: TextMode, count: &mut usize, out: &mut String) {
    if mode == TextMode::Markup {
        out.push_str(text);
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '&' {
            // A character reference as written: copied whole.
            let mut e = k + 1;
            while e < chars.len() && (chars[e].is_ascii_alphanumeric() || chars[e] == '#') {
                e += 1;
            }
            if chars.get(e) == Some(&';') {
                e += 1;
            }
            out.extend(&chars[k..e]);
            k = e;
            continue;
        }
        *count += 1;
        let prev_digit = k > 0 && chars[k - 1].is_ascii_digit();
        let next_digit = chars.get(k + 1).is_some_and(char::is_ascii_digit);
        match mode {
            TextMode::Whitespace => {
                if c == ' ' {
                    out.push_str(if *count % 2 == 0 { "\n      " } else { "\n\t" });
                } else {
                    out.push(c);
                }
            }
            TextMode::Entities => match c {
                ' ' if !(prev_digit && next_digit) && *count % 2 == 0 => out.push_str("&nbsp;"),
                '$' => out.push_str("&dollar;"),
                '€' => out.push_str("&euro;"),
                '£' => out.push_str("&pound;"),
                '¥' => out.push_str("&yen;"),
                '%' => out.push_str("&percnt;"),
                '/' => out.push_str("&sol;"),
                ':' => out.push_str("&colon;"),
                c if c.is_ascii_alphabetic() && *count % 4 == 0 => {
                    out.push_str(&format!("&#{};", c as u32))
                }
                c if c.is_ascii_digit() && *count % 3 == 0 => {
                    out.push_str(&format!("&#x{:x};", c as u32))
                }
                c => out.push(c),
            },
            TextMode::Markup => out.push(c),
        }
        k += 1;
    }
}

// ---------------------------------------------------------------------------------------
// Page snapshot transformations

/// A page snapshot's node with its children (the snapshot's `parent` indices, as a tree).
struct Tree {
    node: PageNode,
    kids: Vec<Tree>,
}

fn to_trees(page: &PageSnapshot) -> Vec<Tree> {
    let n = page.nodes.len();
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, node) in page.nodes.iter().enumerate() {
        match node.parent {
            Some(p) if (p as usize) < i => kids[p as usize].push(i),
            _ => roots.push(i),
        }
    }
    fn build(i: usize, page: &PageSnapshot, kids: &[Vec<usize>]) -> Tree {
        Tree {
            node: page.nodes[i].clone(),
            kids: kids[i].iter().map(|&k| build(k, page, kids)).collect(),
        }
    }
    roots.into_iter().map(|r| build(r, page, &kids)).collect()
}

fn flatten(trees: Vec<Tree>, parent: Option<u32>, out: &mut Vec<PageNode>) {
    for t in trees {
        let index = out.len() as u32;
        let mut node = t.node;
        node.parent = parent;
        out.push(node);
        flatten(t.kids, Some(index), out);
    }
}

fn element(tag: &str, block: bool, kids: Vec<Tree>) -> Tree {
    Tree {
        node: PageNode {
            tag: tag.into(),
            block,
            ..Default::default()
        },
        kids,
    }
}

fn text(s: &str) -> Tree {
    Tree {
        node: PageNode {
            tag: "#text".into(),
            text: Some(s.to_string()),
            ..Default::default()
        },
        kids: Vec::new(),
    }
}

/// A hashed class-like token (FNV-1a), from letters that spell no label or hint word.
fn hashed(name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"0123456789qxzjvkw";
    let mut out = String::from("css-");
    for _ in 0..7 {
        out.push(ALPHABET[(h % ALPHABET.len() as u64) as usize] as char);
        h /= ALPHABET.len() as u64;
    }
    out
}

fn hash_tokens(value: &str) -> String {
    value
        .split_ascii_whitespace()
        .map(hashed)
        .collect::<Vec<_>>()
        .join(" ")
}

fn rename_attributes(t: &mut Tree, bare: bool) {
    if !t.node.is_text() {
        let mut attrs = Attrs::new();
        for (name, value) in t.node.attrs.iter() {
            let value = match name {
                "class" | "id" | "for" | "aria-controls" => hash_tokens(value),
                "data-testid" | "name" if bare => hash_tokens(value),
                "title" if bare => continue,
                _ => value.to_string(),
            };
            attrs.insert(name, value);
        }
        t.node.attrs = attrs;
    }
    for k in &mut t.kids {
        rename_attributes(k, bare);
    }
}

/// Containers of flow content: a plain `div` may be put among their children.
const FLOW_PARENTS: &[&str] = &[
    "body",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "li",
    "td",
    "th",
    "dd",
    "form",
    "fieldset",
    "figure",
    "details",
    "dialog",
    "blockquote",
];
/// Elements a plain `div` may wrap.
const WRAPPABLE: &[&str] = &[
    "div", "section", "article", "ul", "ol", "dl", "table", "form", "header", "footer", "aside",
    "nav", "p", "figure", "fieldset",
];

fn has_structure_role(n: &PageNode) -> bool {
    n.attr("role")
        .is_some_and(|r| !r.trim().is_empty() && r != "presentation" && r != "none")
}

fn wrap_groups(t: &mut Tree) {
    let flow = FLOW_PARENTS.contains(&t.node.tag.as_str()) && !has_structure_role(&t.node);
    let kids = std::mem::take(&mut t.kids);
    for mut k in kids {
        wrap_groups(&mut k);
        let elements = k.kids.iter().filter(|c| !c.node.is_text()).count();
        if flow
            && k.node.block
            && WRAPPABLE.contains(&k.node.tag.as_str())
            && elements >= 2
            && !has_structure_role(&k.node)
        {
            t.kids.push(element("div", true, vec![k]));
        } else {
            t.kids.push(k);
        }
    }
}

fn unwrap_single(t: &mut Tree) {
    let kids = std::mem::take(&mut t.kids);
    for mut k in kids {
        unwrap_single(&mut k);
        let plain = matches!(k.node.tag.as_str(), "div" | "span")
            && !k
                .node
                .attrs
                .iter()
                .any(|(n, _)| n == "role" || n.starts_with("aria-"));
        let only_element = k.kids.len() == 1 && !k.kids[0].node.is_text();
        if plain && only_element && (k.kids[0].node.block == k.node.block || !k.node.block) {
            let child = k.kids.pop().unwrap();
            t.kids.push(child);
        } else {
            t.kids.push(k);
        }
    }
}

fn promo_block() -> Tree {
    let p = |s: &str| element("p", true, vec![text(s)]);
    element(
        "section",
        true,
        vec![
            element("h2", true, vec![text("Limited-time offer")]),
            p("Get 5GB bonus data when you add a line."),
            p("$10 off your first month of any plan."),
            p("Offer ends 12/31. New lines only."),
            element("a", false, vec![text("Shop deals")]),
        ],
    )
}

fn footer_block() -> Tree {
    let p = |s: &str| element("p", true, vec![text(s)]);
    element(
        "footer",
        true,
        vec![
            p("Customer care: 1-800-555-0142"),
            p("From abroad: +1 (646) 555-0187"),
            p("© 2026 Example Wireless Inc. All rights reserved."),
        ],
    )
}

fn in_foreign(tag: &str) -> bool {
    matches!(
        tag,
        "svg" | "math" | "select" | "textarea" | "input" | "text" | "tspan" | "title"
    )
}

const INLINE_TAGS: &[&str] = &["b", "strong", "span"];

fn wrap_texts(t: &mut Tree, split: bool, count: &mut usize) {
    if in_foreign(t.node.tag.as_str()) {
        return;
    }
    let kids = std::mem::take(&mut t.kids);
    for mut k in kids {
        let Some(s) = k
            .node
            .text
            .clone()
            .filter(|s| s.bytes().any(|c| c.is_ascii_digit()))
        else {
            wrap_texts(&mut k, split, count);
            t.kids.push(k);
            continue;
        };
        *count += 1;
        let tag = INLINE_TAGS[*count % INLINE_TAGS.len()];
        if !split {
            t.kids.push(element(tag, false, vec![k]));
            continue;
        }
        let (before, figure, after) = first_figure(&s);
        for (piece, wrap) in [(before, false), (figure, true), (after, false)] {
            let piece = piece.trim_matches(|c: char| c == ' ' || c == '\u{a0}');
            if piece.is_empty() {
                continue;
            }
            if wrap {
                t.kids.push(element(tag, false, vec![text(piece)]));
            } else {
                t.kids.push(text(piece));
            }
        }
    }
}

/// Splits at the first figure that stands apart: digits, with `.`, `,`, a space, a
/// no-break, thin or narrow space between digits (a number's groups stay together), after the start of the text, a space or a currency
/// sign, and before a space or the end. (A cut beside a letter, `5<b>G</b>`, would lose
/// the page's spacing: the walker trims texts, so a snapshot cannot say whether a space
/// stood at a cut.)
fn first_figure(s: &str) -> (&str, &str, &str) {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        if !chars[k].1.is_ascii_digit() {
            k += 1;
            continue;
        }
        let start = chars[k].0;
        let apart_before = k == 0
            || matches!(
                chars[k - 1].1,
                ' ' | '\u{a0}' | '$' | '€' | '£' | '¥' | '￥'
            );
        let mut end = k;
        let mut last = k;
        while end < chars.len() {
            let c = chars[end].1;
            if c.is_ascii_digit() {
                last = end;
            } else {
                let inside = matches!(c, '.' | ',' | '\u{a0}' | '\u{2009}' | '\u{202f}')
                    || (c == ' ' && chars.get(end + 1).is_some_and(|c| c.1.is_ascii_digit()));
                if !inside {
                    break;
                }
            }
            end += 1;
        }
        let stop = chars.get(last + 1).map_or(s.len(), |c| c.0);
        let apart_after = chars
            .get(last + 1)
            .is_none_or(|c| matches!(c.1, ' ' | '\u{a0}'));
        if apart_before && apart_after {
            return (&s[..start], &s[start..stop], &s[stop..]);
        }
        k = end.max(k + 1);
    }
    (s, "", "")
}

fn transform_page(page: &PageSnapshot, transform: &str) -> PageSnapshot {
    let mut trees = to_trees(page);
    match transform {
        "hashed-classes" => trees.iter_mut().for_each(|t| rename_attributes(t, false)),
        "bare-attributes" => trees.iter_mut().for_each(|t| rename_attributes(t, true)),
        "wrapped" => trees.iter_mut().for_each(wrap_groups),
        "unwrapped" => trees.iter_mut().for_each(unwrap_single),
        "promo" | "promo-after" => {
            if let Some(body) = trees.first_mut() {
                if transform == "promo" {
                    body.kids.insert(0, promo_block());
                } else {
                    body.kids.push(promo_block());
                }
                body.kids.push(footer_block());
            }
        }
        "inline" | "inline-split" => {
            let mut count = 0;
            trees
                .iter_mut()
                .for_each(|t| wrap_texts(t, transform == "inline-split", &mut count));
        }
        _ => panic!("unknown transformation {transform}"),
    }
    let mut nodes = Vec::new();
    flatten(trees, None, &mut nodes);
    PageSnapshot {
        nodes,
        ..page.clone()
    }
}

fn transformed(html: &str, url: &str, transform: &str) -> PageSnapshot {
    match transform {
        "markup" => page_from_html(&rewrite_html(html, TextMode::Markup), url),
        "whitespace" => page_from_html(&rewrite_html(html, TextMode::Whitespace), url),
        "entities" => page_from_html(&rewrite_html(html, TextMode::Entities), url),
        _ => transform_page(&page_from_html(html, url), transform),
    }
}

/// The page snapshot as HTML (every element's `display` written out), for
/// `METAMORPHIC_DUMP`: `linekeeper scan --explain` reads it the same.
fn to_html(page: &PageSnapshot) -> String {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    }
    fn write(t: &Tree, out: &mut String) {
        if let Some(s) = &t.node.text {
            out.push_str(&esc(s));
            return;
        }
        let tag = t.node.tag.as_str();
        out.push('<');
        out.push_str(tag);
        for (n, v) in t.node.attrs.iter() {
            out.push_str(&format!(" {n}=\"{}\"", esc(v)));
        }
        let display = if t.node.block { "block" } else { "inline" };
        out.push_str(&format!(" style=\"display:{display}\">"));
        for k in &t.kids {
            write(k, out);
        }
        out.push_str(&format!("</{tag}>\n"));
    }
    let mut out = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><title>{}</title></head>",
        esc(page.lang.as_deref().unwrap_or("")),
        esc(&page.title)
    );
    for t in to_trees(page) {
        write(&t, &mut out);
    }
    out
}

fn read(page: &PageSnapshot, today: Date) -> Value {
    let snapshot = extract(page, &ScanOptions { today });
    serde_json::from_str(&linekeeper::json::to_string(&snapshot)).unwrap()
}

#[test]
fn redesigned_fixtures_read_the_same() {
    let verbose = std::env::var_os("METAMORPHIC_VERBOSE").is_some();
    let only = std::env::var("METAMORPHIC_ONLY").ok();
    let dump = std::env::var("METAMORPHIC_DUMP").ok();
    let list = std::env::var_os("METAMORPHIC_LIST").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    let mut failures: Vec<String> = Vec::new();
    let mut skipped_failing: Vec<(String, String)> = Vec::new();
    let mut per_transform = vec![0usize; TRANSFORMS.len()];
    let mut runs = 0usize;
    for html_path in &files {
        let name = html_path
            .strip_prefix(&root)
            .unwrap_or(html_path)
            .with_extension("")
            .display()
            .to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(html_path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let (url, today, html) = url_today_html(&expected, html_path);
        let mut base = Vec::new();
        diff(
            "",
            &read(&page_from_html(&html, url), today),
            &expected["snapshot"],
            false,
            &mut base,
        );
        if !base.is_empty() {
            // The page itself reads differently: `tests/scan.rs` reports it.
            continue;
        }
        for (ti, transform) in TRANSFORMS.iter().enumerate() {
            if only.as_deref().is_some_and(|o| o != *transform) {
                continue;
            }
            runs += 1;
            let page = transformed(&html, url, transform);
            if dump.as_deref() == Some(&format!("{name}:{transform}")) {
                std::fs::write("/tmp/metamorphic-dump.html", to_html(&page)).unwrap();
                println!("wrote /tmp/metamorphic-dump.html ({url}, {today:?})");
            }
            let mut lines = Vec::new();
            let loose = *transform == "inline-split";
            diff(
                "",
                &read(&page, today),
                &expected["snapshot"],
                loose,
                &mut lines,
            );
            let skip = SKIP.iter().find(|(f, t, _)| *f == name && t == transform);
            if lines.is_empty() {
                if let Some((_, _, cause)) = skip {
                    failures.push(format!(
                        "{name} [{transform}] reads right now: remove it from SKIP ({cause})"
                    ));
                }
                continue;
            }
            per_transform[ti] += 1;
            let report = format!("{name} [{transform}]:\n    {}", lines.join("\n    "));
            if skip.is_some() {
                skipped_failing.push((name.clone(), transform.to_string()));
                if verbose {
                    println!("skipped: {report}");
                }
            } else {
                if verbose {
                    println!("{report}");
                }
                if list {
                    println!("    (\"{name}\", \"{transform}\", \"?\"),");
                }
                failures.push(report);
            }
        }
    }
    let summary: Vec<String> = TRANSFORMS
        .iter()
        .zip(&per_transform)
        .map(|(t, n)| format!("{t} {n}"))
        .collect();
    println!(
        "metamorphic: {runs} runs over {} fixtures; failing per transformation: {}; skipped {}",
        files.len(),
        summary.join(", "),
        skipped_failing.len()
    );
    if !failures.is_empty() {
        panic!(
            "{} redesigned fixture pages read differently:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
