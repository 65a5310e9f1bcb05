//! The sealed-export key: each initiative's own online Ed25519 key that signs sealed exports
//! (`ocs export sealed`, made where the database is), so the organisers' manifest key, which
//! authorities trust, can stay offline.
//!
//! The manifest key certifies the sealed-export key's public half once, for one initiative:
//!
//! ```text
//! openocs-sealed-key-certificate-1
//! initiative SLUG
//! key ocs-sign-pk-1:…
//! ocs-sig-2:…        (context SealedKeyCertificate, over the three lines above)
//! ```
//!
//! Whoever checks a sealed export needs only the manifest public key: the certificate names
//! the sealed-export key and the initiative it may sign for. The private half has its own text
//! prefix (`ocs-xsign-sk-1:`), so a manifest key file given in its place is refused rather than
//! put online, and a sealed-export key can never sign an export manifest: its signatures carry
//! the context [`SignatureContext::SealedExportManifest`] only.

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use zeroize::Zeroizing;

use crate::CryptoError;
use crate::entropy::Entropy;
use crate::files;
use crate::keys::decode_body;
use crate::signing::{
    ManifestSigningKey, ManifestVerifyingKey, SIGNING_PRIVATE_PREFIX, SignatureContext,
};

/// Text prefix of a private sealed-export key.
pub const SEALED_KEY_PRIVATE_PREFIX: &str = "ocs-xsign-sk-1:";
/// First line of a sealed-export key certificate.
pub const CERTIFICATE_HEADER: &str = "openocs-sealed-key-certificate-1";

/// The private sealed-export key of one initiative. Not `Clone`; `Debug` shows nothing.
pub struct SealedExportKey(ManifestSigningKey);

impl SealedExportKey {
    /// A new random key.
    pub fn generate(entropy: &dyn Entropy) -> Result<Self, CryptoError> {
        ManifestSigningKey::generate(entropy).map(Self)
    }

    /// Parses the text form (surrounding whitespace is ignored). A manifest key is refused.
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let text = text.trim();
        if text.starts_with(SIGNING_PRIVATE_PREFIX) {
            return Err(CryptoError::InvalidKey(
                "this is the organisers' manifest key (ocs-sign-sk-1:…), which stays offline; \
                 a sealed export is signed with the initiative's sealed-export key \
                 (ocs-xsign-sk-1:…, `ocs keygen --sealed-export`)"
                    .to_owned(),
            ));
        }
        let seed = decode_body(text, SEALED_KEY_PRIVATE_PREFIX, "sealed-export")?;
        Ok(Self(ManifestSigningKey::from_seed(&seed)))
    }

    /// The text form.
    pub fn to_text(&self) -> Zeroizing<String> {
        let seed = self.0.seed();
        let encoded = Zeroizing::new(URL_SAFE_NO_PAD.encode(*seed));
        let mut text = Zeroizing::new(String::with_capacity(SEALED_KEY_PRIVATE_PREFIX.len() + 43));
        text.push_str(SEALED_KEY_PRIVATE_PREFIX);
        text.push_str(&encoded);
        text
    }

    /// The public half (certified by the manifest key).
    pub fn verifying_key(&self) -> ManifestVerifyingKey {
        self.0.verifying_key()
    }

    /// Whether `certificate` names this key's public half for `initiative`. Its signature is
    /// not checked here (the server does not need the manifest public key): this only keeps
    /// an export from going out with a certificate that cannot verify.
    pub fn matches_certificate(&self, certificate: &str, initiative: &str) -> bool {
        certificate
            .strip_prefix(certificate_body(initiative, &self.verifying_key()).as_str())
            .is_some_and(|rest| {
                rest.starts_with(crate::signing::SIGNATURE_PREFIX)
                    && rest.ends_with('\n')
                    && rest.matches('\n').count() == 1
            })
    }

    /// Signs a sealed export's manifest (context [`SignatureContext::SealedExportManifest`]).
    pub fn sign_sealed_manifest(&self, manifest: &[u8]) -> String {
        self.0
            .sign(SignatureContext::SealedExportManifest, manifest)
    }
}

impl fmt::Debug for SealedExportKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealedExportKey(..)")
    }
}

fn certificate_body(initiative: &str, key: &ManifestVerifyingKey) -> String {
    format!(
        "{CERTIFICATE_HEADER}\ninitiative {initiative}\nkey {}\n",
        key.to_text()
    )
}

/// The certificate (text, four lines) by which `manifest_key` vouches for `key` as the
/// sealed-export key of `initiative` (its slug).
pub fn certify_sealed_key(
    manifest_key: &ManifestSigningKey,
    initiative: &str,
    key: &ManifestVerifyingKey,
) -> Result<String, CryptoError> {
    if initiative.is_empty() || initiative.contains(char::is_whitespace) {
        return Err(CryptoError::InvalidKey(
            "the initiative of a certificate is its slug (no spaces)".to_owned(),
        ));
    }
    let body = certificate_body(initiative, key);
    let signature = manifest_key.sign(SignatureContext::SealedKeyCertificate, body.as_bytes());
    Ok(format!("{body}{signature}\n"))
}

/// Checks a certificate against the manifest public key and the initiative's slug; answers
/// the certified sealed-export public key.
pub fn check_sealed_key_certificate(
    text: &str,
    manifest_key: &ManifestVerifyingKey,
    initiative: &str,
) -> Result<ManifestVerifyingKey, CryptoError> {
    let refused =
        |why: &str| CryptoError::InvalidKey(format!("sealed-export key certificate: {why}"));
    let mut lines = text.split_inclusive('\n');
    let (Some(header), Some(named), Some(key_line), Some(signature), None) = (
        lines.next(),
        lines.next(),
        lines.next(),
        lines.next(),
        lines.next(),
    ) else {
        return Err(refused("expected four lines"));
    };
    if header != format!("{CERTIFICATE_HEADER}\n") {
        return Err(refused("not a certificate of this version"));
    }
    let body = format!("{header}{named}{key_line}");
    let signature = signature
        .strip_suffix('\n')
        .ok_or_else(|| refused("the signature line is not complete"))?;
    if !manifest_key.verify(
        SignatureContext::SealedKeyCertificate,
        body.as_bytes(),
        signature,
    ) {
        return Err(refused("not signed by this manifest key"));
    }
    if named
        .strip_prefix("initiative ")
        .and_then(|n| n.strip_suffix('\n'))
        != Some(initiative)
    {
        return Err(refused("issued for another initiative"));
    }
    let key = key_line
        .strip_prefix("key ")
        .and_then(|k| k.strip_suffix('\n'))
        .ok_or_else(|| refused("no key line"))?;
    ManifestVerifyingKey::parse(key)
}

const SEALED_KEY_HEADER: &str = "# OpenOCS sealed-export PRIVATE key of one initiative. It \
signs sealed exports on the server; the manifest key certifies it.\n";

/// Writes a private sealed-export key to a new file (mode 0600, never overwritten).
pub fn write_sealed_export_key(path: &Path, key: &SealedExportKey) -> Result<(), CryptoError> {
    files::write_private_line(path, SEALED_KEY_HEADER, &key.to_text())
}

/// Reads a private sealed-export key file, refusing one others could read.
pub fn read_sealed_export_key(path: &Path) -> Result<SealedExportKey, CryptoError> {
    let text = files::read_private(path)?;
    SealedExportKey::parse(files::single_line(
        &text,
        path,
        "one line `ocs-xsign-sk-1:…` (comment lines start with #)",
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::SeededEntropy;

    fn keys() -> (ManifestSigningKey, SealedExportKey) {
        (
            ManifestSigningKey::generate(&SeededEntropy::new(1)).unwrap(),
            SealedExportKey::generate(&SeededEntropy::new(2)).unwrap(),
        )
    }

    #[test]
    fn a_certificate_names_the_key_for_one_initiative() {
        let (manifest, sealed) = keys();
        let text = certify_sealed_key(&manifest, "save-bees", &sealed.verifying_key()).unwrap();
        let public = manifest.verifying_key();
        assert_eq!(
            check_sealed_key_certificate(&text, &public, "save-bees").unwrap(),
            sealed.verifying_key()
        );
        assert!(check_sealed_key_certificate(&text, &public, "other").is_err());
        assert!(sealed.matches_certificate(&text, "save-bees"));
        assert!(!sealed.matches_certificate(&text, "other"));
        let stranger = ManifestSigningKey::generate(&SeededEntropy::new(3)).unwrap();
        assert!(
            check_sealed_key_certificate(&text, &stranger.verifying_key(), "save-bees").is_err()
        );
        // Another key put into a signed certificate.
        let other = SealedExportKey::generate(&SeededEntropy::new(4)).unwrap();
        let swapped = text.replace(
            &sealed.verifying_key().to_text(),
            &other.verifying_key().to_text(),
        );
        assert!(check_sealed_key_certificate(&swapped, &public, "save-bees").is_err());
    }

    /// A manifest signature over the certificate's bytes (another context) is no certificate,
    /// and the sealed-export key's signature is no manifest signature.
    #[test]
    fn labels_keep_the_kinds_apart() {
        let (manifest, sealed) = keys();
        let body = certificate_body("save-bees", &sealed.verifying_key());
        let as_manifest = manifest.sign(SignatureContext::ExportManifest, body.as_bytes());
        let forged = format!("{body}{as_manifest}\n");
        assert!(
            check_sealed_key_certificate(&forged, &manifest.verifying_key(), "save-bees").is_err()
        );
        let signature = sealed.sign_sealed_manifest(b"{}");
        let public = sealed.verifying_key();
        assert!(public.verify(SignatureContext::SealedExportManifest, b"{}", &signature));
        assert!(!public.verify(SignatureContext::ExportManifest, b"{}", &signature));
    }

    #[test]
    fn the_manifest_key_is_refused_as_a_sealed_export_key() {
        let (manifest, sealed) = keys();
        assert!(SealedExportKey::parse(&manifest.to_text()).is_err());
        assert!(ManifestSigningKey::parse(&sealed.to_text()).is_err());
        let again = SealedExportKey::parse(&sealed.to_text()).unwrap();
        assert_eq!(again.verifying_key(), sealed.verifying_key());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sealed.sk");
        write_sealed_export_key(&path, &sealed).unwrap();
        assert_eq!(
            read_sealed_export_key(&path).unwrap().verifying_key(),
            sealed.verifying_key()
        );
        assert_eq!(format!("{sealed:?}"), "SealedExportKey(..)");
    }
}
