//! Console accounts: list, create, disable (host administrators only).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use ocs_domain::ErrorCode;
use ocs_domain::InitiativeId;
use ocs_domain::access::Role;
use serde::Deserialize;

use super::{Administrator, Checked, Chrome, HasToken, Refusal, Slug};
use crate::error::render;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

pub(super) struct AccountRow {
    name: String,
    role: String,
    initiative: String,
    enrolled: bool,
    disabled: bool,
}

#[derive(Template)]
#[template(path = "console/accounts.html")]
pub(super) struct AccountsPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    chrome: Chrome,
    accounts: Vec<AccountRow>,
    initiatives: Vec<(String, String)>,
    error: Option<String>,
}

pub(super) async fn accounts_page(
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
    let page = AccountsPage {
        tr,
        languages: web.i18n().languages(),
        chrome: Chrome::of(&admin.session),
        accounts: accounts
            .into_iter()
            .map(|a| AccountRow {
                name: a.name.to_string(),
                role: tr.t(&format!("console-role-{}", a.role.as_str())),
                initiative: slug_of(web, a.initiative),
                enrolled: a.totp_enrolled,
                disabled: a.disabled,
            })
            .collect(),
        initiatives: initiative_choices(web),
        error,
    };
    render(status, &page)
}

/// The initiative a slug typed in the form names, if one is served.
fn initiative_of(web: &WebState, slug: &str) -> Option<InitiativeId> {
    Slug::parse(slug.trim())
        .ok()
        .and_then(|slug| web.signing().initiative(&slug))
        .map(|e| e.initiative.id)
}

/// The slug of an account's initiative; empty for none (or one no longer served).
fn slug_of(web: &WebState, id: Option<InitiativeId>) -> String {
    id.and_then(|id| {
        web.signing()
            .catalog()
            .by_id(id)
            .map(|e| e.initiative.slug.to_string())
    })
    .unwrap_or_default()
}

/// Every initiative a new account may be tied to: slug and title.
fn initiative_choices(web: &WebState) -> Vec<(String, String)> {
    web.signing()
        .initiatives()
        .iter()
        .map(|e| (e.initiative.slug.to_string(), e.initiative.title.clone()))
        .collect()
}

/// `GET /console/accounts` (host administrators).
pub(super) async fn list_accounts(
    State(web): State<WebState>,
    lang: Lang,
    admin: Administrator,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    accounts_page(&web, tr, &admin, StatusCode::OK, None).await
}

/// A new account.
#[derive(Deserialize)]
pub(crate) struct AccountForm {
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
pub(super) async fn add_account(
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
        return refused(&web, tr, &admin, error).await;
    };
    let initiative = initiative_of(&web, &form.initiative).filter(|_| role.per_initiative());
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
            refused(&web, tr, &admin, message).await
        }
    }
}

/// The accounts page again with the refusal's message (422).
async fn refused(web: &WebState, tr: Tr<'_>, admin: &Administrator, message: String) -> Response {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    accounts_page(web, tr, admin, status, Some(message)).await
}

/// Disable or enable.
#[derive(Deserialize)]
pub(crate) struct DisableForm {
    form_token: String,
    disabled: String,
}

impl HasToken for DisableForm {
    fn token(&self) -> &str {
        &self.form_token
    }
}

/// `POST /console/accounts/{name}/disabled`: `disabled=true` refuses sign-in, `false` allows.
pub(super) async fn set_disabled(
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
