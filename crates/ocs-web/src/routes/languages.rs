//! The language page: every language in its own name, each link leading back to the page the
//! visitor came from, in that language. The list is one click away instead of on every page,
//! which saves each page a few hundred bytes on the wire (issue 21, item 4).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use crate::error::render;
use crate::i18n::{Lang, Tr};
use crate::state::WebState;

/// `/languages`.
#[derive(Template)]
#[template(path = "languages.html")]
pub struct LanguagesPage<'a> {
    tr: Tr<'a>,
    languages: Vec<&'static str>,
    /// The page to return to, ending in `?` or `&`, so `lang=xx` completes it.
    back: String,
}

/// `GET /languages`: one link per language back to the `Referer` page, or to the home page.
pub async fn show_languages(
    State(web): State<WebState>,
    headers: HeaderMap,
    lang: Lang,
) -> Response {
    let tr = Tr::new(web.i18n(), lang);
    let back = back_target(&headers, web.settings().allowed_origin.as_deref());
    let page = LanguagesPage {
        tr,
        languages: web.i18n().languages(),
        back,
    };
    render(StatusCode::OK, &page)
}

/// The page to return to: the `Referer`'s path and query without `lang`, when the `Referer`
/// is this site (the public URL, or without one the request's `Host`); otherwise `/`. The
/// result ends in `?` or `&`. Only a path of this site comes out, never another origin.
pub fn back_target(headers: &HeaderMap, allowed: Option<&str>) -> String {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let local = text(header::REFERER.as_str()).and_then(|referer| {
        let (scheme, rest) = referer.split_once("://")?;
        let start = rest.find('/')?;
        let (authority, target) = rest.split_at(start);
        let ours = match allowed {
            Some(allowed) => format!("{scheme}://{authority}")
                .eq_ignore_ascii_case(allowed.trim_end_matches('/')),
            None => Some(authority) == text(header::HOST.as_str()),
        };
        ours.then_some(target)
    });
    let target = local.unwrap_or("/");
    let target = target.split('#').next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let safe = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.starts_with("/languages");
    if !safe {
        return "/?".to_owned();
    }
    let mut back = format!("{path}?");
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        if pair.split('=').next() != Some("lang") {
            back.push_str(pair);
            back.push('&');
        }
    }
    back
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(referer: &str, host: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert(header::REFERER, HeaderValue::from_str(referer).unwrap());
        map.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        map
    }

    #[test]
    fn the_way_back_is_a_path_of_this_site_without_its_language() {
        let ours = Some("https://sign.example.eu");
        let back = |referer| back_target(&headers(referer, "sign.example.eu"), ours);
        assert_eq!(
            back("https://sign.example.eu/initiatives/x/sign/DE?lang=de"),
            "/initiatives/x/sign/DE?"
        );
        assert_eq!(
            back("https://sign.example.eu/console/p?nationality=AT&lang=fr#top"),
            "/console/p?nationality=AT&"
        );
        assert_eq!(back("https://evil.example/initiatives/x"), "/?");
        assert_eq!(back("https://sign.example.eu//evil.example/"), "/?");
        assert_eq!(back("https://sign.example.eu/languages?lang=en"), "/?");
        assert_eq!(back("not a url"), "/?");
        assert_eq!(back_target(&HeaderMap::new(), ours), "/?");
        // Without a public URL: the request's own Host.
        let local = headers("http://127.0.0.1:8080/initiatives/x", "127.0.0.1:8080");
        assert_eq!(back_target(&local, None), "/initiatives/x?");
        let other = headers("http://127.0.0.1:9999/initiatives/x", "127.0.0.1:8080");
        assert_eq!(back_target(&other, None), "/?");
    }
}
