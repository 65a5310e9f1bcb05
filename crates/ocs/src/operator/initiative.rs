//! `ocs initiative …` as requests: set-up (create, keys) and the lifecycle (dates,
//! certificate, stage changes), carried out by the set-up and lifecycle services with the
//! operator's rights; each step is audited by the service.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ocs_domain::access::Principal;
use ocs_domain::lifecycle::Action;
use ocs_service::audit::Actor;
use serde::{Deserialize, Serialize};

use super::Operator;

/// One `ocs initiative` step, with its files read by the command line.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum InitiativeRequest {
    /// Create the initiative in the database from the register's XML export.
    Create {
        /// The register's XML export (read within its size limit).
        register_xml: String,
        /// The organisers' privacy notice.
        privacy_notice: String,
        /// Member state where the data are stored.
        storage_country: String,
        /// `eci` or `national` (anything else is refused by the set-up).
        regime: String,
        /// The organisers' public key.
        recipient_key: String,
        /// Authority public keys by member state.
        authority_keys: BTreeMap<String, String>,
    },
    /// Replace the recipient keys.
    SetKeys {
        /// The organisers' public key.
        recipient_key: String,
        /// Authority public keys by member state.
        authority_keys: BTreeMap<String, String>,
    },
    /// Show the stage, dates and certificate.
    Status,
    /// Set the collection period.
    Dates {
        /// Notice date.
        notice: Option<Date>,
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
    },
    /// Store the authority's certificate.
    Certificate {
        /// The PDF.
        #[serde(with = "base64_bytes")]
        pdf: Vec<u8>,
        /// The issuing authority.
        authority: String,
        /// The date on it.
        date: Date,
    },
    /// Record the submission to the Commission (Art. 13; starts the destruction deadline).
    CommissionSubmitted {
        /// The day of the submission.
        on: Date,
    },
    /// Set a legal hold for proceedings (host administrator).
    Hold {
        /// The proceedings.
        reason: String,
    },
    /// Lift the legal hold: the proceedings were concluded.
    LiftHold {
        /// The day of the final decision.
        concluded_on: Date,
        /// Why.
        reason: String,
    },
    /// Record a competent authority's Annex VI certificate.
    Verified {
        /// The member state.
        country: String,
        /// Valid statements certified.
        valid: u64,
        /// The issuing authority.
        authority: String,
        /// The date on the certificate.
        issued_on: Date,
    },
    /// Print the Annex VII submission (JSON) built from the certificates.
    AnnexVii,
    /// List the recipient keys, their holders' confirmations and the destruction
    /// certificate.
    Keys,
    /// Record a key holder's confirmation that a private key was destroyed.
    KeyDestroyed {
        /// Key id or public key.
        key: String,
        /// Who destroyed it.
        holder: String,
    },
    /// A stage change.
    Apply {
        /// Which.
        action: StageChange,
        /// Why (pause, resume, withdraw).
        reason: String,
        /// The registration number typed again (go-live).
        confirm: Option<String>,
    },
}

/// The stage changes of `ocs initiative`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StageChange {
    /// Draft → test.
    StartTest,
    /// Test → live.
    GoLive,
    /// Live → collecting.
    Open,
    /// Collecting → paused.
    Pause,
    /// Paused → collecting.
    Resume,
    /// → closed.
    Close,
    /// Closed → submitted.
    Submit,
    /// → withdrawn.
    Withdraw,
}

impl StageChange {
    fn action(self) -> Action {
        match self {
            Self::StartTest => Action::StartTest,
            Self::GoLive => Action::GoLive,
            Self::Open => Action::Open,
            Self::Pause => Action::Pause,
            Self::Resume => Action::Resume,
            Self::Close => Action::Close,
            Self::Submit => Action::Submit,
            Self::Withdraw => Action::Withdraw,
        }
    }
}

/// Bytes as standard base64 in JSON (a certificate is up to 10 MiB).
mod base64_bytes {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize as _, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

impl Operator {
    pub(super) async fn initiative_step(
        &self,
        actor: &Actor,
        slug: &str,
        command: InitiativeRequest,
    ) -> Result<String, String> {
        let code = |e: &dyn CodedError| format!("{} {}", e.code_str(), e.text());
        if let InitiativeRequest::Create {
            register_xml,
            privacy_notice,
            storage_country,
            regime,
            recipient_key,
            authority_keys,
        } = command
        {
            let definition = ocs_service::setup::InitiativeDefinition {
                privacy_notice: privacy_notice.trim().to_owned(),
                storage_country,
                regime: match regime.as_str() {
                    "eci" => Some(ocs_domain::Regime::Eci),
                    "national" => Some(ocs_domain::Regime::National),
                    "demo" => Some(ocs_domain::Regime::Demo),
                    _ => None,
                },
                recipient_key,
                authority_keys,
                ..Default::default()
            }
            .with_register(&register_xml)
            .map_err(|e| code(&e))?;
            let admin = Principal::operator()
                .can_administer()
                .ok_or("no right to create initiatives")?;
            let created = self
                .setup
                .create(actor, admin, slug, definition)
                .await
                .map_err(|e| code(&e))?;
            return Ok(format!(
                "initiative {created} created (draft); served without a restart"
            ));
        }
        let (entry, manage) = self.manage(slug)?;
        let slug = &entry.initiative.slug;
        match command {
            InitiativeRequest::Create { .. } => Err("handled above".to_owned()),
            InitiativeRequest::Status => self.status(manage.view()).await,
            InitiativeRequest::SetKeys {
                recipient_key,
                authority_keys,
            } => {
                self.setup
                    .set_keys(actor, manage, &recipient_key, authority_keys)
                    .await
                    .map_err(|e| code(&e))?;
                Ok("recipient keys set".to_owned())
            }
            InitiativeRequest::Dates { notice, start, end } => {
                self.lifecycle
                    .set_dates(actor, manage, notice, start, end)
                    .await
                    .map_err(|e| code(&e))?;
                Ok(format!("collection period set: {start} to {end}"))
            }
            InitiativeRequest::Certificate {
                pdf,
                authority,
                date,
            } => {
                self.lifecycle
                    .upload_certificate(actor, manage, pdf, &authority, date)
                    .await
                    .map_err(|e| code(&e))?;
                Ok("certificate stored".to_owned())
            }
            InitiativeRequest::CommissionSubmitted { .. }
            | InitiativeRequest::Hold { .. }
            | InitiativeRequest::LiftHold { .. }
            | InitiativeRequest::Verified { .. }
            | InitiativeRequest::AnnexVii => {
                self.retention_step(actor, &entry, manage, command).await
            }
            InitiativeRequest::Keys | InitiativeRequest::KeyDestroyed { .. } => {
                self.key_holder_step(actor, manage, command).await
            }
            InitiativeRequest::Apply {
                action,
                reason,
                confirm,
            } => {
                let stage = self
                    .lifecycle
                    .apply(actor, manage, action.action(), &reason, confirm.as_deref())
                    .await
                    .map_err(|e| code(&e))?;
                Ok(format!("initiative {slug} is now {stage}"))
            }
        }
    }

    async fn status(&self, view: ocs_domain::access::CanView) -> Result<String, String> {
        let record = self
            .lifecycle
            .record(view)
            .await
            .map_err(|error| format!("{} {error}", error.code()))?;
        let Some(record) = record else {
            let mut lines = vec!["stage       (configuration only; not managed yet)".to_owned()];
            lines.extend(self.retention_lines(view).await?);
            return Ok(lines.join("\n"));
        };
        let show = |date: Option<Date>| date.map_or_else(|| "-".to_owned(), |d| d.to_string());
        let mut lines = vec![format!("stage       {}", record.stage)];
        if !record.reason.is_empty() {
            let reason = ocs_service::text::escape_controls(&record.reason);
            lines.push(format!("reason      {reason}"));
        }
        lines.push(format!("notice      {}", show(record.notice_date)));
        lines.push(format!("start       {}", show(record.start_date)));
        lines.push(format!("end         {}", show(record.end_date)));
        lines.push(match &record.certificate {
            Some(c) => format!(
                "certificate {} ({}, {} bytes)",
                ocs_service::text::escape_controls(&c.authority),
                c.issued_on,
                c.size
            ),
            None => "certificate -".to_owned(),
        });
        lines.extend(self.retention_lines(view).await?);
        Ok(lines.join("\n"))
    }
}

/// The set-up, lifecycle and retention errors, each with its stable code.
pub(super) trait CodedError {
    fn code_str(&self) -> String;
    fn text(&self) -> String;
}

impl CodedError for ocs_service::setup::SetupError {
    fn code_str(&self) -> String {
        self.code().to_string()
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

impl CodedError for ocs_service::retention::key_holders::KeyHolderError {
    fn code_str(&self) -> String {
        self.code().to_string()
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

impl CodedError for ocs_service::retention::events::RetentionError {
    fn code_str(&self) -> String {
        self.code().to_string()
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

impl CodedError for ocs_service::lifecycle::LifecycleServiceError {
    fn code_str(&self) -> String {
        self.code().to_string()
    }
    fn text(&self) -> String {
        self.to_string()
    }
}
