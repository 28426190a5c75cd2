//! Importing an export file: validation, a preview of what will change, and the merge.
//!
//! An import never loses data: accounts only in the store stay, an account in both keeps
//! the newer record, histories are joined by time, renewed marks are added. The file's
//! settings replace the stored ones (the preview says so when they differ).

use crate::page::host_of;
use crate::snapshot::{Status, SCHEMA};
use crate::store::{account_key, bound_history, Account, Export, HistoryPoint, State};
use crate::view::Msg;

/// Largest import file accepted.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// What happens to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum Change {
    /// Not stored yet: added.
    Added,
    /// The file's record is newer: it replaces the stored one.
    Replaced,
    /// The stored record is as new or newer: kept.
    Kept,
}

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AccountChange {
    pub key: String,
    pub carrier: Option<String>,
    pub host: String,
    pub change: Change,
    /// History points the file adds.
    pub history_added: usize,
}

/// The preview shown before an import is applied.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Preview {
    pub accounts: Vec<AccountChange>,
    pub settings_changed: bool,
    pub renewed_added: usize,
    /// True when applying changes nothing.
    pub unchanged: bool,
}

/// Why a file cannot be imported: a message key with details.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ImportError(pub Msg);

fn fail(key: &'static str, detail: impl Into<String>) -> ImportError {
    ImportError(Msg::with(key, vec![detail.into()]))
}

/// Reads and checks an export file (JSON text).
pub fn parse(text: &str) -> Result<Export, ImportError> {
    check_size(text.len())?;
    let tree = crate::json::parse(text).map_err(|e| fail("import_error_json", e.to_string()))?;
    check_version(tree.get("linekeeper_export").and_then(|v| v.as_f64()))?;
    let export = crate::json::FromJson::from_json(tree)
        .map_err(|e: crate::json::Error| fail("import_error_shape", e.to_string()))?;
    validate(export)
}

/// A file too large to import is refused before it is read.
pub fn check_size(bytes: usize) -> Result<(), ImportError> {
    if bytes > MAX_IMPORT_BYTES {
        return Err(fail("import_error_size", (bytes / 1024).to_string()));
    }
    Ok(())
}

/// Only format 1 is read; a file without the field is not an export.
pub fn check_version(version: Option<f64>) -> Result<(), ImportError> {
    match version {
        Some(1.0) => Ok(()),
        Some(v) => Err(fail("import_error_version", crate::decimal::shortest(v))),
        None => Err(fail("import_error_not_export", "")),
    }
}

/// The checks every imported record passes: current schema, good status, an https page
/// on the host it names, finite times, phone numbers as four digits.
pub fn validate(export: Export) -> Result<Export, ImportError> {
    for (i, a) in export.accounts.iter().enumerate() {
        let at = |what: &str| format!("accounts[{i}]: {what}");
        if a.snapshot.schema != SCHEMA {
            return Err(fail("import_error_shape", at("snapshot schema")));
        }
        if a.snapshot.status != Status::Ok {
            return Err(fail("import_error_shape", at("status is not ok")));
        }
        if !a.page_url.starts_with("https://") || host_of(&a.page_url) != a.host {
            return Err(fail("import_error_shape", at("page_url and host disagree")));
        }
        if !a.read_at_ms.is_finite() || a.read_at_ms < 0.0 {
            return Err(fail("import_error_shape", at("read_at_ms")));
        }
        for line in &a.snapshot.lines {
            if let Some(last4) = &line.number_last4 {
                if last4.len() != 4 || !last4.chars().all(|c| c.is_ascii_digit()) {
                    return Err(fail(
                        "import_error_shape",
                        at("number_last4 is not 4 digits"),
                    ));
                }
            }
        }
    }
    for (key, points) in &export.history {
        if points.iter().any(|p| !p.at_ms.is_finite()) {
            return Err(fail("import_error_shape", format!("history {key}: at_ms")));
        }
    }
    Ok(export)
}

fn key_of(a: &crate::store::ExportedAccount) -> String {
    account_key(a.snapshot.carrier.as_deref(), &a.host)
}

fn history_for<'a>(export: &'a Export, key: &str) -> &'a [HistoryPoint] {
    export
        .history
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, h)| h.as_slice())
        .unwrap_or(&[])
}

fn new_points(stored: &[HistoryPoint], incoming: &[HistoryPoint]) -> usize {
    incoming
        .iter()
        .filter(|p| !stored.iter().any(|s| s.at_ms == p.at_ms))
        .count()
}

/// What importing `export` into `state` would change.
pub fn preview(state: &State, export: &Export) -> Preview {
    let mut accounts = Vec::new();
    for a in &export.accounts {
        let key = key_of(a);
        let incoming = history_for(export, &key);
        let (change, history_added) = match state.account(&key) {
            None => (Change::Added, incoming.len()),
            Some(s) => (
                if a.read_at_ms > s.read_at_ms {
                    Change::Replaced
                } else {
                    Change::Kept
                },
                new_points(&s.history, incoming),
            ),
        };
        accounts.push(AccountChange {
            key,
            carrier: a.snapshot.carrier.clone(),
            host: a.host.clone(),
            change,
            history_added,
        });
    }
    let settings_changed = export
        .settings
        .as_ref()
        .is_some_and(|s| *s != state.settings);
    let renewed_added = export
        .renewed
        .iter()
        .filter(|r| !state.is_renewed(&r.account, r.cycle))
        .count();
    let unchanged = !settings_changed
        && renewed_added == 0
        && accounts
            .iter()
            .all(|a| a.change == Change::Kept && a.history_added == 0);
    Preview {
        accounts,
        settings_changed,
        renewed_added,
        unchanged,
    }
}

/// A history kept within the store's bounds, relative to its newest point.
fn bounded(mut history: Vec<HistoryPoint>) -> Vec<HistoryPoint> {
    if let Some(today) = history.last().map(|p| p.date) {
        bound_history(&mut history, today);
    }
    history
}

/// Applies an import: the merge the preview describes.
pub fn apply(state: &mut State, export: &Export) {
    for a in &export.accounts {
        let key = key_of(a);
        let incoming = history_for(export, &key);
        match state.accounts.iter_mut().find(|s| s.key == key) {
            None => state.accounts.push(Account {
                key,
                carrier: a.snapshot.carrier.clone(),
                host: a.host.clone(),
                page_url: a.page_url.clone(),
                latest: a.snapshot.clone(),
                read_at_ms: a.read_at_ms,
                history: bounded(incoming.to_vec()),
            }),
            Some(s) => {
                if a.read_at_ms > s.read_at_ms {
                    s.latest = a.snapshot.clone();
                    s.read_at_ms = a.read_at_ms;
                    s.host = a.host.clone();
                    s.page_url = a.page_url.clone();
                }
                // Joined in time order (insertion, no sort routine in the wasm).
                for p in incoming {
                    let at = s.history.partition_point(|h| h.at_ms < p.at_ms);
                    if s.history.get(at).is_none_or(|h| h.at_ms != p.at_ms) {
                        s.history.insert(at, p.clone());
                    }
                }
                s.history = bounded(std::mem::take(&mut s.history));
            }
        }
    }
    if let Some(settings) = &export.settings {
        state.settings = settings.clone();
    }
    for r in &export.renewed {
        state.mark_renewed(&r.account, r.cycle, r.at_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    /// The extension reads `carrier`'s account page at `at_ms`.
    fn read(state: &mut State, carrier: &str, left: f64, at_ms: f64) {
        let host = if carrier == "mint" {
            "mintmobile"
        } else {
            carrier
        };
        let bill = Date::new(2026, 12, 9).unwrap();
        let snap = crate::reminders::sample_snapshot(carrier, bill, left, 5120.0);
        let url = format!("https://www.{host}.com/account");
        state.ingest(&snap, &url, at_ms, today());
    }

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    #[test]
    fn round_trip_into_an_empty_store_restores_everything() {
        let mut state = State::default();
        read(&mut state, "t-mobile", 3000.0, 1.0);
        state.settings.lead_days = vec![5, 0];
        state.mark_renewed("t-mobile", Date::new(2026, 12, 9).unwrap(), 2.0);
        let export = parse(&state.export_json()).unwrap();
        let mut fresh = State::default();
        let p = preview(&fresh, &export);
        assert_eq!(p.accounts[0].change, Change::Added);
        assert_eq!(p.accounts[0].history_added, 1);
        assert!(p.settings_changed);
        assert_eq!(p.renewed_added, 1);
        apply(&mut fresh, &export);
        assert_eq!(fresh.accounts, state.accounts);
        assert_eq!(fresh.settings, state.settings);
        assert_eq!(fresh.reminders.renewed, state.reminders.renewed);
        assert!(preview(&fresh, &export).unchanged);
    }

    #[test]
    fn merge_keeps_the_newer_record_and_joins_history() {
        let mut old = State::default();
        read(&mut old, "t-mobile", 3000.0, 1.0);
        let mut new = old.clone();
        read(&mut new, "t-mobile", 2000.0, 5.0);
        read(&mut new, "mint", 100.0, 6.0);
        let export = parse(&new.export_json()).unwrap();
        let p = preview(&old, &export);
        assert_eq!(p.accounts[0].change, Change::Replaced);
        assert_eq!(p.accounts[0].history_added, 1);
        assert_eq!(p.accounts[1].change, Change::Added);
        let mut merged = old.clone();
        apply(&mut merged, &export);
        assert_eq!(merged.account("t-mobile").unwrap().history.len(), 2);
        assert_eq!(merged.account("t-mobile").unwrap().read_at_ms, 5.0);
        // The other way round the stored newer record is kept.
        let back = parse(&old.export_json()).unwrap();
        let p = preview(&new, &back);
        assert_eq!(p.accounts[0].change, Change::Kept);
        let mut kept = new.clone();
        apply(&mut kept, &back);
        assert_eq!(kept.account("t-mobile").unwrap().read_at_ms, 5.0);
        assert_eq!(kept.accounts.len(), 2);
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        let key = |r: Result<Export, ImportError>| r.unwrap_err().0.key;
        assert_eq!(key(parse("{")), "import_error_json");
        assert_eq!(key(parse("[]")), "import_error_not_export");
        assert_eq!(
            key(parse(r#"{"linekeeper_export": 2}"#)),
            "import_error_version"
        );
        assert_eq!(
            key(parse(r#"{"linekeeper_export": 1}"#)),
            "import_error_shape"
        );
        let mut state = State::default();
        read(&mut state, "t-mobile", 3000.0, 1.0);
        let good = state.export_json();
        let bad_last4 = good.replace("\"4821\"", "\"5551234821\"");
        assert_eq!(key(parse(&bad_last4)), "import_error_shape");
        let bad_host = good.replace(
            "\"host\": \"www.t-mobile.com\"",
            "\"host\": \"evil.example\"",
        );
        assert_eq!(key(parse(&bad_host)), "import_error_shape");
        assert!(parse(&good).is_ok());
    }
}
