//! The one reader of request cookies: every cookie the site reads (console session, form
//! nonce, eID flow and identity, receipt) is found by its exact name here.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The value of the request cookie `name`: the first pair with exactly that name, across
/// every `Cookie` header. Pairs without `=` are skipped; the value is returned as sent.
pub fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn a_cookie_is_found_by_its_exact_name_in_any_header() {
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("x__Host-s=forged; broken; a=1"),
        );
        headers.append(COOKIE, HeaderValue::from_static(" __Host-s=real ;b=2=3"));
        assert_eq!(read(&headers, "__Host-s"), Some("real"));
        assert_eq!(read(&headers, "a"), Some("1"));
        assert_eq!(read(&headers, "b"), Some("2=3"));
        assert_eq!(read(&headers, "broken"), None);
        assert_eq!(read(&headers, "missing"), None);
        assert_eq!(read(&HeaderMap::new(), "a"), None);
    }
}
