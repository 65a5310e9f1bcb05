//! The secrets every service derives from the server key and the de-duplication key file.

use std::sync::Arc;

use anyhow::Context as _;
use ocs_crypto::{SecretKey, ServerKeys};
use ocs_service::catalog::SharedCatalog;
use ocs_service::initiative_keys::Keyring;
use ocs_service::{Clock, SigningSecrets};

use crate::config::Config;

/// Loads the server key (`secrets.server_key_file`) every other secret is derived from.
pub fn load_server_key(config: &Config) -> anyhow::Result<SecretKey> {
    SecretKey::load(&config.server_key_file).with_context(|| {
        format!(
            "secrets.server_key_file {0} (make one with `ocs keygen --secret {0}`)",
            config.server_key_file.display()
        )
    })
}

/// The server keys by role (ADR 0012): key id 0 of each derived from the server key, then
/// the rotated keys in `secrets.role_keys_dir` (`ocs keys rotate`).
pub fn server_keys(config: &Config, server_key: &SecretKey) -> anyhow::Result<ServerKeys> {
    ServerKeys::load(&config.role_keys_dir, server_key, config.token_key_grace).with_context(|| {
        format!(
            "secrets.role_keys_dir {} (see `ocs keys list`)",
            config.role_keys_dir.display()
        )
    })
}

/// The signing service's secrets: the de-duplication key from its file, the token and
/// receipt-verifier keys from `keys`.
pub(super) fn signing_secrets(
    config: &Config,
    server_key: &SecretKey,
    keys: &ServerKeys,
    store: Arc<dyn ocs_storage::Store>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<SigningSecrets> {
    Ok(SigningSecrets {
        // Per-initiative random subkeys beside the backup keys (ADR 0011), in this process
        // or behind `ocs tagd`; the shared secret stays for initiatives created before them.
        tag_keys: Arc::new(crate::tagd::keyring(config, server_key, store, clock)?),
        altcha: keys.altcha(config.altcha_max_number, config.challenge_ttl),
        form_tokens: keys.form_tokens(),
        receipts: keys.receipt_tokens(),
    })
}

/// Makes or loads the de-duplication subkeys of every served initiative at start, so the
/// first node of a deployment makes them before statements arrive, and a node that lacks a
/// key file says so now (`KEY-001`) rather than at the first statement.
pub(super) async fn prepare_tag_keys(keyring: &Keyring, catalog: &SharedCatalog) {
    for entry in catalog.all() {
        let initiative = entry.initiative.id;
        match keyring.prepare(initiative).await {
            Ok(()) => {}
            Err(error) if error.code() == ocs_domain::ErrorCode::KeyDestroyed => {}
            Err(error) => {
                tracing::error!(code = %error.code(), %error, "initiative keys unavailable: its statements are refused on this node");
            }
        }
    }
}

/// The key that seals console TOTP secrets at rest (see `ocs_crypto::totp::TotpKey`).
pub fn totp_key(keys: &ServerKeys) -> ocs_crypto::totp::TotpKey {
    keys.totp_key()
}

/// The console password pepper (see `ocs_crypto::password`); `ocs admin` derives the same.
pub fn password_pepper(keys: &ServerKeys) -> ocs_crypto::password::Pepper {
    keys.pepper()
}
