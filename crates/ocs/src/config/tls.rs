//! `[server.tls]`: HTTPS served by `ocs` itself, for a single node without a reverse proxy
//! (docs/DEPLOYMENT.md, "HTTPS without a proxy"). The certificate and key are PEM files,
//! read again when they change (`ocs_web::tls::ReloadingCertificate`); an optional plain-HTTP
//! listener only redirects to https.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};

/// `[server.tls]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTls {
    /// The certificate chain (PEM), the server's certificate first.
    cert_file: PathBuf,
    /// Its private key (PEM: PKCS#8, PKCS#1 or SEC1).
    key_file: PathBuf,
    /// A plain-HTTP listener (address:port) that answers every request with a 308 redirect to
    /// https, e.g. `"[::]:80"`; none when absent.
    #[serde(default)]
    redirect_listen: Option<String>,
}

/// The checked `[server.tls]`.
#[derive(Debug, Clone)]
pub struct TlsConfig {
    /// The certificate chain file.
    pub cert_file: PathBuf,
    /// The private key file.
    pub key_file: PathBuf,
    /// The redirecting plain-HTTP listener, if any.
    pub redirect_listen: Option<SocketAddr>,
}

/// Checks `[server.tls]`: the pair loads now (a wrong path or a key that does not fit the
/// certificate stops the start, not the first visitor), the redirect listener is another
/// address than `listen`, and a public URL, if given, is https (cookies become `Secure`
/// `__Host-` cookies, which a browser refuses over http).
pub(super) fn check(
    server: &super::RawServer,
    listen: SocketAddr,
    base: &Path,
) -> anyhow::Result<Option<TlsConfig>> {
    let Some(raw) = &server.tls else {
        return Ok(None);
    };
    if let Some(url) = server.public_url.as_deref()
        && !url.starts_with("https://")
    {
        bail!(
            "server.public_url = {url:?} with [server.tls]: the site is served over https, \
             so its public URL must start with https://"
        );
    }
    let cert_file = super::relative(base, &raw.cert_file);
    let key_file = super::relative(base, &raw.key_file);
    ocs_web::tls::ReloadingCertificate::load(&cert_file, &key_file)
        .context("server.tls: the certificate and key must be PEM files that belong together")?;
    let redirect_listen = raw
        .redirect_listen
        .as_deref()
        .map(|text| {
            text.parse::<SocketAddr>().with_context(|| {
                format!("server.tls.redirect_listen = {text:?} is not an address:port")
            })
        })
        .transpose()?;
    if let Some(redirect) = redirect_listen
        && redirect.port() != 0
        && redirect.port() == listen.port()
        && (redirect.ip() == listen.ip()
            || redirect.ip().is_unspecified()
            || listen.ip().is_unspecified())
    {
        bail!(
            "server.tls.redirect_listen = {redirect} is the HTTPS address server.listen = \
             {listen}; give the redirect its own port (80)"
        );
    }
    Ok(Some(TlsConfig {
        cert_file,
        key_file,
        redirect_listen,
    }))
}

/// The `ocs check-config` lines of `[server.tls]` (file names only; the key is not read out).
pub(super) fn describe(tls: Option<&TlsConfig>) -> String {
    match tls {
        None => "tls               off (plain HTTP; terminate TLS in a proxy)\n".to_owned(),
        Some(tls) => format!(
            "tls               certificate {}, key {} (contents not shown), reread on change\n\
             http redirect     {}\n",
            tls.cert_file.display(),
            tls.key_file.display(),
            tls.redirect_listen.map_or_else(
                || "none".to_owned(),
                |address| format!("{address} -> https")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn config(dir: &Path, server: &str) -> anyhow::Result<crate::config::Config> {
        let text = format!(
            "[server]\n{server}\n[database]\nurl = \"sqlite://ocs.db\"\n\
             [secrets]\nserver_key_file = \"server.key\"\ndedup_key_file = \"dedup.key\"\n"
        );
        crate::config::from_toml(&text, dir)
    }

    /// A certificate and key in `dir` (`cert.pem`, `key.pem`), and a key of another pair.
    fn pair(dir: &Path) {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        std::fs::write(dir.join("cert.pem"), made.cert.pem()).unwrap();
        std::fs::write(dir.join("key.pem"), made.signing_key.serialize_pem()).unwrap();
        let other = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        std::fs::write(dir.join("other.pem"), other.signing_key.serialize_pem()).unwrap();
    }

    #[test]
    fn a_usable_pair_is_checked_at_start_and_the_settings_agree() {
        let dir = tempfile::tempdir().unwrap();
        pair(dir.path());
        let tls = "listen = \"127.0.0.1:8443\"\n[server.tls]\ncert_file = \"cert.pem\"\n";
        let good = config(
            dir.path(),
            &format!("{tls}key_file = \"key.pem\"\nredirect_listen = \"127.0.0.1:8080\""),
        )
        .unwrap();
        let checked = good.tls.as_ref().unwrap();
        assert_eq!(checked.cert_file, dir.path().join("cert.pem"));
        assert_eq!(
            checked.redirect_listen,
            Some("127.0.0.1:8080".parse().unwrap())
        );
        assert!(good.describe().contains("-> https"), "{}", good.describe());

        let refused = |server: String, expected: &str| {
            let error = format!("{:#}", config(dir.path(), &server).unwrap_err());
            assert!(error.contains(expected), "{error}");
        };
        refused(format!("{tls}key_file = \"other.pem\""), "belong together");
        refused(format!("{tls}key_file = \"missing.pem\""), "missing.pem");
        refused(
            format!("{tls}key_file = \"cert.pem\""),
            "no PEM private key",
        );
        refused(
            format!("{tls}key_file = \"key.pem\"\nredirect_listen = \"0.0.0.0:8443\""),
            "its own port",
        );
        refused(
            format!("public_url = \"http://example.org\"\n{tls}key_file = \"key.pem\""),
            "must start with https://",
        );
    }
}
