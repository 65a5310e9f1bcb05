//! The per-initiative tag rate meter (ADR 0011 part 6). Tags are counted per initiative and
//! per minute over the last hour. The expected rate of a minute is `alarm_multiple` times the
//! last hour's average per minute, but never below `alarm_floor_per_minute` (a quiet hour
//! must not make the first busy minute an alarm). Above it the meter raises an alarm (logged
//! once a minute per initiative with `KEY-020`); beyond `cap_per_minute` it refuses the batch
//! (`KEY-021`, busy until the minute ends). Time comes from the caller.

use std::collections::{HashMap, VecDeque};

use jiff::{SignedDuration, Timestamp};
use ocs_domain::{ErrorCode, InitiativeId};

/// How many minutes of history the expected rate is computed from.
const HISTORY_MINUTES: i64 = 60;

/// The meter's limits, from `[tagd]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagLimits {
    /// Most tags one initiative gets in a minute; beyond it the holder answers busy.
    pub cap_per_minute: u32,
    /// The alarm is raised above this multiple of the last hour's average per minute.
    pub alarm_multiple: u32,
    /// ... but never below this many tags in a minute.
    pub alarm_floor_per_minute: u32,
}

impl Default for TagLimits {
    /// 60,000 tags a minute (1,000 a second) per initiative: far above the busiest signing
    /// peak an initiative has seen, and a dictionary of a million national numbers then
    /// takes 17 minutes instead of a second (write a lower cap for a quieter initiative). The alarm at four times the last hour's rate, not
    /// below 600 a minute.
    fn default() -> Self {
        Self {
            cap_per_minute: 60_000,
            alarm_multiple: 4,
            alarm_floor_per_minute: 600,
        }
    }
}

/// The meter's answer to a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Counted; `alarm` when the minute's count is above the expected rate.
    Admit {
        /// Above the expected rate.
        alarm: bool,
    },
    /// Beyond the cap: not counted, refused until the minute ends.
    Busy {
        /// Until the next minute.
        retry_after: SignedDuration,
    },
}

#[derive(Debug, Default)]
struct Window {
    /// `(minute, tags)`, oldest first, the last [`HISTORY_MINUTES`] plus the current one.
    minutes: VecDeque<(i64, u64)>,
    /// The last minute an alarm was logged for.
    alarmed: Option<i64>,
    /// The last minute the cap was reached in: every request of that minute is refused,
    /// however small (a dictionary cannot fill the rest of the minute with single tags).
    capped: Option<i64>,
}

impl Window {
    fn forget_before(&mut self, minute: i64) {
        while self
            .minutes
            .front()
            .is_some_and(|(m, _)| *m < minute - HISTORY_MINUTES)
        {
            self.minutes.pop_front();
        }
    }

    fn current(&self, minute: i64) -> u64 {
        self.minutes
            .back()
            .filter(|(m, _)| *m == minute)
            .map_or(0, |(_, n)| *n)
    }

    fn last_hour(&self, minute: i64) -> u64 {
        self.minutes
            .iter()
            .filter(|(m, _)| *m < minute)
            .map(|(_, n)| n)
            .sum()
    }

    fn add(&mut self, minute: i64, tags: u64) {
        match self.minutes.back_mut() {
            Some((m, n)) if *m == minute => *n += tags,
            _ => self.minutes.push_back((minute, tags)),
        }
    }
}

/// The expected tags in a minute after `last_hour` tags in the hour before it.
fn expected(limits: TagLimits, last_hour: u64) -> u64 {
    let average = last_hour.div_ceil(HISTORY_MINUTES.unsigned_abs());
    average
        .saturating_mul(u64::from(limits.alarm_multiple))
        .max(u64::from(limits.alarm_floor_per_minute))
}

/// Counts tags per initiative and minute.
#[derive(Debug)]
pub struct RateMeter {
    limits: TagLimits,
    windows: HashMap<InitiativeId, Window>,
}

impl RateMeter {
    /// A meter with `limits`.
    pub fn new(limits: TagLimits) -> Self {
        Self {
            limits,
            windows: HashMap::new(),
        }
    }

    /// The limits.
    pub fn limits(&self) -> TagLimits {
        self.limits
    }

    /// The expected tags in a minute after `last_hour` tags in the hour before it.
    pub fn expected(&self, last_hour: u64) -> u64 {
        expected(self.limits, last_hour)
    }

    /// Counts a batch of `tags` for `initiative` at `now`, or refuses it beyond the cap.
    /// Logs the alarm (once a minute per initiative) with its code.
    pub fn admit(&mut self, initiative: InitiativeId, tags: u64, now: Timestamp) -> Verdict {
        let minute = now.as_second().div_euclid(60);
        let limits = self.limits;
        let window = self.windows.entry(initiative).or_default();
        window.forget_before(minute);
        let current = window.current(minute);
        let last_hour = window.last_hour(minute);
        let expected = expected(limits, last_hour);
        let first_alarm = window.alarmed != Some(minute);
        if window.capped == Some(minute) || current + tags > u64::from(limits.cap_per_minute) {
            window.capped = Some(minute);
            if first_alarm {
                window.alarmed = Some(minute);
                tracing::warn!(
                    code = %ErrorCode::TagRateAlarm,
                    busy = %ErrorCode::TagBusy,
                    %initiative,
                    this_minute = current,
                    cap = limits.cap_per_minute,
                    "tag rate at the cap: further tags are refused until the minute ends (a dictionary run through the tag key?)"
                );
            }
            let into_minute = now.as_second().rem_euclid(60);
            return Verdict::Busy {
                retry_after: SignedDuration::from_secs((60 - into_minute).max(1)),
            };
        }
        window.add(minute, tags);
        let alarm = current + tags > expected;
        if alarm && first_alarm {
            window.alarmed = Some(minute);
            tracing::warn!(
                code = %ErrorCode::TagRateAlarm,
                %initiative,
                this_minute = current + tags,
                expected,
                last_hour,
                "tag rate above the expected signing rate (a dictionary run through the tag key?)"
            );
        }
        Verdict::Admit { alarm }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        // 1,800,000,000 is a whole minute.
        Timestamp::from_second(1_800_000_000 + second).unwrap()
    }

    fn meter() -> RateMeter {
        RateMeter::new(TagLimits {
            cap_per_minute: 100,
            alarm_multiple: 3,
            alarm_floor_per_minute: 10,
        })
    }

    #[test]
    fn the_alarm_rises_above_the_floor_and_the_cap_refuses_until_the_minute_ends() {
        let mut meter = meter();
        let one = InitiativeId::new(1);
        assert_eq!(meter.admit(one, 10, at(0)), Verdict::Admit { alarm: false });
        assert_eq!(meter.admit(one, 1, at(1)), Verdict::Admit { alarm: true });
        assert_eq!(meter.admit(one, 89, at(2)), Verdict::Admit { alarm: true });
        assert_eq!(
            meter.admit(one, 1, at(15)),
            Verdict::Busy {
                retry_after: SignedDuration::from_secs(45)
            }
        );
        // Another initiative has its own count.
        let two = InitiativeId::new(2);
        assert_eq!(meter.admit(two, 5, at(15)), Verdict::Admit { alarm: false });
        // The next minute admits again, and the hour before raised the expected rate:
        // 100 tags in the last hour, 2 a minute on average, times 3, floor 10.
        assert_eq!(
            meter.admit(one, 10, at(60)),
            Verdict::Admit { alarm: false }
        );
        assert_eq!(meter.admit(one, 1, at(61)), Verdict::Admit { alarm: true });
    }

    #[test]
    fn once_the_cap_refuses_a_batch_even_a_single_tag_waits_for_the_next_minute() {
        let mut meter = meter();
        let one = InitiativeId::new(1);
        assert!(matches!(meter.admit(one, 95, at(0)), Verdict::Admit { .. }));
        // 95 + 10 is beyond the cap of 100: refused, and so is what would still fit.
        assert!(matches!(meter.admit(one, 10, at(1)), Verdict::Busy { .. }));
        assert!(matches!(meter.admit(one, 1, at(2)), Verdict::Busy { .. }));
        assert!(matches!(meter.admit(one, 1, at(59)), Verdict::Busy { .. }));
        assert!(matches!(meter.admit(one, 1, at(60)), Verdict::Admit { .. }));
    }

    #[test]
    fn a_busy_hour_raises_the_expected_rate_and_an_old_one_is_forgotten() {
        let mut meter = meter();
        let one = InitiativeId::new(1);
        // Sixty minutes of 60 tags: 60 a minute, times 3 = 180, above the cap of 100.
        for minute in 0..60 {
            let verdict = meter.admit(one, 60, at(minute * 60));
            assert!(matches!(verdict, Verdict::Admit { .. }), "{minute}");
        }
        assert_eq!(meter.expected(3600), 180);
        assert_eq!(
            meter.admit(one, 100, at(3600)),
            Verdict::Admit { alarm: false }
        );
        assert!(matches!(
            meter.admit(one, 1, at(3601)),
            Verdict::Busy { .. }
        ));
        // Two hours of silence: the floor again.
        assert_eq!(
            meter.admit(one, 11, at(3600 * 3)),
            Verdict::Admit { alarm: true }
        );
    }

    #[test]
    fn a_batch_larger_than_the_cap_is_refused_whole() {
        let mut meter = meter();
        let one = InitiativeId::new(1);
        assert!(matches!(meter.admit(one, 101, at(0)), Verdict::Busy { .. }));
        // The refusal holds for the rest of the minute; the next one admits the cap.
        assert!(matches!(meter.admit(one, 100, at(1)), Verdict::Busy { .. }));
        assert_eq!(
            meter.admit(one, 100, at(60)),
            Verdict::Admit { alarm: true }
        );
    }
}
