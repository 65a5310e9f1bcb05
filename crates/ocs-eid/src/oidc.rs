//! OpenID Connect relying party: discovery, the authorization request (code flow, PKCE S256,
//! `state`, `nonce`), the token exchange, and the ID-token checks (signature with the
//! provider's published keys, `iss`, `aud`, `azp`, `exp`, `iat`, `nonce`).
//!
//! Time comes from the caller (`now`), never from the system clock, so tests drive expiry.

use std::collections::HashSet;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::{SignedDuration, Timestamp};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use parking_lot::RwLock;
use secrecy::ExposeSecret as _;
use serde::Deserialize;
use serde_json::Value;
use sha2::Digest as _;
use subtle::ConstantTimeEq as _;
use tokio::sync::OnceCell;

use crate::config::{OidcSettings, ProviderConfig};
use crate::identity::{EidFailure, EidIdentity};

/// Clock skew tolerated on `exp` and `iat`.
const LEEWAY: SignedDuration = SignedDuration::from_secs(60);
/// An ID token issued longer ago than this is refused even if `exp` is later.
const MAX_TOKEN_AGE: SignedDuration = SignedDuration::from_mins(10);
/// Signature algorithms accepted; `none` and HMAC never are.
const ALGORITHMS: [Algorithm; 4] = [
    Algorithm::RS256,
    Algorithm::PS256,
    Algorithm::ES256,
    Algorithm::ES384,
];

/// The provider's published metadata (the parts used).
#[derive(Debug, Clone, Deserialize)]
struct Metadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
}

/// One OpenID provider as a relying party sees it.
pub struct OidcClient {
    settings: OidcSettings,
    http: reqwest::Client,
    metadata: OnceCell<Metadata>,
    keys: RwLock<Option<JwkSet>>,
}

impl std::fmt::Debug for OidcClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcClient")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// What the browser must send to the provider, and what we keep to check the answer.
pub struct AuthorizationRequest {
    /// Where to send the browser.
    pub url: String,
}

/// The PKCE challenge for a verifier (RFC 7636, S256).
pub fn pkce_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}

impl OidcClient {
    /// A client for one provider. Nothing is fetched until the first login.
    pub fn new(settings: OidcSettings) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(Self {
            settings,
            http,
            metadata: OnceCell::new(),
            keys: RwLock::new(None),
        })
    }

    async fn metadata(&self) -> Result<&Metadata, EidFailure> {
        self.metadata
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/.well-known/openid-configuration",
                    self.settings.issuer.trim_end_matches('/')
                );
                let metadata: Metadata = self.get_json(&url).await?;
                // OpenID Connect Discovery 1.0 §4.3: the issuer must be the one asked for.
                if metadata.issuer.trim_end_matches('/')
                    != self.settings.issuer.trim_end_matches('/')
                {
                    tracing::warn!("eID discovery answered another issuer");
                    return Err(EidFailure::Provider);
                }
                Ok(metadata)
            })
            .await
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, EidFailure> {
        let response = self.http.get(url).send().await.map_err(|error| {
            tracing::warn!(%error, "eID provider unreachable");
            EidFailure::Provider
        })?;
        if !response.status().is_success() {
            tracing::warn!(status = %response.status(), "eID provider refused a request");
            return Err(EidFailure::Provider);
        }
        response.json().await.map_err(|error| {
            tracing::warn!(%error, "eID provider answered unreadable JSON");
            EidFailure::Provider
        })
    }

    /// The authorization URL for one login.
    pub async fn authorize(
        &self,
        state: &str,
        nonce: &str,
        verifier: &str,
        lang: &str,
    ) -> Result<AuthorizationRequest, EidFailure> {
        let metadata = self.metadata().await?;
        let mut url =
            url::Url::parse(&metadata.authorization_endpoint).map_err(|_| EidFailure::Provider)?;
        let mut scope = String::from("openid");
        for extra in &self.settings.scopes {
            scope.push(' ');
            scope.push_str(extra);
        }
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &self.settings.client_id)
                .append_pair("redirect_uri", &self.settings.redirect_url)
                .append_pair("scope", &scope)
                .append_pair("state", state)
                .append_pair("nonce", nonce)
                .append_pair("code_challenge", &pkce_challenge(verifier))
                .append_pair("code_challenge_method", "S256")
                .append_pair("ui_locales", lang);
            if let Some(acr) = &self.settings.acr_values {
                query.append_pair("acr_values", acr);
            }
        }
        Ok(AuthorizationRequest { url: url.into() })
    }

    /// Exchanges the code, verifies the ID token and maps its claims to an identity.
    pub async fn finish(
        &self,
        provider: &ProviderConfig,
        code: &str,
        verifier: &str,
        nonce: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let metadata = self.metadata().await?;
        let response = self
            .http
            .post(&metadata.token_endpoint)
            .basic_auth(
                &self.settings.client_id,
                Some(self.settings.client_secret.expose_secret()),
            )
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", self.settings.redirect_url.as_str()),
                ("code_verifier", verifier),
            ])
            .send()
            .await
            .map_err(|error| {
                tracing::warn!(%error, "eID token endpoint unreachable");
                EidFailure::Provider
            })?;
        if !response.status().is_success() {
            tracing::warn!(status = %response.status(), "eID token endpoint refused the code");
            return Err(EidFailure::Provider);
        }
        let tokens: TokenResponse = response.json().await.map_err(|_| EidFailure::Provider)?;
        let id_token = tokens.id_token.ok_or(EidFailure::Claims)?;
        let claims = self.verify(metadata, &id_token).await?;
        check_claims(
            &claims,
            &metadata.issuer,
            &self.settings.client_id,
            nonce,
            now,
        )?;
        identity(provider, &self.settings, &metadata.issuer, &claims)
    }

    /// Checks the signature against the provider's keys (fetched again once when the key id
    /// is unknown: providers rotate keys) and returns the claims.
    async fn verify(&self, metadata: &Metadata, token: &str) -> Result<Value, EidFailure> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| EidFailure::Signature)?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(EidFailure::Signature);
        }
        let mut key = self.key_for(header.kid.as_deref(), header.alg)?;
        if key.is_none() {
            let set: JwkSet = self.get_json(&metadata.jwks_uri).await?;
            *self.keys.write() = Some(set);
            key = self.key_for(header.kid.as_deref(), header.alg)?;
        }
        let key = key.ok_or(EidFailure::Signature)?;
        let mut validation = Validation::new(header.alg);
        // Time, issuer and audience are checked in `check_claims` against the injected clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims = HashSet::new();
        jsonwebtoken::decode::<Value>(token, &key, &validation)
            .map(|data| data.claims)
            .map_err(|_| EidFailure::Signature)
    }

    /// The published key for `kid`, `None` when there is none (yet). A key published for
    /// another algorithm than the token's `alg`, or for encryption, is refused (RFC 7517
    /// §4.2, §4.4): the header must not choose how a key is used.
    fn key_for(
        &self,
        kid: Option<&str>,
        alg: Algorithm,
    ) -> Result<Option<DecodingKey>, EidFailure> {
        let keys = self.keys.read();
        let Some(set) = keys.as_ref() else {
            return Ok(None);
        };
        let jwk = match kid {
            Some(kid) => set.find(kid),
            None if set.keys.len() == 1 => set.keys.first(),
            None => None,
        };
        let Some(jwk) = jwk else {
            return Ok(None);
        };
        if let Some(published) = &jwk.common.key_algorithm
            && published.to_string().parse::<Algorithm>().ok() != Some(alg)
        {
            tracing::info!(token = ?alg, key = %published, "ID token algorithm differs from its key's");
            return Err(EidFailure::Signature);
        }
        if jwk
            .common
            .public_key_use
            .as_ref()
            .is_some_and(|usage| *usage != jsonwebtoken::jwk::PublicKeyUse::Signature)
        {
            return Err(EidFailure::Signature);
        }
        DecodingKey::from_jwk(jwk)
            .map(Some)
            .map_err(|_| EidFailure::Signature)
    }
}

fn timestamp(claims: &Value, name: &str) -> Option<Timestamp> {
    claims
        .get(name)
        .and_then(Value::as_i64)
        .and_then(|s| Timestamp::from_second(s).ok())
}

/// `iss`, `aud`/`azp`, `exp`, `nbf`, `iat` and `nonce` (OpenID Connect Core §3.1.3.7).
fn check_claims(
    claims: &Value,
    issuer: &str,
    client_id: &str,
    nonce: &str,
    now: Timestamp,
) -> Result<(), EidFailure> {
    if claims.get("iss").and_then(Value::as_str) != Some(issuer) {
        return Err(EidFailure::Claims);
    }
    let audience_ok = match claims.get("aud") {
        Some(Value::String(aud)) => aud == client_id,
        Some(Value::Array(list)) => {
            list.iter().any(|a| a.as_str() == Some(client_id))
                && (list.len() == 1 || claims.get("azp").and_then(Value::as_str) == Some(client_id))
        }
        _ => false,
    };
    // An `azp` present must be us, whatever the audiences (Core §3.1.3.7 items 4-5): a
    // token issued to another client that also lists us is not ours to accept.
    let azp_ok = match claims.get("azp") {
        None => true,
        Some(Value::String(azp)) => azp == client_id,
        Some(_) => false,
    };
    if !audience_ok || !azp_ok {
        return Err(EidFailure::Claims);
    }
    let expires = timestamp(claims, "exp").ok_or(EidFailure::Claims)?;
    let issued_at = timestamp(claims, "iat").ok_or(EidFailure::Claims)?;
    let late = now.checked_sub(LEEWAY).unwrap_or(now);
    let early = now.checked_add(LEEWAY).unwrap_or(now);
    let oldest = late.checked_sub(MAX_TOKEN_AGE).unwrap_or(late);
    if expires <= late || issued_at > early || issued_at < oldest {
        return Err(EidFailure::Expired);
    }
    // RFC 7519 §4.1.5: not to be accepted before `nbf`.
    match claims.get("nbf") {
        None => {}
        Some(_) => match timestamp(claims, "nbf") {
            Some(start) if start <= early => {}
            Some(_) => return Err(EidFailure::Expired),
            None => return Err(EidFailure::Claims),
        },
    }
    let sent = claims.get("nonce").and_then(Value::as_str).unwrap_or("");
    if !bool::from(sent.as_bytes().ct_eq(nonce.as_bytes())) {
        return Err(EidFailure::Nonce);
    }
    Ok(())
}

fn text_claim(claims: &Value, name: &str) -> Option<String> {
    claims
        .get(name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Maps the verified claims to an identity: standard claims (`given_name`, `family_name`,
/// `birthdate`) and eIDAS-style ones (`person_identifier`, `nationality`/`nationalities`).
fn identity(
    provider: &ProviderConfig,
    settings: &OidcSettings,
    issuer: &str,
    claims: &Value,
) -> Result<EidIdentity, EidFailure> {
    let given_names = text_claim(claims, "given_name").ok_or(EidFailure::Claims)?;
    let family_names = text_claim(claims, "family_name").ok_or(EidFailure::Claims)?;
    let subject = text_claim(claims, &settings.subject_claim).ok_or(EidFailure::Claims)?;
    let birth_date = text_claim(claims, "birthdate");
    if let Some(date) = &birth_date
        && date.parse::<jiff::civil::Date>().is_err()
    {
        return Err(EidFailure::Claims);
    }
    let nationality = text_claim(claims, "nationality").or_else(|| {
        claims
            .get("nationalities")
            .and_then(Value::as_array)
            .and_then(|list| list.first())
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    // An unmapped or absent `acr` is refused unless `default_loa` is set explicitly.
    let loa = provider
        .level(claims.get("acr").and_then(Value::as_str))
        .ok_or(EidFailure::Assurance)?;
    if loa < provider.minimum_loa {
        return Err(EidFailure::Assurance);
    }
    Ok(EidIdentity {
        provider: provider.id.to_string(),
        given_names,
        family_names,
        birth_date,
        subject: format!("{issuer}\u{0}{subject}"),
        nationality,
        loa: loa.as_str().to_owned(),
    })
}

#[cfg(test)]
mod tests {
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
        let pem = include_str!("../fixtures/saml-sp.key");
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
}
