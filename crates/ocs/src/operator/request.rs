//! The command line's requests to the operator ([`AdminRequest`], as JSON on the
//! administration socket), the replies ([`AdminReply`]) and the password they carry.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use zeroize::Zeroize as _;

use super::initiative::InitiativeRequest;

/// A password on its way from the operator's file to the account service: never printed,
/// wiped when dropped.
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct Password(pub(super) String);

impl Password {
    /// Reads the first line of `path` (the command line never holds passwords: other users
    /// can read it in the process list).
    pub fn read(path: &Path) -> anyhow::Result<Self> {
        let mut text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the password file {}", path.display()))?;
        let password = Self(text.trim_end_matches(['\n', '\r']).to_owned());
        text.zeroize();
        Ok(password)
    }
}

impl Drop for Password {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// One state-changing (or database-reading) `ocs` command, with its files already read by
/// the command line and its paths made absolute. Serialised as JSON on the administration
/// socket. No `Debug`: a paper statement carries personal data; logs use [`Self::name`].
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum AdminRequest {
    /// `ocs admin add-user`.
    AddUser {
        /// Sign-in name.
        name: String,
        /// `host-admin`, `organiser` or `observer`.
        role: String,
        /// The initiative's slug, for organisers and observers.
        initiative: Option<String>,
        /// The initial password.
        password: Password,
    },
    /// `ocs admin list-users`.
    ListUsers,
    /// `ocs admin disable|enable`.
    SetDisabled {
        /// Sign-in name.
        name: String,
        /// Refuse (true) or allow (false) sign-in.
        disabled: bool,
    },
    /// `ocs admin reset`.
    ResetPassword {
        /// Sign-in name.
        name: String,
        /// The new password.
        password: Password,
    },
    /// `ocs paper add`.
    PaperAdd {
        /// The initiative's slug.
        initiative: String,
        /// The signer's nationality.
        country: String,
        /// Annex III field keys to values (personal data).
        fields: BTreeMap<String, String>,
    },
    /// `ocs backup`.
    Backup {
        /// The initiative's slug.
        initiative: String,
        /// The file to write (absolute).
        out: PathBuf,
    },
    /// `ocs backup restore`.
    Restore {
        /// The initiative's slug.
        initiative: String,
        /// The backup file (absolute).
        input: PathBuf,
    },
    /// `ocs export sealed`.
    SealedExport {
        /// The initiative's slug.
        initiative: String,
        /// The initiative's sealed-export key file (absolute; never the manifest key).
        signing_key: PathBuf,
        /// That key's certificate by the manifest key (absolute).
        certificate: PathBuf,
        /// The output folder (absolute).
        out: PathBuf,
    },
    /// `ocs mail export`.
    MailExport {
        /// The initiative's slug.
        initiative: String,
        /// The CSV file to create (absolute).
        out: PathBuf,
    },
    /// `ocs mail send`.
    MailSend {
        /// The initiative's slug.
        initiative: String,
        /// Subject line.
        subject: String,
        /// Message text.
        body: String,
    },
    /// `ocs initiative …`.
    Initiative {
        /// The initiative's slug.
        initiative: String,
        /// The step.
        command: InitiativeRequest,
    },
    /// `ocs audit verify`.
    AuditVerify,
    /// `ocs audit show`.
    AuditShow {
        /// How many rows.
        limit: u32,
    },
}

impl AdminRequest {
    /// The request's name, for logs (never its content).
    pub fn name(&self) -> &'static str {
        match self {
            Self::AddUser { .. } => "add-user",
            Self::ListUsers => "list-users",
            Self::SetDisabled { .. } => "set-disabled",
            Self::ResetPassword { .. } => "reset-password",
            Self::PaperAdd { .. } => "paper-add",
            Self::Backup { .. } => "backup",
            Self::Restore { .. } => "restore",
            Self::SealedExport { .. } => "sealed-export",
            Self::MailExport { .. } => "mail-export",
            Self::MailSend { .. } => "mail-send",
            Self::Initiative { .. } => "initiative",
            Self::AuditVerify => "audit-verify",
            Self::AuditShow { .. } => "audit-show",
        }
    }

    /// Whether it only reads the audit trail (no application needed to run it here).
    pub(crate) fn reads_audit_only(&self) -> bool {
        matches!(self, Self::AuditVerify | Self::AuditShow { .. })
    }
}

/// The outcome the command line prints: done (stdout, exit 0) or refused (stderr, exit 1),
/// each with its text (codes included, no personal data).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum AdminReply {
    /// Carried out.
    Done(String),
    /// Refused or failed; nothing half-done.
    Refused(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_never_printed_and_requests_keep_their_shape_in_json() {
        let request = AdminRequest::AddUser {
            name: "ana".to_owned(),
            role: "organiser".to_owned(),
            initiative: Some("demo".to_owned()),
            password: Password("a long enough password".to_owned()),
        };
        let AdminRequest::AddUser { password, .. } = &request else {
            unreachable!()
        };
        assert_eq!(format!("{password:?}"), "Password(***)");
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(
            json,
            r#"{"add-user":{"name":"ana","role":"organiser","initiative":"demo","password":"a long enough password"}}"#
        );
        let back: AdminRequest = serde_json::from_str(&json).unwrap();
        assert_eq!(back.name(), "add-user");
        assert!(
            serde_json::from_str::<AdminRequest>(r#"{"add-user":{"name":"x","extra":1}}"#).is_err(),
            "unknown fields are refused"
        );
    }

    #[test]
    fn a_certificate_travels_as_base64() {
        let request = AdminRequest::Initiative {
            initiative: "demo".to_owned(),
            command: InitiativeRequest::Certificate {
                pdf: b"%PDF-1.7 \x00\xff".to_vec(),
                authority: "BMI".to_owned(),
                date: jiff::civil::date(2026, 5, 2),
            },
        };
        let json = serde_json::to_string(&request).unwrap();
        assert!(json.contains(r#""pdf":"JVBERi0xLjcgAP8=""#), "{json}");
        let AdminRequest::Initiative {
            command: InitiativeRequest::Certificate { pdf, .. },
            ..
        } = serde_json::from_str(&json).unwrap()
        else {
            unreachable!()
        };
        assert_eq!(pdf, b"%PDF-1.7 \x00\xff");
    }

    #[test]
    fn replies_are_done_or_refused() {
        let json = serde_json::to_string(&AdminReply::Refused("ADM-002 no".to_owned())).unwrap();
        assert_eq!(json, r#"{"refused":"ADM-002 no"}"#);
        assert_eq!(
            serde_json::from_str::<AdminReply>(r#"{"done":"ok"}"#).unwrap(),
            AdminReply::Done("ok".to_owned())
        );
    }
}
