//! One place for the HTTP defences: response headers (security policy, caching, request
//! identifier), the cross-origin check on every state-changing request, and the lock on
//! `/metrics` and the rate-limit layer.

use axum::extract::{ConnectInfo, FromRequestParts as _, Request, State};
use std::sync::LazyLock;

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use axum::middleware::{FromFnLayer, Next, from_fn_with_state};
use axum::response::{IntoResponse as _, Response};
use ocs_domain::ErrorCode;

use crate::error::{WebError, set_retry_after};
use crate::ratelimit::RouteClass;
use crate::request_id::{RequestId, new_request_id};
use crate::state::WebState;

/// `default-src 'self'` already covers scripts, styles, images, fetches and workers; only
/// the directives that do not fall back to it, or are stricter than it, are spelled out
/// (without the optional spaces: every byte goes to every visitor).
const CSP: &str = "default-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'";

const PERMISSIONS: &str = "camera=(),microphone=(),geolocation=(),payment=(),usb=()";

/// Sets the security headers on every response, `no-store` on everything but static assets,
/// and a request identifier on refusals and errors (the one a person reports; every log line
/// carries it whatever the answer). A found static asset gets only the headers a browser
/// applies to a stylesheet or script ([`ASSET_HEADERS`]): a policy for documents on it is
/// bytes every new visitor downloads for nothing (issue 21, item 4).
pub async fn common_headers(
    State(state): State<WebState>,
    mut request: Request,
    next: Next,
) -> Response {
    let id = new_request_id();
    request.extensions_mut().insert(RequestId(id.clone()));
    let is_static = request.uri().path().starts_with("/static/");
    // Published figures are made cacheable after this layer (`open_data::open_data_headers`).
    let published = crate::routes::open_data::is_open_data(request.method(), request.uri().path());
    let mut response = next.run(request).await;
    // Only a found asset is cached: a 404 under /static/ cached for an hour would outlive
    // the deployment that adds the file (issue 19, finding 12).
    let asset = is_static && response.status().is_success();
    let failed = response.status().is_client_error() || response.status().is_server_error();
    let redirect =
        response.status().is_redirection() && response.headers().contains_key(header::LOCATION);
    let headers = response.headers_mut();
    let set = if asset {
        &*ASSET_VALUES
    } else if redirect {
        &*REDIRECT_VALUES
    } else {
        &*SECURITY_VALUES
    };
    for (name, value) in set {
        headers.insert(name.clone(), value.clone());
    }
    if state.settings().hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        let policy = if asset {
            "public, max-age=3600"
        } else {
            "no-store"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // `Vary` tells caches which request headers chose the body; nothing caches this answer.
    if !published
        && headers.get(header::CACHE_CONTROL) == Some(&HeaderValue::from_static("no-store"))
    {
        headers.remove(header::VARY);
    }
    if failed && let Ok(value) = HeaderValue::try_from(id) {
        headers.insert(X_REQUEST_ID, value);
    }
    response
}

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The headers every answer but a found static asset carries, with their values (HSTS only
/// when enabled). The route test checks each route against this list. `X-Frame-Options` and
/// `X-Permitted-Cross-Domain-Policies` are not sent: `frame-ancestors` replaces the first in
/// every browser that runs this site's forms, and the second only governs Flash and PDF
/// plug-in policy files, of which the site has none.
pub const SECURITY_HEADERS: [(&str, &str); 6] = [
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    // `same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null` on
    // form posts (Fetch standard), which the Origin check must refuse; no URL leaves the site.
    ("referrer-policy", "same-origin"),
    ("permissions-policy", PERMISSIONS),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// The headers of a redirect (a `3xx` with `Location`): a browser follows it without
/// rendering anything, so only what governs the next request (its `Referer`) and the
/// navigation (opener and cross-origin read policies) applies; a CSP, `nosniff` or a
/// permissions policy on an answer that is never a document or a script changes nothing.
pub const REDIRECT_HEADERS: [(&str, &str); 3] = [
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// The headers of a found static asset (a stylesheet or a script): the ones a browser applies
/// to a subresource. No script, style or frame is loaded from an asset, so a CSP, a referrer
/// or permissions policy, or an opener policy on it changes nothing.
pub const ASSET_HEADERS: [(&str, &str); 2] = [
    ("x-content-type-options", "nosniff"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// A header set as names and values, made once (issue 21 item 5): each answer clones them
/// instead of parsing and checking the strings again.
fn made_once(set: &[(&'static str, &'static str)]) -> Vec<(HeaderName, HeaderValue)> {
    set.iter()
        .map(|(name, value)| {
            (
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            )
        })
        .collect()
}

/// [`SECURITY_HEADERS`], made once.
static SECURITY_VALUES: LazyLock<Vec<(HeaderName, HeaderValue)>> =
    LazyLock::new(|| made_once(&SECURITY_HEADERS));
/// [`REDIRECT_HEADERS`], made once.
static REDIRECT_VALUES: LazyLock<Vec<(HeaderName, HeaderValue)>> =
    LazyLock::new(|| made_once(&REDIRECT_HEADERS));
/// [`ASSET_HEADERS`], made once.
static ASSET_VALUES: LazyLock<Vec<(HeaderName, HeaderValue)>> =
    LazyLock::new(|| made_once(&ASSET_HEADERS));

/// `Strict-Transport-Security` when `WebSettings::hsts` is on.
const HSTS: HeaderValue = HeaderValue::from_static("max-age=63072000; includeSubDomains");

/// The SAML assertion consumer service (see [`verify_origin`]).
pub const SAML_ACS_PATH: &str = "/eid/saml/acs";

/// Refuses a state-changing request (anything but `GET`, `HEAD`, `OPTIONS`) that a browser
/// says comes from another site: `Sec-Fetch-Site: cross-site`, an `Origin` other than ours
/// (or `null`), or without `Origin` a `Referer` from elsewhere. A request with neither header
/// is not from a browser form on another site (browsers send `Origin` on every cross-origin
/// `POST`), so API clients pass; the forms' synchroniser tokens are the second layer.
///
/// "Ours" is `WebSettings::allowed_origin` (the public base URL) or, when unset, the
/// request's own `Host`.
///
/// One path is exempt: the SAML assertion consumer service, which by protocol receives a
/// form post from the identity provider's site (HTTP-POST binding). It changes nothing but
/// the signer's own eID cookies, and only for a signed response that answers the request
/// sealed in the signer's flow cookie.
pub async fn verify_origin(State(web): State<WebState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || (*request.method() == Method::POST && request.uri().path() == SAML_ACS_PATH);
    if safe || origin_allowed(request.headers(), web.settings().allowed_origin.as_deref()) {
        return next.run(request).await;
    }
    tracing::info!(path = request.uri().path(), "cross-origin request refused");
    WebError::new(ErrorCode::CrossOrigin).into_response()
}

/// Whether the browser headers of a state-changing request name our own origin.
pub fn origin_allowed(headers: &HeaderMap, allowed: Option<&str>) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if text("sec-fetch-site").is_some_and(|site| site.eq_ignore_ascii_case("cross-site")) {
        return false;
    }
    let host = text(header::HOST.as_str());
    let same = |origin: &str| match allowed {
        Some(allowed) => origin
            .trim_end_matches('/')
            .eq_ignore_ascii_case(allowed.trim_end_matches('/')),
        // Without a configured origin only a host no DNS-rebinding page can claim passes: an
        // IP literal or `localhost` (issue 19, finding 14). A name resolved by the attacker's
        // DNS to this server would otherwise match its own Origin.
        None => origin
            .split_once("://")
            .is_some_and(|(_, authority)| Some(authority) == host && is_literal_host(authority)),
    };
    if let Some(origin) = text(header::ORIGIN.as_str()) {
        return origin != "null" && same(origin);
    }
    if let Some(referer) = text(header::REFERER.as_str()) {
        return origin_of(referer).is_some_and(same);
    }
    !headers.contains_key(header::ORIGIN) && !headers.contains_key(header::REFERER)
}

/// Whether an authority (`host[:port]`) names an IP address or `localhost`.
fn is_literal_host(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host),
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok()
}

/// `scheme://authority` of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    url.get(..scheme.len() + 3 + end)
}

/// Lets `/metrics` through only for a loopback client or with the bearer token of
/// `WebSettings::metrics_token`. Behind a reverse proxy the client is the address the proxy
/// reports, so a proxy on the same host does not open the endpoint to everyone.
pub async fn guard_metrics(State(web): State<WebState>, request: Request, next: Next) -> Response {
    let token_ok = web.settings().metrics_token.as_ref().is_some_and(|token| {
        request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|presented| token.matches(presented))
    });
    // In-process requests (tests) carry no peer address and are local by construction.
    let has_peer = request
        .extensions()
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .is_some();
    let (mut parts, body) = request.into_parts();
    let client = crate::client::ClientAddr::from_request_parts(&mut parts, &web)
        .await
        .unwrap_or_else(|never| match never {});
    let local = !has_peer || client.0.is_loopback() || is_mapped_loopback(client.0);
    if token_ok || local {
        return next.run(Request::from_parts(parts, body)).await;
    }
    WebError::new(ErrorCode::Forbidden).into_response()
}

fn is_mapped_loopback(address: std::net::IpAddr) -> bool {
    match address {
        std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
        std::net::IpAddr::V4(_) => false,
    }
}

/// A route layer that limits requests of `class` ([`crate::ratelimit`]): 429 with
/// `Retry-After` once a bucket is empty. Without configured limits it passes everything.
pub fn rate_limit(state: &WebState, class: RouteClass) -> LimitLayer {
    from_fn_with_state((state.clone(), class), limit as LimitFn)
}

/// The layer [`rate_limit`] returns.
pub type LimitLayer =
    FromFnLayer<LimitFn, (WebState, RouteClass), (State<(WebState, RouteClass)>, Request)>;

/// The limiting middleware as a function pointer.
pub type LimitFn = fn(State<(WebState, RouteClass)>, Request, Next) -> LimitFuture;

/// The future of the limiting middleware.
pub type LimitFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Response> + Send>>;

fn limit(
    State((web, class)): State<(WebState, RouteClass)>,
    request: Request,
    next: Next,
) -> LimitFuture {
    Box::pin(async move {
        let Some(limits) = web.rate_limits() else {
            return next.run(request).await;
        };
        let (mut parts, body) = request.into_parts();
        let client = crate::client::ClientAddr::from_request_parts(&mut parts, &web)
            .await
            .map_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), |c| {
                c.0
            });
        match limits.check(class, client, web.signing().now()) {
            Ok(()) => next.run(Request::from_parts(parts, body)).await,
            Err(wait) => {
                tracing::info!(class = class.as_str(), "rate limited");
                let mut response = WebError::new(ErrorCode::RateLimited).into_response();
                set_retry_after(&mut response, wait);
                response
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn origins_are_checked_against_the_public_url_or_the_host() {
        let ours = Some("https://sign.example.eu");
        assert!(origin_allowed(
            &headers(&[("origin", "https://sign.example.eu")]),
            ours
        ));
        assert!(!origin_allowed(
            &headers(&[("origin", "https://evil.example")]),
            ours
        ));
        assert!(!origin_allowed(
            &headers(&[("origin", "http://sign.example.eu")]),
            ours
        ));
        assert!(!origin_allowed(&headers(&[("origin", "null")]), ours));
        assert!(origin_allowed(
            &headers(&[("referer", "https://sign.example.eu/initiatives/x?lang=de")]),
            ours
        ));
        assert!(!origin_allowed(
            &headers(&[("referer", "https://sign.example.eu.evil.example/")]),
            ours
        ));
        assert!(!origin_allowed(
            &headers(&[
                ("origin", "https://sign.example.eu"),
                ("sec-fetch-site", "cross-site")
            ]),
            ours
        ));
        // Not from a browser: no Origin, no Referer.
        assert!(origin_allowed(&headers(&[]), ours));
        // Without a configured origin: the Host header.
        let host = [
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ];
        assert!(origin_allowed(&headers(&host), None));
        let other = [
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:9999"),
        ];
        assert!(!origin_allowed(&headers(&other), None));
    }

    /// Issue 19, finding 14: without a configured public URL, a page on the attacker's name,
    /// resolved to this server (DNS rebinding), sent a Host and an Origin that matched. Only
    /// IP literals and `localhost` are compared with the Host now.
    #[test]
    fn rebinding_host_is_refused_without_public_url() {
        let rebound = [
            ("host", "evil.example:8080"),
            ("origin", "http://evil.example:8080"),
        ];
        assert!(!origin_allowed(&headers(&rebound), None));
        for (host, origin) in [
            ("localhost:8080", "http://localhost:8080"),
            ("[::1]:8080", "http://[::1]:8080"),
            ("192.0.2.7", "http://192.0.2.7"),
        ] {
            assert!(
                origin_allowed(&headers(&[("host", host), ("origin", origin)]), None),
                "{host}"
            );
        }
        // With the public URL configured, the Host plays no part.
        assert!(origin_allowed(
            &headers(&[
                ("host", "evil.example"),
                ("origin", "https://sign.example.eu")
            ]),
            Some("https://sign.example.eu")
        ));
    }
}
