//! The history chart's view model: data left over time per line, with the bill dates
//! marked and the forecast drawn ahead, as coordinates in an SVG view box. The bindings
//! only turn it into SVG elements; every number and label is decided here.

use crate::date::Date;
use crate::decimal::fixed;
use crate::forecast::{line_entry, monotonic, LineForecast};
use crate::store::Account;
use crate::view::{format_mb, format_short_date, Msg};

const DAY_MS: f64 = 86_400_000.0;
/// The chart shows at most this many days back.
pub const WINDOW_DAYS: f64 = 92.0;
/// Most points drawn per line (history is thinned evenly beyond).
pub const MAX_POINTS: usize = 160;
/// Most rows in the table that stands in for the chart.
pub const MAX_ROWS: usize = 14;

pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 136.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 312.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 112.0;
/// Distance from an axis end label (anchored at its end) to a centred bill label that
/// keeps them apart (date labels are up to ~46 units wide).
const LABEL_GAP: f64 = 70.0;
/// Distance between two centred bill labels that keeps them apart.
const BILL_LABEL_GAP: f64 = 48.0;

/// One line's curve.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct SeriesView {
    /// Line name (`•••4821`, or the plan) for the legend and the table header.
    pub name: String,
    /// SVG path data (`M x y L x y …`): numbers only.
    pub path: String,
    /// Dashed projection at the current pace, to the run-out or bill date.
    pub projection: Option<String>,
    /// The last point, marked with a dot.
    pub last: (f64, f64),
}

/// A vertical mark (a bill date) or an axis label.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct MarkView {
    pub at: f64,
    pub label: String,
}

/// A row of the table that stands in for the chart.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct RowView {
    pub date: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ChartView {
    pub width: f64,
    pub height: f64,
    pub plot: (f64, f64, f64, f64),
    /// `true` when the curves show data used (unlimited lines), not data left.
    pub shows_used: bool,
    pub series: Vec<SeriesView>,
    /// Bill dates (x), left to right; a label is empty where it would overlap the next.
    pub bills: Vec<MarkView>,
    /// Today (x).
    pub today: f64,
    /// Y axis labels (y): top and zero.
    pub y_labels: Vec<MarkView>,
    /// X axis labels (x): first day and last day.
    pub x_labels: Vec<MarkView>,
    /// What the chart shows, in one sentence (its accessible name).
    pub summary: Msg,
    /// Table header: date, then one column per line.
    pub columns: Vec<String>,
    /// The last reading of each day, newest first.
    pub rows: Vec<RowView>,
}

/// Display name of line `index`.
pub fn line_name(account: &Account, index: usize) -> String {
    let line = account.latest.lines.get(index);
    match line.and_then(|l| l.number_last4.as_deref()) {
        Some(last4) => ["•••", last4].concat(),
        None => line
            .and_then(|l| l.label.clone().or_else(|| l.plan.clone()))
            .unwrap_or_else(|| {
                [
                    "#",
                    &crate::json::int_text(i64::try_from(index + 1).unwrap_or(i64::MAX)),
                ]
                .concat()
            }),
    }
}

/// The chart for an account, or `None` with fewer than two readings in the window.
pub fn chart(
    account: &Account,
    forecasts: &[Option<LineForecast>],
    now_ms: f64,
    today: Date,
    lang: &str,
) -> Option<ChartView> {
    let from_ms = now_ms - WINDOW_DAYS * DAY_MS;
    let points: Vec<_> = monotonic(&account.history, now_ms)
        .into_iter()
        .filter(|p| p.at_ms >= from_ms)
        .collect();
    if points.len() < 2 {
        return None;
    }
    let lines = &account.latest.lines;
    let shows_used = !lines.is_empty()
        && lines.iter().all(|l| {
            l.data
                .as_ref()
                .is_some_and(|d| d.unlimited || d.remaining_mb.is_none())
        });
    let pick = |v: &(String, Option<f64>, Option<f64>)| if shows_used { v.2 } else { v.1 };
    let value_of = |p: &crate::store::HistoryPoint, i: usize| -> Option<f64> {
        let key = lines.get(i)?.number_last4.as_deref().unwrap_or("");
        line_entry(p, key, i)
            .and_then(pick)
            .filter(|v| v.is_finite() && *v >= 0.0)
    };

    let start_ms = points.first().map_or(now_ms, |p| p.at_ms);
    let bill = account.latest.next_bill_date;
    // The bill date ahead is shown when it is near (the chart then looks forward too).
    let end_ms = bill
        .and_then(day_ms)
        .filter(|b| *b > now_ms && *b - now_ms < 45.0 * DAY_MS)
        .unwrap_or(now_ms)
        .max(now_ms);
    let mut top: f64 = 0.0;
    for p in &points {
        for i in 0..lines.len() {
            top = top.max(value_of(p, i).unwrap_or(0.0));
        }
    }
    if top <= 0.0 {
        top = 1024.0;
    }
    let top = nice_ceiling(top);
    let span = (end_ms - start_ms).max(DAY_MS);
    let x = |ms: f64| LEFT + (ms - start_ms) / span * (RIGHT - LEFT);
    let y = |mb: f64| BOTTOM - (mb / top).clamp(0.0, 1.0) * (BOTTOM - TOP);

    let stride = points.len().div_ceil(MAX_POINTS).max(1);
    let mut series = Vec::new();
    for i in 0..lines.len() {
        let mut path = String::new();
        let mut last = None;
        let count = points.len();
        for (n, p) in points.iter().enumerate() {
            // Thin evenly, always keeping the newest reading.
            if n % stride != 0 && n + 1 != count {
                continue;
            }
            let Some(v) = value_of(p, i) else { continue };
            let (px, py) = (round1(x(p.at_ms)), round1(y(v)));
            path.push_str(if path.is_empty() { "M" } else { " L" });
            path.push_str(&fixed(px, 1));
            path.push(' ');
            path.push_str(&fixed(py, 1));
            last = Some((px, py, p.at_ms, v));
        }
        let Some((lx, ly, last_ms, last_v)) = last else {
            continue;
        };
        let projection = forecasts.get(i).and_then(Option::as_ref).and_then(|f| {
            if shows_used || f.pace.mb_per_day <= 0.0 {
                return None;
            }
            let until = end_ms.max(last_ms);
            let out_ms = last_ms + last_v / f.pace.mb_per_day * DAY_MS;
            let (to_ms, to_v) = if out_ms < until {
                (out_ms, 0.0)
            } else {
                (
                    until,
                    last_v - f.pace.mb_per_day * (until - last_ms) / DAY_MS,
                )
            };
            (to_ms > last_ms + DAY_MS / 4.0).then(|| {
                let [a, b, c, d] = [lx, ly, x(to_ms), y(to_v)].map(|v| fixed(v, 1));
                ["M", &a, " ", &b, " L", &c, " ", &d].concat()
            })
        });
        series.push(SeriesView {
            name: line_name(account, i),
            path,
            projection,
            last: (lx, ly),
        });
    }
    if series.is_empty() {
        return None;
    }

    let mut bills: Vec<MarkView> = Vec::new();
    let mut seen: Vec<Date> = Vec::new();
    for d in points.iter().filter_map(|p| p.next_bill_date).chain(bill) {
        if seen.contains(&d) {
            continue;
        }
        seen.push(d);
        if let Some(ms) = day_ms(d).filter(|ms| *ms >= start_ms && *ms <= end_ms) {
            bills.push(MarkView {
                at: round1(x(ms)),
                label: format_short_date(d, lang),
            });
        }
    }

    // Bill labels too close to a later one are left out (the mark stays).
    crate::sort::sort_by(&mut bills, |a, b| a.at.total_cmp(&b.at));
    let bill_text = if bills.is_empty() {
        "–".to_string()
    } else {
        bills
            .iter()
            .map(|b| b.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut kept_at = f64::INFINITY;
    for mark in bills.iter_mut().rev() {
        if kept_at - mark.at < BILL_LABEL_GAP {
            mark.label.clear();
        } else {
            kept_at = mark.at;
        }
    }

    let first_day = points.first().map(|p| p.date).unwrap_or(today);
    let last_day = Date::from_unix_millis(end_ms, 0)
        .filter(|_| end_ms > now_ms)
        .unwrap_or(today);
    // An axis label that would overlap a bill date's label is left out.
    let clear = |at: f64| {
        bills
            .iter()
            .all(|b| b.label.is_empty() || (b.at - at).abs() > LABEL_GAP)
    };
    let x_labels: Vec<MarkView> = [(LEFT, first_day), (RIGHT, last_day)]
        .into_iter()
        .filter(|(at, _)| clear(*at))
        .map(|(at, day)| MarkView {
            at,
            label: format_short_date(day, lang),
        })
        .collect();
    let latest_text = series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let v = points.iter().rev().find_map(|p| value_of(p, i))?;
            Some([s.name.as_str(), " ", &format_mb(v)].concat())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let summary = Msg::with(
        if shows_used {
            "chart_summary_used"
        } else {
            "chart_summary_left"
        },
        vec![
            format_short_date(first_day, lang),
            format_short_date(today, lang),
            latest_text,
            bill_text,
        ],
    );

    // The table: the last reading of each day, newest first.
    let mut rows: Vec<RowView> = Vec::new();
    let mut row_day: Option<Date> = None;
    for p in points.iter().rev() {
        if row_day == Some(p.date) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            break;
        }
        row_day = Some(p.date);
        rows.push(RowView {
            date: format_short_date(p.date, lang),
            values: (0..series.len())
                .map(|i| value_of(p, i).map_or_else(|| "–".to_string(), format_mb))
                .collect(),
        });
    }
    let mut columns = vec![String::new()];
    columns.extend(series.iter().map(|s| s.name.clone()));

    Some(ChartView {
        width: WIDTH,
        height: HEIGHT,
        plot: (LEFT, TOP, RIGHT, BOTTOM),
        shows_used,
        series,
        bills,
        today: round1(x(now_ms.min(end_ms))),
        y_labels: vec![
            MarkView {
                at: TOP,
                label: format_mb(top),
            },
            MarkView {
                at: BOTTOM,
                label: "0".into(),
            },
        ],
        x_labels,
        summary,
        columns,
        rows,
    })
}

/// Noon UTC of a date in Unix ms (the chart's day position).
fn day_ms(d: Date) -> Option<f64> {
    Some((d.days_since_epoch() as f64 + 0.5) * DAY_MS)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// A round axis top at or above `mb`: 1, 2 or 5 × a power of ten, in GB above 1 GB.
fn nice_ceiling(mb: f64) -> f64 {
    let (unit, v) = if mb >= 1024.0 {
        (1024.0, mb / 1024.0)
    } else {
        (1.0, mb)
    };
    let power = 10f64.powf(v.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= v)
        .unwrap_or(10.0 * power);
    step * unit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::DataUsage;
    use crate::store::HistoryPoint;

    const NOW: f64 = 1_795_700_000_000.0; // 2026-11-26

    fn account(points: usize, every_hours: f64) -> Account {
        let bill = Date::new(2026, 12, 9).unwrap();
        let history = (0..points)
            .map(|i| {
                let at_ms = NOW - (points - 1 - i) as f64 * every_hours * 3_600_000.0;
                HistoryPoint {
                    at_ms,
                    date: Date::from_unix_millis(at_ms, 0).unwrap(),
                    next_bill_date: Some(bill),
                    lines: vec![("4821".into(), Some(5000.0 - i as f64), None)],
                }
            })
            .collect();
        let data = DataUsage {
            remaining_mb: Some(5000.0 - (points as f64 - 1.0)),
            ..Default::default()
        };
        crate::forecast::test_account(history, data, bill)
    }

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    #[test]
    fn no_chart_without_two_readings() {
        assert!(chart(&account(0, 1.0), &[], NOW, today(), "en").is_none());
        assert!(chart(&account(1, 1.0), &[], NOW, today(), "en").is_none());
    }

    #[test]
    fn chart_is_bounded_and_marks_the_bill_date() {
        let a = account(2000, 1.0);
        let (_, forecasts) = crate::forecast::account_forecasts(&a, NOW, today());
        let c = chart(&a, &forecasts, NOW, today(), "en").unwrap();
        let s = &c.series[0];
        assert!(s.path.matches('L').count() < MAX_POINTS + 2);
        assert!(
            s.path.chars().all(|ch| "ML .0123456789".contains(ch)),
            "{}",
            s.path
        );
        assert_eq!(c.rows.len(), MAX_ROWS);
        assert_eq!(c.columns, vec!["".to_string(), "•••4821".to_string()]);
        assert_eq!(c.bills.len(), 1);
        assert_eq!(c.bills[0].label, "Dec 9");
        assert!(c.bills[0].at <= RIGHT && c.bills[0].at > c.today);
        assert!(s.projection.is_some());
        assert_eq!(c.y_labels[0].label, "5.0 GB");
        assert_eq!(c.summary.key, "chart_summary_left");
    }

    #[test]
    fn close_bill_labels_and_axis_labels_do_not_overlap() {
        let mut a = account(2000, 1.0);
        for p in a.history.iter_mut().take(1990) {
            p.next_bill_date = Date::new(2026, 11, 26);
        }
        let (_, forecasts) = crate::forecast::account_forecasts(&a, NOW, today());
        let c = chart(&a, &forecasts, NOW, today(), "en").unwrap();
        let labels: Vec<&str> = c.bills.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels, vec!["", "Dec 9"]);
        // The right axis label would sit on "Dec 9": left out; the summary names both.
        assert_eq!(c.x_labels.len(), 1);
        assert!(
            c.summary.args[3].contains("Nov 26, Dec 9"),
            "{:?}",
            c.summary
        );
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(nice_ceiling(3000.0), 5.0 * 1024.0);
        assert_eq!(nice_ceiling(700.0), 1000.0);
        assert_eq!(nice_ceiling(12_000.0), 20.0 * 1024.0);
    }
}
