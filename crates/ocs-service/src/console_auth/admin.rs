//! What the console shows and changes besides sign-in: the account list and account changes
//! for host administrators, and an initiative's audit rows with the chain's state. Each takes
//! the capability it needs.

use ocs_crypto::password::hash_password_with;
use ocs_domain::ErrorCode;
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountName, CanAdminister, CanView, Role};
use ocs_storage::audit::verify_log;
use ocs_storage::{Account, AccountChange, AuditEntry, NewAccount, StorageError};

use super::{AuthError, ConsoleAuth};
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, stored_entry};

/// Why an account change was refused (`ACC-…`).
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// The password is too short or too long.
    #[error("a password has 12 to 1024 characters")]
    Password,
    /// The password is common or easy to guess (`ocs_crypto::password::check_strength`).
    #[error("the password is too common or too easy to guess; choose a longer, unusual one")]
    WeakPassword,
    /// The name is malformed.
    #[error("an account name is 1 to 64 characters of a-z, 0-9, '.', '_' and '-'")]
    Name,
    /// No such account.
    #[error("no such account")]
    NotFound,
    /// Organisers and observers need an initiative; host administrators have none.
    #[error("an organiser or observer needs an initiative; a host administrator has none")]
    Initiative,
    /// The name is taken.
    #[error("the name is taken")]
    Taken,
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
}

impl AccountError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Password => ErrorCode::AccountPassword,
            Self::Name => ErrorCode::AccountName,
            Self::NotFound => ErrorCode::AccountNotFound,
            Self::Initiative => ErrorCode::AccountInitiative,
            Self::Taken => ErrorCode::AccountTaken,
            Self::WeakPassword => ErrorCode::AccountWeakPassword,
            Self::Storage(_) => ErrorCode::ConsoleStorage,
        }
    }
}

/// An initiative's latest audit rows and the state of the whole chain.
#[derive(Debug)]
pub struct AuditView {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// `Ok((rows, head))` when the chain is intact, else the break.
    pub chain: Result<(u64, [u8; 32]), String>,
}

impl ConsoleAuth {
    /// Every account, by name.
    pub async fn accounts(&self, _right: CanAdminister) -> Result<Vec<Account>, AuthError> {
        Ok(self.store.accounts.accounts().await?)
    }

    /// Creates an account (audited as `account.created`); its second factor is enrolled at
    /// its first sign-in.
    pub async fn add_account(
        &self,
        actor: &Actor,
        _right: CanAdminister,
        name: &str,
        role: Role,
        initiative: Option<InitiativeId>,
        password: &str,
    ) -> Result<(), AccountError> {
        let name = AccountName::parse(name.trim()).map_err(|_| AccountError::Name)?;
        if role.per_initiative() != initiative.is_some() {
            return Err(AccountError::Initiative);
        }
        let hash = self.new_password_hash(&name, password).await?;
        let now = self.clock.now();
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::ACCOUNT_CREATED,
            initiative,
            format!("{name} as {role}"),
        );
        let account = NewAccount {
            name,
            role,
            initiative,
            password_hash: hash,
            created_at: now,
        };
        match self
            .store
            .accounts
            .create_account(account, stored_entry(event, now))
            .await
        {
            Ok(_) => Ok(()),
            Err(StorageError::Conflict) => Err(AccountError::Taken),
            Err(other) => Err(other.into()),
        }
    }

    /// Refuses (or allows again) sign-in for an account. The store deletes the account's
    /// sessions with the change, so a cookie from before the change never works again, not
    /// even after the account is enabled again.
    pub async fn set_disabled(
        &self,
        actor: &Actor,
        _right: CanAdminister,
        name: &str,
        disabled: bool,
    ) -> Result<(), AccountError> {
        let name = AccountName::parse(name).map_err(|_| AccountError::Name)?;
        let account = self
            .store
            .accounts
            .account_by_name(&name)
            .await?
            .ok_or(AccountError::NotFound)?;
        let action = if disabled {
            AuditAction::ACCOUNT_DISABLED
        } else {
            AuditAction::ACCOUNT_ENABLED
        };
        let now = self.clock.now();
        let event = AuditEvent::new(actor.clone(), action, account.initiative, name.as_str());
        self.store
            .accounts
            .change_account(
                account.id,
                AccountChange::Disabled(disabled),
                stored_entry(event, now),
            )
            .await?;
        Ok(())
    }

    /// Sets a new password for the account named `name` (audited as `account.reset`); its
    /// second factor must be enrolled again at the next sign-in (the store clears it). The
    /// command line's `ocs admin reset` calls this.
    pub async fn reset_password(
        &self,
        actor: &Actor,
        _right: CanAdminister,
        name: &str,
        password: &str,
    ) -> Result<(), AccountError> {
        let name = AccountName::parse(name).map_err(|_| AccountError::Name)?;
        let account = self
            .store
            .accounts
            .account_by_name(&name)
            .await?
            .ok_or(AccountError::NotFound)?;
        let hash = self.new_password_hash(&name, password).await?;
        let now = self.clock.now();
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::ACCOUNT_RESET,
            account.initiative,
            name.as_str(),
        );
        self.store
            .accounts
            .change_account(
                account.id,
                AccountChange::Password(hash),
                stored_entry(event, now),
            )
            .await?;
        Ok(())
    }

    /// The latest `limit` audit rows about the initiative (host administrators also see the
    /// rows about no initiative), newest first, and the verifier's verdict on the whole chain.
    pub async fn audit_view(
        &self,
        right: CanView,
        with_general: bool,
        limit: u32,
    ) -> Result<AuditView, AuthError> {
        let id = right.initiative();
        let entries = self
            .store
            .audit_log
            .recent_audit(limit.saturating_mul(20).max(limit))
            .await?
            .into_iter()
            .filter(|row| {
                row.entry.initiative == Some(id) || (with_general && row.entry.initiative.is_none())
            })
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect();
        let chain = match verify_log(self.store.audit_log.as_ref()).await? {
            Ok(verifier) => Ok((verifier.rows(), *verifier.head().as_bytes())),
            Err(broken) => Err(broken.to_string()),
        };
        Ok(AuditView { entries, chain })
    }

    /// The stored hash of a new password for `name` (creation and reset alike): a weak one
    /// is refused before any work, with the account's name as context (ASVS 2.1.7, `ACC-007`);
    /// hashing runs off the async workers.
    async fn new_password_hash(
        &self,
        name: &AccountName,
        password: &str,
    ) -> Result<String, AccountError> {
        if password.len() >= 12 {
            ocs_crypto::password::check_strength(password, &[name.as_str(), "openocs"])
                .map_err(|_| AccountError::WeakPassword)?;
        }
        let params = self.settings.password;
        let password = password.to_owned();
        let entropy = self.entropy.clone();
        let pepper = self.pepper.clone();
        tokio::task::spawn_blocking(move || {
            hash_password_with(&password, params, pepper.as_ref(), entropy.as_ref())
        })
        .await
        .map_err(|_| AccountError::Password)?
        .map_err(|_| AccountError::Password)
    }
}
