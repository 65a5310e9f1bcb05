//! The error every storage backend returns, whatever its database.

/// Why a storage call failed.
///
/// Callers map these to answers: `Conflict` to the usual "thank you" page (the answer must not
/// reveal an earlier statement), `Busy` to 503 with `Retry-After`, `Unavailable` to 503,
/// `NotFound` to 404 and `Other` to 500.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The requested record does not exist.
    #[error("not found")]
    NotFound,
    /// The initiative already holds a statement with this de-duplication tag; nothing was
    /// stored.
    #[error("a statement with this de-duplication tag is already recorded for the initiative")]
    Conflict,
    /// The writer queue is full. Nothing was stored; the caller may retry later.
    #[error("the storage writer queue is full")]
    Busy,
    /// The backend is down, closing, or could not commit. Whether anything was stored is
    /// stated by the method that returns it.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    /// Anything else, such as a corrupt row or an invalid option.
    #[error(transparent)]
    Other(Box<dyn std::error::Error + Send + Sync>),
}

impl StorageError {
    /// Wraps any error as [`StorageError::Other`].
    pub fn other(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Other(error.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_keeps_the_message() {
        let error = StorageError::other("row 7 is corrupt");
        assert_eq!(error.to_string(), "row 7 is corrupt");
        assert!(matches!(error, StorageError::Other(_)));
    }
}
