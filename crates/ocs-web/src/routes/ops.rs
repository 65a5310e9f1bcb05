//! Operations endpoints: health and Prometheus metrics (no personal data, no labels per signer).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use ocs_domain::ErrorCode;
use ocs_service::Metrics;

use crate::state::WebState;

/// `GET /healthz`: liveness. 200 as long as the process serves HTTP; it touches no
/// database, so a load balancer or monitor polling it often costs nothing, and a database
/// hiccup does not make a container runtime restart a node that would recover by itself
/// (issue 21, item 5). Readiness, which asks the store, is [`readyz`].
pub async fn healthz() -> Response {
    (StatusCode::OK, "ok\n").into_response()
}

/// `GET /readyz`: readiness. 200 when the store can read and its writer runs, 503 otherwise;
/// take a node out of rotation on 503. One cheap probe query per call.
pub async fn readyz(State(web): State<WebState>) -> Response {
    match web.signing().store().health().await {
        Ok(()) => (StatusCode::OK, "ready\n").into_response(),
        Err(error) => {
            tracing::warn!(%error, "readiness check failed");
            crate::error::WebError::new(ocs_domain::ErrorCode::Unavailable).into_response()
        }
    }
}

/// The metrics of one scrape, read from the services' counters into a fresh
/// [`prometheus::Registry`] and written in the Prometheus text format (0.0.4).
pub struct Exposition(prometheus::Registry);

impl Default for Exposition {
    fn default() -> Self {
        Self(prometheus::Registry::new())
    }
}

impl Exposition {
    fn add(&self, collector: Box<dyn prometheus::core::Collector>) {
        if let Err(error) = self.0.register(collector) {
            tracing::warn!(%error, "metric not exposed");
        }
    }

    /// A counter without labels (its name ends in `_total`).
    pub fn counter(&self, name: &str, help: &str, value: u64) {
        if let Ok(counter) = prometheus::IntCounter::new(name, help) {
            counter.inc_by(value);
            self.add(Box::new(counter));
        }
    }

    /// A gauge without labels.
    pub fn gauge(&self, name: &str, help: &str, value: f64) {
        if let Ok(gauge) = prometheus::Gauge::new(name, help) {
            gauge.set(value);
            self.add(Box::new(gauge));
        }
    }

    /// A counter per combination of `labels`' values; `rows` holds the values and the count.
    pub fn counters<'a>(
        &self,
        name: &str,
        help: &str,
        labels: &[&str],
        rows: impl IntoIterator<Item = (Vec<&'a str>, u64)>,
    ) {
        let Ok(family) = prometheus::IntCounterVec::new(prometheus::Opts::new(name, help), labels)
        else {
            return;
        };
        for (values, count) in rows {
            if let Ok(counter) = family.get_metric_with_label_values(&values) {
                counter.inc_by(count);
            }
        }
        self.add(Box::new(family));
    }

    /// The text of every metric added.
    pub fn render(&self) -> String {
        prometheus::TextEncoder::new()
            .encode_to_string(&self.0.gather())
            .unwrap_or_default()
    }
}

/// `GET /metrics` in the Prometheus text format.
pub async fn metrics(State(web): State<WebState>) -> Response {
    let out = Exposition::default();
    signing_metrics(&web, &out);
    store_metrics(&web, &out);
    if let Some(eid) = web.eid() {
        // Provider names come from the configuration; reasons are a fixed set.
        let failures = eid.failures().snapshot();
        out.counters(
            "ocs_eid_failures_total",
            "Failed eID logins by provider and reason.",
            &["provider", "reason"],
            failures
                .iter()
                .map(|(provider, reason, value)| (vec![provider.as_str(), *reason], *value)),
        );
    }
    guard_metrics(&web, &out);
    crate::routes::mail::write_metrics(&out, web.mail().map(|m| m.metrics()));
    crate::routes::tag_metrics::write(&out, web.signing().tag_keys().metrics());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out.render(),
    )
        .into_response()
}

/// The storage writer's counters and queue.
fn store_metrics(web: &WebState, out: &Exposition) {
    let stats = web.signing().store().stats();
    out.counter(
        "ocs_store_committed_total",
        "Statements handled by the storage writer (stored or found already stored).",
        stats.committed.saturating_add(stats.duplicates),
    );
    out.counter(
        "ocs_store_batches_total",
        "Group commits by the storage writer.",
        stats.batches,
    );
    out.gauge(
        "ocs_store_queue_depth",
        "Statements waiting for the writer.",
        count(stats.queue_depth),
    );
    out.gauge(
        "ocs_store_queue_capacity",
        "Capacity of the writer queue.",
        count(stats.queue_capacity),
    );
}

/// A count as a gauge value.
#[expect(
    clippy::cast_precision_loss,
    reason = "queue sizes and in-flight counts stay far below 2^52"
)]
fn count(value: impl TryInto<u64>) -> f64 {
    value.try_into().unwrap_or(u64::MAX) as f64
}

/// The signing service's counters. No duplicate count here, nor anything it could be worked
/// out from (issue 19, item 1): a duplicate is answered like a first signature, and only the
/// console sees it.
fn signing_metrics(web: &WebState, out: &Exposition) {
    let m = web.signing().metrics();
    for (name, help, value) in [
        (
            "ocs_statements_recorded_total",
            "Statements accepted (first signatures and repeats alike).",
            &m.recorded,
        ),
        (
            "ocs_statements_invalid_total",
            "Submissions refused for their content.",
            &m.invalid,
        ),
        (
            "ocs_statements_proof_refused_total",
            "Submissions refused by the anti-bot check.",
            &m.proof_refused,
        ),
        (
            "ocs_statements_not_collecting_total",
            "Submissions to an initiative not collecting.",
            &m.not_collecting,
        ),
        (
            "ocs_statements_rate_limited_total",
            "Submissions refused by the per-address limit.",
            &m.rate_limited,
        ),
        (
            "ocs_statements_busy_total",
            "Submissions refused because the node was saturated.",
            &m.busy,
        ),
        (
            "ocs_statements_shed_total",
            "Of the busy refusals: those shed by admission control before any work.",
            &m.shed,
        ),
        (
            "ocs_statements_internal_error_total",
            "Submissions that failed inside the server.",
            &m.internal,
        ),
        (
            "ocs_challenges_issued_total",
            "Proof-of-work challenges issued.",
            &m.challenges,
        ),
    ] {
        out.counter(name, help, Metrics::get(value));
    }
    out.counters(
        "ocs_field_errors_total",
        "Field errors by code.",
        &["code"],
        ErrorCode::SIGNER
            .iter()
            .zip(m.field_errors.iter())
            .map(|(code, value)| (vec![code.as_str()], Metrics::get(value)))
            .filter(|(_, value)| *value > 0),
    );
    out.gauge(
        "ocs_signing_in_flight",
        "Signing requests being worked on.",
        count(web.signing().in_flight()),
    );
    let admission = web.signing().admission().state();
    out.gauge(
        "ocs_signing_admission_limit",
        "Signing requests in flight at which the next is refused (measured rate x target wait).",
        count(admission.limit),
    );
    out.gauge(
        "ocs_signing_service_rate",
        "Signing requests finished per second of busy time (moving average).",
        (admission.rate.unwrap_or(0.0) * 10.0).round() / 10.0,
    );
}

/// The defences' counts: refusals per rate-limit class and the bursts flagged.
fn guard_metrics(web: &WebState, out: &Exposition) {
    out.counters(
        "ocs_rate_limited_total",
        "Requests refused by the rate limits, per route class.",
        &["class"],
        web.rate_limits()
            .map(crate::ratelimit::RateLimits::refused)
            .unwrap_or_default()
            .into_iter()
            .map(|(class, value)| (vec![class.as_str()], value)),
    );
    out.gauge(
        "ocs_burst_alerts",
        "Unusual bursts flagged in the kept hours (details in the console).",
        count(web.bursts().alerts().len()),
    );
}
