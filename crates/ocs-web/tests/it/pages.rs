//! The HTML site: pages per nationality, the no-JavaScript path, errors that keep input,
//! receipts and the headers every answer carries.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use jiff::SignedDuration;
use ocs_domain::CountryCode;
use ocs_testkit::TestApp;

use crate::{get, send_form as send, text, total};

fn form_post(path: &str, pairs: &[(&str, &str)]) -> Request<Body> {
    let body: String = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn form_token(page: &str) -> String {
    let start = page.find("name=\"form_token\" value=\"").unwrap() + 25;
    page[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_initiative_page_shows_register_data_progress_and_the_chooser() {
    let app = TestApp::builder().build().await;
    let response = get(&app, "/initiatives/demo").await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    for needle in [
        "Test initiative 1",
        "ECI(2025)000001",
        "https://register.example/1",
        "Alex Example",
        "Privacy notice",
        "0 of 1,000,000 statements of support",
        "0 of 7 member states",
        "Certificate of the online collection system",
        // The chooser links each form: no redirect on the way (issue 21, item 4).
        "<a href=\"/initiatives/demo/sign/AT?lang=en\">Austria</a>",
        "<html lang=\"en\">",
        "href=\"/languages?lang=en\"",
    ] {
        assert!(page.contains(needle), "missing {needle}");
    }
    let missing = get(&app, "/initiatives/none").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(text(missing).await.contains("SIG-031"));
}

#[tokio::test]
async fn each_nationality_gets_exactly_its_annex_iii_fields() {
    let app = TestApp::builder().build().await;
    for country in CountryCode::ALL {
        let page = text(get(&app, &format!("/initiatives/demo/sign/{country}")).await).await;
        let rules = app.signing.rules(country);
        for field in rules.form_fields() {
            let name = format!("name=\"{}\"", field.key.as_str());
            assert!(page.contains(&name), "{country} lacks {name}");
            let label = format!("for=\"f-{}\"", field.key.as_str().replace('.', "-"));
            assert!(page.contains(&label), "{country} lacks a label for {name}");
        }
        let inputs = page.matches("<input id=").count() + page.matches("<select id=\"f-").count();
        assert_eq!(
            inputs,
            rules.form_fields().len(),
            "{country}: exactly the Annex III fields"
        );
        assert!(page.contains("id=\"f-consent\""), "{country}: declaration");
    }
    let redirect = get(&app, "/initiatives/demo/sign?nationality=gr").await;
    assert_eq!(redirect.status(), StatusCode::SEE_OTHER);
    assert!(
        redirect.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .contains("/sign/EL")
    );
}

#[tokio::test]
async fn errors_keep_the_input_and_link_each_field() {
    let app = TestApp::builder().build().await;
    let page = text(get(&app, "/initiatives/demo/sign/ES").await).await;
    let token = form_token(&page);
    app.clock.advance(SignedDuration::from_secs(10));
    let response = send(
        &app,
        form_post(
            "/initiatives/demo/sign/ES",
            &[
                ("form_token", &token),
                ("full.first.names", "María <José>"),
                ("family.names", ""),
                ("id.type", "id.card"),
                ("id.number", "54362315J"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(
        page.contains("value=\"María &#60;José&#62;\""),
        "input kept, escaped"
    );
    assert!(
        page.contains("href=\"#f-family-names\""),
        "summary links the field"
    );
    assert!(page.contains("id=\"f-id-number-error\""));
    assert!(page.contains("aria-describedby=\"f-id-number-error\""));
    assert!(
        page.contains("<title>Error: "),
        "the title says the form was refused"
    );
    assert!(
        page.contains("id=\"error-summary\" autofocus"),
        "focus goes to the summary"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    for code in ["SIG-001", "SIG-006", "SIG-013"] {
        assert!(page.contains(code), "{code}");
    }
    assert!(!page.contains("<José>"), "never unescaped");
    assert_eq!(total(&app, "demo").await, 0);
}

#[tokio::test]
async fn without_javascript_a_person_signs_after_the_minimum_fill_time() {
    let app = TestApp::builder().build().await;
    let page = text(get(&app, "/initiatives/demo/sign/IT").await).await;
    let token = form_token(&page);
    let fields = [
        ("form_token", token.as_str()),
        ("altcha", ""),
        ("full.first.names", "Giulia"),
        ("family.names", "Rossi"),
        ("id.type", "passport"),
        ("id.number", "YA1234567"),
        ("consent", "yes"),
    ];
    let quick = send(&app, form_post("/initiatives/demo/sign/IT", &fields)).await;
    assert_eq!(quick.status(), StatusCode::FORBIDDEN);
    assert!(text(quick).await.contains("SIG-022"));

    app.clock.advance(SignedDuration::from_secs(5));
    let page = text(get(&app, "/initiatives/demo/sign/IT").await).await;
    let token = form_token(&page);
    app.clock.advance(SignedDuration::from_secs(5));
    let mut fields = fields;
    fields[0].1 = &token;
    let response = send(&app, form_post("/initiatives/demo/sign/IT", &fields)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let receipt = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(receipt, "/initiatives/demo/receipt?lang=en");
    let cookie = crate::receipt_cookie(&response);
    assert_eq!(total(&app, "demo").await, 1);

    // The same token again is refused: a reload cannot sign twice.
    let replay = send(&app, form_post("/initiatives/demo/sign/IT", &fields)).await;
    assert_eq!(replay.status(), StatusCode::FORBIDDEN);

    let page = text(crate::get_with_cookie(&app, &receipt, &cookie).await).await;
    assert!(page.contains("Thank you for your support"));
    assert!(page.contains("2026-06-15"));
    let forged = crate::get_with_cookie(&app, &receipt, &format!("{cookie}x")).await;
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &receipt).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let app = TestApp::builder().build().await;
    for path in [
        "/",
        "/initiatives/demo",
        "/initiatives/demo/sign",
        "/initiatives/demo/sign/DE",
        "/initiatives/demo/receipt",
        "/api/v1/initiatives",
        "/api/v1/initiatives/demo/counters",
        "/api/v1/altcha/challenge",
        "/healthz",
        "/metrics",
        "/static/app.css",
        "/no/such/page",
    ] {
        let response = get(&app, path).await;
        let headers = response.headers();
        assert!(
            headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
            "{path}"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(
            headers.contains_key("x-request-id"),
            response.status().is_client_error(),
            "{path}: the request id is on refusals"
        );
        if path.starts_with("/static/") {
            // A stylesheet: the headers a browser applies to a subresource, cached.
            assert_eq!(headers["cross-origin-resource-policy"], "same-origin");
            assert!(!headers.contains_key(header::CONTENT_SECURITY_POLICY));
            let cache = headers[header::CACHE_CONTROL].to_str().unwrap();
            assert!(cache.contains("max-age="), "{path}");
            continue;
        }
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin", "{path}");
        assert!(headers.contains_key("permissions-policy"), "{path}");
        let cache = headers[header::CACHE_CONTROL].to_str().unwrap();
        if ocs_web::routes::open_data::is_open_data(&axum::http::Method::GET, path) {
            // Published figures (issue 17, item 9): briefly cached, revalidated by ETag.
            assert_eq!(cache, ocs_web::routes::open_data::PUBLIC_MAX_AGE, "{path}");
        } else {
            assert_eq!(cache, "no-store", "{path}");
        }
    }
}

#[tokio::test]
async fn pages_have_no_inline_script_or_style() {
    let app = TestApp::builder().build().await;
    for path in ["/", "/initiatives/demo", "/initiatives/demo/sign/FR"] {
        let page = text(get(&app, path).await).await;
        assert!(!page.contains("<script>"), "{path}");
        assert!(!page.contains("style="), "{path}");
        assert!(!page.contains("onclick"), "{path}");
    }
}

#[tokio::test]
async fn period_dates_are_shown_in_the_initiative_time_zone() {
    let mut initiative = ocs_testkit::test_initiative(1, "demo");
    // Brussels midnight of 1 January is 23:00 UTC the day before.
    let start: jiff::Timestamp = "2025-12-31T23:00:00Z".parse().unwrap();
    let end: jiff::Timestamp = "2026-12-31T23:00:00Z".parse().unwrap();
    initiative.period = ocs_domain::CollectionPeriod::new(
        start,
        end,
        jiff::civil::date(2026, 1, 1),
        jiff::civil::date(2027, 1, 1),
        12,
    )
    .unwrap();
    let settings = ocs_service::SigningSettings {
        time_zone: jiff::tz::TimeZone::get("Europe/Brussels").unwrap(),
        ..ocs_service::SigningSettings::default()
    };
    let app = TestApp::builder()
        .initiatives(vec![initiative])
        .settings(settings)
        .build()
        .await;
    let page = text(get(&app, "/initiatives/demo").await).await;
    assert!(
        page.contains("1 January 2026 to 31 December 2026"),
        "dates in Brussels time"
    );
    let german = text(get(&app, "/initiatives/demo?lang=de").await).await;
    assert!(
        german.contains("1. Januar 2026 bis 31. Dezember 2026"),
        "dates written the German way"
    );
}

#[tokio::test]
async fn a_saturated_node_asks_to_send_again_and_keeps_the_input() {
    let settings = ocs_service::SigningSettings {
        max_in_flight: 1,
        ..ocs_service::SigningSettings::default()
    };
    let app = TestApp::builder().settings(settings).build().await;
    let page = text(get(&app, "/initiatives/demo/sign/IT").await).await;
    let token = form_token(&page);
    app.clock.advance(SignedDuration::from_secs(5));
    let fields = [
        ("form_token", token.as_str()),
        ("altcha", ""),
        ("full.first.names", "Giulia"),
        ("family.names", "Rossi"),
        ("id.type", "passport"),
        ("id.number", "YA7654321"),
        ("consent", "yes"),
    ];
    // An API signature holds the only permit while it waits for its commit.
    let holder = crate::spawn_post(
        &app,
        "/api/v1/initiatives/demo/statements",
        "application/json",
        crate::austrian(&app, 70_000_001).to_string(),
    );
    let page_post = {
        let router = app.router.clone();
        let (cookie, csrf) = ocs_web::formguard::pass(&app.web);
        let mut fields = fields.to_vec();
        fields.push(("csrf", &csrf));
        let mut request = form_post("/initiatives/demo/sign/IT", &fields);
        request
            .headers_mut()
            .insert(header::COOKIE, cookie.parse().unwrap());
        tokio::spawn(async move {
            use tower::ServiceExt as _;
            router.oneshot(request).await.unwrap()
        })
    };
    assert_eq!(holder.await.unwrap().0, StatusCode::CREATED);
    let busy = page_post.await.unwrap();
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(busy.headers().contains_key(header::RETRY_AFTER));
    let body = text(busy).await;
    assert!(body.contains("SIG-040"), "the notice names its code");
    assert!(
        body.contains("please send the form again"),
        "the signer is told to retry"
    );
    for kept in ["Giulia", "Rossi", "YA7654321"] {
        assert!(body.contains(kept), "{kept} was not kept");
    }
    // Sending the same form again (same token: it was not spent) is taken.
    let again = send(&app, form_post("/initiatives/demo/sign/IT", &fields)).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(total(&app, "demo").await, 2);
}

/// Every URL in `text`: the values of `href`, `src` and `action` attributes, and every
/// line of a text file that starts with `/` or `http`.
fn urls_in(text: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attribute in ["href=\"", "src=\"", "action=\""] {
        for (at, _) in text.match_indices(attribute) {
            let rest = &text[at + attribute.len()..];
            urls.push(rest.split('"').next().unwrap_or_default().to_owned());
        }
    }
    urls.extend(
        text.lines()
            .map(str::trim)
            .filter(|line| line.starts_with('/') || line.starts_with("http"))
            .map(str::to_owned),
    );
    urls
}

fn receipt_secret(page: &str) -> String {
    let start = page.find("id=\"receipt-secret\">").unwrap() + 20;
    page[start..].split('<').next().unwrap().to_owned()
}

/// Issue 20, item 4: the receipt secret (and the signed token that holds it) is in no URL
/// the server emits: not in a `Location`, not in a link, form action or file, after a
/// signature by the HTML form or by the API, on any page a GET route answers.
#[tokio::test]
async fn no_emitted_url_carries_the_receipt_secret() {
    let app = TestApp::builder().build().await;
    let mut emitted: Vec<String> = Vec::new();
    let mut secrets: Vec<String> = Vec::new();
    let mut cookies: Vec<String> = Vec::new();

    // By the HTML form, without JavaScript.
    let page = text(get(&app, "/initiatives/demo/sign/IT").await).await;
    let token = form_token(&page);
    app.clock.advance(SignedDuration::from_secs(10));
    let fields = [
        ("form_token", token.as_str()),
        ("altcha", ""),
        ("full.first.names", "Giulia"),
        ("family.names", "Rossi"),
        ("id.type", "passport"),
        ("id.number", "YA7654321"),
        ("consent", "yes"),
    ];
    let signed = send(&app, form_post("/initiatives/demo/sign/IT", &fields)).await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let location = signed.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    emitted.push(location.clone());
    let cookie = crate::receipt_cookie(&signed);
    let receipt = text(crate::get_with_cookie(&app, &location, &cookie).await).await;
    secrets.push(receipt_secret(&receipt));
    cookies.push(cookie);

    // By the API.
    let created = crate::post_statement(&app, "demo", &crate::austrian(&app, 31_415_926)).await;
    assert_eq!(created.status(), StatusCode::CREATED);
    emitted.push(
        created.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_owned(),
    );
    let cookie = crate::receipt_cookie(&created);
    let body = crate::json_of(created).await;
    emitted.push(body["receipt_url"].as_str().unwrap().to_owned());
    secrets.push(body["receipt_secret"].as_str().unwrap().to_owned());
    cookies.push(cookie);

    // Every GET route, with each receipt cookie, and where its redirects point.
    for cookie in &cookies {
        let token = cookie.split_once('=').unwrap().1.to_owned();
        secrets.push(token);
        for (method, pattern) in ocs_web::routes::ROUTES {
            if *method != "GET" {
                continue;
            }
            let path = pattern
                .replace("{slug}", "demo")
                .replace("{nationality}", "AT")
                .replace("{provider}", "de-eid")
                .replace("{token}", "x")
                .replace("{file}", "app.css");
            let response = crate::get_with_cookie(&app, &format!("{path}?lang=en"), cookie).await;
            if let Some(location) = response.headers().get(header::LOCATION) {
                emitted.push(location.to_str().unwrap().to_owned());
            }
            emitted.extend(urls_in(&text(response).await));
        }
    }
    assert_eq!(secrets.len(), 4);
    for secret in &secrets {
        assert!(secret.len() >= 16, "{secret}");
        for url in &emitted {
            assert!(
                !url.contains(secret.as_str()),
                "{url} carries a receipt secret"
            );
        }
    }
    // The walk saw the receipt page, its file link and the self-service form.
    assert!(
        emitted
            .iter()
            .any(|url| url.starts_with("/initiatives/demo/receipt.txt"))
    );
    assert!(
        emitted
            .iter()
            .any(|url| url.starts_with("/initiatives/demo/my-statement"))
    );
    // The secret is shown on the page (and the search above would find it there).
    assert!(receipt.contains(&secrets[0]));
}
