//! The dispatch book (buku ekspedisi): a signed reply leaves the office — taken by hand, by
//! post, by e-mail or WhatsApp, or collected — with who carried it and who received it. A
//! reply that answers the complaint answers its case on the day it went out, and a referral
//! letter refers it, in the same transaction: the standard's clock stops when the letter goes
//! out, not when someone remembers to click. An invitation to clarify settles nothing.

use crate::store::{named_params, Connection, Row};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::get;
use crate::cases::{self, Status};
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::text;

pub const METHODS: [(&str, &str); 5] = [
    ("antar", "Diantar langsung"),
    ("pos", "Pos"),
    ("email", "Email"),
    ("whatsapp", "WhatsApp"),
    ("ambil_sendiri", "Diambil sendiri"),
];

/// What a reply's going out does to its case, by the template it was drafted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settles {
    /// An answer or the information asked for (or that it is not held): the case is answered.
    Answer,
    /// The complaint passed to the competent agency: the case is referred.
    Referral,
    /// Anything else (an invitation to clarify): the case stays open.
    Nothing,
}

impl Settles {
    pub fn of(template_code: &str) -> Settles {
        match template_code {
            "jawaban_pengaduan" | "informasi_diberikan" | "informasi_tidak_dikuasai" => {
                Settles::Answer
            }
            "dilimpahkan" => Settles::Referral,
            _ => Settles::Nothing,
        }
    }
}

/// How the complainant got the answer, as the case records it.
fn answered_via(method: &str) -> &'static str {
    match method {
        "email" => "email",
        "whatsapp" => "whatsapp",
        _ => "surat",
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DispatchInput {
    pub method: String,
    /// Empty: now.
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub time: String,
    /// Who took it out (a messenger, the post office counter).
    #[serde(default)]
    pub carrier: String,
    /// Who received it, as they wrote their name in the book.
    #[serde(default)]
    pub receiver: String,
    #[serde(default)]
    pub note: String,
    /// For a referral letter going out: the agency the complaint is passed to.
    #[serde(default)]
    pub referred_to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dispatch {
    pub id: i64,
    pub reply_id: i64,
    pub case_id: i64,
    pub case_reg_number: String,
    pub outgoing_number: String,
    pub letter_date_label: String,
    /// Hidden for a confidential, anonymous or anonymised complainant.
    pub addressee: String,
    pub subject: String,
    pub dispatched_at: DateTime<Utc>,
    pub dispatched_label: String,
    pub dispatched_date: NaiveDate,
    pub method: String,
    pub method_label: &'static str,
    pub carrier: String,
    pub receiver: String,
    pub note: String,
    pub recorded_by: String,
}

const SELECT: &str = "
SELECT d.id, d.reply_id, r.case_id, c.reg_number, r.outgoing_number, r.letter_date,
       json_extract(v.content, '$.addressee'), json_extract(v.content, '$.subject'),
       c.identity, p.anonymised_at IS NOT NULL, d.dispatched_at, d.dispatched_date, d.method,
       d.carrier, d.receiver, d.note, a.full_name
  FROM dispatches d
  JOIN replies r ON r.id = d.reply_id
  JOIN cases c ON c.id = r.case_id
  JOIN reply_versions v ON v.reply_id = r.id AND v.version = r.current_version
  LEFT JOIN people p ON p.id = c.person_id
  JOIN accounts a ON a.id = d.recorded_by";

fn from_row(row: &Row) -> crate::store::SqlResult<Dispatch> {
    let letter_date: Option<NaiveDate> = row.get(5)?;
    let identity: String = row.get(8)?;
    let at: DateTime<Utc> = row.get(10)?;
    let method: String = row.get(12)?;
    // The book is a list: it never names a confidential complainant, not even as the one who
    // signed for the letter (on paper, she writes her name herself).
    let withheld = |text: String| {
        if identity != "named" && !text.is_empty() {
            crate::dispositions::WITHHELD.to_owned()
        } else {
            text
        }
    };
    Ok(Dispatch {
        id: row.get(0)?,
        reply_id: row.get(1)?,
        case_id: row.get(2)?,
        case_reg_number: row.get(3)?,
        outgoing_number: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
        letter_date_label: letter_date.map(dates::format_long).unwrap_or_default(),
        addressee: super::shown_addressee(&identity, row.get(9)?, &row.get::<_, String>(6)?),
        subject: row.get(7)?,
        dispatched_label: format!(
            "{} {}",
            dates::format_short(dates::wita_date(at)),
            crate::guestbook::time_label(at)
        ),
        dispatched_at: at,
        dispatched_date: row.get(11)?,
        method_label: text::label(&METHODS, &method),
        method,
        carrier: row.get(13)?,
        receiver: withheld(row.get(14)?),
        note: withheld(row.get(15)?),
        recorded_by: row.get(16)?,
    })
}

pub fn of_reply(conn: &Connection, reply_id: i64) -> Result<Vec<Dispatch>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE d.reply_id = ?1 ORDER BY d.id"))?
        .query_map([reply_id], from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// The dispatch book from `from` to `to` (by day sent), as it is kept: oldest first.
pub fn in_range(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Dispatch>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE d.dispatched_date BETWEEN :from AND :to ORDER BY d.dispatched_at, d.id"
        ))?
        .query_map(named_params! { ":from": from, ":to": to }, from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// A reply on its way that will settle the case when it goes out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Underway {
    /// The outgoing number once signed.
    pub number: Option<String>,
    pub status_label: &'static str,
}

/// A reply underway on a case that will settle it when it goes out (drafted, in review or
/// signed, not sent): the case's answer comes from that dispatch, not from a date typed by
/// hand. An invitation to clarify does not count.
pub fn reply_underway(conn: &Connection, case_id: i64) -> Result<Option<Underway>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.template_code, r.outgoing_number, r.status FROM replies r
          WHERE r.case_id = ?1 AND r.status <> 'dibatalkan'
            AND NOT EXISTS (SELECT 1 FROM dispatches d WHERE d.reply_id = r.id)
          ORDER BY r.id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (template, number, status) = row?;
        if Settles::of(&template) != Settles::Nothing {
            return Ok(Some(Underway {
                number,
                status_label: text::label(&super::STATUSES, &status),
            }));
        }
    }
    Ok(None)
}

/// What recording a dispatch did.
pub struct Recorded {
    pub dispatch: Dispatch,
    /// It answered its case (an answering reply, while the case was open).
    pub answered: bool,
    /// It referred its case (a referral letter, while the case was open).
    pub referred: bool,
}

/// Records that a signed reply left the office; while its case is open, an answering reply
/// answers it on that day and a referral letter refers it (a case reopened after a first
/// dispatch is settled by the next one). Call inside the write transaction.
pub fn record(
    conn: &Connection,
    reply_id: i64,
    input: &DispatchInput,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let today = dates::wita_date(now);
    let reply = get(conn, reply_id, today)?;
    if !reply.is_signed() {
        return Err(Error::invalid(
            "",
            "dispatch.not_signed",
            format!(
                "Surat ini berstatus {}; hanya surat yang sudah ditandatangani yang dikirim.",
                reply.status_label
            ),
        ));
    }
    let mut e = FieldErrors::new();
    let method = input.method.trim();
    if !METHODS.iter().any(|(code, _)| *code == method) {
        e.add("method", "dispatch.method", "Pilih cara pengiriman.");
    }
    let at = e.take(dates::past_instant(
        ("date", "Tanggal kirim"),
        ("time", "Jam kirim"),
        &input.date,
        &input.time,
        now,
    ));
    // Typed times carry minutes only: a dispatch typed in the minute of signing came after it.
    let at = match (at, reply.signed_at) {
        (Some(at), Some(signed)) if at < signed && signed - at < TimeDelta::minutes(1) => {
            Some(signed)
        }
        (at, _) => at,
    };
    if let (Some(at), Some(signed)) = (at, reply.signed_at) {
        if at < signed {
            e.add(
                "date",
                "dispatch.before_signing",
                "Tanggal kirim tidak boleh sebelum surat ditandatangani.",
            );
        }
    }
    let carrier = e.take(text::optional(
        "carrier",
        "Dibawa oleh",
        &input.carrier,
        120,
    ));
    let receiver = e.take(text::optional(
        "receiver",
        "Diterima oleh",
        &input.receiver,
        120,
    ));
    if method == "antar" && carrier.as_deref().is_some_and(str::is_empty) {
        e.add(
            "carrier",
            "field.required",
            "Tulis siapa yang mengantar surat.",
        );
    }
    let note = e.take(text::optional("note", "Catatan", &input.note, 500));
    let case = cases::get(conn, reply.case_id)?;
    let settles = if case.status.is_open() {
        Settles::of(&reply.template_code)
    } else {
        Settles::Nothing
    };
    let agency = match settles {
        Settles::Referral => e.take(text::required(
            "referred_to",
            "Dilimpahkan kepada",
            &input.referred_to,
            200,
        )),
        _ => None,
    };
    // The status table decides before anything is written (a letter not yet disposed).
    let settled_status = match settles {
        Settles::Answer => Some(Status::Dijawab),
        Settles::Referral => Some(Status::Dilimpahkan),
        Settles::Nothing => None,
    };
    if let Some(to) = settled_status {
        if let Err(refused) = case.status.check_move_on(&case.channel, to) {
            e.add("", refused.code(), refused.to_string());
        }
    }
    e.into_result()?;
    let at = at.expect("checked");
    let day = dates::wita_date(at);
    conn.prepare_cached(
        "INSERT INTO dispatches (reply_id, dispatched_at, dispatched_date, method, carrier,
                                 receiver, note, recorded_by, created_at)
         VALUES (:reply, :at, :day, :method, :carrier, :receiver, :note, :account, :now)",
    )?
    .execute(named_params! {
        ":reply": reply_id, ":at": at, ":day": day, ":method": method,
        ":carrier": carrier.unwrap_or_default(), ":receiver": receiver.unwrap_or_default(),
        ":note": note.unwrap_or_default(), ":account": account_id, ":now": now,
    })?;
    let id = conn.last_insert_id()?;
    let sent = format!(
        "{} dikirim: {}",
        reply.outgoing_number.clone().unwrap_or_default(),
        text::label(&METHODS, method)
    );
    match settles {
        Settles::Answer => cases::answer_by_dispatch(
            conn,
            &case,
            &cases::DispatchAnswer {
                day,
                via: answered_via(method),
                official_id: reply.content.signer_official_id,
                note: format!("Surat balasan {sent}"),
            },
            account_id,
            now,
        )?,
        Settles::Referral => {
            cases::refer_by_dispatch(conn, &case, &agency.expect("checked"), at, account_id, now)?
        }
        Settles::Nothing => {}
    }
    let dispatch = of_reply(conn, reply_id)?
        .into_iter()
        .find(|d| d.id == id)
        .expect("just saved");
    Ok(Recorded {
        dispatch,
        answered: settles == Settles::Answer,
        referred: settles == Settles::Referral,
    })
}
