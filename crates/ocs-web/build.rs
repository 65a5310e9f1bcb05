//! Finds every `locales/<lang>/<file>.ftl` and writes the table `i18n.rs` embeds, so a new
//! translation file is picked up without a code change; and prepares the static assets
//! (`static/`): content-hashed names, gzip and brotli copies compressed once here at the
//! highest levels, and the table `routes::assets` serves them from (issue 21, item 4).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    locales();
    assets();
}

fn locales() {
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

/// The assets and their media types; a file in `static/` not listed here is not served.
const ASSETS: &[(&str, &str)] = &[
    ("app.css", "text/css; charset=utf-8"),
    ("altcha.js", "text/javascript; charset=utf-8"),
];

/// Writes each asset under its hashed name with `.gz` and `.br` copies into `OUT_DIR`, and
/// `assets.rs`: one `pub const` path per asset (`APP_CSS`, `ALTCHA_JS`) for the templates
/// and the `STATIC_ASSETS` table.
fn assets() {
    use sha2::Digest as _;
    use std::io::Write as _;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("static");
    println!("cargo:rerun-if-changed={}", dir.display());
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let mut table = String::from(
        "/// Every static asset: logical name, hashed name, media type, plain, gzip, brotli.\n\
        pub const STATIC_ASSETS: &[StaticAsset] = &[\n",
    );
    let mut paths = String::new();
    for (name, content_type) in ASSETS {
        let source = dir.join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let text = std::fs::read_to_string(&source).unwrap_or_else(|e| fail(&source, &e));
        let body = minify(name, &text).into_bytes();
        let digest = sha2::Sha256::digest(&body);
        let short = digest.iter().take(5).fold(String::new(), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        });
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        let hashed = format!("{stem}.{short}.{extension}");
        let plain = out_dir.join(&hashed);
        write(&plain, &body);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&body).unwrap_or_else(|e| fail(&plain, &e));
        let gzip = gzip.finish().unwrap_or_else(|e| fail(&plain, &e));
        write(&out_dir.join(format!("{hashed}.gz")), &gzip);
        let mut brotli = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
            writer.write_all(&body).unwrap_or_else(|e| fail(&plain, &e));
        }
        write(&out_dir.join(format!("{hashed}.br")), &brotli);
        let constant = name.replace('.', "_").to_uppercase();
        let _ = writeln!(
            paths,
            "/// The served path of `static/{name}` (content-hashed, cached immutably).\n\
             pub const {constant}: &str = \"/static/{hashed}\";"
        );
        let include = |file: &str| {
            format!(
                "include_bytes!({:?})",
                out_dir.join(file).display().to_string()
            )
        };
        let _ = writeln!(
            table,
            "    StaticAsset {{ name: {name:?}, hashed: {hashed:?}, content_type: {content_type:?}, \
             plain: {}, gzip: {}, brotli: {} }},",
            include(&hashed),
            include(&format!("{hashed}.gz")),
            include(&format!("{hashed}.br")),
        );
    }
    table.push_str("];\n");
    write(
        &out_dir.join("assets.rs"),
        format!("{paths}\n{table}").as_bytes(),
    );
}

/// The asset as served: comments and indentation a browser does not need taken out, so a new
/// visitor downloads fewer bytes (issue 21, item 4). Deliberately plain rules, safe for these
/// two hand-written files: in CSS, comments go and whitespace around `{};,` and after `:` in
/// declarations; in JavaScript, whole comment lines and leading indentation (line breaks
/// stay, so no statement changes meaning). The sources stay readable.
fn minify(name: &str, text: &str) -> String {
    let extension = name.rsplit_once('.').map(|(_, e)| e);
    if extension == Some("css") {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("/*") {
            out.push_str(&rest[..start]);
            rest = rest[start..]
                .find("*/")
                .map_or("", |end| &rest[start + end + 2..]);
        }
        out.push_str(rest);
        let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut tight = String::with_capacity(collapsed.len());
        for c in collapsed.chars() {
            if matches!(c, '{' | '}' | ';' | ',') && tight.ends_with(' ') {
                tight.pop();
            }
            if c == ' ' && tight.ends_with(['{', '}', ';', ',']) {
                continue;
            }
            tight.push(c);
        }
        tight.replace(";}", "}").replace(": ", ":")
    } else if extension == Some("js") {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("//"))
            .map(tight_js_line)
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        text.to_owned()
    }
}

/// One line of the script without the spaces that separate no two words: a space stays only
/// between two identifier characters (`return n`, `var x`) and inside a `"` string. The script
/// has no `'` or template strings and no regular expression literal; a `+ +` or `- -` (which
/// this would join into `++` or `--`) is refused at build time.
fn tight_js_line(line: &str) -> String {
    assert!(
        !line.contains("+ +")
            && !line.contains("- -")
            && !line.contains('\'')
            && !line.contains('`'),
        "altcha.js: a construct the build-time minifier does not handle: {line}"
    );
    let word =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut in_string = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' && i.checked_sub(1).and_then(|j| chars.get(j)) != Some(&'\\') {
            in_string = !in_string;
        }
        if c == ' ' && !in_string && !(word(out.chars().last()) && word(chars.get(i + 1).copied()))
        {
            continue;
        }
        out.push(c);
    }
    out
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| fail(path, &e));
}

fn fail(path: &Path, error: &std::io::Error) -> ! {
    eprintln!("cannot read {}: {error}", path.display());
    std::process::exit(1);
}
