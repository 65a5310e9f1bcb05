"""Test-only SAML 2.0 identity provider for the eID integration tests: the real pysaml2 IdP
(saml2.server.Server, signing with xmlsec1), on loopback, as an eIDAS node answers a relying
party: HTTP-Redirect AuthnRequest in, HTTP-POST Response out, the assertion signed
(RSA-SHA256, SHA-256 digest, exclusive canonicalisation), eIDAS natural-person attributes,
the level of assurance in AuthnContextClassRef. Never used outside tests.

The person is chosen without a login page, by a query parameter the test adds to the
redirect URL: `ocs_user=erika|young|anna` (default erika), `ocs_cancel=1` answers the
AuthnFailed status a cancel gives, `ocs_audience=...` issues the assertion for another SP
(the wrong-audience test), `ocs_plain=1` sends the assertion in clear even to an SP that
publishes an encryption key (the downgrade test). Any SP on loopback is served: its metadata is
fetched from its entity ID (OpenOCS publishes it there) the first time it asks, and the
response goes to the AssertionConsumerServiceURL of the request, for the request's Issuer.

Assertions are encrypted, as eIDAS nodes do, to an SP whose metadata has a
`<md:KeyDescriptor use="encryption">`: the signed assertion goes into an `EncryptedAssertion`,
AES-256-GCM content with its key transported by RSA-OAEP (MGF1 with SHA-1) to the SP's
certificate (pysaml2's own default, 3DES-CBC, is replaced: see `encrypt_like_an_eidas_node`).

Requests must be signed (`want_authn_requests_signed`): pysaml2 checks the HTTP-Redirect
signature (SigAlg, Signature) with the signing certificate in the SP's metadata; an unsigned
request or a bad signature gets a 403 page saying `IncorrectlySigned`.

Prints `SAML_IDP_URL=http://127.0.0.1:PORT` and `SAML_IDP_CERT=/path/cert.pem` once
listening. PORT: env (0 = any).
"""

import datetime
import html
import os
import sys
import tempfile
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, samlp
from saml2.config import IdPConfig
from saml2.mdstore import MetadataStore
from saml2.response import IncorrectlySigned
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm"
RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
YEAR = datetime.date.today().year
# Test identities. `young` is 12 this year: under every member state's minimum age.
PEOPLE = {
    "erika": ("DE/DE/erika-0001", "Erika", "Mustermann", "1964-08-12"),
    "young": ("DE/DE/young-0002", "Kim", "Jung", f"{YEAR - 12}-01-01"),
    "anna": ("AT/DE/anna-0003", "Anna", "Gruber", "1990-05-04"),
}


def make_key(directory):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OpenOCS test eIDAS node")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_file = os.path.join(directory, "idp.key")
    cert_file = os.path.join(directory, "idp.pem")
    with open(key_file, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
    with open(cert_file, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


def encrypt_like_an_eidas_node(server):
    """pysaml2 encrypts assertions with 3DES-CBC and a 192-bit session key, which OpenOCS
    refuses (CBC admits a padding oracle): use AES-256-GCM and RSA-OAEP instead, as eIDAS nodes
    do. pysaml2 builds the template with `saml2.entity.pre_encryption_part` and runs xmlsec1
    with the session key type `encrypt_assertion` is given."""
    import saml2.entity
    from saml2.sigver import pre_encryption_part

    def aes_gcm_template(**kwargs):
        return pre_encryption_part(msg_enc=AES256_GCM, key_enc=RSA_OAEP_MGF1P, **kwargs)

    saml2.entity.pre_encryption_part = aes_gcm_template
    encrypt = server.sec.encrypt_assertion

    def with_aes_256(statement, enc_key, template, key_type="aes-256", node_xpath=None):
        return encrypt(statement, enc_key, template, key_type="aes-256", node_xpath=node_xpath)

    server.sec.encrypt_assertion = with_aes_256


def publishes_encryption_key(server, sp):
    """Whether the SP's metadata has a `<md:KeyDescriptor use="encryption">`."""
    try:
        return bool(server.metadata.certs(sp, "spsso", use="encryption"))
    except Exception:  # an SP without metadata or without such a key: in clear
        return False


def build_server(base, key_file, cert_file):
    here = os.path.dirname(os.path.abspath(__file__))
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{base}/idp",
            "attribute_map_dir": os.path.join(here, "attributemaps"),
            "key_file": key_file,
            "cert_file": cert_file,
            "xmlsec_binary": os.environ.get("XMLSEC1", "/usr/bin/xmlsec1"),
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)],
                    },
                    "want_authn_requests_signed": True,
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
        }
    )
    server = Server(config=config)
    # No SP is known in advance: an empty store, filled by load_sp_metadata.
    server.metadata = MetadataStore(config.attribute_converters, config)
    server.sec.metadata = server.metadata
    encrypt_like_an_eidas_node(server)
    return server


LOADED_SPS = set()


def load_sp_metadata(idp, saml_request):
    """Loads the requesting SP's metadata from its entity ID (loopback only), once."""
    xml = idp.unravel(saml_request, BINDING_HTTP_REDIRECT, "AuthnRequest")
    issuer = samlp.authn_request_from_string(xml).issuer.text
    if not issuer.startswith("http://127.0.0.1:") or issuer in LOADED_SPS:
        return
    with urllib.request.urlopen(issuer, timeout=10) as answer:
        idp.metadata.load("inline", answer.read().decode())
    LOADED_SPS.add(issuer)


class Handler(BaseHTTPRequestHandler):
    server_version = "ocs-test-saml-idp"

    def log_message(self, fmt, *args):  # quiet; errors go to stderr below
        pass

    def reply(self, status, body, content_type="text/html; charset=utf-8"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        idp = self.server.idp
        if url.path == "/metadata":
            from saml2.metadata import entity_descriptor

            return self.reply(200, str(entity_descriptor(idp.config)), "application/samlmetadata+xml")
        if url.path != "/sso/redirect" or "SAMLRequest" not in query:
            return self.reply(404, "not found")
        try:
            load_sp_metadata(idp, query["SAMLRequest"])
            request = idp.parse_authn_request(
                query["SAMLRequest"],
                BINDING_HTTP_REDIRECT,
                relay_state=query.get("RelayState"),
                sigalg=query.get("SigAlg"),
                signature=query.get("Signature"),
            ).message
            destination = request.assertion_consumer_service_url
            sp = request.issuer.text
            if query.get("ocs_cancel") == "1":
                response = idp.create_error_response(
                    request.id,
                    destination,
                    (samlp.STATUS_AUTHN_FAILED, "cancelled by the user"),
                    sign=True,
                    sign_alg=RSA_SHA256,
                    digest_alg=SHA256,
                )
            else:
                person = PEOPLE[query.get("ocs_user", "erika")]
                class_ref = request.requested_authn_context.authn_context_class_ref[0].text
                response = idp.create_authn_response(
                    {
                        "personidentifier": [person[0]],
                        "firstname": [person[1]],
                        "familyname": [person[2]],
                        "dateofbirth": [person[3]],
                    },
                    in_response_to=request.id,
                    destination=destination,
                    sp_entity_id=query.get("ocs_audience", sp),
                    name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=person[0]),
                    authn={"class_ref": class_ref, "authn_auth": idp.config.entityid},
                    sign_assertion=True,
                    sign_response=False,
                    # Only to an SP whose metadata publishes an encryption certificate, and
                    # never for the wrong-audience test (no metadata for that audience).
                    encrypt_assertion=query.get("ocs_plain") != "1"
                    and "ocs_audience" not in query
                    and publishes_encryption_key(idp, sp),
                    sign_alg=RSA_SHA256,
                    digest_alg=SHA256,
                )
            args = idp.apply_binding(
                BINDING_HTTP_POST, str(response), destination, query.get("RelayState", ""), response=True
            )
            return self.reply(200, args["data"])
        except IncorrectlySigned as error:
            print(f"idp: {error!r}", file=sys.stderr, flush=True)
            return self.reply(403, "IncorrectlySigned: " + html.escape(f"{error} ({error.__cause__!r})"))
        except Exception as error:  # a bad request: say why, as an IdP's error page would
            print(f"idp: {error!r}", file=sys.stderr, flush=True)
            return self.reply(400, html.escape(repr(error)))


def main():
    directory = tempfile.mkdtemp(prefix="ocs-saml-idp.")
    key_file, cert_file = make_key(directory)
    http = ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "0"))), Handler)
    base = f"http://127.0.0.1:{http.server_address[1]}"
    http.idp = build_server(base, key_file, cert_file)
    print(f"SAML_IDP_URL={base}", flush=True)
    print(f"SAML_IDP_CERT={cert_file}", flush=True)
    http.serve_forever()


if __name__ == "__main__":
    main()
