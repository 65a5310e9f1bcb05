//! [`MailStore`]: the addresses of signers who asked for e-mail updates, and the outbox of
//! messages waiting for the SMTP server. Kept apart from the statements: no row here names a
//! statement, and no time here is finer than a day (docs/MAIL.md).

use async_trait::async_trait;
use jiff::Timestamp;
use ocs_domain::InitiativeId;

use crate::StorageError;

/// A keyed hash of a normalised address (under the mail key, per initiative): finds an
/// address for confirmation, unsubscribe and uniqueness without storing it in clear.
pub type AddressHash = [u8; 32];

/// A day as days since 1970-01-01 (UTC): the only precision of a time in the mail tables.
pub type Day = i64;

/// An address to add, not yet stored.
#[derive(Debug, Clone)]
pub struct NewSubscriber {
    /// The initiative the updates are about.
    pub initiative: InitiativeId,
    /// Keyed hash of the address.
    pub address_hash: AddressHash,
    /// The address, encrypted with the mail key.
    pub sealed_address: Vec<u8>,
    /// SHA-256 of the double opt-in token.
    pub confirm_hash: [u8; 32],
    /// Last day the token is valid.
    pub confirm_by: Day,
    /// The day the address was given.
    pub created: Day,
}

/// A message to queue, not yet stored.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// Random id.
    pub id: [u8; 16],
    /// The initiative that sends it.
    pub initiative: InitiativeId,
    /// The recipient's keyed address hash (pending mail is dropped on unsubscribe).
    pub address_hash: AddressHash,
    /// Recipient, subject and text, encrypted with the mail key.
    pub sealed_message: Vec<u8>,
}

/// A queued message as stored.
#[derive(Debug, Clone)]
pub struct QueuedMessage {
    /// Random id.
    pub id: [u8; 16],
    /// The initiative that sends it.
    pub initiative: InitiativeId,
    /// Recipient, subject and text, encrypted with the mail key.
    pub sealed_message: Vec<u8>,
    /// Delivery attempts so far.
    pub attempts: u32,
}

/// A confirmed subscriber as stored.
#[derive(Debug, Clone)]
pub struct Subscriber {
    /// Keyed hash of the address.
    pub address_hash: AddressHash,
    /// The address, encrypted with the mail key.
    pub sealed_address: Vec<u8>,
    /// The day it was confirmed.
    pub confirmed: Day,
}

/// What [`MailStore::add_subscriber`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new address (or a pending one with a fresh token); the confirmation was queued.
    Pending,
    /// The address is confirmed already; nothing changed and nothing was queued.
    AlreadyConfirmed,
}

/// The optional e-mail updates.
#[async_trait]
pub trait MailStore: Send + Sync {
    /// Adds a pending address and queues its confirmation message, in one transaction. A
    /// pending address gets the new token (the old one stops working); a confirmed one is
    /// left alone and nothing is queued.
    async fn add_subscriber(
        &self,
        subscriber: NewSubscriber,
        confirmation: NewMessage,
    ) -> Result<Added, StorageError>;

    /// Confirms the pending address whose token hashes to `confirm_hash`, if the token is
    /// valid on `today`. Returns the initiative, or `None` for an unknown or expired token.
    async fn confirm_subscriber(
        &self,
        confirm_hash: [u8; 32],
        today: Day,
    ) -> Result<Option<InitiativeId>, StorageError>;

    /// Deletes an address and every message queued to it. Returns whether it was there.
    async fn remove_subscriber(
        &self,
        initiative: InitiativeId,
        address_hash: AddressHash,
    ) -> Result<bool, StorageError>;

    /// Every confirmed address of an initiative, in address-hash order.
    async fn confirmed_subscribers(
        &self,
        initiative: InitiativeId,
    ) -> Result<Vec<Subscriber>, StorageError>;

    /// Queues messages (an update to every subscriber) in one transaction.
    async fn queue_messages(&self, messages: Vec<NewMessage>) -> Result<(), StorageError>;

    /// Up to `limit` messages due at `now`, fewest attempts first.
    async fn due_messages(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> Result<Vec<QueuedMessage>, StorageError>;

    /// Deletes a message: delivered, or given up.
    async fn delete_message(&self, id: [u8; 16]) -> Result<(), StorageError>;

    /// Records a failed attempt: `attempts` so far, try again at `next_attempt`.
    async fn retry_message(
        &self,
        id: [u8; 16],
        attempts: u32,
        next_attempt: Timestamp,
    ) -> Result<(), StorageError>;

    /// Deletes every address and queued message of an initiative (its retention deadline).
    /// Returns how many addresses were deleted.
    async fn purge_mail(&self, initiative: InitiativeId) -> Result<u64, StorageError>;

    /// Drops pending addresses whose token expired before `today`; returns how many.
    async fn prune_unconfirmed(&self, today: Day) -> Result<u64, StorageError>;
}
