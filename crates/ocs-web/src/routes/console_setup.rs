//! The console's initiative set-up pages: a host administrator creates an initiative from the
//! Commission register's XML export or by hand (`/console/new-initiative`); its organisers
//! edit it (`/console/initiatives/{slug}/setup`). Rights are the console's extractors
//! ([`Administrator`], [`Manager`]); every form carries the session's form token.

use askama::Template;
use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use ocs_domain::CountryCode;
use ocs_domain::initiative::InitiativeText;
use ocs_service::register;
use ocs_service::setup::{
    InitiativeDefinition, LANGUAGES, SetupError, format_authority_keys, format_organisers,
    parse_authority_keys, parse_organisers,
};

use super::console::{Administrator, Chrome, Manager, Refusal, Session};
use crate::error::{WebError, render};
use crate::i18n::{Lang, Tr};
use crate::state::WebState;
use crate::views::country_name;

/// The set-up routes (for the application's route list).
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/console/new-initiative"),
    ("POST", "/console/new-initiative"),
    ("GET", "/console/initiatives/{slug}/setup"),
    ("POST", "/console/initiatives/{slug}/setup"),
];

/// Largest body of the set-up forms: a register file and the other fields.
pub const SETUP_LIMIT: usize = register::MAX_BYTES + 256 * 1024;

/// The set-up routes, merged where the console router is.
pub fn router(state: &WebState) -> Router<WebState> {
    let limit = SETUP_LIMIT;
    Router::new()
        .route(
            "/console/new-initiative",
            get(show_new)
                .post(create_initiative)
                .layer(DefaultBodyLimit::max(limit)),
        )
        .route(
            "/console/initiatives/{slug}/setup",
            get(show_setup)
                .post(save_setup)
                .layer(DefaultBodyLimit::max(limit)),
        )
        .with_state(state.clone())
}

#[derive(Template)]
#[template(path = "console/setup.html")]
struct SetupPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    codes: Vec<&'static str>,
    chrome: Chrome,
    heading: String,
    action: String,
    creating: bool,
    slug: String,
    revision: u64,
    locked: bool,
    d: InitiativeDefinition,
    website: String,
    organisers: String,
    authority_keys: String,
    countries: Vec<(&'static str, String)>,
    regime: String,
    regimes: Vec<(&'static str, String)>,
    legal_entity: String,
    dpo: String,
    translated: String,
    notice: Option<String>,
    error: Option<String>,
}

/// What the page is about: a new initiative, or the one of the path.
struct Target {
    creating: bool,
    slug: String,
    revision: u64,
    locked: bool,
}

impl Target {
    /// A new initiative (`slug` as typed so far).
    fn new(slug: String) -> Self {
        Self {
            creating: true,
            slug,
            revision: 0,
            locked: false,
        }
    }

    /// The managed initiative's definition, read at `revision`.
    fn existing(manager: &Manager, revision: u64, locked: bool) -> Self {
        Self {
            creating: false,
            slug: manager.entry.initiative.slug.to_string(),
            revision,
            locked,
        }
    }
}

fn page(
    web: &WebState,
    tr: Tr<'_>,
    session: &Session,
    target: Target,
    d: InitiativeDefinition,
    status: StatusCode,
    messages: (Option<String>, Option<String>),
) -> Response {
    let (heading, action) = if target.creating {
        (tr.t("setup-new"), "/console/new-initiative".to_owned())
    } else {
        (
            tr.t("setup-edit"),
            format!("/console/initiatives/{}/setup", target.slug),
        )
    };
    let translated = tr.t_with(
        "setup-translated",
        &[(
            "languages",
            d.translations
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        )],
    );
    let page = SetupPage {
        languages: web.i18n().languages(),
        codes: LANGUAGES.to_vec(),
        chrome: Chrome::of(session),
        heading,
        action,
        creating: target.creating,
        slug: target.slug,
        revision: target.revision,
        locked: target.locked,
        website: d.website.clone().unwrap_or_default(),
        organisers: format_organisers(&d.organisers),
        authority_keys: format_authority_keys(&d.authority_keys),
        countries: CountryCode::ALL
            .iter()
            .map(|c| (c.as_str(), country_name(&tr, *c)))
            .collect(),
        translated,
        regime: d.regime.map_or("", ocs_domain::Regime::as_str).to_owned(),
        legal_entity: d.data_protection.legal_entity.clone().unwrap_or_default(),
        dpo: d.data_protection.dpo.clone().unwrap_or_default(),
        // `demo` is not offered: only `ocs demo` serves a demonstration.
        regimes: [ocs_domain::Regime::Eci, ocs_domain::Regime::National]
            .iter()
            .map(|r| (r.as_str(), tr.t(&format!("setup-regime-{}", r.as_str()))))
            .collect(),
        d,
        notice: messages.0,
        error: messages.1,
        tr,
    };
    render(status, &page)
}

/// The error of a refused step, coded and in the reader's language.
fn setup_error(tr: &Tr<'_>, error: &SetupError) -> String {
    let key = match error {
        SetupError::Register(_) => "setup-error-register",
        SetupError::BadKey(_) => "setup-error-key",
        SetupError::SharedKey { .. } => "setup-error-shared-key",
        SetupError::NotMemberState | SetupError::StorageCountryMissing => "setup-error-country",
        // Names the rule: ECIs registered after 2022 must use the central system.
        SetupError::Regime(_) => "setup-regime-hint",
        SetupError::Locked => "setup-error-locked",
        SetupError::Taken => "setup-error-taken",
        SetupError::BadSlug => "setup-error-slug",
        SetupError::Conflict => "setup-error-conflict",
        SetupError::Configured => "setup-error-configured",
        SetupError::UnsafeLink(_) => "setup-error-link",
        SetupError::Storage(cause) => {
            tracing::error!(%cause, "initiative set-up failed");
            "console-error-storage"
        }
        _ => "setup-error-invalid",
    };
    format!("{}: {}", error.code(), tr.t(key))
}

/// `GET /console/new-initiative` (host administrators).
async fn show_new(State(web): State<WebState>, lang: Lang, admin: Administrator) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let target = Target::new(String::new());
    let d = InitiativeDefinition {
        language: "en".into(),
        ..InitiativeDefinition::default()
    };
    page(
        &web,
        tr,
        &admin.session,
        target,
        d,
        StatusCode::OK,
        (None, None),
    )
}

/// The fields of the set-up form (multipart, so the register file can come with them).
#[derive(Default)]
struct SetupFields {
    token: String,
    slug: String,
    revision: String,
    register_xml: Option<Result<String, register::RegisterError>>,
    text: std::collections::BTreeMap<String, String>,
}

/// A body that is not multipart cannot carry the form token: refused like a wrong token.
async fn read_fields(
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<SetupFields, Refusal> {
    let mut multipart = multipart.map_err(|_| Refusal::BadToken)?;
    let mut fields = SetupFields::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Refusal::BadToken)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|_| Refusal::BadToken)?;
        match name.as_str() {
            "register_xml" if !bytes.is_empty() => {
                fields.register_xml = Some(register::read_limited(bytes.as_ref()));
            }
            "register_xml" => {}
            "form_token" => fields.token = String::from_utf8_lossy(&bytes).into_owned(),
            "slug" => fields.slug = String::from_utf8_lossy(&bytes).into_owned(),
            "revision" => fields.revision = String::from_utf8_lossy(&bytes).into_owned(),
            _ => {
                fields
                    .text
                    .insert(name, String::from_utf8_lossy(&bytes).trim().to_owned());
            }
        }
    }
    Ok(fields)
}

impl SetupFields {
    fn get(&self, name: &str) -> String {
        self.text.get(name).cloned().unwrap_or_default()
    }

    /// The definition the form describes, over `base` (the stored one when editing).
    fn definition(
        &self,
        mut base: InitiativeDefinition,
    ) -> Result<InitiativeDefinition, SetupError> {
        base.registration_number = self.get("registration_number");
        base.registration_date = self.get("registration_date");
        base.register_url = self.get("register_url");
        base.website = Some(self.get("website")).filter(|w| !w.is_empty());
        base.language = self.get("language");
        base.title = self.get("title");
        base.subject = self.get("subject");
        base.objectives = self.get("objectives");
        base.privacy_notice = self.get("privacy_notice");
        base.storage_country = self.get("storage_country");
        base.data_protection = ocs_domain::initiative::DataProtection {
            legal_entity: Some(self.get("legal_entity")).filter(|v| !v.is_empty()),
            dpo: Some(self.get("dpo")).filter(|v| !v.is_empty()),
        };
        base.regime = match self.get("regime").as_str() {
            "eci" => Some(ocs_domain::Regime::Eci),
            "national" => Some(ocs_domain::Regime::National),
            "demo" => Some(ocs_domain::Regime::Demo),
            _ => None,
        };
        base.recipient_key = self.get("recipient_key");
        base.organisers = parse_organisers(&self.get("organisers"))?;
        base.authority_keys = parse_authority_keys(&self.get("authority_keys"))?;
        let language = self.get("t_language");
        if !language.is_empty() {
            let notice = Some(self.get("t_privacy_notice")).filter(|n| !n.is_empty());
            base.translations.insert(
                language,
                InitiativeText {
                    title: self.get("t_title"),
                    subject: self.get("t_subject"),
                    objectives: self.get("t_objectives"),
                    privacy_notice: notice,
                },
            );
        }
        match &self.register_xml {
            Some(Ok(xml)) => base.with_register(xml),
            Some(Err(error)) => Err(SetupError::Register(error.clone())),
            None => Ok(base),
        }
    }
}

/// `POST /console/new-initiative`: creates from the register file (its data win over the
/// hand-filled fields) or from the form alone.
async fn create_initiative(
    State(web): State<WebState>,
    lang: Lang,
    admin: Administrator,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(setup) = web.setup() else {
        return Refusal::NotFound.into_response();
    };
    let fields = match read_checked(multipart, &admin.session).await {
        Ok(fields) => fields,
        Err(refusal) => return refusal.into_response(),
    };
    let actor = &admin.session.0.actor;
    let result = match fields.definition(InitiativeDefinition::default()) {
        Ok(definition) => {
            setup
                .create(actor, admin.right, &fields.slug, definition)
                .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(slug) => {
            Redirect::to(&format!("/console/initiatives/{slug}/setup?done=created")).into_response()
        }
        Err(error) => {
            let d = fields
                .definition(InitiativeDefinition::default())
                .unwrap_or_default();
            let target = Target::new(fields.slug.clone());
            refused(&web, tr, &admin.session, target, d, &error)
        }
    }
}

/// The set-up could not be read: logged, and the console's storage error.
fn unavailable(error: &SetupError) -> Response {
    tracing::error!(code = %error.code(), %error, "initiative set-up unavailable");
    WebError::new(ocs_domain::ErrorCode::ConsoleStorage).into_response()
}

/// The form again with the input kept and the refusal's message (422).
fn refused(
    web: &WebState,
    tr: Tr<'_>,
    session: &Session,
    target: Target,
    d: InitiativeDefinition,
    error: &SetupError,
) -> Response {
    let message = setup_error(&tr, error);
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    page(web, tr, session, target, d, status, (None, Some(message)))
}

/// The form's fields, once its token matches the session's.
async fn read_checked(
    multipart: Result<Multipart, MultipartRejection>,
    session: &Session,
) -> Result<SetupFields, Refusal> {
    let fields = read_fields(multipart).await?;
    if !session.0.form_token_matches(&fields.token) {
        return Err(Refusal::BadToken);
    }
    Ok(fields)
}

/// Query of the set-up page: the outcome of the last change.
#[derive(serde::Deserialize, Default)]
pub struct SetupQuery {
    #[serde(default)]
    done: Option<String>,
}

/// `GET /console/initiatives/{slug}/setup` (organisers of the initiative, host
/// administrators).
async fn show_setup(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    axum::extract::Query(query): axum::extract::Query<SetupQuery>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(setup) = web.setup() else {
        return Refusal::NotFound.into_response();
    };
    let Ok(editable) = setup.editable(manager.right.view()).await else {
        return Refusal::Internal.into_response();
    };
    // A configured initiative is shown; the configuration file changes it (INI-011).
    let notice = if editable.configured {
        Some(tr.t("setup-managed"))
    } else {
        query
            .done
            .filter(|d| d.bytes().all(|b| b.is_ascii_lowercase()))
            .map(|_| tr.t("setup-saved"))
    };
    let target = Target::existing(&manager, editable.revision, editable.locked);
    let d = editable.definition;
    page(
        &web,
        tr,
        &manager.session,
        target,
        d,
        StatusCode::OK,
        (notice, None),
    )
}

/// `POST /console/initiatives/{slug}/setup`: replaces the definition read at `revision`.
async fn save_setup(
    State(web): State<WebState>,
    lang: Lang,
    manager: Manager,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(setup) = web.setup() else {
        return Refusal::NotFound.into_response();
    };
    let fields = match read_checked(multipart, &manager.session).await {
        Ok(fields) => fields,
        Err(refusal) => return refusal.into_response(),
    };
    let editable = match setup.editable(manager.right.view()).await {
        Ok(editable) => editable,
        Err(error) => return unavailable(&error),
    };
    let revision = fields.revision.trim().parse().unwrap_or(0);
    let actor = &manager.session.0.actor;
    let result = match fields.definition(editable.definition.clone()) {
        Ok(definition) => {
            setup
                .update(actor, manager.right, definition, revision)
                .await
        }
        Err(error) => Err(error),
    };
    let slug = &manager.entry.initiative.slug;
    match result {
        Ok(()) => {
            Redirect::to(&format!("/console/initiatives/{slug}/setup?done=saved")).into_response()
        }
        Err(error) => {
            let d = fields.definition(editable.definition).unwrap_or_default();
            let target = Target::existing(&manager, revision, editable.locked);
            refused(&web, tr, &manager.session, target, d, &error)
        }
    }
}
