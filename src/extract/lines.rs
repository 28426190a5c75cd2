//! Lines: phone numbers that mark lines, each line's part of the page, and which
//! line a value belongs to.

use super::matcher::Kind;
use super::names::TextFind;
use super::phone::{self, Strength};
use super::{Engine, VKind};
use crate::parse;
use crate::parse::text::is_alpha;

pub(super) struct PhoneAnchor {
    pub(super) node: u32,
    pub(super) last4: String,
    /// The line's part of the page (see `build_sections`).
    pub(super) root: u32,
}

impl Engine<'_> {
    /// The phone numbers in row `r`'s text (`phone::find_phones`), found once per row.
    pub(super) fn row_phones(&self, r: usize) -> &[phone::PhoneFind] {
        match (self.row_phones.get(r), self.model.rows.get(r)) {
            (Some(cell), Some(row)) => cell.get_or_init(|| phone::find_phones(&row.text)),
            _ => &[],
        }
    }

    #[inline(never)]
    pub(super) fn phone_anchors(&self) -> (Vec<PhoneAnchor>, Vec<usize>) {
        let model = &self.model;
        // Every phone-shaped find (row, node, find, the row or label says "line", the row
        // says it is no phone), then which of them name lines.
        let mut finds = Vec::new();
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo {
                continue;
            }
            for f in self.row_phones(r) {
                let f = f.clone();
                let node = row.node_at(f.start);
                if model.is_promo_node(node) || self.picker_option(node) {
                    continue;
                }
                // The nearest of a line word and a no-phone word before the number decides
                // (`SIM Only 25GB · number ending 3816`, `Visa ending 4242`).
                // (A line's name ending in `SIM` in an element of its own before a whole
                // phone number, `Spare SIM` | `(415) 555-4406`, is no SIM card's number.)
                let sim_name = |h: &super::matcher::Hit| {
                    h.kind == Kind::NotPhone
                        && f.strength != super::phone::Strength::Weak
                        && row
                            .lower
                            .get(h.start..h.end)
                            .is_some_and(|w| w == "sim" || w == "esim")
                        && row
                            .segs
                            .iter()
                            .any(|s| s.start <= h.start && s.end <= f.start && h.end <= s.end)
                };
                let nearest = row.hits.iter().rev().find(|h| {
                    matches!(h.kind, Kind::Line | Kind::NotPhone)
                        && h.end <= f.start
                        && !sim_name(h)
                });
                // With neither, a no-phone word anywhere in the row, or a payment label
                // before the number (`GIRO  Active  DBS ••• 3321`), makes it an account's.
                // The short label row just above (`Your number` | `(555) 010-7788`, `Order
                // number` | `0498 765 432`): its last line or no-phone word (a no-phone
                // word only for a number that starts its row).
                // (Not the last row of the card before: `已登記（信用卡 Visa 尾號 4417）` |
                // `5*** 3317` when the browser lays the cards' fields out as blocks.)
                let near = |p: &super::model::Row| {
                    p.segs
                        .first()
                        .is_some_and(|s| model.height_untranslated(s.node, node) <= 3)
                };
                let above = r
                    .checked_sub(1)
                    .and_then(|p| model.rows.get(p))
                    .filter(|p| crate::parse::text::char_count(&p.text) <= 25 && near(p))
                    .and_then(|p| {
                        // (Not `SIM` ending a name, `Full Works 25GB SIM` | `07700 900417 ·
                        // 24-month contract`: a plan's or a line's name, as in the row.)
                        p.hits.iter().rev().find(|h| {
                            matches!(h.kind, Kind::Line | Kind::NotPhone)
                                && !(h.start > 0
                                    && p.lower
                                        .get(h.start..h.end)
                                        .is_some_and(|w| w == "sim" || w == "esim"))
                        })
                    })
                    .map(|h| h.kind);
                // The bare card word after the number ends the SIM's own name (`6*** 8765`
                // `澳門 5G 儲值卡`, `大王卡`), not a bank's card (`信用卡`, `储蓄卡`: words
                // of their own).
                let sim_card = |h: &super::matcher::Hit| {
                    h.start >= f.end && row.text.get(h.start..h.end) == Some("卡")
                };
                let not_phone = match nearest {
                    Some(h) => h.kind == Kind::NotPhone,
                    None => {
                        (above == Some(Kind::NotPhone)
                            && row.text.get(..f.start).is_some_and(|t| t.trim().is_empty()))
                            || row.hits.iter().any(|h| {
                                (h.kind == Kind::NotPhone && !sim_card(h) && !sim_name(h))
                                    || (h.kind == Kind::Autopay && h.end <= f.start)
                            })
                    }
                };
                // The other party of a call or message (`Call to (•••) •••-1000` in a usage
                // log), written just before the number, is no line of the account, however
                // it is masked.
                let party = row.hits.iter().any(|h| {
                    h.kind == Kind::NotPhone
                        && !sim_name(h)
                        && h.end <= f.start
                        && row.text.get(h.end..f.start).is_some_and(super::label_gap)
                });
                if party {
                    continue;
                }
                // A line word in the row, on the element, or as the label row above, or a
                // device's name just before (`Work phone` | `07700 900412`).
                let line_word = self.after_device_name(node, f.end - f.start)
                    || row.hits.iter().any(|h| h.kind == Kind::Line)
                    || above == Some(Kind::Line)
                    || self
                        .table_cell_of(node)
                        .is_some_and(|c| c.kind == Kind::Line)
                    || model
                        .hint_near(node, 3)
                        .is_some_and(|(_, k)| k == Kind::Line);
                finds.push((r, node, f, line_word, not_phone));
            }
        }
        let numbers = NumberIndex::new(&finds);
        let mut anchors = Vec::new();
        let mut rows = Vec::new();
        // International numbers alone in a block with data, kept if a line word makes
        // the same number a line elsewhere (a charges table's `Number` column, then a
        // usage card per line).
        let mut again = Vec::new();
        for (r, node, f, line_word, not_phone) in &finds {
            // Four digits after a mask under a payment's label (`Direct debit` | `Active
            // Lloyds ••• 6120`) are an account's.
            let payment_above = || {
                !line_word
                    && r.checked_sub(1)
                        .and_then(|p| model.rows.get(p))
                        .is_some_and(|p| {
                            crate::parse::text::char_count(&p.text) <= 25
                                && p.segs
                                    .first()
                                    .is_some_and(|s| model.height_untranslated(s.node, *node) <= 3)
                                && p.hits
                                    .iter()
                                    .any(|h| matches!(h.kind, Kind::NotPhone | Kind::Autopay))
                        })
            };
            let ok = match f.strength {
                Strength::Strong => true,
                Strength::Weak => !not_phone && !payment_above(),
                Strength::Plain => {
                    let block = || self.in_line_block(*node, &f.last4, &numbers);
                    let plain_ok = !not_phone && !f.toll_free && !self.in_page_footer(*node);
                    if plain_ok && !line_word && f.intl && block() {
                        // (Whether the number is its element's whole text.)
                        let alone = model
                            .page
                            .nodes
                            .get(*node as usize)
                            .and_then(|n| n.text.as_deref())
                            .is_some_and(|t| t.trim().len() == f.end - f.start);
                        again.push((*r, *node, &f.last4, alone));
                    }
                    // Another country's number alone as a line card's heading (`<h1>07700
                    // 900 417</h1>` over its plan and data) names that line too.
                    let heading_alone = || {
                        let nodes = &model.page.nodes;
                        model
                            .drawn_in(*node)
                            .and_then(|p| nodes.get(p as usize))
                            .is_some_and(|p| super::names::is_heading(&p.tag))
                            && model
                                .rows
                                .get(*r)
                                .is_some_and(|row| row.text.trim().len() == f.end - f.start)
                    };
                    // Or a text of its own that opens a row naming the plan after it
                    // (`<span>612 45 78 90</span><span>Tarifa 20 GB</span>`).
                    // (Or in the next row when the browser lays the two out as blocks.)
                    let beside_plan = || {
                        let Some(row) = model.rows.get(*r) else {
                            return false;
                        };
                        let own = row.segs.iter().any(|s| {
                            row.text
                                .get(s.start..s.end)
                                .is_some_and(|t| t.trim().len() == f.end - f.start)
                                && s.start <= f.start
                                && f.end <= s.end
                        });
                        let plan_after = |row: &super::model::Row, from: usize| {
                            row.hits
                                .iter()
                                .any(|h| h.kind == Kind::Plan && h.start >= from)
                                || row.segs.iter().any(|s| {
                                    s.start >= from
                                        && model
                                            .hint_near(s.node, 1)
                                            .is_some_and(|(_, k)| k == Kind::Plan)
                                })
                        };
                        let next = || {
                            model.rows.get(*r + 1).is_some_and(|next| {
                                next.segs.first().is_some_and(|s| {
                                    model.height_untranslated(*node, s.node) <= 2
                                        && model.height_untranslated(s.node, *node) <= 2
                                }) && plan_after(next, 0)
                            })
                        };
                        own && row.text.get(..f.start).is_some_and(|t| t.trim().is_empty())
                            && (plan_after(row, f.end) || (row.text.len() == f.end && next()))
                    };
                    plain_ok
                        && (*line_word
                            || (!f.intl && block())
                            // (Another country's number too: `Your plan` | `Full Works 25GB
                            // SIM` | `07700 900417 · 24-month contract`.)
                            || self.under_plan_label(*node, *r, &f.last4, &numbers)
                            || (f.intl && (heading_alone() || beside_plan()) && block()))
                }
            };
            if ok {
                anchors.push(PhoneAnchor {
                    node: *node,
                    last4: f.last4.clone(),
                    root: *node,
                });
                rows.push(*r);
            }
        }
        // Numbers each alone in an element of one shape (tag and class), each in a block
        // with data, in cards side by side (`<span class=line_num>612 458 341</span>` in
        // every member's card): a list of lines.
        let shape = |node: u32| {
            let nodes = &model.page.nodes;
            nodes
                .get(node as usize)
                .and_then(|n| n.parent)
                .and_then(|p| nodes.get(p as usize))
                .map(|p| (p.tag.as_str(), p.attr("class").unwrap_or("")))
        };
        let listed = |node: u32, last4: &str| {
            again.iter().any(|&(_, n2, l2, alone)| {
                alone && l2 != last4 && shape(n2).is_some() && shape(n2) == shape(node)
            })
        };
        for &(r, node, last4, alone) in &again {
            if anchors.iter().any(|a| &a.last4 == last4) || (alone && listed(node, last4)) {
                anchors.push(PhoneAnchor {
                    node,
                    last4: last4.clone(),
                    root: node,
                });
                rows.push(r);
            }
        }
        crate::sort::sort(&mut rows);
        // Lines in page order: where each number first appears, as a line or not (a
        // charges list naming every line before the usage tiles).
        let mut first_seen: crate::vecmap::VecMap<&str, u32> = Default::default();
        for (_, n, f, _, _) in &finds {
            first_seen.entry(f.last4.as_str()).or_insert_with(|| *n);
        }
        crate::sort::sort_by_key(&mut anchors, |a| {
            first_seen.get(a.last4.as_str()).copied().unwrap_or(a.node)
        });
        rows.dedup();
        (anchors, rows)
    }

    /// Whether `node` is inside an option of a picker (`role="option"`, `menuitem`: an
    /// account switcher's list of lines). Its numbers are choices, not lines with data;
    /// the chosen one shows on the picker's button or in the page.
    fn picker_option(&self, node: u32) -> bool {
        self.up_to(node, 4, |n| {
            n.attr("role")
                .is_some_and(|r| super::names::in_list("option menuitem menuitemradio", r))
        })
        .is_some()
    }

    /// Whether `node` is in the page's footer (`footer` outside any section, article or
    /// main; `role="contentinfo"`): a full number there is the company's, not a line.
    fn in_page_footer(&self, node: u32) -> bool {
        let nodes = &self.model.page.nodes;
        let mut footer = false;
        let mut cur = nodes.get(node as usize).and_then(|n| n.parent);
        while let Some(p) = cur {
            let Some(n) = nodes.get(p as usize) else {
                break;
            };
            if n.attr("role") == Some("contentinfo") {
                return true;
            }
            if n.tag == "footer" {
                footer = true;
            } else if super::names::in_list("main article section aside li dialog", &n.tag) {
                return false;
            }
            cur = n.parent;
        }
        footer
    }

    /// Whether the full number at `node` sits in a block of its own that also shows a data
    /// amount (a line's card or table row: `Jordan (555) 010-3381` … `23.4 GB used`):
    /// up to four elements up, before the block takes in another number.
    fn in_line_block(&self, node: u32, last4: &str, numbers: &NumberIndex) -> bool {
        let rows = &self.model.rows;
        self.own_box_holds(node, last4, numbers, 4, &|first, end| {
            rows.iter()
                .skip(first)
                .take(12)
                .take_while(|row| row.first_node() < end)
                .any(|row| !row.promo && !crate::parse::data::find_data(&row.text).is_empty())
        })
    }

    /// Whether the full number at `node` (row `r`) sits in a small box of its own, two
    /// elements up at most, under the plan's label there (`Your plan` | `Visible` |
    /// `(555) 011-8047`, the usage in a card of its own): the plan's line.
    fn under_plan_label(&self, node: u32, r: usize, last4: &str, numbers: &NumberIndex) -> bool {
        let rows = &self.model.rows;
        self.own_box_holds(node, last4, numbers, 2, &|first, _| {
            rows.get(first..r).is_some_and(|above| {
                above.iter().any(|row| {
                    !row.promo
                        && crate::parse::text::char_count(&row.text) <= 25
                        && row
                            .hits
                            .first()
                            .is_some_and(|h| h.kind == Kind::Plan && h.start == 0)
                })
            })
        })
    }

    /// Whether an element around the number at `node`, up to `levels` up and before one
    /// takes in another number, `holds` something (given its first row and its end).
    fn own_box_holds(
        &self,
        node: u32,
        last4: &str,
        numbers: &NumberIndex,
        levels: usize,
        holds: &dyn Fn(usize, u32) -> bool,
    ) -> bool {
        let model = &self.model;
        let nodes = &model.page.nodes;
        let mut cur = model.drawn_in(node);
        for _ in 0..levels {
            let Some(p) = cur else { return false };
            let end = model.end.get(p as usize).copied().unwrap_or(p);
            if numbers.other_in(p, end, last4) {
                return false;
            }
            if holds(model.first_row_at(p), end) {
                return true;
            }
            cur = nodes.get(p as usize).and_then(|n| n.parent);
        }
        false
    }

    /// Sets each anchor's section root: the largest element around its number that
    /// holds no other line's number (a line card, a table row; or just the number's own
    /// element when lines are headings followed by their details). Then indexes the
    /// outermost roots, which never overlap, for binary search.
    #[inline(never)]
    pub(super) fn build_sections(&mut self) {
        let nodes = &self.model.page.nodes;
        let mut numbers: Vec<String> = Vec::new();
        let mut all: Vec<u32> = Vec::with_capacity(self.anchors.len());
        for a in &self.anchors {
            all.push(a.node);
        }
        crate::sort::sort(&mut all);
        // Sorted vectors: a page has a few lines (a hash map costs the wasm its table code).
        let mut by_number: crate::vecmap::VecMap<String, Vec<u32>> = Default::default();
        let mut index: crate::vecmap::VecMap<String, usize> = Default::default();
        for a in &self.anchors {
            by_number.entry(a.last4.clone()).or_default().push(a.node);
            index.entry(a.last4.clone()).or_insert_with(|| {
                numbers.push(a.last4.clone());
                numbers.len() - 1
            });
        }
        for list in by_number.values_mut() {
            crate::sort::sort(list);
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
        // A tab holding a line's number (`role="tab"`, `aria-controls`) owns its panel.
        for a in &self.anchors {
            let tab = self.up_to(a.node, 4, |n| n.attr("role") == Some("tab"));
            let Some(id) = tab.and_then(|t| nodes.get(t as usize)?.attr("aria-controls")) else {
                continue;
            };
            let panel = nodes
                .iter()
                .position(|x| !x.is_text() && x.attr("id") == Some(id));
            if let Some(panel) = panel.and_then(|p| u32::try_from(p).ok()) {
                let end = self.model.end.get(panel as usize).copied().unwrap_or(panel);
                let line = index.get(&a.last4).copied().unwrap_or(0);
                parts.push((panel, end, line));
            }
        }
        // Keep the outermost parts (roots of one number may nest).
        crate::sort::sort_by(&mut parts, |x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
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
    pub(super) fn part_of(&self, node: u32) -> Option<usize> {
        let i = self.parts.partition_point(|p| p.0 <= node).checked_sub(1)?;
        self.parts.get(i).filter(|p| node < p.1).map(|_| i)
    }

    /// The line part of the page holding `node`, if any (its root).
    pub(super) fn section_of(&self, node: u32) -> Option<u32> {
        self.part_of(node)
            .and_then(|i| self.parts.get(i))
            .map(|p| p.0)
    }

    /// The line (index into `numbers`) a value at `node` belongs to, or `None` for an
    /// account-level value outside every line's part of the page.
    pub(super) fn line_of(&self, node: u32) -> Option<usize> {
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
        // A later mention of a line that has a card of its own (`The line ending in 0962
        // is suspended`) heads nothing after it.
        if self
            .parts
            .iter()
            .any(|p| p.2 == before.2 && p.1.saturating_sub(p.0) > 8)
        {
            return None;
        }
        // Nor does a list's item holding a line's number and its own figure (`Maria's
        // phone (•••) •••-2231 2.1 GB used`): the next item (`Remaining 6.2 GB`, a chart's
        // legend) is the list's, not that line's.
        let nodes = &self.model.page.nodes;
        let root = nodes.get(before.0 as usize)?;
        if (root.tag == "li" || root.attr("role") == Some("listitem"))
            && self.vals.iter().any(|v| {
                matches!(v.kind, VKind::Data(_)) && before.0 <= v.node && v.node < before.1
            })
        {
            return None;
        }
        let parent = root.parent?;
        self.model.contains(parent, node).then_some(before.2)
    }

    /// On a page listing several lines, a short name right before a line's number in
    /// the same container (`Theo's Pixel (•••) •••-5530`) is that line's name. On a
    /// single-line page the caller keeps only device nicknames: a person's name beside
    /// the number there may be the account holder's.
    pub(super) fn sibling_names(&self, anchors: &[PhoneAnchor]) -> Vec<TextFind> {
        let model = &self.model;
        let nodes = &model.page.nodes;
        let mut out = Vec::new();
        for a in anchors {
            if !nodes.get(a.node as usize).is_some_and(|n| n.is_text()) {
                continue;
            }
            // A plan after the number and a name before it, in the number's own text.
            let [plan, name] = self.beside_number(a);
            out.extend(plan);
            if let Some(name) = name {
                out.push(name);
                continue;
            }
            // The box the number is drawn in (out of inline wrappers).
            let Some(el) = model.drawn_in(a.node) else {
                continue;
            };
            let Some(container) = nodes.get(el as usize).and_then(|n| n.parent) else {
                continue;
            };
            // The previous sibling element of an element.
            let previous = |el: u32| {
                let mut j = el;
                for _ in 0..32 {
                    if j == 0 || j <= container {
                        break;
                    }
                    j -= 1;
                    // A line break between the name and the number separates nothing.
                    if nodes
                        .get(j as usize)
                        .is_some_and(|n| n.parent == Some(container) && n.tag != "br")
                    {
                        return Some(j);
                    }
                }
                None
            };
            let Some(mut sib) = previous(el) else {
                continue;
            };
            // A member's role badge after the name (`Dad` `Family admin`); the owner's or
            // holder's name (`Sam` `Owner`) is the holder's, never stored.
            let role = super::matcher::lower_same_len(&self.element_text(sib));
            if super::names::only_section_words(&role) {
                if parse::text::split_where(&role, |c| c == ' ')
                    .any(|w| super::names::in_list("owner holder primary", w))
                {
                    continue;
                }
                sib = previous(sib).unwrap_or(sib);
            }
            // `Lily` / `Apple iPhone 16 Pro` / the number: a device's model between the
            // name and the number is not the name.
            if let Some(before) =
                previous(sib).filter(|_| super::names::is_device_model(&self.element_text(sib)))
            {
                if !super::names::is_device_model(&self.element_text(before)) {
                    sib = before;
                }
            }
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
            let Some(row) = model.rows.get(model.first_row_at(sib)) else {
                continue;
            };
            let text = self.element_text(sib);
            // A line word makes the row a label (`Phone number`), unless a possessive
            // names whose line it is (`Marco's line`).
            let possessive =
                parse::text::contains(&text, "'s ") || parse::text::contains(&text, "’s ");
            // Nor a name that ends in the line word (`Studio line`, `Work line`; not `My
            // line`, `Line`).
            let named = || {
                let lower = super::matcher::lower_same_len(&text);
                let lower = lower.trim_end();
                let hits = self.matcher.find(lower);
                let mut lines = hits.iter().filter(|h| h.kind == Kind::Line).peekable();
                lines.peek().is_some()
                    && lines.all(|h| {
                        let before = lower.get(..h.start).unwrap_or("").trim();
                        h.end == lower.len()
                            && before.chars().any(crate::parse::text::is_alpha)
                            && !super::names::only_section_words(before)
                    })
            };
            if crate::parse::text::char_count(&text) > 30
                || (!possessive && row.hits.iter().any(|h| h.kind == Kind::Line) && !named())
            {
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

    /// True when the text `node` is alone in its element (`len` bytes) and the element
    /// before it names a device (`<span>Work phone</span> <span>07700 900412</span>`, a
    /// line picker): the number is that line's.
    fn after_device_name(&self, node: u32, len: usize) -> bool {
        let nodes = &self.model.page.nodes;
        let Some(el) = nodes
            .get(node as usize)
            .filter(|n| n.is_text())
            .and_then(|n| n.parent)
        else {
            return false;
        };
        let Some(up) = nodes.get(el as usize).and_then(|n| n.parent) else {
            return false;
        };
        self.element_text(el).trim().len() == len
            && (up + 1..el)
                .rev()
                .take(64)
                .find(|&j| {
                    nodes
                        .get(j as usize)
                        .is_some_and(|n| n.parent == Some(up) && !n.is_text())
                })
                .is_some_and(|p| super::names::names_a_device(&self.element_text(p)))
    }

    /// The text of element `el` in its first row.
    fn element_text(&self, el: u32) -> String {
        let model = &self.model;
        let mut text = String::new();
        if let Some(row) = model.rows.get(model.first_row_at(el)) {
            for s in row.segs.iter().filter(|s| model.contains(el, s.node)) {
                text.push_str(row.text.get(s.start..s.end).unwrap_or(""));
            }
        }
        text
    }

    /// Texts written beside the line's number in its own text node: a plan after a
    /// separator, holding a data allowance and other words (`… •••-6604 · Zephyr Basic
    /// 10GB`), and a short name before it (`Jordan (555) 010-3381`, `Tablet ·
    /// ***-***-7720`). The number is found once for both.
    fn beside_number(&self, a: &PhoneAnchor) -> [Option<TextFind>; 2] {
        let model = &self.model;
        let Some(row) = model.rows.get(model.first_row_at(a.node)) else {
            return [None, None];
        };
        let Some(seg) = row.segs.iter().find(|s| s.node == a.node) else {
            return [None, None];
        };
        let text = row.text.get(seg.start..seg.end).unwrap_or("");
        let Some(find) = phone::find_phones(text)
            .into_iter()
            .find(|f| f.last4 == a.last4)
        else {
            return [None, None];
        };
        let found = |kind, text: &str, score| {
            self.valid_text(text, a.node).map(|text| TextFind {
                kind,
                node: a.node,
                text,
                label: None,
                score,
            })
        };
        let plan = text
            .get(find.end..)
            .and_then(|t| super::strip_prefix_any(t.trim_start(), "·|•–—"))
            .map(str::trim)
            .filter(|t| {
                !parse::find_data(t).is_empty() && super::names::has_words_besides_amounts(t)
            })
            .and_then(|t| found(Kind::Plan, t, 55))
            // Or before it: `SIM Only 25GB · number ending 3816`.
            .or_else(|| {
                let before = text.get(..find.start)?;
                let cut = parse::text::rfind_any(before, "·|•")?;
                let t = before.get(..cut)?.trim();
                (!parse::find_data(t).is_empty() && super::names::has_words_besides_amounts(t))
                    .then(|| found(Kind::Plan, t, 55))
                    .flatten()
            });
        let head =
            parse::text::trim_end_where(text.get(..find.start).unwrap_or("").trim_end(), |c| {
                parse::text::has_char("·|-–—,:：•", c)
            })
            .trim();
        let name = if head.is_empty()
            || crate::parse::text::char_count(head) > 30
            || !head.chars().any(is_alpha)
            || row
                .hits
                .iter()
                .any(|h| h.kind == Kind::Line && h.start < seg.start + find.start)
        {
            None
        } else {
            found(Kind::Nickname, head, 60)
        };
        [plan, name]
    }
}

/// The numbers found on a page by node, to ask whether an element holds a number other
/// than a given one in O(log n) (a page of thousands of numbers took seconds).
struct NumberIndex<'a> {
    /// (node, last four digits), by node.
    by_node: Vec<(u32, &'a str)>,
    /// For each entry, the index of the next entry with other digits.
    next_other: Vec<usize>,
}

impl<'a> NumberIndex<'a> {
    fn new(finds: &'a [(usize, u32, phone::PhoneFind, bool, bool)]) -> Self {
        // A card's or account's digits (`Visa ending in 0031`) and a toll-free number in
        // a line's card are no other line's.
        let mut by_node: Vec<(u32, &str)> = Vec::new();
        for (_, n, f, _, not_phone) in finds {
            if !not_phone && !f.toll_free {
                by_node.push((*n, f.last4.as_str()));
            }
        }
        crate::sort::sort_by_key(&mut by_node, |e| e.0);
        let mut next_other = vec![by_node.len(); by_node.len()];
        for i in (0..by_node.len().saturating_sub(1)).rev() {
            next_other[i] = if by_node[i + 1].1 != by_node[i].1 {
                i + 1
            } else {
                next_other[i + 1]
            };
        }
        NumberIndex {
            by_node,
            next_other,
        }
    }

    /// True when a number other than `last4` is at a node in `start..end`.
    fn other_in(&self, start: u32, end: u32, last4: &str) -> bool {
        let lo = self.by_node.partition_point(|e| e.0 < start);
        let Some(&(n, digits)) = self.by_node.get(lo) else {
            return false;
        };
        if n >= end {
            return false;
        }
        if digits != last4 {
            return true;
        }
        self.next_other
            .get(lo)
            .and_then(|&j| self.by_node.get(j))
            .is_some_and(|e| e.0 < end)
    }
}
