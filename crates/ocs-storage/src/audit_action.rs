//! [`AuditAction`]: what an audit row says was done, a stable dotted code from a closed list.
//! The stored text is the code itself, byte for byte, so chains written by earlier versions
//! verify unchanged.

use std::borrow::Cow;
use std::fmt;

use ocs_domain::lifecycle::Action;

/// The action of an audit row (`initiative.open`, `statement.withdrawn` …). A new row takes
/// one of the constants below (or [`AuditAction::parse`] of one of their codes); a row read
/// back from the chain is taken as written ([`AuditAction::from_stored`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditAction(Cow<'static, str>);

/// A code that is not one of the actions this version writes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown audit action {0:?}: not one of the codes of AuditAction::KNOWN")]
pub struct UnknownAuditAction(pub String);

macro_rules! actions {
    ($($(#[$doc:meta])* $name:ident = $code:literal;)*) => {
        impl AuditAction {
            $($(#[$doc])* pub const $name: AuditAction = AuditAction(Cow::Borrowed($code));)*

            /// The code of every action this version writes.
            pub const KNOWN: &'static [&'static str] = &[$($code),*];
        }
    };
}

actions! {
    /// A console account was created.
    ACCOUNT_CREATED = "account.created";
    /// A console account was disabled.
    ACCOUNT_DISABLED = "account.disabled";
    /// A console account was enabled again.
    ACCOUNT_ENABLED = "account.enabled";
    /// A console account's password and TOTP were reset.
    ACCOUNT_RESET = "account.reset";
    /// A password hash was replaced by a peppered one after a good sign-in.
    ACCOUNT_PASSWORD_REHASHED = "account.password-rehashed";
    /// A TOTP secret was confirmed with a first code.
    ACCOUNT_TOTP_ENROLLED = "account.totp-enrolled";
    /// A TOTP secret was issued for enrolment.
    ACCOUNT_TOTP_ISSUED = "account.totp-issued";
    /// A TOTP secret stored in clear was sealed.
    ACCOUNT_TOTP_SEALED = "account.totp-sealed";
    /// A backup was asked for (recorded before it is written).
    BACKUP_REQUESTED = "backup.requested";
    /// A restore was asked for (recorded before statements are read back).
    BACKUP_RESTORE_REQUESTED = "backup.restore-requested";
    /// Scheduled backup files of an initiative were removed.
    BACKUP_SCHEDULED_REMOVED = "backup.scheduled-removed";
    /// Old whole-database snapshots were removed.
    BACKUP_SNAPSHOT_REMOVED = "backup.snapshot-removed";
    /// A whole-database snapshot was taken.
    BACKUP_SNAPSHOT_TAKEN = "backup.snapshot-taken";
    /// An initiative's statements were destroyed.
    DATA_DESTROYED = "data.destroyed";
    /// An export was asked for.
    EXPORT_REQUESTED = "export.requested";
    /// An export ended (written or failed).
    EXPORT_FINISHED = "export.finished";
    /// A sealed export was asked for.
    EXPORT_SEALED_REQUESTED = "export.sealed-requested";
    /// A sealed export was imported (in the receiving database).
    EXPORT_SEALED_IMPORT_REQUESTED = "export.sealed-import-requested";
    /// An initiative was set up in the console.
    INITIATIVE_CREATED = "initiative.created";
    /// An initiative's details were edited.
    INITIATIVE_EDITED = "initiative.edited";
    /// An initiative's recipient keys were changed.
    INITIATIVE_KEYS = "initiative.keys";
    /// An initiative came under lifecycle management (as a draft).
    INITIATIVE_MANAGED = "initiative.managed";
    /// An initiative's collection dates were set.
    INITIATIVE_DATES = "initiative.dates";
    /// An initiative's certificate was stored.
    INITIATIVE_CERTIFICATE = "initiative.certificate";
    /// A configuration-file initiative was stored for the first time.
    INITIATIVE_CONFIGURED_CREATED = "initiative.configured-created";
    /// A configuration-file initiative was updated from the file.
    INITIATIVE_CONFIGURED_UPDATED = "initiative.configured-updated";
    /// Lifecycle: draft → test mode.
    INITIATIVE_START_TEST = "initiative.start-test";
    /// Lifecycle: test → live.
    INITIATIVE_GO_LIVE = "initiative.go-live";
    /// Lifecycle: live → collecting.
    INITIATIVE_OPEN = "initiative.open";
    /// Lifecycle: collecting → paused.
    INITIATIVE_PAUSE = "initiative.pause";
    /// Lifecycle: paused → collecting.
    INITIATIVE_RESUME = "initiative.resume";
    /// Lifecycle: → closed.
    INITIATIVE_CLOSE = "initiative.close";
    /// Lifecycle: closed → submitted.
    INITIATIVE_SUBMIT = "initiative.submit";
    /// Lifecycle: → destroyed.
    INITIATIVE_DESTROY = "initiative.destroy";
    /// Lifecycle: → withdrawn.
    INITIATIVE_WITHDRAW = "initiative.withdraw";
    /// A key holder confirmed destroying their copy of a private key.
    KEYS_HOLDER_DESTROYED = "keys.holder-destroyed";
    /// The e-mail subscribers were exported for the organisers.
    MAIL_EXPORTED = "mail.exported";
    /// The e-mail addresses of an initiative were purged.
    MAIL_PURGED = "mail.purged";
    /// An e-mail update was queued.
    MAIL_UPDATE_QUEUED = "mail.update_queued";
    /// Retention: the Commission's answer was recorded as submitted.
    RETENTION_COMMISSION_SUBMITTED = "retention.commission-submitted";
    /// Retention: a hold (proceedings) was set.
    RETENTION_HOLD_SET = "retention.hold-set";
    /// Retention: a hold was lifted.
    RETENTION_HOLD_LIFTED = "retention.hold-lifted";
    /// Retention: the verification by the authorities was recorded.
    RETENTION_VERIFIED = "retention.verified";
    /// A paper statement was entered.
    STATEMENT_PAPER_ENTERED = "statement.paper-entered";
    /// A paper statement was refused as a duplicate.
    STATEMENT_PAPER_DUPLICATE = "statement.paper-duplicate";
    /// A signer withdrew their statement.
    STATEMENT_WITHDRAWN = "statement.withdrawn";
}

impl AuditAction {
    /// The action whose code is `code`; an unknown code is refused.
    pub fn parse(code: &str) -> Result<Self, UnknownAuditAction> {
        Self::KNOWN
            .iter()
            .find(|known| **known == code)
            .map(|known| Self(Cow::Borrowed(known)))
            .ok_or_else(|| UnknownAuditAction(code.to_owned()))
    }

    /// The action of a row read back from the trail, taken as written: its hash covers
    /// these bytes, and a row an earlier version wrote still verifies even if this version
    /// no longer writes its code.
    pub fn from_stored(code: String) -> Self {
        match Self::parse(&code) {
            Ok(known) => known,
            Err(_) => Self(Cow::Owned(code)),
        }
    }

    /// The lifecycle transition `action` (`initiative.<action>`).
    pub fn lifecycle(action: Action) -> Self {
        match action {
            Action::StartTest => Self::INITIATIVE_START_TEST,
            Action::GoLive => Self::INITIATIVE_GO_LIVE,
            Action::Open => Self::INITIATIVE_OPEN,
            Action::Pause => Self::INITIATIVE_PAUSE,
            Action::Resume => Self::INITIATIVE_RESUME,
            Action::Close => Self::INITIATIVE_CLOSE,
            Action::Submit => Self::INITIATIVE_SUBMIT,
            Action::Destroy => Self::INITIATIVE_DESTROY,
            Action::Withdraw => Self::INITIATIVE_WITHDRAW,
        }
    }

    /// The stored code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for AuditAction {
    type Err = UnknownAuditAction;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::parse(code)
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for AuditAction {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for AuditAction {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for AuditAction {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<AuditAction> for str {
    fn eq(&self, other: &AuditAction) -> bool {
        *self == *other.0
    }
}

impl PartialEq<AuditAction> for &str {
    fn eq(&self, other: &AuditAction) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_code_parses_to_itself() {
        for code in AuditAction::KNOWN {
            let action = AuditAction::parse(code).unwrap();
            assert_eq!(action.as_str(), *code);
            assert_eq!(action.to_string(), *code);
        }
        assert_eq!(
            AuditAction::parse("statement.withdrawn"),
            Ok(AuditAction::STATEMENT_WITHDRAWN)
        );
    }

    #[test]
    fn an_unknown_action_is_refused_with_its_code_in_the_error() {
        for code in [
            "",
            "statement",
            "statement.withdrawn ",
            "Statement.Withdrawn",
            "a.b",
        ] {
            let error = AuditAction::parse(code).unwrap_err();
            assert_eq!(error, UnknownAuditAction(code.to_owned()));
            assert!(error.to_string().contains(&format!("{code:?}")), "{error}");
        }
        assert!("initiative.rename".parse::<AuditAction>().is_err());
    }

    #[test]
    fn codes_are_unique_dotted_and_lifecycle_codes_follow_the_action_names() {
        let mut seen = std::collections::HashSet::new();
        for code in AuditAction::KNOWN {
            assert!(seen.insert(*code), "{code} twice");
            let (area, what) = code.split_once('.').unwrap();
            assert!(!area.is_empty() && !what.is_empty(), "{code}");
        }
        for action in Action::ALL {
            assert_eq!(
                AuditAction::lifecycle(action).as_str(),
                format!("initiative.{}", action.as_str())
            );
        }
    }

    #[test]
    fn a_stored_code_is_kept_as_written_even_if_no_longer_known() {
        let old = AuditAction::from_stored("account.renamed-long-ago".to_owned());
        assert_eq!(old.as_str(), "account.renamed-long-ago");
        assert!(AuditAction::parse(old.as_str()).is_err());
        assert_eq!(
            AuditAction::from_stored("account.created".to_owned()),
            AuditAction::ACCOUNT_CREATED
        );
    }
}
