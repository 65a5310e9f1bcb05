//! Embeds the git commit the binary is built from as `OPENOCS_GIT_COMMIT`, for
//! `ocs --version`. Not `OCS_…`: cargo also sets the variable when it runs the tests, and
//! every `OCS_*` variable is a configuration setting to `ocs` (an unknown one is an error).
//!
//! Order: the `OPENOCS_GIT_COMMIT` variable (a packager building from a source tarball sets it),
//! then `git rev-parse` in the checkout, then "unknown" (no git, or not a checkout). A build
//! script must not fail a build for want of git.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=OPENOCS_GIT_COMMIT");
    let commit = std::env::var("OPENOCS_GIT_COMMIT")
        .ok()
        .filter(|commit| !commit.trim().is_empty())
        .or_else(commit_from_git)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=OPENOCS_GIT_COMMIT={}", commit.trim());
}

/// The short hash of `HEAD`, and the files whose change means a new commit.
fn commit_from_git() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let output = Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        String::from_utf8(output.stdout)
            .ok()
            .map(|text| text.trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    // HEAD moves on commit and checkout; the branch it names lives under refs/ or in
    // packed-refs (a worktree has its own HEAD and shares the refs). Only existing files are
    // named: cargo reruns the script on every build for a missing one.
    let mut watched = Vec::new();
    if let Some(dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        watched.push(PathBuf::from(dir).join("HEAD"));
    }
    if let Some(common) = git(&["rev-parse", "--path-format=absolute", "--git-common-dir"]) {
        let common = PathBuf::from(common);
        watched.push(common.join("packed-refs"));
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watched.push(common.join(branch));
        }
    }
    for path in watched.iter().filter(|path| path.exists()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    Some(commit)
}
