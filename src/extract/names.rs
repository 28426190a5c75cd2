//! Plan names and line nicknames: short texts beside their labels or in elements
//! whose class names them, never values, labels, numbers or the holder's name.

use super::matcher::{self, Kind};
use super::{phone, Engine};
use crate::parse;
use crate::parse::text::{is_alnum, is_alpha, is_lower, is_upper, lowercase};

/// A text value for a line (plan, nickname).
pub(super) struct TextFind {
    pub(super) kind: Kind,
    pub(super) node: u32,
    pub(super) text: String,
    pub(super) label: Option<String>,
    pub(super) score: i32,
}

impl Engine<'_> {
    /// Words of the account holder's name, from greetings (`Hi, Marisol`, `Welcome
    /// back, Kenji Sato`).
    pub(super) fn holder_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        let rows = &self.model.rows;
        for (r, row) in rows.iter().enumerate() {
            for h in row.hits.iter().filter(|h| h.kind == Kind::Greeting) {
                let after = row.text.get(h.end..).unwrap_or("");
                let mut after = parse::text::trim_start_where(after, |c| !is_alpha(c));
                // A label alone in its row (`Account holder` | `Priya Raman`): the name is
                // the next row.
                if after.is_empty() && h.start == 0 {
                    after = rows.get(r + 1).map_or("", |n| n.text.as_str());
                }
                for word in parse::text::split_where(after, |c| !is_alpha(c) && c != '\'')
                    .take(3)
                    .take_while(|w| w.chars().next().is_some_and(is_upper))
                {
                    let word = lowercase(parse::text::trim_end_where(word, |c| c == '\''));
                    if crate::parse::text::char_count(&word) >= 2 && !out.contains(&word) {
                        out.push(word);
                    }
                }
            }
        }
        // The rest of a greeted name where the page writes it whole (`Hi, Thomas` and
        // `Thomas Aebi` in a profile box): the capitalised words right after it, not a
        // device's word (`Thomas Handy`, a line's name).
        if !out.is_empty() {
            let known = out.len();
            for row in rows {
                let mut words =
                    parse::text::split_where(&row.text, |c| !is_alpha(c)).filter(|w| !w.is_empty());
                while let Some(w) = words.next() {
                    let known_word =
                        |w: &str| out.get(..known).is_some_and(|k| k.contains(&lowercase(w)));
                    if !w.chars().next().is_some_and(is_upper) || !known_word(w) {
                        continue;
                    }
                    for next in words.by_ref().take(2) {
                        let lower = lowercase(next);
                        if !next.chars().next().is_some_and(is_upper)
                            || crate::parse::text::char_count(next) < 2
                            || in_list(DEVICE_WORDS, &lower)
                        {
                            break;
                        }
                        if !out.contains(&lower) {
                            out.push(lower);
                        }
                    }
                }
            }
        }
        out
    }

    /// True when `text` holds a word of the holder's name, or marks the person who is
    /// signed in (`Arun (you)`, `Mei（本人）`): that is the holder's name, never stored.
    pub(super) fn mentions_holder(text: &str, holder: &[String]) -> bool {
        let lower = lowercase(text);
        const VIEWER: &str = "(you)|(me)|(owner)|(account owner)|(account holder)|(primary)|(本人)|（本人）|(tú)|(usted)|(du)|(sie)";
        if parse::text::split_byte(VIEWER, b'|').any(|m| lower.trim_end().ends_with(m)) {
            return true;
        }
        !holder.is_empty()
            && parse::text::split_where(text, |c| !is_alpha(c))
                .map(lowercase)
                .any(|w| {
                    holder.contains(&w)
                        || holder
                            .iter()
                            .any(|h| w.strip_suffix("s").is_some_and(|s| s == h))
                })
    }

    pub(super) fn text_finds(&self) -> Vec<TextFind> {
        let model = &self.model;
        let mut out = Vec::new();
        for (r, row) in model.rows.iter().enumerate() {
            if row.promo || row.virtual_row {
                continue;
            }
            if let Some(t) = self.page_heading_plan(r, row) {
                out.push(t);
            }
            if let Some(t) = self.plan_under_number(r, row) {
                out.push(t);
            }
            if let Some(t) = self.plan_beside_number(r, row) {
                out.push(t);
            }
            if !self.matcher.plan_names.is_empty() {
                for seg in &row.segs {
                    if let Some(t) = self.named_plan(row, seg) {
                        out.push(t);
                    }
                }
            }
            for h in &row.hits {
                if !matches!(h.kind, Kind::Plan | Kind::Nickname) {
                    continue;
                }
                let node = row.node_at(h.start);
                if model.is_promo_node(node) {
                    continue;
                }
                // `On the <b>Lakeshore 12GB</b> plan, the line …`, `Your <strong>Unlimited
                // Plus</strong> plan renews …`: an emphasised element right before the
                // plan word, in lower case inside a sentence, names the plan.
                if h.kind == Kind::Plan
                    && row.lower.get(h.start..h.end) == row.text.get(h.start..h.end)
                {
                    if let Some(s) = row.segs.iter().rev().find(|s| s.end <= h.start) {
                        let el = model.page.nodes.get(s.node as usize).and_then(|n| n.parent);
                        let emphasised = el
                            .and_then(|e| model.page.nodes.get(e as usize))
                            .is_some_and(|e| in_list("b strong em", &e.tag));
                        let piece = row.text.get(s.start..s.end).unwrap_or("");
                        if emphasised
                            && s.start > 0
                            && row
                                .text
                                .get(s.end..h.start)
                                .is_some_and(|g| g.trim().is_empty())
                            && crate::parse::text::char_count(piece.trim()) <= 30
                        {
                            if let Some(text) = self.valid_text(piece, s.node) {
                                out.push(TextFind {
                                    kind: Kind::Plan,
                                    node: s.node,
                                    text,
                                    label: None,
                                    score: 62,
                                });
                                continue;
                            }
                        }
                    }
                }
                let at_end = row.text.get(h.end..).is_some_and(|r| {
                    r.chars()
                        .all(|c| c.is_whitespace() || parse::text::has_char(":：", c))
                });
                // A short piece of text ending in the plan word, with digits or CJK before
                // it, is the plan's own name (`5G 本地 20GB 月費計劃`, `Prepaid 10GB Plan`).
                let seg = row
                    .segs
                    .iter()
                    .find(|s| s.start <= h.start && h.end <= s.end)
                    .and_then(|s| row.text.get(s.start..s.end).map(|t| (s.start, t)));
                if let Some((seg_start, seg_text)) = seg {
                    // The name is the item of the text the plan word ends (`Mobile number
                    // … · Advanced 30GB Plan (Pay Monthly)`), before an aside in brackets.
                    let before = seg_text.get(..h.start - seg_start).unwrap_or("");
                    let item = parse::text::rfind_any(before, "·|").map_or(0, |i| {
                        let after = before.get(i..).unwrap_or("");
                        i + after.len()
                            - parse::text::trim_start_where(after, |c| c == '·' || c == '|').len()
                    });
                    let tail = seg_text.get(h.end - seg_start..).unwrap_or("").trim();
                    let aside = (tail.starts_with('(') && tail.ends_with(')'))
                        || (tail.starts_with('（') && tail.ends_with('）'));
                    let name = if aside {
                        seg_text.get(item..h.end - seg_start)
                    } else {
                        seg_text.get(item..)
                    }
                    .unwrap_or(seg_text);
                    let head = before.get(item..).unwrap_or("").trim();
                    let seg_end = seg_start + seg_text.len();
                    // So is a short text with the plan word between capitalised words and
                    // a size (`Big Bundle 12GB`, `<span>£10 / 30 days</span>` apart).
                    let inside_name = !tail.is_empty()
                        && !aside
                        && crate::parse::text::char_count(tail) <= 12
                        && tail.bytes().any(|b| b.is_ascii_digit())
                        && !parse::text::has_any(tail, ":：")
                        && (1..=2).contains(&head.split_whitespace().count())
                        && head.split_whitespace().all(|w| {
                            w.chars().next().is_some_and(is_upper) && w.chars().all(is_alpha)
                        });
                    // (`（后付费） 套餐：` is a label: a colon follows it.)
                    if h.kind == Kind::Plan
                        && h.start > seg_start
                        && (inside_name
                            || ((seg_end.saturating_sub(h.end) <= 3 || aside)
                                && !super::starts_with_any(tail, ":：")
                                && crate::parse::text::char_count(name) <= 30
                                && (head.bytes().any(|b| b.is_ascii_digit())
                                    || head.chars().filter(|c| !c.is_ascii()).count() >= 2)
                                && (has_words_besides_amounts(head)
                                    || !parse::find_data(head).is_empty()
                                    // A plan named by its price (`£15 goodybag`, `$30 Plan`).
                                    || matches!(parse::find_money(head, None).as_slice(),
                                        [m] if m.start == 0 && m.end == head.len()))))
                    {
                        // A bill's item (`Essentials 12GB plan` | `$35.00`): the rest of
                        // the row a bare amount. Below a name standing alone.
                        let rest = row.text.get(seg_end..).unwrap_or("").trim();
                        let bare = |t: &str| {
                            matches!(parse::find_money(t, None).as_slice(),
                                [m] if m.start == 0 && m.end == t.len())
                        };
                        let charge = if rest.is_empty() {
                            model.rows.get(r + 1).is_some_and(|n| bare(n.text.trim()))
                        } else {
                            bare(rest)
                        };
                        if let Some(text) = self.valid_text(name.trim(), node) {
                            out.push(TextFind {
                                kind: Kind::Plan,
                                node,
                                text,
                                label: None,
                                score: if charge { 50 } else { 65 },
                            });
                            continue;
                        }
                        // (`我的当前套餐`: a caption, the label of the name below it.)
                    }
                }
                // `<h1>Unlimited Plus</h1>` over `Group plan · 2 members`: a heading right
                // above a row that begins by naming a kind of plan is that plan's name.
                if h.kind == Kind::Plan
                    && row
                        .text
                        .get(..h.start)
                        .is_some_and(|t| t.split_whitespace().count() <= 1)
                    && parse::find_money(&row.text, None).is_empty()
                {
                    if let Some(text) = self.heading_above(r, node) {
                        out.push(TextFind {
                            kind: Kind::Plan,
                            node: text.1,
                            text: text.0,
                            label: None,
                            score: 60,
                        });
                    }
                }
                // Otherwise the label begins its row (`Plan: X`, `Your plan` above X), ends
                // a short heading (`Group plan` above X), or stands between other labels
                // (`Line … Plan Talk & Text + 1GB Plan expires …`).
                let short_heading = at_end && crate::parse::text::char_count(&row.text) <= 30;
                // Between other fields a label is written as one (`Plan`, not `plan`), or
                // followed by a colon (`备注：妈妈`: a script without capitals).
                let after_space = row
                    .text
                    .get(..h.start)
                    .and_then(|t| t.chars().next_back())
                    .is_some_and(char::is_whitespace)
                    && (row
                        .text
                        .get(h.start..)
                        .and_then(|t| t.chars().next())
                        .is_some_and(is_upper)
                        || row
                            .text
                            .get(h.end..)
                            .is_some_and(|t| super::starts_with_any(t, ":：")));
                // Nor a plan word between a capitalised word and a size in one text
                // (`05/11/2026 — Big Bundle 12GB bought`): part of a name.
                let sized_name = seg.is_some_and(|(start, text)| {
                    let before = text.get(..h.start.saturating_sub(start)).unwrap_or("");
                    let word = parse::text::after_last(before.trim_end(), b' ');
                    before.ends_with(' ')
                        && word.chars().next().is_some_and(is_upper)
                        && word.chars().all(is_alpha)
                        && text.get(h.end.saturating_sub(start)..).is_some_and(|t| {
                            t.trim_start().starts_with(|c: char| c.is_ascii_digit())
                        })
                });
                // Nor in a link's or button's text (`<a>Renew plan</a>`): an action.
                if h.start > 2 && !short_heading && (!after_space || sized_name)
                    || model.in_navigation(node)
                    || self.plain_action(node)
                {
                    continue;
                }
                // `套餐外使用`, `套餐月基本费`: a plan word run on into CJK letters in its own
                // text is part of a longer word (beyond the plan, the plan's fee), no label.
                let next_char = row.text.get(h.end..).and_then(|t| t.chars().next());
                if h.kind == Kind::Plan
                    && seg.is_some_and(|(start, text)| start + text.len() > h.end)
                    && next_char.is_some_and(|c| !c.is_ascii() && is_alpha(c))
                {
                    continue;
                }
                let label = row.text.get(h.start..h.end).map(str::to_string);
                // `<p>Tarifa 25 GB</p>`, `<span>Plan Full 15 GB</span>`: a capitalised plan
                // word that begins a text and runs on into it, with no colon between, is the
                // first word of the name (a label stands apart: `<dt>Plan</dt>`, `Plan:`).
                let word_in_name = h.kind == Kind::Plan
                    && seg.is_some_and(|(start, text)| {
                        start == h.start && start + text.len() > h.end
                    })
                    && label.as_deref().is_some_and(|l| {
                        l.chars().next().is_some_and(is_upper)
                            && !l.chars().any(char::is_whitespace)
                    })
                    && row.text.get(h.end..).is_some_and(|t| {
                        t.starts_with(char::is_whitespace)
                            && t.trim_start()
                                .starts_with(|c: char| is_upper(c) || c.is_ascii_digit())
                    });
                // The text up to the next label that is not part of a name. In the value's
                // own element a label word glued inside a word is part of it (`<span>套餐
                // </span><span>智慧沃家共享版</span>`: not `共` of `共 40GB`).
                let glued = |x: &matcher::Hit| {
                    row.segs
                        .iter()
                        .any(|s| s.start >= h.end && s.start < x.start && x.start < s.end)
                        && row
                            .text
                            .get(..x.start)
                            .and_then(|t| t.chars().next_back())
                            .is_some_and(is_alnum)
                };
                let next = row
                    .hits
                    .iter()
                    .filter(|x| x.start >= h.end && !glued(x))
                    .find(|x| {
                        !matches!(
                            x.kind,
                            Kind::Data
                                | Kind::Unlimited
                                | Kind::NotData
                                | Kind::AddOn
                                | Kind::Hotspot
                                | Kind::On
                                | Kind::Off
                                | Kind::Plan
                                | Kind::NotPhone
                        )
                    })
                    .map_or(row.text.len(), |x| x.start);
                // `全球通家庭版（主卡）`: a label word in brackets does not cut the name.
                let count =
                    |t: &str, set| t.chars().filter(|&c| parse::text::has_char(set, c)).count();
                let next = match (row.text.get(h.end..next), row.text.get(next..)) {
                    (Some(head), Some(tail)) if count(head, "(（") > count(head, ")）") => {
                        parse::text::find_any(tail, ")）").map_or(next, |i| {
                            next + i
                                + tail
                                    .get(i..)
                                    .and_then(|t| t.chars().next())
                                    .map_or(0, char::len_utf8)
                        })
                    }
                    _ => next,
                };
                let next = name_end(row, h.end, next);
                // `备注名：小明 <a>编辑</a>`: a link's or button's text after the name is
                // not part of it.
                let next = row
                    .segs
                    .iter()
                    .filter(|s| s.start > h.end && s.start < next)
                    .find(|s| {
                        model.action.get(s.node as usize).copied().unwrap_or(false)
                            && row
                                .text
                                .get(h.end..s.start)
                                .is_some_and(|t| t.chars().any(is_alnum))
                    })
                    .map_or(next, |s| s.start);
                let rest = row.text.get(h.end..next).unwrap_or("").trim_end();
                let rest = parse::text::trim_start_where(rest, |c| {
                    c.is_whitespace() || parse::text::has_char(":：-–—|·", c)
                });
                // `Plan & payment`, `Plan and usage`: a label joined to another topic is a
                // section's heading, not a label before its value.
                let joined = row
                    .text
                    .get(h.end..)
                    .map(str::trim_start)
                    .is_some_and(|t| t.starts_with('&') || t.starts_with("and "));
                if rest.is_empty() && !at_end || joined {
                    continue;
                }
                // `… damit Ihr Tarif weiterläuft.`: a label within a sentence, before its end;
                // or inside an aside (`aktiv (das Paket wird am Ablaufdatum erneuert)`).
                if (h.start > 2 && !short_heading && rest.ends_with('.'))
                    || super::in_aside(&row.text, h.start)
                {
                    continue;
                }
                // `Plan started`, `Plan purchased` (over or beside a date): the label's
                // own caption runs on in one lower-case word, no name.
                if h.kind == Kind::Plan
                    && !word_in_name
                    && rest.chars().next().is_some_and(is_lower)
                    && rest.chars().all(is_alpha)
                    && row.text.get(h.end..).is_some_and(|t| t.starts_with(' '))
                {
                    continue;
                }
                let (text, tnode) = if !rest.is_empty() {
                    (rest.to_string(), row.node_at(h.end))
                } else {
                    let Some(next) = model.rows.get(r + 1) else {
                        continue;
                    };
                    let first = next.first_node();
                    if next.virtual_row
                        || model.height_untranslated(node, first) > 3
                        || model.in_sibling_items(node, first)
                    {
                        continue;
                    }
                    let end = name_end(next, 0, next.text.len());
                    (next.text.get(..end).unwrap_or("").to_string(), first)
                };
                // `Plan` | `15GB`, `Plan` | `Unlimited`: an allowance alone is the plan's name.
                let allowance = (h.kind == Kind::Plan)
                    .then(|| bare_allowance(&text))
                    .flatten();
                if let Some(text) = self.valid_text(&text, tnode).or(allowance) {
                    let (text, label) = match label {
                        // (Joined by hand: `format!` would link `core::fmt` into the engine.)
                        Some(mut word) if word_in_name && !rest.is_empty() => {
                            word.push(' ');
                            word.push_str(&text);
                            (word, None)
                        }
                        label => (text, label),
                    };
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
            let mut i32_ = i as u32;
            let mut size = model.end.get(i).copied().unwrap_or(0).saturating_sub(i32_);
            let mut score = 70;
            // A plan card's heading (`<section class=plan-card><h2>By the Gig 5GB`).
            if kind == Kind::Plan && size > 8 && !n.is_text() {
                let heading = model
                    .page
                    .nodes
                    .get(i + 1..i + 3)
                    .and_then(|next| next.iter().position(|x| is_heading(&x.tag)));
                if let Some(h) = heading {
                    i32_ = (i + 1 + h) as u32;
                    size = model
                        .end
                        .get(i32_ as usize)
                        .copied()
                        .unwrap_or(0)
                        .saturating_sub(i32_);
                    score = 62;
                }
            }
            if n.is_text() || size > 8 || model.is_promo_node(i32_) {
                continue;
            }
            // The innermost of nested hints (`div.line-card__plan > span.plan-title` beside
            // `span.plan-term`).
            let inner = (i32_ + 1..i32_ + size)
                .any(|j| model.hint.get(j as usize).copied().flatten() == Some(kind));
            if inner {
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
            // `<span class=plan-name>15GB</span>`: an allowance alone names the plan.
            let allowance = (kind == Kind::Plan)
                .then(|| bare_allowance(&text))
                .flatten();
            if let Some(text) = self.valid_text(&text, i32_).or(allowance) {
                out.push(TextFind {
                    kind,
                    node: i32_,
                    text,
                    label: None,
                    score,
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
            // (A catalogue's rows are offers: `Engine::mark_catalogue`.)
            if row.promo
                || model.is_promo_node(cell.node)
                || !row.segs.iter().all(|s| model.contains(cell.node, s.node))
            {
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
        crate::sort::sort_by_key(&mut out, |t| std::cmp::Reverse(t.score));
        out
    }

    /// A carrier's plan name that is the whole text of its element (`<p>Go5G Plus</p>`,
    /// `Magenta® plan`), outside navigation, links and promotions.
    fn named_plan(&self, row: &super::model::Row, seg: &super::model::Seg) -> Option<TextFind> {
        if seg.end - seg.start > 48 {
            return None;
        }
        let lower = row.lower.get(seg.start..seg.end)?.trim_end();
        let lower = lower.strip_suffix(" plan").unwrap_or(lower);
        let name = parse::text::trim_end_where(lower, |c| matches!(c, '®' | '™' | '*' | ' '));
        let model = &self.model;
        let node = seg.node;
        if !self.matcher.plan_names.iter().any(|n| n == name)
            || model.is_promo_node(node)
            || model.in_navigation(node)
        {
            return None;
        }
        let text = row.text.get(seg.start..seg.start + name.len())?;
        let text = self.valid_text(text, node)?;
        Some(TextFind {
            kind: Kind::Plan,
            node,
            text,
            label: None,
            score: 66,
        })
    }

    /// `<h1>Shared Data 50GB</h1>`: a page's title made of words and a data allowance,
    /// and no other label than data words, names its plan (on a group's page, every
    /// line's). So does a card's heading of that shape over the card's data (`<h2>Shared
    /// Data 30GB</h2>` | `11,438 MB left of 30 GB`).
    fn page_heading_plan(&self, r: usize, row: &super::model::Row) -> Option<TextFind> {
        let model = &self.model;
        let first = row.first_node();
        let h1 = self.up_to(first, 4, |n| n.tag == "h1").or_else(|| {
            let h = self.up_to(first, 4, |n| matches!(n.tag.as_str(), "h2" | "h3"))?;
            let card = model.page.nodes.get(h as usize)?.parent?;
            // The card's data shows in one of the three rows under its heading (`Luna 10GB`
            // | `Vence el 05/12` | `Datos restantes` | `4,2 GB`).
            model
                .rows
                .iter()
                .skip(r + 1)
                .take(3)
                .take_while(|n| model.contains(card, n.first_node()) && !n.promo)
                .any(|n| !parse::find_data(&n.text).is_empty())
                .then_some(h)
        })?;
        if !row.segs.iter().all(|s| model.contains(h1, s.node))
            || model.in_navigation(h1)
            || model.is_promo_node(first)
            || !row
                .hits
                .iter()
                .all(|h| matches!(h.kind, Kind::Data | Kind::Unlimited | Kind::Plan))
            || parse::find_data(&row.text).len() != 1
            || !has_words_besides_amounts(&row.text)
        {
            return None;
        }
        Some(TextFind {
            kind: Kind::Plan,
            node: h1,
            text: self.valid_text(&row.text, h1)?,
            label: None,
            score: 45,
        })
    }

    /// `(206) 555-0193` over `Simple Choice 10GB` (or `15GB · 3 months`): a short text of
    /// words and one data allowance, with no label but plan words, right under a line's
    /// number in the same small block names that line's plan.
    fn plan_under_number(&self, r: usize, row: &super::model::Row) -> Option<TextFind> {
        let model = &self.model;
        let prev = model.rows.get(r.checked_sub(1)?)?;
        let node = row.first_node();
        let text = row.text.trim();
        if prev.virtual_row
            || prev.promo
            || crate::parse::text::char_count(text) > 30
            || !(text.starts_with(is_alpha) || allowance_and_term(text))
            || !row
                .hits
                .iter()
                .all(|h| matches!(h.kind, Kind::Unlimited | Kind::Plan))
            || parse::find_data(text).len() != 1
            || !has_words_besides_amounts(text)
            || model.in_navigation(node)
            || model.is_promo_node(node)
            || model.height_untranslated(prev.first_node(), node) > 3
            || !self.row_phones(r - 1).iter().any(|p| {
                !p.toll_free && prev.text.get(p.end..).is_some_and(|t| t.trim().is_empty())
            })
        {
            return None;
        }
        Some(TextFind {
            kind: Kind::Plan,
            node,
            text: self.valid_text(text, node)?,
            label: None,
            score: 55,
        })
    }

    /// `186****3390` `<span>沃派畅享卡</span>`: a short CJK product name ending in 卡 (a
    /// card: how Chinese carriers name plans, `大王卡`) in its own element right after a
    /// line's number, ending the row, names that line's plan.
    fn plan_beside_number(&self, r: usize, row: &super::model::Row) -> Option<TextFind> {
        let model = &self.model;
        let p = self.row_phones(r).iter().find(|p| !p.toll_free)?;
        let mut after = row.segs.iter().filter(|s| s.start >= p.end);
        let seg = after.next()?;
        let text = row.text.get(seg.start..seg.end)?.trim();
        if after.next().is_some()
            || row.promo
            || !row.text.get(p.end..seg.start)?.trim().is_empty()
            || !text.ends_with('卡')
            || text.chars().filter(|c| !c.is_ascii()).count() < 3
            || crate::parse::text::char_count(text) > 12
            // Only the card word itself (not `银行卡`, a bank card).
            || row.hits.iter().any(|h| {
                h.end > seg.start && !(h.kind == Kind::NotPhone && h.end - h.start == 3)
            })
            || model.in_navigation(seg.node)
            || model.is_promo_node(seg.node)
        {
            return None;
        }
        Some(TextFind {
            kind: Kind::Plan,
            node: seg.node,
            text: self.valid_text(text, seg.node)?,
            label: None,
            score: 55,
        })
    }

    /// The text of the heading (`h1`–`h4`) that is row `r - 1`, when it stands in the same
    /// block as `node` (row `r`'s), outside navigation and promotions.
    fn heading_above(&self, r: usize, node: u32) -> Option<(String, u32)> {
        let model = &self.model;
        let prev = model.rows.get(r.checked_sub(1)?)?;
        let first = prev.first_node();
        let heading = self.up_to(first, 3, |n| in_list("h1 h2 h3 h4", &n.tag))?;
        if prev.virtual_row
            || prev.promo
            || model.is_promo_node(first)
            || model.in_navigation(first)
            || !prev.segs.iter().all(|s| model.contains(heading, s.node))
            || model.height_untranslated(node, heading) > 3
        {
            return None;
        }
        Some((self.valid_text(&prev.text, heading)?, heading))
    }

    /// A plan name or nickname: short, with a letter, not a value, a label or a number.
    pub(super) fn valid_text(&self, text: &str, node: u32) -> Option<String> {
        // `Plan / Item`, `Plan/Package` (a column's header): the label's alternative after
        // a slash is no name.
        if text.trim_start().as_bytes().first() == Some(&b'/') {
            return None;
        }
        // `Your plan, Starter 40GB, renews …`: no separator begins a name either.
        let text = parse::text::trim_start_where(text, |c| c.is_whitespace() || separator(c));
        // `Plan: 15GB. 3 of 12 months remaining.`, `5GB. Running low?`: the name ends
        // with its sentence.
        let b = text.as_bytes();
        let text = match (1..b.len()).find(|&i| {
            matches!(b.get(i - 1..i + 2), Some([b'.' | b'!' | b'?', b' ', n]) if n.is_ascii_uppercase() || n.is_ascii_digit())
        }) {
            Some(i) => text.get(..i - 1).unwrap_or(text),
            None => text,
        };
        // (`Starter 10GB.` cut before `Renews monthly.`: nor a full stop.)
        let text = parse::text::trim_end_where(text.trim_end(), |c| c == '.');
        // `$49 3-Month Plan · 5GB`: a price tag before a name that starts with a figure of
        // its own is not part of the name (`$40 Unlimited Plan`, `£10 Bundle` are named by
        // their price and keep it).
        let text = match parse::find_money(text, None).first() {
            Some(f) if f.start == 0 => {
                let tail = text.get(f.end..).unwrap_or("").trim_start();
                // `$ 18.450 por mes`, `59元/月`: a price per month alone is no name;
                // `$20.00 · Data $28.40 · Taxes …`: a price standing alone before a
                // separator is a charges' breakdown, not a name.
                if per_month(tail.trim_end()) || tail.chars().next().is_some_and(separator) {
                    return None;
                }
                if tail.starts_with(|c: char| c.is_ascii_digit()) && has_words_besides_amounts(tail)
                {
                    tail
                } else {
                    text
                }
            }
            _ => text,
        };
        // `Shared 30GB · $54/mo`, `飞鱼小流量卡 2GB 月租 8元`: the name ends before a price.
        let text = match parse::find_money(text, None).first() {
            Some(f) if f.start > 0 => {
                let mut head = text.get(..f.start).unwrap_or(text).trim_end();
                loop {
                    let before = head;
                    for w in parse::text::split_where(
                        "· | - – — , ， : ： ( （ 月租 月费 月費 月基本费 月基本費 for at only from",
                        |c| c == ' ',
                    ) {
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
                // Only where a separator or rate word stood before the price, or where a
                // rate per month ends the text: `畅享套餐 58元档` and `冰激凌套餐129元` keep
                // their price tier, `大王卡 19元/月` does not.
                let head_len = text.get(..f.start).unwrap_or(text).trim_end().len();
                let tail = text.get(f.end..).unwrap_or("").trim();
                let ends = per_month(tail);
                if head.len() < head_len || ends {
                    head
                } else {
                    text
                }
            }
            _ => text,
        };
        // `Visible+ Pro · Unlimited data`, `Simply Unlimited · 2 members`: the name ends
        // before a separator that leads to the plan's data allowance or to its members.
        let text = match parse::text::find_any(text, "·|") {
            Some(i)
                if text.get(..i).is_some_and(|h| h.chars().any(is_alpha))
                    && text
                        .get(i..)
                        .is_some_and(|t| !parse::find_data(t).is_empty() || counts_members(t)) =>
            {
                text.get(..i).unwrap_or(text).trim_end()
            }
            _ => text,
        };
        // `Pelican 30-Day 8GB ·` (cut before `Auto refill is on`): no separator ends a name.
        let text = parse::text::trim_end_where(text, separator).trim_end();
        // `融合套餐（含 300M 宽带 + 2 张手机卡）`, `Family Share (includes 4 lines)`: what a
        // plan includes, in parentheses after its name, is no part of it (`（个人版）` is).
        let text = match parse::text::rfind_any(text, "(（") {
            Some(i)
                if i > 0
                    && super::ends_with_any(text, ")）")
                    && text.get(i..).is_some_and(lists_contents) =>
            {
                text.get(..i).unwrap_or(text).trim_end()
            }
            _ => text,
        };
        let chars = crate::parse::text::char_count(text);
        if chars == 0 || chars > 60 || !text.chars().any(is_alpha) {
            return None;
        }
        // A sentence is never a name (`套餐和功能可能会发生变化。请参阅条款与条件。`).
        if parse::text::has_any(text, "。！？") {
            return None;
        }
        // Not a link's or button's text, but a tab's or an accordion button's (one that
        // controls a panel) may name its line (`Jordan (•••) •••-3381` over the line's
        // panel), and so may a line picker's shown option.
        if self.plain_action(node) {
            return None;
        }
        let lower = matcher::lower_same_len(text);
        if self.has_non_name_words(&lower) || only_section_words(&lower) {
            return None;
        }
        // `Plan charges $80.00`, `Plan cost`: what a plan costs, not its name; nor
        // a sentence the plan is the subject of (`Your plan has expired.`); nor a bill's
        // charge for a line (`Watch Connect – Grundgebühr`).
        let mut words = parse::text::split_where(&lower, |c| matches!(c, ' ' | ':' | '：'));
        let first = words.next().unwrap_or("");
        const CHARGES: &str = "charges charge cost costs price fee fees cargos kosten grundgebühr";
        // `last`, not `next_back`: the reverse splitter costs the engine's wasm 0.3 KB.
        #[allow(clippy::double_ended_iterator_last)]
        let last = words.last().unwrap_or("");
        if in_list(CHARGES, first)
            || in_list("has have is are was will wird ist wurde", first)
            || in_list(CHARGES, last)
        {
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
            // Nor a sentence around a date (`将于 12月9日`, cut before `续订`).
            // (A plan's length is no date: `上網30天 5GB`, `Prepago 30 días`.)
            || parse::find_dates(text, self.today, self.order)
                .iter()
                .any(|f| !is_duration(text.get(f.start..f.end).unwrap_or("")))
            // (`Unlimited 50` is a name: a plan's tier number beside the word.)
            || parse::find_data(text).iter().any(|f| {
                let tier = f.value.amount_mb.is_none()
                    && f.value.unlimited
                    && text
                        .get(f.end..)
                        .is_some_and(|t| t.bytes().any(|b| b.is_ascii_digit()));
                covered(f.start, f.end) && !tier
            })
        {
            return None;
        }
        Some(text.to_string())
    }

    /// True when `node` is in a link or button that is not a tab, an accordion's button
    /// (one that controls a panel) or a drop-down.
    fn plain_action(&self, node: u32) -> bool {
        self.model
            .action
            .get(node as usize)
            .copied()
            .unwrap_or(false)
            && !self.model.in_drop_down(node)
            && self
                .up_to(node, 4, |n| {
                    n.attr("role") == Some("tab") || n.attr("aria-controls").is_some()
                })
                .is_none()
    }

    /// True when `lower` holds words that make it not a name: money, date, plan,
    /// AutoPay, promotional, placeholder or sign-in wording, or is a caption alone
    /// (`Number`, `Line`, `Plan`).
    fn has_non_name_words(&self, lower: &str) -> bool {
        self.matcher.find(lower).iter().any(|h| {
            // Words that count in one place only (`paid [ends the row]`) say nothing here.
            if h.place != matcher::Place::Anywhere {
                return false;
            }
            // `Marco's line`, `Prepaid Plan 10`, `5G智享套餐`: these words inside a name are
            // fine, but not alone (`Number`) nor a plan word first.
            let inside = h.start > 0 || h.end < lower.len();
            // `智慧沃家共享版`: a word glued between two CJK letters is part of another word
            // (`共享`), not the label `共` (`共 40GB`).
            let cjk = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && is_alpha(c));
            if cjk(lower.get(..h.start).and_then(|t| t.chars().next_back()))
                && cjk(lower.get(h.end..).and_then(|t| t.chars().next()))
            {
                return false;
            }
            let fine = match h.kind {
                // `我的当前套餐`, `My current plan`: a caption, whatever is before it.
                Kind::Plan => {
                    h.start > 0 && lower.get(..h.start).is_some_and(|t| !only_section_words(t))
                }
                // `Line 2`, `副卡1`: a line's role and ordinal name no line; `Marco's line`
                // does.
                Kind::Line => {
                    inside
                        && lower
                            .get(..h.start)
                            .into_iter()
                            .chain(lower.get(h.end..))
                            .any(|t| t.chars().any(is_alpha))
                }
                // `No active plan`, `Inactive`: a name field saying there is none.
                Kind::Off => h.start > 0,
                Kind::On | Kind::NotPhone => inside,
                // `通用流量` alone (`套餐通用流量总量`) is a kind of data, not a name.
                Kind::Data | Kind::NotData | Kind::AddOn | Kind::Hotspot => inside,
                Kind::Unlimited => true,
                // `Unlimited Welcome`: a greeting's word after another word of a name.
                Kind::Greeting => h.start > 0,
                _ => false,
            };
            !fine
        })
    }
}

/// True when `tail`, after a price, makes it a rate per month or period (`/月`, `a
/// month`, `/ 4 Wochen`).
fn per_month(tail: &str) -> bool {
    let tail = lowercase(tail);
    // `/月`, `/ Monat`, `/ 4 Wochen`, `/30日`: a price per period.
    if let Some(p) = tail.strip_prefix('/').map(str::trim_start) {
        return in_list("月 mo mo. month mes monat", p) || is_term(p);
    }
    parse::text::split_where("每月|al mes|por mes|pro monat|per month|a month", |c| {
        c == '|'
    })
    .any(|w| w == tail)
}

/// True when `tail`, the text after a price, opens with a rate per month or period
/// (`/mo · 5G`, `per month, taxes included`): its first three words at most.
pub(super) fn rate_follows(tail: &str) -> bool {
    let mut end = 0;
    for _ in 0..3 {
        let Some(rest) = tail.get(end..) else { break };
        let word = rest.trim_start();
        end = tail.len() - word.len() + word.bytes().position(|b| b == b' ').unwrap_or(word.len());
        let head = tail.get(..end).unwrap_or("");
        if per_month(parse::text::trim_end_where(head, |c| {
            separator(c) || c == '.'
        })) {
            return true;
        }
    }
    false
}

/// What a price is counted in when it is a rate per unit: data, lines, members, devices.
const RATE_UNITS: &str = "gb mb kb tb gig gigs gigabyte gigabytes megabyte megabytes line lines línea linea líneas lineas user users member members device devices phone phones person persona";

/// True when `tail`, the lower-cased text after a price, makes it a rate: per period
/// (`rate_follows`) or per unit of data, line or item (`$10 per GB`, `$10/GB`, `$20/line`,
/// `$15 a line`, `$5 each`, `$15 line fee`, `$10 por GB`). A catalogue's or a plan's
/// terms, never what an account owes or holds.
pub(super) fn price_rate_follows(tail: &str) -> bool {
    if rate_follows(tail) {
        return true;
    }
    let t = tail.trim_start();
    let (slash, t) = match t.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let mut words = parse::text::split_where(t, |c| !is_alnum(c)).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    // `5gb` after `/` or `per`: a price per amount.
    let unit = |w: &str| {
        in_list(
            RATE_UNITS,
            parse::text::trim_start_where(w, |c| c.is_ascii_digit()),
        )
    };
    if slash {
        return unit(first);
    }
    let second = words.next().unwrap_or("");
    (in_list("per por pro a each cada je", first) && unit(second))
        || in_list("each ea cada", first)
        || (in_list("line línea linea", first) && in_list("fee fees charge access cargo", second))
}

/// True when `tail` (lower case, after `unlimited`) names a slowed speed in its first
/// words (` at reduced speeds`, ` at up to 128kbps`, ` at 2G speeds`), not a speed limit
/// of an unlimited bucket (` at up to 5 Mbps`, ` at SD quality`).
pub(super) fn slowed_speed(tail: &str) -> bool {
    parse::text::split_where(tail, |c| !is_alnum(c))
        .filter(|w| !w.is_empty())
        .take(7)
        .any(|w| {
            in_list(
                "reduced slower slow lower throttled 2g 3g kbps reducida reducidas reducido \
                 reducidos lenta lentas menor gedrosselt reduziert reduzierter réduite réduit \
                 ridotta ridotte",
                w,
            ) || w.as_bytes().ends_with(b"kbps")
        })
}

/// True when `tail` (lower case, after `unlimited`) goes on with a word that puts a speed
/// after it (` at `, es ` a `, fr ` à `, de ` mit `): `unlimited at 2G speeds`, `datos
/// ilimitados a velocidades de hasta 128 kbps`.
pub(super) fn speed_follows(tail: &str) -> bool {
    parse::text::split_byte(" at | a | à | mit | con ", b'|')
        .any(|w| tail.as_bytes().starts_with(w.as_bytes()))
}

/// True when `head` (lower case, before `unlimited`) ends with a word saying what comes
/// after a cap (`then`, `After that,`, `Después,`, `luego`, `danach`, `ensuite`, `poi`),
/// maybe with a data word between (`Después, datos ilimitados`): the slowed speed after a
/// cap.
pub(super) fn then_before(head: &str) -> bool {
    let mut words = parse::text::split_where(head, |c| !is_alnum(c))
        .filter(|w| !w.is_empty())
        .rev();
    for _ in 0..4 {
        match words.next() {
            Some(w) if in_list(parse::data::THEN_WORDS, w) => return true,
            Some(w)
                if in_list("data datos daten dati données", w)
                    || in_list(parse::data::THEN_FILLERS, w) => {}
            _ => return false,
        }
    }
    false
}

/// A separator between fields, never at either end of a name.
fn separator(c: char) -> bool {
    parse::text::has_char("·|,，;:：–—•", c)
}

/// True when `text` has a word besides data amounts (`Prepaid 10GB`, `5G 本地 20GB 月費`,
/// not `5 GB`).
pub(super) fn has_words_besides_amounts(text: &str) -> bool {
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    for f in parse::find_data(text) {
        rest.push_str(text.get(last..f.start).unwrap_or(""));
        last = f.end.max(last);
    }
    rest.push_str(text.get(last..).unwrap_or(""));
    parse::text::split_where(&rest, |c| !is_alpha(c))
        .any(|w| crate::parse::text::char_count(w) >= 2 || !w.is_ascii())
}

/// Words that make a name beside a line's number a device or line nickname (`Work phone`,
/// `Marco's line`, `Kitchen tablet`) rather than a person's name, which on a single-line
/// page may be the account holder's and is never stored.
const DEVICE_WORDS: &str = "phone line tablet watch ipad iphone pixel galaxy hotspot mifi router modem car work business personal home office sim esim teléfono telefono línea linea tableta reloj trabajo móvil movil handy telefon leitung arbeit diensthandy uhr";
const DEVICE_CJK: &str = "手机 手機 副卡 主卡 平板 手表 手錶 工作 公司 备用 備用";

/// Where a name that begins at byte `from` of `row` ends, at most `to`: before a sibling
/// element that holds its price or its term (`<span>Ultra 5GB</span> <span>$29 / 30
/// days</span>`, `<span>15GB</span> <span>12-month plan</span>`, `（199元/月）`).
fn name_end(row: &super::model::Row, from: usize, to: usize) -> usize {
    // A feature badge after the name, an element of its own (`4G 月租 999 型` |
    // `上網吃到飽`).
    let to = row
        .segs
        .iter()
        .filter(|s| s.start > from && s.start < to)
        .find(|s| {
            let raw = row.text.get(s.start..s.end).unwrap_or("");
            let lead = raw.len() - raw.trim_start().len();
            let piece = raw.trim();
            !piece.is_empty()
                && row.hits.iter().any(|h| {
                    h.kind == Kind::Unlimited
                        && h.start <= s.start + lead
                        && h.end >= s.start + lead + piece.len()
                })
        })
        .map_or(to, |s| s.start);
    let joins = || row.joins.iter().copied().filter(|&j| j > from && j < to);
    joins()
        .find(|&j| {
            let end = joins().find(|&k| k > j).unwrap_or(to);
            let piece = row.text.get(j..end).unwrap_or("").trim();
            let bare = parse::text::trim_start_where(piece, |c| c == '(' || c == '（');
            parse::find_money(bare, None)
                .first()
                .is_some_and(|f| f.start == 0)
                || is_term(piece)
                // A status badge after the name (`Prepaid Unlimited` | `Expired`).
                || in_list(STATUS_WORDS, &lowercase(piece))
                // The next field's label in a flat row (`Basic 6GB` | `Status:`).
                || (super::ends_with_any(piece, ":：") && piece.bytes().filter(|&b| b == b' ').count() < 3)
        })
        .unwrap_or(to)
}

/// A plan's or line's state, shown as a badge beside its name.
const STATUS_WORDS: &str = "active expired suspended inactive paused pending cancelled canceled current 已过期 已失效 已暂停 vencido activo aktiv abgelaufen";

/// A plan's term written alone (`12-month plan`, `3 months`, `30 days`, `（12 个月）`).
fn is_term(text: &str) -> bool {
    let lower = lowercase(text);
    let mut words = parse::text::split_where(&lower, |c| !is_alnum(c)).filter(|w| !w.is_empty());
    // A word past its figure (`12个月`: no space between in CJK).
    let unit = |w| parse::text::trim_start_where(w, |c| c.is_ascii_digit());
    let period = |w| {
        in_list(
            "day days week weeks month months year years días dias mes meses año años tage woche wochen monat monate jahr 个月 個月 天 日 年",
            unit(w),
        )
    };
    words
        .clone()
        .next()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        && words.clone().any(period)
        && words.all(|w| unit(w).is_empty() || period(w) || in_list("plan term plazo laufzeit", w))
}

/// Words a lead-in to a number ends with (`Phone ending in`, `Línea con`): not a name.
const LEAD_IN_WORDS: &str = "in at on to of for with is ending ends de en con mit auf für endet";

/// Brands and product names that begin a device's model name (`Apple iPhone 16 Pro`,
/// `Pixel 9a`, `Samsung Galaxy S24`).
const DEVICE_MAKERS: &str = "apple samsung google motorola moto oneplus nokia xiaomi redmi huawei honor oppo vivo sony lg tcl zte nothing iphone ipad galaxy pixel razr xperia ";
/// Words of a model name besides makers and model numbers.
const MODEL_WORDS: &str = "pro max plus ultra mini series se fold flip fe lite air watch tab note edge xl a s z g power stylus cellular gps ";

/// True when `text` is a device's model name (`Apple iPhone 16 Pro`, `Pixel 9a`, `iPad
/// Air`), not a name its user gave it (`Kids iPad`, `Marco's iPhone`).
pub(super) fn is_device_model(text: &str) -> bool {
    let lower = lowercase(text.trim());
    let mut words = parse::text::split_where(&lower, |c| !is_alnum(c)).filter(|w| !w.is_empty());
    words.next().is_some_and(|w| in_list(DEVICE_MAKERS, w))
        && words.all(|w| {
            in_list(DEVICE_MAKERS, w)
                || in_list(MODEL_WORDS, w)
                || w.bytes().any(|b| b.is_ascii_digit())
        })
}

pub(super) fn names_a_device(text: &str) -> bool {
    // `Pixel 9a`: a model alone is the device, not a name given to it.
    if is_device_model(text) {
        return false;
    }
    let lower = lowercase(text);
    let words = parse::text::split_where(&lower, |c| !is_alnum(c)).filter(|w| !w.is_empty());
    // `last`, not `next_back`: the reverse splitter costs the engine's wasm 0.3 KB.
    #[allow(clippy::double_ended_iterator_last)]
    let lead_in = words
        .clone()
        .last()
        .is_some_and(|w| in_list(LEAD_IN_WORDS, w));
    // `Your phone`, `My line`: the page speaking, not a name the user gave.
    let generic = words
        .clone()
        .next()
        .is_some_and(|w| in_list("your my this the tu mi su ihr mein dein", w));
    // `Phone (•••) •••-2046`: one word before the number is its caption.
    let several_words = words.clone().nth(1).is_some();
    !lead_in
        && !generic
        && several_words
        // A maker after the first word (`Danny's Moto`, `Kids Samsung`) names a device too;
        // first it may be a person's name (`Honor Smith`).
        && (words
            .enumerate()
            .any(|(i, w)| in_list(DEVICE_WORDS, w) || (i > 0 && in_list(DEVICE_MAKERS, w)))
            || parse::text::split_byte(DEVICE_CJK, b' ')
                .any(|w| parse::text::contains(&lower, w)))
}

/// Words counting the people or lines on a plan (`2 members`, `2 位成员`, `3 líneas`).
const MEMBER_WORDS: &str = "member members line lines people persons users miembros líneas lineas mitglieder 位成员 名成员 个成员 位成員 名成員 条线路 條線路 人 ";

/// True when `text` (after a separator) is a count of a plan's members (`· 2 members`).
fn counts_members(text: &str) -> bool {
    let t = parse::text::trim_start_where(text, |c| matches!(c, '·' | '|' | ' ' | '\u{a0}'));
    let digits = t.len() - parse::text::trim_start_where(t, |c| c.is_ascii_digit()).len();
    let rest = lowercase(t.get(digits..).unwrap_or("").trim());
    digits > 0 && in_list(MEMBER_WORDS, &rest)
}

/// Words that begin a list of what a plan includes (`含 300M 宽带`, `includes 4 lines`).
const CONTENTS_WORDS: &str =
    "含 包含 内含 內含 includes including incl with incluye incluido con inkl inklusive mit";

/// True when `paren` (`（含 …）`, `(includes …)`) lists what a plan includes.
fn lists_contents(paren: &str) -> bool {
    let inner =
        lowercase(parse::text::trim_start_where(paren, |c| c == '(' || c == '（').trim_start());
    parse::text::split_byte(CONTENTS_WORDS, b' ').any(|w| {
        inner
            .strip_prefix(w)
            .is_some_and(|r| !w.is_ascii() || !r.starts_with(is_alpha))
    })
}

/// Whether `tag` is a heading's (`h1` to `h6`): asked of most nodes' ancestors, so not
/// through a word list.
pub(super) fn is_heading(tag: &str) -> bool {
    matches!(tag.as_bytes(), [b'h', b'1'..=b'6'])
}

/// True when `word` is one of `list`'s words (one string, spaces between: smaller in
/// the wasm than a slice of strings).
pub(super) fn in_list(list: &str, word: &str) -> bool {
    parse::text::table_word(list, word, false, false).is_some()
}

/// Words that name a page section, not a plan or a line (`Plan details`, `套餐详情`), or a
/// member's role (`Owner`, `Family admin`).
const SECTION_WORDS: &str = "billing payments usage account owner admin administrator holder primary family details detail info information overview summary settings options features benefits add ons addons management manage change view and my your current type name detalles información resumen übersicht informationen einstellungen 我的 我嘅 当前 當前 详情 信息 資訊 资讯 詳情 資料 资料 名称 名稱 使用 情况 情況 用量 余量 餘量 明细 明細 概览 概覽";

/// True when every word of `lower` is a section word.
pub(super) fn only_section_words(lower: &str) -> bool {
    let mut words = parse::text::split_where(lower, |c| !is_alnum(c) || c == '&')
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(section_compound)
}

/// True when `word` is section words run together (`使用情况`, `余量明细`: CJK writes no
/// spaces between them).
fn section_compound(word: &str) -> bool {
    word.is_empty()
        || parse::text::split_byte(SECTION_WORDS, b' ').any(|s| {
            word.strip_prefix(s)
                .is_some_and(|rest| (rest.is_empty() || !s.is_ascii()) && section_compound(rest))
        })
}

/// A data allowance written alone (`15GB`, `Unlimited`), as a plan field's value.
fn bare_allowance(text: &str) -> Option<String> {
    // `Plan 15 GB · $ 18.450 por mes`: the allowance ends before a price.
    let text = parse::find_money(text, None)
        .first()
        .and_then(|f| text.get(..f.start))
        .unwrap_or(text);
    let text = parse::text::trim_end_where(text, |c| c.is_whitespace() || separator(c));
    let text = text.trim_start();
    let r = parse::parse_data(text).ok()?;
    let bare = r.remaining_mb.is_none() && r.used_mb.is_none() && r.total_mb.is_none();
    (crate::parse::text::char_count(text) <= 16
        && bare
        && (r.amount_mb.is_some() != r.unlimited)
        && !has_words_besides_amounts(text))
    .then(|| text.to_string())
}

/// A data allowance and a plan's term (`15GB · 3 months`): how prepaid plans are named.
fn allowance_and_term(text: &str) -> bool {
    let Some(cut) = text.char_indices().find(|&(_, c)| separator(c)) else {
        return false;
    };
    let (allowance, term) = (
        text.get(..cut.0).unwrap_or(""),
        text.get(cut.0..).unwrap_or(""),
    );
    let term = parse::text::trim_start_where(term, |c| c == ' ' || separator(c));
    bare_allowance(allowance).is_some() && is_term(term)
}

/// A bare length of time, `30天`, `30 días`, `7 days`: no date on its own.
fn is_duration(text: &str) -> bool {
    let unit = parse::text::trim_start_where(text, |c| c.is_ascii_digit());
    unit.len() < text.len()
        && in_list(
            "天 日 day days día días dia dias tag tage tagen jour jours",
            &lowercase(unit.trim_start()),
        )
}
