//! `ocs initiative …` (the lifecycle from the command line, audited as `Actor::Cli`) and
//! `ocs audit verify` (checks the hash chain of the audit trail): thin wrappers over
//! `ocs_service::lifecycle` and `ocs_storage::audit`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use jiff::civil::Date;
use ocs_domain::access::{CanView, Principal};
use ocs_domain::lifecycle::Action;
use ocs_domain::{InitiativeId, Slug};
use ocs_service::Actor;
use ocs_service::lifecycle::LifecycleService;

use crate::backend::Backend;
use crate::config::{self, Config, DatabaseUrl};
use crate::startup;

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

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")
}

fn refuse_missing_file(url: &DatabaseUrl) -> anyhow::Result<()> {
    if let DatabaseUrl::Sqlite(path) = url
        && !path.is_file()
    {
        bail!("the database file {} does not exist", path.display());
    }
    Ok(())
}

/// Runs `ocs audit …`.
pub fn run_audit(args: AuditArgs) -> anyhow::Result<()> {
    let (config, database, show) = match args.command {
        AuditCommand::Verify { config, database } => (config, database, None),
        AuditCommand::Show {
            config,
            database,
            limit,
        } => (config, database, Some(limit)),
    };
    let url = match (database, config) {
        (Some(url), _) => DatabaseUrl::parse(&url).context("--database")?,
        (None, Some(path)) => config::load(&path)?.database,
        (None, None) => bail!("give --config or --database"),
    };
    refuse_missing_file(&url)?;
    runtime()?.block_on(async {
        let backend = Backend::open_url(&url).await?;
        let store = backend.store();
        if let Some(limit) = show {
            let rows = store.recent_audit(limit).await;
            drop(store);
            backend.close().await?;
            for row in rows.context("reading the audit trail")? {
                let entry = row.entry;
                let initiative = entry
                    .initiative
                    .map_or_else(|| "-".to_owned(), |i| i.to_string());
                // Rows written before text was cleaned, or by another tool, may hold
                // control characters: escaped, so the terminal shows rather than obeys them.
                let clean = ocs_service::text::escape_controls;
                println!(
                    "{:>6} {} {}:{} {} initiative {} {}",
                    row.sequence,
                    entry.at,
                    clean(&entry.actor_kind),
                    clean(&entry.actor_name),
                    clean(&entry.action),
                    initiative,
                    clean(&entry.detail)
                );
            }
            return Ok(());
        }
        let outcome = ocs_storage::audit::verify_log(store.as_ref())
            .await
            .context("reading the audit trail")?;
        drop(store);
        backend.close().await?;
        match outcome {
            Ok(verifier) => {
                println!(
                    "audit trail intact: {} rows; head {}",
                    verifier.rows(),
                    hex::encode(verifier.head())
                );
                Ok(())
            }
            Err(broken) => bail!("AUD-001 audit trail broken: {broken}"),
        }
    })
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

fn actor(label: Option<String>) -> Actor {
    let name = label
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned());
    Actor::Cli(name)
}

/// Runs `ocs initiative …`.
pub fn run_initiative(args: InitiativeArgs) -> anyhow::Result<()> {
    if let InitiativeCommand::Import { register_xml, id } = &args.command {
        let slug = args.initiative.context("--initiative SLUG is required")?;
        return import(register_xml, *id, &slug);
    }
    let config_path = args.config.context("--config is required")?;
    let slug = args.initiative.context("--initiative is required")?;
    let config = config::load(&config_path)?;
    refuse_missing_file(&config.database)?;
    let actor = actor(args.actor);
    runtime()?.block_on(async {
        let backend = Backend::open(&config).await?;
        let result = lifecycle_command(&config, &backend, &slug, &actor, args.command).await;
        backend.close().await?;
        result
    })
}

#[expect(
    clippy::too_many_lines,
    reason = "one match over every `ocs initiative` command, each a few lines"
)]
async fn lifecycle_command(
    config: &Config,
    backend: &Backend,
    slug: &str,
    actor: &Actor,
    command: InitiativeCommand,
) -> anyhow::Result<()> {
    let catalog = Arc::new(startup::catalog(config)?);
    let setup = startup::setup_service(config, catalog.clone(), backend.store());
    setup
        .reload()
        .await
        .context("reading the initiatives set up in the console")?;
    let command = match command {
        InitiativeCommand::Create {
            register_xml,
            privacy_notice_file,
            storage_country,
            recipient_key,
            authority_key,
        } => {
            let xml = std::fs::File::open(&register_xml)
                .with_context(|| format!("opening {}", register_xml.display()))
                .and_then(|file| {
                    ocs_service::register::read_limited(file)
                        .map_err(|e| anyhow::anyhow!("{} {e}", e.code()))
                })?;
            let privacy_notice = std::fs::read_to_string(&privacy_notice_file)
                .with_context(|| format!("reading {}", privacy_notice_file.display()))?;
            let definition = ocs_service::setup::InitiativeDefinition {
                privacy_notice: privacy_notice.trim().to_owned(),
                storage_country,
                recipient_key,
                authority_keys: authority_keys(&authority_key)?,
                ..Default::default()
            }
            .with_register(&xml)
            .map_err(|e| anyhow::anyhow!("{} {e}", e.code()))?;
            let admin = Principal::operator()
                .can_administer()
                .context("no right to create")?;
            let created = setup
                .create(actor, admin, slug, definition)
                .await
                .map_err(|e| anyhow::anyhow!("{} {e}", e.code()))?;
            println!("initiative {created} created (draft); served without a restart");
            return Ok(());
        }
        other => other,
    };
    let slug = Slug::parse(slug).context("--initiative")?;
    let id: InitiativeId = catalog
        .by_slug(&slug)
        .map(|entry| entry.initiative.id)
        .with_context(|| format!("no initiative {slug} in the configuration or the database"))?;
    let service = startup::lifecycle_service(config, catalog, backend.store(), "cli");
    // The operator at the command line has every right; each step is audited by name.
    let operator = Principal::operator();
    let manage = operator.can_manage(id).context("no right to manage")?;
    let view = operator.can_view(id).context("no right to view")?;
    let failed = |error: ocs_service::lifecycle::LifecycleServiceError| {
        anyhow::anyhow!("{} {error}", error.code())
    };
    let action = match command {
        InitiativeCommand::Status => return print_status(&service, view).await,
        InitiativeCommand::Import { .. } | InitiativeCommand::Create { .. } => {
            bail!("handled above")
        }
        InitiativeCommand::SetKeys {
            recipient_key,
            authority_key,
        } => {
            setup
                .set_keys(
                    actor,
                    manage,
                    &recipient_key,
                    authority_keys(&authority_key)?,
                )
                .await
                .map_err(|e| anyhow::anyhow!("{} {e}", e.code()))?;
            println!("recipient keys set");
            return Ok(());
        }
        InitiativeCommand::Dates { notice, start, end } => {
            service
                .set_dates(actor, manage, notice, start, end)
                .await
                .map_err(failed)?;
            println!("collection period set: {start} to {end}");
            return Ok(());
        }
        InitiativeCommand::Certificate {
            file,
            authority,
            date,
        } => {
            let pdf = read_pdf(&file)?;
            service
                .upload_certificate(actor, manage, pdf, &authority, date)
                .await
                .map_err(failed)?;
            println!("certificate stored");
            return Ok(());
        }
        InitiativeCommand::StartTest => (Action::StartTest, String::new(), None),
        InitiativeCommand::GoLive { confirm } => (Action::GoLive, String::new(), Some(confirm)),
        InitiativeCommand::Open => (Action::Open, String::new(), None),
        InitiativeCommand::Pause { reason } => (Action::Pause, reason, None),
        InitiativeCommand::Resume { reason } => (Action::Resume, reason, None),
        InitiativeCommand::Close => (Action::Close, String::new(), None),
        InitiativeCommand::Submit => (Action::Submit, String::new(), None),
        InitiativeCommand::Withdraw { reason } => (Action::Withdraw, reason, None),
    };
    let (action, reason, confirm) = action;
    let stage = service
        .apply(actor, manage, action, &reason, confirm.as_deref())
        .await
        .map_err(failed)?;
    println!("initiative {slug} is now {stage}");
    Ok(())
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

async fn print_status(service: &LifecycleService, view: CanView) -> anyhow::Result<()> {
    let record = service
        .record(view)
        .await
        .map_err(|error| anyhow::anyhow!("{} {error}", error.code()))?;
    let Some(record) = record else {
        println!("stage       (configuration only; not managed yet)");
        return Ok(());
    };
    let show = |date: Option<Date>| date.map_or_else(|| "-".to_owned(), |d| d.to_string());
    println!("stage       {}", record.stage);
    if !record.reason.is_empty() {
        println!(
            "reason      {}",
            ocs_service::text::escape_controls(&record.reason)
        );
    }
    println!("notice      {}", show(record.notice_date));
    println!("start       {}", show(record.start_date));
    println!("end         {}", show(record.end_date));
    match &record.certificate {
        Some(c) => println!(
            "certificate {} ({}, {} bytes)",
            ocs_service::text::escape_controls(&c.authority),
            c.issued_on,
            c.size
        ),
        None => println!("certificate -"),
    }
    Ok(())
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
    println!("# Fill in privacy_notice, the collection dates and recipient_keys; then manage the");
    println!("# lifecycle with `ocs initiative --initiative {slug} dates|start-test|…`.");
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
