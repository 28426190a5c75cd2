//! Text normalisation and the small lexer the parsers share.
//!
//! [`normalize`] is the public face: it strips invisible marks, maps fullwidth ASCII to
//! ASCII and folds white space. The parsers work on a [`Lexed`] text: the normalised
//! string, a map from each of its bytes back to the original text (so spans can be
//! reported in the caller's text), and a list of tokens.

use super::{Found, ParseError};

/// Zero-width, bidi and soft-hyphen marks that carry no visible text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
    )
}

/// Fullwidth ASCII → ASCII, ideographic space → space.
fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Walks `text` and calls `emit(char, original_start, original_end)` for every character
/// of the normalised text.
fn walk(text: &str, mut emit: impl FnMut(char, usize, usize)) {
    let mut pending: Option<(usize, usize)> = None;
    let mut any = false;
    for (pos, raw) in text.char_indices() {
        if is_invisible(raw) {
            continue;
        }
        let end = pos + raw.len_utf8();
        let c = fold_char(raw);
        if c.is_whitespace() {
            if any {
                // The run's whole original range: `Lexed` tells one no-break or thin space
                // (a digit-group separator) from any other run.
                pending = Some(pending.map_or((pos, end), |(s, _)| (s, end)));
            }
            continue;
        }
        if let Some((s, e)) = pending.take() {
            emit(' ', s, e);
        }
        emit(c, pos, end);
        any = true;
    }
}

/// Removes invisible formatting marks (zero-width, bidi controls, soft hyphen), maps
/// fullwidth ASCII (U+FF01–U+FF5E) to ASCII and U+3000 to a space, folds every run of
/// white space (including U+00A0, U+2009, U+202F) to one space, and trims.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    walk(text, |c, _, _| out.push(c));
    out
}

/// Full-width figures as ASCII, for the extractor's row text: digits and Latin letters
/// (`３．５ＧＢ`) always; `．` `，` `／` `－` `：` only between digits (a CJK comma or colon
/// elsewhere is punctuation of the sentence, not of a number); `％` after a digit; `＄` before
/// one. Every other character is kept, so CJK labels and their punctuation are unchanged.
pub fn fold_figures(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| ('\u{FF01}'..='\u{FF5E}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        chars.push(c);
    }
    let digit = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| fold_char(*c).is_ascii_digit())
    };
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let folded = fold_char(c);
        let before = digit(i.checked_sub(1));
        let after = digit(Some(i + 1));
        let keep_ascii = match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => true,
            '．' | '，' | '／' | '－' | '：' => before && after,
            '％' => before,
            '＄' => after,
            _ => false,
        };
        out.push(if keep_ascii { folded } else { c });
    }
    std::borrow::Cow::Owned(out)
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A run of ASCII digits.
    Digits,
    /// A run of letters (Latin and other alphabetic scripts, not CJK).
    Word,
    /// One CJK character (Han, kana, Hangul): each is its own token.
    Cjk,
    /// Any other single character.
    Sym(char),
}

/// A token: byte range in the normalised text, and whether a space precedes it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub space: bool,
    /// The space before it was one no-break, narrow no-break, thin or figure space: the
    /// digit-group separator of `1 024 MB` (an ordinary space is not: it also stands
    /// between a count and an amount, or between two cells' texts).
    pub group_space: bool,
}

/// The white space that groups digits (`1 024`, `9 216,00`): U+00A0, U+2007, U+2009, U+202F.
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}')
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x2FDF
        | 0x3040..=0x30FF
        | 0x3100..=0x318F
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF)
}

/// The lower case of `c` for the scripts carrier pages are written in — Latin with its
/// accents (Latin-1, Latin Extended-A, `ẞ`), Greek, Cyrillic and full-width Latin — one
/// character for one; any other character as it is. Not `char::to_lowercase`, whose tables
/// for every script are several KB of the wasm.
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A => u + 32,
        0xC0..=0xDE if u != 0xD7 => u + 32,
        // İ lower-cases to two characters (i + dot above): kept.
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 && u != 0x130 => u + 1,
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => u + 1,
        0x178 => 0xFF,
        0x1E9E => 0xDF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 63,
        0x391..=0x3AB if u != 0x3A2 => u + 32,
        0x400..=0x40F => u + 80,
        0x410..=0x42F => u + 32,
        0xFF21..=0xFF3A => u + 32,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Blocks (first, last) where [`is_alpha`] and [`is_alnum`] answer exactly as the
/// standard library: Latin (Latin-1, Extended-A and -B, IPA, Extended Additional), Greek,
/// Cyrillic, Armenian, punctuation, symbols and number forms, CJK (radicals, symbols, kana,
/// Bopomofo, Hangul, ideographs), full-width and half-width forms, and the non-characters'
/// neighbours (surrogates, private use, variation selectors). Tested character by character.
#[cfg(test)]
const EXACT_BLOCKS: &[(u32, u32)] = &[
    (0x80, 0x58F),
    (0x1E00, 0x2BFF),
    (0x2E00, 0x9FFF),
    (0xAC00, 0xF8FF),
    (0xF900, 0xFAFF),
    (0xFE00, 0xFE6F),
    (0xFEFF, 0xFEFF),
    (0xFF00, 0xFFFF),
];

/// Blocks of the other scripts of the BMP (Hebrew to Mongolian and the phonetic extensions,
/// Glagolitic to Ethiopic Extended, Yi to Meetei Mayek, the presentation forms), where
/// [`is_alpha`] takes every character for a letter: their letters are, their digits and
/// punctuation are not (the standard library says so) but carrier pages in these scripts
/// are not read. Tested character by character, as what [`LETTERS`] holds there.
#[cfg(test)]
const LETTER_BLOCKS: &[(u32, u32)] = &[
    (0x590, 0x1DFF),
    (0x2C00, 0x2DFF),
    (0xA000, 0xABFF),
    (0xFB00, 0xFDFF),
    (0xFE70, 0xFEFE),
];

/// Non-ASCII letters of the BMP (first, last): `char::is_alphabetic` over
/// [`EXACT_BLOCKS`], and the whole of [`LETTER_BLOCKS`] (a test derives it again from the
/// standard library).
const LETTERS: &[(u16, u16)] = &[
    (0xAA, 0xAA),
    (0xB5, 0xB5),
    (0xBA, 0xBA),
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x2C1),
    (0x2C6, 0x2D1),
    (0x2E0, 0x2E4),
    (0x2EC, 0x2EC),
    (0x2EE, 0x2EE),
    (0x345, 0x345),
    (0x363, 0x374),
    (0x376, 0x377),
    (0x37A, 0x37D),
    (0x37F, 0x37F),
    (0x386, 0x386),
    (0x388, 0x38A),
    (0x38C, 0x38C),
    (0x38E, 0x3A1),
    (0x3A3, 0x3F5),
    (0x3F7, 0x481),
    (0x48A, 0x52F),
    (0x531, 0x556),
    (0x559, 0x559),
    (0x560, 0x588),
    (0x590, 0x1F15),
    (0x1F18, 0x1F1D),
    (0x1F20, 0x1F45),
    (0x1F48, 0x1F4D),
    (0x1F50, 0x1F57),
    (0x1F59, 0x1F59),
    (0x1F5B, 0x1F5B),
    (0x1F5D, 0x1F5D),
    (0x1F5F, 0x1F7D),
    (0x1F80, 0x1FB4),
    (0x1FB6, 0x1FBC),
    (0x1FBE, 0x1FBE),
    (0x1FC2, 0x1FC4),
    (0x1FC6, 0x1FCC),
    (0x1FD0, 0x1FD3),
    (0x1FD6, 0x1FDB),
    (0x1FE0, 0x1FEC),
    (0x1FF2, 0x1FF4),
    (0x1FF6, 0x1FFC),
    (0x2071, 0x2071),
    (0x207F, 0x207F),
    (0x2090, 0x209C),
    (0x2102, 0x2102),
    (0x2107, 0x2107),
    (0x210A, 0x2113),
    (0x2115, 0x2115),
    (0x2119, 0x211D),
    (0x2124, 0x2124),
    (0x2126, 0x2126),
    (0x2128, 0x2128),
    (0x212A, 0x212D),
    (0x212F, 0x2139),
    (0x213C, 0x213F),
    (0x2145, 0x2149),
    (0x214E, 0x214E),
    (0x2160, 0x2188),
    (0x24B6, 0x24E9),
    (0x2C00, 0x2DFF),
    (0x2E2F, 0x2E2F),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3031, 0x3035),
    (0x3038, 0x303C),
    (0x3041, 0x3096),
    (0x309D, 0x309F),
    (0x30A1, 0x30FA),
    (0x30FC, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x31A0, 0x31BF),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFA6D),
    (0xFA70, 0xFAD9),
    (0xFB00, 0xFDFF),
    (0xFE70, 0xFEFE),
    (0xFF21, 0xFF3A),
    (0xFF41, 0xFF5A),
    (0xFF66, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
];

/// Non-ASCII numbers of the BMP (first, last): `char::is_numeric` over [`EXACT_BLOCKS`]
/// (superscripts, fractions, Roman numerals, circled numbers, 〇, full-width digits).
const NUMBERS: &[(u16, u16)] = &[
    (0xB2, 0xB3),
    (0xB9, 0xB9),
    (0xBC, 0xBE),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2150, 0x2182),
    (0x2185, 0x2189),
    (0x2460, 0x249B),
    (0x24EA, 0x24FF),
    (0x2776, 0x2793),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303A),
    (0x3192, 0x3195),
    (0x3220, 0x3229),
    (0x3248, 0x324F),
    (0x3251, 0x325F),
    (0x3280, 0x3289),
    (0x32B1, 0x32BF),
    (0xFF10, 0xFF19),
];

fn in_runs(runs: &[(u16, u16)], u: u32) -> bool {
    runs.binary_search_by(|&(first, last)| {
        if u32::from(last) < u {
            std::cmp::Ordering::Less
        } else if u32::from(first) > u {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// `char::is_alphabetic` without the standard library's tables (they, the numeric and the
/// case tables were 2.5 KB of the engine's gzipped wasm): exact for ASCII and the blocks
/// of [`EXACT_BLOCKS`]; every character of the other scripts of the BMP
/// ([`LETTER_BLOCKS`]) and of the supplementary planes up to U+1EFFF (historic scripts,
/// mathematical letters) is a letter, the emoji and symbols of U+1F000–U+1FFFF are not,
/// the ideographs of U+20000–U+3FFFF are.
pub(crate) fn is_alpha(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x80..=0xFFFF => in_runs(LETTERS, u),
        0x1F000..=0x1FFFF => false,
        _ => u < 0x40000,
    }
}

/// `char::is_alphanumeric` without its tables: [`is_alpha`], or a number
/// (`char::is_numeric`: exact for ASCII and the [`EXACT_BLOCKS`]; digits of other scripts
/// are letters by [`is_alpha`], numbers of the supplementary planes are neither).
pub(crate) fn is_alnum(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x80..=0xFFFF => in_runs(NUMBERS, u) || in_runs(LETTERS, u),
        _ => is_alpha(c),
    }
}

/// The blocks where [`is_upper`] and [`is_lower`] answer as `char::is_uppercase` and
/// `char::is_lowercase`: ASCII, Latin-1, Latin Extended-A, Greek (U+0386–U+03CE),
/// Cyrillic, Latin Extended Additional and full-width Latin. Elsewhere neither (Latin
/// Extended-B, Armenian, Georgian… are not told apart).
#[cfg(test)]
const CASED_BLOCKS: &[(u32, u32)] = &[
    (0, 0x17F),
    (0x386, 0x3CE),
    (0x400, 0x52F),
    (0x1E00, 0x1EFF),
    (0xFF00, 0xFF5F),
];

/// `char::is_uppercase` without its tables, for the scripts of [`CASED_BLOCKS`].
pub(crate) fn is_upper(c: char) -> bool {
    let u = c as u32;
    lower_char(c) != c
        || u == 0x130
        || (u % 2 == 0
            && matches!(u, 0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F
                | 0x1E00..=0x1E94 | 0x1EA0..=0x1EFF))
        || (u % 2 == 1 && matches!(u, 0x4C1..=0x4CD))
        || matches!(u, 0x4C0 | 0x1E9E)
}

/// `char::is_lowercase` without its tables, for the scripts of [`CASED_BLOCKS`]: there a
/// letter that is not upper case is lower case.
pub(crate) fn is_lower(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7F => c.is_ascii_lowercase(),
        0x80..=0x17F | 0x386..=0x3CE | 0x400..=0x52F | 0x1E00..=0x1EFF | 0xFF41..=0xFF5A => {
            is_alpha(c) && !is_upper(c)
        }
        _ => false,
    }
}

/// `text` lower-cased with [`lower_char`].
pub fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(lower_char(c));
    }
    out
}

/// Byte offset of the first `needle` in `hay` (`str::find` with a `&str` pattern).
///
/// A plain search, byte by byte: the core's needles are short (labels, words, `"://"`),
/// and `str::find`'s Two-Way searcher costs the engine's wasm about 2.4 KB. A match of
/// one UTF-8 string inside another always starts and ends on character boundaries.
#[inline(never)]
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    find_from(hay, needle, 0)
}

/// [`find`] starting at byte `from` (an offset in `hay`, not in the slice from `from`).
fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let last = h.len().checked_sub(n.len())?;
    // (The first byte before the whole: most places differ there, without a compare's call.)
    let first = n.first().copied();
    (from..=last)
        .find(|&i| first.is_none_or(|f| h.get(i) == Some(&f)) && h.get(i..i + n.len()) == Some(n))
}

/// Whether `hay` contains `needle` (`str::contains` with a `&str` pattern, see [`find`]).
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `hay` split around the first `sep` (`str::split_once`, see [`find`]).
pub fn split_once<'a>(hay: &'a str, sep: &str) -> Option<(&'a str, &'a str)> {
    let i = find(hay, sep)?;
    Some((hay.get(..i)?, hay.get(i + sep.len()..)?))
}

/// The start of every non-overlapping `needle` in `hay`, left to right
/// (`str::match_indices`, see [`find`]). An empty needle matches nowhere.
pub fn match_starts<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        let i = find_from(hay, needle, from)?;
        from = i + needle.len();
        Some(i)
    })
}

/// `hay` with every `from` replaced by `to` (`str::replace`, see [`find`]); `from` not
/// empty.
pub fn replace(hay: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(hay.len());
    let mut last = 0;
    for i in match_starts(hay, from) {
        out.push_str(hay.get(last..i).unwrap_or_default());
        out.push_str(to);
        last = i + from.len();
    }
    out.push_str(hay.get(last..).unwrap_or_default());
    out
}

/// `s.parse::<u64>()`: an optional `+`, then ASCII digits; `None` when empty, on any other
/// character, or past `u64::MAX`. One integer reader for the core's every integer type
/// (`str::parse` brings one per type, about 0.5 KB of wasm each).
pub fn parse_uint(s: &str) -> Option<u64> {
    let digits = s.strip_prefix('+').unwrap_or(s);
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u64, |n, b| {
        let d = b.checked_sub(b'0').filter(|d| *d <= 9)?;
        n.checked_mul(10)?.checked_add(u64::from(d))
    })
}

/// `s.parse::<i64>()` (see [`parse_uint`]): an optional `+` or `-`, then ASCII digits.
pub fn parse_int(s: &str) -> Option<i64> {
    match s.strip_prefix('-') {
        Some(rest) if !rest.starts_with('+') => 0i64.checked_sub_unsigned(parse_uint(rest)?),
        Some(_) => None,
        None => i64::try_from(parse_uint(s)?).ok(),
    }
}

/// `s.parse::<T>()` for an unsigned integer type `T` (see [`parse_uint`]).
pub fn parse_unsigned<T: TryFrom<u64>>(s: &str) -> Option<T> {
    T::try_from(parse_uint(s)?).ok()
}

/// `s.parse::<T>()` for a signed integer type `T` (see [`parse_uint`]).
pub fn parse_signed<T: TryFrom<i64>>(s: &str) -> Option<T> {
    T::try_from(parse_int(s)?).ok()
}

/// The text after the last `sep` in `s` (an ASCII byte), or all of `s`
/// (`s.rsplit(sep).next()`, whose reverse splitter costs the wasm 0.6 KB).
pub fn after_last(s: &str, sep: u8) -> &str {
    s.bytes()
        .rposition(|b| b == sep)
        .and_then(|i| s.get(i + 1..))
        .unwrap_or(s)
}

/// Whether `c` is one of the characters of `set` (`set.contains(c)`, which for a `char`
/// brings in `str::find`'s searcher: see [`find`]).
pub fn has_char(set: &str, c: char) -> bool {
    // (An ASCII character is a byte of `set` that is no part of a longer character: its
    // bytes are compared without decoding the set, most tests' case.)
    if let Ok(b) = u8::try_from(c) {
        if b < 128 {
            return set.bytes().any(|s| s == b);
        }
    }
    set.chars().any(|s| s == c)
}

/// `text.split(sep)` with the separator test as a function pointer: the wasm gets one
/// splitter for all of them instead of one per closure or per `char` pattern.
pub fn split_where(text: &str, sep: fn(char) -> bool) -> std::str::Split<'_, fn(char) -> bool> {
    text.split(sep)
}

/// `text.trim_start_matches(drop)` with the test as a function pointer (one trimmer in
/// the wasm for all of them, see [`split_where`]).
pub fn trim_start_where(text: &str, drop: fn(char) -> bool) -> &str {
    text.trim_start_matches(drop)
}

/// `text.trim_end_matches(drop)` with the test as a function pointer (see
/// [`trim_start_where`]).
pub fn trim_end_where(text: &str, drop: fn(char) -> bool) -> &str {
    text.trim_end_matches(drop)
}

/// The first `n` characters of `text` (`text.chars().take(n).collect::<String>()` without
/// a collect per call site: one function, on bytes).
pub fn first_chars(text: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, b) in text.bytes().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return text.get(..i).unwrap_or(text);
            }
            seen += 1;
        }
    }
    text
}

/// The number of characters in `text` (`text.chars().count()`, whose unrolled counter
/// costs the wasm about 0.5 KB): the bytes that do not continue a UTF-8 sequence.
#[inline(never)]
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Byte offset of the first character of `text` that is one of `set`'s
/// (`text.find([..])` with a `char` array, whose searcher the wasm gets once per array
/// length).
pub fn find_any(text: &str, set: &str) -> Option<usize> {
    text.char_indices()
        .find(|&(_, c)| has_char(set, c))
        .map(|(i, _)| i)
}

/// `text` up to the first of the ASCII characters `set`, or all of it
/// (`text.split([..]).next()` without a searcher; an ASCII byte is never inside a longer
/// character, so the cut is a character boundary).
pub fn before_any<'a>(text: &'a str, set: &[u8]) -> &'a str {
    // (`iter().any`, not `contains`: a byte slice's `contains` is a 0.3 KB memchr.)
    #[allow(clippy::manual_contains)]
    let end = text.bytes().position(|b| set.iter().any(|&s| s == b));
    text.get(..end.unwrap_or(text.len())).unwrap_or(text)
}

/// Whether `text` holds one of the characters of `set` (`text.contains([..])`, see
/// [`find_any`]).
pub fn has_any(text: &str, set: &str) -> bool {
    find_any(text, set).is_some()
}

/// Byte offset of the last character of `text` that is one of `set`'s (`text.rfind([..])`,
/// see [`find_any`]).
pub fn rfind_any(text: &str, set: &str) -> Option<usize> {
    text.char_indices()
        .rev()
        .find(|&(_, c)| has_char(set, c))
        .map(|(i, _)| i)
}

/// The first bytes of the words of the word table `table` (see [`table_find`]), in both
/// ASCII cases: bit `b` is set when a word starts with byte `b` (below 128; a word that
/// starts with another byte sets none). Computed at compile time for a table constant.
pub(crate) const fn first_bytes(table: &str) -> u128 {
    let t = table.as_bytes();
    let mut mask = 0u128;
    let mut i = 0;
    let mut starts = true;
    while i < t.len() {
        let b = t[i];
        let separator = b == b' ' || b == b'|';
        if starts && !separator && b < 128 {
            mask |= (1u128 << b.to_ascii_lowercase()) | (1u128 << b.to_ascii_uppercase());
        }
        starts = separator;
        i += 1;
    }
    mask
}

/// The byte lengths of the words of the word table `table`: bit `n` is set when a word has
/// `n` bytes (below 64; a longer word sets bit 63). With [`first_bytes`], rules a word out
/// before the table is read. Computed at compile time for a table constant.
pub(crate) const fn word_lengths(table: &str) -> u64 {
    let t = table.as_bytes();
    let mut mask = 0u64;
    let mut i = 0;
    let mut len = 0;
    while i <= t.len() {
        if i == t.len() || t[i] == b' ' || t[i] == b'|' {
            if len > 0 {
                mask |= 1u64 << if len < 63 { len } else { 63 };
            }
            len = 0;
        } else {
            len += 1;
        }
        i += 1;
    }
    mask
}

/// Whether `word` may be in a word table whose words' first bytes are `firsts`
/// ([`first_bytes`]) and lengths `lengths` ([`word_lengths`]): false rules it out.
pub(crate) fn may_be_word_of(word: &str, firsts: u128, lengths: u64) -> bool {
    let first = word.as_bytes().first().copied().unwrap_or(0);
    (first >= 128 || firsts & (1u128 << first) != 0) && lengths & (1u64 << word.len().min(63)) != 0
}

/// The first answer `f` gives for a word of a word table, with the index of the word's
/// group. A word table is one string: words separated by a space, groups of words by `|`
/// (`"jan january|feb february"`: group 0 is January). One text in the wasm instead of an
/// array of `&str` per list (8 bytes of pointer and length per word, and a copy of the
/// search per value type), and one loop for every table.
pub(crate) fn table_find(
    table: &str,
    f: &mut dyn FnMut(&str) -> Option<usize>,
) -> Option<(usize, usize)> {
    let bytes = table.as_bytes();
    let (mut group, mut start) = (0, 0);
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(b'|');
        if b == b' ' || b == b'|' {
            // (No empty word: `"||a"` puts `a` in group 2.)
            if let Some(x) = table
                .get(start..i)
                .filter(|w| !w.is_empty())
                .and_then(&mut *f)
            {
                return Some((group, x));
            }
            group += usize::from(b == b'|');
            start = i + 1;
        }
    }
    None
}

/// The group of the word table `table` (see [`table_find`]) holding a word `test` accepts.
pub(crate) fn table_group(table: &str, test: &dyn Fn(&str) -> bool) -> Option<usize> {
    table_find(table, &mut |w| test(w).then_some(0)).map(|(g, _)| g)
}

/// The group of the word table `table` (see [`table_find`]; with `groups` false, a list of
/// words separated by spaces only, where `|` is an ordinary character) holding `word`
/// exactly, or ignoring ASCII case with `fold` (the table's words are lower-case). The hot
/// lookup of the extraction (every word of a page against several tables, most of them
/// found in none): the table is searched 8 bytes at a time for `word`'s first byte
/// ([`next_byte`]; a table's words start with many different letters), and only where it
/// starts a word of `word`'s length is the word compared; the group is then the number of
/// `|` before it. [`table_find`] slices every word and calls its test through a pointer.
#[inline(never)]
pub(crate) fn table_word(table: &str, word: &str, groups: bool, fold: bool) -> Option<usize> {
    let (t, w) = (table.as_bytes(), word.as_bytes());
    let n = w.len();
    let &first = w.first()?;
    let bar = if groups { b'|' } else { b' ' };
    let is_separator = |b: u8| b == b' ' || b == bar;
    // (No word of the table holds a separator.)
    if w.iter().any(|&c| is_separator(c)) {
        return None;
    }
    // (With `fold`, both cases of an ASCII letter; else the byte twice.)
    let (a, b) = if fold {
        (first.to_ascii_lowercase(), first.to_ascii_uppercase())
    } else {
        (first, first)
    };
    let mut at = 0;
    // (A `while` over indices: the wasm is built for size, and a range's iterator stays a
    // call per byte there.)
    while at + n <= t.len() {
        let p = next_byte(t, at, a, b);
        let end = p + n;
        if end > t.len() {
            break;
        }
        let starts = p == 0 || t.get(p - 1).is_some_and(|&c| is_separator(c));
        let ends = t.get(end).is_none_or(|&c| is_separator(c));
        if starts
            && ends
            && t.get(p..end).is_some_and(|c| {
                if fold {
                    c.eq_ignore_ascii_case(w)
                } else {
                    c == w
                }
            })
        {
            let bars = if groups {
                t.get(..p)
                    .map_or(0, |before| before.iter().filter(|&&c| c == b'|').count())
            } else {
                0
            };
            return Some(bars);
        }
        at = p + 1;
    }
    None
}

/// The index of the first byte `a` or `b` in `t` from `i` on, or `t.len()`: 8 bytes a step
/// while neither is among them.
fn next_byte(t: &[u8], mut i: usize, a: u8, b: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Nonzero when a byte of `v` is zero (exact as a whole: only bytes above a zero byte
    // may be marked wrongly).
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    while let Some(eight) = t.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let v = u64::from_le_bytes(eight);
        if zero_byte(v ^ (ONES * u64::from(a))) | zero_byte(v ^ (ONES * u64::from(b))) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&c) = t.get(i) {
        if c == a || c == b {
            return i;
        }
        i += 1;
    }
    t.len()
}

/// `text.split(sep)` for an ASCII separator, as a plain byte loop (the `str` splitter walks
/// characters and tests each through a pointer: see [`split_where`]).
pub fn split_byte(text: &str, sep: u8) -> SplitByte<'_> {
    SplitByte {
        rest: Some(text),
        sep,
    }
}

/// `text.split_terminator(sep)` for an ASCII separator (see [`split_byte`]): no empty piece
/// after a last separator (`"a,b,"` → `a`, `b`), nothing for an empty text.
pub fn split_terminated(text: &str, sep: u8) -> SplitByte<'_> {
    let rest = match text.as_bytes().last() {
        None => None,
        Some(&b) if b == sep => text.get(..text.len() - 1),
        Some(_) => Some(text),
    };
    SplitByte { rest, sep }
}

/// The pieces of [`split_byte`] and [`split_terminated`].
pub struct SplitByte<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        // An ASCII byte is never inside a longer character: both cuts are boundaries.
        match rest.bytes().position(|b| b == self.sep) {
            Some(i) => {
                self.rest = rest.get(i + 1..);
                rest.get(..i)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// Case-insensitive comparison of a word with a lower-case pattern.
pub(crate) fn word_eq(word: &str, pattern: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(pattern)
    } else {
        word.chars().map(lower_char).eq(pattern.chars())
    }
}

/// Dash-like characters: ASCII hyphen-minus, minus sign, figure/en/em dashes, bar.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2012}'..='\u{2015}')
}

/// A decimal number read from digits and separators, before any unit is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// Integer digits, separators removed.
    pub int: String,
    /// Fraction digits (empty for a whole number).
    pub frac: String,
}

impl Decimal {
    pub(crate) fn to_f64(&self) -> Option<f64> {
        let frac = if self.frac.is_empty() {
            "0"
        } else {
            &self.frac
        };
        let mut text = String::with_capacity(self.int.len() + 1 + frac.len());
        text.push_str(&self.int);
        text.push('.');
        text.push_str(frac);
        crate::parse::float::parse_f64(&text).filter(|v| v.is_finite())
    }

    /// The amount in hundredths. More than two decimals is refused unless the extra
    /// digits are zeros (`1.500` is fine, `1.505` is not).
    pub(crate) fn to_cents(&self) -> Result<i64, ParseError> {
        let (cents_digits, extra) = self.frac.split_at(self.frac.len().min(2));
        if !extra.bytes().all(|b| b == b'0') {
            return Err(ParseError::Invalid(
                "more than two decimal places".to_string(),
            ));
        }
        let int = trim_start_where(&self.int, |c| c == '0');
        if int.len() > 17 {
            return Err(ParseError::Invalid("amount too large".to_string()));
        }
        let whole: i64 = if int.is_empty() {
            0
        } else {
            parse_int(int).ok_or_else(|| ParseError::Invalid("bad digits".to_string()))?
        };
        let mut frac: i64 = 0;
        for i in 0..2 {
            let digit = cents_digits
                .as_bytes()
                .get(i)
                .map_or(0, |b| i64::from(b.saturating_sub(b'0')));
            frac = frac * 10 + digit;
        }
        whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(frac))
            .ok_or_else(|| ParseError::Invalid("amount too large".to_string()))
    }
}

/// Reads digit groups and their separators as one number.
///
/// - No separator: a whole number.
/// - One kind of separator, once: `,` followed by exactly three digits (and a first group
///   of one to three digits, not `0`) groups thousands (`6,144`); otherwise it is the
///   decimal mark (`3,5`, `59.92`, `1.234`).
/// - One kind, several times: thousands separators (`1,234,567`); every later group must
///   have three digits.
/// - Two kinds: the last is the decimal mark, the others group thousands (`1,234.56`,
///   `1.234,56`, `1 234,56`).
/// - A space (`number` passes the no-break and thin spaces between groups of three as
///   `' '`) only ever groups thousands: `1 024`.
fn interpret(groups: &[&str], seps: &[char]) -> Result<Decimal, ParseError> {
    let bad = || ParseError::Invalid("bad digit grouping".to_string());
    let (first, rest) = groups.split_first().ok_or_else(bad)?;
    let Some(&last_sep) = seps.last() else {
        return Ok(Decimal {
            int: (*first).to_string(),
            frac: String::new(),
        });
    };
    let thousands = |gs: &[&str]| first.len() <= 3 && gs.iter().all(|g| g.len() == 3);
    let joined = |gs: &[&str]| {
        let mut int = (*first).to_string();
        gs.iter().for_each(|g| int.push_str(g));
        int
    };
    if seps.iter().all(|&s| s == last_sep) {
        if last_sep == ' ' {
            // `number` joins only groups of three after a first of one to three digits.
            return Ok(Decimal {
                int: joined(rest),
                frac: String::new(),
            });
        }
        if let [only] = rest {
            if last_sep == ',' && only.len() == 3 && first.len() <= 3 && *first != "0" {
                return Ok(Decimal {
                    int: joined(rest),
                    frac: String::new(),
                });
            }
            return Ok(Decimal {
                int: (*first).to_string(),
                frac: (*only).to_string(),
            });
        }
        if thousands(rest) {
            return Ok(Decimal {
                int: joined(rest),
                frac: String::new(),
            });
        }
        return Err(bad());
    }
    let (frac, int_groups) = rest.split_last().ok_or_else(bad)?;
    let (_, inner_seps) = seps.split_last().ok_or_else(bad)?;
    let inner = inner_seps.first().copied().ok_or_else(bad)?;
    if inner == last_sep || inner_seps.iter().any(|&s| s != inner) || !thousands(int_groups) {
        return Err(bad());
    }
    Ok(Decimal {
        int: joined(int_groups),
        frac: (*frac).to_string(),
    })
}

/// A normalised, tokenised text that remembers where each byte came from.
pub(crate) struct Lexed {
    text: String,
    /// For every byte of `text`: the original range of the character it came from.
    origin: Vec<(usize, usize)>,
    pub toks: Vec<Token>,
}

impl Lexed {
    pub(crate) fn new(original: &str) -> Lexed {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        walk(original, |c, s, e| {
            text.push(c);
            // (One byte, most characters: a push, not an extend's call.)
            if c.is_ascii() {
                origin.push((s, e));
            } else {
                origin.extend(std::iter::repeat_n((s, e), c.len_utf8()));
            }
        });
        let mut toks: Vec<Token> = Vec::with_capacity(text.len() / 2 + 1);
        let mut space = false;
        let mut group_space = false;
        // The last non-ASCII character and its kind: `is_alpha` searches a table outside
        // ASCII, and such characters come in runs (`•••`, CJK).
        let mut last_wide: Option<(char, Kind)> = None;
        for (pos, c) in text.char_indices() {
            if c == ' ' {
                space = true;
                group_space = origin
                    .get(pos)
                    .and_then(|&(s, e)| original.get(s..e))
                    .is_some_and(|run| {
                        let mut cs = run.chars();
                        cs.next().is_some_and(is_group_space) && cs.next().is_none()
                    });
                continue;
            }
            let kind = if c.is_ascii() {
                if c.is_ascii_digit() {
                    Kind::Digits
                } else if c.is_ascii_alphabetic() {
                    Kind::Word
                } else {
                    Kind::Sym(c)
                }
            } else if let Some((_, k)) = last_wide.filter(|&(w, _)| w == c) {
                k
            } else {
                let k = if is_cjk(c) {
                    Kind::Cjk
                } else if is_alpha(c) {
                    Kind::Word
                } else {
                    Kind::Sym(c)
                };
                last_wide = Some((c, k));
                k
            };
            let end = pos + c.len_utf8();
            if let Some(last) = toks.last_mut() {
                if !space
                    && last.kind == kind
                    && last.end == pos
                    && matches!(kind, Kind::Digits | Kind::Word)
                {
                    last.end = end;
                    continue;
                }
            }
            toks.push(Token {
                kind,
                start: pos,
                end,
                space,
                group_space: space && group_space,
            });
            space = false;
            group_space = false;
        }
        Lexed { text, origin, toks }
    }

    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }

    pub(crate) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// The token's text (empty when out of range).
    pub(crate) fn str(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Token `i` exists and follows the previous token without a space.
    pub(crate) fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    pub(crate) fn is_digits(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Digits)
    }

    /// The digits of token `i` when it is a digit run of `min..=max` digits.
    pub(crate) fn digits(&self, i: usize, min: usize, max: usize) -> Option<&str> {
        let s = self.str(i);
        (self.is_digits(i) && (min..=max).contains(&s.len())).then_some(s)
    }

    pub(crate) fn is_sym(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(Kind::Sym(c))
    }

    pub(crate) fn sym(&self, i: usize) -> Option<char> {
        match self.kind(i) {
            Some(Kind::Sym(c)) => Some(c),
            _ => None,
        }
    }

    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Word)
    }

    /// Token `i` is a word equal (ignoring case) to one of the words of `table` (a word
    /// table, see [`table_find`]).
    pub(crate) fn word_in(&self, i: usize, table: &str) -> bool {
        self.word_group(i, table).is_some()
    }

    /// False when token `i` is in no word table whose words' first bytes are `firsts`
    /// ([`first_bytes`]): it starts with an ASCII byte none of them has. Rules a token out
    /// before the table is read (a table asked of every token of a text).
    pub(crate) fn may_be_in(&self, i: usize, firsts: u128) -> bool {
        let first = self.str(i).as_bytes().first().copied().unwrap_or(0);
        first >= 128 || firsts & (1u128 << first) != 0
    }

    /// The group of the word table `table` (see [`table_find`]) holding token `i`'s word
    /// (ignoring case).
    pub(crate) fn word_group(&self, i: usize, table: &str) -> Option<usize> {
        if !self.is_word(i) {
            return None;
        }
        let w = self.str(i);
        if w.is_ascii() {
            // (ASCII case folding keeps the length: the fast loop; see `word_eq`.)
            return table_word(table, w, true, true);
        }
        table_group(table, &|p| word_eq(w, p))
    }

    /// Whether the CJK characters of `seq` stand at token `i`, one token each, without
    /// spaces between them. Returns the index after them.
    #[inline]
    pub(crate) fn cjk_seq(&self, i: usize, seq: &str) -> Option<usize> {
        // Fast path: no CJK token here (an empty `seq` matches anywhere).
        if self.kind(i) != Some(Kind::Cjk) {
            return seq.is_empty().then_some(i);
        }
        let mut j = i;
        for c in seq.chars() {
            if self.kind(j) != Some(Kind::Cjk) || (j > i && !self.attached(j)) {
                return None;
            }
            if !self.str(j).starts_with(c) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The first of the words of `table` (CJK sequences, a word table: see [`table_find`])
    /// standing at token `i`, with the index after it.
    pub(crate) fn cjk_any(&self, i: usize, table: &str) -> Option<usize> {
        self.cjk_find(i, table).map(|(_, end)| end)
    }

    /// [`Lexed::cjk_any`] with the group of the sequence found.
    pub(crate) fn cjk_find(&self, i: usize, table: &str) -> Option<(usize, usize)> {
        if self.kind(i) != Some(Kind::Cjk) {
            return None;
        }
        table_find(table, &mut |s| self.cjk_seq(i, s))
    }

    /// Token `i` is a digit run that does not continue a number or a date written
    /// without spaces before it (`1,234` at `234`, `12/09` at `09`).
    pub(crate) fn starts_number(&self, i: usize) -> bool {
        if !self.is_digits(i) {
            return false;
        }
        if !self.attached(i) || i == 0 {
            return true;
        }
        let prev = i - 1;
        match self.kind(prev) {
            Some(Kind::Digits) | Some(Kind::Word) => false,
            Some(Kind::Sym(c)) if matches!(c, '.' | ',' | '/' | ':') || is_dash(c) => {
                !(self.attached(prev) && prev > 0 && self.is_digits(prev - 1))
            }
            _ => true,
        }
    }

    /// Reads the number that starts at digit run `i`: digit groups joined by `.` or `,`
    /// without spaces. Returns the number (or why it is malformed) and the index after it.
    pub(crate) fn number(&self, i: usize) -> Option<(Result<Decimal, ParseError>, usize)> {
        if !self.is_digits(i) {
            return None;
        }
        let mut groups = vec![self.str(i)];
        let mut seps = Vec::new();
        let mut j = i + 1;
        // `1 024`, `12 345 678`: groups of three after a no-break or thin space, the
        // first of one to three digits. A later group of another length (`555 123 4567`)
        // says the spaces are not grouping digits.
        if self.str(i).len() <= 3 {
            let spaced = |k: usize| self.toks.get(k).is_some_and(|t| t.group_space);
            let mut k = j;
            while spaced(k) && self.digits(k, 3, 3).is_some() {
                k += 1;
            }
            if k > j && !(spaced(k) && self.is_digits(k)) {
                while j < k {
                    seps.push(' ');
                    groups.push(self.str(j));
                    j += 1;
                }
            }
        }
        // `1 024,00 €`, `6 963,2 MB` with ordinary spaces: groups of three that end in a
        // decimal comma of one or two digits group digits too (an ordinary space alone
        // also stands between a count and an amount: `2 100 MB` stays two numbers).
        if seps.is_empty() && self.str(i).len() <= 3 {
            let mut k = j;
            while self.toks.get(k).is_some_and(|t| t.space) && self.digits(k, 3, 3).is_some() {
                k += 1;
            }
            let comma = k > j
                && self.is_sym(k, ',')
                && self.attached(k)
                && self.attached(k + 1)
                && self.digits(k + 1, 1, 2).is_some()
                && !(self.attached(k + 2) && matches!(self.sym(k + 2), Some('.' | ',')));
            while comma && j < k {
                seps.push(' ');
                groups.push(self.str(j));
                j += 1;
            }
        }
        // `3'584`, `1’234.50` (Swiss): groups of three after an apostrophe.
        if seps.is_empty() && self.str(i).len() <= 3 {
            while matches!(self.sym(j), Some('\'' | '’'))
                && self.attached(j)
                && self.attached(j + 1)
                && self.digits(j + 1, 3, 3).is_some()
            {
                seps.push(' ');
                groups.push(self.str(j + 1));
                j += 2;
            }
        }
        while let Some(c @ ('.' | ',')) = self.sym(j) {
            if !(self.attached(j) && self.attached(j + 1) && self.is_digits(j + 1)) {
                break;
            }
            seps.push(c);
            groups.push(self.str(j + 1));
            j += 2;
        }
        Some((interpret(&groups, &seps), j))
    }

    /// Number of numbers in the text.
    pub(crate) fn count_numbers(&self) -> usize {
        let mut count = 0;
        let mut i = 0;
        while i < self.len() {
            match self.number(i) {
                Some((_, next)) => {
                    count += 1;
                    i = next;
                }
                None => i += 1,
            }
        }
        count
    }

    /// A [`Found`] spanning tokens `first..end`, with byte offsets in the original text.
    pub(crate) fn found<T>(&self, first: usize, end: usize, value: T) -> Option<Found<T>> {
        let start = self.toks.get(first)?.start;
        let stop = self.toks.get(end.checked_sub(1)?)?.end;
        let (orig_start, _) = *self.origin.get(start)?;
        let (_, orig_end) = *self.origin.get(stop.checked_sub(1)?)?;
        Some(Found {
            start: orig_start,
            end: orig_end,
            value,
        })
    }

    /// Whether the text shows a placeholder instead of a value: a dash run (`--`,
    /// `$--.--`, `-.--`), a lone dash at the end, `N/A`, `unavailable`, 暂无.
    pub(crate) fn has_placeholder(&self) -> bool {
        let mut i = 0;
        while i < self.len() {
            if self.word_in(i, "unavailable") {
                return true;
            }
            if self.word_in(i, "n")
                && self.is_sym(i + 1, '/')
                && self.attached(i + 1)
                && self.word_in(i + 2, "a")
                && self.attached(i + 2)
            {
                return true;
            }
            if self.cjk_any(i, "暂无 暫無").is_some() {
                return true;
            }
            if self.sym(i).is_some_and(is_dash) {
                // An island of dashes, dots and commas not touching digits.
                let mut j = i;
                let mut dashes = 0;
                while let Some(c) = self.sym(j) {
                    if j > i && !self.attached(j) {
                        break;
                    }
                    if is_dash(c) {
                        dashes += 1;
                    } else if c != '.' && c != ',' {
                        break;
                    }
                    j += 1;
                }
                let before_digit = i > 0 && self.attached(i) && self.is_digits(i - 1);
                let after_digit = self.attached(j) && self.is_digits(j);
                let touches_word = (i > 0 && self.attached(i) && self.is_word(i - 1))
                    || (self.attached(j) && self.is_word(j));
                if !before_digit
                    && !after_digit
                    && (dashes >= 2 || (j >= self.len() && !touches_word))
                {
                    return true;
                }
                i = j.max(i + 1);
                continue;
            }
            i += 1;
        }
        false
    }
}

/// A match: first token, index after the last token, and the value or why it is wrong.
pub(crate) type Hit<T> = (usize, usize, Result<T, ParseError>);

/// Runs `at(i, min)` at every token, left to right; a match resumes the scan after it.
/// `min` is the first token the matcher may claim (the end of the previous match).
pub(crate) fn scan<T>(
    lx: &Lexed,
    mut at: impl FnMut(usize, usize) -> Option<Hit<T>>,
) -> Vec<Found<Result<T, ParseError>>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut min = 0;
    while i < lx.len() {
        match at(i, min) {
            Some((first, end, value)) if end > i && first >= min && first <= i => {
                if let Some(found) = lx.found(first, end, value) {
                    out.push(found);
                }
                i = end;
                min = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The value of a short text: its first good value, else its first error, else
/// `Placeholder` when it shows one, else `NotFound`.
pub(crate) fn settle<T>(
    lx: &Lexed,
    hits: Vec<Found<Result<T, ParseError>>>,
) -> Result<T, ParseError> {
    let mut first_err = None;
    for hit in hits {
        match hit.value {
            Ok(v) => return Ok(v),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    match first_err {
        Some(e) => Err(e),
        None if lx.has_placeholder() => Err(ParseError::Placeholder),
        None => Err(ParseError::NotFound),
    }
}

/// Keeps the good values of a scan.
pub(crate) fn only_ok<T>(hits: Vec<Found<Result<T, ParseError>>>) -> Vec<Found<T>> {
    let mut out = Vec::new();
    for Found { start, end, value } in hits {
        if let Ok(value) = value {
            out.push(Found { start, end, value });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_search_agrees_with_std() {
        let hays = [
            "",
            "a",
            "aaa",
            "abcabc",
            "Marco’s line",
            "剩余12g 剩余",
            "x://y://z",
            "$1 $$ $2$",
        ];
        let needles = [
            "a", "aa", "bc", "’s ", "剩余", "://", "$$", "$", "zz", "abcabcd",
        ];
        for hay in hays {
            for needle in needles {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
                assert_eq!(contains(hay, needle), hay.contains(needle));
                assert_eq!(split_once(hay, needle), hay.split_once(needle));
                let std: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
                assert_eq!(match_starts(hay, needle).collect::<Vec<_>>(), std);
                assert_eq!(replace(hay, needle, "<>"), hay.replace(needle, "<>"));
            }
            for c in ['a', '’', '剩', ':'] {
                assert_eq!(has_char(hay, c), hay.contains(c));
            }
            assert_eq!(char_count(hay), hay.chars().count());
            for n in 0..8 {
                assert_eq!(first_chars(hay, n), hay.chars().take(n).collect::<String>());
            }
            let ends = ['a', '$', '剩'];
            assert_eq!(
                trim_start_where(hay, |c| matches!(c, 'a' | '$' | '剩')),
                hay.trim_start_matches(ends)
            );
            assert_eq!(
                trim_end_where(hay, |c| matches!(c, 'a' | '$' | '剩')),
                hay.trim_end_matches(ends)
            );
            assert!(split_where(hay, |c| c == ' ' || c == '$').eq(hay.split([' ', '$'])));
            let set = ['$', '剩', '’'];
            assert_eq!(find_any(hay, "$剩’"), hay.find(set), "{hay:?}");
            assert_eq!(rfind_any(hay, "$剩’"), hay.rfind(set), "{hay:?}");
            assert_eq!(has_any(hay, "$剩’"), hay.contains(set));
            assert_eq!(has_any(hay, "zq"), hay.contains(['z', 'q']));
        }
        assert_eq!(match_starts("abc", "").count(), 0);
        for s in ["", "a", "a b", "a b ", " ", "剩余 12g", "user@host@x"] {
            for sep in [b' ', b'@'] {
                assert_eq!(
                    Some(after_last(s, sep)),
                    s.rsplit(char::from(sep)).next(),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn integer_reader_agrees_with_std() {
        let texts = [
            "",
            "0",
            "7",
            "+7",
            "-7",
            "-0",
            "+",
            "-",
            "+-1",
            "-+1",
            "007",
            "1_0",
            " 1",
            "1 ",
            "12a",
            "٣",
            "255",
            "256",
            "-128",
            "-129",
            "4294967295",
            "4294967296",
            "2147483648",
            "-2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
        ];
        for t in texts {
            assert_eq!(parse_uint(t), t.parse::<u64>().ok(), "{t:?}");
            assert_eq!(parse_int(t), t.parse::<i64>().ok(), "{t:?}");
            assert_eq!(parse_unsigned::<u8>(t), t.parse::<u8>().ok(), "{t:?}");
            assert_eq!(parse_unsigned::<u32>(t), t.parse::<u32>().ok(), "{t:?}");
            assert_eq!(parse_signed::<i32>(t), t.parse::<i32>().ok(), "{t:?}");
        }
    }

    fn chars_of(blocks: &[(u32, u32)]) -> impl Iterator<Item = char> + '_ {
        blocks
            .iter()
            .flat_map(|&(first, last)| first..=last)
            .filter_map(char::from_u32)
    }

    /// Runs (first, last) of the BMP characters outside ASCII for which `holds` is true.
    fn runs_of(holds: impl Fn(u32) -> bool) -> Vec<(u16, u16)> {
        let mut runs: Vec<(u16, u16)> = Vec::new();
        for u in 0x80..=0xFFFF_u16 {
            if holds(u32::from(u)) {
                match runs.last_mut() {
                    Some(run) if run.1 + 1 == u => run.1 = u,
                    _ => runs.push((u, u)),
                }
            }
        }
        runs
    }

    fn in_blocks(blocks: &[(u32, u32)], u: u32) -> bool {
        blocks
            .iter()
            .any(|&(first, last)| (first..=last).contains(&u))
    }

    #[test]
    fn the_letter_and_number_tables_are_the_standard_librarys() {
        let std_says = |u: u32, f: fn(char) -> bool| char::from_u32(u).is_some_and(f);
        let letters = runs_of(|u| {
            (in_blocks(EXACT_BLOCKS, u) && std_says(u, char::is_alphabetic))
                || in_blocks(LETTER_BLOCKS, u)
        });
        assert_eq!(LETTERS, letters.as_slice());
        let numbers = runs_of(|u| in_blocks(EXACT_BLOCKS, u) && std_says(u, char::is_numeric));
        assert_eq!(NUMBERS, numbers.as_slice());
        // Every BMP character outside ASCII is in one kind of block or the other.
        assert!((0x80..=0xFFFF).all(|u| in_blocks(EXACT_BLOCKS, u) != in_blocks(LETTER_BLOCKS, u)));
    }

    #[test]
    fn letters_and_numbers_are_the_standard_librarys_in_the_exact_blocks() {
        for c in chars_of(&[(0, 0x7F)]).chain(chars_of(EXACT_BLOCKS)) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
        for c in [
            'é', 'ß', 'ł', 'Ω', 'д', '中', 'ア', '한', 'Ａ', 'ｱ', '〇', 'Ⅻ',
        ] {
            assert!(is_alpha(c), "{c:?}");
        }
        for c in ['½', '²', '①', '０'] {
            assert!(!is_alpha(c) && is_alnum(c), "{c:?}");
        }
        for c in [
            '·', '×', '€', '—', '…', '。', '，', '￥', '→', '\u{301}', '\u{FEFF}',
        ] {
            assert!(!is_alpha(c) && !is_alnum(c), "{c:?}");
        }
    }

    #[test]
    fn other_scripts_are_all_letters_and_emoji_none() {
        for c in chars_of(LETTER_BLOCKS) {
            assert!(is_alpha(c) && is_alnum(c), "{c:?}");
        }
        // Letters there are the standard library's letters too; its digits are not.
        assert!(['א', 'ب', 'क', 'ก', 'ა']
            .iter()
            .all(|c| c.is_alphabetic() && is_alpha(*c)));
        assert!(!'٣'.is_alphabetic() && is_alpha('٣'));
        for c in ['😀', '🄰', '\u{1F600}'] {
            assert!(!is_alpha(c) && !is_alnum(c), "{c:?}");
        }
        for c in ['𠀀', '𝐀', '𐌰'] {
            assert!(is_alpha(c) && is_alnum(c), "{c:?}");
        }
        assert!(!is_alpha('\u{E0041}') && !is_alpha('\u{F0000}'));
        // Every ideograph beyond the BMP is a letter, as the standard library says.
        assert!(chars_of(&[(0x20000, 0x3FFFF)])
            .filter(|c| c.is_alphabetic())
            .all(is_alpha));
    }

    #[test]
    fn case_is_the_standard_librarys_in_the_cased_blocks() {
        for c in chars_of(CASED_BLOCKS) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
        }
        for c in ['Ǆ', 'ǅ', 'Ա', 'ա', '中', '1', ' '] {
            assert!(!is_upper(c) && !is_lower(c), "{c:?}");
        }
    }

    #[test]
    fn strips_invisible_marks_and_folds_space() {
        assert_eq!(normalize("\u{200E}$12.34\u{200F}"), "$12.34");
        assert_eq!(normalize("  a\u{00A0}\u{2009} b\u{202F}c\n"), "a b c");
        assert_eq!(normalize("soft\u{00AD}hyphen\u{FEFF}"), "softhyphen");
        assert_eq!(fold_figures("３．５ＧＢ"), "3.5GB");
        assert_eq!(fold_figures("１，５３６ＭＢ，已用"), "1,536MB，已用");
        assert_eq!(
            fold_figures("到期：２０２６年１２月３１日"),
            "到期：2026年12月31日"
        );
        assert_eq!(fold_figures("１２／３１"), "12/31");
        assert_eq!(fold_figures("８０％"), "80%");
        assert_eq!(fold_figures("＄５．００"), "$5.00");
        assert!(matches!(
            fold_figures("剩余流量 3.5GB"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(normalize("\u{2066}x\u{2069}\u{202A}y\u{202C}"), "xy");
        assert_eq!(normalize("a \u{200B} b"), "a b");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \u{200B} "), "");
    }

    #[test]
    fn maps_fullwidth_ascii() {
        assert_eq!(normalize("１２．５ＧＢ"), "12.5GB");
        assert_eq!(normalize("已用：3/20GB"), "已用:3/20GB");
        assert_eq!(normalize("a\u{3000}b"), "a b");
        assert_eq!(normalize("￥58"), "￥58", "U+FFE5 is outside FF01–FF5E");
    }

    #[test]
    fn digit_grouping() {
        let d = |groups: &[&str], seps: &[char]| interpret(groups, seps);
        let ok = |int: &str, frac: &str| {
            Ok(Decimal {
                int: int.into(),
                frac: frac.into(),
            })
        };
        assert_eq!(d(&["6", "144"], &[',']), ok("6144", ""));
        assert_eq!(d(&["3", "5"], &[',']), ok("3", "5"));
        assert_eq!(d(&["0", "500"], &[',']), ok("0", "500"));
        assert_eq!(d(&["1", "234", "56"], &[',', '.']), ok("1234", "56"));
        assert_eq!(d(&["1", "234", "56"], &['.', ',']), ok("1234", "56"));
        assert_eq!(d(&["1", "234", "567"], &[',', ',']), ok("1234567", ""));
        assert!(d(&["1", "23", "4"], &[',', ',']).is_err());
        assert!(d(&["1", "2", "3"], &[',', '.']).is_err());
        // A space (no-break or thin, passed as ' ') only groups: never a decimal mark.
        assert_eq!(d(&["1", "024"], &[' ']), ok("1024", ""));
        assert_eq!(d(&["9", "216", "00"], &[' ', '.']), ok("9216", "00"));
        assert_eq!(d(&["12", "345", "5"], &[' ', ',']), ok("12345", "5"));
    }

    #[test]
    fn ordinary_spaces_group_digits_before_a_decimal_comma_only() {
        let number = |text: &str| {
            let lx = Lexed::new(text);
            lx.number(0).and_then(|(d, _)| d.ok())
        };
        let ok = |int: &str, frac: &str| {
            Some(Decimal {
                int: int.into(),
                frac: frac.into(),
            })
        };
        assert_eq!(number("1 024,00 €"), ok("1024", "00"));
        assert_eq!(number("6 963,2 MB"), ok("6963", "2"));
        assert_eq!(number("12 345 678,50"), ok("12345678", "50"));
        // A count before an amount, and a thousands comma, stay apart.
        assert_eq!(number("2 100 MB"), ok("2", ""));
        assert_eq!(number("1 024,000"), ok("1", ""));
        assert_eq!(number("3 50,00"), ok("3", ""));
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "\u{200E}ab\u{00A0}\u{00A0}１２";
        let lx = Lexed::new(text);
        assert_eq!(lx.len(), 2);
        let f = lx.found(1, 2, ()).unwrap();
        assert_eq!(&text[f.start..f.end], "１２");
        let f = lx.found(0, 2, ()).unwrap();
        assert_eq!(&text[f.start..f.end], "ab\u{00A0}\u{00A0}１２");
    }

    #[test]
    fn placeholders() {
        for t in [
            "--",
            "$--.--",
            "N/A",
            "n/a",
            "-.--",
            "Balance: —",
            "暂无",
            "—",
        ] {
            assert!(Lexed::new(t).has_placeholder(), "{t}");
        }
        for t in ["T-Mobile", "-5", "1-2", "", "Plan - Unlimited", "$0.00"] {
            assert!(!Lexed::new(t).has_placeholder(), "{t}");
        }
    }

    #[test]
    fn lower_char_agrees_with_the_standard_library_on_the_scripts_it_covers() {
        let covered = (0x20..0x250u32)
            .chain(0x386..0x3B0)
            .chain(0x400..0x460)
            .chain(0xFF00..0xFF60)
            .chain([0x1E9E]);
        for u in covered {
            let Some(c) = char::from_u32(u) else { continue };
            let mut std = c.to_lowercase();
            let expected = match (std.next(), std.next()) {
                (Some(l), None) => l,
                _ => c, // İ: two characters in the standard library, kept here.
            };
            // Latin Extended-B (U+0180…U+024F) is left as it is.
            if (0x180..0x250).contains(&u) {
                assert_eq!(lower_char(c), c, "U+{u:04X}");
            } else {
                assert_eq!(lower_char(c), expected, "U+{u:04X} {c}");
            }
        }
        assert_eq!(
            lowercase("GUTHABEN ÜBRIG · СЧЁТ · 剩余流量"),
            "guthaben übrig · счёт · 剩余流量"
        );
    }

    #[test]
    fn word_tables_give_the_group_of_the_first_word_accepted() {
        let table = "jan january|feb||mar march";
        let group = |w: &str| table_group(table, &|p| p == w);
        assert_eq!(group("jan"), Some(0));
        assert_eq!(group("january"), Some(0));
        assert_eq!(group("feb"), Some(1));
        // An empty group still counts: `mar` is in group 3.
        assert_eq!(group("march"), Some(3));
        assert_eq!(group("apr"), None);
        // No empty word between two separators or at the ends.
        assert_eq!(group(""), None);
        assert_eq!(table_group(" a|", &|p| p.is_empty()), None);
        // The first answer, in the table's order.
        let mut seen = Vec::new();
        let found = table_find(table, &mut |w| {
            seen.push(w.to_string());
            w.starts_with('f').then_some(w.len())
        });
        assert_eq!(found, Some((1, 3)));
        assert_eq!(seen, ["jan", "january", "feb"]);
        // Words compared ignoring case, CJK sequences by token.
        let lx = Lexed::new("Tomorrow 12月");
        assert!(lx.word_in(0, "today tomorrow"));
        assert_eq!(lx.word_group(0, "today|tomorrow"), Some(1));
        assert!(!lx.word_in(0, "today|morrow"));
        assert_eq!(lx.cjk_find(2, "年|日 月"), Some((1, 3)));
        assert_eq!(lx.cjk_any(2, "年"), None);
    }

    #[test]
    fn first_bytes_let_through_every_word_of_the_table_in_any_case() {
        assert_eq!(first_bytes(""), 0);
        assert_eq!(
            first_bytes("|a||B b"),
            (1 << b'a') | (1 << b'A') | (1 << b'b') | (1 << b'B')
        );
        // (A word that starts outside ASCII sets nothing: such tokens are never ruled out.)
        assert_eq!(first_bytes("über é"), 0);
        for table in [
            "jan january|feb février|mär",
            "unlimited ilimitado illimité",
            "x",
        ] {
            let firsts = first_bytes(table);
            for word in split_byte(table, b'|').flat_map(|g| split_byte(g, b' ')) {
                for form in [word.to_string(), word.to_ascii_uppercase()] {
                    let lx = Lexed::new(&form);
                    assert!(lx.may_be_in(0, firsts), "{table:?} {form:?}");
                    assert!(lx.word_in(0, table), "{table:?} {form:?}");
                }
            }
            // A word of another first letter (ASCII) is ruled out, as the table would.
            let lx = Lexed::new("zebra");
            assert!(!lx.may_be_in(0, firsts) && !lx.word_in(0, table));
        }
        // Out of range and not a word.
        let lx = Lexed::new("12");
        assert!(!lx.may_be_in(3, first_bytes("a")));
        assert!(!lx.may_be_in(0, first_bytes("a")));
    }

    proptest::proptest! {
        // Tables and words over a few letters, both cases, separators and a non-ASCII
        // letter: matches, near-matches and words across separators are frequent.
        #[test]
        fn the_byte_search_reads_any_table_as_table_group_does(
            table in "[abAB |\u{fc}]{0,40}",
            word in "[abAB |\u{fc}]{0,4}",
        ) {
            for fold in [false, true] {
                let expected = table_group(&table, &|p| {
                    if fold { p.eq_ignore_ascii_case(&word) } else { p == word }
                });
                proptest::prop_assert_eq!(table_word(&table, &word, true, fold), expected);
            }
            let in_list = !word.is_empty() && table.split(' ').any(|w| w == word);
            proptest::prop_assert_eq!(table_word(&table, &word, false, false).is_some(), in_list);
        }
    }

    #[test]
    fn the_byte_loop_reads_word_tables_as_table_group_does() {
        let tables = [
            "jan january|feb||mar march",
            "a|b c",
            " x  y |z",
            "",
            "|",
            "of out of|/",
            "ab abc|abcd a",
            // Longer than a step of `next_byte`, words across its 8-byte steps.
            "january february|march april|may june july|august september october|abcdefgh|a",
            "abcdefghijklmnop qrstuvw|xyz|||abcd abcdefg|abcdefgh abcdefghi",
            "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
        ];
        let words = [
            "jan",
            "JANUARY",
            "feb",
            "march",
            "Mar",
            "a",
            "b",
            "c",
            "x",
            "y",
            "z",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "",
            "of",
            "out",
            "/",
            "|",
            "b c",
            "jan|",
            "August",
            "october",
            "abcdefgh",
            "abcdefghi",
            "abcdefg",
            "qrstuvw",
            "xyz",
            "abcdefghijklmnop",
            "dec",
            "DEC",
            "nov|dec",
            "september",
            "july|august",
        ];
        for table in tables {
            for word in words {
                for fold in [false, true] {
                    let expected = table_group(table, &|p| {
                        if fold {
                            p.eq_ignore_ascii_case(word)
                        } else {
                            p == word
                        }
                    });
                    assert_eq!(
                        table_word(table, word, true, fold),
                        expected,
                        "{table:?} {word:?} {fold}"
                    );
                }
                // Without groups `|` is a character of the words: a list split at spaces.
                let in_list = !word.is_empty() && table.split(' ').any(|w| w == word);
                assert_eq!(
                    table_word(table, word, false, false).is_some(),
                    in_list,
                    "{table:?} {word:?}"
                );
            }
        }
        assert_eq!(table_word("a|b", "a|b", false, false), Some(0));
        assert_eq!(table_word("a|b", "b", false, false), None);
    }

    #[test]
    fn split_byte_splits_as_str_split_does() {
        for text in ["", "a", "a b", " a  b ", "|x||y|", "über|小|", "a b|c"] {
            for sep in [b' ', b'|'] {
                let ours: Vec<&str> = split_byte(text, sep).collect();
                let std: Vec<&str> = text.split(sep as char).collect();
                assert_eq!(ours, std, "{text:?} {}", sep as char);
            }
        }
    }

    #[test]
    fn split_terminated_splits_as_str_split_terminator_does() {
        let texts = [
            "",
            "a",
            "a,",
            ",",
            ",,",
            "a,,",
            ",a",
            "a,b,",
            "a,b",
            "über,小,",
            "a,,b,",
        ];
        for text in texts {
            let ours: Vec<&str> = split_terminated(text, b',').collect();
            let std: Vec<&str> = text.split_terminator(',').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn before_any_cuts_at_the_first_of_the_characters() {
        assert_eq!(before_any("a/b?c#d", b"?#"), "a/b");
        assert_eq!(before_any("a/b#c?d", b"?#"), "a/b");
        assert_eq!(before_any("über?x", b"?"), "über");
        assert_eq!(before_any("abc", b"?#"), "abc");
        assert_eq!(before_any("?abc", b"?"), "");
    }
}
