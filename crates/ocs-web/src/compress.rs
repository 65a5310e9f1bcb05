//! Compression of rendered answers in one shot (issue 21, items 4 and 5): a page is a whole
//! string in memory when its handler returns, so it is compressed at once with encoder
//! settings sized to it, rather than through a streaming encoder set up for any length.
//!
//! On the browser signing flow brotli was 37 % of the machine's CPU, 12 % of it clearing the
//! encoder's tables (`memset`) for the 4 MiB window `tower-http`'s streaming encoder uses
//! (docs/BENCHMARKS.md). Measured on the German sign page (17,895 bytes): quality 6 with a
//! 4 MiB window 490–690 µs and 6,189 bytes; quality 5 with a 256 KiB window 335 µs and 6,190
//! bytes. Windows of 64 KiB or less are a trap: quality 5 took 15 ms there.
//!
//! Which answers: those the layer is put on ([`compress_answer`] says which and why), when
//! the client accepts `br` or `gzip` ([`Coding::negotiate`]), the body is at least
//! [`MIN_SIZE`] bytes, carries no `Content-Encoding` yet (precompressed assets and cached
//! renderings pass through) and is text, JSON, JavaScript or SVG.

use std::io::Write as _;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::routes::assets::Coding;

/// Bodies shorter than this are sent as they are (the coding's own framing would eat the
/// gain).
pub const MIN_SIZE: usize = 32;

/// Brotli quality of a rendered page: 5 gives the German sign page the bytes of 6 (one more)
/// for two thirds of the CPU, and is 5 % smaller than 4; 7–9 add CPU and no bytes, 10 and 11
/// cost 90 ms a page (docs/BENCHMARKS.md).
pub const BROTLI_QUALITY: u32 = 5;

/// Brotli window, in bits (256 KiB): larger than any page, and above the 64 KiB at or below
/// which this encoder is slow (see the module's note).
pub const BROTLI_WINDOW: u32 = 18;

/// gzip level for clients without brotli.
const GZIP_LEVEL: u32 = 6;

/// The largest body compressed; a larger one (none is rendered today) is sent as it is.
const MAX_SIZE: usize = 16 * 1024 * 1024;

/// Middleware: compresses the answer of `next` in the best coding the request accepts
/// (issue 21, item 4).
///
/// It is put only where no secret of the reader's sits beside text an attacker chooses
/// (BREACH): the public pages, the public API, the sign form (its one re-rendering with the
/// signer's input answers a POST, which the Origin check and `SameSite=Strict` keep to our
/// own pages) and the receipt page (no input reflected). The console, self-service and mail
/// pages reflect input next to their tokens and are not compressed.
pub async fn compress_answer(request: Request, next: Next) -> Response {
    let coding = Coding::negotiate(request.headers());
    let response = next.run(request).await;
    if !compressible(response.status(), response.headers()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    add_vary(&mut parts.headers);
    if coding == Coding::Identity {
        return Response::from_parts(parts, body);
    }
    let plain = match axum::body::to_bytes(body, MAX_SIZE).await {
        Ok(plain) => plain,
        Err(error) => {
            // The body was lost while reading it; say so rather than send a torn page.
            tracing::error!(%error, "reading an answer to compress failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let Some(coded) = (plain.len() >= MIN_SIZE)
        .then(|| encode(coding, &plain, Effort::PerRequest))
        .flatten()
    else {
        return Response::from_parts(parts, Body::from(plain));
    };
    if let Some(value) = coding.header() {
        parts
            .headers
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(coded))
}

/// Whether an answer is a candidate: a status with a body, not encoded yet, of a textual
/// type.
fn compressible(status: StatusCode, headers: &HeaderMap) -> bool {
    if status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
        || headers.contains_key(header::CONTENT_ENCODING)
    {
        return false;
    }
    let Some(kind) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
    else {
        return false;
    };
    let kind = kind.trim_start().as_bytes();
    // Media types are case-insensitive; compared without making a lowercase copy per answer.
    let is = |prefix: &str| {
        kind.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    (is("text/") && !is("text/event-stream"))
        || is("application/json")
        || is("application/javascript")
        || is("application/problem+json")
        || is("image/svg+xml")
}

/// Adds `accept-encoding` to `Vary` unless it is there.
fn add_vary(headers: &mut HeaderMap) {
    let listed = headers.get_all(header::VARY).iter().any(|value| {
        value.to_str().is_ok_and(|text| {
            text.split(',')
                .any(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
        })
    });
    if !listed {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// How hard to compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// An answer made for one request: [`BROTLI_QUALITY`] and gzip 6.
    PerRequest,
    /// A rendering made once and sent to many readers (`read_cache`): brotli 11 in a 4 MiB
    /// window (about 25 ms for the initiative page, 15 % smaller than quality 9) and gzip 9.
    Once,
}

/// `plain` in `coding`, in one shot; `None` if the encoder fails (it does not when writing
/// to memory) or for [`Coding::Identity`].
pub fn encode(coding: Coding, plain: &[u8], effort: Effort) -> Option<Bytes> {
    let mut out = Vec::with_capacity(plain.len() / 3 + 64);
    let written = match (coding, effort) {
        (Coding::Brotli, Effort::Once) => {
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..brotli::enc::BrotliEncoderParams::default()
            };
            brotli::BrotliCompress(&mut &plain[..], &mut out, &params).map(|_| ())
        }
        (Coding::Brotli, Effort::PerRequest) => {
            let mut writer =
                brotli::CompressorWriter::new(&mut out, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
            // `into_inner` ends the stream (writing to memory cannot fail).
            writer.write_all(plain).map(|()| {
                let _ = writer.into_inner();
            })
        }
        (Coding::Gzip, effort) => {
            let level = match effort {
                Effort::PerRequest => flate2::Compression::new(GZIP_LEVEL),
                Effort::Once => flate2::Compression::best(),
            };
            let mut writer = flate2::write::GzEncoder::new(&mut out, level);
            writer.write_all(plain).and_then(|()| writer.try_finish())
        }
        (Coding::Identity, _) => return None,
    };
    match written {
        Ok(()) => Some(Bytes::from(out)),
        Err(error) => {
            tracing::error!(%error, "compressing an answer failed");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use axum::Router;
    use axum::routing::get;
    use tower::ServiceExt as _;

    use super::*;

    fn page() -> String {
        use std::fmt::Write as _;
        let mut text = String::from("<!doctype html><html lang=\"de\"><body><form>");
        for n in 0..400 {
            let _ = write!(
                text,
                "<label for=\"f{n}\">Feld {n}</label><input id=\"f{n}\" name=\"f{n}\">"
            );
        }
        text + "</form></body></html>"
    }

    fn unbrotli(body: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut out)
            .expect("a brotli stream");
        out
    }

    async fn fetch(accept: &str, body: String, kind: &'static str) -> Response {
        let app = Router::new()
            .route(
                "/",
                get(move || async move { ([(header::CONTENT_TYPE, kind)], body) }),
            )
            .layer(axum::middleware::from_fn(compress_answer));
        let request = Request::get("/")
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .unwrap();
        app.oneshot(request).await.unwrap()
    }

    #[test]
    fn both_codings_give_back_the_page_and_brotli_is_as_small_as_at_quality_6() {
        let plain = page();
        let br = encode(Coding::Brotli, plain.as_bytes(), Effort::PerRequest).unwrap();
        assert_eq!(unbrotli(&br), plain.as_bytes());
        let mut large = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 6,
            lgwin: 22,
            ..brotli::enc::BrotliEncoderParams::default()
        };
        brotli::BrotliCompress(&mut plain.as_bytes(), &mut large, &params).unwrap();
        // Quality 5 in a 256 KiB window costs at most a few bytes against 6 in 4 MiB.
        assert!(
            br.len() <= large.len() + 16,
            "{} > {}",
            br.len(),
            large.len()
        );
        let gz = encode(Coding::Gzip, plain.as_bytes(), Effort::PerRequest).unwrap();
        let mut out = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, plain);
        assert_eq!(
            encode(Coding::Identity, plain.as_bytes(), Effort::Once),
            None
        );
    }

    #[tokio::test]
    async fn a_page_is_sent_in_the_best_accepted_coding_with_vary() {
        let plain = page();
        let response = fetch("gzip, br", plain.clone(), "text/html; charset=utf-8").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(unbrotli(&body), plain.as_bytes());

        let response = fetch("gzip", plain.clone(), "application/json").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");

        let response = fetch("identity", plain.clone(), "text/html").await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(body, plain.as_bytes());
    }

    #[tokio::test]
    async fn short_bodies_images_and_encoded_answers_pass_as_they_are() {
        let response = fetch("br", "short".to_owned(), "text/plain").await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        let response = fetch("br", page(), "image/png").await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert!(response.headers().get(header::VARY).is_none());
        assert!(!compressible(StatusCode::OK, &{
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            headers
        }));
        assert!(!compressible(StatusCode::NOT_MODIFIED, &HeaderMap::new()));
        let typed = |kind: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            compressible(StatusCode::OK, &headers)
        };
        assert!(typed("Text/HTML; charset=utf-8"));
        assert!(typed("application/json"));
        assert!(!typed("text/event-stream"));
        assert!(!typed("image/png"));
        assert!(!typed("text"));
    }
}
