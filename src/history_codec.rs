//! The stored form of an account's history: one compact string instead of an array of
//! objects. `chrome.storage.local` reads thousands of small objects slowly (about 8 ms for
//! 1 000 points against well under 1 ms for the same data as one string), and the popup
//! reads the state on every open; see `cargo xtask bench`.
//!
//! Format: points separated by `;`, each `at_ms,date,next_bill_date,line,line…`, each line
//! `last4:remaining:used`; an absent value is empty. After the first point, a time may be
//! `+ms` after the previous one, and a date `=` the previous point's. Numbers are written in their
//! shortest round-trip form, so a read gives back exactly what was written (the store
//! compares points to decide whether a scan changed anything).
//!
//! Reading accepts both this string and the array of points (states written before, and
//! tests that seed storage). A history whose line keys hold a separator is written as an
//! array.

use crate::date::Date;
use crate::json::{FromJson, ToJson, Value};
use crate::parse::text::split_byte;
use crate::store::HistoryPoint;
#[cfg(test)]
use serde::de::{self, SeqAccess, Visitor};
#[cfg(test)]
use serde::{Deserializer, Serialize, Serializer};
#[cfg(test)]
use std::fmt;

const SEPARATORS: [char; 4] = [';', ',', ':', '|'];

/// Whether every line key can be written in the compact string.
fn safe(history: &[HistoryPoint]) -> bool {
    history
        .iter()
        .all(|p| p.lines.iter().all(|l| !l.0.contains(SEPARATORS)))
}

/// A history as stored: one string (or an array when a key holds a separator).
pub struct Stored<'a>(pub &'a [HistoryPoint]);

impl ToJson for Stored<'_> {
    fn write_json(&self, out: &mut String) {
        if safe(self.0) {
            encode(self.0).write_json(out);
        } else {
            self.0.write_json(out);
        }
    }
}

/// Reads the history from the string or from an array of points.
pub fn read(value: Value) -> Result<Vec<HistoryPoint>, crate::json::Error> {
    match value {
        Value::Str(text) => {
            decode(&text).map_err(|e| crate::json::Error(["history: ", &e].concat()))
        }
        Value::Arr(_) => Vec::<HistoryPoint>::from_json(value),
        other => Err(crate::json::Error::invalid_type(
            &other,
            "a history string or an array of history points",
        )),
    }
}

/// Writes the history as one string (or as an array when a key holds a separator).
#[cfg(test)]
pub fn serialize<S: Serializer>(history: &[HistoryPoint], s: S) -> Result<S::Ok, S::Error> {
    let safe = history
        .iter()
        .all(|p| p.lines.iter().all(|l| !l.0.contains(SEPARATORS)));
    if !safe {
        return history.serialize(s);
    }
    s.serialize_str(&encode(history))
}

/// The compact string for a history.
pub fn encode(history: &[HistoryPoint]) -> String {
    let mut out = String::with_capacity(history.len() * 32);
    let mut prev: Option<&HistoryPoint> = None;
    for p in history {
        let at = if p.at_ms.is_finite() { p.at_ms } else { 0.0 };
        match prev.map(|q| at - q.at_ms) {
            // A whole number of ms after the previous point, exactly: `+delta`.
            Some(delta)
                if delta >= 0.0
                    && delta.fract() == 0.0
                    && prev.is_some_and(|q| q.at_ms + delta == at) =>
            {
                out.push(';');
                out.push('+');
                push_number(&mut out, delta);
            }
            Some(_) => {
                out.push(';');
                push_number(&mut out, at);
            }
            None => push_number(&mut out, at),
        }
        out.push(',');
        if prev.is_some_and(|q| q.date == p.date) {
            out.push('=');
        } else {
            crate::json::formats::write_date(&mut out, p.date);
        }
        out.push(',');
        match p.next_bill_date {
            Some(_) if prev.is_some_and(|q| q.next_bill_date == p.next_bill_date) => out.push('='),
            Some(d) => crate::json::formats::write_date(&mut out, d),
            None => {}
        }
        for (key, left, used) in &p.lines {
            out.push(',');
            out.push_str(key);
            out.push(':');
            if let Some(v) = left {
                push_number(&mut out, *v);
            }
            out.push(':');
            if let Some(v) = used {
                push_number(&mut out, *v);
            }
        }
        prev = Some(p);
    }
    out
}

/// Shortest round-trip form through the JSON writer's float writer (`Display` for floats
/// would add its own several KB). Integers lose their `.0`.
/// A value that is not finite (never read from JSON) is written as absent.
fn push_number(out: &mut String, v: f64) {
    if !v.is_finite() {
        return;
    }
    let mut text = String::new();
    crate::json::write_f64(&mut text, v);
    out.push_str(text.strip_suffix(".0").unwrap_or(&text));
}

fn number(text: &str) -> Result<Option<f64>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    // Finite only: a value written back as JSON `null` would make the state unreadable.
    crate::parse::float::parse_f64(text)
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or_else(|| ["not a number: ", &crate::json::quoted(text)].concat())
}

fn date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| ["not an ISO date: ", &crate::json::quoted(text)].concat())
}

/// Reads the compact string.
pub fn decode(text: &str) -> Result<Vec<HistoryPoint>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut out: Vec<HistoryPoint> = Vec::new();
    for point in split_byte(text, b';') {
        let prev = out.last();
        let mut fields = split_byte(point, b',');
        let at = fields.next().unwrap_or("");
        let at_ms = match (at.strip_prefix('+'), prev) {
            (Some(delta), Some(q)) => q.at_ms + number(delta)?.ok_or("an empty time")?,
            (Some(_), None) => return Err("the first point has a relative time".into()),
            (None, _) => number(at)?.ok_or("a point without a time")?,
        };
        if !at_ms.is_finite() {
            return Err(["a time out of range: ", &crate::json::quoted(at)].concat());
        }
        let day = match (fields.next().unwrap_or(""), prev) {
            ("=", Some(q)) => q.date,
            (d, _) => date(d)?,
        };
        let bill = match (fields.next().unwrap_or(""), prev) {
            ("", _) => None,
            ("=", Some(q)) => q.next_bill_date,
            (d, _) => Some(date(d)?),
        };
        // A loop, not a `collect` into a `Result`: its adapter costs the wasm 0.6 KB.
        let mut lines = Vec::new();
        for line in fields {
            let mut parts = split_byte(line, b':');
            let key = parts.next().unwrap_or("").to_string();
            let left = number(parts.next().unwrap_or(""))?;
            let used = number(parts.next().unwrap_or(""))?;
            if parts.next().is_some() {
                return Err(["a line with too many values: ", &crate::json::quoted(line)].concat());
            }
            lines.push((key, left, used));
        }
        out.push(HistoryPoint {
            at_ms,
            date: day,
            next_bill_date: bill,
            lines,
        });
    }
    Ok(out)
}

#[cfg(test)]
struct HistoryVisitor;

#[cfg(test)]
impl<'de> Visitor<'de> for HistoryVisitor {
    type Value = Vec<HistoryPoint>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a history string or an array of history points")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        decode(text).map_err(|e| E::custom(format!("history: {e}")))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(point) = seq.next_element::<HistoryPoint>()? {
            out.push(point);
        }
        Ok(out)
    }
}

/// Reads the history from the string or from an array of points.
#[cfg(test)]
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<HistoryPoint>, D::Error> {
    d.deserialize_any(HistoryVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Account, State};
    use proptest::prelude::*;

    fn point(at_ms: f64, left: Option<f64>, used: Option<f64>, key: &str) -> HistoryPoint {
        HistoryPoint {
            at_ms,
            date: Date::new(2026, 11, 26).unwrap(),
            next_bill_date: Date::new(2026, 12, 9),
            lines: vec![(key.into(), left, used), (String::new(), None, Some(0.1))],
        }
    }

    #[test]
    fn round_trip_exact() {
        let history = vec![
            point(1_795_700_000_000.0, Some(3.42 * 1024.0), None, "4821"),
            HistoryPoint {
                next_bill_date: None,
                lines: Vec::new(),
                ..point(1_795_700_000_123.5, None, None, "")
            },
        ];
        let text = encode(&history);
        assert!(
            text.starts_with("1795700000000,2026-11-26,2026-12-09,4821:3502.08"),
            "{text}"
        );
        assert_eq!(decode(&text).unwrap(), history);
        assert_eq!(decode("").unwrap(), Vec::new());
    }

    #[test]
    fn stored_state_reads_both_forms_and_writes_the_string() {
        let array = r#"{"version":1,"accounts":[{"key":"t-mobile","carrier":"t-mobile","host":"h","page_url":"u",
          "read_at_ms":1,"latest":{"schema":1,"status":"ok","carrier":null,"next_bill_date":null,"balance":null,
          "amount_due":null,"autopay":null,"lines":[]},
          "history":[{"at_ms":1,"date":"2026-11-26","next_bill_date":null,"lines":[["4821",10.5,null]]}]}]}"#;
        let state = State::from_json(Some(array)).unwrap();
        let account: &Account = &state.accounts[0];
        assert_eq!(
            account.history[0].lines[0],
            ("4821".into(), Some(10.5), None)
        );
        let json = serde_json::to_string(&state).unwrap();
        assert!(
            json.contains(r#""history":"1,2026-11-26,,4821:10.5:""#),
            "{json}"
        );
        assert_eq!(State::from_json(Some(&json)).unwrap(), state);
        // A key holding a separator is kept as an array.
        let mut odd = state.clone();
        odd.accounts[0].history[0].lines[0].0 = "a;b".into();
        let json = serde_json::to_string(&odd).unwrap();
        assert!(json.contains(r#""history":[{"#), "{json}");
        assert_eq!(State::from_json(Some(&json)).unwrap(), odd);
    }

    #[test]
    fn bad_strings_are_errors() {
        for bad in [
            "x,2026-11-26,",
            "1,2026-13-01,",
            "1,2026-11-26,,a:1:2:3",
            "1,2026-11-26,,a:z:",
        ] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_values_round_trip(values in proptest::collection::vec((prop_oneof![0.0f64..1e13, (0u64..1u64 << 50).prop_map(|v| v as f64)], proptest::option::of(-1e7f64..1e7), proptest::option::of(0.0f64..1e7)), 0..20)) {
            let history: Vec<HistoryPoint> = values
                .iter()
                .map(|(at, left, used)| point(*at, *left, *used, "0042"))
                .collect();
            prop_assert_eq!(decode(&encode(&history)).unwrap(), history);
        }
    }

    /// fuzz_store: `1790e44444440000000000` read as an infinite time, then written (as an
    /// array, a key holding a separator) as `null`, which no read accepts.
    #[test]
    fn regression_infinite_numbers_are_refused_not_written_as_null() {
        assert!(decode("1790e44444440000000000,2026-09-21,,1:2:3").is_err());
        assert!(decode("1,2026-09-21,,1:1e400:3").is_err());
        assert!(decode("1e308,2026-09-21,,1:2:3;+1e308,=,,1:2:3").is_err());
        assert!(decode("1,2026-09-21,,1:2:3").is_ok());
    }
}
