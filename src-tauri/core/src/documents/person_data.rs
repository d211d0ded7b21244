//! The export of everything the office keeps about one person, given to that person on
//! request (UU 27/2022 on personal data protection). Unlike the register it shows the NIK
//! in full: that is the point of the export, and the caller records it in the audit trail.

use super::fonts::Face;
use super::guestbook_register::RegisterRow;
use super::layout::{wrap_lines, Align, Document, PageSetup, Paper, TextStyle};
use super::table::{Column, Table};
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::settings::letterhead::Letterhead;

#[derive(Debug, Clone)]
pub struct PersonData {
    /// "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor"
    pub printed_label: String,
    /// Label and value, in the order to print: ("Nama", "…"), ("NIK", "5371…"), …
    pub fields: Vec<(String, String)>,
    /// The person's visits, newest first as the caller orders them; `time_in` may carry the
    /// date ("28/11/2026 08.05").
    pub visits: Vec<RegisterRow>,
}

pub const TITLE_TEXT: &str = "DATA PRIBADI YANG DISIMPAN";
pub const NO_VISITS: &str = "Tidak ada kunjungan yang tercatat.";

const TITLE: TextStyle = TextStyle::new(Face::SansBold, 12.0);
const NOTE: TextStyle = TextStyle::new(Face::SansRegular, 9.0);
const BODY: TextStyle = TextStyle::new(Face::SansRegular, 10.0);
const HEADING: TextStyle = TextStyle::new(Face::SansBold, 10.0);
const TABLE_HEADER: TextStyle = TextStyle::new(Face::SansBold, 8.5);
const TABLE_BODY: TextStyle = TextStyle::new(Face::SansRegular, 8.5);
const FOOTER: TextStyle = TextStyle::new(Face::SansRegular, 7.5);

/// Width of the label column of the key/value block, and the room for the colon after it.
const LABEL_MM: f32 = 48.0;
const COLON_MM: f32 = 4.0;

fn page_setup() -> PageSetup {
    PageSetup::portrait(Paper::A4, 8.0)
}

fn columns() -> Vec<Column> {
    vec![
        Column::fixed("Tanggal / Masuk", 26.0, Align::Left),
        Column::fixed("Keluar", 13.0, Align::Centre),
        Column::share("Keperluan", 1.4, Align::Left),
        Column::share("Diteruskan kepada", 1.0, Align::Left),
        Column::share("Hasil", 1.0, Align::Left),
    ]
}

/// "Nama : value" rows, the value wrapped beside its label; a row moves whole to the next
/// page when it does not fit.
pub(super) fn draw_fields(doc: &mut Document, fields: &[(String, String)]) {
    let left = doc.setup().left_mm();
    let value_x = left + LABEL_MM + COLON_MM;
    let value_width = doc.setup().right_mm() - value_x;
    for (label, value) in fields {
        let labels = wrap_lines(BODY, label, LABEL_MM - 2.0);
        let values = wrap_lines(BODY, value, value_width);
        let height = labels.len().max(values.len()) as f32 * BODY.line_height_mm();
        doc.ensure_space(height);
        let top = doc.cursor();
        let page = doc.page();
        page.lines_in(left, LABEL_MM - 2.0, top, BODY, Align::Left, &labels);
        page.text(left + LABEL_MM, top + BODY.baseline_offset_mm(), BODY, ":");
        page.lines_in(value_x, value_width, top, BODY, Align::Left, &values);
        doc.advance(height + 1.0);
    }
}

fn visit_cells(visit: &RegisterRow) -> Vec<String> {
    vec![
        visit.time_in.clone(),
        visit.time_out.clone(),
        visit.purpose.clone(),
        visit.routed_to.clone(),
        visit.outcome.clone(),
    ]
}

/// Lays the export out; [`render`] turns it into PDF bytes.
pub fn layout(letterhead: &Letterhead, data: &PersonData) -> Result<Document> {
    let mut doc = Document::new("Data Pribadi yang Disimpan", page_setup());
    kop::draw(&mut doc, letterhead)?;
    doc.paragraph(TITLE, Align::Centre, TITLE_TEXT);
    doc.paragraph(
        NOTE,
        Align::Centre,
        "berdasarkan Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi",
    );
    doc.advance(5.0);
    draw_fields(&mut doc, &data.fields);
    doc.advance(4.0);
    doc.ensure_space(HEADING.line_height_mm() * 3.0);
    doc.paragraph(HEADING, Align::Left, "Riwayat Kunjungan");
    doc.advance(1.5);
    let rows: Vec<Vec<String>> = data.visits.iter().map(visit_cells).collect();
    Table::across(&doc, columns(), TABLE_HEADER, TABLE_BODY).draw(&mut doc, &rows, NO_VISITS);
    doc.footer(FOOTER, &data.printed_label);
    Ok(doc)
}

pub fn render(letterhead: &Letterhead, data: &PersonData) -> Result<Vec<u8>> {
    render_pdf(layout(letterhead, data)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::kop::tests::kupang;

    fn person(visits: usize) -> PersonData {
        PersonData {
            printed_label: "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor".into(),
            fields: vec![
                ("Nama".into(), "Maria Goreti Bria".into()),
                ("NIK".into(), "5371014507850002".into()),
                ("Alamat".into(), "Jalan Timor Raya No. 17, RT 004/RW 002, Kelurahan Oesapa, Kecamatan Kelapa Lima, Kota Kupang, Nusa Tenggara Timur".into()),
                ("Nomor telepon".into(), "0812-3456-7890".into()),
            ],
            visits: (1..=visits)
                .map(|n| RegisterRow {
                    number: n,
                    time_in: format!("{:02}/11/2026 08.05", n % 28 + 1),
                    time_out: "08.40".into(),
                    name: "Maria Goreti Bria".into(),
                    id_masked: String::new(),
                    address: String::new(),
                    institution: String::new(),
                    purpose: "Pengaduan — bantuan PKH belum cair".into(),
                    routed_to: "Kepala Bidang Rehabilitasi Sosial".into(),
                    outcome: "Dijawab langsung (12 menit)".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn fields_then_visits() {
        let doc = layout(&kupang(), &person(3)).unwrap();
        let texts = doc.pages()[0].texts();
        let position = |wanted: &str| texts.iter().position(|t| *t == wanted).unwrap();
        assert!(position(TITLE_TEXT) < position("5371014507850002"));
        assert!(position("5371014507850002") < position("Riwayat Kunjungan"));
        assert!(position("Riwayat Kunjungan") < position("Tanggal / Masuk"));
        assert!(texts.contains(&"Halaman 1 dari 1"));
    }

    #[test]
    fn no_visits_and_many_visits() {
        let empty = layout(&kupang(), &person(0)).unwrap();
        assert!(empty.pages()[0].texts().contains(&NO_VISITS));
        let many = layout(&kupang(), &person(120)).unwrap();
        assert!(many.page_count() > 2);
        assert!(render(&kupang(), &person(120))
            .unwrap()
            .starts_with(b"%PDF-"));
    }
}
