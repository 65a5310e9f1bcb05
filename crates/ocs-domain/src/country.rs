//! The 27 member states as a closed enum, with EU and ISO 3166 spellings.

use std::fmt;
use std::str::FromStr;

/// A member state of the European Union, keyed by its EU country code (Greece is `EL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CountryCode {
    /// Austria
    AT,
    /// Belgium
    BE,
    /// Bulgaria
    BG,
    /// Cyprus
    CY,
    /// Czechia
    CZ,
    /// Germany
    DE,
    /// Denmark
    DK,
    /// Estonia
    EE,
    /// Greece (ISO 3166: GR)
    EL,
    /// Spain
    ES,
    /// Finland
    FI,
    /// France
    FR,
    /// Croatia
    HR,
    /// Hungary
    HU,
    /// Ireland
    IE,
    /// Italy
    IT,
    /// Lithuania
    LT,
    /// Luxembourg
    LU,
    /// Latvia
    LV,
    /// Malta
    MT,
    /// Netherlands
    NL,
    /// Poland
    PL,
    /// Portugal
    PT,
    /// Romania
    RO,
    /// Sweden
    SE,
    /// Slovenia
    SI,
    /// Slovakia
    SK,
}

/// The text was not the code of a member state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not the code of an EU member state")]
pub struct UnknownCountry;

impl CountryCode {
    /// All 27 states in order of code.
    pub const ALL: [CountryCode; 27] = [
        Self::AT,
        Self::BE,
        Self::BG,
        Self::CY,
        Self::CZ,
        Self::DE,
        Self::DK,
        Self::EE,
        Self::EL,
        Self::ES,
        Self::FI,
        Self::FR,
        Self::HR,
        Self::HU,
        Self::IE,
        Self::IT,
        Self::LT,
        Self::LU,
        Self::LV,
        Self::MT,
        Self::NL,
        Self::PL,
        Self::PT,
        Self::RO,
        Self::SE,
        Self::SI,
        Self::SK,
    ];

    /// The EU code, upper case (`EL` for Greece).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AT => "AT",
            Self::BE => "BE",
            Self::BG => "BG",
            Self::CY => "CY",
            Self::CZ => "CZ",
            Self::DE => "DE",
            Self::DK => "DK",
            Self::EE => "EE",
            Self::EL => "EL",
            Self::ES => "ES",
            Self::FI => "FI",
            Self::FR => "FR",
            Self::HR => "HR",
            Self::HU => "HU",
            Self::IE => "IE",
            Self::IT => "IT",
            Self::LT => "LT",
            Self::LU => "LU",
            Self::LV => "LV",
            Self::MT => "MT",
            Self::NL => "NL",
            Self::PL => "PL",
            Self::PT => "PT",
            Self::RO => "RO",
            Self::SE => "SE",
            Self::SI => "SI",
            Self::SK => "SK",
        }
    }

    /// The ISO 3166-1 alpha-2 code, upper case (`GR` for Greece).
    pub fn iso3166(self) -> &'static str {
        match self {
            Self::EL => "GR",
            other => other.as_str(),
        }
    }

    /// Parses an EU or ISO code, in any case, with surrounding spaces ignored.
    pub fn parse(text: &str) -> Result<Self, UnknownCountry> {
        let upper = text.trim().to_ascii_uppercase();
        if upper == "GR" {
            return Ok(Self::EL);
        }
        Self::ALL
            .into_iter()
            .find(|code| code.as_str() == upper)
            .ok_or(UnknownCountry)
    }
}

impl FromStr for CountryCode {
    type Err = UnknownCountry;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greece_accepts_both_codes_and_writes_each_where_expected() {
        assert_eq!(CountryCode::parse("gr"), Ok(CountryCode::EL));
        assert_eq!(CountryCode::parse(" EL "), Ok(CountryCode::EL));
        assert_eq!(CountryCode::EL.as_str(), "EL");
        assert_eq!(CountryCode::EL.iso3166(), "GR");
    }

    #[test]
    fn every_code_round_trips_and_non_members_are_refused() {
        for code in CountryCode::ALL {
            assert_eq!(CountryCode::parse(code.as_str()), Ok(code));
            assert_eq!(CountryCode::parse(&code.as_str().to_lowercase()), Ok(code));
        }
        for bad in ["UK", "GB", "CH", "", "D", "DEU", "XX"] {
            assert_eq!(CountryCode::parse(bad), Err(UnknownCountry), "{bad}");
        }
    }
}
