//! A SAML provider's settings, and our SP request-signing key.

use std::fmt;
use std::sync::Arc;

use rsa::pkcs8::DecodePrivateKey as _;
use rsa::traits::PublicKeyParts as _;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Digest as _;

use crate::config::LevelOfAssurance;
use crate::identity::EidFailure;
use crate::{xmldsig, xmlenc};

/// SAML settings of one provider (an eIDAS node or another SAML 2.0 IdP).
#[derive(Clone)]
pub struct SamlSettings {
    /// The IdP's `SingleSignOnService` URL for the HTTP-Redirect binding.
    pub sso_url: String,
    /// The IdP's entity ID: the `Issuer` its responses and assertions must carry.
    pub idp_entity_id: String,
    /// The IdP's signing key (from its certificate).
    pub idp_key: RsaPublicKey,
    /// Our SP entity ID at this IdP: the `Issuer` of our requests and the `Audience`
    /// required in assertions (default `{public_url}/eid/saml/metadata/{provider}`).
    pub entity_id: String,
    /// Our assertion consumer service (`{public_url}/eid/saml/acs`).
    pub acs_url: String,
    /// The level asked for (`Comparison="minimum"`).
    pub requested_loa: LevelOfAssurance,
    /// eIDAS `SPType`: `public` or `private`.
    pub sp_type: String,
    /// Our request-signing key and certificate; `None` sends requests unsigned.
    pub signing: Option<SpSigning>,
    /// Our decryption key and its certificate (published for `EncryptedAssertion`s), and
    /// whether an assertion in clear is refused; `None` accepts only assertions in clear.
    pub decryption: Option<xmlenc::SpDecryption>,
}

/// Our SP signing key (RSA, at least 2048 bits) and the certificate published for it in our
/// metadata. The private key is zeroised when the last copy is dropped.
#[derive(Clone)]
pub struct SpSigning {
    key: Arc<RsaPrivateKey>,
    certificate_der: Vec<u8>,
}

impl fmt::Debug for SpSigning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SpSigning").finish_non_exhaustive()
    }
}

impl SpSigning {
    /// Reads a PKCS#8 PEM RSA private key and its PEM X.509 certificate; the certificate must
    /// carry the key's public half.
    pub fn from_pem(key_pem: &str, certificate_pem: &str) -> Result<Self, String> {
        let key = RsaPrivateKey::from_pkcs8_pem(key_pem.trim())
            .map_err(|_| "the key is not a PKCS#8 PEM RSA private key".to_owned())?;
        if key.n().bits() < xmldsig::MIN_RSA_BITS {
            return Err(format!(
                "the RSA key has fewer than {} bits",
                xmldsig::MIN_RSA_BITS
            ));
        }
        let (certificate_der, public) = xmldsig::certificate_from_pem(certificate_pem)?;
        if public != key.to_public_key() {
            return Err("the certificate is not for this key".into());
        }
        Ok(Self {
            key: Arc::new(key),
            certificate_der,
        })
    }

    /// The certificate (DER).
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256 over `octets`.
    pub(super) fn sign(&self, octets: &[u8]) -> Result<Vec<u8>, EidFailure> {
        let hashed = sha2::Sha256::digest(octets);
        let scheme = rsa::Pkcs1v15Sign {
            hash_len: Some(32),
            prefix: xmldsig::SHA256_DIGEST_INFO.to_vec().into_boxed_slice(),
        };
        self.key
            .sign(scheme, &hashed)
            .map_err(|_| EidFailure::Provider)
    }
}

impl fmt::Debug for SamlSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SamlSettings")
            .field("sso_url", &self.sso_url)
            .field("idp_entity_id", &self.idp_entity_id)
            .field("entity_id", &self.entity_id)
            .finish_non_exhaustive()
    }
}
