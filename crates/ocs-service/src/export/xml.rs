//! The per-state XML file: the legacy `supportForm` layout, written as a stream so an export
//! of millions of statements never holds more than one statement in memory.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use jiff::civil::Date;
use ocs_domain::initiative::OrganiserRole;
use ocs_domain::rules::{DocumentKind, FieldKey};
use ocs_domain::{CountryCode, Initiative};
use sha2::{Digest as _, Sha256};

/// Group of the names and the date of birth.
pub const GROUP_GENERAL: &str = "oct.group.general";
/// Group of the address fields.
pub const GROUP_ADDRESS: &str = "oct.group.address";
/// Group of the ID document (its key is the document type).
pub const GROUP_ID: &str = "oct.group.id";

/// The language written in `forLanguage`: the language of the file's own labels. A file holds
/// one state's statements in whatever languages their forms were read in, so each
/// `signature` names its form's language in a `language` attribute (when recorded).
pub const FOR_LANGUAGE: &str = "en";

/// The group a property key belongs to, or `None` for a key this export does not know.
pub fn group_of(key: &str) -> Option<&'static str> {
    if let Some(field) = FieldKey::parse(key) {
        return match field {
            FieldKey::FullFirstNames | FieldKey::FamilyNames | FieldKey::DateOfBirth => {
                Some(GROUP_GENERAL)
            }
            FieldKey::Street
            | FieldKey::StreetNumber
            | FieldKey::PostalCode
            | FieldKey::City
            | FieldKey::Country => Some(GROUP_ADDRESS),
            // The payload carries a document as one pair keyed by its type, never these two.
            FieldKey::IdType | FieldKey::IdNumber => None,
        };
    }
    DocumentKind::parse(key).map(|_| GROUP_ID)
}

/// One statement as it goes into a file. Borrowed from the opened payload, which wipes it.
pub struct SignatureRecord<'a> {
    /// Date of signing in the signing time zone.
    pub submission_date: Date,
    /// The receipt identifier.
    pub identifier: &'a str,
    /// Annex III form revision.
    pub annex_revision: u8,
    /// Taken in test mode.
    pub test: bool,
    /// Collected on paper and entered by the organisers.
    pub paper: bool,
    /// The language of the form the signer used (ISO 639-1), when recorded.
    pub language: Option<&'a str>,
    /// `(group, key, value)` in payload order.
    pub properties: &'a [(&'static str, &'a str, &'a str)],
}

/// Writes into a file and a SHA-256 at once, so the manifest hash is of the exact bytes.
struct HashingWriter {
    inner: BufWriter<File>,
    hasher: Sha256,
}

impl Write for HashingWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(bytes.get(..written).unwrap_or_default());
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// An open per-state file.
pub struct CountryFile {
    out: HashingWriter,
    statements: u64,
    test_statements: u64,
}

/// What a finished file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedFile {
    /// Statements written.
    pub statements: u64,
    /// Of which taken in test mode.
    pub test_statements: u64,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
}

impl CountryFile {
    /// Creates `path` (it must not exist) and writes everything up to `<signatures>`.
    pub fn create(path: &Path, country: CountryCode, initiative: &Initiative) -> io::Result<Self> {
        let file = File::options().write(true).create_new(true).open(path)?;
        let mut file = Self {
            out: HashingWriter {
                inner: BufWriter::new(file),
                hasher: Sha256::new(),
            },
            statements: 0,
            test_statements: 0,
        };
        file.head(country, initiative)?;
        Ok(file)
    }

    fn head(&mut self, country: CountryCode, initiative: &Initiative) -> io::Result<()> {
        let out = &mut self.out;
        out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<supportForm>\n")?;
        element(
            out,
            1,
            "forCountry",
            &country.iso3166().to_ascii_lowercase(),
        )?;
        element(out, 1, "forLanguage", FOR_LANGUAGE)?;
        out.write_all(b"  <initiativeData>\n")?;
        element(
            out,
            2,
            "registrationNumber",
            &initiative.registration_number,
        )?;
        element(
            out,
            2,
            "registrationDate",
            &initiative.registration_date.to_string(),
        )?;
        element(out, 2, "urlOnCommissionRegister", &initiative.register_url)?;
        element(out, 2, "title", &initiative.title)?;
        element(out, 2, "subjectMatter", &initiative.subject)?;
        element(out, 2, "mainObjectives", &initiative.objectives)?;
        element(out, 2, "organizerList", &organizer_list(initiative))?;
        element(out, 2, "contactPersonsList", &contact_list(initiative))?;
        if let Some(website) = &initiative.website {
            element(out, 2, "url", website)?;
        }
        out.write_all(b"  </initiativeData>\n  <signatures>\n")
    }

    /// Appends one `signature` element.
    pub fn append(&mut self, record: &SignatureRecord<'_>) -> io::Result<()> {
        let out = &mut self.out;
        out.write_all(b"    <signature")?;
        if record.test {
            out.write_all(b" test=\"true\"")?;
        }
        if record.paper {
            out.write_all(b" paper=\"true\"")?;
        }
        if let Some(language) = record
            .language
            .filter(|l| l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
        {
            write!(out, " language=\"{language}\"")?;
        }
        out.write_all(b">\n")?;
        element(
            out,
            3,
            "submissionDate",
            &record.submission_date.to_string(),
        )?;
        element(out, 3, "signatureIdentifier", record.identifier)?;
        element(out, 3, "annexRevision", &record.annex_revision.to_string())?;
        out.write_all(b"      <signatoryInfo>\n        <groups>\n")?;
        for group in [GROUP_GENERAL, GROUP_ADDRESS, GROUP_ID] {
            let mut members = record
                .properties
                .iter()
                .filter(|(name, _, _)| *name == group)
                .peekable();
            if members.peek().is_none() {
                continue;
            }
            out.write_all(b"          <group>\n")?;
            element(out, 6, "name", group)?;
            out.write_all(b"            <properties>\n")?;
            for (_, key, value) in members {
                out.write_all(b"              <property>\n")?;
                element(out, 8, "key", key)?;
                element(out, 8, "value", value)?;
                out.write_all(b"              </property>\n")?;
            }
            out.write_all(b"            </properties>\n          </group>\n")?;
        }
        out.write_all(b"        </groups>\n      </signatoryInfo>\n    </signature>\n")?;
        self.statements += 1;
        if record.test {
            self.test_statements += 1;
        }
        Ok(())
    }

    /// Closes the document, flushes it to disk and returns its count and hash.
    pub fn finish(mut self) -> io::Result<FinishedFile> {
        self.out.write_all(b"  </signatures>\n</supportForm>\n")?;
        self.out.flush()?;
        let HashingWriter { inner, hasher } = self.out;
        let file = inner.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        Ok(FinishedFile {
            statements: self.statements,
            test_statements: self.test_statements,
            sha256: hex::encode(hasher.finalize()),
        })
    }
}

/// Every organiser as `Name (role)`, separated by `; ` (the legacy field is one string).
fn organizer_list(initiative: &Initiative) -> String {
    initiative
        .organisers
        .iter()
        .map(|organiser| format!("{} ({})", organiser.name, role_name(organiser.role)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Representative and substitute as `Name <e-mail>`, separated by `; `.
fn contact_list(initiative: &Initiative) -> String {
    initiative
        .organisers
        .iter()
        .filter(|organiser| organiser.role != OrganiserRole::Member)
        .map(|organiser| match &organiser.email {
            Some(email) => format!("{} <{email}>", organiser.name),
            None => organiser.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn role_name(role: OrganiserRole) -> &'static str {
    match role {
        OrganiserRole::Representative => "representative",
        OrganiserRole::Substitute => "substitute",
        OrganiserRole::Member => "member",
    }
}

/// `<name>escaped text</name>` on its own line, indented by `depth` steps of two spaces.
fn element(out: &mut impl Write, depth: usize, name: &str, text: &str) -> io::Result<()> {
    for _ in 0..depth {
        out.write_all(b"  ")?;
    }
    write!(out, "<{name}>")?;
    write_escaped(out, text)?;
    writeln!(out, "</{name}>")
}

/// Escapes text content. Characters XML 1.0 cannot carry at all (controls other than tab,
/// line feed and carriage return) become U+FFFD; the form refuses them, so this is a guard.
/// Carriage return is written as a character reference so a parser does not fold it away.
fn write_escaped(out: &mut impl Write, text: &str) -> io::Result<()> {
    let mut buffer = [0u8; 4];
    for character in text.chars() {
        let piece: &str = match character {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\r' => "&#13;",
            '\t' | '\n' => character.encode_utf8(&mut buffer),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => "\u{FFFD}",
            c => c.encode_utf8(&mut buffer),
        };
        out.write_all(piece.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = Vec::new();
        write_escaped(&mut out, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escaped("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c'");
        assert_eq!(escaped("x\u{1}y\rz"), "x\u{FFFD}y&#13;z");
        assert_eq!(escaped("Ærøskøbing – Łódź"), "Ærøskøbing – Łódź");
    }

    #[test]
    fn keys_have_groups() {
        assert_eq!(group_of("full.first.names"), Some(GROUP_GENERAL));
        assert_eq!(group_of("date.of.birth"), Some(GROUP_GENERAL));
        assert_eq!(group_of("postal.code"), Some(GROUP_ADDRESS));
        assert_eq!(group_of("passport"), Some(GROUP_ID));
        assert_eq!(group_of("personal.number"), Some(GROUP_ID));
        assert_eq!(group_of("id.number"), None);
        assert_eq!(group_of("favourite.colour"), None);
    }
}
