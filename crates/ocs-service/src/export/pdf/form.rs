//! The forms (the Annex V cover, the Annex VII submission): A4 portrait, 10 pt text, wrapped.

use krilla::tagging::{Tag, TagGroup, TagTree};

use super::{
    Block, DocumentInfo, PdfError, PdfFont, Text, archival_document, finish, heading,
    page_settings, paragraph, rules,
};

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
