//! `ocs healthcheck`: asks a running server's `GET /healthz` and succeeds only on 200, so a
//! container runtime or a monitor needs no curl in the image.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use url::Url;

/// How long each step (connect, send, read the status line) may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(5);

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

/// The URL to ask: `--url`, else the configuration's listening address.
pub fn target(url: Option<&str>, config: Option<&Path>) -> anyhow::Result<Url> {
    if let Some(url) = url {
        return Url::parse(url).with_context(|| format!("--url {url} is not a URL"));
    }
    let config = config.context("give --url, or --config (or OCS_CONFIG) to read server.listen")?;
    let config = crate::config::load(config)?;
    default_url(config.listen)
}

/// Sends one `GET` to `url` (plain HTTP) and returns the answer's status code.
pub fn status(url: &Url) -> anyhow::Result<u16> {
    anyhow::ensure!(
        url.scheme() == "http",
        "ocs healthcheck speaks plain HTTP to the server's own listener; {url} is not http://"
    );
    let host = url.host_str().context("the URL has no host")?;
    let addresses = url
        .socket_addrs(|| Some(80))
        .with_context(|| format!("resolving {host}"))?;
    let address = addresses
        .first()
        .with_context(|| format!("{host} has no address"))?;
    let mut stream = TcpStream::connect_timeout(address, STEP_TIMEOUT)
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
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: ocs-healthcheck\r\nConnection: close\r\n\r\n"
    )
    .with_context(|| format!("sending the request to {address}"))?;
    // A status line is short; a server sending an endless line must not fill memory.
    let mut line = String::new();
    BufReader::new(std::io::Read::take(stream, 1024))
        .read_line(&mut line)
        .with_context(|| format!("reading the answer of {address}"))?;
    parse_status_line(&line).with_context(|| format!("{address} did not answer HTTP: {line:?}"))
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
    let url = target(url, config)?;
    let code = status(&url).with_context(|| format!("unhealthy: {url}"))?;
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
    fn only_plain_http_is_asked() {
        let url = Url::parse("https://example.org/healthz").unwrap();
        let error = status(&url).unwrap_err().to_string();
        assert!(error.contains("plain HTTP"), "{error}");
    }
}
