//! The check-digit arithmetic of national numbers, and the birth dates those numbers embed.
//!
//! Each algorithm is written from its one-line definition in `member-states.toml` (and the
//! reference `member-states.md`, section 5). Every function takes the *normalised* number
//! (see [`crate::normalize::document_number`]), never panics and answers `false` or `None` for
//! anything that is not of the right shape.
//!
//! Choices made here:
//!
//! - [`CheckAlgorithm::verify`] checks the length, the character classes and the check
//!   digit(s); [`CheckAlgorithm::embedded_date_is_real`] checks that the birth date the
//!   layout carries exists (a check digit is easy to satisfy by chance: one number in ten
//!   or eleven, so an impossible month or day must be refused on its own), and
//!   [`CheckAlgorithm::birth_date`] gives the date for the age check.
//! - Belgian numbers write an unknown day (or day and month) of birth as `00`; those stay
//!   acceptable, with no age check from the number.
//! - Belgian numbers carry their century only in the check digits (a `2` is put in front for
//!   births from 2000 on); the 1900s reading is tried first.
//! - A 10-digit Swedish personnummer does not say its century. [`CheckAlgorithm::birth_date`]
//!   answers `None` for it; [`CheckAlgorithm::birth_date_on`] resolves it against a date, as
//!   the `-` separator does (younger than 100).
//! - [`CheckAlgorithm::identity_part`] gives the part of a number that stays the same for one
//!   person: the last 10 digits of a personnummer (the 12-digit form only adds the century)
//!   and the first 9 characters of a Cartão de Cidadão (the civil number; the last three
//!   change with each new card). De-duplication keys use it.

use jiff::civil::Date;

use crate::rules::CheckAlgorithm;

/// The Spanish DNI control letters, indexed by the number mod 23.
const DNI_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

impl CheckAlgorithm {
    /// Length of a normalised number (for the personnummer, the 10-digit form; 12 digits
    /// are also accepted).
    pub fn length(self) -> usize {
        match self {
            Self::BgEgn | Self::SePersonnummer => 10,
            Self::BeRrn
            | Self::EeIsikukood
            | Self::LtAsmensKodas
            | Self::LvPersonasKods
            | Self::PlPesel
            | Self::HrOib => 11,
            Self::RoCnp | Self::SiEmso => 13,
            Self::EsDni => 9,
            Self::PtCitizenCard => 12,
        }
    }

    /// Whether a normalised number has the right shape and check digit(s).
    pub fn verify(&self, normalized: &str) -> bool {
        match self {
            Self::BeRrn => be_century(normalized).is_some(),
            Self::SePersonnummer => {
                let last_ten = match normalized.len() {
                    10 => normalized,
                    12 => normalized.get(2..).unwrap_or_default(),
                    _ => return false,
                };
                // The century digits of the 12-digit form must be digits as well.
                if !normalized.bytes().all(|byte| byte.is_ascii_digit()) {
                    return false;
                }
                last_ten
                    .split_at_checked(9)
                    .is_some_and(|(body, check)| self.check_digits(body).as_deref() == Some(check))
            }
            _ => {
                if normalized.len() != self.length() {
                    return false;
                }
                let Some((body, check)) = normalized.split_at_checked(self.length() - 1) else {
                    return false;
                };
                self.check_digits(body)
                    .is_some_and(|expected| expected.eq_ignore_ascii_case(check))
            }
        }
    }

    /// The check character(s) that complete `body` (the number without them), or `None` if
    /// the body has the wrong shape. For Belgian numbers this is the pre-2000 form; for the
    /// personnummer the body is 9 or 11 digits.
    pub fn check_digits(&self, body: &str) -> Option<String> {
        let digit = |value: u32| char::from_digit(value, 10).map(String::from);
        match self {
            Self::BeRrn => {
                let number = number(body, 9)?;
                Some(format!("{:02}", 97 - number % 97))
            }
            Self::BgEgn => {
                let remainder = weighted(&digits(body, 9)?, &[2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11;
                digit(if remainder == 10 { 0 } else { remainder })
            }
            Self::EeIsikukood | Self::LtAsmensKodas => {
                let body = digits(body, 10)?;
                let first = weighted(&body, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
                let check = if first == 10 {
                    let second = weighted(&body, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
                    if second == 10 { 0 } else { second }
                } else {
                    first
                };
                digit(check)
            }
            Self::LvPersonasKods => {
                let sum = 1 + weighted(&digits(body, 10)?, &[10, 5, 8, 4, 2, 1, 6, 3, 7, 9]);
                digit(sum % 11 % 10)
            }
            Self::PlPesel => {
                let sum = weighted(&digits(body, 10)?, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
                digit((10 - sum % 10) % 10)
            }
            Self::RoCnp => {
                let weights = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
                let remainder = weighted(&digits(body, 12)?, &weights) % 11;
                digit(if remainder == 10 { 1 } else { remainder })
            }
            Self::SiEmso => {
                let weights = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
                let remainder = weighted(&digits(body, 12)?, &weights) % 11;
                // 11 - 0 = 11 is written 0; 11 - 1 = 10 is written 0 as python-stdnum does
                // (whether such numbers are issued is an open question in the reference).
                digit((11 - remainder) % 11 % 10)
            }
            Self::HrOib => {
                // ISO 7064 MOD 11,10.
                let mut product = 10;
                for value in digits(body, 10)? {
                    let mut sum = (product + value) % 10;
                    if sum == 0 {
                        sum = 10;
                    }
                    product = sum * 2 % 11;
                }
                digit((11 - product) % 10)
            }
            Self::SePersonnummer => {
                let all = match body.len() {
                    9 => digits(body, 9)?,
                    11 => digits(body, 11)?,
                    _ => return None,
                };
                let last_nine = all.get(all.len().saturating_sub(9)..)?;
                digit(luhn_check(last_nine.iter().copied()))
            }
            Self::EsDni => {
                let index = usize::try_from(number(body, 8)? % 23).ok()?;
                DNI_LETTERS
                    .get(index)
                    .map(|&letter| char::from(letter).to_string())
            }
            Self::PtCitizenCard => {
                if body.len() != 11 {
                    return None;
                }
                let (civil, version) = body.split_at_checked(9)?;
                digits(civil, 9)?;
                // Digits are 0-9 and ASCII letters 10-35 (`to_digit(36)` takes nothing else).
                let values = civil
                    .chars()
                    .chain(version.chars())
                    .map(|c| c.to_digit(36))
                    .collect::<Option<Vec<u32>>>()?;
                digit(luhn_check(values.into_iter()))
            }
        }
    }

    /// The birth date a normalised number embeds, if this algorithm encodes one and it is a
    /// real date: BE, BG, EE, LT, PL, RO (first digit 1–6), SI, SE (12 digits only) and
    /// Latvian codes of the old form. `None` for HR, ES, PT, Latvian codes starting `32`, and
    /// 10-digit personnummers (see [`CheckAlgorithm::birth_date_on`]).
    pub fn birth_date(&self, normalized: &str) -> Option<Date> {
        match self {
            Self::BeRrn => {
                let century = be_century(normalized)?;
                let d = digits(normalized, 11)?;
                ymd(century + pair(&d, 0)?, pair(&d, 2)?, pair(&d, 4)?)
            }
            Self::BgEgn => {
                let d = digits(normalized, 10)?;
                let (century, month) = match pair(&d, 2)? {
                    month @ 1..=12 => (1900, month),
                    month @ 21..=32 => (1800, month - 20),
                    month @ 41..=52 => (2000, month - 40),
                    _ => return None,
                };
                ymd(century + pair(&d, 0)?, month, pair(&d, 4)?)
            }
            Self::EeIsikukood | Self::LtAsmensKodas => {
                let d = digits(normalized, 11)?;
                // 1–2: 1800s, 3–4: 1900s, 5–6: 2000s, 7–8: 2100s (odd male, even female).
                let century = match d.first()? {
                    1 | 2 => 1800,
                    3 | 4 => 1900,
                    5 | 6 => 2000,
                    7 | 8 => 2100,
                    _ => return None,
                };
                ymd(century + pair(&d, 1)?, pair(&d, 3)?, pair(&d, 5)?)
            }
            Self::LvPersonasKods => {
                let d = digits(normalized, 11)?;
                // Codes issued since 2017 start with 32 and carry no birth date.
                if normalized.starts_with("32") {
                    return None;
                }
                let century = match d.get(6)? {
                    0 => 1800,
                    1 => 1900,
                    2 => 2000,
                    _ => return None,
                };
                ymd(century + pair(&d, 4)?, pair(&d, 2)?, pair(&d, 0)?)
            }
            Self::PlPesel => {
                let d = digits(normalized, 11)?;
                let (century, month) = match pair(&d, 2)? {
                    month @ 1..=12 => (1900, month),
                    month @ 21..=32 => (2000, month - 20),
                    month @ 41..=52 => (2100, month - 40),
                    month @ 61..=72 => (2200, month - 60),
                    month @ 81..=92 => (1800, month - 80),
                    _ => return None,
                };
                ymd(century + pair(&d, 0)?, month, pair(&d, 4)?)
            }
            Self::RoCnp => {
                let d = digits(normalized, 13)?;
                // 1–2: 1900s, 3–4: 1800s, 5–6: 2000s; 7–9 (residents, foreigners) do not
                // say the century.
                let century = match d.first()? {
                    1 | 2 => 1900,
                    3 | 4 => 1800,
                    5 | 6 => 2000,
                    _ => return None,
                };
                ymd(century + pair(&d, 1)?, pair(&d, 3)?, pair(&d, 5)?)
            }
            Self::SiEmso => {
                let d = digits(normalized, 13)?;
                // DDMMYYY: the last three digits of the year; below 800 means 2000s.
                let three = pair(&d, 4)? * 10 + i16::try_from(*d.get(6)?).ok()?;
                let year = if three < 800 {
                    2000 + three
                } else {
                    1000 + three
                };
                ymd(year, pair(&d, 2)?, pair(&d, 0)?)
            }
            Self::SePersonnummer => {
                if normalized.len() != 12 {
                    return None;
                }
                let d = digits(normalized, 12)?;
                let year = pair(&d, 0)? * 100 + pair(&d, 2)?;
                ymd(year, pair(&d, 4)?, se_day(pair(&d, 6)?))
            }
            Self::HrOib | Self::EsDni | Self::PtCitizenCard => None,
        }
    }

    /// Whether the birth date this number's layout carries is a real date. `true` where the
    /// layout carries none (HR, ES, PT, Latvian codes starting `32`) and for Belgian numbers
    /// that write an unknown day, or day and month, as `00`; for Romanian numbers of
    /// residents (first digit 7–9) and 10-digit personnummers, which do not say the century,
    /// the month and day must exist in some year. Assumes the shape was checked by
    /// [`CheckAlgorithm::verify`]; answers `false` for a number of the wrong shape.
    pub fn embedded_date_is_real(&self, normalized: &str) -> bool {
        let exists_in_some_year = |month: Option<i16>, day: Option<i16>| match (month, day) {
            // 2000 is a leap year: 29 February exists.
            (Some(month), Some(day)) => ymd(2000, month, day).is_some(),
            _ => false,
        };
        match self {
            Self::HrOib | Self::EsDni | Self::PtCitizenCard => true,
            Self::BeRrn => {
                let Some(d) = digits(normalized, 11) else {
                    return false;
                };
                match (pair(&d, 2), pair(&d, 4)) {
                    // Unknown day, or unknown day and month.
                    (Some(0..=12), Some(0)) => true,
                    _ => self.birth_date(normalized).is_some(),
                }
            }
            Self::LvPersonasKods if normalized.starts_with("32") => true,
            Self::RoCnp => match digits(normalized, 13) {
                Some(d) if matches!(d.first(), Some(7..=9)) => {
                    exists_in_some_year(pair(&d, 3), pair(&d, 5))
                }
                Some(_) => self.birth_date(normalized).is_some(),
                None => false,
            },
            Self::SePersonnummer if normalized.len() == 10 => match digits(normalized, 10) {
                Some(d) => exists_in_some_year(pair(&d, 2), pair(&d, 4).map(se_day)),
                None => false,
            },
            Self::BgEgn
            | Self::EeIsikukood
            | Self::LtAsmensKodas
            | Self::LvPersonasKods
            | Self::PlPesel
            | Self::SiEmso
            | Self::SePersonnummer => self.birth_date(normalized).is_some(),
        }
    }

    /// Like [`CheckAlgorithm::birth_date`], but also resolves a 10-digit personnummer
    /// against `today`: the most recent century that puts the birth on or before `today`
    /// (the reading of the `-` separator; a `+` adds 100 years of age, which the caller
    /// must apply, since normalising removes it).
    pub fn birth_date_on(&self, normalized: &str, today: Date) -> Option<Date> {
        if *self != Self::SePersonnummer || normalized.len() != 10 {
            return self.birth_date(normalized);
        }
        let d = digits(normalized, 10)?;
        let (yy, month, day) = (pair(&d, 0)?, pair(&d, 2)?, se_day(pair(&d, 4)?));
        let this_century = today.year() - today.year().rem_euclid(100);
        [this_century, this_century - 100]
            .into_iter()
            .filter_map(|century| ymd(century + yy, month, day))
            .find(|date| *date <= today)
    }

    /// The part of a normalised number that identifies the person across re-issued documents
    /// and alternative spellings (see the module documentation).
    pub fn identity_part<'a>(&self, normalized: &'a str) -> &'a str {
        match self {
            Self::SePersonnummer if normalized.len() == 12 => {
                normalized.get(2..).unwrap_or(normalized)
            }
            Self::PtCitizenCard if normalized.len() == 12 => {
                normalized.get(..9).unwrap_or(normalized)
            }
            _ => normalized,
        }
    }
}

/// The century of a Belgian number whose check digits are right: 1900 when they match the
/// nine digits, 2000 when they match the nine digits with a `2` in front, else `None`.
fn be_century(normalized: &str) -> Option<i16> {
    let d = digits(normalized, 11)?;
    let body = d
        .iter()
        .take(9)
        .fold(0u64, |acc, &v| acc * 10 + u64::from(v));
    let check = u64::try_from(pair(&d, 9)?).ok()?;
    if check == 97 - body % 97 {
        Some(1900)
    } else if check == 97 - (2_000_000_000 + body) % 97 {
        Some(2000)
    } else {
        None
    }
}

/// A Swedish coordination number adds 60 to the day of birth.
fn se_day(day: i16) -> i16 {
    if day > 60 { day - 60 } else { day }
}

/// Luhn mod 10 check digit over `values` (0–35), without the check digit: from the right,
/// every second value starting with the last is doubled, and 9 is taken off a doubled value
/// above 9.
fn luhn_check(values: impl DoubleEndedIterator<Item = u32>) -> u32 {
    let sum: u32 = values
        .rev()
        .enumerate()
        .map(|(position, value)| {
            if position % 2 == 0 {
                let doubled = value * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                value
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// The values of exactly `len` ASCII digits, or `None`.
fn digits(text: &str, len: usize) -> Option<Vec<u32>> {
    if text.len() != len {
        return None;
    }
    text.bytes()
        .map(|byte| byte.is_ascii_digit().then(|| u32::from(byte - b'0')))
        .collect()
}

/// Exactly `len` ASCII digits read as one number.
fn number(text: &str, len: usize) -> Option<u64> {
    Some(
        digits(text, len)?
            .into_iter()
            .fold(0u64, |acc, value| acc * 10 + u64::from(value)),
    )
}

fn weighted(values: &[u32], weights: &[u32]) -> u32 {
    values
        .iter()
        .zip(weights)
        .map(|(value, weight)| value * weight)
        .sum()
}

/// The two-digit number at `at`.
fn pair(values: &[u32], at: usize) -> Option<i16> {
    let tens = i16::try_from(*values.get(at)?).ok()?;
    let ones = i16::try_from(*values.get(at + 1)?).ok()?;
    Some(tens * 10 + ones)
}

fn ymd(year: i16, month: i16, day: i16) -> Option<Date> {
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests;
