//! C2SP signed notes with Ed25519: signing, opening, and the key texts
//! (`name+keyid+base64` for verifiers, `PRIVATE+KEY+name+keyid+base64` for signers).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer as _, Verifier as _};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::{TlogError, malformed};

/// The signature type byte of Ed25519 in signed notes.
const ED25519: u8 = 0x01;
/// Starts every signature line: an em dash and a space.
const SIGNATURE_PREFIX: &str = "\u{2014} ";
/// Starts a private key text.
const PRIVATE_PREFIX: &str = "PRIVATE+KEY+";

/// Whether `name` may name a key: non-empty, no white space, no `+`.
fn check_name(name: &str) -> Result<(), TlogError> {
    if name.is_empty()
        || name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
    {
        return Err(malformed("key name", "empty, or holds white space or '+'"));
    }
    Ok(())
}

/// The key id: the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
pub fn key_id(name: &str, public: &[u8; 32]) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', ED25519]);
    hasher.update(public);
    let digest = hasher.finalize();
    let mut first = [0u8; 4];
    first.copy_from_slice(digest.get(..4).unwrap_or(&[0; 4]));
    u32::from_be_bytes(first)
}

/// Checks that `text` can be signed: non-empty UTF-8 ending in a newline, no control
/// characters but newlines.
fn check_text(text: &str) -> Result<(), TlogError> {
    if !text.ends_with('\n') {
        return Err(malformed("note", "text does not end with a newline"));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(malformed("note", "text holds control characters"));
    }
    Ok(())
}

/// A log's (or witness's) private note key.
pub struct NoteSigner {
    name: String,
    key: ed25519_dalek::SigningKey,
}

impl NoteSigner {
    /// A signer named `name` with the Ed25519 seed `seed` (drawn by the caller).
    pub fn new(name: &str, seed: &[u8; 32]) -> Result<Self, TlogError> {
        check_name(name)?;
        Ok(Self {
            name: name.to_owned(),
            key: ed25519_dalek::SigningKey::from_bytes(seed),
        })
    }

    /// Parses `PRIVATE+KEY+<name>+<keyid>+<base64(0x01 ‖ seed)>`.
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let bad = || malformed("private note key", "expected PRIVATE+KEY+name+keyid+key");
        let rest = text.trim().strip_prefix(PRIVATE_PREFIX).ok_or_else(bad)?;
        let (name, id, bytes) = split_key(rest).ok_or_else(bad)?;
        let bytes = Zeroizing::new(bytes);
        let seed: &[u8; 32] = match bytes.split_first() {
            Some((&ED25519, seed)) => seed.try_into().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        let signer = Self::new(name, seed)?;
        if signer.key_id() != id {
            return Err(malformed(
                "private note key",
                "key id does not match the key",
            ));
        }
        Ok(signer)
    }

    /// The private key text (keep it in a mode-0600 file).
    pub fn to_text(&self) -> Zeroizing<String> {
        let mut body = Zeroizing::new(Vec::with_capacity(33));
        body.push(ED25519);
        body.extend_from_slice(self.key.as_bytes());
        Zeroizing::new(format!(
            "{PRIVATE_PREFIX}{}+{:08x}+{}",
            self.name,
            self.key_id(),
            Zeroizing::new(STANDARD.encode(&*body)).as_str()
        ))
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        key_id(&self.name, self.key.verifying_key().as_bytes())
    }

    /// The matching verifier.
    pub fn verifier(&self) -> NoteVerifier {
        NoteVerifier {
            name: self.name.clone(),
            key: self.key.verifying_key(),
        }
    }

    /// The signature line for `text` (`— <name> <base64(keyid ‖ signature)>\n`).
    pub fn signature_line(&self, text: &str) -> Result<String, TlogError> {
        check_text(text)?;
        let signature: Signature = self.key.sign(text.as_bytes());
        let mut blob = self.key_id().to_be_bytes().to_vec();
        blob.extend_from_slice(&signature.to_bytes());
        Ok(format!(
            "{SIGNATURE_PREFIX}{} {}\n",
            self.name,
            STANDARD.encode(blob)
        ))
    }

    /// The signed note: `text`, a blank line, this key's signature line.
    pub fn sign(&self, text: &str) -> Result<String, TlogError> {
        let line = self.signature_line(text)?;
        Ok(format!("{text}\n{line}"))
    }
}

/// `name+keyid+key`: the key's base64 may itself hold `+`, so only the first two split.
fn split_key(rest: &str) -> Option<(&str, u32, Vec<u8>)> {
    let mut parts = rest.splitn(3, '+');
    let (name, id, key) = (parts.next()?, parts.next()?, parts.next()?);
    if id.len() != 8 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let id = u32::from_str_radix(id, 16).ok()?;
    let key = STANDARD.decode(key).ok()?;
    Some((name, id, key))
}

/// A public note key: checks signatures by one name and key.
#[derive(Clone, PartialEq, Eq)]
pub struct NoteVerifier {
    name: String,
    key: ed25519_dalek::VerifyingKey,
}

impl std::fmt::Debug for NoteVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl NoteVerifier {
    /// Parses `<name>+<keyid, 8 hex>+<base64(0x01 ‖ public key)>`.
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let bad = || malformed("verifier key", "expected name+keyid+base64");
        let (name, id, bytes) = split_key(text.trim()).ok_or_else(bad)?;
        check_name(name)?;
        let public: &[u8; 32] = match bytes.split_first() {
            Some((&ED25519, public)) => public.try_into().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        if key_id(name, public) != id {
            return Err(malformed("verifier key", "key id does not match the key"));
        }
        let key = ed25519_dalek::VerifyingKey::from_bytes(public).map_err(|_| bad())?;
        Ok(Self {
            name: name.to_owned(),
            key,
        })
    }

    /// The text form `name+keyid+base64`.
    pub fn to_text(&self) -> String {
        let mut body = vec![ED25519];
        body.extend_from_slice(self.key.as_bytes());
        format!(
            "{}+{:08x}+{}",
            self.name,
            self.key_id(),
            STANDARD.encode(body)
        )
    }

    /// The key's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The key id.
    pub fn key_id(&self) -> u32 {
        key_id(&self.name, self.key.as_bytes())
    }

    fn verify(&self, text: &str, signature: &[u8]) -> bool {
        Signature::from_slice(signature)
            .is_ok_and(|signature| self.key.verify(text.as_bytes(), &signature).is_ok())
    }
}

/// One signature line of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    /// The key name.
    pub name: String,
    /// The key id.
    pub key_id: u32,
    /// The signature bytes (after the key id).
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// The signature line as a note carries it: `— name base64(key id ‖ signature)` and a
    /// newline.
    pub fn to_line(&self) -> String {
        let mut blob = self.key_id.to_be_bytes().to_vec();
        blob.extend_from_slice(&self.signature);
        format!(
            "{SIGNATURE_PREFIX}{} {}\n",
            self.name,
            STANDARD.encode(blob)
        )
    }
}

/// A note whose signatures were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedNote {
    /// The signed text (ends in a newline).
    pub text: String,
    /// Every signature line, known key or not.
    pub signatures: Vec<NoteSignature>,
    /// The names of the given verifiers whose signatures checked.
    pub verified_by: Vec<String>,
}

/// Splits a note into its text and signature lines, without checking signatures.
pub fn split(note: &str) -> Result<(String, Vec<NoteSignature>), TlogError> {
    let at = note
        .rfind("\n\n")
        .ok_or_else(|| malformed("note", "no blank line before the signatures"))?;
    let (text, rest) = note.split_at(at + 1);
    check_text(text)?;
    let block = rest
        .strip_prefix('\n')
        .ok_or_else(|| malformed("note", "no blank line"))?;
    if block.is_empty() || !block.ends_with('\n') {
        return Err(malformed("note", "no signature, or no final newline"));
    }
    let mut signatures = Vec::new();
    for line in block.lines() {
        let line = line
            .strip_prefix(SIGNATURE_PREFIX)
            .ok_or_else(|| malformed("note", "a signature line does not start with '— '"))?;
        let (name, blob) = line
            .split_once(' ')
            .ok_or_else(|| malformed("note", "a signature line has no key name"))?;
        check_name(name)?;
        let blob = STANDARD
            .decode(blob)
            .map_err(|_| malformed("note", "a signature is not base64"))?;
        let (id, signature) = blob
            .split_first_chunk::<4>()
            .ok_or_else(|| malformed("note", "a signature is too short"))?;
        signatures.push(NoteSignature {
            name: name.to_owned(),
            key_id: u32::from_be_bytes(*id),
            signature: signature.to_vec(),
        });
    }
    Ok((text.to_owned(), signatures))
}

/// Opens a note: every signature by one of `verifiers` must check, and at least one must be
/// there. Signatures by other keys are kept but not checked.
pub fn open(note: &str, verifiers: &[NoteVerifier]) -> Result<OpenedNote, TlogError> {
    let (text, signatures) = split(note)?;
    let mut verified_by = Vec::new();
    for signature in &signatures {
        let known = verifiers
            .iter()
            .find(|v| v.name == signature.name && v.key_id() == signature.key_id);
        if let Some(verifier) = known {
            if !verifier.verify(&text, &signature.signature) {
                return Err(TlogError::BadSignature(verifier.name.clone()));
            }
            verified_by.push(verifier.name.clone());
        }
    }
    if verified_by.is_empty() {
        let names: Vec<&str> = verifiers.iter().map(NoteVerifier::name).collect();
        return Err(TlogError::BadSignature(names.join(", ")));
    }
    Ok(OpenedNote {
        text,
        signatures,
        verified_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> NoteSigner {
        NoteSigner::new("example.org/log", &[7; 32]).unwrap()
    }

    #[test]
    fn signs_and_opens() {
        let signer = signer();
        let note = signer.sign("hello\nworld\n").unwrap();
        assert!(note.starts_with("hello\nworld\n\n\u{2014} example.org/log "));
        let opened = open(&note, &[signer.verifier()]).unwrap();
        assert_eq!(opened.text, "hello\nworld\n");
        assert_eq!(opened.verified_by, vec!["example.org/log".to_owned()]);
    }

    #[test]
    fn keys_round_trip_through_text() {
        // Keys whose base64 holds '+' and '/' too.
        for seed in 0..64u8 {
            let signer = NoteSigner::new("example.org/log", &[seed; 32]).unwrap();
            let text = signer.verifier().to_text();
            assert_eq!(
                NoteVerifier::parse(&text).unwrap(),
                signer.verifier(),
                "{text}"
            );
            assert_eq!(
                NoteSigner::parse(&signer.to_text()).unwrap().verifier(),
                signer.verifier()
            );
        }
        let signer = signer();
        let verifier = NoteVerifier::parse(&signer.verifier().to_text()).unwrap();
        assert_eq!(verifier, signer.verifier());
        let again = NoteSigner::parse(&signer.to_text()).unwrap();
        assert_eq!(again.verifier(), verifier);
        // A changed key id or name is refused.
        let text = signer.verifier().to_text();
        let bumped = text.replacen("example.org/log", "example.org/lug", 1);
        assert!(NoteVerifier::parse(&bumped).is_err());
    }

    #[test]
    fn key_id_is_the_sha256_prefix() {
        let signer = signer();
        let public = *signer.verifier().key.as_bytes();
        let mut input = b"example.org/log\n\x01".to_vec();
        input.extend_from_slice(&public);
        let digest = crate::hash::sha256(&input);
        assert_eq!(
            signer.key_id(),
            u32::from_be_bytes(digest.0[..4].try_into().unwrap())
        );
    }

    #[test]
    fn tampered_text_or_signature_or_unknown_key_is_refused() {
        let signer = signer();
        let note = signer.sign("hello\n").unwrap();
        let changed = note.replacen("hello", "hellp", 1);
        assert!(matches!(
            open(&changed, &[signer.verifier()]),
            Err(TlogError::BadSignature(_))
        ));
        let other = NoteSigner::new("example.org/log", &[8; 32]).unwrap();
        assert!(open(&note, &[other.verifier()]).is_err());
        assert!(open("hello\n", &[signer.verifier()]).is_err());
        assert!(signer.sign("no newline").is_err());
        assert!(signer.sign("bell\u{7}\n").is_err());
        assert!(NoteSigner::new("has space", &[1; 32]).is_err());
        assert!(NoteSigner::new("has+plus", &[1; 32]).is_err());
    }
}
