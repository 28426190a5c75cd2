//! What the popup reads instead of the whole state: the state with each account's history
//! condensed to the points that still decide what the popup shows.
//!
//! Reading a long history from `chrome.storage.local` is what made the popup slow with many
//! stored snapshots (the read grows with its size). The service worker rebuilds this cache
//! whenever the state changes; the state stays the one source of truth, and the popup falls
//! back to it when the cache is missing or was built from another state
//! (`extension/background.js`, `www/popup.js`).
//!
//! A point is kept when dropping it could change a figure:
//! - the first and the last point, and any point whose line set, bill date or values'
//!   presence differs from a neighbour's (cycles, renewal dates, `read_date`);
//! - a point where a line's data left or used changes direction, and both ends of every
//!   drop in data used: between kept points values then only move one way, so the use
//!   summed over the kept points is the use summed over all of them (the forecast's pace);
//!   the largest value (the chart's scale) is a turning point;
//! - within the chart's window (`history::WINDOW_DAYS` before the newest point, a day more
//!   to spare), the last reading of each day: the table under the chart shows those, and
//!   the curve is drawn from them (at most one point a day; `history::MAX_POINTS` is more
//!   than the window's days). The popup's window ends at its own now, never before the
//!   newest point, so it never reaches further back than the cache's.
//!
//! Before the window only turning points and shape changes are kept, so the cache grows with
//! the number of refills and renewals, not with the days of history (a long history is one
//! point a day after its roll-up, `store::bound_history`).
//!
//! Histories out of time order (a clock that went backwards), with values that are not
//! finite, or short ones are kept whole.

use crate::history::WINDOW_DAYS;
use crate::store::{HistoryPoint, State};

const DAY_MS: f64 = 86_400_000.0;

/// Histories up to this many points are kept whole.
pub const KEEP_WHOLE: usize = 200;

/// The state the popup draws, with every account's history condensed.
pub fn popup_state(state: &State) -> State {
    into_popup_state(state.clone())
}

/// [`popup_state`] of a state the caller no longer needs (no copy of it: the engine
/// module then links no deep clone of the state).
pub fn into_popup_state(mut state: State) -> State {
    for account in &mut state.accounts {
        condense(&mut account.history);
    }
    state
}

/// The points of `history` that decide the popup's figures, in order.
pub fn condensed(history: &[HistoryPoint]) -> Vec<HistoryPoint> {
    let mut out = history.to_vec();
    condense(&mut out);
    out
}

/// Keeps the points of `history` that decide the popup's figures ([`condensed`] in place:
/// the kept points are not copied, so the engine module links no copy of a point).
pub fn condense(history: &mut Vec<HistoryPoint>) {
    let n = history.len();
    let ordered = history
        .windows(2)
        .all(|w| w[0].at_ms.is_finite() && w[0].at_ms <= w[1].at_ms);
    let finite = history.iter().all(|p| {
        p.lines
            .iter()
            .all(|l| l.1.is_none_or(f64::is_finite) && l.2.is_none_or(f64::is_finite))
    });
    if n <= KEEP_WHOLE || !ordered || !finite {
        return;
    }
    let window_from = history[n - 1].at_ms - (WINDOW_DAYS + 1.0) * DAY_MS;
    // A loop, not `filter(..).map(..).collect()`: the engine's wasm is 0.3 KB smaller.
    let mut keep = Vec::with_capacity(n);
    for (i, p) in history.iter().enumerate() {
        keep.push(
            i == 0 || i + 1 == n || {
                let (prev, next) = (&history[i - 1], &history[i + 1]);
                !same_shape(prev, p)
                    || !same_shape(p, next)
                    || (p.at_ms >= window_from && p.date != next.date)
                    || turns(prev, p, next)
            },
        );
    }
    let mut i = 0;
    crate::sort::retain(history, |_| {
        i += 1;
        keep.get(i - 1).copied().unwrap_or(true)
    });
}

/// The same lines (keys, in order), bill date and values present.
fn same_shape(a: &HistoryPoint, b: &HistoryPoint) -> bool {
    a.next_bill_date == b.next_bill_date
        && a.lines.len() == b.lines.len()
        && a.lines.iter().zip(&b.lines).all(|(x, y)| {
            x.0 == y.0 && x.1.is_some() == y.1.is_some() && x.2.is_some() == y.2.is_some()
        })
}

/// Whether a line's values change direction at `p`, or data used drops into or out of it.
/// Called for points of the same shape as both neighbours.
fn turns(prev: &HistoryPoint, p: &HistoryPoint, next: &HistoryPoint) -> bool {
    let sign = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (b - a).partial_cmp(&0.0),
        _ => None,
    };
    p.lines.iter().enumerate().any(|(j, l)| {
        let (a, c) = (&prev.lines[j], &next.lines[j]);
        let left_turns = sign(a.1, l.1) != sign(l.1, c.1);
        let (d1, d2) = (sign(a.2, l.2), sign(l.2, c.2));
        let less = Some(std::cmp::Ordering::Less);
        let used_turns = d1 != d2 || d1 == less || d2 == less;
        left_turns || used_turns
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::forecast::account_forecasts;
    use crate::store::Account;

    const T0: f64 = 1_790_000_000_000.0;
    const HOUR: f64 = 3_600_000.0;

    /// `points` readings two hours apart: a line using data with refills, and a line whose
    /// data used grows and starts again each cycle.
    fn history(points: usize) -> Vec<HistoryPoint> {
        (0..points)
            .map(|i| {
                let at = T0 + i as f64 * 2.0 * HOUR;
                let bill = if i < points / 2 {
                    "2026-10-09"
                } else {
                    "2026-11-09"
                };
                HistoryPoint {
                    at_ms: at,
                    date: Date::from_unix_millis(at, 0).unwrap(),
                    next_bill_date: Date::parse_iso(bill),
                    lines: vec![
                        ("4821".into(), Some(5120.0 - ((i * 7) % 5000) as f64), None),
                        (
                            "5532".into(),
                            Some(10240.0 - ((i * 13) % 10000) as f64),
                            Some(((i * 13) % 10000) as f64 + (i % 3) as f64),
                        ),
                    ],
                }
            })
            .collect()
    }

    fn account(history: Vec<HistoryPoint>) -> Account {
        let mut a = crate::forecast::test_account(
            history,
            crate::snapshot::DataUsage {
                remaining_mb: Some(1000.0),
                used_mb: Some(200.0),
                total_mb: Some(5120.0),
                unlimited: false,
            },
            Date::parse_iso("2026-11-09").unwrap(),
        );
        a.latest.lines.push(a.latest.lines[0].clone());
        a.latest.lines[0].number_last4 = Some("4821".into());
        a.latest.lines[1].number_last4 = Some("5532".into());
        a
    }

    /// The cycle and every line's forecast from the condensed history are those from the
    /// full one.
    fn assert_same_forecasts(full: &Account, cached: &Account, now: f64, today: Date) {
        let (c1, f1) = account_forecasts(full, now, today);
        let (c2, f2) = account_forecasts(cached, now, today);
        assert_eq!(c1, c2);
        assert_eq!(f1.len(), f2.len());
        for (a, b) in f1.iter().zip(&f2) {
            let (a, b) = (a.as_ref().unwrap(), b.as_ref().unwrap());
            assert!(
                (a.pace.mb_per_day - b.pace.mb_per_day).abs() < 1e-6,
                "{a:?} {b:?}"
            );
            assert_eq!(a.pace.over_days, b.pace.over_days);
            assert_eq!(a.run_out, b.run_out);
            assert_eq!(a.plan_mb, b.plan_mb);
        }
    }

    #[test]
    fn a_long_history_shrinks_and_the_forecast_stays_the_same() {
        let full = account(history(1000));
        let now = full.history.last().unwrap().at_ms + HOUR;
        let today = Date::from_unix_millis(now, 0).unwrap();
        let mut small = full.clone();
        small.history = condensed(&full.history);
        assert!(small.history.len() < 120, "{}", small.history.len());
        assert_eq!(small.history.first(), full.history.first());
        assert_eq!(small.history.last(), full.history.last());
        assert_same_forecasts(&full, &small, now, today);
        // The last reading of each day is kept (the table under the chart).
        let days = |h: &[HistoryPoint]| {
            let mut d: Vec<Date> = h.iter().map(|p| p.date).collect();
            d.dedup();
            d
        };
        assert_eq!(days(&small.history), days(&full.history));
    }

    #[test]
    fn the_popup_draws_the_same_figures_from_the_condensed_state() {
        let full = account(history(1000));
        let now = full.history.last().unwrap().at_ms + HOUR;
        let today = Date::from_unix_millis(now, 0).unwrap();
        let state = State {
            accounts: vec![full],
            ..State::default()
        };
        let a = crate::view::popup(&state, now, today, "en");
        let b = crate::view::popup(&popup_state(&state), now, today, "en");
        let (a, b) = (&a.accounts[0], &b.accounts[0]);
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.checklist, b.checklist);
        let (ca, cb) = (a.chart.as_ref().unwrap(), b.chart.as_ref().unwrap());
        assert_eq!(ca.rows, cb.rows);
        assert_eq!(ca.bills, cb.bills);
        assert_eq!(ca.y_labels, cb.y_labels);
        assert_eq!(ca.summary, cb.summary);
    }

    /// `days` daily readings (as after the roll-up): 40 MB a day from a 5 GB plan renewed
    /// every 30 days, a second line counting data used that starts again at each renewal.
    fn years(days: usize) -> Vec<HistoryPoint> {
        (0..days)
            .map(|i| {
                let at = T0 + i as f64 * DAY_MS;
                let day_of_cycle = (i % 30) as f64;
                let bill = Date::from_unix_millis(T0 + ((i / 30 + 1) * 30) as f64 * DAY_MS, 0);
                HistoryPoint {
                    at_ms: at,
                    date: Date::from_unix_millis(at, 0).unwrap(),
                    next_bill_date: bill,
                    lines: vec![
                        ("4821".into(), Some(5120.0 - 40.0 * day_of_cycle), None),
                        ("5532".into(), None, Some(25.0 * day_of_cycle)),
                    ],
                }
            })
            .collect()
    }

    #[test]
    fn years_of_history_keep_the_window_daily_and_only_turns_before_it() {
        let mut full = account(years(3 * 365));
        full.latest.next_bill_date = full.history.last().unwrap().next_bill_date;
        let small = condensed(&full.history);
        // 93 days in the window, then a few points per 30-day cycle before it.
        let cycles = 3 * 365 / 30 + 1;
        assert!(
            small.len() <= 94 + 6 * cycles,
            "{} points kept of {}",
            small.len(),
            full.history.len()
        );
        assert!(small.len() < full.history.len() / 3);
        let now = full.history.last().unwrap().at_ms + HOUR;
        let today = Date::from_unix_millis(now, 0).unwrap();
        let mut cached = full.clone();
        cached.history = small;
        assert_same_forecasts(&full, &cached, now, today);
        // The popup draws the same, opened now or a week later.
        for later in [0.0, 7.0 * DAY_MS] {
            let now = now + later;
            let today = Date::from_unix_millis(now, 0).unwrap();
            let one = |a: &Account| State {
                accounts: vec![a.clone()],
                ..State::default()
            };
            let a = crate::view::popup(&one(&full), now, today, "en");
            let b = crate::view::popup(&one(&cached), now, today, "en");
            let (a, b) = (&a.accounts[0], &b.accounts[0]);
            assert_eq!(a.lines, b.lines);
            assert_eq!(a.checklist, b.checklist);
            assert_eq!(a.chart, b.chart);
        }
    }

    #[test]
    fn short_or_disordered_histories_are_kept_whole() {
        let short = history(KEEP_WHOLE);
        assert_eq!(condensed(&short), short);
        let mut disordered = history(600);
        disordered.swap(10, 11);
        assert_eq!(condensed(&disordered), disordered);
        let mut odd = history(600);
        odd[5].lines[0].1 = Some(f64::NAN);
        assert_eq!(condensed(&odd).len(), odd.len());
    }

    #[test]
    fn every_drop_in_data_used_is_kept() {
        // Data used falling at each reading (a counter reset every time): each fall is use.
        let mut h = history(400);
        for (i, p) in h.iter_mut().enumerate() {
            p.lines[1].2 = Some(if i % 2 == 0 { 500.0 } else { 100.0 });
        }
        assert_eq!(condensed(&h).len(), h.len());
    }
}
