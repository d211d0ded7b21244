//! The office's closing time: an item handed in later counts as received on the next working
//! day. The hours are the office's to confirm, so they are a setting (default 16.00 WITA).

use chrono::NaiveTime;
use rusqlite::{Connection, OptionalExtension};

use crate::dates;
use crate::error::Result;

const SETTING: &str = "office.closing_time";

pub fn closing_time(conn: &Connection) -> Result<NaiveTime> {
    let value: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([SETTING], |r| r.get(0))
        .optional()?;
    Ok(value
        .and_then(|v| dates::parse_time("closing_time", "Jam tutup", &v).ok())
        .unwrap_or(NaiveTime::from_hms_opt(16, 0, 0).expect("valid time")))
}

pub fn save_closing_time(conn: &Connection, typed: &str) -> Result<NaiveTime> {
    let time = dates::parse_time("closing_time", "Jam tutup kantor", typed)?;
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(rusqlite::params![SETTING, dates::format_time(time)])?;
    Ok(time)
}
