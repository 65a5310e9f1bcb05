#!/usr/bin/env bash
# Test-only: writes the XML Encryption fixtures of crates/ocs-eid/fixtures/xmlenc/ with
# xmlsec1 (Debian xmlsec1) and openssl: an SP key pair (sp.key, sp.pem), another key
# (other.key), and one SAML response whose Assertion is encrypted to sp.pem per algorithm
# pair: the two accepted (AES-GCM content with RSA-OAEP key transport) and two refused
# (AES-CBC content; RSA PKCS#1 v1.5 key transport). Run: bash scripts/saml/make-xmlenc-fixtures.sh
set -euo pipefail
out="$(cd "$(dirname "$0")/../.." && pwd)/crates/ocs-eid/fixtures/xmlenc"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/sp.key" -out "$out/sp.pem" -days 36500 \
  -subj "/CN=OpenOCS test SP decryption key" 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/other.key" 2>/dev/null
cat >"$work/response.xml" <<'XML'
<?xml version="1.0"?>
<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="response-1" Version="2.0"><saml:EncryptedAssertion><saml:Assertion ID="assertion-1" Version="2.0"><saml:Issuer>https://idp.example/idp</saml:Issuer><saml:Subject><saml:NameID>erika-0001</saml:NameID></saml:Subject></saml:Assertion></saml:EncryptedAssertion></samlp:Response>
XML
template() { # data algorithm, key transport algorithm, extra EncryptionMethod children
  cat <<XML
<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="$1"/><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="$2">$3</xenc:EncryptionMethod><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>
XML
}
encrypt() { # name, session key, data algorithm, key transport algorithm, extra
  template "$3" "$4" "$5" >"$work/$1.tmpl"
  xmlsec1 --encrypt --pubkey-cert-pem "$out/sp.pem" --session-key "$2" \
    --xml-data "$work/response.xml" --node-xpath "//*[local-name()='Assertion']" \
    --output "$out/$1.xml" "$work/$1.tmpl"
}
enc11=http://www.w3.org/2009/xmlenc11#
enc=http://www.w3.org/2001/04/xmlenc#
sha1='<ds:DigestMethod xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>'

encrypt aes256-gcm-rsa-oaep-mgf1p aes-256 "${enc11}aes256-gcm" "${enc}rsa-oaep-mgf1p" "$sha1"
encrypt aes128-gcm-rsa-oaep-mgf1p aes-128 "${enc11}aes128-gcm" "${enc}rsa-oaep-mgf1p" ""
encrypt aes256-cbc-rsa-oaep-mgf1p aes-256 "${enc}aes256-cbc" "${enc}rsa-oaep-mgf1p" "$sha1"
encrypt aes256-gcm-rsa-1_5 aes-256 "${enc11}aes256-gcm" "${enc}rsa-1_5" ""
# The pysaml2 response of the SAML tests (signed assertion) with that assertion encrypted to
# sp.pem, as an eIDAS node sends it: EncryptedAssertion > EncryptedData (AES-256-GCM, RSA-OAEP).
sed -e 's#<ns1:Assertion #<ns1:EncryptedAssertion><ns1:Assertion #' -e 's#</ns1:Assertion>#</ns1:Assertion></ns1:EncryptedAssertion>#' \
  "$out/../saml-response.xml" >"$work/signed.xml"
template "${enc11}aes256-gcm" "${enc}rsa-oaep-mgf1p" "$sha1" >"$work/signed.tmpl"
xmlsec1 --encrypt --pubkey-cert-pem "$out/sp.pem" --session-key aes-256 \
  --xml-data "$work/signed.xml" --node-xpath "//*[local-name()='Assertion']" \
  --output "$out/saml-response-encrypted.xml" "$work/signed.tmpl"
echo "written: $out"
