//! The initiatives one deployment hosts, each with its own recipient keys and minimums.
//!
//! The store is the one source: the configuration file's initiatives are stored at start
//! (`crate::setup::InitiativeSetup::seed_configured`) like the ones set up in the console,
//! and [`SharedCatalog::replace`] swaps in what the store holds after each change and
//! periodically, so every node sees them without a restart. A reader takes one snapshot
//! (`Arc<Catalog>`) under a read lock and never blocks a writer for long.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use parking_lot::RwLock;

use ocs_crypto::RecipientPublicKey;
use ocs_domain::{CountryCode, Initiative, InitiativeId, Slug};

/// One initiative with what signing needs besides its register data.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// Register data, period and status.
    pub initiative: Initiative,
    /// Every statement is sealed to each of these keys; none of the private halves is on the
    /// server.
    pub recipients: Vec<RecipientPublicKey>,
    /// Annex I minimum per state, chosen by the registration date.
    pub minimums: BTreeMap<CountryCode, u64>,
    /// Per member state, a competent authority's own key: a statement of that state's
    /// national is sealed to it as well, so the authority can open its own nationals only.
    pub authority_keys: BTreeMap<CountryCode, RecipientPublicKey>,
    /// Read from the store (every served initiative is; a test may build entries by hand).
    pub stored: bool,
}

impl CatalogEntry {
    /// The keys a statement of a `nationality` national is sealed to: the organisers' keys
    /// and, if that state's authority has one, its key.
    pub fn recipients_for(&self, nationality: CountryCode) -> Vec<RecipientPublicKey> {
        let mut keys = self.recipients.clone();
        if let Some(key) = self.authority_keys.get(&nationality) {
            keys.push(*key);
        }
        keys
    }
}

/// Why a catalogue cannot be built.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// Two initiatives share a slug or a number.
    #[error("two initiatives share the {what} {value}")]
    Duplicate {
        /// "slug" or "id".
        what: &'static str,
        /// The shared value.
        value: String,
    },
    /// An initiative without recipient keys could never be exported.
    #[error("initiative {0} has no recipient public key")]
    NoRecipients(String),
}

/// All initiatives of a deployment, looked up by slug or by number.
#[derive(Debug, Default)]
pub struct Catalog {
    entries: Vec<Arc<CatalogEntry>>,
    by_slug: HashMap<Slug, usize>,
    by_id: HashMap<InitiativeId, usize>,
}

impl Catalog {
    /// Builds the catalogue, refusing shared slugs or numbers and keyless initiatives.
    pub fn new(entries: Vec<CatalogEntry>) -> Result<Self, CatalogError> {
        let mut by_slug = HashMap::new();
        let mut by_id = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            let initiative = &entry.initiative;
            if entry.recipients.is_empty() {
                return Err(CatalogError::NoRecipients(initiative.slug.to_string()));
            }
            if by_slug.insert(initiative.slug.clone(), index).is_some() {
                return Err(CatalogError::Duplicate {
                    what: "slug",
                    value: initiative.slug.to_string(),
                });
            }
            if by_id.insert(initiative.id, index).is_some() {
                return Err(CatalogError::Duplicate {
                    what: "id",
                    value: initiative.id.to_string(),
                });
            }
        }
        Ok(Self {
            entries: entries.into_iter().map(Arc::new).collect(),
            by_slug,
            by_id,
        })
    }

    /// The initiative with this slug.
    pub fn by_slug(&self, slug: &Slug) -> Option<&Arc<CatalogEntry>> {
        self.by_slug.get(slug).and_then(|&i| self.entries.get(i))
    }

    /// The initiative with this number.
    pub fn by_id(&self, id: InitiativeId) -> Option<&Arc<CatalogEntry>> {
        self.by_id.get(&id).and_then(|&i| self.entries.get(i))
    }

    /// All initiatives in configuration order.
    pub fn all(&self) -> &[Arc<CatalogEntry>] {
        &self.entries
    }
}

/// The catalogue every service reads: the stored initiatives, swapped as a whole when they
/// change.
#[derive(Debug, Default)]
pub struct SharedCatalog {
    current: RwLock<Arc<Catalog>>,
}

impl SharedCatalog {
    /// A catalogue of `initial` (until [`SharedCatalog::replace`]; empty at start).
    pub fn new(initial: Catalog) -> Self {
        Self {
            current: RwLock::new(Arc::new(initial)),
        }
    }

    /// The current snapshot.
    pub fn load(&self) -> Arc<Catalog> {
        Arc::clone(&self.current.read())
    }

    /// The initiative with this slug, now.
    pub fn by_slug(&self, slug: &Slug) -> Option<Arc<CatalogEntry>> {
        self.current.read().by_slug(slug).cloned()
    }

    /// The initiative with this number, now.
    pub fn by_id(&self, id: InitiativeId) -> Option<Arc<CatalogEntry>> {
        self.current.read().by_id(id).cloned()
    }

    /// Every initiative, now.
    pub fn all(&self) -> Vec<Arc<CatalogEntry>> {
        self.current.read().all().to_vec()
    }

    /// Replaces every initiative by `entries`. One that shares a slug or a number with an
    /// earlier one, or has no recipient key, is left out and returned.
    pub fn replace(&self, entries: Vec<CatalogEntry>) -> Vec<CatalogEntry> {
        let mut slugs = std::collections::HashSet::new();
        let mut ids = std::collections::HashSet::new();
        let mut kept = Vec::with_capacity(entries.len());
        let mut left_out = Vec::new();
        for entry in entries {
            let fresh = !slugs.contains(&entry.initiative.slug)
                && !ids.contains(&entry.initiative.id)
                && !entry.recipients.is_empty();
            if fresh {
                slugs.insert(entry.initiative.slug.clone());
                ids.insert(entry.initiative.id);
                kept.push(entry);
            } else {
                left_out.push(entry);
            }
        }
        match Catalog::new(kept) {
            Ok(catalog) => *self.current.write() = Arc::new(catalog),
            // Unreachable: duplicates and keyless entries were left out above.
            Err(error) => tracing::error!(%error, "catalogue not replaced"),
        }
        left_out
    }
}
