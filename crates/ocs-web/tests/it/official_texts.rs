//! The official Annex III texts on the signing pages: the declaration in every language equals
//! the stored official text, the German form carries the note for Germans abroad, and the
//! privacy statement names the controller, the DPO, the complaint route and the deadlines.

use ocs_domain::official_texts::OfficialTextTable;
use ocs_testkit::TestApp;

use crate::{get, text};

/// The text of the first element with `id="{id}"`, entities undone.
fn element_text(page: &str, id: &str) -> Option<String> {
    let start = page.find(&format!("id=\"{id}\""))?;
    let open_end = start + page.get(start..)?.find('>')? + 1;
    let close = open_end + page.get(open_end..)?.find("</")?;
    Some(
        page.get(open_end..close)?
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[tokio::test]
async fn official_declaration_on_the_sign_page_equals_the_stored_text_in_every_language() {
    let app = TestApp::builder().build().await;
    let table = OfficialTextTable::embedded().unwrap();
    let mut seen = 0;
    for texts in table.iter() {
        let page = text(
            get(
                &app,
                &format!("/initiatives/demo/sign/AT?lang={}", texts.code),
            )
            .await,
        )
        .await;
        assert!(
            page.contains(&format!("<html lang=\"{}\"", texts.code)),
            "{}",
            texts.code
        );
        assert_eq!(
            element_text(&page, "declaration").as_deref(),
            Some(texts.declaration.as_str()),
            "declaration in {}",
            texts.code
        );
        // The first paragraph of the official privacy statement is on the page.
        let statement = element_text(&page, "privacy-statement").unwrap_or_default();
        let first = page.contains(&format!(
            "<p>{}</p>",
            texts.privacy_statement[0]
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('\'', "&#x27;")
        ));
        assert!(
            first || statement.contains("2016/679"),
            "privacy in {}",
            texts.code
        );
        seen += 1;
    }
    assert_eq!(seen, 24);
}

#[tokio::test]
async fn official_germans_abroad_note_is_on_the_german_form_only() {
    let app = TestApp::builder().build().await;
    let table = OfficialTextTable::embedded().unwrap();
    for code in ["de", "en", "fr"] {
        let texts = table.get(code).unwrap();
        let german = text(get(&app, &format!("/initiatives/demo/sign/DE?lang={code}")).await).await;
        assert_eq!(
            element_text(&german, "residence-note").as_deref(),
            Some(texts.germans_abroad.as_str()),
            "{code}"
        );
        let austrian =
            text(get(&app, &format!("/initiatives/demo/sign/AT?lang={code}")).await).await;
        assert!(!austrian.contains("id=\"residence-note\""), "{code}");
    }
}

#[tokio::test]
async fn privacy_statement_names_controller_dpo_complaint_route_and_deadlines() {
    let app = TestApp::builder().build().await;
    for path in [
        "/initiatives/demo?lang=en",
        "/initiatives/demo/sign/BE?lang=en",
    ] {
        let page = text(get(&app, path).await).await;
        let facts = page
            .get(page.find("id=\"privacy-facts\"").unwrap()..)
            .unwrap()
            .split("</ul>")
            .next()
            .unwrap();
        // The controller: the group, through its representative, with the contact address.
        assert!(facts.contains("represented by Alex Example"), "{path}");
        assert!(facts.contains("alex@example.org"), "{path}");
        // No DPO was named for the test initiative: said so.
        assert!(
            facts.contains("have not named a data protection officer"),
            "{path}"
        );
        // The complaint route, with a link to the authorities.
        assert!(facts.contains("https://www.edpb.europa.eu/"), "{path}");
        // Withdrawal until the end of collection; destruction after an initiative's withdrawal.
        assert!(
            facts.contains("withdraw your statement of support"),
            "{path}"
        );
        assert!(facts.contains("destroyed within one month"), "{path}");
        // Retention including proceedings: the official paragraph, with the form (where the
        // data are given); the initiative page keeps the facts and leaves the six official
        // paragraphs to the form (issue 21, item 4).
        let official = page.contains("21 months after the beginning of the collection period")
            && page.contains("administrative or legal proceedings");
        assert_eq!(official, path.contains("/sign/"), "{path}");
        // The storage member state: in the facts on the form; the initiative page names it
        // once, in its certificate section.
        assert!(page.contains("stored in: Belgium"), "{path}");
        assert_eq!(
            facts.contains("stored in: Belgium"),
            path.contains("/sign/"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn register_data_is_on_every_signing_form_page_and_in_the_form_api() {
    let app = TestApp::builder().build().await;
    for country in ocs_domain::CountryCode::ALL {
        let page =
            text(get(&app, &format!("/initiatives/demo/sign/{country}?lang=en")).await).await;
        let section = page
            .get(
                page.find("id=\"register-data\"")
                    .expect("register data section")..,
            )
            .unwrap()
            .split("</section>")
            .next()
            .unwrap();
        for expected in [
            "ECI(2025)000001",
            "https://register.example/1",
            "Test initiative 1",
            "Subject",
            "Objectives",
            "Alex Example",
            "mailto:alex@example.org",
        ] {
            assert!(section.contains(expected), "{country}: {expected}");
        }
        // Registration date and period, localised.
        assert!(section.contains("2025"), "{country}");
        assert!(section.contains("2026"), "{country}");
    }
    let form = crate::json_of(get(&app, "/api/v1/initiatives/demo/forms/DE?lang=de").await).await;
    let register = &form["register"];
    assert_eq!(register["registration_number"], "ECI(2025)000001");
    assert_eq!(register["registration_date"], "2025-12-01");
    assert_eq!(register["register_url"], "https://register.example/1");
    assert_eq!(register["title"], "Test initiative 1");
    assert_eq!(register["organisers"][0], "Alex Example");
    assert_eq!(register["contacts"][0]["email"], "alex@example.org");
    assert!(register["collection"]["start"].is_string());
    let german = OfficialTextTable::embedded().unwrap();
    let german = german.get("de").unwrap();
    assert_eq!(form["declaration"], german.declaration.as_str());
    assert_eq!(form["residence_note"], german.germans_abroad.as_str());
}
