//! `ocs tagd`'s Unix socket (ADR 0011 part 6): the server side ([`serve`]) over the key files
//! ([`KeyFiles`]), and the web process's client ([`TagdClient`]), a [`TagKeys`].
//!
//! Protocol: JSON lines over a kept connection, one [`Request`] line answered by one
//! [`Reply`] line, in order. A batch of tags is one request (a signing's statement and eID
//! tags travel together). The socket file is mode 0600 and every connection's peer uid
//! (`SO_PEERCRED`) is checked: the configured client's uid, tagd's own, or root; anyone else
//! gets `KEY-012` and a warning in tagd's log.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use jiff::SignedDuration;
use ocs_crypto::InitiativeKeyId;
use ocs_domain::{DedupTag, ErrorCode, InitiativeId};
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt as _, AsyncReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{UnixListener, UnixStream};

use super::files::KeyFiles;
use super::{KeyRef, TagKeys, TagSubject, Tagged};
use crate::initiative_keys::KeyringError;

/// Largest request line: a batch of a few thousand identities.
const MAX_LINE_BYTES: u64 = 1024 * 1024;
/// Most subjects in one batch.
pub const MAX_BATCH: usize = 4096;
/// How long the client waits for an answer before it gives the connection up.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections the client keeps open for reuse.
const POOL: usize = 64;

/// One request to tagd.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Request {
    /// Tags of `subjects` under the initiative's key (`key_id` `None`: the shared secret).
    Tags {
        /// The initiative number.
        initiative: u32,
        /// The key id the store names.
        key_id: Option<String>,
        /// The identities, in order.
        subjects: Vec<TagSubject>,
    },
    /// Whether the key can be used.
    Check {
        /// The initiative number.
        initiative: u32,
        /// The key id the store names.
        key_id: Option<String>,
    },
    /// Random subkeys in a new file.
    Make {
        /// The initiative number.
        initiative: u32,
    },
    /// Removes a losing draw.
    Discard {
        /// The initiative number.
        initiative: u32,
        /// The draw's key id.
        key_id: String,
    },
    /// Overwrites and removes the file.
    Shred {
        /// The initiative number.
        initiative: u32,
    },
    /// The initiatives whose files tagd holds.
    Held,
}

/// tagd's answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case", deny_unknown_fields)]
pub enum Reply {
    /// The tags, in order.
    Tags {
        /// One per subject.
        tags: Vec<[u8; 32]>,
        /// Above the expected rate.
        alarm: bool,
    },
    /// Done.
    Done,
    /// A new key id.
    KeyId {
        /// The key id.
        key_id: String,
    },
    /// Whether a file was shredded.
    Shredded {
        /// There was a file.
        file: bool,
    },
    /// The initiatives with files.
    Held {
        /// Their numbers.
        initiatives: Vec<u32>,
    },
    /// Beyond the rate cap.
    Busy {
        /// The initiative number.
        initiative: u32,
        /// Milliseconds until the cap's minute ends.
        retry_after_ms: u64,
    },
    /// Refused with a code.
    Refused {
        /// The code, e.g. `KEY-001`.
        code: String,
        /// What went wrong.
        message: String,
    },
}

fn key_ref(initiative: u32, key_id: Option<&str>) -> Result<KeyRef, KeyringError> {
    let key_id = match key_id {
        None => None,
        Some(text) => Some(parse_key_id(text)?),
    };
    Ok(KeyRef {
        initiative: InitiativeId::new(initiative),
        key_id,
    })
}

fn parse_key_id(text: &str) -> Result<InitiativeKeyId, KeyringError> {
    InitiativeKeyId::parse(text)
        .ok_or_else(|| KeyringError::Tagd(format!("not a key id: {text:?}")))
}

/// Carries out one request over the key files.
pub async fn answer(keys: &KeyFiles, request: Request) -> Reply {
    let result = match request {
        Request::Tags {
            initiative,
            key_id,
            subjects,
        } if subjects.len() <= MAX_BATCH => match key_ref(initiative, key_id.as_deref()) {
            Ok(key) => keys.tags(key, &subjects).await.map(|tagged| Reply::Tags {
                tags: tagged.tags.iter().map(|tag| *tag.as_bytes()).collect(),
                alarm: tagged.alarm,
            }),
            Err(error) => Err(error),
        },
        Request::Tags { subjects, .. } => Err(KeyringError::Tagd(format!(
            "a batch of {} subjects (at most {MAX_BATCH})",
            subjects.len()
        ))),
        Request::Check { initiative, key_id } => match key_ref(initiative, key_id.as_deref()) {
            Ok(key) => keys.check(key).await.map(|()| Reply::Done),
            Err(error) => Err(error),
        },
        Request::Make { initiative } => {
            keys.make(InitiativeId::new(initiative))
                .await
                .map(|key_id| Reply::KeyId {
                    key_id: key_id.to_string(),
                })
        }
        Request::Discard { initiative, key_id } => match parse_key_id(&key_id) {
            Ok(key_id) => keys
                .discard(InitiativeId::new(initiative), key_id)
                .await
                .map(|()| Reply::Done),
            Err(error) => Err(error),
        },
        Request::Shred { initiative } => keys
            .shred(InitiativeId::new(initiative))
            .await
            .map(|file| Reply::Shredded { file }),
        Request::Held => keys.held().await.map(|held| Reply::Held {
            initiatives: held.into_iter().map(InitiativeId::get).collect(),
        }),
    };
    match result {
        Ok(reply) => reply,
        Err(KeyringError::Busy {
            initiative,
            retry_after,
        }) => Reply::Busy {
            initiative: initiative.get(),
            retry_after_ms: u64::try_from(retry_after.as_millis()).unwrap_or(0),
        },
        Err(error) => Reply::Refused {
            code: error.code().to_string(),
            message: error.to_string(),
        },
    }
}

/// Whether a peer with `uid` may ask a tagd running as `own` whose client is `client`.
pub fn admitted(uid: u32, own: u32, client: u32) -> bool {
    uid == client || uid == own || uid == 0
}

/// Serves `listener` over `keys` until the task is dropped: a task per connection, requests
/// in order on each. `own` is tagd's uid, `client` the web process's.
pub async fn serve(listener: UnixListener, keys: Arc<KeyFiles>, own: u32, client: u32) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                let keys = keys.clone();
                tokio::spawn(async move { connection(stream, &keys, own, client).await });
            }
            Err(error) => {
                tracing::warn!(%error, "tag socket: accept failed");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

async fn connection(stream: UnixStream, keys: &KeyFiles, own: u32, client: u32) {
    let peer = match stream.peer_cred() {
        Ok(peer) => peer.uid(),
        Err(error) => {
            tracing::warn!(%error, "tag socket: no peer credentials");
            return;
        }
    };
    let (read, mut write) = stream.into_split();
    if !admitted(peer, own, client) {
        tracing::warn!(
            code = %ErrorCode::TagdPeerRefused,
            uid = peer,
            "tag socket: refused a connection from another user"
        );
        let reply = Reply::Refused {
            code: ErrorCode::TagdPeerRefused.to_string(),
            message: format!("refused: uid {peer} may not ask this tag process"),
        };
        let _ = write_line(&mut write, &reply).await;
        return;
    }
    let mut lines = BufReader::new(read.take(u64::MAX));
    loop {
        let mut line = Vec::new();
        lines.get_mut().set_limit(MAX_LINE_BYTES);
        match lines.read_until(b'\n', &mut line).await {
            Ok(0) => return,
            Ok(_) if !line.ends_with(b"\n") => {
                tracing::warn!("tag socket: a request line too long or cut; connection closed");
                return;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!(%error, "tag socket: reading failed");
                return;
            }
        }
        let reply = match serde_json::from_slice::<Request>(&line) {
            Ok(request) => answer(keys, request).await,
            Err(error) => Reply::Refused {
                code: ErrorCode::TagdUnavailable.to_string(),
                message: format!("not a tag request: {error}"),
            },
        };
        zeroize::Zeroize::zeroize(&mut line);
        if write_line(&mut write, &reply).await.is_err() {
            return;
        }
    }
}

async fn write_line<W: tokio::io::AsyncWrite + Unpin>(
    write: &mut W,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    line.push(b'\n');
    write.write_all(&line).await?;
    write.flush().await
}

/// Binds tagd's socket at `path` with mode 0600, replacing a stale file (one nothing answers
/// on). A live tagd there is an error.
pub async fn bind(path: &Path) -> std::io::Result<UnixListener> {
    use std::os::unix::fs::PermissionsExt as _;
    if path.exists() {
        if UnixStream::connect(path).await.is_ok() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AddrInUse,
                format!("another tag process answers on {}", path.display()),
            ));
        }
        std::fs::remove_file(path)?;
    }
    let listener = UnixListener::bind(path)?;
    // Between bind and chmod the umask's mode applies; the peer check covers it.
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    Ok(listener)
}

/// The web process's side: asks `ocs tagd` at a socket path, over kept connections.
pub struct TagdClient {
    path: PathBuf,
    idle: Mutex<Vec<BufReader<UnixStream>>>,
}

impl std::fmt::Debug for TagdClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TagdClient")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl TagdClient {
    /// A client of the tagd listening at `path` (connected on first use).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Sends `request` and reads its answer; a kept connection that fails is dropped and the
    /// request sent once more on a new one.
    pub async fn ask(&self, request: &Request) -> Result<Reply, KeyringError> {
        let kept = self.idle.lock().pop();
        if let Some(connection) = kept
            && let Ok(reply) = self.exchange(connection, request).await
        {
            return Ok(reply);
        }
        let stream = UnixStream::connect(&self.path).await.map_err(|error| {
            KeyringError::Tagd(format!("connecting to {}: {error}", self.path.display()))
        })?;
        self.exchange(BufReader::new(stream), request)
            .await
            .map_err(|error| KeyringError::Tagd(format!("{}: {error}", self.path.display())))
    }

    async fn exchange(
        &self,
        mut connection: BufReader<UnixStream>,
        request: &Request,
    ) -> std::io::Result<Reply> {
        let mut answer = String::new();
        tokio::time::timeout(ANSWER_TIMEOUT, async {
            // A tagd that refuses this peer answers without reading: a failed write is
            // reported only when no answer follows.
            let written = write_line(connection.get_mut(), request).await;
            let read = connection.read_line(&mut answer).await;
            if answer.is_empty() {
                written?;
                read?;
            }
            Ok::<(), std::io::Error>(())
        })
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer in 10 s"))??;
        if answer.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the tag process closed the connection",
            ));
        }
        let reply: Reply = serde_json::from_str(&answer).map_err(std::io::Error::other)?;
        let mut idle = self.idle.lock();
        if idle.len() < POOL && !matches!(reply, Reply::Refused { .. }) {
            idle.push(connection);
        }
        Ok(reply)
    }
}

/// A reply other than the one expected, as an error.
fn unexpected(reply: Reply) -> KeyringError {
    match reply {
        Reply::Busy {
            initiative,
            retry_after_ms,
        } => KeyringError::Busy {
            initiative: InitiativeId::new(initiative),
            retry_after: SignedDuration::from_millis(
                i64::try_from(retry_after_ms).unwrap_or(i64::MAX),
            ),
        },
        Reply::Refused { code, message } => match ErrorCode::parse(&code) {
            Some(code) => KeyringError::Refused { code, message },
            None => KeyringError::Tagd(format!("{code} {message}")),
        },
        other => KeyringError::Tagd(format!("unexpected answer {other:?}")),
    }
}

#[async_trait::async_trait]
impl TagKeys for TagdClient {
    async fn tags(&self, key: KeyRef, subjects: &[TagSubject]) -> Result<Tagged, KeyringError> {
        let request = Request::Tags {
            initiative: key.initiative.get(),
            key_id: key.key_id.map(|id| id.to_string()),
            subjects: subjects.to_vec(),
        };
        match self.ask(&request).await? {
            Reply::Tags { tags, alarm } if tags.len() == subjects.len() => Ok(Tagged {
                tags: tags.into_iter().map(DedupTag::from_bytes).collect(),
                alarm,
            }),
            other => Err(unexpected(other)),
        }
    }

    async fn check(&self, key: KeyRef) -> Result<(), KeyringError> {
        let request = Request::Check {
            initiative: key.initiative.get(),
            key_id: key.key_id.map(|id| id.to_string()),
        };
        match self.ask(&request).await? {
            Reply::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    async fn make(&self, initiative: InitiativeId) -> Result<InitiativeKeyId, KeyringError> {
        let request = Request::Make {
            initiative: initiative.get(),
        };
        match self.ask(&request).await? {
            Reply::KeyId { key_id } => parse_key_id(&key_id),
            other => Err(unexpected(other)),
        }
    }

    async fn discard(
        &self,
        initiative: InitiativeId,
        key_id: InitiativeKeyId,
    ) -> Result<(), KeyringError> {
        let request = Request::Discard {
            initiative: initiative.get(),
            key_id: key_id.to_string(),
        };
        match self.ask(&request).await? {
            Reply::Done => Ok(()),
            other => Err(unexpected(other)),
        }
    }

    async fn shred(&self, initiative: InitiativeId) -> Result<bool, KeyringError> {
        let request = Request::Shred {
            initiative: initiative.get(),
        };
        match self.ask(&request).await? {
            Reply::Shredded { file } => Ok(file),
            other => Err(unexpected(other)),
        }
    }

    async fn held(&self) -> Result<Vec<InitiativeId>, KeyringError> {
        match self.ask(&Request::Held).await? {
            Reply::Held { initiatives } => {
                Ok(initiatives.into_iter().map(InitiativeId::new).collect())
            }
            other => Err(unexpected(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::*;
    use crate::clock::Clock;
    use crate::initiative_keys::Keyring;
    use crate::tagging::meter::TagLimits;
    use ocs_crypto::{DedupKey, InitiativeKeyWrap, SecretKey, SeededEntropy};
    use ocs_storage::Store;
    use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

    struct FixedClock;

    impl Clock for FixedClock {
        fn now(&self) -> jiff::Timestamp {
            jiff::Timestamp::from_second(1_800_000_000).unwrap()
        }
    }

    fn files(dir: &Path, cap: u32) -> KeyFiles {
        KeyFiles::new(
            dir,
            InitiativeKeyWrap::new(&SecretKey::from_bytes([5; 32])),
            Some(DedupKey::new(SecretKey::from_bytes([6; 32]))),
            Arc::new(SeededEntropy::new(1)),
            Arc::new(FixedClock),
        )
        .with_limits(TagLimits {
            cap_per_minute: cap,
            alarm_multiple: 2,
            alarm_floor_per_minute: 3,
        })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn tags_through_the_socket_match_the_in_process_ones_and_stop_at_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let store: Arc<dyn Store> = Arc::new(
            SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap(),
        );
        let keys = dir.path().join("keys");
        let path = dir.path().join("tagd.sock");
        let listener = bind(&path).await.unwrap();
        let own = rustix_uid();
        let server = tokio::spawn(serve(listener, Arc::new(files(&keys, 4)), own, own));
        let remote = Keyring::with_keys(
            Arc::new(TagdClient::new(&path)),
            store.clone(),
            Arc::new(FixedClock),
        );
        let one = InitiativeId::new(1);
        let tags = remote
            .tags(
                one,
                &[
                    TagSubject::Statement("SE|1".to_owned()),
                    TagSubject::Eid("eid|x".to_owned()),
                ],
            )
            .await
            .unwrap();
        // The web process holds no file; tagd made it, and the same file in this process
        // gives the same tags.
        assert!(remote.path(one).is_none());
        assert!(keys.join("initiative-1.keys").exists());
        let local = Keyring::with_keys(Arc::new(files(&keys, 100)), store, Arc::new(FixedClock));
        assert_eq!(tags[0], local.statement_tag(one, "SE|1").await.unwrap());
        assert_eq!(tags[1], local.eid_tag(one, "eid|x").await.unwrap());
        assert_ne!(tags[0], tags[1]);
        // The third is at the alarm floor, the fourth above it, the fifth beyond the cap of 4.
        remote.statement_tag(one, "SE|2").await.unwrap();
        remote.statement_tag(one, "SE|3").await.unwrap();
        assert_eq!(remote.metrics().alarmed.load(Ordering::Relaxed), 1);
        let busy = remote.statement_tag(one, "SE|4").await.unwrap_err();
        assert_eq!(busy.code(), ErrorCode::TagBusy);
        assert!(matches!(busy, KeyringError::Busy { .. }));
        assert_eq!(remote.metrics().busy.load(Ordering::Relaxed), 1);
        assert_eq!(remote.metrics().tags.load(Ordering::Relaxed), 4);
        // Destruction goes through the socket too.
        assert!(matches!(
            remote.destroy(one).await.unwrap(),
            crate::initiative_keys::DestroyedKeys::Random { file: true, .. }
        ));
        assert!(!keys.join("initiative-1.keys").exists());
        server.abort();
    }

    #[test]
    fn only_the_client_tagd_itself_and_root_are_admitted() {
        assert!(admitted(1001, 1000, 1001));
        assert!(admitted(1000, 1000, 1001));
        assert!(admitted(0, 1000, 1001));
        assert!(!admitted(1002, 1000, 1001));
    }

    /// The uid this test runs as (the owner of a folder it made).
    fn rustix_uid() -> u32 {
        use std::os::unix::fs::MetadataExt as _;
        let dir = tempfile::tempdir().unwrap();
        std::fs::metadata(dir.path()).unwrap().uid()
    }
}
