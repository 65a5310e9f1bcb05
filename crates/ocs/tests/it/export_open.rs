//! `ocs export open` checks the export folder first (issue 20 item 7): a tampered manifest,
//! an unlisted or changed file, or a copy not listed refuses before anything is decrypted.

use std::path::Path;
use std::process::Output;

use crate::ocs;

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Opens `folder/name` with Germany's authority key; asserts it is refused before the
/// decryption (the message says so, and nothing is written).
fn refused(dir: &Path, folder: &Path, name: &str, public_key: &Path, why: &str) {
    let to = folder.with_extension("opened.xml");
    let output = ocs()
        .args(["export", "open", "--private-key"])
        .arg(dir.join("authority-de.sk"))
        .arg("--public-key")
        .arg(public_key)
        .arg("--out")
        .arg(&to)
        .arg(folder.join(name))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{why}: {}", text(&output));
    assert!(
        text(&output).contains("nothing was decrypted"),
        "{why}: {}",
        text(&output)
    );
    assert!(!to.exists(), "{why}: something was written");
}

/// `out` is a verified export with `demo-de.xml.hpke` and `demo-at.xml.hpke` (Germany's and
/// Austria's authority keys are `authority-de.sk`, `authority-at.sk` in `dir`).
pub(crate) fn check_the_manifest_is_checked_before_opening(
    dir: &Path,
    out: &Path,
    public_key: &Path,
) {
    let fresh = |name: &str| {
        let copy = dir.join(format!("open-first-{name}"));
        copy_dir(out, &copy);
        copy
    };
    // A changed manifest byte: the signature fails.
    let copy = fresh("manifest");
    let manifest = std::fs::read_to_string(copy.join("manifest.json")).unwrap();
    let changed = manifest.replacen("\"statements\": ", "\"statements\": 9", 1);
    assert_ne!(changed, manifest);
    std::fs::write(copy.join("manifest.json"), changed).unwrap();
    refused(
        dir,
        &copy,
        "demo-de.xml.hpke",
        public_key,
        "tampered manifest",
    );
    // Another signature file.
    let copy = fresh("signature");
    std::fs::write(copy.join("manifest.sig"), "ocs-sig-2:AAAA\n").unwrap();
    refused(
        dir,
        &copy,
        "demo-de.xml.hpke",
        public_key,
        "forged signature",
    );
    // A file the manifest does not list, next to an intact copy.
    let copy = fresh("extra");
    std::fs::write(copy.join("extra.xml"), "<supportForm/>").unwrap();
    refused(dir, &copy, "demo-de.xml.hpke", public_key, "extra file");
    // Another listed file changed (not the one opened).
    let copy = fresh("changed");
    let mut bytes = std::fs::read(copy.join("demo-at.xml.hpke")).unwrap();
    bytes[20] ^= 1;
    std::fs::write(copy.join("demo-at.xml.hpke"), bytes).unwrap();
    refused(dir, &copy, "demo-de.xml.hpke", public_key, "changed file");
    // The opened file itself changed.
    let copy = fresh("opened");
    let mut bytes = std::fs::read(copy.join("demo-de.xml.hpke")).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(copy.join("demo-de.xml.hpke"), bytes).unwrap();
    refused(dir, &copy, "demo-de.xml.hpke", public_key, "changed copy");
    // A name the manifest lists no encrypted copy for (the folder itself verifies).
    let copy = fresh("unlisted");
    refused(dir, &copy, "demo-fr.xml.hpke", public_key, "no such copy");
}
