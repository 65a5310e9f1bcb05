//! The restore drills' shared part (`backup.rs`, `snapshot.rs`): the demo served with
//! scheduled backups on a runtime of its own, and signers that keep signing while a backup
//! round runs.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use ocs_service::backup::scheduled::{BackupSchedule, ScheduledBackups};
use serde_json::json;

use crate::{http, solved};

/// The demo served with scheduled backups, stopped by [`Drill::stop`].
pub struct Drill {
    /// The runtime the server and the backup rounds run on.
    pub runtime: tokio::runtime::Runtime,
    /// Where the server listens.
    pub address: SocketAddr,
    /// The server's backup job.
    pub backups: Arc<ScheduledBackups>,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// How the signers sign around a backup round: `first` statements one after the other,
/// then three threads of `per_thread` each; the round begins once `wait_for` were
/// acknowledged. Identity numbers start with `prefix` (the first ones) and `prefix + 1 +
/// thread` (each thread's), so every run signs different people.
pub struct Signers {
    pub first: u32,
    pub per_thread: u32,
    pub wait_for: usize,
    pub prefix: u32,
}

impl Drill {
    /// Serves the demo configured in `config_file` with a daily backup into `backups_dir`
    /// (kept a week), whole-database snapshots sealed to `snapshot_key` when given.
    pub fn start(config_file: &Path, backups_dir: &Path, snapshot_key: Option<PathBuf>) -> Self {
        let mut config = ocs::config::load(config_file).unwrap();
        ocs::mark_demo(&mut config);
        config.listen = "127.0.0.1:0".parse().unwrap();
        // Many signatures from one loopback address: the per-address limits are not tested.
        config.security.rate_limits = None;
        config.backup = Some(BackupSchedule {
            dir: backups_dir.to_owned(),
            interval: jiff::SignedDuration::from_hours(24),
            keep: jiff::SignedDuration::from_hours(24 * 7),
            snapshot_key,
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let application = runtime
            .block_on(ocs::startup::Application::build(config))
            .unwrap();
        let address = application.address();
        let backups = application.app().backups.clone().expect("[backup] is set");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = runtime.spawn(application.run_until_stopped(async {
            let _ = stopped.await;
        }));
        Self {
            runtime,
            address,
            backups,
            stop,
            server,
        }
    }

    /// Signs as `signers` says and runs `round` while the threads sign. Returns what
    /// `round` returned and the identity numbers acknowledged (201) before it began.
    pub fn sign_during<R>(
        &self,
        signers: &Signers,
        round: impl FnOnce(&Self) -> R,
    ) -> (R, Vec<String>) {
        let address = self.address;
        // Acknowledged statements, with the moment each 201 arrived.
        let acknowledged: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
        for n in 0..signers.first {
            let number = format!("{}{n:07}", signers.prefix);
            let (status, answer) = sign_austrian(address, &number);
            assert_eq!(status, 201, "{answer}");
            acknowledged.lock().unwrap().push((Instant::now(), number));
        }
        let threads: Vec<_> = (0..3)
            .map(|thread| {
                let acknowledged = acknowledged.clone();
                let (per_thread, prefix) = (signers.per_thread, signers.prefix + 1 + thread);
                std::thread::spawn(move || {
                    for n in 0..per_thread {
                        let number = format!("{prefix}{n:07}");
                        let (status, answer) = sign_austrian(address, &number);
                        assert_eq!(status, 201, "{answer}");
                        acknowledged.lock().unwrap().push((Instant::now(), number));
                    }
                })
            })
            .collect();
        // Wait until signing is under way on every thread, then run the round while it goes on.
        while acknowledged.lock().unwrap().len() < signers.wait_for {
            std::thread::yield_now();
        }
        let round_began = Instant::now();
        let result = round(self);
        for thread in threads {
            thread.join().unwrap();
        }
        let before = acknowledged
            .lock()
            .unwrap()
            .iter()
            .filter(|(at, _)| *at < round_began)
            .map(|(_, number)| number.clone())
            .collect();
        (result, before)
    }

    /// Stops the server; the backup job lets the store go first, so that stopping closes
    /// the database.
    pub fn stop(self) {
        drop(self.backups);
        let _ = self.stop.send(());
        self.runtime.block_on(self.server).unwrap().unwrap();
    }
}

/// Exports the demo from the restored database at `url` into `out` with the organisers'
/// keys of the data folder `data`; the Austrian file's XML.
pub fn export_restored(config_file: &Path, url: &str, data: &Path, out: &Path) -> String {
    let output = crate::ocs()
        .args(["export", "--initiative", "demo", "--config"])
        .arg(config_file)
        .args(["--database", url])
        .arg("--private-key")
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--signing-key")
        .arg(data.join("keys/demo-organisers.sign.sk"))
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out.join("demo-at.xml")).unwrap()
}

/// One Austrian statement (Franz Huber) with identity number `number`, through the API.
pub fn sign_austrian(address: SocketAddr, number: &str) -> (u16, String) {
    let body = json!({"nationality": "AT", "fields": {"full.first.names": "Franz",
        "family.names": "Huber", "id.type": "id.card", "id.number": number},
        "consent": true, "altcha": solved(address)})
    .to_string();
    http(
        address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        &body,
    )
}
