//! X25519 recipient keys for HPKE: their text forms, key ids, generation and key files.
//!
//! A recipient key pair belongs to the organisers of an initiative. The public half is
//! configured on the server, which seals every statement to it; the private half stays on an
//! offline machine and is used only by `ocs export`. No private key ever touches the server.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem, Serializable};
use zeroize::Zeroizing;

use crate::CryptoError;
use crate::entropy::Entropy;
use crate::files;
use crate::hash::sha256;

/// Text prefix of a public key. The version digit lets a later key type coexist.
pub const PUBLIC_KEY_PREFIX: &str = "ocs-pk-1:";
/// Text prefix of a private key; distinct, so a private key pasted into a public-key setting
/// is recognised and refused with a warning rather than silently used.
pub const PRIVATE_KEY_PREFIX: &str = "ocs-sk-1:";

type PublicKeyBytes = [u8; 32];

/// The public half of a recipient key: statements are sealed to it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecipientPublicKey([u8; 32]);

impl RecipientPublicKey {
    /// Wraps 32 raw bytes, refusing keys no statement could be sealed to.
    pub fn from_bytes(bytes: [u8; 32]) -> Result<Self, CryptoError> {
        check_usable(&bytes)?;
        Ok(Self(bytes))
    }

    /// The 32 raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The text form, `ocs-pk-1:` followed by 43 characters of unpadded base64url.
    pub fn to_text(&self) -> String {
        format!("{PUBLIC_KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode(self.0))
    }

    /// Parses the text form (surrounding whitespace is ignored).
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let text = text.trim();
        if text.starts_with(PRIVATE_KEY_PREFIX) {
            return Err(CryptoError::InvalidKey(
                "this is a PRIVATE key (ocs-sk-1:…); the server needs the public key \
                 (ocs-pk-1:…). Keep the private key offline and treat it as exposed"
                    .to_owned(),
            ));
        }
        let bytes = decode_body(text, PUBLIC_KEY_PREFIX, "public")?;
        Self::from_bytes(*bytes)
    }

    /// Names the key inside an envelope: the first 8 bytes of SHA-256 of the key. Eight bytes
    /// suffice to pick one of a handful of recipients; a collision only costs one failed
    /// unwrap attempt, never a wrong plaintext (the AEAD tag decides).
    pub fn key_id(&self) -> [u8; 8] {
        let digest = sha256(&[&self.0]);
        let mut id = [0u8; 8];
        for (slot, byte) in id.iter_mut().zip(digest.iter()) {
            *slot = *byte;
        }
        id
    }

    pub(crate) fn to_hpke(self) -> Result<<X25519HkdfSha256 as Kem>::PublicKey, CryptoError> {
        <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(&self.0).map_err(CryptoError::Hpke)
    }
}

/// Refuses a public key whose Diffie-Hellman result is all zeros (one of the small-order
/// points). HPKE would refuse every seal to it; failing when the key is configured tells the
/// operator at start instead of on the first signature. Costs one trial encapsulation
/// (about 0.3 ms), paid once per key load.
fn check_usable(bytes: &PublicKeyBytes) -> Result<(), CryptoError> {
    let public =
        <X25519HkdfSha256 as Kem>::PublicKey::from_bytes(bytes).map_err(CryptoError::Hpke)?;
    // A fixed ephemeral key is fine here: the result is discarded and nothing is encrypted.
    let fixed = crate::entropy::SeededEntropy::new(0);
    let mut rng = crate::entropy::EntropyRng::new(&fixed);
    hpke::setup_sender_with_rng::<
        hpke::aead::ExportOnlyAead,
        hpke::kdf::HkdfSha256,
        X25519HkdfSha256,
    >(&hpke::OpModeS::Base, &public, b"openocs key check", &mut rng)
    .map(|_| ())
    .map_err(|_| {
        CryptoError::InvalidKey(
            "this public key is a small-order point; nothing can be sealed to it".to_owned(),
        )
    })
}

pub(crate) fn decode_body(
    text: &str,
    prefix: &str,
    kind: &str,
) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let body = text
        .strip_prefix(prefix)
        .ok_or_else(|| CryptoError::InvalidKey(format!("a {kind} key starts with `{prefix}`")))?;
    let decoded = Zeroizing::new(URL_SAFE_NO_PAD.decode(body).map_err(|_| {
        CryptoError::InvalidKey(format!(
            "after `{prefix}` a {kind} key has 43 characters of base64url (A-Z a-z 0-9 - _, \
             no padding)"
        ))
    })?);
    let mut bytes = Zeroizing::new([0u8; 32]);
    if decoded.len() != bytes.len() {
        return Err(CryptoError::InvalidKey(format!(
            "a {kind} key holds 32 bytes, this one {}",
            decoded.len()
        )));
    }
    for (slot, byte) in bytes.iter_mut().zip(decoded.iter()) {
        *slot = *byte;
    }
    Ok(bytes)
}

impl fmt::Display for RecipientPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl fmt::Debug for RecipientPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecipientPublicKey({})", self.to_text())
    }
}

impl FromStr for RecipientPublicKey {
    type Err = CryptoError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl serde::Serialize for RecipientPublicKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> serde::Deserialize<'de> for RecipientPublicKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The private half of a recipient key. It opens every statement sealed to its public key,
/// so it lives only on the offline export machine. Deliberately not `Serialize` or `Clone`.
pub struct RecipientPrivateKey {
    secret: Zeroizing<[u8; 32]>,
    // Computed once: deriving it costs a scalar multiplication (about 0.1 ms).
    public: RecipientPublicKey,
}

impl RecipientPrivateKey {
    /// Wraps 32 raw bytes.
    pub fn from_bytes(secret: Zeroizing<[u8; 32]>) -> Result<Self, CryptoError> {
        let private = <X25519HkdfSha256 as Kem>::PrivateKey::from_bytes(secret.as_slice())
            .map_err(CryptoError::Hpke)?;
        let mut public = [0u8; 32];
        X25519HkdfSha256::sk_to_pk(&private).write_exact(&mut public);
        Ok(Self {
            secret,
            public: RecipientPublicKey::from_bytes(public)?,
        })
    }

    /// The text form, `ocs-sk-1:` followed by 43 characters of unpadded base64url.
    pub fn to_text(&self) -> Zeroizing<String> {
        let encoded = Zeroizing::new(URL_SAFE_NO_PAD.encode(*self.secret));
        let mut text = Zeroizing::new(String::with_capacity(PRIVATE_KEY_PREFIX.len() + 43));
        text.push_str(PRIVATE_KEY_PREFIX);
        text.push_str(&encoded);
        text
    }

    /// Parses the text form (surrounding whitespace is ignored).
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let text = text.trim();
        if text.starts_with(PUBLIC_KEY_PREFIX) {
            return Err(CryptoError::InvalidKey(
                "this is a public key (ocs-pk-1:…); opening statements needs the private key \
                 (ocs-sk-1:…)"
                    .to_owned(),
            ));
        }
        Self::from_bytes(decode_body(text, PRIVATE_KEY_PREFIX, "private")?)
    }

    /// The matching public key.
    pub fn public_key(&self) -> RecipientPublicKey {
        self.public
    }

    pub(crate) fn to_hpke(&self) -> Result<<X25519HkdfSha256 as Kem>::PrivateKey, CryptoError> {
        <X25519HkdfSha256 as Kem>::PrivateKey::from_bytes(self.secret.as_slice())
            .map_err(CryptoError::Hpke)
    }
}

impl fmt::Debug for RecipientPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecipientPrivateKey(..)")
    }
}

/// Makes a new recipient key pair.
pub fn generate_recipient_keys(entropy: &dyn Entropy) -> (RecipientPrivateKey, RecipientPublicKey) {
    let mut ikm = Zeroizing::new([0u8; 32]);
    entropy.fill(ikm.as_mut_slice());
    // DeriveKeyPair (RFC 9180 §7.1.3) from 32 random bytes is how hpke's own key generation
    // works; doing it here lets the bytes come from the injected source.
    let (private, public) = X25519HkdfSha256::derive_keypair(ikm.as_slice());
    let mut secret = Zeroizing::new([0u8; 32]);
    private.write_exact(secret.as_mut_slice());
    let mut public_bytes = [0u8; 32];
    public.write_exact(&mut public_bytes);
    let public = RecipientPublicKey(public_bytes);
    (RecipientPrivateKey { secret, public }, public)
}

const PRIVATE_KEY_HEADER: &str = "# OpenOCS recipient PRIVATE key. It opens every statement sealed to its public \
key. It belongs on an offline machine only: never copy it to the server, never e-mail it.\n";

/// Writes a private key to a new file (refuses to overwrite) created with mode 0600, under a
/// comment line saying it belongs offline.
pub fn write_private_key(path: &Path, key: &RecipientPrivateKey) -> Result<(), CryptoError> {
    files::write_private_line(path, PRIVATE_KEY_HEADER, &key.to_text())
}

/// Reads a private key file, refusing one that other users of the machine could read.
pub fn read_private_key(path: &Path) -> Result<RecipientPrivateKey, CryptoError> {
    let text = files::read_private(path)?;
    RecipientPrivateKey::parse(files::single_line(
        &text,
        path,
        "one line `ocs-sk-1:…` (comment lines start with #)",
    )?)
}

/// Writes a public key to a new file as one line of text.
pub fn write_public_key(path: &Path, key: &RecipientPublicKey) -> Result<(), CryptoError> {
    // Public, but created without overwrite too: replacing an initiative's key file by
    // accident would seal new statements to a key the organisers may not hold.
    files::write_public_line(path, &key.to_text())
}

/// Reads a public key file (one line; `#` comment lines are ignored).
pub fn read_public_key(path: &Path) -> Result<RecipientPublicKey, CryptoError> {
    let text = files::read_public(path)?;
    RecipientPublicKey::parse(files::single_line(&text, path, "one line `ocs-pk-1:…`")?)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::entropy::SeededEntropy;

    #[test]
    fn public_key_text_round_trips() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let text = public.to_text();
        assert!(text.starts_with("ocs-pk-1:"));
        assert_eq!(text.len(), 9 + 43);
        assert_eq!(
            RecipientPublicKey::parse(&format!(" {text}\n")).unwrap(),
            public
        );
        assert_eq!(private.public_key(), public);

        let private_text = private.to_text();
        assert!(private_text.starts_with("ocs-sk-1:"));
        let again = RecipientPrivateKey::parse(&private_text).unwrap();
        assert_eq!(again.public_key(), public);
    }

    #[test]
    fn parse_errors_say_what_is_wrong() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(2));
        let message = |text: &str| RecipientPublicKey::parse(text).unwrap_err().to_string();
        assert!(message(&private.to_text()).contains("PRIVATE"));
        assert!(message("ocs-pk-2:abc").contains("starts with `ocs-pk-1:`"));
        assert!(message("ocs-pk-1:not*base64").contains("base64url"));
        assert!(message("ocs-pk-1:AAAA").contains("32 bytes, this one 3"));
        assert!(
            RecipientPrivateKey::parse(&public.to_text())
                .unwrap_err()
                .to_string()
                .contains("public key")
        );
    }

    #[test]
    fn small_order_public_keys_are_refused() {
        let zero = format!("ocs-pk-1:{}", URL_SAFE_NO_PAD.encode([0u8; 32]));
        let error = RecipientPublicKey::parse(&zero).unwrap_err().to_string();
        assert!(error.contains("small-order"), "{error}");
        let mut one = [0u8; 32];
        one[0] = 1;
        assert!(RecipientPublicKey::from_bytes(one).is_err());
    }

    #[test]
    fn serde_uses_the_text_form() {
        let (_, public) = generate_recipient_keys(&SeededEntropy::new(3));
        let json = serde_json::to_string(&public).unwrap();
        assert_eq!(json, format!("\"{}\"", public.to_text()));
        assert_eq!(
            serde_json::from_str::<RecipientPublicKey>(&json).unwrap(),
            public
        );
        assert!(serde_json::from_str::<RecipientPublicKey>("\"ocs-pk-1:x\"").is_err());
    }

    #[test]
    fn key_id_is_a_sha256_prefix() {
        let (_, public) = generate_recipient_keys(&SeededEntropy::new(4));
        assert_eq!(public.key_id()[..], sha256(&[public.as_bytes()])[..8]);
    }

    #[test]
    fn debug_hides_the_private_key() {
        let (private, _) = generate_recipient_keys(&SeededEntropy::new(5));
        assert_eq!(format!("{private:?}"), "RecipientPrivateKey(..)");
    }

    #[test]
    fn private_key_file_is_0600_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recipient.key");
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(6));
        write_private_key(&path, &private).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# ") && text.contains("offline"));
        assert_eq!(read_private_key(&path).unwrap().public_key(), public);
        assert!(matches!(
            write_private_key(&path, &private),
            Err(CryptoError::Io { .. })
        ));
    }

    #[test]
    fn readable_private_key_file_is_refused_with_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recipient.key");
        let (private, _) = generate_recipient_keys(&SeededEntropy::new(7));
        write_private_key(&path, &private).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let error = read_private_key(&path).unwrap_err().to_string();
        assert!(
            error.contains(&format!("chmod 600 {}", path.display())),
            "{error}"
        );
    }

    #[test]
    fn public_key_file_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("recipient.pub");
        let (_, public) = generate_recipient_keys(&SeededEntropy::new(8));
        write_public_key(&path, &public).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{}\n", public.to_text())
        );
        assert_eq!(read_public_key(&path).unwrap(), public);
    }
}
