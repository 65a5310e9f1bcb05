//! `[counters]`: when public figures and the tally log are published (issue 19, item 1;
//! ADR 0007). `publish_interval` is seconds or a duration text (`"10m"`), `min_batch` a
//! count; both 0 publish at once (`ocs demo`). Env: `OCS_COUNTERS__PUBLISH_INTERVAL`,
//! `OCS_COUNTERS__MIN_BATCH`.

use anyhow::{Context as _, bail};
use ocs_service::tally_log::PublishRule;
use serde::{Deserialize, Serialize};

/// A duration as written: whole seconds, or a text such as `"10m"` or `"1h 30m"`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RawDuration {
    /// Seconds.
    Seconds(i64),
    /// A friendly duration text.
    Text(String),
}

/// The `[counters]` section as written.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawCounters {
    publish_interval: RawDuration,
    min_batch: u64,
}

impl Default for RawCounters {
    fn default() -> Self {
        Self {
            publish_interval: RawDuration::Seconds(600),
            min_batch: 10,
        }
    }
}

/// The checked publication rule.
pub fn check(raw: &RawCounters) -> anyhow::Result<PublishRule> {
    let interval = match &raw.publish_interval {
        RawDuration::Seconds(seconds) => jiff::SignedDuration::from_secs(*seconds),
        RawDuration::Text(text) if text.trim().chars().all(|c| c.is_ascii_digit()) => {
            jiff::SignedDuration::from_secs(
                text.trim()
                    .parse()
                    .context("counters.publish_interval: seconds")?,
            )
        }
        RawDuration::Text(text) => text.trim().parse().with_context(|| {
            format!("counters.publish_interval = {text:?}: write seconds or e.g. \"10m\"")
        })?,
    };
    if interval.is_negative() || interval > jiff::SignedDuration::from_hours(24) {
        bail!("counters.publish_interval must be between 0 and 24 hours");
    }
    Ok(PublishRule {
        interval,
        min_batch: raw.min_batch,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_batch_and_texts_parse() {
        assert_eq!(
            check(&RawCounters::default()).unwrap(),
            PublishRule::BATCHED
        );
        let raw = RawCounters {
            publish_interval: RawDuration::Text("0".into()),
            min_batch: 0,
        };
        assert!(check(&raw).unwrap().at_once());
        let raw = RawCounters {
            publish_interval: RawDuration::Text("15m".into()),
            min_batch: 5,
        };
        assert_eq!(
            check(&raw).unwrap().interval,
            jiff::SignedDuration::from_mins(15)
        );
        let raw = RawCounters {
            publish_interval: RawDuration::Seconds(-1),
            min_batch: 5,
        };
        assert!(check(&raw).is_err());
    }
}
