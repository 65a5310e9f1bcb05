//! What an eID returns about a person, and why an eID login can fail.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The identity an eID provider vouched for. Personal data: never logged (`Debug` hides
/// it), carried only sealed, wiped on drop.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct EidIdentity {
    /// The provider's name.
    pub provider: String,
    /// Given names as the eID states them.
    pub given_names: String,
    /// Family names as the eID states them.
    pub family_names: String,
    /// Date of birth (ISO), when the eID states it.
    pub birth_date: Option<String>,
    /// The provider's persistent identifier of the person (`sub` or an eIDAS
    /// `person_identifier`), namespaced by the issuer.
    pub subject: String,
    /// The nationality the eID states, as an EU code, when it states one.
    pub nationality: Option<String>,
    /// eIDAS level of assurance (`low`, `substantial`, `high`).
    pub loa: String,
}

impl EidIdentity {
    /// The date of birth, parsed.
    pub fn birth_date(&self) -> Option<Date> {
        self.birth_date.as_deref().and_then(|d| d.parse().ok())
    }
}

impl fmt::Debug for EidIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EidIdentity")
            .field("provider", &self.provider)
            .field("loa", &self.loa)
            .finish_non_exhaustive()
    }
}

/// Why an eID login did not give an identity. Each has a metric label and a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EidFailure {
    /// The signer cancelled at the provider.
    #[error("cancelled at the provider")]
    Cancelled,
    /// The login took too long, or the ID token is expired or not yet valid.
    #[error("timed out or expired")]
    Expired,
    /// The `state` does not match the login this browser started (or there is none).
    #[error("state mismatch")]
    State,
    /// The ID token's `nonce` is not the one sent.
    #[error("nonce mismatch")]
    Nonce,
    /// The ID token's signature does not verify with the provider's keys.
    #[error("bad signature")]
    Signature,
    /// The ID token's issuer, audience or identity claims are wrong or missing.
    #[error("bad or missing claims")]
    Claims,
    /// The eID belongs to a national of another state than the form chosen.
    #[error("wrong nationality")]
    Nationality,
    /// The person is below the minimum age of their state.
    #[error("under age")]
    UnderAge,
    /// The eID's level of assurance is below the configured minimum.
    #[error("level of assurance too low")]
    Assurance,
    /// The provider could not be reached or answered an error.
    #[error("provider unavailable")]
    Provider,
    /// The form was sent with values other than the eID's in locked fields.
    #[error("locked values changed")]
    Mismatch,
}

impl EidFailure {
    /// Every reason, for metrics.
    pub const ALL: [EidFailure; 11] = [
        Self::Cancelled,
        Self::Expired,
        Self::State,
        Self::Nonce,
        Self::Signature,
        Self::Claims,
        Self::Nationality,
        Self::UnderAge,
        Self::Assurance,
        Self::Provider,
        Self::Mismatch,
    ];

    /// The metric label and URL value.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::State => "state",
            Self::Nonce => "nonce",
            Self::Signature => "signature",
            Self::Claims => "claims",
            Self::Nationality => "nationality",
            Self::UnderAge => "under_age",
            Self::Assurance => "assurance",
            Self::Provider => "provider",
            Self::Mismatch => "mismatch",
        }
    }

    /// Parses a reason label.
    pub fn from_reason(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.reason() == text)
    }

    /// The Fluent message id shown to the signer.
    pub fn message_id(self) -> String {
        format!("eid-failure-{}", self.reason().replace('_', "-"))
    }
}

impl EidIdentity {
    /// The form fields this identity fills for a state's form, with their values: names,
    /// and the date of birth where the form asks for it. These are locked on the form.
    pub fn locked_values(&self, rules: &ocs_domain::rules::CountryRules) -> Vec<(String, String)> {
        use ocs_domain::rules::FieldKey;
        let mut locked = Vec::new();
        let mut lock = |key: FieldKey, value: Option<&str>| {
            if let Some(value) = value
                && rules.fields.contains(&key)
            {
                locked.push((key.as_str().to_owned(), value.to_owned()));
            }
        };
        lock(FieldKey::FullFirstNames, Some(&self.given_names));
        lock(FieldKey::FamilyNames, Some(&self.family_names));
        lock(FieldKey::DateOfBirth, self.birth_date.as_deref());
        locked
    }
}
