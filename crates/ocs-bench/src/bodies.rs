//! Request bodies of the load generator: the baseline's 15-field form and the real server's
//! JSON statements. Request number `n` always gives the same body, and different numbers
//! give different identities, so no statement of a run is a repeated signature.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Context as _;
use jiff::Span;
use jiff::civil::Date;
use serde::Serialize;

/// Number of fields in the baseline form.
pub const FORM_FIELDS: usize = 15;

/// Target size of a baseline form body, in bytes.
pub const FORM_TARGET_LEN: usize = 1000;

/// Distinct six-letter suffixes (26^6); names repeat only after this many requests.
const LETTER_SPACE: u64 = 26 * 26 * 26 * 26 * 26 * 26;

/// Distinct eight-digit document numbers.
const ID_SPACE: u64 = 100_000_000;

/// Days from 1950-01-01 to 2000-12-31 inclusive.
const BIRTH_DAYS: u64 = 18_628;

/// A signer made up from a request number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    /// An Austrian (Annex III Part B): names and an identity-card number.
    Austria {
        /// Eight digits, unique per request number.
        id_number: String,
    },
    /// A German (Annex III Part A): names, address and date of birth.
    Germany {
        /// `Bench` and a unique six-letter name.
        first_names: String,
        /// `Signer` and a unique six-letter suffix.
        family_names: String,
        /// 1 to 200.
        street_number: String,
        /// Five digits.
        postal_code: String,
        /// Between 1950-01-01 and 2000-12-31.
        date_of_birth: Date,
    },
}

impl Identity {
    /// The identity of request `n`: even numbers are Austrians, odd ones Germans. Unique
    /// for the first 100 million requests (far beyond any run).
    pub fn for_request(n: u64) -> anyhow::Result<Self> {
        if n.is_multiple_of(2) {
            return Ok(Self::Austria {
                id_number: format!("{:08}", n % ID_SPACE),
            });
        }
        // A stride prime to the span spreads the dates; the names carry the uniqueness.
        let day = i64::try_from(n.wrapping_mul(7919) % BIRTH_DAYS).context("day offset")?;
        let date_of_birth = Date::new(1950, 1, 1)
            .context("base date")?
            .checked_add(Span::new().days(day))
            .context("date of birth")?;
        Ok(Self::Germany {
            first_names: format!("Bench {}", capitalised(&letters(n / 2))),
            family_names: format!("Signer{}", letters(n / 2)),
            street_number: (n % 200 + 1).to_string(),
            postal_code: format!("{:05}", 10_000 + n % 90_000),
            date_of_birth,
        })
    }
}

/// Six lowercase letters spelling `n` in base 26 (least significant first).
fn letters(n: u64) -> String {
    let mut value = n % LETTER_SPACE;
    let mut out = String::with_capacity(6);
    for _ in 0..6 {
        let digit = u8::try_from(value % 26).unwrap_or(0);
        out.push(char::from(b'a' + digit));
        value /= 26;
    }
    out
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// The JSON body of `POST /api/v1/initiatives/{slug}/statements`.
#[derive(Debug, Serialize)]
struct StatementRequest<'a> {
    nationality: &'static str,
    fields: BTreeMap<&'static str, String>,
    consent: bool,
    confirmed: bool,
    altcha: &'a str,
}

/// The statement of request `n` with the solved proof of work `altcha`.
pub fn statement_body(n: u64, altcha: &str) -> anyhow::Result<Vec<u8>> {
    let (nationality, fields) = statement_fields(n)?;
    let request = StatementRequest {
        nationality,
        fields,
        consent: true,
        confirmed: false,
        altcha,
    };
    serde_json::to_vec(&request).context("encoding a statement")
}

/// The nationality and form fields of request `n`'s signer (the JSON statement's `fields`
/// and the HTML form's inputs have the same names).
pub fn statement_fields(n: u64) -> anyhow::Result<(&'static str, BTreeMap<&'static str, String>)> {
    Ok(match Identity::for_request(n)? {
        Identity::Austria { id_number } => (
            "AT",
            BTreeMap::from([
                ("full.first.names", "Bench".to_owned()),
                ("family.names", "Signer".to_owned()),
                ("id.type", "id.card".to_owned()),
                ("id.number", id_number),
            ]),
        ),
        Identity::Germany {
            first_names,
            family_names,
            street_number,
            postal_code,
            date_of_birth,
        } => (
            "DE",
            BTreeMap::from([
                ("full.first.names", first_names),
                ("family.names", family_names),
                ("street", "Heidestraße".to_owned()),
                ("street.number", street_number),
                ("postal.code", postal_code),
                ("city", "Köln".to_owned()),
                ("country", "DE".to_owned()),
                ("date.of.birth", date_of_birth.to_string()),
            ]),
        ),
    })
}

/// `pairs` as an `application/x-www-form-urlencoded` body.
pub fn form_encode<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        push_encoded(&mut out, name);
        out.push('=');
        push_encoded(&mut out, value);
    }
    out
}

/// Appends `value` in `application/x-www-form-urlencoded` form.
fn push_encoded(out: &mut String, value: &str) {
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            other => {
                let _ = write!(out, "%{other:02X}");
            }
        }
    }
}

/// The baseline's form body for request `n`: the fields of a German statement plus the
/// widget fields, about [`FORM_TARGET_LEN`] bytes, with a unique `id.number`.
pub fn form_body(n: u64) -> String {
    let name = letters(n);
    let day = n % 28 + 1;
    let fields: [(&str, String); FORM_FIELDS - 1] = [
        ("nationality", "DE".to_owned()),
        ("full.first.names", format!("Bench {}", capitalised(&name))),
        ("family.names", format!("Signer{name}")),
        ("street", "Heidestraße".to_owned()),
        ("street.number", (n % 200 + 1).to_string()),
        ("postal.code", format!("{:05}", 10_000 + n % 90_000)),
        ("city", "Köln".to_owned()),
        ("country", "DE".to_owned()),
        ("date.of.birth", format!("1964-08-{day:02}")),
        ("id.type", "id.card".to_owned()),
        ("id.number", format!("{:08}", n % ID_SPACE)),
        ("consent", "on".to_owned()),
        ("confirmed", "false".to_owned()),
        ("altcha", widget_text(n, 320)),
    ];
    let mut out = String::with_capacity(FORM_TARGET_LEN + 64);
    for (name, value) in &fields {
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        push_encoded(&mut out, value);
    }
    // The last field (`form_token`) pads the body to the target size.
    let prefix = "&form_token=";
    let room = FORM_TARGET_LEN
        .saturating_sub(out.len() + prefix.len())
        .max(32);
    out.push_str(prefix);
    out.push_str(&widget_text(n, room));
    out
}

/// `len` characters of base64-looking text that start with `n` in hex.
fn widget_text(n: u64, len: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = format!("{n:016x}");
    let mut state = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while out.len() < len {
        // xorshift: cheap, deterministic filler.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let index = usize::try_from(state % 62).unwrap_or(0);
        out.push(ALPHABET.get(index).map_or('A', |b| char::from(*b)));
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn decode(body: &str) -> Vec<(String, String)> {
        body.split('&')
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap();
                let mut bytes = Vec::new();
                let mut raw = value.bytes();
                while let Some(byte) = raw.next() {
                    match byte {
                        b'+' => bytes.push(b' '),
                        b'%' => {
                            let hex: String = [raw.next().unwrap(), raw.next().unwrap()]
                                .iter()
                                .map(|b| char::from(*b))
                                .collect();
                            bytes.push(u8::from_str_radix(&hex, 16).unwrap());
                        }
                        other => bytes.push(other),
                    }
                }
                (name.to_owned(), String::from_utf8(bytes).unwrap())
            })
            .collect()
    }

    #[test]
    fn form_has_fifteen_fields_and_about_a_kilobyte() {
        for n in [0, 1, 7, 12_345, 99_999_999, u64::MAX] {
            let body = form_body(n);
            assert!(
                (950..=1100).contains(&body.len()),
                "{} bytes for {n}",
                body.len()
            );
            let fields = decode(&body);
            assert_eq!(fields.len(), FORM_FIELDS);
            let names: HashSet<_> = fields.iter().map(|(name, _)| name.clone()).collect();
            assert_eq!(names.len(), FORM_FIELDS, "field names repeat");
            let city = fields.iter().find(|(name, _)| name == "city").unwrap();
            assert_eq!(city.1, "Köln");
        }
    }

    #[test]
    fn form_id_numbers_are_unique() {
        let ids: HashSet<String> = (0..50_000)
            .map(|n| {
                decode(&form_body(n))
                    .into_iter()
                    .find(|(name, _)| name == "id.number")
                    .unwrap()
                    .1
            })
            .collect();
        assert_eq!(ids.len(), 50_000);
    }

    #[test]
    fn identities_alternate_and_are_unique() {
        let mut austrians = HashSet::new();
        let mut germans = HashSet::new();
        for n in 0..200_000 {
            match Identity::for_request(n).unwrap() {
                Identity::Austria { id_number } => {
                    assert_eq!(n % 2, 0);
                    assert_eq!(id_number.len(), 8);
                    assert!(id_number.bytes().all(|b| b.is_ascii_digit()));
                    assert!(austrians.insert(id_number));
                }
                Identity::Germany {
                    first_names,
                    family_names,
                    street_number,
                    postal_code,
                    date_of_birth,
                } => {
                    assert_eq!(n % 2, 1);
                    assert_eq!(postal_code.len(), 5);
                    assert!(postal_code.bytes().all(|b| b.is_ascii_digit()));
                    let number: u32 = street_number.parse().unwrap();
                    assert!((1..=200).contains(&number));
                    assert!(
                        (1950..=2000).contains(&date_of_birth.year()),
                        "{date_of_birth}"
                    );
                    assert!(
                        first_names
                            .chars()
                            .all(|c| c.is_ascii_alphabetic() || c == ' ')
                    );
                    assert!(family_names.chars().all(|c| c.is_ascii_alphabetic()));
                    // Names alone are unique, so the whole identity is too.
                    assert!(germans.insert((first_names, family_names)));
                }
            }
        }
        assert_eq!(austrians.len(), 100_000);
        assert_eq!(germans.len(), 100_000);
    }

    #[test]
    fn birth_dates_cover_the_range() {
        let years: HashSet<i16> = (0..20_000)
            .filter_map(|n| match Identity::for_request(n).unwrap() {
                Identity::Germany { date_of_birth, .. } => Some(date_of_birth.year()),
                Identity::Austria { .. } => None,
            })
            .collect();
        assert_eq!(years.len(), 51, "1950..=2000");
    }

    #[test]
    fn statement_json_has_the_api_shape() {
        let at: serde_json::Value =
            serde_json::from_slice(&statement_body(4, "cGF5bG9hZA==").unwrap()).unwrap();
        assert_eq!(
            at,
            serde_json::json!({
                "nationality": "AT",
                "fields": {"full.first.names": "Bench", "family.names": "Signer",
                           "id.type": "id.card", "id.number": "00000004"},
                "consent": true, "confirmed": false, "altcha": "cGF5bG9hZA=="
            })
        );
        let de: serde_json::Value =
            serde_json::from_slice(&statement_body(5, "x").unwrap()).unwrap();
        assert_eq!(de["nationality"], "DE");
        let fields = de["fields"].as_object().unwrap();
        let mut names: Vec<_> = fields.keys().cloned().collect();
        names.sort();
        assert_eq!(
            names,
            [
                "city",
                "country",
                "date.of.birth",
                "family.names",
                "full.first.names",
                "postal.code",
                "street",
                "street.number"
            ]
        );
        assert_eq!(fields["country"], "DE");
    }

    #[test]
    fn statement_bodies_are_unique() {
        let bodies: HashSet<Vec<u8>> = (0..10_000)
            .map(|n| statement_body(n, "same").unwrap())
            .collect();
        assert_eq!(bodies.len(), 10_000);
    }
}
