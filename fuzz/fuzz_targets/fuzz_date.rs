//! Date parser: never panics; every span found slices the input on char boundaries and
//! re-parses to the same date. The first byte picks the day/month order, the next two
//! `today` (any day of 1900–2079, so year-less and relative dates hit the calendar's ends).
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::parse::{date_order_for_lang, find_dates, parse_date, DateOrder};
use linekeeper::Date;

fuzz_target!(|bytes: &[u8]| {
    let [pick, hi, lo, rest @ ..] = bytes else {
        return;
    };
    let order = [DateOrder::Mdy, DateOrder::Dmy, DateOrder::Unknown][usize::from(*pick) % 3];
    let base = Date::new(1900, 1, 1).expect("valid date");
    let today = base
        .add_days(i64::from(u16::from_be_bytes([*hi, *lo])))
        .expect("in range");
    let text = String::from_utf8_lossy(rest);
    let _ = date_order_for_lang(&text);
    let _ = parse_date(&text, today, order);
    for found in find_dates(&text, today, order) {
        let slice = text
            .get(found.start..found.end)
            .expect("span on char boundaries");
        assert_eq!(parse_date(slice, today, order), Ok(found.value), "{text:?}");
    }
});
