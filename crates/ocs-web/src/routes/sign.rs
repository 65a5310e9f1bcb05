//! Signing on the site: the form of one nationality (`GET`) and its submission (`POST`),
//! which answers 303 to the receipt or the form again with the input kept.

mod page;

use std::collections::BTreeMap;
use std::net::IpAddr;

use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use ocs_domain::{CountryCode, ErrorCode, FieldErrors, RawStatement};
use ocs_service::catalog::CatalogEntry;
use ocs_service::{HumanProof, Receipt, SignError};
use serde::Deserialize;

use crate::client::ClientAddr;
use crate::error::{WebError, render};
use crate::extract::{Nationality, PublicInitiative, RequestId};
use crate::formguard::FormGuard;
use crate::i18n::{Lang, Tr};
use crate::routes::eid::{clear_identity, evidence, form_identity};
use crate::routes::mail::{self, MailInput};
use crate::state::WebState;

pub use page::SignPage;
use page::{SignState, resign_page, sign_page};

/// Query of the sign page: why the last eID login failed, if it did.
#[derive(Deserialize)]
pub struct SignQuery {
    eid_error: Option<String>,
}

/// `GET /initiatives/{slug}/sign/{nationality}`.
pub async fn show_sign_form(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    Nationality(country): Nationality,
    Query(query): Query<SignQuery>,
    headers: HeaderMap,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    if let Err(reason) = web
        .signing()
        .lifecycle()
        .statement_mode(&entry.initiative, web.signing().now())
    {
        tracing::debug!(%reason, "sign form of an initiative not collecting");
        return WebError::new(ErrorCode::NotCollecting).into_response();
    }
    let identity = form_identity(&web, &headers, &entry, country);
    let state = SignState {
        values: &BTreeMap::new(),
        errors: &FieldErrors::new(),
        consent: false,
        notice: None,
        mail: &MailInput::default(),
        eid: identity.as_ref(),
        eid_failure: query
            .eid_error
            .as_deref()
            .and_then(ocs_eid::EidFailure::from_reason),
    };
    let page = sign_page(&web, &guard, tr, &entry, country, &state);
    render(StatusCode::OK, &page)
}

/// Names of the form's own controls; everything else is a statement field.
const CONTROLS: [&str; 8] = [
    "form_token",
    crate::formguard::FIELD,
    "altcha",
    "consent",
    "confirmed",
    "lang",
    mail::BOX_FIELD,
    mail::ADDRESS_FIELD,
];

/// A posted sign form: the statement's fields apart from the form's own controls.
struct PostedSign {
    raw: RawStatement,
    consent: bool,
    proof: HumanProof,
    mail: MailInput,
}

impl PostedSign {
    fn parse(
        pairs: &[(String, String)],
        country: CountryCode,
        client: IpAddr,
        lang: &'static str,
    ) -> Self {
        let control = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let fields = pairs
            .iter()
            .filter(|(k, _)| !CONTROLS.contains(&k.as_str()))
            .cloned()
            .collect();
        Self {
            raw: RawStatement {
                nationality: country.as_str().to_owned(),
                fields,
                confirmed: control("confirmed").is_some(),
            },
            consent: control("consent").is_some(),
            proof: HumanProof {
                altcha: control("altcha"),
                form_token: control("form_token"),
                client,
                language: Some(lang),
            },
            mail: MailInput {
                ticked: control(mail::BOX_FIELD).is_some(),
                address: control(mail::ADDRESS_FIELD).unwrap_or_default(),
            },
        }
    }

    /// What the form shows again: the input as sent.
    fn shown<'a>(
        &'a self,
        eid: Option<&'a ocs_eid::EidIdentity>,
        none: &'a FieldErrors,
    ) -> SignState<'a> {
        SignState {
            values: &self.raw.fields,
            errors: none,
            consent: self.consent,
            notice: None,
            mail: &self.mail,
            eid,
            eid_failure: None,
        }
    }
}

/// `POST /initiatives/{slug}/sign/{nationality}`: 303 to the receipt, or the form again with
/// the input kept and a message per field.
#[expect(clippy::too_many_arguments, reason = "axum extractors, each used once")]
pub async fn submit_sign_form(
    State(web): State<WebState>,
    PublicInitiative(entry): PublicInitiative,
    Nationality(country): Nationality,
    lang: Lang,
    ClientAddr(client): ClientAddr,
    request: RequestId,
    headers: HeaderMap,
    guard: FormGuard,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Ok(Form(pairs)) = form else {
        return WebError::new(ErrorCode::MalformedBody).into_response();
    };
    let posted = PostedSign::parse(&pairs, country, client, tr.lang);
    let identity = form_identity(&web, &headers, &entry, country);
    let none = FieldErrors::new();
    let shown = posted.shown(identity.as_ref(), &none);
    // A bad address is refused before anything is stored (e-mail updates only).
    let address = match posted.mail.parse() {
        Ok(address) => address,
        Err(errors) if web.mail().is_some() => {
            let error = SignError::Invalid(errors);
            return resign_page(&web, &guard, tr, &entry, country, &shown, &error, &request);
        }
        Err(_) => None,
    };
    match sign(&web, &entry, country, &posted, identity.as_ref()).await {
        Ok(receipt) => {
            web.bursts().record(country, client, web.signing().now());
            mail::queue_after_signing(&web, &tr, &entry.initiative, address);
            signed(&web, tr, &entry, &receipt, identity.is_some())
        }
        Err(error) => resign_page(&web, &guard, tr, &entry, country, &shown, &error, &request),
    }
}

/// One call into the signing service, with the eID evidence when the signer logged in.
async fn sign(
    web: &WebState,
    entry: &CatalogEntry,
    country: CountryCode,
    posted: &PostedSign,
    identity: Option<&ocs_eid::EidIdentity>,
) -> Result<Receipt, SignError> {
    let slug = &entry.initiative.slug;
    let PostedSign {
        raw,
        consent,
        proof,
        ..
    } = posted;
    let Some(identity) = identity else {
        return web.signing().sign(slug, raw, *consent, proof).await;
    };
    let evidence = evidence(web, identity, country);
    let result = web
        .signing()
        .sign_with_eid(slug, raw, *consent, proof, &evidence)
        .await;
    if let Err(SignError::Invalid(errors)) = &result
        && errors.iter().any(|e| e.code == ErrorCode::EidMismatch)
        && let Some(eid) = web.eid()
    {
        eid.record_failure(&identity.provider, ocs_eid::EidFailure::Mismatch);
    }
    result
}

/// 303 to the receipt page. The token (and so the receipt secret) goes in a cookie, never in
/// the URL; an eID identity, used once, is cleared.
fn signed(
    web: &WebState,
    tr: Tr<'_>,
    entry: &CatalogEntry,
    receipt: &Receipt,
    had_identity: bool,
) -> Response {
    let slug = &entry.initiative.slug;
    let target = format!("/initiatives/{slug}/receipt?lang={}", tr.lang);
    let mut response = Redirect::to(&target).into_response();
    crate::receipt_cookie::set(web, &mut response, &receipt.token);
    if had_identity {
        clear_identity(web, &mut response);
    }
    response
}
