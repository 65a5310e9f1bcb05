//! Our SP metadata for one provider.

use std::fmt::Write as _;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{PROTOCOL_NS, SamlSettings, xml_escape};
use crate::xmlenc;

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
