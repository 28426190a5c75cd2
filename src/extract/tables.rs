//! Tables: a header row of labels names the cells below it.

use super::matcher::{Family, Kind};
use super::model::Model;
use super::{Engine, Label};
use crate::date::Date;
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
    /// Header cells (sorted): their words label columns, not the rows after them.
    pub(super) header_cells: Vec<u32>,
}

/// Finds tables with a header row (all `th`) and labels each body cell by its column.
///
/// Rows that start with a date (`Nov 25 | 1.2 GB`, `10/23/2026 | 11/14/2026 | $179.90`) or
/// a month gone by (`2026-10 | 199.00`) are history: their cells are not labelled.
pub(super) fn find_tables(model: &Model<'_>, today: Date, order: DateOrder) -> Tables {
    let nodes = &model.page.nodes;
    let mut out = Tables::default();
    let mut cells_of: VecMap<u32, Vec<u32>> = VecMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if matches!(n.tag.as_str(), "td" | "th") {
            if let Some(p) = n.parent {
                if nodes.get(p as usize).is_some_and(|t| t.tag == "tr") {
                    cells_of.entry(p).or_default().push(i as u32);
                }
            }
        }
    }
    let table_of = |tr: u32| -> Option<u32> {
        let mut cur = nodes.get(tr as usize)?.parent;
        for _ in 0..3 {
            let i = cur?;
            if nodes.get(i as usize)?.tag == "table" {
                return Some(i);
            }
            cur = nodes.get(i as usize)?.parent;
        }
        None
    };
    type Head = Vec<Option<(Kind, String, Option<&'static str>, Option<usize>)>>;
    let mut header: VecMap<u32, Head> = VecMap::new();
    for (tr, cells) in &cells_of {
        let Some(table) = table_of(*tr) else { continue };
        let all_th = cells
            .iter()
            .all(|&c| nodes.get(c as usize).is_some_and(|n| n.tag == "th"));
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
            if first_is_date || first_is_past_month {
                continue;
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
            let head: Head = cells
                .iter()
                .map(|&c| {
                    let r = model.first_row_at(c);
                    let row = model.rows.get(r)?;
                    if !model.contains(c, row.first_node()) {
                        return None;
                    }
                    let h = row.hits.iter().find(|h| {
                        h.kind == Kind::Line
                            || matches!(
                                h.kind.family(),
                                Family::Data | Family::Money | Family::Date | Family::Text
                            )
                    })?;
                    let lower = &row.lower;
                    let unit = ["(mb)", "(gb)", "in mb", "in gb", "（mb）", "（gb）", "(kb)"]
                        .iter()
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
            header.insert(table, head);
        }
    }
    crate::sort::sort(&mut out.header_cells);
    out
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

impl Engine<'_> {
    /// Column headers of tables label the cells below them.
    pub(super) fn table_labels(&self, labels: &mut Vec<Label>) {
        for cell in &self.tables.cells {
            if matches!(cell.kind.family(), Family::Text) || cell.kind == Kind::Line {
                continue;
            }
            labels.push(Label {
                kind: cell.kind,
                row: self.model.first_row_at(cell.node) as u32,
                start: 0,
                end: 0,
                node: cell.node,
                scope: Some(cell.node),
                bonus: 0,
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

    pub(super) fn in_header_cell(&self, node: u32) -> bool {
        let cells = &self.tables.header_cells;
        let i = cells.partition_point(|&c| c <= node);
        i > 0
            && cells
                .get(i - 1)
                .is_some_and(|&c| self.model.contains(c, node))
    }
}
