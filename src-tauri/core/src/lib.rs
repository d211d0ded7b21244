//! Loket's product without a window: the office's rules, its data and its documents.
//!
//! [`Office`] is the facade: one method per user action. Each method takes the acting
//! account, checks the permission table, and runs in one `BEGIN IMMEDIATE` transaction that
//! also writes the audit entry, so an action is saved whole (with its trace) or not at all.
//! The desktop shell (crate `loket`) only parses, calls a method and maps the error.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod cases;
pub mod clock;
pub mod confidential;
pub mod dashboard;
pub mod data_folder;
pub mod dates;
pub mod dispositions;
pub mod documents;
pub mod error;
pub mod exports;
pub mod files;
pub mod guestbook;
mod import;
pub mod letters;
mod office_accounts;
mod office_cases;
mod office_guestbook;
mod office_replies;
mod office_reports;
pub mod people;
pub mod replies;
pub mod reports;
pub mod search;
pub mod settings;
#[cfg(test)]
mod standard_complainant_tests;
#[cfg(test)]
mod standard_counter_tests;
#[cfg(test)]
mod standard_settling_tests;
#[cfg(test)]
mod standard_tests;
pub mod store;
#[cfg(test)]
mod test_office;
mod text;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Transaction};
use serde::Serialize;
use serde_json::{json, Value};

use accounts::{Action, Actor};
use calendar::holidays::{self, Holiday, HolidayImport, HolidayInput};
use calendar::{Deadline, WorkingCalendar};
use clock::Clock;
use settings::channels::{self, Channel, DeadlineInput};
use settings::classification::{
    self, ClassificationCode, ClassificationImport, ClassificationInput,
};
use settings::emblem::{self, Emblem, EmblemView};
use settings::letterhead::{self, Letterhead, LetterheadInput, LetterheadVersion};
use settings::numbering::{self, NumberingFormats, NumberingInput};
use settings::officials::{self, ActingInput, Official, OfficialInput, Rank};
use settings::units::{self, Unit, UnitInput};

pub use error::{Error, FieldError, Result};
pub use office_cases::{CaseFile, LetterFile};
pub use office_guestbook::FollowUp;
pub use office_replies::{Comparison, Pdf, ReplyFile, ReplyInbox};
pub use office_reports::ExportRequest;

pub struct Office {
    /// The one connection that writes: saves are serialised here.
    conn: Mutex<Connection>,
    /// Reads run on their own connections (None in memory, where there is one database per
    /// connection, so reads share the writer's).
    readers: Option<store::readers::Readers>,
    clock: Box<dyn Clock>,
    /// The database file (None in memory); backups must never be written over it.
    path: Option<std::path::PathBuf>,
}

/// One year of the holiday list, with the years that have one.
#[derive(Debug, Clone, Serialize)]
pub struct HolidayYear {
    pub year: i32,
    pub holidays: Vec<Holiday>,
    pub years: Vec<i32>,
}

fn snapshot(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Office {
    /// Opens (creating and migrating if needed) the database file at `path`.
    pub fn open(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            data_folder::refuse_network(folder)?;
        }
        let conn = store::open(path)?;
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        Ok(Self {
            conn: Mutex::new(conn),
            readers: Some(store::readers::Readers::new(&path)),
            clock,
            path: Some(path),
        })
    }

    pub fn open_in_memory(clock: Box<dyn Clock>) -> Result<Self> {
        Ok(Self {
            conn: Mutex::new(store::open_in_memory()?),
            readers: None,
            clock,
            path: None,
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the transaction rolls
        // back on drop), so the poisoned guard is safe to reuse.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write<T>(&self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        let value = store::write(&mut conn, action)?;
        self.anchor_trail(&conn);
        Ok(value)
    }

    /// The data folder: the database's own folder (None in memory).
    pub(crate) fn data_dir(&self) -> Option<std::path::PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    /// Where the audit trail's last entry is noted outside the database: `loket.db` →
    /// `loket.db.audit-anchor`.
    fn anchor_path(&self) -> Option<std::path::PathBuf> {
        let path = self.path.as_ref()?;
        let mut name = path.file_name()?.to_os_string();
        name.push(".audit-anchor");
        Some(path.with_file_name(name))
    }

    /// The anchor beside the database, or that it is gone although one was written (the
    /// database notes when its first anchor was).
    pub(crate) fn audit_anchor(&self, conn: &Connection) -> Result<audit::AnchorState> {
        let Some(path) = self.anchor_path() else {
            return Ok(audit::AnchorState::NotKept);
        };
        if let Some(anchor) = audit::Anchor::read(&path) {
            return Ok(audit::AnchorState::Read(anchor));
        }
        let anchored = settings::values::get(conn, settings::values::AUDIT_ANCHORED)?.is_some();
        Ok(if anchored {
            audit::AnchorState::Missing
        } else {
            audit::AnchorState::NotKept
        })
    }

    /// Notes the trail's last entry after a committed write (and, the first time, that the
    /// database has an anchor, so a deleted one is noticed). A failure to note it only weakens
    /// the cut-off check (an older anchor is still in the trail); it never undoes the saved
    /// action.
    pub(crate) fn anchor_trail(&self, conn: &Connection) {
        if let (Some(path), Ok(Some(tail))) = (self.anchor_path(), audit::tail(conn)) {
            let first = !path.exists();
            if tail.write(&path).is_ok() && first {
                let _ = settings::values::set_once(conn, settings::values::AUDIT_ANCHORED, "1");
            }
        }
    }

    /// Reads in one transaction on a reader connection: never waits for a save.
    fn read<T>(&self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let Some(readers) = &self.readers else {
            return store::read(&mut self.conn(), action);
        };
        let mut conn = readers.take()?;
        let value = store::read(&mut conn, action);
        readers.give_back(conn);
        value
    }

    /// A change by `actor`: permission checked, then one transaction holding the change and
    /// the audit entry that `change` returns alongside its result.
    fn change<T>(
        &self,
        actor: &Actor,
        permission: Action,
        change: impl FnOnce(&Transaction, DateTime<Utc>) -> Result<(T, AuditNote)>,
    ) -> Result<T> {
        actor.authorize(permission)?;
        let now = self.clock.now();
        self.write(|tx| {
            let (value, note) = change(tx, now)?;
            audit::record(
                tx,
                Some(actor),
                now,
                note.action,
                note.entity,
                &note.entity_id,
                note.changes,
            )?;
            Ok(value)
        })
    }

    fn view<T>(
        &self,
        actor: &Actor,
        permission: Action,
        read: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        actor.authorize(permission)?;
        self.read(read)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        dates::wita_date(self.clock.now())
    }

    // --- Beranda -----------------------------------------------------------------------

    pub fn dashboard(&self, actor: &Actor) -> Result<dashboard::Dashboard> {
        let now = self.clock.now();
        let mut board = self.view(actor, Action::ViewDashboard, |tx| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            dashboard::build(tx, &calendar, now)
        })?;
        // What waits for this person in particular: the Head's queue, an official's visitors.
        if accounts::allowed(actor.role, Action::Dispose) {
            board.disposition_queue = self.disposition_queue(actor).unwrap_or_default();
        }
        if accounts::allowed(actor.role, Action::MeetVisitors) {
            board.visitors_waiting = self.visitors_waiting(actor).unwrap_or_default();
        }
        Ok(board)
    }

    // --- Office profile and letterhead ---------------------------------------------------

    pub fn letterhead_current(&self, actor: &Actor) -> Result<Letterhead> {
        let today = self.today();
        self.view(actor, Action::ViewDashboard, |tx| {
            letterhead::in_force_on(tx, today)
        })
    }

    pub fn letterhead_versions(&self, actor: &Actor) -> Result<Vec<LetterheadVersion>> {
        let today = self.today();
        self.view(actor, Action::ManageSettings, |tx| {
            letterhead::versions(tx, today)
        })
    }

    pub fn letterhead_check(&self, actor: &Actor, input: &LetterheadInput) -> Result<()> {
        actor.authorize(Action::ManageSettings)?;
        letterhead::check(input)
    }

    pub fn letterhead_save(&self, actor: &Actor, input: &LetterheadInput) -> Result<Letterhead> {
        self.change(actor, Action::ManageSettings, |tx, now| {
            let saved = letterhead::save(tx, input, now)?;
            let note = AuditNote::new(
                "letterhead.create",
                "letterhead",
                saved.id,
                None,
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    /// Checks a picked emblem file and returns it for preview; nothing is stored until the
    /// letterhead is saved.
    pub fn emblem_preview(&self, actor: &Actor, path: &Path) -> Result<EmblemView> {
        actor.authorize(Action::ManageSettings)?;
        let bytes = files::read_picked(path, emblem::MAX_EMBLEM_BYTES, "emblem", "Berkas lambang")?;
        Ok(Emblem::from_bytes(bytes)?.view())
    }

    // --- Organisation ------------------------------------------------------------------

    pub fn units(&self, actor: &Actor) -> Result<Vec<Unit>> {
        self.view(actor, Action::ViewDashboard, |tx| units::list(tx))
    }

    pub fn unit_save(&self, actor: &Actor, id: Option<i64>, input: &UnitInput) -> Result<Unit> {
        let today = self.today();
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = id.map(|id| units::get(tx, id)).transpose()?;
            let saved = units::save(tx, id, input, today)?;
            let action = if before.is_some() {
                "unit.update"
            } else {
                "unit.create"
            };
            let note = AuditNote::new(
                action,
                "unit",
                saved.id,
                before.map(|b| snapshot(&b)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    pub fn ranks(&self) -> Vec<Rank> {
        officials::ranks()
    }

    pub fn officials(&self, actor: &Actor) -> Result<Vec<Official>> {
        let today = self.today();
        self.view(actor, Action::ViewDashboard, |tx| {
            officials::list(tx, today)
        })
    }

    pub fn official_check(
        &self,
        actor: &Actor,
        id: Option<i64>,
        input: &OfficialInput,
    ) -> Result<()> {
        let today = self.today();
        self.view(actor, Action::ManageSettings, |tx| {
            officials::check(tx, id, input, today)
        })
    }

    pub fn official_save(
        &self,
        actor: &Actor,
        id: Option<i64>,
        input: &OfficialInput,
    ) -> Result<Official> {
        let today = self.today();
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = id.map(|id| officials::get(tx, id, today)).transpose()?;
            let saved = officials::save(tx, id, input, today)?;
            let action = if before.is_some() {
                "official.update"
            } else {
                "official.create"
            };
            let note = AuditNote::new(
                action,
                "official",
                saved.id,
                before.map(|b| snapshot(&b)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    pub fn acting_add(&self, actor: &Actor, input: &ActingInput) -> Result<Official> {
        let today = self.today();
        self.change(actor, Action::ManageSettings, |tx, _| {
            let saved = officials::add_acting(tx, input, today)?;
            let added = saved
                .acting
                .iter()
                .max_by_key(|a| a.id)
                .map(snapshot)
                .unwrap_or(Value::Null);
            Ok((
                saved.clone(),
                AuditNote::new("acting.create", "official", saved.id, None, added),
            ))
        })
    }

    pub fn acting_remove(&self, actor: &Actor, id: i64) -> Result<()> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            officials::remove_acting(tx, id)?;
            Ok((
                (),
                AuditNote::new("acting.delete", "acting_appointment", id, None, json!({})),
            ))
        })
    }

    // --- Channels, numbering, classification ---------------------------------------------

    pub fn channels(&self, actor: &Actor) -> Result<Vec<Channel>> {
        self.view(actor, Action::ViewDashboard, |tx| channels::list(tx))
    }

    pub fn channel_deadlines_save(
        &self,
        actor: &Actor,
        inputs: &[DeadlineInput],
    ) -> Result<Vec<Channel>> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = channels::list(tx)?;
            let saved = channels::save_deadlines(tx, inputs)?;
            let note = AuditNote::new(
                "channel.update_deadlines",
                "channel",
                "*",
                Some(snapshot(&before)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    /// Each channel's contact as the office publishes it (printed on receipts).
    pub fn channel_contacts_save(
        &self,
        actor: &Actor,
        inputs: &[channels::ContactInput],
    ) -> Result<Vec<Channel>> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = channels::list(tx)?;
            let saved = channels::save_contacts(tx, inputs)?;
            let note = AuditNote::new(
                "channel.update_contacts",
                "channel",
                "*",
                Some(snapshot(&before)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    /// The office's closing time as staff write it (`16.00`).
    pub fn closing_time(&self, actor: &Actor) -> Result<String> {
        self.view(actor, Action::ViewDashboard, |tx| {
            Ok(dates::format_time(settings::office_hours::closing_time(
                tx,
            )?))
        })
    }

    pub fn closing_time_save(&self, actor: &Actor, typed: &str) -> Result<String> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = dates::format_time(settings::office_hours::closing_time(tx)?);
            let after = dates::format_time(settings::office_hours::save_closing_time(tx, typed)?);
            let note = AuditNote::new(
                "settings.closing_time",
                "settings",
                "office.closing_time",
                Some(json!({ "closing_time": before })),
                json!({ "closing_time": after }),
            );
            Ok((after, note))
        })
    }

    pub fn attachment_max_mb(&self, actor: &Actor) -> Result<u64> {
        self.view(actor, Action::ViewDashboard, |tx| {
            attachments::max_megabytes(tx)
        })
    }

    pub fn attachment_max_mb_save(&self, actor: &Actor, typed: &str) -> Result<u64> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = attachments::max_megabytes(tx)?;
            let after = attachments::save_max_megabytes(tx, typed)?;
            let note = AuditNote::new(
                "settings.attachment_max_mb",
                "settings",
                "attachments.max_mb",
                Some(json!({ "max_mb": before })),
                json!({ "max_mb": after }),
            );
            Ok((after, note))
        })
    }

    pub fn numbering(&self, actor: &Actor) -> Result<NumberingFormats> {
        self.view(actor, Action::ViewDashboard, |tx| numbering::get(tx))
    }

    pub fn numbering_save(
        &self,
        actor: &Actor,
        input: &NumberingInput,
    ) -> Result<NumberingFormats> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = numbering::get(tx)?;
            let saved = numbering::save(tx, input)?;
            let note = AuditNote::new(
                "numbering.update",
                "settings",
                "numbering",
                Some(snapshot(&before)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    pub fn classification_codes(&self, actor: &Actor) -> Result<Vec<ClassificationCode>> {
        self.view(actor, Action::ViewDashboard, |tx| classification::list(tx))
    }

    pub fn classification_save(
        &self,
        actor: &Actor,
        input: &ClassificationInput,
    ) -> Result<ClassificationCode> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = classification::get(tx, input.code.trim())?;
            let saved = classification::save(tx, input)?;
            let action = if before.is_some() {
                "classification.update"
            } else {
                "classification.create"
            };
            let note = AuditNote::new(
                action,
                "classification_code",
                &saved.code,
                before.map(|b| snapshot(&b)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    pub fn classification_import(
        &self,
        actor: &Actor,
        path: &Path,
    ) -> Result<ClassificationImport> {
        actor.authorize(Action::ManageSettings)?;
        let csv = files::read_picked(path, import::MAX_IMPORT_BYTES, "file", "Berkas CSV")?;
        self.change(actor, Action::ManageSettings, |tx, _| {
            let summary = classification::import_csv(tx, &csv)?;
            let note = AuditNote::new(
                "classification.import",
                "classification_code",
                "*",
                None,
                snapshot(&summary),
            );
            Ok((summary, note))
        })
    }

    // --- Working-day calendar ------------------------------------------------------------

    pub fn holidays(&self, actor: &Actor, year: i32) -> Result<HolidayYear> {
        if !(dates::FIRST_YEAR..=dates::LAST_YEAR).contains(&year) {
            return Err(Error::invalid(
                "year",
                "date.out_of_range",
                format!(
                    "Tahun harus antara {} dan {}.",
                    dates::FIRST_YEAR,
                    dates::LAST_YEAR
                ),
            ));
        }
        self.view(actor, Action::ViewDashboard, |tx| {
            Ok(HolidayYear {
                year,
                holidays: holidays::list_year(tx, year)?,
                years: holidays::years(tx)?,
            })
        })
    }

    /// Adds a holiday, or edits the one that was on `replacing`.
    pub fn holiday_save(
        &self,
        actor: &Actor,
        input: &HolidayInput,
        replacing: Option<NaiveDate>,
    ) -> Result<Holiday> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = replacing
                .map(|date| holidays::get(tx, date))
                .transpose()?
                .flatten();
            let saved = holidays::save(tx, input, replacing)?;
            let note = AuditNote::new(
                "holiday.save",
                "holiday",
                saved.date,
                before.map(|b| snapshot(&b)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    pub fn holiday_delete(&self, actor: &Actor, date: NaiveDate) -> Result<()> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = holidays::get(tx, date)?;
            holidays::delete(tx, date)?;
            Ok((
                (),
                AuditNote::new(
                    "holiday.delete",
                    "holiday",
                    date,
                    None,
                    json!({ "deleted": before }),
                ),
            ))
        })
    }

    pub fn holidays_import(&self, actor: &Actor, path: &Path) -> Result<HolidayImport> {
        actor.authorize(Action::ManageSettings)?;
        let csv = files::read_picked(path, import::MAX_IMPORT_BYTES, "file", "Berkas CSV")?;
        self.change(actor, Action::ManageSettings, |tx, _| {
            let summary = holidays::import_csv(tx, &csv)?;
            Ok((
                summary.clone(),
                AuditNote::new("holiday.import", "holiday", "*", None, snapshot(&summary)),
            ))
        })
    }

    /// The deadline for something received through `channel_code` on a typed date (08.00
    /// WITA that day), for the dashboard's calculator.
    pub fn deadline_for(
        &self,
        actor: &Actor,
        channel_code: &str,
        received: &str,
    ) -> Result<Deadline> {
        actor.authorize(Action::ViewDashboard)?;
        let date = dates::parse("received", "Tanggal diterima", received)?;
        let received = date
            .and_hms_opt(8, 0, 0)
            .and_then(|t| t.and_local_timezone(dates::wita()).single())
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| {
                Error::invalid("received", "date.invalid", "Tanggal diterima tidak valid.")
            })?;
        self.read(|tx| {
            let channel = channels::get(tx, channel_code)?;
            let closing = settings::office_hours::closing_time(tx)?;
            WorkingCalendar::new(holidays::all_dates(tx)?)
                .case_deadline(&channel, received, closing)
        })
    }
}

/// What an action writes into the audit trail.
pub(crate) struct AuditNote {
    action: &'static str,
    entity: &'static str,
    entity_id: String,
    changes: Value,
}

impl AuditNote {
    /// For a creation `before` is None and the record is the new values; otherwise only the
    /// fields that changed, as `[before, after]`.
    pub(crate) fn new(
        action: &'static str,
        entity: &'static str,
        id: impl ToString,
        before: Option<Value>,
        after: Value,
    ) -> Self {
        let changes = match before {
            Some(before) => audit::diff(&before, &after),
            None => after,
        };
        AuditNote {
            action,
            entity,
            entity_id: id.to_string(),
            changes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FixedClock;

    fn office_at(instant: &str) -> Office {
        Office::open_in_memory(Box::new(FixedClock(instant.parse().unwrap()))).unwrap()
    }

    /// The first administrator of a new office (created and signed in).
    fn admin(office: &Office) -> Actor {
        office
            .create_first_admin(&accounts::AccountInput {
                username: "admin".into(),
                full_name: "Admin Kantor".into(),
                password: "sandi-kantor-kupang".into(),
                ..Default::default()
            })
            .unwrap()
    }

    #[test]
    fn dashboard_on_a_saturday_before_the_new_year() {
        let office = office_at("2026-11-28T02:00:00Z");
        let board = office.dashboard(&admin(&office)).unwrap();
        assert_eq!(board.today_label, "Sabtu, 28 November 2026");
        assert!(!board.is_working_day);
        assert_eq!(board.day_off_reason.as_deref(), Some("Akhir pekan"));
        assert_eq!(board.missing_holiday_years, vec![2027]);
        assert_eq!(
            board.upcoming_holidays[0].name,
            "Cuti bersama Kelahiran Yesus Kristus"
        );
        let letter = board
            .deadlines_if_received_now
            .iter()
            .find(|d| d.channel.code == "letter")
            .unwrap();
        // Received on a Saturday: counted from Monday 30 November, as a case would be.
        assert_eq!(letter.deadline.label, "Rabu, 9 Desember 2026");
    }

    #[test]
    fn dashboard_names_the_holiday() {
        let office = office_at("2026-12-25T01:00:00Z");
        let board = office.dashboard(&admin(&office)).unwrap();
        assert_eq!(
            board.day_off_reason.as_deref(),
            Some("Kelahiran Yesus Kristus")
        );
        assert_eq!(board.office_name, "DINAS SOSIAL");
    }

    #[test]
    fn deadline_calculator_and_a_changed_setting() {
        let office = office_at("2026-11-28T02:00:00Z");
        let me = admin(&office);
        assert_eq!(
            office
                .deadline_for(&me, "lapor", "16/03/2026")
                .unwrap()
                .label,
            "Kamis, 2 April 2026"
        );
        office
            .channel_deadlines_save(
                &me,
                &[channels::DeadlineInput {
                    code: "lapor".into(),
                    value: "3".into(),
                }],
            )
            .unwrap();
        assert_eq!(
            office
                .deadline_for(&me, "lapor", "16/03/2026")
                .unwrap()
                .label,
            "Kamis, 26 Maret 2026"
        );
        assert_eq!(
            office
                .deadline_for(&me, "letter", "31/02/2026")
                .unwrap_err()
                .field(),
            Some("received")
        );
        assert_eq!(
            office
                .deadline_for(&me, "fax", "16/03/2026")
                .unwrap_err()
                .code(),
            "channel.not_found"
        );
    }

    #[test]
    fn a_new_years_list_silences_the_warning() {
        let office = office_at("2026-11-28T02:00:00Z");
        let me = admin(&office);
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("libur-2027.csv");
        std::fs::write(
            &csv,
            "Tanggal;Keterangan;Jenis\n01/01/2027;Tahun Baru 2027 Masehi;libur nasional\n",
        )
        .unwrap();
        let summary = office.holidays_import(&me, &csv).unwrap();
        assert_eq!(summary.years[0].year, 2027);
        assert!(office
            .dashboard(&me)
            .unwrap()
            .missing_holiday_years
            .is_empty());
        // A picture renamed .csv is refused and changes nothing.
        let fake = dir.path().join("gambar.csv");
        std::fs::write(&fake, settings::emblem::tests::png(40)).unwrap();
        assert_eq!(
            office.holidays_import(&me, &fake).unwrap_err().code(),
            "import.not_csv"
        );
        assert_eq!(office.holidays(&me, 2027).unwrap().holidays.len(), 1);
        assert_eq!(
            office.holidays(&me, 300_000).unwrap_err().code(),
            "date.out_of_range"
        );
    }
}

#[cfg(test)]
mod audited_actions {
    use super::*;
    use clock::FixedClock;

    fn office() -> (Office, Actor) {
        let office = Office::open_in_memory(Box::new(FixedClock(
            "2026-11-28T02:00:00Z".parse().unwrap(),
        )))
        .unwrap();
        let admin = office
            .create_first_admin(&accounts::AccountInput {
                username: "admin".into(),
                full_name: "Admin Kantor".into(),
                password: "sandi-kantor-kupang".into(),
                ..Default::default()
            })
            .unwrap();
        (office, admin)
    }

    fn account(office: &Office, admin: &Actor, username: &str, role: &str) -> Actor {
        let input = accounts::AccountInput {
            username: username.into(),
            full_name: username.into(),
            role: role.into(),
            active: true,
            password: "sementara-123".into(),
            ..Default::default()
        };
        office.account_create(admin, &input).unwrap();
        office.sign_in(username, "sementara-123").unwrap()
    }

    #[test]
    fn a_receptionist_cannot_change_settings_even_by_calling_the_core() {
        let (office, admin) = office();
        let receptionist = account(&office, &admin, "resepsi", "resepsionis");
        assert!(receptionist.must_change_password);
        // Nothing but the password change until the admin's temporary password is replaced.
        assert_eq!(
            office.dashboard(&receptionist).unwrap_err().code(),
            "auth.forbidden"
        );
        let receptionist = office
            .change_own_password(&receptionist, "sementara-123", "punya-sendiri-9")
            .unwrap();
        office.dashboard(&receptionist).unwrap();
        let input = NumberingInput {
            agenda: "{nomor}".into(),
            outgoing: "{nomor}".into(),
        };
        let err = office.numbering_save(&receptionist, &input).unwrap_err();
        assert_eq!(err.code(), "auth.forbidden");
        assert!(err.to_string().contains("Resepsionis"), "{err}");
        assert_eq!(
            office.accounts(&receptionist).unwrap_err().code(),
            "auth.forbidden"
        );
        assert_eq!(
            office
                .audit_search(&receptionist, &Default::default())
                .unwrap_err()
                .code(),
            "auth.forbidden"
        );
        assert_eq!(
            office.numbering(&admin).unwrap().outgoing,
            "{kode}/{nomor}/{unit}/{tahun}",
            "nothing changed"
        );
    }

    #[test]
    fn every_change_leaves_a_verifiable_trace() {
        let (office, admin) = office();
        let input = NumberingInput {
            agenda: "{nomor}/{tahun}".into(),
            outgoing: "{kode}/{nomor}/Dinsos/{tahun}".into(),
        };
        office.numbering_save(&admin, &input).unwrap();
        let _ = office.sign_in("admin", "salah-sandi-ini");
        let trail = office.audit_search(&admin, &Default::default()).unwrap();
        let actions: Vec<_> = trail.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "account.sign_in_failed",
                "numbering.update",
                "account.create_first_admin"
            ]
        );
        assert_eq!(
            trail[1].changes["agenda"],
            json!(["{nomor}", "{nomor}/{tahun}"])
        );
        assert_eq!(trail[1].account_name, "admin");
        assert_eq!(office.audit_verify(&admin).unwrap().first_broken, None);
        // A refused change leaves no entry.
        let bad = NumberingInput {
            agenda: "".into(),
            outgoing: "".into(),
        };
        assert!(office.numbering_save(&admin, &bad).is_err());
        assert_eq!(
            office
                .audit_search(&admin, &Default::default())
                .unwrap()
                .len(),
            3
        );
    }

    #[test]
    fn a_disabled_account_loses_its_session_rights_at_once() {
        let (office, admin) = office();
        let input = accounts::AccountInput {
            username: "kedua".into(),
            full_name: "Admin Kedua".into(),
            role: "admin".into(),
            active: true,
            password: "sandi-cadangan-99".into(),
            ..Default::default()
        };
        let second = office.account_create(&admin, &input).unwrap();
        let disabled = accounts::AccountInput {
            active: false,
            ..input
        };
        office.account_update(&admin, second.id, &disabled).unwrap();
        assert_eq!(
            office.current_actor(second.id).unwrap_err().code(),
            "auth.not_signed_in"
        );
        assert_eq!(
            office.current_actor(admin.account_id).unwrap().role,
            accounts::Role::Admin
        );
    }

    #[test]
    fn failed_password_changes_and_disabled_sign_ins_are_in_the_trail() {
        let (office, admin) = office();
        let staff = account(&office, &admin, "resepsi", "resepsionis");
        let err = office
            .change_own_password(&staff, "bukan-ini-99", "punya-sendiri-9")
            .unwrap_err();
        assert_eq!(err.field(), Some("current"));
        let err = office
            .change_own_password(&staff, "sementara-123", "pendek")
            .unwrap_err();
        assert_eq!(err.code(), "account.password_short");
        let off = accounts::AccountInput {
            username: "resepsi".into(),
            full_name: "resepsi".into(),
            role: "resepsionis".into(),
            active: false,
            ..Default::default()
        };
        office
            .account_update(&admin, staff.account_id, &off)
            .unwrap();
        let refused = office.sign_in("resepsi", "sementara-123").unwrap_err();
        assert_eq!(refused.code(), "account.wrong_password", "{refused}");
        let trail = office.audit_search(&admin, &Default::default()).unwrap();
        let seen: Vec<(&str, &serde_json::Value)> = trail
            .iter()
            .take(4)
            .map(|e| (e.action.as_str(), &e.changes["reason"]))
            .collect();
        assert_eq!(
            seen,
            [
                ("account.sign_in_failed", &json!("account.disabled")),
                ("account.update", &Value::Null),
                (
                    "account.change_password_failed",
                    &json!("account.password_short")
                ),
                (
                    "account.change_password_failed",
                    &json!("account.wrong_password")
                ),
            ]
        );
    }

    #[test]
    fn first_admin_only_once() {
        let (office, _) = office();
        assert!(!office.needs_first_admin().unwrap());
        let again = accounts::AccountInput {
            username: "kedua".into(),
            full_name: "X".into(),
            password: "sandi-kedua-99".into(),
            ..Default::default()
        };
        assert_eq!(
            office.create_first_admin(&again).unwrap_err().code(),
            "auth.forbidden"
        );
    }
}
