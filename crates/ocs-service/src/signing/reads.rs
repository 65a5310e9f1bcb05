//! What the public site, the API and the console read through the signing service:
//! receipts, counters, the hosted initiatives and who may see them.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use ocs_crypto::ReceiptTokens;
use ocs_domain::counters::Progress;
use ocs_domain::lifecycle::Stage;
use ocs_domain::rules::CountryRules;
use ocs_domain::{CountryCode, CountryTable, Slug};
use ocs_domain::{Initiative, InitiativeStatus};
use ocs_storage::StatementStore;

use super::{QueryError, ReceiptView, SigningService};
use crate::catalog::{CatalogEntry, SharedCatalog};
use crate::metrics::Metrics;

/// Who may see an initiative on the public site and in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// A draft: the public site and the API answer "not found".
    Hidden,
    /// In test mode: reachable by its address, not in the lists.
    Unlisted,
    /// Live or later: listed.
    Listed,
}

impl SigningService {
    /// Verifies a receipt token for the initiative `slug`.
    pub fn receipt(&self, slug: &Slug, token: &str) -> Option<ReceiptView> {
        let entry = self.catalog.by_slug(slug)?;
        let claims = self.secrets.receipts.verify(token, self.clock.now())?;
        (claims.initiative == entry.initiative.id).then_some(ReceiptView {
            statement_id: claims.statement,
            submitted_at: claims.submitted_at,
            secret: claims.secret,
        })
    }

    /// Receipt tokens and secret verifiers, for self-service.
    pub(crate) fn receipt_tokens(&self) -> &ReceiptTokens {
        &self.secrets.receipts
    }

    /// The statement store, for self-service (withdrawals and receipts).
    pub(crate) fn statements(&self) -> &dyn StatementStore {
        self.store.statements.as_ref()
    }

    /// Committed counts against the thresholds.
    pub async fn progress(&self, slug: &Slug) -> Result<(Progress, Option<Timestamp>), QueryError> {
        let entry = self.catalog.by_slug(slug).ok_or(QueryError::NotFound)?;
        let snapshot = self.store.statements.counts(entry.initiative.id).await?;
        let progress = Progress::new(
            &snapshot,
            &entry.minimums,
            self.table.total_signatories(),
            self.table.min_states_at_minimum(),
        );
        Ok((progress, snapshot.updated_at))
    }

    /// The initiative with this slug.
    pub fn initiative(&self, slug: &Slug) -> Option<Arc<CatalogEntry>> {
        self.catalog.by_slug(slug)
    }

    /// All hosted initiatives, drafts included (the console's view).
    pub fn initiatives(&self) -> Vec<Arc<CatalogEntry>> {
        self.catalog.all()
    }

    /// The initiatives the public lists show: live or later. A draft, or one in test mode,
    /// is not announced (issue 19, finding 16).
    pub fn listed_initiatives(&self) -> Vec<Arc<CatalogEntry>> {
        self.catalog
            .all()
            .into_iter()
            .filter(|entry| self.visibility(&entry.initiative) == Visibility::Listed)
            .collect()
    }

    /// The initiative a public page or the API may show: anything but a draft. An
    /// initiative in test mode is reachable by its address (its organisers test the form)
    /// but not listed.
    pub fn public_initiative(&self, slug: &Slug) -> Option<Arc<CatalogEntry>> {
        self.catalog
            .by_slug(slug)
            .filter(|entry| self.visibility(&entry.initiative) != Visibility::Hidden)
    }

    /// Who may see `initiative`: its stored stage decides (no stage is a draft); the
    /// demonstration served by `ocs demo` is public without a stage.
    pub fn visibility(&self, initiative: &Initiative) -> Visibility {
        let stage = self.lifecycle.get(initiative.id).map(|(stage, _)| stage);
        if initiative.regime.is_demo() && matches!(stage, None | Some(Stage::Draft)) {
            return Visibility::Listed;
        }
        match stage {
            Some(Stage::Draft) => Visibility::Hidden,
            Some(Stage::Test) => Visibility::Unlisted,
            None if initiative.status == InitiativeStatus::Draft => Visibility::Hidden,
            Some(_) | None => Visibility::Listed,
        }
    }

    /// The shared catalogue (the console's set-up replaces its stored part).
    pub fn catalog(&self) -> &Arc<SharedCatalog> {
        &self.catalog
    }

    /// The rules of one state.
    pub fn rules(&self, country: CountryCode) -> &CountryRules {
        self.table.get(country)
    }

    /// The whole country table.
    pub fn table(&self) -> &CountryTable {
        &self.table
    }

    /// Outcome counters.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Storage health and writer figures.
    pub fn store(&self) -> &dyn StatementStore {
        self.store.statements.as_ref()
    }

    /// The zone whose calendar dates the site shows and the age check uses.
    pub fn time_zone(&self) -> &TimeZone {
        &self.settings.time_zone
    }

    /// The current time of the injected clock.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
