//! `ocs initiative …` (set-up and lifecycle from the command line, audited as `Actor::Operator`)
//! and `ocs audit verify` (checks the hash chain of the audit trail): thin front-ends that
//! turn the command line into an `AdminRequest` for the operator dispatcher.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use jiff::civil::Date;
use ocs_domain::Slug;

use crate::backend::Backend;
use crate::config::{self, DatabaseUrl};
use crate::operator::initiative::StageChange;
use crate::operator::{
    AdminReply, AdminRequest, InitiativeRequest, operator_label, refuse_missing_file,
};
use crate::runtime::Workload;
use crate::submit::submit;

/// `ocs initiative …`.
#[derive(Debug, Args)]
pub struct InitiativeArgs {
    /// TOML configuration (initiatives, database URL, time zone, holidays).
    #[arg(long, short, env = "OCS_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// The initiative's slug.
    #[arg(long, global = true)]
    initiative: Option<String>,
    /// Name recorded in the audit trail (default: $USER).
    #[arg(long = "as", global = true)]
    actor: Option<String>,
    #[command(subcommand)]
    command: InitiativeCommand,
}

#[derive(Debug, Subcommand)]
enum InitiativeCommand {
    /// Read the Commission register's XML export and print an `[[initiatives]]` block for
    /// the configuration file (slug from --initiative), with what is left to fill in.
    Import {
        /// The register's XML export of the initiative.
        #[arg(long)]
        register_xml: PathBuf,
        /// The initiative's number in this deployment (unique, never reused).
        #[arg(long)]
        id: u32,
    },
    /// Create the initiative (slug from --initiative) in the database from the register's
    /// XML export: served at once, no configuration change (host administrator's step).
    Create {
        /// The register's XML export of the initiative.
        #[arg(long)]
        register_xml: PathBuf,
        /// A text file with the organisers' privacy notice.
        #[arg(long)]
        privacy_notice_file: PathBuf,
        /// Member state where the data are stored (two letters).
        #[arg(long)]
        storage_country: String,
        /// `eci` (registered by 2022-12-31), `national` or `demo`.
        #[arg(long, value_parser = ["eci", "national", "demo"])]
        regime: String,
        /// The organisers' public key (`ocs-pk-1:…`).
        #[arg(long)]
        recipient_key: String,
        /// A member-state authority's public key, `DE=ocs-pk-1:…` (repeatable).
        #[arg(long)]
        authority_key: Vec<String>,
    },
    /// Replace the recipient keys of an initiative created in the database (draft or test).
    SetKeys {
        /// The organisers' public key (`ocs-pk-1:…`).
        #[arg(long)]
        recipient_key: String,
        /// A member-state authority's public key, `DE=ocs-pk-1:…` (repeatable).
        #[arg(long)]
        authority_key: Vec<String>,
    },
    /// Show the stage, dates and certificate.
    Status,
    /// Set the collection period (checked against the date rules).
    Dates {
        /// Notice of the start recorded with the authorities (YYYY-MM-DD).
        #[arg(long)]
        notice: Option<Date>,
        /// First day of collection.
        #[arg(long)]
        start: Date,
        /// Last day of collection.
        #[arg(long)]
        end: Date,
    },
    /// Upload the competent authority's certificate (PDF).
    Certificate {
        /// The PDF file.
        #[arg(long)]
        file: PathBuf,
        /// The issuing authority.
        #[arg(long)]
        authority: String,
        /// The date on the certificate.
        #[arg(long)]
        date: Date,
    },
    /// Draft → test mode.
    StartTest,
    /// Test → live: erases test statements; type the registration number to confirm.
    GoLive {
        /// The registration number, typed again.
        #[arg(long)]
        confirm: String,
    },
    /// Live → collecting (needs the certificate and the period to have started).
    Open,
    /// Collecting → paused.
    Pause {
        /// Why (recorded in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Paused → collecting.
    Resume {
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Collecting or paused → closed.
    Close,
    /// Closed → submitted to the authorities.
    Submit,
    /// Withdraw the initiative.
    Withdraw {
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Record the submission to the Commission (Art. 13): starts the one-month destruction
    /// deadline. Only after `submit` (to the authorities).
    CommissionSubmitted {
        /// The day of the submission (YYYY-MM-DD).
        #[arg(long)]
        on: Date,
    },
    /// Set a legal hold for administrative or judicial proceedings (Art. 19(5)): nothing of
    /// the initiative is destroyed until it is lifted (host administrator's step).
    Hold {
        /// The proceedings (recorded in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Lift the legal hold: the data are then due at the latest one week after the
    /// conclusion of the proceedings (never before the ordinary deadline).
    LiftHold {
        /// The day the proceedings were concluded by final decision (YYYY-MM-DD).
        #[arg(long)]
        concluded_on: Date,
        /// Why (recorded in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Record a competent authority's Annex VI certificate (valid statements of one state).
    Verified {
        /// The member state (two letters).
        #[arg(long)]
        country: String,
        /// The number of valid statements certified.
        #[arg(long)]
        valid: u64,
        /// The issuing authority.
        #[arg(long)]
        authority: String,
        /// The date on the certificate (YYYY-MM-DD).
        #[arg(long)]
        issued_on: Date,
    },
    /// The Annex VII submission to the Commission built from the certificates: JSON (the
    /// default) or text on standard output, or a PDF/A file with `--pdf FILE`.
    AnnexVii {
        /// Print it as text instead of JSON.
        #[arg(long, conflicts_with = "pdf")]
        text: bool,
        /// Write it as a PDF/A-2b form to this new file.
        #[arg(long)]
        pdf: Option<PathBuf>,
        /// TrueType font of the PDF.
        #[arg(long, default_value = ocs_service::retention::annex::SYSTEM_FONT)]
        font: PathBuf,
    },
    /// List the initiative's recipient keys (organisers', authorities') by key id, with their
    /// holders' confirmations of destruction and the destruction certificate.
    Keys,
    /// Record that a recipient key's holder destroyed its private half (after the
    /// destruction certificate asked for it); audited.
    KeyDestroyed {
        /// The key: its key id (16 hex digits) or its public key (`ocs-pk-1:…`).
        #[arg(long)]
        key: String,
        /// Who destroyed it (the holder's name or office).
        #[arg(long)]
        holder: String,
    },
}

/// `ocs audit verify`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Print the latest rows of the trail, newest first.
    Show {
        /// TOML configuration (for the database URL).
        #[arg(long, short, env = "OCS_CONFIG", required_unless_present = "database")]
        config: Option<PathBuf>,
        /// Database URL instead of the configuration's.
        #[arg(long)]
        database: Option<String>,
        /// How many rows.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Check every row's hash link; exits non-zero on a break.
    Verify {
        /// TOML configuration (for the database URL).
        #[arg(long, short, env = "OCS_CONFIG", required_unless_present = "database")]
        config: Option<PathBuf>,
        /// Database URL (`sqlite://PATH` or `postgres://…`) instead of the configuration's.
        #[arg(long)]
        database: Option<String>,
    },
}

/// Runs `ocs audit …`: a database named with `--database` is read here; the configured one
/// through the running server when there is one.
pub fn run_audit(args: AuditArgs) -> anyhow::Result<()> {
    let (config, database, request) = match args.command {
        AuditCommand::Verify { config, database } => (config, database, AdminRequest::AuditVerify),
        AuditCommand::Show {
            config,
            database,
            limit,
        } => (config, database, AdminRequest::AuditShow { limit }),
    };
    let config = match (database, config) {
        (Some(url), Some(path)) => {
            let mut config = config::load(&path)?;
            config.database = DatabaseUrl::parse(&url).context("--database")?;
            config
        }
        (Some(url), None) => return audit_database(&url, &request),
        (None, Some(path)) => config::load(&path)?,
        (None, None) => bail!("give --config or --database"),
    };
    submit(&config, &operator_label(None), request)
}

/// `ocs audit …` on a database given by URL alone (no configuration, no secrets: an
/// auditor's copy).
fn audit_database(url: &str, request: &AdminRequest) -> anyhow::Result<()> {
    let url = DatabaseUrl::parse(url).context("--database")?;
    refuse_missing_file(&url)?;
    let reply = crate::runtime::block_on(Workload::Command, async {
        let backend = Backend::open_url(&url).await?;
        let reply = crate::operator::audit_report(backend.store().as_ref(), request).await;
        backend.close().await?;
        anyhow::Ok(reply)
    })?;
    match reply {
        AdminReply::Done(text) => {
            if !text.is_empty() {
                println!("{text}");
            }
            Ok(())
        }
        AdminReply::Refused(text) => bail!("{text}"),
    }
}

/// `DE=ocs-pk-1:…` pairs (checked by the set-up service).
fn authority_keys(pairs: &[String]) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    pairs
        .iter()
        .map(|pair| {
            let (country, key) = pair
                .split_once('=')
                .with_context(|| format!("--authority-key {pair:?}: write COUNTRY=KEY"))?;
            Ok((country.trim().to_uppercase(), key.trim().to_owned()))
        })
        .collect()
}

/// Runs `ocs initiative …`: `import` here (no database); every other step as a request to
/// the set-up and lifecycle services, through the running server when there is one.
pub fn run_initiative(args: InitiativeArgs) -> anyhow::Result<()> {
    let slug = args.initiative.context("--initiative SLUG is required")?;
    let command = match args.command {
        InitiativeCommand::Import { register_xml, id } => return import(&register_xml, id, &slug),
        InitiativeCommand::Create {
            register_xml,
            privacy_notice_file,
            storage_country,
            regime,
            recipient_key,
            authority_key,
        } => InitiativeRequest::Create {
            register_xml: std::fs::File::open(&register_xml)
                .with_context(|| format!("opening {}", register_xml.display()))
                .and_then(|file| {
                    ocs_service::register::read_limited(file)
                        .map_err(|e| anyhow::anyhow!("{} {e}", e.code()))
                })?,
            privacy_notice: std::fs::read_to_string(&privacy_notice_file)
                .with_context(|| format!("reading {}", privacy_notice_file.display()))?,
            storage_country,
            regime,
            recipient_key,
            authority_keys: authority_keys(&authority_key)?,
        },
        InitiativeCommand::SetKeys {
            recipient_key,
            authority_key,
        } => InitiativeRequest::SetKeys {
            recipient_key,
            authority_keys: authority_keys(&authority_key)?,
        },
        InitiativeCommand::Status => InitiativeRequest::Status,
        InitiativeCommand::Dates { notice, start, end } => {
            InitiativeRequest::Dates { notice, start, end }
        }
        InitiativeCommand::Certificate {
            file,
            authority,
            date,
        } => InitiativeRequest::Certificate {
            pdf: read_pdf(&file)?,
            authority,
            date,
        },
        InitiativeCommand::StartTest => stage(StageChange::StartTest, String::new(), None),
        InitiativeCommand::GoLive { confirm } => {
            stage(StageChange::GoLive, String::new(), Some(confirm))
        }
        InitiativeCommand::Open => stage(StageChange::Open, String::new(), None),
        InitiativeCommand::Pause { reason } => stage(StageChange::Pause, reason, None),
        InitiativeCommand::Resume { reason } => stage(StageChange::Resume, reason, None),
        InitiativeCommand::Close => stage(StageChange::Close, String::new(), None),
        InitiativeCommand::Submit => stage(StageChange::Submit, String::new(), None),
        InitiativeCommand::Withdraw { reason } => stage(StageChange::Withdraw, reason, None),
        InitiativeCommand::CommissionSubmitted { on } => {
            InitiativeRequest::CommissionSubmitted { on }
        }
        InitiativeCommand::Hold { reason } => InitiativeRequest::Hold { reason },
        InitiativeCommand::LiftHold {
            concluded_on,
            reason,
        } => InitiativeRequest::LiftHold {
            concluded_on,
            reason,
        },
        InitiativeCommand::Verified {
            country,
            valid,
            authority,
            issued_on,
        } => InitiativeRequest::Verified {
            country,
            valid,
            authority,
            issued_on,
        },
        InitiativeCommand::AnnexVii { text, pdf, font } => {
            let config = config::load(&args.config.context("--config is required")?)?;
            refuse_missing_file(&config.database)?;
            let request = AdminRequest::Initiative {
                initiative: slug,
                command: InitiativeRequest::AnnexVii,
            };
            let json =
                crate::submit::submit_for_reply(&config, &operator_label(args.actor), request)?;
            return crate::annex_output::print_or_write(&json, text, pdf.as_deref(), &font);
        }
        InitiativeCommand::Keys => InitiativeRequest::Keys,
        InitiativeCommand::KeyDestroyed { key, holder } => {
            InitiativeRequest::KeyDestroyed { key, holder }
        }
    };
    let config = config::load(&args.config.context("--config is required")?)?;
    refuse_missing_file(&config.database)?;
    let request = AdminRequest::Initiative {
        initiative: slug,
        command,
    };
    submit(&config, &operator_label(args.actor), request)
}

fn stage(action: StageChange, reason: String, confirm: Option<String>) -> InitiativeRequest {
    InitiativeRequest::Apply {
        action,
        reason,
        confirm,
    }
}

fn read_pdf(path: &Path) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    if size > u64::try_from(ocs_service::lifecycle::MAX_CERTIFICATE_BYTES).unwrap_or(u64::MAX) {
        bail!("LIF-022 the certificate must be a PDF of at most 10 MiB");
    }
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// The `[[initiatives]]` block printed by `ocs initiative import`.
#[derive(serde::Serialize)]
struct ImportedInitiative {
    id: u32,
    slug: String,
    registration_number: String,
    registration_date: String,
    title: String,
    subject: String,
    objectives: String,
    register_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
    privacy_notice: String,
    collection_start: String,
    collection_end: String,
    status: ocs_domain::InitiativeStatus,
    recipient_keys: Vec<String>,
    regime: String,
    storage_country: String,
    organisers: Vec<ocs_domain::Organiser>,
}

#[derive(serde::Serialize)]
struct ImportedFile {
    initiatives: Vec<ImportedInitiative>,
}

fn import(path: &Path, id: u32, slug: &str) -> anyhow::Result<()> {
    let slug = Slug::parse(slug).context("--initiative")?;
    // Read through a bound: a file that grows, a pipe or a device is cut at the limit.
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let read = ocs_service::register::read_limited(file)
        .and_then(|xml| ocs_service::register::parse(&xml))
        .map_err(|error| anyhow::anyhow!("{} {error}", error.code()))?;
    let original = read.original().context("REG-005 no original language")?;
    let block = ImportedFile {
        initiatives: vec![ImportedInitiative {
            id,
            slug: slug.to_string(),
            registration_number: read.registration_number.clone(),
            registration_date: read.registration_date.to_string(),
            title: original.title.clone(),
            subject: original.subject.clone(),
            objectives: original.description.clone(),
            register_url: read.register_url.clone(),
            website: original.site.clone(),
            privacy_notice: "FILL IN: the privacy notice shown with the form".to_owned(),
            collection_start: "FILL IN: YYYY-MM-DD".to_owned(),
            collection_end: "FILL IN: YYYY-MM-DD".to_owned(),
            status: ocs_domain::InitiativeStatus::Draft,
            recipient_keys: vec!["FILL IN: ocs-pk-1:… from ocs keygen".to_owned()],
            regime: "FILL IN: eci (registered by 2022-12-31) or national".to_owned(),
            storage_country: "FILL IN: the member state where the statements are stored (BE…)"
                .to_owned(),
            organisers: read
                .organisers
                .iter()
                .map(|o| ocs_domain::Organiser {
                    name: o.name.clone(),
                    role: o.role(),
                    email: o.email.clone(),
                })
                .collect(),
        }],
    };
    println!(
        "# From the register export of {} (original language {}).",
        read.registration_number, original.code
    );
    println!(
        "# Fill in privacy_notice, the collection dates, recipient_keys, regime and storage_country;"
    );
    println!(
        "# then manage the lifecycle with `ocs initiative --initiative {slug} dates|start-test|…`."
    );
    for other in read.languages.iter().skip(1) {
        println!(
            "# Also in {}: {}",
            other.code,
            other.title.replace('\n', " ")
        );
    }
    print!("{}", toml::to_string(&block).context("writing TOML")?);
    Ok(())
}
