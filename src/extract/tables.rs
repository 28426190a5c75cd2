//! Tables: a header row of labels names the cells below it.

use super::matcher::{Family, Kind};
use super::model::Model;
use super::phone::{self, Strength};
use super::{Engine, Label};
use crate::date::Date;
use crate::page::{PageNode, PageSnapshot};
use crate::parse::{self, DateOrder};
use crate::vecmap::VecMap;

/// A table body cell under a column header that names a field.
pub(super) struct TableCell {
    pub(super) node: u32,
    pub(super) kind: Kind,
    pub(super) header: String,
    /// A unit named in the header (`Data (MB)`), for unit-less cells.
    pub(super) unit: Option<&'static str>,
    /// The role a bucket's header also names (`Hotspot used`): 0 left, 1 used, 2 total.
    pub(super) role: Option<usize>,
}

#[derive(Default)]
pub(super) struct Tables {
    pub(super) cells: Vec<TableCell>,
    /// Header cells and history rows' cells (sorted): their words label columns or
    /// describe an entry, not the values after them.
    pub(super) header_cells: Vec<u32>,
    /// Rows (`tr`) of a history (they start with a date): their words label no date.
    pub(super) history_rows: Vec<u32>,
    /// Body rows (`tr`, sorted) of a table of add-ons: its first column or the heading
    /// right above it names them (`流量包` | `剩余` | `到期时间`; `Gebuchte Optionen` over
    /// `Option` | `Volumen` | `gültig bis`). Their figures and dates are the packs'.
    pub(super) add_on_rows: Vec<u32>,
}

/// Finds tables with a header row (all `th`) and labels each body cell by its column.
///
/// Rows that start with a date (`Nov 25 | 1.2 GB`, `10/23/2026 | 11/14/2026 | $179.90`) or
/// a month gone by (`2026-10 | 199.00`) are history: their cells are not labelled.
#[inline(never)]
pub(super) fn find_tables(model: &Model<'_>, today: Date, order: DateOrder) -> Tables {
    let nodes = &model.page.nodes;
    let mut out = Tables::default();
    // Each node's part, told once (a text is none); each tag's word looked up in the
    // table once: a common tag is one static text (`page::Name`), known by its address.
    let mut tag_parts: Vec<(*const u8, usize, Option<usize>)> = Vec::new();
    let parts: Vec<Option<usize>> = nodes
        .iter()
        .map(|n| {
            if n.is_text() {
                return None;
            }
            let key = (n.tag.as_ptr(), n.tag.len());
            let by_tag = match tag_parts.iter().find(|t| (t.0, t.1) == key) {
                Some(t) => t.2,
                None => {
                    let p = part_word(&n.tag);
                    tag_parts.push((key.0, key.1, p));
                    p
                }
            };
            by_tag.or_else(|| part_word(n.attr("role")?))
        })
        .collect();
    let part_of = |i: u32| parts.get(i as usize).copied().flatten();
    let mut cells_of: VecMap<u32, Vec<u32>> = VecMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if part_of(i as u32) < Some(2) {
            if let Some(p) = n.parent {
                if part_of(p) == Some(2) {
                    cells_of.entry(p).or_default().push(i as u32);
                }
            }
        }
    }
    let table_of = |tr: u32| -> Option<u32> {
        let mut cur = nodes.get(tr as usize)?.parent;
        for _ in 0..3 {
            let i = cur?;
            if part_of(i) == Some(3) {
                return Some(i);
            }
            cur = nodes.get(i as usize)?.parent;
        }
        None
    };
    type Head = Vec<Option<(Kind, String, Option<&'static str>, Option<usize>)>>;
    let mut header: VecMap<u32, Head> = VecMap::new();
    let mut add_on_tables: Vec<u32> = Vec::new();
    for (tr, cells) in &cells_of {
        let Some(table) = table_of(*tr) else { continue };
        let all_th = cells.iter().all(|&c| part_of(c) == Some(1));
        if let Some(head) = header.get(&table) {
            let first_is_date = cells.first().is_some_and(|&c| {
                model.rows.get(model.first_row_at(c)).is_some_and(|row| {
                    model.contains(c, row.first_node()) && {
                        // One date, or a range (`Oct 14 – Nov 13`), filling the cell.
                        let dates = parse::find_dates(&row.text, today, order);
                        let covered: usize = dates.iter().map(|f| f.end - f.start).sum();
                        dates.first().is_some_and(|f| f.start <= 2)
                            && covered * 2 >= row.text.trim().len()
                    }
                })
            });
            // A bill of a month gone by (`2026年10月 | ¥128.00 | 已缴清`).
            let first_is_past_month = cells.first().is_some_and(|&c| {
                model.rows.get(model.first_row_at(c)).is_some_and(|row| {
                    let end = row
                        .segs
                        .iter()
                        .take_while(|s| model.contains(c, s.node))
                        .last()
                        .map_or(0, |s| s.end);
                    parse::date::parse_year_month(row.text.get(..end).unwrap_or(""))
                        .is_some_and(|(y, m)| (y, m) < (today.year(), today.month()))
                })
            });
            // An entry whose dates under an expiry column have all gone by (`韓國 10天 10GB
            // | 6.8GB / 10GB | 2026/10/12 | 已過期`, `EU Pass | 1 GB | 10/02/2026` under
            // `Expiry date`): a pack that ended, not a current one. (Not a line's row; not
            // a bill's due date gone by: an overdue bill is still to pay.)
            let ended = || {
                let (mut past, mut to_come) = (false, false);
                let mut texts = String::new();
                for (col, &c) in cells.iter().enumerate() {
                    let end = model.end.get(c as usize).copied().unwrap_or(c) as usize;
                    let text = subtree_text(model.page, c as usize, end);
                    if head
                        .get(col)
                        .and_then(|h| h.as_ref())
                        .is_some_and(|h| h.0 == Kind::RenewalDate)
                    {
                        for f in parse::find_dates(&text, today, order) {
                            if f.value < today {
                                past = true;
                            } else {
                                to_come = true;
                            }
                        }
                    }
                    texts.push_str(&text);
                    texts.push(' ');
                }
                past && !to_come && line_number(&texts).is_none()
            };
            // A history entry's words describe it (`Data pass | Balance | $5.00`): they
            // label nothing, like a header's.
            if first_is_date || first_is_past_month || ended() {
                out.header_cells.extend(cells.iter().copied());
                out.history_rows.push(*tr);
                continue;
            }
            // A row of an add-on table, unless its name is the plan's (`套餐内流量`).
            if add_on_tables.contains(&table)
                && !cells.first().is_some_and(|&c| {
                    model.rows.get(model.first_row_at(c)).is_some_and(|row| {
                        model.contains(c, row.first_node())
                            && super::names_the_plan(row)
                            && !row.hits.iter().any(|h| h.kind == Kind::AddOn)
                    })
                })
            {
                out.add_on_rows.push(*tr);
            }
            for (col, &cell) in cells.iter().enumerate() {
                if let Some(Some((kind, text, unit, role))) = head.get(col) {
                    out.cells.push(TableCell {
                        node: cell,
                        kind: *kind,
                        header: text.clone(),
                        unit: *unit,
                        role: *role,
                    });
                }
            }
        } else if all_th && cells.len() >= 2 && !holds_money(model, cells) {
            out.header_cells.extend(cells.iter().copied());
            if add_on_table(model, table, cells) {
                add_on_tables.push(table);
            }
            let head: Head = cells
                .iter()
                .map(|&c| {
                    let r = model.first_row_at(c);
                    let row = model.rows.get(r)?;
                    if !model.contains(c, row.first_node()) {
                        return None;
                    }
                    // A bare `Name` column beside a line's column names the lines (below).
                    if row.hits.is_empty()
                        && super::names::in_list("name nombre 名稱 名称", row.lower.trim())
                    {
                        return Some((Kind::Nickname, row.text.clone(), None, Some(9)));
                    }
                    let h = row.hits.iter().find(|h| {
                        h.kind == Kind::Line
                            || matches!(
                                h.kind.family(),
                                Family::Data
                                    | Family::Money
                                    | Family::Date
                                    | Family::State
                                    | Family::Text
                            )
                    })?;
                    let lower = &row.lower;
                    let unit = parse::text::split_where(
                        "(mb)|(gb)|in mb|in gb|（mb）|（gb）|(kb)",
                        |c| c == '|',
                    )
                    .find(|u| parse::text::contains(lower, u))
                    .map(|u| {
                        if parse::text::contains(u, "gb") {
                            "GB"
                        } else if parse::text::contains(u, "kb") {
                            "KB"
                        } else {
                            "MB"
                        }
                    });
                    let role = row.hits.iter().find_map(|x| match x.kind {
                        Kind::DataRemaining => Some(0),
                        Kind::DataUsed => Some(1),
                        Kind::DataTotal => Some(2),
                        _ => None,
                    });
                    Some((h.kind, row.text.clone(), unit, role))
                })
                .collect();
            // A `Plan` column beside a `Remaining` or `Used` one holds the plan's allowance.
            let mut head = head;
            let lines = head.iter().flatten().any(|h| h.0 == Kind::Line);
            for h in head.iter_mut() {
                if h.as_ref().is_some_and(|h| h.3 == Some(9)) {
                    *h = h
                        .take()
                        .filter(|_| lines)
                        .map(|(k, t, u, _)| (k, t, u, None));
                }
            }
            if head.iter().flatten().any(|h| matches!(h.3, Some(0 | 1))) {
                for h in head.iter_mut().flatten().filter(|h| h.0 == Kind::Plan) {
                    h.3 = Some(2);
                }
            }
            header.insert(table, head);
        }
    }
    crate::sort::sort(&mut out.header_cells);
    out
}

/// Whether the table whose header row has `cells` lists add-ons: its first column is
/// headed by an add-on's word (`流量包`, `Add-on`, `Zusatzpaket`), or the row just above
/// the header is a title naming add-ons, and nothing else, in the table's own box
/// (`<h2>Gebuchte Optionen</h2><table>`, `<h3>已订流量包</h3>`, `Your bolt-ons`).
fn add_on_table(model: &Model<'_>, table: u32, cells: &[u32]) -> bool {
    let add_on = |row: &super::model::Row| {
        super::own_bucket(model, row) == super::Bucket::AddOn
            && !row.hits.iter().any(|h| h.kind == Kind::Plan)
    };
    let Some(&first) = cells.first() else {
        return false;
    };
    let r = model.first_row_at(first);
    let Some(row) = model.rows.get(r) else {
        return false;
    };
    if model.contains(first, row.first_node()) && add_on(row) {
        return true;
    }
    r.checked_sub(1)
        .and_then(|p| model.rows.get(p))
        .is_some_and(|title| {
            let t = title.first_node();
            add_on(title)
                && !title.text.bytes().any(|b| b.is_ascii_digit())
                && !model.contains(table, t)
                && model.height_untranslated(t, table) <= 3
                && model.height_untranslated(table, t) <= 2
        })
}

/// What an element is in a table, by its tag or its ARIA role (`<div role=table>` grids),
/// `word`: 0 a cell, 1 a header cell, 2 a row, 3 the table.
fn part_word(word: &str) -> Option<usize> {
    const PARTS: &str = "td cell gridcell|th columnheader rowheader|tr row|table grid treegrid";
    parse::text::table_word(PARTS, word, true, false)
}

/// A grid built of ARIA roles (`<div role="row"><span role="cell">`) as the table it
/// stands for: each part's tag the table tag of its role (`table`, `tbody`, `tr`, `th`,
/// `td`), so everything that knows a table's rows, cells and headers reads it alike. `None`
/// when no element of the page has such a role on another tag (most pages: not copied).
pub(super) fn aria_tables(page: &PageSnapshot) -> Option<PageSnapshot> {
    const TAGS: [&str; 5] = ["td", "th", "tr", "table", "tbody"];
    let tag_for = |n: &PageNode| -> Option<&'static str> {
        let role = n.attr("role")?;
        let part = part_word(role).or_else(|| (role == "rowgroup").then_some(4))?;
        let tag = TAGS.get(part).copied()?;
        (n.tag != tag).then_some(tag)
    };
    // (A grid has rows: a page with none is read as it is.)
    if !page.nodes.iter().any(|n| tag_for(n) == Some("tr")) {
        return None;
    }
    let mut out = page.clone();
    for n in &mut out.nodes {
        if let Some(tag) = tag_for(n) {
            n.tag = tag.into();
        }
    }
    Some(out)
}

/// A row of `th` cells that holds an amount (`<tfoot><tr><th>Total due</th><th>$92.00`)
/// is a total, not a header.
fn holds_money(model: &Model<'_>, cells: &[u32]) -> bool {
    cells.iter().any(|&c| {
        model.rows.get(model.first_row_at(c)).is_some_and(|row| {
            model.contains(c, row.first_node()) && !parse::find_money(&row.text, None).is_empty()
        })
    })
}

impl Tables {
    /// A line's nickname names it (`Cabin hotspot`, `Data stick`, `Travel data SIM` under
    /// `Name`): its words label no figure and name no bucket, so they are no hits.
    pub(super) fn drop_nickname_hits(&self, model: &mut Model<'_>) {
        if !self.cells.iter().any(|c| c.kind == Kind::Nickname) {
            return;
        }
        let end = &model.end;
        for row in &mut model.rows {
            let mut hits = std::mem::take(&mut row.hits);
            hits.retain(|h| {
                let node = row.node_at(h.start);
                let i = self.cells.partition_point(|c| c.node <= node);
                !i.checked_sub(1)
                    .and_then(|i| self.cells.get(i))
                    .is_some_and(|c| {
                        c.kind == Kind::Nickname
                            && end.get(c.node as usize).is_some_and(|&e| node < e)
                    })
            });
            row.hits = hits;
        }
    }
}

impl Engine<'_> {
    /// Column headers of tables label the cells below them.
    pub(super) fn table_labels(&self, labels: &mut Vec<Label>) {
        for cell in &self.tables.cells {
            // A figure alone under that `Plan` (not a plan's name, `Shared 30GB`).
            let kind = match (cell.kind, cell.role) {
                (Kind::Plan, Some(2)) => {
                    let end = self.model.end.get(cell.node as usize).copied().unwrap_or(0);
                    let text = subtree_text(self.model.page, cell.node as usize, end as usize);
                    if super::names::has_words_besides_amounts(&text) {
                        continue;
                    }
                    Kind::DataTotal
                }
                (k, _) => k,
            };
            if matches!(kind.family(), Family::Text) || kind == Kind::Line {
                continue;
            }
            labels.push(Label {
                kind,
                row: self.model.first_row_at(cell.node) as u32,
                start: 0,
                end: 0,
                node: cell.node,
                scope: Some(cell.node),
                bonus: super::remainder_bonus(kind, &crate::parse::text::lowercase(&cell.header)),
                text: cell.header.clone(),
            });
        }
    }

    /// The labelled table cell holding `node`, if any.
    pub(super) fn table_cell_of(&self, node: u32) -> Option<&TableCell> {
        let cells = &self.tables.cells;
        let i = cells.partition_point(|c| c.node <= node);
        cells
            .get(i.checked_sub(1)?)
            .filter(|c| self.model.contains(c.node, node))
    }

    /// Whether `node` is in a row of a table of add-ons (`Tables::add_on_rows`).
    pub(super) fn in_add_on_table(&self, node: u32) -> bool {
        self.in_one_of(&self.tables.add_on_rows, node)
    }

    pub(super) fn in_header_cell(&self, node: u32) -> bool {
        self.in_one_of(&self.tables.header_cells, node)
    }

    /// Whether `node` is inside one of `roots` (sorted, none inside another): only the
    /// last root at or before it can hold it.
    fn in_one_of(&self, roots: &[u32], node: u32) -> bool {
        let i = roots.partition_point(|&r| r <= node);
        i > 0
            && roots
                .get(i - 1)
                .is_some_and(|&r| self.model.contains(r, node))
    }
}

/// Most line columns a transposed table is read with (a family plan's lines).
const MAX_LINE_COLUMNS: usize = 8;

/// The text of `node`'s subtree (`end` is one past its last descendant), pieces joined by
/// spaces.
fn subtree_text(page: &PageSnapshot, node: usize, end: usize) -> String {
    let mut out = String::new();
    for n in page.nodes.get(node..end).unwrap_or(&[]) {
        if let Some(t) = &n.text {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(t);
        }
    }
    out
}

/// The last four digits of the line number a cell's text shows (a mask or a full number,
/// not four digits after `ending in`, which may be a card's; no toll-free number).
fn line_number(text: &str) -> Option<String> {
    let finds = phone::find_phones(text);
    let mut lines = finds
        .iter()
        .filter(|f| f.strength != Strength::Weak && !f.toll_free);
    let first = lines.next()?;
    lines.next().is_none().then(|| first.last4.clone())
}

/// A **transposed** table — one column per line, a row per field (`Plan`, `Data used`),
/// the lines' numbers across one row (the header's or a body row's) — rewritten as one card
/// per line: the column's header, then a `row header  cell` line per row, the shape of the
/// line cards the engine reads. `None` when the page has no such table.
///
/// The shape: at least three rows of equally many cells (2 to [`MAX_LINE_COLUMNS`] line
/// columns after the row headers' column); one row whose every cell after the first shows
/// a different line number, and whose first cell shows none.
pub(super) fn transpose_tables(page: &PageSnapshot) -> Option<PageSnapshot> {
    let nodes = &page.nodes;
    let n = nodes.len();
    let mut end: Vec<usize> = Vec::with_capacity(n);
    for i in 1..=n {
        end.push(i);
    }
    for i in (0..n).rev() {
        let e = end.get(i).copied().unwrap_or(i + 1);
        if let Some(p) = nodes.get(i).and_then(|x| x.parent) {
            if let Some(pe) = end.get_mut(p as usize) {
                *pe = (*pe).max(e);
            }
        }
    }
    let tag = |i: usize| nodes.get(i).map_or("", |x| x.tag.as_str());
    let parent = |i: usize| nodes.get(i).and_then(|x| x.parent).map(|p| p as usize);
    // Rows (`tr`, each with its cells) per table, in page order.
    let mut tables: VecMap<usize, Vec<(usize, Vec<usize>)>> = VecMap::new();
    for i in 0..n {
        if !matches!(tag(i), "td" | "th") {
            continue;
        }
        let Some(tr) = parent(i).filter(|&p| tag(p) == "tr") else {
            continue;
        };
        let mut table = parent(tr);
        for _ in 0..2 {
            if table.is_some_and(|t| tag(t) != "table") {
                table = table.and_then(parent);
            }
        }
        let Some(table) = table.filter(|&t| tag(t) == "table") else {
            continue;
        };
        let rows = tables.entry(table).or_default();
        match rows.last_mut() {
            Some((r, cells)) if *r == tr => cells.push(i),
            _ => rows.push((tr, vec![i])),
        }
    }
    // Per transposed table: the row of line numbers and its rows' cells.
    let mut found: Vec<(usize, usize, Vec<Vec<usize>>)> = Vec::new();
    for (&table, rows) in &tables {
        let width = rows.first().map_or(0, |r| r.1.len());
        if rows.len() < 3
            || !(3..=MAX_LINE_COLUMNS + 1).contains(&width)
            || rows.iter().any(|r| r.1.len() != width)
        {
            continue;
        }
        let text = |c: usize| subtree_text(page, c, end.get(c).copied().unwrap_or(c));
        let numbers_across = rows.iter().position(|(_, cells)| {
            let mut seen: Vec<String> = Vec::new();
            cells
                .first()
                .is_some_and(|&c| line_number(&text(c)).is_none())
                && cells.iter().skip(1).all(|&c| match line_number(&text(c)) {
                    Some(l) if !seen.contains(&l) => {
                        seen.push(l);
                        true
                    }
                    _ => false,
                })
        });
        if let Some(at) = numbers_across {
            let mut cells = Vec::with_capacity(rows.len());
            for r in rows.iter() {
                cells.push(r.1.clone());
            }
            found.push((table, at, cells));
        }
    }
    if found.is_empty() {
        return None;
    }
    let mut out = PageSnapshot {
        url: page.url.clone(),
        lang: page.lang.clone(),
        title: page.title.clone(),
        nodes: Vec::with_capacity(n + n / 2),
    };
    // Old index → new index of copied nodes (the parents of the nodes after them).
    let mut new_of: Vec<Option<u32>> = vec![None; n];
    // Copies `node`'s subtree under `under`, its root as `root` (tag, block) if given: then
    // on one line (a cell's blocks, `<td><div>Plan name</div></td>`, inline), as a card's
    // `label  value` row.
    let copy = |out: &mut PageSnapshot,
                new_of: &mut Vec<Option<u32>>,
                node: usize,
                under: Option<u32>,
                root: Option<(&str, bool)>| {
        let stop = end.get(node).copied().unwrap_or(node + 1);
        for j in node..stop {
            let Some(src) = nodes.get(j) else { break };
            let mut copied = src.clone();
            copied.parent = if j == node {
                under
            } else {
                src.parent
                    .and_then(|p| new_of.get(p as usize).copied().flatten())
            };
            if let Some((t, b)) = root {
                if j == node {
                    copied.tag = t.into();
                    copied.block = b;
                } else {
                    copied.block = false;
                }
            }
            if let Some(slot) = new_of.get_mut(j) {
                *slot = u32::try_from(out.nodes.len()).ok();
            }
            out.nodes.push(copied);
        }
    };
    let element = |out: &mut PageSnapshot, under: Option<u32>, tag: &str, block: bool| {
        let id = u32::try_from(out.nodes.len()).ok();
        out.nodes.push(PageNode {
            parent: under,
            tag: tag.into(),
            block,
            ..PageNode::default()
        });
        id
    };
    let mut i = 0;
    while i < n {
        let Some((_, numbers_row, grid)) = found.iter().find(|(t, _, _)| *t == i) else {
            if let Some(src) = nodes.get(i) {
                let mut copied = src.clone();
                copied.parent = src
                    .parent
                    .and_then(|q| new_of.get(q as usize).copied().flatten());
                if let Some(slot) = new_of.get_mut(i) {
                    *slot = u32::try_from(out.nodes.len()).ok();
                }
                out.nodes.push(copied);
            }
            i += 1;
            continue;
        };
        let under = parent(i).and_then(|p| new_of.get(p).copied().flatten());
        let table = element(&mut out, under, "div", true);
        if let (Some(last), Some(src)) = (out.nodes.last_mut(), nodes.get(i)) {
            last.attrs = src.attrs.clone();
        }
        // The table's own content outside its grid (a caption) comes first.
        let stop = end.get(i).copied().unwrap_or(i + 1);
        let mut j = i + 1;
        while j < stop {
            if !super::names::in_list("thead tbody tfoot tr colgroup", tag(j)) {
                copy(&mut out, &mut new_of, j, table, None);
            }
            j = end.get(j).copied().unwrap_or(j + 1).max(j + 1);
        }
        let columns = grid.first().map_or(0, Vec::len);
        for col in 1..columns {
            let card = element(&mut out, table, "div", true);
            for (r, cells) in grid.iter().enumerate() {
                let (Some(&head), Some(&cell)) = (cells.first(), cells.get(col)) else {
                    continue;
                };
                let line = element(&mut out, card, "div", true);
                if !subtree_text(page, head, end.get(head).copied().unwrap_or(head)).is_empty() {
                    copy(&mut out, &mut new_of, head, line, Some(("span", false)));
                    out.nodes.push(PageNode {
                        parent: line,
                        tag: "#text".into(),
                        text: Some(" ".into()),
                        ..PageNode::default()
                    });
                }
                let at = out.nodes.len();
                copy(&mut out, &mut new_of, cell, line, Some(("span", false)));
                // A column's header above its line's number in a row of its own names
                // the line (`Mum` | `Number  +65 9123 4471`).
                if r == 0 && *numbers_row != 0 {
                    if let Some(x) = out.nodes.get_mut(at) {
                        x.attrs.insert("class", "nickname".into());
                    }
                }
            }
        }
        i = stop;
    }
    Some(out)
}
