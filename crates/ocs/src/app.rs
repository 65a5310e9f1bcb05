//! The assembled application's services ([`App`]), as `crate::startup` builds them: a leaf
//! that the start-up, the administration socket and the operator's dispatcher all name
//! without depending on each other.

use std::sync::Arc;

use ocs_service::SigningService;
use ocs_service::lifecycle::LifecycleService;
use ocs_service::retention::Destruction;
use ocs_service::setup::InitiativeSetup;
use ocs_web::WebState;

use crate::backend::Backend;

/// The assembled application.
pub struct App {
    /// The HTTP router.
    pub router: axum::Router,
    /// The signing service, for periodic upkeep.
    pub signing: Arc<SigningService>,
    /// The destruction job, run by the upkeep loop.
    pub destruction: Arc<Destruction>,
    /// The lifecycle service, for the scheduler.
    pub lifecycle: Arc<LifecycleService>,
    /// The initiative set-up, reloaded periodically (changes made on other nodes).
    pub setup: Arc<InitiativeSetup>,
    /// The store, to close it after the server stops.
    pub backend: Backend,
    /// The optional e-mail updates, for the outbox worker.
    pub mail: Option<Arc<ocs_service::mail::MailService>>,
    /// The web state behind the router (tests read its CSRF tokens and burst monitor).
    pub web: WebState,
    /// The console's sign-in, accounts and audit view.
    pub console: Arc<ocs_service::console_auth::ConsoleAuth>,
    /// The public tally logs, published by the upkeep loop (ADR 0007).
    pub tally_log: Option<Arc<ocs_service::tally_log::TallyLog>>,
    /// Scheduled backups (`[backup]`), run by their own background task.
    pub backups: Option<Arc<ocs_service::backup::scheduled::ScheduledBackups>>,
}
