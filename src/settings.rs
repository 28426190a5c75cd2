//! The user's settings (stored in [`crate::store::State::settings`]) and how the options
//! form changes them. Every value the form sends is checked here; a bad field is reported by
//! name and nothing is stored.

use crate::snapshot::DataUsage;
use crate::vecmap::VecMap;
use crate::view::Urgency;
use crate::zone::DAY_SECS;

/// Most lead times a user can set.
pub const MAX_LEADS: usize = 8;
/// Longest lead time, in days.
pub const MAX_LEAD_DAYS: u32 = 60;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum Language {
    /// The browser's language.
    #[default]
    Auto,
    En,
    ZhCn,
}

impl Language {
    /// The `_locales` folder to use, or `None` for the browser's own choice.
    pub fn locale(self) -> Option<&'static str> {
        match self {
            Language::Auto => None,
            Language::En => Some("en"),
            Language::ZhCn => Some("zh_CN"),
        }
    }
    /// The language tag for formatting (`en`, `zh-CN`), given the browser's.
    pub fn tag(self, browser: &str) -> String {
        match self {
            Language::Auto => browser.to_string(),
            Language::En => "en".into(),
            Language::ZhCn => "zh-CN".into(),
        }
    }
}

/// How often an account renews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum Cycle {
    /// Every `n` months on the same day (clamped to short months), `n` = 1 for monthly.
    Months { n: u8 },
    /// Every `n` days (28-day or 30-day prepaid plans).
    Days { n: u16 },
}

impl Default for Cycle {
    fn default() -> Cycle {
        Cycle::Months { n: 1 }
    }
}

/// Quiet hours: no notification between `start` and `end` (seconds after local midnight;
/// the window may span midnight).
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Quiet {
    pub start: u32,
    pub end: u32,
}

impl Quiet {
    pub fn contains(self, secs: u32) -> bool {
        if self.start == self.end {
            false
        } else if self.start < self.end {
            (self.start..self.end).contains(&secs)
        } else {
            secs >= self.start || secs < self.end
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Settings {
    pub reminders: bool,
    /// Days before the bill date (0 = on the day), largest first.
    pub lead_days: Vec<u32>,
    /// Time of day for reminders, seconds after local midnight.
    pub remind_at: u32,
    pub quiet: Option<Quiet>,
    pub low_data: bool,
    /// Low-data alert below this share of the plan, in percent…
    pub low_data_percent: f64,
    /// …or below this many MB left.
    pub low_data_mb: f64,
    pub language: Language,
    /// Renewal cycles the user set, by account key (others are inferred from history).
    pub cycles: VecMap<String, Cycle>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            reminders: true,
            lead_days: vec![7, 3, 1, 0],
            remind_at: 9 * 3600,
            quiet: Some(Quiet {
                start: 22 * 3600,
                end: 8 * 3600,
            }),
            low_data: true,
            low_data_percent: 10.0,
            low_data_mb: 1024.0,
            language: Language::Auto,
            cycles: VecMap::new(),
        }
    }
}

impl Settings {
    /// Urgency of a data bucket under the user's thresholds: below either threshold is
    /// `Soon`; below a fifth of it, `Urgent`.
    pub fn data_urgency(&self, data: &DataUsage) -> Urgency {
        if data.unlimited {
            return Urgency::Ok;
        }
        let Some(left) = data.remaining_mb else {
            return Urgency::None;
        };
        let percent = data.total_mb.filter(|t| *t > 0.0).map(|t| left / t * 100.0);
        let below = |factor: f64| {
            left < self.low_data_mb * factor
                || percent.is_some_and(|p| p < self.low_data_percent * factor)
        };
        if below(0.2) {
            Urgency::Urgent
        } else if below(1.0) {
            Urgency::Soon
        } else {
            Urgency::Ok
        }
    }
}

/// `HH:MM` or `HH:MM:SS` → seconds after midnight.
pub fn parse_time(text: &str) -> Option<u32> {
    let mut parts = crate::parse::text::split_byte(text.trim(), b':');
    let h: u32 = crate::parse::text::parse_unsigned(parts.next()?)?;
    let m: u32 = crate::parse::text::parse_unsigned(parts.next()?)?;
    let s: u32 = match parts.next() {
        Some(s) => crate::parse::text::parse_unsigned(s)?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// Seconds after midnight → `HH:MM` (with `:SS` when not on a minute).
pub fn format_time(secs: u32) -> String {
    let secs = secs % DAY_SECS;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    crate::json::write_two_digits(&mut out, h);
    out.push(':');
    crate::json::write_two_digits(&mut out, m);
    if s != 0 {
        out.push(':');
        crate::json::write_two_digits(&mut out, s);
    }
    out
}

/// `7, 3, 1, 0` (commas, spaces or the Chinese comma) → distinct days, largest first.
pub fn parse_lead_days(text: &str) -> Option<Vec<u32>> {
    let mut days = Vec::new();
    for part in text
        .split([',', '，', '、', ' ', ';'])
        .filter(|p| !p.trim().is_empty())
    {
        let n: u32 = crate::parse::text::parse_unsigned(part.trim())?;
        if n > MAX_LEAD_DAYS {
            return None;
        }
        if !days.contains(&n) {
            days.push(n);
        }
    }
    if days.is_empty() || days.len() > MAX_LEADS {
        return None;
    }
    crate::sort::sort_by(&mut days, |a, b| b.cmp(a));
    Some(days)
}

/// The lead days as the form shows them.
pub fn format_lead_days(days: &[u32]) -> String {
    days.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A form field the options page could not accept: its name and a message key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct FieldError {
    pub field: String,
    pub key: &'static str,
}

fn err(field: &str, key: &'static str) -> FieldError {
    FieldError {
        field: field.to_string(),
        key,
    }
}

/// The options form as `FormData` gives it: field name → value; an unchecked checkbox is
/// absent. Fields not present keep their stored value, except checkboxes of the section
/// being saved (`section` = `reminders`, `data_alert`, `language` or `cycles`).
pub type Form = VecMap<String, String>;

fn number(form: &Form, field: &str, min: f64, max: f64) -> Result<Option<f64>, FieldError> {
    match form.get(field).map(|v| v.trim()) {
        None | Some("") => Ok(None),
        Some(text) => match crate::parse::float::parse_f64(&text.replace(',', ".")) {
            Some(v) if v.is_finite() && (min..=max).contains(&v) => Ok(Some(v)),
            _ => Err(err(field, "error_number")),
        },
    }
}

/// Applies the options form to `settings`; all errors at once, and nothing changed on error.
pub fn apply_form(settings: &Settings, form: &Form) -> Result<Settings, Vec<FieldError>> {
    let mut next = settings.clone();
    let mut errors = Vec::new();
    let checked = |field: &str| form.get(field).is_some_and(|v| v != "false" && v != "off");
    let section = form.get("section").map(String::as_str).unwrap_or("");
    if section == "reminders" {
        next.reminders = checked("reminders");
        match form.get("lead_days").map(|t| parse_lead_days(t)) {
            Some(Some(days)) => next.lead_days = days,
            Some(None) => errors.push(err("lead_days", "error_lead_days")),
            None => {}
        }
        match form.get("remind_at").map(|t| parse_time(t)) {
            Some(Some(secs)) => next.remind_at = secs,
            Some(None) => errors.push(err("remind_at", "error_time")),
            None => {}
        }
        if checked("quiet") {
            let start = form.get("quiet_start").and_then(|t| parse_time(t));
            let end = form.get("quiet_end").and_then(|t| parse_time(t));
            match (start, end) {
                (Some(start), Some(end)) => next.quiet = Some(Quiet { start, end }),
                (None, _) => errors.push(err("quiet_start", "error_time")),
                (_, None) => errors.push(err("quiet_end", "error_time")),
            }
            if let Some(q) = next.quiet {
                if q.contains(next.remind_at) {
                    errors.push(err("remind_at", "error_remind_in_quiet"));
                }
            }
        } else {
            next.quiet = None;
        }
    }
    if section == "data_alert" {
        next.low_data = checked("low_data");
        match number(form, "low_data_percent", 0.0, 100.0) {
            Ok(Some(v)) => next.low_data_percent = v,
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
        match number(form, "low_data_gb", 0.0, 10_000.0) {
            Ok(Some(v)) => next.low_data_mb = (v * 1024.0 * 1000.0).round() / 1000.0,
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if section == "language" {
        next.language = match form.get("language").map(String::as_str) {
            Some("en") => Language::En,
            Some("zh_cn") => Language::ZhCn,
            Some("auto") | None => Language::Auto,
            Some(_) => {
                errors.push(err("language", "error_choice"));
                next.language
            }
        };
    }
    if section == "cycles" {
        for (field, value) in form {
            let Some(key) = field.strip_prefix("cycle:") else {
                continue;
            };
            let count_field = ["cycle_n:", key].concat();
            let n = form
                .get(&count_field)
                .map(|t| crate::parse::text::parse_unsigned::<u16>(t.trim()));
            let cycle = match (value.as_str(), n) {
                ("auto", _) => None,
                ("months", Some(Some(n))) if (1..=12).contains(&n) => {
                    Some(Cycle::Months { n: n as u8 })
                }
                ("months", None) => Some(Cycle::Months { n: 1 }),
                ("days", Some(Some(n))) if (7..=366).contains(&n) => Some(Cycle::Days { n }),
                ("months" | "days", _) => {
                    errors.push(err(&count_field, "error_cycle"));
                    continue;
                }
                _ => {
                    errors.push(err(field, "error_choice"));
                    continue;
                }
            };
            match cycle {
                Some(c) => next.cycles.insert(key.to_string(), c),
                None => next.cycles.remove(key),
            };
        }
    }
    if errors.is_empty() {
        Ok(next)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Form {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn times_and_lead_days_parse_strictly() {
        assert_eq!(parse_time("09:00"), Some(32_400));
        assert_eq!(parse_time("23:59:30"), Some(86_370));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("9"), None);
        assert_eq!(format_time(32_400), "09:00");
        assert_eq!(format_time(32_405), "09:00:05");
        assert_eq!(parse_lead_days("0, 1,3 ，7、7"), Some(vec![7, 3, 1, 0]));
        assert_eq!(parse_lead_days("14"), Some(vec![14]));
        assert_eq!(parse_lead_days(""), None);
        assert_eq!(parse_lead_days("-1"), None);
        assert_eq!(parse_lead_days("61"), None);
        assert_eq!(parse_lead_days("1,2,3,4,5,6,7,8,9"), None);
    }

    #[test]
    fn quiet_hours_span_midnight() {
        let q = Quiet {
            start: 22 * 3600,
            end: 8 * 3600,
        };
        assert!(q.contains(23 * 3600));
        assert!(q.contains(3600));
        assert!(!q.contains(8 * 3600));
        assert!(!q.contains(12 * 3600));
        let day = Quiet {
            start: 12 * 3600,
            end: 13 * 3600,
        };
        assert!(day.contains(12 * 3600 + 1));
        assert!(!day.contains(11 * 3600));
    }

    #[test]
    fn reminders_form_applies_or_reports_every_bad_field() {
        let s = Settings::default();
        let ok = apply_form(
            &s,
            &form(&[
                ("section", "reminders"),
                ("reminders", "on"),
                ("lead_days", "10, 2"),
                ("remind_at", "08:30"),
            ]),
        )
        .unwrap();
        assert_eq!(ok.lead_days, vec![10, 2]);
        assert_eq!(ok.remind_at, 8 * 3600 + 1800);
        assert_eq!(ok.quiet, None);
        let bad = apply_form(
            &s,
            &form(&[
                ("section", "reminders"),
                ("lead_days", "soon"),
                ("remind_at", "25:00"),
                ("quiet", "on"),
                ("quiet_start", "22:00"),
                ("quiet_end", "x"),
            ]),
        )
        .unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["lead_days", "remind_at", "quiet_end"]);
        let in_quiet = apply_form(
            &s,
            &form(&[
                ("section", "reminders"),
                ("reminders", "on"),
                ("remind_at", "23:00"),
                ("quiet", "on"),
                ("quiet_start", "22:00"),
                ("quiet_end", "07:00"),
            ]),
        )
        .unwrap_err();
        assert_eq!(in_quiet[0].key, "error_remind_in_quiet");
    }

    #[test]
    fn data_alert_language_and_cycles() {
        let s = Settings::default();
        let next = apply_form(
            &s,
            &form(&[
                ("section", "data_alert"),
                ("low_data", "on"),
                ("low_data_percent", "15"),
                ("low_data_gb", "0,5"),
            ]),
        )
        .unwrap();
        assert_eq!(next.low_data_percent, 15.0);
        assert_eq!(next.low_data_mb, 512.0);
        assert!(apply_form(
            &s,
            &form(&[("section", "data_alert"), ("low_data_percent", "150")])
        )
        .is_err());
        let zh = apply_form(&s, &form(&[("section", "language"), ("language", "zh_cn")])).unwrap();
        assert_eq!(zh.language, Language::ZhCn);
        assert_eq!(zh.language.locale(), Some("zh_CN"));
        let cycles = apply_form(
            &s,
            &form(&[
                ("section", "cycles"),
                ("cycle:mint", "months"),
                ("cycle_n:mint", "3"),
                ("cycle:tello", "days"),
                ("cycle_n:tello", "30"),
                ("cycle:t-mobile", "auto"),
            ]),
        )
        .unwrap();
        assert_eq!(cycles.cycles.get("mint"), Some(&Cycle::Months { n: 3 }));
        assert_eq!(cycles.cycles.get("tello"), Some(&Cycle::Days { n: 30 }));
        assert!(!cycles.cycles.contains_key("t-mobile"));
        let bad = apply_form(
            &s,
            &form(&[
                ("section", "cycles"),
                ("cycle:mint", "days"),
                ("cycle_n:mint", "2"),
            ]),
        )
        .unwrap_err();
        assert_eq!(bad[0].field, "cycle_n:mint");
    }

    #[test]
    fn thresholds_decide_data_urgency() {
        let s = Settings::default();
        let data = |left: f64, total: f64| DataUsage {
            remaining_mb: Some(left),
            total_mb: Some(total),
            ..Default::default()
        };
        assert_eq!(s.data_urgency(&data(3000.0, 5120.0)), Urgency::Ok);
        assert_eq!(s.data_urgency(&data(900.0, 5120.0)), Urgency::Soon);
        assert_eq!(s.data_urgency(&data(3000.0, 40_960.0)), Urgency::Soon);
        assert_eq!(s.data_urgency(&data(100.0, 5120.0)), Urgency::Urgent);
        let strict = Settings {
            low_data_mb: 0.0,
            low_data_percent: 5.0,
            ..Settings::default()
        };
        assert_eq!(strict.data_urgency(&data(900.0, 5120.0)), Urgency::Ok);
    }
}
