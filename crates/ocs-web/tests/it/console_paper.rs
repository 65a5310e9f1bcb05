//! Paper statements through the console (organisers only, same form, validation and
//! de-duplication as online, audited without personal data), the dashboard's online and
//! paper counts, and the warning before the data is destroyed (injected clock).

use axum::http::{StatusCode, header};
use jiff::civil::date;
use ocs_domain::access::Role;
use ocs_domain::retention::LifecycleDates;
use ocs_domain::{CountryCode, InitiativeId, Slug};
use ocs_testkit::TestApp;

use crate::console::{account, enrol_and_sign_in, form_post, get_with, token};
use crate::{austrian, post_statement, send, text, total};

const PAPER: &str = "/console/initiatives/demo/paper";

fn austrian_form(number: &str, token: &str) -> String {
    format!(
        "form_token={token}&nationality=AT&full.first.names=Anna&family.names=Gruber\
         &id.type=id.card&id.number={number}"
    )
}

#[expect(clippy::too_many_lines, reason = "one scenario, step by step")]
#[tokio::test]
async fn organisers_enter_paper_statements_in_the_console() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    account(&app, "olga", Role::Observer, Some(1)).await;
    let ann = enrol_and_sign_in(&app, "ann").await;
    let olga = enrol_and_sign_in(&app, "olga").await;
    let ann_token = token(&app, &ann).await;

    // The chooser, then the Annex III form of the nationality, without browser autofill.
    let page = text(send(&app, get_with(PAPER, &ann)).await).await;
    assert!(
        page.contains("<select id=\"nationality\" name=\"nationality\""),
        "{page}"
    );
    let page = text(send(&app, get_with(&format!("{PAPER}?nationality=AT"), &ann)).await).await;
    assert!(page.contains("name=\"id.number\""), "{page}");
    assert!(page.contains("<option value=\"AT\" selected>"));
    assert!(!page.contains("autocomplete=\"given-name\""));

    // A bad number: the form again, the field highlighted, the code shown, nothing stored.
    let response = send(
        &app,
        form_post(PAPER, &austrian_form("12", &ann_token), Some(&ann)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(page.contains("id=\"error-summary\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("(SIG-005)"), "{page}");
    assert!(page.contains("value=\"Gruber\""), "the input is kept");
    assert_eq!(total(&app, "demo").await, 0);

    // Recorded: counted, marked as paper.
    let response = send(
        &app,
        form_post(PAPER, &austrian_form("12121212", &ann_token), Some(&ann)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.contains("done=recorded"), "{location}");
    assert!(
        text(send(&app, get_with(location, &ann)).await)
            .await
            .contains("The paper statement was recorded and counted.")
    );
    assert_eq!(total(&app, "demo").await, 1);
    let rows = app
        .store
        .statements(InitiativeId::new(1), 0, 10)
        .await
        .unwrap();
    assert!(rows.iter().all(|row| row.paper));

    // The same person again on paper: told to the organisers, nothing stored.
    let response = send(
        &app,
        form_post(PAPER, &austrian_form("12121212", &ann_token), Some(&ann)),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.contains("(PAP-001)"));
    // And online: answered like a first signature, not counted again.
    post_statement(&app, "demo", &austrian(&app, 12_121_212)).await;
    assert_eq!(total(&app, "demo").await, 1);
    // A new person online: the dashboard counts online and paper apart, and the total.
    post_statement(&app, "demo", &austrian(&app, 34_343_434)).await;
    let slug = Slug::parse("demo").unwrap();
    assert_eq!(
        app.signing.paper_counts(&slug).await.unwrap()[&CountryCode::AT],
        1
    );
    let dashboard = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(
        dashboard.contains("<strong id=\"total\">2</strong>"),
        "{dashboard}"
    );
    assert!(dashboard.contains("<strong id=\"online\">1</strong>"));
    assert!(dashboard.contains("<strong id=\"paper\">1</strong>"));
    assert!(dashboard.contains("<th scope=\"row\">Austria</th><td>2</td><td>1</td>"));
    assert!(dashboard.contains("id=\"paper-link\""));

    // Audited by the organiser, without the person's data.
    let audit = app.store.recent_audit(50).await.unwrap();
    let entered: Vec<_> = audit
        .iter()
        .filter(|e| e.entry.action == ocs_service::PAPER_ENTERED_ACTION)
        .collect();
    assert_eq!(entered.len(), 2, "two entries reached the write");
    assert!(entered.iter().all(|e| e.entry.actor_name == "ann"));
    assert!(
        audit
            .iter()
            .any(|e| e.entry.action == ocs_service::PAPER_DUPLICATE_ACTION)
    );
    for entry in &audit {
        for personal in ["Gruber", "Anna", "12121212"] {
            assert!(!entry.entry.detail.contains(personal), "{entry:?}");
        }
    }

    // In German, and refused to observers and without the form token.
    let page = text(
        send(
            &app,
            get_with(&format!("{PAPER}?nationality=AT&lang=de"), &ann),
        )
        .await,
    )
    .await;
    assert!(page.contains("Papiererklärungen erfassen"), "{page}");
    assert_eq!(
        send(&app, get_with(PAPER, &olga)).await.status(),
        StatusCode::FORBIDDEN
    );
    let olga_token = token(&app, &olga).await;
    assert_eq!(
        send(
            &app,
            form_post(PAPER, &austrian_form("56565656", &olga_token), Some(&olga))
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(
            &app,
            form_post(PAPER, &austrian_form("56565656", "nope"), Some(&ann))
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(total(&app, "demo").await, 2);
}

#[tokio::test]
async fn the_console_warns_thirty_days_before_destruction() {
    // Collection started 2026-01-01: destroyed 21 months later, on 2027-10-01.
    let app = TestApp::builder()
        .lifecycle_dates(
            1,
            LifecycleDates {
                collection_start: Some(date(2026, 1, 1)),
                ..LifecycleDates::default()
            },
        )
        .build()
        .await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let ann = enrol_and_sign_in(&app, "ann").await;
    // Months away: no warning.
    let dashboard = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(!dashboard.contains("destruction-warning"), "{dashboard}");
    let list = text(send(&app, get_with("/console/initiatives", &ann)).await).await;
    assert!(!list.contains("destruction-demo"));

    // 31 days before: still none; 30 days before: the warning, with the date.
    app.clock.set("2027-08-31T10:00:00Z".parse().unwrap());
    let ann = enrol_again(&app).await;
    let dashboard = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(!dashboard.contains("destruction-warning"), "{dashboard}");
    app.clock.set("2027-09-01T10:00:00Z".parse().unwrap());
    let ann = enrol_again(&app).await;
    let dashboard = text(send(&app, get_with("/console/initiatives/demo", &ann)).await).await;
    assert!(
        dashboard.contains("id=\"destruction-warning\""),
        "{dashboard}"
    );
    assert!(dashboard.contains("days left: 30"), "{dashboard}");
    assert!(dashboard.contains("2027"), "{dashboard}");
    let list = text(send(&app, get_with("/console/initiatives", &ann)).await).await;
    assert!(list.contains("id=\"destruction-demo\""), "{list}");
    let german = text(send(&app, get_with("/console/initiatives/demo?lang=de", &ann)).await).await;
    assert!(german.contains("verbleibende Tage: 30"), "{german}");
}

/// Signs `ann` in again after the clock jumped (the old session has ended).
async fn enrol_again(app: &TestApp) -> String {
    let code = app.totp_code("ann").await.unwrap();
    let response = crate::send_form(
        app,
        form_post(
            "/console/sign-in",
            &format!("name=ann&password=correct+horse+battery&code={code}"),
            None,
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let set = response.headers()[header::SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}
