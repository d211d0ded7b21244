//! The guest book (buku tamu): who came to the counter, why, which ID card they left and
//! where it is kept, who they were sent to, what came of it, and when they left.

pub mod custody;
pub mod register;
pub mod retention;
pub mod visits;

#[cfg(test)]
pub(crate) mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::people::PersonInput;

pub const PURPOSES: [(&str, &str); 4] = [
    ("pengaduan", "Pengaduan"),
    ("informasi", "Permintaan data/informasi"),
    ("konsultasi", "Konsultasi"),
    ("lainnya", "Lainnya"),
];

/// Whom reception asked who will handle the visit (the standard names these four).
pub const ASKED_LEVELS: [(&str, &str); 4] = [
    ("kepala_dinas", "Kepala Dinas"),
    ("sekretaris", "Sekretaris"),
    ("kabid", "Kepala Bidang"),
    ("kasubid", "Kepala Sub Bagian/Seksi"),
];

pub const OUTCOMES: [(&str, &str); 3] = [
    ("answered", "Dijawab langsung"),
    ("follow_up", "Ditindaklanjuti pada tanggal yang disepakati"),
    ("referred", "Dirujuk ke instansi lain"),
];

/// A visit as registered at the counter.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct VisitInput {
    #[serde(flatten)]
    pub person: PersonInput,
    pub purpose_category: String,
    pub purpose: String,
    /// Typed; empty means none.
    pub companions: String,
    /// The visitor left the ID card shown in `person.id_type` with reception.
    pub deposit_card: bool,
    /// Where it is kept (tray/slot).
    pub deposit_slot: String,
    /// The visitor comes back on the follow-up agreed at an earlier visit: that visit's case.
    #[serde(default)]
    pub follows_case_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RouteInput {
    pub asked_level: String,
    pub official_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OutcomeInput {
    pub outcome: String,
    /// For a follow-up: `dd/mm/yyyy`.
    pub agreed_date: String,
    /// For a referral: which agency.
    pub referred_agency: String,
    pub note: String,
    /// An answer that needed longer than the counter's target, agreed with the visitor
    /// ("sesuai kebutuhan"): why. Empty when it did not, or when nothing was agreed.
    #[serde(default)]
    pub longer_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CheckOutInput {
    /// Give the deposited card back in the same action (the usual case).
    pub return_card: bool,
    /// Who took the card; the visitor when left empty.
    pub returned_to: String,
    /// Why the card stays although the visitor leaves.
    pub keep_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct VisitFilter {
    pub from: String,
    pub to: String,
    pub name: String,
    pub nik: String,
    pub purpose: String,
    pub purpose_category: String,
}

/// The ID card left with reception.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deposit {
    pub card_type: String,
    pub card_type_label: &'static str,
    pub slot: String,
    pub deposited_at: DateTime<Utc>,
    pub returned_at: Option<DateTime<Utc>>,
    pub returned_label: String,
    pub returned_to: Option<String>,
    pub held_reason: Option<String>,
    /// How long it has been (or was) held.
    pub held_minutes: i64,
    pub held_label: String,
}

/// One visit, as lists and its detail panel show it (ID number masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Visit {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub id_type_label: &'static str,
    pub id_number_masked: String,
    pub phone: String,
    pub address: String,
    pub institution: String,
    pub visit_date: NaiveDate,
    pub visit_date_label: String,
    pub time_in: DateTime<Utc>,
    pub time_in_label: String,
    pub time_out: Option<DateTime<Utc>>,
    pub time_out_label: String,
    pub in_building: bool,
    pub purpose_category: String,
    pub purpose_category_label: &'static str,
    pub purpose: String,
    pub companions: i64,
    pub asked_level: Option<String>,
    pub asked_level_label: &'static str,
    pub routed_official_id: Option<i64>,
    /// `Position (Name)` of the official the visitor was sent to.
    pub routed_to: String,
    /// Just the official's name, for narrow lists.
    pub routed_name: String,
    pub meeting_started_at: Option<DateTime<Utc>>,
    pub meeting_started_label: String,
    pub outcome: Option<String>,
    pub outcome_label: String,
    pub outcome_at: Option<DateTime<Utc>>,
    /// From being sent to the official to the answer, for answers on the spot.
    pub answer_minutes: Option<i64>,
    /// Within the target or agreed to take longer: not late.
    pub answer_within_target: Option<bool>,
    pub answer_timing: Option<visits::AnswerTiming>,
    pub answer_timing_label: &'static str,
    /// The counter's answer target that applies to this visit, in minutes.
    pub answer_target_minutes: i64,
    pub routed_at: Option<DateTime<Utc>>,
    pub longer_reason: Option<String>,
    /// The case this visit follows up (the visitor came back on the agreed day).
    pub follows_case_id: Option<i64>,
    pub follows_case_reg_number: Option<String>,
    pub agreed_date: Option<NaiveDate>,
    pub referred_agency: Option<String>,
    pub outcome_note: String,
    pub case_id: Option<i64>,
    pub deposit: Option<Deposit>,
}

/// An ID card reception still holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldCard {
    pub visit_id: i64,
    pub name: String,
    pub card_type_label: &'static str,
    pub id_number_masked: String,
    pub slot: String,
    pub deposited_at: DateTime<Utc>,
    pub deposited_label: String,
    pub held_minutes: i64,
    pub held_label: String,
    pub visitor_in_building: bool,
    pub held_reason: Option<String>,
}

/// The counter's day (or the app) was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayClosing {
    pub day: NaiveDate,
    pub kind: String,
    pub held_count: i64,
    pub reason: String,
}

/// Today's visits for the Buku Tamu screen.
#[derive(Debug, Clone, Serialize)]
pub struct Today {
    pub date: NaiveDate,
    pub date_label: String,
    pub in_building: Vec<Visit>,
    pub done: Vec<Visit>,
    pub held_cards: Vec<HeldCard>,
    /// The counter's target for an answer on the spot, from the channel settings.
    pub target_minutes: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub visits: Vec<Visit>,
    /// All matches; `visits` holds at most [`visits::SEARCH_LIMIT`] of them, newest first.
    pub total: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub person: crate::people::Person,
    pub visits: Vec<Visit>,
}

/// `2 jam 5 menit`, `40 menit`, `3 hari 2 jam`.
pub fn duration_label(minutes: i64) -> String {
    let minutes = minutes.max(0);
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} menit"),
        (0, h) if mins == 0 => format!("{h} jam"),
        (0, h) => format!("{h} jam {mins} menit"),
        (d, 0) => format!("{d} hari"),
        (d, h) => format!("{d} hari {h} jam"),
    }
}

/// `14.05` in WITA.
pub fn time_label(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&crate::dates::wita())
        .format("%H.%M")
        .to_string()
}
