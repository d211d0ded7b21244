//! The incoming-letter register (agenda surat masuk): each letter handed in gets its agenda
//! number at saving, running per year of receipt. The number is the year's highest plus one,
//! taken inside the saving transaction (`BEGIN IMMEDIATE`, so one writer at a time even across
//! PCs); letters are never deleted and their numbers never change (triggers), so the book has
//! no gaps, and a unique index makes a duplicate impossible rather than unlikely.

use crate::store::ToValue;
use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::guestbook::time_label;
use crate::settings::{classification, numbering};
use crate::text;

pub const URGENCIES: [(&str, &str); 4] = [
    ("biasa", "Biasa"),
    ("segera", "Segera"),
    ("sangat_segera", "Sangat Segera"),
    ("rahasia", "Rahasia"),
];

/// What a letter is, as the clerk says when registering it: a complaint, a request for
/// information or a suggestion opens its case at once; anything else (surat dinas) may
/// become one later.
pub const KINDS: [(&str, &str); 4] = [
    ("pengaduan", "Pengaduan"),
    ("informasi", "Permintaan informasi"),
    ("saran", "Saran"),
    ("lainnya", "Surat dinas lain"),
];

/// Lists show at most this many letters; the total says how many matched.
pub const LIST_LIMIT: i64 = 200;

pub fn urgency_label(code: &str) -> &'static str {
    text::label(&URGENCIES, code)
}

/// A letter as typed into the register form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LetterInput {
    pub letter_number: String,
    pub letter_date: String,
    /// Empty: now. The clerk may register a letter handed in earlier.
    #[serde(default)]
    pub received_date: String,
    #[serde(default)]
    pub received_time: String,
    pub sender_name: String,
    #[serde(default)]
    pub sender_address: String,
    pub subject: String,
    pub urgency: String,
    #[serde(default)]
    pub enclosures: String,
    #[serde(default)]
    pub classification_code: String,
    /// One of [`KINDS`].
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letter {
    pub id: i64,
    pub agenda_year: i32,
    pub agenda_seq: i64,
    pub agenda_number: String,
    pub letter_number: String,
    pub letter_date: NaiveDate,
    pub letter_date_label: String,
    pub received_at: DateTime<Utc>,
    /// `Senin, 30 November 2026 pukul 10.15`
    pub received_label: String,
    /// The office day it counts as received (after closing time: the next working day).
    pub received_date: NaiveDate,
    pub received_date_label: String,
    /// Handed in after closing time or on a day off: counts from a later day.
    pub counted_later: bool,
    pub sender_name: String,
    pub sender_address: String,
    /// The sender is a complainant who asked for confidentiality (or wrote anonymously):
    /// shown only to those who may know ([`crate::confidential`]).
    pub sender_confidential: bool,
    pub kind: String,
    pub kind_label: &'static str,
    pub subject: String,
    pub urgency: String,
    pub urgency_label: &'static str,
    pub enclosures: i64,
    pub classification_code: Option<String>,
    /// The case this letter opened, if any.
    pub case_id: Option<i64>,
    pub case_reg_number: Option<String>,
    pub attachment_count: i64,
}

const SELECT: &str = "
SELECT l.id, l.agenda_year, l.agenda_seq, l.agenda_number, l.letter_number, l.letter_date,
       l.received_at, l.received_date, l.sender_name, l.sender_address, l.subject, l.urgency,
       l.enclosures, l.classification_code, c.id, c.reg_number,
       (SELECT count(*) FROM attachments a WHERE a.letter_id = l.id), c.identity, l.kind
  FROM letters l
  LEFT JOIN cases c ON c.letter_id = l.id";

fn from_row(row: &Row) -> crate::store::SqlResult<Letter> {
    let letter_date: NaiveDate = row.get(5)?;
    let received_at: DateTime<Utc> = row.get(6)?;
    let received_date: NaiveDate = row.get(7)?;
    let urgency: String = row.get(11)?;
    let identity: Option<String> = row.get(17)?;
    let hidden = identity.is_some_and(|i| i != "named");
    Ok(Letter {
        id: row.get(0)?,
        agenda_year: row.get(1)?,
        agenda_seq: row.get(2)?,
        agenda_number: row.get(3)?,
        letter_number: row.get(4)?,
        letter_date_label: dates::format_long(letter_date),
        letter_date,
        received_label: format!(
            "{} pukul {}",
            dates::format_with_weekday(dates::wita_date(received_at)),
            time_label(received_at)
        ),
        received_at,
        received_date_label: dates::format_with_weekday(received_date),
        counted_later: received_date != dates::wita_date(received_at),
        received_date,
        // The sender of a complaint whose author asked for confidentiality is the
        // complainant: hidden like them.
        sender_name: if hidden {
            crate::cases::CONFIDENTIAL_NAME.to_owned()
        } else {
            row.get(8)?
        },
        sender_address: if hidden { String::new() } else { row.get(9)? },
        sender_confidential: hidden,
        kind_label: text::label(&KINDS, &row.get::<_, String>(18)?),
        kind: row.get(18)?,
        subject: row.get(10)?,
        urgency_label: urgency_label(&urgency),
        urgency,
        enclosures: row.get(12)?,
        classification_code: row.get(13)?,
        case_id: row.get(14)?,
        case_reg_number: row.get(15)?,
        attachment_count: row.get(16)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Letter> {
    conn.prepare_cached(&format!("{SELECT} WHERE l.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "letter.not_found",
            what: "Surat masuk",
        })
}

struct ValidLetter {
    letter_number: String,
    letter_date: NaiveDate,
    received_at: DateTime<Utc>,
    sender_name: String,
    sender_address: String,
    subject: String,
    urgency: String,
    enclosures: i64,
    classification_code: Option<String>,
    kind: String,
}

fn validate(conn: &Connection, input: &LetterInput, now: DateTime<Utc>) -> Result<ValidLetter> {
    let mut e = FieldErrors::new();
    // A letter's own number is whatever the sender wrote: any text, kept as typed.
    let letter_number = e.take(text::required(
        "letter_number",
        "Nomor surat",
        &input.letter_number,
        200,
    ));
    let letter_date = e.take(dates::parse(
        "letter_date",
        "Tanggal surat",
        &input.letter_date,
    ));
    let received_at = e.take(dates::received_instant(
        &input.received_date,
        &input.received_time,
        now,
    ));
    if let (Some(letter_date), Some(received_at)) = (letter_date, received_at) {
        if letter_date > dates::wita_date(received_at) {
            e.add(
                "letter_date",
                "letter.dated_after_receipt",
                "Tanggal surat tidak boleh sesudah tanggal diterima.",
            );
        }
    }
    let sender_name = e.take(text::required(
        "sender_name",
        "Pengirim",
        &input.sender_name,
        200,
    ));
    let sender_address = e.take(text::optional(
        "sender_address",
        "Alamat pengirim",
        &input.sender_address,
        300,
    ));
    let subject = e.take(text::required("subject", "Perihal", &input.subject, 500));
    let urgency = input.urgency.trim();
    if !URGENCIES.iter().any(|(code, _)| *code == urgency) {
        e.add("urgency", "letter.urgency", "Pilih sifat surat.");
    }
    let kind = input.kind.trim();
    if !KINDS.iter().any(|(code, _)| *code == kind) {
        e.add(
            "kind",
            "letter.kind",
            "Pilih jenis surat: pengaduan, permintaan informasi, saran atau surat dinas lain.",
        );
    }
    let enclosures = if input.enclosures.trim().is_empty() {
        Some(0)
    } else {
        e.take(text::integer_in(
            "enclosures",
            "Jumlah lampiran",
            &input.enclosures,
            0,
            999,
        ))
    };
    let code = input.classification_code.trim();
    let classification_code = if code.is_empty() {
        Some(None)
    } else {
        match e.take(classification::get(conn, code)) {
            Some(Some(found)) if found.active => Some(Some(found.code)),
            Some(_) => {
                e.add(
                    "classification_code",
                    "letter.classification_unknown",
                    format!("Kode klasifikasi {code} tidak ada atau tidak aktif di Pengaturan."),
                );
                None
            }
            None => None,
        }
    };
    e.into_result()?;
    Ok(ValidLetter {
        letter_number: letter_number.unwrap_or_default(),
        letter_date: letter_date.expect("checked"),
        received_at: received_at.expect("checked"),
        sender_name: sender_name.unwrap_or_default(),
        sender_address: sender_address.unwrap_or_default(),
        subject: subject.unwrap_or_default(),
        urgency: urgency.to_owned(),
        enclosures: enclosures.unwrap_or_default(),
        classification_code: classification_code.flatten(),
        kind: kind.to_owned(),
    })
}

/// Checks the form as typed, without saving.
pub fn check(conn: &Connection, input: &LetterInput, now: DateTime<Utc>) -> Result<()> {
    validate(conn, input, now).map(|_| ())
}

/// Registers a letter and allocates its agenda number. Call inside a write transaction.
pub fn register(
    conn: &Connection,
    input: &LetterInput,
    calendar: &WorkingCalendar,
    closing: NaiveTime,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Letter> {
    let valid = validate(conn, input, now)?;
    let received_date = calendar.counted_receipt_date(valid.received_at, closing)?;
    let year = received_date.year();
    let seq: i64 = conn
        .prepare_cached(
            "SELECT coalesce(max(agenda_seq), 0) + 1 FROM letters WHERE agenda_year = ?1",
        )?
        .query_row([year], |r| r.get(0))?;
    let formats = numbering::get(conn)?;
    let agenda_number = numbering::render(
        &formats.agenda,
        &numbering::NumberParts {
            classification: valid.classification_code.as_deref().unwrap_or(""),
            sequence: seq,
            unit: "",
            year,
            month: received_date.month(),
        },
    );
    conn.prepare_cached(
        "INSERT INTO letters (agenda_year, agenda_seq, agenda_number, letter_number, letter_date,
                              received_at, received_date, sender_name, sender_address, subject,
                              urgency, enclosures, classification_code, kind, recorded_by,
                              created_at)
         VALUES (:year, :seq, :agenda, :number, :date, :received_at, :received_date, :sender,
                 :address, :subject, :urgency, :enclosures, :code, :kind, :account, :now)",
    )?
    .execute(named_params! {
        ":year": year, ":seq": seq, ":agenda": agenda_number, ":number": valid.letter_number,
        ":date": valid.letter_date, ":received_at": valid.received_at,
        ":received_date": received_date, ":sender": valid.sender_name,
        ":address": valid.sender_address, ":subject": valid.subject, ":urgency": valid.urgency,
        ":enclosures": valid.enclosures, ":code": valid.classification_code,
        ":kind": valid.kind, ":account": account_id, ":now": now,
    })?;
    get(conn, conn.last_insert_id()?)
}

/// A letter that became a case is what its case is.
pub fn set_kind(conn: &Connection, id: i64, kind: &str) -> Result<()> {
    conn.prepare_cached("UPDATE letters SET kind = ?1 WHERE id = ?2")?
        .execute(crate::store::params![kind, id])?;
    Ok(())
}

/// The sender as written on the letter, for those who may know a confidential one.
pub fn sender(conn: &Connection, id: i64) -> Result<(String, String)> {
    Ok(conn
        .prepare_cached("SELECT sender_name, sender_address FROM letters WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LetterFilter {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Any part of the agenda number, the letter's number, sender or subject.
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterList {
    pub letters: Vec<Letter>,
    pub total: i64,
}

/// The agenda book for a date range (by day received), newest first.
pub fn list(conn: &Connection, filter: &LetterFilter) -> Result<LetterList> {
    let mut e = FieldErrors::new();
    let from = e.take(dates::parse_optional("from", "Dari tanggal", &filter.from));
    let to = e.take(dates::parse_optional("to", "Sampai tanggal", &filter.to));
    let text = e.take(text::optional("text", "Cari", &filter.text, 100));
    e.into_result()?;
    let mut conditions = vec!["1 = 1"];
    let mut params: Vec<(&str, Box<dyn ToValue>)> = Vec::new();
    // By the day it arrived (WITA), as staff remember it, not the day it counts from.
    let midnight = chrono::NaiveTime::MIN;
    if let Some(Some(from)) = from {
        conditions.push("l.received_at >= :from");
        params.push((":from", Box::new(dates::wita_instant(from, midnight))));
    }
    if let Some(Some(to)) = to {
        conditions.push("l.received_at < :to");
        let next = to.succ_opt().unwrap_or(to);
        params.push((":to", Box::new(dates::wita_instant(next, midnight))));
    }
    let text = text.unwrap_or_default();
    if !text.is_empty() {
        conditions.push(
            // A confidential sender is never matched: a hit on a guessed name would confirm it.
            "(l.agenda_number LIKE :text ESCAPE '\\' OR l.letter_number LIKE :text ESCAPE '\\'
              OR l.subject LIKE :text ESCAPE '\\'
              OR (l.sender_name LIKE :text ESCAPE '\\'
                  AND NOT EXISTS (SELECT 1 FROM cases hc
                                   WHERE hc.letter_id = l.id AND hc.identity <> 'named')))",
        );
        params.push((":text", Box::new(format!("%{}%", text::like_escape(&text)))));
    }
    let where_clause = conditions.join(" AND ");
    let bound: Vec<(&str, &dyn ToValue)> = params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let total: i64 = conn
        .prepare(&format!(
            "SELECT count(*) FROM letters l WHERE {where_clause}"
        ))?
        .query_row(bound.as_slice(), |r| r.get(0))?;
    let letters = conn
        .prepare(&format!(
            "{SELECT} WHERE {where_clause} ORDER BY l.received_date DESC, l.agenda_year DESC,
                      l.agenda_seq DESC LIMIT {LIST_LIMIT}"
        ))?
        .query_map(bound.as_slice(), from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(LetterList { letters, total })
}

/// Every letter that arrived (WITA day) from `from` to `to`, in agenda order: the printed
/// agenda book.
pub fn in_range(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Letter>> {
    let midnight = chrono::NaiveTime::MIN;
    let next = to.succ_opt().unwrap_or(to);
    let letters = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE l.received_at >= :from AND l.received_at < :to
              ORDER BY l.agenda_year, l.agenda_seq"
        ))?
        .query_map(
            named_params! {
                ":from": dates::wita_instant(from, midnight),
                ":to": dates::wita_instant(next, midnight),
            },
            from_row,
        )?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(letters)
}

#[cfg(test)]
pub(crate) mod tests;
