//! `ocs mail export|send`: the optional e-mail updates from the command line, carried out by
//! the operator dispatcher (here or in the running server).

use std::path::Path;

use anyhow::{Context as _, bail};

use crate::operator::{AdminRequest, absolute, operator_label};
use crate::submit::submit;

/// `ocs mail export`: the confirmed addresses of an initiative as CSV (`email,confirmed_on`),
/// written by the operator dispatcher (here or in the running server).
pub fn export(config_path: &Path, slug: &str, out: &Path) -> anyhow::Result<()> {
    let config = crate::config::load(config_path)?;
    let request = AdminRequest::MailExport {
        initiative: slug.to_owned(),
        out: absolute(out)?,
    };
    submit(&config, &operator_label(None), request)
}

/// `ocs mail send`: queues an update to every confirmed subscriber.
pub fn send(config_path: &Path, slug: &str, subject: &str, body_file: &Path) -> anyhow::Result<()> {
    let config = crate::config::load(config_path)?;
    let body = std::fs::read_to_string(body_file)
        .with_context(|| format!("--body-file {}", body_file.display()))?;
    if let Err(problem) = ocs_service::mail::check_update(subject, &body) {
        bail!(
            "{}: --subject must be one non-empty line of at most {} characters and \
             --body-file a non-empty text of at most {} bytes ({problem:?})",
            problem.code(),
            ocs_service::mail::MAX_SUBJECT_CHARS,
            ocs_service::mail::MAX_BODY_BYTES
        );
    }
    let request = AdminRequest::MailSend {
        initiative: slug.to_owned(),
        subject: subject.to_owned(),
        body,
    };
    submit(&config, &operator_label(None), request)
}
