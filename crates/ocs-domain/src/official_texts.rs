//! The official texts of the statement of support form (Regulation (EU) 2019/788, Annex III)
//! per language, with where each came from: kept as data in `data/official-texts.toml`,
//! never translated here.

use std::collections::BTreeMap;

use crate::country::CountryCode;

/// The Annex III texts in one language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialTexts {
    /// Language code (one of the 24 official languages).
    pub code: String,
    /// "I hereby certify that the information that I have provided in this form is correct
    /// and that I have not already supported this initiative."
    pub declaration: String,
    /// The declaration of a signer identified by eID: "I hereby certify that I have not
    /// already supported this citizens' initiative."
    pub declaration_eid: String,
    /// The note on the German form: a German living abroad must have registered the
    /// permanent residence with the German diplomatic mission.
    pub germans_abroad: String,
    /// The privacy statement, one paragraph per entry.
    pub privacy_statement: Vec<String>,
    /// Where the texts of this language were taken from.
    pub source: String,
    /// How far the texts were checked against the Official Journal.
    pub status: String,
}

impl OfficialTexts {
    /// The note a signer of `nationality` is shown with the form, if any: Germans living
    /// abroad must have registered their residence with the German diplomatic mission
    /// (Annex III, the note on the German form). Germany is the only state with such a note.
    pub fn residence_note(&self, nationality: CountryCode) -> Option<&str> {
        (nationality == CountryCode::DE).then_some(self.germans_abroad.as_str())
    }

    /// The declaration a signer makes: the eID variant when the identity comes from an eID.
    pub fn declaration_for(&self, with_eid: bool) -> &str {
        if with_eid {
            &self.declaration_eid
        } else {
            &self.declaration
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    language: Vec<OfficialTexts>,
}

/// Why the embedded file was refused.
#[derive(Debug, thiserror::Error)]
pub enum OfficialTextsError {
    /// Not valid TOML of the expected shape.
    #[error("official-texts.toml: {0}")]
    Parse(#[from] toml::de::Error),
    /// A language twice, or an empty text.
    #[error("official-texts.toml: language {0:?} is listed twice or has an empty text")]
    Invalid(String),
}

/// The official texts of every language the data file holds.
#[derive(Debug, Clone)]
pub struct OfficialTextTable {
    by_language: BTreeMap<String, OfficialTexts>,
}

/// The data file, embedded at build time.
const EMBEDDED: &str = include_str!("../data/official-texts.toml");

impl OfficialTextTable {
    /// Reads the embedded data file.
    pub fn embedded() -> Result<Self, OfficialTextsError> {
        Self::parse(EMBEDDED)
    }

    /// Reads a data file of the same shape.
    pub fn parse(text: &str) -> Result<Self, OfficialTextsError> {
        let raw: RawFile = toml::from_str(text)?;
        let mut by_language = BTreeMap::new();
        for texts in raw.language {
            let empty = [
                &texts.declaration,
                &texts.declaration_eid,
                &texts.germans_abroad,
                &texts.source,
            ]
            .iter()
            .any(|text| text.trim().is_empty())
                || texts.privacy_statement.iter().all(|p| p.trim().is_empty());
            let code = texts.code.clone();
            if empty || by_language.insert(code.clone(), texts).is_some() {
                return Err(OfficialTextsError::Invalid(code));
            }
        }
        Ok(Self { by_language })
    }

    /// The texts in `language`, if the file has them.
    pub fn get(&self, language: &str) -> Option<&OfficialTexts> {
        self.by_language.get(language)
    }

    /// Every language, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &OfficialTexts> {
        self.by_language.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [&str; 24] = [
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt",
        "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ];

    #[test]
    fn official_texts_exist_in_all_24_languages_with_a_source() {
        let table = OfficialTextTable::embedded().unwrap();
        let codes: Vec<&str> = table.iter().map(|t| t.code.as_str()).collect();
        assert_eq!(codes, LANGUAGES);
        for texts in table.iter() {
            assert!(texts.source.contains("eci.json"), "{}", texts.code);
            assert!(!texts.status.is_empty(), "{}", texts.code);
            // The privacy statement names the GDPR in every language.
            assert!(
                texts.privacy_statement[0].contains("2016/679"),
                "{}",
                texts.code
            );
        }
    }

    #[test]
    fn official_declaration_is_the_2019_788_wording_not_the_211_2011_one() {
        let english = OfficialTextTable::embedded().unwrap();
        let english = english.get("en").unwrap();
        assert_eq!(
            english.declaration,
            "I hereby certify that the information that I have provided in this form is \
             correct and that I have not already supported this initiative."
        );
        assert_eq!(
            english.declaration_eid,
            "I hereby certify that I have not already supported this citizens\u{2019} initiative."
        );
        assert!(!english.declaration.contains("proposed"));
    }

    #[test]
    fn a_duplicate_or_empty_language_is_refused() {
        let one = "[[language]]\ncode = \"en\"\ndeclaration = \"d\"\ndeclaration_eid = \"e\"\n\
                   germans_abroad = \"g\"\nprivacy_statement = [\"p\"]\nsource = \"s\"\n\
                   status = \"x\"\n";
        assert!(OfficialTextTable::parse(one).is_ok());
        let twice = format!("{one}{one}");
        assert!(OfficialTextTable::parse(&twice).is_err());
        let empty = one.replace("declaration = \"d\"", "declaration = \" \"");
        assert!(OfficialTextTable::parse(&empty).is_err());
    }
}
