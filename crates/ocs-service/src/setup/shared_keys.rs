//! One key pair per initiative (ADR 0011, issue 20): a recipient public key — the organisers'
//! or an authority's — that another stored initiative already uses is refused (`INI-019`) in
//! the one set-up path the configuration file, the console and `ocs initiative` share. When a
//! key pair served two initiatives, destroying one initiative's private key at its deadline
//! would either destroy the other's too or, more likely, not happen, and every copy of the
//! first initiative's envelopes would stay openable.

use ocs_crypto::RecipientPublicKey;
use ocs_domain::InitiativeId;

use super::{InitiativeDefinition, InitiativeSetup, SetupError};

/// Every recipient key of `definition` in canonical text (unparsable ones are left to
/// [`InitiativeDefinition::check`]).
pub(crate) fn recipient_keys(definition: &InitiativeDefinition) -> Vec<String> {
    std::iter::once(&definition.recipient_key)
        .chain(&definition.more_recipient_keys)
        .chain(definition.authority_keys.values())
        .filter_map(|text| RecipientPublicKey::parse(text.trim()).ok())
        .map(|key| key.to_text())
        .collect()
}

impl InitiativeSetup {
    /// Refuses `definition` of initiative `id` when one of its recipient keys is a recipient
    /// key of another stored initiative.
    pub(crate) async fn refuse_shared_keys(
        &self,
        id: Option<InitiativeId>,
        definition: &InitiativeDefinition,
    ) -> Result<(), SetupError> {
        let keys = recipient_keys(definition);
        for row in self.store.initiatives.stored_initiatives().await? {
            if Some(row.id) == id {
                continue;
            }
            let Ok(other) = serde_json::from_str::<InitiativeDefinition>(&row.definition) else {
                continue;
            };
            let theirs = recipient_keys(&other);
            if let Some(key) = keys.iter().find(|key| theirs.contains(key)) {
                return Err(SetupError::SharedKey {
                    key: short(key),
                    other: row.slug,
                });
            }
        }
        Ok(())
    }
}

impl InitiativeSetup {
    /// Like [`Self::refuse_shared_keys`], when `after` brings a recipient key `before` did not
    /// have (an unchanged initiative stored before this check is not refused).
    pub(crate) async fn refuse_new_shared_keys(
        &self,
        id: InitiativeId,
        before: &InitiativeDefinition,
        after: &InitiativeDefinition,
    ) -> Result<(), SetupError> {
        let known = recipient_keys(before);
        if recipient_keys(after).iter().any(|key| !known.contains(key)) {
            self.refuse_shared_keys(Some(id), after).await?;
        }
        Ok(())
    }
}

/// The key as the error names it: its prefix and first characters (enough to find it).
fn short(key: &str) -> String {
    key.chars().take(24).collect::<String>() + "…"
}
