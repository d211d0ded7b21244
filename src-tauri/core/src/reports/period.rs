//! The period a recap covers: a month, a quarter (triwulan) or a year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{FieldErrors, Result};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeriodInput {
    /// "bulan", "triwulan" or "tahun".
    pub kind: String,
    pub year: i32,
    /// The month (1–12) or quarter (1–4); ignored for a year.
    #[serde(default)]
    pub number: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub kind: String,
    pub year: i32,
    pub number: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// "November 2026", "Triwulan IV 2026", "Tahun 2026"
    pub label: String,
}

const QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];

/// The last day of `first`'s month.
pub fn month_end(first: NaiveDate) -> NaiveDate {
    let (year, month) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

impl Period {
    /// Checks the period; one that has not started by `today` has nothing to count.
    pub fn parse(input: &PeriodInput, today: NaiveDate) -> Result<Period> {
        if !(2000..=2100).contains(&input.year) {
            return Err(crate::error::Error::invalid(
                "year",
                "period.year",
                "Tahun laporan harus antara 2000 dan 2100.",
            ));
        }
        let mut e = FieldErrors::new();
        let year = input.year;
        let day = |m: u32| NaiveDate::from_ymd_opt(year, m, 1).unwrap_or(today);
        let (from, to, label) = match input.kind.as_str() {
            "bulan" if (1..=12).contains(&input.number) => {
                let first = day(input.number);
                (
                    first,
                    month_end(first),
                    format!("{} {year}", dates::month_name(input.number)),
                )
            }
            "triwulan" if (1..=4).contains(&input.number) => {
                let first = day(input.number * 3 - 2);
                (
                    first,
                    month_end(day(input.number * 3)),
                    format!("Triwulan {} {year}", QUARTERS[input.number as usize - 1]),
                )
            }
            "tahun" => (day(1), month_end(day(12)), format!("Tahun {year}")),
            "bulan" => {
                e.add("number", "period.month", "Pilih bulan 1 sampai 12.");
                (today, today, String::new())
            }
            "triwulan" => {
                e.add("number", "period.quarter", "Pilih triwulan I sampai IV.");
                (today, today, String::new())
            }
            _ => {
                e.add(
                    "kind",
                    "period.kind",
                    "Pilih bulanan, triwulanan atau tahunan.",
                );
                (today, today, String::new())
            }
        };
        if e.is_empty() && from > today {
            e.add(
                if input.kind == "tahun" {
                    "year"
                } else {
                    "number"
                },
                "period.future",
                format!("{label} belum dimulai; belum ada yang dihitung."),
            );
        }
        e.into_result()?;
        Ok(Period {
            kind: input.kind.clone(),
            year,
            number: if input.kind == "tahun" {
                0
            } else {
                input.number
            },
            from,
            to,
            label,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn input(kind: &str, year: i32, number: u32) -> PeriodInput {
        PeriodInput {
            kind: kind.into(),
            year,
            number,
        }
    }

    #[test]
    fn months_quarters_and_years() {
        let today = d(2026, 11, 30);
        let feb = Period::parse(&input("bulan", 2024, 2), today).unwrap();
        assert_eq!(
            (feb.from, feb.to, feb.label.as_str()),
            (d(2024, 2, 1), d(2024, 2, 29), "Februari 2024")
        );
        let q4 = Period::parse(&input("triwulan", 2026, 4), today).unwrap();
        assert_eq!(
            (q4.from, q4.to, q4.label.as_str()),
            (d(2026, 10, 1), d(2026, 12, 31), "Triwulan IV 2026")
        );
        let year = Period::parse(&input("tahun", 2026, 0), today).unwrap();
        assert_eq!((year.from, year.to), (d(2026, 1, 1), d(2026, 12, 31)));
    }

    #[test]
    fn bad_periods_are_named() {
        let today = d(2026, 11, 30);
        for (i, field, code) in [
            (input("bulan", 2026, 13), "number", "period.month"),
            (input("triwulan", 2026, 0), "number", "period.quarter"),
            (input("minggu", 2026, 1), "kind", "period.kind"),
            (input("bulan", 1999, 1), "year", "period.year"),
            (input("bulan", 2026, 12), "number", "period.future"),
        ] {
            let err = Period::parse(&i, today).unwrap_err();
            assert_eq!((err.field(), err.code()), (Some(field), code));
        }
    }
}
