//! An export checked against the public tally log (issue 17, item 8): the manifest's
//! checkpoint must be one the log signed and a prefix of the log as audited now, every listed
//! log index must be a statement of the file's state counted at that checkpoint (once in the
//! whole export), and the states exported must hold exactly what the log counts for them.
//!
//! The link between one XML statement and its index is the organisers' signed claim (the
//! commitment in the entry needs the signer's receipt secret); what an authority can check
//! without it is that the export and the log agree statement for statement in number, state
//! and index, so no counted statement is missing and none is exported twice or uncounted.

use std::collections::{BTreeMap, BTreeSet};

use ocs_domain::CountryCode;
use ocs_tlog::audit::AuditedLog;
use ocs_tlog::{NoteVerifier, Tally};

use super::manifest::Manifest;

/// Most log indices named one by one in a message.
const NAMED: usize = 10;

/// The outcome: what was checked, and every disagreement found (empty: the export agrees
/// with the log).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogCheck {
    /// One line per check passed, for the report.
    pub passed: Vec<String>,
    /// One line per disagreement.
    pub problems: Vec<String>,
}

fn named(indices: &[u64]) -> String {
    let mut shown: Vec<String> = indices.iter().take(NAMED).map(u64::to_string).collect();
    if indices.len() > NAMED {
        shown.push(format!("and {} more", indices.len() - NAMED));
    }
    shown.join(", ")
}

/// Checks `manifest` against `log`, a log audited with `verifier` (its latest checkpoint, its
/// tiles and entries all agreeing).
pub fn check(manifest: &Manifest, log: &AuditedLog, verifier: &NoteVerifier) -> LogCheck {
    let mut out = LogCheck::default();
    let Some(recorded) = &manifest.log else {
        out.problems.push(
            "the manifest records no tally log checkpoint (the database exported held no \
             published log), so the export cannot be checked against the log"
                .to_owned(),
        );
        return out;
    };
    let checkpoint = match log.check_older(&recorded.checkpoint, verifier) {
        Ok(checkpoint) => checkpoint,
        Err(error) => {
            out.problems.push(format!(
                "the export's checkpoint (size {}) is not part of this log: {error}",
                recorded.tree_size
            ));
            return out;
        }
    };
    if checkpoint.size != recorded.tree_size || checkpoint.root.to_hex() != recorded.root_hash {
        out.problems.push(format!(
            "the manifest says size {} root {}, its signed checkpoint says size {} root {}",
            recorded.tree_size,
            recorded.root_hash,
            checkpoint.size,
            checkpoint.root.to_hex()
        ));
        return out;
    }
    out.passed.push(format!(
        "the export's checkpoint (size {}, root {}) is signed by the log and a prefix of the \
         log at size {}",
        checkpoint.size,
        checkpoint.root.to_hex(),
        log.checkpoint.size
    ));
    let size = usize::try_from(checkpoint.size).unwrap_or(usize::MAX);
    let tally = match Tally::fold(log.entries.iter().take(size)) {
        Ok(tally) => tally,
        Err(error) => {
            out.problems
                .push(format!("the log's entries do not fold: {error}"));
            return out;
        }
    };
    let exported = check_statements(manifest, &tally, &mut out.problems);
    check_complete(manifest, &tally, &exported, &mut out);
    out
}

/// Each listed index: a counted statement of the file's state, listed once. Answers the
/// indices exported per state.
fn check_statements(
    manifest: &Manifest,
    tally: &Tally,
    problems: &mut Vec<String>,
) -> BTreeMap<CountryCode, BTreeSet<u64>> {
    let mut exported: BTreeMap<CountryCode, BTreeSet<u64>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for file in &manifest.files {
        let name = &file.file;
        let Ok(country) = CountryCode::parse(&file.country) else {
            problems.push(format!("{name}: {:?} is not a member state", file.country));
            continue;
        };
        if u64::try_from(file.log_indices.len()).ok() != Some(file.statements) {
            problems.push(format!(
                "{name}: {} statements but {} log indices in the manifest",
                file.statements,
                file.log_indices.len()
            ));
        }
        let unlogged = file.log_indices.iter().filter(|i| i.is_none()).count();
        if unlogged > 0 {
            problems.push(format!(
                "{name}: {unlogged} statements are not in the log at the export's checkpoint \
                 (published after it); export again once the log has published them"
            ));
        }
        let (mut twice, mut uncounted, mut elsewhere) = (Vec::new(), Vec::new(), Vec::new());
        for &index in file.log_indices.iter().flatten() {
            if !seen.insert(index) {
                twice.push(index);
                continue;
            }
            match tally.counted_at(index) {
                None => uncounted.push(index),
                Some((of, _)) if of != country => elsewhere.push(index),
                Some(_) => {
                    exported.entry(country).or_default().insert(index);
                }
            }
        }
        if !twice.is_empty() {
            problems.push(format!(
                "{name}: log indices listed more than once in the export: {}",
                named(&twice)
            ));
        }
        if !uncounted.is_empty() {
            problems.push(format!(
                "{name}: log indices that are no counted statement at the checkpoint (withdrawn, \
                 a withdrawal, or beyond it): {}",
                named(&uncounted)
            ));
        }
        if !elsewhere.is_empty() {
            problems.push(format!(
                "{name}: log indices the log counts for another state than {}: {}",
                country.as_str(),
                named(&elsewhere)
            ));
        }
    }
    exported
}

/// The states the export covers hold exactly what the log counts for them. A date-limited
/// export covers part of a state by design, so only its statements are checked.
fn check_complete(
    manifest: &Manifest,
    tally: &Tally,
    exported: &BTreeMap<CountryCode, BTreeSet<u64>>,
    out: &mut LogCheck,
) {
    let selection = &manifest.selection;
    if selection.from.is_some() || selection.to.is_some() {
        out.passed
            .push("completeness not checked: the export is limited by signing date".to_owned());
        return;
    }
    let states: BTreeSet<CountryCode> = if selection.countries.is_empty() {
        tally
            .by_country()
            .keys()
            .chain(exported.keys())
            .copied()
            .collect()
    } else {
        selection
            .countries
            .iter()
            .filter_map(|code| CountryCode::parse(code).ok())
            .collect()
    };
    let hint = if selection.include_test {
        ""
    } else {
        " (test statements, left out by this export's selection, count in the log too)"
    };
    let mut agreed = Vec::new();
    for country in states {
        let counted = tally.counted_of(country);
        let listed = exported.get(&country).cloned().unwrap_or_default();
        let missing: Vec<u64> = counted
            .iter()
            .filter(|index| !listed.contains(index))
            .copied()
            .collect();
        if missing.is_empty() {
            agreed.push(format!("{} {}", country.as_str(), counted.len()));
        } else {
            out.problems.push(format!(
                "{}: the log counts {} statements at the checkpoint, the export holds {} of \
                 them; missing log indices: {}{hint}",
                country.as_str(),
                counted.len(),
                listed.len(),
                named(&missing)
            ));
        }
    }
    if !agreed.is_empty() {
        out.passed.push(format!(
            "per state, the export holds every statement the log counts: {}",
            agreed.join(", ")
        ));
    }
}

#[cfg(test)]
mod tests;
