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
mod tests;
