//! Stable, documented error codes a user can see (`SIG-…` for signing, `REQ-…` for requests).
//!
//! A code never changes meaning and a retired code is never reused. The same code appears on
//! the page, in the JSON API, in the log and in `docs/ERRORS.md`.
//!
//! The registry is the one [`ErrorCode`] enum. A new code is a variant here, its written form
//! in `codes/written.rs` ([`ErrorCode::as_str`]), its audience in `codes/audiences.rs`
//! ([`ErrorCode::SIGNER`] or [`ErrorCode::STAFF`]) and a row in `docs/ERRORS.md`. The
//! compiler refuses a variant without a written form; the tests below refuse a listed code
//! that the documentation lacks, or the reverse.

mod audiences;
mod written;

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
    /// `ocs tagd` refused a connection from a user other than its client's (or root).
    TagdPeerRefused,
    /// An initiative's tag rate is above the expected signing rate (an alarm, logged).
    TagRateAlarm,
    /// An initiative's tag rate reached its cap: the statement is refused with 503 and
    /// `Retry-After` until the minute ends.
    TagBusy,
    /// `ocs tagd` does not answer or answers what is not understood.
    TagdUnavailable,
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
