//! The review path (paraf hierarki): the author submits; each reviewer in order initials or
//! returns the draft with a correction note (back to the author, and the next round starts
//! again from the first reviewer); once all have initialled the signer signs, which takes the
//! outgoing number inside the same transaction. Nobody skips ahead, a returned draft cannot
//! be signed, and the signer never initials his own letter.

use crate::store::{named_params, Connection};
use chrono::{DateTime, Datelike, Utc};

use super::{get, print_data, signer, Reply};
use crate::dates;
use crate::error::{Error, Result};
use crate::settings::{classification, letterhead, numbering, officials};
use crate::text;

pub(crate) fn require_author(reply: &Reply, account_id: i64) -> Result<()> {
    if reply.author_account_id == account_id {
        Ok(())
    } else {
        Err(Error::Forbidden {
            message: format!(
                "Hanya penyusun konsep ({}) yang dapat mengubah atau mengajukannya.",
                reply.author_name
            ),
        })
    }
}

/// One line of the review trail: which step, by which official, what was done and the note.
struct Entry<'a> {
    step: usize,
    official_id: Option<i64>,
    action: &'a str,
    note: &'a str,
}

fn trail(
    conn: &Connection,
    reply: &Reply,
    entry: Entry,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let Entry {
        step,
        official_id,
        action,
        note,
    } = entry;
    conn.prepare_cached(
        "INSERT INTO reply_reviews (reply_id, version, step, official_id, action, note, account_id, at)
         VALUES (:reply, :version, :step, :official, :action, :note, :account, :at)",
    )?
    .execute(named_params! {
        ":reply": reply.id, ":version": reply.version, ":step": step as i64,
        ":official": official_id, ":action": action, ":note": note, ":account": account_id,
        ":at": now,
    })?;
    Ok(())
}

fn set_state(
    conn: &Connection,
    id: i64,
    status: &str,
    step: usize,
    awaiting: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE replies SET status = :status, review_step = :step, awaiting_official_id = :awaiting,
                updated_at = :now WHERE id = :id",
    )?
    .execute(named_params! {
        ":status": status, ":step": step as i64, ":awaiting": awaiting, ":now": now, ":id": id,
    })?;
    Ok(())
}

fn refuse(code: &'static str, message: impl Into<String>) -> Error {
    Error::invalid("", code, message)
}

/// The author sends the draft up: to the first reviewer, or straight to the signer.
pub fn submit(conn: &Connection, id: i64, account_id: i64, now: DateTime<Utc>) -> Result<Reply> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    require_author(&reply, account_id)?;
    if !reply.is_editable() {
        return Err(refuse(
            "reply.not_submittable",
            format!(
                "Surat ini berstatus {}; tidak dapat diajukan.",
                reply.status_label
            ),
        ));
    }
    // The signer or a reviewer may have left office since the draft was saved.
    signer::signer(conn, reply.content.signer_official_id, today)?;
    check_path(
        conn,
        reply.author_account_id,
        reply.content.signer_official_id,
        &reply.content.reviewer_ids,
        today,
    )?;
    for reviewer in &reply.reviewers {
        require_in_office(conn, reviewer.official_id, today)?;
    }
    let (status, awaiting) = match reply.content.reviewer_ids.first() {
        Some(first) => ("paraf", *first),
        None => ("siap_tanda_tangan", reply.content.signer_official_id),
    };
    set_state(conn, id, status, 0, Some(awaiting), now)?;
    trail(
        conn,
        &reply,
        Entry {
            step: 0,
            official_id: None,
            action: "ajukan",
            note: "",
        },
        account_id,
        now,
    )?;
    get(conn, id, today)
}

/// The standard's "up the hierarchy, step by step, until signature": the author never signs
/// his own draft, and a letter signed a.n., Plt. or Plh. (not by the Head in person) is
/// initialled first by at least one official who is not its author. Checked when the draft is
/// saved, sent up and signed.
pub(crate) fn check_path(
    conn: &Connection,
    author_account_id: i64,
    signer_official_id: i64,
    reviewer_ids: &[i64],
    day: chrono::NaiveDate,
) -> Result<()> {
    let author_official = crate::accounts::get(conn, author_account_id)?.official_id;
    if author_official == Some(signer_official_id) {
        return Err(Error::invalid(
            "signer_official_id",
            "reply.author_signs",
            "Penyusun konsep tidak menandatangani suratnya sendiri; pilih penanda tangan lain.",
        ));
    }
    let form = signer::signer(conn, signer_official_id, day)?.form;
    let reviewed = reviewer_ids.iter().any(|id| Some(*id) != author_official);
    if form != signer::Form::Head && !reviewed {
        return Err(Error::invalid(
            "reviewer_ids",
            "reply.review_required",
            "Surat yang ditandatangani a.n., Plt. atau Plh. Kepala Dinas harus diparaf dulu oleh \
             sedikitnya satu pejabat selain penyusunnya; tambahkan pemaraf.",
        ));
    }
    Ok(())
}

/// A reviewer who has left office cannot be sent a draft nor initial one.
fn require_in_office(conn: &Connection, official_id: i64, day: chrono::NaiveDate) -> Result<()> {
    let official = officials::get(conn, official_id, day)?;
    if official.active {
        Ok(())
    } else {
        Err(Error::invalid(
            "reviewer_ids",
            "reply.reviewer_inactive",
            format!(
                "{} tidak menjabat lagi; penyusun perlu memilih pemaraf lain.",
                official.name
            ),
        ))
    }
}

/// Whose turn it is, as a sentence for a refusal.
fn turn_of(reply: &Reply) -> String {
    match reply.status.as_str() {
        "paraf" | "siap_tanda_tangan" => format!("Saat ini giliran {}.", reply.awaiting_name),
        _ => format!("Surat ini berstatus {}.", reply.status_label),
    }
}

/// A reviewer initials the current version; the next reviewer (or the signer) is next.
pub fn initial(
    conn: &Connection,
    id: i64,
    official_id: i64,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Reply> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    if reply.content.signer_official_id == official_id {
        return Err(refuse(
            "reply.signer_initials",
            "Penanda tangan tidak memaraf suratnya sendiri; gunakan Tanda tangani.",
        ));
    }
    let Some(position) = reply
        .reviewers
        .iter()
        .position(|r| r.official_id == official_id)
    else {
        return Err(refuse(
            "reply.not_reviewer",
            "Anda tidak termasuk pemaraf konsep ini.",
        ));
    };
    if reply.status != "paraf" || reply.awaiting_official_id != Some(official_id) {
        let already = reply.reviewers[position].initialled;
        return Err(refuse(
            "reply.not_your_turn",
            if already {
                format!("Anda sudah memaraf versi ini. {}", turn_of(&reply))
            } else {
                format!("Belum giliran Anda memaraf. {}", turn_of(&reply))
            },
        ));
    }
    require_in_office(conn, official_id, today)?;
    let step = position + 1;
    trail(
        conn,
        &reply,
        Entry {
            step,
            official_id: Some(official_id),
            action: "paraf",
            note: "",
        },
        account_id,
        now,
    )?;
    match reply.content.reviewer_ids.get(step) {
        Some(next) => set_state(conn, id, "paraf", step, Some(*next), now)?,
        None => set_state(
            conn,
            id,
            "siap_tanda_tangan",
            step,
            Some(reply.content.signer_official_id),
            now,
        )?,
    }
    get(conn, id, today)
}

/// The reviewer whose turn it is (or the signer) sends the draft back to its author with what
/// to correct; the next round starts again from the first reviewer.
pub fn return_to_author(
    conn: &Connection,
    id: i64,
    official_id: i64,
    note: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Reply> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    let note = text::multiline("note", "Catatan perbaikan", note, 2000, true)?;
    let in_review = matches!(reply.status.as_str(), "paraf" | "siap_tanda_tangan");
    if !in_review || reply.awaiting_official_id != Some(official_id) {
        return Err(refuse(
            "reply.not_your_turn",
            format!(
                "Hanya pejabat yang sedang mendapat giliran yang dapat mengembalikan konsep. {}",
                turn_of(&reply)
            ),
        ));
    }
    let step = reply
        .reviewers
        .iter()
        .position(|r| r.official_id == official_id)
        .map_or(reply.reviewers.len() + 1, |p| p + 1);
    trail(
        conn,
        &reply,
        Entry {
            step,
            official_id: Some(official_id),
            action: "kembalikan",
            note: &note,
        },
        account_id,
        now,
    )?;
    set_state(conn, id, "dikembalikan", 0, None, now)?;
    get(conn, id, today)
}

/// The author takes a draft back from the review path (an official is away, or something
/// must change): it returns to Konsep with its versions; initials given so far lapse.
pub fn withdraw(conn: &Connection, id: i64, account_id: i64, now: DateTime<Utc>) -> Result<Reply> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    require_author(&reply, account_id)?;
    if !matches!(reply.status.as_str(), "paraf" | "siap_tanda_tangan") {
        return Err(refuse(
            "reply.not_withdrawable",
            format!(
                "Surat ini berstatus {}; tidak ada yang ditarik kembali.",
                reply.status_label
            ),
        ));
    }
    trail(
        conn,
        &reply,
        Entry {
            step: 0,
            official_id: None,
            action: "tarik",
            note: "",
        },
        account_id,
        now,
    )?;
    set_state(conn, id, "konsep", 0, None, now)?;
    get(conn, id, today)
}

/// The author withdraws a draft that will not be sent (a signed letter is never withdrawn);
/// the Head or an Admin may withdraw anyone's (`overrule`), e.g. a draft left behind by an
/// official on leave that keeps the case from being answered another way.
pub fn cancel(
    conn: &Connection,
    id: i64,
    note: &str,
    account_id: i64,
    overrule: bool,
    now: DateTime<Utc>,
) -> Result<Reply> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    if !overrule {
        require_author(&reply, account_id)?;
    }
    let note = text::multiline("note", "Alasan pembatalan", note, 500, true)?;
    if reply.is_signed() || reply.status == "dibatalkan" {
        return Err(refuse(
            "reply.not_cancellable",
            format!(
                "Surat ini berstatus {}; tidak dapat dibatalkan.",
                reply.status_label
            ),
        ));
    }
    trail(
        conn,
        &reply,
        Entry {
            step: 0,
            official_id: None,
            action: "batal",
            note: &note,
        },
        account_id,
        now,
    )?;
    set_state(conn, id, "dibatalkan", 0, None, now)?;
    get(conn, id, today)
}

/// The signer signs: the outgoing number is the year's highest plus one, taken here inside
/// the signing transaction (`BEGIN IMMEDIATE`), so two PCs signing at once get consecutive
/// numbers; the letter's print data and letterhead version are frozen with it.
pub fn sign(
    conn: &Connection,
    id: i64,
    official_id: i64,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Reply> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    match reply.status.as_str() {
        "siap_tanda_tangan" => {}
        "dikembalikan" => {
            return Err(refuse(
                "reply.returned",
                "Konsep ini dikembalikan untuk perbaikan; tidak dapat ditandatangani sebelum \
                 diperbaiki, diajukan dan diparaf ulang.",
            ))
        }
        "paraf" => {
            return Err(refuse(
                "reply.awaiting_initials",
                format!(
                    "Konsep belum lengkap parafnya: menunggu paraf {}.",
                    reply.awaiting_name
                ),
            ))
        }
        _ => {
            return Err(refuse(
                "reply.not_signable",
                format!(
                    "Surat ini berstatus {}; tidak dapat ditandatangani.",
                    reply.status_label
                ),
            ))
        }
    }
    if reply.content.signer_official_id != official_id {
        return Err(refuse(
            "reply.not_signer",
            format!("Surat ini ditandatangani oleh {}.", reply.signer_name),
        ));
    }
    if reply.author_account_id == account_id {
        return Err(refuse(
            "reply.author_signs",
            "Penyusun konsep tidak menandatangani suratnya sendiri.",
        ));
    }
    signer::signer(conn, official_id, today)?;
    // The form of signing may have changed since the draft went up (a Plt. ended).
    check_path(
        conn,
        reply.author_account_id,
        official_id,
        &reply.content.reviewer_ids,
        today,
    )?;
    let format = numbering::get(conn)?.outgoing;
    let code = reply.content.classification_code.as_str();
    if format.contains("{kode}") {
        let known = classification::get(conn, code)?.is_some_and(|c| c.active);
        if !known {
            return Err(Error::invalid(
                "classification_code",
                "reply.classification_needed",
                "Nomor surat keluar memuat kode klasifikasi: minta penyusun mengisi kode \
                 klasifikasi yang aktif pada konsep ini.",
            ));
        }
    }
    let year = today.year();
    let sequence: i64 = conn
        .prepare_cached(
            "SELECT coalesce(max(outgoing_seq), 0) + 1 FROM replies WHERE outgoing_year = ?1",
        )?
        .query_row([year], |r| r.get(0))?;
    let number = numbering::render(
        &format,
        &numbering::NumberParts {
            classification: code,
            sequence,
            unit: &super::office_code(conn)?,
            year,
            month: today.month(),
        },
    );
    let head = letterhead::in_force_on(conn, today)?;
    let print = print_data(conn, &reply, &head, today, Some(&number))?;
    let frozen = serde_json::to_string(&print).map_err(crate::documents::failure)?;
    trail(
        conn,
        &reply,
        Entry {
            step: reply.reviewers.len() + 1,
            official_id: Some(official_id),
            action: "tanda_tangan",
            note: "",
        },
        account_id,
        now,
    )?;
    conn.prepare_cached(
        "UPDATE replies SET status = 'ditandatangani', awaiting_official_id = NULL,
                outgoing_year = :year, outgoing_seq = :seq, outgoing_number = :number,
                letter_date = :day, signed_at = :now, signed_by = :account,
                letterhead_id = :letterhead, frozen = :frozen, updated_at = :now
          WHERE id = :id",
    )?
    .execute(named_params! {
        ":year": year, ":seq": sequence, ":number": number, ":day": today, ":now": now,
        ":account": account_id, ":letterhead": head.id, ":frozen": frozen, ":id": id,
    })?;
    get(conn, id, today)
}
