//! Initiative set-up in the console through the real router: every set-up route with every
//! role, creation from the register's XML export (good and malformed), a created initiative
//! signable through the API without a restart, and keys locked once live.
//!
//! This file holds the register file and the requests that create an initiative.

mod creation;
mod keys;
mod lifecycle;

use std::fmt::Write as _;

use axum::body::Body;
use axum::http::{Request, Response, header};
use ocs_testkit::TestApp;

use crate::console::token;
use crate::send;

const REGISTER_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<export date="2026-01-20T10:00:00Z">
  <initiative registrationNumber="ECI(2026)000042" registrationDate="2026-05-02"
              url="https://citizens-initiative.europa.eu/initiatives/details/2026/000042">
    <organisers>
      <organiser role="representative"><firstName>Alex</firstName><familyName>Example</familyName><email>alex@example.org</email></organiser>
      <organiser role="substitute"><firstName>Sam</firstName><familyName>Sample</familyName><email>sam@example.org</email></organiser>
    </organisers>
    <languages>
      <language code="de" original="false"><title>Rettet die Flüsse</title><subject>Betreff</subject><description>Ziele</description></language>
      <language code="en" original="true"><title>Save the rivers</title><subject>Subject</subject><description>Objectives</description></language>
    </languages>
  </initiative>
</export>"#;

/// A multipart `POST` of `fields` and an optional register file.
fn multipart(
    path: &str,
    fields: &[(&str, &str)],
    xml: Option<&str>,
    cookie: Option<&str>,
) -> Request<Body> {
    let boundary = "SetupBoundary";
    let mut body = String::new();
    for (name, value) in fields {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
        .unwrap();
    }
    if let Some(xml) = xml {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"register_xml\"; filename=\"r.xml\"\r\nContent-Type: application/xml\r\n\r\n{xml}\r\n"
        )
        .unwrap();
    }
    write!(body, "--{boundary}--\r\n").unwrap();
    let mut request = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1")
        .header(header::ORIGIN, "https://127.0.0.1");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

/// A new key pair's public half: a key of a served initiative is refused (INI-019).
fn public_key(_app: &TestApp) -> String {
    ocs_crypto::generate_recipient_keys(&ocs_crypto::OsEntropy)
        .1
        .to_text()
}

/// Creates `rivers` from the register file as `cookie` (a host administrator).
async fn create_rivers(app: &TestApp, cookie: &str, xml: &str) -> Response<Body> {
    let token = token(app, cookie).await;
    let key = public_key(app);
    let fields = [
        ("form_token", token.as_str()),
        ("slug", "rivers"),
        (
            "privacy_notice",
            "We process your data to submit the initiative.",
        ),
        ("storage_country", "AT"),
        ("regime", "national"),
        ("recipient_key", key.as_str()),
        ("language", "en"),
    ];
    send(
        app,
        multipart("/console/new-initiative", &fields, Some(xml), Some(cookie)),
    )
    .await
}
