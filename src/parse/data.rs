//! Data amounts: `5.0 GB`, `2.5GB of 10GB used`, `6,144 MB`, `59.92G`, `剩余 12.3GB`,
//! `已用：3/20GB`, `Unlimited`.
//!
//! Amounts are in MB with 1 GB = 1024 MB. A number needs a unit to be a data amount.
use super::text::{is_dash, may_be_word_of, scan, settle, table_word, Hit, Kind, Lexed};
use super::{Found, ParseError};

/// What a data text says. A bare amount (`6,144 MB`) fills `amount_mb`: its role
/// (remaining, used, total) comes from the label beside it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataReading {
    pub amount_mb: Option<f64>,
    pub remaining_mb: Option<f64>,
    pub used_mb: Option<f64>,
    pub total_mb: Option<f64>,
    pub unlimited: bool,
}

impl DataReading {
    /// Fills the fields `self` lacks from `other`.
    fn merge(&mut self, other: DataReading) {
        self.amount_mb = self.amount_mb.or(other.amount_mb);
        self.remaining_mb = self.remaining_mb.or(other.remaining_mb);
        self.used_mb = self.used_mb.or(other.used_mb);
        self.total_mb = self.total_mb.or(other.total_mb);
        self.unlimited |= other.unlimited;
    }
}

/// Largest amount accepted: 1 PB in MB.
const MAX_MB: f64 = 1024.0 * 1024.0 * 1024.0;

/// Units (a word table, see `text::table_find`), one group per size: `UNIT_MB`'s. Short
/// units (`G`, `M`) must touch the number; their groups are `UNIT_MB`'s from `kb`'s on.
const UNITS: &str = "b|kb kib|mb mib|gb gib|tb tib";
const SHORT_UNITS: &str = "k|m|g|t";
/// The size in MB of each group of `UNITS`.
const UNIT_MB: [f64; 5] = [
    1.0 / 1024.0 / 1024.0,
    1.0 / 1024.0,
    1.0,
    1024.0,
    1024.0 * 1024.0,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Remaining,
    Used,
    Total,
}

/// The role of each group of the role word tables below.
const ROLES: [Role; 3] = [Role::Remaining, Role::Used, Role::Total];

/// Role words (a word table, see `text::table_find`), one group per role of `ROLES`.
const ROLE_WORDS: &str =
    "left remaining leaving rem available avail restante restantes disponible \
    disponibles queda quedan übrig verbleibend verfügbar noch reste restant restants \
    disponibili disponibile residui residuo rimanenti restano pozostało zostało dostępne\
    |used consumed usado usados utilizado utilizados consumido consumidos consumiste usaste \
    gastaste verbraucht genutzt verwendet utilisé utilisés consommé consommés \
    utilizzati usati consumati wykorzystano zużyto wykorzystane\
    |total insgesamt";

/// Possessives between `of` and a total (`of your 15 GB`, `de tus 15 GB`).
/// The words between an amount and its total (`2 GB of 10 GB`, `de`, `von`, `sur`, `su`,
/// `di`, Polish `z`).
const OF_WORDS: &str = "of de von sur su di z";

const POSSESSIVES: &str =
    "your my the its their our his her tus tu sus su los mis deinen ihren deiner ihrer";

/// Role words that count only after an amount: `50 GB pool`, `10 GB allowance` are sizes,
/// but `Pool: 12 GB left` is not (all totals).
const SUFFIX_ROLE_WORDS: &str = "pool allowance";

/// CJK role keywords, one group per role of `ROLES`, strongest first within a class.
const CJK_REMAINING_USED: &str = "剩余 剩餘 余量 餘量 可用|已使用 已用 使用";
/// (The group of a total in `ROLES`.)
const CJK_TOTAL: &str = "||共 总 總";

const UNLIMITED_WORDS: &str =
    "unlimited ilimitado ilimitados ilimitada ilimitadas unbegrenzt unlimitiert illimité illimitée \
    illimitati illimitato illimitata illimitate nielimitowany nielimitowane";
const UNLIMITED_FIRSTS: u128 = super::text::first_bytes(UNLIMITED_WORDS);
const UNLIMITED_LENGTHS: u64 = super::text::word_lengths(UNLIMITED_WORDS);
/// (`UNITS`' and `SHORT_UNITS`' words.)
const UNIT_FIRSTS: u128 = super::text::first_bytes(UNITS) | super::text::first_bytes(SHORT_UNITS);
const UNIT_LENGTHS: u64 = super::text::word_lengths(UNITS) | super::text::word_lengths(SHORT_UNITS);
const UNLIMITED_CJK: &str = "不限流量 不限量 无限 無限 吃到飽 吃到饱";
/// No character of [`UNLIMITED_CJK`] (but its spaces) comes before this one: a character
/// before it (a mask's `•`, an accent) is not looked up in the list.
const CJK_FROM: char = '\u{3000}';
/// After "unlimited": these make it a talk/text allowance, not data …
const NOT_DATA_WORDS: &str = "talk text texts texting minutes mins min calls calling sms mms \
    messages messaging voice llamadas mensajes minutos minuten gespräche anrufe telefonie \
    minuti chiamate rozmowy minuty";
/// … unless one of these follows in the same list.
const DATA_WORDS: &str = "data datos daten internet dati giga";
/// Words that open what comes after a cap (`then unlimited at 128 kbps`, `Después, datos
/// ilimitados`): the slowed speed, no unlimited allowance.
pub(crate) const THEN_WORDS: &str =
    "then thereafter afterwards after después despues luego danach dann ensuite puis poi dopo";
/// Words that may stand between such a word and `unlimited` (`After that, unlimited`,
/// `Después de eso, datos ilimitados`).
pub(crate) const THEN_FILLERS: &str = "that eso de";
/// Words that put a speed after `unlimited` (`at 2G speeds`, `a velocidades de hasta
/// 128 kbps`).
const AT_WORDS: &str = "at a à mit con";
const LIST_WORDS: &str = "and y und plus international domestic nationwide high speed";
const NOT_DATA_CJK: &str = "通话 通話 短信 短訊 分钟 分鐘 语音 語音";
const DATA_CJK: &str = "流量 数据 數據";

/// Reads a data text. All amounts found are merged into one reading (`剩余 12.3GB 共
/// 20GB` gives remaining and total). Errors: `NotFound` (no amount with a unit),
/// `Placeholder` (`N/A`, `--`), `Invalid` (negative, above 1 PB, malformed digits).
pub fn parse_data(text: &str) -> Result<DataReading, ParseError> {
    let lx = Lexed::new(text);
    let hits = scan(&lx, |i, min| match_data(&lx, i, min));
    let mut merged: Option<DataReading> = None;
    let mut rest = Vec::new();
    for hit in hits {
        match hit.value {
            Ok(r) => match merged.as_mut() {
                Some(m) => m.merge(r),
                None => merged = Some(r),
            },
            Err(e) => rest.push(Found {
                start: hit.start,
                end: hit.end,
                value: Err(e),
            }),
        }
    }
    match merged {
        Some(r) => Ok(r),
        None => settle(&lx, rest),
    }
}

/// Whether `text` holds a word saying what an amount is (`used`, `left`, `restantes`,
/// `剩余`): `of 10 GB used` does, `de 15 GB` does not.
pub fn names_a_role(text: &str) -> bool {
    let lx = Lexed::new(text);
    (0..lx.len()).any(|j| has_role_word(&lx, j))
}

/// Every data amount in `text`, with byte spans into `text`.
pub fn find_data(text: &str) -> Vec<Found<DataReading>> {
    // (Most texts of a page hold no unit: not lexed at all.)
    if !may_hold_data(text) {
        return Vec::new();
    }
    lexed_data(text)
}

/// [`find_data`] without its pre-filter.
fn lexed_data(text: &str) -> Vec<Found<DataReading>> {
    let lx = Lexed::new(text);
    super::text::only_ok(scan(&lx, |i, min| match_data(&lx, i, min)))
}

/// False only when `text` holds no word a data amount needs, read from its bytes without
/// lexing it: every amount has a unit (`UNITS`, `SHORT_UNITS`: a total's, a share's, a
/// figure's own) or is an unlimited word (`UNLIMITED_WORDS`, `UNLIMITED_CJK`). A run of
/// ASCII letters between ASCII non-letters is one word of [`Lexed`]; anything the lexer
/// could read otherwise answers true: a run touching a character outside ASCII (part of a
/// longer word, or one an invisible mark splits), a full-width character (folded to ASCII),
/// a character of a CJK unlimited word.
fn may_hold_data(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut run: Option<usize> = None;
    for i in 0..=bytes.len() {
        let b = bytes.get(i).copied();
        if b.is_some_and(|b| b.is_ascii_alphabetic()) {
            run = run.or(Some(i));
            continue;
        }
        let Some(start) = run.take() else {
            continue;
        };
        let touches = b.is_some_and(|b| b >= 128)
            || start
                .checked_sub(1)
                .and_then(|p| bytes.get(p))
                .is_some_and(|&p| p >= 128);
        let word = text.get(start..i).unwrap_or("");
        let unit = may_be_word_of(word, UNIT_FIRSTS, UNIT_LENGTHS)
            && (table_word(UNITS, word, true, true).is_some()
                || table_word(SHORT_UNITS, word, true, true).is_some()
                || matches!(word, "Ko" | "Mo" | "Go"));
        let unlimited = || {
            may_be_word_of(word, UNLIMITED_FIRSTS, UNLIMITED_LENGTHS)
                && table_word(UNLIMITED_WORDS, word, false, true).is_some()
        };
        if touches || unit || unlimited() {
            return true;
        }
    }
    !text.is_ascii()
        && text.chars().any(|c| {
            ('\u{FF01}'..='\u{FF5E}').contains(&c)
                || (c >= CJK_FROM && super::text::has_char(UNLIMITED_CJK, c))
        })
}

/// An amount: the number (or why it is malformed), its unit in MB, index after it.
struct Amount {
    value: Result<f64, ParseError>,
    unit: Option<f64>,
    next: usize,
}

fn amount(lx: &Lexed, i: usize) -> Option<Amount> {
    let (number, after) = lx.number(i)?;
    // (French units as French writes them: `4,6 Go`, `500 Mo`; not `12 mo` or `go`.)
    let french = ["Ko", "Mo", "Go"]
        .iter()
        .position(|u| lx.is_word(after) && lx.str(after) == *u)
        .map(|g| g + 1);
    let mut unit = unit_mb(lx.word_group(after, UNITS).or(french)).map(|u| (u, after + 1));
    if unit.is_none() && lx.attached(after) {
        if let Some(u) = unit_mb(lx.word_group(after, SHORT_UNITS).map(|g| g + 1)) {
            let network_generation = lx.str(after).eq_ignore_ascii_case("g")
                && number.as_ref().is_ok_and(|d| {
                    d.frac.is_empty() && matches!(d.int.as_str(), "2" | "3" | "4" | "5" | "6")
                });
            // "T-Mobile", "5G" (a network, not 5 GB).
            let joined = lx.attached(after + 1) && lx.sym(after + 1).is_some_and(is_dash);
            if !network_generation && !joined {
                unit = Some((u, after + 1));
            }
        }
    }
    let value = number.and_then(|d| {
        d.to_f64()
            .ok_or_else(|| ParseError::Invalid("bad number".to_string()))
    });
    Some(match unit {
        Some((u, next)) => Amount {
            value,
            unit: Some(u),
            next,
        },
        None => Amount {
            value,
            unit: None,
            next: after,
        },
    })
}

/// A role keyword written before the number at `i` (`Used 3 GB`, `剩余通用流量 12.3GB`),
/// with the token it starts at.
fn prefix_role(lx: &Lexed, i: usize, min: usize) -> Option<(Role, usize)> {
    let mut k = i;
    if k > min && lx.is_sym(k - 1, ':') {
        k -= 1;
    }
    let last = k.checked_sub(1).filter(|&j| j >= min)?;
    if let Some(role) = role_word(lx, last) {
        return Some((role, last));
    }
    // A run of CJK characters ending just before the number.
    let mut first = last;
    while lx.kind(first) == Some(Kind::Cjk) && first > min && last - first < 12 {
        if lx.kind(first - 1) != Some(Kind::Cjk) || !lx.attached(first) {
            break;
        }
        first -= 1;
    }
    if lx.kind(first) != Some(Kind::Cjk) {
        return None;
    }
    for table in [CJK_REMAINING_USED, CJK_TOTAL] {
        let found = (first..=last)
            .rev()
            .find_map(|j| cjk_keyword(lx, j, last + 1, table).map(|role| (role, j)));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The keyword of `table` (groups of `ROLES`) standing at token `j` and ending by `limit`.
fn cjk_keyword(lx: &Lexed, j: usize, limit: usize, table: &str) -> Option<Role> {
    if lx.kind(j) != Some(Kind::Cjk) {
        return None;
    }
    let found =
        super::text::table_find(table, &mut |k| lx.cjk_seq(j, k).filter(|&end| end <= limit));
    role(found.map(|(g, _)| g))
}

/// The size in MB of a group of `UNITS` or `SHORT_UNITS`.
fn unit_mb(group: Option<usize>) -> Option<f64> {
    UNIT_MB.get(group?).copied()
}

/// The role of a group of `ROLES`.
fn role(group: Option<usize>) -> Option<Role> {
    ROLES.get(group?).copied()
}

/// The role word at token `j` (`ROLE_WORDS`).
fn role_word(lx: &Lexed, j: usize) -> Option<Role> {
    role(lx.word_group(j, ROLE_WORDS))
}

/// A role keyword written after an amount (`5 GB left`, `12.5GB 餘量`), unless it is the
/// label of a following number that has no keyword after it: `Remaining 5 GB Used 3 GB`
/// reads `Used` as 3 GB's, `3 GB used 5 GB left` reads it as 3 GB's too.
fn suffix_role(lx: &Lexed, j: usize) -> Option<(Role, usize)> {
    let (role, end) = if let Some(role) = role_word(lx, j) {
        (role, j + 1)
    } else if lx.word_in(j, SUFFIX_ROLE_WORDS) {
        (Role::Total, j + 1)
    } else {
        let (group, end) = lx.cjk_find(j, CJK_REMAINING_USED)?;
        (role(Some(group))?, end)
    };
    // Skip the rest of a CJK label run, then a colon: a number there owns the keyword.
    let mut k = end;
    while lx.kind(k) == Some(Kind::Cjk) && lx.attached(k) {
        k += 1;
    }
    if lx.is_sym(k, ':') {
        k += 1;
    }
    if lx.is_digits(k) && !amount(lx, k).is_some_and(|a| has_role_word(lx, a.next)) {
        return None;
    }
    Some((role, end))
}

/// `50 GB high-speed`, `15 GB high speed data`: the size of the fast bucket; a role
/// word after it still decides (`2 GB high-speed data left`).
fn high_speed_size(lx: &Lexed, j: usize) -> Option<(Role, usize)> {
    if !lx.word_in(j, "high") {
        return None;
    }
    let k = if lx.is_sym(j + 1, '-') { j + 2 } else { j + 1 };
    if !lx.word_in(k, "speed") {
        return None;
    }
    let k = if lx.word_in(k + 1, "data") {
        k + 2
    } else {
        k + 1
    };
    Some(suffix_role(lx, k).unwrap_or((Role::Total, k)))
}

/// A role keyword stands at `j` (without looking further).
fn has_role_word(lx: &Lexed, j: usize) -> bool {
    role_word(lx, j).is_some() || lx.cjk_any(j, CJK_REMAINING_USED).is_some()
}

/// `unlimited` (not "unlimited talk & text") at token `i`.
fn unlimited_at(lx: &Lexed, i: usize) -> Option<usize> {
    if lx.may_be_in(i, UNLIMITED_FIRSTS) && lx.word_in(i, UNLIMITED_WORDS) {
        // `10GB high-speed data, then unlimited at up to 128kbps`: the slowed speed
        // after a cap, not an unlimited allowance.
        // (Also `Después, datos ilimitados a velocidades de hasta 128 kbps`: the word
        // before, past a data word and a comma, or the one after; the engine decides
        // such an `unlimited` from its row.)
        let then_before = (1..=4).any(|back| {
            i.checked_sub(back).is_some_and(|p| {
                lx.word_in(p, THEN_WORDS)
                    && (p + 1..i).all(|k| {
                        lx.word_in(k, DATA_WORDS)
                            || lx.word_in(k, THEN_FILLERS)
                            || lx.sym(k) == Some(',')
                    })
            })
        });
        if lx.word_in(i + 1, AT_WORDS) || then_before {
            return None;
        }
        let mut saw_not_data = false;
        for k in i + 1..i + 11 {
            if lx.word_in(k, DATA_WORDS) {
                // (`unlimited data at 2G speeds`: the engine decides from its row.)
                if lx.word_in(k + 1, AT_WORDS) {
                    return None;
                }
                return Some(i + 1);
            } else if lx.word_in(k, NOT_DATA_WORDS) {
                saw_not_data = true;
            } else if !(lx.word_in(k, LIST_WORDS)
                || matches!(lx.sym(k), Some(',' | '&' | '+' | '/' | '-')))
            {
                break;
            }
        }
        return (!saw_not_data).then_some(i + 1);
    }
    let end = lx.cjk_any(i, UNLIMITED_CJK)?;
    let mut k = end;
    while k < end + 4 && lx.kind(k) == Some(Kind::Cjk) {
        if lx.cjk_any(k, DATA_CJK).is_some() {
            return Some(end);
        }
        if lx.cjk_any(k, NOT_DATA_CJK).is_some() {
            return None;
        }
        k += 1;
    }
    Some(end)
}

fn unlimited_reading() -> DataReading {
    DataReading {
        unlimited: true,
        ..Default::default()
    }
}

fn match_data(lx: &Lexed, i: usize, min: usize) -> Option<Hit<DataReading>> {
    if let Some(end) = unlimited_at(lx, i) {
        return Some((i, end, Ok(unlimited_reading())));
    }
    if !lx.starts_number(i) {
        return None;
    }
    let mut first = i;
    let negative = i > min
        && lx.attached(i)
        && lx.sym(i - 1).is_some_and(is_dash)
        && !(i >= 2
            && lx.attached(i - 1)
            && matches!(lx.kind(i - 2), Some(Kind::Digits | Kind::Word)));
    if negative {
        first = i - 1;
    }
    let prefix = prefix_role(lx, first, min);
    if let Some((_, at)) = prefix {
        first = at;
    }
    let a1 = amount(lx, i)?;
    let mut next = a1.next;
    // `62% of your 15GB`, `38% left of 10 GB`: a share of the total after it.
    let percent = a1.unit.is_none() && lx.is_sym(next, '%');
    if percent {
        next += 1;
        // (`62%` | `of your 15GB used`, `62%` | `Remaining Data` | `of 15 GB` in blocks
        // of their own: `|` joins them.)
        if lx.is_sym(next, '|') && lx.kind(next + 1) == Some(Kind::Word) {
            next += 1;
        }
        // The bucket's name before the role word (`72%` | `Data left` | `of 20 GB`).
        let k = share_bucket_words(lx, next);
        if suffix_role(lx, k).is_some() {
            next = k;
        }
    }
    // `1.5 GB (1,546.24 MB)`: the exact figure in brackets beside the rounded one.
    let mut exact = None;
    if let (Some(u1), Ok(v1)) = (a1.unit, &a1.value) {
        if lx.is_sym(next, '(') {
            if let Some(a2) = amount(lx, next + 1).filter(|a| lx.is_sym(a.next, ')')) {
                if let (Some(u2), Ok(v2)) = (a2.unit, a2.value) {
                    let (rounded, precise) = (v1 * u1, v2 * u2);
                    if (rounded - precise).abs() <= rounded * 0.05 {
                        exact = Some(precise);
                        next = a2.next + 1;
                    }
                }
            }
        }
    }
    let mut role = prefix.map(|(r, _)| r);
    // `4.096 MB` | `verfügbar von 10.240 MB`: a caption under the figure names its role
    // and its total.
    if role.is_none()
        && lx.is_sym(next, '|')
        && suffix_role(lx, next + 1).is_some_and(|(_, e)| lx.word_in(e, OF_WORDS))
    {
        next += 1;
    }
    if role.is_none() {
        if let Some((r, end)) = suffix_role(lx, next).or_else(|| high_speed_size(lx, next)) {
            role = Some(r);
            next = end;
        }
    }
    // A share's caption names its bucket before the total (`62%` | `Remaining High-Speed
    // Data` | `of 15 GB`).
    if percent && role.is_some() {
        let k = share_bucket_words(lx, next);
        if lx.word_in(k, OF_WORDS) || lx.word_in(k, "out") {
            next = k;
        }
    }
    // "of 10 GB", "/20GB", "out of 10 GB", "of unlimited".
    let mut total: Option<Result<f64, ParseError>> = None;
    let mut unit = a1.unit;
    let mut unlimited = false;
    let connector = if lx.word_in(next, OF_WORDS) || lx.is_sym(next, '/') {
        Some(next + 1)
    } else if lx.word_in(next, "out") && lx.word_in(next + 1, "of") {
        Some(next + 2)
    } else if percent && (lx.is_sym(next, '(') || lx.is_sym(next, ',')) {
        // `餘量 40%（共 30GB）`, `剩余 40%，共 30GB`: the total in an aside (not a bar's
        // fill beside a figure: `剩余 12.3 GB 40% 共 20GB`).
        lx.cjk_any(next + 1, "共 总 總")
    } else {
        None
    };
    // `of your 15 GB`, `de tus 15 GB`, `von deinen 15 GB`.
    let connector = connector.map(|c| {
        // `/ 共 5G`: a total word after the slash.
        let c = lx
            .cjk_any(c, "共 总 總")
            .filter(|&k| lx.is_digits(k))
            .unwrap_or(c);
        let k = past_possessive(lx, c);
        if lx.is_digits(k) {
            k
        } else {
            c
        }
    });
    if let Some(c) = connector {
        // `已用 1.2G / 3G`: after an amount in `G` and a slash, `3G` is its total, not a
        // network (`of 5G data` stays a network).
        let short_g = |k: usize| lx.attached(k) && lx.str(k).eq_ignore_ascii_case("g");
        // (Also after a total word, `已用 1.2G / 共 5G`, `已用 1.2G，总 5G`: `共 5G` is an
        // amount.)
        let generation_total = |a: Amount| match a.unit {
            None if (lx.is_sym(c - 1, '/') || lx.cjk_any(c - 1, "共 总 總") == Some(c))
                && a1.next > 0
                && short_g(a1.next - 1)
                && short_g(a.next) =>
            {
                Some(Amount {
                    unit: unit_mb(Some(3)),
                    next: a.next + 1,
                    ..a
                })
            }
            _ => Some(a),
        };
        if let Some(a2) = amount(lx, c)
            .and_then(generation_total)
            .filter(|a| a.unit.is_some())
        {
            let u2 = a2.unit.unwrap_or(1.0);
            unit = unit.or(Some(u2));
            total = Some(a2.value.map(|v| v * u2));
            next = a2.next;
        } else if let Some(end) = unlimited_at(lx, c) {
            unlimited = true;
            next = end;
        }
        if total.is_some() || unlimited {
            if role.is_none() {
                // `of your 30GB plan data left`: the bucket's name before the role word.
                let mut k = next;
                while k < next + 2 && lx.word_in(k, "plan data") {
                    k += 1;
                }
                if let Some((r, end)) = suffix_role(lx, next).or_else(|| suffix_role(lx, k)) {
                    role = Some(r);
                    next = end;
                }
            } else if lx.word_in(next, "total") {
                next += 1;
            }
        }
    }
    if percent {
        // The share in MB to two decimals; no total, no amount.
        let share = match (a1.value, total.clone()?) {
            (Ok(p), Ok(t)) if (0.0..=100.0).contains(&p) && !negative => {
                Ok((p * t).round() / 100.0)
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
            _ => Err(ParseError::Invalid("bad percentage".into())),
        };
        return Some((first, next, build(share, total, role, unlimited)));
    }
    let unit = unit?;
    if negative {
        return Some((
            first,
            next,
            Err(ParseError::Invalid("negative data amount".into())),
        ));
    }
    let mb = exact.map_or_else(|| a1.value.map(|v| v * unit), Ok);
    let reading = build(mb, total, role, unlimited);
    Some((first, next, reading))
}

/// Past the owner words before a total at token `c`: `your`, `this month's`, `the
/// cycle's` (`of this month's 20 GB`).
fn past_possessive(lx: &Lexed, c: usize) -> usize {
    let k = c + usize::from(lx.word_in(c, POSSESSIVES) || lx.word_in(c, "this"));
    let apostrophe = lx.is_sym(k + 1, '\'') || lx.is_sym(k + 1, '\u{2019}');
    if lx.kind(k) == Some(Kind::Word) && apostrophe && lx.word_in(k + 2, "s") {
        k + 3
    } else {
        k
    }
}

/// Past a share's bucket name from token `j` (`High-Speed Data`, and the `|` after it).
fn share_bucket_words(lx: &Lexed, j: usize) -> usize {
    let mut k = j;
    while k < j + 6 && (lx.word_in(k, "high speed data") || lx.is_sym(k, '-') || lx.is_sym(k, '|'))
    {
        k += 1;
    }
    k
}

fn checked(mb: Result<f64, ParseError>) -> Result<f64, ParseError> {
    let mb = mb?;
    if !mb.is_finite() || mb > MAX_MB {
        return Err(ParseError::Invalid("data amount above 1 PB".to_string()));
    }
    Ok(mb)
}

fn build(
    amount: Result<f64, ParseError>,
    total: Option<Result<f64, ParseError>>,
    role: Option<Role>,
    unlimited: bool,
) -> Result<DataReading, ParseError> {
    let amount = checked(amount)?;
    let mut reading = DataReading {
        unlimited,
        total_mb: total.map(checked).transpose()?,
        ..Default::default()
    };
    match role {
        Some(Role::Remaining) => reading.remaining_mb = Some(amount),
        Some(Role::Used) => reading.used_mb = Some(amount),
        Some(Role::Total) if reading.total_mb.is_none() => reading.total_mb = Some(amount),
        _ => reading.amount_mb = Some(amount),
    }
    Ok(reading)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str) -> DataReading {
        parse_data(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }
    fn amount(text: &str) -> Option<f64> {
        reading(text).amount_mb
    }

    #[test]
    fn cjk_unlimited_words_start_at_cjk_from() {
        assert!(UNLIMITED_CJK.chars().all(|c| c == ' ' || c >= CJK_FROM));
    }

    #[test]
    fn word_tables_lengths() {
        use super::super::text::word_lengths;
        assert_eq!(word_lengths(UNITS), 0b1110);
        assert_eq!(word_lengths("a|bcd  ef"), 0b1110);
        assert_eq!(UNLIMITED_LENGTHS.trailing_zeros(), 9);
        assert!(may_be_word_of("GB", UNIT_FIRSTS, UNIT_LENGTHS));
        assert!(!may_be_word_of("GBytes", UNIT_FIRSTS, UNIT_LENGTHS));
        assert!(!may_be_word_of("to", UNLIMITED_FIRSTS, UNLIMITED_LENGTHS));
    }

    #[test]
    fn texts_without_units_are_not_lexed() {
        for text in [
            "Oct 1|Call to (•••) •••-1000|1 min|Included",
            "Paid $35.00",
            "5 GBs",
            "",
        ] {
            assert!(!may_hold_data(text), "{text:?}");
        }
        for text in [
            "4.2 MB",
            "5G",
            "12 mb",
            "UNLIMITED",
            "3,4 GB übrig",
            "3.5ＧＢ",
            "5 G\u{AD}B",
            "unli\u{200B}mited",
            "不限量",
            "datosé",
        ] {
            assert!(may_hold_data(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        /// The pre-filter never drops a text the lexer reads an amount in.
        #[test]
        fn the_pre_filter_is_exact(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "5", "3.42", "1,024", " ", "\u{a0}", "GB", "gb", "G", "m", "MiB", "b", "B", "k",
                "T", "min", "msg", "Unlimited", "unlimited", "ilimitado", "illimité", "unbegrenzt",
                "data", "talk", "of", "/", "-", "%", "(", ")", "•", "é", "É", "\u{AD}", "\u{200B}",
                "\u{FEFF}", "ＧＢ", "３", "不限", "量", "无限", "無限", "流量", "剩余", "left", "x",
                "|", "$", "€",
            ]),
            1..6,
        )) {
            let text = parts.concat();
            proptest::prop_assert_eq!(find_data(&text), lexed_data(&text), "{:?}", text);
        }
    }

    #[test]
    fn units() {
        assert_eq!(amount("5.0 GB"), Some(5120.0));
        assert_eq!(amount("5GB"), Some(5120.0));
        assert_eq!(amount("5 gb"), Some(5120.0));
        assert_eq!(amount("512 MB"), Some(512.0));
        assert_eq!(amount("512 KB"), Some(0.5));
        assert_eq!(amount("1 TB"), Some(1_048_576.0));
        assert_eq!(amount("2 GiB"), Some(2048.0));
        assert_eq!(amount("59.92G"), Some(59.92 * 1024.0));
        assert_eq!(amount("78.5M"), Some(78.5));
        assert_eq!(amount("1T"), Some(1_048_576.0));
        assert_eq!(amount("512K"), Some(0.5));
    }

    #[test]
    fn a_percentage_of_a_stated_total_is_that_share_of_it() {
        let r = reading("You've used 62% of your 15GB");
        assert_eq!(r.used_mb, Some(9523.2));
        assert_eq!(r.total_mb, Some(15360.0));
        let r = reading("38% left of 10 GB");
        assert_eq!(r.remaining_mb, Some(3891.2));
        assert_eq!(r.total_mb, Some(10240.0));
        // Two decimals of MB.
        assert_eq!(reading("33.3% used of 5 GB").used_mb, Some(1704.96));
        // No role word: a meter's fill.
        assert_eq!(reading("45% of 2 GB").amount_mb, Some(921.6));
        // No total, a share of no data amount, or above the whole: no data.
        for text in ["62% used", "40%", "80% of your allowance", "140% of 10 GB"] {
            assert!(find_data(text).is_empty(), "{text}");
        }
        assert_eq!(reading("62%|of your 15GB used").used_mb, Some(9523.2));
        // The total's owner in words: `this month's`, `the cycle's`.
        let r = reading("You've used 73% of this month's 20 GB");
        assert_eq!((r.used_mb, r.total_mb), (Some(14950.4), Some(20480.0)));
        assert_eq!(
            reading("25% left of the cycle\u{2019}s 4 GB").remaining_mb,
            Some(1024.0)
        );
        assert!(find_data("40% of this month's allowance").is_empty());
        // Its caption between, in a block of its own.
        let r = reading("62%|Remaining High-Speed Data|of 15 GB");
        assert_eq!((r.remaining_mb, r.total_mb), (Some(9523.2), Some(15360.0)));
        assert_eq!(reading("68%|of your 10 GB data used").used_mb, Some(6963.2));
        assert_eq!(
            reading("72%|Data left|of 20 GB").remaining_mb,
            Some(14745.6)
        );
        // The total in an aside (CJK).
        let r = reading("餘量 40%（共 30GB）");
        assert_eq!((r.remaining_mb, r.total_mb), (Some(12288.0), Some(30720.0)));
        assert_eq!(reading("已使用 60%，共 30GB").used_mb, Some(18432.0));
        // A caption with no total is no share of anything.
        assert!(find_data("62%|Remaining High-Speed Data").is_empty());
        let found = find_data("12.3 GB 40% of 20GB");
        assert_eq!(
            found.first().map(|f| f.value.amount_mb),
            Some(Some(12595.2))
        );
    }

    #[test]
    fn a_high_speed_amount_without_a_role_word_is_the_buckets_size() {
        assert_eq!(reading("50 GB high-speed").total_mb, Some(51200.0));
        assert_eq!(reading("15 GB high speed data").total_mb, Some(15360.0));
        let r = reading("3.2 GB used · 50 GB high-speed");
        assert_eq!(r.used_mb, Some(3276.8));
        assert_eq!(r.total_mb, Some(51200.0));
        // A role word after it decides.
        let r = reading("2 GB high-speed data left");
        assert_eq!(r.remaining_mb, Some(2048.0));
        assert_eq!(r.total_mb, None);
        assert_eq!(reading("6.4 GB high-speed data used").used_mb, Some(6553.6));
        // `high` alone is no size.
        assert_eq!(reading("5 GB high").amount_mb, Some(5120.0));
    }

    #[test]
    fn an_exact_figure_in_brackets_beside_a_rounded_one_wins() {
        let r = reading("1.5 GB (1,546.24 MB) left of 5 GB");
        assert_eq!(r.remaining_mb, Some(1546.24));
        assert_eq!(r.total_mb, Some(5120.0));
        assert_eq!(reading("2 GB (2,101 MB) used").used_mb, Some(2101.0));
        // A figure in brackets that is no rendering of the same amount is not taken.
        assert_eq!(amount("1.5 GB (500 MB)"), Some(1536.0));
    }

    #[test]
    fn noch_before_an_amount_is_what_is_left() {
        let r = reading("Noch 13,7 GB von 25 GB");
        assert_eq!(r.remaining_mb, Some(13.7 * 1024.0));
        assert_eq!(r.total_mb, Some(25.0 * 1024.0));
    }

    #[test]
    fn pool_and_allowance_after_an_amount_are_its_size() {
        assert_eq!(reading("50 GB pool").total_mb, Some(51200.0));
        assert_eq!(reading("10 GB allowance").total_mb, Some(10240.0));
        // Before an amount they are no role: `Pool 12 GB left` is what is left.
        assert_eq!(reading("Pool 12 GB left").remaining_mb, Some(12288.0));
        assert_eq!(reading("Pool: 12 GB").amount_mb, Some(12288.0));
    }

    #[test]
    fn separators() {
        assert_eq!(amount("6,144 MB"), Some(6144.0));
        assert_eq!(amount("3,5 GB"), Some(3.5 * 1024.0));
        assert_eq!(amount("3'584 MB"), Some(3584.0));
        assert_eq!(amount("12’288 MB"), Some(12288.0));
        assert_ne!(amount("5'12 GB"), Some(512.0 * 1024.0));
        assert_eq!(amount("1.234,5 MB"), Some(1234.5));
        assert_eq!(amount("1,234.5 MB"), Some(1234.5));
        assert_eq!(amount("12,345,678 KB"), Some(12_345_678.0 / 1024.0));
        assert!(matches!(
            parse_data("1,23,4 GB"),
            Err(ParseError::Invalid(_))
        ));
    }

    #[test]
    fn a_role_word_is_named() {
        assert!(names_a_role("of 10 GB used"));
        assert!(names_a_role("remaining of 15 GB this month"));
        assert!(names_a_role("de 6 GB restantes"));
        assert!(!names_a_role("de 15 GB"));
        assert!(!names_a_role("of 20 GB"));
    }

    #[test]
    fn used_of_total() {
        let r = reading("2.5GB of 10GB used");
        assert_eq!((r.used_mb, r.total_mb), (Some(2560.0), Some(10240.0)));
        assert_eq!(r.amount_mb, None);
        let r = reading("2.5 of 10 GB used");
        assert_eq!((r.used_mb, r.total_mb), (Some(2560.0), Some(10240.0)));
        let r = reading("3 GB used of 10 GB");
        assert_eq!((r.used_mb, r.total_mb), (Some(3072.0), Some(10240.0)));
        let r = reading("Used 3 GB out of 10 GB");
        assert_eq!((r.used_mb, r.total_mb), (Some(3072.0), Some(10240.0)));
        let r = reading("2.5GB of 10GB");
        assert_eq!((r.amount_mb, r.total_mb), (Some(2560.0), Some(10240.0)));
        let r = reading("3.2 GB of Unlimited");
        assert_eq!((r.amount_mb, r.unlimited), (Some(3276.8), true));
    }

    #[test]
    fn remaining_and_used() {
        assert_eq!(reading("5 GB left").remaining_mb, Some(5120.0));
        assert_eq!(reading("5 GB remaining").remaining_mb, Some(5120.0));
        let r = reading("5 GB left of 10 GB");
        assert_eq!((r.remaining_mb, r.total_mb), (Some(5120.0), Some(10240.0)));
        assert_eq!(reading("3.2 GB used").used_mb, Some(3276.8));
        assert_eq!(reading("Data used: 3.2 GB").used_mb, Some(3276.8));
        assert_eq!(reading("Remaining: 5 GB").remaining_mb, Some(5120.0));
        assert_eq!(
            reading("Data usage is 3.21 GB").amount_mb,
            Some(3.21 * 1024.0)
        );
        // A role word before the next amount belongs to that amount.
        let r = reading("3 GB used 5 GB left");
        assert_eq!((r.used_mb, r.remaining_mb), (Some(3072.0), Some(5120.0)));
        let r = reading("Remaining 5 GB Used 3 GB");
        assert_eq!((r.used_mb, r.remaining_mb), (Some(3072.0), Some(5120.0)));
    }

    #[test]
    fn a_total_in_g_after_a_slash_is_no_network() {
        // (Red team 29f: a 171 MVNO's `已用 1.2G / 3G` read no total: `3G` is a network.)
        for (text, used) in [
            ("已用 1.2G / 3G", 1228.8),
            ("已用1.2G/3G", 1228.8),
            ("Usado 2.5G / 5G", 2560.0),
        ] {
            let r = reading(text);
            assert_eq!(
                (r.used_mb, r.total_mb),
                (
                    Some(used),
                    Some(if used > 2000.0 { 5120.0 } else { 3072.0 })
                ),
                "{text}"
            );
        }
        // (Red team 31b: a 170 MVNO's `已用 1.2G / 共 5G`.)
        for text in ["已用 1.2G / 共 5G", "已用1.2G/共5G", "已用 1.2G / 总 5G"] {
            let r = reading(text);
            assert_eq!(
                (r.used_mb, r.total_mb),
                (Some(1228.8), Some(5120.0)),
                "{text}"
            );
        }
        let r = reading("剩余 0.8G/2G");
        assert_eq!((r.remaining_mb, r.total_mb), (Some(819.2), Some(2048.0)));
        // Without a `G` amount before, or after `of`, a `5G` stays a network.
        assert_eq!(reading("10 GB of 5G data used").total_mb, None);
    }

    #[test]
    fn chinese() {
        assert_eq!(reading("剩余 12.3GB").remaining_mb, Some(12.3 * 1024.0));
        assert_eq!(
            reading("剩余通用流量12.3GB").remaining_mb,
            Some(12.3 * 1024.0)
        );
        assert_eq!(reading("已用 3GB").used_mb, Some(3072.0));
        assert_eq!(reading("共 20GB").total_mb, Some(20480.0));
        assert_eq!(reading("12.5GB 餘量").remaining_mb, Some(12.5 * 1024.0));
        let r = reading("已用：3/20GB");
        assert_eq!((r.used_mb, r.total_mb), (Some(3072.0), Some(20480.0)));
        let r = reading("剩余 12.3GB 共 20GB");
        assert_eq!(
            (r.remaining_mb, r.total_mb),
            (Some(12.3 * 1024.0), Some(20480.0))
        );
        let r = reading("已用 3GB 剩余 12GB");
        assert_eq!((r.used_mb, r.remaining_mb), (Some(3072.0), Some(12288.0)));
        assert_eq!(reading("剩余总流量 10GB").remaining_mb, Some(10240.0));
        assert_eq!(reading("１２．５ＧＢ").amount_mb, Some(12.5 * 1024.0));
    }

    #[test]
    fn unlimited() {
        for t in [
            "Unlimited",
            "unlimited data",
            "无限",
            "不限量",
            "ilimitado",
            "unbegrenzt",
            "Unlimited talk, text & data",
            "无限流量",
            "Unlimited plan",
            "上網吃到飽",
            "吃到飽",
        ] {
            assert!(reading(t).unlimited, "{t}");
        }
        for t in [
            "unlimited texts",
            "Unlimited talk & text",
            "unlimited minutes",
            "Unlimited calls",
            "无限通话",
            "Unlimited international texting",
        ] {
            assert_eq!(parse_data(t), Err(ParseError::NotFound), "{t}");
        }
        assert!(find_data("Unlimited talk & text, 300 minutes").is_empty());
    }

    #[test]
    fn not_data() {
        for t in [
            "2,874",
            "300 minutes",
            "40%",
            "5G network",
            "T-Mobile",
            "2 T-Mobile lines",
            "",
            "12 days",
            "$15.00",
        ] {
            assert_eq!(parse_data(t), Err(ParseError::NotFound), "{t}");
        }
        assert_eq!(parse_data("N/A"), Err(ParseError::Placeholder));
        assert_eq!(parse_data("--"), Err(ParseError::Placeholder));
        assert_eq!(parse_data("-- GB"), Err(ParseError::Placeholder));
    }

    #[test]
    fn invalid() {
        assert!(matches!(parse_data("-5 GB"), Err(ParseError::Invalid(_))));
        assert!(matches!(parse_data("1025 TB"), Err(ParseError::Invalid(_))));
        assert!(matches!(
            parse_data("99999999999999999999999 GB"),
            Err(ParseError::Invalid(_))
        ));
        assert_eq!(amount("1024 TB"), Some(MAX_MB));
        // A range is not a negative amount.
        assert_eq!(parse_data("0-5 GB"), Err(ParseError::NotFound));
    }

    #[test]
    fn find_spans() {
        let text =
            "Plan: \u{200E}2.5GB of 10GB used\u{200F}; hotspot 6,144 MB, Unlimited talk & text";
        let found = find_data(text);
        let slices: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
        assert_eq!(slices, ["2.5GB of 10GB used", "6,144 MB"]);
        assert_eq!(found[1].value.amount_mb, Some(6144.0));
        let text = "流量 剩余 12.3 GB 40% 共 20GB";
        let slices: Vec<&str> = find_data(text)
            .iter()
            .map(|f| &text[f.start..f.end])
            .collect();
        assert_eq!(slices, ["剩余 12.3 GB", "共 20GB"]);
    }

    // ---- data buckets (fixdata): a possessive before a total, past-tense usage verbs ----

    #[test]
    fn a_possessive_between_of_and_a_total_keeps_the_total() {
        let r = reading("Usaste 2,5 GB de tus 20 GB");
        assert_eq!((r.used_mb, r.total_mb), (Some(2560.0), Some(20480.0)));
        let r = reading("4 GB of your 30 GB used");
        assert_eq!((r.used_mb, r.total_mb), (Some(4096.0), Some(30720.0)));
        // Without an amount after it the possessive is no connector.
        assert_eq!(reading("3 GB of your plan").total_mb, None);
    }

    // ---- page kinds and gauges (stop 18) ----

    #[test]
    fn unlimited_at_a_slowed_speed_is_no_allowance() {
        assert!(find_data("then unlimited at up to 128kbps")
            .iter()
            .all(|f| !f.value.unlimited));
        assert!(find_data("unlimited at reduced speeds")
            .iter()
            .all(|f| !f.value.unlimited));
        assert!(reading("unlimited data").unlimited);
    }

    // ---- data buckets, add-ons and their dates (round 11) ----

    #[test]
    fn a_figure_in_bytes_is_an_amount() {
        // A bucket nothing has been taken from yet is shown as `0 B`.
        let r = reading("0 B used of 25 GB");
        assert_eq!((r.used_mb, r.total_mb), (Some(0.0), Some(25600.0)));
        let r = reading("0 B von 8 GB genutzt");
        assert_eq!((r.used_mb, r.total_mb), (Some(0.0), Some(8192.0)));
        assert_eq!(amount("1048576 B"), Some(1.0));
    }

    #[test]
    fn a_role_word_after_the_buckets_name_is_the_amounts() {
        let r = reading("You have 7.5GB of your 20GB plan data left.");
        assert_eq!((r.remaining_mb, r.total_mb), (Some(7680.0), Some(20480.0)));
        let r = reading("3 GB of 12 GB data used");
        assert_eq!((r.used_mb, r.total_mb), (Some(3072.0), Some(12288.0)));
    }
}
