//! The SAML response check (the eID assertion consumer service): `SamlClient::finish` on the
//! base64 of the input, which runs `xmlguard::parse`, the XML-DSig check of the response and
//! the assertion (canonicalisation, digests, RSA), and the mapping to an identity; and
//! `xmlguard::parse` and the base64 decoder on the raw input. Seeds: the responses in
//! `ocs-eid/fixtures/signed/`, signed by xmlsec1 with the fixture IdP key (the tests' clock and
//! request id are used, so an unchanged seed is accepted).

use std::collections::BTreeMap;
use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use jiff::Timestamp;
use ocs_eid::saml::SamlClient;
use ocs_eid::{
    LevelOfAssurance, Protocol, ProviderConfig, ProviderId, SamlSettings, xmldsig, xmlguard,
};

use crate::{Rng, Target};

/// The certificate of the fixture IdP that signed `fixtures/signed/*.xml`.
const FIXTURE_CERT: &str = include_str!("../../../ocs-eid/fixtures/saml-test-idp.pem");
/// The request the fixtures answer.
const REQUEST: &str = "_abc123";
/// The fixtures' issue instant.
const ISSUED: &str = "2026-11-23T16:36:09Z";

/// The SAML target.
#[derive(Debug)]
pub struct SamlResponse {
    client: SamlClient,
    provider: ProviderConfig,
    now: Timestamp,
}

impl SamlResponse {
    /// The fixture IdP, accepting every level (so a refusal is the response's doing).
    pub fn new() -> Result<Self, Box<dyn std::error::Error>> {
        let client = SamlClient::new(SamlSettings {
            sso_url: "http://127.0.0.1:44861/sso/redirect".into(),
            idp_entity_id: "http://127.0.0.1:44861/idp".into(),
            idp_key: xmldsig::rsa_key_from_pem(FIXTURE_CERT)?,
            entity_id: "http://127.0.0.1:9999/eid/saml/metadata".into(),
            acs_url: "http://127.0.0.1:9999/eid/saml/acs".into(),
            requested_loa: LevelOfAssurance::Substantial,
            sp_type: "public".into(),
            signing: None,
            decryption: None,
        });
        let provider = ProviderConfig {
            id: ProviderId::parse("de-eidas")?,
            label: "eIDAS".into(),
            protocol: Protocol::Saml(client.settings().clone()),
            nationalities: Vec::new(),
            initiatives: Vec::new(),
            loa_map: BTreeMap::new(),
            default_loa: None,
            minimum_loa: LevelOfAssurance::Low,
        };
        Ok(Self {
            client,
            provider,
            now: ISSUED.parse()?,
        })
    }
}

/// The signed fixtures, read from the source tree (sorted, so a run is repeatable).
fn fixture_files() -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ocs-eid/fixtures/signed");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "xml"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

impl Target for SamlResponse {
    fn name(&self) -> &'static str {
        "saml"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        fixture_files()
    }

    fn dictionary(&self) -> Vec<Vec<u8>> {
        [
            "<saml:Assertion ",
            "</saml:Assertion>",
            "<ds:Signature ",
            "</ds:Signature>",
            "<ds:SignedInfo>",
            "<ds:Reference URI=\"#",
            "<ds:Transforms>",
            "<ds:Transform Algorithm=\"",
            "<ds:DigestValue>",
            "<ds:SignatureValue>",
            "<ds:KeyInfo>",
            "<ds:X509Certificate>",
            "<ec:InclusiveNamespaces PrefixList=\"",
            "<saml:Attribute Name=\"",
            "<saml:AttributeValue>",
            "<saml:Subject>",
            "<saml:NameID>",
            "<saml:SubjectConfirmationData ",
            "<saml:Conditions ",
            "<saml:AudienceRestriction>",
            "<saml:AuthnContextClassRef>",
            "<samlp:Status>",
            "<samlp:StatusCode Value=\"",
            "http://www.w3.org/2001/10/xml-exc-c14n#",
            "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
            "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
            "http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/TR/1999/REC-xpath-19991116",
            "urn:oasis:names:tc:SAML:2.0:status:Success",
            "http://eidas.europa.eu/LoA/high",
            "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName",
            "http://eidas.europa.eu/attributes/naturalperson/DateOfBirth",
            "_abc123",
            "ID=\"",
            "InResponseTo=\"",
            "NotOnOrAfter=\"",
            "NotBefore=\"",
            "Destination=\"",
            "xmlns=\"\"",
            "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"",
            "xml:id=\"",
            "&amp;",
            "&#13;",
            "&#x9;",
            "<!---->",
            "<?x?>",
            "<![CDATA[",
            "]]>",
            "<!DOCTYPE r>",
            "2026-11-23T16:36:09Z",
            "9999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "==",
            "AAAA",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect()
    }

    fn mutate_structured(
        &self,
        input: &mut Vec<u8>,
        rng: &mut Rng,
        dictionary: &[Vec<u8>],
    ) -> bool {
        crate::mutate::mutate_xml(input, rng, dictionary)
    }

    fn run(&mut self, input: &[u8]) -> String {
        // The raw bytes as the form value too: the base64 decoder's own input.
        let raw = String::from_utf8_lossy(input);
        let _ = xmldsig::decode_base64(&raw);
        // The guard alone, for its refusal reason (`finish` maps every refusal to one failure).
        let guard = match std::str::from_utf8(input) {
            Ok(text) => match xmlguard::parse(text) {
                Ok(_) => "parsed",
                Err(refusal) => refusal.code(),
            },
            Err(_) => "not-utf8",
        };
        let encoded = STANDARD.encode(input);
        match self
            .client
            .finish(&self.provider, &encoded, REQUEST, self.now)
        {
            Ok(identity) => format!("ok:{}", identity.loa),
            Err(failure) => format!("{guard}:{failure:?}"),
        }
    }
}
