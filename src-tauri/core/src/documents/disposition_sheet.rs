//! The disposition sheet (lembar disposisi) clipped to an incoming letter: printed with what
//! the register knows (sender, numbers, dates, sifat, subject) and boxes for the Head to tick
//! by hand (to whom, with which instruction), a space for notes and the paraf. A4 portrait,
//! or half a folio sheet (215 × 165 mm) as many offices cut them.

use super::fonts::Face;
use super::layout::{
    wrap_lines, Align, Document, Margins, Orientation, PageSetup, Paper, TextStyle,
};
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::settings::letterhead::Letterhead;

#[derive(Debug, Clone)]
pub struct SheetData {
    pub sender: String,
    pub letter_number: String,
    pub letter_date: String,
    pub received_date: String,
    pub agenda_number: String,
    /// The urgency code of the letter (biasa, segera, sangat_segera, rahasia).
    pub urgency: String,
    pub subject: String,
    /// "PGD-2026-0042" when the letter opened a case.
    pub case_reg_number: Option<String>,
    /// The officials the Head may tick: positions, in the office's order.
    pub recipients: Vec<String>,
    /// The instruction labels to tick.
    pub instructions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetPaper {
    A4,
    HalfFolio,
}

const URGENCIES: [(&str, &str); 4] = [
    ("sangat_segera", "Sangat Segera"),
    ("segera", "Segera"),
    ("rahasia", "Rahasia"),
    ("biasa", "Biasa"),
];

struct Sizes {
    title: TextStyle,
    body: TextStyle,
    note_lines: usize,
    box_mm: f32,
}

fn setup(paper: SheetPaper) -> (PageSetup, Sizes) {
    match paper {
        SheetPaper::A4 => (
            PageSetup {
                paper: Paper::A4,
                orientation: Orientation::Portrait,
                margins: Margins {
                    top_mm: 15.0,
                    right_mm: 15.0,
                    bottom_mm: 15.0,
                    left_mm: 20.0,
                },
                footer_mm: 0.0,
            },
            Sizes {
                title: TextStyle::new(Face::SansBold, 13.0),
                body: TextStyle::new(Face::SansRegular, 10.0),
                note_lines: 16,
                box_mm: 3.2,
            },
        ),
        SheetPaper::HalfFolio => (
            PageSetup {
                paper: Paper::HalfF4,
                orientation: Orientation::Portrait,
                margins: Margins {
                    top_mm: 8.0,
                    right_mm: 10.0,
                    bottom_mm: 8.0,
                    left_mm: 12.0,
                },
                footer_mm: 0.0,
            },
            Sizes {
                title: TextStyle::new(Face::SansBold, 11.0),
                body: TextStyle::new(Face::SansRegular, 8.0),
                note_lines: 3,
                box_mm: 2.6,
            },
        ),
    }
}

fn draw_box(doc: &mut Document, x: f32, y: f32, size: f32, ticked: bool) {
    let page = doc.page();
    page.line((x, y), (x + size, y), 0.5);
    page.line((x, y + size), (x + size, y + size), 0.5);
    page.line((x, y), (x, y + size), 0.5);
    page.line((x + size, y), (x + size, y + size), 0.5);
    if ticked {
        page.line((x + 0.5, y + 0.5), (x + size - 0.5, y + size - 0.5), 0.8);
        page.line((x + size - 0.5, y + 0.5), (x + 0.5, y + size - 0.5), 0.8);
    }
}

fn frame(doc: &mut Document, top: f32, bottom: f32) {
    let setup = doc.setup();
    let (left, right) = (setup.left_mm(), setup.right_mm());
    let page = doc.page();
    page.line((left, top), (right, top), 0.6);
    page.line((left, bottom), (right, bottom), 0.6);
    page.line((left, top), (left, bottom), 0.6);
    page.line((right, top), (right, bottom), 0.6);
}

/// "Label : value" pairs in a column starting at `x`, `width` wide; returns the height used.
fn fields(
    doc: &mut Document,
    body: TextStyle,
    x: f32,
    width: f32,
    top: f32,
    rows: &[(&str, &str)],
) -> f32 {
    let label_width = rows
        .iter()
        .map(|(l, _)| body.width_mm(l))
        .fold(0.0f32, f32::max)
        + 2.0;
    let value_x = x + label_width + 3.0;
    let value_width = width - label_width - 3.0;
    let mut y = top;
    for (label, value) in rows {
        let lines = wrap_lines(body, value, value_width);
        let page = doc.page();
        page.text(x, y + body.baseline_offset_mm(), body, label);
        page.text(x + label_width, y + body.baseline_offset_mm(), body, ":");
        y += page.lines_in(value_x, value_width, y, body, Align::Left, &lines);
    }
    y - top
}

pub fn layout(letterhead: &Letterhead, data: &SheetData, paper: SheetPaper) -> Result<Document> {
    let (page_setup, sizes) = setup(paper);
    let mut doc = Document::new(
        &format!("Lembar Disposisi {}", data.agenda_number),
        page_setup,
    );
    kop::draw(&mut doc, letterhead)?;
    let body = sizes.body;
    let line = body.line_height_mm();
    doc.paragraph(sizes.title, Align::Centre, "LEMBAR DISPOSISI");
    doc.advance(1.5);
    let (left, width) = (page_setup.left_mm(), page_setup.content_width_mm());
    let half = width / 2.0;
    let pad = 2.0;

    // The letter, as registered.
    let top = doc.cursor();
    let left_used = fields(
        &mut doc,
        body,
        left + pad,
        half - 2.0 * pad,
        top + pad,
        &[
            ("Surat dari", &data.sender),
            ("No. Surat", &data.letter_number),
            ("Tgl. Surat", &data.letter_date),
        ],
    );
    let case = data.case_reg_number.clone().unwrap_or_else(|| "-".into());
    let right_used = fields(
        &mut doc,
        body,
        left + half + pad,
        half - 2.0 * pad,
        top + pad,
        &[
            ("Diterima Tgl.", &data.received_date),
            ("No. Agenda", &data.agenda_number),
            ("No. Pengaduan", &case),
        ],
    );
    let mut y = top + pad + left_used.max(right_used);
    // Sifat: the one registered is ticked.
    let page_y = y + 0.5;
    doc.page().text(
        left + pad,
        page_y + body.baseline_offset_mm(),
        body,
        "Sifat",
    );
    let mut x = left + pad + body.width_mm("Sifat") + 6.0;
    for (code, label) in URGENCIES {
        draw_box(
            &mut doc,
            x,
            page_y + (line - sizes.box_mm) / 2.0,
            sizes.box_mm,
            data.urgency == code,
        );
        x += sizes.box_mm + 1.5;
        doc.page()
            .text(x, page_y + body.baseline_offset_mm(), body, label);
        x += body.width_mm(label) + 6.0;
    }
    y += line + 1.0;
    let used = fields(
        &mut doc,
        body,
        left + pad,
        width - 2.0 * pad,
        y,
        &[("Perihal", &data.subject)],
    );
    y += used + pad;
    frame(&mut doc, top, y);

    // To whom, and with which instruction: boxes to tick by hand.
    let top = y;
    let heading = body.bold();
    doc.page().text(
        left + pad,
        top + pad + heading.baseline_offset_mm(),
        heading,
        "Diteruskan kepada Sdr.:",
    );
    doc.page().text(
        left + half + pad,
        top + pad + heading.baseline_offset_mm(),
        heading,
        "Dengan hormat harap:",
    );
    let list_top = top + pad + line;
    let column = |doc: &mut Document, x: f32, items: &[String]| -> f32 {
        let mut y = list_top;
        for item in items {
            let lines = wrap_lines(body, item, half - 2.0 * pad - sizes.box_mm - 2.0);
            draw_box(doc, x, y + (line - sizes.box_mm) / 2.0, sizes.box_mm, false);
            y += doc.page().lines_in(
                x + sizes.box_mm + 2.0,
                half - 2.0 * pad - sizes.box_mm - 2.0,
                y,
                body,
                Align::Left,
                &lines,
            );
        }
        y
    };
    let left_end = column(&mut doc, left + pad, &data.recipients);
    let right_end = column(&mut doc, left + half + pad, &data.instructions);
    let bottom = left_end.max(right_end) + pad;
    frame(&mut doc, top, bottom);
    doc.page()
        .line((left + half, top), (left + half, bottom), 0.6);

    // Notes and the paraf, handwritten.
    let top = bottom;
    doc.page().text(
        left + pad,
        top + pad + heading.baseline_offset_mm(),
        heading,
        "Catatan:",
    );
    let mut y = top + pad + line;
    let paraf_x = left + width * 0.72;
    for _ in 0..sizes.note_lines {
        y += line * 1.4;
        doc.page().line((left + pad, y), (paraf_x - pad, y), 0.3);
    }
    let bottom = y + pad;
    doc.page().text(
        paraf_x + pad,
        top + pad + heading.baseline_offset_mm(),
        heading,
        "Paraf:",
    );
    doc.page().line((paraf_x, top), (paraf_x, bottom), 0.6);
    frame(&mut doc, top, bottom);
    doc.set_cursor(bottom);
    Ok(doc)
}

pub fn render(letterhead: &Letterhead, data: &SheetData, paper: SheetPaper) -> Result<Vec<u8>> {
    render_pdf(layout(letterhead, data, paper)?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::documents::kop::tests::kupang;

    pub(crate) fn sample() -> SheetData {
        SheetData {
            sender: "Ketua RT 03 Kelurahan Oesapa".into(),
            letter_number: "005/RT-03/XI/2026".into(),
            letter_date: "20 November 2026".into(),
            received_date: "23 November 2026".into(),
            agenda_number: "42".into(),
            urgency: "segera".into(),
            subject: "Permohonan penjelasan bantuan PKH warga yang belum cair".into(),
            case_reg_number: Some("PGD-2026-0042".into()),
            recipients: vec![
                "Sekretaris".into(),
                "Kepala Bidang Rehabilitasi Sosial".into(),
            ],
            instructions: crate::dispositions::INSTRUCTIONS
                .iter()
                .map(|(_, label)| (*label).to_owned())
                .collect(),
        }
    }

    #[test]
    fn both_papers_hold_the_whole_sheet_on_one_page() {
        for paper in [SheetPaper::A4, SheetPaper::HalfFolio] {
            let doc = layout(&kupang(), &sample(), paper).unwrap();
            assert_eq!(doc.page_count(), 1, "{paper:?}");
            assert!(
                doc.cursor() <= doc.setup().height_mm() - doc.setup().margins.bottom_mm,
                "{paper:?}: ends at {} mm",
                doc.cursor()
            );
            let texts = doc.pages()[0].texts().join(" ");
            for expected in [
                "LEMBAR DISPOSISI",
                "005/RT-03/XI/2026",
                "PGD-2026-0042",
                "Arsip",
                "Paraf:",
            ] {
                assert!(texts.contains(expected), "{paper:?}: {expected}");
            }
        }
    }
}
