//! Billing cycles and the data forecast, from an account's history.
//!
//! - The **cycle** is inferred from successive next-bill dates in the history: the same day
//!   every month (or every few months), or a fixed number of days (28 / 30-day prepaid).
//!   Without two dates it is assumed monthly.
//! - The **pace** (data used per day) is the use summed over successive history points,
//!   divided by the time they span. A refill mid-cycle (data left jumps up) or a new cycle
//!   (data used drops) adds no use; points whose clock went backwards, or that lie in the
//!   future, are ignored. With less than a day of history the cycle so far is used
//!   (data used ÷ days since the cycle began) when the page showed data used.
//! - The **forecast** projects the run-out date against the next bill date and suggests a
//!   refill amount and a plan size from the use per cycle.

use crate::date::Date;
use crate::snapshot::DataUsage;
use crate::store::{Account, HistoryPoint};

const DAY_MS: f64 = 86_400_000.0;
/// Mean days in a month, for monthly use.
const MONTH_DAYS: f64 = 30.436_875;
/// Plan and refill sizes offered by carriers, in GB.
const PLAN_SIZES_GB: [f64; 17] = [
    1.0, 2.0, 3.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 50.0, 75.0, 100.0,
];
/// Shortest billing cycle recognised (28-day prepaid plans are the shortest in use).
const MIN_CYCLE_DAYS: i64 = 20;
/// Headroom over the average use when suggesting a plan.
const HEADROOM: f64 = 1.1;

/// How long a billing cycle is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cycle {
    /// The same day every `n` months (1 = monthly, 3 = quarterly prepaid, 12 = yearly).
    Months(u8),
    /// A fixed number of days (28- or 30-day prepaid plans).
    Days(u16),
}

impl Cycle {
    /// Average length in days.
    pub fn days(self) -> f64 {
        match self {
            Cycle::Months(n) => f64::from(n) * MONTH_DAYS,
            Cycle::Days(n) => f64::from(n),
        }
    }

    /// The date one cycle before `date` (the start of the cycle ending on `date`).
    pub fn before(self, date: Date) -> Option<Date> {
        match self {
            Cycle::Months(n) => date.add_months_clamped(-i32::from(n)),
            Cycle::Days(n) => date.add_days(-i64::from(n)),
        }
    }
}

/// History points in time order, skipping those whose clock went backwards or that lie
/// after `now_ms` (a clock that was set ahead and later corrected).
pub fn monotonic(history: &[HistoryPoint], now_ms: f64) -> Vec<&HistoryPoint> {
    let mut out: Vec<&HistoryPoint> = Vec::with_capacity(history.len());
    for point in history {
        if !point.at_ms.is_finite() || point.at_ms > now_ms {
            continue;
        }
        if out.last().is_some_and(|last| point.at_ms < last.at_ms) {
            continue;
        }
        out.push(point);
    }
    out
}

/// The billing cycle seen in the history's successive next-bill dates (monthly when fewer
/// than two dates are known).
pub fn infer_cycle(history: &[HistoryPoint], now_ms: f64) -> Cycle {
    cycle_of(&monotonic(history, now_ms))
}

fn cycle_of(points: &[&HistoryPoint]) -> Cycle {
    let mut dates: Vec<Date> = Vec::new();
    for point in points {
        if let Some(d) = point.next_bill_date {
            // Only dates moving forward are renewals; a date moving back is a correction.
            if dates.last().is_none_or(|last| d > *last) {
                dates.push(d);
            }
        }
    }
    let mut cycles: Vec<Cycle> = dates
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => cycle_between(*a, *b),
            _ => None,
        })
        .collect();
    // The most recent renewal says most about the plan now.
    cycles.pop().unwrap_or(Cycle::Months(1))
}

/// The cycle from one bill date to the next: whole months when the day of the month is
/// kept (clamped at month ends), else the number of days.
fn cycle_between(a: Date, b: Date) -> Option<Cycle> {
    let days = a.days_until(b);
    // A date moved by less than MIN_CYCLE_DAYS is a correction, not a renewal cycle.
    if !(MIN_CYCLE_DAYS..=400).contains(&days) {
        return None;
    }
    for n in 1..=12u8 {
        let same_day = a.add_months_clamped(i32::from(n)) == Some(b);
        // Jan 31 → Feb 28 → Mar 31: a clamped day comes back to the month's end.
        let month_end = a.add_months_clamped(i32::from(n)).is_some_and(|m| {
            m.year() == b.year()
                && m.month() == b.month()
                && b.day() == crate::date::days_in_month(b.year(), b.month())
        }) && a.day() == crate::date::days_in_month(a.year(), a.month());
        if same_day || month_end {
            return Some(Cycle::Months(n));
        }
    }
    u16::try_from(days).ok().map(Cycle::Days)
}

/// One line's values at one history point: (data left, data used).
fn line_values(
    point: &HistoryPoint,
    key: &str,
    index: usize,
) -> Option<(Option<f64>, Option<f64>)> {
    line_entry(point, key, index).map(|l| (l.1, l.2))
}

/// A line's entry in a history point: by its last four digits, or by position for lines
/// without a number.
pub(crate) fn line_entry<'a>(
    point: &'a HistoryPoint,
    key: &str,
    index: usize,
) -> Option<&'a (String, Option<f64>, Option<f64>)> {
    if key.is_empty() {
        point.lines.get(index).filter(|l| l.0.is_empty())
    } else {
        point.lines.iter().find(|l| l.0 == key)
    }
}

/// How fast a line uses data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// MB per day.
    pub mb_per_day: f64,
    /// Days of history it is measured over (0 when estimated from the cycle so far).
    pub over_days: f64,
}

/// The use between two successive readings of one line, in MB.
fn use_between(prev: (Option<f64>, Option<f64>), cur: (Option<f64>, Option<f64>)) -> f64 {
    match (prev, cur) {
        // Data used grew: that is the use, even across a refill.
        ((_, Some(u0)), (_, Some(u1))) if u1 >= u0 => u1 - u0,
        // Data used dropped: a new cycle began; what is used now was used since.
        ((_, Some(_)), (_, Some(u1))) => u1,
        // Only data left: a drop is use, a rise is a refill or a new cycle.
        ((Some(r0), _), (Some(r1), _)) => (r0 - r1).max(0.0),
        _ => 0.0,
    }
}

/// The line's pace over the history, or from the cycle so far when the history spans
/// less than a day.
pub fn pace(
    account: &Account,
    points: &[&HistoryPoint],
    line: usize,
    cycle: Cycle,
    today: Date,
) -> Option<Pace> {
    let current = account.latest.lines.get(line)?;
    let key = current.number_last4.as_deref().unwrap_or("");
    let mut series = points
        .iter()
        .filter_map(|p| line_values(p, key, line).map(|v| (p.at_ms, v)));
    let first = series.next();
    let mut total = 0.0;
    let mut prev = first;
    for (at, values) in series {
        if let Some((_, p)) = prev {
            total += use_between(p, values);
        }
        prev = Some((at, values));
    }
    if let (Some((t0, _)), Some((t1, _))) = (first, prev) {
        let span = (t1 - t0) / DAY_MS;
        if span >= 1.0 && total.is_finite() {
            return Some(Pace {
                mb_per_day: total / span,
                over_days: span,
            });
        }
    }
    // Too little history: data used so far in this cycle, over the days since it began.
    let used = current.data.as_ref()?.used_mb?;
    let start = cycle.before(account.latest.next_bill_date?)?;
    let days = start.days_until(today);
    if days < 1 || f64::from(u16::try_from(days).ok()?) > cycle.days() + 1.0 || !used.is_finite() {
        return None;
    }
    Some(Pace {
        mb_per_day: used / days as f64,
        over_days: 0.0,
    })
}

/// What the history says about one line's data until the next bill date.
#[derive(Debug, Clone, PartialEq)]
pub struct LineForecast {
    pub pace: Pace,
    /// Use per billing cycle at this pace, MB.
    pub cycle_use_mb: f64,
    /// When data left reaches zero at this pace (limited lines using data).
    pub run_out: Option<Date>,
    /// Days from the run-out date to the next bill date, when it runs out first.
    pub days_short: Option<i64>,
    /// Data to add now to last until the next bill date, MB (rounded up to 0.5 GB).
    pub refill_mb: Option<f64>,
    /// Data left on the bill date at this pace, when it lasts.
    pub left_at_bill_mb: Option<f64>,
    /// A plan size covering the use per cycle with some headroom, MB; `None` above 100 GB.
    pub plan_mb: Option<f64>,
}

/// Rounds MB up to a multiple of `step_gb` GB.
fn round_up_gb(mb: f64, step_gb: f64) -> f64 {
    let step = step_gb * 1024.0;
    (mb / step).ceil().max(1.0) * step
}

/// The forecast for line `line` of the account, or `None` without enough history.
pub fn line_forecast(
    account: &Account,
    line: usize,
    now_ms: f64,
    today: Date,
) -> Option<LineForecast> {
    let points = monotonic(&account.history, now_ms);
    let cycle = cycle_of(&points);
    forecast_with(account, &points, cycle, line, now_ms, today)
}

/// The cycle and every line's forecast, reading the history once.
pub fn account_forecasts(
    account: &Account,
    now_ms: f64,
    today: Date,
) -> (Cycle, Vec<Option<LineForecast>>) {
    let points = monotonic(&account.history, now_ms);
    let cycle = cycle_of(&points);
    let forecasts = (0..account.latest.lines.len())
        .map(|line| forecast_with(account, &points, cycle, line, now_ms, today))
        .collect();
    (cycle, forecasts)
}

fn forecast_with(
    account: &Account,
    points: &[&HistoryPoint],
    cycle: Cycle,
    line: usize,
    now_ms: f64,
    today: Date,
) -> Option<LineForecast> {
    let pace = pace(account, points, line, cycle, today)?;
    let data: &DataUsage = account.latest.lines.get(line)?.data.as_ref()?;
    let cycle_use_mb = pace.mb_per_day * cycle.days();
    let plan_mb = PLAN_SIZES_GB
        .iter()
        .map(|gb| gb * 1024.0)
        .find(|mb| *mb >= cycle_use_mb * HEADROOM);
    let mut forecast = LineForecast {
        pace,
        cycle_use_mb,
        run_out: None,
        days_short: None,
        refill_mb: None,
        left_at_bill_mb: None,
        plan_mb,
    };
    let (false, Some(read_left)) = (data.unlimited, data.remaining_mb) else {
        return Some(forecast);
    };
    // A record read days ago: what has been used since, at this pace, is gone by now.
    let since_read = ((now_ms - account.read_at_ms) / DAY_MS).max(0.0);
    let left = (read_left - pace.mb_per_day * since_read).max(0.0);
    let bill = account.latest.next_bill_date;
    let days_to_bill = bill.map(|b| today.days_until(b));
    if pace.mb_per_day > 0.0 {
        let days = (left.max(0.0) / pace.mb_per_day).floor();
        if days < 3650.0 {
            forecast.run_out = today.add_days(days as i64);
        }
    }
    if let (Some(bill), Some(to_bill)) = (bill, days_to_bill.filter(|d| *d >= 0)) {
        let need = pace.mb_per_day * to_bill as f64;
        match forecast.run_out {
            Some(out) if out < bill => {
                forecast.days_short = Some(out.days_until(bill));
                forecast.refill_mb = Some(round_up_gb(need - left, 0.5));
            }
            _ => forecast.left_at_bill_mb = Some((left - need).max(0.0)),
        }
    }
    Some(forecast)
}

/// A T-Mobile account with one line (•••4821) holding `data`, for tests.
#[cfg(test)]
pub(crate) fn test_account(history: Vec<HistoryPoint>, data: DataUsage, bill: Date) -> Account {
    use crate::snapshot::{Line, Snapshot, Status};
    Account {
        key: "t-mobile".into(),
        carrier: Some("t-mobile".into()),
        host: "www.t-mobile.com".into(),
        page_url: "https://www.t-mobile.com/account".into(),
        latest: Snapshot {
            schema: 1,
            status: Status::Ok,
            carrier: Some("t-mobile".into()),
            next_bill_date: Some(bill),
            lines: vec![Line {
                number_last4: Some("4821".into()),
                data: Some(data),
                ..Default::default()
            }],
            ..Default::default()
        },
        read_at_ms: history.last().map_or(0.0, |p| p.at_ms),
        history,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: f64 = 1_793_000_000_000.0; // 2026-10-26

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn point(day: f64, bill: Option<Date>, left: Option<f64>, used: Option<f64>) -> HistoryPoint {
        let at_ms = T0 + day * DAY_MS;
        HistoryPoint {
            at_ms,
            date: Date::from_unix_millis(at_ms, 0).unwrap(),
            next_bill_date: bill,
            lines: vec![("4821".into(), left, used)],
        }
    }

    fn account(
        history: Vec<HistoryPoint>,
        left: Option<f64>,
        used: Option<f64>,
        bill: Date,
    ) -> Account {
        let data = DataUsage {
            remaining_mb: left,
            used_mb: used,
            total_mb: left.zip(used).map(|(l, u)| l + u),
            unlimited: left.is_none(),
        };
        test_account(history, data, bill)
    }

    #[test]
    fn cycles_from_successive_bill_dates() {
        let h = |dates: &[Date]| -> Vec<HistoryPoint> {
            dates
                .iter()
                .enumerate()
                .map(|(i, b)| point(i as f64, Some(*b), Some(1.0), None))
                .collect()
        };
        let now = T0 + 100.0 * DAY_MS;
        assert_eq!(infer_cycle(&[], now), Cycle::Months(1));
        assert_eq!(infer_cycle(&h(&[d(2026, 12, 9)]), now), Cycle::Months(1));
        assert_eq!(
            infer_cycle(&h(&[d(2026, 11, 9), d(2026, 12, 9)]), now),
            Cycle::Months(1)
        );
        assert_eq!(
            infer_cycle(&h(&[d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31)]), now),
            Cycle::Months(1)
        );
        assert_eq!(
            infer_cycle(&h(&[d(2026, 11, 1), d(2026, 11, 29)]), now),
            Cycle::Days(28)
        );
        assert_eq!(
            infer_cycle(&h(&[d(2026, 11, 1), d(2026, 12, 1), d(2026, 12, 31)]), now),
            Cycle::Days(30)
        );
        assert_eq!(
            infer_cycle(&h(&[d(2026, 3, 15), d(2026, 6, 15), d(2026, 9, 15)]), now),
            Cycle::Months(3)
        );
        // A date moved forward by a few days is a correction, not a cycle.
        assert_eq!(
            infer_cycle(&h(&[d(2026, 10, 27), d(2026, 11, 26), d(2026, 12, 9)]), now),
            Cycle::Days(30)
        );
        // A date that moves back is a correction, not a cycle.
        assert_eq!(
            infer_cycle(&h(&[d(2026, 12, 9), d(2026, 12, 8), d(2027, 1, 9)]), now),
            Cycle::Months(1)
        );
        assert_eq!(
            Cycle::Months(3).before(d(2026, 5, 31)),
            Some(d(2026, 2, 28))
        );
        assert_eq!(
            Cycle::Days(30).before(d(2026, 12, 31)),
            Some(d(2026, 12, 1))
        );
    }

    #[test]
    fn no_history_and_no_used_gives_no_forecast() {
        let a = account(vec![], Some(3000.0), None, d(2026, 12, 9));
        assert_eq!(line_forecast(&a, 0, T0, d(2026, 10, 26)), None);
        // A line index that does not exist is no forecast, not a panic.
        assert_eq!(line_forecast(&a, 7, T0, d(2026, 10, 26)), None);
    }

    #[test]
    fn one_snapshot_uses_the_cycle_so_far() {
        // Bill Dec 9, monthly: the cycle began Nov 9; 17 days later 1700 MB are used.
        let a = account(
            vec![point(0.0, Some(d(2026, 12, 9)), Some(3420.0), Some(1700.0))],
            Some(3420.0),
            Some(1700.0),
            d(2026, 12, 9),
        );
        let f = line_forecast(&a, 0, T0 + 1000.0, d(2026, 11, 26)).unwrap();
        assert!((f.pace.mb_per_day - 100.0).abs() < 1e-9);
        assert_eq!(f.pace.over_days, 0.0);
        // 3420 MB at 100 MB/day lasts 34 days: past the bill date, 2120 MB left then.
        assert_eq!(f.days_short, None);
        assert!((f.left_at_bill_mb.unwrap() - 2120.0).abs() < 0.01);
        // 3044 MB per cycle (+10 %) → a 5 GB plan.
        assert_eq!(f.plan_mb, Some(5.0 * 1024.0));
    }

    #[test]
    fn runs_out_before_the_bill_date() {
        let bill = d(2026, 11, 20);
        let h = vec![
            point(0.0, Some(bill), Some(2000.0), None),
            point(5.0, Some(bill), Some(1000.0), None),
        ];
        let a = account(h, Some(1000.0), None, bill);
        let now = T0 + 5.0 * DAY_MS;
        let today = d(2026, 10, 31);
        let f = line_forecast(&a, 0, now, today).unwrap();
        assert!((f.pace.mb_per_day - 200.0).abs() < 1e-9);
        assert_eq!(f.run_out, Some(d(2026, 11, 5)));
        assert_eq!(f.days_short, Some(15));
        // 20 days × 200 MB − 1000 MB left = 3000 MB, rounded up to 3 GB.
        assert_eq!(f.refill_mb, Some(3.0 * 1024.0));
    }

    #[test]
    fn a_record_read_days_ago_is_projected_to_today() {
        let bill = d(2026, 11, 20);
        let h = vec![
            point(0.0, Some(bill), Some(2000.0), None),
            point(5.0, Some(bill), Some(1000.0), None),
        ];
        let a = account(h, Some(1000.0), None, bill);
        // Read on day 5, now day 8: 600 MB more are used by now.
        let f = line_forecast(&a, 0, T0 + 8.0 * DAY_MS, d(2026, 11, 3)).unwrap();
        assert_eq!(f.run_out, Some(d(2026, 11, 5)));
        assert_eq!(f.refill_mb, Some(3.0 * 1024.0));
    }

    #[test]
    fn refill_mid_cycle_adds_no_use() {
        let bill = d(2026, 12, 9);
        let h = vec![
            point(0.0, Some(bill), Some(1000.0), None),
            point(2.0, Some(bill), Some(800.0), None),
            // Refill: data left jumps up by 5 GB.
            point(3.0, Some(bill), Some(5820.0), None),
            point(4.0, Some(bill), Some(5720.0), None),
        ];
        let a = account(h, Some(5720.0), None, bill);
        let f = line_forecast(&a, 0, T0 + 4.0 * DAY_MS, d(2026, 10, 30)).unwrap();
        // 200 + 0 + 100 MB over 4 days.
        assert!((f.pace.mb_per_day - 75.0).abs() < 1e-9, "{f:?}");
    }

    #[test]
    fn new_cycle_with_data_used_counts_what_was_used_since() {
        let h = vec![
            point(0.0, Some(d(2026, 10, 28)), None, Some(9000.0)),
            point(2.0, Some(d(2026, 11, 28)), None, Some(300.0)),
        ];
        let mut a = account(h, None, Some(300.0), d(2026, 11, 28));
        a.latest.lines[0].data.as_mut().unwrap().unlimited = true;
        let f = line_forecast(&a, 0, T0 + 2.0 * DAY_MS, d(2026, 10, 28)).unwrap();
        assert!((f.pace.mb_per_day - 150.0).abs() < 1e-9);
        assert_eq!(f.run_out, None, "unlimited data never runs out");
    }

    #[test]
    fn clock_going_backwards_is_ignored() {
        let bill = d(2026, 12, 9);
        let h = vec![
            point(0.0, Some(bill), Some(3000.0), None),
            // Recorded with a clock set a day back: ignored.
            point(-1.0, Some(bill), Some(100.0), None),
            point(2.0, Some(bill), Some(2800.0), None),
            // Recorded with a clock set a year ahead: ignored.
            point(365.0, Some(bill), Some(0.0), None),
        ];
        let a = account(h, Some(2800.0), None, bill);
        let f = line_forecast(&a, 0, T0 + 2.0 * DAY_MS, d(2026, 10, 28)).unwrap();
        assert!((f.pace.mb_per_day - 100.0).abs() < 1e-9, "{f:?}");
        assert_eq!(monotonic(&a.history, T0 + 2.0 * DAY_MS).len(), 2);
    }

    #[test]
    fn thirty_day_cycle_sizes_the_plan() {
        let h = vec![
            point(0.0, Some(d(2026, 10, 27)), Some(2000.0), None),
            point(1.0, Some(d(2026, 11, 26)), Some(6000.0), None),
            point(11.0, Some(d(2026, 11, 26)), Some(4000.0), None),
        ];
        let a = account(h, Some(4000.0), None, d(2026, 11, 26));
        let f = line_forecast(&a, 0, T0 + 11.0 * DAY_MS, d(2026, 11, 6)).unwrap();
        assert_eq!(infer_cycle(&a.history, T0 + 11.0 * DAY_MS), Cycle::Days(30));
        // 2000 MB over 11 days, 30 days a cycle: 5455 MB → 6 GB with headroom.
        assert!((f.cycle_use_mb - 2000.0 / 11.0 * 30.0).abs() < 1e-6);
        assert_eq!(f.plan_mb, Some(6.0 * 1024.0));
    }
}
