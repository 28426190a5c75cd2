//! The page as the engine reads it: tree arrays (depth, subtree end, nearest block),
//! visual rows of text, class / id hints and regions (promotional, action, loading).
//! Everything here is built in one or two linear passes over the nodes.

use super::matcher::{hint_words, Family, FastMap, HintMatcher, Hit, Kind, Matcher, Place};
use super::names::in_list;
use crate::page::PageSnapshot;

/// No row / no node.
pub const NONE: u32 = u32::MAX;

/// A piece of a row's text taken from one node.
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    pub node: u32,
    pub start: usize,
    pub end: usize,
}

/// A visual line of text: the text nodes between two block boundaries, or the
/// accessible name of an element (`aria-label`, `aria-valuetext`: a virtual row).
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub text: String,
    pub lower: String,
    pub segs: Vec<Seg>,
    /// Built from attributes rather than text nodes.
    pub virtual_row: bool,
    /// Profile words in the row, in text order.
    pub hits: Vec<Hit>,
    /// Holds promotional or help wording outside links and buttons.
    pub promo: bool,
    /// Byte positions of the spaces joining text of two different elements: the data
    /// parser sees them as `|` so a role word stays with its own element's amount
    /// (`1.58 GB used` | `5 GB plan`).
    pub joins: Vec<usize>,
}

impl Row {
    /// The node that holds byte `pos` of the text (the nearest segment).
    pub fn node_at(&self, pos: usize) -> u32 {
        let mut best = self.segs.first().map_or(NONE, |s| s.node);
        for s in &self.segs {
            if s.start <= pos {
                best = s.node;
            } else {
                break;
            }
        }
        best
    }

    pub fn first_node(&self) -> u32 {
        self.segs.first().map_or(NONE, |s| s.node)
    }
}

pub struct Model<'a> {
    pub page: &'a PageSnapshot,
    pub depth: Vec<u32>,
    /// One past the last node of each node's subtree.
    pub end: Vec<u32>,
    pub rows: Vec<Row>,
    /// For each text node, its row; `NONE` for elements.
    pub node_row: Vec<u32>,
    /// The most specific class / id hint of each element.
    pub hint: Vec<Option<Kind>>,
    /// Inside a promotional / help region (by class / id / aria-label words).
    pub promo_region: Vec<bool>,
    /// Inside a link or button.
    pub action: Vec<bool>,
    /// Elements that are `aria-busy="true"`.
    pub busy: Vec<u32>,
    /// Elements that look like loading skeletons or spinners.
    pub loading: usize,
    /// The page has a sign-in field: a password, a user name or a one-time code.
    pub password: bool,
}

/// Longest accessible name used as a virtual row.
const MAX_LABEL_CHARS: usize = 200;

impl<'a> Model<'a> {
    #[inline(never)]
    pub fn build(page: &'a PageSnapshot, matcher: &Matcher, hints: &HintMatcher) -> Model<'a> {
        let n = page.nodes.len();
        let mut depth: Vec<u32> = Vec::with_capacity(n);
        let mut end: Vec<u32> = Vec::with_capacity(n);
        for i in 1..=n {
            end.push(u32::try_from(i).unwrap_or(NONE));
        }
        let mut block_of: Vec<u32> = Vec::with_capacity(n);
        let mut hint: Vec<Option<Kind>> = Vec::with_capacity(n);
        let mut promo_region: Vec<bool> = Vec::with_capacity(n);
        let mut action: Vec<bool> = Vec::with_capacity(n);
        let mut busy = Vec::new();
        let mut loading = 0;
        let mut password = false;
        let mut words = Vec::new();
        let mut hint_memo: FastMap<[Option<&str>; 5], ElementHint> = FastMap::default();

        for (i, node) in page.nodes.iter().enumerate() {
            let index = u32::try_from(i).unwrap_or(NONE);
            let parent = node.parent.map(|p| p as usize).filter(|&p| p < i);
            let inherit =
                |v: &Vec<u32>, dflt: u32| parent.and_then(|p| v.get(p).copied()).unwrap_or(dflt);
            let inherit_b = |v: &Vec<bool>| parent.and_then(|p| v.get(p).copied()).unwrap_or(false);
            depth.push(parent.map_or(0, |_| inherit(&depth, 0).saturating_add(1)));
            let mut my_block = inherit(&block_of, NONE);
            let mut my_promo = inherit_b(&promo_region);
            let mut my_action = inherit_b(&action);
            let mut my_hint = None;
            if !node.is_text() {
                if node.block {
                    my_block = index;
                }
                let role = node.attr("role").unwrap_or("");
                if matches!(node.tag.as_str(), "a" | "button" | "select")
                    || in_list("button link menuitem tab", role)
                {
                    my_action = true;
                }
                if node.attr("aria-busy") == Some("true") {
                    busy.push(index);
                }
                // A password field, or the first step of a sign-in form (the user name or
                // a one-time code asked alone).
                if node.tag == "input"
                    && (node
                        .attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("password"))
                        || node.attr("autocomplete").is_some_and(|a| {
                            a.split_whitespace()
                                .any(|w| in_list("username current-password one-time-code", w))
                        }))
                {
                    password = true;
                }
                // The hint depends only on these attributes: pages repeat the same
                // class names, so each combination is read once.
                let key = [
                    node.attr("id"),
                    node.attr("class"),
                    node.attr("data-testid"),
                    node.attr("name"),
                    node.attr("aria-label"),
                ];
                let found = if key.iter().all(Option::is_none) {
                    ElementHint::default()
                } else if let Some(h) = hint_memo.get(&key) {
                    *h
                } else {
                    let h = element_hint(&key, hints, &mut words);
                    hint_memo.insert(key, h);
                    h
                };
                my_promo |= found.promo;
                loading += found.loading;
                my_hint = found.hint;
            }
            block_of.push(my_block);
            promo_region.push(my_promo);
            action.push(my_action);
            hint.push(my_hint);
        }
        for i in (0..n).rev() {
            let Some(p) = page
                .nodes
                .get(i)
                .and_then(|n| n.parent)
                .map(|p| p as usize)
                .filter(|&p| p < i)
            else {
                continue;
            };
            let mine = end.get(i).copied().unwrap_or(0);
            if let Some(slot) = end.get_mut(p) {
                if mine > *slot {
                    *slot = mine;
                }
            }
        }

        let mut model = Model {
            page,
            depth,
            end,
            rows: Vec::new(),
            node_row: vec![NONE; n],
            hint,
            promo_region,
            action,
            busy,
            loading,
            password,
        };
        model.build_rows(&block_of);
        for row in &mut model.rows {
            row.lower = super::matcher::lower_same_len(&row.text);
            row.hits = matcher.find(&row.lower);
            let figures = row.lower.bytes().any(|b| b.is_ascii_digit());
            let text = &row.text;
            let segs = &row.segs;
            crate::sort::retain(&mut row.hits, |h| match h.place {
                // `不占用共享流量` (does not use the shared data): no label of that data.
                Place::Anywhere => {
                    h.kind != Kind::Data
                        || !text.get(..h.start).is_some_and(|b| {
                            // (Its last six characters: `不占用共享` before `流量`.)
                            let tail = b
                                .char_indices()
                                .rev()
                                .nth(5)
                                .and_then(|(i, _)| b.get(i..))
                                .unwrap_or(b);
                            ["不占用", "不佔用", "不消耗", "不计入", "不計入"]
                                .iter()
                                .any(|w| crate::parse::text::contains(tail, w))
                        })
                }
                // A row with figures that ends by saying it was paid (`Nov 4 Plan renewal
                // $34.00 Paid`, `10/2026 199.00 bezahlt`) is a history entry.
                Place::EndsRow => figures,
                // `<span>开</span>`: an element's whole text.
                Place::WholeElement => segs.iter().any(|s| {
                    let piece = text.get(s.start..s.end).unwrap_or("");
                    let start = s.start + piece.len() - piece.trim_start().len();
                    (start, s.start + piece.trim_end().len()) == (h.start, h.end)
                }),
            });
            let action = &model.action;
            let in_action = |s: &Seg| action.get(s.node as usize).copied().unwrap_or(false);
            let promo_at = row.hits.iter().find_map(|h| {
                // A word of offers inside the note in brackets after an automatic
                // payment's label (`话费自动充值：已开通（…从绑定的翼支付账户自动充值）`:
                // where the money comes from) is no offer.
                let noted = || {
                    super::in_aside(&row.text, h.start)
                        && row.hits.iter().any(|x| {
                            x.end <= h.start
                                && !super::in_aside(&row.text, x.start)
                                && x.kind == Kind::Autopay
                        })
                };
                let promo = h.kind == Kind::Promo
                    && !noted()
                    && (h.place == Place::EndsRow || {
                        let node = row.node_at(h.start) as usize;
                        !action.get(node).copied().unwrap_or(false)
                            // A link inside a sentence that goes on after it (`Want more
                            // hotspot? <a>Upgrade to Go5G Plus</a> for 50GB of …`): the
                            // whole sentence is the offer.
                            || (row.segs.iter().any(|s| s.end <= h.start && !in_action(s))
                                && row
                                    .segs
                                    .iter()
                                    .find(|s| s.start > h.start && !in_action(s))
                                    .and_then(|s| row.text.get(s.start..s.end))
                                    .and_then(|t| t.trim_start().bytes().next())
                                    .is_some_and(|b| b.is_ascii_lowercase()))
                    });
                promo.then_some(h.start)
            });
            // A history or offer word opening a later element of a row that first gives its
            // own label and value (`Account balance $37.40` | `Previous balance $2.40 +
            // refill $35.00`): only that element on is promotional.
            // (Not a word that says the whole row was paid, as its own element at the
            // row's end: `2026年10月` `应缴 51.00元` `已缴清`, a past bill's entry.)
            let tail = promo_at.filter(|&at| {
                !row.hits
                    .iter()
                    .any(|h| h.start == at && h.kind == Kind::Promo && h.place == Place::EndsRow)
                    && (row.joins.contains(&(at.wrapping_sub(1)))
                    // (Not a word that says the whole row was paid: `Due Oct 30 · Paid`.)
                    || (after_separator(&row.text, at)
                        && row.hits.iter().any(|h| {
                            h.start == at && h.kind == Kind::Promo && h.place == Place::Anywhere
                        })))
                    && row
                        .lower
                        .get(..at)
                        .is_some_and(|head| head.bytes().any(|b| b.is_ascii_digit()))
                    && row.hits.iter().any(|h| {
                        h.end < at
                            && matches!(
                                h.kind.family(),
                                Family::Money | Family::Data | Family::Date
                            )
                    })
            });
            // A status chip after a line's masked number in its heading (`Ellie's phone`
            // `(***) ***-0938` `Expired · grace period`, `•••-8826` `Upgrade offer`): the
            // word names that element only, not the line before it.
            let tail = tail.or_else(|| {
                let at = promo_at?;
                let s = row.segs.iter().rev().find(|s| s.start <= at)?;
                let piece = row.text.get(s.start..s.end)?;
                let head = row.text.get(..s.start)?;
                (!piece.bytes().any(|b| b.is_ascii_digit())
                    && crate::parse::text::char_count(piece) <= 32
                    && super::phone::find_phones(head)
                        .iter()
                        .any(|p| p.strength == super::phone::Strength::Strong && !p.toll_free))
                .then_some(s.start)
            });
            if let Some(at) = tail {
                for s in row.segs.iter().filter(|s| s.start >= at) {
                    if let Some(x) = model.promo_region.get_mut(s.node as usize) {
                        *x = true;
                    }
                }
            }
            // An offer opening a row that then gives, element by element, a label and its
            // value after the offer's sentence ends (`<b>New!</b> Get a 5GB bonus when you
            // refill. <b>Balance:</b> $4.50`, inline on a flat page): only the offer is.
            let head = promo_at.filter(|_| tail.is_none()).and_then(|at| {
                let s = row.segs.iter().find(|s| {
                    s.start > at
                        && row.text.get(..s.start).is_some_and(|t| {
                            let t = t.trim_end();
                            super::ends_with_any(t, ".!") || after_separator(&row.text, s.start)
                        })
                        && row.hits.iter().any(|h| {
                            h.start >= s.start
                                && row
                                    .text
                                    .get(s.start..h.start)
                                    .is_some_and(|g| g.trim().is_empty())
                                && (h.kind.family() != Family::None || h.kind == Kind::Line)
                        })
                })?;
                let rest = row.lower.get(s.start..)?;
                let after = || row.hits.iter().filter(|h| h.start >= s.start);
                // (Two labels at least: one `Valid until 12/31` after the offer is its own.)
                (rest.bytes().any(|b| b.is_ascii_digit())
                    && after()
                        .filter(|h| {
                            matches!(h.kind.family(), Family::Money | Family::Data | Family::Date)
                        })
                        .count()
                        >= 2
                    && !after().any(|h| h.kind == Kind::Promo))
                .then_some(s.start)
            });
            if let Some(at) = head {
                for s in row.segs.iter().filter(|s| s.start < at) {
                    if let Some(x) = model.promo_region.get_mut(s.node as usize) {
                        *x = true;
                    }
                }
            }
            row.promo = (promo_at.is_some() && tail.is_none() && head.is_none())
                || names_a_past_month(&row.lower)
                || fine_print(&row.text);
            // A part of the page named an offer (`<section aria-label="为您推荐">`): all of it.
            if row.virtual_row && promo_at.is_some() {
                let node = row.first_node();
                let end = model.end.get(node as usize).copied().unwrap_or(node);
                for x in model
                    .promo_region
                    .iter_mut()
                    .take(end as usize)
                    .skip(node as usize)
                {
                    *x = true;
                }
            }
        }
        model
    }

    fn build_rows(&mut self, block_of: &[u32]) {
        let page = self.page;
        let mut current = Row::default();
        let mut pending_virtual: Vec<Row> = Vec::new();
        let mut current_block = NONE;
        let mut block_since_text = false;
        // The row so far is a share and its caption (`62%` | `Remaining Data`).
        let mut share_captioned = false;
        for (i, node) in page.nodes.iter().enumerate() {
            let index = u32::try_from(i).unwrap_or(NONE);
            if node.is_text() {
                let Some(text) = node.text.as_deref() else {
                    continue;
                };
                // Full-width figures (`３．５ＧＢ`, common on Chinese pages) read as ASCII.
                let text = &*crate::parse::text::fold_figures(text);
                if text.is_empty() {
                    continue;
                }
                let block = block_of.get(i).copied().unwrap_or(NONE);
                // A unit laid out as its own block right after a number (`12.3` | `GB`)
                // still belongs to it.
                // (Not across table rows: `<td>18/12/2026</td></tr><tr><td>GB de regalo`.)
                let unit_after_number = current
                    .text
                    .as_bytes()
                    .last()
                    .is_some_and(u8::is_ascii_digit)
                    && (is_unit(text) || starts_with_unit(text))
                    && current
                        .segs
                        .last()
                        .is_none_or(|s| self.table_row_of(s.node) == self.table_row_of(index));
                // An amount whose sign, dollars and cents are laid out as blocks of their
                // own (`$` | `142` | `.58`, flex or grid children) is still one amount.
                let money_piece = (block_since_text || block != current_block)
                    && self.money_piece(&current, i, text);
                // Figures laid out one per element (an odometer: `4` | `.` | `7` | `5`).
                // (Inline pieces too once a lone decimal separator is among them, before
                // or after: `1` `.` `8` `7` and `2` `7` `.` `5` as spans, where `1 2 3`
                // links are pages.)
                let figure_piece = self.figure_piece(&current, index, text)
                    && (block_since_text
                        || block != current_block
                        || separator_among_pieces(&current)
                        || separator_ahead(page, i));
                // An amount alone in its block and, in the next, its total saying what the
                // amount is (`6.8 GB` | `of 10 GB used`, `9.42` `GB` | `remaining of 15
                // GB`): one reading. Without that word (`12.4 GB` | `de 15 GB`) the label
                // above the amount says it.
                let amount_to_total = is_bare_amount(&current.text)
                    && continues_to_total(text)
                    && crate::parse::data::names_a_role(text);
                let new_block = block_since_text || block != current_block;
                // A share alone in its block (a ring's `68%`) and, in the next, what it is a
                // share of (`of your 10 GB data used`), or its caption when the total
                // follows that (`62%` | `Remaining High-Speed Data` | `of 15 GB`): one
                // reading.
                let share = is_bare_share(&current.text);
                let share_to_total = (share || share_captioned) && continues_to_total(text);
                let share_caption = share
                    && !text.bytes().any(|b| b.is_ascii_digit())
                    && text.len() <= 40
                    && crate::parse::data::names_a_role(text)
                    && page
                        .nodes
                        .iter()
                        .skip(i + 1)
                        .find_map(|n| n.text.as_deref().filter(|t| !t.trim().is_empty()))
                        .is_some_and(|t| continues_to_total(t.trim_start()));
                if new_block {
                    share_captioned = share_caption;
                }
                if new_block
                    && !unit_after_number
                    && !money_piece
                    && !figure_piece
                    && !amount_to_total
                    && !share_to_total
                    && !share_caption
                {
                    self.flush(&mut current, &mut pending_virtual);
                }
                current_block = block;
                block_since_text = false;
                if !current.text.is_empty()
                    && !figure_piece
                    && !cents_after_separator(&current, text)
                    && needs_space(&current.text, text)
                {
                    // The boxes the texts are drawn in (`<strong><span>62%</span></strong>`
                    // is the `strong`'s text).
                    let prev_parent = current.segs.last().and_then(|s| self.drawn_in(s.node));
                    let parent = self.drawn_in(index);
                    // Sibling elements (`<span>1.58 GB used</span><span>5 GB plan</span>`),
                    // not an element and the text around it (`Hotspot: <b>18.4 GB</b>
                    // used of 40 GB`).
                    let parent_of = |p: Option<u32>| {
                        p.and_then(|p| page.nodes.get(p as usize))
                            .and_then(|n| n.parent)
                    };
                    let nested =
                        parent_of(prev_parent) == parent || parent_of(parent) == prev_parent;
                    // A number's unit in its own element (`<span>18.4</span> <span>GB
                    // used</span>`) stays with the number.
                    // `<span>4.1 GB</span> <span>of 6 GB used</span>`: a sibling that goes on
                    // from an amount to its total is one reading.
                    let of_total = current
                        .text
                        .as_bytes()
                        .last()
                        .is_some_and(u8::is_ascii_alphanumeric)
                        && continues_to_total(text);
                    if prev_parent != parent && !nested && !unit_after_number && !of_total {
                        current.joins.push(current.text.len());
                    }
                    current.text.push(' ');
                }
                let start = current.text.len();
                current.text.push_str(text);
                current.segs.push(Seg {
                    node: index,
                    start,
                    end: current.text.len(),
                });
                if let Some(slot) = self.node_row.get_mut(i) {
                    *slot = u32::try_from(self.rows.len()).unwrap_or(NONE);
                }
                continue;
            }
            if node.block {
                block_since_text = true;
            }
            if let Some(row) = virtual_row(node, index) {
                pending_virtual.push(row);
            }
        }
        self.flush(&mut current, &mut pending_virtual);
    }

    /// Whether `text` (node `index`) continues the amount `current` ends with, in one
    /// small container (each piece at most two elements below the pieces' common
    /// ancestor, a translation's `<font>` wrappers not counted): a currency sign standing
    /// alone followed by its figures, whole units followed by their cents (`$142` |
    /// `.58`), a decimal separator standing alone between whole units and two digits
    /// (`32` | `,` | `40`), its cents (`32,` | `40`), or a currency sign after an amount
    /// with cents (`32,40` | `€`).
    fn money_piece(&self, current: &Row, index: usize, text: &str) -> bool {
        let nodes = &self.page.nodes;
        let Some(last) = current.segs.last() else {
            return false;
        };
        let near = |a: u32, b: u32| {
            self.height_untranslated(a, b) <= 2 && self.height_untranslated(b, a) <= 2
        };
        let me = u32::try_from(index).unwrap_or(NONE);
        if !near(last.node, me) {
            return false;
        }
        let sign = crate::parse::money::is_currency_sign;
        let prev = current.text.trim_end();
        if sign(prev) || sign(crate::parse::text::after_last(prev, b' ')) {
            return text.as_bytes().first().is_some_and(u8::is_ascii_digit);
        }
        let two_digits = |t: &str| {
            let b = t.as_bytes();
            b.len() >= 2
                && b.iter().take(2).all(u8::is_ascii_digit)
                && !b.get(2).is_some_and(u8::is_ascii_digit)
        };
        let last_word = crate::parse::text::after_last(prev, b' ');
        let whole = last_word.as_bytes().last().is_some_and(u8::is_ascii_digit)
            && !crate::parse::text::has_any(last_word, ".,");
        if matches!(text, "," | ".") && whole {
            // Only when two digits follow, in the same container.
            let next = nodes
                .iter()
                .enumerate()
                .skip(index + 1)
                .find(|(_, n)| n.is_text());
            return next.is_some_and(|(j, n)| {
                n.text.as_deref().is_some_and(two_digits)
                    && near(me, u32::try_from(j).unwrap_or(NONE))
            });
        }
        if cents_after_separator(current, text) {
            return true;
        }
        if sign(text) {
            // `32,40` | `€`: a figure with cents, then its currency.
            let b = last_word.as_bytes();
            let n = b.len();
            return n >= 4
                && b[n - 2..].iter().all(u8::is_ascii_digit)
                && matches!(b[n - 3], b'.' | b',')
                && b[n - 4].is_ascii_digit();
        }
        let cents = text.len() == 3
            && super::starts_with_any(text, ".,")
            && text.bytes().skip(1).all(|b| b.is_ascii_digit());
        // The sign before the whole units (`$7` | `.15`), or after the cents in the same
        // container (`12` | `,45` | `€`).
        cents
            && whole
            && (crate::parse::text::has_any(last_word, "$¥￥€£")
                || nodes
                    .iter()
                    .enumerate()
                    .skip(index + 1)
                    .find(|(_, n)| n.text.as_deref().is_some_and(|t| !t.trim().is_empty()))
                    .is_some_and(|(j, n)| {
                        n.text.as_deref().is_some_and(|t| sign(t.trim()))
                            && near(me, u32::try_from(j).unwrap_or(NONE))
                    }))
    }

    /// Whether `text` (node `index`) is one figure continuing a run of figures laid out
    /// one per element: both pieces a single digit, point or comma (or the run's currency
    /// sign), a few levels under one container.
    fn figure_piece(&self, current: &Row, index: u32, text: &str) -> bool {
        let one_figure = |t: &str| {
            let mut c = t.trim().chars();
            c.next()
                .is_some_and(|x| x.is_ascii_digit() || x == '.' || x == ',')
                && c.next().is_none()
        };
        let Some(last) = current.segs.last() else {
            return false;
        };
        let prev = current.text.get(last.start..last.end).unwrap_or("");
        let sign = crate::parse::money::is_currency_sign(prev.trim());
        one_figure(text)
            && (one_figure(prev) || sign)
            && (current
                .text
                .trim_end()
                .as_bytes()
                .last()
                .is_some_and(u8::is_ascii_digit)
                || super::ends_with_any(&current.text, ".,")
                || sign)
            && self.height_to_common(last.node, index) <= 3
            && self.height_to_common(index, last.node) <= 3
    }

    fn flush(&mut self, current: &mut Row, pending: &mut Vec<Row>) {
        if !current.text.is_empty() {
            self.rows.push(std::mem::take(current));
        }
        self.rows.append(pending);
    }

    /// Steps from `a` up to the lowest common ancestor of `a` and `b` (capped).
    pub fn height_to_common(&self, a: u32, b: u32) -> u32 {
        self.height_between(a, b, false)
    }

    /// The table row (`tr`) node `node` stands in, a few levels up.
    pub fn table_row_of(&self, node: u32) -> Option<u32> {
        let nodes = &self.page.nodes;
        let mut cur = nodes.get(node as usize).and_then(|n| n.parent);
        for _ in 0..4 {
            let i = cur?;
            let n = nodes.get(i as usize)?;
            if n.tag == "tr" {
                return Some(i);
            }
            cur = n.parent;
        }
        None
    }

    /// [`Self::height_to_common`] as the page reads before the browser translated it: a
    /// step out of a `<font>` is not counted (a translated page wraps every text in two,
    /// `<dt><font><font>套餐</font></font></dt>`).
    pub fn height_untranslated(&self, a: u32, b: u32) -> u32 {
        self.height_between(a, b, true)
    }

    fn height_between(&self, a: u32, b: u32, skip_font: bool) -> u32 {
        let (mut x, mut y) = (a as usize, b as usize);
        let nodes = &self.page.nodes;
        let mut steps = 0u32;
        let depth = |i: usize| self.depth.get(i).copied().unwrap_or(0);
        let parent = |i: usize| nodes.get(i).and_then(|n| n.parent).map(|p| p as usize);
        // An element alone in a plain wrapper (a `div` or `span` without a role) is
        // grouped by it with nothing new; a `nav`, `section` or `li` is a region of its own.
        let alone = |i: usize| {
            nodes.get(i).is_some_and(|n| !n.is_text())
                && parent(i).is_some_and(|p| {
                    p + 1 == i
                        && self.end.get(p) == self.end.get(i)
                        && nodes.get(p).is_some_and(|w| {
                            (w.tag == "div" || w.tag == "span") && w.attr("role").is_none()
                        })
                })
        };
        let step = |i: usize| {
            u32::from(!skip_font || (nodes.get(i).is_none_or(|n| n.tag != "font") && !alone(i)))
        };
        let mut guard = 0;
        while depth(x) > depth(y) && guard < 64 {
            steps += step(x);
            x = match parent(x) {
                Some(p) => p,
                None => return 99,
            };
            guard += 1;
        }
        while depth(y) > depth(x) && guard < 128 {
            y = match parent(y) {
                Some(p) => p,
                None => return 99,
            };
            guard += 1;
        }
        while x != y && guard < 192 {
            match (parent(x), parent(y)) {
                (Some(px), Some(py)) => {
                    steps += step(x);
                    x = px;
                    y = py;
                }
                _ => return 99,
            }
            guard += 1;
        }
        if x != y {
            return 99;
        }
        steps
    }

    /// The nearest `li` at or above `node`, within `levels` levels.
    fn item_of(&self, node: u32, levels: usize) -> Option<u32> {
        let mut cur = Some(node);
        for _ in 0..=levels {
            let i = cur?;
            let n = self.page.nodes.get(i as usize)?;
            if n.tag == "li" {
                return Some(i);
            }
            cur = n.parent;
        }
        None
    }

    /// True when `a` and `b` are in two items of one list: entries of a menu
    /// (`<li>套餐</li><li>我的联通</li>`), not a label and its value.
    pub fn in_sibling_items(&self, a: u32, b: u32) -> bool {
        match (self.item_of(a, 3), self.item_of(b, 3)) {
            (Some(x), Some(y)) => {
                let parent = |i: u32| self.page.nodes.get(i as usize).and_then(|n| n.parent);
                x != y && parent(x).is_some() && parent(x) == parent(y)
            }
            _ => false,
        }
    }

    /// True when `node` is an entry of a menu: inside navigation, or an item of a list of
    /// three or more items that each hold one short word or two and no figure
    /// (`<aside><ul><li>Dashboard</li><li>Payments</li><li>Add-ons</li>…`, a side menu of
    /// plain items). Such an entry names a page, not the figures after it.
    pub fn in_menu_list(&self, node: u32) -> bool {
        if self.in_navigation(node) {
            return true;
        }
        let nodes = &self.page.nodes;
        let Some(list) = self
            .item_of(node, 3)
            .and_then(|li| nodes.get(li as usize)?.parent)
        else {
            return false;
        };
        let end = self.end.get(list as usize).copied().unwrap_or(0);
        let mut items = 0;
        let mut item_text = 0usize;
        for j in list + 1..end {
            let Some(n) = nodes.get(j as usize) else {
                return false;
            };
            if n.parent == Some(list) {
                if n.tag != "li" {
                    return false;
                }
                items += 1;
                item_text = 0;
            } else if let Some(t) = n.text.as_deref() {
                item_text += t.trim().len();
                if item_text > 24 || t.bytes().any(|b| b.is_ascii_digit()) {
                    return false;
                }
            }
        }
        items >= 3
    }

    /// True when `node` is inside navigation: `nav`, `menu`, or an element whose role is
    /// `navigation`, `menubar`, `menu` or `tablist` (within 8 levels).
    pub fn in_navigation(&self, node: u32) -> bool {
        let mut cur = Some(node);
        for _ in 0..8 {
            let Some(n) = cur.and_then(|i| self.page.nodes.get(i as usize)) else {
                return false;
            };
            if in_list("nav menu", &n.tag)
                || n.attr("role")
                    .is_some_and(|r| in_list("navigation menubar menu tablist", r))
            {
                return true;
            }
            cur = n.parent;
        }
        false
    }

    /// True when `node` is inside the subtree of `root`.
    /// True when text node `node` is a menu's entry: the only text of a link or button
    /// that is a list item of its own or sits in a navigation or footer (a plan menu's
    /// `Unlimited`).
    pub fn menu_entry(&self, node: u32) -> bool {
        let nodes = &self.page.nodes;
        let parent = |i: u32| nodes.get(i as usize).and_then(|n| n.parent);
        let is_action = |i: u32| self.action.get(i as usize).copied().unwrap_or(false);
        let only_text = |root: u32| {
            let end = self.end.get(root as usize).copied().unwrap_or(0);
            (root..end).all(|j| {
                j == node
                    || nodes.get(j as usize).is_none_or(|n| {
                        !n.is_text() || n.text.as_deref().is_none_or(|t| t.trim().is_empty())
                    })
            })
        };
        let mut link = None;
        let mut cur = parent(node);
        while let Some(p) = cur.filter(|&p| is_action(p)) {
            link = Some(p);
            cur = parent(p);
        }
        if !link.is_some_and(only_text) {
            return false;
        }
        let mut steps = 0;
        while let Some(p) = cur.filter(|_| steps < 32) {
            let Some(n) = nodes.get(p as usize) else {
                break;
            };
            let role = n.attr("role").unwrap_or("");
            if in_list("nav footer", &n.tag)
                || in_list("navigation contentinfo menu menubar", role)
                || (steps == 0 && n.tag == "li" && only_text(p))
            {
                return true;
            }
            cur = n.parent;
            steps += 1;
        }
        false
    }

    pub fn contains(&self, root: u32, node: u32) -> bool {
        node >= root && node < self.end.get(root as usize).copied().unwrap_or(0)
    }

    /// The element a text `node` is drawn in: its parent, and when the text is alone in
    /// it, out of up to three inline elements around it that hold nothing else (`<h2><b>0157 3456 7812</b></h2>` is
    /// the heading's text, as `<h2>0157 3456 7812</h2>` is; a translation's `<font>`
    /// wrappers too).
    pub fn drawn_in(&self, node: u32) -> Option<u32> {
        let nodes = &self.page.nodes;
        let mut el = nodes.get(node as usize)?.parent?;
        // Only a text alone in its element: `剩余 <b>3.5</b> GB` is three texts of the `p`.
        if el + 1 != node || self.end.get(el as usize).copied() != Some(node + 1) {
            return Some(el);
        }
        for _ in 0..3 {
            let Some(n) = nodes.get(el as usize) else {
                break;
            };
            let Some(p) = n.parent else {
                break;
            };
            let only_child = p + 1 == el && self.end.get(p as usize) == self.end.get(el as usize);
            if (!n.block || n.tag == "font") && only_child {
                el = p;
            } else {
                break;
            }
        }
        Some(el)
    }

    /// The row of the first text inside element `node` (which may start mid-row),
    /// else the first row after it. Looks at most at `limit` nodes of the subtree.
    pub fn first_row_at(&self, node: u32) -> usize {
        let end = self.end.get(node as usize).copied().unwrap_or(0);
        let stop = end.min(node.saturating_add(64));
        for j in node..stop {
            if let Some(&r) = self.node_row.get(j as usize) {
                if r != NONE {
                    return r as usize;
                }
            }
        }
        self.rows.partition_point(|r| r.first_node() < node)
    }

    /// Ancestor-or-self hint of `node` within `levels` levels up.
    pub fn hint_near(&self, node: u32, levels: usize) -> Option<(u32, Kind)> {
        let mut cur = Some(node);
        for _ in 0..=levels {
            let i = cur? as usize;
            if let Some(k) = self.hint.get(i).copied().flatten() {
                return Some((i as u32, k));
            }
            cur = self.page.nodes.get(i).and_then(|n| n.parent);
        }
        None
    }

    pub fn is_promo_node(&self, node: u32) -> bool {
        self.promo_region
            .get(node as usize)
            .copied()
            .unwrap_or(false)
    }

    /// True when text node `node` is the shown option of a drop-down (`select`).
    pub fn in_drop_down(&self, node: u32) -> bool {
        let nodes = &self.page.nodes;
        nodes
            .get(node as usize)
            .and_then(|n| n.parent)
            .and_then(|p| nodes.get(p as usize))
            .is_some_and(|p| p.tag == "select")
    }

    /// True when node `node` sits in a `form` at most 5 levels up that is a form's own
    /// part of the page: not a whole page wrapped in one (an ASP.NET page's
    /// `<form id="aspnetForm">` around everything, the body's child). (Told by place, not
    /// size: the browser sends a part of the page, where a form's share differs.)
    pub fn in_form(&self, node: u32) -> bool {
        let nodes = &self.page.nodes;
        let mut cur = nodes.get(node as usize).and_then(|n| n.parent);
        for _ in 0..5 {
            let Some(i) = cur else { return false };
            let Some(n) = nodes.get(i as usize) else {
                return false;
            };
            if n.tag == "form" {
                let parent = n.parent.and_then(|p| nodes.get(p as usize));
                return parent.is_some_and(|p| p.tag != "body" && p.tag != "html");
            }
            cur = n.parent;
        }
        false
    }

    /// A short description of an element: `span#id.class1.class2`.
    pub fn describe(&self, node: u32) -> String {
        let Some(n) = self.page.nodes.get(node as usize) else {
            return String::new();
        };
        let (n, _) = if n.is_text() {
            match n.parent.and_then(|p| self.page.nodes.get(p as usize)) {
                Some(p) => (p, true),
                None => return "#text".into(),
            }
        } else {
            (n, false)
        };
        let mut out = n.tag.to_string();
        if let Some(id) = n.attr("id") {
            if !id.is_empty() && id.len() <= 40 {
                out.push('#');
                out.push_str(id);
            }
        }
        if let Some(class) = n.attr("class") {
            for c in class.split_whitespace().take(3) {
                if c.len() <= 40 {
                    out.push('.');
                    out.push_str(c);
                }
            }
        }
        out
    }
}

/// What an element's id / class / test id / name / short `aria-label` words say.
#[derive(Debug, Clone, Copy, Default)]
struct ElementHint {
    hint: Option<Kind>,
    promo: bool,
    loading: usize,
}

/// Reads the hint words of `[id, class, data-testid, name, aria-label]`.
fn element_hint(
    attrs: &[Option<&str>; 5],
    hints: &HintMatcher,
    words: &mut Vec<String>,
) -> ElementHint {
    let [id, class, testid, name, aria_label] = *attrs;
    words.clear();
    for v in [id, class, testid, name].into_iter().flatten() {
        hint_words(v, words);
    }
    if let Some(label) = aria_label {
        if label.split_whitespace().count() <= 6 {
            hint_words(label, words);
        }
    }
    let mut out = ElementHint::default();
    let mut best: Option<(usize, Kind)> = None;
    for (at, kind) in hints.find(words) {
        match kind {
            Kind::Promo => out.promo = true,
            Kind::Loading => out.loading += 1,
            _ => {
                if best.is_none_or(|(b, _)| at >= b) {
                    best = Some((at, kind));
                }
            }
        }
    }
    out.hint = best.map(|(_, k)| k);
    // `line-card__name`, `pool-line__name`, `subscriber-name`: a line's name.
    let line_part = words.iter().any(|w| in_list("line subscriber lines", w));
    let name_last = words
        .last()
        .is_some_and(|w| in_list("name nickname alias", w));
    // But `line-card__planName` is the line's plan name.
    let plan_name = best.is_some_and(|(at, k)| k == Kind::Plan && at + 1 == words.len());
    if line_part && name_last && !plan_name {
        out.hint = Some(Kind::Nickname);
    }
    out
}

/// The text before `at` ends with a separator between entries of one line (`月租扣费日：
/// 2026年12月01日　｜　合约到期：…`, `… · `).
fn after_separator(text: &str, at: usize) -> bool {
    text.get(..at)
        .map(str::trim_end)
        .is_some_and(|t| super::ends_with_any(t, "|｜·•;；"))
}

/// A data or money unit on its own (`GB`, `G`, `MB`, `元`, `%`).
fn is_unit(text: &str) -> bool {
    // (The list's words are lower case: read ignoring ASCII case, no lower-cased copy.)
    crate::parse::text::table_word("gb g mb m kb k tb 元 % gib mib", text, false, true).is_some()
}

/// `GB used`, `MB left`: a text that starts with a data unit word (not the one-letter
/// units, which start ordinary words).
fn starts_with_unit(text: &str) -> bool {
    let first = crate::parse::text::split_byte(text, b' ')
        .next()
        .unwrap_or("");
    first.len() >= 2 && first.len() < text.len() && is_unit(first)
}

/// Whether two adjacent text pieces of one row need a space between them: not inside
/// a split number or amount (`$` + `12` + `.34`).
/// A row of legal fine print (`© 2026 T-Mobile USA, Inc. Prepaid plans: … Hotspot 15GB`,
/// `(c) 2026 …`): the terms of plans in general, not this account's figures.
fn fine_print(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    t.starts_with("©".as_bytes()) || t.starts_with(b"(c) 20") || t.starts_with(b"(C) 20")
}

/// A row that starts with a month's name and a colon (`October: 5.10 GB, $52.10`, `Oct
/// 2026: 4.2 GB`) is a history entry.
fn names_a_past_month(lower: &str) -> bool {
    let Some((head, _)) = crate::parse::text::split_once(lower, ":") else {
        return false;
    };
    let mut words = head.split_whitespace();
    let month = words.next().is_some_and(crate::parse::date::is_month_name);
    let year = words.next();
    month
        && year.is_none_or(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        && words.next().is_none()
}

/// Cents after a decimal separator in an element of its own, after whole units
/// (`<b>32</b>,<b>40</b> €`): one amount, no space.
fn cents_after_separator(current: &Row, text: &str) -> bool {
    let Some(last) = current.segs.last() else {
        return false;
    };
    let sep = current.text.get(last.start..last.end).unwrap_or("").trim();
    let before = current.text.get(..last.start).unwrap_or("").trim_end();
    let b = text.as_bytes();
    matches!(sep, "," | ".")
        && before.as_bytes().last().is_some_and(u8::is_ascii_digit)
        && b.len() >= 2
        && b.iter().take(2).all(u8::is_ascii_digit)
        && !b.get(2).is_some_and(u8::is_ascii_digit)
}

/// True when the row ends with single figures, one per element, among them a lone
/// decimal separator (`1` | `.` | `8`).
/// A lone decimal separator among the one-figure texts that follow node `i` (`2` `7` | `.`
/// `5`): the figures so far are pieces of one amount, not page links.
fn separator_ahead(page: &PageSnapshot, i: usize) -> bool {
    for node in page
        .nodes
        .iter()
        .skip(i + 1)
        .filter(|n| n.is_text())
        .take(6)
    {
        let t = node.text.as_deref().unwrap_or("").trim();
        if t == "." || t == "," {
            return true;
        }
        if !(t.len() == 1 && t.as_bytes()[0].is_ascii_digit()) {
            return false;
        }
    }
    false
}

fn separator_among_pieces(row: &Row) -> bool {
    row.segs
        .iter()
        .rev()
        .map(|s| row.text.get(s.start..s.end).unwrap_or("").trim())
        .take_while(|t| t.len() == 1)
        .any(|t| t == "." || t == ",")
}

fn needs_space(before: &str, after: &str) -> bool {
    let last = before.chars().next_back().unwrap_or(' ');
    let first = after.chars().next().unwrap_or(' ');
    if matches!(
        last,
        '$' | '¥' | '€' | '£' | '￥' | '(' | '+' | '-' | '−' | '/'
    ) {
        return false;
    }
    if matches!(
        first,
        '.' | ',' | '%' | ')' | ':' | '/' | '，' | '：' | '。'
    ) {
        return false;
    }
    // A unit in its own element right after a number (`59.92` `G`, `12.3` `GB`, `58` `元`).
    // Only a unit: `12/04` `for` keeps its space. (Checked on every join: no allocation.)
    const UNITS: &str = "g gb gib m mb mib k kb kib t tb tib 元 分 天 日 円 € eur usd";
    !(last.is_ascii_digit() && crate::parse::text::table_word(UNITS, after, false, true).is_some())
}

fn virtual_row(node: &crate::page::PageNode, index: u32) -> Option<Row> {
    let label = node.attr("aria-label").map(str::trim).unwrap_or("");
    let value = node.attr("aria-valuetext").map(str::trim).unwrap_or("");
    if label.is_empty() && value.is_empty() {
        return None;
    }
    let mut text = String::from(crate::parse::text::first_chars(label, MAX_LABEL_CHARS));
    if !value.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(crate::parse::text::first_chars(value, MAX_LABEL_CHARS));
    }
    let text = crate::page::fold_space(&crate::parse::text::fold_figures(&text));
    if text.is_empty() {
        return None;
    }
    let len = text.len();
    Some(Row {
        text,
        segs: vec![Seg {
            node: index,
            start: 0,
            end: len,
        }],
        virtual_row: true,
        ..Default::default()
    })
}

/// An amount's state before the connector to its total (`remaining of 15 GB`).
const TOTAL_STATES: &str = "remaining |left |used |usados |usado |utilizados |consumidos |restantes |disponibles |verbraucht |verbleibend |genutzt |disponibili |residui |utilizzati |consumati |restants |utilisés |consommés ";
/// Connectors from an amount to its total (`sur` fr, `su` / `di` it, `z` pl).
const TOTAL_CONNECTORS: &str =
    "of |of your |out of |/|von |von deinen |de |de tus |sur |su |di |z ";

/// Whether `gap`, the text between a word and a figure, is only a connector to a total
/// (`restantes de 5 GB`, `left of 10 GB`, `used / 8 GB`): the figure is a total, not the
/// word's own value.
pub(super) fn only_total_connector(gap: &str) -> bool {
    let gap = gap.trim();
    !gap.is_empty()
        && crate::parse::text::split_byte(TOTAL_CONNECTORS, b'|')
            .any(|c| c.trim_end().eq_ignore_ascii_case(gap))
}

/// Whether `text` goes on from an amount to its total (`of 6 GB used`, `/ 5 GB`,
/// `von 10 GB`, `de 25 GB`, `remaining of 15 GB`): a connector, maybe after the
/// amount's state, then a figure.
fn continues_to_total(text: &str) -> bool {
    // Each state word and connector below starts with one of these (most texts start
    // with none: ruled out without reading the lists).
    if !text.bytes().next().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'r' | b'l' | b'u' | b'o' | b'/' | b'v' | b'd' | b'c' | b'g' | b's' | b'z'
        )
    }) {
        return false;
    }
    let text = crate::parse::text::split_byte(TOTAL_STATES, b'|')
        .find_map(|w| {
            text.get(..w.len())
                .filter(|head| head.eq_ignore_ascii_case(w))
                .and_then(|_| text.get(w.len()..))
        })
        .unwrap_or(text);
    crate::parse::text::split_byte(TOTAL_CONNECTORS, b'|').any(|c| {
        text.get(..c.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(c))
            && text.get(c.len()..).is_some_and(|rest| {
                rest.trim_start()
                    .as_bytes()
                    .first()
                    .is_some_and(u8::is_ascii_digit)
            })
    })
}

/// Whether `text` is only a percentage (`62%`, `62 %`).
fn is_bare_share(text: &str) -> bool {
    let t = text.trim();
    t.strip_suffix('%').is_some_and(|f| {
        let f = f.trim_end();
        f.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && f.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    })
}

/// Whether `text` is only a data amount (`6.8 GB`, `9.42GB`).
fn is_bare_amount(text: &str) -> bool {
    let t = text.trim();
    let end = t
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'.' || b == b','))
        .unwrap_or(t.len());
    let (figure, unit) = t.split_at(end);
    let unit = unit.trim_start();
    figure.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && unit.bytes().all(|b| b.is_ascii_alphabetic())
        && is_unit(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_word_and_connector_starts_with_a_byte_the_first_test_lets_through() {
        // (A state word is followed by a connector.)
        let states = crate::parse::text::split_byte(TOTAL_STATES, b'|').map(|w| format!("{w}of "));
        let connectors = crate::parse::text::split_byte(TOTAL_CONNECTORS, b'|').map(String::from);
        for w in states.chain(connectors) {
            let upper = w.to_ascii_uppercase();
            assert!(continues_to_total(&format!("{w}5 GB")), "{w:?}");
            assert!(continues_to_total(&format!("{upper}5 GB")), "{upper:?}");
        }
        assert!(continues_to_total("remaining of 15 GB"));
        assert!(continues_to_total("Used / 5 GB"));
        assert!(!continues_to_total("offer 5 GB"));
        assert!(!continues_to_total("GB of 5 GB"));
        assert!(!continues_to_total(""));
    }

    #[test]
    fn a_unit_is_read_in_any_ascii_case() {
        for unit in ["gb", "GB", "Gb", "g", "MiB", "元", "%"] {
            assert!(is_unit(unit), "{unit:?}");
        }
        for other in ["gbs", "", "g b", "GBP", "元元"] {
            assert!(!is_unit(other), "{other:?}");
        }
    }
}
