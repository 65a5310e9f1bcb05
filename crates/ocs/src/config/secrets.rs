//! `[secrets]`: the files holding the server and de-duplication secrets, and the directory
//! of rotated server keys by role (ADR 0012).

use std::path::{Path, PathBuf};

use anyhow::bail;

use serde::{Deserialize, Serialize};

/// `[secrets]` as written: paths only, never the secrets.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSecrets {
    /// Keys the anti-bot challenges, form tokens and receipts.
    pub(super) server_key_file: PathBuf,
    /// Keys the de-duplication tags. Rotating it needs re-tagging offline.
    pub(super) dedup_key_file: PathBuf,
    /// Rotated server keys by role (`ocs keys rotate`); default: `keys/` beside the server
    /// key file. Key id 0 of every role stays derived from the server key file.
    #[serde(default)]
    pub(super) role_keys_dir: Option<PathBuf>,
    /// How long a replaced token key still verifies, in hours (default 24). At least the
    /// form lifetime and the challenge lifetime.
    #[serde(default = "default_grace_hours")]
    pub(super) token_key_grace_hours: u32,
}

fn default_grace_hours() -> u32 {
    24
}

/// Where the rotated keys live (`server_key_file`'s directory + `keys` by default), and the
/// token grace period, refused when shorter than a form or a challenge lives.
pub(super) fn role_keys(
    secrets: &RawSecrets,
    antibot: &super::antibot::RawAntibot,
    base: &Path,
) -> anyhow::Result<(PathBuf, jiff::SignedDuration)> {
    let dir = match &secrets.role_keys_dir {
        Some(dir) => super::relative(base, dir),
        None => super::relative(base, &secrets.server_key_file)
            .parent()
            .unwrap_or(Path::new("."))
            .join("keys"),
    };
    let longest_token = antibot
        .form_lifetime_minutes
        .saturating_mul(60)
        .max(antibot.challenge_ttl_seconds);
    let grace = jiff::SignedDuration::from_hours(i64::from(secrets.token_key_grace_hours));
    if grace.as_secs() < longest_token {
        bail!(
            "secrets.token_key_grace_hours = {} is shorter than a form or challenge lives ({longest_token}s): a rotation would break open forms",
            secrets.token_key_grace_hours,
        );
    }
    Ok((dir, grace))
}
