//! `ocs admin …` as requests: console accounts through the console's own `ConsoleAuth`
//! methods (Argon2id with the pepper, audit row in the account's transaction), with the
//! operator's `CanAdminister`.

use ocs_domain::InitiativeId;
use ocs_domain::access::{AccountName, Principal, Role};
use ocs_service::audit::Actor;

use super::{Operator, Password};

impl Operator {
    pub(super) async fn add_user(
        &self,
        actor: &Actor,
        name: &str,
        role: &str,
        initiative: Option<String>,
        password: &Password,
    ) -> Result<String, String> {
        let role = Role::parse(role).ok_or_else(|| {
            format!(
                "{} --role must be host-admin, organiser or observer",
                ocs_domain::ErrorCode::AccountRole
            )
        })?;
        let initiative: Option<InitiativeId> = match initiative {
            Some(slug) => Some(self.initiative(&slug)?.initiative.id),
            None => None,
        };
        let admin = Principal::operator()
            .can_administer()
            .ok_or("no right to manage accounts")?;
        self.accounts
            .add_account(actor, admin, name, role, initiative, &password.0)
            .await
            .map_err(|e| format!("{} {e}", e.code()))?;
        let name = AccountName::parse(name).map_err(|e| e.to_string())?;
        Ok(format!(
            "account {name} created ({role}); the second factor is enrolled at the first sign-in"
        ))
    }

    pub(super) async fn list_users(&self) -> Result<String, String> {
        let admin = Principal::operator()
            .can_administer()
            .ok_or("no right to manage accounts")?;
        let accounts = self
            .accounts
            .accounts(admin)
            .await
            .map_err(|e| format!("{} {e}", e.code()))?;
        let lines: Vec<String> = accounts
            .iter()
            .map(|account| {
                format!(
                    "{:<24} {:<11} initiative {:<6} second factor {:<9} {}",
                    ocs_service::text::escape_controls(account.name.as_str()),
                    account.role.as_str(),
                    account
                        .initiative
                        .map_or_else(|| "-".to_owned(), |i| i.to_string()),
                    if account.totp_enrolled {
                        "enrolled"
                    } else {
                        "pending"
                    },
                    if account.disabled {
                        "DISABLED"
                    } else {
                        "active"
                    },
                )
            })
            .collect();
        Ok(lines.join("\n"))
    }

    pub(super) async fn set_disabled(
        &self,
        actor: &Actor,
        name: &str,
        disabled: bool,
    ) -> Result<String, String> {
        let admin = Principal::operator()
            .can_administer()
            .ok_or("no right to manage accounts")?;
        self.accounts
            .set_disabled(actor, admin, name, disabled)
            .await
            .map_err(|e| format!("{} {e}", e.code()))?;
        let name = AccountName::parse(name).map_err(|e| e.to_string())?;
        Ok(format!(
            "account {name} {}",
            if disabled { "disabled" } else { "enabled" }
        ))
    }

    pub(super) async fn reset(
        &self,
        actor: &Actor,
        name: &str,
        password: &Password,
    ) -> Result<String, String> {
        let admin = Principal::operator()
            .can_administer()
            .ok_or("no right to manage accounts")?;
        self.accounts
            .reset_password(actor, admin, name, &password.0)
            .await
            .map_err(|e| format!("{} {e}", e.code()))?;
        let name = AccountName::parse(name).map_err(|e| e.to_string())?;
        Ok(format!(
            "password of {name} reset; the second factor must be enrolled again"
        ))
    }
}
