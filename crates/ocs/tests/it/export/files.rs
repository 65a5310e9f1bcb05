//! The export's files: one valid file, printable list and cover per state with every value
//! as submitted, a signed manifest that `verify` checks byte for byte, and the same read
//! from PostgreSQL.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::json;

use super::authority::{check_authority_delivery, check_plain_kept};
use super::{
    Fields, copy_dir, elements, export, run, schema, signatures, submissions, text, verify, xmllint,
};
use crate::{Demo, http, ocs, solved};

/// Every value equals what was submitted, in the file of its state, and validates.
fn check_files(out: &Path, receipts: &[String]) {
    // Every value equals what was submitted, in the file of its state.
    let mut identifiers = Vec::new();
    for country in ["AT", "DE", "FR", "IT"] {
        let path = out.join(format!("demo-{}.xml", country.to_lowercase()));
        let xml = std::fs::read_to_string(&path).unwrap();
        assert_eq!(elements(&xml, "forCountry"), [country.to_lowercase()]);
        let mut found = signatures(&xml);
        let mut expected: Vec<Fields> = submissions()
            .into_iter()
            .filter(|(nationality, _, _)| *nationality == country)
            .map(|(_, _, kept)| kept)
            .collect();
        found.sort();
        expected.sort();
        assert_eq!(found, expected, "{country}");
        let ids = elements(&xml, "signatureIdentifier");
        assert!(ids.iter().all(|id| id.len() == 26), "{ids:?}");
        identifiers.extend(ids);
        assert!(xml.contains("<registrationNumber>"));
        assert!(elements(&xml, "annexRevision").iter().all(|r| r == "2"));
        // The form's language is recorded (the API without Accept-Language: English).
        assert!(xml.contains("<signature language=\"en\">"), "{xml}");
        xmllint(&schema(), &path);
    }
    assert_eq!(identifiers.len(), 5);
    for id in &identifiers {
        assert!(
            receipts.iter().any(|receipt| receipt.contains(id.as_str())),
            "identifier {id} is on a receipt"
        );
    }

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["initiative"], "demo");
    let counts: BTreeMap<String, u64> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            (
                file["country"].as_str().unwrap().to_owned(),
                file["statements"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        BTreeMap::from([
            ("AT".into(), 1),
            ("DE".into(), 2),
            ("FR".into(), 1),
            ("IT".into(), 1)
        ])
    );
}

/// `verify` fails when any byte of any file changes, or a file goes or comes.
fn check_tampering(dir: &Path, out: &Path, names: &[String], public_key: &Path) {
    // ...and fails when any byte of any file changes (first, middle and last byte).
    for name in names {
        let length = std::fs::metadata(out.join(name)).unwrap().len();
        let length = usize::try_from(length).unwrap();
        for position in [0, length / 2, length - 1] {
            let copy = dir.join(format!("tampered-{name}-{position}"));
            copy_dir(out, &copy);
            let mut bytes = std::fs::read(copy.join(name)).unwrap();
            bytes[position] ^= 0x01;
            std::fs::write(copy.join(name), &bytes).unwrap();
            let output = verify(&copy, public_key);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{name} byte {position} changed: {}",
                text(&output)
            );
            assert!(text(&output).contains("FAIL"), "{}", text(&output));
        }
    }
    // A removed file and an added one are reported too.
    let copy = dir.join("tampered-removed");
    copy_dir(out, &copy);
    std::fs::remove_file(copy.join("demo-fr.xml")).unwrap();
    std::fs::write(copy.join("extra.xml"), "<supportForm/>").unwrap();
    let output = verify(&copy, public_key);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).contains("demo-fr.xml") && text(&output).contains("extra.xml"));
}

/// The printable Annex III list of a state holds its values (read back with pdftotext).
fn check_pdf(out: &Path) {
    let pdf = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(out.join("demo-de.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let pdf = String::from_utf8_lossy(&pdf.stdout);
    for value in [
        "Müller-Lüdenscheidt",
        "Jürgen Karl",
        "Lindenallee",
        "1990-12-01",
    ] {
        assert!(pdf.contains(value), "{value} not in demo-de.pdf:\n{pdf}");
    }
    // The Annex V cover declares the state's count and holds no signatory's data.
    let cover = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(out.join("cover-DE.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let cover = String::from_utf8_lossy(&cover.stdout);
    let cover = cover.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(cover.contains("signatories of member state DE:"), "{cover}");
    for value in ["Müller-Lüdenscheidt", "Lindenallee", "1990-12-01"] {
        assert!(!cover.contains(value), "{value} in cover-DE.pdf");
    }
}

/// Signs every statement of [`submissions`] through the API; the receipts.
fn sign_all(address: std::net::SocketAddr) -> Vec<String> {
    let mut receipts = Vec::new();
    for (nationality, sent, _) in submissions() {
        let body = json!({"nationality": nationality, "fields": sent, "consent": true,
            "altcha": solved(address)})
        .to_string();
        let (status, answer) = http(
            address,
            "POST",
            "/api/v1/initiatives/demo/statements",
            "application/json",
            &body,
        );
        assert_eq!(status, 201, "{nationality}: {answer}");
        receipts.push(answer);
    }
    receipts
}

#[test]
fn export_writes_one_valid_file_per_state_and_a_signed_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let receipts = sign_all(demo.address);
    demo.stop();

    let keys = dir.path().join("org");
    let output = run(ocs().args(["keygen", "--signing", "--out"]).arg(&keys));
    assert!(output.status.success(), "{}", text(&output));
    let signing_key = dir.path().join("org.sign.sk");
    let public_key = dir.path().join("org.sign.pk");
    let private_key = data.join("keys/demo-recipient.sk");

    let out = dir.path().join("export");
    let output = export(&data, &private_key, &signing_key, &out);
    assert!(output.status.success(), "{}", text(&output));
    let printed = text(&output);
    for (_, sent, _) in submissions() {
        for value in sent.values().filter(|value| value.len() > 4) {
            assert!(!printed.contains(value.as_str()), "personal data printed");
        }
    }

    // Per state its file, its printable list and its Annex V cover; the manifest and its
    // signature.
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "cover-AT.pdf",
            "cover-DE.pdf",
            "cover-FR.pdf",
            "cover-IT.pdf",
            "demo-at.pdf",
            "demo-at.xml",
            "demo-de.pdf",
            "demo-de.xml",
            "demo-fr.pdf",
            "demo-fr.xml",
            "demo-it.pdf",
            "demo-it.xml",
            "manifest.json",
            "manifest.sig"
        ]
    );

    check_files(&out, &receipts);
    check_pdf(&out);

    // verify passes on the untouched export...
    let output = verify(&out, &public_key);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).starts_with("OK"), "{}", text(&output));

    check_tampering(dir.path(), &out, &names, &public_key);

    check_authority_delivery(&data, dir.path(), &private_key, &signing_key, &public_key);
    check_plain_kept(&data, dir.path(), &private_key, &signing_key, &public_key);

    // The export refuses a folder that is not empty.
    let output = export(&data, &private_key, &signing_key, &out);
    assert!(!output.status.success());
    assert!(text(&output).contains("not empty"), "{}", text(&output));

    // The wrong private key stops the export at the first statement, naming its sequence.
    let output = run(ocs()
        .args(["keygen", "--out"])
        .arg(dir.path().join("other")));
    assert!(output.status.success(), "{}", text(&output));
    let output = export(
        &data,
        &dir.path().join("other.sk"),
        &signing_key,
        &dir.path().join("wrong-key"),
    );
    assert!(!output.status.success());
    assert!(text(&output).contains("statement #"), "{}", text(&output));

    // A mistyped database path is refused, not created empty.
    let missing = dir.path().join("no-such.db");
    let output = run(ocs()
        .arg("export")
        .arg("--config")
        .arg(data.join("ocs.toml"))
        .args(["--initiative", "demo", "--database"])
        .arg(format!("sqlite://{}", missing.display()))
        .arg("--private-key")
        .arg(&private_key)
        .arg("--signing-key")
        .arg(&signing_key)
        .arg("--out")
        .arg(dir.path().join("from-missing")));
    assert!(!output.status.success());
    assert!(
        text(&output).contains("does not exist"),
        "{}",
        text(&output)
    );
    assert!(!missing.exists());
}

#[test]
fn export_reads_postgres_named_by_the_database_flag() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    Demo::start(&data).stop();
    let config = data.join("ocs.toml");
    let database = crate::nodes::Database::create();
    let output = run(ocs()
        .args(["migrate", "--config"])
        .arg(&config)
        .env("OCS_DATABASE_URL", &database.url));
    assert!(output.status.success(), "{}", text(&output));
    let node = crate::nodes::Node::start(&config, &database.url);
    let sent = submissions();
    for (nationality, fields, _) in [&sent[0], &sent[3]] {
        let body = json!({"nationality": nationality, "fields": fields, "consent": true,
            "altcha": solved(node.address)})
        .to_string();
        let (status, answer) = http(
            node.address,
            "POST",
            "/api/v1/initiatives/demo/statements",
            "application/json",
            &body,
        );
        assert_eq!(status, 201, "{answer}");
    }
    drop(node);

    let output = run(ocs()
        .args(["keygen", "--signing", "--out"])
        .arg(dir.path().join("org")));
    assert!(output.status.success(), "{}", text(&output));
    let out = dir.path().join("export");
    let output = run(ocs()
        .arg("export")
        .arg("--config")
        .arg(&config)
        .args([
            "--initiative",
            "demo",
            "--database",
            &database.url,
            "--private-key",
        ])
        .arg(data.join("keys/demo-recipient.sk"))
        .arg("--signing-key")
        .arg(dir.path().join("org.sign.sk"))
        .arg("--out")
        .arg(&out));
    assert!(output.status.success(), "{}", text(&output));
    for (country, kept) in [("de", &sent[0].2), ("at", &sent[3].2)] {
        let path = out.join(format!("demo-{country}.xml"));
        let xml = std::fs::read_to_string(&path).unwrap();
        assert_eq!(signatures(&xml), std::slice::from_ref(kept));
        xmllint(&schema(), &path);
    }
    let output = verify(&out, &dir.path().join("org.sign.pk"));
    assert!(output.status.success(), "{}", text(&output));
}
