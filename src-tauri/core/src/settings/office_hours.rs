//! The office's closing time: an item handed in later counts as received on the next working
//! day. The hours are the office's to confirm, so they are a setting (default 16.00 WITA).

use crate::store::Connection;
use chrono::NaiveTime;

use super::values;

use crate::dates;
use crate::error::Result;

pub fn closing_time(conn: &Connection) -> Result<NaiveTime> {
    Ok(values::get(conn, values::CLOSING_TIME)?
        .and_then(|v| dates::parse_time("closing_time", "Jam tutup", &v).ok())
        .unwrap_or(NaiveTime::from_hms_opt(16, 0, 0).expect("valid time")))
}

pub fn save_closing_time(conn: &Connection, typed: &str) -> Result<NaiveTime> {
    let time = dates::parse_time("closing_time", "Jam tutup kantor", typed)?;
    values::set(conn, values::CLOSING_TIME, &dates::format_time(time))?;
    Ok(time)
}
