//! `ocs paper add` as a request: one paper statement through the signing service's
//! `enter_paper`, with the operator's `CanManage`.

use std::collections::BTreeMap;

use ocs_domain::RawStatement;
use ocs_service::audit::Actor;
use ocs_service::{PaperOutcome, SignError};

use super::Operator;

impl Operator {
    pub(super) async fn paper_add(
        &self,
        actor: &Actor,
        slug: &str,
        nationality: String,
        fields: BTreeMap<String, String>,
    ) -> Result<String, String> {
        let (_, right) = self.manage(slug)?;
        let raw = RawStatement {
            nationality,
            fields,
            confirmed: false,
        };
        match self
            .signing
            .enter_paper(right, actor, &self.audit, &raw)
            .await
        {
            Ok(PaperOutcome::Recorded(id)) => Ok(format!("recorded paper statement {id}")),
            Ok(PaperOutcome::Duplicate) => {
                Ok("duplicate: this person is already counted; nothing was stored".to_owned())
            }
            Err(SignError::Invalid(errors)) => {
                let mut lines: Vec<String> = errors
                    .iter()
                    .map(|error| format!("{}: {}", error.field, error.code))
                    .collect();
                lines.push("the statement has field errors; nothing was stored".to_owned());
                Err(lines.join("\n"))
            }
            Err(error) => Err(format!("{error} ({})", error.code())),
        }
    }
}
