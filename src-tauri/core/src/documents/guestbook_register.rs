//! The daily guest-book register (Buku Tamu harian): one A4 landscape table of the day's
//! visitors under the letterhead, for the office's paper archive and for inspection.
//! NIKs arrive masked; this document never sees a full one.

use serde::Serialize;

use super::fonts::Face;
use super::layout::{Align, Document, PageSetup, TextStyle};
use super::table::{Column, Table};
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::settings::letterhead::Letterhead;

#[derive(Debug, Clone, Serialize)]
pub struct RegisterRow {
    /// No
    pub number: usize,
    /// "08.05"
    pub time_in: String,
    /// "08.40", or "" while the visitor is still in.
    pub time_out: String,
    pub name: String,
    /// The card's kind and masked number, "NIK 5371**********12" or "SIM 1234********34",
    /// or "" — never a full number.
    pub id_masked: String,
    pub address: String,
    pub institution: String,
    /// "Pengaduan — bantuan PKH belum cair"
    pub purpose: String,
    /// "Kepala Bidang Rehabilitasi Sosial (Nama)"
    pub routed_to: String,
    /// "Dijawab langsung (12 menit)" etc.
    pub outcome: String,
}

#[derive(Debug, Clone)]
pub struct RegisterData {
    /// "Sabtu, 28 November 2026"
    pub date_label: String,
    /// "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor"
    pub printed_label: String,
    pub rows: Vec<RegisterRow>,
}

pub const EMPTY_DAY: &str = "Tidak ada tamu pada hari ini.";

const TITLE: TextStyle = TextStyle::new(Face::SansBold, 12.0);
const SUBTITLE: TextStyle = TextStyle::new(Face::SansRegular, 10.0);
const HEADER: TextStyle = TextStyle::new(Face::SansBold, 8.0);
const BODY: TextStyle = TextStyle::new(Face::SansRegular, 8.0);
const FOOTER: TextStyle = TextStyle::new(Face::SansRegular, 7.5);

fn page_setup() -> PageSetup {
    PageSetup::landscape_register()
}

/// Fixed columns hold short values (numbers, times); the rest share what is left in
/// proportion to how much text they usually carry.
fn columns() -> Vec<Column> {
    vec![
        Column::fixed("No", 9.0, Align::Right),
        Column::fixed("Masuk", 12.0, Align::Centre),
        Column::fixed("Keluar", 12.0, Align::Centre),
        Column::share("Nama / Identitas", 1.1, Align::Left),
        Column::share("Alamat", 1.0, Align::Left),
        Column::share("Instansi", 0.8, Align::Left),
        Column::share("Keperluan", 1.35, Align::Left),
        Column::share("Diteruskan kepada", 1.0, Align::Left),
        Column::share("Hasil", 1.0, Align::Left),
    ]
}

fn cells(row: &RegisterRow) -> Vec<String> {
    let name = match row.id_masked.trim() {
        "" => row.name.clone(),
        id => format!("{}\n{id}", row.name),
    };
    vec![
        row.number.to_string(),
        row.time_in.clone(),
        row.time_out.clone(),
        name,
        row.address.clone(),
        row.institution.clone(),
        row.purpose.clone(),
        row.routed_to.clone(),
        row.outcome.clone(),
    ]
}

/// Lays the register out; [`render`] turns it into PDF bytes.
pub fn layout(letterhead: &Letterhead, data: &RegisterData) -> Result<Document> {
    let mut doc = Document::new(&format!("Buku Tamu {}", data.date_label), page_setup());
    kop::draw(&mut doc, letterhead)?;
    doc.paragraph(TITLE, Align::Centre, "BUKU TAMU");
    doc.paragraph(SUBTITLE, Align::Centre, &data.date_label);
    doc.advance(4.0);
    let rows: Vec<Vec<String>> = data.rows.iter().map(cells).collect();
    Table::across(&doc, columns(), HEADER, BODY).draw(&mut doc, &rows, EMPTY_DAY);
    doc.footer(FOOTER, &data.printed_label);
    Ok(doc)
}

pub fn render(letterhead: &Letterhead, data: &RegisterData) -> Result<Vec<u8>> {
    render_pdf(layout(letterhead, data)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::kop::tests::kupang;

    fn row(number: usize) -> RegisterRow {
        RegisterRow {
            number,
            time_in: "08.05".into(),
            time_out: if number % 3 == 0 { String::new() } else { "08.40".into() },
            name: format!("Yohanes Maria Vianney Ndolu Fanggidae Tamu {number}"),
            id_masked: "NIK 5371**********12".into(),
            address: "Jalan Timor Raya No. 17, RT 004/RW 002, Kelurahan Oesapa, Kecamatan Kelapa Lima".into(),
            institution: "Lembaga Perlindungan Anak Nusa Tenggara Timur".into(),
            purpose: "Pengaduan — bantuan PKH belum cair sejak triwulan kedua; mohon penjelasan dan tindak lanjut".repeat(number % 4 + 1),
            routed_to: "Kepala Bidang Rehabilitasi Sosial (Maria Goreti Bria, S.Sos.)".into(),
            outcome: "Dijawab langsung (12 menit)".into(),
        }
    }

    fn data(rows: Vec<RegisterRow>) -> RegisterData {
        RegisterData {
            date_label: "Sabtu, 28 November 2026".into(),
            printed_label: "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor".into(),
            rows,
        }
    }

    #[test]
    fn five_hundred_long_rows_make_many_numbered_pages() {
        let doc = layout(&kupang(), &data((1..=500).map(row).collect())).unwrap();
        let pages = doc.page_count();
        assert!(pages > 20, "{pages}");
        let first = format!("Halaman 1 dari {pages}");
        assert!(doc.pages()[0].texts().contains(&first.as_str()));
        for page in doc.pages() {
            assert!(page.texts().contains(&"Keperluan"), "header on every page");
            assert!(page
                .texts()
                .contains(&"Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor"));
        }
        let bytes = render(&kupang(), &data((1..=500).map(row).collect())).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }

    #[test]
    fn an_empty_day_prints_one_note_row() {
        let doc = layout(&kupang(), &data(Vec::new())).unwrap();
        assert_eq!(doc.page_count(), 1);
        let texts = doc.pages()[0].texts();
        assert!(texts.contains(&EMPTY_DAY));
        assert!(texts.contains(&"BUKU TAMU"));
        assert!(texts.contains(&"Sabtu, 28 November 2026"));
        assert!(texts.contains(&"Halaman 1 dari 1"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]
        #[test]
        fn any_text_renders(texts in proptest::collection::vec("(?s).{0,120}", 9), rows in 0usize..30) {
            let rows = (1..=rows)
                .map(|number| RegisterRow {
                    number,
                    time_in: texts[0].clone(),
                    time_out: texts[1].clone(),
                    name: texts[2].clone(),
                    id_masked: texts[3].clone(),
                    address: texts[4].clone(),
                    institution: texts[5].clone(),
                    purpose: texts[6].clone(),
                    routed_to: texts[7].clone(),
                    outcome: texts[8].clone(),
                })
                .collect();
            let mut register = data(rows);
            register.date_label = texts[8].clone();
            register.printed_label = texts[2].repeat(5);
            proptest::prop_assert!(render(&kupang(), &register).unwrap().starts_with(b"%PDF-"));
        }
    }

    #[test]
    fn the_masked_nik_sits_under_the_name() {
        let doc = layout(&kupang(), &data(vec![row(1)])).unwrap();
        let texts = doc.pages()[0].texts();
        let nik = texts
            .iter()
            .position(|t| *t == "NIK 5371**********12")
            .unwrap();
        assert!(texts[nik - 1].starts_with("Yohanes") || texts[nik - 1].contains("Tamu"));
    }
}
