//! Countries of residence: the ISO 3166-1 alpha-2 codes a signer may give for `country`.
//!
//! A citizen signs for their state of nationality wherever they live (Art. 3(2) of Regulation
//! (EU) 2019/788), so the country of residence may be any country, not only a member state.

/// The 249 officially assigned ISO 3166-1 alpha-2 codes, in alphabetical order.
pub const ISO_3166_ALPHA2: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Codes people write for a country that ISO spells otherwise: the EU's own abbreviations
/// (`EL` for Greece, `UK` for the United Kingdom) and `XK`, the code the EU and most
/// registries use for Kosovo, which ISO has not assigned.
pub const ALIASES: [(&str, &str); 3] = [("EL", "GR"), ("UK", "GB"), ("XK", "XK")];

/// The stored (ISO, upper-case) code for a typed country of residence, or `None` if it is
/// not a country code. Case and surrounding whitespace are ignored.
pub fn residence_country(text: &str) -> Option<&'static str> {
    let trimmed = text.trim();
    if trimmed.len() != 2 {
        return None;
    }
    let upper = trimmed.to_ascii_uppercase();
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == upper)
        .map(|(_, iso)| *iso)
        .or_else(|| {
            ISO_3166_ALPHA2
                .binary_search(&upper.as_str())
                .ok()
                .and_then(|index| ISO_3166_ALPHA2.get(index).copied())
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::CountryCode;

    #[test]
    fn list_is_sorted_unique_and_covers_every_member_state() {
        assert!(ISO_3166_ALPHA2.windows(2).all(|pair| pair[0] < pair[1]));
        for code in CountryCode::ALL {
            assert_eq!(
                residence_country(code.as_str()),
                Some(code.iso3166()),
                "{code}"
            );
            assert_eq!(residence_country(code.iso3166()), Some(code.iso3166()));
        }
    }

    #[test]
    fn aliases_case_and_unknown_codes() {
        assert_eq!(residence_country(" el "), Some("GR"));
        assert_eq!(residence_country("gr"), Some("GR"));
        assert_eq!(residence_country("UK"), Some("GB"));
        assert_eq!(residence_country("us"), Some("US"));
        assert_eq!(residence_country("XK"), Some("XK"));
        for bad in ["", "ZZ", "EU", "DEU", "D", "É1", "ÄÄ"] {
            assert_eq!(residence_country(bad), None, "{bad}");
        }
    }
}
