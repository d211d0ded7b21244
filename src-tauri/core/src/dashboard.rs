//! Beranda: what reception needs to know at a glance today. Later areas add their counts.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::calendar::{holidays, Deadline, WorkingCalendar};
use crate::dates;
use crate::error::Result;
use crate::settings::{channels, letterhead};

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub today: NaiveDate,
    /// `Sabtu, 28 November 2026`
    pub today_label: String,
    pub is_working_day: bool,
    /// Why today is not a working day (the holiday's name, or the weekend).
    pub day_off_reason: Option<String>,
    pub government_name: String,
    pub office_name: String,
    /// Years (this and next) that still have no holiday list.
    pub missing_holiday_years: Vec<i32>,
    pub upcoming_holidays: Vec<holidays::Holiday>,
    /// For each channel: the deadline of something received now.
    pub deadlines_if_received_now: Vec<ChannelDeadline>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelDeadline {
    pub channel: channels::Channel,
    pub deadline: Deadline,
}

pub fn build(
    conn: &Connection,
    calendar: &WorkingCalendar,
    now: DateTime<Utc>,
) -> Result<Dashboard> {
    let today = dates::wita_date(now);
    let letterhead = letterhead::in_force_on(conn, today)?;
    let mut missing_holiday_years = Vec::new();
    for year in [today.year(), today.year() + 1] {
        if !holidays::has_year(conn, year)? {
            missing_holiday_years.push(year);
        }
    }
    let mut upcoming_holidays = Vec::new();
    for year in [today.year(), today.year() + 1] {
        upcoming_holidays.extend(
            holidays::list_year(conn, year)?
                .into_iter()
                .filter(|h| h.date >= today && h.date <= today + Duration::days(90)),
        );
    }
    upcoming_holidays.truncate(5);
    let day_off_reason = if calendar.is_working_day(today) {
        None
    } else {
        Some(
            holidays::list_year(conn, today.year())?
                .into_iter()
                .find(|h| h.date == today)
                .map(|h| h.name)
                .unwrap_or_else(|| "Akhir pekan".to_owned()),
        )
    };
    let mut deadlines_if_received_now = Vec::new();
    for channel in channels::list(conn)? {
        let deadline = calendar.deadline(&channel, now)?;
        deadlines_if_received_now.push(ChannelDeadline { channel, deadline });
    }
    Ok(Dashboard {
        today,
        today_label: dates::format_with_weekday(today),
        is_working_day: day_off_reason.is_none(),
        day_off_reason,
        government_name: letterhead.government_name,
        office_name: letterhead.office_name,
        missing_holiday_years,
        upcoming_holidays,
        deadlines_if_received_now,
    })
}
