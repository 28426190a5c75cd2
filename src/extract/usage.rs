//! Small text and number helpers for data buckets.

use crate::parse::DataReading;
use std::borrow::Cow;

/// The text the data parser reads for a row: element joins as `|`, and on a
/// decimal-comma page thousands dots as commas. Same length as `text`.
pub(super) fn data_text<'t>(text: &'t str, joins: &[usize], decimal_comma: bool) -> Cow<'t, str> {
    let base = if decimal_comma {
        thousands_dots_to_commas(text)
    } else {
        Cow::Borrowed(text)
    };
    if joins.is_empty() {
        return base;
    }
    // Characters, not bytes: `String::from_utf8`'s check costs the wasm 0.6 KB.
    let mut out = String::with_capacity(base.len());
    for (i, c) in base.char_indices() {
        out.push(if c == ' ' && joins.contains(&i) {
            '|'
        } else {
            c
        });
    }
    Cow::Owned(out)
}
use crate::snapshot::DataUsage;

/// `2.048 MB` → `2,048 MB` (same length): on a decimal-comma page a dot before exactly
/// three digits groups thousands. `1.234,56` and dates (`30.12.2026`) are left alone.
pub(super) fn thousands_dots_to_commas(text: &str) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let mut dots: Vec<usize> = Vec::new();
    for i in 1..b.len() {
        if b.get(i) != Some(&b'.') || !b.get(i - 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let group = b
            .get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit));
        let after = b.get(i + 4).copied();
        let ends = match after {
            None => true,
            Some(c) if c.is_ascii_digit() => false,
            Some(b',') => !b.get(i + 5).is_some_and(u8::is_ascii_digit),
            Some(_) => true,
        };
        if group && ends {
            dots.push(i);
        }
    }
    if dots.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        out.push(if dots.contains(&i) { ',' } else { c });
    }
    std::borrow::Cow::Owned(out)
}

/// True when the amount at `start` follows a price and a slash (`10元/5GB`, `$10/5GB`).
pub(super) fn is_price_per_amount(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start).map(str::trim_end) else {
        return false;
    };
    let Some(before) = before.strip_suffix('/') else {
        return false;
    };
    let tail: String = before.trim_end().chars().rev().take(10).collect();
    super::starts_with_any(&tail, "元円")
        || (tail.chars().next().is_some_and(|c| c.is_ascii_digit())
            && crate::parse::text::has_any(&tail, "$€£¥￥"))
}

/// True when the amount ending at `end` is followed by its price (`1GB — $10`, `3GB for
/// $20`, `2GB 10元`): an offer of data, not usage.
pub(super) fn is_amount_for_price(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let rest = crate::parse::text::trim_start_where(rest, |c| {
        c.is_whitespace() || matches!(c, '—' | '–' | '-' | ':' | '·' | '=' | '|')
    });
    let rest = rest.strip_prefix("for ").unwrap_or(rest);
    let after_number =
        crate::parse::text::trim_start_where(rest, |c| c.is_ascii_digit() || c == '.');
    super::starts_with_any(rest, "$€£¥￥")
        || (after_number.len() < rest.len() && after_number.trim_start().starts_with('元'))
}

/// Display width: CJK and other wide characters count twice.
pub(super) fn width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Merges a reading into a bucket; `role` (0 remaining, 1 used, 2 total) places a bare
/// amount. Returns the names of the fields it filled.
pub(super) fn merge_reading(
    t: &mut DataUsage,
    d: &DataReading,
    role: Option<usize>,
) -> Vec<&'static str> {
    let mut filled = Vec::new();
    let mut set = |slot: &mut Option<f64>, v: Option<f64>, name: &'static str| {
        if let Some(v) = v {
            if slot.is_none() && v.is_finite() && v >= 0.0 {
                *slot = Some(v);
                filled.push(name);
            }
        }
    };
    set(&mut t.remaining_mb, d.remaining_mb, "remaining_mb");
    set(&mut t.used_mb, d.used_mb, "used_mb");
    set(&mut t.total_mb, d.total_mb, "total_mb");
    match role {
        Some(0) => set(&mut t.remaining_mb, d.amount_mb, "remaining_mb"),
        Some(1) => set(&mut t.used_mb, d.amount_mb, "used_mb"),
        Some(2) => set(&mut t.total_mb, d.amount_mb, "total_mb"),
        _ => {}
    }
    if d.unlimited && !t.unlimited {
        t.unlimited = true;
        filled.push("unlimited");
    }
    filled
}

/// Completes a bucket: the third of remaining / used / total from the other two;
/// unlimited buckets have no remaining or total.
pub(super) fn finish_usage(mut u: DataUsage) -> DataUsage {
    if u.unlimited {
        u.remaining_mb = None;
        u.total_mb = None;
    } else {
        match (u.remaining_mb, u.used_mb, u.total_mb) {
            (Some(r), Some(us), None) => u.total_mb = Some(r + us),
            (None, Some(us), Some(t)) if t >= us => u.remaining_mb = Some(t - us),
            (Some(r), None, Some(t)) if t >= r => u.used_mb = Some(t - r),
            _ => {}
        }
    }
    u.remaining_mb = u.remaining_mb.map(round2);
    u.used_mb = u.used_mb.map(round2);
    u.total_mb = u.total_mb.map(round2);
    u
}
