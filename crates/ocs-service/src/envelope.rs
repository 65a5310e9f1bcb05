//! What is sealed for each statement, and what binds the ciphertext to its database row.
//!
//! The plaintext is a small JSON document with the Annex III values under their legacy keys.
//! The associated data (not stored, rebuilt from the row by whoever opens it) names the
//! initiative, the statement, the nationality and the de-duplication tag, so a ciphertext
//! moved to another row, initiative or nationality no longer opens (R9).
//!
//! **Padding (layout 2).** The JSON is followed by spaces up to a size bucket
//! ([`padded_len`]: 1 KiB, 2 KiB, 4 KiB, then whole 4 KiB), so the ciphertext's length no
//! longer tells whether a statement was signed with eID, at which level of assurance, on
//! paper or in test mode; only an unusually long statement shows as a larger bucket. JSON
//! allows trailing white space, so a reader parses a padded payload as it is. Layout 1
//! (unpadded, no sealed test flag) still opens.

use jiff::Timestamp;
use ocs_domain::{CountryCode, DedupTag, InitiativeId, StatementId};
use serde::Serialize;
use zeroize::Zeroizing;

/// Version of the sealed payload layout written now: 2 is padded and seals the test flag.
pub const PAYLOAD_VERSION: u8 = 2;
/// The oldest layout the export still opens: 1, unpadded, without the test flag.
pub const OLDEST_PAYLOAD_VERSION: u8 = 1;
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
    /// Taken while the initiative was in test mode (layout 2; absent means not). The export
    /// checks it against the row's flag, so a writer to the database cannot pass a test
    /// statement off as a real one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub test: bool,
}

/// The length a payload of `len` bytes is padded to: 1 KiB, 2 KiB, 4 KiB, then the next
/// multiple of 4 KiB.
pub fn padded_len(len: usize) -> usize {
    const STEP: usize = 4096;
    match len {
        0..=1024 => 1024,
        1025..=2048 => 2048,
        _ => len.div_ceil(STEP) * STEP,
    }
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
    let mut buffer = Zeroizing::new(Vec::with_capacity(padded_len(estimate)));
    serde_json::to_writer(&mut *buffer, payload)?;
    if payload.v >= 2 {
        let target = padded_len(buffer.len());
        if target > buffer.capacity() {
            // Grown by hand: the old buffer is wiped when it is dropped.
            let mut larger = Zeroizing::new(Vec::with_capacity(target));
            larger.extend_from_slice(&buffer);
            buffer = larger;
        }
        buffer.resize(target, b' ');
    }
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

    fn payload<'a>(
        properties: &'a [(&'static str, String)],
        eid: Option<crate::eid::EidSeal<'a>>,
        test: bool,
    ) -> Payload<'a> {
        Payload {
            v: PAYLOAD_VERSION,
            initiative: 7,
            statement: "0123456789abcdef0123456789abcdef".into(),
            nationality: "DE",
            submitted_at: "2026-03-01T10:00:00.123Z".parse().unwrap(),
            annex_revision: ANNEX_REVISION,
            properties,
            channel: None,
            lang: Some("de"),
            eid,
            test,
        }
    }

    /// Issue 20 item 7: eID use, its level and the test flag do not show in the length.
    #[test]
    fn payloads_of_different_length_are_padded_to_the_same_size() {
        let short = [("full.first.names", "Jo".to_owned())];
        let long = [
            ("full.first.names", "Maximiliane Josefine".to_owned()),
            ("family.names", "Mustermann-Schmidt".to_owned()),
            ("date.of.birth", "1964-08-12".to_owned()),
        ];
        let eid = || crate::eid::EidSeal {
            provider: "de-eidas",
            loa: "substantial",
        };
        let plain = encode(&payload(&short, None, false)).unwrap();
        let with_eid = encode(&payload(&long, Some(eid()), true)).unwrap();
        let unpadded = |p: &Payload<'_>| serde_json::to_vec(p).unwrap().len();
        assert_ne!(
            unpadded(&payload(&short, None, false)),
            unpadded(&payload(&long, Some(eid()), true))
        );
        assert_eq!(plain.len(), with_eid.len());
        assert_eq!(plain.len(), 1024);
        // Still one JSON document: the padding is trailing white space.
        let read: serde_json::Value = serde_json::from_slice(&with_eid).unwrap();
        assert_eq!(read["eid"]["loa"], "substantial");
        assert_eq!(read["test"], true);
        assert_eq!(read["v"], 2);
        assert!(serde_json::from_slice::<serde_json::Value>(&plain).unwrap()["test"].is_null());
        // A statement longer than the first bucket takes the next one.
        let huge = [("full.first.names", "x".repeat(1500))];
        assert_eq!(encode(&payload(&huge, None, false)).unwrap().len(), 2048);
        assert_eq!(padded_len(4097), 8192);
    }

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
