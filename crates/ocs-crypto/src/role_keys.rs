//! Server keys by role, each with a key id (issue 20, item 5; ADR 0012): short-lived token
//! keys an operator rotates with a grace period, and long-lived keys (receipt-secret
//! verifiers, TOTP sealing, password pepper) kept until what they protect is re-wrapped or
//! destroyed.
//!
//! Key id 0 of every role is derived from the server root file (`secrets.server_key_file`)
//! exactly as before key ids existed, so existing tokens, verifiers, sealed TOTP secrets and
//! peppered hashes keep working. Rotation writes `<role>-<id>.key` (ids 1 to 255) into the
//! key directory; the key with the highest id signs, older ids still verify:
//!
//! - a token key for the grace period ([`RoleKeys::with_grace`]) after the key that replaced
//!   it was made, then not;
//! - a long-lived key for as long as its file (or, for id 0, the root file) is there.
//!
//! A key file is owner-only, one header comment and one secret line:
//!
//! ```text
//! # openocs role key: role=tokens id=2 created=2026-12-07T19:00:00Z
//! <base64 of 32 random bytes>
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};

use crate::entropy::Entropy;
use crate::secret::SecretKey;
use crate::{CryptoError, files};

const HEADER: &str = "# openocs role key:";

/// What a server key is for. Each role has its own key ids and files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyRole {
    /// Short-lived tokens: proof-of-work challenges, form tokens, receipt tokens, CSRF.
    Tokens,
    /// The keyed verifiers of receipt secrets (kept until the statements are destroyed).
    ReceiptVerifier,
    /// Sealing of console TOTP secrets at rest.
    Totp,
    /// The console password pepper.
    Pepper,
}

impl KeyRole {
    /// Every role, in the order `ocs keys list` prints them.
    pub const ALL: [KeyRole; 4] = [
        KeyRole::Tokens,
        KeyRole::ReceiptVerifier,
        KeyRole::Totp,
        KeyRole::Pepper,
    ];

    /// The name used on the command line and in key file names.
    pub fn name(self) -> &'static str {
        match self {
            KeyRole::Tokens => "tokens",
            KeyRole::ReceiptVerifier => "receipt-verifier",
            KeyRole::Totp => "totp",
            KeyRole::Pepper => "pepper",
        }
    }

    /// The role named `name` (see [`KeyRole::name`]).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.name() == name)
    }

    /// Whether keys of this role are dropped a grace period after their successor was made
    /// (tokens), as opposed to kept until their files are removed (the long-lived roles).
    pub fn is_short_lived(self) -> bool {
        self == KeyRole::Tokens
    }

    /// Key id 0 of this role, from the server root, so the values made before key ids
    /// existed keep verifying: the receipt verifiers were keyed under the receipt token key.
    fn root_base(self, root: &SecretKey) -> SecretKey {
        match self {
            KeyRole::ReceiptVerifier => root.derive("openocs receipt v1"),
            KeyRole::Tokens | KeyRole::Totp | KeyRole::Pepper => root.clone(),
        }
    }
}

impl fmt::Display for KeyRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A key id: 0 for the key derived from the server root, 1 to 255 for rotated keys. Tokens
/// and stored values carry it, so the verifier picks the right key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyId(u8);

impl KeyId {
    /// The key derived from the server root file.
    pub const ROOT: KeyId = KeyId(0);

    /// The id from its byte.
    pub fn new(id: u8) -> Self {
        Self(id)
    }

    /// The byte written into tokens and stored values.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Clone)]
struct Entry {
    id: KeyId,
    key: SecretKey,
    created: Option<Timestamp>,
}

/// The keys of one role (or of one purpose derived from it), by id; the highest id signs.
#[derive(Clone)]
pub struct RoleKeys {
    /// The highest id: it signs and seals.
    current: Entry,
    /// The older ids, ascending.
    older: Vec<Entry>,
    /// For token keys: how long a replaced key still verifies.
    grace: Option<SignedDuration>,
}

impl RoleKeys {
    /// One key, id 0, never expiring: what a deployment without rotated keys has.
    pub fn single(key: SecretKey) -> Self {
        Self {
            current: Entry {
                id: KeyId::ROOT,
                key,
                created: None,
            },
            older: Vec::new(),
            grace: None,
        }
    }

    /// Adds key `id`, made at `created` (tests, and the file loader). A key with the same id
    /// is replaced.
    #[must_use]
    pub fn with_key(self, id: KeyId, key: SecretKey, created: Timestamp) -> Self {
        let entry = Entry {
            id,
            key,
            created: Some(created),
        };
        let mut current = self.current;
        let mut older = self.older;
        older.retain(|old| old.id != id);
        match id.cmp(&current.id) {
            std::cmp::Ordering::Equal => current = entry,
            std::cmp::Ordering::Greater => older.push(std::mem::replace(&mut current, entry)),
            std::cmp::Ordering::Less => older.push(entry),
        }
        older.sort_by_key(|old| old.id);
        Self {
            current,
            older,
            grace: self.grace,
        }
    }

    /// Lets a replaced key verify for `grace` after its successor was made, then no more.
    /// Without it (the long-lived roles) every key present verifies.
    #[must_use]
    pub fn with_grace(mut self, grace: SignedDuration) -> Self {
        self.grace = Some(grace);
        self
    }

    /// The same ids, each key replaced by its derivation under `label` (one purpose of the
    /// role, e.g. `"openocs form token v1"`).
    #[must_use]
    pub fn derive(&self, label: &str) -> Self {
        let derive = |entry: &Entry| Entry {
            id: entry.id,
            key: entry.key.derive(label),
            created: entry.created,
        };
        Self {
            current: derive(&self.current),
            older: self.older.iter().map(derive).collect(),
            grace: self.grace,
        }
    }

    /// The key that signs and seals now: the highest id.
    pub fn current(&self) -> (KeyId, &SecretKey) {
        (self.current.id, &self.current.key)
    }

    /// The key `id` if it still verifies at `now`: the current key always; a replaced token
    /// key until `grace` after its successor was made; a long-lived key while present.
    pub fn verifying(&self, id: KeyId, now: Timestamp) -> Option<&SecretKey> {
        if id == self.current.id {
            return Some(&self.current.key);
        }
        let position = self.older.iter().position(|entry| entry.id == id)?;
        let entry = self.older.get(position)?;
        if let Some(grace) = self.grace {
            let next = self.older.get(position + 1).unwrap_or(&self.current);
            if now.duration_since(next.created?) > grace {
                return None;
            }
        }
        Some(&entry.key)
    }

    /// The key `id` for stored values (no grace period: long-lived keys).
    pub fn get(&self, id: KeyId) -> Option<&SecretKey> {
        self.older
            .iter()
            .chain(std::iter::once(&self.current))
            .find(|entry| entry.id == id)
            .map(|entry| &entry.key)
    }

    /// The ids held and when each was made (`None` for id 0).
    pub fn ids(&self) -> Vec<(KeyId, Option<Timestamp>)> {
        self.older
            .iter()
            .chain(std::iter::once(&self.current))
            .map(|entry| (entry.id, entry.created))
            .collect()
    }
}

impl From<SecretKey> for RoleKeys {
    fn from(key: SecretKey) -> Self {
        Self::single(key)
    }
}

impl fmt::Debug for RoleKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RoleKeys")
            .field("ids", &self.ids())
            .field("grace", &self.grace)
            .finish_non_exhaustive()
    }
}

/// A rotated key's file in the key directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFile {
    /// Its role.
    pub role: KeyRole,
    /// Its id (1 to 255).
    pub id: KeyId,
    /// When `ocs keys rotate` made it.
    pub created: Timestamp,
    /// Where it is.
    pub path: PathBuf,
}

fn file_name(role: KeyRole, id: KeyId) -> String {
    format!("{}-{}.key", role.name(), id.get())
}

/// The rotated key files of `role` in `dir`, ascending by id (none if `dir` is missing).
/// A file with a bad header or name is an error, not skipped: a key silently left out would
/// break the tokens or accounts it protects.
pub fn list_key_files(dir: &Path, role: KeyRole) -> Result<Vec<KeyFile>, CryptoError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(CryptoError::io(dir, error)),
    };
    let prefix = format!("{}-", role.name());
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| CryptoError::io(dir, e))?.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let Some(id) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".key"))
        else {
            continue;
        };
        let id = match id.parse::<u8>() {
            Ok(id) if id > 0 => KeyId(id),
            _ => return Err(bad_file(&path, "the key id in the name is not 1 to 255")),
        };
        let text = files::read_private(&path)?;
        let created = header_created(&text, role, id).ok_or_else(|| {
            bad_file(
                &path,
                "the header line `# openocs role key: role=… id=… created=…` is missing or names another key",
            )
        })?;
        found.push(KeyFile {
            role,
            id,
            created,
            path,
        });
    }
    found.sort_by_key(|file| file.id);
    Ok(found)
}

fn header_created(text: &str, role: KeyRole, id: KeyId) -> Option<Timestamp> {
    let line = text
        .lines()
        .find_map(|line| line.trim().strip_prefix(HEADER))?;
    let mut role_ok = false;
    let mut id_ok = false;
    let mut created = None;
    for field in line.split_whitespace() {
        match field.split_once('=') {
            Some(("role", value)) => role_ok = value == role.name(),
            Some(("id", value)) => id_ok = value.parse::<u8>().ok() == Some(id.get()),
            Some(("created", value)) => created = value.parse::<Timestamp>().ok(),
            _ => {}
        }
    }
    created.filter(|_| role_ok && id_ok)
}

fn bad_file(path: &Path, reason: &str) -> CryptoError {
    CryptoError::InvalidKey(format!("{}: {reason}", path.display()))
}

/// The keys of `role`: id 0 from `root`, then every rotated key file of the role in `dir`.
/// Token keys get `token_grace`.
pub fn load_role_keys(
    dir: &Path,
    role: KeyRole,
    root: &SecretKey,
    token_grace: SignedDuration,
) -> Result<RoleKeys, CryptoError> {
    let mut keys = RoleKeys::single(role.root_base(root));
    for file in list_key_files(dir, role)? {
        let text = files::read_private(&file.path)?;
        let line = files::single_line(&text, &file.path, "one secret line after the header")?;
        let key = SecretKey::parse(line).map_err(|reason| bad_file(&file.path, reason))?;
        keys = keys.with_key(file.id, key, file.created);
    }
    if role.is_short_lived() {
        keys = keys.with_grace(token_grace);
    }
    Ok(keys)
}

/// Makes the next key of `role` in `dir` (created owner-only, the directory too): it signs
/// from the next start of the servers that read `dir`; the older ones keep verifying.
pub fn rotate(
    dir: &Path,
    role: KeyRole,
    now: Timestamp,
    entropy: &dyn Entropy,
) -> Result<KeyFile, CryptoError> {
    create_private_dir(dir)?;
    let last = list_key_files(dir, role)?
        .last()
        .map_or(0, |file| file.id.get());
    let id = last
        .checked_add(1)
        .map(KeyId)
        .ok_or_else(|| bad_file(dir, "this role has used all 255 key ids"))?;
    let path = dir.join(file_name(role, id));
    let key = SecretKey::generate(entropy)?;
    let header = format!(
        "{HEADER} role={} id={} created={}\n",
        role.name(),
        id.get(),
        now
    );
    let line = zeroize::Zeroizing::new(key.to_base64());
    files::write_private_line(&path, &header, &line)?;
    Ok(KeyFile {
        role,
        id,
        created: now,
        path,
    })
}

/// Deletes the token key files that no longer verify at `now` (their successor is older
/// than `grace`) and returns them. The long-lived roles are never pruned here: their keys
/// go only when an operator removes a file after re-wrapping (see docs/SECURITY.md).
pub fn prune_token_keys(
    dir: &Path,
    now: Timestamp,
    grace: SignedDuration,
) -> Result<Vec<KeyFile>, CryptoError> {
    let files = list_key_files(dir, KeyRole::Tokens)?;
    let mut removed = Vec::new();
    for pair in files.windows(2) {
        if let [old, next] = pair
            && now.duration_since(next.created) > grace
        {
            std::fs::remove_file(&old.path).map_err(|e| CryptoError::io(&old.path, e))?;
            removed.push(old.clone());
        }
    }
    Ok(removed)
}

fn create_private_dir(dir: &Path) -> Result<(), CryptoError> {
    use std::os::unix::fs::DirBuilderExt as _;
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(CryptoError::io(dir, error)),
    }
}

#[cfg(test)]
mod tests;
