//! Request bodies against slow and oversized senders (issue 19, finding 3): a declared
//! `Content-Length` over the route's limit is answered 413 at once, before a byte of the body
//! is read, and every body has a total deadline that grows only with the bytes that arrive
//! (a minimum rate), so a sender that trickles one byte every few seconds is cut off.
//!
//! Before, the body timeout measured the gap between two chunks, so one byte every 8 s kept a
//! POST open forever, and a declared length of 100 MB waited the whole timeout before its 400.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use hyper::body::{Body as HttpBody, Frame, SizeHint};
use ocs_domain::ErrorCode;
use tokio::time::{Instant, Sleep};

use crate::error::WebError;
use crate::state::WebState;

/// Largest body of the SAML assertion consumer service: a signed response with the
/// identity provider's certificate chain exceeds the form limit.
pub const SAML_BODY_LIMIT: usize = 256 * 1024;

/// The body limit of a route: the few routes that take uploads have their own, every other
/// route has `WebSettings::body_limit`. The routers use the same numbers for their
/// `DefaultBodyLimit`, so the early 413 and the extractors agree.
pub fn limit_for(path: &str, default: usize) -> usize {
    let console_initiative = path
        .strip_prefix("/console/initiatives/")
        .and_then(|rest| rest.split_once('/'))
        .map(|(_, page)| page);
    if path == crate::middleware::SAML_ACS_PATH {
        SAML_BODY_LIMIT
    } else if console_initiative == Some("certificate") {
        crate::routes::console::UPLOAD_LIMIT
    } else if path == "/console/new-initiative" || console_initiative == Some("setup") {
        crate::routes::console_setup::SETUP_LIMIT
    } else {
        default
    }
}

/// The deadline of a body that has brought `received` bytes so far: the base timeout plus the
/// time those bytes may take at `min_rate` bytes per second.
fn allowance(timeout: Duration, min_rate: u64, received: u64) -> Duration {
    let extra = received.checked_div(min_rate.max(1)).unwrap_or(0);
    timeout.saturating_add(Duration::from_secs(extra))
}

/// Refuses a declared length over the route's limit (413, `REQ-002`) and puts the deadline on
/// the body. Mounted on the whole router, outside every extractor.
pub async fn guard_bodies(State(web): State<WebState>, request: Request, next: Next) -> Response {
    let settings = web.settings();
    let limit = limit_for(request.uri().path(), settings.body_limit);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|text| text.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX)) {
        tracing::info!(
            path = request.uri().path(),
            "declared body over the limit refused"
        );
        return refuse(ErrorCode::TooLarge);
    }
    let timeout = settings.body_read_timeout;
    let min_rate = settings.body_min_rate;
    let request = request.map(|body| Body::new(DeadlineBody::new(body, timeout, min_rate)));
    next.run(request).await
}

fn refuse(code: ErrorCode) -> Response {
    let mut response = WebError::new(code).into_response();
    // The unread body stays on the connection: close it rather than parse it as a request.
    response.headers_mut().insert(
        header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    response
}

/// The body ran out of time.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
pub struct BodyDeadline;

/// A body with a total deadline: `timeout` from the first poll, plus one second per
/// `min_rate` bytes received.
struct DeadlineBody {
    inner: Body,
    started: Option<Instant>,
    sleep: Pin<Box<Sleep>>,
    timeout: Duration,
    min_rate: u64,
    received: u64,
}

impl DeadlineBody {
    fn new(inner: Body, timeout: Duration, min_rate: u64) -> Self {
        Self {
            inner,
            started: None,
            sleep: Box::pin(tokio::time::sleep(timeout)),
            timeout,
            min_rate,
            received: 0,
        }
    }
}

impl HttpBody for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        // The clock starts when the application first asks for the body, not when the
        // request head arrived: handlers that never read a body cost nothing.
        let started = *this.started.get_or_insert_with(|| {
            let now = Instant::now();
            this.sleep.as_mut().reset(now + this.timeout);
            now
        });
        match Pin::new(&mut this.inner).poll_frame(context) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    let length = u64::try_from(data.len()).unwrap_or(u64::MAX);
                    this.received = this.received.saturating_add(length);
                    let deadline = started + allowance(this.timeout, this.min_rate, this.received);
                    this.sleep.as_mut().reset(deadline);
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Pending => match this.sleep.as_mut().poll(context) {
                Poll::Ready(()) => Poll::Ready(Some(Err(axum::Error::new(BodyDeadline)))),
                Poll::Pending => Poll::Pending,
            },
            other @ Poll::Ready(_) => other,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_routes_have_their_own_limits() {
        assert_eq!(limit_for("/initiatives/x/sign/AT", 16), 16);
        assert_eq!(limit_for("/eid/saml/acs", 16), SAML_BODY_LIMIT);
        assert_eq!(
            limit_for("/console/initiatives/x/certificate", 16),
            crate::routes::console::UPLOAD_LIMIT
        );
        assert_eq!(
            limit_for("/console/initiatives/x/setup", 16),
            crate::routes::console_setup::SETUP_LIMIT
        );
        assert_eq!(
            limit_for("/console/new-initiative", 16),
            crate::routes::console_setup::SETUP_LIMIT
        );
        assert_eq!(limit_for("/console/initiatives/x/dates", 16), 16);
    }

    #[test]
    fn the_deadline_grows_with_the_bytes_only() {
        let base = Duration::from_secs(10);
        assert_eq!(allowance(base, 16_384, 0), base);
        assert_eq!(allowance(base, 16_384, 100), base);
        assert_eq!(allowance(base, 16_384, 163_840), Duration::from_secs(20));
        assert_eq!(allowance(base, 0, 5), Duration::from_secs(15));
    }
}
