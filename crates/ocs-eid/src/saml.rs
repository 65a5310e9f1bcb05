//! SAML 2.0 relying party (service provider) as eIDAS nodes speak it: the `AuthnRequest`
//! (HTTP-Redirect binding, eIDAS level of assurance and requested natural-person
//! attributes; signed with our SP key when one is configured, SAML bindings §3.4.4.1), the `Response` (HTTP-POST binding) and its checks — XML signature against
//! the configured IdP certificate ([`crate::xmldsig`]), `Issuer`, `Audience`,
//! `Destination`/`Recipient`, `InResponseTo`, `NotBefore`/`NotOnOrAfter`, status — and our
//! SP metadata.
//!
//! Only the element a verified signature covers is read: a signed `Response` (then its one
//! `Assertion`) or a signed `Assertion`. Time comes from the caller (`now`).

use std::fmt;
use std::fmt::Write as _;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::{SignedDuration, Timestamp};
use roxmltree::{Document, Node};
use rsa::pkcs8::DecodePrivateKey as _;
use rsa::traits::PublicKeyParts as _;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Digest as _;
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use crate::config::{LevelOfAssurance, ProviderConfig};
use crate::identity::{EidFailure, EidIdentity};
use crate::xmldsig::{self, DsigError};
use crate::xmlenc::{self, DecryptionKey};
use crate::xmlguard;

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
    fn sign(&self, octets: &[u8]) -> Result<Vec<u8>, EidFailure> {
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

/// Escapes text for an XML attribute value or element content.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Raw DEFLATE (RFC 1951) in stored blocks: what the HTTP-Redirect binding asks for,
/// without a compressor (an `AuthnRequest` is under 2 KiB).
fn deflate_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 5 * (data.len() / 65_535 + 1));
    let mut chunks = data.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        return vec![1, 0, 0, 0xff, 0xff];
    }
    while let Some(chunk) = chunks.next() {
        out.push(u8::from(chunks.peek().is_none()));
        let len = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

fn requested_attributes() -> String {
    use std::fmt::Write as _;
    ATTRIBUTES.iter().fold(String::new(), |mut out, (name, required)| {
        let _ = write!(
            out,
            "<eidas:RequestedAttribute Name=\"{PERSON}{name}\" NameFormat=\"{URI_FORMAT}\" isRequired=\"{required}\"/>"
        );
        out
    })
}

/// Formats a time as `xs:dateTime` in UTC, to the second.
fn xs_date_time(now: Timestamp) -> String {
    now.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
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

    /// The `AuthnRequest` XML for one login.
    pub fn authn_request_xml(&self, request_id: &str, now: Timestamp) -> String {
        let s = &self.settings;
        format!(
            "<samlp:AuthnRequest xmlns:samlp=\"{PROTOCOL_NS}\" xmlns:saml=\"{ASSERTION_NS}\" xmlns:eidas=\"{EIDAS_NS}\" \
             ID=\"{id}\" Version=\"2.0\" IssueInstant=\"{instant}\" Destination=\"{destination}\" \
             AssertionConsumerServiceURL=\"{acs}\" ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" \
             ForceAuthn=\"true\" IsPassive=\"false\">\
             <saml:Issuer>{issuer}</saml:Issuer>\
             <samlp:Extensions><eidas:SPType>{sp_type}</eidas:SPType><eidas:RequestedAttributes>{attributes}</eidas:RequestedAttributes></samlp:Extensions>\
             <samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\" AllowCreate=\"true\"/>\
             <samlp:RequestedAuthnContext Comparison=\"minimum\"><saml:AuthnContextClassRef>{loa}</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>\
             </samlp:AuthnRequest>",
            id = xml_escape(request_id),
            instant = xs_date_time(now),
            destination = xml_escape(&s.sso_url),
            acs = xml_escape(&s.acs_url),
            issuer = xml_escape(&s.entity_id),
            sp_type = xml_escape(&s.sp_type),
            attributes = requested_attributes(),
            loa = loa_uri(s.requested_loa),
        )
    }

    /// The IdP URL that carries the request (HTTP-Redirect binding) and `relay_state`.
    /// With a signing key, `SigAlg` and `Signature` follow: RSA-SHA256 over the exact
    /// octets `SAMLRequest=…&RelayState=…&SigAlg=…` as they appear in the URL.
    pub fn authn_request_url(
        &self,
        request_id: &str,
        relay_state: &str,
        now: Timestamp,
    ) -> Result<String, EidFailure> {
        let xml = self.authn_request_xml(request_id, now);
        let encoded = STANDARD.encode(deflate_stored(xml.as_bytes()));
        let url = url::Url::parse(&self.settings.sso_url).map_err(|_| EidFailure::Provider)?;
        let mut query = format!(
            "SAMLRequest={}&RelayState={}",
            form_encode(&encoded),
            form_encode(relay_state)
        );
        if let Some(signing) = &self.settings.signing {
            query.push_str("&SigAlg=");
            query.push_str(&form_encode(xmldsig::RSA_SHA256));
            let signature = signing.sign(query.as_bytes())?;
            query.push_str("&Signature=");
            query.push_str(&form_encode(&STANDARD.encode(signature)));
        }
        let mut text = String::from(url);
        match text.find('?') {
            Some(at) if at + 1 < text.len() => text.push('&'),
            Some(_) => {}
            None => text.push('?'),
        }
        text.push_str(&query);
        Ok(text)
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

    fn check_response(
        &self,
        provider: &ProviderConfig,
        document: &Document<'_>,
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let s = &self.settings;
        let response = document.root_element();
        if !response.has_tag_name((PROTOCOL_NS, "Response"))
            || response.attribute("Version") != Some("2.0")
        {
            return Err(EidFailure::Claims);
        }
        if !same(response.attribute("InResponseTo"), request_id) {
            return Err(EidFailure::State);
        }
        let destination = response.attribute("Destination");
        if destination.is_some_and(|d| d != s.acs_url) {
            return Err(EidFailure::Claims);
        }
        if let Some(issuer) = child(response, ASSERTION_NS, "Issuer")
            && xmlguard::text_value(issuer) != Some(s.idp_entity_id.as_str())
        {
            return Err(EidFailure::Claims);
        }
        let status = child(response, PROTOCOL_NS, "Status")
            .and_then(|n| child(n, PROTOCOL_NS, "StatusCode"))
            .ok_or(EidFailure::Claims)?;
        if status.attribute("Value") != Some(SUCCESS) {
            // An error answer gives nothing away: no identity is read from it.
            let cancelled = status.descendants().any(|n| {
                n.has_tag_name((PROTOCOL_NS, "StatusCode"))
                    && n.attribute("Value").is_some_and(|v| CANCELLED.contains(&v))
            });
            return Err(if cancelled {
                EidFailure::Cancelled
            } else {
                EidFailure::Provider
            });
        }
        let encrypted: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name((ASSERTION_NS, "EncryptedAssertion")))
            .collect();
        if !encrypted.is_empty() || self.require_encryption {
            return self.check_encrypted(provider, response, &encrypted, request_id, now);
        }
        // Exactly one assertion anywhere, as a child of the response.
        let assertions: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
            .collect();
        let [assertion] = assertions.as_slice() else {
            return Err(EidFailure::Claims);
        };
        if assertion.parent() != Some(response) {
            return Err(EidFailure::Claims);
        }
        let signature_failure = |error: DsigError| {
            tracing::info!(%error, "SAML signature refused");
            EidFailure::Signature
        };
        // The response's signature covers the assertion inside it; otherwise the assertion
        // must carry its own. A present signature must always verify.
        let response_signed = match xmldsig::verify_enveloped(response, &s.idp_key) {
            Ok(()) => true,
            Err(DsigError::Unsigned) => false,
            Err(error) => return Err(signature_failure(error)),
        };
        // SAML core §3.2.2: a signed response must name where it was sent, or it could be
        // posted to another service provider of the same IdP.
        if response_signed && destination.is_none() {
            return Err(EidFailure::Claims);
        }
        match xmldsig::verify_enveloped(*assertion, &s.idp_key) {
            Ok(()) => {}
            Err(DsigError::Unsigned) if response_signed => {}
            Err(error) => return Err(signature_failure(error)),
        }
        self.check_assertion(provider, *assertion, request_id, now)
    }

    /// A response carrying an `EncryptedAssertion`: exactly one, a child of the response, and
    /// no assertion in clear next to it. It is decrypted with our key, parsed under the same
    /// limits as a response, and its assertion must be signed by the IdP unless the response's
    /// own signature (which covers the ciphertext) verifies. Then the usual checks apply.
    fn check_encrypted(
        &self,
        provider: &ProviderConfig,
        response: roxmltree::Node<'_, '_>,
        encrypted: &[roxmltree::Node<'_, '_>],
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let s = &self.settings;
        let (Some(key), [container]) = (&self.decryption, encrypted) else {
            tracing::warn!(
                encrypted = encrypted.len(),
                decryption_key = self.decryption.is_some(),
                "SAML assertion refused: not encrypted as this provider requires, or encrypted \
                 without a decryption key configured"
            );
            return Err(EidFailure::Provider);
        };
        if container.parent() != Some(response)
            || response
                .descendants()
                .any(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
        {
            return Err(EidFailure::Claims);
        }
        let data = container
            .children()
            .find(|n| n.has_tag_name((xmlenc::XMLENC_NS, "EncryptedData")))
            .ok_or(EidFailure::Claims)?;
        let plain = xmlenc::decrypt_element(data, key).map_err(|error| {
            tracing::info!(%error, "SAML encrypted assertion refused");
            EidFailure::Signature
        })?;
        // The decrypted element is parsed in the context it was encrypted in: the namespace
        // declarations in scope at the `EncryptedAssertion`.
        let mut wrapped = Zeroizing::new(String::from("<decrypted"));
        for namespace in container.namespaces() {
            let uri = xml_escape(namespace.uri());
            match namespace.name() {
                Some(prefix) => {
                    let _ = write!(wrapped, " xmlns:{prefix}=\"{uri}\"");
                }
                None => {
                    let _ = write!(wrapped, " xmlns=\"{uri}\"");
                }
            }
        }
        wrapped.push('>');
        wrapped.push_str(&plain);
        wrapped.push_str("</decrypted>");
        let inner = xmlguard::parse(&wrapped).map_err(|refusal| {
            tracing::info!(reason = refusal.code(), "decrypted SAML assertion refused");
            EidFailure::Claims
        })?;
        let root = inner.root_element();
        let elements: Vec<_> = root
            .children()
            .filter(roxmltree::Node::is_element)
            .collect();
        let [assertion] = elements.as_slice() else {
            return Err(EidFailure::Claims);
        };
        if !assertion.has_tag_name((ASSERTION_NS, "Assertion"))
            || root
                .descendants()
                .filter(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
                .count()
                != 1
        {
            return Err(EidFailure::Claims);
        }
        let signature_failure = |error: DsigError| {
            tracing::info!(%error, "SAML signature refused");
            EidFailure::Signature
        };
        let response_signed = match xmldsig::verify_enveloped(response, &s.idp_key) {
            Ok(()) => true,
            Err(DsigError::Unsigned) => false,
            Err(error) => return Err(signature_failure(error)),
        };
        if response_signed && response.attribute("Destination").is_none() {
            return Err(EidFailure::Claims);
        }
        match xmldsig::verify_enveloped(*assertion, &s.idp_key) {
            Ok(()) => {}
            Err(DsigError::Unsigned) if response_signed => {}
            Err(error) => return Err(signature_failure(error)),
        }
        self.check_assertion(provider, *assertion, request_id, now)
    }

    /// Subject: a bearer confirmation for our ACS, this request, still valid.
    fn confirm_subject(
        &self,
        assertion: Node<'_, '_>,
        request_id: &str,
        now: Timestamp,
    ) -> Result<(), EidFailure> {
        let s = &self.settings;
        let late = now.checked_sub(SKEW).unwrap_or(now);
        let early = now.checked_add(SKEW).unwrap_or(now);
        let subject = child(assertion, ASSERTION_NS, "Subject").ok_or(EidFailure::Claims)?;
        let mut confirmed = Err(EidFailure::Claims);
        for confirmation in children(subject, ASSERTION_NS, "SubjectConfirmation") {
            if confirmation.attribute("Method") != Some(BEARER) {
                continue;
            }
            let Some(data) = child(confirmation, ASSERTION_NS, "SubjectConfirmationData") else {
                continue;
            };
            if data.attribute("Recipient") != Some(s.acs_url.as_str()) {
                continue;
            }
            if !same(data.attribute("InResponseTo"), request_id) {
                confirmed = confirmed.or(Err(EidFailure::State));
                continue;
            }
            // SAML profiles §4.1.4.2 allow a NotBefore here too: not yet valid is refused.
            if let Some(start) = data.attribute("NotBefore") {
                match time(Some(start)) {
                    Some(start) if start <= early => {}
                    Some(_) => {
                        confirmed = Err(EidFailure::Expired);
                        continue;
                    }
                    None => return Err(EidFailure::Claims),
                }
            }
            match time(data.attribute("NotOnOrAfter")) {
                Some(until) if until > late => {
                    confirmed = Ok(());
                    break;
                }
                _ => confirmed = Err(EidFailure::Expired),
            }
        }
        confirmed
    }

    /// The checks on the signed assertion, and the identity it states.
    fn check_assertion(
        &self,
        provider: &ProviderConfig,
        assertion: Node<'_, '_>,
        request_id: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        let s = &self.settings;
        let late = now.checked_sub(SKEW).unwrap_or(now);
        let early = now.checked_add(SKEW).unwrap_or(now);
        if assertion.attribute("Version") != Some("2.0") {
            return Err(EidFailure::Claims);
        }
        if child(assertion, ASSERTION_NS, "Issuer").and_then(xmlguard::text_value)
            != Some(s.idp_entity_id.as_str())
        {
            return Err(EidFailure::Claims);
        }
        let issued = time(assertion.attribute("IssueInstant")).ok_or(EidFailure::Claims)?;
        let oldest = late.checked_sub(MAX_ASSERTION_AGE).unwrap_or(late);
        if issued > early || issued < oldest {
            return Err(EidFailure::Expired);
        }
        self.confirm_subject(assertion, request_id, now)?;
        // Conditions: the time window, and every audience restriction names us.
        let conditions = child(assertion, ASSERTION_NS, "Conditions").ok_or(EidFailure::Claims)?;
        if let Some(start) = conditions.attribute("NotBefore")
            && time(Some(start)).ok_or(EidFailure::Claims)? > early
        {
            return Err(EidFailure::Expired);
        }
        if let Some(end) = conditions.attribute("NotOnOrAfter")
            && time(Some(end)).ok_or(EidFailure::Claims)? <= late
        {
            return Err(EidFailure::Expired);
        }
        let restrictions: Vec<_> =
            children(conditions, ASSERTION_NS, "AudienceRestriction").collect();
        let ours = |restriction: &Node<'_, '_>| {
            children(*restriction, ASSERTION_NS, "Audience")
                .any(|a| xmlguard::text_value(a) == Some(s.entity_id.as_str()))
        };
        if restrictions.is_empty() || !restrictions.iter().all(ours) {
            return Err(EidFailure::Claims);
        }
        // The level of assurance: one AuthnStatement, its class reference an eIDAS level,
        // else mapped by `loa_map`, else `default_loa` when one is set; otherwise refused.
        let mut statements = children(assertion, ASSERTION_NS, "AuthnStatement");
        let (Some(statement), None) = (statements.next(), statements.next()) else {
            return Err(EidFailure::Claims);
        };
        let class_ref = match child(statement, ASSERTION_NS, "AuthnContext")
            .and_then(|n| child(n, ASSERTION_NS, "AuthnContextClassRef"))
        {
            Some(node) => Some(xmlguard::text_value(node).ok_or(EidFailure::Claims)?),
            None => None,
        };
        let loa = provider.level(class_ref).ok_or_else(|| {
            tracing::info!(provider = %provider.id, "SAML assertion with an unknown or no level of assurance");
            EidFailure::Assurance
        })?;
        if loa < provider.minimum_loa {
            return Err(EidFailure::Assurance);
        }
        // The eIDAS natural-person attributes, each required: exactly one `Attribute` of that
        // name with exactly one text-only value (a second one, a child element or a comment
        // makes it unreadable, never shorter).
        let attribute = |name: &str| -> Result<String, EidFailure> {
            let full = format!("{PERSON}{name}");
            let mut found = children(assertion, ASSERTION_NS, "AttributeStatement")
                .flat_map(|st| children(st, ASSERTION_NS, "Attribute"))
                .filter(|a| a.attribute("Name") == Some(full.as_str()));
            let (Some(attribute), None) = (found.next(), found.next()) else {
                return Err(EidFailure::Claims);
            };
            let mut values = children(attribute, ASSERTION_NS, "AttributeValue");
            let (Some(value), None) = (values.next(), values.next()) else {
                return Err(EidFailure::Claims);
            };
            xmlguard::text_value(value)
                .map(str::to_owned)
                .ok_or(EidFailure::Claims)
        };
        let person = attribute("PersonIdentifier")?;
        let family_names = attribute("CurrentFamilyName")?;
        let given_names = attribute("CurrentGivenName")?;
        let birth_date = attribute("DateOfBirth")?;
        if birth_date.parse::<jiff::civil::Date>().is_err() {
            return Err(EidFailure::Claims);
        }
        let birth_date = Some(birth_date);
        Ok(EidIdentity {
            provider: provider.id.to_string(),
            given_names,
            family_names,
            birth_date,
            subject: format!("{}\u{0}{person}", s.idp_entity_id),
            nationality: None,
            loa: loa.as_str().to_owned(),
        })
    }
}

/// Form encoding of one query value: RFC 3986 unreserved bytes (`A-Z a-z 0-9 - . _ ~`) as
/// they are, space as `+`, every other byte `%XX`. The signature covers these octets; an IdP
/// that rebuilds them by re-encoding the decoded values (pysaml2 and others do) gets the
/// same bytes, because this is the encoding they use too.
fn form_encode(value: &str) -> String {
    use std::fmt::Write as _;
    value.bytes().fold(String::new(), |mut out, b| {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else if b == b' ' {
            out.push('+');
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        out
    })
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

/// Our SP metadata for one provider (SAML 2.0 metadata; what an eIDAS node registers).
pub fn sp_metadata(settings: &SamlSettings) -> String {
    let (signed, key_descriptor) = match &settings.signing {
        Some(signing) => (
            "true",
            format!(
                "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\
                 <ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data>\
                 </ds:KeyInfo></md:KeyDescriptor>",
                STANDARD.encode(signing.certificate_der())
            ),
        ),
        None => ("false", String::new()),
    };
    let key_descriptor = match &settings.decryption {
        Some(decryption) => format!(
            "{key_descriptor}<md:KeyDescriptor use=\"encryption\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\
             <ds:X509Data><ds:X509Certificate>{}</ds:X509Certificate></ds:X509Data>\
             </ds:KeyInfo>{}</md:KeyDescriptor>",
            STANDARD.encode(decryption.certificate_der()),
            xmlenc::ACCEPTED_ALGORITHMS
                .iter()
                .fold(String::new(), |mut out, algorithm| {
                    let _ = write!(out, "<md:EncryptionMethod Algorithm=\"{algorithm}\"/>");
                    out
                })
        ),
        None => key_descriptor,
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"{entity}\">\
         <md:SPSSODescriptor AuthnRequestsSigned=\"{signed}\" WantAssertionsSigned=\"true\" \
         protocolSupportEnumeration=\"{PROTOCOL_NS}\">{key_descriptor}\
         <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\
         <md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" \
         Location=\"{acs}\" index=\"0\" isDefault=\"true\"/>\
         </md:SPSSODescriptor></md:EntityDescriptor>\n",
        entity = xml_escape(&settings.entity_id),
        acs = xml_escape(&settings.acs_url),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ProviderId;

    // Generated by scripts/saml/idp.py (pysaml2 + xmlsec1) for the request `_abc123`.
    const RESPONSE: &str = include_str!("../fixtures/saml-response.xml");
    const CANCEL: &str = include_str!("../fixtures/saml-cancel.xml");
    const IDP_CERT: &str = include_str!("../fixtures/saml-idp.pem");
    const REQUEST: &str = "_abc123";

    fn client(entity_id: &str) -> SamlClient {
        SamlClient::new(SamlSettings {
            sso_url: "http://127.0.0.1:44861/sso/redirect".into(),
            idp_entity_id: "http://127.0.0.1:44861/idp".into(),
            idp_key: xmldsig::rsa_key_from_pem(IDP_CERT).unwrap(),
            entity_id: entity_id.into(),
            acs_url: "http://127.0.0.1:9999/eid/saml/acs".into(),
            requested_loa: LevelOfAssurance::Substantial,
            sp_type: "public".into(),
            signing: None,
            decryption: None,
        })
    }

    fn ours() -> SamlClient {
        client("http://127.0.0.1:9999/eid/saml/metadata")
    }

    fn provider(minimum: LevelOfAssurance) -> ProviderConfig {
        ProviderConfig {
            id: ProviderId::parse("de-eidas").unwrap(),
            label: "eIDAS".into(),
            protocol: crate::config::Protocol::Saml(ours().settings.clone()),
            nationalities: Vec::new(),
            initiatives: Vec::new(),
            loa_map: std::collections::BTreeMap::new(),
            default_loa: None,
            minimum_loa: minimum,
        }
    }

    fn issued() -> Timestamp {
        "2026-11-23T16:36:09Z".parse().unwrap()
    }

    fn check(
        client: &SamlClient,
        xml: &str,
        request: &str,
        now: Timestamp,
    ) -> Result<EidIdentity, EidFailure> {
        client.finish(
            &provider(LevelOfAssurance::Substantial),
            &STANDARD.encode(xml),
            request,
            now,
        )
    }

    #[test]
    fn the_pysaml2_assertion_gives_the_eidas_identity() {
        let identity = check(&ours(), RESPONSE, REQUEST, issued()).unwrap();
        assert_eq!(identity.given_names, "Erika");
        assert_eq!(identity.family_names, "Mustermann");
        assert_eq!(identity.birth_date.as_deref(), Some("1964-08-12"));
        assert_eq!(
            identity.subject,
            "http://127.0.0.1:44861/idp\u{0}DE/DE/erika-0001"
        );
        assert_eq!(identity.loa, "substantial");
        assert_eq!(identity.provider, "de-eidas");
    }

    const ENCRYPTED: &str = include_str!("../fixtures/xmlenc/saml-response-encrypted.xml");
    const SP_DECRYPTION_KEY: &str = include_str!("../fixtures/xmlenc/sp.key");
    const OTHER_KEY: &str = include_str!("../fixtures/xmlenc/other.key");

    fn decrypting(key: &str, required: bool) -> SamlClient {
        ours().with_decryption(DecryptionKey::from_pem(key).unwrap(), required)
    }

    #[test]
    fn an_encrypted_assertion_gives_the_identity_with_the_sp_key() {
        let plain = check(&ours(), RESPONSE, REQUEST, issued()).unwrap();
        let identity = check(
            &decrypting(SP_DECRYPTION_KEY, true),
            ENCRYPTED,
            REQUEST,
            issued(),
        )
        .unwrap();
        assert_eq!(identity.given_names, "Erika");
        assert!(
            identity == plain,
            "the same identity as from the assertion in clear"
        );
    }

    #[test]
    fn encrypted_assertions_that_do_not_open_and_plain_ones_where_encryption_is_required_are_refused()
     {
        let now = issued();
        // No decryption key configured: refused as before.
        assert_eq!(
            check(&ours(), ENCRYPTED, REQUEST, now),
            Err(EidFailure::Provider)
        );
        // Encrypted to another key.
        assert_eq!(
            check(&decrypting(OTHER_KEY, false), ENCRYPTED, REQUEST, now),
            Err(EidFailure::Signature)
        );
        // One changed character in the wrapped key or in the content.
        let document = roxmltree::Document::parse(ENCRYPTED).unwrap();
        let values: Vec<String> = document
            .descendants()
            .filter(|n| n.has_tag_name((xmlenc::XMLENC_NS, "CipherValue")))
            .map(|n| n.text().unwrap().trim().to_owned())
            .collect();
        assert_eq!(values.len(), 2);
        for value in &values {
            let mut changed: Vec<char> = value.chars().collect();
            let at = changed.len() / 2;
            changed[at] = if changed[at] == 'A' { 'B' } else { 'A' };
            let tampered =
                ENCRYPTED.replacen(value.as_str(), &changed.into_iter().collect::<String>(), 1);
            assert_eq!(
                check(
                    &decrypting(SP_DECRYPTION_KEY, false),
                    &tampered,
                    REQUEST,
                    now
                ),
                Err(EidFailure::Signature)
            );
        }
        // A weak content algorithm is refused before any decryption.
        let cbc = ENCRYPTED.replacen("xmlenc11#aes256-gcm", "xmlenc#aes256-cbc", 1);
        assert_eq!(
            check(&decrypting(SP_DECRYPTION_KEY, false), &cbc, REQUEST, now),
            Err(EidFailure::Signature)
        );
        // In clear: accepted unless the provider requires encryption.
        assert!(
            check(
                &decrypting(SP_DECRYPTION_KEY, false),
                RESPONSE,
                REQUEST,
                now
            )
            .is_ok()
        );
        assert_eq!(
            check(&decrypting(SP_DECRYPTION_KEY, true), RESPONSE, REQUEST, now),
            Err(EidFailure::Provider)
        );
        // An encrypted assertion with one in clear next to it.
        let start = RESPONSE.find("<ns1:Assertion ").unwrap();
        let end = RESPONSE.find("</ns1:Assertion>").unwrap() + "</ns1:Assertion>".len();
        let both = ENCRYPTED.replacen(
            "</ns0:Response>",
            &format!("{}</ns0:Response>", &RESPONSE[start..end]),
            1,
        );
        assert_eq!(
            check(&decrypting(SP_DECRYPTION_KEY, false), &both, REQUEST, now),
            Err(EidFailure::Claims)
        );
        // Still the right request, time and audience after decryption.
        assert_eq!(
            check(
                &decrypting(SP_DECRYPTION_KEY, true),
                ENCRYPTED,
                "_another",
                now
            ),
            Err(EidFailure::State)
        );
    }

    #[test]
    fn each_wrong_part_is_refused() {
        let now = issued();
        let tampered = RESPONSE.replace(">Mustermann<", ">Musterfrau<");
        assert_eq!(
            check(&ours(), &tampered, REQUEST, now),
            Err(EidFailure::Signature)
        );
        let other_sp = client("https://another-sp.example/metadata");
        assert_eq!(
            check(&other_sp, RESPONSE, REQUEST, now),
            Err(EidFailure::Claims)
        );
        assert_eq!(
            check(&ours(), RESPONSE, "_another", now),
            Err(EidFailure::State)
        );
        let later = now.checked_add(SignedDuration::from_mins(7)).unwrap();
        assert_eq!(
            check(&ours(), RESPONSE, REQUEST, later),
            Err(EidFailure::Expired)
        );
        let earlier = now.checked_sub(SignedDuration::from_mins(5)).unwrap();
        assert_eq!(
            check(&ours(), RESPONSE, REQUEST, earlier),
            Err(EidFailure::Expired)
        );
        let high = ours().finish(
            &provider(LevelOfAssurance::High),
            &STANDARD.encode(RESPONSE),
            REQUEST,
            now,
        );
        assert_eq!(high, Err(EidFailure::Assurance));
        assert_eq!(
            check(&ours(), CANCEL, REQUEST, now),
            Err(EidFailure::Cancelled)
        );
        assert_eq!(
            check(&ours(), "<not-saml/>", REQUEST, now),
            Err(EidFailure::Claims)
        );
        let dtd = format!(
            "<!DOCTYPE x [<!ENTITY e \"x\">]>{}",
            RESPONSE.trim_start_matches("<?xml version=\"1.0\"?>")
        );
        assert_eq!(check(&ours(), &dtd, REQUEST, now), Err(EidFailure::Claims));
    }

    /// Signature wrapping: the signed assertion moved aside, a forged one in its place.
    #[test]
    fn a_wrapped_forged_assertion_is_refused() {
        let document = Document::parse(RESPONSE).unwrap();
        let signed = document
            .descendants()
            .find(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
            .unwrap();
        let original = &RESPONSE[signed.range()];
        let forged = original
            .replace(">Mustermann<", ">Forged<")
            .replace(signed.attribute("ID").unwrap(), "id-forged");
        let forged = forged[..forged.find("<ns2:Signature").unwrap()].to_owned()
            + &forged[forged.find("</ns2:Signature>").unwrap() + "</ns2:Signature>".len()..];
        // The genuine signed assertion hidden in an extension, the forged one unsigned.
        let wrapped = RESPONSE.replace(
            original,
            &format!("<ns0:Extensions>{original}</ns0:Extensions>{forged}"),
        );
        assert_eq!(
            check(&ours(), &wrapped, REQUEST, issued()),
            Err(EidFailure::Claims)
        );
        // The forged assertion alone, carrying the genuine signature (which covers the
        // other ID): refused by the reference check.
        let with_signature = RESPONSE.replace(">Mustermann<", ">Forged<").replace(
            &format!(
                "<ns1:Assertion Version=\"2.0\" ID=\"{}\"",
                signed.attribute("ID").unwrap()
            ),
            "<ns1:Assertion Version=\"2.0\" ID=\"id-forged\"",
        );
        assert_eq!(
            check(&ours(), &with_signature, REQUEST, issued()),
            Err(EidFailure::Signature)
        );
    }

    #[test]
    fn the_request_carries_the_eidas_fields() {
        let xml = ours().authn_request_xml("_r1", issued());
        let document = Document::parse(&xml).unwrap();
        let root = document.root_element();
        assert_eq!(root.attribute("ID"), Some("_r1"));
        assert_eq!(root.attribute("IssueInstant"), Some("2026-11-23T16:36:09Z"));
        assert_eq!(
            root.attribute("Destination"),
            Some("http://127.0.0.1:44861/sso/redirect")
        );
        assert_eq!(
            root.attribute("AssertionConsumerServiceURL"),
            Some("http://127.0.0.1:9999/eid/saml/acs")
        );
        assert!(
            xml.contains(">http://eidas.europa.eu/LoA/substantial</saml:AuthnContextClassRef>")
        );
        assert!(xml.contains("naturalperson/PersonIdentifier"));
        let url = ours().authn_request_url("_r1", "relay", issued()).unwrap();
        assert!(
            url.starts_with("http://127.0.0.1:44861/sso/redirect?SAMLRequest="),
            "{url}"
        );
        assert!(url.ends_with("&RelayState=relay"), "{url}");
    }

    const SP_KEY: &str = include_str!("../fixtures/saml-sp.key");
    const SP_CERT: &str = include_str!("../fixtures/saml-sp.pem");

    fn signing() -> SamlClient {
        let mut settings = ours().settings.clone();
        settings.signing = Some(SpSigning::from_pem(SP_KEY, SP_CERT).unwrap());
        SamlClient::new(settings)
    }

    #[test]
    fn a_signed_request_verifies_over_the_exact_octets() {
        let url = signing()
            .authn_request_url("_r1", "relay state/+~", issued())
            .unwrap();
        let query = url.split_once('?').unwrap().1;
        let (signed, signature) = query.split_once("&Signature=").unwrap();
        assert!(signed.starts_with("SAMLRequest="), "{signed}");
        assert!(
            signed.ends_with(
                "&RelayState=relay+state%2F%2B~&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256"
            ),
            "{signed}"
        );
        let signature: String = url::form_urlencoded::parse(format!("s={signature}").as_bytes())
            .next()
            .unwrap()
            .1
            .into_owned();
        let signature = STANDARD.decode(signature).unwrap();
        let public = xmldsig::rsa_key_from_pem(SP_CERT).unwrap();
        let scheme = || rsa::Pkcs1v15Sign {
            hash_len: Some(32),
            prefix: xmldsig::SHA256_DIGEST_INFO.to_vec().into_boxed_slice(),
        };
        public
            .verify(
                scheme(),
                &sha2::Sha256::digest(signed.as_bytes()),
                &signature,
            )
            .unwrap();
        // Any other octets (here the relay state changed) do not verify.
        let other = signed.replace("relay+state", "relay+stat3");
        assert!(
            public
                .verify(
                    scheme(),
                    &sha2::Sha256::digest(other.as_bytes()),
                    &signature
                )
                .is_err()
        );
        // Unsigned without a key.
        let plain = ours().authn_request_url("_r1", "r", issued()).unwrap();
        assert!(
            !plain.contains("SigAlg") && !plain.contains("Signature"),
            "{plain}"
        );
    }

    #[test]
    fn the_metadata_carries_the_signing_certificate() {
        let metadata = sp_metadata(signing().settings());
        let document = Document::parse(&metadata).unwrap();
        let md = "urn:oasis:names:tc:SAML:2.0:metadata";
        let sp = document
            .descendants()
            .find(|n| n.has_tag_name((md, "SPSSODescriptor")))
            .unwrap();
        assert_eq!(sp.attribute("AuthnRequestsSigned"), Some("true"));
        let descriptor = sp.first_element_child().unwrap();
        assert!(descriptor.has_tag_name((md, "KeyDescriptor")));
        assert_eq!(descriptor.attribute("use"), Some("signing"));
        let published = descriptor
            .descendants()
            .find(|n| n.has_tag_name((xmldsig::DSIG_NS, "X509Certificate")))
            .and_then(|n| n.text())
            .unwrap();
        let pem = format!("-----BEGIN CERTIFICATE-----\n{published}\n-----END CERTIFICATE-----\n");
        assert_eq!(
            xmldsig::rsa_key_from_pem(&pem).unwrap(),
            xmldsig::rsa_key_from_pem(SP_CERT).unwrap()
        );
        let unsigned = sp_metadata(ours().settings());
        assert!(unsigned.contains("AuthnRequestsSigned=\"false\""));
        assert!(!unsigned.contains("KeyDescriptor"));
    }

    const SP_DECRYPTION_CERT: &str = include_str!("../fixtures/xmlenc/sp.pem");

    /// A client whose settings carry the decryption key, as the configuration builds it.
    fn configured_decryption(required: bool) -> SamlClient {
        let mut settings = signing().settings.clone();
        settings.decryption = Some(
            xmlenc::SpDecryption::from_pem(SP_DECRYPTION_KEY, SP_DECRYPTION_CERT, required)
                .unwrap(),
        );
        SamlClient::new(settings)
    }

    #[test]
    fn the_metadata_publishes_the_encryption_certificate_and_the_settings_key_decrypts() {
        let client = configured_decryption(true);
        let metadata = sp_metadata(client.settings());
        let document = Document::parse(&metadata).unwrap();
        let md = "urn:oasis:names:tc:SAML:2.0:metadata";
        let descriptors: Vec<_> = document
            .descendants()
            .filter(|n| n.has_tag_name((md, "KeyDescriptor")))
            .collect();
        assert_eq!(
            descriptors
                .iter()
                .map(|d| d.attribute("use").unwrap())
                .collect::<Vec<_>>(),
            ["signing", "encryption"]
        );
        let published = descriptors[1]
            .descendants()
            .find(|n| n.has_tag_name((xmldsig::DSIG_NS, "X509Certificate")))
            .and_then(|n| n.text())
            .unwrap();
        let pem = format!("-----BEGIN CERTIFICATE-----\n{published}\n-----END CERTIFICATE-----\n");
        assert_eq!(
            xmldsig::rsa_key_from_pem(&pem).unwrap(),
            xmldsig::rsa_key_from_pem(SP_DECRYPTION_CERT).unwrap()
        );
        let methods: Vec<_> = descriptors[1]
            .children()
            .filter(|n| n.has_tag_name((md, "EncryptionMethod")))
            .filter_map(|n| n.attribute("Algorithm"))
            .collect();
        assert_eq!(methods, xmlenc::ACCEPTED_ALGORITHMS);
        // The key from the settings opens the encrypted fixture; an assertion in clear is
        // refused because the settings require encryption, accepted when they do not.
        let identity = check(&client, ENCRYPTED, REQUEST, issued()).unwrap();
        assert_eq!(identity.family_names, "Mustermann");
        assert_eq!(
            check(&client, RESPONSE, REQUEST, issued()).unwrap_err(),
            EidFailure::Provider
        );
        assert!(check(&configured_decryption(false), RESPONSE, REQUEST, issued()).is_ok());
        // A certificate of another key is refused.
        assert_eq!(
            xmlenc::SpDecryption::from_pem(SP_DECRYPTION_KEY, SP_CERT, true).unwrap_err(),
            "the certificate is not for this key"
        );
    }

    #[test]
    fn a_wrong_signing_key_is_refused() {
        let other_cert = include_str!("../fixtures/saml-idp.pem");
        assert!(
            SpSigning::from_pem(SP_KEY, other_cert)
                .unwrap_err()
                .contains("not for this key")
        );
        assert!(
            SpSigning::from_pem(SP_CERT, SP_CERT)
                .unwrap_err()
                .contains("PKCS#8")
        );
    }

    #[test]
    fn stored_deflate_blocks_are_valid_rfc_1951() {
        // Header bit BFINAL, type 00, then LEN and its complement, then the bytes.
        assert_eq!(
            deflate_stored(b"abc"),
            [1, 3, 0, 0xfc, 0xff, b'a', b'b', b'c']
        );
        let big = vec![7u8; 70_000];
        let out = deflate_stored(&big);
        assert_eq!(out[0], 0);
        assert_eq!(out[65_535 + 5], 1);
        assert_eq!(out.len(), 70_000 + 10);
    }
}
