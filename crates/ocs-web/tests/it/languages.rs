//! Languages over HTTP: `?lang=`, then `Accept-Language`, then English; the switcher; the
//! initiative's own texts per language, with the original marked where no translation exists.

use axum::body::Body;
use axum::http::{Request, header};
use ocs_domain::initiative::InitiativeText;
use ocs_testkit::TestApp;

use crate::{get, send_form as send, text};

async fn page_with_accept(app: &TestApp, path: &str, accept: &str) -> String {
    let request = Request::get(path)
        .header(header::ACCEPT_LANGUAGE, accept)
        .body(Body::empty())
        .unwrap();
    text(send(app, request).await).await
}

#[tokio::test]
async fn the_query_wins_then_accept_language_by_quality_then_english() {
    let app = TestApp::builder().build().await;
    let page = page_with_accept(&app, "/initiatives/demo?lang=fi", "de").await;
    assert!(page.contains("<html lang=\"fi\""));
    assert!(page.contains("Tue tätä aloitetta"));
    let page = page_with_accept(&app, "/initiatives/demo", "ja, fr;q=0.3, pl;q=0.8").await;
    assert!(page.contains("<html lang=\"pl\""));
    let page = page_with_accept(&app, "/initiatives/demo", "ja, zh").await;
    assert!(page.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn every_page_links_the_language_page_which_names_every_language() {
    let app = TestApp::builder().build().await;
    for path in [
        "/?lang=sl",
        "/initiatives/demo/sign/BE?lang=sl",
        "/no/such/page?lang=sl",
    ] {
        let page = text(get(&app, path).await).await;
        assert!(
            page.contains("<a class=\"lang-jump\" href=\"/languages?lang=sl\">"),
            "{path}"
        );
        // The list itself is one click away, not on every page (issue 21, item 4).
        assert!(!page.contains("hreflang"), "{path}");
    }
    // The language page leads back to the page the visitor came from, in each language.
    let request = Request::get("/languages?lang=sl")
        .header("host", "localhost")
        .header(
            "referer",
            "http://localhost/initiatives/demo/sign/BE?lang=sl",
        )
        .body(Body::empty())
        .unwrap();
    let page = text(send(&app, request).await).await;
    assert!(page.contains("<html lang=\"sl\""), "{page}");
    for (code, name) in [
        ("bg", "български"),
        ("el", "Ελληνικά"),
        ("mt", "Malti"),
        ("sl", "slovenščina"),
    ] {
        let link = format!(
            "href=\"/initiatives/demo/sign/BE?lang={code}\" hreflang=\"{code}\" lang=\"{code}\""
        );
        assert!(page.contains(&link), "no link to {code}: {page}");
        assert!(page.contains(name), "{code} not named {name}");
    }
    assert!(page.contains("aria-current=\"true\">slovenščina"));
    // From elsewhere (or nowhere): the home page.
    let page = text(get(&app, "/languages?lang=de").await).await;
    assert!(
        page.contains("href=\"/?lang=fr\" hreflang=\"fr\""),
        "{page}"
    );
}

#[tokio::test]
async fn initiative_texts_come_per_language_and_the_original_is_marked() {
    let mut initiative = ocs_testkit::test_initiative(1, "demo");
    initiative.translations.texts.insert(
        "de".to_owned(),
        InitiativeText {
            title: "Testinitiative eins".to_owned(),
            subject: "Gegenstand".to_owned(),
            objectives: "Ziele".to_owned(),
            privacy_notice: None,
        },
    );
    let app = TestApp::builder()
        .initiatives(vec![initiative])
        .build()
        .await;

    let german = text(get(&app, "/initiatives/demo?lang=de").await).await;
    assert!(german.contains("<h1>Testinitiative eins</h1>"));
    assert!(
        !german.contains("class=\"note\""),
        "no note when translated"
    );

    let french = text(get(&app, "/initiatives/demo?lang=fr").await).await;
    assert!(french.contains("<h1 lang=\"en\">Test initiative 1</h1>"));
    assert!(french.contains("dans la langue originale de l’initiative (English)"));

    let sign = text(get(&app, "/initiatives/demo/sign/FR?lang=fr").await).await;
    assert!(sign.contains("lang=\"en\">Test initiative 1</a>"));

    let english = text(get(&app, "/initiatives/demo?lang=en").await).await;
    assert!(english.contains("<h1>Test initiative 1</h1>"));
    assert!(!english.contains("class=\"note\""));
}

#[tokio::test]
async fn country_lists_are_named_and_sorted_in_the_page_language() {
    let app = TestApp::builder().build().await;
    let page = text(get(&app, "/initiatives/demo/sign/DE?lang=sv").await).await;
    // Swedish: Österrike sorts after Tyskland; the residence list names every country.
    let austria = page.find(">Österrike<").unwrap();
    let germany = page.find(">Tyskland<").unwrap();
    assert!(germany < austria);
    assert!(page.contains(">Japan<") && page.contains(">Nya Zeeland<"));
    let chooser = text(get(&app, "/initiatives/demo/sign?lang=el").await).await;
    assert!(chooser.contains("<a href=\"/initiatives/demo/sign/EL?lang=el\">Ελλάδα</a>"));
}
