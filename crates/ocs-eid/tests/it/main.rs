//! Integration tests of `ocs-eid`: the SAML relying party against hostile responses, and the
//! XML-DSig verifier against documents signed by xmlsec1 (an independent implementation).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed step ends the test with its message"
)]

mod saml_attacks;
mod xmldsig_vectors;
