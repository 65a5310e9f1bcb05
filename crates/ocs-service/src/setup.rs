//! Setting up initiatives without editing files: create one from the Commission register's
//! XML export or by hand, edit its texts, organisers, privacy notice, storage country and
//! recipient public keys, and put the stored ones into the [`SharedCatalog`] so signing sees
//! them at once (and other nodes at their next [`InitiativeSetup::reload`]).
//!
//! Every change is stored with its audit row in one transaction. The keys, the storage
//! country and the registration data are locked once the initiative is live: statements
//! sealed to the old keys could no longer be opened by the new recipients.

use ocs_domain::ErrorCode;
use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ocs_crypto::RecipientPublicKey;
use ocs_domain::access::{CanAdminister, CanManage, CanView};
use ocs_domain::initiative::{
    CollectionPeriod, DataProtection, InitiativeStatus, InitiativeText, InitiativeTranslations,
    Organiser, OrganiserRole, Regime, RegimeError,
};
use ocs_domain::lifecycle::Stage;
use ocs_domain::rules::CountryTable;
use ocs_domain::{CountryCode, Initiative, InitiativeId, Slug};
use ocs_storage::{LifecycleChange, StorageError, StoredInitiative};

use crate::audit::{Actor, AuditEvent, stored_entry};
use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::clock::Clock;
use crate::register::{self, RegisterError};
use crate::storage::narrow_storage;

mod configured;
mod shared_keys;
pub use configured::{ConfiguredInitiative, SeedError, Seeded};

/// The official languages of the Union: the only codes a text may be given in.
pub const LANGUAGES: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

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
    /// ([`InitiativeSetup::seed_configured`]); the console and `ocs initiative` may not edit
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
    fn locked_parts(
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

/// Organisers written one a line as `role; name; address` (role `representative`,
/// `substitute` or `member`; the address may be left out).
pub fn parse_organisers(text: &str) -> Result<Vec<Organiser>, SetupError> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split(';').map(str::trim);
            let role = match parts.next().unwrap_or_default() {
                "representative" => OrganiserRole::Representative,
                "substitute" => OrganiserRole::Substitute,
                "member" => OrganiserRole::Member,
                _ => return Err(SetupError::Missing("the organiser's role")),
            };
            let name = parts.next().unwrap_or_default().to_owned();
            if name.is_empty() {
                return Err(SetupError::Missing("the organiser's name"));
            }
            let email = parts.next().filter(|e| !e.is_empty()).map(str::to_owned);
            Ok(Organiser { name, role, email })
        })
        .collect()
}

/// The inverse of [`parse_organisers`].
pub fn format_organisers(organisers: &[Organiser]) -> String {
    organisers
        .iter()
        .map(|o| {
            let role = match o.role {
                OrganiserRole::Representative => "representative",
                OrganiserRole::Substitute => "substitute",
                OrganiserRole::Member => "member",
            };
            match &o.email {
                Some(email) => format!("{role}; {}; {email}", o.name),
                None => format!("{role}; {}", o.name),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Authority keys written one a line as `DE ocs-pk-1:…`.
pub fn parse_authority_keys(text: &str) -> Result<BTreeMap<String, String>, SetupError> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (country, key) = line
                .split_once(char::is_whitespace)
                .ok_or(SetupError::Missing("the authority's key"))?;
            Ok((country.trim().to_uppercase(), key.trim().to_owned()))
        })
        .collect()
}

/// The inverse of [`parse_authority_keys`].
pub fn format_authority_keys(keys: &BTreeMap<String, String>) -> String {
    keys.iter()
        .map(|(country, key)| format!("{country} {key}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A stored initiative as the console edits it.
#[derive(Debug, Clone)]
pub struct Editable {
    /// The definition.
    pub definition: InitiativeDefinition,
    /// The revision it was read at (send it back with the change).
    pub revision: u64,
    /// Whether the keys, storage country and registration data are locked.
    pub locked: bool,
    /// Defined in the configuration file: shown, but changed only there (`INI-011`).
    pub configured: bool,
}

narrow_storage! {
    /// What the set-up use cases may touch in storage.
    pub struct SetupStorage from ocs_storage::Store {
        /// The stored initiative definitions, each change stored with its audit entry.
        initiatives: InitiativeStore,
        /// Lifecycle stages: a new initiative's first stage, and the lock once it collects.
        lifecycle: LifecycleStore,
    }
}

/// The set-up use cases.
pub struct InitiativeSetup {
    store: SetupStorage,
    catalog: Arc<SharedCatalog>,
    table: Arc<CountryTable>,
    clock: Arc<dyn Clock>,
    time_zone: TimeZone,
    lifecycle: Option<Arc<crate::lifecycle::LifecycleService>>,
    demo: bool,
}

impl InitiativeSetup {
    /// Assembles the service.
    pub fn new(
        store: impl Into<SetupStorage>,
        catalog: Arc<SharedCatalog>,
        table: Arc<CountryTable>,
        clock: Arc<dyn Clock>,
        time_zone: TimeZone,
    ) -> Self {
        Self {
            store: store.into(),
            catalog,
            table,
            clock,
            time_zone,
            lifecycle: None,
            demo: false,
        }
    }

    /// Served by `ocs demo`: the configured initiatives are served under the demo regime
    /// (collecting in their period without certificate or date rules, with the banner). Their
    /// stored definitions keep the file's regime.
    #[must_use]
    pub fn with_demo(mut self, demo: bool) -> Self {
        self.demo = demo;
        self
    }

    /// Refreshes this lifecycle service's board after creating an initiative.
    #[must_use]
    pub fn with_lifecycle(mut self, lifecycle: Arc<crate::lifecycle::LifecycleService>) -> Self {
        self.lifecycle = Some(lifecycle);
        self
    }

    /// The catalogue entry of a stored definition. Its status is `draft`; its period is the
    /// configured one or else a placeholder: the stored lifecycle and its dates decide.
    fn entry(&self, stored: &StoredInitiative) -> Option<CatalogEntry> {
        let definition: InitiativeDefinition = serde_json::from_str(&stored.definition).ok()?;
        let checked = definition.check().ok()?;
        let (start_date, end_date, max_months) = match checked.collection {
            // The configuration check held it to the configured maximum.
            Some((first, last)) => (first, last.tomorrow().ok()?, i8::MAX),
            None => (
                checked.registration_date,
                checked
                    .registration_date
                    .checked_add(jiff::Span::new().months(12))
                    .ok()?,
                12,
            ),
        };
        let start = start_date.to_zoned(self.time_zone.clone()).ok()?;
        let end = end_date.to_zoned(self.time_zone.clone()).ok()?;
        let period = CollectionPeriod::new(
            start.timestamp(),
            end.timestamp(),
            start_date,
            end_date,
            max_months,
        )
        .ok()?;
        let initiative = Initiative {
            id: stored.id,
            slug: stored.slug.clone(),
            registration_number: definition.registration_number.trim().to_owned(),
            registration_date: checked.registration_date,
            title: definition.title,
            subject: definition.subject,
            objectives: definition.objectives,
            organisers: definition.organisers,
            register_url: definition.register_url,
            website: definition.website,
            privacy_notice: definition.privacy_notice,
            period,
            status: InitiativeStatus::Draft,
            translations: InitiativeTranslations {
                original: definition.language,
                texts: definition.translations,
            },
            regime: if self.demo && definition.configured {
                Regime::Demo
            } else {
                checked.regime
            },
            storage_country: checked.storage_country,
            data_protection: definition.data_protection,
        };
        Some(CatalogEntry {
            minimums: self.table.minimums_for(checked.registration_date),
            initiative,
            recipients: std::iter::once(checked.recipient)
                .chain(checked.more_recipients)
                .collect(),
            authority_keys: checked.authority_keys,
            stored: true,
        })
    }

    /// Reads the stored initiatives into the catalogue (the only source it has); returns how
    /// many are served. One that cannot be read is left out (logged).
    pub async fn reload(&self) -> Result<usize, StorageError> {
        let stored = self.store.initiatives.stored_initiatives().await?;
        let mut entries = Vec::with_capacity(stored.len());
        for row in &stored {
            if let Some(entry) = self.entry(row) {
                entries.push(entry);
            } else {
                tracing::error!(initiative = %row.id, "stored initiative unreadable");
            }
        }
        let served = entries.len();
        for left_out in self.catalog.replace(entries) {
            tracing::warn!(
                initiative = %left_out.initiative.id,
                "stored initiative clashes with another; not served"
            );
        }
        Ok(served)
    }

    async fn stored(&self, id: InitiativeId) -> Result<StoredInitiative, SetupError> {
        self.store
            .initiatives
            .stored_initiatives()
            .await?
            .into_iter()
            .find(|row| row.id == id)
            .ok_or(SetupError::NotFound)
    }

    /// Creates an initiative (host administrators), with a `draft` lifecycle. Returns its
    /// slug.
    #[tracing::instrument(skip_all)]
    pub async fn create(
        &self,
        actor: &Actor,
        _right: CanAdminister,
        slug: &str,
        definition: InitiativeDefinition,
    ) -> Result<Slug, SetupError> {
        let slug = Slug::parse(slug.trim()).map_err(|_| SetupError::BadSlug)?;
        if definition.configured {
            return Err(SetupError::Configured);
        }
        definition.check()?;
        let number = definition.registration_number.trim().to_owned();
        let catalog = self.catalog.load();
        if catalog.by_slug(&slug).is_some()
            || catalog
                .all()
                .iter()
                .any(|e| e.initiative.registration_number == number)
        {
            return Err(SetupError::Taken);
        }
        self.refuse_shared_keys(None, &definition).await?;
        let stored = self.store.initiatives.stored_initiatives().await?;
        let next = catalog
            .all()
            .iter()
            .map(|e| e.initiative.id.get())
            .chain(stored.iter().map(|row| row.id.get()))
            .max()
            .unwrap_or(0)
            .checked_add(1)
            .ok_or(SetupError::Taken)?;
        let id = InitiativeId::new(next);
        let now = self.clock.now();
        let row = StoredInitiative {
            id,
            slug: slug.clone(),
            registration_number: number.clone(),
            definition: serde_json::to_string(&definition)
                .map_err(|e| SetupError::Storage(StorageError::Other(Box::new(e))))?,
            revision: 1,
            updated_at: now,
        };
        let event = AuditEvent::new(
            actor.clone(),
            "initiative.created",
            Some(id),
            format!("{slug} {number}"),
        );
        self.store
            .initiatives
            .save_initiative(row, None, stored_entry(event, now))
            .await
            .map_err(|error| match error {
                StorageError::Conflict => SetupError::Taken,
                other => other.into(),
            })?;
        let change = LifecycleChange::Stage {
            from: None,
            to: Stage::Draft,
            reason: String::new(),
            erase_test_statements: false,
        };
        let event = AuditEvent::new(actor.clone(), "initiative.managed", Some(id), "draft");
        match self
            .store
            .lifecycle
            .change_lifecycle(id, change, stored_entry(event, now))
            .await
        {
            Ok(_) | Err(StorageError::Conflict) => {}
            Err(other) => return Err(other.into()),
        }
        self.after_change().await?;
        tracing::info!(initiative = %id, "initiative created");
        Ok(slug)
    }

    async fn after_change(&self) -> Result<(), SetupError> {
        self.reload().await?;
        if let Some(lifecycle) = &self.lifecycle {
            lifecycle.refresh().await?;
        }
        Ok(())
    }

    async fn stage(&self, id: InitiativeId) -> Result<Stage, SetupError> {
        Ok(self
            .store
            .lifecycle
            .lifecycle(id)
            .await?
            .map_or(Stage::Draft, |record| record.stage))
    }

    /// The stored definition of `right`'s initiative, for the edit form.
    pub async fn editable(&self, right: CanView) -> Result<Editable, SetupError> {
        let id = right.initiative();
        let stored = self.stored(id).await?;
        let definition: InitiativeDefinition = serde_json::from_str(&stored.definition)
            .map_err(|e| SetupError::Storage(StorageError::Other(Box::new(e))))?;
        Ok(Editable {
            configured: definition.configured,
            definition,
            revision: stored.revision,
            locked: !matches!(self.stage(id).await?, Stage::Draft | Stage::Test),
        })
    }

    /// Replaces the definition read at `revision`. Keys, storage country and registration
    /// data may change only in `draft` and `test`; nothing may change once closed.
    #[tracing::instrument(skip_all, fields(initiative = %right.initiative()))]
    pub async fn update(
        &self,
        actor: &Actor,
        right: CanManage,
        definition: InitiativeDefinition,
        revision: u64,
    ) -> Result<(), SetupError> {
        let id = right.initiative();
        let stored = self.stored(id).await?;
        let before: InitiativeDefinition = serde_json::from_str(&stored.definition)
            .map_err(|e| SetupError::Storage(StorageError::Other(Box::new(e))))?;
        // The configuration file is its one source (changed there, stored at the next start):
        // refused whatever the form holds.
        if before.configured || definition.configured {
            return Err(SetupError::Configured);
        }
        definition.check()?;
        let stage = self.stage(id).await?;
        if matches!(
            stage,
            Stage::Closed | Stage::Submitted | Stage::Withdrawn | Stage::Destroyed
        ) {
            return Err(SetupError::Closed);
        }
        let locked = !matches!(stage, Stage::Draft | Stage::Test);
        if locked && before.locked_parts() != definition.locked_parts() {
            return Err(SetupError::Locked);
        }
        let keys_changed = before.recipient_key.trim() != definition.recipient_key.trim()
            || before.authority_keys != definition.authority_keys;
        if keys_changed {
            self.refuse_shared_keys(Some(id), &definition).await?;
        }
        let now = self.clock.now();
        let row = StoredInitiative {
            id,
            slug: stored.slug.clone(),
            registration_number: definition.registration_number.trim().to_owned(),
            definition: serde_json::to_string(&definition)
                .map_err(|e| SetupError::Storage(StorageError::Other(Box::new(e))))?,
            revision: revision.saturating_add(1),
            updated_at: now,
        };
        let action = if keys_changed {
            "initiative.keys"
        } else {
            "initiative.edited"
        };
        let event = AuditEvent::new(
            actor.clone(),
            action,
            Some(id),
            format!("revision {}", row.revision),
        );
        self.store
            .initiatives
            .save_initiative(row, Some(revision), stored_entry(event, now))
            .await?;
        self.after_change().await
    }

    /// Sets the organisers' key and the authorities' keys (the CLI's `set-keys`).
    pub async fn set_keys(
        &self,
        actor: &Actor,
        right: CanManage,
        recipient_key: &str,
        authority_keys: BTreeMap<String, String>,
    ) -> Result<(), SetupError> {
        let view = right.view();
        let editable = self.editable(view).await?;
        let mut definition = editable.definition;
        recipient_key
            .trim()
            .clone_into(&mut definition.recipient_key);
        definition.authority_keys = authority_keys;
        self.update(actor, right, definition, editable.revision)
            .await
    }

    /// The time a change is stamped with.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
