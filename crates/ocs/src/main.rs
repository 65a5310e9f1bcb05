//! The `ocs` command: parses the command line and hands over to `cli`.

mod backend;
mod backup;
mod cli;
mod config;
mod demo;
mod export;
mod hardening;
mod logging;
mod mail;
mod paper;
mod startup;

fn main() -> std::process::ExitCode {
    cli::main()
}
