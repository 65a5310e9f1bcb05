//! Static assets compiled into the binary: the stylesheet and the proof-of-work solver.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

const ASSETS: &[(&str, &str, &str)] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_str!("../../static/app.css"),
    ),
    (
        "altcha.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/altcha.js"),
    ),
];

/// `GET /static/{file}`.
pub async fn serve_asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, content_type, body)) => {
            ([(header::CONTENT_TYPE, *content_type)], *body).into_response()
        }
        None => crate::error::WebError::new(ocs_domain::ErrorCode::NotFound).into_response(),
    }
}
