//! Command-line interface: `serve`, `demo`, `keygen`, `check-config`, `migrate`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::{backend, config, demo, logging, startup};

/// OpenOCS: an online collection system for citizens' initiatives.
#[derive(Debug, Parser)]
#[command(name = "ocs", version, about, propagate_version = true)]
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
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Where the demo keeps its configuration, database, keys and logs.
        #[arg(long, default_value = "./ocs-demo-data")]
        data_dir: PathBuf,
    },
    /// Make an HPKE recipient key pair (PREFIX.pk public, PREFIX.sk private, mode 0600), or a
    /// server secret with --secret.
    Keygen {
        /// File-name prefix of the key pair.
        #[arg(long, required_unless_present = "secret", conflicts_with = "secret")]
        out: Option<PathBuf>,
        /// Write a new 32-byte server secret to this file (mode 0600) instead.
        #[arg(long)]
        secret: Option<PathBuf>,
    },
    /// Load and check a configuration and print it with secrets masked.
    CheckConfig {
        /// TOML configuration.
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
    },
    /// Apply pending database migrations.
    Migrate {
        /// TOML configuration (for the database URL).
        #[arg(long, short, env = "OCS_CONFIG")]
        config: PathBuf,
    },
}

/// Runs the command line and turns an error into a message and exit code 1.
pub fn main() -> ExitCode {
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
        Command::Serve { config } => {
            let config = config::load(&config)?;
            let _guard = logging::init(&config.log)?;
            startup::run_server(config, None)
        }
        Command::Demo { listen, data_dir } => demo::run(listen, &data_dir),
        Command::Keygen { out, secret } => keygen(out, secret),
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
}
