//! The console's list of the initiatives an account may see.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use ocs_domain::InitiativeId;
use ocs_domain::lifecycle::Stage;

use super::{Chrome, Session};
use crate::error::render;
use crate::i18n::{Lang, Tr};
use crate::routes::console_paper::destruction_warning;
use crate::state::WebState;

pub(super) struct InitiativeRow {
    slug: String,
    title: String,
    registration_number: String,
    stage: String,
    /// The destruction deadline, within 30 days.
    warning: Option<String>,
}

#[derive(Template)]
#[template(path = "console/initiatives.html")]
pub(super) struct InitiativesPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    initiatives: Vec<InitiativeRow>,
}

pub(super) fn stage_of(web: &WebState, id: InitiativeId) -> Option<Stage> {
    web.lifecycle()
        .and_then(|l| l.board().get(id))
        .map(|(stage, _)| stage)
}

pub(super) fn stage_text(tr: &Tr<'_>, stage: Option<Stage>) -> String {
    match stage {
        Some(stage) => tr.t(&format!("console-stage-{}", stage.as_str())),
        // No stored stage is a draft, wherever the initiative was defined.
        None => tr.t("console-stage-draft"),
    }
}

/// `GET /console/initiatives`: the initiatives this account may see.
pub(super) async fn list_initiatives(
    State(web): State<WebState>,
    lang: Lang,
    session: Session,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let mut initiatives = Vec::new();
    for e in web
        .signing()
        .initiatives()
        .iter()
        .filter(|e| session.0.principal.can_view(e.initiative.id).is_some())
    {
        initiatives.push(InitiativeRow {
            slug: e.initiative.slug.to_string(),
            title: e.initiative.title.clone(),
            registration_number: e.initiative.registration_number.clone(),
            stage: stage_text(&tr, stage_of(&web, e.initiative.id)),
            warning: destruction_warning(&web, &tr, e.initiative.id, "retention-list").await,
        });
    }
    render(
        StatusCode::OK,
        &InitiativesPage {
            tr,
            languages: web.i18n().languages(),
            chrome: Chrome::of(&session),
            initiatives,
        },
    )
}
