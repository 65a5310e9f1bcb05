//! `POST /log/{slug}/cosignature`: a witness hands the log its C2SP `cosignature/v1` of the
//! latest checkpoint (ADR 0007, witnesses). The body is the cosigned note as text: the
//! checkpoint as `/log/{slug}/checkpoint` served it with the witness's signature line(s)
//! appended (what `ocs log witness --submit` posts). Thin: one call into
//! `ocs_service::tally_log::TallyLog::add_cosignatures`; the checkpoint route serves what it
//! stored.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use ocs_domain::{ErrorCode, Slug};
use ocs_service::tally_log::CosignError;

use crate::error::WebError;
use crate::middleware::rate_limit as limit;
use crate::ratelimit::RouteClass;
use crate::state::WebState;

/// The route of this module.
pub const ROUTES: &[(&str, &str)] = &[("POST", "/log/{slug}/cosignature")];

/// The route, merged with the log's ([`super::log::router`]); rate-limited like self-service.
pub fn router(state: &WebState) -> axum::Router<WebState> {
    axum::Router::new().route(
        "/log/{slug}/cosignature",
        axum::routing::post(add_cosignature).route_layer(limit(state, RouteClass::SelfService)),
    )
}

/// Stores the configured witnesses' cosignatures of the latest checkpoint: 201 with how many
/// lines were kept, as text.
pub async fn add_cosignature(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let (Some(log), Ok(slug)) = (web.tally_log(), Slug::parse(&slug)) else {
        return WebError::new(ErrorCode::NotFound).into_response();
    };
    let Ok(note) = std::str::from_utf8(&body) else {
        return WebError::new(ErrorCode::MalformedBody).into_response();
    };
    match log.add_cosignatures(&slug, note).await {
        Ok(stored) => (
            StatusCode::CREATED,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{stored} cosignature(s) stored\n"),
        )
            .into_response(),
        Err(CosignError::NotFound) => WebError::new(ErrorCode::NotFound).into_response(),
        Err(CosignError::Malformed(_)) => WebError::new(ErrorCode::MalformedBody).into_response(),
        Err(CosignError::NotLatest) => WebError::new(ErrorCode::LogNotLatest).into_response(),
        Err(CosignError::NotWitnessed) => WebError::new(ErrorCode::LogNotWitnessed).into_response(),
        Err(cause @ (CosignError::Storage(_) | CosignError::Log(_))) => {
            tracing::error!(%cause, "storing a cosignature failed");
            WebError::new(ErrorCode::Unavailable).into_response()
        }
    }
}
