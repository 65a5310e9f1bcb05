//! Tests of the per-field checks: lengths, characters, formats, check digits and dates.

use super::*;
use crate::rules::CountryTable;
use jiff::civil::date;
use proptest::prelude::*;

/// Replaces the last character of `number` with every other digit (letters for ES) and
/// asserts that each variant fails.
fn assert_other_last_characters_fail(algorithm: CheckAlgorithm, number: &str) {
    let (body, last) = number.split_at(number.len() - 1);
    let alphabet: Vec<char> = if algorithm == CheckAlgorithm::EsDni {
        ('A'..='Z').collect()
    } else {
        ('0'..='9').collect()
    };
    for other in alphabet
        .into_iter()
        .filter(|c| !c.to_string().eq_ignore_ascii_case(last))
    {
        let changed = format!("{body}{other}");
        assert!(!algorithm.verify(&changed), "{algorithm}: {changed} passed");
    }
}

#[test]
fn published_examples_pass_and_any_other_last_character_fails() {
    let table = CountryTable::embedded().unwrap();
    let mut seen = 0;
    for algorithm in CheckAlgorithm::ALL {
        let info = table.check(algorithm).unwrap();
        assert!(!info.examples.is_empty(), "{algorithm} has no example");
        for example in &info.examples {
            assert!(algorithm.verify(example), "{algorithm}: {example}");
            assert_other_last_characters_fail(algorithm, example);
            seen += 1;
        }
    }
    // The twelve algorithms, BE with two examples.
    assert_eq!(seen, 13);
}

#[test]
fn published_examples_give_their_birth_dates() {
    use CheckAlgorithm as C;
    let cases = [
        (C::BeRrn, "85073003328", Some(date(1985, 7, 30))),
        (C::BeRrn, "17073003384", Some(date(2017, 7, 30))),
        (C::BgEgn, "8032056031", Some(date(1880, 12, 5))),
        (C::EeIsikukood, "36805280109", Some(date(1968, 5, 28))),
        (C::LtAsmensKodas, "33309240064", Some(date(1933, 9, 24))),
        (C::LvPersonasKods, "16117519997", Some(date(1975, 11, 16))),
        (C::PlPesel, "44051401359", Some(date(1944, 5, 14))),
        (C::RoCnp, "1630615123457", Some(date(1963, 6, 15))),
        (C::SiEmso, "0101006500006", Some(date(2006, 1, 1))),
        (C::SePersonnummer, "8803200016", None),
        (C::HrOib, "33392005961", None),
        (C::EsDni, "54362315K", None),
        (C::PtCitizenCard, "000000000ZZ4", None),
    ];
    for (algorithm, number, expected) in cases {
        assert_eq!(
            algorithm.birth_date(number),
            expected,
            "{algorithm} {number}"
        );
    }
    assert_eq!(
        C::SePersonnummer.birth_date_on("8803200016", date(2026, 1, 1)),
        Some(date(1988, 3, 20))
    );
}

/// `body` completed with its right check digit(s).
fn with_check(algorithm: CheckAlgorithm, body: &str) -> String {
    format!("{body}{}", algorithm.check_digits(body).unwrap())
}

#[test]
fn national_numbers_with_an_impossible_birth_date_are_refused_even_with_a_valid_check_digit() {
    use CheckAlgorithm as C;
    // Each body has an impossible month or day where the layout puts the birth date.
    let impossible = [
        (C::BeRrn, "851330033"),            // month 13
        (C::BeRrn, "850230033"),            // 30 February
        (C::BgEgn, "801305603"),            // month 13 (not 1800s/2000s offsets either)
        (C::EeIsikukood, "3680532010"),     // 32 May
        (C::LtAsmensKodas, "3331324006"),   // month 13
        (C::LvPersonasKods, "3111751999"),  // day 31 of November
        (C::PlPesel, "4413140135"),         // month 13
        (C::PlPesel, "0222300456"),         // 30 February 2002
        (C::RoCnp, "163133512345"),         // month 13, day 35
        (C::RoCnp, "763023012345"),         // resident: 30 February in any year
        (C::SiEmso, "320100650000"),        // day 32
        (C::SePersonnummer, "880230001"),   // 30 February
        (C::SePersonnummer, "19881320001"), // month 13, 12-digit form
    ];
    for (algorithm, body) in impossible {
        let number = with_check(algorithm, body);
        assert!(
            algorithm.verify(&number),
            "{algorithm} {number}: check digit"
        );
        assert!(
            !algorithm.embedded_date_is_real(&number),
            "{algorithm} {number}: impossible date accepted"
        );
        assert_eq!(algorithm.birth_date(&number), None, "{algorithm} {number}");
    }
    // Every published example carries a real date (or none).
    let table = CountryTable::embedded().unwrap();
    for algorithm in CheckAlgorithm::ALL {
        for example in &table.check(algorithm).unwrap().examples {
            assert!(
                algorithm.embedded_date_is_real(example),
                "{algorithm} {example}"
            );
        }
    }
    // Layouts without a date, and Belgian unknown dates (00), stay acceptable.
    assert!(C::BeRrn.embedded_date_is_real(&with_check(C::BeRrn, "850000033")));
    assert!(C::BeRrn.embedded_date_is_real(&with_check(C::BeRrn, "850700033")));
    assert!(C::LvPersonasKods.embedded_date_is_real(&with_check(C::LvPersonasKods, "3299999999")));
    assert!(C::RoCnp.embedded_date_is_real(&with_check(C::RoCnp, "763022912345")));
    assert!(C::SePersonnummer.embedded_date_is_real(&with_check(C::SePersonnummer, "000229001")));
}

/// Vectors built by hand from each definition (see the sums in the comments), then
/// checked against the code.
#[test]
fn hand_built_vectors() {
    use CheckAlgorithm as C;
    let cases = [
        // PESEL, born 2002-03-04: month 03 + 20 = 23 (2000s), serial 5678.
        // Digits 0 2 2 3 0 4 5 6 7 8 times 1 3 7 9 1 3 7 9 1 3:
        // 0+6+14+27+0+12+35+54+7+24 = 179; (10 - 9) mod 10 = 1.
        (C::PlPesel, "02230456781", Some(date(2002, 3, 4))),
        // BE, born 1990-01-15, counter 123: 900115123 mod 97 = 34
        // (97 x 9279537 = 900115089); 97 - 34 = 63.
        (C::BeRrn, "90011512363", Some(date(1990, 1, 15))),
        // BE, born 2010-01-15, counter 123: 2100115123 mod 97 = 36
        // (97 x 21650671 = 2100115087); 97 - 36 = 61. The 1900 reading would need
        // 97 - (100115123 mod 97 = 65) = 32, so only the 2000s reading fits.
        (C::BeRrn, "10011512361", Some(date(2010, 1, 15))),
        // EGN, born 2005-12-31: month 12 + 40 = 52, region 123.
        // 0 5 5 2 3 1 1 2 3 times 2 4 8 5 10 9 7 3 6:
        // 0+20+40+10+30+9+7+6+18 = 140; 140 mod 11 = 8.
        (C::BgEgn, "0552311238", Some(date(2005, 12, 31))),
        // Isikukood, man born 1985-07-14 (3 = 1900s), serial 123.
        // 3 8 5 0 7 1 4 1 2 3 times 1..9,1: 3+16+15+0+35+6+28+8+18+3 = 132; mod 11 = 0.
        (C::EeIsikukood, "38507141230", Some(date(1985, 7, 14))),
        // Same person, serial 183: first pass 132 + 9 x 6 = 186, mod 11 = 10, so the
        // second pass: times 3 4 5 6 7 8 9 1 2 3:
        // 9+32+25+0+49+8+36+1+16+9 = 185; mod 11 = 9.
        (C::EeIsikukood, "38507141839", Some(date(1985, 7, 14))),
        // Asmens kodas, woman born 2001-02-03 (6 = 2000s), serial 456.
        // 6 0 1 0 2 0 3 4 5 6 times 1..9,1: 6+0+3+0+10+0+21+32+45+6 = 123; mod 11 = 2.
        (C::LtAsmensKodas, "60102034562", Some(date(2001, 2, 3))),
        // Personas kods, born 17.05.1990 (7th digit 1 = 1900s), serial 2345.
        // 1 7 0 5 9 0 1 2 3 4 times 10 5 8 4 2 1 6 3 7 9:
        // 10+35+0+20+18+0+6+6+21+36 = 152; (1 + 152) mod 11 = 10; mod 10 = 0.
        (C::LvPersonasKods, "17059012340", Some(date(1990, 5, 17))),
        // A new-form Latvian code (32...): 3 2 1 2 3 4 5 6 7 8 gives
        // 30+10+8+8+6+4+30+18+49+72 = 235; 236 mod 11 = 5. No birth date.
        (C::LvPersonasKods, "32123456785", None),
        // CNP, man born 2003-09-25 (5 = 2000s), county 40, serial 123.
        // 5 0 3 0 9 2 5 4 0 1 2 3 times 2 7 9 1 4 6 3 5 8 2 7 9:
        // 10+0+27+0+36+12+15+20+0+2+14+27 = 163; mod 11 = 9.
        (C::RoCnp, "5030925401239", Some(date(2003, 9, 25))),
        // EMŠO, born 21.06.1975 (975 >= 800: 1975), region 50, serial 012.
        // 2 1 0 6 9 7 5 5 0 0 1 2 times 7 6 5 4 3 2 7 6 5 4 3 2:
        // 14+6+0+24+27+14+35+30+0+0+3+4 = 157; mod 11 = 3; 11 - 3 = 8.
        (C::SiEmso, "2106975500128", Some(date(1975, 6, 21))),
        // OIB body 1234567890, ISO 7064 MOD 11,10 from 10: running values
        // 2, 8, 2, 1, 1, 3, 9, 3, 4, 8 (e.g. 7: (3+7) mod 10 = 0 -> 10, x2 = 20 mod 11 = 9);
        // (11 - 8) mod 10 = 3.
        (C::HrOib, "12345678903", None),
        // Personnummer 901231-123x: 9 0 1 2 3 1 1 2 3 times 2 1 2 1 ... (digit sums):
        // 9+0+2+2+6+1+2+2+6 = 30; (10 - 0) mod 10 = 0.
        (C::SePersonnummer, "9012311230", None),
        (C::SePersonnummer, "199012311230", Some(date(1990, 12, 31))),
        // Coordination number, day 31 + 60 = 91: body 9 0 1 2 9 1 1 2 3 gives
        // 9+0+2+2+9+1+2+2+6 = 33 (18 -> 9 twice); (10 - 3) mod 10 = 7.
        (C::SePersonnummer, "199012911237", Some(date(1990, 12, 31))),
        // DNI 12345678: 12345678 - 23 x 536768 = 14; letter 14 of TRWAGMYFPDXBNJZ... = Z.
        (C::EsDni, "12345678Z", None),
        // Cartão de Cidadão 123456789AB: from the right B=11 doubled 22-9=13, A=10,
        // 9 doubled 9, 8, 7 doubled 5, 6, 5 doubled 1, 4, 3 doubled 6, 2, 1 doubled 2:
        // sum 66; (10 - 6) mod 10 = 4.
        (C::PtCitizenCard, "123456789AB4", None),
    ];
    for (algorithm, number, birth) in cases {
        assert!(algorithm.verify(number), "{algorithm}: {number}");
        assert_other_last_characters_fail(algorithm, number);
        assert_eq!(algorithm.birth_date(number), birth, "{algorithm}: {number}");
    }
}

#[test]
fn birth_dates_that_do_not_exist_give_none() {
    use CheckAlgorithm as C;
    // PESEL month 13 is no month in any century.
    let body = "0213045678";
    let number = format!("{body}{}", C::PlPesel.check_digits(body).unwrap());
    assert!(C::PlPesel.verify(&number));
    assert_eq!(C::PlPesel.birth_date(&number), None);
    // 30 February.
    let body = "500230401234";
    let number = format!("{body}{}", C::RoCnp.check_digits(body).unwrap());
    assert_eq!(C::RoCnp.birth_date(&number), None);
    // RO 7: a resident foreigner, century unknown.
    let body = "700101401234";
    let number = format!("{body}{}", C::RoCnp.check_digits(body).unwrap());
    assert_eq!(C::RoCnp.birth_date(&number), None);
    // BE with unknown month.
    let body = "900015123";
    let number = format!("{body}{}", C::BeRrn.check_digits(body).unwrap());
    assert!(C::BeRrn.verify(&number));
    assert_eq!(C::BeRrn.birth_date(&number), None);
}

#[test]
fn ten_digit_personnummer_takes_the_latest_century_not_in_the_future() {
    use CheckAlgorithm as C;
    let today = date(2026, 6, 1);
    let body = "100101123";
    let young = format!("{body}{}", C::SePersonnummer.check_digits(body).unwrap());
    assert_eq!(
        C::SePersonnummer.birth_date_on(&young, today),
        Some(date(2010, 1, 1))
    );
    let body = "300101123";
    let old = format!("{body}{}", C::SePersonnummer.check_digits(body).unwrap());
    assert_eq!(
        C::SePersonnummer.birth_date_on(&old, today),
        Some(date(1930, 1, 1))
    );
    // Other algorithms ignore `today`.
    assert_eq!(
        C::PlPesel.birth_date_on("44051401359", today),
        Some(date(1944, 5, 14))
    );
}

#[test]
fn identity_part_drops_the_century_and_the_card_version() {
    use CheckAlgorithm as C;
    assert_eq!(
        C::SePersonnummer.identity_part("199012311230"),
        "9012311230"
    );
    assert_eq!(C::SePersonnummer.identity_part("9012311230"), "9012311230");
    assert_eq!(C::PtCitizenCard.identity_part("123456789AB4"), "123456789");
    assert_eq!(C::PlPesel.identity_part("44051401359"), "44051401359");
}

fn body_strategy(algorithm: CheckAlgorithm) -> BoxedStrategy<String> {
    match algorithm {
        CheckAlgorithm::SePersonnummer => prop_oneof!["[0-9]{9}", "[0-9]{11}"].boxed(),
        CheckAlgorithm::PtCitizenCard => "[0-9]{9}[0-9A-Z]{2}".boxed(),
        other => {
            let pattern = format!("[0-9]{{{}}}", other.length() - other_check_len(other));
            proptest::string::string_regex(&pattern).unwrap().boxed()
        }
    }
}

fn other_check_len(algorithm: CheckAlgorithm) -> usize {
    if algorithm == CheckAlgorithm::BeRrn {
        2
    } else {
        1
    }
}

proptest! {
    #[test]
    fn computed_check_digits_verify_and_others_do_not(
        (algorithm, body) in proptest::sample::select(CheckAlgorithm::ALL.to_vec())
            .prop_flat_map(|algorithm| (Just(algorithm), body_strategy(algorithm)))
    ) {
        let check = algorithm.check_digits(&body).unwrap();
        let number = format!("{body}{check}");
        prop_assert!(algorithm.verify(&number), "{} {}", algorithm, number);
        prop_assert!(algorithm.verify(&number.to_lowercase()));
        let (head, last) = number.split_at(number.len() - 1);
        let alphabet: Vec<char> = if algorithm == CheckAlgorithm::EsDni {
            ('A'..='Z').collect()
        } else {
            ('0'..='9').collect()
        };
        for other in alphabet.into_iter().filter(|c| c.to_string() != last) {
            let changed = format!("{head}{other}");
            prop_assert!(!algorithm.verify(&changed), "{} {}", algorithm, changed);
        }
    }

    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>(), digits in "[0-9A-Z+-]{0,16}") {
        for algorithm in CheckAlgorithm::ALL {
            for input in [text.as_str(), digits.as_str()] {
                let _ = algorithm.verify(input);
                let _ = algorithm.birth_date(input);
                let _ = algorithm.birth_date_on(input, date(2026, 1, 1));
                let _ = algorithm.check_digits(input);
                let _ = algorithm.identity_part(input);
                let _ = algorithm.embedded_date_is_real(input);
            }
        }
    }

    /// PESEL with any month outside the five century ranges: the check digit is right,
    /// the number is still refused.
    #[test]
    fn pesel_with_an_impossible_month_is_refused(
        year in 0u32..100,
        month in proptest::sample::select(vec![0u32, 13, 20, 33, 40, 53, 60, 73, 80, 93, 99]),
        day in 1u32..29,
        serial in 0u32..10_000,
    ) {
        let body = format!("{year:02}{month:02}{day:02}{serial:04}");
        let number = with_check(CheckAlgorithm::PlPesel, &body);
        prop_assert!(CheckAlgorithm::PlPesel.verify(&number));
        prop_assert!(!CheckAlgorithm::PlPesel.embedded_date_is_real(&number));
    }
}
