//! Reading a member-state file: the serde shape of the TOML and the checks that turn it into
//! a [`CountryTable`], with an error naming the state and key for anything wrong.

use jiff::civil::Date;

use super::{
    AgeChange, AgeRule, AnnexPart, CheckAlgorithm, CheckInfo, CountryRules, CountryTable,
    DocumentKind, DocumentRule, FieldKey, Pattern, RulesError, SCHEMA_VERSION, ValidationPolicy,
};
use crate::country::CountryCode;

/// Parses and checks a whole file.
pub(super) fn from_toml(text: &str) -> Result<CountryTable, RulesError> {
    let file: raw::File =
        toml::from_str(text).map_err(|error| RulesError::Syntax(error.to_string()))?;
    build(file)
}

/// The file as written; `build` checks it and turns it into a [`CountryTable`].
mod raw {
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct File {
        pub schema_version: u32,
        pub rules: Rules,
        #[serde(default)]
        pub labels: BTreeMap<String, String>,
        #[serde(default, rename = "check")]
        pub checks: Vec<Check>,
        #[serde(rename = "state")]
        pub states: Vec<State>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Rules {
        pub total_signatories: u64,
        pub min_states_at_minimum: usize,
        pub seats_2024: u32,
        pub seats_2019: u32,
        pub table_2019_from: String,
        pub table_2024_from: String,
        pub default_min_age: u8,
        pub max_collection_months: i8,
        pub start_within_months_of_registration: i8,
        pub notice_working_days: u32,
        #[serde(default)]
        #[expect(dead_code, reason = "documentation for people reading the file")]
        pub verify: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Check {
        pub id: String,
        pub name: String,
        pub description: String,
        pub digits: usize,
        #[serde(default)]
        pub examples: Vec<String>,
        pub confidence: String,
        #[serde(default)]
        pub verify: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct State {
        pub code: String,
        pub iso3166: String,
        pub name_en: String,
        pub meps_2024: u32,
        pub min_signatories_2024: u64,
        pub meps_2019: u32,
        pub min_signatories_2019: u64,
        pub min_age: u8,
        pub min_age_since: Option<String>,
        pub min_age_before: Option<u8>,
        pub annex_part: String,
        pub fields: Vec<String>,
        #[serde(default)]
        pub optional_fields: Vec<String>,
        pub postal_code_pattern: Option<String>,
        #[serde(default)]
        pub id_documents: Vec<Document>,
        #[serde(default)]
        pub verify: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct Document {
        pub key: String,
        pub label_en: String,
        pub local_name: Option<String>,
        pub pattern: Option<String>,
        pub check: Option<String>,
    }
}

// Sanity bounds that catch typos in a deployment's file; no EU state is near them.
const AGE_BOUNDS: std::ops::RangeInclusive<u8> = 14..=21;

fn build(file: raw::File) -> Result<CountryTable, RulesError> {
    if file.schema_version != SCHEMA_VERSION {
        return Err(RulesError::SchemaVersion {
            found: file.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    let rules = file.rules;
    let rules_error = |field: &'static str, message: String| RulesError::Rules { field, message };
    let table_2019_from = parse_date(&rules.table_2019_from)
        .map_err(|message| rules_error("table_2019_from", message))?;
    let table_2024_from = parse_date(&rules.table_2024_from)
        .map_err(|message| rules_error("table_2024_from", message))?;
    if table_2024_from <= table_2019_from {
        return Err(rules_error(
            "table_2024_from",
            "must be after table_2019_from".into(),
        ));
    }
    if rules.total_signatories == 0 {
        return Err(rules_error("total_signatories", "must be positive".into()));
    }
    if !(1..=CountryCode::ALL.len()).contains(&rules.min_states_at_minimum) {
        return Err(rules_error(
            "min_states_at_minimum",
            format!(
                "must be between 1 and 27, not {}",
                rules.min_states_at_minimum
            ),
        ));
    }
    if rules.max_collection_months < 1 {
        return Err(rules_error(
            "max_collection_months",
            "must be positive".into(),
        ));
    }
    if rules.start_within_months_of_registration < 0 {
        return Err(rules_error(
            "start_within_months_of_registration",
            "must not be negative".into(),
        ));
    }
    if !AGE_BOUNDS.contains(&rules.default_min_age) {
        return Err(rules_error(
            "default_min_age",
            format!("{} is outside {AGE_BOUNDS:?}", rules.default_min_age),
        ));
    }

    let checks = build_checks(file.checks)?;

    let mut slots: [Option<CountryRules>; 27] = Default::default();
    for state in file.states {
        let rules = build_state(state, &checks)?;
        let slot = slots
            .get_mut(rules.code as usize)
            .ok_or(RulesError::MissingState(rules.code))?;
        if slot.is_some() {
            return Err(RulesError::DuplicateState(rules.code));
        }
        *slot = Some(rules);
    }
    let mut states = Vec::with_capacity(slots.len());
    for (code, slot) in CountryCode::ALL.into_iter().zip(slots) {
        states.push(slot.ok_or(RulesError::MissingState(code))?);
    }
    let states: [CountryRules; 27] = states
        .try_into()
        .map_err(|_| RulesError::MissingState(CountryCode::AT))?;

    Ok(CountryTable {
        states,
        checks,
        labels: file.labels,
        policy: ValidationPolicy::default(),
        total_signatories: rules.total_signatories,
        min_states_at_minimum: rules.min_states_at_minimum,
        seats_2019: rules.seats_2019,
        seats_2024: rules.seats_2024,
        table_2019_from,
        table_2024_from,
        default_min_age: rules.default_min_age,
        max_collection_months: rules.max_collection_months,
        start_within_months: rules.start_within_months_of_registration,
        notice_working_days: rules.notice_working_days,
    })
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|error| format!("{text:?} is not a date YYYY-MM-DD ({error})"))
}

fn build_checks(raw_checks: Vec<raw::Check>) -> Result<Vec<CheckInfo>, RulesError> {
    let mut checks: Vec<CheckInfo> = Vec::with_capacity(raw_checks.len());
    for check in raw_checks {
        let error = |message: String| RulesError::Check {
            id: check.id.clone(),
            message,
        };
        let algorithm = CheckAlgorithm::parse(&check.id).ok_or_else(|| {
            error(format!(
                "unknown algorithm; known: {}",
                CheckAlgorithm::ALL.map(CheckAlgorithm::id).join(", ")
            ))
        })?;
        if checks.iter().any(|info| info.algorithm == algorithm) {
            return Err(error("listed more than once".into()));
        }
        let confirmed = match check.confidence.as_str() {
            "verified" => true,
            "verify" => false,
            other => {
                return Err(error(format!(
                    "confidence {other:?} must be \"verified\" or \"verify\""
                )));
            }
        };
        if check.digits == 0 {
            return Err(error("digits must be positive".into()));
        }
        if let Some(bad) = check
            .examples
            .iter()
            .find(|example| !algorithm.verify(example))
        {
            return Err(error(format!("example {bad:?} fails the algorithm")));
        }
        checks.push(CheckInfo {
            algorithm,
            name: check.name,
            description: check.description,
            digits: check.digits,
            examples: check.examples,
            confirmed,
            verify: check.verify,
        });
    }
    Ok(checks)
}

fn build_state(state: raw::State, checks: &[CheckInfo]) -> Result<CountryRules, RulesError> {
    let name = state.code.clone();
    let error = |field: &str, message: String| RulesError::State {
        state: name.clone(),
        field: field.to_owned(),
        message,
    };
    let code = CountryCode::parse(&state.code)
        .ok()
        .filter(|code| code.as_str() == state.code)
        .ok_or_else(|| {
            error(
                "code",
                "must be the upper-case EU code of a member state (EL for Greece)".into(),
            )
        })?;
    if state.iso3166 != code.iso3166() {
        return Err(error(
            "iso3166",
            format!("must be {:?}, not {:?}", code.iso3166(), state.iso3166),
        ));
    }
    if state.name_en.trim().is_empty() {
        return Err(error("name_en", "must not be empty".into()));
    }
    for (field, value) in [
        ("min_signatories_2019", state.min_signatories_2019),
        ("min_signatories_2024", state.min_signatories_2024),
    ] {
        if value == 0 {
            return Err(error(field, "must be positive".into()));
        }
    }
    let age = build_age(&state).map_err(|(field, message)| error(field, message))?;
    let annex_part = AnnexPart::parse(&state.annex_part).ok_or_else(|| {
        error(
            "annex_part",
            format!("{:?} must be \"A\" or \"B\"", state.annex_part),
        )
    })?;

    let (fields, optional_fields, postal_code_pattern) =
        build_fields(&state).map_err(|(field, message)| error(field, message))?;
    let id_documents = build_documents(state.id_documents, checks)
        .map_err(|(field, message)| error(&field, message))?;
    match annex_part {
        AnnexPart::A if !id_documents.is_empty() => {
            return Err(error(
                "id_documents",
                "a Part A state collects no ID document".into(),
            ));
        }
        AnnexPart::B if id_documents.is_empty() => {
            return Err(error(
                "id_documents",
                "a Part B state must accept at least one ID document".into(),
            ));
        }
        _ => {}
    }

    Ok(CountryRules {
        code,
        name_en: state.name_en,
        annex_part,
        meps_2019: state.meps_2019,
        meps_2024: state.meps_2024,
        min_signatories_2019: state.min_signatories_2019,
        min_signatories_2024: state.min_signatories_2024,
        age,
        fields,
        optional_fields,
        postal_code_pattern,
        id_documents,
        verify: state.verify,
    })
}

/// The form fields, the optional ones and the postal-code pattern of a state.
type Fields = (Vec<FieldKey>, Vec<FieldKey>, Option<Pattern>);

/// An error about one key of a state: the key and the message.
type KeyError = (&'static str, String);

fn build_fields(state: &raw::State) -> Result<Fields, KeyError> {
    let fields = parse_fields(&state.fields).map_err(|message| ("fields", message))?;
    for name_field in [FieldKey::FullFirstNames, FieldKey::FamilyNames] {
        if !fields.contains(&name_field) {
            return Err(("fields", format!("must include {name_field}")));
        }
    }
    let optional_fields =
        parse_fields(&state.optional_fields).map_err(|message| ("optional_fields", message))?;
    if let Some(bad) = optional_fields
        .iter()
        .find(|key| key.is_name() || !fields.contains(key))
    {
        return Err((
            "optional_fields",
            format!("{bad} is a name or not in fields"),
        ));
    }
    let postal_code_pattern = match &state.postal_code_pattern {
        None => None,
        Some(_) if !fields.contains(&FieldKey::PostalCode) => {
            return Err((
                "postal_code_pattern",
                "given, but fields has no postal.code".into(),
            ));
        }
        Some(text) => {
            Some(Pattern::compile(text).map_err(|message| ("postal_code_pattern", message))?)
        }
    };
    Ok((fields, optional_fields, postal_code_pattern))
}

fn build_documents(
    documents: Vec<raw::Document>,
    checks: &[CheckInfo],
) -> Result<Vec<DocumentRule>, (String, String)> {
    let mut id_documents: Vec<DocumentRule> = Vec::with_capacity(documents.len());
    for document in documents {
        let field = format!("id_documents {:?}", document.key);
        let error = |message: String| (field.clone(), message);
        let kind = DocumentKind::parse(&document.key).ok_or_else(|| {
            error(format!(
                "unknown document key; known: {}",
                DocumentKind::ALL.map(DocumentKind::key).join(", ")
            ))
        })?;
        if id_documents.iter().any(|rule| rule.kind == kind) {
            return Err(error("listed more than once".into()));
        }
        if document.label_en.trim().is_empty() {
            return Err(error("label_en must not be empty".into()));
        }
        let pattern = document
            .pattern
            .as_deref()
            .map(Pattern::compile)
            .transpose()
            .map_err(|message| error(format!("pattern: {message}")))?;
        let check = document
            .check
            .as_deref()
            .map(|id| {
                CheckAlgorithm::parse(id)
                    .filter(|algorithm| checks.iter().any(|info| info.algorithm == *algorithm))
                    .ok_or_else(|| error(format!("check {id:?} is not listed in [[check]]")))
            })
            .transpose()?;
        id_documents.push(DocumentRule {
            kind,
            label_en: document.label_en,
            local_name: document.local_name,
            pattern,
            check,
        });
    }
    Ok(id_documents)
}

fn build_age(state: &raw::State) -> Result<AgeRule, (&'static str, String)> {
    for (field, age) in [
        ("min_age", Some(state.min_age)),
        ("min_age_before", state.min_age_before),
    ] {
        if let Some(age) = age.filter(|age| !AGE_BOUNDS.contains(age)) {
            return Err((field, format!("{age} is outside {AGE_BOUNDS:?}")));
        }
    }
    let change = match (&state.min_age_since, state.min_age_before) {
        (None, None) => None,
        (Some(since), Some(age_before)) => Some(AgeChange {
            since: parse_date(since).map_err(|message| ("min_age_since", message))?,
            age_before,
        }),
        (Some(_), None) => return Err(("min_age_before", "missing: min_age_since is set".into())),
        (None, Some(_)) => return Err(("min_age_since", "missing: min_age_before is set".into())),
    };
    Ok(AgeRule {
        min_age: state.min_age,
        change,
    })
}

fn parse_fields(keys: &[String]) -> Result<Vec<FieldKey>, String> {
    let mut fields: Vec<FieldKey> = Vec::with_capacity(keys.len());
    for text in keys {
        let key = FieldKey::parse(text).ok_or_else(|| format!("unknown field {text:?}"))?;
        if matches!(key, FieldKey::IdType | FieldKey::IdNumber) {
            return Err(format!(
                "{key} is implied by annex_part = \"B\"; do not list it"
            ));
        }
        if fields.contains(&key) {
            return Err(format!("{key} is listed more than once"));
        }
        fields.push(key);
    }
    Ok(fields)
}
