//! Static assets compiled into the binary: the stylesheet and the proof-of-work solver.
//!
//! `build.rs` names each under a hash of its content (`app.3f2a9c01d4.css`) and compresses
//! it once with gzip and brotli at their highest levels. A hashed name never changes
//! content, so it is cached for a year as `immutable` and a browser never revalidates it;
//! the pages link only hashed names ([`APP_CSS`], [`ALTCHA_JS`]). The plain name still
//! answers, with a short cache, for pages rendered by the previous deployment.

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// One static asset and its precompressed copies.
#[derive(Debug)]
pub struct StaticAsset {
    /// The file name in `static/` (`app.css`).
    pub name: &'static str,
    /// The content-hashed name it is linked under (`app.<hash>.css`).
    pub hashed: &'static str,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The bytes as written.
    pub plain: &'static [u8],
    /// gzip, level 9.
    pub gzip: &'static [u8],
    /// brotli, quality 11.
    pub brotli: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// `Cache-Control` of a content-hashed name: a year, never revalidated.
pub const IMMUTABLE: &str = "max-age=31536000, immutable";

/// `Cache-Control` of a plain name, whose content changes with a deployment.
const SHORT: &str = "public, max-age=3600";

/// A content coding a client accepts and we hold a copy in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// `br`.
    Brotli,
    /// `gzip`.
    Gzip,
    /// No coding.
    Identity,
}

impl Coding {
    /// The best coding `Accept-Encoding` allows: brotli (smallest), then gzip, else none.
    /// A coding listed with `q=0` is refused; `*` stands for any coding not listed.
    pub fn negotiate(headers: &HeaderMap) -> Self {
        let mut br = None;
        let mut gzip = None;
        let mut any = None;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(text) = value.to_str() else { continue };
            for item in text.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let allowed = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .all(|q| !matches!(q.trim().parse::<f32>(), Ok(q) if q <= 0.0));
                match coding.as_str() {
                    "br" => br = Some(allowed),
                    "gzip" | "x-gzip" => gzip = Some(allowed),
                    "*" => any = Some(allowed),
                    _ => {}
                }
            }
        }
        if br.or(any) == Some(true) {
            Self::Brotli
        } else if gzip.or(any) == Some(true) {
            Self::Gzip
        } else {
            Self::Identity
        }
    }

    /// The `Content-Encoding` value, if any.
    pub fn header(self) -> Option<&'static str> {
        match self {
            Self::Brotli => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Identity => None,
        }
    }
}

/// `GET /static/{file}`: a hashed name cached immutably, a plain name briefly; in the best
/// coding the client accepts.
pub async fn serve_asset(Path(file): Path<String>, headers: HeaderMap) -> Response {
    let Some((asset, hashed)) = STATIC_ASSETS.iter().find_map(|asset| {
        if asset.hashed == file {
            Some((asset, true))
        } else if asset.name == file {
            Some((asset, false))
        } else {
            None
        }
    }) else {
        return crate::error::WebError::new(ocs_domain::ErrorCode::NotFound).into_response();
    };
    let coding = Coding::negotiate(&headers);
    let body = match coding {
        Coding::Brotli => asset.brotli,
        Coding::Gzip => asset.gzip,
        Coding::Identity => asset.plain,
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, asset.content_type),
            (
                header::CACHE_CONTROL,
                if hashed { IMMUTABLE } else { SHORT },
            ),
            (header::VARY, "accept-encoding"),
        ],
        body,
    )
        .into_response();
    if let Some(value) = coding.header() {
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        headers
    }

    #[test]
    fn the_best_accepted_coding_is_chosen() {
        assert_eq!(Coding::negotiate(&HeaderMap::new()), Coding::Identity);
        assert_eq!(
            Coding::negotiate(&accepting("gzip, deflate, br, zstd")),
            Coding::Brotli
        );
        assert_eq!(Coding::negotiate(&accepting("gzip")), Coding::Gzip);
        assert_eq!(Coding::negotiate(&accepting("br;q=0, gzip")), Coding::Gzip);
        assert_eq!(Coding::negotiate(&accepting("*")), Coding::Brotli);
        assert_eq!(Coding::negotiate(&accepting("*;q=0")), Coding::Identity);
        assert_eq!(Coding::negotiate(&accepting("identity")), Coding::Identity);
    }

    #[test]
    fn every_asset_has_a_hashed_name_and_smaller_copies() {
        for asset in STATIC_ASSETS {
            assert_ne!(asset.hashed, asset.name);
            let (stem, extension) = asset.name.rsplit_once('.').unwrap();
            assert!(asset.hashed.starts_with(stem) && asset.hashed.ends_with(extension));
            assert!(asset.gzip.len() < asset.plain.len(), "{}", asset.name);
            assert!(asset.brotli.len() < asset.plain.len(), "{}", asset.name);
        }
        let extension = |path: &'static str| std::path::Path::new(path).extension()?.to_str();
        assert!(APP_CSS.starts_with("/static/app."));
        assert_eq!(extension(APP_CSS), Some("css"));
        assert!(ALTCHA_JS.starts_with("/static/altcha."));
        assert_eq!(extension(ALTCHA_JS), Some("js"));
    }
}
