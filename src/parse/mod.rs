//! Parsers for the values carrier pages show: data amounts, money, dates.
//!
//! Every parser takes untrusted text and returns a value or a [`ParseError`]; none panics.
//! `parse_*` read a whole (short) text; `find_*` locate every value inside a longer text
//! and report byte spans, so the extractor can tell label from value.

pub mod data;
pub mod date;
pub mod float;
pub mod money;
pub mod text;

pub use data::{find_data, parse_data, DataReading};
pub use date::{date_order_for_lang, find_dates, parse_date, DateOrder};
pub use money::{find_money, money_is_rate, parse_money};
pub use text::normalize;

/// Why a text did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// No value of this kind in the text.
    NotFound,
    /// A placeholder such as `--`, `$--.--`, `N/A`.
    Placeholder,
    /// A value that means "no date" (`0000-00-00`, `12/31/1969`) or is out of range.
    Sentinel,
    /// Day/month order cannot be decided (e.g. `01/02/2026` with unknown order).
    Ambiguous,
    /// Looks like a value but is malformed (overflow, bad digits).
    Invalid(String),
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::NotFound => f.write_str("no value found"),
            ParseError::Placeholder => f.write_str("placeholder instead of a value"),
            ParseError::Sentinel => f.write_str("sentinel value meaning 'none'"),
            ParseError::Ambiguous => f.write_str("ambiguous day/month order"),
            ParseError::Invalid(why) => write!(f, "invalid value: {why}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// A value found inside a longer text, with its byte span in that text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub start: usize,
    pub end: usize,
    pub value: T,
}

#[cfg(test)]
mod properties {
    //! Property tests across the parsers: round trips, spans, no panics.
    use super::*;
    use crate::date::Date;
    use crate::snapshot::{Currency, Money};
    use proptest::prelude::*;

    const TODAY: (i32, u8, u8) = (2026, 11, 26);
    fn today() -> Date {
        Date::new(TODAY.0, TODAY.1, TODAY.2).unwrap()
    }

    /// Pieces that make the parsers' grammar likely to fire.
    const PIECES: &[&str] = &[
        "0",
        "1",
        "9",
        "12",
        "31",
        "2026",
        "1969",
        "0000",
        "6,144",
        "3,5",
        ".",
        ",",
        "/",
        "-",
        "−",
        ":",
        " ",
        " ",
        "\u{00A0}",
        "\u{200E}",
        "\u{200B}",
        "(",
        ")",
        "GB",
        "MB",
        "kb",
        "G",
        "M",
        "T",
        "t",
        "Z",
        "$",
        "US",
        "HK",
        "€",
        "£",
        "¥",
        "￥",
        "元",
        "USD",
        "EUR",
        "剩余",
        "已用",
        "共",
        "餘量",
        "无限",
        "年",
        "月",
        "日",
        "号",
        "天",
        "后",
        "of",
        "used",
        "left",
        "Unlimited",
        "talk",
        "text",
        "data",
        "Dec",
        "März",
        "9th",
        "de",
        "in",
        "days",
        "ago",
        "tomorrow",
        "明天",
        "N/A",
        "--",
        "%",
        "１",
        "ＧＢ",
        "ẞ",
        "İ",
        "🙂",
        "\u{0301}",
    ];

    fn grammar_text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..16).prop_map(|v| v.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![grammar_text(), any::<String>(), "[0-9., /$€-]{0,20}"]
    }

    /// `1234567` → `1,234,567` with the given separator.
    fn grouped(n: u64, sep: char) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    fn check_spans(text: &str) -> Result<(), TestCaseError> {
        let (t, order) = (today(), DateOrder::Mdy);
        for f in find_data(text) {
            let slice = text.get(f.start..f.end);
            prop_assert!(
                slice.is_some(),
                "data span {}..{} in {:?}",
                f.start,
                f.end,
                text
            );
            prop_assert_eq!(
                parse_data(slice.unwrap_or("")),
                Ok(f.value.clone()),
                "{:?}",
                text
            );
        }
        for default in [None, Some(Currency::Usd), Some(Currency::Cad)] {
            for f in find_money(text, default) {
                let slice = text.get(f.start..f.end);
                prop_assert!(
                    slice.is_some(),
                    "money span {}..{} in {:?}",
                    f.start,
                    f.end,
                    text
                );
                prop_assert_eq!(
                    parse_money(slice.unwrap_or(""), default),
                    Ok(f.value),
                    "{:?}",
                    text
                );
                let _ = money_is_rate(text, &f);
            }
        }
        for order in [order, DateOrder::Dmy, DateOrder::Unknown] {
            for f in find_dates(text, t, order) {
                let slice = text.get(f.start..f.end);
                prop_assert!(
                    slice.is_some(),
                    "date span {}..{} in {:?}",
                    f.start,
                    f.end,
                    text
                );
                prop_assert_eq!(
                    parse_date(slice.unwrap_or(""), t, order),
                    Ok(f.value),
                    "{:?}",
                    text
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn normalize_is_idempotent(text in any_text()) {
            let once = text::normalize(&text);
            prop_assert_eq!(text::normalize(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }

        #[test]
        fn spans_slice_and_reparse(text in any_text()) {
            check_spans(&text)?;
            let _ = parse_data(&text);
            let _ = parse_money(&text, Some(Currency::Eur));
            let _ = parse_date(&text, today(), DateOrder::Unknown);
        }

        #[test]
        fn spans_inside_context(
            before in any_text(), after in any_text(), value in 0u64..10_000_000, style in 0usize..6
        ) {
            let core = match style {
                0 => format!("{}.{:02} GB left", value / 100, value % 100),
                1 => format!("${}.{:02}", grouped(value / 100, ','), value % 100),
                2 => format!("{},{:02} €", grouped(value / 100, '.'), value % 100),
                3 => format!("Dec {}, 2027", value % 28 + 1),
                4 => format!("in {} days", value % 1000),
                _ => format!("剩余{}MB", grouped(value, ',')),
            };
            check_spans(&format!("{before} {core} {after}"))?;
        }

        #[test]
        fn spaced_groups_join_only_as_thousands(
            groups in prop::collection::vec((0u32..10_000, any::<bool>()), 2..4),
            space in prop::sample::select(vec!['\u{202F}', '\u{A0}', '\u{2009}', ' ']),
        ) {
            // `1 024 MB` is 1024 MB: a group of one to three digits joins the groups of
            // three that follow it after no-break or thin spaces, unless a group of another
            // length follows them (`555 123 4567`). The amount is the number the last
            // group ends: from the first group whose followers all have three digits.
            let texts: Vec<String> = groups
                .iter()
                .enumerate()
                .map(|(i, &(g, pad))| if pad && i > 0 { format!("{:03}", g % 1000) } else { g.to_string() })
                .collect();
            let text = format!("{} MB", texts.join(&space.to_string()));
            let from = if space == ' ' {
                texts.len() - 1
            } else {
                (0..texts.len())
                    .find(|&p| texts[p].len() <= 3 && texts[p + 1..].iter().all(|t| t.len() == 3))
                    .unwrap_or(texts.len() - 1)
            };
            let expected: f64 = texts[from..].concat().parse().unwrap_or(f64::NAN);
            let got = find_data(&text).last().and_then(|f| f.value.amount_mb);
            prop_assert_eq!(got, Some(expected), "{:?}", text);
        }

        #[test]
        fn data_round_trip(hundredths in 0u64..100_000_000, unit in 0usize..4, style in 0usize..8) {
            let (name, short, factor) = [("KB", "K", 1.0 / 1024.0), ("MB", "M", 1.0),
                ("GB", "G", 1024.0), ("TB", "T", 1_048_576.0)][unit];
            let (whole, frac) = (hundredths / 100, hundredths % 100);
            let text = match style {
                0 => format!("{whole}.{frac:02} {name}"),
                1 => format!("{whole},{frac:02}{}", name.to_lowercase()),
                2 => format!("{}.{frac:02}{short}", grouped(whole, ',')),
                3 => format!("{},{frac:02} {name}", grouped(whole, '.')),
                4 => format!("{whole}{name}"),
                // Digit groups split by a narrow no-break, no-break or thin space.
                5 => format!("{}.{frac:02}{name}", grouped(whole, '\u{202F}')),
                6 => format!("{},{frac:02}\u{A0}{name}", grouped(whole, '\u{A0}')),
                _ => format!("{} {name}", grouped(whole * 100 + frac, '\u{2009}')),
            };
            let expected = if style == 4 { whole as f64 } else if style == 7 { hundredths as f64 } else { hundredths as f64 / 100.0 } * factor;
            let got = parse_data(&text);
            if style == 2 && unit == 2 && frac == 0 && (2..=6).contains(&whole) {
                // "5.00G" has decimals: still data.
                prop_assert!(got.is_ok());
            }
            let mb = got.map(|r| r.amount_mb);
            if expected > 1024.0 * 1024.0 * 1024.0 {
                prop_assert!(matches!(mb, Err(ParseError::Invalid(_))), "{:?} → {:?}", text, mb);
                return Ok(());
            }
            prop_assert!(
                matches!(mb, Ok(Some(v)) if (v - expected).abs() <= expected * 1e-12),
                "{:?} → {:?}, expected {}", text, mb, expected
            );
        }

        #[test]
        fn money_round_trip(cents in -10_000_000_000i64..10_000_000_000, style in 0usize..9) {
            let neg = if cents < 0 { "-" } else { "" };
            let abs = cents.unsigned_abs();
            let (whole, frac) = (abs / 100, abs % 100);
            let (text, currency) = match style {
                // `$` on a page whose currency is CAD is CAD.
                0 => (format!("{neg}${}.{frac:02}", grouped(whole, ',')), Currency::Cad),
                1 => (format!("{neg}{},{frac:02} €", grouped(whole, '.')), Currency::Eur),
                2 => (format!("{neg}¥{whole}.{frac:02}"), Currency::Cny),
                3 => (format!("{neg}{whole}.{frac:02}元"), Currency::Cny),
                4 => (format!("USD {neg}{whole}.{frac:02}"), Currency::Usd),
                5 => (format!("{neg}HK${}.{frac:02}", grouped(whole, ',')), Currency::Hkd),
                6 if cents < 0 => (format!("(£{whole}.{frac:02})"), Currency::Gbp),
                6 => (format!("£{whole}.{frac:02}"), Currency::Gbp),
                7 => (format!("{neg}{},{frac:02}\u{A0}€", grouped(whole, '\u{202F}')), Currency::Eur),
                _ => (format!("{neg}{whole}.{frac:02}"), Currency::Cad),
            };
            prop_assert_eq!(parse_money(&text, Some(Currency::Cad)), Ok(Money::new(cents, currency)), "{}", text);
        }

        #[test]
        fn date_round_trip(days in 10_958i64..47_482, style in 0usize..10) {
            // 2000-01-01 ..= 2099-12-31
            let date = Date::from_days_since_epoch(days).unwrap();
            let (y, m, d) = (date.year(), date.month(), date.day());
            const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                "Oct", "Nov", "Dec"];
            const DE: [&str; 12] = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                "August", "September", "Oktober", "November", "Dezember"];
            let month = usize::from(m - 1);
            let (text, order) = match style {
                0 => (date.to_string(), DateOrder::Unknown),
                1 => (format!("{date}T00:00:00.000Z"), DateOrder::Unknown),
                2 => (format!("{y}/{m:02}/{d:02}"), DateOrder::Unknown),
                3 => (format!("{m:02}/{d:02}/{y}"), DateOrder::Mdy),
                4 => (format!("{d}/{m}/{y}"), DateOrder::Dmy),
                5 => (format!("{d:02}.{m:02}.{y}"), DateOrder::Unknown),
                6 => (format!("{} {d}, {y}", EN[month]), DateOrder::Unknown),
                7 => (format!("{d}. {} {y}", DE[month]), DateOrder::Unknown),
                8 => (format!("{y}年{m}月{d}日"), DateOrder::Unknown),
                _ => (format!("{m}/{d}/{:02}", y % 100), DateOrder::Mdy),
            };
            let expected = if style == 9 && matches!((m, d, y), (12, 31, 2069) | (1, 1, 2070)) {
                Err(ParseError::Sentinel)
            } else {
                Ok(date)
            };
            prop_assert_eq!(parse_date(&text, today(), order), expected, "{}", text);
        }

        #[test]
        fn year_less_is_next_occurrence(days in 10_958i64..47_482, order in 0usize..3) {
            let date = Date::from_days_since_epoch(days).unwrap();
            let (m, d) = (date.month(), date.day());
            let text = match order {
                0 => format!("{m}/{d}"),
                1 => format!("{m}月{d}日"),
                _ => format!("{d} {}", ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                    "sep", "oct", "nov", "dec"][usize::from(m - 1)]),
            };
            let got = parse_date(&text, today(), DateOrder::Mdy).unwrap();
            prop_assert_eq!((got.month(), got.day()), (m, d));
            prop_assert!(got >= today());
            let limit = if (m, d) == (2, 29) { 8 * 366 } else { 366 };
            prop_assert!(today().days_until(got) < limit);
        }

        #[test]
        fn relative_round_trip(n in 0i64..20_000, style in 0usize..4) {
            let text = match style {
                0 => format!("in {n} days"),
                1 => format!("{n} days left"),
                2 => format!("{n}天后"),
                _ => format!("还有{n}天"),
            };
            prop_assert_eq!(parse_date(&text, today(), DateOrder::Unknown), Ok(today().add_days(n).unwrap()));
        }

        #[test]
        fn ambiguous_is_never_guessed(a in 1u32..=12, b in 1u32..=11, y in 2000i32..2100) {
            let b = if b >= a { b + 1 } else { b };
            let text = format!("{a:02}/{b:02}/{y}");
            prop_assert_eq!(parse_date(&text, today(), DateOrder::Unknown), Err(ParseError::Ambiguous));
            prop_assert!(find_dates(&text, today(), DateOrder::Unknown).is_empty());
        }
    }
}
