#![doc = include_str!("../README.md")]

pub mod bodies;
pub mod client;
pub mod cookies;
#[rustfmt::skip]
pub mod cldr;
pub mod compress;
pub mod error;
pub mod extract;
pub mod formguard;
pub mod head_guard;
pub mod i18n;
pub mod l10n;
pub mod map;
pub mod markup;
pub mod middleware;
pub mod monitor;
pub mod official;
pub mod ratelimit;
pub mod read_cache;
pub mod receipt_cookie;
pub mod request_id;
pub mod routes;
pub mod server;
pub mod shed;
pub mod state;
pub mod tls;
pub mod views;

pub use routes::router;
pub use state::{WebSecurity, WebSettings, WebState, WebStateBuilder};
