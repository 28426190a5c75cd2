use super::*;
use crate::settings::Quiet;
use crate::zone::rules::{zone, ZONES};
use crate::zone::{instant, local_date, local_secs, FixedZone};
use proptest::prelude::*;

const H: u32 = 3600;

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

use super::sample_snapshot as snap;

/// A state with one T-Mobile account read at `read_at` local noon-ish time.
fn state_read(z: &dyn Zone, bill: Date, read_on: Date, read_secs: u32) -> (State, f64) {
    let mut state = State::default();
    state.settings.low_data = false;
    let at = instant(z, read_on, read_secs);
    state.ingest(
        &snap("t-mobile", bill, 3000.0, 5120.0),
        "https://www.t-mobile.com/account",
        at,
        read_on,
    );
    (state, at)
}

fn local(z: &dyn Zone, ms: f64) -> (Date, u32) {
    (local_date(z, ms).unwrap(), local_secs(z, ms))
}

fn leads(p: &[Planned]) -> Vec<u32> {
    p.iter()
        .filter_map(|p| match p.kind {
            Kind::Lead { days } => Some(days),
            _ => None,
        })
        .collect()
}

#[test]
fn default_lead_times_are_7_3_1_and_0_days_at_nine() {
    let ny = zone("America/New_York");
    let (state, read) = state_read(&ny, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    let plan = plan(&state, read, &ny);
    assert_eq!(leads(&plan), [7, 3, 1, 0]);
    let when: Vec<(Date, u32)> = plan.iter().map(|p| local(&ny, p.at_ms)).collect();
    assert_eq!(
        when,
        [
            (d(2026, 12, 2), 9 * H),
            (d(2026, 12, 6), 9 * H),
            (d(2026, 12, 8), 9 * H),
            (d(2026, 12, 9), 9 * H)
        ]
    );
}

#[test]
fn each_reminder_fires_once_at_its_time_with_the_days_left() {
    let ny = zone("America/New_York");
    let (mut state, read) = state_read(&ny, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    let first = tick(&mut state, read, &ny, "en");
    assert!(first.notices.is_empty());
    let times: Vec<f64> = first
        .alarms
        .iter()
        .filter(|a| a.name.starts_with(ALARM_PREFIX))
        .map(|a| a.when_ms)
        .collect();
    assert_eq!(times.len(), 4);
    let mut titles = Vec::new();
    for t in times {
        let fired = tick(&mut state, t, &ny, "en");
        assert_eq!(fired.notices.len(), 1, "one notice at {t}");
        assert!(!fired.notices[0].late);
        titles.push(fired.notices[0].title.clone());
        // The same alarm again (a restarted worker, a second event): nothing.
        assert!(tick(&mut state, t + 1.0, &ny, "en").notices.is_empty());
    }
    assert_eq!(
        titles,
        [
            days_msg(7),
            days_msg(3),
            Msg::new("renews_tomorrow"),
            Msg::new("renews_today")
        ]
    );
    let n = &state.reminders.fired;
    assert_eq!(n.len(), 4);
    assert!(n.iter().all(|f| f.shown));
}

/// `Tick::changed` says whether the tick changed the state (the worker stores it then):
/// true when a reminder is recorded or old log entries are pruned, false otherwise.
#[test]
fn tick_says_when_it_changed_the_state() {
    let ny = zone("America/New_York");
    let (mut state, read) = state_read(&ny, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    let check = |state: &mut State, at: f64| {
        let before = state.clone();
        let tick = tick(state, at, &ny, "en");
        assert_eq!(tick.changed, *state != before, "at {at}");
        tick.changed
    };
    assert!(!check(&mut state, read));
    let first = tick(&mut state.clone(), read, &ny, "en").alarms[0].when_ms;
    assert!(check(&mut state, first));
    assert!(!check(&mut state, first + 1.0));
    // Months later the cycle's log entries are pruned: changed, with nothing fired.
    let later = first + 100.0 * 86_400_000.0;
    assert!(!state.reminders.fired.is_empty());
    assert!(check(&mut state, later));
    assert!(!check(&mut state, later + 1.0));
}

#[test]
fn custom_lead_times_and_time_of_day() {
    let z = FixedZone(480);
    let (mut state, read) = state_read(&z, d(2026, 12, 30), d(2026, 11, 26), 12 * H);
    state.settings.lead_days = vec![14, 2];
    state.settings.remind_at = 20 * H + 30 * 60;
    state.settings.quiet = None;
    let plan = plan(&state, read, &z);
    assert_eq!(leads(&plan), [14, 2]);
    assert_eq!(local(&z, plan[0].at_ms), (d(2026, 12, 16), 20 * H + 1800));
    assert_eq!(local(&z, plan[1].at_ms), (d(2026, 12, 28), 20 * H + 1800));
    state.settings.reminders = false;
    assert!(super::plan(&state, read, &z).is_empty());
}

#[test]
fn quiet_hours_move_reminders_and_snoozes_to_their_end() {
    let z = FixedZone(-300);
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    state.settings.remind_at = 6 * H;
    state.settings.quiet = Some(Quiet {
        start: 22 * H,
        end: 8 * H,
    });
    let plan = plan(&state, read, &z);
    assert!(plan.iter().all(|p| local_secs(&z, p.at_ms) == 8 * H));
    // Snoozed at 23:10: a day later is quiet again, so the next 08:00.
    let t = plan[0].at_ms;
    let shown = tick(&mut state, t, &z, "en").notices;
    let late_evening = instant(&z, local_date(&z, t).unwrap(), 23 * H + 600);
    let r = state.notification_action(&shown[0].id, Action::Snooze, late_evening, &z);
    assert!(r.done);
    let snooze = &state.reminders.snoozes[0];
    assert_eq!(
        local(&z, snooze.at_ms),
        (local_date(&z, t).unwrap().add_days(2).unwrap(), 8 * H)
    );
}

#[test]
fn missed_while_asleep_shows_the_latest_once_marked_late() {
    let z = zone("Europe/Berlin");
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    tick(&mut state, read, &z, "en");
    // Asleep from Nov 27 to the bill day at 10:30.
    let wake = instant(&z, d(2026, 12, 9), 10 * H + 1800);
    let t = tick(&mut state, wake, &z, "en");
    assert_eq!(t.notices.len(), 1);
    assert!(t.notices[0].late);
    assert_eq!(t.notices[0].title, Msg::new("renews_today"));
    assert_eq!(state.reminders.fired.iter().filter(|f| f.shown).count(), 1);
    assert_eq!(
        state.reminders.fired.len(),
        4,
        "the earlier ones are passed over"
    );
    assert!(tick(&mut state, wake + 60_000.0, &z, "en")
        .notices
        .is_empty());
    // Asleep through the date itself: shown once on wake, a day later.
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    tick(&mut state, read, &z, "en");
    let wake = instant(&z, d(2026, 12, 10), 7 * H);
    let t = tick(&mut state, wake, &z, "en");
    assert_eq!(t.notices.len(), 1);
    assert!(t.notices[0].late);
    assert_eq!(
        t.notices[0].title,
        Msg::with("renews_overdue", vec!["1".into()])
    );
}

#[test]
fn reminders_due_before_the_date_was_known_are_not_shown() {
    let z = FixedZone(0);
    // First read on the 8th at noon: the 7-, 3- and 1-day reminders were never promised.
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 12, 8), 12 * H);
    assert!(tick(&mut state, read, &z, "en").notices.is_empty());
    let day = tick(&mut state, instant(&z, d(2026, 12, 9), 9 * H), &z, "en");
    assert_eq!(day.notices.len(), 1);
    assert!(!day.notices[0].late);
}

#[test]
fn bill_day_29_to_31_in_short_months_and_leap_years() {
    // Monthly from Jan 31: Feb 28 (2027) / Feb 29 (2028), then back to the 31st.
    let a = d(2027, 1, 31);
    let m = Cycle::Months { n: 1 };
    let dates: Vec<Date> = (0..4).map(|k| step(m, a, 31, k).unwrap()).collect();
    assert_eq!(dates, [a, d(2027, 2, 28), d(2027, 3, 31), d(2027, 4, 30)]);
    assert_eq!(step(m, d(2028, 1, 30), 30, 1), Some(d(2028, 2, 29)));
    assert_eq!(step(m, d(2028, 1, 29), 29, 1), Some(d(2028, 2, 29)));
    assert_eq!(step(m, d(2027, 1, 29), 29, 1), Some(d(2027, 2, 28)));
    assert_eq!(step(m, d(2100, 1, 29), 29, 1), Some(d(2100, 2, 28)));
    // Known Jan 31 then Feb 28: the anchor day stays 31.
    assert_eq!(anchor_day(&[d(2027, 1, 31), d(2027, 2, 28)]), 31);
    assert_eq!(anchor_day(&[d(2027, 2, 28)]), 28);
    // Renewed in February: the schedule moves to March 31.
    let z = FixedZone(0);
    let mut state = State::default();
    for (bill, read) in [
        (d(2027, 1, 31), d(2027, 1, 20)),
        (d(2027, 2, 28), d(2027, 2, 1)),
    ] {
        state.ingest(
            &snap("t-mobile", bill, 3000.0, 5120.0),
            "https://www.t-mobile.com/account",
            instant(&z, read, 12 * H),
            read,
        );
    }
    state.mark_renewed("t-mobile", d(2027, 2, 28), 0.0);
    let account = state.account("t-mobile").unwrap();
    assert_eq!(
        current_cycle(&state, account, d(2027, 2, 20)),
        Some(d(2027, 3, 31))
    );
    // The 7-day reminder before Mar 1 (a 28-day February) lands on Feb 22.
    assert_eq!(d(2027, 3, 1).add_days(-7), Some(d(2027, 2, 22)));
    assert_eq!(d(2028, 3, 1).add_days(-7), Some(d(2028, 2, 23)));
}

#[test]
fn cycles_are_inferred_from_history_or_set_by_the_user() {
    let dates = |start: Date, every: i64, n: i64| -> Vec<Date> {
        (0..n).map(|k| start.add_days(every * k).unwrap()).collect()
    };
    assert_eq!(infer_cycle(&[]), Cycle::Months { n: 1 });
    assert_eq!(infer_cycle(&[d(2026, 1, 5)]), Cycle::Months { n: 1 });
    assert_eq!(
        infer_cycle(&dates(d(2026, 1, 5), 28, 4)),
        Cycle::Days { n: 28 }
    );
    assert_eq!(
        infer_cycle(&dates(d(2026, 1, 5), 30, 3)),
        Cycle::Days { n: 30 }
    );
    assert_eq!(
        infer_cycle(&[
            d(2026, 1, 31),
            d(2026, 2, 28),
            d(2026, 3, 31),
            d(2026, 4, 30)
        ]),
        Cycle::Months { n: 1 }
    );
    assert_eq!(
        infer_cycle(&[d(2026, 1, 15), d(2026, 4, 15), d(2026, 7, 15)]),
        Cycle::Months { n: 3 }
    );
    assert_eq!(
        infer_cycle(&[d(2025, 6, 1), d(2026, 6, 1)]),
        Cycle::Months { n: 12 }
    );
    // A 28-day plan read over three renewals, then marked renewed: the next date is 28 days on.
    let z = FixedZone(480);
    let mut state = State::default();
    for (i, bill) in dates(d(2026, 9, 10), 28, 3).into_iter().enumerate() {
        let read = bill.add_days(-5).unwrap();
        state.ingest(
            &snap("tello", bill, 3000.0 - i as f64, 5120.0),
            "https://tello.com/account",
            instant(&z, read, 12 * H),
            read,
        );
    }
    let key = "tello";
    assert_eq!(
        cycle_of(&state, state.account(key).unwrap()),
        Cycle::Days { n: 28 }
    );
    let last = d(2026, 11, 5);
    state.mark_renewed(key, last, 0.0);
    let account = state.account(key).unwrap().clone();
    assert_eq!(
        current_cycle(&state, &account, d(2026, 11, 1)),
        Some(d(2026, 12, 3))
    );
    // The user says every 3 months: that wins.
    state
        .settings
        .cycles
        .insert(key.into(), Cycle::Months { n: 3 });
    assert_eq!(
        current_cycle(&state, &account, d(2026, 11, 1)),
        Some(d(2027, 2, 5))
    );
}

#[test]
fn mark_renewed_silences_the_cycle_and_moves_to_the_next() {
    let z = FixedZone(-480);
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    tick(&mut state, read, &z, "en");
    let t7 = instant(&z, d(2026, 12, 2), 9 * H);
    let shown = tick(&mut state, t7, &z, "en").notices;
    assert_eq!(
        shown[0].buttons,
        [Msg::new("notify_snooze"), Msg::new("notify_renewed")]
    );
    state.notification_action(&shown[0].id, Action::Renewed, t7 + 1000.0, &z);
    assert!(state.is_renewed("t-mobile", d(2026, 12, 9)));
    let after = tick(&mut state, t7 + 2000.0, &z, "en");
    assert!(after.notices.is_empty());
    assert!(after.close.contains(&shown[0].id));
    assert!(after.alarms.iter().all(|a| !a.name.contains("2026-12-09")));
    assert!(after
        .alarms
        .iter()
        .any(|a| a.name == format!("{ALARM_PREFIX}lead|t-mobile|2027-01-09|7")));
    // Nothing more for the renewed cycle even when its days come.
    for day in [6, 8, 9] {
        assert!(
            tick(&mut state, instant(&z, d(2026, 12, day), 9 * H), &z, "en")
                .notices
                .is_empty()
        );
    }
    state.unmark_renewed("t-mobile", d(2026, 12, 9));
    assert!(!state.is_renewed("t-mobile", d(2026, 12, 9)));
}

#[test]
fn mark_renewed_ticks_the_checklist_and_a_ticked_pay_step_silences_the_cycle() {
    let z = FixedZone(0);
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    state.mark_renewed("t-mobile", d(2026, 12, 9), read);
    let list = crate::checklist::current(&state, "t-mobile", read);
    assert_eq!(list.done, [true, true, true, true, false]);
    assert_eq!(list.paid_at_ms, Some(read));
    // The other way: the user ticks "pay" in the popup; no more reminders for that cycle.
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    let pay = crate::checklist::PopupAction {
        kind: crate::checklist::ActionKind::Checklist,
        account: "t-mobile".into(),
        step: crate::checklist::STEP_PAY,
        done: true,
    };
    state.apply(&pay, read).unwrap();
    assert!(state.is_renewed("t-mobile", d(2026, 12, 9)));
    assert!(state.reminders.renewed.is_empty());
    let t = tick(&mut state, instant(&z, d(2026, 12, 8), 9 * H), &z, "en");
    assert!(t.notices.is_empty());
    assert!(t.alarms.iter().all(|a| !a.name.contains("2026-12-09")));
}

#[test]
fn snooze_shows_the_reminder_again_a_day_later_once() {
    let z = FixedZone(0);
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    state.settings.quiet = None;
    tick(&mut state, read, &z, "en");
    let t = instant(&z, d(2026, 12, 6), 9 * H);
    let shown = tick(&mut state, t, &z, "en").notices;
    state.notification_action(&shown[0].id, Action::Snooze, t + 60_000.0, &z);
    let later = tick(&mut state, t + 120_000.0, &z, "en");
    assert!(later.notices.is_empty());
    let snooze_alarm = later
        .alarms
        .iter()
        .find(|a| a.name.contains("snooze@"))
        .unwrap();
    assert_eq!(snooze_alarm.when_ms, t + 60_000.0 + DAY_MS);
    let again = tick(&mut state, snooze_alarm.when_ms, &z, "en").notices;
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].title, days_msg(2));
    assert!(tick(&mut state, snooze_alarm.when_ms + 1.0, &z, "en")
        .notices
        .is_empty());
    // Snoozing the snoozed one works too, and its key is based on the original.
    assert_eq!(base_key(&again[0].id), shown[0].id);
    state.notification_action(&again[0].id, Action::Snooze, snooze_alarm.when_ms + 5.0, &z);
    assert_eq!(state.reminders.snoozes.len(), 1);
    // Unknown ids do nothing.
    assert!(
        !state
            .notification_action("lead|x|2026-01-01|1", Action::Renewed, t, &z)
            .done
    );
}

#[test]
fn low_data_alert_at_10_percent_or_1_gb_once_per_cycle() {
    let z = FixedZone(0);
    let mut state = State::default();
    state.settings.quiet = None;
    let read = instant(&z, d(2026, 11, 26), 12 * H);
    let url = "https://www.t-mobile.com/account";
    state.ingest(
        &snap("t-mobile", d(2026, 12, 9), 3000.0, 5120.0),
        url,
        read,
        d(2026, 11, 26),
    );
    assert!(tick(&mut state, read, &z, "en").notices.is_empty());
    // 900 MB of 5 GB: under 1 GB.
    state.ingest(
        &snap("t-mobile", d(2026, 12, 9), 900.0, 5120.0),
        url,
        read + 1000.0,
        d(2026, 11, 26),
    );
    let t = tick(&mut state, read + 1000.0, &z, "en");
    assert_eq!(t.notices.len(), 1);
    assert_eq!(
        t.notices[0].title,
        Msg::with("notify_low_data_title", vec!["900 MB".into()])
    );
    assert_eq!(t.notices[0].id, "data|t-mobile|2026-12-09|4821");
    state.ingest(
        &snap("t-mobile", d(2026, 12, 9), 500.0, 5120.0),
        url,
        read + 2000.0,
        d(2026, 11, 26),
    );
    assert!(
        tick(&mut state, read + 2000.0, &z, "en").notices.is_empty(),
        "once per cycle"
    );
    // 3 GB of a 40 GB plan: under 10 %.
    let mut other = State::default();
    other.ingest(
        &snap("mint", d(2026, 12, 9), 3072.0, 40_960.0),
        "https://www.mintmobile.com/a",
        read,
        d(2026, 11, 26),
    );
    assert_eq!(tick(&mut other, read, &z, "en").notices.len(), 1);
    // Configurable: 5 % and 0 GB → no alert; off → none.
    let mut strict = State::default();
    strict.settings.low_data_percent = 5.0;
    strict.settings.low_data_mb = 0.0;
    strict.ingest(
        &snap("mint", d(2026, 12, 9), 3072.0, 40_960.0),
        "https://www.mintmobile.com/a",
        read,
        d(2026, 11, 26),
    );
    assert!(tick(&mut strict, read, &z, "en").notices.is_empty());
    let mut off = other.clone();
    off.reminders = ReminderLog::default();
    off.settings.low_data = false;
    assert!(tick(&mut off, read, &z, "en").notices.is_empty());
    // A new cycle read (renewed on the page, still low): alerts again for that cycle.
    state.ingest(
        &snap("t-mobile", d(2027, 1, 9), 500.0, 5120.0),
        url,
        read + 3000.0,
        d(2026, 11, 26),
    );
    assert_eq!(tick(&mut state, read + 3000.0, &z, "en").notices.len(), 1);
}

#[test]
fn low_data_of_a_cycle_already_over_is_not_alerted() {
    let z = FixedZone(0);
    let mut state = State::default();
    let read = instant(&z, d(2026, 10, 1), 12 * H);
    state.ingest(
        &snap("t-mobile", d(2026, 10, 9), 100.0, 5120.0),
        "https://www.t-mobile.com/a",
        read,
        d(2026, 10, 1),
    );
    let later = instant(&z, d(2026, 11, 20), 12 * H);
    let t = tick(&mut state, later, &z, "en");
    assert!(t.notices.iter().all(|n| !n.id.starts_with("data|")));
}

#[test]
fn low_data_read_in_quiet_hours_waits_for_their_end() {
    let z = FixedZone(480);
    let mut state = State::default();
    let read = instant(&z, d(2026, 11, 26), 23 * H);
    state.ingest(
        &snap("t-mobile", d(2026, 12, 9), 100.0, 5120.0),
        "https://www.t-mobile.com/a",
        read,
        d(2026, 11, 26),
    );
    let t = tick(&mut state, read, &z, "en");
    assert!(t.notices.is_empty());
    let alarm = t.alarms.iter().find(|a| a.name.contains("data|")).unwrap();
    assert_eq!(local(&z, alarm.when_ms), (d(2026, 11, 27), 8 * H));
}

#[test]
fn dst_transitions_keep_the_wall_time() {
    let ny = zone("America/New_York");
    // 2027-03-14 is the spring-forward day in New York; 2027-11-07 the fall-back day.
    let (mut state, read) = state_read(&ny, d(2027, 3, 14), d(2027, 3, 1), 12 * H);
    state.settings.lead_days = vec![7, 0];
    let p = plan(&state, read, &ny);
    assert_eq!(local(&ny, p[0].at_ms), (d(2027, 3, 7), 9 * H));
    assert_eq!(local(&ny, p[1].at_ms), (d(2027, 3, 14), 9 * H));
    // Exactly one week minus the lost hour between them.
    assert_eq!(p[1].at_ms - p[0].at_ms, 7.0 * DAY_MS - 3_600_000.0);
    // A reminder time inside the gap is read as the hour after it.
    state.settings.remind_at = 2 * H + 1800;
    state.settings.quiet = None;
    let p = plan(&state, read, &ny);
    assert_eq!(local(&ny, p[1].at_ms), (d(2027, 3, 14), 3 * H + 1800));
    // Fall back: 01:30 happens twice; the reminder comes at the first.
    let (mut state, read) = state_read(&ny, d(2027, 11, 7), d(2027, 11, 1), 12 * H);
    state.settings.lead_days = vec![0];
    state.settings.remind_at = H + 1800;
    state.settings.quiet = None;
    let p = plan(&state, read, &ny);
    assert_eq!(local(&ny, p[0].at_ms), (d(2027, 11, 7), H + 1800));
    assert_eq!(ny.offset_at(p[0].at_ms), -240);
    // Only one notification even though 01:30 comes round again.
    tick(&mut state, read, &ny, "en");
    assert_eq!(tick(&mut state, p[0].at_ms, &ny, "en").notices.len(), 1);
    assert!(tick(&mut state, p[0].at_ms + 3_600_000.0, &ny, "en")
        .notices
        .is_empty());
}

#[test]
fn time_zones_decide_the_day() {
    // Same instant: Nov 26 23:30 UTC is already the 27th in Shanghai.
    let now = instant(&FixedZone(0), d(2026, 11, 26), 23 * H + 1800);
    let sh = zone("Asia/Shanghai");
    let (mut state, _) = state_read(&sh, d(2026, 11, 28), d(2026, 11, 20), 12 * H);
    let badge = toolbar_badge(&state, now, &sh);
    assert_eq!(
        badge.text,
        Some(Msg::with("toolbar_days", vec!["1".into()]))
    );
    let utc = FixedZone(0);
    assert_eq!(
        toolbar_badge(&state, now, &utc).text,
        Some(Msg::with("toolbar_days", vec!["2".into()]))
    );
    let _ = tick(&mut state, now, &sh, "zh-CN");
}

#[test]
fn toolbar_badge_shows_days_or_the_nearer_data_risk() {
    let z = FixedZone(0);
    let now = instant(&z, d(2026, 11, 26), 12 * H);
    let mut state = State::default();
    assert_eq!(toolbar_badge(&state, now, &z).text, None);
    state.ingest(
        &snap("t-mobile", d(2026, 12, 9), 3000.0, 5120.0),
        "https://www.t-mobile.com/a",
        now,
        d(2026, 11, 26),
    );
    let b = toolbar_badge(&state, now, &z);
    assert_eq!(b.text, Some(Msg::with("toolbar_days", vec!["13".into()])));
    assert_eq!(b.urgency, Urgency::Ok);
    assert_eq!(b.color, "#1f6f43");
    // Data under 1 GB while the date is 13 days off: data is the nearer risk.
    state.ingest(
        &snap("t-mobile", d(2026, 12, 9), 700.0, 5120.0),
        "https://www.t-mobile.com/a",
        now,
        d(2026, 11, 26),
    );
    let b = toolbar_badge(&state, now, &z);
    assert_eq!(b.text, Some(Msg::with("toolbar_data", vec!["700M".into()])));
    assert_eq!(b.urgency, Urgency::Soon);
    // Renewal tomorrow beats low data.
    state.ingest(
        &snap("t-mobile", d(2026, 11, 27), 700.0, 5120.0),
        "https://www.t-mobile.com/a",
        now,
        d(2026, 11, 26),
    );
    let b = toolbar_badge(&state, now, &z);
    assert_eq!(b.text, Some(Msg::with("toolbar_days", vec!["1".into()])));
    assert_eq!(b.urgency, Urgency::Urgent);
    // Two accounts: the most urgent one.
    state.ingest(
        &snap("mint", d(2026, 11, 26), 3000.0, 5120.0),
        "https://www.mintmobile.com/a",
        now,
        d(2026, 11, 26),
    );
    assert_eq!(
        toolbar_badge(&state, now, &z).text,
        Some(Msg::with("toolbar_days", vec!["0".into()]))
    );
    assert_eq!(compact_mb(13_000.0), "13G");
    assert_eq!(compact_mb(1536.0), "1.5G");
}

#[test]
fn the_log_is_pruned_and_survives_json() {
    let z = FixedZone(0);
    let (mut state, read) = state_read(&z, d(2026, 12, 9), d(2026, 11, 26), 12 * H);
    tick(&mut state, instant(&z, d(2026, 12, 9), 10 * H), &z, "en");
    let json = serde_json::to_string(&state).unwrap();
    assert_eq!(State::from_json(Some(&json)).unwrap(), state);
    // Old stored states without the new fields still load.
    let old = r#"{"version":1,"accounts":[]}"#;
    assert_eq!(
        State::from_json(Some(old)).unwrap().settings,
        Settings::default()
    );
    tick(&mut state, read + 100.0 * DAY_MS, &z, "en");
    // The old cycle's entries are gone; a stale record still projects its next cycles.
    assert!(state
        .reminders
        .fired
        .iter()
        .all(|f| f.cycle != Some(d(2026, 12, 9))));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Across zones and ten years of dates: every reminder lands on its day at its time
    /// (or the hour after a DST gap), and a worker ticking at every alarm, restarted at
    /// random (each tick run twice), shows each reminder exactly once and never late.
    #[test]
    fn reminders_land_on_their_day_and_fire_exactly_once(
        zone_index in 0usize..ZONES.len(),
        bill_days in 0i64..3653,
        remind in 0u32..86_400,
        lead_mask in 1u8..=255,
        restarts in proptest::collection::vec(any::<bool>(), 16),
    ) {
        let z = ZONES[zone_index];
        let bill = d(2026, 1, 1).add_days(bill_days).unwrap();
        let mut lead_days: Vec<u32> = [0u32, 1, 2, 3, 5, 7, 14, 30]
            .into_iter()
            .enumerate()
            .filter(|(i, _)| lead_mask & (1 << i) != 0)
            .map(|(_, v)| v)
            .collect();
        lead_days.sort_unstable_by(|a, b| b.cmp(a));
        let read_on = bill.add_days(-40).unwrap();
        let (mut state, read) = state_read(&z, bill, read_on, 12 * H);
        state.settings.lead_days = lead_days.clone();
        state.settings.remind_at = remind;
        state.settings.quiet = None;
        let planned = plan(&state, read, &z);
        prop_assert_eq!(leads(&planned), lead_days.clone());
        for p in &planned {
            let Kind::Lead { days } = p.kind else { continue };
            let (date, secs) = local(&z, p.at_ms);
            prop_assert_eq!(date, bill.add_days(-i64::from(days)).unwrap(), "{}", z.name);
            let gap_shift = (secs + 86_400 - remind) % 86_400;
            prop_assert!(secs == remind || gap_shift == 3600, "{} at {} not {}", z.name, secs, remind);
        }
        let mut shown: Vec<String> = Vec::new();
        let mut now = read;
        let mut first = tick(&mut state, now, &z, "en");
        for (i, _) in (0..planned.len() + 1).enumerate() {
            let next = first
                .alarms
                .iter()
                .filter(|a| a.name.starts_with(ALARM_PREFIX))
                .map(|a| a.when_ms)
                .fold(f64::INFINITY, f64::min);
            if !next.is_finite() {
                break;
            }
            now = next;
            let t = tick(&mut state, now, &z, "en");
            for n in &t.notices {
                prop_assert!(!n.late);
                prop_assert!(!shown.contains(&n.id), "{} shown twice", n.id);
                shown.push(n.id.clone());
            }
            if restarts.get(i % 16).copied().unwrap_or(false) {
                // A restarted worker rebuilds from storage and fires nothing new.
                let again = tick(&mut state, now, &z, "en");
                prop_assert!(again.notices.is_empty());
                first = again;
            } else {
                first = t;
            }
        }
        prop_assert_eq!(shown.len(), lead_days.len());
    }

    /// Asleep for any stretch: on wake at most one notice per cycle, and none again later.
    #[test]
    fn sleeping_never_duplicates(
        zone_index in 0usize..ZONES.len(),
        bill_days in 0i64..3653,
        sleep_from in 0i64..30,
        sleep_days in 0i64..40,
    ) {
        let z = ZONES[zone_index];
        let bill = d(2026, 1, 1).add_days(bill_days).unwrap();
        let (mut state, read) = state_read(&z, bill, bill.add_days(-30).unwrap(), 12 * H);
        tick(&mut state, read, &z, "en");
        let sleep = read + sleep_from as f64 * DAY_MS;
        tick(&mut state, sleep, &z, "en");
        let wake = sleep + sleep_days as f64 * DAY_MS + 3_600_000.0;
        let t = tick(&mut state, wake, &z, "en");
        prop_assert!(t.notices.len() <= 1);
        prop_assert!(tick(&mut state, wake + 1.0, &z, "en").notices.is_empty());
        let shown: Vec<&Fired> = state.reminders.fired.iter().filter(|f| f.shown).collect();
        let mut keys: Vec<&str> = shown.iter().map(|f| f.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        prop_assert_eq!(keys.len(), shown.len());
    }
}
