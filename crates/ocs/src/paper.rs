//! `ocs paper add`: enter one statement collected on paper (until the console has a form
//! for it). Runs the same service as the server (same validation, de-duplication, sealing),
//! so with SQLite the server must be stopped (one process per database file); with
//! PostgreSQL it can run next to the nodes.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, bail};
use ocs_domain::{RawStatement, Slug};
use ocs_service::{PaperOutcome, SignError};

use crate::config;
use crate::startup;

/// Reads the fields (a JSON object of Annex III keys to values) and records the statement.
pub fn add(
    config_file: &Path,
    slug: &str,
    country: &str,
    fields_file: &Path,
) -> anyhow::Result<()> {
    let config = config::load(config_file)?;
    let slug = Slug::parse(slug).map_err(|_| anyhow::anyhow!("{slug:?} is not a slug"))?;
    let text = std::fs::read_to_string(fields_file)
        .with_context(|| format!("reading {}", fields_file.display()))?;
    let fields: BTreeMap<String, String> = serde_json::from_str(&text).with_context(|| {
        format!(
            "{}: expected a JSON object of field keys to values",
            fields_file.display()
        )
    })?;
    let raw = RawStatement {
        nationality: country.to_owned(),
        fields,
        confirmed: false,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let app = startup::build(&config).await?;
        let outcome = app.signing.record_paper(&slug, &raw).await;
        let startup::App {
            router,
            signing,
            destruction,
            mail,
            lifecycle,
            setup,
            backend,
            tally_log,
        } = app;
        drop((
            router,
            signing,
            destruction,
            mail,
            lifecycle,
            setup,
            tally_log,
        ));
        backend.close().await?;
        match outcome {
            Ok(PaperOutcome::Recorded(id)) => {
                println!("recorded paper statement {id}");
                Ok(())
            }
            Ok(PaperOutcome::Duplicate) => {
                println!("duplicate: this person is already counted; nothing was stored");
                Ok(())
            }
            Err(SignError::Invalid(errors)) => {
                for error in &errors {
                    eprintln!("{}: {}", error.field, error.code);
                }
                bail!("the statement has field errors; nothing was stored")
            }
            Err(error) => bail!("{error} ({})", error.code()),
        }
    })
}
