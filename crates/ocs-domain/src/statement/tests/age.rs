//! The age check on the signing date for every state (R1).

use super::*;

/// R1: for each state, one day short of the minimum age on the signing date is refused and
/// exactly the minimum is accepted.
#[test]
fn minimum_age_on_the_signing_date_for_every_state() {
    let table = table();
    // After the BE (2023-05-01) and DE (2023-01-01) changes, and before both.
    for today in [date(2026, 3, 15), date(2022, 6, 1)] {
        for rules in table.iter() {
            let min = i16::from(rules.min_age_on(today));
            let exactly = date(today.year() - min, today.month(), today.day());
            let one_day_short = exactly.tomorrow().unwrap();
            assert_eq!(
                check_age(rules, exactly, today),
                Ok(()),
                "{} {today}",
                rules.code
            );
            assert_eq!(
                check_age(rules, one_day_short, today),
                Err(ErrorCode::UnderAge),
                "{} {today}",
                rules.code
            );
        }
    }
    let be = table.get(CountryCode::BE);
    assert_eq!(be.min_age_on(date(2022, 6, 1)), 18);
    assert_eq!(
        check_age(be, date(2006, 6, 1), date(2022, 6, 1)),
        Err(ErrorCode::UnderAge)
    );
    assert_eq!(check_age(be, date(2006, 6, 1), date(2023, 5, 1)), Ok(()));
}

#[test]
fn age_edge_cases() {
    let table = table();
    let fr = table.get(CountryCode::FR);
    // Born 2010-05-10: 16 on 2026-05-10.
    let at = table.get(CountryCode::AT);
    assert_eq!(
        check_age(at, date(2010, 5, 10), date(2026, 5, 9)),
        Err(ErrorCode::UnderAge)
    );
    assert_eq!(check_age(at, date(2010, 5, 10), date(2026, 5, 10)), Ok(()));
    // 29 February: a year older on 1 March in non-leap years.
    assert_eq!(age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);
    assert_eq!(age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
    assert_eq!(age_on(date(2008, 2, 29), date(2028, 2, 29)), 20);
    assert_eq!(
        check_age(fr, date(2008, 2, 29), date(2026, 2, 28)),
        Err(ErrorCode::UnderAge)
    );
    assert_eq!(check_age(fr, date(2008, 2, 29), date(2026, 3, 1)), Ok(()));
    // Implausible dates.
    assert_eq!(
        check_age(fr, date(2026, 3, 2), date(2026, 3, 1)),
        Err(ErrorCode::ImplausibleDate)
    );
    assert_eq!(
        check_age(fr, date(1899, 12, 31), date(2026, 3, 1)),
        Err(ErrorCode::ImplausibleDate)
    );
    assert_eq!(check_age(fr, date(1900, 1, 1), date(2026, 3, 1)), Ok(()));
    // Overrides are configuration.
    let table = table
        .with_min_age_override(CountryCode::LU, 16)
        .with_age_rule(
            CountryCode::EL,
            AgeRule {
                min_age: 17,
                change: Some(AgeChange {
                    since: date(2030, 1, 1),
                    age_before: 18,
                }),
            },
        );
    assert_eq!(table.get(CountryCode::LU).min_age_on(date(2026, 1, 1)), 16);
    assert_eq!(table.get(CountryCode::EL).min_age_on(date(2026, 1, 1)), 18);
}
