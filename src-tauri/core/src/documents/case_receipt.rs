//! The receipt (tanda terima) a complainant takes home: the registration number to quote by
//! phone or WhatsApp, when it was received and by when it will be answered. It fills the top
//! half of an A4 sheet, above a cut line, because office printers hold A4 only.

use super::fonts::Face;
use super::layout::{Align, Document, Margins, Orientation, PageSetup, Paper, TextStyle};
use super::person_data::draw_fields;
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::settings::letterhead::Letterhead;

#[derive(Debug, Clone)]
pub struct ReceiptData {
    /// "TANDA TERIMA PENGADUAN" or "… PERMINTAAN INFORMASI"
    pub title: String,
    pub reg_number: String,
    /// Label and value, in order: Diterima, Saluran, Pelapor, Uraian, Batas waktu jawaban …
    pub fields: Vec<(String, String)>,
    /// How to ask about progress (the office's phone and WhatsApp).
    pub contact_note: String,
    /// "Kupang, 30 November 2026"
    pub place_date: String,
    pub received_by: String,
}

/// The cut line: half of an A4 sheet.
pub const CUT_MM: f32 = 148.5;

const TITLE: TextStyle = TextStyle::new(Face::SansBold, 12.0);
const NUMBER: TextStyle = TextStyle::new(Face::SansBold, 16.0);
const NOTE: TextStyle = TextStyle::new(Face::SansRegular, 8.5);
const BODY: TextStyle = TextStyle::new(Face::SansRegular, 10.0);
const CUT: TextStyle = TextStyle::new(Face::SansRegular, 7.0);

fn page_setup() -> PageSetup {
    PageSetup {
        paper: Paper::A4,
        orientation: Orientation::Portrait,
        margins: Margins {
            top_mm: 10.0,
            right_mm: 18.0,
            bottom_mm: 10.0,
            left_mm: 20.0,
        },
        footer_mm: 0.0,
    }
}

/// Lays the receipt out; [`render`] turns it into PDF bytes.
pub fn layout(letterhead: &Letterhead, data: &ReceiptData) -> Result<Document> {
    let mut doc = Document::new(&format!("Tanda Terima {}", data.reg_number), page_setup());
    kop::draw(&mut doc, letterhead)?;
    doc.paragraph(TITLE, Align::Centre, &data.title);
    doc.advance(1.0);
    doc.paragraph(NUMBER, Align::Centre, &data.reg_number);
    doc.advance(3.0);
    draw_fields(&mut doc, &data.fields);
    doc.advance(1.0);
    doc.paragraph(NOTE, Align::Left, &data.contact_note);
    doc.advance(3.0);
    // The receiving officer signs at right.
    let setup = doc.setup();
    let column_x = setup.left_mm() + setup.content_width_mm() * 0.6;
    let column_width = setup.right_mm() - column_x;
    for (text, gap) in [
        (data.place_date.as_str(), 0.0),
        ("Petugas penerima,", 0.0),
        (data.received_by.as_str(), 12.0),
    ] {
        doc.advance(gap);
        let baseline = doc.cursor() + BODY.baseline_offset_mm();
        doc.page()
            .text_in(column_x, column_width, baseline, BODY, Align::Centre, text);
        doc.advance(BODY.line_height_mm());
    }
    draw_cut_line(&mut doc);
    Ok(doc)
}

fn draw_cut_line(doc: &mut Document) {
    let width = doc.setup().width_mm();
    let page = doc.page();
    let mut x = 5.0;
    while x < width - 5.0 {
        page.line((x, CUT_MM), ((x + 2.0).min(width - 5.0), CUT_MM), 0.3);
        x += 4.0;
    }
    page.text_in(
        0.0,
        width,
        CUT_MM - 1.5,
        CUT,
        Align::Centre,
        "gunting di sini",
    );
}

pub fn render(letterhead: &Letterhead, data: &ReceiptData) -> Result<Vec<u8>> {
    render_pdf(layout(letterhead, data)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::kop::tests::kupang;

    fn data(summary: &str) -> ReceiptData {
        ReceiptData {
            title: "TANDA TERIMA PENGADUAN".into(),
            reg_number: "PGD-2026-0042".into(),
            fields: vec![
                (
                    "Diterima".into(),
                    "Senin, 30 November 2026 pukul 09.15 WITA".into(),
                ),
                ("Saluran".into(), "WhatsApp".into()),
                ("Pelapor".into(), "Yuliana Nenobais".into()),
                ("Uraian".into(), summary.into()),
                ("Batas waktu jawaban".into(), "Rabu, 9 Desember 2026".into()),
            ],
            contact_note: "Sebutkan nomor registrasi saat menanyakan perkembangan melalui \
                           telepon/WhatsApp (0380) 821234. Layanan pengaduan tidak dipungut biaya."
                .into(),
            place_date: "Kupang, 30 November 2026".into(),
            received_by: "Resepsionis Kantor".into(),
        }
    }

    #[test]
    fn the_receipt_fits_above_the_cut_line() {
        // The summary is clipped by the caller; even a long one stays on the top half.
        let doc = layout(
            &kupang(),
            &data(&"Bantuan sembako lansia belum diterima. ".repeat(8)),
        )
        .unwrap();
        assert_eq!(doc.page_count(), 1);
        assert!(
            doc.cursor() < CUT_MM - 2.0,
            "content ends at {} mm",
            doc.cursor()
        );
        let texts = doc.pages()[0].texts().join("\n");
        for expected in [
            "PGD-2026-0042",
            "Batas waktu jawaban",
            "Rabu, 9 Desember 2026",
            "gunting",
        ] {
            assert!(texts.contains(expected), "{expected} missing in {texts}");
        }
        let bytes = render(&kupang(), &data("Singkat")).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
