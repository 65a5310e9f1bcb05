//! [`PostgresStore`] as [`StatementStore`]: recording goes to the writer task, reads to the pool.

use std::sync::atomic::Ordering;

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{CountSnapshot, InitiativeId, StatementId};
use ocs_storage::{
    Destroyed, ReceiptRecord, Recorded, SealedStatement, StatementStore, StorageError, StoreStats,
    StoredStatement, Withdrawn,
};
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::oneshot;

use crate::writer::Job;
use crate::{read, selfservice};

use super::PostgresStore;

#[async_trait]
impl StatementStore for PostgresStore {
    async fn record_statement(&self, statement: SealedStatement) -> Result<Recorded, StorageError> {
        let (reply, answer) = oneshot::channel();
        match self.queue.try_send(Job { statement, reply }) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                self.stats.rejected_busy.fetch_add(1, Ordering::Relaxed);
                return Err(StorageError::Busy);
            }
            Err(TrySendError::Closed(_)) => {
                return Err(StorageError::Unavailable(
                    "the writer has stopped".to_owned(),
                ));
            }
        }
        answer.await.map_err(|_| {
            StorageError::Unavailable("the writer stopped before answering".to_owned())
        })?
    }

    async fn counts(&self, initiative: InitiativeId) -> Result<CountSnapshot, StorageError> {
        read::counts(&self.pool, initiative).await
    }

    async fn statements(
        &self,
        initiative: InitiativeId,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<StoredStatement>, StorageError> {
        read::statements(&self.pool, initiative, after_sequence, limit).await
    }

    async fn find_receipt(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Option<ReceiptRecord>, StorageError> {
        selfservice::find_receipt(&self.pool, initiative, id).await
    }

    async fn withdraw_statement(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Withdrawn, StorageError> {
        selfservice::withdraw(&self.pool, initiative, id, self.slot).await
    }

    async fn paper_counts(
        &self,
        initiative: InitiativeId,
    ) -> Result<std::collections::BTreeMap<ocs_domain::CountryCode, u64>, StorageError> {
        read::paper_counts(&self.pool, initiative).await
    }

    async fn destroy_initiative(
        &self,
        initiative: InitiativeId,
    ) -> Result<Destroyed, StorageError> {
        selfservice::destroy(&self.pool, initiative).await
    }

    async fn counts_over_time(
        &self,
        initiative: InitiativeId,
        since: Timestamp,
        bucket: jiff::SignedDuration,
    ) -> Result<Vec<(Timestamp, u64)>, StorageError> {
        read::counts_over_time(&self.pool, initiative, since, bucket).await
    }

    async fn health(&self) -> Result<(), StorageError> {
        if self.writer_stopped() {
            return Err(StorageError::Unavailable(
                "the writer has stopped".to_owned(),
            ));
        }
        read::probe(&self.pool).await
    }

    fn stats(&self) -> StoreStats {
        let queue_capacity = self.queue.max_capacity();
        StoreStats {
            committed: self.stats.committed.load(Ordering::Relaxed),
            duplicates: self.stats.duplicates.load(Ordering::Relaxed),
            batches: self.stats.batches.load(Ordering::Relaxed),
            rejected_busy: self.stats.rejected_busy.load(Ordering::Relaxed),
            queue_depth: queue_capacity.saturating_sub(self.queue.capacity()),
            queue_capacity,
        }
    }
}
