//! Parsers for the values carrier pages show: data amounts, money, dates.
//!
//! Every parser takes untrusted text and returns a value or a [`ParseError`]; none panics.
//! `parse_*` read a whole (short) text; `find_*` locate every value inside a longer text
//! and report byte spans, so the extractor can tell label from value.

pub mod data;
pub mod date;
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
