//! The authority's export reader (`ocs export verify`): `export::manifest::verify` on a folder
//! holding the fuzzed `manifest.json`, its signature, a per-state XML file (whose
//! `signature` elements the reader counts) and a sealed copy.
//!
//! An input is the manifest's bytes, then [`FILE_MARK`] and the per-state file's bytes, then
//! optionally [`SIGNATURE_MARK`] and the signature line. Without a signature line the harness
//! signs the manifest bytes with its own key, so mutations get past the signature check to
//! the JSON and file checks.

use std::path::PathBuf;

use ocs_crypto::{ManifestSigningKey, ManifestVerifyingKey, SeededEntropy};
use ocs_service::export::manifest::{
    MANIFEST_FILE, MANIFEST_FORMAT, Manifest, ManifestFile, SIGNATURE_FILE, SealedCopy, Selection,
    verify,
};
use sha2::{Digest as _, Sha256};

use crate::{Rng, Target};

/// Separates the manifest from the per-state file in an input.
pub const FILE_MARK: &[u8] = b"\n--ocs-fuzz-file--\n";
/// Separates the per-state file from a signature line given by the input.
pub const SIGNATURE_MARK: &[u8] = b"\n--ocs-fuzz-signature--\n";
/// The per-state file's name in the folder.
const STATE_FILE: &str = "save-bees-AT.xml";
/// The sealed copy's name in the folder.
const SEALED_FILE: &str = "save-bees-AT.xml.hpke";
/// A per-state file of the export format with two statements, one marked test.
const STATE_XML: &[u8] = include_bytes!("../../seeds/export-AT.xml");

/// The export target; owns its folder (in `/dev/shm` when there is one).
#[derive(Debug)]
pub struct ExportReader {
    dir: tempfile::TempDir,
    signing: ManifestSigningKey,
    verifying: ManifestVerifyingKey,
}

impl ExportReader {
    /// A fresh folder and a key from a fixed seed.
    pub fn new() -> Result<Self, Box<dyn std::error::Error>> {
        let shm = PathBuf::from("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::Builder::new()
                .prefix("ocs-fuzz-")
                .tempdir_in(shm)?
        } else {
            tempfile::Builder::new().prefix("ocs-fuzz-").tempdir()?
        };
        let mut sealed = ocs_crypto::FILE_SEAL_MAGIC.to_vec();
        sealed.extend_from_slice(&[0u8; 64]);
        std::fs::write(dir.path().join(SEALED_FILE), sealed)?;
        let signing = ManifestSigningKey::generate(&SeededEntropy::new(19))?;
        let verifying = signing.verifying_key();
        Ok(Self {
            dir,
            signing,
            verifying,
        })
    }

    fn seed_manifest(&self, with_sealed: bool, plain_omitted: bool) -> Vec<u8> {
        let sealed_bytes = std::fs::read(self.dir.path().join(SEALED_FILE)).unwrap_or_default();
        let manifest = Manifest {
            format: MANIFEST_FORMAT.to_owned(),
            export_id: "ab".repeat(16),
            initiative: "save-bees".to_owned(),
            registration_number: "ECI(2026)000009".to_owned(),
            exported_at: jiff::Timestamp::UNIX_EPOCH,
            selection: Selection {
                countries: vec!["AT".to_owned()],
                from: None,
                to: Some(jiff::civil::date(2026, 3, 31)),
                include_test: true,
            },
            files: vec![ManifestFile {
                country: "AT".to_owned(),
                file: STATE_FILE.to_owned(),
                statements: 2,
                test_statements: 1,
                sha256: hex::encode(Sha256::digest(STATE_XML)),
                sealed: with_sealed.then(|| SealedCopy {
                    file: SEALED_FILE.to_owned(),
                    key_id: "0011223344556677".to_owned(),
                    sha256: hex::encode(Sha256::digest(&sealed_bytes)),
                }),
                pdf: None,
                cover: None,
                plain_omitted,
                log_indices: Vec::new(),
            }],
            log: None,
        };
        let mut json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        json.push(b'\n');
        json
    }
}

/// Splits `input` at the first `mark`.
fn split<'a>(input: &'a [u8], mark: &[u8]) -> (&'a [u8], Option<&'a [u8]>) {
    match input.windows(mark.len()).position(|w| w == mark) {
        Some(at) => (
            input.get(..at).unwrap_or_default(),
            input.get(at + mark.len()..),
        ),
        None => (input, None),
    }
}

impl Target for ExportReader {
    fn name(&self) -> &'static str {
        "export"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        let mut seeds = Vec::new();
        // Plain file and sealed copy; and (the plain file then unlisted) the sealed copy only.
        for (sealed, omitted) in [(true, false), (true, true)] {
            let mut input = self.seed_manifest(sealed, omitted);
            input.extend_from_slice(FILE_MARK);
            input.extend_from_slice(STATE_XML);
            seeds.push(input);
        }
        seeds
    }

    fn dictionary(&self) -> Vec<Vec<u8>> {
        [
            "\"format\"",
            "\"files\"",
            "\"file\"",
            "\"sealed\"",
            "\"pdf\"",
            "\"sha256\"",
            "\"statements\"",
            "\"test_statements\"",
            "\"plain_omitted\"",
            "\"selection\"",
            "\"countries\"",
            "\"from\"",
            "\"to\"",
            "\"include_test\"",
            "\"exported_at\"",
            "\"key_id\"",
            "\"openocs-export/2\"",
            "\"../etc/passwd\"",
            "\".hidden\"",
            "\"a\\\\b\"",
            "\"manifest.json\"",
            "\"save-bees-AT.xml\"",
            "\"save-bees-AT.xml.hpke\"",
            "18446744073709551615",
            "-1",
            "null",
            "true",
            "{}",
            "[]",
            "\"2026-02-30\"",
            "\"1970-01-01T00:00:00Z\"",
            "<signature>",
            "<signature ",
            " test=\"true\"",
            "<signatures>",
            "</signature>",
            "<signature\n",
            "<signature/>",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect()
    }

    fn mutate_structured(
        &self,
        input: &mut Vec<u8>,
        rng: &mut Rng,
        dictionary: &[Vec<u8>],
    ) -> bool {
        // Edit one part with the XML edits, keeping the layout of the input.
        let (manifest, rest) = split(input, FILE_MARK);
        let Some(rest) = rest else {
            return false;
        };
        let (mut manifest, mut file) = (manifest.to_vec(), rest.to_vec());
        if rng.below(2) == 0 {
            crate::mutate::mutate_xml(&mut file, rng, dictionary);
        } else if let Some(token) = rng.pick(dictionary) {
            // Swap one JSON value for a token.
            let colons: Vec<usize> = manifest
                .iter()
                .enumerate()
                .filter_map(|(i, b)| (*b == b':').then_some(i))
                .collect();
            let Some(&at) = rng.pick(&colons) else {
                return false;
            };
            let end = manifest
                .iter()
                .skip(at)
                .position(|b| *b == b',' || *b == b'\n')
                .map_or(manifest.len(), |i| i + at);
            manifest.splice(at + 1..end, token.iter().copied());
        }
        manifest.extend_from_slice(FILE_MARK);
        manifest.extend_from_slice(&file);
        *input = manifest;
        true
    }

    fn run(&mut self, input: &[u8]) -> String {
        let (manifest, rest) = split(input, FILE_MARK);
        let (file, signature) = match rest {
            Some(rest) => split(rest, SIGNATURE_MARK),
            None => (&[][..], None),
        };
        let signature = match signature {
            Some(line) => line.to_vec(),
            None => format!(
                "{}\n",
                self.signing
                    .sign(ocs_crypto::SignatureContext::ExportManifest, manifest)
            )
            .into_bytes(),
        };
        let dir = self.dir.path();
        let written = std::fs::write(dir.join(MANIFEST_FILE), manifest)
            .and_then(|()| std::fs::write(dir.join(SIGNATURE_FILE), &signature))
            .and_then(|()| std::fs::write(dir.join(STATE_FILE), file));
        if let Err(error) = written {
            return format!("io:{}", error.kind());
        }
        let (read, problems) = verify(dir, &self.verifying);
        // The words of each problem after the file name, without names, numbers and hashes:
        // its kind.
        let mut kinds: Vec<String> = problems
            .iter()
            .map(|problem| {
                problem
                    .split(':')
                    .nth(1)
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(|word| word.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
                    .filter(|word| {
                        !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())
                    })
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        kinds.sort();
        kinds.dedup();
        format!("{}:{}", read.is_some(), kinds.join("|"))
    }
}
