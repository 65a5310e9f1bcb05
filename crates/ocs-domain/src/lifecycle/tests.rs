//! Tests of the lifecycle rules: stages, actions, date rules and their refusals.

use super::*;
use jiff::civil::date;

fn ts(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn legal() -> Vec<(Stage, Action, Stage)> {
    vec![
        (Stage::Draft, Action::StartTest, Stage::Test),
        (Stage::Draft, Action::Withdraw, Stage::Withdrawn),
        (Stage::Test, Action::GoLive, Stage::Live),
        (Stage::Test, Action::Withdraw, Stage::Withdrawn),
        (Stage::Live, Action::Open, Stage::Collecting),
        (Stage::Live, Action::Withdraw, Stage::Withdrawn),
        (Stage::Collecting, Action::Pause, Stage::Paused),
        (Stage::Collecting, Action::Close, Stage::Closed),
        (Stage::Collecting, Action::Withdraw, Stage::Withdrawn),
        (Stage::Paused, Action::Resume, Stage::Collecting),
        (Stage::Paused, Action::Close, Stage::Closed),
        (Stage::Paused, Action::Withdraw, Stage::Withdrawn),
        (Stage::Closed, Action::Submit, Stage::Submitted),
        (Stage::Closed, Action::Destroy, Stage::Destroyed),
        (Stage::Submitted, Action::Destroy, Stage::Destroyed),
        (Stage::Withdrawn, Action::Destroy, Stage::Destroyed),
    ]
}

fn schedule() -> Schedule {
    Schedule {
        opens: ts("2026-03-01T00:00:00Z"),
        closes: ts("2027-03-01T00:00:00Z"),
    }
}

fn satisfied(now: Timestamp) -> Preconditions<'static> {
    Preconditions {
        reason: Some("because"),
        confirmation: Some(("ECI(2026)000001", "ECI(2026)000001")),
        has_certificate: true,
        schedule: Some(schedule()),
        now: Some(now),
    }
}

#[test]
fn every_pair_of_stage_and_action_follows_the_table() {
    let legal = legal();
    let now = ts("2026-06-01T00:00:00Z");
    let mut checked = 0;
    for from in Stage::ALL {
        for action in Action::ALL {
            let result = Lifecycle::at(from).apply(action, &satisfied(now));
            if let Some((_, _, to)) = legal.iter().find(|(f, a, _)| *f == from && *a == action) {
                assert_eq!(result, Ok(*to), "{from} {action:?}");
            } else {
                let err = result.unwrap_err();
                assert_eq!(err, LifecycleError::Illegal { from, action });
                assert_eq!(err.code(), "LIF-001");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 81);
    assert_eq!(TRANSITIONS.len(), legal.len());
}

#[test]
fn a_closed_initiative_takes_no_statements() {
    for stage in Stage::ALL {
        let takes = stage.takes_statements();
        assert_eq!(takes, matches!(stage, Stage::Test | Stage::Collecting));
    }
    for stage in Stage::ALL {
        assert_eq!(Stage::parse(stage.as_str()), Some(stage));
    }
}

#[test]
fn preconditions_are_checked() {
    let now = ts("2026-06-01T00:00:00Z");
    let mut pre = satisfied(now);
    pre.reason = Some("  ");
    assert_eq!(
        Lifecycle::at(Stage::Collecting).apply(Action::Pause, &pre),
        Err(LifecycleError::ReasonRequired(Action::Pause))
    );
    let mut pre = satisfied(now);
    pre.confirmation = Some(("ECI(2026)000002", "ECI(2026)000001"));
    assert_eq!(
        Lifecycle::at(Stage::Test).apply(Action::GoLive, &pre),
        Err(LifecycleError::ConfirmationMismatch)
    );
    let mut pre = satisfied(now);
    pre.has_certificate = false;
    assert_eq!(
        Lifecycle::at(Stage::Live).apply(Action::Open, &pre),
        Err(LifecycleError::CertificateMissing)
    );
    let mut pre = satisfied(ts("2026-02-28T23:59:59Z"));
    assert_eq!(
        Lifecycle::at(Stage::Live).apply(Action::Open, &pre),
        Err(LifecycleError::TooEarly)
    );
    pre.now = Some(ts("2027-03-01T00:00:00Z"));
    assert_eq!(
        Lifecycle::at(Stage::Live).apply(Action::Open, &pre),
        Err(LifecycleError::PeriodOver)
    );
    assert_eq!(
        Lifecycle::at(Stage::Paused).apply(Action::Resume, &pre),
        Err(LifecycleError::PeriodOver)
    );
    pre.schedule = None;
    assert_eq!(
        Lifecycle::at(Stage::Live).apply(Action::Open, &pre),
        Err(LifecycleError::PeriodMissing)
    );
}

#[test]
fn due_transitions_at_the_period_boundaries() {
    let s = Some(schedule());
    let before = ts("2026-02-28T23:59:59Z");
    let start = ts("2026-03-01T00:00:00Z");
    let last = ts("2027-02-28T23:59:59Z");
    let end = ts("2027-03-01T00:00:00Z");
    assert_eq!(due_transition(Stage::Live, s, true, before), None);
    assert_eq!(
        due_transition(Stage::Live, s, true, start),
        Some(Action::Open)
    );
    assert_eq!(due_transition(Stage::Live, s, false, start), None);
    assert_eq!(due_transition(Stage::Live, s, true, end), None);
    assert_eq!(due_transition(Stage::Live, None, true, start), None);
    assert_eq!(due_transition(Stage::Collecting, s, true, last), None);
    assert_eq!(
        due_transition(Stage::Collecting, s, true, end),
        Some(Action::Close)
    );
    assert_eq!(
        due_transition(Stage::Paused, s, true, end),
        Some(Action::Close)
    );
    for stage in [Stage::Draft, Stage::Test, Stage::Closed, Stage::Destroyed] {
        assert_eq!(due_transition(stage, s, true, end), None);
    }
}

#[test]
fn working_days_skip_weekends_and_holidays() {
    // 2026-04-03 Good Friday and 2026-04-06 Easter Monday as holidays.
    let calendar = HolidayCalendar::new([date(2026, 4, 3), date(2026, 4, 6)]);
    assert!(!calendar.is_working_day(date(2026, 4, 4)));
    assert!(!calendar.is_working_day(date(2026, 4, 3)));
    assert!(calendar.is_working_day(date(2026, 4, 2)));
    // From Thursday 2 April: 7, 8, 9, 10, 13, 14, 15, 16, 17, 20 April.
    assert_eq!(
        calendar.add_working_days(date(2026, 4, 2), 10),
        date(2026, 4, 20)
    );
    assert_eq!(
        HolidayCalendar::default().add_working_days(date(2026, 4, 2), 10),
        date(2026, 4, 16)
    );
    assert_eq!(
        calendar.add_working_days(date(2026, 4, 2), 0),
        date(2026, 4, 2)
    );
}

#[test]
fn date_rules_at_their_boundaries() {
    let rules = DateRules {
        calendar: HolidayCalendar::new([date(2026, 4, 3), date(2026, 4, 6)]),
        ..DateRules::default()
    };
    let ok = PeriodDates {
        registration: date(2026, 1, 15),
        notice: Some(date(2026, 4, 2)),
        start: date(2026, 4, 20),
        end: date(2027, 4, 19),
    };
    assert_eq!(rules.check(&ok), Ok(()));
    // One day short of ten working days after notice.
    let early = PeriodDates {
        start: date(2026, 4, 17),
        ..ok
    };
    assert_eq!(
        rules.check(&early),
        Err(LifecycleError::NoticeTooRecent {
            days: 10,
            earliest: date(2026, 4, 20)
        })
    );
    assert_eq!(
        rules
            .check(&PeriodDates { notice: None, ..ok })
            .unwrap_err()
            .code(),
        "LIF-012"
    );
    let no_notice_rule = DateRules {
        notice_working_days: None,
        ..rules.clone()
    };
    assert_eq!(
        no_notice_rule.check(&PeriodDates { notice: None, ..ok }),
        Ok(())
    );
    // Last day of a 12-month period starting 20 April is 19 April next year.
    assert_eq!(
        rules.check(&PeriodDates {
            end: date(2027, 4, 20),
            ..ok
        }),
        Err(LifecycleError::PeriodTooLong {
            max_months: 12,
            latest: date(2027, 4, 19)
        })
    );
    // Start exactly 6 months after registration is allowed; one day later is not.
    let six = PeriodDates {
        registration: date(2025, 10, 20),
        ..ok
    };
    assert_eq!(rules.check(&six), Ok(()));
    let late = PeriodDates {
        registration: date(2025, 10, 19),
        ..ok
    };
    assert_eq!(
        rules.check(&late),
        Err(LifecycleError::StartTooLate {
            months: 6,
            latest: date(2026, 4, 19)
        })
    );
    assert_eq!(
        rules
            .check(&PeriodDates {
                registration: date(2026, 4, 21),
                ..ok
            })
            .unwrap_err(),
        LifecycleError::StartBeforeRegistration
    );
    assert_eq!(
        rules
            .check(&PeriodDates {
                end: date(2026, 4, 19),
                ..ok
            })
            .unwrap_err(),
        LifecycleError::EndBeforeStart
    );
}

#[test]
fn only_test_and_collecting_stages_take_statements() {
    use crate::ids::InitiativeId;
    use crate::initiative::{CollectionPeriod, InitiativeStatus, Slug};
    let period = CollectionPeriod::new(
        ts("2026-03-01T00:00:00Z"),
        ts("2027-03-01T00:00:00Z"),
        date(2026, 3, 1),
        date(2027, 3, 1),
        12,
    )
    .unwrap();
    let initiative = Initiative {
        id: InitiativeId::new(1),
        slug: Slug::parse("x").unwrap(),
        registration_number: "ECI(2026)000001".into(),
        registration_date: date(2026, 1, 1),
        title: "t".into(),
        subject: "s".into(),
        objectives: "o".into(),
        organisers: vec![],
        register_url: "https://example.org".into(),
        website: None,
        privacy_notice: "p".into(),
        period,
        status: InitiativeStatus::Collecting,
        translations: crate::initiative::InitiativeTranslations::default(),
        regime: crate::initiative::Regime::National,
        storage_country: crate::CountryCode::BE,
        data_protection: crate::initiative::DataProtection::default(),
    };
    let inside = ts("2026-06-01T00:00:00Z");
    let s = Some(schedule());
    // No stored stage is a draft, whatever the configured status says.
    assert_eq!(
        statement_mode(&initiative, None, None, true, inside),
        Err(NotCollecting::Stage(Stage::Draft))
    );
    assert_eq!(
        statement_mode(
            &initiative,
            Some(Stage::Test),
            None,
            false,
            ts("2020-01-01T00:00:00Z")
        ),
        Ok(StatementMode::Test)
    );
    assert_eq!(
        statement_mode(&initiative, Some(Stage::Collecting), s, true, inside),
        Ok(StatementMode::Live)
    );
    // Collecting without the certificate: refused.
    assert_eq!(
        statement_mode(&initiative, Some(Stage::Collecting), s, false, inside),
        Err(NotCollecting::NoCertificate)
    );
    assert_eq!(
        statement_mode(
            &initiative,
            Some(Stage::Collecting),
            s,
            true,
            ts("2027-03-01T00:00:00Z")
        ),
        Err(NotCollecting::Ended)
    );
    assert_eq!(
        statement_mode(
            &initiative,
            Some(Stage::Collecting),
            s,
            true,
            ts("2026-02-01T00:00:00Z")
        ),
        Err(NotCollecting::NotYetOpen)
    );
    for stage in Stage::ALL {
        if !stage.takes_statements() {
            assert_eq!(
                statement_mode(&initiative, Some(stage), s, true, inside),
                Err(NotCollecting::Stage(stage)),
                "{stage}"
            );
        }
    }
}

#[test]
fn only_a_demo_initiative_collects_without_stage_or_certificate() {
    use crate::ids::InitiativeId;
    use crate::initiative::{CollectionPeriod, InitiativeStatus, Regime, Slug};
    let period = CollectionPeriod::new(
        ts("2026-03-01T00:00:00Z"),
        ts("2027-03-01T00:00:00Z"),
        date(2026, 3, 1),
        date(2027, 3, 1),
        12,
    )
    .unwrap();
    let mut initiative = Initiative {
        id: InitiativeId::new(1),
        slug: Slug::parse("x").unwrap(),
        registration_number: "ECI(2026)000001".into(),
        registration_date: date(2026, 1, 1),
        title: "t".into(),
        subject: "s".into(),
        objectives: "o".into(),
        organisers: vec![],
        register_url: "https://example.org".into(),
        website: None,
        privacy_notice: "p".into(),
        period,
        status: InitiativeStatus::Collecting,
        regime: Regime::National,
        translations: crate::initiative::InitiativeTranslations::default(),
        storage_country: crate::CountryCode::BE,
        data_protection: crate::initiative::DataProtection::default(),
    };
    let inside = ts("2026-06-01T00:00:00Z");
    for stage in [None, Some(Stage::Draft)] {
        assert_eq!(
            statement_mode(&initiative, stage, None, false, inside),
            Err(NotCollecting::Stage(Stage::Draft))
        );
    }
    initiative.regime = Regime::Demo;
    for stage in [None, Some(Stage::Draft)] {
        assert_eq!(
            statement_mode(&initiative, stage, None, false, inside),
            Ok(StatementMode::Live)
        );
        assert_eq!(
            statement_mode(&initiative, stage, None, false, ts("2027-03-01T00:00:00Z")),
            Err(NotCollecting::Ended)
        );
    }
    // Moved on, its stage decides like any other's.
    assert_eq!(
        statement_mode(&initiative, Some(Stage::Paused), None, false, inside),
        Err(NotCollecting::Stage(Stage::Paused))
    );
    assert_eq!(
        statement_mode(&initiative, Some(Stage::Collecting), None, false, inside),
        Ok(StatementMode::Live)
    );
}

#[test]
fn public_status_follows_the_stage_not_the_configuration() {
    use crate::initiative::InitiativeStatus;
    assert_eq!(
        public_status(None, Err(NotCollecting::Stage(Stage::Draft))),
        InitiativeStatus::Draft
    );
    assert_eq!(
        public_status(Some(Stage::Collecting), Ok(StatementMode::Live)),
        InitiativeStatus::Collecting
    );
    assert_eq!(
        public_status(Some(Stage::Collecting), Err(NotCollecting::NoCertificate)),
        InitiativeStatus::Draft
    );
    assert_eq!(
        public_status(
            Some(Stage::Paused),
            Err(NotCollecting::Stage(Stage::Paused))
        ),
        InitiativeStatus::Paused
    );
    assert_eq!(
        public_status(Some(Stage::Collecting), Err(NotCollecting::Ended)),
        InitiativeStatus::Closed
    );
}
