//! [`SqliteStore`] as [`AccountStore`] and [`SessionStore`].

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::access::{AccountId, AccountName};
use ocs_storage::{
    Account, AccountChange, AccountStore, AuditEntry, NewAccount, NewAuditEntry, SessionRecord,
    SessionStore, StorageError, ThrottleKey,
};

use crate::accounts;

use super::SqliteStore;

#[async_trait]
impl AccountStore for SqliteStore {
    async fn create_account(
        &self,
        account: NewAccount,
        audit: NewAuditEntry,
    ) -> Result<Account, StorageError> {
        self.write_console(move |connection| accounts::create(connection, &account, audit))
            .await
    }

    async fn account_by_name(&self, name: &AccountName) -> Result<Option<Account>, StorageError> {
        let name = name.clone();
        let mut found = self
            .read(move |connection| accounts::read(connection, Some(&name)))
            .await?;
        Ok(found.pop())
    }

    async fn accounts(&self) -> Result<Vec<Account>, StorageError> {
        self.read(|connection| accounts::read(connection, None))
            .await
    }

    async fn change_account(
        &self,
        id: AccountId,
        change: AccountChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        self.write_console(move |connection| accounts::change(connection, id, change, audit))
            .await
    }

    async fn accept_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StorageError> {
        self.write_console(move |connection| accounts::accept_totp_step(connection, id, step))
            .await
    }
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn create_session(
        &self,
        session_hash: ocs_storage::SessionHash,
        record: SessionRecord,
    ) -> Result<(), StorageError> {
        self.write_console(move |connection| {
            accounts::create_session(connection, session_hash, &record)
        })
        .await
    }

    async fn session(
        &self,
        session_hash: ocs_storage::SessionHash,
    ) -> Result<Option<SessionRecord>, StorageError> {
        self.read(move |connection| accounts::session(connection, session_hash))
            .await
    }

    async fn touch_session(
        &self,
        session_hash: ocs_storage::SessionHash,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        self.write_console(move |connection| {
            accounts::touch_or_end(connection, session_hash, Some(now))
        })
        .await
    }

    async fn end_session(
        &self,
        session_hash: ocs_storage::SessionHash,
    ) -> Result<(), StorageError> {
        self.write_console(move |connection| accounts::touch_or_end(connection, session_hash, None))
            .await
    }

    async fn record_login_failure(
        &self,
        key: &ThrottleKey,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let key = key.as_str().to_owned();
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        let prune = ocs_storage::accounts::throttle_prune_ms(now, window);
        self.write_console(move |connection| {
            accounts::record_login_failure(connection, &key, now.as_millisecond(), cutoff, prune)
        })
        .await
    }

    async fn login_failures(
        &self,
        key: &ThrottleKey,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let key = key.as_str().to_owned();
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        self.read(move |connection| accounts::login_failures(connection, &key, cutoff))
            .await
    }

    async fn clear_login_failures(&self, key: &ThrottleKey) -> Result<(), StorageError> {
        let key = key.as_str().to_owned();
        self.write_console(move |connection| accounts::clear_login_failures(connection, &key))
            .await
    }
}
