//! An initiative's definition as the console and the configuration file give it (all text),
//! and its check into catalogue values.

use std::collections::BTreeMap;

use jiff::civil::Date;
use ocs_crypto::RecipientPublicKey;
use ocs_domain::CountryCode;
use ocs_domain::initiative::{DataProtection, InitiativeText, Organiser, Regime};

use super::{LANGUAGES, SetupError};
use crate::register::{self, RegisterError};

/// An initiative's definition as stored (JSON), all text; [`InitiativeDefinition::check`]
/// turns it into catalogue values.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeDefinition {
    /// `ECI(YYYY)NNNNNN`.
    pub registration_number: String,
    /// `YYYY-MM-DD`.
    pub registration_date: String,
    /// The initiative's page in the Commission register.
    pub register_url: String,
    /// The organisers' website.
    #[serde(default)]
    pub website: Option<String>,
    /// Language of the texts below.
    pub language: String,
    /// Title.
    pub title: String,
    /// Subject matter.
    pub subject: String,
    /// Main objectives.
    pub objectives: String,
    /// The organisers' privacy notice.
    pub privacy_notice: String,
    /// The texts in further languages.
    #[serde(default)]
    pub translations: BTreeMap<String, InitiativeText>,
    /// The citizens' committee; the representative and the substitute are the contact
    /// persons and carry an address.
    #[serde(default)]
    pub organisers: Vec<Organiser>,
    /// Member state where the statements are stored (two letters).
    pub storage_country: String,
    /// Under which rules it is collected (`eci`, `national`, `demo`); required.
    #[serde(default)]
    pub regime: Option<Regime>,
    /// The controller's legal entity and the data protection officer, if any.
    #[serde(default)]
    pub data_protection: DataProtection,
    /// The organisers' recipient public key (`ocs-pk-1:…`).
    pub recipient_key: String,
    /// Optional per member state: that authority's public key.
    #[serde(default)]
    pub authority_keys: BTreeMap<String, String>,
    /// Further organisers' keys (`ocs-pk-1:…`): every statement is sealed to each. Only the
    /// configuration file sets them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_recipient_keys: Vec<String>,
    /// First day of collection (`YYYY-MM-DD`) when the configuration file sets the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_start: Option<String>,
    /// Last day of collection (`YYYY-MM-DD`, inclusive), with `collection_start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_end: Option<String>,
    /// Defined in the configuration file: start-up creates and updates it
    /// ([`InitiativeSetup::seed_configured`](super::InitiativeSetup::seed_configured)); the console and `ocs initiative` may not edit
    /// it (`INI-011`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub configured: bool,
}

/// A definition whose every part was checked.
#[derive(Debug, Clone)]
pub struct CheckedDefinition {
    /// Registration date.
    pub registration_date: Date,
    /// Storage country.
    pub storage_country: CountryCode,
    /// The regime.
    pub regime: Regime,
    /// The organisers' key.
    pub recipient: RecipientPublicKey,
    /// The organisers' further keys (configured initiatives).
    pub more_recipients: Vec<RecipientPublicKey>,
    /// First and last day of collection, when set.
    pub collection: Option<(Date, Date)>,
    /// The authorities' keys.
    pub authority_keys: BTreeMap<CountryCode, RecipientPublicKey>,
}

fn parse_key(text: &str, what: &str) -> Result<RecipientPublicKey, SetupError> {
    RecipientPublicKey::parse(text).map_err(|error| SetupError::BadKey(format!("{what}: {error}")))
}

/// `ECI(YYYY)NNNNNN`.
fn registration_number_ok(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 15
        && text.starts_with("ECI(")
        && bytes.get(8) == Some(&b')')
        && bytes
            .iter()
            .enumerate()
            .filter(|(index, _)| (4..8).contains(index) || *index >= 9)
            .all(|(_, byte)| byte.is_ascii_digit())
}

impl InitiativeDefinition {
    /// Checks every part: registration number and date, the texts, the languages, the
    /// storage country and the keys.
    pub fn check(&self) -> Result<CheckedDefinition, SetupError> {
        // A national initiative (or `ocs demo`'s) has a number of its own form; the
        // configuration file's numbers were never held to the register's form (older files,
        // `ocs demo`'s `ECI(DEMO)…`), so they need only be present.
        let number = self.registration_number.trim();
        let number_ok =
            if !matches!(self.regime, Some(Regime::National | Regime::Demo)) && !self.configured {
                registration_number_ok(number)
            } else {
                !number.is_empty()
            };
        if !number_ok {
            return Err(SetupError::BadRegistrationNumber);
        }
        let registration_date = self
            .registration_date
            .trim()
            .parse::<Date>()
            .map_err(|_| SetupError::BadDate)?;
        for (value, what) in [
            (&self.title, "the title"),
            (&self.subject, "the subject matter"),
            (&self.objectives, "the objectives"),
            (&self.privacy_notice, "the privacy notice"),
            (&self.register_url, "the register address"),
        ] {
            if value.trim().is_empty() {
                return Err(SetupError::Missing(what));
            }
        }
        // The register file's links too: they become links on the public page.
        if !ocs_domain::initiative::is_safe_link(&self.register_url) {
            return Err(SetupError::UnsafeLink("the register address"));
        }
        if let Some(website) = self.website.as_deref().filter(|w| !w.trim().is_empty())
            && !ocs_domain::initiative::is_safe_link(website)
        {
            return Err(SetupError::UnsafeLink("the website"));
        }
        for code in std::iter::once(&self.language).chain(self.translations.keys()) {
            if !LANGUAGES.contains(&code.as_str()) {
                return Err(SetupError::BadLanguage(code.clone()));
            }
        }
        for text in self.translations.values() {
            if text.title.trim().is_empty() {
                return Err(SetupError::Missing("the title"));
            }
        }
        let regime = self.regime.ok_or(SetupError::RegimeMissing)?;
        // The demonstration exemption comes only from `ocs demo`'s configuration.
        if regime.is_demo() && !self.configured {
            return Err(SetupError::DemoRegime);
        }
        regime.check_registration(registration_date)?;
        if self.storage_country.trim().is_empty() {
            return Err(SetupError::StorageCountryMissing);
        }
        let storage_country = CountryCode::parse(self.storage_country.trim())
            .map_err(|_| SetupError::NotMemberState)?;
        if self.recipient_key.trim().is_empty() {
            return Err(SetupError::Missing("the organisers' public key"));
        }
        let recipient = parse_key(&self.recipient_key, "the organisers' key")?;
        let more_recipients = self
            .more_recipient_keys
            .iter()
            .map(|key| parse_key(key, "the organisers' key"))
            .collect::<Result<Vec<_>, _>>()?;
        let collection = match (&self.collection_start, &self.collection_end) {
            (None, None) => None,
            (Some(first), Some(last)) => {
                let first = first
                    .trim()
                    .parse::<Date>()
                    .map_err(|_| SetupError::BadDate)?;
                let last = last
                    .trim()
                    .parse::<Date>()
                    .map_err(|_| SetupError::BadDate)?;
                if last < first {
                    return Err(SetupError::BadDate);
                }
                Some((first, last))
            }
            _ => return Err(SetupError::BadDate),
        };
        let mut authority_keys = BTreeMap::new();
        for (country, key) in &self.authority_keys {
            let country =
                CountryCode::parse(country.trim()).map_err(|_| SetupError::NotMemberState)?;
            authority_keys.insert(country, parse_key(key, country.as_str())?);
        }
        Ok(CheckedDefinition {
            registration_date,
            storage_country,
            regime,
            recipient,
            more_recipients,
            collection,
            authority_keys,
        })
    }

    /// Fills the register data from the Commission's XML export (read with
    /// [`register::read_limited`]); keeps the privacy notice, storage country and keys.
    pub fn with_register(mut self, xml: &str) -> Result<Self, SetupError> {
        let parsed = register::parse(xml)?;
        let original = parsed
            .original()
            .ok_or(SetupError::Register(RegisterError::Original))?;
        self.registration_number
            .clone_from(&parsed.registration_number);
        self.registration_date = parsed.registration_date.to_string();
        self.register_url.clone_from(&parsed.register_url);
        self.language.clone_from(&original.code);
        self.title.clone_from(&original.title);
        self.subject.clone_from(&original.subject);
        self.objectives.clone_from(&original.description);
        self.website.clone_from(&original.site);
        self.translations = parsed
            .languages
            .iter()
            .filter(|texts| !texts.original && LANGUAGES.contains(&texts.code.as_str()))
            .map(|texts| {
                (
                    texts.code.clone(),
                    InitiativeText {
                        title: texts.title.clone(),
                        subject: texts.subject.clone(),
                        objectives: texts.description.clone(),
                        privacy_notice: None,
                    },
                )
            })
            .collect();
        self.organisers = parsed
            .organisers
            .iter()
            .map(|organiser| Organiser {
                name: organiser.name.clone(),
                role: organiser.role(),
                email: organiser.email.clone(),
            })
            .collect();
        Ok(self)
    }

    /// The parts that lock once the initiative is live.
    #[expect(clippy::type_complexity, reason = "compared as one tuple")]
    pub(super) fn locked_parts(
        &self,
    ) -> (
        &str,
        &str,
        &str,
        &str,
        &BTreeMap<String, String>,
        &[String],
        Option<Regime>,
    ) {
        (
            self.registration_number.trim(),
            self.registration_date.trim(),
            self.storage_country.trim(),
            self.recipient_key.trim(),
            &self.authority_keys,
            &self.more_recipient_keys,
            self.regime,
        )
    }
}
