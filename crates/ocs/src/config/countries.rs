//! `[countries]`: the member-state table, its age overrides and its validation policy.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use ocs_domain::rules::{Strictness, ValidationPolicy};
use ocs_domain::{CountryCode, CountryTable};
use serde::{Deserialize, Serialize};

use super::relative;

/// `[countries]` as written.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawCountries {
    /// A replacement for the built-in member-state table.
    pub(super) table_file: Option<PathBuf>,
    /// Minimum-age overrides by EU code, for values marked "verify".
    pub(super) min_age: BTreeMap<String, u8>,
    pub(super) format_mismatch: Option<String>,
    pub(super) unconfirmed_check_digit: Option<String>,
}

/// The member-state table: built in or from `countries.table_file`, with the configured
/// age overrides and validation policy.
pub(super) fn country_table(raw: &RawCountries, base: &Path) -> anyhow::Result<CountryTable> {
    let mut table = match &raw.table_file {
        Some(file) => {
            let text = std::fs::read_to_string(relative(base, file))
                .with_context(|| format!("reading countries.table_file {}", file.display()))?;
            CountryTable::from_toml(&text).context("countries.table_file")?
        }
        None => CountryTable::embedded().context("built-in member-state table")?,
    };
    for (code, age) in &raw.min_age {
        let country = CountryCode::parse(code)
            .map_err(|_| anyhow!("countries.min_age: {code:?} is not an EU country code"))?;
        if !(16..=18).contains(age) {
            bail!("countries.min_age.{code} = {age}: the ECI allows 16, 17 or 18");
        }
        table = table.with_min_age_override(country, *age);
    }
    table = table.with_policy(ValidationPolicy {
        format_mismatch: strictness(raw.format_mismatch.as_deref(), "format_mismatch")?,
        unconfirmed_check_digit: strictness(
            raw.unconfirmed_check_digit.as_deref(),
            "unconfirmed_check_digit",
        )?,
    });

    Ok(table)
}

fn strictness(value: Option<&str>, what: &str) -> anyhow::Result<Strictness> {
    Ok(match value.unwrap_or("confirmable") {
        "reject" => Strictness::Reject,
        "confirmable" => Strictness::Confirmable,
        "ignore" => Strictness::Ignore,
        other => {
            bail!("countries.{what} = {other:?}: use \"reject\", \"confirmable\" or \"ignore\"")
        }
    })
}
