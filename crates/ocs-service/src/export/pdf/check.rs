//! Test support: the PDF/A-2b structure checks with the tools at hand.

/// Test support: checks a produced file for the PDF/A-2b structures with the tools the test
/// machines have (veraPDF, a Java application, is not installable from the package sources
/// used here): `qpdf --check` for the file structure, `pdfinfo -meta` for the XMP PDF/A
/// identification and the tagging, `pdffonts` for fonts that are embedded and subset, and the
/// catalog's sRGB `OutputIntent`. Returns the text as `pdftotext` extracts it.
pub(crate) fn check_pdf_a_2b(path: &std::path::Path) -> String {
    fn run(program: &str, args: &[&str], path: &std::path::Path) -> String {
        let output = std::process::Command::new(program)
            .args(args)
            .arg(path)
            .output()
            .unwrap_or_else(|_| panic!("{program} is missing: scripts/test installs it"));
        assert!(
            output.status.success(),
            "{program} {}: {}{}",
            path.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }
    let checked = run("qpdf", &["--check"], path);
    assert!(
        checked.contains("No syntax or stream encoding errors"),
        "{checked}"
    );
    let info = run("pdfinfo", &[], path);
    assert!(
        info.lines()
            .any(|l| l.starts_with("PDF version:") && l.ends_with(" 1.7")),
        "{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
        "{info}"
    );
    let meta = run("pdfinfo", &["-meta"], path);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "no PDF/A-2b identification in the XMP metadata:\n{meta}"
    );
    let fonts = run("pdffonts", &[], path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no font: {fonts}");
    for row in rows {
        // name, type, encoding, emb, sub, uni, object: the subset name is `ABCDEF+Name`.
        let columns: Vec<&str> = row.split_whitespace().collect();
        assert!(
            columns
                .first()
                .is_some_and(|name| name.get(6..7) == Some("+")),
            "not a subset: {row}"
        );
        assert!(
            row.contains(" yes yes yes "),
            "not embedded, subset and mapped: {row}"
        );
    }
    let json = run("qpdf", &["--json"], path);
    assert!(
        json.contains("\"/OutputIntents\""),
        "no OutputIntents in the catalog"
    );
    assert!(
        json.contains("\"/GTS_PDFA1\""),
        "the OutputIntent is not a PDF/A one"
    );
    assert!(
        json.contains("\"/DestOutputProfile\""),
        "the OutputIntent has no ICC profile"
    );
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}
