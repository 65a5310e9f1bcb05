//! `ocs initiative keys|key-destroyed` (issue 20, ADR 0011): the initiative's recipient keys
//! with their holders' confirmations of destruction beside the destruction certificate, and
//! a holder's confirmation, through `Destruction::recipient_keys` and
//! `Destruction::confirm_key_destroyed` (audited by the service).

use ocs_domain::access::CanManage;
use ocs_service::audit::Actor;
use ocs_service::text::escape_controls;

use super::Operator;
use super::initiative::{CodedError, InitiativeRequest};

impl Operator {
    pub(super) async fn key_holder_step(
        &self,
        actor: &Actor,
        manage: CanManage,
        command: InitiativeRequest,
    ) -> Result<String, String> {
        let code = |e: &dyn CodedError| format!("{} {}", e.code_str(), e.text());
        match command {
            InitiativeRequest::Keys => {
                let (keys, certificate) = self
                    .destruction
                    .recipient_keys(manage.view())
                    .await
                    .map_err(|e| code(&e))?;
                let mut lines = vec![format!(
                    "destruction certificate  {}",
                    certificate.as_deref().unwrap_or("none yet")
                )];
                for key in keys {
                    let confirmed = key
                        .confirmations
                        .iter()
                        .map(|(at, detail)| format!("{at}: {detail}"))
                        .collect::<Vec<_>>()
                        .join("; ");
                    lines.push(format!(
                        "{} {}  {}",
                        key.role,
                        key.key_id,
                        if confirmed.is_empty() {
                            "destruction of the private key NOT confirmed".to_owned()
                        } else {
                            confirmed
                        }
                    ));
                }
                Ok(lines
                    .iter()
                    .map(|line| escape_controls(line))
                    .collect::<Vec<_>>()
                    .join("\n"))
            }
            InitiativeRequest::KeyDestroyed { key, holder } => {
                let key = self
                    .destruction
                    .confirm_key_destroyed(actor, manage, &key, &holder)
                    .await
                    .map_err(|e| code(&e))?;
                Ok(format!(
                    "recorded: the holder destroyed the private key {} ({})",
                    key.key_id, key.role
                ))
            }
            _ => Err("not a key holder step".to_owned()),
        }
    }
}
