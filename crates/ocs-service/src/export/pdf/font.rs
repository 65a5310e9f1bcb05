//! The small TrueType reader the layout needs: advance widths and the character map, and the
//! same font as krilla embeds it.

use std::collections::BTreeMap;
use std::sync::Arc;

use krilla::text::Font;

/// Why a font cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("the font file is not a usable TrueType font: {0}")]
pub struct FontError(&'static str);

/// A parsed TrueType font: the file, glyph lookup and advance widths, and the same font as
/// krilla embeds it.
pub struct PdfFont {
    data: Arc<Vec<u8>>,
    pub(super) embedded: Font,
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
    pub(super) fn glyph(&self, character: char) -> u16 {
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
    pub(super) fn width(&self, glyph: u16) -> u16 {
        let raw = self
            .widths
            .get(usize::from(glyph))
            .or(self.widths.last())
            .copied()
            .unwrap_or(0);
        u16::try_from(u32::from(raw) * 1000 / u32::from(self.units_per_em)).unwrap_or(1000)
    }
}
