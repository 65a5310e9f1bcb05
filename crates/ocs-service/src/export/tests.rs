use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::date;
use ocs_crypto::{
    ManifestSigningKey, Opener, RecipientPublicKey, Sealer, SeededEntropy, generate_recipient_keys,
};
use ocs_domain::initiative::OrganiserRole;
use ocs_domain::{
    CollectionPeriod, CountryCode, DedupTag, Initiative, InitiativeId, InitiativeStatus, Organiser,
    Slug, StatementId,
};
use ocs_storage::{SealedStatement, StatementStore};
use ocs_storage_sqlite::{SqliteOptions, SqliteStore};

use super::manifest::verify;
use super::*;
use crate::envelope::{ANNEX_REVISION, PAYLOAD_VERSION, Payload, encode, statement_aad};

mod pdf_files;
mod row_checks;
mod sealed_key;

/// Opens an authority copy of `manifest`'s export: bound to its registration number, its
/// export id and the plain file's name.
fn open_copy(
    key: &ocs_crypto::RecipientPrivateKey,
    manifest: &Manifest,
    name: &str,
    bytes: &[u8],
) -> zeroize::Zeroizing<Vec<u8>> {
    let binding = ocs_crypto::AuthorityFile {
        initiative: &manifest.registration_number,
        export_id: &manifest.export_id,
        file_name: name,
    };
    ocs_crypto::open_authority_file(key, &binding, bytes).unwrap()
}

const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

fn initiative() -> Initiative {
    let start: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    let end: Timestamp = "2026-12-31T00:00:00Z".parse().unwrap();
    Initiative {
        id: InitiativeId::new(7),
        slug: Slug::parse("save-bees").unwrap(),
        registration_number: "ECI(2025)000007".into(),
        registration_date: date(2025, 12, 1),
        title: "Save <the> bees & more".into(),
        subject: "Subject".into(),
        objectives: "Objectives".into(),
        organisers: vec![Organiser {
            name: "Alex Example".into(),
            role: OrganiserRole::Representative,
            email: Some("alex@example.org".into()),
        }],
        register_url: "https://register.example/7".into(),
        website: Some("https://bees.example".into()),
        privacy_notice: "Privacy".into(),
        period: CollectionPeriod::new(start, end, date(2026, 1, 1), date(2026, 12, 31), 12)
            .unwrap(),
        status: InitiativeStatus::Collecting,
        translations: ocs_domain::initiative::InitiativeTranslations::default(),
        regime: ocs_domain::Regime::National,
        storage_country: CountryCode::BE,
        data_protection: ocs_domain::initiative::DataProtection::default(),
    }
}

struct Row {
    number: u8,
    nationality: CountryCode,
    at: &'static str,
    test: bool,
    paper: bool,
    lang: Option<&'static str>,
    properties: Vec<(&'static str, String)>,
}

async fn store_with(rows: &[Row], recipient: &RecipientPublicKey, path: &Path) -> SqliteStore {
    let store = SqliteStore::open(path, SqliteOptions::default()).unwrap();
    let sealer = Sealer::default();
    for row in rows {
        let id = StatementId::from_bytes([row.number; 16]);
        let tag = DedupTag::from_bytes([row.number; 32]);
        let submitted_at: Timestamp = row.at.parse().unwrap();
        let payload = Payload {
            v: PAYLOAD_VERSION,
            initiative: 7,
            statement: id.to_string(),
            nationality: row.nationality.as_str(),
            submitted_at,
            annex_revision: ANNEX_REVISION,
            properties: &row.properties,
            channel: row.paper.then_some("paper"),
            lang: row.lang,
            eid: None,
            test: row.test,
        };
        let aad = statement_aad(InitiativeId::new(7), id, row.nationality, &tag);
        let envelope = sealer
            .seal(
                &[*recipient],
                &aad,
                &encode(&payload).unwrap(),
                &SeededEntropy::new(u64::from(row.number)),
            )
            .unwrap();
        store
            .record_statement(SealedStatement {
                id,
                initiative: InitiativeId::new(7),
                nationality: row.nationality,
                submitted_at,
                tag,
                envelope,
                test: row.test,
                receipt_verifier: None,
                paper: row.paper,
                log_entry: None,
            })
            .await
            .unwrap();
    }
    store
}

fn rows() -> Vec<Row> {
    let names = |first: &str| {
        vec![
            ("full.first.names", first.to_owned()),
            ("family.names", "Family".to_owned()),
        ]
    };
    let mut greek = names("Νίκος");
    greek.push(("passport", "AB1234567".to_owned()));
    let mut bulgarian = vec![
        ("full.first.names", "Пётр Иванов".to_owned()),
        ("family.names", "Жеков".to_owned()),
    ];
    bulgarian.push(("personal.number", "7501020018".to_owned()));
    vec![
        Row {
            number: 1,
            nationality: CountryCode::EL,
            at: "2026-03-01T10:00:00Z",
            test: false,
            paper: false,
            lang: Some("el"),
            properties: greek,
        },
        Row {
            number: 2,
            nationality: CountryCode::MT,
            at: "2026-03-02T23:30:00Z",
            test: true,
            paper: false,
            lang: None,
            properties: names("Testing"),
        },
        Row {
            number: 3,
            nationality: CountryCode::MT,
            at: "2026-04-01T10:00:00Z",
            test: false,
            paper: false,
            lang: None,
            properties: names("O'Hara & <Sons>"),
        },
        Row {
            number: 4,
            nationality: CountryCode::BG,
            at: "2026-04-02T10:00:00Z",
            test: false,
            paper: true,
            lang: None,
            properties: bulgarian,
        },
    ]
}

async fn export_with(
    selection: &ExportSelection,
    tamper: bool,
) -> (tempfile::TempDir, Result<Manifest, ExportError>) {
    export_to_authorities(selection, tamper, &BTreeMap::new(), false).await
}

async fn export_to_authorities(
    selection: &ExportSelection,
    tamper: bool,
    authority_keys: &BTreeMap<CountryCode, RecipientPublicKey>,
    no_plain: bool,
) -> (tempfile::TempDir, Result<Manifest, ExportError>) {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = generate_recipient_keys(&SeededEntropy::new(99));
    let store = store_with(&rows(), &public, &dir.path().join("ocs.db")).await;
    let signing = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let initiative = initiative();
    let zone = jiff::tz::TimeZone::get("Europe/Brussels").unwrap();
    let font = PdfFont::parse(
        std::fs::read(DEJAVU)
            .expect("DejaVu Sans is missing: scripts/test installs fonts-dejavu-core"),
    )
    .unwrap();
    let exporter = Exporter {
        initiative: &initiative,
        time_zone: &zone,
        selection,
        signing_key: &signing,
        now: "2026-05-01T00:00:00Z".parse().unwrap(),
        authority_keys,
        entropy: &SeededEntropy::new(6),
        pdf_font: Some(&font),
        no_plain,
        log: None,
    };
    let mut opener = if tamper {
        Opener::new(generate_recipient_keys(&SeededEntropy::new(100)).0)
    } else {
        Opener::new(private)
    };
    let result = exporter
        .run(&store, &mut opener, &dir.path().join("out"))
        .await;
    store.close().await.unwrap();
    if let Ok(manifest) = &result {
        let (_, problems) = verify(&dir.path().join("out"), &signing.verifying_key());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(manifest.initiative, "save-bees");
        for file in manifest.files.iter().filter(|f| !f.plain_omitted) {
            xmllint(&dir.path().join("out").join(&file.file));
        }
    }
    (dir, result)
}

/// Validates against the committed schema; fails (never skips) without xmllint.
fn xmllint(file: &Path) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/ocs-export.xsd");
    let output = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .expect("xmllint runs (Debian: apt-get install libxml2-utils)");
    assert!(
        output.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn test_statements_are_left_out_unless_asked_for_and_then_marked() {
    let (dir, manifest) = export_with(&ExportSelection::default(), false).await;
    let manifest = manifest.unwrap();
    let files: Vec<_> = manifest
        .files
        .iter()
        .map(|f| (f.file.as_str(), f.statements, f.test_statements))
        .collect();
    assert_eq!(
        files,
        [
            ("save-bees-bg.xml", 1, 0),
            ("save-bees-gr.xml", 1, 0),
            ("save-bees-mt.xml", 1, 0)
        ]
    );
    let malta = std::fs::read_to_string(dir.path().join("out/save-bees-mt.xml")).unwrap();
    assert!(!malta.contains("Testing") && !malta.contains("test=\"true\""));
    assert!(
        malta.contains("<value>O'Hara &amp; &lt;Sons&gt;</value>"),
        "{malta}"
    );
    assert!(malta.contains("<title>Save &lt;the&gt; bees &amp; more</title>"));
    let greece = std::fs::read_to_string(dir.path().join("out/save-bees-gr.xml")).unwrap();
    assert!(greece.contains("<forCountry>gr</forCountry>"));
    // The form's language, when the payload records it; paper statements are marked.
    assert!(greece.contains("<signature language=\"el\">"), "{greece}");
    assert!(!greece.contains("paper=\"true\""));
    let bulgaria = std::fs::read_to_string(dir.path().join("out/save-bees-bg.xml")).unwrap();
    assert!(
        bulgaria.contains("<signature paper=\"true\">"),
        "{bulgaria}"
    );
    assert!(greece.contains("<name>oct.group.id</name>"));
    assert!(greece.contains("<key>passport</key>"));
    assert!(greece.contains("<value>Νίκος</value>"));

    let selection = ExportSelection {
        include_test: true,
        ..ExportSelection::default()
    };
    let (dir, manifest) = export_with(&selection, false).await;
    let malta = manifest
        .unwrap()
        .files
        .into_iter()
        .find(|f| f.country == "MT")
        .unwrap();
    assert_eq!((malta.statements, malta.test_statements), (2, 1));
    let text = std::fs::read_to_string(dir.path().join("out/save-bees-mt.xml")).unwrap();
    assert_eq!(text.matches("<signature test=\"true\">").count(), 1);
    // 23:30 UTC on 2 March is 3 March in Brussels: the signing date is taken in the zone.
    assert!(
        text.contains("<submissionDate>2026-03-03</submissionDate>"),
        "{text}"
    );
}

#[tokio::test]
async fn countries_and_dates_filter() {
    let selection = ExportSelection {
        countries: BTreeSet::from([CountryCode::MT]),
        ..ExportSelection::default()
    };
    let (_dir, manifest) = export_with(&selection, false).await;
    let countries: Vec<_> = manifest
        .unwrap()
        .files
        .into_iter()
        .map(|f| f.country)
        .collect();
    assert_eq!(countries, ["MT"]);

    let selection = ExportSelection {
        from: Some(date(2026, 3, 2)),
        to: Some(date(2026, 12, 31)),
        ..ExportSelection::default()
    };
    let (_dir, manifest) = export_with(&selection, false).await;
    let manifest = manifest.unwrap();
    let countries: Vec<_> = manifest.files.iter().map(|f| f.country.as_str()).collect();
    assert_eq!(countries, ["BG", "MT"]);
    assert_eq!(manifest.selection.from, Some(date(2026, 3, 2)));
}

#[tokio::test]
async fn a_statement_that_does_not_open_stops_the_export_by_sequence_only() {
    let (dir, result) = export_with(&ExportSelection::default(), true).await;
    let error = result.unwrap_err();
    assert!(
        matches!(error, ExportError::OpenFailed { sequence: 1, .. }),
        "{error}"
    );
    let message = error.to_string();
    assert!(message.starts_with("statement #1:"), "{message}");
    assert!(!message.contains("Νίκος"));
    assert!(!dir.path().join("out/manifest.json").exists());
}

#[tokio::test]
async fn a_folder_that_is_not_empty_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.xml"), "x").unwrap();
    assert!(matches!(
        prepare_output(dir.path()),
        Err(ExportError::OutputNotEmpty(_))
    ));
    prepare_output(&dir.path().join("new")).unwrap();
    assert!(dir.path().join("new").is_dir());
}

#[tokio::test]
async fn an_authority_key_adds_an_encrypted_copy_listed_in_the_manifest() {
    let (authority, public) = generate_recipient_keys(&SeededEntropy::new(50));
    let keys = BTreeMap::from([(CountryCode::MT, public)]);
    let (dir, manifest) =
        export_to_authorities(&ExportSelection::default(), false, &keys, false).await;
    let manifest = manifest.unwrap();
    let out = dir.path().join("out");
    let malta = manifest.files.iter().find(|f| f.country == "MT").unwrap();
    let sealed = malta.sealed.as_ref().unwrap();
    assert_eq!(sealed.file, "save-bees-mt.xml.hpke");
    assert_eq!(sealed.key_id, hex::encode(public.key_id()));
    assert!(
        manifest
            .files
            .iter()
            .all(|f| f.country == "MT" || f.sealed.is_none())
    );
    let bytes = std::fs::read(out.join(&sealed.file)).unwrap();
    let plain = open_copy(&authority, &manifest, "save-bees-mt.xml", &bytes);
    assert_eq!(
        plain.as_slice(),
        std::fs::read(out.join("save-bees-mt.xml")).unwrap()
    );
    // verify (run inside export_to_authorities) passed; a removed copy is reported.
    std::fs::remove_file(out.join(&sealed.file)).unwrap();
    let signing = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let (_, problems) = verify(&out, &signing.verifying_key());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("save-bees-mt.xml.hpke: cannot read it"));
}

#[tokio::test]
async fn an_export_request_and_its_outcome_are_audited_without_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = generate_recipient_keys(&SeededEntropy::new(99));
    let store = store_with(&rows(), &public, &dir.path().join("ocs.db")).await;
    let signing = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let initiative = initiative();
    let zone = jiff::tz::TimeZone::get("Europe/Brussels").unwrap();
    let selection = ExportSelection {
        countries: BTreeSet::from([CountryCode::EL]),
        ..ExportSelection::default()
    };
    let exporter = Exporter {
        initiative: &initiative,
        time_zone: &zone,
        selection: &selection,
        signing_key: &signing,
        now: "2026-05-01T00:00:00Z".parse().unwrap(),
        authority_keys: &BTreeMap::new(),
        entropy: &SeededEntropy::new(6),
        pdf_font: None,
        no_plain: false,
        log: None,
    };
    let audit = crate::MemoryAudit::default();
    let actor = crate::Actor::Operator("ann".to_owned());
    let mut opener = Opener::new(private);
    exporter
        .run_audited(
            &store,
            &mut opener,
            &dir.path().join("out"),
            &audit,
            actor.clone(),
        )
        .await
        .unwrap();
    store.close().await.unwrap();
    let events = audit.events();
    let actions: Vec<_> = events.iter().map(|(_, e)| e.action.as_str()).collect();
    assert_eq!(actions, [EXPORT_REQUESTED, EXPORT_FINISHED]);
    assert!(
        events
            .iter()
            .all(|(_, e)| e.actor == actor && e.initiative == Some(initiative.id))
    );
    assert!(
        events[0].1.detail.contains("countries EL"),
        "{}",
        events[0].1.detail
    );
    assert_eq!(events[1].1.detail, "files 1; statements 1");
    assert!(!format!("{events:?}").contains("Νίκος"));
}

#[tokio::test]
async fn no_plain_leaves_only_the_encrypted_copies_of_states_with_a_key() {
    let (authority, public) = generate_recipient_keys(&SeededEntropy::new(50));
    let keys = BTreeMap::from([(CountryCode::MT, public)]);
    // export_to_authorities runs verify on the result and fails on any problem.
    let (dir, manifest) =
        export_to_authorities(&ExportSelection::default(), false, &keys, true).await;
    let manifest = manifest.unwrap();
    let out = dir.path().join("out");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            // The Annex V covers hold no signatory's data and stay in clear.
            "cover-BG.pdf",
            "cover-EL.pdf",
            "cover-MT.pdf",
            "manifest.json",
            "manifest.sig",
            "save-bees-bg.pdf",
            "save-bees-bg.xml",
            "save-bees-gr.pdf",
            "save-bees-gr.xml",
            "save-bees-mt.pdf.hpke",
            "save-bees-mt.xml.hpke",
        ]
    );
    let malta = manifest.files.iter().find(|f| f.country == "MT").unwrap();
    assert!(malta.plain_omitted);
    // The copy opens to the file the manifest hashed.
    let bytes = std::fs::read(out.join("save-bees-mt.xml.hpke")).unwrap();
    let plain = open_copy(&authority, &manifest, "save-bees-mt.xml", &bytes);
    assert_eq!(
        hex::encode(sha2::Sha256::digest(plain.as_slice())),
        malta.sha256
    );
    let pdf = malta.pdf.as_ref().unwrap();
    let bytes = std::fs::read(out.join("save-bees-mt.pdf.hpke")).unwrap();
    let plain = open_copy(&authority, &manifest, "save-bees-mt.pdf", &bytes);
    assert_eq!(
        hex::encode(sha2::Sha256::digest(plain.as_slice())),
        pdf.sha256
    );
}
