//! The fold of the log: a statement's `add` line, and the tally a publication carries
//! (adds minus withdrawals per nationality and channel, stored as JSON with the checkpoint).

use std::collections::BTreeMap;

use jiff::Timestamp;
use ocs_domain::{CountryCode, StatementId};
use ocs_tlog::TlogError;
use ocs_tlog::entry::{ChannelCounts, Entry};
use ocs_tlog::hash::sha256;

/// A statement's `v1 add` line: nationality, channel, UTC signing hour and the receipt
/// commitment over the registration number, the statement id, the receipt secret (empty for
/// paper) and SHA-256 of the sealed envelope. Nothing else of the statement reaches the log.
pub fn statement_line(
    registration_number: &str,
    id: StatementId,
    secret: Option<&ocs_crypto::ReceiptSecret>,
    envelope: &[u8],
    (nationality, submitted_at): (CountryCode, Timestamp),
    channel: ocs_tlog::Channel,
) -> String {
    let secret = zeroize::Zeroizing::new(secret.map(ToString::to_string).unwrap_or_default());
    Entry::Add {
        country: nationality,
        channel,
        hour: ocs_tlog::SigningHour::of(submitted_at),
        commitment: ocs_tlog::entry::commitment(
            registration_number,
            &id.to_string(),
            &secret,
            &sha256(envelope),
        ),
    }
    .to_line()
}

pub(super) fn bump(
    tally: &mut BTreeMap<CountryCode, ChannelCounts>,
    country: CountryCode,
    channel: ocs_tlog::Channel,
    add: bool,
) {
    let counts = tally.entry(country).or_default();
    let slot = match channel {
        ocs_tlog::Channel::Online => &mut counts.online,
        ocs_tlog::Channel::Paper => &mut counts.paper,
        ocs_tlog::Channel::Eid => &mut counts.eid,
    };
    *slot = if add {
        slot.saturating_add(1)
    } else {
        slot.saturating_sub(1)
    };
    if counts.total() == 0 {
        tally.remove(&country);
    }
}

/// `{"DE":[online,paper,eid],…}`.
pub(super) fn tally_to_json(tally: &BTreeMap<CountryCode, ChannelCounts>) -> String {
    let map: BTreeMap<&str, [u64; 3]> = tally
        .iter()
        .map(|(country, c)| (country.as_str(), [c.online, c.paper, c.eid]))
        .collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_owned())
}

pub(super) fn tally_from_json(
    text: &str,
) -> Result<BTreeMap<CountryCode, ChannelCounts>, TlogError> {
    let bad = |detail: &str| TlogError::Malformed {
        what: "stored tally",
        detail: detail.to_owned(),
    };
    let map: BTreeMap<String, [u64; 3]> =
        serde_json::from_str(text).map_err(|_| bad("not JSON"))?;
    map.into_iter()
        .map(|(country, [online, paper, eid])| {
            let country = CountryCode::parse(&country).map_err(|_| bad("unknown country"))?;
            Ok((country, ChannelCounts { online, paper, eid }))
        })
        .collect()
}
