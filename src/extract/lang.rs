//! Defaults from the page language: currency (the date order is
//! `parse::date::date_order_for_lang`).

use crate::snapshot::Currency;

fn split(lang: &str) -> (String, String) {
    let lower = lang.trim().to_ascii_lowercase();
    let lower = crate::parse::text::replace(&lower, "_", "-");
    let mut parts = crate::parse::text::split_byte(&lower, b'-');
    let language = parts.next().unwrap_or("").to_string();
    // The region is the first two-letter (or three-digit) subtag after the language.
    let region = parts
        .find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())))
        .unwrap_or("")
        .to_string();
    (language, region)
}

/// The currency most pages in `lang` use for a bare amount, if one is clear.
pub fn currency_for_lang(lang: &str) -> Option<Currency> {
    let (language, region) = split(lang);
    Some(match (language.as_str(), region.as_str()) {
        ("zh", "hk" | "mo") => Currency::Hkd,
        ("zh", "tw") => Currency::Twd,
        ("zh", _) => {
            if crate::parse::text::contains(&lang.to_ascii_lowercase(), "hant") {
                return None;
            }
            Currency::Cny
        }
        ("de" | "it", "") => Currency::Eur,
        ("pl", _) => Currency::Pln,
        (_, region) => {
            // The regions' currencies as data (one list, then an array in its order):
            // smaller in the wasm than a match arm per region.
            return crate::parse::text::split_byte(REGIONS, b' ')
                .zip(REGION_CURRENCIES)
                .find(|&(r, _)| r == region)
                .map(|(_, c)| c)
                .or_else(|| super::names::in_list(EURO_REGIONS, region).then_some(Currency::Eur));
        }
    })
}

/// Regions with a currency of their own, in the order of [`REGION_CURRENCIES`].
const REGIONS: &str = "us gb ca hk tw mx sg ch au ar pe br cl co mo cn pl";
const REGION_CURRENCIES: [Currency; 17] = [
    Currency::Usd,
    Currency::Gbp,
    Currency::Cad,
    Currency::Hkd,
    Currency::Twd,
    Currency::Mxn,
    Currency::Sgd,
    Currency::Chf,
    Currency::Aud,
    Currency::Ars,
    Currency::Pen,
    Currency::Brl,
    Currency::Clp,
    Currency::Cop,
    Currency::Mop,
    Currency::Cny,
    Currency::Pln,
];
/// Regions that pay in euros.
const EURO_REGIONS: &str = "de at es fr it nl ie pt fi be lu";

/// True for languages that write a decimal comma (`3,5 GB`) and group thousands with
/// dots (`2.048 MB`).
pub fn decimal_comma(lang: &str) -> bool {
    let (language, _) = split(lang);
    super::names::in_list(
        "de es fr it pt nl da nb nn no fi sv pl cs sk ro tr ru uk el id vi ca hu",
        &language,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_and_currencies() {
        assert_eq!(currency_for_lang("zh-CN"), Some(Currency::Cny));
        assert_eq!(currency_for_lang("zh-HK"), Some(Currency::Hkd));
        assert_eq!(currency_for_lang("es-MX"), Some(Currency::Mxn));
        assert_eq!(currency_for_lang("zh-Hant-HK"), Some(Currency::Hkd));
        assert_eq!(currency_for_lang("de"), Some(Currency::Eur));
        assert_eq!(currency_for_lang("de-CH"), Some(Currency::Chf));
        assert_eq!(currency_for_lang("en-SG"), Some(Currency::Sgd));
        assert_eq!(currency_for_lang("en-AU"), Some(Currency::Aud));
        assert_eq!(currency_for_lang("es-AR"), Some(Currency::Ars));
        assert_eq!(currency_for_lang("en"), None);
    }
}
