//! The PDFs an export hands to authorities: the printable Annex III lists, the Annex V cover
//! forms and the Annex VII submission. Authorities archive them, so every file is PDF/A-2b
//! (ISO 19005-2, level b), written by `krilla` with its PDF/A validator switched on: XMP
//! metadata with the PDF/A identification, an sRGB `OutputIntent`, device-independent colour,
//! and the TrueType font (`DejaVu Sans` by default, so Greek and Cyrillic names render)
//! embedded as a subset of the glyphs used, with a `ToUnicode` map so text can be searched and
//! extracted. The content is also tagged (headings, paragraphs, a table with header cells;
//! rules and repeated table headers are artifacts), so a reader can follow its structure.
//!
//! This module keeps its own small TrueType reader for the layout (advance widths and the
//! character map); krilla shapes and writes the text.
//!
//! Layout of the lists: A4 landscape, 8 pt text, the header row repeated on each page. The
//! forms: A4 portrait, 10 pt text, wrapped.

use std::num::NonZeroU16;

use krilla::Document;
use krilla::SerializeSettings;
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::TextDirection;
use zeroize::Zeroizing;

#[cfg(test)]
mod check;
mod font;
mod form;

#[cfg(test)]
pub(crate) use check::check_pdf_a_2b;
pub use font::{FontError, PdfFont};
pub use form::write_form;

/// Why a PDF could not be made. No variant carries document text.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// krilla's PDF/A-2b check refused the document (the validation errors, which name
    /// rules and glyph ids, never text).
    #[error("the document does not meet PDF/A-2b: {0}")]
    NotArchival(String),
    /// Building the page or the configuration failed.
    #[error("the PDF writer failed: {0}")]
    Writer(String),
}

/// One printable list.
pub struct AnnexList<'a> {
    /// Heading lines: the initiative's data.
    pub heading: Vec<String>,
    /// Column titles.
    pub columns: Vec<String>,
    /// Table rows (personal data; wiped after writing).
    pub rows: &'a [Vec<Zeroizing<String>>],
}

/// What every document says about itself (the XMP metadata and the catalog).
#[derive(Debug, Clone)]
pub struct DocumentInfo {
    /// The document title.
    pub title: String,
    /// The language of the text (BCP 47, e.g. `en`).
    pub language: String,
    /// When it was made: the export's or the request's time, never a clock read here.
    pub created: jiff::Timestamp,
}

/// One block of a form (Annex V cover, Annex VII submission).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; the first is the document title.
    Heading(String),
    /// A paragraph, wrapped to the page width.
    Paragraph(String),
    /// A numbered point: its label, then its value indented below.
    Field {
        /// What the point asks for.
        label: String,
        /// The answer, one paragraph per line.
        value: Vec<String>,
    },
    /// A line to sign or write on, with its caption under it.
    SignatureLine(String),
}

/// The blocks as plain text: headings underlined, fields with their values indented, a line
/// to sign on.
pub fn plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(title) => {
                out.push_str(title);
                out.push('\n');
                out.push_str(&"=".repeat(title.chars().count()));
                out.push('\n');
            }
            Block::Paragraph(text) => out.push_str(text),
            Block::Field { label, value } => {
                out.push_str(label);
                for line in value {
                    out.push_str("\n    ");
                    out.push_str(line);
                }
            }
            Block::SignatureLine(caption) => {
                out.push_str("\n\n________________________________________\n");
                out.push_str(caption);
            }
        }
        out.push_str("\n\n");
    }
    out
}

const PAGE_WIDTH: f32 = 842.0;
const PAGE_HEIGHT: f32 = 595.0;
const MARGIN: f32 = 36.0;
const SIZE: f32 = 8.0;
const LINE: f32 = 12.0;

/// Lays text out with the font's metrics and draws it through krilla, remembering the tag
/// identifier of each piece for the structure tree.
struct Text<'f> {
    font: &'f PdfFont,
    /// Height of the page in points: krilla measures y from the top.
    page_height: f32,
}

impl Text<'_> {
    /// Replaces what the font has no glyph for (PDF/A forbids showing `.notdef`) and control
    /// characters; the XML file keeps the exact value.
    fn printable(&self, text: &str) -> String {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| {
                if self.font.glyph(c) == 0 && c != ' ' {
                    '?'
                } else {
                    c
                }
            })
            .collect()
    }

    /// Width of `text` at 1 pt.
    fn natural(&self, text: &str) -> f32 {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| f32::from(self.font.width(self.font.glyph(c))) / 1000.0)
            .sum()
    }

    /// The longest prefix of `text` no wider than `max_width` at `size`.
    fn cut(&self, text: &str, size: f32, max_width: f32) -> String {
        let mut width = 0.0;
        let mut out = String::new();
        for character in self.printable(text).chars() {
            let advance = f32::from(self.font.width(self.font.glyph(character))) * size / 1000.0;
            if width + advance > max_width {
                break;
            }
            width += advance;
            out.push(character);
        }
        out
    }

    /// Splits `text` into lines no wider than `max_width` at `size`, at spaces where it can.
    fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in self.printable(text).split(' ') {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.natural(&candidate) * size <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line is cut into pieces.
            let mut rest = word.to_owned();
            while self.natural(&rest) * size > max_width {
                let piece = self.cut(&rest, size, max_width);
                if piece.is_empty() {
                    break;
                }
                rest = rest.chars().skip(piece.chars().count()).collect();
                lines.push(piece);
            }
            line = rest;
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Shows `text` with its baseline at (x, y) (y from the bottom, as in PDF), cut to
    /// `max_width` points, as a tagged span.
    fn show(
        &self,
        surface: &mut Surface<'_>,
        at: (f32, f32),
        size: f32,
        text: &str,
        max_width: f32,
    ) -> Identifier {
        let shown = self.cut(text, size, max_width);
        let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
        surface.draw_text(
            Point::from_xy(at.0, self.page_height - at.1),
            self.font.embedded.clone(),
            size,
            &shown,
            false,
            TextDirection::LeftToRight,
        );
        surface.end_tagged();
        id
    }

    /// Shows `text` as an artifact (a repeated table header), not in the structure.
    fn show_artifact(
        &self,
        surface: &mut Surface<'_>,
        at: (f32, f32),
        size: f32,
        text: &str,
        max_width: f32,
    ) {
        let shown = self.cut(text, size, max_width);
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::Header,
        )));
        surface.draw_text(
            Point::from_xy(at.0, self.page_height - at.1),
            self.font.embedded.clone(),
            size,
            &shown,
            false,
            TextDirection::LeftToRight,
        );
        surface.end_tagged();
    }
}

/// Strokes the given segments (rules and boxes) as an artifact.
fn rules(
    surface: &mut Surface<'_>,
    page_height: f32,
    width: f32,
    segments: &[(f32, f32, f32, f32)],
) {
    let mut path = PathBuilder::new();
    for &(x1, y1, x2, y2) in segments {
        path.move_to(x1, page_height - y1);
        path.line_to(x2, page_height - y2);
    }
    let Some(path) = path.finish() else { return };
    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
        ArtifactType::Other,
    )));
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        width,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
    surface.end_tagged();
}

/// Serialises the document as PDF/A-2b with its metadata and structure tree.
fn finish(mut document: Document, info: &DocumentInfo, tree: TagTree) -> Result<Vec<u8>, PdfError> {
    let created = info.created.to_zoned(jiff::tz::TimeZone::UTC);
    let byte = |value: i8| u8::try_from(value).unwrap_or(0);
    let date = DateTime::new(u16::try_from(created.year()).unwrap_or(2000))
        .month(byte(created.month()))
        .day(byte(created.day()))
        .hour(byte(created.hour()))
        .minute(byte(created.minute()))
        .second(byte(created.second()))
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    document.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .language(info.language.clone())
            .creator("OpenOCS".to_owned())
            .producer(format!("OpenOCS {} (krilla)", env!("CARGO_PKG_VERSION")))
            .creation_date(date),
    );
    document.set_tag_tree(tree.with_lang(Some(info.language.clone())));
    document.finish().map_err(|error| {
        // The variant's name only: its fields may quote a glyph of the document's text.
        let text = format!("{error:?}");
        let name = text
            .split(['(', ' ', '{'])
            .next()
            .unwrap_or("error")
            .to_owned();
        match error {
            krilla::error::KrillaError::Validation(errors) => PdfError::NotArchival(
                errors
                    .iter()
                    .map(|(error, _)| {
                        let text = format!("{error:?}");
                        text.split(['(', ' ', '{'])
                            .next()
                            .unwrap_or("error")
                            .to_owned()
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => PdfError::Writer(name),
        }
    })
}

/// A document configured for PDF/A-2b with tagging on.
fn archival_document() -> Result<Document, PdfError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|error| PdfError::Writer(format!("{error:?}")))?;
    Ok(Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    }))
}

fn page_settings(width: f32, height: f32) -> Result<PageSettings, PdfError> {
    PageSettings::from_wh(width, height).ok_or_else(|| PdfError::Writer("page size".to_owned()))
}

fn heading(level: u16, ids: Vec<Identifier>) -> TagGroup {
    let level = NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN);
    let mut group = TagGroup::new(Tag::Hn(level, None));
    for id in ids {
        group.push(id);
    }
    group
}

fn paragraph(ids: Vec<Identifier>) -> TagGroup {
    let mut group = TagGroup::new(Tag::P);
    for id in ids {
        group.push(id);
    }
    group
}

/// Writes the list as a PDF/A-2b document.
#[expect(
    clippy::too_many_lines,
    reason = "one layout pass over the pages, kept in one place"
)]
pub fn write(
    font: &PdfFont,
    info: &DocumentInfo,
    list: &AnnexList<'_>,
) -> Result<Zeroizing<Vec<u8>>, PdfError> {
    let text = Text {
        font,
        page_height: PAGE_HEIGHT,
    };
    // Each column as wide as its longest cell; the text size shrinks (down to 4 pt) until
    // the table fits the page, so no value is cut in the usual case.
    let padding = 4.0;
    let mut natural: Vec<f32> = list
        .columns
        .iter()
        .map(|title| text.natural(title))
        .collect();
    for row in list.rows {
        for (slot, value) in natural.iter_mut().zip(row.iter()) {
            *slot = slot.max(text.natural(value));
        }
    }
    let available = PAGE_WIDTH - 2.0 * MARGIN;
    let count = f32::from(u16::try_from(natural.len().max(1)).unwrap_or(u16::MAX));
    let sum: f32 = natural.iter().sum::<f32>().max(1.0);
    let size = ((available - padding * count) / sum).clamp(4.0, SIZE);
    let used: f32 = natural.iter().map(|n| n * size + padding).sum();
    let spare = ((available - used) / count).max(0.0);
    let mut edges = vec![MARGIN];
    for n in &natural {
        let previous = edges.last().copied().unwrap_or(MARGIN);
        edges.push(previous + n * size + padding + spare);
    }
    let column_x = |index: usize| edges.get(index).copied().unwrap_or(MARGIN);
    let column_width = |index: usize| column_x(index + 1) - column_x(index) - padding;
    let mut document = archival_document()?;
    let mut tree = TagTree::new();
    let mut table = TagGroup::new(Tag::Table);
    let mut body = TagGroup::new(Tag::TBody);
    let mut rows = list.rows.iter().peekable();
    let mut first = true;
    loop {
        let mut page = document.start_page_with(page_settings(PAGE_WIDTH, PAGE_HEIGHT)?);
        let mut surface = page.surface();
        let mut y = PAGE_HEIGHT - MARGIN;
        if first {
            for (index, line) in list.heading.iter().enumerate() {
                let size = if index == 0 { 12.0 } else { 9.0 };
                let id = text.show(&mut surface, (MARGIN, y), size, line, available);
                if index == 0 {
                    tree.push(heading(1, vec![id]));
                } else {
                    tree.push(paragraph(vec![id]));
                }
                y -= if index == 0 { 18.0 } else { LINE };
            }
            y -= LINE / 2.0;
        }
        let header_top = y + LINE - 3.0;
        let mut header = TagGroup::new(Tag::TR);
        for (index, title) in list.columns.iter().enumerate() {
            let at = (column_x(index) + 2.0, y);
            let width = column_width(index) + 1.0;
            if first {
                let mut cell = TagGroup::new(Tag::TH(krilla::tagging::TableHeaderScope::Column));
                cell.push(text.show(&mut surface, at, size, title, width));
                header.push(cell);
            } else {
                text.show_artifact(&mut surface, at, size, title, width);
            }
        }
        if first {
            let mut head = TagGroup::new(Tag::THead);
            head.push(header);
            table.push(head);
            first = false;
        }
        let mut segments = vec![(MARGIN, y - 4.0, PAGE_WIDTH - MARGIN, y - 4.0)];
        let mut thin = Vec::new();
        y -= LINE + 2.0;
        while let Some(row) = rows.peek() {
            if y < MARGIN {
                break;
            }
            let mut tr = TagGroup::new(Tag::TR);
            for (index, value) in row.iter().enumerate() {
                let mut cell = TagGroup::new(Tag::TD);
                let at = (column_x(index) + 2.0, y);
                cell.push(text.show(&mut surface, at, size, value, column_width(index) + 1.0));
                tr.push(cell);
            }
            body.push(tr);
            thin.push((MARGIN, y - 4.0, PAGE_WIDTH - MARGIN, y - 4.0));
            y -= LINE;
            rows.next();
        }
        let bottom = y + LINE - 4.0;
        segments.extend([
            (MARGIN, header_top, PAGE_WIDTH - MARGIN, header_top),
            (MARGIN, bottom, PAGE_WIDTH - MARGIN, bottom),
            (MARGIN, header_top, MARGIN, bottom),
            (PAGE_WIDTH - MARGIN, header_top, PAGE_WIDTH - MARGIN, bottom),
        ]);
        rules(&mut surface, PAGE_HEIGHT, 0.5, &segments);
        rules(&mut surface, PAGE_HEIGHT, 0.2, &thin);
        surface.finish();
        page.finish();
        if rows.peek().is_none() {
            break;
        }
    }
    table.push(body);
    tree.push(table);
    finish(document, info, tree).map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    #[test]
    fn dejavu_maps_latin_greek_and_cyrillic() {
        let Ok(data) = std::fs::read(DEJAVU) else {
            panic!("{DEJAVU} is missing: scripts/test installs fonts-dejavu-core");
        };
        let font = PdfFont::parse(data).unwrap();
        for character in ['A', 'é', 'Ω', 'Ж', 'ß'] {
            assert_ne!(font.glyph(character), 0, "{character}");
            assert!(font.width(font.glyph(character)) > 200);
        }
        assert!(PdfFont::parse(b"not a font".to_vec()).is_err());
    }
}
