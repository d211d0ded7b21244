//! Reply letters (surat balasan) to cases: a draft (konsep) made from a template and filled
//! from the case, saved as numbered versions that are never changed, sent up a review path of
//! at most three officials who each initial (paraf) or return it with a correction note, and
//! signed by the Head (or a.n./Plt./Plh.), which takes the outgoing number. A signed letter is
//! frozen: what it prints is kept with the letterhead version it was signed under.
//!
//! - [`templates`]: the five kinds of reply and their `{fields}`.
//! - [`signer`]: who may sign and how the signature block is worded.
//! - [`review`]: submit, initial, return, sign, cancel: the path's rules.
//! - [`compare`]: two versions word by word.
//! - [`register`]: the outgoing-letter register (Surat Keluar).

pub mod compare;
pub mod dispatch;
pub mod path;
pub mod register;
pub mod review;
pub mod signer;
pub mod templates;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::cases::{self, Case};
use crate::dates;
use crate::documents::reply_letter::{InitialRow, LetterPrint};
use crate::error::{Error, FieldErrors, Result};
use crate::letters::{self, URGENCIES};
use crate::settings::letterhead::{self, Letterhead};
use crate::settings::{classification, letter_setup, numbering, officials};
use crate::text;

pub const STATUSES: [(&str, &str); 6] = [
    ("konsep", "Konsep"),
    ("paraf", "Menunggu paraf"),
    ("dikembalikan", "Dikembalikan untuk perbaikan"),
    ("siap_tanda_tangan", "Menunggu tanda tangan"),
    ("ditandatangani", "Ditandatangani"),
    ("dibatalkan", "Dibatalkan"),
];

/// At most this many officials initial a draft before it is signed.
pub const MAX_REVIEWERS: usize = 3;
const MAX_COPIES: usize = 10;

/// What a draft says, as saved in one version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DraftContent {
    pub addressee: String,
    pub addressee_address: String,
    pub addressee_place: String,
    pub sifat: String,
    pub enclosures: i64,
    pub subject: String,
    /// Paragraphs separated by a blank line.
    pub body: String,
    pub copies: Vec<String>,
    pub classification_code: String,
    pub signer_official_id: i64,
    pub reviewer_ids: Vec<i64>,
}

/// The draft form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DraftInput {
    pub addressee: String,
    #[serde(default)]
    pub addressee_address: String,
    #[serde(default)]
    pub addressee_place: String,
    pub sifat: String,
    #[serde(default)]
    pub enclosures: String,
    pub subject: String,
    pub body: String,
    /// One recipient per line.
    #[serde(default)]
    pub copies: String,
    #[serde(default)]
    pub classification_code: String,
    pub signer_official_id: Option<i64>,
    /// In order; empty entries (an unused select) are ignored.
    #[serde(default)]
    pub reviewer_ids: Vec<Option<i64>>,
    /// The record's revision when the form was opened ([`crate::Office::revision`]): a save
    /// over someone else's later change is refused, naming who made it and when. None: not
    /// checked (a new record, or a caller that did not open a form).
    #[serde(default)]
    pub seen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reviewer {
    pub step: usize,
    pub official_id: i64,
    pub name: String,
    pub position: String,
    /// Has initialled the current version.
    pub initialled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reply {
    pub id: i64,
    pub case_id: i64,
    pub case_reg_number: String,
    pub template_code: String,
    pub author_account_id: i64,
    pub author_name: String,
    pub status: String,
    pub status_label: &'static str,
    pub version: i64,
    pub content: DraftContent,
    /// The addressee as lists show it: hidden when the complainant asked for confidentiality.
    pub addressee_shown: String,
    pub sifat_label: &'static str,
    pub reviewers: Vec<Reviewer>,
    pub signer_name: String,
    pub signer_label: String,
    pub awaiting_official_id: Option<i64>,
    pub awaiting_name: String,
    pub outgoing_number: Option<String>,
    pub letter_date: Option<NaiveDate>,
    pub letter_date_label: String,
    pub signed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub updated_label: String,
    /// The letter's text was left out for the person asking ([`withhold`]).
    pub withheld: bool,
}

impl Reply {
    pub fn is_signed(&self) -> bool {
        self.status == "ditandatangani"
    }

    pub fn is_editable(&self) -> bool {
        matches!(self.status.as_str(), "konsep" | "dikembalikan")
    }
}

/// One step of the review trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewEntry {
    pub id: i64,
    pub version: i64,
    pub step: i64,
    pub action: String,
    pub action_label: &'static str,
    pub official_id: Option<i64>,
    pub official_name: String,
    pub official_position: String,
    pub account_name: String,
    pub note: String,
    pub at: DateTime<Utc>,
    pub at_label: String,
}

pub const REVIEW_ACTIONS: [(&str, &str); 6] = [
    ("ajukan", "Diajukan untuk paraf"),
    ("paraf", "Diparaf"),
    ("kembalikan", "Dikembalikan dengan catatan"),
    ("tarik", "Ditarik kembali oleh penyusun"),
    ("tanda_tangan", "Ditandatangani"),
    ("batal", "Dibatalkan"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    pub version: i64,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
    pub saved_label: String,
}

const SELECT: &str = "
SELECT r.id, r.case_id, c.reg_number, r.template_code, r.author_account_id, a.full_name,
       r.status, r.current_version, v.content, r.review_step, r.awaiting_official_id, w.name,
       r.outgoing_number, r.letter_date, r.signed_at, r.updated_at, c.identity, s.name,
       p.anonymised_at IS NOT NULL
  FROM replies r
  JOIN cases c ON c.id = r.case_id
  LEFT JOIN people p ON p.id = c.person_id
  JOIN accounts a ON a.id = r.author_account_id
  JOIN reply_versions v ON v.reply_id = r.id AND v.version = r.current_version
  JOIN officials s ON s.id = r.signer_official_id
  LEFT JOIN officials w ON w.id = r.awaiting_official_id";

struct Raw {
    reply: Reply,
    review_step: usize,
}

fn from_row(row: &Row) -> crate::store::SqlResult<Raw> {
    let content: String = row.get(8)?;
    let content: DraftContent = serde_json::from_str(&content).unwrap_or_default();
    let status: String = row.get(6)?;
    let identity: String = row.get(16)?;
    let letter_date: Option<NaiveDate> = row.get(13)?;
    let updated_at: DateTime<Utc> = row.get(15)?;
    Ok(Raw {
        review_step: row.get::<_, i64>(9)? as usize,
        reply: Reply {
            id: row.get(0)?,
            case_id: row.get(1)?,
            case_reg_number: row.get(2)?,
            template_code: row.get(3)?,
            author_account_id: row.get(4)?,
            author_name: row.get(5)?,
            status_label: text::label(&STATUSES, &status),
            status,
            version: row.get(7)?,
            addressee_shown: shown_addressee(&identity, row.get(18)?, &content.addressee),
            sifat_label: letters::urgency_label(&content.sifat),
            content,
            reviewers: Vec::new(),
            signer_name: row.get(17)?,
            signer_label: String::new(),
            awaiting_official_id: row.get(10)?,
            awaiting_name: row.get::<_, Option<String>>(11)?.unwrap_or_default(),
            outgoing_number: row.get(12)?,
            letter_date_label: letter_date.map(dates::format_long).unwrap_or_default(),
            letter_date,
            signed_at: row.get(14)?,
            updated_label: format!(
                "{} {}",
                dates::format_long(dates::wita_date(updated_at)),
                crate::guestbook::time_label(updated_at)
            ),
            updated_at,
            withheld: false,
        },
    })
}

/// The addressee as lists and registers may show it: a confidential, anonymous or anonymised
/// complainant is never named there (the letter itself, for those who handle it, is).
pub(crate) fn shown_addressee(identity: &str, anonymised: bool, addressee: &str) -> String {
    match identity {
        "confidential" => cases::CONFIDENTIAL_NAME.to_owned(),
        "anonymous" => cases::ANONYMOUS_NAME.to_owned(),
        _ if anonymised => crate::people::ANONYMISED_NAME.to_owned(),
        _ => addressee.to_owned(),
    }
}

/// A reply listed for someone who may not know its confidential addressee: the subject
/// stays (it may not name the complainant: [`templates`] and [`save`] refuse that), the
/// addressee is hidden and the letter's text, which names them, is left out.
pub fn withhold(reply: &mut Reply) {
    if reply.addressee_shown == reply.content.addressee {
        return;
    }
    reply.content.addressee = reply.addressee_shown.clone();
    reply.content.addressee_address.clear();
    reply.content.addressee_place.clear();
    reply.content.body.clear();
    reply.content.copies.clear();
    reply.withheld = true;
}

/// Names and positions of the review path, and how the signer signs.
fn complete(conn: &Connection, raw: Raw, today: NaiveDate) -> Result<Reply> {
    let Raw {
        mut reply,
        review_step,
    } = raw;
    for (index, id) in reply.content.reviewer_ids.iter().enumerate() {
        let (name, position) = official_name(conn, *id)?;
        reply.reviewers.push(Reviewer {
            step: index + 1,
            official_id: *id,
            name,
            position,
            initialled: index < review_step && reply.status != "dikembalikan",
        });
    }
    let day = reply.letter_date.unwrap_or(today);
    reply.signer_label = signer::signer(conn, reply.content.signer_official_id, day)
        .map(|s| s.label)
        .unwrap_or_else(|_| "tidak lagi dapat menandatangani".to_owned());
    Ok(reply)
}

fn official_name(conn: &Connection, id: i64) -> Result<(String, String)> {
    Ok(conn
        .prepare_cached("SELECT name, position FROM officials WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Reply> {
    let raw = conn
        .prepare_cached(&format!("{SELECT} WHERE r.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "reply.not_found",
            what: "Surat balasan",
        })?;
    complete(conn, raw, today)
}

fn query(conn: &Connection, condition: &str, id: i64, today: NaiveDate) -> Result<Vec<Reply>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {condition} ORDER BY r.updated_at DESC, r.id DESC LIMIT 200"
    ))?;
    let raws = stmt
        .query_map([id], from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    raws.into_iter()
        .map(|raw| complete(conn, raw, today))
        .collect()
}

pub fn for_case(conn: &Connection, case_id: i64, today: NaiveDate) -> Result<Vec<Reply>> {
    query(conn, "r.case_id = ?1", case_id, today)
}

/// Drafts waiting for this official's paraf or signature.
pub fn awaiting(conn: &Connection, official_id: i64, today: NaiveDate) -> Result<Vec<Reply>> {
    query(conn, "r.awaiting_official_id = ?1", official_id, today)
}

/// The drafts this account wrote that are not signed or cancelled yet.
pub fn authored(conn: &Connection, account_id: i64, today: NaiveDate) -> Result<Vec<Reply>> {
    query(
        conn,
        "r.author_account_id = ?1 AND r.status IN ('konsep', 'paraf', 'dikembalikan', 'siap_tanda_tangan')",
        account_id,
        today,
    )
}

pub fn trail(conn: &Connection, reply_id: i64) -> Result<Vec<ReviewEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.version, t.step, t.action, t.official_id, o.name, o.position, a.full_name,
                t.note, t.at
           FROM reply_reviews t
           JOIN accounts a ON a.id = t.account_id
           LEFT JOIN officials o ON o.id = t.official_id
          WHERE t.reply_id = ?1 ORDER BY t.id",
    )?;
    let rows = stmt.query_map([reply_id], |row| {
        let action: String = row.get(3)?;
        let at: DateTime<Utc> = row.get(9)?;
        Ok(ReviewEntry {
            id: row.get(0)?,
            version: row.get(1)?,
            step: row.get(2)?,
            action_label: text::label(&REVIEW_ACTIONS, &action),
            action,
            official_id: row.get(4)?,
            official_name: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
            official_position: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
            account_name: row.get(7)?,
            note: row.get(8)?,
            at_label: at_label(at),
            at,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// "30/11/2026 10.15" (WITA).
fn at_label(at: DateTime<Utc>) -> String {
    format!(
        "{} {}",
        dates::format_short(dates::wita_date(at)),
        crate::guestbook::time_label(at)
    )
}

pub fn versions(conn: &Connection, reply_id: i64) -> Result<Vec<VersionInfo>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.version, a.full_name, v.saved_at FROM reply_versions v
           JOIN accounts a ON a.id = v.saved_by WHERE v.reply_id = ?1 ORDER BY v.version DESC",
    )?;
    let rows = stmt.query_map([reply_id], |row| {
        let saved_at: DateTime<Utc> = row.get(2)?;
        Ok(VersionInfo {
            version: row.get(0)?,
            saved_by: row.get(1)?,
            saved_label: at_label(saved_at),
            saved_at,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

pub fn version_content(conn: &Connection, reply_id: i64, version: i64) -> Result<DraftContent> {
    let json: String = conn
        .prepare_cached("SELECT content FROM reply_versions WHERE reply_id = ?1 AND version = ?2")?
        .query_row([reply_id, version], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound {
            code: "reply.version_not_found",
            what: "Versi konsep",
        })?;
    serde_json::from_str(&json).map_err(crate::documents::failure)
}

/// The version as one text for comparing: everything a reviewer checks, in letter order,
/// the signer and the review path included (a swapped signer must show as a change).
pub fn comparable_text(conn: &Connection, content: &DraftContent) -> Result<String> {
    let name = |id: i64| -> Result<String> {
        let (name, position) = official_name(conn, id)?;
        Ok(format!("{position} — {name}"))
    };
    let reviewers = content
        .reviewer_ids
        .iter()
        .map(|id| name(*id))
        .collect::<Result<Vec<_>>>()?;
    let mut out = format!(
        "Yth. {}\n{}\ndi {}\nSifat: {}\nLampiran: {}\nKode klasifikasi: {}\nHal: {}\n\n{}\n\n\
         Penanda tangan: {}\nParaf: {}\n",
        content.addressee,
        content.addressee_address,
        content.addressee_place,
        letters::urgency_label(&content.sifat),
        content.enclosures,
        content.classification_code,
        content.subject,
        content.body,
        name(content.signer_official_id)?,
        if reviewers.is_empty() {
            "-".to_owned()
        } else {
            reviewers.join(" → ")
        },
    );
    if !content.copies.is_empty() {
        out.push_str("\nTembusan:\n");
        for (index, copy) in content.copies.iter().enumerate() {
            out.push_str(&format!("{}. {copy}\n", index + 1));
        }
    }
    Ok(out)
}

// --- Drafting ----------------------------------------------------------------------------

/// Checks a typed draft; the review path and signer are checked against `day`.
pub fn validate(conn: &Connection, input: &DraftInput, day: NaiveDate) -> Result<DraftContent> {
    let mut e = FieldErrors::new();
    let addressee = e.take(text::required(
        "addressee",
        "Kepada (Yth.)",
        &input.addressee,
        200,
    ));
    let addressee_address = e.take(text::multiline(
        "addressee_address",
        "Alamat tujuan",
        &input.addressee_address,
        400,
        false,
    ));
    let addressee_place = e.take(text::optional(
        "addressee_place",
        "Tempat (di)",
        &input.addressee_place,
        100,
    ));
    let sifat = input.sifat.trim();
    if !URGENCIES.iter().any(|(code, _)| *code == sifat) {
        e.add("sifat", "field.choice", "Pilih sifat surat dari daftar.");
    }
    let enclosures = if input.enclosures.trim().is_empty() {
        Some(0)
    } else {
        e.take(text::integer_in(
            "enclosures",
            "Lampiran",
            &input.enclosures,
            0,
            99,
        ))
    };
    let subject = e.take(text::required("subject", "Hal", &input.subject, 300));
    let body = e.take(text::multiline(
        "body",
        "Isi surat",
        &input.body,
        20_000,
        true,
    ));
    if body
        .as_deref()
        .is_some_and(|b| b.contains('{') || b.contains('}'))
    {
        // A field left unfilled from an edited template, or typed by mistake.
        e.add(
            "body",
            "reply.unfilled_field",
            "Isi surat masih memuat tanda { }; lengkapi atau hapus bagian itu.",
        );
    }
    let copies_text = e.take(text::multiline(
        "copies",
        "Tembusan",
        &input.copies,
        2000,
        false,
    ));
    let copies: Vec<String> = copies_text
        .unwrap_or_default()
        .lines()
        .map(|l| without_list_marker(l.trim()).to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if copies.len() > MAX_COPIES {
        e.add(
            "copies",
            "reply.too_many_copies",
            format!("Tembusan paling banyak {MAX_COPIES} baris."),
        );
    }
    let code = input.classification_code.trim();
    if !code.is_empty() && classification::get(conn, code)?.is_none() {
        e.add(
            "classification_code",
            "reply.unknown_classification",
            format!("Kode klasifikasi {code} tidak ada di Pengaturan › Klasifikasi."),
        );
    }
    let signer = match input.signer_official_id {
        None => {
            e.add(
                "signer_official_id",
                "field.required",
                "Pilih penanda tangan.",
            );
            None
        }
        Some(id) => e.take(signer::signer(conn, id, day)),
    };
    let reviewer_ids: Vec<i64> = input.reviewer_ids.iter().flatten().copied().collect();
    if reviewer_ids.len() > MAX_REVIEWERS {
        e.add(
            "reviewer_ids",
            "reply.too_many_reviewers",
            format!("Paling banyak {MAX_REVIEWERS} pejabat memaraf sebelum penanda tangan."),
        );
    }
    for (index, id) in reviewer_ids.iter().enumerate() {
        if reviewer_ids[..index].contains(id) {
            e.add(
                "reviewer_ids",
                "reply.reviewer_twice",
                "Seorang pejabat hanya sekali dalam urutan paraf.",
            );
            break;
        }
        if signer.as_ref().is_some_and(|s| s.official_id == *id) {
            e.add(
                "reviewer_ids",
                "reply.signer_initials",
                "Penanda tangan tidak memaraf suratnya sendiri; hapus dari urutan paraf.",
            );
            break;
        }
        match officials::get(conn, *id, day) {
            Ok(official) if official.active => {}
            Ok(official) => e.add(
                "reviewer_ids",
                "reply.reviewer_inactive",
                format!("{} tidak menjabat lagi; pilih pemaraf lain.", official.name),
            ),
            Err(Error::NotFound { .. }) => e.add(
                "reviewer_ids",
                "reply.reviewer_unknown",
                "Pemaraf tidak ditemukan; pilih dari daftar.",
            ),
            Err(other) => return Err(other),
        }
    }
    e.into_result()?;
    Ok(DraftContent {
        addressee: addressee.unwrap_or_default(),
        addressee_address: addressee_address.unwrap_or_default(),
        addressee_place: addressee_place.unwrap_or_default(),
        sifat: sifat.to_owned(),
        enclosures: enclosures.unwrap_or_default(),
        subject: subject.unwrap_or_default(),
        body: body.unwrap_or_default(),
        copies,
        classification_code: code.to_owned(),
        signer_official_id: signer.map(|s| s.official_id).unwrap_or_default(),
        reviewer_ids,
    })
}

/// "2. Arsip" → "Arsip" (the letter numbers the copies itself); "112 Command Center" stays.
fn without_list_marker(line: &str) -> &str {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with(char::is_whitespace) => rest.trim_start(),
        _ => line,
    }
}

/// The values a template's `{fields}` become for `case`.
fn template_values(
    conn: &Connection,
    case: &Case,
    head: &Letterhead,
) -> Result<BTreeMap<&'static str, String>> {
    let person: Option<(String, String)> = match case.person_id {
        Some(id) if case.identity != "anonymous" => Some(crate::people::get_record(conn, id)?)
            .filter(|p| p.anonymised_at.is_none())
            .map(|p| (p.name, p.address)),
        _ => None,
    };
    let letter = case
        .letter_id
        .map(|id| letters::get(conn, id))
        .transpose()?;
    let (name, address) = person.unwrap_or_default();
    // The day it really arrived, as the complainant knows it (a letter handed in after hours
    // counts from the next working day, but arrived when it arrived).
    let received = dates::format_long(dates::wita_date(case.received_at));
    let sumber = match &letter {
        Some(l) => format!(
            "melalui surat nomor {} tanggal {}",
            l.letter_number, l.letter_date_label
        ),
        None => format!("melalui {}", case.channel_label),
    };
    let subject = letter
        .as_ref()
        .map(|l| l.subject.clone())
        .unwrap_or_else(|| case.summary.chars().take(200).collect());
    let office_address = [head.street_address.trim(), head.city.trim()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(BTreeMap::from([
        ("nama", name),
        ("alamat", address),
        ("nomor_registrasi", case.reg_number.clone()),
        ("tanggal_diterima", received),
        ("perihal", subject),
        ("saluran", case.channel_label.clone()),
        ("sumber", sumber),
        (
            "nomor_surat",
            letter
                .as_ref()
                .map(|l| l.letter_number.clone())
                .unwrap_or_default(),
        ),
        (
            "tanggal_surat",
            letter
                .as_ref()
                .map(|l| l.letter_date_label.clone())
                .unwrap_or_default(),
        ),
        ("alamat_kantor", office_address),
    ]))
}

/// A new draft for `case_id` from a template, filled from the case; version 1.
pub fn create(
    conn: &Connection,
    case_id: i64,
    template_code: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<i64> {
    let today = dates::wita_date(now);
    let case = cases::get(conn, case_id)?;
    // The standard: the Head disposes a complaint letter, then the official replies.
    if case.channel == "letter" && case.status == cases::Status::Diterima {
        return Err(Error::invalid(
            "template_code",
            "reply.letter_not_disposed",
            "Surat pengaduan ini belum didisposisikan Kepala Dinas; surat balasan dibuat \
             sesudah disposisi.",
        ));
    }
    let template = templates::by_code(conn, template_code)?;
    if !template.active {
        return Err(Error::invalid(
            "template_code",
            "reply.template_inactive",
            format!("Templat {} tidak aktif; pilih templat lain.", template.name),
        ));
    }
    let head = letterhead::in_force_on(conn, today)?;
    let values = template_values(conn, &case, &head)?;
    let signer = default_signer_for(conn, account_id, today)?;
    let letter = case
        .letter_id
        .map(|id| letters::get(conn, id))
        .transpose()?;
    let addressee = match values["nama"].as_str() {
        "" => String::new(),
        name => format!("Sdr. {name}"),
    };
    let content = DraftContent {
        addressee,
        addressee_address: values["alamat"].clone(),
        addressee_place: head.city.clone(),
        sifat: "biasa".into(),
        enclosures: 0,
        subject: templates::fill(&template.subject, &values),
        body: templates::fill(&template.body, &values),
        copies: Vec::new(),
        classification_code: letter
            .and_then(|l| l.classification_code)
            .unwrap_or_else(|| default_classification(conn).unwrap_or_default()),
        signer_official_id: signer.official_id,
        reviewer_ids: path::proposed(conn, account_id, case_id, signer.official_id, today)?,
    };
    let reviewer = |i: usize| content.reviewer_ids.get(i).copied();
    conn.prepare_cached(
        "INSERT INTO replies (case_id, template_code, author_account_id, status, current_version,
                              signer_official_id, reviewer1_id, reviewer2_id, reviewer3_id,
                              created_at, updated_at)
         VALUES (:case, :template, :author, 'konsep', 1, :signer, :r1, :r2, :r3, :now, :now)",
    )?
    .execute(named_params! {
        ":case": case_id, ":template": template.code, ":author": account_id,
        ":signer": signer.official_id, ":r1": reviewer(0), ":r2": reviewer(1),
        ":r3": reviewer(2), ":now": now,
    })?;
    let id = conn.last_insert_id()?;
    insert_version(conn, id, 1, &content, account_id, now)?;
    Ok(id)
}

/// The Head (or whoever acts for him) signs a new draft, unless its author is that official:
/// an author never signs his own draft, so the next who can sign is offered instead (the
/// form then asks for someone to initial it first).
fn default_signer_for(
    conn: &Connection,
    author_account_id: i64,
    today: NaiveDate,
) -> Result<signer::Signer> {
    let head = signer::default_signer(conn, today)?;
    let author = crate::accounts::get(conn, author_account_id)?.official_id;
    if author != Some(head.official_id) {
        return Ok(head);
    }
    Ok(signer::choices(conn, today)?
        .into_iter()
        .find(|s| Some(s.official_id) != author)
        .unwrap_or(head))
}

/// "400.9" when the office keeps that code (social affairs), else nothing.
fn default_classification(conn: &Connection) -> Result<String> {
    Ok(classification::get(conn, "400.9")?
        .filter(|c| c.active)
        .map(|c| c.code)
        .unwrap_or_default())
}

fn insert_version(
    conn: &Connection,
    reply_id: i64,
    version: i64,
    content: &DraftContent,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let json = serde_json::to_string(content).map_err(crate::documents::failure)?;
    conn.prepare_cached(
        "INSERT INTO reply_versions (reply_id, version, content, saved_by, saved_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(crate::store::params![
        reply_id, version, json, account_id, now
    ])?;
    Ok(())
}

/// The Hal is printed in the outgoing register and every list, which never name a
/// confidential complainant: a Hal holding a word of her name is refused.
fn refuse_hidden_name_in_subject(conn: &Connection, case_id: i64, subject: &str) -> Result<()> {
    let case = cases::get(conn, case_id)?;
    let Some(person) = case.person_id.filter(|_| case.identity != "named") else {
        return Ok(());
    };
    let name = crate::people::get_record(conn, person)?.name.to_lowercase();
    let words: Vec<String> = subject
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_owned)
        .collect();
    let named = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .any(|w| words.iter().any(|s| s == w));
    if named {
        return Err(Error::invalid(
            "subject",
            "reply.subject_names_complainant",
            "Hal tampil di register surat keluar; jangan memuat nama pelapor yang identitasnya \
             dirahasiakan.",
        ));
    }
    Ok(())
}

/// Saves the author's edits as a new version (nothing when nothing changed). Only the
/// author edits, and only a draft not yet sent up or one returned for correction.
pub fn save(
    conn: &Connection,
    id: i64,
    input: &DraftInput,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<bool> {
    let today = dates::wita_date(now);
    let reply = get(conn, id, today)?;
    review::require_author(&reply, account_id)?;
    if !reply.is_editable() {
        return Err(Error::invalid(
            "",
            "reply.not_editable",
            format!(
                "Surat ini berstatus {}; tidak dapat diubah.{}",
                reply.status_label,
                if reply.is_signed() {
                    " Perubahan sesudah ditandatangani memerlukan surat baru."
                } else {
                    ""
                }
            ),
        ));
    }
    let content = validate(conn, input, today)?;
    review::check_path(
        conn,
        account_id,
        content.signer_official_id,
        &content.reviewer_ids,
        today,
    )?;
    refuse_hidden_name_in_subject(conn, reply.case_id, &content.subject)?;
    if content == reply.content {
        return Ok(false);
    }
    let version = reply.version + 1;
    insert_version(conn, id, version, &content, account_id, now)?;
    let reviewer = |i: usize| content.reviewer_ids.get(i).copied();
    conn.prepare_cached(
        "UPDATE replies SET current_version = :version, signer_official_id = :signer,
                reviewer1_id = :r1, reviewer2_id = :r2, reviewer3_id = :r3, updated_at = :now
          WHERE id = :id",
    )?
    .execute(named_params! {
        ":version": version, ":signer": content.signer_official_id, ":r1": reviewer(0),
        ":r2": reviewer(1), ":r3": reviewer(2), ":now": now, ":id": id,
    })?;
    Ok(true)
}

// --- Printing ------------------------------------------------------------------------------

/// The paraf hierarki of the current round: who initialled the version now in force, in
/// order (initials on an earlier version, before a correction, no longer count).
fn initials(conn: &Connection, reply: &Reply) -> Result<Vec<InitialRow>> {
    let trail = trail(conn, reply.id)?;
    // A return (or withdrawal) ends a round: its initials no longer count.
    let round_start = trail
        .iter()
        .rposition(|t| matches!(t.action.as_str(), "ajukan" | "kembalikan" | "tarik"))
        .map_or(0, |i| i + 1);
    Ok(trail[round_start..]
        .iter()
        .filter(|t| t.action == "paraf" && t.version == reply.version)
        .map(|t| InitialRow {
            position: t.official_position.clone(),
            name: t.official_name.clone(),
            at: t.at_label.clone(),
        })
        .collect())
}

fn paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

fn enclosures_label(count: i64) -> String {
    const WORDS: [&str; 10] = [
        "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
    ];
    match count {
        0 => "-".to_owned(),
        1..=9 => format!("{count} ({}) berkas", WORDS[count as usize]),
        _ => format!("{count} berkas"),
    }
}

/// What the letter prints. For a draft the number and day are left open (filled at signing).
pub fn print_data(
    conn: &Connection,
    reply: &Reply,
    head: &Letterhead,
    day: NaiveDate,
    number: Option<&str>,
) -> Result<LetterPrint> {
    let signer = signer::signer(conn, reply.content.signer_official_id, day)?;
    let place_date = match number {
        Some(_) => format!("{}, {}", head.city, dates::format_long(day)),
        None => format!(
            "{},            {} {}",
            head.city,
            dates::month_name(chrono::Datelike::month(&day)),
            chrono::Datelike::year(&day)
        ),
    };
    let number = match number {
        Some(number) => number.to_owned(),
        None => draft_number(conn, &reply.content, day)?,
    };
    Ok(LetterPrint {
        place_date,
        number,
        sifat: letters::urgency_label(&reply.content.sifat).to_owned(),
        enclosures: enclosures_label(reply.content.enclosures),
        subject: reply.content.subject.clone(),
        addressee: reply.content.addressee.clone(),
        addressee_address: reply.content.addressee_address.clone(),
        addressee_place: reply.content.addressee_place.clone(),
        paragraphs: paragraphs(&reply.content.body),
        signer: signer.block,
        copies: reply.content.copies.clone(),
        initials: initials(conn, reply)?,
        setup: letter_setup::get(conn)?,
    })
}

/// The office's code for its own unit in numbers ({unit}): the top unit's code.
fn office_code(conn: &Connection) -> Result<String> {
    Ok(crate::settings::units::top(conn)?
        .map(|u| u.code)
        .unwrap_or_default())
}

/// The number as it will look, with blank room for the sequence: "400.9/      /Dinsos/2026".
fn draft_number(conn: &Connection, content: &DraftContent, day: NaiveDate) -> Result<String> {
    let format = numbering::get(conn)?.outgoing;
    let code = office_code(conn)?;
    let rendered = numbering::render(
        &format.replace("{nomor}", "\u{1}"),
        &numbering::NumberParts {
            classification: &content.classification_code,
            sequence: 0,
            unit: &code,
            year: chrono::Datelike::year(&day),
            month: chrono::Datelike::month(&day),
        },
    );
    Ok(rendered.replace('\u{1}', "      "))
}

/// A signed letter exactly as signed: its frozen print data and the letterhead version in
/// force that day, whatever has changed in the settings since.
pub fn signed_print(conn: &Connection, reply_id: i64) -> Result<(Letterhead, LetterPrint)> {
    let (letterhead_id, frozen): (Option<i64>, Option<String>) = conn
        .prepare_cached("SELECT letterhead_id, frozen FROM replies WHERE id = ?1")?
        .query_row([reply_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    match (letterhead_id, frozen) {
        (Some(letterhead_id), Some(frozen)) => {
            let print = serde_json::from_str(&frozen).map_err(crate::documents::failure)?;
            Ok((letterhead::get(conn, letterhead_id)?, print))
        }
        _ => Err(Error::invalid(
            "",
            "reply.not_signed",
            "Surat ini belum ditandatangani.",
        )),
    }
}
