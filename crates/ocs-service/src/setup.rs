//! Setting up initiatives without editing files: create one from the Commission register's
//! XML export or by hand, edit its texts, organisers, privacy notice, storage country and
//! recipient public keys, and put the stored ones into the [`SharedCatalog`] so signing sees
//! them at once (and other nodes at their next [`InitiativeSetup::reload`]).
//!
//! Every change is stored with its audit row in one transaction. The keys, the storage
//! country and the registration data are locked once the initiative is live: statements
//! sealed to the old keys could no longer be opened by the new recipients.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ocs_domain::access::{CanAdminister, CanManage, CanView};
use ocs_domain::initiative::{CollectionPeriod, InitiativeStatus, InitiativeTranslations, Regime};
use ocs_domain::lifecycle::Stage;
use ocs_domain::rules::CountryTable;
use ocs_domain::{Initiative, InitiativeId, Slug};
use ocs_storage::{LifecycleChange, StorageError, StoredInitiative};

use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, stored_entry};
use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::clock::Clock;
use crate::storage::narrow_storage;

mod configured;
mod definition;
mod error;
mod lines;
mod shared_keys;
pub use configured::{ConfiguredInitiative, SeedError, Seeded};
pub use definition::{CheckedDefinition, InitiativeDefinition};
pub use error::SetupError;
pub use lines::{format_authority_keys, format_organisers, parse_authority_keys, parse_organisers};

/// The official languages of the Union: the only codes a text may be given in.
pub const LANGUAGES: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

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
            AuditAction::INITIATIVE_CREATED,
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
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::INITIATIVE_MANAGED,
            Some(id),
            "draft",
        );
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
            AuditAction::INITIATIVE_KEYS
        } else {
            AuditAction::INITIATIVE_EDITED
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
