//! The letter registers for a date range: the agenda of incoming letters (Surat Masuk), the
//! register of outgoing letters (Surat Keluar) and the dispatch book (buku ekspedisi, with a
//! column for the receiver's signature), A4 landscape with the letterhead, the header
//! repeated on every page and numbered pages.

use super::fonts::Face;
use super::layout::{Align, Document, PageSetup, TextStyle};
use super::table::{Column, Table};
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::settings::letterhead::Letterhead;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    Incoming,
    Outgoing,
    Dispatch,
}

#[derive(Debug, Clone)]
pub struct RegisterData {
    pub book: Book,
    /// "1 November 2026 – 30 November 2026"
    pub range_label: String,
    /// "Dicetak 30 November 2026 14.05 WITA oleh Admin Kantor"
    pub printed_label: String,
    /// Cells in the order of the book's columns.
    pub rows: Vec<Vec<String>>,
}

const TITLE: TextStyle = TextStyle::new(Face::SansBold, 12.0);
const SUBTITLE: TextStyle = TextStyle::new(Face::SansRegular, 10.0);
const HEADER: TextStyle = TextStyle::new(Face::SansBold, 8.0);
const BODY: TextStyle = TextStyle::new(Face::SansRegular, 8.0);
const FOOTER: TextStyle = TextStyle::new(Face::SansRegular, 7.5);

/// The columns of each book; the rows carry their cells in this order.
pub fn columns(book: Book) -> Vec<Column> {
    match book {
        Book::Incoming => vec![
            Column::fixed("No. Agenda", 18.0, Align::Right),
            Column::fixed("Diterima", 30.0, Align::Left),
            Column::share("Nomor dan tanggal surat", 1.0, Align::Left),
            Column::share("Pengirim", 1.1, Align::Left),
            Column::share("Perihal", 1.6, Align::Left),
            Column::fixed("Sifat", 20.0, Align::Left),
            Column::fixed("Klasifikasi", 18.0, Align::Left),
            Column::fixed("Pengaduan", 26.0, Align::Left),
        ],
        Book::Outgoing => vec![
            Column::fixed("No. Urut", 14.0, Align::Right),
            Column::share("Nomor surat", 1.0, Align::Left),
            Column::fixed("Tanggal", 30.0, Align::Left),
            Column::share("Kepada", 1.2, Align::Left),
            Column::share("Hal", 1.5, Align::Left),
            Column::share("Penanda tangan", 1.0, Align::Left),
            Column::fixed("Pengaduan", 26.0, Align::Left),
        ],
        Book::Dispatch => vec![
            Column::fixed("No.", 10.0, Align::Right),
            Column::fixed("Dikirim", 24.0, Align::Left),
            Column::share("Nomor dan tanggal surat", 1.1, Align::Left),
            Column::share("Kepada", 1.1, Align::Left),
            Column::share("Hal", 1.3, Align::Left),
            Column::fixed("Cara kirim", 24.0, Align::Left),
            Column::share("Dibawa oleh", 0.8, Align::Left),
            Column::share("Nama penerima", 0.9, Align::Left),
            Column::fixed("Tanda tangan penerima", 34.0, Align::Left),
        ],
    }
}

fn title(book: Book) -> &'static str {
    match book {
        Book::Incoming => "AGENDA SURAT MASUK",
        Book::Outgoing => "REGISTER SURAT KELUAR",
        Book::Dispatch => "BUKU EKSPEDISI SURAT KELUAR",
    }
}

fn empty_note(book: Book) -> &'static str {
    match book {
        Book::Incoming => "Tidak ada surat masuk pada rentang tanggal ini.",
        Book::Outgoing => "Tidak ada surat keluar pada rentang tanggal ini.",
        Book::Dispatch => "Tidak ada surat yang dikirim pada rentang tanggal ini.",
    }
}

pub fn layout(letterhead: &Letterhead, data: &RegisterData) -> Result<Document> {
    let mut doc = Document::new(
        &format!("{} {}", title(data.book), data.range_label),
        PageSetup::landscape_register(),
    );
    kop::draw(&mut doc, letterhead)?;
    doc.paragraph(TITLE, Align::Centre, title(data.book));
    doc.paragraph(SUBTITLE, Align::Centre, &data.range_label);
    doc.advance(4.0);
    Table::across(&doc, columns(data.book), HEADER, BODY).draw(
        &mut doc,
        &data.rows,
        empty_note(data.book),
    );
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

    #[test]
    fn both_books_print_their_columns_and_rows() {
        for book in [Book::Incoming, Book::Outgoing, Book::Dispatch] {
            let width = columns(book).len();
            let rows: Vec<Vec<String>> = (1..=80)
                .map(|n| (0..width).map(|c| format!("isi {n}-{c}")).collect())
                .collect();
            let data = RegisterData {
                book,
                range_label: "1 November 2026 – 30 November 2026".into(),
                printed_label: "Dicetak oleh Admin Kantor".into(),
                rows,
            };
            let doc = layout(&kupang(), &data).unwrap();
            assert!(doc.page_count() > 1);
            let texts = doc.pages()[0].texts();
            assert!(texts.contains(&title(book)));
            assert!(texts.contains(&"isi 1-0"));
            let empty = RegisterData {
                rows: Vec::new(),
                ..data
            };
            let doc = layout(&kupang(), &empty).unwrap();
            assert!(doc.pages()[0].texts().contains(&empty_note(book)));
        }
    }
}
