//! Issue 16, item 5 and item 7 (third bullet): the submission to the Commission, not the one
//! to the authorities, starts the one-month destruction deadline; a legal hold set by a host
//! administrator stops destruction until it is lifted, after which the data go one week
//! after the conclusion of the proceedings; the authorities' Annex VI certificates are
//! recorded, audited, shown on the dashboard and in the counters API, and build Annex VII.

use axum::http::{StatusCode, header};
use jiff::civil::date;
use ocs_domain::access::{Principal, Role};
use ocs_domain::lifecycle::Action;
use ocs_domain::retention::DestructionDue;
use ocs_domain::{CountryCode, InitiativeId};
use ocs_service::audit::Actor;
use ocs_testkit::TestApp;

use crate::console::{account, enrol_and_sign_in, form_post, get_with, token};
use crate::{austrian, json_of, post_statement, send, text, total};

const DEMO: InitiativeId = InitiativeId::new(1);

/// Two statements, then closed and submitted to the competent authorities.
async fn submitted_to_the_authorities(app: &TestApp) {
    for number in 0..2 {
        let response = post_statement(app, "demo", &austrian(app, 93_000_000 + number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let right = Principal::operator().can_manage(DEMO).unwrap();
    for action in [Action::Close, Action::Submit] {
        app.lifecycle
            .apply(&Actor::Operator("ops".into()), right, action, "", None)
            .await
            .unwrap();
    }
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String)> {
    app.store
        .recent_audit(100)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.entry.action.to_string(), row.entry.detail))
        .collect()
}

#[expect(clippy::too_many_lines, reason = "one scenario, step by step")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deadlines_run_from_the_commission_submission_and_a_legal_hold_stops_destruction() {
    let app = TestApp::builder().build().await;
    let destruction = &app.destruction;
    let ops = Actor::Operator("ops".into());
    let manage = Principal::operator().can_manage(DEMO).unwrap();
    let admin = Principal::operator().can_administer().unwrap();

    // Before the submission to the authorities, nothing can be recorded as submitted to the
    // Commission.
    let early = destruction
        .record_commission_submission(&ops, manage, date(2026, 6, 15))
        .await
        .unwrap_err();
    assert_eq!(early.code(), "RET-001");
    submitted_to_the_authorities(&app).await;
    // Submitted to the authorities: the deadline is still 21 months after the start.
    assert_eq!(
        destruction.due(DEMO).await,
        DestructionDue::On(date(2027, 10, 1))
    );
    let future = destruction
        .record_commission_submission(&ops, manage, date(2026, 6, 16))
        .await
        .unwrap_err();
    assert_eq!(future.code(), "RET-003");
    destruction
        .record_commission_submission(&ops, manage, date(2026, 6, 15))
        .await
        .unwrap();
    assert_eq!(
        destruction.due(DEMO).await,
        DestructionDue::On(date(2026, 7, 15))
    );
    let again = destruction
        .record_commission_submission(&ops, manage, date(2026, 6, 14))
        .await
        .unwrap_err();
    assert_eq!(again.code(), "RET-002");

    // A hold: a reason is required; then nothing is due and nothing is destroyed.
    let blank = destruction
        .set_legal_hold(&ops, admin, DEMO, "  \n ")
        .await
        .unwrap_err();
    assert_eq!(blank.code(), "RET-004");
    destruction
        .set_legal_hold(&ops, admin, DEMO, "Case T-101/26 before the General Court")
        .await
        .unwrap();
    let twice = destruction
        .set_legal_hold(&ops, admin, DEMO, "again")
        .await
        .unwrap_err();
    assert_eq!(twice.code(), "RET-005");
    assert_eq!(destruction.due(DEMO).await, DestructionDue::Held);
    app.clock.set("2026-08-01T12:00:00Z".parse().unwrap());
    assert!(destruction.run().await.unwrap().is_empty());
    assert_eq!(
        total(&app, "demo").await,
        2,
        "nothing destroyed under a hold"
    );

    // Lifted: the proceedings cannot end before the hold began; once concluded, the data
    // go one week after the conclusion (later than the ordinary 2026-07-15 here).
    let before = destruction
        .lift_legal_hold(&ops, admin, DEMO, date(2026, 6, 1), "judgment")
        .await
        .unwrap_err();
    assert_eq!(before.code(), "RET-003");
    destruction
        .lift_legal_hold(
            &ops,
            admin,
            DEMO,
            date(2026, 7, 31),
            "final judgment of 31 July",
        )
        .await
        .unwrap();
    let lifted = destruction
        .lift_legal_hold(&ops, admin, DEMO, date(2026, 7, 31), "again")
        .await
        .unwrap_err();
    assert_eq!(lifted.code(), "RET-006");
    assert_eq!(
        destruction.due(DEMO).await,
        DestructionDue::On(date(2026, 8, 7))
    );
    assert!(destruction.run().await.unwrap().is_empty());
    assert_eq!(total(&app, "demo").await, 2);
    app.clock.set("2026-08-07T12:00:00Z".parse().unwrap());
    let certificates = destruction.run().await.unwrap();
    assert_eq!(certificates.len(), 1, "{certificates:?}");
    assert_eq!(certificates[0].due, date(2026, 8, 7));
    assert_eq!(total(&app, "demo").await, 0);

    // Every step is in the stored trail, with the reasons; refusals left nothing.
    let trail = audit_actions(&app).await;
    let of = |action: &str| {
        trail
            .iter()
            .filter(|(a, _)| a == action)
            .map(|(_, detail)| detail.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of("retention.commission-submitted"),
        ["submitted to the Commission on 2026-06-15"]
    );
    assert_eq!(
        of("retention.hold-set"),
        ["Case T-101/26 before the General Court"]
    );
    assert_eq!(
        of("retention.hold-lifted"),
        ["proceedings concluded on 2026-07-31; final judgment of 31 July"]
    );
    assert_eq!(of("data.destroyed").len(), 1);
}

/// The Annex VII document as text and as a PDF/A form, for the organisers' signature (one
/// AT certificate of 2 statements by BMI recorded).
async fn annex_vii_forms_are_given_as_text_and_pdf_a(app: &TestApp, ann: &str) {
    let response = send(
        app,
        get_with("/console/initiatives/demo/annex-vii.txt", ann),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/plain; charset=utf-8"
    );
    let form = text(response).await;
    assert!(
        form.contains("2. Commission registration number:\n    ECI(2025)000001"),
        "{form}"
    );
    assert!(form.contains("AT: 2 valid statements"), "{form}");
    assert!(form.contains("certificate of BMI"), "{form}");
    let response = send(
        app,
        get_with("/console/initiatives/demo/annex-vii.pdf", ann),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/pdf");
    let pdf = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert!(pdf.starts_with(b"%PDF-1.7"));
    assert!(
        pdf.windows(14).any(|w| w == b"/OutputIntents"),
        "no PDF/A OutputIntent"
    );
    // Without a session neither is given out.
    let response = crate::get(app, "/console/initiatives/demo/annex-vii.pdf").await;
    assert_ne!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authority_certificates_are_recorded_shown_and_build_annex_vii() {
    let app = TestApp::builder().build().await;
    let destruction = &app.destruction;
    let ops = Actor::Operator("ops".into());
    let manage = Principal::operator().can_manage(DEMO).unwrap();
    let early = destruction
        .record_verification(&ops, manage, CountryCode::AT, 1, "BMI", date(2026, 6, 1))
        .await
        .unwrap_err();
    assert_eq!(early.code(), "RET-001");
    submitted_to_the_authorities(&app).await;
    // More valid statements than were collected for that state is refused.
    let too_many = destruction
        .record_verification(&ops, manage, CountryCode::AT, 3, "BMI", date(2026, 6, 1))
        .await
        .unwrap_err();
    assert_eq!(too_many.code(), "RET-010");
    destruction
        .record_verification(&ops, manage, CountryCode::AT, 2, "BMI", date(2026, 6, 1))
        .await
        .unwrap();
    let counters = json_of(
        send(
            &app,
            axum::http::Request::get("/api/v1/initiatives/demo/counters")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await,
    )
    .await;
    assert_eq!(counters["verified"]["AT"], 2, "{counters}");
    assert_eq!(counters["verified"].as_object().unwrap().len(), 1);

    // The dashboard lists it; the Annex VII document is built from it.
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let ann = enrol_and_sign_in(&app, "ann").await;
    let page = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(page.contains("id=\"verifications\""), "{page}");
    assert!(page.contains(">BMI<"), "{page}");
    let response = send(
        &app,
        get_with("/console/initiatives/demo/annex-vii.json", &ann),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let annex = json_of(response).await;
    assert_eq!(annex["format"], "ocs-annex-vii-1");
    assert_eq!(annex["registration_number"], "ECI(2025)000001");
    assert_eq!(annex["total_valid_statements"], 2);
    assert_eq!(annex["certified"][0]["country"], "AT");
    assert_eq!(annex["certified"][0]["authority"], "BMI");
    assert_eq!(annex["thresholds_met"], false);
    assert_eq!(annex["organisers"][0]["name"], "Alex Example");
    annex_vii_forms_are_given_as_text_and_pdf_a(&app, &ann).await;
    // Recorded in the console too: a corrected certificate replaces the first.
    let token = token(&app, &ann).await;
    let body =
        format!("form_token={token}&country=AT&valid=1&authority=BMI+Wien&issued_on=2026-06-10");
    let response = send(
        &app,
        form_post("/console/initiatives/demo/verification", &body, Some(&ann)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let body = format!("form_token={token}&country=AT&valid=many&authority=x&issued_on=2026-06-10");
    let response = send(
        &app,
        form_post("/console/initiatives/demo/verification", &body, Some(&ann)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("RET-007"));
    let verified = destruction.verified(DEMO).await.unwrap();
    assert_eq!(verified.get(&CountryCode::AT), Some(&1));
    let trail = audit_actions(&app).await;
    let details: Vec<&str> = trail
        .iter()
        .filter(|(action, _)| action == "retention.verified")
        .map(|(_, detail)| detail.as_str())
        .collect();
    assert_eq!(
        details,
        [
            "AT: 1 valid; BMI Wien; 2026-06-10",
            "AT: 2 valid; BMI; 2026-06-01"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_sets_and_lifts_holds_for_host_administrators_only() {
    let app = TestApp::builder().build().await;
    submitted_to_the_authorities(&app).await;
    account(&app, "hank", Role::HostAdmin, None).await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let hank = enrol_and_sign_in(&app, "hank").await;
    let ann = enrol_and_sign_in(&app, "ann").await;
    let hank_token = token(&app, &hank).await;
    let ann_token = token(&app, &ann).await;

    // An organiser sees no hold form and may not set one.
    let page = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(!page.contains("/hold\""), "{page}");
    assert!(page.contains("id=\"retention-due\""), "{page}");
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/hold",
            &format!("form_token={ann_token}&reason=mine"),
            Some(&ann),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // The organiser records the submission to the Commission.
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/commission",
            &format!("form_token={ann_token}&submitted_on=2026-06-12"),
            Some(&ann),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(page.contains("id=\"commission-submitted\""), "{page}");

    // The host administrator: a hold without a reason is refused, with its code.
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/hold",
            &format!("form_token={hank_token}&reason=+"),
            Some(&hank),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("RET-004"));
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/hold",
            &format!("form_token={hank_token}&reason=Complaint+before+the+DPA"),
            Some(&hank),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(page.contains("id=\"legal-hold\""), "{page}");
    assert!(page.contains("Complaint before the DPA"), "{page}");
    assert_eq!(app.destruction.due(DEMO).await, DestructionDue::Held);
    // Without the form token, nothing happens.
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/hold/lift",
            "form_token=wrong&concluded_on=2026-06-15&reason=done",
            Some(&hank),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = text(send(&app, get_with("/console/initiatives/demo", &hank)).await).await;
    assert!(page.contains("/hold/lift\""), "{page}");
    let response = send(
        &app,
        form_post(
            "/console/initiatives/demo/hold/lift",
            &format!("form_token={hank_token}&concluded_on=2026-06-15&reason=Withdrawn"),
            Some(&hank),
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // One month after the submission, since the proceedings ended a week before that.
    assert_eq!(
        app.destruction.due(DEMO).await,
        DestructionDue::On(date(2026, 7, 12))
    );
    let trail = audit_actions(&app).await;
    let hold = trail
        .iter()
        .find(|(action, _)| action == "retention.hold-set")
        .unwrap();
    assert_eq!(hold.1, "Complaint before the DPA");
    assert!(
        trail
            .iter()
            .any(|(action, _)| action == "retention.hold-lifted")
    );
}
