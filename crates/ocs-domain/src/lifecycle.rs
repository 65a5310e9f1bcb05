//! The initiative lifecycle: its stages, the table of checked transitions, the date rules of
//! the collection period (6 months from registration, the notice rule in working days, at most
//! 12 months) and the pure "which scheduled transition is due at time T".
//!
//! The table is data ([`TRANSITIONS`]); [`Lifecycle::apply`] is the only way to move an
//! initiative, and it refuses anything the table does not list with a coded error.

use crate::codes::ErrorCode;
use std::collections::BTreeSet;
use std::fmt;

use jiff::civil::{Date, Weekday};
use jiff::{Span, Timestamp};

use crate::initiative::{Initiative, NotCollecting};

/// Where an initiative stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Being prepared; nothing is collected.
    Draft,
    /// Test mode: statements are accepted but marked as test and shown as such.
    Test,
    /// Test statements erased; waiting for the collection period to start.
    Live,
    /// Collecting statements within its period.
    Collecting,
    /// Temporarily not accepting statements (with a recorded reason).
    Paused,
    /// Collection has ended.
    Closed,
    /// The statements were submitted to the competent authorities.
    Submitted,
    /// The statements were destroyed.
    Destroyed,
    /// The organisers withdrew the initiative.
    Withdrawn,
}

impl Stage {
    /// Every stage, in life order.
    pub const ALL: [Stage; 9] = [
        Stage::Draft,
        Stage::Test,
        Stage::Live,
        Stage::Collecting,
        Stage::Paused,
        Stage::Closed,
        Stage::Submitted,
        Stage::Destroyed,
        Stage::Withdrawn,
    ];

    /// The stable stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Draft => "draft",
            Stage::Test => "test",
            Stage::Live => "live",
            Stage::Collecting => "collecting",
            Stage::Paused => "paused",
            Stage::Closed => "closed",
            Stage::Submitted => "submitted",
            Stage::Destroyed => "destroyed",
            Stage::Withdrawn => "withdrawn",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        Stage::ALL.into_iter().find(|stage| stage.as_str() == text)
    }

    /// Whether statements are accepted in this stage (test statements in `Test`).
    pub fn takes_statements(self) -> bool {
        matches!(self, Stage::Test | Stage::Collecting)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something done to an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Draft → test mode.
    StartTest,
    /// Test → live: erases test statements; needs the typed registration number.
    GoLive,
    /// Live → collecting: needs the certificate and a valid period, at or after its start.
    Open,
    /// Collecting → paused, with a reason.
    Pause,
    /// Paused → collecting, with a reason.
    Resume,
    /// Collecting or paused → closed.
    Close,
    /// Closed → submitted to the authorities.
    Submit,
    /// Closed, submitted or withdrawn → destroyed.
    Destroy,
    /// Any stage before closing → withdrawn.
    Withdraw,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 9] = [
        Action::StartTest,
        Action::GoLive,
        Action::Open,
        Action::Pause,
        Action::Resume,
        Action::Close,
        Action::Submit,
        Action::Destroy,
        Action::Withdraw,
    ];

    /// The stable name, used in audit codes (`initiative.<name>`) and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::StartTest => "start-test",
            Action::GoLive => "go-live",
            Action::Open => "open",
            Action::Pause => "pause",
            Action::Resume => "resume",
            Action::Close => "close",
            Action::Submit => "submit",
            Action::Destroy => "destroy",
            Action::Withdraw => "withdraw",
        }
    }

    /// Whether the action must carry a reason typed by a person.
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Pause | Action::Resume | Action::Withdraw)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The legal transitions: (from, action, to). Anything else is refused.
pub const TRANSITIONS: &[(Stage, Action, Stage)] = &[
    (Stage::Draft, Action::StartTest, Stage::Test),
    (Stage::Test, Action::GoLive, Stage::Live),
    (Stage::Live, Action::Open, Stage::Collecting),
    (Stage::Collecting, Action::Pause, Stage::Paused),
    (Stage::Paused, Action::Resume, Stage::Collecting),
    (Stage::Collecting, Action::Close, Stage::Closed),
    (Stage::Paused, Action::Close, Stage::Closed),
    (Stage::Closed, Action::Submit, Stage::Submitted),
    (Stage::Closed, Action::Destroy, Stage::Destroyed),
    (Stage::Submitted, Action::Destroy, Stage::Destroyed),
    (Stage::Withdrawn, Action::Destroy, Stage::Destroyed),
    (Stage::Draft, Action::Withdraw, Stage::Withdrawn),
    (Stage::Test, Action::Withdraw, Stage::Withdrawn),
    (Stage::Live, Action::Withdraw, Stage::Withdrawn),
    (Stage::Collecting, Action::Withdraw, Stage::Withdrawn),
    (Stage::Paused, Action::Withdraw, Stage::Withdrawn),
];

/// The stage `action` leads to from `from`, if the table allows it.
pub fn next_stage(from: Stage, action: Action) -> Option<Stage> {
    TRANSITIONS
        .iter()
        .find(|(f, a, _)| *f == from && *a == action)
        .map(|(_, _, to)| *to)
}

/// Why a transition or a schedule was refused. Each has a stable code (`LIF-…`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    /// The table has no such transition.
    #[error("cannot {action} an initiative that is {from}")]
    Illegal {
        /// The current stage.
        from: Stage,
        /// The refused action.
        action: Action,
    },
    /// The action needs a reason and none was given.
    #[error("a reason is required to {0}")]
    ReasonRequired(Action),
    /// Going live needs the registration number typed exactly.
    #[error("the registration number typed does not match")]
    ConfirmationMismatch,
    /// Opening needs the competent authority's certificate.
    #[error("collection cannot open without the certificate")]
    CertificateMissing,
    /// Opening needs a collection period.
    #[error("no collection period is set")]
    PeriodMissing,
    /// Opening before the start of the period.
    #[error("the collection period has not started")]
    TooEarly,
    /// Opening at or after the end of the period.
    #[error("the collection period has ended")]
    PeriodOver,
    /// The start is before the registration date.
    #[error("collection cannot start before registration")]
    StartBeforeRegistration,
    /// The start is more than 6 months after registration.
    #[error("collection must start within {months} months of registration (by {latest})")]
    StartTooLate {
        /// The rule's months.
        months: i8,
        /// The last allowed start date.
        latest: Date,
    },
    /// The notice rule is on and no notice date is recorded.
    #[error("the notice to the competent authorities is not recorded")]
    NoticeMissing,
    /// The start is fewer than the required working days after the notice.
    #[error(
        "collection may start at the earliest on {earliest} ({days} working days after notice)"
    )]
    NoticeTooRecent {
        /// Required working days.
        days: u32,
        /// The earliest allowed start date.
        earliest: Date,
    },
    /// The end is not after the start.
    #[error("the collection period must end after it starts")]
    EndBeforeStart,
    /// The period lasts more than 12 months.
    #[error("the collection period may last at most {max_months} months (until {latest})")]
    PeriodTooLong {
        /// The rule's months.
        max_months: i8,
        /// The last allowed end date.
        latest: Date,
    },
}

impl LifecycleError {
    /// The stable code shown in the console, the CLI, the log and `docs/ERRORS.md`.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Illegal { .. } => ErrorCode::LifecycleIllegal,
            Self::ReasonRequired(_) => ErrorCode::LifecycleReasonRequired,
            Self::ConfirmationMismatch => ErrorCode::LifecycleConfirmationMismatch,
            Self::CertificateMissing => ErrorCode::LifecycleCertificateMissing,
            Self::PeriodMissing => ErrorCode::LifecyclePeriodMissing,
            Self::TooEarly => ErrorCode::LifecycleTooEarly,
            Self::PeriodOver => ErrorCode::LifecyclePeriodOver,
            Self::StartBeforeRegistration => ErrorCode::LifecycleStartBeforeRegistration,
            Self::StartTooLate { .. } => ErrorCode::LifecycleStartTooLate,
            Self::NoticeMissing => ErrorCode::LifecycleNoticeMissing,
            Self::NoticeTooRecent { .. } => ErrorCode::LifecycleNoticeTooRecent,
            Self::EndBeforeStart => ErrorCode::LifecycleEndBeforeStart,
            Self::PeriodTooLong { .. } => ErrorCode::LifecyclePeriodTooLong,
        }
    }
}

/// The set of public holidays of the host's calendar (configuration). Saturdays and Sundays
/// are never working days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    holidays: BTreeSet<Date>,
}

impl HolidayCalendar {
    /// A calendar with these public holidays.
    pub fn new(holidays: impl IntoIterator<Item = Date>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: Date) -> bool {
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
            && !self.holidays.contains(&day)
    }

    /// The `n`-th working day strictly after `day` (`n = 0` gives `day`).
    pub fn add_working_days(&self, day: Date, n: u32) -> Date {
        let mut current = day;
        let mut left = n;
        while left > 0 {
            match current.tomorrow() {
                Ok(next) => current = next,
                Err(_) => return Date::MAX,
            }
            if self.is_working_day(current) {
                left -= 1;
            }
        }
        current
    }
}

/// The date rules of a collection period. Defaults follow Regulation (EU) 2019/788:
/// start within 6 months of registration, at most 12 months of collection, and (when the
/// notice rule is on) a start at least 10 working days after notice is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRules {
    /// Months after registration within which collection must start.
    pub start_within_months: i8,
    /// Maximum months of collection.
    pub max_period_months: i8,
    /// Working days required between the notice and the start, when the rule is on.
    pub notice_working_days: Option<u32>,
    /// The working-day calendar.
    pub calendar: HolidayCalendar,
}

impl Default for DateRules {
    fn default() -> Self {
        Self {
            start_within_months: 6,
            max_period_months: 12,
            notice_working_days: Some(10),
            calendar: HolidayCalendar::default(),
        }
    }
}

/// The dates an initiative's period is judged on, as calendar days in its time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodDates {
    /// Registration by the Commission.
    pub registration: Date,
    /// Notice of the start date recorded with the authorities, if any.
    pub notice: Option<Date>,
    /// First day of collection.
    pub start: Date,
    /// Last day of collection (inclusive).
    pub end: Date,
}

impl DateRules {
    /// Checks the period against every rule; the first broken rule is returned.
    pub fn check(&self, dates: &PeriodDates) -> Result<(), LifecycleError> {
        if dates.start < dates.registration {
            return Err(LifecycleError::StartBeforeRegistration);
        }
        let latest_start = add_months(dates.registration, self.start_within_months);
        if dates.start > latest_start {
            return Err(LifecycleError::StartTooLate {
                months: self.start_within_months,
                latest: latest_start,
            });
        }
        if let Some(days) = self.notice_working_days {
            let notice = dates.notice.ok_or(LifecycleError::NoticeMissing)?;
            let earliest = self.calendar.add_working_days(notice, days);
            if dates.start < earliest {
                return Err(LifecycleError::NoticeTooRecent { days, earliest });
            }
        }
        if dates.end < dates.start {
            return Err(LifecycleError::EndBeforeStart);
        }
        // The last day of a 12-month period that starts on 1 March is 28/29 February.
        let latest_end = add_months(dates.start, self.max_period_months)
            .yesterday()
            .unwrap_or(Date::MAX);
        if dates.end > latest_end {
            return Err(LifecycleError::PeriodTooLong {
                max_months: self.max_period_months,
                latest: latest_end,
            });
        }
        Ok(())
    }
}

fn add_months(day: Date, months: i8) -> Date {
    day.checked_add(Span::new().months(months))
        .unwrap_or(Date::MAX)
}

/// The schedule of a validated period as instants: from `opens` (inclusive) to `closes`
/// (exclusive), computed by the caller from [`PeriodDates`] in the initiative's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// First instant of collection.
    pub opens: Timestamp,
    /// First instant after collection.
    pub closes: Timestamp,
}

/// What an action needs to know besides the stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Preconditions<'a> {
    /// The reason typed by a person, if any.
    pub reason: Option<&'a str>,
    /// For `GoLive`: the registration number as typed, and the real one.
    pub confirmation: Option<(&'a str, &'a str)>,
    /// For `Open`: whether the certificate is uploaded.
    pub has_certificate: bool,
    /// For `Open`: the validated schedule.
    pub schedule: Option<Schedule>,
    /// The time of the action.
    pub now: Option<Timestamp>,
}

/// An initiative's lifecycle position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    stage: Stage,
}

impl Lifecycle {
    /// A new initiative starts as a draft.
    pub fn new() -> Self {
        Self {
            stage: Stage::Draft,
        }
    }

    /// Rebuilds from a stored stage.
    pub fn at(stage: Stage) -> Self {
        Self { stage }
    }

    /// The current stage.
    pub fn stage(self) -> Stage {
        self.stage
    }

    /// Applies `action` if the table and its preconditions allow; returns the new stage.
    pub fn apply(self, action: Action, pre: &Preconditions<'_>) -> Result<Stage, LifecycleError> {
        let to = next_stage(self.stage, action).ok_or(LifecycleError::Illegal {
            from: self.stage,
            action,
        })?;
        if action.needs_reason() && pre.reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(LifecycleError::ReasonRequired(action));
        }
        match action {
            Action::GoLive => match pre.confirmation {
                Some((typed, real)) if typed.trim() == real => {}
                _ => return Err(LifecycleError::ConfirmationMismatch),
            },
            Action::Open => {
                if !pre.has_certificate {
                    return Err(LifecycleError::CertificateMissing);
                }
                let schedule = pre.schedule.ok_or(LifecycleError::PeriodMissing)?;
                if let Some(now) = pre.now {
                    if now < schedule.opens {
                        return Err(LifecycleError::TooEarly);
                    }
                    if now >= schedule.closes {
                        return Err(LifecycleError::PeriodOver);
                    }
                }
            }
            Action::Resume => {
                if let (Some(schedule), Some(now)) = (pre.schedule, pre.now)
                    && now >= schedule.closes
                {
                    return Err(LifecycleError::PeriodOver);
                }
            }
            _ => {}
        }
        Ok(to)
    }
}

impl Default for Lifecycle {
    fn default() -> Self {
        Self::new()
    }
}

/// The scheduled transition due at `now`, if any: a live initiative with its certificate opens
/// when its period starts (unless it is already over); a collecting or paused one closes when
/// its period ends. Pure, so the scheduler and its tests agree.
pub fn due_transition(
    stage: Stage,
    schedule: Option<Schedule>,
    has_certificate: bool,
    now: Timestamp,
) -> Option<Action> {
    let schedule = schedule?;
    match stage {
        Stage::Live if has_certificate && schedule.opens <= now && now < schedule.closes => {
            Some(Action::Open)
        }
        Stage::Collecting | Stage::Paused if now >= schedule.closes => Some(Action::Close),
        _ => None,
    }
}

/// How a statement taken now is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementMode {
    /// A real statement of support.
    Live,
    /// Taken in test mode: stored with `test = true`, erased when going live.
    Test,
}

/// Whether `initiative` takes a statement at `now`, and how it is marked. The stored stage
/// alone decides, for every initiative wherever it was defined (configuration file or
/// console): no stored stage is a draft. Only `Test` and `Collecting` take statements; a
/// collecting one only inside its `schedule` (or the configured period), so a statement
/// arriving after the end is refused even before the scheduler has closed the initiative,
/// and only with the competent authority's certificate stored (`certified`), so a database
/// opened by `ocs demo` does not collect when served for real.
///
/// The one exemption is [`Regime::Demo`](crate::initiative::Regime::Demo), set only by
/// `ocs demo`: a demo initiative that was never moved on (no stage, or `Draft`) collects
/// within its configured period, without certificate or date rules; once moved on (test,
/// pause, close …) its stage decides like any other's.
pub fn statement_mode(
    initiative: &Initiative,
    stage: Option<Stage>,
    schedule: Option<Schedule>,
    certified: bool,
    now: Timestamp,
) -> Result<StatementMode, NotCollecting> {
    let demo = initiative.regime.is_demo();
    let within = |opens: Timestamp, closes: Timestamp| {
        if now < opens {
            Err(NotCollecting::NotYetOpen)
        } else if now >= closes {
            Err(NotCollecting::Ended)
        } else {
            Ok(StatementMode::Live)
        }
    };
    match stage.unwrap_or(Stage::Draft) {
        Stage::Draft if demo => within(initiative.period.start(), initiative.period.end()),
        Stage::Test => Ok(StatementMode::Test),
        Stage::Collecting => {
            let (opens, closes) = match schedule {
                Some(s) => (s.opens, s.closes),
                None => (initiative.period.start(), initiative.period.end()),
            };
            within(opens, closes)?;
            if !certified && !demo {
                return Err(NotCollecting::NoCertificate);
            }
            Ok(StatementMode::Live)
        }
        other => Err(NotCollecting::Stage(other)),
    }
}

/// What the public pages and the API show for `initiative` whose statement mode now is
/// `mode`: collecting when it takes statements, otherwise what its stored `stage` means to a
/// reader (not yet open, paused, or over). The configured status plays no part.
pub fn public_status(
    stage: Option<Stage>,
    mode: Result<StatementMode, NotCollecting>,
) -> crate::initiative::InitiativeStatus {
    use crate::initiative::InitiativeStatus;
    if mode.is_ok() {
        return InitiativeStatus::Collecting;
    }
    match (stage.unwrap_or(Stage::Draft), mode) {
        (Stage::Paused, _) => InitiativeStatus::Paused,
        (Stage::Collecting, Err(NotCollecting::Ended))
        | (Stage::Closed | Stage::Submitted | Stage::Withdrawn | Stage::Destroyed, _) => {
            InitiativeStatus::Closed
        }
        _ => InitiativeStatus::Draft,
    }
}

#[cfg(test)]
mod tests;
