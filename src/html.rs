//! Native HTML → PageSnapshot. (In progress.)
use crate::page::PageSnapshot;

pub fn page_from_html(_html: &str, url: &str) -> PageSnapshot {
    PageSnapshot {
        url: url.to_string(),
        ..Default::default()
    }
}
