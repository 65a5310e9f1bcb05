//! `ocs export` end to end: sign through the HTTP API in Part A and Part B states, stop the
//! demo, export offline with its private key, and check every value, the XSD, the signed
//! manifest and `ocs export verify`.
//!
//! This file holds the submissions and the commands and readers the tests share.

mod authority;
mod files;
mod log;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::ocs;

type Fields = BTreeMap<String, String>;

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

/// What each state's file must hold: the submitted values, with Part B's `id.type` and
/// `id.number` turned into one property keyed by the document type.
fn submissions() -> Vec<(&'static str, Fields, Fields)> {
    let part_a = |first: &str,
                  family: &str,
                  street: &str,
                  postal: &str,
                  city: &str,
                  country: &str,
                  born: &str| {
        fields(&[
            ("full.first.names", first),
            ("family.names", family),
            ("street", street),
            ("street.number", "12b"),
            ("postal.code", postal),
            ("city", city),
            ("country", country),
            ("date.of.birth", born),
        ])
    };
    let de1 = part_a(
        "Jürgen Karl",
        "Müller-Lüdenscheidt",
        "Hauptstraße",
        "10115",
        "Berlin",
        "DE",
        "1975-03-14",
    );
    let de2 = part_a(
        "Anna",
        "Schmidt",
        "Lindenallee",
        "80331",
        "München",
        "DE",
        "1990-12-01",
    );
    let fr = part_a(
        "Éloïse",
        "D'Artagnan",
        "Rue de la Paix",
        "75002",
        "Paris",
        "FR",
        "1988-07-21",
    );
    let at_sent = fields(&[
        ("full.first.names", "Franz"),
        ("family.names", "Huber"),
        ("id.type", "id.card"),
        ("id.number", "12345678"),
    ]);
    let at_kept = fields(&[
        ("full.first.names", "Franz"),
        ("family.names", "Huber"),
        ("id.card", "12345678"),
    ]);
    let it_sent = fields(&[
        ("full.first.names", "Giulia Maria"),
        ("family.names", "Rossi"),
        ("id.type", "passport"),
        ("id.number", "AB1234567"),
    ]);
    let it_kept = fields(&[
        ("full.first.names", "Giulia Maria"),
        ("family.names", "Rossi"),
        ("passport", "AB1234567"),
    ]);
    vec![
        ("DE", de1.clone(), de1),
        ("DE", de2.clone(), de2),
        ("FR", fr.clone(), fr),
        ("AT", at_sent, at_kept),
        ("IT", it_sent, it_kept),
    ]
}

fn run(command: &mut std::process::Command) -> Output {
    command.output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn export(data: &Path, private_key: &Path, signing_key: &Path, out: &Path) -> Output {
    run(ocs()
        .arg("export")
        .arg("--config")
        .arg(data.join("ocs.toml"))
        .args(["--initiative", "demo", "--private-key"])
        .arg(private_key)
        .arg("--signing-key")
        .arg(signing_key)
        .arg("--out")
        .arg(out))
}

fn verify(dir: &Path, public_key: &Path) -> Output {
    run(ocs()
        .args(["export", "verify"])
        .arg(dir)
        .arg("--public-key")
        .arg(public_key))
}

/// The text between `<name>` and `</name>` at each occurrence, unescaped.
fn elements(xml: &str, name: &str) -> Vec<String> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let end = after.find(&close).unwrap();
        found.push(
            after[..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&"),
        );
        rest = &after[end + close.len()..];
    }
    found
}

/// Each `signature` element's properties as a key → value map.
fn signatures(xml: &str) -> Vec<Fields> {
    // `<signature>` or `<signature language="xx" …>`, not `<signatures>` or
    // `<signatureIdentifier>`.
    xml.match_indices("<signature")
        .map(|(at, _)| &xml[at + "<signature".len()..])
        .filter(|rest| rest.starts_with('>') || rest.starts_with(' '))
        .map(|rest| {
            let chunk = rest.split("</signature>").next().unwrap();
            let keys = elements(chunk, "key");
            let values = elements(chunk, "value");
            assert_eq!(keys.len(), values.len());
            keys.into_iter().zip(values).collect()
        })
        .collect()
}

fn xmllint(schema: &Path, file: &Path) {
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema)
        .arg(file)
        .output()
        .unwrap_or_else(|error| {
            panic!(
                "xmllint could not be run ({error}); install it (Debian: apt-get install \
                 libxml2-utils; ./scripts/test does it)"
            )
        });
    assert!(
        output.status.success(),
        "{} does not validate: {}",
        file.display(),
        text(&output)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/ocs-export.xsd")
}
