//! Dates. (Interface fixed; implementation in progress.)
use super::{Found, ParseError};
use crate::date::Date;

/// Day/month order for numeric dates, from the page language and carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// US style `MM/DD/YYYY`.
    Mdy,
    /// European style `DD.MM.YYYY`, `DD/MM/YYYY`.
    Dmy,
    /// Unknown: a numeric date whose order matters is refused as ambiguous.
    #[default]
    Unknown,
}

pub fn parse_date(_text: &str, _today: Date, _order: DateOrder) -> Result<Date, ParseError> {
    Err(ParseError::NotFound)
}

pub fn find_dates(_text: &str, _today: Date, _order: DateOrder) -> Vec<Found<Date>> {
    Vec::new()
}
