//! The TLS client side of `ocs healthcheck` (rustls with ring, as the server): a connection
//! that trusts either the configured certificate file, pinned, or the system's roots.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;
use tokio_rustls::rustls;
use tokio_rustls::rustls::client::danger::{
    HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
};
use tokio_rustls::rustls::crypto::CryptoProvider;
use tokio_rustls::rustls::pki_types::pem::PemObject as _;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tokio_rustls::rustls::{DigitallySignedStruct, SignatureScheme};
use url::{Host, Url};

use crate::healthcheck::Trust;

/// Accepts exactly the certificates of the configured file as the server's own certificate,
/// whatever name the URL has (the check runs on loopback); the handshake signature is still
/// verified with that certificate's key.
#[derive(Debug)]
struct Pinned {
    certificates: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if self
            .certificates
            .iter()
            .any(|pinned| pinned.as_ref() == end_entity.as_ref())
        {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::UnknownIssuer,
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn pinned(file: &Path, provider: Arc<CryptoProvider>) -> anyhow::Result<Pinned> {
    let pem = std::fs::read(file)
        .with_context(|| format!("reading the configured certificate {}", file.display()))?;
    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("{} is not a PEM certificate chain", file.display()))?;
    anyhow::ensure!(
        !certificates.is_empty(),
        "{} holds no certificate",
        file.display()
    );
    Ok(Pinned {
        certificates,
        provider,
    })
}

fn system_roots() -> anyhow::Result<rustls::RootCertStore> {
    let found = rustls_native_certs::load_native_certs();
    let mut roots = rustls::RootCertStore::empty();
    let (added, _) = roots.add_parsable_certificates(found.certs);
    anyhow::ensure!(
        added > 0,
        "no system root certificate could be read ({} errors); give --config so the \
         configured certificate is trusted",
        found.errors.len()
    );
    Ok(roots)
}

/// The server name the handshake presents: the URL's host name or address.
fn server_name(url: &Url) -> anyhow::Result<ServerName<'static>> {
    Ok(match url.host().context("the URL has no host")? {
        Host::Domain(name) => ServerName::try_from(name.to_owned())
            .with_context(|| format!("{name} is not a host name"))?,
        Host::Ipv4(address) => ServerName::IpAddress(std::net::IpAddr::V4(address).into()),
        Host::Ipv6(address) => ServerName::IpAddress(std::net::IpAddr::V6(address).into()),
    })
}

/// A client connection to `url`'s host that trusts `trust`; the handshake runs on the
/// first read or write.
pub fn connect(url: &Url, trust: &Trust) -> anyhow::Result<rustls::ClientConnection> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .context("TLS versions")?;
    let config = match trust {
        Trust::Configured(file) => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(pinned(file, provider)?))
            .with_no_client_auth(),
        Trust::SystemRoots => builder
            .with_root_certificates(system_roots()?)
            .with_no_client_auth(),
    };
    rustls::ClientConnection::new(Arc::new(config), server_name(url)?)
        .context("starting the TLS handshake")
}
