//! Whole files encrypted to one authority's recipient key: the `.hpke` files of a
//! per-authority export delivery (docs/EXPORT.md).
//!
//! # The container, version 1
//!
//! ```text
//! "OCS-AUTH-1"     magic and format version, 10 bytes
//! enc              HPKE encapsulated key, 32 bytes
//! ciphertext       the whole file under the HPKE context, then its 16-byte tag
//! ```
//!
//! HPKE (RFC 9180) base mode, single shot, with the statements' suite: DHKEM(X25519,
//! HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305. The associated data is the 42-byte header
//! (magic and `enc`). The HPKE `info` binds where the file belongs:
//!
//! - an authority's export file ([`seal_authority_file`]):
//!   `"openocs authority file v2" ‖ 0x00 ‖ len ‖ initiative ‖ len ‖ export id ‖ len ‖ file
//!   name`, each length two bytes big-endian: the initiative's registration number, the
//!   export's random id from its signed manifest and the plain file's name (for example
//!   `demo-de.xml`). A container renamed to another state's name, or moved into another
//!   initiative's or another export's folder, does not open;
//! - a backup or any other single file ([`seal_file`]): `"openocs authority file v1" ‖ 0x00 ‖
//!   name`.
//!
//! One fresh encapsulation per file: no key is shared between files or with the statements.
//! The file is encrypted in memory in one piece; ChaCha20-Poly1305 allows up to 256 GiB.

use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable as _, Kem, Serializable as _};
use zeroize::Zeroizing;

use crate::CryptoError;
use crate::entropy::{Entropy, EntropyRng};
use crate::keys::{RecipientPrivateKey, RecipientPublicKey};
use crate::seal::{HpkeAead, HpkeKdf};

/// First bytes of every version-1 authority file.
pub const FILE_SEAL_MAGIC: &[u8; 10] = b"OCS-AUTH-1";
/// Label at the start of the HPKE `info` of [`seal_file`].
const FILE_INFO_LABEL: &[u8] = b"openocs authority file v1";
/// Label at the start of the HPKE `info` of [`seal_authority_file`].
const AUTHORITY_INFO_LABEL: &[u8] = b"openocs authority file v2";
const ENC_LEN: usize = 32;
const HEADER_LEN: usize = FILE_SEAL_MAGIC.len() + ENC_LEN;
const TAG_LEN: usize = 16;

/// Bytes the container adds to the file (58).
pub const FILE_SEAL_OVERHEAD: usize = HEADER_LEN + TAG_LEN;

fn info(file_name: &str) -> Vec<u8> {
    let mut info = Vec::with_capacity(FILE_INFO_LABEL.len() + 1 + file_name.len());
    info.extend_from_slice(FILE_INFO_LABEL);
    info.push(0);
    info.extend_from_slice(file_name.as_bytes());
    info
}

/// Where an authority's export file belongs: bound into its encryption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthorityFile<'a> {
    /// The initiative's registration number (the Commission's, stable across deployments).
    pub initiative: &'a str,
    /// The export's id, as its signed manifest names it.
    pub export_id: &'a str,
    /// The plain file's name (`SLUG-xx.xml`).
    pub file_name: &'a str,
}

impl AuthorityFile<'_> {
    fn info(&self) -> Result<Vec<u8>, CryptoError> {
        let mut info = AUTHORITY_INFO_LABEL.to_vec();
        info.push(0);
        for part in [self.initiative, self.export_id, self.file_name] {
            let len = u16::try_from(part.len()).map_err(|_| CryptoError::TooLong)?;
            info.extend_from_slice(&len.to_be_bytes());
            info.extend_from_slice(part.as_bytes());
        }
        Ok(info)
    }
}

/// Encrypts `plaintext`, an export file, to its authority's key `recipient`, bound to the
/// initiative, the export and the file's name.
pub fn seal_authority_file(
    recipient: &RecipientPublicKey,
    file: &AuthorityFile<'_>,
    plaintext: &[u8],
    entropy: &dyn Entropy,
) -> Result<Vec<u8>, CryptoError> {
    seal_with_info(recipient, &file.info()?, plaintext, entropy)
}

/// Decrypts a container made by [`seal_authority_file`] for the same `file`.
pub fn open_authority_file(
    key: &RecipientPrivateKey,
    file: &AuthorityFile<'_>,
    container: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    open_with_info(key, &file.info()?, container)
}

/// Encrypts `plaintext`, the content of the file named `file_name`, to `recipient`.
pub fn seal_file(
    recipient: &RecipientPublicKey,
    file_name: &str,
    plaintext: &[u8],
    entropy: &dyn Entropy,
) -> Result<Vec<u8>, CryptoError> {
    seal_with_info(recipient, &info(file_name), plaintext, entropy)
}

fn seal_with_info(
    recipient: &RecipientPublicKey,
    info: &[u8],
    plaintext: &[u8],
    entropy: &dyn Entropy,
) -> Result<Vec<u8>, CryptoError> {
    let public = recipient.to_hpke()?;
    let mut rng = EntropyRng::new(entropy);
    let setup = hpke::setup_sender_with_rng::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
        &hpke::OpModeS::Base,
        &public,
        info,
        &mut rng,
    );
    // Checked before the result is touched: a failed source leaves a predictable key.
    rng.finish()?;
    let (encapped, mut context) = setup.map_err(CryptoError::Hpke)?;
    // Zeroizing until encrypted: on an error the plaintext copy must not linger.
    let mut out = Zeroizing::new(Vec::with_capacity(
        FILE_SEAL_OVERHEAD.saturating_add(plaintext.len()),
    ));
    out.extend_from_slice(FILE_SEAL_MAGIC);
    let mut enc = [0u8; ENC_LEN];
    encapped.write_exact(&mut enc);
    out.extend_from_slice(&enc);
    let header = out.to_vec();
    out.extend_from_slice(plaintext);
    let body = out
        .get_mut(HEADER_LEN..)
        .ok_or(CryptoError::MalformedFile("internal length"))?;
    let tag = context
        .seal_inout_detached(body.into(), &header)
        .map_err(|_| CryptoError::TooLong)?;
    let mut tag_bytes = [0u8; TAG_LEN];
    tag.write_exact(&mut tag_bytes);
    out.extend_from_slice(&tag_bytes);
    Ok(std::mem::take(&mut *out))
}

/// Decrypts a container made by [`seal_file`] for the file named `file_name`. Fails with
/// [`CryptoError::FileOpenFailed`] on a wrong key, another name or any changed byte.
pub fn open_file(
    key: &RecipientPrivateKey,
    file_name: &str,
    container: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    open_with_info(key, &info(file_name), container)
}

fn open_with_info(
    key: &RecipientPrivateKey,
    info: &[u8],
    container: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if container.len() < FILE_SEAL_OVERHEAD {
        return Err(CryptoError::MalformedFile(
            "shorter than the container's header",
        ));
    }
    let (header, rest) = container.split_at(HEADER_LEN);
    let (magic, enc) = header.split_at(FILE_SEAL_MAGIC.len());
    if magic != FILE_SEAL_MAGIC {
        return Err(CryptoError::MalformedFile(
            "it does not start with OCS-AUTH-1",
        ));
    }
    let (ciphertext, tag) = rest.split_at(rest.len().saturating_sub(TAG_LEN));
    let encapped = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(enc)
        .map_err(|_| CryptoError::FileOpenFailed)?;
    let tag = hpke::aead::AeadTag::<HpkeAead>::from_bytes(tag)
        .map_err(|_| CryptoError::FileOpenFailed)?;
    let mut context = hpke::setup_receiver::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
        &hpke::OpModeR::Base,
        &key.to_hpke()?,
        &encapped,
        info,
    )
    .map_err(|_| CryptoError::FileOpenFailed)?;
    let mut plaintext = Zeroizing::new(ciphertext.to_vec());
    context
        .open_inout_detached(plaintext.as_mut_slice().into(), header, &tag)
        .map_err(|_| CryptoError::FileOpenFailed)?;
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::SeededEntropy;
    use crate::keys::generate_recipient_keys;

    const XML: &[u8] = b"<supportForm><forCountry>de</forCountry></supportForm>\n";

    #[test]
    fn round_trip() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let sealed = seal_file(&public, "demo-de.xml", XML, &SeededEntropy::new(2)).unwrap();
        assert!(sealed.starts_with(FILE_SEAL_MAGIC));
        assert_eq!(sealed.len(), XML.len() + FILE_SEAL_OVERHEAD);
        assert!(!sealed.windows(12).any(|w| w == b"<supportForm"));
        let opened = open_file(&private, "demo-de.xml", &sealed).unwrap();
        assert_eq!(opened.as_slice(), XML);
        let empty = seal_file(&public, "e.xml", b"", &SeededEntropy::new(3)).unwrap();
        assert!(open_file(&private, "e.xml", &empty).unwrap().is_empty());
    }

    #[test]
    fn another_private_key_fails() {
        let (_, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let (other, _) = generate_recipient_keys(&SeededEntropy::new(9));
        let sealed = seal_file(&public, "demo-de.xml", XML, &SeededEntropy::new(2)).unwrap();
        assert!(matches!(
            open_file(&other, "demo-de.xml", &sealed),
            Err(CryptoError::FileOpenFailed)
        ));
    }

    #[test]
    fn every_flipped_byte_fails() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let sealed = seal_file(&public, "demo-de.xml", XML, &SeededEntropy::new(2)).unwrap();
        for position in 0..sealed.len() {
            let mut changed = sealed.clone();
            changed[position] ^= 0x01;
            assert!(
                open_file(&private, "demo-de.xml", &changed).is_err(),
                "byte {position}"
            );
        }
        for cut in [0, 10, HEADER_LEN, sealed.len() - 1] {
            assert!(open_file(&private, "demo-de.xml", &sealed[..cut]).is_err());
        }
    }

    #[test]
    fn a_renamed_file_fails() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let sealed = seal_file(&public, "demo-de.xml", XML, &SeededEntropy::new(2)).unwrap();
        assert!(matches!(
            open_file(&private, "demo-at.xml", &sealed),
            Err(CryptoError::FileOpenFailed)
        ));
    }

    /// The container is plain RFC 9180: the library's own single-shot open reads it.
    #[test]
    fn any_hpke_implementation_opens_it() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let sealed = seal_file(&public, "demo-de.xml", XML, &SeededEntropy::new(2)).unwrap();
        let (header, ciphertext) = sealed.split_at(HEADER_LEN);
        let enc = <X25519HkdfSha256 as Kem>::EncappedKey::from_bytes(&header[10..]).unwrap();
        let opened = hpke::single_shot_open::<HpkeAead, HpkeKdf, X25519HkdfSha256>(
            &hpke::OpModeR::Base,
            &private.to_hpke().unwrap(),
            &enc,
            b"openocs authority file v1\0demo-de.xml",
            ciphertext,
            header,
        )
        .unwrap();
        assert_eq!(opened, XML);
    }

    /// An authority file opens only for the initiative, export and name it was sealed for.
    #[test]
    fn an_authority_file_moved_to_another_initiative_or_export_fails() {
        let (private, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let file = AuthorityFile {
            initiative: "ECI(2026)000001",
            export_id: "0011223344556677",
            file_name: "demo-de.xml",
        };
        let sealed = seal_authority_file(&public, &file, XML, &SeededEntropy::new(2)).unwrap();
        assert_eq!(
            open_authority_file(&private, &file, &sealed)
                .unwrap()
                .as_slice(),
            XML
        );
        let elsewhere = [
            AuthorityFile {
                initiative: "ECI(2026)000002",
                ..file
            },
            AuthorityFile {
                export_id: "0011223344556678",
                ..file
            },
            AuthorityFile {
                file_name: "demo-at.xml",
                ..file
            },
            // The length prefixes: moving bytes between the parts changes the info.
            AuthorityFile {
                initiative: "ECI(2026)00000",
                export_id: "10011223344556677",
                ..file
            },
        ];
        for moved in elsewhere {
            assert!(
                matches!(
                    open_authority_file(&private, &moved, &sealed),
                    Err(CryptoError::FileOpenFailed)
                ),
                "{moved:?}"
            );
        }
        // Nor as a plain single file of that name (the version-1 info).
        assert!(open_file(&private, "demo-de.xml", &sealed).is_err());
    }

    #[test]
    fn fresh_encapsulation_per_file() {
        let (_, public) = generate_recipient_keys(&SeededEntropy::new(1));
        let entropy = SeededEntropy::new(2);
        let one = seal_file(&public, "a.xml", XML, &entropy).unwrap();
        let two = seal_file(&public, "a.xml", XML, &entropy).unwrap();
        assert_ne!(one[..HEADER_LEN], two[..HEADER_LEN]);
    }
}
