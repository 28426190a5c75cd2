//! What the extension keeps in `chrome.storage.local`, and how a new scan changes it.
//!
//! The service worker owns no state of its own: on every event it loads [`State`] from
//! storage, calls a pure function here, and writes the result back in one `set` call
//! (one key, so a write cannot half-apply). The worker may be killed at any moment.

use crate::date::Date;
use crate::page::host_of;
use crate::reminders::{ReminderLog, RenewedMark};
use crate::settings::Settings;
use crate::snapshot::{Snapshot, Status};
use serde::{Deserialize, Serialize};

/// Version of the stored layout (not of the Snapshot format).
pub const STORE_VERSION: u32 = 1;
/// Most history points kept per account.
pub const MAX_HISTORY: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    #[serde(default)]
    pub accounts: Vec<Account>,
    /// The renewal checklist of each account (`checklist.rs`).
    #[serde(default)]
    pub checklists: Vec<crate::checklist::Checklist>,
    /// Reminder, threshold, language and cycle settings (`src/settings.rs`).
    #[serde(default)]
    pub settings: Settings,
    /// Reminders fired, snoozes, and cycles marked renewed (`src/reminders.rs`).
    #[serde(default)]
    pub reminders: ReminderLog,
    /// Sites the user taught (`src/teach.rs`): their rules, in the profile format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taught: Vec<crate::teach::TaughtSite>,
}

impl Default for State {
    fn default() -> State {
        State {
            version: STORE_VERSION,
            accounts: Vec::new(),
            checklists: Vec::new(),
            settings: Settings::default(),
            reminders: ReminderLog::default(),
            taught: Vec::new(),
        }
    }
}

/// One carrier account as last read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Stable key: the carrier id, or `host:<host>` for pages read by the generic reader.
    pub key: String,
    pub carrier: Option<String>,
    /// Host the record was read on.
    pub host: String,
    /// Page to open to refresh the record (no query string or fragment).
    pub page_url: String,
    /// The last good Snapshot (status ok).
    pub latest: Snapshot,
    /// When `latest` was read, Unix milliseconds.
    pub read_at_ms: f64,
    /// One point per scan that changed a value, oldest first. Stored as one compact
    /// string (`history_codec.rs`); arrays of points are read too.
    #[serde(default, with = "crate::history_codec")]
    pub history: Vec<HistoryPoint>,
}

/// Data left per line at one moment, for the forecast and the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPoint {
    pub at_ms: f64,
    pub date: Date,
    pub next_bill_date: Option<Date>,
    /// (last four digits or "", remaining MB, used MB) per line.
    pub lines: Vec<(String, Option<f64>, Option<f64>)>,
}

/// What happened to a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A good record was stored (new account or changed values).
    Stored,
    /// The same values as already stored: only the read time moved.
    Refreshed,
    /// Not stored: the page held no trustworthy data or was a sign-in page.
    Ignored,
}

/// Why stored state could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stored data could not be read: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

impl State {
    /// Reads stored JSON; a missing value gives an empty state.
    pub fn from_json(json: Option<&str>) -> Result<State, StoreError> {
        let Some(json) = json else {
            return Ok(State::default());
        };
        let state: State = serde_json::from_str(json).map_err(|e| StoreError(e.to_string()))?;
        if state.version > STORE_VERSION {
            return Err(StoreError(format!(
                "written by a newer LineKeeper (layout {} > {STORE_VERSION})",
                state.version
            )));
        }
        Ok(state)
    }

    pub fn account(&self, key: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.key == key)
    }

    /// Applies one scan. Only `Status::Ok` snapshots change the state: a sign-in page,
    /// a skeleton or a maintenance notice leaves the last good record in place.
    pub fn ingest(&mut self, snapshot: &Snapshot, url: &str, now_ms: f64, today: Date) -> Outcome {
        if snapshot.status != Status::Ok {
            return Outcome::Ignored;
        }
        let host = host_of(url);
        let key = account_key(snapshot.carrier.as_deref(), &host);
        let point = HistoryPoint {
            at_ms: now_ms,
            date: today,
            next_bill_date: snapshot.next_bill_date,
            lines: snapshot
                .lines
                .iter()
                .map(|l| {
                    let data = l.data.as_ref();
                    (
                        l.number_last4.clone().unwrap_or_default(),
                        data.and_then(|d| d.remaining_mb),
                        data.and_then(|d| d.used_mb),
                    )
                })
                .collect(),
        };
        let page_url = strip_query(url);
        match self.accounts.iter_mut().find(|a| a.key == key) {
            Some(account) => {
                let same = account.latest == *snapshot;
                let before = std::mem::replace(&mut account.latest, snapshot.clone());
                account.read_at_ms = now_ms;
                account.host = host;
                account.page_url = page_url;
                let changed = account.history.last().is_none_or(|last| {
                    last.lines != point.lines || last.next_bill_date != point.next_bill_date
                });
                if changed {
                    account.history.push(point);
                    if account.history.len() > MAX_HISTORY {
                        let excess = account.history.len() - MAX_HISTORY;
                        account.history.drain(..excess);
                    }
                }
                if same {
                    Outcome::Refreshed
                } else {
                    self.observe_renewal(&key, &before, snapshot, now_ms);
                    Outcome::Stored
                }
            }
            None => {
                self.accounts.push(Account {
                    key,
                    carrier: snapshot.carrier.clone(),
                    host,
                    page_url,
                    latest: snapshot.clone(),
                    read_at_ms: now_ms,
                    history: vec![point],
                });
                Outcome::Stored
            }
        }
    }
}

/// An exported account: the public Snapshot (schema 1, `docs/snapshot.md`) with where
/// and when it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportedAccount {
    pub host: String,
    pub page_url: String,
    pub read_at_ms: f64,
    pub snapshot: Snapshot,
}

/// The export file: every account's last good Snapshot and its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub linekeeper_export: u32,
    pub accounts: Vec<ExportedAccount>,
    pub history: Vec<(String, Vec<HistoryPoint>)>,
    /// The settings (absent in files from before reminders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// Cycles marked renewed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renewed: Vec<RenewedMark>,
}

impl State {
    /// The export of everything stored, as pretty JSON.
    pub fn export_json(&self) -> String {
        let export = Export {
            linekeeper_export: 1,
            accounts: self
                .accounts
                .iter()
                .map(|a| ExportedAccount {
                    host: a.host.clone(),
                    page_url: a.page_url.clone(),
                    read_at_ms: a.read_at_ms,
                    snapshot: a.latest.clone(),
                })
                .collect(),
            history: self
                .accounts
                .iter()
                .map(|a| (a.key.clone(), a.history.clone()))
                .collect(),
            settings: Some(self.settings.clone()),
            renewed: self.reminders.renewed.clone(),
        };
        serde_json::to_string_pretty(&export).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

/// The account key for a carrier id or, for the generic reader, the host.
pub fn account_key(carrier: Option<&str>, host: &str) -> String {
    match carrier {
        Some(id) => id.to_string(),
        None => format!("host:{host}"),
    }
}

fn strip_query(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url.get(..end).unwrap_or(url).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{DataUsage, Line};

    fn snap(remaining: f64) -> Snapshot {
        Snapshot {
            schema: 1,
            status: Status::Ok,
            carrier: Some("t-mobile".into()),
            next_bill_date: Date::new(2026, 12, 9),
            lines: vec![Line {
                number_last4: Some("4821".into()),
                data: Some(DataUsage {
                    remaining_mb: Some(remaining),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    #[test]
    fn ok_snapshot_is_stored_and_history_grows_on_change_only() {
        let mut state = State::default();
        let url = "https://www.t-mobile.com/account?tab=1#x";
        assert_eq!(
            state.ingest(&snap(3000.0), url, 1.0, today()),
            Outcome::Stored
        );
        assert_eq!(
            state.ingest(&snap(3000.0), url, 2.0, today()),
            Outcome::Refreshed
        );
        assert_eq!(
            state.ingest(&snap(2500.0), url, 3.0, today()),
            Outcome::Stored
        );
        let account = state.account("t-mobile").unwrap();
        assert_eq!(account.history.len(), 2);
        assert_eq!(account.read_at_ms, 3.0);
        assert_eq!(account.page_url, "https://www.t-mobile.com/account");
    }

    #[test]
    fn non_ok_pages_never_replace_the_last_good_record() {
        let mut state = State::default();
        state.ingest(
            &snap(3000.0),
            "https://www.t-mobile.com/account",
            1.0,
            today(),
        );
        for status in [Status::NoData, Status::LoggedOut] {
            let outcome = state.ingest(
                &Snapshot::empty(status),
                "https://www.t-mobile.com/",
                2.0,
                today(),
            );
            assert_eq!(outcome, Outcome::Ignored);
        }
        assert_eq!(state.accounts.len(), 1);
        assert_eq!(state.accounts[0].read_at_ms, 1.0);
    }

    #[test]
    fn state_json_round_trip_and_errors() {
        let mut state = State::default();
        state.ingest(
            &snap(3000.0),
            "https://www.t-mobile.com/account",
            1.0,
            today(),
        );
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(State::from_json(Some(&json)).unwrap(), state);
        assert_eq!(State::from_json(None).unwrap(), State::default());
        assert!(State::from_json(Some("{")).is_err());
        let newer = State::from_json(Some(r#"{"version": 99, "accounts": []}"#)).unwrap_err();
        assert!(newer.to_string().contains("newer"));
    }

    #[test]
    fn export_holds_the_public_snapshot() {
        let mut state = State::default();
        state.ingest(
            &snap(3000.0),
            "https://www.t-mobile.com/account",
            1.0,
            today(),
        );
        let export: serde_json::Value = serde_json::from_str(&state.export_json()).unwrap();
        assert_eq!(export["accounts"][0]["snapshot"]["schema"], 1);
        assert_eq!(
            export["accounts"][0]["snapshot"]["lines"][0]["number_last4"],
            "4821"
        );
    }

    #[test]
    fn generic_reader_accounts_are_keyed_by_host() {
        let mut state = State::default();
        let mut s = snap(1.0);
        s.carrier = None;
        state.ingest(&s, "https://my.example-mobile.com/usage", 1.0, today());
        assert!(state.account("host:my.example-mobile.com").is_some());
    }
}
