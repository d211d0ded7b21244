//! Working days: Monday to Friday, minus national holidays and cuti bersama, in WITA.
//!
//! The one rule for deadlines lives here: the day of receipt is day 0 and the deadline is the
//! end of the Nth working day after it. Everything takes the dates it needs as parameters.

pub mod holidays;

use std::collections::BTreeSet;
use std::ops::Bound;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::settings::channels::{Channel, DeadlineUnit};

/// Longest span the calendar will count, in working days; past it is a typing mistake.
pub const MAX_WORKING_DAYS: u32 = 1000;

#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    holidays: BTreeSet<NaiveDate>,
}

/// When an item received through a channel must be answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The office's date the deadline falls on.
    pub due_date: NaiveDate,
    /// The last instant that still meets the deadline.
    pub due_at: DateTime<Utc>,
    /// As staff read it: `Senin, 7 Desember 2026` or `Senin, 7 Desember 2026 pukul 10.15 WITA`.
    pub label: String,
}

impl WorkingCalendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains(&date)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_holiday(date)
    }

    /// The Nth working day after `from` (`from` itself is day 0, whatever day it is).
    pub fn add_working_days(&self, from: NaiveDate, days: u32) -> Result<NaiveDate> {
        if days > MAX_WORKING_DAYS {
            return Err(Error::invalid(
                "days",
                "calendar.span_too_long",
                format!("Jumlah hari kerja paling banyak {MAX_WORKING_DAYS}."),
            ));
        }
        let mut date = from;
        let mut left = days;
        while left > 0 {
            date = date.succ_opt().ok_or_else(out_of_calendar)?;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        Ok(date)
    }

    /// Working days in `(from, to]`; negative when `to` is before `from`. The inverse of
    /// [`add_working_days`](Self::add_working_days).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        if to == from {
            return 0;
        }
        let span = (to - from).num_days();
        let full_weeks = span / 7;
        let mut count = full_weeks * 5;
        // The leftover days after the full weeks, walked one by one (at most six).
        let mut date = from + Duration::days(full_weeks * 7);
        for _ in 0..span % 7 {
            date = match date.succ_opt() {
                Some(next) => next,
                None => break,
            };
            if !is_weekend(date) {
                count += 1;
            }
        }
        let holidays_on_weekdays = self
            .holidays
            .range((Bound::Excluded(from), Bound::Included(to)))
            .filter(|d| !is_weekend(**d))
            .count() as i64;
        count - holidays_on_weekdays
    }

    /// The office day an item handed in at `received` counts as received: that day when it
    /// is a working day and the office had not yet closed, otherwise the next working day.
    /// The one place this rule lives (letters and cases both use it).
    pub fn counted_receipt_date(
        &self,
        received: DateTime<Utc>,
        closing: NaiveTime,
    ) -> Result<NaiveDate> {
        let local = received.with_timezone(&dates::wita());
        let day = local.date_naive();
        if self.is_working_day(day) && local.time() < closing {
            Ok(day)
        } else {
            self.add_working_days(day, 1)
        }
    }

    /// The deadline of a case: counter items run in minutes from the instant; the rest in
    /// working days from the day it counts as received (after closing time: the next one).
    pub fn case_deadline(
        &self,
        channel: &Channel,
        received: DateTime<Utc>,
        closing: NaiveTime,
    ) -> Result<Deadline> {
        match channel.deadline_unit {
            DeadlineUnit::Minutes => self.deadline(channel, received),
            DeadlineUnit::WorkingDays => {
                let day_zero = self.counted_receipt_date(received, closing)?;
                self.deadline(channel, dates::wita_instant(day_zero, NaiveTime::MIN))
            }
        }
    }

    /// The deadline for an item received at `received` through `channel`.
    pub fn deadline(&self, channel: &Channel, received: DateTime<Utc>) -> Result<Deadline> {
        match channel.deadline_unit {
            DeadlineUnit::Minutes => {
                let due_at = received
                    .checked_add_signed(Duration::minutes(channel.deadline_value))
                    .ok_or_else(out_of_calendar)?;
                let local = due_at.with_timezone(&dates::wita());
                Ok(Deadline {
                    due_date: local.date_naive(),
                    due_at,
                    label: format!(
                        "{} pukul {} WITA",
                        dates::format_with_weekday(local.date_naive()),
                        local.format("%H.%M")
                    ),
                })
            }
            DeadlineUnit::WorkingDays => {
                let day_zero = dates::wita_date(received);
                let days = u32::try_from(channel.deadline_value).unwrap_or(u32::MAX);
                let due_date = self.add_working_days(day_zero, days)?;
                Ok(Deadline {
                    due_date,
                    due_at: end_of_day_wita(due_date)?,
                    label: dates::format_with_weekday(due_date),
                })
            }
        }
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn out_of_calendar() -> Error {
    Error::invalid(
        "date",
        "calendar.out_of_range",
        "Tanggal di luar rentang kalender.",
    )
}

/// 23:59:59 WITA on `date`, as UTC.
fn end_of_day_wita(date: NaiveDate) -> Result<DateTime<Utc>> {
    let last_second = NaiveTime::from_hms_opt(23, 59, 59).expect("valid time");
    date.and_time(last_second)
        .and_local_timezone(dates::wita())
        .single()
        .map(|local| local.with_timezone(&Utc))
        .ok_or_else(out_of_calendar)
}

#[cfg(test)]
mod tests;
