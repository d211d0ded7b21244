//! The list behind each number of the recap: the same rules decide what a figure counts and
//! what its list shows, so the two never disagree.

use crate::store::Connection;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{as_of, case_facts, visit_facts, CaseFacts, Period, Timeliness};
use crate::cases::{self, Case};
use crate::error::{Error, Result};
use crate::guestbook::{OUTCOMES, PURPOSES};
use crate::text;

/// At most this many records in one list (the count says how many there are).
pub const LIMIT: usize = 500;

/// Which figure: `figure` names it, `code` narrows it (a channel, kind, status, unit id,
/// purpose or outcome code).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FigureQuery {
    pub figure: String,
    #[serde(default)]
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitRow {
    pub id: i64,
    pub person_id: i64,
    pub date_label: String,
    pub time_in: String,
    pub name: String,
    pub purpose_label: &'static str,
    pub outcome_label: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureList {
    pub total: usize,
    pub cases: Vec<Case>,
    pub visits: Vec<VisitRow>,
}

fn timeliness_of(name: &str) -> Option<Timeliness> {
    match name {
        "on_time" => Some(Timeliness::OnTime),
        "late" => Some(Timeliness::Late),
        "pending" => Some(Timeliness::Pending),
        _ => None,
    }
}

/// Whether `case` counts in the figure (for the period's own cases).
fn counts_in(case: &CaseFacts, query: &FigureQuery, as_of: NaiveDate) -> Option<bool> {
    let code = query.code.as_str();
    let (group, class) = match query.figure.split_once(':') {
        Some((group, class)) => (group, Some(timeliness_of(class)?)),
        None => (query.figure.as_str(), None),
    };
    let in_class = class.is_none_or(|c| case.timeliness(as_of) == c);
    let settled = case.settled_by(as_of);
    Some(match group {
        "cases" => true,
        "channel" => case.channel == code,
        "kind" => case.kind == code,
        "status" => case.status == code,
        "sla" => in_class,
        "sla_channel" => in_class && case.channel == code,
        "sla_unit" => {
            in_class
                && match code {
                    "belum" => settled.is_none(),
                    "tanpa_unit" => settled.is_some() && case.unit_id.is_none(),
                    unit => {
                        settled.is_some()
                            && case.unit_id.map(|u| u.to_string()).as_deref() == Some(unit)
                    }
                }
        }
        "answered" => settled.is_some(),
        _ => return None,
    })
}

fn unknown() -> Error {
    Error::invalid(
        "figure",
        "report.unknown_figure",
        "Angka laporan ini tidak dikenal.",
    )
}

pub fn list(
    conn: &Connection,
    period: &Period,
    query: &FigureQuery,
    today: NaiveDate,
) -> Result<FigureList> {
    let as_of = as_of(period, today);
    let case_ids: Option<Vec<i64>> = match query.figure.as_str() {
        "open_at_end" | "overdue_at_end" => {
            let overdue = query.figure == "overdue_at_end";
            Some(
                case_facts(conn, as_of, as_of, true)?
                    .into_iter()
                    .filter(|c| c.open_at(as_of) && (!overdue || c.due_date < as_of))
                    .map(|c| c.id)
                    .collect(),
            )
        }
        figure if !figure.starts_with("visit") && figure != "cards_late" => {
            let mut ids = Vec::new();
            for case in case_facts(conn, period.from, period.to, false)? {
                if counts_in(&case, query, as_of).ok_or_else(unknown)? {
                    ids.push(case.id);
                }
            }
            Some(ids)
        }
        _ => None,
    };
    if let Some(mut ids) = case_ids {
        ids.sort_unstable_by(|a, b| b.cmp(a));
        let total = ids.len();
        let cases = ids
            .into_iter()
            .take(LIMIT)
            .map(|id| cases::get(conn, id))
            .collect::<Result<Vec<_>>>()?;
        return Ok(FigureList {
            total,
            cases,
            visits: Vec::new(),
        });
    }
    let code = query.code.as_str();
    let mut ids: Vec<i64> = Vec::new();
    for visit in visit_facts(conn, period.from, period.to, today)? {
        let counted = match query.figure.as_str() {
            "visits" => true,
            "visit_purpose" => visit.purpose == code,
            "visit_outcome" => visit.outcome.as_deref().unwrap_or("none") == code,
            "cards_late" => visit.card_late,
            "counter_answer" => visit.counter_timing.map(|t| t.code()) == Some(code),
            _ => return Err(unknown()),
        };
        if counted {
            ids.push(visit.id);
        }
    }
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let total = ids.len();
    let mut stmt = conn.prepare_cached(
        "SELECT v.id, v.person_id, v.visit_date, v.time_in,
                CASE WHEN EXISTS (SELECT 1 FROM cases c WHERE c.visit_id = v.id AND c.identity <> 'named')
                     THEN :hidden
                     WHEN p.anonymised_at IS NOT NULL THEN :anonymised
                     ELSE p.name END,
                v.purpose_category, v.outcome
           FROM visits v JOIN people p ON p.id = v.person_id WHERE v.id = :id",
    )?;
    let visits = ids
        .into_iter()
        .take(LIMIT)
        .map(|id| {
            let params = crate::store::named_params! {
                ":id": id,
                ":hidden": cases::CONFIDENTIAL_NAME,
                ":anonymised": crate::people::ANONYMISED_NAME,
            };
            stmt.query_row(params, |row| {
                let day: NaiveDate = row.get(2)?;
                let time_in: chrono::DateTime<chrono::Utc> = row.get(3)?;
                let purpose: String = row.get(5)?;
                let outcome: Option<String> = row.get(6)?;
                Ok(VisitRow {
                    id: row.get(0)?,
                    person_id: row.get(1)?,
                    date_label: crate::dates::format_long(day),
                    time_in: crate::guestbook::time_label(time_in),
                    name: row.get(4)?,
                    purpose_label: text::label(&PURPOSES, &purpose),
                    outcome_label: match outcome.as_deref() {
                        Some(code) => text::label(&OUTCOMES, code),
                        None => "Belum dicatat",
                    },
                })
            })
        })
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(FigureList {
        total,
        cases: Vec::new(),
        visits,
    })
}
