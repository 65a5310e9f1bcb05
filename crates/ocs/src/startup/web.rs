//! The web layer's settings and optional eID sign-in from the configuration.

use std::sync::Arc;

use anyhow::Context as _;
use ocs_crypto::{OsEntropy, SecretKey};
use ocs_web::{WebSettings, WebState};

use crate::config::Config;

/// Offers eID sign-in when `[[eid]]` providers are configured (docs/EID.md).
pub(super) fn with_eid(
    web: WebState,
    config: &Config,
    server_key: &SecretKey,
) -> anyhow::Result<WebState> {
    if config.eid.is_empty() {
        return Ok(web);
    }
    let providers = config
        .eid
        .iter()
        .map(crate::config::eid::EidProviderSpec::load)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let eid = ocs_eid::EidService::new(
        providers,
        server_key.derive("openocs eid state v1"),
        Arc::new(OsEntropy),
        Arc::new(config.table.clone()),
        config.time_zone.clone(),
    )
    .map_err(anyhow::Error::msg)
    .context("eID providers")?;
    Ok(web.with_eid(Arc::new(eid)))
}

/// The web layer's settings from the configuration.
pub(super) fn web_settings(
    config: &Config,
    keys: &ocs_crypto::ServerKeys,
) -> anyhow::Result<WebSettings> {
    Ok(WebSettings {
        body_limit: config.body_limit,
        // Over https (behind a proxy, or `[server.tls]`): HSTS and `Secure` `__Host-` cookies.
        hsts: config.tls.is_some()
            || config
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
        trusted_proxies: config.trusted_proxies.clone(),
        allowed_origin: config.security.allowed_origin.clone(),
        metrics_token: config.security.metrics_token()?,
        rate_limits: config.security.rate_limits.clone(),
        body_read_timeout: config.security.body_read_timeout,
        body_min_rate: WebSettings::default().body_min_rate,
        csrf_key: Some(keys.csrf_keys()),
        burst_rules: config.security.burst_rules,
    })
}
