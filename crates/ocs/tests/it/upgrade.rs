//! Upgrades: every data folder an earlier build left (`tests/fixtures/upgrade/*`, made with
//! `scripts/upgrade-fixture`) is migrated by this binary and its statements read back, and
//! `ocs serve` / `ocs demo` refuse a database with pending migrations (`UPG-001`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::{ocs, spawn_listening, terminate};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/upgrade");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    folders
}

/// Copies `from` into `to`, private like the folder `ocs demo` made (git keeps no modes).
fn copy_private(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700)).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_private(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn run(command: &mut std::process::Command) -> Output {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{command:?}: {}", text(&output));
    output
}

#[test]
fn every_kept_fixture_migrates_and_exports() {
    let folders = fixtures();
    assert!(!folders.is_empty(), "no upgrade fixture is kept");
    for fixture in folders {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(fixture.join("fixture.json")).unwrap()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        copy_private(&fixture, &data);
        let config = data.join("ocs.toml");

        let migrated = run(ocs().args(["migrate", "--config"]).arg(&config));
        let said = text(&migrated);
        assert!(
            said.contains("applied") || said.contains("up to date"),
            "{name}: {said}"
        );
        // Migrating twice changes nothing.
        let again = run(ocs().args(["migrate", "--config"]).arg(&config));
        assert!(
            text(&again).contains("up to date"),
            "{name}: {}",
            text(&again)
        );

        // The audit chain the old build wrote still verifies.
        run(ocs().args(["audit", "verify", "--config"]).arg(&config));
        // Its console accounts are still there.
        let users = run(ocs()
            .args(["admin", "list-users", "--config"])
            .arg(&config)
            .args(["--as", "tests"]));
        for account in expected["accounts"].as_array().unwrap() {
            let account = account.as_str().unwrap();
            assert!(text(&users).contains(account), "{name}: {}", text(&users));
        }

        // The statements open with the old key pair, per state as signed.
        let signing = dir.path().join("organisers");
        run(ocs().args(["keygen", "--signing", "--out"]).arg(&signing));
        let out = dir.path().join("export");
        let initiative = expected["initiative"].as_str().unwrap();
        run(ocs()
            .args(["export", "--config"])
            .arg(&config)
            .args(["--initiative", initiative, "--private-key"])
            .arg(data.join("keys/demo-recipient.sk"))
            .arg("--signing-key")
            .arg(dir.path().join("organisers.sign.sk"))
            .arg("--out")
            .arg(&out));
        run(ocs()
            .args(["export", "verify"])
            .arg(&out)
            .arg("--public-key")
            .arg(dir.path().join("organisers.sign.pk")));
        let manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for file in manifest["files"].as_array().unwrap() {
            let path = Path::new(file["file"].as_str().unwrap());
            if path.extension().is_some_and(|ext| ext == "xml") {
                *counts
                    .entry(file["country"].as_str().unwrap().to_owned())
                    .or_default() += file["statements"].as_u64().unwrap();
            }
        }
        let wanted: BTreeMap<String, u64> = expected["counts"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(country, count)| (country.clone(), count.as_u64().unwrap()))
            .collect();
        assert_eq!(counts, wanted, "{name}: {manifest}");
    }
}

/// A database with only the first `applied` SQLite migrations of this checkout, as an
/// older build would have left it.
fn partly_migrated(path: &Path, applied: usize) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/sqlite");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    assert!(files.len() > applied, "need a migration left to apply");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let connection = rusqlite::Connection::open(path).unwrap();
    connection
        .execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,
             applied_at_ms INTEGER NOT NULL)",
        )
        .unwrap();
    for file in files.iter().take(applied) {
        connection
            .execute_batch(&std::fs::read_to_string(file).unwrap())
            .unwrap();
        let name = file.file_stem().unwrap().to_str().unwrap();
        let version: i64 = name[..4].parse().unwrap();
        connection
            .execute(
                "INSERT INTO schema_migrations VALUES (?1, ?2, 0)",
                (version, name),
            )
            .unwrap();
    }
}

fn serve(config: &Path) -> Output {
    ocs()
        .args(["serve", "--config"])
        .arg(config)
        .env("OCS_SERVER__LISTEN", "127.0.0.1:0")
        .output()
        .unwrap()
}

#[test]
fn serve_and_demo_refuse_a_database_with_pending_migrations_until_ocs_migrate() {
    let fixture = fixtures().into_iter().next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_private(&fixture, &data);
    let config = data.join("ocs.toml");
    let database = data.join("data/ocs.db");

    // A new, empty database: nothing is created behind the operator's back.
    std::fs::remove_file(&database).unwrap();
    let refused = serve(&config);
    assert!(!refused.status.success());
    let message = text(&refused);
    assert!(message.contains("UPG-001"), "{message}");
    assert!(message.contains("no schema yet"), "{message}");
    assert!(message.contains("ocs migrate --config"), "{message}");
    assert!(!database.exists(), "the refusal created the database");

    // Left behind by an older build: five migrations applied.
    partly_migrated(&database, 5);
    let refused = serve(&config);
    assert!(!refused.status.success());
    let message = text(&refused);
    assert!(message.contains("UPG-001"), "{message}");
    assert!(message.contains("first pending: 0006_eid"), "{message}");
    assert!(message.contains(&config.display().to_string()), "{message}");
    // `ocs demo` on that folder says the same, and does not migrate it either.
    let demo = ocs()
        .args(["demo", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(!demo.status.success());
    assert!(text(&demo).contains("UPG-001"), "{}", text(&demo));
    assert!(text(&demo).contains("ocs migrate"), "{}", text(&demo));

    let migrated = run(ocs().args(["migrate", "--config"]).arg(&config));
    assert!(
        text(&migrated).contains("applied 0006_eid"),
        "{}",
        text(&migrated)
    );

    // Now it serves.
    let mut command = ocs();
    command
        .args(["serve", "--config"])
        .arg(&config)
        .env("OCS_SERVER__LISTEN", "127.0.0.1:0");
    let (mut child, address) = spawn_listening(command, |line| {
        let rest = line.strip_prefix("OpenOCS listening on http://")?;
        rest.trim_end_matches('/').parse().ok()
    });
    let (status, _) = crate::http(address, "GET", "/healthz", "text/plain", "");
    assert_eq!(status, 200);
    terminate(&mut child);
}

/// Whether the PostgreSQL database at `url` has a `schema_migrations` table.
fn postgres_has_schema(url: &str) -> bool {
    use sqlx::Connection as _;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut connection = sqlx::PgConnection::connect(url).await.unwrap();
        let present: bool =
            sqlx::query_scalar("SELECT to_regclass('schema_migrations') IS NOT NULL")
                .fetch_one(&mut connection)
                .await
                .unwrap();
        connection.close().await.unwrap();
        present
    })
}

/// The first `applied` PostgreSQL migrations of this checkout, recorded as `ocs migrate`
/// records them, as an older build would have left the database.
fn postgres_partly_migrated(url: &str, applied: usize) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/postgres");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sql"))
        .collect();
    files.sort();
    assert!(files.len() > applied, "need a migration left to apply");
    let mut script = String::from(
        "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, \
         applied_at_ms BIGINT NOT NULL);\n",
    );
    for file in files.iter().take(applied) {
        script.push_str(&std::fs::read_to_string(file).unwrap());
        let name = file.file_stem().unwrap().to_str().unwrap();
        let version: i64 = name[..4].parse().unwrap();
        writeln!(
            script,
            "\nINSERT INTO schema_migrations VALUES ({version}, '{name}', 0);"
        )
        .unwrap();
    }
    crate::nodes::run_sql(url, &script);
}

/// The same refusal on PostgreSQL (issue 18): a new database and one an older build left
/// are read, not changed, until `ocs migrate`; then `ocs serve` starts.
#[test]
fn serve_refuses_a_postgres_database_with_pending_migrations_until_ocs_migrate() {
    let fixture = fixtures().into_iter().next().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    copy_private(&fixture, &data);
    let config = data.join("ocs.toml");
    let on = |url: &str| {
        let mut command = ocs();
        command
            .args(["serve", "--config"])
            .arg(&config)
            .env("OCS_DATABASE_URL", url)
            .env("OCS_SERVER__LISTEN", "127.0.0.1:0");
        command
    };

    // A new, empty database: refused, and nothing created in it.
    let fresh = crate::nodes::Database::create();
    let refused = on(&fresh.url).output().unwrap();
    assert!(!refused.status.success());
    let message = text(&refused);
    assert!(message.contains("UPG-001"), "{message}");
    assert!(message.contains("no schema yet"), "{message}");
    assert!(message.contains("ocs migrate --config"), "{message}");
    assert!(
        !postgres_has_schema(&fresh.url),
        "the refusal created tables"
    );

    // Left behind by an older build: five migrations applied.
    let older = crate::nodes::Database::create();
    postgres_partly_migrated(&older.url, 5);
    let refused = on(&older.url).output().unwrap();
    assert!(!refused.status.success());
    let message = text(&refused);
    assert!(message.contains("UPG-001"), "{message}");
    assert!(message.contains("first pending: 0006_eid"), "{message}");
    assert!(message.contains(&config.display().to_string()), "{message}");

    let migrated = run(ocs()
        .args(["migrate", "--config"])
        .arg(&config)
        .env("OCS_DATABASE_URL", &older.url));
    assert!(
        text(&migrated).contains("applied 0006_eid"),
        "{}",
        text(&migrated)
    );
    let (mut child, address) = spawn_listening(on(&older.url), |line| {
        let rest = line.strip_prefix("OpenOCS listening on http://")?;
        rest.trim_end_matches('/').parse().ok()
    });
    let (status, _) = crate::http(address, "GET", "/healthz", "text/plain", "");
    assert_eq!(status, 200);
    terminate(&mut child);
}
