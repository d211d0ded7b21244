//! The doors a complaint comes through, each with its deadline: the counter in minutes, the
//! rest in working days (from the office's service standard; editable).

use rusqlite::{named_params, Connection};
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
}

impl Channel {
    #[cfg(test)]
    pub fn for_test(code: &str, unit: DeadlineUnit, value: i64) -> Self {
        Channel {
            code: code.into(),
            name: code.into(),
            deadline_unit: unit,
            deadline_value: value,
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
        "SELECT code, name, deadline_unit, deadline_value FROM channels ORDER BY sort_order",
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
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_service_standard() {
        let conn = crate::store::open_in_memory().unwrap();
        let days: Vec<_> = list(&conn)
            .unwrap()
            .into_iter()
            .map(|c| (c.code, c.deadline_value))
            .collect();
        let expected = [
            ("counter", 15),
            ("suggestion_box", 7),
            ("letter", 7),
            ("email", 7),
            ("lapor", 8),
            ("whatsapp", 7),
            ("facebook", 7),
        ];
        assert_eq!(days, expected.map(|(c, v)| (c.to_string(), v)));
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
