//! `GET /initiatives/{slug}/certificate.pdf`: the competent authority's certificate of the
//! collection system, public once the initiative is live.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::WebError;
use crate::extract::{PublicInitiative, RequestId};
use crate::routes::pages::not_found;
use crate::state::WebState;
use ocs_domain::ErrorCode;

/// Serves the certificate PDF, or the not-found page while none is published.
pub async fn download_certificate(
    State(web): State<WebState>,
    entry: Option<PublicInitiative>,
    request: RequestId,
) -> Response {
    let (Some(entry), Some(lifecycle)) = (entry, web.lifecycle()) else {
        return not_found().await;
    };
    match lifecycle.public_certificate(entry.initiative.id).await {
        Ok(Some(pdf)) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "application/pdf"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"certificate.pdf\"",
                ),
            ],
            pdf,
        )
            .into_response(),
        Ok(None) => not_found().await,
        Err(cause) => {
            tracing::error!(code = %cause.code(), %cause, request = %request.0, "certificate unavailable");
            WebError::new(ErrorCode::Internal).into_response()
        }
    }
}
