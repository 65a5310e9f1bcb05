//! Ed25519 signing keys of the organisers: the offline manifest key signs export manifests
//! (so an authority can check that a set of export files is complete and unchanged) and
//! certifies each initiative's online sealed-export key ([`crate::sealed_key`]), which signs
//! sealed exports where the database is.
//!
//! Every signature is over a context label, a zero byte and the message
//! ([`SignatureContext`]): a signature made for one purpose never verifies for another (a
//! sealed-export manifest is not an export manifest, nor a key certificate).
//!
//! Text forms follow the recipient keys: `ocs-sign-sk-1:` or `ocs-sign-pk-1:` and 43
//! characters of unpadded base64url. The private file is created with mode 0600 under a
//! comment line; the public file is one line. Signatures are `ocs-sig-2:` and base64url
//! (version 2: labelled; the unlabelled `ocs-sig-1:` of earlier releases is refused).

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _};
use zeroize::Zeroizing;

use crate::CryptoError;
use crate::entropy::Entropy;
use crate::files;
use crate::keys::decode_body;

/// Text prefix of a public signing key.
pub const SIGNING_PUBLIC_PREFIX: &str = "ocs-sign-pk-1:";
/// Text prefix of a private signing key.
pub const SIGNING_PRIVATE_PREFIX: &str = "ocs-sign-sk-1:";
/// Text prefix of a signature (version 2: over a context label, see [`SignatureContext`]).
pub const SIGNATURE_PREFIX: &str = "ocs-sig-2:";

/// What a signature is for. The signed bytes are `label ‖ 0x00 ‖ message`, so no signature
/// can be replayed as another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureContext {
    /// `manifest.json` of an export, by the offline manifest key.
    ExportManifest,
    /// `sealed-manifest.json` of a sealed export, by the initiative's sealed-export key.
    SealedExportManifest,
    /// A sealed-export key certificate, by the offline manifest key.
    SealedKeyCertificate,
}

impl SignatureContext {
    /// The label signed in front of the message.
    pub fn label(self) -> &'static [u8] {
        match self {
            Self::ExportManifest => b"openocs export manifest v1",
            Self::SealedExportManifest => b"openocs sealed export manifest v1",
            Self::SealedKeyCertificate => b"openocs sealed export key certificate v1",
        }
    }

    fn signed_bytes(self, message: &[u8]) -> Vec<u8> {
        let label = self.label();
        let mut bytes = Vec::with_capacity(label.len() + 1 + message.len());
        bytes.extend_from_slice(label);
        bytes.push(0);
        bytes.extend_from_slice(message);
        bytes
    }
}

/// The private half of an organisers' signing key. Deliberately not `Clone` or `Serialize`.
pub struct ManifestSigningKey(ed25519_dalek::SigningKey);

/// The public half: checks manifest signatures.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ManifestVerifyingKey(ed25519_dalek::VerifyingKey);

impl ManifestSigningKey {
    /// A new random key.
    pub fn generate(entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        entropy.try_fill(seed.as_mut_slice())?;
        Ok(Self(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// Parses the text form (surrounding whitespace is ignored).
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let text = text.trim();
        if text.starts_with(SIGNING_PUBLIC_PREFIX) {
            return Err(CryptoError::InvalidKey(
                "this is a public signing key (ocs-sign-pk-1:…); signing needs the private key \
                 (ocs-sign-sk-1:…)"
                    .to_owned(),
            ));
        }
        let seed = decode_body(text, SIGNING_PRIVATE_PREFIX, "private signing")?;
        Ok(Self(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// The text form.
    pub fn to_text(&self) -> Zeroizing<String> {
        let seed = Zeroizing::new(self.0.to_bytes());
        let encoded = Zeroizing::new(URL_SAFE_NO_PAD.encode(*seed));
        let mut text = Zeroizing::new(String::with_capacity(SIGNING_PRIVATE_PREFIX.len() + 43));
        text.push_str(SIGNING_PRIVATE_PREFIX);
        text.push_str(&encoded);
        text
    }

    /// A key from its 32-byte seed (the sealed-export key's text form carries one).
    pub(crate) fn from_seed(seed: &[u8; 32]) -> Self {
        Self(ed25519_dalek::SigningKey::from_bytes(seed))
    }

    /// The 32-byte seed, wiped on drop.
    pub(crate) fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    /// The matching public key.
    pub fn verifying_key(&self) -> ManifestVerifyingKey {
        ManifestVerifyingKey(self.0.verifying_key())
    }

    /// Signs `message` for `context`; the answer is the text form `ocs-sig-2:` + base64url.
    pub fn sign(&self, context: SignatureContext, message: &[u8]) -> String {
        let signature: Signature = self.0.sign(&context.signed_bytes(message));
        format!(
            "{SIGNATURE_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }
}

impl fmt::Debug for ManifestSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ManifestSigningKey(..)")
    }
}

impl ManifestVerifyingKey {
    /// Parses the text form.
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let text = text.trim();
        if text.starts_with(SIGNING_PRIVATE_PREFIX) {
            return Err(CryptoError::InvalidKey(
                "this is a PRIVATE signing key (ocs-sign-sk-1:…); checking needs the public \
                 key (ocs-sign-pk-1:…)"
                    .to_owned(),
            ));
        }
        let bytes = decode_body(text, SIGNING_PUBLIC_PREFIX, "public signing")?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map(Self)
            .map_err(|_| CryptoError::InvalidKey("not an Ed25519 public key".to_owned()))
    }

    /// The text form.
    pub fn to_text(&self) -> String {
        format!(
            "{SIGNING_PUBLIC_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(self.0.to_bytes())
        )
    }

    /// Whether `signature` (exactly the text form, no whitespace) is a valid signature of
    /// `message` for `context` by this key. Uses strict verification (no malleable or
    /// small-order encodings).
    pub fn verify(&self, context: SignatureContext, message: &[u8], signature: &str) -> bool {
        let Some(body) = signature.strip_prefix(SIGNATURE_PREFIX) else {
            return false;
        };
        let Ok(bytes) = URL_SAFE_NO_PAD.decode(body) else {
            return false;
        };
        let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
            return false;
        };
        self.0
            .verify_strict(
                &context.signed_bytes(message),
                &Signature::from_bytes(&bytes),
            )
            .is_ok()
    }
}

impl fmt::Debug for ManifestVerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ManifestVerifyingKey({})", self.to_text())
    }
}

const SIGNING_KEY_HEADER: &str = "# OpenOCS organisers' PRIVATE signing key. It signs export \
manifests; whoever holds it can make exports that verify. Keep it offline.\n";

/// Writes a private signing key to a new file (mode 0600, never overwritten).
pub fn write_signing_key(path: &Path, key: &ManifestSigningKey) -> Result<(), CryptoError> {
    files::write_private_line(path, SIGNING_KEY_HEADER, &key.to_text())
}

/// Reads a private signing key file, refusing one others could read.
pub fn read_signing_key(path: &Path) -> Result<ManifestSigningKey, CryptoError> {
    let text = files::read_private(path)?;
    ManifestSigningKey::parse(files::single_line(
        &text,
        path,
        "one line `ocs-sign-sk-1:…` (comment lines start with #)",
    )?)
}

/// Writes a public signing key to a new file as one line.
pub fn write_verifying_key(path: &Path, key: &ManifestVerifyingKey) -> Result<(), CryptoError> {
    files::write_public_line(path, &key.to_text())
}

/// Reads a public signing key file (one line; `#` comment lines are ignored).
pub fn read_verifying_key(path: &Path) -> Result<ManifestVerifyingKey, CryptoError> {
    let text = files::read_public(path)?;
    ManifestVerifyingKey::parse(files::single_line(
        &text,
        path,
        "one line `ocs-sign-pk-1:…`",
    )?)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::entropy::SeededEntropy;

    const MANIFEST: SignatureContext = SignatureContext::ExportManifest;

    #[test]
    fn sign_and_verify_round_trip() {
        let key = ManifestSigningKey::generate(&SeededEntropy::new(1)).unwrap();
        let public = key.verifying_key();
        let signature = key.sign(MANIFEST, b"manifest");
        assert!(signature.starts_with(SIGNATURE_PREFIX));
        assert!(public.verify(MANIFEST, b"manifest", &signature));
        assert!(!public.verify(MANIFEST, b"manifesT", &signature));
        assert!(!public.verify(MANIFEST, b"manifest", "ocs-sig-2:AAAA"));
        let other = ManifestSigningKey::generate(&SeededEntropy::new(2)).unwrap();
        assert!(
            !other
                .verifying_key()
                .verify(MANIFEST, b"manifest", &signature)
        );
    }

    /// A signature of one kind never verifies as another, and an unlabelled signature over
    /// the bare message (the version-1 form) verifies as none.
    #[test]
    fn contexts_are_told_apart() {
        let key = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
        let public = key.verifying_key();
        let all = [
            SignatureContext::ExportManifest,
            SignatureContext::SealedExportManifest,
            SignatureContext::SealedKeyCertificate,
        ];
        for made in all {
            let signature = key.sign(made, b"same bytes");
            for checked in all {
                assert_eq!(
                    public.verify(checked, b"same bytes", &signature),
                    made == checked,
                    "{made:?} checked as {checked:?}"
                );
            }
        }
        let bare: Signature = key.0.sign(b"same bytes");
        let bare = format!(
            "{SIGNATURE_PREFIX}{}",
            URL_SAFE_NO_PAD.encode(bare.to_bytes())
        );
        for checked in all {
            assert!(!public.verify(checked, b"same bytes", &bare));
        }
    }

    #[test]
    fn text_forms_round_trip_and_are_told_apart() {
        let key = ManifestSigningKey::generate(&SeededEntropy::new(3)).unwrap();
        let again = ManifestSigningKey::parse(&key.to_text()).unwrap();
        assert_eq!(again.verifying_key(), key.verifying_key());
        let public = key.verifying_key().to_text();
        assert_eq!(
            ManifestVerifyingKey::parse(&public).unwrap(),
            key.verifying_key()
        );
        assert!(ManifestSigningKey::parse(&public).is_err());
        assert!(ManifestVerifyingKey::parse(&key.to_text()).is_err());
        assert_eq!(format!("{key:?}"), "ManifestSigningKey(..)");
    }

    #[test]
    fn key_files_round_trip_and_private_is_0600() {
        let dir = tempfile::tempdir().unwrap();
        let key = ManifestSigningKey::generate(&SeededEntropy::new(4)).unwrap();
        let private = dir.path().join("k.sign.sk");
        let public = dir.path().join("k.sign.pk");
        write_signing_key(&private, &key).unwrap();
        write_verifying_key(&public, &key.verifying_key()).unwrap();
        let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            read_signing_key(&private).unwrap().verifying_key(),
            key.verifying_key()
        );
        assert_eq!(read_verifying_key(&public).unwrap(), key.verifying_key());
        assert!(write_signing_key(&private, &key).is_err());
    }
}
