//! Complaint cases (pengaduan): one per matter, whatever door it came through. A case has a
//! registration number the citizen can quote (`PGD-2026-0042`), a deadline from its channel's
//! setting and the working-day calendar (or the date agreed at the counter), and a status
//! that moves only as [`status`] allows; every move is kept as an event, the case's story.

pub mod box_openings;
pub mod contacts;
pub mod status;

use crate::store::ToValue;
use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::guestbook::time_label;
use crate::people::{self, Contact, PersonInput};
use crate::settings::channels;
use crate::text;
pub use status::Status;

pub const KINDS: [(&str, &str); 3] = [
    ("pengaduan", "Pengaduan"),
    ("informasi", "Permintaan informasi"),
    ("saran", "Saran"),
];

pub const IDENTITIES: [(&str, &str); 3] = [
    ("named", "Dengan nama"),
    ("confidential", "Identitas dirahasiakan"),
    ("anonymous", "Anonim"),
];

/// How the answer reached the complainant.
pub const ANSWER_VIA: [(&str, &str); 7] = [
    ("surat", "Surat balasan"),
    ("tatap_muka", "Tatap muka"),
    ("telepon", "Telepon"),
    ("whatsapp", "WhatsApp"),
    ("email", "Email"),
    ("facebook", "Facebook"),
    ("lapor", "SP4N-LAPOR"),
];

/// Shown instead of a complainant's name when they asked for it to be kept confidential.
pub const CONFIDENTIAL_NAME: &str = "(identitas dirahasiakan)";
pub const ANONYMOUS_NAME: &str = "(anonim)";
pub const LIST_LIMIT: i64 = 200;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CaseInput {
    pub channel: String,
    pub kind: String,
    pub identity: String,
    /// The complainant; ignored when anonymous.
    #[serde(default)]
    pub person: Option<PersonInput>,
    pub summary: String,
    /// Empty: now. For the suggestion box, the day the box was opened.
    #[serde(default)]
    pub received_date: String,
    #[serde(default)]
    pub received_time: String,
    /// The registered letter this case answers (channel "letter").
    #[serde(default)]
    pub letter_id: Option<i64>,
    /// The opening of the suggestion box it was found in (channel "suggestion_box").
    #[serde(default)]
    pub box_opening_id: Option<i64>,
    #[serde(default)]
    pub lapor_tracking_id: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AnswerInput {
    pub via: String,
    pub answered_date: String,
    pub official_id: Option<i64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChoice {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    pub id: i64,
    pub reg_number: String,
    pub channel: String,
    pub channel_label: String,
    pub kind: String,
    pub kind_label: &'static str,
    pub identity: String,
    pub identity_label: &'static str,
    /// The complainant's record: for the core only. What the window gets is
    /// `shown_person_id`, which a confidential or anonymous case never carries.
    #[serde(skip)]
    pub person_id: Option<i64>,
    #[serde(rename = "person_id")]
    pub shown_person_id: Option<i64>,
    /// The name as lists may show it: hidden when confidential or anonymous.
    pub complainant: String,
    pub summary: String,
    pub received_at: DateTime<Utc>,
    pub received_label: String,
    pub received_date: NaiveDate,
    pub due_date: NaiveDate,
    pub due_at: DateTime<Utc>,
    pub due_label: String,
    pub due_source: String,
    pub visit_id: Option<i64>,
    pub letter_id: Option<i64>,
    pub letter_agenda_number: Option<String>,
    pub lapor_tracking_id: Option<String>,
    pub status: Status,
    pub status_label: &'static str,
    pub next_statuses: Vec<StatusChoice>,
    pub answered_at: Option<NaiveDate>,
    pub answered_via_label: &'static str,
    pub answered_by: Option<i64>,
    pub answered_by_name: String,
    pub answer_note: String,
    pub referred_to: Option<String>,
    /// Answered (or referred) on or before the deadline; None while open.
    pub on_time: Option<bool>,
    /// The account that registered it (the receipt's "Petugas penerima").
    pub recorded_by: i64,
    /// The last time the complainant was contacted (the contact log), if ever.
    pub last_contact_at: Option<DateTime<Utc>>,
    pub box_opening_id: Option<i64>,
    /// Open past its deadline, by the office's WITA date (not the PC's clock in the window).
    pub overdue: bool,
}

impl Case {
    /// Judges `overdue` as of the office's `today`; every list or page the window shows does.
    pub fn as_of(mut self, today: NaiveDate) -> Self {
        self.overdue = self.status.is_open() && self.due_date < today;
        self
    }
}

const SELECT: &str = "
SELECT c.id, c.reg_number, c.channel, ch.name, c.kind, c.identity, c.person_id, p.name,
       p.anonymised_at, c.summary, c.received_at, c.received_date, c.due_date, c.due_at,
       c.due_source, c.visit_id, c.letter_id, l.agenda_number, c.lapor_tracking_id, c.status,
       c.answered_at, c.answered_via, c.answered_by, o.name, c.answer_note, c.referred_to,
       c.closed_at, c.recorded_by,
       (SELECT max(k.at) FROM case_contacts k WHERE k.case_id = c.id), c.box_opening_id
  FROM cases c
  JOIN channels ch ON ch.code = c.channel
  LEFT JOIN people p ON p.id = c.person_id
  LEFT JOIN letters l ON l.id = c.letter_id
  LEFT JOIN officials o ON o.id = c.answered_by";

/// The complainant's name as lists may show it: never for an anonymous or confidential case.
pub(crate) fn complainant_label(identity: &str, name: Option<String>, anonymised: bool) -> String {
    match identity {
        "anonymous" => ANONYMOUS_NAME.to_owned(),
        "confidential" => CONFIDENTIAL_NAME.to_owned(),
        _ if anonymised => people::ANONYMISED_NAME.to_owned(),
        _ => name.unwrap_or_default(),
    }
}

fn from_row(row: &Row) -> crate::store::SqlResult<Case> {
    let identity: String = row.get(5)?;
    let identity_hidden = identity != "named";
    let name: Option<String> = row.get(7)?;
    let anonymised: Option<String> = row.get(8)?;
    let complainant = complainant_label(&identity, name, anonymised.is_some());
    let received_at: DateTime<Utc> = row.get(10)?;
    let due_date: NaiveDate = row.get(12)?;
    let due_at: DateTime<Utc> = row.get(13)?;
    let due_source: String = row.get(14)?;
    let status_code: String = row.get(19)?;
    let status = Status::parse(&status_code).unwrap_or(Status::Diterima);
    let answered_at: Option<NaiveDate> = row.get(20)?;
    let via: Option<String> = row.get(21)?;
    let closed_at: Option<DateTime<Utc>> = row.get(26)?;
    let channel: String = row.get(2)?;
    let kind: String = row.get(4)?;
    let settled_on = answered_at.or_else(|| {
        (status == Status::Dilimpahkan)
            .then(|| closed_at.map(dates::wita_date))
            .flatten()
    });
    Ok(Case {
        id: row.get(0)?,
        reg_number: row.get(1)?,
        due_label: if channel == "counter" && due_source == "channel" {
            format!(
                "{} pukul {} WITA",
                dates::format_with_weekday(due_date),
                time_label(due_at)
            )
        } else {
            dates::format_with_weekday(due_date)
        },
        channel,
        channel_label: row.get(3)?,
        kind_label: text::label(&KINDS, &kind),
        kind,
        identity_label: text::label(&IDENTITIES, &identity),
        shown_person_id: if identity == "named" {
            row.get(6)?
        } else {
            None
        },
        identity,
        person_id: row.get(6)?,
        complainant,
        summary: row.get(9)?,
        received_label: format!(
            "{} pukul {}",
            dates::format_with_weekday(dates::wita_date(received_at)),
            time_label(received_at)
        ),
        received_at,
        received_date: row.get(11)?,
        due_date,
        due_at,
        due_source,
        visit_id: row.get(15)?,
        letter_id: row.get(16)?,
        letter_agenda_number: row.get(17)?,
        lapor_tracking_id: row.get(18)?,
        status,
        status_label: status.label(),
        next_statuses: status
            .next()
            .iter()
            .map(|s| StatusChoice {
                code: s.code(),
                label: s.label(),
            })
            .collect(),
        answered_at,
        answered_via_label: via
            .as_deref()
            .map(|v| text::label(&ANSWER_VIA, v))
            .unwrap_or(""),
        answered_by: row.get(22)?,
        answered_by_name: row.get::<_, Option<String>>(23)?.unwrap_or_default(),
        answer_note: {
            let note: String = row.get(24)?;
            if identity_hidden && !note.is_empty() {
                crate::dispositions::WITHHELD.to_owned()
            } else {
                note
            }
        },
        referred_to: row.get(25)?,
        on_time: settled_on.map(|day| day <= due_date),
        recorded_by: row.get(27)?,
        last_contact_at: row.get(28)?,
        box_opening_id: row.get(29)?,
        overdue: false,
    })
}

/// The case a letter became, if it did.
pub fn of_letter(conn: &Connection, letter_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM cases WHERE letter_id = ?1")?
        .query_row([letter_id], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Case> {
    conn.prepare_cached(&format!("{SELECT} WHERE c.id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "case.not_found",
            what: "Pengaduan",
        })
}

/// The case a citizen quotes by its registration number (any case, spaces ignored).
pub fn find_by_reg_number(conn: &Connection, typed: &str) -> Result<Option<Case>> {
    let typed: String = typed.split_whitespace().collect::<String>().to_uppercase();
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM cases WHERE reg_number = ?1")?
        .query_row([typed], |r| r.get(0))
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

fn reg_number(year: i32, seq: i64) -> String {
    format!("PGD-{year}-{seq:04}")
}

/// The next registration number of `year`: the year's highest plus one, inside the saving
/// transaction (cases are never deleted, so there are no gaps).
fn next_reg(conn: &Connection, year: i32) -> Result<(i64, String)> {
    let seq: i64 = conn
        .prepare_cached("SELECT coalesce(max(reg_seq), 0) + 1 FROM cases WHERE reg_year = ?1")?
        .query_row([year], |r| r.get(0))?;
    Ok((seq, reg_number(year, seq)))
}

fn valid_tracking_id(text: &str) -> bool {
    (4..=40).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'))
}

struct ValidCase {
    channel: String,
    kind: String,
    identity: String,
    summary: String,
    received_at: DateTime<Utc>,
    letter_id: Option<i64>,
    box_opening_id: Option<i64>,
    lapor_tracking_id: Option<String>,
}

fn validate(
    conn: &Connection,
    input: &CaseInput,
    now: DateTime<Utc>,
    may_see: people::MaySee,
) -> Result<ValidCase> {
    let mut e = FieldErrors::new();
    let channel = input.channel.trim();
    if channel == "counter" {
        e.add(
            "channel",
            "case.counter_from_visit",
            "Pengaduan tatap muka dibuka dari Buku Tamu: catat hasil kunjungan \
             \"ditindaklanjuti pada tanggal yang disepakati\".",
        );
    } else if e.take(channels::get(conn, channel)).is_none() {
        // channels::get reported it
    }
    let (kind, identity, summary) = complainant(conn, input, now, may_see, &mut e)?;
    // What came by letter counts from the letter's arrival, what came through the box from
    // the day it was opened: never a date typed again.
    let mut received_at = None;
    let letter_id = match (channel, input.letter_id) {
        ("letter", None) => {
            e.add(
                "letter_id",
                "case.letter_required",
                "Pilih surat masuk yang menjadi dasar pengaduan ini.",
            );
            None
        }
        ("letter", Some(id)) => {
            let taken: Option<String> = conn
                .prepare_cached("SELECT reg_number FROM cases WHERE letter_id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(reg) = taken {
                e.add(
                    "letter_id",
                    "case.letter_taken",
                    format!("Surat ini sudah menjadi pengaduan {reg}."),
                );
            }
            let letter = e.take(crate::letters::get(conn, id));
            received_at = letter.as_ref().map(|l| l.received_at);
            letter.map(|l| l.id)
        }
        (_, Some(_)) => {
            e.add(
                "letter_id",
                "case.letter_channel",
                "Surat masuk hanya dapat ditautkan ke pengaduan melalui saluran Surat.",
            );
            None
        }
        (_, None) => None,
    };
    let box_opening_id = match (channel, input.box_opening_id) {
        ("suggestion_box", None) => {
            e.add(
                "box_opening_id",
                "case.box_opening_required",
                "Pilih pembukaan kotak saran tempat pengaduan ini ditemukan (catat dulu \
                 pembukaan kotak bila belum).",
            );
            None
        }
        ("suggestion_box", Some(id)) => {
            let opening = e.take(box_openings::get(conn, id));
            received_at = opening.as_ref().map(|o| o.opened_at);
            opening.map(|o| o.id)
        }
        (_, Some(_)) => {
            e.add(
                "box_opening_id",
                "case.box_channel",
                "Pembukaan kotak saran hanya untuk pengaduan dari kotak saran.",
            );
            None
        }
        (_, None) => None,
    };
    let received_at = match received_at {
        Some(at) => Some(at),
        None if matches!(channel, "letter" | "suggestion_box") => None,
        None => e.take(dates::received_instant(
            &input.received_date,
            &input.received_time,
            now,
        )),
    };
    let tracking = input.lapor_tracking_id.trim();
    let lapor_tracking_id = if channel == "lapor" {
        if !valid_tracking_id(tracking) {
            e.add(
                "lapor_tracking_id",
                "case.lapor_tracking_id",
                "Tracking ID SP4N-LAPOR wajib diisi: 4–40 huruf atau angka, seperti tertulis di LAPOR.",
            );
        } else if let Some(reg) = conn
            .prepare_cached("SELECT reg_number FROM cases WHERE lapor_tracking_id = ?1")?
            .query_row([tracking], |r| r.get::<_, String>(0))
            .optional()?
        {
            e.add(
                "lapor_tracking_id",
                "case.lapor_taken",
                format!("Tracking ID ini sudah tercatat sebagai pengaduan {reg}."),
            );
        }
        Some(tracking.to_owned())
    } else {
        None
    };
    e.into_result()?;
    Ok(ValidCase {
        channel: channel.to_owned(),
        kind,
        identity,
        summary: summary.unwrap_or_default(),
        received_at: received_at.expect("checked"),
        letter_id,
        box_opening_id,
        lapor_tracking_id,
    })
}

/// The complainant's part of a case: its kind, who (named, confidential or anonymous, and
/// their details) and what. Checked alone too, for a complaint letter whose case is opened
/// with the letter, before either exists.
fn complainant(
    conn: &Connection,
    input: &CaseInput,
    now: DateTime<Utc>,
    may_see: people::MaySee,
    e: &mut FieldErrors,
) -> Result<(String, String, Option<String>)> {
    let kind = input.kind.trim();
    if !KINDS.iter().any(|(c, _)| *c == kind) {
        e.add(
            "kind",
            "case.kind",
            "Pilih jenis: pengaduan, permintaan informasi atau saran.",
        );
    }
    let identity = input.identity.trim();
    if !IDENTITIES.iter().any(|(c, _)| *c == identity) {
        e.add("identity", "case.identity", "Pilih identitas pelapor.");
    } else if identity != "anonymous" && input.person.is_none() {
        e.add(
            "name",
            "field.required",
            "Nama pelapor wajib diisi (atau pilih \"Anonim\").",
        );
    }
    let summary = e.take(text::required("summary", "Uraian", &input.summary, 4000));
    if identity != "anonymous" {
        if let Some(person) = &input.person {
            let today = dates::wita_date(now);
            e.take(people::check(conn, person, today, Contact::Remote, may_see));
        }
    }
    Ok((kind.to_owned(), identity.to_owned(), summary))
}

/// Checks the complainant's part alone (see [`complainant`]).
pub fn check_complainant(
    conn: &Connection,
    input: &CaseInput,
    now: DateTime<Utc>,
    may_see: people::MaySee,
) -> Result<()> {
    let mut e = FieldErrors::new();
    complainant(conn, input, now, may_see, &mut e)?;
    e.into_result()
}

/// Checks the form as typed, without saving.
pub fn check(
    conn: &Connection,
    input: &CaseInput,
    now: DateTime<Utc>,
    may_see: people::MaySee,
) -> Result<()> {
    validate(conn, input, now, may_see).map(|_| ())
}

/// What registering did: the case, and the complainant's record before and after (for
/// the audit note), if there is one.
pub struct Registered {
    pub case: Case,
    pub person: Option<people::Resolved>,
}

/// Registers a case from any channel but the counter. Call inside a write transaction.
pub fn register(
    conn: &Connection,
    input: &CaseInput,
    calendar: &WorkingCalendar,
    closing: NaiveTime,
    account_id: i64,
    now: DateTime<Utc>,
    may_see: people::MaySee,
) -> Result<Registered> {
    let valid = validate(conn, input, now, may_see)?;
    let person = match (&input.person, valid.identity.as_str()) {
        (Some(person), "named" | "confidential") => Some(people::resolve(
            conn,
            person,
            dates::wita_date(now),
            now,
            Contact::Remote,
            may_see,
        )?),
        _ => None,
    };
    let person_id = person.as_ref().map(|p| p.id);
    let channel = channels::get(conn, &valid.channel)?;
    let received_date = calendar.counted_receipt_date(valid.received_at, closing)?;
    let deadline = calendar.case_deadline(&channel, valid.received_at, closing)?;
    let (seq, reg) = next_reg(conn, received_date.year())?;
    conn.prepare_cached(
        "INSERT INTO cases (reg_year, reg_seq, reg_number, channel, kind, person_id, identity,
                            summary, received_at, received_date, due_date, due_at, due_source,
                            letter_id, box_opening_id, lapor_tracking_id, recorded_by, created_at)
         VALUES (:year, :seq, :reg, :channel, :kind, :person, :identity, :summary, :received_at,
                 :received_date, :due_date, :due_at, 'channel', :letter, :box, :lapor, :account,
                 :now)",
    )?
    .execute(named_params! {
        ":year": received_date.year(), ":seq": seq, ":reg": reg, ":channel": valid.channel,
        ":kind": valid.kind, ":person": person_id, ":identity": valid.identity,
        ":summary": valid.summary, ":received_at": valid.received_at,
        ":received_date": received_date, ":due_date": deadline.due_date,
        ":due_at": deadline.due_at, ":letter": valid.letter_id, ":box": valid.box_opening_id,
        ":lapor": valid.lapor_tracking_id, ":account": account_id, ":now": now,
    })?;
    let id = conn.last_insert_id()?;
    if let Some(letter) = valid.letter_id {
        // A letter registered as "other" that became a case is, after all, what the case is.
        crate::letters::set_kind(conn, letter, &valid.kind)?;
    }
    record_event(conn, id, None, Status::Diterima, "", account_id, now)?;
    if let Some(letter) = valid.letter_id {
        // The Head may have disposed the letter before it was recorded as a case: those
        // dispositions belong to the case too.
        if crate::dispositions::attach_to_case(conn, letter, id)? > 0 {
            mark_disposed(conn, id, account_id, now)?;
        }
    }
    Ok(Registered {
        case: get(conn, id)?,
        person,
    })
}

/// What a visitor back on the agreed follow-up came away with, for the case the first visit
/// opened.
pub enum FollowUpOutcome<'a> {
    Answered { official_id: Option<i64> },
    FollowUpAgain { agreed: NaiveDate },
    Referred { agency: &'a str },
}

/// A visitor back on the agreed follow-up: an answer answers the case (face to face, that
/// day), a referral refers it, and yet another follow-up is logged on it as a contact — the
/// date agreed first stays its deadline, so a postponed answer still counts against it and
/// the recap does not count the complaint twice. A case already settled is left as it is.
/// Called inside the transaction that records the visit's outcome.
pub fn follow_up_visit_outcome(
    conn: &Connection,
    case_id: i64,
    outcome: FollowUpOutcome,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let case = get(conn, case_id)?;
    if !case.status.is_open() {
        return Ok(());
    }
    match outcome {
        FollowUpOutcome::Answered { official_id } => {
            case.status.check_move_on(&case.channel, Status::Dijawab)?;
            let note = "Dijawab langsung pada kunjungan tindak lanjut";
            conn.prepare_cached(
                "UPDATE cases SET answered_at = :date, answered_via = 'tatap_muka',
                                  answered_by = :official, answer_note = :note
                  WHERE id = :id",
            )?
            .execute(named_params! {
                ":date": dates::wita_date(now), ":official": official_id, ":note": note,
                ":id": case_id,
            })?;
            set_status(conn, &case, Status::Dijawab, note, account_id, now)
        }
        FollowUpOutcome::Referred { agency } => {
            refer(conn, case_id, agency, account_id, now)?;
            Ok(())
        }
        FollowUpOutcome::FollowUpAgain { agreed } => {
            let summary = format!(
                "Kunjungan tindak lanjut; disepakati tindak lanjut lagi pada {}.",
                dates::format_long(agreed)
            );
            contacts::insert(conn, case_id, now, "kunjungan", &summary, account_id, now)?;
            Ok(())
        }
    }
}

/// A counter visit whose outcome is a follow-up on an agreed date opens a case; the agreed
/// date is its deadline. Called inside the transaction that records the outcome.
pub fn open_from_visit(
    conn: &Connection,
    visit_id: i64,
    agreed_date: NaiveDate,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Case> {
    let (person_id, category, purpose, time_in): (i64, String, String, DateTime<Utc>) = conn
        .prepare_cached(
            "SELECT person_id, purpose_category, purpose, time_in FROM visits WHERE id = ?1",
        )?
        .query_row([visit_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let kind = match category.as_str() {
        "informasi" => "informasi",
        _ => "pengaduan",
    };
    let received_date = dates::wita_date(time_in);
    let (seq, reg) = next_reg(conn, received_date.year())?;
    let due_at = dates::wita_instant(
        agreed_date,
        NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"),
    );
    conn.prepare_cached(
        "INSERT INTO cases (reg_year, reg_seq, reg_number, channel, kind, person_id, identity,
                            summary, received_at, received_date, due_date, due_at, due_source,
                            visit_id, recorded_by, created_at)
         VALUES (:year, :seq, :reg, 'counter', :kind, :person, 'named', :summary, :time_in,
                 :received_date, :due_date, :due_at, 'agreed', :visit, :account, :now)",
    )?
    .execute(named_params! {
        ":year": received_date.year(), ":seq": seq, ":reg": reg, ":kind": kind,
        ":person": person_id, ":summary": purpose, ":time_in": time_in,
        ":received_date": received_date, ":due_date": agreed_date, ":due_at": due_at,
        ":visit": visit_id, ":account": account_id, ":now": now,
    })?;
    let id = conn.last_insert_id()?;
    crate::guestbook::visits::attach_to_case(conn, visit_id, id)?;
    record_event(
        conn,
        id,
        None,
        Status::Diterima,
        "Dibuka dari kunjungan Buku Tamu",
        account_id,
        now,
    )?;
    get(conn, id)
}

pub(crate) fn record_event(
    conn: &Connection,
    case_id: i64,
    from: Option<Status>,
    to: Status,
    note: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_events (case_id, at, account_id, from_status, to_status, note)
         VALUES (:case, :now, :account, :from, :to, :note)",
    )?
    .execute(named_params! {
        ":case": case_id, ":now": now, ":account": account_id,
        ":from": from.map(Status::code), ":to": to.code(), ":note": note,
    })?;
    Ok(())
}

fn set_status(
    conn: &Connection,
    case: &Case,
    to: Status,
    note: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    case.status.check_move_on(&case.channel, to)?;
    conn.prepare_cached(
        "UPDATE cases SET status = :to,
                closed_at = CASE WHEN :closing THEN :now ELSE closed_at END
          WHERE id = :id AND status = :from",
    )?
    .execute(named_params! {
        ":to": to.code(), ":closing": matches!(to, Status::Selesai | Status::Dilimpahkan),
        ":now": now, ":id": case.id, ":from": case.status.code(),
    })?;
    record_event(conn, case.id, Some(case.status), to, note, account_id, now)
}

/// A simple move (dalam penanganan, selesai) with an optional note.
pub fn change_status(
    conn: &Connection,
    id: i64,
    to: Status,
    note: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Case> {
    let case = get(conn, id)?;
    if matches!(
        to,
        Status::Dijawab | Status::Dilimpahkan | Status::Didisposisikan
    ) {
        // These carry details of their own (the answer, the agency, the disposition).
        return Err(Error::invalid(
            "status",
            "case.transition_needs_details",
            format!(
                "Status \"{}\" dicatat melalui formulirnya sendiri.",
                to.label()
            ),
        ));
    }
    let note = text::optional("note", "Catatan", note, 1000)?;
    set_status(conn, &case, to, &note, account_id, now)?;
    get(conn, id)
}

/// A disposition passed the case down: "diterima" becomes "didisposisikan"; later stages
/// stay as they are.
pub fn mark_disposed(
    conn: &Connection,
    id: i64,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let case = get(conn, id)?;
    if case.status == Status::Diterima {
        set_status(conn, &case, Status::Didisposisikan, "", account_id, now)?;
    }
    Ok(())
}

/// The complainant has their answer: how, when and by whom.
pub fn answer(
    conn: &Connection,
    id: i64,
    input: &AnswerInput,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Case> {
    let case = get(conn, id)?;
    case.status.check_move_on(&case.channel, Status::Dijawab)?;
    let mut e = FieldErrors::new();
    let via = input.via.trim();
    if !ANSWER_VIA.iter().any(|(c, _)| *c == via) {
        e.add("via", "case.answer_via", "Pilih cara jawaban disampaikan.");
    }
    // A complaint letter is answered by the reply letter: its dispatch answers the case,
    // on the day it went out, not a date typed afterwards.
    if case.channel == "letter" && via == "surat" {
        e.add(
            "via",
            "case.answer_by_dispatch",
            "Jawaban berupa surat dicatat otomatis saat surat balasan dikirim (Surat Keluar › \
             Catat pengiriman).",
        );
    } else if let Some(underway) = crate::replies::dispatch::reply_underway(conn, id)? {
        let message = match underway.number {
            Some(number) => format!(
                "Surat balasan {number} sudah ditandatangani tetapi belum dikirim; pengaduan \
                 dijawab saat pengirimannya dicatat (Surat Keluar › Register › Kirim…)."
            ),
            None => format!(
                "Konsep surat balasan untuk pengaduan ini masih berjalan ({}); pengaduan \
                 dijawab saat surat itu dikirim. Bila jawaban disampaikan dengan cara lain, \
                 konsep itu dibatalkan dulu oleh penyusunnya, Kepala Dinas atau Admin.",
                underway.status_label.to_lowercase()
            ),
        };
        e.add("via", "case.reply_underway", message);
    }
    let date = e.take(dates::parse(
        "answered_date",
        "Tanggal dijawab",
        &input.answered_date,
    ));
    if let Some(date) = date {
        if date < case.received_date.min(dates::wita_date(case.received_at)) {
            e.add(
                "answered_date",
                "case.answered_before_receipt",
                "Tanggal dijawab tidak boleh sebelum pengaduan diterima.",
            );
        } else if date > dates::wita_date(now) {
            e.add(
                "answered_date",
                "case.answered_in_future",
                "Tanggal dijawab tidak boleh sesudah hari ini.",
            );
        }
    }
    let official = match input.official_id {
        Some(official_id) => e
            .take(crate::settings::officials::get(
                conn,
                official_id,
                dates::wita_date(now),
            ))
            .map(|o| o.id),
        None => {
            e.add(
                "official_id",
                "field.required",
                "Pilih pejabat yang menjawab.",
            );
            None
        }
    };
    let note = e.take(text::optional("note", "Catatan jawaban", &input.note, 2000));
    e.into_result()?;
    conn.prepare_cached(
        "UPDATE cases SET answered_at = :date, answered_via = :via, answered_by = :official,
                          answer_note = :note
          WHERE id = :id",
    )?
    .execute(named_params! {
        ":date": date, ":via": via, ":official": official, ":note": note.clone().unwrap_or_default(),
        ":id": id,
    })?;
    set_status(
        conn,
        &case,
        Status::Dijawab,
        &note.unwrap_or_default(),
        account_id,
        now,
    )?;
    get(conn, id)
}

/// The answer a dispatched reply gives its case.
pub struct DispatchAnswer {
    pub day: NaiveDate,
    pub via: &'static str,
    pub official_id: i64,
    pub note: String,
}

/// The case is answered because its reply left the office. Call inside the transaction that
/// records the dispatch.
pub fn answer_by_dispatch(
    conn: &Connection,
    case: &Case,
    answer: &DispatchAnswer,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE cases SET answered_at = :date, answered_via = :via, answered_by = :official,
                          answer_note = :note
          WHERE id = :id",
    )?
    .execute(named_params! {
        ":date": answer.day, ":via": answer.via, ":official": answer.official_id,
        ":note": answer.note, ":id": case.id,
    })?;
    set_status(conn, case, Status::Dijawab, &answer.note, account_id, now)
}

/// The case is passed to another agency because the referral letter left the office: it
/// counts as settled at the dispatch. Call inside the transaction that records the dispatch.
pub fn refer_by_dispatch(
    conn: &Connection,
    case: &Case,
    agency: &str,
    dispatched_at: DateTime<Utc>,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached("UPDATE cases SET referred_to = ?1 WHERE id = ?2")?
        .execute(crate::store::params![agency, case.id])?;
    set_status(conn, case, Status::Dilimpahkan, agency, account_id, now)?;
    conn.prepare_cached("UPDATE cases SET closed_at = ?1 WHERE id = ?2")?
        .execute(crate::store::params![dispatched_at, case.id])?;
    Ok(())
}

/// Who may undo an answer or a referral recorded by mistake.
pub const REOPENED: Status = Status::DalamPenanganan;

/// A case answered, referred or closed by mistake goes back to "dalam penanganan", with the
/// reason: the history keeps both the answer and the reopening, the answer's fields are
/// cleared, and the recap counts it as open again.
pub fn reopen(
    conn: &Connection,
    id: i64,
    reason: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Case> {
    let case = get(conn, id)?;
    if case.status.is_open() {
        return Err(Error::invalid(
            "reason",
            "case.not_closed",
            format!(
                "Pengaduan ini masih {}; tidak ada yang perlu dibuka kembali.",
                case.status_label.to_lowercase()
            ),
        ));
    }
    let reason = text::multiline("reason", "Alasan membuka kembali", reason, 1000, true)?;
    conn.prepare_cached(
        "UPDATE cases SET status = :to, answered_at = NULL, answered_via = NULL,
                          answered_by = NULL, answer_note = '', referred_to = NULL,
                          closed_at = NULL
          WHERE id = :id AND status = :from",
    )?
    .execute(named_params! {
        ":to": REOPENED.code(), ":id": id, ":from": case.status.code(),
    })?;
    record_event(
        conn,
        id,
        Some(case.status),
        REOPENED,
        &format!("Dibuka kembali: {reason}"),
        account_id,
        now,
    )?;
    get(conn, id)
}

/// Referred to another agency (dilimpahkan): closed here, with where it went.
pub fn refer(
    conn: &Connection,
    id: i64,
    agency: &str,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Case> {
    let case = get(conn, id)?;
    case.status
        .check_move_on(&case.channel, Status::Dilimpahkan)?;
    let agency = text::required("referred_to", "Dilimpahkan kepada", agency, 200)?;
    conn.prepare_cached("UPDATE cases SET referred_to = ?1 WHERE id = ?2")?
        .execute(crate::store::params![agency, id])?;
    set_status(conn, &case, Status::Dilimpahkan, &agency, account_id, now)?;
    get(conn, id)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseEvent {
    pub at: DateTime<Utc>,
    pub at_label: String,
    pub account_name: String,
    pub from_label: &'static str,
    pub to_label: &'static str,
    pub note: String,
}

/// The answer's summary as written, for those who may know a confidential complainant
/// (everywhere else a hidden case carries it as withheld: it may name her).
pub fn answer_note(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT answer_note FROM cases WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// A confidential complainant's case for someone who may not know her: the status notes
/// staff wrote along the way may name her and are left out.
pub fn withhold_events(events: &mut [CaseEvent]) {
    for event in events {
        if !event.note.is_empty() {
            event.note = crate::dispositions::WITHHELD.to_owned();
        }
    }
}

pub fn events(conn: &Connection, case_id: i64) -> Result<Vec<CaseEvent>> {
    Ok(conn
        .prepare_cached(
            "SELECT e.at, a.full_name, e.from_status, e.to_status, e.note
               FROM case_events e JOIN accounts a ON a.id = e.account_id
              WHERE e.case_id = ?1 ORDER BY e.at, e.id",
        )?
        .query_map([case_id], |r| {
            let at: DateTime<Utc> = r.get(0)?;
            let from: Option<String> = r.get(2)?;
            let to: String = r.get(3)?;
            Ok(CaseEvent {
                at_label: format!(
                    "{} {}",
                    dates::format_short(dates::wita_date(at)),
                    time_label(at)
                ),
                at,
                account_name: r.get(1)?,
                from_label: from
                    .as_deref()
                    .and_then(Status::parse)
                    .map(Status::label)
                    .unwrap_or(""),
                to_label: Status::parse(&to).map(Status::label).unwrap_or(""),
                note: r.get(4)?,
            })
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CaseFilter {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub channel: String,
    /// A status code, or "open" for every case still waiting for an answer.
    #[serde(default)]
    pub status: String,
    /// Open cases by deadline: "today", "overdue" or "soon" (within two working days).
    #[serde(default)]
    pub due: String,
    /// Open cases with a disposition to this official not yet reported back.
    #[serde(default)]
    pub official_id: Option<i64>,
}

/// The days the dashboard's deadline groups are measured from.
#[derive(Debug, Clone, Copy)]
pub struct DueWindow {
    pub today: NaiveDate,
    /// The second working day after today: "soon" ends here.
    pub soon_until: NaiveDate,
}

impl DueWindow {
    pub fn new(calendar: &WorkingCalendar, today: NaiveDate) -> Result<Self> {
        Ok(Self {
            today,
            soon_until: calendar.add_working_days(today, 2)?,
        })
    }
}

/// Word for word the condition of the partial index `cases_open_due` (migration 0005): SQLite
/// uses a partial index only when the query's condition matches it.
pub(crate) const OPEN: &str = "c.status IN ('diterima', 'didisposisikan', 'dalam_penanganan')";

/// Open, unreported dispositions of a case to an official.
pub(crate) const WITH_OFFICIAL: &str = "EXISTS (SELECT 1 FROM dispositions d
     WHERE d.case_id = c.id AND d.to_official_id = :official AND d.reported_at IS NULL)";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseList {
    pub cases: Vec<Case>,
    pub total: i64,
}

/// Cases waiting for the Head's first disposition (not from the counter, where the official
/// answers in person): the earliest deadline first.
pub fn awaiting_disposition(conn: &Connection, today: NaiveDate) -> Result<Vec<Case>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE c.status = 'diterima' AND c.channel <> 'counter'
              ORDER BY c.due_date, c.received_at LIMIT {LIST_LIMIT}"
        ))?
        .query_map([], from_row)?
        .map(|case| case.map(|c| c.as_of(today)))
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// Cases by day received (newest first), filtered; deadline groups the earliest due first.
/// Every case that counts as received from `from` to `to`, oldest first: for exports, which
/// must hold the same cases as the recap of those days.
pub fn in_range(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Case>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE c.received_date BETWEEN :from AND :to ORDER BY c.received_date, c.id"
        ))?
        .query_map(named_params! { ":from": from, ":to": to }, from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

pub fn list(conn: &Connection, filter: &CaseFilter, window: DueWindow) -> Result<CaseList> {
    let mut e = FieldErrors::new();
    let from = e.take(dates::parse_optional("from", "Dari tanggal", &filter.from));
    let to = e.take(dates::parse_optional("to", "Sampai tanggal", &filter.to));
    let status = filter.status.trim();
    if !status.is_empty() && status != "open" && Status::parse(status).is_none() {
        e.add("status", "case.status_unknown", "Status tidak dikenal.");
    }
    let due = filter.due.trim();
    if !matches!(due, "" | "today" | "overdue" | "soon") {
        e.add(
            "due",
            "case.due_filter",
            "Pilihan batas waktu tidak dikenal.",
        );
    }
    e.into_result()?;
    let mut conditions = vec!["1 = 1".to_owned()];
    let mut params: Vec<(&str, Box<dyn ToValue>)> = Vec::new();
    // By the day it arrived (WITA), as staff remember it, not the day it counts from.
    let midnight = chrono::NaiveTime::MIN;
    if let Some(Some(from)) = from {
        conditions.push("c.received_at >= :from".into());
        params.push((":from", Box::new(dates::wita_instant(from, midnight))));
    }
    if let Some(Some(to)) = to {
        conditions.push("c.received_at < :to".into());
        let next = to.succ_opt().unwrap_or(to);
        params.push((":to", Box::new(dates::wita_instant(next, midnight))));
    }
    if !filter.channel.trim().is_empty() {
        conditions.push("c.channel = :channel".into());
        params.push((":channel", Box::new(filter.channel.trim().to_owned())));
    }
    if status == "open" {
        conditions.push(OPEN.into());
    } else if !status.is_empty() {
        conditions.push("c.status = :status".into());
        params.push((":status", Box::new(status.to_owned())));
    }
    let mut order = "c.received_at DESC, c.id DESC";
    if !due.is_empty() {
        conditions.push(OPEN.into());
        conditions.push(
            match due {
                "today" => "c.due_date = :today",
                "overdue" => "c.due_date < :today",
                _ => "c.due_date > :today AND c.due_date <= :soon",
            }
            .into(),
        );
        params.push((":today", Box::new(window.today)));
        if due == "soon" {
            params.push((":soon", Box::new(window.soon_until)));
        }
        order = "c.due_date, c.received_at";
    }
    if let Some(official) = filter.official_id {
        conditions.push(OPEN.into());
        conditions.push(WITH_OFFICIAL.into());
        params.push((":official", Box::new(official)));
    }
    let where_clause = conditions.join(" AND ");
    let bound: Vec<(&str, &dyn ToValue)> = params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let total: i64 = conn
        .prepare(&format!(
            "SELECT count(*) FROM cases c WHERE {where_clause}"
        ))?
        .query_row(bound.as_slice(), |r| r.get(0))?;
    let cases = conn
        .prepare(&format!(
            "{SELECT} WHERE {where_clause} ORDER BY {order} LIMIT {LIST_LIMIT}"
        ))?
        .query_map(bound.as_slice(), from_row)?
        .map(|case| case.map(|c| c.as_of(window.today)))
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(CaseList { cases, total })
}

#[cfg(test)]
mod tests;
