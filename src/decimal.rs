//! Floats as decimal text without `core::fmt`, whose float formatting (`Display` with its
//! Grisu and Dragon fallbacks) is some 12 KB of wasm. [`fixed`] is `format!("{v:.N}")`,
//! [`shortest`] is `v.to_string()` (but for exact ties in the last digit, see there).
//! [`fixed`] gives the same text as `core::fmt` for every value whose scaled form
//! (`v × 10^N`) is below 2^64 (exact integer arithmetic, ties to even like `core::fmt`);
//! larger values, which LineKeeper never formats, are written in their shortest
//! round-trip form.

/// `format!("{v:.decimals$}")` for `decimals` ≤ 6.
pub fn fixed(v: f64, decimals: u32) -> String {
    let mut out = String::new();
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let a = v.abs();
    if a.is_infinite() {
        out.push_str("inf");
        return out;
    }
    if a >= 18_446_744_073_709_551_616.0 || decimals > 6 {
        out.push_str(&shortest(a));
        return out;
    }
    // a = m × 2^e exactly; scaled = a × 10^decimals, rounded half to even.
    let bits = a.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let n = u128::from(m) * 10u128.pow(decimals);
    let scaled: u128 = if e >= 0 {
        n << e
    } else {
        let shift = (-e) as u32;
        if shift >= 120 {
            0
        } else {
            let q = n >> shift;
            let rem = n & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            if rem > half || (rem == half && q & 1 == 1) {
                q + 1
            } else {
                q
            }
        }
    };
    // Printed as a u64 (no 128-bit division in the wasm); a larger scaled value (a ≥ 2^64
    // / 10^decimals) falls back to the shortest form.
    let Ok(scaled) = u64::try_from(scaled) else {
        out.push_str(&shortest(a));
        return out;
    };
    let mut digits = scaled.to_string_radix10();
    let d = decimals as usize;
    if d > 0 {
        while digits.len() <= d {
            digits.insert(0, '0');
        }
        digits.insert(digits.len() - d, '.');
    }
    out.push_str(&digits);
    out
}

trait Radix10 {
    fn to_string_radix10(self) -> String;
}

impl Radix10 for u64 {
    fn to_string_radix10(mut self) -> String {
        let mut buf = Vec::new();
        loop {
            buf.push(b'0' + (self % 10) as u8);
            self /= 10;
            if self == 0 {
                break;
            }
        }
        buf.iter().rev().map(|b| char::from(*b)).collect()
    }
}

/// `v.to_string()`: the shortest text that reads back as `v`, without an exponent. (Where
/// `v` lies exactly halfway between two shortest forms, the last digit is the even one;
/// `core::fmt` rounds it up.)
pub fn shortest(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf" } else { "inf" }.into();
    }
    let text = zmij::Buffer::new().format_finite(v).to_string();
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    // (`e` and `E` are ASCII: both cuts are character boundaries.)
    let (mantissa, exp10) = match crate::parse::text::find_any(text, "eE") {
        Some(i) => (
            text.get(..i).unwrap_or(text),
            crate::parse::text::parse_signed::<i32>(text.get(i + 1..).unwrap_or("")).unwrap_or(0),
        ),
        None => (text, 0),
    };
    let (int, frac) = crate::parse::text::split_once(mantissa, ".").unwrap_or((mantissa, ""));
    // value = 0.<digits> × 10^point
    let mut digits: String = [int, frac].concat();
    let mut point = int.len() as i32 + exp10;
    while digits.len() > 1 && digits.starts_with('0') {
        digits.remove(0);
        point -= 1;
    }
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if digits == "0" {
        out.push('0');
        return out;
    }
    if point <= 0 {
        out.push_str("0.");
        for _ in 0..-point {
            out.push('0');
        }
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        for _ in digits.len()..point as usize {
            out.push('0');
        }
    } else {
        let (a, b) = digits.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        for (v, d) in [
            (0.25, 1),
            (0.35, 1),
            (0.5, 0),
            (1.5, 0),
            (2.5, 0),
            (-0.01, 1),
            (-0.0, 0),
            (3502.08 / 1024.0, 1),
            (1e-300, 2),
            (5e-324, 0),
            (1_795_700_000_123.0, 0),
            (9.95, 1),
            (f64::INFINITY, 1),
            (f64::NEG_INFINITY, 0),
        ] {
            assert_eq!(fixed(v, d), format!("{v:.*}", d as usize), "{v} {d}");
        }
        assert_eq!(fixed(f64::NAN, 1), format!("{:.1}", f64::NAN));
        for v in [
            0.0, -0.0, 1.0, 5.0, 0.5, 1e21, 1e-7, 123.456, -2.5e-5, 1e15, 3.0e16,
        ] {
            assert_eq!(shortest(v), v.to_string(), "{v}");
        }
    }

    proptest! {
        #[test]
        fn fixed_is_core_fmt(v in -1e15f64..1e15, d in 0u32..4) {
            prop_assert_eq!(fixed(v, d), format!("{v:.*}", d as usize));
        }

        #[test]
        fn fixed_is_core_fmt_for_any_small_value(bits in any::<u64>(), d in 0u32..4) {
            let v = f64::from_bits(bits);
            prop_assume!(v.is_finite() && v.abs() < 1.8e19 / 10f64.powi(d as i32));
            prop_assert_eq!(fixed(v, d), format!("{v:.*}", d as usize));
        }

        #[test]
        fn shortest_is_display(v in any::<f64>()) {
            // The same digits, except where the value lies exactly halfway between two
            // shortest forms: zmij rounds the last digit to even, core::fmt up.
            let ours = shortest(v);
            let theirs = v.to_string();
            prop_assert_eq!(ours.len(), theirs.len(), "{} vs {}", ours, theirs);
            if v.is_finite() {
                prop_assert_eq!(ours.parse::<f64>().ok(), Some(v));
            }
            prop_assert!(ours == theirs || ours[..ours.len() - 1] == theirs[..theirs.len() - 1]);
        }
    }
}
