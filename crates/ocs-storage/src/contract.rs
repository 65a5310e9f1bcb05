//! The contract suite: the behaviour every [`StatementStore`] backend must show, run on fresh
//! stores. Backends call [`run_all`] from their integration tests (cargo feature `testing`).
#![expect(
    clippy::expect_used,
    clippy::panic,
    reason = "this is test code: a broken promise must fail the calling test"
)]

mod console;
mod coordination;
mod cosignatures;
mod destruction;
mod eid;
mod fixtures;
mod initiatives;
mod removal;
mod retention;
mod statements;
mod tally_log;

pub use console::run_console;
pub use coordination::run_coordination;
pub use cosignatures::run_cosignatures;
pub use destruction::{
    PlantedMarker, contains_marker, plant_markers, run_destruction, run_initiative_keys,
};
pub use eid::run_eid_subjects;
pub use initiatives::run_initiatives;
pub use retention::run_retention;
pub use tally_log::run_log;

use std::future::Future;

use fixtures::{record, statement};
use removal::{
    destruction_removes_one_initiative, duplicates_leave_a_receipt_alias,
    paper_statements_are_flagged_and_counted_apart, withdrawal_removes_row_tag_and_count,
};
use statements::{
    concurrent_recording_is_exact, counts_are_exact, counts_over_time_per_bucket,
    record_then_read_back, same_tag_twice_is_a_conflict, statements_page_by_sequence,
    tags_are_isolated_per_initiative,
};

use crate::StatementStore;

/// Runs every check of the contract, each on a fresh store from `make`.
///
/// `make` must return an empty store each time it is called. Run it on a multi-threaded
/// runtime to let the concurrency check race for real.
pub async fn run_all<S, F, Fut>(make: F)
where
    S: StatementStore + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = S>,
{
    record_then_read_back(make().await).await;
    same_tag_twice_is_a_conflict(make().await).await;
    tags_are_isolated_per_initiative(make().await).await;
    counts_are_exact(make().await).await;
    statements_page_by_sequence(make().await).await;
    counts_over_time_per_bucket(make().await).await;
    concurrent_recording_is_exact(make().await).await;
    withdrawal_removes_row_tag_and_count(make().await).await;
    duplicates_leave_a_receipt_alias(make().await).await;
    destruction_removes_one_initiative(make().await).await;
    paper_statements_are_flagged_and_counted_apart(make().await).await;
}
