//! Visits: registering one at the counter, routing it, its meeting and outcome, check-out,
//! and the lists that read them.

use crate::store::{named_params, Connection, OptionalExtension, Row, ToValue};
use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::{
    custody, duration_label, time_label, CheckOutInput, Deposit, OutcomeInput, RouteInput,
    SearchResult, Visit, VisitFilter, VisitInput, ASKED_LEVELS, OUTCOMES, PURPOSES,
};
use crate::calendar::WorkingCalendar;
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::people::{self, id_type_label, nik, phone};
use crate::settings::officials;
use crate::text;

/// Search results shown at once; the total says how many more matched.
pub const SEARCH_LIMIT: i64 = 500;
/// An agreed follow-up date further away than this is a typing mistake.
const MAX_FOLLOW_UP_DAYS: i64 = 366;

const SELECT: &str = "
SELECT v.id, v.person_id, p.name, p.id_type, p.id_number, p.phone, p.address, p.institution,
       p.anonymised_at, v.visit_date, v.time_in, v.time_out, v.purpose_category, v.purpose,
       v.companions, v.asked_level, v.routed_official_id, o.name, o.position,
       v.meeting_started_at, v.outcome, v.outcome_at, v.agreed_date, v.referred_agency,
       v.outcome_note, v.case_id,
       d.card_type, d.slot, d.deposited_at, d.returned_at, d.returned_to, d.held_reason,
       v.answer_target_minutes, v.routed_at, v.longer_reason, v.follows_case_id,
       (SELECT reg_number FROM cases WHERE id = v.follows_case_id), v.clock_from_routing
  FROM visits v
  JOIN people p ON p.id = v.person_id
  LEFT JOIN officials o ON o.id = v.routed_official_id
  LEFT JOIN id_deposits d ON d.visit_id = v.id";

/// Reads a row of [`SELECT`]; `now` measures how long a card has been held and
/// `target_minutes` is the counter's answer target now (for visits answered before targets
/// were kept with the answer).
fn from_row(row: &Row, now: DateTime<Utc>, target_minutes: i64) -> crate::store::SqlResult<Visit> {
    let anonymised: Option<DateTime<Utc>> = row.get(8)?;
    let answer_target: Option<i64> = row.get(32)?;
    let time_in: DateTime<Utc> = row.get(10)?;
    let time_out: Option<DateTime<Utc>> = row.get(11)?;
    let category: String = row.get(12)?;
    let asked_level: Option<String> = row.get(15)?;
    let official_name: Option<String> = row.get(17)?;
    let official_position: Option<String> = row.get(18)?;
    let meeting_started_at: Option<DateTime<Utc>> = row.get(19)?;
    let outcome: Option<String> = row.get(20)?;
    let outcome_at: Option<DateTime<Utc>> = row.get(21)?;
    let agreed_date: Option<NaiveDate> = row.get(22)?;
    let referred_agency: Option<String> = row.get(23)?;
    let routed_at: Option<DateTime<Utc>> = row.get(33)?;
    let longer_reason: Option<String> = row.get(34)?;
    // The standard's 15 minutes run from the moment the visitor is sent to the official
    // (answers recorded before migration 0011 counted from the meeting's start, and still do).
    let clock_start = clock_start(row.get(37)?, routed_at, meeting_started_at);
    let answer_minutes = match (outcome.as_deref(), clock_start, outcome_at) {
        (Some("answered"), Some(start), Some(end)) => Some((end - start).num_minutes()),
        _ => None,
    };
    let answer_seconds = match (clock_start, outcome_at) {
        (Some(start), Some(end)) => Some((end - start).num_seconds()),
        _ => None,
    };
    let answer_timing = answer_seconds
        .filter(|_| answer_minutes.is_some())
        .map(|s| answer_timing(s, answer_target.unwrap_or(target_minutes), &longer_reason));
    let outcome_label = match outcome.as_deref() {
        Some("answered") => match (answer_minutes, answer_timing) {
            (Some(m), Some(AnswerTiming::Agreed)) => {
                format!("Dijawab ({}, sesuai kebutuhan)", duration_label(m))
            }
            (Some(m), _) => format!("Dijawab langsung ({})", duration_label(m)),
            _ => "Dijawab langsung".to_owned(),
        },
        Some("follow_up") => format!(
            "Tindak lanjut {}",
            agreed_date.map(dates::format_long).unwrap_or_default()
        ),
        Some("referred") => format!("Dirujuk ke {}", referred_agency.clone().unwrap_or_default()),
        Some(other) => text::label(&OUTCOMES, other).to_owned(),
        None => String::new(),
    };
    let deposit = match row.get::<_, Option<String>>(26)? {
        None => None,
        Some(card_type) => {
            let deposited_at: DateTime<Utc> = row.get(28)?;
            let returned_at: Option<DateTime<Utc>> = row.get(29)?;
            let held_minutes = (returned_at.unwrap_or(now) - deposited_at).num_minutes();
            Some(Deposit {
                card_type_label: id_type_label(&card_type),
                card_type,
                slot: row.get(27)?,
                deposited_at,
                returned_label: returned_at.map(time_label).unwrap_or_default(),
                returned_at,
                returned_to: row.get(30)?,
                held_reason: row.get(31)?,
                held_minutes,
                held_label: duration_label(held_minutes),
            })
        }
    };
    let routed_to = match (&official_position, &official_name) {
        (Some(position), Some(name)) => format!("{position} ({name})"),
        _ => String::new(),
    };
    let id_type: String = row.get(3)?;
    let id_number: String = row.get(4)?;
    let visit_date: NaiveDate = row.get(9)?;
    Ok(Visit {
        id: row.get(0)?,
        person_id: row.get(1)?,
        name: if anonymised.is_some() {
            people::ANONYMISED_NAME.to_owned()
        } else {
            row.get(2)?
        },
        id_type_label: id_type_label(&id_type),
        id_number_masked: nik::mask(&id_number),
        phone: phone::display(&row.get::<_, String>(5)?),
        address: row.get(6)?,
        institution: row.get(7)?,
        visit_date,
        visit_date_label: dates::format_long(visit_date),
        time_in,
        time_in_label: time_label(time_in),
        time_out,
        time_out_label: time_out.map(time_label).unwrap_or_default(),
        in_building: time_out.is_none(),
        purpose_category_label: text::label(&PURPOSES, &category),
        purpose_category: category,
        purpose: row.get(13)?,
        companions: row.get(14)?,
        asked_level_label: asked_level
            .as_deref()
            .map(|l| text::label(&ASKED_LEVELS, l))
            .unwrap_or(""),
        asked_level,
        routed_official_id: row.get(16)?,
        routed_to,
        routed_name: official_name.unwrap_or_default(),
        meeting_started_label: meeting_started_at.map(time_label).unwrap_or_default(),
        meeting_started_at,
        answer_within_target: answer_timing.map(|t| t != AnswerTiming::Over),
        answer_timing_label: answer_timing.map(AnswerTiming::label).unwrap_or(""),
        answer_timing,
        answer_minutes,
        answer_target_minutes: answer_target.unwrap_or(target_minutes),
        routed_at,
        longer_reason,
        follows_case_id: row.get(35)?,
        follows_case_reg_number: row.get(36)?,
        outcome,
        outcome_label,
        outcome_at,
        agreed_date,
        referred_agency,
        outcome_note: row.get(24)?,
        case_id: row.get(25)?,
        deposit,
    })
}

/// How an answer at the counter stands against the standard's "15 menit atau sesuai
/// kebutuhan".
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerTiming {
    /// Within the counter's target.
    Within,
    /// Longer, as agreed with the visitor (with the reason): not late.
    Agreed,
    /// Longer, without such an agreement.
    Over,
}

impl AnswerTiming {
    pub const ALL: [AnswerTiming; 3] = [
        AnswerTiming::Within,
        AnswerTiming::Agreed,
        AnswerTiming::Over,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AnswerTiming::Within => "within",
            AnswerTiming::Agreed => "agreed",
            AnswerTiming::Over => "over",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AnswerTiming::Within => "Tepat waktu",
            AnswerTiming::Agreed => "Sesuai kebutuhan (disepakati)",
            AnswerTiming::Over => "Melewati target",
        }
    }
}

/// When the counter's clock started for a visit: at routing, or for answers recorded before
/// the standard's rule was kept, at the meeting's start.
pub(crate) fn clock_start(
    from_routing: bool,
    routed_at: Option<DateTime<Utc>>,
    meeting_started_at: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    if from_routing {
        routed_at.or(meeting_started_at)
    } else {
        meeting_started_at.or(routed_at)
    }
}

pub(crate) fn answer_timing(
    seconds: i64,
    target_minutes: i64,
    longer_reason: &Option<String>,
) -> AnswerTiming {
    if seconds <= target_minutes * 60 {
        AnswerTiming::Within
    } else if longer_reason.as_deref().is_some_and(|r| !r.is_empty()) {
        AnswerTiming::Agreed
    } else {
        AnswerTiming::Over
    }
}

/// The counter's target for an answer on the spot, in minutes (channel setting).
pub fn target_minutes(conn: &Connection) -> Result<i64> {
    let counter = crate::settings::channels::get(conn, "counter")?;
    Ok(counter.deadline_value)
}

/// The case a follow-up visit opened.
pub(crate) fn attach_to_case(conn: &Connection, visit_id: i64, case_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE visits SET case_id = ?1 WHERE id = ?2")?
        .execute([case_id, visit_id])?;
    Ok(())
}

/// Retention: a person's visits keep their counts and timing, not their words. An agreed
/// longer answer keeps counting as agreed; only its reason goes.
pub(crate) fn anonymise_of_person(conn: &Connection, person_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE visits SET purpose = '(dianonimkan)', outcome_note = '',
                           longer_reason = CASE WHEN coalesce(longer_reason, '') = ''
                                                THEN longer_reason ELSE '(dianonimkan)' END
          WHERE person_id = ?1",
    )?
    .execute([person_id])?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Visit> {
    let target = target_minutes(conn)?;
    conn.prepare_cached(&format!("{SELECT} WHERE v.id = ?1"))?
        .query_row([id], |row| from_row(row, now, target))
        .optional()?
        .ok_or(Error::NotFound {
            code: "visit.not_found",
            what: "Kunjungan",
        })
}

fn query(
    conn: &Connection,
    sql_tail: &str,
    params: &[(&str, &dyn ToValue)],
    now: DateTime<Utc>,
) -> Result<Vec<Visit>> {
    let target = target_minutes(conn)?;
    let mut stmt = conn.prepare_cached(&format!("{SELECT} {sql_tail}"))?;
    let visits = stmt
        .query_map(params, |row| from_row(row, now, target))?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    Ok(visits)
}

/// The visits of one WITA day, newest first.
pub fn on_day(conn: &Connection, day: NaiveDate, now: DateTime<Utc>) -> Result<Vec<Visit>> {
    query(
        conn,
        "WHERE v.visit_date = :day ORDER BY v.time_in DESC, v.id DESC",
        &[(":day", &day)],
        now,
    )
}

/// Every visit from `from` to `to` (WITA days), oldest first: for exports.
pub fn in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<Visit>> {
    query(
        conn,
        "WHERE v.visit_date BETWEEN :from AND :to ORDER BY v.time_in, v.id",
        &[(":from", &from), (":to", &to)],
        now,
    )
}

/// Visitors still in the building, whatever day they came in.
pub fn in_building(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Visit>> {
    query(
        conn,
        "WHERE v.time_out IS NULL ORDER BY v.time_in DESC, v.id DESC",
        &[],
        now,
    )
}

/// Every visit of one person, newest first.
pub fn of_person(conn: &Connection, person_id: i64, now: DateTime<Utc>) -> Result<Vec<Visit>> {
    query(
        conn,
        "WHERE v.person_id = :person ORDER BY v.time_in DESC, v.id DESC",
        &[(":person", &person_id)],
        now,
    )
}

struct ValidVisit {
    category: String,
    purpose: String,
    companions: i64,
    slot: Option<String>,
}

fn validate(input: &VisitInput) -> Result<ValidVisit> {
    let mut errors = FieldErrors::new();
    let category = input.purpose_category.trim();
    if !PURPOSES.iter().any(|(code, _)| *code == category) {
        errors.add(
            "purpose_category",
            "visit.purpose_category",
            "Pilih kategori keperluan.",
        );
    }
    let purpose = errors.take(text::required("purpose", "Keperluan", &input.purpose, 500));
    let companions = if input.companions.trim().is_empty() {
        Some(0)
    } else {
        errors.take(text::integer_in(
            "companions",
            "Jumlah pengikut",
            &input.companions,
            0,
            50,
        ))
    };
    let slot = if input.deposit_card {
        errors
            .take(text::required(
                "deposit_slot",
                "Tempat penyimpanan kartu",
                &input.deposit_slot,
                20,
            ))
            .map(Some)
    } else {
        Some(None)
    };
    errors.into_result()?;
    Ok(ValidVisit {
        category: category.to_owned(),
        purpose: purpose.unwrap_or_default(),
        companions: companions.unwrap_or_default(),
        slot: slot.flatten(),
    })
}

/// Checks a visit form as typed (person and visit fields together) without saving.
pub fn check(
    conn: &Connection,
    input: &VisitInput,
    today: NaiveDate,
    may_see: people::MaySee,
) -> Result<()> {
    let mut errors = FieldErrors::new();
    errors.take(people::check(
        conn,
        &input.person,
        today,
        people::Contact::AtCounter,
        may_see,
    ));
    errors.take(validate(input).map(|_| ()));
    errors.into_result()
}

/// What registering did, for the audit note.
pub struct Registered {
    pub visit: Visit,
    pub person: people::Resolved,
}

/// Registers a visit at `now`: the person found or stored, the visit, the deposited card.
pub fn register(
    conn: &Connection,
    input: &VisitInput,
    account_id: i64,
    now: DateTime<Utc>,
    may_see: people::MaySee,
) -> Result<Registered> {
    let today = dates::wita_date(now);
    // Check every field before anything is written, so all messages appear at once.
    check(conn, input, today, may_see)?;
    let valid = validate(input)?;
    let person = people::resolve(
        conn,
        &input.person,
        today,
        now,
        people::Contact::AtCounter,
        may_see,
    )?;
    let follows = match input.follows_case_id {
        Some(case_id) => Some(follow_up_of(conn, case_id, person.id)?),
        None => None,
    };
    conn.prepare_cached(
        "INSERT INTO visits (person_id, visit_date, time_in, purpose_category, purpose,
                             companions, recorded_by, follows_case_id)
         VALUES (:person, :day, :now, :category, :purpose, :companions, :account, :follows)",
    )?
    .execute(named_params! {
        ":person": person.id, ":day": today, ":now": now, ":category": valid.category,
        ":purpose": valid.purpose, ":companions": valid.companions, ":account": account_id,
        ":follows": follows,
    })?;
    let visit_id = conn.last_insert_id()?;
    if let Some(slot) = &valid.slot {
        custody::deposit(
            conn,
            visit_id,
            &person.after.id_type,
            &person.after.id_number,
            slot,
            now,
        )?;
    }
    Ok(Registered {
        visit: get(conn, visit_id, now)?,
        person,
    })
}

/// The counter cases a visitor may be coming back for: opened at an earlier visit of theirs
/// with a follow-up on an agreed day, and still open.
pub fn open_follow_ups(conn: &Connection, person_id: i64) -> Result<Vec<(i64, String, NaiveDate)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.reg_number, c.due_date FROM cases c JOIN visits v ON v.id = c.visit_id
              WHERE v.person_id = ?1 AND c.channel = 'counter'
                AND c.status IN ('diterima', 'didisposisikan', 'dalam_penanganan')
              ORDER BY c.due_date",
        )?
        .query_map([person_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

fn follow_up_of(conn: &Connection, case_id: i64, person_id: i64) -> Result<i64> {
    if open_follow_ups(conn, person_id)?
        .iter()
        .any(|(id, _, _)| *id == case_id)
    {
        Ok(case_id)
    } else {
        Err(Error::invalid(
            "follows_case_id",
            "visit.not_a_follow_up",
            "Pengaduan itu bukan tindak lanjut yang masih terbuka dari kunjungan tamu ini.",
        ))
    }
}

/// The visits of a case: the one that opened it, then those that came back for it.
pub fn of_case(conn: &Connection, case_id: i64, now: DateTime<Utc>) -> Result<Vec<Visit>> {
    let target = target_minutes(conn)?;
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE v.case_id = :case OR v.follows_case_id = :case ORDER BY v.time_in"
        ))?
        .query_map(named_params! { ":case": case_id }, |row| {
            from_row(row, now, target)
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// Visitors sent to an official who are still waiting for his answer, longest first.
pub fn waiting_for(conn: &Connection, official_id: i64, now: DateTime<Utc>) -> Result<Vec<Visit>> {
    let target = target_minutes(conn)?;
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE v.routed_official_id = :official AND v.outcome IS NULL
                        AND v.time_out IS NULL
              ORDER BY v.routed_at, v.time_in"
        ))?
        .query_map(named_params! { ":official": official_id }, |row| {
            from_row(row, now, target)
        })?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

fn require_in_building(visit: &Visit) -> Result<()> {
    if visit.in_building {
        Ok(())
    } else {
        Err(Error::invalid(
            "",
            "visit.already_out",
            format!(
                "Tamu ini sudah keluar pukul {}; kunjungannya tidak dapat diubah lagi.",
                visit.time_out_label
            ),
        ))
    }
}

/// Records whom reception asked and to which official the visitor was sent.
pub fn route(conn: &Connection, id: i64, input: &RouteInput, now: DateTime<Utc>) -> Result<Visit> {
    let visit = get(conn, id, now)?;
    require_in_building(&visit)?;
    if visit.outcome.is_some() {
        return Err(Error::invalid(
            "official_id",
            "visit.outcome_recorded",
            "Hasil kunjungan sudah dicatat; tujuan tidak dapat diubah lagi.",
        ));
    }
    // Once the meeting started, the visit belongs to that official (and his clock).
    if visit.meeting_started_at.is_some() {
        return Err(Error::invalid(
            "official_id",
            "visit.meeting_started",
            format!(
                "Pertemuan dengan {} sudah dimulai; tujuan tidak dapat diubah lagi.",
                visit.routed_to
            ),
        ));
    }
    let mut errors = FieldErrors::new();
    let level = input.asked_level.trim();
    if !ASKED_LEVELS.iter().any(|(code, _)| *code == level) {
        errors.add(
            "asked_level",
            "visit.asked_level",
            "Pilih pejabat yang ditanya: Kepala Dinas, Sekretaris, Kepala Bidang atau Kepala Sub Bagian/Seksi.",
        );
    }
    let official = match input.official_id {
        None => {
            errors.add(
                "official_id",
                "field.required",
                "Pilih pejabat yang menerima tamu.",
            );
            None
        }
        Some(official_id) => errors.take(officials::get(conn, official_id, dates::wita_date(now))),
    };
    if let Some(official) = &official {
        if !official.active {
            errors.add(
                "official_id",
                "visit.official_inactive",
                format!(
                    "{} tidak lagi menjabat; pilih pejabat yang aktif.",
                    official.name
                ),
            );
        }
    }
    errors.into_result()?;
    conn.prepare_cached(
        // The visitor has waited since first sent in: sending him on does not restart the clock.
        "UPDATE visits SET asked_level = :level, routed_official_id = :official,
                           routed_at = coalesce(routed_at, :now)
          WHERE id = :id",
    )?
    .execute(named_params! {
        ":level": level, ":official": input.official_id, ":now": now, ":id": id,
    })?;
    get(conn, id, now)
}

/// Starts the 15-minute clock: the visitor sits down with the official.
pub fn start_meeting(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Visit> {
    let visit = get(conn, id, now)?;
    require_in_building(&visit)?;
    if visit.routed_official_id.is_none() {
        return Err(Error::invalid(
            "official_id",
            "visit.not_routed",
            "Catat dulu pejabat yang menerima tamu.",
        ));
    }
    if visit.meeting_started_at.is_some() {
        return Err(Error::invalid(
            "",
            "visit.meeting_started",
            format!(
                "Pertemuan sudah dimulai pukul {}.",
                visit.meeting_started_label
            ),
        ));
    }
    conn.prepare_cached("UPDATE visits SET meeting_started_at = :now WHERE id = :id")?
        .execute(named_params! { ":now": now, ":id": id })?;
    get(conn, id, now)
}

/// Records the outcome: answered on the spot (stops the clock), a follow-up on an agreed
/// working day (which opens a case with that date as its deadline), or a referral to
/// another agency.
pub fn record_outcome(
    conn: &Connection,
    id: i64,
    input: &OutcomeInput,
    calendar: &WorkingCalendar,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Visit> {
    let visit = get(conn, id, now)?;
    if visit.outcome.is_some() {
        return Err(Error::invalid(
            "outcome",
            "visit.outcome_recorded",
            format!("Hasil kunjungan sudah dicatat: {}.", visit.outcome_label),
        ));
    }
    let today = dates::wita_date(now);
    let mut errors = FieldErrors::new();
    let note = errors.take(text::optional("note", "Catatan", &input.note, 1000));
    let (mut agreed_date, mut agency) = (None, None);
    let mut longer_reason = None;
    match input.outcome.trim() {
        "answered" => {
            if visit.routed_official_id.is_none() {
                errors.add(
                    "outcome",
                    "visit.not_routed",
                    "Catat dulu pejabat yang menerima tamu: lama menjawab dihitung sejak tamu \
                     diarahkan kepadanya.",
                );
            }
            longer_reason = errors
                .take(text::optional(
                    "longer_reason",
                    "Alasan perlu waktu lebih lama",
                    &input.longer_reason,
                    300,
                ))
                .filter(|r| !r.is_empty());
        }
        "follow_up" => {
            agreed_date = errors.take(agreed_follow_up(&input.agreed_date, calendar, today));
        }
        "referred" => {
            agency = errors.take(text::required(
                "referred_agency",
                "Instansi rujukan",
                &input.referred_agency,
                200,
            ));
        }
        _ => errors.add("outcome", "visit.outcome", "Pilih hasil kunjungan."),
    }
    errors.into_result()?;
    // Recorded after the visitor left (forgotten at the time): the answer came before they
    // walked out, so the time out is the latest the clock can have stopped.
    let outcome_at = visit.time_out.map_or(now, |out| out.min(now));
    conn.prepare_cached(
        "UPDATE visits SET outcome = :outcome, outcome_at = :now, agreed_date = :agreed,
                           referred_agency = :agency, outcome_note = :note,
                           answer_target_minutes = :target, longer_reason = :longer
          WHERE id = :id",
    )?
    .execute(named_params! {
        ":outcome": input.outcome.trim(), ":now": outcome_at, ":agreed": agreed_date,
        ":agency": agency, ":note": note.unwrap_or_default(), ":longer": longer_reason,
        ":target": (input.outcome.trim() == "answered").then_some(target_minutes(conn)?),
        ":id": id,
    })?;
    use crate::cases::FollowUpOutcome;
    match (visit.follows_case_id, agreed_date) {
        // Back on the agreed day: the case the first visit opened carries the outcome.
        (Some(case_id), _) => {
            let outcome = match (agreed_date, agency.as_deref()) {
                (Some(agreed), _) => FollowUpOutcome::FollowUpAgain { agreed },
                (None, Some(agency)) => FollowUpOutcome::Referred { agency },
                (None, None) => FollowUpOutcome::Answered {
                    official_id: visit.routed_official_id,
                },
            };
            crate::cases::follow_up_visit_outcome(conn, case_id, outcome, account_id, now)?;
        }
        (None, Some(agreed)) => {
            crate::cases::open_from_visit(conn, id, agreed, account_id, now)?;
        }
        (None, None) => {}
    }
    get(conn, id, now)
}

fn agreed_follow_up(text: &str, calendar: &WorkingCalendar, today: NaiveDate) -> Result<NaiveDate> {
    let date = dates::parse("agreed_date", "Tanggal yang disepakati", text)?;
    let field_error = |code, message: String| Err(Error::invalid("agreed_date", code, message));
    if date < today {
        return field_error(
            "visit.agreed_date_past",
            "Tanggal yang disepakati tidak boleh sebelum hari ini.".into(),
        );
    }
    if date > today + Duration::days(MAX_FOLLOW_UP_DAYS) {
        return field_error(
            "date.out_of_range",
            "Tanggal yang disepakati paling lambat satu tahun dari hari ini.".into(),
        );
    }
    if !calendar.is_working_day(date) {
        return field_error(
            "visit.agreed_date_day_off",
            format!(
                "{} bukan hari kerja; pilih hari kerja.",
                dates::format_with_weekday(date)
            ),
        );
    }
    Ok(date)
}

/// The visitor leaves: time out, and the card returned in the same action (or kept, with
/// the reason recorded).
pub fn check_out(
    conn: &Connection,
    id: i64,
    input: &CheckOutInput,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Visit> {
    let visit = get(conn, id, now)?;
    require_in_building(&visit)?;
    if let Some(deposit) = visit.deposit.as_ref().filter(|d| d.returned_at.is_none()) {
        if input.return_card {
            let to = if input.returned_to.trim().is_empty() {
                visit.name.clone()
            } else {
                text::required("returned_to", "Diterima oleh", &input.returned_to, 120)?
            };
            custody::return_card(conn, id, &to, account_id, now)?;
        } else {
            let reason = text::optional(
                "keep_reason",
                "Alasan kartu masih disimpan",
                &input.keep_reason,
                500,
            )?;
            if reason.is_empty() {
                return Err(Error::invalid(
                    "keep_reason",
                    "deposit.reason_required",
                    format!(
                        "{} tamu ini masih disimpan di {}; kembalikan atau tulis alasannya.",
                        deposit.card_type_label, deposit.slot
                    ),
                ));
            }
            custody::keep_with_reason(conn, id, &reason)?;
        }
    }
    conn.prepare_cached("UPDATE visits SET time_out = :now WHERE id = :id")?
        .execute(named_params! { ":now": now, ":id": id })?;
    get(conn, id, now)
}

/// Visits matching the filter, newest first, at most [`SEARCH_LIMIT`].
pub fn search(conn: &Connection, filter: &VisitFilter, now: DateTime<Utc>) -> Result<SearchResult> {
    let mut errors = FieldErrors::new();
    let from = errors.take(dates::parse_optional("from", "Dari tanggal", &filter.from));
    let to = errors.take(dates::parse_optional("to", "Sampai tanggal", &filter.to));
    let name = errors.take(text::optional("name", "Nama", &filter.name, 100));
    let nik_text = errors.take(text::optional("nik", "NIK", &filter.nik, 20));
    let purpose = errors.take(text::optional("purpose", "Keperluan", &filter.purpose, 100));
    if let (Some(Some(from)), Some(Some(to))) = (from, to) {
        if to < from {
            errors.add(
                "to",
                "date.range",
                "Tanggal akhir tidak boleh sebelum tanggal awal.",
            );
        }
    }
    // Typed as printed on the card or copied with separators: `5371 0152 0590 0012`.
    let nik_digits: String = nik_text
        .clone()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
        .collect();
    if !nik_digits.bytes().all(|b| b.is_ascii_digit()) {
        errors.add("nik", "nik.digits", "NIK hanya berisi angka.");
    } else if !nik_digits.is_empty() && nik_digits.len() != 16 {
        // Only the whole NIK finds a visit: a search by part of it would let anyone rebuild
        // the masked digits one query at a time, past the audited reveal.
        errors.add(
            "nik",
            "nik.search_whole",
            "Ketik ke-16 angka NIK untuk mencari berdasarkan NIK.",
        );
    }
    let category = filter.purpose_category.trim();
    if !category.is_empty() && !PURPOSES.iter().any(|(c, _)| *c == category) {
        errors.add(
            "purpose_category",
            "visit.purpose_category",
            "Kategori keperluan tidak dikenal.",
        );
    }
    errors.into_result()?;

    let mut conditions = vec!["1 = 1".to_owned()];
    let mut params: Vec<(&str, Box<dyn ToValue>)> = Vec::new();
    if let Some(Some(from)) = from {
        conditions.push("v.visit_date >= :from".into());
        params.push((":from", Box::new(from)));
    }
    if let Some(Some(to)) = to {
        conditions.push("v.visit_date <= :to".into());
        params.push((":to", Box::new(to)));
    }
    let name = name.unwrap_or_default();
    if name.chars().count() >= 3 {
        conditions.push(
            conn.dialect(
                "v.person_id IN (SELECT rowid FROM people_search WHERE people_search MATCH :name)",
                "v.person_id IN (SELECT rowid FROM people_search WHERE name LIKE :name ESCAPE '\\')",
            )
            .into(),
        );
        params.push((
            ":name",
            Box::new(conn.dialect(
                format!("name : {}", people::fts_phrase(&name)),
                format!("%{}%", text::like_escape(&name)),
            )),
        ));
    } else if !name.is_empty() {
        conditions.push(
            "v.person_id IN (SELECT id FROM people WHERE name LIKE :name ESCAPE '\\')".into(),
        );
        params.push((":name", Box::new(format!("{}%", text::like_escape(&name)))));
    }
    if !nik_digits.is_empty() {
        conditions.push("p.nik = :nik".into());
        params.push((":nik", Box::new(nik_digits)));
    }
    let purpose = purpose.unwrap_or_default();
    if !purpose.is_empty() {
        conditions.push("v.purpose LIKE :purpose ESCAPE '\\'".into());
        params.push((
            ":purpose",
            Box::new(format!("%{}%", text::like_escape(&purpose))),
        ));
    }
    if !category.is_empty() {
        conditions.push("v.purpose_category = :category".into());
        params.push((":category", Box::new(category.to_owned())));
    }
    let where_clause = conditions.join(" AND ");
    let refs: Vec<(&str, &dyn ToValue)> = params.iter().map(|(k, v)| (*k, v.as_ref())).collect();
    let total: i64 = conn
        .prepare(&format!(
            "SELECT count(*) FROM visits v JOIN people p ON p.id = v.person_id WHERE {where_clause}"
        ))?
        .query_row(refs.as_slice(), |r| r.get(0))?;
    let visits = query(
        conn,
        &format!("WHERE {where_clause} ORDER BY v.time_in DESC, v.id DESC LIMIT {SEARCH_LIMIT}"),
        refs.as_slice(),
        now,
    )?;
    Ok(SearchResult { visits, total })
}
