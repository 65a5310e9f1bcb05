//! The public tally log (ADR 0007): the checkpoint and tiles as C2SP tlog-tiles resources,
//! receipt inclusion proofs, and the published figures every public page and the counters
//! API show. Thin: each handler makes one call into `ocs_service::tally_log::TallyLog`.

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ocs_domain::counters::Progress;
use ocs_domain::{ErrorCode, Slug};
use ocs_service::tally_log::{LogError, ReceiptProof};
use serde::Serialize;

use crate::client::ClientAddr;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::middleware::rate_limit as limit;
use crate::ratelimit::RouteClass;
use crate::routes::selfservice::{api_error, api_input};
use crate::state::WebState;

/// The routes of this module.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/log/{slug}/checkpoint"),
    ("GET", "/log/{slug}/tile/{*path}"),
    ("GET", "/log/{slug}/proof/{index}"),
    ("POST", "/api/v1/initiatives/{slug}/receipts/proof"),
];

/// The log's routes and the open data derived from it ([`super::open_data`]), merged into
/// the application router.
pub fn router(state: &WebState) -> Router<WebState> {
    Router::new()
        .merge(super::open_data::router())
        .merge(super::daily_chart::router())
        .merge(super::witness::router(state))
        .merge(super::map_page::router())
        .route("/log/{slug}/checkpoint", get(show_checkpoint))
        .route("/log/{slug}/tile/{*path}", get(show_tile))
        .route("/log/{slug}/proof/{index}", get(show_proof))
        .route(
            "/api/v1/initiatives/{slug}/receipts/proof",
            post(prove_receipt).route_layer(limit(state, RouteClass::SelfService)),
        )
}

fn not_found() -> Response {
    WebError::new(ErrorCode::NotFound).into_response()
}

fn unavailable(cause: &LogError) -> Response {
    tracing::error!(%cause, "tally log unavailable");
    WebError::new(ErrorCode::Unavailable).into_response()
}

/// `GET /log/{slug}/checkpoint`: the latest signed checkpoint with the witnesses'
/// cosignatures collected for it appended; mutable, so not cached.
pub async fn show_checkpoint(State(web): State<WebState>, Path(slug): Path<String>) -> Response {
    let (Some(log), Ok(slug)) = (web.tally_log(), Slug::parse(&slug)) else {
        return not_found();
    };
    match log.served_checkpoint(&slug).await {
        Ok(note) => (
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            note,
        )
            .into_response(),
        Err(LogError::NotFound) => not_found(),
        Err(cause) => unavailable(&cause),
    }
}

/// `GET /log/{slug}/tile/{L}/{N}[.p/{W}]` and `…/tile/entries/{N}[.p/{W}]`: immutable.
pub async fn show_tile(
    State(web): State<WebState>,
    Path((slug, path)): Path<(String, String)>,
) -> Response {
    let (Some(log), Ok(slug)) = (web.tally_log(), Slug::parse(&slug)) else {
        return not_found();
    };
    match log.tile(&slug, &format!("tile/{path}")).await {
        Ok(Some(data)) => (
            [
                (header::CONTENT_TYPE, "application/octet-stream"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            data,
        )
            .into_response(),
        Ok(None) | Err(LogError::NotFound) => not_found(),
        Err(cause) => unavailable(&cause),
    }
}

/// `GET /log/{slug}/proof/{index}`: the C2SP tlog-proof of the entry at `index` to the latest
/// checkpoint, its `extra` line holding the entry. Public data only (what the tiles hold);
/// it follows the checkpoint, so it is not cached.
pub async fn show_proof(
    State(web): State<WebState>,
    Path((slug, index)): Path<(String, String)>,
) -> Response {
    // Canonical decimal only, as in the proof file's `index` line.
    let canonical =
        index.bytes().all(|b| b.is_ascii_digit()) && (index == "0" || !index.starts_with('0'));
    let index = index.parse::<u64>().ok().filter(|_| canonical);
    let (Some(log), Ok(slug), Some(index)) = (web.tally_log(), Slug::parse(&slug), index) else {
        return not_found();
    };
    match log.index_proof(&slug, index).await {
        Ok(Some(file)) => (
            [
                (header::CONTENT_TYPE, "application/x-tlog-proof".to_owned()),
                (header::CACHE_CONTROL, "no-cache".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"entry-{index}.tlog-proof\""),
                ),
            ],
            file.to_text(),
        )
            .into_response(),
        Ok(None) | Err(LogError::NotFound) => not_found(),
        Err(cause) => unavailable(&cause),
    }
}

/// What a receipt shows of the log: the statement's index once published, where its proof
/// is and the command that checks it.
#[derive(Debug, Clone)]
pub struct ReceiptLog {
    /// The statement's index in the published log; `None` until published.
    pub index: Option<u64>,
    /// "Your statement is entry N…", or that it will be published, in the reader's language.
    pub status: String,
    /// `/log/{slug}/proof/{index}`.
    pub proof_url: String,
    /// `ocs log check-proof entry-N.tlog-proof --key …`.
    pub command: String,
}

/// The log part of a receipt, when the server keeps a tally log. A store failure shows the
/// receipt without it (the receipt itself does not depend on the log).
pub async fn receipt_log(
    web: &WebState,
    tr: Tr<'_>,
    slug: &Slug,
    statement: ocs_domain::StatementId,
) -> Option<ReceiptLog> {
    let log = web.tally_log()?;
    let index = match log.published_index(slug, statement).await {
        Ok(index) => index,
        Err(cause) => {
            tracing::warn!(%cause, "receipt without its log index");
            return None;
        }
    };
    let key = log.verifier_key(slug).ok()?;
    let file = index.map_or_else(
        || "entry.tlog-proof".to_owned(),
        |index| format!("entry-{index}.tlog-proof"),
    );
    // As text: an index is a name, not a quantity to group in thousands.
    let status = index.map_or_else(
        || tr.t("receipt-log-pending"),
        |index| {
            tr.t_args(
                "receipt-log-index",
                &[("index", crate::i18n::Arg::Text(index.to_string()))],
            )
        },
    );
    Some(ReceiptLog {
        index,
        status,
        proof_url: index.map_or_else(String::new, |index| format!("/log/{slug}/proof/{index}")),
        command: format!("ocs log check-proof {file} --key {key}"),
    })
}

#[derive(Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum ProofAnswer {
    Included {
        index: u64,
        entry: String,
        envelope_hash: String,
        inclusion_proof: Vec<String>,
        checkpoint: String,
        /// The same, as a C2SP tlog-proof file (`receipt.tlog-proof`).
        tlog_proof: String,
    },
    Pending {
        /// Not published before this time…
        not_before: jiff::Timestamp,
        /// …and not before this many new statements wait (or the day ends).
        min_batch: u64,
    },
}

/// `POST /api/v1/initiatives/{slug}/receipts/proof` with `{statement_id, secret}`: the
/// statement's inclusion proof once published, else when it will be. With
/// `Accept: application/x-tlog-proof` the answer is the proof file itself.
pub async fn prove_receipt(
    State(web): State<WebState>,
    Path(slug): Path<String>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, WebError> {
    let (slug, body) = api_input(&slug, &headers, body)?;
    let log = web
        .tally_log()
        .ok_or_else(|| WebError::new(ErrorCode::InitiativeNotFound))?;
    let id = web
        .self_service()
        .verified_statement(&slug, &body.statement_id, &body.secret, client)
        .await
        .map_err(|error| api_error(&error))?;
    let proof = log.receipt_proof(&slug, id).await.map_err(|cause| {
        tracing::error!(%cause, "receipt proof failed");
        WebError::new(ErrorCode::Internal)
    })?;
    let wants_file = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/x-tlog-proof"));
    Ok(proof_answer(proof, wants_file))
}

/// The proof as JSON, or as the proof file itself when the client asked for it; when it is
/// not published yet, when it will be.
fn proof_answer(proof: ReceiptProof, wants_file: bool) -> Response {
    match proof {
        ReceiptProof::Included(proof) if wants_file => {
            let mut response = proof.file().into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-tlog-proof"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"receipt.tlog-proof\""),
            );
            response
        }
        ReceiptProof::Included(proof) => Json(ProofAnswer::Included {
            tlog_proof: proof.file(),
            index: proof.index,
            entry: proof.entry,
            envelope_hash: proof.envelope_hash.to_hex(),
            inclusion_proof: proof.proof.iter().map(ocs_tlog::Hash::to_hex).collect(),
            checkpoint: proof.checkpoint,
        })
        .into_response(),
        ReceiptProof::Pending(when) => Json(ProofAnswer::Pending {
            not_before: when.not_before,
            min_batch: when.min_batch,
        })
        .into_response(),
    }
}

/// The log a public figure stands for: its size and root hash (hex).
#[derive(Debug, Clone, Serialize)]
pub struct LogState {
    /// Entries folded into the figures.
    pub tree_size: u64,
    /// The root hash of that tree, lowercase hex.
    pub root_hash: String,
}

/// The public figures: the published ones (the fold of the log at its latest checkpoint)
/// when the server keeps a tally log, else the exact counts.
pub async fn public_progress(
    web: &WebState,
    slug: &Slug,
) -> Result<(Progress, Option<jiff::Timestamp>, Option<LogState>), ocs_service::QueryError> {
    let Some(log) = web.tally_log() else {
        let (progress, updated_at) = web.signing().progress(slug).await?;
        return Ok((progress, updated_at, None));
    };
    let entry = web
        .signing()
        .initiative(slug)
        .ok_or(ocs_service::QueryError::NotFound)?;
    let published = log.published(slug).await?;
    let snapshot = published.snapshot();
    let table = web.signing().table();
    let progress = Progress::new(
        &snapshot,
        &entry.minimums,
        table.total_signatories(),
        table.min_states_at_minimum(),
    );
    let state = LogState {
        tree_size: published.size,
        root_hash: published.root.to_hex(),
    };
    Ok((progress, snapshot.updated_at, Some(state)))
}

/// The log's identity for the initiative API: origin and verifier key.
#[derive(Debug, Clone, Serialize)]
pub struct LogIdentity {
    /// The checkpoint origin line.
    pub origin: String,
    /// The signed-note verifier key (`name+keyid+base64`).
    pub verifier_key: String,
}

/// The initiative's log identity, when the server keeps a tally log.
pub fn log_identity(web: &WebState, slug: &Slug) -> Option<LogIdentity> {
    let log = web.tally_log()?;
    Some(LogIdentity {
        origin: log.origin(slug),
        verifier_key: log.verifier_key(slug).ok()?,
    })
}
