//! Classification codes (kode klasifikasi arsip) for letters, after Permendagri 83/2022.
//! A code, once used, is never renamed; it can be retitled or deactivated.

use crate::store::{named_params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::import;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassificationCode {
    pub code: String,
    pub title: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ClassificationInput {
    pub code: String,
    pub title: String,
    pub active: bool,
    /// Editing a code already in the table (its title or status); a new code must be new.
    #[serde(default)]
    pub existing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassificationImport {
    pub added: usize,
    pub updated: usize,
}

/// `400`, `400.9`, `000.1.2.3`: three digits, then dot-separated groups of 1–3 digits.
fn is_valid_code(code: &str) -> bool {
    let mut groups = code.split('.');
    let first_ok = groups
        .next()
        .is_some_and(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    let rest: Vec<&str> = groups.collect();
    first_ok
        && rest.len() <= 4
        && rest
            .iter()
            .all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

fn validate(input: &ClassificationInput) -> Result<(String, String)> {
    let mut e = FieldErrors::new();
    let code = e.take(text::required("code", "Kode", &input.code, 20));
    if let Some(code) = &code {
        if !is_valid_code(code) {
            e.add(
                "code",
                "classification.code_invalid",
                "Kode harus 3 angka, boleh diikuti titik dan angka, misalnya 400.9.",
            );
        }
    }
    let title = e.take(text::required("title", "Uraian", &input.title, 200));
    e.into_result()?;
    Ok((code.unwrap(), title.unwrap()))
}

pub fn get(conn: &Connection, code: &str) -> Result<Option<ClassificationCode>> {
    Ok(list(conn)?.into_iter().find(|c| c.code == code))
}

pub fn list(conn: &Connection) -> Result<Vec<ClassificationCode>> {
    let mut stmt = conn.prepare_cached("SELECT code, title, active FROM classification_codes")?;
    let rows = stmt.query_map([], |row| {
        Ok(ClassificationCode {
            code: row.get(0)?,
            title: row.get(1)?,
            active: row.get(2)?,
        })
    })?;
    let mut codes: Vec<ClassificationCode> = rows.collect::<crate::store::SqlResult<_>>()?;
    // Numeric order per group: 400.10 after 400.9.
    codes.sort_by_key(|c| {
        c.code
            .split('.')
            .map(|g| g.parse::<u32>().unwrap_or(0))
            .collect::<Vec<_>>()
    });
    Ok(codes)
}

/// Adds a code or retitles/(de)activates an existing one.
pub fn save(conn: &Connection, input: &ClassificationInput) -> Result<ClassificationCode> {
    let (code, title) = validate(input)?;
    let existed = get(conn, &code)?.is_some();
    if existed != input.existing {
        return Err(if existed {
            Error::invalid(
                "code",
                "classification.duplicate",
                format!("Kode {code} sudah ada; pilih dari daftar untuk mengubahnya."),
            )
        } else {
            Error::NotFound {
                code: "classification.not_found",
                what: "Kode klasifikasi",
            }
        });
    }
    upsert(conn, &code, &title, input.active)?;
    Ok(ClassificationCode {
        code,
        title,
        active: input.active,
    })
}

fn upsert(conn: &Connection, code: &str, title: &str, active: bool) -> Result<bool> {
    let existed: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM classification_codes WHERE code = :code)")?
        .query_row(named_params! { ":code": code }, |row| row.get(0))?;
    conn.prepare_cached(
        "INSERT INTO classification_codes (code, title, active) VALUES (:code, :title, :active)
         ON CONFLICT (code) DO UPDATE SET title = excluded.title, active = excluded.active",
    )?
    .execute(named_params! { ":code": code, ":title": title, ":active": active })?;
    Ok(existed)
}

/// Imports `kode;uraian` rows: new codes are added, existing ones retitled (and activated).
/// One bad row and nothing is imported.
pub fn import_csv(conn: &Connection, bytes: &[u8]) -> Result<ClassificationImport> {
    let rows = import::read_rows(bytes, &["kode", "code"])?;
    let mut valid = Vec::with_capacity(rows.len());
    for row in &rows {
        let input = ClassificationInput {
            code: row.cells.first().cloned().unwrap_or_default(),
            title: row.cells.get(1).cloned().unwrap_or_default(),
            active: true,
            existing: false,
        };
        let (code, title) = validate(&input).map_err(|e| import::row_error(row, e))?;
        if valid.iter().any(|(c, _)| *c == code) {
            return Err(import::row_error(
                row,
                Error::invalid(
                    "code",
                    "classification.duplicate",
                    format!("kode {code} muncul dua kali."),
                ),
            ));
        }
        valid.push((code, title));
    }
    let mut summary = ClassificationImport {
        added: 0,
        updated: 0,
    };
    for (code, title) in valid {
        if upsert(conn, &code, &title, true)? {
            summary.updated += 1;
        } else {
            summary.added += 1;
        }
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_checked_and_sorted_numerically() {
        let conn = crate::store::open_in_memory().unwrap();
        save(
            &conn,
            &ClassificationInput {
                code: "400.10".into(),
                title: "Lain".into(),
                active: true,
                existing: false,
            },
        )
        .unwrap();
        // Adding a code that exists is refused; editing it is fine.
        let again = ClassificationInput {
            code: "400.9".into(),
            title: "Ganti".into(),
            active: true,
            existing: false,
        };
        assert_eq!(
            save(&conn, &again,).unwrap_err().code(),
            "classification.duplicate"
        );
        save(
            &conn,
            &ClassificationInput {
                existing: true,
                ..again
            },
        )
        .unwrap();
        assert_eq!(get(&conn, "400.9").unwrap().unwrap().title, "Ganti");
        let codes: Vec<_> = list(&conn).unwrap().into_iter().map(|c| c.code).collect();
        let nine = codes.iter().position(|c| c == "400.9").unwrap();
        assert_eq!(codes[nine + 1], "400.10");
        for bad in ["40", "4000", "400.", "400..1", "abc", "400.1234", "400 9"] {
            let err = save(
                &conn,
                &ClassificationInput {
                    code: bad.into(),
                    title: "x".into(),
                    active: true,
                    existing: false,
                },
            )
            .unwrap_err();
            assert_eq!(err.field(), Some("code"), "{bad}");
        }
    }

    #[test]
    fn import_adds_and_updates_all_or_nothing() {
        let conn = crate::store::open_in_memory().unwrap();
        let summary = import_csv(
            &conn,
            b"kode;uraian\n400.9;Urusan Sosial\n400.9.1;Rehabilitasi Sosial\n",
        )
        .unwrap();
        assert_eq!(
            summary,
            ClassificationImport {
                added: 1,
                updated: 1
            }
        );
        let before = list(&conn).unwrap();
        let err = import_csv(&conn, b"401;Baru\n4x;Salah\n").unwrap_err();
        assert!(err.to_string().starts_with("Baris 2:"), "{err}");
        assert_eq!(list(&conn).unwrap(), before);
    }

    proptest! {
        #[test]
        fn code_check_never_panics(text in "[0-9.]{0,20}|\\PC{0,20}") {
            let _ = is_valid_code(&text);
        }
    }
}
