//! Command-line interface: `serve`, `demo`, `keygen`, `export`, `initiative`, `audit`,
//! `check-config`, `log`, `keys`, `migrate`, `healthcheck`.

mod data_commands;
mod export_command;
mod keys_command;
mod log_command;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::{
    admin, backend, config, console, demo, export, healthcheck, logging, paper, startup, upgrade,
};

use data_commands::{BackupArgs, MailCommand, PaperCommand, run_backup};
#[cfg(test)]
use export_command::ExportCommand;
use export_command::{ExportArgs, run_export};

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
    /// Server keys by role (tokens, receipt-verifier, totp, pepper): list, rotate, prune.
    Keys(keys_command::KeysArgs),
    /// The audit trail: `ocs audit verify` checks its hash chain.
    Audit(console::AuditArgs),
    /// The public tally log: `ocs log verify URL` audits it over HTTP, `ocs log
    /// check-proof FILE` checks a receipt's proof (no database needed).
    Log(log_command::LogArgs),
    /// Act as a witness of a tally log (the same as `ocs log witness`): audit the log, check
    /// that the checkpoint this witness cosigned last is a prefix of it, cosign the new one,
    /// keep it as the new state, and with --submit post the cosignature to the log.
    Witness(log_command::WitnessArgs),
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
        /// The health address; default: `http://` (`https://` with `[server.tls]`) + the
        /// configured `server.listen` + `/healthz` (a wildcard address is asked on loopback).
        /// Over https, the configured certificate is trusted when --config is given, else
        /// the system's roots.
        #[arg(long)]
        url: Option<String>,
        /// TOML configuration (for `server.listen` and `[server.tls]`).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: Option<PathBuf>,
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
        Command::Log(args) => log_command::run(args),
        Command::Witness(args) => log_command::run_witness(args),
        Command::Admin(args) => admin::run(args),
        Command::Keys(args) => keys_command::run(args),
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
            "--public-key",
            "org.sign.pk",
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
