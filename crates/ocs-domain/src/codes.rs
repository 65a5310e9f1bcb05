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
    /// This address may not be used from here (e.g. `/metrics` off loopback without a token).
    Forbidden,
    /// Nothing is at this address (no such page, file or tile).
    NotFound,
    /// The address exists but does not take this method (e.g. `GET` on a form target).
    MethodNotAllowed,
    /// A part the answer needs (the store, the published log) is unavailable for a moment.
    Unavailable,
    /// A value the signer's eID provided (and the form locked) was changed.
    EidMismatch,
    /// An unexpected failure on the server.
    Internal,
    /// Tally log: a posted cosignature holds no valid line by a witness this log accepts.
    LogNotWitnessed,
    /// Tally log: the cosigned checkpoint is not the log's latest (fetch it again).
    LogNotLatest,
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
    /// The lifecycle has no such transition from the current stage.
    LifecycleIllegal,
    /// Pause, resume and withdraw need a reason.
    LifecycleReasonRequired,
    /// Going live needs the registration number typed exactly.
    LifecycleConfirmationMismatch,
    /// Collection cannot open without the competent authority's certificate.
    LifecycleCertificateMissing,
    /// Opening needs a collection period.
    LifecyclePeriodMissing,
    /// Opening before the first day of the period.
    LifecycleTooEarly,
    /// Opening or resuming at or after the end of the period.
    LifecyclePeriodOver,
    /// The collection would start before registration.
    LifecycleStartBeforeRegistration,
    /// The collection would start more than 6 months after registration.
    LifecycleStartTooLate,
    /// The notice rule is on and no notice date is recorded.
    LifecycleNoticeMissing,
    /// The start is fewer than 10 working days after the notice.
    LifecycleNoticeTooRecent,
    /// The last day is before the first.
    LifecycleEndBeforeStart,
    /// The period lasts more than 12 months.
    LifecyclePeriodTooLong,
    /// No initiative has that number.
    LifecycleNotFound,
    /// Someone changed the initiative at the same time; nothing was stored.
    LifecycleConflict,
    /// The certificate upload is not a PDF, is too large, or has no authority.
    LifecycleBadCertificate,
    /// A date cannot be placed in the configured time zone.
    LifecycleBadDate,
    /// The database failed; nothing was changed.
    LifecycleStorage,
    /// `ocs audit verify` found an edited, deleted or reordered row.
    AuditBroken,
    /// A console password is shorter than 12 or longer than 1024 characters.
    AccountPassword,
    /// An account name has characters other than a-z, 0-9, `.`, `_`, `-`, or is too long.
    AccountName,
    /// No account has that name.
    AccountNotFound,
    /// The role is not host-admin, organiser or observer.
    AccountRole,
    /// An organiser or observer needs an initiative; a host administrator has none.
    AccountInitiative,
    /// The account name is taken.
    AccountTaken,
    /// A new console password is common or easy to guess.
    AccountWeakPassword,
    /// The command line could not connect to the running server's administration socket.
    AdminSocketRefusedUser,
    /// The administration socket refused a connection from another uid.
    AdminSocketPeerRefused,
    /// The administration socket got a request it cannot read.
    AdminSocketBadRequest,
    /// The register export is not well-formed XML.
    RegisterNotXml,
    /// The file is not a register export.
    RegisterWrongDocument,
    /// A required attribute or element of the register export is missing or empty.
    RegisterMissing,
    /// The registration date is not a date.
    RegisterBadDate,
    /// Not exactly one language version is marked as the original.
    RegisterOriginal,
    /// Console sign-in: the name, password or code is wrong, or the account is disabled.
    ConsoleInvalid,
    /// Too many failed sign-ins.
    ConsoleThrottled,
    /// No console session, or it expired.
    ConsoleSignedOut,
    /// The signed-in account's role does not allow this console page or action.
    ConsoleForbidden,
    /// Retired: a cross-site console `POST` is refused with `SEC-001`.
    ConsoleCrossSiteRetired,
    /// A console `POST` without the session's form token or with a wrong one.
    ConsoleFormToken,
    /// The database failed during sign-in or account handling.
    ConsoleStorage,
    /// Console paper statements: the person is already counted; nothing was stored.
    PaperDuplicate,
    /// An update has no subject; nothing queued.
    MailNoSubject,
    /// An update's subject has a line break; nothing queued.
    MailSubjectNotOneLine,
    /// An update's subject is longer than 200 characters; nothing queued.
    MailSubjectTooLong,
    /// An update has no text; nothing queued.
    MailNoBody,
    /// An update's text is longer than 64 KiB; nothing queued.
    MailBodyTooLong,
    /// Console: "I have checked the message" was not ticked; nothing queued.
    MailUnconfirmed,
    /// The slug is not 1 to 64 characters of a-z, 0-9 and '-'.
    InitiativeBadSlug,
    /// The registration number is not of the form ECI(YYYY)NNNNNN.
    InitiativeBadRegistrationNumber,
    /// A date is not YYYY-MM-DD.
    InitiativeBadDate,
    /// A required text is empty.
    InitiativeMissing,
    /// A language is not one of the 24 official languages.
    InitiativeBadLanguage,
    /// The storage country is not a member state.
    InitiativeNotMemberState,
    /// A key is not an `ocs-pk-1:` public key (a private key is refused too).
    InitiativeBadKey,
    /// Another initiative has this slug or registration number.
    InitiativeTaken,
    /// No stored initiative has that name.
    InitiativeNotStored,
    /// Keys, storage country or registration data changed after going live.
    InitiativeLocked,
    /// The initiative is defined in the configuration file; edit it there.
    InitiativeConfigured,
    /// Someone changed the initiative at the same time; nothing was stored.
    InitiativeConflict,
    /// The initiative is closed; its set-up cannot change.
    InitiativeClosed,
    /// An ECI registered after 2022 must use the Commission's central system.
    InitiativeCentralSystemOnly,
    /// No storage country was given.
    InitiativeStorageCountryMissing,
    /// No regime (eci or national) was chosen.
    InitiativeRegimeMissing,
    /// The regime demo was asked for outside `ocs demo`.
    InitiativeDemoRegime,
    /// A link is not an https:// address.
    InitiativeUnsafeLink,
    /// The database failed; nothing was changed.
    InitiativeStorage,
    /// `ocs serve` or `ocs demo` found migrations the database has not recorded.
    UpgradePending,
    /// A Commission submission or an Annex VI certificate before the initiative was submitted to the authorities.
    RetentionNotSubmitted,
    /// The submission to the Commission is recorded already.
    RetentionAlreadySubmitted,
    /// A retention date in the future or before the event it follows.
    RetentionBadDate,
    /// A legal hold, or its lifting, needs a reason.
    RetentionReasonRequired,
    /// A legal hold stands already.
    RetentionAlreadyHeld,
    /// There is no legal hold to lift.
    RetentionNotHeld,
    /// A retention form's date, member state or number could not be read.
    RetentionUnreadable,
    /// An Annex VI certificate without an authority or over the statements collected.
    RetentionBadCertificate,
    /// No initiative has that number (retention).
    RetentionNotFound,
    /// The database failed during a retention change; nothing was changed.
    RetentionStorage,
    /// A recipient public key is already used by another initiative.
    InitiativeSharedKey,
    /// This node lacks the key file of an initiative's de-duplication subkeys.
    KeyFileMissing,
    /// The initiative's de-duplication subkeys were destroyed with its data.
    KeyDestroyed,
    /// An initiative key file does not open (another server key, another initiative's file, changed bytes).
    KeyFileUnreadable,
    /// A key holder's confirmation names a key the initiative does not use.
    KeyNotOfInitiative,
    /// A key holder's confirmation without the holder's name (or one over 200 characters).
    KeyHolderMissing,
    /// The keys folder or the database failed; no key was made or destroyed.
    KeyStorage,
}

impl ErrorCode {
    /// The stable code, e.g. `SIG-001`.
    #[expect(clippy::too_many_lines, reason = "the registry: one arm per code")]
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
            Self::Forbidden => "REQ-403",
            Self::NotFound => "REQ-404",
            Self::MethodNotAllowed => "REQ-405",
            Self::Unavailable => "REQ-503",
            Self::Internal => "REQ-500",
            Self::LogNotWitnessed => "LOG-001",
            Self::LogNotLatest => "LOG-002",
            Self::CrossOrigin => "SEC-001",
            Self::FormExpired => "SEC-002",
            Self::MailAddressInvalid => "MAIL-001",
            Self::MailAddressMissing => "MAIL-002",
            Self::ReceiptNotFound => "SLF-001",
            Self::WithdrawalClosed => "SLF-002",
            Self::EidMismatch => "SIG-050",
            Self::LifecycleIllegal => "LIF-001",
            Self::LifecycleReasonRequired => "LIF-002",
            Self::LifecycleConfirmationMismatch => "LIF-003",
            Self::LifecycleCertificateMissing => "LIF-004",
            Self::LifecyclePeriodMissing => "LIF-005",
            Self::LifecycleTooEarly => "LIF-006",
            Self::LifecyclePeriodOver => "LIF-007",
            Self::LifecycleStartBeforeRegistration => "LIF-010",
            Self::LifecycleStartTooLate => "LIF-011",
            Self::LifecycleNoticeMissing => "LIF-012",
            Self::LifecycleNoticeTooRecent => "LIF-013",
            Self::LifecycleEndBeforeStart => "LIF-014",
            Self::LifecyclePeriodTooLong => "LIF-015",
            Self::LifecycleNotFound => "LIF-020",
            Self::LifecycleConflict => "LIF-021",
            Self::LifecycleBadCertificate => "LIF-022",
            Self::LifecycleBadDate => "LIF-023",
            Self::LifecycleStorage => "LIF-500",
            Self::AuditBroken => "AUD-001",
            Self::AccountPassword => "ACC-001",
            Self::AccountName => "ACC-002",
            Self::AccountNotFound => "ACC-003",
            Self::AccountRole => "ACC-004",
            Self::AccountInitiative => "ACC-005",
            Self::AccountTaken => "ACC-006",
            Self::AccountWeakPassword => "ACC-007",
            Self::AdminSocketRefusedUser => "ADM-001",
            Self::AdminSocketPeerRefused => "ADM-002",
            Self::AdminSocketBadRequest => "ADM-003",
            Self::RegisterNotXml => "REG-001",
            Self::RegisterWrongDocument => "REG-002",
            Self::RegisterMissing => "REG-003",
            Self::RegisterBadDate => "REG-004",
            Self::RegisterOriginal => "REG-005",
            Self::ConsoleInvalid => "CON-001",
            Self::ConsoleThrottled => "CON-002",
            Self::ConsoleSignedOut => "CON-003",
            Self::ConsoleForbidden => "CON-004",
            Self::ConsoleCrossSiteRetired => "CON-005",
            Self::ConsoleFormToken => "CON-006",
            Self::ConsoleStorage => "CON-500",
            Self::PaperDuplicate => "PAP-001",
            Self::MailNoSubject => "MAIL-010",
            Self::MailSubjectNotOneLine => "MAIL-011",
            Self::MailSubjectTooLong => "MAIL-012",
            Self::MailNoBody => "MAIL-013",
            Self::MailBodyTooLong => "MAIL-014",
            Self::MailUnconfirmed => "MAIL-015",
            Self::InitiativeBadSlug => "INI-001",
            Self::InitiativeBadRegistrationNumber => "INI-002",
            Self::InitiativeBadDate => "INI-003",
            Self::InitiativeMissing => "INI-004",
            Self::InitiativeBadLanguage => "INI-005",
            Self::InitiativeNotMemberState => "INI-006",
            Self::InitiativeBadKey => "INI-007",
            Self::InitiativeTaken => "INI-008",
            Self::InitiativeNotStored => "INI-009",
            Self::InitiativeLocked => "INI-010",
            Self::InitiativeConfigured => "INI-011",
            Self::InitiativeConflict => "INI-012",
            Self::InitiativeClosed => "INI-013",
            Self::InitiativeCentralSystemOnly => "INI-014",
            Self::InitiativeStorageCountryMissing => "INI-015",
            Self::InitiativeRegimeMissing => "INI-016",
            Self::InitiativeDemoRegime => "INI-017",
            Self::InitiativeUnsafeLink => "INI-018",
            Self::InitiativeStorage => "INI-500",
            Self::UpgradePending => "UPG-001",
            Self::RetentionNotSubmitted => "RET-001",
            Self::RetentionAlreadySubmitted => "RET-002",
            Self::RetentionBadDate => "RET-003",
            Self::RetentionReasonRequired => "RET-004",
            Self::RetentionAlreadyHeld => "RET-005",
            Self::RetentionNotHeld => "RET-006",
            Self::RetentionUnreadable => "RET-007",
            Self::RetentionBadCertificate => "RET-010",
            Self::RetentionNotFound => "RET-020",
            Self::RetentionStorage => "RET-500",
            Self::InitiativeSharedKey => "INI-019",
            Self::KeyFileMissing => "KEY-001",
            Self::KeyDestroyed => "KEY-002",
            Self::KeyFileUnreadable => "KEY-003",
            Self::KeyNotOfInitiative => "KEY-010",
            Self::KeyHolderMissing => "KEY-011",
            Self::KeyStorage => "KEY-500",
        }
    }

    /// Whether the signer may override this error by confirming the value is right.
    pub fn is_confirmable(self) -> bool {
        matches!(
            self,
            Self::FormatMismatch | Self::PostalCodeFormat | Self::CheckDigitUnconfirmed
        )
    }

    /// The codes signers and API clients see on public pages and in the public API, each
    /// translated (`error-CODE`) in every language.
    pub const SIGNER: [ErrorCode; 40] = [
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
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::Unavailable,
        Self::Internal,
        Self::CrossOrigin,
        Self::FormExpired,
        Self::MailAddressInvalid,
        Self::MailAddressMissing,
        Self::ReceiptNotFound,
        Self::WithdrawalClosed,
        Self::EidMismatch,
        Self::LogNotWitnessed,
        Self::LogNotLatest,
    ];

    /// The codes organisers and operators see in the console and on the command line.
    pub const STAFF: [ErrorCode; 85] = [
        Self::LifecycleIllegal,
        Self::LifecycleReasonRequired,
        Self::LifecycleConfirmationMismatch,
        Self::LifecycleCertificateMissing,
        Self::LifecyclePeriodMissing,
        Self::LifecycleTooEarly,
        Self::LifecyclePeriodOver,
        Self::LifecycleStartBeforeRegistration,
        Self::LifecycleStartTooLate,
        Self::LifecycleNoticeMissing,
        Self::LifecycleNoticeTooRecent,
        Self::LifecycleEndBeforeStart,
        Self::LifecyclePeriodTooLong,
        Self::LifecycleNotFound,
        Self::LifecycleConflict,
        Self::LifecycleBadCertificate,
        Self::LifecycleBadDate,
        Self::LifecycleStorage,
        Self::AuditBroken,
        Self::AccountPassword,
        Self::AccountName,
        Self::AccountNotFound,
        Self::AccountRole,
        Self::AccountInitiative,
        Self::AccountTaken,
        Self::AccountWeakPassword,
        Self::AdminSocketRefusedUser,
        Self::AdminSocketPeerRefused,
        Self::AdminSocketBadRequest,
        Self::RegisterNotXml,
        Self::RegisterWrongDocument,
        Self::RegisterMissing,
        Self::RegisterBadDate,
        Self::RegisterOriginal,
        Self::ConsoleInvalid,
        Self::ConsoleThrottled,
        Self::ConsoleSignedOut,
        Self::ConsoleForbidden,
        Self::ConsoleCrossSiteRetired,
        Self::ConsoleFormToken,
        Self::ConsoleStorage,
        Self::PaperDuplicate,
        Self::MailNoSubject,
        Self::MailSubjectNotOneLine,
        Self::MailSubjectTooLong,
        Self::MailNoBody,
        Self::MailBodyTooLong,
        Self::MailUnconfirmed,
        Self::InitiativeBadSlug,
        Self::InitiativeBadRegistrationNumber,
        Self::InitiativeBadDate,
        Self::InitiativeMissing,
        Self::InitiativeBadLanguage,
        Self::InitiativeNotMemberState,
        Self::InitiativeBadKey,
        Self::InitiativeTaken,
        Self::InitiativeNotStored,
        Self::InitiativeLocked,
        Self::InitiativeConfigured,
        Self::InitiativeConflict,
        Self::InitiativeClosed,
        Self::InitiativeCentralSystemOnly,
        Self::InitiativeStorageCountryMissing,
        Self::InitiativeRegimeMissing,
        Self::InitiativeDemoRegime,
        Self::InitiativeUnsafeLink,
        Self::InitiativeStorage,
        Self::UpgradePending,
        Self::RetentionNotSubmitted,
        Self::RetentionAlreadySubmitted,
        Self::RetentionBadDate,
        Self::RetentionReasonRequired,
        Self::RetentionAlreadyHeld,
        Self::RetentionNotHeld,
        Self::RetentionUnreadable,
        Self::RetentionBadCertificate,
        Self::RetentionNotFound,
        Self::RetentionStorage,
        Self::InitiativeSharedKey,
        Self::KeyFileMissing,
        Self::KeyDestroyed,
        Self::KeyFileUnreadable,
        Self::KeyNotOfInitiative,
        Self::KeyHolderMissing,
        Self::KeyStorage,
    ];

    /// Every code: the one registry (`docs/ERRORS.md` lists exactly these), [`Self::SIGNER`]
    /// then [`Self::STAFF`].
    #[expect(
        clippy::indexing_slicing,
        reason = "evaluated at compile time: an index out of bounds fails the build"
    )]
    pub const ALL: [ErrorCode; Self::SIGNER.len() + Self::STAFF.len()] = {
        let mut all = [Self::Internal; Self::SIGNER.len() + Self::STAFF.len()];
        let mut i = 0;
        while i < Self::SIGNER.len() {
            all[i] = Self::SIGNER[i];
            i += 1;
        }
        let mut j = 0;
        while j < Self::STAFF.len() {
            all[Self::SIGNER.len() + j] = Self::STAFF[j];
            j += 1;
        }
        all
    };
}

impl ErrorCode {
    /// The code written `text` (e.g. `"INI-014"`), if the registry has it.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|code| code.as_str() == text)
    }
}

/// A code compares equal to its written form, so `code == "INI-014"` reads as it does in
/// the documentation.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<ErrorCode> for &str {
    fn eq(&self, other: &ErrorCode) -> bool {
        *self == other.as_str()
    }
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

    /// The codes `docs/ERRORS.md` documents, in the order of its table rows.
    fn documented() -> Vec<String> {
        let text = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/ERRORS.md"));
        text.lines()
            .filter_map(|line| line.strip_prefix("| `"))
            .filter_map(|rest| rest.split_once('`'))
            .map(|(code, _)| code.to_owned())
            .collect()
    }

    #[test]
    fn the_error_reference_lists_exactly_the_registry() {
        let documented = documented();
        let unique: HashSet<_> = documented.iter().map(String::as_str).collect();
        assert_eq!(unique.len(), documented.len(), "a code is documented twice");
        let registry: HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        let missing: Vec<_> = registry.difference(&unique).collect();
        let unknown: Vec<_> = unique.difference(&registry).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "docs/ERRORS.md lacks {missing:?}; documents codes not in the registry: {unknown:?}"
        );
    }

    #[test]
    fn every_code_parses_back() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
        }
        assert_eq!(ErrorCode::parse("XYZ-999"), None);
        let signer: HashSet<_> = ErrorCode::SIGNER.into_iter().collect();
        assert!(signer.iter().all(|code| ErrorCode::ALL.contains(code)));
    }

    #[test]
    fn codes_are_unique() {
        let codes: HashSet<_> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(codes.len(), ErrorCode::ALL.len());
    }
}
