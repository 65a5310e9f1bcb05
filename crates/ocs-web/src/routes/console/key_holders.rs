//! The console's page of an initiative's recipient key holders under
//! `/console/initiatives/{slug}/keys` (issue 20): statements are sealed to the organisers'
//! and the authorities' public keys, whose private halves destruction cannot reach. The page
//! lists each key with its holders' confirmations and the destruction certificate, and
//! records a holder's confirmation that they destroyed their private half. Organisers of the
//! initiative and host administrators only ([`Manager`]); the form carries the session's
//! token ([`Checked`]). The use cases, and the audit record, are in
//! `ocs_service::retention::key_holders`.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ocs_domain::CountryCode;
use ocs_service::retention::key_holders::{KeyHolderError, MAX_HOLDER, RecipientKeyStatus};
use serde::Deserialize;

use super::{Checked, Chrome, HasToken, Manager, Refusal};
use crate::error::render;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// One recipient key as the page shows it.
struct KeyRow {
    role: String,
    key_id: String,
    /// When and by whom its destruction was confirmed.
    confirmations: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "console/key-holders.html")]
struct KeyHoldersPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    slug: String,
    title: String,
    keys: Vec<KeyRow>,
    certificate: Option<String>,
    max_holder: usize,
    notice: Option<String>,
    error: Option<String>,
}

/// The role in the reader's language: `organisers` or `authority XX`.
fn role_name(tr: &Tr<'_>, role: &str) -> String {
    match role
        .strip_prefix("authority ")
        .and_then(|c| CountryCode::parse(c).ok())
    {
        Some(country) => tr.t_with(
            "key-holders-role-authority",
            &[("country", crate::views::country_name(tr, country))],
        ),
        None => tr.t("key-holders-role-organisers"),
    }
}

/// The key as shown: its confirmations with the holder's name from the audit detail.
fn row(tr: &Tr<'_>, web: &WebState, key: RecipientKeyStatus) -> KeyRow {
    let zone = web.signing().time_zone();
    let confirmations = key
        .confirmations
        .iter()
        .map(|(at, detail)| {
            let holder = key.holder_of(detail).to_owned();
            (crate::l10n::moment(tr.lang, *at, zone), holder)
        })
        .collect();
    KeyRow {
        role: role_name(tr, &key.role),
        key_id: key.key_id,
        confirmations,
    }
}

/// The page for `manager`'s initiative with the keys and confirmations recorded so far.
async fn page<'a>(
    web: &'a WebState,
    tr: Tr<'a>,
    manager: &Manager,
) -> Result<KeyHoldersPage<'a>, Refusal> {
    let destruction = web.destruction().ok_or(Refusal::NotFound)?;
    let (keys, certificate) = match destruction.recipient_keys(manager.right.view()).await {
        Ok(found) => found,
        Err(KeyHolderError::NotFound) => return Err(Refusal::NotFound),
        Err(error) => {
            tracing::error!(code = %error.code(), %error, "recipient keys unavailable");
            return Err(Refusal::Internal);
        }
    };
    Ok(KeyHoldersPage {
        keys: keys.into_iter().map(|key| row(&tr, web, key)).collect(),
        tr,
        languages: web.i18n().languages(),
        chrome: Chrome::of(&manager.session),
        slug: manager.entry.initiative.slug.to_string(),
        title: manager.entry.initiative.title.clone(),
        certificate,
        max_holder: MAX_HOLDER,
        notice: None,
        error: None,
    })
}

/// `GET /console/initiatives/{slug}/keys`.
pub(super) async fn show_key_holders(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
) -> Response {
    match page(&web, Tr::new(web.i18n(), lang), &manager).await {
        Ok(page) => render(StatusCode::OK, &page),
        Err(refusal) => refusal.into_response(),
    }
}

/// A holder's confirmation: which key, and who destroyed its private half.
#[derive(Deserialize)]
pub struct ConfirmForm {
    form_token: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    holder: String,
}

impl HasToken for ConfirmForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/initiatives/{slug}/keys`: records the confirmation (audited by the
/// service) and shows the page with it; a refused one answers 422 with the coded error.
pub(super) async fn confirm_key_holder(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    Checked(form): Checked<ConfirmForm>,
) -> Response {
    let Some(destruction) = web.destruction() else {
        return Refusal::NotFound.into_response();
    };
    let actor = &manager.session.0.actor;
    let outcome = destruction
        .confirm_key_destroyed(actor, manager.right, &form.key, &form.holder)
        .await;
    let mut page = match page(&web, Tr::new(web.i18n(), lang), &manager).await {
        Ok(page) => page,
        Err(refusal) => return refusal.into_response(),
    };
    let status = match outcome {
        Ok(key) => {
            let args = [("key", key.key_id)];
            page.notice = Some(page.tr.t_with("key-holders-recorded", &args));
            StatusCode::OK
        }
        Err(error @ (KeyHolderError::NotOfInitiative(_) | KeyHolderError::Holder)) => {
            let code = error.code();
            let key = format!("key-holders-error-{}", code.as_str().to_ascii_lowercase());
            page.error = Some(format!("{code}: {}", page.tr.t(&key)));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(KeyHolderError::NotFound) => return Refusal::NotFound.into_response(),
        Err(error) => {
            tracing::error!(code = %error.code(), %error, "key holder confirmation failed");
            return Refusal::Internal.into_response();
        }
    };
    render(status, &page)
}
