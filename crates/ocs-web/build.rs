//! Finds every `locales/<lang>/<file>.ftl` and writes the table `i18n.rs` embeds, so a new
//! translation file is picked up without a code change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    // A directory here makes cargo rerun the script when anything inside changes.
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    let languages = std::fs::read_dir(&root).unwrap_or_else(|e| fail(&root, &e));
    for language in languages {
        let language = language.unwrap_or_else(|e| fail(&root, &e)).path();
        if !language.is_dir() {
            continue;
        }
        let Some(lang) = language
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_owned)
        else {
            continue;
        };
        println!("cargo:rerun-if-changed={}", language.display());
        for file in std::fs::read_dir(&language).unwrap_or_else(|e| fail(&language, &e)) {
            let path = file.unwrap_or_else(|e| fail(&language, &e)).path();
            if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
                continue;
            }
            let Some(stem) = path.file_stem().and_then(|n| n.to_str()).map(str::to_owned) else {
                continue;
            };
            println!("cargo:rerun-if-changed={}", path.display());
            entries.push((lang.clone(), stem, path));
        }
    }
    entries.sort();
    let mut out = String::from("&[\n");
    for (lang, stem, path) in &entries {
        let _ = writeln!(
            out,
            "    ({lang:?}, {stem:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("]\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("locales.rs");
    std::fs::write(&target, out).unwrap_or_else(|e| fail(&target, &e));
}

fn fail(path: &Path, error: &std::io::Error) -> ! {
    eprintln!("cannot read {}: {error}", path.display());
    std::process::exit(1);
}
