//! `[tally_log]`: the public tally log's witnesses, and the switch that runs without the log
//! (ADR 0007). Env: `OCS_TALLY_LOG__WITNESSES='["name+keyid+key"]'`,
//! `OCS_TALLY_LOG__ENABLED=false`.
//!
//! - `witnesses`: the verifier keys (`name+keyid+base64`, from `ocs log witness-keygen`) of
//!   the witnesses whose cosignatures the log accepts for every hosted initiative
//!   (`POST /log/{slug}/cosignature`) and serves with its checkpoint. Empty by default.
//! - `enabled = false` is for measurement only (`ocs-bench log-ratio`): no statement gets a
//!   log line, nothing is published, `/log/…` answers 404 and the public figures are the
//!   live counts, which nobody can verify. Issue 17 requires the log; keep it on in service.

use anyhow::{Context as _, bail};
use ocs_tlog::WitnessVerifier;
use serde::{Deserialize, Serialize};

/// `[tally_log]` as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawTallyLog {
    enabled: bool,
    witnesses: Vec<String>,
}

impl Default for RawTallyLog {
    fn default() -> Self {
        Self {
            enabled: true,
            witnesses: Vec::new(),
        }
    }
}

/// The checked `[tally_log]` section.
#[derive(Debug, Clone)]
pub struct TallyLogConfig {
    /// Whether the tally log runs (off only to measure its cost).
    pub enabled: bool,
    /// The witnesses whose cosignatures are accepted and served.
    pub witnesses: Vec<WitnessVerifier>,
}

/// Checks `[tally_log]`: every witness key parses, none is given twice.
pub(super) fn check(raw: &RawTallyLog) -> anyhow::Result<TallyLogConfig> {
    let mut witnesses: Vec<WitnessVerifier> = Vec::with_capacity(raw.witnesses.len());
    for (at, text) in raw.witnesses.iter().enumerate() {
        let key = WitnessVerifier::parse(text).with_context(|| {
            format!(
                "tally_log.witnesses[{at}] = {text:?} is not a witness verifier key \
                 (name+keyid+base64, as `ocs log witness-keygen` prints it)"
            )
        })?;
        if witnesses.contains(&key) {
            bail!("tally_log.witnesses[{at}]: the witness key {text:?} is listed twice");
        }
        witnesses.push(key);
    }
    if !raw.enabled && !witnesses.is_empty() {
        bail!(
            "tally_log.witnesses is set but tally_log.enabled = false: there is no log to witness"
        );
    }
    Ok(TallyLogConfig {
        enabled: raw.enabled,
        witnesses,
    })
}

/// The `ocs check-config` line.
pub(super) fn describe(config: &TallyLogConfig) -> String {
    if !config.enabled {
        return "tally log         OFF (measurement only: figures are not verifiable)\n".to_owned();
    }
    let names: Vec<&str> = config.witnesses.iter().map(WitnessVerifier::name).collect();
    if names.is_empty() {
        "tally log         on, no witnesses configured\n".to_owned()
    } else {
        format!("tally log         on, witnesses: {}\n", names.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn witness_keys_are_checked_and_the_log_is_on_by_default() {
        let witness = ocs_tlog::WitnessSigner::new("witness.example.net", &[4; 32]).unwrap();
        let key = witness.verifier().to_text();
        let checked = check(&RawTallyLog::default()).unwrap();
        assert!(checked.enabled && checked.witnesses.is_empty());
        let raw = RawTallyLog {
            enabled: true,
            witnesses: vec![key.clone()],
        };
        assert_eq!(check(&raw).unwrap().witnesses, vec![witness.verifier()]);
        // A log key (signature type 0x01) is not a witness key.
        let log = ocs_tlog::NoteSigner::new("witness.example.net", &[4; 32]).unwrap();
        let raw = RawTallyLog {
            enabled: true,
            witnesses: vec![log.verifier().to_text()],
        };
        assert!(format!("{:#}", check(&raw).unwrap_err()).contains("not a witness verifier key"));
        let raw = RawTallyLog {
            enabled: true,
            witnesses: vec![key.clone(), key.clone()],
        };
        assert!(format!("{:#}", check(&raw).unwrap_err()).contains("twice"));
        let raw = RawTallyLog {
            enabled: false,
            witnesses: vec![key],
        };
        assert!(check(&raw).is_err());
    }
}
