//! `[secrets]`: the files holding the server and de-duplication secrets.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// `[secrets]` as written: paths only, never the secrets.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSecrets {
    /// Keys the anti-bot challenges, form tokens and receipts.
    pub(super) server_key_file: PathBuf,
    /// Keys the de-duplication tags. Rotating it needs re-tagging offline.
    pub(super) dedup_key_file: PathBuf,
}
