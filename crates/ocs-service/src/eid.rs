//! What an eID login adds to a statement: the values it locks on the form, the person
//! identifier that feeds a second de-duplication tag, and the evidence sealed with the
//! statement (provider and level of assurance). See docs/adr/0005-eid-dedup.md.

use std::fmt;

use ocs_domain::{ErrorCode, FieldError, FieldErrors, RawStatement};
use serde::Serialize;
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The eID side of a statement signed with eID. Personal data: `Debug` hides it, and it is
/// wiped on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct EidEvidence {
    /// The provider's name.
    pub provider: String,
    /// eIDAS level of assurance.
    pub loa: String,
    /// The provider's persistent person identifier, namespaced by its issuer.
    pub subject: String,
    /// Form fields the eID filled, with their values: the submission must carry exactly
    /// these.
    pub locked: Vec<(String, String)>,
}

impl fmt::Debug for EidEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EidEvidence")
            .field("provider", &self.provider)
            .field("loa", &self.loa)
            .finish_non_exhaustive()
    }
}

/// What the sealed payload records about the eID (no identifier: the identity is already
/// in the Annex III values).
#[derive(Debug, Serialize)]
pub struct EidSeal<'a> {
    /// The provider's name.
    pub provider: &'a str,
    /// eIDAS level of assurance.
    pub loa: &'a str,
}

impl EidEvidence {
    /// Every locked field whose submitted value differs from the eID's.
    pub fn check_locked(&self, raw: &RawStatement) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        for (field, value) in &self.locked {
            if raw.fields.get(field).map(String::as_str) != Some(value.as_str()) {
                errors.push(FieldError {
                    field: field.clone(),
                    code: ErrorCode::EidMismatch,
                });
            }
        }
        if errors.iter().next().is_some() {
            Err(errors)
        } else {
            Ok(())
        }
    }

    /// The identity key of the second de-duplication tag: the person identifier, apart from
    /// every Annex III identity key by its prefix.
    pub fn identity_key(&self) -> String {
        format!("eid\u{0}{}", self.subject)
    }

    /// The part sealed with the statement.
    pub fn seal(&self) -> EidSeal<'_> {
        EidSeal {
            provider: &self.provider,
            loa: &self.loa,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_changed_or_missing_locked_value_is_refused() {
        let evidence = EidEvidence {
            provider: "de".into(),
            loa: "high".into(),
            subject: "iss\u{0}sub".into(),
            locked: vec![("family.names".into(), "Mustermann".into())],
        };
        let mut fields = BTreeMap::new();
        fields.insert("family.names".to_owned(), "Mustermann".to_owned());
        let raw = RawStatement {
            nationality: "DE".into(),
            fields,
            confirmed: false,
        };
        assert!(evidence.check_locked(&raw).is_ok());
        let mut changed = raw.clone();
        changed
            .fields
            .insert("family.names".into(), "Musterfrau".into());
        let errors = evidence.check_locked(&changed).unwrap_err();
        assert_eq!(errors.iter().next().unwrap().code, ErrorCode::EidMismatch);
        let mut missing = raw;
        missing.fields.clear();
        assert!(evidence.check_locked(&missing).is_err());
    }
}
