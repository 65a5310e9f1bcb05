//! `ocs admin …`: console accounts from the command line (add, list, disable, enable, reset).
//! A thin front-end over the console's account service (`ConsoleAuth`), with the operator's
//! principal; each change is audited as `Actor::Operator`. Passwords come from a file, never from
//! the command line (which other users can read in the process list).

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::config;
use crate::operator::{AdminRequest, Password, operator_label};
use crate::submit::submit;

/// `ocs admin …`.
#[derive(Debug, Args)]
pub struct AdminArgs {
    /// TOML configuration (database URL, initiatives).
    #[arg(long, short, env = "OCS_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Name recorded in the audit trail (default: $USER).
    #[arg(long = "as", global = true)]
    actor: Option<String>,
    #[command(subcommand)]
    command: AdminCommand,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create a console account.
    AddUser {
        /// Sign-in name (a-z, 0-9, '.', '_', '-').
        name: String,
        /// host-admin, organiser or observer.
        #[arg(long)]
        role: String,
        /// The initiative (slug) of an organiser or observer.
        #[arg(long)]
        initiative: Option<String>,
        /// File holding the initial password (12 to 1024 characters; one line).
        #[arg(long)]
        password_file: PathBuf,
    },
    /// List the accounts.
    ListUsers,
    /// Refuse sign-in for an account.
    Disable {
        /// Sign-in name.
        name: String,
    },
    /// Allow sign-in again.
    Enable {
        /// Sign-in name.
        name: String,
    },
    /// Set a new password; the second factor must be enrolled again at the next sign-in.
    Reset {
        /// Sign-in name.
        name: String,
        /// File holding the new password.
        #[arg(long)]
        password_file: PathBuf,
    },
}

/// Runs `ocs admin …`: one request to the account service the console uses, through the
/// running server when there is one (`crate::submit::submit`).
pub fn run(args: AdminArgs) -> anyhow::Result<()> {
    let config = config::load(&args.config.context("--config is required")?)?;
    let label = operator_label(args.actor);
    let request = match args.command {
        AdminCommand::AddUser {
            name,
            role,
            initiative,
            password_file,
        } => AdminRequest::AddUser {
            name,
            role,
            initiative,
            password: Password::read(&password_file)?,
        },
        AdminCommand::ListUsers => AdminRequest::ListUsers,
        AdminCommand::Disable { name } => AdminRequest::SetDisabled {
            name,
            disabled: true,
        },
        AdminCommand::Enable { name } => AdminRequest::SetDisabled {
            name,
            disabled: false,
        },
        AdminCommand::Reset {
            name,
            password_file,
        } => AdminRequest::ResetPassword {
            name,
            password: Password::read(&password_file)?,
        },
    };
    submit(&config, &label, request)
}
