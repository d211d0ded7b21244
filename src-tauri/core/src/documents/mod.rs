//! The printed documents: PDF files laid out here, in the core, so the same input always
//! gives the same pages whatever computer prints them.
//!
//! - [`fonts`]: the embedded faces and text measuring.
//! - [`layout`]: paper, margins, wrapping and justification, pages with a top-down cursor.
//! - [`kop`]: the letterhead (kop surat) every official document starts with.
//! - [`table`]: tables that flow across pages with their header repeated.
//! - One file per document: [`guestbook_register`], [`person_data`], [`case_receipt`],
//!   [`reply_letter`], [`disposition_sheet`], [`letter_register`].
//!
//! A renderer takes plain data (labels already formatted, "printed at" included) and never
//! reads the clock, so a document can be reproduced and tested byte for byte.

pub mod case_receipt;
pub mod disposition_sheet;
pub mod fonts;
pub mod guestbook_register;
pub mod kop;
pub mod layout;
pub mod letter_register;
pub mod person_data;
pub mod recap;
pub mod reply_letter;
pub mod table;

use printpdf::{ImageCompression, ImageOptimizationOptions, PdfSaveOptions};

use crate::error::{Error, Result};

/// A PDF and the name it is offered under.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A name made safe for a file: ASCII letters, digits and single dashes.
pub(crate) fn file_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// "Dicetak … pukul … WITA oleh …", the line every printed list carries.
pub(crate) fn printed_label(now: chrono::DateTime<chrono::Utc>, by: &str) -> String {
    format!(
        "Dicetak {} pukul {} WITA oleh {}",
        crate::dates::format_long(crate::dates::wita_date(now)),
        crate::guestbook::time_label(now),
        by
    )
}

/// Writes a finished document as PDF bytes, with the fonts embedded as subsets.
pub fn render(document: layout::Document) -> Result<Vec<u8>> {
    let pdf = document.into_pdf();
    let options = PdfSaveOptions {
        subset_fonts: true,
        // Lossless pictures: an emblem must print as crisp as it was uploaded.
        image_optimization: Some(ImageOptimizationOptions {
            format: Some(ImageCompression::Flate),
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let bytes = pdf.save(&options, &mut warnings);
    if !bytes.starts_with(b"%PDF-") {
        return Err(failure("berkas PDF kosong"));
    }
    Ok(bytes)
}

/// A document that cannot be produced (a picture that does not decode, a PDF that does
/// not serialise) is the program's fault, not the user's: it is reported as an internal
/// error, whose detail goes to the log.
pub(crate) fn failure(detail: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("dokumen PDF tidak dapat dibuat: {detail}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::fonts::Face;
    use super::layout::{Align, Document, PageSetup, Paper, TextStyle};
    use super::*;

    fn sample(text: &str) -> layout::Document {
        let mut doc = Document::new("Uji", PageSetup::portrait(Paper::F4, 6.0));
        let body = TextStyle::new(Face::SerifRegular, 12.0);
        doc.paragraph(body.bold(), Align::Centre, "SURAT BALASAN");
        doc.paragraph(body, Align::Justify, text);
        doc.footer(
            TextStyle::new(Face::SansRegular, 8.0),
            "Dicetak oleh Admin Kantor",
        );
        doc
    }

    /// The bytes before the trailer's /ID, which printpdf fills with a per-call counter.
    fn without_file_id(bytes: &[u8]) -> &[u8] {
        let at = bytes
            .windows(3)
            .rposition(|w| w == b"/ID")
            .unwrap_or(bytes.len());
        &bytes[..at]
    }

    #[test]
    fn the_same_document_gives_the_same_bytes() {
        let text = "Dengan hormat, menindaklanjuti pengaduan Saudara. ".repeat(30);
        let first = render(sample(&text)).unwrap();
        let second = render(sample(&text)).unwrap();
        assert!(first.starts_with(b"%PDF-"));
        assert_eq!(without_file_id(&first), without_file_id(&second));
    }

    #[test]
    fn text_outside_the_fonts_does_not_break_the_file() {
        let odd =
            "Ketua RT: 漢字 🙂 مرحبا e\u{301} \u{0}\u{7}\t\u{200b}\u{feff} ﬁ — “kutipan” ‘satu’ …";
        let bytes = render(sample(odd)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
    }
}
