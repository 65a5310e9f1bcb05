//! The closed vocabularies of the member-state table: Annex III parts, field keys, document
//! kinds and check-digit algorithms, each with its spelling in the data file.

use std::fmt;

use super::FieldKind;

/// Which part of Annex III of Regulation (EU) 2019/788 a state uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnnexPart {
    /// Names, address, date of birth; no ID document.
    A,
    /// Names and the number of one ID document the state accepts.
    B,
}

impl AnnexPart {
    /// `"A"` or `"B"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
        }
    }

    /// Parses `"A"` or `"B"` (exactly).
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "A" => Some(Self::A),
            "B" => Some(Self::B),
            _ => None,
        }
    }
}

impl fmt::Display for AnnexPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A field of the signing form, named by its legacy Commission OCS key. The declaration
/// order is the Annex III order, which `Ord` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKey {
    /// `full.first.names`
    FullFirstNames,
    /// `family.names`
    FamilyNames,
    /// `street`
    Street,
    /// `street.number`
    StreetNumber,
    /// `postal.code`
    PostalCode,
    /// `city`
    City,
    /// `country` (of residence; any country)
    Country,
    /// `date.of.birth` (YYYY-MM-DD)
    DateOfBirth,
    /// `id.type`: the key of the chosen ID document (Part B)
    IdType,
    /// `id.number`: the number of the chosen ID document (Part B)
    IdNumber,
}

impl FieldKey {
    /// Every key, in Annex III order.
    pub const ALL: [FieldKey; 10] = [
        Self::FullFirstNames,
        Self::FamilyNames,
        Self::Street,
        Self::StreetNumber,
        Self::PostalCode,
        Self::City,
        Self::Country,
        Self::DateOfBirth,
        Self::IdType,
        Self::IdNumber,
    ];

    /// The legacy key, e.g. `full.first.names`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FullFirstNames => "full.first.names",
            Self::FamilyNames => "family.names",
            Self::Street => "street",
            Self::StreetNumber => "street.number",
            Self::PostalCode => "postal.code",
            Self::City => "city",
            Self::Country => "country",
            Self::DateOfBirth => "date.of.birth",
            Self::IdType => "id.type",
            Self::IdNumber => "id.number",
        }
    }

    /// Parses a legacy key (exactly, case-sensitive).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|key| key.as_str() == text)
    }

    /// How the form asks for this field.
    pub fn kind(self) -> FieldKind {
        match self {
            Self::DateOfBirth => FieldKind::Date,
            Self::Country => FieldKind::CountryOfResidence,
            Self::IdType => FieldKind::DocumentType,
            Self::IdNumber => FieldKind::DocumentNumber,
            _ => FieldKind::Text,
        }
    }

    /// The most characters (not bytes) a value may have, after trimming. The caps follow the
    /// legacy OCS rules (postal code 10) and generous real-world maxima for the rest.
    pub fn max_length(self) -> usize {
        match self {
            Self::FullFirstNames | Self::FamilyNames | Self::Street | Self::City => 100,
            Self::StreetNumber => 20,
            Self::PostalCode | Self::DateOfBirth => 10,
            Self::Country => 2,
            Self::IdType => 32,
            Self::IdNumber => 30,
        }
    }

    /// Whether this is one of the two name fields.
    pub fn is_name(self) -> bool {
        matches!(self, Self::FullFirstNames | Self::FamilyNames)
    }
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A type of ID document of Annex III Part B, named by its legacy export key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentKind {
    /// `passport`
    Passport,
    /// `id.card`
    IdCard,
    /// `personal.number`
    PersonalNumber,
    /// `personal.id`
    PersonalId,
    /// `national.id.number`
    NationalIdNumber,
    /// `citizens.card`
    CitizensCard,
    /// `residence.permit`
    ResidencePermit,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 7] = [
        Self::Passport,
        Self::IdCard,
        Self::PersonalNumber,
        Self::PersonalId,
        Self::NationalIdNumber,
        Self::CitizensCard,
        Self::ResidencePermit,
    ];

    /// The legacy key, e.g. `id.card`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Passport => "passport",
            Self::IdCard => "id.card",
            Self::PersonalNumber => "personal.number",
            Self::PersonalId => "personal.id",
            Self::NationalIdNumber => "national.id.number",
            Self::CitizensCard => "citizens.card",
            Self::ResidencePermit => "residence.permit",
        }
    }

    /// Parses a legacy key (exactly, case-sensitive).
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == text)
    }

    /// Whether numbers of this kind are purely numeric national numbers, from which dots,
    /// hyphens, slashes (and the Swedish `+`) are removed before matching.
    pub fn is_national_number(self) -> bool {
        matches!(
            self,
            Self::PersonalNumber | Self::PersonalId | Self::NationalIdNumber
        )
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A check-digit algorithm of a national number: one per `[[check]]` id of the data file.
/// The arithmetic lives in [`crate::checks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CheckAlgorithm {
    /// `be-rrn-mod97`: Belgian national register number.
    BeRrn,
    /// `bg-egn`: Bulgarian EGN.
    BgEgn,
    /// `ee-isikukood`: Estonian personal code.
    EeIsikukood,
    /// `lt-asmens-kodas`: Lithuanian personal code.
    LtAsmensKodas,
    /// `lv-personas-kods`: Latvian personal code (rule not independently confirmed).
    LvPersonasKods,
    /// `pl-pesel`: Polish PESEL.
    PlPesel,
    /// `ro-cnp`: Romanian CNP.
    RoCnp,
    /// `si-emso-mod11`: Slovenian EMŠO.
    SiEmso,
    /// `hr-oib-iso7064-mod11-10`: Croatian OIB.
    HrOib,
    /// `se-personnummer-luhn`: Swedish personnummer.
    SePersonnummer,
    /// `es-dni-mod23`: Spanish DNI letter.
    EsDni,
    /// `pt-cc-mod10`: Portuguese Cartão de Cidadão.
    PtCitizenCard,
}

impl CheckAlgorithm {
    /// Every algorithm.
    pub const ALL: [CheckAlgorithm; 12] = [
        Self::BeRrn,
        Self::BgEgn,
        Self::EeIsikukood,
        Self::LtAsmensKodas,
        Self::LvPersonasKods,
        Self::PlPesel,
        Self::RoCnp,
        Self::SiEmso,
        Self::HrOib,
        Self::SePersonnummer,
        Self::EsDni,
        Self::PtCitizenCard,
    ];

    /// The id used in the data file, e.g. `pl-pesel`.
    pub fn id(self) -> &'static str {
        match self {
            Self::BeRrn => "be-rrn-mod97",
            Self::BgEgn => "bg-egn",
            Self::EeIsikukood => "ee-isikukood",
            Self::LtAsmensKodas => "lt-asmens-kodas",
            Self::LvPersonasKods => "lv-personas-kods",
            Self::PlPesel => "pl-pesel",
            Self::RoCnp => "ro-cnp",
            Self::SiEmso => "si-emso-mod11",
            Self::HrOib => "hr-oib-iso7064-mod11-10",
            Self::SePersonnummer => "se-personnummer-luhn",
            Self::EsDni => "es-dni-mod23",
            Self::PtCitizenCard => "pt-cc-mod10",
        }
    }

    /// Parses a data-file id (exactly).
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|check| check.id() == id)
    }

    /// Whether the rule is confirmed by the reference (`confidence = "verified"`). This is the
    /// built-in default; a loaded table's own `confidence` wins
    /// ([`CountryTable::is_confirmed`](super::CountryTable::is_confirmed)). An unconfirmed
    /// rule only warns.
    pub fn confirmed(self) -> bool {
        !matches!(self, Self::LvPersonasKods)
    }
}

impl fmt::Display for CheckAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
