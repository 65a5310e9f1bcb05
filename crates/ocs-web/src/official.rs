//! The official Annex III texts (declaration, its eID variant, the note for Germans abroad,
//! the privacy statement) in the reader's language, read once from the domain's data file.

use std::sync::LazyLock;

use ocs_domain::official_texts::{OfficialTextTable, OfficialTexts};

/// The table, read on first use. `None` only if the embedded file were broken, which
/// `ocs_domain`'s unit tests rule out; pages then show no declaration text rather than a
/// made-up one, and the consent box still names the initiative.
static TABLE: LazyLock<Option<OfficialTextTable>> =
    LazyLock::new(|| match OfficialTextTable::embedded() {
        Ok(table) => Some(table),
        Err(error) => {
            tracing::error!(%error, "official texts unreadable");
            None
        }
    });

/// The official texts in `language` (English if that language is missing).
pub fn texts(language: &str) -> Option<&'static OfficialTexts> {
    let table = TABLE.as_ref()?;
    table.get(language).or_else(|| table.get("en"))
}
