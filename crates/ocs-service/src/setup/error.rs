//! Why a set-up step was refused, with its stable code.

use ocs_domain::ErrorCode;
use ocs_domain::Slug;
use ocs_domain::initiative::RegimeError;
use ocs_storage::StorageError;

use crate::register::RegisterError;

/// Why a set-up step was refused; nothing was stored. Each has a stable code (`INI-…`, or
/// the register file's `REG-…`).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The slug is not 1–64 characters of `a-z`, `0-9`, `-`.
    #[error("the slug must be 1 to 64 characters of a-z, 0-9 and '-'")]
    BadSlug,
    /// Not `ECI(YYYY)NNNNNN`.
    #[error("the registration number must look like ECI(2026)000001")]
    BadRegistrationNumber,
    /// A date is not `YYYY-MM-DD`.
    #[error("a date must be written YYYY-MM-DD")]
    BadDate,
    /// A required text is empty.
    #[error("{0} must not be empty")]
    Missing(&'static str),
    /// Not one of the 24 official languages.
    #[error("{0:?} is not an official language code of the Union")]
    BadLanguage(String),
    /// The data-storage country is not a member state.
    #[error("the data must be stored in a member state of the Union")]
    NotMemberState,
    /// A key is not an `ocs-pk-1:` public key (a private key is refused too).
    #[error("{0}")]
    BadKey(String),
    /// The register file was refused.
    #[error(transparent)]
    Register(#[from] RegisterError),
    /// The number, slug or registration number is already used.
    #[error("another initiative already has this slug or registration number")]
    Taken,
    /// No stored initiative by that name.
    #[error("no such initiative set up in the console")]
    NotFound,
    /// Keys, storage country or registration data changed after going live.
    #[error(
        "keys, storage country and registration data cannot change once the initiative is live"
    )]
    Locked,
    /// The initiative comes from the configuration file; edit it there.
    #[error("this initiative is defined in the configuration file")]
    Configured,
    /// Someone else changed it at the same time.
    #[error("the initiative was changed at the same time; reload and try again")]
    Conflict,
    /// The collection is over: nothing may change.
    #[error("the initiative is closed; its set-up cannot change")]
    Closed,
    /// A link is not an `https:` address (`http:` only for a loopback host).
    #[error("{0} must be an https:// address")]
    UnsafeLink(&'static str),
    /// The store failed; nothing was changed.
    #[error("storage: {0}")]
    Storage(StorageError),
    /// The regime's rule refuses the registration date (an ECI registered after 2022).
    #[error(transparent)]
    Regime(#[from] RegimeError),
    /// No storage country was given (every initiative needs one: its authority certifies
    /// the system).
    #[error("the storage country (the member state where the statements are stored) is required")]
    StorageCountryMissing,
    /// No regime was chosen.
    #[error("the regime is required: eci or national")]
    RegimeMissing,
    /// `demo` was chosen: only `ocs demo` serves a demonstration, which collects without a
    /// certificate, so it cannot be set up in the console or the CLI.
    #[error("the regime demo is set only by `ocs demo`; choose eci or national")]
    DemoRegime,
    /// A recipient public key is already a recipient key of another initiative: each
    /// initiative needs its own key pairs, destroyed with its data (ADR 0011).
    #[error(
        "the key {key} is already used by initiative {other}; make a new key pair for this \
         initiative (`ocs keygen`)"
    )]
    SharedKey {
        /// The key's first characters.
        key: String,
        /// The initiative that uses it.
        other: Slug,
    },
}

impl SetupError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadSlug => ErrorCode::InitiativeBadSlug,
            Self::BadRegistrationNumber => ErrorCode::InitiativeBadRegistrationNumber,
            Self::BadDate => ErrorCode::InitiativeBadDate,
            Self::Missing(_) => ErrorCode::InitiativeMissing,
            Self::BadLanguage(_) => ErrorCode::InitiativeBadLanguage,
            Self::NotMemberState => ErrorCode::InitiativeNotMemberState,
            Self::BadKey(_) => ErrorCode::InitiativeBadKey,
            Self::Register(error) => error.code(),
            Self::Taken => ErrorCode::InitiativeTaken,
            Self::NotFound => ErrorCode::InitiativeNotStored,
            Self::Locked => ErrorCode::InitiativeLocked,
            Self::Configured => ErrorCode::InitiativeConfigured,
            Self::Conflict => ErrorCode::InitiativeConflict,
            Self::Closed => ErrorCode::InitiativeClosed,
            Self::UnsafeLink(_) => ErrorCode::InitiativeUnsafeLink,
            Self::Storage(_) => ErrorCode::InitiativeStorage,
            Self::Regime(error) => error.code(),
            Self::StorageCountryMissing => ErrorCode::InitiativeStorageCountryMissing,
            Self::RegimeMissing => ErrorCode::InitiativeRegimeMissing,
            Self::DemoRegime => ErrorCode::InitiativeDemoRegime,
            Self::SharedKey { .. } => ErrorCode::InitiativeSharedKey,
        }
    }
}

impl From<StorageError> for SetupError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::Conflict => Self::Conflict,
            StorageError::NotFound => Self::NotFound,
            other => Self::Storage(other),
        }
    }
}
