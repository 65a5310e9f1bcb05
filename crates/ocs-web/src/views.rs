//! View models: what templates show, computed from domain values in the request's language.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ocs_domain::counters::Progress;
use ocs_domain::initiative::OrganiserRole;
use ocs_domain::rules::{FieldKind, FormField};
use ocs_domain::{CountryCode, FieldErrors, Initiative, InitiativeStatus};

use crate::error::message_of;
use crate::i18n::{Arg, Tr};
use crate::l10n;

/// The name of a member state in the page's language (CLDR).
pub fn country_name(tr: &Tr<'_>, country: CountryCode) -> String {
    l10n::region_name(tr.lang, country.iso3166()).to_owned()
}

/// The 27 member states as `(EU code, name)`, in the language's sort order.
pub fn member_states(tr: &Tr<'_>) -> Vec<(&'static str, String)> {
    l10n::regions(tr.lang)
        .iter()
        .filter_map(|(iso, name)| {
            CountryCode::parse(iso)
                .ok()
                .map(|country| (country.as_str(), (*name).to_owned()))
        })
        .collect()
}

/// Every country of residence as `(ISO code, name)`: the member states first, then the rest
/// of the world, each in the language's sort order.
pub fn residence_choices(tr: &Tr<'_>) -> Vec<(String, String)> {
    let (members, others): (Vec<_>, Vec<_>) = l10n::regions(tr.lang)
        .iter()
        .partition(|(iso, _)| CountryCode::parse(iso).is_ok());
    members
        .into_iter()
        .chain(others)
        .map(|(iso, name)| ((*iso).to_owned(), (*name).to_owned()))
        .collect()
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
    /// The contact persons (representative and substitute): name and e-mail address.
    pub contacts: Vec<(String, String)>,
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
    /// Test mode: statements taken now are test statements (shown as such).
    pub test_mode: bool,
    /// The published certificate line, once the initiative is live.
    pub certificate: Option<String>,
    /// "The statements of support are stored in: …" (the storage member state).
    pub storage_country: String,
    /// The official Annex III privacy statement in the reader's language, by paragraph.
    pub privacy_statement: Vec<String>,
    /// Who the controller is and how to reach them.
    pub controller: String,
    /// The data protection officer, or that none was named.
    pub dpo: String,
    /// Until when and how a signer can withdraw, and what happens if the initiative is.
    pub withdrawal: String,
    /// Privacy notice.
    pub privacy_notice: String,
    /// Set when the texts are not in the page's language: their language, for `lang`.
    pub text_lang: Option<String>,
    /// The visible note that says so.
    pub original_note: Option<String>,
}

impl InitiativeView {
    /// Builds the view at `now`; dates are shown in `zone`, where the period is defined. The
    /// status and whether it collects come from the stored stage on `board`.
    pub fn new(
        tr: &Tr<'_>,
        initiative: &Initiative,
        now: Timestamp,
        zone: &TimeZone,
        board: &ocs_service::lifecycle::LifecycleBoard,
    ) -> Self {
        let date = |t: Timestamp| l10n::date(tr.lang, t.to_zoned(zone.clone()).date());
        let text = initiative.text_in(tr.lang);
        let foreign = text.language != tr.lang;
        let last_day = initiative
            .period
            .end()
            .checked_sub(jiff::SignedDuration::from_secs(1))
            .unwrap_or(initiative.period.end());
        let status_key = match board.public_status(initiative, now) {
            InitiativeStatus::Draft => "status-draft",
            InitiativeStatus::Collecting => "status-collecting",
            InitiativeStatus::Paused => "status-paused",
            InitiativeStatus::Closed => "status-closed",
        };
        Self {
            slug: initiative.slug.to_string(),
            title: text.title.to_owned(),
            registration_number: initiative.registration_number.clone(),
            registration_date: l10n::date(tr.lang, initiative.registration_date),
            subject: text.subject.to_owned(),
            objectives: text.objectives.to_owned(),
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
            contacts: initiative
                .organisers
                .iter()
                .filter(|o| {
                    matches!(
                        o.role,
                        OrganiserRole::Representative | OrganiserRole::Substitute
                    )
                })
                .map(|o| (o.name.clone(), o.email.clone().unwrap_or_default()))
                .collect(),
            // Stored before links were checked: an unsafe one is not shown as a link.
            register_url: Some(initiative.register_url.clone())
                .filter(|url| ocs_domain::initiative::is_safe_link(url))
                .unwrap_or_default(),
            website: initiative
                .website
                .clone()
                .filter(|url| ocs_domain::initiative::is_safe_link(url)),
            period: tr.t_with(
                "initiative-period-value",
                &[
                    ("start", date(initiative.period.start())),
                    ("end", date(last_day)),
                ],
            ),
            status: tr.t(status_key),
            collecting: board.statement_mode(initiative, now).is_ok(),
            test_mode: false,
            certificate: None,
            storage_country: tr.t_with(
                "initiative-storage-country",
                &[("country", country_name(tr, initiative.storage_country))],
            ),
            privacy_statement: crate::official::texts(tr.lang)
                .map(|texts| texts.privacy_statement.clone())
                .unwrap_or_default(),
            controller: controller_line(tr, initiative),
            dpo: initiative.data_protection.dpo.as_ref().map_or_else(
                || tr.t("privacy-no-dpo"),
                |dpo| tr.t_with("privacy-dpo", &[("dpo", dpo.clone())]),
            ),
            withdrawal: tr.t_with("privacy-withdrawal", &[("end", date(last_day))]),
            privacy_notice: text.privacy_notice.to_owned(),
            text_lang: foreign.then(|| text.language.to_owned()),
            original_note: foreign.then(|| {
                tr.t_with(
                    "original-language-note",
                    &[("language", tr.language_name(text.language))],
                )
            }),
        }
    }
}

/// The controller (Art. 19 with the GDPR): the organisers' legal entity where there is
/// one, else the group of organisers through its representative; and the contact addresses
/// of the contact persons (representative and substitute).
fn controller_line(tr: &Tr<'_>, initiative: &Initiative) -> String {
    let contacts: Vec<&str> = initiative
        .organisers
        .iter()
        .filter(|o| {
            matches!(
                o.role,
                OrganiserRole::Representative | OrganiserRole::Substitute
            )
        })
        .filter_map(|o| o.email.as_deref())
        .collect();
    let contact = if contacts.is_empty() {
        initiative.register_url.clone()
    } else {
        contacts.join(", ")
    };
    if let Some(entity) = &initiative.data_protection.legal_entity {
        return tr.t_with(
            "privacy-controller-entity",
            &[("entity", entity.clone()), ("contact", contact)],
        );
    }
    let representative = initiative
        .organisers
        .iter()
        .filter(|o| o.role == OrganiserRole::Representative)
        .map(|o| o.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    tr.t_with(
        "privacy-controller-group",
        &[("representative", representative), ("contact", contact)],
    )
}

impl InitiativeView {
    /// Takes the console's lifecycle into account: whether statements are taken now (and
    /// as test statements), and the published certificate.
    #[must_use]
    pub fn with_lifecycle(
        mut self,
        tr: &Tr<'_>,
        board: &ocs_service::lifecycle::LifecycleBoard,
        initiative: &Initiative,
        now: Timestamp,
    ) -> Self {
        let mode = board.statement_mode(initiative, now);
        self.collecting = mode.is_ok();
        self.test_mode = mode == Ok(ocs_domain::lifecycle::StatementMode::Test);
        self.certificate = board.public_certificate(initiative.id).map(|certificate| {
            tr.t_with(
                "console-certificate-published",
                &[
                    ("authority", certificate.authority),
                    ("date", certificate.issued_on.to_string()),
                ],
            )
        });
        self
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
    pub fn new(
        tr: &Tr<'_>,
        progress: &Progress,
        updated_at: Option<Timestamp>,
        zone: &TimeZone,
    ) -> Self {
        let total_percent = progress
            .total
            .saturating_mul(100)
            .checked_div(progress.threshold_total)
            .map_or(100, |percent| percent.min(100));
        Self {
            total_line: tr.t_args(
                "progress-total",
                &[
                    ("count", Arg::Number(progress.total)),
                    ("threshold", Arg::Number(progress.threshold_total)),
                ],
            ),
            states_line: tr.t_args(
                "progress-states",
                &[
                    (
                        "reached",
                        Arg::Number(
                            u64::try_from(progress.countries_at_minimum).unwrap_or(u64::MAX),
                        ),
                    ),
                    (
                        "needed",
                        Arg::Number(u64::try_from(progress.countries_needed).unwrap_or(u64::MAX)),
                    ),
                ],
            ),
            total_percent,
            updated_line: updated_at.map(|t| {
                tr.t_with(
                    "progress-updated",
                    &[("time", l10n::moment(tr.lang, t, zone))],
                )
            }),
            rows: progress
                .countries
                .iter()
                .map(|c| ProgressRow {
                    country: country_name(tr, c.country),
                    count: l10n::number(tr.lang, c.count),
                    minimum: l10n::number(tr.lang, c.minimum),
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
