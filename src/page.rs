//! The page snapshot: a compact, visible-only picture of a web page's DOM.
//!
//! In the browser the content script (`extension/content.js`) walks the live DOM and
//! produces this; natively `html::page_from_html` builds the same thing from a saved
//! HTML file. Extraction only ever sees a `PageSnapshot`, so both paths share one engine.
//!
//! # The walker contract (both walkers follow it, so a fixture reads the same in both)
//! - Nodes are in document (pre-)order; each names its parent by index, so a node's
//!   children follow it, in order. The root is the `body` element.
//! - Left out with their whole subtree: `script`, `style`, `noscript`, `template`, `head`,
//!   `option`, `datalist`, `input[type=hidden]`; elements with the `hidden` attribute or
//!   `aria-hidden="true"`; elements whose display is `none` or visibility `hidden` /
//!   `collapse` (browser: computed style; native: the inline `style` attribute only).
//! - Collapsed boxes (a closed accordion: `height: 0; overflow: hidden`): a box with a
//!   zero width or height whose overflow is not `visible`, or with both zero. Browser:
//!   measured (`getBoundingClientRect`, computed `overflow`; `display: contents` has no box
//!   and `body` is not measured, its overflow being the viewport's); a text holding an
//!   ASCII digit is left out when its parent or any ancestor up to the top `body` (through
//!   the `iframe` of a same-origin frame) is collapsed; the elements and other texts stay.
//!   Native: from the inline `style` only, an element is collapsed by a zero `width`,
//!   `height`, `max-width` or `max-height` (`0`, `0px`, `0%`…, not undone by a `min-` size
//!   or padding on that axis) with `overflow` / `overflow-x` / `overflow-y` other than
//!   `visible`, or by a zero `width` and `height`, when its box takes a size (not inline,
//!   `display: contents` or a table part); it is left out with its whole subtree.
//!   Either way no value is read from inside a collapsed box.
//! - A drop-down (`select` without `multiple` or a `size` over 1) has one child: a text
//!   node with what it shows, its selected option's `label` attribute or else its text
//!   (natively: the last option marked `selected`, else the first not `disabled`); list
//!   boxes have none. No other option is read.
//! - A read-only field (`input` with `readonly` or `disabled`, of a type that shows text:
//!   not a check box, radio, button, file, range, colour, password or hidden field) has
//!   one child: a text node with its value (browser: the live `value`; native: the `value`
//!   attribute), unless empty. An editable field has none: it holds what the user types.
//! - Text nodes: `tag = "#text"`, text with runs of ASCII white space and U+00A0 folded to
//!   one space and trimmed ([`fold_space`]), except one U+00A0 between two ASCII digits,
//!   which is kept: it groups them (`1&nbsp;024 MB` is 1024 MB, like U+202F and U+2009,
//!   which are never folded), where an ordinary space never does (`1 024 MB` is two
//!   figures); white-space-only text nodes are left out; text
//!   longer than [`MAX_TEXT`] characters is cut there. Invisible marks (zero-width, bidi)
//!   are kept: the parsers strip them.
//! - Elements: lower-case tag, the attributes in [`KEPT_ATTRIBUTES`] that are present, and
//!   `block = true` when the element starts a new line: browser, computed `display` not one
//!   of `inline`, `inline-block`, `inline-flex`, `inline-grid`, `contents`; native, the tag's
//!   default display (see `html.rs`; ARIA table parts count as table tags) overridden by an
//!   inline `display:`. `br` is always block.
//! - Shadow trees are walked as the browser draws them (the composed tree): a shadow
//!   host's children are those of its shadow root (browser: open roots, and custom
//!   elements' closed ones through the extension API; native: declarative shadow DOM, the
//!   host's first `<template shadowrootmode="open">` on a custom element or a tag that may
//!   hold one, or `"closed"` on a custom element). Browser: roots are looked for among the
//!   first 4,000 elements of the page (and below the anchors' neighbourhoods). A `slot` is no node: in its place come the host's children assigned to it
//!   (elements whose `slot` attribute names it; texts and elements without one go to the
//!   unnamed slot; the first slot of a name takes them), else its own children. Children
//!   of a host assigned to no slot are not drawn, so they are left out.
//! - Same-origin iframes are walked in place: the frame document's `body` becomes a child
//!   of the `iframe` node (natively: the `srcdoc` attribute is parsed as that document).
//! - `url` is the top page's URL, `lang` the `<html lang>` attribute, `title` the document
//!   title (folded like text).
//!
//! # The browser sends a part of the page (the sparse walk)
//! The native walker writes the whole page. The content script writes only the parts of it
//! that can hold account data, walked exactly as above, so a page gives the same Snapshot
//! either way (the fixtures and the bench pages check it):
//! - **Anchors.** A first pass reads the page's text in one string and looks for the scan
//!   vocabulary ([`crate::vocabulary`]): the label words of the profiles, data units,
//!   currency marks, masked phone numbers; plus elements with such a word in their
//!   `aria-label`, `aria-busy="true"`, `aria-valuenow`, `progress`, `meter`, password
//!   fields, and the elements of user-taught anchors. A key found more than 32 times counts
//!   only in its first 32 places (a long history or list is read in its first rows); once
//!   every form of a word found (`Data`, `DATA`) has its 32 places, the search may leave the
//!   word out from there on, its other forms too.
//! - **Neighbourhoods.** Around each anchor, the highest ancestor at most 6 levels up whose
//!   subtree has at most 40 elements (the extractor pairs labels and values at most 6
//!   levels apart). Each neighbourhood is walked whole.
//! - **Header rows.** A neighbourhood inside a table (or an ARIA `table` / `grid`) brings
//!   the table's header row along (`thead`, else its first row; an ARIA table's first
//!   `row`), walked like a neighbourhood: the extractor reads cells by their column
//!   headers (a history's `Date | Amount`, one line a column), and a row's neighbourhood
//!   stops below the table.
//! - **Chains.** The ancestors of every neighbourhood up to `body` are written with their
//!   attributes; a hidden ancestor leaves out everything below it, as in a whole walk.
//!   Their other children are left out, except:
//! - **Padding.** After each neighbourhood, what follows it in the page is walked until 6
//!   more rows of text are written (the extractor looks at most 4 rows after a label and 3
//!   before it), so two parts far apart in the page do not become neighbours in the
//!   snapshot.
//! - A page without any anchor is walked whole.
//!
//! Limits: a value whose only evidence is a class name or id hint, more than 6 rows from
//! any anchor, is not sent; nor are the rows of a long list after its keys' first 32 places.
//!
//! # The page snapshot as the content script sends it ([`PageSnapshot::from_lines`])
//! One string of lines (`\n`), fields separated by tabs (`\t`): cheaper than JSON to
//! write, to carry in a message (no quotes to escape) and to read (slices of one string).
//! - Line 1: `lang` (empty: none); line 2: `title`. No URL: the worker takes the page's
//!   URL from the message's sender.
//! - Then one line per node, in order: the parent's index (empty for the root), the tag
//!   (empty for a text node), then for a text node its text, for an element its flags
//!   (`b` when block, else empty) and each kept attribute as a name and a value.
//! - Text and `title` are folded, so they hold no tab or line break. `lang` and attribute
//!   values are written with `\` as `\\`, a tab as `\t` and a line break as `\n`.
//!
//! (Tests and the fuzz targets read and write pages as JSON, `json/formats.rs`.)

#[cfg(test)]
use serde::de::{MapAccess, Visitor};
#[cfg(test)]
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Most nodes a snapshot may carry; a larger page is truncated by the walker.
pub const MAX_NODES: usize = 200_000;
/// Most characters of text a single text node may carry.
pub const MAX_TEXT: usize = 2_000;

/// Attributes the walker keeps (everything else is dropped at the source).
pub const KEPT_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "aria-label",
    "aria-busy",
    "aria-valuenow",
    "aria-valuemin",
    "aria-valuemax",
    "aria-valuetext",
    "data-testid",
    "title",
    "datetime",
    "type",
    "name",
    "for",
    "lang",
    "autocomplete",
    "aria-checked",
    "aria-controls",
];

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct PageSnapshot {
    /// The page's URL (the top frame's).
    pub url: String,
    /// `<html lang>` if any, e.g. `en-US`, `zh-CN`.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub lang: Option<String>,
    /// `document.title`.
    #[cfg_attr(test, serde(default))]
    pub title: String,
    /// Visible nodes in document order.
    pub nodes: Vec<PageNode>,
}

/// One visible element or text node.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct PageNode {
    /// Index of the parent node in `PageSnapshot::nodes`; `None` for the root.
    #[cfg_attr(
        test,
        serde(rename = "p", default, skip_serializing_if = "Option::is_none")
    )]
    pub parent: Option<u32>,
    /// Lower-case tag name for elements; `#text` for text nodes.
    #[cfg_attr(test, serde(rename = "t"))]
    pub tag: Name,
    /// Text content, for text nodes only (whitespace collapsed).
    #[cfg_attr(
        test,
        serde(rename = "x", default, skip_serializing_if = "Option::is_none")
    )]
    pub text: Option<String>,
    /// Kept attributes (see [`KEPT_ATTRIBUTES`]), elements only.
    #[cfg_attr(
        test,
        serde(rename = "a", default, skip_serializing_if = "Attrs::is_empty")
    )]
    pub attrs: Attrs,
    /// True when the element lays out as a block (starts a new line): computed
    /// `display` other than inline in the browser, tag defaults and inline style natively.
    #[cfg_attr(test, serde(rename = "b", default, skip_serializing_if = "is_false"))]
    pub block: bool,
}

#[cfg(test)]
fn is_false(b: &bool) -> bool {
    !*b
}

impl PageNode {
    pub fn is_text(&self) -> bool {
        self.tag == "#text"
    }
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name)
    }
}

/// A tag or attribute name. Common names (`div`, `#text`, `class`) point to static
/// text, so a page snapshot does not allocate one string per node for them.
#[derive(Clone)]
pub struct Name(NameRepr);

#[derive(Clone)]
enum NameRepr {
    Static(&'static str),
    Owned(Box<str>),
}

/// Tags common on account pages (kept as static text, see `Name::common`).
const COMMON_NAMES: &[&str] = &[
    "#text",
    "div",
    "span",
    "li",
    "a",
    "p",
    "td",
    "tr",
    "button",
    "br",
    "small",
    "strong",
    "b",
    "i",
    "em",
    "ul",
    "ol",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "label",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "img",
    "svg",
    "path",
    "input",
    "select",
    "time",
    "main",
    "header",
    "footer",
    "nav",
    "article",
    "aside",
    "body",
    "iframe",
    "dl",
    "dt",
    "dd",
    "sup",
    "sub",
    "form",
    "figure",
    "figcaption",
    "caption",
    "abbr",
    "code",
    "u",
    "s",
    "mark",
    "progress",
    "meter",
    "textarea",
    "fieldset",
    "legend",
    "details",
    "summary",
    "dialog",
    "picture",
    "g",
    "use",
    "circle",
    "rect",
    "hr",
    "font",
    "center",
    "bdi",
    "bdo",
    "wbr",
    "cite",
    "q",
    "data",
    "output",
];

/// The number of names [`Name::common`] knows: [`COMMON_NAMES`] then [`KEPT_ATTRIBUTES`].
const STATIC_COUNT: usize = COMMON_NAMES.len() + KEPT_ATTRIBUTES.len();

/// The `i`th name [`Name::common`] knows (at compile time).
const fn static_name(i: usize) -> &'static str {
    if i < COMMON_NAMES.len() {
        COMMON_NAMES[i]
    } else {
        KEPT_ATTRIBUTES[i - COMMON_NAMES.len()]
    }
}

/// Where each name [`Name::common`] knows starts in [`STATIC_TEXT`], and where the text
/// ends: the names are one string in the wasm (an array of `&str` costs 8 bytes of pointer
/// and length per name).
const STATIC_STARTS: [u16; STATIC_COUNT + 1] = {
    let mut starts = [0u16; STATIC_COUNT + 1];
    let mut i = 0;
    while i < STATIC_COUNT {
        starts[i + 1] = starts[i] + static_name(i).len() as u16;
        i += 1;
    }
    starts
};

/// The bytes of the names [`Name::common`] knows, one after the other.
const STATIC_BYTES: [u8; STATIC_STARTS[STATIC_COUNT] as usize] = {
    let mut all = [0u8; STATIC_STARTS[STATIC_COUNT] as usize];
    let mut i = 0;
    while i < STATIC_COUNT {
        let name = static_name(i).as_bytes();
        let mut j = 0;
        while j < name.len() {
            all[STATIC_STARTS[i] as usize + j] = name[j];
            j += 1;
        }
        i += 1;
    }
    all
};

/// [`STATIC_BYTES`] as text (whole names are valid UTF-8).
const STATIC_TEXT: &str = match std::str::from_utf8(&STATIC_BYTES) {
    Ok(text) => text,
    Err(_) => panic!("a static name is not UTF-8"),
};

/// An open-addressing table of the names [`Name::common`] knows by [`name_hash`] (linear probing; `u8::MAX`
/// marks an empty slot), built at compile time.
const NAME_SLOTS: [u8; 256] = {
    let mut slots = [u8::MAX; 256];
    let mut i = 0;
    while i < STATIC_COUNT {
        let mut slot = name_hash(static_name(i).as_bytes());
        while slots[slot] != u8::MAX {
            slot = (slot + 1) % 256;
        }
        slots[slot] = i as u8;
        i += 1;
    }
    slots
};

/// FNV-1a of a name, as a slot of [`NAME_SLOTS`].
const fn name_hash(bytes: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    (h as usize) % 256
}

impl Name {
    pub fn new(name: &str) -> Name {
        match Self::common(name) {
            Some(s) => Name(NameRepr::Static(s)),
            None => Name(NameRepr::Owned(name.into())),
        }
    }

    /// The static copy of a tag in [`COMMON_NAMES`] or a name in [`KEPT_ATTRIBUTES`]: one
    /// hash and, for a common name, one comparison (a `match` on the names compiled to
    /// some 2.5 KB of wasm).
    fn common(name: &str) -> Option<&'static str> {
        let mut slot = name_hash(name.as_bytes());
        loop {
            let i = usize::from(NAME_SLOTS[slot]);
            let (start, end) = (*STATIC_STARTS.get(i)?, *STATIC_STARTS.get(i + 1)?);
            let known = STATIC_TEXT.get(usize::from(start)..usize::from(end))?;
            if known == name {
                return Some(known);
            }
            slot = (slot + 1) % NAME_SLOTS.len();
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            NameRepr::Static(s) => s,
            NameRepr::Owned(s) => s,
        }
    }
}

impl Default for Name {
    fn default() -> Name {
        Name(NameRepr::Static(""))
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl From<&str> for Name {
    fn from(name: &str) -> Name {
        Name::new(name)
    }
}

impl From<String> for Name {
    fn from(name: String) -> Name {
        match Self::common(&name) {
            Some(s) => Name(NameRepr::Static(s)),
            None => Name(NameRepr::Owned(name.into_boxed_str())),
        }
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
impl Serialize for Name {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name::new(v))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Name, E> {
                Ok(Name::from(v))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// An element's kept attributes: name → value, sorted by name, each name once (the
/// JSON form is an object, as a `BTreeMap<String, String>` would write it; a name
/// repeated in the JSON keeps its last value). A few entries at most, so a sorted
/// vector beats a map.
#[derive(Clone, Default, PartialEq)]
pub struct Attrs(Vec<(Name, String)>);

impl Attrs {
    pub fn new() -> Attrs {
        Attrs(Vec::new())
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.as_str() == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name` to `value`, returning the value it replaces.
    pub fn insert(&mut self, name: &str, value: String) -> Option<String> {
        match self.0.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            Ok(i) => self
                .0
                .get_mut(i)
                .map(|slot| std::mem::replace(&mut slot.1, value)),
            Err(i) => {
                self.0.insert(i, (Name::new(name), value));
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The attributes in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl fmt::Debug for Attrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

#[cfg(test)]
impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Attrs, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Attrs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Attrs, M::Error> {
                let mut out = Attrs::new();
                while let Some((name, value)) = map.next_entry::<Name, String>()? {
                    match out
                        .0
                        .binary_search_by(|(n, _)| n.as_str().cmp(name.as_str()))
                    {
                        Ok(i) => {
                            if let Some(slot) = out.0.get_mut(i) {
                                slot.1 = value;
                            }
                        }
                        Err(i) => out.0.insert(i, (name, value)),
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Folds runs of ASCII white space and U+00A0 to one space and trims: the walkers'
/// text rule. A run that is one U+00A0 between two ASCII digits is kept: it groups them
/// (`1&nbsp;024 MB`, European style), as U+202F and U+2009 do; an ordinary space never
/// does. Other white space (U+3000, U+2003, …) is text, kept even at the ends. (JS:
/// `s.replace(/(?:[ \t\n\f\r]|(?<!\d)\u00a0|\u00a0(?!\d))+/g, " ").replace(/^ | $/g, "")`.)
pub fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The run of white space being read: its length, and whether it is one U+00A0.
    let mut run = 0usize;
    let mut nbsp = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r' | '\u{a0}') {
            run += 1;
            nbsp = run == 1 && c == '\u{a0}';
        } else {
            if run > 0 && !out.is_empty() {
                let group = nbsp
                    && c.is_ascii_digit()
                    && out.as_bytes().last().is_some_and(u8::is_ascii_digit);
                out.push(if group { '\u{a0}' } else { ' ' });
            }
            run = 0;
            out.push(c);
        }
    }
    out
}

/// Why a snapshot was refused before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// A node names a parent that is not before it.
    BadParent { node: usize },
    /// Too many nodes.
    TooLarge { nodes: usize },
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::BadParent { node } => {
                write!(
                    f,
                    "page snapshot node {node} names a parent that does not precede it"
                )
            }
            PageError::TooLarge { nodes } => {
                write!(f, "page snapshot has {nodes} nodes, more than {MAX_NODES}")
            }
        }
    }
}

impl std::error::Error for PageError {}

/// The content script's page snapshot could not be read ([`PageSnapshot::from_lines`]): the
/// line of this node (0 for the first line after `lang` and `title`) is not one it writes
/// (a parent that is not an index, no tag, flags other than `b`, an attribute without a
/// value). One short message: the worker only logs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinesError {
    pub node: usize,
}

impl std::fmt::Display for LinesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for LinesError {}

impl LinesError {
    /// The [`Display`](std::fmt::Display) text, without `core::fmt`.
    pub fn message(&self) -> String {
        let mut out = String::from("bad node ");
        crate::json::write_int(&mut out, i64::try_from(self.node).unwrap_or(i64::MAX));
        out
    }
}

/// A value as the content script escapes it (`\\`, `\t`, `\n`); any other `\` stays.
fn unescape(value: &str) -> String {
    if !value.bytes().any(|b| b == b'\\') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// `s` up to the first `sep` (an ASCII byte, so a character boundary) and what follows it.
fn cut(s: &str, sep: u8) -> (&str, Option<&str>) {
    match s.bytes().position(|b| b == sep) {
        Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..)),
        None => (s, None),
    }
}

/// A node index in decimal digits.
fn index(s: &str) -> Option<u32> {
    s.bytes().try_fold(0u32, |n, b| {
        let digit = b.checked_sub(b'0').filter(|d| *d < 10)?;
        n.checked_mul(10)?.checked_add(u32::from(digit))
    })
}

impl PageSnapshot {
    /// Reads the page snapshot the content script sends (lines of tab-separated fields: see
    /// the module's docs). `url` is left empty. Parent indexes are read, not checked
    /// ([`PageSnapshot::validate`] does).
    pub fn from_lines(text: &str) -> Result<PageSnapshot, LinesError> {
        let (lang, rest) = cut(text, b'\n');
        let (title, mut rest) = rest.map_or(("", None), |r| cut(r, b'\n'));
        let mut nodes = Vec::new();
        while let Some(r) = rest {
            let (line, next) = cut(r, b'\n');
            rest = next;
            let error = || LinesError { node: nodes.len() };
            let (parent, fields) = cut(line, b'\t');
            let parent = match parent {
                "" => None,
                p => Some(index(p).ok_or_else(error)?),
            };
            let (tag, fields) = cut(fields.ok_or_else(error)?, b'\t');
            let node = if tag.is_empty() {
                PageNode {
                    parent,
                    tag: Name::new("#text"),
                    text: Some(fields.unwrap_or("").to_string()),
                    ..PageNode::default()
                }
            } else {
                let (flags, mut fields) = fields.map_or(("", None), |f| cut(f, b'\t'));
                let block = match flags {
                    "b" => true,
                    "" => false,
                    _ => return Err(error()),
                };
                let mut attrs = Attrs::new();
                while let Some(f) = fields {
                    let (name, value) = cut(f, b'\t');
                    let value = value.ok_or_else(error)?;
                    let (value, after) = cut(value, b'\t');
                    attrs.insert(name, unescape(value));
                    fields = after;
                }
                PageNode {
                    parent,
                    tag: Name::new(tag),
                    text: None,
                    attrs,
                    block,
                }
            };
            nodes.push(node);
        }
        Ok(PageSnapshot {
            url: String::new(),
            lang: Some(lang).filter(|l| !l.is_empty()).map(unescape),
            title: title.to_string(),
            nodes,
        })
    }

    /// Checks the structural invariants extraction relies on: every parent index
    /// points to an earlier node, and the size is bounded.
    pub fn validate(&self) -> Result<(), PageError> {
        if self.nodes.len() > MAX_NODES {
            return Err(PageError::TooLarge {
                nodes: self.nodes.len(),
            });
        }
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(p) = node.parent {
                if p as usize >= i {
                    return Err(PageError::BadParent { node: i });
                }
            }
        }
        Ok(())
    }

    /// The host part of `url`, lower-cased, without port or credentials.
    pub fn host(&self) -> String {
        host_of(&self.url)
    }
}

/// The host of a URL, lower-cased (`https://www.T-Mobile.com:443/x` → `www.t-mobile.com`).
pub fn host_of(url: &str) -> String {
    let rest = crate::parse::text::split_once(url, "://").map_or(url, |(_, r)| r);
    let authority = crate::parse::text::before_any(rest, b"/?#");
    let host = crate::parse::text::after_last(authority, b'@');
    let host = if host.starts_with('[') {
        host
    } else {
        crate::parse::text::before_any(host, b":")
    };
    crate::parse::text::trim_end_where(host, |c| c == '.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_extraction() {
        assert_eq!(
            host_of("https://www.T-Mobile.com:443/account?x=1"),
            "www.t-mobile.com"
        );
        assert_eq!(
            host_of("https://user:pw@my.t-mobile.com/"),
            "my.t-mobile.com"
        );
        assert_eq!(host_of("not a url"), "not a url");
        assert_eq!(host_of(""), "");
    }

    #[test]
    fn fold_space_matches_walker_rule() {
        assert_eq!(fold_space("  \u{a0}$12.\n34 \t GB  "), "$12. 34 GB");
        assert_eq!(fold_space("\u{200b}5"), "\u{200b}5");
        assert_eq!(fold_space(" \n "), "");
        // One no-break space between digits groups them; any other run is a space.
        assert_eq!(fold_space("1\u{a0}024\u{a0}MB"), "1\u{a0}024 MB");
        assert_eq!(
            fold_space("1 024 \u{a0}2\u{a0} 3\u{a0}\u{a0}4"),
            "1 024 2 3 4"
        );
        assert_eq!(fold_space("\u{a0}7\u{a0}"), "7");
    }

    /// The content script's writing (`pageSnapshot` in content.js), for the tests.
    fn to_lines(page: &PageSnapshot) -> String {
        let esc = |v: &str| {
            v.replace('\\', "\\\\")
                .replace('\t', "\\t")
                .replace('\n', "\\n")
        };
        let mut lines = vec![
            page.lang.as_deref().map(esc).unwrap_or_default(),
            page.title.clone(),
        ];
        for n in &page.nodes {
            let parent = n.parent.map(|p| p.to_string()).unwrap_or_default();
            if n.is_text() {
                lines.push(format!("{parent}\t\t{}", n.text.as_deref().unwrap_or("")));
            } else {
                let mut line = format!(
                    "{parent}\t{}\t{}",
                    n.tag.as_str(),
                    if n.block { "b" } else { "" }
                );
                for (name, value) in n.attrs.iter() {
                    line += &format!("\t{name}\t{}", esc(value));
                }
                lines.push(line);
            }
        }
        lines.join("\n")
    }

    fn html_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                html_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "html") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_fixture_page_reads_from_lines_as_written() {
        let mut paths = Vec::new();
        html_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut paths,
        );
        assert!(paths.len() >= 40, "{}", paths.len());
        for path in paths {
            let html = std::fs::read_to_string(&path).unwrap();
            let mut page = crate::html::page_from_html(&html, "https://example.com/account");
            page.url.clear();
            assert!(page.nodes.len() > 1, "{}", path.display());
            let read = PageSnapshot::from_lines(&to_lines(&page));
            assert_eq!(read, Ok(page), "{}", path.display());
        }
    }

    #[test]
    fn lines_escapes_and_edges() {
        let text = "en\\tUS\\x\nMy \\ Account\n\tbody\tb\tclass\ta\\nb\\\\c\\\tid\tz\n0\t\tC:\\dir \\t 5 GB\n0\tx-widget\t\taria-label\t\n0\tdiv\tb";
        let page = PageSnapshot::from_lines(text).unwrap();
        assert_eq!(page.lang.as_deref(), Some("en\tUS\\x"));
        assert_eq!(page.title, "My \\ Account");
        assert_eq!(page.nodes.len(), 4);
        let body = &page.nodes[0];
        assert_eq!(
            (body.parent, body.tag.as_str(), body.block),
            (None, "body", true)
        );
        assert_eq!(body.attr("class"), Some("a\nb\\c\\"));
        assert_eq!(body.attr("id"), Some("z"));
        let text_node = &page.nodes[1];
        assert!(text_node.is_text());
        assert_eq!(text_node.parent, Some(0));
        assert_eq!(
            text_node.text.as_deref(),
            Some("C:\\dir \\t 5 GB"),
            "text is not unescaped"
        );
        assert_eq!(page.nodes[2].tag.as_str(), "x-widget");
        assert_eq!(page.nodes[2].attr("aria-label"), Some(""));
        assert!(!page.nodes[2].block);
        // No nodes, no lang.
        let empty = PageSnapshot::from_lines("\nTitle").unwrap();
        assert_eq!(
            (empty.lang, empty.title.as_str(), empty.nodes.len()),
            (None, "Title", 0)
        );
        assert_eq!(PageSnapshot::from_lines("").unwrap().nodes.len(), 0);
    }

    #[test]
    fn lines_refuse_what_the_content_script_never_writes() {
        for (text, node) in [
            ("\n\n\tbody\tb\nx\tdiv\t", 1), // a parent that is not an index
            ("\n\n-1\tdiv\t", 0),           // (not a negative one)
            ("\n\n\tbody\tb\n0\tdiv\n99999999999\tp", 2), // (nor past u32)
            ("\n\n\tbody\tb\n", 1),         // no tag
            ("\n\n\tbody\tb\n0\tdiv\tB", 1), // flags other than `b`
            ("\n\n\tbody\tb\tclass", 0),    // an attribute without a value
        ] {
            assert_eq!(
                PageSnapshot::from_lines(text),
                Err(LinesError { node }),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_read_any_text_without_panic(text in "[\\t\\n\\\\0-9a-z#b ]{0,60}") {
            let _ = PageSnapshot::from_lines(&text);
        }

        #[test]
        fn lines_read_back_any_values(lang in "[\\PC\\t\\n]{0,12}", value in "[\\PC\\t\\n]{0,12}") {
            let mut page = PageSnapshot { lang: Some(lang).filter(|l| !l.is_empty()), ..Default::default() };
            let mut attrs = Attrs::new();
            attrs.insert("title", value);
            page.nodes.push(PageNode { tag: "div".into(), attrs, ..Default::default() });
            proptest::prop_assert_eq!(PageSnapshot::from_lines(&to_lines(&page)), Ok(page));
        }
    }

    #[test]
    fn validate_rejects_forward_parent() {
        let mut page = PageSnapshot {
            url: "https://x/".into(),
            ..Default::default()
        };
        page.nodes.push(PageNode {
            parent: Some(1),
            tag: "div".into(),
            ..Default::default()
        });
        page.nodes.push(PageNode {
            parent: None,
            tag: "div".into(),
            ..Default::default()
        });
        assert_eq!(page.validate(), Err(PageError::BadParent { node: 0 }));
    }

    #[test]
    fn common_names_are_static() {
        for n in COMMON_NAMES.iter().chain(KEPT_ATTRIBUTES) {
            // A name added to `KEPT_ATTRIBUTES` needs its arm in `Name::common`.
            assert_eq!(Name::common(n), Some(*n), "{n} is missing in Name::common");
            assert!(matches!(Name::new(n).0, NameRepr::Static(_)));
        }
        assert_eq!(Name::common("x-widget"), None);
        assert_eq!(Name::new("x-widget"), "x-widget");
        assert_eq!(Name::from("x-widget".to_string()), Name::new("x-widget"));
    }

    #[test]
    fn attrs_keep_the_map_json_form() {
        let node: PageNode = serde_json::from_str(
            r##"{"t":"div","a":{"role":"x","class":"a b","role":"button","zz-custom":"1"}}"##,
        )
        .unwrap();
        assert_eq!(node.attr("role"), Some("button"));
        assert_eq!(node.attr("class"), Some("a b"));
        assert_eq!(node.attrs.len(), 3);
        assert_eq!(
            serde_json::to_string(&node).unwrap(),
            r##"{"t":"div","a":{"class":"a b","role":"button","zz-custom":"1"}}"##
        );
        let mut attrs = Attrs::new();
        assert_eq!(attrs.insert("role", "a".into()), None);
        assert_eq!(attrs.insert("class", "c".into()), None);
        assert_eq!(attrs.insert("role", "b".into()), Some("a".into()));
        assert_eq!(
            attrs.iter().collect::<Vec<_>>(),
            vec![("class", "c"), ("role", "b")]
        );
        assert_eq!(format!("{attrs:?}"), r#"{"class": "c", "role": "b"}"#);
    }

    #[test]
    fn compact_json_shape() {
        let page: PageSnapshot = serde_json::from_str(
            r##"{"url":"https://www.t-mobile.com/","nodes":[{"t":"body","b":true},{"p":0,"t":"#text","x":"5 GB"}]}"##,
        )
        .unwrap();
        assert!(page.validate().is_ok());
        assert!(page.nodes[1].is_text());
        assert_eq!(page.nodes[1].parent, Some(0));
    }
}
