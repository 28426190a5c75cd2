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
//!   `collapse` (browser: computed style; native: the inline `style` attribute only);
//!   browser only: elements (not `display: contents`, not `br`) whose box has zero width
//!   or height and that either clip their overflow or have no child elements.
//! - Text nodes: `tag = "#text"`, text with runs of ASCII white space and U+00A0 folded to
//!   one space and trimmed ([`fold_space`]); white-space-only text nodes are left out; text
//!   longer than [`MAX_TEXT`] characters is cut there. Invisible marks (zero-width, bidi)
//!   are kept: the parsers strip them.
//! - Elements: lower-case tag, the attributes in [`KEPT_ATTRIBUTES`] that are present, and
//!   `block = true` when the element starts a new line: browser, computed `display` not one
//!   of `inline`, `inline-block`, `inline-flex`, `inline-grid`, `contents`; native, the tag's
//!   default display (see `html.rs`) overridden by an inline `display:`. `br` is always block.
//! - Same-origin iframes are walked in place: the frame document's `body` becomes a child
//!   of the `iframe` node (natively: the `srcdoc` attribute is parsed as that document).
//! - `url` is the top page's URL, `lang` the `<html lang>` attribute, `title` the document
//!   title (folded like text).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PageSnapshot {
    /// The page's URL (the top frame's).
    pub url: String,
    /// `<html lang>` if any, e.g. `en-US`, `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `document.title`.
    #[serde(default)]
    pub title: String,
    /// Visible nodes in document order.
    pub nodes: Vec<PageNode>,
}

/// One visible element or text node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PageNode {
    /// Index of the parent node in `PageSnapshot::nodes`; `None` for the root.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u32>,
    /// Lower-case tag name for elements; `#text` for text nodes.
    #[serde(rename = "t")]
    pub tag: String,
    /// Text content, for text nodes only (whitespace collapsed).
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Kept attributes (see [`KEPT_ATTRIBUTES`]), elements only.
    #[serde(rename = "a", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attrs: BTreeMap<String, String>,
    /// True when the element lays out as a block (starts a new line): computed
    /// `display` other than inline in the browser, tag defaults and inline style natively.
    #[serde(rename = "b", default, skip_serializing_if = "is_false")]
    pub block: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl PageNode {
    pub fn is_text(&self) -> bool {
        self.tag == "#text"
    }
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }
}

/// Folds runs of ASCII white space and U+00A0 to one space and trims: the walkers'
/// text rule (JS: `s.replace(/[ \t\n\f\r\u00a0]+/g, " ").trim()`).
pub fn fold_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\u{c}' | '\r' | '\u{a0}') {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
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

impl PageSnapshot {
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
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = if host.starts_with('[') {
        host
    } else {
        host.split(':').next().unwrap_or("")
    };
    host.trim_end_matches('.').to_ascii_lowercase()
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
