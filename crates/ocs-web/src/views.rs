//! View models: what templates show, computed from domain values in the request's language.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ocs_domain::counters::Progress;
use ocs_domain::initiative::OrganiserRole;
use ocs_domain::rules::{FieldKind, FormField};
use ocs_domain::{CountryCode, FieldErrors, Initiative, InitiativeStatus};

use crate::error::message_of;
use crate::i18n::Tr;

/// Writes `1234567` as `1,234,567`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The translated name of a member state.
pub fn country_name(tr: &Tr<'_>, country: CountryCode) -> String {
    tr.t(&format!("country-{}", country.as_str()))
}

/// The HTML id of a form field (`full.first.names` → `f-full-first-names`).
pub fn field_id(key: &str) -> String {
    format!("f-{}", key.replace('.', "-"))
}

/// The register data of an initiative, ready to show.
pub struct InitiativeView {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Registration number.
    pub registration_number: String,
    /// Registration date (ISO).
    pub registration_date: String,
    /// Subject matter.
    pub subject: String,
    /// Objectives.
    pub objectives: String,
    /// Name and translated role of each organiser.
    pub organisers: Vec<(String, String)>,
    /// Register page.
    pub register_url: String,
    /// Own website.
    pub website: Option<String>,
    /// Period as text.
    pub period: String,
    /// Status as text.
    pub status: String,
    /// Whether statements are taken now.
    pub collecting: bool,
    /// Privacy notice.
    pub privacy_notice: String,
}

impl InitiativeView {
    /// Builds the view at `now`; dates are shown in `zone`, where the period is defined.
    pub fn new(tr: &Tr<'_>, initiative: &Initiative, now: Timestamp, zone: &TimeZone) -> Self {
        let date = |t: Timestamp| t.to_zoned(zone.clone()).date().to_string();
        let last_day = initiative
            .period
            .end()
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap_or(initiative.period.end());
        let status_key = match initiative.status {
            InitiativeStatus::Draft => "status-draft",
            InitiativeStatus::Collecting => "status-collecting",
            InitiativeStatus::Paused => "status-paused",
            InitiativeStatus::Closed => "status-closed",
        };
        Self {
            slug: initiative.slug.to_string(),
            title: initiative.title.clone(),
            registration_number: initiative.registration_number.clone(),
            registration_date: initiative.registration_date.to_string(),
            subject: initiative.subject.clone(),
            objectives: initiative.objectives.clone(),
            organisers: initiative
                .organisers
                .iter()
                .map(|o| {
                    let role = match o.role {
                        OrganiserRole::Representative => "role-representative",
                        OrganiserRole::Substitute => "role-substitute",
                        OrganiserRole::Member => "role-member",
                    };
                    (o.name.clone(), tr.t(role))
                })
                .collect(),
            register_url: initiative.register_url.clone(),
            website: initiative.website.clone(),
            period: tr.t_with(
                "initiative-period-value",
                &[
                    ("start", date(initiative.period.start())),
                    ("end", date(last_day)),
                ],
            ),
            status: tr.t(status_key),
            collecting: initiative.accepts_statements(now).is_ok(),
            privacy_notice: initiative.privacy_notice.clone(),
        }
    }
}

/// One row of the progress table.
pub struct ProgressRow {
    /// Country name.
    pub country: String,
    /// Count, formatted.
    pub count: String,
    /// Minimum, formatted.
    pub minimum: String,
    /// Per cent of the minimum, 0–100.
    pub percent: u64,
    /// Whether the minimum is reached.
    pub reached: bool,
}

/// Progress, ready to show.
pub struct ProgressView {
    /// "n of 1,000,000 statements".
    pub total_line: String,
    /// "k of 7 member states…".
    pub states_line: String,
    /// Per cent of the total threshold, 0–100.
    pub total_percent: u64,
    /// When the figures were taken.
    pub updated_line: Option<String>,
    /// Rows per state.
    pub rows: Vec<ProgressRow>,
}

impl ProgressView {
    /// Builds the view.
    pub fn new(tr: &Tr<'_>, progress: &Progress, updated_at: Option<Timestamp>) -> Self {
        let total_percent = progress
            .total
            .saturating_mul(100)
            .checked_div(progress.threshold_total)
            .map_or(100, |percent| percent.min(100));
        Self {
            total_line: tr.t_with(
                "progress-total",
                &[
                    ("count", group_thousands(progress.total)),
                    ("threshold", group_thousands(progress.threshold_total)),
                ],
            ),
            states_line: tr.t_with(
                "progress-states",
                &[
                    ("reached", progress.countries_at_minimum.to_string()),
                    ("needed", progress.countries_needed.to_string()),
                ],
            ),
            total_percent,
            updated_line: updated_at.map(|t| {
                tr.t_with(
                    "progress-updated",
                    &[("time", t.strftime("%Y-%m-%d %H:%M:%S").to_string())],
                )
            }),
            rows: progress
                .countries
                .iter()
                .map(|c| ProgressRow {
                    country: country_name(tr, c.country),
                    count: group_thousands(c.count),
                    minimum: group_thousands(c.minimum),
                    percent: c.percent(),
                    reached: c.reached(),
                })
                .collect(),
        }
    }
}

/// One `<option>`.
pub struct OptionView {
    /// Submitted value.
    pub value: String,
    /// Shown label.
    pub label: String,
    /// Pre-selected.
    pub selected: bool,
}

/// One form field, ready to render.
pub struct FieldView {
    /// HTML id.
    pub id: String,
    /// Submitted name (legacy key).
    pub name: String,
    /// Label.
    pub label: String,
    /// `text`, `date`, `select`.
    pub control: &'static str,
    /// `autocomplete` token.
    pub autocomplete: &'static str,
    /// Hint under the label.
    pub hint: Option<String>,
    /// Current value (the user's input is kept on error).
    pub value: String,
    /// Required field.
    pub required: bool,
    /// Maximum length.
    pub max_length: usize,
    /// Options of a select.
    pub options: Vec<OptionView>,
    /// Error message with its code.
    pub error: Option<(String, &'static str)>,
    /// Ids of the hint and error, for `aria-describedby`.
    pub described_by: Option<String>,
    /// First, empty option of a select.
    pub placeholder: String,
    /// Filled by the signer's eID: shown read-only, and must come back unchanged.
    pub locked: bool,
}

/// An entry of the error summary.
pub struct SummaryItem {
    /// Id of the field to jump to.
    pub target: String,
    /// Field label.
    pub label: String,
    /// Message.
    pub message: String,
    /// Code.
    pub code: &'static str,
}

fn label_key(key: &str) -> String {
    format!("field-{}", key.replace('.', "-"))
}

fn autocomplete_of(key: &str) -> &'static str {
    match key {
        "full.first.names" => "given-name",
        "family.names" => "family-name",
        "street" => "address-line1",
        "postal.code" => "postal-code",
        "city" => "address-level2",
        "country" => "country",
        "date.of.birth" => "bday",
        _ => "off",
    }
}

/// Builds the fields of a nationality's form, with the user's input and errors.
pub fn form_fields(
    tr: &Tr<'_>,
    fields: &[FormField],
    values: &BTreeMap<String, String>,
    errors: &FieldErrors,
    residence_choices: &[(String, String)],
) -> Vec<FieldView> {
    fields
        .iter()
        .map(|field| {
            let key = field.key.as_str();
            let mut value = values.get(key).cloned().unwrap_or_default();
            if field.kind == FieldKind::DocumentType && value.is_empty() {
                // One accepted document: preselect it rather than make the signer choose.
                if let [only] = field.choices.as_slice() {
                    only.key.clone_into(&mut value);
                }
            }
            let (control, options, hint) = match field.kind {
                FieldKind::Date => ("date", Vec::new(), Some(tr.t("sign-date-hint"))),
                FieldKind::CountryOfResidence => (
                    "select",
                    residence_choices
                        .iter()
                        .map(|(code, label)| OptionView {
                            selected: value.eq_ignore_ascii_case(code),
                            value: code.clone(),
                            label: label.clone(),
                        })
                        .collect(),
                    None,
                ),
                FieldKind::DocumentType => (
                    "select",
                    field
                        .choices
                        .iter()
                        .map(|choice| OptionView {
                            selected: value == choice.key,
                            value: choice.key.to_string(),
                            label: tr.t(&format!("doc-{}", choice.key.replace('.', "-"))),
                        })
                        .collect(),
                    None,
                ),
                _ => ("text", Vec::new(), None),
            };
            let error = errors
                .for_field(key)
                .map(|e| (message_of(tr, e.code), e.code.as_str()));
            let id = field_id(key);
            let described_by = [
                hint.as_ref().map(|_| format!("{id}-hint")),
                error.as_ref().map(|_| format!("{id}-error")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let placeholder = if field.kind == FieldKind::CountryOfResidence {
                tr.t("sign-choose-country")
            } else {
                tr.t("sign-choose-document")
            };
            FieldView {
                described_by: (!described_by.is_empty()).then_some(described_by),
                placeholder,
                locked: false,
                id,
                name: key.to_owned(),
                label: tr.t(&label_key(key)),
                control,
                autocomplete: autocomplete_of(key),
                hint,
                value,
                required: field.required,
                max_length: field.max_length,
                options,
                error,
            }
        })
        .collect()
}

/// The error summary, in form order, linking to each field.
pub fn summary(tr: &Tr<'_>, errors: &FieldErrors) -> Vec<SummaryItem> {
    errors
        .iter()
        .map(|e| SummaryItem {
            target: field_id(&e.field),
            label: tr.t(&label_key(&e.field)),
            message: message_of(tr, e.code),
            code: e.code.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1_000_000), "1,000,000");
        assert_eq!(group_thousands(69_120), "69,120");
    }
}
