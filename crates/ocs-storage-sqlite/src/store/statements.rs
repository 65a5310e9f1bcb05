//! [`SqliteStore`] as [`StatementStore`]: recording goes to the writer thread, reads to the
//! reader pool.

use std::sync::Arc;
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

use crate::writer::{Job, Work};
use crate::{read, selfservice};

use super::SqliteStore;

#[async_trait]
impl StatementStore for SqliteStore {
    async fn record_statement(&self, statement: SealedStatement) -> Result<Recorded, StorageError> {
        let (reply, answer) = oneshot::channel();
        match self
            .queue
            .try_send(Work::Statement(Job { statement, reply }))
        {
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
        Ok(self.counters.snapshot(initiative))
    }

    async fn statements(
        &self,
        initiative: InitiativeId,
        after_sequence: u64,
        limit: u32,
    ) -> Result<Vec<StoredStatement>, StorageError> {
        self.read(move |connection| read::statements(connection, initiative, after_sequence, limit))
            .await
    }

    async fn find_receipt(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Option<ReceiptRecord>, StorageError> {
        self.read(move |connection| selfservice::find_receipt(connection, initiative, id))
            .await
    }

    async fn withdraw_statement(
        &self,
        initiative: InitiativeId,
        id: StatementId,
    ) -> Result<Withdrawn, StorageError> {
        let (withdrawn, nationality) = self
            .delete(move |connection| selfservice::withdraw(connection, initiative, id))
            .await?;
        if let Some(nationality) = nationality {
            self.counters.remove(initiative, nationality);
        }
        Ok(withdrawn)
    }

    async fn paper_counts(
        &self,
        initiative: InitiativeId,
    ) -> Result<std::collections::BTreeMap<ocs_domain::CountryCode, u64>, StorageError> {
        self.read(move |connection| read::paper_counts(connection, initiative))
            .await
    }

    async fn destroy_initiative(
        &self,
        initiative: InitiativeId,
    ) -> Result<Destroyed, StorageError> {
        let destroyed = self
            .delete(move |connection| selfservice::delete_initiative(connection, initiative))
            .await?;
        self.counters.clear(initiative);
        // The reader's cached statements must not pin the old snapshot during the checkpoint.
        // A failed compaction leaves the deletes committed and the destruction pending: the
        // next call compacts again.
        let reader = Arc::clone(&self.reader);
        self.delete(move |connection| {
            let _reader = reader.lock();
            selfservice::compact(connection)
        })
        .await?;
        Ok(destroyed)
    }

    async fn counts_over_time(
        &self,
        initiative: InitiativeId,
        since: Timestamp,
        bucket: jiff::SignedDuration,
    ) -> Result<Vec<(Timestamp, u64)>, StorageError> {
        self.read(move |connection| read::counts_over_time(connection, initiative, since, bucket))
            .await
    }

    async fn health(&self) -> Result<(), StorageError> {
        if self.writer_stopped() {
            return Err(StorageError::Unavailable(
                "the writer has stopped".to_owned(),
            ));
        }
        self.read(read::probe).await
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
