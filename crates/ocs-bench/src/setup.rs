//! The real server's data folder: keys and secrets made with `ocs keygen`, and a
//! configuration with one collecting initiative (`bench`) on the run's database (a fresh
//! `SQLite` file in the folder, or a PostgreSQL URL).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};
use jiff::Span;
use jiff::civil::Date;

/// The slug of the benchmark initiative.
pub const SLUG: &str = "bench";

/// A prepared data folder; a temporary one is deleted when this is dropped.
pub struct DataDir {
    path: PathBuf,
    _temporary: Option<tempfile::TempDir>,
}

impl DataDir {
    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The configuration file.
    pub fn config(&self) -> PathBuf {
        self.path.join("ocs.toml")
    }

    /// Where the server's stderr goes.
    pub fn server_log(&self) -> PathBuf {
        self.path.join("ocs-stderr.log")
    }
}

/// Today's date in UTC. The harness has no injected clock: it only needs a date for the
/// collection period it writes.
#[expect(
    clippy::disallowed_methods,
    reason = "the harness writes today's date into a configuration; there is no clock to inject"
)]
fn today_utc() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Runs `ocs ARGS…` and fails with its output unless it succeeds.
fn run_ocs(ocs: &Path, args: &[&std::ffi::OsStr]) -> anyhow::Result<()> {
    let output = Command::new(ocs)
        .args(args)
        .output()
        .with_context(|| format!("running {}", ocs.display()))?;
    if !output.status.success() {
        bail!(
            "`{} {}` failed ({}): {}{}",
            ocs.display(),
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// Fails if `dir` already holds a data folder: the counter check needs a fresh database.
pub fn check_keep(dir: &Path) -> anyhow::Result<()> {
    if dir.join("ocs.db").exists() || dir.join("ocs.toml").exists() {
        bail!(
            "{} already holds an OpenOCS data folder; --keep needs a new or empty folder so \
             that the counter check starts from zero",
            dir.display()
        );
    }
    Ok(())
}

/// Makes the data folder (in `keep`, which must not hold a database yet, or a temporary
/// folder), its keys and secrets, and the configuration, whose `database.url` is
/// `database_url(folder)`.
pub fn prepare(
    ocs: &Path,
    keep: Option<&Path>,
    max_number: u64,
    database_url: impl FnOnce(&Path) -> String,
) -> anyhow::Result<DataDir> {
    let (path, temporary) = if let Some(dir) = keep {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let dir = dir
            .canonicalize()
            .with_context(|| format!("resolving {}", dir.display()))?;
        check_keep(&dir)?;
        (dir, None)
    } else {
        let temporary = tempfile::Builder::new()
            .prefix("ocs-bench-")
            .tempdir()
            .context("creating a temporary data folder")?;
        (temporary.path().to_owned(), Some(temporary))
    };
    let key_prefix = path.join("keys").join("bench");
    let server_key = path.join("server.key");
    let dedup_key = path.join("dedup.key");
    run_ocs(
        ocs,
        &["keygen".as_ref(), "--out".as_ref(), key_prefix.as_os_str()],
    )?;
    run_ocs(
        ocs,
        &[
            "keygen".as_ref(),
            "--secret".as_ref(),
            server_key.as_os_str(),
        ],
    )?;
    run_ocs(
        ocs,
        &[
            "keygen".as_ref(),
            "--secret".as_ref(),
            dedup_key.as_os_str(),
        ],
    )?;
    let public_path = path.join("keys").join("bench.pk");
    let public = std::fs::read_to_string(&public_path)
        .with_context(|| format!("reading {}", public_path.display()))?;
    let url = database_url(&path);
    let text = config_text(&path, &url, public.trim(), max_number, today_utc())?;
    let data = DataDir {
        path,
        _temporary: temporary,
    };
    std::fs::write(data.config(), text)
        .with_context(|| format!("writing {}", data.config().display()))?;
    open_for_collection(ocs, &data, today_utc())?;
    Ok(data)
}

/// Opens the benchmark initiative the way organisers must (`ocs serve` does not collect for
/// a configured initiative without its certificate): dates, a certificate, test mode, live,
/// open, with `ocs initiative`. Skipped when the database already has it collecting.
fn open_for_collection(ocs: &Path, data: &DataDir, today: Date) -> anyhow::Result<()> {
    let config = data.config();
    // `ocs initiative` works on an existing database.
    run_ocs(
        ocs,
        &["migrate".as_ref(), "--config".as_ref(), config.as_os_str()],
    )?;
    let status = Command::new(ocs)
        .args([
            "initiative",
            "--initiative",
            SLUG,
            "--as",
            "ocs-bench",
            "status",
            "--config",
        ])
        .arg(&config)
        .output()
        .with_context(|| format!("running {}", ocs.display()))?;
    if String::from_utf8_lossy(&status.stdout).contains("collecting") {
        return Ok(());
    }
    let certificate = data.path().join("certificate.pdf");
    std::fs::write(&certificate, b"%PDF-1.7 load test certificate")
        .with_context(|| format!("writing {}", certificate.display()))?;
    let notice = today
        .checked_sub(Span::new().days(30))
        .context("notice date")?
        .to_string();
    let (start, end) = (today.to_string(), last_day(today)?.to_string());
    let steps: [&[&str]; 5] = [
        &[
            "dates", "--notice", &notice, "--start", &start, "--end", &end,
        ],
        &[
            "certificate",
            "--file",
            &certificate.to_string_lossy(),
            "--authority",
            "Load test authority",
            "--date",
            &notice,
        ],
        &["start-test"],
        &["go-live", "--confirm", REGISTRATION_NUMBER],
        &["open"],
    ];
    for step in steps {
        let mut args: Vec<&std::ffi::OsStr> = ["initiative", "--initiative", SLUG, "--as"]
            .iter()
            .map(std::convert::AsRef::as_ref)
            .collect();
        args.push("ocs-bench".as_ref());
        args.push("--config".as_ref());
        args.push(config.as_os_str());
        args.extend(
            step.iter()
                .map(std::convert::AsRef::<std::ffi::OsStr>::as_ref),
        );
        run_ocs(ocs, &args)?;
    }
    Ok(())
}

/// The registration number of the benchmark initiative.
const REGISTRATION_NUMBER: &str = "ECI(BENCH)000001";

/// The last day of an 11-month collection from `today`.
fn last_day(today: Date) -> anyhow::Result<Date> {
    today
        .checked_add(Span::new().months(11))
        .context("collection end date")
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The configuration: loopback on a free port, the database at `database_url`, difficulty
/// `max_number`, warnings only, and one initiative collecting from `today` for 11 months.
pub fn config_text(
    dir: &Path,
    database_url: &str,
    public_key: &str,
    max_number: u64,
    today: Date,
) -> anyhow::Result<String> {
    let last_day = last_day(today)?;
    let path = |name: &str| toml_string(&dir.join(name).to_string_lossy());
    let database = toml_string(database_url);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"# Written by ocs-bench for one load-test run.

[server]
listen = "127.0.0.1:0"

[database]
url = {database}

[secrets]
server_key_file = {server_key}
dedup_key_file = {dedup_key}

[antibot]
max_number = {max_number}

[log]
level = "warn"

# The harness drives thousands of signatures from one loopback address.
[rate_limits]
enabled = false

# Public figures published at once (no batching), so the final counter check is exact.
[counters]
publish_interval = 0
min_batch = 0

[[initiatives]]
id = 1
slug = "{SLUG}"
registration_number = "{REGISTRATION_NUMBER}"
registration_date = "{today}"
title = "Load test initiative"
subject = "An initiative that exists only for a load test."
objectives = "To measure the signing path."
register_url = "https://register.example/bench"
privacy_notice = "Test data only."
collection_start = "{today}"
collection_end = "{last_day}"
recipient_keys = [{key}]
regime = "national"
storage_country = "BE"
"#,
        server_key = path("server.key"),
        dedup_key = path("dedup.key"),
        key = toml_string(public_key),
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(toml_string("x\ny"), r#""x\u000Ay""#);
    }

    #[test]
    fn config_has_the_period_and_settings() {
        let today = Date::new(2026, 3, 31).unwrap();
        let dir = Path::new("/tmp/x");
        let url = crate::database::Database::Sqlite.url(dir);
        let text = config_text(dir, &url, "ocs-pk-1:abc", 10, today).unwrap();
        assert!(text.contains("collection_start = \"2026-03-31\""));
        // jiff clamps to the end of the month.
        assert!(text.contains("collection_end = \"2027-02-28\""), "{text}");
        assert!(text.contains("url = \"sqlite:///tmp/x/ocs.db\""));
        assert!(text.contains("max_number = 10"));
        assert!(text.contains("recipient_keys = [\"ocs-pk-1:abc\"]"));
        assert!(text.contains("listen = \"127.0.0.1:0\""));
    }
}
