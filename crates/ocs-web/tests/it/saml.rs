//! SAML eID sign-in against a real SAML 2.0 IdP (pysaml2's IdP signing with xmlsec1, started
//! on loopback by `scripts/lib/saml.sh`): the whole flow — our HTTP-Redirect `AuthnRequest`,
//! the IdP's signed assertion posted back to the assertion consumer service — then signing
//! with the locked identity; the same through an IdP that encrypts its assertions to our SP
//! certificate; and each refusal (tampered assertion, wrong audience, replayed response,
//! wrong `InResponseTo`, expired assertion, cancel, an assertion in clear where encryption is
//! required) with its reason and metric.
//!
//! Without `OCS_TEST_SAML_IDP_URL` the test is skipped, unless `OCS_TEST_EID_REQUIRED=1`
//! (which `scripts/test` always sets): then a missing IdP fails it.
//!
//! This file holds the app with its two providers, the browser and the steps of a login.

mod refusals;
mod signing;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use ocs_domain::{CollectionPeriod, CountryCode, CountryTable};
use ocs_eid::{EidService, LevelOfAssurance, Protocol, ProviderConfig, ProviderId, SamlSettings};
use ocs_testkit::{TestApp, test_initiative, test_secret};
use reqwest::cookie::Jar;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

struct Env {
    app: TestApp,
    base: String,
    idp: String,
}

struct Browser {
    jar: Arc<Jar>,
    follow: reqwest::Client,
    manual: reqwest::Client,
}

impl Browser {
    fn new() -> Self {
        let jar = Arc::new(Jar::default());
        let build = |policy| {
            reqwest::Client::builder()
                .cookie_provider(jar.clone())
                .redirect(policy)
                .build()
                .unwrap()
        };
        Self {
            follow: build(Policy::limited(20)),
            manual: build(Policy::none()),
            jar,
        }
    }
}

/// The real time: the IdP stamps its assertions with it, so the app's clock must agree.
#[expect(clippy::disallowed_methods, reason = "the real IdP runs on real time")]
fn real_now() -> Timestamp {
    Timestamp::now()
}

/// The SP settings of one test provider on the app at `address`; `encrypted` gives it the SP
/// decryption key and requires encrypted assertions.
fn sp_settings(
    idp_base: &str,
    idp_cert_pem: &str,
    address: SocketAddr,
    id: &str,
    encrypted: bool,
) -> SamlSettings {
    SamlSettings {
        sso_url: format!("{idp_base}/sso/redirect"),
        idp_entity_id: format!("{idp_base}/idp"),
        idp_key: ocs_eid::xmldsig::rsa_key_from_pem(idp_cert_pem).unwrap(),
        entity_id: format!("http://{address}/eid/saml/metadata/{id}"),
        acs_url: format!("http://{address}/eid/saml/acs"),
        requested_loa: LevelOfAssurance::Substantial,
        sp_type: "public".into(),
        signing: Some(
            ocs_eid::SpSigning::from_pem(
                include_str!("../../../ocs-eid/fixtures/saml-sp.key"),
                include_str!("../../../ocs-eid/fixtures/saml-sp.pem"),
            )
            .unwrap(),
        ),
        decryption: encrypted.then(|| {
            ocs_eid::SpDecryption::from_pem(
                include_str!("../../../ocs-eid/fixtures/xmlenc/sp.key"),
                include_str!("../../../ocs-eid/fixtures/xmlenc/sp.pem"),
                true,
            )
            .unwrap()
        }),
    }
}

/// A SAML provider for German signers at substantial assurance.
fn provider(id: &str, label: &str, settings: SamlSettings) -> ProviderConfig {
    ProviderConfig {
        id: ProviderId::parse(id).unwrap(),
        label: label.into(),
        protocol: Protocol::Saml(settings),
        nationalities: vec![CountryCode::DE],
        initiatives: Vec::new(),
        loa_map: BTreeMap::new(),
        default_loa: None,
        minimum_loa: LevelOfAssurance::Substantial,
    }
}

async fn setup() -> Option<Env> {
    let (Ok(idp), Ok(cert)) = (
        std::env::var("OCS_TEST_SAML_IDP_URL"),
        std::env::var("OCS_TEST_SAML_IDP_CERT"),
    ) else {
        assert!(
            std::env::var("OCS_TEST_EID_REQUIRED").as_deref() != Ok("1"),
            "OCS_TEST_SAML_IDP_URL is not set: start the IdP with scripts/lib/saml.sh"
        );
        eprintln!("skipped: no test SAML IdP (run scripts/test, or source scripts/lib/saml.sh)");
        return None;
    };
    let idp_cert_pem = std::fs::read_to_string(cert).unwrap();
    let now = real_now();
    let mut initiative = test_initiative(1, "demo");
    let zone = jiff::tz::TimeZone::UTC;
    let start = now
        .checked_sub(SignedDuration::from_hours(24 * 30))
        .unwrap();
    let end = now
        .checked_add(SignedDuration::from_hours(24 * 300))
        .unwrap();
    initiative.period = CollectionPeriod::new(
        start,
        end,
        start.to_zoned(zone.clone()).date(),
        end.to_zoned(zone.clone()).date(),
        12,
    )
    .unwrap();
    // Registered a month before the period: the date rules hold when the test kit opens it.
    initiative.registration_date = start
        .to_zoned(zone)
        .date()
        .checked_sub(jiff::Span::new().days(30))
        .unwrap();
    // Plain http on loopback: cookies without `Secure`.
    let app = TestApp::builder()
        .initiatives(vec![initiative])
        .web_settings(ocs_web::WebSettings {
            hsts: false,
            ..ocs_web::WebSettings::default()
        })
        .build()
        .await;
    app.clock.set(now);
    let idp_base = idp.clone();
    let address: SocketAddr = app
        .spawn_with_eid(|address| {
            let encrypted = sp_settings(&idp_base, &idp_cert_pem, address, "de-eidas-enc", true);
            let settings = sp_settings(&idp_base, &idp_cert_pem, address, "de-eidas", false);
            async move {
                Arc::new(
                    EidService::new(
                        vec![
                            provider("de-eidas", "eIDAS DE", settings),
                            // The same IdP encrypts its assertions to this one (its metadata
                            // publishes an encryption certificate), which requires it.
                            provider("de-eidas-enc", "eIDAS DE (encrypted)", encrypted),
                        ],
                        test_secret(9),
                        Arc::new(ocs_crypto::OsEntropy),
                        Arc::new(CountryTable::embedded().unwrap()),
                        jiff::tz::TimeZone::UTC,
                    )
                    .unwrap(),
                )
            }
        })
        .await;
    Some(Env {
        app,
        base: format!("http://{address}"),
        idp,
    })
}

/// Starts a login from the DE form; returns the IdP URL carrying our `AuthnRequest`.
async fn start(env: &Env, browser: &Browser) -> String {
    start_with(env, browser, "de-eidas").await
}

/// Starts a login with `provider` from the DE form.
async fn start_with(env: &Env, browser: &Browser, provider: &str) -> String {
    let response = browser
        .manual
        .get(format!(
            "{}/initiatives/demo/sign/DE/eid/{provider}?lang=en",
            env.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{}/sso/redirect?SAMLRequest=", env.idp)),
        "{location}"
    );
    location
}

fn form_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("{name} in {html}"))
        + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end]
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
}

/// What the IdP answers (its auto-submitting form): `SAMLResponse` and `RelayState`.
async fn idp_answer(url: &str, extra: &str) -> (String, String) {
    let page = reqwest::get(format!("{url}&{extra}")).await.unwrap();
    let status = page.status();
    let html = page.text().await.unwrap();
    assert_eq!(status, 200, "{html}");
    (
        form_value(&html, "SAMLResponse"),
        form_value(&html, "RelayState"),
    )
}

/// Posts an answer to our ACS as the IdP's page would (from another origin); returns where
/// it sends the browser.
async fn post(env: &Env, client: &reqwest::Client, answer: &(String, String)) -> String {
    let response = client
        .post(format!("{}/eid/saml/acs", env.base))
        .header("Origin", &env.idp)
        .form(&[("SAMLResponse", &answer.0), ("RelayState", &answer.1)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn metrics(env: &Env) -> String {
    reqwest::get(format!("{}/metrics", env.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

fn erika_form(env: &Env) -> Vec<(&'static str, String)> {
    vec![
        ("full.first.names", "Erika".into()),
        ("family.names", "Mustermann".into()),
        ("date.of.birth", "1964-08-12".into()),
        ("street", "Heidestraße".into()),
        ("street.number", "17".into()),
        ("postal.code", "51147".into()),
        ("city", "Köln".into()),
        ("country", "DE".into()),
        ("consent", "yes".into()),
        ("altcha", env.app.solved_proof()),
    ]
}

/// The page at `path` on the app, as the browser sees it (redirects followed).
async fn page_at(env: &Env, browser: &Browser, path: &str) -> String {
    browser
        .follow
        .get(format!("{}{path}", env.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// Submits Erika's statement from `page` (the DE form, signed in through `provider`) with its
/// form token, and checks that the one stored statement records `provider` at substantial
/// assurance.
async fn sign_as_erika(env: &Env, browser: &Browser, page: &str, provider: &str) {
    // The form's synchroniser token (its cookie is in the browser's jar).
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let mut form = erika_form(env);
    form.push(("csrf", page[at..].split('"').next().unwrap().to_owned()));
    let signed = browser
        .follow
        .post(format!("{}/initiatives/demo/sign/DE?lang=en", env.base))
        .header("Origin", &env.base)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(signed.status(), 200);
    assert_eq!(signed.url().path(), "/initiatives/demo/receipt");
    let rows = env
        .app
        .store
        .statements(ocs_domain::InitiativeId::new(1), 0, 10)
        .await
        .unwrap();
    let [row] = rows.as_slice() else {
        panic!("{} rows", rows.len())
    };
    let aad =
        ocs_service::envelope::statement_aad(row.initiative, row.id, row.nationality, &row.tag);
    let plain = ocs_crypto::open(&row.envelope, &aad, &env.app.private_key).unwrap();
    let payload: Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(
        payload["eid"],
        json!({"provider": provider, "loa": "substantial"})
    );
}
