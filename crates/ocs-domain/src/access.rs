//! Console accounts as the rules see them: [`Role`] and [`AccountId`], and the account names
//! the console accepts.

use std::fmt;

/// What a console account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Creates initiatives and manages accounts; sees every initiative.
    HostAdmin,
    /// Sets up, opens, pauses and closes one initiative, and exports it.
    Organiser,
    /// Reads one initiative's dashboard.
    Observer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::HostAdmin, Role::Organiser, Role::Observer];

    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::HostAdmin => "host-admin",
            Role::Organiser => "organiser",
            Role::Observer => "observer",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }

    /// Whether accounts of this role belong to one initiative.
    pub fn per_initiative(self) -> bool {
        !matches!(self, Role::HostAdmin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The number of a console account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(u64);

impl AccountId {
    /// Wraps a stored number.
    pub const fn new(value: u64) -> Self {
        Self(value)
    }

    /// The number, for storage.
    pub const fn get(self) -> u64 {
        self.0
    }
}

/// A console sign-in name: 1–64 characters of `a-z`, `0-9`, `.`, `_` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountName(String);

/// The text is not a valid account name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an account name is 1 to 64 characters of a-z, 0-9, '.', '_' and '-'")]
pub struct BadAccountName;

impl AccountName {
    /// Parses a name (lower-cased first, so `Ann` and `ann` are one account).
    pub fn parse(text: &str) -> Result<Self, BadAccountName> {
        let text = text.trim().to_ascii_lowercase();
        let ok = !text.is_empty()
            && text.len() <= 64
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if ok {
            Ok(Self(text))
        } else {
            Err(BadAccountName)
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AccountName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_names_parse() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
        assert!(!Role::HostAdmin.per_initiative());
        assert_eq!(AccountName::parse(" Ann.Lee ").unwrap().as_str(), "ann.lee");
        for bad in ["", "a b", "é", &"a".repeat(65)] {
            assert_eq!(AccountName::parse(bad), Err(BadAccountName), "{bad}");
        }
    }
}
