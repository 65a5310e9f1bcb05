//! The synchroniser token of every public HTML form (sign form, self-service, mail confirm and
//! unsubscribe, console sign-in) and the content-type rule of the JSON API: the second layer
//! of the CSRF defence, after the Origin check of [`crate::middleware::verify_origin`].
//!
//! A form page gets a random nonce in the cookie [`FORM_COOKIE`] (`__Host-`, `HttpOnly`,
//! `Secure`, `SameSite=Lax`, 12 hours, renewed with each form) and a hidden field `csrf`
//! holding an HMAC token over that nonce (`ocs_crypto::CsrfTokens`, key derived from the
//! server secret, so every node verifies it). [`verify_form_token`] refuses a state-changing
//! request whose field does not verify against the cookie with `SEC-002` (403, a localised
//! page that shows no input value). Another site can neither read the nonce nor set a
//! `__Host-` cookie, so it cannot forge the pair. Stateless: nothing is stored per visitor.
//!
//! Three kinds of route are not checked here, each for a stated reason:
//! - `/api/…` (machine clients): a state-changing request must have
//!   `Content-Type: application/json`, else `REQ-003` (415). A browser sends that type
//!   cross-origin only after a CORS preflight, which this server never grants.
//! - `/console/…` but the sign-in: the console's own session-bound `form_token`
//!   (`routes::console::Checked`), checked after the session is loaded.
//! - `/mail/unsubscribe/{token}` with the RFC 8058 one-click body `List-Unsubscribe=One-Click`:
//!   the mail provider posts it without cookies; the unguessable token in the path is the
//!   capability, so a forger would first need the signer's mail.

use std::sync::{Arc, OnceLock};

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use ocs_crypto::{Entropy as _, OsEntropy};
use ocs_domain::ErrorCode;

use crate::error::WebError;
use crate::state::WebState;

/// The cookie holding the visitor's form nonce on an https site.
pub const FORM_COOKIE: &str = "__Host-ocs_form";
/// Its name on a plain-http site (a demo on a LAN address), where browsers refuse `__Host-`.
pub const PLAIN_FORM_COOKIE: &str = "ocs_form";

fn cookie_name(web: &WebState) -> &'static str {
    if web.settings().hsts {
        FORM_COOKIE
    } else {
        PLAIN_FORM_COOKIE
    }
}
/// The hidden field holding the token.
pub const FIELD: &str = "csrf";
/// Lifetime of the cookie, in seconds (the tokens live `state::CSRF_MAX_AGE`, also 12 h).
const COOKIE_SECONDS: u32 = 12 * 3600;
/// Length of a nonce in base64url characters (16 random bytes).
const NONCE_LEN: usize = 22;

/// The visitor's nonce for this request: from the cookie, or made when a form needs one.
#[derive(Clone, Debug, Default)]
pub struct FormNonce {
    existing: Option<String>,
    issued: Arc<OnceLock<String>>,
}

impl FormNonce {
    fn of(headers: &HeaderMap, name: &str) -> Self {
        Self {
            existing: crate::cookies::read(headers, name)
                .filter(|n| well_formed(n))
                .map(str::to_owned),
            issued: Arc::new(OnceLock::new()),
        }
    }

    /// The nonce, making one (and marking the cookie for the answer) if the request had none.
    fn get(&self) -> String {
        let nonce = self.existing.clone().unwrap_or_else(|| {
            let mut bytes = [0u8; 16];
            OsEntropy.fill(&mut bytes);
            base64url(&bytes)
        });
        self.issued.get_or_init(|| nonce).clone()
    }
}

/// A handle to issue the `csrf` field of a form page. Extract it in every handler that
/// renders a `<form method="post">` outside the signed-in console, and put
/// [`FormGuard::token`] in a hidden `csrf` input.
#[derive(Clone, Debug)]
pub struct FormGuard(FormNonce);

impl FormGuard {
    /// A token for this visitor (sets the cookie on the answer).
    pub fn token(&self, web: &WebState) -> String {
        web.csrf_token(&binding(&self.0.get()))
    }
}

impl FromRequestParts<WebState> for FormGuard {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        web: &WebState,
    ) -> Result<Self, Self::Rejection> {
        // Without the middleware (a router assembled by hand) the guard still works; the
        // cookie is then not set, and the post is refused: fail closed.
        let nonce = parts
            .extensions
            .get::<FormNonce>()
            .cloned()
            .unwrap_or_else(|| FormNonce::of(&parts.headers, cookie_name(web)));
        Ok(Self(nonce))
    }
}

/// A `Cookie` header value and a matching `csrf` token, as a form page hands them out: for
/// code that drives the HTML forms without a browser (tests, tools on the same host).
pub fn pass(web: &WebState) -> (String, String) {
    let nonce = FormNonce::default().get();
    let token = web.csrf_token(&binding(&nonce));
    (format!("{}={nonce}", cookie_name(web)), token)
}

fn binding(nonce: &str) -> Vec<u8> {
    let mut out = b"openocs public form v1\0".to_vec();
    out.extend_from_slice(nonce.as_bytes());
    out
}

fn base64url(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    // base64url without padding, by hand (the crate is not a dependency of the web layer).
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(NONCE_LEN);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 6 {
            bits -= 6;
            let index = usize::try_from((buffer >> bits) & 63).unwrap_or(0);
            let _ = write!(
                out,
                "{}",
                char::from(ALPHABET.get(index).copied().unwrap_or(b'A'))
            );
        }
    }
    if bits > 0 {
        let index = usize::try_from((buffer << (6 - bits)) & 63).unwrap_or(0);
        out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
    }
    out
}

fn well_formed(nonce: &str) -> bool {
    nonce.len() == NONCE_LEN
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Which check a state-changing request gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `GET`, `HEAD`, `OPTIONS` (and methods without routes): none.
    Safe,
    /// The JSON API: `Content-Type: application/json`.
    Json,
    /// The signed-in console: its session-bound `form_token` (checked by the handlers).
    ConsoleSession,
    /// Everything else: the `csrf` field against the cookie.
    FormToken,
    /// The SAML assertion consumer service: the identity provider's page posts it (HTTP-POST
    /// binding), so it cannot carry our token. What protects it instead: the response must
    /// be signed by the configured IdP and answer the request sealed in the signer's own
    /// flow cookie, once (`ocs_eid::saml`).
    SamlResponse,
    /// A witness's cosignature (`POST /log/{slug}/cosignature`): a program posts it, not a
    /// browser form. What protects it instead: only a line that verifies under a witness key
    /// the deployment configured is stored, and a page on another site cannot make one.
    WitnessCosignature,
}

/// The rule for a method and path. Methods no route has (`TRACE`, unknown ones) go on to the
/// router's 405.
pub fn rule(method: &Method, path: &str) -> Rule {
    if !matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        Rule::Safe
    } else if path == crate::middleware::SAML_ACS_PATH {
        Rule::SamlResponse
    } else if path.starts_with("/api/") {
        Rule::Json
    } else if path.starts_with("/log/") && path.ends_with("/cosignature") {
        Rule::WitnessCosignature
    } else if path.starts_with("/console/") && path != "/console/sign-in" {
        Rule::ConsoleSession
    } else {
        Rule::FormToken
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

fn is_urlencoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// The decoded value of the first field `name` in an urlencoded body.
fn field(body: &[u8], name: &str) -> Option<Vec<u8>> {
    body.split(|b| *b == b'&').find_map(|pair| {
        let (key, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (pair.get(..at)?, pair.get(at + 1..)?),
            None => (pair, &[][..]),
        };
        (decode(key) == name.as_bytes()).then(|| decode(value))
    })
}

/// Percent-decoding of `application/x-www-form-urlencoded` (`+` is a space); a malformed
/// escape is kept as it is.
fn decode(text: &[u8]) -> Vec<u8> {
    let hex = |b: u8| {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let mut out = Vec::with_capacity(text.len());
    let mut index = 0;
    while let Some(&byte) = text.get(index) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let high = text.get(index + 1).copied().and_then(hex);
                let low = text.get(index + 2).copied().and_then(hex);
                if let (Some(high), Some(low)) = (high, low) {
                    out.push(high * 16 + low);
                    index += 2;
                } else {
                    out.push(byte);
                }
            }
            other => out.push(other),
        }
        index += 1;
    }
    out
}

/// RFC 8058 one-click unsubscribe, posted by a mail provider.
fn one_click(path: &str, body: &[u8]) -> bool {
    path.starts_with("/mail/unsubscribe/")
        && body
            .windows(b"One-Click".len())
            .any(|w| w.eq_ignore_ascii_case(b"One-Click"))
        && body
            .windows(b"List-Unsubscribe".len())
            .any(|w| w.eq_ignore_ascii_case(b"List-Unsubscribe"))
}

/// Checks the token (or the JSON content type) of every state-changing request and sets the
/// form cookie on answers that issued a token. Mounted on the whole router, inside the
/// Origin check and the body-read timeout.
pub async fn verify_form_token(
    State(web): State<WebState>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = FormNonce::of(request.headers(), cookie_name(&web));
    request.extensions_mut().insert(nonce.clone());
    let path = request.uri().path().to_owned();
    match rule(request.method(), &path) {
        Rule::Safe | Rule::ConsoleSession | Rule::SamlResponse | Rule::WitnessCosignature => {}
        Rule::Json => {
            if !is_json(request.headers()) {
                return refuse(ErrorCode::UnsupportedMediaType);
            }
        }
        Rule::FormToken => {
            let (parts, body) = request.into_parts();
            let limit = web.settings().body_limit;
            let bytes = match axum::body::to_bytes(body, limit).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    let too_large = std::error::Error::source(&error).is_some_and(
                        <dyn std::error::Error>::is::<http_body_util::LengthLimitError>,
                    );
                    let code = if too_large {
                        ErrorCode::TooLarge
                    } else {
                        ErrorCode::MalformedBody
                    };
                    return refuse(code);
                }
            };
            let valid = is_urlencoded(&parts.headers)
                && nonce.existing.as_deref().is_some_and(|n| {
                    field(&bytes, FIELD)
                        .and_then(|t| String::from_utf8(t).ok())
                        .is_some_and(|token| web.csrf_valid(&token, &binding(n)))
                });
            let request = Request::from_parts(parts, Body::from(bytes.clone()));
            if !valid && !one_click(&path, &bytes) {
                tracing::info!(path = %path, "form without a valid token refused");
                return refuse(ErrorCode::FormExpired);
            }
            return with_cookie(&web, next.run(request).await, &nonce);
        }
    }
    with_cookie(&web, next.run(request).await, &nonce)
}

/// Renewed on every answer that issued a token, so the cookie never ends before the form.
fn with_cookie(web: &WebState, mut response: Response, nonce: &FormNonce) -> Response {
    if let Some(value) = nonce.issued.get() {
        let (name, secure) = if web.settings().hsts {
            (FORM_COOKIE, "; Secure")
        } else {
            (PLAIN_FORM_COOKIE, "")
        };
        let text = format!(
            "{name}={value}; Max-Age={COOKIE_SECONDS}; Path=/; HttpOnly; SameSite=Lax{secure}"
        );
        if let Ok(value) = HeaderValue::from_str(&text) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn refuse(code: ErrorCode) -> Response {
    WebError::new(code).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_raw_and_rules_follow_the_path() {
        assert_eq!(field(b"a=1&csrf=xyz&b=2", "csrf"), Some(b"xyz".to_vec()));
        assert_eq!(field(b"%63srf=%41b+c%2", "csrf"), Some(b"Ab c%2".to_vec()));
        assert_eq!(field(b"csrf", "csrf"), Some(Vec::new()));
        assert_eq!(field(b"xcsrf=1", "csrf"), None);
        assert_eq!(rule(&Method::GET, "/mail/confirm/x"), Rule::Safe);
        assert_eq!(rule(&Method::POST, "/api/v1/x"), Rule::Json);
        assert_eq!(
            rule(&Method::POST, "/log/demo/cosignature"),
            Rule::WitnessCosignature
        );
        assert_eq!(rule(&Method::POST, "/console/sign-in"), Rule::FormToken);
        assert_eq!(
            rule(&Method::POST, "/console/sign-out"),
            Rule::ConsoleSession
        );
        assert_eq!(rule(&Method::DELETE, "/initiatives/x"), Rule::FormToken);
        assert!(one_click(
            "/mail/unsubscribe/t",
            b"List-Unsubscribe=One-Click"
        ));
        assert!(!one_click("/mail/confirm/t", b"List-Unsubscribe=One-Click"));
        assert!(!one_click("/mail/unsubscribe/t", b""));
    }

    #[test]
    fn nonces_are_well_formed_and_differ() {
        let a = FormNonce::default().get();
        let b = FormNonce::default().get();
        assert!(well_formed(&a), "{a}");
        assert_ne!(a, b);
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }
}
