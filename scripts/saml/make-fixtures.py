"""Test-only: writes the xmlsec1-signed SAML fixtures of crates/ocs-eid/fixtures/signed/.

Each fixture is the pysaml2 response of crates/ocs-eid/fixtures/saml-response.xml with its
signature taken off, one change made (a missing AuthnStatement, an unknown level, a refused
algorithm, ...) and then signed again by xmlsec1 (libxmlsec1 over libxml2: an independent
XML-DSig and canonicalisation implementation) with the fixture IdP key
crates/ocs-eid/fixtures/saml-test-idp.{key,pem} (tests only) or, for the attacker, with the
test SP key saml-sp.{key,pem}. `c14n-vector.xml` is a document chosen to exercise exclusive
canonicalisation (namespace placement and redeclaration, an InclusiveNamespaces prefix list,
attribute order and escapes, comments, PIs, CDATA, non-ASCII text), signed the same way: our
verifier accepts it only if our canonical form is byte for byte xmlsec1's.

RSA PKCS#1 v1.5 signatures are deterministic, so running this again gives the same files.
Run: python3 scripts/saml/make-fixtures.py  (needs xmlsec1: apt-get install xmlsec1)
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "crates", "ocs-eid", "fixtures")
OUT = os.path.join(FIXTURES, "signed")
IDP = (os.path.join(FIXTURES, "saml-test-idp.key"), os.path.join(FIXTURES, "saml-test-idp.pem"))
ATTACKER = (os.path.join(FIXTURES, "saml-sp.key"), os.path.join(FIXTURES, "saml-sp.pem"))

DSIG = "http://www.w3.org/2000/09/xmldsig#"
EXC = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = DSIG + "enveloped-signature"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion"
PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol"


def template(uri, c14n=EXC, method=RSA_SHA256, digest=SHA256, transforms=None, prefixes=None):
    """A signature template xmlsec1 fills in (digest, value, the certificate)."""
    if transforms is None:
        inclusive = (
            f'<ec:InclusiveNamespaces xmlns:ec="{EXC}" PrefixList="{prefixes}"/>' if prefixes else ""
        )
        transforms = [
            f'<ds:Transform Algorithm="{ENVELOPED}"/>',
            f'<ds:Transform Algorithm="{EXC}">{inclusive}</ds:Transform>',
        ]
    return (
        f'<ds:Signature xmlns:ds="{DSIG}"><ds:SignedInfo>'
        f'<ds:CanonicalizationMethod Algorithm="{c14n}"/>'
        f'<ds:SignatureMethod Algorithm="{method}"/>'
        f'<ds:Reference URI="#{uri}"><ds:Transforms>{"".join(transforms)}</ds:Transforms>'
        f'<ds:DigestMethod Algorithm="{digest}"/><ds:DigestValue/></ds:Reference>'
        f"</ds:SignedInfo><ds:SignatureValue/>"
        f"<ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>"
    )


def sign(xml, id_attr, key=IDP, extra=()):
    with tempfile.TemporaryDirectory() as directory:
        source = os.path.join(directory, "in.xml")
        target = os.path.join(directory, "out.xml")
        with open(source, "w", encoding="utf-8") as f:
            f.write(xml)
        command = ["xmlsec1", "--sign", "--privkey-pem", f"{key[0]},{key[1]}"]
        for node in id_attr:
            command += [f"--id-attr:ID", node]
        command += list(extra) + ["--output", target, source]
        subprocess.run(command, check=True, capture_output=True)
        with open(target, encoding="utf-8") as f:
            return f.read()


def base():
    """The pysaml2 response with the assertion's signature removed."""
    with open(os.path.join(FIXTURES, "saml-response.xml"), encoding="utf-8") as f:
        xml = f.read()
    return re.sub(r"<ns2:Signature Id=\"Signature2\">.*?</ns2:Signature>", "", xml, flags=re.S)


ASSERTION_ID = "id-zobPxT0dRPvHMNjdk"
RESPONSE_ID = "id-jjVijZEfKKYz6WITD"
ASSERTION_ISSUER_END = "http://127.0.0.1:44861/idp</ns1:Issuer><ns1:Subject>"


def sign_assertion(xml, key=IDP, **kwargs):
    marked = xml.replace(
        ASSERTION_ISSUER_END,
        "http://127.0.0.1:44861/idp</ns1:Issuer>" + template(ASSERTION_ID, **kwargs) + "<ns1:Subject>",
    )
    assert marked != xml
    return sign(marked, [f"{ASSERTION}:Assertion"], key)


def sign_response(xml):
    head = "http://127.0.0.1:44861/idp</ns1:Issuer><ns0:Status>"
    marked = xml.replace(head, "http://127.0.0.1:44861/idp</ns1:Issuer>" + template(RESPONSE_ID) + "<ns0:Status>")
    assert marked != xml
    return sign(marked, [f"{PROTOCOL}:Response"])


def replace(xml, old, new):
    assert old in xml, old
    return xml.replace(old, new)


VECTOR = """<?xml version="1.0" encoding="UTF-8"?>
<r:Root xmlns:r="urn:vector:r" xmlns:unused="urn:vector:unused" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:vector:b" ID="vector-1" b:attr="1" a="x&#9;y&#10;z&#13;&lt;&amp;&quot;'&gt;" xml:lang="de">
  <!-- a comment, dropped by exclusive canonicalisation -->
  <r:Child xmlns="urn:vector:default" z="2" a="1" r:q="&quot;&lt;&amp;&gt;'"><Inner xmlns="">text &amp; &lt; &gt; "quotes" &#13; &#xfc; &#x20ac; tab&#9;end</Inner><?target some data?><Empty/><Empty xmlns="urn:vector:default"/></r:Child>
  <c:Other xmlns:c="urn:vector:c" xmlns:r="urn:vector:r2"><r:Shadow r:a="redeclared">prefix bound again</r:Shadow><c:Deep><c:Deeper xmlns:c="urn:vector:c"><x:Leaf xmlns:x="urn:vector:x" xmlns:c="urn:vector:c2" c:z="2" x:y="1"/></c:Deeper></c:Deep></c:Other>
  <Plain xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">typed: xs comes only by the prefix list</Plain>
  <![CDATA[ <cdata> & ]]>
  <r:Last/>
</r:Root>
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    xml = base()
    fixtures = {
        # Accepted: the pipeline itself (the assertion signed by xmlsec1 with the fixture key).
        "assertion-signed.xml": sign_assertion(xml),
        # B: no AuthnStatement / an unknown level / no DateOfBirth, validly signed.
        "no-authn-statement.xml": sign_assertion(
            re.sub(r"<ns1:AuthnStatement .*?</ns1:AuthnStatement>", "", xml, flags=re.S)
        ),
        "unknown-class-ref.xml": sign_assertion(
            replace(xml, "http://eidas.europa.eu/LoA/substantial", "urn:example:loa:gold")
        ),
        "no-date-of-birth.xml": sign_assertion(
            re.sub(
                r"<ns1:Attribute Name=\"http://eidas.europa.eu/attributes/naturalperson/DateOfBirth\".*?</ns1:Attribute>",
                "",
                xml,
                flags=re.S,
            )
        ),
        "two-family-names.xml": sign_assertion(
            replace(
                xml,
                'xsi:type="xs:string">Mustermann</ns1:AttributeValue>',
                'xsi:type="xs:string">Mustermann</ns1:AttributeValue>'
                '<ns1:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:string">Other</ns1:AttributeValue>',
            )
        ),
        # Low: a subject confirmation not valid before two minutes after issue.
        "confirmation-not-before.xml": sign_assertion(
            replace(xml, '<ns1:SubjectConfirmationData NotOnOrAfter=', '<ns1:SubjectConfirmationData NotBefore="2026-11-23T16:38:09Z" NotOnOrAfter=')
        ),
        # Response-only signatures: accepted with Destination, refused without.
        "response-signed.xml": sign_response(xml),
        "response-signed-no-destination.xml": sign_response(
            replace(xml, ' Destination="http://127.0.0.1:9999/eid/saml/acs"', "")
        ),
        # An attacker's assertion signed with their own key, their certificate in KeyInfo.
        "attacker-keyinfo.xml": sign_assertion(replace(xml, ">Mustermann<", ">Forged<"), key=ATTACKER),
        # Refused algorithms and transforms, each validly signed by xmlsec1.
        "alg-rsa-sha1.xml": sign_assertion(xml, method="http://www.w3.org/2000/09/xmldsig#rsa-sha1"),
        "alg-rsa-sha512.xml": sign_assertion(xml, method="http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"),
        "alg-digest-sha1.xml": sign_assertion(xml, digest="http://www.w3.org/2000/09/xmldsig#sha1"),
        "alg-digest-sha512.xml": sign_assertion(xml, digest="http://www.w3.org/2001/04/xmlenc#sha512"),
        "alg-c14n-inclusive.xml": sign_assertion(xml, c14n="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"),
        "alg-c14n-with-comments.xml": sign_assertion(xml, c14n=EXC + "WithComments"),
        "transform-c14n-with-comments.xml": sign_assertion(
            xml,
            transforms=[f'<ds:Transform Algorithm="{ENVELOPED}"/>', f'<ds:Transform Algorithm="{EXC}WithComments"/>'],
        ),
        "transform-inclusive-c14n.xml": sign_assertion(
            xml,
            transforms=[
                f'<ds:Transform Algorithm="{ENVELOPED}"/>',
                '<ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>',
            ],
        ),
        "transform-xpath.xml": sign_assertion(
            xml,
            transforms=[
                '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116">'
                "<ds:XPath>not(ancestor-or-self::ds:Signature)</ds:XPath></ds:Transform>",
                f'<ds:Transform Algorithm="{EXC}"/>',
            ],
        ),
        "transform-no-enveloped.xml": sign_assertion(xml, transforms=[f'<ds:Transform Algorithm="{EXC}"/>']),
        "transform-twice-enveloped.xml": sign_assertion(
            xml,
            transforms=[
                f'<ds:Transform Algorithm="{ENVELOPED}"/>',
                f'<ds:Transform Algorithm="{ENVELOPED}"/>',
                f'<ds:Transform Algorithm="{EXC}"/>',
            ],
        ),
        # The canonicalisation cross-check.
        "c14n-vector.xml": sign(
            replace(VECTOR, "\n  <r:Last/>", "\n  " + template("vector-1", prefixes="xs unused") + "<r:Last/>"),
            ["urn:vector:r:Root"],
        ),
    }
    for name, text in fixtures.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"wrote {os.path.relpath(os.path.join(OUT, name), ROOT)}")


if __name__ == "__main__":
    try:
        main()
    except subprocess.CalledProcessError as error:
        sys.exit(f"xmlsec1 failed: {error.stderr.decode(errors='replace')}")
