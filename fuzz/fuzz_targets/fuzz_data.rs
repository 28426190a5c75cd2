//! Data parser: never panics; every span found slices the input on char boundaries and
//! re-parses to the same reading.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::parse::{find_data, parse_data};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let _ = parse_data(&text);
    for found in find_data(&text) {
        let slice = text
            .get(found.start..found.end)
            .expect("span on char boundaries");
        assert_eq!(parse_data(slice), Ok(found.value), "{text:?}");
    }
});
