//! Reply templates: the subject and body a draft starts from, with `{fields}` filled from the
//! case. The admin edits them; a template naming a field Loket does not know is refused on
//! saving, so a draft never prints a stray `{nama_pelpor}`.

use std::collections::BTreeMap;

use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::text;

/// The fields a template may use, with what each becomes.
pub const FIELDS: [(&str, &str); 10] = [
    ("nama", "nama pelapor"),
    ("alamat", "alamat pelapor"),
    ("nomor_registrasi", "nomor registrasi pengaduan (PGD-…)"),
    ("tanggal_diterima", "tanggal pengaduan diterima"),
    ("perihal", "perihal atau ringkasan pengaduan"),
    ("saluran", "saluran pengaduan (Surat, WhatsApp, …)"),
    (
        "sumber",
        "\"melalui surat nomor … tanggal …\" atau \"melalui WhatsApp\"",
    ),
    ("nomor_surat", "nomor surat pelapor"),
    ("tanggal_surat", "tanggal surat pelapor"),
    ("alamat_kantor", "alamat kantor dari kop surat"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct TemplateInput {
    pub name: String,
    pub subject: String,
    pub body: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

const SELECT: &str = "SELECT id, code, name, subject, body, active FROM reply_templates";

fn from_row(row: &Row) -> crate::store::SqlResult<Template> {
    Ok(Template {
        id: row.get(0)?,
        code: row.get(1)?,
        name: row.get(2)?,
        subject: row.get(3)?,
        body: row.get(4)?,
        active: row.get(5)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY sort_order, id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Template> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "template.not_found",
            what: "Templat surat",
        })
}

pub fn by_code(conn: &Connection, code: &str) -> Result<Template> {
    conn.prepare_cached(&format!("{SELECT} WHERE code = ?1"))?
        .query_row([code], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "template.not_found",
            what: "Templat surat",
        })
}

/// The `{fields}` in `text`, or a message naming the first unknown one or a stray brace.
fn check_fields(e: &mut FieldErrors, field: &str, label: &str, text: &str) {
    let mut rest = text;
    loop {
        match (rest.find('{'), rest.find('}')) {
            (None, None) => return,
            (Some(open), Some(close)) if open < close => {
                let name = &rest[open + 1..close];
                if name.contains('{') || !FIELDS.iter().any(|(known, _)| *known == name) {
                    let shown: String = name.chars().take(40).collect();
                    e.add(
                        field,
                        "template.unknown_field",
                        format!(
                            "{label}: isian {{{shown}}} tidak dikenal. Isian yang dapat dipakai: {}.",
                            FIELDS.map(|(f, _)| format!("{{{f}}}")).join(", ")
                        ),
                    );
                    return;
                }
                rest = &rest[close + 1..];
            }
            _ => {
                e.add(
                    field,
                    "template.unbalanced",
                    format!("{label}: kurung kurawal {{ }} tidak berpasangan."),
                );
                return;
            }
        }
    }
}

/// Saves a change to a template (templates are changed, never added or deleted here: the
/// five kinds of reply are the office's).
pub fn save(
    conn: &Connection,
    id: i64,
    input: &TemplateInput,
    now: DateTime<Utc>,
) -> Result<Template> {
    get(conn, id)?;
    let mut e = FieldErrors::new();
    let name = e.take(text::required("name", "Nama templat", &input.name, 100));
    let subject = e.take(text::required("subject", "Hal", &input.subject, 300));
    if let Some(subject) = &subject {
        check_fields(&mut e, "subject", "Hal", subject);
        // The subject is printed in the outgoing register, where a confidential
        // complainant must not be named.
        if subject.contains("{nama}") || subject.contains("{alamat}") {
            e.add(
                "subject",
                "template.personal_in_subject",
                "Hal tidak boleh memuat {nama} atau {alamat}: hal surat tercantum di register \
                 surat keluar.",
            );
        }
    }
    let body = e.take(text::multiline(
        "body",
        "Isi surat",
        &input.body,
        20_000,
        true,
    ));
    if let Some(body) = &body {
        check_fields(&mut e, "body", "Isi surat", body);
    }
    e.into_result()?;
    conn.prepare_cached(
        "UPDATE reply_templates SET name = :name, subject = :subject, body = :body,
                active = :active, updated_at = :now WHERE id = :id",
    )?
    .execute(named_params! {
        ":name": name, ":subject": subject, ":body": body, ":active": input.active,
        ":now": now, ":id": id,
    })?;
    get(conn, id)
}

/// `text` with each known `{field}` replaced by its value (unknown ones cannot be saved).
pub fn fill(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = text.to_owned();
    for (field, value) in values {
        out = out.replace(&format!("{{{field}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(subject: &str, body: &str) -> TemplateInput {
        TemplateInput {
            name: "Jawaban".into(),
            subject: subject.into(),
            body: body.into(),
            active: true,
        }
    }

    #[test]
    fn five_templates_ship_and_fill_from_the_case() {
        let conn = crate::store::open_in_memory().unwrap();
        let all = list(&conn).unwrap();
        assert_eq!(all.len(), 5);
        let mut values = BTreeMap::new();
        for (field, _) in FIELDS {
            values.insert(field, format!("<{field}>"));
        }
        for template in &all {
            let body = fill(&template.body, &values);
            assert!(!body.contains('{'), "{}: {body}", template.code);
        }
    }

    #[test]
    fn an_unknown_field_is_refused_and_nothing_changes() {
        let conn = crate::store::open_in_memory().unwrap();
        let first = list(&conn).unwrap().remove(0);
        let now = "2026-11-30T01:00:00Z".parse().unwrap();
        for (subject, body, field, code) in [
            (
                "Hal {perihal}",
                "Yth. {nama_pelpor}",
                "body",
                "template.unknown_field",
            ),
            ("Hal {tanggal", "Isi", "subject", "template.unbalanced"),
            (
                "Untuk {nama}",
                "Isi",
                "subject",
                "template.personal_in_subject",
            ),
            ("Hal", "Isi } {", "body", "template.unbalanced"),
            ("", "Isi", "subject", "field.required"),
        ] {
            let err = save(&conn, first.id, &input(subject, body), now).unwrap_err();
            assert_eq!(err.field(), Some(field), "{subject} / {body}");
            assert_eq!(err.code(), code);
        }
        let err = save(&conn, first.id, &input("Hal", "{nama_pelpor}"), now).unwrap_err();
        assert!(err.to_string().contains("{nama_pelpor}"), "{err}");
        assert_eq!(get(&conn, first.id).unwrap(), first);
        let saved = save(
            &conn,
            first.id,
            &input("Jawaban {perihal}", "Yth. {nama}\n\nIsi."),
            now,
        )
        .unwrap();
        assert_eq!(saved.subject, "Jawaban {perihal}");
    }
}
