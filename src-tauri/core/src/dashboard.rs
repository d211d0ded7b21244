//! Beranda: what the office needs to know at a glance today — cases by deadline, per channel
//! and per official, ID cards still held, today's counts — and the calendar's warnings.

use crate::store::{named_params, Connection};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::calendar::{holidays, Deadline, WorkingCalendar};
use crate::cases::{DueWindow, OPEN};
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
    pub workload: Workload,
    /// For the Head (or whoever acts for him): what waits for his disposition.
    pub disposition_queue: Vec<crate::cases::Case>,
    /// For an official: visitors sent to him, waiting for his answer.
    pub visitors_waiting: Vec<crate::guestbook::Visit>,
    /// For an Admin: the daily automatic backup, as it last ran (None for others).
    pub backup: Option<BackupState>,
    /// For those who verify the trail (the Admin and the Head): a cut accepted lately.
    pub audit_accepted: Option<AuditAccepted>,
}

/// An Admin's acceptance of a cut in the audit trail, shown on Beranda for a month: the Head
/// oversees it, and the Admin who pressed it may be the one who cut.
#[derive(Debug, Clone, Serialize)]
pub struct AuditAccepted {
    pub by: String,
    /// `Senin, 30 November 2026 pukul 09.05 WITA`
    pub at_label: String,
    pub pc: String,
}

/// How long Beranda recalls an acceptance of a cut.
const ACCEPTANCE_SHOWN_DAYS: i64 = 30;

/// The latest acceptance of a cut, if it was within the last month.
pub fn audit_accepted(conn: &Connection, now: DateTime<Utc>) -> Result<Option<AuditAccepted>> {
    let Some((by, at, pc)) = crate::audit::last_acceptance(conn)? else {
        return Ok(None);
    };
    Ok(
        (now - at < Duration::days(ACCEPTANCE_SHOWN_DAYS)).then(|| AuditAccepted {
            by,
            at_label: long_instant(at),
            pc,
        }),
    )
}

/// `Senin, 30 November 2026 pukul 09.05 WITA`
fn long_instant(instant: DateTime<Utc>) -> String {
    let wita = instant.with_timezone(&dates::wita());
    format!(
        "{} pukul {} WITA",
        dates::format_with_weekday(wita.date_naive()),
        wita.format("%H.%M")
    )
}

/// The daily automatic backup at a glance.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BackupState {
    /// A folder is chosen, so the backup runs daily.
    pub folder_set: bool,
    /// `Senin, 30 November 2026 pukul 09.05 WITA`, empty before the first one.
    pub last_label: String,
    /// The PC that writes it.
    pub duty_pc: String,
    /// No automatic backup yesterday or today while one is due.
    pub overdue: bool,
}

/// The automatic backup's state from the settings.
pub fn backup_state(conn: &Connection, now: DateTime<Utc>) -> Result<BackupState> {
    use crate::settings::values;
    let folder = values::get(conn, values::BACKUP_FOLDER)?.unwrap_or_default();
    let last_at = values::get(conn, values::BACKUP_LAST_AUTO_AT)?
        .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
        .map(|t| t.with_timezone(&Utc));
    let last_label = last_at.map(long_instant).unwrap_or_default();
    let today = dates::wita_date(now);
    let overdue = !folder.is_empty()
        && last_at.is_none_or(|t| dates::wita_date(t) < today - Duration::days(1));
    Ok(BackupState {
        folder_set: !folder.is_empty(),
        last_label,
        duty_pc: values::get(conn, values::BACKUP_DUTY_PC)?.unwrap_or_default(),
        overdue,
    })
}

/// Open cases by deadline, per channel and per official; today's counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Workload {
    pub open: i64,
    pub due_today: i64,
    pub overdue: i64,
    /// Due after today, up to the second working day from now.
    pub due_soon: i64,
    pub soon_until_label: String,
    pub by_channel: Vec<ChannelLoad>,
    pub by_official: Vec<OfficialLoad>,
    pub visits_today: i64,
    pub letters_today: i64,
    pub cases_today: i64,
    pub cards_held: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChannelLoad {
    pub code: String,
    pub name: String,
    pub open: i64,
    pub overdue: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfficialLoad {
    pub official_id: i64,
    pub name: String,
    pub position: String,
    /// Open cases with a disposition to them not yet reported back.
    pub open: i64,
    pub overdue: i64,
}

pub fn workload(conn: &Connection, window: DueWindow) -> Result<Workload> {
    let params = named_params! { ":today": window.today, ":soon": window.soon_until };
    let (open, due_today, overdue, due_soon) = conn
        .prepare_cached(&format!(
            "SELECT count(*), count(*) FILTER (WHERE c.due_date = :today),
                    count(*) FILTER (WHERE c.due_date < :today),
                    count(*) FILTER (WHERE c.due_date > :today AND c.due_date <= :soon)
               FROM cases c WHERE {OPEN}"
        ))?
        .query_row(params, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    // Open cases per channel from the partial index of open cases, then every channel listed
    // (those with none too) in the office's order.
    let mut open_by_channel: std::collections::HashMap<String, (i64, i64)> = conn
        .prepare_cached(&format!(
            "SELECT c.channel, count(*), count(*) FILTER (WHERE c.due_date < :today)
               FROM cases c WHERE {OPEN} GROUP BY c.channel"
        ))?
        .query_map(named_params! { ":today": window.today }, |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?)))
        })?
        .collect::<crate::store::SqlResult<_>>()?;
    let by_channel = channels::list(conn)?
        .into_iter()
        .map(|channel| {
            let (open, overdue) = open_by_channel.remove(&channel.code).unwrap_or((0, 0));
            ChannelLoad {
                code: channel.code,
                name: channel.name,
                open,
                overdue,
            }
        })
        .collect();
    let by_official = conn
        .prepare_cached(&format!(
            "SELECT o.id, o.name, o.position, count(DISTINCT c.id),
                    count(DISTINCT CASE WHEN c.due_date < :today THEN c.id END)
               FROM dispositions d
               JOIN cases c ON c.id = d.case_id
               JOIN officials o ON o.id = d.to_official_id
              WHERE d.reported_at IS NULL AND {OPEN}
              GROUP BY o.id
              ORDER BY 5 DESC, 4 DESC, o.name"
        ))?
        .query_map(named_params! { ":today": window.today }, |r| {
            Ok(OfficialLoad {
                official_id: r.get(0)?,
                name: r.get(1)?,
                position: r.get(2)?,
                open: r.get(3)?,
                overdue: r.get(4)?,
            })
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    // "Today" is what arrived today (WITA), even when it counts from the next working day.
    let start = dates::wita_instant(window.today, chrono::NaiveTime::MIN);
    let end = start + Duration::days(1);
    let arrived_today = |table: &str| -> Result<i64> {
        Ok(conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM {table} WHERE received_at >= :start AND received_at < :end"
            ))?
            .query_row(named_params! { ":start": start, ":end": end }, |r| r.get(0))?)
    };
    let visits_today: i64 = conn
        .prepare_cached("SELECT count(*) FROM visits WHERE visit_date = ?1")?
        .query_row([window.today], |r| r.get(0))?;
    let cards_held: i64 = conn
        .prepare_cached("SELECT count(*) FROM id_deposits WHERE returned_at IS NULL")?
        .query_row([], |r| r.get(0))?;
    Ok(Workload {
        open,
        due_today,
        overdue,
        due_soon,
        soon_until_label: dates::format_with_weekday(window.soon_until),
        by_channel,
        by_official,
        visits_today,
        letters_today: arrived_today("letters")?,
        cases_today: arrived_today("cases")?,
        cards_held,
    })
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
    // Quoted as a case registered now would get it (after closing time: from tomorrow).
    let closing = crate::settings::office_hours::closing_time(conn)?;
    let mut deadlines_if_received_now = Vec::new();
    for channel in channels::list(conn)? {
        let deadline = calendar.case_deadline(&channel, now, closing)?;
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
        workload: workload(conn, DueWindow::new(calendar, today)?)?,
        disposition_queue: Vec::new(),
        visitors_waiting: Vec::new(),
        backup: None,
        audit_accepted: None,
    })
}
