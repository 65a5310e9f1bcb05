//! `manifest.json` and `manifest.sig`: what an export holds, signed by the organisers, and
//! the check an authority runs on a received export.
//!
//! The signature (`ocs-sig-2:` + base64url Ed25519, one line) is over the context label
//! `openocs export manifest v1`, a zero byte and the exact bytes of `manifest.json`, so the
//! manifest is never re-serialised before checking, and no other signature of the organisers'
//! keys (a sealed export's, a key certificate) passes for it.

use std::collections::BTreeSet;
use std::path::Path;

use jiff::Timestamp;
use ocs_crypto::{ManifestSigningKey, ManifestVerifyingKey, SignatureContext};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// File name of the manifest inside the export folder.
pub const MANIFEST_FILE: &str = "manifest.json";
/// File name of the manifest's signature.
pub const SIGNATURE_FILE: &str = "manifest.sig";
/// Value of `format`: names this layout, for readers of later versions (2: labelled
/// signature, export id, authority copies bound to the initiative and the export).
pub const MANIFEST_FORMAT: &str = "openocs-export/2";

/// The manifest of one export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`].
    pub format: String,
    /// This export's random id (32 hex digits): bound into each authority copy's encryption
    /// with the registration number, so a copy opens only as part of this export.
    pub export_id: String,
    /// The initiative's slug.
    pub initiative: String,
    /// The Commission registration number.
    pub registration_number: String,
    /// When the export was made.
    pub exported_at: Timestamp,
    /// What was asked for.
    pub selection: Selection,
    /// One entry per file, in order of country code.
    pub files: Vec<ManifestFile>,
    /// The public tally log's checkpoint this export corresponds to (ADR 0007); absent when
    /// the database read held no published log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<ManifestLog>,
}

/// The tally log at the time of the export: `ocs export verify --log …` checks every
/// exported statement against it and the per-state counts against its fold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestLog {
    /// The signed checkpoint (C2SP signed note), verbatim as the log served it.
    pub checkpoint: String,
    /// Its tree size.
    pub tree_size: u64,
    /// Its root hash, lower-case hex.
    pub root_hash: String,
}

/// The filters of an export, so a reader knows whether it is complete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// Countries asked for (EU codes); empty means all.
    pub countries: Vec<String>,
    /// First signing date included, if limited.
    pub from: Option<jiff::civil::Date>,
    /// Last signing date included, if limited.
    pub to: Option<jiff::civil::Date>,
    /// Whether statements taken in test mode were included (and marked).
    pub include_test: bool,
}

/// One per-state file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// State of nationality, EU code (`EL` for Greece).
    pub country: String,
    /// File name inside the export folder.
    pub file: String,
    /// `signature` elements in the file.
    pub statements: u64,
    /// Of which marked `test="true"`.
    pub test_statements: u64,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// The copy encrypted to the state's authority key, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<SealedCopy>,
    /// The printable Annex III list of the same statements (`SLUG-xx.pdf`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pdf: Option<ListedFile>,
    /// The state's Annex V cover form (`cover-XX.pdf`), written with the PDFs. It holds no
    /// signatory's data and is never encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<ListedFile>,
    /// `--no-plain`: the plain files were removed after encryption; only the `.hpke` copies
    /// are in the folder (the hashes above are of the plain files, for checking after
    /// decryption).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plain_omitted: bool,
    /// With a log: the log index of each statement of the file, in the file's order; `null`
    /// for a statement not in the log at the checkpoint (published after it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log_indices: Vec<Option<u64>>,
}

/// Another file of a state, listed with its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListedFile {
    /// File name inside the export folder.
    pub file: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// The copy encrypted to the state's authority key, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<SealedCopy>,
}

/// A per-state file encrypted to its authority's key (`FILE.hpke`, container `OCS-AUTH-1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedCopy {
    /// File name inside the export folder: the plain file's name and `.hpke`.
    pub file: String,
    /// Key id of the authority's public key (first 8 bytes of its SHA-256), hex.
    pub key_id: String,
    /// SHA-256 of the encrypted file, lower-case hex.
    pub sha256: String,
}

impl Manifest {
    /// Writes `manifest.json` and `manifest.sig` into `dir`.
    pub fn write_signed(&self, dir: &Path, key: &ManifestSigningKey) -> std::io::Result<()> {
        let mut json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        json.push(b'\n');
        let signature = key.sign(SignatureContext::ExportManifest, &json);
        write_new(&dir.join(MANIFEST_FILE), &json)?;
        write_new(
            &dir.join(SIGNATURE_FILE),
            format!("{signature}\n").as_bytes(),
        )
    }
}

/// Writes a new file (refuses to overwrite) and syncs it.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Checks an export folder: the signature over `manifest.json`, then every listed file's
/// hash and statement count, and that no other file is present. Returns every problem found
/// (empty: all is well) and the manifest if it could be read.
pub fn verify(dir: &Path, key: &ManifestVerifyingKey) -> (Option<Manifest>, Vec<String>) {
    let mut problems = Vec::new();
    let json = match std::fs::read(dir.join(MANIFEST_FILE)) {
        Ok(json) => json,
        Err(error) => {
            problems.push(format!("{MANIFEST_FILE}: cannot read it: {error}"));
            return (None, problems);
        }
    };
    match std::fs::read_to_string(dir.join(SIGNATURE_FILE)) {
        // Exactly one line as written: any changed byte, even whitespace, is a failure.
        Ok(signature)
            if signature
                .strip_suffix('\n')
                .is_some_and(|line| key.verify(SignatureContext::ExportManifest, &json, line)) => {}
        Ok(_) => problems.push(format!(
            "{SIGNATURE_FILE}: the signature does not match {MANIFEST_FILE} and this public key"
        )),
        Err(error) => problems.push(format!("{SIGNATURE_FILE}: cannot read it: {error}")),
    }
    let manifest: Manifest = match serde_json::from_slice(&json) {
        Ok(manifest) => manifest,
        Err(error) => {
            problems.push(format!("{MANIFEST_FILE}: not a valid manifest: {error}"));
            return (None, problems);
        }
    };
    if manifest.format != MANIFEST_FORMAT {
        problems.push(format!(
            "{MANIFEST_FILE}: format {:?}, expected {MANIFEST_FORMAT:?}",
            manifest.format
        ));
    }
    let mut listed = BTreeSet::new();
    for entry in &manifest.files {
        if entry.plain_omitted && entry.sealed.is_none() {
            problems.push(format!(
                "{}: neither the file nor a sealed copy",
                entry.file
            ));
        }
        if !entry.plain_omitted {
            listed.insert(entry.file.clone());
            problems.extend(check_file(dir, entry));
        }
        if let Some(sealed) = &entry.sealed {
            listed.insert(sealed.file.clone());
            problems.extend(check_sealed(dir, sealed));
        }
        if let Some(pdf) = &entry.pdf {
            if !entry.plain_omitted {
                listed.insert(pdf.file.clone());
                match read_listed(dir, &pdf.file) {
                    Ok(bytes) => problems.extend(hash_problem(&pdf.file, &bytes, &pdf.sha256)),
                    Err(problem) => problems.push(problem),
                }
            }
            if let Some(sealed) = &pdf.sealed {
                listed.insert(sealed.file.clone());
                problems.extend(check_sealed(dir, sealed));
            }
        }
    }
    for cover in manifest
        .files
        .iter()
        .filter_map(|entry| entry.cover.as_ref())
    {
        listed.insert(cover.file.clone());
        match read_listed(dir, &cover.file) {
            Ok(bytes) => problems.extend(hash_problem(&cover.file, &bytes, &cover.sha256)),
            Err(problem) => problems.push(problem),
        }
    }
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut extra: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| {
                    name != MANIFEST_FILE && name != SIGNATURE_FILE && !listed.contains(name)
                })
                .collect();
            extra.sort();
            for name in extra {
                problems.push(format!("{name}: not listed in {MANIFEST_FILE}"));
            }
        }
        Err(error) => problems.push(format!("{}: cannot list it: {error}", dir.display())),
    }
    (Some(manifest), problems)
}

/// The plain file's name of the authority copy `sealed_name` (`FILE.hpke`) as `manifest`
/// lists it, or `None` when the manifest lists no such copy.
pub fn sealed_copy_of<'m>(manifest: &'m Manifest, sealed_name: &str) -> Option<&'m str> {
    manifest.files.iter().find_map(|entry| {
        let xml = entry
            .sealed
            .as_ref()
            .filter(|copy| copy.file == sealed_name)
            .map(|_| entry.file.as_str());
        let pdf = entry.pdf.as_ref().and_then(|pdf| {
            pdf.sealed
                .as_ref()
                .filter(|copy| copy.file == sealed_name)
                .map(|_| pdf.file.as_str())
        });
        xml.or(pdf)
    })
}

/// Reads a listed file, refusing a name that is not a plain file name.
fn read_listed(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    // A listed name is a plain file name: a path would let a manifest point outside.
    if name.contains('/') || name.contains('\\') || name.starts_with('.') {
        return Err(format!("{name}: not a plain file name"));
    }
    std::fs::read(dir.join(name)).map_err(|error| format!("{name}: cannot read it: {error}"))
}

/// A problem if `bytes` do not hash to `expected`.
fn hash_problem(name: &str, bytes: &[u8], expected: &str) -> Option<String> {
    let hash = hex::encode(Sha256::digest(bytes));
    (hash != expected).then(|| format!("{name}: SHA-256 is {hash}, the manifest says {expected}"))
}

/// An encrypted copy: without the authority's private key only its hash and its container
/// magic can be checked.
fn check_sealed(dir: &Path, sealed: &SealedCopy) -> Vec<String> {
    let bytes = match read_listed(dir, &sealed.file) {
        Ok(bytes) => bytes,
        Err(problem) => return vec![problem],
    };
    let mut problems: Vec<String> = hash_problem(&sealed.file, &bytes, &sealed.sha256)
        .into_iter()
        .collect();
    if !bytes.starts_with(ocs_crypto::FILE_SEAL_MAGIC) {
        problems.push(format!("{}: not an OCS-AUTH-1 container", sealed.file));
    }
    problems
}

fn check_file(dir: &Path, entry: &ManifestFile) -> Vec<String> {
    let name = &entry.file;
    let bytes = match read_listed(dir, name) {
        Ok(bytes) => bytes,
        Err(problem) => return vec![problem],
    };
    let mut problems: Vec<String> = hash_problem(name, &bytes, &entry.sha256)
        .into_iter()
        .collect();
    let (statements, test_statements) = count_signatures(&bytes);
    if statements != entry.statements {
        problems.push(format!(
            "{name}: {statements} statements, the manifest says {}",
            entry.statements
        ));
    }
    if test_statements != entry.test_statements {
        problems.push(format!(
            "{name}: {test_statements} test statements, the manifest says {}",
            entry.test_statements
        ));
    }
    problems
}

/// Counts `signature` start tags (`<signature>` or `<signature` followed by attributes) and
/// those with `test="true"`. Text content is escaped (`<` is always `&lt;`), so a start tag can
/// only be markup.
fn count_signatures(bytes: &[u8]) -> (u64, u64) {
    let (mut all, mut test) = (0u64, 0u64);
    let needle = b"<signature";
    let mut rest = bytes;
    while let Some(at) = rest.windows(needle.len()).position(|w| w == needle) {
        rest = rest.get(at + needle.len()..).unwrap_or_default();
        let end = rest.iter().position(|b| *b == b'>').unwrap_or(rest.len());
        let attributes = rest.get(..end).unwrap_or_default();
        match attributes.first() {
            None => all = all.saturating_add(1),
            Some(b' ') => {
                all = all.saturating_add(1);
                if attributes.windows(12).any(|w| w == b" test=\"true\"") {
                    test = test.saturating_add(1);
                }
            }
            // `<signatures>`, `<signatureIdentifier>`, `<signatoryInfo>`: other elements.
            Some(_) => {}
        }
    }
    (all, test)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_plain_and_test_signatures() {
        let xml = b"<signatures><signature></signature><signature test=\"true\"></signature>\
            <signature paper=\"true\" language=\"de\"></signature>\
            <signature test=\"true\" paper=\"true\"></signature>\
            <signatureIdentifier>x</signatureIdentifier></signatures>";
        assert_eq!(count_signatures(xml), (4, 2));
    }
}
