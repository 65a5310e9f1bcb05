//! A minimal PDF writer for the printable Annex III lists: initiative data, then one table
//! row per statement with the state's fields. Pure Rust, no dependency: it embeds a TrueType
//! font (`DejaVu Sans` by default, so Greek and Cyrillic names render) as a `CIDFontType2` with
//! `Identity-H` encoding and a `ToUnicode` map, so the text can be searched and extracted.
//!
//! Layout: A4 landscape, 8 pt text, the header row repeated on each page.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use zeroize::Zeroizing;

/// Why a font cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("the font file is not a usable TrueType font: {0}")]
pub struct FontError(&'static str);

/// A parsed TrueType font: the file, glyph lookup and advance widths.
pub struct PdfFont {
    data: Vec<u8>,
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
        Ok(Self {
            data,
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

const PAGE_WIDTH: f32 = 842.0;
const PAGE_HEIGHT: f32 = 595.0;
const MARGIN: f32 = 36.0;
const SIZE: f32 = 8.0;
const LINE: f32 = 12.0;

struct Text<'f> {
    font: &'f PdfFont,
    used: BTreeMap<u16, char>,
}

impl Text<'_> {
    /// Width of `text` at 1 pt.
    fn natural(&self, text: &str) -> f32 {
        text.chars()
            .filter(|c| !c.is_control())
            .map(|c| f32::from(self.font.width(self.font.glyph(c))) / 1000.0)
            .sum()
    }

    /// Shows `text` at (x, y), cut to `max_width` points.
    fn show(&mut self, out: &mut String, x: f32, y: f32, size: f32, text: &str, max_width: f32) {
        let mut hex = String::new();
        let mut width = 0.0;
        for character in text.chars().filter(|c| !c.is_control()) {
            let glyph = self.font.glyph(character);
            let advance = f32::from(self.font.width(glyph)) * size / 1000.0;
            if width + advance > max_width {
                break;
            }
            width += advance;
            self.used.entry(glyph).or_insert(character);
            let _ = write!(hex, "{glyph:04X}");
        }
        let _ = writeln!(out, "BT /F1 {size} Tf {x:.1} {y:.1} Td <{hex}> Tj ET");
    }
}

/// Writes the list as a PDF document.
pub fn write(font: &PdfFont, list: &AnnexList<'_>) -> Zeroizing<Vec<u8>> {
    let mut text = Text {
        font,
        used: BTreeMap::new(),
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
    let mut pages: Vec<Zeroizing<String>> = Vec::new();
    let mut rows = list.rows.iter().peekable();
    let mut first = true;
    loop {
        let mut page = Zeroizing::new(String::new());
        let mut y = PAGE_HEIGHT - MARGIN;
        if first {
            for (index, line) in list.heading.iter().enumerate() {
                let size = if index == 0 { 12.0 } else { 9.0 };
                text.show(&mut page, MARGIN, y, size, line, PAGE_WIDTH - 2.0 * MARGIN);
                y -= if index == 0 { 18.0 } else { LINE };
            }
            y -= LINE / 2.0;
            first = false;
        }
        let header_top = y + LINE - 3.0;
        for (index, title) in list.columns.iter().enumerate() {
            let x = column_x(index);
            text.show(
                &mut page,
                x + 2.0,
                y,
                size,
                title,
                column_width(index) + 1.0,
            );
        }
        let _ = writeln!(
            page,
            "0.5 w {MARGIN} {:.1} m {:.1} {:.1} l S",
            y - 4.0,
            PAGE_WIDTH - MARGIN,
            y - 4.0
        );
        y -= LINE + 2.0;
        while let Some(row) = rows.peek() {
            if y < MARGIN {
                break;
            }
            for (index, value) in row.iter().enumerate() {
                let x = column_x(index);
                text.show(
                    &mut page,
                    x + 2.0,
                    y,
                    size,
                    value,
                    column_width(index) + 1.0,
                );
            }
            let _ = writeln!(
                page,
                "0.2 w {MARGIN} {:.1} m {:.1} {:.1} l S",
                y - 4.0,
                PAGE_WIDTH - MARGIN,
                y - 4.0
            );
            y -= LINE;
            rows.next();
        }
        let _ = writeln!(
            page,
            "0.5 w {MARGIN} {header_top:.1} {:.1} {:.1} re S",
            PAGE_WIDTH - 2.0 * MARGIN,
            y + LINE - 4.0 - header_top
        );
        pages.push(page);
        if rows.peek().is_none() {
            break;
        }
    }
    assemble(font, &text.used, &pages)
}

/// Puts the objects together: catalog, pages, font, content streams, cross-reference table.
fn assemble(
    font: &PdfFont,
    used: &BTreeMap<u16, char>,
    pages: &[Zeroizing<String>],
) -> Zeroizing<Vec<u8>> {
    // Objects: 1 catalog, 2 pages, 3 Type0 font, 4 CID font, 5 descriptor, 6 ToUnicode,
    // 7 font file, then per page: page object, content stream.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages.len())
        .map(|i| format!("{} 0 R", 8 + 2 * i))
        .collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            pages.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /OpenOCSFont /Encoding /Identity-H \
          /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
            .to_vec(),
    );
    let mut widths = String::new();
    for glyph in used.keys() {
        let _ = write!(widths, "{glyph} [{}] ", font.width(*glyph));
    }
    objects.push(
        format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /OpenOCSFont \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
             /FontDescriptor 5 0 R /CIDToGIDMap /Identity /DW 600 /W [{widths}] >>"
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /FontDescriptor /FontName /OpenOCSFont /Flags 32 \
          /FontBBox [-1100 -400 2000 1200] /ItalicAngle 0 /Ascent 930 /Descent -240 \
          /CapHeight 730 /StemV 80 /FontFile2 7 0 R >>"
            .to_vec(),
    );
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = used.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (glyph, character) in chunk {
            let mut units = [0u16; 2];
            let mut hex = String::new();
            for unit in character.encode_utf16(&mut units).iter() {
                let _ = write!(hex, "{unit:04X}");
            }
            let _ = writeln!(cmap, "<{glyph:04X}> <{hex}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    objects.push(stream("", cmap.as_bytes()));
    objects.push(stream(&format!("/Length1 {}", font.data.len()), &font.data));
    for (index, page) in pages.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                9 + 2 * index
            )
            .into_bytes(),
        );
        objects.push(stream("", page.as_bytes()));
    }
    let mut out = Zeroizing::new(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec());
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn stream(extra: &str, bytes: &[u8]) -> Vec<u8> {
    let mut object = format!("<< /Length {} {extra} >>\nstream\n", bytes.len()).into_bytes();
    object.extend_from_slice(bytes);
    object.extend_from_slice(b"\nendstream");
    object
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
