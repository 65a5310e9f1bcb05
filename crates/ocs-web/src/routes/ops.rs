//! Operations endpoints: health and Prometheus metrics (no personal data, no labels per signer).

use std::fmt::Write as _;

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

/// `GET /metrics` in the Prometheus text format.
#[expect(clippy::too_many_lines, reason = "one flat list of counters")]
pub async fn metrics(State(web): State<WebState>) -> Response {
    let m = web.signing().metrics();
    let stats = web.signing().store().stats();
    let mut out = String::with_capacity(4096);
    let mut counter = |name: &str, help: &str, value: u64| {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
        );
    };
    // No duplicate count here, nor anything it could be worked out from (issue 19, item 1):
    // a duplicate is answered like a first signature, and only the console sees it.
    counter(
        "ocs_statements_recorded_total",
        "Statements accepted (first signatures and repeats alike).",
        Metrics::get(&m.recorded),
    );
    counter(
        "ocs_statements_invalid_total",
        "Submissions refused for their content.",
        Metrics::get(&m.invalid),
    );
    counter(
        "ocs_statements_proof_refused_total",
        "Submissions refused by the anti-bot check.",
        Metrics::get(&m.proof_refused),
    );
    counter(
        "ocs_statements_not_collecting_total",
        "Submissions to an initiative not collecting.",
        Metrics::get(&m.not_collecting),
    );
    counter(
        "ocs_statements_rate_limited_total",
        "Submissions refused by the per-address limit.",
        Metrics::get(&m.rate_limited),
    );
    counter(
        "ocs_statements_busy_total",
        "Submissions refused because the node was saturated.",
        Metrics::get(&m.busy),
    );
    counter(
        "ocs_statements_shed_total",
        "Of the busy refusals: those shed by admission control before any work.",
        Metrics::get(&m.shed),
    );
    counter(
        "ocs_statements_internal_error_total",
        "Submissions that failed inside the server.",
        Metrics::get(&m.internal),
    );
    counter(
        "ocs_challenges_issued_total",
        "Proof-of-work challenges issued.",
        Metrics::get(&m.challenges),
    );
    counter(
        "ocs_store_committed_total",
        "Statements handled by the storage writer (stored or found already stored).",
        stats.committed.saturating_add(stats.duplicates),
    );
    counter(
        "ocs_store_batches_total",
        "Group commits by the storage writer.",
        stats.batches,
    );
    let _ = writeln!(
        out,
        "# HELP ocs_field_errors_total Field errors by code.\n# TYPE ocs_field_errors_total counter"
    );
    for (code, value) in ErrorCode::SIGNER.iter().zip(m.field_errors.iter()) {
        let value = Metrics::get(value);
        if value > 0 {
            let _ = writeln!(out, "ocs_field_errors_total{{code=\"{code}\"}} {value}");
        }
    }
    eid_failures(&web, &mut out);
    let _ = writeln!(
        out,
        "# HELP ocs_store_queue_depth Statements waiting for the writer.\n# TYPE ocs_store_queue_depth gauge\nocs_store_queue_depth {}\n# HELP ocs_store_queue_capacity Capacity of the writer queue.\n# TYPE ocs_store_queue_capacity gauge\nocs_store_queue_capacity {}",
        stats.queue_depth, stats.queue_capacity
    );
    let _ = writeln!(
        out,
        "# HELP ocs_rate_limited_total Requests refused by the rate limits, per route class.\n# TYPE ocs_rate_limited_total counter"
    );
    for (class, value) in web
        .rate_limits()
        .map(crate::ratelimit::RateLimits::refused)
        .unwrap_or_default()
    {
        let _ = writeln!(
            out,
            "ocs_rate_limited_total{{class=\"{}\"}} {value}",
            class.as_str()
        );
    }
    let _ = writeln!(
        out,
        "# HELP ocs_burst_alerts Unusual bursts flagged in the kept hours (details in the console).\n# TYPE ocs_burst_alerts gauge\nocs_burst_alerts {}",
        web.bursts().alerts().len()
    );
    let _ = writeln!(
        out,
        "# HELP ocs_signing_in_flight Signing requests being worked on.\n# TYPE ocs_signing_in_flight gauge\nocs_signing_in_flight {}",
        web.signing().in_flight()
    );
    let admission = web.signing().admission().state();
    let _ = writeln!(
        out,
        "# HELP ocs_signing_admission_limit Signing requests in flight at which the next is refused (measured rate x target wait).\n# TYPE ocs_signing_admission_limit gauge\nocs_signing_admission_limit {}",
        admission.limit
    );
    let _ = writeln!(
        out,
        "# HELP ocs_signing_service_rate Signing requests finished per second of busy time (moving average).\n# TYPE ocs_signing_service_rate gauge\nocs_signing_service_rate {:.1}",
        admission.rate.unwrap_or(0.0)
    );
    crate::routes::mail::write_metrics(&mut out, web.mail().map(|m| m.metrics()));
    crate::routes::tag_metrics::write(&mut out, web.signing().tag_keys().metrics());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

/// `ocs_eid_failures_total{provider,reason}`. Provider names come from the configuration;
/// reasons are a fixed set; nothing about the person.
fn eid_failures(web: &WebState, out: &mut String) {
    let Some(eid) = web.eid() else { return };
    let _ = writeln!(
        out,
        "# HELP ocs_eid_failures_total Failed eID logins by provider and reason.\n# TYPE ocs_eid_failures_total counter"
    );
    for (provider, reason, value) in eid.failures().snapshot() {
        let _ = writeln!(
            out,
            "ocs_eid_failures_total{{provider=\"{provider}\",reason=\"{reason}\"}} {value}"
        );
    }
}
