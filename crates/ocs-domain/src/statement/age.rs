//! The age check on the signing date.

use jiff::civil::Date;

use crate::codes::ErrorCode;
use crate::rules::CountryRules;

/// The earliest plausible date of birth.
const EARLIEST_BIRTH: Date = jiff::civil::date(1900, 1, 1);

/// The age in whole years on `today` of a person born on `birth`. A person born on 29
/// February becomes a year older on 1 March in years without 29 February.
pub fn age_on(birth: Date, today: Date) -> i16 {
    let years = today.year() - birth.year();
    let birthday =
        if birth.month() == 2 && birth.day() == 29 && Date::new(today.year(), 2, 29).is_err() {
            (3, 1)
        } else {
            (birth.month(), birth.day())
        };
    if (today.month(), today.day()) < birthday {
        years - 1
    } else {
        years
    }
}

/// Checks that a signer born on `birth` may sign on `today`: the date must be plausible (not
/// after `today`, not before 1900) and the signer at least the state's minimum age on that
/// day.
pub fn check_age(rules: &CountryRules, birth: Date, today: Date) -> Result<(), ErrorCode> {
    if birth > today || birth < EARLIEST_BIRTH {
        return Err(ErrorCode::ImplausibleDate);
    }
    if age_on(birth, today) < i16::from(rules.min_age_on(today)) {
        return Err(ErrorCode::UnderAge);
    }
    Ok(())
}
