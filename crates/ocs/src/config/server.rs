//! `[server]`: the listen address, the public URL, the body cap and the trusted proxies.

use serde::{Deserialize, Serialize};

/// `[server]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawServer {
    pub(super) listen: String,
    pub(super) public_url: Option<String>,
    pub(super) body_limit_bytes: usize,
    /// Reverse proxies whose X-Forwarded-For is believed: addresses or blocks.
    pub(super) trusted_proxies: Vec<String>,
    /// `[server.tls]`: HTTPS without a proxy.
    pub(super) tls: Option<super::tls::RawTls>,
}

impl Default for RawServer {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            public_url: None,
            body_limit_bytes: 16 * 1024,
            trusted_proxies: Vec::new(),
            tls: None,
        }
    }
}
