//! The per-country table: Annex III fields, minimum ages, ID documents, check digits and
//! Annex I minimums, loaded from data (`data/member-states.toml`), never from `match` arms.
//!
//! The embedded file is a byte-for-byte copy of `shared/reference/member-states.toml`; a unit
//! test keeps the two in step. A deployment may load its own file with
//! [`CountryTable::from_toml`] and override single values marked "verify" in the reference
//! (minimum ages, strictness of format rules) without a new build.
//!
//! Everything else in the system reads this one table: the signing form
//! ([`CountryRules::form_fields`]), validation ([`crate::statement::NewStatement::parse`]),
//! the API form description and the export. Code elsewhere never branches on a country code.

use std::collections::BTreeMap;

use jiff::civil::Date;
use regex::{Regex, RegexBuilder};

use crate::country::CountryCode;
use crate::normalize;

mod keys;
mod load;

pub use keys::{AnnexPart, CheckAlgorithm, DocumentKind, FieldKey};

/// The member-state data this build ships with.
pub const EMBEDDED_TOML: &str = include_str!("../data/member-states.toml");

/// The `schema_version` this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A case-insensitive pattern that must match a whole normalised value.
#[derive(Debug, Clone)]
struct Pattern {
    text: String,
    regex: Regex,
}

impl Pattern {
    fn compile(text: &str) -> Result<Self, String> {
        // The fragment must be a regex of its own: otherwise a fragment such as `a)|(b`
        // would escape the anchoring group below.
        Regex::new(text).map_err(|error| error.to_string())?;
        let regex = RegexBuilder::new(&format!("^(?:{text})$"))
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .map_err(|error| error.to_string())?;
        Ok(Self {
            text: text.to_owned(),
            regex,
        })
    }

    fn is_match(&self, value: &str) -> bool {
        self.regex.is_match(value)
    }
}

/// One ID document a Part B state accepts.
#[derive(Debug, Clone)]
pub struct DocumentRule {
    /// The document type.
    pub kind: DocumentKind,
    /// English label, e.g. "Identity card".
    pub label_en: String,
    /// The document's own name in the state, if the data gives one (e.g. "PESEL").
    pub local_name: Option<String>,
    /// The legacy format pattern, compiled case-insensitive and anchored `^(?:p)$`.
    pattern: Option<Pattern>,
    /// The check-digit algorithm, if the number has one.
    pub check: Option<CheckAlgorithm>,
}

impl DocumentRule {
    /// The pattern fragment as written in the data (not anchored), if any.
    pub fn pattern_text(&self) -> Option<&str> {
        self.pattern.as_ref().map(|pattern| pattern.text.as_str())
    }

    /// Whether a normalised number has the document's format (true when no format is known).
    pub fn matches_format(&self, normalized: &str) -> bool {
        self.pattern
            .as_ref()
            .is_none_or(|pattern| pattern.is_match(normalized))
    }

    /// Normalises a number as typed for this document (see [`normalize::document_number`]).
    pub fn normalize(&self, raw: &str) -> String {
        normalize::document_number(raw, self.kind.is_national_number())
    }
}

/// A change of a state's minimum age that took effect on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeChange {
    /// First day on which the current minimum age applies.
    pub since: Date,
    /// The minimum age before that day.
    pub age_before: u8,
}

/// The minimum age to sign, possibly with the date it last changed (BE, DE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeRule {
    /// The current minimum age.
    pub min_age: u8,
    /// When it took effect and what applied before, if it changed.
    pub change: Option<AgeChange>,
}

impl AgeRule {
    /// The same age on every date.
    pub const fn flat(min_age: u8) -> Self {
        Self {
            min_age,
            change: None,
        }
    }

    /// The minimum age on a signing date.
    pub fn on(&self, date: Date) -> u8 {
        match self.change {
            Some(change) if date < change.since => change.age_before,
            _ => self.min_age,
        }
    }
}

/// How a field is asked for on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// Free text (names, address).
    Text,
    /// A date, YYYY-MM-DD.
    Date,
    /// A country of residence: an ISO 3166-1 alpha-2 code (see [`crate::residence`]).
    CountryOfResidence,
    /// The choice of ID document; see [`FormField::choices`].
    DocumentType,
    /// The number of the chosen ID document.
    DocumentNumber,
}

/// One accepted ID document, as offered on the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentChoice {
    /// The legacy document key, the value of `id.type`.
    pub key: &'static str,
    /// English label.
    pub label_en: String,
    /// The format pattern fragment, if known (case-insensitive, whole value).
    pub pattern: Option<String>,
    /// The check-digit algorithm id, if any.
    pub check: Option<&'static str>,
}

/// One field of a state's signing form. The same list drives HTML rendering, validation and
/// the API's form description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The legacy key, also the form field name.
    pub key: FieldKey,
    /// Whether an empty value is an error.
    pub required: bool,
    /// How the field is asked for.
    pub kind: FieldKind,
    /// Most characters allowed.
    pub max_length: usize,
    /// The accepted documents (only for [`FieldKind::DocumentType`]).
    pub choices: Vec<DocumentChoice>,
    /// The format pattern fragment (the postal code), if known.
    pub pattern: Option<String>,
}

/// Everything the system knows about one member state.
#[derive(Debug, Clone)]
pub struct CountryRules {
    /// The state.
    pub code: CountryCode,
    /// English name.
    pub name_en: String,
    /// Annex III part.
    pub annex_part: AnnexPart,
    /// MEPs in the 2019–2024 term (705 seats).
    pub meps_2019: u32,
    /// MEPs in the 2024–2029 term (720 seats).
    pub meps_2024: u32,
    /// Annex I minimum of the 705-seat table.
    pub min_signatories_2019: u64,
    /// Annex I minimum of the 720-seat table.
    pub min_signatories_2024: u64,
    /// Minimum age on the signing date.
    pub age: AgeRule,
    /// The Annex III fields the form collects, in form order (`id.type` and `id.number` of
    /// Part B are implied and not listed).
    pub fields: Vec<FieldKey>,
    /// Fields of `fields` that may stay empty (IE `postal.code`).
    pub optional_fields: Vec<FieldKey>,
    /// The postal-code pattern, if known.
    postal_code_pattern: Option<Pattern>,
    /// Accepted ID documents (Part B), in the order offered.
    pub id_documents: Vec<DocumentRule>,
    /// Open questions about this state's data, from the data file.
    pub verify: Vec<String>,
}

impl CountryRules {
    /// The state.
    pub fn code(&self) -> CountryCode {
        self.code
    }

    /// English name.
    pub fn name_en(&self) -> &str {
        &self.name_en
    }

    /// Annex III part.
    pub fn annex_part(&self) -> AnnexPart {
        self.annex_part
    }

    /// The minimum age that applies on a signing date.
    pub fn min_age_on(&self, date: Date) -> u8 {
        self.age.on(date)
    }

    /// The postal-code pattern fragment, if known.
    pub fn postal_code_pattern(&self) -> Option<&str> {
        self.postal_code_pattern
            .as_ref()
            .map(|pattern| pattern.text.as_str())
    }

    /// Whether a normalised postal code has this state's format (true when none is known).
    pub fn postal_code_matches(&self, normalized: &str) -> bool {
        self.postal_code_pattern
            .as_ref()
            .is_none_or(|pattern| pattern.is_match(normalized))
    }

    /// The accepted document of that kind, if the state accepts it.
    pub fn document(&self, kind: DocumentKind) -> Option<&DocumentRule> {
        self.id_documents.iter().find(|rule| rule.kind == kind)
    }

    /// Whether the form has this field.
    pub fn collects(&self, key: FieldKey) -> bool {
        match key {
            FieldKey::IdType | FieldKey::IdNumber => self.annex_part == AnnexPart::B,
            other => self.fields.contains(&other),
        }
    }

    /// Whether the form has this field and it must not stay empty.
    pub fn is_required(&self, key: FieldKey) -> bool {
        self.collects(key) && !self.optional_fields.contains(&key)
    }

    /// The signing form: for Part A the state's fields in order; for Part B the state's
    /// fields (the names), then `id.type` with the accepted documents as choices, then
    /// `id.number`.
    pub fn form_fields(&self) -> Vec<FormField> {
        let mut form: Vec<FormField> = self
            .fields
            .iter()
            .map(|&key| FormField {
                key,
                required: self.is_required(key),
                kind: key.kind(),
                max_length: key.max_length(),
                choices: Vec::new(),
                pattern: if key == FieldKey::PostalCode {
                    self.postal_code_pattern().map(str::to_owned)
                } else {
                    None
                },
            })
            .collect();
        if self.annex_part == AnnexPart::B {
            let choices = self
                .id_documents
                .iter()
                .map(|rule| DocumentChoice {
                    key: rule.kind.key(),
                    label_en: rule.label_en.clone(),
                    pattern: rule.pattern_text().map(str::to_owned),
                    check: rule.check.map(CheckAlgorithm::id),
                })
                .collect();
            for (key, choices) in [
                (FieldKey::IdType, choices),
                (FieldKey::IdNumber, Vec::new()),
            ] {
                form.push(FormField {
                    key,
                    required: true,
                    kind: key.kind(),
                    max_length: key.max_length(),
                    choices,
                    pattern: None,
                });
            }
        }
        form
    }
}

/// How a confirmable finding is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Always an error; ticking "my details are correct" does not help.
    Reject,
    /// An error unless the signer confirms the value is right.
    Confirmable,
    /// Not reported.
    Ignore,
}

/// Which findings reject a statement. Empty required fields, bad dates and a failed
/// *confirmed* check digit always reject; this policy covers the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ValidationPolicy {
    /// A postal code or document number that does not match its legacy pattern.
    pub format_mismatch: Strictness,
    /// A failed check digit whose rule is not confirmed (LV).
    pub unconfirmed_check_digit: Strictness,
}

impl Default for ValidationPolicy {
    /// Both confirmable, as in the legacy OCS, where format rules were skippable warnings.
    fn default() -> Self {
        Self {
            format_mismatch: Strictness::Confirmable,
            unconfirmed_check_digit: Strictness::Confirmable,
        }
    }
}

/// What the data file says about one check-digit algorithm.
#[derive(Debug, Clone)]
pub struct CheckInfo {
    /// The algorithm.
    pub algorithm: CheckAlgorithm,
    /// Display name.
    pub name: String,
    /// One-sentence description.
    pub description: String,
    /// Length of the (shortest) normalised number.
    pub digits: usize,
    /// Published numbers that must pass.
    pub examples: Vec<String>,
    /// `confidence = "verified"`; otherwise a failure only warns.
    pub confirmed: bool,
    /// Open questions.
    pub verify: Vec<String>,
}

/// The member-state table could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RulesError {
    /// Not TOML, or a key is missing, misspelt or of the wrong type.
    #[error("the member-state table is not valid: {0}")]
    Syntax(String),
    /// Written for another version of this format.
    #[error(
        "the member-state table has schema_version {found}, but this build reads version {expected}"
    )]
    SchemaVersion {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// A value in `[rules]` is not acceptable.
    #[error("[rules] {field}: {message}")]
    Rules {
        /// The key.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A `[[check]]` entry is not acceptable.
    #[error("[[check]] {id:?}: {message}")]
    Check {
        /// The check id as written.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// A value of a `[[state]]` entry is not acceptable.
    #[error("[[state]] {state:?}: {field}: {message}")]
    State {
        /// The state code as written.
        state: String,
        /// The key (and document, where relevant).
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A state is listed twice.
    #[error("[[state]] {0} appears more than once")]
    DuplicateState(CountryCode),
    /// A state is not listed.
    #[error("[[state]] {0} is missing: the table must list all 27 member states")]
    MissingState(CountryCode),
}

/// The loaded table of all 27 states, the thresholds and the validation policy.
#[derive(Debug, Clone)]
pub struct CountryTable {
    /// Indexed by `CountryCode as usize`, i.e. in the order of [`CountryCode::ALL`].
    states: [CountryRules; 27],
    checks: Vec<CheckInfo>,
    labels: BTreeMap<String, String>,
    policy: ValidationPolicy,
    total_signatories: u64,
    min_states_at_minimum: usize,
    seats_2019: u32,
    seats_2024: u32,
    table_2019_from: Date,
    table_2024_from: Date,
    default_min_age: u8,
    max_collection_months: i8,
    start_within_months: i8,
    notice_working_days: u32,
}

impl CountryTable {
    /// The table embedded in this build.
    pub fn embedded() -> Result<Self, RulesError> {
        Self::from_toml(EMBEDDED_TOML)
    }

    /// Loads a table in the format of `member-states.toml`. Every state must be listed once,
    /// every pattern must compile and every check example must pass.
    pub fn from_toml(text: &str) -> Result<Self, RulesError> {
        load::from_toml(text)
    }

    /// The rules of one state.
    pub fn get(&self, code: CountryCode) -> &CountryRules {
        // `build` stores the states in the order of `CountryCode::ALL`, whose discriminants
        // are 0..27, so the lookup always hits; the fallback only satisfies the type.
        let [first, ..] = &self.states;
        self.states.get(code as usize).unwrap_or(first)
    }

    /// All 27 states in order of code.
    pub fn iter(&self) -> impl Iterator<Item = &CountryRules> {
        self.states.iter()
    }

    /// Replaces the validation policy.
    #[must_use]
    pub fn with_policy(mut self, policy: ValidationPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The validation policy.
    pub fn policy(&self) -> ValidationPolicy {
        self.policy
    }

    /// Sets one state's minimum age on every date (values marked "verify" are configuration).
    #[must_use]
    pub fn with_min_age_override(self, code: CountryCode, age: u8) -> Self {
        self.with_age_rule(code, AgeRule::flat(age))
    }

    /// Replaces one state's age rule, including a change date.
    #[must_use]
    pub fn with_age_rule(mut self, code: CountryCode, rule: AgeRule) -> Self {
        if let Some(rules) = self.states.iter_mut().find(|rules| rules.code == code) {
            rules.age = rule;
        }
        self
    }

    /// The Annex I minimum per state for an initiative registered on `registration_date`:
    /// the 720-seat table from `rules.table_2024_from` on, the 705-seat table before. (The
    /// 750-seat table of Regulation 211/2011 is not carried; it only concerns initiatives
    /// registered before `rules.table_2019_from`.)
    pub fn minimums_for(&self, registration_date: Date) -> BTreeMap<CountryCode, u64> {
        let newer = registration_date >= self.table_2024_from;
        self.states
            .iter()
            .map(|rules| {
                let minimum = if newer {
                    rules.min_signatories_2024
                } else {
                    rules.min_signatories_2019
                };
                (rules.code, minimum)
            })
            .collect()
    }

    /// Seats of the Parliament whose table applies on `registration_date` (705 or 720).
    pub fn seats_for(&self, registration_date: Date) -> u32 {
        if registration_date >= self.table_2024_from {
            self.seats_2024
        } else {
            self.seats_2019
        }
    }

    /// The total threshold (1,000,000).
    pub fn total_signatories(&self) -> u64 {
        self.total_signatories
    }

    /// How many states must reach their minimum (7).
    pub fn min_states_at_minimum(&self) -> usize {
        self.min_states_at_minimum
    }

    /// Longest collection period in months (12).
    pub fn max_collection_months(&self) -> i8 {
        self.max_collection_months
    }

    /// Collection must start within this many months of registration (6).
    pub fn start_within_months_of_registration(&self) -> i8 {
        self.start_within_months
    }

    /// Working days of notice before collection starts (10).
    pub fn notice_working_days(&self) -> u32 {
        self.notice_working_days
    }

    /// First registration date of the 705-seat table.
    pub fn table_2019_from(&self) -> Date {
        self.table_2019_from
    }

    /// First registration date of the 720-seat table.
    pub fn table_2024_from(&self) -> Date {
        self.table_2024_from
    }

    /// The minimum age where no state rule says otherwise (18).
    pub fn default_min_age(&self) -> u8 {
        self.default_min_age
    }

    /// What the data says about a check-digit algorithm, if it lists it.
    pub fn check(&self, algorithm: CheckAlgorithm) -> Option<&CheckInfo> {
        self.checks.iter().find(|info| info.algorithm == algorithm)
    }

    /// Every check-digit algorithm the data lists.
    pub fn checks(&self) -> &[CheckInfo] {
        &self.checks
    }

    /// Whether a failed check digit of this algorithm rejects (confirmed) or only warns.
    pub fn is_confirmed(&self, algorithm: CheckAlgorithm) -> bool {
        self.check(algorithm)
            .map_or_else(|| algorithm.confirmed(), |info| info.confirmed)
    }

    /// The English label of a field or document key from the data's `[labels]`.
    pub fn label_en(&self, key: &str) -> Option<&str> {
        self.labels.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests;
