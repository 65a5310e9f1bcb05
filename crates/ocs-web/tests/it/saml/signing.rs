//! Signing through the real IdP: our metadata and signed requests, the whole login and a
//! statement with the locked identity, a replayed response refused; the same through an IdP
//! that encrypts its assertions, which refuses one sent in clear.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::cookie::CookieStore as _;
use reqwest::redirect::Policy;

use super::{
    Browser, Env, idp_answer, metrics, page_at, post, setup, sign_as_erika, start, start_with,
};

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
    let page = page_at(&env, &browser, &back).await;
    assert!(page.contains("id=\"eid-signed-in\""), "{page}");
    assert!(page.contains("level of assurance: substantial"), "{page}");
    assert!(
        page.contains("name=\"family.names\" type=\"text\" readonly"),
        "{page}"
    );
    assert!(page.contains("value=\"Mustermann\""));
    assert!(page.contains("value=\"1964-08-12\""));

    sign_as_erika(&env, &browser, &page, "de-eidas").await;

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
    let page = page_at(&env, &browser, &back).await;
    assert!(page.contains("id=\"eid-signed-in\""), "{page}");
    assert!(page.contains("value=\"Mustermann\""), "{page}");
    sign_as_erika(&env, &browser, &page, "de-eidas-enc").await;

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
    let page = page_at(&env, &browser, &back).await;
    assert!(!page.contains("id=\"eid-signed-in\""), "{page}");
    assert!(
        metrics(&env)
            .await
            .contains("ocs_eid_failures_total{provider=\"de-eidas-enc\",reason=\"provider\"} 1")
    );
}
