//! The sign page: its template ([`SignPage`]) and how it is filled, first shown or shown
//! again with the signer's input and the reasons it was refused.

use std::collections::BTreeMap;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse as _, Response};
use ocs_domain::rules::AnnexPart;
use ocs_domain::{CountryCode, ErrorCode, FieldErrors};
use ocs_service::SignError;
use ocs_service::catalog::CatalogEntry;

use crate::error::{WebError, message_of, render, set_retry_after};
use crate::formguard::FormGuard;
use crate::i18n::Tr;
use crate::request_id::RequestId;
use crate::routes::eid::{EidBlock, eid_block};
use crate::routes::mail::{self, MailBoxView, MailInput};
use crate::routes::pages::live_view;
use crate::state::WebState;
use crate::views::{
    FieldView, InitiativeView, SummaryItem, country_name, form_fields, residence_choices, summary,
};

/// `/initiatives/{slug}/sign/{nationality}`.
#[derive(Template)]
#[template(path = "sign.html", whitespace = "minimize")]
pub struct SignPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    heading: String,
    initiative: InitiativeView,
    for_nationality: String,
    intro: String,
    action: String,
    form_token: String,
    csrf: String,
    /// The proof-of-work challenge as JSON, embedded so the browser solves it without a
    /// request of its own: a signer needs the page GET and the POST only (issue 21, item 3).
    /// Single-use like one from `/api/v1/altcha/challenge`.
    challenge: String,
    fields: Vec<FieldView>,
    summary: Vec<SummaryItem>,
    notice: Option<(String, &'static str)>,
    consent: bool,
    consent_label: String,
    consent_error: Option<(String, &'static str)>,
    show_confirm: bool,
    mail: Option<MailBoxView>,
    eid: EidBlock,
    /// The Annex III declaration in the reader's language (the eID variant after an eID
    /// login), exactly as in `ocs_domain`'s official texts.
    declaration: String,
    /// The note for Germans living abroad, on the German form.
    residence_note: Option<String>,
}

/// What a sign page shows besides the form definition.
pub(super) struct SignState<'a> {
    pub(super) values: &'a BTreeMap<String, String>,
    pub(super) errors: &'a FieldErrors,
    pub(super) consent: bool,
    pub(super) notice: Option<ErrorCode>,
    pub(super) mail: &'a MailInput,
    pub(super) eid: Option<&'a ocs_eid::EidIdentity>,
    pub(super) eid_failure: Option<ocs_eid::EidFailure>,
}

pub(super) fn sign_page<'a>(
    web: &'a WebState,
    guard: &FormGuard,
    tr: Tr<'a>,
    entry: &CatalogEntry,
    country: CountryCode,
    state: &SignState<'_>,
) -> SignPage<'a> {
    let rules = web.signing().rules(country);
    let initiative = live_view(web, &tr, &entry.initiative, web.signing().now());
    let name = country_name(&tr, country);
    let intro_key = match rules.annex_part {
        AnnexPart::A => "sign-part-a-intro",
        AnnexPart::B => "sign-part-b-intro",
    };
    let residence: Vec<(String, String)> = residence_choices(&tr);
    let eid = eid_block(web, &tr, entry, country, state.eid, state.eid_failure);
    // Values an eID provided are shown as the eID states them, whatever was sent.
    let mut values = state.values.clone();
    if let Some(identity) = state.eid {
        values.extend(identity.locked_values(rules));
    }
    let mut fields = form_fields(&tr, &rules.form_fields(), &values, state.errors, &residence);
    for field in &mut fields {
        field.locked = eid.locked.contains(&field.name);
    }
    let official = crate::official::texts(tr.lang);
    SignPage {
        declaration: official
            .map(|texts| texts.declaration_for(state.eid.is_some()).to_owned())
            .unwrap_or_default(),
        residence_note: official
            .and_then(|texts| texts.residence_note(country))
            .map(str::to_owned),
        heading: tr.t("choose-heading"),
        for_nationality: tr.t_with("sign-for-nationality", &[("country", name.clone())]),
        intro: tr.t_with(intro_key, &[("country", name)]),
        action: format!(
            "/initiatives/{}/sign/{}?lang={}",
            entry.initiative.slug, country, tr.lang
        ),
        form_token: web.signing().form_token(entry.initiative.id),
        csrf: guard.token(web),
        challenge: serde_json::to_string(&web.signing().challenge()).unwrap_or_default(),
        fields,
        summary: summary(&tr, state.errors),
        notice: state
            .notice
            .map(|code| (message_of(&tr, code), code.as_str())),
        consent: state.consent,
        consent_label: tr.t_with(
            "sign-consent",
            &[
                ("title", initiative.title.clone()),
                ("number", entry.initiative.registration_number.clone()),
            ],
        ),
        consent_error: state
            .errors
            .for_field("consent")
            .map(|e| (message_of(&tr, e.code), e.code.as_str())),
        show_confirm: state.errors.iter().any(|e| e.code.is_confirmable()),
        mail: mail::mail_box(web, &tr, &entry.initiative, state.mail, state.errors),
        eid,
        languages: web.i18n().languages(),
        initiative,
        tr,
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page's parts, each used once"
)]
pub(super) fn resign_page(
    web: &WebState,
    guard: &FormGuard,
    tr: Tr<'_>,
    entry: &CatalogEntry,
    country: CountryCode,
    sent: &SignState<'_>,
    error: &SignError,
    request: &RequestId,
) -> Response {
    let none = FieldErrors::new();
    let (errors, notice, status) = match error {
        SignError::Invalid(errors) => (errors, None, StatusCode::UNPROCESSABLE_ENTITY),
        SignError::InitiativeNotFound | SignError::NotCollecting(_) => {
            return WebError::new(error.code()).into_response();
        }
        SignError::Internal(_) => {
            tracing::error!(request = %request.0, "signing failed inside the server");
            (&none, Some(error.code()), StatusCode::INTERNAL_SERVER_ERROR)
        }
        other => (
            &none,
            Some(other.code()),
            crate::error::status_of(other.code()),
        ),
    };
    let state = SignState {
        values: sent.values,
        errors,
        consent: sent.consent,
        notice,
        mail: sent.mail,
        eid: sent.eid,
        eid_failure: None,
    };
    let mut response = render(status, &sign_page(web, guard, tr, entry, country, &state));
    if let SignError::Busy { retry_after } | SignError::RateLimited { retry_after } = error {
        set_retry_after(&mut response, *retry_after);
    }
    response
}
