//! What the operator at the command line asks of the application: [`AdminRequest`], one
//! value per state-changing `ocs` command, and [`Operator`], the one dispatcher that carries
//! it out with the operator's principal, over the same services as the console (rights,
//! stored audit trail, the catalogue of configured and console-created initiatives).
//!
//! `crate::submit` is what every such command calls: when a server runs on the SQLite file it
//! sends the request over the administration socket (`crate::admin_socket`) and the
//! server's own `Operator` executes it; otherwise it assembles the application in this
//! process and executes it here. Same code either way (docs/adr/0006-admin-socket.md).

mod accounts;
mod audit;
mod copies;
pub mod initiative;
mod key_holders;
mod paper;
mod request;
mod retention;
mod shell;

use std::sync::Arc;

use ocs_domain::Slug;
use ocs_domain::access::{CanManage, Principal};
use ocs_service::SigningService;
use ocs_service::audit::{Actor, StoredAudit};
use ocs_service::backup::BackupKeys;
use ocs_service::catalog::CatalogEntry;
use ocs_service::console_auth::ConsoleAuth;
use ocs_service::lifecycle::LifecycleService;
use ocs_service::mail::MailService;
use ocs_service::setup::InitiativeSetup;

pub use audit::audit_report;
pub use initiative::InitiativeRequest;
pub use request::{AdminReply, AdminRequest, Password};
pub use shell::{absolute, operator_label, refuse_missing_file, terminal_safe};

use crate::app::App;
use crate::config::Config;

/// Carries out [`AdminRequest`]s with the operator's principal: the one implementation the
/// command line reaches, in its own process or in the server's.
pub struct Operator {
    signing: Arc<SigningService>,
    lifecycle: Arc<LifecycleService>,
    setup: Arc<InitiativeSetup>,
    mail: Option<Arc<MailService>>,
    accounts: Arc<ConsoleAuth>,
    audit: StoredAudit,
    store: Arc<dyn ocs_storage::Store>,
    backup_keys: BackupKeys,
    destruction: Arc<ocs_service::retention::Destruction>,
}

impl Operator {
    /// The dispatcher over the services of an assembled application; accounts are the
    /// console's own service (its pepper and TOTP key).
    pub fn from_app(config: &Config, app: &App) -> Self {
        let store = app.backend.store();
        let accounts = app.console.clone();
        Self {
            signing: app.signing.clone(),
            lifecycle: app.lifecycle.clone(),
            setup: app.setup.clone(),
            mail: app.mail.clone(),
            accounts,
            audit: StoredAudit::new(store.clone()),
            store,
            backup_keys: BackupKeys::new(config.backup_keys_dir.clone()),
            destruction: app.destruction.clone(),
        }
    }

    /// An initiative by slug, from the configuration or created in the console.
    fn initiative(&self, slug: &str) -> Result<Arc<CatalogEntry>, String> {
        let parsed = Slug::parse(slug).map_err(|_| format!("{slug:?} is not a slug"))?;
        self.signing.catalog().by_slug(&parsed).ok_or_else(|| {
            format!(
                "{} no initiative {slug} in the configuration or the database",
                ocs_domain::ErrorCode::InitiativeNotFound
            )
        })
    }

    /// The operator's right to manage `slug`.
    fn manage(&self, slug: &str) -> Result<(Arc<CatalogEntry>, CanManage), String> {
        let entry = self.initiative(slug)?;
        let right = Principal::operator()
            .can_manage(entry.initiative.id)
            .ok_or("no right to manage this initiative")?;
        Ok((entry, right))
    }

    fn mail(&self) -> Result<&MailService, String> {
        self.mail
            .as_deref()
            .ok_or_else(|| "the configuration has no [mail] section".to_owned())
    }

    /// Carries out `request` for `actor`. Every change is audited by the service that makes
    /// it; a refusal changes nothing.
    pub async fn execute(&self, actor: &Actor, request: AdminRequest) -> AdminReply {
        let outcome = match request {
            AdminRequest::AddUser {
                name,
                role,
                initiative,
                password,
            } => {
                self.add_user(actor, &name, &role, initiative, &password)
                    .await
            }
            AdminRequest::ListUsers => self.list_users().await,
            AdminRequest::SetDisabled { name, disabled } => {
                self.set_disabled(actor, &name, disabled).await
            }
            AdminRequest::ResetPassword { name, password } => {
                self.reset(actor, &name, &password).await
            }
            AdminRequest::PaperAdd {
                initiative,
                country,
                fields,
            } => self.paper_add(actor, &initiative, country, fields).await,
            AdminRequest::Backup { initiative, out } => self.backup(actor, &initiative, &out).await,
            AdminRequest::Restore { initiative, input } => {
                self.restore(actor, &initiative, &input).await
            }
            AdminRequest::SealedExport {
                initiative,
                signing_key,
                certificate,
                out,
            } => {
                self.sealed_export(actor, &initiative, &signing_key, &certificate, &out)
                    .await
            }
            AdminRequest::MailExport { initiative, out } => {
                self.mail_export(actor, &initiative, &out).await
            }
            AdminRequest::MailSend {
                initiative,
                subject,
                body,
            } => self.mail_send(actor, &initiative, &subject, &body).await,
            AdminRequest::Initiative {
                initiative,
                command,
            } => self.initiative_step(actor, &initiative, command).await,
            request @ (AdminRequest::AuditVerify | AdminRequest::AuditShow { .. }) => {
                return audit_report(self.store.as_ref(), &request).await;
            }
        };
        match outcome {
            Ok(text) => AdminReply::Done(text),
            Err(text) => AdminReply::Refused(text),
        }
    }
}
