//! Delivery to the authorities: `.hpke` copies for the states given an authority key,
//! openable only with the right key and checked by `verify`, and `--plain` keeping both.

use std::path::Path;

use super::{copy_dir, run, text, verify};
use crate::ocs;

/// `--authority-key DE=… --authority-key AT=…`: `.hpke` copies for exactly those states,
/// openable only with the right key, listed and checked by `verify`.
pub(super) fn check_authority_delivery(
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
pub(super) fn check_plain_kept(
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
