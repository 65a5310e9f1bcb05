//! The trusted keys: an RSA public key from a PEM certificate or `PUBLIC KEY`, read with a
//! minimal DER walk to the certificate's `SubjectPublicKeyInfo`.

use rsa::RsaPublicKey;
use rsa::pkcs8::DecodePublicKey as _;
use rsa::traits::PublicKeyParts as _;

use super::{MIN_RSA_BITS, decode_base64};

/// Reads an RSA public key from a PEM X.509 certificate (as IdP metadata gives it) or a PEM
/// `PUBLIC KEY`. Keys under 2048 bits are refused.
pub fn rsa_key_from_pem(pem: &str) -> Result<RsaPublicKey, String> {
    if pem.contains("-----BEGIN PUBLIC KEY-----") {
        let key = RsaPublicKey::from_public_key_pem(pem.trim())
            .map_err(|e| format!("public key: {e}"))?;
        if key.n().bits() < MIN_RSA_BITS {
            return Err(format!("the RSA key has fewer than {MIN_RSA_BITS} bits"));
        }
        Ok(key)
    } else {
        certificate_from_pem(pem).map(|(_, key)| key)
    }
}

/// The first PEM `CERTIFICATE` block: its DER bytes and its RSA key (at least 2048 bits).
pub fn certificate_from_pem(pem: &str) -> Result<(Vec<u8>, RsaPublicKey), String> {
    let body = pem
        .split("-----BEGIN CERTIFICATE-----")
        .nth(1)
        .and_then(|rest| rest.split("-----END CERTIFICATE-----").next())
        .ok_or("no PEM CERTIFICATE block")?;
    let der = decode_base64(body).ok_or("the certificate is not valid base64")?;
    let spki = certificate_spki(&der).ok_or("the certificate is not valid DER X.509")?;
    let key = RsaPublicKey::from_public_key_der(spki)
        .map_err(|_| "the certificate's key is not an RSA key".to_owned())?;
    if key.n().bits() < MIN_RSA_BITS {
        return Err(format!("the RSA key has fewer than {MIN_RSA_BITS} bits"));
    }
    Ok((der, key))
}

/// One DER TLV: (tag, whole encoding, rest of the input).
fn der_item(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *input.first()?;
    let first = *input.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return None;
        }
        let bytes = input.get(2..2 + count)?;
        (
            bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b)),
            2 + count,
        )
    };
    let end = header.checked_add(len)?;
    let whole = input.get(..end)?;
    Some((tag, whole, input.get(end..)?))
}

fn der_content(whole: &[u8]) -> Option<&[u8]> {
    let first = *whole.get(1)?;
    let header = if first < 0x80 {
        2
    } else {
        2 + usize::from(first & 0x7f)
    };
    whole.get(header..)
}

/// The `subjectPublicKeyInfo` of a DER certificate (RFC 5280 §4.1): the seventh field of
/// `tbsCertificate` when it has the `[0]` version, the sixth otherwise.
fn certificate_spki(der: &[u8]) -> Option<&[u8]> {
    let (0x30, certificate, _) = der_item(der)? else {
        return None;
    };
    let (0x30, tbs, _) = der_item(der_content(certificate)?)? else {
        return None;
    };
    let mut rest = der_content(tbs)?;
    let mut fields = Vec::new();
    while !rest.is_empty() && fields.len() < 7 {
        let (tag, whole, next) = der_item(rest)?;
        fields.push((tag, whole));
        rest = next;
    }
    let skip = usize::from(fields.first()?.0 == 0xa0);
    match fields.get(skip + 5)? {
        (0x30, spki) => Some(spki),
        _ => None,
    }
}
