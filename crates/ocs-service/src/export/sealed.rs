//! The sealed export: an initiative's statements still sealed to the organisers' recipient
//! keys, with a signed manifest, for decryption on another machine. It needs no private key,
//! so it can be made where the database is; `import` puts it into a database copy (for
//! example a new SQLite file) that the ordinary export then reads with the private key.
//!
//! Folder: `SLUG-sealed.json` (the backup document: per statement its identifier,
//! nationality, time, tag, envelope and flags), `sealed-manifest.json` with its Ed25519
//! signature `sealed-manifest.sig` (the SHA-256 and count of the document) and
//! `sealed-key.cert`.
//!
//! The manifest is signed with the initiative's online sealed-export key (context
//! `openocs sealed export manifest v1`), never with the organisers' offline manifest key;
//! `sealed-key.cert` is that key's certificate by the manifest key
//! ([`ocs_crypto::sealed_key`]). Whoever imports checks the certificate against the manifest
//! public key, then the manifest against the certified key.

use std::path::Path;

use jiff::Timestamp;
use ocs_crypto::{ManifestVerifyingKey, SealedExportKey, SignatureContext};
use ocs_domain::Initiative;
use ocs_storage::StatementStore;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::backup::{BackupError, import_document, sealed_document};

const FORMAT: &str = "openocs-sealed-export-2";
const MANIFEST: &str = "sealed-manifest.json";
const SIGNATURE: &str = "sealed-manifest.sig";
/// The sealed-export key's certificate, copied into every sealed export.
pub const CERTIFICATE: &str = "sealed-key.cert";

/// The signed description of a sealed export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedManifest {
    /// Layout version.
    pub format: String,
    /// The initiative's slug.
    pub initiative: String,
    /// The initiative's number.
    pub initiative_number: u32,
    /// When the export was made.
    pub exported_at: Timestamp,
    /// The document's file name.
    pub file: String,
    /// Statements in it.
    pub statements: u64,
    /// SHA-256 of the document, lower-case hex.
    pub sha256: String,
}

/// Writes the sealed export of `initiative` into the new or empty folder `dir`, signed with
/// `key`, whose `certificate` (by the manifest key) must name this key and initiative.
pub async fn write(
    store: &dyn StatementStore,
    initiative: &Initiative,
    key: &SealedExportKey,
    certificate: &str,
    now: Timestamp,
    dir: &Path,
) -> Result<SealedManifest, BackupError> {
    if !key.matches_certificate(certificate, initiative.slug.as_str()) {
        return Err(BackupError::Format(format!(
            "the sealed-export key certificate is not for this key and the initiative {}",
            initiative.slug
        )));
    }
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        return Err(BackupError::Format(format!(
            "the output folder {} is not empty",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir)?;
    let (document, statements) = sealed_document(store, initiative.id).await?;
    let file = format!("{}-sealed.json", initiative.slug);
    super::manifest::write_new(&dir.join(&file), &document)?;
    let manifest = SealedManifest {
        format: FORMAT.to_owned(),
        initiative: initiative.slug.to_string(),
        initiative_number: initiative.id.get(),
        exported_at: now,
        file,
        statements,
        sha256: hex::encode(Sha256::digest(&document)),
    };
    let mut json = serde_json::to_vec_pretty(&manifest)
        .map_err(|error| BackupError::Format(error.to_string()))?;
    json.push(b'\n');
    let signature = key.sign_sealed_manifest(&json);
    super::manifest::write_new(&dir.join(MANIFEST), &json)?;
    super::manifest::write_new(&dir.join(SIGNATURE), format!("{signature}\n").as_bytes())?;
    super::manifest::write_new(&dir.join(CERTIFICATE), certificate.as_bytes())?;
    Ok(manifest)
}

/// Checks the sealed-export key's certificate against the organisers' manifest public key
/// `manifest_key`, the manifest's signature against the certified key and the document's
/// hash, then records its statements into `store` for `initiative` (statements already there
/// are skipped). Returns the manifest and how many statements were imported.
pub async fn import(
    dir: &Path,
    manifest_key: &ManifestVerifyingKey,
    initiative: &Initiative,
    store: &dyn StatementStore,
) -> Result<(SealedManifest, u64), BackupError> {
    let certificate = std::fs::read_to_string(dir.join(CERTIFICATE))?;
    let key = ocs_crypto::check_sealed_key_certificate(
        &certificate,
        manifest_key,
        initiative.slug.as_str(),
    )
    .map_err(|error| BackupError::Format(error.to_string()))?;
    let json = std::fs::read(dir.join(MANIFEST))?;
    let signature = std::fs::read_to_string(dir.join(SIGNATURE))?;
    if !signature
        .strip_suffix('\n')
        .is_some_and(|line| key.verify(SignatureContext::SealedExportManifest, &json, line))
    {
        return Err(BackupError::Format(
            "the signature does not match the manifest and the certified sealed-export key"
                .to_owned(),
        ));
    }
    let manifest: SealedManifest =
        serde_json::from_slice(&json).map_err(|error| BackupError::Format(error.to_string()))?;
    if manifest.format != FORMAT || manifest.initiative_number != initiative.id.get() {
        return Err(BackupError::Format(
            "not a sealed export of this initiative".to_owned(),
        ));
    }
    if manifest.file.contains('/') || manifest.file.contains('\\') || manifest.file.starts_with('.')
    {
        return Err(BackupError::Format(
            "the listed file is not a plain name".to_owned(),
        ));
    }
    let document = std::fs::read(dir.join(&manifest.file))?;
    if hex::encode(Sha256::digest(&document)) != manifest.sha256 {
        return Err(BackupError::Format(format!(
            "{}: the SHA-256 differs from the manifest",
            manifest.file
        )));
    }
    let imported = import_document(store, initiative.id, &document).await?;
    Ok((manifest, imported))
}
