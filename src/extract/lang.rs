//! Defaults from the page language: numeric date order and currency.

use crate::parse::DateOrder;
use crate::snapshot::Currency;

fn split(lang: &str) -> (String, String) {
    let lower = lang.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or("").to_string();
    // The region is the first two-letter (or three-digit) subtag after the language.
    let region = parts
        .find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())))
        .unwrap_or("")
        .to_string();
    (language, region)
}

/// Day/month order for numeric dates on a page in `lang` (`en-US` → MDY, `en-GB`, `de`,
/// `es` → DMY). Chinese pages write year first or use 月/日, so their order is unknown.
pub fn date_order_for_lang(lang: &str) -> DateOrder {
    let (language, region) = split(lang);
    match (language.as_str(), region.as_str()) {
        ("en", "" | "us" | "ph" | "pr" | "um" | "vi" | "as" | "gu" | "mp") => DateOrder::Mdy,
        ("es", "us") => DateOrder::Mdy,
        ("en", "ca") => DateOrder::Unknown,
        ("en", _) => DateOrder::Dmy,
        ("zh" | "ja" | "ko" | "", _) => DateOrder::Unknown,
        _ => DateOrder::Dmy,
    }
}

/// The currency most pages in `lang` use for a bare amount, if one is clear.
pub fn currency_for_lang(lang: &str) -> Option<Currency> {
    let (language, region) = split(lang);
    Some(match (language.as_str(), region.as_str()) {
        ("zh", "hk" | "mo") => Currency::Hkd,
        ("zh", "tw") => return None,
        ("zh", _) => {
            if lang.to_ascii_lowercase().contains("hant") {
                return None;
            }
            Currency::Cny
        }
        (_, "us") => Currency::Usd,
        (_, "gb") => Currency::Gbp,
        (_, "ca") => Currency::Cad,
        (_, "hk") => Currency::Hkd,
        (_, "cn") => Currency::Cny,
        (_, "de" | "at" | "es" | "fr" | "it" | "nl" | "ie" | "pt" | "fi" | "be" | "lu") => {
            Currency::Eur
        }
        ("de", "") => Currency::Eur,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_and_currencies() {
        assert_eq!(date_order_for_lang("en-US"), DateOrder::Mdy);
        assert_eq!(date_order_for_lang("en"), DateOrder::Mdy);
        assert_eq!(date_order_for_lang("en-GB"), DateOrder::Dmy);
        assert_eq!(date_order_for_lang("de-DE"), DateOrder::Dmy);
        assert_eq!(date_order_for_lang("es-US"), DateOrder::Mdy);
        assert_eq!(date_order_for_lang("zh-Hans-CN"), DateOrder::Unknown);
        assert_eq!(date_order_for_lang(""), DateOrder::Unknown);
        assert_eq!(currency_for_lang("zh-CN"), Some(Currency::Cny));
        assert_eq!(currency_for_lang("zh-HK"), Some(Currency::Hkd));
        assert_eq!(currency_for_lang("zh-Hant-HK"), Some(Currency::Hkd));
        assert_eq!(currency_for_lang("de"), Some(Currency::Eur));
        assert_eq!(currency_for_lang("en"), None);
    }
}
