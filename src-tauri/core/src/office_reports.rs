//! The facade's part for Laporan: the recap of a period, the list behind each figure, and the
//! exports (Excel, CSV, PDF).

use crate::accounts::{self, Action, Actor};
use crate::calendar::{holidays, WorkingCalendar};
use crate::dashboard;
use crate::documents::{self, Pdf};
use crate::error::Result;
use crate::exports;
use crate::reports::figures::{self, FigureList, FigureQuery};
use crate::reports::{self, Period, PeriodInput, Recap};
use crate::Office;

impl Office {
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
        if accounts::allowed(actor.role, Action::Backup) {
            board.backup = Some(self.read(|tx| dashboard::backup_state(tx, now))?);
        }
        if accounts::allowed(actor.role, Action::VerifyAudit) {
            board.audit_accepted = self.read(|tx| dashboard::audit_accepted(tx, now))?;
        }
        Ok(board)
    }

    pub fn recap(&self, actor: &Actor, input: &PeriodInput) -> Result<Recap> {
        let today = self.today();
        let period = Period::parse(input, today)?;
        self.view(actor, Action::ViewCases, |tx| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            reports::recap(tx, &calendar, &period, today)
        })
    }

    /// The cases or visits one figure of the recap counts.
    pub fn recap_list(
        &self,
        actor: &Actor,
        input: &PeriodInput,
        query: &FigureQuery,
    ) -> Result<FigureList> {
        let today = self.today();
        let period = Period::parse(input, today)?;
        self.view(actor, Action::ViewCases, |tx| {
            figures::list(tx, &period, query, today)
        })
    }
}

/// Which list an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportList {
    Visits,
    Letters,
    Cases,
    Dispositions,
    Outgoing,
    Recap,
}

impl ExportList {
    pub fn code(self) -> &'static str {
        match self {
            ExportList::Visits => "visits",
            ExportList::Letters => "letters",
            ExportList::Cases => "cases",
            ExportList::Dispositions => "dispositions",
            ExportList::Outgoing => "outgoing",
            ExportList::Recap => "recap",
        }
    }
}

/// What to export: a list for a date range, or the recap of a period.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ExportRequest {
    pub list: ExportList,
    pub format: exports::FileFormat,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub period: Option<PeriodInput>,
    /// Full NIK in the guest-book export (RevealNik only; audited).
    #[serde(default)]
    pub reveal_nik: bool,
}

impl Office {
    /// Writes an export to `path` (chosen in the save dialog). `progress(done, total)` is
    /// called as rows are written; returning false cancels and leaves no file. Every export
    /// is in the audit trail (lists carry personal data), a revealed NIK says so.
    pub fn export(
        &self,
        actor: &Actor,
        request: &ExportRequest,
        path: &std::path::Path,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<exports::Outcome> {
        let today = self.today();
        let now = self.now();
        self.check_save_target("path", path)?;
        let permission = if request.list == ExportList::Visits {
            Action::ViewVisits
        } else {
            Action::ViewCases
        };
        actor.authorize(permission)?;
        // Only the guest book holds NIKs; elsewhere the box means nothing and is not audited.
        let reveal_nik = request.reveal_nik && request.list == ExportList::Visits;
        if reveal_nik {
            actor.authorize(Action::RevealNik)?;
        }
        let range = || {
            crate::replies::register::range(
                &crate::replies::register::OutgoingFilter {
                    from: request.from.clone(),
                    to: request.to.clone(),
                },
                today,
            )
        };
        let (sheets, scope) = self.read(|tx| {
            Ok(match request.list {
                ExportList::Recap => {
                    let input = request.period.clone().unwrap_or_default();
                    let period = Period::parse(&input, today)?;
                    let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
                    let recap = reports::recap(tx, &calendar, &period, today)?;
                    (exports::sheets::recap(&recap), period.label)
                }
                list => {
                    let (from, to) = range()?;
                    let sheet = match list {
                        ExportList::Visits => {
                            exports::sheets::visits(tx, from, to, now, reveal_nik)?
                        }
                        ExportList::Letters => exports::sheets::letters(tx, from, to)?,
                        ExportList::Cases => exports::sheets::cases(tx, from, to, today)?,
                        ExportList::Dispositions => exports::sheets::dispositions(tx, from, to)?,
                        ExportList::Outgoing => exports::sheets::outgoing(tx, from, to, today)?,
                        ExportList::Recap => unreachable!("matched above"),
                    };
                    (vec![sheet], format!("{from} – {to}"))
                }
            })
        })?;
        let ready = match exports::draft(&sheets, request.format, path, progress)? {
            exports::Drafted::Ready(ready) => ready,
            exports::Drafted::Cancelled => return Ok(exports::Outcome::Cancelled),
        };
        // Personal data never leaves without its trace: the file gets its name inside the
        // transaction that records it, so no entry, no file, and no file of the user's (one
        // the dialog allowed to be overwritten) is deleted for a failed entry.
        let named = std::cell::Cell::new(false);
        let saved = self.write(|tx| {
            crate::audit::record(
                tx,
                Some(actor),
                now,
                if reveal_nik {
                    "export.reveal_nik"
                } else {
                    "export.create"
                },
                "export",
                request.list.code(),
                serde_json::json!({
                    "list": request.list, "format": request.format, "scope": scope,
                    "rows": ready.rows, "reveal_nik": reveal_nik,
                }),
            )?;
            let rows = ready.finish(path)?;
            named.set(true);
            Ok(rows)
        });
        let outcome = match saved {
            Ok(rows) => exports::Outcome::Written { rows },
            Err(error) => {
                // Named, then the commit failed: the file is the one just written.
                if named.get() {
                    let _ = std::fs::remove_file(path);
                }
                return Err(error);
            }
        };
        Ok(outcome)
    }
}

impl Office {
    /// The recap as PDF with the letterhead in force on the period's last day covered.
    pub fn recap_pdf(&self, actor: &Actor, input: &PeriodInput) -> Result<Pdf> {
        let recap = self.recap(actor, input)?;
        let head = self.view(actor, Action::ViewCases, |tx| {
            crate::settings::letterhead::in_force_on(tx, recap.as_of)
        })?;
        let printed = documents::printed_label(self.now(), &actor.full_name);
        Ok(Pdf {
            file_name: format!(
                "rekap-pengaduan-{}.pdf",
                recap.period.label.to_lowercase().replace(' ', "-")
            ),
            bytes: crate::documents::recap::render(&head, &recap, &printed)?,
        })
    }
}
