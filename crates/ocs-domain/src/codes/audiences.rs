//! Who sees which code: the signer's codes (translated on public pages) and the staff's
//! (console and command line), which together make [`ErrorCode::ALL`].

use super::ErrorCode;

impl ErrorCode {
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
        Self::LogNotWitnessed,
        Self::LogNotLatest,
        Self::CrossOrigin,
        Self::FormExpired,
        Self::MailAddressInvalid,
        Self::MailAddressMissing,
        Self::ReceiptNotFound,
        Self::WithdrawalClosed,
        Self::EidMismatch,
    ];

    /// The codes organisers and operators see in the console and on the command line.
    pub const STAFF: [ErrorCode; 89] = [
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
        Self::TagdPeerRefused,
        Self::TagRateAlarm,
        Self::TagBusy,
        Self::TagdUnavailable,
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
