#![doc = include_str!("../README.md")]

//! The crate root re-exports every public item, so callers write `ocs_crypto::Sealer`.

pub mod altcha;
pub mod csrf;
pub mod dedup;
pub mod entropy;
mod error;
mod file_seal;
mod files;
mod hash;
pub mod initiative_keys;
mod key_file;
pub mod keys;
pub mod log_key;
pub mod mail;
pub mod mail_keys;
pub mod password;
pub mod receipt_secret;
pub mod role_keys;
pub mod seal;
pub mod sealed_key;
pub mod secret;
pub mod server_keys;
pub mod signing;
pub mod state_box;
pub mod stream_seal;
pub mod token;
pub mod totp;

pub use altcha::{AltchaError, AltchaIssuer, Challenge, VerifiedChallenge, solve};
pub use csrf::{BearerToken, CsrfError, CsrfTokens};
pub use dedup::DedupKey;
pub use entropy::{
    Entropy, EntropyRng, OsEntropy, SeededEntropy, new_statement_id, random_bytes, try_random_bytes,
};
pub use error::CryptoError;
pub use file_seal::{
    AuthorityFile, FILE_SEAL_MAGIC, FILE_SEAL_OVERHEAD, open_authority_file, open_file,
    seal_authority_file, seal_file,
};
pub use initiative_keys::{InitiativeKeyId, InitiativeKeyWrap, InitiativeSubkeys, TagKey};
pub use keys::{
    RecipientPrivateKey, RecipientPublicKey, generate_recipient_keys, read_private_key,
    read_public_key, write_private_key, write_public_key,
};
pub use log_key::LogKeys;
pub use mail::{MAIL_SEAL_OVERHEAD, MailKey, MailSealError, confirm_token_hash, new_confirm_token};
pub use mail_keys::MailKeyring;
pub use receipt_secret::{RECEIPT_SECRET_LEN, ReceiptSecret};
pub use role_keys::{KeyId, KeyRole, RoleKeys};
pub use seal::{
    ENVELOPE_MAGIC, EpochPolicy, Opener, Sealer, envelope_overhead, envelope_recipients, open,
};
pub use sealed_key::{
    SealedExportKey, certify_sealed_key, check_sealed_key_certificate, read_sealed_export_key,
    write_sealed_export_key,
};
pub use secret::SecretKey;
pub use server_keys::ServerKeys;
pub use signing::{
    ManifestSigningKey, ManifestVerifyingKey, SignatureContext, read_signing_key,
    read_verifying_key, write_signing_key, write_verifying_key,
};
pub use state_box::StateBox;
pub use stream_seal::{
    STREAM_SEAL_MAGIC, StreamSealError, open_stream, read_stream_header, seal_stream,
};
pub use token::{FormTokenClaims, FormTokens, ReceiptClaims, ReceiptTokens, TokenError};
pub use totp::{TotpKey, TotpSecret};
