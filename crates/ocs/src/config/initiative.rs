//! `[[initiatives]]`: the initiatives the file declares, checked into `InitiativeConfig`s.

use anyhow::{Context as _, anyhow, bail};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ocs_crypto::RecipientPublicKey;
use ocs_domain::initiative::PeriodError;
use ocs_domain::retention::LifecycleDates;
use ocs_domain::{CollectionPeriod, Initiative, InitiativeId, InitiativeStatus, Organiser, Slug};
use serde::{Deserialize, Serialize};

/// One `[[initiatives]]` entry as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawInitiative {
    pub(super) id: u32,
    pub(super) slug: String,
    pub(super) registration_number: String,
    pub(super) registration_date: String,
    pub(super) title: String,
    pub(super) subject: String,
    pub(super) objectives: String,
    #[serde(default)]
    pub(super) organisers: Vec<Organiser>,
    pub(super) register_url: String,
    pub(super) website: Option<String>,
    pub(super) privacy_notice: String,
    /// Language of the texts above (an EU language code); English when absent.
    #[serde(default)]
    pub(super) language: Option<String>,
    /// The texts in further languages: `[initiatives.translations.de] title = "…"`.
    #[serde(default)]
    pub(super) translations:
        std::collections::BTreeMap<String, ocs_domain::initiative::InitiativeText>,
    /// First day of collection, in the signing time zone.
    pub(super) collection_start: String,
    /// Last day of collection (inclusive), in the signing time zone.
    pub(super) collection_end: String,
    /// Ignored since the lifecycle stage lives in the database (`ocs initiative`, the
    /// console); still read so that older files load. Start-up warns when it is set.
    #[serde(default)]
    pub(super) status: Option<InitiativeStatus>,
    pub(super) recipient_keys: Vec<String>,
    /// Day of submission to the Commission (starts the one-month destruction deadline).
    #[serde(default)]
    pub(super) submitted_on: Option<String>,
    /// Day the organisers withdrew the initiative (starts the one-month deadline).
    #[serde(default)]
    pub(super) withdrawn_on: Option<String>,
    /// `eci` or `national`; required (an `eci` registered after 2022 is refused; `demo`
    /// is set only by `ocs demo`).
    pub(super) regime: ocs_domain::Regime,
    /// Member state where the statements are stored (two letters); required.
    pub(super) storage_country: String,
    /// `[initiatives.data_protection]`: the controller's legal entity and the DPO, if any.
    #[serde(default)]
    pub(super) data_protection: ocs_domain::initiative::DataProtection,
}

/// One hosted initiative, checked.
#[derive(Debug, Clone)]
pub struct InitiativeConfig {
    /// Register data, period and status.
    pub initiative: Initiative,
    /// Recipient public keys.
    pub recipients: Vec<RecipientPublicKey>,
    /// The dates the retention deadline depends on.
    pub lifecycle: LifecycleDates,
    /// The `status` the file still gives, ignored: the stored stage decides.
    pub ignored_status: Option<InitiativeStatus>,
}

fn date(text: &str, what: &str, slug: &str) -> anyhow::Result<Date> {
    text.parse()
        .with_context(|| format!("initiative {slug}: {what} = {text:?} is not a YYYY-MM-DD date"))
}

/// What the public pages show: official languages, a regime a served initiative may have,
/// and links that are `https:` only (`http:` to loopback, `INI-018`).
fn check_public_parts(slug: &Slug, raw: &RawInitiative) -> anyhow::Result<()> {
    for lang in raw.language.iter().chain(raw.translations.keys()) {
        if !ocs_web::i18n::OFFICIAL_LANGUAGES.contains(&lang.as_str()) {
            bail!(
                "initiative {slug}: language {lang:?} is not an official EU language code \
                 (bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv)"
            );
        }
    }
    if raw.regime.is_demo() {
        bail!(
            "initiative {slug}: regime = \"demo\" is set only by `ocs demo`; a served \
             initiative is \"eci\" or \"national\""
        );
    }
    if !ocs_domain::initiative::is_safe_link(&raw.register_url) {
        bail!("initiative {slug}: register_url must be an https:// address (INI-018)");
    }
    if let Some(website) = raw.website.as_deref()
        && !ocs_domain::initiative::is_safe_link(website)
    {
        bail!("initiative {slug}: website must be an https:// address (INI-018)");
    }
    Ok(())
}

pub(super) fn check_initiative(
    raw: RawInitiative,
    zone: &TimeZone,
    max_months: i8,
) -> anyhow::Result<InitiativeConfig> {
    let slug = Slug::parse(&raw.slug).with_context(|| format!("initiative slug {:?}", raw.slug))?;
    let registration_date = date(&raw.registration_date, "registration_date", &raw.slug)?;
    raw.regime
        .check_registration(registration_date)
        .with_context(|| format!("initiative {slug}: regime"))?;
    let storage_country =
        ocs_domain::CountryCode::parse(raw.storage_country.trim()).map_err(|_| {
            anyhow!(
                "INI-015: initiative {slug}: storage_country {:?} is not a member state code; \
                 name the member state where the statements are stored (e.g. \"BE\")",
                raw.storage_country
            )
        })?;
    let start_date = date(&raw.collection_start, "collection_start", &raw.slug)?;
    let last_date = date(&raw.collection_end, "collection_end", &raw.slug)?;
    let end_date = last_date
        .tomorrow()
        .with_context(|| format!("initiative {slug}: collection_end out of range"))?;
    let start = start_date
        .to_zoned(zone.clone())
        .with_context(|| format!("initiative {slug}: collection_start"))?
        .timestamp();
    let end = end_date
        .to_zoned(zone.clone())
        .with_context(|| format!("initiative {slug}: collection_end"))?
        .timestamp();
    let period = CollectionPeriod::new(start, end, start_date, end_date, max_months).map_err(
        |e| match e {
            PeriodError::TooLong { max_months } => anyhow!(
                "initiative {slug}: the collection period may last at most {max_months} months \
                 (collection_end is the last day)"
            ),
            PeriodError::EndBeforeStart => {
                anyhow!("initiative {slug}: collection_end is before collection_start")
            }
        },
    )?;
    check_public_parts(&slug, &raw)?;
    if raw.recipient_keys.is_empty() {
        bail!(
            "initiative {slug}: recipient_keys is empty; make a key pair with `ocs keygen --out \
             PREFIX` and put the public key here"
        );
    }
    let optional_date = |text: &Option<String>, what: &str| {
        text.as_deref()
            .map(|text| date(text, what, &raw.slug))
            .transpose()
    };
    let lifecycle = LifecycleDates {
        collection_start: Some(start_date),
        submitted_on: optional_date(&raw.submitted_on, "submitted_on")?,
        withdrawn_on: optional_date(&raw.withdrawn_on, "withdrawn_on")?,
    };
    let recipients = raw
        .recipient_keys
        .iter()
        .map(|k| {
            RecipientPublicKey::parse(k)
                .map_err(|e| anyhow!("initiative {slug}: recipient key {k:?}: {e}"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(InitiativeConfig {
        initiative: Initiative {
            id: InitiativeId::new(raw.id),
            slug,
            registration_number: raw.registration_number,
            registration_date,
            title: raw.title,
            subject: raw.subject,
            objectives: raw.objectives,
            organisers: raw.organisers,
            register_url: raw.register_url,
            website: raw.website,
            privacy_notice: raw.privacy_notice,
            period,
            // The stored lifecycle stage decides (`ocs_domain::lifecycle::statement_mode`).
            status: InitiativeStatus::Draft,
            translations: ocs_domain::initiative::InitiativeTranslations {
                original: raw.language.unwrap_or_else(|| "en".to_owned()),
                texts: raw.translations,
            },
            regime: raw.regime,
            storage_country,
            data_protection: raw.data_protection,
        },
        recipients,
        lifecycle,
        ignored_status: raw.status,
    })
}
