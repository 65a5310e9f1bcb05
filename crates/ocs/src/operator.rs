//! What the operator at the command line asks of the application: [`AdminRequest`], one
//! value per state-changing `ocs` command, and [`Operator`], the one dispatcher that carries
//! it out with the operator's principal, over the same services as the console (rights,
//! stored audit trail, the catalogue of configured and console-created initiatives).
//!
//! [`submit`] is what every such command calls: when a server runs on the SQLite file it
//! sends the request over the administration socket (`crate::admin_socket`) and the
//! server's own `Operator` executes it; otherwise it assembles the application in this
//! process and executes it here. Same code either way (docs/adr/0006-admin-socket.md).

mod accounts;
mod copies;
pub mod initiative;
mod key_holders;
mod retention;

use ocs_service::text::escape_controls;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use ocs_domain::access::{CanManage, Principal};
use ocs_domain::{RawStatement, Slug};
use ocs_service::audit::{Actor, StoredAudit};
use ocs_service::backup::BackupKeys;
use ocs_service::catalog::CatalogEntry;
use ocs_service::console_auth::{AuthSettings, ConsoleAuth};
use ocs_service::lifecycle::LifecycleService;
use ocs_service::mail::MailService;
use ocs_service::setup::InitiativeSetup;
use ocs_service::{PaperOutcome, SignError, SigningService, SystemClock};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize as _;

pub use initiative::InitiativeRequest;

use crate::backend::Backend;
use crate::config::{Config, DatabaseUrl};
use crate::startup::{self, App};

/// A password on its way from the operator's file to the account service: never printed,
/// wiped when dropped.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    /// Reads the first line of `path` (the command line never holds passwords: other users
    /// can read it in the process list).
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let mut text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the password file {}", path.display()))?;
        let password = Self(text.trim_end_matches(['\n', '\r']).to_owned());
        text.zeroize();
        Ok(password)
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// One state-changing (or database-reading) `ocs` command, with its files already read by
/// the command line and its paths made absolute. Serialised as JSON on the administration
/// socket. No `Debug`: a paper statement carries personal data; logs use [`Self::name`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum AdminRequest {
    /// `ocs admin add-user`.
    AddUser {
        /// Sign-in name.
        name: String,
        /// `host-admin`, `organiser` or `observer`.
        role: String,
        /// The initiative's slug, for organisers and observers.
        initiative: Option<String>,
        /// The initial password.
        password: Password,
    },
    /// `ocs admin list-users`.
    ListUsers,
    /// `ocs admin disable|enable`.
    SetDisabled {
        /// Sign-in name.
        name: String,
        /// Refuse (true) or allow (false) sign-in.
        disabled: bool,
    },
    /// `ocs admin reset`.
    ResetPassword {
        /// Sign-in name.
        name: String,
        /// The new password.
        password: Password,
    },
    /// `ocs paper add`.
    PaperAdd {
        /// The initiative's slug.
        initiative: String,
        /// The signer's nationality.
        country: String,
        /// Annex III field keys to values (personal data).
        fields: BTreeMap<String, String>,
    },
    /// `ocs backup`.
    Backup {
        /// The initiative's slug.
        initiative: String,
        /// The file to write (absolute).
        out: PathBuf,
    },
    /// `ocs backup restore`.
    Restore {
        /// The initiative's slug.
        initiative: String,
        /// The backup file (absolute).
        input: PathBuf,
    },
    /// `ocs export sealed`.
    SealedExport {
        /// The initiative's slug.
        initiative: String,
        /// The organisers' manifest signing key file (absolute).
        signing_key: PathBuf,
        /// The output folder (absolute).
        out: PathBuf,
    },
    /// `ocs mail export`.
    MailExport {
        /// The initiative's slug.
        initiative: String,
        /// The CSV file to create (absolute).
        out: PathBuf,
    },
    /// `ocs mail send`.
    MailSend {
        /// The initiative's slug.
        initiative: String,
        /// Subject line.
        subject: String,
        /// Message text.
        body: String,
    },
    /// `ocs initiative …`.
    Initiative {
        /// The initiative's slug.
        initiative: String,
        /// The step.
        command: InitiativeRequest,
    },
    /// `ocs audit verify`.
    AuditVerify,
    /// `ocs audit show`.
    AuditShow {
        /// How many rows.
        limit: u32,
    },
}

impl AdminRequest {
    /// The request's name, for logs (never its content).
    pub fn name(&self) -> &'static str {
        match self {
            Self::AddUser { .. } => "add-user",
            Self::ListUsers => "list-users",
            Self::SetDisabled { .. } => "set-disabled",
            Self::ResetPassword { .. } => "reset-password",
            Self::PaperAdd { .. } => "paper-add",
            Self::Backup { .. } => "backup",
            Self::Restore { .. } => "restore",
            Self::SealedExport { .. } => "sealed-export",
            Self::MailExport { .. } => "mail-export",
            Self::MailSend { .. } => "mail-send",
            Self::Initiative { .. } => "initiative",
            Self::AuditVerify => "audit-verify",
            Self::AuditShow { .. } => "audit-show",
        }
    }

    /// Whether it only reads the audit trail (no application needed to run it here).
    fn reads_audit_only(&self) -> bool {
        matches!(self, Self::AuditVerify | Self::AuditShow { .. })
    }
}

/// The outcome the command line prints: done (stdout, exit 0) or refused (stderr, exit 1),
/// each with its text (codes included, no personal data).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum AdminReply {
    /// Carried out.
    Done(String),
    /// Refused or failed; nothing half-done.
    Refused(String),
}

/// Carries out [`AdminRequest`]s with the operator's principal: the one implementation the
/// command line reaches, in its own process or in the server's.
pub struct Operator {
    signing: Arc<SigningService>,
    lifecycle: Arc<LifecycleService>,
    setup: Arc<InitiativeSetup>,
    mail: Option<Arc<MailService>>,
    accounts: ConsoleAuth,
    audit: StoredAudit,
    store: Arc<dyn ocs_storage::Store>,
    backup_keys: BackupKeys,
    destruction: Arc<ocs_service::retention::Destruction>,
}

impl Operator {
    /// The dispatcher over the services of an assembled application; the account service
    /// gets the same pepper and TOTP key as the console's.
    pub fn from_app(config: &Config, app: &App) -> anyhow::Result<Self> {
        let server_key =
            ocs_crypto::SecretKey::load(&config.server_key_file).with_context(|| {
                format!(
                    "secrets.server_key_file {} (the password pepper is derived from it)",
                    config.server_key_file.display()
                )
            })?;
        let store = app.backend.store();
        let accounts = ConsoleAuth::new(
            store.clone(),
            Arc::new(SystemClock),
            Arc::new(ocs_crypto::OsEntropy),
            AuthSettings::default(),
        )
        .with_pepper(startup::password_pepper(&server_key))
        .with_totp_key(startup::totp_key(&server_key));
        Ok(Self {
            signing: app.signing.clone(),
            lifecycle: app.lifecycle.clone(),
            setup: app.setup.clone(),
            mail: app.mail.clone(),
            accounts,
            audit: StoredAudit::new(store.clone()),
            store,
            backup_keys: BackupKeys::new(config.backup_keys_dir.clone()),
            destruction: app.destruction.clone(),
        })
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
                out,
            } => {
                self.sealed_export(actor, &initiative, &signing_key, &out)
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

    async fn paper_add(
        &self,
        actor: &Actor,
        slug: &str,
        nationality: String,
        fields: BTreeMap<String, String>,
    ) -> Result<String, String> {
        let (_, right) = self.manage(slug)?;
        let raw = RawStatement {
            nationality,
            fields,
            confirmed: false,
        };
        match self
            .signing
            .enter_paper(right, actor, &self.audit, &raw)
            .await
        {
            Ok(PaperOutcome::Recorded(id)) => Ok(format!("recorded paper statement {id}")),
            Ok(PaperOutcome::Duplicate) => {
                Ok("duplicate: this person is already counted; nothing was stored".to_owned())
            }
            Err(SignError::Invalid(errors)) => {
                let mut lines: Vec<String> = errors
                    .iter()
                    .map(|error| format!("{}: {}", error.field, error.code))
                    .collect();
                lines.push("the statement has field errors; nothing was stored".to_owned());
                Err(lines.join("\n"))
            }
            Err(error) => Err(format!("{error} ({})", error.code())),
        }
    }
}

/// `ocs audit verify|show` over `store`.
pub async fn audit_report(store: &dyn ocs_storage::Store, request: &AdminRequest) -> AdminReply {
    if let AdminRequest::AuditShow { limit } = request {
        return match store.recent_audit(*limit).await {
            Ok(rows) => AdminReply::Done(
                rows.into_iter()
                    .map(|row| {
                        let entry = row.entry;
                        let initiative = entry
                            .initiative
                            .map_or_else(|| "-".to_owned(), |i| i.to_string());
                        // Stored free text is shown, never obeyed (issue 19, item 9).
                        format!(
                            "{:>6} {} {}:{} {} initiative {} {}",
                            row.sequence,
                            entry.at,
                            escape_controls(&entry.actor_kind),
                            escape_controls(&entry.actor_name),
                            escape_controls(&entry.action),
                            initiative,
                            escape_controls(&entry.detail)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            Err(error) => AdminReply::Refused(format!("reading the audit trail: {error}")),
        };
    }
    match ocs_storage::audit::verify_log(store).await {
        Ok(Ok(verifier)) => AdminReply::Done(format!(
            "audit trail intact: {} rows; head {}",
            verifier.rows(),
            hex::encode(verifier.head())
        )),
        Ok(Err(broken)) => AdminReply::Refused(format!(
            "{} audit trail broken: {broken}",
            ocs_domain::ErrorCode::AuditBroken
        )),
        Err(error) => AdminReply::Refused(format!("reading the audit trail: {error}")),
    }
}

/// Who the operator is in the audit trail when the command runs in its own process: the
/// `--as` label, else `$USER`, else `cli`.
pub fn operator_label(label: Option<String>) -> String {
    label
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned())
}

/// `path` made absolute against the current folder (the server's folder differs).
pub fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("resolving {}", path.display()))
}

/// Carries out `request` for the operator named `label`: through the running server's
/// administration socket when there is one, else in this process. Prints the outcome;
/// a refusal is an error (exit code 1).
pub fn submit(config: &Config, label: &str, request: AdminRequest) -> anyhow::Result<()> {
    let reply = match crate::admin_socket::connect(config)? {
        Some(connection) => connection.send(label, &request)?,
        None => run_here(config, label, request)?,
    };
    match reply {
        AdminReply::Done(text) => {
            if !text.is_empty() {
                println!("{}", terminal_safe(&text));
            }
            Ok(())
        }
        AdminReply::Refused(text) => bail!("{}", terminal_safe(&text)),
    }
}

/// Like [`submit`], but hands back the reply's text instead of printing it.
pub fn submit_for_reply(
    config: &Config,
    label: &str,
    request: AdminRequest,
) -> anyhow::Result<String> {
    let reply = match crate::admin_socket::connect(config)? {
        Some(connection) => connection.send(label, &request)?,
        None => run_here(config, label, request)?,
    };
    match reply {
        AdminReply::Done(text) => Ok(text),
        AdminReply::Refused(text) => bail!("{}", terminal_safe(&text)),
    }
}

/// `text` line by line with every control character escaped: whatever a reply carries
/// (stored names, reasons, a server's message), the terminal shows it and obeys none of it
/// (issue 19, item 9).
pub fn terminal_safe(text: &str) -> String {
    text.split('\n')
        .map(escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

/// No server holds the database: assemble the application here (as `ocs serve` does) and
/// carry out the request with it.
fn run_here(config: &Config, label: &str, request: AdminRequest) -> anyhow::Result<AdminReply> {
    let actor = Actor::Operator(label.to_owned());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        if request.reads_audit_only() {
            // Reading the trail needs no secrets: an auditor may hold only the database.
            refuse_missing_file(&config.database)?;
            let backend = Backend::open_url(&config.database).await?;
            let reply = audit_report(backend.store().as_ref(), &request).await;
            backend.close().await?;
            return Ok(reply);
        }
        let app = startup::build(config).await?;
        let operator = Operator::from_app(config, &app)?;
        let reply = operator.execute(&actor, request).await;
        drop(operator);
        close(app).await?;
        Ok(reply)
    })
}

/// Closes an application that served no requests, after its last commit.
async fn close(app: App) -> anyhow::Result<()> {
    let App {
        router,
        signing,
        destruction,
        mail,
        lifecycle,
        setup,
        backend,
        web,
        console,
        tally_log,
        backups,
    } = app;
    drop((router, signing, destruction, mail, lifecycle, setup));
    drop((web, console, tally_log, backups));
    backend.close().await
}

/// Refuses a SQLite database file that does not exist (opening would create an empty one).
pub fn refuse_missing_file(url: &DatabaseUrl) -> anyhow::Result<()> {
    if let DatabaseUrl::Sqlite(path) = url
        && !path.is_file()
    {
        bail!("the database file {} does not exist", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19, item 9: an ANSI escape stored in the audit trail (an operator label, a
    /// detail) is printed escaped by `ocs audit show`, and every reply is made safe.
    #[tokio::test]
    async fn audit_show_escapes_control_characters() {
        use ocs_service::AuditSink as _;
        let dir = tempfile::tempdir().unwrap();
        let store = std::sync::Arc::new(
            ocs_storage_sqlite::SqliteStore::open(
                &dir.path().join("audit.db"),
                ocs_storage_sqlite::SqliteOptions::default(),
            )
            .unwrap(),
        );
        let audit = ocs_service::audit::StoredAudit::new(store.clone());
        audit
            .record(
                ocs_service::AuditEvent::new(
                    Actor::Operator("\u{1b}[2J\u{1b}[31mroot".into()),
                    "account.created",
                    None,
                    "ana\u{7}\u{9b}31m",
                ),
                jiff::Timestamp::UNIX_EPOCH,
            )
            .await
            .unwrap();
        let AdminReply::Done(text) =
            audit_report(store.as_ref(), &AdminRequest::AuditShow { limit: 10 }).await
        else {
            panic!("audit show answers");
        };
        assert!(!text.chars().any(char::is_control), "{text:?}");
        assert!(
            text.contains("operator:\\u{1b}[2J\\u{1b}[31mroot"),
            "{text}"
        );
        // The detail was made one line when stored; nothing of it reaches the terminal raw.
        assert!(text.ends_with("ana 31m"), "{text}");
        assert_eq!(
            terminal_safe("line one\u{1b}[0m\nline two\r"),
            "line one\\u{1b}[0m\nline two\\u{d}"
        );
    }

    #[test]
    fn a_password_is_never_printed_and_requests_keep_their_shape_in_json() {
        let request = AdminRequest::AddUser {
            name: "ana".to_owned(),
            role: "organiser".to_owned(),
            initiative: Some("demo".to_owned()),
            password: Password("a long enough password".to_owned()),
        };
        let AdminRequest::AddUser { password, .. } = &request else {
            unreachable!()
        };
        assert_eq!(format!("{password:?}"), "Password(***)");
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(
            json,
            r#"{"add-user":{"name":"ana","role":"organiser","initiative":"demo","password":"a long enough password"}}"#
        );
        let back: AdminRequest = serde_json::from_str(&json).unwrap();
        assert_eq!(back.name(), "add-user");
        assert!(
            serde_json::from_str::<AdminRequest>(r#"{"add-user":{"name":"x","extra":1}}"#).is_err(),
            "unknown fields are refused"
        );
    }

    #[test]
    fn a_certificate_travels_as_base64() {
        let request = AdminRequest::Initiative {
            initiative: "demo".to_owned(),
            command: InitiativeRequest::Certificate {
                pdf: b"%PDF-1.7 \x00\xff".to_vec(),
                authority: "BMI".to_owned(),
                date: jiff::civil::date(2026, 5, 2),
            },
        };
        let json = serde_json::to_string(&request).unwrap();
        assert!(json.contains(r#""pdf":"JVBERi0xLjcgAP8=""#), "{json}");
        let AdminRequest::Initiative {
            command: InitiativeRequest::Certificate { pdf, .. },
            ..
        } = serde_json::from_str(&json).unwrap()
        else {
            unreachable!()
        };
        assert_eq!(pdf, b"%PDF-1.7 \x00\xff");
    }

    #[test]
    fn replies_are_done_or_refused() {
        let json = serde_json::to_string(&AdminReply::Refused("ADM-002 no".to_owned())).unwrap();
        assert_eq!(json, r#"{"refused":"ADM-002 no"}"#);
        assert_eq!(
            serde_json::from_str::<AdminReply>(r#"{"done":"ok"}"#).unwrap(),
            AdminReply::Done("ok".to_owned())
        );
    }
}
