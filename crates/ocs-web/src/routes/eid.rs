//! eID sign-in: the start (to the provider) and the callback (back to the form), the cookies
//! that carry the sealed flow and identity, and what the sign page shows about eID.

use axum::extract::{Form, Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use ocs_domain::{CountryCode, ErrorCode, Slug};
use ocs_eid::{Callback, EidFailure, EidIdentity, Finished, SamlPost};
use ocs_service::EidEvidence;
use ocs_service::catalog::CatalogEntry;

use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// The sealed login in progress (only sent to the callback).
pub const FLOW_COOKIE: &str = "ocs_eid_flow";
/// The sealed identity returned by the eID (only sent to the sign pages).
pub const IDENTITY_COOKIE: &str = "ocs_eid";
const FLOW_PATH: &str = "/eid";
const IDENTITY_PATH: &str = "/initiatives";

/// `SameSite=Lax`, not `Strict`: the callback is a top-level navigation from the provider's
/// site, and a strict cookie would not come with it. `Secure` whenever the site is https.
fn set_cookie(web: &WebState, name: &str, value: &str, path: &str, max_age: u32) -> HeaderValue {
    cookie_line(web, name, value, path, max_age, "Lax")
}

fn cookie_line(
    web: &WebState,
    name: &str,
    value: &str,
    path: &str,
    max_age: u32,
    same_site: &str,
) -> HeaderValue {
    let secure = if web.settings().hsts { "; Secure" } else { "" };
    let line = format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    );
    HeaderValue::from_str(&line).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The flow cookie of a SAML login comes back with the IdP's cross-site form post, which a
/// `Lax` cookie does not: `SameSite=None` (which browsers take only with `Secure`, so on
/// https). On plain http (development on loopback, where the IdP is same-site) it stays `Lax`.
fn flow_cookie(web: &WebState, value: &str, posted_back: bool) -> HeaderValue {
    let same_site = if posted_back && web.settings().hsts {
        "None"
    } else {
        "Lax"
    };
    cookie_line(web, FLOW_COOKIE, value, FLOW_PATH, 600, same_site)
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

fn form_url(slug: &Slug, country: CountryCode, lang: &str) -> String {
    format!("/initiatives/{slug}/sign/{country}?lang={lang}")
}

fn failed(slug: &Slug, country: CountryCode, lang: &str, failure: EidFailure) -> String {
    format!(
        "{}&eid_error={}",
        form_url(slug, country, lang),
        failure.reason()
    )
}

/// `GET /initiatives/{slug}/sign/{nationality}/eid/{provider}`: 303 to the provider.
pub async fn start_eid_login(
    State(web): State<WebState>,
    Path((slug, nationality, provider)): Path<(String, String, String)>,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let entry = Slug::parse(&slug)
        .ok()
        .and_then(|slug| web.signing().initiative(&slug));
    let (Some(eid), Some(entry), Ok(country)) =
        (web.eid(), entry, CountryCode::parse(&nationality))
    else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let now = web.signing().now();
    if web
        .signing()
        .lifecycle()
        .statement_mode(&entry.initiative, now)
        .is_err()
    {
        return WebError::new(ErrorCode::NotCollecting).into_response();
    }
    let slug = &entry.initiative.slug;
    match eid.start(&provider, slug, country, tr.lang, now).await {
        None => WebError::new(ErrorCode::InitiativeNotFound).into_response(),
        Some(Ok(started)) => {
            let mut response = see_other(&started.redirect);
            let cookie = flow_cookie(&web, &started.flow_cookie, started.posted_back);
            response.headers_mut().append(SET_COOKIE, cookie);
            response
        }
        Some(Err(failure)) => see_other(&failed(slug, country, tr.lang, failure)),
    }
}

/// `GET /eid/callback`: the provider's answer. 303 back to the form, with the identity
/// cookie or with the reason of the failure.
pub async fn finish_eid_login(
    State(web): State<WebState>,
    headers: HeaderMap,
    Query(callback): Query<Callback>,
) -> Response {
    let Some(eid) = web.eid() else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let finished = eid
        .finish(
            crate::cookies::read(&headers, FLOW_COOKIE),
            &callback,
            web.signing().now(),
        )
        .await;
    back_to_form(&web, finished)
}

/// `POST /eid/saml/acs`: a SAML IdP's answer (HTTP-POST binding). 303 back to the form, as
/// the OpenID callback. This is the one form post accepted from another site (the IdP's
/// page posts it); the signed response, the flow cookie and the `RelayState` protect it.
pub async fn finish_saml_login(
    State(web): State<WebState>,
    headers: HeaderMap,
    Form(post): Form<SamlPost>,
) -> Response {
    let Some(eid) = web.eid() else {
        return WebError::new(ErrorCode::InitiativeNotFound).into_response();
    };
    let finished = eid
        .finish_saml(
            crate::cookies::read(&headers, FLOW_COOKIE),
            &post,
            web.signing().now(),
        )
        .await;
    back_to_form(&web, finished)
}

/// `GET /eid/saml/metadata/{provider}`: our SAML 2.0 SP metadata for that provider.
pub async fn saml_metadata(State(web): State<WebState>, Path(provider): Path<String>) -> Response {
    match web.eid().and_then(|eid| eid.saml_metadata(&provider)) {
        Some(xml) => (
            [(
                axum::http::header::CONTENT_TYPE,
                "application/samlmetadata+xml; charset=utf-8",
            )],
            xml,
        )
            .into_response(),
        None => WebError::new(ErrorCode::InitiativeNotFound).into_response(),
    }
}

fn back_to_form(web: &WebState, finished: Finished) -> Response {
    let Some(to) = finished.return_to else {
        return WebError::new(ErrorCode::MalformedBody).into_response();
    };
    let mut response = match finished.outcome {
        Ok(identity) => {
            let mut response = see_other(&form_url(&to.initiative, to.nationality, &to.lang));
            let cookie = set_cookie(web, IDENTITY_COOKIE, &identity, IDENTITY_PATH, 1200);
            response.headers_mut().append(SET_COOKIE, cookie);
            response
        }
        Err(failure) => see_other(&failed(&to.initiative, to.nationality, &to.lang, failure)),
    };
    let clear = set_cookie(web, FLOW_COOKIE, "", FLOW_PATH, 0);
    response.headers_mut().append(SET_COOKIE, clear);
    response
}

/// The identity the signer's eID returned for this form, if any.
pub fn form_identity(
    web: &WebState,
    headers: &HeaderMap,
    entry: &CatalogEntry,
    country: CountryCode,
) -> Option<EidIdentity> {
    let eid = web.eid()?;
    let cookie = crate::cookies::read(headers, IDENTITY_COOKIE)?;
    eid.identity(cookie, &entry.initiative.slug, country, web.signing().now())
}

/// The statement's eID side, for the signing service.
pub fn evidence(web: &WebState, identity: &EidIdentity, country: CountryCode) -> EidEvidence {
    EidEvidence {
        provider: identity.provider.clone(),
        loa: identity.loa.clone(),
        subject: identity.subject.clone(),
        locked: identity.locked_values(web.signing().rules(country)),
    }
}

/// Clears the identity cookie (after a statement was taken, or a locked value changed).
pub fn clear_identity(web: &WebState, response: &mut Response) {
    let clear = set_cookie(web, IDENTITY_COOKIE, "", IDENTITY_PATH, 0);
    response.headers_mut().append(SET_COOKIE, clear);
}

/// A button to a provider.
pub struct EidButton {
    /// Start URL.
    pub url: String,
    /// Label.
    pub label: String,
}

/// What the sign page shows about eID.
#[derive(Default)]
pub struct EidBlock {
    /// Providers offered (none once signed in).
    pub buttons: Vec<EidButton>,
    /// "Your details come from your eID …".
    pub signed_in: Option<String>,
    /// Why the last eID login failed.
    pub failure: Option<String>,
    /// Field names filled by the eID.
    pub locked: Vec<String>,
}

/// Builds the eID part of the sign page.
pub fn eid_block(
    web: &WebState,
    tr: &Tr<'_>,
    entry: &CatalogEntry,
    country: CountryCode,
    identity: Option<&EidIdentity>,
    failure: Option<EidFailure>,
) -> EidBlock {
    let Some(eid) = web.eid() else {
        return EidBlock::default();
    };
    let slug = &entry.initiative.slug;
    let failure = failure.map(|f| tr.t(&f.message_id()));
    if let Some(identity) = identity {
        let label = eid
            .offered(slug, country)
            .into_iter()
            .find(|p| p.id.as_str() == identity.provider)
            .map_or_else(|| identity.provider.clone(), |p| p.label.clone());
        return EidBlock {
            buttons: Vec::new(),
            signed_in: Some(tr.t_with(
                "eid-signed-in",
                &[("provider", label), ("loa", identity.loa.clone())],
            )),
            failure,
            locked: identity
                .locked_values(web.signing().rules(country))
                .into_iter()
                .map(|(key, _)| key)
                .collect(),
        };
    }
    EidBlock {
        buttons: eid
            .offered(slug, country)
            .into_iter()
            .map(|p| EidButton {
                url: format!(
                    "/initiatives/{slug}/sign/{country}/eid/{}?lang={}",
                    p.id, tr.lang
                ),
                label: tr.t_with("eid-button", &[("provider", p.label.clone())]),
            })
            .collect(),
        signed_in: None,
        failure,
        locked: Vec::new(),
    }
}
