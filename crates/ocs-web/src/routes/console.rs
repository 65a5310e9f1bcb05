//! The organiser console under `/console`: sign-in with a second factor (TOTP enrolment with a
//! server-rendered QR code), the session cookie, and the pages behind it (initiatives,
//! dashboard, lifecycle actions, certificate upload, audit log, accounts).
//!
//! Rights are types: a handler takes [`Viewer`], [`Manager`] or [`Administrator`], whose
//! extraction loads the session and asks the [`Principal`](ocs_domain::access::Principal) for
//! the capability, so a handler cannot run without the check. Every console `POST` but the
//! sign-in carries the session's form token ([`Checked`]) and passes the same-origin check.

mod accounts;
mod audit;
mod charts;
mod dashboard;
mod initiatives;
mod key_holders;
mod lifecycle;
mod sign_in;

use axum::Router;
use axum::extract::{
    DefaultBodyLimit, FromRequest, FromRequestParts, OptionalFromRequestParts, Path, Request,
};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use ocs_domain::ErrorCode;
use ocs_domain::Slug;
use ocs_domain::access::{CanAdminister, CanManage, CanView};
use ocs_service::catalog::CatalogEntry;
use ocs_service::console_auth::{AuthError, ConsoleSession};
use ocs_service::lifecycle::MAX_CERTIFICATE_BYTES;

use crate::error::WebError;
use crate::state::WebState;

use accounts::{add_account, list_accounts, set_disabled};
use audit::audit_log;
pub(crate) use charts::{Chart, thousands};
use dashboard::dashboard;
pub(crate) use dashboard::dashboard_page;
use initiatives::list_initiatives;
use key_holders::{confirm_key_holder, show_key_holders};
use lifecycle::{lifecycle_action, set_dates, upload_certificate};
use sign_in::{home, show_sign_in, sign_out, submit_sign_in};

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
    ("GET", "/console/initiatives/{slug}/keys"),
    ("POST", "/console/initiatives/{slug}/keys"),
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
                .route_layer(crate::middleware::rate_limit(
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
        .route(
            "/console/initiatives/{slug}/keys",
            get(show_key_holders).post(confirm_key_holder),
        )
        .route("/console/accounts", get(list_accounts).post(add_account))
        .route("/console/accounts/{name}/disabled", post(set_disabled))
        .with_state(state.clone())
}

/// The value of the session cookie, if the request has one.
fn session_cookie(headers: &HeaderMap) -> Option<String> {
    crate::cookies::read(headers, COOKIE).map(str::to_owned)
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
        let code = match self {
            Self::SignedOut => return Redirect::to("/console/sign-in").into_response(),
            Self::NotFound => ErrorCode::NotFound,
            Self::Forbidden => ErrorCode::ConsoleForbidden,
            Self::BadToken => ErrorCode::ConsoleFormToken,
            Self::Internal => ErrorCode::ConsoleStorage,
        };
        WebError::new(code).into_response()
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
