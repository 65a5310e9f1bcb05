//! The `ocs` command: parses the command line and hands over to `cli`.

mod backend;
mod cli;
mod config;
mod demo;
mod eid_config;
mod export;
mod logging;
mod startup;

fn main() -> std::process::ExitCode {
    cli::main()
}
