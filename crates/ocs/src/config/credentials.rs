//! Paths into systemd's credentials folder: a configured file path that starts with
//! `$CREDENTIALS_DIRECTORY/` is read from the folder systemd names in that variable, where
//! `LoadCredential=` puts the secrets (packaging/systemd/ocs.service, docs/DEPLOYMENT.md).
//! The folder exists only while the service runs, is private to it and is not on disk, so the
//! secrets never sit in the configuration or the state folder.

use std::path::{Path, PathBuf};

/// The prefix that names the credentials folder in a configured path.
pub const PREFIX: &str = "$CREDENTIALS_DIRECTORY";

/// The variable systemd sets for a service with credentials.
const VARIABLE: &str = "CREDENTIALS_DIRECTORY";

/// `path` as configured, resolved: `$CREDENTIALS_DIRECTORY/NAME` becomes `NAME` in the folder
/// of that variable, an absolute path stays, and any other relative path is taken from
/// `base` (the configuration file's folder). Without the variable a credential path stays
/// as written, so the error about the missing file shows what was configured.
pub fn resolve(base: &Path, path: &Path) -> PathBuf {
    resolve_with(base, path, std::env::var_os(VARIABLE).map(PathBuf::from))
}

fn resolve_with(base: &Path, path: &Path, credentials: Option<PathBuf>) -> PathBuf {
    if let Ok(name) = path.strip_prefix(PREFIX) {
        return match credentials {
            Some(folder) => folder.join(name),
            None => path.to_owned(),
        };
    }
    if path.is_absolute() {
        path.to_owned()
    } else {
        base.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credential_path_is_read_from_the_folder_systemd_names() {
        let base = Path::new("/etc/ocs");
        let folder = Some(PathBuf::from("/run/credentials/ocs.service"));
        assert_eq!(
            resolve_with(
                base,
                Path::new("$CREDENTIALS_DIRECTORY/server.key"),
                folder.clone()
            ),
            Path::new("/run/credentials/ocs.service/server.key")
        );
        assert_eq!(
            resolve_with(base, Path::new("secrets/server.key"), folder.clone()),
            Path::new("/etc/ocs/secrets/server.key")
        );
        assert_eq!(
            resolve_with(base, Path::new("/srv/server.key"), folder),
            Path::new("/srv/server.key")
        );
        // Not under systemd: left as written, so the error names it.
        assert_eq!(
            resolve_with(base, Path::new("$CREDENTIALS_DIRECTORY/server.key"), None),
            Path::new("$CREDENTIALS_DIRECTORY/server.key")
        );
    }
}
