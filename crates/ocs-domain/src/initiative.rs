//! Initiatives: their register data, collection period and collecting status.

use jiff::{Timestamp, civil::Date};
use std::fmt;

use crate::country::CountryCode;
use crate::ids::InitiativeId;

/// The URL name of an initiative: 1–64 characters of `a-z`, `0-9` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// The text is not a valid slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a slug is 1 to 64 characters of a-z, 0-9 and '-', not starting with '-'")]
pub struct BadSlug;

impl Slug {
    /// Parses a slug.
    pub fn parse(text: &str) -> Result<Self, BadSlug> {
        let ok = !text.is_empty()
            && text.len() <= 64
            && !text.starts_with('-')
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(text.to_owned()))
        } else {
            Err(BadSlug)
        }
    }

    /// The slug text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The role of an organiser in the citizens' committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrganiserRole {
    /// The representative, the committee's contact person.
    Representative,
    /// The substitute of the representative.
    Substitute,
    /// Any other member.
    Member,
}

/// A member of the citizens' committee as published in the register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Organiser {
    /// Full name as published.
    pub name: String,
    /// Role in the committee.
    pub role: OrganiserRole,
    /// Public contact address (representative and substitute only).
    #[serde(default)]
    pub email: Option<String>,
}

/// Under which rules an initiative is collected (configuration and console key `regime`).
/// `Demo` is set only by `ocs demo`, never from a file served by `ocs serve`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Regime {
    /// A European citizens' initiative under Regulation (EU) 2019/788 collected on this
    /// individual online collection system: lawful only for initiatives registered by
    /// 31 December 2022 ([`LAST_OWN_SYSTEM_REGISTRATION`]).
    #[default]
    Eci,
    /// A national or regional initiative that copies the ECI rules (same forms and checks);
    /// the date rule does not apply.
    National,
    /// What `ocs demo` serves: no real initiative, no legal effect. It collects within its
    /// configured period without certificate or date rules, and every public page says no
    /// statement is sent to any authority.
    Demo,
}

/// The last registration date of an ECI that may collect on an individual online collection
/// system. Since 1 January 2023 new initiatives must use the Commission's central online
/// collection system (Regulation (EU) 2019/788, recital 23; the Commission's guidance on
/// online collection).
pub const LAST_OWN_SYSTEM_REGISTRATION: Date = jiff::civil::date(2022, 12, 31);

/// Code of [`RegimeError::CentralSystemOnly`] (`docs/ERRORS.md`).
pub const CENTRAL_SYSTEM_ONLY_CODE: crate::codes::ErrorCode =
    crate::codes::ErrorCode::InitiativeCentralSystemOnly;

/// Why an initiative may not be collected under its regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RegimeError {
    /// An ECI registered after 31 December 2022 must use the central system.
    #[error(
        "INI-014: regime \"eci\" but registered on {registered}: an individual online collection \
         system may serve only ECIs registered by 2022-12-31 (Regulation (EU) 2019/788, recital \
         23; from 2023 the Commission's central online collection system is mandatory). Use \
         regime \"national\" for a national or regional initiative, or \"demo\" for a trial"
    )]
    CentralSystemOnly {
        /// The registration date given.
        registered: Date,
    },
}

impl RegimeError {
    /// The stable code.
    pub fn code(&self) -> crate::codes::ErrorCode {
        match self {
            Self::CentralSystemOnly { .. } => CENTRAL_SYSTEM_ONLY_CODE,
        }
    }
}

impl Regime {
    /// Whether this is the demonstration exemption.
    pub fn is_demo(self) -> bool {
        self == Self::Demo
    }

    /// Checks the regime's date rule against the registration date.
    pub fn check_registration(self, registered: Date) -> Result<(), RegimeError> {
        match self {
            Self::Eci if registered > LAST_OWN_SYSTEM_REGISTRATION => {
                Err(RegimeError::CentralSystemOnly { registered })
            }
            Self::Eci | Self::National | Self::Demo => Ok(()),
        }
    }

    /// The configuration word.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Eci => "eci",
            Self::National => "national",
            Self::Demo => "demo",
        }
    }
}

/// The data-protection facts the privacy statement names (Art. 19 of Regulation (EU)
/// 2019/788 with the GDPR): who the controller is and how to reach a data protection officer.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataProtection {
    /// The legal entity the organisers created, if any: then it is the controller instead
    /// of the group of organisers (name and address as registered).
    #[serde(default)]
    pub legal_entity: Option<String>,
    /// How to reach the data protection officer, where there is one (name, e-mail or page).
    #[serde(default)]
    pub dpo: Option<String>,
}

/// Where an initiative stands. The organiser console brings the full lifecycle; this is the
/// part the signing path needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InitiativeStatus {
    /// Being prepared; not collecting.
    Draft,
    /// Collecting within its period.
    Collecting,
    /// Temporarily not accepting statements.
    Paused,
    /// Collection has ended.
    Closed,
}

/// The collection period: from `start` (inclusive) to `end` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollectionPeriod {
    start: Timestamp,
    end: Timestamp,
}

/// Why a collection period is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The end is not after the start.
    #[error("the collection period must end after it starts")]
    EndBeforeStart,
    /// Longer than the legal maximum.
    #[error("the collection period may last at most {max_months} months")]
    TooLong {
        /// The configured maximum.
        max_months: i8,
    },
}

impl CollectionPeriod {
    /// Builds a period and checks that it lasts at most `max_months` months. `start_date` is
    /// the start's calendar date in the initiative's time zone, used to add the months.
    pub fn new(
        start: Timestamp,
        end: Timestamp,
        start_date: Date,
        end_date: Date,
        max_months: i8,
    ) -> Result<Self, PeriodError> {
        if end <= start {
            return Err(PeriodError::EndBeforeStart);
        }
        let latest = start_date
            .checked_add(jiff::Span::new().months(max_months))
            .map_err(|_| PeriodError::TooLong { max_months })?;
        if end_date > latest {
            return Err(PeriodError::TooLong { max_months });
        }
        Ok(Self { start, end })
    }

    /// First instant of collection.
    pub fn start(&self) -> Timestamp {
        self.start
    }

    /// First instant after collection.
    pub fn end(&self) -> Timestamp {
        self.end
    }

    /// Whether `now` falls inside the period.
    pub fn contains(&self, now: Timestamp) -> bool {
        self.start <= now && now < self.end
    }
}

/// Why an initiative does not take a statement now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotCollecting {
    /// Status is not `collecting`.
    #[error("the initiative is not collecting (status {0:?})")]
    Status(InitiativeStatus),
    /// The console's lifecycle stage does not take statements.
    #[error("the initiative is not collecting (stage {0})")]
    Stage(crate::lifecycle::Stage),
    /// Before the period.
    #[error("collection has not started yet")]
    NotYetOpen,
    /// After the period.
    #[error("collection has ended")]
    Ended,
    /// Open in the store, but the competent authority's certificate is missing (an
    /// initiative opened before the certificate gate, or a demo database served for real).
    #[error("the initiative has no certificate of its collection system")]
    NoCertificate,
}

/// The register texts of an initiative in one more language (Article 4(1) of Regulation
/// (EU) 2019/788 lets organisers add translations to the register).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitiativeText {
    /// Title.
    pub title: String,
    /// Subject matter.
    pub subject: String,
    /// Main objectives.
    pub objectives: String,
    /// Privacy notice of the organisers, if translated.
    #[serde(default)]
    pub privacy_notice: Option<String>,
}

/// Which language the register texts are in, and their translations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitiativeTranslations {
    /// Language of `title`, `subject`, `objectives` and `privacy_notice` (an EU language code).
    pub original: String,
    /// Further languages, by code.
    pub texts: std::collections::BTreeMap<String, InitiativeText>,
}

impl Default for InitiativeTranslations {
    fn default() -> Self {
        Self {
            original: "en".to_owned(),
            texts: std::collections::BTreeMap::new(),
        }
    }
}

/// An initiative and the register data the form must show (Annex III, R6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initiative {
    /// Stable number, part of every stored row.
    pub id: InitiativeId,
    /// URL name.
    pub slug: Slug,
    /// Commission registration number, e.g. `ECI(2024)000001`.
    pub registration_number: String,
    /// Date of registration; picks the Annex I minimum table.
    pub registration_date: Date,
    /// Title as registered.
    pub title: String,
    /// Subject matter.
    pub subject: String,
    /// Main objectives.
    pub objectives: String,
    /// The citizens' committee.
    pub organisers: Vec<Organiser>,
    /// The initiative's page in the Commission register.
    pub register_url: String,
    /// The organisers' own website, if any.
    pub website: Option<String>,
    /// The privacy notice shown with the form.
    pub privacy_notice: String,
    /// The collection period.
    pub period: CollectionPeriod,
    /// Where the initiative stands, as last shown; the stored lifecycle stage decides whether
    /// it takes statements (`crate::lifecycle::statement_mode`).
    pub status: InitiativeStatus,
    /// Original language of the texts above, and their translations.
    pub translations: InitiativeTranslations,
    /// Under which rules it is collected.
    pub regime: Regime,
    /// The member state where the statements are stored; its authority certifies the
    /// system (Art. 11(3)).
    pub storage_country: CountryCode,
    /// Controller and data protection officer, for the privacy statement.
    pub data_protection: DataProtection,
}

/// The texts of an initiative in one language, and which language they really are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalText<'a> {
    /// Language the texts are written in: the one asked for, or the original.
    pub language: &'a str,
    /// Title.
    pub title: &'a str,
    /// Subject matter.
    pub subject: &'a str,
    /// Main objectives.
    pub objectives: &'a str,
    /// The organisers' privacy notice.
    pub privacy_notice: &'a str,
}

/// Whether `url` may be shown as a link on a public page: an `https:` address, or `http:` to
/// a loopback host (a demo on this machine). Anything else (`javascript:`, `data:`, relative
/// paths, other schemes) is refused: an organiser's or a register file's link must not run
/// script in a signer's browser (issue 19, finding 7).
pub fn is_safe_link(url: &str) -> bool {
    let url = url.trim();
    if url.chars().any(char::is_control) || url.contains(char::is_whitespace) {
        return false;
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // No user information: `https://trusted@evil.example` misleads the reader.
    if authority.is_empty() || authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    if host.is_empty() {
        return false;
    }
    if scheme.eq_ignore_ascii_case("https") {
        return true;
    }
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|address| address.is_loopback());
    scheme.eq_ignore_ascii_case("http") && loopback
}

impl Initiative {
    /// The texts in `lang` if the organisers gave them, else in the original language.
    pub fn text_in(&self, lang: &str) -> LocalText<'_> {
        match self.translations.texts.get_key_value(lang) {
            Some((language, text)) if lang != self.translations.original => LocalText {
                language,
                title: &text.title,
                subject: &text.subject,
                objectives: &text.objectives,
                privacy_notice: text
                    .privacy_notice
                    .as_deref()
                    .unwrap_or(&self.privacy_notice),
            },
            _ => LocalText {
                language: &self.translations.original,
                title: &self.title,
                subject: &self.subject,
                objectives: &self.objectives,
                privacy_notice: &self.privacy_notice,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19, finding 7: `javascript:` (and every other non-web scheme) was accepted as the
    /// website or register address and became a link on the public page.
    #[test]
    fn javascript_and_other_unsafe_links_are_refused() {
        for safe in [
            "https://example.org",
            "https://citizens.example.eu/path?x=1#top",
            "HTTPS://EXAMPLE.ORG",
            "http://localhost:8080/",
            "http://127.0.0.1/",
            "http://[::1]:8080/x",
        ] {
            assert!(is_safe_link(safe), "{safe}");
        }
        for unsafe_link in [
            "javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "http://example.org",
            "ftp://example.org",
            "//example.org",
            "/relative",
            "https://",
            "https://trusted.example@evil.example/",
            "https://exa mple.org",
            "https://example.org/\u{0}",
            "",
        ] {
            assert!(!is_safe_link(unsafe_link), "{unsafe_link}");
        }
    }
    use jiff::civil::date;

    #[test]
    fn regime_eci_refuses_registration_after_2022() {
        assert_eq!(Regime::Eci.check_registration(date(2022, 12, 31)), Ok(()));
        let refused = Regime::Eci
            .check_registration(date(2023, 1, 1))
            .unwrap_err();
        assert_eq!(refused.code(), "INI-014");
        assert!(refused.to_string().contains("2022-12-31"));
        for regime in [Regime::National, Regime::Demo] {
            assert_eq!(regime.check_registration(date(2026, 5, 1)), Ok(()));
        }
    }

    #[test]
    fn regime_reads_lowercase_words() {
        #[derive(serde::Deserialize)]
        struct Holder {
            regime: Regime,
        }
        let read = |text: &str| {
            toml::from_str::<Holder>(&format!("regime = \"{text}\"")).map(|h| h.regime)
        };
        assert_eq!(read("eci").unwrap(), Regime::Eci);
        assert_eq!(read("national").unwrap(), Regime::National);
        assert_eq!(read("demo").unwrap(), Regime::Demo);
        assert!(read("ECI").is_err());
        assert_eq!(Regime::National.as_str(), "national");
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn slugs_are_checked() {
        assert!(Slug::parse("demo").is_ok());
        assert!(Slug::parse("save-bees-2024").is_ok());
        for bad in ["", "Demo", "-x", "a b", "é", &"a".repeat(65)] {
            assert_eq!(Slug::parse(bad), Err(BadSlug), "{bad}");
        }
    }

    #[test]
    fn period_longer_than_twelve_months_is_refused() {
        let start = ts("2026-01-01T00:00:00Z");
        let ok_end = ts("2027-01-01T00:00:00Z");
        let late_end = ts("2027-01-02T00:00:00Z");
        assert!(
            CollectionPeriod::new(start, ok_end, date(2026, 1, 1), date(2027, 1, 1), 12).is_ok()
        );
        assert_eq!(
            CollectionPeriod::new(start, late_end, date(2026, 1, 1), date(2027, 1, 2), 12),
            Err(PeriodError::TooLong { max_months: 12 })
        );
        assert_eq!(
            CollectionPeriod::new(start, start, date(2026, 1, 1), date(2026, 1, 1), 12),
            Err(PeriodError::EndBeforeStart)
        );
    }
}
