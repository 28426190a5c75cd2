//! The popup's forecast and renewal-checklist view models (message keys and formatted
//! values), built from [`crate::forecast`] and [`crate::checklist`].

use crate::checklist::{current_in, unconfirmed_hours, Checklist, ConfirmedBy, STEPS};
use crate::forecast::{Cycle, LineForecast};
use crate::store::Account;
use crate::view::{format_date, format_mb, format_money, Msg};

/// What the forecast says for one line, one sentence each.
pub fn forecast_msgs(forecast: Option<&LineForecast>, cycle: Cycle, lang: &str) -> Vec<Msg> {
    let Some(f) = forecast else {
        return vec![Msg::new("forecast_none")];
    };
    let mut out = Vec::new();
    if let (Some(out_date), Some(short)) = (f.run_out, f.days_short) {
        out.push(if short == 1 {
            Msg::with("forecast_runs_out_day", vec![format_date(out_date, lang)])
        } else {
            Msg::with(
                "forecast_runs_out",
                vec![format_date(out_date, lang), crate::json::int_text(short)],
            )
        });
    } else if let Some(left) = f.left_at_bill_mb {
        out.push(Msg::with("forecast_lasts", vec![format_mb(left)]));
    }
    out.push(Msg::with(
        "forecast_pace",
        vec![format_mb(f.pace.mb_per_day)],
    ));
    out.push(plan_msg(f, cycle));
    if let Some(refill) = f.refill_mb {
        out.push(Msg::with("forecast_refill", vec![format_mb(refill)]));
    }
    out
}

/// "Usual use: 4.1 GB a month — a 5 GB plan covers it."
fn plan_msg(f: &LineForecast, cycle: Cycle) -> Msg {
    let usage = format_mb(f.cycle_use_mb);
    let (key, n) = match (cycle, f.plan_mb) {
        (Cycle::Months(1), Some(_)) => ("forecast_plan_month", None),
        (Cycle::Months(n), Some(_)) => ("forecast_plan_months", Some(n.to_string())),
        (Cycle::Days(n), Some(_)) => ("forecast_plan_days", Some(n.to_string())),
        (Cycle::Months(1), None) => ("forecast_plan_month_unlimited", None),
        (Cycle::Months(n), None) => ("forecast_plan_months_unlimited", Some(n.to_string())),
        (Cycle::Days(n), None) => ("forecast_plan_days_unlimited", Some(n.to_string())),
    };
    let mut args = vec![usage, f.plan_mb.map(format_mb).unwrap_or_default()];
    args.extend(n);
    Msg::with(key, args)
}

/// A common trouble folded under a step.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct TroubleView {
    pub title: Msg,
    pub body: Msg,
}

/// One step of the checklist.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct StepView {
    pub index: usize,
    pub done: bool,
    pub title: Msg,
    pub hint: Option<Msg>,
    pub troubles: Vec<TroubleView>,
}

/// The renewal checklist of one account.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ChecklistView {
    pub account: String,
    /// "For the renewal on Dec 9, 2026".
    pub cycle: Option<Msg>,
    pub steps: Vec<StepView>,
    pub done_count: usize,
    /// "Renewal confirmed …" once a record showed it.
    pub confirmed: Option<Msg>,
    /// What to do when paying was not confirmed after a few hours.
    pub help: Option<Msg>,
}

const STEP_KEYS: [&str; STEPS] = [
    "check_amount",
    "check_method",
    "check_order",
    "check_pay",
    "check_balance",
];

fn trouble(key: &'static str, body: &'static str) -> TroubleView {
    TroubleView {
        title: Msg::new(key),
        body: Msg::new(body),
    }
}

fn troubles(step: usize) -> Vec<TroubleView> {
    match step {
        1 => vec![trouble("trouble_declined", "trouble_declined_body")],
        2 => vec![
            trouble("trouble_password", "trouble_password_body"),
            trouble("trouble_addons", "trouble_addons_body"),
        ],
        3 => vec![trouble("trouble_failed", "trouble_failed_body")],
        _ => Vec::new(),
    }
}

/// The suggestion for step 1 (decide the amount), from the line that needs most.
fn amount_hint(account: &Account, forecasts: &[Option<LineForecast>], lang: &str) -> Msg {
    let forecasts: Vec<&LineForecast> = forecasts.iter().flatten().collect();
    if let Some(refill) = forecasts
        .iter()
        .filter_map(|f| f.refill_mb)
        .max_by(f64::total_cmp)
    {
        return Msg::with("check_amount_refill", vec![format_mb(refill)]);
    }
    let all_unlimited = account
        .latest
        .lines
        .iter()
        .all(|l| l.data.as_ref().is_some_and(|d| d.unlimited));
    if let Some(due) = account.latest.amount_due.as_ref() {
        if all_unlimited || forecasts.is_empty() {
            return Msg::with("check_amount_due", vec![format_money(due, lang)]);
        }
    }
    if all_unlimited {
        return Msg::new("check_amount_unknown");
    }
    let busiest = forecasts
        .iter()
        .max_by(|a, b| a.cycle_use_mb.total_cmp(&b.cycle_use_mb));
    match busiest {
        Some(f) => match f.plan_mb {
            Some(plan) => Msg::with(
                "check_amount_plan",
                vec![format_mb(plan), format_mb(f.cycle_use_mb)],
            ),
            None => Msg::with("check_amount_unlimited", vec![format_mb(f.cycle_use_mb)]),
        },
        None => Msg::new("check_amount_unknown"),
    }
}

/// The checklist view for an account.
pub fn checklist_view(
    lists: &[Checklist],
    account: &Account,
    forecasts: &[Option<LineForecast>],
    now_ms: f64,
    lang: &str,
) -> ChecklistView {
    let cycle = account.latest.next_bill_date;
    let list = current_in(lists, &account.key, cycle, now_ms);
    let steps = STEP_KEYS
        .iter()
        .enumerate()
        .map(|(index, key)| StepView {
            index,
            done: list.done.get(index).copied().unwrap_or(false),
            title: Msg::new(key),
            hint: match index {
                0 => Some(amount_hint(account, forecasts, lang)),
                3 => Some(Msg::new("check_pay_hint")),
                4 => Some(Msg::new("check_balance_hint")),
                _ => None,
            },
            troubles: troubles(index),
        })
        .collect::<Vec<_>>();
    let confirmed = list.confirmed.as_ref().map(|c| match (c.by, c.to) {
        (ConfirmedBy::DateMoved, Some(to)) => {
            Msg::with("check_confirmed_date", vec![format_date(to, lang)])
        }
        _ => Msg::new("check_confirmed_balance"),
    });
    ChecklistView {
        account: account.key.clone(),
        cycle: list
            .cycle
            .map(|d| Msg::with("check_for_cycle", vec![format_date(d, lang)])),
        done_count: steps.iter().filter(|s| s.done).count(),
        steps,
        confirmed,
        help: unconfirmed_hours(&list, now_ms)
            .map(|h| Msg::with("check_unconfirmed", vec![h.to_string()])),
    }
}

/// The forecast sentences of every line of the account (none for a line without data).
pub fn line_forecasts(
    account: &Account,
    forecasts: &[Option<LineForecast>],
    cycle: Cycle,
    lang: &str,
) -> Vec<Vec<Msg>> {
    account
        .latest
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| match line.data {
            Some(_) => forecast_msgs(forecasts.get(i).and_then(Option::as_ref), cycle, lang),
            None => Vec::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::forecast::Pace;

    fn f(pace: f64, plan: Option<f64>) -> LineForecast {
        LineForecast {
            pace: Pace {
                mb_per_day: pace,
                over_days: 10.0,
            },
            cycle_use_mb: pace * 30.0,
            run_out: Date::new(2026, 12, 3),
            days_short: Some(6),
            refill_mb: Some(1536.0),
            left_at_bill_mb: None,
            plan_mb: plan,
        }
    }

    #[test]
    fn forecast_sentences() {
        let msgs = forecast_msgs(Some(&f(100.0, Some(5120.0))), Cycle::Months(1), "en");
        assert_eq!(
            msgs[0],
            Msg::with("forecast_runs_out", vec!["Dec 3, 2026".into(), "6".into()])
        );
        assert_eq!(msgs[1], Msg::with("forecast_pace", vec!["100 MB".into()]));
        assert_eq!(
            msgs[2],
            Msg::with(
                "forecast_plan_month",
                vec!["2.9 GB".into(), "5.0 GB".into()]
            )
        );
        assert_eq!(msgs[3], Msg::with("forecast_refill", vec!["1.5 GB".into()]));
        let days = forecast_msgs(Some(&f(100.0, None)), Cycle::Days(28), "zh-CN");
        assert_eq!(
            days[2],
            Msg::with(
                "forecast_plan_days_unlimited",
                vec!["2.9 GB".into(), String::new(), "28".into()]
            )
        );
        assert_eq!(
            forecast_msgs(None, Cycle::Months(1), "en"),
            vec![Msg::new("forecast_none")]
        );
    }
}
