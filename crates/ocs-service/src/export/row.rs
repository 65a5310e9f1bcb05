//! One sealed statement into the export: opened, checked against its row, and written to its
//! state's XML file (and list rows for the printable PDF).

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_crypto::Opener;
use ocs_domain::CountryCode;
use ocs_storage::StoredStatement;
use serde::Deserialize;
use zeroize::{Zeroize as _, Zeroizing};

use super::xml::{self, CountryFile, SignatureRecord};
use super::{ExportError, Exporter, PdfRow, file_name, io_error};
use crate::envelope::{OLDEST_PAYLOAD_VERSION, PAYLOAD_VERSION, statement_aad};

/// The sealed payload as read back (the layout of `crate::envelope::Payload`). Its values
/// are wiped when it is dropped.
#[derive(Deserialize)]
struct OpenedPayload {
    v: u8,
    initiative: u32,
    statement: String,
    nationality: String,
    annex_revision: u8,
    properties: Vec<(String, String)>,
    /// The form's language (absent in older payloads and for paper statements).
    #[serde(default)]
    lang: Option<String>,
    /// The signing time as sealed.
    submitted_at: Timestamp,
    /// `"paper"`, or absent for an online statement.
    #[serde(default)]
    channel: Option<String>,
    /// The test flag as sealed (layout 2; absent means not in test mode).
    #[serde(default)]
    test: bool,
}

impl Drop for OpenedPayload {
    fn drop(&mut self) {
        for (_, value) in &mut self.properties {
            value.zeroize();
        }
    }
}

impl Exporter<'_> {
    pub(super) fn selected(&self, row: &StoredStatement, date: Date) -> bool {
        (!row.test || self.selection.include_test)
            && (self.selection.countries.is_empty()
                || self.selection.countries.contains(&row.nationality))
            && self.selection.from.is_none_or(|from| date >= from)
            && self.selection.to.is_none_or(|to| date <= to)
    }

    /// Writes one statement if the selection takes it; answers whether it did.
    pub(super) fn export_row(
        &self,
        row: &StoredStatement,
        opener: &mut Opener,
        dir: &Path,
        files: &mut BTreeMap<CountryCode, CountryFile>,
        pdf_rows: &mut BTreeMap<CountryCode, Vec<PdfRow>>,
    ) -> Result<bool, ExportError> {
        let date = row.submitted_at.to_zoned(self.time_zone.clone()).date();
        if !self.selected(row, date) {
            return Ok(false);
        }
        let sequence = row.sequence;
        let aad = statement_aad(row.initiative, row.id, row.nationality, &row.tag);
        let plaintext = opener
            .open(&row.envelope, &aad)
            .map_err(|reason| ExportError::OpenFailed { sequence, reason })?;
        let payload: OpenedPayload =
            serde_json::from_slice(&plaintext).map_err(|_| ExportError::BadPayload {
                sequence,
                reason: "the opened payload is not the expected JSON layout".to_owned(),
            })?;
        drop(plaintext);
        let bad = |reason: &str| ExportError::BadPayload {
            sequence,
            reason: reason.to_owned(),
        };
        if !(OLDEST_PAYLOAD_VERSION..=PAYLOAD_VERSION).contains(&payload.v) {
            return Err(bad("unknown payload version"));
        }
        // What the row says and the associated data does not bind: the signing time (the
        // store keeps milliseconds), the channel and, from layout 2, the test flag. A row a
        // database writer changed (a date moved into the period, a test statement passed off
        // as real, an online statement marked as paper) stops the export.
        if payload.submitted_at.as_millisecond() != row.submitted_at.as_millisecond() {
            return Err(bad("the sealed signing time does not match its row"));
        }
        let paper = match payload.channel.as_deref() {
            None => false,
            Some("paper") => true,
            Some(_) => return Err(bad("the sealed channel is not known")),
        };
        if paper != row.paper {
            return Err(bad("the sealed channel does not match its row"));
        }
        if payload.v >= 2 && payload.test != row.test {
            return Err(bad("the sealed test flag does not match its row"));
        }
        // The associated data already binds these; a mismatch means a sealing bug.
        if payload.initiative != row.initiative.get()
            || payload.statement != row.id.to_string()
            || payload.nationality != row.nationality.as_str()
        {
            return Err(bad("the payload does not match its row"));
        }
        let mut properties = Vec::with_capacity(payload.properties.len());
        for (key, value) in &payload.properties {
            let group = xml::group_of(key).ok_or_else(|| bad("a property key is not known"))?;
            properties.push((group, key.as_str(), value.as_str()));
        }
        let record = SignatureRecord {
            submission_date: date,
            identifier: &payload.statement,
            annex_revision: payload.annex_revision,
            test: row.test,
            paper: row.paper,
            language: payload.lang.as_deref(),
            properties: &properties,
        };
        let file = match files.entry(row.nationality) {
            std::collections::btree_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::btree_map::Entry::Vacant(entry) => {
                let path = dir.join(file_name(self.initiative, row.nationality));
                let file = CountryFile::create(&path, row.nationality, self.initiative)
                    .map_err(io_error(&path))?;
                entry.insert(file)
            }
        };
        let name = file_name(self.initiative, row.nationality);
        file.append(&record).map_err(io_error(&dir.join(name)))?;
        if self.pdf_font.is_some() {
            pdf_rows.entry(row.nationality).or_default().push(PdfRow {
                paper: row.paper,
                date: date.to_string(),
                identifier: payload.statement.clone(),
                values: payload
                    .properties
                    .iter()
                    .map(|(key, value)| (key.clone(), Zeroizing::new(value.clone())))
                    .collect(),
            });
        }
        Ok(true)
    }
}
