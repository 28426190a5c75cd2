//! Phone numbers that name a line: masked (`(•••) •••-4821`, `***-***-4821`,
//! `xxx-xxx-4821`, `...4821`, `138****1234`, `ending in 4821`) or, next to a line label,
//! in full. Only the last four digits are ever kept.

use crate::parse::text::{is_alnum, is_alpha};

/// How sure a find is that it is a phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Only four digits after an ellipsis / `ending in`: could be a card or account.
    Weak,
    /// A full unmasked number: a phone only next to a line label.
    Plain,
    /// A phone-shaped mask.
    Strong,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneFind {
    pub start: usize,
    pub end: usize,
    pub last4: String,
    pub strength: Strength,
    /// A US toll-free number (800, 833, 844, 855, 866, 877, 888): a support or sales
    /// line, never the number of a mobile line.
    pub toll_free: bool,
    /// A full number in another country's shape (`0176 12345678`, `+44 7700 900123`):
    /// a line's only next to a line label.
    pub intl: bool,
}

fn is_mask(c: char) -> bool {
    matches!(
        c,
        '•' | '●' | '*' | '＊' | '∗' | '◦' | '○' | 'x' | 'X' | '×' | '#'
    )
}

/// Words right before four digits that say they end a number (lower case).
const ENDING_BEFORE: &str = "ending in|ending|ends in|尾号|尾号为|尾號|尾號為|结尾为|结尾是|結尾為|末四码|末四碼|后四位|後四位|末尾|下4桁|termina en|terminación|terminada en|terminado en|terminada em|terminando em|terminant par|termina con|endet auf|endend auf|endet mit";

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '-' | '(' | ')' | '.' | '‑' | '–' | '\u{a0}')
}

/// Finds phone numbers in `text`.
pub fn find_phones(text: &str) -> Vec<PhoneFind> {
    let mut out = Vec::new();
    // Cheap test first: four digits in a row somewhere, nine in all (`912 345 678`), or
    // four and a mask (`+41 79 *** 58 20`).
    let (mut run, mut all) = (0, 0);
    let many = text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        all += usize::from(b.is_ascii_digit());
        run >= 4 || all >= 9
    });
    if !many && (all < 4 || !text.chars().any(is_mask)) {
        return out;
    }
    // A middle dot reads as a full stop: `·· 5830` is an ellipsis like `.. 5830`.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(text.len());
    for (b, c) in text.char_indices() {
        chars.push((b, if c == '·' { '.' } else { c }));
    }
    let mut i = 0;
    while i < chars.len() {
        let Some(&(_, c)) = chars.get(i) else { break };
        if !(c.is_ascii_digit() || is_mask(c) || c == '(' || c == '+' || c == '.' || c == '…') {
            i += 1;
            continue;
        }
        // The `x` that ends a word (`Alex (555) 010-2231`) is no mask.
        if matches!(c, 'x' | 'X')
            && i.checked_sub(1)
                .and_then(|p| chars.get(p))
                .is_some_and(|&(_, b)| is_alnum(b))
        {
            i += 1;
            continue;
        }
        // Digits inside a word (`Galaxy S24 (•••) •••-1201`) start no number.
        if c.is_ascii_digit()
            && i.checked_sub(1)
                .and_then(|p| chars.get(p))
                .is_some_and(|&(_, b)| b.is_ascii_alphabetic())
        {
            while chars.get(i).is_some_and(|&(_, c)| c.is_ascii_digit()) {
                i += 1;
            }
            continue;
        }
        // A candidate token: digits, masks and separators.
        let mut j = i;
        while let Some(&(_, c)) = chars.get(j) {
            if c.is_ascii_digit() || is_mask(c) || is_sep(c) || c == '…' || c == '+' {
                j += 1;
            } else {
                break;
            }
        }
        // Trim trailing separators.
        let mut e = j;
        while e > i && chars.get(e - 1).is_some_and(|&(_, c)| is_sep(c)) {
            e -= 1;
        }
        // A short figure ending a name (`Alex's Pixel 9 (•••) •••-0174`, `iPhone 16
        // 555-010-2231`) is not the number's: it starts after that figure when the rest
        // reads as a number.
        let mut start = i;
        let after_word = i
            .checked_sub(2)
            .and_then(|p| chars.get(p..i))
            .is_some_and(|w| w[1].1 == ' ' && is_alnum(w[0].1));
        let group = chars
            .get(i..e)
            .map_or(0, |t| t.iter().take_while(|c| c.1.is_ascii_digit()).count());
        if after_word
            && (1..=3).contains(&group)
            && chars.get(i + group).is_some_and(|c| c.1 == ' ')
            && classify(&chars, i + group + 1, e, text).is_some()
        {
            start = i + group + 1;
        }
        // A number followed by a figure (`(555) 010-2231 3.2 GB`) is read without it: the
        // token is cut back at its last spaces until it reads as a number.
        let mut next = j.max(i + 1);
        for _ in 0..3 {
            if let Some(found) = classify(&chars, start, e, text) {
                out.push(found);
                next = next.min(e.max(i + 1));
                break;
            }
            let Some(cut) = (start + 1..e).rev().find(|&k| {
                chars
                    .get(k)
                    .is_some_and(|&(_, c)| c == ' ' || c == '\u{a0}')
            }) else {
                break;
            };
            e = cut;
            while e > start && chars.get(e - 1).is_some_and(|&(_, c)| is_sep(c)) {
                e -= 1;
            }
        }
        i = next;
    }
    out
}

fn classify(chars: &[(usize, char)], start: usize, end: usize, text: &str) -> Option<PhoneFind> {
    let span = chars.get(start..end)?;
    // (Counted on the span: most tokens end here, without the copies below.)
    let token_chars = || span.iter().map(|&(_, c)| c);
    // The token must end in digits; the last four are the line's. A whole number may end
    // in a shorter group (`0912-345-678`, `612 34 56 78`, `06 12 34 56 78`).
    let trailing_digits = token_chars().rev().take_while(char::is_ascii_digit).count();
    let digit_count = token_chars().filter(char::is_ascii_digit).count();
    let masks = token_chars().filter(|c| is_mask(*c)).count();
    let whole = masks == 0 && digit_count >= 9 && trailing_digits >= 2;
    // `+41 79 *** 58 20`, `6** *82 147`: the digits after the mask may be written in groups.
    let after_mask = token_chars()
        .rev()
        .take_while(|c| !is_mask(*c))
        .filter(char::is_ascii_digit)
        .count();
    // (More than four only after a mask of a phone's length: `*611 · 800` is a code
    // and a number; and in digit groups only: `(•••) •••-0388 3.05 GB` is a number and
    // a figure.)
    let groups_only = || {
        token_chars()
            .rev()
            .take_while(|c| !is_mask(*c))
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '\u{a0}')
    };
    let grouped = masks > 0
        && trailing_digits >= 2
        && (after_mask == 4 || (after_mask > 4 && masks >= 3 && groups_only()));
    if trailing_digits < 4 && !whole && !grouped {
        return None;
    }
    let mut token: Vec<char> = Vec::with_capacity(span.len());
    let mut digits = String::new();
    for c in token_chars() {
        token.push(c);
        if c.is_ascii_digit() {
            digits.push(c);
        }
    }
    let ellipsis = token.contains(&'…') || token.windows(2).any(|w| w == ['.', '.']);
    // (ASCII digits only: the last four characters are the last four bytes.)
    let last4 = String::from(digits.get(digits.len().saturating_sub(4)..).unwrap_or(""));
    let byte_start = chars.get(start).map(|&(b, _)| b)?;
    let byte_end = chars.get(end).map_or(text.len(), |&(b, _)| b);
    // Cut leading separators/garbage off the reported span.
    let area = digits
        .strip_prefix('1')
        .filter(|d| d.len() == 10)
        .unwrap_or(&digits);
    let toll_free = digits.len() >= 10
        && area
            .get(..3)
            .is_some_and(|a| super::names::in_list("800 833 844 855 866 877 888", a));
    let make = |strength| PhoneFind {
        start: byte_start,
        end: byte_end,
        last4: last4.clone(),
        strength,
        toll_free,
        intl: false,
    };
    // The character right after must not continue a number (`4821.50`) or a word
    // (Chinese is written without spaces: `156****0821已欠费` ends at the `1`).
    if let Some(&(_, next)) = chars.get(end) {
        if next.is_ascii_digit() || (is_alpha(next) && !crate::parse::text::is_cjk(next)) {
            return None;
        }
    }
    if masks > 0 {
        if trailing_digits != 4 && !grouped {
            return None;
        }
        // `Dial *3282`, `#3282`: a dial code, not a masked number.
        if masks == 1 && digits.len() == 4 && matches!(token.first(), Some('*' | '#')) {
            return None;
        }
        // Phone numbers have 8 (Hong Kong) to 13 (with a country code) digits; card
        // masks have 16. Eight could be a card's `•••• 4242`: weak. Two masks hide a
        // number shown mostly (`0912-**5-631`, `+853 66** 1854`).
        let total = digits.len() + masks;
        return match total {
            9..=13 if masks >= 3 || (masks == 2 && digits.len() >= 7) => {
                Some(make(Strength::Strong))
            }
            5..=8 => Some(make(Strength::Weak)),
            _ => None,
        };
    }
    if ellipsis && digits.len() == 4 {
        return Some(make(Strength::Weak));
    }
    // `ending in 4821`, `尾号：4821`, and the words after the number (`以 4821 结尾`, as
    // Chrome translates "ending in 4821" to Chinese).
    if digits.len() == 4 && trailing_digits == 4 {
        let before = crate::parse::text::lowercase(crate::parse::text::trim_end_where(
            text.get(..byte_start).unwrap_or(""),
            |c| c == ' ' || c == ':' || c == '：' || c == '\u{a0}',
        ));
        let after = text.get(byte_end..).unwrap_or("").trim_start();
        if crate::parse::text::split_byte(ENDING_BEFORE, b'|').any(|w| before.ends_with(w))
            || crate::parse::text::split_byte("结尾 結尾 で終", b' ').any(|w| after.starts_with(w))
        {
            return Some(make(Strength::Weak));
        }
        return None;
    }
    // Full numbers: US 10 digits (optionally 1 first), CN 11 digits starting with 1.
    let us_full = (digits.len() == 10 || (digits.len() == 11 && digits.starts_with('1')))
        && token.iter().any(|c| is_sep(*c))
        && trailing_digits >= 3;
    let cn_full =
        digits.len() == 11 && digits.starts_with('1') && token.iter().all(|c| c.is_ascii_digit());
    if us_full || cn_full {
        return Some(make(Strength::Plain));
    }
    // Other countries: a leading `+` (country code) or `0` (trunk prefix), 9 to 13 digits,
    // written with separators.
    let lead = token.first().copied();
    // Hong Kong and Singapore: eight digits in two groups of four (`9123 4567`).
    let eight = digits.len() == 8
        && token.len() == 9
        && !super::starts_with_any(&digits, "01")
        && token
            .get(4)
            .is_some_and(|c| *c == ' ' || *c == '-' || *c == '\u{a0}');
    // Spain: nine digits from 6, 7, 8 or 9, written `612 34 56 78` or `612 345 678`.
    let mut groups: Vec<usize> = Vec::new();
    for g in token.split(|c| *c == ' ' || *c == '\u{a0}') {
        groups.push(g.len());
    }
    let nine = digits.len() == 9
        && super::starts_with_any(&digits, "6789")
        && token
            .iter()
            .all(|c| c.is_ascii_digit() || *c == ' ' || *c == '\u{a0}')
        && (groups == [3, 2, 2, 2] || groups == [3, 3, 3]);
    let intl = ((lead == Some('+') || (lead == Some('0') && digits.starts_with('0')))
        && (9..=13).contains(&digits.len())
        && token.iter().any(|c| is_sep(*c))
        // Dots make dates and times (`01.12.2026 10:00`).
        && !token.contains(&'.'))
        || eight
        || nine;
    if intl {
        return Some(PhoneFind {
            intl: true,
            ..make(Strength::Plain)
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<(String, Strength)> {
        let f = find_phones(text);
        f.first().map(|p| (p.last4.clone(), p.strength))
    }

    #[test]
    fn masks() {
        // A masked number and a figure after it in one row (r28c google-fi-es-grafico
        // after stop 29's digit groups): the figure's digits are not the number's.
        for t in [
            "(•••) •••-0388 3.05 GB",
            "(•••) •••-0388 3,05 GB",
            "•••-0388 · 3.05",
        ] {
            assert_eq!(one(t).map(|p| p.0).as_deref(), Some("0388"), "{t}");
        }
        // The digits after the mask in groups (`6** *82 147`, Spain's nine digits).
        for t in ["6** *82 147", "+34 6** *82 147", "7** **3 410"] {
            let l4 = one(t).map(|p| p.0);
            assert!(
                l4.as_deref()
                    .is_some_and(|d| d.len() == 4 && t.ends_with(&d[1..])),
                "{t}"
            );
        }
        assert_eq!(
            one("(•••) •••-4821"),
            Some(("4821".into(), Strength::Strong))
        );
        assert_eq!(
            one("Line ***-***-4821 active"),
            Some(("4821".into(), Strength::Strong))
        );
        assert_eq!(one("xxx-xxx-4821"), Some(("4821".into(), Strength::Strong)));
        assert_eq!(one("138****1234"), Some(("1234".into(), Strength::Strong)));
        assert_eq!(
            one("+41 76 *** 12 34"),
            Some(("1234".into(), Strength::Strong))
        );
        assert_eq!(one("...4821"), Some(("4821".into(), Strength::Weak)));
        assert_eq!(one("…4821"), Some(("4821".into(), Strength::Weak)));
        assert_eq!(
            one("Phone number ending in 4821"),
            Some(("4821".into(), Strength::Weak))
        );
        assert_eq!(
            one("(206) 555-0142"),
            Some(("0142".into(), Strength::Plain))
        );
        assert_eq!(one("13812345678"), Some(("5678".into(), Strength::Plain)));
        // A dial code is no masked number; two marks are a mask.
        assert_eq!(one("Dial *3282 to hear your usage"), None);
        assert_eq!(one("Dial #3282 (#DATA)"), None);
        assert_eq!(one("**4821"), Some(("4821".into(), Strength::Weak)));
        // Two masks in a number shown mostly (Taiwan, Macau, Hong Kong).
        assert_eq!(one("0912-**5-631"), Some(("5631".into(), Strength::Strong)));
        assert_eq!(
            one("+853 66** 1854"),
            Some(("1854".into(), Strength::Strong))
        );
        assert_eq!(one("9**8 7654"), Some(("7654".into(), Strength::Weak)));
    }

    #[test]
    fn toll_free_numbers_are_marked() {
        let toll = |text: &str| find_phones(text).first().map(|p| p.toll_free);
        assert_eq!(toll("Call 1-800-937-8997"), Some(true));
        assert_eq!(toll("(877) 555-0100"), Some(true));
        assert_eq!(toll("(206) 555-0142"), Some(false));
        assert_eq!(toll("1 (555) 800-0142"), Some(false));
        assert_eq!(toll("13812345678"), Some(false));
    }

    #[test]
    fn other_countries_full_numbers() {
        let intl = |text: &str| find_phones(text).first().map(|p| (p.last4.clone(), p.intl));
        assert_eq!(intl("0176 12345678"), Some(("5678".into(), true)));
        assert_eq!(intl("+44 7700 900123"), Some(("0123".into(), true)));
        assert_eq!(intl("+49 176 1234 5678"), Some(("5678".into(), true)));
        assert_eq!(intl("(206) 555-0142"), Some(("0142".into(), false)));
        // Not phones: too short, too long, no separator.
        assert_eq!(intl("0176 1234"), None);
        // Hong Kong: eight digits, only beside a line label (intl).
        assert_eq!(intl("9123 4567"), Some(("4567".into(), true)));
        assert_eq!(intl("9123-4567"), Some(("4567".into(), true)));
        assert_eq!(intl("91234567"), None);
        // A figure after the number.
        assert_eq!(intl("(555) 010-2231 3.2 GB"), Some(("2231".into(), false)));
        assert_eq!(
            intl("138 1234 5678 20 GB").map(|p| p.0),
            Some("5678".into())
        );
        // A figure ending a device's name is not the number's.
        let at = |text: &str| {
            find_phones(text)
                .first()
                .map(|p| (p.start, p.last4.clone()))
        };
        assert_eq!(
            at("Kim's Galaxy 7 (•••) •••-3390"),
            Some((15, "3390".into()))
        );
        assert_eq!(at("iPad 12 555-010-2231"), Some((8, "2231".into())));
        assert_eq!(at("Call 1 800 937 8997"), Some((7, "8997".into())));
        assert_eq!(at("1 (555) 010-2231"), Some((0, "2231".into())));
        assert_eq!(at("Galaxy S24 (•••) •••-1201"), Some((11, "1201".into())));
        // A name ending in x before a number.
        assert_eq!(intl("Alex (555) 010-2231"), Some(("2231".into(), false)));
        assert_eq!(intl("Max 555-010-2231"), Some(("2231".into(), false)));
        assert_eq!(intl("xxx-xxx-4821").map(|p| p.0), Some("4821".into()));
        // Taiwan: the last group has three digits.
        assert_eq!(intl("0912-345-678"), Some(("5678".into(), false)));
        assert_eq!(intl("+886 912 345 678"), Some(("5678".into(), true)));
        assert_eq!(intl("***-***-678"), None);
        assert_eq!(intl("01761234567890123"), None);
        assert_eq!(intl("gültig bis 01.12.2026 10:00"), None);
        // Spain: nine digits in 3-2-2-2 or 3-3-3 groups, only beside a line label.
        assert_eq!(intl("612 34 56 78"), Some(("5678".into(), true)));
        assert_eq!(intl("712 345 678"), Some(("5678".into(), true)));
        assert_eq!(intl("512 345 678"), None);
        assert_eq!(intl("612 3456 78"), None);
        // France: ten digits in pairs, with the trunk 0 or the country code.
        assert_eq!(intl("06 12 34 56 78"), Some(("5678".into(), true)));
        assert_eq!(intl("+33 6 12 34 56 78"), Some(("5678".into(), true)));
    }

    #[test]
    fn chinese_text_right_after_a_number_ends_it() {
        assert_eq!(
            one("156****0821已欠费"),
            Some(("0821".into(), Strength::Strong))
        );
        assert_eq!(
            one("138****6621全球通"),
            Some(("6621".into(), Strength::Strong))
        );
        assert_eq!(one("138****6621abc"), None);
    }

    #[test]
    fn four_digits_with_ending_words_before_or_after() {
        for text in [
            "以 5093 结尾的线路",
            "以5093結尾的線路",
            "尾号：5093",
            "末四碼 5093",
            "后四位 5093",
            "Ligne se terminant par 5093",
            "Linha terminada em 5093",
            "Rufnummer endet mit 5093",
            "5093 で終わる回線",
        ] {
            assert_eq!(one(text), Some(("5093".into(), Strength::Weak)), "{text}");
        }
        assert_eq!(one("以 5093 元结算"), None);
        assert_eq!(one("编号 5093"), None);
    }

    #[test]
    fn not_phones() {
        assert_eq!(one("**** **** **** 4242"), None);
        assert_eq!(one("$12.34"), None);
        assert_eq!(one("12/14/2026"), None);
        assert_eq!(one("2,874 MB"), None);
        assert_eq!(one("Member since 2014"), None);
        assert_eq!(one("Dial #BAL# or #225#"), None);
        assert_eq!(one("20.5GB"), None);
    }
}
