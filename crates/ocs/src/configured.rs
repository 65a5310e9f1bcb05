//! The configuration file's initiatives as definitions for the store: at start the assembly
//! stores them (`InitiativeSetup::seed_configured`), and the catalogue then reads only the
//! store. The file is the seed; the store is the one source of truth.

use anyhow::Context as _;
use ocs_domain::access::Principal;
use ocs_service::audit::Actor;
use ocs_service::setup::{ConfiguredInitiative, InitiativeDefinition, InitiativeSetup, Seeded};

use crate::config::{Config, InitiativeConfig};

/// Who the audit trail names for a configuration-file change.
pub const ACTOR: &str = "configuration file";

/// The definition the store keeps for one configured initiative. The dates are the file's
/// first and last day of collection in the signing time zone.
pub fn definition(config: &Config, entry: &InitiativeConfig) -> ConfiguredInitiative {
    let initiative = &entry.initiative;
    let zone = &config.time_zone;
    let first = initiative.period.start().to_zoned(zone.clone()).date();
    let last = initiative
        .period
        .end()
        .to_zoned(zone.clone())
        .date()
        .yesterday()
        .unwrap_or(first);
    let mut keys = entry.recipients.iter().map(ToString::to_string);
    ConfiguredInitiative {
        id: initiative.id,
        slug: initiative.slug.clone(),
        definition: InitiativeDefinition {
            registration_number: initiative.registration_number.clone(),
            registration_date: initiative.registration_date.to_string(),
            register_url: initiative.register_url.clone(),
            website: initiative.website.clone(),
            language: initiative.translations.original.clone(),
            title: initiative.title.clone(),
            subject: initiative.subject.clone(),
            objectives: initiative.objectives.clone(),
            privacy_notice: initiative.privacy_notice.clone(),
            translations: initiative.translations.texts.clone(),
            organisers: initiative.organisers.clone(),
            storage_country: initiative.storage_country.as_str().to_owned(),
            data_protection: initiative.data_protection.clone(),
            recipient_key: keys.next().unwrap_or_default(),
            authority_keys: std::collections::BTreeMap::new(),
            more_recipient_keys: keys.collect(),
            collection_start: Some(first.to_string()),
            collection_end: Some(last.to_string()),
            regime: Some(initiative.regime),
            configured: true,
        },
    }
}

/// Stores the configured initiatives (created when absent; with `update`, replaced when the
/// file changed them), each change with its audit row. A command-line process passes
/// `update` false: it may read a file that `ocs demo` marks otherwise.
pub async fn seed(config: &Config, setup: &InitiativeSetup, update: bool) -> anyhow::Result<()> {
    let configured: Vec<_> = config
        .initiatives
        .iter()
        .map(|entry| definition(config, entry))
        .collect();
    let right = Principal::operator()
        .can_administer()
        .context("the operator may set up initiatives")?;
    let done = setup
        .seed_configured(
            &Actor::Operator(ACTOR.to_owned()),
            right,
            &configured,
            update,
        )
        .await?;
    let changed = done
        .iter()
        .filter(|(_, seeded)| *seeded != Seeded::Unchanged)
        .count();
    tracing::info!(
        initiatives = done.len(),
        changed,
        "configured initiatives in the store"
    );
    Ok(())
}
