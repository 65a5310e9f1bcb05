//! Reading and writing files that hold secrets: created owner-only, refused when others
//! could read them.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use zeroize::Zeroizing;

use crate::CryptoError;

/// Largest secret file we read. Key files are under 200 bytes; the cap keeps a wrong path
/// (a log, a device) from being read into memory.
const MAX_SECRET_FILE: u64 = 16 * 1024;

/// Creates `path` (it must not exist) with mode 0600 and writes `contents`.
///
/// The mode is given to `open(2)` itself: creating with the umask's default and calling
/// `chmod` afterwards leaves a window in which another user can open the file and keep the
/// descriptor.
pub(crate) fn create_private(path: &Path, contents: &[u8]) -> Result<(), CryptoError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| CryptoError::io(path, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| CryptoError::io(path, e))
}

/// Reads a secret file, refusing one that group or others may read or write.
pub(crate) fn read_private(path: &Path) -> Result<Zeroizing<String>, CryptoError> {
    let file = File::open(path).map_err(|e| CryptoError::io(path, e))?;
    // Checked on the open descriptor, not the path, so a swap between the check and the
    // read cannot slip in a different file.
    let metadata = file.metadata().map_err(|e| CryptoError::io(path, e))?;
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(CryptoError::InsecurePermissions {
            path: path.to_path_buf(),
            mode,
        });
    }
    read_capped(file, path)
}

/// Reads a public file (no permission check).
pub(crate) fn read_public(path: &Path) -> Result<Zeroizing<String>, CryptoError> {
    let file = File::open(path).map_err(|e| CryptoError::io(path, e))?;
    read_capped(file, path)
}

fn read_capped(file: File, path: &Path) -> Result<Zeroizing<String>, CryptoError> {
    let mut text = Zeroizing::new(String::new());
    file.take(MAX_SECRET_FILE)
        .read_to_string(&mut text)
        .map_err(|e| CryptoError::io(path, e))?;
    Ok(text)
}

/// The lines of a key file that are not blank and not `#` comments, trimmed.
pub(crate) fn content_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}
