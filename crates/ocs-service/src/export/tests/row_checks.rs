//! Issue 20 item 7: what the row says and the associated data does not bind — the signing
//! time, the channel and the test flag — is checked against the sealed payload; a layout 1
//! payload (unpadded, no test flag) still exports.

use super::*;

/// What is sealed and what the row then says.
struct Planted {
    sealed_at: &'static str,
    row_at: &'static str,
    /// Collected on paper: (as sealed, as the row says).
    paper: (bool, bool),
    /// Test mode: (as sealed, as the row says).
    test: (bool, bool),
}

const HONEST: Planted = Planted {
    sealed_at: "2026-03-01T10:00:00.123Z",
    row_at: "2026-03-01T10:00:00.123Z",
    paper: (false, false),
    test: (false, false),
};

/// One statement sealed as `planted` says (in layout `version`), its row written as it says;
/// then an export of everything, test statements included.
async fn export_planted(planted: &Planted, version: u8) -> Result<Manifest, ExportError> {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = generate_recipient_keys(&SeededEntropy::new(99));
    let store = SqliteStore::open(&dir.path().join("ocs.db"), SqliteOptions::default()).unwrap();
    let id = StatementId::from_bytes([1; 16]);
    let tag = DedupTag::from_bytes([1; 32]);
    let properties = vec![
        ("full.first.names", "Nikos".to_owned()),
        ("family.names", "Family".to_owned()),
        ("passport", "AB1234567".to_owned()),
    ];
    let payload = Payload {
        v: version,
        initiative: 7,
        statement: id.to_string(),
        nationality: "EL",
        submitted_at: planted.sealed_at.parse().unwrap(),
        annex_revision: ANNEX_REVISION,
        properties: &properties,
        channel: planted.paper.0.then_some("paper"),
        lang: None,
        eid: None,
        test: planted.test.0,
    };
    let plaintext = if version == 1 {
        // Layout 1 had no test flag and no padding.
        let mut value = serde_json::to_value(&payload).unwrap();
        value.as_object_mut().unwrap().remove("test");
        serde_json::to_vec(&value).unwrap()
    } else {
        encode(&payload).unwrap().to_vec()
    };
    let aad = statement_aad(InitiativeId::new(7), id, CountryCode::EL, &tag);
    let envelope = Sealer::default()
        .seal(&[public], &aad, &plaintext, &SeededEntropy::new(1))
        .unwrap();
    store
        .record_statement(SealedStatement {
            id,
            initiative: InitiativeId::new(7),
            nationality: CountryCode::EL,
            submitted_at: planted.row_at.parse().unwrap(),
            tag,
            envelope,
            test: planted.test.1,
            receipt_verifier: None,
            paper: planted.paper.1,
            log_entry: None,
        })
        .await
        .unwrap();
    let signing = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let initiative = initiative();
    let zone = jiff::tz::TimeZone::UTC;
    let selection = ExportSelection {
        include_test: true,
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
    let result = exporter
        .run(&store, &mut Opener::new(private), &dir.path().join("out"))
        .await;
    store.close().await.unwrap();
    result
}

fn refusal(result: Result<Manifest, ExportError>) -> String {
    match result {
        Err(ExportError::BadPayload {
            sequence: 1,
            reason,
        }) => reason,
        other => panic!("not refused by its payload check: {other:?}"),
    }
}

#[tokio::test]
async fn a_row_whose_date_channel_or_test_flag_differs_from_the_sealed_payload_is_refused() {
    // The honest row exports, in layout 2 and in layout 1.
    for version in [2, 1] {
        let manifest = export_planted(&HONEST, version).await.unwrap();
        assert!(
            manifest.files.iter().any(|f| f.country == "EL"),
            "{manifest:?}"
        );
    }

    // The date moved (into the period, or by a day).
    let moved = Planted {
        row_at: "2026-03-02T10:00:00.123Z",
        ..HONEST
    };
    assert_eq!(
        refusal(export_planted(&moved, 2).await),
        "the sealed signing time does not match its row"
    );
    assert_eq!(
        refusal(export_planted(&moved, 1).await),
        "the sealed signing time does not match its row"
    );
    // An online statement marked as collected on paper, and the other way round.
    for paper in [(false, true), (true, false)] {
        let channel = Planted { paper, ..HONEST };
        assert_eq!(
            refusal(export_planted(&channel, 2).await),
            "the sealed channel does not match its row"
        );
    }
    // A test statement passed off as a real one, and the other way round (layout 2).
    for test in [(true, false), (false, true)] {
        let flag = Planted { test, ..HONEST };
        assert_eq!(
            refusal(export_planted(&flag, 2).await),
            "the sealed test flag does not match its row"
        );
    }
    // Layout 1 sealed no test flag: the row's flag is all there is.
    let old_test = Planted {
        test: (false, true),
        ..HONEST
    };
    assert!(export_planted(&old_test, 1).await.is_ok());
    // An unknown layout.
    assert_eq!(
        refusal(export_planted(&HONEST, 3).await),
        "unknown payload version"
    );
}
