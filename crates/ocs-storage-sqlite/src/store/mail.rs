//! [`SqliteStore`] as [`ocs_storage::MailStore`], over [`crate::mail`].

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::StorageError;

use super::SqliteStore;

#[async_trait]
impl ocs_storage::MailStore for SqliteStore {
    async fn add_subscriber(
        &self,
        subscriber: ocs_storage::NewSubscriber,
        confirmation: ocs_storage::NewMessage,
    ) -> Result<ocs_storage::Added, StorageError> {
        self.mail.add_subscriber(subscriber, confirmation).await
    }

    async fn confirm_subscriber(
        &self,
        confirm_hash: [u8; 32],
        today: ocs_storage::Day,
    ) -> Result<Option<InitiativeId>, StorageError> {
        self.mail.confirm_subscriber(confirm_hash, today).await
    }

    async fn remove_subscriber(
        &self,
        initiative: InitiativeId,
        address_hash: ocs_storage::AddressHash,
    ) -> Result<bool, StorageError> {
        self.mail.remove_subscriber(initiative, address_hash).await
    }

    async fn confirmed_subscribers(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<ocs_storage::Subscriber>, StorageError> {
        self.mail.confirmed_subscribers(initiative).await
    }

    async fn queue_messages(
        &self,
        messages: Vec<ocs_storage::NewMessage>,
    ) -> Result<(), StorageError> {
        self.mail.queue_messages(messages).await
    }

    async fn due_messages(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<ocs_storage::QueuedMessage>, StorageError> {
        self.mail.due_messages(now, limit).await
    }

    async fn delete_message(&self, id: [u8; 16]) -> Result<(), StorageError> {
        self.mail.delete_message(id).await
    }

    async fn retry_message(
        &self,
        id: [u8; 16],
        attempts: u32,
        next_attempt: Timestamp,
    ) -> Result<(), StorageError> {
        self.mail.retry_message(id, attempts, next_attempt).await
    }

    async fn purge_mail(&self, initiative: InitiativeId) -> Result<u64, StorageError> {
        self.mail.purge_mail(initiative).await
    }

    async fn prune_unconfirmed(&self, today: ocs_storage::Day) -> Result<u64, StorageError> {
        self.mail.prune_unconfirmed(today).await
    }
}
