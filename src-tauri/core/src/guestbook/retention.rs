//! Retention (UU 27/2022): after a set number of months, guest-book entries are anonymised —
//! name, ID number, NIK, phone, address, the free-text purpose and who collected their card
//! removed, the visit rows and their categories kept so counts stay right. An admin sees
//! what will change first.

use crate::store::{named_params, Connection};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

use super::{custody, visits};
use crate::dates;
use crate::error::{Error, Result};
use crate::people;
use crate::settings::values;
use crate::text;

pub const MIN_MONTHS: i64 = 6;
pub const MAX_MONTHS: i64 = 120;
/// People listed by name in the preview; the counts cover all.
const PREVIEW_NAMES: i64 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    pub months: i64,
    /// Visits before this day are anonymised.
    pub cutoff: NaiveDate,
    pub cutoff_label: String,
    pub people: i64,
    pub visits: i64,
    pub sample: Vec<PreviewPerson>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewPerson {
    pub id: i64,
    pub name: String,
    pub last_visit_label: String,
}

pub fn months(conn: &Connection) -> Result<i64> {
    Ok(values::get(conn, values::RETENTION_MONTHS)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(24))
}

pub fn save_months(conn: &Connection, typed: &str) -> Result<i64> {
    let months = text::integer_in(
        "months",
        "Masa simpan data tamu (bulan)",
        typed,
        MIN_MONTHS,
        MAX_MONTHS,
    )?;
    values::set(conn, values::RETENTION_MONTHS, &months.to_string())?;
    Ok(months)
}

fn cutoff(months: i64, today: NaiveDate) -> Result<NaiveDate> {
    today
        .checked_sub_months(Months::new(months as u32))
        .ok_or_else(|| Error::invalid("months", "date.out_of_range", "Masa simpan tidak valid."))
}

/// Guest-book visitors whose every visit is older than the cutoff, who are not in the
/// building, whose card is not held, and who have no case still open or received since the
/// cutoff (a complainant's details are needed until their case is settled; people known
/// only from cases are not guest-book entries at all).
const DUE: &str = "
    SELECT p.id FROM people p
     WHERE p.anonymised_at IS NULL
       AND EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id
                        AND (c.status IN ('diterima', 'didisposisikan', 'dalam_penanganan')
                             OR c.received_date >= :cutoff))
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id AND v.visit_date >= :cutoff)
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id AND v.time_out IS NULL)
       AND NOT EXISTS (SELECT 1 FROM visits v JOIN id_deposits d ON d.visit_id = v.id
                        WHERE v.person_id = p.id AND d.returned_at IS NULL)";

pub fn preview(conn: &Connection, today: NaiveDate) -> Result<Preview> {
    let months = months(conn)?;
    let cutoff = cutoff(months, today)?;
    let (people, visits): (i64, i64) = conn
        .prepare_cached(&format!(
            "SELECT count(*), coalesce(sum((SELECT count(*) FROM visits v WHERE v.person_id = due.id)), 0)
               FROM ({DUE}) due"
        ))?
        .query_row(named_params! { ":cutoff": cutoff }, |r| Ok((r.get(0)?, r.get(1)?)))?;
    let sample = conn
        .prepare_cached(&format!(
            "SELECT p.id, p.name, (SELECT max(visit_date) FROM visits v WHERE v.person_id = p.id)
               FROM people p WHERE p.id IN ({DUE}) ORDER BY p.name LIMIT {PREVIEW_NAMES}"
        ))?
        .query_map(named_params! { ":cutoff": cutoff }, |r| {
            let last: Option<NaiveDate> = r.get(2)?;
            Ok(PreviewPerson {
                id: r.get(0)?,
                name: r.get(1)?,
                last_visit_label: last.map(dates::format_long).unwrap_or_default(),
            })
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(Preview {
        months,
        cutoff,
        cutoff_label: dates::format_long(cutoff),
        people,
        visits,
        sample,
    })
}

/// Anonymises what [`preview`] showed for `expected_cutoff` and `expected_people`; refuses
/// if the setting (and so the cutoff) or the people due changed since the preview was shown,
/// so the admin never removes more than they were shown.
pub fn apply(
    conn: &Connection,
    expected_cutoff: NaiveDate,
    expected_people: i64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Preview> {
    let shown = preview(conn, today)?;
    if shown.cutoff != expected_cutoff || shown.people != expected_people {
        return Err(Error::invalid(
            "",
            "retention.changed",
            "Data yang akan dianonimkan berubah sejak pratinjau ditampilkan; periksa pratinjau \
             yang baru lalu setujui lagi.",
        ));
    }
    let due: Vec<i64> = conn
        .prepare_cached(DUE)?
        .query_map(named_params! { ":cutoff": shown.cutoff }, |r| r.get(0))?
        .collect::<crate::store::SqlResult<_>>()?;
    // Each table's owner removes what names the visitor in it: who collected a card and
    // which it was, the visits' words, the person's own details.
    for person in due {
        custody::anonymise_of_person(conn, person)?;
        visits::anonymise_of_person(conn, person)?;
        people::anonymise(conn, person, now)?;
    }
    Ok(shown)
}
