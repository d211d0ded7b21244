//! ID-card custody: the card a visitor leaves at reception, where it is kept, when it went
//! back and to whom, and the closing of the day with cards still held.

use crate::store::{named_params, Connection, OptionalExtension};
use chrono::{DateTime, NaiveDate, Utc};

use super::{duration_label, time_label, DayClosing, HeldCard};
use crate::dates;
use crate::error::{Error, Result};
use crate::people::{self, id_type_label, nik};
use crate::text;

/// Puts the card in `slot`; a slot holds one card at a time. The card's number is kept
/// masked, as lists show it: enough to tell which card is in the tray.
pub fn deposit(
    conn: &Connection,
    visit_id: i64,
    card_type: &str,
    card_number: &str,
    slot: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached(
            "SELECT p.name FROM id_deposits d JOIN visits v ON v.id = d.visit_id
               JOIN people p ON p.id = v.person_id
              WHERE d.slot = ?1 COLLATE NOCASE AND d.returned_at IS NULL",
        )?
        .query_row([slot], |r| r.get(0))
        .optional()?;
    if let Some(holder) = taken {
        return Err(Error::invalid(
            "deposit_slot",
            "deposit.slot_taken",
            format!("Tempat {slot} masih berisi kartu milik {holder}; pilih tempat lain."),
        ));
    }
    conn.prepare_cached(
        "INSERT INTO id_deposits (visit_id, card_type, card_number, slot, deposited_at)
         VALUES (:visit, :card_type, :card_number, :slot, :now)",
    )?
    .execute(named_params! {
        ":visit": visit_id, ":card_type": card_type, ":card_number": nik::mask(card_number),
        ":slot": slot, ":now": now,
    })?;
    Ok(())
}

struct Held {
    returned_at: Option<DateTime<Utc>>,
    returned_to: Option<String>,
    card_type: String,
}

fn held(conn: &Connection, visit_id: i64) -> Result<Held> {
    conn.prepare_cached(
        "SELECT returned_at, returned_to, card_type FROM id_deposits WHERE visit_id = ?1",
    )?
    .query_row([visit_id], |r| {
        Ok(Held {
            returned_at: r.get(0)?,
            returned_to: r.get(1)?,
            card_type: r.get(2)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        code: "deposit.none",
        what: "Kartu identitas yang dititipkan",
    })
}

/// Gives the card back. A card goes back once: a second return is refused (and the
/// database refuses rewriting a return).
pub fn return_card(
    conn: &Connection,
    visit_id: i64,
    returned_to: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let card = held(conn, visit_id)?;
    if let Some(at) = card.returned_at {
        return Err(Error::invalid(
            "",
            "deposit.already_returned",
            format!(
                "{} ini sudah dikembalikan pada {} pukul {} kepada {}.",
                id_type_label(&card.card_type),
                dates::format_long(dates::wita_date(at)),
                time_label(at),
                card.returned_to.unwrap_or_default()
            ),
        ));
    }
    let returned_to = text::required("returned_to", "Diterima oleh", returned_to, 120)?;
    conn.prepare_cached(
        "UPDATE id_deposits SET returned_at = :now, returned_to = :to, returned_by = :account
          WHERE visit_id = :visit AND returned_at IS NULL",
    )?
    .execute(named_params! {
        ":now": now, ":to": returned_to, ":account": account_id, ":visit": visit_id,
    })?;
    Ok(())
}

/// The visitor left without the card: the reason stays with the card.
/// Retention: who collected a person's cards, why one was kept and which card it was name
/// the visitor too; the deposits themselves stay counted.
pub(crate) fn anonymise_of_person(conn: &Connection, person_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE id_deposits
            SET returned_to = CASE WHEN returned_to IS NULL THEN NULL ELSE '' END,
                held_reason = CASE WHEN held_reason IS NULL THEN NULL ELSE '' END,
                card_number = ''
          WHERE visit_id IN (SELECT id FROM visits WHERE person_id = ?1)",
    )?
    .execute([person_id])?;
    Ok(())
}

pub fn keep_with_reason(conn: &Connection, visit_id: i64, reason: &str) -> Result<()> {
    conn.prepare_cached("UPDATE id_deposits SET held_reason = :reason WHERE visit_id = :visit")?
        .execute(named_params! { ":reason": reason, ":visit": visit_id })?;
    Ok(())
}

/// Every card reception still holds, the longest-held first.
pub fn held_cards(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<HeldCard>> {
    let today = dates::wita_date(now);
    let mut stmt = conn.prepare_cached(
        "SELECT d.visit_id, p.name, p.anonymised_at, d.card_type, d.card_number, d.slot,
                d.deposited_at, v.time_out, d.held_reason
           FROM id_deposits d
           JOIN visits v ON v.id = d.visit_id
           JOIN people p ON p.id = v.person_id
          WHERE d.returned_at IS NULL
          ORDER BY d.deposited_at, d.visit_id",
    )?;
    let cards = stmt
        .query_map([], |r| {
            let anonymised: Option<DateTime<Utc>> = r.get(2)?;
            let card_type: String = r.get(3)?;
            let card_number: String = r.get(4)?;
            let deposited_at: DateTime<Utc> = r.get(6)?;
            let time_out: Option<DateTime<Utc>> = r.get(7)?;
            let held_minutes = (now - deposited_at).num_minutes();
            let day = dates::wita_date(deposited_at);
            Ok(HeldCard {
                visit_id: r.get(0)?,
                name: if anonymised.is_some() {
                    people::ANONYMISED_NAME.to_owned()
                } else {
                    r.get(1)?
                },
                card_type_label: id_type_label(&card_type),
                id_number_masked: card_number,
                slot: r.get(5)?,
                deposited_label: if day == today {
                    time_label(deposited_at)
                } else {
                    format!("{} {}", dates::format_short(day), time_label(deposited_at))
                },
                deposited_at,
                held_minutes,
                held_label: duration_label(held_minutes),
                visitor_in_building: time_out.is_none(),
                held_reason: r.get(8)?,
            })
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(cards)
}

pub fn held_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM id_deposits WHERE returned_at IS NULL")?
        .query_row([], |r| r.get(0))?)
}

/// Closes the counter's day (`kind` "day") or the app ("app"). With cards still held a
/// reason is required and recorded.
pub fn close(
    conn: &Connection,
    kind: &str,
    reason: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<DayClosing> {
    if !matches!(kind, "day" | "app") {
        return Err(Error::invalid(
            "kind",
            "closing.kind",
            "Jenis penutupan tidak dikenal.",
        ));
    }
    let reason = text::optional("reason", "Alasan", reason, 500)?;
    let held = held_count(conn)?;
    if held > 0 && reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "closing.reason_required",
            format!(
                "Masih ada {held} kartu identitas yang disimpan; tulis alasannya sebelum menutup."
            ),
        ));
    }
    let day: NaiveDate = dates::wita_date(now);
    conn.prepare_cached(
        "INSERT INTO day_closings (day, kind, closed_at, account_id, held_count, reason)
         VALUES (:day, :kind, :now, :account, :held, :reason)",
    )?
    .execute(named_params! {
        ":day": day, ":kind": kind, ":now": now, ":account": account_id, ":held": held,
        ":reason": reason,
    })?;
    Ok(DayClosing {
        day,
        kind: kind.to_owned(),
        held_count: held,
        reason,
    })
}
