//! Number formats for the agenda (incoming) and outgoing letters, e.g.
//! `{kode}/{nomor}/{unit}/{tahun}` → `400.9/123/Dinsos/2026`. Allocation comes with the letter
//! registers; this module owns the formats, their checks and their rendering.

use crate::store::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, Result};
use crate::text;

use super::values;

pub const PLACEHOLDERS: [&str; 6] = ["kode", "nomor", "unit", "tahun", "bulan", "bulan_romawi"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NumberingFormats {
    pub agenda: String,
    pub outgoing: String,
    pub agenda_example: String,
    pub outgoing_example: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NumberingInput {
    pub agenda: String,
    pub outgoing: String,
}

/// The values a number is built from.
#[derive(Debug, Clone)]
pub struct NumberParts<'a> {
    pub classification: &'a str,
    pub sequence: i64,
    pub unit: &'a str,
    pub year: i32,
    pub month: u32,
}

const ROMAN_MONTHS: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

pub fn render(format: &str, parts: &NumberParts) -> String {
    let month = parts.month.clamp(1, 12);
    format
        .replace("{kode}", parts.classification)
        .replace("{nomor}", &parts.sequence.to_string())
        .replace("{unit}", parts.unit)
        .replace("{tahun}", &parts.year.to_string())
        .replace("{bulan_romawi}", ROMAN_MONTHS[(month - 1) as usize])
        .replace("{bulan}", &format!("{month:02}"))
}

fn example(format: &str) -> String {
    render(
        format,
        &NumberParts {
            classification: "400.9",
            sequence: 123,
            unit: "Dinsos",
            year: 2026,
            month: 11,
        },
    )
}

/// Checks one format: known placeholders only, balanced braces, `{nomor}` present.
fn check_format(errors: &mut FieldErrors, field: &str, label: &str, value: &str) -> Option<String> {
    let value = errors.take(text::required(field, label, value, 80))?;
    let mut rest = value.as_str();
    let mut has_number = false;
    loop {
        match (rest.find('{'), rest.find('}')) {
            (None, None) => break,
            (Some(open), Some(close)) if open < close => {
                let name = &rest[open + 1..close];
                if name.contains('{') || !PLACEHOLDERS.contains(&name) {
                    errors.add(
                        field,
                        "numbering.unknown_placeholder",
                        format!(
                            "{label}: {{{name}}} tidak dikenal; gunakan {}.",
                            PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
                        ),
                    );
                    return None;
                }
                has_number |= name == "nomor";
                rest = &rest[close + 1..];
            }
            _ => {
                errors.add(
                    field,
                    "numbering.unbalanced",
                    format!("{label}: kurung kurawal tidak berpasangan."),
                );
                return None;
            }
        }
    }
    if !has_number {
        errors.add(
            field,
            "numbering.missing_number",
            format!("{label} harus memuat {{nomor}}."),
        );
        return None;
    }
    Some(value)
}

pub fn get(conn: &Connection) -> Result<NumberingFormats> {
    let value = |key| -> Result<String> { Ok(values::get(conn, key)?.unwrap_or_default()) };
    let (agenda, outgoing) = (
        value(values::NUMBERING_AGENDA)?,
        value(values::NUMBERING_OUTGOING)?,
    );
    Ok(NumberingFormats {
        agenda_example: example(&agenda),
        outgoing_example: example(&outgoing),
        agenda,
        outgoing,
    })
}

pub fn save(conn: &Connection, input: &NumberingInput) -> Result<NumberingFormats> {
    let mut errors = FieldErrors::new();
    let agenda = check_format(&mut errors, "agenda", "Format nomor agenda", &input.agenda);
    let outgoing = check_format(
        &mut errors,
        "outgoing",
        "Format nomor surat keluar",
        &input.outgoing,
    );
    errors.into_result()?;
    values::set(conn, values::NUMBERING_AGENDA, &agenda.unwrap_or_default())?;
    values::set(
        conn,
        values::NUMBERING_OUTGOING,
        &outgoing.unwrap_or_default(),
    )?;
    get(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn renders_the_office_format() {
        let conn = crate::store::open_in_memory().unwrap();
        let formats = get(&conn).unwrap();
        assert_eq!(formats.outgoing_example, "400.9/123/Dinsos/2026");
        let parts = NumberParts {
            classification: "000.1",
            sequence: 7,
            unit: "Sekr",
            year: 2027,
            month: 3,
        };
        assert_eq!(
            render("{kode}/{nomor}/{unit}/{bulan_romawi}/{tahun}", &parts),
            "000.1/7/Sekr/III/2027"
        );
        assert_eq!(render("{nomor}-{bulan}", &parts), "7-03");
    }

    #[test]
    fn bad_formats_are_named() {
        let conn = crate::store::open_in_memory().unwrap();
        let cases = [
            ("{kode}/Dinsos/{tahun}", "numbering.missing_number"),
            ("{nomor}/{tahunn}", "numbering.unknown_placeholder"),
            ("{nomor/{tahun}", "numbering.unknown_placeholder"),
            ("{nomor}/tahun}", "numbering.unbalanced"),
            ("", "field.required"),
        ];
        for (format, code) in cases {
            let err = save(
                &conn,
                &NumberingInput {
                    agenda: "{nomor}".into(),
                    outgoing: format.into(),
                },
            )
            .unwrap_err();
            assert_eq!(err.code(), code, "{format}");
            assert_eq!(err.field(), Some("outgoing"));
        }
        assert_eq!(
            get(&conn).unwrap().outgoing,
            "{kode}/{nomor}/{unit}/{tahun}"
        );
        let saved = save(
            &conn,
            &NumberingInput {
                agenda: "{nomor}/{tahun}".into(),
                outgoing: "{kode}/{nomor}/Dinsos/{tahun}".into(),
            },
        )
        .unwrap();
        assert_eq!(saved.agenda_example, "123/2026");
    }

    proptest! {
        #[test]
        fn format_check_never_panics(text in "[{}a-z/_ ]{0,40}|\\PC{0,40}") {
            let mut errors = FieldErrors::new();
            let _ = check_format(&mut errors, "f", "Format", &text);
        }
    }
}
