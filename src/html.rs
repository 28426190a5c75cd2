//! Native HTML → [`PageSnapshot`], following the walker contract in `page.rs`.
//!
//! Differences from the browser walker that the contract allows: visibility comes from
//! the inline `style` attribute only (no style sheets), `block` comes from the tag's
//! default display (table below; an ARIA table part's role counts as a table tag) overridden
//! by an inline `display:`, and a box is
//! collapsed only by its inline `style`: a zero `width`, `height`, `max-width` or
//! `max-height` (`0`, `0px`, `0em`, `0%`…; not undone by a `min-` size or padding on that
//! axis) with an `overflow` / `overflow-x` / `overflow-y` other than `visible`, or a zero
//! `width` and `height` together, on an element whose box takes a size (not an inline
//! one, `display: contents` or a table part). Such an element is left out with its whole
//! subtree (the browser leaves out only the texts holding a digit below it). Like the
//! browser's user-agent style sheet, `dialog` without `open` and `rp` are not rendered,
//! so they are left out, and a closed `details` shows only its `summary`.

use crate::page::{
    fold_space, Attrs, PageNode, PageSnapshot, KEPT_ATTRIBUTES, MAX_NODES, MAX_TEXT,
};
use scraper::{ElementRef, Html, Node};

/// How deep `iframe srcdoc` documents may nest before they are left out.
const MAX_FRAME_DEPTH: usize = 8;

/// ARIA roles of table parts, blocks like the tags' table parts.
const ARIA_TABLE_PARTS: &[&str] = &[
    "table",
    "grid",
    "treegrid",
    "rowgroup",
    "row",
    "cell",
    "gridcell",
    "columnheader",
    "rowheader",
];

/// Tags whose default (user-agent) display is not inline: they start a new line.
/// Table parts (`table-row`, `table-cell`, …) and `list-item` count as block, as in
/// the browser walker where only `inline*` and `contents` are inline.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "p",
    "plaintext",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "xmp",
];

/// Tags left out with their whole subtree.
const LEFT_OUT_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "option", "datalist", "rp",
];

/// Builds the page snapshot of an HTML document. Never fails: malformed HTML is parsed
/// the way browsers parse it.
pub fn page_from_html(html: &str, url: &str) -> PageSnapshot {
    let doc = Html::parse_document(html);
    let mut page = PageSnapshot {
        url: url.to_string(),
        ..Default::default()
    };
    let root = doc.root_element();
    if root.value().name().eq_ignore_ascii_case("html") {
        if let Some(lang) = root.value().attr("lang") {
            let lang = lang.trim();
            if !lang.is_empty() {
                page.lang = Some(lang.to_string());
            }
        }
    }
    page.title = find_title(root).unwrap_or_default();
    let mut walker = Walker {
        nodes: Vec::new(),
        frame_depth: 0,
    };
    if let Some(body) = find_body(root) {
        walker.walk(body, None);
    }
    page.nodes = walker.nodes;
    page
}

struct Walker {
    nodes: Vec<PageNode>,
    frame_depth: usize,
}

impl Walker {
    /// Walks `start` (an element that is visible or not: it is checked) and its subtree
    /// without recursion, appending nodes with `parent` as the parent of `start`.
    fn walk(&mut self, start: ElementRef<'_>, parent: Option<u32>) {
        let mut stack = vec![(*start, parent)];
        while let Some((node, parent)) = stack.pop() {
            if self.nodes.len() >= MAX_NODES {
                return;
            }
            match node.value() {
                Node::Text(text) => self.push_text(text, parent),
                Node::Element(el) => {
                    let tag = el.name().to_ascii_lowercase();
                    if tag == "slot" {
                        // A slot draws the light-DOM children of its host assigned to it,
                        // else its own children; it is no node of the snapshot itself.
                        for child in slot_content(node).into_iter().rev() {
                            stack.push((child, parent));
                        }
                        continue;
                    }
                    let style = el.attr("style").map(parse_style).unwrap_or_default();
                    if is_left_out(&tag, el, &style) {
                        continue;
                    }
                    let block = match style.display.as_deref() {
                        _ if tag == "br" => true,
                        Some(display) => !is_inline_display(display),
                        // ARIA table parts (`<div role=row>`, `<span role=cell>`) are laid
                        // out by their page's style as table parts, flex or grid items:
                        // blocks in the browser walker.
                        None => {
                            BLOCK_TAGS.contains(&tag.as_str())
                                || el
                                    .attr("role")
                                    .is_some_and(|r| ARIA_TABLE_PARTS.contains(&r))
                        }
                    };
                    let mut attrs = Attrs::new();
                    for (name, value) in el.attrs() {
                        let name = name.to_ascii_lowercase();
                        if KEPT_ATTRIBUTES.contains(&name.as_str()) && !attrs.contains_key(&name) {
                            attrs.insert(&name, value.to_string());
                        }
                    }
                    let index = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
                    self.nodes.push(PageNode {
                        parent,
                        tag: tag.as_str().into(),
                        attrs,
                        block,
                        ..Default::default()
                    });
                    if tag == "select" {
                        // A drop-down shows its chosen option (a line picker: `Line
                        // (•••) •••-4821`); its other options are left out.
                        if let Some(shown) = ElementRef::wrap(node).and_then(shown_option) {
                            self.push_text(&shown, Some(index));
                        }
                        continue;
                    }
                    if tag == "input" {
                        // A read-only field shows its value (a settings form's `Phone
                        // number [(646) 555-0219]`).
                        if let Some(value) = shown_value(el) {
                            self.push_text(value, Some(index));
                        }
                        continue;
                    }
                    if tag == "iframe" {
                        // The frame's own children are fallback content that is never shown;
                        // a `srcdoc` document is walked in place.
                        if let Some(srcdoc) = el.attr("srcdoc") {
                            self.walk_frame(srcdoc, index);
                        }
                        continue;
                    }
                    // Push children in reverse so they pop in document order. A closed
                    // `details` shows only its (first) `summary`; a shadow host shows its
                    // shadow tree (see `shadow_tree`).
                    let closed = tag == "details" && el.attr("open").is_none();
                    let children: Vec<_> = if let Some(tree) = shadow_tree(node) {
                        tree.children().collect()
                    } else if closed {
                        node.children()
                            .find(|c| {
                                c.value()
                                    .as_element()
                                    .is_some_and(|e| e.name().eq_ignore_ascii_case("summary"))
                            })
                            .into_iter()
                            .collect()
                    } else {
                        node.children().collect()
                    };
                    for child in children.into_iter().rev() {
                        stack.push((child, Some(index)));
                    }
                }
                _ => {}
            }
        }
    }

    /// Appends a text node (folded, cut at [`MAX_TEXT`]) unless it is empty.
    fn push_text(&mut self, text: &str, parent: Option<u32>) {
        let mut folded = fold_space(text);
        if folded.is_empty() {
            return;
        }
        if let Some((cut, _)) = folded.char_indices().nth(MAX_TEXT) {
            folded.truncate(cut);
        }
        self.nodes.push(PageNode {
            parent,
            tag: "#text".into(),
            text: Some(folded),
            ..Default::default()
        });
    }

    fn walk_frame(&mut self, srcdoc: &str, iframe: u32) {
        if self.frame_depth >= MAX_FRAME_DEPTH {
            return;
        }
        let doc = Html::parse_document(srcdoc);
        if let Some(body) = find_body(doc.root_element()) {
            self.frame_depth += 1;
            self.walk(body, Some(iframe));
            self.frame_depth -= 1;
        }
    }
}

/// The text a `select` shows when it is a drop-down (no `multiple`, no `size` over 1):
/// its selected option (the last one marked `selected`, else the first one not
/// `disabled`), by its `label` attribute or else its text, as the browser draws it.
fn shown_option(select: ElementRef<'_>) -> Option<String> {
    let el = select.value();
    let size = el.attr("size").and_then(|s| s.trim().parse::<u32>().ok());
    if el.attr("multiple").is_some() || size.is_some_and(|s| s > 1) {
        return None;
    }
    let options: Vec<ElementRef<'_>> = select
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name().eq_ignore_ascii_case("option"))
        .collect();
    let option = options
        .iter()
        .rev()
        .find(|o| o.value().attr("selected").is_some())
        .or_else(|| {
            options
                .iter()
                .find(|o| o.value().attr("disabled").is_none())
        })?;
    match option.value().attr("label") {
        Some(label) if !label.is_empty() => Some(label.to_string()),
        _ => Some(option.text().collect()),
    }
}

/// Input types that show no text of their own (or none worth reading: a password).
const NO_TEXT_INPUTS: &[&str] = &[
    "checkbox", "radio", "submit", "button", "reset", "image", "file", "range", "color",
    "password", "hidden",
];

/// The text a read-only (`readonly` or `disabled`) field shows: its `value` attribute,
/// unless empty or of a type that shows none. An editable field holds what the user
/// types, not account data.
fn shown_value(input: &scraper::node::Element) -> Option<&str> {
    if input.attr("readonly").is_none() && input.attr("disabled").is_none() {
        return None;
    }
    let kind = input.attr("type").unwrap_or("text").trim();
    if NO_TEXT_INPUTS.iter().any(|t| kind.eq_ignore_ascii_case(t)) {
        return None;
    }
    input.attr("value").filter(|v| !v.is_empty())
}

fn is_left_out(tag: &str, el: &scraper::node::Element, style: &InlineStyle) -> bool {
    if LEFT_OUT_TAGS.contains(&tag) {
        return true;
    }
    if tag == "input"
        && el
            .attr("type")
            .is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
    {
        return true;
    }
    if tag == "dialog" && el.attr("open").is_none() {
        return true;
    }
    if el.attr("hidden").is_some() {
        return true;
    }
    if el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if style.display.as_deref() == Some("none") {
        return true;
    }
    if style.collapses(tag) {
        return true;
    }
    matches!(style.visibility.as_deref(), Some("hidden" | "collapse"))
}

fn is_inline_display(display: &str) -> bool {
    matches!(
        display,
        "inline" | "inline-block" | "inline-flex" | "inline-grid" | "contents"
    )
}

/// Tags whose default box takes a `width` / `height` although their default display is
/// inline: replaced elements and form controls.
const SIZED_INLINE_TAGS: &[&str] = &[
    "audio", "button", "canvas", "embed", "iframe", "img", "input", "meter", "object", "progress",
    "select", "svg", "textarea", "video",
];

/// Table parts: a zero `width` / `height` on them does not hold (a table grows to its
/// content), so they never collapse.
const TABLE_TAGS: &[&str] = &[
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
];

/// The display, visibility and box of an inline `style` attribute (last declaration wins,
/// `!important` ignored; values lower-cased).
#[derive(Debug, Default, PartialEq)]
struct InlineStyle {
    display: Option<String>,
    visibility: Option<String>,
    width: Option<String>,
    height: Option<String>,
    min_width: Option<String>,
    min_height: Option<String>,
    max_width: Option<String>,
    max_height: Option<String>,
    overflow_x: Option<String>,
    overflow_y: Option<String>,
    /// Padding: top, right, bottom, left.
    padding: [Option<String>; 4],
}

impl InlineStyle {
    /// A collapsed box (see the walker contract): a zero width / height / max-width /
    /// max-height that holds (no min- size or padding on that axis) together with an
    /// overflow other than `visible`, or a zero width and a zero height. Only elements
    /// whose box takes a size count: not inline ones, `display: contents`, table parts.
    fn collapses(&self, tag: &str) -> bool {
        let sized = match self.display.as_deref() {
            Some(display) => {
                !matches!(display, "inline" | "contents" | "none")
                    && !display.starts_with("table")
                    && !display.starts_with("inline-table")
            }
            None => {
                (BLOCK_TAGS.contains(&tag) && !TABLE_TAGS.contains(&tag))
                    || SIZED_INLINE_TAGS.contains(&tag)
            }
        };
        if !sized {
            return false;
        }
        let zero_width = (is_zero(&self.width) || is_zero(&self.max_width))
            && !is_positive(&self.min_width)
            && !is_positive(&self.padding[1])
            && !is_positive(&self.padding[3]);
        let zero_height = (is_zero(&self.height) || is_zero(&self.max_height))
            && !is_positive(&self.min_height)
            && !is_positive(&self.padding[0])
            && !is_positive(&self.padding[2]);
        let clips = [&self.overflow_x, &self.overflow_y].into_iter().any(|o| {
            matches!(
                o.as_deref(),
                Some("hidden" | "clip" | "auto" | "scroll" | "overlay")
            )
        });
        (zero_width && zero_height) || ((zero_width || zero_height) && clips)
    }
}

/// A declared length of zero: `0`, `0px`, `-0.0em`, `0%`…
fn is_zero(value: &Option<String>) -> bool {
    let Some(value) = value.as_deref() else {
        return false;
    };
    let number = value.strip_prefix(['+', '-']).unwrap_or(value);
    let unit = number.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let figure = &number[..number.len() - unit.len()];
    figure.contains('0')
        && figure.chars().all(|c| c == '0' || c == '.')
        && figure.matches('.').count() <= 1
        && (unit.is_empty() || unit == "%" || unit.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A declared size that is more than zero (anything but a zero, `auto`, `none` or a
/// CSS-wide keyword).
fn is_positive(value: &Option<String>) -> bool {
    match value.as_deref() {
        None => false,
        Some("auto" | "none" | "initial" | "unset" | "inherit" | "revert" | "revert-layer") => {
            false
        }
        Some(_) => !is_zero(value),
    }
}

fn parse_style(style: &str) -> InlineStyle {
    let mut out = InlineStyle::default();
    for decl in style.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let prop = prop.trim().to_ascii_lowercase();
        let mut value = value.trim().to_ascii_lowercase();
        if let Some(i) = value.find('!') {
            value.truncate(i);
        }
        let words: Vec<&str> = value.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let value = words.join(" ");
        let one = || Some(words[0].to_string());
        match prop.as_str() {
            "display" => out.display = Some(value),
            "visibility" => out.visibility = Some(value),
            "width" => out.width = Some(value),
            "height" => out.height = Some(value),
            "min-width" => out.min_width = Some(value),
            "min-height" => out.min_height = Some(value),
            "max-width" => out.max_width = Some(value),
            "max-height" => out.max_height = Some(value),
            "overflow" => {
                out.overflow_x = one();
                out.overflow_y = Some(words.get(1).unwrap_or(&words[0]).to_string());
            }
            "overflow-x" => out.overflow_x = Some(value),
            "overflow-y" => out.overflow_y = Some(value),
            "padding" => {
                // 1 to 4 values: top, right, bottom, left (CSS's shorthand rule).
                let at = |i: usize| words.get(i).map(|w| w.to_string());
                let top = at(0);
                let right = at(1).or_else(|| top.clone());
                let bottom = at(2).or_else(|| top.clone());
                let left = at(3).or_else(|| right.clone());
                out.padding = [top, right, bottom, left];
            }
            "padding-top" => out.padding[0] = Some(value),
            "padding-right" => out.padding[1] = Some(value),
            "padding-bottom" => out.padding[2] = Some(value),
            "padding-left" => out.padding[3] = Some(value),
            _ => {}
        }
    }
    out
}

type Dom<'a> = ego_tree::NodeRef<'a, Node>;

/// Tags that may hold a shadow root besides custom elements (`attachShadow`'s list).
const SHADOW_HOST_TAGS: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "body",
    "div",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
    "nav",
    "p",
    "section",
    "span",
];

/// The shadow tree of `host` written as declarative shadow DOM (its first child `<template
/// shadowrootmode="open">`, or `"closed"` on a custom element, as the HTML parser attaches it): the template's content,
/// which the browser draws in place of the host's children. `None` for any other element.
fn shadow_tree(host: Dom<'_>) -> Option<Dom<'_>> {
    let name = host.value().as_element()?.name();
    let custom = name.contains('-') && name.starts_with(|c: char| c.is_ascii_lowercase());
    if !custom && !SHADOW_HOST_TAGS.contains(&name) {
        return None;
    }
    // A closed root counts on a custom element only, as in the browser walker (which opens
    // closed roots of custom elements alone).
    let template = host.children().find(|c| {
        c.value().as_element().is_some_and(|e| {
            e.name() == "template"
                && e.attr("shadowrootmode").is_some_and(|m| {
                    m.eq_ignore_ascii_case("open") || (custom && m.eq_ignore_ascii_case("closed"))
                })
        })
    })?;
    // The parser keeps a template's content in a fragment, its one child.
    template
        .first_child()
        .filter(|f| matches!(f.value(), Node::Fragment))
}

/// The host whose shadow tree holds `node`, if any: the nearest fragment above it that is
/// a host's shadow tree.
fn shadow_host_of(node: Dom<'_>) -> Option<Dom<'_>> {
    node.ancestors().find_map(|a| {
        let host = a.parent()?.parent()?;
        (matches!(a.value(), Node::Fragment) && shadow_tree(host) == Some(a)).then_some(host)
    })
}

/// What a `slot` draws: the children of its host assigned to it (elements whose `slot`
/// attribute is its name, or, for the unnamed slot, elements without one and texts), when
/// it is the first slot of that name in the shadow tree; otherwise its own children (its
/// fallback content). A slot outside a shadow tree draws its children.
fn slot_content<'a>(slot: Dom<'a>) -> Vec<Dom<'a>> {
    let Some(host) = shadow_host_of(slot) else {
        return slot.children().collect();
    };
    fn name_of<'a>(n: Dom<'a>) -> Option<&'a str> {
        n.value().as_element().map(|e| e.attr("name").unwrap_or(""))
    }
    let name = name_of(slot).unwrap_or("");
    let first = shadow_tree(host).and_then(|tree| {
        tree.descendants().find(|d| {
            d.value().as_element().is_some_and(|e| e.name() == "slot") && name_of(*d) == Some(name)
        })
    });
    if first != Some(slot) {
        return slot.children().collect();
    }
    let template = shadow_tree(host).and_then(|tree| tree.parent());
    let assigned: Vec<_> = host
        .children()
        .filter(|c| Some(*c) != template)
        .filter(|c| match c.value() {
            Node::Element(e) => e.attr("slot").unwrap_or("") == name,
            Node::Text(_) => name.is_empty(),
            _ => false,
        })
        .collect();
    if assigned.is_empty() {
        slot.children().collect()
    } else {
        assigned
    }
}

fn child_element<'a>(el: ElementRef<'a>, tag: &str) -> Option<ElementRef<'a>> {
    el.children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name().eq_ignore_ascii_case(tag))
}

/// The `body` of a document whose root element is `root` (`None` for a frameset page).
fn find_body(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    child_element(root, "body")
}

/// `document.title`: the text of the first `title` element, folded.
fn find_title(root: ElementRef<'_>) -> Option<String> {
    let title = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name().eq_ignore_ascii_case("title"))?;
    let text: String = title.text().collect();
    Some(fold_space(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &PageSnapshot) -> Vec<&str> {
        page.nodes
            .iter()
            .filter_map(|n| n.text.as_deref())
            .collect()
    }

    #[test]
    fn basic_document() {
        let page = page_from_html(
            r#"<!doctype html><html lang="en-US"><head><title> My
            Account </title><style>p{}</style></head>
            <body><div id="a" class="x y" style="color:red" data-foo="1"><span>Data</span> <b>5&nbsp;GB</b></div>
            <script>var x = 1;</script><!-- comment --></body></html>"#,
            "https://www.t-mobile.com/account",
        );
        assert_eq!(page.lang.as_deref(), Some("en-US"));
        assert_eq!(page.title, "My Account");
        assert!(page.validate().is_ok());
        assert_eq!(page.nodes[0].tag, "body");
        assert!(page.nodes[0].block);
        assert_eq!(texts(&page), vec!["Data", "5 GB"]);
        let div = &page.nodes[1];
        assert_eq!(div.tag, "div");
        assert!(div.block);
        assert_eq!(div.attr("id"), Some("a"));
        assert_eq!(div.attr("class"), Some("x y"));
        assert_eq!(div.attr("style"), None);
        assert_eq!(div.attr("data-foo"), None);
        let span = &page.nodes[2];
        assert_eq!(
            (span.tag.as_str(), span.block, span.parent),
            ("span", false, Some(1))
        );
    }

    #[test]
    fn hidden_things_are_left_out() {
        let page = page_from_html(
            r#"<body><p hidden>a</p><p aria-hidden="true">b</p><p style="display: none !important">c</p>
            <p style="visibility:hidden">d</p><p style="visibility: collapse">e</p>
            <input type="HIDDEN" name="x"><select multiple><option>f</option></select>
            <noscript>g</noscript><template><p>h</p></template><p style="display:none;display:block">i</p>
            <p aria-hidden="false">j</p><dialog>k</dialog><dialog open>l</dialog>
            <details><summary>m</summary><p>n</p><summary>o</summary></details>
            <details open><summary>p</summary><p>q</p></details></body>"#,
            "https://x/",
        );
        assert_eq!(texts(&page), vec!["i", "j", "l", "m", "p", "q"]);
        assert!(page.nodes.iter().any(|n| n.tag == "select"));
        assert!(!page.nodes.iter().any(|n| n.tag == "input"));
    }

    /// The tag of the element holding the text node `text`.
    fn parent_tag<'a>(page: &'a PageSnapshot, text: &str) -> Option<&'a str> {
        page.nodes
            .iter()
            .find(|n| n.text.as_deref() == Some(text))
            .and_then(|n| n.parent)
            .map(|p| page.nodes[p as usize].tag.as_str())
    }

    #[test]
    fn a_drop_down_shows_its_chosen_option_only() {
        let page = page_from_html(
            r#"<body><label>Line</label><select><option>(•••) •••-1111</option>
            <option selected>(•••) •••-2222</option><option>(•••) •••-3333</option></select>
            <select><option disabled>Pick one</option><optgroup label="g"><option> 09  12 </option></optgroup></select>
            <select><option selected>a</option><option selected>b</option></select>
            <select><option label="short" selected>long text</option><option>c</option></select>
            <select size="3"><option>d</option></select><select size="1"><option>e</option></select>
            <select></select><datalist><option>f</option></datalist></body>"#,
            "https://x/",
        );
        assert_eq!(
            texts(&page),
            vec!["Line", "(•••) •••-2222", "09 12", "b", "short", "e"]
        );
        // The shown text is the drop-down's child, as in the browser's walk.
        assert_eq!(parent_tag(&page, "(•••) •••-2222"), Some("select"));
    }

    #[test]
    fn a_shadow_host_shows_its_shadow_tree_with_slotted_children() {
        let page = page_from_html(
            r#"<body><usage-card class="u"><template shadowrootmode="open"><h2><slot name="title">Data</slot></h2>
            <p>Left <b>3.2 GB</b> of <slot>?</slot></p><slot name="none">none given</slot><slot name="title">again</slot>
            </template><span slot="title">High-speed data</span>10 GB<span slot="other">9 GB unshown</span></usage-card>
            <div><template shadowrootmode="open"><p>Due <slot></slot></p></template>Dec 9</div>
            <x-due><template shadowrootmode="closed"><p>Paid <slot></slot></p></template>Nov 9</x-due>
            <div><template shadowrootmode="closed"><p>closed div root</p></template>Oct 9</div>
            <table><template shadowrootmode="open"><p>not a host</p></template><tr><td>cell</td></tr></table>
            <x-plain>light only</x-plain><slot>loose slot</slot></body>"#,
            "https://x/",
        );
        assert_eq!(
            texts(&page),
            vec![
                "High-speed data",
                "Left",
                "3.2 GB",
                "of",
                "10 GB",
                "none given",
                "again",
                "Due",
                "Dec 9",
                "Paid",
                "Nov 9",
                "Oct 9",
                "cell",
                "light only",
                "loose slot"
            ]
        );
        // Slots are no nodes: a slotted child's parent is the slot's parent.
        assert_eq!(parent_tag(&page, "High-speed data"), Some("span"));
        let span = page
            .nodes
            .iter()
            .position(|n| n.tag.as_str() == "span")
            .unwrap();
        assert_eq!(
            page.nodes[span]
                .parent
                .map(|p| page.nodes[p as usize].tag.as_str()),
            Some("h2")
        );
        assert_eq!(parent_tag(&page, "10 GB"), Some("p"));
        assert!(page
            .nodes
            .iter()
            .all(|n| n.tag.as_str() != "slot" && n.tag.as_str() != "template"));
    }

    #[test]
    fn a_read_only_field_shows_its_value() {
        let page = page_from_html(
            r#"<body><label>Phone</label><input readonly value="(646) 555-0219">
            <input disabled type="TEL" value=" 12  34 "><input value="typed">
            <input readonly type="password" value="secret"><input readonly type="checkbox" value="on">
            <input readonly type="submit" value="Pay"><input readonly value=""><input disabled type="wat" value="w"></body>"#,
            "https://x/",
        );
        assert_eq!(texts(&page), vec!["Phone", "(646) 555-0219", "12 34", "w"]);
        assert_eq!(parent_tag(&page, "(646) 555-0219"), Some("input"));
    }

    #[test]
    fn inline_display_overrides_tag_default() {
        let page = page_from_html(
            r#"<body><div style="display:inline">a</div><span style="display: block">b</span>
            <span style="display:flex">c</span><div style="display:inline-flex">d</div><br><td>x</td>
            <li style="display:contents">e</li><span role="cell">f</span>
            <span role="cell" style="display:inline">g</span><span role="note">h</span></body>"#,
            "https://x/",
        );
        let block_of = |tag: &str, text: &str| {
            let i = page
                .nodes
                .iter()
                .position(|n| n.text.as_deref() == Some(text))
                .unwrap();
            let p = page.nodes[i].parent.unwrap() as usize;
            assert_eq!(page.nodes[p].tag, tag);
            page.nodes[p].block
        };
        assert!(!block_of("div", "a"));
        assert!(block_of("span", "b"));
        assert!(block_of("span", "c"));
        assert!(!block_of("div", "d"));
        assert!(!block_of("li", "e"));
        assert!(block_of("span", "f"));
        assert!(!block_of("span", "g"));
        assert!(!block_of("span", "h"));
        assert!(page.nodes.iter().any(|n| n.tag == "br" && n.block));
    }

    #[test]
    fn srcdoc_frames_are_walked_in_place() {
        let page = page_from_html(
            r#"<body><p>top</p><iframe srcdoc="<html><body><div>Balance <b>$5.00</b></div></body></html>">fallback</iframe><p>after</p></body>"#,
            "https://x/",
        );
        assert_eq!(texts(&page), vec!["top", "Balance", "$5.00", "after"]);
        let iframe = page.nodes.iter().position(|n| n.tag == "iframe").unwrap();
        let frame_body = &page.nodes[iframe + 1];
        assert_eq!(frame_body.tag, "body");
        assert_eq!(frame_body.parent, Some(iframe as u32));
        assert!(page.validate().is_ok());
    }

    #[test]
    fn long_text_is_cut_and_space_folded() {
        let long = "é".repeat(MAX_TEXT + 50);
        let page = page_from_html(
            &format!("<body><p>  {long}  </p><p> \u{a0} </p></body>"),
            "u",
        );
        let t = texts(&page);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].chars().count(), MAX_TEXT);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "<body>{}x{}</body>",
            "<span>".repeat(50_000),
            "</span>".repeat(50_000)
        );
        let page = page_from_html(&html, "u");
        assert!(page.validate().is_ok());
        assert_eq!(texts(&page), vec!["x"]);
    }

    #[test]
    fn collapsed_boxes_are_left_out_with_their_subtree() {
        let page = page_from_html(
            r#"<body>
            <div style="width:0;height:0;overflow:hidden"><div><span>a 7.77 GB</span></div></div>
            <div style="height: 0px; overflow: hidden">b</div>
            <section style="max-height:0;overflow-y:clip"><p>c</p></section>
            <div style="width:0%;overflow-x:hidden">d</div>
            <div style="max-width:0em;overflow:auto">e</div>
            <div style="width:0;height:0">f</div>
            <iframe style="width:0;height:0" srcdoc="<p>g</p>"></iframe>
            <div style="height:0">k</div>
            <div style="overflow:hidden">l</div>
            <div style="height:0;overflow:visible">m</div>
            <div style="height:0;padding-bottom:56%;overflow:hidden">n</div>
            <div style="max-height:0;min-height:2em;overflow:hidden">o</div>
            <span style="height:0;overflow:hidden">p</span>
            <span style="display:block;height:0;overflow:hidden">q</span>
            <div style="display:contents;width:0;height:0">r</div>
            <table><tr><td style="height:0;overflow:hidden">s</td></tr></table>
            <div style="height:0;overflow:hidden;height:auto">t</div>
            <div style="height:0.5px;overflow:hidden">u</div>
            <div style="height:10px;overflow:hidden">v</div>
            <div style="width:0;height:0;padding:0 4px">w</div>
            </body>"#,
            "https://x/",
        );
        assert_eq!(
            texts(&page),
            vec!["k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "v", "w"]
        );
        assert!(!page.nodes.iter().any(|n| n.tag == "iframe"));
        assert!(page.validate().is_ok());
    }

    #[test]
    fn zero_lengths() {
        let zero = |v: &str| is_zero(&Some(v.to_string()));
        for v in ["0", "0px", "-0", "+0.0em", "0%", ".0rem", "00"] {
            assert!(zero(v), "{v}");
        }
        for v in [
            "1px",
            "0.5px",
            "10",
            "auto",
            "calc(0px)",
            ".",
            "0.0.0",
            "0 px",
            "0px;",
            "",
        ] {
            assert!(!zero(v), "{v}");
        }
        assert!(!is_zero(&None));
    }

    #[test]
    fn overflow_shorthand_sets_both_axes() {
        let style = parse_style("overflow: hidden visible; padding: 1px 0");
        assert_eq!(style.overflow_x.as_deref(), Some("hidden"));
        assert_eq!(style.overflow_y.as_deref(), Some("visible"));
        assert_eq!(
            style.padding.map(|p| p.unwrap_or_default()),
            ["1px", "0", "1px", "0"].map(String::from)
        );
        let style = parse_style("overflow-x:hidden; overflow: visible");
        assert_eq!(style.overflow_x.as_deref(), Some("visible"));
        assert_eq!(style.overflow_y.as_deref(), Some("visible"));
    }

    #[test]
    fn garbage_input_is_fine() {
        for html in [
            "",
            "<",
            "<<<>>>",
            "\u{0}\u{feff}",
            "<iframe srcdoc='<iframe srcdoc=\"&lt;p&gt;x\">'>",
        ] {
            let page = page_from_html(html, "u");
            assert!(page.validate().is_ok());
        }
    }
}
