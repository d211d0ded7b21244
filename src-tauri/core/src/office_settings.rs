//! The facade's part for Pengaturan: the office's profile and letterhead, its units and
//! officials with their acting appointments, the channels' deadlines and contacts, office
//! hours, scan size, numbering, classification codes, and the holiday calendar.

use std::path::Path;

use chrono::{NaiveDate, Utc};
use serde::Serialize;
use serde_json::{json, Value};

use crate::accounts::{Action, Actor};
use crate::calendar::holidays::{self, Holiday, HolidayImport, HolidayInput};
use crate::calendar::{Deadline, WorkingCalendar};
use crate::error::{Error, Result};
use crate::settings::channels::{self, Channel, DeadlineInput};
use crate::settings::classification::{
    self, ClassificationCode, ClassificationImport, ClassificationInput,
};
use crate::settings::emblem::{self, Emblem, EmblemView};
use crate::settings::letterhead::{self, Letterhead, LetterheadInput, LetterheadVersion};
use crate::settings::numbering::{self, NumberingFormats, NumberingInput};
use crate::settings::officials::{self, ActingInput, Official, OfficialInput, Rank};
use crate::settings::units::{self, Unit, UnitInput};
use crate::{attachments, dates, files, import, settings, snapshot, AuditNote, Office};

/// One year of the holiday list, with the years that have one.
#[derive(Debug, Clone, Serialize)]
pub struct HolidayYear {
    pub year: i32,
    pub holidays: Vec<Holiday>,
    pub years: Vec<i32>,
}

impl Office {
    /// The value lists every form offers (no permission: labels, not data).
    pub fn choices(&self) -> crate::choices::Choices {
        crate::choices::all()
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
            )
            .seen(input.seen);
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
            )
            .seen(input.seen);
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
