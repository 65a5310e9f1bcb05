//! The Annex VII submission to the Commission (Reg. 2019/788 Art. 13), built from the
//! competent authorities' Annex VI certificates recorded with
//! [`Destruction::record_verification`](super::Destruction::record_verification): one JSON
//! document (`ocs-annex-vii-1`) with the register data, the organisers and contact persons,
//! the valid statements each authority certified against that state's minimum, the totals and
//! whether both thresholds are met. What only the organisers can give (sources of support and
//! funding, signatures) is left for them to add; docs/CONSOLE.md describes the fields.
//!
//! The same document is also rendered as plain text ([`AnnexVii::to_text`]) and as a PDF/A-2b
//! form ([`AnnexVii::to_pdf`]), in the order of the Annex VII points. The wording of the points
//! is OpenOCS's own: the Official Journal text of Annex VII is not among the project's sourced
//! texts, so the document names Annex VII (OJ L 130, 17.5.2019) as the authoritative form.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use ocs_domain::counters::{CountSnapshot, Progress};
use ocs_domain::initiative::OrganiserRole;
use ocs_storage::RetentionRecord;
use serde::{Deserialize, Serialize};

use crate::catalog::CatalogEntry;
use crate::export::pdf::{Block, DocumentInfo, PdfError, PdfFont, plain_text, write_form};

/// The format name of the document.
pub const FORMAT: &str = "ocs-annex-vii-1";

/// One member state's certified statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertifiedState {
    /// Member state code.
    pub country: String,
    /// Valid statements in the authority's certificate.
    pub valid_statements: u64,
    /// The state's minimum (Annex I) for this initiative.
    pub minimum: u64,
    /// Whether the certified number reaches the minimum.
    pub reached: bool,
    /// The issuing authority.
    pub authority: String,
    /// The date on the certificate.
    pub issued_on: Date,
}

/// An organiser as listed in the submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedOrganiser {
    /// Full name.
    pub name: String,
    /// Role in the group of organisers.
    pub role: OrganiserRole,
    /// Contact address (contact persons only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The Annex VII document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexVii {
    /// [`FORMAT`].
    pub format: String,
    /// The day the document was generated.
    pub generated_on: Date,
    /// Title of the initiative.
    pub title: String,
    /// The Commission's registration number.
    pub registration_number: String,
    /// The date of registration.
    pub registration_date: Date,
    /// The register entry.
    pub register_url: String,
    /// Organisers; the representative and the substitute are the contact persons.
    pub organisers: Vec<ListedOrganiser>,
    /// Certified states, by code.
    pub certified: Vec<CertifiedState>,
    /// Total valid statements certified.
    pub total_valid_statements: u64,
    /// The total threshold (1 000 000).
    pub threshold_total: u64,
    /// States whose certified number reaches their minimum.
    pub states_at_minimum: usize,
    /// How many are needed (7).
    pub states_needed: usize,
    /// Whether both thresholds are met by the certificates.
    pub thresholds_met: bool,
    /// The day the submission to the Commission was recorded, if it was.
    pub submitted_on: Option<Date>,
    /// What the organisers complete before submitting.
    pub to_complete_by_organisers: Vec<String>,
}

/// Builds the document for `entry` from its recorded certificates. `threshold_total` and
/// `states_needed` are the member-state table's (1 000 000 and 7 under Art. 3(1)).
pub fn annex_vii(
    entry: &CatalogEntry,
    record: &RetentionRecord,
    threshold_total: u64,
    states_needed: usize,
    generated_on: Date,
) -> AnnexVii {
    let initiative = &entry.initiative;
    let snapshot = CountSnapshot {
        by_country: record
            .verifications
            .iter()
            .map(|v| (v.country, v.valid_statements))
            .collect::<BTreeMap<_, _>>(),
        updated_at: None,
    };
    let progress = Progress::new(&snapshot, &entry.minimums, threshold_total, states_needed);
    let certified = record
        .verifications
        .iter()
        .map(|v| {
            let minimum = entry.minimums.get(&v.country).copied().unwrap_or(0);
            CertifiedState {
                country: v.country.as_str().to_owned(),
                valid_statements: v.valid_statements,
                minimum,
                reached: minimum > 0 && v.valid_statements >= minimum,
                authority: v.authority.clone(),
                issued_on: v.issued_on,
            }
        })
        .collect();
    AnnexVii {
        format: FORMAT.to_owned(),
        generated_on,
        title: initiative.title.clone(),
        registration_number: initiative.registration_number.clone(),
        registration_date: initiative.registration_date,
        register_url: initiative.register_url.clone(),
        organisers: initiative
            .organisers
            .iter()
            .map(|o| ListedOrganiser {
                name: o.name.clone(),
                role: o.role,
                email: o.email.clone(),
            })
            .collect(),
        certified,
        total_valid_statements: progress.total,
        threshold_total,
        states_at_minimum: progress.countries_at_minimum,
        states_needed,
        thresholds_met: progress.total >= threshold_total
            && progress.countries_at_minimum >= states_needed,
        submitted_on: record.commission_submitted_on,
        to_complete_by_organisers: vec![
            "sources of support and funding (Art. 15(2)), as last updated in the register"
                .to_owned(),
            "date and signatures of the contact persons".to_owned(),
        ],
    }
}

/// The system font the console uses for the PDF (the CLI takes `--font`).
pub const SYSTEM_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// Why the Annex VII PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum AnnexPdfError {
    /// The font file cannot be read or used.
    #[error("the PDF font {path}: {reason} (install fonts-dejavu-core)")]
    Font {
        /// The font file.
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// The PDF writer refused.
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

impl AnnexVii {
    /// The points of the form, in the order of Annex VII.
    #[expect(
        clippy::too_many_lines,
        reason = "one block per point of the form, in order"
    )]
    pub fn blocks(&self) -> Vec<Block> {
        let yes_no = |met: bool| if met { "met" } else { "not met" };
        let mut per_state: Vec<String> = self
            .certified
            .iter()
            .map(|state| {
                format!(
                    "{}: {} valid statements (minimum {}, {}); certificate of {} issued on {}",
                    state.country,
                    state.valid_statements,
                    state.minimum,
                    if state.reached {
                        "reached"
                    } else {
                        "not reached"
                    },
                    state.authority,
                    state.issued_on
                )
            })
            .collect();
        if per_state.is_empty() {
            per_state.push("(no certificate recorded yet)".to_owned());
        }
        per_state.push(format!(
            "Member states at their minimum: {} ({} needed: {})",
            self.states_at_minimum,
            self.states_needed,
            yes_no(self.states_at_minimum >= self.states_needed)
        ));
        let contacts: Vec<String> = self
            .organisers
            .iter()
            .filter(|o| {
                matches!(
                    o.role,
                    OrganiserRole::Representative | OrganiserRole::Substitute
                )
            })
            .map(|o| {
                let role = if o.role == OrganiserRole::Representative {
                    "representative"
                } else {
                    "substitute"
                };
                format!(
                    "{} ({role}), {}; postal address: ____________________",
                    o.name,
                    o.email
                        .as_deref()
                        .unwrap_or("(no e-mail address registered)")
                )
            })
            .collect();
        let certificates: Vec<String> = self
            .certified
            .iter()
            .map(|state| {
                format!(
                    "Annex VI certificate for {} ({}, {})",
                    state.country, state.authority, state.issued_on
                )
            })
            .collect();
        let mut blocks = vec![
            Block::Heading("Submission of a European citizens' initiative to the Commission".to_owned()),
            Block::Paragraph(
                "Regulation (EU) 2019/788 on the European citizens' initiative, Article 13: form \
                 following Annex VII. Annex VII as published in the Official Journal \
                 (OJ L 130, 17.5.2019) is the authoritative form; the wording of the points below \
                 is the software's."
                    .to_owned(),
            ),
            Block::Field {
                label: "1. Title of the initiative:".to_owned(),
                value: vec![self.title.clone()],
            },
            Block::Field {
                label: "2. Commission registration number:".to_owned(),
                value: vec![self.registration_number.clone(), self.register_url.clone()],
            },
            Block::Field {
                label: "3. Date of registration:".to_owned(),
                value: vec![self.registration_date.to_string()],
            },
            Block::Field {
                label: "4. Number of valid statements of support certified:".to_owned(),
                value: vec![format!(
                    "{} (threshold {}: {})",
                    self.total_valid_statements,
                    self.threshold_total,
                    yes_no(self.total_valid_statements >= self.threshold_total)
                )],
            },
            Block::Field {
                label: "5. Valid statements of support certified per member state:".to_owned(),
                value: per_state,
            },
            Block::Field {
                label: "6. Contact persons (full names, e-mail and postal addresses):".to_owned(),
                value: if contacts.is_empty() {
                    vec!["(none registered)".to_owned()]
                } else {
                    contacts
                },
            },
            Block::Field {
                label: "7. Sources of support and funding received, with amounts at the time of submission:".to_owned(),
                value: vec!["To be completed by the organisers, as last updated in the register (Art. 15(2)): ____________________".to_owned()],
            },
            Block::Field {
                label: "8. Declaration:".to_owned(),
                value: vec![
                    "I declare that the information given in this form is correct and that the \
                     procedures and conditions of Regulation (EU) 2019/788 have been complied with."
                        .to_owned(),
                ],
            },
            Block::SignatureLine("Date and signature of one of the contact persons".to_owned()),
            Block::Field {
                label: "9. Annexed:".to_owned(),
                value: if certificates.is_empty() {
                    vec!["(no certificate recorded yet)".to_owned()]
                } else {
                    certificates
                },
            },
        ];
        let mut closing = format!("Prepared by OpenOCS on {}.", self.generated_on);
        if let Some(day) = self.submitted_on {
            let _ = write!(closing, " Submission to the Commission recorded on {day}.");
        }
        if !self.thresholds_met {
            closing.push_str(" The certificates recorded do not yet meet both thresholds.");
        }
        blocks.push(Block::Paragraph(closing));
        blocks
    }

    /// The form as plain text.
    pub fn to_text(&self) -> String {
        plain_text(&self.blocks())
    }

    /// The form as a PDF/A-2b document, written with `font`.
    pub fn to_pdf(&self, font: &PdfFont, created: jiff::Timestamp) -> Result<Vec<u8>, PdfError> {
        let info = DocumentInfo {
            title: format!(
                "{} - submission to the Commission",
                self.registration_number
            ),
            language: "en".to_owned(),
            created,
        };
        write_form(font, &info, &self.blocks())
    }

    /// [`AnnexVii::to_pdf`] with the font at `path` (the console passes [`SYSTEM_FONT`]).
    pub fn to_pdf_with_font_file(
        &self,
        path: &str,
        created: jiff::Timestamp,
    ) -> Result<Vec<u8>, AnnexPdfError> {
        let font_error = |reason: String| AnnexPdfError::Font {
            path: path.to_owned(),
            reason,
        };
        let data = std::fs::read(path).map_err(|error| font_error(error.to_string()))?;
        let font = PdfFont::parse(data).map_err(|error| font_error(error.to_string()))?;
        Ok(self.to_pdf(&font, created)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> AnnexVii {
        AnnexVii {
            format: FORMAT.to_owned(),
            generated_on: jiff::civil::date(2027, 2, 1),
            title: "Save <the> bees".to_owned(),
            registration_number: "ECI(2022)000003".to_owned(),
            registration_date: jiff::civil::date(2022, 6, 1),
            register_url: "https://register.example/3".to_owned(),
            organisers: vec![
                ListedOrganiser {
                    name: "Αλέξης Παπαδόπουλος".to_owned(),
                    role: OrganiserRole::Representative,
                    email: Some("alex@example.org".to_owned()),
                },
                ListedOrganiser {
                    name: "Member Only".to_owned(),
                    role: OrganiserRole::Member,
                    email: None,
                },
            ],
            certified: vec![CertifiedState {
                country: "MT".to_owned(),
                valid_statements: 4_321,
                minimum: 4_230,
                reached: true,
                authority: "Electoral Commission".to_owned(),
                issued_on: jiff::civil::date(2027, 1, 10),
            }],
            total_valid_statements: 4_321,
            threshold_total: 1_000_000,
            states_at_minimum: 1,
            states_needed: 7,
            thresholds_met: false,
            submitted_on: None,
            to_complete_by_organisers: Vec::new(),
        }
    }

    #[test]
    fn annex_vii_renders_as_text_and_as_pdf_a_with_the_certified_counts() {
        let document = document();
        // The JSON reads back as the same document (the CLI renders from it).
        let json = serde_json::to_string(&document).unwrap();
        assert_eq!(serde_json::from_str::<AnnexVii>(&json).unwrap(), document);
        let text = document.to_text();
        for expected in [
            "1. Title of the initiative:\n    Save <the> bees",
            "2. Commission registration number:\n    ECI(2022)000003",
            "4. Number of valid statements of support certified:\n    4321 (threshold 1000000: not met)",
            "MT: 4321 valid statements (minimum 4230, reached); certificate of Electoral Commission issued on 2027-01-10",
            "Member states at their minimum: 1 (7 needed: not met)",
            "Αλέξης Παπαδόπουλος (representative), alex@example.org",
            "Annex VI certificate for MT",
            "Date and signature of one of the contact persons",
            "do not yet meet both thresholds",
        ] {
            assert!(text.contains(expected), "{expected:?} not in:\n{text}");
        }
        // Members who are not contact persons are not listed as such.
        assert!(!text.contains("Member Only"), "{text}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("annex-vii.pdf");
        let pdf = document
            .to_pdf_with_font_file(SYSTEM_FONT, "2027-02-01T09:00:00Z".parse().unwrap())
            .unwrap();
        std::fs::write(&path, pdf).unwrap();
        let extracted = crate::export::pdf::check_pdf_a_2b(&path);
        let flat = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "ECI(2022)000003",
            "Αλέξης Παπαδόπουλος",
            "4321 valid statements",
            "Annex VII",
        ] {
            assert!(flat.contains(expected), "{expected:?} not in:\n{flat}");
        }
        // A missing font is a clear error, not a panic.
        assert!(matches!(
            document
                .to_pdf_with_font_file("/nonexistent.ttf", "2027-02-01T09:00:00Z".parse().unwrap()),
            Err(AnnexPdfError::Font { .. })
        ));
    }
}
