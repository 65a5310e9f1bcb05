//! The [`MailStore`] on PostgreSQL: addresses and the outbox, on the shared pool (the
//! statement writer task is not involved). Each method is one statement or one short
//! transaction; the SQL is checked by the mail contract suite against a real server.

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{
    Added, AddressHash, Day, MailStore, NewMessage, NewSubscriber, QueuedMessage, StorageError,
    Subscriber,
};
use sqlx::{PgPool, Row};

use crate::error::{corrupt, database};

const INSERT_MESSAGE: &str =
    "INSERT INTO mail_outbox (message_id, initiative_id, address_hash, sealed_message)
     VALUES ($1, $2, $3, $4)";

/// Inserts a pending address or refreshes the token of a pending one; a confirmed row is
/// left alone (the `WHERE` of the update), and then no row comes back.
const UPSERT_SUBSCRIBER: &str = "INSERT INTO mail_subscribers
       (initiative_id, address_hash, sealed_address, confirm_hash, confirm_by_day, created_day)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (initiative_id, address_hash) DO UPDATE SET
       sealed_address = excluded.sealed_address,
       confirm_hash = excluded.confirm_hash,
       confirm_by_day = excluded.confirm_by_day
     WHERE mail_subscribers.confirmed_day IS NULL
     RETURNING 1";

fn initiative_of(id: i64, column: &'static str) -> Result<InitiativeId, StorageError> {
    u32::try_from(id)
        .map(InitiativeId::new)
        .map_err(|_| corrupt(column))
}

/// The mail tables on the shared pool.
pub(crate) struct PostgresMail {
    pool: PgPool,
}

impl PostgresMail {
    pub(crate) fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[async_trait]
impl MailStore for PostgresMail {
    async fn add_subscriber(
        &self,
        subscriber: NewSubscriber,
        confirmation: NewMessage,
    ) -> Result<Added, StorageError> {
        let mut transaction = self
            .pool
            .begin()
            .await
            .map_err(database("adding a subscriber"))?;
        let changed = sqlx::query(UPSERT_SUBSCRIBER)
            .bind(i64::from(subscriber.initiative.get()))
            .bind(&subscriber.address_hash[..])
            .bind(&subscriber.sealed_address)
            .bind(&subscriber.confirm_hash[..])
            .bind(subscriber.confirm_by)
            .bind(subscriber.created)
            .fetch_optional(&mut *transaction)
            .await
            .map_err(database("adding a subscriber"))?;
        if changed.is_none() {
            return Ok(Added::AlreadyConfirmed);
        }
        sqlx::query(INSERT_MESSAGE)
            .bind(&confirmation.id[..])
            .bind(i64::from(confirmation.initiative.get()))
            .bind(&confirmation.address_hash[..])
            .bind(&confirmation.sealed_message)
            .execute(&mut *transaction)
            .await
            .map_err(database("queueing a message"))?;
        transaction
            .commit()
            .await
            .map_err(database("adding a subscriber"))?;
        Ok(Added::Pending)
    }

    async fn confirm_subscriber(
        &self,
        confirm_hash: [u8; 32],
        today: Day,
    ) -> Result<Option<InitiativeId>, StorageError> {
        let row = sqlx::query(
            "UPDATE mail_subscribers
             SET confirm_hash = NULL, confirm_by_day = NULL, confirmed_day = $2
             WHERE confirm_hash = $1 AND confirm_by_day >= $2
             RETURNING initiative_id",
        )
        .bind(&confirm_hash[..])
        .bind(today)
        .fetch_optional(&self.pool)
        .await
        .map_err(database("confirming a subscriber"))?;
        row.map(|row| {
            let id: i64 = row
                .try_get(0)
                .map_err(database("confirming a subscriber"))?;
            initiative_of(id, "mail_subscribers.initiative_id")
        })
        .transpose()
    }

    async fn remove_subscriber(
        &self,
        initiative: InitiativeId,
        address_hash: AddressHash,
    ) -> Result<bool, StorageError> {
        let mut transaction = self
            .pool
            .begin()
            .await
            .map_err(database("removing a subscriber"))?;
        let removed = sqlx::query(
            "DELETE FROM mail_subscribers WHERE initiative_id = $1 AND address_hash = $2",
        )
        .bind(i64::from(initiative.get()))
        .bind(&address_hash[..])
        .execute(&mut *transaction)
        .await
        .map_err(database("removing a subscriber"))?;
        sqlx::query("DELETE FROM mail_outbox WHERE initiative_id = $1 AND address_hash = $2")
            .bind(i64::from(initiative.get()))
            .bind(&address_hash[..])
            .execute(&mut *transaction)
            .await
            .map_err(database("removing a subscriber"))?;
        transaction
            .commit()
            .await
            .map_err(database("removing a subscriber"))?;
        Ok(removed.rows_affected() > 0)
    }

    async fn confirmed_subscribers(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<Subscriber>, StorageError> {
        let rows = sqlx::query(
            "SELECT address_hash, sealed_address, confirmed_day FROM mail_subscribers
             WHERE initiative_id = $1 AND confirmed_day IS NOT NULL
             ORDER BY address_hash",
        )
        .bind(i64::from(initiative.get()))
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading subscribers"))?;
        rows.iter()
            .map(|row| {
                let hash: Vec<u8> = row.try_get(0).map_err(database("reading subscribers"))?;
                Ok(Subscriber {
                    address_hash: hash
                        .try_into()
                        .map_err(|_| corrupt("mail_subscribers.address_hash"))?,
                    sealed_address: row.try_get(1).map_err(database("reading subscribers"))?,
                    confirmed: row.try_get(2).map_err(database("reading subscribers"))?,
                })
            })
            .collect()
    }

    async fn queue_messages(&self, messages: Vec<NewMessage>) -> Result<(), StorageError> {
        let mut transaction = self
            .pool
            .begin()
            .await
            .map_err(database("queueing messages"))?;
        for message in &messages {
            sqlx::query(INSERT_MESSAGE)
                .bind(&message.id[..])
                .bind(i64::from(message.initiative.get()))
                .bind(&message.address_hash[..])
                .bind(&message.sealed_message)
                .execute(&mut *transaction)
                .await
                .map_err(database("queueing messages"))?;
        }
        transaction
            .commit()
            .await
            .map_err(database("queueing messages"))?;
        Ok(())
    }

    async fn due_messages(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<QueuedMessage>, StorageError> {
        let rows = sqlx::query(
            "SELECT message_id, initiative_id, sealed_message, attempts FROM mail_outbox
             WHERE next_attempt_ms <= $1
             ORDER BY attempts, next_attempt_ms
             LIMIT $2",
        )
        .bind(now.as_millisecond())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(database("reading the outbox"))?;
        rows.iter()
            .map(|row| {
                let id: Vec<u8> = row.try_get(0).map_err(database("reading the outbox"))?;
                let initiative: i64 = row.try_get(1).map_err(database("reading the outbox"))?;
                let attempts: i32 = row.try_get(3).map_err(database("reading the outbox"))?;
                Ok(QueuedMessage {
                    id: id
                        .try_into()
                        .map_err(|_| corrupt("mail_outbox.message_id"))?,
                    initiative: initiative_of(initiative, "mail_outbox.initiative_id")?,
                    sealed_message: row.try_get(2).map_err(database("reading the outbox"))?,
                    attempts: u32::try_from(attempts)
                        .map_err(|_| corrupt("mail_outbox.attempts"))?,
                })
            })
            .collect()
    }

    async fn delete_message(&self, id: [u8; 16]) -> Result<(), StorageError> {
        sqlx::query("DELETE FROM mail_outbox WHERE message_id = $1")
            .bind(&id[..])
            .execute(&self.pool)
            .await
            .map_err(database("deleting a message"))?;
        Ok(())
    }

    async fn retry_message(
        &self,
        id: [u8; 16],
        attempts: u32,
        next_attempt: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE mail_outbox SET attempts = $2, next_attempt_ms = $3 WHERE message_id = $1",
        )
        .bind(&id[..])
        .bind(i32::try_from(attempts).unwrap_or(i32::MAX))
        .bind(next_attempt.as_millisecond())
        .execute(&self.pool)
        .await
        .map_err(database("rescheduling a message"))?;
        Ok(())
    }

    async fn purge_mail(&self, initiative: InitiativeId) -> Result<u64, StorageError> {
        let mut transaction = self.pool.begin().await.map_err(database("purging mail"))?;
        let removed = sqlx::query("DELETE FROM mail_subscribers WHERE initiative_id = $1")
            .bind(i64::from(initiative.get()))
            .execute(&mut *transaction)
            .await
            .map_err(database("purging mail"))?;
        sqlx::query("DELETE FROM mail_outbox WHERE initiative_id = $1")
            .bind(i64::from(initiative.get()))
            .execute(&mut *transaction)
            .await
            .map_err(database("purging mail"))?;
        transaction
            .commit()
            .await
            .map_err(database("purging mail"))?;
        Ok(removed.rows_affected())
    }

    async fn prune_unconfirmed(&self, today: Day) -> Result<u64, StorageError> {
        let removed = sqlx::query(
            "DELETE FROM mail_subscribers WHERE confirmed_day IS NULL AND confirm_by_day < $1",
        )
        .bind(today)
        .execute(&self.pool)
        .await
        .map_err(database("pruning unconfirmed addresses"))?;
        Ok(removed.rows_affected())
    }
}
