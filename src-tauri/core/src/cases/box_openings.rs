//! The suggestion box (kotak saran) is opened now and then, by someone, with a witness, and
//! holds a number of slips. Each opening is recorded; the cases from it refer to it and count
//! from the day it was opened (the standard's seven working days run from then).

use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::text;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OpeningInput {
    /// Empty: now.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    pub slips: String,
    #[serde(default)]
    pub witness: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoxOpening {
    pub id: i64,
    pub opened_at: DateTime<Utc>,
    pub opened_date: NaiveDate,
    /// `Senin, 30 November 2026 pukul 10.15`
    pub opened_label: String,
    pub slips: i64,
    pub witness: String,
    pub note: String,
    pub opened_by: String,
    /// Cases registered from it so far.
    pub cases: i64,
}

const SELECT: &str = "
SELECT b.id, b.opened_at, b.opened_date, b.slips, b.witness, b.note, a.full_name,
       (SELECT count(*) FROM cases c WHERE c.box_opening_id = b.id)
  FROM box_openings b JOIN accounts a ON a.id = b.opened_by";

fn from_row(row: &Row) -> crate::store::SqlResult<BoxOpening> {
    let at: DateTime<Utc> = row.get(1)?;
    Ok(BoxOpening {
        id: row.get(0)?,
        opened_label: format!(
            "{} pukul {}",
            dates::format_with_weekday(dates::wita_date(at)),
            crate::guestbook::time_label(at)
        ),
        opened_at: at,
        opened_date: row.get(2)?,
        slips: row.get(3)?,
        witness: row.get(4)?,
        note: row.get(5)?,
        opened_by: row.get(6)?,
        cases: row.get(7)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<BoxOpening> {
    conn.prepare_cached(&format!("{SELECT} WHERE b.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "box_opening.not_found",
            what: "Pembukaan kotak saran",
        })
}

/// The most recent openings, newest first: what the case form offers.
pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<BoxOpening>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} ORDER BY b.opened_at DESC, b.id DESC LIMIT ?1"
        ))?
        .query_map([limit], from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// Records an opening. Call inside the write transaction.
pub fn record(
    conn: &Connection,
    input: &OpeningInput,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<BoxOpening> {
    let mut e = FieldErrors::new();
    let at = e.take(dates::past_instant(
        ("date", "Tanggal dibuka"),
        ("time", "Jam dibuka"),
        &input.date,
        &input.time,
        now,
    ));
    let slips = e.take(text::integer_in(
        "slips",
        "Jumlah lembar di dalam kotak",
        &input.slips,
        0,
        500,
    ));
    let witness = e.take(text::optional(
        "witness",
        "Disaksikan oleh",
        &input.witness,
        120,
    ));
    let note = e.take(text::optional("note", "Catatan", &input.note, 500));
    e.into_result()?;
    let at = at.expect("checked");
    conn.prepare_cached(
        "INSERT INTO box_openings (opened_at, opened_date, slips, witness, note, opened_by,
                                   created_at)
         VALUES (:at, :day, :slips, :witness, :note, :account, :now)",
    )?
    .execute(named_params! {
        ":at": at, ":day": dates::wita_date(at), ":slips": slips, ":witness": witness,
        ":note": note, ":account": account_id, ":now": now,
    })?;
    get(conn, conn.last_insert_id()?)
}
