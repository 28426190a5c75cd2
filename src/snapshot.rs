//! The Snapshot: what LineKeeper read from one account page. Public format, schema 1,
//! documented in `docs/snapshot.md`. `linekeeper scan` prints it; the extension stores
//! it and exports it in the same shape.

use crate::date::Date;
use crate::vecmap::VecMap;
#[cfg(test)]
#[cfg(test)]
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Version of the Snapshot format.
pub const SCHEMA: u32 = 1;

/// What the page held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum Status {
    /// Account values were read.
    Ok,
    /// Nothing trustworthy: loading skeleton, placeholders, maintenance notice.
    #[default]
    NoData,
    /// A sign-in page.
    LoggedOut,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Snapshot {
    pub schema: u32,
    pub status: Status,
    /// Stable carrier id (`t-mobile`, `mint`, …) or `None` when the generic reader found the values.
    pub carrier: Option<String>,
    /// The next date money is needed: bill due date (postpaid) or renewal/expiry date (prepaid).
    pub next_bill_date: Option<Date>,
    /// Account balance (prepaid credit; negative amounts are debts).
    pub balance: Option<Money>,
    /// Amount due on the next bill (postpaid).
    pub amount_due: Option<Money>,
    /// AutoPay state when the page says.
    pub autopay: Option<bool>,
    pub lines: Vec<Line>,
    /// Where each field came from: key is the field path (`balance`, `lines[0].data`, …).
    #[cfg_attr(test, serde(default, skip_serializing_if = "VecMap::is_empty"))]
    pub sources: VecMap<String, Source>,
}

impl Snapshot {
    pub fn empty(status: Status) -> Snapshot {
        Snapshot {
            schema: SCHEMA,
            status,
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Line {
    /// Last four digits of the phone number, never more.
    pub number_last4: Option<String>,
    /// The line's nickname as the account shows it (never the account holder's name).
    pub label: Option<String>,
    pub plan: Option<String>,
    /// This line's own renewal / expiry date, where it has one.
    pub renews_on: Option<Date>,
    /// High-speed (main) data bucket.
    pub data: Option<DataUsage>,
    /// Hotspot bucket, where shown.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub hotspot: Option<DataUsage>,
}

/// A data bucket in MB (1 GB = 1024 MB).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct DataUsage {
    pub remaining_mb: Option<f64>,
    pub used_mb: Option<f64>,
    pub total_mb: Option<f64>,
    pub unlimited: bool,
}

/// Where a value was read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The label text that named the value, if any.
    pub label: Option<String>,
    /// A short description of the element (`span#balance.amount`).
    pub element: String,
    /// The raw text the value was parsed from.
    pub text: String,
}

/// An amount of money in minor units (cents), with an ISO 4217 currency code.
///
/// Serialised as `{"amount": "12.34", "currency": "USD"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    /// Amount in hundredths of the currency unit (negative for credit / debt as labelled).
    pub cents: i64,
    pub currency: Currency,
}

/// Supported currencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub enum Currency {
    #[cfg_attr(test, serde(rename = "USD"))]
    #[default]
    Usd,
    #[cfg_attr(test, serde(rename = "CNY"))]
    Cny,
    #[cfg_attr(test, serde(rename = "HKD"))]
    Hkd,
    #[cfg_attr(test, serde(rename = "EUR"))]
    Eur,
    #[cfg_attr(test, serde(rename = "GBP"))]
    Gbp,
    #[cfg_attr(test, serde(rename = "CAD"))]
    Cad,
    #[cfg_attr(test, serde(rename = "TWD"))]
    Twd,
    #[cfg_attr(test, serde(rename = "MXN"))]
    Mxn,
    #[cfg_attr(test, serde(rename = "SGD"))]
    Sgd,
    #[cfg_attr(test, serde(rename = "CHF"))]
    Chf,
    #[cfg_attr(test, serde(rename = "AUD"))]
    Aud,
    #[cfg_attr(test, serde(rename = "ARS"))]
    Ars,
    #[cfg_attr(test, serde(rename = "PEN"))]
    Pen,
    #[cfg_attr(test, serde(rename = "BRL"))]
    Brl,
    #[cfg_attr(test, serde(rename = "CLP"))]
    Clp,
    #[cfg_attr(test, serde(rename = "COP"))]
    Cop,
    #[cfg_attr(test, serde(rename = "MOP"))]
    Mop,
    #[cfg_attr(test, serde(rename = "PLN"))]
    Pln,
}

impl Currency {
    /// True for the currencies written with a `$` (`US$`, `HK$`, `R$`, `MOP$`…).
    pub fn is_dollar(self) -> bool {
        !matches!(
            self,
            Currency::Cny
                | Currency::Eur
                | Currency::Gbp
                | Currency::Chf
                | Currency::Pen
                | Currency::Pln
        )
    }
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
            Currency::Hkd => "HKD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Cad => "CAD",
            Currency::Twd => "TWD",
            Currency::Mxn => "MXN",
            Currency::Sgd => "SGD",
            Currency::Chf => "CHF",
            Currency::Aud => "AUD",
            Currency::Ars => "ARS",
            Currency::Pen => "PEN",
            Currency::Brl => "BRL",
            Currency::Clp => "CLP",
            Currency::Cop => "COP",
            Currency::Mop => "MOP",
            Currency::Pln => "PLN",
        }
    }
    pub fn from_code(code: &str) -> Option<Currency> {
        Some(match code.to_ascii_uppercase().as_str() {
            "USD" => Currency::Usd,
            "CNY" | "RMB" => Currency::Cny,
            "HKD" => Currency::Hkd,
            "EUR" => Currency::Eur,
            "GBP" => Currency::Gbp,
            "CAD" => Currency::Cad,
            "TWD" | "NTD" => Currency::Twd,
            "MXN" => Currency::Mxn,
            "SGD" => Currency::Sgd,
            "CHF" => Currency::Chf,
            "AUD" => Currency::Aud,
            "ARS" => Currency::Ars,
            "PEN" => Currency::Pen,
            "BRL" => Currency::Brl,
            "CLP" => Currency::Clp,
            "COP" => Currency::Cop,
            "MOP" => Currency::Mop,
            "PLN" => Currency::Pln,
            _ => return None,
        })
    }
}

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Money {
        Money { cents, currency }
    }

    /// The amount as a decimal string with two places: `-3.00`, `12.34`.
    pub fn amount_string(&self) -> String {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        let mut out = String::from(sign);
        crate::json::write_int(&mut out, i64::try_from(abs / 100).unwrap_or(i64::MAX));
        out.push('.');
        crate::json::write_two_digits(&mut out, u32::try_from(abs % 100).unwrap_or(0));
        out
    }

    /// Parses a plain decimal amount string as written by [`Money::amount_string`]
    /// (`-3.00`, `12.3`, `12`). Not a general money parser: see `parse::money`.
    pub fn parse_amount(text: &str) -> Option<i64> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = crate::parse::text::split_once(digits, ".").unwrap_or((digits, ""));
        if whole.is_empty() || whole.len() > 15 || frac.len() > 2 {
            return None;
        }
        if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = crate::parse::text::parse_int(whole)?;
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => crate::parse::text::parse_int(frac)? * 10,
            _ => crate::parse::text::parse_int(frac)?,
        };
        let cents = whole.checked_mul(100)?.checked_add(frac)?;
        Some(if neg { -cents } else { cents })
    }
}

#[cfg(test)]
#[derive(serde::Serialize, serde::Deserialize)]
struct MoneyRepr {
    amount: String,
    currency: Currency,
}

#[cfg(test)]
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        MoneyRepr {
            amount: self.amount_string(),
            currency: self.currency,
        }
        .serialize(s)
    }
}

#[cfg(test)]
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let repr = MoneyRepr::deserialize(d)?;
        let cents = Money::parse_amount(&repr.amount).ok_or_else(|| {
            serde::de::Error::custom(format!("not a decimal amount: {:?}", repr.amount))
        })?;
        Ok(Money {
            cents,
            currency: repr.currency,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_round_trips_as_decimal_string() {
        let m = Money::new(-300, Currency::Usd);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"-3.00","currency":"USD"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        assert!(serde_json::from_str::<Money>(r#"{"amount":"1.234","currency":"USD"}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"amount":"1","currency":"XYZ"}"#).is_err());
    }

    #[test]
    fn snapshot_matches_public_example() {
        let json = r#"{"schema": 1, "status": "ok", "carrier": "t-mobile", "next_bill_date": "2026-12-09",
 "balance": {"amount": "0.00", "currency": "USD"}, "amount_due": null, "autopay": false,
 "lines": [{"number_last4": "4821", "label": null, "plan": "Prepaid Connect", "renews_on": "2026-12-09",
            "data": {"remaining_mb": 3502.08, "used_mb": 1617.92, "total_mb": 5120.0, "unlimited": false}}]}"#;
        let snap: Snapshot = serde_json::from_str(json).unwrap();
        assert_eq!(snap.status, Status::Ok);
        assert_eq!(snap.lines[0].data.as_ref().unwrap().total_mb, Some(5120.0));
        let again: Snapshot = serde_json::from_str(&serde_json::to_string(&snap).unwrap()).unwrap();
        assert_eq!(again, snap);
    }
}
