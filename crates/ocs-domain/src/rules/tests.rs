//! Tests of loading the member-state table and of the rules it yields.

use super::*;
use jiff::civil::date;

fn table() -> CountryTable {
    CountryTable::embedded().unwrap()
}

#[test]
fn embedded_copy_is_identical_to_the_shared_reference() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/member-states.toml");
    // The crate must build anywhere; the shared reference only exists in the project tree.
    let Ok(reference) = std::fs::read(&path) else {
        return;
    };
    assert!(
        reference == EMBEDDED_TOML.as_bytes(),
        "crates/ocs-domain/data/member-states.toml differs from {}; copy it again",
        path.display()
    );
}

#[test]
fn embedded_table_loads_all_27_states_in_code_order() {
    let table = table();
    for (index, code) in CountryCode::ALL.into_iter().enumerate() {
        assert_eq!(code as usize, index);
        assert_eq!(table.get(code).code, code);
    }
    assert_eq!(table.iter().count(), 27);
    let part_a = table
        .iter()
        .filter(|rules| rules.annex_part == AnnexPart::A)
        .count();
    assert_eq!(part_a, 9);
}

#[test]
fn thresholds_match_the_seat_tables() {
    let table = table();
    let seats_2024: u32 = table.iter().map(|rules| rules.meps_2024).sum();
    let seats_2019: u32 = table.iter().map(|rules| rules.meps_2019).sum();
    assert_eq!((seats_2024, seats_2019), (720, 705));
    for rules in table.iter() {
        assert_eq!(rules.min_signatories_2024, u64::from(rules.meps_2024) * 720);
        assert_eq!(rules.min_signatories_2019, u64::from(rules.meps_2019) * 705);
    }
    let after = table.minimums_for(date(2024, 7, 16));
    let before = table.minimums_for(date(2024, 7, 15));
    assert_eq!(after.values().sum::<u64>(), 518_400);
    assert_eq!(before.values().sum::<u64>(), 497_025);
    assert_eq!(after.get(&CountryCode::DE), Some(&69_120));
    assert_eq!(before.get(&CountryCode::DE), Some(&67_680));
    assert_eq!(after.len(), 27);
    assert_eq!(table.seats_for(date(2025, 1, 1)), 720);
    assert_eq!(table.total_signatories(), 1_000_000);
    assert_eq!(table.min_states_at_minimum(), 7);
    assert_eq!(table.max_collection_months(), 12);
}

#[test]
fn ages_follow_their_change_dates() {
    let table = table();
    let de = table.get(CountryCode::DE);
    assert_eq!(de.min_age_on(date(2022, 12, 31)), 18);
    assert_eq!(de.min_age_on(date(2023, 1, 1)), 16);
    let be = table.get(CountryCode::BE);
    assert_eq!(be.min_age_on(date(2023, 4, 30)), 18);
    assert_eq!(be.min_age_on(date(2023, 5, 1)), 16);
    assert_eq!(table.get(CountryCode::EL).min_age_on(date(2026, 1, 1)), 17);
    assert_eq!(table.get(CountryCode::FR).min_age_on(date(2026, 1, 1)), 18);
    let table = table.with_min_age_override(CountryCode::BE, 18);
    assert_eq!(table.get(CountryCode::BE).min_age_on(date(2026, 1, 1)), 18);
}

#[test]
fn keys_round_trip() {
    for key in FieldKey::ALL {
        assert_eq!(FieldKey::parse(key.as_str()), Some(key));
    }
    for kind in DocumentKind::ALL {
        assert_eq!(DocumentKind::parse(kind.key()), Some(kind));
    }
    for check in CheckAlgorithm::ALL {
        assert_eq!(CheckAlgorithm::parse(check.id()), Some(check));
    }
    assert_eq!(FieldKey::parse("Full.First.Names"), None);
    assert_eq!(DocumentKind::parse("driving.licence"), None);
}

#[test]
fn every_algorithm_is_listed_and_confidence_agrees_with_the_default() {
    let table = table();
    for algorithm in CheckAlgorithm::ALL {
        let info = table.check(algorithm).unwrap();
        assert_eq!(info.confirmed, algorithm.confirmed(), "{algorithm}");
        assert_eq!(table.is_confirmed(algorithm), algorithm.confirmed());
    }
    assert!(!CheckAlgorithm::LvPersonasKods.confirmed());
}

#[test]
fn patterns_are_anchored_and_case_insensitive() {
    let table = table();
    let at = table.get(CountryCode::AT);
    let passport = at.document(DocumentKind::Passport).unwrap();
    assert_eq!(passport.pattern_text(), Some("[a-z][0-9]{7,8}"));
    assert!(passport.matches_format("P1234567"));
    assert!(passport.matches_format("p1234567"));
    assert!(!passport.matches_format("XP1234567"));
    assert!(!passport.matches_format("P12345678X"));
    // An alternation must not escape the anchors.
    let cy = table.get(CountryCode::CY);
    let cy_passport = cy.document(DocumentKind::Passport).unwrap();
    assert!(cy_passport.matches_format("K12345678"));
    assert!(!cy_passport.matches_format("B123456XYZ"));
    assert!(!cy_passport.matches_format("XYZK12345678"));
    let hr = table.get(CountryCode::HR);
    assert!(
        hr.document(DocumentKind::Passport)
            .unwrap()
            .matches_format("anything")
    );
    let nl = table.get(CountryCode::NL);
    assert!(nl.postal_code_matches("1234AB"));
    assert!(!nl.postal_code_matches("0234AB"));
}

#[test]
fn form_fields_follow_the_annex_part() {
    let table = table();
    let keys = |code| -> Vec<&'static str> {
        table
            .get(code)
            .form_fields()
            .iter()
            .map(|field| field.key.as_str())
            .collect()
    };
    assert_eq!(
        keys(CountryCode::DE),
        [
            "full.first.names",
            "family.names",
            "street",
            "street.number",
            "postal.code",
            "city",
            "country",
            "date.of.birth"
        ]
    );
    assert!(!keys(CountryCode::EL).contains(&"date.of.birth"));
    assert_eq!(
        keys(CountryCode::RO),
        ["full.first.names", "family.names", "id.type", "id.number"]
    );
    let ie = table.get(CountryCode::IE).form_fields();
    let postal = ie.iter().find(|f| f.key == FieldKey::PostalCode).unwrap();
    assert!(!postal.required);
    assert_eq!(postal.pattern, None);
    let de = table.get(CountryCode::DE).form_fields();
    let postal = de.iter().find(|f| f.key == FieldKey::PostalCode).unwrap();
    assert!(postal.required);
    assert_eq!(postal.pattern.as_deref(), Some("[0-9]{5}"));
    let pt = table.get(CountryCode::PT).form_fields();
    let id_type = pt.iter().find(|f| f.key == FieldKey::IdType).unwrap();
    assert_eq!(id_type.kind, FieldKind::DocumentType);
    let choices: Vec<_> = id_type.choices.iter().map(|c| c.key).collect();
    assert_eq!(choices, ["citizens.card", "id.card", "passport"]);
    assert_eq!(id_type.choices[0].check, Some("pt-cc-mod10"));
}

fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture {from:?} not found");
    text.replacen(from, to, 1)
}

#[test]
fn broken_files_are_refused_with_a_clear_message() {
    let cases = [
        (
            replace(EMBEDDED_TOML, "schema_version = 1", "schema_version = 2"),
            "schema_version 2",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "code = \"SK\"\niso3166 = \"SK\"",
                "code = \"AT\"\niso3166 = \"AT\"",
            ),
            "AT appears more than once",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "code = \"SK\"\niso3166 = \"SK\"",
                "code = \"XX\"\niso3166 = \"XX\"",
            ),
            "\"XX\": code",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "\"city\", \"country\", \"date.of.birth\"]\npostal_code_pattern = '[089]",
                "\"city\", \"cuntry\", \"date.of.birth\"]\npostal_code_pattern = '[089]",
            ),
            "\"SK\": fields: unknown field \"cuntry\"",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "pattern = '[0-9]{7,8}' }",
                "pattern = '[0-9]{7,8' }",
            ),
            "\"AT\": id_documents \"id.card\": pattern",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "check = \"pl-pesel\"",
                "check = \"pl-pesell\"",
            ),
            "\"PL\": id_documents \"national.id.number\": check \"pl-pesell\"",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "examples = [\"44051401359\"]",
                "examples = [\"44051401358\"]",
            ),
            "example \"44051401358\" fails",
        ),
        (
            replace(EMBEDDED_TOML, "min_age_before = 18", "min_age_before = 81"),
            "min_age_before",
        ),
        (
            replace(
                EMBEDDED_TOML,
                "postal_code_pattern = '[0-9]{4}'\nid_documents = []\nverify = []",
                "postal_code_pattern = '[0-9]{4}'\nid_documents = []\nverify = []\nextra = 1",
            ),
            "unknown field `extra`",
        ),
    ];
    for (text, expected) in cases {
        let error = CountryTable::from_toml(&text).unwrap_err().to_string();
        assert!(error.contains(expected), "{error:?} lacks {expected:?}");
    }
    // A missing state.
    let start = EMBEDDED_TOML.rfind("[[state]]").unwrap();
    let error = CountryTable::from_toml(&EMBEDDED_TOML[..start]).unwrap_err();
    assert_eq!(error, RulesError::MissingState(CountryCode::SK));
}
