//! The page snapshot: a compact, visible-only picture of a web page's DOM.
//!
//! In the browser the content script (`extension/content.js`) walks the live DOM and
//! produces this; natively `html::page_from_html` builds the same thing from a saved
//! HTML file. Extraction only ever sees a `PageSnapshot`, so both paths share one engine.
//!
//! Nodes are in document (pre-)order. Each node names its parent by index, so children
//! of a node appear after it, in order. Hidden subtrees (display:none,
//! visibility:hidden, the `hidden` attribute, `aria-hidden="true"`, zero size) are left
//! out entirely by whoever builds the snapshot: nothing hidden can supply a value.

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
