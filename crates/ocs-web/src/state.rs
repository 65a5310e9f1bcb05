//! Shared state of the web layer.

use std::sync::Arc;

use ocs_service::SigningService;

use crate::i18n::I18n;

/// Web-only settings.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Send `Strict-Transport-Security` (on when the public URL is https).
    pub hsts: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed. Empty: the peer address of the
    /// connection is the client.
    pub trusted_proxies: Vec<crate::client::Network>,
}

impl Default for WebSettings {
    fn default() -> Self {
        Self {
            body_limit: 16 * 1024,
            hsts: true,
            trusted_proxies: Vec::new(),
        }
    }
}

/// What every handler gets.
#[derive(Clone)]
pub struct WebState(Arc<Inner>);

struct Inner {
    signing: Arc<SigningService>,
    i18n: I18n,
    settings: WebSettings,
    eid: std::sync::OnceLock<Arc<ocs_eid::EidService>>,
}

impl WebState {
    /// Bundles the service, translations and settings.
    pub fn new(signing: Arc<SigningService>, i18n: I18n, settings: WebSettings) -> Self {
        Self(Arc::new(Inner {
            signing,
            i18n,
            settings,
            eid: std::sync::OnceLock::new(),
        }))
    }

    /// Offers eID sign-in with these providers (see docs/EID.md).
    #[must_use]
    pub fn with_eid(self, eid: Arc<ocs_eid::EidService>) -> Self {
        // Set once, at start-up; a second call keeps the first service.
        let _ = self.0.eid.set(eid);
        self
    }

    /// The eID relying party, when configured.
    pub fn eid(&self) -> Option<&ocs_eid::EidService> {
        self.0.eid.get().map(AsRef::as_ref)
    }

    /// The signing use case.
    pub fn signing(&self) -> &SigningService {
        &self.0.signing
    }

    /// Translations.
    pub fn i18n(&self) -> &I18n {
        &self.0.i18n
    }

    /// Settings.
    pub fn settings(&self) -> &WebSettings {
        &self.0.settings
    }
}

impl AsRef<I18n> for WebState {
    fn as_ref(&self) -> &I18n {
        &self.0.i18n
    }
}
