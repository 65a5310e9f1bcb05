//! Our exclusive canonicalisation checked against xmlsec1's, both ways: a vector signed by
//! xmlsec1 must verify here (committed fixture), and a document we sign with our canonical
//! form must verify in xmlsec1 (live, when xmlsec1 is installed; `scripts/lib/saml.sh`
//! installs it and `OCS_TEST_EID_REQUIRED=1` makes its absence a failure).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ocs_eid::xmldsig::{self, DsigError};
use roxmltree::Document;
use rsa::RsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey as _;
use sha2::Digest as _;

const FIXTURE_CERT: &str = include_str!("../../fixtures/saml-test-idp.pem");
const VECTOR: &str = include_str!("../../fixtures/signed/c14n-vector.xml");

fn root_key() -> rsa::RsaPublicKey {
    xmldsig::rsa_key_from_pem(FIXTURE_CERT).unwrap()
}

#[test]
fn a_vector_signed_by_xmlsec1_verifies_with_our_canonical_form() {
    let document = Document::parse(VECTOR).unwrap();
    assert_eq!(
        xmldsig::verify_enveloped(document.root_element(), &root_key()),
        Ok(())
    );
    // Our canonical form is what xmlsec1 digested: one changed byte of content (or a
    // namespace moved) and it no longer matches.
    for (from, to) in [
        ("prefix bound again", "prefix bound Again"),
        ("xmlns:c=\"urn:vector:c2\"", "xmlns:c=\"urn:vector:c3\""),
        ("z=\"2\" a=\"1\"", "z=\"2\" a=\"2\""),
    ] {
        assert!(VECTOR.contains(from), "{from}");
        let changed = VECTOR.replacen(from, to, 1);
        let document = Document::parse(&changed).unwrap();
        assert_eq!(
            xmldsig::verify_enveloped(document.root_element(), &root_key()),
            Err(DsigError::Digest),
            "{to}"
        );
    }
    // What exc-c14n ignores, we ignore too: the comment, attribute order and quoting.
    let same = VECTOR
        .replacen("a comment, dropped", "another comment", 1)
        .replacen("z=\"2\" a=\"1\"", "a='1' z='2'", 1);
    let document = Document::parse(&same).unwrap();
    assert_eq!(
        xmldsig::verify_enveloped(document.root_element(), &root_key()),
        Ok(())
    );
}

/// Finding C: the canonicaliser walks 25,000 levels on a normal test thread (the recursive
/// one overflowed its stack here).
#[test]
fn canonicalisation_is_iterative() {
    let depth = 25_000;
    let xml = format!("{}x{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let document = Document::parse(&xml).unwrap();
    assert_eq!(
        xmldsig::canonicalize(document.root_element(), None, &[]),
        xml
    );
}

/// Signs `element_id` of `xml` (which holds an empty signature template) with our
/// canonical form and the test SP key.
fn sign_with_our_canonical_form(xml: &str, key: &RsaPrivateKey) -> String {
    let document = Document::parse(xml).unwrap();
    let root = document.root_element();
    let signature = root
        .children()
        .find(|n| n.has_tag_name((xmldsig::DSIG_NS, "Signature")))
        .unwrap();
    let canonical = xmldsig::canonicalize(root, Some(signature.id()), &["xs"]);
    let digest = STANDARD.encode(sha2::Sha256::digest(canonical.as_bytes()));
    let with_digest = xml.replacen(
        "<ds:DigestValue/>",
        &format!("<ds:DigestValue>{digest}</ds:DigestValue>"),
        1,
    );
    let document = Document::parse(&with_digest).unwrap();
    let signed_info = document
        .descendants()
        .find(|n| n.has_tag_name((xmldsig::DSIG_NS, "SignedInfo")))
        .unwrap();
    let canonical = xmldsig::canonicalize(signed_info, None, &[]);
    // DER DigestInfo prefix of SHA-256 (RFC 8017 §9.2 note 1).
    let scheme = rsa::Pkcs1v15Sign {
        hash_len: Some(32),
        prefix: vec![
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ]
        .into_boxed_slice(),
    };
    let value = key
        .sign(scheme, &sha2::Sha256::digest(canonical.as_bytes()))
        .unwrap();
    with_digest.replacen(
        "<ds:SignatureValue/>",
        &format!(
            "<ds:SignatureValue>{}</ds:SignatureValue>",
            STANDARD.encode(value)
        ),
        1,
    )
}

const OURS: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<v:Doc xmlns:v="urn:ours:v" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:unused="urn:ours:unused" ID="ours-1" xml:space="preserve" v:b="&lt;&amp;&quot;" a="&#9;&#10;&#13;">
 <!-- dropped -->
 <v:Item xmlns="urn:ours:default" xmlns:w="urn:ours:w" w:z="1" v:a="2" b="3"><Deep xmlns=""><w:Deeper xmlns:w="urn:ours:w2">t&amp;&lt;&gt;&#13;&#xe9;</w:Deeper></Deep><?pi data?></v:Item>
 <v:Typed xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">xs by the prefix list</v:Typed>
 <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><ds:Reference URI="#ours-1"><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"><ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="xs"/></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>
</v:Doc>
"##;

#[test]
fn xmlsec1_verifies_what_we_sign_with_our_canonical_form() {
    let Some(xmlsec1) = find_xmlsec1() else {
        assert!(
            std::env::var("OCS_TEST_EID_REQUIRED").as_deref() != Ok("1"),
            "xmlsec1 is not installed (scripts/lib/saml.sh installs it)"
        );
        eprintln!("skipped: no xmlsec1");
        return;
    };
    let key = RsaPrivateKey::from_pkcs8_pem(include_str!("../../fixtures/saml-sp.key")).unwrap();
    let signed = sign_with_our_canonical_form(OURS, &key);
    let directory = std::env::temp_dir().join(format!("ocs-eid-c14n-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let verify = |name: &str, xml: &str| {
        let path = directory.join(name);
        std::fs::write(&path, xml).unwrap();
        std::process::Command::new(&xmlsec1)
            .args(["--verify", "--pubkey-cert-pem"])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/saml-sp.pem"))
            .args(["--id-attr:ID", "urn:ours:v:Doc"])
            .arg(&path)
            .output()
            .unwrap()
    };
    let good = verify("ours.xml", &signed);
    // And our own verifier agrees.
    let document = Document::parse(&signed).unwrap();
    let our_verdict = xmldsig::verify_enveloped(
        document.root_element(),
        &xmldsig::rsa_key_from_pem(include_str!("../../fixtures/saml-sp.pem")).unwrap(),
    );
    let bad = verify("changed.xml", &signed.replacen("xs by the", "xs by a", 1));
    std::fs::remove_dir_all(&directory).unwrap();
    assert!(
        good.status.success(),
        "xmlsec1 refused our canonical form: {}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert_eq!(our_verdict, Ok(()));
    assert!(
        !bad.status.success(),
        "xmlsec1 must refuse a changed document"
    );
}

fn find_xmlsec1() -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("xmlsec1"))
            .find(|path| path.is_file())
    })
}
