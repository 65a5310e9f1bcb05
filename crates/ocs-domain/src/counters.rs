//! Committed statement counts and progress against the thresholds of Art. 3(1).

use std::collections::BTreeMap;

use jiff::Timestamp;

use crate::country::CountryCode;

/// Committed statements per nationality of one initiative, as of `updated_at`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountSnapshot {
    /// Count per state of nationality; states with no statement are absent.
    pub by_country: BTreeMap<CountryCode, u64>,
    /// Time of the last commit included, if any.
    pub updated_at: Option<Timestamp>,
}

impl CountSnapshot {
    /// Total over all states.
    pub fn total(&self) -> u64 {
        self.by_country.values().sum()
    }

    /// Count for one state (0 when absent).
    pub fn count(&self, country: CountryCode) -> u64 {
        self.by_country.get(&country).copied().unwrap_or(0)
    }
}

/// One state's progress against its Annex I minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryProgress {
    /// The state.
    pub country: CountryCode,
    /// Committed statements.
    pub count: u64,
    /// The Annex I minimum for this initiative.
    pub minimum: u64,
}

impl CountryProgress {
    /// Whether the minimum is reached. A state without a known minimum (0) never counts
    /// towards the states at minimum.
    pub fn reached(&self) -> bool {
        self.minimum > 0 && self.count >= self.minimum
    }

    /// Progress in whole per cent, capped at 100.
    pub fn percent(&self) -> u64 {
        if self.minimum == 0 {
            return 100;
        }
        (self.count.saturating_mul(100) / self.minimum).min(100)
    }
}

/// Progress of an initiative against both thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Per state, in order of code, all 27.
    pub countries: Vec<CountryProgress>,
    /// Total statements.
    pub total: u64,
    /// The total threshold (1,000,000).
    pub threshold_total: u64,
    /// States at or above their minimum.
    pub countries_at_minimum: usize,
    /// How many states must reach their minimum (7).
    pub countries_needed: usize,
}

impl Progress {
    /// Combines counts with the minimums that apply to the initiative.
    pub fn new(
        snapshot: &CountSnapshot,
        minimums: &BTreeMap<CountryCode, u64>,
        threshold_total: u64,
        countries_needed: usize,
    ) -> Self {
        let countries: Vec<CountryProgress> = CountryCode::ALL
            .into_iter()
            .map(|country| CountryProgress {
                country,
                count: snapshot.count(country),
                minimum: minimums.get(&country).copied().unwrap_or(0),
            })
            .collect();
        let countries_at_minimum = countries.iter().filter(|c| c.reached()).count();
        Self {
            countries,
            total: snapshot.total(),
            threshold_total,
            countries_at_minimum,
            countries_needed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_states_at_minimum() {
        let mut snapshot = CountSnapshot::default();
        snapshot.by_country.insert(CountryCode::MT, 4320);
        snapshot.by_country.insert(CountryCode::DE, 69_119);
        let minimums: BTreeMap<_, _> = [(CountryCode::MT, 4320), (CountryCode::DE, 69_120)]
            .into_iter()
            .collect();
        let progress = Progress::new(&snapshot, &minimums, 1_000_000, 7);
        assert_eq!(progress.total, 73_439);
        assert_eq!(progress.countries_at_minimum, 1);
        assert_eq!(progress.countries.len(), 27);
    }
}
