//! The tally per signing day and nationality, folded from the log entries: an `add` counts
//! on the UTC day of its signing hour, a withdrawal takes it off that same day. Summed over
//! the days it equals [`crate::Tally`] of the same entries.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use ocs_domain::CountryCode;

use crate::TlogError;
use crate::entry::Entry;

/// Counts per signing day and nationality; days and states with nothing counted are absent.
#[derive(Debug, Clone, Default)]
pub struct DailyTally {
    days: BTreeMap<Date, BTreeMap<CountryCode, u64>>,
    live: HashMap<u64, (Date, CountryCode)>,
    size: u64,
}

impl DailyTally {
    /// An empty tally.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds the next entry (index = entries folded so far). A withdrawal must name an
    /// earlier `add` that is still counted.
    pub fn apply(&mut self, bytes: &[u8]) -> Result<(), TlogError> {
        let index = self.size;
        let bad = |detail: String| TlogError::BadFold { index, detail };
        match Entry::parse(bytes).map_err(|cause| bad(cause.to_string()))? {
            Entry::Add { country, hour, .. } => {
                let day = hour.date();
                *self
                    .days
                    .entry(day)
                    .or_default()
                    .entry(country)
                    .or_default() += 1;
                self.live.insert(index, (day, country));
            }
            Entry::Withdraw { index: target } => {
                let (day, country) = self.live.remove(&target).ok_or_else(|| {
                    bad(format!(
                        "withdraws {target}, which is not a counted statement"
                    ))
                })?;
                if let Some(counts) = self.days.get_mut(&day) {
                    if let Some(count) = counts.get_mut(&country) {
                        *count = count.saturating_sub(1);
                        if *count == 0 {
                            counts.remove(&country);
                        }
                    }
                    if counts.is_empty() {
                        self.days.remove(&day);
                    }
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

    /// Counts per day and nationality.
    pub fn days(&self) -> &BTreeMap<Date, BTreeMap<CountryCode, u64>> {
        &self.days
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Tally;

    fn add(country: &str, hour: &str) -> Vec<u8> {
        format!("v1 add {country} online {hour} {}", "ab".repeat(32)).into_bytes()
    }

    #[test]
    fn days_sum_to_the_tally_and_a_withdrawal_leaves_its_own_day() {
        let entries = [
            add("AT", "2026-03-01T23"),
            add("DE", "2026-03-02T00"),
            add("AT", "2026-03-02T10"),
            b"v1 withdraw 0".to_vec(),
            add("EL", "2026-03-03T08"),
        ];
        let mut daily = DailyTally::new();
        for entry in &entries {
            daily.apply(entry).unwrap();
        }
        let date = |d: &str| d.parse::<Date>().unwrap();
        let days = daily.days();
        assert!(!days.contains_key(&date("2026-03-01")), "{days:?}");
        let second = &days[&date("2026-03-02")];
        assert_eq!(second[&CountryCode::parse("AT").unwrap()], 1);
        assert_eq!(second[&CountryCode::parse("DE").unwrap()], 1);
        let tally = Tally::fold(&entries).unwrap();
        let sum: u64 = days.values().flat_map(BTreeMap::values).sum();
        assert_eq!(sum, tally.total());
        assert_eq!(daily.size(), 5);
        assert!(daily.apply(b"v1 withdraw 0").is_err());
    }
}
