//! Shared state of the web layer.

use std::sync::Arc;

use ocs_service::SigningService;
use ocs_service::console_auth::ConsoleAuth;
use ocs_service::lifecycle::LifecycleService;

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
    lifecycle: Option<Arc<LifecycleService>>,
    console: Option<Arc<ConsoleAuth>>,
    i18n: I18n,
    settings: WebSettings,
}

impl WebState {
    /// Bundles the service, translations and settings.
    pub fn new(signing: Arc<SigningService>, i18n: I18n, settings: WebSettings) -> Self {
        Self(Arc::new(Inner {
            signing,
            lifecycle: None,
            console: None,
            i18n,
            settings,
        }))
    }

    /// Adds the lifecycle use cases (certificate download, console). Call before the state
    /// is cloned; on a shared state it changes nothing.
    #[must_use]
    pub fn with_lifecycle(mut self, lifecycle: Arc<LifecycleService>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.lifecycle = Some(lifecycle);
        }
        self
    }

    /// Adds the console's sign-in, accounts and audit view (the `/console` pages answer
    /// 404 without it). Call before the state is cloned.
    #[must_use]
    pub fn with_console(mut self, console: Arc<ConsoleAuth>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.0) {
            inner.console = Some(console);
        }
        self
    }

    /// The console use cases, when the console is on.
    pub fn console(&self) -> Option<&ConsoleAuth> {
        self.0.console.as_deref()
    }

    /// The lifecycle use cases, when the server manages initiatives' lifecycles.
    pub fn lifecycle(&self) -> Option<&LifecycleService> {
        self.0.lifecycle.as_deref()
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
