//! The outgoing-letter register (Surat Keluar): every signed letter in number order, for a
//! range of letter dates. Numbers are never skipped, so the register shows any gap at once.

use crate::store::{named_params, Connection};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{FieldErrors, Result};
use crate::{dates, text};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OutgoingFilter {
    /// Typed dates; empty `from` is the first day of this month, empty `to` today.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingRow {
    pub reply_id: i64,
    pub case_id: i64,
    pub case_reg_number: String,
    pub number: String,
    pub sequence: i64,
    pub letter_date: NaiveDate,
    pub letter_date_label: String,
    /// Hidden for a confidential, anonymous or anonymised complainant.
    pub addressee: String,
    pub subject: String,
    /// As printed on the signed letter.
    pub signer_name: String,
    pub classification_code: String,
    /// Its first dispatch, as the register shows it ("1 Desember 2026, Pos"); None while
    /// it has not left the office.
    pub dispatched_label: Option<String>,
    /// The template it was drafted from: a referral letter's dispatch names the agency.
    pub template_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutgoingList {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub from_label: String,
    pub to_label: String,
    pub rows: Vec<OutgoingRow>,
}

/// The range a filter asks for, checked: `to` not before `from`, at most ten years.
pub fn range(filter: &OutgoingFilter, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let mut e = FieldErrors::new();
    let from = if filter.from.trim().is_empty() {
        Some(today.with_day0(0).unwrap_or(today))
    } else {
        e.take(dates::parse("from", "Dari tanggal", &filter.from))
    };
    let to = if filter.to.trim().is_empty() {
        Some(today)
    } else {
        e.take(dates::parse("to", "Sampai tanggal", &filter.to))
    };
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            e.add(
                "to",
                "range.reversed",
                "Sampai tanggal tidak boleh sebelum Dari tanggal.",
            );
        } else if (to - from).num_days() > 3660 {
            e.add(
                "to",
                "range.too_long",
                "Rentang tanggal paling panjang sepuluh tahun.",
            );
        }
    }
    e.into_result()?;
    Ok((from.unwrap_or(today), to.unwrap_or(today)))
}

pub fn list(conn: &Connection, filter: &OutgoingFilter, today: NaiveDate) -> Result<OutgoingList> {
    let (from, to) = range(filter, today)?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.case_id, c.reg_number, r.outgoing_number, r.outgoing_seq, r.letter_date,
                json_extract(v.content, '$.addressee'), json_extract(v.content, '$.subject'),
                json_extract(r.frozen, '$.signer.name'), json_extract(v.content, '$.classification_code'),
                c.identity, p.anonymised_at IS NOT NULL, d.dispatched_date, d.method, r.template_code
           FROM replies r
           JOIN cases c ON c.id = r.case_id
           JOIN reply_versions v ON v.reply_id = r.id AND v.version = r.current_version
           LEFT JOIN people p ON p.id = c.person_id
           LEFT JOIN dispatches d ON d.id = (SELECT first.id FROM dispatches first
                                              WHERE first.reply_id = r.id
                                              ORDER BY first.dispatched_at, first.id LIMIT 1)
          WHERE r.outgoing_number IS NOT NULL AND r.letter_date BETWEEN :from AND :to
          ORDER BY r.outgoing_year, r.outgoing_seq",
    )?;
    let rows = stmt.query_map(named_params! { ":from": from, ":to": to }, |row| {
        let letter_date: NaiveDate = row.get(5)?;
        let identity: String = row.get(10)?;
        Ok(OutgoingRow {
            reply_id: row.get(0)?,
            case_id: row.get(1)?,
            case_reg_number: row.get(2)?,
            number: row.get(3)?,
            sequence: row.get(4)?,
            letter_date_label: dates::format_long(letter_date),
            letter_date,
            addressee: super::shown_addressee(&identity, row.get(11)?, &row.get::<_, String>(6)?),
            subject: row.get(7)?,
            signer_name: row.get(8)?,
            classification_code: row.get(9)?,
            dispatched_label: match (
                row.get::<_, Option<NaiveDate>>(12)?,
                row.get::<_, Option<String>>(13)?,
            ) {
                (Some(day), Some(method)) => Some(format!(
                    "{}, {}",
                    dates::format_long(day),
                    text::label(&super::dispatch::METHODS, &method)
                )),
                _ => None,
            },
            template_code: row.get(14)?,
        })
    })?;
    Ok(OutgoingList {
        from_label: dates::format_long(from),
        to_label: dates::format_long(to),
        from,
        to,
        rows: rows.collect::<crate::store::SqlResult<_>>()?,
    })
}
