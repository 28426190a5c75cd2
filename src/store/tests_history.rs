//! The history stays bounded: daily roll-up after 90 days, and years of use fit in storage.

use super::*;
use crate::snapshot::{DataUsage, Line};

const DAY_MS: f64 = 86_400_000.0;

fn snapshot(lines: usize, left: f64, bill: Date) -> Snapshot {
    Snapshot {
        schema: 1,
        status: Status::Ok,
        carrier: Some("t-mobile".into()),
        next_bill_date: Some(bill),
        lines: (0..lines)
            .map(|i| Line {
                number_last4: Some(format!("{:04}", 4821 + i)),
                data: Some(DataUsage {
                    remaining_mb: Some(left - i as f64 * 17.25),
                    used_mb: Some(51_200.0 - left + i as f64 * 3.5),
                    total_mb: Some(51_200.0),
                    unlimited: false,
                }),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// Three years of scans, four a day, each with new values, on 5 lines.
fn three_years(lines: usize) -> (State, Date) {
    let mut state = State::default();
    let start = Date::new(2024, 1, 1).unwrap();
    let mut day = start;
    let start_ms = 1_704_067_200_000.0; // 2024-01-01T00:00Z
    for d in 0..(3 * 365) {
        let bill = Date::from_days_since_epoch(day.days_since_epoch() / 30 * 30 + 30).unwrap();
        for scan in 0..4 {
            let at = start_ms + d as f64 * DAY_MS + scan as f64 * 4.0 * 3_600_000.0;
            let left = 51_200.0 - ((d * 4 + scan) % 120) as f64 * 401.37;
            state.ingest(
                &snapshot(lines, left, bill),
                "https://www.t-mobile.com/account",
                at,
                day,
            );
        }
        day = day.add_days(1).unwrap();
    }
    (state, day.add_days(-1).unwrap())
}

#[test]
fn old_history_is_rolled_up_to_one_point_a_day() {
    let (state, last_day) = three_years(1);
    let history = &state.accounts[0].history;
    let cutoff = last_day.add_days(-ROLLUP_AFTER_DAYS).unwrap();
    let old: Vec<_> = history.iter().filter(|p| p.date < cutoff).collect();
    let recent = history.len() - old.len();
    // One point a day before the cutoff, every scan after it.
    let days_before = start_days_until(cutoff);
    assert_eq!(old.len() as i64, days_before);
    assert!(old.windows(2).all(|w| w[0].date < w[1].date));
    assert_eq!(recent as i64, (ROLLUP_AFTER_DAYS + 1) * 4);
    // The point kept for a day is its last scan (18:00 UTC, the fourth).
    assert!(old
        .iter()
        .all(|p| (p.at_ms / 3_600_000.0).rem_euclid(24.0) == 12.0));
    assert_eq!(history.last().unwrap().date, last_day);
}

fn start_days_until(date: Date) -> i64 {
    Date::new(2024, 1, 1).unwrap().days_until(date)
}

#[test]
fn five_lines_three_years_of_daily_records_fit_in_one_megabyte() {
    let (state, _) = three_years(5);
    let history = &state.accounts[0].history;
    assert!(history.len() >= 3 * 365, "{}", history.len());
    let json = serde_json::to_string(&state).unwrap();
    assert!(json.len() <= 1_000_000, "{} bytes", json.len());
    // Nothing was cut off at the far end: the first day is still there.
    assert_eq!(history[0].date, Date::new(2024, 1, 1).unwrap());
    assert_eq!(State::from_json(Some(&json)).unwrap(), state);
}

#[test]
fn roll_up_keeps_recent_points_and_the_cap_keeps_the_newest() {
    let day = |n: i64| Date::new(2026, 1, 1).unwrap().add_days(n).unwrap();
    let point = |d: i64, k: f64| HistoryPoint {
        at_ms: d as f64 * DAY_MS + k,
        date: day(d),
        next_bill_date: None,
        lines: vec![("4821".into(), Some(k), None)],
    };
    let mut history: Vec<_> = (0..200)
        .flat_map(|d| [point(d, 1.0), point(d, 2.0)])
        .collect();
    bound_history(&mut history, day(199));
    // Days 0..=108 are older than 90 days before day 199: one point each (the later one).
    assert_eq!(history.len(), 109 + 91 * 2);
    assert!(history[..109].iter().all(|p| p.lines[0].1 == Some(2.0)));
    let again = history.clone();
    bound_history(&mut history, day(199));
    assert_eq!(history, again, "rolling up twice changes nothing");
    let mut long: Vec<_> = (0..(MAX_HISTORY as i64 + 10))
        .map(|d| point(d, 1.0))
        .collect();
    bound_history(&mut long, day(MAX_HISTORY as i64 + 9));
    assert_eq!(long.len(), MAX_HISTORY);
    assert_eq!(long[0].date, day(10));
}
