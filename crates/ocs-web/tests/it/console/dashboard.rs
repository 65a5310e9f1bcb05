//! The console dashboard: the counters of the API, the map of the states next to the table,
//! and every console string in every language.

use axum::http::StatusCode;
use ocs_domain::access::Role;
use ocs_testkit::TestApp;

use super::{account, enrol_and_sign_in, get_with};
use crate::{german, get, json_of, post_statement, send_form as send, text};

#[tokio::test]
async fn the_dashboard_shows_the_counters_of_the_api() {
    let app = TestApp::builder().build().await;
    account(&app, "olga", Role::Observer, Some(1)).await;
    for (first, birth) in [("Erika", "1964-08-12"), ("Hans", "1970-01-02")] {
        let response = post_statement(&app, "demo", &german(&app, first, birth)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let cookie = enrol_and_sign_in(&app, "olga").await;
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    let counters = json_of(get(&app, "/api/v1/initiatives/demo/counters").await).await;
    let total = counters["total"].as_u64().unwrap();
    assert_eq!(total, 2);
    assert!(
        page.contains(&format!("<strong id=\"total\">{total}</strong>")),
        "{page}"
    );
    let threshold = counters["threshold_total"].as_u64().unwrap();
    assert_eq!(threshold, 1_000_000);
    assert!(page.contains("</strong> / 1\u{202F}000\u{202F}000</p>"));
    let at_minimum = counters["countries_at_minimum"].as_u64().unwrap();
    assert!(page.contains(&format!("<strong id=\"at-minimum\">{at_minimum}</strong>")));
    let germany = counters["by_country"]["DE"].as_u64().unwrap();
    assert!(page.contains(&format!("<th scope=\"row\">Germany</th><td>{germany}</td>")));
    // The charts: SVG with a title, and the same numbers as a table.
    assert!(page.contains("role=\"img\" aria-labelledby=\"per-day-title\""));
    assert!(page.contains("<title id=\"per-hour-title\">Statements per hour"));
    assert!(page.contains("<tr><th scope=\"row\">2026-06-15</th><td>2</td></tr>"));
    assert!(page.contains("<tr><th scope=\"row\">2026-06-15 10:00</th><td>2</td></tr>"));
    assert!(page.contains("<tr><th scope=\"row\">2026-06-15 09:00</th><td>0</td></tr>"));
    assert!(page.contains("2 statements in the last 24 hours"));
    // An observer sees no actions.
    assert!(!page.contains("/lifecycle"));
    // The burst monitor: nothing yet, then a prefix with many signatures in one hour.
    assert!(page.contains("<h2 id=\"bursts\">Unusual bursts"), "{page}");
    assert!(page.contains("<p id=\"bursts-none\">No unusual bursts.</p>"));
    let hour = jiff::Timestamp::from_second(1_781_517_600).unwrap(); // 2026-06-15 10:00 UTC
    for _ in 0..60 {
        app.web.bursts().record(
            ocs_domain::CountryCode::parse("AT").unwrap(),
            "198.51.100.7".parse().unwrap(),
            hour,
        );
    }
    let page = text(send(&app, get_with("/console/initiatives/demo", &cookie)).await).await;
    assert!(!page.contains("bursts-none"), "{page}");
    assert!(page.contains(
        "<tr><td>Network prefix</td><th scope=\"row\">198.51.100.0/24</th><td>60</td><td>2026-06-15 10:00 UTC</td></tr>"
    ), "{page}");
}

#[test]
fn every_language_has_every_console_string() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let ids = |lang: &str| {
        let source = std::fs::read_to_string(dir.join(lang).join("console.ftl")).unwrap();
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.clone()) {
            panic!("{lang}/console.ftl does not parse: {errors:?}");
        }
        source
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.to_owned()))
            .filter(|id| id.starts_with("console-"))
            .collect::<std::collections::BTreeSet<_>>()
    };
    let english = ids("en");
    assert!(english.contains("console-sign-in-title"));
    let languages = [
        "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
        "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ];
    for lang in languages {
        assert_eq!(ids(lang), english, "{lang}/console.ftl");
    }
}

/// Issue 17, item 11: the dashboard draws the map of the 27 states (each named by a title)
/// next to the per-state table, its text alternative.
#[tokio::test]
async fn the_dashboard_shows_the_map_of_the_states_next_to_the_table() {
    let app = TestApp::builder().build().await;
    account(&app, "ann", Role::Organiser, Some(1)).await;
    let cookie = enrol_and_sign_in(&app, "ann").await;
    let page = text(send(&app, get_with("/console/initiatives/demo?lang=en", &cookie)).await).await;
    assert!(
        page.contains("<svg id=\"console-map\"")
            && page.contains("role=\"img\" aria-labelledby=\"console-map-caption\""),
        "{page}"
    );
    assert_eq!(
        page.matches("<path id=\"console-map-").count(),
        27,
        "{page}"
    );
    assert!(page.contains("<title>Austria: 0 of "), "{page}");
    let table = page.find("<caption>").unwrap();
    let map = page.find("<svg id=\"console-map\"").unwrap();
    assert!(table < map, "the table comes first, then the map");
}
