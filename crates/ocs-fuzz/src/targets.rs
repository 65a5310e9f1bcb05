//! The five targets, each calling the real parser entry points: the signing form body, the
//! API's JSON statement body, the register-XML import, the SAML response check, and the
//! authority's export reader.

pub mod export;
pub mod form;
pub mod json;
pub mod register;
pub mod saml;

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use ocs_domain::rules::{DocumentKind, FieldKey};
use ocs_domain::{CountryCode, FieldErrors};

use crate::Target;

/// Target names, in the order `all` runs them.
pub const NAMES: [&str; 5] = ["form", "json", "register", "saml", "export"];

/// The target called `name`.
pub fn by_name(name: &str) -> Result<Option<Box<dyn Target>>, Box<dyn std::error::Error>> {
    Ok(match name {
        "form" => Some(Box::new(form::FormBody::new()?)),
        "json" => Some(Box::new(json::JsonBody::new()?)),
        "register" => Some(Box::new(register::RegisterXml)),
        "saml" => Some(Box::new(saml::SamlResponse::new()?)),
        "export" => Some(Box::new(export::ExportReader::new()?)),
        _ => None,
    })
}

/// Runs a future that needs no I/O to completion (the body of an in-memory request is ready
/// at once); polls again if it is not.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
    }
}

/// The outcome of a statement check: `ok`, or its error codes in order.
pub(crate) fn statement_outcome(result: &Result<ocs_domain::NewStatement, FieldErrors>) -> String {
    match result {
        Ok(statement) => format!("ok:{}", statement.nationality()),
        Err(errors) => {
            let mut codes: Vec<String> = errors.iter().map(|e| e.code.to_string()).collect();
            codes.sort();
            codes.dedup();
            codes.join(",")
        }
    }
}

/// Field keys, document keys, country codes and awkward values: the statement dictionary.
pub(crate) fn statement_tokens() -> Vec<String> {
    let mut tokens: Vec<String> = FieldKey::ALL
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    tokens.extend(DocumentKind::ALL.iter().map(|k| k.key().to_owned()));
    tokens.extend(CountryCode::ALL.iter().map(|c| c.as_str().to_owned()));
    tokens.extend(
        [
            "GR",
            "GB",
            "at",
            "el",
            "1990-01-31",
            "2010-02-29",
            "1900-01-01",
            "31.01.1990",
            "9999-12-31",
            "0000-00-00",
            "Anna",
            "Gruber",
            "Ærøskøbing",
            "Κώστας",
            "Иван",
            "Mustermann",
            "Heidestraße",
            "51147",
            "75001",
            "A-1010",
            "12345678",
            "X1234567Z",
            "AB123456",
            "ab 12 34",
            "true",
            "false",
            "on",
            "consent",
            "confirmed",
            "altcha",
            "form_token",
            "lang",
            "mail_updates",
            "mail_address",
            "nationality",
            "fields",
            "\u{0}",
            "\u{202e}",
            "\u{fffd}",
            "\u{1f600}",
            "a\u{301}",
            "Ａ",
            "İ",
            "ß",
            "  ",
            "\t",
            "-1",
            "1e309",
            "18446744073709551616",
            "null",
            "[]",
            "{}",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    tokens
}
