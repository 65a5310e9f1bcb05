//! `[lifecycle]`: the date rules of collection periods and the working-day calendar.

use anyhow::{Context as _, bail};
use jiff::civil::Date;
use ocs_domain::lifecycle::{DateRules, HolidayCalendar};
use serde::{Deserialize, Serialize};

/// `[lifecycle]`: the date rules of collection periods and the working-day calendar.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawLifecycle {
    /// Whether collection may start only `notice_working_days` after notice is recorded.
    pub(super) notice_rule: bool,
    pub(super) notice_working_days: u32,
    pub(super) start_within_months: i8,
    /// Public holidays (YYYY-MM-DD) that are not working days.
    pub(super) holidays: Vec<String>,
}

impl Default for RawLifecycle {
    fn default() -> Self {
        Self {
            notice_rule: true,
            notice_working_days: 10,
            start_within_months: 6,
            holidays: Vec::new(),
        }
    }
}

pub(super) fn lifecycle_rules(raw: &RawLifecycle, max_months: i8) -> anyhow::Result<DateRules> {
    let holidays = raw
        .holidays
        .iter()
        .map(|day| {
            day.parse::<Date>()
                .with_context(|| format!("lifecycle.holidays: {day:?} is not a YYYY-MM-DD date"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    if !(1..=6).contains(&raw.start_within_months) {
        bail!("lifecycle.start_within_months must be between 1 and 6");
    }
    Ok(DateRules {
        start_within_months: raw.start_within_months,
        max_period_months: max_months,
        notice_working_days: raw.notice_rule.then_some(raw.notice_working_days),
        calendar: HolidayCalendar::new(holidays),
    })
}
