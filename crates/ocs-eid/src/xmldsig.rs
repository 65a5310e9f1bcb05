//! XML Signature verification for SAML: exclusive XML canonicalisation 1.0 (without comments,
//! with an optional `InclusiveNamespaces` prefix list) over a parsed document, and one
//! *enveloped* RSA-SHA256 signature with a SHA-256 digest, checked against one trusted key.
//!
//! Only what SAML identity providers and eIDAS nodes send is accepted: one `Reference` whose
//! `URI` names the signed element's own `ID`, the enveloped-signature and exc-c14n transforms,
//! and nothing else (no `XPath`, no other algorithms, no keys taken from the message). The caller
//! then reads only the element the signature covers ([`verify_enveloped`] checks that the
//! signature is a child of it and that its `ID` is unique in the document), which is what
//! stops signature-wrapping attacks.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use roxmltree::{Document, Node};
use rsa::RsaPublicKey;
use sha2::Digest as _;
use subtle::ConstantTimeEq as _;

mod c14n;
mod keys;

pub use c14n::canonicalize;
pub use keys::{certificate_from_pem, rsa_key_from_pem};

/// The XML-DSig namespace.
pub const DSIG_NS: &str = "http://www.w3.org/2000/09/xmldsig#";
const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
pub(crate) const RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
/// DER `DigestInfo` prefix of a SHA-256 hash (RFC 8017 §9.2, note 1).
pub(crate) const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];
/// Smallest RSA key accepted from a configuration.
pub(crate) const MIN_RSA_BITS: usize = 2048;

/// Why a signature was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DsigError {
    /// The element carries no signature.
    #[error("not signed")]
    Unsigned,
    /// The signature's structure is not the one SAML uses.
    #[error("malformed signature: {0}")]
    Malformed(&'static str),
    /// An algorithm or transform outside the accepted set.
    #[error("unsupported: {0}")]
    Unsupported(&'static str),
    /// The signed element was changed after signing.
    #[error("digest mismatch")]
    Digest,
    /// The signature does not verify with the trusted key.
    #[error("bad signature value")]
    Signature,
    /// A structural limit (named) was exceeded; nothing was canonicalised.
    #[error("over the limit: {0}")]
    Limit(&'static str),
}

/// Standard base64 with any whitespace (XML line-wraps signature values) removed.
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD.decode(compact).ok()
}

fn dsig_children<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

fn expect<'a, 'i>(
    node: Option<Node<'a, 'i>>,
    name: &'static str,
) -> Result<Node<'a, 'i>, DsigError> {
    node.filter(|n| n.has_tag_name((DSIG_NS, name)))
        .ok_or(DsigError::Malformed(name))
}

/// Most prefixes in an `InclusiveNamespaces` `PrefixList`, and its longest text: each prefix
/// is looked up on every canonicalised element (identity providers send one to three).
pub const MAX_INCLUSIVE_PREFIXES: usize = 16;
const MAX_PREFIX_LIST_BYTES: usize = 512;

/// The `PrefixList` of an exc-c14n `InclusiveNamespaces` child, if any, within the limits.
fn prefix_list<'a>(method: Node<'a, '_>) -> Result<Vec<&'a str>, DsigError> {
    let mut lists = method
        .children()
        .filter(|c| c.has_tag_name((EXC_C14N, "InclusiveNamespaces")));
    let Some(list) = lists.next() else {
        return Ok(Vec::new());
    };
    if lists.next().is_some() {
        return Err(DsigError::Malformed("several InclusiveNamespaces"));
    }
    let text = list.attribute("PrefixList").unwrap_or("");
    if text.len() > MAX_PREFIX_LIST_BYTES {
        return Err(DsigError::Limit("prefix list"));
    }
    let prefixes: Vec<&str> = text.split_ascii_whitespace().collect();
    if prefixes.len() > MAX_INCLUSIVE_PREFIXES {
        return Err(DsigError::Limit("prefix list"));
    }
    Ok(prefixes)
}

/// The elements of `document` whose `ID` attribute is `id`.
pub fn elements_with_id<'a, 'i>(document: &'a Document<'i>, id: &str) -> Vec<Node<'a, 'i>> {
    document
        .descendants()
        .filter(|n| n.is_element() && n.attribute("ID") == Some(id))
        .collect()
}

/// Verifies the enveloped signature of `element` (a SAML `Response` or `Assertion`) against
/// `key`. Succeeds only when `element` has exactly one `ds:Signature` child whose one
/// `Reference` points at `element` itself by an `ID` no other element of the document has,
/// the digest of `element` (without the signature) matches, and the signature value over the
/// canonical `SignedInfo` verifies. Nothing outside `element` is covered.
pub fn verify_enveloped(element: Node<'_, '_>, key: &RsaPublicKey) -> Result<(), DsigError> {
    let signatures: Vec<_> = dsig_children(element)
        .filter(|n| n.has_tag_name((DSIG_NS, "Signature")))
        .collect();
    let signature = match signatures.as_slice() {
        [] => return Err(DsigError::Unsigned),
        [one] => *one,
        _ => return Err(DsigError::Malformed("several signatures")),
    };
    let id = element.attribute("ID").ok_or(DsigError::Malformed("ID"))?;
    if elements_with_id(element.document(), id).len() != 1 {
        return Err(DsigError::Malformed("ID not unique"));
    }
    let mut parts = dsig_children(signature);
    let signed_info = expect(parts.next(), "SignedInfo")?;
    let value = expect(parts.next(), "SignatureValue")?;

    let mut info = dsig_children(signed_info);
    let c14n = expect(info.next(), "CanonicalizationMethod")?;
    if c14n.attribute("Algorithm") != Some(EXC_C14N) {
        return Err(DsigError::Unsupported("canonicalisation"));
    }
    let method = expect(info.next(), "SignatureMethod")?;
    if method.attribute("Algorithm") != Some(RSA_SHA256) {
        return Err(DsigError::Unsupported("signature method"));
    }
    let reference = expect(info.next(), "Reference")?;
    if info.next().is_some() {
        return Err(DsigError::Malformed("more than one reference"));
    }
    if reference.attribute("URI").and_then(|u| u.strip_prefix('#')) != Some(id) {
        return Err(DsigError::Malformed("reference URI"));
    }

    let mut steps = dsig_children(reference).peekable();
    let mut enveloped = false;
    let mut reference_prefixes = None;
    if let Some(transforms) = steps.next_if(|n| n.has_tag_name((DSIG_NS, "Transforms"))) {
        for transform in dsig_children(transforms) {
            let transform = expect(Some(transform), "Transform")?;
            match transform.attribute("Algorithm") {
                Some(ENVELOPED) if !enveloped => enveloped = true,
                Some(EXC_C14N) if reference_prefixes.is_none() => {
                    reference_prefixes = Some(prefix_list(transform)?);
                }
                _ => return Err(DsigError::Unsupported("transform")),
            }
        }
    }
    let (true, Some(reference_prefixes)) = (enveloped, reference_prefixes) else {
        return Err(DsigError::Unsupported("transforms"));
    };
    let digest_method = expect(steps.next(), "DigestMethod")?;
    if digest_method.attribute("Algorithm") != Some(SHA256) {
        return Err(DsigError::Unsupported("digest method"));
    }
    let digest_value = expect(steps.next(), "DigestValue")?;
    if steps.next().is_some() {
        return Err(DsigError::Malformed("Reference"));
    }
    let expected = decode_base64(digest_value.text().unwrap_or(""))
        .ok_or(DsigError::Malformed("DigestValue"))?;
    let signed_prefixes = prefix_list(c14n)?;

    // The signature over the small SignedInfo first: whoever lacks the key gets no
    // canonicalisation of the (larger, attacker-shaped) signed element.
    let signed = canonicalize(signed_info, None, &signed_prefixes);
    let hashed = sha2::Sha256::digest(signed.as_bytes());
    let value =
        decode_base64(value.text().unwrap_or("")).ok_or(DsigError::Malformed("SignatureValue"))?;
    let scheme = rsa::Pkcs1v15Sign {
        hash_len: Some(32),
        prefix: SHA256_DIGEST_INFO.to_vec().into_boxed_slice(),
    };
    key.verify(scheme, &hashed, &value)
        .map_err(|_| DsigError::Signature)?;

    let canonical = canonicalize(element, Some(signature.id()), &reference_prefixes);
    let digest = sha2::Sha256::digest(canonical.as_bytes());
    if bool::from(digest.as_slice().ct_eq(&expected)) {
        Ok(())
    } else {
        Err(DsigError::Digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESPONSE: &str = include_str!("../fixtures/saml-response.xml");
    const CANCEL: &str = include_str!("../fixtures/saml-cancel.xml");
    const IDP_CERT: &str = include_str!("../fixtures/saml-idp.pem");
    const ASSERTION_NS: &str = "urn:oasis:names:tc:SAML:2.0:assertion";

    fn key() -> RsaPublicKey {
        rsa_key_from_pem(IDP_CERT).unwrap()
    }

    fn assertion<'a, 'i>(document: &'a Document<'i>) -> Node<'a, 'i> {
        document
            .descendants()
            .find(|n| n.has_tag_name((ASSERTION_NS, "Assertion")))
            .unwrap()
    }

    #[test]
    fn canonical_form_follows_the_exclusive_c14n_rules() {
        // Namespaces only where used, attributes sorted (unqualified first, then by
        // namespace URI), empty elements expanded, comments dropped, text and attribute
        // escapes, the default namespace undeclared where an element leaves it.
        let xml = "<?xml version=\"1.0\"?>\n<r xmlns=\"urn:d\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns:u=\"urn:unused\">\
            <a:e b:z=\"1\" y=\"2&#10;&amp;\" a:x='\"'><!-- gone --><n xmlns=\"\">x &gt; y &amp; &lt;z</n><a:f/></a:e></r>";
        let document = Document::parse(xml).unwrap();
        let e = document.root_element().first_element_child().unwrap();
        assert_eq!(
            canonicalize(e, None, &[]),
            "<a:e xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" y=\"2&#xA;&amp;\" a:x=\"&quot;\" b:z=\"1\">\
             <n>x &gt; y &amp; &lt;z</n><a:f></a:f></a:e>"
        );
        assert_eq!(
            canonicalize(document.root_element(), None, &[]),
            "<r xmlns=\"urn:d\"><a:e xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" y=\"2&#xA;&amp;\" a:x=\"&quot;\" b:z=\"1\">\
             <n xmlns=\"\">x &gt; y &amp; &lt;z</n><a:f></a:f></a:e></r>"
        );
        // An inclusive prefix is rendered even where it is not used.
        assert_eq!(
            canonicalize(e.last_element_child().unwrap(), None, &["u"]),
            "<a:f xmlns:a=\"urn:a\" xmlns:u=\"urn:unused\"></a:f>"
        );
    }

    #[test]
    fn the_assertion_signed_by_pysaml2_verifies() {
        let document = Document::parse(RESPONSE).unwrap();
        assert_eq!(verify_enveloped(assertion(&document), &key()), Ok(()));
        // The response itself is not signed (only its assertion is).
        assert_eq!(
            verify_enveloped(document.root_element(), &key()),
            Err(DsigError::Unsigned)
        );
        let cancel = Document::parse(CANCEL).unwrap();
        assert_eq!(verify_enveloped(cancel.root_element(), &key()), Ok(()));
    }

    #[test]
    fn a_value_changed_after_signing_is_refused() {
        let tampered = RESPONSE.replace(">Mustermann<", ">Musterfrau<");
        assert_ne!(tampered, RESPONSE);
        let document = Document::parse(&tampered).unwrap();
        assert_eq!(
            verify_enveloped(assertion(&document), &key()),
            Err(DsigError::Digest)
        );
    }

    #[test]
    fn a_changed_signed_info_or_another_key_is_refused() {
        let start = RESPONSE.find("<ns2:DigestValue>").unwrap() + "<ns2:DigestValue>".len();
        let mut digest = RESPONSE.as_bytes()[start..start + 4].to_vec();
        digest[0] = if digest[0] == b'A' { b'B' } else { b'A' };
        let forged = format!(
            "{}{}{}",
            &RESPONSE[..start],
            String::from_utf8(digest).unwrap(),
            &RESPONSE[start + 4..]
        );
        // The SignedInfo is checked first: a changed DigestValue breaks the signature, and
        // the signed element is never canonicalised for someone without the key.
        let document = Document::parse(&forged).unwrap();
        assert_eq!(
            verify_enveloped(assertion(&document), &key()),
            Err(DsigError::Signature)
        );
        // Content changed and signed with another key: the signature, not the digest.
        let tampered = RESPONSE.replace(">Mustermann<", ">Musterfrau<");
        let document = Document::parse(&tampered).unwrap();
        let other = rsa_key_from_pem(include_str!("../fixtures/saml-other.pem")).unwrap();
        assert_eq!(
            verify_enveloped(assertion(&document), &other),
            Err(DsigError::Signature)
        );
        let other = rsa_key_from_pem(include_str!("../fixtures/saml-other.pem")).unwrap();
        let document = Document::parse(RESPONSE).unwrap();
        assert_eq!(
            verify_enveloped(assertion(&document), &other),
            Err(DsigError::Signature)
        );
    }

    /// A second element with the signed ID (a wrapping attack copies the signed assertion
    /// elsewhere and puts its own in its place) makes the reference ambiguous: refused.
    #[test]
    fn a_duplicated_id_is_refused() {
        let document = Document::parse(RESPONSE).unwrap();
        let signed = assertion(&document);
        let copy = &RESPONSE[signed.range()];
        let id = signed.attribute("ID").unwrap();
        let wrapped = RESPONSE.replace(
            "</ns0:Response>",
            &format!("<ns0:Extensions>{copy}</ns0:Extensions></ns0:Response>"),
        );
        let document = Document::parse(&wrapped).unwrap();
        let first = elements_with_id(&document, id)[0];
        assert_eq!(
            verify_enveloped(first, &key()),
            Err(DsigError::Malformed("ID not unique"))
        );
    }

    #[test]
    fn keys_are_read_from_certificates_and_short_keys_refused() {
        assert!(rsa_key_from_pem(IDP_CERT).is_ok());
        assert!(
            rsa_key_from_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
                .is_err()
        );
        assert!(rsa_key_from_pem("not a key").is_err());
    }
}
