use ocs_tlog::hash::{Hash, leaf_hash, sha256};
use ocs_tlog::tree::root_of_leaves;
use ocs_tlog::{Checkpoint, NoteSigner};

use super::*;
use crate::export::manifest::{MANIFEST_FORMAT, ManifestFile, ManifestLog, Selection};

const ORIGIN: &str = "sign.example.org/log/save-bees";

fn add(country: &str, n: u8) -> String {
    format!(
        "v1 add {country} online 2026-03-01T10 {}",
        sha256(&[n]).to_hex()
    )
}

/// The log: AT 0, DE 1, DE 2, AT 3, `withdraw 3`, then (after the export's checkpoint at
/// 5) DE 5.
fn entries() -> Vec<String> {
    vec![
        add("AT", 0),
        add("DE", 1),
        add("DE", 2),
        add("AT", 3),
        "v1 withdraw 3".to_owned(),
        add("DE", 5),
    ]
}

fn signer() -> NoteSigner {
    NoteSigner::new(ORIGIN, &[4; 32]).unwrap()
}

fn note(leaves: &[Hash], size: usize) -> String {
    Checkpoint {
        origin: ORIGIN.to_owned(),
        size: size as u64,
        root: root_of_leaves(&leaves[..size]),
        extensions: Vec::new(),
    }
    .sign(&signer())
    .unwrap()
}

/// The log as audited at its full size.
fn audited() -> AuditedLog {
    let entries: Vec<Vec<u8>> = entries().into_iter().map(String::into_bytes).collect();
    let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
    let note = note(&leaves, leaves.len());
    AuditedLog {
        checkpoint: Checkpoint::open(&note, ORIGIN, &signer().verifier()).unwrap(),
        tally: Tally::fold(&entries).unwrap(),
        entries,
        leaves,
        tiles_checked: 0,
    }
}

fn file(country: &str, indices: Vec<Option<u64>>) -> ManifestFile {
    ManifestFile {
        country: country.to_owned(),
        file: format!("save-bees-{}.xml", country.to_lowercase()),
        statements: indices.len() as u64,
        test_statements: 0,
        sha256: String::new(),
        sealed: None,
        pdf: None,
        plain_omitted: false,
        cover: None,
        log_indices: indices,
    }
}

/// An honest export made at the checkpoint of size 5: AT 0, DE 1 and 2.
fn manifest() -> Manifest {
    let log = audited();
    let size = 5;
    let checkpoint = note(&log.leaves, size);
    Manifest {
        format: MANIFEST_FORMAT.to_owned(),
        export_id: "00".repeat(16),
        initiative: "save-bees".to_owned(),
        registration_number: "ECI(2026)000001".to_owned(),
        exported_at: jiff::Timestamp::UNIX_EPOCH,
        selection: Selection {
            countries: Vec::new(),
            from: None,
            to: None,
            include_test: false,
        },
        files: vec![
            file("AT", vec![Some(0)]),
            file("DE", vec![Some(1), Some(2)]),
        ],
        log: Some(ManifestLog {
            checkpoint,
            tree_size: 5,
            root_hash: root_of_leaves(&log.leaves[..size]).to_hex(),
        }),
    }
}

fn problems(manifest: &Manifest) -> Vec<String> {
    check(manifest, &audited(), &signer().verifier()).problems
}

#[test]
fn an_honest_export_agrees_with_a_log_that_grew_since() {
    let result = check(&manifest(), &audited(), &signer().verifier());
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    assert!(
        result
            .passed
            .iter()
            .any(|line| line.contains("every statement the log counts: AT 1, DE 2")),
        "{:?}",
        result.passed
    );
}

#[test]
fn a_missing_statement_is_found_with_its_index() {
    let mut manifest = self::manifest();
    manifest.files[1] = file("DE", vec![Some(1)]);
    let found = problems(&manifest);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("DE: the log counts 2 statements at the checkpoint, the export holds 1")
            && found[0].contains("missing log indices: 2"),
        "{found:?}"
    );
}

#[test]
fn an_index_listed_twice_withdrawn_of_another_state_or_unlogged_is_a_problem() {
    let cases: [(Vec<Option<u64>>, &str); 4] = [
        (vec![Some(1), Some(2), Some(2)], "more than once"),
        (vec![Some(1), Some(2), Some(3)], "no counted statement"),
        (vec![Some(1), Some(2), Some(4)], "no counted statement"),
        (
            vec![Some(1), Some(2), None],
            "not in the log at the export's checkpoint",
        ),
    ];
    for (indices, expected) in cases {
        let mut manifest = self::manifest();
        manifest.files[1] = file("DE", indices.clone());
        let found = problems(&manifest);
        assert!(
            found.iter().any(|problem| problem.contains(expected)),
            "{indices:?}: {found:?}"
        );
    }
    // The Austrian statement listed as German.
    let mut manifest = self::manifest();
    manifest.files = vec![file("DE", vec![Some(1), Some(2), Some(0)])];
    let found = problems(&manifest);
    assert!(
        found
            .iter()
            .any(|problem| problem.contains("another state than DE: 0")),
        "{found:?}"
    );
    // An index beyond the export's checkpoint (5 was added after it).
    let mut manifest = self::manifest();
    manifest.files[1] = file("DE", vec![Some(1), Some(2), Some(5)]);
    assert!(
        problems(&manifest)
            .iter()
            .any(|problem| problem.contains("no counted statement")),
    );
    // Fewer indices than statements.
    let mut manifest = self::manifest();
    manifest.files[1].statements = 3;
    assert!(
        problems(&manifest)
            .iter()
            .any(|problem| problem.contains("3 statements but 2 log indices")),
    );
}

#[test]
fn a_checkpoint_the_log_did_not_sign_or_another_history_fails() {
    let log = audited();
    // Another key signed it.
    let mut manifest = self::manifest();
    let other = NoteSigner::new(ORIGIN, &[5; 32]).unwrap();
    manifest.log.as_mut().unwrap().checkpoint = Checkpoint {
        origin: ORIGIN.to_owned(),
        size: 5,
        root: root_of_leaves(&log.leaves[..5]),
        extensions: Vec::new(),
    }
    .sign(&other)
    .unwrap();
    let found = problems(&manifest);
    assert!(found[0].contains("not part of this log"), "{found:?}");
    // Signed by the log's key but over another history (a fork).
    let mut manifest = self::manifest();
    manifest.log.as_mut().unwrap().checkpoint = Checkpoint {
        origin: ORIGIN.to_owned(),
        size: 5,
        root: leaf_hash(b"another past"),
        extensions: Vec::new(),
    }
    .sign(&signer())
    .unwrap();
    let found = problems(&manifest);
    assert!(found[0].contains("rewrote its past"), "{found:?}");
    // The unsigned summary disagrees with the signed checkpoint.
    let mut manifest = self::manifest();
    manifest.log.as_mut().unwrap().tree_size = 4;
    let found = problems(&manifest);
    assert!(found[0].contains("manifest says size 4"), "{found:?}");
    // No log recorded at all.
    let mut manifest = self::manifest();
    manifest.log = None;
    let found = problems(&manifest);
    assert!(found[0].contains("records no tally log"), "{found:?}");
}

#[test]
fn a_country_or_date_limited_export_is_checked_within_its_selection() {
    let mut manifest = self::manifest();
    manifest.selection.countries = vec!["DE".to_owned()];
    manifest.files.remove(0);
    assert!(problems(&manifest).is_empty());
    manifest.files[0] = file("DE", vec![Some(1)]);
    assert_eq!(problems(&manifest).len(), 1);
    manifest.selection.to = Some(jiff::civil::date(2026, 3, 1));
    let result = check(&manifest, &audited(), &signer().verifier());
    assert!(result.problems.is_empty(), "{:?}", result.problems);
    assert!(
        result
            .passed
            .iter()
            .any(|l| l.contains("limited by signing date"))
    );
}
