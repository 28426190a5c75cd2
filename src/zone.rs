//! Time zones without a time zone database: the core asks a [`Zone`] for the UTC offset in
//! effect at an instant (the browser answers with `Date#getTimezoneOffset`, tests answer with
//! rule-based zones) and derives everything else here, so the rules for local wall times —
//! what happens in a DST gap or overlap — live in one place and are tested natively.

use crate::date::Date;

pub const MINUTE_MS: f64 = 60_000.0;
pub const HOUR_MS: f64 = 3_600_000.0;
pub const DAY_MS: f64 = 86_400_000.0;
/// Seconds in a day.
pub const DAY_SECS: u32 = 86_400;

/// The user's time zone as far as the core needs it.
pub trait Zone {
    /// UTC offset in minutes (east positive) in effect at `utc_ms` (Unix milliseconds).
    fn offset_at(&self, utc_ms: f64) -> i32;
}

/// A zone with one fixed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedZone(pub i32);

impl Zone for FixedZone {
    fn offset_at(&self, _utc_ms: f64) -> i32 {
        self.0
    }
}

/// The local calendar date at an instant.
pub fn local_date(zone: &dyn Zone, utc_ms: f64) -> Option<Date> {
    Date::from_unix_millis(utc_ms, zone.offset_at(utc_ms))
}

/// Seconds after local midnight at an instant.
pub fn local_secs(zone: &dyn Zone, utc_ms: f64) -> u32 {
    let local = utc_ms / 1000.0 + f64::from(zone.offset_at(utc_ms)) * 60.0;
    // `local.rem_euclid(DAY)` without `%` on floats (libm's fmod and 128-bit division in
    // the wasm): `local - k * DAY` is exact (Sterbenz), a quotient rounded up to the next
    // whole day gives a small negative remainder, moved up by a day as `rem_euclid` does.
    let day = f64::from(DAY_SECS);
    let mut r = local - (local / day).floor() * day;
    if r < 0.0 {
        r += day;
    }
    r.floor() as u32
}

/// The instant of a local wall time (`secs` after midnight of `date`), with the rule
/// ECMAScript's `new Date(y, m, d, h, min)` follows: a time that a DST gap skips is moved
/// forward by the gap (02:30 on a spring-forward night is 03:30); a time that repeats when
/// clocks go back is the earlier of the two. Assumes at most one offset change within a day
/// of the time, which holds for every real zone.
pub fn instant(zone: &dyn Zone, date: Date, secs: u32) -> f64 {
    let wall = date.days_since_epoch() as f64 * DAY_MS + f64::from(secs) * 1000.0;
    let before = zone.offset_at(wall - DAY_MS);
    let after = zone.offset_at(wall + DAY_MS);
    let candidate = |offset: i32| wall - f64::from(offset) * MINUTE_MS;
    // The earliest valid one (a loop: no vector, no iterator chain in the wasm).
    let mut valid: Option<f64> = None;
    for t in [candidate(before), candidate(after)] {
        let off = zone.offset_at(t);
        if (candidate(off) - t).abs() < 1.0 && valid.is_none_or(|v| t.total_cmp(&v).is_lt()) {
            valid = Some(t);
        }
    }
    match valid {
        Some(t) => t,
        // In a gap: read the wall time with the offset before the change.
        None => candidate(before),
    }
}

/// The next instant at or after `from_ms` whose local time is `secs` after midnight.
pub fn next_at(zone: &dyn Zone, from_ms: f64, secs: u32) -> Option<f64> {
    let today = local_date(zone, from_ms)?;
    for k in 0..3 {
        let t = instant(zone, today.add_days(k)?, secs);
        if t >= from_ms {
            return Some(t);
        }
    }
    None
}

/// Rule-based zones for tests: the real rules in force since 2007 for a few zones that
/// cover both hemispheres, half-hour and 45-minute offsets, and no DST at all.
#[cfg(test)]
pub(crate) mod rules {
    use super::*;

    /// When clocks change: (month, which Sunday: 1..=4 or -1 for last, UTC seconds of the
    /// change expressed as local standard time seconds, or as UTC when `utc` is true).
    #[derive(Debug, Clone, Copy)]
    pub struct Change {
        pub month: u8,
        pub sunday: i8,
        pub secs: u32,
        pub utc: bool,
    }

    #[derive(Debug, Clone, Copy)]
    pub struct RuleZone {
        pub name: &'static str,
        pub standard: i32,
        pub dst: Option<(Change, Change, i32)>,
    }

    fn nth_sunday(year: i32, month: u8, n: i8) -> Date {
        let first = Date::new(year, month, 1).unwrap_or(Date::new(2000, 1, 1).unwrap());
        // 1970-01-01 was a Thursday (weekday 4, Sunday 0).
        let weekday = (first.days_since_epoch() + 4).rem_euclid(7);
        let first_sunday = first.add_days((7 - weekday) % 7).unwrap();
        if n > 0 {
            first_sunday.add_days(7 * (i64::from(n) - 1)).unwrap()
        } else {
            let mut d = first_sunday;
            while let Some(next) = d.add_days(7) {
                if next.month() != month {
                    break;
                }
                d = next;
            }
            d
        }
    }

    impl RuleZone {
        /// UTC instant of a change in `year`; `offset` is the offset in force before it.
        fn change_at(&self, c: Change, year: i32, offset: i32) -> f64 {
            let day = nth_sunday(year, c.month, c.sunday);
            let wall = day.days_since_epoch() as f64 * DAY_MS + f64::from(c.secs) * 1000.0;
            if c.utc {
                wall
            } else {
                wall - f64::from(offset) * MINUTE_MS
            }
        }
    }

    impl Zone for RuleZone {
        fn offset_at(&self, utc_ms: f64) -> i32 {
            let Some((start, end, saving)) = self.dst else {
                return self.standard;
            };
            let year = Date::from_unix_millis(utc_ms, self.standard)
                .map(|d| d.year())
                .unwrap_or(2000);
            let on = self.change_at(start, year, self.standard);
            let off = self.change_at(end, year, self.standard + saving);
            let in_dst = if on < off {
                utc_ms >= on && utc_ms < off
            } else {
                // Southern hemisphere: summer spans the new year.
                utc_ms >= on || utc_ms < off
            };
            if in_dst {
                self.standard + saving
            } else {
                self.standard
            }
        }
    }

    const fn ch(month: u8, sunday: i8, secs: u32, utc: bool) -> Change {
        Change {
            month,
            sunday,
            secs,
            utc,
        }
    }

    /// New York, London, Berlin, Shanghai, Kolkata, Sydney, Chatham, Honolulu.
    pub const ZONES: [RuleZone; 8] = [
        RuleZone {
            name: "America/New_York",
            standard: -300,
            dst: Some((ch(3, 2, 7200, false), ch(11, 1, 7200, false), 60)),
        },
        RuleZone {
            name: "Europe/London",
            standard: 0,
            dst: Some((ch(3, -1, 3600, true), ch(10, -1, 3600, true), 60)),
        },
        RuleZone {
            name: "Europe/Berlin",
            standard: 60,
            dst: Some((ch(3, -1, 3600, true), ch(10, -1, 3600, true), 60)),
        },
        RuleZone {
            name: "Asia/Shanghai",
            standard: 480,
            dst: None,
        },
        RuleZone {
            name: "Asia/Kolkata",
            standard: 330,
            dst: None,
        },
        RuleZone {
            name: "Australia/Sydney",
            standard: 600,
            dst: Some((ch(10, 1, 7200, false), ch(4, 1, 7200, false), 60)),
        },
        RuleZone {
            name: "Pacific/Chatham",
            standard: 765,
            dst: Some((ch(9, -1, 9900, false), ch(4, 1, 9900, false), 60)),
        },
        RuleZone {
            name: "Pacific/Honolulu",
            standard: -600,
            dst: None,
        },
    ];

    pub fn zone(name: &str) -> RuleZone {
        ZONES
            .iter()
            .copied()
            .find(|z| z.name == name)
            .unwrap_or(ZONES[0])
    }
}

#[cfg(test)]
mod tests {
    use super::rules::zone;
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    proptest::proptest! {
        /// The seconds after local midnight are `rem_euclid`'s, at any instant and offset.
        #[test]
        fn local_secs_is_rem_euclid(ms in -1e16f64..1e16, offset in -900i32..900) {
            let local = ms / 1000.0 + f64::from(offset) * 60.0;
            let expected = local.rem_euclid(f64::from(DAY_SECS)).floor() as u32;
            proptest::prop_assert_eq!(local_secs(&FixedZone(offset), ms), expected);
        }
    }

    #[test]
    fn local_secs_at_the_edges_of_a_day() {
        for ms in [
            0.0,
            -1.0,
            -0.25,
            86_400_000.0 - 1e-4,
            -86_400_000.0,
            1e16,
            -1e16,
            f64::NAN,
        ] {
            let expected = (ms / 1000.0f64).rem_euclid(86_400.0).floor() as u32;
            assert_eq!(local_secs(&FixedZone(0), ms), expected, "{ms}");
        }
    }

    fn iso_utc(ms: f64) -> String {
        let date = Date::from_unix_millis(ms, 0).unwrap();
        let secs = local_secs(&FixedZone(0), ms);
        format!("{date}T{:02}:{:02}Z", secs / 3600, secs / 60 % 60)
    }

    #[test]
    fn new_york_offsets_and_transitions_2026() {
        let ny = zone("America/New_York");
        // 2026-03-08 02:30 does not exist in New York: it is read as 03:30 EDT.
        assert_eq!(
            iso_utc(instant(&ny, d(2026, 3, 8), 2 * 3600 + 1800)),
            "2026-03-08T07:30Z"
        );
        assert_eq!(
            iso_utc(instant(&ny, d(2026, 3, 8), 9 * 3600)),
            "2026-03-08T13:00Z"
        );
        assert_eq!(
            iso_utc(instant(&ny, d(2026, 3, 7), 9 * 3600)),
            "2026-03-07T14:00Z"
        );
        // 2026-11-01 01:30 happens twice: the earlier (EDT) one.
        assert_eq!(
            iso_utc(instant(&ny, d(2026, 11, 1), 3600 + 1800)),
            "2026-11-01T05:30Z"
        );
        assert_eq!(
            iso_utc(instant(&ny, d(2026, 11, 1), 9 * 3600)),
            "2026-11-01T14:00Z"
        );
    }

    #[test]
    fn southern_hemisphere_and_odd_offsets() {
        let sydney = zone("Australia/Sydney");
        // January is summer (UTC+11).
        assert_eq!(
            iso_utc(instant(&sydney, d(2027, 1, 15), 9 * 3600)),
            "2027-01-14T22:00Z"
        );
        assert_eq!(
            iso_utc(instant(&sydney, d(2027, 7, 15), 9 * 3600)),
            "2027-07-14T23:00Z"
        );
        let kolkata = zone("Asia/Kolkata");
        assert_eq!(
            iso_utc(instant(&kolkata, d(2027, 7, 15), 9 * 3600)),
            "2027-07-15T03:30Z"
        );
    }

    #[test]
    fn next_at_finds_today_or_tomorrow() {
        let z = FixedZone(480);
        let noon = instant(&z, d(2026, 11, 26), 12 * 3600);
        let nine = next_at(&z, noon, 9 * 3600).unwrap();
        assert_eq!(local_date(&z, nine), Some(d(2026, 11, 27)));
        let one = next_at(&z, noon, 13 * 3600).unwrap();
        assert_eq!(local_date(&z, one), Some(d(2026, 11, 26)));
    }
}
