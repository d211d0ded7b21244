//! Laporan: the recap of the complaint service for a month, a quarter or a year, computed from
//! the records so nobody counts by hand, and the lists behind each figure.
//!
//! The rules, in one place:
//! - A case belongs to the period in which it counts as received (`received_date`).
//! - The recap is taken **as of** the end of the period (or today, while the period runs), so
//!   a November recap printed in January still says what November's end looked like.
//! - A case is *settled* on the day it was answered, or referred (dilimpahkan) elsewhere; it is
//!   **on time** when settled on or before its deadline day, **late** when settled after it or
//!   still open when the deadline has passed, and **pending** while open and not yet due.
//! - Days to answer are working days from the day received to the day settled.
//!
//! - [`period`]: months, quarters and years, checked.
//! - [`figures`]: which figure a case or visit counts in (the lists behind the numbers).

pub mod figures;
pub mod period;
#[cfg(test)]
mod tests;

use crate::store::{named_params, Connection};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;

use crate::calendar::WorkingCalendar;
use crate::cases::{self, status::Status};
use crate::dates;
use crate::error::Result;
use crate::guestbook::visits::AnswerTiming;
use crate::guestbook::{OUTCOMES, PURPOSES};

pub use period::{Period, PeriodInput};

/// One counted thing: a code (for opening its list), a label and the count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub code: String,
    pub label: String,
    pub count: i64,
}

/// On time, late and pending, with the share on time among those decided.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sla {
    pub code: String,
    pub label: String,
    pub on_time: i64,
    pub late: i64,
    pub pending: i64,
    /// on_time / (on_time + late), in percent with one decimal; None when nothing is decided.
    pub share_on_time: Option<f64>,
}

impl Sla {
    fn add(&mut self, class: Timeliness) {
        match class {
            Timeliness::OnTime => self.on_time += 1,
            Timeliness::Late => self.late += 1,
            Timeliness::Pending => self.pending += 1,
        }
    }

    fn finish(mut self) -> Self {
        let decided = self.on_time + self.late;
        self.share_on_time =
            (decided > 0).then(|| (self.on_time as f64 * 1000.0 / decided as f64).round() / 10.0);
        self
    }
}

/// One month of the year's chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Month {
    pub month: u32,
    pub label: String,
    /// Cases received, in the order of [`Recap::channels`].
    pub by_channel: Vec<i64>,
    pub share_on_time: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recap {
    pub period: Period,
    /// The day the recap is taken at: the period's last day, or today while it runs.
    pub as_of: NaiveDate,
    pub as_of_label: String,
    pub cases_total: i64,
    pub by_channel: Vec<Count>,
    pub by_kind: Vec<Count>,
    /// Status now (as recorded), not at the period's end.
    pub by_status: Vec<Count>,
    pub sla: Sla,
    pub sla_by_channel: Vec<Sla>,
    /// By the unit of the official who answered; cases not answered under their own row.
    pub sla_by_unit: Vec<Sla>,
    pub answer_days_average: Option<f64>,
    pub answer_days_longest: Option<i64>,
    /// Every case received up to `as_of` (whatever its period) still open then, and of
    /// those the ones past their deadline.
    pub open_at_end: i64,
    pub overdue_at_end: i64,
    pub visits_total: i64,
    pub visits_by_purpose: Vec<Count>,
    pub visits_by_outcome: Vec<Count>,
    /// ID cards not handed back on the day of the visit.
    pub cards_returned_late: i64,
    /// Answers at the counter: within the target (15 minutes), longer as agreed with the
    /// visitor ("sesuai kebutuhan"), and over without such an agreement.
    pub counter_answers: Vec<Count>,
    /// The channels, in settings order (the chart's legend).
    pub channels: Vec<Count>,
    /// January up to the month of `as_of`, in the period's year.
    pub months: Vec<Month>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeliness {
    OnTime,
    Late,
    Pending,
}

/// What the recap needs to know of one case.
#[derive(Debug, Clone)]
pub(crate) struct CaseFacts {
    pub id: i64,
    pub channel: String,
    pub kind: String,
    pub status: String,
    pub received_date: NaiveDate,
    pub due_date: NaiveDate,
    /// Answered, or referred elsewhere (the WITA day it was closed).
    pub settled_on: Option<NaiveDate>,
    /// The unit of the official who answered.
    pub unit_id: Option<i64>,
}

impl CaseFacts {
    /// Settled on or before `as_of`.
    pub fn settled_by(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        self.settled_on.filter(|day| *day <= as_of)
    }

    pub fn timeliness(&self, as_of: NaiveDate) -> Timeliness {
        match self.settled_by(as_of) {
            Some(day) if day <= self.due_date => Timeliness::OnTime,
            Some(_) => Timeliness::Late,
            None if self.due_date < as_of => Timeliness::Late,
            None => Timeliness::Pending,
        }
    }

    pub fn open_at(&self, as_of: NaiveDate) -> bool {
        self.received_date <= as_of && self.settled_by(as_of).is_none()
    }
}

/// Cases received from `from` to `to` (counted day), or — `open_only` — every case received
/// up to `to` that was not settled before `to`.
pub(crate) fn case_facts(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    open_only: bool,
) -> Result<Vec<CaseFacts>> {
    let sql = if open_only {
        "SELECT c.id, c.channel, c.kind, c.status, c.received_date, c.due_date, c.answered_at,
                c.closed_at, o.unit_id
           FROM cases c LEFT JOIN officials o ON o.id = c.answered_by
          WHERE c.received_date <= :to
            AND (c.status IN ('diterima', 'didisposisikan', 'dalam_penanganan')
                 OR coalesce(c.answered_at, substr(c.closed_at, 1, 10)) >= :from)"
    } else {
        "SELECT c.id, c.channel, c.kind, c.status, c.received_date, c.due_date, c.answered_at,
                c.closed_at, o.unit_id
           FROM cases c LEFT JOIN officials o ON o.id = c.answered_by
          WHERE c.received_date BETWEEN :from AND :to"
    };
    // For the open-at-end list (`from` = `to` = the day taken at) this keeps every case
    // settled that day or later; closed_at is UTC, whose date is never after the WITA one, so
    // nothing settled later is missed. `CaseFacts::open_at` then applies the exact rule.
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(named_params! { ":from": from, ":to": to }, |row| {
        let status: String = row.get(3)?;
        let answered_at: Option<NaiveDate> = row.get(6)?;
        let closed_at: Option<DateTime<Utc>> = row.get(7)?;
        let settled_on = answered_at.or_else(|| {
            (status == Status::Dilimpahkan.code())
                .then(|| closed_at.map(dates::wita_date))
                .flatten()
        });
        Ok(CaseFacts {
            id: row.get(0)?,
            channel: row.get(1)?,
            kind: row.get(2)?,
            status,
            received_date: row.get(4)?,
            due_date: row.get(5)?,
            settled_on,
            unit_id: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// What the recap needs to know of one visit.
#[derive(Debug, Clone)]
pub(crate) struct VisitFacts {
    pub id: i64,
    pub purpose: String,
    pub outcome: Option<String>,
    pub card_late: bool,
    /// For an answer at the counter: within the target, longer as agreed, or over.
    pub counter_timing: Option<AnswerTiming>,
}

/// Visits in the period; a card is late when it went back after the visit's day, or is
/// still held once that day is over (`today` is later).
pub(crate) fn visit_facts(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<VisitFacts>> {
    let target_now = crate::guestbook::visits::target_minutes(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.purpose_category, v.outcome, v.visit_date, d.visit_id, d.returned_at,
                v.routed_at, v.outcome_at, v.answer_target_minutes, v.longer_reason,
                v.meeting_started_at, v.clock_from_routing
           FROM visits v LEFT JOIN id_deposits d ON d.visit_id = v.id
          WHERE v.visit_date BETWEEN :from AND :to",
    )?;
    let rows = stmt.query_map(named_params! { ":from": from, ":to": to }, |row| {
        let outcome: Option<String> = row.get(2)?;
        let start = crate::guestbook::visits::clock_start(row.get(11)?, row.get(6)?, row.get(10)?);
        let end: Option<DateTime<Utc>> = row.get(7)?;
        let target: Option<i64> = row.get(8)?;
        let longer: Option<String> = row.get(9)?;
        // The same rule as the visit itself shows ("15 menit atau sesuai kebutuhan").
        let counter_timing = match (outcome.as_deref(), start, end) {
            (Some("answered"), Some(start), Some(end)) => {
                Some(crate::guestbook::visits::answer_timing(
                    (end - start).num_seconds(),
                    target.unwrap_or(target_now),
                    &longer,
                ))
            }
            _ => None,
        };
        let day: NaiveDate = row.get(3)?;
        let deposited: Option<i64> = row.get(4)?;
        let returned: Option<DateTime<Utc>> = row.get(5)?;
        let card_late = deposited.is_some()
            && match returned {
                Some(at) => dates::wita_date(at) > day,
                None => today > day,
            };
        Ok(VisitFacts {
            id: row.get(0)?,
            purpose: row.get(1)?,
            outcome,
            card_late,
            counter_timing,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

fn counts<'a>(
    table: impl IntoIterator<Item = (String, String)>,
    codes: impl Iterator<Item = &'a str> + Clone,
) -> Vec<Count> {
    table
        .into_iter()
        .map(|(code, label)| Count {
            count: codes.clone().filter(|c| *c == code).count() as i64,
            code,
            label,
        })
        .collect()
}

fn owned(table: &[(&str, &str)]) -> Vec<(String, String)> {
    table
        .iter()
        .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
        .collect()
}

/// The day the recap is taken at.
pub fn as_of(period: &Period, today: NaiveDate) -> NaiveDate {
    period.to.min(today)
}

/// Computes the recap of `period`.
pub fn recap(
    conn: &Connection,
    calendar: &WorkingCalendar,
    period: &Period,
    today: NaiveDate,
) -> Result<Recap> {
    let as_of = as_of(period, today);
    // A case belongs to the period it counts as received in, even when that day is still to
    // come (handed in on a weekend that ends the month); it is then pending.
    let cases = case_facts(conn, period.from, period.to, false)?;
    let channels: Vec<(String, String)> = crate::settings::channels::list(conn)?
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let units: Vec<(i64, String)> = crate::settings::units::list(conn)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();

    let mut sla = Sla::default();
    let mut by_channel_sla: Vec<Sla> = channels
        .iter()
        .map(|(code, label)| Sla {
            code: code.clone(),
            label: label.clone(),
            ..Sla::default()
        })
        .collect();
    let mut by_unit_sla: Vec<Sla> = Vec::new();
    let mut days: Vec<i64> = Vec::new();
    for case in &cases {
        let class = case.timeliness(as_of);
        sla.add(class);
        if let Some(row) = by_channel_sla.iter_mut().find(|s| s.code == case.channel) {
            row.add(class);
        }
        let settled = case.settled_by(as_of);
        let (unit_code, unit_label) = match (settled, case.unit_id) {
            (Some(_), Some(unit)) => (
                unit.to_string(),
                units
                    .iter()
                    .find(|(id, _)| *id == unit)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
            ),
            (Some(_), None) => ("tanpa_unit".to_owned(), "Tanpa pejabat penjawab".to_owned()),
            (None, _) => ("belum".to_owned(), "Belum dijawab".to_owned()),
        };
        match by_unit_sla.iter_mut().find(|s| s.code == unit_code) {
            Some(row) => row.add(class),
            None => {
                let mut row = Sla {
                    code: unit_code,
                    label: unit_label,
                    ..Sla::default()
                };
                row.add(class);
                by_unit_sla.push(row);
            }
        }
        if let Some(day) = settled {
            days.push(
                calendar
                    .working_days_between(case.received_date, day)
                    .max(0),
            );
        }
    }
    by_unit_sla.sort_by(|a, b| {
        (a.code == "belum")
            .cmp(&(b.code == "belum"))
            .then(a.label.cmp(&b.label))
    });

    let open = case_facts(conn, as_of, as_of, true)?;
    let open_at_end = open.iter().filter(|c| c.open_at(as_of)).count() as i64;
    let overdue_at_end = open
        .iter()
        .filter(|c| c.open_at(as_of) && c.due_date < as_of)
        .count() as i64;

    let visits = visit_facts(conn, period.from, period.to, today)?;
    let mut outcome_table = owned(&OUTCOMES);
    outcome_table.push(("none".into(), "Belum dicatat".into()));

    let months = months(conn, &channels, period, as_of)?;
    Ok(Recap {
        as_of_label: dates::format_long(as_of),
        as_of,
        cases_total: cases.len() as i64,
        by_channel: counts(channels.clone(), cases.iter().map(|c| c.channel.as_str())),
        by_kind: counts(owned(&cases::KINDS), cases.iter().map(|c| c.kind.as_str())),
        by_status: counts(
            crate::cases::status::ALL
                .iter()
                .map(|s| (s.code().to_owned(), s.label().to_owned())),
            cases.iter().map(|c| c.status.as_str()),
        ),
        sla: sla.finish(),
        sla_by_channel: by_channel_sla.into_iter().map(Sla::finish).collect(),
        sla_by_unit: by_unit_sla.into_iter().map(Sla::finish).collect(),
        answer_days_average: (!days.is_empty())
            .then(|| (days.iter().sum::<i64>() as f64 * 10.0 / days.len() as f64).round() / 10.0),
        answer_days_longest: days.iter().copied().max(),
        open_at_end,
        overdue_at_end,
        visits_total: visits.len() as i64,
        visits_by_purpose: counts(owned(&PURPOSES), visits.iter().map(|v| v.purpose.as_str())),
        visits_by_outcome: counts(
            outcome_table,
            visits
                .iter()
                .map(|v| v.outcome.as_deref().unwrap_or("none")),
        ),
        cards_returned_late: visits.iter().filter(|v| v.card_late).count() as i64,
        counter_answers: counts(
            AnswerTiming::ALL.map(|t| (t.code().to_owned(), t.label().to_owned())),
            visits
                .iter()
                .filter_map(|v| v.counter_timing.map(AnswerTiming::code)),
        ),
        channels: channels
            .into_iter()
            .map(|(code, label)| Count {
                code,
                label,
                count: 0,
            })
            .collect(),
        months,
        period: period.clone(),
    })
}

/// January up to the month of `as_of` in the period's year: cases received per channel and
/// the share on time (each month taken as of its own end, or `as_of` for the running one).
fn months(
    conn: &Connection,
    channels: &[(String, String)],
    period: &Period,
    as_of: NaiveDate,
) -> Result<Vec<Month>> {
    let year = period.from.year();
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(period.from);
    if as_of < start {
        return Ok(Vec::new());
    }
    let cases = case_facts(conn, start, period.to.max(as_of), false)?;
    let last_month = if as_of.year() > year {
        12
    } else {
        as_of.month()
    };
    Ok((1..=last_month)
        .map(|month| {
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(start);
            let month_end = period::month_end(first);
            let end = month_end.min(as_of);
            let of_month: Vec<&CaseFacts> = cases
                .iter()
                .filter(|c| c.received_date >= first && c.received_date <= month_end)
                .collect();
            let mut sla = Sla::default();
            for case in &of_month {
                sla.add(case.timeliness(end));
            }
            Month {
                month,
                label: dates::month_name(month).chars().take(3).collect(),
                by_channel: channels
                    .iter()
                    .map(|(code, _)| of_month.iter().filter(|c| c.channel == *code).count() as i64)
                    .collect(),
                share_on_time: sla.finish().share_on_time,
            }
        })
        .collect())
}
