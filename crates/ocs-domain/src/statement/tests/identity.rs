//! De-duplication keys, payload and debug output of parsed statements (R5).

use super::*;

#[test]
fn part_b_identity_ignores_names_and_separators() {
    let table = table();
    let key = |code, number: &str, first: &str, family: &str| {
        let raw = with(valid_raw(&table, code, 0), "id.number", number);
        let raw = with(raw, "full.first.names", first);
        let raw = with(raw, "family.names", family);
        parse(&table, &raw).unwrap().identity_key().to_string()
    };
    let plain = key(CountryCode::BE, "85073003328", "Anna", "Müller");
    assert_eq!(plain, "B|BE|national.id.number|85073003328");
    assert_eq!(
        plain,
        key(CountryCode::BE, "85.07.30-033.28", "ANNA", "MULLER")
    );
    assert_eq!(
        plain,
        key(CountryCode::BE, " 85 07 30 033 28 ", "Ann", "Smith")
    );
    assert_ne!(plain, key(CountryCode::BE, "17073003384", "Anna", "Müller"));
    // The 12-digit personnummer only adds the century.
    assert_eq!(
        key(CountryCode::SE, "19880320-0016", "A", "B"),
        key(CountryCode::SE, "880320-0016", "A", "B")
    );
    // Passport-like numbers lose separators and case (a hyphen breaks the legacy pattern,
    // so the signer confirms it).
    let confirmed_key = |number: &str| {
        let raw = with(valid_raw(&table, CountryCode::AT, 0), "id.number", number);
        let raw = RawStatement {
            confirmed: true,
            ..raw
        };
        parse(&table, &raw).unwrap().identity_key().to_string()
    };
    assert_eq!(confirmed_key("p-1234567"), confirmed_key("P 1234567"));
    assert_eq!(confirmed_key("P 1234567"), "B|AT|passport|P1234567");
    // A Greek passport... does not exist; Greece is Part A. The nationality is the EU code.
    let mut raw = valid_raw(&table, CountryCode::EL, 0);
    raw.nationality = "gr".into();
    assert!(
        parse(&table, &raw)
            .unwrap()
            .identity_key()
            .starts_with("A|EL|")
    );
}

#[test]
fn part_a_identity_ignores_case_accents_and_spacing() {
    let table = table();
    let key = |first: &str, family: &str, birth: &str, street: &str| {
        let raw = valid_raw(&table, CountryCode::DE, 0);
        let raw = with(raw, "full.first.names", first);
        let raw = with(raw, "family.names", family);
        let raw = with(raw, "date.of.birth", birth);
        let raw = with(raw, "street", street);
        parse(&table, &raw).unwrap().identity_key().to_string()
    };
    let first = key("Jürgen", "Müller", "1980-04-01", "Hauptstraße");
    assert_eq!(first, "A|DE|jurgen|muller|1980-04-01");
    assert_eq!(
        first,
        key("JURGEN", " muller ", "1980-04-01", "Other street")
    );
    assert_eq!(first, key("jürgen", "MÜLLER", "1980-04-01", "Hauptstraße"));
    assert_ne!(first, key("Jürgen", "Müller", "1980-04-02", "Hauptstraße"));
    assert_ne!(
        first,
        key("Jürgen", "Müller-Lüdenscheidt", "1980-04-01", "Hauptstraße")
    );
}

#[test]
fn greek_identity_uses_the_address_in_place_of_a_birth_date() {
    let table = table();
    let key = |family: &str, street: &str, number: &str, postal: &str| {
        let raw = valid_raw(&table, CountryCode::EL, 0);
        let raw = with(raw, "family.names", family);
        let raw = with(raw, "street", street);
        let raw = with(raw, "street.number", number);
        let raw = with(raw, "postal.code", postal);
        parse(&table, &raw).unwrap().identity_key().to_string()
    };
    let first = key("Παπαδόπουλος", "Οδός Ερμού", "12-A", "105 63");
    assert_eq!(first, key("ΠΑΠΑΔΟΠΟΥΛΟΣ", "οδος ερμου", "12a", "10563"));
    assert!(
        first.starts_with("A|EL|anna maria|παπαδοπουλοσ|10563|οδοσ ερμου|12a"),
        "{first}"
    );
    assert_ne!(first, key("Παπαδόπουλος", "Οδός Αθηνάς", "12-A", "105 63"));
    assert_ne!(first, key("Παπαδόπουλος", "Οδός Ερμού", "14", "105 63"));
}

#[test]
fn debug_output_shows_only_the_nationality() {
    let table = table();
    let raw = valid_raw(&table, CountryCode::PL, 0);
    let statement = parse(&table, &raw).unwrap();
    let shown = format!("{statement:?}");
    assert_eq!(shown, "NewStatement { nationality: PL, .. }");
    let shown_raw = format!("{raw:?}");
    assert!(!shown_raw.contains("Anna") && !shown_raw.contains("44051401359"));
}

#[test]
fn payload_is_in_annex_order_with_one_document_pair() {
    let table = table();
    let raw = with(
        valid_raw(&table, CountryCode::BE, 0),
        "id.number",
        "85.07.30-033.28",
    );
    let statement = parse(&table, &raw).unwrap();
    assert_eq!(
        statement.payload(),
        [
            ("full.first.names", "Anna Maria".to_owned()),
            ("family.names", "Müller-Łęcka".to_owned()),
            ("national.id.number", "85073003328".to_owned()),
        ]
    );
    let raw = with(valid_raw(&table, CountryCode::EL, 0), "country", "el");
    let payload = parse(&table, &raw).unwrap().payload();
    let keys: Vec<&str> = payload.iter().map(|(key, _)| *key).collect();
    assert_eq!(
        keys,
        [
            "full.first.names",
            "family.names",
            "street",
            "street.number",
            "postal.code",
            "city",
            "country"
        ]
    );
    assert_eq!(payload[6].1, "GR");
}
