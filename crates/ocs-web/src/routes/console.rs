//! The organiser console under `/console`: sign-in with a second factor (TOTP enrolment with a
//! server-rendered QR code), the session cookie, and the pages behind it (initiatives,
//! dashboard, lifecycle actions, certificate upload, audit log, accounts).
//!
//! Rights are types: a handler takes [`Viewer`], [`Manager`] or [`Administrator`], whose
//! extraction loads the session and asks the [`Principal`](ocs_domain::access::Principal) for
//! the capability, so a handler cannot run without the check. Every console `POST` but the
//! sign-in carries the session's form token ([`Checked`]) and passes the same-origin check.

use std::fmt::Write as _;

use askama::Template;
use axum::Router;
use axum::extract::{
    DefaultBodyLimit, FromRequest, FromRequestParts, Multipart, OptionalFromRequestParts, Path,
    Request, State,
};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use jiff::civil::Date;
use ocs_domain::ErrorCode;
use ocs_domain::access::{CanAdminister, CanManage, CanView, Role};
use ocs_domain::lifecycle::{Action, Stage, next_stage};
use ocs_domain::{InitiativeId, Slug};
use ocs_service::catalog::CatalogEntry;
use ocs_service::console_auth::{AuthError, ConsoleSession, SignIn};
use ocs_service::lifecycle::{LifecycleServiceError, MAX_CERTIFICATE_BYTES};
use serde::Deserialize;

use crate::client::ClientAddr;
use crate::error::render;
use crate::formguard::FormGuard;
use crate::i18n::{Lang, Tr};
use crate::monitor::BurstSubject;
use crate::routes::console_paper::destruction_warning;
use crate::state::WebState;
use crate::views::country_name;

/// The session cookie: `__Host-` so it is only ever set by us, over HTTPS, for the whole host.
pub const COOKIE: &str = "__Host-ocs_console";

/// Every console route: method and path pattern (for the application's route list).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/console"),
    ("GET", "/console/sign-in"),
    ("POST", "/console/sign-in"),
    ("POST", "/console/sign-out"),
    ("GET", "/console/initiatives"),
    ("GET", "/console/initiatives/{slug}"),
    ("POST", "/console/initiatives/{slug}/lifecycle"),
    ("POST", "/console/initiatives/{slug}/certificate"),
    ("POST", "/console/initiatives/{slug}/dates"),
    ("GET", "/console/initiatives/{slug}/audit"),
    ("GET", "/console/accounts"),
    ("POST", "/console/accounts"),
    ("POST", "/console/accounts/{name}/disabled"),
];

/// Largest body of a certificate upload: the PDF and the multipart framing.
pub const UPLOAD_LIMIT: usize = MAX_CERTIFICATE_BYTES + 64 * 1024;

/// The console routes, to be merged into the application router.
pub fn router(state: &WebState) -> Router<WebState> {
    let upload_limit = UPLOAD_LIMIT;
    Router::new()
        .route("/console", get(home))
        .route(
            "/console/sign-in",
            get(show_sign_in)
                .post(submit_sign_in)
                .route_layer(crate::ratelimit::layer(
                    state,
                    crate::ratelimit::RouteClass::SignIn,
                )),
        )
        .route("/console/sign-out", post(sign_out))
        .route("/console/initiatives", get(list_initiatives))
        .route("/console/initiatives/{slug}", get(dashboard))
        .route(
            "/console/initiatives/{slug}/lifecycle",
            post(lifecycle_action),
        )
        .route(
            "/console/initiatives/{slug}/certificate",
            post(upload_certificate).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/console/initiatives/{slug}/dates", post(set_dates))
        .route("/console/initiatives/{slug}/audit", get(audit_log))
        .route("/console/accounts", get(list_accounts).post(add_account))
        .route("/console/accounts/{name}/disabled", post(set_disabled))
        .with_state(state.clone())
}

/// The value of the session cookie, if the request has one.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// Why a console request was refused.
pub enum Refusal {
    /// No console on this server, or no such initiative.
    NotFound,
    /// No live session: go to the sign-in page.
    SignedOut,
    /// Signed in, but the role does not allow it.
    Forbidden,
    /// The form token is missing or wrong.
    BadToken,
    /// The store failed.
    Internal,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => (StatusCode::NOT_FOUND, "not found").into_response(),
            Self::SignedOut => Redirect::to("/console/sign-in").into_response(),
            Self::Forbidden => (
                StatusCode::FORBIDDEN,
                format!(
                    "{} not allowed for this account",
                    ErrorCode::ConsoleForbidden
                ),
            )
                .into_response(),
            Self::BadToken => (
                StatusCode::FORBIDDEN,
                format!(
                    "{} the form token is missing or wrong",
                    ErrorCode::ConsoleFormToken
                ),
            )
                .into_response(),
            Self::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("{} storage unavailable", ErrorCode::ConsoleStorage),
            )
                .into_response(),
        }
    }
}

/// A live console session (idle and absolute expiry checked by the service with its clock).
/// Extracting it also leaves the session in the request for [`Checked`].
#[derive(Clone)]
pub struct Session(pub ConsoleSession);

impl FromRequestParts<WebState> for Session {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, Refusal> {
        if let Some(session) = parts.extensions.get::<Session>() {
            return Ok(session.clone());
        }
        let console = web.console().ok_or(Refusal::NotFound)?;
        let cookie = session_cookie(&parts.headers).ok_or(Refusal::SignedOut)?;
        let session = match console.session(&cookie).await {
            Ok(session) => Session(session),
            Err(AuthError::Storage(cause)) => {
                tracing::error!(%cause, "console session unavailable");
                return Err(Refusal::Internal);
            }
            Err(_) => return Err(Refusal::SignedOut),
        };
        parts.extensions.insert(session.clone());
        Ok(session)
    }
}

impl OptionalFromRequestParts<WebState> for Session {
    type Rejection = Refusal;

    async fn from_request_parts(
        parts: &mut Parts,
        web: &WebState,
    ) -> Result<Option<Self>, Refusal> {
        match <Self as FromRequestParts<WebState>>::from_request_parts(parts, web).await {
            Ok(session) => Ok(Some(session)),
            Err(Refusal::SignedOut) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

/// The live session and the initiative of the path: what [`Viewer`] and [`Manager`] both
/// load before asking the principal for their own capability.
async fn session_and_initiative(
    parts: &mut Parts,
    web: &WebState,
) -> Result<(Session, CatalogEntry), Refusal> {
    let session = <Session as FromRequestParts<WebState>>::from_request_parts(parts, web).await?;
    let Path(slug): Path<String> =
        <Path<String> as FromRequestParts<WebState>>::from_request_parts(parts, web)
            .await
            .map_err(|_| Refusal::NotFound)?;
    let entry = Slug::parse(&slug)
        .ok()
        .and_then(|slug| web.signing().initiative(&slug))
        .map(|entry| CatalogEntry::clone(&entry))
        .ok_or(Refusal::NotFound)?;
    Ok((session, entry))
}

/// May read the initiative of the path.
pub struct Viewer {
    pub(crate) session: Session,
    pub(crate) right: CanView,
    pub(crate) entry: CatalogEntry,
}

impl FromRequestParts<WebState> for Viewer {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, Refusal> {
        let (session, entry) = session_and_initiative(parts, web).await?;
        let right = session
            .0
            .principal
            .can_view(entry.initiative.id)
            .ok_or(Refusal::Forbidden)?;
        Ok(Self {
            session,
            right,
            entry,
        })
    }
}

/// May change the initiative of the path.
pub struct Manager {
    pub(crate) session: Session,
    pub(crate) right: CanManage,
    pub(crate) entry: CatalogEntry,
}

impl FromRequestParts<WebState> for Manager {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, Refusal> {
        let (session, entry) = session_and_initiative(parts, web).await?;
        let right = session
            .0
            .principal
            .can_manage(entry.initiative.id)
            .ok_or(Refusal::Forbidden)?;
        Ok(Self {
            session,
            right,
            entry,
        })
    }
}

/// A host administrator.
pub struct Administrator {
    pub(crate) session: Session,
    pub(crate) right: CanAdminister,
}

impl FromRequestParts<WebState> for Administrator {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, web: &WebState) -> Result<Self, Refusal> {
        let session =
            <Session as FromRequestParts<WebState>>::from_request_parts(parts, web).await?;
        let right = session
            .0
            .principal
            .can_administer()
            .ok_or(Refusal::Forbidden)?;
        Ok(Self { session, right })
    }
}

/// Anything that carries the synchroniser token.
pub trait HasToken {
    /// The submitted `form_token`.
    fn token(&self) -> &str;
}

/// A url-encoded console form whose `form_token` matched the session's (the rights extractor
/// before it has loaded the session). A missing or wrong token is refused with 403.
pub struct Checked<T>(pub T);

impl<T> FromRequest<WebState> for Checked<T>
where
    T: HasToken + serde::de::DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(request: Request, web: &WebState) -> Result<Self, Response> {
        let session = request.extensions().get::<Session>().cloned();
        let axum::Form(form) = axum::Form::<T>::from_request(request, web)
            .await
            .map_err(|_| Refusal::BadToken.into_response())?;
        match session {
            Some(session) if session.0.form_token_matches(form.token()) => Ok(Self(form)),
            _ => Err(Refusal::BadToken.into_response()),
        }
    }
}

#[derive(Template)]
#[template(path = "console/sign-in.html")]
struct SignInPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    error: Option<String>,
    name: String,
    enrol: Option<Enrolment>,
    csrf: String,
}

struct Enrolment {
    secret: String,
    qr_svg: String,
}

/// `GET /console`.
async fn home(session: Option<Session>) -> Redirect {
    if session.is_some() {
        Redirect::to("/console/initiatives")
    } else {
        Redirect::to("/console/sign-in")
    }
}

/// `GET /console/sign-in`.
async fn show_sign_in(State(web): State<WebState>, lang: Lang, guard: FormGuard) -> Response {
    if web.console().is_none() {
        return Refusal::NotFound.into_response();
    }
    let page = SignInPage {
        tr: Tr::new(web.i18n(), lang),
        languages: web.i18n().languages(),
        error: None,
        name: String::new(),
        enrol: None,
        csrf: guard.token(&web),
    };
    render(StatusCode::OK, &page)
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct SignInForm {
    name: String,
    password: String,
    #[serde(default)]
    code: String,
}

/// The QR code of an `otpauth://` URI as an SVG image.
fn qr_svg(uri: &str) -> String {
    match qrcode::QrCode::new(uri.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build()
            .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1),
        Err(_) => String::new(),
    }
}

/// The `secret` parameter of an `otpauth://` URI.
fn secret_of(uri: &str) -> String {
    uri.split(['?', '&'])
        .find_map(|part| part.strip_prefix("secret="))
        .unwrap_or_default()
        .to_owned()
}

/// `POST /console/sign-in`: name, password and code; a new session cookie on success, the
/// enrolment page at the first sign-in, one answer for every wrong part.
async fn submit_sign_in(
    State(web): State<WebState>,
    lang: Lang,
    ClientAddr(address): ClientAddr,
    guard: FormGuard,
    axum::Form(form): axum::Form<SignInForm>,
) -> Response {
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let tr = Tr::new(web.i18n(), lang);
    let page = |status, error: Option<String>, enrol| {
        render(
            status,
            &SignInPage {
                tr,
                languages: web.i18n().languages(),
                error,
                name: form.name.clone(),
                enrol,
                csrf: guard.token(&web),
            },
        )
    };
    match console
        .sign_in(&form.name, &form.password, &form.code, address)
        .await
    {
        Ok(SignIn::Session { cookie, .. }) => {
            let mut response = Redirect::to("/console/initiatives").into_response();
            let value = format!("{COOKIE}={cookie}; HttpOnly; Secure; SameSite=Strict; Path=/");
            if let Ok(value) = HeaderValue::from_str(&value) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Ok(SignIn::EnrolmentNeeded { uri }) => page(
            StatusCode::OK,
            None,
            Some(Enrolment {
                secret: secret_of(&uri),
                qr_svg: qr_svg(&uri),
            }),
        ),
        Err(error) => {
            let status = match error {
                AuthError::Invalid | AuthError::SignedOut => StatusCode::UNAUTHORIZED,
                AuthError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
                AuthError::Storage(ref cause) => {
                    tracing::error!(%cause, "console sign-in failed");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
            };
            let key = match error {
                AuthError::Throttled { .. } => "console-error-throttled",
                AuthError::Storage(_) => "console-error-storage",
                _ => "console-error-sign-in",
            };
            let mut response = page(
                status,
                Some(format!("{}: {}", error.code(), tr.t(key))),
                None,
            );
            if let AuthError::Throttled { retry_after } = error {
                let seconds = retry_after.as_secs().max(1).to_string();
                if let Ok(value) = HeaderValue::from_str(&seconds) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            response
        }
    }
}

/// A form with only the token.
#[derive(Deserialize)]
pub struct TokenForm {
    form_token: String,
}

impl HasToken for TokenForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/sign-out`: ends the session and clears the cookie.
async fn sign_out(
    State(web): State<WebState>,
    _session: Session,
    headers: HeaderMap,
    Checked(_form): Checked<TokenForm>,
) -> Response {
    if let (Some(console), Some(cookie)) = (web.console(), session_cookie(&headers))
        && let Err(cause) = console.sign_out(&cookie).await
    {
        tracing::error!(%cause, "console sign-out failed");
    }
    let mut response = Redirect::to("/console/sign-in").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static(
            "__Host-ocs_console=; Max-Age=0; HttpOnly; Secure; SameSite=Strict; Path=/",
        ),
    );
    response
}

/// What every signed-in page shows in its header.
pub(crate) struct Chrome {
    pub(crate) account: String,
    pub(crate) form_token: String,
    pub(crate) admin: bool,
}

impl Chrome {
    pub(crate) fn of(session: &Session) -> Self {
        Self {
            account: session.0.actor.parts().1.to_owned(),
            form_token: session.0.form_token.clone(),
            admin: session.0.principal.can_administer().is_some(),
        }
    }
}

struct InitiativeRow {
    slug: String,
    title: String,
    registration_number: String,
    stage: String,
    /// The destruction deadline, within 30 days.
    warning: Option<String>,
}

#[derive(Template)]
#[template(path = "console/initiatives.html")]
struct InitiativesPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    initiatives: Vec<InitiativeRow>,
}

fn stage_of(web: &WebState, id: InitiativeId) -> Option<Stage> {
    web.lifecycle()
        .and_then(|l| l.board().get(id))
        .map(|(stage, _)| stage)
}

fn stage_text(tr: &Tr<'_>, stage: Option<Stage>) -> String {
    match stage {
        Some(stage) => tr.t(&format!("console-stage-{}", stage.as_str())),
        // No stored stage is a draft, wherever the initiative was defined.
        None => tr.t("console-stage-draft"),
    }
}

/// `GET /console/initiatives`: the initiatives this account may see.
async fn list_initiatives(State(web): State<WebState>, lang: Lang, session: Session) -> Response {
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

struct CountryRow {
    name: String,
    count: String,
    paper: String,
    minimum: String,
    reached: bool,
}

struct ActionForm {
    name: &'static str,
    label: String,
    reason: bool,
    confirm: bool,
}

#[derive(Template)]
#[template(path = "console/dashboard.html")]
struct DashboardPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    slug: String,
    title: String,
    registration_number: String,
    stage: String,
    test: bool,
    total: String,
    online: String,
    paper: String,
    destruction: Option<String>,
    threshold: String,
    at_minimum: usize,
    needed: usize,
    countries: Vec<CountryRow>,
    can_manage: bool,
    actions: Vec<ActionForm>,
    certificate: Option<String>,
    dates: [String; 3],
    notice: Option<String>,
    error: Option<String>,
    charts: Vec<Chart>,
    recent: String,
    bursts: Vec<BurstRow>,
    retention: Option<crate::routes::console_retention::RetentionPanel>,
}

/// One row of the burst monitor's table.
struct BurstRow {
    kind: String,
    key: String,
    count: String,
    hour: String,
}

/// A bar chart as inline SVG (`role="img"` with a `<title>`) and the same numbers as rows of
/// a data table.
pub struct Chart {
    id: &'static str,
    title: String,
    svg: String,
    rows: Vec<(String, u64)>,
}

/// `1234567` as `1 234 567` (a thin space groups digits in every official language).
pub(crate) fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(ch);
    }
    out
}

/// Escapes text for SVG/HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Draws `rows` as vertical bars, tallest bar at full height.
fn bar_chart(id: &'static str, title: String, rows: Vec<(String, u64)>) -> Chart {
    const WIDTH: u64 = 720;
    const HEIGHT: u64 = 160;
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let count = u64::try_from(rows.len()).unwrap_or(1).max(1);
    let slot = (WIDTH / count).max(2);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         viewBox=\"0 0 {WIDTH} {h}\" class=\"chart\"><title id=\"{id}-title\">{}</title>",
        escape(&title),
        h = HEIGHT + 1
    );
    for (index, (label, value)) in rows.iter().enumerate() {
        let height = value * HEIGHT / max;
        let x = u64::try_from(index).unwrap_or(0) * slot;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"{height}\" fill=\"#1d4f91\">\
             <title>{}: {value}</title></rect>",
            HEIGHT - height,
            slot.saturating_sub(1).max(1),
            escape(label)
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"0\" y1=\"{HEIGHT}\" x2=\"{WIDTH}\" y2=\"{HEIGHT}\" stroke=\"#444\"/></svg>"
    );
    Chart {
        id,
        title,
        svg,
        rows,
    }
}

/// `buckets` buckets of `width` ending with the one holding `now`, filled from `counts`.
fn fill(
    counts: &[(jiff::Timestamp, u64)],
    now: jiff::Timestamp,
    width: jiff::SignedDuration,
    buckets: i64,
    label: impl Fn(jiff::Timestamp) -> String,
) -> (jiff::Timestamp, Vec<(String, u64)>) {
    let step = width.as_millis().max(1);
    let now_ms = i128::from(now.as_millisecond());
    let last = now_ms - now_ms.rem_euclid(step);
    let first = last - step * i128::from(buckets - 1);
    let start = i64::try_from(first)
        .ok()
        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
        .unwrap_or(now);
    let rows = (0..buckets)
        .filter_map(|i| {
            let ms = i64::try_from(first + step * i128::from(i)).ok()?;
            let at = jiff::Timestamp::from_millisecond(ms).ok()?;
            let n = counts.iter().find(|(t, _)| *t == at).map_or(0, |(_, n)| *n);
            Some((label(at), n))
        })
        .collect();
    (start, rows)
}

const DAY: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);
const HOUR: jiff::SignedDuration = jiff::SignedDuration::from_hours(1);

/// The per-day (30 days) and per-hour (48 hours) charts and the recent rate.
async fn activity(web: &WebState, tr: &Tr<'_>, right: CanView) -> (Chart, Chart, String) {
    let now = web.signing().now();
    let day_label = |t: jiff::Timestamp| t.strftime("%Y-%m-%d").to_string();
    let hour_label = |t: jiff::Timestamp| t.strftime("%Y-%m-%d %H:00").to_string();
    let (day_start, _) = fill(&[], now, DAY, 30, day_label);
    let (hour_start, _) = fill(&[], now, HOUR, 48, hour_label);
    let (days, hours) = match web.lifecycle() {
        Some(lifecycle) => (
            lifecycle
                .activity(right, day_start, DAY)
                .await
                .unwrap_or_default(),
            lifecycle
                .activity(right, hour_start, HOUR)
                .await
                .unwrap_or_default(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let (_, day_rows) = fill(&days, now, DAY, 30, day_label);
    let (_, hour_rows) = fill(&hours, now, HOUR, 48, hour_label);
    let last_day: u64 = hour_rows.iter().rev().take(24).map(|(_, n)| n).sum();
    let recent = tr.t_with(
        "console-recent-rate",
        &[
            ("count", last_day.to_string()),
            (
                "perhour",
                format!("{}.{}", last_day / 24, (last_day % 24) * 10 / 24),
            ),
        ],
    );
    (
        bar_chart("per-day", tr.t("console-chart-per-day"), day_rows),
        bar_chart("per-hour", tr.t("console-chart-per-hour"), hour_rows),
        recent,
    )
}

/// The console's lifecycle actions, in the order an organiser meets them.
const CONSOLE_ACTIONS: [Action; 8] = [
    Action::StartTest,
    Action::GoLive,
    Action::Open,
    Action::Pause,
    Action::Resume,
    Action::Close,
    Action::Submit,
    Action::Withdraw,
];

/// Query of the dashboard: the outcome of the last action.
#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    #[serde(default)]
    done: Option<String>,
}

#[expect(
    clippy::too_many_lines,
    reason = "the dashboard's view model, block by block; each block is a few lines"
)]
pub(crate) async fn dashboard_page(
    web: &WebState,
    tr: Tr<'_>,
    viewer: &Viewer,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let entry = &viewer.entry;
    let Ok((progress, _)) = web.signing().progress(&entry.initiative.slug).await else {
        return Refusal::Internal.into_response();
    };
    let Ok(paper) = web.signing().paper_counts(&entry.initiative.slug).await else {
        return Refusal::Internal.into_response();
    };
    let paper_total: u64 = paper.values().sum();
    let destruction = destruction_warning(web, &tr, entry.initiative.id, "retention-warning").await;
    let record = match web.lifecycle() {
        Some(lifecycle) => lifecycle.record(viewer.right).await.ok().flatten(),
        None => None,
    };
    let stage = record.as_ref().map(|r| r.stage);
    let can_manage = viewer
        .session
        .0
        .principal
        .can_manage(entry.initiative.id)
        .is_some();
    let actions = CONSOLE_ACTIONS
        .iter()
        .filter(|a| next_stage(stage.unwrap_or(Stage::Draft), **a).is_some())
        .map(|a| ActionForm {
            name: a.as_str(),
            label: tr.t(&format!("console-action-{}", a.as_str())),
            reason: a.needs_reason(),
            confirm: *a == Action::GoLive,
        })
        .collect();
    let certificate = record
        .as_ref()
        .and_then(|r| r.certificate.as_ref())
        .map(|c| format!("{} ({})", c.authority, c.issued_on));
    let (per_day, per_hour, recent) = activity(web, &tr, viewer.right).await;
    let retention = crate::routes::console_retention::panel(web, &tr, viewer, stage).await;
    let show = |date: Option<Date>| date.map(|d| d.to_string()).unwrap_or_default();
    let dates = [
        show(record.as_ref().and_then(|r| r.notice_date)),
        show(record.as_ref().and_then(|r| r.start_date)),
        show(record.as_ref().and_then(|r| r.end_date)),
    ];
    let bursts = web
        .bursts()
        .alerts()
        .into_iter()
        .map(|alert| {
            let (kind, key) = match &alert.subject {
                BurstSubject::Country(country) => {
                    (tr.t("console-burst-country"), country_name(&tr, *country))
                }
                BurstSubject::Prefix(prefix) => (tr.t("console-burst-prefix"), prefix.clone()),
            };
            BurstRow {
                kind,
                key,
                count: thousands(alert.count),
                hour: alert.hour.strftime("%Y-%m-%d %H:00 UTC").to_string(),
            }
        })
        .collect();
    let page = DashboardPage {
        tr,
        retention,
        bursts,
        charts: vec![per_day, per_hour],
        recent,
        languages: web.i18n().languages(),
        chrome: Chrome::of(&viewer.session),
        slug: entry.initiative.slug.to_string(),
        title: entry.initiative.title.clone(),
        registration_number: entry.initiative.registration_number.clone(),
        stage: stage_text(&tr, stage),
        test: stage == Some(Stage::Test),
        total: thousands(progress.total),
        online: thousands(progress.total.saturating_sub(paper_total)),
        paper: thousands(paper_total),
        destruction,
        threshold: thousands(progress.threshold_total),
        at_minimum: progress.countries_at_minimum,
        needed: progress.countries_needed,
        countries: progress
            .countries
            .iter()
            .map(|c| CountryRow {
                name: country_name(&tr, c.country),
                count: thousands(c.count),
                paper: thousands(paper.get(&c.country).copied().unwrap_or(0)),
                minimum: thousands(c.minimum),
                reached: c.reached(),
            })
            .collect(),
        can_manage,
        actions,
        certificate,
        dates,
        notice,
        error,
    };
    render(StatusCode::OK, &page)
}

/// `GET /console/initiatives/{slug}`: the dashboard.
async fn dashboard(
    State(web): State<WebState>,
    lang: Lang,
    viewer: Viewer,
    axum::extract::Query(query): axum::extract::Query<DashboardQuery>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let notice = query
        .done
        .filter(|d| d.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .map(|d| tr.t_with("console-done", &[("action", d)]));
    dashboard_page(&web, tr, &viewer, notice, None).await
}

/// A lifecycle action.
#[derive(Deserialize)]
pub struct ActionFormData {
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
fn lifecycle_error(tr: &Tr<'_>, error: &LifecycleServiceError) -> String {
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
async fn lifecycle_action(
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
        return (StatusCode::BAD_REQUEST, "unknown action").into_response();
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

async fn after_change(
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
pub struct DatesForm {
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
async fn set_dates(
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

/// `POST /console/initiatives/{slug}/certificate`: multipart `form_token`, `authority`,
/// `issued_on` (YYYY-MM-DD) and `file` (PDF).
async fn upload_certificate(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    mut multipart: Multipart,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(lifecycle) = web.lifecycle() else {
        return Refusal::NotFound.into_response();
    };
    let (mut token, mut authority, mut issued_on, mut pdf) =
        (String::new(), String::new(), String::new(), Vec::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let Ok(bytes) = field.bytes().await else {
                    return (StatusCode::PAYLOAD_TOO_LARGE, "upload too large").into_response();
                };
                match name.as_str() {
                    "form_token" => token = String::from_utf8_lossy(&bytes).into_owned(),
                    "authority" => authority = String::from_utf8_lossy(&bytes).into_owned(),
                    "issued_on" => issued_on = String::from_utf8_lossy(&bytes).into_owned(),
                    "file" => pdf = bytes.to_vec(),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => return Refusal::BadToken.into_response(),
        }
    }
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

struct AuditRow {
    sequence: u64,
    at: String,
    actor: String,
    action: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage<'a> {
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
async fn audit_log(State(web): State<WebState>, lang: Lang, viewer: Viewer) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let admin = viewer.session.0.principal.can_administer().is_some();
    let Ok(view) = console.audit_view(viewer.right, admin, 200).await else {
        return Refusal::Internal.into_response();
    };
    let (intact, chain) = match view.chain {
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
    };
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
                action: row.entry.action,
                detail: row.entry.detail,
            }
        })
        .collect();
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

struct AccountRow {
    name: String,
    role: String,
    initiative: String,
    enrolled: bool,
    disabled: bool,
}

#[derive(Template)]
#[template(path = "console/accounts.html")]
struct AccountsPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    accounts: Vec<AccountRow>,
    initiatives: Vec<(String, String)>,
    error: Option<String>,
}

async fn accounts_page(
    web: &WebState,
    tr: Tr<'_>,
    admin: &Administrator,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let Ok(accounts) = console.accounts(admin.right).await else {
        return Refusal::Internal.into_response();
    };
    let slug_of = |id: Option<InitiativeId>| {
        id.and_then(|id| {
            web.signing()
                .catalog()
                .by_id(id)
                .map(|e| e.initiative.slug.to_string())
        })
        .unwrap_or_default()
    };
    let page = AccountsPage {
        tr,
        languages: web.i18n().languages(),
        chrome: Chrome::of(&admin.session),
        accounts: accounts
            .into_iter()
            .map(|a| AccountRow {
                name: a.name.to_string(),
                role: tr.t(&format!("console-role-{}", a.role.as_str())),
                initiative: slug_of(a.initiative),
                enrolled: a.totp_enrolled,
                disabled: a.disabled,
            })
            .collect(),
        initiatives: web
            .signing()
            .initiatives()
            .iter()
            .map(|e| (e.initiative.slug.to_string(), e.initiative.title.clone()))
            .collect(),
        error,
    };
    render(status, &page)
}

/// `GET /console/accounts` (host administrators).
async fn list_accounts(State(web): State<WebState>, lang: Lang, admin: Administrator) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    accounts_page(&web, tr, &admin, StatusCode::OK, None).await
}

/// A new account.
#[derive(Deserialize)]
pub struct AccountForm {
    form_token: String,
    name: String,
    role: String,
    #[serde(default)]
    initiative: String,
    password: String,
}

impl HasToken for AccountForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/accounts`: adds an account.
async fn add_account(
    State(web): State<WebState>,
    lang: Lang,
    admin: Administrator,
    Checked(form): Checked<AccountForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let Some(role) = Role::parse(&form.role) else {
        let error = format!("{}: {}", ErrorCode::AccountRole, tr.t("console-error-role"));
        return accounts_page(
            &web,
            tr,
            &admin,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(error),
        )
        .await;
    };
    let initiative = Slug::parse(form.initiative.trim())
        .ok()
        .and_then(|slug| web.signing().initiative(&slug))
        .map(|e| e.initiative.id)
        .filter(|_| role.per_initiative());
    match console
        .add_account(
            &admin.session.0.actor,
            admin.right,
            &form.name,
            role,
            initiative,
            &form.password,
        )
        .await
    {
        Ok(()) => Redirect::to("/console/accounts").into_response(),
        Err(error) => {
            let message = match error {
                ocs_service::console_auth::AccountError::WeakPassword => {
                    format!("{}: {}", error.code(), tr.t("console-error-weak-password"))
                }
                _ => format!("{}: {error}", error.code()),
            };
            accounts_page(
                &web,
                tr,
                &admin,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(message),
            )
            .await
        }
    }
}

/// Disable or enable.
#[derive(Deserialize)]
pub struct DisableForm {
    form_token: String,
    disabled: String,
}

impl HasToken for DisableForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/accounts/{name}/disabled`: `disabled=true` refuses sign-in, `false` allows.
async fn set_disabled(
    State(web): State<WebState>,
    lang: Lang,
    admin: Administrator,
    Path(name): Path<String>,
    Checked(form): Checked<DisableForm>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(console) = web.console() else {
        return Refusal::NotFound.into_response();
    };
    let disabled = form.disabled == "true";
    match console
        .set_disabled(&admin.session.0.actor, admin.right, &name, disabled)
        .await
    {
        Ok(()) => Redirect::to("/console/accounts").into_response(),
        Err(error) => {
            let message = format!("{}: {error}", error.code());
            accounts_page(
                &web,
                tr,
                &admin,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(message),
            )
            .await
        }
    }
}
