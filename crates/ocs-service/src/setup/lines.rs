//! The one-entry-a-line text forms the console edits: organisers and authority keys.

use std::collections::BTreeMap;

use ocs_domain::initiative::{Organiser, OrganiserRole};

use super::SetupError;

/// Organisers written one a line as `role; name; address` (role `representative`,
/// `substitute` or `member`; the address may be left out).
pub fn parse_organisers(text: &str) -> Result<Vec<Organiser>, SetupError> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split(';').map(str::trim);
            let role = match parts.next().unwrap_or_default() {
                "representative" => OrganiserRole::Representative,
                "substitute" => OrganiserRole::Substitute,
                "member" => OrganiserRole::Member,
                _ => return Err(SetupError::Missing("the organiser's role")),
            };
            let name = parts.next().unwrap_or_default().to_owned();
            if name.is_empty() {
                return Err(SetupError::Missing("the organiser's name"));
            }
            let email = parts.next().filter(|e| !e.is_empty()).map(str::to_owned);
            Ok(Organiser { name, role, email })
        })
        .collect()
}

/// The inverse of [`parse_organisers`].
pub fn format_organisers(organisers: &[Organiser]) -> String {
    organisers
        .iter()
        .map(|o| {
            let role = match o.role {
                OrganiserRole::Representative => "representative",
                OrganiserRole::Substitute => "substitute",
                OrganiserRole::Member => "member",
            };
            match &o.email {
                Some(email) => format!("{role}; {}; {email}", o.name),
                None => format!("{role}; {}", o.name),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Authority keys written one a line as `DE ocs-pk-1:…`.
pub fn parse_authority_keys(text: &str) -> Result<BTreeMap<String, String>, SetupError> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (country, key) = line
                .split_once(char::is_whitespace)
                .ok_or(SetupError::Missing("the authority's key"))?;
            Ok((country.trim().to_uppercase(), key.trim().to_owned()))
        })
        .collect()
}

/// The inverse of [`parse_authority_keys`].
pub fn format_authority_keys(keys: &BTreeMap<String, String>) -> String {
    keys.iter()
        .map(|(country, key)| format!("{country} {key}"))
        .collect::<Vec<_>>()
        .join("\n")
}
