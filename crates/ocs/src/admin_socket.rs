//! The local administration socket: while `ocs serve` or `ocs demo` holds a SQLite file
//! (one process per file), the `ocs` commands that need the database reach the server
//! through a Unix socket next to the file (`<database>.admin.sock`, mode 0600) and the
//! server's [`Operator`] carries out their [`AdminRequest`]. Only the server's own user and
//! root are served: the file mode keeps other users out, and the peer credentials of every
//! connection (`SO_PEERCRED`) are checked again. docs/adr/0006-admin-socket.md has the design.
//!
//! Protocol: one request per connection. The client writes one JSON line
//! ([`Envelope`]) and half-closes; the server answers one JSON line ([`AdminReply`]).

use ocs_domain::ErrorCode;
use std::io::{BufRead as _, BufReader, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use ocs_service::audit::Actor;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{UnixListener, UnixStream};

use crate::app::App;
use crate::config::{Config, DatabaseUrl};
use crate::operator::{AdminReply, AdminRequest, Operator};

/// A request the socket cannot read.
const BAD_REQUEST: ErrorCode = ErrorCode::AdminSocketBadRequest;

/// Largest request line: a certificate PDF (10 MiB) in base64 with room to spare.
const MAX_REQUEST_BYTES: u64 = 24 * 1024 * 1024;
/// How long a client may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest operator label kept in the audit trail.
const MAX_LABEL_CHARS: usize = 64;

/// What the client sends: who it says it is (a label for the audit trail, next to the uid
/// the kernel reports) and the request.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// `--as` or `$USER` of the client.
    pub label: String,
    /// The request.
    pub request: AdminRequest,
}

/// The socket of the SQLite database at `database`: `<file>.admin.sock` beside it.
pub fn socket_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".admin.sock");
    PathBuf::from(name)
}

/// The socket of the configured database, when it is a SQLite file (PostgreSQL serves
/// every process itself).
fn configured_path(config: &Config) -> Option<PathBuf> {
    match &config.database {
        DatabaseUrl::Sqlite(path) => Some(socket_path(path)),
        DatabaseUrl::Postgres(_) => None,
    }
}

/// The running administration socket; stopped (and its file removed) by [`Self::stop`], or
/// when dropped on any other way out (an error during start-up or shutdown).
pub struct AdminSocket {
    path: PathBuf,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl AdminSocket {
    /// Stops serving and removes the socket file. The operator (and its hold on the store)
    /// is released before this returns, so the store can then close.
    pub async fn stop(mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Drop for AdminSocket {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Starts the administration socket of a server on a SQLite file (none for PostgreSQL).
/// Called once from start-up, after the application is assembled.
pub async fn spawn(config: &Config, app: &App) -> anyhow::Result<Option<AdminSocket>> {
    let Some(path) = configured_path(config) else {
        return Ok(None);
    };
    let operator = Arc::new(Operator::from_app(config, app));
    let listener = bind(&path).await?;
    let server_uid = rustix::process::geteuid().as_raw();
    tracing::info!(socket = %path.display(), "administration socket listening");
    let task = tokio::spawn(async move {
        loop {
            match listener.accept().await {
                // One request at a time: administration is rare, and serial steps keep the
                // trail in the order they were asked.
                Ok((stream, _)) => serve(stream, server_uid, &operator).await,
                Err(error) => {
                    tracing::warn!(%error, "administration socket: accept failed");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    });
    Ok(Some(AdminSocket {
        path,
        task: Some(task),
    }))
}

/// Binds `path` with mode 0600, replacing a stale file left by a server that stopped
/// without cleaning up (the SQLite lock already keeps a second server off this file).
async fn bind(path: &Path) -> anyhow::Result<UnixListener> {
    if path.exists() {
        if UnixStream::connect(path).await.is_ok() {
            bail!(
                "another server answers on the administration socket {}",
                path.display()
            );
        }
        std::fs::remove_file(path)
            .with_context(|| format!("removing the stale socket {}", path.display()))?;
    }
    let listener = UnixListener::bind(path).with_context(|| {
        format!(
            "creating the administration socket {} (the path must be shorter than 108 bytes)",
            path.display()
        )
    })?;
    // Between bind and chmod the umask's mode applies; the peer check below covers it.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .with_context(|| format!("setting mode 0600 on {}", path.display()))?;
    Ok(listener)
}

/// Whether a peer with `uid` may administer a server running as `server_uid`.
fn admitted(uid: u32, server_uid: u32) -> bool {
    uid == server_uid || uid == 0
}

async fn serve(mut stream: UnixStream, server_uid: u32, operator: &Operator) {
    let reply = match stream.peer_cred() {
        Ok(peer) if admitted(peer.uid(), server_uid) => {
            match tokio::time::timeout(READ_TIMEOUT, read_envelope(&mut stream)).await {
                // A client that only checked whether a server runs.
                Ok(Ok(None)) => return,
                Ok(Ok(Some(envelope))) => {
                    let request = envelope.request;
                    tracing::info!(
                        request = request.name(),
                        uid = peer.uid(),
                        "administration request"
                    );
                    operator
                        .execute(&actor(&envelope.label, peer.uid()), request)
                        .await
                }
                Ok(Err(error)) => {
                    AdminReply::Refused(format!("{BAD_REQUEST} bad request: {error:#}"))
                }
                Err(_) => AdminReply::Refused(format!(
                    "{BAD_REQUEST} the request took too long to arrive"
                )),
            }
        }
        Ok(peer) => {
            tracing::warn!(
                uid = peer.uid(),
                "administration socket: refused a connection from another user"
            );
            AdminReply::Refused(format!(
                "{} refused: uid {} may not administer this server (run as uid {server_uid} \
                 or root)",
                ErrorCode::AdminSocketPeerRefused,
                peer.uid()
            ))
        }
        Err(error) => AdminReply::Refused(format!("no peer credentials: {error}")),
    };
    let mut line = serde_json::to_vec(&reply).unwrap_or_default();
    line.push(b'\n');
    if let Err(error) = stream.write_all(&line).await {
        tracing::warn!(%error, "administration socket: the answer was not delivered");
    }
    let _ = stream.shutdown().await;
}

/// The request, or `None` when the client closed without sending anything.
async fn read_envelope(stream: &mut UnixStream) -> anyhow::Result<Option<Envelope>> {
    let mut line = Vec::new();
    let mut reader = tokio::io::BufReader::new(stream.take(MAX_REQUEST_BYTES));
    reader
        .read_until(b'\n', &mut line)
        .await
        .context("reading the request")?;
    if line.is_empty() {
        return Ok(None);
    }
    if !line.ends_with(b"\n") {
        bail!("the request is incomplete or larger than {MAX_REQUEST_BYTES} bytes");
    }
    serde_json::from_slice(&line)
        .map(Some)
        .context("the request is not an administration request")
}

/// The audit actor of a socket request: the client's label (its claim) with the uid the
/// kernel vouches for.
fn actor(label: &str, uid: u32) -> Actor {
    let label: String = label
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_LABEL_CHARS)
        .collect();
    let label = if label.trim().is_empty() {
        "cli"
    } else {
        label.trim()
    };
    Actor::Operator(format!("{label} (uid {uid})"))
}

/// A connection to a running server's administration socket.
pub struct Connection(std::os::unix::net::UnixStream);

/// Connects to the administration socket of the configured SQLite database. `None` when no
/// server runs there (no socket, or a stale one), so the caller works on the database
/// itself; an error when a server runs but refuses this user.
pub fn connect(config: &Config) -> anyhow::Result<Option<Connection>> {
    let Some(path) = configured_path(config) else {
        return Ok(None);
    };
    match std::os::unix::net::UnixStream::connect(&path) {
        Ok(stream) => Ok(Some(Connection(stream))),
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            Ok(None)
        }
        Err(error) if error.kind() == std::io::ErrorKind::PermissionDenied => bail!(
            "{} the server running on this database refuses this user on its \
             administration socket {}: run the command as the server's user (or root)",
            ErrorCode::AdminSocketRefusedUser,
            path.display()
        ),
        Err(error) => Err(error).with_context(|| format!("connecting to {}", path.display())),
    }
}

impl Connection {
    /// Sends `request` for the operator `label` and waits for the server's answer (a backup
    /// of a large initiative takes a while, so there is no read timeout).
    pub fn send(mut self, label: &str, request: &AdminRequest) -> anyhow::Result<AdminReply> {
        #[derive(Serialize)]
        struct Outgoing<'a> {
            label: &'a str,
            request: &'a AdminRequest,
        }
        let mut line =
            serde_json::to_vec(&Outgoing { label, request }).context("encoding the request")?;
        line.push(b'\n');
        self.0
            .set_write_timeout(Some(READ_TIMEOUT))
            .context("setting a write timeout")?;
        // A server that refuses this peer answers without reading, so a failed write is
        // reported only when no answer follows.
        let sent = self
            .0
            .write_all(&line)
            .and_then(|()| self.0.shutdown(std::net::Shutdown::Write));
        let mut answer = String::new();
        let read = BufReader::new(&self.0).read_line(&mut answer);
        if answer.is_empty() {
            sent.context("sending the request to the server")?;
            read.context("reading the server's answer")?;
        }
        serde_json::from_str(&answer)
            .with_context(|| format!("the server's answer is not understood: {answer:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_server_user_and_root_are_admitted() {
        assert!(admitted(1000, 1000));
        assert!(admitted(0, 1000));
        assert!(!admitted(1001, 1000));
        assert!(admitted(0, 0));
        assert!(!admitted(1000, 0));
    }

    #[test]
    fn the_audit_actor_keeps_the_uid_and_a_clean_label() {
        assert_eq!(
            actor("ann", 1000),
            Actor::Operator("ann (uid 1000)".to_owned())
        );
        assert_eq!(
            actor("a\nb\u{1b}[31m", 0),
            Actor::Operator("ab[31m (uid 0)".to_owned())
        );
        assert_eq!(actor("  ", 5), Actor::Operator("cli (uid 5)".to_owned()));
        let long = "x".repeat(200);
        let Actor::Operator(name) = actor(&long, 1) else {
            unreachable!()
        };
        assert_eq!(name.len(), MAX_LABEL_CHARS + " (uid 1)".len());
    }

    #[test]
    fn the_socket_sits_beside_the_database() {
        assert_eq!(
            socket_path(Path::new("/srv/ocs/data/ocs.db")),
            PathBuf::from("/srv/ocs/data/ocs.db.admin.sock")
        );
    }
}
