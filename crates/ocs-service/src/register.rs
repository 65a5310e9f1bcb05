//! The Commission register's XML export of an initiative (`export/initiative/organisers/
//! languages`, no namespace; `../shared/reference/export-format.md` §2), read into
//! [`RegisterInitiative`]: registration number and date, register URL, organisers, and the
//! texts per language. Malformed files get a coded [`RegisterError`].

use ocs_domain::ErrorCode;
use std::io::Read;

use jiff::civil::Date;
use ocs_domain::initiative::OrganiserRole;
use roxmltree::{Document, Node};

/// Largest file accepted.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// An organiser as the register lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterOrganiser {
    /// First and family name.
    pub name: String,
    /// The role as written (`representative`, `substitute`, `member`, or a later one).
    pub role_text: String,
    /// Public contact address, if given.
    pub email: Option<String>,
}

impl RegisterOrganiser {
    /// The committee role; roles the 2012 schema did not know count as members.
    pub fn role(&self) -> OrganiserRole {
        match self.role_text.as_str() {
            "representative" | "newRepresentative" => OrganiserRole::Representative,
            "substitute" | "newSubstitute" => OrganiserRole::Substitute,
            _ => OrganiserRole::Member,
        }
    }
}

/// The texts of one language version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterTexts {
    /// Language code as given (`en`, `de`, …).
    pub code: String,
    /// Whether this is the original version.
    pub original: bool,
    /// Title.
    pub title: String,
    /// Subject matter.
    pub subject: String,
    /// Main objectives.
    pub description: String,
    /// The initiative's own website.
    pub site: Option<String>,
}

/// An initiative from the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterInitiative {
    /// E.g. `ECI(2024)000001`.
    pub registration_number: String,
    /// Date of registration.
    pub registration_date: Date,
    /// The initiative's page in the register.
    pub register_url: String,
    /// The citizens' committee.
    pub organisers: Vec<RegisterOrganiser>,
    /// Texts per language, the original first.
    pub languages: Vec<RegisterTexts>,
}

impl RegisterInitiative {
    /// The original language version (there is always one).
    pub fn original(&self) -> Option<&RegisterTexts> {
        self.languages.first()
    }
}

/// Why a register file was refused. Each has a stable code (`REG-…`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    /// Not well-formed XML, or larger than [`MAX_BYTES`].
    #[error("the file is not well-formed XML: {0}")]
    NotXml(String),
    /// The root is not `export` or has no `initiative`.
    #[error("the file is not a register export (expected export/initiative)")]
    WrongDocument,
    /// A required attribute or element is missing or empty.
    #[error("{0} is missing or empty")]
    Missing(&'static str),
    /// The registration date is not a date.
    #[error("registrationDate {0:?} is not a date")]
    BadDate(String),
    /// No language is marked as the original, or several are.
    #[error("exactly one language version must be the original")]
    Original,
}

impl RegisterError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotXml(_) => ErrorCode::RegisterNotXml,
            Self::WrongDocument => ErrorCode::RegisterWrongDocument,
            Self::Missing(_) => ErrorCode::RegisterMissing,
            Self::BadDate(_) => ErrorCode::RegisterBadDate,
            Self::Original => ErrorCode::RegisterOriginal,
        }
    }
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.has_tag_name(name))
}

fn text(node: Node<'_, '_>, name: &str) -> Option<String> {
    let value = child(node, name)?.text()?.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

fn required(node: Node<'_, '_>, name: &str, what: &'static str) -> Result<String, RegisterError> {
    text(node, name).ok_or(RegisterError::Missing(what))
}

fn attribute(node: Node<'_, '_>, name: &str, what: &'static str) -> Result<String, RegisterError> {
    node.attribute(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .ok_or(RegisterError::Missing(what))
}

/// Reads at most [`MAX_BYTES`] from `source` into a string: a longer source is refused after
/// `MAX_BYTES + 1` bytes (never read to its end, so `/dev/zero` or a growing file cannot make the
/// buffer grow past that), and bytes that are not UTF-8 are refused, both with `REG-001`.
pub fn read_limited(source: impl Read) -> Result<String, RegisterError> {
    let limit = u64::try_from(MAX_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    source
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| RegisterError::NotXml(e.to_string()))?;
    if bytes.len() > MAX_BYTES {
        return Err(RegisterError::NotXml("larger than 2 MiB".to_owned()));
    }
    String::from_utf8(bytes).map_err(|_| RegisterError::NotXml("not UTF-8".to_owned()))
}

/// Reads a register export.
pub fn parse(xml: &str) -> Result<RegisterInitiative, RegisterError> {
    if xml.len() > MAX_BYTES {
        return Err(RegisterError::NotXml("larger than 2 MiB".to_owned()));
    }
    // roxmltree refuses DTDs by default, so no entity expansion attacks.
    let document = Document::parse(xml).map_err(|e| RegisterError::NotXml(e.to_string()))?;
    let root = document.root_element();
    if !root.has_tag_name("export") {
        return Err(RegisterError::WrongDocument);
    }
    let initiative = child(root, "initiative").ok_or(RegisterError::WrongDocument)?;
    let registration_number = attribute(initiative, "registrationNumber", "registrationNumber")?;
    let date_text = attribute(initiative, "registrationDate", "registrationDate")?;
    // xs:date, possibly with a zone suffix: the calendar day is the first ten characters.
    let registration_date = date_text
        .get(..10)
        .and_then(|day| day.parse::<Date>().ok())
        .ok_or_else(|| RegisterError::BadDate(date_text.clone()))?;
    let register_url = attribute(initiative, "url", "url")?;
    let mut organisers = Vec::new();
    if let Some(list) = child(initiative, "organisers") {
        for node in list.children().filter(|c| c.has_tag_name("organiser")) {
            let first = required(node, "firstName", "organiser firstName")?;
            let family = required(node, "familyName", "organiser familyName")?;
            organisers.push(RegisterOrganiser {
                name: format!("{first} {family}"),
                role_text: attribute(node, "role", "organiser role")?,
                email: text(node, "email"),
            });
        }
    }
    let mut languages = Vec::new();
    if let Some(list) = child(initiative, "languages") {
        for node in list.children().filter(|c| c.has_tag_name("language")) {
            languages.push(RegisterTexts {
                code: attribute(node, "code", "language code")?,
                original: node.attribute("original").map(str::trim) == Some("true"),
                title: required(node, "title", "language title")?,
                subject: required(node, "subject", "language subject")?,
                description: required(node, "description", "language description")?,
                site: text(node, "site"),
            });
        }
    }
    if languages.iter().filter(|l| l.original).count() != 1 {
        return Err(RegisterError::Original);
    }
    languages.sort_by_key(|l| !l.original);
    Ok(RegisterInitiative {
        registration_number,
        registration_date,
        register_url,
        organisers,
        languages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<export date="2026-01-20T10:00:00Z">
  <initiative registrationNumber="ECI(2026)000009" registrationDate="2026-01-15"
              url="https://citizens-initiative.europa.eu/initiatives/details/2026/000009">
    <organisers>
      <organiser role="representative"><firstName>Alex</firstName><familyName>Example</familyName><email>alex@example.org</email></organiser>
      <organiser role="substitute"><firstName>Sam</firstName><familyName>Sample</familyName><email>sam@example.org</email></organiser>
      <organiser role="member"><firstName>Kim</firstName><familyName>Muster</familyName></organiser>
      <organiser role="entity"><firstName>Bees</firstName><familyName>e.V.</familyName></organiser>
    </organisers>
    <languages>
      <language code="de" original="false"><title>Rettet die Bienen &amp; Bauern</title><subject>Betreff</subject><description>Ziele</description></language>
      <language code="en" original="true"><title>Save bees &amp; farmers</title><subject>Subject</subject><description>Objectives
on two lines</description><site>https://bees.example</site></language>
    </languages>
  </initiative>
</export>"#;

    #[test]
    fn a_register_export_is_read() {
        let read = parse(GOOD).unwrap();
        assert_eq!(read.registration_number, "ECI(2026)000009");
        assert_eq!(read.registration_date, jiff::civil::date(2026, 1, 15));
        assert!(read.register_url.ends_with("/2026/000009"));
        assert_eq!(read.organisers.len(), 4);
        assert_eq!(read.organisers[0].name, "Alex Example");
        assert_eq!(read.organisers[0].role(), OrganiserRole::Representative);
        assert_eq!(read.organisers[1].role(), OrganiserRole::Substitute);
        assert_eq!(read.organisers[2].email, None);
        // Roles the 2012 schema did not know are kept and count as members.
        assert_eq!(read.organisers[3].role_text, "entity");
        assert_eq!(read.organisers[3].role(), OrganiserRole::Member);
        let original = read.original().unwrap();
        assert_eq!(original.code, "en");
        assert_eq!(original.title, "Save bees & farmers");
        assert_eq!(original.description, "Objectives\non two lines");
        assert_eq!(original.site.as_deref(), Some("https://bees.example"));
        assert_eq!(read.languages[1].code, "de");
        assert_eq!(read.languages[1].site, None);
    }

    #[test]
    fn malformed_exports_are_refused_with_codes() {
        let cases = [
            ("<export><initiative>", "REG-001"),
            ("not xml at all", "REG-001"),
            ("<other/>", "REG-002"),
            ("<export/>", "REG-002"),
            (
                r#"<!DOCTYPE export [<!ENTITY a "aaaa">]><export/>"#,
                "REG-001",
            ),
        ];
        for (xml, code) in cases {
            assert_eq!(parse(xml).unwrap_err().code(), code, "{xml}");
        }
        let no_number = GOOD.replace(r#"registrationNumber="ECI(2026)000009""#, "");
        assert_eq!(
            parse(&no_number).unwrap_err(),
            RegisterError::Missing("registrationNumber")
        );
        let bad_date = GOOD.replace("2026-01-15", "15/01/2026");
        assert_eq!(parse(&bad_date).unwrap_err().code(), "REG-004");
        let no_title = GOOD.replace("<title>Save bees &amp; farmers</title>", "<title> </title>");
        assert_eq!(
            parse(&no_title).unwrap_err(),
            RegisterError::Missing("language title")
        );
        let two_originals = GOOD.replace(r#"original="false""#, r#"original="true""#);
        assert_eq!(parse(&two_originals).unwrap_err().code(), "REG-005");
        let no_family = GOOD.replace("<familyName>Muster</familyName>", "");
        assert_eq!(parse(&no_family).unwrap_err().code(), "REG-003");
        let huge = format!("<export>{}</export>", " ".repeat(MAX_BYTES));
        assert_eq!(parse(&huge).unwrap_err().code(), "REG-001");
    }

    /// Hostile input: never a panic, always a result or a coded error (`scripts/fuzz` runs
    /// these with more cases).
    mod hostile {
        use super::*;
        use proptest::prelude::*;

        const CODES: [&str; 5] = ["REG-001", "REG-002", "REG-003", "REG-004", "REG-005"];

        fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
            match read_limited(bytes).and_then(|xml| parse(&xml)) {
                Ok(read) => {
                    prop_assert!(!read.registration_number.is_empty());
                    prop_assert!(!read.register_url.is_empty());
                    prop_assert_eq!(read.languages.iter().filter(|l| l.original).count(), 1);
                    prop_assert!(read.original().is_some_and(|l| l.original));
                    for language in &read.languages {
                        prop_assert!(!language.title.is_empty() && !language.code.is_empty());
                    }
                }
                Err(error) => prop_assert!(CODES.contains(&error.code().as_str()), "{error:?}"),
            }
            Ok(())
        }

        /// One edit of a valid export: delete a range, insert bytes, or overwrite one byte.
        #[derive(Debug, Clone)]
        enum Edit {
            Delete(usize, usize),
            Insert(usize, Vec<u8>),
            Overwrite(usize, u8),
        }

        fn edit() -> impl Strategy<Value = Edit> {
            let fragments = prop_oneof![
                prop::collection::vec(any::<u8>(), 1..8),
                prop::sample::select(vec![
                    "<",
                    ">",
                    "/>",
                    "</initiative>",
                    "<language code=\"x\" original=\"true\">",
                    "&amp;",
                    "&#0;",
                    "&unknown;",
                    "\"",
                    "<![CDATA[",
                    "<!DOCTYPE x>",
                    "\u{0}",
                    "é",
                    "<organiser role=\"\">",
                    "xmlns=\"urn:x\"",
                    "registrationDate=\"x\"",
                ])
                .prop_map(|s| s.as_bytes().to_vec()),
            ];
            prop_oneof![
                (any::<usize>(), 1usize..64).prop_map(|(at, len)| Edit::Delete(at, len)),
                (any::<usize>(), fragments).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
                (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Overwrite(at, byte)),
            ]
        }

        fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
            for edit in edits {
                let len = bytes.len().max(1);
                match edit {
                    Edit::Delete(at, n) => {
                        let start = at % len;
                        let end = (start + n).min(bytes.len());
                        bytes.drain(start.min(end)..end);
                    }
                    Edit::Insert(at, fragment) => {
                        let at = at % (bytes.len() + 1);
                        bytes.splice(at..at, fragment.iter().copied());
                    }
                    Edit::Overwrite(at, byte) => {
                        if let Some(slot) = bytes.get_mut(at % len) {
                            *slot = *byte;
                        }
                    }
                }
            }
            bytes
        }

        proptest! {
            #[test]
            fn arbitrary_bytes_never_panic_the_register_import(
                bytes in prop::collection::vec(any::<u8>(), 0..512)
            ) {
                check(&bytes)?;
            }

            #[test]
            fn arbitrary_strings_never_panic_the_register_import(xml in "\\PC{0,256}") {
                check(xml.as_bytes())?;
                let wrapped = format!("<export><initiative>{xml}</initiative></export>");
                check(wrapped.as_bytes())?;
            }

            #[test]
            fn mutated_register_exports_never_panic(
                edits in prop::collection::vec(edit(), 1..6)
            ) {
                check(&apply(GOOD.as_bytes().to_vec(), &edits))?;
            }

            #[test]
            fn hostile_oversized_register_input_is_refused_unread(extra in 1usize..4096) {
                // A source longer than the limit (here endless) is cut at MAX_BYTES + 1.
                let mut counted = Counting { served: 0, total: MAX_BYTES + extra };
                let error = read_limited(&mut counted).unwrap_err();
                prop_assert_eq!(error.code(), "REG-001");
                prop_assert!(counted.served <= MAX_BYTES + 1, "read {}", counted.served);
            }
        }

        /// A reader of `total` spaces that counts what it served.
        struct Counting {
            served: usize,
            total: usize,
        }

        impl std::io::Read for Counting {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = buf.len().min(self.total - self.served);
                buf[..n].fill(b' ');
                self.served += n;
                Ok(n)
            }
        }

        #[test]
        fn an_endless_source_is_refused_after_the_limit() {
            let error = read_limited(std::io::repeat(b'<')).unwrap_err();
            assert_eq!(error.code(), "REG-001");
            assert_eq!(
                read_limited(&[0xff, 0xfe][..]).unwrap_err().code(),
                "REG-001"
            );
            assert_eq!(read_limited(GOOD.as_bytes()).unwrap(), GOOD);
        }
    }
}
