//! Console lifecycle actions, collection dates and the certificate upload.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use ocs_domain::ErrorCode;
use ocs_domain::lifecycle::Action;
use ocs_service::lifecycle::LifecycleServiceError;
use serde::Deserialize;

use super::dashboard::CONSOLE_ACTIONS;
use super::initiatives::stage_text;
use super::{Checked, HasToken, Manager, Refusal, Viewer, dashboard_page};
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// A lifecycle action.
#[derive(Deserialize)]
pub(crate) struct ActionFormData {
    form_token: String,
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirmation: String,
}

impl HasToken for ActionFormData {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// The refusal's code and its text in the reader's language (`lifecycle.ftl`).
pub(super) fn lifecycle_error(tr: &Tr<'_>, error: &LifecycleServiceError) -> String {
    use ocs_domain::lifecycle::LifecycleError as Rule;
    let code = error.code();
    let action = |a: &Action| tr.t(&format!("console-action-{}", a.as_str()));
    let args: Vec<(&str, String)> = match error {
        LifecycleServiceError::Rule(Rule::Illegal { from, action: a }) => {
            vec![
                ("stage", stage_text(tr, Some(*from))),
                ("action", action(a)),
            ]
        }
        LifecycleServiceError::Rule(Rule::ReasonRequired(a)) => vec![("action", action(a))],
        LifecycleServiceError::Rule(Rule::StartTooLate { months, latest }) => {
            vec![("months", months.to_string()), ("date", latest.to_string())]
        }
        LifecycleServiceError::Rule(Rule::NoticeTooRecent { days, earliest }) => {
            vec![("days", days.to_string()), ("date", earliest.to_string())]
        }
        LifecycleServiceError::Rule(Rule::PeriodTooLong { max_months, latest }) => {
            vec![
                ("months", max_months.to_string()),
                ("date", latest.to_string()),
            ]
        }
        LifecycleServiceError::Storage(cause) => {
            tracing::error!(%cause, "lifecycle change failed");
            Vec::new()
        }
        _ => Vec::new(),
    };
    let key = format!("lifecycle-error-{}", code.as_str().to_ascii_lowercase());
    format!("{code}: {}", tr.t_with(&key, &args))
}

/// `POST /console/initiatives/{slug}/lifecycle`.
pub(super) async fn lifecycle_action(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<ActionFormData>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(lifecycle) = web.lifecycle() else {
        return Refusal::NotFound.into_response();
    };
    let Some(action) = CONSOLE_ACTIONS
        .iter()
        .copied()
        .find(|a| a.as_str() == form.action)
    else {
        return WebError::new(ErrorCode::MalformedBody).into_response();
    };
    let confirmation = (action == Action::GoLive).then_some(form.confirmation.trim());
    let result = lifecycle
        .apply(
            &manager.session.0.actor,
            manager.right,
            action,
            form.reason.trim(),
            confirmation,
        )
        .await;
    after_change(&web, tr, manager, action.as_str(), result.map(|_| ())).await
}

pub(super) async fn after_change(
    web: &WebState,
    tr: Tr<'_>,
    manager: Manager,
    done: &str,
    result: Result<(), LifecycleServiceError>,
) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!(
            "/console/initiatives/{}?done={done}",
            manager.entry.initiative.slug
        ))
        .into_response(),
        Err(error) => {
            let message = lifecycle_error(&tr, &error);
            let Some(right) = manager
                .session
                .0
                .principal
                .can_view(manager.right.initiative())
            else {
                return Refusal::Forbidden.into_response();
            };
            let viewer = Viewer {
                right,
                session: manager.session,
                entry: manager.entry,
            };
            let mut response = dashboard_page(web, tr, &viewer, None, Some(message)).await;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
    }
}

/// The collection period.
#[derive(Deserialize)]
pub(crate) struct DatesForm {
    form_token: String,
    #[serde(default)]
    notice: String,
    start: String,
    end: String,
}

impl HasToken for DatesForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/initiatives/{slug}/dates`: notice (optional), first and last day of the
/// collection, checked by the service's date rules.
pub(super) async fn set_dates(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<DatesForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(lifecycle) = web.lifecycle() else {
        return Refusal::NotFound.into_response();
    };
    let notice = form.notice.trim();
    let notice = if notice.is_empty() {
        Ok(None)
    } else {
        notice.parse::<Date>().map(Some)
    };
    let (Ok(notice), Ok(start), Ok(end)) = (
        notice,
        form.start.trim().parse::<Date>(),
        form.end.trim().parse::<Date>(),
    ) else {
        let error = LifecycleServiceError::BadDate;
        return after_change(&web, tr, manager, "dates", Err(error)).await;
    };
    let result = lifecycle
        .set_dates(&manager.session.0.actor, manager.right, notice, start, end)
        .await;
    after_change(&web, tr, manager, "dates", result).await
}

/// The certificate form's parts.
#[derive(Default)]
struct CertificateForm {
    token: String,
    authority: String,
    issued_on: String,
    pdf: Vec<u8>,
}

impl CertificateForm {
    /// Reads the multipart body: a part too large is `TooLarge`, a broken body a bad token.
    async fn read(mut multipart: Multipart) -> Result<Self, Response> {
        let mut form = Self::default();
        loop {
            match multipart.next_field().await {
                Ok(Some(field)) => {
                    let name = field.name().unwrap_or_default().to_owned();
                    let Ok(bytes) = field.bytes().await else {
                        return Err(WebError::new(ErrorCode::TooLarge).into_response());
                    };
                    let text = || String::from_utf8_lossy(&bytes).into_owned();
                    match name.as_str() {
                        "form_token" => form.token = text(),
                        "authority" => form.authority = text(),
                        "issued_on" => form.issued_on = text(),
                        "file" => form.pdf = bytes.to_vec(),
                        _ => {}
                    }
                }
                Ok(None) => return Ok(form),
                Err(_) => return Err(Refusal::BadToken.into_response()),
            }
        }
    }
}

/// `POST /console/initiatives/{slug}/certificate`: multipart `form_token`, `authority`,
/// `issued_on` (YYYY-MM-DD) and `file` (PDF).
pub(super) async fn upload_certificate(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    multipart: Multipart,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(lifecycle) = web.lifecycle() else {
        return Refusal::NotFound.into_response();
    };
    let CertificateForm {
        token,
        authority,
        issued_on,
        pdf,
    } = match CertificateForm::read(multipart).await {
        Ok(form) => form,
        Err(refusal) => return refusal,
    };
    if !manager.session.0.form_token_matches(&token) {
        return Refusal::BadToken.into_response();
    }
    let Ok(date) = issued_on.trim().parse::<Date>() else {
        let error = LifecycleServiceError::BadDate;
        return after_change(&web, tr, manager, "certificate", Err(error)).await;
    };
    let result = lifecycle
        .upload_certificate(
            &manager.session.0.actor,
            manager.right,
            pdf,
            authority.trim(),
            date,
        )
        .await;
    after_change(&web, tr, manager, "certificate", result).await
}
