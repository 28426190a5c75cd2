//! Dates: ISO, numeric with `/`, `-`, `.`, month names (English, Spanish, German,
//! French), Chinese/Japanese/Korean `年月日`, and relative dates (`in 12 days`,
//! `tomorrow`, `12天后`).
use super::text::{is_dash, scan, settle, Hit, Kind, Lexed};
use super::{Found, ParseError};
use crate::date::{days_in_month, Date};
use crate::json::int_text;

/// Day/month order for numeric dates, from the page language and carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// US style `MM/DD/YYYY`.
    Mdy,
    /// European style `DD.MM.YYYY`, `DD/MM/YYYY`.
    Dmy,
    /// Unknown: a numeric date whose order matters is refused as ambiguous.
    #[default]
    Unknown,
}

/// The order of numeric dates on a page in language `lang` (a BCP 47 tag such as
/// `en-US`, `de`, `zh-CN`). US English and US Spanish write month first; other English
/// regions and European languages day first; Chinese, Japanese and Korean pages write
/// year-first dates in full and month first in short (`12/09`). Canadian English and
/// unknown or empty tags give `Unknown`.
pub fn date_order_for_lang(lang: &str) -> DateOrder {
    let lang = lang.trim().to_ascii_lowercase();
    let mut parts = super::text::split_where(&lang, |c| c == '-' || c == '_');
    let primary = parts.next().unwrap_or("");
    let region = parts
        .find(|p| p.len() == 2 || p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or("");
    // Word lists as strings (one search, no match table of string comparisons).
    let is = |list: &str, word: &str| super::text::table_word(list, word, true, false).is_some();
    if primary == "en" {
        if region.is_empty() || is("us ph um as gu pr vi", region) {
            DateOrder::Mdy
        } else if region == "ca" {
            DateOrder::Unknown
        } else {
            DateOrder::Dmy
        }
    } else if primary == "es" && region == "us" || is("zh ja ko", primary) {
        DateOrder::Mdy
    } else if is(
        "es de fr it pt nl ru pl tr sv da nb nn no fi cs sk el ro uk id vi ca gl eu",
        primary,
    ) {
        DateOrder::Dmy
    } else {
        DateOrder::Unknown
    }
}

/// Reads the date a short text gives. `today` anchors relative dates and dates without
/// a year (the next occurrence on or after `today`).
///
/// Errors: `Sentinel` for dates meaning "none" (`0000-00-00`, `12/31/1969`, any year
/// before 2000 or after 2100); `Ambiguous` when `order` is `Unknown` and both numeric
/// parts could be the month; `Invalid` for impossible dates (Feb 30); `Placeholder`;
/// `NotFound`.
pub fn parse_date(text: &str, today: Date, order: DateOrder) -> Result<Date, ParseError> {
    let lx = Lexed::new(text);
    settle(&lx, scan(&lx, |i, _| match_date(&lx, i, today, order)))
}

/// Every date in `text` that reads without doubt, with byte spans into `text`.
pub fn find_dates(text: &str, today: Date, order: DateOrder) -> Vec<Found<Date>> {
    let lx = Lexed::new(text);
    super::text::only_ok(scan(&lx, |i, _| match_date(&lx, i, today, order)))
}

/// True when `word` is a month's name or abbreviation (`Oct`, `October`, `octubre`).
pub fn is_month_name(word: &str) -> bool {
    month_number(word).is_some()
}

/// The month (1–12) `word` names (`Oct`, `October`, `octubre`).
pub fn month_number(word: &str) -> Option<u8> {
    super::text::table_word(MONTHS, word, true, true).map(|g| g as u8 + 1)
}

/// The year and month of a text that is only a month of a year: a billing period
/// (`2026年10月`, `2026-10`, `10/2026`, `Oct 2026`).
pub fn parse_year_month(text: &str) -> Option<(i32, u8)> {
    let text = super::text::fold_figures(text);
    let text = text.trim();
    let mut nums =
        super::text::split_where(text, |c| !c.is_ascii_digit()).filter(|n| !n.is_empty());
    let mut rest = String::new();
    for c in text.chars() {
        if !c.is_ascii_digit() {
            rest.push(c);
        }
    }
    let rest = rest.trim();
    let (first, second) = (nums.next()?, nums.next());
    if nums.next().is_some() {
        return None;
    }
    let year_of =
        |y: &str| super::text::parse_signed::<i32>(y).filter(|y| (1000..=9999).contains(y));
    let (year, month) = match second {
        Some(m) if first.len() == 4 && m.len() <= 2 && matches!(rest, "年月" | "-" | "/" | ".") => {
            (year_of(first)?, super::text::parse_unsigned::<u8>(m)?)
        }
        Some(y) if first.len() <= 2 && y.len() == 4 && matches!(rest, "-" | "/" | ".") => {
            (year_of(y)?, super::text::parse_unsigned::<u8>(first)?)
        }
        None if first.len() == 4 && text.ends_with(first) => (
            year_of(first)?,
            month_number(super::text::trim_end_where(rest, |c| c == '.' || c == ','))?,
        ),
        _ => return None,
    };
    (1..=12).contains(&month).then_some((year, month))
}

/// Month names and abbreviations (a word table, see `text::table_find`): one group per
/// month, January first.
const MONTHS: &str = "jan january ene enero januar jän jänner janv janvier\
    |feb february febrero februar févr fév février fevrier\
    |mar march marzo mär märz maerz mars\
    |apr april abr abril avr avril\
    |may mayo mai\
    |jun june junio juni juin\
    |jul july julio juli juil juillet\
    |aug august ago agosto août aout\
    |sep sept september septiembre setiembre septembre\
    |oct october octubre okt oktober octobre\
    |nov november noviembre novembre\
    |dec december dic diciembre dez dezember déc décembre";

const ORDINALS: &str = "st nd rd th º ª er";

/// Relative day words (word tables, see `text::table_find`), one group per offset from
/// today of `DAY_OFFSETS`.
const MONTH_FIRSTS: u128 = super::text::first_bytes(MONTHS);
const DAY_WORDS: &str =
    "today hoy heute aujourd|tomorrow mañana morgen demain|übermorgen|yesterday ayer gestern";
const CJK_DAY_WORDS: &str = "今天 今日|明天 明日|后天 後天|昨天";
const DAY_OFFSETS: [i64; 4] = [0, 1, 2, -1];
/// Units of relative dates (a word table): days, then weeks.
const SPAN_WORDS: &str =
    "day days día días dia dias tag tage tagen jour jours|week weeks semana semanas woche wochen";
/// Words before `N days` that make it a recurrence (`every 30 days`).
const EVERY: &str = "every each cada alle jeden tous toutes";
const FUTURE_PREFIX: &str = "in en within dans noch";
const PAST_PREFIX: &str = "hace vor";
const PAST_SUFFIX: &str = "ago";
const AFTER_SUFFIX: &str = "left remaining restantes übrig later";

/// The month (1–12) token `i` names.
fn month_at(lx: &Lexed, i: usize) -> Option<u8> {
    if !lx.may_be_in(i, MONTH_FIRSTS) {
        return None;
    }
    lx.word_group(i, MONTHS).map(|g| g as u8 + 1)
}

fn match_date(lx: &Lexed, i: usize, today: Date, order: DateOrder) -> Option<Hit<Date>> {
    match lx.kind(i)? {
        Kind::Digits => {
            if !start_ok(lx, i) {
                return None;
            }
            year_first(lx, i)
                .or_else(|| numeric(lx, i, today, order))
                .or_else(|| cjk_month_day(lx, i, today))
                .or_else(|| day_month_name(lx, i, today))
                .or_else(|| relative(lx, i, i, 1, today))
        }
        Kind::Word => month_name_first(lx, i, today)
            .or_else(|| relative_prefix(lx, i, today))
            .or_else(|| {
                // "pasado mañana"
                if lx.word_in(i, "pasado") && lx.word_in(i + 1, "mañana") {
                    return Some((i, i + 2, offset(today, 2)));
                }
                let days = *DAY_OFFSETS.get(lx.word_group(i, DAY_WORDS)?)?;
                Some((i, i + 1, offset(today, days)))
            }),
        Kind::Cjk => monthly_day(lx, i, today).or_else(|| {
            let (group, end) = lx.cjk_find(i, CJK_DAY_WORDS)?;
            Some((i, end, offset(today, *DAY_OFFSETS.get(group)?)))
        }),
        Kind::Sym(_) => None,
    }
}

fn offset(today: Date, days: i64) -> Result<Date, ParseError> {
    today
        .add_days(days)
        .ok_or_else(|| ParseError::Invalid("relative date out of range".to_string()))
}

/// A numeric date may not continue a number, a word or another date (`v2.10.26`, `1/12/09`).
fn start_ok(lx: &Lexed, i: usize) -> bool {
    lx.starts_number(i) && !(i > 0 && lx.attached(i) && lx.is_word(i - 1))
}

/// A date may not run on into digits, a word (`3/20GB`), a time or another separator.
fn end_ok(lx: &Lexed, j: usize) -> bool {
    if !lx.attached(j) {
        return true;
    }
    match lx.kind(j) {
        None | Some(Kind::Cjk) => true,
        Some(Kind::Digits | Kind::Word) => false,
        Some(Kind::Sym(c)) => {
            let separator = matches!(c, '/' | '.' | ',' | ':') || is_dash(c);
            !(c == '%' || (separator && lx.attached(j + 1) && lx.is_digits(j + 1)))
        }
    }
}

fn num(s: &str) -> u32 {
    super::text::parse_unsigned(s).unwrap_or(u32::MAX)
}

/// A year of two or four digits; two digits mean 20YY.
fn year_of(s: &str) -> i32 {
    let y = i32::try_from(num(s)).unwrap_or(i32::MAX);
    if s.len() == 2 {
        2000 + y
    } else {
        y
    }
}

/// Years outside 2000–2100 stand for "no date" on carrier pages (`0000-00-00`,
/// `12/31/1969`, `1900-01-01`).
fn check_year(year: i32) -> Result<i32, ParseError> {
    if (2000..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(ParseError::Sentinel)
    }
}

/// `{n:02}` without `core::fmt`.
fn two_digits(n: u8) -> String {
    let mut out = String::new();
    crate::json::write_two_digits(&mut out, n.into());
    out
}

fn ymd(year: i32, month: u32, day: u32) -> Result<Date, ParseError> {
    let year = check_year(year)?;
    let month = u8::try_from(month).unwrap_or(0);
    let day = u8::try_from(day).unwrap_or(0);
    Date::new(year, month, day).ok_or_else(|| {
        ParseError::Invalid(
            [
                "no such date: ",
                &int_text(year.into()),
                "-",
                &two_digits(month),
                "-",
                &two_digits(day),
            ]
            .concat(),
        )
    })
}

/// The next `month`/`day` on or after `today`.
fn next_occurrence(today: Date, month: u32, day: u32) -> Result<Date, ParseError> {
    let (Ok(m), Ok(d)) = (u8::try_from(month), u8::try_from(day)) else {
        return Err(ParseError::Invalid("no such date".to_string()));
    };
    if d == 0 || d > days_in_month(2000, m) {
        return Err(ParseError::Invalid(
            ["no such date: ", &two_digits(m), "-", &two_digits(d)].concat(),
        ));
    }
    (today.year()..=today.year().saturating_add(8))
        .filter_map(|y| Date::new(y, m, d))
        .find(|&date| date >= today)
        .ok_or_else(|| ParseError::Invalid("date out of range".to_string()))
}

/// `每月1日` (the 1st of every month) at token `i`: its next occurrence on or after today.
fn monthly_day(lx: &Lexed, i: usize, today: Date) -> Option<Hit<Date>> {
    let at = lx.cjk_any(i, "每月")?;
    let d = u8::try_from(num(lx.digits(at, 1, 2)?)).ok()?;
    let end = lx.cjk_any(at + 1, "日 号 號")?;
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..3 {
        if let Some(date) = Date::new(y, m, d).filter(|&date| date >= today) {
            return Some((i, end, Ok(date)));
        }
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Some((
        i,
        end,
        Err(ParseError::Invalid("no such day of the month".to_string())),
    ))
}

/// Month and day from the two numbers of `a/b`, by `order`. When only one reading is
/// possible (a part above 12, or both equal) the order does not matter.
fn month_day(a: u32, b: u32, order: DateOrder) -> Result<(u32, u32), ParseError> {
    match order {
        _ if a == b => Ok((a, b)),
        DateOrder::Mdy if a <= 12 => Ok((a, b)),
        DateOrder::Dmy if b <= 12 => Ok((b, a)),
        _ if a > 12 && b <= 12 => Ok((b, a)),
        _ if b > 12 && a <= 12 => Ok((a, b)),
        DateOrder::Unknown if a <= 12 && b <= 12 => Err(ParseError::Ambiguous),
        _ => Err(ParseError::Invalid(
            [
                "no month in ",
                &int_text(a.into()),
                "/",
                &int_text(b.into()),
            ]
            .concat(),
        )),
    }
}

/// Skips a time after an ISO date: `T00:00:00`, `T00:00:00.000Z`, `T08:00+08:00`.
fn skip_time(lx: &Lexed, j: usize) -> usize {
    if !(lx.word_in(j, "t") && lx.attached(j) && lx.attached(j + 1) && lx.is_digits(j + 1)) {
        return j;
    }
    let mut k = j + 1;
    while lx.attached(k) && (lx.is_digits(k) || lx.is_sym(k, ':') || lx.is_sym(k, '.')) {
        k += 1;
    }
    if lx.attached(k) && lx.word_in(k, "z") {
        k += 1;
    } else if lx.attached(k)
        && (lx.is_sym(k, '+') || lx.sym(k).is_some_and(is_dash))
        && lx.attached(k + 1)
        && lx.is_digits(k + 1)
    {
        k += 2;
        while lx.attached(k) && (lx.is_digits(k) || lx.is_sym(k, ':')) {
            k += 1;
        }
    }
    k
}

/// `2026-12-09`, `2026/12/09`, `2026.12.09`, ISO with time, `2026年12月1日`.
fn year_first(lx: &Lexed, i: usize) -> Option<Hit<Date>> {
    // Taiwan's Minguo years (`115/12/10` = 2026-12-10), on bills of its carriers.
    if let Some(y) = lx.digits(i, 3, 3) {
        let sep = lx.sym(i + 1).filter(|&c| c == '/' || c == '.')?;
        let tight = (i + 1..=i + 4).all(|k| lx.attached(k));
        let m = lx.digits(i + 2, 1, 2)?;
        let d = lx.digits(i + 4, 1, 2)?;
        if !tight || !lx.is_sym(i + 3, sep) || !end_ok(lx, i + 5) || !y.starts_with('1') {
            return None;
        }
        let year = i32::try_from(num(y)).unwrap_or(0) + 1911;
        return Some((i, i + 5, ymd(year, num(m), num(d))));
    }
    let y = lx.digits(i, 4, 4)?;
    if let Some(sep @ ('-' | '/' | '.')) = lx.sym(i + 1) {
        let tight = (i + 1..=i + 4).all(|k| lx.attached(k));
        let m = lx.digits(i + 2, 1, 2)?;
        let d = lx.digits(i + 4, 1, 2)?;
        if !tight || !lx.is_sym(i + 3, sep) {
            return None;
        }
        let end = skip_time(lx, i + 5);
        if !end_ok(lx, end) {
            return None;
        }
        return Some((i, end, ymd(year_of(y), num(m), num(d))));
    }
    let after_year = lx.cjk_any(i + 1, "年 년")?;
    let (month, day, end) = cjk_md_at(lx, after_year)?;
    Some((i, end, ymd(year_of(y), month, day)))
}

/// `12月1日`, `12月1号`, `12월 1일` at token `i`: month, day, index after.
fn cjk_md_at(lx: &Lexed, i: usize) -> Option<(u32, u32, usize)> {
    let m = lx.digits(i, 1, 2)?;
    let after_month = lx.cjk_any(i + 1, "月 월")?;
    let d = lx.digits(after_month, 1, 2)?;
    let end = lx.cjk_any(after_month + 1, "日 号 號 일")?;
    Some((num(m), num(d), end))
}

fn cjk_month_day(lx: &Lexed, i: usize, today: Date) -> Option<Hit<Date>> {
    let (m, d, end) = cjk_md_at(lx, i)?;
    Some((i, end, next_occurrence(today, m, d)))
}

/// `12/09/2026`, `12-09-26`, `30.12.2026`, `30. 1. 2024`, `12/09`, `30.12.`.
fn numeric(lx: &Lexed, i: usize, today: Date, order: DateOrder) -> Option<Hit<Date>> {
    let a = lx.digits(i, 1, 2)?;
    let sep = lx
        .sym(i + 1)
        .filter(|&c| matches!(c, '/' | '.') || c == '-')?;
    // Dotted dates may have spaces after the dots (`30. 1. 2024`).
    let loose = |k: usize| sep == '.' || lx.attached(k);
    if !lx.attached(i + 1) || !loose(i + 2) {
        return None;
    }
    let b = lx.digits(i + 2, 1, 2)?;
    if lx.is_sym(i + 3, sep) && lx.attached(i + 3) && loose(i + 4) {
        if let Some(y) = lx.digits(i + 4, 2, 2).or_else(|| lx.digits(i + 4, 4, 4)) {
            if !end_ok(lx, i + 5) {
                return None;
            }
            let (a, b, year) = (num(a), num(b), year_of(y));
            let value = check_year(year).and_then(|year| {
                let (month, day) = if sep == '.' {
                    (b, a)
                } else {
                    month_day(a, b, order)?
                };
                // `12/31/69`, `01/01/70`: the Unix epoch written with two-digit years.
                if y.len() == 2 && matches!((month, day, year), (12, 31, 2069) | (1, 1, 2070)) {
                    return Err(ParseError::Sentinel);
                }
                ymd(year, month, day)
            });
            return Some((i, i + 5, value));
        }
        // `30.12.` without a year.
        if sep == '.' && lx.attached(i + 3) && end_ok(lx, i + 4) {
            return Some((i, i + 4, next_occurrence(today, num(b), num(a))));
        }
        return None;
    }
    if sep != '/' || !lx.attached(i + 2) || !end_ok(lx, i + 3) {
        return None;
    }
    let value = month_day(num(a), num(b), order).and_then(|(m, d)| next_occurrence(today, m, d));
    Some((i, i + 3, value))
}

/// Skips an ordinal suffix (`9th`, `1º`) and returns the index after the day.
fn after_day(lx: &Lexed, j: usize) -> usize {
    if lx.attached(j) && lx.word_in(j, ORDINALS) {
        j + 1
    } else {
        j
    }
}

/// An optional `, 2026` / `de 2026` / ` 2026` at `j`: the year and the index after it.
fn trailing_year(lx: &Lexed, j: usize) -> (Option<i32>, usize) {
    let mut k = j;
    if lx.is_sym(k, ',') || lx.word_in(k, "de del") {
        k += 1;
    }
    match lx.digits(k, 4, 4) {
        Some(y) if end_ok(lx, k + 1) => (Some(year_of(y)), k + 1),
        _ => (None, j),
    }
}

fn dated(year: Option<i32>, month: u8, day: u32, today: Date) -> Result<Date, ParseError> {
    match year {
        Some(y) => ymd(y, u32::from(month), day),
        None => next_occurrence(today, u32::from(month), day),
    }
}

/// `9 Dec`, `9 December 2026`, `9. Dezember 2026`, `9 de diciembre de 2026`, `9th Dec`.
fn day_month_name(lx: &Lexed, i: usize, today: Date) -> Option<Hit<Date>> {
    let day = num(lx.digits(i, 1, 2)?);
    let mut j = after_day(lx, i + 1);
    // `12/dic/2026`, `12-Dec-2026`: day, month and year joined by a slash or dash.
    let joint = |k: usize| lx.attached(k) && lx.sym(k).is_some_and(|c| c == '/' || is_dash(c));
    let joined = joint(j);
    if joined {
        j += 1;
    }
    if lx.is_sym(j, '.') && lx.attached(j) {
        j += 1;
    }
    if lx.word_in(j, "de") {
        j += 1;
    }
    let month = month_at(lx, j)?;
    if j == i + 1 && lx.attached(j) {
        return None; // `9dec`
    }
    j += 1;
    if lx.is_sym(j, '.') && lx.attached(j) {
        j += 1;
    }
    if joined && joint(j) && lx.attached(j + 1) {
        if let (Some(y), end) = trailing_year(lx, j + 1) {
            return Some((i, end, dated(Some(y), month, day, today)));
        }
    }
    if !end_ok(lx, j) {
        return None;
    }
    let (year, end) = trailing_year(lx, j);
    Some((i, end, dated(year, month, day, today)))
}

/// `Dec 9`, `Dec. 9`, `December 9th, 2026`, `Dec 9 2026`.
fn month_name_first(lx: &Lexed, i: usize, today: Date) -> Option<Hit<Date>> {
    let month = month_at(lx, i)?;
    let mut j = i + 1;
    if lx.is_sym(j, '.') && lx.attached(j) {
        j += 1;
    }
    let d = lx.digits(j, 1, 2)?;
    if !lx.starts_number(j) {
        return None;
    }
    let day = num(d);
    if !(1..=31).contains(&day) {
        return None;
    }
    let after = after_day(lx, j + 1);
    // `mar. 9 dic.`: a weekday abbreviation before a day-first date; `Tarifa Mar 25 GB`:
    // a plan's name and its allowance.
    if month_at(lx, after).is_some()
        || !end_ok(lx, after)
        || lx.word_in(j + 1, "gb mb kb tb gib mib")
    {
        return None;
    }
    let (year, end) = trailing_year(lx, after);
    Some((i, end, dated(year, month, day, today)))
}

/// `12 days`, `12 days left`, `3 days ago`, `12天`, `12天后`, `12日後` at digit run `i`;
/// `first` is where the match starts (a prefix word), `sign` +1 or −1.
fn relative(lx: &Lexed, first: usize, i: usize, sign: i64, today: Date) -> Option<Hit<Date>> {
    let n = lx.digits(i, 1, 12)?;
    // `renews every 30 days`, `cada 30 días`, `每30天`: a recurrence, no date.
    if first == i && i > 0 && (lx.word_in(i - 1, EVERY) || lx.cjk_seq(i - 1, "每").is_some()) {
        return None;
    }
    // `verlängert sich um 4 Wochen`, `extended by 30 days`: a term's length, no date.
    if first == i && i > 0 && lx.word_in(i - 1, "um by") {
        return None;
    }
    // `$40.00 for 30 days`, `$55.00 USD por 30 días`: a price's term, no date.
    if first == i
        && i >= 2
        && lx.word_in(i - 1, "for por per pour für")
        && (lx.is_digits(i - 2) || lx.word_in(i - 2, "usd eur gbp cad aud mxn"))
    {
        return None;
    }
    let (unit, mut end) = if let Some(g) = lx.word_group(i + 1, SPAN_WORDS) {
        (if g == 0 { 1 } else { 7 }, i + 2)
    } else if let Some(end) = lx.cjk_seq(i + 1, "天") {
        (1, end)
    } else if let Some(end) = lx.cjk_any(i + 1, "日後 日后") {
        (1, end - 1)
    } else {
        return None;
    };
    let mut sign = sign;
    if lx.word_in(end, PAST_SUFFIX) || lx.cjk_seq(end, "前").is_some() {
        sign = -1;
        end += 1;
    } else if lx.word_in(end, AFTER_SUFFIX) || lx.cjk_any(end, "后 後").is_some() {
        end += 1;
    }
    let n = i64::from(num(n));
    let days = n.checked_mul(unit).and_then(|d| d.checked_mul(sign));
    let value = days
        .ok_or_else(|| ParseError::Invalid("relative date out of range".to_string()))
        .and_then(|d| offset(today, d));
    Some((first, end, value))
}

/// `in 12 days`, `en 12 días`, `in 12 Tagen`, `hace 3 días`, `vor 3 Tagen`.
fn relative_prefix(lx: &Lexed, i: usize, today: Date) -> Option<Hit<Date>> {
    let sign = if lx.word_in(i, FUTURE_PREFIX) {
        1
    } else if lx.word_in(i, PAST_PREFIX) {
        -1
    } else {
        return None;
    };
    relative(lx, i, i + 1, sign, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateOrder::*;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }
    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }
    fn date(text: &str, order: DateOrder) -> Date {
        parse_date(text, today(), order).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn iso_and_year_first() {
        for t in [
            "2026-12-09",
            "2026-12-09T00:00:00",
            "2026-12-09T00:00:00.000Z",
            "2026-12-09T08:00:00+08:00",
            "2026/12/09",
            "2026.12.09",
            "2026-12-9",
            "2026年12月9日",
            "2026 年 12 月 9 日",
            "截至 2026-12-09 08:00",
            "2026년 12월 9일",
        ] {
            assert_eq!(date(t, Unknown), d(2026, 12, 9), "{t}");
        }
        // Taiwan's Minguo calendar: year 115 is 2026.
        assert_eq!(date("115/12/09", Mdy), d(2026, 12, 9));
        assert_eq!(date("115.12.09", Unknown), d(2026, 12, 9));
        assert!(parse_date("115/13/09", today(), Mdy).is_err());
        assert!(parse_date("250/12/09", today(), Mdy).is_err());
        assert!(find_dates("115/12", today(), Mdy).is_empty());
    }

    #[test]
    fn numeric_with_order() {
        assert_eq!(date("12/09/2026", Mdy), d(2026, 12, 9));
        assert_eq!(date("12/09/2026", Dmy), d(2026, 9, 12));
        assert_eq!(
            parse_date("12/09/2026", today(), Unknown),
            Err(ParseError::Ambiguous)
        );
        assert_eq!(date("01/02/2026", Mdy), d(2026, 1, 2));
        assert_eq!(date("01/02/2026", Dmy), d(2026, 2, 1));
        assert_eq!(date("13/01/2026", Unknown), d(2026, 1, 13));
        assert_eq!(date("01/13/2026", Unknown), d(2026, 1, 13));
        assert_eq!(date("05/05/2026", Unknown), d(2026, 5, 5));
        assert_eq!(date("12/09/26", Mdy), d(2026, 12, 9));
        assert_eq!(date("12-09-2026", Mdy), d(2026, 12, 9));
        assert_eq!(
            date("Current plan active until 08/10/2027 and will renew", Mdy),
            d(2027, 8, 10)
        );
        assert_eq!(date("30.12.2026", Mdy), d(2026, 12, 30));
        assert_eq!(date("30. 1. 2027", Unknown), d(2027, 1, 30));
        assert_eq!(date("01.02.2027", Mdy), d(2027, 2, 1));
        assert!(matches!(
            parse_date("13/13/2026", today(), Mdy),
            Err(ParseError::Invalid(_))
        ));
    }

    #[test]
    fn year_less_dates_are_the_next_occurrence() {
        assert_eq!(date("12/9", Mdy), d(2026, 12, 9));
        assert_eq!(date("1/3", Mdy), d(2027, 1, 3));
        assert_eq!(date("11/26", Mdy), today());
        assert_eq!(date("11/25", Mdy), d(2027, 11, 25));
        assert_eq!(
            parse_date("1/3", today(), Unknown),
            Err(ParseError::Ambiguous)
        );
        assert_eq!(date("30.12.", Unknown), d(2026, 12, 30));
        assert_eq!(date("2/29", Mdy), d(2028, 2, 29));
        assert!(matches!(
            parse_date("2/30", today(), Mdy),
            Err(ParseError::Invalid(_))
        ));
        assert!(matches!(
            parse_date("Feb 30", today(), Mdy),
            Err(ParseError::Invalid(_))
        ));
        assert_eq!(date("12月1日", Unknown), d(2026, 12, 1));
        assert_eq!(date("12月1号", Unknown), d(2026, 12, 1));
        assert_eq!(date("1月3日到期", Unknown), d(2027, 1, 3));
        // A day of every month: its next occurrence.
        assert_eq!(date("每月1日", Unknown), d(2026, 12, 1));
        assert_eq!(date("每月28号", Unknown), d(2026, 11, 28));
        assert_eq!(date("每月3日", Unknown), d(2026, 12, 3));
    }

    #[test]
    fn month_names() {
        for t in [
            "Dec 9, 2026",
            "Dec 9 2026",
            "December 9",
            "Dec 9",
            "9 Dec",
            "9 December 2026",
            "Dec. 9",
            "Tue, Dec 9",
            "Dec 9th",
            "December 9th, 2026",
            "9th Dec",
            "DEC 09",
            "9 dic.",
            "9/dic/2026",
            "09-Dec-2026",
            "9 de diciembre de 2026",
            "9. Dezember 2026",
            "9. Dez.",
            "Dienstag, 9. Dez. 2026",
            "mar. 9 dic.",
            "9 décembre 2026",
            "Due on Dec 9.",
        ] {
            assert_eq!(date(t, Unknown), d(2026, 12, 9), "{t}");
        }
        assert_eq!(date("3. März 2027", Unknown), d(2027, 3, 3));
        assert_eq!(date("Aug 28 2027", Unknown), d(2027, 8, 28));
        assert_eq!(date("Jan 3", Unknown), d(2027, 1, 3));
        assert_eq!(date("15 de enero", Unknown), d(2027, 1, 15));
        // A plan's name and allowance, not a date.
        for t in ["Tarifa Mar 25 GB", "Mar 25 GB", "Plan May 10 MB"] {
            assert!(find_dates(t, today(), Unknown).is_empty(), "{t}");
        }
        assert_eq!(
            parse_date("Dec 2026", today(), Unknown),
            Err(ParseError::NotFound)
        );
    }

    #[test]
    fn relative_dates() {
        let t = today();
        let cases: &[(&str, i64)] = &[
            ("in 12 days", 12),
            ("12 days left", 12),
            ("12 days", 12),
            ("Cycle ends in 12 days", 12),
            ("80 days left", 80),
            ("1 day", 1),
            ("tomorrow", 1),
            ("Today", 0),
            ("明天", 1),
            ("今天", 0),
            ("后天", 2),
            ("12天后", 12),
            ("剩余12天", 12),
            ("还有12天", 12),
            ("en 12 días", 12),
            ("in 12 Tagen", 12),
            ("noch 12 Tage", 12),
            ("3 days ago", -3),
            ("hace 3 días", -3),
            ("vor 3 Tagen", -3),
            ("in 2 weeks", 14),
            ("pasado mañana", 2),
            ("12日後", 12),
            ("3天前", -3),
        ];
        for &(text, days) in cases {
            assert_eq!(date(text, Unknown), t.add_days(days).unwrap(), "{text}");
        }
        assert!(matches!(
            parse_date("in 99999999 days", t, Unknown),
            Err(ParseError::Invalid(_))
        ));
        assert_eq!(
            parse_date("30-day plan", t, Unknown),
            Err(ParseError::NotFound)
        );
    }

    #[test]
    fn sentinels() {
        for t in [
            "0000-00-00",
            "12/31/1969",
            "01/01/1970",
            "1900-01-01",
            "2101-01-01",
            "12/31/69",
            "00/00/0000",
            "Dec 31, 1969",
            "1999年1月1日",
        ] {
            assert_eq!(
                parse_date(t, today(), Mdy),
                Err(ParseError::Sentinel),
                "{t}"
            );
            assert_eq!(
                parse_date(t, today(), Unknown),
                Err(ParseError::Sentinel),
                "{t}"
            );
        }
        assert!(find_dates("Expires 0000-00-00", today(), Mdy).is_empty());
    }

    #[test]
    fn not_dates() {
        for t in [
            "", "3/20GB", "59.92", "v2.10.26", "5 GB", "$15.00", "40%", "1,234",
        ] {
            assert_eq!(
                parse_date(t, today(), Mdy),
                Err(ParseError::NotFound),
                "{t}"
            );
        }
        assert_eq!(parse_date("--", today(), Mdy), Err(ParseError::Placeholder));
        assert_eq!(
            parse_date("N/A", today(), Mdy),
            Err(ParseError::Placeholder)
        );
        assert!(matches!(
            parse_date("2026-02-30", today(), Mdy),
            Err(ParseError::Invalid(_))
        ));
    }

    #[test]
    fn a_recurrence_is_no_date() {
        for t in [
            "renews every 28 days",
            "cada 30 días",
            "alle 4 Wochen",
            "每30天续订一次",
            "$40.00 for 30 days",
            "$55.00 USD por 30 días",
            "verlängert sich automatisch um 4 Wochen",
            "your plan is extended by 30 days",
        ] {
            assert!(find_dates(t, today(), Mdy).is_empty(), "{t}");
        }
        assert_eq!(
            date("renews in 28 days", Mdy),
            today().add_days(28).unwrap()
        );
        assert_eq!(
            date("active for 12 days", Mdy),
            today().add_days(12).unwrap()
        );
    }

    #[test]
    fn spans() {
        let text = "Bill \u{200E}12/09/2026\u{200F}, renews Dec 9th, 2026 (in 13 days); 01/02/2027";
        let found = find_dates(text, today(), Mdy);
        let slices: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(
            slices,
            ["12/09/2026", "Dec 9th, 2026", "in 13 days", "01/02/2027"]
        );
        // Unknown order: the ambiguous dates are not found at all.
        let found = find_dates(text, today(), Unknown);
        let slices: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(slices, ["Dec 9th, 2026", "in 13 days"]);
    }

    #[test]
    fn order_for_lang() {
        for (lang, order) in [
            ("en-US", Mdy),
            ("en", Mdy),
            ("es-US", Mdy),
            ("en-GB", Dmy),
            ("en-AU", Dmy),
            ("en-IN", Dmy),
            ("de", Dmy),
            ("de-DE", Dmy),
            ("es", Dmy),
            ("fr-FR", Dmy),
            ("it", Dmy),
            ("pt-BR", Dmy),
            ("zh-CN", Mdy),
            ("zh-Hant-HK", Mdy),
            ("ja", Mdy),
            ("ko-KR", Mdy),
            ("", Unknown),
            ("xx", Unknown),
            ("en-CA", Unknown),
            ("EN_us", Mdy),
            ("es-419", Dmy),
        ] {
            assert_eq!(date_order_for_lang(lang), order, "{lang}");
        }
    }

    // --- money fixer: billing periods ---
    #[test]
    fn a_month_of_a_year_alone_is_a_period() {
        assert_eq!(parse_year_month("2025年3月"), Some((2025, 3)));
        assert_eq!(parse_year_month(" ２０２５年０３月 "), Some((2025, 3)));
        assert_eq!(parse_year_month("2025-03"), Some((2025, 3)));
        assert_eq!(parse_year_month("03/2025"), Some((2025, 3)));
        assert_eq!(parse_year_month("March 2025"), Some((2025, 3)));
        assert_eq!(parse_year_month("Mar. 2025"), Some((2025, 3)));
        assert_eq!(parse_year_month("marzo 2025"), Some((2025, 3)));
        for t in [
            "2025-13",
            "2025-03-04",
            "25/03",
            "3 2025",
            "Plan 2025",
            "2025年3月账单",
            "12.50",
            "",
            "2025",
        ] {
            assert_eq!(parse_year_month(t), None, "{t}");
        }
    }
}
