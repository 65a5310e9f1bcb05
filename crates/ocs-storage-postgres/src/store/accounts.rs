//! [`PostgresStore`] as [`AccountStore`] and [`SessionStore`].

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::access::{AccountId, AccountName};
use ocs_storage::{
    Account, AccountChange, AccountStore, AuditEntry, NewAccount, NewAuditEntry, SessionRecord,
    SessionStore, StorageError, ThrottleKey,
};

use crate::accounts;

use super::PostgresStore;

#[async_trait]
impl AccountStore for PostgresStore {
    async fn create_account(
        &self,
        account: NewAccount,
        audit: NewAuditEntry,
    ) -> Result<Account, StorageError> {
        accounts::create(&self.pool, &account, audit).await
    }

    async fn account_by_name(&self, name: &AccountName) -> Result<Option<Account>, StorageError> {
        Ok(accounts::read(&self.pool, Some(name)).await?.pop())
    }

    async fn accounts(&self) -> Result<Vec<Account>, StorageError> {
        accounts::read(&self.pool, None).await
    }

    async fn change_account(
        &self,
        id: AccountId,
        change: AccountChange,
        audit: NewAuditEntry,
    ) -> Result<AuditEntry, StorageError> {
        accounts::change(&self.pool, id, change, audit).await
    }

    async fn accept_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StorageError> {
        accounts::accept_totp_step(&self.pool, id, step).await
    }
}

#[async_trait]
impl SessionStore for PostgresStore {
    async fn create_session(
        &self,
        session_hash: ocs_storage::SessionHash,
        record: SessionRecord,
    ) -> Result<(), StorageError> {
        accounts::create_session(&self.pool, session_hash, &record).await
    }

    async fn session(
        &self,
        session_hash: ocs_storage::SessionHash,
    ) -> Result<Option<SessionRecord>, StorageError> {
        accounts::session(&self.pool, session_hash).await
    }

    async fn touch_session(
        &self,
        session_hash: ocs_storage::SessionHash,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        accounts::touch_or_end(&self.pool, session_hash, Some(now)).await
    }

    async fn end_session(
        &self,
        session_hash: ocs_storage::SessionHash,
    ) -> Result<(), StorageError> {
        accounts::touch_or_end(&self.pool, session_hash, None).await
    }

    async fn record_login_failure(
        &self,
        key: &ThrottleKey,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        let prune = ocs_storage::accounts::throttle_prune_ms(now, window);
        accounts::record_login_failure(
            &self.pool,
            key.as_str(),
            now.as_millisecond(),
            cutoff,
            prune,
        )
        .await
    }

    async fn login_failures(
        &self,
        key: &ThrottleKey,
        now: Timestamp,
        window: SignedDuration,
    ) -> Result<u32, StorageError> {
        let cutoff = ocs_storage::throttle_cutoff_ms(now, window);
        accounts::login_failures(&self.pool, key.as_str(), cutoff).await
    }

    async fn clear_login_failures(&self, key: &ThrottleKey) -> Result<(), StorageError> {
        accounts::clear_login_failures(&self.pool, key.as_str()).await
    }
}
