//! One field at a time: the checks each form field's value goes through, and the table's
//! policy for confirmable findings.

use jiff::civil::Date;
use zeroize::Zeroizing;

use super::{FieldError, FieldErrors};
use crate::codes::ErrorCode;
use crate::normalize;
use crate::residence;
use crate::rules::{
    CheckAlgorithm, CountryRules, CountryTable, DocumentKind, DocumentRule, FieldKey, FieldKind,
    FormField, Strictness,
};

/// A value longer than this many bytes is refused as too long before it is even normalised,
/// whatever its field (every field's cap is far below it).
const MAX_RAW_BYTES: usize = 4096;

/// The chosen ID document of a Part B statement.
pub(super) struct Document {
    pub(super) kind: DocumentKind,
    /// Normalised number, as stored.
    pub(super) number: String,
    pub(super) check: Option<CheckAlgorithm>,
    /// The check digit passed (or the document has none).
    pub(super) check_passed: bool,
    /// A Swedish 10-digit number was typed with `+`: the holder is 100 or older.
    pub(super) centenarian: bool,
}

/// What one field check produced.
pub(super) enum Parsed {
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
pub(super) struct Findings<'a> {
    pub(super) table: &'a CountryTable,
    pub(super) confirmed: bool,
    pub(super) errors: FieldErrors,
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

/// Checks one field; records its error (if any) and returns what it parsed.
pub(super) fn parse_field(
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
pub(super) fn parse_iso_date(text: &str) -> Option<Date> {
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
