//! What is sealed for each statement, and what binds the ciphertext to its database row.
//!
//! The plaintext is a small JSON document with the Annex III values under their legacy keys.
//! The associated data (not stored, rebuilt from the row by whoever opens it) names the
//! initiative, the statement, the nationality and the de-duplication tag, so a ciphertext
//! moved to another row, initiative or nationality no longer opens (R9).

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use serde::Serialize;
use zeroize::Zeroizing;

/// Version of the sealed payload layout.
pub const PAYLOAD_VERSION: u8 = 1;
/// Version of the Annex III form the values follow (the 2019/788-era legacy numbering).
pub const ANNEX_REVISION: u8 = 2;

/// The sealed plaintext of one statement.
#[derive(Serialize)]
pub struct Payload<'a> {
    /// Layout version.
    pub v: u8,
    /// The initiative number.
    pub initiative: u32,
    /// The statement identifier as shown on the receipt.
    pub statement: String,
    /// State of nationality (EU code).
    pub nationality: &'a str,
    /// Time of signing.
    pub submitted_at: Timestamp,
    /// Annex III form revision.
    pub annex_revision: u8,
    /// Annex III values in form order, under their legacy keys.
    pub properties: &'a [(&'static str, String)],
    /// `"paper"` for a statement collected on paper and entered by the organisers; absent
    /// for an online statement (and in payloads written before paper statements existed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<&'static str>,
    /// The language of the form the signer used (ISO 639-1, such as `de`), for the export's
    /// `language`. Absent for paper statements and in payloads written before it was recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<&'a str>,
    /// Signed with eID: the provider and the level of assurance. Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eid: Option<crate::eid::EidSeal<'a>>,
}

/// Serialises the payload into a buffer that is wiped when dropped. The buffer is sized up
/// front so that growing it does not leave copies of personal data in freed memory.
pub fn encode(payload: &Payload<'_>) -> Result<Zeroizing<Vec<u8>>, serde_json::Error> {
    let estimate = 256
        + payload
            .properties
            .iter()
            .map(|(key, value)| key.len() + value.len() * 6 + 8)
            .sum::<usize>();
    let mut buffer = Zeroizing::new(Vec::with_capacity(estimate));
    serde_json::to_writer(&mut *buffer, payload)?;
    Ok(buffer)
}

/// The associated data that binds a sealed statement to its row.
pub fn statement_aad(
    initiative: InitiativeId,
    statement: StatementId,
    nationality: CountryCode,
    tag: &DedupTag,
) -> Vec<u8> {
    let mut aad = Vec::with_capacity(64);
    aad.extend_from_slice(b"openocs/statement/v1");
    aad.extend_from_slice(&initiative.get().to_be_bytes());
    aad.extend_from_slice(statement.as_bytes());
    aad.extend_from_slice(nationality.as_str().as_bytes());
    aad.extend_from_slice(tag.as_bytes());
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aad_differs_for_every_bound_value() {
        let tag = DedupTag::from_bytes([1; 32]);
        let id = StatementId::from_bytes([2; 16]);
        let base = statement_aad(InitiativeId::new(1), id, CountryCode::DE, &tag);
        assert_ne!(
            base,
            statement_aad(InitiativeId::new(2), id, CountryCode::DE, &tag)
        );
        assert_ne!(
            base,
            statement_aad(
                InitiativeId::new(1),
                StatementId::from_bytes([3; 16]),
                CountryCode::DE,
                &tag
            )
        );
        assert_ne!(
            base,
            statement_aad(InitiativeId::new(1), id, CountryCode::FR, &tag)
        );
        assert_ne!(
            base,
            statement_aad(
                InitiativeId::new(1),
                id,
                CountryCode::DE,
                &DedupTag::from_bytes([9; 32])
            )
        );
    }
}
