//! Shared state of the web layer.

use std::sync::Arc;

use ocs_service::{LogAudit, SelfService, SigningService};

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
    self_service: Arc<SelfService>,
    i18n: Arc<I18n>,
    settings: WebSettings,
}

impl WebState {
    /// Bundles the service, translations and settings. Self-service withdrawals are audited
    /// to the log ([`LogAudit`]) until [`WebState::with_self_service`] gives another sink.
    pub fn new(signing: Arc<SigningService>, i18n: I18n, settings: WebSettings) -> Self {
        let self_service = Arc::new(SelfService::new(
            Arc::clone(&signing),
            Arc::new(LogAudit),
            SelfService::DEFAULT_QUOTA,
        ));
        Self(Arc::new(Inner {
            signing,
            self_service,
            i18n: Arc::new(i18n),
            settings,
        }))
    }

    /// The same state with another self-service (its own audit sink or quota).
    #[must_use]
    pub fn with_self_service(self, self_service: Arc<SelfService>) -> Self {
        let inner = &self.0;
        Self(Arc::new(Inner {
            signing: Arc::clone(&inner.signing),
            self_service,
            i18n: Arc::clone(&inner.i18n),
            settings: inner.settings.clone(),
        }))
    }

    /// Signer self-service (check and withdraw with a receipt).
    pub fn self_service(&self) -> &SelfService {
        &self.0.self_service
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
