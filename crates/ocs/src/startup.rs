//! The one assembly of the application from a checked `Config` ([`Application`]): `ocs
//! serve`, `ocs demo` and the test kit (`ocs-testkit`) all build it here, so the tests run
//! what production runs. [`Assembly`] holds the only seams (the clock, console password
//! costs, web settings the file does not express); everything else comes from the `Config`.

mod application;
mod assembly;
mod background;
mod keys;
mod mail;
mod run;
mod services;
mod web;

pub use crate::app::App;
pub use application::Application;
pub use assembly::{Assembly, LEGACY_CREDENTIALS_CUTOFF, WebAdjustment, assemble, build};
pub use keys::{load_server_key, password_pepper, server_keys, totp_key};
pub use run::run_server;
pub use services::{catalog, lifecycle_service, setup_service};
