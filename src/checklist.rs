//! The renewal checklist: five steps per account and renewal cycle, ticked by the user
//! in the popup and stored with the state. A new cycle (a later next-bill date) starts a
//! fresh list; the last step ticks itself when a new record shows the renewal went
//! through (the date moved forward or the balance rose).

use crate::date::Date;
use crate::snapshot::Snapshot;
use crate::store::State;

/// Number of steps: decide the amount; a payment method with funds; enter number / plan
/// and confirm the order; pay and wait for the confirmation SMS; check the balance updated.
pub const STEPS: usize = 5;
/// The step "pay and wait for the confirmation SMS".
pub const STEP_PAY: usize = 3;
/// The step "check the balance updated", ticked by a confirming record.
pub const STEP_CHECK: usize = 4;
/// After paying, how long before the popup says what to do when nothing confirmed it.
pub const CONFIRM_WAIT_MS: f64 = 3.0 * 3_600_000.0;
/// How long a confirmed renewal stays on show once the next cycle has begun.
pub const CONFIRMED_SHOWN_MS: f64 = 3.0 * 86_400_000.0;

/// What showed the renewal went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum ConfirmedBy {
    /// The next bill / renewal date moved forward.
    #[default]
    DateMoved,
    /// The balance rose (a top-up arrived).
    BalanceRose,
}

/// When and how the renewal was confirmed.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Confirmation {
    pub by: ConfirmedBy,
    pub at_ms: f64,
    /// The new renewal date, when it moved.
    #[cfg_attr(test, serde(default))]
    pub to: Option<Date>,
}

/// One account's checklist for one renewal cycle.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct Checklist {
    /// The account key.
    pub account: String,
    /// The bill / renewal date this list prepares (`None` when the page showed none).
    pub cycle: Option<Date>,
    pub done: [bool; STEPS],
    /// When "pay" was ticked, Unix ms.
    #[cfg_attr(test, serde(default))]
    pub paid_at_ms: Option<f64>,
    #[cfg_attr(test, serde(default))]
    pub confirmed: Option<Confirmation>,
}

impl Checklist {
    fn fresh(account: &str, cycle: Option<Date>) -> Checklist {
        Checklist {
            account: account.to_string(),
            cycle,
            done: [false; STEPS],
            paid_at_ms: None,
            confirmed: None,
        }
    }
}

/// The kinds of popup action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum ActionKind {
    /// Tick or untick one step (0-based) of an account's current checklist.
    #[default]
    Checklist,
}

/// A change the popup asks the worker to make, as sent with `chrome.runtime.sendMessage`:
/// `{type: "checklist", account, step, done}`.
#[derive(Default, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct PopupAction {
    #[cfg_attr(test, serde(rename = "type"))]
    pub kind: ActionKind,
    pub account: String,
    pub step: usize,
    pub done: bool,
}

/// Why a popup action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionError(pub String);

impl std::fmt::Display for ActionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "popup action refused: {}", self.0)
    }
}

impl std::error::Error for ActionError {}

/// The checklist the popup shows for an account now: the stored one while its cycle is
/// current (or a just-confirmed one for a few days), else a fresh one for the cycle.
pub fn current(state: &State, key: &str, now_ms: f64) -> Checklist {
    let cycle = state.account(key).and_then(|a| a.latest.next_bill_date);
    current_in(&state.checklists, key, cycle, now_ms)
}

/// [`current`] over the stored lists, for an account whose next bill date is `cycle`.
pub fn current_in(lists: &[Checklist], key: &str, cycle: Option<Date>, now_ms: f64) -> Checklist {
    match lists.iter().find(|c| c.account == key) {
        Some(stored) if stored.cycle == cycle => stored.clone(),
        Some(stored)
            if stored
                .confirmed
                .as_ref()
                .is_some_and(|c| (0.0..CONFIRMED_SHOWN_MS).contains(&(now_ms - c.at_ms))) =>
        {
            stored.clone()
        }
        _ => Checklist::fresh(key, cycle),
    }
}

fn store(state: &mut State, list: Checklist) {
    match state
        .checklists
        .iter_mut()
        .find(|c| c.account == list.account)
    {
        Some(slot) => *slot = list,
        None => state.checklists.push(list),
    }
}

impl State {
    /// Applies a popup action. Unknown accounts and steps are refused.
    pub fn apply(&mut self, action: &PopupAction, now_ms: f64) -> Result<(), ActionError> {
        match action {
            PopupAction {
                kind: ActionKind::Checklist,
                account,
                step,
                done,
            } => {
                if self.account(account).is_none() {
                    return Err(ActionError(
                        ["no account ", &crate::json::quoted(account)].concat(),
                    ));
                }
                if *step >= STEPS {
                    return Err(ActionError(format!("no step {step}")));
                }
                let mut list = current(self, account, now_ms);
                if let Some(slot) = list.done.get_mut(*step) {
                    *slot = *done;
                }
                if *step == STEP_PAY {
                    list.paid_at_ms = done.then_some(now_ms);
                }
                if *step == STEP_CHECK && !done {
                    list.confirmed = None;
                }
                store(self, list);
                Ok(())
            }
        }
    }

    /// After a scan of account `key` replaced `before` with `after`: a later renewal date
    /// or a higher balance confirms the renewal and ticks the last step of the list for
    /// the cycle that was due.
    pub(crate) fn observe_renewal(
        &mut self,
        key: &str,
        before: &Snapshot,
        after: &Snapshot,
        now_ms: f64,
    ) {
        let moved = match (before.next_bill_date, after.next_bill_date) {
            (Some(old), Some(new)) if new > old => Some(new),
            _ => None,
        };
        let rose = match (&before.balance, &after.balance) {
            (Some(old), Some(new)) => old.currency == new.currency && new.cents > old.cents,
            _ => false,
        };
        let by = match (moved, rose) {
            (Some(_), _) => ConfirmedBy::DateMoved,
            (None, true) => ConfirmedBy::BalanceRose,
            (None, false) => return,
        };
        let confirmation = Confirmation {
            by,
            at_ms: now_ms,
            to: moved,
        };
        let mut list = match self.checklists.iter().find(|c| c.account == key) {
            Some(stored) if stored.cycle == before.next_bill_date => stored.clone(),
            _ => Checklist::fresh(key, before.next_bill_date),
        };
        if let Some(slot) = list.done.get_mut(STEP_CHECK) {
            *slot = true;
        }
        list.confirmed = Some(confirmation);
        store(self, list);
    }
}

/// Whether to tell the user what to do: paid more than [`CONFIRM_WAIT_MS`] ago and no
/// record confirmed the renewal since. Returns the hours waited.
pub fn unconfirmed_hours(list: &Checklist, now_ms: f64) -> Option<i64> {
    if list.confirmed.is_some() {
        return None;
    }
    let waited = now_ms - list.paid_at_ms?;
    (waited >= CONFIRM_WAIT_MS).then(|| (waited / 3_600_000.0).floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Currency, Money, Status};

    const NOW: f64 = 1_795_700_000_000.0;
    const HOUR: f64 = 3_600_000.0;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn snap(bill: Date, balance_cents: i64) -> Snapshot {
        Snapshot {
            schema: 1,
            status: Status::Ok,
            carrier: Some("t-mobile".into()),
            next_bill_date: Some(bill),
            balance: Some(Money::new(balance_cents, Currency::Usd)),
            ..Default::default()
        }
    }

    fn state_with(bill: Date, balance: i64) -> State {
        let mut state = State::default();
        state.ingest(
            &snap(bill, balance),
            "https://www.t-mobile.com/account",
            NOW,
            d(2026, 11, 26),
        );
        state
    }

    fn rescan(state: &mut State, bill: Date, balance: i64, at: f64) {
        let url = "https://www.t-mobile.com/account";
        state.ingest(&snap(bill, balance), url, at, d(2026, 11, 26));
    }

    fn tick(state: &mut State, step: usize, done: bool, at: f64) -> Result<(), ActionError> {
        state.apply(
            &PopupAction {
                kind: ActionKind::Checklist,
                account: "t-mobile".into(),
                step,
                done,
            },
            at,
        )
    }

    #[test]
    fn steps_persist_for_the_cycle() {
        let mut state = state_with(d(2026, 12, 9), 0);
        assert_eq!(current(&state, "t-mobile", NOW).done, [false; STEPS]);
        tick(&mut state, 0, true, NOW).unwrap();
        tick(&mut state, 1, true, NOW).unwrap();
        tick(&mut state, 1, false, NOW).unwrap();
        let list = current(&state, "t-mobile", NOW);
        assert_eq!(list.done, [true, false, false, false, false]);
        assert_eq!(list.cycle, Some(d(2026, 12, 9)));
        // Round trip through the stored JSON.
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(State::from_json(Some(&json)).unwrap(), state);
    }

    #[test]
    fn bad_actions_are_refused() {
        let mut state = state_with(d(2026, 12, 9), 0);
        assert!(tick(&mut state, STEPS, true, NOW).is_err());
        let other = PopupAction {
            kind: ActionKind::Checklist,
            account: "mint".into(),
            step: 0,
            done: true,
        };
        assert!(state
            .apply(&other, NOW)
            .unwrap_err()
            .to_string()
            .contains("mint"));
        assert!(serde_json::from_str::<PopupAction>(
            r#"{"type":"checklist","account":"x","step":-1,"done":true}"#
        )
        .is_err());
        assert!(serde_json::from_str::<PopupAction>(r#"{"type":"wipe"}"#).is_err());
        assert!(serde_json::from_str::<PopupAction>(
            r#"{"type":"checklist","account":"x","step":1,"done":true,"extra":1}"#
        )
        .is_err());
        assert!(state.checklists.is_empty());
    }

    #[test]
    fn date_moving_forward_confirms_and_a_new_cycle_resets() {
        let mut state = state_with(d(2026, 12, 9), 0);
        for step in 0..=STEP_PAY {
            tick(&mut state, step, true, NOW).unwrap();
        }
        let url = "https://www.t-mobile.com/account";
        let later = NOW + HOUR;
        state.ingest(&snap(d(2027, 1, 9), 0), url, later, d(2026, 11, 26));
        let list = current(&state, "t-mobile", later);
        assert_eq!(list.done, [true; STEPS]);
        assert_eq!(
            list.confirmed,
            Some(Confirmation {
                by: ConfirmedBy::DateMoved,
                at_ms: later,
                to: Some(d(2027, 1, 9))
            })
        );
        assert_eq!(unconfirmed_hours(&list, later + 10.0 * HOUR), None);
        // Days later the confirmed list gives way to a fresh one for the new cycle.
        let next_week = later + 7.0 * 24.0 * HOUR;
        let fresh = current(&state, "t-mobile", next_week);
        assert_eq!(fresh.done, [false; STEPS]);
        assert_eq!(fresh.cycle, Some(d(2027, 1, 9)));
    }

    #[test]
    fn balance_rising_confirms_even_without_ticks() {
        let mut state = state_with(d(2026, 12, 9), 0);
        rescan(&mut state, d(2026, 12, 9), 1500, NOW + HOUR);
        let list = current(&state, "t-mobile", NOW + HOUR);
        assert_eq!(list.done, [false, false, false, false, true]);
        assert_eq!(list.confirmed.map(|c| c.by), Some(ConfirmedBy::BalanceRose));
        // A balance that falls, or the same record again, confirms nothing.
        let mut state = state_with(d(2026, 12, 9), 1500);
        rescan(&mut state, d(2026, 12, 9), 100, NOW + HOUR);
        assert!(state.checklists.is_empty());
    }

    #[test]
    fn paid_without_confirmation_says_what_to_do_after_a_few_hours() {
        let mut state = state_with(d(2026, 12, 9), 0);
        tick(&mut state, STEP_PAY, true, NOW).unwrap();
        let list = current(&state, "t-mobile", NOW);
        assert_eq!(unconfirmed_hours(&list, NOW + HOUR), None);
        assert_eq!(unconfirmed_hours(&list, NOW + 4.5 * HOUR), Some(4));
        tick(&mut state, STEP_PAY, false, NOW).unwrap();
        assert_eq!(current(&state, "t-mobile", NOW).paid_at_ms, None);
    }

    #[test]
    fn unticking_the_last_step_clears_the_confirmation() {
        let mut state = state_with(d(2026, 12, 9), 0);
        rescan(&mut state, d(2026, 12, 9), 900, NOW + HOUR);
        tick(&mut state, STEP_CHECK, false, NOW + 2.0 * HOUR).unwrap();
        let list = current(&state, "t-mobile", NOW + 2.0 * HOUR);
        assert_eq!(list.confirmed, None);
        assert!(!list.done[STEP_CHECK]);
    }
}
