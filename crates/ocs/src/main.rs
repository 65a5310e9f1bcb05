//! The `ocs` command: parses the command line and hands over to `ocs::cli`.

/// mimalloc instead of glibc's malloc: under load the request workers spent about a fifth of
/// their time in `malloc`/`free` (docs/BENCHMARKS.md, "Where the time goes per statement").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ocs::cli::main()
}
