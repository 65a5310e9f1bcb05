//! XML Encryption for SAML `EncryptedAssertion` (eIDAS nodes encrypt their assertions):
//! the content key is transported with RSA-OAEP to our SP decryption key, the assertion is
//! encrypted with AES-GCM (XML Encryption 1.1, `aes128-gcm` / `aes256-gcm`).
//!
//! Only these algorithms are accepted, on purpose: AES-CBC content (`aes*-cbc`) admits the
//! padding-oracle attack of Jager and Somorovsky on XML Encryption, and RSA PKCS#1 v1.5 key
//! transport (`rsa-1_5`) Bleichenbacher's; an IdP that uses either is refused. Every failure
//! to decrypt (wrong key, changed key or content, a tag that does not verify) is one error
//! with no detail, so a sender learns nothing from which step failed.

use std::fmt;

use aes_gcm::aead::{Aead as _, KeyInit as _};
use aes_gcm::{Aes128Gcm, Aes256Gcm, Nonce};
use roxmltree::Node;
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::sha2::Sha256;
use rsa::traits::PublicKeyParts as _;
use rsa::{Oaep, RsaPrivateKey};
use sha1_oaep::Sha1;
use zeroize::Zeroizing;

use crate::xmldsig;

/// The XML Encryption namespace.
pub const XMLENC_NS: &str = "http://www.w3.org/2001/04/xmlenc#";
const XMLDSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const XMLENC11_NS: &str = "http://www.w3.org/2009/xmlenc11#";
const AES128_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
const AES256_GCM: &str = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
const RSA_OAEP_MGF1P: &str = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
const RSA_OAEP: &str = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
const MGF1_SHA1: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
const MGF1_SHA256: &str = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
/// GCM: a 96-bit IV before the ciphertext, a 128-bit tag after it.
const IV_LEN: usize = 12;
const TAG_LEN: usize = 16;

/// Why an encrypted element was not opened. No variant says which step failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum XmlEncError {
    /// The structure is not an `EncryptedData` with one `EncryptedKey` we can read.
    #[error("the encrypted element is not in the expected form")]
    Structure,
    /// An algorithm other than RSA-OAEP and AES-GCM.
    #[error("an encryption algorithm that is not accepted (only RSA-OAEP and AES-GCM)")]
    Algorithm,
    /// The key or the content did not decrypt.
    #[error("the encrypted element does not decrypt with our key")]
    Undecryptable,
}

/// Our SP's decryption key (RSA, at least 2048 bits). Zeroised when dropped; never printed.
pub struct DecryptionKey(RsaPrivateKey);

impl fmt::Debug for DecryptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecryptionKey").finish_non_exhaustive()
    }
}

impl DecryptionKey {
    /// Reads a PKCS#8 PEM RSA private key.
    pub fn from_pem(key_pem: &str) -> Result<Self, String> {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem.trim())
            .map_err(|_| "the key is not a PKCS#8 PEM RSA private key".to_owned())?;
        if key.n().bits() < xmldsig::MIN_RSA_BITS {
            return Err(format!(
                "the RSA key has fewer than {} bits",
                xmldsig::MIN_RSA_BITS
            ));
        }
        Ok(Self(key))
    }
}

/// Our SP's decryption key with the certificate published for it in our metadata
/// (`<md:KeyDescriptor use="encryption">`), and whether an assertion in clear is refused.
#[derive(Clone)]
pub struct SpDecryption {
    key: std::sync::Arc<DecryptionKey>,
    certificate_der: Vec<u8>,
    required: bool,
}

impl fmt::Debug for SpDecryption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpDecryption")
            .field("required", &self.required)
            .finish_non_exhaustive()
    }
}

impl SpDecryption {
    /// Reads a PKCS#8 PEM RSA private key and its PEM X.509 certificate; the certificate must
    /// carry the key's public half. With `required`, a response whose assertion is not
    /// encrypted is refused.
    pub fn from_pem(key_pem: &str, certificate_pem: &str, required: bool) -> Result<Self, String> {
        let key = DecryptionKey::from_pem(key_pem)?;
        let (certificate_der, public) = xmldsig::certificate_from_pem(certificate_pem)?;
        if public != key.0.to_public_key() {
            return Err("the certificate is not for this key".into());
        }
        Ok(Self {
            key: std::sync::Arc::new(key),
            certificate_der,
            required,
        })
    }

    /// The key.
    pub fn key(&self) -> &std::sync::Arc<DecryptionKey> {
        &self.key
    }

    /// The certificate (DER).
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    /// Whether an assertion in clear is refused.
    pub fn required(&self) -> bool {
        self.required
    }
}

/// The algorithms we accept, as `<md:EncryptionMethod>` entries for our SP metadata: content
/// first (AES-GCM), then key transport (RSA-OAEP).
pub const ACCEPTED_ALGORITHMS: [&str; 4] = [AES256_GCM, AES128_GCM, RSA_OAEP_MGF1P, RSA_OAEP];

fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((ns, name)))
}

fn only_child<'a, 'i>(
    node: Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Result<Node<'a, 'i>, XmlEncError> {
    let mut found = node.children().filter(|n| n.has_tag_name((ns, name)));
    match (found.next(), found.next()) {
        (Some(one), None) => Ok(one),
        _ => Err(XmlEncError::Structure),
    }
}

fn cipher_value(node: Node<'_, '_>) -> Result<Zeroizing<Vec<u8>>, XmlEncError> {
    let data = only_child(node, XMLENC_NS, "CipherData")?;
    let value = only_child(data, XMLENC_NS, "CipherValue")?;
    let text: String = value
        .text()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    xmldsig::decode_base64(&text)
        .map(Zeroizing::new)
        .ok_or(XmlEncError::Structure)
}

fn algorithm<'a>(node: Node<'a, '_>) -> Result<&'a str, XmlEncError> {
    only_child(node, XMLENC_NS, "EncryptionMethod")?
        .attribute("Algorithm")
        .ok_or(XmlEncError::Structure)
}

/// The OAEP parameters of an `EncryptedKey`: the digest and the mask generation function.
fn oaep(encrypted_key: Node<'_, '_>) -> Result<Oaep, XmlEncError> {
    let method = only_child(encrypted_key, XMLENC_NS, "EncryptionMethod")?;
    // A label (`OAEPparams`) is not used by SAML senders; refused rather than ignored.
    if child(method, XMLENC_NS, "OAEPparams").is_some() {
        return Err(XmlEncError::Algorithm);
    }
    let digest = child(method, XMLDSIG_NS, "DigestMethod")
        .map_or(Some(SHA1), |d| d.attribute("Algorithm"))
        .ok_or(XmlEncError::Structure)?;
    let mgf = match method.attribute("Algorithm") {
        // `rsa-oaep-mgf1p`: the mask is always MGF1 with SHA-1.
        Some(RSA_OAEP_MGF1P) => MGF1_SHA1,
        Some(RSA_OAEP) => child(method, XMLENC11_NS, "MGF")
            .map_or(Some(MGF1_SHA1), |m| m.attribute("Algorithm"))
            .ok_or(XmlEncError::Structure)?,
        _ => return Err(XmlEncError::Algorithm),
    };
    Ok(match (digest, mgf) {
        (SHA1, MGF1_SHA1) => Oaep::new::<Sha1>(),
        (SHA256, MGF1_SHA1) => Oaep::new_with_mgf_hash::<Sha256, Sha1>(),
        (SHA256, MGF1_SHA256) => Oaep::new::<Sha256>(),
        (SHA1, MGF1_SHA256) => Oaep::new_with_mgf_hash::<Sha1, Sha256>(),
        _ => return Err(XmlEncError::Algorithm),
    })
}

/// The `EncryptedKey` of `encrypted_data`: inside its `KeyInfo`, or else the one sibling
/// `EncryptedKey` (SAML lets an `EncryptedAssertion` carry it next to the `EncryptedData`).
fn encrypted_key<'a, 'i>(encrypted_data: Node<'a, 'i>) -> Result<Node<'a, 'i>, XmlEncError> {
    if let Some(info) = child(encrypted_data, XMLDSIG_NS, "KeyInfo")
        && child(info, XMLENC_NS, "EncryptedKey").is_some()
    {
        return only_child(info, XMLENC_NS, "EncryptedKey");
    }
    let parent = encrypted_data
        .parent_element()
        .ok_or(XmlEncError::Structure)?;
    only_child(parent, XMLENC_NS, "EncryptedKey")
}

/// Decrypts an `EncryptedData` element of type `Element` and returns the serialised element
/// it holds (an `Assertion`), in a wiped buffer.
pub fn decrypt_element(
    encrypted_data: Node<'_, '_>,
    key: &DecryptionKey,
) -> Result<Zeroizing<String>, XmlEncError> {
    if !encrypted_data.has_tag_name((XMLENC_NS, "EncryptedData")) {
        return Err(XmlEncError::Structure);
    }
    if encrypted_data
        .attribute("Type")
        .is_some_and(|t| t != "http://www.w3.org/2001/04/xmlenc#Element")
    {
        return Err(XmlEncError::Structure);
    }
    let key_length = match algorithm(encrypted_data)? {
        AES128_GCM => 16,
        AES256_GCM => 32,
        _ => return Err(XmlEncError::Algorithm),
    };
    let transported = encrypted_key(encrypted_data)?;
    let padding = oaep(transported)?;
    let wrapped = cipher_value(transported)?;
    let content = cipher_value(encrypted_data)?;
    // From here on every failure is the same answer.
    let content_key = Zeroizing::new(
        key.0
            .decrypt(padding, &wrapped)
            .map_err(|_| XmlEncError::Undecryptable)?,
    );
    if content_key.len() != key_length || content.len() < IV_LEN + TAG_LEN {
        return Err(XmlEncError::Undecryptable);
    }
    let (iv, sealed) = content.split_at(IV_LEN);
    let nonce = Nonce::from_slice(iv);
    let plain = match key_length {
        16 => Aes128Gcm::new_from_slice(&content_key)
            .map_err(|_| XmlEncError::Undecryptable)?
            .decrypt(nonce, sealed),
        _ => Aes256Gcm::new_from_slice(&content_key)
            .map_err(|_| XmlEncError::Undecryptable)?
            .decrypt(nonce, sealed),
    }
    .map_err(|_| XmlEncError::Undecryptable)?;
    let plain = Zeroizing::new(plain);
    String::from_utf8(plain.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| XmlEncError::Undecryptable)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = include_str!("../fixtures/xmlenc/sp.key");
    const OTHER_KEY: &str = include_str!("../fixtures/xmlenc/other.key");
    const GCM_OAEP: &str = include_str!("../fixtures/xmlenc/aes256-gcm-rsa-oaep-mgf1p.xml");
    const GCM128_OAEP: &str = include_str!("../fixtures/xmlenc/aes128-gcm-rsa-oaep-mgf1p.xml");
    const CBC: &str = include_str!("../fixtures/xmlenc/aes256-cbc-rsa-oaep-mgf1p.xml");
    const RSA15: &str = include_str!("../fixtures/xmlenc/aes256-gcm-rsa-1_5.xml");

    fn open(xml: &str, key: &DecryptionKey) -> Result<Zeroizing<String>, XmlEncError> {
        let document = roxmltree::Document::parse(xml).unwrap();
        let data = document
            .descendants()
            .find(|n| n.has_tag_name((XMLENC_NS, "EncryptedData")))
            .unwrap();
        decrypt_element(data, key)
    }

    #[test]
    fn an_xmlsec1_encrypted_assertion_opens_with_the_sp_key() {
        let key = DecryptionKey::from_pem(KEY).unwrap();
        for fixture in [GCM_OAEP, GCM128_OAEP] {
            let plain = open(fixture, &key).unwrap();
            assert!(plain.contains("ID=\"assertion-1\""), "{}", plain.as_str());
            assert!(plain.contains("erika-0001"), "{}", plain.as_str());
        }
    }

    #[test]
    fn a_wrong_key_a_changed_byte_and_weak_algorithms_are_refused() {
        let key = DecryptionKey::from_pem(KEY).unwrap();
        let other = DecryptionKey::from_pem(OTHER_KEY).unwrap();
        assert_eq!(open(GCM_OAEP, &other), Err(XmlEncError::Undecryptable));
        // Flip one base64 character of the content, then of the wrapped key.
        let document = roxmltree::Document::parse(GCM_OAEP).unwrap();
        let values: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name((XMLENC_NS, "CipherValue")))
            .map(|n| n.text().unwrap().trim())
            .collect();
        assert_eq!(values.len(), 2);
        for value in values {
            let mut changed: Vec<char> = value.chars().collect();
            let at = changed.len() / 2;
            changed[at] = if changed[at] == 'A' { 'B' } else { 'A' };
            let changed: String = changed.into_iter().collect();
            let tampered = GCM_OAEP.replacen(value, &changed, 1);
            assert_eq!(open(&tampered, &key), Err(XmlEncError::Undecryptable));
        }
        assert_eq!(open(CBC, &key), Err(XmlEncError::Algorithm));
        assert_eq!(open(RSA15, &key), Err(XmlEncError::Algorithm));
        // No key at all.
        let keyless = GCM_OAEP.replacen("EncryptedKey", "EncryptedThing", 2);
        assert_eq!(open(&keyless, &key), Err(XmlEncError::Structure));
        assert!(format!("{key:?}").starts_with("DecryptionKey"));
        assert!(!format!("{key:?}").contains("0x"));
    }
}
