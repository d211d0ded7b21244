//! The facade's part for letters and cases: the agenda book, attachments, cases on every
//! channel with their deadlines and status, and dispositions down the hierarchy.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use crate::accounts::{self, Action, Actor};
use crate::attachments::{self, Attachment, Owner};
use crate::calendar::{holidays, WorkingCalendar};
use crate::cases::{
    self, AnswerInput, Case, CaseEvent, CaseFilter, CaseInput, CaseList, DueWindow, Status,
};
use crate::confidential;
use crate::dispositions::{self, Author, Disposition, DispositionInput, INSTRUCTIONS};
use crate::documents::disposition_sheet::{self, SheetData, SheetPaper};
use crate::documents::letter_register::{self, Book, RegisterData};
use crate::documents::{self, case_receipt, file_safe, Pdf};
use crate::error::{Error, Result};
use crate::letters::{self, Letter, LetterFilter, LetterInput, LetterList};
use crate::people;
use crate::replies::register::{self, OutgoingFilter};
use crate::search::{self, SearchQuery, SearchResults};
use crate::settings::{channels, letterhead, office_hours, officials};
use crate::{dates, snapshot, AuditNote, Office};

/// A case with its whole story, for the one screen that shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CaseFile {
    pub case: Case,
    /// A complainant who asked for confidentiality, for those who may know them
    /// ([`confidential`]); None for everyone else, and for named or anonymous ones.
    pub confidential_complainant: Option<crate::people::Person>,
    /// A named complainant's contact details (phone, e-mail, address), to keep them informed.
    pub complainant: Option<crate::people::Person>,
    /// The person at the keyboard may log a contact with the complainant here.
    pub can_log_contact: bool,
    pub letter: Option<Letter>,
    pub attachments: Vec<Attachment>,
    pub dispositions: Vec<Disposition>,
    pub events: Vec<CaseEvent>,
    /// Reply letters drafted for it, newest first.
    pub replies: Vec<crate::replies::Reply>,
    /// Every contact with the complainant, oldest first.
    pub contacts: Vec<cases::contacts::Contact>,
    /// At the counter: the visit that opened it and those that came back for it.
    pub visits: Vec<crate::guestbook::Visit>,
    /// Each reply's dispatches (the dispatch book's lines), by reply.
    pub dispatches: Vec<crate::replies::dispatch::Dispatch>,
}

/// A letter with its scans and dispositions.
#[derive(Debug, Clone, Serialize)]
pub struct LetterFile {
    pub letter: Letter,
    pub attachments: Vec<Attachment>,
    pub dispositions: Vec<Disposition>,
}

impl Office {
    /// Where attachments are kept: beside the database, so a second office database has
    /// its own, and a backup of the folder goes with it.
    /// Where scans are kept: files in the data folder on one PC; the database itself on the
    /// office server, so every PC opens them.
    pub(crate) fn attachment_storage(&self) -> Result<attachments::Storage> {
        let dir = self.data_dir().ok_or_else(|| {
            Error::invalid(
                "file",
                "attachment.no_storage",
                "Lampiran hanya dapat disimpan pada basis data berkas atau server kantor.",
            )
        })?;
        Ok(if self.on_server() {
            attachments::Storage::Database {
                opened: dir.join(attachments::OPENED_FOLDER),
            }
        } else {
            attachments::Storage::Folder(dir.join("lampiran"))
        })
    }

    // --- Surat Masuk ---------------------------------------------------------------------

    pub fn letter_check(&self, actor: &Actor, input: &LetterInput) -> Result<()> {
        let now = self.now();
        self.view(actor, Action::RecordLetters, |tx| {
            letters::check(tx, input, now)
        })
    }

    /// Registers a letter (its agenda number taken in the same transaction) and, if given,
    /// its scanned files — all or nothing. A complaint, request for information or
    /// suggestion opens its case in the same transaction (`complaint`: who wrote it and
    /// what about), counted from the letter's arrival.
    pub fn letter_register(
        &self,
        actor: &Actor,
        input: &LetterInput,
        complaint: Option<&CaseInput>,
        files: &[PathBuf],
    ) -> Result<LetterFile> {
        let result = self.register_letter(actor, input, complaint, files);
        if let Some(person) = complaint.and_then(|c| c.person.as_ref()) {
            self.note_nik_clash(actor, person, &result);
        }
        result
    }

    fn register_letter(
        &self,
        actor: &Actor,
        input: &LetterInput,
        complaint: Option<&CaseInput>,
        files: &[PathBuf],
    ) -> Result<LetterFile> {
        actor.authorize(Action::RecordLetters)?;
        let kind = input.kind.trim();
        let opens_case = cases::KINDS.iter().any(|(code, _)| *code == kind);
        if opens_case {
            actor.authorize(Action::RecordCases)?;
        }
        // The case as the letter makes it: its channel and kind are the letter's.
        let complaint = complaint.filter(|_| opens_case).map(|c| CaseInput {
            channel: "letter".into(),
            kind: kind.to_owned(),
            received_date: String::new(),
            received_time: String::new(),
            box_opening_id: None,
            lapor_tracking_id: String::new(),
            ..c.clone()
        });
        // Files are read and checked before the write transaction starts, so a slow flash
        // disk never holds the other PCs' saves back.
        let (storage, picked) = if files.is_empty() {
            (None, Vec::new())
        } else {
            let max = self.read(|tx| attachments::max_bytes(tx))?;
            let picked = files
                .iter()
                .map(|path| attachments::read_checked(path, max))
                .collect::<Result<Vec<_>>>()?;
            (Some(self.attachment_storage()?), picked)
        };
        self.change(actor, Action::RecordLetters, |tx, now| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            let closing = office_hours::closing_time(tx)?;
            let may_see = |id| confidential::may_see_person(tx, actor, id);
            // Every problem of the letter and of its complaint at once, before anything is
            // written.
            let mut e = crate::error::FieldErrors::new();
            e.take(letters::check(tx, input, now));
            match &complaint {
                Some(case) => {
                    e.take(cases::check_complainant(tx, case, now, &may_see));
                }
                None if opens_case => e.add(
                    "identity",
                    "letter.complaint_required",
                    "Surat pengaduan, permintaan informasi atau saran dicatat bersama pelapor \
                     dan uraiannya.",
                ),
                None => {}
            }
            e.into_result()?;
            let letter = letters::register(tx, input, &calendar, closing, actor.account_id, now)?;
            let registered = match &complaint {
                Some(case) => Some(cases::register(
                    tx,
                    &CaseInput {
                        letter_id: Some(letter.id),
                        ..case.clone()
                    },
                    &calendar,
                    closing,
                    actor.account_id,
                    now,
                    &may_see,
                )?),
                None => None,
            };
            if let Some(done) = &registered {
                crate::people::note_update(tx, actor, now, "letter.register", done.person.as_ref())?;
            }
            if let Some(storage) = &storage {
                for file in picked {
                    attachments::attach(
                        tx,
                        storage,
                        &Owner::Letter(letter.id),
                        file,
                        actor.account_id,
                        now,
                    )?;
                }
            }
            let file = LetterFile {
                letter: letters::get(tx, letter.id)?,
                attachments: attachments::of_owner(tx, &Owner::Letter(letter.id))?,
                dispositions: Vec::new(),
            };
            let mut record = snapshot(&file.letter);
            record["attachments"] = json!(file.attachments.len());
            if let Some(done) = &registered {
                let case = &done.case;
                record["case"] = json!({
                    "reg_number": case.reg_number, "kind": case.kind,
                    "identity": case.identity, "summary": case.summary,
                    "due_date": case.due_date, "person_id": case.person_id,
                    // A complainant's details updated from the letter, as the trail must show.
                    "person_before": done.person.as_ref().and_then(|p| p.before.as_ref()).map(snapshot),
                    "person_after": done.person.as_ref().map(|p| snapshot(&p.after)),
                });
            }
            Ok((
                file,
                AuditNote::new(
                    "letter.register",
                    "letter",
                    letter.id,
                    None,
                    crate::audit::about_citizen(record),
                ),
            ))
        })
    }

    pub fn letter(&self, actor: &Actor, id: i64) -> Result<LetterFile> {
        self.view(actor, Action::ViewCases, |tx| {
            let mut letter = letters::get(tx, id)?;
            let mut attachments = attachments::of_owner(tx, &Owner::Letter(id))?;
            let mut dispositions = dispositions::tree(tx, Some(id), None)?;
            if letter.sender_confidential {
                if confidential::may_know_letter(tx, actor, id)? {
                    (letter.sender_name, letter.sender_address) = letters::sender(tx, id)?;
                } else {
                    attachments::hide_names(&mut attachments);
                    dispositions.iter_mut().for_each(dispositions::withhold);
                }
            }
            Ok(LetterFile {
                letter,
                attachments,
                dispositions,
            })
        })
    }

    pub fn letters(&self, actor: &Actor, filter: &LetterFilter) -> Result<LetterList> {
        self.view(actor, Action::ViewCases, |tx| letters::list(tx, filter))
    }

    /// Adds scanned files to a letter or case already registered.
    pub fn attachment_add(
        &self,
        actor: &Actor,
        letter_id: Option<i64>,
        case_id: Option<i64>,
        path: &Path,
    ) -> Result<Attachment> {
        let storage = self.attachment_storage()?;
        let (owner, permission) = match (letter_id, case_id) {
            (Some(id), None) => (Owner::Letter(id), Action::RecordLetters),
            (None, Some(id)) => (Owner::Case(id), Action::RecordCases),
            _ => {
                return Err(Error::invalid(
                    "file",
                    "attachment.owner",
                    "Lampiran harus untuk satu surat atau satu pengaduan.",
                ))
            }
        };
        actor.authorize(permission)?;
        // Read and checked before the write transaction: a slow flash disk must not hold the
        // other PCs' saves back.
        let max = self.read(|tx| attachments::max_bytes(tx))?;
        let picked = attachments::read_checked(path, max)?;
        self.change(actor, permission, |tx, now| {
            match owner {
                Owner::Letter(id) => letters::get(tx, id).map(|_| ())?,
                Owner::Case(id) => cases::get(tx, id).map(|_| ())?,
            }
            let added = attachments::attach(tx, &storage, &owner, picked, actor.account_id, now)?;
            let (entity, id) = match owner {
                Owner::Letter(id) => ("letter", id),
                Owner::Case(id) => ("case", id),
            };
            // Not the file's name: it may name a citizen ("KTP Maria Seran.pdf"), and the
            // trail is never rewritten.
            let note = json!({
                "attachment_id": added.id, "kind": added.kind, "size_bytes": added.size_bytes,
            });
            Ok((
                added,
                AuditNote::new("attachment.add", entity, id, None, note),
            ))
        })
    }

    /// The stored file of an attachment, checked against its hash, for the system viewer.
    /// A confidential complainant's scans open only for those who may know them.
    pub fn attachment_file(&self, actor: &Actor, id: i64) -> Result<PathBuf> {
        let storage = self.attachment_storage()?;
        self.view(actor, Action::ViewCases, |tx| {
            let may = match attachments::owner_of(tx, id)? {
                Owner::Letter(letter) => confidential::may_know_letter(tx, actor, letter)?,
                Owner::Case(case) => confidential::may_know_case(tx, actor, case)?,
            };
            if !may {
                return Err(confidential::refused());
            }
            attachments::stored_file(tx, &storage, id)
        })
    }

    // --- Pengaduan -----------------------------------------------------------------------

    pub fn case_check(&self, actor: &Actor, input: &CaseInput) -> Result<()> {
        let now = self.now();
        self.view(actor, Action::RecordCases, |tx| {
            cases::check(tx, input, now, &|id| {
                confidential::may_see_person(tx, actor, id)
            })
        })
    }

    pub fn case_register(&self, actor: &Actor, input: &CaseInput) -> Result<Case> {
        let result = self.register_case(actor, input);
        if let Some(person) = &input.person {
            self.note_nik_clash(actor, person, &result);
        }
        result
    }

    fn register_case(&self, actor: &Actor, input: &CaseInput) -> Result<Case> {
        self.change(actor, Action::RecordCases, |tx, now| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            let closing = office_hours::closing_time(tx)?;
            let may_see = |id| confidential::may_see_person(tx, actor, id);
            let done = cases::register(
                tx,
                input,
                &calendar,
                closing,
                actor.account_id,
                now,
                &may_see,
            )?;
            crate::people::note_update(tx, actor, now, "case.register", done.person.as_ref())?;
            let case = done.case;
            let record = json!({
                "reg_number": case.reg_number, "channel": case.channel,
                "kind": case.kind, "identity": case.identity,
                "person_id": case.person_id, "summary": case.summary,
                "due_date": case.due_date, "letter_id": case.letter_id,
                "lapor_tracking_id": case.lapor_tracking_id,
                // A complainant's details updated from this contact, as the trail must show.
                "person_before": done.person.as_ref().and_then(|p| p.before.as_ref()).map(snapshot),
                "person_after": done.person.as_ref().map(|p| snapshot(&p.after)),
            });
            Ok((
                case.clone(),
                AuditNote::new(
                    "case.register",
                    "case",
                    case.id,
                    None,
                    crate::audit::about_citizen(record),
                ),
            ))
        })
    }

    /// A case with its whole story: letter, scans, dispositions, status history. A
    /// confidential complainant is named (with their details, NIK masked) only for those who
    /// may know them; for anyone else their scans are listed without names and their reply
    /// drafts without addressee or text.
    pub fn case_file(&self, actor: &Actor, id: i64) -> Result<CaseFile> {
        let today = self.today();
        let now = self.now();
        self.view(actor, Action::ViewCases, |tx| {
            let mut case = cases::get(tx, id)?.as_of(today);
            let may_know = confidential::may_know_case(tx, actor, id)?;
            let mut events = cases::events(tx, id)?;
            let mut contacts = cases::contacts::of_case(tx, id)?;
            let mut dispositions = dispositions::tree(tx, case.letter_id, Some(id))?;
            let mut letter = case.letter_id.map(|l| letters::get(tx, l)).transpose()?;
            let mut attached = attachments::of_owner(tx, &Owner::Case(id))?;
            if let Some(letter_id) = case.letter_id {
                attached.extend(attachments::of_owner(tx, &Owner::Letter(letter_id))?);
            }
            let mut confidential_complainant = None;
            let complainant = match (case.identity.as_str(), case.person_id) {
                ("named", Some(person)) => Some(people::get(tx, person)?),
                _ => None,
            };
            if case.identity != "named" {
                if may_know {
                    case.answer_note = cases::answer_note(tx, id)?;
                    if let Some(letter) = letter.as_mut() {
                        (letter.sender_name, letter.sender_address) =
                            letters::sender(tx, letter.id)?;
                    }
                    confidential_complainant =
                        case.person_id.map(|p| people::get(tx, p)).transpose()?;
                } else {
                    attachments::hide_names(&mut attached);
                    cases::withhold_events(&mut events);
                    for contact in &mut contacts {
                        contact.summary = dispositions::WITHHELD.to_owned();
                    }
                    dispositions.iter_mut().for_each(dispositions::withhold);
                }
            }
            let mut replies = crate::replies::for_case(tx, id, today)?;
            if !may_know {
                replies.iter_mut().for_each(crate::replies::withhold);
            }
            let mut dispatches = Vec::new();
            for reply in &replies {
                dispatches.extend(crate::replies::dispatch::of_reply(tx, reply.id)?);
            }
            Ok(CaseFile {
                visits: crate::guestbook::visits::of_case(tx, id, now)?,
                dispatches,
                contacts,
                dispositions,
                events,
                replies,
                attachments: attached,
                confidential_complainant,
                complainant,
                can_log_contact: may_know
                    && (crate::accounts::allowed(actor.role, Action::HandleCases)
                        || case.recorded_by == actor.account_id),
                letter,
                case,
            })
        })
    }

    pub fn cases(&self, actor: &Actor, filter: &CaseFilter) -> Result<CaseList> {
        let today = self.today();
        self.view(actor, Action::ViewCases, |tx| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            cases::list(tx, filter, DueWindow::new(&calendar, today)?)
        })
    }

    /// The case a citizen quotes (by phone or WhatsApp) by its registration number.
    pub fn case_by_reg_number(&self, actor: &Actor, typed: &str) -> Result<Option<Case>> {
        self.view(actor, Action::ViewCases, |tx| {
            cases::find_by_reg_number(tx, typed)
        })
    }

    pub fn case_status(&self, actor: &Actor, id: i64, to: Status, note: &str) -> Result<Case> {
        self.change(actor, Action::HandleCases, |tx, now| {
            let before = cases::get(tx, id)?;
            let after = cases::change_status(tx, id, to, note, actor.account_id, now)?;
            let audit = AuditNote::new(
                "case.status",
                "case",
                id,
                Some(json!({ "status": before.status })),
                json!({ "status": after.status }),
            );
            Ok((after, audit))
        })
    }

    pub fn case_answer(&self, actor: &Actor, id: i64, input: &AnswerInput) -> Result<Case> {
        self.change(actor, Action::HandleCases, |tx, now| {
            let after = cases::answer(tx, id, input, actor.account_id, now)?;
            let note = json!({
                "status": after.status, "answered_at": after.answered_at,
                "via": after.answered_via_label, "answered_by": after.answered_by,
                "on_time": after.on_time,
            });
            Ok((after, AuditNote::new("case.answer", "case", id, None, note)))
        })
    }

    pub fn case_refer(&self, actor: &Actor, id: i64, agency: &str) -> Result<Case> {
        self.change(actor, Action::HandleCases, |tx, now| {
            let after = cases::refer(tx, id, agency, actor.account_id, now)?;
            let note = json!({ "status": after.status, "referred_to": after.referred_to });
            Ok((after, AuditNote::new("case.refer", "case", id, None, note)))
        })
    }

    /// The receipt (tanda terima) for the complainant: half an A4 sheet, with the letterhead
    /// in force on the day the case was received.
    pub fn case_receipt_pdf(&self, actor: &Actor, id: i64) -> Result<Pdf> {
        let (head, case, received_by, channel, whatsapp) =
            self.view(actor, Action::ViewCases, |tx| {
                let case = cases::get(tx, id)?;
                // The officer who registered it, whoever reprints the receipt.
                let received_by = accounts::get(tx, case.recorded_by)?.full_name;
                let head = letterhead::in_force_on(tx, case.received_date)?;
                let channel = channels::get(tx, &case.channel)?;
                let whatsapp = channels::get(tx, "whatsapp")?;
                Ok((head, case, received_by, channel, whatsapp))
            })?;
        let mut fields = vec![
            (
                "Diterima".to_owned(),
                format!("{} WITA", case.received_label),
            ),
            (
                "Saluran / jenis".to_owned(),
                format!("{} / {}", case.channel_label, case.kind_label),
            ),
            ("Pelapor".to_owned(), case.complainant.clone()),
        ];
        // The channel's own contact, as the standard publishes it (the WhatsApp helpdesk,
        // the e-mail address, the Facebook page).
        if !channel.contact.is_empty() && !matches!(channel.code.as_str(), "counter" | "letter") {
            fields.push((format!("{} kantor", channel.name), channel.contact.clone()));
        }
        if let Some(tracking) = &case.lapor_tracking_id {
            fields.push(("Tracking ID LAPOR".to_owned(), tracking.clone()));
        }
        if let Some(agenda) = &case.letter_agenda_number {
            fields.push(("Surat masuk".to_owned(), format!("Nomor agenda {agenda}")));
        }
        let summary: String = case.summary.chars().take(300).collect();
        fields.push((
            "Uraian".to_owned(),
            if summary.len() < case.summary.len() {
                format!("{summary}…")
            } else {
                summary
            },
        ));
        fields.push((
            "Batas waktu jawaban".to_owned(),
            if case.due_source == "agreed" {
                format!("{} (tanggal yang disepakati)", case.due_label)
            } else {
                case.due_label.clone()
            },
        ));
        let data = case_receipt::ReceiptData {
            title: match case.kind.as_str() {
                "informasi" => "TANDA TERIMA PERMINTAAN INFORMASI",
                "saran" => "TANDA TERIMA SARAN",
                _ => "TANDA TERIMA PENGADUAN",
            }
            .to_owned(),
            reg_number: case.reg_number.clone(),
            fields,
            contact_note: format!(
                "Simpan tanda terima ini. Sebutkan nomor registrasi {} saat menanyakan \
                 perkembangan melalui WhatsApp helpdesk {} atau telepon kantor {}. Layanan \
                 pengaduan tidak dipungut biaya.",
                case.reg_number,
                if whatsapp.contact.is_empty() {
                    "Dinas Sosial"
                } else {
                    whatsapp.contact.as_str()
                },
                head.phone
            ),
            place_date: format!(
                "{}, {}",
                head.city,
                crate::dates::format_long(crate::dates::wita_date(case.received_at))
            ),
            received_by,
        };
        Ok(Pdf {
            file_name: format!("tanda-terima-{}.pdf", file_safe(&case.reg_number)),
            bytes: case_receipt::render(&head, &data)?,
        })
    }

    /// The one search box: cases, letters, visits and people.
    pub fn search(&self, actor: &Actor, query: &SearchQuery) -> Result<SearchResults> {
        let today = self.today();
        self.view(actor, Action::ViewCases, |tx| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            search::run(tx, query, DueWindow::new(&calendar, today)?)
        })
    }

    // --- Disposisi -----------------------------------------------------------------------

    /// A disposition by the signed-in official (their account is linked to them).
    pub fn dispose(&self, actor: &Actor, input: &DispositionInput) -> Result<Vec<Disposition>> {
        self.change(actor, Action::Dispose, |tx, now| {
            let official = own_official(tx, actor)?;
            let created =
                dispositions::create(tx, input, Author::Official(official), actor.account_id, now)?;
            let note = disposition_note(&created);
            Ok((created, note))
        })
    }

    /// A disposition written by hand on the paper sheet, typed in by the clerk.
    pub fn dispose_on_paper(
        &self,
        actor: &Actor,
        input: &DispositionInput,
    ) -> Result<Vec<Disposition>> {
        self.change(actor, Action::RecordPaperDisposition, |tx, now| {
            let created = dispositions::create(tx, input, Author::OnPaper, actor.account_id, now)?;
            let note = disposition_note(&created);
            Ok((created, note))
        })
    }

    pub fn disposition_read(&self, actor: &Actor, id: i64) -> Result<Disposition> {
        self.change(actor, Action::Dispose, |tx, now| {
            let official = own_official(tx, actor)?;
            let done = dispositions::mark_read(tx, id, Some(official), now)?;
            Ok((
                done,
                AuditNote::new("disposition.read", "disposition", id, None, json!({})),
            ))
        })
    }

    pub fn disposition_report(&self, actor: &Actor, id: i64, report: &str) -> Result<Disposition> {
        self.change(actor, Action::Dispose, |tx, now| {
            let official = own_official(tx, actor)?;
            let done = dispositions::report(tx, id, Some(official), report, now)?;
            // That a report was made, not its words: they may name the complainant.
            let note = json!({
                "report_chars": done.report.as_deref().map_or(0, |r| r.chars().count()),
            });
            Ok((
                done,
                AuditNote::new("disposition.report", "disposition", id, None, note),
            ))
        })
    }

    /// The signed-in official's open dispositions.
    pub fn disposition_inbox(&self, actor: &Actor) -> Result<Vec<Disposition>> {
        let today = self.today();
        self.view(actor, Action::Dispose, |tx| {
            dispositions::inbox(tx, own_official(tx, actor)?, today)
        })
    }
}

impl Office {
    // --- The standard's steps: the Head's queue, reopening, contacts, the box -----------------

    /// What waits for the Head's disposition (he, or whoever acts for him today): cases not
    /// yet disposed, the earliest deadline first. Letters are disposed before anything else
    /// happens to them; the others (box, e-mail, WhatsApp, LAPOR) wait here too until he or
    /// an official takes them up.
    pub fn disposition_queue(&self, actor: &Actor) -> Result<Vec<Case>> {
        let today = self.today();
        self.view(actor, Action::Dispose, |tx| {
            let official = own_official(tx, actor)?;
            if !dispositions::is_head(tx, official, today)? {
                return Ok(Vec::new());
            }
            cases::awaiting_disposition(tx, today)
        })
    }

    /// Undoes an answer, a referral or a closing recorded by mistake (the Head or the Admin),
    /// with the reason; the history keeps both.
    pub fn case_reopen(&self, actor: &Actor, id: i64, reason: &str) -> Result<Case> {
        self.change(actor, Action::ReopenCases, |tx, now| {
            let before = cases::get(tx, id)?;
            let after = cases::reopen(tx, id, reason, actor.account_id, now)?;
            // That a reason was given, not its words (they may name the complainant).
            let note = json!({
                "status": [before.status, after.status],
                "answered_at": before.answered_at, "referred": before.referred_to.is_some(),
                "reason_chars": reason.trim().chars().count(),
            });
            Ok((after, AuditNote::new("case.reopen", "case", id, None, note)))
        })
    }

    /// A contact with the complainant (a call, a message), logged on the case.
    pub fn case_contact_add(
        &self,
        actor: &Actor,
        id: i64,
        input: &cases::contacts::ContactInput,
    ) -> Result<cases::contacts::Contact> {
        self.change(actor, Action::LogContacts, |tx, now| {
            // Whoever handles the case, or registered it, keeps the complainant informed —
            // and a confidential complainant's only by those who may know her.
            let case = cases::get(tx, id)?;
            let handles = crate::accounts::allowed(actor.role, Action::HandleCases);
            if !handles && case.recorded_by != actor.account_id {
                return Err(crate::error::Error::Forbidden {
                    message: "Kontak dengan pelapor dicatat oleh yang menangani pengaduan ini \
                              atau petugas yang mencatatnya."
                        .to_owned(),
                });
            }
            if !confidential::may_know_case(tx, actor, id)? {
                return Err(confidential::refused());
            }
            let contact = cases::contacts::record(tx, id, input, actor.account_id, now)?;
            let note = json!({
                "contact_id": contact.id, "method": contact.method, "at": contact.at,
                "summary_chars": contact.summary.chars().count(),
            });
            Ok((
                contact,
                AuditNote::new("case.contact", "case", id, None, note),
            ))
        })
    }

    /// The suggestion box opened: who, when, how many slips.
    pub fn box_opening_record(
        &self,
        actor: &Actor,
        input: &cases::box_openings::OpeningInput,
    ) -> Result<cases::box_openings::BoxOpening> {
        self.change(actor, Action::RecordCases, |tx, now| {
            let opening = cases::box_openings::record(tx, input, actor.account_id, now)?;
            let note = json!({
                "opened_at": opening.opened_at, "slips": opening.slips,
                "witness_given": !opening.witness.is_empty(),
            });
            Ok((
                opening.clone(),
                AuditNote::new("box.open", "box_opening", opening.id, None, note),
            ))
        })
    }

    pub fn box_openings(&self, actor: &Actor) -> Result<Vec<cases::box_openings::BoxOpening>> {
        self.view(actor, Action::ViewCases, |tx| {
            cases::box_openings::recent(tx, 50)
        })
    }
}

pub(crate) fn own_official(conn: &crate::store::Connection, actor: &Actor) -> Result<i64> {
    accounts::get(conn, actor.account_id)?
        .official_id
        .ok_or_else(|| Error::Forbidden {
            message: "Akun ini belum ditautkan ke data pejabat; minta Admin menautkannya di \
                  Pengaturan › Akun."
                .into(),
        })
}

fn disposition_note(created: &[Disposition]) -> AuditNote {
    let first = created.first();
    AuditNote::new(
        "disposition.create",
        "disposition",
        first.map(|d| d.id).unwrap_or_default(),
        None,
        json!({
            "ids": created.iter().map(|d| d.id).collect::<Vec<_>>(),
            "letter_id": first.and_then(|d| d.letter_id),
            "case_id": first.and_then(|d| d.case_id),
            "parent_id": first.and_then(|d| d.parent_id),
            "from": first.map(|d| d.from_official_id),
            "to": created.iter().map(|d| d.to_official_id).collect::<Vec<_>>(),
            // The ticked instructions, not the free text beside them (it may name someone).
            "instructions": first.map(|d| d.instructions.clone()),
            "due_date": first.and_then(|d| d.due_date),
            "on_paper": first.map(|d| d.on_paper),
        }),
    )
}

/// The registers and sheets printed from the agenda book.
impl Office {
    /// The incoming agenda for a range of arrival days, oldest first as the book is kept.
    pub fn incoming_register_pdf(&self, actor: &Actor, filter: &OutgoingFilter) -> Result<Pdf> {
        let today = self.today();
        let (from, to) = register::range(filter, today)?;
        let (head, letters) = self.view(actor, Action::ViewCases, |tx| {
            let head = letterhead::in_force_on(tx, today)?;
            let letters = letters::in_range(tx, from, to)?;
            Ok((head, letters))
        })?;
        let rows = letters
            .iter()
            .map(|l| {
                vec![
                    l.agenda_number.clone(),
                    l.received_label.clone(),
                    format!("{}\n{}", l.letter_number, l.letter_date_label),
                    l.sender_name.clone(),
                    l.subject.clone(),
                    l.urgency_label.to_owned(),
                    l.classification_code.clone().unwrap_or_default(),
                    l.case_reg_number.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let data = RegisterData {
            book: Book::Incoming,
            range_label: format!("{} – {}", dates::format_long(from), dates::format_long(to)),
            printed_label: documents::printed_label(self.now(), &actor.full_name),
            rows,
        };
        Ok(Pdf {
            file_name: format!("agenda-surat-masuk-{from}-{to}.pdf"),
            bytes: letter_register::render(&head, &data)?,
        })
    }

    /// The disposition sheet of an incoming letter, pre-filled from the register.
    pub fn disposition_sheet_pdf(
        &self,
        actor: &Actor,
        letter_id: i64,
        half_folio: bool,
    ) -> Result<Pdf> {
        let today = self.today();
        let (head, data) = self.view(actor, Action::ViewCases, |tx| {
            let letter = letters::get(tx, letter_id)?;
            // The officials under the Head, in the office's order: who the Head may tick.
            let units = crate::settings::units::list(tx)?;
            let mut recipients: Vec<(usize, String)> = officials::list(tx, today)?
                .into_iter()
                .filter(|o| o.active)
                .filter_map(|o| {
                    let at = units.iter().position(|u| u.id == o.unit_id)?;
                    (units[at].depth == 1).then_some((at, o.position))
                })
                .collect();
            recipients.sort();
            recipients.dedup_by(|a, b| a.1 == b.1);
            let data = SheetData {
                sender: letter.sender_name.clone(),
                letter_number: letter.letter_number.clone(),
                letter_date: letter.letter_date_label.clone(),
                received_date: dates::format_long(letter.received_date),
                agenda_number: letter.agenda_number.clone(),
                urgency: letter.urgency.clone(),
                subject: letter.subject.clone(),
                case_reg_number: letter.case_reg_number.clone(),
                recipients: recipients.into_iter().map(|(_, p)| p).collect(),
                instructions: INSTRUCTIONS.iter().map(|(_, l)| (*l).to_owned()).collect(),
            };
            Ok((letterhead::in_force_on(tx, letter.received_date)?, data))
        })?;
        let paper = if half_folio {
            SheetPaper::HalfFolio
        } else {
            SheetPaper::A4
        };
        Ok(Pdf {
            file_name: format!(
                "lembar-disposisi-agenda-{}.pdf",
                file_safe(&data.agenda_number)
            ),
            bytes: disposition_sheet::render(&head, &data, paper)?,
        })
    }
}
