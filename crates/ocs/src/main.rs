//! The `ocs` command: parses the command line and hands over to `ocs::cli`.

fn main() -> std::process::ExitCode {
    ocs::cli::main()
}
