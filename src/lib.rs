//! LineKeeper core: reads a mobile account's data balance, money and renewal dates
//! from a snapshot of its account page, and keeps the record, checklist and reminders.
//!
//! This crate has no web dependencies (no wasm-bindgen, web-sys or js-sys) and is tested
//! natively. The browser reaches it through `crates/linekeeper-wasm`.

pub mod checklist;
pub mod date;
pub mod decimal;
pub mod extract;
pub mod fastmap;
pub mod forecast;
pub mod history;
pub mod history_codec;
#[cfg(feature = "html")]
pub mod html;
pub mod ics;
pub mod json;
pub mod markup;
pub mod message;
pub mod page;
pub mod panel;
pub mod parse;
pub mod popup_cache;
pub mod profile;
pub mod reminders;
pub mod settings;
pub mod snapshot;
pub mod sort;
pub mod store;
pub mod teach;
pub mod transfer;
pub mod vecmap;
pub mod view;
pub mod vocabulary;
pub mod zone;

pub use date::Date;
pub use extract::{extract, ScanOptions};
pub use page::{PageNode, PageSnapshot};
pub use snapshot::{Money, Snapshot, Status};
