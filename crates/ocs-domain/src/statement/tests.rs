//! Table-driven tests of statement parsing over all 27 states (R1, R4, R5).

use super::*;
use crate::rules::{AgeChange, AgeRule, ValidationPolicy};
use jiff::civil::date;
use proptest::prelude::*;

mod age;
mod identity;

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
fn lengths_count_characters_not_bytes() {
    let table = table();
    let raw = with(
        valid_raw(&table, CountryCode::DE, 0),
        "family.names",
        &"é".repeat(100),
    );
    assert!(parse(&table, &raw).is_ok());
    let raw = with(
        valid_raw(&table, CountryCode::DE, 0),
        "family.names",
        &"é".repeat(101),
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "family.names"),
        Some(ErrorCode::TooLong)
    );
    let raw = with(
        valid_raw(&table, CountryCode::DE, 0),
        "street.number",
        &"1".repeat(21),
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "street.number"),
        Some(ErrorCode::TooLong)
    );
    let raw = with(
        valid_raw(&table, CountryCode::IE, 0),
        "postal.code",
        "D02 X285 ABC",
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "postal.code"),
        Some(ErrorCode::TooLong)
    );
    let raw = with(
        valid_raw(&table, CountryCode::AT, 1),
        "id.number",
        &"1".repeat(31),
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "id.number"),
        Some(ErrorCode::TooLong)
    );
    let raw = with(
        valid_raw(&table, CountryCode::DE, 0),
        "city",
        &" ".repeat(5000),
    );
    assert_eq!(
        code_of(&errors(&table, &raw), "city"),
        Some(ErrorCode::TooLong)
    );
}

#[test]
fn control_and_invisible_characters_and_letterless_names_are_refused() {
    let table = table();
    for (key, value) in [
        ("family.names", "Mül\u{0}ler"),
        ("family.names", "Mül\u{202E}ler"),
        ("family.names", "Mül\u{200B}ler"),
        ("city", "Berlin\u{7}"),
        ("full.first.names", "1234"),
        ("full.first.names", "- -"),
    ] {
        let raw = with(valid_raw(&table, CountryCode::DE, 0), key, value);
        assert_eq!(
            code_of(&errors(&table, &raw), key),
            Some(ErrorCode::InvalidCharacters),
            "{value:?}"
        );
    }
    // Issue 19, finding 15: a line break or a tab inside a value is a control character and
    // refused (SIG-004); at the ends it is white space and trimmed.
    for inside in ["Haupt\r\n straße", "Haupt\nstraße", "Haupt\tstraße"] {
        let raw = with(valid_raw(&table, CountryCode::DE, 0), "street", inside);
        let raw = with(raw, "city", inside);
        assert_eq!(
            code_of(&errors(&table, &raw), "city"),
            Some(ErrorCode::InvalidCharacters),
            "{inside:?}"
        );
    }
    let raw = with(
        valid_raw(&table, CountryCode::DE, 0),
        "street",
        "\tHaupt  straße\r\n",
    );
    let statement = parse(&table, &raw).unwrap();
    assert!(
        statement
            .payload()
            .contains(&("street", "Haupt straße".to_owned()))
    );
    for number in ["---", "12<34>56", "1234567€"] {
        let raw = with(valid_raw(&table, CountryCode::AT, 1), "id.number", number);
        assert_eq!(
            code_of(&errors(&table, &raw), "id.number"),
            Some(ErrorCode::InvalidCharacters),
            "{number}"
        );
    }
}

#[test]
fn dates_must_be_real_and_written_yyyy_mm_dd() {
    let table = table();
    for bad in [
        "1980-02-30",
        "80-01-01",
        "1980/01/01",
        "+980-01-01",
        "1980-1-1",
        "1980-13-01",
        "١٩٨٠-٠١-٠١",
    ] {
        let raw = with(valid_raw(&table, CountryCode::DE, 0), "date.of.birth", bad);
        assert_eq!(
            code_of(&errors(&table, &raw), "date.of.birth"),
            Some(ErrorCode::InvalidDate),
            "{bad}"
        );
    }
    let raw = with(
        valid_raw(&table, CountryCode::DE, 0),
        "date.of.birth",
        " 2000-02-29 ",
    );
    assert_eq!(
        parse(&table, &raw).unwrap().birth_date(),
        Some(date(2000, 2, 29))
    );
}

#[test]
fn country_of_residence_is_any_iso_code_stored_upper_case() {
    let table = table();
    for (typed, stored) in [
        ("el", "GR"),
        ("GR", "GR"),
        ("us", "US"),
        ("UK", "GB"),
        (" fr ", "FR"),
    ] {
        let raw = with(valid_raw(&table, CountryCode::FR, 0), "country", typed);
        let statement = parse(&table, &raw).unwrap();
        assert!(
            statement
                .payload()
                .contains(&("country", stored.to_owned())),
            "{typed}"
        );
    }
    for bad in ["ZZ", "Germany", "D", "EU"] {
        let raw = with(valid_raw(&table, CountryCode::FR, 0), "country", bad);
        assert_eq!(
            code_of(&errors(&table, &raw), "country"),
            Some(ErrorCode::UnknownCountry)
        );
    }
}

#[test]
fn postal_code_format_follows_the_policy() {
    let table = table();
    let raw = with(
        valid_raw(&table, CountryCode::NL, 0),
        "postal.code",
        "1234 ab",
    );
    assert!(parse(&table, &raw).is_ok());
    let bad = with(valid_raw(&table, CountryCode::DE, 0), "postal.code", "1234");
    let found = errors(&table, &bad);
    assert_eq!(
        code_of(&found, "postal.code"),
        Some(ErrorCode::PostalCodeFormat)
    );
    assert!(found.only_confirmable());
    let confirmed = RawStatement {
        confirmed: true,
        ..bad.clone()
    };
    let statement = parse(&table, &confirmed).unwrap();
    assert!(
        statement
            .payload()
            .contains(&("postal.code", "1234".to_owned()))
    );

    let strict = table.clone().with_policy(ValidationPolicy {
        format_mismatch: Strictness::Reject,
        ..ValidationPolicy::default()
    });
    let found = errors(&strict, &confirmed);
    assert_eq!(
        code_of(&found, "postal.code"),
        Some(ErrorCode::PostalCodeFormat)
    );
    assert!(!found.only_confirmable());

    let lax = table.with_policy(ValidationPolicy {
        format_mismatch: Strictness::Ignore,
        ..ValidationPolicy::default()
    });
    assert!(parse(&lax, &bad).is_ok());
}

#[test]
fn document_types_must_be_accepted_by_the_state() {
    let table = table();
    for typed in ["passport", "driving.licence", "PERSONAL.NUMBER"] {
        let raw = with(valid_raw(&table, CountryCode::BE, 0), "id.type", typed);
        let found = errors(&table, &raw);
        assert_eq!(
            code_of(&found, "id.type"),
            Some(ErrorCode::DocumentNotAccepted)
        );
        // The number cannot be judged without a document type: one error only.
        assert_eq!(found.len(), 1);
    }
    let raw = with(
        valid_raw(&table, CountryCode::BE, 0),
        "id.type",
        " National.ID.Number ",
    );
    assert!(parse(&table, &raw).is_ok());
}

#[test]
fn document_format_mismatch_is_confirmable() {
    let table = table();
    let raw = with(valid_raw(&table, CountryCode::AT, 0), "id.number", "12345");
    let found = errors(&table, &raw);
    assert_eq!(
        code_of(&found, "id.number"),
        Some(ErrorCode::FormatMismatch)
    );
    assert!(found.only_confirmable());
    let statement = parse(
        &table,
        &RawStatement {
            confirmed: true,
            ..raw
        },
    )
    .unwrap();
    assert_eq!(statement.payload()[2], ("passport", "12345".to_owned()));
}

#[test]
fn a_failed_confirmed_check_digit_always_rejects() {
    let table = table();
    for (code, number) in [
        (CountryCode::PL, "44051401358"),
        (CountryCode::BE, "85.07.30-033.29"),
        (CountryCode::BE, "8507300332"),
        (CountryCode::ES, "54362315A"),
        (CountryCode::SE, "880320-0017"),
    ] {
        let raw = with(valid_raw(&table, code, 0), "id.number", number);
        let raw = RawStatement {
            confirmed: true,
            ..raw
        };
        let found = errors(&table, &raw);
        assert_eq!(
            code_of(&found, "id.number"),
            Some(ErrorCode::CheckDigit),
            "{number}"
        );
        assert!(!found.only_confirmable());
    }
}

#[test]
fn an_unconfirmed_check_digit_only_warns() {
    let table = table();
    let raw = with(
        valid_raw(&table, CountryCode::LV, 0),
        "id.number",
        "161175-19998",
    );
    let found = errors(&table, &raw);
    assert_eq!(
        code_of(&found, "id.number"),
        Some(ErrorCode::CheckDigitUnconfirmed)
    );
    assert!(found.only_confirmable());
    let confirmed = RawStatement {
        confirmed: true,
        ..raw
    };
    let statement = parse(&table, &confirmed).unwrap();
    // A number that failed its check gives no birth date.
    assert_eq!(statement.birth_date(), None);
    let strict = table.with_policy(ValidationPolicy {
        unconfirmed_check_digit: Strictness::Reject,
        ..ValidationPolicy::default()
    });
    assert_eq!(
        code_of(&errors(&strict, &confirmed), "id.number"),
        Some(ErrorCode::CheckDigitUnconfirmed)
    );
    // Wrong shape and wrong check: both findings must be overridable before it passes.
    let short = with(valid_raw(&strict, CountryCode::LV, 0), "id.number", "1234");
    let short = RawStatement {
        confirmed: true,
        ..short
    };
    assert_eq!(
        code_of(&errors(&strict, &short), "id.number"),
        Some(ErrorCode::CheckDigitUnconfirmed)
    );
}

#[test]
fn national_number_with_an_impossible_birth_date_is_refused() {
    let table = table();
    // PESEL 44 13 14 0135 + check digit: month 13; the check digit is right.
    let body = "4413140135";
    let number = format!(
        "{body}{}",
        CheckAlgorithm::PlPesel.check_digits(body).unwrap()
    );
    assert!(CheckAlgorithm::PlPesel.verify(&number));
    let raw = with(valid_raw(&table, CountryCode::PL, 0), "id.number", &number);
    let raw = RawStatement {
        confirmed: true,
        ..raw
    };
    let found = errors(&table, &raw);
    assert_eq!(
        code_of(&found, "id.number"),
        Some(ErrorCode::ImpossibleBirthDateInNumber)
    );
    assert!(!found.only_confirmable());
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
