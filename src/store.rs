//! What the extension keeps in `chrome.storage.local`, and how a new scan changes it.
//!
//! The service worker owns no state of its own: on every event it loads [`State`] from
//! storage, calls a pure function here, and writes the result back in one `set` call
//! (one key, so a write cannot half-apply). The worker may be killed at any moment.
//!
//! The stored layout is versioned ([`STORE_VERSION`]). [`State::from_value`] reads every
//! layout LineKeeper ever wrote, bringing older ones up step by step ([`migrate`]); a value it
//! cannot read (corrupt, or written by a newer LineKeeper) is an error that says which, and
//! the worker keeps that value aside under its own key ([`KeptAside`]), never overwriting it.
//!
//! Layouts (`docs/storage.md`):
//! - 1: accounts; later additions with defaults: checklists, settings, reminders, the history
//!   as one compact string (arrays of points still read).
//! - 2: history older than [`ROLLUP_AFTER_DAYS`] rolled up to one point per day (applied
//!   on every change; the migration itself drops nothing); `kept_aside` notes.

use crate::date::Date;
use crate::json::{FromJson, Value};
use crate::page::host_of;
use crate::reminders::{ReminderLog, RenewedMark};
use crate::settings::Settings;
use crate::snapshot::{Snapshot, Status};

/// Version of the stored layout (not of the Snapshot format).
pub const STORE_VERSION: u32 = 2;
/// History points older than this many days (before the newest scan's day) are rolled up to
/// the last point of their day.
pub const ROLLUP_AFTER_DAYS: i64 = 90;
/// Most history points kept per account, a last resort past the daily roll-up (about ten
/// years of daily points).
pub const MAX_HISTORY: usize = 4_000;
/// The storage key of the state.
pub const STATE_KEY: &str = "state";
/// Prefix of the storage keys under which unreadable stored values are kept aside.
pub const KEPT_ASIDE_PREFIX: &str = "kept_aside:";

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct State {
    pub version: u32,
    #[cfg_attr(test, serde(default))]
    pub accounts: Vec<Account>,
    /// The renewal checklist of each account (`checklist.rs`).
    #[cfg_attr(test, serde(default))]
    pub checklists: Vec<crate::checklist::Checklist>,
    /// Reminder, threshold, language and cycle settings (`src/settings.rs`).
    #[cfg_attr(test, serde(default))]
    pub settings: Settings,
    /// Reminders fired, snoozes, and cycles marked renewed (`src/reminders.rs`).
    #[cfg_attr(test, serde(default))]
    pub reminders: ReminderLog,
    /// Sites the user taught (`src/teach.rs`): their rules, in the profile format.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub taught: Vec<crate::teach::TaughtSite>,
    /// Stored values that could not be read and were kept aside under their own storage
    /// key (shown in the popup and options page until everything is erased).
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
    pub kept_aside: Vec<KeptAside>,
}

/// A note of a stored value kept aside because it could not be read.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct KeptAside {
    /// The storage key it is kept under (`kept_aside:<ms>`).
    pub key: String,
    /// When it was kept aside, Unix milliseconds.
    pub at_ms: f64,
    /// The layout it was in, when written by a newer LineKeeper; `None` when damaged.
    #[cfg_attr(test, serde(default))]
    pub newer: Option<u32>,
    /// What was wrong with it (damaged values).
    #[cfg_attr(test, serde(default))]
    pub detail: String,
}

impl KeptAside {
    /// Why it could not be read.
    pub fn reason(&self) -> StoreError {
        match self.newer {
            Some(version) => StoreError::Newer { version },
            None => StoreError::Corrupt {
                detail: self.detail.clone(),
            },
        }
    }

    /// What the popup and options page say about it.
    pub fn message(&self) -> crate::view::Msg {
        use crate::view::Msg;
        match self.newer {
            Some(version) => Msg::with(
                "store_kept_newer",
                vec![self.key.clone(), crate::json::int_text(version.into())],
            ),
            // What was wrong, in the decoder's words, is technical: the pages show it
            // folded under the sentence (`detail`), not inside it.
            None => Msg::with("store_kept_damaged", vec![self.key.clone()]),
        }
    }
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
            kept_aside: Vec::new(),
        }
    }
}

/// One carrier account as last read.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
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
    #[cfg_attr(test, serde(default, with = "crate::history_codec"))]
    pub history: Vec<HistoryPoint>,
}

/// Data left per line at one moment, for the forecast and the chart.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct HistoryPoint {
    pub at_ms: f64,
    pub date: Date,
    pub next_bill_date: Option<Date>,
    /// (last four digits or "", remaining MB, used MB) per line.
    pub lines: Vec<(String, Option<f64>, Option<f64>)>,
}

/// What happened to a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
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
pub enum StoreError {
    /// Not a LineKeeper state of any layout this version knows (damaged, or not ours).
    Corrupt { detail: String },
    /// Written by a newer LineKeeper, in a layout this version does not know.
    Newer { version: u32 },
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl StoreError {
    /// The [`Display`](std::fmt::Display) text, without `core::fmt`.
    pub fn message(&self) -> String {
        match self {
            StoreError::Corrupt { detail } => {
                ["stored data could not be read (damaged): ", detail].concat()
            }
            StoreError::Newer { version } => [
                "stored data was written by a newer LineKeeper (layout ",
                &crate::json::int_text((*version).into()),
                "; this version reads layouts up to ",
                &crate::json::int_text(STORE_VERSION.into()),
                ")",
            ]
            .concat(),
        }
    }
}

impl std::error::Error for StoreError {}

fn corrupt(detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        detail: detail.into(),
    }
}

/// Steps that bring an older layout up by one: `MIGRATIONS[i]` turns layout `i + 1` into
/// layout `i + 2`. A new layout adds a step here and a test that loads the old shape.
type Migration = fn(&mut [(String, Value)]) -> Result<(), StoreError>;
const MIGRATIONS: [Migration; 1] = [migrate_1_to_2];

/// Layout 1 → 2. Fields added to layout 1 all had defaults; one shape changed: a renewal
/// cycle set by the user was first written `{"every": "months", "n": 1}` (ad8a5ee), now
/// `{"months": {"n": 1}}`. History is not rolled up here, so the migration drops nothing;
/// the next change rolls it up.
fn migrate_1_to_2(state: &mut [(String, Value)]) -> Result<(), StoreError> {
    let cycles = state
        .iter_mut()
        .rfind(|(k, _)| k == "settings")
        .and_then(|(_, s)| s.get_mut("cycles"));
    let Some(Value::Obj(cycles)) = cycles else {
        return Ok(());
    };
    for (_, cycle) in cycles.iter_mut() {
        let Value::Obj(object) = cycle else {
            continue;
        };
        // The last `every` counts (a JSON object's repeated key keeps its last value).
        let every = object
            .iter()
            .rev()
            .find(|(k, _)| k == "every")
            .map(|(_, v)| v.clone());
        if let Some(Value::Str(every)) = every {
            let mut inner = std::mem::take(object);
            inner.retain(|(k, _)| k != "every");
            *cycle = Value::Obj(vec![(every, Value::Obj(inner))]);
        }
    }
    Ok(())
}

/// The layout of a stored value from its `version` read as a number (the JS side): an error
/// when it is missing, not a layout LineKeeper wrote, or newer than this version knows.
pub fn layout_of(version: Option<f64>) -> Result<u32, StoreError> {
    let version = version.ok_or_else(|| corrupt("no layout version"))?;
    if version.fract() != 0.0 || !(1.0..=f64::from(u32::MAX)).contains(&version) {
        return Err(corrupt(
            [
                "layout version ",
                &crate::decimal::shortest(version),
                " is not one LineKeeper wrote",
            ]
            .concat(),
        ));
    }
    let version = version as u32;
    if version > STORE_VERSION {
        return Err(StoreError::Newer { version });
    }
    Ok(version)
}

/// Brings a stored value of any known layout to the current one (in place), returning the
/// layout it was in. Values that are not a state object, have no usable `version`, or come
/// from a newer layout are errors; the value is then left as it was.
pub fn migrate(value: &mut Value) -> Result<u32, StoreError> {
    let Value::Obj(object) = value else {
        return Err(corrupt("not an object"));
    };
    // A repeated key counts once, with its last value (as a JSON object reads).
    let version = match object
        .iter()
        .rev()
        .find(|(k, _)| k == "version")
        .map(|(_, v)| v)
    {
        Some(Value::Int(n)) => u32::try_from(*n).ok().filter(|v| *v >= 1).ok_or_else(|| {
            corrupt(
                [
                    "layout version ",
                    &crate::json::to_string(n),
                    " is not one LineKeeper wrote",
                ]
                .concat(),
            )
        })?,
        Some(n @ Value::Float(_)) => {
            return Err(corrupt(
                [
                    "layout version ",
                    &crate::json::to_string(n),
                    " is not one LineKeeper wrote",
                ]
                .concat(),
            ))
        }
        Some(other) => {
            return Err(corrupt(
                [
                    "layout version ",
                    &crate::json::to_string(other),
                    " is not a number",
                ]
                .concat(),
            ))
        }
        None => return Err(corrupt("no layout version")),
    };
    if version > STORE_VERSION {
        return Err(StoreError::Newer { version });
    }
    let mut copy = dedup(object.clone());
    for step in MIGRATIONS.iter().skip(version as usize - 1) {
        step(&mut copy)?;
    }
    copy.retain(|(k, _)| k != "version");
    copy.insert(0, ("version".into(), Value::Int(i64::from(STORE_VERSION))));
    *object = copy;
    Ok(version)
}

/// An object's members with each key once, holding its last value, in first-seen order
/// (what serde_json's map kept; a struct read refuses repeated fields).
fn dedup(items: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::with_capacity(items.len());
    for (k, v) in items {
        match out.iter_mut().find(|(seen, _)| *seen == k) {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    out
}

impl State {
    /// Reads stored JSON; a missing value gives an empty state.
    pub fn from_json(json: Option<&str>) -> Result<State, StoreError> {
        let Some(json) = json else {
            return Ok(State::default());
        };
        let value = crate::json::parse(json).map_err(|e| corrupt(e.to_string()))?;
        State::from_value(value)
    }

    /// Reads a stored value of any layout LineKeeper wrote (migrating older ones); `null`
    /// gives an empty state.
    pub fn from_value(mut value: Value) -> Result<State, StoreError> {
        if value == Value::Null {
            return Ok(State::default());
        }
        migrate(&mut value)?;
        <State as FromJson>::from_json(value).map_err(|e| corrupt(e.to_string()))
    }

    /// The state to carry on with when the stored value could not be read: empty, with a
    /// note of where the unreadable value is kept (`key`, written in the same storage call).
    pub fn after_unreadable(error: StoreError, now_ms: f64) -> State {
        State {
            kept_aside: vec![KeptAside {
                key: kept_aside_key(now_ms),
                at_ms: now_ms,
                newer: match error {
                    StoreError::Newer { version } => Some(version),
                    StoreError::Corrupt { .. } => None,
                },
                detail: match error {
                    StoreError::Corrupt { detail } => detail,
                    StoreError::Newer { .. } => String::new(),
                },
            }],
            ..State::default()
        }
    }

    pub fn account(&self, key: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.key == key)
    }

    /// Applies one scan. Only `Status::Ok` snapshots change the state: a sign-in page,
    /// a skeleton or a maintenance notice leaves the last good record in place.
    pub fn ingest(&mut self, snapshot: &Snapshot, url: &str, now_ms: f64, today: Date) -> Outcome {
        self.ingest_owned(snapshot.clone(), url, now_ms, today)
    }

    /// [`State::ingest`] of a snapshot the caller no longer needs: stored without a copy
    /// (the engine module then links no deep clone of a snapshot).
    pub fn ingest_owned(
        &mut self,
        snapshot: Snapshot,
        url: &str,
        now_ms: f64,
        today: Date,
    ) -> Outcome {
        if snapshot.status != Status::Ok {
            return Outcome::Ignored;
        }
        let host = host_of(url);
        let key = account_key(snapshot.carrier.as_deref(), &host);
        let mut lines = Vec::new();
        for l in &snapshot.lines {
            let data = l.data.as_ref();
            lines.push((
                l.number_last4.clone().unwrap_or_default(),
                data.and_then(|d| d.remaining_mb),
                data.and_then(|d| d.used_mb),
            ));
        }
        let point = HistoryPoint {
            at_ms: now_ms,
            date: today,
            next_bill_date: snapshot.next_bill_date,
            lines,
        };
        let page_url = strip_query(url);
        match self.accounts.iter().position(|a| a.key == key) {
            Some(i) => {
                let Some(account) = self.accounts.get_mut(i) else {
                    return Outcome::Ignored;
                };
                let same = account.latest == snapshot;
                let before = std::mem::replace(&mut account.latest, snapshot);
                account.read_at_ms = now_ms;
                account.host = host;
                account.page_url = page_url;
                let changed = account.history.last().is_none_or(|last| {
                    last.lines != point.lines || last.next_bill_date != point.next_bill_date
                });
                if changed {
                    account.history.push(point);
                    bound_history(&mut account.history, today);
                }
                if same {
                    Outcome::Refreshed
                } else {
                    // (The new snapshot lent out of the account for the call, and back.)
                    let after = std::mem::take(&mut account.latest);
                    self.observe_renewal(&key, &before, &after, now_ms);
                    if let Some(account) = self.accounts.get_mut(i) {
                        account.latest = after;
                    }
                    Outcome::Stored
                }
            }
            None => {
                self.accounts.push(Account {
                    key,
                    carrier: snapshot.carrier.clone(),
                    host,
                    page_url,
                    latest: snapshot,
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
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct ExportedAccount {
    pub host: String,
    pub page_url: String,
    pub read_at_ms: f64,
    pub snapshot: Snapshot,
}

/// The export file: every account's last good Snapshot and its history.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Export {
    pub linekeeper_export: u32,
    pub accounts: Vec<ExportedAccount>,
    pub history: Vec<(String, Vec<HistoryPoint>)>,
    /// The settings (absent in files from before reminders).
    #[cfg_attr(test, serde(default, skip_serializing_if = "Option::is_none"))]
    pub settings: Option<Settings>,
    /// Cycles marked renewed.
    #[cfg_attr(test, serde(default, skip_serializing_if = "Vec::is_empty"))]
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
        crate::json::to_string_pretty(&export)
    }
}

/// The storage key an unreadable value is kept aside under.
pub fn kept_aside_key(now_ms: f64) -> String {
    let ms = if now_ms.is_finite() {
        now_ms.max(0.0)
    } else {
        0.0
    };
    [KEPT_ASIDE_PREFIX, &crate::decimal::fixed(ms, 0)].concat()
}

/// Keeps a history bounded: points from days more than [`ROLLUP_AFTER_DAYS`] before `today`
/// are rolled up to the last point of their day, then at most [`MAX_HISTORY`] points are kept
/// (the newest). The history is oldest first.
pub fn bound_history(history: &mut Vec<HistoryPoint>, today: Date) {
    if let Some(cutoff) = today.add_days(-ROLLUP_AFTER_DAYS) {
        let old = history.partition_point(|p| p.date < cutoff);
        if old > 1 {
            let mut keep = 0;
            for i in 0..old {
                let last_of_day = history.get(i + 1).is_none_or(|n| n.date != history[i].date);
                if last_of_day {
                    history.swap(keep, i);
                    keep += 1;
                }
            }
            history.drain(keep..old);
        }
    }
    if history.len() > MAX_HISTORY {
        let excess = history.len() - MAX_HISTORY;
        history.drain(..excess);
    }
}

/// The account key for a carrier id or, for the generic reader, the host.
pub fn account_key(carrier: Option<&str>, host: &str) -> String {
    match carrier {
        Some(id) => id.to_string(),
        None => ["host:", host].concat(),
    }
}

fn strip_query(url: &str) -> String {
    crate::parse::text::before_any(url, b"?#").to_string()
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

#[cfg(test)]
#[path = "store/tests_layouts.rs"]
mod tests_layouts;

#[cfg(test)]
#[path = "store/tests_history.rs"]
mod tests_history;
