//! The log's entry grammar, the receipt commitment, and the tally as a fold of the entries.
//!
//! ```text
//! v1 add <CC> <online|paper|eid> <YYYY-MM-DDTHH> <commitment>
//! v1 withdraw <index>
//! ```
//!
//! One UTF-8 line without a final newline. `CC` is the EU code of the nationality (`EL` for
//! Greece), the hour is the signing hour in UTC, the commitment is 64 lowercase hex digits.
//! Nothing else: no field value, no de-duplication tag, no minute.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use ocs_domain::CountryCode;
use sha2::{Digest, Sha256};

use crate::hash::Hash;
use crate::{TlogError, malformed};

/// The label that starts the commitment's input.
const COMMITMENT_LABEL: &[u8] = b"openocs-leaf-v1\n";

/// How a statement reached the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// The online form.
    Online,
    /// A paper form entered by the organisers.
    Paper,
    /// The online form after an eID sign-in.
    Eid,
}

impl Channel {
    /// The online channel: [`Channel::Eid`] after an eID sign-in, else [`Channel::Online`].
    pub fn online(with_eid: bool) -> Self {
        if with_eid { Self::Eid } else { Self::Online }
    }

    /// The word in the entry.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Online => "online",
            Self::Paper => "paper",
            Self::Eid => "eid",
        }
    }

    fn parse(word: &str) -> Option<Self> {
        match word {
            "online" => Some(Self::Online),
            "paper" => Some(Self::Paper),
            "eid" => Some(Self::Eid),
            _ => None,
        }
    }
}

/// The hour a statement was signed, in UTC (`YYYY-MM-DDTHH`): coarse on purpose, so an
/// entry cannot be matched to a visit by its minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SigningHour {
    date: Date,
    hour: i8,
}

impl SigningHour {
    /// The UTC hour of `time`.
    pub fn of(time: Timestamp) -> Self {
        let civil = time.to_zoned(jiff::tz::TimeZone::UTC).datetime();
        Self {
            date: civil.date(),
            hour: civil.hour(),
        }
    }

    /// The day (UTC).
    pub fn date(&self) -> Date {
        self.date
    }

    /// Parses `YYYY-MM-DDTHH` exactly.
    pub fn parse(text: &str) -> Result<Self, TlogError> {
        let bad = || malformed("signing hour", "expected YYYY-MM-DDTHH");
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 13
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                10 => *b == b'T',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(bad());
        }
        let number = |range: std::ops::Range<usize>| -> Result<i16, TlogError> {
            text.get(range).and_then(|s| s.parse().ok()).ok_or_else(bad)
        };
        let date = Date::new(
            number(0..4)?,
            i8::try_from(number(5..7)?).map_err(|_| bad())?,
            i8::try_from(number(8..10)?).map_err(|_| bad())?,
        )
        .map_err(|_| bad())?;
        let hour = i8::try_from(number(11..13)?).map_err(|_| bad())?;
        if !(0..24).contains(&hour) {
            return Err(bad());
        }
        Ok(Self { date, hour })
    }
}

impl fmt::Display for SigningHour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}", self.date, self.hour)
    }
}

/// One log entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A counted statement.
    Add {
        /// The signer's nationality.
        country: CountryCode,
        /// How it was given.
        channel: Channel,
        /// The signing hour (UTC).
        hour: SigningHour,
        /// The receipt commitment (see [`commitment`]).
        commitment: Hash,
    },
    /// The statement at `index` was withdrawn by its signer.
    Withdraw {
        /// The index of its `add` entry.
        index: u64,
    },
}

impl Entry {
    /// The entry's line (no final newline).
    pub fn to_line(&self) -> String {
        match self {
            Self::Add {
                country,
                channel,
                hour,
                commitment,
            } => format!(
                "v1 add {} {} {hour} {}",
                country.as_str(),
                channel.as_str(),
                commitment.to_hex()
            ),
            Self::Withdraw { index } => format!("v1 withdraw {index}"),
        }
    }

    /// Parses an entry's bytes; only the exact canonical line is accepted.
    pub fn parse(bytes: &[u8]) -> Result<Self, TlogError> {
        let text = std::str::from_utf8(bytes).map_err(|_| malformed("entry", "not UTF-8"))?;
        let words: Vec<&str> = text.split(' ').collect();
        let entry = match words.as_slice() {
            ["v1", "add", country, channel, hour, commitment] => {
                let country = CountryCode::parse(country)
                    .ok()
                    .filter(|code| code.as_str() == *country)
                    .ok_or_else(|| malformed("entry", "unknown country code"))?;
                let channel =
                    Channel::parse(channel).ok_or_else(|| malformed("entry", "unknown channel"))?;
                Self::Add {
                    country,
                    channel,
                    hour: SigningHour::parse(hour)?,
                    commitment: Hash::parse_hex(commitment)?,
                }
            }
            ["v1", "withdraw", index] => Self::Withdraw {
                index: index
                    .parse()
                    .map_err(|_| malformed("entry", "withdrawn index is not a number"))?,
            },
            _ => return Err(malformed("entry", "unknown entry type")),
        };
        if entry.to_line().as_bytes() != bytes {
            return Err(malformed("entry", "not in canonical form"));
        }
        Ok(entry)
    }
}

/// The receipt commitment: SHA-256 over `"openocs-leaf-v1\n" ‖ registration number ‖ "\n" ‖
/// statement id ‖ "\n" ‖ receipt secret ‖ "\n" ‖ hex(SHA-256(sealed envelope))`, with the
/// statement id and the secret in the text forms printed on the receipt.
///
/// Without the secret (120 random bits) nobody can link an entry to a statement id; with it,
/// the signer can show that the entry is theirs and that it binds the exact sealed envelope.
pub fn commitment(
    registration_number: &str,
    statement_id: &str,
    receipt_secret: &str,
    envelope_hash: &Hash,
) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update(COMMITMENT_LABEL);
    for part in [registration_number, statement_id, receipt_secret] {
        hasher.update(part.as_bytes());
        hasher.update(b"\n");
    }
    hasher.update(envelope_hash.to_hex().as_bytes());
    Hash(hasher.finalize().into())
}

/// Counts per channel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChannelCounts {
    /// Online without eID.
    pub online: u64,
    /// Paper.
    pub paper: u64,
    /// With eID.
    pub eid: u64,
}

impl ChannelCounts {
    /// All channels together.
    pub fn total(&self) -> u64 {
        self.online + self.paper + self.eid
    }

    fn slot(&mut self, channel: Channel) -> &mut u64 {
        match channel {
            Channel::Online => &mut self.online,
            Channel::Paper => &mut self.paper,
            Channel::Eid => &mut self.eid,
        }
    }
}

/// The tally as a fold of the log: adds minus withdrawals, per nationality and channel.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    by_country: BTreeMap<CountryCode, ChannelCounts>,
    live: HashMap<u64, (CountryCode, Channel)>,
    size: u64,
}

impl Tally {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds every entry in order.
    pub fn fold<E: AsRef<[u8]>>(entries: impl IntoIterator<Item = E>) -> Result<Self, TlogError> {
        let mut tally = Self::new();
        for entry in entries {
            tally.apply(entry.as_ref())?;
        }
        Ok(tally)
    }

    /// Folds the next entry (index = entries folded so far). A withdrawal must name an
    /// earlier `add` that is still counted.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<(), TlogError> {
        let index = self.size;
        let entry = Entry::parse(bytes).map_err(|cause| TlogError::BadFold {
            index,
            detail: cause.to_string(),
        })?;
        match entry {
            Entry::Add {
                country, channel, ..
            } => {
                *self.by_country.entry(country).or_default().slot(channel) += 1;
                self.live.insert(index, (country, channel));
            }
            Entry::Withdraw { index: target } => {
                let (country, channel) =
                    self.live
                        .remove(&target)
                        .ok_or_else(|| TlogError::BadFold {
                            index,
                            detail: format!("withdraws {target}, which is not a counted statement"),
                        })?;
                let counts = self.by_country.entry(country).or_default();
                let slot = counts.slot(channel);
                *slot = slot.saturating_sub(1);
                if counts.total() == 0 {
                    self.by_country.remove(&country);
                }
            }
        }
        self.size += 1;
        Ok(())
    }

    /// Entries folded.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Per nationality and channel; states with nothing counted are absent.
    pub fn by_channel(&self) -> &BTreeMap<CountryCode, ChannelCounts> {
        &self.by_country
    }

    /// Per nationality, all channels; states with nothing counted are absent.
    pub fn by_country(&self) -> BTreeMap<CountryCode, u64> {
        self.by_country
            .iter()
            .map(|(country, counts)| (*country, counts.total()))
            .collect()
    }

    /// All statements counted.
    pub fn total(&self) -> u64 {
        self.by_country.values().map(ChannelCounts::total).sum()
    }

    /// Whether the statement at `index` is counted now.
    pub fn is_counted(&self, index: u64) -> bool {
        self.live.contains_key(&index)
    }

    /// The nationality and channel of the statement at `index`, if it is counted now.
    pub fn counted_at(&self, index: u64) -> Option<(CountryCode, Channel)> {
        self.live.get(&index).copied()
    }

    /// The indices of the statements counted now whose nationality is `country`, ascending.
    pub fn counted_of(&self, country: CountryCode) -> Vec<u64> {
        let mut indices: Vec<u64> = self
            .live
            .iter()
            .filter(|(_, (of, _))| *of == country)
            .map(|(index, _)| *index)
            .collect();
        indices.sort_unstable();
        indices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(country: CountryCode, channel: Channel) -> Vec<u8> {
        Entry::Add {
            country,
            channel,
            hour: SigningHour::parse("2026-03-01T09").unwrap(),
            commitment: crate::hash::sha256(b"c"),
        }
        .to_line()
        .into_bytes()
    }

    #[test]
    fn entries_round_trip_and_only_canonical_lines_parse() {
        let line = format!(
            "v1 add EL eid 2026-12-31T23 {}",
            crate::hash::sha256(b"x").to_hex()
        );
        let entry = Entry::parse(line.as_bytes()).unwrap();
        assert_eq!(entry.to_line(), line);
        assert_eq!(
            Entry::parse(b"v1 withdraw 12").unwrap(),
            Entry::Withdraw { index: 12 }
        );
        let hex = crate::hash::sha256(b"x").to_hex();
        for bad in [
            format!("v1 add GR eid 2026-12-31T23 {hex}"),
            format!("v1 add el eid 2026-12-31T23 {hex}"),
            format!("v1 add EL web 2026-12-31T23 {hex}"),
            format!("v1 add EL eid 2026-02-30T23 {hex}"),
            format!("v1 add EL eid 2026-12-31T24 {hex}"),
            format!("v1 add EL eid 2026-12-31T23 {}", hex.to_uppercase()),
            format!("v1 add EL eid 2026-12-31T23 {hex}\n"),
            format!("v1  add EL eid 2026-12-31T23 {hex}"),
            "v1 withdraw 012".to_owned(),
            "v1 withdraw -1".to_owned(),
            "v2 withdraw 1".to_owned(),
        ] {
            assert!(Entry::parse(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn signing_hour_is_utc() {
        let time: Timestamp = "2026-03-01T23:59:59+02:00".parse().unwrap();
        assert_eq!(SigningHour::of(time).to_string(), "2026-03-01T21");
    }

    #[test]
    fn commitment_binds_every_part() {
        let envelope = crate::hash::sha256(b"sealed");
        let base = commitment("ECI(2026)000001", "id", "abcd-efgh", &envelope);
        let mut input = b"openocs-leaf-v1\nECI(2026)000001\nid\nabcd-efgh\n".to_vec();
        input.extend_from_slice(envelope.to_hex().as_bytes());
        assert_eq!(base, crate::hash::sha256(&input));
        assert_ne!(
            base,
            commitment("ECI(2026)000002", "id", "abcd-efgh", &envelope)
        );
        assert_ne!(
            base,
            commitment("ECI(2026)000001", "id", "abcd-efgi", &envelope)
        );
    }

    #[test]
    fn the_fold_subtracts_withdrawals_and_refuses_bad_ones() {
        let entries = vec![
            add(CountryCode::DE, Channel::Online),
            add(CountryCode::DE, Channel::Paper),
            add(CountryCode::EL, Channel::Eid),
            b"v1 withdraw 0".to_vec(),
        ];
        let tally = Tally::fold(&entries).unwrap();
        assert_eq!(tally.total(), 2);
        assert_eq!(tally.by_country()[&CountryCode::DE], 1);
        assert_eq!(tally.by_channel()[&CountryCode::DE].paper, 1);
        assert!(!tally.is_counted(0));
        let mut twice = entries.clone();
        twice.push(b"v1 withdraw 0".to_vec());
        assert!(matches!(
            Tally::fold(&twice),
            Err(TlogError::BadFold { index: 4, .. })
        ));
        let mut forward = entries;
        forward.push(b"v1 withdraw 3".to_vec());
        assert!(Tally::fold(&forward).is_err());
    }
}
