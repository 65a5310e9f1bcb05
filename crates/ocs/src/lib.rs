//! OpenOCS as a library: the `ocs` command's modules, and the one assembly of the whole
//! application from a checked [`config::Config`] ([`startup::Application`]). The `ocs` binary
//! (`main.rs`) only calls [`cli::main`]; `ocs-testkit` builds a `Config` and calls the same
//! assembly, so every test that starts the application runs what `ocs serve` runs.

mod admin;
mod admin_socket;
mod annex_output;
mod app;
mod backend;
mod backup;
pub mod cli;
pub mod config;
pub mod configured;
mod console;
mod demo;
mod export;
mod healthcheck;
mod healthcheck_tls;
mod log_verify;
mod logging;
mod mail;
mod notify;
mod operator;
mod paper;
mod private_file;
mod runtime;
pub mod startup;
mod submit;
mod tagd;
mod upgrade;
mod witness;

pub use demo::mark_demo;
