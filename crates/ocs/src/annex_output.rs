//! `ocs initiative annex-vii --text | --pdf FILE`: renders the Annex VII document the server
//! answers (JSON, `ocs-annex-vii-1`) on the operator's machine, as text or as a PDF/A-2b form.

use std::path::Path;

use anyhow::Context as _;
use ocs_service::export::pdf::PdfFont;
use ocs_service::retention::annex::AnnexVii;

/// Prints `json` as it is or as text, or writes it as a PDF to `pdf` (a new file).
pub fn print_or_write(
    json: &str,
    text: bool,
    pdf: Option<&Path>,
    font: &Path,
) -> anyhow::Result<()> {
    let document: AnnexVii =
        serde_json::from_str(json).context("the server's Annex VII document does not read")?;
    match pdf {
        Some(path) => {
            let data = std::fs::read(font).with_context(|| {
                format!(
                    "reading the PDF font {} (install fonts-dejavu-core, or give --font FILE.ttf)",
                    font.display()
                )
            })?;
            let font =
                PdfFont::parse(data).with_context(|| format!("the PDF font {}", font.display()))?;
            let created = ocs_service::Clock::now(&ocs_service::SystemClock);
            let bytes = document
                .to_pdf(&font, created)
                .context("writing the Annex VII PDF")?;
            let mut file = std::fs::File::options()
                .write(true)
                .create_new(true)
                .open(path)
                .with_context(|| format!("creating {} (it must not exist)", path.display()))?;
            std::io::Write::write_all(&mut file, &bytes)
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing {}", path.display()))?;
            println!(
                "written: {} ({} bytes, PDF/A-2b)",
                path.display(),
                bytes.len()
            );
        }
        None if text => println!("{}", crate::operator::terminal_safe(&document.to_text())),
        None => println!("{}", crate::operator::terminal_safe(json)),
    }
    Ok(())
}
