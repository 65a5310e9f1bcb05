//! What the organisers do with the e-mail updates: count and export the confirmed addresses,
//! and write an update to all of them (checked before anything is queued).

use ocs_crypto::random_bytes;
use ocs_domain::access::CanManage;
use ocs_domain::{InitiativeId, Slug};
use ocs_storage::NewMessage;

use super::{
    ADDRESS_CONTEXT, MailError, MailService, SealedMail, UNSUBSCRIBE_PLACEHOLDER, date_of,
};
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent};

/// What is wrong with an update the organisers wrote (each has its own message code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateProblem {
    /// The subject is empty.
    EmptySubject,
    /// The subject has a line break (it would start a new mail header).
    SubjectNotOneLine,
    /// The subject is longer than [`MAX_SUBJECT_CHARS`].
    SubjectTooLong,
    /// The text is empty.
    EmptyBody,
    /// The text is longer than [`MAX_BODY_BYTES`].
    BodyTooLong,
}

impl UpdateProblem {
    /// The stable code (docs/ERRORS.md).
    pub fn code(self) -> ocs_domain::ErrorCode {
        use ocs_domain::ErrorCode;
        match self {
            Self::EmptySubject => ErrorCode::MailNoSubject,
            Self::SubjectNotOneLine => ErrorCode::MailSubjectNotOneLine,
            Self::SubjectTooLong => ErrorCode::MailSubjectTooLong,
            Self::EmptyBody => ErrorCode::MailNoBody,
            Self::BodyTooLong => ErrorCode::MailBodyTooLong,
        }
    }
}

/// Longest subject of an update, in characters.
pub const MAX_SUBJECT_CHARS: usize = 200;
/// Longest text of an update, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Checks an update before anything is queued: a one-line subject of at most
/// [`MAX_SUBJECT_CHARS`] and a non-empty text of at most [`MAX_BODY_BYTES`].
pub fn check_update(subject: &str, body: &str) -> Result<(), UpdateProblem> {
    if subject.contains(['\r', '\n']) {
        return Err(UpdateProblem::SubjectNotOneLine);
    }
    if subject.trim().is_empty() {
        return Err(UpdateProblem::EmptySubject);
    }
    if subject.chars().count() > MAX_SUBJECT_CHARS {
        return Err(UpdateProblem::SubjectTooLong);
    }
    if body.trim().is_empty() {
        return Err(UpdateProblem::EmptyBody);
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(UpdateProblem::BodyTooLong);
    }
    Ok(())
}

/// The organisers' export as CSV: a header line `email,confirmed_on`, then one line per
/// address. Every cell goes through [`crate::text::csv_cell`], so a value a spreadsheet would
/// read as a formula is defused and a separator is quoted.
pub fn addresses_csv(addresses: &[ExportedAddress]) -> String {
    let mut csv = String::from("email,confirmed_on\n");
    for row in addresses {
        csv.push_str(&crate::text::csv_cell(&row.address));
        csv.push(',');
        csv.push_str(&crate::text::csv_cell(&row.confirmed_on.to_string()));
        csv.push('\n');
    }
    csv
}
/// A confirmed address for the organisers' export.
#[derive(Debug, Clone)]
pub struct ExportedAddress {
    /// The address.
    pub address: String,
    /// The day it was confirmed.
    pub confirmed_on: jiff::civil::Date,
}

impl MailService {
    /// How many confirmed addresses `slug` has, for the console (opens none).
    pub async fn subscriber_count(&self, slug: &Slug) -> Result<usize, MailError> {
        let initiative = self.initiative(slug)?;
        Ok(self
            .store
            .mail
            .confirmed_subscribers(initiative)
            .await?
            .len())
    }

    /// The initiative a right is for, if it is served.
    fn managed(&self, right: CanManage) -> Result<InitiativeId, MailError> {
        self.catalog
            .by_id(right.initiative())
            .map(|entry| entry.initiative.id)
            .ok_or(MailError::InitiativeNotFound)
    }

    /// The organisers' export: every confirmed address of the initiative, decrypted.
    /// Audited (the count, never an address) before anything is returned.
    pub async fn export_confirmed(
        &self,
        right: CanManage,
        actor: Actor,
    ) -> Result<Vec<ExportedAddress>, MailError> {
        let initiative = self.managed(right)?;
        let subscribers = self.store.mail.confirmed_subscribers(initiative).await?;
        let mut addresses = Vec::with_capacity(subscribers.len());
        for subscriber in subscribers {
            let address = self
                .ring
                .open(initiative, ADDRESS_CONTEXT, &subscriber.sealed_address)
                .map_err(|e| MailError::Key(e.to_string()))?;
            addresses.push(ExportedAddress {
                address: String::from_utf8(address.to_vec())
                    .map_err(|_| MailError::Key("an address is not UTF-8".to_owned()))?,
                confirmed_on: date_of(subscriber.confirmed),
            });
        }
        let event = AuditEvent::new(
            actor,
            AuditAction::MAIL_EXPORTED,
            Some(initiative),
            format!("{} confirmed addresses", addresses.len()),
        );
        self.audit.record(event, self.clock.now()).await?;
        Ok(addresses)
    }

    /// Queues an update to every confirmed subscriber of the initiative, each with its own
    /// unsubscribe link (the footer is added). Audited with the count. Returns the count.
    pub async fn send_update(
        &self,
        right: CanManage,
        subject: &str,
        body: &str,
        actor: Actor,
    ) -> Result<usize, MailError> {
        check_update(subject, body).map_err(MailError::BadUpdate)?;
        let initiative = self.managed(right)?;
        let subscribers = self.store.mail.confirmed_subscribers(initiative).await?;
        let mut messages = Vec::with_capacity(subscribers.len());
        for subscriber in &subscribers {
            let address = self
                .ring
                .open(initiative, ADDRESS_CONTEXT, &subscriber.sealed_address)
                .map_err(|e| MailError::Key(e.to_string()))?;
            let address = String::from_utf8(address.to_vec())
                .map_err(|_| MailError::Key("an address is not UTF-8".to_owned()))?;
            let unsubscribe = self.link(
                "unsubscribe",
                &self
                    .key
                    .unsubscribe_token(initiative, &subscriber.address_hash),
            );
            let footer = self
                .settings
                .update_footer
                .replace(UNSUBSCRIBE_PLACEHOLDER, &unsubscribe);
            let text = format!("{}\n\n{footer}", body.trim_end());
            messages.push(NewMessage {
                id: random_bytes(self.entropy.as_ref()),
                initiative,
                address_hash: subscriber.address_hash,
                sealed_message: self.seal_mail(
                    initiative,
                    &SealedMail {
                        to: address,
                        subject: subject.to_owned(),
                        body: text,
                        unsubscribe,
                    },
                )?,
            });
        }
        let count = messages.len();
        let event = AuditEvent::new(
            actor,
            AuditAction::MAIL_UPDATE_QUEUED,
            Some(initiative),
            format!("{count} messages"),
        );
        self.audit.record(event, self.clock.now()).await?;
        self.store.mail.queue_messages(messages).await?;
        Ok(count)
    }
}
