//! Every role's keys of one server, and the per-purpose issuers built from them (ADR 0012).
//!
//! The purpose labels are the ones used before key ids existed, so key id 0 (from the root
//! file) gives exactly the keys of earlier releases.

use std::path::Path;

use jiff::SignedDuration;

use crate::CryptoError;
use crate::altcha::AltchaIssuer;
use crate::csrf::CsrfTokens;
use crate::password::Pepper;
use crate::role_keys::{KeyRole, RoleKeys, load_role_keys};
use crate::secret::SecretKey;
use crate::token::{FormTokens, ReceiptTokens};
use crate::totp::TotpKey;

/// The purpose labels that derive each issuer's keys from its role's keys.
pub mod purpose {
    /// Proof-of-work challenge signatures (token role).
    pub const ALTCHA: &str = "openocs altcha v1";
    /// Form tokens (token role).
    pub const FORM_TOKEN: &str = "openocs form token v1";
    /// Receipt tokens (token role).
    pub const RECEIPT_TOKEN: &str = "openocs receipt v1";
    /// CSRF tokens (token role).
    pub const CSRF: &str = "openocs csrf v1";
    /// TOTP sealing (TOTP role).
    pub const TOTP: &str = "openocs totp v1";
    /// Password pepper (pepper role).
    pub const PEPPER: &str = "openocs password pepper v1";
}

/// The server's keys by role.
#[derive(Clone, Debug)]
pub struct ServerKeys {
    /// Short-lived token keys.
    pub tokens: RoleKeys,
    /// Receipt-secret verifier keys (long-lived).
    pub receipt_verifier: RoleKeys,
    /// TOTP sealing keys (long-lived).
    pub totp: RoleKeys,
    /// Password pepper keys (long-lived).
    pub pepper: RoleKeys,
}

impl ServerKeys {
    /// Key id 0 of every role from `root` and every rotated key file in `dir` (a missing
    /// directory holds none); replaced token keys verify for `token_grace`.
    pub fn load(
        dir: &Path,
        root: &SecretKey,
        token_grace: SignedDuration,
    ) -> Result<Self, CryptoError> {
        let load = |role| load_role_keys(dir, role, root, token_grace);
        Ok(Self {
            tokens: load(KeyRole::Tokens)?,
            receipt_verifier: load(KeyRole::ReceiptVerifier)?,
            totp: load(KeyRole::Totp)?,
            pepper: load(KeyRole::Pepper)?,
        })
    }

    /// The keys of `role`.
    pub fn role(&self, role: KeyRole) -> &RoleKeys {
        match role {
            KeyRole::Tokens => &self.tokens,
            KeyRole::ReceiptVerifier => &self.receipt_verifier,
            KeyRole::Totp => &self.totp,
            KeyRole::Pepper => &self.pepper,
        }
    }

    /// The proof-of-work issuer.
    pub fn altcha(&self, max_number: u64, ttl: SignedDuration) -> AltchaIssuer {
        AltchaIssuer::with_keys(self.tokens.derive(purpose::ALTCHA), max_number, ttl)
    }

    /// The form token issuer.
    pub fn form_tokens(&self) -> FormTokens {
        FormTokens::with_keys(self.tokens.derive(purpose::FORM_TOKEN))
    }

    /// The receipt token issuer and receipt-secret verifier.
    pub fn receipt_tokens(&self) -> ReceiptTokens {
        ReceiptTokens::with_keys(
            self.tokens.derive(purpose::RECEIPT_TOKEN),
            &self.receipt_verifier,
        )
    }

    /// The CSRF token keys (for [`CsrfTokens::with_keys`]).
    pub fn csrf_keys(&self) -> RoleKeys {
        self.tokens.derive(purpose::CSRF)
    }

    /// The CSRF token issuer.
    pub fn csrf(&self) -> CsrfTokens {
        CsrfTokens::with_keys(self.csrf_keys())
    }

    /// The TOTP sealing key.
    pub fn totp_key(&self) -> TotpKey {
        TotpKey::with_keys(self.totp.derive(purpose::TOTP))
    }

    /// The password pepper.
    pub fn pepper(&self) -> Pepper {
        Pepper::with_keys(self.pepper.derive(purpose::PEPPER))
    }
}
