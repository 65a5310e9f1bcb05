//! The Annex VII submission to the Commission (Reg. 2019/788 Art. 13), built from the
//! competent authorities' Annex VI certificates recorded with
//! [`Destruction::record_verification`](super::Destruction::record_verification): one JSON
//! document (`ocs-annex-vii-1`) with the register data, the organisers and contact persons,
//! the valid statements each authority certified against that state's minimum, the totals and
//! whether both thresholds are met. What only the organisers can give (sources of support and
//! funding, signatures) is left for them to add; docs/CONSOLE.md describes the fields.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ocs_domain::counters::{CountSnapshot, Progress};
use ocs_domain::initiative::OrganiserRole;
use ocs_storage::RetentionRecord;
use serde::Serialize;

use crate::catalog::CatalogEntry;

/// The format name of the document.
pub const FORMAT: &str = "ocs-annex-vii-1";

/// One member state's certified statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnnexVii {
    /// [`FORMAT`].
    pub format: &'static str,
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
    pub to_complete_by_organisers: Vec<&'static str>,
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
        format: FORMAT,
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
            "sources of support and funding (Art. 15(2)), as last updated in the register",
            "date and signatures of the contact persons",
        ],
    }
}
