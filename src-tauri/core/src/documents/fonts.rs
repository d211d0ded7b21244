//! The four faces every document is set in. They are compiled into the program (see
//! `assets/fonts/README.md`) so a document never depends on the fonts of the computer that
//! prints it, and they are parsed once per process because parsing a face takes milliseconds.

use std::sync::OnceLock;

use printpdf::ParsedFont;

/// A typeface and weight. Sans is Arial-compatible, Serif is Times-New-Roman-compatible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    SansRegular,
    SansBold,
    SerifRegular,
    SerifBold,
}

impl Face {
    pub const ALL: [Face; 4] = [
        Face::SansRegular,
        Face::SansBold,
        Face::SerifRegular,
        Face::SerifBold,
    ];

    /// The font's PostScript-style name; also its resource name inside the PDF, so the
    /// output does not depend on randomly generated ids.
    pub fn name(self) -> &'static str {
        match self {
            Face::SansRegular => "LiberationSans-Regular",
            Face::SansBold => "LiberationSans-Bold",
            Face::SerifRegular => "LiberationSerif-Regular",
            Face::SerifBold => "LiberationSerif-Bold",
        }
    }

    /// The bold face of the same family.
    pub fn bold(self) -> Face {
        match self {
            Face::SansRegular | Face::SansBold => Face::SansBold,
            Face::SerifRegular | Face::SerifBold => Face::SerifBold,
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::SansRegular => {
                include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf")
            }
            Face::SansBold => include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
            Face::SerifRegular => {
                include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf")
            }
            Face::SerifBold => include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A parsed face with the metrics layout needs, in em (multiply by the size).
pub(crate) struct Loaded {
    pub font: ParsedFont,
    ascent_em: f32,
    descent_em: f32,
    /// Advances of U+0000..U+00FF, which is nearly all Indonesian text; other characters
    /// are looked up in the font each time.
    latin1_em: [f32; 256],
    units_per_em: f32,
}

impl Loaded {
    fn parse(face: Face) -> Self {
        let mut warnings = Vec::new();
        // The bytes are part of the program and tested, so a failure here is a build error.
        let font = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)
            .unwrap_or_else(|| panic!("embedded font {} must parse", face.name()));
        let units_per_em = match font.font_metrics.units_per_em {
            0 => 1000.0,
            upm => f32::from(upm),
        };
        let metrics = &font.pdf_font_metrics;
        let ascent_em = f32::from(metrics.ascender) / units_per_em;
        let descent_em = -f32::from(metrics.descender) / units_per_em;
        let mut loaded = Loaded {
            font,
            ascent_em,
            descent_em,
            latin1_em: [0.0; 256],
            units_per_em,
        };
        for code in 0..256u32 {
            loaded.latin1_em[code as usize] = loaded.lookup_advance_em(code);
        }
        loaded
    }

    fn lookup_advance_em(&self, code: u32) -> f32 {
        // A character the font lacks is drawn as glyph 0 (the empty box), so it is measured
        // as glyph 0 too.
        let glyph = self.font.lookup_glyph_index(code).unwrap_or(0);
        f32::from(self.font.get_horizontal_advance(glyph)) / self.units_per_em
    }

    fn advance_em(&self, ch: char) -> f32 {
        match self.latin1_em.get(ch as usize) {
            Some(&width) => width,
            None => self.lookup_advance_em(ch as u32),
        }
    }
}

pub(crate) fn loaded(face: Face) -> &'static Loaded {
    static FACES: [OnceLock<Loaded>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    FACES[face.index()].get_or_init(|| Loaded::parse(face))
}

/// The width of `text` set in `face` at `size_pt`, in points. Kerning is not applied (the
/// PDF is written without it), so widths add up: width(a + b) = width(a) + width(b).
pub fn width_pt(face: Face, size_pt: f32, text: &str) -> f32 {
    let font = loaded(face);
    text.chars().map(|ch| font.advance_em(ch)).sum::<f32>() * size_pt
}

/// Height of the tallest glyphs above the baseline, in points.
pub fn ascent_pt(face: Face, size_pt: f32) -> f32 {
    loaded(face).ascent_em * size_pt
}

/// Depth of the lowest glyphs below the baseline (a positive number), in points.
pub fn descent_pt(face: Face, size_pt: f32) -> f32 {
    loaded(face).descent_em * size_pt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_parses_with_sensible_metrics() {
        for face in Face::ALL {
            let ascent = ascent_pt(face, 10.0);
            let descent = descent_pt(face, 10.0);
            assert!((7.0..10.0).contains(&ascent), "{face:?} ascent {ascent}");
            assert!((1.0..3.5).contains(&descent), "{face:?} descent {descent}");
        }
    }

    #[test]
    fn widths_match_arial_and_times_metrics() {
        // Liberation is metric-compatible: Arial's "0" is 556/1000 em, Times' is 500/1000.
        assert!((width_pt(Face::SansRegular, 10.0, "0") - 5.56).abs() < 0.01);
        assert!((width_pt(Face::SerifRegular, 10.0, "0") - 5.0).abs() < 0.01);
        assert!(width_pt(Face::SansBold, 10.0, "BUKU") > width_pt(Face::SansRegular, 10.0, "BUKU"));
        assert_eq!(width_pt(Face::SansRegular, 10.0, ""), 0.0);
        let whole = width_pt(Face::SansRegular, 9.0, "Dinas Sosial—Kupang");
        let parts = width_pt(Face::SansRegular, 9.0, "Dinas Sosial")
            + width_pt(Face::SansRegular, 9.0, "—Kupang");
        assert!((whole - parts).abs() < 0.001);
    }

    #[test]
    fn characters_outside_the_font_still_have_a_width() {
        assert!(width_pt(Face::SansRegular, 10.0, "漢字🙂") >= 0.0);
    }
}
