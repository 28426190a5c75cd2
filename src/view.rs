//! View models: what the badge and the popup show, decided here so the bindings only
//! draw. Text is given as message keys with arguments ([`Msg`]); the bindings look the
//! keys up with `chrome.i18n` (`extension/_locales/*/messages.json`).

use crate::checklist::Checklist;
use crate::date::Date;
use crate::decimal::fixed;
use crate::history::ChartView;
use crate::json::int_text;
use crate::panel::ChecklistView;
use crate::snapshot::{Currency, DataUsage, Money, Snapshot, Status};
use crate::store::{Account, State};

/// A record older than this is shown as stale.
pub const STALE_AFTER_MS: f64 = 3.0 * 86_400_000.0;

/// A localisable message: a `messages.json` key and its substitutions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<String>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }
    pub fn with(key: &'static str, args: Vec<String>) -> Msg {
        Msg { key, args }
    }
}

/// How close the next risk is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(test, derive(serde::Serialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum Urgency {
    /// Nothing known.
    None,
    Ok,
    /// Within a week, or data running low.
    Soon,
    /// Today or tomorrow, or data nearly gone.
    Urgent,
    /// The date has passed.
    Overdue,
}

/// Urgency of a bill date `days` away.
pub fn urgency_for_days(days: i64) -> Urgency {
    match days {
        d if d < 0 => Urgency::Overdue,
        0 | 1 => Urgency::Urgent,
        2..=7 => Urgency::Soon,
        _ => Urgency::Ok,
    }
}

/// Urgency of a data bucket: under 10 % or 1 GB is low, under 2 % or 100 MB nearly gone.
pub fn urgency_for_data(data: &DataUsage) -> Urgency {
    if data.unlimited {
        return Urgency::Ok;
    }
    let Some(left) = data.remaining_mb else {
        return Urgency::None;
    };
    let share = data.total_mb.filter(|t| *t > 0.0).map(|t| left / t);
    if left <= 100.0 || share.is_some_and(|s| s <= 0.02) {
        Urgency::Urgent
    } else if left < 1024.0 || share.is_some_and(|s| s < 0.10) {
        Urgency::Soon
    } else {
        Urgency::Ok
    }
}

/// Formats megabytes the way carriers do: `3.4 GB`, `512 MB`.
pub fn format_mb(mb: f64) -> String {
    if !mb.is_finite() || mb < 0.0 {
        return "?".into();
    }
    if mb >= 1024.0 {
        let gb = mb / 1024.0;
        let decimals = if gb >= 100.0 { 0 } else { 1 };
        fixed(gb, decimals) + " GB"
    } else {
        let decimals = if mb >= 10.0 { 0 } else { 1 };
        fixed(mb, decimals) + " MB"
    }
}

/// Formats money for a language: `$12.34`, `-$3.00`, `¥58.20`, `€5.12` / `5,12 €` (de, es).
pub fn format_money(money: &Money, lang: &str) -> String {
    let amount = money.amount_string();
    let (sign, digits) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", amount),
    };
    let comma = lang.starts_with("de") || lang.starts_with("es") || lang.starts_with("fr");
    let digits = if comma {
        crate::parse::text::replace(&digits, ".", ",")
    } else {
        digits
    };
    let symbol = match money.currency {
        Currency::Usd => "$",
        Currency::Cny => "¥",
        Currency::Hkd => "HK$",
        Currency::Cad => "CA$",
        Currency::Twd => "NT$",
        Currency::Mxn => "MX$",
        Currency::Sgd => "S$",
        Currency::Chf => "CHF ",
        Currency::Aud => "A$",
        Currency::Ars => "AR$",
        Currency::Pen => "S/ ",
        Currency::Brl => "R$",
        Currency::Clp => "CLP$",
        Currency::Cop => "COL$",
        Currency::Mop => "MOP$",
        Currency::Pln if comma => return [sign, &digits, " zł"].concat(),
        Currency::Pln => "PLN ",
        Currency::Gbp => "£",
        Currency::Eur if comma => return [sign, &digits, " €"].concat(),
        Currency::Eur => "€",
    };
    [sign, symbol, &digits].concat()
}

/// The months' English abbreviations, three letters each (one string, not a table of `&str`).
const MONTHS_EN: &str = "JanFebMarAprMayJunJulAugSepOctNovDec";

/// Formats a date for a language: `Dec 9, 2026` (en), `2026年12月9日` (zh).
pub fn format_date(date: Date, lang: &str) -> String {
    if lang.starts_with("zh") || lang.starts_with("ja") {
        let mut out = int_text(date.year().into());
        out.push('年');
        crate::json::write_int(&mut out, date.month().into());
        out.push('月');
        crate::json::write_int(&mut out, date.day().into());
        out.push('日');
        out
    } else {
        // The short date and the year.
        let mut out = format_short_date(date, lang);
        out.push_str(", ");
        crate::json::write_int(&mut out, date.year().into());
        out
    }
}

/// A short date for axes and tables: `Dec 9` (en), `12月9日` (zh).
pub fn format_short_date(date: Date, lang: &str) -> String {
    if lang.starts_with("zh") || lang.starts_with("ja") {
        let mut out = int_text(date.month().into());
        out.push('月');
        crate::json::write_int(&mut out, date.day().into());
        out.push('日');
        out
    } else {
        let i = usize::from(date.month()).saturating_sub(1) * 3;
        let month = MONTHS_EN.get(i..i + 3).unwrap_or("?");
        let mut out = [month, " "].concat();
        crate::json::write_int(&mut out, date.day().into());
        out
    }
}

/// The message for "N days until the bill date".
pub fn days_msg(days: i64) -> Msg {
    use crate::json::int_text;
    match days {
        d if d < 0 => Msg::with("renews_overdue", vec![int_text(-d)]),
        0 => Msg::new("renews_today"),
        1 => Msg::new("renews_tomorrow"),
        d => Msg::with("renews_in_days", vec![int_text(d)]),
    }
}

/// The message for how long ago a record was read.
pub fn ago_msg(read_at_ms: f64, now_ms: f64) -> Msg {
    use crate::json::int_text;
    let minutes = ((now_ms - read_at_ms) / 60_000.0).max(0.0).floor() as i64;
    match minutes {
        0 => Msg::new("read_just_now"),
        1..=59 => Msg::with("read_minutes_ago", vec![int_text(minutes)]),
        60..=1439 => Msg::with("read_hours_ago", vec![int_text(minutes / 60)]),
        _ => Msg::with("read_days_ago", vec![int_text(minutes / 1440)]),
    }
}

/// The line whose data is the nearest risk (least left relative to its size), if any.
fn riskiest_data(snapshot: &Snapshot) -> Option<&DataUsage> {
    let rank = |d: &DataUsage| -> f64 {
        match (d.unlimited, d.remaining_mb, d.total_mb) {
            (true, _, _) => f64::MAX,
            (false, Some(left), Some(total)) if total > 0.0 => left / total,
            (false, Some(left), _) => left / 1.0e6,
            _ => f64::MAX / 2.0,
        }
    };
    // (A loop: `min_by` over a `filter_map` inlines the filter twice.)
    let mut most: Option<&DataUsage> = None;
    for d in snapshot.lines.iter().filter_map(|l| l.data.as_ref()) {
        if most.is_none_or(|m| rank(d).total_cmp(&rank(m)).is_lt()) {
            most = Some(d);
        }
    }
    most
}

/// The data message for one bucket: `3.4 GB left`, `12 GB used · Unlimited`.
pub fn data_msg(data: &DataUsage) -> Option<Msg> {
    match (data.unlimited, data.remaining_mb, data.used_mb) {
        (true, _, Some(used)) => Some(Msg::with("data_unlimited_used", vec![format_mb(used)])),
        (true, _, None) => Some(Msg::new("data_unlimited")),
        (false, Some(left), _) => Some(Msg::with("data_left", vec![format_mb(left)])),
        (false, None, Some(used)) => Some(Msg::with("data_used", vec![format_mb(used)])),
        _ => None,
    }
}

/// What the in-page badge shows.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct BadgeView {
    pub status: Status,
    /// False: the page is outside the account area and has no account data; the badge
    /// stands down (is removed) until the page changes.
    pub active: bool,
    pub urgency: Urgency,
    /// Data left (or the status message when there is no data).
    pub headline: Option<Msg>,
    /// Days until the next bill date.
    pub detail: Option<Msg>,
    /// The next bill date, formatted.
    pub date_text: Option<String>,
    /// Message key naming `money_text`: `popup_amount_due` or `popup_balance`.
    pub money_label: Option<&'static str>,
    /// Balance or amount due, formatted.
    pub money_text: Option<String>,
}

/// Path words of account pages on any carrier site (`/account`, `/myaccount`, `/bill`…).
/// (A word table, see `parse::text::table_find`.)
const ACCOUNT_PATH_WORDS: &str = "account myaccount my-account dashboard overview usage bill \
    billing myinfo mine home uc user service profile plan wallet";

/// True when `url` is in a carrier site's account area: one of the profile's account pages
/// (or below it), a sign-in page, or a path with an account word in it.
pub fn in_account_area(url: &str, account_urls: &[String]) -> bool {
    use crate::parse::text::{before_any, trim_end_where};
    let bare = trim_end_where(before_any(url, b"?#"), |c| c == '/');
    if account_urls.iter().any(|a| {
        let a = trim_end_where(a, |c| c == '/');
        bare == a
            || bare
                .strip_prefix(a)
                .is_some_and(|rest| rest.starts_with('/'))
    }) {
        return true;
    }
    let path = crate::parse::text::split_once(bare, "://").map_or(bare, |(_, rest)| rest);
    let path = crate::parse::text::split_once(path, "/")
        .map_or("", |(_, p)| p)
        .to_ascii_lowercase();
    crate::parse::text::split_where(&path, |c| matches!(c, '/' | '.' | '_')).any(|segment| {
        crate::parse::text::table_word(ACCOUNT_PATH_WORDS, segment, true, false).is_some()
    })
}

/// [`in_account_area`] with the account pages of the built-in profiles for the URL's host.
pub fn page_in_account_area(url: &str) -> bool {
    let host = crate::page::host_of(url);
    let mut account_urls: Vec<String> = Vec::new();
    for p in crate::profile::builtin() {
        if p.matches_host(&host) {
            account_urls.extend_from_slice(&p.account_urls);
        }
    }
    in_account_area(url, &account_urls)
}

/// The badge for a fresh scan. Sign-in and empty pages say so plainly; outside the
/// account area a page without account data gets no badge at all.
pub fn badge(snapshot: &Snapshot, today: Date, lang: &str, in_account_area: bool) -> BadgeView {
    let plain = |status: Status, key: &'static str, active: bool| BadgeView {
        status,
        active,
        urgency: Urgency::None,
        headline: Some(Msg::new(key)),
        detail: None,
        date_text: None,
        money_label: None,
        money_text: None,
    };
    match snapshot.status {
        Status::LoggedOut => return plain(Status::LoggedOut, "badge_logged_out", true),
        Status::NoData => return plain(Status::NoData, "badge_no_data", in_account_area),
        Status::Ok => {}
    }
    let data = riskiest_data(snapshot);
    let days = snapshot.next_bill_date.map(|d| today.days_until(d));
    let urgency = days
        .map(urgency_for_days)
        .unwrap_or(Urgency::None)
        .max(data.map(urgency_for_data).unwrap_or(Urgency::None));
    let (money_label, money) = match (&snapshot.amount_due, &snapshot.balance) {
        (Some(due), _) => (Some("popup_amount_due"), Some(due)),
        (None, Some(balance)) => (Some("popup_balance"), Some(balance)),
        (None, None) => (None, None),
    };
    BadgeView {
        status: Status::Ok,
        active: true,
        urgency,
        headline: data.and_then(data_msg),
        detail: days.map(days_msg),
        date_text: snapshot.next_bill_date.map(|d| format_date(d, lang)),
        money_label,
        money_text: money.map(|m| format_money(m, lang)),
    }
}

/// One line in the popup.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct LineView {
    pub number_last4: Option<String>,
    pub label: Option<String>,
    pub plan: Option<String>,
    pub data: Option<Msg>,
    /// Share of data left, 0–100, for the bar (None when unknown or unlimited).
    pub percent_left: Option<f64>,
    pub total_text: Option<String>,
    pub unlimited: bool,
    pub urgency: Urgency,
    /// The forecast, one sentence each (`panel.rs`).
    pub forecast: Vec<Msg>,
}

/// One account in the popup.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AccountView {
    pub key: String,
    pub carrier: Option<String>,
    pub host: String,
    pub page_url: String,
    pub days_left: Option<i64>,
    pub days: Option<Msg>,
    pub date_text: Option<String>,
    pub urgency: Urgency,
    pub balance_text: Option<String>,
    pub amount_due_text: Option<String>,
    pub autopay: Option<bool>,
    pub read_ago: Msg,
    pub stale: bool,
    pub lines: Vec<LineView>,
    /// "as of Nov 20, 2026" when the record is stale.
    pub as_of: Option<Msg>,
    /// The renewal checklist (`panel.rs`).
    pub checklist: ChecklistView,
    /// Data left over time (`history.rs`); `None` with fewer than two readings.
    pub chart: Option<ChartView>,
}

/// The whole popup.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PopupView {
    /// Accounts, most urgent first.
    pub accounts: Vec<AccountView>,
}

fn account_view(
    account: &Account,
    checklists: &[Checklist],
    now_ms: f64,
    today: Date,
    lang: &str,
) -> AccountView {
    let snap = &account.latest;
    let (cycle, forecasts) = crate::forecast::account_forecasts(account, now_ms, today);
    let mut sentences = crate::panel::line_forecasts(account, &forecasts, cycle, lang).into_iter();
    let days_left = snap.next_bill_date.map(|d| today.days_until(d));
    let lines: Vec<LineView> = snap
        .lines
        .iter()
        .map(|line| {
            let data = line.data.as_ref();
            let percent_left = data.and_then(|d| match (d.unlimited, d.remaining_mb, d.total_mb) {
                (false, Some(left), Some(total)) if total > 0.0 => {
                    Some((left / total * 100.0).clamp(0.0, 100.0))
                }
                _ => None,
            });
            LineView {
                number_last4: line.number_last4.clone(),
                label: line.label.clone(),
                plan: line.plan.clone(),
                data: data.and_then(data_msg),
                percent_left,
                total_text: data.and_then(|d| d.total_mb).map(format_mb),
                unlimited: data.is_some_and(|d| d.unlimited),
                urgency: data.map(urgency_for_data).unwrap_or(Urgency::None),
                forecast: sentences.next().unwrap_or_default(),
            }
        })
        .collect();
    let line_urgency = lines
        .iter()
        .map(|l| l.urgency)
        .max()
        .unwrap_or(Urgency::None);
    let stale = now_ms - account.read_at_ms > STALE_AFTER_MS || now_ms < account.read_at_ms;
    AccountView {
        key: account.key.clone(),
        carrier: account.carrier.clone(),
        host: account.host.clone(),
        page_url: account.page_url.clone(),
        days_left,
        days: days_left.map(days_msg),
        date_text: snap.next_bill_date.map(|d| format_date(d, lang)),
        urgency: days_left
            .map(urgency_for_days)
            .unwrap_or(Urgency::None)
            .max(line_urgency),
        balance_text: snap.balance.as_ref().map(|m| format_money(m, lang)),
        amount_due_text: snap.amount_due.as_ref().map(|m| format_money(m, lang)),
        autopay: snap.autopay,
        read_ago: ago_msg(account.read_at_ms, now_ms),
        stale,
        lines,
        as_of: stale
            .then(|| read_date(account, now_ms, today))
            .flatten()
            .map(|d| Msg::with("popup_as_of", vec![format_date(d, lang)])),
        checklist: crate::panel::checklist_view(checklists, account, &forecasts, now_ms, lang),
        chart: crate::history::chart(account, &forecasts, now_ms, today, lang),
    }
}

/// The local date the record was read: the history point's when it has one for that
/// moment, else counted back from today.
fn read_date(account: &Account, now_ms: f64, today: Date) -> Option<Date> {
    let point = account
        .history
        .iter()
        .rev()
        .find(|p| p.at_ms == account.read_at_ms);
    match point {
        Some(p) => Some(p.date),
        None => today.add_days(-(((now_ms - account.read_at_ms) / 86_400_000.0).floor() as i64)),
    }
}

/// The popup for the stored state.
pub fn popup(state: &State, now_ms: f64, today: Date, lang: &str) -> PopupView {
    let mut accounts: Vec<AccountView> = state
        .accounts
        .iter()
        .map(|a| account_view(a, &state.checklists, now_ms, today, lang))
        .collect();
    crate::sort::sort_by(&mut accounts, |a, b| {
        b.urgency.cmp(&a.urgency).then(
            a.days_left
                .unwrap_or(i64::MAX)
                .cmp(&b.days_left.unwrap_or(i64::MAX)),
        )
    });
    PopupView { accounts }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Line;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    fn snap(left: f64, total: f64, bill: Date) -> Snapshot {
        Snapshot {
            schema: 1,
            status: Status::Ok,
            carrier: Some("t-mobile".into()),
            next_bill_date: Some(bill),
            balance: Some(Money::new(1234, Currency::Usd)),
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

    #[test]
    fn formats() {
        assert_eq!(format_mb(3502.08), "3.4 GB");
        assert_eq!(format_mb(512.0), "512 MB");
        assert_eq!(format_mb(204_800.0), "200 GB");
        assert_eq!(format_mb(f64::NAN), "?");
        assert_eq!(
            format_money(&Money::new(-300, Currency::Usd), "en"),
            "-$3.00"
        );
        assert_eq!(
            format_money(&Money::new(512, Currency::Eur), "de"),
            "5,12 €"
        );
        assert_eq!(
            format_money(&Money::new(59900, Currency::Twd), "zh-TW"),
            "NT$599.00"
        );
        assert_eq!(
            format_date(Date::new(2026, 12, 9).unwrap(), "en-US"),
            "Dec 9, 2026"
        );
        assert_eq!(
            format_date(Date::new(2026, 12, 9).unwrap(), "zh-CN"),
            "2026年12月9日"
        );
    }

    #[test]
    fn badge_says_data_left_and_days() {
        let view = badge(
            &snap(3502.08, 5120.0, Date::new(2026, 12, 9).unwrap()),
            today(),
            "en",
            true,
        );
        assert_eq!(
            view.headline,
            Some(Msg::with("data_left", vec!["3.4 GB".into()]))
        );
        assert_eq!(
            view.detail,
            Some(Msg::with("renews_in_days", vec!["13".into()]))
        );
        assert_eq!(view.urgency, Urgency::Ok);
        assert_eq!(view.money_text.as_deref(), Some("$12.34"));
    }

    #[test]
    fn urgency_takes_the_nearer_risk() {
        let low_data = badge(
            &snap(300.0, 5120.0, Date::new(2026, 12, 20).unwrap()),
            today(),
            "en",
            true,
        );
        assert_eq!(low_data.urgency, Urgency::Soon);
        let tomorrow = badge(
            &snap(3000.0, 5120.0, Date::new(2026, 11, 27).unwrap()),
            today(),
            "en",
            true,
        );
        assert_eq!(tomorrow.urgency, Urgency::Urgent);
        let past = badge(
            &snap(3000.0, 5120.0, Date::new(2026, 11, 20).unwrap()),
            today(),
            "en",
            true,
        );
        assert_eq!(past.urgency, Urgency::Overdue);
        assert_eq!(
            past.detail,
            Some(Msg::with("renews_overdue", vec!["6".into()]))
        );
    }

    #[test]
    fn badge_for_status_pages() {
        let view = badge(&Snapshot::empty(Status::LoggedOut), today(), "en", false);
        assert_eq!(view.headline, Some(Msg::new("badge_logged_out")));
        assert!(view.active, "a sign-in page always says so");
        let view = badge(&Snapshot::empty(Status::NoData), today(), "en", true);
        assert_eq!(view.headline, Some(Msg::new("badge_no_data")));
        assert!(view.active);
        let away = badge(&Snapshot::empty(Status::NoData), today(), "en", false);
        assert!(
            !away.active,
            "outside the account area the badge stands down"
        );
    }

    #[test]
    fn account_area() {
        let urls = vec!["https://www.t-mobile.com/account".to_string()];
        assert!(in_account_area("https://www.t-mobile.com/account", &urls));
        assert!(in_account_area(
            "https://www.t-mobile.com/account/usage?x=1",
            &urls
        ));
        assert!(in_account_area(
            "https://www.t-mobile.com/bill/summary",
            &urls
        ));
        assert!(in_account_area(
            "https://my.example.com/myaccount/overview.html",
            &[]
        ));
        assert!(!in_account_area(
            "https://www.t-mobile.com/accounting-news",
            &urls
        ));
        assert!(!in_account_area(
            "https://www.t-mobile.com/cell-phones/apple",
            &urls
        ));
        assert!(!in_account_area("https://www.t-mobile.com/", &urls));
    }

    #[test]
    fn badge_names_amount_due_before_balance() {
        let mut s = snap(3000.0, 5120.0, Date::new(2026, 12, 9).unwrap());
        s.amount_due = Some(Money::new(4500, Currency::Usd));
        let view = badge(&s, today(), "en", true);
        assert_eq!(view.money_label, Some("popup_amount_due"));
        assert_eq!(view.money_text.as_deref(), Some("$45.00"));
    }

    #[test]
    fn unlimited_shows_used_not_remaining() {
        let data = DataUsage {
            remaining_mb: None,
            used_mb: Some(12_595.2),
            total_mb: None,
            unlimited: true,
        };
        assert_eq!(
            data_msg(&data),
            Some(Msg::with("data_unlimited_used", vec!["12.3 GB".into()]))
        );
    }

    #[test]
    fn popup_orders_by_urgency_and_marks_stale() {
        let mut state = State::default();
        let now = 1_795_700_000_000.0;
        state.ingest(
            &snap(3000.0, 5120.0, Date::new(2026, 12, 20).unwrap()),
            "https://www.t-mobile.com/a",
            now - 5.0 * 86_400_000.0,
            today(),
        );
        let mut mint = snap(3000.0, 5120.0, Date::new(2026, 11, 28).unwrap());
        mint.carrier = Some("mint".into());
        state.ingest(
            &mint,
            "https://www.mintmobile.com/account",
            now - 60_000.0,
            today(),
        );
        let view = popup(&state, now, today(), "en");
        assert_eq!(view.accounts[0].key, "mint");
        assert!(!view.accounts[0].stale);
        assert_eq!(
            view.accounts[0].read_ago,
            Msg::with("read_minutes_ago", vec!["1".into()])
        );
        assert!(view.accounts[1].stale);
        assert_eq!(
            view.accounts[1].read_ago,
            Msg::with("read_days_ago", vec!["5".into()])
        );
        let line = &view.accounts[1].lines[0];
        assert!((line.percent_left.unwrap() - 58.59).abs() < 0.01);
    }
}
