//! `ocs healthcheck`: asks a running server's `GET /healthz` and succeeds only on 200, so a
//! container runtime or a monitor needs no curl in the image.
//!
//! Over https (`--url https://…`, or the default address when `[server.tls]` is configured)
//! it trusts the configured certificate file when a configuration is given: the server's
//! certificate must be one of that file's (pinned, so `https://127.0.0.1:8443/healthz`
//! works with a certificate for the public name); without a configuration, the system's
//! roots and the URL's host name.

use std::io::{BufRead as _, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use url::Url;

/// How long each step (connect, send, read the status line) may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(5);

/// The health address of a server listening on `listen` (over https when `tls`): a wildcard
/// address is asked on loopback of the same family.
pub fn default_url_of(listen: SocketAddr, tls: bool) -> anyhow::Result<Url> {
    let mut url = default_url(listen)?;
    if tls {
        url.set_scheme("https")
            .map_err(|()| anyhow::anyhow!("building the https health address"))?;
    }
    Ok(url)
}

/// The health address of a server listening on `listen`: a wildcard address is asked on
/// loopback of the same family.
pub fn default_url(listen: SocketAddr) -> anyhow::Result<Url> {
    let mut address = listen;
    if address.ip().is_unspecified() {
        address.set_ip(match address {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    Url::parse(&format!("http://{address}/healthz")).context("building the health address")
}

/// What an https answer is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The certificates of this PEM file (`[server.tls] cert_file`): the server's own
    /// certificate must be one of them.
    Configured(PathBuf),
    /// The system's root certificates, and the URL's host name.
    SystemRoots,
}

/// The URL to ask and what to trust over https: `--url`, else the configuration's listening
/// address; the configured certificate when `[server.tls]` is set.
pub fn target(url: Option<&str>, config: Option<&Path>) -> anyhow::Result<(Url, Trust)> {
    let loaded = match config {
        Some(file) => Some(crate::config::load(file)?),
        None => None,
    };
    let trust = loaded
        .as_ref()
        .and_then(|config| config.tls.as_ref())
        .map_or(Trust::SystemRoots, |tls| {
            Trust::Configured(tls.cert_file.clone())
        });
    if let Some(url) = url {
        let url = Url::parse(url).with_context(|| format!("--url {url} is not a URL"))?;
        return Ok((url, trust));
    }
    let config = loaded.context("give --url, or --config (or OCS_CONFIG) to read server.listen")?;
    Ok((default_url_of(config.listen, config.tls.is_some())?, trust))
}

/// Sends one `GET` to `url` (http, or https checked against `trust`) and returns the
/// answer's status code.
pub fn status(url: &Url, trust: &Trust) -> anyhow::Result<u16> {
    let tls = match url.scheme() {
        "http" => false,
        "https" => true,
        other => anyhow::bail!("ocs healthcheck speaks http and https, not {other}: {url}"),
    };
    let host = url.host_str().context("the URL has no host")?;
    let addresses = url
        .socket_addrs(|| Some(if tls { 443 } else { 80 }))
        .with_context(|| format!("resolving {host}"))?;
    let address = addresses
        .first()
        .with_context(|| format!("{host} has no address"))?;
    let stream = TcpStream::connect_timeout(address, STEP_TIMEOUT)
        .with_context(|| format!("connecting to {address}"))?;
    stream.set_read_timeout(Some(STEP_TIMEOUT))?;
    stream.set_write_timeout(Some(STEP_TIMEOUT))?;
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    let path = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: ocs-healthcheck\r\nConnection: close\r\n\r\n"
    );
    let line = if tls {
        let connection = crate::healthcheck_tls::connect(url, trust)?;
        exchange(
            tokio_rustls::rustls::StreamOwned::new(connection, stream),
            &request,
        )
    } else {
        exchange(stream, &request)
    }
    .with_context(|| format!("asking {address}"))?;
    parse_status_line(&line).with_context(|| format!("{address} did not answer HTTP: {line:?}"))
}

/// Writes `request` and reads the status line of the answer.
fn exchange(
    mut stream: impl std::io::Read + std::io::Write,
    request: &str,
) -> anyhow::Result<String> {
    stream
        .write_all(request.as_bytes())
        .context("sending the request")?;
    stream.flush().context("sending the request")?;
    // A status line is short; a server sending an endless line must not fill memory.
    let mut line = String::new();
    BufReader::new(std::io::Read::take(stream, 1024))
        .read_line(&mut line)
        .context("reading the answer")?;
    Ok(line)
}

/// The code of an HTTP/1.x status line.
fn parse_status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_ascii_whitespace();
    let version = parts.next()?;
    if !version.starts_with("HTTP/1.") {
        return None;
    }
    let code = parts.next()?;
    if code.len() != 3 {
        return None;
    }
    code.parse().ok()
}

/// `ocs healthcheck`: succeeds when `/healthz` answers 200; otherwise an error that says
/// what was seen (exit 1).
pub fn run(url: Option<&str>, config: Option<&Path>) -> anyhow::Result<()> {
    let (url, trust) = target(url, config)?;
    let code = status(&url, &trust).with_context(|| format!("unhealthy: {url}"))?;
    anyhow::ensure!(code == 200, "unhealthy: {url} answered {code}");
    println!("healthy: {url} answered 200");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines() {
        assert_eq!(parse_status_line("HTTP/1.1 200 OK\r\n"), Some(200));
        assert_eq!(
            parse_status_line("HTTP/1.0 503 Service Unavailable\r\n"),
            Some(503)
        );
        assert_eq!(parse_status_line("SSH-2.0-OpenSSH\r\n"), None);
        assert_eq!(parse_status_line("HTTP/1.1 2000 OK"), None);
        assert_eq!(parse_status_line(""), None);
    }

    #[test]
    fn a_wildcard_listener_is_asked_on_loopback() {
        let url = default_url("0.0.0.0:8080".parse().unwrap()).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:8080/healthz");
        let url = default_url("[::]:443".parse().unwrap()).unwrap();
        assert_eq!(url.as_str(), "http://[::1]:443/healthz");
        let url = default_url("192.0.2.7:80".parse().unwrap()).unwrap();
        assert_eq!(url.as_str(), "http://192.0.2.7/healthz");
    }

    #[test]
    fn only_http_and_https_are_asked() {
        let url = Url::parse("ftp://example.org/healthz").unwrap();
        let error = status(&url, &Trust::SystemRoots).unwrap_err().to_string();
        assert!(error.contains("http and https"), "{error}");
        let url = default_url_of("0.0.0.0:8443".parse().unwrap(), true).unwrap();
        assert_eq!(url.as_str(), "https://127.0.0.1:8443/healthz");
    }
}
