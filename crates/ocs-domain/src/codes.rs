//! Stable, documented error codes a user can see (`SIG-…` for signing, `REQ-…` for requests).
//!
//! A code never changes meaning and a retired code is never reused. The same code appears on
//! the page, in the JSON API, in the log and in `docs/ERRORS.md`.

use std::fmt;

/// Every error a signer or API client can be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// A required field is empty or missing.
    Required,
    /// A field was sent that this nationality's form does not have.
    UnknownField,
    /// A value is longer than the field allows.
    TooLong,
    /// A value holds control characters or other characters no name or number has.
    InvalidCharacters,
    /// A document number does not have the format of its document type. The signer may
    /// confirm that it is right (the legacy OCS treated this as a warning).
    FormatMismatch,
    /// A national number fails its check digit.
    CheckDigit,
    /// A date is not a real date in the form YYYY-MM-DD.
    InvalidDate,
    /// A date of birth in the future or implausibly far in the past.
    ImplausibleDate,
    /// The signer is younger than the minimum age of their member state on the signing date.
    UnderAge,
    /// The nationality is not an EU member state.
    UnknownNationality,
    /// The document type is not one this nationality accepts.
    DocumentNotAccepted,
    /// The country of residence is not a known country code.
    UnknownCountry,
    /// The declaration of support was not accepted.
    ConsentMissing,
    /// The postal code does not have this state's format (confirmable).
    PostalCodeFormat,
    /// A national number's check digit rule is not confirmed and it failed (confirmable).
    CheckDigitUnconfirmed,
    /// A national number's check digit is right but the birth date it encodes does not
    /// exist (an impossible month or day).
    ImpossibleBirthDateInNumber,
    /// No anti-bot proof came with the statement.
    ProofMissing,
    /// The anti-bot proof is wrong, expired or already used.
    ProofInvalid,
    /// The form was sent back faster than a person can fill it.
    TooFast,
    /// The initiative is not collecting statements now.
    NotCollecting,
    /// No initiative has that name.
    InitiativeNotFound,
    /// The server is at capacity; try again shortly.
    Busy,
    /// Too many requests from this network; try again later.
    RateLimited,
    /// The request body is not well-formed.
    MalformedBody,
    /// The request body is larger than allowed.
    TooLarge,
    /// The request body has the wrong content type.
    UnsupportedMediaType,
    /// A value the signer's eID provided (and the form locked) was changed.
    EidMismatch,
    /// An unexpected failure on the server.
    Internal,
    /// A state-changing request from another site (failed `Origin` or CSRF token check).
    CrossOrigin,
    /// A form came back without its synchroniser token, or with one that is wrong or expired.
    FormExpired,
    /// E-mail updates: the address given with the ticked box is not a usable address.
    MailAddressInvalid,
    /// E-mail updates: the box was ticked but no address was given.
    MailAddressMissing,
    /// Self-service: no counted statement matches this receipt identifier and secret.
    ReceiptNotFound,
    /// Self-service: withdrawal is possible only while the initiative collects.
    WithdrawalClosed,
}

impl ErrorCode {
    /// The stable code, e.g. `SIG-001`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Required => "SIG-001",
            Self::UnknownField => "SIG-002",
            Self::TooLong => "SIG-003",
            Self::InvalidCharacters => "SIG-004",
            Self::FormatMismatch => "SIG-005",
            Self::CheckDigit => "SIG-006",
            Self::InvalidDate => "SIG-007",
            Self::ImplausibleDate => "SIG-008",
            Self::UnderAge => "SIG-009",
            Self::UnknownNationality => "SIG-010",
            Self::DocumentNotAccepted => "SIG-011",
            Self::UnknownCountry => "SIG-012",
            Self::ConsentMissing => "SIG-013",
            Self::PostalCodeFormat => "SIG-014",
            Self::CheckDigitUnconfirmed => "SIG-015",
            Self::ImpossibleBirthDateInNumber => "SIG-016",
            Self::ProofMissing => "SIG-020",
            Self::ProofInvalid => "SIG-021",
            Self::TooFast => "SIG-022",
            Self::NotCollecting => "SIG-030",
            Self::InitiativeNotFound => "SIG-031",
            Self::Busy => "SIG-040",
            Self::RateLimited => "SIG-041",
            Self::MalformedBody => "REQ-001",
            Self::TooLarge => "REQ-002",
            Self::UnsupportedMediaType => "REQ-003",
            Self::Internal => "REQ-500",
            Self::CrossOrigin => "SEC-001",
            Self::FormExpired => "SEC-002",
            Self::MailAddressInvalid => "MAIL-001",
            Self::MailAddressMissing => "MAIL-002",
            Self::ReceiptNotFound => "SLF-001",
            Self::WithdrawalClosed => "SLF-002",
            Self::EidMismatch => "SIG-050",
        }
    }

    /// Whether the signer may override this error by confirming the value is right.
    pub fn is_confirmable(self) -> bool {
        matches!(
            self,
            Self::FormatMismatch | Self::PostalCodeFormat | Self::CheckDigitUnconfirmed
        )
    }

    /// Every code, for documentation and translation-completeness tests.
    pub const ALL: [ErrorCode; 34] = [
        Self::Required,
        Self::UnknownField,
        Self::TooLong,
        Self::InvalidCharacters,
        Self::FormatMismatch,
        Self::CheckDigit,
        Self::InvalidDate,
        Self::ImplausibleDate,
        Self::UnderAge,
        Self::UnknownNationality,
        Self::DocumentNotAccepted,
        Self::UnknownCountry,
        Self::ConsentMissing,
        Self::PostalCodeFormat,
        Self::CheckDigitUnconfirmed,
        Self::ImpossibleBirthDateInNumber,
        Self::ProofMissing,
        Self::ProofInvalid,
        Self::TooFast,
        Self::NotCollecting,
        Self::InitiativeNotFound,
        Self::Busy,
        Self::RateLimited,
        Self::MalformedBody,
        Self::TooLarge,
        Self::UnsupportedMediaType,
        Self::Internal,
        Self::CrossOrigin,
        Self::FormExpired,
        Self::MailAddressInvalid,
        Self::MailAddressMissing,
        Self::ReceiptNotFound,
        Self::WithdrawalClosed,
        Self::EidMismatch,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique() {
        let codes: HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(codes.len(), ErrorCode::ALL.len());
    }
}
