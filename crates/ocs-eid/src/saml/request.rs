//! Our `AuthnRequest` (HTTP-Redirect binding): the XML, its stored-block DEFLATE and the
//! signed query string.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;

use super::{
    ASSERTION_NS, ATTRIBUTES, EIDAS_NS, PERSON, PROTOCOL_NS, SamlClient, URI_FORMAT, loa_uri,
    xml_escape,
};
use crate::identity::EidFailure;
use crate::xmldsig;

/// Raw DEFLATE (RFC 1951) in stored blocks: what the HTTP-Redirect binding asks for,
/// without a compressor (an `AuthnRequest` is under 2 KiB).
pub(super) fn deflate_stored(data: &[u8]) -> Vec<u8> {
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

impl SamlClient {
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
