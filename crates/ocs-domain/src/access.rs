//! Console accounts as the rules see them: [`Role`] and [`AccountId`], and the account names
//! the console accepts.

use std::fmt;

use crate::ids::InitiativeId;

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

/// Who is acting, as far as rights go: a signed-in console account or the operator at the
/// command line. Rights come only from here, as capability values that cannot be built
/// otherwise, so a use case that takes one cannot run without the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    role: Role,
    initiative: Option<InitiativeId>,
}

/// May change one initiative's lifecycle, dates and certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanManage(InitiativeId);

/// May read one initiative's dashboard and audit entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanView(InitiativeId);

/// May create initiatives and manage accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CanAdminister(());

impl CanManage {
    /// The initiative this right is for.
    pub fn initiative(self) -> InitiativeId {
        self.0
    }

    /// Whoever may change an initiative may read it.
    pub fn view(self) -> CanView {
        CanView(self.0)
    }
}

impl CanView {
    /// The initiative this right is for.
    pub fn initiative(self) -> InitiativeId {
        self.0
    }
}

impl Principal {
    /// A signed-in account (the caller has checked the session).
    pub fn account(role: Role, initiative: Option<InitiativeId>) -> Self {
        Self { role, initiative }
    }

    /// The operator at the command line: has shell access to the server and its database,
    /// so every right (each action is still audited under the operator's name).
    pub fn operator() -> Self {
        Self {
            role: Role::HostAdmin,
            initiative: None,
        }
    }

    fn owns(self, initiative: InitiativeId) -> bool {
        self.role == Role::HostAdmin || self.initiative == Some(initiative)
    }

    /// Host administrators for every initiative, organisers for their own.
    pub fn can_manage(self, initiative: InitiativeId) -> Option<CanManage> {
        (self.role != Role::Observer && self.owns(initiative)).then_some(CanManage(initiative))
    }

    /// Everyone for their own initiative; host administrators for all.
    pub fn can_view(self, initiative: InitiativeId) -> Option<CanView> {
        self.owns(initiative).then_some(CanView(initiative))
    }

    /// Host administrators only.
    pub fn can_administer(self) -> Option<CanAdminister> {
        (self.role == Role::HostAdmin).then_some(CanAdminister(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_gets_exactly_its_rights() {
        let own = InitiativeId::new(1);
        let other = InitiativeId::new(2);
        // (role, manage own, manage other, view own, view other, administer)
        let matrix = [
            (Role::HostAdmin, true, true, true, true, true),
            (Role::Organiser, true, false, true, false, false),
            (Role::Observer, false, false, true, false, false),
        ];
        for (role, manage_own, manage_other, view_own, view_other, administer) in matrix {
            let who = Principal::account(role, role.per_initiative().then_some(own));
            assert_eq!(who.can_manage(own).is_some(), manage_own, "{role}");
            assert_eq!(who.can_manage(other).is_some(), manage_other, "{role}");
            assert_eq!(who.can_view(own).is_some(), view_own, "{role}");
            assert_eq!(who.can_view(other).is_some(), view_other, "{role}");
            assert_eq!(who.can_administer().is_some(), administer, "{role}");
        }
        // An organiser row without an initiative has no rights at all.
        let stray = Principal::account(Role::Organiser, None);
        assert!(stray.can_manage(own).is_none() && stray.can_view(own).is_none());
        assert_eq!(
            Principal::operator()
                .can_manage(other)
                .map(CanManage::initiative),
            Some(other)
        );
    }

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
