//! The request identifier: made by [`crate::middleware::common_headers`], shown on error
//! pages and logged; a leaf module, so the error path and the layers share it without a cycle.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The request identifier, shown on error pages and logged, so a report can be matched to
/// the log without any personal data.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// A fresh request identifier: 12 random bytes in hex. Random, not a process id and a
/// sequence number, which would tell an outsider the process id and the site's request volume
/// (issue 19, finding 13).
pub fn new_request_id() -> String {
    use ocs_crypto::Entropy as _;
    let mut bytes = [0u8; 12];
    ocs_crypto::OsEntropy.fill(&mut bytes);
    hex::encode(bytes)
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    /// The identifier [`crate::middleware::common_headers`] gave the request; outside that
    /// layer (a handler driven alone) a fresh one.
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(parts
            .extensions
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(|| RequestId(new_request_id())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19, finding 13: the id was hex(pid)-sequence, so it leaked the process id and
    /// the request volume. Now it is 24 random hex digits, with no shared part.
    #[test]
    fn request_id_is_random_not_pid_and_sequence() {
        let first = new_request_id();
        let second = new_request_id();
        assert_eq!(first.len(), 24);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(first, second);
        assert!(!first.contains('-'));
        let pid = format!("{:x}", std::process::id());
        assert!(!(first.starts_with(&pid) && second.starts_with(&pid)));
    }
}
