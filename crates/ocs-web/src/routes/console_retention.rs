//! The console's retention section of the dashboard and its forms: the submission to the
//! Commission (organisers; starts the one-month destruction deadline), legal holds for
//! proceedings (host administrators: set and lift, each with a reason), the competent
//! authorities' Annex VI certificates (organisers) and the Annex VII document built from
//! them. Each form makes one call into the retention use cases of
//! `ocs_service::retention::Destruction`, which check and audit it.

use axum::Router;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::civil::Date;
use ocs_domain::access::CanAdminister;
use ocs_domain::lifecycle::Stage;
use ocs_domain::retention::DestructionDue;
use ocs_domain::{CountryCode, InitiativeId};
use ocs_service::catalog::CatalogEntry;
use ocs_service::retention::Destruction;
use ocs_service::retention::events::{RetentionError, RetentionView};
use serde::Deserialize;

use crate::i18n::{Lang, Tr};
use crate::routes::console::{
    Administrator, Checked, HasToken, Manager, Refusal, Session, Viewer, dashboard_page, thousands,
};
use crate::state::WebState;
use crate::views::{country_name, member_states};

/// The retention routes (method and path pattern), for the application's route list.
pub const ROUTES: &[(&str, &str)] = &[
    ("POST", "/console/initiatives/{slug}/commission"),
    ("POST", "/console/initiatives/{slug}/hold"),
    ("POST", "/console/initiatives/{slug}/hold/lift"),
    ("POST", "/console/initiatives/{slug}/verification"),
    ("GET", "/console/initiatives/{slug}/annex-vii.json"),
    ("GET", "/console/initiatives/{slug}/annex-vii.txt"),
    ("GET", "/console/initiatives/{slug}/annex-vii.pdf"),
];

/// The retention routes, merged into the application router next to the console's.
pub fn router(state: &WebState) -> Router<WebState> {
    Router::new()
        .route(
            "/console/initiatives/{slug}/commission",
            post(record_commission),
        )
        .route("/console/initiatives/{slug}/hold", post(set_hold))
        .route("/console/initiatives/{slug}/hold/lift", post(lift_hold))
        .route(
            "/console/initiatives/{slug}/verification",
            post(record_verification),
        )
        .route(
            "/console/initiatives/{slug}/annex-vii.json",
            get(download_annex_vii),
        )
        .route(
            "/console/initiatives/{slug}/annex-vii.txt",
            get(download_annex_vii_text),
        )
        .route(
            "/console/initiatives/{slug}/annex-vii.pdf",
            get(download_annex_vii_pdf),
        )
        .with_state(state.clone())
}

/// One recorded Annex VI certificate, as the dashboard lists it.
pub(crate) struct VerificationRow {
    pub(crate) country: String,
    pub(crate) valid: String,
    pub(crate) authority: String,
    pub(crate) issued_on: String,
}

/// A standing legal hold, as the dashboard shows it.
pub(crate) struct HoldView {
    pub(crate) since: String,
    pub(crate) reason: String,
}

/// The dashboard's retention section.
pub(crate) struct RetentionPanel {
    /// When the deadline falls, or that a hold suspends it.
    pub(crate) due: String,
    /// The recorded submission to the Commission.
    pub(crate) commission: Option<String>,
    /// The standing hold.
    pub(crate) hold: Option<HoldView>,
    /// Whether the organisers may record the Commission submission now.
    pub(crate) can_record_commission: bool,
    /// Whether the organisers may record certificates now.
    pub(crate) can_verify: bool,
    /// The recorded certificates.
    pub(crate) verifications: Vec<VerificationRow>,
    /// Member states for the certificate form.
    pub(crate) states: Vec<(&'static str, String)>,
}

/// The retention section for `entry`, as `session` may see and use it.
pub(crate) async fn panel(
    web: &WebState,
    tr: &Tr<'_>,
    viewer: &Viewer,
    stage: Option<Stage>,
) -> Option<RetentionPanel> {
    let destruction = web.destruction()?;
    let view = match destruction.retention(viewer.right).await {
        Ok(view) => view,
        Err(error) => {
            tracing::error!(code = %error.code(), %error, "retention events unavailable");
            return None;
        }
    };
    let manager = viewer
        .session
        .0
        .principal
        .can_manage(viewer.entry.initiative.id)
        .is_some();
    let submitted = stage == Some(Stage::Submitted);
    Some(RetentionPanel::of(
        tr,
        destruction,
        view,
        manager,
        submitted,
    ))
}

impl RetentionPanel {
    /// The panel of `view`; `manager`: the viewer manages the initiative, `submitted`: it
    /// was submitted to the Commission.
    fn of(
        tr: &Tr<'_>,
        destruction: &Destruction,
        view: RetentionView,
        manager: bool,
        submitted: bool,
    ) -> Self {
        let date = |day: Date| crate::l10n::date(tr.lang, day);
        let due = match view.due {
            DestructionDue::On(day) => tr.t_with("retention-due", &[("date", date(day))]),
            DestructionDue::Held => tr.t("retention-due-held"),
            DestructionDue::Unknown => tr.t("retention-due-unknown"),
        };
        let record = view.record;
        Self {
            due,
            can_record_commission: manager && submitted && record.commission_submitted_on.is_none(),
            can_verify: manager && submitted,
            commission: record.commission_submitted_on.map(date),
            hold: record.hold.map(|hold| HoldView {
                since: date(destruction.day_of(hold.since)),
                reason: hold.reason,
            }),
            verifications: record
                .verifications
                .iter()
                .map(|v| VerificationRow {
                    country: country_name(tr, v.country),
                    valid: thousands(v.valid_statements),
                    authority: v.authority.clone(),
                    issued_on: date(v.issued_on),
                })
                .collect(),
            states: member_states(tr),
        }
    }
}

/// The refusal's code and its text in the reader's language (`retention.ftl`).
fn retention_error(tr: &Tr<'_>, error: &RetentionError) -> String {
    let code = error.code();
    let args: Vec<(&str, String)> = match error {
        RetentionError::BadDate(day) => vec![("date", crate::l10n::date(tr.lang, *day))],
        RetentionError::BadCertificate { collected } => {
            vec![("collected", thousands(*collected))]
        }
        RetentionError::Storage(cause) => {
            tracing::error!(%cause, "retention change failed");
            Vec::new()
        }
        _ => Vec::new(),
    };
    let key = format!("retention-error-{}", code.as_str().to_ascii_lowercase());
    format!("{code}: {}", tr.t_with(&key, &args))
}

/// Back to the dashboard: 303 with the outcome, or the dashboard with the coded error (422).
async fn after(
    web: &WebState,
    tr: Tr<'_>,
    viewer: Viewer,
    done: &str,
    result: Result<(), RetentionError>,
) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!(
            "/console/initiatives/{}?done={done}",
            viewer.entry.initiative.slug
        ))
        .into_response(),
        Err(error) => {
            let message = retention_error(&tr, &error);
            let mut response = dashboard_page(web, tr, &viewer, None, Some(message)).await;
            *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            response
        }
    }
}

fn viewer_of_manager(manager: Manager) -> Result<Viewer, Refusal> {
    let right = manager
        .session
        .0
        .principal
        .can_view(manager.right.initiative())
        .ok_or(Refusal::Forbidden)?;
    Ok(Viewer {
        right,
        session: manager.session,
        entry: manager.entry,
    })
}

/// A host administrator acting on the initiative of the path.
pub struct AdministratorOf {
    admin: CanAdminister,
    viewer: Viewer,
}

impl FromRequestParts<WebState> for AdministratorOf {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, Refusal> {
        let admin =
            <Administrator as FromRequestParts<WebState>>::from_request_parts(parts, web).await?;
        let viewer = <Viewer as FromRequestParts<WebState>>::from_request_parts(parts, web).await?;
        Ok(Self {
            admin: admin.right,
            viewer,
        })
    }
}

impl AdministratorOf {
    fn initiative(&self) -> InitiativeId {
        self.viewer.entry.initiative.id
    }

    fn session(&self) -> &Session {
        &self.viewer.session
    }
}

fn parse_date(text: &str) -> Result<Date, RetentionError> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| RetentionError::Unreadable)
}

/// The Commission submission form.
#[derive(Deserialize)]
pub struct CommissionForm {
    form_token: String,
    submitted_on: String,
}

impl HasToken for CommissionForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/initiatives/{slug}/commission`.
async fn record_commission(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<CommissionForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(destruction) = web.destruction() else {
        return Refusal::NotFound.into_response();
    };
    let result = match parse_date(&form.submitted_on) {
        Ok(on) => {
            destruction
                .record_commission_submission(&manager.session.0.actor, manager.right, on)
                .await
        }
        Err(error) => Err(error),
    };
    match viewer_of_manager(manager) {
        Ok(viewer) => after(&web, tr, viewer, "commission", result).await,
        Err(refusal) => refusal.into_response(),
    }
}

/// The legal hold form.
#[derive(Deserialize)]
pub struct HoldForm {
    form_token: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    concluded_on: String,
}

impl HasToken for HoldForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/initiatives/{slug}/hold` (host administrators).
async fn set_hold(
    State(web): State<WebState>,
    lang: Lang,
    admin: AdministratorOf,
    Checked(form): Checked<HoldForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(destruction) = web.destruction() else {
        return Refusal::NotFound.into_response();
    };
    let result = destruction
        .set_legal_hold(
            &admin.session().0.actor,
            admin.admin,
            admin.initiative(),
            &form.reason,
        )
        .await;
    after(&web, tr, admin.viewer, "hold", result).await
}

/// `POST /console/initiatives/{slug}/hold/lift` (host administrators).
async fn lift_hold(
    State(web): State<WebState>,
    lang: Lang,
    admin: AdministratorOf,
    Checked(form): Checked<HoldForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(destruction) = web.destruction() else {
        return Refusal::NotFound.into_response();
    };
    let result = match parse_date(&form.concluded_on) {
        Ok(day) => {
            destruction
                .lift_legal_hold(
                    &admin.session().0.actor,
                    admin.admin,
                    admin.initiative(),
                    day,
                    &form.reason,
                )
                .await
        }
        Err(error) => Err(error),
    };
    after(&web, tr, admin.viewer, "hold-lifted", result).await
}

/// The Annex VI certificate form.
#[derive(Deserialize)]
pub struct VerificationForm {
    form_token: String,
    country: String,
    valid: String,
    authority: String,
    issued_on: String,
}

impl HasToken for VerificationForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/initiatives/{slug}/verification`.
async fn record_verification(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<VerificationForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(destruction) = web.destruction() else {
        return Refusal::NotFound.into_response();
    };
    let parsed = (
        CountryCode::parse(form.country.trim()),
        form.valid
            .trim()
            .replace(['\u{202F}', ' ', '.', ','], "")
            .parse::<u64>(),
        parse_date(&form.issued_on),
    );
    let result = match parsed {
        (Ok(country), Ok(valid), Ok(issued_on)) => {
            destruction
                .record_verification(
                    &manager.session.0.actor,
                    manager.right,
                    country,
                    valid,
                    &form.authority,
                    issued_on,
                )
                .await
        }
        (_, _, Err(error)) => Err(error),
        _ => Err(RetentionError::Unreadable),
    };
    match viewer_of_manager(manager) {
        Ok(viewer) => after(&web, tr, viewer, "verification", result).await,
        Err(refusal) => refusal.into_response(),
    }
}

/// The Annex VII document of the viewer's initiative.
async fn annex_vii_document(
    web: &WebState,
    viewer: &Viewer,
) -> Result<ocs_service::retention::annex::AnnexVii, Refusal> {
    let destruction = web.destruction().ok_or(Refusal::NotFound)?;
    let entry: &CatalogEntry = &viewer.entry;
    let (Ok(view), Ok((progress, _))) = (
        destruction.retention(viewer.right).await,
        web.signing().progress(&entry.initiative.slug).await,
    ) else {
        return Err(Refusal::Internal);
    };
    Ok(ocs_service::retention::annex::annex_vii(
        entry,
        &view.record,
        progress.threshold_total,
        progress.countries_needed,
        destruction.today(),
    ))
}

/// A download answer.
fn attachment(content_type: &str, name: &str, body: impl IntoResponse) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /console/initiatives/{slug}/annex-vii.txt`: the Annex VII form as text.
async fn download_annex_vii_text(State(web): State<WebState>, viewer: Viewer) -> Response {
    match annex_vii_document(&web, &viewer).await {
        Ok(document) => attachment(
            "text/plain; charset=utf-8",
            &format!("annex-vii-{}.txt", viewer.entry.initiative.slug),
            document.to_text(),
        ),
        Err(refusal) => refusal.into_response(),
    }
}

/// `GET /console/initiatives/{slug}/annex-vii.pdf`: the Annex VII form as PDF/A-2b, set in
/// the system font (`fonts-dejavu-core`).
async fn download_annex_vii_pdf(State(web): State<WebState>, viewer: Viewer) -> Response {
    let document = match annex_vii_document(&web, &viewer).await {
        Ok(document) => document,
        Err(refusal) => return refusal.into_response(),
    };
    let created = match web.destruction() {
        Some(destruction) => destruction.now(),
        None => return Refusal::NotFound.into_response(),
    };
    let rendered = tokio::task::spawn_blocking(move || {
        document.to_pdf_with_font_file(ocs_service::retention::annex::SYSTEM_FONT, created)
    })
    .await;
    match rendered {
        Ok(Ok(pdf)) => attachment(
            "application/pdf",
            &format!("annex-vii-{}.pdf", viewer.entry.initiative.slug),
            pdf,
        ),
        Ok(Err(error)) => {
            tracing::error!(%error, "the Annex VII PDF could not be made");
            Refusal::Internal.into_response()
        }
        Err(_) => Refusal::Internal.into_response(),
    }
}

/// `GET /console/initiatives/{slug}/annex-vii.json`: the Annex VII document.
async fn download_annex_vii(State(web): State<WebState>, viewer: Viewer) -> Response {
    let document = match annex_vii_document(&web, &viewer).await {
        Ok(document) => document,
        Err(refusal) => return refusal.into_response(),
    };
    let entry: &CatalogEntry = &viewer.entry;
    let Ok(json) = serde_json::to_string_pretty(&document) else {
        return Refusal::Internal.into_response();
    };
    let disposition = format!(
        "attachment; filename=\"annex-vii-{}.json\"",
        entry.initiative.slug
    );
    (
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        json,
    )
        .into_response()
}
