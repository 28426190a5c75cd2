//! Every runtime message the service worker receives, decoded and checked here before the
//! worker acts on it. A message is accepted only when
//!
//! - its sender is this extension (`sender.id`),
//! - it comes from a place allowed to send that type: a content script in the top frame of a
//!   tab whose URL (the browser's word, not the page's) is https on a host LineKeeper reads
//!   (a carrier host the built-in content script is declared for, or a site the browser
//!   granted, which is how a site the user taught is read),
//!   or the extension's own popup or options page,
//! - and its fields have the right types and sizes.
//!
//! Anything else is refused ([`Refusal`]): the worker drops it (own pages get the reason as
//! an error reply, content scripts and anything else get nothing). `decode` never panics, on
//! any input (`fuzz/fuzz_targets/fuzz_message.rs`).

use crate::checklist::PopupAction;
use crate::page::host_of;
use crate::settings::Form;

/// Largest page snapshot accepted from a content script (the walker's output for 100 000
/// nodes is about 4.5 MB).
pub const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;
/// Largest import file accepted from the options page.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// Longest short string field (ids, actions, form values).
const MAX_FIELD: usize = 4096;

/// What the browser says about a message's sender (`runtime.MessageSender`, the fields used).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Sender {
    pub id: Option<String>,
    /// URL of the sending document (the page for a content script, the extension page).
    pub url: Option<String>,
    pub tab: Option<Tab>,
    #[cfg_attr(test, serde(rename = "frameId"))]
    pub frame_id: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Tab {
    pub id: Option<f64>,
    pub url: Option<String>,
}

/// What the worker knows about itself: its id, its pages' URL prefix, where its content
/// script is declared to run (the manifest's `content_scripts[].matches`, generated from the
/// carrier profiles), the sites the browser granted it (`permissions.getAll().origins`: the
/// carrier hosts, and sites the user allowed while teaching), and the hosts the user taught
/// (their sites are granted origins: a site the user taught is read only while the browser
/// holds its permission, so forgetting it, or taking it back in the browser, ends it at once).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct Context {
    pub extension_id: String,
    /// `runtime.getURL("")`: `chrome-extension://<id>/` or `moz-extension://<uuid>/`.
    pub extension_url: String,
    pub content_matches: Vec<String>,
    pub granted_origins: Vec<String>,
}

/// Where an accepted message came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The content script on a page of `host`.
    ContentScript { host: String },
    /// The toolbar popup (`popup.html`, also when opened in a tab).
    Popup,
    /// The options page.
    Options,
}

/// A notification button's action, sent by an own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(test, serde(rename_all = "snake_case"))]
pub enum NoticeAction {
    Snooze,
    Renewed,
}

/// A message as sent: every key any message may have, all optional (a plain struct, read
/// through `json::formats`). A key of
/// the wrong type makes the whole message malformed; [`decode`] checks which keys each type
/// needs. Issue 8: the teaching messages' keys are added here.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[cfg_attr(test, serde(default))]
pub struct RawMessage {
    #[cfg_attr(test, serde(rename = "type"))]
    pub kind: Option<String>,
    pub page: Option<String>,
    pub account: Option<String>,
    pub step: Option<usize>,
    pub done: Option<bool>,
    pub form: Option<Form>,
    pub text: Option<String>,
    pub id: Option<String>,
    pub action: Option<NoticeAction>,
}

/// Every message the worker acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    // ---- From content scripts ------------------------------------------------------------
    /// A page snapshot (its lines, `PageSnapshot::from_lines`, read by `ingest`).
    Scan { page: String },
    /// The badge's "renewal checklist" link.
    OpenChecklist,

    // ---- Teaching a page (issue 8) -------------------------------------------------------------
    /// A teaching message (`src/teach.rs`), from the one place its type may come from: pick
    /// mode's `teach-pick` / `teach-save` / `teach-cancel` from a content script on a granted
    /// site, `teach-start` from the popup, `teach-check` / `teach-import` / `teach-forget` from
    /// the options page. Its fields are checked by `teach::TeachMessage` before it is acted on.
    Teach { kind: &'static str },

    // ---- From the popup --------------------------------------------------------------------
    /// A checklist tick (the action's own checks are `State::apply`'s).
    Checklist { action: PopupAction },

    // ---- From the options page ------------------------------------------------------------
    /// The settings form (validated field by field by `settings::apply_form`).
    Settings { form: Form },
    /// An export file to merge (validated by `transfer`).
    Import { text: String },
    /// Erase everything stored.
    Erase,

    // ---- From either own page --------------------------------------------------------------
    /// A notification's button, pressed from a page.
    Action { id: String, action: NoticeAction },
    /// Run the reminder schedule now.
    Sync,
}

/// Why a message was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not sent by this extension.
    OtherSender,
    /// A content script on a page LineKeeper does not read, not https, or in a frame.
    PageNotRead { url: String },
    /// Neither a content script nor one of the extension's own pages.
    UnknownPlace { url: String },
    /// A type this place may not send (or no such type).
    NotFromHere { kind: String },
    /// The right type with fields of the wrong shape.
    Malformed { detail: String },
}

impl Message {
    /// The message's type, as sent.
    pub fn kind(&self) -> &'static str {
        match self {
            Message::Scan { .. } => "scan",
            Message::OpenChecklist => "open-checklist",
            Message::Checklist { .. } => "checklist",
            Message::Settings { .. } => "settings",
            Message::Import { .. } => "import",
            Message::Erase => "erase",
            Message::Action { .. } => "action",
            Message::Sync => "sync",
            Message::Teach { kind } => kind,
        }
    }
}

impl Source {
    /// Where it came from, in a word (`content_script`, `popup`, `options`).
    pub fn name(&self) -> &'static str {
        match self {
            Source::ContentScript { .. } => "content_script",
            Source::Popup => "popup",
            Source::Options => "options",
        }
    }
}

impl Refusal {
    /// The error reply for the extension's own pages (they show or log it).
    pub fn text(&self) -> String {
        match self {
            Refusal::OtherSender => "message could not be read: not from LineKeeper".into(),
            Refusal::PageNotRead { url } => [
                "message could not be read: a page LineKeeper does not read (",
                url,
                ")",
            ]
            .concat(),
            Refusal::UnknownPlace { url } => {
                ["message could not be read: sent from ", url].concat()
            }
            Refusal::NotFromHere { kind } => {
                ["message could not be read: unknown type ", kind, " here"].concat()
            }
            Refusal::Malformed { detail } => ["message could not be read: ", detail].concat(),
        }
    }
}

/// Whether a refused message gets the reason as its reply: only the extension's own pages
/// (they show or log it); a content script or anything else gets nothing.
pub fn answers_refusal(sender: &Sender, ctx: &Context) -> bool {
    sender.id.as_deref() == Some(ctx.extension_id.as_str())
        && !ctx.extension_url.is_empty()
        && sender
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with(ctx.extension_url.as_str()))
}

/// Decodes and checks one message from `sender`.
pub fn decode(
    message: &RawMessage,
    sender: &Sender,
    ctx: &Context,
) -> Result<(Source, Message), Refusal> {
    if ctx.extension_id.is_empty() || sender.id.as_deref() != Some(ctx.extension_id.as_str()) {
        return Err(Refusal::OtherSender);
    }
    let source = source_of(sender, ctx)?;
    let kind = message
        .kind
        .as_deref()
        .ok_or_else(|| malformed("no type"))?;
    let decoded = match &source {
        Source::ContentScript { .. } => decode_content(kind, message)?,
        Source::Popup => match kind {
            "checklist" => Some(Message::Checklist {
                action: PopupAction {
                    kind: crate::checklist::ActionKind::Checklist,
                    account: need(&message.account, "checklist: account")?.clone(),
                    step: *need(&message.step, "checklist: step")?,
                    done: *need(&message.done, "checklist: done")?,
                },
            }),
            "teach-start" => teach(kind),
            _ => decode_own_page(kind, message)?,
        },
        Source::Options => match kind {
            "settings" => Some(Message::Settings {
                form: form(message.form.as_ref())?,
            }),
            "import" => Some(Message::Import {
                text: string(&message.text, "import: text", MAX_IMPORT_BYTES)?,
            }),
            "erase" => Some(Message::Erase),
            "teach-check" | "teach-import" | "teach-forget" => teach(kind),
            _ => decode_own_page(kind, message)?,
        },
    };
    let message = decoded.ok_or_else(|| Refusal::NotFromHere { kind: short(kind) })?;
    Ok((source, message))
}

/// A teaching message of `kind` (one of `teach::TEACH_MESSAGE_TYPES`).
fn teach(kind: &str) -> Option<Message> {
    crate::parse::text::split_byte(crate::teach::TEACH_MESSAGE_TYPES, b' ')
        .find(|t| *t == kind)
        .map(|kind| Message::Teach { kind })
}

/// Messages of content scripts (pick mode's included).
fn decode_content(kind: &str, message: &RawMessage) -> Result<Option<Message>, Refusal> {
    Ok(match kind {
        "scan" => Some(Message::Scan {
            page: string(&message.page, "scan: page", MAX_PAGE_BYTES)?,
        }),
        "open-checklist" => Some(Message::OpenChecklist),
        "teach-pick" | "teach-save" | "teach-cancel" => teach(kind),
        _ => None,
    })
}

/// Messages either own page may send.
fn decode_own_page(kind: &str, message: &RawMessage) -> Result<Option<Message>, Refusal> {
    Ok(match kind {
        "action" => Some(Message::Action {
            id: string(&message.id, "action: id", MAX_FIELD)?,
            action: *need(&message.action, "action: action")?,
        }),
        "sync" => Some(Message::Sync),
        _ => None,
    })
}

/// Where a sender is: an own page by its URL, or a content script in a tab on a read host.
fn source_of(sender: &Sender, ctx: &Context) -> Result<Source, Refusal> {
    let url = sender.url.as_deref().unwrap_or("");
    if !ctx.extension_url.is_empty() {
        if let Some(path) = url.strip_prefix(ctx.extension_url.as_str()) {
            let page = crate::parse::text::before_any(path, b"?#");
            return match page {
                "popup.html" => Ok(Source::Popup),
                "options.html" => Ok(Source::Options),
                _ => Err(Refusal::UnknownPlace { url: short(url) }),
            };
        }
    }
    // A content script: in a tab, the top frame, an https page LineKeeper reads.
    if sender.tab.is_none() {
        return Err(Refusal::UnknownPlace { url: short(url) });
    }
    let refused = || Refusal::PageNotRead { url: short(url) };
    if sender.frame_id.is_some_and(|f| f != 0.0) {
        return Err(refused());
    }
    let scheme_ok = url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
    let host = host_of(url);
    if !scheme_ok || host.is_empty() || !host_is_read(&host, ctx) {
        return Err(refused());
    }
    Ok(Source::ContentScript { host })
}

/// A host the content script runs on: a carrier host of the built-in profiles, a host of the
/// manifest's content-script match patterns or of the origins the browser granted (which
/// include the sites the user taught).
pub fn host_is_read(host: &str, ctx: &Context) -> bool {
    let in_pattern = |p: &String| {
        match_pattern_host(p).is_some_and(|h| h == "*" || crate::profile::host_matches(h, host))
    };
    crate::profile::for_host(host).is_some()
        || ctx.content_matches.iter().any(in_pattern)
        || ctx.granted_origins.iter().any(in_pattern)
}

/// The host part of an https (or `*://`) match pattern: `https://*.x.com/*` → `*.x.com`.
fn match_pattern_host(pattern: &str) -> Option<&str> {
    let rest = pattern
        .strip_prefix("https://")
        .or_else(|| pattern.strip_prefix("*://"))?;
    Some(crate::parse::text::before_any(rest, b"/")).filter(|h| !h.is_empty())
}

fn malformed(detail: &str) -> Refusal {
    Refusal::Malformed {
        detail: detail.to_string(),
    }
}

fn short(text: &str) -> String {
    crate::parse::text::first_chars(text, 200).to_string()
}

fn need<'a, T>(value: &'a Option<T>, what: &str) -> Result<&'a T, Refusal> {
    value
        .as_ref()
        .ok_or_else(|| malformed(&[what, " is missing"].concat()))
}

fn string(value: &Option<String>, what: &str, max: usize) -> Result<String, Refusal> {
    let text = need(value, what)?;
    if text.len() > max {
        return Err(malformed(&[what, " is too long"].concat()));
    }
    Ok(text.clone())
}

/// A form: text fields, not too many nor too long.
fn form(value: Option<&Form>) -> Result<Form, Refusal> {
    let form = value.ok_or_else(|| malformed("settings: form is missing"))?;
    if form.len() > 256 {
        return Err(malformed("settings: too many fields"));
    }
    if form
        .iter()
        .any(|(k, v)| k.len() > MAX_FIELD || v.len() > MAX_FIELD)
    {
        return Err(malformed("settings: a field is too long"));
    }
    Ok(form.clone())
}

/// [`decode`] from JSON texts (the fuzz target's entry; tests).
pub fn decode_json(
    message: &str,
    sender: &str,
    ctx: &Context,
) -> Result<(Source, Message), Refusal> {
    let message: RawMessage = crate::json::from_str(message).map_err(|e| malformed(&e.0))?;
    let sender: Sender =
        crate::json::from_str(sender).map_err(|e| malformed(&["sender: ", &e.0].concat()))?;
    decode(&message, &sender, ctx)
}

#[cfg(test)]
mod tests;
