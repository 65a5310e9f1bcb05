//! The public site: the initiative list, an initiative's page, the nationality chooser and
//! the receipt. The sign form itself is [`super::sign`].

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use ocs_domain::{CountryCode, ErrorCode};
use serde::Deserialize;

use crate::error::{WebError, render};
use crate::extract::{PublicInitiative, RequestId};
use crate::i18n::{Lang, Tr};
use crate::read_cache::{Key, Page, ReadCache, Stamp};
use crate::state::WebState;
use crate::views::{InitiativeView, ProgressView, member_states};

/// `/` — the hosted initiatives.
#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    initiatives: Vec<InitiativeView>,
}

/// `/initiatives/{slug}`.
#[derive(Template)]
#[template(path = "initiative.html", whitespace = "minimize")]
pub struct InitiativePage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    initiative: InitiativeView,
    progress: ProgressView,
    nationalities: Vec<(&'static str, String)>,
}

/// `/initiatives/{slug}/sign` without a nationality.
#[derive(Template)]
#[template(path = "choose.html")]
pub struct ChoosePage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    initiative: InitiativeView,
    nationalities: Vec<(&'static str, String)>,
}

/// `/initiatives/{slug}/receipt`.
#[derive(Template)]
#[template(path = "receipt.html", whitespace = "minimize")]
pub struct ReceiptPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    initiative: InitiativeView,
    statement_id: String,
    submitted_at: String,
    submitted_at_iso: String,
    secret: Option<String>,
    file_url: String,
    /// When the public count will include the statement (issue 19, item 1).
    count_note: String,
    /// The statement's place in the public tally log and how to check it.
    log: Option<super::log::ReceiptLog>,
}

/// `GET /`: served from [`crate::read_cache`] until the next publication.
pub async fn show_index(State(web): State<WebState>, lang: Lang, headers: HeaderMap) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let listed = web.signing().listed_initiatives();
    let key = Key::new(Page::Index, "", tr.lang);
    let stamp = ReadCache::stamp(&web, &listed);
    if let Some(hit) = stamp.as_ref().and_then(|s| web.read_cache().get(&key, s)) {
        return hit.respond(&headers);
    }
    let now = web.signing().now();
    let page = IndexPage {
        tr,
        languages: web.i18n().languages(),
        initiatives: listed
            .iter()
            .map(|e| live_view(&web, &tr, &e.initiative, now))
            .collect(),
    };
    cached(&web, key, stamp, &page, &headers)
}

/// The view of an initiative with its lifecycle stage, as the public pages show it.
pub(crate) fn live_view(
    web: &WebState,
    tr: &Tr<'_>,
    initiative: &ocs_domain::Initiative,
    now: jiff::Timestamp,
) -> InitiativeView {
    let lifecycle = web.signing().lifecycle();
    InitiativeView::new(tr, initiative, now, web.signing().time_zone(), lifecycle)
        .with_lifecycle(tr, lifecycle, initiative, now)
}

/// Renders `page`, files it under `key` when `stamp` allows caching, and answers it.
fn cached<T: Template>(
    web: &WebState,
    key: Key,
    stamp: Option<Stamp>,
    page: &T,
    headers: &HeaderMap,
) -> Response {
    match (stamp, page.render()) {
        (Some(stamp), Ok(html)) => web
            .read_cache()
            .put(key, stamp, "text/html; charset=utf-8", html)
            .respond(headers),
        _ => render(StatusCode::OK, page),
    }
}

/// `GET /initiatives/{slug}`: served from [`crate::read_cache`] until the next publication.
pub async fn show_initiative(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    lang: Lang,
    headers: HeaderMap,
    request: RequestId,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let key = Key::new(
        Page::Initiative,
        &entry.initiative.slug.to_string(),
        tr.lang,
    );
    let stamp = ReadCache::stamp(&web, std::slice::from_ref(&entry));
    if let Some(hit) = stamp.as_ref().and_then(|s| web.read_cache().get(&key, s)) {
        return hit.respond(&headers);
    }
    // Public figures: the published ones when a tally log is kept (ADR 0007).
    let progress = match super::log::public_progress(&web, &entry.initiative.slug).await {
        Ok((progress, updated_at, _)) => (progress, updated_at),
        Err(cause) => {
            tracing::error!(%cause, request = %request.0, "counts unavailable");
            return WebError::new(ErrorCode::Internal).into_response();
        }
    };
    let page = InitiativePage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        initiative: live_view(&web, &tr, &entry.initiative, web.signing().now()),
        progress: ProgressView::new(&tr, &progress.0, progress.1, web.signing().time_zone()),
        nationalities: member_states(&tr),
    };
    cached(&web, key, stamp, &page, &headers)
}

/// Query of the nationality chooser.
#[derive(Deserialize)]
pub struct ChooseQuery {
    nationality: Option<String>,
}

/// `GET /initiatives/{slug}/sign[?nationality=XX]`: the chooser, or a redirect to the form.
pub async fn choose_nationality(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    Query(query): Query<ChooseQuery>,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    if let Some(country) = query
        .nationality
        .as_deref()
        .and_then(|n| CountryCode::parse(n).ok())
    {
        let slug = &entry.initiative.slug;
        let target = format!("/initiatives/{slug}/sign/{country}?lang={}", tr.lang);
        return Redirect::to(&target).into_response();
    }
    let page = ChoosePage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        initiative: InitiativeView::new(
            &tr,
            &entry.initiative,
            web.signing().now(),
            web.signing().time_zone(),
            web.signing().lifecycle(),
        ),
        nationalities: member_states(&tr),
    };
    render(StatusCode::OK, &page)
}

/// `GET /initiatives/{slug}/receipt`: the receipt of the token in the receipt cookie
/// ([`crate::receipt_cookie`]); not found without one.
pub async fn show_receipt(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    lang: Lang,
    headers: HeaderMap,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let token = crate::receipt_cookie::read(&web, &headers).unwrap_or_default();
    let Some(view) = web.signing().receipt(&entry.initiative.slug, &token) else {
        return WebError::new(ErrorCode::NotFound).into_response();
    };
    let page = ReceiptPage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        initiative: InitiativeView::new(
            &tr,
            &entry.initiative,
            web.signing().now(),
            web.signing().time_zone(),
            web.signing().lifecycle(),
        ),
        statement_id: view.statement_id.to_string(),
        submitted_at: crate::l10n::moment(tr.lang, view.submitted_at, web.signing().time_zone()),
        submitted_at_iso: view.submitted_at.to_string(),
        secret: view.secret.as_ref().map(ToString::to_string),
        file_url: format!(
            "/initiatives/{}/receipt.txt?lang={}",
            entry.initiative.slug, tr.lang
        ),
        count_note: count_note(&web, tr),
        log: super::log::receipt_log(&web, tr, &entry.initiative.slug, view.statement_id).await,
    };
    render(StatusCode::OK, &page)
}

/// When the public figures will include a statement just made: at once without a tally
/// log or under the 0/0 rule (`ocs demo`), else after the next batch (the rule's figures).
fn count_note(web: &WebState, tr: Tr<'_>) -> String {
    match web.tally_log().map(|log| log.rule()) {
        Some(rule) if !rule.at_once() => {
            let minutes = u64::try_from(rule.interval.as_secs() / 60)
                .unwrap_or(0)
                .max(1);
            tr.t_args(
                "receipt-count-batched",
                &[
                    ("minutes", crate::i18n::Arg::from(minutes)),
                    ("batch", crate::i18n::Arg::from(rule.min_batch)),
                ],
            )
        }
        _ => tr.t("receipt-count-now"),
    }
}

/// Fallback for unknown paths: `REQ-404`, rendered by [`crate::error::finish_errors`].
pub async fn not_found() -> Response {
    WebError::new(ErrorCode::NotFound).into_response()
}
