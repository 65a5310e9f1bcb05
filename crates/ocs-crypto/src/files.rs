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

/// Writes a private key file (mode 0600, never overwritten): `header` (comment lines), then
/// `line`. The buffer is wiped when dropped.
pub(crate) fn write_private_line(path: &Path, header: &str, line: &str) -> Result<(), CryptoError> {
    let mut contents = Zeroizing::new(String::with_capacity(header.len() + line.len() + 1));
    contents.push_str(header);
    contents.push_str(line);
    contents.push('\n');
    create_private(path, contents.as_bytes())
}

/// Writes a public key file as one line. Created without overwrite too: replacing a key
/// file by accident would seal or verify against a key its owner may not hold.
pub(crate) fn write_public_line(path: &Path, line: &str) -> Result<(), CryptoError> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| {
            use std::io::Write as _;
            writeln!(file, "{line}")?;
            file.sync_all()
        })
        .map_err(|e| CryptoError::io(path, e))
}

/// The one content line of a key file's `text` (comment lines skipped), or an error naming
/// `path` and the `expected` form.
pub(crate) fn single_line<'a>(
    text: &'a str,
    path: &Path,
    expected: &str,
) -> Result<&'a str, CryptoError> {
    let mut lines = content_lines(text);
    match (lines.next(), lines.next()) {
        (Some(line), None) => Ok(line),
        _ => Err(CryptoError::InvalidKey(format!(
            "{}: expected {expected}",
            path.display()
        ))),
    }
}
