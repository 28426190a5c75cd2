//! A civil (calendar) date without time zone, with the arithmetic the product needs.
//!
//! Serialised as ISO 8601 `YYYY-MM-DD`. Days are counted with Howard Hinnant's
//! `days_from_civil` algorithm, valid for the proleptic Gregorian calendar.

#[cfg(test)]
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date. Always valid: constructors refuse impossible dates.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// 1970-01-01: a placeholder while a value is being read (`json_struct!` fills a struct's
/// fields into its default; a date that must be present is never left at it).
impl Default for Date {
    fn default() -> Date {
        Date {
            year: 1970,
            month: 1,
            day: 1,
        }
    }
}

/// Days in `month` (1–12) of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Gregorian leap year rule.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Date {
    /// The date, or `None` when it does not exist (Feb 30, month 13, year outside 1900–9999).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `YYYY-MM-DD` (the year is 1900..=9999), without `core::fmt`.
    pub fn iso(self) -> String {
        let mut out = crate::json::int_text(self.year.into());
        out.push('-');
        crate::json::write_two_digits(&mut out, self.month.into());
        out.push('-');
        crate::json::write_two_digits(&mut out, self.day.into());
        out
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, or `None` outside the supported years.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Date::new(
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
    }

    /// This date plus `days` (may be negative), or `None` outside the supported years.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// The same day `months` months later, clamped to the month's last day
    /// (Jan 31 + 1 month = Feb 28/29).
    pub fn add_months_clamped(self, months: i32) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        let day = self.day.min(days_in_month(year, month));
        Date::new(year, month, day)
    }

    /// Date from a Unix time in milliseconds and a UTC offset in minutes (east positive).
    pub fn from_unix_millis(millis: f64, utc_offset_minutes: i32) -> Option<Date> {
        if !millis.is_finite() {
            return None;
        }
        let local = millis / 1000.0 + f64::from(utc_offset_minutes) * 60.0;
        let days = (local / 86_400.0).floor();
        if days.abs() > 5.0e6 {
            return None;
        }
        Date::from_days_since_epoch(days as i64)
    }

    /// Parses strict ISO `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |s: &str| crate::parse::text::parse_unsigned::<u32>(s);
        let y = num(text.get(0..4)?)?;
        let m = num(text.get(5..7)?)?;
        let d = num(text.get(8..10)?)?;
        Date::new(
            i32::try_from(y).ok()?,
            u8::try_from(m).ok()?,
            u8::try_from(d).ok()?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO date: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_dates() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(
            Date::from_days_since_epoch(20_796).unwrap().to_string(),
            "2026-12-09"
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::parse_iso("2026-1-01").is_none());
        assert!(Date::parse_iso("0000-00-00").is_none());
    }

    #[test]
    fn month_addition_clamps() {
        let jan31 = Date::new(2026, 1, 31).unwrap();
        assert_eq!(
            jan31.add_months_clamped(1).unwrap().to_string(),
            "2026-02-28"
        );
        assert_eq!(
            jan31.add_months_clamped(13).unwrap().to_string(),
            "2027-02-28"
        );
        assert_eq!(
            Date::new(2027, 12, 31)
                .unwrap()
                .add_months_clamped(2)
                .unwrap()
                .to_string(),
            "2028-02-29"
        );
        assert_eq!(
            jan31.add_months_clamped(-2).unwrap().to_string(),
            "2025-11-30"
        );
    }

    #[test]
    fn unix_millis_with_offset() {
        // 2026-11-26T23:30:00Z is already the 27th in Beijing (UTC+8).
        let ms = 1_795_735_800_000.0;
        assert_eq!(
            Date::from_unix_millis(ms, 0).unwrap().to_string(),
            "2026-11-26"
        );
        assert_eq!(
            Date::from_unix_millis(ms, 480).unwrap().to_string(),
            "2026-11-27"
        );
        assert!(Date::from_unix_millis(f64::NAN, 0).is_none());
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -25_000i64..2_900_000) {
            let date = Date::from_days_since_epoch(days).unwrap();
            prop_assert_eq!(date.days_since_epoch(), days);
            prop_assert_eq!(Date::parse_iso(&date.to_string()), Some(date));
        }

        #[test]
        fn next_day_is_one_later(days in -25_000i64..2_900_000) {
            let date = Date::from_days_since_epoch(days).unwrap();
            let next = date.add_days(1).unwrap();
            prop_assert!(next > date);
            prop_assert_eq!(date.days_until(next), 1);
        }
    }
}
