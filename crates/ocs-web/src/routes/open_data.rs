//! Open data and embedding (issue 17, items 9 and 10): the daily counts, the SVG badge, and
//! the headers of the public read API: CORS for anyone without credentials, an `ETag` with
//! `304 Not Modified`, and short public caching. Nothing here carries personal data: these
//! answers are the published figures and the public log only.

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ocs_domain::{CountryCode, ErrorCode};
use serde::Serialize;

use crate::error::WebError;
use crate::extract::PublicInitiative;
use crate::i18n::{Arg, Lang, Tr};
use crate::routes::log::LogState;
use crate::state::WebState;

/// The routes of this module.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/initiatives/{slug}/counters/daily"),
    ("GET", "/initiatives/{slug}/badge.svg"),
    ("GET", "/initiatives/{slug}/widget"),
];

/// How long a browser or a shared cache may keep a public read answer without asking again.
/// Short: the figures move with each publication. Revalidation is cheap (`ETag`, 304).
pub const PUBLIC_MAX_AGE: &str = "public, max-age=60";

/// Largest answer body the `ETag` layer hashes; a larger one passes through untagged.
const ETAG_BODY_LIMIT: usize = 4 * 1024 * 1024;

/// This module's routes, merged into the application router.
pub fn router() -> Router<WebState> {
    Router::new()
        .route(
            "/api/v1/initiatives/{slug}/counters/daily",
            get(show_daily_counters),
        )
        .route("/initiatives/{slug}/badge.svg", get(show_badge))
        .route("/initiatives/{slug}/widget", get(show_widget))
}

/// Whether a request reads public data that any site may fetch: `GET` or `HEAD` of the
/// JSON API's initiative resources, the public log, or a badge. Posting (signing, receipts)
/// and the proof-of-work challenge are not open data.
pub fn is_open_data(method: &Method, path: &str) -> bool {
    let read = method == Method::GET || method == Method::HEAD;
    let api = path.starts_with("/api/v1/initiatives")
        && !path.ends_with("/statements")
        && !path.contains("/receipts/");
    let embed = path.starts_with("/initiatives/")
        && (path.ends_with("/badge.svg") || path.ends_with("/widget"));
    read && (api || path.starts_with("/log/") || embed)
}

/// The open-data headers: on a successful public read, `Access-Control-Allow-Origin: *`
/// (never with credentials, so no browser sends a cookie's answer to another site), short
/// public caching unless the handler chose a policy (tiles: immutable; checkpoint:
/// no-cache), and a strong `ETag` over the body, answering `304` to a matching
/// `If-None-Match`. A badge may be shown by any page (`Cross-Origin-Resource-Policy:
/// cross-origin`), and the widget is the one page any site may frame: its `frame-ancestors`
/// is `*`, it has no `X-Frame-Options`, and it never sets a cookie. Runs outside
/// `common_headers`, so its choices are final.
pub async fn open_data_headers(request: Request, next: Next) -> Response {
    let open = is_open_data(request.method(), request.uri().path());
    let badge = request.uri().path().ends_with("/badge.svg");
    let widget = request.uri().path().ends_with("/widget");
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if !open || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    open_headers(&mut parts.headers, badge, widget);
    with_etag(parts, body, if_none_match).await
}

/// The headers of every open-data answer: any origin may read it, it is cached for a while
/// unless the handler said otherwise, a badge may be embedded and a widget framed.
fn open_headers(headers: &mut HeaderMap, badge: bool, widget: bool) {
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("etag"),
    );
    headers.append(header::VARY, HeaderValue::from_static("accept-language"));
    let cache = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("no-store");
    if cache == "no-store" {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PUBLIC_MAX_AGE),
        );
    }
    if badge {
        headers.insert(
            "cross-origin-resource-policy",
            HeaderValue::from_static("cross-origin"),
        );
    }
    if widget {
        frameable(headers);
    }
}

/// Tags the answer (or keeps the tag a cached rendering carries) and answers `304` when the
/// client already holds it.
async fn with_etag(
    mut parts: axum::http::response::Parts,
    body: axum::body::Body,
    if_none_match: Option<HeaderValue>,
) -> Response {
    // A cached rendering carries its tag, made once (`read_cache`): no need to hash it again.
    if let Some(tag) = parts.headers.get(header::ETAG) {
        if if_none_match.is_some_and(|value| tag.to_str().is_ok_and(|t| matches_etag(&value, t))) {
            return not_modified(parts);
        }
        return Response::from_parts(parts, body);
    }
    // Only a body of known, bounded size is read whole for its tag; anything else (none of
    // ours today) streams through untagged.
    let bounded = axum::body::HttpBody::size_hint(&body)
        .upper()
        .is_some_and(|size| size <= ETAG_BODY_LIMIT as u64);
    if !bounded {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, ETAG_BODY_LIMIT).await else {
        return WebError::new(ErrorCode::Internal).into_response();
    };
    let tag = etag_of(&bytes);
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    if if_none_match.is_some_and(|value| matches_etag(&value, &tag)) {
        return not_modified(parts);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The strong `ETag` of an answer body: the first 16 bytes of its SHA-256, in hex, quoted.
pub fn etag_of(body: &[u8]) -> String {
    let digest = ocs_tlog::hash::sha256(body);
    format!(
        "\"{}\"",
        hex::encode(digest.0.get(..16).unwrap_or_default())
    )
}

/// `304 Not Modified` with the headers of `parts` and no body.
fn not_modified(mut parts: axum::http::response::Parts) -> Response {
    parts.status = StatusCode::NOT_MODIFIED;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::CONTENT_TYPE);
    Response::from_parts(parts, axum::body::Body::empty())
}

/// Lets any site frame the answer: the common CSP with `frame-ancestors *`, no
/// `X-Frame-Options`, and no cookie (a framed page must not set one for our site).
fn frameable(headers: &mut HeaderMap) {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(|csp| csp.replace("frame-ancestors 'none'", "frame-ancestors *"));
    if let Some(value) = policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.remove(header::X_FRAME_OPTIONS);
    headers.remove(header::SET_COOKIE);
}

/// `If-None-Match: "a", W/"b"` or `*` against our strong tag (weak comparison, RFC 9110
/// §13.1.2).
fn matches_etag(value: &HeaderValue, tag: &str) -> bool {
    value.to_str().is_ok_and(|text| {
        text.split(',').map(str::trim).any(|candidate| {
            candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
        })
    })
}

#[derive(Serialize)]
struct DailyCounters {
    /// One row per signing day (UTC) with something counted, oldest first.
    days: Vec<Day>,
    /// The log checkpoint these figures are the fold of; the same as `/counters`.
    log: LogState,
    updated_at: jiff::Timestamp,
}

#[derive(Serialize)]
struct Day {
    date: jiff::civil::Date,
    total: u64,
    by_country: BTreeMap<CountryCode, u64>,
}

/// `GET /api/v1/initiatives/{slug}/counters/daily`: the published statements per signing
/// day and nationality, folded from the published log (never ahead of `/counters`, and
/// summing to it).
pub async fn show_daily_counters(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
) -> Result<Response, WebError> {
    let daily = web
        .daily_counts()
        .ok_or_else(|| WebError::new(ErrorCode::InitiativeNotFound))?;
    let snapshot = daily.daily(&entry.initiative.slug).await.map_err(|cause| {
        tracing::error!(%cause, "daily counts unavailable");
        WebError::new(ErrorCode::Internal)
    })?;
    let days = snapshot
        .days
        .into_iter()
        .map(|(date, by_country)| Day {
            date,
            total: by_country.values().sum(),
            by_country,
        })
        .collect();
    Ok(Json(DailyCounters {
        days,
        log: LogState {
            tree_size: snapshot.size,
            root_hash: snapshot.root.to_hex(),
        },
        updated_at: snapshot.published_at,
    })
    .into_response())
}

/// The badge: the published total against the goal, as an SVG image with its text as the
/// accessible name.
#[derive(Template)]
#[template(path = "badge.svg")]
pub struct BadgePage {
    /// `<title>` and accessible name: the initiative and the figures.
    pub title: String,
    /// The figures, as drawn.
    pub label: String,
    /// Image width in pixels.
    pub width: u64,
    /// Width of the progress bar behind the text.
    pub bar: u64,
}

/// `GET /initiatives/{slug}/badge.svg`: the published total against the threshold, in the
/// request's language (`?lang=` or `Accept-Language`). No script, no external resource:
/// it works in an `<img>`, a README and most e-mail clients.
pub async fn show_badge(
    State(web): State<WebState>,
    entry: Option<PublicInitiative>,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(PublicInitiative(entry)) = entry else {
        return WebError::new(ErrorCode::NotFound).into_response();
    };
    let progress = match super::log::public_progress(&web, &entry.initiative.slug).await {
        Ok((progress, _, _)) => progress,
        Err(cause) => {
            tracing::error!(%cause, "badge figures unavailable");
            return WebError::new(ErrorCode::Unavailable).into_response();
        }
    };
    let title = &entry.initiative.text_in(tr.lang).title;
    svg_response(&BadgePage::new(&tr, title, &progress))
}

impl BadgePage {
    /// The badge of `progress` for the initiative titled `title`.
    fn new(tr: &Tr<'_>, title: &str, progress: &ocs_domain::Progress) -> Self {
        let label = tr.t_args(
            "progress-total",
            &[
                ("count", Arg::Number(progress.total)),
                ("threshold", Arg::Number(progress.threshold_total)),
            ],
        );
        let title = format!("{title}: {label}");
        // About 7 px per character of 11 px Verdana, plus margins.
        let width = u64::try_from(label.chars().count())
            .unwrap_or(200)
            .saturating_mul(7)
            .saturating_add(16);
        let bar = progress
            .total
            .saturating_mul(width)
            .checked_div(progress.threshold_total)
            .unwrap_or(width)
            .min(width);
        Self {
            title,
            label,
            width,
            bar,
        }
    }
}

/// The rendered badge as an SVG answer.
fn svg_response(badge: &BadgePage) -> Response {
    match badge.render() {
        Ok(svg) => {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml; charset=utf-8"),
            );
            (headers, svg).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "badge template failed");
            WebError::new(ErrorCode::Internal).into_response()
        }
    }
}

/// The embeddable counter: a small page meant for an `<iframe>` on another site.
#[derive(Template)]
#[template(path = "widget.html")]
pub struct WidgetPage<'a> {
    tr: Tr<'a>,
    slug: String,
    title: String,
    progress: crate::views::ProgressView,
}

/// `GET /initiatives/{slug}/widget`: the initiative's title (a link to its page, opened
/// outside the frame), the published total against the threshold and the states at their
/// minimum, in the request's language. The one page that may be framed (see
/// [`open_data_headers`]); no script, no form, no cookie.
pub async fn show_widget(
    State(web): State<WebState>,
    entry: Option<PublicInitiative>,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(PublicInitiative(entry)) = entry else {
        return WebError::new(ErrorCode::NotFound).into_response();
    };
    let (progress, updated_at) =
        match super::log::public_progress(&web, &entry.initiative.slug).await {
            Ok((progress, updated_at, _)) => (progress, updated_at),
            Err(cause) => {
                tracing::error!(%cause, "widget figures unavailable");
                return WebError::new(ErrorCode::Unavailable).into_response();
            }
        };
    let page = WidgetPage {
        tr,
        slug: entry.initiative.slug.to_string(),
        title: entry.initiative.text_in(tr.lang).title.to_owned(),
        progress: crate::views::ProgressView::new(
            &tr,
            &progress,
            updated_at,
            web.signing().time_zone(),
        ),
    };
    crate::error::render(StatusCode::OK, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_data_is_the_public_reads_only() {
        let get = Method::GET;
        assert!(is_open_data(&get, "/api/v1/initiatives/demo/counters"));
        assert!(is_open_data(
            &get,
            "/api/v1/initiatives/demo/counters/daily"
        ));
        assert!(is_open_data(&get, "/api/v1/initiatives"));
        assert!(is_open_data(&get, "/log/demo/checkpoint"));
        assert!(is_open_data(&get, "/initiatives/demo/badge.svg"));
        assert!(is_open_data(&get, "/initiatives/demo/widget"));
        assert!(!is_open_data(
            &Method::POST,
            "/api/v1/initiatives/demo/counters"
        ));
        assert!(!is_open_data(&get, "/initiatives/demo"));
        assert!(!is_open_data(&get, "/api/v1/altcha/challenge"));
        assert!(!is_open_data(&get, "/console/"));
    }

    #[test]
    fn if_none_match_compares_weakly() {
        let tag = "\"abc\"";
        for value in ["\"abc\"", "W/\"abc\"", "\"x\", \"abc\"", "*"] {
            assert!(
                matches_etag(&HeaderValue::from_static(value), tag),
                "{value}"
            );
        }
        assert!(!matches_etag(&HeaderValue::from_static("\"abd\""), tag));
    }
}
