//! Each value's shape: lengths, forbidden characters, dates and the country of residence.

use super::*;

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
