//! The browser flow (issue 21, item 3): what a signer's browser sends, beside the API flow.
//! The signing page carries its proof-of-work challenge, so a statement costs three
//! requests: the form page `GET`, the form `POST` (303) and the receipt page `GET`, with the
//! form and receipt cookies a browser keeps and `Accept-Encoding: br, gzip`.
//!
//! [`walk`] also follows one new visitor from the initiative page to the receipt, assets
//! included, and counts the bytes each answer puts on the wire (issue 21, item 4).

use std::io::Read as _;
use std::net::SocketAddr;
use std::time::Instant;

use anyhow::{Context as _, bail};
use hyper::body::Bytes;
use hyper::header::{self, HeaderMap};
use hyper::{Method, StatusCode};
use serde::Serialize;

use crate::bodies::{form_encode, statement_fields};
use crate::client::{Connection, REQUEST_TIMEOUT};
use crate::load::Shared;
use crate::setup::SLUG;
use crate::stats::{Tally, Window};

/// What every modern browser accepts.
const ACCEPT_ENCODING: &str = "br, gzip";

/// One answer as a browser sees it.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    /// The body, decoded from its `Content-Encoding`.
    body: Vec<u8>,
    /// Status line, headers and body as sent.
    wire: usize,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `name=value` of each `Set-Cookie`.
    fn cookies(&self) -> impl Iterator<Item = String> + '_ {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .filter_map(|value| value.split(';').next())
            .map(|pair| pair.trim().to_owned())
    }
}

/// The cookies a browser would send back, in order.
#[derive(Default)]
struct Jar(Vec<String>);

impl Jar {
    fn keep(&mut self, answer: &Answer) {
        for cookie in answer.cookies() {
            let name = cookie.split('=').next().unwrap_or("").to_owned();
            self.0
                .retain(|old| old.split('=').next() != Some(name.as_str()));
            self.0.push(cookie);
        }
    }

    fn header(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.join("; "))
    }
}

/// Sends one browser request: `Accept-Encoding`, the cookies, a form body if any.
async fn request(
    conn: &mut Connection,
    method: Method,
    path: &str,
    jar: &Jar,
    form: Option<String>,
    encoding: &str,
) -> anyhow::Result<Answer> {
    let mut headers = vec![(header::ACCEPT_ENCODING, encoding.to_owned())];
    if let Some(cookie) = jar.header() {
        headers.push((header::COOKIE, cookie));
    }
    let body = match form {
        Some(form) => {
            headers.push((
                header::CONTENT_TYPE,
                "application/x-www-form-urlencoded".to_owned(),
            ));
            Bytes::from(form)
        }
        None => Bytes::new(),
    };
    let (status, headers, raw) =
        tokio::time::timeout(REQUEST_TIMEOUT, conn.exchange(method, path, &headers, body))
            .await
            .with_context(|| format!("{path}: timed out"))??;
    let wire = wire_size(status, &headers, raw.len());
    let body = decode(&headers, &raw)?;
    Ok(Answer {
        status,
        headers,
        body,
        wire,
    })
}

/// The bytes of an HTTP/1.1 answer: status line, each `name: value` line, blank line, body.
fn wire_size(status: StatusCode, headers: &HeaderMap, body: usize) -> usize {
    let reason = status.canonical_reason().unwrap_or("").len();
    let lines: usize = headers
        .iter()
        .map(|(name, value)| name.as_str().len() + 2 + value.len() + 2)
        .sum();
    "HTTP/1.1 200 ".len() + reason + 2 + lines + 2 + body
}

fn decode(headers: &HeaderMap, raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() * 4);
    match headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
    {
        None => out.extend_from_slice(raw),
        Some("br") => {
            brotli::Decompressor::new(raw, 4096)
                .read_to_end(&mut out)
                .context("brotli body")?;
        }
        Some("gzip") => {
            flate2::read::GzDecoder::new(raw)
                .read_to_end(&mut out)
                .context("gzip body")?;
        }
        Some(other) => bail!("unexpected Content-Encoding {other}"),
    }
    Ok(out)
}

/// The value of the attribute that follows `marker` (`name="csrf" value`), entities undone.
fn attribute(page: &str, marker: &str) -> Option<String> {
    let marker = format!("{marker}=\"");
    let start = page.find(&marker)? + marker.len();
    let raw = page.get(start..)?.split('"').next()?;
    Some(
        raw.replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#38;", "&")
            .replace("&amp;", "&"),
    )
}

/// The form `POST` of the sign page `page` for request `n`'s signer, proof solved.
fn filled_form(page: &str, n: u64) -> anyhow::Result<String> {
    let token = attribute(page, "name=\"form_token\" value").context("no form_token")?;
    let csrf = attribute(page, "name=\"csrf\" value").context("no csrf field")?;
    let json = attribute(page, "data-challengejson").context("no embedded challenge")?;
    let challenge: ocs_crypto::Challenge =
        serde_json::from_str(&json).context("the embedded challenge is not JSON")?;
    let proof = ocs_crypto::solve(&challenge).context("the challenge is unsolvable")?;
    let (_, fields) = statement_fields(n)?;
    let mut pairs: Vec<(&str, &str)> = vec![
        ("form_token", &token),
        ("csrf", &csrf),
        ("altcha", &proof),
        ("consent", "yes"),
    ];
    pairs.extend(fields.iter().map(|(name, value)| (*name, value.as_str())));
    Ok(form_encode(pairs))
}

fn sign_path(n: u64) -> anyhow::Result<String> {
    let (nationality, _) = statement_fields(n)?;
    Ok(format!("/initiatives/{SLUG}/sign/{nationality}?lang=en"))
}

/// One signer's flow on `conn`, timed from `started`: form page, POST, receipt page. Returns
/// whether the connection may be kept.
pub async fn flow(
    conn: &mut Connection,
    window: &Window,
    started: Instant,
    shared: &Shared,
    tally: &mut Tally,
) -> bool {
    let n = shared.next_serial();
    let mut jar = Jar::default();
    let Ok(path) = sign_path(n) else {
        tally.error("building a signer", "");
        return true;
    };
    let page = match request(conn, Method::GET, &path, &jar, None, ACCEPT_ENCODING).await {
        Ok(page) if page.status == StatusCode::OK => page,
        Ok(page) => {
            tally.status(page.status.as_u16(), false);
            tally.error(
                format!("form page HTTP {}", page.status.as_u16()),
                &page.text(),
            );
            return true;
        }
        Err(error) => {
            tally.error("form page: connection", &format!("{error:#}"));
            return false;
        }
    };
    jar.keep(&page);
    let form = match filled_form(&page.text(), n) {
        Ok(form) => form,
        Err(error) => {
            tally.error("form page: unusable", &format!("{error:#}"));
            return true;
        }
    };
    let post_started = Instant::now();
    let answer = match request(conn, Method::POST, &path, &jar, Some(form), ACCEPT_ENCODING).await {
        Ok(answer) => answer,
        Err(error) => {
            tally.uncertain += 1;
            tally.error("form post: connection", &format!("{error:#}"));
            return false;
        }
    };
    let posted = Instant::now();
    tally.status(
        answer.status.as_u16(),
        answer.headers.contains_key(header::RETRY_AFTER),
    );
    if answer.status != StatusCode::SEE_OTHER {
        tally.error(
            format!("form post HTTP {}", answer.status.as_u16()),
            &answer.text(),
        );
        return true;
    }
    jar.keep(&answer);
    let receipt = answer
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/")
        .to_owned();
    match request(conn, Method::GET, &receipt, &jar, None, ACCEPT_ENCODING).await {
        Ok(page) if page.status == StatusCode::OK => {
            tally.success(window, started, Some(post_started), Instant::now());
            true
        }
        other => {
            // Stored all the same: it counts as accepted, timed to the POST's answer.
            tally.success(window, started, Some(post_started), posted);
            let detail = match other {
                Ok(page) => format!("HTTP {}", page.status.as_u16()),
                Err(error) => format!("{error:#}"),
            };
            tally.error("receipt page", &detail);
            true
        }
    }
}

/// One step of [`walk`].
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// What the browser fetched.
    pub what: &'static str,
    /// The status it got.
    pub status: u16,
    /// Bytes on the wire (status line, headers, body as sent).
    pub wire: usize,
    /// The body before any `Content-Encoding`.
    pub decoded: usize,
}

/// A new visitor's bytes from the initiative page to the receipt.
#[derive(Debug, Clone, Serialize)]
pub struct Walk {
    /// `Accept-Encoding` sent.
    pub encoding: &'static str,
    /// Each answer.
    pub steps: Vec<Step>,
    /// Bytes on the wire, all steps.
    pub wire_total: usize,
    /// Bodies before decoding, all steps.
    pub decoded_total: usize,
}

/// Follows one new visitor (empty cache) with `encoding`: initiative page and its
/// stylesheet, the sign page its chooser links and its script, the POST (303), the receipt
/// page. Signs as request `n`'s signer ([`german_serial`]: the longest form of the two).
pub async fn walk(address: SocketAddr, n: u64, encoding: &'static str) -> anyhow::Result<Walk> {
    let mut conn = Connection::open(address).await?;
    let mut jar = Jar::default();
    let mut steps = Vec::new();
    let mut step = |what, answer: &Answer| {
        steps.push(Step {
            what,
            status: answer.status.as_u16(),
            wire: answer.wire,
            decoded: answer.body.len(),
        });
    };
    let get = Method::GET;
    let page = request(
        &mut conn,
        get.clone(),
        &format!("/initiatives/{SLUG}?lang=en"),
        &jar,
        None,
        encoding,
    )
    .await?;
    step("initiative page", &page);
    let css = attribute(&page.text(), "rel=\"stylesheet\" href").context("no stylesheet")?;
    let answer = request(&mut conn, get.clone(), &css, &jar, None, encoding).await?;
    step("stylesheet", &answer);
    // The chooser links each member state's form: the browser follows that link.
    let path = sign_path(n)?;
    let link = format!("href=\"{path}\"");
    if !page.text().contains(&link) {
        bail!("the initiative page does not link {path}");
    }
    let page = request(&mut conn, get.clone(), &path, &jar, None, encoding).await?;
    step("sign page", &page);
    jar.keep(&page);
    let script = attribute(&page.text(), "<script src").context("no script")?;
    let answer = request(&mut conn, get.clone(), &script, &jar, None, encoding).await?;
    step("proof-of-work script", &answer);
    let form = filled_form(&page.text(), n)?;
    let answer = request(&mut conn, Method::POST, &path, &jar, Some(form), encoding).await?;
    step("form post", &answer);
    if answer.status != StatusCode::SEE_OTHER {
        bail!(
            "the walk's POST answered {}: {}",
            answer.status,
            answer.text()
        );
    }
    jar.keep(&answer);
    let receipt = answer
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .context("303 without Location")?
        .to_owned();
    let answer = request(&mut conn, get, &receipt, &jar, None, encoding).await?;
    step("receipt page", &answer);
    let wire_total = steps.iter().map(|s| s.wire).sum();
    let decoded_total = steps.iter().map(|s| s.decoded).sum();
    Ok(Walk {
        encoding,
        steps,
        wire_total,
        decoded_total,
    })
}

/// The next serial whose signer is German ([`statement_fields`] alternates Austrians and
/// Germans): the German form is the longer one (address, and every country of residence), so
/// the walk measures it every run instead of whichever the counter gives.
pub fn german_serial(shared: &Shared) -> u64 {
    loop {
        let n = shared.next_serial();
        if !n.is_multiple_of(2) {
            return n;
        }
    }
}

/// The goal for a signer's download, initiative page to receipt, on the wire (issue 21).
pub const GOAL_BYTES: usize = 12 * 1024;

/// Appends the walks to the printed report.
pub fn render(out: &mut String, walks: &[Walk]) {
    use std::fmt::Write as _;
    for walk in walks {
        let _ = writeln!(
            out,
            "  a new visitor, initiative page to receipt, Accept-Encoding {:?}: {} bytes on the \
             wire ({} decoded){}",
            walk.encoding,
            walk.wire_total,
            walk.decoded_total,
            if walk.encoding == "identity" {
                String::new()
            } else {
                format!(
                    "; goal <= {GOAL_BYTES}: {}",
                    if walk.wire_total <= GOAL_BYTES {
                        "met"
                    } else {
                        "NOT met"
                    }
                )
            }
        );
        for step in &walk.steps {
            let _ = writeln!(
                out,
                "    {:<22} {} {:>6} bytes ({} decoded)",
                step.what, step.status, step.wire, step.decoded
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_and_unescaped() {
        let page = r#"<form data-challengejson="{&#34;salt&#34;:&#34;a?expires=1&#38;&#34;}"><input type="hidden" name="csrf" value="t0k">"#;
        assert_eq!(
            attribute(page, "data-challengejson").as_deref(),
            Some(r#"{"salt":"a?expires=1&"}"#)
        );
        assert_eq!(
            attribute(page, "name=\"csrf\" value").as_deref(),
            Some("t0k")
        );
        assert_eq!(attribute(page, "missing"), None);
    }

    #[test]
    fn the_jar_keeps_the_latest_value_of_each_cookie() {
        let mut jar = Jar::default();
        let mut headers = HeaderMap::new();
        headers.append(header::SET_COOKIE, "a=1; Path=/; HttpOnly".parse().unwrap());
        headers.append(header::SET_COOKIE, "b=2".parse().unwrap());
        let answer = Answer {
            status: StatusCode::OK,
            headers,
            body: Vec::new(),
            wire: 0,
        };
        jar.keep(&answer);
        let mut headers = HeaderMap::new();
        headers.append(header::SET_COOKIE, "a=3; Secure".parse().unwrap());
        jar.keep(&Answer {
            status: StatusCode::OK,
            headers,
            body: Vec::new(),
            wire: 0,
        });
        assert_eq!(jar.header().as_deref(), Some("b=2; a=3"));
    }

    #[test]
    fn wire_size_counts_the_status_line_headers_and_body() {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, "text/html".parse().unwrap());
        // "HTTP/1.1 200 OK\r\n" + "content-type: text/html\r\n" + "\r\n" + 10
        assert_eq!(wire_size(StatusCode::OK, &headers, 10), 17 + 25 + 2 + 10);
    }
}
