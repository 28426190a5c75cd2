//! Teaching LineKeeper a page no built-in profile covers.
//!
//! In pick mode (`extension/pick.js`) the user clicks the data-left value, the balance and
//! the renewal date on the page. For each click the page sends the clicked element's text
//! and the label texts around it ([`Clue`]s: its `aria-label`, a `<label for>`, the `dt` or
//! table header it belongs to, the text just before it, the heading of its card). Here the
//! value is parsed ([`preview`]) and the rule is built ([`build_rule`]): a carrier profile
//! in the same format as `profiles/*.json`, whose anchors name each field's **label** — the
//! nearest clue that reads as one — never a class name or an element path, so the rule
//! survives a restyled page. The engine reads taught pages with the taught profile next to
//! the built-in ones (`extract_with`): one engine for both.
//!
//! Taught rules are kept in the stored state ([`TaughtSite`], additive: old states read
//! with none), can be exported as JSON to share ([`rule_json`]), imported after validation
//! ([`validate_rule`]), and forgotten with every record read on the site ([`forget_site`]).

use crate::date::Date;
use crate::page::host_of;
use crate::parse::{self, DateOrder};
use crate::profile::{self, Anchor, Profile};
use crate::snapshot::Currency;
use crate::store::State;
use crate::view;
#[cfg(test)]
use serde::Deserialize;

/// The fields pick mode asks for, in order.
pub const TEACH_FIELDS: &[&str] = &["data_remaining", "balance", "renewal_date"];
/// Longest label a rule may hold (characters).
pub const MAX_LABEL: usize = 80;
/// Largest rule file accepted on import (bytes).
pub const MAX_RULE_BYTES: usize = 64 * 1024;
/// Longest clicked text looked at (characters): a click on a whole card is not a value.
pub const MAX_PICK_TEXT: usize = 200;

/// How a clue relates to the clicked value, nearest kind first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum ClueKind {
    /// The value's own (or a close ancestor's) `aria-label`.
    #[default]
    Aria,
    /// A `<label for>` or `aria-labelledby` naming it.
    For,
    /// The `dt` of its `dd`, or the header cell of its table column or row.
    Term,
    /// Text just before it: a preceding sibling, or a preceding sibling of an ancestor.
    Before,
    /// The heading of the card or section holding it.
    Heading,
}

/// A label text near a clicked value.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct Clue {
    pub kind: ClueKind,
    pub text: String,
}

/// What pick mode saw around one clicked value.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct Pick {
    /// One of [`TEACH_FIELDS`].
    pub field: String,
    /// The clicked element's text (white space folded).
    pub text: String,
    /// Label texts around it, as pick mode found them.
    #[cfg_attr(test, serde(default))]
    pub clues: Vec<Clue>,
    /// The page's `<html lang>`, for the day/month order of numeric dates.
    #[cfg_attr(test, serde(default))]
    pub lang: Option<String>,
}

/// Messages of teaching, as the worker receives them (checked here, not in JavaScript):
/// `{"type": "teach-start", "tab": 7}` and so on; a missing, unexpected or malformed key is
/// an error.
#[derive(Debug, Clone, PartialEq)]
pub enum TeachMessage {
    /// From the popup, after the site permission was granted: register the site and
    /// start pick mode in `tab`.
    TeachStart { tab: u32 },
    /// From pick mode: parse one clicked value.
    TeachPick { pick: Pick },
    /// From pick mode: build and store the rule from the confirmed picks.
    TeachSave { picks: Vec<Pick> },
    /// From pick mode: left without saving (the site permission is given back when the
    /// site has no rule).
    TeachCancel,
    /// From the options page: check a rule file for its preview.
    TeachCheck { text: String },
    /// From the options page: store an imported rule (after the permission request).
    TeachImport { text: String },
    /// From the options page: forget a taught site.
    TeachForget { host: String },
}

/// Message types of [`TeachMessage`], separated by spaces (one string in the wasm, not a
/// table of `&str`).
pub const TEACH_MESSAGE_TYPES: &str =
    "teach-start teach-pick teach-save teach-cancel teach-check teach-import teach-forget";

/// The keys any teaching message may have (read as a plain struct: an internally tagged
/// enum would buffer the message and cost the worker's module far more code).
#[derive(Default)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(deny_unknown_fields))]
struct RawMessage {
    #[cfg_attr(test, serde(rename = "type"))]
    kind: String,
    #[cfg_attr(test, serde(default))]
    tab: Option<u32>,
    #[cfg_attr(test, serde(default))]
    pick: Option<Pick>,
    #[cfg_attr(test, serde(default))]
    picks: Option<Vec<Pick>>,
    #[cfg_attr(test, serde(default))]
    text: Option<String>,
    #[cfg_attr(test, serde(default))]
    host: Option<String>,
}

impl RawMessage {
    fn into_message(self) -> Result<TeachMessage, String> {
        let RawMessage {
            kind,
            tab,
            pick,
            picks,
            text,
            host,
        } = self;
        let given = [
            ("tab", tab.is_some()),
            ("pick", pick.is_some()),
            ("picks", picks.is_some()),
            ("text", text.is_some()),
            ("host", host.is_some()),
        ];
        let wanted: &[&str] = match kind.as_str() {
            "teach-start" => &["tab"],
            "teach-pick" => &["pick"],
            "teach-save" => &["picks"],
            "teach-cancel" => &[],
            "teach-check" | "teach-import" => &["text"],
            "teach-forget" => &["host"],
            other => return Err(format!("unknown teaching message type “{other}”")),
        };
        for (key, present) in given {
            if present != wanted.contains(&key) {
                return Err(if present {
                    format!("{kind} has no key “{key}”")
                } else {
                    format!("{kind} needs “{key}”")
                });
            }
        }
        let missing = || format!("{kind} is incomplete");
        Ok(match kind.as_str() {
            "teach-start" => TeachMessage::TeachStart {
                tab: tab.ok_or_else(missing)?,
            },
            "teach-pick" => TeachMessage::TeachPick {
                pick: pick.ok_or_else(missing)?,
            },
            "teach-save" => TeachMessage::TeachSave {
                picks: picks.ok_or_else(missing)?,
            },
            "teach-cancel" => TeachMessage::TeachCancel,
            "teach-check" => TeachMessage::TeachCheck {
                text: text.ok_or_else(missing)?,
            },
            "teach-import" => TeachMessage::TeachImport {
                text: text.ok_or_else(missing)?,
            },
            _ => TeachMessage::TeachForget {
                host: host.ok_or_else(missing)?,
            },
        })
    }
}

crate::json_struct!(RawMessage, "RawMessage", deny { kind = "type"; tab, pick, picks, text, host });

impl crate::json::FromJson for TeachMessage {
    fn from_json(v: crate::json::Value) -> Result<Self, crate::json::Error> {
        RawMessage::from_json(v)?
            .into_message()
            .map_err(crate::json::Error)
    }
}

#[cfg(test)]
impl<'de> Deserialize<'de> for TeachMessage {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TeachMessage, D::Error> {
        RawMessage::deserialize(d)?
            .into_message()
            .map_err(serde::de::Error::custom)
    }
}

impl TeachMessage {
    /// Checks what the shape alone does not: a save holds at most one pick per field.
    pub fn check(self) -> Result<TeachMessage, TeachError> {
        if let TeachMessage::TeachSave { picks } = &self {
            if picks.len() > TEACH_FIELDS.len() {
                return Err(TeachError("too many picks".into()));
            }
        }
        Ok(self)
    }

    /// Reads a message from JSON text; anything malformed is an error naming what is wrong.
    pub fn from_json(text: &str) -> Result<TeachMessage, TeachError> {
        crate::json::from_str::<TeachMessage>(text)
            .map_err(|e| TeachError(format!("teaching message could not be read: {e}")))?
            .check()
    }
}

/// Why a pick, a rule or a teaching message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeachError(pub String);

impl std::fmt::Display for TeachError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TeachError {}

/// A taught site in the stored state.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct TaughtSite {
    /// The host the rule is for (lower-case, no port).
    pub host: String,
    /// The rule: a profile as JSON text, as built ([`rule_json`]) or imported (validated).
    pub rule: String,
    /// When it was taught or imported, Unix ms.
    pub taught_at_ms: f64,
    /// (field, label) per anchor of the rule, for the options page (which does not parse
    /// profiles).
    #[cfg_attr(test, serde(default))]
    pub anchors: Vec<(String, String)>,
}

/// What parsing one clicked value gave, for pick mode to show.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PickPreview {
    pub field: String,
    /// The value as LineKeeper read it, formatted for the UI language.
    pub value: Option<String>,
    /// The label the rule will anchor on.
    pub label: Option<String>,
    /// Message key of why the pick cannot be used (`teach_error_no_value`, …).
    pub error: Option<&'static str>,
}

/// A value read from a clicked text.
#[derive(Debug, Clone, PartialEq)]
enum Read {
    DataMb(f64),
    Unlimited,
    Money(crate::snapshot::Money),
    Date(Date),
}

/// True when LineKeeper offers to teach `url`: an https page on a host no built-in
/// carrier profile covers.
pub fn teachable(url: &str) -> bool {
    teachable_with(url, builtin_carrier_host)
}

/// [`teachable`], with `carrier_host` telling the built-in carriers' hosts (the UI module,
/// which does not link the profiles, asks the manifest: [`host_in_patterns`]).
pub fn teachable_with(url: &str, carrier_host: impl Fn(&str) -> bool) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = host_of(url);
    !rest.is_empty() && valid_host(&host) && !carrier_host(&host)
}

/// True when a built-in carrier profile covers `host`.
pub fn builtin_carrier_host(host: &str) -> bool {
    profile::for_host(host).is_some()
}

/// True when `host` is covered by one of the match patterns `https://<host pattern>/*` (the
/// manifest's host permissions, generated from the built-in profiles).
pub fn host_in_patterns(host: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| {
        p.strip_prefix("https://")
            .and_then(|p| p.strip_suffix("/*"))
            .is_some_and(|pattern| profile::host_matches(pattern, host))
    })
}

/// A concrete DNS host name: letters, digits, `-` and dots, at least one dot, no `*`.
fn valid_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && crate::parse::text::split_byte(host, b'.')
            .all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-'))
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// The match pattern a taught host's permission and content script use.
pub fn origin_pattern(host: &str) -> String {
    format!("https://{host}/*")
}

fn date_order(lang: Option<&str>) -> DateOrder {
    parse::date::date_order_for_lang(lang.unwrap_or(""))
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value in `text` for `field`, with its byte span.
fn read_value(
    field: &str,
    text: &str,
    today: Date,
    order: DateOrder,
) -> Option<(Read, usize, usize)> {
    match field {
        "data_remaining" => parse::find_data(text).into_iter().find_map(|f| {
            let v = &f.value;
            let read = match v.remaining_mb.or(v.amount_mb).or(v.total_mb) {
                Some(mb) => Read::DataMb(mb),
                None if v.unlimited => Read::Unlimited,
                None => return None,
            };
            Some((read, f.start, f.end))
        }),
        "balance" => {
            let currency = None::<Currency>;
            parse::find_money(text, currency)
                .into_iter()
                .find(|f| !parse::money_is_rate(text, f))
                .map(|f| (Read::Money(f.value), f.start, f.end))
        }
        "renewal_date" => parse::find_dates(text, today, order)
            .into_iter()
            .next()
            .map(|f| (Read::Date(f.value), f.start, f.end)),
        _ => None,
    }
}

/// A clue text usable as a label: letters, no digits (a heading like `Line •••3317` or a
/// sentence with a number is not a label), short, not a placeholder.
fn clean_label(text: &str) -> Option<String> {
    let text = fold(text);
    let text = text
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | '：' | '·' | '-' | '–' | '—' | '|')
        })
        .to_string();
    let chars = text.chars().count();
    if !(2..=MAX_LABEL).contains(&chars) {
        return None;
    }
    if text.chars().any(|c| c.is_ascii_digit()) || !text.chars().any(is_letter) {
        return None;
    }
    // A sentence is not a label: at most eight words.
    if text.split_whitespace().count() > 8 {
        return None;
    }
    Some(text)
}

/// The label for a pick: text in the clicked element beside the value (`Balance: $7.40`),
/// else the nearest clue that reads as a label, by kind (aria-label, label-for, term,
/// text before, card heading).
fn choose_label(pick: &Pick, start: usize, end: usize) -> Option<String> {
    let text = fold(&pick.text);
    let inline = [text.get(..start), text.get(end..)]
        .into_iter()
        .flatten()
        .filter(|t| !is_greeting(t))
        .filter_map(clean_label)
        .next();
    if inline.is_some() {
        return inline;
    }
    // By kind, nearest first (no sort: a stable sort's code would cost more than the list).
    use ClueKind::*;
    [Aria, For, Term, Before, Heading].iter().find_map(|kind| {
        pick.clues
            .iter()
            .filter(|c| c.kind == *kind && !is_greeting(&c.text))
            .find_map(|c| clean_label(&c.text))
    })
}

/// A greeting (`Hi Jane`, `Welcome back, Jane`, `您好，张三`): it names the account holder,
/// whose name is never stored, so it is never a label. Greeting words come from the
/// generic profile.
fn is_greeting(text: &str) -> bool {
    let lower = parse::text::lowercase(&fold(text));
    let generic = profile::builtin().first();
    generic.is_some_and(|g| {
        g.labels.greeting.iter().any(|w| {
            let w = parse::text::lowercase(w);
            lower.strip_prefix(w.as_str()).is_some_and(|rest| {
                let next = rest.chars().next();
                !w.is_ascii() || next.is_none_or(|c| !is_letter(c) && !c.is_ascii_digit())
            })
        })
    })
}

/// A letter, roughly: an ASCII letter or a non-ASCII character outside the punctuation,
/// symbol and space blocks (CJK, accented Latin, Cyrillic… count). The standard library's
/// `is_alphabetic` would bring its Unicode tables into the worker's module for this alone.
pub(crate) fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (!c.is_ascii()
            && !matches!(c as u32, 0x80..=0xBF | 0xD7 | 0xF7 | 0x2000..=0x2BFF | 0x3000..=0x303F | 0xFE30..=0xFE4F | 0xFF00..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65))
}

fn check_field(field: &str) -> Result<(), TeachError> {
    if TEACH_FIELDS.contains(&field) {
        Ok(())
    } else {
        Err(TeachError(format!("unknown field “{field}”")))
    }
}

/// Parses one clicked value and finds its label. `lang` is the UI language (formatting).
pub fn preview(pick: &Pick, today: Date, lang: &str) -> Result<PickPreview, TeachError> {
    check_field(&pick.field)?;
    let mut out = PickPreview {
        field: pick.field.clone(),
        value: None,
        label: None,
        error: None,
    };
    let text = fold(&pick.text);
    if text.chars().count() > MAX_PICK_TEXT {
        out.error = Some("teach_error_too_long");
        return Ok(out);
    }
    let order = date_order(pick.lang.as_deref());
    let Some((read, start, end)) = read_value(&pick.field, &text, today, order) else {
        out.error = Some(match pick.field.as_str() {
            "data_remaining" => "teach_error_no_data",
            "balance" => "teach_error_no_money",
            _ => "teach_error_no_date",
        });
        return Ok(out);
    };
    out.value = Some(match read {
        Read::DataMb(mb) => view::format_mb(mb),
        Read::Unlimited => "∞".to_string(),
        Read::Money(m) => view::format_money(&m, lang),
        Read::Date(d) => view::format_date(d, lang),
    });
    out.label = choose_label(pick, start, end);
    if out.label.is_none() {
        out.error = Some("teach_error_no_label");
    }
    Ok(out)
}

/// Builds the rule for the page at `url` from the confirmed picks (each optional, at least
/// one usable). Every pick must read as its field and have a label.
pub fn build_rule(url: &str, picks: &[Pick], today: Date) -> Result<Profile, TeachError> {
    if !teachable(url) {
        return Err(TeachError(
            "only https pages of sites LineKeeper does not know can be taught".into(),
        ));
    }
    let host = host_of(url);
    let mut anchors: Vec<Anchor> = Vec::new();
    for pick in picks {
        check_field(&pick.field)?;
        if anchors.iter().any(|a| a.field == pick.field) {
            return Err(TeachError(format!("{} picked twice", pick.field)));
        }
        let p = preview(pick, today, "en")?;
        let (Some(_), Some(label), None) = (p.value, p.label, p.error) else {
            return Err(TeachError(format!(
                "the value picked for {} cannot be used",
                pick.field
            )));
        };
        if anchors
            .iter()
            .any(|a| a.label.as_deref() == Some(label.as_str()))
        {
            return Err(TeachError(format!(
                "two values share the label “{label}”: pick values with their own labels"
            )));
        }
        anchors.push(Anchor {
            field: pick.field.clone(),
            element: None,
            label: Some(label),
        });
    }
    if anchors.is_empty() {
        return Err(TeachError("nothing was picked".into()));
    }
    let page = url.split(['?', '#']).next().unwrap_or(url).to_string();
    Ok(Profile {
        id: host.clone(),
        name: host.clone(),
        hosts: vec![host],
        account_urls: vec![page],
        anchors,
        ..Profile::default()
    })
}

/// Checks a rule (a taught or imported profile): the profile format, exactly one concrete
/// host that no built-in carrier covers, account pages on that host, and label anchors.
pub fn validate_rule(text: &str) -> Result<Profile, TeachError> {
    if text.len() > MAX_RULE_BYTES {
        return Err(TeachError(format!(
            "the rule is larger than {} KB",
            MAX_RULE_BYTES / 1024
        )));
    }
    let rule = Profile::from_json(text).map_err(|e| TeachError(e.to_string()))?;
    let [host] = rule.hosts.as_slice() else {
        return Err(TeachError("a rule names exactly one host".into()));
    };
    if !valid_host(host) {
        return Err(TeachError(format!("“{host}” is not a host name")));
    }
    if builtin_carrier_host(host) {
        return Err(TeachError(format!(
            "{host} is a built-in carrier's site: LineKeeper reads it already"
        )));
    }
    let prefix = format!("https://{host}/");
    if let Some(bad) = rule.account_urls.iter().find(|u| !u.starts_with(&prefix)) {
        return Err(TeachError(format!("account page “{bad}” is not on {host}")));
    }
    // The id is what the Snapshot reports as `carrier` and keys the stored account: a rule
    // must not pass itself off as another carrier or merge into another site's record.
    if rule.id != *host {
        return Err(TeachError(format!(
            "the rule's “id” must be its host, “{host}”"
        )));
    }
    if rule.carrier.is_some() {
        return Err(TeachError(
            "a rule cannot claim to be another carrier (\"carrier\")".into(),
        ));
    }
    if rule.anchors.is_empty() {
        return Err(TeachError("the rule has no anchors".into()));
    }
    for a in &rule.anchors {
        let label = a.label.as_deref().unwrap_or("");
        if clean_label(label).as_deref() != Some(label) {
            return Err(TeachError(format!(
                "the label “{label}” of {} is not a label (2–{MAX_LABEL} characters, letters, no digits)",
                a.field
            )));
        }
    }
    Ok(rule)
}

/// A built rule as JSON text to store and share: the profile format, with only the keys a
/// taught rule uses.
pub fn rule_json(rule: &Profile) -> String {
    fn string(out: &mut String, s: &str) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    fn list(out: &mut String, items: &[String]) {
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            string(out, item);
        }
        out.push(']');
    }
    let mut out = String::from("{\n  \"id\": ");
    string(&mut out, &rule.id);
    out.push_str(",\n  \"name\": ");
    string(&mut out, &rule.name);
    out.push_str(",\n  \"hosts\": ");
    list(&mut out, &rule.hosts);
    if !rule.account_urls.is_empty() {
        out.push_str(",\n  \"account_urls\": ");
        list(&mut out, &rule.account_urls);
    }
    out.push_str(",\n  \"anchors\": [");
    for (i, a) in rule.anchors.iter().enumerate() {
        out.push_str(if i > 0 { ",\n    {" } else { "\n    {" });
        out.push_str("\"field\": ");
        string(&mut out, &a.field);
        for (key, value) in [("element", &a.element), ("label", &a.label)] {
            if let Some(v) = value {
                out.push_str(&format!(", \"{key}\": "));
                string(&mut out, v);
            }
        }
        out.push('}');
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// The taught rules that apply on `host` (unreadable stored rules are left out).
pub fn rules_for_host(state: &State, host: &str) -> Vec<Profile> {
    let mut rules = Vec::new();
    for t in &state.taught {
        if t.host == host {
            if let Ok(rule) = Profile::from_json(&t.rule) {
                rules.push(rule);
            }
        }
    }
    rules
}

/// True when `url` is an account page of a taught rule (the badge shows there).
pub fn in_taught_account_area(state: &State, url: &str) -> bool {
    rules_for_host(state, &host_of(url))
        .iter()
        .any(|r| view::in_account_area(url, &r.account_urls))
}

/// Validates a rule (JSON text, built or imported) and stores it, replacing the site's
/// earlier one; returns its host.
pub fn save_rule(state: &mut State, text: &str, now_ms: f64) -> Result<String, TeachError> {
    let rule = validate_rule(text)?;
    let host = rule.hosts.first().cloned().unwrap_or_default();
    state.taught.retain(|t| t.host != host);
    // Kept in host order.
    let at = state
        .taught
        .iter()
        .position(|t| t.host > host)
        .unwrap_or(state.taught.len());
    state.taught.insert(
        at,
        TaughtSite {
            host: host.clone(),
            rule: text.to_string(),
            taught_at_ms: now_ms,
            anchors: anchors_of(&rule),
        },
    );
    Ok(host)
}

/// What the options page shows of a rule file before it is saved.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct RuleCheck {
    pub host: Option<String>,
    /// (field, label) per anchor.
    pub anchors: Vec<(String, String)>,
    /// The site already has a rule, which this one replaces.
    pub replaces: bool,
    /// Why the file cannot be used.
    pub error: Option<String>,
}

/// Checks a rule file for the options page's preview.
pub fn check_rule(state: &State, text: &str) -> RuleCheck {
    match validate_rule(text) {
        Ok(rule) => {
            let host = rule.hosts.first().cloned();
            RuleCheck {
                replaces: state.taught.iter().any(|t| Some(&t.host) == host.as_ref()),
                host,
                anchors: anchors_of(&rule),
                error: None,
            }
        }
        Err(e) => RuleCheck {
            host: None,
            anchors: Vec::new(),
            replaces: false,
            error: Some(e.to_string()),
        },
    }
}

/// Forgets a site: its rule, every account read on it, their checklists and reminder
/// records. Returns the number of accounts removed.
pub fn forget_site(state: &mut State, host: &str) -> usize {
    state.taught.retain(|t| t.host != host);
    let keys: Vec<String> = state
        .accounts
        .iter()
        .filter(|a| a.host == host)
        .map(|a| a.key.clone())
        .collect();
    state.accounts.retain(|a| a.host != host);
    state.checklists.retain(|c| !keys.contains(&c.account));
    let log = &mut state.reminders;
    log.fired.retain(|f| !keys.contains(&f.account));
    log.snoozes.retain(|s| !keys.contains(&s.account));
    log.renewed.retain(|r| !keys.contains(&r.account));
    keys.len()
}

/// A rule's anchors as (field, label) pairs.
pub fn anchors_of(rule: &Profile) -> Vec<(String, String)> {
    rule.anchors
        .iter()
        .map(|a| (a.field.clone(), a.label.clone().unwrap_or_default()))
        .collect()
}

#[cfg(test)]
mod tests;
