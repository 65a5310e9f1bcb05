//! Optional e-mail updates on the site: the box and address field of the signing form, the
//! hand-over after a recorded signature, and the confirm and unsubscribe pages (RFC 8058
//! one-click `POST` included). Rules and storage live in `ocs_service::mail`.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ocs_domain::{EmailAddress, ErrorCode, FieldError, FieldErrors, Initiative};
use ocs_service::mail::{CONFIRM_PLACEHOLDER, ConfirmationText, UNSUBSCRIBE_PLACEHOLDER};

use crate::error::{WebError, message_of, render};
use crate::extract::RequestId;
use crate::formguard::FormGuard;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// The field key of the address in errors (form name and JSON key alike).
pub const ADDRESS_FIELD: &str = "mail_address";
/// Form name of the box.
pub const BOX_FIELD: &str = "mail_updates";
/// Days a confirmation link stays valid, as the texts tell it.
const CONFIRM_DAYS: i64 = 7;

/// What the signer sent for the e-mail option (strings only).
#[derive(Debug, Clone, Default)]
pub struct MailInput {
    /// The box was ticked.
    pub ticked: bool,
    /// The address field, as typed (ignored unless ticked).
    pub address: String,
}

impl MailInput {
    /// Parses the choice: `None` when the box is not ticked (the field is then ignored, and
    /// nothing is kept), the address when it is, or the field error.
    pub fn parse(&self) -> Result<Option<EmailAddress>, FieldErrors> {
        if !self.ticked {
            return Ok(None);
        }
        EmailAddress::parse(&self.address)
            .map(Some)
            .map_err(|code| {
                let mut errors = FieldErrors::new();
                errors.push(FieldError {
                    field: ADDRESS_FIELD.to_owned(),
                    code,
                });
                errors
            })
    }
}

/// The e-mail part of the signing form, ready to show.
pub struct MailBoxView {
    /// Consent text of the box (the organisers' own, or the default).
    pub consent: String,
    /// Ticked when the form comes back.
    pub ticked: bool,
    /// The address when the form comes back.
    pub address: String,
    /// Field error: message and code.
    pub error: Option<(String, &'static str)>,
    /// The privacy notice of the option.
    pub notice: String,
}

/// The box for the signing page, or `None` when e-mail updates are off.
pub fn mail_box(
    web: &WebState,
    tr: &Tr<'_>,
    initiative: &Initiative,
    input: &MailInput,
    errors: &FieldErrors,
) -> Option<MailBoxView> {
    let mail = web.mail()?;
    let consent = mail.consent_text(&initiative.slug, tr.lang).map_or_else(
        || tr.t_with("mail-consent", &[("title", initiative.title.clone())]),
        str::to_owned,
    );
    Some(MailBoxView {
        consent,
        ticked: input.ticked,
        address: if input.ticked {
            input.address.clone()
        } else {
            String::new()
        },
        error: errors
            .for_field(ADDRESS_FIELD)
            .map(|e| (message_of(tr, e.code), e.code.as_str())),
        notice: tr.t_with("mail-notice", &[("days", CONFIRM_DAYS.to_string())]),
    })
}

/// After the statement is recorded: hands the address to the mail service, which queues it
/// and returns at once. Never fails the signature.
pub fn queue_after_signing(
    web: &WebState,
    tr: &Tr<'_>,
    initiative: &Initiative,
    address: Option<EmailAddress>,
) {
    let (Some(mail), Some(address)) = (web.mail(), address) else {
        return;
    };
    let title = initiative.title.clone();
    let text = ConfirmationText {
        subject: tr.t_with("mail-confirm-subject", &[("title", title.clone())]),
        body: tr.t_with(
            "mail-confirm-body",
            &[
                ("title", title),
                ("link", CONFIRM_PLACEHOLDER.to_owned()),
                ("unsubscribe", UNSUBSCRIBE_PLACEHOLDER.to_owned()),
                ("days", CONFIRM_DAYS.to_string()),
            ],
        ),
    };
    mail.queue_subscription(&initiative.slug, address, text);
}

/// The confirm and unsubscribe pages (a button, or the outcome).
#[derive(Template)]
#[template(path = "mail.html")]
pub struct MailPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    title: String,
    text: String,
    /// Form action and button label, when the page asks for a press.
    button: Option<(String, String)>,
    /// The form's synchroniser token (with a button only).
    csrf: String,
}

fn page(
    web: &WebState,
    guard: &FormGuard,
    tr: Tr<'_>,
    status: StatusCode,
    parts: PageParts,
) -> Response {
    let page = MailPage {
        csrf: if parts.button.is_some() {
            guard.token(web)
        } else {
            String::new()
        },
        languages: web.i18n().languages(),
        title: tr.t(parts.title),
        text: parts.text,
        button: parts.button,
        tr,
    };
    render(status, &page)
}

struct PageParts {
    title: &'static str,
    text: String,
    button: Option<(String, String)>,
}

fn not_configured() -> Response {
    WebError::new(ErrorCode::InitiativeNotFound).into_response()
}

/// What a link in a message leads to: a page with one button that posts back to it.
#[derive(Clone, Copy)]
enum Link {
    Confirm,
    Unsubscribe,
}

/// `GET` of a link from a message: the page with its button, never the action itself, so
/// that link scanners in mail systems do not act on the signer's behalf.
fn button_page(web: &WebState, guard: &FormGuard, tr: Tr<'_>, link: Link, token: &str) -> Response {
    if web.mail().is_none() {
        return not_configured();
    }
    let (path, title, text, button) = match link {
        Link::Confirm => (
            "confirm",
            "mail-confirm-title",
            "mail-confirm-text",
            "mail-confirm-button",
        ),
        Link::Unsubscribe => (
            "unsubscribe",
            "mail-unsubscribe-title",
            "mail-unsubscribe-text",
            "mail-unsubscribe-button",
        ),
    };
    let action = format!("/mail/{path}/{token}?lang={}", tr.lang);
    let parts = PageParts {
        title,
        text: tr.t(text),
        button: Some((action, tr.t(button))),
    };
    page(web, guard, tr, StatusCode::OK, parts)
}

/// `GET /mail/confirm/{token}`: a button (see `button_page`).
pub async fn show_confirm(
    State(web): State<WebState>,
    Path(token): Path<String>,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    button_page(&web, &guard, tr, Link::Confirm, &token)
}

/// `POST /mail/confirm/{token}`: the double opt-in.
pub async fn submit_confirm(
    State(web): State<WebState>,
    Path(token): Path<String>,
    lang: Lang,
    guard: FormGuard,
    request: RequestId,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(mail) = web.mail() else {
        return not_configured();
    };
    let confirmed = match mail.confirm(&token).await {
        Ok(confirmed) => confirmed,
        Err(error) => {
            tracing::error!(request = %request.0, %error, "confirming an address failed");
            return WebError::new(ErrorCode::Internal).into_response();
        }
    };
    let title = confirmed.and_then(|id| {
        web.signing()
            .catalog()
            .by_id(id)
            .map(|e| e.initiative.title.clone())
    });
    let (status, parts) = confirmed_parts(&tr, title);
    page(&web, &guard, tr, status, parts)
}

/// The answer to a confirmation: the initiative's title when the link was good.
fn confirmed_parts(tr: &Tr<'_>, title: Option<String>) -> (StatusCode, PageParts) {
    match title {
        Some(title) => (
            StatusCode::OK,
            PageParts {
                title: "mail-confirmed-title",
                text: tr.t_with("mail-confirmed-text", &[("title", title)]),
                button: None,
            },
        ),
        None => (
            StatusCode::NOT_FOUND,
            PageParts {
                title: "mail-confirm-title",
                text: tr.t("mail-confirm-invalid"),
                button: None,
            },
        ),
    }
}

/// `GET /mail/unsubscribe/{token}`: a button (the link in the message body).
pub async fn show_unsubscribe(
    State(web): State<WebState>,
    Path(token): Path<String>,
    lang: Lang,
    guard: FormGuard,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    button_page(&web, &guard, tr, Link::Unsubscribe, &token)
}

/// `POST /mail/unsubscribe/{token}`: deletes the address. Also the RFC 8058 one-click
/// target of `List-Unsubscribe-Post` (the body `List-Unsubscribe=One-Click` is not needed to
/// act, so the page's own button works the same).
pub async fn submit_unsubscribe(
    State(web): State<WebState>,
    Path(token): Path<String>,
    lang: Lang,
    guard: FormGuard,
    request: RequestId,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let Some(mail) = web.mail() else {
        return not_configured();
    };
    let (status, parts) = match mail.unsubscribe(&token).await {
        Ok(Some(_)) => (
            StatusCode::OK,
            PageParts {
                title: "mail-unsubscribed-title",
                text: tr.t("mail-unsubscribed-text"),
                button: None,
            },
        ),
        Ok(None) => (
            StatusCode::NOT_FOUND,
            PageParts {
                title: "mail-unsubscribe-title",
                text: tr.t("mail-unsubscribe-invalid"),
                button: None,
            },
        ),
        Err(error) => {
            tracing::error!(request = %request.0, %error, "unsubscribing failed");
            return WebError::new(ErrorCode::Internal).into_response();
        }
    };
    page(&web, &guard, tr, status, parts)
}

/// The e-mail counters, added to one scrape's metrics (counts only, no addresses); nothing
/// when e-mail updates are off.
pub fn write_metrics(
    out: &crate::routes::ops::Exposition,
    metrics: Option<&ocs_service::mail::MailMetrics>,
) {
    use std::sync::atomic::Ordering;
    let Some(metrics) = metrics else {
        return;
    };
    for (name, help, value) in [
        (
            "subscribed",
            "Subscriptions stored, pending confirmation.",
            &metrics.subscribed,
        ),
        (
            "dropped",
            "Subscriptions dropped (intake full or store failed).",
            &metrics.dropped,
        ),
        (
            "confirmed",
            "Addresses confirmed (double opt-in).",
            &metrics.confirmed,
        ),
        (
            "unsubscribed",
            "Addresses deleted by their owner.",
            &metrics.unsubscribed,
        ),
        (
            "sent",
            "Messages delivered to the SMTP server.",
            &metrics.sent,
        ),
        (
            "retried",
            "Failed delivery attempts that will be retried.",
            &metrics.retried,
        ),
        ("failed", "Messages given up.", &metrics.failed),
    ] {
        out.counter(
            &format!("ocs_mail_{name}_total"),
            help,
            value.load(Ordering::Relaxed),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::concurrent::FluentBundle;
    use fluent_bundle::{FluentArgs, FluentResource};

    use super::*;
    use crate::i18n::OFFICIAL_LANGUAGES;

    /// Message ids of a file: lines that start a message (`id = …`).
    fn ids(lang: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{lang}/mail.ftl", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|line| !line.starts_with([' ', '#']))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .filter(|id| !id.is_empty())
            .collect()
    }

    fn load(lang: &str) -> FluentResource {
        let path = format!("{}/locales/{lang}/mail.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        FluentResource::try_new(text).unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"))
    }

    #[test]
    fn every_official_language_has_the_mail_strings_translated() {
        let keys = ids("en");
        assert!(keys.contains("error-MAIL-001") && keys.contains("mail-confirm-body"));
        for lang in OFFICIAL_LANGUAGES {
            let resource = load(lang);
            assert_eq!(ids(lang), keys, "{lang}: the same messages as English");
            let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap()]);
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).unwrap();
            let mut args = FluentArgs::new();
            for (name, value) in [
                ("title", "T1"),
                ("link", "L2"),
                ("unsubscribe", "U3"),
                ("days", "7"),
            ] {
                args.set(name, value);
            }
            let message = bundle.get_message("mail-confirm-body").unwrap();
            let mut errors = Vec::new();
            let body = bundle.format_pattern(message.value().unwrap(), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{lang}: {errors:?}");
            for needle in ["T1", "L2", "U3", "7"] {
                assert!(body.contains(needle), "{lang}: confirm body lacks {needle}");
            }
            if lang != "en" {
                let heading = |b: &FluentBundle<FluentResource>| {
                    let m = b.get_message("mail-heading").unwrap();
                    b.format_pattern(m.value().unwrap(), None, &mut Vec::new())
                        .into_owned()
                };
                let mut en = FluentBundle::new_concurrent(vec!["en".parse().unwrap()]);
                en.add_resource(load("en")).unwrap();
                assert_ne!(
                    heading(&bundle),
                    heading(&en),
                    "{lang} is not an English copy"
                );
            }
        }
    }

    #[test]
    fn an_unticked_box_ignores_the_address() {
        let input = MailInput {
            ticked: false,
            address: "not an address".into(),
        };
        assert_eq!(input.parse().unwrap(), None);
        let input = MailInput {
            ticked: true,
            address: "not an address".into(),
        };
        let errors = input.parse().unwrap_err();
        let error = errors.for_field(ADDRESS_FIELD).unwrap();
        assert_eq!(error.code, ErrorCode::MailAddressInvalid);
        let input = MailInput {
            ticked: true,
            address: " ".into(),
        };
        let errors = input.parse().unwrap_err();
        assert_eq!(
            errors.for_field(ADDRESS_FIELD).unwrap().code,
            ErrorCode::MailAddressMissing
        );
    }
}
