//! The console's view of an initiative's audit trail.

use std::fmt::Write as _;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use ocs_service::console_auth::AuditView;

use super::{Chrome, Refusal, Viewer};
use crate::error::render;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

pub(super) struct AuditRow {
    sequence: u64,
    at: String,
    actor: String,
    action: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
pub(super) struct AuditPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    slug: String,
    title: String,
    intact: bool,
    chain: String,
    rows: Vec<AuditRow>,
}

/// `GET /console/initiatives/{slug}/audit`: the latest rows and the chain's state.
pub(super) async fn audit_log(State(web): State<WebState>, lang: Lang, viewer: Viewer) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let admin = viewer.session.0.principal.can_administer().is_some();
    let Ok(view) = console.audit_view(viewer.right, admin, 200).await else {
        return Refusal::Internal.into_response();
    };
    let (intact, chain, rows) = table(&tr, view);
    render(
        StatusCode::OK,
        &AuditPage {
            tr,
            languages: web.i18n().languages(),
            chrome: Chrome::of(&viewer.session),
            slug: viewer.entry.initiative.slug.to_string(),
            title: viewer.entry.initiative.title.clone(),
            intact,
            chain,
            rows,
        },
    )
}

/// Whether the chain is intact, and the line that says so (rows and head) or where it broke.
fn chain_state(tr: &Tr<'_>, chain: Result<(u64, [u8; 32]), String>) -> (bool, String) {
    match chain {
        Ok((rows, head)) => (
            true,
            tr.t_with(
                "console-audit-intact",
                &[("rows", rows.to_string()), ("head", hex::encode(head))],
            ),
        ),
        Err(broken) => (
            false,
            tr.t_with("console-audit-broken", &[("detail", broken)]),
        ),
    }
}

/// The chain's state and the table's rows (actor kind and name, time to the second).
fn table(tr: &Tr<'_>, view: AuditView) -> (bool, String, Vec<AuditRow>) {
    let (intact, chain) = chain_state(tr, view.chain);
    let rows = view
        .entries
        .into_iter()
        .map(|row| {
            let mut actor = row.entry.actor_kind.clone();
            if !row.entry.actor_name.is_empty() {
                let _ = write!(actor, " {}", row.entry.actor_name);
            }
            AuditRow {
                sequence: row.sequence,
                at: row
                    .entry
                    .at
                    .round(jiff::Unit::Second)
                    .map_or_else(|_| row.entry.at.to_string(), |t| t.to_string()),
                actor,
                action: row.entry.action.to_string(),
                detail: row.entry.detail,
            }
        })
        .collect();
    (intact, chain, rows)
}
