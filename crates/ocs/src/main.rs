//! The `ocs` command: parses the command line and hands over to `cli`.

mod admin;
mod backend;
mod backup;
mod cli;
mod config;
mod console;
mod counters;
mod demo;
mod eid_config;
mod export;
mod hardening;
mod logging;
mod mail;
mod paper;
mod startup;

fn main() -> std::process::ExitCode {
    cli::main()
}
