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

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::{SignedDuration, Timestamp};
use ocs_domain::{CollectionPeriod, CountryCode, CountryTable};
use ocs_eid::{EidService, LevelOfAssurance, Protocol, ProviderConfig, ProviderId, SamlSettings};
use ocs_testkit::{TestApp, test_initiative, test_secret};
use reqwest::cookie::{CookieStore as _, Jar};
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

/// Our SP metadata names the ACS and publishes the request-signing certificate.
async fn assert_our_metadata(env: &Env) {
    // Our SP metadata names the ACS.
    let metadata = reqwest::get(format!("{}/eid/saml/metadata/de-eidas", env.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metadata.contains(&format!("Location=\"{}/eid/saml/acs\"", env.base)),
        "{metadata}"
    );

    // Our requests are signed, and the IdP (which requires it) checks them against the
    // certificate in our metadata.
    assert!(
        metadata.contains("AuthnRequestsSigned=\"true\"") && metadata.contains("X509Certificate"),
        "{metadata}"
    );
}

/// The request `url` (signed) with a broken signature, or without one: the IdP refuses it.
async fn assert_the_idp_refuses_broken_signatures(url: &str) {
    let (signed, signature) = url.split_once("&Signature=").unwrap();
    let broken = format!(
        "{signed}&Signature={}{}",
        if signature.starts_with('A') { "B" } else { "A" },
        &signature[1..]
    );
    let unsigned = url.split_once("&SigAlg=").unwrap().0.to_owned();
    for refused in [broken, unsigned] {
        let page = reqwest::get(&refused).await.unwrap();
        let status = page.status();
        let text = page.text().await.unwrap();
        assert_eq!(status, 403, "{text}");
        assert!(text.contains("IncorrectlySigned"), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_with_a_real_saml_idp() {
    let Some(env) = setup().await else { return };
    let form = reqwest::get(format!("{}/initiatives/demo/sign/DE?lang=en", env.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("/initiatives/demo/sign/DE/eid/de-eidas"),
        "{form}"
    );

    assert_our_metadata(&env).await;

    let browser = Browser::new();
    let url = start(&env, &browser).await;
    assert!(
        url.contains("&SigAlg=") && url.contains("&Signature="),
        "{url}"
    );
    assert_the_idp_refuses_broken_signatures(&url).await;
    let answer = idp_answer(&url, "ocs_user=erika").await;
    let acs: reqwest::Url = format!("{}/eid/saml/acs", env.base).parse().unwrap();
    let flow_cookie = browser.jar.cookies(&acs).unwrap();
    let back = post(&env, &browser.manual, &answer).await;
    assert_eq!(back, "/initiatives/demo/sign/DE?lang=en");
    let page = browser
        .follow
        .get(format!("{}{back}", env.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"eid-signed-in\""), "{page}");
    assert!(page.contains("level of assurance: substantial"), "{page}");
    assert!(
        page.contains("name=\"family.names\" type=\"text\" readonly"),
        "{page}"
    );
    assert!(page.contains("value=\"Mustermann\""));
    assert!(page.contains("value=\"1964-08-12\""));

    // The form's synchroniser token (its cookie is in the browser's jar).
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let mut form = erika_form(&env);
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
    assert!(
        signed.url().path().eq("/initiatives/demo/receipt"),
        "{}",
        signed.url()
    );
    let rows = env
        .app
        .store
        .statements(ocs_domain::InitiativeId::new(1), 0, 10)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    let row = rows.first().unwrap();
    let aad =
        ocs_service::envelope::statement_aad(row.initiative, row.id, row.nationality, &row.tag);
    let plain = ocs_crypto::open(&row.envelope, &aad, &env.app.private_key).unwrap();
    let payload: Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(
        payload["eid"],
        json!({"provider": "de-eidas", "loa": "substantial"})
    );

    // The same response again, even with the flow cookie it came with: refused.
    let replay = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
        .post(acs.clone())
        .header("Cookie", flow_cookie)
        .form(&[("SAMLResponse", &answer.0), ("RelayState", &answer.1)])
        .send()
        .await
        .unwrap();
    let location = replay.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.ends_with("eid_error=state"), "{location}");
    assert!(
        metrics(&env)
            .await
            .contains("ocs_eid_failures_total{provider=\"de-eidas\",reason=\"state\"} 1")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saml_answers_that_must_not_sign_in_are_refused() {
    let Some(env) = setup().await else { return };

    // A value changed after the IdP signed the assertion.
    let browser = Browser::new();
    let url = start(&env, &browser).await;
    let (response, relay) = idp_answer(&url, "ocs_user=erika").await;
    let xml = String::from_utf8(STANDARD.decode(&response).unwrap()).unwrap();
    let tampered = xml.replace(">Mustermann<", ">Musterfrau<");
    assert_ne!(tampered, xml);
    let back = post(&env, &browser.manual, &(STANDARD.encode(tampered), relay)).await;
    assert!(back.ends_with("eid_error=signature"), "{back}");

    // An assertion the IdP issued for another service provider.
    let browser = Browser::new();
    let url = start(&env, &browser).await;
    let answer = idp_answer(&url, "ocs_audience=https://other-sp.example/metadata").await;
    let back = post(&env, &browser.manual, &answer).await;
    assert!(back.ends_with("eid_error=claims"), "{back}");

    // The answer to another request (login A's response, login B's relay state and cookie).
    let (a, b) = (Browser::new(), Browser::new());
    let url_a = start(&env, &a).await;
    let url_b = start(&env, &b).await;
    let (response_a, _) = idp_answer(&url_a, "ocs_user=erika").await;
    let (_, relay_b) = idp_answer(&url_b, "ocs_user=erika").await;
    let back = post(&env, &b.manual, &(response_a, relay_b)).await;
    assert!(back.ends_with("eid_error=state"), "{back}");

    // Cancelled at the IdP (AuthnFailed).
    let browser = Browser::new();
    let url = start(&env, &browser).await;
    let answer = idp_answer(&url, "ocs_cancel=1").await;
    let back = post(&env, &browser.manual, &answer).await;
    assert!(back.ends_with("eid_error=cancelled"), "{back}");
    let page = browser
        .follow
        .get(format!("{}{back}", env.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("id=\"eid-signed-in\""));

    // An assertion past its validity (five minutes at this IdP) when it arrives.
    let browser = Browser::new();
    let url = start(&env, &browser).await;
    let answer = idp_answer(&url, "ocs_user=erika").await;
    env.app.clock.set(
        real_now()
            .checked_add(SignedDuration::from_mins(8))
            .unwrap(),
    );
    let back = post(&env, &browser.manual, &answer).await;
    assert!(back.ends_with("eid_error=expired"), "{back}");

    let metrics = metrics(&env).await;
    for reason in ["signature", "claims", "state", "cancelled", "expired"] {
        assert!(
            metrics.contains(&format!(
                "ocs_eid_failures_total{{provider=\"de-eidas\",reason=\"{reason}\"}} 1"
            )),
            "{reason}: {metrics}"
        );
    }
    assert_eq!(
        env.app
            .store
            .statements(ocs_domain::InitiativeId::new(1), 0, 10)
            .await
            .unwrap()
            .len(),
        0
    );
}

/// Issue 19 A/B on the running app: a comment inserted into a value of the IdP's signed
/// assertion leaves its digest intact (exclusive c14n drops comments) but must not give a
/// shorter identifier, or no date of birth: refused with reason `claims`, nothing signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_inside_a_signed_value_is_refused() {
    let Some(env) = setup().await else { return };
    for (from, to) in [
        (
            "erika-0001</ns1:AttributeValue>",
            "erika-000<!---->1</ns1:AttributeValue>",
        ),
        (">1964-08-12<", "><!---->1964-08-12<"),
    ] {
        let browser = Browser::new();
        let url = start(&env, &browser).await;
        let (response, relay) = idp_answer(&url, "ocs_user=erika").await;
        let xml = String::from_utf8(STANDARD.decode(&response).unwrap()).unwrap();
        let attacked = xml.replacen(from, to, 1);
        assert_ne!(attacked, xml, "{from}");
        let back = post(&env, &browser.manual, &(STANDARD.encode(attacked), relay)).await;
        assert!(back.ends_with("eid_error=claims"), "{to}: {back}");
    }
    assert!(
        metrics(&env)
            .await
            .contains("ocs_eid_failures_total{provider=\"de-eidas\",reason=\"claims\"} 2")
    );
}

/// Issue 16 item 9: the IdP encrypts its assertions to the SP certificate our metadata
/// publishes (AES-256-GCM, RSA-OAEP), and the signer signs through it; the same provider,
/// which requires encryption, refuses an assertion the IdP sends in clear (reason `provider`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_through_an_encrypting_saml_idp_and_a_plain_assertion_refused() {
    let Some(env) = setup().await else { return };
    let metadata = reqwest::get(format!("{}/eid/saml/metadata/de-eidas-enc", env.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metadata.contains("<md:KeyDescriptor use=\"encryption\">"),
        "{metadata}"
    );

    let browser = Browser::new();
    let url = start_with(&env, &browser, "de-eidas-enc").await;
    let answer = idp_answer(&url, "ocs_user=erika").await;
    let xml = String::from_utf8(STANDARD.decode(&answer.0).unwrap()).unwrap();
    assert!(xml.contains("EncryptedAssertion"), "{xml}");
    assert!(xml.contains("xmlenc11#aes256-gcm"), "{xml}");
    assert!(
        !xml.contains("Mustermann") && !xml.contains("erika-0001"),
        "{xml}"
    );
    let back = post(&env, &browser.manual, &answer).await;
    assert_eq!(back, "/initiatives/demo/sign/DE?lang=en");
    let page = browser
        .follow
        .get(format!("{}{back}", env.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"eid-signed-in\""), "{page}");
    assert!(page.contains("value=\"Mustermann\""), "{page}");
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let mut form = erika_form(&env);
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
        json!({"provider": "de-eidas-enc", "loa": "substantial"})
    );

    // The IdP answers in clear: this provider requires encryption, so nobody is signed in.
    let browser = Browser::new();
    let url = start_with(&env, &browser, "de-eidas-enc").await;
    let answer = idp_answer(&url, "ocs_user=anna&ocs_plain=1").await;
    let xml = String::from_utf8(STANDARD.decode(&answer.0).unwrap()).unwrap();
    assert!(
        !xml.contains("EncryptedAssertion") && xml.contains("Gruber"),
        "{xml}"
    );
    let back = post(&env, &browser.manual, &answer).await;
    assert!(back.ends_with("eid_error=provider"), "{back}");
    let page = browser
        .follow
        .get(format!("{}{back}", env.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("id=\"eid-signed-in\""), "{page}");
    assert!(
        metrics(&env)
            .await
            .contains("ocs_eid_failures_total{provider=\"de-eidas-enc\",reason=\"provider\"} 1")
    );
}
