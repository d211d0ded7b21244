//! Page geometry, text measuring and wrapping, and a drawing surface over printpdf.
//!
//! Every length is in millimetres measured from the top-left corner of the sheet, the way a
//! form is described on paper; only font sizes and line thicknesses are in points. printpdf
//! measures from the bottom-left in points, and [`Page`] is the one place that converts.

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, Point, Pt, RawImage, Rect, TextItem, TextMatrix, XObject, XObjectId,
    XObjectTransform,
};

use super::fonts::{self, Face};
use crate::error::Result;

pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Line height as a multiple of the font size (single spacing in a word processor).
const LINE_SPACING: f32 = 1.2;

pub fn mm_to_pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

pub fn pt_to_mm(pt: f32) -> f32 {
    pt / PT_PER_MM
}

// --- Paper ---------------------------------------------------------------------------------

/// The sheets an Indonesian office prints on. F4 ("folio") is what many offices load in
/// their printers for letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    F4,
    /// Half an F4 sheet cut across (215 × 165 mm): the small disposition sheet.
    HalfF4,
}

impl Paper {
    /// Width and height in portrait, in millimetres.
    pub fn portrait_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::F4 => (215.0, 330.0),
            Paper::HalfF4 => (215.0, 165.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top_mm: f32,
    pub right_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub paper: Paper,
    pub orientation: Orientation,
    pub margins: Margins,
    /// Room kept free above the bottom margin for the footer (0 when there is none), so
    /// content never runs into it.
    pub footer_mm: f32,
}

impl PageSetup {
    /// Portrait with the margins of an official letter: the wider left margin is the
    /// binding side.
    pub fn portrait(paper: Paper, footer_mm: f32) -> Self {
        PageSetup {
            paper,
            orientation: Orientation::Portrait,
            margins: Margins {
                top_mm: 20.0,
                right_mm: 20.0,
                bottom_mm: 20.0,
                left_mm: 25.0,
            },
            footer_mm,
        }
    }

    /// A4 landscape with narrow margins, for registers with many columns.
    pub fn landscape_register() -> Self {
        PageSetup {
            paper: Paper::A4,
            orientation: Orientation::Landscape,
            margins: Margins {
                top_mm: 12.0,
                right_mm: 15.0,
                bottom_mm: 12.0,
                left_mm: 15.0,
            },
            footer_mm: 6.0,
        }
    }

    pub fn width_mm(&self) -> f32 {
        let (w, h) = self.paper.portrait_mm();
        match self.orientation {
            Orientation::Portrait => w,
            Orientation::Landscape => h,
        }
    }

    pub fn height_mm(&self) -> f32 {
        let (w, h) = self.paper.portrait_mm();
        match self.orientation {
            Orientation::Portrait => h,
            Orientation::Landscape => w,
        }
    }

    /// Left edge of the text area.
    pub fn left_mm(&self) -> f32 {
        self.margins.left_mm
    }

    /// Right edge of the text area.
    pub fn right_mm(&self) -> f32 {
        self.width_mm() - self.margins.right_mm
    }

    pub fn content_width_mm(&self) -> f32 {
        self.right_mm() - self.left_mm()
    }

    /// Where content starts on every page.
    pub fn top_mm(&self) -> f32 {
        self.margins.top_mm
    }

    /// The lowest point content may reach (above the footer).
    pub fn body_bottom_mm(&self) -> f32 {
        self.height_mm() - self.margins.bottom_mm - self.footer_mm
    }

    /// The baseline of the footer line, on the bottom margin.
    pub fn footer_baseline_mm(&self) -> f32 {
        self.height_mm() - self.margins.bottom_mm
    }
}

// --- Text ----------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub face: Face,
    pub size_pt: f32,
}

impl TextStyle {
    pub const fn new(face: Face, size_pt: f32) -> Self {
        Self { face, size_pt }
    }

    pub fn bold(self) -> Self {
        Self {
            face: self.face.bold(),
            ..self
        }
    }

    pub fn line_height_mm(self) -> f32 {
        pt_to_mm(self.size_pt * LINE_SPACING)
    }

    pub fn width_mm(self, text: &str) -> f32 {
        pt_to_mm(fonts::width_pt(self.face, self.size_pt, text))
    }

    /// From the top of a line box to the baseline: the glyphs sit centred in the line box,
    /// so two lines never touch whatever the font's ascent and descent.
    pub fn baseline_offset_mm(self) -> f32 {
        let ascent = fonts::ascent_pt(self.face, self.size_pt);
        let descent = fonts::descent_pt(self.face, self.size_pt);
        let leading = self.size_pt * LINE_SPACING - ascent - descent;
        pt_to_mm(leading / 2.0 + ascent)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
    /// Words spread so each line ends exactly at the right edge; the last line of each
    /// paragraph stays left-aligned, as in a typed letter.
    Justify,
}

/// Where a line may break: any white space except the no-break space, which joins what
/// must stay together ("No.\u{a0}2").
fn is_break(ch: char) -> bool {
    ch.is_whitespace() && ch != '\u{a0}'
}

/// One line of wrapped text. `ends_paragraph` marks the line before an explicit newline
/// (or the end), which justified text leaves ragged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub text: String,
    pub ends_paragraph: bool,
}

/// Breaks `text` into lines no wider than `max_width_mm`: at spaces where possible, inside a
/// word only when the word alone is too wide. Explicit newlines start a new line; runs of
/// spaces collapse to one; control characters are dropped. Always at least one line.
pub fn wrap(face: Face, size_pt: f32, text: &str, max_width_mm: f32) -> Vec<String> {
    wrap_lines(TextStyle::new(face, size_pt), text, max_width_mm)
        .into_iter()
        .map(|line| line.text)
        .collect()
}

/// [`wrap`], keeping where each paragraph ends.
pub fn wrap_lines(style: TextStyle, text: &str, max_width_mm: f32) -> Vec<WrappedLine> {
    let max_pt = mm_to_pt(max_width_mm);
    let advance =
        |ch: char| fonts::width_pt(style.face, style.size_pt, ch.encode_utf8(&mut [0; 4]));
    let space = advance(' ');
    let mut lines = Vec::new();
    for paragraph in text.split("\r\n").flat_map(|part| part.split(['\n', '\r'])) {
        let mut line = String::new();
        let mut line_pt = 0.0;
        for raw_word in paragraph.split(is_break) {
            let word: String = raw_word.chars().filter(|c| !c.is_control()).collect();
            if word.is_empty() {
                continue;
            }
            let word_pt: f32 = word.chars().map(advance).sum();
            if !line.is_empty() {
                if line_pt + space + word_pt <= max_pt {
                    line.push(' ');
                    line.push_str(&word);
                    line_pt += space + word_pt;
                    continue;
                }
                lines.push(WrappedLine {
                    text: std::mem::take(&mut line),
                    ends_paragraph: false,
                });
            }
            if word_pt <= max_pt {
                line = word;
                line_pt = word_pt;
                continue;
            }
            // Too wide even alone (a long e-mail address, a number without spaces): cut it
            // where the width runs out, keeping at least one character per line.
            for ch in word.chars() {
                let ch_pt = advance(ch);
                if !line.is_empty() && line_pt + ch_pt > max_pt {
                    lines.push(WrappedLine {
                        text: std::mem::take(&mut line),
                        ends_paragraph: false,
                    });
                    line_pt = 0.0;
                }
                line.push(ch);
                line_pt += ch_pt;
            }
        }
        lines.push(WrappedLine {
            text: line,
            ends_paragraph: true,
        });
    }
    lines
}

/// Where each word of `line` starts, in mm from the line's left edge, so the first word
/// starts at 0 and the last one ends exactly at `width_mm`. A single word starts at 0.
pub fn justify(style: TextStyle, line: &str, width_mm: f32) -> Vec<(f32, String)> {
    let words: Vec<&str> = line.split(is_break).filter(|w| !w.is_empty()).collect();
    if words.len() < 2 {
        return words.iter().map(|w| (0.0, (*w).to_owned())).collect();
    }
    let widths: Vec<f32> = words.iter().map(|w| style.width_mm(w)).collect();
    let gap = (width_mm - widths.iter().sum::<f32>()) / (words.len() - 1) as f32;
    let mut x = 0.0;
    let mut placed = Vec::with_capacity(words.len());
    for (index, (word, width)) in words.iter().zip(&widths).enumerate() {
        if index + 1 == words.len() {
            // Pinned to the edge, so rounding in the gaps cannot leave a ragged margin.
            x = width_mm - width;
        }
        placed.push((x, (*word).to_owned()));
        x += width + gap;
    }
    placed
}

/// `text` shortened with "…" so it fits `max_width_mm` on one line (for footers and other
/// single-line slots).
pub fn fit_line(style: TextStyle, text: &str, max_width_mm: f32) -> String {
    let flat = text
        .split(is_break)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if style.width_mm(&flat) <= max_width_mm {
        return flat;
    }
    let ellipsis = "…";
    let room = max_width_mm - style.width_mm(ellipsis);
    let mut kept = String::new();
    for ch in flat.chars() {
        kept.push(ch);
        if style.width_mm(&kept) > room {
            kept.pop();
            break;
        }
    }
    format!("{}{ellipsis}", kept.trim_end())
}

pub fn page_number_label(page: usize, total: usize) -> String {
    format!("Halaman {page} dari {total}")
}

// --- Page ----------------------------------------------------------------------------------

/// A picture added to a [`Document`], ready to be placed on any of its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageRef {
    index: usize,
    width_px: usize,
    height_px: usize,
}

impl ImageRef {
    /// The height the picture takes when drawn `width_mm` wide (aspect ratio kept).
    pub fn height_for_width(&self, width_mm: f32) -> f32 {
        width_mm * self.height_px as f32 / self.width_px as f32
    }

    pub fn width_for_height(&self, height_mm: f32) -> f32 {
        height_mm * self.width_px as f32 / self.height_px as f32
    }

    fn xobject_id(&self) -> XObjectId {
        image_id(self.index)
    }
}

/// The picture's resource name in the PDF: fixed, so the same input gives the same file.
fn image_id(index: usize) -> XObjectId {
    XObjectId(format!("Im{}", index + 1))
}

/// One sheet: the drawing operations in top-down millimetres.
#[derive(Debug, Clone)]
pub struct Page {
    width_mm: f32,
    height_mm: f32,
    ops: Vec<Op>,
    faces: BTreeSet<Face>,
}

impl Page {
    fn new(width_mm: f32, height_mm: f32) -> Self {
        Self {
            width_mm,
            height_mm,
            ops: Vec::new(),
            faces: BTreeSet::new(),
        }
    }

    fn point(&self, x_mm: f32, y_mm: f32) -> Point {
        Point {
            x: Pt(mm_to_pt(x_mm)),
            y: Pt(mm_to_pt(self.height_mm - y_mm)),
        }
    }

    /// `text` with its baseline at `baseline_mm`, starting at `x_mm`.
    pub fn text(&mut self, x_mm: f32, baseline_mm: f32, style: TextStyle, text: &str) {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        if clean.trim().is_empty() {
            return;
        }
        self.faces.insert(style.face);
        let pos = self.point(x_mm, baseline_mm);
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(FontId(style.face.name().to_owned())),
                size: Pt(style.size_pt),
            },
            Op::SetTextCursor { pos },
            Op::ShowText {
                items: vec![TextItem::Text(clean)],
            },
            Op::EndTextSection,
        ]);
    }

    /// One line aligned in the box from `x_mm` to `x_mm + width_mm`.
    pub fn text_in(
        &mut self,
        x_mm: f32,
        width_mm: f32,
        baseline_mm: f32,
        style: TextStyle,
        align: Align,
        text: &str,
    ) {
        match align {
            Align::Left => self.text(x_mm, baseline_mm, style, text),
            Align::Right => {
                let x = x_mm + width_mm - style.width_mm(text);
                self.text(x, baseline_mm, style, text);
            }
            Align::Centre => {
                let x = x_mm + (width_mm - style.width_mm(text)) / 2.0;
                self.text(x, baseline_mm, style, text);
            }
            Align::Justify => {
                for (dx, word) in justify(style, text, width_mm) {
                    self.text(x_mm + dx, baseline_mm, style, &word);
                }
            }
        }
    }

    /// Wrapped lines set one under the other from `top_mm`; returns the height used.
    pub fn lines_in(
        &mut self,
        x_mm: f32,
        width_mm: f32,
        top_mm: f32,
        style: TextStyle,
        align: Align,
        lines: &[WrappedLine],
    ) -> f32 {
        let line_height = style.line_height_mm();
        let baseline = style.baseline_offset_mm();
        for (index, line) in lines.iter().enumerate() {
            let align = match align {
                Align::Justify if line.ends_paragraph => Align::Left,
                other => other,
            };
            let top = top_mm + index as f32 * line_height;
            self.text_in(x_mm, width_mm, top + baseline, style, align, &line.text);
        }
        lines.len() as f32 * line_height
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness_pt: f32) {
        let points = vec![
            LinePoint {
                p: self.point(from.0, from.1),
                bezier: false,
            },
            LinePoint {
                p: self.point(to.0, to.1),
                bezier: false,
            },
        ];
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineThickness {
                pt: Pt(thickness_pt),
            },
            Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A filled rectangle; `grey` runs from 0 (black) to 1 (white).
    pub fn fill_rect(&mut self, x_mm: f32, y_mm: f32, width_mm: f32, height_mm: f32, grey: f32) {
        let bottom_left = self.point(x_mm, y_mm + height_mm);
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: bottom_left.x,
                    y: bottom_left.y,
                    width: Pt(mm_to_pt(width_mm)),
                    height: Pt(mm_to_pt(height_mm)),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// Draws `image` with its top-left corner at (`x_mm`, `y_mm`), `width_mm` wide; returns
    /// the height it took.
    pub fn image(&mut self, image: &ImageRef, x_mm: f32, y_mm: f32, width_mm: f32) -> f32 {
        let height_mm = image.height_for_width(width_mm);
        let bottom_left = self.point(x_mm, y_mm + height_mm);
        // At 72 dpi one pixel is one point; the scale then sets the printed size.
        self.ops.push(Op::UseXobject {
            id: image.xobject_id(),
            transform: XObjectTransform {
                translate_x: Some(bottom_left.x),
                translate_y: Some(bottom_left.y),
                scale_x: Some(mm_to_pt(width_mm) / image.width_px as f32),
                scale_y: Some(mm_to_pt(height_mm) / image.height_px as f32),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        height_mm
    }

    /// Large light-grey text across the page at `angle_deg` (counter-clockwise), centred on
    /// the sheet: the KONSEP mark of a draft. It goes under everything already drawn, so the
    /// letter's text stays readable through it.
    pub fn watermark(&mut self, style: TextStyle, grey: f32, angle_deg: f32, text: &str) {
        self.faces.insert(style.face);
        let width = style.width_mm(text);
        let (cx, cy) = (self.width_mm / 2.0, self.height_mm / 2.0);
        let rad = angle_deg.to_radians();
        // Start point so the text's middle (on its baseline, raised by a third of the size)
        // lands on the centre of the sheet.
        let rise = pt_to_mm(style.size_pt) / 3.0;
        let x = cx - (width / 2.0) * rad.cos() + rise * rad.sin();
        let y = cy + (width / 2.0) * rad.sin() + rise * rad.cos();
        let origin = self.point(x, y);
        self.ops.splice(
            0..0,
            [
                Op::SaveGraphicsState,
                Op::SetFillColor {
                    col: Color::Greyscale(Greyscale::new(grey, None)),
                },
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(FontId(style.face.name().to_owned())),
                    size: Pt(style.size_pt),
                },
                Op::SetTextMatrix {
                    matrix: TextMatrix::Raw([
                        rad.cos(),
                        rad.sin(),
                        -rad.sin(),
                        rad.cos(),
                        origin.x.0,
                        origin.y.0,
                    ]),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(text.to_owned())],
                },
                Op::EndTextSection,
                Op::RestoreGraphicsState,
            ],
        );
    }

    /// The text drawn on this page, in drawing order (for tests and checks).
    pub fn texts(&self) -> Vec<&str> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::ShowText { items } => items.iter().find_map(|item| match item {
                    TextItem::Text(text) => Some(text.as_str()),
                    _ => None,
                }),
                _ => None,
            })
            .collect()
    }
}

// --- Document ------------------------------------------------------------------------------

/// A document being laid out: pages, and a cursor (the y where the next block goes) that
/// moves down the current page and on to a new page when a block would not fit.
#[derive(Debug, Clone)]
pub struct Document {
    title: String,
    setup: PageSetup,
    pages: Vec<Page>,
    cursor_mm: f32,
    images: Vec<RawImage>,
}

impl Document {
    /// A document with one empty page and the cursor at its top margin.
    pub fn new(title: &str, setup: PageSetup) -> Self {
        let mut document = Self {
            title: title.to_owned(),
            setup,
            pages: Vec::new(),
            cursor_mm: 0.0,
            images: Vec::new(),
        };
        document.new_page();
        document
    }

    pub fn setup(&self) -> PageSetup {
        self.setup
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The page being filled.
    pub fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Any page already made (for page numbers and marks added at the end).
    pub fn page_at(&mut self, index: usize) -> &mut Page {
        &mut self.pages[index]
    }

    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Index (from 0) of the page being filled.
    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn cursor(&self) -> f32 {
        self.cursor_mm
    }

    pub fn set_cursor(&mut self, y_mm: f32) {
        self.cursor_mm = y_mm;
    }

    pub fn advance(&mut self, mm: f32) {
        self.cursor_mm += mm;
    }

    /// Height left on this page above the footer.
    pub fn space_left(&self) -> f32 {
        self.setup.body_bottom_mm() - self.cursor_mm
    }

    /// Whether nothing has been placed below the top margin yet.
    pub fn at_page_top(&self) -> bool {
        self.cursor_mm <= self.setup.top_mm() + 0.01
    }

    pub fn new_page(&mut self) {
        self.pages
            .push(Page::new(self.setup.width_mm(), self.setup.height_mm()));
        self.cursor_mm = self.setup.top_mm();
    }

    /// Starts a new page unless `height_mm` fits below the cursor; returns whether it did.
    /// A block taller than a whole page stays where it is: a new page would not help.
    pub fn ensure_space(&mut self, height_mm: f32) -> bool {
        if height_mm <= self.space_left() || self.at_page_top() {
            return false;
        }
        self.new_page();
        true
    }

    /// Wrapped text across the text area at the cursor, continuing on new pages as needed.
    pub fn paragraph(&mut self, style: TextStyle, align: Align, text: &str) {
        let (x, width) = (self.setup.left_mm(), self.setup.content_width_mm());
        for line in wrap_lines(style, text, width) {
            self.ensure_space(style.line_height_mm());
            let top = self.cursor_mm;
            let used =
                self.page()
                    .lines_in(x, width, top, style, align, std::slice::from_ref(&line));
            self.cursor_mm += used;
        }
    }

    /// A horizontal line across the text area at the cursor.
    pub fn rule(&mut self, thickness_pt: f32) {
        let (left, right, y) = (self.setup.left_mm(), self.setup.right_mm(), self.cursor_mm);
        self.page().line((left, y), (right, y), thickness_pt);
        self.cursor_mm += pt_to_mm(thickness_pt);
    }

    /// Decodes a PNG or JPEG picture so it can be placed on any page.
    pub fn add_image(&mut self, bytes: &[u8]) -> Result<ImageRef> {
        let mut warnings = Vec::new();
        let image = RawImage::decode_from_bytes(bytes, &mut warnings)
            .map_err(|e| super::failure(format!("gambar tidak dapat dibaca: {e}")))?;
        if image.width == 0 || image.height == 0 {
            return Err(super::failure("gambar tidak berukuran"));
        }
        let image_ref = ImageRef {
            index: self.images.len(),
            width_px: image.width,
            height_px: image.height,
        };
        self.images.push(image);
        Ok(image_ref)
    }

    /// Writes `left` and "Halaman X dari Y" on the bottom margin of every page, under a
    /// hairline. Call once, after all content, when the number of pages is known.
    pub fn footer(&mut self, style: TextStyle, left: &str) {
        let setup = self.setup;
        let total = self.pages.len();
        let baseline = setup.footer_baseline_mm();
        // The hairline sits halfway between the body and the footer's capitals.
        let text_top = baseline - pt_to_mm(fonts::ascent_pt(style.face, style.size_pt));
        let rule_y = (setup.body_bottom_mm() + text_top) / 2.0;
        for (index, page) in self.pages.iter_mut().enumerate() {
            let number = page_number_label(index + 1, total);
            let number_width = style.width_mm(&number);
            let room = setup.content_width_mm() - number_width - 5.0;
            let label = fit_line(style, left, room);
            page.line((setup.left_mm(), rule_y), (setup.right_mm(), rule_y), 0.4);
            page.text(setup.left_mm(), baseline, style, &label);
            page.text_in(
                setup.left_mm(),
                setup.content_width_mm(),
                baseline,
                style,
                Align::Right,
                &number,
            );
        }
    }

    /// The printpdf document: fonts (only the faces used), pictures and pages, all under
    /// fixed resource names so the same input gives the same file.
    pub(super) fn into_pdf(self) -> PdfDocument {
        let mut pdf = PdfDocument::new(&self.title);
        let faces: BTreeSet<Face> = self
            .pages
            .iter()
            .flat_map(|p| p.faces.iter().copied())
            .collect();
        for face in faces {
            let font = fonts::loaded(face).font.clone();
            pdf.resources
                .fonts
                .map
                .insert(FontId(face.name().to_owned()), PdfFont::new(font));
        }
        for (index, image) in self.images.into_iter().enumerate() {
            pdf.resources
                .xobjects
                .map
                .insert(image_id(index), XObject::Image(image));
        }
        pdf.pages = self
            .pages
            .into_iter()
            .map(|page| PdfPage::new(Mm(page.width_mm), Mm(page.height_mm), page.ops))
            .collect();
        pdf
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BODY: TextStyle = TextStyle::new(Face::SansRegular, 10.0);

    fn a4_portrait() -> PageSetup {
        PageSetup::portrait(Paper::A4, 6.0)
    }

    #[test]
    fn paper_sizes_and_orientation() {
        let mut setup = a4_portrait();
        assert_eq!((setup.width_mm(), setup.height_mm()), (210.0, 297.0));
        assert_eq!(setup.content_width_mm(), 165.0);
        setup.orientation = Orientation::Landscape;
        assert_eq!((setup.width_mm(), setup.height_mm()), (297.0, 210.0));
        setup.paper = Paper::F4;
        assert_eq!((setup.width_mm(), setup.height_mm()), (330.0, 215.0));
        assert_eq!(setup.body_bottom_mm(), 215.0 - 20.0 - 6.0);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_newlines() {
        let text = "Pengaduan bantuan PKH belum cair sejak bulan Agustus\nMohon ditindaklanjuti.";
        let lines = wrap(Face::SansRegular, 10.0, text, 50.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(
            lines.last().map(String::as_str),
            Some("Mohon ditindaklanjuti.")
        );
        assert_eq!(
            lines.join(" ").split_whitespace().count(),
            text.split_whitespace().count()
        );
        assert_eq!(wrap(Face::SansRegular, 10.0, "", 50.0), vec![String::new()]);
        assert_eq!(
            wrap(Face::SansRegular, 10.0, "a\n\nb", 50.0),
            ["a", "", "b"]
        );
        assert_eq!(wrap(Face::SansRegular, 10.0, "a\r\nb", 50.0), ["a", "b"]);
        assert_eq!(wrap(Face::SansRegular, 10.0, "  a \t  b  ", 50.0), ["a b"]);
        let street = "Jalan S. K. Lerik No.\u{a0}2";
        assert_eq!(
            wrap(Face::SansRegular, 10.0, street, 32.0).last().unwrap(),
            "No.\u{a0}2"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_by_characters() {
        let email = "kepala.bidang.rehabilitasi.sosial@kupangkota.go.id";
        let lines = wrap(Face::SansRegular, 10.0, email, 20.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(lines.concat(), email);
        for line in &lines {
            assert!(BODY.width_mm(line) <= 20.0 + 1e-3, "{line}");
        }
    }

    #[test]
    fn justified_words_end_exactly_at_the_margin() {
        let width = 120.0;
        let text = "Dengan hormat, menindaklanjuti pengaduan Saudara tentang bantuan sosial \
                    yang belum diterima, bersama ini kami sampaikan hal-hal sebagai berikut.";
        let lines = wrap_lines(BODY, text, width);
        assert!(lines.len() > 1);
        for line in lines.iter().filter(|l| !l.ends_paragraph) {
            let placed = justify(BODY, &line.text, width);
            let (first_x, _) = &placed[0];
            let (last_x, last_word) = placed.last().unwrap();
            assert_eq!(*first_x, 0.0);
            assert!((last_x + BODY.width_mm(last_word) - width).abs() < 1e-3);
            // Words never overlap: each starts after the previous one ends.
            for pair in placed.windows(2) {
                assert!(pair[1].0 > pair[0].0 + BODY.width_mm(&pair[0].1));
            }
        }
        assert_eq!(justify(BODY, "Hormat", width), [(0.0, "Hormat".to_owned())]);
        assert!(justify(BODY, "", width).is_empty());
    }

    #[test]
    fn the_last_line_of_a_justified_paragraph_stays_left() {
        let mut page = Page::new(210.0, 297.0);
        let lines = wrap_lines(BODY, "satu dua tiga empat lima enam tujuh delapan", 40.0);
        page.lines_in(25.0, 40.0, 20.0, BODY, Align::Justify, &lines);
        let last = lines.last().unwrap();
        // The last line is drawn as one run, the others word by word.
        assert!(page.texts().contains(&last.text.as_str()));
        assert!(!page.texts().contains(&lines[0].text.as_str()));
    }

    #[test]
    fn fit_line_shortens_with_an_ellipsis() {
        assert_eq!(fit_line(BODY, "Dicetak", 50.0), "Dicetak");
        let long = "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor ".repeat(5);
        let fitted = fit_line(BODY, &long, 60.0);
        assert!(fitted.ends_with('…'));
        assert!(BODY.width_mm(&fitted) <= 60.0);
    }

    #[test]
    fn paragraphs_flow_onto_new_pages_and_pages_are_numbered_afterwards() {
        let mut doc = Document::new("Uji", a4_portrait());
        let text = "Kalimat panjang tentang pelayanan publik. ".repeat(400);
        doc.paragraph(BODY, Align::Justify, &text);
        let pages = doc.page_count();
        assert!(pages >= 3, "{pages}");
        doc.footer(
            TextStyle::new(Face::SansRegular, 8.0),
            "Dicetak oleh Admin Kantor",
        );
        let first = format!("Halaman 1 dari {pages}");
        assert!(doc.pages()[0].texts().contains(&first.as_str()));
        let last = format!("Halaman {pages} dari {pages}");
        assert!(doc.pages()[pages - 1].texts().contains(&last.as_str()));
        // Nothing was set below the body's bottom.
        assert!(doc.cursor() <= doc.setup().body_bottom_mm());
    }

    #[test]
    fn ensure_space_breaks_only_when_needed() {
        let mut doc = Document::new("Uji", a4_portrait());
        assert!(!doc.ensure_space(500.0), "an empty page is never skipped");
        doc.advance(200.0);
        assert!(!doc.ensure_space(10.0));
        assert!(doc.ensure_space(100.0));
        assert_eq!((doc.page_count(), doc.cursor()), (2, 20.0));
    }

    fn max_line_width_ok(style: TextStyle, lines: &[String], max: f32) -> bool {
        lines
            .iter()
            .all(|l| l.chars().count() <= 1 || style.width_mm(l) <= max + 1e-3)
    }

    proptest! {
        #[test]
        fn wrap_never_panics(text in "\\PC{0,300}|(?s).{0,300}", width in -10.0f32..300.0, size in 1.0f32..40.0) {
            let lines = wrap(Face::SansRegular, size, &text, width);
            prop_assert!(!lines.is_empty());
            let _ = wrap(Face::SerifBold, size, &text, f32::NAN);
        }

        #[test]
        fn wrap_respects_width_and_keeps_every_character(
            text in "[a-zA-Z0-9 .,;:—()/\\n-]{0,400}|\\PC{0,200}",
            width in 5.0f32..200.0,
        ) {
            let style = TextStyle::new(Face::SansRegular, 9.0);
            let lines = wrap(style.face, style.size_pt, &text, width);
            prop_assert!(max_line_width_ok(style, &lines, width), "{lines:?}");
            let kept: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
            let given: String = text.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            prop_assert_eq!(kept, given);
        }
    }

    #[test]
    fn wrap_handles_a_huge_string() {
        let huge = "NIK5371012345678901".repeat(20_000);
        let lines = wrap(Face::SansRegular, 8.0, &huge, 30.0);
        assert!(lines.len() > 1000);
        assert_eq!(lines.concat().len(), huge.len());
    }
}
