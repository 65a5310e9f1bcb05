//! HTTPS without a reverse proxy (issue 18, item 3): a rustls server configuration whose
//! certificate is read from two PEM files and read again when they change, so a renewed
//! certificate (certbot, acme.sh, an operator's copy) is used from the next handshake on,
//! without a restart; and the plain-HTTP listener that only redirects to https.
//!
//! The files are checked at each handshake: two `stat` calls, far cheaper than the
//! handshake itself, and no watcher thread or clock. A change is recognised by modification
//! time, size and inode, so a file replaced by `rename` (how ACME clients write) and one
//! rewritten in place are both seen. A pair that does not load (a certificate written before
//! its key, a key that does not match) keeps the previous pair in use, and is tried again at
//! the next handshake; the failure is logged once per change.

use std::fmt;
use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use parking_lot::RwLock;
use tokio_rustls::rustls;
use tokio_rustls::rustls::crypto::CryptoProvider;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::rustls::server::{ClientHello, ResolvesServerCert};
use tokio_rustls::rustls::sign::CertifiedKey;

pub use tokio_rustls::TlsAcceptor;

/// Why a certificate and key could not be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file could not be read.
    #[error("reading {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The certificate file holds no PEM certificate.
    #[error("{0}: no PEM certificate (-----BEGIN CERTIFICATE-----) found")]
    NoCertificate(PathBuf),
    /// The key file holds no PEM private key.
    #[error(
        "{0}: no PEM private key (PKCS#8, PKCS#1 or SEC1: -----BEGIN … PRIVATE KEY-----) found"
    )]
    NoKey(PathBuf),
    /// The key is not usable or does not belong to the certificate.
    #[error("the key in {key} does not fit the certificate in {certificate}: {reason}")]
    Mismatch {
        /// The certificate file.
        certificate: PathBuf,
        /// The key file.
        key: PathBuf,
        /// What rustls said.
        reason: String,
    },
}

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    inode: u64,
    length: u64,
    modified_seconds: i64,
    modified_nanos: i64,
}

impl Stamp {
    /// The stamp of `path`, or `None` when it cannot be read now (in the middle of a swap).
    fn of(path: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Self {
            inode: metadata.ino(),
            length: metadata.len(),
            modified_seconds: metadata.mtime(),
            modified_nanos: metadata.mtime_nsec(),
        })
    }
}

/// The pair in use, and the stamps of the files it was read from.
struct Loaded {
    stamps: (Option<Stamp>, Option<Stamp>),
    key: Arc<CertifiedKey>,
    /// Stamps of a pair that failed to load, so the failure is logged once.
    failed: Option<(Option<Stamp>, Option<Stamp>)>,
}

/// The server certificate from `cert_file` and `key_file`, read again when either changes
/// (see the module documentation). Install it with [`server_config`].
pub struct ReloadingCertificate {
    cert_file: PathBuf,
    key_file: PathBuf,
    provider: Arc<CryptoProvider>,
    loaded: RwLock<Loaded>,
}

impl fmt::Debug for ReloadingCertificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReloadingCertificate")
            .field("cert_file", &self.cert_file)
            .field("key_file", &self.key_file)
            .finish_non_exhaustive()
    }
}

/// Reads and checks a certificate chain and its key (the key must match the first
/// certificate).
fn load_pair(
    cert_file: &Path,
    key_file: &Path,
    provider: &CryptoProvider,
) -> Result<CertifiedKey, TlsError> {
    let read = |path: &Path| {
        std::fs::read(path).map_err(|source| TlsError::Read {
            path: path.to_owned(),
            source,
        })
    };
    let cert_pem = read(cert_file)?;
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&cert_pem)
        .filter_map(Result::ok)
        .collect();
    if chain.is_empty() {
        return Err(TlsError::NoCertificate(cert_file.to_owned()));
    }
    let key_pem = zeroize::Zeroizing::new(read(key_file)?);
    let key = PrivateKeyDer::from_pem_slice(&key_pem)
        .map_err(|_| TlsError::NoKey(key_file.to_owned()))?;
    CertifiedKey::from_der(chain, key, provider).map_err(|error| TlsError::Mismatch {
        certificate: cert_file.to_owned(),
        key: key_file.to_owned(),
        reason: error.to_string(),
    })
}

impl ReloadingCertificate {
    /// Reads the pair now: a missing or unusable pair is an error at start, not at the first
    /// handshake.
    pub fn load(cert_file: &Path, key_file: &Path) -> Result<Self, TlsError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let stamps = (Stamp::of(cert_file), Stamp::of(key_file));
        let key = load_pair(cert_file, key_file, &provider)?;
        Ok(Self {
            cert_file: cert_file.to_owned(),
            key_file: key_file.to_owned(),
            provider,
            loaded: RwLock::new(Loaded {
                stamps,
                key: Arc::new(key),
                failed: None,
            }),
        })
    }

    /// The pair to use now: the loaded one, or the files' new pair when they changed and
    /// load.
    pub fn current(&self) -> Arc<CertifiedKey> {
        let stamps = (Stamp::of(&self.cert_file), Stamp::of(&self.key_file));
        {
            let loaded = self.loaded.read();
            if loaded.stamps == stamps || loaded.failed == Some(stamps) {
                return loaded.key.clone();
            }
        }
        let mut loaded = self.loaded.write();
        if loaded.stamps == stamps || loaded.failed == Some(stamps) {
            return loaded.key.clone();
        }
        match load_pair(&self.cert_file, &self.key_file, &self.provider) {
            Ok(key) => {
                tracing::info!(certificate = %self.cert_file.display(), "TLS certificate reloaded");
                loaded.key = Arc::new(key);
                loaded.stamps = stamps;
                loaded.failed = None;
            }
            Err(error) => {
                tracing::warn!(%error, "the changed TLS certificate or key did not load; the previous one stays in use");
                loaded.failed = Some(stamps);
            }
        }
        loaded.key.clone()
    }
}

impl ResolvesServerCert for ReloadingCertificate {
    fn resolve(&self, _client_hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.current())
    }
}

/// The rustls server settings: TLS 1.2 and 1.3 with rustls' safe defaults (ring), no client
/// certificates, HTTP/1.1 announced by ALPN (the server speaks nothing else).
pub fn server_config(
    certificate: Arc<ReloadingCertificate>,
) -> Result<Arc<rustls::ServerConfig>, rustls::Error> {
    let provider = certificate.provider.clone();
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_cert_resolver(certificate);
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// The acceptor [`crate::server::serve_with`] takes: the certificate of `cert_file` and
/// `key_file`, read again when they change.
pub fn acceptor(cert_file: &Path, key_file: &Path) -> Result<TlsAcceptor, TlsError> {
    let certificate = Arc::new(ReloadingCertificate::load(cert_file, key_file)?);
    let config = server_config(certificate).map_err(|error| TlsError::Mismatch {
        certificate: cert_file.to_owned(),
        key: key_file.to_owned(),
        reason: error.to_string(),
    })?;
    Ok(TlsAcceptor::from(config))
}

/// Where the plain-HTTP listener sends its clients.
#[derive(Debug, Clone)]
pub enum RedirectTarget {
    /// The configured public origin, e.g. `https://example.org` (no trailing slash).
    Origin(String),
    /// The host the client asked for, on this HTTPS port.
    SameHost {
        /// The HTTPS listener's port (omitted from the address when 443).
        https_port: u16,
    },
}

impl RedirectTarget {
    /// The https address for a request to `host` (the `Host` header) and `path_and_query`;
    /// `None` when the host is not a plain host name or address.
    fn location(&self, host: Option<&str>, path_and_query: &str) -> Option<String> {
        match self {
            Self::Origin(origin) => Some(format!("{origin}{path_and_query}")),
            Self::SameHost { https_port } => {
                let host = host_without_port(host?)?;
                let port = if *https_port == 443 {
                    String::new()
                } else {
                    format!(":{https_port}")
                };
                Some(format!("https://{host}{port}{path_and_query}"))
            }
        }
    }
}

/// The host part of a `Host` header: a DNS name, an IPv4 address or a bracketed IPv6
/// address; anything else (user info, stray characters) is refused.
fn host_without_port(host: &str) -> Option<&str> {
    let name = if host.starts_with('[') {
        let end = host.find(']')?;
        host.get(..=end)?
    } else {
        host.split(':').next()?
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':');
    (!name.is_empty() && name.len() <= 255 && name.chars().all(allowed)).then_some(name)
}

/// The router of the plain-HTTP listener: every request is answered `308 Permanent
/// Redirect` to the same path on https (308 keeps the method and body, so a form posted to
/// http is not silently turned into a GET); a request without a usable `Host` gets 400.
pub fn redirect_router(target: RedirectTarget) -> Router {
    Router::new().fallback(move |request: Request| {
        let target = target.clone();
        async move { redirect(&target, &request) }
    })
}

fn redirect(target: &RedirectTarget, request: &Request) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .or_else(|| {
            request
                .uri()
                .authority()
                .map(axum::http::uri::Authority::as_str)
        });
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", axum::http::uri::PathAndQuery::as_str);
    let location = target
        .location(host, path)
        .and_then(|location| HeaderValue::from_str(&location).ok());
    let mut response = match location {
        Some(location) => {
            let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
            response.headers_mut().insert(header::LOCATION, location);
            response
        }
        None => (StatusCode::BAD_REQUEST, "use https\n").into_response(),
    };
    let headers = response.headers_mut();
    for (name, value) in crate::middleware::SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_keep_the_path_and_go_to_the_https_port() {
        let same = RedirectTarget::SameHost { https_port: 8443 };
        assert_eq!(
            same.location(Some("example.org:8080"), "/initiatives/x?lang=de")
                .as_deref(),
            Some("https://example.org:8443/initiatives/x?lang=de")
        );
        let standard = RedirectTarget::SameHost { https_port: 443 };
        assert_eq!(
            standard.location(Some("[2001:db8::1]:80"), "/").as_deref(),
            Some("https://[2001:db8::1]/")
        );
        assert_eq!(standard.location(Some("evil.example@x"), "/"), None);
        assert_eq!(standard.location(None, "/"), None);
        let origin = RedirectTarget::Origin("https://ocs.example.eu".to_owned());
        assert_eq!(
            origin.location(Some("other.example"), "/a?b").as_deref(),
            Some("https://ocs.example.eu/a?b")
        );
    }
}
