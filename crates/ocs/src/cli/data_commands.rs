//! `ocs mail …`, `ocs paper …` and `ocs backup …`: the commands over collected data.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::backup;

/// `ocs mail …`.
#[derive(Debug, Subcommand)]
pub(super) enum MailCommand {
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

#[derive(Debug, Subcommand)]
pub(super) enum PaperCommand {
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
pub(super) struct BackupArgs {
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
    /// Open a scheduled whole-database snapshot (`[backup] snapshot_key`) into a fresh
    /// folder, with the private half of the snapshot key.
    RestoreSnapshot {
        /// The private half of the snapshot key (`NAME.sk` of `ocs keygen --out NAME`).
        #[arg(long)]
        key: PathBuf,
        /// The folder to restore into (new or empty): the database becomes `DIR/ocs.db`.
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
        /// The snapshot file (`DIR/_database/<unix ms>.snapshot`).
        snapshot: PathBuf,
    },
}

pub(super) fn run_backup(args: BackupArgs) -> anyhow::Result<()> {
    match args.restore {
        Some(BackupCommand::Restore {
            config,
            initiative,
            input,
        }) => return backup::restore(&config, &initiative, &input),
        Some(BackupCommand::RestoreSnapshot {
            key,
            into,
            snapshot,
        }) => return backup::restore_snapshot(&snapshot, &key, &into),
        None => {}
    }
    backup::create(
        &args.config.context("--config is required")?,
        &args.initiative.context("--initiative is required")?,
        &args.out.context("--out is required")?,
    )
}
