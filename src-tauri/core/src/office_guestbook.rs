//! The facade's part for the counter: the guest book, ID-card custody, returning visitors,
//! the printed register and the personal-data duties (reveal, export, correct, anonymise).

use chrono::NaiveDate;
use serde_json::json;

use crate::accounts::{Action, Actor};
use crate::calendar::{holidays, WorkingCalendar};
use crate::documents::{self, guestbook_register, person_data, Pdf};
use crate::error::Result;
use crate::guestbook::{
    custody, register, retention, visits, CheckOutInput, DayClosing, HeldCard, History,
    OutcomeInput, RouteInput, SearchResult, Today, Visit, VisitFilter, VisitInput,
};
use crate::people::{self, Person, PersonInput};
use crate::settings::letterhead;
use crate::{audit, dates, snapshot, AuditNote, Office};

/// A counter case a returning visitor may have come back for.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FollowUp {
    pub case_id: i64,
    pub reg_number: String,
    /// The day agreed at the first visit.
    pub agreed_label: String,
}

/// At most this many suggestions while typing.
const LOOKUP_LIMIT: usize = 8;

impl Office {
    /// The Buku Tamu screen: today's visits, who is still in, and the cards still held.
    pub fn guestbook_today(&self, actor: &Actor) -> Result<Today> {
        let now = self.now();
        let today = dates::wita_date(now);
        self.view(actor, Action::ViewVisits, |tx| {
            let mut in_building = visits::in_building(tx, now)?;
            let done = visits::on_day(tx, today, now)?
                .into_iter()
                .filter(|v| !v.in_building)
                .collect();
            in_building.sort_by_key(|v| std::cmp::Reverse((v.time_in, v.id)));
            Ok(Today {
                date: today,
                date_label: dates::format_with_weekday(today),
                in_building,
                done,
                held_cards: custody::held_cards(tx, now)?,
                target_minutes: visits::target_minutes(tx)?,
            })
        })
    }

    pub fn visit(&self, actor: &Actor, id: i64) -> Result<Visit> {
        let now = self.now();
        self.view(actor, Action::ViewVisits, |tx| visits::get(tx, id, now))
    }

    /// Checks the form as typed (field by field as the receptionist leaves it).
    pub fn visit_check(&self, actor: &Actor, input: &VisitInput) -> Result<()> {
        let today = self.today();
        self.view(actor, Action::RecordVisits, |tx| {
            visits::check(tx, input, today, &|id| {
                crate::confidential::may_see_person(tx, actor, id)
            })
        })
    }

    pub fn visit_register(&self, actor: &Actor, input: &VisitInput) -> Result<Visit> {
        let result = self.register_visit(actor, input);
        self.note_nik_clash(actor, &input.person, &result);
        result
    }

    fn register_visit(&self, actor: &Actor, input: &VisitInput) -> Result<Visit> {
        self.change(actor, Action::RecordVisits, |tx, now| {
            let may_see = |id| crate::confidential::may_see_person(tx, actor, id);
            let done = visits::register(tx, input, actor.account_id, now, &may_see)?;
            crate::people::note_update(tx, actor, now, "visit.register", Some(&done.person))?;
            let mut record = snapshot(&done.person.after);
            record["visit_id"] = json!(done.visit.id);
            record["purpose_category"] = json!(done.visit.purpose_category);
            record["purpose"] = json!(done.visit.purpose);
            record["companions"] = json!(done.visit.companions);
            record["deposit"] = json!(done.visit.deposit.as_ref().map(|d| &d.slot));
            record["person_before"] = done.person.before.as_ref().map(snapshot).into();
            Ok((
                done.visit.clone(),
                AuditNote::new(
                    "visit.register",
                    "visit",
                    done.visit.id,
                    None,
                    audit::about_citizen(record),
                ),
            ))
        })
    }

    pub fn visit_route(&self, actor: &Actor, id: i64, input: &RouteInput) -> Result<Visit> {
        self.change(actor, Action::RecordVisits, |tx, now| {
            let saved = visits::route(tx, id, input, now)?;
            let note = json!({
                "asked_level": saved.asked_level,
                "routed_official_id": saved.routed_official_id,
            });
            Ok((
                saved,
                AuditNote::new("visit.route", "visit", id, None, note),
            ))
        })
    }

    /// Reception, or the official the visitor was sent to, from his own account: the standard
    /// has the official answer in person.
    fn meeting_permission(&self, actor: &Actor) -> Action {
        if crate::accounts::allowed(actor.role, Action::RecordVisits) {
            Action::RecordVisits
        } else {
            Action::MeetVisitors
        }
    }

    /// An official acts only on the visitors sent to him.
    fn require_own_visitor(
        tx: &crate::store::Connection,
        actor: &Actor,
        permission: Action,
        visit: &Visit,
    ) -> Result<()> {
        if permission == Action::RecordVisits {
            return Ok(());
        }
        let official = crate::office_cases::own_official(tx, actor)?;
        if visit.routed_official_id == Some(official) {
            Ok(())
        } else {
            Err(crate::error::Error::Forbidden {
                message: "Tamu ini tidak diarahkan kepada Anda; hanya pejabat yang ditemui tamu \
                          (atau petugas penerima tamu) yang mencatat pertemuannya."
                    .into(),
            })
        }
    }

    pub fn visit_start_meeting(&self, actor: &Actor, id: i64) -> Result<Visit> {
        let permission = self.meeting_permission(actor);
        self.change(actor, permission, |tx, now| {
            Self::require_own_visitor(tx, actor, permission, &visits::get(tx, id, now)?)?;
            let saved = visits::start_meeting(tx, id, now)?;
            Ok((
                saved,
                AuditNote::new(
                    "visit.meeting_start",
                    "visit",
                    id,
                    None,
                    json!({ "at": now }),
                ),
            ))
        })
    }

    pub fn visit_outcome(&self, actor: &Actor, id: i64, input: &OutcomeInput) -> Result<Visit> {
        let permission = self.meeting_permission(actor);
        self.change(actor, permission, |tx, now| {
            Self::require_own_visitor(tx, actor, permission, &visits::get(tx, id, now)?)?;
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            let saved = visits::record_outcome(tx, id, input, &calendar, actor.account_id, now)?;
            let note = json!({
                "outcome": saved.outcome,
                "answer_minutes": saved.answer_minutes,
                "agreed_date": saved.agreed_date,
                "case_id": saved.case_id,
                "referred_agency": saved.referred_agency,
                "answer_timing": saved.answer_timing,
                "longer_reason_chars": saved.longer_reason.as_deref().map_or(0, |r| r.chars().count()),
            });
            Ok((
                saved,
                AuditNote::new("visit.outcome", "visit", id, None, note),
            ))
        })
    }

    pub fn visit_check_out(&self, actor: &Actor, id: i64, input: &CheckOutInput) -> Result<Visit> {
        self.change(actor, Action::RecordVisits, |tx, now| {
            let saved = visits::check_out(tx, id, input, actor.account_id, now)?;
            let note = audit::about_citizen(json!({
                "time_out": saved.time_out,
                "card_returned_to": saved.deposit.as_ref().and_then(|d| d.returned_to.clone()),
                "card_kept_reason": saved.deposit.as_ref().and_then(|d| d.held_reason.clone()),
            }));
            Ok((
                saved,
                AuditNote::new("visit.check_out", "visit", id, None, note),
            ))
        })
    }

    /// A card kept after its owner left is collected later.
    pub fn card_return(&self, actor: &Actor, visit_id: i64, returned_to: &str) -> Result<Visit> {
        self.change(actor, Action::RecordVisits, |tx, now| {
            custody::return_card(tx, visit_id, returned_to, actor.account_id, now)?;
            let saved = visits::get(tx, visit_id, now)?;
            let note = audit::about_citizen(json!({ "returned_to": returned_to.trim() }));
            Ok((
                saved,
                AuditNote::new("deposit.return", "visit", visit_id, None, note),
            ))
        })
    }

    /// Visitors sent to the signed-in official and still waiting for his answer.
    pub fn visitors_waiting(&self, actor: &Actor) -> Result<Vec<Visit>> {
        let now = self.now();
        self.view(actor, Action::MeetVisitors, |tx| {
            let official = crate::office_cases::own_official(tx, actor)?;
            visits::waiting_for(tx, official, now)
        })
    }

    /// The counter cases a returning visitor may have come back for.
    pub fn open_follow_ups(&self, actor: &Actor, person_id: i64) -> Result<Vec<FollowUp>> {
        self.view(actor, Action::RecordVisits, |tx| {
            require_may_see(tx, actor, person_id)?;
            Ok(visits::open_follow_ups(tx, person_id)?
                .into_iter()
                .map(|(case_id, reg_number, due)| FollowUp {
                    case_id,
                    reg_number,
                    agreed_label: dates::format_long(due),
                })
                .collect())
        })
    }

    pub fn cards_held(&self, actor: &Actor) -> Result<Vec<HeldCard>> {
        let now = self.now();
        self.view(actor, Action::ViewVisits, |tx| custody::held_cards(tx, now))
    }

    /// How many ID cards reception holds: a bare count, no personal data, so that the shell
    /// can ask for a sign-in before the window closes while nobody is signed in.
    pub fn held_card_count(&self) -> Result<i64> {
        self.read(|tx| custody::held_count(tx))
    }

    /// Closes the counter's day (`"day"`) or the app (`"app"`); a reason is needed while
    /// cards are still held.
    pub fn close_day(&self, actor: &Actor, kind: &str, reason: &str) -> Result<DayClosing> {
        self.change(actor, Action::RecordVisits, |tx, now| {
            let closing = custody::close(tx, kind, reason, actor.account_id, now)?;
            // That a reason was given, not its words: it often names whose card stayed.
            let note = json!({
                "day": closing.day, "kind": closing.kind, "held_count": closing.held_count,
                "reason_chars": closing.reason.trim().chars().count(),
            });
            Ok((
                closing.clone(),
                AuditNote::new("guestbook.close", "day", closing.day, None, note),
            ))
        })
    }

    /// Returning visitors matching three or more typed characters of a name, NIK or phone.
    pub fn people_lookup(&self, actor: &Actor, query: &str) -> Result<Vec<Person>> {
        self.view(actor, Action::RecordVisits, |tx| {
            people::lookup(tx, query, LOOKUP_LIMIT, &|id| {
                crate::confidential::may_see_person(tx, actor, id)
            })
        })
    }

    pub fn visits_search(&self, actor: &Actor, filter: &VisitFilter) -> Result<SearchResult> {
        let now = self.now();
        self.view(actor, Action::ViewVisits, |tx| {
            visits::search(tx, filter, now)
        })
    }

    pub fn person_history(&self, actor: &Actor, person_id: i64) -> Result<History> {
        let now = self.now();
        self.view(actor, Action::ViewVisits, |tx| {
            require_may_see(tx, actor, person_id)?;
            Ok(History {
                person: people::get(tx, person_id)?,
                visits: visits::of_person(tx, person_id, now)?,
            })
        })
    }

    /// The full NIK (or other ID number): shown once, and the showing is audited.
    pub fn reveal_id_number(&self, actor: &Actor, person_id: i64) -> Result<String> {
        self.change(actor, Action::RevealNik, |tx, _| {
            require_may_see(tx, actor, person_id)?;
            let full = people::full_id_number(tx, person_id)?;
            Ok((
                full,
                AuditNote::new("person.reveal_id", "person", person_id, None, json!({})),
            ))
        })
    }

    /// The daily register as a PDF (NIK masked), with the letterhead in force that day.
    pub fn guestbook_register_pdf(&self, actor: &Actor, day: &str) -> Result<Pdf> {
        let now = self.now();
        let day: NaiveDate = dates::parse("day", "Tanggal", day)?;
        dates::check_range("day", "Tanggal", day)?;
        let (head, rows) = self.view(actor, Action::ViewVisits, |tx| {
            Ok((
                letterhead::in_force_on(tx, day)?,
                register::rows(&visits::on_day(tx, day, now)?),
            ))
        })?;
        let data = guestbook_register::RegisterData {
            date_label: dates::format_with_weekday(day),
            printed_label: documents::printed_label(self.now(), &actor.full_name),
            rows,
        };
        Ok(Pdf {
            file_name: format!("buku-tamu-{day}.pdf"),
            bytes: guestbook_register::render(&head, &data)?,
        })
    }

    /// Everything stored about one person, in full, for their request; audited.
    pub fn person_export_pdf(&self, actor: &Actor, person_id: i64) -> Result<Pdf> {
        let now = self.now();
        let today = self.today();
        let printed_label = documents::printed_label(self.now(), &actor.full_name);
        let (head, data) = self.change(actor, Action::ManagePersonalData, |tx, _| {
            require_may_see(tx, actor, person_id)?;
            let record = people::get_record(tx, person_id)?;
            let visits = visits::of_person(tx, person_id, now)?;
            let fields = vec![
                ("Nama".to_owned(), record.display_name()),
                (
                    "Tanda pengenal".to_owned(),
                    format!(
                        "{} {}",
                        people::id_type_label(&record.id_type),
                        record.id_number
                    ),
                ),
                ("NIK".to_owned(), record.nik.clone().unwrap_or("-".into())),
                ("Telepon".to_owned(), people::phone::display(&record.phone)),
                (
                    "Email".to_owned(),
                    if record.email.is_empty() {
                        "-".to_owned()
                    } else {
                        record.email.clone()
                    },
                ),
                ("Alamat".to_owned(), record.address.clone()),
                ("Instansi".to_owned(), record.institution.clone()),
                (
                    "Tercatat sejak".to_owned(),
                    dates::format_long(dates::wita_date(record.created_at)),
                ),
                ("Jumlah kunjungan".to_owned(), visits.len().to_string()),
            ];
            let data = person_data::PersonData {
                printed_label,
                fields,
                visits: register::dated_rows(&visits),
            };
            Ok((
                (letterhead::in_force_on(tx, today)?, data),
                AuditNote::new("person.export", "person", person_id, None, json!({})),
            ))
        })?;
        Ok(Pdf {
            file_name: format!("data-pribadi-{person_id}.pdf"),
            bytes: person_data::render(&head, &data)?,
        })
    }

    /// A correction on the person's request; the trail keeps the before and after.
    pub fn person_correct(
        &self,
        actor: &Actor,
        person_id: i64,
        input: &PersonInput,
    ) -> Result<Person> {
        let result = self.correct_person(actor, person_id, input);
        self.note_nik_clash(actor, input, &result);
        result
    }

    fn correct_person(&self, actor: &Actor, person_id: i64, input: &PersonInput) -> Result<Person> {
        let today = self.today();
        self.change(actor, Action::ManagePersonalData, |tx, now| {
            require_may_see(tx, actor, person_id)?;
            let done = people::correct(tx, person_id, input, today, now)?;
            let note = AuditNote::new(
                "person.correct",
                "person",
                person_id,
                done.before
                    .as_ref()
                    .map(|before| audit::about_citizen(snapshot(before))),
                audit::about_citizen(snapshot(&done.after)),
            )
            .seen(input.seen);
            Ok((people::get(tx, person_id)?, note))
        })
    }

    pub fn retention_preview(&self, actor: &Actor) -> Result<retention::Preview> {
        let today = self.today();
        self.view(actor, Action::ManagePersonalData, |tx| {
            retention::preview(tx, today)
        })
    }

    pub fn retention_months_save(&self, actor: &Actor, typed: &str) -> Result<retention::Preview> {
        let today = self.today();
        self.change(actor, Action::ManagePersonalData, |tx, _| {
            let before = retention::months(tx)?;
            let months = retention::save_months(tx, typed)?;
            Ok((
                retention::preview(tx, today)?,
                AuditNote::new(
                    "retention.update",
                    "settings",
                    "guestbook.retention_months",
                    Some(json!({ "months": before })),
                    json!({ "months": months }),
                ),
            ))
        })
    }

    /// Anonymises what the preview for `cutoff` (listing `people` people) showed.
    pub fn retention_apply(
        &self,
        actor: &Actor,
        cutoff: &str,
        people: i64,
    ) -> Result<retention::Preview> {
        let today = self.today();
        let cutoff = dates::parse("cutoff", "Batas tanggal", cutoff)?;
        self.change(actor, Action::ManagePersonalData, |tx, now| {
            let done = retention::apply(tx, cutoff, people, today, now)?;
            let note = json!({
                "cutoff": done.cutoff, "people": done.people, "visits": done.visits,
            });
            Ok((
                done,
                AuditNote::new("retention.anonymise", "person", "*", None, note),
            ))
        })
    }
}

impl Office {
    /// A NIK refused because it is on file for someone else is tried again and again by whoever
    /// guesses whose it is: each refusal is in the trail (NIK masked), though the action itself
    /// saved nothing.
    pub(crate) fn note_nik_clash<T>(&self, actor: &Actor, typed: &PersonInput, result: &Result<T>) {
        let clashed = result.as_ref().err().is_some_and(|e| {
            e.field_errors()
                .iter()
                .any(|f| f.code == "person.nik_taken")
        });
        if clashed {
            let now = self.now();
            let _ = self.write(|tx| {
                audit::record(
                    tx,
                    Some(actor),
                    now,
                    "person.nik_clash",
                    "person",
                    "*",
                    json!({ "nik": typed.id_number.trim() }),
                )
            });
        }
    }
}

/// A person known only as a confidential complainant is "not found" for whoever may not know
/// them: a guessed id confirms nothing.
fn require_may_see(tx: &crate::store::Connection, actor: &Actor, person_id: i64) -> Result<()> {
    if crate::confidential::may_see_person(tx, actor, person_id)? {
        Ok(())
    } else {
        Err(crate::confidential::person_not_found())
    }
}
