//! C2SP tlog-cosignature (`cosignature/v1`): a witness's Ed25519 signature over a checkpoint
//! it checked to be consistent with the last one it cosigned, with the time it did so.
//!
//! The signed message is `cosignature/v1\ntime <seconds>\n` followed by the checkpoint text;
//! the signature line is `— <witness name> base64(key id ‖ time, 8 bytes big-endian ‖
//! signature)`, and the key id is the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public
//! key). Cosignature lines are appended to the log's signed note like any other signature.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer as _, Verifier as _};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::note::{NoteSignature, split};
use crate::{TlogError, malformed};

/// The signature type byte of `cosignature/v1` in key ids and key texts.
const COSIGNATURE_V1: u8 = 0x04;
/// Starts a witness's private key text.
const PRIVATE_PREFIX: &str = "PRIVATE+KEY+";

/// The key id of a witness key: SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key), first four bytes.
fn key_id(name: &str, public: &[u8; 32]) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', COSIGNATURE_V1]);
    hasher.update(public);
    let digest = hasher.finalize();
    let mut first = [0u8; 4];
    first.copy_from_slice(digest.get(..4).unwrap_or(&[0; 4]));
    u32::from_be_bytes(first)
}

/// The message a cosignature signs.
fn message(checkpoint_text: &str, time: u64) -> String {
    format!("cosignature/v1\ntime {time}\n{checkpoint_text}")
}

fn check_name(name: &str) -> Result<(), TlogError> {
    if name.is_empty()
        || name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
    {
        return Err(malformed(
            "witness name",
            "empty, or holds white space or '+'",
        ));
    }
    Ok(())
}

/// `name+keyid+base64(0x04 ‖ key)`: answers the name, key id and key bytes.
fn split_key(text: &str) -> Option<(&str, u32, Zeroizing<Vec<u8>>)> {
    let mut parts = text.splitn(3, '+');
    let (name, id, key) = (parts.next()?, parts.next()?, parts.next()?);
    if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let id = u32::from_str_radix(id, 16).ok()?;
    let key = Zeroizing::new(STANDARD.decode(key).ok()?);
    match key.split_first() {
        Some((&COSIGNATURE_V1, rest)) if rest.len() == 32 => {
            Some((name, id, Zeroizing::new(rest.to_vec())))
        }
        _ => None,
    }
}

/// A witness's private key.
pub struct WitnessSigner {
    name: String,
    key: ed25519_dalek::SigningKey,
}

impl WitnessSigner {
    /// A witness named `name` (a URL-like identity, no spaces) with the seed `seed`.
    pub fn new(name: &str, seed: &[u8; 32]) -> Result<Self, TlogError> {
        check_name(name)?;
        Ok(Self {
            name: name.to_owned(),
            key: ed25519_dalek::SigningKey::from_bytes(seed),
        })
    }

    /// Parses `PRIVATE+KEY+<name>+<keyid>+<base64(0x04 ‖ seed)>`.
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let bad = || malformed("witness key", "expected PRIVATE+KEY+name+keyid+key");
        let rest = text.trim().strip_prefix(PRIVATE_PREFIX).ok_or_else(bad)?;
        let (name, id, seed) = split_key(rest).ok_or_else(bad)?;
        let seed: &[u8; 32] = seed.as_slice().try_into().map_err(|_| bad())?;
        let signer = Self::new(name, seed)?;
        if signer.verifier().key_id() != id {
            return Err(malformed("witness key", "key id does not match the key"));
        }
        Ok(signer)
    }

    /// The private key text (keep it in a mode-0600 file).
    pub fn to_text(&self) -> Zeroizing<String> {
        let mut body = Zeroizing::new(Vec::with_capacity(33));
        body.push(COSIGNATURE_V1);
        body.extend_from_slice(self.key.as_bytes());
        Zeroizing::new(format!(
            "{PRIVATE_PREFIX}{}+{:08x}+{}",
            self.name,
            self.verifier().key_id(),
            Zeroizing::new(STANDARD.encode(&*body)).as_str()
        ))
    }

    /// The public key.
    pub fn verifier(&self) -> WitnessVerifier {
        WitnessVerifier {
            name: self.name.clone(),
            key: self.key.verifying_key(),
        }
    }

    /// The cosignature line (`— <name> <base64>\n`) over `checkpoint_text` at `time` (Unix
    /// seconds).
    pub fn cosign(&self, checkpoint_text: &str, time: u64) -> String {
        let signature: Signature = self.key.sign(message(checkpoint_text, time).as_bytes());
        let mut blob = self.verifier().key_id().to_be_bytes().to_vec();
        blob.extend_from_slice(&time.to_be_bytes());
        blob.extend_from_slice(&signature.to_bytes());
        format!("\u{2014} {} {}\n", self.name, STANDARD.encode(blob))
    }
}

/// A witness's public key, `name+keyid+base64(0x04 ‖ key)`.
#[derive(Clone, PartialEq, Eq)]
pub struct WitnessVerifier {
    name: String,
    key: ed25519_dalek::VerifyingKey,
}

impl std::fmt::Debug for WitnessVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl WitnessVerifier {
    /// Parses the key text.
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let bad = || malformed("witness verifier key", "expected name+keyid+base64");
        let (name, id, public) = split_key(text.trim()).ok_or_else(bad)?;
        check_name(name)?;
        let public: &[u8; 32] = public.as_slice().try_into().map_err(|_| bad())?;
        if key_id(name, public) != id {
            return Err(malformed(
                "witness verifier key",
                "key id does not match the key",
            ));
        }
        Ok(Self {
            name: name.to_owned(),
            key: ed25519_dalek::VerifyingKey::from_bytes(public).map_err(|_| bad())?,
        })
    }

    /// The key text.
    pub fn to_text(&self) -> String {
        let mut body = vec![COSIGNATURE_V1];
        body.extend_from_slice(self.key.as_bytes());
        format!(
            "{}+{:08x}+{}",
            self.name,
            self.key_id(),
            STANDARD.encode(body)
        )
    }

    /// The witness's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        key_id(&self.name, self.key.as_bytes())
    }

    /// The time of `signature` if it is this witness's valid cosignature of
    /// `checkpoint_text`; `None` for another key's signature.
    pub fn check(
        &self,
        checkpoint_text: &str,
        signature: &NoteSignature,
    ) -> Result<Option<u64>, TlogError> {
        if signature.name != self.name || signature.key_id != self.key_id() {
            return Ok(None);
        }
        let bad = || TlogError::BadSignature(self.name.clone());
        let (time, signature) = signature
            .signature
            .split_first_chunk::<8>()
            .ok_or_else(bad)?;
        let time = u64::from_be_bytes(*time);
        let signature = Signature::from_slice(signature).map_err(|_| bad())?;
        self.key
            .verify(message(checkpoint_text, time).as_bytes(), &signature)
            .map_err(|_| bad())?;
        Ok(Some(time))
    }
}

/// The witnesses among `witnesses` that cosigned the checkpoint `note`, with their times. A
/// line by a known witness that does not verify is an error; other lines are skipped (the
/// log's own signature among them).
pub fn cosigned_by(
    note: &str,
    witnesses: &[WitnessVerifier],
) -> Result<Vec<(String, u64)>, TlogError> {
    let (text, signatures) = split(note)?;
    let mut found = Vec::new();
    for signature in &signatures {
        for witness in witnesses {
            if let Some(time) = witness.check(&text, signature)? {
                found.push((witness.name.clone(), time));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::Checkpoint;
    use crate::hash::leaf_hash;
    use crate::note::NoteSigner;

    fn checkpoint_note() -> (String, String) {
        let checkpoint = Checkpoint {
            origin: "example.org/log/abc".to_owned(),
            size: 7,
            root: leaf_hash(b"r"),
            extensions: Vec::new(),
        };
        let log = NoteSigner::new("example.org/log/abc", &[1; 32]).unwrap();
        (checkpoint.to_text(), checkpoint.sign(&log).unwrap())
    }

    #[test]
    fn a_cosignature_appended_to_the_note_verifies_with_its_time() {
        let witness = WitnessSigner::new("witness.example.net", &[2; 32]).unwrap();
        let (text, note) = checkpoint_note();
        let line = witness.cosign(&text, 1_800_000_000);
        let cosigned = format!("{note}{line}");
        // The log's signature still opens the note with the cosignature appended.
        let log = NoteSigner::new("example.org/log/abc", &[1; 32]).unwrap();
        Checkpoint::open(&cosigned, "example.org/log/abc", &log.verifier()).unwrap();
        assert_eq!(
            cosigned_by(&cosigned, &[witness.verifier()]).unwrap(),
            vec![("witness.example.net".to_owned(), 1_800_000_000)]
        );
        // Another witness's key finds nothing; a changed time or checkpoint fails.
        let other = WitnessSigner::new("other.example.net", &[3; 32]).unwrap();
        assert!(
            cosigned_by(&cosigned, &[other.verifier()])
                .unwrap()
                .is_empty()
        );
        // The same signature with another time does not verify.
        let blob = line
            .trim_end()
            .rsplit_once(' ')
            .map(|(_, b64)| STANDARD.decode(b64).unwrap())
            .unwrap();
        let mut moved = blob;
        moved[11] ^= 1;
        let forged = format!(
            "{note}\u{2014} witness.example.net {}\n",
            STANDARD.encode(moved)
        );
        assert!(cosigned_by(&forged, &[witness.verifier()]).is_err());
        let altered = cosigned.replacen("\n7\n", "\n8\n", 1);
        assert!(cosigned_by(&altered, &[witness.verifier()]).is_err());
    }

    #[test]
    fn the_key_id_uses_the_cosignature_type_and_keys_round_trip() {
        let witness = WitnessSigner::new("witness.example.net", &[9; 32]).unwrap();
        let public = *witness.verifier().key.as_bytes();
        let mut input = b"witness.example.net\n\x04".to_vec();
        input.extend_from_slice(&public);
        let digest = crate::hash::sha256(&input);
        assert_eq!(
            witness.verifier().key_id(),
            u32::from_be_bytes(digest.0[..4].try_into().unwrap())
        );
        let text = witness.verifier().to_text();
        assert_eq!(WitnessVerifier::parse(&text).unwrap(), witness.verifier());
        let again = WitnessSigner::parse(&witness.to_text()).unwrap();
        assert_eq!(again.verifier(), witness.verifier());
        // A log (type 0x01) key is not a witness key.
        let log = NoteSigner::new("witness.example.net", &[9; 32]).unwrap();
        assert!(WitnessVerifier::parse(&log.verifier().to_text()).is_err());
        assert!(WitnessSigner::new("has space", &[1; 32]).is_err());
    }
}
