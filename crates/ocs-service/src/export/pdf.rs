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

use std::collections::BTreeMap;
use std::num::NonZeroU16;
use std::sync::Arc;

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
use krilla::text::{Font, TextDirection};
use zeroize::Zeroizing;

/// Why a font cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("the font file is not a usable TrueType font: {0}")]
pub struct FontError(&'static str);

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

/// A parsed TrueType font: the file, glyph lookup and advance widths, and the same font as
/// krilla embeds it.
pub struct PdfFont {
    data: Arc<Vec<u8>>,
    embedded: Font,
    units_per_em: u16,
    widths: Vec<u16>,
    cmap: Vec<(u32, u32, i32, Option<usize>)>,
}

impl std::fmt::Debug for PdfFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfFont")
            .field("bytes", &self.data.len())
            .finish_non_exhaustive()
    }
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *data.get(at)?,
        *data.get(at + 1)?,
        *data.get(at + 2)?,
        *data.get(at + 3)?,
    ]))
}

impl PdfFont {
    /// Parses a TrueType file (needs `head`, `hhea`, `hmtx` and a Unicode BMP `cmap`).
    pub fn parse(data: Vec<u8>) -> Result<Self, FontError> {
        let tables = u16_at(&data, 4).ok_or(FontError("no table directory"))?;
        let mut offsets = BTreeMap::new();
        for index in 0..usize::from(tables) {
            let record = 12 + index * 16;
            let tag = data
                .get(record..record + 4)
                .ok_or(FontError("table directory"))?;
            let offset = u32_at(&data, record + 8).ok_or(FontError("table directory"))?;
            offsets.insert(tag.to_vec(), offset as usize);
        }
        let table = |name: &[u8]| offsets.get(name).copied().ok_or(FontError("missing table"));
        let head = table(b"head")?;
        let units_per_em = u16_at(&data, head + 18).ok_or(FontError("head"))?;
        let hhea = table(b"hhea")?;
        let metrics = u16_at(&data, hhea + 34).ok_or(FontError("hhea"))?;
        let hmtx = table(b"hmtx")?;
        let widths = (0..usize::from(metrics))
            .map(|glyph| u16_at(&data, hmtx + glyph * 4).ok_or(FontError("hmtx")))
            .collect::<Result<Vec<_>, _>>()?;
        let cmap = table(b"cmap")?;
        let count = u16_at(&data, cmap + 2).ok_or(FontError("cmap"))?;
        let mut format4 = None;
        for index in 0..usize::from(count) {
            let record = cmap + 4 + index * 8;
            let platform = u16_at(&data, record).ok_or(FontError("cmap"))?;
            let encoding = u16_at(&data, record + 2).ok_or(FontError("cmap"))?;
            let offset = u32_at(&data, record + 4).ok_or(FontError("cmap"))? as usize;
            let sub = cmap + offset;
            if (platform == 3 && encoding == 1 || platform == 0) && u16_at(&data, sub) == Some(4) {
                format4 = Some(sub);
                break;
            }
        }
        let sub = format4.ok_or(FontError("no Unicode BMP cmap (format 4)"))?;
        let segments = usize::from(u16_at(&data, sub + 6).ok_or(FontError("cmap"))? / 2);
        let ends = sub + 14;
        let starts = ends + segments * 2 + 2;
        let deltas = starts + segments * 2;
        let ranges = deltas + segments * 2;
        let mut cmap_segments = Vec::with_capacity(segments);
        for segment in 0..segments {
            let end = u16_at(&data, ends + segment * 2).ok_or(FontError("cmap"))?;
            let start = u16_at(&data, starts + segment * 2).ok_or(FontError("cmap"))?;
            let delta = u16_at(&data, deltas + segment * 2).ok_or(FontError("cmap"))?;
            let range_at = ranges + segment * 2;
            let range = u16_at(&data, range_at).ok_or(FontError("cmap"))?;
            let range = (range != 0).then_some(range_at + usize::from(range));
            cmap_segments.push((
                u32::from(start),
                u32::from(end),
                i32::from(delta.cast_signed()),
                range,
            ));
        }
        let data = Arc::new(data);
        let embedded = Font::new(Arc::clone(&data).into(), 0)
            .ok_or(FontError("the PDF writer cannot read it"))?;
        Ok(Self {
            data,
            embedded,
            units_per_em: units_per_em.max(1),
            widths,
            cmap: cmap_segments,
        })
    }

    /// The glyph of a character (0, the missing glyph, if the font has none).
    fn glyph(&self, character: char) -> u16 {
        let code = u32::from(character);
        for &(start, end, delta, range) in &self.cmap {
            if code < start || code > end {
                continue;
            }
            let glyph = match range {
                None => i64::from(code) + i64::from(delta),
                Some(at) => {
                    let index = at + 2 * (code - start) as usize;
                    match u16_at(&self.data, index) {
                        Some(0) | None => 0,
                        Some(glyph) => i64::from(glyph) + i64::from(delta),
                    }
                }
            };
            return u16::try_from(glyph.rem_euclid(65_536)).unwrap_or(0);
        }
        0
    }

    /// Advance width of a glyph in thousandths of the font size.
    fn width(&self, glyph: u16) -> u16 {
        let raw = self
            .widths
            .get(usize::from(glyph))
            .or(self.widths.last())
            .copied()
            .unwrap_or(0);
        u16::try_from(u32::from(raw) * 1000 / u32::from(self.units_per_em)).unwrap_or(1000)
    }
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

/// A4 portrait, for the forms.
const FORM_WIDTH: f32 = 595.0;
const FORM_HEIGHT: f32 = 842.0;
const FORM_MARGIN: f32 = 56.0;
const FORM_SIZE: f32 = 10.0;
const FORM_LINE: f32 = 14.0;

/// A form block laid out: its lines (x offset, size, text), the space after it, and its kind
/// (0 paragraph, 1 title, 2 heading, 3 field, 4 signature line).
struct Laid {
    lines: Vec<(f32, f32, String)>,
    after: f32,
    kind: u8,
}

/// Wraps each block to `width`.
fn lay_out(text: &Text<'_>, blocks: &[Block], width: f32) -> Vec<Laid> {
    let indent = 18.0;
    let mut laid = Vec::with_capacity(blocks.len());
    for (index, block) in blocks.iter().enumerate() {
        let (lines, after, kind) = match block {
            Block::Heading(title) => {
                let size = if index == 0 { 14.0 } else { 12.0 };
                let lines = text
                    .wrap(title, size, width)
                    .into_iter()
                    .map(|l| (0.0, size, l))
                    .collect();
                (lines, FORM_LINE / 2.0, if index == 0 { 1 } else { 2 })
            }
            Block::Paragraph(body) => {
                let lines = text
                    .wrap(body, FORM_SIZE, width)
                    .into_iter()
                    .map(|l| (0.0, FORM_SIZE, l))
                    .collect();
                (lines, FORM_LINE / 2.0, 0)
            }
            Block::Field { label, value } => {
                let mut lines: Vec<(f32, f32, String)> = text
                    .wrap(label, FORM_SIZE, width)
                    .into_iter()
                    .map(|l| (0.0, FORM_SIZE, l))
                    .collect();
                for paragraph in value {
                    lines.extend(
                        text.wrap(paragraph, FORM_SIZE, width - indent)
                            .into_iter()
                            .map(|l| (indent, FORM_SIZE, l)),
                    );
                }
                (lines, FORM_LINE / 2.0, 3)
            }
            Block::SignatureLine(caption) => {
                let lines = text
                    .wrap(caption, 8.0, width)
                    .into_iter()
                    .map(|l| (0.0, 8.0, l))
                    .collect();
                (lines, FORM_LINE, 4)
            }
        };
        laid.push(Laid { lines, after, kind });
    }
    laid
}

/// Writes a form (a list of blocks) as a PDF/A-2b document, A4 portrait, wrapped and paged.
pub fn write_form(
    font: &PdfFont,
    info: &DocumentInfo,
    blocks: &[Block],
) -> Result<Vec<u8>, PdfError> {
    let text = Text {
        font,
        page_height: FORM_HEIGHT,
    };
    let width = FORM_WIDTH - 2.0 * FORM_MARGIN;
    let laid = lay_out(&text, blocks, width);
    let mut document = archival_document()?;
    let mut tree = TagTree::new();
    let mut pending = laid.iter().peekable();
    while pending.peek().is_some() {
        let mut page = document.start_page_with(page_settings(FORM_WIDTH, FORM_HEIGHT)?);
        let mut surface = page.surface();
        let mut y = FORM_HEIGHT - FORM_MARGIN;
        let mut placed_any = false;
        while let Some(block) = pending.peek() {
            let signature_space = if block.kind == 4 {
                3.0 * FORM_LINE
            } else {
                0.0
            };
            let count = f32::from(u16::try_from(block.lines.len()).unwrap_or(u16::MAX));
            let height = signature_space + count * FORM_LINE;
            // A block goes whole to the next page unless it alone is taller than a page.
            if placed_any && y - height < FORM_MARGIN {
                break;
            }
            placed_any = true;
            if block.kind == 4 {
                y -= signature_space;
                rules(
                    &mut surface,
                    FORM_HEIGHT,
                    0.5,
                    &[(FORM_MARGIN, y + 4.0, FORM_MARGIN + 240.0, y + 4.0)],
                );
                y -= 8.0;
            }
            let mut label = Vec::new();
            let mut value = Vec::new();
            for (x, size, line) in &block.lines {
                if y < FORM_MARGIN {
                    break;
                }
                let id = text.show(&mut surface, (FORM_MARGIN + x, y), *size, line, width - x);
                if block.kind == 3 && *x > 0.0 {
                    value.push(id);
                } else {
                    label.push(id);
                }
                y -= if *size > FORM_SIZE {
                    *size + 6.0
                } else {
                    FORM_LINE
                };
            }
            match block.kind {
                1 => tree.push(heading(1, label)),
                2 => tree.push(heading(2, label)),
                3 => {
                    let mut group = TagGroup::new(Tag::Div);
                    group.push(paragraph(label));
                    if !value.is_empty() {
                        group.push(paragraph(value));
                    }
                    tree.push(group);
                }
                _ => tree.push(paragraph(label)),
            }
            y -= block.after;
            pending.next();
        }
        surface.finish();
        page.finish();
    }
    finish(document, info, tree)
}

/// Test support: checks a produced file for the PDF/A-2b structures with the tools the test
/// machines have (veraPDF, a Java application, is not installable from the package sources
/// used here): `qpdf --check` for the file structure, `pdfinfo -meta` for the XMP PDF/A
/// identification and the tagging, `pdffonts` for fonts that are embedded and subset, and the
/// catalog's sRGB `OutputIntent`. Returns the text as `pdftotext` extracts it.
#[cfg(test)]
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
