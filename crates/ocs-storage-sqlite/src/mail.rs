//! The [`MailStore`] on SQLite: addresses and the outbox, on a connection of their own (the
//! statement writer thread is not involved; SQLite serialises the two writers, and mail
//! writes are small and rare next to statements).

use std::sync::Arc;

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;
use ocs_storage::{
    Added, AddressHash, Day, MailStore, NewMessage, NewSubscriber, QueuedMessage, StorageError,
    Subscriber,
};
use parking_lot::Mutex;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::error::{corrupt, database};

/// The mail tables on their own read-write connection.
pub(crate) struct SqliteMail {
    connection: Arc<Mutex<Connection>>,
}

impl SqliteMail {
    /// Takes a read-write connection for the mail tables. It never checkpoints on close:
    /// the statement writer's connection owns that (its close checkpoints and removes the
    /// WAL), and a store dropped while the writer drains must not have this connection do it
    /// first on the dropping thread.
    pub(crate) fn new(connection: Connection) -> Result<Self, StorageError> {
        connection
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .map_err(database("configuring the mail connection"))?;
        Ok(Self {
            connection: Arc::new(Mutex::new(connection)),
        })
    }

    /// Runs `work` on the mail connection, off the async threads.
    async fn run<T, W>(&self, work: W) -> Result<T, StorageError>
    where
        T: Send + 'static,
        W: FnOnce(&mut Connection) -> Result<T, StorageError> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        tokio::task::spawn_blocking(move || work(&mut connection.lock()))
            .await
            .map_err(|error| StorageError::Unavailable(format!("mail task failed: {error}")))?
    }
}

fn insert_message(connection: &Connection, message: &NewMessage) -> Result<(), StorageError> {
    connection
        .prepare_cached(
            "INSERT INTO mail_outbox (message_id, initiative_id, address_hash, sealed_message)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .and_then(|mut insert| {
            insert.execute(params![
                &message.id[..],
                i64::from(message.initiative.get()),
                &message.address_hash[..],
                &message.sealed_message,
            ])
        })
        .map_err(database("queueing a message"))?;
    Ok(())
}

#[async_trait]
impl MailStore for SqliteMail {
    async fn add_subscriber(
        &self,
        subscriber: NewSubscriber,
        confirmation: NewMessage,
    ) -> Result<Added, StorageError> {
        self.run(move |connection| {
            let transaction = connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(database("adding a subscriber"))?;
            let initiative = i64::from(subscriber.initiative.get());
            let confirmed: Option<Option<i64>> = transaction
                .query_row(
                    "SELECT confirmed_day FROM mail_subscribers
                     WHERE initiative_id = ?1 AND address_hash = ?2",
                    params![initiative, &subscriber.address_hash[..]],
                    |row| row.get(0),
                )
                .optional()
                .map_err(database("adding a subscriber"))?;
            if let Some(Some(_)) = confirmed {
                return Ok(Added::AlreadyConfirmed);
            }
            transaction
                .execute(
                    "INSERT INTO mail_subscribers
                       (initiative_id, address_hash, sealed_address, confirm_hash,
                        confirm_by_day, created_day)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (initiative_id, address_hash) DO UPDATE SET
                       sealed_address = excluded.sealed_address,
                       confirm_hash = excluded.confirm_hash,
                       confirm_by_day = excluded.confirm_by_day",
                    params![
                        initiative,
                        &subscriber.address_hash[..],
                        &subscriber.sealed_address,
                        &subscriber.confirm_hash[..],
                        subscriber.confirm_by,
                        subscriber.created,
                    ],
                )
                .map_err(database("adding a subscriber"))?;
            insert_message(&transaction, &confirmation)?;
            transaction
                .commit()
                .map_err(database("adding a subscriber"))?;
            Ok(Added::Pending)
        })
        .await
    }

    async fn confirm_subscriber(
        &self,
        confirm_hash: [u8; 32],
        today: Day,
    ) -> Result<Option<InitiativeId>, StorageError> {
        self.run(move |connection| {
            let initiative: Option<i64> = connection
                .query_row(
                    "UPDATE mail_subscribers
                     SET confirm_hash = NULL, confirm_by_day = NULL, confirmed_day = ?2
                     WHERE confirm_hash = ?1 AND confirm_by_day >= ?2
                     RETURNING initiative_id",
                    params![&confirm_hash[..], today],
                    |row| row.get(0),
                )
                .optional()
                .map_err(database("confirming a subscriber"))?;
            initiative
                .map(|id| {
                    u32::try_from(id)
                        .map(InitiativeId::new)
                        .map_err(|_| corrupt("mail_subscribers.initiative_id"))
                })
                .transpose()
        })
        .await
    }

    async fn remove_subscriber(
        &self,
        initiative: InitiativeId,
        address_hash: AddressHash,
    ) -> Result<bool, StorageError> {
        self.run(move |connection| {
            let transaction = connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(database("removing a subscriber"))?;
            let keys = params![i64::from(initiative.get()), &address_hash[..]];
            let removed = transaction
                .execute(
                    "DELETE FROM mail_subscribers WHERE initiative_id = ?1 AND address_hash = ?2",
                    keys,
                )
                .map_err(database("removing a subscriber"))?;
            transaction
                .execute(
                    "DELETE FROM mail_outbox WHERE initiative_id = ?1 AND address_hash = ?2",
                    keys,
                )
                .map_err(database("removing a subscriber"))?;
            transaction
                .commit()
                .map_err(database("removing a subscriber"))?;
            Ok(removed > 0)
        })
        .await
    }

    async fn confirmed_subscribers(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<Subscriber>, StorageError> {
        self.run(move |connection| {
            let mut query = connection
                .prepare_cached(
                    "SELECT address_hash, sealed_address, confirmed_day FROM mail_subscribers
                     WHERE initiative_id = ?1 AND confirmed_day IS NOT NULL
                     ORDER BY address_hash",
                )
                .map_err(database("reading subscribers"))?;
            let rows = query
                .query_map([i64::from(initiative.get())], |row| {
                    Ok((
                        row.get::<_, Vec<u8>>(0)?,
                        row.get::<_, Vec<u8>>(1)?,
                        row.get::<_, i64>(2)?,
                    ))
                })
                .map_err(database("reading subscribers"))?;
            let mut subscribers = Vec::new();
            for row in rows {
                let (hash, sealed_address, confirmed) =
                    row.map_err(database("reading subscribers"))?;
                subscribers.push(Subscriber {
                    address_hash: hash
                        .try_into()
                        .map_err(|_| corrupt("mail_subscribers.address_hash"))?,
                    sealed_address,
                    confirmed,
                });
            }
            Ok(subscribers)
        })
        .await
    }

    async fn queue_messages(&self, messages: Vec<NewMessage>) -> Result<(), StorageError> {
        self.run(move |connection| {
            let transaction = connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(database("queueing messages"))?;
            for message in &messages {
                insert_message(&transaction, message)?;
            }
            transaction
                .commit()
                .map_err(database("queueing messages"))?;
            Ok(())
        })
        .await
    }

    async fn due_messages(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<QueuedMessage>, StorageError> {
        self.run(move |connection| {
            let mut query = connection
                .prepare_cached(
                    "SELECT message_id, initiative_id, sealed_message, attempts FROM mail_outbox
                     WHERE next_attempt_ms <= ?1
                     ORDER BY attempts, next_attempt_ms
                     LIMIT ?2",
                )
                .map_err(database("reading the outbox"))?;
            let rows = query
                .query_map(params![now.as_millisecond(), i64::from(limit)], |row| {
                    Ok((
                        row.get::<_, Vec<u8>>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, Vec<u8>>(2)?,
                        row.get::<_, i64>(3)?,
                    ))
                })
                .map_err(database("reading the outbox"))?;
            let mut messages = Vec::new();
            for row in rows {
                let (id, initiative, sealed_message, attempts) =
                    row.map_err(database("reading the outbox"))?;
                messages.push(QueuedMessage {
                    id: id
                        .try_into()
                        .map_err(|_| corrupt("mail_outbox.message_id"))?,
                    initiative: u32::try_from(initiative)
                        .map(InitiativeId::new)
                        .map_err(|_| corrupt("mail_outbox.initiative_id"))?,
                    sealed_message,
                    attempts: u32::try_from(attempts)
                        .map_err(|_| corrupt("mail_outbox.attempts"))?,
                });
            }
            Ok(messages)
        })
        .await
    }

    async fn delete_message(&self, id: [u8; 16]) -> Result<(), StorageError> {
        self.run(move |connection| {
            connection
                .execute("DELETE FROM mail_outbox WHERE message_id = ?1", [&id[..]])
                .map_err(database("deleting a message"))?;
            Ok(())
        })
        .await
    }

    async fn retry_message(
        &self,
        id: [u8; 16],
        attempts: u32,
        next_attempt: Timestamp,
    ) -> Result<(), StorageError> {
        self.run(move |connection| {
            connection
                .execute(
                    "UPDATE mail_outbox SET attempts = ?2, next_attempt_ms = ?3
                     WHERE message_id = ?1",
                    params![&id[..], i64::from(attempts), next_attempt.as_millisecond()],
                )
                .map_err(database("rescheduling a message"))?;
            Ok(())
        })
        .await
    }

    async fn purge_mail(&self, initiative: InitiativeId) -> Result<u64, StorageError> {
        self.run(move |connection| {
            let transaction = connection
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(database("purging mail"))?;
            let id = i64::from(initiative.get());
            let removed = transaction
                .execute(
                    "DELETE FROM mail_subscribers WHERE initiative_id = ?1",
                    [id],
                )
                .map_err(database("purging mail"))?;
            transaction
                .execute("DELETE FROM mail_outbox WHERE initiative_id = ?1", [id])
                .map_err(database("purging mail"))?;
            transaction.commit().map_err(database("purging mail"))?;
            Ok(u64::try_from(removed).unwrap_or(u64::MAX))
        })
        .await
    }

    async fn prune_unconfirmed(&self, today: Day) -> Result<u64, StorageError> {
        self.run(move |connection| {
            let removed = connection
                .execute(
                    "DELETE FROM mail_subscribers
                     WHERE confirmed_day IS NULL AND confirm_by_day < ?1",
                    [today],
                )
                .map_err(database("pruning unconfirmed addresses"))?;
            Ok(u64::try_from(removed).unwrap_or(u64::MAX))
        })
        .await
    }
}
