//! Postal codes and ID documents: accepted types, formats, check digits and the table's
//! policy for confirmable findings.

use super::*;

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
