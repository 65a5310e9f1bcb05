//! Public renderings cached until the counters are next published (issue 21, item 5).
//!
//! The initiative page, the initiative list and the counters API show published figures,
//! which change only at a publication of the tally log (ADR 0007). So each is rendered once
//! per publication, language and initiative, and served from memory until then, compressed
//! at most once per coding. A rendering is also dropped when the initiative's catalog entry
//! or lifecycle changes, and at each new minute of the clock (pages show dates and the
//! collection state, which move with time; the destruction certificates the counters list
//! appear within that minute).
//!
//! Nothing is cached when the server keeps no tally log or publishes at once (`ocs demo`,
//! the tests' default): there every read may publish what waits, as before.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use ocs_domain::lifecycle::{Schedule, Stage};
use ocs_service::catalog::CatalogEntry;
use parking_lot::RwLock;

use crate::routes::assets::Coding;
use crate::routes::open_data::etag_of;
use crate::state::WebState;

/// Renderings held at most; past it the cache starts over (keys are bounded by the hosted
/// initiatives times the 24 languages, so this is only a backstop).
const MAX_ENTRIES: usize = 4096;

/// Which public answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    /// `GET /`.
    Index,
    /// `GET /initiatives/{slug}`.
    Initiative,
    /// `GET /api/v1/initiatives/{slug}/counters`.
    Counters,
}

/// What a rendering is filed under.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    page: Page,
    slug: String,
    lang: &'static str,
}

impl Key {
    /// The key of `page` for `slug` (empty for the index) in `lang`.
    pub fn new(page: Page, slug: &str, lang: &'static str) -> Self {
        Self {
            page,
            slug: slug.to_owned(),
            lang,
        }
    }
}

/// One initiative as a rendering saw it: its catalog entry, its stored stage and schedule,
/// and whether its certificate is public.
type EntryState = (Arc<CatalogEntry>, Option<(Stage, Option<Schedule>)>, bool);

/// What a rendering depended on, taken before it was made: if any of it moved since, the
/// rendering is stale.
pub struct Stamp {
    generation: u64,
    minute: i64,
    entries: Vec<EntryState>,
}

impl Stamp {
    fn same(&self, other: &Self) -> bool {
        self.generation == other.generation
            && self.minute == other.minute
            && self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                // The held `Arc` keeps the old entry alive, so its address cannot be reused.
                Arc::ptr_eq(&a.0, &b.0) && a.1 == b.1 && a.2 == b.2
            })
    }
}

/// One cached answer and its compressed copies, made on first demand.
pub struct Rendering {
    stamp: Stamp,
    content_type: &'static str,
    plain: Bytes,
    gzip: OnceLock<Option<Bytes>>,
    brotli: OnceLock<Option<Bytes>>,
    /// The strong `ETag` of the plain, gzip and brotli bodies, made once each: the open-data
    /// layer then sends it without hashing the body on every read.
    tags: [OnceLock<Option<HeaderValue>>; 3],
}

impl Rendering {
    /// A 200 answer in the best coding `request` accepts.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let wanted = Coding::negotiate(request);
        let coded = match wanted {
            Coding::Brotli => self.brotli.get_or_init(|| compress(wanted, &self.plain)),
            Coding::Gzip => self.gzip.get_or_init(|| compress(wanted, &self.plain)),
            Coding::Identity => &None,
        };
        let (coding, body) = match coded {
            Some(body) => (wanted, body.clone()),
            None => (Coding::Identity, self.plain.clone()),
        };
        let slot = match coding {
            Coding::Identity => &self.tags[0],
            Coding::Gzip => &self.tags[1],
            Coding::Brotli => &self.tags[2],
        };
        // Only the JSON API's answers are tagged (the open-data layer, which tags the rest of
        // the API, answers 304 to them); the pages carry no `ETag`.
        let tag = if self.content_type.starts_with("application/json") {
            slot.get_or_init(|| HeaderValue::from_str(&etag_of(&body)).ok())
        } else {
            &None
        };
        let mut response = (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, self.content_type),
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
        if let Some(tag) = tag {
            response.headers_mut().insert(header::ETAG, tag.clone());
        }
        response
    }
}

/// `plain` in `coding`; `None` (served plain) if the compressor fails, which writing to
/// memory does not. Brotli at its highest quality: a rendering is compressed once per
/// publication, language and minute (about 25 ms for the initiative page) and sent to every
/// reader, and quality 11 makes it 15 % smaller than 9 (issue 21, item 4).
fn compress(coding: Coding, plain: &[u8]) -> Option<Bytes> {
    crate::compress::encode(coding, plain, crate::compress::Effort::Once)
}

/// The cache of public renderings.
#[derive(Default)]
pub struct ReadCache {
    entries: RwLock<HashMap<Key, Arc<Rendering>>>,
    hits: AtomicU64,
}

impl ReadCache {
    /// What renderings of `entries` depend on now; `None` when they are not cached (no
    /// tally log, or publication at once).
    pub fn stamp(web: &WebState, entries: &[Arc<CatalogEntry>]) -> Option<Stamp> {
        let log = web.tally_log()?;
        if log.rule().at_once() {
            return None;
        }
        let board = web.signing().lifecycle();
        Some(Stamp {
            generation: log.generation(),
            minute: web.signing().now().as_second().div_euclid(60),
            entries: entries
                .iter()
                .map(|entry| {
                    let id = entry.initiative.id;
                    (
                        Arc::clone(entry),
                        board.get(id),
                        board.public_certificate(id).is_some(),
                    )
                })
                .collect(),
        })
    }

    /// The rendering under `key` if made at `stamp`.
    pub fn get(&self, key: &Key, stamp: &Stamp) -> Option<Arc<Rendering>> {
        let hit = self
            .entries
            .read()
            .get(key)
            .filter(|rendering| rendering.stamp.same(stamp))
            .cloned();
        if hit.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        hit
    }

    /// Answers served from the cache so far.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Files `body` under `key`, made at `stamp`, and returns it.
    pub fn put(
        &self,
        key: Key,
        stamp: Stamp,
        content_type: &'static str,
        body: impl Into<Bytes>,
    ) -> Arc<Rendering> {
        let rendering = Arc::new(Rendering {
            stamp,
            content_type,
            plain: body.into(),
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
            tags: Default::default(),
        });
        let mut entries = self.entries.write();
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, Arc::clone(&rendering));
        rendering
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_decode_to_the_plain_bytes() {
        use std::io::Read as _;
        let plain = "<p>counters</p>".repeat(200);
        let gzip = compress(Coding::Gzip, plain.as_bytes()).unwrap();
        let mut decoded = String::new();
        flate2::read::GzDecoder::new(&gzip[..])
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, plain);
        let brotli = compress(Coding::Brotli, plain.as_bytes()).unwrap();
        let mut decoded = String::new();
        brotli::Decompressor::new(&brotli[..], 4096)
            .read_to_string(&mut decoded)
            .unwrap();
        assert_eq!(decoded, plain);
        assert!(brotli.len() < plain.len() / 10);
    }
}
