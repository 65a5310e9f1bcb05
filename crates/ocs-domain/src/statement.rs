//! Statements of support: the raw form input ([`RawStatement`]), its parsing into a validated
//! [`NewStatement`] or every field error at once ([`FieldErrors`]), the age check
//! ([`check_age`]), the de-duplication identity and the Annex III payload to seal.
//!
//! # Parsing
//!
//! [`NewStatement::parse`] reads the signer's nationality, takes that state's form from the
//! [`CountryTable`] and checks every field, reporting at most one error per field, with the
//! stable codes of [`ErrorCode`]. Fields of another state's form, or of no form, are refused
//! (R4: only the Annex III data); empty values of unknown keys are ignored, since browsers
//! send empty inputs.
//!
//! Some findings are *confirmable*: a postal code or document number that does not match the
//! legacy pattern, and a failed check digit whose rule is unconfirmed (LV). The signer may tick
//! "my details are correct as entered" ([`RawStatement::confirmed`]) to override them, as in
//! the legacy OCS. The [`ValidationPolicy`](crate::rules::ValidationPolicy) of the table may
//! instead make them hard errors or ignore them. A failed *confirmed* check digit always
//! rejects; for such documents the algorithm also checks the length, so a number of the wrong
//! shape is refused too. Document numbers must consist of ASCII letters and digits (plus `-`,
//! `.` and `/` inside passport-like numbers); anything else is refused.
//!
//! # Identity key
//!
//! [`NewStatement::identity_key`] is the normalised identity the keyed de-duplication hash is
//! computed over. Two statements of one person must give the same key; the key must not
//! depend on case, accents, spacing or separators.
//!
//! - Part B: `B|{nationality}|{document key}|{number}`, where the number is normalised,
//!   stripped of `-`, `.` and `/`, and reduced to the part that identifies the person (the
//!   last 10 digits of a Swedish personnummer, the civil number of a Portuguese citizen card;
//!   see [`CheckAlgorithm::identity_part`](crate::rules::CheckAlgorithm::identity_part)).
//!   Names are not part of it: one document number is one person, however the name is
//!   spelt. Different document types of one person give different keys; this limit is
//!   inherent to Annex III Part B.
//! - Part A: `A|{nationality}|{first names}|{family names}|{date of birth}`, names in
//!   [`normalize::name_for_identity`] form, the date as `YYYY-MM-DD`.
//! - Part A without a date of birth (EL): `A|{nationality}|{first names}|{family names}|
//!   {postal code}|{street}|{street number}` in place of the date; postal code and street
//!   number reduced to lower-case letters and digits, the street in identity form.
//!
//! The nationality is the EU code (`EL`), never the ISO code, so the key does not depend on
//! how the nationality was typed.
//!
//! # Personal data
//!
//! A [`NewStatement`] wipes its personal strings when dropped and its `Debug` prints only the
//! nationality. Intermediate strings made while parsing are wiped where this module makes
//! them; copies inside the Unicode and regex libraries are not under its control.

mod age;
mod errors;
mod fields;

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

pub use age::{age_on, check_age};
pub use errors::{FieldError, FieldErrors};
use fields::{Document, Findings, Parsed, parse_field, parse_iso_date};

use crate::codes::ErrorCode;
use crate::country::CountryCode;
use crate::normalize;
use crate::rules::{AnnexPart, CountryTable, DocumentKind, DocumentRule, FieldKey};

/// A statement as typed: strings only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawStatement {
    /// The state of nationality as typed (EU or ISO code, any case).
    pub nationality: String,
    /// Field values by legacy key (`full.first.names`, `id.type`, …).
    pub fields: BTreeMap<String, String>,
    /// The signer ticked "my details are correct as entered", which overrides confirmable
    /// findings.
    pub confirmed: bool,
}

impl fmt::Debug for RawStatement {
    // Field values are personal data: show the keys only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawStatement")
            .field("nationality", &self.nationality)
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .field("confirmed", &self.confirmed)
            .finish()
    }
}

/// A statement of support that passed validation and is not yet stored.
pub struct NewStatement {
    nationality: CountryCode,
    annex_part: AnnexPart,
    /// Present values of the state's fields except the document, in Annex III order: display
    /// text for names and address, the ISO code for the country, `YYYY-MM-DD` for the date.
    values: Vec<(FieldKey, String)>,
    document: Option<Document>,
}

impl Drop for NewStatement {
    fn drop(&mut self) {
        for (_, value) in &mut self.values {
            value.zeroize();
        }
        if let Some(document) = &mut self.document {
            document.number.zeroize();
        }
    }
}

impl ZeroizeOnDrop for NewStatement {}

impl fmt::Debug for NewStatement {
    // Personal data must never reach a log: only the nationality is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewStatement")
            .field("nationality", &self.nationality)
            .finish_non_exhaustive()
    }
}

impl NewStatement {
    /// Validates a raw statement against its nationality's rules. Every field error is
    /// reported, not just the first. The age check needs the signing date and is separate
    /// ([`check_age`]).
    pub fn parse(table: &CountryTable, raw: &RawStatement) -> Result<NewStatement, FieldErrors> {
        let Ok(nationality) = CountryCode::parse(&raw.nationality) else {
            return Err(FieldErrors::single(
                "nationality",
                ErrorCode::UnknownNationality,
            ));
        };
        let rules = table.get(nationality);
        let mut findings = Findings {
            table,
            confirmed: raw.confirmed,
            errors: FieldErrors::new(),
        };

        for (key, value) in &raw.fields {
            let known = FieldKey::parse(key).is_some_and(|key| rules.collects(key));
            if !known && !value.trim().is_empty() {
                findings.errors.push(FieldError {
                    field: key.clone(),
                    code: ErrorCode::UnknownField,
                });
            }
        }

        let mut values: Vec<(FieldKey, String)> = Vec::new();
        let mut document_type: Option<&DocumentRule> = None;
        let mut document: Option<Document> = None;
        for field in rules.form_fields() {
            let raw_value = raw
                .fields
                .get(field.key.as_str())
                .map_or("", String::as_str);
            match parse_field(rules, &field, raw_value, document_type, &mut findings) {
                Parsed::Absent => {}
                Parsed::Value(value) => values.push((field.key, value)),
                Parsed::DocumentType(kind) => document_type = rules.document(kind),
                Parsed::Document(parsed) => document = Some(parsed),
            }
        }

        let statement = NewStatement {
            nationality,
            annex_part: rules.annex_part,
            values,
            document,
        };
        if findings.errors.is_empty() {
            Ok(statement)
        } else {
            // `statement` is dropped here, which wipes what was parsed.
            Err(findings.errors)
        }
    }

    /// The state of nationality (the state the statement counts for).
    pub fn nationality(&self) -> CountryCode {
        self.nationality
    }

    /// The Annex III part of the nationality.
    pub fn annex_part(&self) -> AnnexPart {
        self.annex_part
    }

    /// The chosen ID document type (Part B).
    pub fn document_kind(&self) -> Option<DocumentKind> {
        self.document.as_ref().map(|document| document.kind)
    }

    /// The date of birth: the one typed (Part A), or the one the national number embeds when
    /// its check digit passed and its algorithm encodes a date. `None` for passports, ID
    /// cards and 10-digit Swedish numbers (see [`NewStatement::birth_date_on`]).
    pub fn birth_date(&self) -> Option<Date> {
        if let Some(text) = self.value(FieldKey::DateOfBirth) {
            return parse_iso_date(text);
        }
        let document = self.document.as_ref().filter(|d| d.check_passed)?;
        document.check?.birth_date(&document.number)
    }

    /// Like [`NewStatement::birth_date`], but also resolves the century of a 10-digit
    /// Swedish personnummer against the signing date (a `+` typed by the signer means 100
    /// or older). Prefer this where the signing date is known.
    pub fn birth_date_on(&self, today: Date) -> Option<Date> {
        if let Some(date) = self.birth_date() {
            return Some(date);
        }
        let document = self.document.as_ref().filter(|d| d.check_passed)?;
        let date = document.check?.birth_date_on(&document.number, today)?;
        if document.centenarian {
            date.checked_sub(jiff::Span::new().years(100)).ok()
        } else {
            Some(date)
        }
    }

    /// The normalised identity for de-duplication (see the module documentation).
    pub fn identity_key(&self) -> Zeroizing<String> {
        let nationality = self.nationality.as_str();
        if let Some(document) = &self.document {
            let stripped: Zeroizing<String> = Zeroizing::new(
                document
                    .number
                    .chars()
                    .filter(|c| !matches!(c, '-' | '.' | '/'))
                    .collect(),
            );
            let number = document
                .check
                .map_or(stripped.as_str(), |check| check.identity_part(&stripped));
            return joined(&["B", nationality, document.kind.key(), number]);
        }
        let identity = |field: FieldKey| {
            Zeroizing::new(normalize::name_for_identity(
                self.value(field).unwrap_or(""),
            ))
        };
        let compact = |field: FieldKey| -> Zeroizing<String> {
            Zeroizing::new(identity(field).chars().filter(|c| *c != ' ').collect())
        };
        let first = identity(FieldKey::FullFirstNames);
        let family = identity(FieldKey::FamilyNames);
        if let Some(date) = self.value(FieldKey::DateOfBirth) {
            return joined(&["A", nationality, &first, &family, date]);
        }
        let postal = compact(FieldKey::PostalCode);
        let street = identity(FieldKey::Street);
        let number = compact(FieldKey::StreetNumber);
        joined(&["A", nationality, &first, &family, &postal, &street, &number])
    }

    /// The Annex III values to seal, in Annex III order with legacy keys. Names and address
    /// are display text, the date `YYYY-MM-DD`, the country an upper-case ISO code. For Part
    /// B the document is one pair: its key (`passport`, `personal.number`, …) and the
    /// normalised number. Empty optional fields are left out. The caller should drop (or
    /// wipe) the result as soon as it is sealed.
    pub fn payload(&self) -> Vec<(&'static str, String)> {
        let mut payload: Vec<(&'static str, String)> = self
            .values
            .iter()
            .map(|(key, value)| (key.as_str(), value.clone()))
            .collect();
        if let Some(document) = &self.document {
            payload.push((document.kind.key(), document.number.clone()));
        }
        payload
    }

    fn value(&self, key: FieldKey) -> Option<&str> {
        self.values
            .iter()
            .find(|(field, _)| *field == key)
            .map(|(_, value)| value.as_str())
    }
}

/// Joins parts with `|` into a buffer sized up front, so no copy is left behind unwiped.
fn joined(parts: &[&str]) -> Zeroizing<String> {
    let length = parts.iter().map(|part| part.len() + 1).sum();
    let mut key = Zeroizing::new(String::with_capacity(length));
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            key.push('|');
        }
        key.push_str(part);
    }
    key
}

#[cfg(test)]
mod tests;
