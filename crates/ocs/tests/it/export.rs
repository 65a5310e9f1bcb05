//! `ocs export` end to end: sign through the HTTP API in Part A and Part B states, stop the
//! demo, export offline with its private key, and check every value, the XSD, the signed
//! manifest and `ocs export verify`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::json;

use crate::{Demo, http, ocs, solved};

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

/// `--authority-key DE=… --authority-key AT=…`: `.hpke` copies for exactly those states,
/// openable only with the right key, listed and checked by `verify`.
fn check_authority_delivery(
    data: &Path,
    dir: &Path,
    private_key: &Path,
    signing_key: &Path,
    public_key: &Path,
) {
    for state in ["de", "at"] {
        let output = run(ocs()
            .args(["keygen", "--out"])
            .arg(dir.join(format!("authority-{state}"))));
        assert!(output.status.success(), "{}", text(&output));
    }
    let out = dir.join("export-authority");
    let output = run(ocs()
        .arg("export")
        .arg("--config")
        .arg(data.join("ocs.toml"))
        .args(["--initiative", "demo", "--private-key"])
        .arg(private_key)
        .arg("--signing-key")
        .arg(signing_key)
        .arg("--out")
        .arg(&out)
        .arg("--authority-key")
        .arg(format!("DE={}", dir.join("authority-de.pk").display()))
        .arg("--authority-key")
        .arg(format!("AT={}", dir.join("authority-at.pk").display())));
    assert!(output.status.success(), "{}", text(&output));
    // Encrypted only by default: no plain file of a state with an authority key is left.
    for plain in ["demo-de.xml", "demo-de.pdf", "demo-at.xml", "demo-at.pdf"] {
        assert!(!out.join(plain).exists(), "{plain} was left in plain");
    }

    let mut sealed: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "hpke"))
        .collect();
    sealed.sort();
    assert_eq!(
        sealed,
        [
            "demo-at.pdf.hpke",
            "demo-at.xml.hpke",
            "demo-de.pdf.hpke",
            "demo-de.xml.hpke"
        ]
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let listed: Vec<&str> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|file| file["sealed"]["file"].as_str())
        .collect();
    assert_eq!(listed, ["demo-at.xml.hpke", "demo-de.xml.hpke"]);

    let open = |key: &str, input: &Path, to: &Path| {
        run(ocs()
            .args(["export", "open", "--private-key"])
            .arg(dir.join(key))
            .arg("--public-key")
            .arg(public_key)
            .arg("--out")
            .arg(to)
            .arg(input))
    };
    let de_sealed = out.join("demo-de.xml.hpke");
    let opened = dir.join("opened-de.xml");
    let output = open("authority-de.sk", &de_sealed, &opened);
    assert!(output.status.success(), "{}", text(&output));
    let opened_text = std::fs::read_to_string(&opened).unwrap();
    assert!(opened_text.contains("Müller-Lüdenscheidt"), "{opened_text}");
    // It refuses to overwrite.
    let output = open("authority-de.sk", &de_sealed, &opened);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains("must not exist"),
        "{}",
        text(&output)
    );
    // Austria's key does not open Germany's file, and writes nothing.
    let wrong = dir.join("opened-by-at.xml");
    let output = open("authority-at.sk", &de_sealed, &wrong);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("does not open"), "{}", text(&output));
    assert!(!wrong.exists());
    // A renamed file does not open either: its name is bound into the encryption.
    let renamed = dir.join("demo-at.xml.hpke");
    std::fs::copy(&de_sealed, &renamed).unwrap();
    let output = open("authority-de.sk", &renamed, &dir.join("renamed.xml"));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));

    let output = verify(&out, public_key);
    assert!(output.status.success(), "{}", text(&output));
    // A flipped byte of an encrypted file fails verify (and the opening).
    for name in ["demo-de.xml.hpke", "demo-at.xml.hpke"] {
        let copy = dir.join(format!("tampered-authority-{name}"));
        copy_dir(&out, &copy);
        let mut bytes = std::fs::read(copy.join(name)).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x01;
        std::fs::write(copy.join(name), &bytes).unwrap();
        let output = verify(&copy, public_key);
        assert_eq!(output.status.code(), Some(1), "{}", text(&output));
        assert!(text(&output).contains(name), "{}", text(&output));
    }
    let damaged = dir.join("tampered-authority-demo-de.xml.hpke/demo-de.xml.hpke");
    let output = open("authority-de.sk", &damaged, &dir.join("damaged.xml"));
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    crate::export_open::check_the_manifest_is_checked_before_opening(dir, &out, public_key);
}

/// `--plain` keeps the plain files of a state with an authority key next to its encrypted
/// copies (by default only the copies are left, see [`check_authority_delivery`]).
fn check_plain_kept(
    data: &Path,
    dir: &Path,
    private_key: &Path,
    signing_key: &Path,
    public_key: &Path,
) {
    let kept = dir.join("export-authority-plain");
    let output = run(ocs()
        .arg("export")
        .arg("--config")
        .arg(data.join("ocs.toml"))
        .args(["--initiative", "demo", "--private-key"])
        .arg(private_key)
        .arg("--signing-key")
        .arg(signing_key)
        .arg("--out")
        .arg(&kept)
        .arg("--authority-key")
        .arg(format!("DE={}", dir.join("authority-de.pk").display()))
        .arg("--plain"));
    assert!(output.status.success(), "{}", text(&output));
    for file in [
        "demo-de.xml",
        "demo-de.xml.hpke",
        "demo-de.pdf",
        "demo-de.pdf.hpke",
    ] {
        assert!(kept.join(file).exists(), "{file} missing with --plain");
    }
    let output = verify(&kept, public_key);
    assert!(output.status.success(), "{}", text(&output));
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

/// Signs `(nationality, fields)` through the API of the demo at `address`.
fn sign_one(address: std::net::SocketAddr, nationality: &str, fields: &Fields) {
    let body = json!({"nationality": nationality, "fields": fields, "consent": true,
        "altcha": solved(address)})
    .to_string();
    let (status, answer) = http(
        address,
        "POST",
        "/api/v1/initiatives/demo/statements",
        "application/json",
        &body,
    );
    assert_eq!(status, 201, "{answer}");
}

fn verify_with_log(dir: &Path, public_key: &Path, log: &[&str]) -> Output {
    run(ocs()
        .args(["export", "verify"])
        .arg(dir)
        .arg("--public-key")
        .arg(public_key)
        .args(log))
}

/// Issue 17, item 8: the manifest records the log's checkpoint and each statement's index;
/// `ocs export verify --log` passes on an honest export (the log having grown since), over
/// HTTP and from a mirrored copy, and fails when the organisers' export leaves out a
/// statement the log counts, even though the export is validly signed.
#[test]
fn an_export_records_the_log_and_verify_checks_it_against_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let demo = Demo::start(&data);
    let sent = submissions();
    for (nationality, fields, _) in [&sent[0], &sent[1], &sent[3]] {
        sign_one(demo.address, nationality, fields);
    }
    // A public read publishes what waits (the demo publishes at once).
    let (status, _) = http(
        demo.address,
        "GET",
        "/api/v1/initiatives/demo/counters",
        "text/plain",
        "",
    );
    assert_eq!(status, 200);
    demo.stop();
    let output = run(ocs()
        .args(["keygen", "--signing", "--out"])
        .arg(dir.path().join("org")));
    assert!(output.status.success(), "{}", text(&output));
    let signing_key = dir.path().join("org.sign.sk");
    let public_key = dir.path().join("org.sign.pk");
    let private_key = data.join("keys/demo-recipient.sk");
    let out = dir.path().join("export");
    let output = export(&data, &private_key, &signing_key, &out);
    assert!(output.status.success(), "{}", text(&output));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["log"]["tree_size"], 3, "{manifest}");
    let mut indices: Vec<u64> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|file| file["log_indices"].as_array().unwrap().clone())
        .map(|index| index.as_u64().unwrap())
        .collect();
    indices.sort_unstable();
    assert_eq!(indices, [0, 1, 2]);

    // The log grows after the export: the export's checkpoint is a prefix of it.
    let demo = Demo::start(&data);
    sign_one(demo.address, "FR", &sent[2].1);
    let site = format!("http://{}", demo.address);
    let output = verify_with_log(&out, &public_key, &["--log", &site]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("a prefix of the log at size 4")
            && text(&output).contains("every statement the log counts: AT 1, DE 2"),
        "{}",
        text(&output)
    );
    // The same from a mirrored copy, offline, with the announced key.
    let mirror = dir.path().join("mirror");
    let output = run(ocs()
        .args(["log", "verify", &format!("{site}/log/demo"), "--mirror"])
        .arg(&mirror));
    assert!(output.status.success(), "{}", text(&output));
    let (_, detail) = http(
        demo.address,
        "GET",
        "/api/v1/initiatives/demo",
        "text/plain",
        "",
    );
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    let key = detail["log"]["verifier_key"].as_str().unwrap().to_owned();
    let log_dir = mirror.to_str().unwrap();
    let output = verify_with_log(
        &out,
        &public_key,
        &["--log-dir", log_dir, "--log-key", &key],
    );
    assert!(output.status.success(), "{}", text(&output));
    // Without the log, verify says it did not check against it.
    let output = verify(&out, &public_key);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("not checked against the public tally log"));
    demo.stop();
    a_short_or_forged_export_fails_against_the_log(dir.path(), &data, &out);
}

/// The export of a copy missing one statement the log counts fails `verify --log`; a
/// changed manifest fails its signature.
fn a_short_or_forged_export_fails_against_the_log(dir: &Path, data: &Path, out: &Path) {
    let signing_key = dir.join("org.sign.sk");
    let public_key = dir.join("org.sign.pk");
    let private_key = data.join("keys/demo-recipient.sk");
    // The organisers drop one German statement from a copy of the database and export it:
    // the export is signed and its files match its manifest, but the log counts it.
    let copy = dir.join("copy.db");
    std::fs::copy(data.join("data/ocs.db"), &copy).unwrap();
    if data.join("data/ocs.db-wal").exists() {
        std::fs::copy(data.join("data/ocs.db-wal"), dir.join("copy.db-wal")).unwrap();
    }
    {
        let connection = rusqlite::Connection::open(&copy).unwrap();
        let deleted = connection
            .execute(
                "DELETE FROM statements WHERE sequence = (SELECT MIN(sequence) FROM statements \
                 WHERE nationality = 'DE')",
                [],
            )
            .unwrap();
        assert_eq!(deleted, 1);
    }
    let short = dir.join("export-short");
    let output = run(ocs()
        .arg("export")
        .arg("--config")
        .arg(data.join("ocs.toml"))
        .args(["--initiative", "demo", "--database"])
        .arg(format!("sqlite://{}", copy.display()))
        .arg("--private-key")
        .arg(&private_key)
        .arg("--signing-key")
        .arg(&signing_key)
        .arg("--out")
        .arg(&short));
    assert!(output.status.success(), "{}", text(&output));
    let output = verify(&short, &public_key);
    assert!(output.status.success(), "{}", text(&output));
    let demo = Demo::start(data);
    let site = format!("http://{}", demo.address);
    let output = verify_with_log(&short, &public_key, &["--log", &site]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        text(&output).contains(
            "FAIL: log: DE: the log counts 2 statements at the checkpoint, \
             the export holds 1 of them; missing log indices: "
        ),
        "{}",
        text(&output)
    );
    // A manifest whose recorded checkpoint was replaced fails its signature first.
    let forged = dir.join("export-forged");
    copy_dir(out, &forged);
    let json = std::fs::read_to_string(forged.join("manifest.json")).unwrap();
    std::fs::write(
        forged.join("manifest.json"),
        json.replacen("\"tree_size\": 3", "\"tree_size\": 2", 1),
    )
    .unwrap();
    let output = verify_with_log(&forged, &public_key, &["--log", &site]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("manifest.sig"), "{}", text(&output));
    demo.stop();
}
