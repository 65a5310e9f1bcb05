//! Table-driven tests of statement parsing over all 27 states (R1, R4, R5).

use super::*;
use crate::rules::{AgeChange, AgeRule, CheckAlgorithm, Strictness, ValidationPolicy};
use jiff::civil::date;
use proptest::prelude::*;

mod age;
mod documents;
mod identity;
mod values;

static TABLE: std::sync::LazyLock<CountryTable> =
    std::sync::LazyLock::new(|| CountryTable::embedded().unwrap());

fn table() -> CountryTable {
    TABLE.clone()
}

/// Candidate values tried in order; the first one the state's pattern accepts is used, so
/// the fixtures follow the table rather than a second copy of it.
const POSTAL_CODES: [&str; 4] = ["12345", "1234", "1234 AB", "81234"];
const DOCUMENT_NUMBERS: [&str; 8] = [
    "AB1234567",
    "A1234567",
    "1234567",
    "AB123456",
    "B123456",
    "123456789",
    "12345678901",
    "123456AB",
];

fn sample_number(table: &CountryTable, rule: &DocumentRule) -> String {
    if let Some(check) = rule.check {
        return table.check(check).unwrap().examples[0].clone();
    }
    DOCUMENT_NUMBERS
        .into_iter()
        .find(|candidate| rule.matches_format(&rule.normalize(candidate)))
        .unwrap_or_else(|| panic!("no fixture matches {:?}", rule.pattern_text()))
        .to_owned()
}

/// A valid raw statement for `code`, using the document at `document` for Part B.
fn valid_raw(table: &CountryTable, code: CountryCode, document: usize) -> RawStatement {
    let rules = table.get(code);
    let rule = rules.id_documents.get(document);
    let mut fields = BTreeMap::new();
    for field in rules.form_fields() {
        let value = match field.key {
            FieldKey::FullFirstNames => "Anna  Maria".to_owned(),
            FieldKey::FamilyNames => "Müller-Łęcka".to_owned(),
            FieldKey::Street => "Hauptstraße".to_owned(),
            FieldKey::StreetNumber => "12a".to_owned(),
            FieldKey::PostalCode => POSTAL_CODES
                .into_iter()
                .find(|candidate| {
                    rules.postal_code_matches(&normalize::document_number(candidate, false))
                })
                .unwrap()
                .to_owned(),
            FieldKey::City => "Springfield".to_owned(),
            FieldKey::Country => "de".to_owned(),
            FieldKey::DateOfBirth => "1980-04-01".to_owned(),
            FieldKey::IdType => rule.unwrap().kind.key().to_owned(),
            FieldKey::IdNumber => sample_number(table, rule.unwrap()),
        };
        fields.insert(field.key.as_str().to_owned(), value);
    }
    RawStatement {
        nationality: code.as_str().to_lowercase(),
        fields,
        confirmed: false,
    }
}

fn parse(table: &CountryTable, raw: &RawStatement) -> Result<NewStatement, FieldErrors> {
    NewStatement::parse(table, raw)
}

fn errors(table: &CountryTable, raw: &RawStatement) -> FieldErrors {
    match parse(table, raw) {
        Ok(statement) => panic!("{statement:?} parsed"),
        Err(errors) => errors,
    }
}

fn code_of(errors: &FieldErrors, field: &str) -> Option<ErrorCode> {
    errors.for_field(field).map(|error| error.code)
}

fn with(mut raw: RawStatement, key: &str, value: &str) -> RawStatement {
    raw.fields.insert(key.to_owned(), value.to_owned());
    raw
}

#[test]
fn a_valid_statement_parses_for_every_state_and_every_document() {
    let table = table();
    let mut parsed = 0;
    for rules in table.iter() {
        let documents = rules.id_documents.len().max(1);
        for document in 0..documents {
            let raw = valid_raw(&table, rules.code, document);
            let statement =
                parse(&table, &raw).unwrap_or_else(|errors| panic!("{}: {:?}", rules.code, errors));
            assert_eq!(statement.nationality(), rules.code);
            assert_eq!(statement.annex_part(), rules.annex_part);
            let payload = statement.payload();
            let keys: Vec<&str> = payload.iter().map(|(key, _)| *key).collect();
            match rules.annex_part {
                AnnexPart::A => {
                    let expected: Vec<&str> = rules.fields.iter().map(|k| k.as_str()).collect();
                    assert_eq!(keys, expected, "{}", rules.code);
                    assert!(statement.identity_key().starts_with("A|"));
                    assert_eq!(statement.document_kind(), None);
                }
                AnnexPart::B => {
                    let kind = rules.id_documents[document].kind;
                    assert_eq!(keys, ["full.first.names", "family.names", kind.key()]);
                    assert!(statement.identity_key().starts_with(&format!(
                        "B|{}|{}|",
                        rules.code,
                        kind.key()
                    )));
                    assert_eq!(statement.document_kind(), Some(kind));
                }
            }
            assert_eq!(payload[0], ("full.first.names", "Anna Maria".to_owned()));
            parsed += 1;
        }
    }
    // 9 Part A states, and the Part B documents: AT 2, BE 1, BG 1, CY 2, CZ 2, EE 1,
    // ES 2, HR 2, HU 3, IT 2, LT 1, LV 1, MT 2, PL 1, PT 3, RO 3, SE 1, SI 1 = 31.
    assert_eq!(parsed, 9 + 31);
}

#[test]
fn every_missing_or_blank_required_field_is_reported_as_required() {
    let table = table();
    for rules in table.iter() {
        for field in rules.form_fields().into_iter().filter(|f| f.required) {
            let key = field.key.as_str();
            let mut raw = valid_raw(&table, rules.code, 0);
            raw.fields.remove(key);
            let missing = errors(&table, &raw);
            assert_eq!(
                code_of(&missing, key),
                Some(ErrorCode::Required),
                "{} {key}",
                rules.code
            );
            assert_eq!(missing.len(), 1, "{} {key}: {missing:?}", rules.code);
            let blank = errors(&table, &with(raw, key, " \t "));
            assert_eq!(code_of(&blank, key), Some(ErrorCode::Required));
        }
    }
}

#[test]
fn optional_fields_may_stay_empty() {
    let table = table();
    let mut raw = valid_raw(&table, CountryCode::IE, 0);
    raw.fields.remove("postal.code");
    let statement = parse(&table, &raw).unwrap();
    assert!(
        statement
            .payload()
            .iter()
            .all(|(key, _)| *key != "postal.code")
    );
}

#[test]
fn fields_outside_the_state_form_are_refused() {
    let table = table();
    for rules in table.iter() {
        let raw = with(valid_raw(&table, rules.code, 0), "favourite.colour", "blue");
        let found = errors(&table, &raw);
        assert_eq!(
            code_of(&found, "favourite.colour"),
            Some(ErrorCode::UnknownField)
        );
        // Empty unknown inputs are what browsers send; they are ignored.
        let raw = with(valid_raw(&table, rules.code, 0), "favourite.colour", " ");
        assert!(parse(&table, &raw).is_ok(), "{}", rules.code);
    }
    // Another part's field is unknown too (R4).
    let raw = with(
        valid_raw(&table, CountryCode::BE, 0),
        "date.of.birth",
        "1980-01-01",
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "date.of.birth"),
        Some(ErrorCode::UnknownField)
    );
    let raw = with(
        valid_raw(&table, CountryCode::EL, 0),
        "date.of.birth",
        "1980-01-01",
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "date.of.birth"),
        Some(ErrorCode::UnknownField)
    );
    let raw = with(valid_raw(&table, CountryCode::DE, 0), "id.number", "123");
    assert_eq!(
        code_of(&errors(&table, &raw), "id.number"),
        Some(ErrorCode::UnknownField)
    );
}

#[test]
fn unknown_nationalities_are_refused_alone() {
    let table = table();
    for nationality in ["", "XX", "GB", "Deutschland", "D E"] {
        let mut raw = valid_raw(&table, CountryCode::DE, 0);
        raw.nationality = nationality.to_owned();
        let found = errors(&table, &raw);
        assert_eq!(found.len(), 1);
        assert_eq!(
            code_of(&found, "nationality"),
            Some(ErrorCode::UnknownNationality)
        );
    }
    let mut raw = valid_raw(&table, CountryCode::EL, 0);
    raw.nationality = "GR".to_owned();
    assert_eq!(parse(&table, &raw).unwrap().nationality(), CountryCode::EL);
}

#[test]
fn all_errors_are_reported_at_once() {
    let table = table();
    let mut raw = valid_raw(&table, CountryCode::DE, 0);
    raw.fields.remove("city");
    raw.fields.insert("family.names".into(), "x".repeat(101));
    raw.fields
        .insert("date.of.birth".into(), "1980-02-30".into());
    raw.fields.insert("country".into(), "ZZ".into());
    raw.fields.insert("full.first.names".into(), "1234".into());
    raw.fields.insert("extra".into(), "1".into());
    let found = errors(&table, &raw);
    let codes: Vec<(&str, ErrorCode)> = found.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        codes,
        [
            ("extra", ErrorCode::UnknownField),
            ("full.first.names", ErrorCode::InvalidCharacters),
            ("family.names", ErrorCode::TooLong),
            ("city", ErrorCode::Required),
            ("country", ErrorCode::UnknownCountry),
            ("date.of.birth", ErrorCode::InvalidDate),
        ]
    );
    assert!(!found.only_confirmable());
    assert_eq!(
        found.to_string(),
        "6 field error(s): SIG-002 SIG-004 SIG-003 SIG-001 SIG-012 SIG-007"
    );
}

#[test]
fn birth_dates_come_from_the_form_or_the_national_number() {
    let table = table();
    let de = parse(&table, &valid_raw(&table, CountryCode::DE, 0)).unwrap();
    assert_eq!(de.birth_date(), Some(date(1980, 4, 1)));
    let pl = parse(&table, &valid_raw(&table, CountryCode::PL, 0)).unwrap();
    assert_eq!(pl.birth_date(), Some(date(1944, 5, 14)));
    let at = parse(&table, &valid_raw(&table, CountryCode::AT, 0)).unwrap();
    assert_eq!(at.birth_date(), None);
    let el = parse(&table, &valid_raw(&table, CountryCode::EL, 0)).unwrap();
    assert_eq!(el.birth_date(), None);

    let today = date(2026, 3, 15);
    let se = parse(&table, &valid_raw(&table, CountryCode::SE, 0)).unwrap();
    assert_eq!(se.birth_date(), None);
    assert_eq!(se.birth_date_on(today), Some(date(1988, 3, 20)));
    let se_plus = with(
        valid_raw(&table, CountryCode::SE, 0),
        "id.number",
        "880320+0016",
    );
    let se_plus = parse(&table, &se_plus).unwrap();
    assert_eq!(se_plus.birth_date_on(today), Some(date(1888, 3, 20)));
    let se_long = with(
        valid_raw(&table, CountryCode::SE, 0),
        "id.number",
        "19880320-0016",
    );
    let se_long = parse(&table, &se_long).unwrap();
    assert_eq!(se_long.birth_date(), Some(date(1988, 3, 20)));
}

fn arbitrary_raw() -> impl Strategy<Value = RawStatement> {
    let codes: Vec<String> = CountryCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let keys: Vec<String> = FieldKey::ALL
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    let nationality = prop_oneof![proptest::sample::select(codes), any::<String>()];
    let key = prop_oneof![3 => proptest::sample::select(keys), 1 => any::<String>()];
    let value = prop_oneof![
        any::<String>(),
        "[0-9A-Za-z .+/-]{0,16}",
        proptest::sample::select(vec![
            "passport".to_owned(),
            "id.card".to_owned(),
            "personal.number".to_owned(),
            "national.id.number".to_owned(),
            "personal.id".to_owned(),
            "citizens.card".to_owned(),
            "1980-02-29".to_owned(),
        ]),
    ];
    (
        nationality,
        proptest::collection::btree_map(key, value, 0..12),
        any::<bool>(),
    )
        .prop_map(|(nationality, fields, confirmed)| RawStatement {
            nationality,
            fields,
            confirmed,
        })
}

proptest! {
    #[test]
    fn parse_never_panics(raw in arbitrary_raw()) {
        match NewStatement::parse(&TABLE, &raw) {
            Ok(statement) => {
                let _ = statement.identity_key();
                let _ = statement.payload();
                let _ = statement.birth_date();
                let _ = statement.birth_date_on(date(2026, 1, 1));
                let _ = format!("{statement:?}");
            }
            Err(errors) => {
                prop_assert!(!errors.is_empty());
                let _ = errors.only_confirmable();
            }
        }
    }
}
