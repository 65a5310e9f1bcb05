//! Copies of an initiative's data as requests: backups and their restore, the sealed export
//! (`ocs_service::custody`, audited before the file is written) and the confirmed mail
//! addresses (`MailService`, audited with the count), each with the operator's `CanManage`.

use std::path::Path;

use ocs_domain::access::CanManage;
use ocs_service::audit::Actor;
use ocs_service::custody::Custodian;
use ocs_service::{Clock as _, SystemClock};

use super::Operator;

impl Operator {
    fn custodian<'a>(&'a self, actor: &'a Actor, right: CanManage) -> Custodian<'a> {
        Custodian {
            right,
            actor,
            audit: &self.audit,
            now: SystemClock.now(),
        }
    }

    pub(super) async fn backup(
        &self,
        actor: &Actor,
        slug: &str,
        out: &Path,
    ) -> Result<String, String> {
        let (_, right) = self.manage(slug)?;
        if out.exists() {
            return Err(format!("{} exists; choose a new file name", out.display()));
        }
        let count = self
            .custodian(actor, right)
            .backup(
                self.store.as_ref(),
                &self.backup_keys,
                &ocs_crypto::OsEntropy,
                out,
            )
            .await
            .map_err(|e| format!("backup failed: {e}"))?;
        Ok(format!(
            "wrote {count} statements to {} (encrypted to the backup key in {})",
            out.display(),
            self.backup_keys.path(right.initiative()).display()
        ))
    }

    pub(super) async fn restore(
        &self,
        actor: &Actor,
        slug: &str,
        input: &Path,
    ) -> Result<String, String> {
        let (_, right) = self.manage(slug)?;
        let count = self
            .custodian(actor, right)
            .restore(self.store.as_ref(), &self.backup_keys, input)
            .await
            .map_err(|e| format!("restore failed: {e}"))?;
        Ok(format!(
            "restored {count} statements (statements already present were skipped)"
        ))
    }

    pub(super) async fn sealed_export(
        &self,
        actor: &Actor,
        slug: &str,
        sealed_key: &Path,
        certificate: &Path,
        out: &Path,
    ) -> Result<String, String> {
        let (entry, right) = self.manage(slug)?;
        let key = ocs_crypto::read_sealed_export_key(sealed_key).map_err(|e| {
            format!(
                "reading the sealed-export key {}: {e}",
                sealed_key.display()
            )
        })?;
        let certificate = std::fs::read_to_string(certificate)
            .map_err(|e| format!("reading the certificate {}: {e}", certificate.display()))?;
        let manifest = self
            .custodian(actor, right)
            .sealed_export(
                self.store.as_ref(),
                &entry.initiative,
                &key,
                &certificate,
                out,
            )
            .await
            .map_err(|e| format!("sealed export failed: {e}"))?;
        Ok(format!(
            "wrote {} sealed statements to {} with a signed manifest",
            manifest.statements,
            out.join(&manifest.file).display()
        ))
    }

    pub(super) async fn mail_export(
        &self,
        actor: &Actor,
        slug: &str,
        out: &Path,
    ) -> Result<String, String> {
        let (_, right) = self.manage(slug)?;
        let mail = self.mail()?;
        let addresses = mail
            .export_confirmed(right, actor.clone())
            .await
            .map_err(|e| e.to_string())?;
        let csv = ocs_service::mail::addresses_csv(&addresses);
        crate::private_file::write_private(out, csv.as_bytes()).map_err(|e| format!("{e:#}"))?;
        Ok(format!(
            "exported {} confirmed addresses to {}",
            addresses.len(),
            out.display()
        ))
    }

    pub(super) async fn mail_send(
        &self,
        actor: &Actor,
        slug: &str,
        subject: &str,
        body: &str,
    ) -> Result<String, String> {
        let (_, right) = self.manage(slug)?;
        let count = self
            .mail()?
            .send_update(right, subject, body, actor.clone())
            .await
            .map_err(|e| e.to_string())?;
        Ok(format!("queued {count} messages"))
    }
}
