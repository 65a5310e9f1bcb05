//! Offline export for national authorities: reads every committed statement of an
//! initiative, opens it with the organisers' private key, and writes one XML file per state
//! of nationality plus a signed manifest. Runs on the offline machine, never on the server.
//!
//! Personal data stays in wiped buffers and in the output files: errors and logs name
//! statements by their sequence number only.

pub mod cover;
mod error;
pub mod log_check;
pub mod manifest;
pub mod pdf;
mod row;
pub mod sealed;
pub mod xml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ocs_crypto::{Entropy, ManifestSigningKey, Opener, RecipientPublicKey};
use ocs_domain::{CountryCode, Initiative, StatementId};
use ocs_storage::{LogStore, StatementStore};
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use self::cover::{CoverCounts, cover_blocks, cover_file_name};
pub use self::error::ExportError;
use self::error::io_error;
use self::manifest::{
    ListedFile, MANIFEST_FORMAT, Manifest, ManifestFile, ManifestLog, SealedCopy, Selection,
};
use self::pdf::{AnnexList, DocumentInfo, PdfFont};
use self::xml::CountryFile;
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, AuditSink};

/// Statements read per storage call.
const PAGE: u32 = 1000;

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportSelection {
    /// Only these states of nationality; empty means all.
    pub countries: BTreeSet<CountryCode>,
    /// First signing date included (in the signing time zone).
    pub from: Option<Date>,
    /// Last signing date included (in the signing time zone).
    pub to: Option<Date>,
    /// Also export statements taken in test mode, marked `test="true"`.
    pub include_test: bool,
}

/// Creates `dir` or checks that it is empty.
fn prepare_output(dir: &Path) -> Result<(), ExportError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(ExportError::OutputNotEmpty(dir.to_owned()));
            }
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(io_error(dir))
        }
        Err(error) => Err(io_error(dir)(error)),
    }
}

/// The file name of one state's file: `<slug>-<iso code, lower case>.xml`.
pub fn file_name(initiative: &Initiative, country: CountryCode) -> String {
    format!(
        "{}-{}.xml",
        initiative.slug,
        country.iso3166().to_ascii_lowercase()
    )
}

/// The files a state's cover lists: those in the folder (the plain ones unless omitted, and
/// the sealed copies), with their SHA-256 as in the manifest.
fn annexed_files(
    name: &str,
    sha256: &str,
    sealed: Option<&SealedCopy>,
    pdf: Option<&ListedFile>,
    plain_omitted: bool,
) -> Vec<(String, String)> {
    let mut annexed = Vec::new();
    if !plain_omitted {
        annexed.push((name.to_owned(), sha256.to_owned()));
    }
    annexed.extend(sealed.map(|s| (s.file.clone(), s.sha256.clone())));
    if let Some(pdf) = pdf {
        if !plain_omitted {
            annexed.push((pdf.file.clone(), pdf.sha256.clone()));
        }
        annexed.extend(
            pdf.sealed
                .as_ref()
                .map(|s| (s.file.clone(), s.sha256.clone())),
        );
    }
    annexed
}

/// Everything an export needs besides the store.
pub struct Exporter<'a> {
    /// The initiative, with its register data from the configuration.
    pub initiative: &'a Initiative,
    /// Zone of the signing date (`submissionDate`, `--from`, `--to`).
    pub time_zone: &'a TimeZone,
    /// What to export.
    pub selection: &'a ExportSelection,
    /// Signs the manifest.
    pub signing_key: &'a ManifestSigningKey,
    /// Time written in the manifest.
    pub now: Timestamp,
    /// Authority public keys by state: each such state's file is also written encrypted to
    /// its key, as `FILE.hpke` (`ocs_crypto::seal_file`).
    pub authority_keys: &'a BTreeMap<CountryCode, RecipientPublicKey>,
    /// Randomness for those encryptions.
    pub entropy: &'a dyn Entropy,
    /// With a font, each state's statements are also written as a printable Annex III
    /// list, `SLUG-xx.pdf` (see [`pdf`]), and each state gets its Annex V cover form,
    /// `cover-XX.pdf` (see [`cover`]).
    pub pdf_font: Option<&'a PdfFont>,
    /// Only the encrypted copies for states with an authority key: their plain XML and PDF
    /// files are overwritten and removed once sealed (states without a key keep theirs).
    pub no_plain: bool,
    /// The database's tally log: the manifest records its latest checkpoint and each
    /// exported statement's index in it (`None`: no log recorded).
    pub log: Option<&'a dyn LogStore>,
}

/// One statement as the printable list shows it.
struct PdfRow {
    paper: bool,
    date: String,
    identifier: String,
    values: Vec<(String, Zeroizing<String>)>,
}

/// A column title for a property key (`full.first.names` → `Full first names`).
fn column_title(key: &str) -> String {
    let spaced = key.replace('.', " ");
    let mut characters = spaced.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

/// The audit action recorded before an export reads anything.
pub const EXPORT_REQUESTED: AuditAction = AuditAction::EXPORT_REQUESTED;
/// The audit action recorded when an export ends (with counts, or the failure).
pub const EXPORT_FINISHED: AuditAction = AuditAction::EXPORT_FINISHED;

impl Exporter<'_> {
    /// [`Exporter::run`] with its audit trail: the request (selection, authority states; no
    /// personal data) is recorded through `audit` before anything is read, so an export the
    /// trail cannot record does not run; the outcome (files and counts, or the error, which
    /// names no personal data) is recorded after. The console's persistent trail and the
    /// command line (`LogAudit` for now) both come in through `audit`.
    pub async fn run_audited(
        &self,
        store: &dyn StatementStore,
        opener: &mut Opener,
        dir: &Path,
        audit: &dyn AuditSink,
        actor: Actor,
    ) -> Result<Manifest, ExportError> {
        let initiative = Some(self.initiative.id);
        let selection = self.selection;
        let list = |items: Vec<&str>| {
            if items.is_empty() {
                "all".to_owned()
            } else {
                items.join(",")
            }
        };
        let request = format!(
            "countries {}; from {}; to {}; test statements {}; authority copies {}; pdf {}",
            list(selection.countries.iter().map(|c| c.as_str()).collect()),
            selection
                .from
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
            selection
                .to
                .map_or_else(|| "-".to_owned(), |d| d.to_string()),
            if selection.include_test {
                "included"
            } else {
                "left out"
            },
            list(self.authority_keys.keys().map(|c| c.as_str()).collect()),
            self.pdf_font.is_some(),
        );
        audit
            .record(
                AuditEvent::new(actor.clone(), EXPORT_REQUESTED, initiative, request),
                self.now,
            )
            .await
            .map_err(|error| ExportError::Audit(error.to_string()))?;
        let result = self.run(store, opener, dir).await;
        let outcome = match &result {
            Ok(manifest) => format!(
                "files {}; statements {}",
                manifest.files.len(),
                manifest.files.iter().map(|f| f.statements).sum::<u64>()
            ),
            Err(error) => format!("failed: {error}"),
        };
        audit
            .record(
                AuditEvent::new(actor, EXPORT_FINISHED, initiative, outcome),
                self.now,
            )
            .await
            .map_err(|error| ExportError::Audit(error.to_string()))?;
        result
    }

    /// Runs the export into `dir` (created if missing, refused if not empty). On an error
    /// the partial files stay for inspection but no manifest is written, so they never
    /// verify.
    pub async fn run(
        &self,
        store: &dyn StatementStore,
        opener: &mut Opener,
        dir: &Path,
    ) -> Result<Manifest, ExportError> {
        prepare_output(dir)?;
        // Names this export in its manifest and binds each authority copy to it.
        let export_id = ocs_crypto::try_random_bytes::<16>(self.entropy)
            .map(hex::encode)
            .map_err(|reason| ExportError::SealFailed {
                file: manifest::MANIFEST_FILE.to_owned(),
                reason,
            })?;
        let (log, positions) = self.log_positions().await?;
        let mut files: BTreeMap<CountryCode, CountryFile> = BTreeMap::new();
        let mut pdf_rows: BTreeMap<CountryCode, Vec<PdfRow>> = BTreeMap::new();
        let mut log_indices: BTreeMap<CountryCode, Vec<Option<u64>>> = BTreeMap::new();
        // For the covers (test statements left out): all collected, and exported on paper.
        let mut total_all_states = 0u64;
        let mut paper: BTreeMap<CountryCode, u64> = BTreeMap::new();
        let mut after = 0;
        loop {
            let page = store.statements(self.initiative.id, after, PAGE).await?;
            let Some(last) = page.last() else { break };
            after = last.sequence;
            for row in &page {
                let exported = self.export_row(row, opener, dir, &mut files, &mut pdf_rows)?;
                total_all_states += u64::from(!row.test);
                if exported && row.paper && !row.test {
                    *paper.entry(row.nationality).or_default() += 1;
                }
                if exported && log.is_some() {
                    log_indices
                        .entry(row.nationality)
                        .or_default()
                        .push(positions.get(&row.id).copied());
                }
            }
        }
        let mut entries = Vec::with_capacity(files.len());
        for (country, file) in files {
            let name = file_name(self.initiative, country);
            let finished = file.finish().map_err(io_error(&dir.join(&name)))?;
            let sealed = match self.authority_keys.get(&country) {
                Some(key) => Some(self.seal_copy(dir, &name, key, &export_id)?),
                None => None,
            };
            let mut pdf = match (self.pdf_font, pdf_rows.remove(&country)) {
                (Some(font), Some(rows)) => Some(self.write_pdf(dir, &name, country, font, &rows)?),
                _ => None,
            };
            let key = self.authority_keys.get(&country);
            if let (Some(pdf), Some(key)) = (pdf.as_mut(), key) {
                pdf.sealed = Some(self.seal_copy(dir, &pdf.file, key, &export_id)?);
            }
            let plain_omitted = self.no_plain && key.is_some();
            if plain_omitted {
                let mut plain = vec![dir.join(&name)];
                plain.extend(pdf.as_ref().map(|pdf| dir.join(&pdf.file)));
                for path in plain {
                    crate::backup::shred_file(&path).map_err(|error| ExportError::Io {
                        path: path.clone(),
                        source: std::io::Error::other(error.to_string()),
                    })?;
                }
            }
            let cover = match self.pdf_font {
                Some(font) => {
                    let counts = CoverCounts {
                        country,
                        statements: finished.statements.saturating_sub(finished.test_statements),
                        paper: paper.get(&country).copied().unwrap_or(0),
                        total_all_states,
                        files: annexed_files(
                            &name,
                            &finished.sha256,
                            sealed.as_ref(),
                            pdf.as_ref(),
                            plain_omitted,
                        ),
                    };
                    Some(self.write_cover(dir, font, &counts)?)
                }
                None => None,
            };
            entries.push(ManifestFile {
                country: country.as_str().to_owned(),
                file: name,
                statements: finished.statements,
                test_statements: finished.test_statements,
                sha256: finished.sha256,
                sealed,
                pdf,
                cover,
                plain_omitted,
                log_indices: log_indices.remove(&country).unwrap_or_default(),
            });
        }
        let manifest = self.manifest(entries, log, export_id);
        manifest
            .write_signed(dir, self.signing_key)
            .map_err(io_error(dir))?;
        Ok(manifest)
    }

    /// The manifest of `files`, with the selection and the log's checkpoint, if any.
    fn manifest(
        &self,
        files: Vec<ManifestFile>,
        log: Option<ManifestLog>,
        export_id: String,
    ) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.to_owned(),
            export_id,
            initiative: self.initiative.slug.to_string(),
            registration_number: self.initiative.registration_number.clone(),
            exported_at: self.now,
            selection: Selection {
                countries: self
                    .selection
                    .countries
                    .iter()
                    .map(|c| c.as_str().to_owned())
                    .collect(),
                from: self.selection.from,
                to: self.selection.to,
                include_test: self.selection.include_test,
            },
            files,
            log,
        }
    }

    /// Writes `NAME.hpke`, the finished file `name` encrypted to `key`, bound to the
    /// initiative's registration number and this export's id.
    fn seal_copy(
        &self,
        dir: &Path,
        name: &str,
        key: &RecipientPublicKey,
        export_id: &str,
    ) -> Result<SealedCopy, ExportError> {
        let path = dir.join(name);
        let plain = Zeroizing::new(std::fs::read(&path).map_err(io_error(&path))?);
        let binding = ocs_crypto::AuthorityFile {
            initiative: &self.initiative.registration_number,
            export_id,
            file_name: name,
        };
        let sealed = ocs_crypto::seal_authority_file(key, &binding, &plain, self.entropy).map_err(
            |reason| ExportError::SealFailed {
                file: name.to_owned(),
                reason,
            },
        )?;
        let file = format!("{name}.hpke");
        let sealed_path = dir.join(&file);
        manifest::write_new(&sealed_path, &sealed).map_err(io_error(&sealed_path))?;
        Ok(SealedCopy {
            file,
            key_id: hex::encode(key.key_id()),
            sha256: hex::encode(Sha256::digest(&sealed)),
        })
    }

    /// Writes `SLUG-xx.pdf`, the printable Annex III list of one state's statements.
    fn write_pdf(
        &self,
        dir: &Path,
        xml_name: &str,
        country: CountryCode,
        font: &PdfFont,
        rows: &[PdfRow],
    ) -> Result<ListedFile, ExportError> {
        let initiative = self.initiative;
        let mut keys: Vec<String> = Vec::new();
        for row in rows {
            for (key, _) in &row.values {
                if !keys.contains(key) {
                    keys.push(key.clone());
                }
            }
        }
        let mut columns = vec!["No.".to_owned()];
        columns.extend(keys.iter().map(|key| column_title(key)));
        columns.push("Date of signing".to_owned());
        columns.push("Statement identifier".to_owned());
        let any_paper = rows.iter().any(|row| row.paper);
        if any_paper {
            columns.push("Collected".to_owned());
        }
        let table: Vec<Vec<Zeroizing<String>>> = rows
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let mut cells = vec![Zeroizing::new((index + 1).to_string())];
                for key in &keys {
                    let value = row.values.iter().find(|(k, _)| k == key);
                    cells.push(value.map_or_else(Zeroizing::default, |(_, v)| v.clone()));
                }
                cells.push(Zeroizing::new(row.date.clone()));
                cells.push(Zeroizing::new(row.identifier.clone()));
                if any_paper {
                    let channel = if row.paper { "on paper" } else { "online" };
                    cells.push(Zeroizing::new(channel.to_owned()));
                }
                cells
            })
            .collect();
        let organisers: Vec<&str> = initiative
            .organisers
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        let list = AnnexList {
            heading: vec![
                format!(
                    "Annex III - statements of support - member state {}",
                    country.as_str()
                ),
                format!(
                    "Commission registration number: {}   Date of registration: {}",
                    initiative.registration_number, initiative.registration_date
                ),
                format!("Title: {}", initiative.title),
                format!("Register: {}", initiative.register_url),
                format!("Organisers: {}", organisers.join(", ")),
                format!("Statements: {}", rows.len()),
            ],
            columns,
            rows: &table,
        };
        let file = xml_name
            .strip_suffix(".xml")
            .map_or_else(|| format!("{xml_name}.pdf"), |stem| format!("{stem}.pdf"));
        let info = DocumentInfo {
            title: format!(
                "{} - statements of support - {}",
                initiative.registration_number,
                country.as_str()
            ),
            language: "en".to_owned(),
            created: self.now,
        };
        let bytes = pdf::write(font, &info, &list).map_err(|reason| ExportError::Pdf {
            file: file.clone(),
            reason,
        })?;
        let path = dir.join(&file);
        manifest::write_new(&path, &bytes).map_err(io_error(&path))?;
        Ok(ListedFile {
            file,
            sha256: hex::encode(Sha256::digest(&bytes)),
            sealed: None,
        })
    }

    /// Writes `cover-XX.pdf`, the state's Annex V cover form. It holds no signatory's data
    /// (register data, counts and file hashes), so it stays in clear next to the encrypted
    /// copies: it is what the authority reads first.
    fn write_cover(
        &self,
        dir: &Path,
        font: &PdfFont,
        counts: &CoverCounts,
    ) -> Result<ListedFile, ExportError> {
        let file = cover_file_name(counts.country);
        let info = DocumentInfo {
            title: format!(
                "{} - submission to the competent authority of {}",
                self.initiative.registration_number,
                counts.country.as_str()
            ),
            language: "en".to_owned(),
            created: self.now,
        };
        let blocks = cover_blocks(self.initiative, counts, self.now);
        let bytes = pdf::write_form(font, &info, &blocks).map_err(|reason| ExportError::Pdf {
            file: file.clone(),
            reason,
        })?;
        let path = dir.join(&file);
        manifest::write_new(&path, &bytes).map_err(io_error(&path))?;
        Ok(ListedFile {
            file,
            sha256: hex::encode(Sha256::digest(&bytes)),
            sealed: None,
        })
    }

    /// The log's latest checkpoint and the index of every statement it counts at that
    /// checkpoint; nothing without a log or before its first publication.
    async fn log_positions(
        &self,
    ) -> Result<
        (
            Option<ManifestLog>,
            std::collections::HashMap<StatementId, u64>,
        ),
        ExportError,
    > {
        let mut positions = std::collections::HashMap::new();
        let Some(store) = self.log else {
            return Ok((None, positions));
        };
        let Some(head) = store.log_head(self.initiative.id).await? else {
            return Ok((None, positions));
        };
        let checkpoint = ocs_tlog::note::split(&head.note)
            .and_then(|(text, _)| ocs_tlog::Checkpoint::parse(&text))
            .map_err(|error| ExportError::Log(error.to_string()))?;
        let mut from = 0;
        loop {
            let page = store.log_statements(self.initiative.id, from, PAGE).await?;
            let Some(&(last, _)) = page.last() else { break };
            from = last + 1;
            positions.extend(
                page.into_iter()
                    .filter(|(index, _)| *index < checkpoint.size)
                    .map(|(index, statement)| (statement, index)),
            );
        }
        Ok((
            Some(ManifestLog {
                checkpoint: head.note,
                tree_size: checkpoint.size,
                root_hash: checkpoint.root.to_hex(),
            }),
            positions,
        ))
    }
}

#[cfg(test)]
mod tests;
