//! The router: public pages, the JSON API, operations endpoints and static assets.

pub mod api;
pub mod assets;
pub mod certificate;
pub mod console;
pub mod console_mail;
pub mod console_paper;
pub mod console_retention;
pub mod console_setup;
pub mod daily_chart;
pub mod eid;
pub mod languages;
pub mod log;
pub mod mail;
pub mod map_page;
pub mod open_data;
pub mod ops;
pub mod pages;
pub mod selfservice;
pub mod sign;
pub mod tag_metrics;
pub mod witness;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use crate::bodies::{SAML_BODY_LIMIT, guard_bodies};
use crate::formguard::verify_form_token;
use crate::middleware::rate_limit as limit;
use crate::middleware::{common_headers, guard_metrics, verify_origin};
use crate::ratelimit::RouteClass;
use crate::state::WebState;

/// Every route: method and path pattern. A test checks that it lists each `.route(` of the
/// router's source and that each answers with the security headers; add new routes here.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/"),
    ("GET", "/initiatives/{slug}"),
    ("GET", "/initiatives/{slug}/sign"),
    ("GET", "/initiatives/{slug}/sign/{nationality}"),
    ("POST", "/initiatives/{slug}/sign/{nationality}"),
    ("GET", "/initiatives/{slug}/receipt"),
    ("GET", "/languages"),
    ("GET", "/api/v1/initiatives"),
    ("GET", "/api/v1/initiatives/{slug}"),
    ("GET", "/api/v1/initiatives/{slug}/forms/{nationality}"),
    ("POST", "/api/v1/initiatives/{slug}/statements"),
    ("GET", "/api/v1/initiatives/{slug}/counters"),
    ("GET", "/api/v1/altcha/challenge"),
    ("GET", "/initiatives/{slug}/receipt.txt"),
    ("GET", "/initiatives/{slug}/certificate.pdf"),
    (
        "GET",
        "/initiatives/{slug}/sign/{nationality}/eid/{provider}",
    ),
    ("GET", "/eid/callback"),
    ("POST", "/eid/saml/acs"),
    ("GET", "/eid/saml/metadata/{provider}"),
    ("GET", "/initiatives/{slug}/my-statement"),
    ("POST", "/initiatives/{slug}/my-statement"),
    ("GET", "/initiatives/{slug}/my-statement/withdrawn"),
    ("POST", "/api/v1/initiatives/{slug}/receipts/check"),
    ("POST", "/api/v1/initiatives/{slug}/receipts/withdraw"),
    ("GET", "/mail/confirm/{token}"),
    ("POST", "/mail/confirm/{token}"),
    ("GET", "/mail/unsubscribe/{token}"),
    ("POST", "/mail/unsubscribe/{token}"),
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/static/{file}"),
];

/// Every route of the application: [`ROUTES`], the console's [`console::ROUTES`] and its
/// pages in modules of their own ([`console_mail::ROUTES`], [`console_paper::ROUTES`],
/// [`console_retention::ROUTES`], [`console_setup::ROUTES`]).
pub fn all_routes() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    ROUTES
        .iter()
        .chain(console::ROUTES)
        .chain(console_mail::ROUTES)
        .chain(console_paper::ROUTES)
        .chain(console_retention::ROUTES)
        .chain(console_setup::ROUTES)
        .chain(log::ROUTES)
        .chain(open_data::ROUTES)
        .chain(daily_chart::ROUTES)
        .chain(witness::ROUTES)
        .chain(map_page::ROUTES)
}

/// Builds the whole application, behind the early refusal of statements
/// ([`crate::shed::shed_early`]).
pub fn router(state: WebState) -> Router {
    crate::shed::shed_early(state.clone(), routes(state))
}

/// The application's routes and middleware.
fn routes(state: WebState) -> Router {
    let body_limit = state.settings().body_limit;
    Router::new()
        .route("/", get(pages::show_index))
        .route("/initiatives/{slug}", get(pages::show_initiative))
        .route("/languages", get(languages::show_languages))
        .route(
            "/initiatives/{slug}/certificate.pdf",
            get(certificate::download_certificate),
        )
        .route("/initiatives/{slug}/sign", get(pages::choose_nationality))
        .route(
            "/initiatives/{slug}/sign/{nationality}",
            // The page embeds a proof-of-work challenge, so it is limited like the
            // challenge endpoint: farming challenges through pages gains nothing.
            get(sign::show_sign_form)
                .route_layer(limit(&state, RouteClass::Challenge))
                .merge(
                    post(sign::submit_sign_form).route_layer(limit(&state, RouteClass::Signing)),
                ),
        )
        .route(
            "/initiatives/{slug}/sign/{nationality}/eid/{provider}",
            get(eid::start_eid_login),
        )
        .route("/eid/callback", get(eid::finish_eid_login))
        // An IdP's signed response with its certificate chain can exceed the form limit.
        .route(
            "/eid/saml/acs",
            post(eid::finish_saml_login).layer(DefaultBodyLimit::max(SAML_BODY_LIMIT)),
        )
        .route("/eid/saml/metadata/{provider}", get(eid::saml_metadata))
        .route("/api/v1/initiatives", get(api::list_initiatives))
        .route("/api/v1/initiatives/{slug}", get(api::show_initiative))
        .route(
            "/api/v1/initiatives/{slug}/forms/{nationality}",
            get(api::show_form),
        )
        .route(
            "/api/v1/initiatives/{slug}/statements",
            post(api::submit_statement).route_layer(limit(&state, RouteClass::Signing)),
        )
        .route(
            "/api/v1/initiatives/{slug}/counters",
            get(api::show_counters),
        )
        .route(
            "/api/v1/altcha/challenge",
            get(api::new_challenge).route_layer(limit(&state, RouteClass::Challenge)),
        )
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route(
            "/metrics",
            get(ops::metrics).route_layer(from_fn_with_state(state.clone(), guard_metrics)),
        )
        .route("/static/{file}", get(assets::serve_asset))
        // Public pages, the public API and assets only; the signer's own pages and the
        // console stay uncompressed ([`crate::compress::compress_answer`] says why).
        .layer(axum::middleware::from_fn(crate::compress::compress_answer))
        .merge(self_service_router(&state))
        .merge(console::router(&state))
        .merge(console_mail::router(&state))
        .merge(console_paper::router(&state))
        .merge(console_retention::router(&state))
        .merge(console_setup::router(&state))
        .merge(log::router(&state))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(from_fn_with_state(state.clone(), verify_form_token))
        .layer(from_fn_with_state(state.clone(), guard_bodies))
        .layer(from_fn_with_state(state.clone(), verify_origin))
        .layer(from_fn_with_state(
            state.clone(),
            crate::error::finish_errors,
        ))
        .layer(from_fn_with_state(state.clone(), common_headers))
        .layer(axum::middleware::from_fn(open_data::open_data_headers))
        .with_state(state)
}

/// The signer's own pages after signing: the receipt, the self-service check and
/// withdrawal (page and API) and the e-mail confirmation and unsubscription links.
fn self_service_router(state: &WebState) -> Router<WebState> {
    Router::new()
        .route(
            "/initiatives/{slug}/receipt",
            get(pages::show_receipt)
                .route_layer(limit(state, RouteClass::SelfService))
                .layer(axum::middleware::from_fn(crate::compress::compress_answer)),
        )
        .route(
            "/initiatives/{slug}/receipt.txt",
            get(selfservice::download_receipt).route_layer(limit(state, RouteClass::SelfService)),
        )
        .route(
            "/initiatives/{slug}/my-statement",
            get(selfservice::show_my_statement)
                .post(selfservice::submit_my_statement)
                .route_layer(limit(state, RouteClass::SelfService)),
        )
        .route(
            "/initiatives/{slug}/my-statement/withdrawn",
            get(selfservice::show_withdrawn),
        )
        .route(
            "/api/v1/initiatives/{slug}/receipts/check",
            post(selfservice::check_receipt).route_layer(limit(state, RouteClass::SelfService)),
        )
        .route(
            "/api/v1/initiatives/{slug}/receipts/withdraw",
            post(selfservice::withdraw_receipt).route_layer(limit(state, RouteClass::SelfService)),
        )
        .route(
            "/mail/confirm/{token}",
            get(mail::show_confirm)
                .post(mail::submit_confirm)
                .route_layer(limit(state, RouteClass::SelfService)),
        )
        .route(
            "/mail/unsubscribe/{token}",
            get(mail::show_unsubscribe)
                .post(mail::submit_unsubscribe)
                .route_layer(limit(state, RouteClass::SelfService)),
        )
}
