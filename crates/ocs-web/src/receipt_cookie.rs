//! The receipt cookie: how the receipt reaches its page without its secret travelling in a
//! URL (issue 20, item 4). A URL ends up in proxy access logs, browser history and
//! `Referer` headers, and whoever holds the receipt token can check or withdraw the
//! statement. So the answer to the signing POST sets the signed token in a short-lived,
//! `HttpOnly`, `SameSite=Strict` cookie (`__Host-` on https) and redirects to a URL without
//! it; the receipt page and its text file read the cookie.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;

use crate::state::WebState;

/// The cookie on an https site: `__Host-`, so only this host over https can have set it.
pub const RECEIPT_COOKIE: &str = "__Host-ocs_receipt";
/// Its name on a plain-http site (a demo on a LAN address), where browsers refuse `__Host-`.
pub const PLAIN_RECEIPT_COOKIE: &str = "ocs_receipt";
/// Lifetime of the cookie: long enough to read the receipt and download its file, short
/// enough that the next person at a shared computer does not find it.
const COOKIE_SECONDS: u32 = 15 * 60;

fn name(web: &WebState) -> &'static str {
    if web.settings().hsts {
        RECEIPT_COOKIE
    } else {
        PLAIN_RECEIPT_COOKIE
    }
}

/// Adds the cookie carrying `token` to `response` (the 303 after a signature).
pub fn set(web: &WebState, response: &mut Response, token: &str) {
    let secure = if web.settings().hsts { "; Secure" } else { "" };
    let text = format!(
        "{}={token}; Max-Age={COOKIE_SECONDS}; Path=/; HttpOnly; SameSite=Strict{secure}",
        name(web)
    );
    if let Ok(value) = HeaderValue::from_str(&text) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// The receipt token of the request's cookie, if any.
pub fn read(web: &WebState, headers: &HeaderMap) -> Option<String> {
    crate::cookies::read(headers, name(web)).map(str::to_owned)
}
