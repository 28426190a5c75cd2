//! The core's types as JSON, written by hand (see the module's docs): every field in the
//! order and under the name the public formats give it (`docs/snapshot.md`,
//! `docs/storage.md`, the messages), with the same defaults for fields left out. The tests
//! (`tests.rs`) compare each with serde's reading and writing of the same types.

use super::{read_struct, write_int, write_str, Error, FromJson, Obj, ToJson, Value};
use crate::checklist::{ActionKind, Checklist, Confirmation, ConfirmedBy, PopupAction};
use crate::date::Date;
use crate::history::{ChartView, MarkView, RowView, SeriesView};
use crate::message::{Context, NoticeAction, RawMessage, Sender, Tab};
use crate::page::{Attrs, Name, PageNode, PageSnapshot};
use crate::panel::{ChecklistView, StepView, TroubleView};
use crate::profile::{Anchor, Order, Profile};
use crate::reminders::{
    Action, ActionResult, AlarmSpec, Fired, Notice, ReminderLog, RenewedMark, Snooze, Tick,
    ToolbarBadge,
};
use crate::settings::{Cycle, FieldError, Language, Quiet, Settings};
use crate::snapshot::Money;
use crate::snapshot::{Currency, DataUsage, Line, Snapshot, Source, Status};
use crate::store::{Account, Export, ExportedAccount, HistoryPoint, KeptAside, Outcome, State};
use crate::teach::{Clue, ClueKind, Pick, PickPreview, RuleCheck, TaughtSite};
use crate::transfer::{AccountChange, Change, ImportError, Preview};
use crate::view::{AccountView, BadgeView, LineView, Msg, PopupView, Urgency};
use crate::vocabulary::Extra;

// --- plain names -------------------------------------------------------------------------

crate::json_names!(Status { Ok => "ok", NoData => "no_data", LoggedOut => "logged_out" });
crate::json_names!(Currency {
    Usd => "USD",
    Cny => "CNY",
    Hkd => "HKD",
    Eur => "EUR",
    Gbp => "GBP",
    Cad => "CAD",
    Twd => "TWD",
    Mxn => "MXN",
    Sgd => "SGD",
    Chf => "CHF",
    Aud => "AUD",
    Ars => "ARS",
    Pen => "PEN",
    Brl => "BRL",
    Clp => "CLP",
    Cop => "COP",
    Mop => "MOP",
    Pln => "PLN",
});
crate::json_names!(Outcome { Stored => "stored", Refreshed => "refreshed", Ignored => "ignored" });
crate::json_names!(Language { Auto => "auto", En => "en", ZhCn => "zh_cn" });
crate::json_names!(ConfirmedBy { DateMoved => "date_moved", BalanceRose => "balance_rose" });
crate::json_names!(ActionKind { Checklist => "checklist" });
crate::json_names!(Action { Snooze => "snooze", Renewed => "renewed" });
crate::json_names!(NoticeAction { Snooze => "snooze", Renewed => "renewed" });
crate::json_names!(ClueKind {
    Aria => "aria",
    For => "for",
    Term => "term",
    Before => "before",
    Heading => "heading",
});
crate::json_names!(Order { Mdy => "mdy", Dmy => "dmy" });
crate::json_names!(Change { Added => "added", Replaced => "replaced", Kept => "kept" });
crate::json_names!(Urgency {
    None => "none",
    Ok => "ok",
    Soon => "soon",
    Urgent => "urgent",
    Overdue => "overdue",
});

// --- dates --------------------------------------------------------------------------------

fn pad(out: &mut String, n: i64, width: usize) {
    let mut digits = String::new();
    write_int(&mut digits, n.abs());
    if n < 0 {
        out.push('-');
    }
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

/// Writes a date as `YYYY-MM-DD` (its `Display` form, without `core::fmt`).
pub fn write_date(out: &mut String, date: Date) {
    // `{:04}` counts the sign in the width: -001 for year -1.
    pad(
        out,
        i64::from(date.year()),
        if date.year() < 0 { 3 } else { 4 },
    );
    out.push('-');
    pad(out, i64::from(date.month()), 2);
    out.push('-');
    pad(out, i64::from(date.day()), 2);
}

impl ToJson for Date {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        write_date(out, *self);
        out.push('"');
    }
}

impl FromJson for Date {
    fn from_json(v: Value) -> Result<Self, Error> {
        let text = String::from_json(v)?;
        Date::parse_iso(&text)
            .ok_or_else(|| Error(["not an ISO date: ", &super::quoted(&text)].concat()))
    }
}

// --- the Snapshot (docs/snapshot.md) --------------------------------------------------------

impl ToJson for Snapshot {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.field("schema", &self.schema)
            .field("status", &self.status)
            .field("carrier", &self.carrier)
            .field("next_bill_date", &self.next_bill_date)
            .field("balance", &self.balance)
            .field("amount_due", &self.amount_due)
            .field("autopay", &self.autopay)
            .field("lines", &self.lines);
        if !self.sources.is_empty() {
            o.field("sources", &self.sources);
        }
        o.end()
    }
}

crate::json_struct!(Snapshot, "Snapshot" { schema, status, lines; carrier, next_bill_date, balance, amount_due, autopay, sources });

impl ToJson for Line {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("number_last4", &self.number_last4)
            .field("label", &self.label)
            .field("plan", &self.plan)
            .field("renews_on", &self.renews_on)
            .field("data", &self.data)
            .some("hotspot", &self.hotspot)
            .end()
    }
}

crate::json_struct!(Line, "Line" { ; number_last4, label, plan, renews_on, data, hotspot });

impl ToJson for DataUsage {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("remaining_mb", &self.remaining_mb)
            .field("used_mb", &self.used_mb)
            .field("total_mb", &self.total_mb)
            .field("unlimited", &self.unlimited)
            .end()
    }
}

crate::json_struct!(DataUsage, "DataUsage" { unlimited; remaining_mb, used_mb, total_mb });

impl ToJson for Source {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("label", &self.label)
            .field("element", &self.element)
            .field("text", &self.text)
            .end()
    }
}

crate::json_struct!(Source, "Source" { element, text; label });

// --- the stored state (docs/storage.md) ---------------------------------------------------

impl ToJson for State {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("version", &self.version)
            .field("accounts", &self.accounts)
            .field("checklists", &self.checklists)
            .field("settings", &self.settings)
            .field("reminders", &self.reminders)
            .nonempty("taught", &self.taught)
            .nonempty("kept_aside", &self.kept_aside)
            .end()
    }
}

crate::json_struct!(State, "State" { version; accounts, checklists, settings, reminders, taught, kept_aside });

impl ToJson for KeptAside {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("at_ms", &self.at_ms)
            .field("newer", &self.newer)
            .field("detail", &self.detail)
            .end()
    }
}

crate::json_struct!(KeptAside, "KeptAside" { key, at_ms; newer, detail });

impl ToJson for Account {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("carrier", &self.carrier)
            .field("host", &self.host)
            .field("page_url", &self.page_url)
            .field("latest", &self.latest)
            .field("read_at_ms", &self.read_at_ms)
            .field("history", &crate::history_codec::Stored(&self.history))
            .end()
    }
}

crate::json_struct!(Account, "Account" {
    key,
    host,
    page_url,
    latest,
    read_at_ms;
    carrier,
    history => crate::history_codec::read,
});

impl ToJson for HistoryPoint {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("at_ms", &self.at_ms)
            .field("date", &self.date)
            .field("next_bill_date", &self.next_bill_date)
            .field("lines", &self.lines)
            .end()
    }
}

crate::json_struct!(HistoryPoint, "HistoryPoint" { at_ms, date, lines; next_bill_date });

impl ToJson for ExportedAccount {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("host", &self.host)
            .field("page_url", &self.page_url)
            .field("read_at_ms", &self.read_at_ms)
            .field("snapshot", &self.snapshot)
            .end()
    }
}

crate::json_struct!(ExportedAccount, "ExportedAccount" { host, page_url, read_at_ms, snapshot; });

impl ToJson for Export {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("linekeeper_export", &self.linekeeper_export)
            .field("accounts", &self.accounts)
            .field("history", &self.history)
            .some("settings", &self.settings)
            .nonempty("renewed", &self.renewed)
            .end()
    }
}

crate::json_struct!(Export, "Export" { linekeeper_export, accounts, history; settings, renewed });

// --- settings -----------------------------------------------------------------------------

impl ToJson for Cycle {
    fn write_json(&self, out: &mut String) {
        let (name, n) = match self {
            Cycle::Months { n } => ("months", i64::from(*n)),
            Cycle::Days { n } => ("days", i64::from(*n)),
        };
        Obj::new(out)
            .field(name, &Value::Obj(vec![("n".into(), Value::Int(n))]))
            .end()
    }
}

impl FromJson for Cycle {
    fn from_json(v: Value) -> Result<Self, Error> {
        // Externally tagged: `{"months": {"n": 1}}`.
        let Value::Obj(mut items) = v else {
            return Err(Error::invalid_type(&v, "enum Cycle"));
        };
        if items.len() != 1 {
            return Err(Error::new("invalid type: map, expected enum Cycle"));
        }
        let Some((name, inner)) = items.pop() else {
            return Err(Error::new("invalid type: map, expected enum Cycle"));
        };
        let months = match name.as_str() {
            "months" => true,
            "days" => false,
            _ => {
                return Err(Error(
                    ["unknown variant `", &name, "`, expected `months` or `days`"].concat(),
                ))
            }
        };
        let mut n = Value::Null;
        read_struct(inner, "variant", "n,", 1, false, &mut |_, v| {
            n = v;
            Ok(())
        })?;
        Ok(if months {
            Cycle::Months {
                n: FromJson::from_json(n)?,
            }
        } else {
            Cycle::Days {
                n: FromJson::from_json(n)?,
            }
        })
    }
}

impl ToJson for Quiet {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("start", &self.start)
            .field("end", &self.end)
            .end()
    }
}

crate::json_struct!(Quiet, "Quiet" { start, end; });

impl ToJson for Settings {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("reminders", &self.reminders)
            .field("lead_days", &self.lead_days)
            .field("remind_at", &self.remind_at)
            .field("quiet", &self.quiet)
            .field("low_data", &self.low_data)
            .field("low_data_percent", &self.low_data_percent)
            .field("low_data_mb", &self.low_data_mb)
            .field("language", &self.language)
            .field("cycles", &self.cycles)
            .end()
    }
}

// Fields left out keep `Settings::default()`'s values.
crate::json_struct!(Settings, "Settings" {
    ;
    reminders,
    lead_days,
    remind_at,
    quiet,
    low_data,
    low_data_percent,
    low_data_mb,
    language,
    cycles,
});

impl ToJson for FieldError {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("field", &self.field)
            .field("key", &self.key)
            .end()
    }
}

// --- checklist ------------------------------------------------------------------------------

impl ToJson for Confirmation {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("by", &self.by)
            .field("at_ms", &self.at_ms)
            .field("to", &self.to)
            .end()
    }
}

crate::json_struct!(Confirmation, "Confirmation" { by, at_ms; to });

impl ToJson for Checklist {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("account", &self.account)
            .field("cycle", &self.cycle)
            .field("done", &self.done)
            .field("paid_at_ms", &self.paid_at_ms)
            .field("confirmed", &self.confirmed)
            .end()
    }
}

crate::json_struct!(Checklist, "Checklist" { account, done; cycle, paid_at_ms, confirmed });

crate::json_struct!(PopupAction, "PopupAction", deny { kind = "type", account, step, done; });

// --- reminders ------------------------------------------------------------------------------

impl ToJson for ReminderLog {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("fired", &self.fired)
            .field("snoozes", &self.snoozes)
            .field("renewed", &self.renewed)
            .end()
    }
}

crate::json_struct!(ReminderLog, "ReminderLog" { ; fired, snoozes, renewed });

impl ToJson for Fired {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("account", &self.account)
            .field("cycle", &self.cycle)
            .field("at_ms", &self.at_ms)
            .field("shown", &self.shown)
            .field("late", &self.late)
            .end()
    }
}

crate::json_struct!(Fired, "Fired" { key, account, at_ms, shown; cycle, late });

impl ToJson for Snooze {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("account", &self.account)
            .field("cycle", &self.cycle)
            .field("at_ms", &self.at_ms)
            .end()
    }
}

crate::json_struct!(Snooze, "Snooze" { key, account, at_ms; cycle });

impl ToJson for RenewedMark {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("account", &self.account)
            .field("cycle", &self.cycle)
            .field("at_ms", &self.at_ms)
            .end()
    }
}

crate::json_struct!(RenewedMark, "RenewedMark" { account, cycle, at_ms; });

impl ToJson for Notice {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("id", &self.id)
            .field("account", &self.account)
            .field("carrier", &self.carrier)
            .field("host", &self.host)
            .field("page_url", &self.page_url)
            .field("title", &self.title)
            .field("body", &self.body)
            .field("late", &self.late)
            .field("buttons", &self.buttons)
            .end()
    }
}

impl ToJson for AlarmSpec {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("name", &self.name)
            .field("when_ms", &self.when_ms)
            .end()
    }
}

impl ToJson for ToolbarBadge {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("text", &self.text)
            .field("color", &self.color)
            .field("urgency", &self.urgency)
            .field("title", &self.title)
            .end()
    }
}

impl ToJson for Tick {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("notices", &self.notices)
            .field("alarms", &self.alarms)
            .field("badge", &self.badge)
            .field("close", &self.close)
            .end()
    }
}

impl ToJson for ActionResult {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("done", &self.done)
            .field("close", &self.close)
            .end()
    }
}

// --- teaching -------------------------------------------------------------------------------

crate::json_struct!(Clue, "Clue", deny { kind, text; });

crate::json_struct!(Pick, "Pick", deny { field, text; clues, lang });

impl ToJson for TaughtSite {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("host", &self.host)
            .field("rule", &self.rule)
            .field("taught_at_ms", &self.taught_at_ms)
            .field("anchors", &self.anchors)
            .end()
    }
}

crate::json_struct!(TaughtSite, "TaughtSite" { host, rule, taught_at_ms; anchors });

impl ToJson for PickPreview {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("field", &self.field)
            .field("value", &self.value)
            .field("label", &self.label)
            .field("error", &self.error)
            .end()
    }
}

impl ToJson for RuleCheck {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("host", &self.host)
            .field("anchors", &self.anchors)
            .field("replaces", &self.replaces)
            .field("error", &self.error)
            .end()
    }
}

// --- messages -------------------------------------------------------------------------------

crate::json_struct!(Sender, "Sender" { ; id, url, tab, frame_id = "frameId" });

crate::json_struct!(Tab, "Tab" { ; id, url });

crate::json_struct!(Context, "Context" { ; extension_id, extension_url, content_matches, granted_origins });

crate::json_struct!(RawMessage, "RawMessage" { ; kind = "type", page, account, step, done, form, text, id, action });

// --- profiles -------------------------------------------------------------------------------

impl ToJson for Anchor {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("field", &self.field)
            .field("element", &self.element)
            .field("label", &self.label)
            .end()
    }
}

crate::json_struct!(Anchor, "Anchor", deny { ; field, element, label });

crate::json_struct!(Profile, "Profile", deny {
    ;
    id,
    name,
    carrier,
    hosts,
    account_urls,
    sign_in_urls,
    help_urls,
    currency,
    host_currency,
    date_order,
    value_before_label,
    labels,
    hints,
    anchors,
});

impl ToJson for Extra {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("words", &self.words)
            .field("elements", &self.elements)
            .end()
    }
}

// --- import ---------------------------------------------------------------------------------

impl ToJson for AccountChange {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("carrier", &self.carrier)
            .field("host", &self.host)
            .field("change", &self.change)
            .field("history_added", &self.history_added)
            .end()
    }
}

impl ToJson for Preview {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("accounts", &self.accounts)
            .field("settings_changed", &self.settings_changed)
            .field("renewed_added", &self.renewed_added)
            .field("unchanged", &self.unchanged)
            .end()
    }
}

impl ToJson for ImportError {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

// --- view models ----------------------------------------------------------------------------

impl ToJson for Msg {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("args", &self.args)
            .end()
    }
}

impl ToJson for BadgeView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("status", &self.status)
            .field("active", &self.active)
            .field("urgency", &self.urgency)
            .field("headline", &self.headline)
            .field("detail", &self.detail)
            .field("date_text", &self.date_text)
            .field("money_label", &self.money_label)
            .field("money_text", &self.money_text)
            .end()
    }
}

impl ToJson for LineView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("number_last4", &self.number_last4)
            .field("label", &self.label)
            .field("plan", &self.plan)
            .field("data", &self.data)
            .field("percent_left", &self.percent_left)
            .field("total_text", &self.total_text)
            .field("unlimited", &self.unlimited)
            .field("urgency", &self.urgency)
            .field("forecast", &self.forecast)
            .end()
    }
}

impl ToJson for AccountView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("key", &self.key)
            .field("carrier", &self.carrier)
            .field("host", &self.host)
            .field("page_url", &self.page_url)
            .field("days_left", &self.days_left)
            .field("days", &self.days)
            .field("date_text", &self.date_text)
            .field("urgency", &self.urgency)
            .field("balance_text", &self.balance_text)
            .field("amount_due_text", &self.amount_due_text)
            .field("autopay", &self.autopay)
            .field("read_ago", &self.read_ago)
            .field("stale", &self.stale)
            .field("lines", &self.lines)
            .field("as_of", &self.as_of)
            .field("checklist", &self.checklist)
            .field("chart", &self.chart)
            .end()
    }
}

impl ToJson for PopupView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out).field("accounts", &self.accounts).end()
    }
}

impl ToJson for SeriesView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("name", &self.name)
            .field("path", &self.path)
            .field("projection", &self.projection)
            .field("last", &self.last)
            .end()
    }
}

impl ToJson for MarkView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("at", &self.at)
            .field("label", &self.label)
            .end()
    }
}

impl ToJson for RowView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("date", &self.date)
            .field("values", &self.values)
            .end()
    }
}

impl ToJson for ChartView {
    fn write_json(&self, out: &mut String) {
        let (a, b, c, d) = self.plot;
        let plot = [a, b, c, d];
        Obj::new(out)
            .field("width", &self.width)
            .field("height", &self.height)
            .field("plot", &plot)
            .field("shows_used", &self.shows_used)
            .field("series", &self.series)
            .field("bills", &self.bills)
            .field("today", &self.today)
            .field("y_labels", &self.y_labels)
            .field("x_labels", &self.x_labels)
            .field("summary", &self.summary)
            .field("columns", &self.columns)
            .field("rows", &self.rows)
            .end()
    }
}

impl ToJson for TroubleView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("title", &self.title)
            .field("body", &self.body)
            .end()
    }
}

impl ToJson for StepView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("index", &self.index)
            .field("done", &self.done)
            .field("title", &self.title)
            .field("hint", &self.hint)
            .field("troubles", &self.troubles)
            .end()
    }
}

impl ToJson for ChecklistView {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("account", &self.account)
            .field("cycle", &self.cycle)
            .field("steps", &self.steps)
            .field("done_count", &self.done_count)
            .field("confirmed", &self.confirmed)
            .field("help", &self.help)
            .end()
    }
}

// --- the page snapshot (src/page.rs) ------------------------------------------------------

impl ToJson for PageSnapshot {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("url", &self.url)
            .some("lang", &self.lang)
            .field("title", &self.title)
            .field("nodes", &self.nodes)
            .end()
    }
}

crate::json_struct!(PageSnapshot, "PageSnapshot" { url, nodes; lang, title });

impl ToJson for PageNode {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        o.some("p", &self.parent)
            .field("t", &self.tag)
            .some("x", &self.text);
        if !self.attrs.is_empty() {
            o.field("a", &self.attrs);
        }
        if self.block {
            o.field("b", &true);
        }
        o.end()
    }
}

crate::json_struct!(PageNode, "PageNode" { tag = "t"; parent = "p", text = "x", attrs = "a", block = "b" });

impl ToJson for Name {
    fn write_json(&self, out: &mut String) {
        write_str(out, self.as_str());
    }
}

impl FromJson for Name {
    fn from_json(v: Value) -> Result<Self, Error> {
        String::from_json(v).map(Name::from)
    }
}

impl ToJson for Attrs {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out);
        for (name, value) in self.iter() {
            o.field(name, &value);
        }
        o.end()
    }
}

impl FromJson for Attrs {
    fn from_json(v: Value) -> Result<Self, Error> {
        let Value::Obj(items) = v else {
            return Err(Error::invalid_type(&v, "a map"));
        };
        let mut attrs = Attrs::new();
        for (name, value) in items {
            // A repeated name keeps its last value (serde's map reading).
            let _ = attrs.insert(&name, String::from_json(value)?);
        }
        Ok(attrs)
    }
}

// --- money ----------------------------------------------------------------------------------

impl ToJson for Money {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("amount", &self.amount_string())
            .field("currency", &self.currency)
            .end()
    }
}

impl FromJson for Money {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut amount = String::new();
        let mut currency = Currency::default();
        read_struct(v, "MoneyRepr", "amount,currency,", 3, false, &mut |i, v| {
            if i == 0 {
                amount = FromJson::from_json(v)?;
            } else {
                currency = FromJson::from_json(v)?;
            }
            Ok(())
        })?;
        let cents = Money::parse_amount(&amount)
            .ok_or_else(|| Error(["not a decimal amount: ", &super::quoted(&amount)].concat()))?;
        Ok(Money { cents, currency })
    }
}
