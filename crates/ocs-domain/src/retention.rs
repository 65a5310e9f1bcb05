//! When an initiative's statements must be destroyed (Reg. 2019/788 Art. 19, see
//! `shared/reference/requirements.md`): one month after submission to the Commission (the
//! Art. 13 event, not the submission to the national authorities), at the latest 21 months
//! after the collection started, one month after the initiative was withdrawn; whichever
//! comes first. While a legal hold for administrative or judicial proceedings stands
//! (Art. 19(5)) nothing is due; once the proceedings are concluded the data go at the latest
//! one week after the conclusion ([`destruction_due`]). The counts are configuration.

use jiff::civil::Date;
use jiff::{Span, ToSpan as _};

/// The deadlines, in calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetentionRules {
    /// Months after submission to the Commission.
    pub after_submission_months: i8,
    /// Months after the collection started, at the latest.
    pub after_collection_start_months: i8,
    /// Months after the initiative was withdrawn.
    pub after_withdrawal_months: i8,
    /// Days after the conclusion of proceedings that held the data (Art. 19(5): "at the
    /// latest one week after").
    pub after_proceedings_days: i16,
}

impl Default for RetentionRules {
    fn default() -> Self {
        Self {
            after_submission_months: 1,
            after_collection_start_months: 21,
            after_withdrawal_months: 1,
            after_proceedings_days: 7,
        }
    }
}

/// The dates of an initiative's life that the deadlines depend on (calendar dates in the
/// deployment's zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LifecycleDates {
    /// First day of collection.
    pub collection_start: Option<Date>,
    /// Day the initiative was submitted to the Commission.
    pub submitted_on: Option<Date>,
    /// Day the organisers withdrew the initiative.
    pub withdrawn_on: Option<Date>,
}

/// The day on which the data must be gone: the earliest deadline that applies. `None` when
/// no date is known (nothing to compute from). A month after 31 January is 28/29 February.
pub fn destruction_date(rules: &RetentionRules, dates: &LifecycleDates) -> Option<Date> {
    let plus = |date: Option<Date>, months: i8| -> Option<Date> {
        let span: Span = i64::from(months).months();
        date.and_then(|date| date.checked_add(span).ok())
    };
    [
        plus(dates.submitted_on, rules.after_submission_months),
        plus(dates.collection_start, rules.after_collection_start_months),
        plus(dates.withdrawn_on, rules.after_withdrawal_months),
    ]
    .into_iter()
    .flatten()
    .min()
}

/// Where an initiative stands with legal holds (Art. 19(5)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HoldState {
    /// No hold was ever set.
    #[default]
    None,
    /// Proceedings are running: nothing is destroyed.
    Held,
    /// The last hold was lifted; its proceedings were concluded on this day.
    Concluded(Date),
}

/// What the deadline is once holds are taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestructionDue {
    /// The data must be gone on this day.
    On(Date),
    /// A legal hold stands: nothing is due until it is lifted.
    Held,
    /// No date is known to compute from.
    Unknown,
}

/// The deadline under `hold`. A hold suspends every deadline. Once lifted, the data may be
/// kept until the later of the ordinary deadline and `after_proceedings_days` after the
/// conclusion: Art. 19(5) lets data be kept *beyond* the ordinary limits for proceedings, so
/// proceedings that end early (say, a challenge during collection) do not pull the ordinary
/// deadline forward and destroy an initiative's statements before its submission.
pub fn destruction_due(
    rules: &RetentionRules,
    dates: &LifecycleDates,
    hold: HoldState,
) -> DestructionDue {
    let ordinary = destruction_date(rules, dates);
    match hold {
        HoldState::Held => DestructionDue::Held,
        HoldState::None => ordinary.map_or(DestructionDue::Unknown, DestructionDue::On),
        HoldState::Concluded(concluded) => {
            let span: Span = i64::from(rules.after_proceedings_days).days();
            let after = concluded.checked_add(span).unwrap_or(Date::MAX);
            DestructionDue::On(ordinary.map_or(after, |ordinary| ordinary.max(after)))
        }
    }
}

/// Whole days from `today` until `due` (negative once it has passed).
pub fn days_until(due: Date, today: Date) -> i64 {
    today
        .until(due)
        .map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn dates(
        start: Option<Date>,
        submitted: Option<Date>,
        withdrawn: Option<Date>,
    ) -> LifecycleDates {
        LifecycleDates {
            collection_start: start,
            submitted_on: submitted,
            withdrawn_on: withdrawn,
        }
    }

    #[test]
    fn the_earliest_deadline_applies() {
        let rules = RetentionRules::default();
        let start = Some(date(2026, 1, 15));
        assert_eq!(
            destruction_date(&rules, &dates(start, None, None)),
            Some(date(2027, 10, 15))
        );
        assert_eq!(
            destruction_date(&rules, &dates(start, Some(date(2027, 3, 1)), None)),
            Some(date(2027, 4, 1))
        );
        // Submitted late: 21 months after the start comes first.
        assert_eq!(
            destruction_date(&rules, &dates(start, Some(date(2027, 10, 1)), None)),
            Some(date(2027, 10, 15))
        );
        assert_eq!(
            destruction_date(&rules, &dates(start, None, Some(date(2026, 5, 31)))),
            Some(date(2026, 6, 30))
        );
        assert_eq!(destruction_date(&rules, &LifecycleDates::default()), None);
    }

    #[test]
    fn months_are_configuration() {
        let rules = RetentionRules {
            after_submission_months: 3,
            after_collection_start_months: 18,
            after_withdrawal_months: 2,
            after_proceedings_days: 7,
        };
        let start = Some(date(2026, 1, 31));
        assert_eq!(
            destruction_date(&rules, &dates(start, None, None)),
            Some(date(2027, 7, 31))
        );
        assert_eq!(
            destruction_date(&rules, &dates(None, Some(date(2026, 11, 30)), None)),
            Some(date(2027, 2, 28))
        );
    }

    #[test]
    fn a_legal_hold_suspends_the_deadline_and_its_end_sets_a_new_one() {
        let rules = RetentionRules::default();
        let submitted = dates(Some(date(2026, 1, 15)), Some(date(2027, 3, 1)), None);
        assert_eq!(
            destruction_due(&rules, &submitted, HoldState::None),
            DestructionDue::On(date(2027, 4, 1))
        );
        assert_eq!(
            destruction_due(&rules, &submitted, HoldState::Held),
            DestructionDue::Held
        );
        // Proceedings concluded after the ordinary deadline: one week after the conclusion.
        assert_eq!(
            destruction_due(&rules, &submitted, HoldState::Concluded(date(2028, 2, 10))),
            DestructionDue::On(date(2028, 2, 17))
        );
        // Concluded early: the ordinary deadline still applies, not an earlier one.
        assert_eq!(
            destruction_due(&rules, &submitted, HoldState::Concluded(date(2026, 6, 1))),
            DestructionDue::On(date(2027, 4, 1))
        );
        // No dates at all: one week after the conclusion.
        assert_eq!(
            destruction_due(
                &rules,
                &LifecycleDates::default(),
                HoldState::Concluded(date(2026, 12, 28))
            ),
            DestructionDue::On(date(2027, 1, 4))
        );
        assert_eq!(
            destruction_due(&rules, &LifecycleDates::default(), HoldState::None),
            DestructionDue::Unknown
        );
    }

    #[test]
    fn days_until_counts_both_ways() {
        assert_eq!(days_until(date(2026, 3, 31), date(2026, 3, 1)), 30);
        assert_eq!(days_until(date(2026, 3, 1), date(2026, 3, 1)), 0);
        assert_eq!(days_until(date(2026, 3, 1), date(2026, 3, 4)), -3);
    }
}
