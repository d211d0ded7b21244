//! Dispositions (disposisi): the Head passes a letter or case to one or more officials with
//! instructions, a due date and a note; each recipient may pass it further down, so the
//! dispositions of one letter form a tree. Recipients mark what they received as read and
//! report back. A disposition written by hand on the paper sheet is typed in by the clerk on
//! the official's behalf and recorded as such.

use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::cases;
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::text;

pub const INSTRUCTIONS: [(&str, &str); 5] = [
    ("tanggapan", "Tanggapan dan saran"),
    ("proses", "Proses lebih lanjut"),
    ("koordinasi", "Koordinasi/konfirmasikan"),
    ("diketahui", "Untuk diketahui"),
    ("arsip", "Arsip"),
];

/// At most this many recipients in one disposition (the printed sheet has room for them).
pub const MAX_RECIPIENTS: usize = 12;
/// A due date further away than this is a typing mistake.
const MAX_DUE_DAYS: i64 = 366;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DispositionInput {
    /// What is disposed: a letter or a case (a letter that opened a case carries both).
    #[serde(default)]
    pub letter_id: Option<i64>,
    #[serde(default)]
    pub case_id: Option<i64>,
    /// The disposition this one forwards further down, if any.
    #[serde(default)]
    pub parent_id: Option<i64>,
    /// Only for a sheet written by hand: whose disposition the clerk is typing in.
    #[serde(default)]
    pub from_official_id: Option<i64>,
    pub to_official_ids: Vec<i64>,
    #[serde(default)]
    pub instructions: Vec<String>,
    #[serde(default)]
    pub instruction_text: String,
    #[serde(default)]
    pub due_date: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disposition {
    pub id: i64,
    pub letter_id: Option<i64>,
    pub case_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub from_official_id: i64,
    pub from_name: String,
    pub from_position: String,
    pub to_official_id: i64,
    pub to_name: String,
    pub to_position: String,
    pub instructions: Vec<String>,
    /// "Tanggapan dan saran; Proses lebih lanjut; <free text>"
    pub instructions_label: String,
    pub due_date: Option<NaiveDate>,
    pub due_label: String,
    pub note: String,
    pub on_paper: bool,
    pub created_at: DateTime<Utc>,
    pub created_label: String,
    pub read_at: Option<DateTime<Utc>>,
    pub report: Option<String>,
    pub reported_at: Option<DateTime<Utc>>,
    pub reported_label: String,
    /// What it is about, for the inbox: "Agenda 42 — Bantuan PKH belum cair".
    pub subject: String,
    /// Nesting depth in the tree (0 for the Head's own).
    pub depth: usize,
    /// Not yet reported and past its due date, by the office's WITA date (inbox only).
    pub overdue: bool,
}

const SELECT: &str = "
SELECT d.id, d.letter_id, d.case_id, d.parent_id, d.from_official_id, f.name, f.position,
       d.to_official_id, t.name, t.position, d.instructions, d.instruction_text, d.due_date,
       d.note, d.on_paper, d.created_at, d.read_at, d.report, d.reported_at,
       coalesce('Agenda ' || l.agenda_number || ' — ' || l.subject,
                c.reg_number || ' — ' || c.summary, '')
  FROM dispositions d
  JOIN officials f ON f.id = d.from_official_id
  JOIN officials t ON t.id = d.to_official_id
  LEFT JOIN letters l ON l.id = d.letter_id
  LEFT JOIN cases c ON c.id = d.case_id";

fn instruction_label(code: &str) -> &'static str {
    text::label(&INSTRUCTIONS, code)
}

/// Shown in place of words written about a confidential complainant's matter.
pub const WITHHELD: &str = "(dirahasiakan)";

/// A disposition about a confidential complainant's matter, for someone who may not know
/// her: the ticked instructions stay, the words written beside them (the free instruction,
/// the note, the report back) are left out, since they may name her.
pub fn withhold(disposition: &mut Disposition) {
    disposition.instructions_label = disposition
        .instructions
        .iter()
        .map(|c| instruction_label(c))
        .collect::<Vec<_>>()
        .join("; ");
    if !disposition.note.is_empty() {
        disposition.note = WITHHELD.to_owned();
    }
    if disposition.report.is_some() {
        disposition.report = Some(WITHHELD.to_owned());
    }
}

fn from_row(row: &Row) -> crate::store::SqlResult<Disposition> {
    let codes: String = row.get(10)?;
    let free: String = row.get(11)?;
    let instructions: Vec<String> = codes
        .split(',')
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    let mut labels: Vec<String> = instructions
        .iter()
        .map(|c| instruction_label(c).to_owned())
        .collect();
    if !free.is_empty() {
        labels.push(free);
    }
    let due_date: Option<NaiveDate> = row.get(12)?;
    let created_at: DateTime<Utc> = row.get(15)?;
    let reported_at: Option<DateTime<Utc>> = row.get(18)?;
    let short = |at: DateTime<Utc>| {
        format!(
            "{} {}",
            dates::format_short(dates::wita_date(at)),
            crate::guestbook::time_label(at)
        )
    };
    let subject: String = row.get(19)?;
    Ok(Disposition {
        id: row.get(0)?,
        letter_id: row.get(1)?,
        case_id: row.get(2)?,
        parent_id: row.get(3)?,
        from_official_id: row.get(4)?,
        from_name: row.get(5)?,
        from_position: row.get(6)?,
        to_official_id: row.get(7)?,
        to_name: row.get(8)?,
        to_position: row.get(9)?,
        instructions,
        instructions_label: labels.join("; "),
        due_label: due_date.map(dates::format_long).unwrap_or_default(),
        due_date,
        note: row.get(13)?,
        on_paper: row.get(14)?,
        created_label: short(created_at),
        created_at,
        read_at: row.get(16)?,
        report: row.get(17)?,
        reported_label: reported_at.map(short).unwrap_or_default(),
        reported_at,
        subject: subject.chars().take(160).collect(),
        depth: 0,
        overdue: false,
    })
}

/// A letter disposed before it was recorded as a case: its dispositions belong to the case
/// too. Returns how many there were.
pub fn attach_to_case(conn: &Connection, letter_id: i64, case_id: i64) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE dispositions SET case_id = ?1 WHERE letter_id = ?2 AND case_id IS NULL",
        )?
        .execute([case_id, letter_id])?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Disposition> {
    conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "disposition.not_found",
            what: "Disposisi",
        })
}

/// The Head of Office on `day`: holds a post in the office's top unit, or acts in one
/// (Plt./Plh.).
pub fn is_head(conn: &Connection, official_id: i64, day: NaiveDate) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (
                 SELECT 1 FROM officials o JOIN units u ON u.id = o.unit_id
                  WHERE o.id = :id AND u.kind = 'dinas'
                    AND o.active_from <= :day AND (o.active_to IS NULL OR o.active_to >= :day)
                 UNION ALL
                 SELECT 1 FROM acting_appointments a JOIN units u ON u.id = a.unit_id
                  WHERE a.official_id = :id AND u.kind = 'dinas'
                    AND a.valid_from <= :day AND (a.valid_to IS NULL OR a.valid_to >= :day))",
        )?
        .query_row(named_params! { ":id": official_id, ":day": day }, |r| {
            r.get(0)
        })?)
}

fn is_active(conn: &Connection, official_id: i64, day: NaiveDate) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM officials
              WHERE id = :id AND active_from <= :day AND (active_to IS NULL OR active_to >= :day)",
        )?
        .query_row(named_params! { ":id": official_id, ":day": day }, |r| {
            r.get(0)
        })
        .optional()?)
}

/// Who is disposing: the signed-in official, or — for a sheet written by hand — the official
/// the clerk names.
pub enum Author {
    Official(i64),
    OnPaper,
}

/// Creates one disposition per recipient. Call inside the write transaction.
pub fn create(
    conn: &Connection,
    input: &DispositionInput,
    author: Author,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Disposition>> {
    let today = dates::wita_date(now);
    let mut e = FieldErrors::new();
    let (from, on_paper) = match author {
        Author::Official(id) => (Some(id), false),
        Author::OnPaper => match input.from_official_id {
            Some(id) => (Some(id), true),
            None => {
                e.add(
                    "from_official_id",
                    "field.required",
                    "Pilih pejabat yang menulis disposisi di lembar kertas.",
                );
                (None, true)
            }
        },
    };
    // What is disposed: from the parent when forwarding, else from the input.
    let parent = input.parent_id.map(|id| get(conn, id)).transpose()?;
    let (letter_id, case_id) = match &parent {
        Some(parent) => (parent.letter_id, parent.case_id),
        None => {
            let case_of_letter = match input.letter_id {
                Some(letter) => cases::of_letter(conn, letter)?,
                None => None,
            };
            (input.letter_id, input.case_id.or(case_of_letter))
        }
    };
    if letter_id.is_none() && case_id.is_none() {
        e.add(
            "",
            "disposition.nothing",
            "Pilih surat atau pengaduan yang didisposisikan.",
        );
    }
    if let Some(letter) = letter_id {
        e.take(crate::letters::get(conn, letter).map(|_| ()));
    }
    let case = case_id.map(|id| cases::get(conn, id)).transpose()?;
    if let Some(case) = &case {
        if !case.status.is_open() {
            e.add(
                "",
                "disposition.case_closed",
                format!(
                    "Pengaduan {} sudah berstatus {}; tidak dapat didisposisikan lagi.",
                    case.reg_number, case.status_label
                ),
            );
        }
    }
    if let Some(from) = from {
        if is_active(conn, from, today)?.is_none() {
            e.add(
                "from_official_id",
                "disposition.from_inactive",
                "Pejabat pemberi disposisi tidak aktif pada hari ini.",
            );
        }
        match &parent {
            Some(parent) if parent.to_official_id != from => e.add(
                "parent_id",
                "disposition.not_recipient",
                format!(
                    "Hanya {} (penerima disposisi ini) yang dapat meneruskannya.",
                    parent.to_name
                ),
            ),
            None if !is_head(conn, from, today)? => e.add(
                "from_official_id",
                "disposition.not_head",
                "Disposisi pertama diberikan oleh Kepala Dinas; pejabat lain meneruskan \
                 disposisi yang mereka terima.",
            ),
            _ => {}
        }
    }
    let mut recipients: Vec<i64> = Vec::new();
    for id in &input.to_official_ids {
        if !recipients.contains(id) {
            recipients.push(*id);
        }
    }
    if recipients.is_empty() {
        e.add(
            "to_official_ids",
            "field.required",
            "Pilih paling sedikit satu pejabat penerima.",
        );
    } else if recipients.len() > MAX_RECIPIENTS {
        e.add(
            "to_official_ids",
            "disposition.too_many",
            format!("Paling banyak {MAX_RECIPIENTS} penerima dalam satu disposisi."),
        );
    }
    for id in &recipients {
        if Some(*id) == from {
            e.add(
                "to_official_ids",
                "disposition.to_self",
                "Disposisi tidak dapat ditujukan kepada pemberinya sendiri.",
            );
        } else if is_active(conn, *id, today)?.is_none() {
            e.add(
                "to_official_ids",
                "disposition.to_inactive",
                "Salah satu penerima tidak aktif pada hari ini.",
            );
        }
    }
    let mut codes: Vec<&str> = Vec::new();
    for code in &input.instructions {
        let code = code.trim();
        if !INSTRUCTIONS.iter().any(|(c, _)| *c == code) {
            e.add(
                "instructions",
                "disposition.instruction",
                "Instruksi disposisi tidak dikenal.",
            );
        } else if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let free = e.take(text::optional(
        "instruction_text",
        "Instruksi lain",
        &input.instruction_text,
        300,
    ));
    if codes.is_empty() && free.as_deref().is_some_and(str::is_empty) {
        e.add(
            "instructions",
            "disposition.instruction_required",
            "Pilih paling sedikit satu instruksi atau tulis instruksi lain.",
        );
    }
    let due = e.take(dates::parse_optional(
        "due_date",
        "Batas waktu",
        &input.due_date,
    ));
    if let Some(Some(due)) = due {
        if due < today {
            e.add(
                "due_date",
                "disposition.due_past",
                "Batas waktu tidak boleh sebelum hari ini.",
            );
        } else if due > today + Duration::days(MAX_DUE_DAYS) {
            e.add(
                "due_date",
                "date.out_of_range",
                "Batas waktu paling lambat satu tahun dari hari ini.",
            );
        }
    }
    let note = e.take(text::optional("note", "Catatan", &input.note, 1000));
    e.into_result()?;
    // Without a typed due date a case's disposition is due by the case's own deadline.
    let due = due.flatten().or(case.as_ref().map(|c| c.due_date));
    let from = from.expect("checked");
    let mut created = Vec::new();
    for to in recipients {
        conn.prepare_cached(
            "INSERT INTO dispositions (letter_id, case_id, parent_id, from_official_id,
                                       to_official_id, instructions, instruction_text, due_date,
                                       note, on_paper, recorded_by, created_at)
             VALUES (:letter, :case, :parent, :from, :to, :codes, :free, :due, :note, :paper,
                     :account, :now)",
        )?
        .execute(named_params! {
            ":letter": letter_id, ":case": case_id, ":parent": input.parent_id, ":from": from,
            ":to": to, ":codes": codes.join(","), ":free": free.clone().unwrap_or_default(),
            ":due": due, ":note": note.clone().unwrap_or_default(), ":paper": on_paper,
            ":account": account_id, ":now": now,
        })?;
        created.push(get(conn, conn.last_insert_id()?)?);
    }
    if let Some(case) = case {
        cases::mark_disposed(conn, case.id, account_id, now)?;
    }
    Ok(created)
}

fn require_recipient(disposition: &Disposition, official: Option<i64>) -> Result<()> {
    if official == Some(disposition.to_official_id) {
        Ok(())
    } else {
        Err(Error::Forbidden {
            message: format!(
                "Disposisi ini ditujukan kepada {}; hanya beliau yang dapat menandainya.",
                disposition.to_name
            ),
        })
    }
}

/// The recipient has seen it. Marking twice keeps the first time.
pub fn mark_read(
    conn: &Connection,
    id: i64,
    official: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Disposition> {
    let disposition = get(conn, id)?;
    require_recipient(&disposition, official)?;
    conn.prepare_cached("UPDATE dispositions SET read_at = coalesce(read_at, ?1) WHERE id = ?2")?
        .execute(crate::store::params![now, id])?;
    get(conn, id)
}

/// The recipient reports back: what was done. Once reported, it is closed in their inbox.
pub fn report(
    conn: &Connection,
    id: i64,
    official: Option<i64>,
    report: &str,
    now: DateTime<Utc>,
) -> Result<Disposition> {
    let disposition = get(conn, id)?;
    require_recipient(&disposition, official)?;
    if disposition.reported_at.is_some() {
        return Err(Error::invalid(
            "report",
            "disposition.reported",
            format!(
                "Laporan disposisi ini sudah disampaikan pada {}.",
                disposition.reported_label
            ),
        ));
    }
    let report = text::required("report", "Laporan", report, 2000)?;
    conn.prepare_cached(
        "UPDATE dispositions SET report = :report, reported_at = :now,
                                 read_at = coalesce(read_at, :now)
          WHERE id = :id",
    )?
    .execute(named_params! { ":report": report, ":now": now, ":id": id })?;
    get(conn, id)
}

/// The dispositions of a letter or case as a tree, in order: each followed by those that
/// forward it (`depth` says how far down).
/// Every disposition made from `from` to `to` (WITA days), oldest first: for exports.
pub fn in_range(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Disposition>> {
    let midnight = chrono::NaiveTime::MIN;
    let next = to.succ_opt().unwrap_or(to);
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE d.created_at >= :from AND d.created_at < :to ORDER BY d.created_at, d.id"
        ))?
        .query_map(
            named_params! {
                ":from": dates::wita_instant(from, midnight),
                ":to": dates::wita_instant(next, midnight),
            },
            from_row,
        )?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

pub fn tree(
    conn: &Connection,
    letter_id: Option<i64>,
    case_id: Option<i64>,
) -> Result<Vec<Disposition>> {
    let all = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE (d.letter_id IS NOT DISTINCT FROM :letter AND :letter IS NOT NULL)
                         OR (d.case_id IS NOT DISTINCT FROM :case AND :case IS NOT NULL)
              ORDER BY d.created_at, d.id"
        ))?
        .query_map(
            named_params! { ":letter": letter_id, ":case": case_id },
            from_row,
        )?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    let mut ordered = Vec::with_capacity(all.len());
    fn walk(all: &[Disposition], parent: Option<i64>, depth: usize, out: &mut Vec<Disposition>) {
        for child in all.iter().filter(|d| d.parent_id == parent) {
            let mut node = child.clone();
            node.depth = depth;
            out.push(node);
            walk(all, Some(child.id), depth + 1, out);
        }
    }
    walk(&all, None, 0, &mut ordered);
    Ok(ordered)
}

/// An official's open dispositions (not yet reported back), the earliest due first.
pub fn inbox(conn: &Connection, official_id: i64, today: NaiveDate) -> Result<Vec<Disposition>> {
    let mut waiting = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE d.to_official_id = ?1 AND d.reported_at IS NULL
              ORDER BY d.due_date IS NULL, d.due_date, d.created_at"
        ))?
        .query_map([official_id], from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    for d in &mut waiting {
        d.overdue = d.due_date.is_some_and(|due| due < today);
    }
    Ok(waiting)
}

#[cfg(test)]
mod tests;
