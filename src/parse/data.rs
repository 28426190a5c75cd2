//! Data amounts. (Interface fixed; implementation in progress.)
use super::{Found, ParseError};

/// What a data text says. A bare amount (`6,144 MB`) fills `amount_mb`: its role
/// (remaining, used, total) comes from the label beside it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataReading {
    pub amount_mb: Option<f64>,
    pub remaining_mb: Option<f64>,
    pub used_mb: Option<f64>,
    pub total_mb: Option<f64>,
    pub unlimited: bool,
}

pub fn parse_data(_text: &str) -> Result<DataReading, ParseError> {
    Err(ParseError::NotFound)
}

pub fn find_data(_text: &str) -> Vec<Found<DataReading>> {
    Vec::new()
}
