//! How reply letters are set on paper: sheet (A4, or F4/folio), margins and body font. The
//! office's own rules decide these (*to confirm*), so they are a setting with the defaults of
//! the Tata Naskah Dinas practice: A4, 2 / 2.5 / 3 / 2 cm (top / bottom / left / right), an
//! Arial-like 12 pt. A signed letter keeps the setup it was signed with.

use crate::store::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, Result};
use crate::text;

use super::values;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterSetup {
    /// "A4" or "F4".
    pub paper: String,
    pub margin_top_mm: i64,
    pub margin_bottom_mm: i64,
    pub margin_left_mm: i64,
    pub margin_right_mm: i64,
    /// "sans" (Arial-like) or "serif" (Times-like).
    pub font: String,
    pub font_pt: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LetterSetupInput {
    pub paper: String,
    pub margin_top_mm: String,
    pub margin_bottom_mm: String,
    pub margin_left_mm: String,
    pub margin_right_mm: String,
    pub font: String,
    pub font_pt: String,
}

pub const PAPERS: [(&str, &str); 2] = [
    ("A4", "A4 (210 × 297 mm)"),
    ("F4", "F4/Folio (215 × 330 mm)"),
];
pub const FONTS: [(&str, &str); 2] = [
    ("sans", "Liberation Sans (setara Arial)"),
    ("serif", "Liberation Serif (setara Times New Roman)"),
];

const KEYS: [values::Key; 7] = [
    values::LETTER_PAPER,
    values::LETTER_MARGIN_TOP_MM,
    values::LETTER_MARGIN_BOTTOM_MM,
    values::LETTER_MARGIN_LEFT_MM,
    values::LETTER_MARGIN_RIGHT_MM,
    values::LETTER_FONT,
    values::LETTER_FONT_PT,
];

impl Default for LetterSetup {
    fn default() -> Self {
        LetterSetup {
            paper: "A4".into(),
            margin_top_mm: 20,
            margin_bottom_mm: 25,
            margin_left_mm: 30,
            margin_right_mm: 20,
            font: "sans".into(),
            font_pt: 12,
        }
    }
}

pub fn get(conn: &Connection) -> Result<LetterSetup> {
    let defaults = LetterSetup::default();
    let text = |key, fallback: String| -> Result<String> {
        Ok(values::get(conn, key)?.unwrap_or(fallback))
    };
    let number = |key, fallback: i64| -> Result<i64> {
        Ok(values::get(conn, key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(fallback))
    };
    Ok(LetterSetup {
        paper: text(values::LETTER_PAPER, defaults.paper)?,
        margin_top_mm: number(values::LETTER_MARGIN_TOP_MM, defaults.margin_top_mm)?,
        margin_bottom_mm: number(values::LETTER_MARGIN_BOTTOM_MM, defaults.margin_bottom_mm)?,
        margin_left_mm: number(values::LETTER_MARGIN_LEFT_MM, defaults.margin_left_mm)?,
        margin_right_mm: number(values::LETTER_MARGIN_RIGHT_MM, defaults.margin_right_mm)?,
        font: text(values::LETTER_FONT, defaults.font)?,
        font_pt: number(values::LETTER_FONT_PT, defaults.font_pt)?,
    })
}

fn check_choice(
    e: &mut FieldErrors,
    field: &str,
    label: &str,
    table: &[(&str, &str)],
    value: &str,
) -> String {
    if table.iter().any(|(code, _)| *code == value) {
        value.to_owned()
    } else {
        e.add(field, "field.choice", format!("Pilih {label} dari daftar."));
        table[0].0.to_owned()
    }
}

pub fn save(conn: &Connection, input: &LetterSetupInput) -> Result<LetterSetup> {
    let mut e = FieldErrors::new();
    let paper = check_choice(&mut e, "paper", "ukuran kertas", &PAPERS, &input.paper);
    let font = check_choice(&mut e, "font", "huruf", &FONTS, &input.font);
    let mut margin = |field: &str, label: &str, value: &str| {
        e.take(text::integer_in(field, label, value, 10, 50))
            .unwrap_or(20)
    };
    let margin_top_mm = margin("margin_top_mm", "Margin atas (mm)", &input.margin_top_mm);
    let margin_bottom_mm = margin(
        "margin_bottom_mm",
        "Margin bawah (mm)",
        &input.margin_bottom_mm,
    );
    let margin_left_mm = margin("margin_left_mm", "Margin kiri (mm)", &input.margin_left_mm);
    let margin_right_mm = margin(
        "margin_right_mm",
        "Margin kanan (mm)",
        &input.margin_right_mm,
    );
    let font_pt = e
        .take(text::integer_in(
            "font_pt",
            "Ukuran huruf (pt)",
            &input.font_pt,
            10,
            14,
        ))
        .unwrap_or(12);
    let setup = LetterSetup {
        paper,
        margin_top_mm,
        margin_bottom_mm,
        margin_left_mm,
        margin_right_mm,
        font,
        font_pt,
    };
    e.into_result()?;
    let stored = [
        setup.paper.clone(),
        setup.margin_top_mm.to_string(),
        setup.margin_bottom_mm.to_string(),
        setup.margin_left_mm.to_string(),
        setup.margin_right_mm.to_string(),
        setup.font.clone(),
        setup.font_pt.to_string(),
    ];
    for (key, value) in KEYS.into_iter().zip(stored) {
        values::set(conn, key, &value)?;
    }
    get(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> LetterSetupInput {
        LetterSetupInput {
            paper: "F4".into(),
            margin_top_mm: "20".into(),
            margin_bottom_mm: "25".into(),
            margin_left_mm: "30".into(),
            margin_right_mm: "20".into(),
            font: "serif".into(),
            font_pt: "12".into(),
        }
    }

    #[test]
    fn defaults_then_saved_values() {
        let conn = crate::store::open_in_memory().unwrap();
        assert_eq!(get(&conn).unwrap(), LetterSetup::default());
        let saved = save(&conn, &input()).unwrap();
        assert_eq!((saved.paper.as_str(), saved.font.as_str()), ("F4", "serif"));
        assert_eq!(get(&conn).unwrap(), saved);
    }

    #[test]
    fn bad_values_are_named_and_nothing_is_saved() {
        let conn = crate::store::open_in_memory().unwrap();
        let mut bad = input();
        bad.paper = "Letter".into();
        bad.margin_left_mm = "5".into();
        bad.font_pt = "30".into();
        let err = save(&conn, &bad).unwrap_err();
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(fields, ["paper", "margin_left_mm", "font_pt"]);
        assert!(err.to_string().contains("kertas"));
        assert_eq!(get(&conn).unwrap(), LetterSetup::default());
    }
}
