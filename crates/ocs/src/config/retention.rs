//! `[retention]`: the destruction deadlines, the backup keys folder and the artefacts folder.

use std::path::{Path, PathBuf};

use anyhow::bail;
use ocs_domain::retention::RetentionRules;
use serde::{Deserialize, Serialize};

use super::relative;

/// `[retention]`: the destruction deadlines (docs/SECURITY.md, "Retention").
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawRetention {
    pub(super) after_submission_months: i8,
    pub(super) after_collection_start_months: i8,
    pub(super) after_withdrawal_months: i8,
    /// Days after the conclusion of proceedings that held the data (Art. 19(5)).
    pub(super) after_proceedings_days: i16,
    /// Per-initiative backup keys (`ocs backup`), destroyed at the deadline.
    pub(super) keys_dir: PathBuf,
    /// Export artefacts kept on the server, per initiative in `DIR/<slug>/`.
    pub(super) artefacts_dir: Option<PathBuf>,
}

impl Default for RawRetention {
    fn default() -> Self {
        let rules = RetentionRules::default();
        Self {
            after_submission_months: rules.after_submission_months,
            after_collection_start_months: rules.after_collection_start_months,
            after_withdrawal_months: rules.after_withdrawal_months,
            after_proceedings_days: rules.after_proceedings_days,
            keys_dir: PathBuf::from("keys"),
            artefacts_dir: None,
        }
    }
}

/// The checked `[retention]` section: deadlines, backup keys folder, artefacts folder.
pub(super) fn retention(
    raw: &RawRetention,
    base: &Path,
) -> anyhow::Result<(RetentionRules, PathBuf, Option<PathBuf>)> {
    let months = [
        raw.after_submission_months,
        raw.after_collection_start_months,
        raw.after_withdrawal_months,
    ];
    if months.iter().any(|m| !(0..=60).contains(m)) {
        bail!("retention: every *_months must be between 0 and 60");
    }
    if !(0..=31).contains(&raw.after_proceedings_days) {
        bail!("retention: after_proceedings_days must be between 0 and 31");
    }
    let rules = RetentionRules {
        after_submission_months: raw.after_submission_months,
        after_collection_start_months: raw.after_collection_start_months,
        after_withdrawal_months: raw.after_withdrawal_months,
        after_proceedings_days: raw.after_proceedings_days,
    };
    let artefacts = raw.artefacts_dir.as_deref().map(|p| relative(base, p));
    Ok((rules, relative(base, &raw.keys_dir), artefacts))
}
