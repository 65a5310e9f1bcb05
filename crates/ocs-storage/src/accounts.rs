//! [`AccountStore`]: console accounts (Argon2id hash, sealed TOTP secret, disabled flag), each
//! change stored with its audit row in one transaction.

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountId, AccountName, Role};

use crate::audit::{AuditEntry, NewAuditEntry};
use crate::{CsrfHash, SessionHash, StorageError, ThrottleKey};

/// An account not yet stored.
#[derive(Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// Sign-in name.
    pub name: AccountName,
    /// Role.
    pub role: Role,
    /// The initiative of an organiser or observer.
    pub initiative: Option<InitiativeId>,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// When it was made.
    pub created_at: Timestamp,
}

/// A stored account.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    /// Number.
    pub id: AccountId,
    /// Sign-in name.
    pub name: AccountName,
    /// Role.
    pub role: Role,
    /// The initiative of an organiser or observer.
    pub initiative: Option<InitiativeId>,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// The sealed TOTP secret, once enrolment started.
    pub totp_secret: Option<Vec<u8>>,
    /// Whether the second factor is confirmed.
    pub totp_enrolled: bool,
    /// Whether sign-in is refused.
    pub disabled: bool,
    /// When it was made.
    pub created_at: Timestamp,
}

impl std::fmt::Debug for Account {
    // Never the hash or the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("initiative", &self.initiative)
            .field("totp_enrolled", &self.totp_enrolled)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAccount")
            .field("name", &self.name)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// A change to an account.
#[derive(Clone, PartialEq, Eq)]
pub enum AccountChange {
    /// Refuse or allow sign-in.
    Disabled(bool),
    /// A new password; the second factor must be enrolled again.
    Password(String),
    /// The same password hashed anew (a pepper added after a good sign-in); the second factor
    /// stays.
    Rehash(String),
    /// The sealed TOTP secret and whether it is confirmed.
    Totp {
        /// Sealed secret.
        secret: Vec<u8>,
        /// Confirmed by a first valid code.
        enrolled: bool,
    },
}

/// Console accounts.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Stores `account` and `audit` together; `Conflict` when the name is taken.
    async fn create_account(
        &self,
        account: NewAccount,
        audit: NewAuditEntry,
    ) -> Result<Account, StorageError>;

    /// The account with this name.
    async fn account_by_name(&self, name: &AccountName) -> Result<Option<Account>, StorageError>;

    /// Every account, by name.
    async fn accounts(&self) -> Result<Vec<Account>, StorageError>;

    /// Applies `change` and `audit` together; `NotFound` for an unknown account. Every change
    /// except [`AccountChange::Rehash`] also deletes all sessions of the account in the same
    /// transaction (disable, enable, password reset, second-factor (re-)enrolment, and any
    /// change added later): a session cookie from before never works again (issue 19,
    /// finding 4).
    async fn change_account(
        &self,
        id: AccountId,
        change: AccountChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError>;

    /// Records `step` as the account's last accepted TOTP time step, atomically, only if it is
    /// later than the one stored: `Ok(true)` when it was, `Ok(false)` when a code of this step
    /// or a later one was already accepted (a replay), `NotFound` for an unknown account.
    async fn accept_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StorageError>;
}

/// Whether `change` ends the account's sessions: all but a rehash of the same password.
pub fn change_ends_sessions(change: &AccountChange) -> bool {
    !matches!(change, AccountChange::Rehash(_))
}

/// A console session as stored: only a hash of its random id is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// Whose session.
    pub account: AccountId,
    /// When it started (absolute expiry counts from here).
    pub created_at: Timestamp,
    /// Last request (idle expiry counts from here).
    pub last_seen_at: Timestamp,
    /// SHA-256 of the session's form token.
    pub csrf_hash: CsrfHash,
}

/// Console sessions.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores a new session under `session_hash`.
    async fn create_session(
        &self,
        session_hash: SessionHash,
        record: SessionRecord,
    ) -> Result<(), StorageError>;

    /// The session stored under `session_hash`.
    async fn session(
        &self,
        session_hash: SessionHash,
    ) -> Result<Option<SessionRecord>, StorageError>;

    /// Records activity at `now`.
    async fn touch_session(
        &self,
        session_hash: SessionHash,
        now: Timestamp,
    ) -> Result<(), StorageError>;

    /// Ends one session (sign-out, expiry).
    async fn end_session(&self, session_hash: SessionHash) -> Result<(), StorageError>;

    /// Counts one failed sign-in under `key` (a hash of an account name or a network, never
    /// the raw value) at `now`, atomically, and returns the failures in the current window.
    /// A window older than `window` starts again at `now`; rows of every key older than
    /// [`THROTTLE_RETENTION`] (or `window`, if longer) are pruned on the way, so keys
    /// counted over different windows can share the table. Every node on the same database shares these counters.
    async fn record_login_failure(
        &self,
        key: &ThrottleKey,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError>;

    /// The failures counted under `key` in a window still open at `now` (0 when none).
    async fn login_failures(
        &self,
        key: &ThrottleKey,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError>;

    /// Forgets the failures under `key` (after a good sign-in).
    async fn clear_login_failures(&self, key: &ThrottleKey) -> Result<(), StorageError>;
}

/// How long a throttle row is kept at least, whatever the window of the call that prunes:
/// callers count some keys over long windows (the sign-in back-off counts a day), so a call
/// with a short window must not delete their rows. An expired row in a short window is
/// already ignored and restarted by the queries.
pub const THROTTLE_RETENTION: SignedDuration = SignedDuration::from_hours(7 * 24);

/// The cut-off below which throttle rows of every key may be deleted.
pub fn throttle_prune_ms(now: Timestamp, window: SignedDuration) -> i64 {
    throttle_cutoff_ms(now, window.max(THROTTLE_RETENTION))
}

/// The first millisecond still inside a window of `window` ending at `now`: a row whose
/// window started at or before `now - window` is expired.
pub fn throttle_cutoff_ms(now: Timestamp, window: SignedDuration) -> i64 {
    let window_ms = i64::try_from(window.as_millis()).unwrap_or(i64::MAX);
    now.as_millisecond().saturating_sub(window_ms)
}
