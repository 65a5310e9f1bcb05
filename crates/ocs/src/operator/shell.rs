//! What a command's own process needs besides the dispatcher: the operator's label in the
//! trail, absolute paths, output a terminal cannot be steered by, the missing-file refusal.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use ocs_service::text::escape_controls;

use crate::config::DatabaseUrl;

/// Who the operator is in the audit trail when the command runs in its own process: the
/// `--as` label, else `$USER`, else `cli`.
pub fn operator_label(label: Option<String>) -> String {
    label
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "cli".to_owned())
}

/// `path` made absolute against the current folder (the server's folder differs).
pub fn absolute(path: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(path).with_context(|| format!("resolving {}", path.display()))
}

/// `text` line by line with every control character escaped: whatever a reply carries
/// (stored names, reasons, a server's message), the terminal shows it and obeys none of it
/// (issue 19, item 9).
pub fn terminal_safe(text: &str) -> String {
    text.split('\n')
        .map(escape_controls)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Refuses a SQLite database file that does not exist (opening would create an empty one).
pub fn refuse_missing_file(url: &DatabaseUrl) -> anyhow::Result<()> {
    if let DatabaseUrl::Sqlite(path) = url
        && !path.is_file()
    {
        bail!("the database file {} does not exist", path.display());
    }
    Ok(())
}
