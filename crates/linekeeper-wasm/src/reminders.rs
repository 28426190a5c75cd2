//! Bindings for the reminder schedule and the toolbar badge, run at every worker start and
//! event (the calendar file is the UI module's, `crates/linekeeper-ui/src/reminders.rs`;
//! a notification's buttons and click, settings and import are the tools module's,
//! `crates/linekeeper-tools`).
//! Conversion only: the core decides; this module localises its messages and hands plain
//! objects to the worker glue (`extension/background.js`).

use crate::{state_from_js, to_js};
use linekeeper::json::{Obj, ToJson};
use linekeeper::reminders::{self, Notice};
use linekeeper::store::State;
use linekeeper::view::Msg;
use linekeeper_web::i18n::{carrier_label, msg, t};
use linekeeper_web::BrowserZone;
use wasm_bindgen::prelude::*;

struct NotificationOut {
    id: String,
    title: String,
    message: String,
    context: Option<String>,
    buttons: Vec<String>,
}

struct BadgeOut {
    text: String,
    color: &'static str,
    title: String,
}

struct SyncOut {
    state: State,
    changed: bool,
    notifications: Vec<NotificationOut>,
    alarms: Vec<reminders::AlarmSpec>,
    badge: BadgeOut,
    close: Vec<String>,
}

impl ToJson for NotificationOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("id", &self.id)
            .field("title", &self.title)
            .field("message", &self.message)
            .field("context", &self.context)
            .field("buttons", &self.buttons)
            .end()
    }
}

impl ToJson for BadgeOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("text", &self.text)
            .field("color", &self.color)
            .field("title", &self.title)
            .end()
    }
}

impl ToJson for SyncOut {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("state", &self.state)
            .field("changed", &self.changed)
            .field("notifications", &self.notifications)
            .field("alarms", &self.alarms)
            .field("badge", &self.badge)
            .field("close", &self.close)
            .end()
    }
}

fn notification(n: &Notice) -> NotificationOut {
    let carrier = carrier_label(n.carrier.as_deref(), &n.host);
    NotificationOut {
        id: n.id.clone(),
        title: [carrier.as_str(), ": ", &msg(&n.title)].concat(),
        message: msg(&n.body),
        context: n.late.then(|| t("notify_late")),
        buttons: {
            let mut buttons = Vec::new();
            for b in &n.buttons {
                buttons.push(msg(b));
            }
            buttons
        },
    }
}

/// Runs the schedule at `now_ms`: returns `{state, changed, notifications, alarms, badge,
/// close}`. The caller shows the notifications, then stores `state` when `changed`.
#[wasm_bindgen]
pub fn sync(state: JsValue, now_ms: f64) -> Result<JsValue, JsError> {
    let mut state = state_from_js(state)?;
    let lang = linekeeper_web::i18n::ui_language();
    let tick = reminders::tick(&mut state, now_ms, &BrowserZone, &lang);
    let badge = BadgeOut {
        text: tick.badge.text.as_ref().map(msg).unwrap_or_default(),
        color: tick.badge.color,
        title: match &tick.badge.title {
            Some(title) => [t("ext_name"), " — ".into(), badge_title(&state, title)].concat(),
            None => t("ext_name"),
        },
    };
    to_js(&SyncOut {
        changed: tick.changed,
        notifications: {
            let mut out = Vec::new();
            for n in &tick.notices {
                out.push(notification(n));
            }
            out
        },
        alarms: tick.alarms,
        badge,
        close: tick.close,
        state,
    })
}

/// The badge tooltip, with the carrier id in its first argument shown by name.
fn badge_title(state: &State, title: &Msg) -> String {
    let mut m = title.clone();
    if let Some(first) = m.args.first_mut() {
        let host = state
            .accounts
            .iter()
            .find(|a| a.carrier.as_deref() == Some(first.as_str()))
            .map(|a| a.host.clone())
            .unwrap_or_default();
        if !host.is_empty() {
            *first = carrier_label(Some(first), &host);
        }
    }
    msg(&m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{fake_i18n, stored_state};
    use linekeeper_web::set_catalogue;
    use wasm_bindgen_test::*;

    const NOW: f64 = 1_795_700_060_000.0; // 2026-11-26 13:34 UTC

    fn get(value: &JsValue, path: &[&str]) -> JsValue {
        path.iter().fold(value.clone(), |v, key| {
            js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap()
        })
    }

    #[wasm_bindgen_test]
    fn sync_gives_badge_alarms_and_a_state_to_store() {
        fake_i18n();
        let out = sync(stored_state(), NOW).unwrap();
        assert_eq!(
            get(&out, &["badge", "text"]).as_string().as_deref(),
            Some("toolbar_days(13)")
        );
        let alarms = js_sys::JSON::stringify(&get(&out, &["alarms"])).unwrap();
        let alarms = String::from(alarms);
        assert!(
            alarms.contains("linekeeper:r:lead|t-mobile|2026-12-09|7"),
            "{alarms}"
        );
        assert!(alarms.contains("linekeeper:daily"), "{alarms}");
        assert_eq!(get(&out, &["notifications", "length"]).as_f64(), Some(0.0));
        // Corrupt stored state: an error, never a panic.
        let bad = js_sys::JSON::parse(r#"{"version":1,"accounts":7}"#).unwrap();
        assert!(sync(bad, NOW).is_err());
    }

    #[wasm_bindgen_test]
    fn the_chosen_language_catalogue_wins_over_chrome_i18n() {
        fake_i18n();
        let messages = js_sys::JSON::parse(
            r#"{"lang":{"message":"zh-CN"},"toolbar_days":{"message":"$1天"}}"#,
        )
        .unwrap();
        set_catalogue(messages);
        assert_eq!(linekeeper_web::i18n::ui_language(), "zh-CN");
        let out = sync(stored_state(), NOW).unwrap();
        assert_eq!(
            get(&out, &["badge", "text"]).as_string().as_deref(),
            Some("13天")
        );
        // Keys the catalogue lacks still come from chrome.i18n.
        assert_eq!(t("options_title"), "options_title()");
        set_catalogue(JsValue::NULL);
        assert_eq!(linekeeper_web::i18n::ui_language(), "lang()");
    }
}
