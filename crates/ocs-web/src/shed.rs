//! Cheap refusals (issue 21 item 1): a statement `POST` of the JSON API that admission control
//! would refuse is answered 503 before routing, the middleware and the body read.
//!
//! Under a burst most statements are refused; a refusal that costs as much as a bare POST caps
//! the goodput at `1 − 2C/B` on the cores the node shares (docs/BENCHMARKS.md). So the check
//! runs in front of the router ([`shed_early`]): one path test, one lock
//! ([`ocs_service::SigningService::shed_early`]) and a clone of an answer rendered at start,
//! one per language, with the same coded JSON body as the full path's `SIG-040`
//! (`{"errors":[{"field":null,"code":"SIG-040","message":…}]}`), `Retry-After`
//! (`signing.busy_retry_after`) and `Cache-Control: no-store`.
//!
//! The request's body is not read, so the proof of work in it is not spent: the client sends
//! the same body again after `Retry-After`. hyper then drains a body it already holds (a
//! statement is a few hundred bytes, which come with the head) and keeps the connection
//! alive; a body still on the wire makes it close the connection after the answer instead,
//! which is correct HTTP/1.1 and costs the client a new connection only.
//!
//! Only the API route is shed here. The form `POST` of the site stays on the full path: its
//! refusal gives the signer the form back with the input kept, which needs the body.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use ocs_domain::ErrorCode;
use serde::Serialize;

use crate::error::{ApiErrorEntry, message_of};
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// Whether `method path` is the JSON API's statement submission,
/// `POST /api/v1/initiatives/{slug}/statements`.
pub fn is_statement_post(method: &Method, path: &str) -> bool {
    method == Method::POST
        && path
            .strip_prefix("/api/v1/initiatives/")
            .and_then(|rest| rest.strip_suffix("/statements"))
            .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// The answers made at start: the JSON body per language, and `Retry-After`.
struct Answers {
    web: WebState,
    bodies: Vec<(&'static str, Bytes)>,
    retry_after: HeaderValue,
}

impl Answers {
    fn new(web: WebState) -> Self {
        #[derive(Serialize)]
        struct Body {
            errors: [ApiErrorEntry; 1],
        }
        let bodies = web
            .i18n()
            .languages()
            .into_iter()
            .map(|lang| {
                let tr = Tr::new(web.i18n(), Lang(lang));
                let body = Body {
                    errors: [ApiErrorEntry {
                        field: None,
                        code: ErrorCode::Busy.as_str(),
                        message: message_of(&tr, ErrorCode::Busy),
                    }],
                };
                let json = serde_json::to_vec(&body).unwrap_or_default();
                (lang, Bytes::from(json))
            })
            .collect();
        let seconds = web.signing().busy_retry_after().as_secs().max(1);
        Self {
            retry_after: HeaderValue::from(seconds.unsigned_abs()),
            bodies,
            web,
        }
    }

    /// The refusal in the request's language (`?lang=`, `Accept-Language`, else English).
    fn refusal(&self, request: &Request) -> Response {
        let accept = request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        let lang = Lang::negotiate(self.web.i18n(), request.uri().query(), accept);
        let body = self
            .bodies
            .iter()
            .find(|(code, _)| *code == lang.0)
            .or_else(|| self.bodies.iter().find(|(code, _)| *code == "en"))
            .map(|(_, body)| body.clone())
            .unwrap_or_default();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, JSON);
        headers.insert(header::RETRY_AFTER, self.retry_after.clone());
        headers.insert(header::CACHE_CONTROL, NO_STORE);
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, NOSNIFF);
        response
    }
}

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");
const NOSNIFF: HeaderValue = HeaderValue::from_static("nosniff");

/// `router` behind the early refusal: a router with no route of its own whose fallback is
/// [`EarlyShed`], so callers keep a [`Router`] and the check runs before `router`'s own
/// routing.
pub fn shed_early(web: WebState, router: Router) -> Router {
    Router::new().fallback_service(EarlyShed {
        answers: Arc::new(Answers::new(web)),
        inner: router,
    })
}

/// The service in front of the router (see the module documentation).
#[derive(Clone)]
pub struct EarlyShed {
    answers: Arc<Answers>,
    inner: Router,
}

impl tower::Service<Request> for EarlyShed {
    type Response = Response;
    type Error = Infallible;
    type Future = ShedFuture;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        tower::Service::<Request>::poll_ready(&mut self.inner, context)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if is_statement_post(request.method(), request.uri().path())
            && self.answers.web.signing().shed_early().is_some()
        {
            return ShedFuture::Refused(Some(self.answers.refusal(&request)));
        }
        ShedFuture::Routed(self.inner.call(request))
    }
}

/// The answer of [`EarlyShed`]: the refusal at once, or the router's.
pub enum ShedFuture {
    /// Refused before routing (taken on the first poll).
    Refused(Option<Response>),
    /// The router's answer.
    Routed(<Router as tower::Service<Request>>::Future),
}

impl Future for ShedFuture {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Self::Refused(answer) => Poll::Ready(Ok(answer.take().unwrap_or_default())),
            Self::Routed(routed) => Pin::new(routed).poll(context),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_api_statement_post_is_matched() {
        let post = Method::POST;
        assert!(is_statement_post(
            &post,
            "/api/v1/initiatives/demo/statements"
        ));
        assert!(!is_statement_post(
            &Method::GET,
            "/api/v1/initiatives/demo/statements"
        ));
        assert!(!is_statement_post(&post, "/api/v1/initiatives//statements"));
        assert!(!is_statement_post(
            &post,
            "/api/v1/initiatives/a/b/statements"
        ));
        assert!(!is_statement_post(
            &post,
            "/api/v1/initiatives/demo/receipts/check"
        ));
        assert!(!is_statement_post(&post, "/initiatives/demo/sign/AT"));
    }
}
