//! The configuration file's initiatives enter the store at start: created when absent,
//! updated when their definition changed, each with its audit row; unchanged ones cause no
//! write. Safe when several nodes start at once (an insert that loses the race, or a
//! revision another node moved, is read again and compared).

use ocs_domain::access::CanAdminister;
use ocs_domain::lifecycle::Stage;
use ocs_domain::{InitiativeId, Slug};
use ocs_storage::{StorageError, StoredInitiative};

use super::{InitiativeDefinition, InitiativeSetup, SetupError};
use crate::audit::AuditAction;
use crate::audit::{Actor, AuditEvent, stored_entry};

/// How many times a save that lost a race with another node is read again and retried.
const ATTEMPTS: usize = 5;

/// One initiative of the configuration file, as the store keeps it.
#[derive(Debug, Clone)]
pub struct ConfiguredInitiative {
    /// Its number in the file.
    pub id: InitiativeId,
    /// Its URL name in the file.
    pub slug: Slug,
    /// Everything else the file says (`configured` is set on seeding).
    pub definition: InitiativeDefinition,
}

/// What seeding did with one configured initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seeded {
    /// It was not stored: created (`initiative.configured-created`).
    Created,
    /// Its stored definition differed: replaced (`initiative.configured-updated`).
    Updated,
    /// Stored as the file says: nothing written.
    Unchanged,
}

/// A configured initiative the store cannot take; the start stops.
#[derive(Debug, thiserror::Error)]
#[error("configured initiative {slug}: {source} ({code})", code = source.code())]
pub struct SeedError {
    /// Which one.
    pub slug: Slug,
    /// Why (`INI-…`): a clash with a console-created initiative (`INI-008`), locked keys or
    /// registration data of a live initiative (`INI-010`), a closed one (`INI-013`), a bad
    /// value.
    #[source]
    pub source: SetupError,
}

fn to_json(definition: &InitiativeDefinition) -> Result<String, SetupError> {
    serde_json::to_string(definition)
        .map_err(|e| SetupError::Storage(StorageError::Other(Box::new(e))))
}

impl InitiativeSetup {
    /// Creates or updates each configured initiative in the store (same checks as the
    /// console's set-up); [`InitiativeSetup::reload`] then serves them. With `update` false (a command-line
    /// process, which may read a file `ocs demo` marked otherwise) only absent ones are
    /// created. A stored configured initiative that the file no longer lists stays stored
    /// and served; a warning says so.
    pub async fn seed_configured(
        &self,
        actor: &Actor,
        _right: CanAdminister,
        configured: &[ConfiguredInitiative],
        update: bool,
    ) -> Result<Vec<(Slug, Seeded)>, SeedError> {
        let mut done = Vec::with_capacity(configured.len());
        for initiative in configured {
            let seeded = self
                .seed_one(actor, initiative, update)
                .await
                .map_err(|source| SeedError {
                    slug: initiative.slug.clone(),
                    source,
                })?;
            if seeded != Seeded::Unchanged {
                tracing::info!(initiative = %initiative.id, ?seeded, "configured initiative stored");
            }
            done.push((initiative.slug.clone(), seeded));
        }
        match self.store.initiatives.stored_initiatives().await {
            Ok(rows) => warn_removed(&rows, configured),
            Err(error) => tracing::warn!(%error, "listing the stored initiatives failed"),
        }
        Ok(done)
    }

    async fn seed_one(
        &self,
        actor: &Actor,
        initiative: &ConfiguredInitiative,
        update: bool,
    ) -> Result<Seeded, SetupError> {
        let mut definition = initiative.definition.clone();
        definition.configured = true;
        definition.check()?;
        let number = definition.registration_number.trim().to_owned();
        let id = initiative.id;
        let initiatives = &self.store.initiatives;
        for _ in 0..ATTEMPTS {
            let rows = initiatives.stored_initiatives().await?;
            let clash = rows.iter().any(|row| {
                row.id != id && (row.slug == initiative.slug || row.registration_number == number)
            });
            let Some(row) = rows.iter().find(|row| row.id == id) else {
                if clash {
                    return Err(SetupError::Taken);
                }
                self.refuse_shared_keys(Some(id), &definition).await?;
                let now = self.clock.now();
                let new = StoredInitiative {
                    id,
                    slug: initiative.slug.clone(),
                    registration_number: number.clone(),
                    definition: to_json(&definition)?,
                    revision: 1,
                    updated_at: now,
                };
                let event = AuditEvent::new(
                    actor.clone(),
                    AuditAction::INITIATIVE_CONFIGURED_CREATED,
                    Some(id),
                    format!("{} {number}", initiative.slug),
                );
                match initiatives
                    .save_initiative(new, None, stored_entry(event, now))
                    .await
                {
                    Ok(_) => return Ok(Seeded::Created),
                    // Another node stored it meanwhile: read it again.
                    Err(StorageError::Conflict) => continue,
                    Err(other) => return Err(other.into()),
                }
            };
            let before: InitiativeDefinition = serde_json::from_str(&row.definition)
                .map_err(|e| SetupError::Storage(StorageError::Other(Box::new(e))))?;
            if !before.configured {
                // Set up in the console under the same number: never taken over.
                return Err(SetupError::Taken);
            }
            if before == definition
                && row.slug == initiative.slug
                && row.registration_number == number
            {
                return Ok(Seeded::Unchanged);
            }
            if !update {
                return Ok(Seeded::Unchanged);
            }
            if clash {
                return Err(SetupError::Taken);
            }
            let stage = self.stage(id).await?;
            if matches!(
                stage,
                Stage::Closed | Stage::Submitted | Stage::Withdrawn | Stage::Destroyed
            ) {
                return Err(SetupError::Closed);
            }
            if !matches!(stage, Stage::Draft | Stage::Test)
                && before.locked_parts() != definition.locked_parts()
            {
                return Err(SetupError::Locked);
            }
            self.refuse_new_shared_keys(id, &before, &definition)
                .await?;
            let now = self.clock.now();
            let revision = row.revision.saturating_add(1);
            let new = StoredInitiative {
                id,
                slug: initiative.slug.clone(),
                registration_number: number.clone(),
                definition: to_json(&definition)?,
                revision,
                updated_at: now,
            };
            let event = AuditEvent::new(
                actor.clone(),
                AuditAction::INITIATIVE_CONFIGURED_UPDATED,
                Some(id),
                format!("revision {revision}"),
            );
            match initiatives
                .save_initiative(new, Some(row.revision), stored_entry(event, now))
                .await
            {
                Ok(_) => return Ok(Seeded::Updated),
                // Another node updated it meanwhile: compare again.
                Err(StorageError::Conflict) => {}
                Err(other) => return Err(other.into()),
            }
        }
        Err(SetupError::Conflict)
    }
}

/// Warns about stored configured initiatives the file no longer lists; they stay.
fn warn_removed(rows: &[StoredInitiative], configured: &[ConfiguredInitiative]) {
    for row in rows {
        let was_configured = serde_json::from_str::<InitiativeDefinition>(&row.definition)
            .is_ok_and(|definition| definition.configured);
        if was_configured && !configured.iter().any(|c| c.id == row.id) {
            tracing::warn!(
                initiative = %row.id,
                "initiative no longer in the configuration file: kept in the database and \
                 served (its statements and lifecycle stay); put it back in the file to \
                 change its definition"
            );
        }
    }
}
