//! The security settings of the configuration: `[http]` (timeouts, head limits, the
//! `/metrics` token), `[rate_limits]` and `[monitor]`, raw and checked.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context as _, bail};
use ocs_crypto::BearerToken;
use ocs_web::monitor::BurstRules;
use ocs_web::ratelimit::{Bucket, ClassLimits, RateLimitSettings};
use ocs_web::server::ServerLimits;
use serde::{Deserialize, Serialize};

/// `[http]`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawHttp {
    header_read_timeout_seconds: u64,
    body_read_timeout_seconds: u64,
    max_header_bytes: usize,
    max_headers: usize,
    max_connections: usize,
    /// Most connections open at once from one client address (IPv6: one /64).
    max_connections_per_address: usize,
    /// A file (mode 0600) holding the bearer token a remote scraper sends to `/metrics`.
    metrics_token_file: Option<PathBuf>,
}

impl Default for RawHttp {
    fn default() -> Self {
        Self {
            header_read_timeout_seconds: 10,
            body_read_timeout_seconds: 10,
            max_header_bytes: 16 * 1024,
            max_headers: 64,
            max_connections: 10_000,
            max_connections_per_address: 256,
            metrics_token_file: None,
        }
    }
}

/// One route class in `[rate_limits.CLASS]`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClass {
    address_burst: u32,
    address_per_minute: u32,
    network_burst: u32,
    network_per_minute: u32,
}

impl RawClass {
    const fn new(address: (u32, u32), network: (u32, u32)) -> Self {
        Self {
            address_burst: address.0,
            address_per_minute: address.1,
            network_burst: network.0,
            network_per_minute: network.1,
        }
    }

    fn check(self, class: &str) -> anyhow::Result<ClassLimits> {
        if [
            self.address_burst,
            self.address_per_minute,
            self.network_burst,
            self.network_per_minute,
        ]
        .contains(&0)
        {
            bail!("rate_limits.{class}: every value must be at least 1");
        }
        Ok(ClassLimits {
            address: Bucket::per_minute(self.address_burst, self.address_per_minute),
            network: Bucket::per_minute(self.network_burst, self.network_per_minute),
        })
    }
}

/// `[rate_limits]`: burst and sustained rate per address and per network prefix.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawRateLimits {
    enabled: bool,
    signing: RawClass,
    challenge: RawClass,
    self_service: RawClass,
    sign_in: RawClass,
}

impl Default for RawRateLimits {
    /// The same numbers as `RateLimitSettings::default()`.
    fn default() -> Self {
        Self {
            enabled: true,
            signing: RawClass::new((10, 10), (100, 300)),
            challenge: RawClass::new((30, 30), (300, 900)),
            self_service: RawClass::new((10, 5), (50, 60)),
            sign_in: RawClass::new((5, 2), (30, 20)),
        }
    }
}

/// `[monitor]`: thresholds of the burst monitor.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawMonitor {
    prefix_min_count: u64,
    prefix_min_share: f64,
    country_min_count: u64,
    country_factor: f64,
}

impl Default for RawMonitor {
    fn default() -> Self {
        let rules = BurstRules::default();
        Self {
            prefix_min_count: rules.prefix_min_count,
            prefix_min_share: rules.prefix_min_share,
            country_min_count: rules.country_min_count,
            country_factor: rules.country_factor,
        }
    }
}

/// The checked security settings.
#[derive(Debug, Clone)]
pub struct SecurityConfig {
    /// `scheme://host[:port]` of the public URL: the only origin of state-changing requests.
    pub allowed_origin: Option<String>,
    /// The `/metrics` token file, if remote scraping is wanted.
    pub metrics_token_file: Option<PathBuf>,
    /// Connection limits.
    pub server: ServerLimits,
    /// Body deadline.
    pub body_read_timeout: Duration,
    /// Rate limits (`None`: off).
    pub rate_limits: Option<RateLimitSettings>,
    /// Burst monitor thresholds.
    pub burst_rules: BurstRules,
}

impl SecurityConfig {
    /// Loads the `/metrics` token, refusing a readable-by-others, empty or weak file.
    pub fn metrics_token(&self) -> anyhow::Result<Option<BearerToken>> {
        self.metrics_token_file
            .as_deref()
            .map(|path| {
                BearerToken::load(path).with_context(|| {
                    format!(
                        "http.metrics_token_file {}: make one with `openssl rand -base64 32 > \
                         FILE && chmod 600 FILE`",
                        path.display()
                    )
                })
            })
            .transpose()
    }
}

/// `scheme://authority` of the public URL.
fn origin_of(public_url: &str) -> anyhow::Result<String> {
    let Some((scheme, rest)) = public_url.split_once("://") else {
        bail!("server.public_url = {public_url:?} must start with https:// or http://");
    };
    if scheme != "https" && scheme != "http" {
        bail!("server.public_url = {public_url:?} must start with https:// or http://");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        bail!("server.public_url = {public_url:?} has no host");
    }
    Ok(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// Checks the raw sections.
pub fn check(
    http: &RawHttp,
    limits: &RawRateLimits,
    monitor: &RawMonitor,
    public_url: Option<&str>,
    base: &Path,
) -> anyhow::Result<SecurityConfig> {
    if http.header_read_timeout_seconds == 0 || http.body_read_timeout_seconds == 0 {
        bail!("http.header_read_timeout_seconds and body_read_timeout_seconds must be at least 1");
    }
    if http.max_header_bytes < 8192 {
        bail!("http.max_header_bytes must be at least 8192");
    }
    if http.max_headers == 0 || http.max_connections == 0 || http.max_connections_per_address == 0 {
        bail!(
            "http.max_headers, http.max_connections and http.max_connections_per_address must \
             be at least 1"
        );
    }
    if !(0.0..=1.0).contains(&monitor.prefix_min_share) || monitor.country_factor < 1.0 {
        bail!("monitor.prefix_min_share must be within 0–1 and monitor.country_factor at least 1");
    }
    let rate_limits = if limits.enabled {
        Some(RateLimitSettings {
            signing: limits.signing.check("signing")?,
            challenge: limits.challenge.check("challenge")?,
            self_service: limits.self_service.check("self_service")?,
            sign_in: limits.sign_in.check("sign_in")?,
        })
    } else {
        None
    };
    Ok(SecurityConfig {
        allowed_origin: public_url.map(origin_of).transpose()?,
        metrics_token_file: http
            .metrics_token_file
            .as_ref()
            .map(|file| super::credentials::resolve(base, file)),
        server: ServerLimits {
            header_read_timeout: Duration::from_secs(http.header_read_timeout_seconds),
            max_header_bytes: http.max_header_bytes,
            max_headers: http.max_headers,
            max_connections: http.max_connections,
            max_connections_per_address: http.max_connections_per_address,
            ..ServerLimits::default()
        },
        body_read_timeout: Duration::from_secs(http.body_read_timeout_seconds),
        rate_limits,
        burst_rules: BurstRules {
            prefix_min_count: monitor.prefix_min_count,
            prefix_min_share: monitor.prefix_min_share,
            country_min_count: monitor.country_min_count,
            country_factor: monitor.country_factor,
        },
    })
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;

    #[test]
    fn defaults_match_the_web_defaults_and_the_origin_is_the_public_url() {
        let config = check(
            &RawHttp::default(),
            &RawRateLimits::default(),
            &RawMonitor::default(),
            Some("https://Sign.Example.eu/eci/"),
            Path::new("."),
        )
        .unwrap();
        assert_eq!(config.rate_limits, Some(RateLimitSettings::default()));
        assert_eq!(
            config.allowed_origin.as_deref(),
            Some("https://sign.example.eu")
        );
        assert_eq!(
            config.rate_limits.unwrap().signing.address.per,
            SignedDuration::from_secs(6)
        );
        for bad in ["ftp://x", "sign.example.eu", "https://"] {
            assert!(origin_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zero_limits_and_tiny_heads_are_refused() {
        let zero: RawRateLimits = toml::from_str("[signing]\naddress_burst = 0\naddress_per_minute = 1\nnetwork_burst = 1\nnetwork_per_minute = 1\n").unwrap();
        let error = check(
            &RawHttp::default(),
            &zero,
            &RawMonitor::default(),
            None,
            Path::new("."),
        )
        .unwrap_err();
        assert!(error.to_string().contains("rate_limits.signing"), "{error}");
        let tiny: RawHttp = toml::from_str("max_header_bytes = 100").unwrap();
        assert!(
            check(
                &tiny,
                &RawRateLimits::default(),
                &RawMonitor::default(),
                None,
                Path::new(".")
            )
            .is_err()
        );
    }
}
