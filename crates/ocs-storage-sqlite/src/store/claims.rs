//! [`SqliteStore`] as [`Coordination`] and [`EidSubjects`]: claims, leases and eID subject
//! reservations, each on its own lazily opened connection.

use std::sync::Arc;

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::{DedupTag, InitiativeId};
use ocs_storage::{ClaimKey, Coordination, EidSubjects, StorageError};
use rusqlite::Connection;

use crate::connection::open_writer;

use super::SqliteStore;

impl SqliteStore {
    /// Runs `work` on the claims connection, opened on first use.
    async fn on_claims_connection<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StorageError> {
        let connection = Arc::clone(&self.claims);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock();
            if guard.is_none() {
                let opened = open_writer(&path)?.0;
                opened
                    .pragma_update(None, "synchronous", "NORMAL")
                    .map_err(|error| StorageError::Unavailable(format!("claims: {error}")))?;
                *guard = Some(opened);
            }
            let Some(connection) = guard.as_ref() else {
                return Err(StorageError::Unavailable("claims: no connection".into()));
            };
            work(connection).map_err(|error| StorageError::Unavailable(format!("claims: {error}")))
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("claims task: {error}")))?
    }

    async fn on_eid_connection<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, StorageError> {
        let connection = Arc::clone(&self.eid);
        let path = self.path.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = connection.lock();
            if guard.is_none() {
                *guard = Some(open_writer(&path)?.0);
            }
            let Some(connection) = guard.as_ref() else {
                return Err(StorageError::Unavailable(
                    "eID subjects: no connection".into(),
                ));
            };
            work(connection)
                .map_err(|error| StorageError::Unavailable(format!("eID subjects: {error}")))
        })
        .await
        .map_err(|error| StorageError::Unavailable(format!("eID subjects task: {error}")))?
    }
}

#[async_trait]
impl EidSubjects for SqliteStore {
    async fn reserve_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: DedupTag,
    ) -> Result<bool, StorageError> {
        self.on_eid_connection(move |connection| {
            connection
                .execute(
                    "INSERT INTO eid_subjects (initiative_id, subject_tag) VALUES (?1, ?2)
                     ON CONFLICT DO NOTHING",
                    rusqlite::params![initiative.get(), tag.as_bytes().as_slice()],
                )
                .map(|inserted| inserted == 1)
        })
        .await
    }

    async fn release_eid_subject(
        &self,
        initiative: InitiativeId,
        tag: DedupTag,
    ) -> Result<(), StorageError> {
        self.on_eid_connection(move |connection| {
            connection
                .execute(
                    "DELETE FROM eid_subjects WHERE initiative_id = ?1 AND subject_tag = ?2",
                    rusqlite::params![initiative.get(), tag.as_bytes().as_slice()],
                )
                .map(|_| ())
        })
        .await
    }
}

#[async_trait]
impl Coordination for SqliteStore {
    async fn claim_once(
        &self,
        key: ClaimKey,
        expires_at: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        // Memory decides: it holds every claim of this process and, loaded at open, those
        // of earlier ones. The row is stored with the writer's next batch (`crate::claims`).
        if !self.local.claim(key, expires_at, now) {
            return Ok(false);
        }
        self.pending_claims
            .lock()
            .push((key, expires_at.as_millisecond()));
        Ok(true)
    }

    async fn release_claim(&self, key: ClaimKey) -> Result<(), StorageError> {
        self.local.release(key);
        if crate::claims::forget(&self.pending_claims, &key) {
            return Ok(());
        }
        self.on_claims_connection(move |connection| {
            connection
                .execute(
                    "DELETE FROM used_claims WHERE key = ?1",
                    [&key.as_bytes()[..]],
                )
                .map(|_| ())
        })
        .await
    }

    async fn try_lease(
        &self,
        job: &str,
        holder: &str,
        until: Timestamp,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        Ok(self.local.lease(job, holder, until, now))
    }

    async fn prune_claims(&self, now: Timestamp) -> Result<u64, StorageError> {
        self.local.prune(now);
        let now_ms = now.as_millisecond();
        // Claims no batch has carried yet (no statement since) are stored here.
        let pending = crate::claims::take(&self.pending_claims);
        let back = Arc::clone(&self.pending_claims);
        let deleted = self
            .on_claims_connection(move |connection| {
                if let Err(error) = crate::claims::write(connection, &pending) {
                    crate::claims::put_back(&back, pending);
                    return Err(error);
                }
                connection.execute(
                    "DELETE FROM used_claims WHERE expires_at_ms <= ?1",
                    [now_ms],
                )
            })
            .await?;
        Ok(u64::try_from(deleted).unwrap_or(u64::MAX))
    }
}
