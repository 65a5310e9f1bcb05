//! `ocs keys …`: the server keys by role (ADR 0012): list them, rotate one role, prune the
//! token keys past their grace period. Key files live in `secrets.role_keys_dir`, never in
//! the database; a server reads them at start, so restart `ocs serve` (every node, after
//! copying the new file to each) for a rotation to take effect.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use ocs_crypto::role_keys::{self, KeyRole};
use ocs_service::{Clock as _, SystemClock};

use crate::{config, startup};

/// `ocs keys …`.
#[derive(Debug, Args)]
pub(super) struct KeysArgs {
    #[command(subcommand)]
    command: KeysCommand,
    /// TOML configuration (for `secrets.server_key_file` and `secrets.role_keys_dir`).
    #[arg(long, short, env = "OCS_CONFIG", global = true)]
    config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum KeysCommand {
    /// Every role's key ids, when each was made, and which one signs.
    List,
    /// Make the next key of a role. It signs from the next start; older ids keep verifying
    /// (token keys for `secrets.token_key_grace_hours`, the long-lived ones until their
    /// files are removed).
    Rotate {
        /// `tokens`, `receipt-verifier`, `totp` or `pepper`.
        #[arg(long)]
        role: String,
    },
    /// Delete the token key files that no longer verify (their successor is older than the
    /// grace period). Long-lived keys are never pruned here.
    Prune,
}

/// Runs `ocs keys …`.
pub(super) fn run(args: KeysArgs) -> anyhow::Result<()> {
    let path = args
        .config
        .context("--config is required (or set OCS_CONFIG)")?;
    let config = config::load(&path)?;
    let dir = &config.role_keys_dir;
    let now = SystemClock.now();
    match args.command {
        KeysCommand::List => {
            let server_key = startup::load_server_key(&config)?;
            let keys = startup::server_keys(&config, &server_key)?;
            for role in KeyRole::ALL {
                let ring = keys.role(role);
                let (current, _) = ring.current();
                for (id, created) in ring.ids() {
                    let made = created.map_or_else(
                        || "from secrets.server_key_file".to_owned(),
                        |t| format!("made {t}"),
                    );
                    let state = if id == current {
                        "signs"
                    } else if !role.is_short_lived() || ring.verifying(id, now).is_some() {
                        "verifies"
                    } else {
                        "expired (ocs keys prune)"
                    };
                    println!("{role:<17} id {id:<3} {made:<40} {state}");
                }
            }
            Ok(())
        }
        KeysCommand::Rotate { role } => {
            let role = KeyRole::parse(&role).with_context(|| {
                format!("unknown role {role:?}: tokens, receipt-verifier, totp or pepper")
            })?;
            let file = role_keys::rotate(dir, role, now, &ocs_crypto::OsEntropy)
                .with_context(|| format!("secrets.role_keys_dir {}", dir.display()))?;
            println!(
                "wrote {role} key id {} to {} (mode 0600)",
                file.id,
                file.path.display()
            );
            println!(
                "copy it to every node's {} and restart `ocs serve` there: it signs from then on",
                dir.display()
            );
            if !role.is_short_lived() {
                println!(
                    "keep the older {role} keys: values made under them (receipt verifiers \
                     until the statements are destroyed; TOTP secrets and passwords until each \
                     account signs in again) need them (docs/SECURITY.md, key rotation)"
                );
            }
            Ok(())
        }
        KeysCommand::Prune => {
            let removed = role_keys::prune_token_keys(dir, now, config.token_key_grace)?;
            for file in &removed {
                println!("removed {} (token key id {})", file.path.display(), file.id);
            }
            if removed.is_empty() {
                println!("no token key is past its grace period");
            }
            Ok(())
        }
    }
}
