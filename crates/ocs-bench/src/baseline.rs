//! The baseline server: a bare axum 0.8 app on a 2-worker tokio runtime whose `POST /sign`
//! parses a 15-field form into a struct and answers a ~2 KB HTML page. It is what the real
//! server would cost with no validation, cryptography or storage at all.

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::SocketAddr;

use anyhow::{Context as _, bail};
use axum::Router;
use axum::response::Html;
use axum::routing::post;
use serde::Deserialize;

/// Worker threads of the baseline runtime (as many as the machine's cores).
pub const WORKERS: usize = 2;

/// The form the baseline parses: the fields of a statement plus the widget's fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignForm {
    nationality: String,
    #[serde(rename = "full.first.names")]
    first_names: String,
    #[serde(rename = "family.names")]
    family_names: String,
    street: String,
    #[serde(rename = "street.number")]
    street_number: String,
    #[serde(rename = "postal.code")]
    postal_code: String,
    city: String,
    country: String,
    #[serde(rename = "date.of.birth")]
    date_of_birth: String,
    #[serde(rename = "id.type")]
    id_type: String,
    #[serde(rename = "id.number")]
    id_number: String,
    consent: String,
    confirmed: String,
    altcha: String,
    form_token: String,
}

/// The answer: a page of about 2 KB that echoes some of the input, so the parse is used.
pub fn page(form: &SignForm) -> String {
    let mut out = String::with_capacity(2304);
    out.push_str(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Thank you for your support</title>\n\
         <link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n\
         <header><p class=\"brand\">Bench initiative</p></header>\n<main>\n",
    );
    let _ = write!(
        out,
        "<h1>Thank you, {} {}</h1>\n<p>Your statement of support ({}, {} {}, {} {}, {}, born \
         {}) with document {} {} has been received.</p>\n",
        form.first_names,
        form.family_names,
        form.nationality,
        form.street,
        form.street_number,
        form.postal_code,
        form.city,
        form.country,
        form.date_of_birth,
        form.id_type,
        form.id_number,
    );
    let _ = writeln!(
        out,
        "<p>Consent: {}. Confirmed: {}. Proof of work: {} characters; form token: {} \
         characters.</p>",
        form.consent,
        form.confirmed,
        form.altcha.len(),
        form.form_token.len()
    );
    out.push_str("<section class=\"receipt\">\n<h2>What happens next</h2>\n<ol>\n");
    for step in [
        "Your data are encrypted before they are stored.",
        "Only the competent national authority can open them, to verify the statements.",
        "The organisers cannot read your data and never see your document number.",
        "Your data are destroyed at the latest 21 months after the collection starts.",
        "You can keep the receipt link of this page as proof that you signed.",
    ] {
        let _ = writeln!(out, "<li>{step}</li>");
    }
    out.push_str("</ol>\n</section>\n");
    while out.len() < 1900 {
        out.push_str(
            "<p class=\"note\">This page is the answer of the load-test baseline: it parses \
             the form and formats a reply, and does nothing else.</p>\n",
        );
    }
    out.push_str("</main>\n<footer><p>OpenOCS load harness</p></footer>\n</body>\n</html>\n");
    out
}

async fn sign(axum::Form(form): axum::Form<SignForm>) -> Html<String> {
    Html(page(&form))
}

/// The baseline app.
pub fn router() -> Router {
    Router::new().route("/sign", post(sign))
}

/// Runs the baseline server on `listen` (loopback only) until it is killed. Prints
/// `ocs-bench baseline listening on http://ADDR/` once bound.
pub fn serve(listen: SocketAddr) -> anyhow::Result<()> {
    if !listen.ip().is_loopback() {
        bail!("the baseline server listens on loopback only, not {listen}");
    }
    // If the harness dies without stopping us, the kernel sends SIGTERM (default action:
    // exit). The harness starts servers from its main thread, which lives as long as it.
    rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::TERM))
        .context("setting the parent-death signal")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_all()
        .build()
        .context("starting the runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .with_context(|| format!("listening on {listen}"))?;
        let address = listener.local_addr().context("reading the bound address")?;
        let mut stdout = std::io::stdout();
        writeln!(stdout, "ocs-bench baseline listening on http://{address}/")
            .and_then(|()| stdout.flush())
            .context("printing the address")?;
        axum::serve(listener, router())
            .await
            .context("serving the baseline")
    })
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use http_body_util::BodyExt as _;
    use tower::ServiceExt as _;

    use super::*;
    use crate::bodies::form_body;

    #[tokio::test]
    async fn baseline_parses_the_generated_form_and_answers_two_kilobytes() {
        for n in [0, 1, 123_456] {
            let request = Request::post("/sign")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form_body(n)))
                .unwrap();
            let response = router().oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let body = response.into_body().collect().await.unwrap().to_bytes();
            let text = String::from_utf8(body.to_vec()).unwrap();
            assert!((1900..=2600).contains(&text.len()), "{} bytes", text.len());
            assert!(text.contains(&format!("{n:08}")), "the id number is echoed");
            assert!(text.contains("Köln"), "values are decoded");
        }
    }

    #[tokio::test]
    async fn baseline_refuses_a_form_with_a_field_missing() {
        let request = Request::post("/sign")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("nationality=DE"))
            .unwrap();
        let response = router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
}
