//! Command-line interface: `serve`, `demo`, `keygen`, `export`, `initiative`, `audit`,
//! `check-config`, `log`, `migrate`, `healthcheck`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};

use crate::{
    admin, backend, backup, config, console, demo, export, healthcheck, logging, paper, startup,
    upgrade,
};

/// The version `ocs --version` shows: the package version and the git commit the binary
/// was built from (`build.rs`; "unknown" outside a checkout).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("OPENOCS_GIT_COMMIT"),
    ")"
);

/// OpenOCS: an online collection system for citizens' initiatives.
#[derive(Debug, Parser)]
#[command(name = "ocs", version = VERSION, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the collection site from a configuration file.
    Serve {
        /// TOML configuration; `OCS_*` variables override it (`__` nests).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
    },
    /// Serve a demo initiative (slug `demo`) on the embedded SQLite database.
    Demo {
        /// Address to listen on (the container image sets `OCS_SERVER__LISTEN`, like the
        /// variable that overrides `server.listen` for `ocs serve`).
        #[arg(long, env = "OCS_SERVER__LISTEN", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Where the demo keeps its configuration, database, keys and logs.
        #[arg(long, default_value = "./ocs-demo-data")]
        data_dir: PathBuf,
    },
    /// Make an HPKE recipient key pair (PREFIX.pk public, PREFIX.sk private, mode 0600), an
    /// Ed25519 manifest signing pair with --signing (PREFIX.sign.pk, PREFIX.sign.sk), or a
    /// server secret with --secret.
    Keygen {
        /// File-name prefix of the key pair.
        #[arg(long, required_unless_present = "secret", conflicts_with = "secret")]
        out: Option<PathBuf>,
        /// Make the organisers' manifest signing key pair instead of a recipient pair.
        #[arg(long, requires = "out")]
        signing: bool,
        /// Write a new 32-byte server secret to this file (mode 0600) instead.
        #[arg(long)]
        secret: Option<PathBuf>,
    },
    /// Offline: open an initiative's statements with the private key and write one XML file
    /// per state of nationality and a signed manifest (docs/EXPORT.md).
    Export(Box<ExportArgs>),
    /// Optional e-mail updates: export confirmed addresses, or queue an update to them
    /// (docs/MAIL.md). Reads the mail key named in `[mail]`.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Write an initiative's sealed statements to FILE, encrypted to its backup key (kept in
    /// `retention.keys_dir`, destroyed at the retention deadline); `restore` reads one back.
    Backup(BackupArgs),
    /// Statements collected on paper (until the console has a form for them).
    #[command(subcommand)]
    Paper(PaperCommand),
    /// Load and check a configuration and print it with secrets masked.
    CheckConfig {
        /// TOML configuration.
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
    },
    /// Manage an initiative's lifecycle: dates, certificate, test mode, go live, open,
    /// pause, resume, close (every step audited).
    Initiative(console::InitiativeArgs),
    /// Console accounts: add-user, list-users, disable, enable, reset.
    Admin(admin::AdminArgs),
    /// The audit trail: `ocs audit verify` checks its hash chain.
    Audit(console::AuditArgs),
    /// The public tally log: `ocs log verify URL` audits it over HTTP, `ocs log
    /// check-proof FILE` checks a receipt's proof (no database needed).
    Log(crate::log_verify::LogArgs),
    /// Apply pending database migrations. `ocs serve` refuses to start until they are
    /// applied (back the database up first).
    Migrate {
        /// TOML configuration (for the database URL).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
    },
    /// The tag process (ADR 0011): the only process that opens the initiatives' key files;
    /// answers the web process's tag requests on `[tagd] socket`, metered per initiative.
    Tagd {
        /// TOML configuration (keys folder, secrets, `[tagd]`).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// Only ask a running tag process whether it answers this user.
        #[arg(long)]
        ping: bool,
    },
    /// Ask a running server's `GET /healthz`: exit 0 when it answers 200, 1 otherwise.
    Healthcheck {
        /// The health address; default: `http://` + the configured `server.listen` +
        /// `/healthz` (a wildcard address is asked on loopback).
        #[arg(long)]
        url: Option<String>,
        /// TOML configuration (for `server.listen`), when no --url is given.
        #[arg(long, short, env = "OCS_CONFIG")]
        config: Option<PathBuf>,
    },
}

/// `ocs mail …`.
#[derive(Debug, Subcommand)]
enum MailCommand {
    /// Write the confirmed addresses of an initiative as CSV (`email,confirmed_on`, mode
    /// 0600). Audited with the count.
    Export {
        /// TOML configuration (database URL, `[mail]` with the key file).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The CSV file to create; refused if it exists.
        #[arg(long)]
        out: PathBuf,
    },
    /// Queue an update (plain text) to every confirmed subscriber, each with its own
    /// unsubscribe link; the server's outbox worker sends it. Audited with the count.
    Send {
        /// TOML configuration (database URL, `[mail]` with the key file).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// Subject line.
        #[arg(long)]
        subject: String,
        /// File with the message text (UTF-8).
        #[arg(long)]
        body_file: PathBuf,
    },
}

/// Makes every file this process creates readable by its owner only (0600, folders 0700),
/// whatever umask it was started with: the database with its WAL and SHM files, logs, keys,
/// exports (issue 19, finding 11). Files opened with a narrower mode keep it.
pub fn private_umask() {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// Runs the command line and turns an error into a message and exit code 1.
pub fn main() -> ExitCode {
    private_umask();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            config: config_path,
        } => {
            let config = config::load(&config_path)?;
            config.require_public_url()?;
            upgrade::require_migrated(&config, &config_path)?;
            let _guard = logging::init(&config.log)?;
            startup::run_server(config, None)
        }
        Command::Demo { listen, data_dir } => demo::run(listen, &data_dir),
        Command::Keygen {
            out,
            signing,
            secret,
        } => match out {
            Some(prefix) if signing => export::keygen_signing(&prefix),
            out => keygen(out, secret),
        },
        Command::Export(args) => run_export(*args),
        Command::Mail(MailCommand::Export {
            config,
            initiative,
            out,
        }) => crate::mail::export(&config, &initiative, &out),
        Command::Mail(MailCommand::Send {
            config,
            initiative,
            subject,
            body_file,
        }) => crate::mail::send(&config, &initiative, &subject, &body_file),
        Command::Backup(args) => run_backup(args),
        Command::Paper(PaperCommand::Add {
            config,
            initiative,
            country,
            fields_file,
        }) => paper::add(&config, &initiative, &country, &fields_file),
        Command::Initiative(args) => console::run_initiative(args),
        Command::Audit(args) => console::run_audit(args),
        Command::Log(args) => crate::log_verify::run(args),
        Command::Admin(args) => admin::run(args),
        Command::CheckConfig { config } => {
            let config = config::load(&config)?;
            println!("{}", config.describe());
            println!("configuration is valid");
            Ok(())
        }
        Command::Migrate { config } => {
            let config = config::load(&config)?;
            let applied = backend::migrate(&config)?;
            if applied.is_empty() {
                println!("database is up to date");
            }
            for name in applied {
                println!("applied {name}");
            }
            Ok(())
        }
        Command::Tagd { config, ping } => crate::tagd::run(&config, ping),
        Command::Healthcheck { url, config } => healthcheck::run(url.as_deref(), config.as_deref()),
    }
}

#[derive(Debug, Subcommand)]
enum PaperCommand {
    /// Enter one paper statement: same validation and de-duplication as online, marked as
    /// paper, audited. Reaches a running server through its administration socket.
    Add {
        /// TOML configuration.
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The signer's nationality (EU or ISO code).
        #[arg(long)]
        country: String,
        /// A JSON object of the state's Annex III field keys to values.
        #[arg(long)]
        fields_file: PathBuf,
    },
}

/// `ocs backup …` or `ocs backup restore …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct BackupArgs {
    #[command(subcommand)]
    restore: Option<BackupCommand>,
    /// TOML configuration (database URL, keys folder).
    #[arg(long, short, env = "OCS_CONFIG", required = true)]
    config: Option<PathBuf>,
    /// The initiative's slug.
    #[arg(long, required = true)]
    initiative: Option<String>,
    /// The backup file to write; refused if it exists.
    #[arg(long, required = true)]
    out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// Put a backup's statements back into the configured database.
    Restore {
        /// TOML configuration (database URL, keys folder).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The backup file.
        #[arg(long = "in")]
        input: PathBuf,
    },
}

fn run_backup(args: BackupArgs) -> anyhow::Result<()> {
    if let Some(BackupCommand::Restore {
        config,
        initiative,
        input,
    }) = args.restore
    {
        return backup::restore(&config, &initiative, &input);
    }
    backup::create(
        &args.config.context("--config is required")?,
        &args.initiative.context("--initiative is required")?,
        &args.out.context("--out is required")?,
    )
}

/// `ocs export …` or `ocs export verify …`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct ExportArgs {
    #[command(subcommand)]
    verify: Option<ExportCommand>,
    /// TOML configuration (register data, database URL, time zone).
    #[arg(long, short, env = "OCS_CONFIG", required = true)]
    config: Option<PathBuf>,
    /// The initiative's slug.
    #[arg(long, required = true)]
    initiative: Option<String>,
    /// The recipient private key file (`ocs-sk-1:…`, mode 0600).
    #[arg(long, required = true)]
    private_key: Option<PathBuf>,
    /// The organisers' manifest signing key (`ocs keygen --signing`), mode 0600.
    #[arg(long, required = true)]
    signing_key: Option<PathBuf>,
    /// Output folder; created if missing, refused if not empty.
    #[arg(long, required = true)]
    out: Option<PathBuf>,
    /// Database URL instead of the configuration's (e.g. a copy of the database).
    #[arg(long)]
    database: Option<String>,
    /// Only this state of nationality (EU or ISO code); repeat for several.
    #[arg(long = "country", value_name = "XX")]
    countries: Vec<String>,
    /// First signing date included (YYYY-MM-DD, signing time zone).
    #[arg(long)]
    from: Option<jiff::civil::Date>,
    /// Last signing date included (YYYY-MM-DD, signing time zone).
    #[arg(long)]
    to: Option<jiff::civil::Date>,
    /// Also export statements taken in test mode, marked `test="true"`.
    #[arg(long)]
    include_test: bool,
    /// Also write that state's file encrypted to the authority's public key (`ocs-pk-1:…`),
    /// as `FILE.hpke`; repeat for several states.
    #[arg(long = "authority-key", value_name = "XX=FILE")]
    authority_keys: Vec<String>,
    /// TrueType font of the printable Annex III PDFs; it must cover Greek and Cyrillic.
    #[arg(
        long,
        default_value = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    )]
    font: PathBuf,
    /// Also keep the plain XML and PDF files of states with an authority key. By default
    /// only their encrypted copies (`.hpke`) are left: the plain files are overwritten and
    /// removed once sealed (R23: delivery only encrypted to the recipient's key).
    #[arg(long)]
    plain: bool,
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// Check an export folder: the manifest signature, every file's hash and count; with
    /// --log or --log-dir also against the public tally log: the export's checkpoint is the
    /// log's, every statement is in it, and each state holds what the log counts.
    Verify {
        /// The export folder.
        dir: PathBuf,
        /// The organisers' public signing key (`ocs-sign-pk-1:…`).
        #[arg(long)]
        public_key: PathBuf,
        /// The site (`https://example.org`) or the log (`…/log/SLUG`) to check against.
        #[arg(long, value_name = "URL", conflicts_with = "log_dir")]
        log: Option<String>,
        /// A folder copy of the log (`ocs log verify --mirror DIR`) to check against.
        #[arg(long, value_name = "DIR")]
        log_dir: Option<PathBuf>,
        /// The log's verifier key (`name+keyid+base64`, or a file holding it); with --log,
        /// by default the one the site announces.
        #[arg(long, value_name = "KEY")]
        log_key: Option<String>,
    },
    /// Decrypt a `FILE.hpke` with the authority's private key (`ocs-sk-1:…`, mode 0600).
    Open {
        /// The authority's private key file.
        #[arg(long)]
        private_key: PathBuf,
        /// Where to write the decrypted file; refused if it exists.
        #[arg(long)]
        out: PathBuf,
        /// The encrypted file, named as exported (`SLUG-xx.xml.hpke`).
        input: PathBuf,
    },
    /// Write the statements still sealed, with a signed manifest, for decryption elsewhere
    /// (no private key needed).
    Sealed {
        /// TOML configuration (database URL, initiative).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The organisers' manifest signing key, mode 0600.
        #[arg(long)]
        signing_key: PathBuf,
        /// Output folder; created if missing, refused if not empty.
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a sealed export's signature and import it into a database (e.g. a new SQLite
    /// file), which `ocs export --database` then reads with the private key.
    OpenSealed {
        /// TOML configuration (the initiative).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
        /// The initiative's slug.
        #[arg(long)]
        initiative: String,
        /// The organisers' public signing key (`ocs-sign-pk-1:…`).
        #[arg(long)]
        public_key: PathBuf,
        /// The database to import into (`sqlite://PATH` or `postgres://…`).
        #[arg(long)]
        database: String,
        /// The sealed export folder.
        input: PathBuf,
    },
}

fn run_export(args: ExportArgs) -> anyhow::Result<()> {
    match args.verify {
        Some(ExportCommand::Verify {
            dir,
            public_key,
            log,
            log_dir,
            log_key,
        }) => {
            let source = match (log, log_dir) {
                (Some(url), _) => Some(crate::log_verify::LogSource::Url(url)),
                (None, Some(dir)) => Some(crate::log_verify::LogSource::Dir(dir)),
                (None, None) => None,
            };
            if export::verify(&dir, &public_key, source.as_ref(), log_key.as_deref())? {
                return Ok(());
            }
            anyhow::bail!("the export in {} does not verify", dir.display());
        }
        Some(ExportCommand::Open {
            private_key,
            out,
            input,
        }) => return export::open(&input, &private_key, &out),
        Some(ExportCommand::Sealed {
            config,
            initiative,
            signing_key,
            out,
        }) => return export::sealed(&config, &initiative, &signing_key, &out),
        Some(ExportCommand::OpenSealed {
            config,
            initiative,
            public_key,
            database,
            input,
        }) => return export::open_sealed(&config, &initiative, &public_key, &database, &input),
        None => {}
    }
    let request = export::ExportRequest {
        config: args.config.context("--config is required")?,
        initiative: args.initiative.context("--initiative is required")?,
        private_key: args.private_key.context("--private-key is required")?,
        signing_key: args.signing_key.context("--signing-key is required")?,
        out: args.out.context("--out is required")?,
        database: args.database,
        countries: args.countries,
        from: args.from,
        to: args.to,
        include_test: args.include_test,
        authority_keys: args.authority_keys,
        font: args.font,
        plain: args.plain,
    };
    export::run(&request)
}

fn keygen(out: Option<PathBuf>, secret: Option<PathBuf>) -> anyhow::Result<()> {
    let entropy = ocs_crypto::OsEntropy;
    if let Some(path) = secret {
        ocs_crypto::SecretKey::generate_file(&path, &entropy)
            .with_context(|| format!("writing the secret {}", path.display()))?;
        println!(
            "wrote a new server secret to {} (mode 0600)",
            path.display()
        );
        return Ok(());
    }
    let prefix = out.context("--out is required")?;
    let (public, private_path, public_path) = demo::write_key_pair(&prefix, &entropy)?;
    println!("public key (put it in the initiative's recipient_keys):\n{public}");
    println!("public key file:  {}", public_path.display());
    println!("private key file: {} (mode 0600)", private_path.display());
    println!(
        "WARNING: the private key opens every statement sealed to this public key. Keep it \
         offline (an encrypted USB key in a safe, not the web server) and make a backup."
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Issue 19, finding 11: under the usual umask 022 the database, its WAL and the logs
    /// were created 0644. After `private_umask` (the first thing `main` does) a SQLite
    /// database, its WAL and SHM, a log file and a folder are private.
    #[test]
    fn files_are_created_private_whatever_the_umask() {
        use std::os::unix::fs::PermissionsExt as _;
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
        private_umask();
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data");
        std::fs::create_dir(&folder).unwrap();
        let db = folder.join("ocs.db");
        let store = ocs_storage_sqlite::SqliteStore::open(
            &db,
            ocs_storage_sqlite::SqliteOptions::default(),
        )
        .unwrap();
        std::fs::write(folder.join("ocs.log"), b"x").unwrap();
        let mode =
            |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        for name in ["ocs.db", "ocs.db-wal", "ocs.db-shm", "ocs.log"] {
            let path = folder.join(name);
            assert!(path.exists(), "{name}");
            assert_eq!(mode(&path), 0o600, "{name}");
        }
        drop(store);
    }

    /// `ocs --version` names the commit (or says it is unknown), for bug reports and upgrades.
    #[test]
    fn version_names_the_commit() {
        let version = Cli::command().render_version();
        assert!(
            version.starts_with(&format!("ocs {} (commit ", env!("CARGO_PKG_VERSION"))),
            "{version}"
        );
        let commit = version
            .trim_end()
            .trim_end_matches(')')
            .rsplit(' ')
            .next()
            .unwrap();
        assert!(
            commit == "unknown"
                || (commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit())),
            "{version}"
        );
    }

    #[test]
    fn demo_defaults() {
        let cli = Cli::try_parse_from(["ocs", "demo"]).unwrap();
        match cli.command {
            Command::Demo { listen, data_dir } => {
                assert_eq!(listen.to_string(), "127.0.0.1:8080");
                assert_eq!(data_dir, PathBuf::from("./ocs-demo-data"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn export_and_verify_parse() {
        let cli = Cli::try_parse_from(["ocs", "export", "verify", "out", "--public-key", "k.pk"])
            .unwrap();
        assert!(matches!(
            cli.command,
            Command::Export(args) if matches!(args.verify, Some(ExportCommand::Verify { .. }))
        ));
        assert!(Cli::try_parse_from(["ocs", "export", "--initiative", "demo"]).is_err());
        let cli = Cli::try_parse_from([
            "ocs",
            "export",
            "--config",
            "c.toml",
            "--initiative",
            "demo",
            "--private-key",
            "k.sk",
            "--signing-key",
            "s.sk",
            "--out",
            "out",
            "--country",
            "DE",
            "--country",
            "fr",
            "--from",
            "2026-01-01",
            "--authority-key",
            "DE=de.pk",
        ])
        .unwrap();
        match cli.command {
            Command::Export(args) => {
                assert_eq!(args.countries, ["DE", "fr"]);
                assert!(args.from.is_some() && args.to.is_none() && !args.include_test);
                assert_eq!(args.authority_keys, ["DE=de.pk"]);
            }
            other => panic!("unexpected {other:?}"),
        }
        let cli = Cli::try_parse_from([
            "ocs",
            "export",
            "open",
            "--private-key",
            "de.sk",
            "--out",
            "de.xml",
            "demo-de.xml.hpke",
        ])
        .unwrap();
        assert!(matches!(
            cli.command,
            Command::Export(args) if matches!(args.verify, Some(ExportCommand::Open { .. }))
        ));
    }
}
