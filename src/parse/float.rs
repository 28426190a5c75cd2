//! Decimal text → `f64` without the standard library's parser, whose tables (about 10 KB
//! that gzip cannot shrink) are the largest single piece of data in the wasm.
//!
//! Exact (the same value as `str::parse::<f64>`) for every number of up to 15 significant
//! digits within 10^±22 of its digits — all amounts a page shows or a user types — and for
//! any text of up to 17 digits whose value lies roughly between 10^-14 and 10^27 (exact
//! comparison in 128-bit integers) — so the shortest round-trip forms `Display` and
//! serde_json write for stored values read back exactly. Other texts come out within a few
//! units in the last place (at most 16, for values near the ends of the `f64` range).

use std::cmp::Ordering;

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one side of the
/// point). `None` for anything else, including `inf` and `NaN`.
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    // Significant digits (no leading zeros) and the power of ten of the last one.
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10: i64 = 0;
    let mut seen_digit = false;
    let mut i = 0;
    let mut in_fraction = false;
    while i < rest.len() {
        match rest[i] {
            b'0'..=b'9' => {
                seen_digit = true;
                if !(digits.is_empty() && rest[i] == b'0') {
                    digits.push(rest[i] - b'0');
                }
                if in_fraction {
                    exp10 -= 1;
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if i < rest.len() {
        if !matches!(rest[i], b'e' | b'E') {
            return None;
        }
        let exp = &rest[i + 1..];
        let (sign, exp) = match exp.first() {
            Some(b'-') => (-1, &exp[1..]),
            Some(b'+') => (1, &exp[1..]),
            _ => (1, exp),
        };
        if exp.is_empty() || !exp.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let e = exp
            .iter()
            .fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(100_000));
        exp10 += sign * e;
    }
    // Trailing zeros belong to the exponent.
    while digits.last() == Some(&0) {
        digits.pop();
        exp10 += 1;
    }
    let value = magnitude(&digits, exp10);
    Some(if negative { -value } else { value })
}

fn magnitude(digits: &[u8], exp10: i64) -> f64 {
    if digits.is_empty() {
        return 0.0;
    }
    // Past these the value is 0 or infinite whatever the digits.
    let top = exp10 + digits.len() as i64;
    if top < -400 {
        return 0.0;
    }
    if top > 400 {
        return f64::INFINITY;
    }
    let mantissa = digits
        .iter()
        .take(19)
        .fold(0u64, |m, d| m * 10 + u64::from(*d));
    let exp = exp10 + digits.len().saturating_sub(19) as i64;
    // Both exact in an f64: one rounding, the correctly rounded result.
    if digits.len() <= 19 && mantissa < 1 << 53 && exp.abs() <= 22 {
        let power = pow10(exp.unsigned_abs() as i32);
        return if exp < 0 {
            mantissa as f64 / power
        } else {
            mantissa as f64 * power
        };
    }
    let approx = scale(mantissa as f64, exp);
    if !approx.is_finite() || approx == 0.0 || digits.len() > 19 {
        return approx;
    }
    nearest(mantissa, exp, approx).unwrap_or(approx)
}

/// The float nearest `m × 10^k` (ties to even), found from `approx` (a few ulps off) by
/// exact comparisons with the midpoints between floats; `None` where the integers of the
/// comparison do not fit 128 bits (values far from 1, where `approx` is used).
fn nearest(m: u64, k: i64, approx: f64) -> Option<f64> {
    let mut c = approx;
    for _ in 0..16 {
        let up = f64::from_bits(c.to_bits() + 1);
        let down = f64::from_bits(c.to_bits().checked_sub(1)?);
        match vs_midpoint(m, k, c)? {
            Ordering::Greater => c = up,
            Ordering::Equal => return Some(if c.to_bits() % 2 == 0 { c } else { up }),
            Ordering::Less => match vs_midpoint(m, k, down)? {
                Ordering::Less => c = down,
                Ordering::Equal => return Some(if c.to_bits() % 2 == 0 { c } else { down }),
                Ordering::Greater => return Some(c),
            },
        }
    }
    None
}

/// `m × 10^k` against the midpoint between positive finite `c` and the next float up.
fn vs_midpoint(m: u64, k: i64, c: f64) -> Option<Ordering> {
    let bits = c.to_bits();
    let (biased, fraction) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    // c = mantissa × 2^e exactly.
    let (mantissa, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    // m × 10^k = m × 5^k × 2^k against the midpoint (2 mantissa + 1) × 2^(e − 1): the
    // fives go to one side as whole numbers, then the side with more twos is shifted by
    // the difference only (both sides are close in value, so they stay within 128 bits
    // for 17 significant digits from about 10^-14 to 10^27).
    let five = |n: i64| 5u128.checked_pow(u32::try_from(n).ok()?);
    let (left, right) = if k >= 0 {
        (
            u128::from(m).checked_mul(five(k)?)?,
            u128::from(2 * mantissa + 1),
        )
    } else {
        (
            u128::from(m),
            u128::from(2 * mantissa + 1).checked_mul(five(-k)?)?,
        )
    };
    let shift = |v: u128, by: i64| -> Option<u128> {
        let by = u32::try_from(by).ok()?;
        (by < v.leading_zeros()).then(|| v << by)
    };
    let d = k - (e - 1);
    let (left, right) = if d >= 0 {
        (shift(left, d)?, right)
    } else {
        (left, shift(right, -d)?)
    };
    Some(left.cmp(&right))
}

/// 10^n for 0 <= n <= 22, exactly.
fn pow10(n: i32) -> f64 {
    (0..n).fold(1.0, |p, _| p * 10.0)
}

/// `v × 10^exp`, a few roundings away from exact.
fn scale(v: f64, exp: i64) -> f64 {
    let mut v = v;
    let mut exp = exp;
    while exp > 0 {
        let step = exp.min(22);
        v *= pow10(step as i32);
        exp -= step;
    }
    while exp < 0 {
        let step = (-exp).min(22);
        // Below the smallest normal, divide in smaller steps (fewer roundings matter less
        // than not flushing to zero early).
        v /= pow10(step as i32);
        exp += step;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seventeen_digits_far_below_one_read_exactly() {
        // Found by the JSON proptest: was one unit in the last place off.
        for text in [
            "-2.6299157102413666e-7",
            "2.6299157102413666e-7",
            "9.999999999999999e-15",
            "1.2345678901234567e26",
        ] {
            assert_eq!(parse_f64(text), text.parse::<f64>().ok(), "{text}");
        }
    }

    #[test]
    fn reads_what_the_standard_parser_reads() {
        for text in [
            "0",
            "-0",
            "5120",
            "3502.08",
            "3,5",
            ".5",
            "5.",
            "+1.5",
            "1e3",
            "1E-7",
            "2.5e+2",
            "0.000001",
            "6144.000",
            "00012.50",
            "1e400",
            "1e-400",
            "0.1",
            "0.30000000000000004",
            "9007199254740993",
            "4361577196583.2812",
            "1795700000000.5",
            "",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.2.3",
            "inf",
            "NaN",
            "1 2",
            "0x10",
            "--1",
        ] {
            // `inf` and `NaN` are words, not numbers, here.
            let word = text
                .bytes()
                .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E');
            let std = text.parse::<f64>().ok().filter(|_| !word);
            assert_eq!(
                parse_f64(text).map(f64::to_bits),
                std.map(f64::to_bits),
                "{text:?}"
            );
        }
        // Long texts and values far from 1: within a few ulps.
        for text in [
            "123456789012345678901234",
            "1.7976931348623157e308",
            "5e-324",
            "2.2250738585072014e-308",
        ] {
            let (a, b) = (parse_f64(text).unwrap(), text.parse::<f64>().unwrap());
            assert!(a.to_bits().abs_diff(b.to_bits()) <= 16, "{text}: {a} {b}");
        }
    }

    proptest! {
        #[test]
        fn shortest_forms_read_back_exactly(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            prop_assume!(v.is_finite());
            let exact = (1e-5..1e20).contains(&v.abs());
            if !exact {
                let back = parse_f64(&v.to_string()).unwrap();
                prop_assert!(back.to_bits().abs_diff(v.to_bits()) <= 16, "{} {}", v, back);
                return Ok(());
            }
            prop_assert_eq!(parse_f64(&v.to_string()).map(f64::to_bits), Some(v.to_bits()));
            prop_assert_eq!(parse_f64(&format!("{v:e}")).map(f64::to_bits), Some(v.to_bits()));
            let json = serde_json::to_string(&v).unwrap();
            prop_assert_eq!(parse_f64(&json).map(f64::to_bits), Some(v.to_bits()));
        }

        #[test]
        fn short_decimals_are_exact(int in 0u64..1_000_000_000, frac in 0u64..1_000_000, places in 0usize..7) {
            let text = format!("{int}.{frac:0places$}");
            prop_assert_eq!(parse_f64(&text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits));
        }

        #[test]
        fn any_text_is_read_without_panic(text in "[-+0-9.eE]{0,30}") {
            let ours = parse_f64(&text);
            let std = text.parse::<f64>().ok();
            prop_assert_eq!(ours.is_some(), std.is_some(), "{}", text);
            if let (Some(a), Some(b)) = (ours, std) {
                // Exact, or within a few ulps for long texts and values far from 1.
                prop_assert!(a.to_bits().abs_diff(b.to_bits()) <= 16, "{} {} {}", text, a, b);
            }
        }
    }
}

#[cfg(test)]
mod stored_values {
    use super::parse_f64;
    use proptest::prelude::*;

    proptest! {
        /// The values a history holds (times in ms, MB with fractions) read back exactly
        /// from either writer.
        #[test]
        fn times_and_amounts_read_back_exactly(v in prop_oneof![1e9f64..1e13, 0.001f64..1e7]) {
            for text in [v.to_string(), serde_json::to_string(&v).unwrap()] {
                prop_assert_eq!(parse_f64(&text).map(f64::to_bits), Some(v.to_bits()), "{}", text);
            }
        }
    }
}
