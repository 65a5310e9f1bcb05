//! `ocs tagd`: the tag process (ADR 0011 part 6). The only process that opens
//! `retention.keys_dir/initiative-N.keys` (with the server key and the shared
//! de-duplication secret, given to it alone); it answers the web process's batches of "tag
//! of this identity for initiative N" over the Unix socket `[tagd] socket` (mode 0600, the
//! peer's uid checked), meters them per initiative and refuses beyond the cap. It never
//! opens the database: the key records stay with the web process's `Keyring`.
//!
//! `ocs tagd --ping` asks a running tagd whether it answers this user (exit 1 otherwise).

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use ocs_crypto::{DedupKey, InitiativeKeyWrap, OsEntropy, SecretKey};
use ocs_service::clock::{Clock, SystemClock};
use ocs_service::initiative_keys::Keyring;
use ocs_service::tagging::files::KeyFiles;
use ocs_service::tagging::socket::{self, Reply, Request, TagdClient};
use ocs_storage::Store;

use crate::config::{self, Config};

/// The shared de-duplication secret (initiatives created before per-initiative keys).
fn shared_secret(config: &Config) -> anyhow::Result<DedupKey> {
    let key = SecretKey::load(&config.dedup_key_file).with_context(|| {
        format!(
            "secrets.dedup_key_file {0} (make one with `ocs keygen --secret {0}`)",
            config.dedup_key_file.display()
        )
    })?;
    Ok(DedupKey::new(key))
}

/// The key files of the configured keys folder, metered with `[tagd]`'s limits.
fn key_files(
    config: &Config,
    server_key: &SecretKey,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<KeyFiles> {
    Ok(KeyFiles::new(
        config.backup_keys_dir.clone(),
        InitiativeKeyWrap::new(server_key),
        Some(shared_secret(config)?),
        Arc::new(OsEntropy),
        clock,
    )
    .with_limits(config.tagd.limits))
}

/// The web process's keyring: through `ocs tagd` when `[tagd] socket` is set (this process
/// then reads neither the key files nor the shared secret), else over the files itself.
pub fn keyring(
    config: &Config,
    server_key: &SecretKey,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
) -> anyhow::Result<Keyring> {
    Ok(match &config.tagd.socket {
        Some(path) => Keyring::with_keys(Arc::new(TagdClient::new(path)), store, clock),
        None => Keyring::with_keys(
            Arc::new(key_files(config, server_key, clock.clone())?),
            store,
            clock,
        ),
    })
}

/// `ocs tagd --config FILE [--ping]`.
pub fn run(config_path: &Path, ping: bool) -> anyhow::Result<()> {
    let config = config::load(config_path)?;
    let Some(path) = config.tagd.socket.clone() else {
        bail!(
            "tagd.socket is not set in {}: without it the web process makes the tags itself",
            config_path.display()
        );
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the runtime")?;
    if ping {
        return runtime.block_on(ping_tagd(&path));
    }
    // To standard error only: the web process owns the log file.
    let _guard = crate::logging::init(&config::LogConfig {
        file: None,
        ..config.log.clone()
    })?;
    let server_key = SecretKey::load(&config.server_key_file).with_context(|| {
        format!(
            "secrets.server_key_file {}",
            config.server_key_file.display()
        )
    })?;
    let files = Arc::new(key_files(&config, &server_key, Arc::new(SystemClock))?);
    drop(server_key);
    runtime.block_on(async move {
        let listener = socket::bind(&path)
            .await
            .with_context(|| format!("tagd.socket {}", path.display()))?;
        let own = rustix::process::geteuid().as_raw();
        let client = config.tagd.client_uid.unwrap_or(own);
        if client != own {
            rustix::fs::chown(&path, Some(rustix::fs::Uid::from_raw(client)), None)
                .with_context(|| {
                    format!(
                        "handing the socket {} to tagd.client_uid {client} (tagd needs \
                         CAP_CHOWN for that, or run it as the web process's user)",
                        path.display()
                    )
                })?;
        }
        tracing::info!(socket = %path.display(), client_uid = client, limits = ?config.tagd.limits, "tag process listening");
        let serving = tokio::spawn(socket::serve(listener, files, own, client));
        stopped().await;
        serving.abort();
        let _ = std::fs::remove_file(&path);
        tracing::info!("tag process stopped");
        Ok(())
    })
}

/// Waits for SIGTERM or SIGINT.
async fn stopped() {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        std::future::pending::<()>().await;
        return;
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = int.recv() => {}
    }
}

async fn ping_tagd(path: &Path) -> anyhow::Result<()> {
    let client = TagdClient::new(path);
    match client.ask(&Request::Held).await? {
        Reply::Held { initiatives } => {
            println!(
                "tagd answers at {} ({} key files)",
                path.display(),
                initiatives.len()
            );
            Ok(())
        }
        Reply::Refused { code, message } => bail!("{code} {message}"),
        other => bail!("unexpected answer {other:?}"),
    }
}
