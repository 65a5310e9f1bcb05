//! The public tally log over HTTP (ADR 0007): checkpoint and tiles served as C2SP resources,
//! the counters are the fold of the published log, a receipt's proof verifies offline.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt as _;
use ocs_testkit::TestApp;
use ocs_tlog::entry::{Entry, Tally};
use ocs_tlog::tiles::{TileId, TileKind, parse_bundle};
use ocs_tlog::{Checkpoint, NoteVerifier, ProofFile};
use serde_json::json;

use crate::{austrian, get, json_of, post_statement, send, text};

async fn bytes(response: axum::http::Response<Body>) -> Vec<u8> {
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

async fn sign(app: &TestApp, number: u32) -> (String, String) {
    let response = post_statement(app, "demo", &austrian(app, number)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let body = json_of(response).await;
    (
        body["statement_id"].as_str().unwrap().to_owned(),
        body["receipt_secret"].as_str().unwrap().to_owned(),
    )
}

async fn proof(app: &TestApp, id: &str, secret: &str, accept: &str) -> axum::http::Response<Body> {
    let request = Request::post("/api/v1/initiatives/demo/receipts/proof")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, accept)
        .body(Body::from(
            json!({ "statement_id": id, "secret": secret }).to_string(),
        ))
        .unwrap();
    send(app, request).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_counters_are_the_fold_of_the_served_log_and_a_receipt_proves_inclusion() {
    let app = TestApp::builder().build().await;
    let (id, secret) = sign(&app, 11_111_111).await;
    sign(&app, 22_222_222).await;
    sign(&app, 33_333_333).await;
    sign(&app, 33_333_333).await; // a duplicate adds nothing

    let detail = json_of(get(&app, "/api/v1/initiatives/demo").await).await;
    let origin = detail["log"]["origin"].as_str().unwrap().to_owned();
    // `host/log/slug`: the host of `server.public_url`, else the listen address.
    assert!(
        origin.ends_with("/log/demo") && !origin.contains("://"),
        "{origin}"
    );
    let verifier = NoteVerifier::parse(detail["log"]["verifier_key"].as_str().unwrap()).unwrap();

    let counters = json_of(get(&app, "/api/v1/initiatives/demo/counters").await).await;
    assert_eq!(counters["total"], 3);
    assert_eq!(counters["log"]["tree_size"], 3);

    let response = get(&app, "/log/demo/checkpoint").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let note = text(response).await;
    let checkpoint = Checkpoint::open(&note, &origin, &verifier).unwrap();
    assert_eq!(checkpoint.size, 3);
    assert_eq!(counters["log"]["root_hash"], checkpoint.root.to_hex());

    let bundle = TileId::in_tree(TileKind::Entries, 0, 3).unwrap();
    let response = get(&app, &format!("/log/demo/{}", bundle.path())).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let entries = parse_bundle(&bundle, &bytes(response).await).unwrap();
    let tally = Tally::fold(&entries).unwrap();
    assert_eq!(tally.total(), 3);
    assert_eq!(tally.by_country()[&ocs_domain::CountryCode::AT], 3);
    let leaves: Vec<_> = entries
        .iter()
        .map(|e| ocs_tlog::hash::leaf_hash(e))
        .collect();
    assert_eq!(
        ocs_tlog::tree::tree_hash(leaves.as_slice(), 3).unwrap(),
        checkpoint.root
    );
    assert_eq!(
        get(&app, "/log/demo/tile/0/000.p/4").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/log/nope/checkpoint").await.status(),
        StatusCode::NOT_FOUND
    );

    // The receipt's proof, as JSON and as a tlog-proof file.
    let answer = json_of(proof(&app, &id, &secret, "application/json").await).await;
    assert_eq!(answer["status"], "included");
    let entry = answer["entry"].as_str().unwrap();
    let Entry::Add { commitment, .. } = Entry::parse(entry.as_bytes()).unwrap() else {
        panic!("not an add");
    };
    let envelope_hash =
        ocs_tlog::Hash::parse_hex(answer["envelope_hash"].as_str().unwrap()).unwrap();
    // The signer recomputes the commitment from the receipt and the envelope hash.
    assert_eq!(
        commitment,
        ocs_tlog::entry::commitment("ECI(2025)000001", &id, &secret, &envelope_hash)
    );
    let response = proof(&app, &id, &secret, "application/x-tlog-proof").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("receipt.tlog-proof")
    );
    let file = ProofFile::parse(&text(response).await).unwrap();
    file.verify(entry.as_bytes(), &origin, &verifier).unwrap();
    assert_eq!(file.extra.as_deref(), Some(entry.as_bytes()));
    // A wrong secret gets the self-service answer, nothing about the log.
    let response = proof(&app, &id, "wrong", "application/json").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(json_of(response).await["errors"][0]["code"], "SLF-001");
}

/// The receipt page says when the public count will include the statement (issue 19, item
/// 1): at once under the 0/0 rule (`ocs demo`), after the next batch otherwise, with the
/// rule's figures, in the reader's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receipt_says_when_the_public_count_will_include_the_statement() {
    async fn receipt_page(app: &TestApp, number: u32, lang: &str) -> String {
        let response = post_statement(app, "demo", &austrian(app, number)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let cookie = crate::receipt_cookie(&response);
        let url = format!("/initiatives/demo/receipt?lang={lang}");
        text(crate::get_with_cookie(app, &url, &cookie).await).await
    }

    let at_once = TestApp::builder().build().await;
    let page = receipt_page(&at_once, 44_444_444, "en").await;
    assert!(
        page.contains("The public count already includes your statement"),
        "{page}"
    );

    let batched = TestApp::builder()
        .counters(ocs_service::tally_log::PublishRule {
            interval: jiff::SignedDuration::from_mins(15),
            min_batch: 25,
        })
        .build()
        .await;
    let page = receipt_page(&batched, 55_555_555, "en").await;
    assert!(page.contains("after its next publication"), "{page}");
    assert!(page.contains("every 15 min"), "{page}");
    assert!(page.contains("has reached 25"), "{page}");
    assert!(page.contains("end of the day"), "{page}");
    assert!(!page.contains("already includes"), "{page}");
    // And so in every language: the figures are there, the English is not.
    let de = receipt_page(&batched, 66_666_666, "de").await;
    assert!(de.contains("alle 15 Min."), "{de}");
    assert!(!de.contains("end of the day"), "{de}");
}

/// The receipt page and receipt.txt give the statement's log index, a link to its inclusion
/// proof (`/log/{slug}/proof/{index}`, public data only) and the command that checks it; the
/// proof verifies with the announced key. Before publication they say it will be added.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receipt_links_its_inclusion_proof_by_log_index() {
    let app = TestApp::builder().build().await;
    sign(&app, 11_111_111).await;
    let response = post_statement(&app, "demo", &austrian(&app, 22_222_222)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = crate::receipt_cookie(&response);
    let page =
        text(crate::get_with_cookie(&app, "/initiatives/demo/receipt?lang=en", &cookie).await)
            .await;
    assert!(
        page.contains("Your statement is entry 1 of this initiative"),
        "{page}"
    );
    assert!(page.contains("href=\"/log/demo/proof/1\""), "{page}");
    let detail = json_of(get(&app, "/api/v1/initiatives/demo").await).await;
    let key = detail["log"]["verifier_key"].as_str().unwrap().to_owned();
    let origin = detail["log"]["origin"].as_str().unwrap().to_owned();
    assert!(
        page.contains(&format!(
            "ocs log check-proof entry-1.tlog-proof --key {key}"
        )),
        "{page}"
    );
    let file =
        text(crate::get_with_cookie(&app, "/initiatives/demo/receipt.txt?lang=de", &cookie).await)
            .await;
    assert!(
        file.contains("Eintrag 1 im öffentlichen Zählprotokoll"),
        "{file}"
    );
    assert!(file.contains("/log/demo/proof/1"), "{file}");

    // The proof, fetched without any cookie, verifies offline with the announced key.
    let response = get(&app, "/log/demo/proof/1").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/x-tlog-proof"
    );
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let proof = ProofFile::parse(&text(response).await).unwrap();
    let entry = proof.extra.clone().unwrap();
    let verifier = NoteVerifier::parse(&key).unwrap();
    let checkpoint = proof.verify(&entry, &origin, &verifier).unwrap();
    assert_eq!((proof.index, checkpoint.size), (1, 2));
    assert!(
        String::from_utf8(entry)
            .unwrap()
            .starts_with("v1 add AT online ")
    );
    for missing in [
        "/log/demo/proof/2",
        "/log/demo/proof/01",
        "/log/demo/proof/x",
        "/log/nope/proof/0",
    ] {
        assert_eq!(
            get(&app, missing).await.status(),
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }

    // Batched: not in the log yet, and the page says so.
    let batched = TestApp::builder()
        .counters(ocs_service::tally_log::PublishRule {
            interval: jiff::SignedDuration::from_mins(15),
            min_batch: 25,
        })
        .build()
        .await;
    let response = post_statement(&batched, "demo", &austrian(&batched, 33_333_333)).await;
    let cookie = crate::receipt_cookie(&response);
    let page =
        text(crate::get_with_cookie(&batched, "/initiatives/demo/receipt?lang=en", &cookie).await)
            .await;
    assert!(page.contains("will be added to this initiative"), "{page}");
    assert!(!page.contains("/log/demo/proof/"), "{page}");
}

/// Publishes what is due after the rule's interval and answers the counters then served:
/// (tree size, figures per state).
async fn publish_and_read(app: &TestApp) -> (u64, std::collections::BTreeMap<String, u64>) {
    app.clock.advance(jiff::SignedDuration::from_mins(11));
    app.tally_log.publish_due().await.unwrap();
    let counters = json_of(get(app, "/api/v1/initiatives/demo/counters").await).await;
    let figures = counters["by_country"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(country, count)| (country.clone(), count.as_u64().unwrap()))
        .filter(|(_, count)| *count > 0)
        .collect();
    (counters["log"]["tree_size"].as_u64().unwrap(), figures)
}

/// On the backend under test (PostgreSQL with `OCS_TEST_BACKEND=postgres`, as CI runs this
/// suite, else SQLite): at every checkpoint the stored tally, and the counters served while
/// it was the latest, equal the fold of the log's entries up to it, withdrawals included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tally_at_every_checkpoint_is_the_fold_of_its_entries() {
    let app = TestApp::builder()
        .counters(ocs_service::tally_log::PublishRule {
            interval: jiff::SignedDuration::from_mins(10),
            min_batch: 2,
        })
        .build()
        .await;
    // The first read publishes the empty log and starts the rule's clock.
    let mut served = vec![publish_and_read(&app).await];
    let (first, _) = sign(&app, 10_000_001).await;
    let (second, second_secret) = sign(&app, 10_000_002).await;
    sign(&app, 10_000_003).await;
    served.push(publish_and_read(&app).await);
    for (name, birth) in [("Karl", "1970-01-01"), ("Lena", "1980-02-02")] {
        let response = post_statement(&app, "demo", &crate::german(&app, name, birth)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    let request = Request::post("/api/v1/initiatives/demo/receipts/withdraw")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "statement_id": second, "secret": second_secret }).to_string(),
        ))
        .unwrap();
    assert_eq!(send(&app, request).await.status(), StatusCode::OK);
    served.push(publish_and_read(&app).await);
    sign(&app, 10_000_004).await;
    let response = post_statement(&app, "demo", &crate::german(&app, "Mia", "1990-03-03")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    served.push(publish_and_read(&app).await);
    assert_eq!(
        served.iter().map(|(size, _)| *size).collect::<Vec<_>>(),
        [0, 3, 6, 8],
        "empty; three adds; two adds and a withdrawal; two adds"
    );
    assert!(!first.is_empty());

    // Every entry of the final tree, read as anyone reads it.
    let size = served.last().unwrap().0;
    let mut entries = Vec::new();
    for tile in TileId::all_in_tree(size) {
        if tile.kind == TileKind::Entries {
            let response = get(&app, &format!("/log/demo/{}", tile.path())).await;
            entries.extend(parse_bundle(&tile, &bytes(response).await).unwrap());
        }
    }
    let leaves: Vec<_> = entries
        .iter()
        .map(|e| ocs_tlog::hash::leaf_hash(e))
        .collect();
    let id = app
        .signing
        .initiative(&ocs_domain::Slug::parse("demo").unwrap())
        .unwrap()
        .initiative
        .id;
    let checkpoints = app.store.log_checkpoints(id).await.unwrap();
    assert_eq!(
        checkpoints.iter().map(|c| c.size).collect::<Vec<_>>(),
        [0, 3, 6, 8]
    );
    for head in &checkpoints {
        let at = usize::try_from(head.size).unwrap();
        let fold = Tally::fold(&entries[..at]).unwrap();
        let stored: std::collections::BTreeMap<String, [u64; 3]> =
            serde_json::from_str(&head.tally).unwrap();
        let folded: std::collections::BTreeMap<String, [u64; 3]> = fold
            .by_channel()
            .iter()
            .map(|(country, c)| (country.as_str().to_owned(), [c.online, c.paper, c.eid]))
            .collect();
        assert_eq!(stored, folded, "tally stored with checkpoint {}", head.size);
        let text = ocs_tlog::note::split(&head.note).unwrap().0;
        assert_eq!(
            Checkpoint::parse(&text).unwrap().root,
            ocs_tlog::tree::root_of_leaves(&leaves[..at]),
            "root of checkpoint {}",
            head.size
        );
        if let Some((_, figures)) = served.iter().find(|(size, _)| *size == head.size) {
            let expected: std::collections::BTreeMap<String, u64> = fold
                .by_country()
                .into_iter()
                .map(|(country, count)| (country.as_str().to_owned(), count))
                .collect();
            assert_eq!(figures, &expected, "counters served at {}", head.size);
        }
    }
    assert_eq!(served[2].1["AT"], 2, "the withdrawal is subtracted");
}

/// Issue 17, item 11: `/initiatives/{slug}/daily` draws the published statements per day as
/// an inline SVG bar chart (no script) named by its caption, with the same figures in a
/// table, in the reader's language; the initiative page links it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_chart_draws_the_published_days_with_a_table() {
    use ocs_service::Clock as _;
    let app = TestApp::builder().build().await;
    let empty = text(get(&app, "/initiatives/demo/daily?lang=en").await).await;
    assert!(
        empty.contains("No statement of support has been counted yet"),
        "{empty}"
    );
    for number in [70_000_001, 70_000_002, 70_000_003] {
        sign(&app, number).await;
    }
    let response = get(&app, "/initiatives/demo/daily?lang=en").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    let today = app
        .clock
        .now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    assert!(
        page.contains("role=\"img\" aria-labelledby=\"daily-chart-caption\""),
        "{page}"
    );
    assert!(page.contains("Days: 1; statements in all: 3"), "{page}");
    assert!(
        page.contains(&format!("<title>{today}: 3</title>")),
        "one bar for today: {page}"
    );
    assert!(
        page.contains(&format!(
            "<tr><th scope=\"row\"><time datetime=\"{today}\">{today}</time></th><td>3</td></tr>"
        )),
        "{page}"
    );
    assert!(!page.contains("<script"), "{page}");
    let de = text(get(&app, "/initiatives/demo/daily?lang=de").await).await;
    assert!(de.contains("Unterstützungsbekundungen pro Tag"), "{de}");
    let initiative = text(get(&app, "/initiatives/demo?lang=en").await).await;
    assert!(
        initiative.contains("href=\"/initiatives/demo/daily?lang=en\""),
        "{initiative}"
    );
    assert_eq!(
        get(&app, "/initiatives/nope/daily").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// The self-service page, once a receipt checks, shows the statement's entry in the log and
/// links its inclusion proof, in the reader's language; a wrong secret shows neither.
#[tokio::test]
async fn the_self_service_check_shows_the_log_index_and_links_the_proof() {
    let app = TestApp::builder().build().await;
    sign(&app, 11_111_111).await;
    let (id, secret) = sign(&app, 22_222_222).await;
    let (cookie, token) = ocs_web::formguard::pass(&app.web);
    let check = |secret: String| {
        let body = format!("statement_id={id}&secret={secret}&action=check&csrf={token}");
        Request::post("/initiatives/demo/my-statement?lang=de")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie.clone())
            .body(Body::from(body))
            .unwrap()
    };
    let response = send(&app, check(secret.clone())).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(
        page.contains("Eintrag 1 im öffentlichen Zählprotokoll"),
        "{page}"
    );
    assert!(page.contains("href=\"/log/demo/proof/1\""), "{page}");
    assert!(
        page.contains("ocs log check-proof entry-1.tlog-proof --key "),
        "{page}"
    );
    assert_eq!(
        get(&app, "/log/demo/proof/1").await.status(),
        StatusCode::OK
    );

    let first = if secret.starts_with('2') { '3' } else { '2' };
    let wrong = format!("{first}{}", &secret[1..]);
    let response = send(&app, check(wrong)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let page = text(response).await;
    assert!(!page.contains("/log/demo/proof/"), "{page}");
}

/// Issue 17, item 11: `/initiatives/{slug}/map` draws the 27 states shaded by the share of
/// their minimum reached in the published figures, each named by a title, the map named by
/// its caption, with the table of the same figures; the initiative page links it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_map_shades_each_state_by_its_share_of_the_minimum_with_the_table() {
    let app = TestApp::builder().build().await;
    sign(&app, 71_000_001).await;
    let response = get(&app, "/initiatives/demo/map?lang=en").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(
        page.contains("role=\"img\" aria-labelledby=\"eu-map-caption\""),
        "{page}"
    );
    assert_eq!(page.matches("<path id=\"eu-map-").count(), 27, "{page}");
    // Austria has one statement (under half its minimum), Germany none.
    let path = |code: &str| {
        let at = page.find(&format!("<path id=\"eu-map-{code}\"")).unwrap();
        page[at..].split("</path>").next().unwrap().to_owned()
    };
    assert!(path("AT").contains("fill=\"#a9c4e2\""), "{}", path("AT"));
    assert!(
        path("AT").contains("<title>Austria: 1 of "),
        "{}",
        path("AT")
    );
    assert!(path("DE").contains("fill=\"#eef2f7\""), "{}", path("DE"));
    assert!(
        page.contains("Statements of support per member state</caption>"),
        "{page}"
    );
    assert!(
        page.contains("Under half of the minimum"),
        "the legend: {page}"
    );
    assert!(!page.contains("<script"), "{page}");
    let de = text(get(&app, "/initiatives/demo/map?lang=de").await).await;
    assert!(de.contains("<title>Österreich: 1 von "), "{de}");
    let initiative = text(get(&app, "/initiatives/demo?lang=en").await).await;
    assert!(
        initiative.contains("href=\"/initiatives/demo/map?lang=en\""),
        "{initiative}"
    );
    assert_eq!(
        get(&app, "/initiatives/nope/map").await.status(),
        StatusCode::NOT_FOUND
    );
}
