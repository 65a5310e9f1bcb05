//! Why an export stopped: no variant carries personal data.

use std::path::{Path, PathBuf};

use ocs_storage::StorageError;

use super::pdf::PdfError;

/// Why an export stopped. No variant carries personal data.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output folder exists and holds something.
    #[error("the output folder {0} is not empty; give a new or empty folder")]
    OutputNotEmpty(PathBuf),
    /// Reading the database failed.
    #[error("reading the statements: {0}")]
    Storage(#[from] StorageError),
    /// A statement's envelope did not open: wrong key, or a changed row.
    #[error(
        "statement #{sequence}: its envelope does not open with this private key ({reason}); \
         the key is wrong or the row was changed. Nothing was exported"
    )]
    OpenFailed {
        /// The row's sequence number.
        sequence: u64,
        /// The crypto error, which names no data.
        reason: ocs_crypto::CryptoError,
    },
    /// The opened payload is not what the row says.
    #[error("statement #{sequence}: {reason}")]
    BadPayload {
        /// The row's sequence number.
        sequence: u64,
        /// What is wrong (no values).
        reason: String,
    },
    /// Encrypting a state's file to its authority key failed.
    #[error("encrypting {file} to the authority key: {reason}")]
    SealFailed {
        /// The plain file's name.
        file: String,
        /// The crypto error, which names no data.
        reason: ocs_crypto::CryptoError,
    },
    /// The stored tally log is not readable as a log (its checkpoint does not parse).
    #[error("the stored tally log: {0}")]
    Log(String),
    /// A PDF (list or cover) could not be made.
    #[error("writing {file}: {reason}")]
    Pdf {
        /// The file's name.
        file: String,
        /// What the PDF writer said (no document text).
        reason: PdfError,
    },
    /// The audit trail could not record the export.
    #[error("the audit trail could not record the export: {0}")]
    Audit(String),
    /// Writing a file failed.
    #[error("writing {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's answer.
        #[source]
        source: std::io::Error,
    },
}

pub(super) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_owned(),
        source,
    }
}
