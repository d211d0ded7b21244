//! Keeping the complainant informed: every contact with them (a call, a WhatsApp message, an
//! e-mail, a visit) is logged on the case without changing its status, so whoever picks the
//! case up knows what the citizen was last told, and the list shows how long ago that was.

use crate::store::{named_params, Connection};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{FieldErrors, Result};
use crate::text;

pub const METHODS: [(&str, &str); 7] = [
    ("telepon", "Telepon"),
    ("whatsapp", "WhatsApp"),
    ("email", "Email"),
    ("kunjungan", "Kunjungan"),
    ("surat", "Surat"),
    ("facebook", "Facebook"),
    ("lapor", "SP4N-LAPOR"),
];

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactInput {
    pub method: String,
    /// Empty: now.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub at_label: String,
    pub method: String,
    pub method_label: &'static str,
    pub summary: String,
    pub account_name: String,
}

/// Logs a contact. Call inside the write transaction.
pub fn record(
    conn: &Connection,
    case_id: i64,
    input: &ContactInput,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Contact> {
    let case = super::get(conn, case_id)?;
    let mut e = FieldErrors::new();
    let method = input.method.trim();
    if !METHODS.iter().any(|(code, _)| *code == method) {
        e.add("method", "contact.method", "Pilih cara menghubungi.");
    }
    let at = e.take(dates::past_instant(
        ("date", "Tanggal kontak"),
        ("time", "Jam kontak"),
        &input.date,
        &input.time,
        now,
    ));
    if let Some(at) = at {
        if at < case.received_at {
            e.add(
                "date",
                "contact.before_case",
                "Waktu kontak tidak boleh sebelum pengaduan diterima.",
            );
        }
    }
    let summary = e.take(text::multiline(
        "summary",
        "Isi pembicaraan",
        &input.summary,
        2000,
        true,
    ));
    e.into_result()?;
    let (Some(at), Some(summary)) = (at, summary) else {
        unreachable!("checked above")
    };
    let id = insert(conn, case_id, at, method, &summary, account_id, now)?;
    Ok(of_case(conn, case_id)?
        .into_iter()
        .find(|c| c.id == id)
        .expect("just saved"))
}

/// The one place a contact row is written (checked input, or a follow-up visit's note).
pub(crate) fn insert(
    conn: &Connection,
    case_id: i64,
    at: DateTime<Utc>,
    method: &str,
    summary: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO case_contacts (case_id, at, method, summary, account_id, created_at)
         VALUES (:case, :at, :method, :summary, :account, :now)",
    )?
    .execute(named_params! {
        ":case": case_id, ":at": at, ":method": method, ":summary": summary,
        ":account": account_id, ":now": now,
    })?;
    Ok(conn.last_insert_id()?)
}

/// A case's contacts, oldest first.
pub fn of_case(conn: &Connection, case_id: i64) -> Result<Vec<Contact>> {
    Ok(conn
        .prepare_cached(
            "SELECT k.id, k.at, k.method, k.summary, a.full_name
               FROM case_contacts k JOIN accounts a ON a.id = k.account_id
              WHERE k.case_id = ?1 ORDER BY k.at, k.id",
        )?
        .query_map([case_id], |r| {
            let at: DateTime<Utc> = r.get(1)?;
            let method: String = r.get(2)?;
            Ok(Contact {
                id: r.get(0)?,
                at_label: format!(
                    "{} {}",
                    dates::format_short(dates::wita_date(at)),
                    crate::guestbook::time_label(at)
                ),
                at,
                method_label: text::label(&METHODS, &method),
                method,
                summary: r.get(3)?,
                account_name: r.get(4)?,
            })
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// The WITA day of the last contact with the complainant, if any.
pub fn last_day(conn: &Connection, case_id: i64) -> Result<Option<NaiveDate>> {
    let at: Option<DateTime<Utc>> = conn
        .prepare_cached("SELECT max(at) FROM case_contacts WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    Ok(at.map(dates::wita_date))
}
