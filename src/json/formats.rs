//! The core's types as JSON, written by hand (see the module's docs): every field in the
//! order and under the name the public formats give it (`docs/snapshot.md`,
//! `docs/storage.md`, the messages), with the same defaults for fields left out. The tests
//! (`tests.rs`) compare each with serde's reading and writing of the same types.

use super::{write_int, write_str, Error, Fields, FromJson, Obj, ToJson, Value};
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
        let o = Obj::new(out)
            .field("schema", &self.schema)
            .field("status", &self.status)
            .field("carrier", &self.carrier)
            .field("next_bill_date", &self.next_bill_date)
            .field("balance", &self.balance)
            .field("amount_due", &self.amount_due)
            .field("autopay", &self.autopay)
            .field("lines", &self.lines);
        if self.sources.is_empty() {
            o.end()
        } else {
            o.field("sources", &self.sources).end()
        }
    }
}

impl FromJson for Snapshot {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Snapshot")?;
        Ok(Snapshot {
            schema: f.req("schema")?,
            status: f.req("status")?,
            carrier: f.req("carrier")?,
            next_bill_date: f.req("next_bill_date")?,
            balance: f.req("balance")?,
            amount_due: f.req("amount_due")?,
            autopay: f.req("autopay")?,
            lines: f.req("lines")?,
            sources: f.opt("sources")?,
        })
    }
}

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

impl FromJson for Line {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Line")?;
        Ok(Line {
            number_last4: f.req("number_last4")?,
            label: f.req("label")?,
            plan: f.req("plan")?,
            renews_on: f.req("renews_on")?,
            data: f.req("data")?,
            hotspot: f.opt("hotspot")?,
        })
    }
}

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

impl FromJson for DataUsage {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "DataUsage")?;
        Ok(DataUsage {
            remaining_mb: f.req("remaining_mb")?,
            used_mb: f.req("used_mb")?,
            total_mb: f.req("total_mb")?,
            unlimited: f.req("unlimited")?,
        })
    }
}

impl ToJson for Source {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("label", &self.label)
            .field("element", &self.element)
            .field("text", &self.text)
            .end()
    }
}

impl FromJson for Source {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Source")?;
        Ok(Source {
            label: f.req("label")?,
            element: f.req("element")?,
            text: f.req("text")?,
        })
    }
}

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

impl FromJson for State {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "State")?;
        Ok(State {
            version: f.req("version")?,
            accounts: f.opt("accounts")?,
            checklists: f.opt("checklists")?,
            settings: f.opt("settings")?,
            reminders: f.opt("reminders")?,
            taught: f.opt("taught")?,
            kept_aside: f.opt("kept_aside")?,
        })
    }
}

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

impl FromJson for KeptAside {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "KeptAside")?;
        Ok(KeptAside {
            key: f.req("key")?,
            at_ms: f.req("at_ms")?,
            newer: f.opt("newer")?,
            detail: f.opt("detail")?,
        })
    }
}

impl ToJson for Account {
    fn write_json(&self, out: &mut String) {
        let o = Obj::new(out)
            .field("key", &self.key)
            .field("carrier", &self.carrier)
            .field("host", &self.host)
            .field("page_url", &self.page_url)
            .field("latest", &self.latest)
            .field("read_at_ms", &self.read_at_ms)
            .field("history", &crate::history_codec::Stored(&self.history));
        o.end()
    }
}

impl FromJson for Account {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Account")?;
        Ok(Account {
            key: f.req("key")?,
            carrier: f.req("carrier")?,
            host: f.req("host")?,
            page_url: f.req("page_url")?,
            latest: f.req("latest")?,
            read_at_ms: f.req("read_at_ms")?,
            history: f
                .or("history", Value::Arr(Vec::new()))
                .and_then(crate::history_codec::read)?,
        })
    }
}

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

impl FromJson for HistoryPoint {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "HistoryPoint")?;
        Ok(HistoryPoint {
            at_ms: f.req("at_ms")?,
            date: f.req("date")?,
            next_bill_date: f.req("next_bill_date")?,
            lines: f.req("lines")?,
        })
    }
}

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

impl FromJson for ExportedAccount {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "ExportedAccount")?;
        Ok(ExportedAccount {
            host: f.req("host")?,
            page_url: f.req("page_url")?,
            read_at_ms: f.req("read_at_ms")?,
            snapshot: f.req("snapshot")?,
        })
    }
}

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

impl FromJson for Export {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Export")?;
        Ok(Export {
            linekeeper_export: f.req("linekeeper_export")?,
            accounts: f.req("accounts")?,
            history: f.req("history")?,
            settings: f.opt("settings")?,
            renewed: f.opt("renewed")?,
        })
    }
}

// --- settings -----------------------------------------------------------------------------

impl ToJson for Cycle {
    fn write_json(&self, out: &mut String) {
        let (name, n) = match self {
            Cycle::Months { n } => ("months", i64::from(*n)),
            Cycle::Days { n } => ("days", i64::from(*n)),
        };
        let o = Obj::new(out);
        o.field(name, &Value::Obj(vec![("n".into(), Value::Int(n))]))
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
        let mut f = Fields::of(inner, "variant")?;
        match name.as_str() {
            "months" => Ok(Cycle::Months { n: f.req("n")? }),
            "days" => Ok(Cycle::Days { n: f.req("n")? }),
            _ => Err(Error(
                ["unknown variant `", &name, "`, expected `months` or `days`"].concat(),
            )),
        }
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

impl FromJson for Quiet {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Quiet")?;
        Ok(Quiet {
            start: f.req("start")?,
            end: f.req("end")?,
        })
    }
}

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

impl FromJson for Settings {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Settings")?;
        let d = Settings::default();
        Ok(Settings {
            reminders: f.or("reminders", d.reminders)?,
            lead_days: f.or("lead_days", d.lead_days)?,
            remind_at: f.or("remind_at", d.remind_at)?,
            quiet: f.or("quiet", d.quiet)?,
            low_data: f.or("low_data", d.low_data)?,
            low_data_percent: f.or("low_data_percent", d.low_data_percent)?,
            low_data_mb: f.or("low_data_mb", d.low_data_mb)?,
            language: f.or("language", d.language)?,
            cycles: f.or("cycles", d.cycles)?,
        })
    }
}

impl ToJson for FieldError {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("field", &self.field)
            .field("key", self.key)
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

impl FromJson for Confirmation {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Confirmation")?;
        Ok(Confirmation {
            by: f.req("by")?,
            at_ms: f.req("at_ms")?,
            to: f.opt("to")?,
        })
    }
}

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

impl FromJson for Checklist {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Checklist")?;
        Ok(Checklist {
            account: f.req("account")?,
            cycle: f.req("cycle")?,
            done: f.req("done")?,
            paid_at_ms: f.opt("paid_at_ms")?,
            confirmed: f.opt("confirmed")?,
        })
    }
}

impl FromJson for PopupAction {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "PopupAction")?;
        let action = PopupAction {
            kind: f.req("type")?,
            account: f.req("account")?,
            step: f.req("step")?,
            done: f.req("done")?,
        };
        f.deny_rest()?;
        Ok(action)
    }
}

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

impl FromJson for ReminderLog {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "ReminderLog")?;
        Ok(ReminderLog {
            fired: f.opt("fired")?,
            snoozes: f.opt("snoozes")?,
            renewed: f.opt("renewed")?,
        })
    }
}

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

impl FromJson for Fired {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Fired")?;
        Ok(Fired {
            key: f.req("key")?,
            account: f.req("account")?,
            cycle: f.req("cycle")?,
            at_ms: f.req("at_ms")?,
            shown: f.req("shown")?,
            late: f.opt("late")?,
        })
    }
}

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

impl FromJson for Snooze {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Snooze")?;
        Ok(Snooze {
            key: f.req("key")?,
            account: f.req("account")?,
            cycle: f.req("cycle")?,
            at_ms: f.req("at_ms")?,
        })
    }
}

impl ToJson for RenewedMark {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("account", &self.account)
            .field("cycle", &self.cycle)
            .field("at_ms", &self.at_ms)
            .end()
    }
}

impl FromJson for RenewedMark {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "RenewedMark")?;
        Ok(RenewedMark {
            account: f.req("account")?,
            cycle: f.req("cycle")?,
            at_ms: f.req("at_ms")?,
        })
    }
}

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
            .field("color", self.color)
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

impl FromJson for Clue {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Clue")?;
        let clue = Clue {
            kind: f.req("kind")?,
            text: f.req("text")?,
        };
        f.deny_rest()?;
        Ok(clue)
    }
}

impl FromJson for Pick {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Pick")?;
        let pick = Pick {
            field: f.req("field")?,
            text: f.req("text")?,
            clues: f.opt("clues")?,
            lang: f.opt("lang")?,
        };
        f.deny_rest()?;
        Ok(pick)
    }
}

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

impl FromJson for TaughtSite {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "TaughtSite")?;
        Ok(TaughtSite {
            host: f.req("host")?,
            rule: f.req("rule")?,
            taught_at_ms: f.req("taught_at_ms")?,
            anchors: f.opt("anchors")?,
        })
    }
}

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

impl FromJson for Sender {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Sender")?;
        Ok(Sender {
            id: f.opt("id")?,
            url: f.opt("url")?,
            tab: f.opt("tab")?,
            frame_id: f.opt("frameId")?,
        })
    }
}

impl FromJson for Tab {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Tab")?;
        Ok(Tab {
            id: f.opt("id")?,
            url: f.opt("url")?,
        })
    }
}

impl FromJson for Context {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Context")?;
        Ok(Context {
            extension_id: f.opt("extension_id")?,
            extension_url: f.opt("extension_url")?,
            content_matches: f.opt("content_matches")?,
            granted_origins: f.opt("granted_origins")?,
        })
    }
}

impl FromJson for RawMessage {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "RawMessage")?;
        Ok(RawMessage {
            kind: f.opt("type")?,
            page: f.opt("page")?,
            account: f.opt("account")?,
            step: f.opt("step")?,
            done: f.opt("done")?,
            form: f.opt("form")?,
            text: f.opt("text")?,
            id: f.opt("id")?,
            action: f.opt("action")?,
        })
    }
}

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

impl FromJson for Anchor {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Anchor")?;
        let anchor = Anchor {
            field: f.opt("field")?,
            element: f.opt("element")?,
            label: f.opt("label")?,
        };
        f.deny_rest()?;
        Ok(anchor)
    }
}

impl FromJson for Profile {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "Profile")?;
        let profile = Profile {
            id: f.opt("id")?,
            name: f.opt("name")?,
            carrier: f.opt("carrier")?,
            hosts: f.opt("hosts")?,
            account_urls: f.opt("account_urls")?,
            sign_in_urls: f.opt("sign_in_urls")?,
            currency: f.opt("currency")?,
            host_currency: f.opt("host_currency")?,
            date_order: f.opt("date_order")?,
            value_before_label: f.opt("value_before_label")?,
            labels: f.opt("labels")?,
            hints: f.opt("hints")?,
            anchors: f.opt("anchors")?,
        };
        f.deny_rest()?;
        Ok(profile)
    }
}

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
            .field("key", self.key)
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

impl FromJson for PageSnapshot {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "PageSnapshot")?;
        Ok(PageSnapshot {
            url: f.req("url")?,
            lang: f.opt("lang")?,
            title: f.opt("title")?,
            nodes: f.req("nodes")?,
        })
    }
}

impl ToJson for PageNode {
    fn write_json(&self, out: &mut String) {
        let mut o = Obj::new(out)
            .some("p", &self.parent)
            .field("t", &self.tag)
            .some("x", &self.text);
        if !self.attrs.is_empty() {
            o = o.field("a", &self.attrs);
        }
        if self.block {
            o = o.field("b", &true);
        }
        o.end()
    }
}

impl FromJson for PageNode {
    fn from_json(v: Value) -> Result<Self, Error> {
        let mut f = Fields::of(v, "PageNode")?;
        Ok(PageNode {
            parent: f.opt("p")?,
            tag: f.req("t")?,
            text: f.opt("x")?,
            attrs: f.opt("a")?,
            block: f.opt("b")?,
        })
    }
}

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
            o = o.field(name, value);
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
        let mut f = Fields::of(v, "MoneyRepr")?;
        let amount: String = f.req("amount")?;
        let currency = f.req("currency")?;
        let cents = Money::parse_amount(&amount)
            .ok_or_else(|| Error(["not a decimal amount: ", &super::quoted(&amount)].concat()))?;
        Ok(Money { cents, currency })
    }
}
