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
//!   see [`CheckAlgorithm::identity_part`]). Names are not part of it: one document number
//!   is one person, however the name is spelt. Different document types of one person give
//!   different keys; this limit is inherent to Annex III Part B.
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

use std::collections::BTreeMap;
use std::fmt;

use jiff::civil::Date;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::codes::ErrorCode;
use crate::country::CountryCode;
use crate::normalize;
use crate::residence;
use crate::rules::{
    AnnexPart, CheckAlgorithm, CountryRules, CountryTable, DocumentKind, DocumentRule, FieldKey,
    FieldKind, FormField, Strictness,
};

/// A value longer than this many bytes is refused as too long before it is even normalised,
/// whatever its field (every field's cap is far below it).
const MAX_RAW_BYTES: usize = 4096;

/// The earliest plausible date of birth.
const EARLIEST_BIRTH: Date = jiff::civil::date(1900, 1, 1);

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

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldError {
    /// The legacy key of the field (as sent, for an unknown field), or `nationality`.
    pub field: String,
    /// What is wrong.
    pub code: ErrorCode,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}", self.code, self.field)
    }
}

/// Every problem found in a statement, at most one per field, in form order (unknown fields
/// first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    errors: Vec<FieldError>,
    /// Some confirmable-looking error is a hard error under the table's policy.
    rejected_by_policy: bool,
}

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an error.
    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The errors in order.
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.errors.iter()
    }

    /// The error of one field, if any.
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.errors.iter().find(|error| error.field == field)
    }

    /// Whether ticking "my details are correct as entered" and sending the same values again
    /// would clear every error, so the form should offer that box.
    pub fn only_confirmable(&self) -> bool {
        !self.errors.is_empty()
            && !self.rejected_by_policy
            && self.errors.iter().all(|error| error.code.is_confirmable())
    }

    fn single(field: &str, code: ErrorCode) -> Self {
        let mut errors = Self::new();
        errors.push(FieldError {
            field: field.to_owned(),
            code,
        });
        errors
    }
}

impl fmt::Display for FieldErrors {
    // Codes only: an unknown field's key is whatever the client sent.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} field error(s):", self.errors.len())?;
        for error in &self.errors {
            write!(f, " {}", error.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl FromIterator<FieldError> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = FieldError>>(iter: I) -> Self {
        Self {
            errors: iter.into_iter().collect(),
            rejected_by_policy: false,
        }
    }
}

/// The chosen ID document of a Part B statement.
struct Document {
    kind: DocumentKind,
    /// Normalised number, as stored.
    number: String,
    check: Option<CheckAlgorithm>,
    /// The check digit passed (or the document has none).
    check_passed: bool,
    /// A Swedish 10-digit number was typed with `+`: the holder is 100 or older.
    centenarian: bool,
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

/// What one field check produced.
enum Parsed {
    /// No value (an optional field, or a field that already has an error).
    Absent,
    /// A value to store under the field's key.
    Value(String),
    /// The chosen document type.
    DocumentType(DocumentKind),
    /// The document number.
    Document(Document),
}

/// Collects errors and applies the policy to confirmable ones.
struct Findings<'a> {
    table: &'a CountryTable,
    confirmed: bool,
    errors: FieldErrors,
}

impl Findings<'_> {
    /// How the policy treats a code; `None` for codes that always reject.
    fn strictness(&self, code: ErrorCode) -> Option<Strictness> {
        let policy = self.table.policy();
        match code {
            ErrorCode::FormatMismatch | ErrorCode::PostalCodeFormat => Some(policy.format_mismatch),
            ErrorCode::CheckDigitUnconfirmed => Some(policy.unconfirmed_check_digit),
            _ => None,
        }
    }

    /// Records the first of a field's findings (in priority order) that survives the policy
    /// and the signer's confirmation.
    fn record(&mut self, field: FieldKey, findings: &[ErrorCode]) {
        for &code in findings {
            let keep = match self.strictness(code) {
                None => true,
                Some(Strictness::Reject) => {
                    self.errors.rejected_by_policy = true;
                    true
                }
                Some(Strictness::Confirmable) => !self.confirmed,
                Some(Strictness::Ignore) => false,
            };
            if keep {
                self.errors.push(FieldError {
                    field: field.as_str().to_owned(),
                    code,
                });
                return;
            }
        }
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

/// Checks one field; records its error (if any) and returns what it parsed.
fn parse_field(
    rules: &CountryRules,
    field: &FormField,
    raw_value: &str,
    document_type: Option<&DocumentRule>,
    findings: &mut Findings<'_>,
) -> Parsed {
    let key = field.key;
    if raw_value.len() > MAX_RAW_BYTES {
        findings.record(key, &[ErrorCode::TooLong]);
        return Parsed::Absent;
    }
    // White space at the ends (a pasted value's trailing line break) is trimmed below; a
    // control character inside a value, line breaks and tabs included, is refused (SIG-004;
    // issue 19, finding 15: a CR/LF inside a value could split a line of a later export).
    if raw_value
        .trim_matches(char::is_whitespace)
        .chars()
        .any(is_forbidden)
    {
        findings.record(key, &[ErrorCode::InvalidCharacters]);
        return Parsed::Absent;
    }
    let shown = Zeroizing::new(normalize::display_text(raw_value));
    if shown.is_empty() {
        if field.required {
            findings.record(key, &[ErrorCode::Required]);
        }
        return Parsed::Absent;
    }
    if matches!(field.kind, FieldKind::Text | FieldKind::DocumentNumber)
        && shown.chars().count() > field.max_length
    {
        findings.record(key, &[ErrorCode::TooLong]);
        return Parsed::Absent;
    }
    match field.kind {
        FieldKind::Text => {
            if key.is_name() && !shown.chars().any(char::is_alphabetic) {
                findings.record(key, &[ErrorCode::InvalidCharacters]);
                return Parsed::Absent;
            }
            if key == FieldKey::PostalCode {
                let normalized = Zeroizing::new(normalize::document_number(&shown, false));
                if !rules.postal_code_matches(&normalized) {
                    findings.record(key, &[ErrorCode::PostalCodeFormat]);
                }
            }
            Parsed::Value(shown.to_string())
        }
        FieldKind::Date => {
            if parse_iso_date(&shown).is_some() {
                Parsed::Value(shown.to_string())
            } else {
                findings.record(key, &[ErrorCode::InvalidDate]);
                Parsed::Absent
            }
        }
        FieldKind::CountryOfResidence => {
            if let Some(iso) = residence::residence_country(&shown) {
                Parsed::Value(iso.to_owned())
            } else {
                findings.record(key, &[ErrorCode::UnknownCountry]);
                Parsed::Absent
            }
        }
        FieldKind::DocumentType => {
            let accepted = DocumentKind::parse(&shown.to_ascii_lowercase())
                .filter(|kind| rules.document(*kind).is_some());
            if let Some(kind) = accepted {
                Parsed::DocumentType(kind)
            } else {
                findings.record(key, &[ErrorCode::DocumentNotAccepted]);
                Parsed::Absent
            }
        }
        FieldKind::DocumentNumber => match document_type {
            // Without an accepted document type the number cannot be judged; `id.type`
            // already carries the error.
            None => Parsed::Absent,
            Some(rule) => parse_document_number(rule, raw_value, &shown, findings),
        },
    }
}

fn parse_document_number(
    rule: &DocumentRule,
    raw_value: &str,
    shown: &str,
    findings: &mut Findings<'_>,
) -> Parsed {
    let key = FieldKey::IdNumber;
    let number = Zeroizing::new(rule.normalize(shown));
    let well_formed = number.chars().any(|c| c.is_ascii_alphanumeric())
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/'));
    if !well_formed {
        findings.record(key, &[ErrorCode::InvalidCharacters]);
        return Parsed::Absent;
    }
    let format_ok = rule.matches_format(&number);
    let digits_right = rule.check.is_none_or(|check| check.verify(&number));
    // A right check digit over an impossible date is still a wrong number (issue 16.8).
    let date_real = rule
        .check
        .is_none_or(|check| !digits_right || check.embedded_date_is_real(&number));
    let check_passed = digits_right && date_real;
    let mut found: Vec<ErrorCode> = Vec::new();
    if let Some(check) = rule.check.filter(|_| digits_right && !date_real) {
        if findings.table.is_confirmed(check) {
            found.push(ErrorCode::ImpossibleBirthDateInNumber);
        } else {
            found.push(ErrorCode::CheckDigitUnconfirmed);
        }
        if !format_ok {
            found.push(ErrorCode::FormatMismatch);
        }
    } else if let Some(check) = rule.check.filter(|_| !check_passed) {
        if findings.table.is_confirmed(check) {
            found.push(ErrorCode::CheckDigit);
        } else {
            if !format_ok {
                found.push(ErrorCode::FormatMismatch);
            }
            found.push(ErrorCode::CheckDigitUnconfirmed);
        }
    } else if !format_ok {
        found.push(ErrorCode::FormatMismatch);
    }
    findings.record(key, &found);
    Parsed::Document(Document {
        kind: rule.kind,
        number: number.to_string(),
        check: rule.check,
        check_passed,
        centenarian: rule.check == Some(CheckAlgorithm::SePersonnummer)
            && number.len() == 10
            && raw_value.contains('+'),
    })
}

/// Control characters (other than the whitespace that display text collapses) and invisible
/// formatting characters, which no name, address or number has and which can disguise text
/// (bidirectional overrides) or defeat de-duplication (zero-width characters).
fn is_forbidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// A date written exactly `YYYY-MM-DD` that exists.
fn parse_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| {
            if index == 4 || index == 7 {
                *byte == b'-'
            } else {
                byte.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let year: i16 = text.get(0..4)?.parse().ok()?;
    let month: i8 = text.get(5..7)?.parse().ok()?;
    let day: i8 = text.get(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

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

#[cfg(test)]
mod tests;
