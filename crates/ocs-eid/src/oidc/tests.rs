//! Tests of the OpenID Connect flow: requests, token answers and ID-token checks.

use super::*;
use crate::config::LevelOfAssurance;
use serde_json::json;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

#[test]
fn pkce_matches_rfc_7636_appendix_b() {
    assert_eq!(
        pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
}

#[test]
fn claims_checks_refuse_each_wrong_value() {
    let good = json!({"iss": "https://id.example", "aud": "ocs", "exp": 1_000_300,
        "iat": 1_000_000, "nonce": "n1"});
    let now = at(1_000_010);
    assert_eq!(
        check_claims(&good, "https://id.example", "ocs", "n1", now),
        Ok(())
    );
    assert_eq!(
        check_claims(&good, "https://other.example", "ocs", "n1", now),
        Err(EidFailure::Claims)
    );
    assert_eq!(
        check_claims(&good, "https://id.example", "someone-else", "n1", now),
        Err(EidFailure::Claims)
    );
    assert_eq!(
        check_claims(&good, "https://id.example", "ocs", "n2", now),
        Err(EidFailure::Nonce)
    );
    assert_eq!(
        check_claims(&good, "https://id.example", "ocs", "n1", at(1_000_400)),
        Err(EidFailure::Expired)
    );
    assert_eq!(
        check_claims(&good, "https://id.example", "ocs", "n1", at(999_000)),
        Err(EidFailure::Expired)
    );
    let shared = json!({"iss": "https://id.example", "aud": ["ocs", "other"],
        "exp": 1_000_300, "iat": 1_000_000, "nonce": "n1"});
    assert_eq!(
        check_claims(&shared, "https://id.example", "ocs", "n1", now),
        Err(EidFailure::Claims),
        "several audiences need azp"
    );
}

#[test]
fn azp_and_nbf_are_checked() {
    let now = at(1_000_010);
    let with = |extra: serde_json::Value| {
        let mut claims = json!({"iss": "https://id.example", "aud": "ocs", "exp": 1_000_300,
            "iat": 1_000_000, "nonce": "n1"});
        for (k, v) in extra.as_object().unwrap() {
            claims[k] = v.clone();
        }
        check_claims(&claims, "https://id.example", "ocs", "n1", now)
    };
    assert_eq!(with(json!({"azp": "ocs"})), Ok(()));
    // A token for another client, even one naming us as its only audience.
    assert_eq!(with(json!({"azp": "other"})), Err(EidFailure::Claims));
    assert_eq!(with(json!({"azp": 7})), Err(EidFailure::Claims));
    assert_eq!(
        with(json!({"aud": ["ocs", "other"], "azp": "other"})),
        Err(EidFailure::Claims)
    );
    assert_eq!(with(json!({"aud": ["ocs", "other"], "azp": "ocs"})), Ok(()));
    // Not before: within the 60 s skew is fine, later is not yet valid.
    assert_eq!(with(json!({"nbf": 1_000_060})), Ok(()));
    assert_eq!(with(json!({"nbf": 1_000_200})), Err(EidFailure::Expired));
    assert_eq!(with(json!({"nbf": "soon"})), Err(EidFailure::Claims));
}

fn provider(default_loa: Option<LevelOfAssurance>) -> ProviderConfig {
    let settings = settings();
    ProviderConfig {
        id: crate::config::ProviderId::parse("de-bund").unwrap(),
        label: "BundID".into(),
        protocol: crate::config::Protocol::Oidc(settings),
        nationalities: Vec::new(),
        initiatives: Vec::new(),
        loa_map: [("urn:bund:loa:hoch".to_owned(), LevelOfAssurance::High)].into(),
        default_loa,
        minimum_loa: LevelOfAssurance::Low,
    }
}

#[test]
fn an_unmapped_or_absent_acr_is_refused_unless_a_default_is_set() {
    let claims = |acr: Option<&str>| {
        let mut claims = json!({"sub": "s1", "given_name": "Erika", "family_name": "M"});
        if let Some(acr) = acr {
            claims["acr"] = json!(acr);
        }
        claims
    };
    let level = |default, acr| {
        identity(
            &provider(default),
            &settings(),
            "https://id.example",
            &claims(acr),
        )
        .map(|identity| identity.loa.clone())
    };
    assert_eq!(level(None, Some("urn:bund:loa:hoch")).unwrap(), "high");
    assert_eq!(
        level(None, Some("http://eidas.europa.eu/LoA/substantial")).unwrap(),
        "substantial"
    );
    assert_eq!(level(None, Some("urn:unknown")), Err(EidFailure::Assurance));
    assert_eq!(level(None, None), Err(EidFailure::Assurance));
    // An explicit default (kept for existing configurations) still maps.
    let explicit = Some(LevelOfAssurance::Substantial);
    assert_eq!(level(explicit, Some("urn:unknown")).unwrap(), "substantial");
    assert_eq!(level(explicit, None).unwrap(), "substantial");
}

fn settings() -> OidcSettings {
    OidcSettings {
        issuer: "https://id.example".into(),
        client_id: "ocs".into(),
        client_secret: String::from("shared").into(),
        redirect_url: "https://sign.example/eid/callback".into(),
        scopes: Vec::new(),
        acr_values: None,
        subject_claim: "sub".into(),
    }
}

/// An RS256 token signed with the test SP key, and a JWK of that key published for `alg`.
fn signed_token_and_key(
    token_alg: Algorithm,
    published: Option<&str>,
    usage: Option<&str>,
) -> (String, JwkSet) {
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::traits::PublicKeyParts as _;
    let pem = include_str!("../../fixtures/saml-sp.key");
    let private = rsa::RsaPrivateKey::from_pkcs8_pem(pem).unwrap();
    let mut header = jsonwebtoken::Header::new(token_alg);
    header.kid = Some("k1".into());
    let token = jsonwebtoken::encode(
        &header,
        &json!({"iss": "https://id.example", "aud": "ocs", "nonce": "n1"}),
        &jsonwebtoken::EncodingKey::from_rsa_der(
            rsa::pkcs1::EncodeRsaPrivateKey::to_pkcs1_der(&private)
                .unwrap()
                .as_bytes(),
        ),
    )
    .unwrap();
    let mut jwk = json!({
        "kty": "RSA", "kid": "k1",
        "n": URL_SAFE_NO_PAD.encode(private.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(private.e().to_bytes_be()),
    });
    if let Some(alg) = published {
        jwk["alg"] = json!(alg);
    }
    if let Some(usage) = usage {
        jwk["use"] = json!(usage);
    }
    let set: JwkSet = serde_json::from_value(json!({"keys": [jwk]})).unwrap();
    (token, set)
}

#[tokio::test]
async fn the_key_must_be_published_for_the_tokens_algorithm() {
    let client = OidcClient::new(settings()).unwrap();
    let metadata = Metadata {
        issuer: "https://id.example".into(),
        authorization_endpoint: "https://id.example/auth".into(),
        token_endpoint: "https://id.example/token".into(),
        jwks_uri: "http://127.0.0.1:9/jwks".into(),
    };
    let verify = |token_alg, published, usage| {
        let (token, set) = signed_token_and_key(token_alg, published, usage);
        *client.keys.write() = Some(set);
        let client = &client;
        let metadata = &metadata;
        async move { client.verify(metadata, &token).await.map(|_| ()) }
    };
    assert_eq!(
        verify(Algorithm::RS256, Some("RS256"), Some("sig")).await,
        Ok(())
    );
    assert_eq!(verify(Algorithm::RS256, None, None).await, Ok(()));
    // The same RSA key published for PS256 (or for encryption) must not verify RS256.
    assert_eq!(
        verify(Algorithm::RS256, Some("PS256"), None).await,
        Err(EidFailure::Signature)
    );
    assert_eq!(
        verify(Algorithm::PS256, Some("RS256"), None).await,
        Err(EidFailure::Signature)
    );
    assert_eq!(
        verify(Algorithm::RS256, Some("RS256"), Some("enc")).await,
        Err(EidFailure::Signature)
    );
}

fn unsigned(alg: &str) -> String {
    let part = |value: serde_json::Value| URL_SAFE_NO_PAD.encode(value.to_string());
    format!(
        "{}.{}.{}",
        part(json!({"alg": alg, "typ": "JWT"})),
        part(json!({"iss": "https://id.example", "aud": "ocs", "nonce": "n1"})),
        URL_SAFE_NO_PAD.encode(b"forged")
    )
}

#[tokio::test]
async fn tokens_without_an_asymmetric_signature_are_refused_before_any_key_lookup() {
    let client = OidcClient::new(OidcSettings {
        issuer: "https://id.example".into(),
        client_id: "ocs".into(),
        client_secret: String::from("shared").into(),
        redirect_url: "https://sign.example/eid/callback".into(),
        scopes: Vec::new(),
        acr_values: None,
        subject_claim: "sub".into(),
    })
    .unwrap();
    // An unreachable JWKS address: a refusal here cannot come from a failed fetch.
    let metadata = Metadata {
        issuer: "https://id.example".into(),
        authorization_endpoint: "https://id.example/auth".into(),
        token_endpoint: "https://id.example/token".into(),
        jwks_uri: "http://127.0.0.1:9/jwks".into(),
    };
    for alg in ["none", "HS256"] {
        assert_eq!(
            client.verify(&metadata, &unsigned(alg)).await,
            Err(EidFailure::Signature),
            "{alg}"
        );
    }
    assert_eq!(
        client.verify(&metadata, "not a token").await,
        Err(EidFailure::Signature)
    );
    // RS256 with an unknown key: the keys are fetched, and the fetch fails.
    assert_eq!(
        client.verify(&metadata, &unsigned("RS256")).await,
        Err(EidFailure::Provider)
    );
}
