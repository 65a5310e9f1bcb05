//! The router: public pages, the JSON API, operations endpoints and static assets.

pub mod api;
pub mod assets;
pub mod certificate;
pub mod console;
pub mod ops;
pub mod pages;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::get;

use crate::middleware::common_headers;
use crate::state::WebState;

/// Builds the whole application.
pub fn router(state: WebState) -> Router {
    let body_limit = state.settings().body_limit;
    Router::new()
        .route("/", get(pages::show_index))
        .route("/initiatives/{slug}", get(pages::show_initiative))
        .route(
            "/initiatives/{slug}/certificate.pdf",
            get(certificate::download_certificate),
        )
        .route("/initiatives/{slug}/sign", get(pages::choose_nationality))
        .route(
            "/initiatives/{slug}/sign/{nationality}",
            get(pages::show_sign_form).post(pages::submit_sign_form),
        )
        .route(
            "/initiatives/{slug}/receipt/{token}",
            get(pages::show_receipt),
        )
        .route("/api/v1/initiatives", get(api::list_initiatives))
        .route("/api/v1/initiatives/{slug}", get(api::show_initiative))
        .route(
            "/api/v1/initiatives/{slug}/forms/{nationality}",
            get(api::show_form),
        )
        .route(
            "/api/v1/initiatives/{slug}/statements",
            axum::routing::post(api::submit_statement),
        )
        .route(
            "/api/v1/initiatives/{slug}/counters",
            get(api::show_counters),
        )
        .route("/api/v1/altcha/challenge", get(api::new_challenge))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/static/{file}", get(assets::serve_asset))
        .merge(console::router(&state))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(from_fn_with_state(state.clone(), common_headers))
        .with_state(state)
}
