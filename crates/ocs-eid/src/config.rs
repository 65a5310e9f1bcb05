//! eID provider settings: which protocol, where, which client, for which nationalities and
//! initiatives, and how the provider's assurance values map to eIDAS levels.

use std::collections::BTreeMap;
use std::fmt;

use ocs_domain::{CountryCode, Slug};
use secrecy::SecretString;

/// A provider's name in URLs, metrics and the sealed payload: `[a-z0-9-]{1,32}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProviderId(String);

impl ProviderId {
    /// Parses a provider name.
    pub fn parse(text: &str) -> Result<Self, String> {
        let ok = !text.is_empty()
            && text.len() <= 32
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(format!(
                "eID provider name `{text}` must be 1-32 characters of a-z, 0-9 and -"
            ))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// eIDAS levels of assurance (Implementing Regulation 2015/1502).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LevelOfAssurance {
    /// Low.
    Low,
    /// Substantial.
    Substantial,
    /// High.
    High,
}

impl LevelOfAssurance {
    /// Parses `low`, `substantial` or `high`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "low" => Some(Self::Low),
            "substantial" => Some(Self::Substantial),
            "high" => Some(Self::High),
            _ => None,
        }
    }

    /// The lower-case name, as sealed in the statement.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Substantial => "substantial",
            Self::High => "high",
        }
    }
}

/// OpenID Connect settings of one provider.
#[derive(Clone)]
pub struct OidcSettings {
    /// The issuer; `{issuer}/.well-known/openid-configuration` is fetched.
    pub issuer: String,
    /// Our client id at the provider.
    pub client_id: String,
    /// Our client secret (read from a file).
    pub client_secret: SecretString,
    /// Our redirect URL, registered at the provider (`{public_url}/eid/callback`).
    pub redirect_url: String,
    /// Scopes besides `openid`.
    pub scopes: Vec<String>,
    /// `acr_values` to ask for, if any.
    pub acr_values: Option<String>,
    /// The claim holding the person identifier (`sub` unless the provider sends an eIDAS
    /// `person_identifier`).
    pub subject_claim: String,
}

impl fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("redirect_url", &self.redirect_url)
            .finish_non_exhaustive()
    }
}

/// The protocol a provider speaks.
#[derive(Debug, Clone)]
pub enum Protocol {
    /// OpenID Connect.
    Oidc(OidcSettings),
    /// SAML 2.0 (eIDAS nodes).
    Saml(crate::saml::SamlSettings),
}

/// One configured eID provider.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    /// Name in URLs, metrics and the sealed payload.
    pub id: ProviderId,
    /// Shown on the button ("Sign with your national eID (…)").
    pub label: String,
    /// Protocol and its settings.
    pub protocol: Protocol,
    /// Nationalities this provider serves. Its eIDs identify nationals of these states.
    pub nationalities: Vec<CountryCode>,
    /// Initiatives that offer it; empty means all.
    pub initiatives: Vec<Slug>,
    /// Provider assurance value (`acr`, or a SAML `AuthnContextClassRef` that is not an eIDAS
    /// level URI) → eIDAS level.
    pub loa_map: BTreeMap<String, LevelOfAssurance>,
    /// Level given to an absent or unmapped assurance value. `None` (the default) refuses
    /// such a login; an operator may set one explicitly for a provider known to state none.
    pub default_loa: Option<LevelOfAssurance>,
    /// Lowest level accepted.
    pub minimum_loa: LevelOfAssurance,
}

impl ProviderConfig {
    /// Whether this provider is offered to a national of `country` signing `initiative`.
    pub fn serves(&self, initiative: &Slug, country: CountryCode) -> bool {
        self.nationalities.contains(&country)
            && (self.initiatives.is_empty() || self.initiatives.contains(initiative))
    }

    /// The level of assurance for an `acr` value (or SAML class reference): an eIDAS level
    /// URI, else the `loa_map` entry, else `default_loa`. `None` means refuse the login: an
    /// unknown or missing level never becomes a level by itself.
    pub fn level(&self, acr: Option<&str>) -> Option<LevelOfAssurance> {
        let stated = acr.and_then(|acr| {
            [
                LevelOfAssurance::Low,
                LevelOfAssurance::Substantial,
                LevelOfAssurance::High,
            ]
            .into_iter()
            .find(|level| crate::saml::loa_uri(*level) == acr)
            .or_else(|| self.loa_map.get(acr).copied())
        });
        stated.or(self.default_loa)
    }
}
