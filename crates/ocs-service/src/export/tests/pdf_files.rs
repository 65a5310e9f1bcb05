//! The export's PDFs: the printable Annex III lists and the Annex V covers, PDF/A-2b.

use super::*;

#[tokio::test]
async fn each_state_gets_a_printable_annex_iii_list_in_the_manifest() {
    let (dir, manifest) = export_with(&ExportSelection::default(), false).await;
    let manifest = manifest.unwrap();
    let out = dir.path().join("out");
    for (country, values) in [
        ("EL", vec!["Νίκος", "AB1234567", "ECI(2025)000007"]),
        (
            "BG",
            // Collected on paper: the list says so.
            vec![
                "Пётр Иванов",
                "Жеков",
                "7501020018",
                "2026-04-02",
                "Collected",
                "on paper",
            ],
        ),
        ("MT", vec!["O'Hara & <Sons>", "Save <the> bees & more"]),
    ] {
        let entry = manifest
            .files
            .iter()
            .find(|f| f.country == country)
            .unwrap();
        let pdf = entry.pdf.as_ref().unwrap();
        let bytes = std::fs::read(out.join(&pdf.file)).unwrap();
        assert!(bytes.starts_with(b"%PDF-1.7"));
        assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), pdf.sha256);
        let text = super::pdf::check_pdf_a_2b(&out.join(&pdf.file));
        for value in values {
            assert!(text.contains(value), "{country}: {value:?} not in:\n{text}");
        }
    }
    assert_eq!(
        manifest
            .files
            .iter()
            .find(|f| f.country == "BG")
            .unwrap()
            .pdf
            .as_ref()
            .unwrap()
            .file,
        "save-bees-bg.pdf"
    );
    // A changed byte in a PDF fails the verification.
    let signing = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let path = out.join("save-bees-bg.pdf");
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&path, bytes).unwrap();
    let (_, problems) = verify(&out, &signing.verifying_key());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("save-bees-bg.pdf: SHA-256"),
        "{problems:?}"
    );
}

#[tokio::test]
async fn each_state_gets_an_annex_v_cover_pdf_a_with_the_counts_of_its_file() {
    let (dir, manifest) = export_with(&ExportSelection::default(), false).await;
    let manifest = manifest.unwrap();
    let out = dir.path().join("out");
    let total: u64 = manifest
        .files
        .iter()
        .map(|f| f.statements - f.test_statements)
        .sum();
    assert!(manifest.files.len() >= 3);
    for entry in &manifest.files {
        let cover = entry.cover.as_ref().unwrap();
        assert_eq!(cover.file, format!("cover-{}.pdf", entry.country));
        let bytes = std::fs::read(out.join(&cover.file)).unwrap();
        assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), cover.sha256);
        let text = super::pdf::check_pdf_a_2b(&out.join(&cover.file));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let declared = format!(
            "signatories of member state {}: {} (collected online:",
            entry.country,
            entry.statements - entry.test_statements
        );
        for expected in [
            declared.as_str(),
            "ECI(2025)000007",
            "Save <the> bees & more",
            &format!("in all member states: {total}"),
            &entry.file,
            &entry.sha256,
            "Annex V",
            "Date and signature of one of the contact persons",
        ] {
            assert!(
                flat.contains(expected),
                "{}: {expected:?} not in:\n{flat}",
                entry.country
            );
        }
    }
    // Bulgaria's statement was collected on paper: the cover says so.
    let bulgaria = std::fs::read(out.join("cover-BG.pdf")).unwrap();
    assert!(!bulgaria.is_empty());
    let text = super::pdf::check_pdf_a_2b(&out.join("cover-BG.pdf"));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("collected online: 0; collected on paper: 1"),
        "{flat}"
    );
    // The covers verify with the rest, and a changed byte in one fails.
    let signing = ManifestSigningKey::generate(&SeededEntropy::new(5)).unwrap();
    let (_, problems) = verify(&out, &signing.verifying_key());
    assert_eq!(problems, Vec::<String>::new());
    let path = out.join("cover-EL.pdf");
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&path, bytes).unwrap();
    let (_, problems) = verify(&out, &signing.verifying_key());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("cover-EL.pdf: SHA-256"),
        "{problems:?}"
    );
}
