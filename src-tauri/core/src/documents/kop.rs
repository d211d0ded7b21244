//! The letterhead (kop surat) as the Tata Naskah Dinas lays it out: the regional emblem at
//! the left; beside it, centred, the government's name and the office's name in bold
//! capitals, then the address and contact lines; under it all a thick rule over a thin one
//! across the text area.

use super::fonts::Face;
use super::layout::{pt_to_mm, wrap_lines, Align, Document, TextStyle, WrappedLine};
use crate::error::Result;
use crate::settings::emblem::Emblem;
use crate::settings::letterhead::Letterhead;

/// Emblem height bounds: large enough to recognise, never taller than the text beside it
/// by much.
const EMBLEM_MIN_MM: f32 = 18.0;
const EMBLEM_MAX_MM: f32 = 26.0;
const EMBLEM_MAX_WIDTH_MM: f32 = 30.0;
/// Between the emblem and the text.
const EMBLEM_GAP_MM: f32 = 4.0;
const THICK_RULE_PT: f32 = 2.25;
const THIN_RULE_PT: f32 = 0.75;
/// From the centre of the thick rule to the centre of the thin one.
const RULE_GAP_MM: f32 = 1.1;

/// Draws the letterhead at the top of the current page and moves the cursor below it;
/// returns the y (mm from the top) where the content may start.
pub fn draw(doc: &mut Document, letterhead: &Letterhead) -> Result<f32> {
    let setup = doc.setup();
    let top = doc.cursor();
    let (left, width) = (setup.left_mm(), setup.content_width_mm());

    let government = TextStyle::new(Face::SansBold, font_size(letterhead.government_font_pt, 14));
    let office = TextStyle::new(Face::SansBold, font_size(letterhead.office_font_pt, 16));
    let address = TextStyle::new(Face::SansRegular, font_size(letterhead.address_font_pt, 10));

    let emblem = match &letterhead.emblem {
        Some(view) => {
            let emblem = Emblem::from_data_url(&view.data_url)
                .map_err(|e| super::failure(format!("lambang kop tidak dapat dibaca: {e}")))?;
            Some(doc.add_image(&emblem.bytes)?)
        }
        None => None,
    };
    let emblem_size = emblem.map(|image| {
        let height = (government.line_height_mm()
            + office.line_height_mm()
            + 2.0 * address.line_height_mm())
        .clamp(EMBLEM_MIN_MM, EMBLEM_MAX_MM);
        let width = image.width_for_height(height).min(EMBLEM_MAX_WIDTH_MM);
        (width, image.height_for_width(width))
    });

    // The emblem's room is kept free on both sides, so the text is centred on the sheet and
    // still never runs into the emblem.
    let reserved = emblem_size.map_or(0.0, |(w, _)| w + EMBLEM_GAP_MM);
    let (text_x, text_width) = (left + reserved, width - 2.0 * reserved);

    let blocks: Vec<(TextStyle, Vec<WrappedLine>)> = [
        (government, vec![letterhead.government_name.to_uppercase()]),
        (office, vec![letterhead.office_name.to_uppercase()]),
        (address, street_parts(letterhead)),
        (address, contact_parts(letterhead)),
    ]
    .into_iter()
    .filter(|(_, parts)| parts.iter().any(|p| !p.trim().is_empty()))
    .map(|(style, parts)| (style, pack(style, &parts, text_width)))
    .collect();
    let text_height: f32 = blocks
        .iter()
        .map(|(style, lines)| style.line_height_mm() * lines.len() as f32)
        .sum();

    // Emblem and text are centred on each other vertically.
    let emblem_height = emblem_size.map_or(0.0, |(_, h)| h);
    let block_height = text_height.max(emblem_height);
    if let (Some(image), Some((emblem_width, _))) = (emblem, emblem_size) {
        let emblem_top = top + (block_height - emblem_height) / 2.0;
        doc.page().image(&image, left, emblem_top, emblem_width);
    }
    let mut y = top + (block_height - text_height) / 2.0;
    for (style, lines) in &blocks {
        y += doc
            .page()
            .lines_in(text_x, text_width, y, *style, Align::Centre, lines);
    }

    let thick_y = top + block_height + 1.5 + pt_to_mm(THICK_RULE_PT) / 2.0;
    let thin_y = thick_y + RULE_GAP_MM;
    let right = setup.right_mm();
    doc.page()
        .line((left, thick_y), (right, thick_y), THICK_RULE_PT);
    doc.page()
        .line((left, thin_y), (right, thin_y), THIN_RULE_PT);

    let content_top = thin_y + pt_to_mm(THIN_RULE_PT) / 2.0 + 4.0;
    doc.set_cursor(content_top);
    Ok(content_top)
}

/// A stored size, or the default when it is out of any sensible range.
fn font_size(stored_pt: i64, default_pt: i64) -> f32 {
    let pt = if (6..=40).contains(&stored_pt) {
        stored_pt
    } else {
        default_pt
    };
    pt as f32
}

/// ["Jalan S. K. Lerik No. 2", "Kupang 85228"].
fn street_parts(letterhead: &Letterhead) -> Vec<String> {
    let city = join(" ", &[&letterhead.city, &letterhead.postcode]);
    non_empty(vec![letterhead.street_address.trim().to_owned(), city])
}

/// ["Telepon 0852-3940-9087", "Pos-el dinsos@kupangkota.go.id", "Laman …"].
fn contact_parts(letterhead: &Letterhead) -> Vec<String> {
    let labelled = |label: &str, value: &str| match value.trim() {
        "" => String::new(),
        value => format!("{label} {value}"),
    };
    non_empty(vec![
        labelled("Telepon", &letterhead.phone),
        labelled("Pos-el", &letterhead.email),
        labelled("Laman", &letterhead.website),
    ])
}

/// The parts joined with commas into as few centred lines as fit, breaking between parts
/// so a label stays with its value; a part too wide for a line of its own is wrapped.
fn pack(style: TextStyle, parts: &[String], width_mm: f32) -> Vec<WrappedLine> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (index, part) in parts.iter().enumerate() {
        let piece = if index + 1 < parts.len() {
            format!("{part},")
        } else {
            part.clone()
        };
        let candidate = if line.is_empty() {
            piece.clone()
        } else {
            format!("{line} {piece}")
        };
        if line.is_empty() || style.width_mm(&candidate) <= width_mm {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, piece));
        }
    }
    lines.push(line);
    lines
        .iter()
        .flat_map(|line| wrap_lines(style, line, width_mm))
        .collect()
}

fn non_empty(parts: Vec<String>) -> Vec<String> {
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

fn join(separator: &str, parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::documents::layout::{PageSetup, Paper};
    use crate::settings::emblem::tests::png;

    pub(crate) fn kupang() -> Letterhead {
        Letterhead {
            id: 1,
            valid_from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            government_name: "Pemerintah Kota Kupang".into(),
            office_name: "Dinas Sosial".into(),
            street_address: "Jalan S. K. Lerik No. 2".into(),
            city: "Kupang".into(),
            postcode: "85228".into(),
            phone: "0852-3940-9087".into(),
            email: "dinsos@kupangkota.go.id".into(),
            website: "".into(),
            emblem: None,
            government_font_pt: 14,
            office_font_pt: 16,
            address_font_pt: 10,
            created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        }
    }

    fn portrait() -> Document {
        Document::new("Uji", PageSetup::portrait(Paper::A4, 0.0))
    }

    #[test]
    fn names_in_capitals_and_the_address_lines() {
        let mut doc = portrait();
        let start = draw(&mut doc, &kupang()).unwrap();
        let texts = doc.pages()[0].texts();
        assert_eq!(
            texts,
            [
                "PEMERINTAH KOTA KUPANG",
                "DINAS SOSIAL",
                "Jalan S. K. Lerik No. 2, Kupang 85228",
                "Telepon 0852-3940-9087, Pos-el dinsos@kupangkota.go.id",
            ]
        );
        assert!((30.0..60.0).contains(&start), "{start}");
        assert_eq!(doc.cursor(), start);
    }

    #[test]
    fn with_an_emblem_the_kop_is_taller_and_still_fits() {
        let mut plain = portrait();
        let without = draw(&mut plain, &kupang()).unwrap();
        let mut letterhead = kupang();
        letterhead.emblem = Some(Emblem::from_bytes(png(64)).unwrap().view());
        let mut doc = portrait();
        let with = draw(&mut doc, &letterhead).unwrap();
        assert!(with >= without && with < 70.0, "{without} {with}");
    }

    #[test]
    fn a_broken_emblem_is_an_internal_error() {
        let mut letterhead = kupang();
        let mut view = Emblem::from_bytes(png(64)).unwrap().view();
        view.data_url = "data:image/png;base64,AAAA".into();
        letterhead.emblem = Some(view);
        let err = draw(&mut portrait(), &letterhead).unwrap_err();
        assert!(err.is_internal(), "{err}");
    }

    #[test]
    fn empty_contact_parts_leave_no_dangling_commas() {
        let mut letterhead = kupang();
        letterhead.phone.clear();
        letterhead.postcode.clear();
        letterhead.website = "dinsos.kupangkota.go.id".into();
        assert_eq!(
            street_parts(&letterhead),
            ["Jalan S. K. Lerik No. 2", "Kupang"]
        );
        assert_eq!(
            contact_parts(&letterhead),
            [
                "Pos-el dinsos@kupangkota.go.id",
                "Laman dinsos.kupangkota.go.id"
            ]
        );
    }

    #[test]
    fn contact_lines_break_between_parts() {
        let style = TextStyle::new(Face::SansRegular, 10.0);
        let parts: Vec<String> = [
            "Telepon 0852-3940-9087",
            "Pos-el dinsos@kupangkota.go.id",
            "Laman dinsos.kupangkota.go.id",
        ]
        .map(String::from)
        .into();
        let lines: Vec<String> = pack(style, &parts, 110.0)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            lines,
            [
                "Telepon 0852-3940-9087, Pos-el dinsos@kupangkota.go.id,",
                "Laman dinsos.kupangkota.go.id"
            ]
        );
        let narrow: Vec<String> = pack(style, &parts, 20.0)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert!(narrow.len() > 3);
        assert!(narrow
            .iter()
            .all(|l| style.width_mm(l) <= 20.0 + 1e-3 || l.chars().count() == 1));
    }
}
