//! The register-XML import (`ocs setup`, the console's "from the register" page):
//! `register::read_limited` on the raw bytes, then `register::parse`.

use ocs_service::register;

use crate::{Rng, Target};

/// A register export as the Commission's register gives it (the shape of ocs-service's
/// register tests).
const GOOD: &str = include_str!("../../seeds/register.xml");

/// The register target.
#[derive(Debug, Clone, Copy)]
pub struct RegisterXml;

impl Target for RegisterXml {
    fn name(&self) -> &'static str {
        "register"
    }

    fn seeds(&self) -> Vec<Vec<u8>> {
        vec![GOOD.as_bytes().to_vec()]
    }

    fn dictionary(&self) -> Vec<Vec<u8>> {
        [
            "<export>",
            "</export>",
            "<initiative ",
            "</initiative>",
            "<organisers>",
            "<organiser role=\"member\">",
            "</organiser>",
            "<firstName>",
            "</firstName>",
            "<familyName>",
            "</familyName>",
            "<email>",
            "<languages>",
            "<language code=\"de\" original=\"true\">",
            "</language>",
            "<title>",
            "</title>",
            "<subject>",
            "<description>",
            "<site>",
            "registrationNumber",
            "registrationDate",
            "url",
            "role",
            "original",
            "code",
            "representative",
            "substitute",
            "2026-02-30",
            "2026-01-15+01:00",
            "99999-01-01",
            "ECI(2026)000009",
            "&amp;",
            "&lt;",
            "&#0;",
            "&#x10FFFF;",
            "&#xD800;",
            "&bogus;",
            "<![CDATA[x]]>",
            "<!-- c -->",
            "<?pi x?>",
            "<!DOCTYPE export>",
            "xmlns=\"urn:x\"",
            "xmlns:a=\"urn:a\"",
            "a:",
            "\u{feff}",
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
        let read = register::read_limited(input).and_then(|text| register::parse(&text));
        match read {
            Ok(initiative) => format!("ok:{}", initiative.organisers.len().min(3)),
            Err(error) => error.code().to_string(),
        }
    }
}
