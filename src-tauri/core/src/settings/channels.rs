//! The doors a complaint comes through, each with its deadline (the counter in minutes, the
//! rest in working days) and its contact as the office's service standard publishes it (the
//! WhatsApp helpdesk, the e-mail address, the Facebook page). The standard sets the deadlines
//! of the counter, the suggestion box, letters and SP4N-LAPOR; those of e-mail, WhatsApp and
//! Facebook are the office's own choice. All are editable.

use crate::store::{named_params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineUnit {
    Minutes,
    WorkingDays,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub code: String,
    pub name: String,
    pub deadline_unit: DeadlineUnit,
    pub deadline_value: i64,
    /// The default deadline comes from the service standard (else the office chose it).
    pub deadline_from_standard: bool,
    /// What the standard itself says, for the settings to show beside the office's value.
    pub standard_deadline: Option<i64>,
    /// Where citizens reach the office through it: a number, an address, a page's name.
    pub contact: String,
}

impl Channel {
    #[cfg(test)]
    pub fn for_test(code: &str, unit: DeadlineUnit, value: i64) -> Self {
        Channel {
            code: code.into(),
            name: code.into(),
            deadline_unit: unit,
            deadline_value: value,
            deadline_from_standard: false,
            standard_deadline: None,
            contact: String::new(),
        }
    }
}

/// One typed deadline per channel code.
#[derive(Debug, Clone, Deserialize)]
pub struct DeadlineInput {
    pub code: String,
    pub value: String,
}

pub fn list(conn: &Connection) -> Result<Vec<Channel>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, name, deadline_unit, deadline_value, deadline_from_standard, contact
           FROM channels ORDER BY sort_order",
    )?;
    let rows = stmt.query_map([], |row| {
        let unit: String = row.get(2)?;
        Ok(Channel {
            code: row.get(0)?,
            name: row.get(1)?,
            deadline_unit: if unit == "minutes" {
                DeadlineUnit::Minutes
            } else {
                DeadlineUnit::WorkingDays
            },
            deadline_value: row.get(3)?,
            deadline_from_standard: row.get(4)?,
            standard_deadline: None,
            contact: row.get(5)?,
        })
        .map(|mut channel: Channel| {
            channel.standard_deadline = channel
                .deadline_from_standard
                .then(|| standard_deadline(&channel.code))
                .flatten();
            channel
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// The standard's own figures: the counter answers within 15 minutes (or as agreed), the
/// suggestion box and letters within 7 working days, SP4N-LAPOR within 8. It names none for
/// e-mail, WhatsApp or Facebook.
pub fn standard_deadline(code: &str) -> Option<i64> {
    match code {
        "counter" => Some(15),
        "suggestion_box" | "letter" => Some(7),
        "lapor" => Some(8),
        _ => None,
    }
}

pub fn get(conn: &Connection, code: &str) -> Result<Channel> {
    list(conn)?
        .into_iter()
        .find(|c| c.code == code)
        .ok_or(Error::NotFound {
            code: "channel.not_found",
            what: "Saluran pengaduan",
        })
}

/// Saves all deadlines at once; each value is checked against its channel's unit.
pub fn save_deadlines(conn: &Connection, inputs: &[DeadlineInput]) -> Result<Vec<Channel>> {
    let channels = list(conn)?;
    let mut errors = FieldErrors::new();
    let mut updates = Vec::new();
    for input in inputs {
        let Some(channel) = channels.iter().find(|c| c.code == input.code) else {
            return Err(Error::NotFound {
                code: "channel.not_found",
                what: "Saluran pengaduan",
            });
        };
        let field = format!("deadline.{}", channel.code);
        let label = format!("Batas waktu {}", channel.name);
        let (min, max) = match channel.deadline_unit {
            DeadlineUnit::Minutes => (1, 480),
            DeadlineUnit::WorkingDays => (1, 60),
        };
        if let Some(value) = errors.take(text::integer_in(&field, &label, &input.value, min, max)) {
            updates.push((channel.code.clone(), value));
        }
    }
    errors.into_result()?;
    for (code, value) in updates {
        conn.prepare_cached("UPDATE channels SET deadline_value = :value WHERE code = :code")?
            .execute(named_params! { ":value": value, ":code": code })?;
    }
    list(conn)
}

/// One typed contact per channel code.
#[derive(Debug, Clone, Deserialize)]
pub struct ContactInput {
    pub code: String,
    pub contact: String,
}

/// Saves every channel's contact at once.
pub fn save_contacts(conn: &Connection, inputs: &[ContactInput]) -> Result<Vec<Channel>> {
    let channels = list(conn)?;
    let mut errors = FieldErrors::new();
    let mut updates = Vec::new();
    for input in inputs {
        let Some(channel) = channels.iter().find(|c| c.code == input.code) else {
            return Err(Error::NotFound {
                code: "channel.not_found",
                what: "Saluran pengaduan",
            });
        };
        let field = format!("contact.{}", channel.code);
        let label = format!("Kontak {}", channel.name);
        if let Some(contact) = errors.take(text::optional(&field, &label, &input.contact, 200)) {
            updates.push((channel.code.clone(), contact));
        }
    }
    errors.into_result()?;
    for (code, contact) in updates {
        conn.prepare_cached("UPDATE channels SET contact = :contact WHERE code = :code")?
            .execute(named_params! { ":contact": contact, ":code": code })?;
    }
    list(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_sets_four_deadlines_and_the_office_chose_three() {
        let conn = crate::store::open_in_memory().unwrap();
        let days: Vec<_> = list(&conn)
            .unwrap()
            .into_iter()
            .map(|c| (c.code, c.deadline_value, c.deadline_from_standard))
            .collect();
        // The standard: counter 15 minutes, box and letter 7, SP4N-LAPOR 8 working days. It
        // names no deadline for e-mail, WhatsApp or Facebook: 7 days is the office's choice.
        let expected = [
            ("counter", 15, true),
            ("suggestion_box", 7, true),
            ("letter", 7, true),
            ("email", 7, false),
            ("lapor", 8, true),
            ("whatsapp", 7, false),
            ("facebook", 7, false),
        ];
        assert_eq!(days, expected.map(|(c, v, s)| (c.to_string(), v, s)));
        // The office changes the letter deadline: the settings still say what the standard says.
        save_deadlines(
            &conn,
            &[DeadlineInput {
                code: "letter".into(),
                value: "5".into(),
            }],
        )
        .unwrap();
        let letter = get(&conn, "letter").unwrap();
        assert_eq!(
            (letter.deadline_value, letter.standard_deadline),
            (5, Some(7))
        );
        assert_eq!(get(&conn, "email").unwrap().standard_deadline, None);
        // The channels' own contacts, from the standard.
        assert_eq!(get(&conn, "whatsapp").unwrap().contact, "082147626662");
        assert_eq!(
            get(&conn, "email").unwrap().contact,
            "dinsos@kupangkota.go.id"
        );
        assert_eq!(
            get(&conn, "facebook").unwrap().contact,
            "Pengaduan Penyaluran Bansos"
        );
        assert_eq!(
            get(&conn, "counter").unwrap().deadline_unit,
            DeadlineUnit::Minutes
        );
    }

    #[test]
    fn invalid_values_save_nothing() {
        let conn = crate::store::open_in_memory().unwrap();
        let inputs = [
            DeadlineInput {
                code: "letter".into(),
                value: "10".into(),
            },
            DeadlineInput {
                code: "lapor".into(),
                value: "0".into(),
            },
            DeadlineInput {
                code: "counter".into(),
                value: "abc".into(),
            },
        ];
        let err = save_deadlines(&conn, &inputs).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["deadline.lapor", "deadline.counter"]);
        assert_eq!(get(&conn, "letter").unwrap().deadline_value, 7);
        save_deadlines(&conn, &inputs[..1]).unwrap();
        assert_eq!(get(&conn, "letter").unwrap().deadline_value, 10);
    }
}
