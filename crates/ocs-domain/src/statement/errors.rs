//! Field errors of a statement: one [`FieldError`] per field at most, gathered in
//! [`FieldErrors`] in form order.

use std::fmt;

use crate::codes::ErrorCode;

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
    pub(super) rejected_by_policy: bool,
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

    pub(super) fn single(field: &str, code: ErrorCode) -> Self {
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
