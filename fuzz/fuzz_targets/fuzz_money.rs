//! Money parser: never panics; every span found slices the input on char boundaries and
//! re-parses to the same amount. The first byte picks the page's default currency.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::parse::{find_money, money_is_rate, parse_money};
use linekeeper::snapshot::Currency;

const DEFAULTS: [Option<Currency>; 8] = [
    None,
    Some(Currency::Usd),
    Some(Currency::Cny),
    Some(Currency::Hkd),
    Some(Currency::Eur),
    Some(Currency::Gbp),
    Some(Currency::Cad),
    Some(Currency::Twd),
];

fuzz_target!(|bytes: &[u8]| {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let default = DEFAULTS[usize::from(pick) % DEFAULTS.len()];
    let text = String::from_utf8_lossy(rest);
    let _ = parse_money(&text, default);
    for found in find_money(&text, default) {
        let slice = text
            .get(found.start..found.end)
            .expect("span on char boundaries");
        assert_eq!(parse_money(slice, default), Ok(found.value), "{text:?}");
        let _ = money_is_rate(&text, &found);
    }
});
