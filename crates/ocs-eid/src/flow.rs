//! `EidService`: starts an eID login and finishes it.
//!
//! **State between the legs.** Nothing is kept on the server, so any app node can finish a
//! login another node started. At the start, a *flow box* (provider, initiative,
//! nationality, `state`, `nonce`, PKCE verifier; sealed with [`StateBox`], valid 10
//! minutes) goes into a cookie of the signer's browser, and the same `state` goes to the
//! provider. The callback must bring back both: the cookie binds the answer to the browser
//! that started the login (login CSRF), and the `state` binds it to this login. After the
//! checks, the identity is sealed into an *identity box* (valid 20 minutes) that the form
//! page and the form submission open; it never reaches a log.
//!
//! **SAML.** The same flow box carries the `AuthnRequest` ID (in `nonce`), the `state`
//! travels as `RelayState`, and the answer comes as a form post to the assertion consumer
//! service. Each request ID is accepted once (a replayed response is refused); the memory of
//! used IDs is per app node, lasts as long as a flow box does, and is bounded
//! ([`crate::replay`]). The response is parsed and its signature checked on a blocking
//! thread (`spawn_blocking`), never on the async workers that serve every other request.

use std::collections::BTreeMap;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ocs_crypto::{Entropy, SecretKey, StateBox, random_bytes};
use ocs_domain::statement::check_age;
use ocs_domain::{CountryCode, CountryTable, Slug};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use crate::config::{Protocol, ProviderConfig};
use crate::identity::{EidFailure, EidIdentity};
use crate::oidc::OidcClient;
use crate::replay::{AnsweredIds, Refused};
use crate::saml::SamlClient;

const FLOW_PURPOSE: &str = "eid-flow";
const IDENTITY_PURPOSE: &str = "eid-identity";
/// How long a signer may take at the provider.
const FLOW_LIFETIME: SignedDuration = SignedDuration::from_mins(10);
/// How long the identity fills the form after the login.
const IDENTITY_LIFETIME: SignedDuration = SignedDuration::from_mins(20);

/// Failed eID logins per provider and reason, for `ocs_eid_failures_total`.
#[derive(Debug, Default)]
pub struct FailureCounts(Mutex<BTreeMap<(String, &'static str), u64>>);

impl FailureCounts {
    /// Counts one failure.
    pub fn record(&self, provider: &str, failure: EidFailure) {
        *self
            .0
            .lock()
            .entry((provider.to_owned(), failure.reason()))
            .or_insert(0) += 1;
    }

    /// Every (provider, reason, count) so far.
    pub fn snapshot(&self) -> Vec<(String, &'static str, u64)> {
        self.0
            .lock()
            .iter()
            .map(|((p, r), n)| (p.clone(), *r, *n))
            .collect()
    }
}

/// A login being started: where to send the browser and the flow cookie to set.
#[derive(Debug)]
pub struct Started {
    /// The provider's authorization URL.
    pub redirect: String,
    /// The sealed flow state, for the cookie.
    pub flow_cookie: String,
    /// The answer comes back as a cross-site form post (SAML): the flow cookie must be
    /// `SameSite=None` to come with it.
    pub posted_back: bool,
}

/// Where a finished login goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnTo {
    /// The initiative.
    pub initiative: Slug,
    /// The nationality of the form.
    pub nationality: CountryCode,
    /// The page language.
    pub lang: String,
}

/// The outcome of a callback.
#[derive(Debug)]
pub struct Finished {
    /// Where to send the browser, when it can be told.
    pub return_to: Option<ReturnTo>,
    /// The sealed identity for the cookie, or why the login failed.
    pub outcome: Result<String, EidFailure>,
}

/// The provider's answer on the redirect URL.
#[derive(Debug, Default, Deserialize)]
pub struct Callback {
    /// The `state` sent.
    pub state: Option<String>,
    /// The authorization code.
    pub code: Option<String>,
    /// An error code instead of a code (`access_denied` when the person cancelled).
    pub error: Option<String>,
}

/// The IdP's answer posted to the assertion consumer service (SAML HTTP-POST binding).
#[derive(Debug, Default, Deserialize)]
pub struct SamlPost {
    /// The base64 `Response`.
    #[serde(rename = "SAMLResponse")]
    pub saml_response: Option<String>,
    /// Our `state`, sent as `RelayState`.
    #[serde(rename = "RelayState")]
    pub relay_state: Option<String>,
}

/// What came back from the provider.
enum Answer<'a> {
    Oidc(&'a Callback),
    Saml(Option<&'a str>),
}

#[derive(Serialize, Deserialize)]
struct Flow {
    provider: String,
    state: String,
    nonce: String,
    verifier: String,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    initiative: String,
    nationality: String,
    identity: EidIdentity,
}

enum Client {
    Oidc(Box<OidcClient>),
    Saml(Arc<SamlClient>),
}

struct Provider {
    config: Arc<ProviderConfig>,
    client: Client,
}

/// The eID relying party of this deployment.
pub struct EidService {
    providers: Vec<Provider>,
    boxes: StateBox,
    entropy: Arc<dyn Entropy>,
    table: Arc<CountryTable>,
    zone: TimeZone,
    failures: FailureCounts,
    /// SAML request IDs already answered, until their flow would have expired.
    answered: Mutex<AnsweredIds>,
}

impl std::fmt::Debug for EidService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EidService")
            .field("providers", &self.providers.len())
            .finish_non_exhaustive()
    }
}

fn random_text(entropy: &dyn Entropy) -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>(entropy))
}

fn random_hex(entropy: &dyn Entropy) -> String {
    use std::fmt::Write as _;
    random_bytes::<20>(entropy)
        .iter()
        .fold(String::with_capacity(40), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// `state` = `{slug}~{XX}~{lang}~{provider}~{random}`: the random part binds it to the flow
/// cookie; the rest lets a failed callback return the signer to the right form, and count
/// the failure for the right provider, even when the flow cookie is gone.
fn parse_state(state: &str) -> Option<(ReturnTo, String)> {
    let mut parts = state.split('~');
    let initiative = Slug::parse(parts.next()?).ok()?;
    let nationality = CountryCode::parse(parts.next()?).ok()?;
    let lang = parts.next()?;
    let provider = crate::config::ProviderId::parse(parts.next()?).ok()?;
    if lang.is_empty() || lang.len() > 8 || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    Some((
        ReturnTo {
            initiative,
            nationality,
            lang: lang.to_owned(),
        },
        provider.to_string(),
    ))
}

impl EidService {
    /// Builds the service. `key` is a dedicated derived secret; `zone` gives today's date
    /// for the age check.
    pub fn new(
        providers: Vec<ProviderConfig>,
        key: SecretKey,
        entropy: Arc<dyn Entropy>,
        table: Arc<CountryTable>,
        zone: TimeZone,
    ) -> Result<Self, String> {
        let providers = providers
            .into_iter()
            .map(|config| {
                let client = match &config.protocol {
                    Protocol::Oidc(settings) => {
                        Client::Oidc(Box::new(OidcClient::new(settings.clone())?))
                    }
                    Protocol::Saml(settings) => {
                        Client::Saml(Arc::new(SamlClient::new(settings.clone())))
                    }
                };
                Ok(Provider {
                    config: Arc::new(config),
                    client,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Self {
            providers,
            boxes: StateBox::new(key),
            entropy,
            table,
            zone,
            failures: FailureCounts::default(),
            answered: Mutex::new(AnsweredIds::new(crate::replay::DEFAULT_CAPACITY)),
        })
    }

    /// Providers offered to a national of `country` signing `initiative`.
    pub fn offered(&self, initiative: &Slug, country: CountryCode) -> Vec<&ProviderConfig> {
        self.providers
            .iter()
            .map(|p| p.config.as_ref())
            .filter(|c| c.serves(initiative, country))
            .collect()
    }

    /// Failure counters.
    pub fn failures(&self) -> &FailureCounts {
        &self.failures
    }

    /// Our SP metadata for a SAML provider, if `id` names one.
    pub fn saml_metadata(&self, id: &str) -> Option<String> {
        match &self.provider(id)?.client {
            Client::Saml(client) => Some(crate::saml::sp_metadata(client.settings())),
            Client::Oidc(_) => None,
        }
    }

    fn provider(&self, id: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.config.id.as_str() == id)
    }

    /// Starts a login. `None` when the provider does not serve this form.
    pub async fn start(
        &self,
        provider: &str,
        initiative: &Slug,
        country: CountryCode,
        lang: &str,
        now: Timestamp,
    ) -> Option<Result<Started, EidFailure>> {
        let entry = self
            .provider(provider)
            .filter(|p| p.config.serves(initiative, country))?;
        let flow = Flow {
            provider: entry.config.id.to_string(),
            state: format!(
                "{initiative}~{country}~{lang}~{}~{}",
                entry.config.id,
                random_text(self.entropy.as_ref())
            ),
            nonce: random_text(self.entropy.as_ref()),
            verifier: random_text(self.entropy.as_ref()),
        };
        let mut flow = flow;
        let request = match &entry.client {
            Client::Oidc(client) => client
                .authorize(&flow.state, &flow.nonce, &flow.verifier, lang)
                .await
                .map(|request| request.url),
            Client::Saml(client) => {
                // The AuthnRequest ID (an NCName) takes the nonce's place.
                flow.nonce = format!("_{}", random_hex(self.entropy.as_ref()));
                flow.verifier.clear();
                client.authn_request_url(&flow.nonce, &flow.state, now)
            }
        };
        let result = match request {
            Ok(url) => {
                let body = Zeroizing::new(serde_json::to_vec(&flow).unwrap_or_default());
                let expires = now.checked_add(FLOW_LIFETIME).unwrap_or(now);
                Ok(Started {
                    redirect: url,
                    posted_back: matches!(entry.client, Client::Saml(_)),
                    flow_cookie: self.boxes.seal(
                        FLOW_PURPOSE,
                        &body,
                        expires,
                        self.entropy.as_ref(),
                    ),
                })
            }
            Err(failure) => {
                self.failures.record(entry.config.id.as_str(), failure);
                Err(failure)
            }
        };
        Some(result)
    }

    /// Finishes a login from the provider's callback and the flow cookie. Failures are
    /// counted per provider.
    pub async fn finish(
        &self,
        flow_cookie: Option<&str>,
        callback: &Callback,
        now: Timestamp,
    ) -> Finished {
        self.finish_answer(
            flow_cookie,
            callback.state.as_deref(),
            Answer::Oidc(callback),
            now,
        )
        .await
    }

    /// Finishes a SAML login from the response posted to the assertion consumer service
    /// and the flow cookie. Failures are counted per provider.
    pub async fn finish_saml(
        &self,
        flow_cookie: Option<&str>,
        post: &SamlPost,
        now: Timestamp,
    ) -> Finished {
        self.finish_answer(
            flow_cookie,
            post.relay_state.as_deref(),
            Answer::Saml(post.saml_response.as_deref()),
            now,
        )
        .await
    }

    async fn finish_answer(
        &self,
        flow_cookie: Option<&str>,
        state: Option<&str>,
        answer: Answer<'_>,
        now: Timestamp,
    ) -> Finished {
        let (return_to, named) = state
            .and_then(parse_state)
            .map_or((None, None), |(to, provider)| (Some(to), Some(provider)));
        // Only a configured name becomes a metric label: the state comes from the browser.
        let named = named
            .filter(|name| self.provider(name).is_some())
            .unwrap_or_else(|| "unknown".to_owned());
        let flow = flow_cookie
            .and_then(|cookie| self.boxes.open(FLOW_PURPOSE, cookie, now))
            .and_then(|body| serde_json::from_slice::<Flow>(&body).ok());
        let Some(flow) = flow else {
            // No flow: never started here, in another browser, or older than its lifetime.
            let failure = if flow_cookie.is_some() {
                EidFailure::Expired
            } else {
                EidFailure::State
            };
            self.failures.record(&named, failure);
            return Finished {
                return_to,
                outcome: Err(failure),
            };
        };
        let outcome = self
            .finish_flow(&flow, state, answer, return_to.as_ref(), now)
            .await;
        if let Err(failure) = outcome {
            self.failures.record(&flow.provider, failure);
            tracing::info!(provider = %flow.provider, reason = failure.reason(), "eID login failed");
        }
        Finished { return_to, outcome }
    }

    async fn finish_flow(
        &self,
        flow: &Flow,
        state: Option<&str>,
        answer: Answer<'_>,
        return_to: Option<&ReturnTo>,
        now: Timestamp,
    ) -> Result<String, EidFailure> {
        let sent = state.unwrap_or("");
        let (Some(return_to), true) = (
            return_to,
            bool::from(sent.as_bytes().ct_eq(flow.state.as_bytes())),
        ) else {
            return Err(EidFailure::State);
        };
        let provider = self.provider(&flow.provider).ok_or(EidFailure::State)?;
        let identity = match (answer, &provider.client) {
            (Answer::Oidc(callback), Client::Oidc(client)) => {
                if let Some(error) = callback.error.as_deref() {
                    return Err(if error == "access_denied" {
                        EidFailure::Cancelled
                    } else {
                        EidFailure::Provider
                    });
                }
                let code = callback.code.as_deref().ok_or(EidFailure::Provider)?;
                client
                    .finish(&provider.config, code, &flow.verifier, &flow.nonce, now)
                    .await?
            }
            (Answer::Saml(response), Client::Saml(client)) => {
                let response = response.ok_or(EidFailure::Provider)?.to_owned();
                let (client, config, request) = (
                    Arc::clone(client),
                    Arc::clone(&provider.config),
                    flow.nonce.clone(),
                );
                // Parsing, canonicalisation and RSA are CPU work on attacker-sized input:
                // a blocking thread, so the async workers keep serving.
                let identity = tokio::task::spawn_blocking(move || {
                    client.finish(&config, &response, &request, now)
                })
                .await
                .map_err(|_| EidFailure::Provider)??;
                // Only a verified answer is remembered: filling the bounded memory then takes
                // as many genuine eID logins, not as many posts of a forged response.
                self.answer_once(&flow.nonce, now)?;
                identity
            }
            _ => return Err(EidFailure::State),
        };
        self.check_person(&identity, return_to.nationality, now)?;
        let sealed = Sealed {
            initiative: return_to.initiative.to_string(),
            nationality: return_to.nationality.to_string(),
            identity,
        };
        let body = Zeroizing::new(serde_json::to_vec(&sealed).map_err(|_| EidFailure::Claims)?);
        let expires = now.checked_add(IDENTITY_LIFETIME).unwrap_or(now);
        Ok(self
            .boxes
            .seal(IDENTITY_PURPOSE, &body, expires, self.entropy.as_ref()))
    }

    /// Accepts an answer to the SAML request `id` once: a second one (a replayed response,
    /// even with the flow cookie) is refused.
    fn answer_once(&self, id: &str, now: Timestamp) -> Result<(), EidFailure> {
        let until = now.checked_add(FLOW_LIFETIME).unwrap_or(now);
        match self.answered.lock().accept(id, now, until) {
            Ok(()) => Ok(()),
            Err(Refused::Replayed) => Err(EidFailure::State),
            Err(Refused::Full) => {
                tracing::warn!("SAML replay memory full: login refused until entries expire");
                Err(EidFailure::Provider)
            }
        }
    }

    /// Nationality (when the eID states one) and minimum age on today's date.
    fn check_person(
        &self,
        identity: &EidIdentity,
        country: CountryCode,
        now: Timestamp,
    ) -> Result<(), EidFailure> {
        if let Some(stated) = identity.nationality.as_deref() {
            let stated = CountryCode::parse(stated).map_err(|_| EidFailure::Nationality)?;
            if stated != country {
                return Err(EidFailure::Nationality);
            }
        }
        if let Some(birth) = identity.birth_date() {
            let today = now.to_zoned(self.zone.clone()).date();
            check_age(self.table.get(country), birth, today).map_err(|_| EidFailure::UnderAge)?;
        }
        Ok(())
    }

    /// The identity sealed for this form, if the cookie holds a valid one.
    pub fn identity(
        &self,
        cookie: &str,
        initiative: &Slug,
        country: CountryCode,
        now: Timestamp,
    ) -> Option<EidIdentity> {
        let body = self.boxes.open(IDENTITY_PURPOSE, cookie, now)?;
        let sealed: Sealed = serde_json::from_slice(&body).ok()?;
        (sealed.initiative == initiative.as_str() && sealed.nationality == country.as_str())
            .then(|| sealed.identity.clone())
    }

    /// Counts a failure found elsewhere (a locked value changed on the form).
    pub fn record_failure(&self, provider: &str, failure: EidFailure) {
        self.failures.record(provider, failure);
    }
}
