//! The crate's error type for keys, key files, randomness and sealed envelopes.

use std::path::PathBuf;

/// What went wrong with a key, a key file, the random source or an envelope.
///
/// The anti-bot proof and the tokens have their own enums (`AltchaError`, `TokenError`),
/// because their callers map each case to a different answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// The operating system's random source failed. Nothing was sealed or generated with
    /// weaker randomness.
    #[error("the operating system's random source failed: {0}")]
    Entropy(getrandom::Error),

    /// `Sealer::seal` was given no recipient: a statement nobody can open must not be stored.
    #[error("no recipient public key given: a sealed statement needs at least one")]
    NoRecipients,

    /// More recipients than the envelope format can name (255).
    #[error("too many recipient public keys: {0} given, at most 255")]
    TooManyRecipients(usize),

    /// A key in text form did not parse; the text says what was expected.
    #[error("invalid key: {0}")]
    InvalidKey(String),

    /// A key or secret file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's answer.
        #[source]
        source: std::io::Error,
    },

    /// A key or secret file can be read by other users of the machine.
    #[error(
        "{path} is readable or writable by other users (mode {mode:o}); \
         run `chmod 600 {path}` and try again",
        path = path.display()
    )]
    InsecurePermissions {
        /// The file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },

    /// A server secret file holds something that is not an acceptable secret.
    #[error(
        "{path}: {reason}. Make a secret with `ocs keygen --secret {path}` or \
         `head -c 32 /dev/urandom | base64 > {path}; chmod 600 {path}`",
        path = path.display()
    )]
    WeakSecret {
        /// The file.
        path: PathBuf,
        /// What is wrong with its content.
        reason: &'static str,
    },

    /// The bytes are not an envelope of a version this code reads.
    #[error("malformed envelope: {0}")]
    MalformedEnvelope(&'static str),

    /// The envelope names no recipient with this private key's key id.
    #[error("the envelope was not sealed to this key")]
    NotARecipient,

    /// Authentication failed: wrong key, wrong associated data, or the envelope was changed.
    /// One variant for all three, so the opener is no oracle for which part was tampered.
    #[error("the envelope does not open with this key and associated data")]
    OpenFailed,

    /// The HPKE library refused an operation (for example a low-order public key).
    #[error("HPKE: {0}")]
    Hpke(hpke::HpkeError),

    /// The bytes are not an authority file container (`OCS-AUTH-1`) this code reads.
    #[error("not an authority file (OCS-AUTH-1): {0}")]
    MalformedFile(&'static str),

    /// An authority file did not open: wrong private key, a renamed file, or changed bytes.
    #[error(
        "the file does not open with this private key: the key is wrong, the file was \
         renamed, or its bytes were changed"
    )]
    FileOpenFailed,

    /// The AEAD refused to encrypt (input longer than ChaCha20-Poly1305 allows).
    #[error("the plaintext or associated data is too long to seal")]
    TooLong,
}

impl CryptoError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
