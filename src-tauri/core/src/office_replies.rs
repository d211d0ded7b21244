//! The facade's part for reply letters and the printed registers: drafting from templates,
//! the review path, signing with the outgoing number, the letter PDF, the outgoing register,
//! the incoming agenda and the disposition sheet.

use serde::Serialize;
use serde_json::json;

use crate::accounts::{Action, Actor};
use crate::cases::{self, Case};
use crate::confidential;
use crate::dates;
use crate::documents::letter_register::{self, Book, RegisterData};
use crate::documents::reply_letter::{self, Copy};
use crate::documents::{self, file_safe, Pdf};
use crate::error::Result;
use crate::office_cases::own_official;
use crate::replies::compare::{self, Piece};
use crate::replies::dispatch::{self, Dispatch, DispatchInput};
use crate::replies::register::{self, OutgoingFilter, OutgoingList};
use crate::replies::signer::{self, Signer};
use crate::replies::templates::{self, Template, TemplateInput};
use crate::replies::{self, DraftInput, Reply, ReviewEntry, VersionInfo};
use crate::settings::letter_setup::{self, LetterSetup, LetterSetupInput};
use crate::settings::letterhead;
use crate::{snapshot, AuditNote, Office};

/// A reply with its story and what the signed-in person may do with it now.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyFile {
    pub reply: Reply,
    pub case: Case,
    pub trail: Vec<ReviewEntry>,
    pub versions: Vec<VersionInfo>,
    /// The last correction note, while the draft is back with its author.
    pub return_note: Option<String>,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_initial: bool,
    pub can_return: bool,
    pub can_sign: bool,
    pub can_cancel: bool,
    pub can_withdraw: bool,
    /// Signed and the person may record it leaving the office.
    pub can_dispatch: bool,
    /// Its lines in the dispatch book.
    pub dispatches: Vec<dispatch::Dispatch>,
}

/// The signed-in person's drafts to act on.
#[derive(Debug, Clone, Serialize)]
pub struct ReplyInbox {
    /// Waiting for my paraf or signature.
    pub awaiting: Vec<Reply>,
    /// Drafts I wrote, not yet signed (returned ones first).
    pub authored: Vec<Reply>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub older: i64,
    pub newer: i64,
    pub pieces: Vec<Piece>,
}

impl Office {
    // --- Templates and settings -----------------------------------------------------------

    pub fn reply_templates(&self, actor: &Actor) -> Result<Vec<Template>> {
        self.view(actor, Action::ViewCases, |tx| templates::list(tx))
    }

    pub fn reply_template_save(
        &self,
        actor: &Actor,
        id: i64,
        input: &TemplateInput,
    ) -> Result<Template> {
        self.change(actor, Action::ManageSettings, |tx, now| {
            let before = templates::get(tx, id)?;
            let saved = templates::save(tx, id, input, now)?;
            let note = AuditNote::new(
                "reply_template.update",
                "reply_template",
                id,
                Some(snapshot(&before)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    pub fn letter_setup(&self, actor: &Actor) -> Result<LetterSetup> {
        self.view(actor, Action::ViewCases, |tx| letter_setup::get(tx))
    }

    pub fn letter_setup_save(
        &self,
        actor: &Actor,
        input: &LetterSetupInput,
    ) -> Result<LetterSetup> {
        self.change(actor, Action::ManageSettings, |tx, _| {
            let before = letter_setup::get(tx)?;
            let saved = letter_setup::save(tx, input)?;
            let note = AuditNote::new(
                "letter_setup.update",
                "setting",
                "letter",
                Some(snapshot(&before)),
                snapshot(&saved),
            );
            Ok((saved, note))
        })
    }

    /// Who can sign today, the Head first, with how each signs.
    pub fn reply_signers(&self, actor: &Actor) -> Result<Vec<Signer>> {
        let today = self.today();
        self.view(actor, Action::ViewCases, |tx| signer::choices(tx, today))
    }

    // --- Drafting and review --------------------------------------------------------------

    fn reply_file_in(
        &self,
        tx: &crate::store::Connection,
        actor: &Actor,
        id: i64,
    ) -> Result<ReplyFile> {
        let reply = replies::get(tx, id, self.today())?;
        require_may_know(tx, actor, reply.case_id)?;
        let trail = replies::trail(tx, id)?;
        let official = crate::accounts::get(tx, actor.account_id)?.official_id;
        let mine = reply.author_account_id == actor.account_id;
        let my_turn = official.is_some() && reply.awaiting_official_id == official;
        let may = |action| crate::accounts::allowed(actor.role, action);
        let return_note = (reply.status == "dikembalikan")
            .then(|| trail.iter().rev().find(|t| t.action == "kembalikan"))
            .flatten()
            .map(|t| t.note.clone());
        Ok(ReplyFile {
            can_edit: mine && reply.is_editable() && may(Action::DraftReplies),
            can_submit: mine && reply.is_editable() && may(Action::DraftReplies),
            can_cancel: ((mine && may(Action::DraftReplies)) || may(Action::ReopenCases))
                && !reply.is_signed()
                && reply.status != "dibatalkan",
            can_withdraw: mine
                && matches!(reply.status.as_str(), "paraf" | "siap_tanda_tangan")
                && may(Action::DraftReplies),
            can_initial: my_turn && reply.status == "paraf" && may(Action::ReviewReplies),
            can_return: my_turn
                && matches!(reply.status.as_str(), "paraf" | "siap_tanda_tangan")
                && (may(Action::ReviewReplies) || may(Action::SignReplies)),
            can_sign: my_turn
                && !mine
                && reply.status == "siap_tanda_tangan"
                && may(Action::SignReplies),
            can_dispatch: reply.is_signed() && may(Action::RecordLetters),
            dispatches: dispatch::of_reply(tx, id)?,
            case: cases::get(tx, reply.case_id)?,
            versions: replies::versions(tx, id)?,
            return_note,
            trail,
            reply,
        })
    }

    pub fn reply_file(&self, actor: &Actor, id: i64) -> Result<ReplyFile> {
        self.view(actor, Action::ViewCases, |tx| {
            self.reply_file_in(tx, actor, id)
        })
    }

    pub fn case_replies(&self, actor: &Actor, case_id: i64) -> Result<Vec<Reply>> {
        let today = self.today();
        self.view(actor, Action::ViewCases, |tx| {
            let mut list = replies::for_case(tx, case_id, today)?;
            if !confidential::may_know_case(tx, actor, case_id)? {
                list.iter_mut().for_each(replies::withhold);
            }
            Ok(list)
        })
    }

    pub fn reply_inbox(&self, actor: &Actor) -> Result<ReplyInbox> {
        let today = self.today();
        self.view(actor, Action::ViewCases, |tx| {
            let official = crate::accounts::get(tx, actor.account_id)?.official_id;
            let awaiting = match official {
                Some(official) => replies::awaiting(tx, official, today)?,
                None => Vec::new(),
            };
            let mut authored = replies::authored(tx, actor.account_id, today)?;
            authored.sort_by_key(|r| r.status != "dikembalikan");
            // Whoever a draft waits for, or wrote it, may know its addressee; checked anyway,
            // as every list that carries a letter's text is.
            let mut awaiting = awaiting;
            for reply in awaiting.iter_mut().chain(authored.iter_mut()) {
                if !confidential::may_know_case(tx, actor, reply.case_id)? {
                    replies::withhold(reply);
                }
            }
            Ok(ReplyInbox { awaiting, authored })
        })
    }

    /// A new draft for a case from a template, filled from the case.
    pub fn reply_create(
        &self,
        actor: &Actor,
        case_id: i64,
        template_code: &str,
    ) -> Result<ReplyFile> {
        self.change(actor, Action::DraftReplies, |tx, now| {
            // The draft is filled with the complainant's name and address.
            require_may_know(tx, actor, case_id)?;
            let id = replies::create(tx, case_id, template_code, actor.account_id, now)?;
            let file = self.reply_file_in(tx, actor, id)?;
            let note = AuditNote::new(
                "reply.create",
                "reply",
                id,
                None,
                json!({ "case_id": case_id, "template": template_code, "version": 1 }),
            );
            Ok((file, note))
        })
    }

    /// Saves the author's edits as a new version (none when nothing changed).
    pub fn reply_save(&self, actor: &Actor, id: i64, input: &DraftInput) -> Result<ReplyFile> {
        self.change(actor, Action::DraftReplies, |tx, now| {
            let before = replies::get(tx, id, self.today())?;
            let changed = replies::save(tx, id, input, actor.account_id, now)?;
            let file = self.reply_file_in(tx, actor, id)?;
            // Which parts changed, not their text: the addressee may be a complainant whose
            // name the trail (which is never rewritten) must not keep.
            let (old, new) = (snapshot(&before.content), snapshot(&file.reply.content));
            let fields: Vec<&String> = new
                .as_object()
                .map(|o| o.keys().filter(|k| old.get(*k) != new.get(*k)).collect())
                .unwrap_or_default();
            let note = AuditNote::new(
                "reply.save",
                "reply",
                id,
                None,
                json!({ "version": [before.version, file.reply.version], "changed": changed, "fields": fields }),
            )
            .seen(input.seen);
            Ok((file, note))
        })
    }

    pub fn reply_submit(&self, actor: &Actor, id: i64) -> Result<ReplyFile> {
        self.change(actor, Action::DraftReplies, |tx, now| {
            let reply = replies::review::submit(tx, id, actor.account_id, now)?;
            let note = review_note("reply.submit", &reply, "");
            Ok((self.reply_file_in(tx, actor, id)?, note))
        })
    }

    pub fn reply_initial(&self, actor: &Actor, id: i64) -> Result<ReplyFile> {
        self.change(actor, Action::ReviewReplies, |tx, now| {
            let official = own_official(tx, actor)?;
            let reply = replies::review::initial(tx, id, official, actor.account_id, now)?;
            let note = review_note("reply.initial", &reply, "");
            Ok((self.reply_file_in(tx, actor, id)?, note))
        })
    }

    /// Returns the draft to its author with a correction note (a reviewer, or the signer).
    pub fn reply_return(&self, actor: &Actor, id: i64, note: &str) -> Result<ReplyFile> {
        let permission = if crate::accounts::allowed(actor.role, Action::ReviewReplies) {
            Action::ReviewReplies
        } else {
            Action::SignReplies
        };
        self.change(actor, permission, |tx, now| {
            let official = own_official(tx, actor)?;
            let reply =
                replies::review::return_to_author(tx, id, official, note, actor.account_id, now)?;
            let audit = review_note("reply.return", &reply, note);
            Ok((self.reply_file_in(tx, actor, id)?, audit))
        })
    }

    /// Signs: the outgoing number is taken in this transaction.
    pub fn reply_sign(&self, actor: &Actor, id: i64) -> Result<ReplyFile> {
        self.change(actor, Action::SignReplies, |tx, now| {
            let official = own_official(tx, actor)?;
            let reply = replies::review::sign(tx, id, official, actor.account_id, now)?;
            let note = review_note("reply.sign", &reply, "");
            Ok((self.reply_file_in(tx, actor, id)?, note))
        })
    }

    pub fn reply_withdraw(&self, actor: &Actor, id: i64) -> Result<ReplyFile> {
        self.change(actor, Action::DraftReplies, |tx, now| {
            let reply = replies::review::withdraw(tx, id, actor.account_id, now)?;
            let note = review_note("reply.withdraw", &reply, "");
            Ok((self.reply_file_in(tx, actor, id)?, note))
        })
    }

    pub fn reply_cancel(&self, actor: &Actor, id: i64, reason: &str) -> Result<ReplyFile> {
        // Its author withdraws it; the Head or an Admin may withdraw anyone's.
        let overrule = crate::accounts::allowed(actor.role, Action::ReopenCases);
        let permission = if overrule {
            Action::ReopenCases
        } else {
            Action::DraftReplies
        };
        self.change(actor, permission, |tx, now| {
            require_may_know(tx, actor, replies::get(tx, id, self.today())?.case_id)?;
            let reply = replies::review::cancel(tx, id, reason, actor.account_id, overrule, now)?;
            let note = review_note("reply.cancel", &reply, reason);
            Ok((self.reply_file_in(tx, actor, id)?, note))
        })
    }

    /// Two versions of a draft, word by word (older first whatever order they are asked in).
    pub fn reply_compare(&self, actor: &Actor, id: i64, a: i64, b: i64) -> Result<Comparison> {
        let (older, newer) = (a.min(b), a.max(b));
        self.view(actor, Action::ViewCases, |tx| {
            require_may_know(tx, actor, replies::get(tx, id, self.today())?.case_id)?;
            let old = replies::version_content(tx, id, older)?;
            let new = replies::version_content(tx, id, newer)?;
            Ok(Comparison {
                older,
                newer,
                pieces: compare::words(
                    &replies::comparable_text(tx, &old)?,
                    &replies::comparable_text(tx, &new)?,
                ),
            })
        })
    }

    /// The letter as PDF: a signed letter exactly as signed (the addressee's copy, or the
    /// office copy with the paraf column); anything else as a marked draft.
    pub fn reply_pdf(&self, actor: &Actor, id: i64, office_copy: bool) -> Result<Pdf> {
        let today = self.today();
        let mut for_dispatch = false;
        let (head, print, copy, name) = self.view(actor, Action::ViewCases, |tx| {
            let reply = replies::get(tx, id, today)?;
            // The records clerk sends signed letters out: the addressee's copy is his to
            // print and put in its envelope, even to a complainant he may not otherwise know.
            // That printing is recorded.
            if !confidential::may_know_case(tx, actor, reply.case_id)? {
                let dispatching = reply.is_signed()
                    && !office_copy
                    && crate::accounts::allowed(actor.role, Action::RecordLetters);
                if !dispatching {
                    return Err(confidential::refused());
                }
                for_dispatch = true;
            }
            if reply.is_signed() {
                let (head, print) = replies::signed_print(tx, id)?;
                let copy = if office_copy {
                    Copy::Office
                } else {
                    Copy::Addressee
                };
                let number = reply.outgoing_number.clone().unwrap_or_default();
                let name = format!(
                    "surat-{}{}.pdf",
                    file_safe(&number),
                    if office_copy { "-arsip" } else { "" }
                );
                Ok((head, print, copy, name))
            } else {
                let head = letterhead::in_force_on(tx, today)?;
                let print = replies::print_data(tx, &reply, &head, today, None)?;
                let name = format!(
                    "konsep-{}-v{}.pdf",
                    file_safe(&reply.case_reg_number),
                    reply.version
                );
                Ok((head, print, Copy::Draft, name))
            }
        })?;
        let bytes = reply_letter::render(&head, &print, copy)?;
        if for_dispatch {
            let now = self.now();
            // No entry, no letter.
            self.write(|tx| {
                crate::audit::record(
                    tx,
                    Some(actor),
                    now,
                    "reply.print_for_dispatch",
                    "reply",
                    id,
                    json!({}),
                )
            })?;
        }
        Ok(Pdf {
            file_name: name,
            bytes,
        })
    }

    // --- The dispatch book -------------------------------------------------------------------

    /// A signed reply leaves the office (the records clerk); its first dispatch answers the
    /// case on that day, in the same transaction. Answers with the book's line, which never
    /// names a confidential addressee.
    pub fn reply_dispatch(
        &self,
        actor: &Actor,
        id: i64,
        input: &DispatchInput,
    ) -> Result<Dispatch> {
        self.change(actor, Action::RecordLetters, |tx, now| {
            let done = dispatch::record(tx, id, input, actor.account_id, now)?;
            let d = &done.dispatch;
            let note = json!({
                "dispatch_id": d.id, "method": d.method, "at": d.dispatched_at,
                "number": d.outgoing_number, "case_answered": done.answered,
                "case_referred": done.referred,
                "carrier_given": !d.carrier.is_empty(), "receiver_given": !d.receiver.is_empty(),
            });
            Ok((
                done.dispatch,
                AuditNote::new("reply.dispatch", "reply", id, None, note),
            ))
        })
    }

    /// The dispatch book's lines for a range of days sent.
    pub fn dispatches(&self, actor: &Actor, filter: &OutgoingFilter) -> Result<Vec<Dispatch>> {
        let today = self.today();
        let (from, to) = register::range(filter, today)?;
        self.view(actor, Action::ViewCases, |tx| {
            dispatch::in_range(tx, from, to)
        })
    }

    /// The dispatch book printed, with a column for each receiver's signature.
    pub fn dispatch_book_pdf(&self, actor: &Actor, filter: &OutgoingFilter) -> Result<Pdf> {
        let today = self.today();
        let (from, to) = register::range(filter, today)?;
        let (head, lines) = self.view(actor, Action::ViewCases, |tx| {
            Ok((
                letterhead::in_force_on(tx, today)?,
                dispatch::in_range(tx, from, to)?,
            ))
        })?;
        let rows = lines
            .iter()
            .enumerate()
            .map(|(i, d)| {
                vec![
                    (i + 1).to_string(),
                    d.dispatched_label.clone(),
                    format!("{}\n{}", d.outgoing_number, d.letter_date_label),
                    d.addressee.clone(),
                    d.subject.clone(),
                    d.method_label.to_owned(),
                    d.carrier.clone(),
                    d.receiver.clone(),
                    // Room for a wet signature.
                    "\n\n".to_owned(),
                ]
            })
            .collect();
        let data = RegisterData {
            book: Book::Dispatch,
            range_label: format!("{} – {}", dates::format_long(from), dates::format_long(to)),
            printed_label: documents::printed_label(self.now(), &actor.full_name),
            rows,
        };
        Ok(Pdf {
            file_name: format!("buku-ekspedisi-{from}-{to}.pdf"),
            bytes: letter_register::render(&head, &data)?,
        })
    }

    // --- Registers and the disposition sheet -------------------------------------------------

    pub fn outgoing_letters(&self, actor: &Actor, filter: &OutgoingFilter) -> Result<OutgoingList> {
        let today = self.today();
        self.view(actor, Action::ViewCases, |tx| {
            register::list(tx, filter, today)
        })
    }

    pub fn outgoing_register_pdf(&self, actor: &Actor, filter: &OutgoingFilter) -> Result<Pdf> {
        let today = self.today();
        let (head, list) = self.view(actor, Action::ViewCases, |tx| {
            Ok((
                letterhead::in_force_on(tx, today)?,
                register::list(tx, filter, today)?,
            ))
        })?;
        let rows = list
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.sequence.to_string(),
                    r.number.clone(),
                    r.letter_date_label.clone(),
                    r.addressee.clone(),
                    r.subject.clone(),
                    r.signer_name.clone(),
                    r.case_reg_number.clone(),
                ]
            })
            .collect();
        let data = RegisterData {
            book: Book::Outgoing,
            range_label: format!("{} – {}", list.from_label, list.to_label),
            printed_label: documents::printed_label(self.now(), &actor.full_name),
            rows,
        };
        Ok(Pdf {
            file_name: format!("surat-keluar-{}-{}.pdf", list.from, list.to),
            bytes: letter_register::render(&head, &data)?,
        })
    }
}

/// A reply's text names its addressee: refused to whoever may not know a confidential one.
fn require_may_know(tx: &crate::store::Connection, actor: &Actor, case_id: i64) -> Result<()> {
    if confidential::may_know_case(tx, actor, case_id)? {
        Ok(())
    } else {
        Err(confidential::refused())
    }
}

fn review_note(action: &'static str, reply: &Reply, note: &str) -> AuditNote {
    AuditNote::new(
        action,
        "reply",
        reply.id,
        None,
        json!({
            "status": reply.status,
            "version": reply.version,
            "awaiting": reply.awaiting_official_id,
            "number": reply.outgoing_number,
            // That a note was written, not its words: they may name the complainant.
            "note_chars": note.trim().chars().count(),
        }),
    )
}
