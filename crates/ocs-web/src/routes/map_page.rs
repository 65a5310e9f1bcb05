//! `GET /initiatives/{slug}/map`: the published progress per member state as a map drawn on
//! the server ([`crate::map`]) with the table of the same figures, its text alternative
//! (issue 17, item 11). Read from the same published figures as the initiative page and
//! `/counters` (the fold of the tally log).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ocs_domain::ErrorCode;

use crate::error::{WebError, render};
use crate::extract::PublicInitiative;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;
use crate::views::ProgressView;

/// The route of this module.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/initiatives/{slug}/map")];

/// The page's route, merged with the log's ([`super::log::router`]).
pub fn router() -> axum::Router<WebState> {
    axum::Router::new().route("/initiatives/{slug}/map", axum::routing::get(show_map))
}

/// The page.
#[derive(Template)]
#[template(path = "map.html")]
pub struct MapPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    slug: String,
    title: String,
    /// The language of the title, when it is not the page's.
    title_lang: Option<String>,
    /// The map, rendered ([`crate::map::EuMap::html`]).
    map: String,
    /// The figures, as the initiative page's table shows them.
    progress: ProgressView,
}

/// `GET /initiatives/{slug}/map`.
pub async fn show_map(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let (progress, updated_at) =
        match super::log::public_progress(&web, &entry.initiative.slug).await {
            Ok((progress, updated_at, _)) => (progress, updated_at),
            Err(cause) => {
                tracing::error!(%cause, "published figures unavailable");
                return WebError::new(ErrorCode::Unavailable).into_response();
            }
        };
    let map = crate::map::eu_map(&tr, &progress, "eu-map").html();
    let text = entry.initiative.text_in(tr.lang);
    let page = MapPage {
        tr,
        languages: web.i18n().languages(),
        slug: entry.initiative.slug.to_string(),
        title: text.title.to_owned(),
        title_lang: Some(text.language)
            .filter(|language| *language != tr.lang)
            .map(str::to_owned),
        map,
        progress: ProgressView::new(&tr, &progress, updated_at, web.signing().time_zone()),
    };
    render(StatusCode::OK, &page)
}
