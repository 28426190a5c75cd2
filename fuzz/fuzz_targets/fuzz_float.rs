//! Decimal parser (`parse::float::parse_f64`, used instead of `str::parse::<f64>` in the
//! wasm): never panics; accepts exactly the numbers the standard parser accepts (words such
//! as `inf` aside) and reads them to the same value within 16 units in the last place,
//! exactly for up to 15 significant digits and for shortest forms of values near 1.
#![no_main]
use libfuzzer_sys::fuzz_target;
use linekeeper::parse::float::parse_f64;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let ours = parse_f64(&text);
    let word = text
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E');
    let std = text.parse::<f64>().ok().filter(|_| !word);
    assert_eq!(ours.is_some(), std.is_some(), "{text:?}");
    if let (Some(a), Some(b)) = (ours, std) {
        assert!(a.to_bits().abs_diff(b.to_bits()) <= 16, "{text:?}: {a} {b}");
        let digits = text.bytes().filter(u8::is_ascii_digit).count();
        if digits <= 15 && !text.contains(['e', 'E']) {
            assert_eq!(a.to_bits(), b.to_bits(), "{text:?}");
        }
    }
    // A value's shortest form reads back exactly near 1.
    if let Some(v) = std.filter(|v| (1e-5..1e20).contains(&v.abs())) {
        assert_eq!(parse_f64(&v.to_string()).map(f64::to_bits), Some(v.to_bits()));
    }
});
