//! Money amounts: `$15.00`, `US$15`, `USD 15.00`, `-$3.00`, `($3.00)`, `¥58.20`,
//! `58.20元`, `£6.45`, `5,12 €`, `1.234,56 €`, `HK$`, `C$`, and bare `15.00` in the
//! page's currency.
use super::text::{is_dash, normalize, scan, settle, Hit, Kind, Lexed};
use super::{Found, ParseError};
use crate::parse::text::is_alnum;
use crate::snapshot::{Currency, Money};

/// Reads the amount of money a short text shows.
///
/// A `$` is the default currency when that is a dollar (CAD, HKD), else USD. A number
/// without any currency mark uses `default_currency` (`NotFound` when `None`) and is
/// accepted only when it is the text's only number. More than two decimals is `Invalid`
/// unless the extra digits are zeros. `$--.--`, `--` are `Placeholder`.
pub fn parse_money(text: &str, default_currency: Option<Currency>) -> Result<Money, ParseError> {
    let lx = Lexed::new(text);
    let hits = scan(&lx, |i, _| {
        match_money(&lx, i, default_currency, Bare::Cents)
    });
    if hits.is_empty() && default_currency.is_some() && lx.count_numbers() == 1 {
        return settle(
            &lx,
            scan(&lx, |i, _| match_money(&lx, i, default_currency, Bare::Any)),
        );
    }
    settle(&lx, hits)
}

/// Every amount of money in `text`, with byte spans into `text`. Amounts without a
/// currency mark are found only with a default currency and only when written with two
/// decimals (`120.00`), so dates and counts are not taken for money.
pub fn find_money(text: &str, default_currency: Option<Currency>) -> Vec<Found<Money>> {
    let lx = Lexed::new(text);
    super::text::only_ok(scan(&lx, |i, _| {
        match_money(&lx, i, default_currency, Bare::Cents)
    }))
}

/// Suffixes (after the amount) that make it a price per period, not a balance.
const RATE_SUFFIXES: &[&str] = &[
    "/mo",
    "/month",
    "/mth",
    "/mes",
    "/monat",
    "/mese",
    "/mies",
    "/30 dni",
    "/30 giorni",
    "/wk",
    "/week",
    "/yr",
    "/year",
    "/day",
    "per month",
    "per mo",
    "a month",
    "monthly",
    "per week",
    "a week",
    "weekly",
    "per year",
    "a year",
    "yearly",
    "per day",
    "a day",
    "daily",
    "al mes",
    "al mese",
    "por mes",
    "pro monat",
    "im monat",
    "/月",
    "/个月",
    "/個月",
    "/年",
    "/天",
    "每月",
    "每个月",
    "/ 月",
];

/// Whether a per-period suffix follows the amount `found` in `text` (`$15/mo`,
/// `$15 per month`, `58元/月`) or 每月 precedes it: a price, not a balance.
pub fn money_is_rate(text: &str, found: &Found<Money>) -> bool {
    let after: String = text
        .get(found.end..)
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    let after = super::text::lowercase(&normalize(&after));
    let after = match after.strip_prefix("/ ") {
        Some(rest) => format!("/{rest}"),
        None => after,
    };
    let suffix = RATE_SUFFIXES.iter().any(|s| {
        after.strip_prefix(s).is_some_and(|rest| {
            !s.ends_with(|c: char| c.is_ascii_alphabetic())
                || !rest.starts_with(|c: char| is_alnum(c))
        })
    });
    let before = text.get(..found.start).unwrap_or("");
    let before: String = before
        .chars()
        .rev()
        .take(10)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before = normalize(&before);
    let before = super::text::trim_end_where(&before, |c| c == ':').trim_end();
    suffix || before.ends_with("每月") || before.ends_with("月租")
}

/// How numbers without a currency mark are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bare {
    /// Only with exactly two decimals (`120.00`).
    Cents,
    /// Any number (the text has no other).
    Any,
}

fn dollar(default: Option<Currency>) -> Currency {
    match default {
        Some(c) if c.is_dollar() => c,
        _ => Currency::Usd,
    }
}

fn symbol_currency(c: char, default: Option<Currency>) -> Option<Currency> {
    Some(match c {
        '$' => dollar(default),
        '€' => Currency::Eur,
        '£' => Currency::Gbp,
        '¥' | '￥' => Currency::Cny,
        _ => return None,
    })
}

/// A three-letter ISO code (`USD`, `eur`, `RMB`).
fn code(lx: &Lexed, j: usize) -> Option<Currency> {
    let w = lx.str(j);
    if lx.is_word(j) && w.len() == 3 && w.is_ascii() {
        Currency::from_code(w)
    } else {
        None
    }
}

/// The words before `$` of the dollars this parser reads (a word table, see
/// `text::table_find`), one group per currency of `DOLLARS`.
const DOLLAR_PREFIXES: &str =
    "us usd|hk hkd|c ca cad|nt ntd|mx mxn|s sgd|a au aud|ar ars|r brl|clp|col cop|mop";
const DOLLARS: [Currency; 12] = [
    Currency::Usd,
    Currency::Hkd,
    Currency::Cad,
    Currency::Twd,
    Currency::Mxn,
    Currency::Sgd,
    Currency::Aud,
    Currency::Ars,
    Currency::Brl,
    Currency::Clp,
    Currency::Cop,
    Currency::Mop,
];

/// True when `t` is a currency sign standing alone, the start of an amount whose figures
/// follow in other elements (`$`, `€`, `US$`, `S$`, `NT$`): the signs this parser reads.
pub fn is_currency_sign(t: &str) -> bool {
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => symbol_currency(c, None).is_some(),
        _ if t.eq_ignore_ascii_case("s/") || t.eq_ignore_ascii_case("s/.") => true,
        _ => t
            .strip_suffix('$')
            .is_some_and(|p| super::text::table_word(DOLLAR_PREFIXES, p, true, true).is_some()),
    }
}

/// A currency written before the amount, with the index after it.
fn prefix_currency(lx: &Lexed, j: usize, default: Option<Currency>) -> Option<(Currency, usize)> {
    if let Some(c) = lx.sym(j).and_then(|c| symbol_currency(c, default)) {
        return Some((c, j + 1));
    }
    if lx.is_word(j) && lx.is_sym(j + 1, '$') && lx.attached(j + 1) {
        // `US$`, `HK$`, `C$`, `NT$`, `S$`, `A$`; other `XX$` are currencies we do not read.
        let c = *DOLLARS.get(lx.word_group(j, DOLLAR_PREFIXES)?)?;
        return Some((c, j + 2));
    }
    if lx.is_word(j) && lx.str(j).eq_ignore_ascii_case("s") && lx.is_sym(j + 1, '/') {
        // The Peruvian sol: `S/ 59.90`, `S/.59.90`.
        let after = if lx.is_sym(j + 2, '.') { j + 3 } else { j + 2 };
        return lx.attached(j + 1).then_some((Currency::Pen, after));
    }
    if let Some(c) = code(lx, j) {
        return Some((c, j + 1));
    }
    if let Some(end) = lx.cjk_any(j, "人民币 人民幣") {
        return Some((Currency::Cny, end));
    }
    if let Some(end) = lx.cjk_any(j, "新台幣 新臺幣") {
        return Some((Currency::Twd, end));
    }
    None
}

/// A currency written after the amount, with the index after it.
fn suffix_currency(lx: &Lexed, k: usize, default: Option<Currency>) -> Option<(Currency, usize)> {
    if let Some(c) = lx.sym(k).and_then(|c| symbol_currency(c, default)) {
        // `15 $20` is two amounts, not `15 $`.
        let starts_next =
            lx.attached(k + 1) && (lx.is_digits(k + 1) || lx.sym(k + 1).is_some_and(is_dash));
        return (!starts_next).then_some((c, k + 1));
    }
    if let Some(c) = code(lx, k) {
        return Some((c, k + 1));
    }
    // The Polish złoty: `23,50 zł`.
    if lx.is_word(k) && lx.str(k) == "zł" {
        return Some((Currency::Pln, k + 1));
    }
    if let Some(end) = lx.cjk_any(k, "港元 港币 港幣") {
        return Some((Currency::Hkd, end));
    }
    // `45.00 美元`: how a translation into Chinese writes `$45.00`.
    if let Some(end) = lx.cjk_any(k, "美元") {
        return Some((Currency::Usd, end));
    }
    if let Some(end) = lx.cjk_any(k, "新台幣 新臺幣 台幣 臺幣") {
        return Some((Currency::Twd, end));
    }
    // `599元` on a Taiwanese page is New Taiwan dollars.
    if let Some(end) = lx.cjk_any(k, "元") {
        let c = if default == Some(Currency::Twd) {
            Currency::Twd
        } else {
            Currency::Cny
        };
        return Some((c, end));
    }
    if let Some(end) = lx.cjk_any(k, "人民币 人民幣") {
        return Some((Currency::Cny, end));
    }
    None
}

/// A minus sign at `j` may start an amount when it does not join two words or numbers.
fn minus_ok(lx: &Lexed, j: usize) -> bool {
    if j == 0 || !lx.attached(j) {
        return true;
    }
    matches!(lx.kind(j - 1), Some(Kind::Sym('(' | ':')) | Some(Kind::Cjk))
}

/// Context that makes an unmarked number something other than money: a unit, a
/// percentage, part of a date or time.
fn bare_ok(lx: &Lexed, j: usize, k: usize) -> bool {
    const UNIT_WORDS: &str = "kb mb gb tb k m g t %";
    if !lx.starts_number(j) {
        return false;
    }
    if lx.attached(k) {
        if !matches!(lx.kind(k), Some(Kind::Sym(c)) if !matches!(c, '%' | ':' | '.' | ',') && !is_dash(c))
        {
            return false;
        }
    } else if lx.word_in(k, UNIT_WORDS) || lx.is_sym(k, '%') {
        return false;
    }
    true
}

fn match_money(lx: &Lexed, i: usize, default: Option<Currency>, bare: Bare) -> Option<Hit<Money>> {
    let mut j = i;
    let paren = lx.is_sym(j, '(');
    if paren {
        j += 1;
    }
    let mut negative = false;
    if lx.sym(j).is_some_and(is_dash) && lx.attached(j + 1) && minus_ok(lx, j) {
        negative = true;
        j += 1;
    }
    // `A$15`: an unknown dollar; do not read its `$` as USD.
    if j == i && i > 0 && lx.is_sym(i, '$') && lx.attached(i) && lx.is_word(i - 1) {
        return None;
    }
    let prefix = prefix_currency(lx, j, default);
    if let Some((_, after)) = prefix {
        j = after;
        if !negative && lx.sym(j).is_some_and(is_dash) && lx.attached(j + 1) && lx.is_digits(j + 1)
        {
            negative = true;
            j += 1;
        }
    }
    let (number, mut k) = lx.number(j)?;
    let mut currency = prefix.map(|(c, _)| c);
    match currency {
        // `$15.00 USD`: a code after the amount may name the dollar.
        Some(c) => {
            if let Some(code) = code(lx, k) {
                let dollar_sign = lx.is_sym(j.saturating_sub(1), '$')
                    || (negative && lx.is_sym(j.saturating_sub(2), '$'));
                if code == c || (dollar_sign && code.is_dollar()) {
                    currency = Some(code);
                    k += 1;
                }
            }
        }
        None => {
            if !lx.starts_number(j) {
                return None;
            }
            if let Some((c, after)) = suffix_currency(lx, k, default) {
                currency = Some(c);
                k = after;
            }
        }
    }
    let number_end = k;
    if paren {
        if !lx.is_sym(k, ')') {
            return None;
        }
        negative = true;
        k += 1;
    }
    let cents = number.and_then(|d| {
        if currency.is_none() && bare == Bare::Cents && d.frac.len() != 2 {
            return Err(ParseError::NotFound);
        }
        d.to_cents()
    });
    let currency = match currency {
        Some(c) => c,
        None => {
            let unmarked = default?;
            if cents.is_err() || !bare_ok(lx, j, number_end) {
                return None;
            }
            unmarked
        }
    };
    let value = cents.and_then(|c| {
        let c = if negative { c.checked_neg() } else { Some(c) };
        c.map(|c| Money::new(c, currency))
            .ok_or_else(|| ParseError::Invalid("amount too large".to_string()))
    });
    Some((i, k, value))
}

#[cfg(test)]
mod tests {

    #[test]
    fn currency_signs_alone_are_the_ones_the_parser_reads() {
        for t in [
            "$", "€", "£", "¥", "￥", "US$", "HK$", "C$", "S$", "NT$", "MX$", "us$", "A$", "AR$",
            "R$", "MOP$", "COL$", "S/", "S/.",
        ] {
            assert!(is_currency_sign(t), "{t}");
            assert!(parse_money(&[t, "12.40"].concat(), None).is_ok(), "{t}");
        }
        for t in ["", "Z$", "$$", "12", "GB", "S", "USD"] {
            assert!(!is_currency_sign(t), "{t}");
        }
    }
    use super::*;
    use Currency::*;

    fn money(text: &str, default: Option<Currency>) -> Money {
        parse_money(text, default).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }
    fn m(cents: i64, c: Currency) -> Money {
        Money::new(cents, c)
    }

    #[test]
    fn dollars() {
        assert_eq!(money("$15.00", None), m(1500, Usd));
        assert_eq!(money("$15", None), m(1500, Usd));
        assert_eq!(money("US$15", None), m(1500, Usd));
        assert_eq!(money("USD 15.00", None), m(1500, Usd));
        assert_eq!(money("15.00 USD", None), m(1500, Usd));
        assert_eq!(money("usd15.5", None), m(1550, Usd));
        assert_eq!(money("HK$120.50", None), m(12050, Hkd));
        assert_eq!(money("C$20", None), m(2000, Cad));
        assert_eq!(money("CA$20", None), m(2000, Cad));
        assert_eq!(money("$20", Some(Cad)), m(2000, Cad));
        assert_eq!(money("$20", Some(Eur)), m(2000, Usd));
        assert_eq!(money("$20.00 CAD", None), m(2000, Cad));
        assert_eq!(money("$1,234.56", None), m(123_456, Usd));
        assert_eq!(money("$ 1,234", None), m(123_400, Usd));
        assert_eq!(money("\u{200E}$56.78\u{200F}", None), m(5678, Usd));
        assert_eq!(money("\u{2066}$\u{200B}56.78\u{2069}", None), m(5678, Usd));
        assert_eq!(money("Account Balance $56.78.", None), m(5678, Usd));
    }

    #[test]
    fn new_taiwan_dollars() {
        assert_eq!(money("NT$599", None), m(59900, Twd));
        assert_eq!(money("NT$ 1,299.50", None), m(129950, Twd));
        assert_eq!(money("599元", Some(Twd)), m(59900, Twd));
        assert_eq!(money("599元", None), m(59900, Cny));
        assert_eq!(money("599 新台幣", None), m(59900, Twd));
        assert_eq!(money("新臺幣 599", None), m(59900, Twd));
        assert_eq!(money("$599", Some(Twd)), m(59900, Twd));
    }

    #[test]
    fn mexican_pesos() {
        assert_eq!(money("$85.00 MXN", None), m(8500, Mxn));
        assert_eq!(money("MX$85.00", None), m(8500, Mxn));
        assert_eq!(money("$85.00", Some(Mxn)), m(8500, Mxn));
        assert_eq!(money("MXN 85.00", None), m(8500, Mxn));
    }

    #[test]
    fn singapore_dollars_and_swiss_francs() {
        assert_eq!(money("S$8.75", None), m(875, Sgd));
        assert_eq!(money("$8.75", Some(Sgd)), m(875, Sgd));
        assert_eq!(money("SGD 8.75", None), m(875, Sgd));
        assert_eq!(money("CHF 39.50", None), m(3950, Chf));
        assert_eq!(money("39.50 CHF", None), m(3950, Chf));
    }

    #[test]
    fn australian_dollars_and_argentine_pesos() {
        assert_eq!(money("A$40.00", None), m(4000, Aud));
        assert_eq!(money("AU$40", None), m(4000, Aud));
        assert_eq!(money("$40.00", Some(Aud)), m(4000, Aud));
        assert_eq!(money("$12.40 AUD", None), m(1240, Aud));
        assert_eq!(money("AR$ 2.500,50", None), m(250_050, Ars));
        assert_eq!(money("$ 18.990,00", Some(Ars)), m(1_899_000, Ars));
        assert_eq!(money("ARS 1500", None), m(150_000, Ars));
        // Latin America and Macau.
        assert_eq!(money("S/ 59.90", None), m(5990, Pen));
        assert_eq!(money("S/.59.90", None), m(5990, Pen));
        assert_eq!(money("S/59,90", Some(Pen)), m(5990, Pen));
        assert_eq!(money("PEN 12.00", None), m(1200, Pen));
        assert_eq!(money("R$ 49,90", None), m(4990, Brl));
        assert_eq!(money("$ 12990", Some(Clp)), m(1_299_000, Clp));
        assert_eq!(money("COL$ 45,000.00", None), m(4_500_000, Cop));
        assert_eq!(money("MOP$ 98.00", None), m(9800, Mop));
        assert_eq!(money("$98.00 MOP", None), m(9800, Mop));
        assert!(parse_money("S/N 12345", None).is_err());
        // Swiss digit groups.
        assert_eq!(money("CHF 1'234.50", None), m(123_450, Chf));
        assert_eq!(money("CHF 1’234.50", None), m(123_450, Chf));
        assert_eq!(money("CHF 12'345'678", None), m(1_234_567_800, Chf));
        assert!(parse_money("S /12.00", None).map(|x| x.currency) != Ok(Pen));
        assert!(is_currency_sign("A$") && is_currency_sign("AR$"));
    }

    #[test]
    fn negatives() {
        assert_eq!(money("-$3.00", None), m(-300, Usd));
        assert_eq!(money("$-3.00", None), m(-300, Usd));
        assert_eq!(money("($3.00)", None), m(-300, Usd));
        assert_eq!(money("\u{2212}$3.00", None), m(-300, Usd));
        assert_eq!(money("-5,12 €", None), m(-512, Eur));
        assert_eq!(money("Credit: -$3.00", None), m(-300, Usd));
        assert_eq!(money("-15.00", Some(Usd)), m(-1500, Usd));
        // A dash between amounts is not a minus.
        let found = find_money("$10-$20", None);
        assert_eq!(
            found.iter().map(|f| f.value).collect::<Vec<_>>(),
            [m(1000, Usd), m(2000, Usd)]
        );
    }

    #[test]
    fn other_currencies() {
        assert_eq!(money("¥58.20", None), m(5820, Cny));
        assert_eq!(money("￥58.20", None), m(5820, Cny));
        assert_eq!(money("58.20元", None), m(5820, Cny));
        assert_eq!(money("账户余额：58.20 元", None), m(5820, Cny));
        assert_eq!(money("RMB 58.2", None), m(5820, Cny));
        assert_eq!(money("100港元", None), m(10000, Hkd));
        assert_eq!(money("余额 12.00 美元", None), m(1200, Usd));
        assert_eq!(money("12.00美元", Some(Cny)), m(1200, Usd));
        assert_eq!(money("£6.45", None), m(645, Gbp));
        assert_eq!(money("5,12 €", None), m(512, Eur));
        assert_eq!(money("5,12 EUR", None), m(512, Eur));
        assert_eq!(money("€5.12", None), m(512, Eur));
        assert_eq!(money("€ 5,12", None), m(512, Eur));
        assert_eq!(money("1.234,56 €", None), m(123_456, Eur));
        assert_eq!(money("15,00 $", Some(Cad)), m(1500, Cad));
        assert_eq!(money("１５．００ＵＳＤ", None), m(1500, Usd));
    }

    #[test]
    fn bare_amounts() {
        assert_eq!(money("15.00", Some(Usd)), m(1500, Usd));
        assert_eq!(money("120", Some(Usd)), m(12000, Usd));
        assert_eq!(money("Balance due 120.00", Some(Usd)), m(12000, Usd));
        assert_eq!(parse_money("15.00", None), Err(ParseError::NotFound));
        assert_eq!(parse_money("5 GB", Some(Usd)), Err(ParseError::NotFound));
        assert_eq!(parse_money("40%", Some(Usd)), Err(ParseError::NotFound));
        assert_eq!(
            parse_money("12/09/2026", Some(Usd)),
            Err(ParseError::NotFound)
        );
        // In a longer text only two-decimal amounts are taken without a currency mark.
        let found = find_money("Due 12/09, 3 lines, total 120.00", Some(Usd));
        assert_eq!(
            found.iter().map(|f| f.value).collect::<Vec<_>>(),
            [m(12000, Usd)]
        );
        assert!(find_money("Due 12/09, total 120.00", None).is_empty());
    }

    #[test]
    fn decimals() {
        assert_eq!(money("$1.500", None), m(150, Usd));
        assert_eq!(money("$1.5", None), m(150, Usd));
        assert!(matches!(
            parse_money("$1.505", None),
            Err(ParseError::Invalid(_))
        ));
        assert!(matches!(
            parse_money("$99999999999999999999", None),
            Err(ParseError::Invalid(_))
        ));
        assert_eq!(money("$92233720368547758.07", None), m(i64::MAX, Usd));
        assert!(matches!(
            parse_money("$92233720368547758.08", None),
            Err(ParseError::Invalid(_))
        ));
    }

    #[test]
    fn placeholders() {
        for t in ["$--.--", "--", "$ --", "Balance: -.--", "N/A"] {
            assert_eq!(
                parse_money(t, Some(Usd)),
                Err(ParseError::Placeholder),
                "{t}"
            );
        }
        assert_eq!(parse_money("", Some(Usd)), Err(ParseError::NotFound));
        assert_eq!(parse_money("Balance", Some(Usd)), Err(ParseError::NotFound));
        assert_eq!(parse_money("Z$15", None), Err(ParseError::NotFound));
    }

    #[test]
    fn rates() {
        let text = "Plans from $15/mo. Your balance: $15.00";
        let found = find_money(text, None);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].value, found[1].value);
        assert!(money_is_rate(text, &found[0]));
        assert!(!money_is_rate(text, &found[1]));
        for t in [
            "$15 per month",
            "$15 / mo",
            "$15/month",
            "58元/月",
            "每月 58元",
            "$15 a month",
            "$15/MO",
            "£10 monthly",
        ] {
            let f = &find_money(t, None)[0];
            assert!(money_is_rate(t, f), "{t}");
        }
        for t in ["$15 more", "$15/mobile", "$15 amount"] {
            let f = &find_money(t, None)[0];
            assert!(!money_is_rate(t, f), "{t}");
        }
    }

    #[test]
    fn spans() {
        let text = "Renews for $12.34. Account Balance \u{200F}($56.78)\u{200F}; 5,12 €";
        let found = find_money(text, None);
        let slices: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(slices, ["$12.34", "($56.78)", "5,12 €"]);
        assert_eq!(found[1].value, m(-5678, Usd));
    }
}
