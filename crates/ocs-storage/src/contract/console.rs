//! The console part of the contract: the audit trail chains and serialises appends, and
//! lifecycle changes are checked against the stored stage and audited in the same commit.

mod accounts;
mod audit_chain;
mod lifecycle;
mod throttle;

use std::future::Future;
use std::sync::Arc;

use accounts::{
    accounts_are_unique_and_audited, sessions_end_on_disable_reset_and_reenrolment,
    totp_step_is_accepted_once,
};
use audit_chain::{appends_chain_in_order, concurrent_appends_never_fork};
use lifecycle::{going_live_erases_test_statements, lifecycle_changes_are_checked_and_audited};
use throttle::login_failures_are_shared;

use crate::{AccountStore, AuditLog, LifecycleStore, SessionStore, StatementStore};

/// Runs every console check, each on fresh stores from `make`. For a shared backend, `make`
/// may return two handles (two app nodes) on one database; otherwise the same handle twice.
pub async fn run_console<S, F, Fut>(make: F)
where
    S: AuditLog + LifecycleStore + StatementStore + AccountStore + SessionStore + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = (Arc<S>, Arc<S>)>,
{
    let (a, _) = make().await;
    appends_chain_in_order(a.as_ref()).await;
    let (a, b) = make().await;
    concurrent_appends_never_fork(a, b).await;
    let (a, _) = make().await;
    lifecycle_changes_are_checked_and_audited(a.as_ref()).await;
    let (a, b) = make().await;
    going_live_erases_test_statements(a.as_ref(), b.as_ref()).await;
    let (a, _) = make().await;
    accounts_are_unique_and_audited(a.as_ref()).await;
    let (a, _) = make().await;
    sessions_end_on_disable_reset_and_reenrolment(a.as_ref()).await;
    let (a, b) = make().await;
    totp_step_is_accepted_once(a.as_ref(), b.as_ref()).await;
    let (a, b) = make().await;
    login_failures_are_shared(a, b).await;
}
