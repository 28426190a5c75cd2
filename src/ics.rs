//! The next renewal as an iCalendar file (RFC 5545): one all-day event on the renewal date,
//! with one display alarm per lead time at the reminder time of day, so a calendar reminds
//! the user the way the extension does. CRLF line ends, lines folded at 75 octets (never
//! inside a UTF-8 character), TEXT values escaped.

use crate::date::Date;
use crate::reminders::current_cycle;
use crate::store::State;
use crate::zone::{self, Zone, DAY_SECS};

/// The texts of the event, localised by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    pub summary: String,
    pub description: String,
    pub alarm: String,
}

/// The calendar for an account's next renewal: `(file name, file text)`, or `None` when the
/// account or its date is unknown.
pub fn renewal_ics(
    state: &State,
    account_key: &str,
    now_ms: f64,
    zone: &dyn Zone,
    texts: &Texts,
) -> Option<(String, String)> {
    let account = state.account(account_key)?;
    let today = zone::local_date(zone, now_ms)?;
    let cycle = current_cycle(state, account, today)?;
    let triggers: Vec<i64> = state
        .settings
        .lead_days
        .iter()
        .map(|&d| i64::from(state.settings.remind_at) - i64::from(d) * i64::from(DAY_SECS))
        .collect();
    let event = Event {
        uid: format!("{}-{cycle}@linekeeper.invalid", uid_safe(&account.key)),
        date: cycle,
        summary: texts.summary.clone(),
        description: texts.description.clone(),
        url: account.page_url.clone(),
        alarm: texts.alarm.clone(),
        triggers,
    };
    let name = format!("linekeeper-{}-{cycle}.ics", uid_safe(&account.key));
    Some((name, write(&[event], now_ms)))
}

fn uid_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
    pub url: String,
    pub alarm: String,
    /// Alarm triggers in seconds from the start of the day (negative: before).
    pub triggers: Vec<i64>,
}

/// The calendar text for `events`, stamped at `now_ms`.
pub fn write(events: &[Event], now_ms: f64) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//LineKeeper//LineKeeper renewal reminders//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&e.uid)));
        line(&format!("DTSTAMP:{}", stamp(now_ms)));
        line(&format!("DTSTART;VALUE=DATE:{}", ics_date(e.date)));
        if let Some(next) = e.date.add_days(1) {
            line(&format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        }
        line(&format!("SUMMARY:{}", escape(&e.summary)));
        line(&format!("DESCRIPTION:{}", escape(&e.description)));
        if e.url.starts_with("https://") || e.url.starts_with("http://") {
            line(&format!("URL:{}", e.url));
        }
        line("TRANSP:TRANSPARENT");
        for &t in &e.triggers {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{}", escape(&e.alarm)));
            line(&format!("TRIGGER:{}", duration(t)));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn ics_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn stamp(now_ms: f64) -> String {
    let Some(date) = Date::from_unix_millis(now_ms, 0) else {
        return "19700101T000000Z".into();
    };
    let secs = zone::local_secs(&zone::FixedZone(0), now_ms);
    format!(
        "{}T{:02}{:02}{:02}Z",
        ics_date(date),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// An RFC 5545 duration (`-P6DT15H`, `PT9H`, `PT0S`).
pub fn duration(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let abs = secs.unsigned_abs();
    let (days, rest) = (abs / 86_400, abs % 86_400);
    let (h, m, s) = (rest / 3600, rest / 60 % 60, rest % 60);
    let mut out = format!("{sign}P");
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if rest > 0 {
        out.push('T');
        // dur-hour / dur-minute / dur-second chain: from the first non-zero part through
        // the last, zeros in between.
        let parts = [(h, 'H'), (m, 'M'), (s, 'S')];
        let first = parts.iter().position(|p| p.0 > 0).unwrap_or(2);
        let last = parts.iter().rposition(|p| p.0 > 0).unwrap_or(2);
        for (value, unit) in &parts[first..=last] {
            out.push_str(&format!("{value}{unit}"));
        }
    } else if days == 0 {
        out.push_str("T0S");
    }
    out
}

/// Escapes a TEXT value: backslash, semicolon, comma, newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets with CRLF ends.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::snapshot::{Snapshot, Status};

    /// A small RFC 5545 checker: line ends, folding, nesting, required properties, value
    /// syntax of the properties written here. Returns the unfolded content lines.
    fn check(text: &str) -> Result<Vec<String>, String> {
        if !text.ends_with("\r\n") {
            return Err("no CRLF at the end".into());
        }
        let mut lines: Vec<String> = Vec::new();
        for physical in text.split("\r\n").filter(|l| !l.is_empty()) {
            if physical.contains('\n') || physical.contains('\r') {
                return Err(format!("bare line break in {physical:?}"));
            }
            if physical.len() > 75 {
                return Err(format!("line of {} octets: {physical:?}", physical.len()));
            }
            match physical.strip_prefix(' ') {
                Some(rest) => match lines.last_mut() {
                    Some(last) => last.push_str(rest),
                    None => return Err("continuation first".into()),
                },
                None => lines.push(physical.to_string()),
            }
        }
        let mut stack: Vec<(String, Vec<String>)> = Vec::new();
        for line in &lines {
            let (name_params, value) = line.split_once(':').ok_or(format!("no colon: {line}"))?;
            let name = name_params.split(';').next().unwrap_or("");
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
                return Err(format!("bad name {name:?}"));
            }
            match name {
                "BEGIN" => stack.push((value.to_string(), Vec::new())),
                "END" => {
                    let (component, props) = stack.pop().ok_or("END without BEGIN")?;
                    if component != value {
                        return Err(format!("END:{value} closes {component}"));
                    }
                    let required: &[&str] = match value {
                        "VCALENDAR" => &["PRODID", "VERSION"],
                        "VEVENT" => &["UID", "DTSTAMP", "DTSTART"],
                        "VALARM" => &["ACTION", "TRIGGER", "DESCRIPTION"],
                        _ => &[],
                    };
                    for r in required {
                        if props.iter().filter(|p| p == r).count() != 1 {
                            return Err(format!("{value} needs exactly one {r}"));
                        }
                    }
                }
                _ => {
                    let top = stack
                        .last_mut()
                        .ok_or(format!("{name} outside a component"))?;
                    top.1.push(name.to_string());
                    check_value(name, name_params, value)?;
                }
            }
        }
        if !stack.is_empty() {
            return Err("unclosed component".into());
        }
        Ok(lines)
    }

    fn check_value(name: &str, name_params: &str, value: &str) -> Result<(), String> {
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        match name {
            "DTSTART" | "DTEND" => {
                if name_params.ends_with(";VALUE=DATE") && value.len() == 8 && digits(value) {
                    Ok(())
                } else {
                    Err(format!("bad date {name_params}:{value}"))
                }
            }
            "DTSTAMP" => {
                let ok = value.len() == 16
                    && digits(&value[..8])
                    && &value[8..9] == "T"
                    && digits(&value[9..15])
                    && value.ends_with('Z');
                ok.then_some(()).ok_or(format!("bad stamp {value}"))
            }
            "TRIGGER" => is_duration(value)
                .then_some(())
                .ok_or(format!("bad trigger {value}")),
            "SUMMARY" | "DESCRIPTION" => {
                // Every ; , and \ in TEXT is escaped.
                let mut chars = value.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some('\\' | ';' | ',' | 'n' | 'N') => {}
                            other => return Err(format!("bad escape {other:?} in {value}")),
                        },
                        ';' | ',' => return Err(format!("unescaped {c} in {value}")),
                        _ => {}
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// dur-value = (["+"] / "-") "P" (dur-date / dur-time / dur-week)
    fn is_duration(v: &str) -> bool {
        let v = v.strip_prefix(['+', '-']).unwrap_or(v);
        let Some(v) = v.strip_prefix('P') else {
            return false;
        };
        let number_then = |s: &str, unit: char| -> Option<usize> {
            let n = s.chars().take_while(char::is_ascii_digit).count();
            (n > 0 && s[n..].starts_with(unit)).then_some(n + 1)
        };
        if let Some(n) = number_then(v, 'W') {
            return n == v.len();
        }
        let (date, time) = match v.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (v, None),
        };
        if !date.is_empty() && number_then(date, 'D') != Some(date.len()) {
            return false;
        }
        match time {
            None => !date.is_empty(),
            Some(t) => {
                let mut rest = t;
                let mut seen = 0;
                let mut last_unit = 0;
                for (i, unit) in ['H', 'M', 'S'].into_iter().enumerate() {
                    if let Some(n) = number_then(rest, unit) {
                        if seen > 0 && last_unit + 1 != i {
                            return false;
                        }
                        rest = &rest[n..];
                        seen += 1;
                        last_unit = i;
                    }
                }
                seen > 0 && rest.is_empty()
            }
        }
    }

    fn unescape(v: &str) -> String {
        v.replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\")
    }

    #[test]
    fn durations() {
        assert_eq!(duration(9 * 3600 - 7 * 86_400), "-P6DT15H");
        assert_eq!(duration(9 * 3600), "PT9H");
        assert_eq!(duration(0), "PT0S");
        assert_eq!(duration(-86_400), "-P1D");
        assert_eq!(duration(3600 + 5), "PT1H0M5S");
        assert_eq!(duration(-(8 * 3600 + 30 * 60)), "-PT8H30M");
        for s in [-86_400 * 60, -3601, -59, 0, 1, 61, 3600, 90_061] {
            assert!(is_duration(&duration(s)), "{}", duration(s));
        }
        assert!(!is_duration("PT1H5S"));
        assert!(!is_duration("P"));
    }

    #[test]
    fn the_calendar_is_valid_rfc5545_and_reads_back() {
        let long = "T-Mobile 续费提醒; renew, or lose the number \\ 号码 — ".repeat(4);
        let event = Event {
            uid: "t-mobile-2026-12-09@linekeeper.invalid".into(),
            date: Date::new(2026, 12, 9).unwrap(),
            summary: long.clone(),
            description: "line 1\nline 2, with comma".into(),
            url: "https://www.t-mobile.com/account".into(),
            alarm: "续费".into(),
            triggers: vec![9 * 3600 - 7 * 86_400, 9 * 3600 - 86_400, 9 * 3600],
        };
        let text = write(&[event], 1_795_700_060_000.0);
        let lines = check(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20261209".to_string()));
        assert!(lines.contains(&"DTEND;VALUE=DATE:20261210".to_string()));
        assert!(lines.contains(&"DTSTAMP:20261126T133420Z".to_string()));
        let triggers: Vec<&String> = lines.iter().filter(|l| l.starts_with("TRIGGER:")).collect();
        assert_eq!(
            triggers,
            ["TRIGGER:-P6DT15H", "TRIGGER:-PT15H", "TRIGGER:PT9H"]
        );
        let summary = lines
            .iter()
            .find_map(|l| l.strip_prefix("SUMMARY:"))
            .unwrap();
        assert_eq!(unescape(summary), long);
        // Folded lines never split a character.
        for physical in text.split("\r\n") {
            assert!(std::str::from_utf8(physical.as_bytes()).is_ok());
        }
    }

    #[test]
    fn renewal_ics_follows_the_lead_times_and_the_current_cycle() {
        let mut state = State {
            settings: Settings {
                lead_days: vec![3, 0],
                remind_at: 10 * 3600,
                ..Settings::default()
            },
            ..State::default()
        };
        let snap = Snapshot {
            schema: 1,
            status: Status::Ok,
            carrier: Some("mint".into()),
            next_bill_date: Date::new(2026, 12, 9),
            ..Default::default()
        };
        let today = Date::new(2026, 11, 26).unwrap();
        let now = 1_795_700_060_000.0;
        state.ingest(&snap, "https://www.mintmobile.com/account", now, today);
        let texts = Texts {
            summary: "Mint renews".into(),
            description: "Renew".into(),
            alarm: "Renew soon".into(),
        };
        let zone = zone::FixedZone(-300);
        let (name, text) = renewal_ics(&state, "mint", now, &zone, &texts).unwrap();
        assert_eq!(name, "linekeeper-mint-2026-12-09.ics");
        let lines = check(&text).unwrap();
        let triggers: Vec<&String> = lines.iter().filter(|l| l.starts_with("TRIGGER:")).collect();
        assert_eq!(triggers, ["TRIGGER:-P2DT14H", "TRIGGER:PT10H"]);
        // Marked renewed: the next month's date.
        state.mark_renewed("mint", Date::new(2026, 12, 9).unwrap(), now);
        let (_, text) = renewal_ics(&state, "mint", now, &zone, &texts).unwrap();
        assert!(text.contains("DTSTART;VALUE=DATE:20270109"));
        assert!(renewal_ics(&state, "nobody", now, &zone, &texts).is_none());
    }
}
