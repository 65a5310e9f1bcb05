//! SAML answers that must not sign anyone in: a tampered assertion, another audience, the
//! answer to another request, a cancel, an expired assertion and a comment inside a signed
//! value, each refused with its reason and metric.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::SignedDuration;

use super::{Browser, idp_answer, metrics, page_at, post, real_now, setup, start};

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
    let page = page_at(&env, &browser, &back).await;
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
