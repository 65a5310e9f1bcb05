//! SAML 2.0 relying party (service provider) as eIDAS nodes speak it: the `AuthnRequest`
//! (HTTP-Redirect binding, eIDAS level of assurance and requested natural-person
//! attributes; signed with our SP key when one is configured, SAML bindings §3.4.4.1), the `Response` (HTTP-POST binding) and its checks — XML signature against
//! the configured IdP certificate ([`crate::xmldsig`]), `Issuer`, `Audience`,
//! `Destination`/`Recipient`, `InResponseTo`, `NotBefore`/`NotOnOrAfter`, status — and our
//! SP metadata.
//!
//! Only the element a verified signature covers is read: a signed `Response` (then its one
//! `Assertion`) or a signed `Assertion`. Time comes from the caller (`now`).

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use roxmltree::Node;
use subtle::ConstantTimeEq as _;

use crate::config::{LevelOfAssurance, ProviderConfig};
use crate::identity::{EidFailure, EidIdentity};
use crate::xmlenc::{self, DecryptionKey};
use crate::{xmldsig, xmlguard};

mod metadata;
mod request;
mod response;
mod settings;
#[cfg(test)]
mod tests;

pub use metadata::sp_metadata;
pub use settings::{SamlSettings, SpSigning};

/// SAML 2.0 protocol namespace.
pub const PROTOCOL_NS: &str = "urn:oasis:names:tc:SAML:2.0:protocol";
/// SAML 2.0 assertion namespace.
pub const ASSERTION_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
const EIDAS_NS: &str = "http://eidas.europa.eu/saml-extensions";
const BEARER: &str = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const SUCCESS: &str = "urn:oasis:names:tc:SAML:2.0:status:Success";
/// Second-level status codes a node answers when the person stops or fails the login.
const CANCELLED: [&str; 2] = [
    "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
    "urn:oasis:names:tc:SAML:2.0:status:RequestDenied",
];
const URI_FORMAT: &str = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
const PERSON: &str = "http://eidas.europa.eu/attributes/naturalperson/";
/// The eIDAS natural-person attributes requested: (name, required).
pub const ATTRIBUTES: [(&str, bool); 4] = [
    ("PersonIdentifier", true),
    ("CurrentFamilyName", true),
    ("CurrentGivenName", true),
    ("DateOfBirth", true),
];
/// Clock skew tolerated on every time check.
const SKEW: SignedDuration = SignedDuration::from_secs(60);
/// An assertion issued longer ago than this is refused whatever its validity says.
const MAX_ASSERTION_AGE: SignedDuration = SignedDuration::from_mins(10);
/// Largest `SAMLResponse` accepted (base64 text).
const MAX_RESPONSE: usize = 256 * 1024;

/// The eIDAS `AuthnContextClassRef` of a level.
pub fn loa_uri(level: LevelOfAssurance) -> &'static str {
    match level {
        LevelOfAssurance::Low => "http://eidas.europa.eu/LoA/low",
        LevelOfAssurance::Substantial => "http://eidas.europa.eu/LoA/substantial",
        LevelOfAssurance::High => "http://eidas.europa.eu/LoA/high",
    }
}

/// Escapes text for an XML attribute value or element content.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One SAML IdP as a relying party sees it.
#[derive(Debug)]
pub struct SamlClient {
    settings: SamlSettings,
    /// Our SP decryption key, for `EncryptedAssertion`s.
    decryption: Option<Arc<DecryptionKey>>,
    /// Refuse a response whose assertion is not encrypted.
    require_encryption: bool,
}

impl SamlClient {
    /// A client for one IdP. With a decryption key in the settings, encrypted assertions
    /// are accepted (and assertions in clear refused if the settings require encryption).
    pub fn new(settings: SamlSettings) -> Self {
        let decryption = settings.decryption.as_ref().map(|d| d.key().clone());
        let require_encryption = settings
            .decryption
            .as_ref()
            .is_some_and(xmlenc::SpDecryption::required);
        Self {
            settings,
            decryption,
            require_encryption,
        }
    }

    /// Accepts assertions encrypted to `key` (RSA-OAEP, AES-GCM: see [`crate::xmlenc`]); with
    /// `required`, a response whose assertion is not encrypted is refused.
    #[must_use]
    pub fn with_decryption(mut self, key: DecryptionKey, required: bool) -> Self {
        self.decryption = Some(Arc::new(key));
        self.require_encryption = required;
        self
    }

    /// The settings.
    pub fn settings(&self) -> &SamlSettings {
        &self.settings
    }

    /// Checks a `SAMLResponse` (base64, from the HTTP-POST binding) answering the request
    /// `request_id`, and maps the assertion to an identity.
    pub fn finish(
        &self,
        provider: &ProviderConfig,
        saml_response: &str,
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        if saml_response.len() > MAX_RESPONSE {
            return Err(EidFailure::Claims);
        }
        let bytes = xmldsig::decode_base64(saml_response).ok_or(EidFailure::Claims)?;
        let text = String::from_utf8(bytes).map_err(|_| EidFailure::Claims)?;
        // No DTD (no entity expansion, no external entities), no comment, no processing
        // instruction, and small structural limits: see `xmlguard`.
        let document = xmlguard::parse(&text).map_err(|refusal| {
            tracing::info!(reason = refusal.code(), "SAML response refused");
            EidFailure::Claims
        })?;
        self.check_response(provider, &document, request_id, now)
    }
}

fn same(sent: Option<&str>, expected: &str) -> bool {
    sent.is_some_and(|sent| bool::from(sent.as_bytes().ct_eq(expected.as_bytes())))
}

fn time(text: Option<&str>) -> Option<Timestamp> {
    text?.trim().parse().ok()
}

fn children<'a, 'i>(
    node: Node<'a, 'i>,
    namespace: &'static str,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |n| n.has_tag_name((namespace, name)))
}

fn child<'a, 'i>(
    node: Node<'a, 'i>,
    namespace: &'static str,
    name: &'static str,
) -> Option<Node<'a, 'i>> {
    children(node, namespace, name).next()
}
