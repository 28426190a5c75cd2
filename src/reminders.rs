//! Renewal reminders: which fire when, exactly once.
//!
//! The schedule is a pure function of the stored [`State`] and the clock: for every account,
//! the renewal cycles that matter now (the current one and one just passed), a reminder per
//! lead time at the chosen time of day (moved out of quiet hours), a low-data alert per line,
//! and the user's snoozes. Each reminder has a stable key; [`tick`] fires those that are due
//! and not yet in the log, records them in the same state it returns, and lists the future
//! ones as alarms named by their keys. The worker calls it on every event (start-up, alarm,
//! new record, settings change), so a rebuild after a killed worker, a browser restart or a
//! sleeping machine gives the same alarms and never a second notification.

use crate::checklist::{ActionKind, PopupAction, STEP_PAY};
use crate::date::Date;
use crate::settings::{Cycle, Settings};
use crate::snapshot::DataUsage;
use crate::store::{Account, State};
use crate::view::{days_msg, format_date, format_mb, urgency_for_days, Msg, Urgency};
use crate::zone::{self, Zone, DAY_MS};

/// A reminder fired more than this after its time is shown as missed (late).
pub const LATE_AFTER_MS: f64 = 15.0 * 60_000.0;
/// A cycle whose date passed this many days ago still gets its missed reminder.
pub const PAST_CYCLE_DAYS: i64 = 3;
/// Log entries of cycles older than this many days are dropped.
pub const KEEP_LOG_DAYS: i64 = 62;
/// Name of the alarm that refreshes the toolbar badge after local midnight.
pub const DAILY_ALARM: &str = "linekeeper:daily";
/// Prefix of reminder alarm names (the rest is the reminder key).
pub const ALARM_PREFIX: &str = "linekeeper:r:";

/// What a reminder is about (read from its key).
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `days` before the cycle's date.
    Lead { days: u32 },
    /// A line's data fell below the threshold.
    LowData { line: String },
}

/// The log kept in [`State::reminders`].
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct ReminderLog {
    /// Reminders handled, by key: shown, or passed over because a later one of the same
    /// cycle was shown instead.
    pub fired: Vec<Fired>,
    pub snoozes: Vec<Snooze>,
    /// Cycles the user marked renewed. The popup's renewal checklist reads these
    /// ([`State::is_renewed`]).
    pub renewed: Vec<RenewedMark>,
}

#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Fired {
    pub key: String,
    pub account: String,
    pub cycle: Option<Date>,
    pub at_ms: f64,
    /// Shown (false: passed over for a later reminder of the same cycle).
    pub shown: bool,
    #[cfg_attr(test, serde(default))]
    pub late: bool,
}

#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Snooze {
    /// Key of the reminder this snooze shows again.
    pub key: String,
    pub account: String,
    pub cycle: Option<Date>,
    pub at_ms: f64,
}

/// "This account's cycle ending on `cycle` is renewed": no more reminders for it.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct RenewedMark {
    pub account: String,
    pub cycle: Date,
    pub at_ms: f64,
}

/// One reminder of the schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub key: String,
    pub account: String,
    pub cycle: Option<Date>,
    pub kind: Kind,
    pub at_ms: f64,
    /// When the product first knew this reminder would be due (reminders whose time came
    /// before are never shown: they were not missed, they were never promised).
    pub known_ms: f64,
}

/// A notification to show, as a view model.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Notice {
    /// Notification id: the reminder key.
    pub id: String,
    pub account: String,
    pub carrier: Option<String>,
    pub host: String,
    pub page_url: String,
    pub title: Msg,
    pub body: Msg,
    /// Shown late (the machine was asleep or off at its time).
    pub late: bool,
    /// Button labels: snooze a day, mark renewed. (Clicking the notification itself opens
    /// the account page: Chrome allows two buttons.)
    pub buttons: Vec<Msg>,
}

/// A `chrome.alarms` alarm to (re)create.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AlarmSpec {
    pub name: String,
    pub when_ms: f64,
}

/// The toolbar badge.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ToolbarBadge {
    /// Badge text (`13d`, `1.2G`); `None` for an empty badge.
    pub text: Option<Msg>,
    pub color: &'static str,
    pub urgency: Urgency,
    /// Tooltip: account and what the badge counts.
    pub title: Option<Msg>,
}

/// What the worker does after an event.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Tick {
    pub notices: Vec<Notice>,
    /// Every alarm that should exist (reminders and the daily refresh); others with the
    /// reminder prefix are cleared.
    pub alarms: Vec<AlarmSpec>,
    pub badge: ToolbarBadge,
    /// Notifications to close (their cycle is renewed or gone).
    pub close: Vec<String>,
    /// Whether the tick changed the state (recorded a reminder or pruned the log): the
    /// worker then stores it. Not part of the JSON form.
    #[cfg_attr(test, serde(skip))]
    pub changed: bool,
}

fn is_last_day(d: Date) -> bool {
    d.day() == crate::date::days_in_month(d.year(), d.month())
}

fn month_index(d: Date) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month())
}

/// The distinct bill dates an account's history has seen, oldest first.
fn known_dates(account: &Account) -> Vec<Date> {
    // Kept in order by insertion (no sort: one less sort routine in the wasm).
    let mut dates: Vec<Date> = Vec::new();
    let points = account.history.iter().map(|p| p.next_bill_date);
    for d in points.chain([account.latest.next_bill_date]).flatten() {
        if let Err(i) = dates.binary_search(&d) {
            dates.insert(i, d);
        }
    }
    dates
}

/// The cycle an account's history shows: every gap between successive bill dates the same
/// number of months (days may clamp or wobble by up to 3), or the same number of days;
/// monthly when there is no history to tell.
pub fn infer_cycle(dates: &[Date]) -> Cycle {
    let recent = &dates[dates.len().saturating_sub(6)..];
    if recent.len() < 2 {
        return Cycle::default();
    }
    let mut pairs: Vec<(Date, Date)> = Vec::with_capacity(recent.len());
    for w in recent.windows(2) {
        pairs.push((w[0], w[1]));
    }
    let months = month_index(pairs[0].1) - month_index(pairs[0].0);
    let months_apart = |wobble: i64| {
        (1..=12).contains(&months)
            && pairs.iter().all(|&(a, b)| {
                month_index(b) - month_index(a) == months
                    && ((i64::from(a.day()) - i64::from(b.day())).abs() <= wobble
                        || is_last_day(a)
                        || is_last_day(b))
            })
    };
    // Same day each time (or clamped at a month's end): months. Else the same number of
    // days each time: days. Else months with a few days' wobble.
    if months_apart(0) {
        return Cycle::Months { n: months as u8 };
    }
    let days = pairs[0].0.days_until(pairs[0].1);
    if (7..=366).contains(&days) && pairs.iter().all(|&(a, b)| a.days_until(b) == days) {
        return Cycle::Days { n: days as u16 };
    }
    if months_apart(3) {
        return Cycle::Months { n: months as u8 };
    }
    Cycle::default()
}

/// An account's cycle: the user's setting, else inferred from its history.
pub fn cycle_of(state: &State, account: &Account) -> Cycle {
    match state.settings.cycles.get(&account.key) {
        Some(c) => *c,
        None => inferred_cycle(account),
    }
}

/// The cycle an account's history shows (monthly without history).
pub fn inferred_cycle(account: &Account) -> Cycle {
    infer_cycle(&known_dates(account))
}

/// The `k`-th date after `anchor` in a cycle. Monthly cycles keep the anchor's day (`day`)
/// where the month has it (31 → Feb 28/29 → Mar 31).
pub fn step(cycle: Cycle, anchor: Date, day: u8, k: i32) -> Option<Date> {
    match cycle {
        Cycle::Months { n } => {
            let first = Date::new(anchor.year(), anchor.month(), 1)?;
            let month = first.add_months_clamped(i32::from(n).checked_mul(k)?)?;
            let last = crate::date::days_in_month(month.year(), month.month());
            Date::new(month.year(), month.month(), day.min(last))
        }
        Cycle::Days { n } => anchor.add_days(i64::from(n) * i64::from(k)),
    }
}

/// The day of month monthly cycles fall on: the latest date's, or a later one of a recent
/// date when the latest was clamped in a short month (Jan 31, Feb 28 → 31).
fn anchor_day(dates: &[Date]) -> u8 {
    let Some(&last) = dates.last() else {
        return 1;
    };
    if !is_last_day(last) {
        return last.day();
    }
    dates
        .iter()
        .rev()
        .take(3)
        .map(|d| d.day())
        .max()
        .unwrap_or(last.day())
}

/// The cycles that matter for an account on `today`: dates from the last read one forward,
/// those from `PAST_CYCLE_DAYS` ago up to the first one still ahead that is not renewed.
pub fn cycles(state: &State, account: &Account, today: Date) -> Vec<Date> {
    chain(state, account, today, true)
}

/// The chain of cycle dates from `PAST_CYCLE_DAYS` before `today` to the first one ahead
/// (the first one ahead that is not renewed, when `skip_renewed`).
fn chain(state: &State, account: &Account, today: Date, skip_renewed: bool) -> Vec<Date> {
    let Some(anchor) = account.latest.next_bill_date else {
        return Vec::new();
    };
    let dates = known_dates(account);
    let cycle = cycle_of(state, account);
    let day = anchor_day(&dates);
    let mut out = Vec::new();
    for k in 0..2000 {
        let Some(date) = step(cycle, anchor, day, k) else {
            break;
        };
        let date = if k == 0 { anchor } else { date };
        let days = today.days_until(date);
        if days < -PAST_CYCLE_DAYS {
            continue;
        }
        let renewed = skip_renewed && state.is_renewed(&account.key, date);
        if !renewed {
            out.push(date);
        }
        if days >= 0 && !renewed {
            break;
        }
    }
    out
}

/// The current cycle: the first date from today on that is not marked renewed.
pub fn current_cycle(state: &State, account: &Account, today: Date) -> Option<Date> {
    cycles(state, account, today)
        .into_iter()
        .find(|d| today.days_until(*d) >= 0)
}

/// Moves an instant out of quiet hours (to the end of the quiet window).
pub fn out_of_quiet(settings: &Settings, zone: &dyn Zone, at_ms: f64) -> f64 {
    let Some(quiet) = settings.quiet else {
        return at_ms;
    };
    if !quiet.contains(zone::local_secs(zone, at_ms)) {
        return at_ms;
    }
    zone::next_at(zone, at_ms, quiet.end).unwrap_or(at_ms)
}

/// When the product first knew of a cycle: the first read showing that date (for projected
/// cycles, the first read of the last date read).
fn known_since(account: &Account, cycle: Date) -> f64 {
    let first_with = |d: Option<Date>| {
        account
            .history
            .iter()
            .find(|p| p.next_bill_date == d)
            .map(|p| p.at_ms)
    };
    first_with(Some(cycle))
        .or_else(|| first_with(account.latest.next_bill_date))
        .unwrap_or(account.read_at_ms)
}

fn lead_key(account: &str, cycle: Date, days: u32) -> String {
    [
        "lead|",
        account,
        "|",
        &cycle.iso(),
        "|",
        &crate::json::int_text(days.into()),
    ]
    .concat()
}

fn data_key(account: &str, cycle: Option<Date>, line: &str) -> String {
    let cycle = cycle.map(|c| c.iso()).unwrap_or_else(|| "-".into());
    ["data|", account, "|", &cycle, "|", line].concat()
}

/// Every reminder of the schedule, fired or not: per account its cycles in date order, each
/// cycle's lead times largest first, then low-data alerts and snoozes.
pub fn plan(state: &State, now_ms: f64, zone: &dyn Zone) -> Vec<Planned> {
    let settings = &state.settings;
    let mut out = Vec::new();
    let Some(today) = zone::local_date(zone, now_ms) else {
        return out;
    };
    if !settings.reminders {
        return out;
    }
    for account in &state.accounts {
        let cycles = cycles(state, account, today);
        for &cycle in &cycles {
            let known_ms = known_since(account, cycle);
            for &days in &settings.lead_days {
                let Some(day) = cycle.add_days(-i64::from(days)) else {
                    continue;
                };
                let at = zone::instant(zone, day, settings.remind_at);
                out.push(Planned {
                    key: lead_key(&account.key, cycle, days),
                    account: account.key.clone(),
                    cycle: Some(cycle),
                    kind: Kind::Lead { days },
                    at_ms: out_of_quiet(settings, zone, at),
                    known_ms,
                });
            }
        }
        if settings.low_data {
            // The data read belongs to the cycle its read date falls in.
            let read_day = zone::local_date(zone, account.read_at_ms).unwrap_or(today);
            let cycle = chain(state, account, read_day, false)
                .into_iter()
                .find(|d| read_day.days_until(*d) >= 0);
            // Nothing for a renewed cycle, nor for one already over (a stale record).
            let renewed_cycle =
                cycle.is_some_and(|c| state.is_renewed(&account.key, c) || today.days_until(c) < 0);
            let since = account
                .history
                .last()
                .map(|p| p.at_ms)
                .unwrap_or(account.read_at_ms);
            for (i, line) in account.latest.lines.iter().enumerate() {
                let Some(data) = &line.data else { continue };
                if renewed_cycle || settings.data_urgency(data) < Urgency::Soon {
                    continue;
                }
                let name = line
                    .number_last4
                    .clone()
                    .unwrap_or_else(|| crate::json::int_text(i64::try_from(i).unwrap_or(i64::MAX)));
                out.push(Planned {
                    key: data_key(&account.key, cycle, &name),
                    account: account.key.clone(),
                    cycle,
                    kind: Kind::LowData { line: name },
                    at_ms: out_of_quiet(settings, zone, since),
                    known_ms: since,
                });
            }
        }
    }
    for snooze in &state.reminders.snoozes {
        let live = out.iter().any(|p| p.key == snooze.key)
            || state
                .reminders
                .fired
                .iter()
                .any(|f| f.key == snooze.key && f.shown);
        let renewed = snooze
            .cycle
            .is_some_and(|c| state.is_renewed(&snooze.account, c));
        let kind = kind_of_key(&snooze.key);
        let Some(kind) = kind.filter(|_| live && !renewed) else {
            continue;
        };
        if !state.accounts.iter().any(|a| a.key == snooze.account) {
            continue;
        }
        out.push(Planned {
            key: snooze_key(&snooze.key, snooze.at_ms),
            account: snooze.account.clone(),
            cycle: snooze.cycle,
            kind,
            at_ms: snooze.at_ms,
            known_ms: snooze.at_ms - DAY_MS,
        });
    }
    out
}

fn snooze_key(key: &str, at_ms: f64) -> String {
    [key, "|snooze@", &crate::decimal::fixed(at_ms, 0)].concat()
}

/// The reminder key a (possibly snoozed) notification id stands for.
pub fn base_key(id: &str) -> &str {
    crate::parse::text::split_once(id, "|snooze@").map_or(id, |(key, _)| key)
}

fn family(p: &Planned) -> (String, Option<Date>, String) {
    let kind = match &p.kind {
        Kind::Lead { .. } => String::from("lead"),
        Kind::LowData { line } => ["data:", line].concat(),
    };
    (p.account.clone(), p.cycle, kind)
}

/// Fires what is due, records it, and returns the notifications, alarms and badge.
pub fn tick(state: &mut State, now_ms: f64, zone: &dyn Zone, lang: &str) -> Tick {
    let planned = plan(state, now_ms, zone);
    let today = zone::local_date(zone, now_ms);
    let fired = |state: &State, key: &str| state.reminders.fired.iter().any(|f| f.key == key);
    // (Loops that push instead of collects of filters: smaller in the wasm.)
    let mut due: Vec<&Planned> = Vec::new();
    for p in &planned {
        if p.at_ms <= now_ms && !fired(state, &p.key) {
            due.push(p);
        }
    }
    let mut notices = Vec::new();
    let changed = !due.is_empty();
    // Per account, cycle and kind, only the latest due reminder is shown; earlier ones
    // (and those due before the product knew of the cycle) are passed over, once.
    let mut families: Vec<(String, Option<Date>, String)> = Vec::new();
    for p in &due {
        let fam = family(p);
        if !families.contains(&fam) {
            families.push(fam);
        }
    }
    for fam in families {
        let mut group: Vec<&&Planned> = Vec::new();
        for p in &due {
            if family(p) == fam {
                group.push(p);
            }
        }
        // The latest (the last of equals, as `max_by`).
        let mut latest: Option<&&&Planned> = None;
        for p in &group {
            if p.at_ms >= p.known_ms && latest.is_none_or(|l| p.at_ms.total_cmp(&l.at_ms).is_ge()) {
                latest = Some(p);
            }
        }
        let show = latest.map(|p| p.key.clone());
        for p in group {
            let shown = show.as_deref() == Some(p.key.as_str());
            let late = shown && now_ms - p.at_ms > LATE_AFTER_MS;
            state.reminders.fired.push(Fired {
                key: p.key.clone(),
                account: p.account.clone(),
                cycle: p.cycle,
                at_ms: now_ms,
                shown,
                late,
            });
            if shown {
                if let Some(notice) = notice(state, p, late, today, lang) {
                    notices.push(notice);
                }
            }
        }
    }
    let mut alarms: Vec<AlarmSpec> = Vec::new();
    for p in &planned {
        if p.at_ms > now_ms && !fired(state, &p.key) {
            alarms.push(AlarmSpec {
                name: [ALARM_PREFIX, &p.key].concat(),
                when_ms: p.at_ms,
            });
        }
    }
    if let Some(midnight) = zone::next_at(zone, now_ms + 1000.0, 5) {
        alarms.push(AlarmSpec {
            name: DAILY_ALARM.into(),
            when_ms: midnight,
        });
    }
    let changed = prune(state, today) || changed;
    let mut close = Vec::new();
    for f in &state.reminders.fired {
        if f.shown && f.cycle.is_some_and(|c| state.is_renewed(&f.account, c)) {
            close.push(f.key.clone());
        }
    }
    Tick {
        notices,
        alarms,
        badge: toolbar_badge(state, now_ms, zone),
        close,
        changed,
    }
}

/// Drops log entries of cycles long over; true when it dropped any.
fn prune(state: &mut State, today: Option<Date>) -> bool {
    let Some(today) = today else { return false };
    let keep = |cycle: Option<Date>| cycle.is_none_or(|c| c.days_until(today) <= KEEP_LOG_DAYS);
    let log = &mut state.reminders;
    let before = log.fired.len() + log.snoozes.len() + log.renewed.len();
    crate::sort::retain(&mut log.fired, |f| keep(f.cycle));
    crate::sort::retain(&mut log.snoozes, |s| keep(s.cycle));
    crate::sort::retain(&mut log.renewed, |r| keep(Some(r.cycle)));
    log.fired.len() + log.snoozes.len() + log.renewed.len() != before
}

fn notice(
    state: &State,
    p: &Planned,
    late: bool,
    today: Option<Date>,
    lang: &str,
) -> Option<Notice> {
    let account = state.account(&p.account)?;
    let lang = state.settings.language.tag(lang);
    let (title, body) = match &p.kind {
        Kind::Lead { .. } => {
            let cycle = p.cycle?;
            let days = today.map(|t| t.days_until(cycle)).unwrap_or(0);
            (
                days_msg(days),
                Msg::with("notify_renewal_body", vec![format_date(cycle, &lang)]),
            )
        }
        Kind::LowData { line } => {
            let data = account
                .latest
                .lines
                .iter()
                .find(|l| l.number_last4.as_deref() == Some(line.as_str()))
                .or(account.latest.lines.first())
                .and_then(|l| l.data.as_ref());
            let left = data
                .and_then(|d| d.remaining_mb)
                .map(format_mb)
                .unwrap_or_else(|| "?".into());
            let title = Msg::with("notify_low_data_title", vec![left]);
            let body = match p.cycle {
                Some(c) => Msg::with(
                    "notify_low_data_body",
                    vec![line.clone(), format_date(c, &lang)],
                ),
                None => Msg::with("notify_low_data_body_nodate", vec![line.clone()]),
            };
            (title, body)
        }
    };
    let mut buttons = vec![Msg::new("notify_snooze")];
    if p.cycle.is_some() {
        buttons.push(Msg::new("notify_renewed"));
    }
    Some(Notice {
        id: p.key.clone(),
        account: account.key.clone(),
        carrier: account.carrier.clone(),
        host: account.host.clone(),
        page_url: account.page_url.clone(),
        title,
        body,
        late,
        buttons,
    })
}

/// What a notification button or click asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum Action {
    Snooze,
    Renewed,
}

/// The result of a notification action: the page to open, if any.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ActionResult {
    pub done: bool,
    pub close: Vec<String>,
}

impl State {
    /// Whether the user marked this account's cycle renewed: with the notification's button
    /// (a mark in `reminders.renewed`) or by ticking "pay" on the popup's renewal checklist
    /// for that cycle.
    pub fn is_renewed(&self, account: &str, cycle: Date) -> bool {
        self.has_renewed_mark(account, cycle)
            || self.checklists.iter().any(|c| {
                c.account == account
                    && c.cycle == Some(cycle)
                    && c.done.get(STEP_PAY).copied().unwrap_or(false)
            })
    }

    fn has_renewed_mark(&self, account: &str, cycle: Date) -> bool {
        self.reminders
            .renewed
            .iter()
            .any(|r| r.account == account && r.cycle == cycle)
    }

    /// Marks an account's cycle renewed (idempotent): its reminders stop, the schedule moves
    /// on to the next cycle, and when it is the cycle the popup's checklist prepares, its
    /// steps up to "pay" are ticked.
    pub fn mark_renewed(&mut self, account: &str, cycle: Date, now_ms: f64) {
        if self.has_renewed_mark(account, cycle) {
            return;
        }
        self.reminders.renewed.push(RenewedMark {
            account: account.to_string(),
            cycle,
            at_ms: now_ms,
        });
        let checklist_cycle = self.account(account).and_then(|a| a.latest.next_bill_date);
        if checklist_cycle == Some(cycle) {
            for step in 0..=STEP_PAY {
                let tick = PopupAction {
                    kind: ActionKind::Checklist,
                    account: account.to_string(),
                    step,
                    done: true,
                };
                // Cannot fail: the account exists and the step is in range.
                let _ = self.apply(&tick, now_ms);
            }
        }
    }

    /// Takes back a renewed mark (and the checklist's "pay" tick for that cycle).
    pub fn unmark_renewed(&mut self, account: &str, cycle: Date) {
        self.reminders
            .renewed
            .retain(|r| !(r.account == account && r.cycle == cycle));
        for list in &mut self.checklists {
            if list.account == account && list.cycle == Some(cycle) {
                if let Some(pay) = list.done.get_mut(STEP_PAY) {
                    *pay = false;
                }
                list.paid_at_ms = None;
            }
        }
    }

    /// Handles a notification button for the notification `id`: snooze shows the same
    /// reminder again a day later (out of quiet hours); renewed marks its cycle.
    pub fn notification_action(
        &mut self,
        id: &str,
        action: Action,
        now_ms: f64,
        zone: &dyn Zone,
    ) -> ActionResult {
        let key = base_key(id);
        let source = self
            .reminders
            .fired
            .iter()
            .find(|f| f.key == id || f.key == key)
            .map(|f| (f.account.clone(), f.cycle));
        let Some((account, cycle)) = source else {
            return ActionResult {
                done: false,
                close: vec![id.to_string()],
            };
        };
        match action {
            Action::Snooze => {
                let at_ms = out_of_quiet(&self.settings, zone, now_ms + DAY_MS);
                self.reminders.snoozes.retain(|s| s.key != key);
                if kind_of_key(key).is_some() {
                    self.reminders.snoozes.push(Snooze {
                        key: key.to_string(),
                        account,
                        cycle,
                        at_ms,
                    });
                }
            }
            Action::Renewed => {
                if let Some(cycle) = cycle {
                    self.mark_renewed(&account, cycle, now_ms);
                }
            }
        }
        ActionResult {
            done: true,
            close: vec![id.to_string()],
        }
    }
}

fn kind_of_key(key: &str) -> Option<Kind> {
    let mut parts = crate::parse::text::split_byte(key, b'|');
    let kind = parts.next()?;
    let last = crate::parse::text::after_last(key, b'|');
    match kind {
        "lead" => Some(Kind::Lead {
            days: crate::parse::text::parse_unsigned(last)?,
        }),
        "data" => Some(Kind::LowData {
            line: last.to_string(),
        }),
        _ => None,
    }
}

/// Compact data text for the badge: `1.2G`, `300M`.
fn compact_mb(mb: f64) -> String {
    use crate::decimal::fixed;
    if mb >= 10.0 * 1024.0 {
        fixed(mb / 1024.0, 0) + "G"
    } else if mb >= 1024.0 {
        fixed(mb / 1024.0, 1) + "G"
    } else {
        fixed(mb.max(0.0), 0) + "M"
    }
}

fn urgency_color(u: Urgency) -> &'static str {
    match u {
        Urgency::None => "#5d6068",
        Urgency::Ok => "#1f6f43",
        Urgency::Soon => "#a15c00",
        Urgency::Urgent => "#b3261e",
        Urgency::Overdue => "#7a1111",
    }
}

/// The toolbar badge: the most urgent account's days left, or its data left when data is the
/// nearer risk.
pub fn toolbar_badge(state: &State, now_ms: f64, zone: &dyn Zone) -> ToolbarBadge {
    let empty = ToolbarBadge {
        text: None,
        color: urgency_color(Urgency::None),
        urgency: Urgency::None,
        title: None,
    };
    let Some(today) = zone::local_date(zone, now_ms) else {
        return empty;
    };
    let mut best: Option<(Urgency, i64, ToolbarBadge)> = None;
    for account in &state.accounts {
        let days = match current_cycle(state, account, today) {
            Some(c) => Some(today.days_until(c)),
            None => account.latest.next_bill_date.map(|d| today.days_until(d)),
        };
        let days_urgency = days.map(urgency_for_days).unwrap_or(Urgency::None);
        // The most urgent (the last of equals, as `max_by_key`).
        let mut data: Option<&DataUsage> = None;
        for d in account.latest.lines.iter().filter_map(|l| l.data.as_ref()) {
            if data.is_none_or(|m| state.settings.data_urgency(d) >= state.settings.data_urgency(m))
            {
                data = Some(d);
            }
        }
        let data_urgency = data
            .map(|d| state.settings.data_urgency(d))
            .unwrap_or(Urgency::None);
        let name = account.carrier.clone().unwrap_or(account.host.clone());
        let badge = match (data, days) {
            (Some(d), _) if data_urgency > days_urgency && d.remaining_mb.is_some() => {
                let left = d.remaining_mb.unwrap_or(0.0);
                ToolbarBadge {
                    text: Some(Msg::with("toolbar_data", vec![compact_mb(left)])),
                    color: urgency_color(data_urgency),
                    urgency: data_urgency,
                    title: Some(Msg::with("toolbar_title_data", vec![name, format_mb(left)])),
                }
            }
            (_, Some(days)) => ToolbarBadge {
                text: Some(if days < 0 {
                    Msg::new("toolbar_overdue")
                } else {
                    Msg::with("toolbar_days", vec![crate::json::int_text(days.min(999))])
                }),
                color: urgency_color(days_urgency),
                urgency: days_urgency,
                title: Some(Msg::with(
                    "toolbar_title_days",
                    vec![name, crate::json::int_text(days)],
                )),
            },
            _ => continue,
        };
        let rank = (badge.urgency, -days.unwrap_or(i64::MAX / 2));
        if best.as_ref().is_none_or(|(u, d, _)| rank > (*u, *d)) {
            best = Some((rank.0, rank.1, badge));
        }
    }
    best.map(|(_, _, b)| b).unwrap_or(empty)
}

/// A one-line account page read for tests: `left` of `total` MB, renewing on `bill`.
#[cfg(test)]
pub(crate) fn sample_snapshot(
    carrier: &str,
    bill: Date,
    left: f64,
    total: f64,
) -> crate::snapshot::Snapshot {
    use crate::snapshot::{Line, Snapshot, Status};
    Snapshot {
        schema: 1,
        status: Status::Ok,
        carrier: Some(carrier.into()),
        next_bill_date: Some(bill),
        lines: vec![Line {
            number_last4: Some("4821".into()),
            data: Some(DataUsage {
                remaining_mb: Some(left),
                used_mb: Some(total - left),
                total_mb: Some(total),
                unlimited: false,
            }),
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests;
