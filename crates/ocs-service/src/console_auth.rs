//! Console sign-in: Argon2id password (same work and answer for an unknown name and a wrong
//! password), TOTP second factor for every account (enrolled at the first sign-in, its secret
//! sealed at rest under a key derived from the server secret and bound to the account), sessions
//! stored by hash with idle and absolute expiry, a form token per session, and throttling per
//! account and per network, counted in the store so every node shares the counters. The web
//! console calls only this.

use ocs_domain::ErrorCode;
use std::net::IpAddr;
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use ocs_crypto::Entropy;
use ocs_crypto::password::{Pepper, hash_password_with, verify_password_with};
use ocs_crypto::totp::{TotpKey, TotpSecret, is_sealed};
use ocs_domain::access::{AccountName, Principal};
use ocs_storage::{
    AccountChange, CsrfHash, SessionHash, SessionRecord, StorageError, ThrottleKey, ThrottleScope,
};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq as _;

use crate::audit::{Actor, AuditAction, AuditEvent, stored_entry};
use crate::clock::Clock;
use crate::storage::narrow_storage;

mod settings;
mod throttle;
pub use settings::AuthSettings;
use throttle::{ThrottleKeys, network_of};

/// Prefix of a session cookie value, so a leaked one is easy to spot.
const SESSION_PREFIX: &str = "ocs-session-";

/// Why a sign-in or a session was refused. The answer never says which part was wrong.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// Name, password or code wrong, or the account is disabled.
    #[error("the name, password or code is wrong")]
    Invalid,
    /// Too many failures for this name or address; try again after `retry_after` (the
    /// window that is full; sent as `Retry-After`).
    #[error("too many failed sign-ins; try again later")]
    Throttled {
        /// How long to wait at most.
        retry_after: SignedDuration,
    },
    /// No session, or it expired.
    #[error("signed out")]
    SignedOut,
    /// The store failed.
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
}

impl AuthError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid => ErrorCode::ConsoleInvalid,
            Self::Throttled { .. } => ErrorCode::ConsoleThrottled,
            Self::SignedOut => ErrorCode::ConsoleSignedOut,
            Self::Storage(_) => ErrorCode::ConsoleStorage,
        }
    }
}

/// What a correct name and password lead to.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: set `cookie` (`__Host-` prefixed, `HttpOnly; Secure; SameSite=Strict`) and
    /// put `form_token` in every console form.
    Session {
        /// The session cookie value.
        cookie: String,
        /// The synchroniser token.
        form_token: String,
    },
    /// First sign-in: show this `otpauth://` URI as a QR code and ask for a first code.
    EnrolmentNeeded {
        /// The URI for the authenticator app.
        uri: String,
    },
}

/// A checked session.
#[derive(Debug, Clone)]
pub struct ConsoleSession {
    /// The account's rights.
    pub principal: Principal,
    /// The account, for the audit trail.
    pub actor: Actor,
    /// The form token to put in every console form of this session.
    pub form_token: String,
    csrf_hash: CsrfHash,
}

impl ConsoleSession {
    /// Whether `token` is this session's form token (constant time).
    pub fn form_token_matches(&self, token: &str) -> bool {
        sha256(token.as_bytes())
            .ct_eq(self.csrf_hash.as_bytes())
            .into()
    }
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The form token of the session with random id `id`: derived from the id, so pages can show
/// it while only its hash is stored, and unknowable without the session cookie.
fn form_token_of(id: &str) -> String {
    hex::encode(sha256(format!("ocs-form-token:{id}").as_bytes()))
}

narrow_storage! {
    /// What sign-in and account administration may touch in storage.
    pub struct ConsoleAuthStorage from ocs_storage::Store {
        /// Console accounts (passwords, TOTP, roles), created and changed with an audit entry.
        accounts: AccountStore,
        /// Sessions and the sign-in throttle.
        sessions: SessionStore,
        /// The stored audit trail, read and verified for the console's audit page.
        audit_log: AuditLog,
    }
}

/// The sign-in use case.
pub struct ConsoleAuth {
    store: ConsoleAuthStorage,
    clock: Arc<dyn Clock>,
    entropy: Arc<dyn Entropy>,
    settings: AuthSettings,
    pepper: Option<Pepper>,
    totp_key: Option<TotpKey>,
    legacy_cutoff: Option<Timestamp>,
}

impl ConsoleAuth {
    /// Assembles the service.
    pub fn new(
        store: impl Into<ConsoleAuthStorage>,
        clock: Arc<dyn Clock>,
        entropy: Arc<dyn Entropy>,
        settings: AuthSettings,
    ) -> Self {
        Self {
            store: store.into(),
            clock,
            entropy,
            settings,
            pepper: None,
            totp_key: None,
            legacy_cutoff: None,
        }
    }

    /// From `cutoff` on, refuses the credential formats that someone able to write the
    /// database could plant (issue 20, item 6): an unpeppered password hash while a pepper
    /// is configured, and a TOTP secret stored in clear while a TOTP key is configured.
    /// Before it, they are accepted once and upgraded (peppered, sealed). Refused like a
    /// wrong password, with a warning in the log.
    #[must_use]
    pub fn with_legacy_cutoff(mut self, cutoff: Timestamp) -> Self {
        self.legacy_cutoff = Some(cutoff);
        self
    }

    fn legacy_refused(&self, now: Timestamp) -> bool {
        self.legacy_cutoff.is_some_and(|cutoff| now >= cutoff)
    }

    /// Peppers passwords with `pepper` (`server_key.derive("openocs password pepper v1")`):
    /// new hashes are peppered, and an old hash is replaced after its next good sign-in.
    #[must_use]
    pub fn with_pepper(mut self, pepper: Pepper) -> Self {
        self.pepper = Some(pepper);
        self
    }

    /// Seals TOTP secrets with `key` (`server_key.derive("openocs totp v1")`): new secrets
    /// are stored sealed, and a legacy secret stored in clear is sealed after its next good
    /// sign-in. Without a key, secrets are stored as they are (tests only).
    #[must_use]
    pub fn with_totp_key(mut self, key: TotpKey) -> Self {
        self.totp_key = Some(key);
        self
    }

    /// The TOTP secret of `account` from its stored (sealed or legacy) value; `None` when
    /// there is none, or it does not open for this account under this key. For sign-in, and
    /// for tests and tools that must compute a code.
    pub fn stored_totp_secret(&self, account: &ocs_storage::Account) -> Option<TotpSecret> {
        let stored = account.totp_secret.as_deref()?;
        match &self.totp_key {
            Some(key) => key.open(account.name.as_str(), stored),
            None => (!is_sealed(stored)).then(|| TotpSecret::from_bytes(stored.to_vec())),
        }
    }

    /// The value to store for `secret` of the account named `name`.
    fn storable_totp(&self, name: &str, secret: &TotpSecret) -> Result<Vec<u8>, AuthError> {
        match &self.totp_key {
            Some(key) => key
                .seal(name, secret, self.entropy.as_ref())
                .map_err(|e| AuthError::Storage(StorageError::other(e))),
            None => Ok(secret.as_bytes().to_vec()),
        }
    }

    /// The pepper, when configured.
    pub fn pepper(&self) -> Option<&Pepper> {
        self.pepper.as_ref()
    }

    /// The stored throttle key of `value`: a keyed hash (with the pepper when configured),
    /// so the table holds no account name or address.
    fn throttle_key(&self, scope: ThrottleScope, value: &str) -> ThrottleKey {
        let kind = scope.as_str();
        let digest = match &self.pepper {
            Some(pepper) => pepper.tag(format!("throttle:{kind}:").as_bytes(), value.as_bytes()),
            None => sha256(format!("ocs-throttle:{kind}:{value}").as_bytes()),
        };
        ThrottleKey::new(scope, &digest)
    }

    /// `Throttled` when a counter is full: the (name, network) pair in the window or in the
    /// back-off window, the name from all networks, or the network.
    async fn check_throttle(&self, keys: &ThrottleKeys, now: Timestamp) -> Result<(), AuthError> {
        let settings = &self.settings;
        for (key, limit, window) in keys.limits(settings) {
            let failures = self.store.sessions.login_failures(key, now, window).await?;
            if failures >= limit {
                return Err(AuthError::Throttled {
                    retry_after: window,
                });
            }
        }
        Ok(())
    }

    async fn fail(&self, keys: &ThrottleKeys, now: Timestamp) -> AuthError {
        for (key, _, window) in keys.limits(&self.settings) {
            if let Err(error) = self
                .store
                .sessions
                .record_login_failure(key, now, window)
                .await
            {
                return AuthError::Storage(error);
            }
        }
        AuthError::Invalid
    }

    fn random_token(&self) -> String {
        let mut bytes = [0u8; 32];
        self.entropy.fill(&mut bytes);
        hex::encode(bytes)
    }

    /// Checks name, password and (once enrolled) the TOTP `code`. An unknown name costs the
    /// same Argon2id work as a wrong password and gets the same answer.
    pub async fn sign_in(
        &self,
        name: &str,
        password: &str,
        code: &str,
        address: IpAddr,
    ) -> Result<SignIn, AuthError> {
        let now = self.clock.now();
        let account = name.trim().to_ascii_lowercase();
        let network = network_of(address);
        let keys = ThrottleKeys {
            pair: self.throttle_key(
                ThrottleScope::AccountNetwork,
                &format!("{account}\n{network}"),
            ),
            pair_backoff: self.throttle_key(
                ThrottleScope::AccountNetworkLong,
                &format!("{account}\n{network}"),
            ),
            account: self.throttle_key(ThrottleScope::Account, &account),
            network: self.throttle_key(ThrottleScope::Network, &network),
        };
        self.check_throttle(&keys, now).await?;
        let account = match AccountName::parse(name) {
            Ok(name) => self.store.accounts.account_by_name(&name).await?,
            Err(_) => None,
        };
        let stored = account.as_ref().map(|a| a.password_hash.clone());
        let legacy = stored
            .as_deref()
            .is_some_and(|stored| !ocs_crypto::password::is_peppered(stored));
        let typed = password.to_owned();
        let params = self.settings.password;
        let pepper = self.pepper.clone();
        let verified = tokio::task::spawn_blocking(move || {
            verify_password_with(&typed, stored.as_deref(), params, pepper.as_ref())
        })
        .await
        .unwrap_or(ocs_crypto::password::Verified {
            ok: false,
            needs_upgrade: false,
        });
        let Some(account) = account.filter(|a| verified.ok && !a.disabled) else {
            return Err(self.fail(&keys, now).await);
        };
        if verified.needs_upgrade && legacy && self.legacy_refused(now) {
            tracing::warn!("an unpeppered password hash was refused: past the legacy cut-off");
            return Err(self.fail(&keys, now).await);
        }
        let actor = Actor::User(account.name.to_string());
        if let Some(enrolment) = self
            .second_factor(&account, code, &actor, &keys, now)
            .await?
        {
            return Ok(enrolment);
        }
        // A good sign-in clears this network's counters for the name; the name's count over
        // all networks stays until its window ends (it caps distributed guessing).
        self.store.sessions.clear_login_failures(&keys.pair).await?;
        self.store
            .sessions
            .clear_login_failures(&keys.pair_backoff)
            .await?;
        if verified.needs_upgrade {
            self.upgrade_hash(&account, password, &actor).await?;
        }
        // A new session id at every sign-in: a fixed cookie from before is worthless.
        let id = self.random_token();
        let form_token = form_token_of(&id);
        self.store
            .sessions
            .create_session(
                SessionHash::of_id(&id),
                SessionRecord {
                    account: account.id,
                    created_at: now,
                    last_seen_at: now,
                    csrf_hash: CsrfHash::of_token(&form_token),
                },
            )
            .await?;
        Ok(SignIn::Session {
            cookie: format!("{SESSION_PREFIX}{id}"),
            form_token,
        })
    }

    /// Checks the TOTP `code` of an account whose password was right: `Ok(None)` to go on
    /// and open a session, `Ok(Some(enrolment))` when a secret was just issued. Seals a
    /// legacy secret stored in clear once it proved right.
    async fn second_factor(
        &self,
        account: &ocs_storage::Account,
        code: &str,
        actor: &Actor,
        keys: &ThrottleKeys,
        now: Timestamp,
    ) -> Result<Option<SignIn>, AuthError> {
        let name = account.name.as_str();
        let in_clear = self.totp_key.is_some()
            && account
                .totp_secret
                .as_deref()
                .is_some_and(|stored| !is_sealed(stored));
        if in_clear
            && self.legacy_refused(now)
            && (account.totp_enrolled || !code.trim().is_empty())
        {
            tracing::warn!("a TOTP secret stored in clear was refused: past the legacy cut-off");
            return Err(self.fail(keys, now).await);
        }
        // The code must be right and of a later time step than the last one accepted for this
        // account (issue 19, finding 5): a code seen once cannot be used again in its window.
        let checked = || async {
            let secret = self.stored_totp_secret(account)?;
            let step = secret.verify(code, now.as_second())?;
            match self.store.accounts.accept_totp_step(account.id, step).await {
                Ok(true) => Some(Ok(secret)),
                Ok(false) => None,
                Err(error) => Some(Err(AuthError::Storage(error))),
            }
        };
        match (account.totp_secret.as_deref(), account.totp_enrolled) {
            (Some(stored), true) => {
                let Some(secret) = checked().await.transpose()? else {
                    return Err(self.fail(keys, now).await);
                };
                // Sealed again when in clear or under a replaced key id (ADR 0012).
                if self
                    .totp_key
                    .as_ref()
                    .is_some_and(|key| key.needs_reseal(stored))
                {
                    let sealed = self.storable_totp(name, &secret)?;
                    self.store_totp(
                        account,
                        sealed,
                        true,
                        actor,
                        AuditAction::ACCOUNT_TOTP_SEALED,
                        now,
                    )
                    .await?;
                }
                Ok(None)
            }
            (Some(_), false) if !code.trim().is_empty() => {
                let Some(secret) = checked().await.transpose()? else {
                    return Err(self.fail(keys, now).await);
                };
                let sealed = self.storable_totp(name, &secret)?;
                self.store_totp(
                    account,
                    sealed,
                    true,
                    actor,
                    AuditAction::ACCOUNT_TOTP_ENROLLED,
                    now,
                )
                .await?;
                Ok(None)
            }
            _ => {
                let secret = TotpSecret::generate(self.entropy.as_ref());
                let uri = secret.uri("OpenOCS", name);
                let sealed = self.storable_totp(name, &secret)?;
                self.store_totp(
                    account,
                    sealed,
                    false,
                    actor,
                    AuditAction::ACCOUNT_TOTP_ISSUED,
                    now,
                )
                .await?;
                Ok(Some(SignIn::EnrolmentNeeded { uri }))
            }
        }
    }

    /// Stores a (sealed) TOTP secret with an audit entry `action`.
    async fn store_totp(
        &self,
        account: &ocs_storage::Account,
        secret: Vec<u8>,
        enrolled: bool,
        actor: &Actor,
        action: AuditAction,
        now: Timestamp,
    ) -> Result<(), AuthError> {
        let event = AuditEvent::new(actor.clone(), action, None, "");
        self.store
            .accounts
            .change_account(
                account.id,
                AccountChange::Totp { secret, enrolled },
                stored_entry(event, now),
            )
            .await?;
        Ok(())
    }

    /// Replaces an unpeppered hash by a peppered one of the same password (audited as
    /// `account.password-rehashed`; the second factor stays).
    async fn upgrade_hash(
        &self,
        account: &ocs_storage::Account,
        password: &str,
        actor: &Actor,
    ) -> Result<(), AuthError> {
        let params = self.settings.password;
        let pepper = self.pepper.clone();
        let entropy = Arc::clone(&self.entropy);
        let password = zeroize::Zeroizing::new(password.to_owned());
        let hash = tokio::task::spawn_blocking(move || {
            hash_password_with(&password, params, pepper.as_ref(), entropy.as_ref())
        })
        .await;
        let Ok(Ok(hash)) = hash else {
            // Keep the old hash; the next sign-in tries again.
            return Ok(());
        };
        let event = AuditEvent::new(
            actor.clone(),
            AuditAction::ACCOUNT_PASSWORD_REHASHED,
            None,
            "",
        );
        self.store
            .accounts
            .change_account(
                account.id,
                AccountChange::Rehash(hash),
                stored_entry(event, self.clock.now()),
            )
            .await?;
        Ok(())
    }

    /// The session behind a cookie value, if it is live; records the activity.
    pub async fn session(&self, cookie: &str) -> Result<ConsoleSession, AuthError> {
        let id = cookie
            .strip_prefix(SESSION_PREFIX)
            .ok_or(AuthError::SignedOut)?;
        let hash = SessionHash::of_id(id);
        let record = self
            .store
            .sessions
            .session(hash)
            .await?
            .ok_or(AuthError::SignedOut)?;
        let now = self.clock.now();
        let idle_end = record
            .last_seen_at
            .checked_add(self.settings.idle)
            .unwrap_or(now);
        let absolute_end = record
            .created_at
            .checked_add(self.settings.absolute)
            .unwrap_or(now);
        if now >= idle_end || now >= absolute_end {
            self.store.sessions.end_session(hash).await?;
            return Err(AuthError::SignedOut);
        }
        let account = self
            .store
            .accounts
            .accounts()
            .await?
            .into_iter()
            .find(|a| a.id == record.account)
            .filter(|a| !a.disabled && a.totp_enrolled)
            .ok_or(AuthError::SignedOut)?;
        self.store.sessions.touch_session(hash, now).await?;
        Ok(ConsoleSession {
            principal: Principal::account(account.role, account.initiative),
            actor: Actor::User(account.name.to_string()),
            form_token: form_token_of(id),
            csrf_hash: record.csrf_hash,
        })
    }

    /// Ends the session behind a cookie value.
    pub async fn sign_out(&self, cookie: &str) -> Result<(), AuthError> {
        if let Some(id) = cookie.strip_prefix(SESSION_PREFIX) {
            self.store
                .sessions
                .end_session(SessionHash::of_id(id))
                .await?;
        }
        Ok(())
    }
}

mod admin;
pub use admin::{AccountError, AuditView};

#[cfg(test)]
mod tests;
