//! The `ocs` command: parses the command line and hands over to `cli`.

mod admin;
mod backend;
mod cli;
mod config;
mod console;
mod demo;
mod export;
mod logging;
mod startup;

fn main() -> std::process::ExitCode {
    cli::main()
}
