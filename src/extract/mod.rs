//! The extraction engine: PageSnapshot → Snapshot. (Interface fixed; engine in progress.)
use crate::date::Date;
use crate::page::PageSnapshot;
use crate::snapshot::{Snapshot, Status};

/// What a scan needs besides the page.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    /// The local date, for relative and year-less dates.
    pub today: Date,
}

pub fn extract(_page: &PageSnapshot, _options: &ScanOptions) -> Snapshot {
    Snapshot::empty(Status::NoData)
}
