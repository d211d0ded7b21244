//! Loket's product without a window: the office's rules, its data and (later) its documents.
//!
//! [`Office`] is the facade: one method per user action. Each write runs in one
//! `BEGIN IMMEDIATE` transaction, so an action is saved whole or not at all. The desktop shell
//! (crate `loket`) only parses, calls a method and maps the error.

pub mod calendar;
pub mod clock;
pub mod dashboard;
pub mod dates;
pub mod error;
mod files;
mod import;
pub mod settings;
pub mod store;
mod text;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::Serialize;

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

pub struct Office {
    conn: Mutex<Connection>,
    clock: Box<dyn Clock>,
}

/// One year of the holiday list, with the years that have one.
#[derive(Debug, Clone, Serialize)]
pub struct HolidayYear {
    pub year: i32,
    pub holidays: Vec<Holiday>,
    pub years: Vec<i32>,
}

impl Office {
    /// Opens (creating and migrating if needed) the database file at `path`.
    pub fn open(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        Ok(Self {
            conn: Mutex::new(store::open(path)?),
            clock,
        })
    }

    pub fn open_in_memory(clock: Box<dyn Clock>) -> Result<Self> {
        Ok(Self {
            conn: Mutex::new(store::open_in_memory()?),
            clock,
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
        store::write(&mut self.conn(), action)
    }

    fn read<T>(&self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        store::read(&mut self.conn(), action)
    }

    pub fn today(&self) -> NaiveDate {
        dates::wita_date(self.clock.now())
    }

    // --- Beranda -----------------------------------------------------------------------

    pub fn dashboard(&self) -> Result<dashboard::Dashboard> {
        let now = self.clock.now();
        self.read(|tx| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            dashboard::build(tx, &calendar, now)
        })
    }

    // --- Office profile and letterhead ---------------------------------------------------

    pub fn letterhead_current(&self) -> Result<Letterhead> {
        let today = self.today();
        self.read(|tx| letterhead::in_force_on(tx, today))
    }

    pub fn letterhead_versions(&self) -> Result<Vec<LetterheadVersion>> {
        let today = self.today();
        self.read(|tx| letterhead::versions(tx, today))
    }

    pub fn letterhead_check(&self, input: &LetterheadInput) -> Result<()> {
        letterhead::check(input)
    }

    pub fn letterhead_save(&self, input: &LetterheadInput) -> Result<Letterhead> {
        let now = self.clock.now();
        self.write(|tx| letterhead::save(tx, input, now))
    }

    /// Checks a picked emblem file and returns it for preview; nothing is stored until the
    /// letterhead is saved.
    pub fn emblem_preview(&self, path: &Path) -> Result<EmblemView> {
        let bytes = files::read_picked(path, emblem::MAX_EMBLEM_BYTES, "emblem", "Berkas lambang")?;
        Ok(Emblem::from_bytes(bytes)?.view())
    }

    // --- Organisation ------------------------------------------------------------------

    pub fn units(&self) -> Result<Vec<Unit>> {
        self.read(|tx| units::list(tx))
    }

    pub fn unit_save(&self, id: Option<i64>, input: &UnitInput) -> Result<Unit> {
        self.write(|tx| units::save(tx, id, input))
    }

    pub fn ranks(&self) -> Vec<Rank> {
        officials::ranks()
    }

    pub fn officials(&self) -> Result<Vec<Official>> {
        let today = self.today();
        self.read(|tx| officials::list(tx, today))
    }

    pub fn official_check(&self, id: Option<i64>, input: &OfficialInput) -> Result<()> {
        let today = self.today();
        self.read(|tx| officials::check(tx, id, input, today))
    }

    pub fn official_save(&self, id: Option<i64>, input: &OfficialInput) -> Result<Official> {
        let today = self.today();
        self.write(|tx| officials::save(tx, id, input, today))
    }

    pub fn acting_add(&self, input: &ActingInput) -> Result<Official> {
        let today = self.today();
        self.write(|tx| officials::add_acting(tx, input, today))
    }

    pub fn acting_remove(&self, id: i64) -> Result<()> {
        self.write(|tx| officials::remove_acting(tx, id))
    }

    // --- Channels, numbering, classification ---------------------------------------------

    pub fn channels(&self) -> Result<Vec<Channel>> {
        self.read(|tx| channels::list(tx))
    }

    pub fn channel_deadlines_save(&self, inputs: &[DeadlineInput]) -> Result<Vec<Channel>> {
        self.write(|tx| channels::save_deadlines(tx, inputs))
    }

    pub fn numbering(&self) -> Result<NumberingFormats> {
        self.read(|tx| numbering::get(tx))
    }

    pub fn numbering_save(&self, input: &NumberingInput) -> Result<NumberingFormats> {
        self.write(|tx| numbering::save(tx, input))
    }

    pub fn classification_codes(&self) -> Result<Vec<ClassificationCode>> {
        self.read(|tx| classification::list(tx))
    }

    pub fn classification_save(&self, input: &ClassificationInput) -> Result<ClassificationCode> {
        self.write(|tx| classification::save(tx, input))
    }

    pub fn classification_import(&self, path: &Path) -> Result<ClassificationImport> {
        let csv = files::read_picked(path, import::MAX_IMPORT_BYTES, "file", "Berkas CSV")?;
        self.write(|tx| classification::import_csv(tx, &csv))
    }

    // --- Working-day calendar ------------------------------------------------------------

    pub fn holidays(&self, year: i32) -> Result<HolidayYear> {
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
        self.read(|tx| {
            Ok(HolidayYear {
                year,
                holidays: holidays::list_year(tx, year)?,
                years: holidays::years(tx)?,
            })
        })
    }

    /// Adds a holiday, or edits the one that was on `replacing` (typed as on the list).
    pub fn holiday_save(
        &self,
        input: &HolidayInput,
        replacing: Option<NaiveDate>,
    ) -> Result<Holiday> {
        self.write(|tx| holidays::save(tx, input, replacing))
    }

    pub fn holiday_delete(&self, date: NaiveDate) -> Result<()> {
        self.write(|tx| holidays::delete(tx, date))
    }

    pub fn holidays_import(&self, path: &Path) -> Result<HolidayImport> {
        let csv = files::read_picked(path, import::MAX_IMPORT_BYTES, "file", "Berkas CSV")?;
        self.write(|tx| holidays::import_csv(tx, &csv))
    }

    /// The deadline for something received through `channel_code` on a typed date (the
    /// start of that day in WITA), for the dashboard's calculator.
    pub fn deadline_for(&self, channel_code: &str, received: &str) -> Result<Deadline> {
        let date = dates::parse("received", "Tanggal diterima", received)?;
        let received = date
            .and_hms_opt(8, 0, 0)
            .and_then(|t| t.and_local_timezone(dates::wita()).single())
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok_or_else(|| {
                Error::invalid("received", "date.invalid", "Tanggal diterima tidak valid.")
            })?;
        self.read(|tx| {
            let channel = channels::get(tx, channel_code)?;
            WorkingCalendar::new(holidays::all_dates(tx)?).deadline(&channel, received)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clock::FixedClock;

    fn office_at(instant: &str) -> Office {
        Office::open_in_memory(Box::new(FixedClock(instant.parse().unwrap()))).unwrap()
    }

    #[test]
    fn dashboard_on_a_saturday_before_the_new_year() {
        let office = office_at("2026-11-28T02:00:00Z");
        let board = office.dashboard().unwrap();
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
        assert_eq!(letter.deadline.label, "Selasa, 8 Desember 2026");
    }

    #[test]
    fn dashboard_names_the_holiday() {
        let board = office_at("2026-12-25T01:00:00Z").dashboard().unwrap();
        assert_eq!(
            board.day_off_reason.as_deref(),
            Some("Kelahiran Yesus Kristus")
        );
        assert_eq!(board.office_name, "DINAS SOSIAL");
    }

    #[test]
    fn deadline_calculator_and_a_changed_setting() {
        let office = office_at("2026-11-28T02:00:00Z");
        assert_eq!(
            office.deadline_for("lapor", "16/03/2026").unwrap().label,
            "Kamis, 2 April 2026"
        );
        office
            .channel_deadlines_save(&[channels::DeadlineInput {
                code: "lapor".into(),
                value: "3".into(),
            }])
            .unwrap();
        assert_eq!(
            office.deadline_for("lapor", "16/03/2026").unwrap().label,
            "Kamis, 26 Maret 2026"
        );
        assert_eq!(
            office
                .deadline_for("letter", "31/02/2026")
                .unwrap_err()
                .field(),
            Some("received")
        );
        assert_eq!(
            office.deadline_for("fax", "16/03/2026").unwrap_err().code(),
            "channel.not_found"
        );
    }

    #[test]
    fn a_new_years_list_silences_the_warning() {
        let office = office_at("2026-11-28T02:00:00Z");
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("libur-2027.csv");
        std::fs::write(
            &csv,
            "Tanggal;Keterangan;Jenis\n01/01/2027;Tahun Baru 2027 Masehi;libur nasional\n",
        )
        .unwrap();
        let summary = office.holidays_import(&csv).unwrap();
        assert_eq!(summary.years[0].year, 2027);
        assert!(office.dashboard().unwrap().missing_holiday_years.is_empty());
        // A picture renamed .csv is refused and changes nothing.
        let fake = dir.path().join("gambar.csv");
        std::fs::write(&fake, settings::emblem::tests::png(40)).unwrap();
        assert_eq!(
            office.holidays_import(&fake).unwrap_err().code(),
            "import.not_csv"
        );
        assert_eq!(office.holidays(2027).unwrap().holidays.len(), 1);
        assert_eq!(
            office.holidays(300_000).unwrap_err().code(),
            "date.out_of_range"
        );
    }
}
