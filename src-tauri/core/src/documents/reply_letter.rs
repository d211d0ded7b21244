//! The reply letter (surat dinas) as Permendagri 1/2023 lays it out: letterhead; place and
//! date at right, level with Nomor / Sifat / Lampiran / Hal at left; the `Yth.` block; the
//! body justified with first-line indents; the signature block (jabatan, room for the wet
//! signature, NAME bold underlined, rank, NIP), never left alone on a page; tembusan; on the
//! office copy the paraf column from the review trail; page numbers when it runs over a page.
//! A draft carries a KONSEP mark on every page.

use serde::{Deserialize, Serialize};

use super::fonts::Face;
use super::layout::{
    pt_to_mm, wrap_lines, Align, Document, Margins, Orientation, PageSetup, Paper, TextStyle,
    WrappedLine,
};
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::settings::letter_setup::LetterSetup;
use crate::settings::letterhead::Letterhead;

/// Everything the printed letter shows, already worded. A signed letter keeps this (and its
/// letterhead version) so it reprints the same years later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterPrint {
    /// "Kupang, 30 November 2026"
    pub place_date: String,
    pub number: String,
    pub sifat: String,
    /// "-" or "1 (satu) berkas"
    pub enclosures: String,
    pub subject: String,
    /// "Sdr. Yuliana Nenobais"
    pub addressee: String,
    pub addressee_address: String,
    /// The place under `di`.
    pub addressee_place: String,
    pub paragraphs: Vec<String>,
    pub signer: SignatureBlock,
    pub copies: Vec<String>,
    /// The paraf hierarki, in the order they initialled.
    pub initials: Vec<InitialRow>,
    pub setup: LetterSetup,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureBlock {
    /// ["a.n. KEPALA DINAS SOSIAL KOTA KUPANG", "SEKRETARIS,"]
    pub title_lines: Vec<String>,
    pub name: String,
    /// "Pembina Tingkat I (IV/b)"
    pub rank: String,
    /// "19680512 199403 1 004"
    pub nip: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitialRow {
    pub position: String,
    pub name: String,
    /// "30/11/2026 10.15"
    pub at: String,
}

/// Which sheet is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    /// Not signed yet: KONSEP on every page, the paraf column so far.
    Draft,
    /// The signed letter for the addressee: clean.
    Addressee,
    /// The signed letter kept in the office file, with the paraf column.
    Office,
}

/// First-line indent of a body paragraph.
const INDENT_MM: f32 = 12.5;
/// Room left for the wet signature (and the stamp over it).
const SIGNATURE_SPACE_MM: f32 = 22.0;
const LABEL_MM: f32 = 20.0;
const COLON_MM: f32 = 3.0;

struct Styles {
    body: TextStyle,
    small: TextStyle,
}

fn styles(setup: &LetterSetup) -> Styles {
    let face = if setup.font == "serif" {
        Face::SerifRegular
    } else {
        Face::SansRegular
    };
    let size = (setup.font_pt as f32).clamp(10.0, 14.0);
    Styles {
        body: TextStyle::new(face, size),
        small: TextStyle::new(face, (size - 2.0).max(8.0)),
    }
}

pub fn page_setup(setup: &LetterSetup) -> PageSetup {
    let margin = |mm: i64| (mm as f32).clamp(10.0, 50.0);
    PageSetup {
        paper: if setup.paper == "F4" {
            Paper::F4
        } else {
            Paper::A4
        },
        orientation: Orientation::Portrait,
        margins: Margins {
            top_mm: margin(setup.margin_top_mm),
            right_mm: margin(setup.margin_right_mm),
            bottom_mm: margin(setup.margin_bottom_mm),
            left_mm: margin(setup.margin_left_mm),
        },
        footer_mm: 0.0,
    }
}

/// A body line placed at `x_offset` from the left margin, `width` wide.
struct BodyLine {
    line: WrappedLine,
    x_offset: f32,
    width: f32,
    /// Extra space above it (between paragraphs).
    gap_before: f32,
}

/// The paragraph's lines: the first one indented; lines after a typed line break (a list
/// inside a paragraph) start at the margin.
fn paragraph_lines(style: TextStyle, text: &str, width: f32) -> Vec<BodyLine> {
    let mut out = Vec::new();
    for (index, segment) in text.split('\n').enumerate() {
        let indent = if index == 0 { INDENT_MM } else { 0.0 };
        // Words as the wrapper sees them (a no-break space keeps joining its neighbours),
        // so the first line is a prefix of this text and the rest follows it exactly.
        let normalised = segment
            .split(|c: char| c.is_whitespace() && c != '\u{a0}')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let first = wrap_lines(style, &normalised, width - indent)
            .into_iter()
            .next()
            .unwrap_or(WrappedLine {
                text: String::new(),
                ends_paragraph: true,
            });
        let Some(rest) = normalised
            .strip_prefix(first.text.as_str())
            .map(|rest| rest.trim_start_matches(' ').to_owned())
        else {
            // Never expected; if the wrapper ever changed the words, print the segment
            // unindented rather than lose any of it.
            out.extend(
                wrap_lines(style, &normalised, width)
                    .into_iter()
                    .map(|line| BodyLine {
                        line,
                        x_offset: 0.0,
                        width,
                        gap_before: 0.0,
                    }),
            );
            continue;
        };
        let first_ends = rest.is_empty();
        out.push(BodyLine {
            line: WrappedLine {
                text: first.text,
                ends_paragraph: first_ends,
            },
            x_offset: indent,
            width: width - indent,
            gap_before: 0.0,
        });
        if !first_ends {
            for line in wrap_lines(style, &rest, width) {
                out.push(BodyLine {
                    line,
                    x_offset: 0.0,
                    width,
                    gap_before: 0.0,
                });
            }
        }
    }
    out
}

/// Lays the letter out; [`render`] turns it into PDF bytes.
pub fn layout(letterhead: &Letterhead, letter: &LetterPrint, copy: Copy) -> Result<Document> {
    let setup = page_setup(&letter.setup);
    let Styles { body, small } = styles(&letter.setup);
    let title = if letter.number.is_empty() {
        format!("Konsep — {}", letter.subject)
    } else {
        format!("Surat {} — {}", letter.number, letter.subject)
    };
    let mut doc = Document::new(&title, setup);
    kop::draw(&mut doc, letterhead)?;
    let (left, width) = (setup.left_mm(), setup.content_width_mm());
    let line = body.line_height_mm();

    // Place and date at right, level with the number block at left.
    let date_x = left + width * 0.58;
    let top = doc.cursor();
    doc.page().text_in(
        date_x,
        setup.right_mm() - date_x,
        top + body.baseline_offset_mm(),
        body,
        Align::Left,
        &letter.place_date,
    );
    let value_x = left + LABEL_MM + COLON_MM;
    let value_width = date_x - 4.0 - value_x;
    let dash = |text: &str| {
        if text.trim().is_empty() {
            "-".to_owned()
        } else {
            text.to_owned()
        }
    };
    let mut y = top;
    for (label, value) in [
        ("Nomor", dash(&letter.number)),
        ("Sifat", dash(&letter.sifat)),
        ("Lampiran", dash(&letter.enclosures)),
        ("Hal", dash(&letter.subject)),
    ] {
        let values = wrap_lines(body, &value, value_width);
        let page = doc.page();
        page.text(left, y + body.baseline_offset_mm(), body, label);
        page.text(left + LABEL_MM, y + body.baseline_offset_mm(), body, ":");
        y += page.lines_in(value_x, value_width, y, body, Align::Left, &values);
    }
    doc.set_cursor(y + line);

    // Yth. block.
    let yth = "Yth. ";
    let yth_width = body.width_mm(yth);
    let mut address_lines = wrap_lines(body, &letter.addressee, width - yth_width);
    for part in letter
        .addressee_address
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        address_lines.extend(wrap_lines(body, part, width - yth_width));
    }
    let y = doc.cursor();
    doc.page()
        .text(left, y + body.baseline_offset_mm(), body, yth.trim_end());
    let used = doc.page().lines_in(
        left + yth_width,
        width - yth_width,
        y,
        body,
        Align::Left,
        &address_lines,
    );
    doc.advance(used);
    let y = doc.cursor();
    doc.page()
        .text(left, y + body.baseline_offset_mm(), body, "di");
    doc.advance(line);
    let place = if letter.addressee_place.trim().is_empty() {
        "Tempat"
    } else {
        letter.addressee_place.trim()
    };
    let y = doc.cursor();
    doc.page()
        .text(left + yth_width, y + body.baseline_offset_mm(), body, place);
    doc.advance(line * 2.0);

    // Body: every line of every paragraph, with a blank half line between paragraphs.
    let mut lines: Vec<BodyLine> = Vec::new();
    for paragraph in letter.paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        let mut these = paragraph_lines(body, paragraph, width);
        if let (Some(first), false) = (these.first_mut(), lines.is_empty()) {
            first.gap_before = line * 0.5;
        }
        lines.extend(these);
    }

    // The signature block moves to a new page only with the last lines of the body, so it is
    // never alone on a page.
    let signature_height = signature_height(body, &letter.signer);
    let kept = lines.len().min(2);
    let split = lines.len() - kept;
    for body_line in &lines[..split] {
        place_line(&mut doc, body, left, body_line);
    }
    let tail_height: f32 = lines[split..]
        .iter()
        .map(|l| l.gap_before + line)
        .sum::<f32>()
        + signature_height;
    doc.ensure_space(tail_height);
    for body_line in &lines[split..] {
        place_line(&mut doc, body, left, body_line);
    }
    draw_signature(&mut doc, body, &letter.signer);

    if !letter.copies.is_empty() {
        draw_copies(&mut doc, small, &letter.copies);
    }
    if copy != Copy::Addressee && !letter.initials.is_empty() {
        draw_initials(&mut doc, small, &letter.initials);
    }
    if doc.page_count() > 1 {
        number_pages(&mut doc, small);
    }
    if copy == Copy::Draft {
        mark_draft(&mut doc);
    }
    Ok(doc)
}

fn place_line(doc: &mut Document, body: TextStyle, left: f32, body_line: &BodyLine) {
    let line = body.line_height_mm();
    doc.ensure_space(body_line.gap_before + line);
    if !doc.at_page_top() {
        doc.advance(body_line.gap_before);
    }
    let top = doc.cursor();
    doc.page().lines_in(
        left + body_line.x_offset,
        body_line.width,
        top,
        body,
        Align::Justify,
        std::slice::from_ref(&body_line.line),
    );
    doc.advance(line);
}

fn signature_height(body: TextStyle, signer: &SignatureBlock) -> f32 {
    let line = body.line_height_mm();
    line + signer.title_lines.len() as f32 * line + SIGNATURE_SPACE_MM + 3.0 * line
}

/// The signature block sits in the right half: jabatan, room to sign, name, rank, NIP.
fn draw_signature(doc: &mut Document, body: TextStyle, signer: &SignatureBlock) {
    let setup = doc.setup();
    let line = body.line_height_mm();
    // The right half, widened to the left when a title line ("a.n. KEPALA DINAS SOSIAL KOTA
    // KUPANG") would otherwise wrap.
    let longest = signer
        .title_lines
        .iter()
        .map(|t| body.width_mm(t))
        .fold(0.0f32, f32::max);
    let content = setup.content_width_mm();
    let width = (longest + 2.0).clamp(content * 0.5, content * 0.7);
    let x = setup.right_mm() - width;
    doc.advance(line);
    for title in &signer.title_lines {
        for wrapped in wrap_lines(body, title, width) {
            let y = doc.cursor();
            doc.page().text_in(
                x,
                width,
                y + body.baseline_offset_mm(),
                body,
                Align::Centre,
                &wrapped.text,
            );
            doc.advance(line);
        }
    }
    doc.advance(SIGNATURE_SPACE_MM);
    let bold = body.bold();
    let name = signer.name.to_uppercase();
    let y = doc.cursor() + bold.baseline_offset_mm();
    doc.page().text_in(x, width, y, bold, Align::Centre, &name);
    // Underlined, as the name under a signature is.
    let name_width = bold.width_mm(&name).min(width);
    let start = x + (width - name_width) / 2.0;
    let underline_y = y + pt_to_mm(bold.size_pt) * 0.15;
    doc.page()
        .line((start, underline_y), (start + name_width, underline_y), 0.6);
    doc.advance(line);
    for text in [signer.rank.clone(), format!("NIP. {}", signer.nip)] {
        if text.trim().is_empty() || text.trim() == "NIP." {
            continue;
        }
        let y = doc.cursor();
        doc.page().text_in(
            x,
            width,
            y + body.baseline_offset_mm(),
            body,
            Align::Centre,
            &text,
        );
        doc.advance(line);
    }
}

fn draw_copies(doc: &mut Document, style: TextStyle, copies: &[String]) {
    let setup = doc.setup();
    let (left, width) = (setup.left_mm(), setup.content_width_mm());
    let line = style.line_height_mm();
    doc.advance(line);
    doc.ensure_space(line * 2.0);
    let y = doc.cursor();
    doc.page()
        .text(left, y + style.baseline_offset_mm(), style, "Tembusan:");
    doc.advance(line);
    let number_width = style.width_mm("10. ");
    for (index, copy) in copies.iter().enumerate() {
        let wrapped = wrap_lines(style, copy, width - number_width);
        doc.ensure_space(wrapped.len() as f32 * line);
        let y = doc.cursor();
        let page = doc.page();
        page.text(
            left,
            y + style.baseline_offset_mm(),
            style,
            &format!("{}.", index + 1),
        );
        let used = page.lines_in(
            left + number_width,
            width - number_width,
            y,
            style,
            Align::Left,
            &wrapped,
        );
        doc.advance(used);
    }
}

/// The paraf column: who initialled the draft, in order, for the office's file.
fn draw_initials(doc: &mut Document, style: TextStyle, rows: &[InitialRow]) {
    let setup = doc.setup();
    let left = setup.left_mm();
    let line = style.line_height_mm();
    let row_height = line + 2.0;
    // Narrowed with the text area when wide margins leave less room than the usual 152 mm.
    let scale = (setup.content_width_mm() / 152.0).min(1.0);
    let widths = [8.0, 64.0, 50.0, 30.0].map(|w: f32| w * scale);
    let total: f32 = widths.iter().sum();
    let height = line + row_height * (rows.len() + 1) as f32;
    doc.advance(line);
    doc.ensure_space(height);
    let y = doc.cursor();
    doc.page().text(
        left,
        y + style.baseline_offset_mm(),
        style.bold(),
        "Paraf hierarki",
    );
    doc.advance(line);
    let header = ["No.", "Jabatan", "Nama", "Paraf"];
    let mut cells: Vec<[String; 4]> = vec![header.map(str::to_owned)];
    for (index, row) in rows.iter().enumerate() {
        cells.push([
            format!("{}.", index + 1),
            row.position.clone(),
            row.name.clone(),
            row.at.clone(),
        ]);
    }
    let top = doc.cursor();
    let page = doc.page();
    for (r, row) in cells.iter().enumerate() {
        let row_top = top + r as f32 * row_height;
        let cell_style = if r == 0 { style.bold() } else { style };
        let mut x = left;
        for (c, text) in row.iter().enumerate() {
            let fitted = super::layout::fit_line(cell_style, text, widths[c] - 2.0);
            page.text(
                x + 1.0,
                row_top + 1.0 + cell_style.baseline_offset_mm(),
                cell_style,
                &fitted,
            );
            x += widths[c];
        }
        page.line((left, row_top), (left + total, row_top), 0.4);
    }
    let bottom = top + cells.len() as f32 * row_height;
    page.line((left, bottom), (left + total, bottom), 0.4);
    let mut x = left;
    for width in std::iter::once(0.0).chain(widths) {
        x += width;
        page.line((x, top), (x, bottom), 0.4);
    }
    doc.set_cursor(bottom);
}

/// "Halaman 2 dari 3" in the bottom margin of every page.
fn number_pages(doc: &mut Document, style: TextStyle) {
    let setup = doc.setup();
    let total = doc.page_count();
    let baseline = setup.height_mm() - setup.margins.bottom_mm / 2.0;
    for index in 0..total {
        let label = super::layout::page_number_label(index + 1, total);
        doc.page_at(index).text_in(
            setup.left_mm(),
            setup.content_width_mm(),
            baseline,
            style,
            Align::Right,
            &label,
        );
    }
}

fn mark_draft(doc: &mut Document) {
    let setup = doc.setup();
    let big = TextStyle::new(Face::SansBold, 96.0);
    let label = TextStyle::new(Face::SansBold, 11.0);
    let note = "KONSEP — belum ditandatangani";
    let note_width = label.width_mm(note) + 4.0;
    let x = setup.right_mm() - note_width;
    for index in 0..doc.page_count() {
        let page = doc.page_at(index);
        page.watermark(big, 0.85, 40.0, "KONSEP");
        // A boxed label in the top margin, readable even when photocopied light.
        let top = (setup.margins.top_mm - 8.0).max(2.0);
        page.line((x, top), (x + note_width, top), 0.8);
        page.line((x, top + 6.0), (x + note_width, top + 6.0), 0.8);
        page.line((x, top), (x, top + 6.0), 0.8);
        page.line((x + note_width, top), (x + note_width, top + 6.0), 0.8);
        page.text(x + 2.0, top + 4.3, label, note);
    }
}

pub fn render(letterhead: &Letterhead, letter: &LetterPrint, copy: Copy) -> Result<Vec<u8>> {
    render_pdf(layout(letterhead, letter, copy)?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::documents::kop::tests::kupang;

    pub(crate) fn sample(paragraphs: usize) -> LetterPrint {
        LetterPrint {
            place_date: "Kupang, 30 November 2026".into(),
            number: "400.9/12/Dinsos/2026".into(),
            sifat: "Biasa".into(),
            enclosures: "-".into(),
            subject: "Jawaban atas Pengaduan Saudara".into(),
            addressee: "Sdr. Yuliana Nenobais".into(),
            addressee_address: "Jalan Timor Raya No. 12, Oesapa".into(),
            addressee_place: "Kupang".into(),
            paragraphs: (0..paragraphs)
                .map(|i| {
                    format!(
                        "Paragraf {}. Menindaklanjuti pengaduan Saudara tentang bantuan sosial \
                         yang belum diterima, bersama ini kami sampaikan bahwa data Saudara telah \
                         kami periksa bersama pendamping PKH Kelurahan Oesapa dan akan diusulkan \
                         kembali pada pemutakhiran data bulan Desember.",
                        i + 1
                    )
                })
                .collect(),
            signer: SignatureBlock {
                title_lines: vec!["KEPALA DINAS SOSIAL KOTA KUPANG,".into()],
                name: "Drs. Frans Lebu Raya".into(),
                rank: "Pembina Utama Muda (IV/c)".into(),
                nip: "19680512 199403 1 004".into(),
            },
            copies: vec!["Wali Kota Kupang (sebagai laporan)".into(), "Arsip".into()],
            initials: vec![
                InitialRow {
                    position: "Kepala Sub Bagian Umum dan Kepegawaian".into(),
                    name: "Yohanes Ndolu, S.H.".into(),
                    at: "30/11/2026 10.15".into(),
                },
                InitialRow {
                    position: "Kepala Bidang Rehabilitasi Sosial".into(),
                    name: "Maria Goreti Bria, S.Sos.".into(),
                    at: "30/11/2026 11.40".into(),
                },
            ],
            setup: LetterSetup::default(),
        }
    }

    fn all_text(doc: &Document) -> String {
        doc.pages()
            .iter()
            .flat_map(|p| p.texts())
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest::proptest! {
        #[test]
        fn body_lines_keep_every_character(text in "(?s).{0,400}|[a-z \u{a0}\n]{0,300}", width in 20.0f32..170.0) {
            let style = TextStyle::new(Face::SansRegular, 12.0);
            let lines = paragraph_lines(style, &text, width);
            let kept: String = lines
                .iter()
                .flat_map(|l| l.line.text.chars())
                .filter(|c| !c.is_whitespace() || *c == '\u{a0}')
                .collect();
            let given: String = text
                .chars()
                .filter(|c| (!c.is_whitespace() || *c == '\u{a0}') && !c.is_control())
                .collect();
            proptest::prop_assert_eq!(kept, given);
        }
    }

    #[test]
    fn a_short_letter_is_one_page_with_every_part() {
        let doc = layout(&kupang(), &sample(3), Copy::Office).unwrap();
        assert_eq!(doc.page_count(), 1);
        let text = all_text(&doc);
        for expected in [
            "DINAS SOSIAL",
            "Kupang, 30 November 2026",
            "400.9/12/Dinsos/2026",
            "Yth.",
            "KEPALA DINAS SOSIAL KOTA KUPANG,",
            "DRS. FRANS LEBU RAYA",
            "NIP. 19680512 199403 1 004",
            "Tembusan:",
            "Paraf hierarki",
            "Yohanes Ndolu, S.H.",
        ] {
            assert!(text.contains(expected), "{expected} missing");
        }
        assert!(!text.contains("Halaman"), "one page has no page number");
        assert!(!text.contains("KONSEP"));
    }

    #[test]
    fn the_addressee_copy_has_no_paraf_column_and_the_draft_is_marked() {
        let clean = all_text(&layout(&kupang(), &sample(2), Copy::Addressee).unwrap());
        assert!(!clean.contains("Paraf hierarki"));
        let draft = layout(&kupang(), &sample(2), Copy::Draft).unwrap();
        for page in draft.pages() {
            assert!(page.texts().contains(&"KONSEP"));
        }
    }

    /// Finds the number of paragraphs that puts the signature block just past the first
    /// page: the block must move with the last lines of the body, never alone.
    #[test]
    fn the_signature_never_stands_alone_on_a_page() {
        for count in 3..14 {
            let doc = layout(&kupang(), &sample(count), Copy::Addressee).unwrap();
            let page = doc
                .pages()
                .iter()
                .find(|p| p.texts().contains(&"DRS. FRANS LEBU RAYA"))
                .expect("the name is printed");
            let texts = page.texts();
            let name_at = texts
                .iter()
                .position(|t| *t == "DRS. FRANS LEBU RAYA")
                .unwrap();
            let body_before = texts[..name_at]
                .iter()
                .filter(|t| t.contains("Desember") || t.contains("bulan"))
                .count();
            assert!(
                body_before > 0,
                "{count} paragraphs: signature alone on its page"
            );
            if doc.page_count() > 1 {
                assert!(all_text(&doc).contains(&format!("Halaman 2 dari {}", doc.page_count())));
            }
        }
    }
}
