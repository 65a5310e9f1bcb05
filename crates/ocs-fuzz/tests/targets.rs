//! The harness reaches the real parsers: every target's seeds are accepted as valid input
//! (so mutations start from inputs that get through), broken inputs are refused with the
//! parser's own answer, and a short run finds no crash.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failed step ends the test with its message"
)]

use std::time::Duration;

use ocs_fuzz::targets::{self, NAMES};
use ocs_fuzz::{Budget, Target, fuzz, run_one};

fn target(name: &str) -> Box<dyn Target> {
    targets::by_name(name).unwrap().unwrap()
}

fn outcomes(name: &str) -> Vec<String> {
    let mut target = target(name);
    target
        .seeds()
        .iter()
        .map(|seed| run_one(target.as_mut(), seed).unwrap())
        .collect()
}

#[test]
fn the_form_and_json_seeds_are_valid_statements() {
    for name in ["form", "json"] {
        let outcomes = outcomes(name);
        assert!(outcomes.len() >= 4, "{name}: {outcomes:?}");
        for outcome in &outcomes {
            assert!(outcome.starts_with("ok:"), "{name}: {outcomes:?}");
        }
    }
    let mut form = target("form");
    let missing = run_one(form.as_mut(), b"nationality=AT&full.first.names=Anna").unwrap();
    assert!(!missing.starts_with("ok"), "{missing}");
    assert_eq!(
        run_one(form.as_mut(), b"full.first.names=Anna").unwrap(),
        "unknown-nationality"
    );
    let mut json = target("json");
    assert_eq!(
        run_one(json.as_mut(), b"{\"nationality\":1}").unwrap(),
        "malformed-body"
    );
}

#[test]
fn the_register_seed_is_read_and_a_doctype_refused() {
    let outcomes = outcomes("register");
    assert!(
        outcomes.iter().all(|o| o.starts_with("ok:")),
        "{outcomes:?}"
    );
    let mut register = target("register");
    let refused = run_one(
        register.as_mut(),
        b"<!DOCTYPE export [<!ENTITY a \"aaaa\">]><export/>",
    )
    .unwrap();
    assert!(!refused.starts_with("ok"), "{refused}");
}

#[test]
fn the_signed_saml_fixtures_reach_the_signature_check_and_the_good_ones_pass() {
    let outcomes = outcomes("saml");
    assert!(outcomes.len() >= 10, "{outcomes:?}");
    assert!(
        outcomes.iter().any(|o| o.starts_with("ok:")),
        "{outcomes:?}"
    );
    // Some fixtures are hostile variants (refused algorithms, attacker keys): refused.
    assert!(
        outcomes.iter().any(|o| !o.starts_with("ok:")),
        "{outcomes:?}"
    );
    let mut saml = target("saml");
    let tampered = saml.seeds()[0]
        .iter()
        .map(|b| if *b == b'M' { b'N' } else { *b })
        .collect::<Vec<u8>>();
    assert!(!run_one(saml.as_mut(), &tampered).unwrap().starts_with("ok"));
}

#[test]
fn the_export_seeds_verify_clean_and_a_changed_count_is_found() {
    let outcomes = outcomes("export");
    assert_eq!(outcomes, ["true:", "true:not listed in"]);
    let mut export = target("export");
    let seed = export.seeds()[0].clone();
    let text = String::from_utf8(seed).unwrap();
    let changed = text.replacen("\"statements\": 2", "\"statements\": 3", 1);
    assert_ne!(changed, text);
    let outcome = run_one(export.as_mut(), changed.as_bytes()).unwrap();
    assert!(
        outcome.starts_with("true:") && outcome.contains("statements the manifest"),
        "{outcome}"
    );
    let forged = format!("{text}\n--ocs-fuzz-signature--\nocs-sig-2:AAAA\n");
    let outcome = run_one(export.as_mut(), forged.as_bytes()).unwrap();
    assert!(outcome.contains("the signature does"), "{outcome}");
}

#[test]
fn a_short_run_of_every_target_finds_no_crash() {
    let crashes = tempfile::tempdir().unwrap();
    for name in NAMES {
        let mut target = target(name);
        let budget = Budget {
            executions: 300,
            time: Duration::from_mins(1),
            seed: 5,
        };
        let report = fuzz(target.as_mut(), budget, crashes.path()).unwrap();
        assert_eq!(report.executions, 300, "{name}");
        assert!(report.crashes.is_empty(), "{name}: {:?}", report.crashes);
    }
}

/// A target that panics on one byte: the driver catches it, saves the input and goes on.
struct Brittle;

impl Target for Brittle {
    fn name(&self) -> &'static str {
        "brittle"
    }
    fn seeds(&self) -> Vec<Vec<u8>> {
        vec![b"abc".to_vec()]
    }
    fn dictionary(&self) -> Vec<Vec<u8>> {
        vec![b"!".to_vec()]
    }
    fn mutate_structured(&self, _: &mut Vec<u8>, _: &mut ocs_fuzz::Rng, _: &[Vec<u8>]) -> bool {
        false
    }
    fn run(&mut self, input: &[u8]) -> String {
        assert!(!input.contains(&b'!'), "found the bang");
        "ok".to_owned()
    }
}

#[test]
fn a_panicking_input_is_caught_and_saved() {
    let crashes = tempfile::tempdir().unwrap();
    let budget = Budget {
        executions: 2000,
        time: Duration::from_mins(1),
        seed: 3,
    };
    let report = fuzz(&mut Brittle, budget, crashes.path()).unwrap();
    assert_eq!(report.executions, 2000);
    assert!(!report.crashes.is_empty());
    let saved = std::fs::read(&report.crashes[0]).unwrap();
    assert!(saved.contains(&b'!'));
    let message = std::fs::read_to_string(report.crashes[0].with_extension("txt")).unwrap();
    assert!(message.contains("found the bang"), "{message}");
}
