//! The recipient key holders' confirmations (issue 20, ADR 0011): statements are sealed to
//! the organisers' and the authorities' public keys, whose private halves are offline with
//! their holders. Destruction cannot reach them, so the certificate names each of the
//! initiative's recipient keys by key id and asks its holder to destroy the private half;
//! [`Destruction::confirm_key_destroyed`] records a holder's confirmation in the audit trail
//! (`ocs initiative key-destroyed`), and [`Destruction::recipient_keys`] lists the keys with
//! their confirmations next to the destruction certificate (`ocs initiative keys`).

use jiff::Timestamp;
use ocs_crypto::RecipientPublicKey;
use ocs_domain::ErrorCode;
use ocs_domain::access::{CanManage, CanView};

use super::{DESTROYED_ACTION, Destruction};
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent};
use crate::catalog::CatalogEntry;

/// The audit action of a key holder's confirmation.
pub const KEY_DESTROYED_ACTION: AuditAction = AuditAction::KEYS_HOLDER_DESTROYED;
/// Longest holder name or note.
pub const MAX_HOLDER: usize = 200;
const PAGE: u32 = 1000;

/// Why a confirmation was refused or the list could not be read; nothing was recorded.
#[derive(Debug, thiserror::Error)]
pub enum KeyHolderError {
    /// The key is none of the initiative's recipient keys.
    #[error("{0} is not a recipient key of this initiative")]
    NotOfInitiative(String),
    /// The holder's name is empty or longer than 200 characters.
    #[error("the key holder's name (1 to 200 characters) is required")]
    Holder,
    /// The initiative is not served.
    #[error("no such initiative")]
    NotFound,
    /// The audit trail failed.
    #[error("audit trail: {0}")]
    Storage(String),
}

impl KeyHolderError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotOfInitiative(_) => ErrorCode::KeyNotOfInitiative,
            Self::Holder => ErrorCode::KeyHolderMissing,
            Self::NotFound => ErrorCode::InitiativeNotFound,
            Self::Storage(_) => ErrorCode::KeyStorage,
        }
    }
}

/// One recipient key of an initiative and what its holders confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientKeyStatus {
    /// `organisers` or `authority DE`.
    pub role: String,
    /// The key id (16 hex digits, `ocs keygen` prints it).
    pub key_id: String,
    /// Each confirmation: when, and the recorded detail (holder).
    pub confirmations: Vec<(Timestamp, String)>,
}

/// What a confirmation's audit detail says after the key id and role, before the holder.
const CONFIRMED_BY: &str = "private key destroyed, confirmed by ";

impl RecipientKeyStatus {
    /// The holder named in one of this key's confirmation details (the whole detail if it
    /// is not worded as one).
    pub fn holder_of<'a>(&self, detail: &'a str) -> &'a str {
        detail
            .strip_prefix(&format!("{} {}: ", self.key_id, self.role))
            .and_then(|rest| rest.strip_prefix(CONFIRMED_BY))
            .unwrap_or(detail)
    }
}

/// The recipient keys of `entry` as (role, key id).
pub fn recipient_keys(entry: &CatalogEntry) -> Vec<(String, String)> {
    let id = |key: &RecipientPublicKey| hex::encode(key.key_id());
    entry
        .recipients
        .iter()
        .map(|key| ("organisers".to_owned(), id(key)))
        .chain(
            entry
                .authority_keys
                .iter()
                .map(|(country, key)| (format!("authority {country}"), id(key))),
        )
        .collect()
}

/// The certificate's line on recipient keys.
pub(super) fn certificate_line(entry: Option<&CatalogEntry>) -> String {
    let Some(entry) = entry else {
        return "recipient keys: unknown (initiative not served)".to_owned();
    };
    let keys = recipient_keys(entry)
        .into_iter()
        .map(|(role, id)| format!("{role} {id}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "recipient private keys their holders must destroy and confirm (`ocs initiative key-destroyed`): {keys}"
    )
}

impl Destruction {
    fn served(&self, id: ocs_domain::InitiativeId) -> Result<CatalogEntry, KeyHolderError> {
        self.catalog
            .as_ref()
            .and_then(|catalog| catalog.by_id(id))
            .map(|entry| (*entry).clone())
            .ok_or(KeyHolderError::NotFound)
    }

    /// Records that `holder` confirmed destroying the private half of `key` (a key id or the
    /// `ocs-pk-1:` public key), one of the initiative's recipient keys.
    pub async fn confirm_key_destroyed(
        &self,
        actor: &Actor,
        right: CanManage,
        key: &str,
        holder: &str,
    ) -> Result<RecipientKeyStatus, KeyHolderError> {
        let entry = self.served(right.initiative())?;
        let holder = crate::text::one_line(holder.trim());
        if holder.is_empty() || holder.chars().count() > MAX_HOLDER {
            return Err(KeyHolderError::Holder);
        }
        let wanted = RecipientPublicKey::parse(key.trim()).map_or_else(
            |_| key.trim().to_ascii_lowercase(),
            |k| hex::encode(k.key_id()),
        );
        let (role, key_id) = recipient_keys(&entry)
            .into_iter()
            .find(|(_, id)| *id == wanted)
            .ok_or_else(|| {
                KeyHolderError::NotOfInitiative(key.trim().chars().take(40).collect())
            })?;
        self.parts
            .audit
            .record(
                AuditEvent::new(
                    actor.clone(),
                    KEY_DESTROYED_ACTION,
                    Some(right.initiative()),
                    format!("{key_id} {role}: {CONFIRMED_BY}{holder}"),
                ),
                self.parts.clock.now(),
            )
            .await
            .map_err(|error| KeyHolderError::Storage(error.to_string()))?;
        let mut list = self.recipient_keys(right.view()).await?.0;
        list.retain(|status| status.key_id == key_id && status.role == role);
        list.pop()
            .ok_or_else(|| KeyHolderError::Storage("confirmation not found".to_owned()))
    }

    /// The initiative's recipient keys with their holders' confirmations, and the
    /// destruction certificate's text if destruction happened.
    pub async fn recipient_keys(
        &self,
        right: CanView,
    ) -> Result<(Vec<RecipientKeyStatus>, Option<String>), KeyHolderError> {
        let id = right.initiative();
        let entry = self.served(id)?;
        let mut list: Vec<RecipientKeyStatus> = recipient_keys(&entry)
            .into_iter()
            .map(|(role, key_id)| RecipientKeyStatus {
                role,
                key_id,
                confirmations: Vec::new(),
            })
            .collect();
        let mut certificate = None;
        let mut after = 0;
        loop {
            let rows = self
                .parts
                .store
                .audit_log
                .audit_entries(after, PAGE)
                .await
                .map_err(|error| KeyHolderError::Storage(error.to_string()))?;
            let Some(newest) = rows.last() else { break };
            after = newest.sequence;
            for row in rows.iter().filter(|row| row.entry.initiative == Some(id)) {
                let entry = &row.entry;
                if entry.action == DESTROYED_ACTION {
                    certificate = Some(entry.detail.clone());
                } else if entry.action == KEY_DESTROYED_ACTION {
                    for status in &mut list {
                        if entry
                            .detail
                            .starts_with(&format!("{} {}:", status.key_id, status.role))
                        {
                            status.confirmations.push((entry.at, entry.detail.clone()));
                        }
                    }
                }
            }
        }
        Ok((list, certificate))
    }
}
