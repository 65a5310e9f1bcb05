//! Issue 20 item 5: a sealed export is signed with the initiative's online sealed-export key,
//! certified by the offline manifest key; an authority's import trusts the manifest key only.

use ocs_crypto::{SealedExportKey, SignatureContext, certify_sealed_key};

use super::*;

/// The organisers' manifest key, the initiative's sealed-export key and its certificate.
fn keys(initiative: &Initiative) -> (ManifestSigningKey, SealedExportKey, String) {
    let manifest_key = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let sealed_key = SealedExportKey::generate(&SeededEntropy::new(8)).unwrap();
    let certificate = certify_sealed_key(
        &manifest_key,
        initiative.slug.as_str(),
        &sealed_key.verifying_key(),
    )
    .unwrap();
    (manifest_key, sealed_key, certificate)
}

fn empty_store(dir: &Path, name: &str) -> SqliteStore {
    SqliteStore::open(&dir.join(name), SqliteOptions::default()).unwrap()
}

async fn import_into_new(folder: &Path, key: &ManifestSigningKey, dir: &Path, name: &str) -> bool {
    let store = empty_store(dir, name);
    let initiative = initiative();
    let result = sealed::import(folder, &key.verifying_key(), &initiative, &store).await;
    let stored = store.statements(initiative.id, 0, 10).await.unwrap();
    store.close().await.unwrap();
    // Nothing half-stored: a refused import leaves the database empty.
    assert_eq!(result.is_ok(), !stored.is_empty());
    result.is_ok()
}

#[tokio::test]
async fn a_sealed_export_imports_elsewhere_and_then_exports_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (private, public) = generate_recipient_keys(&SeededEntropy::new(99));
    let store = store_with(&rows(), &public, &dir.path().join("ocs.db")).await;
    let initiative = initiative();
    let (manifest_key, sealed_key, certificate) = keys(&initiative);
    let now: Timestamp = "2026-05-01T00:00:00Z".parse().unwrap();
    let folder = dir.path().join("sealed");
    let manifest = sealed::write(&store, &initiative, &sealed_key, &certificate, now, &folder)
        .await
        .unwrap();
    assert_eq!(manifest.statements, 4);
    store.close().await.unwrap();
    // Nothing in clear: the names stay sealed.
    let document = std::fs::read(folder.join(&manifest.file)).unwrap();
    assert!(!String::from_utf8_lossy(&document).contains("Family"));

    let copy = empty_store(dir.path(), "copy.db");
    let (_, imported) = sealed::import(&folder, &manifest_key.verifying_key(), &initiative, &copy)
        .await
        .unwrap();
    assert_eq!(imported, 4);
    let zone = jiff::tz::TimeZone::get("Europe/Brussels").unwrap();
    let selection = ExportSelection::default();
    let exporter = Exporter {
        initiative: &initiative,
        time_zone: &zone,
        selection: &selection,
        signing_key: &manifest_key,
        now,
        authority_keys: &BTreeMap::new(),
        entropy: &SeededEntropy::new(6),
        pdf_font: None,
        no_plain: false,
        log: None,
    };
    let result = exporter
        .run(&copy, &mut Opener::new(private), &dir.path().join("out"))
        .await
        .unwrap();
    copy.close().await.unwrap();
    assert_eq!(result.files.iter().map(|f| f.statements).sum::<u64>(), 3);
    // Another manifest key, or a changed byte of the document, is refused.
    let other = ManifestSigningKey::generate(&SeededEntropy::new(7)).unwrap();
    assert!(!import_into_new(&folder, &other, dir.path(), "other.db").await);
    let mut bytes = document.clone();
    bytes[10] ^= 1;
    std::fs::write(folder.join(&manifest.file), bytes).unwrap();
    assert!(!import_into_new(&folder, &manifest_key, dir.path(), "changed.db").await);
}

/// The manifest key itself signing the sealed manifest (the old model), or any signature
/// made under another context label, does not pass: only the certified key's signature does.
#[tokio::test]
async fn a_sealed_export_signed_by_the_manifest_key_or_under_another_label_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, public) = generate_recipient_keys(&SeededEntropy::new(99));
    let store = store_with(&rows(), &public, &dir.path().join("ocs.db")).await;
    let initiative = initiative();
    let (manifest_key, sealed_key, certificate) = keys(&initiative);
    let now: Timestamp = "2026-05-01T00:00:00Z".parse().unwrap();
    let folder = dir.path().join("sealed");
    sealed::write(&store, &initiative, &sealed_key, &certificate, now, &folder)
        .await
        .unwrap();
    // A certificate for another initiative's key is refused before anything is written.
    let stranger = SealedExportKey::generate(&SeededEntropy::new(9)).unwrap();
    let refused = sealed::write(
        &store,
        &initiative,
        &stranger,
        &certificate,
        now,
        &dir.path().join("refused"),
    )
    .await;
    assert!(refused.is_err());
    assert!(!dir.path().join("refused").exists());
    store.close().await.unwrap();
    assert!(import_into_new(&folder, &manifest_key, dir.path(), "good.db").await);

    let json = std::fs::read(folder.join("sealed-manifest.json")).unwrap();
    let signature = folder.join("sealed-manifest.sig");
    let forgeries = [
        // The manifest key directly, under the sealed-export label and under its own.
        manifest_key.sign(SignatureContext::SealedExportManifest, &json),
        manifest_key.sign(SignatureContext::ExportManifest, &json),
        // The labels swapped: the certificate's label over the manifest.
        manifest_key.sign(SignatureContext::SealedKeyCertificate, &json),
    ];
    for (n, forged) in forgeries.iter().enumerate() {
        std::fs::write(&signature, format!("{forged}\n")).unwrap();
        let name = format!("forged-{n}.db");
        assert!(
            !import_into_new(&folder, &manifest_key, dir.path(), &name).await,
            "forgery {n}"
        );
    }
    // The sealed-export key's own signature is good again; a certificate signed under the
    // export manifest's label (labels swapped) is no certificate.
    std::fs::write(
        &signature,
        format!("{}\n", sealed_key.sign_sealed_manifest(&json)),
    )
    .unwrap();
    assert!(import_into_new(&folder, &manifest_key, dir.path(), "again.db").await);
    let body: String = certificate.split_inclusive('\n').take(3).collect();
    let swapped = manifest_key.sign(SignatureContext::ExportManifest, body.as_bytes());
    std::fs::write(
        folder.join(sealed::CERTIFICATE),
        format!("{body}{swapped}\n"),
    )
    .unwrap();
    assert!(!import_into_new(&folder, &manifest_key, dir.path(), "swapped.db").await);
    // Nor does a sealed export whose certificate is missing.
    std::fs::remove_file(folder.join(sealed::CERTIFICATE)).unwrap();
    assert!(!import_into_new(&folder, &manifest_key, dir.path(), "no-cert.db").await);
}
