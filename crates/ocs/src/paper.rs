//! `ocs paper add`: enter one statement collected on paper. A thin front-end over the
//! console's use case (`SigningService::enter_paper`): the operator's right to manage the
//! initiative, the same validation, de-duplication and sealing as online, and an audit row
//! before the write. Reaches a running server through its administration socket.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

use crate::config;
use crate::operator::{AdminRequest, operator_label};
use crate::submit::submit;

/// Reads the fields (a JSON object of Annex III keys to values) and records the statement.
pub fn add(
    config_file: &Path,
    slug: &str,
    country: &str,
    fields_file: &Path,
) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    let text = std::fs::read_to_string(fields_file)
        .with_context(|| format!("reading {}", fields_file.display()))?;
    let fields: BTreeMap<String, String> = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: expected a JSON object of field keys to values",
            fields_file.display()
        )
    })?;
    let request = AdminRequest::PaperAdd {
        initiative: slug.to_owned(),
        country: country.to_owned(),
        fields,
    };
    submit(&config, &operator_label(None), request)
}
