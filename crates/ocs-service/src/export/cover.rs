//! The Annex V cover form of each state's submission (Reg. 2019/788 Art. 12(1)): the form the
//! organisers send with the statements to the competent authority, pre-filled from the
//! register data and the export's own counts, as `cover-XX.pdf` (PDF/A-2b).
//!
//! The points follow the structure of Annex V as this project knows it (contact persons,
//! initiative, registration, the statements for this state, the total, the annexed files, the
//! declaration and signature). Their wording is OpenOCS's own: the Official Journal text of
//! Annex V (OJ L 130, 17.5.2019) is not among the project's sourced texts, so it is not
//! reproduced (docs/certification/requirements.md R22 says so). The document names the
//! regulation and says that Annex V is the authoritative form.

use jiff::Timestamp;
use ocs_domain::initiative::OrganiserRole;
use ocs_domain::{CountryCode, Initiative};

use super::pdf::Block;

/// What the cover declares for one state, all taken from the export itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverCounts {
    /// The state the statements are submitted to.
    pub country: CountryCode,
    /// Statements in this state's file, test statements left out.
    pub statements: u64,
    /// Of which collected on paper and entered in the console.
    pub paper: u64,
    /// Statements collected for the initiative in all states (test statements left out),
    /// whatever the export's selection.
    pub total_all_states: u64,
    /// The annexed files of this state, with their SHA-256 (as in the manifest).
    pub files: Vec<(String, String)>,
}

/// The file name of a state's cover: `cover-XX.pdf`, with the EU code (`EL` for Greece).
pub fn cover_file_name(country: CountryCode) -> String {
    format!("cover-{}.pdf", country.as_str())
}

/// The blocks of the cover form, in English (the language of the register data here).
#[expect(
    clippy::too_many_lines,
    reason = "one block per point of the form, in order"
)]
pub fn cover_blocks(
    initiative: &Initiative,
    counts: &CoverCounts,
    exported_at: Timestamp,
) -> Vec<Block> {
    let country = counts.country;
    let contacts: Vec<String> = initiative
        .organisers
        .iter()
        .filter(|o| {
            matches!(
                o.role,
                OrganiserRole::Representative | OrganiserRole::Substitute
            )
        })
        .map(|o| {
            let role = match o.role {
                OrganiserRole::Representative => "representative",
                _ => "substitute",
            };
            let email = o
                .email
                .as_deref()
                .unwrap_or("(no e-mail address registered)");
            format!(
                "{} ({role}), {email}; postal address: ____________________",
                o.name
            )
        })
        .collect();
    let online = counts.statements.saturating_sub(counts.paper);
    let mut files: Vec<String> = counts
        .files
        .iter()
        .map(|(name, sha256)| format!("{name}  SHA-256 {sha256}"))
        .collect();
    files.push(
        "manifest.json and manifest.sig: the list of these files, signed by the organisers"
            .to_owned(),
    );
    vec![
        Block::Heading(format!(
            "Submission of statements of support to the competent authority of member state {}",
            country.as_str()
        )),
        Block::Paragraph(
            "Regulation (EU) 2019/788 on the European citizens' initiative, Article 12(1): \
             cover form following Annex V. Annex V as published in the Official Journal \
             (OJ L 130, 17.5.2019) is the authoritative form; the wording of the points below \
             is the software's."
                .to_owned(),
        ),
        Block::Field {
            label: "1. Contact persons of the group of organisers (full names, e-mail and postal addresses):".to_owned(),
            value: if contacts.is_empty() {
                vec!["(none registered)".to_owned()]
            } else {
                contacts
            },
        },
        Block::Field {
            label: "2. Title of the initiative:".to_owned(),
            value: vec![initiative.title.clone()],
        },
        Block::Field {
            label: "3. Commission registration number:".to_owned(),
            value: vec![initiative.registration_number.clone()],
        },
        Block::Field {
            label: "4. Date of registration:".to_owned(),
            value: vec![initiative.registration_date.to_string()],
        },
        Block::Field {
            label: "5. Collection period:".to_owned(),
            value: vec![format!(
                "{} to {}",
                initiative.period.start().strftime("%Y-%m-%d"),
                initiative.period.end().strftime("%Y-%m-%d")
            )],
        },
        Block::Field {
            label: format!("6. Number of statements of support from signatories of member state {}:", country.as_str()),
            value: vec![format!(
                "{} (collected online: {online}; collected on paper: {})",
                counts.statements, counts.paper
            )],
        },
        Block::Field {
            label: "7. Total number of statements of support collected in all member states:".to_owned(),
            value: vec![counts.total_all_states.to_string()],
        },
        Block::Field {
            label: "8. Annexed: the statements of support for this member state, in these files:".to_owned(),
            value: files,
        },
        Block::Field {
            label: "9. Declaration:".to_owned(),
            value: vec![
                "I declare that the information given in this form is correct and that the \
                 statements of support annexed were collected in accordance with Regulation \
                 (EU) 2019/788."
                    .to_owned(),
            ],
        },
        Block::SignatureLine("Date and signature of one of the contact persons".to_owned()),
        Block::Paragraph(format!(
            "Prepared by OpenOCS from the export of {} (UTC).",
            exported_at.strftime("%Y-%m-%d %H:%M")
        )),
    ]
}
