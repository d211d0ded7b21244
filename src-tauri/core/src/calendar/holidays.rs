//! The holiday list (national holidays and cuti bersama) and its SQL. The admin keeps one
//! list per year from the joint ministerial decree (SKB); import replaces a year's list whole.

use std::collections::BTreeMap;

use crate::store::{named_params, Connection};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::import;
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    LiburNasional,
    CutiBersama,
}

impl HolidayKind {
    fn as_str(self) -> &'static str {
        match self {
            HolidayKind::LiburNasional => "libur_nasional",
            HolidayKind::CutiBersama => "cuti_bersama",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().replace(['_', '-'], " ").as_str() {
            "" | "libur nasional" | "nasional" | "libur" => Some(HolidayKind::LiburNasional),
            "cuti bersama" | "cuti" => Some(HolidayKind::CutiBersama),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub kind: HolidayKind,
    /// `Senin, 1 Juni 2026`
    pub label: String,
}

/// The form as typed: date `dd/mm/yyyy`, name, kind.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct HolidayInput {
    pub date: String,
    pub name: String,
    pub kind: String,
}

/// What an import changed, per year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HolidayImport {
    pub years: Vec<YearCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCount {
    pub year: i32,
    pub count: usize,
}

pub fn validate(input: &HolidayInput) -> Result<(NaiveDate, String, HolidayKind)> {
    let mut errors = FieldErrors::new();
    let date = errors.take(dates::parse("date", "Tanggal", &input.date));
    let name = errors.take(text::required("name", "Keterangan", &input.name, 120));
    let kind = HolidayKind::parse(&input.kind);
    if kind.is_none() {
        errors.add(
            "kind",
            "holiday.kind_invalid",
            "Jenis harus libur nasional atau cuti bersama.",
        );
    }
    errors.into_result()?;
    Ok((date.unwrap(), name.unwrap(), kind.unwrap()))
}

pub fn all_dates(conn: &Connection) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached("SELECT date FROM holidays ORDER BY date")?;
    let rows = stmt.query_map([], |row| row.get::<_, NaiveDate>(0))?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

pub fn list_year(conn: &Connection, year: i32) -> Result<Vec<Holiday>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, name, kind FROM holidays
          WHERE date >= :first AND date < :next ORDER BY date",
    )?;
    let rows = stmt.query_map(
        named_params! { ":first": format!("{year:04}-01-01"), ":next": format!("{:04}-01-01", year + 1) },
        |row| {
            let date: NaiveDate = row.get(0)?;
            let kind: String = row.get(2)?;
            Ok(Holiday {
                date,
                name: row.get(1)?,
                kind: HolidayKind::parse(&kind).unwrap_or(HolidayKind::LiburNasional),
                label: dates::format_with_weekday(date),
            })
        },
    )?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// Years that have a list, newest first.
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER) FROM holidays ORDER BY 1 DESC",
    )?;
    let rows = stmt.query_map([], |row| row.get(0))?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

pub fn has_year(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM holidays WHERE date >= :first AND date < :next)")?
        .query_row(
            named_params! { ":first": format!("{year:04}-01-01"), ":next": format!("{:04}-01-01", year + 1) },
            |row| row.get(0),
        )?)
}

/// Adds a holiday, or replaces the one on the same date. `replacing` is the date being
/// edited, if the admin moved it.
pub fn save(
    conn: &Connection,
    input: &HolidayInput,
    replacing: Option<NaiveDate>,
) -> Result<Holiday> {
    let (date, name, kind) = validate(input)?;
    let taken: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM holidays WHERE date = :date)")?
        .query_row(named_params! { ":date": date }, |row| row.get(0))?;
    // Adding onto, or moving onto, another holiday's date would silently replace it.
    if taken && replacing != Some(date) {
        return Err(Error::invalid(
            "date",
            "holiday.date_taken",
            "Tanggal ini sudah ada di daftar libur; ubah entri yang ada.",
        ));
    }
    if let Some(old) = replacing {
        delete(conn, old)?;
    }
    conn.prepare_cached("INSERT INTO holidays (date, name, kind) VALUES (:date, :name, :kind)")?
        .execute(named_params! { ":date": date, ":name": name, ":kind": kind.as_str() })?;
    Ok(Holiday {
        date,
        name,
        kind,
        label: dates::format_with_weekday(date),
    })
}

/// The holiday on `date`, if any (for the audit trail's before-image).
pub fn get(conn: &Connection, date: NaiveDate) -> Result<Option<Holiday>> {
    Ok(list_year(conn, date.year())?
        .into_iter()
        .find(|h| h.date == date))
}

pub fn delete(conn: &Connection, date: NaiveDate) -> Result<()> {
    let deleted = conn
        .prepare_cached("DELETE FROM holidays WHERE date = :date")?
        .execute(named_params! { ":date": date })?;
    if deleted == 0 {
        return Err(Error::NotFound {
            code: "holiday.not_found",
            what: "Hari libur",
        });
    }
    Ok(())
}

/// Imports `tanggal;keterangan;jenis` rows. Every year present in the file has its list
/// replaced by the file's rows; other years are untouched. All rows are checked first.
pub fn import_csv(conn: &Connection, bytes: &[u8]) -> Result<HolidayImport> {
    let rows = import::read_rows(bytes, &["tanggal", "date"])?;
    let mut by_year: BTreeMap<i32, Vec<(NaiveDate, String, HolidayKind)>> = BTreeMap::new();
    for row in &rows {
        let input = HolidayInput {
            date: row.cells.first().cloned().unwrap_or_default(),
            name: row.cells.get(1).cloned().unwrap_or_default(),
            kind: row.cells.get(2).cloned().unwrap_or_default(),
        };
        let holiday = validate(&input).map_err(|e| import::row_error(row, e))?;
        let year = by_year.entry(holiday.0.year()).or_default();
        if year.iter().any(|(d, _, _)| *d == holiday.0) {
            return Err(import::row_error(
                row,
                Error::invalid("date", "holiday.duplicate", "tanggal ini muncul dua kali."),
            ));
        }
        year.push(holiday);
    }
    let mut summary = Vec::new();
    for (year, holidays) in &by_year {
        conn.prepare_cached("DELETE FROM holidays WHERE date >= :first AND date < :next")?
            .execute(named_params! {
                ":first": format!("{year:04}-01-01"),
                ":next": format!("{:04}-01-01", year + 1),
            })?;
        for (date, name, kind) in holidays {
            conn.prepare_cached(
                "INSERT INTO holidays (date, name, kind) VALUES (:date, :name, :kind)",
            )?
            .execute(named_params! { ":date": date, ":name": name, ":kind": kind.as_str() })?;
        }
        summary.push(YearCount {
            year: *year,
            count: holidays.len(),
        });
    }
    Ok(HolidayImport { years: summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_replaces_only_the_years_in_the_file() {
        let conn = crate::store::open_in_memory().unwrap();
        let csv = "tanggal;keterangan;jenis\n01/01/2027;Tahun Baru 2027 Masehi;libur nasional\n\
                   24/12/2027;Cuti bersama Natal;cuti bersama\n25/12/2027;Natal;\n";
        let summary = import_csv(&conn, csv.as_bytes()).unwrap();
        assert_eq!(
            summary.years,
            vec![YearCount {
                year: 2027,
                count: 3
            }]
        );
        assert_eq!(list_year(&conn, 2026).unwrap().len(), 25);
        let list = list_year(&conn, 2027).unwrap();
        assert_eq!(list[1].kind, HolidayKind::CutiBersama);
        assert_eq!(list[2].kind, HolidayKind::LiburNasional);
        assert_eq!(years(&conn).unwrap(), vec![2027, 2026]);
    }

    #[test]
    fn a_bad_row_names_its_line_and_imports_nothing() {
        let conn = crate::store::open_in_memory().unwrap();
        let csv = "01/01/2027,Tahun Baru\n31/02/2027,Salah\n";
        let err = import_csv(&conn, csv.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("Baris 2:"), "{err}");
        assert!(!has_year(&conn, 2027).unwrap());
    }

    #[test]
    fn save_edit_and_delete() {
        let conn = crate::store::open_in_memory().unwrap();
        let input = HolidayInput {
            date: "02/01/2026".into(),
            name: "Libur daerah".into(),
            kind: "cuti bersama".into(),
        };
        save(&conn, &input, None).unwrap();
        let onto_new_year = HolidayInput {
            date: "01/01/2026".into(),
            ..input.clone()
        };
        assert_eq!(
            save(&conn, &onto_new_year, None).unwrap_err().code(),
            "holiday.date_taken"
        );
        assert_eq!(
            save(&conn, &onto_new_year, NaiveDate::from_ymd_opt(2026, 1, 2))
                .unwrap_err()
                .code(),
            "holiday.date_taken"
        );
        let moved = HolidayInput {
            date: "05/01/2026".into(),
            ..input
        };
        save(&conn, &moved, NaiveDate::from_ymd_opt(2026, 1, 2)).unwrap();
        let dates: Vec<_> = list_year(&conn, 2026)
            .unwrap()
            .into_iter()
            .map(|h| h.date)
            .collect();
        assert!(!dates.contains(&NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()));
        assert!(dates.contains(&NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()));
        assert_eq!(
            delete(&conn, NaiveDate::from_ymd_opt(2030, 1, 5).unwrap())
                .unwrap_err()
                .code(),
            "holiday.not_found"
        );
        let bad = HolidayInput {
            date: "".into(),
            name: "".into(),
            kind: "x".into(),
        };
        let fields: Vec<_> = validate(&bad)
            .unwrap_err()
            .field_errors()
            .iter()
            .map(|e| e.field.clone())
            .collect();
        assert_eq!(fields, ["date", "name", "kind"]);
    }
}
