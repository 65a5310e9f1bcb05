//! The initiatives one deployment hosts, each with its own recipient keys and minimums.
//!
//! For now the catalogue is built from the configuration at start. The organiser console
//! will put a database-backed directory behind the same lookups.

use std::collections::{BTreeMap, HashMap};

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
    entries: Vec<CatalogEntry>,
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
            entries,
            by_slug,
            by_id,
        })
    }

    /// The initiative with this slug.
    pub fn by_slug(&self, slug: &Slug) -> Option<&CatalogEntry> {
        self.by_slug.get(slug).and_then(|&i| self.entries.get(i))
    }

    /// The initiative with this number.
    pub fn by_id(&self, id: InitiativeId) -> Option<&CatalogEntry> {
        self.by_id.get(&id).and_then(|&i| self.entries.get(i))
    }

    /// All initiatives in configuration order.
    pub fn all(&self) -> &[CatalogEntry] {
        &self.entries
    }
}
