//! `ocs admin …`: console accounts from the command line (add, list, disable, enable, reset),
//! each change audited as `Actor::Cli`. Passwords come from a file, never from the command
//! line (which other users can read in the process list).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::{Args, Subcommand};
use ocs_crypto::password::{PasswordParams, hash_password_with};
use ocs_domain::Slug;
use ocs_domain::access::{AccountName, Role};
use ocs_service::Actor;
use ocs_service::audit::{AuditEvent, stored_entry};
use ocs_storage::{AccountChange, NewAccount, StorageError};

use crate::backend::Backend;
use crate::config;

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

fn read_password(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading the password file {}", path.display()))?;
    let password = text.trim_end_matches(['\n', '\r']).to_owned();
    Ok(password)
}

fn hashed(path: &Path, pepper: &ocs_crypto::password::Pepper) -> anyhow::Result<String> {
    let password = read_password(path)?;
    hash_password_with(
        &password,
        PasswordParams::default(),
        Some(pepper),
        &ocs_crypto::OsEntropy,
    )
    .map_err(|error| match error {
        ocs_crypto::password::PasswordError::Weak => anyhow::anyhow!("ACC-007 {error}"),
        _ => anyhow::anyhow!("ACC-001 {error}"),
    })
}

/// Runs `ocs admin …`.
pub fn run(args: AdminArgs) -> anyhow::Result<()> {
    let config = config::load(&args.config.context("--config is required")?)?;
    let name = args
        .actor
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned());
    let actor = Actor::Cli(name);
    // Hash before the runtime starts: Argon2id is slow on purpose.
    let password = match &args.command {
        AdminCommand::AddUser { password_file, .. } | AdminCommand::Reset { password_file, .. } => {
            let key = ocs_crypto::SecretKey::load(&config.server_key_file).with_context(|| {
                format!(
                    "secrets.server_key_file {} (the password pepper is derived from it)",
                    config.server_key_file.display()
                )
            })?;
            Some(hashed(
                password_file,
                &crate::startup::password_pepper(&key),
            )?)
        }
        _ => None,
    };
    let initiatives: Vec<(Slug, ocs_domain::InitiativeId)> = config
        .initiatives
        .iter()
        .map(|entry| (entry.initiative.slug.clone(), entry.initiative.id))
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let backend = Backend::open(&config).await?;
        let result = command(&backend, &actor, args.command, password, &initiatives).await;
        backend.close().await?;
        result
    })
}

#[expect(
    clippy::too_many_lines,
    reason = "one arm per subcommand, each a few lines"
)]
async fn command(
    backend: &Backend,
    actor: &Actor,
    command: AdminCommand,
    password: Option<String>,
    initiatives: &[(Slug, ocs_domain::InitiativeId)],
) -> anyhow::Result<()> {
    let store = backend.store();
    let now = ocs_service::Clock::now(&ocs_service::SystemClock);
    let audit = |action: &str, detail: String| {
        stored_entry(AuditEvent::new(actor.clone(), action, None, detail), now)
    };
    let find = |name: &str| {
        let name = AccountName::parse(name).map_err(|e| anyhow::anyhow!("ACC-002 {e}"));
        let store = store.clone();
        async move {
            let name = name?;
            store
                .account_by_name(&name)
                .await
                .context("reading accounts")?
                .with_context(|| format!("ACC-003 no account {name}"))
        }
    };
    match command {
        AdminCommand::AddUser {
            name,
            role,
            initiative,
            ..
        } => {
            let name = AccountName::parse(&name).map_err(|e| anyhow::anyhow!("ACC-002 {e}"))?;
            let role = Role::parse(&role)
                .context("ACC-004 --role must be host-admin, organiser or observer")?;
            let initiative = match (role.per_initiative(), initiative) {
                (true, Some(slug)) => Some(
                    initiatives
                        .iter()
                        .find(|(s, _)| s.as_str() == slug)
                        .map(|(_, id)| *id)
                        .with_context(|| format!("ACC-005 no initiative {slug}"))?,
                ),
                (true, None) => bail!("ACC-005 an {role} needs --initiative SLUG"),
                (false, Some(_)) => bail!("ACC-005 a host-admin is not tied to an initiative"),
                (false, None) => None,
            };
            let account = NewAccount {
                name: name.clone(),
                role,
                initiative,
                password_hash: password.context("no password")?,
                created_at: now,
            };
            let detail = format!("{name} as {role}");
            match store
                .create_account(account, audit("account.created", detail))
                .await
            {
                Ok(_) => println!(
                    "account {name} created ({role}); the second factor is enrolled at the first sign-in"
                ),
                Err(StorageError::Conflict) => bail!("ACC-006 the name {name} is taken"),
                Err(other) => return Err(other).context("creating the account"),
            }
        }
        AdminCommand::ListUsers => {
            for account in store.accounts().await.context("reading accounts")? {
                println!(
                    "{:<24} {:<11} initiative {:<6} second factor {:<9} {}",
                    account.name.as_str(),
                    account.role.as_str(),
                    account
                        .initiative
                        .map_or_else(|| "-".to_owned(), |i| i.to_string()),
                    if account.totp_enrolled {
                        "enrolled"
                    } else {
                        "pending"
                    },
                    if account.disabled {
                        "DISABLED"
                    } else {
                        "active"
                    },
                );
            }
        }
        AdminCommand::Disable { name } => {
            set_disabled(&store, &find(&name).await?, true, &audit).await?;
        }
        AdminCommand::Enable { name } => {
            set_disabled(&store, &find(&name).await?, false, &audit).await?;
        }
        AdminCommand::Reset { name, .. } => {
            let account = find(&name).await?;
            store
                .change_account(
                    account.id,
                    AccountChange::Password(password.context("no password")?),
                    audit("account.reset", account.name.to_string()),
                )
                .await
                .context("changing the account")?;
            println!(
                "password of {} reset; the second factor must be enrolled again",
                account.name
            );
        }
    }
    Ok(())
}

async fn set_disabled(
    store: &std::sync::Arc<dyn ocs_storage::Store>,
    account: &ocs_storage::Account,
    disable: bool,
    audit: &dyn Fn(&str, String) -> ocs_storage::NewAuditEntry,
) -> anyhow::Result<()> {
    let action = if disable {
        "account.disabled"
    } else {
        "account.enabled"
    };
    store
        .change_account(
            account.id,
            AccountChange::Disabled(disable),
            audit(action, account.name.to_string()),
        )
        .await
        .context("changing the account")?;
    println!(
        "account {} {}",
        account.name,
        if disable { "disabled" } else { "enabled" }
    );
    Ok(())
}
