//! When an initiative's statements must be destroyed (Reg. 2019/788 Art. 19, see
//! `shared/reference/requirements.md`): one month after submission to the Commission, at
//! the latest 21 months after the collection started, one month after the initiative was
//! withdrawn; whichever comes first. The month counts are configuration.

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
}

impl Default for RetentionRules {
    fn default() -> Self {
        Self {
            after_submission_months: 1,
            after_collection_start_months: 21,
            after_withdrawal_months: 1,
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
    fn days_until_counts_both_ways() {
        assert_eq!(days_until(date(2026, 3, 31), date(2026, 3, 1)), 30);
        assert_eq!(days_until(date(2026, 3, 1), date(2026, 3, 1)), 0);
        assert_eq!(days_until(date(2026, 3, 1), date(2026, 3, 4)), -3);
    }
}
