//! A complainant who asked for confidentiality, walked through every command the window has
//! that returns people or letters, as every kind of staff member. Whoever the core does not
//! name as someone who may know must not find her name, phone, address or NIK anywhere: in
//! what a command returns, in its error, in a PDF's text or an exported file.

use std::collections::BTreeSet;

use super::*;
use crate::accounts::{self, Actor};
use crate::cases::{CaseFilter, CaseInput, Status};
use crate::dispositions::DispositionInput;
use crate::exports::FileFormat;
use crate::guestbook::VisitFilter;
use crate::letters::{LetterFilter, LetterInput};
use crate::people::PersonInput;
use crate::replies::register::OutgoingFilter;
use crate::reports::figures::FigureQuery;
use crate::reports::period::PeriodInput;
use crate::search::SearchQuery;
use crate::settings::officials::OfficialInput;
use crate::test_office::{desk, Desk};
use crate::{ExportList, ExportRequest};

const NIK: &str = "5371014406880003";
/// What would give her away: her name, her phone's digits, her street, her NIK.
const SECRETS: [&str; 5] = ["Yohana", "Lakapu", "99887766", "Rahasia Negara", NIK];

fn leaks(text: &str) -> Vec<&'static str> {
    SECRETS
        .iter()
        .copied()
        .filter(|s| text.to_lowercase().contains(&s.to_lowercase()))
        .collect()
}

/// The text of a PDF, as a reader of it would see it: poppler's pdftotext.
#[cfg(not(windows))]
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils; scripts/setup.sh installs it)");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF as Windows code reads it back (lopdf, through the fonts' ToUnicode
/// maps): poppler has no Windows build in Debian, and under Wine a Linux pdftotext starts
/// but cannot be waited for.
#[cfg(windows)]
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let document = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    document.extract_text(&pages).expect("the PDF's text")
}

/// What one call showed its caller: the value as the window would receive it, or the
/// error's words.
fn shown<T: serde::Serialize>(result: Result<T>) -> String {
    match result {
        Ok(value) => serde_json::to_string(&value).unwrap(),
        Err(error) => format!("ERROR {}: {error}", error.code()),
    }
}

fn shown_pdf(result: Result<Vec<u8>>) -> String {
    match result {
        Ok(bytes) => pdf_text(&bytes),
        Err(error) => format!("ERROR {}: {error}", error.code()),
    }
}

struct Scene {
    d: Desk,
    letter_id: i64,
    case_id: i64,
    person_id: i64,
    scan_id: i64,
    reply_id: i64,
    reg_number: String,
    /// A records clerk and an official who have nothing to do with this complaint.
    other_clerk: Actor,
    other_official: Actor,
}

fn scene() -> Scene {
    let d = desk();
    let o = &d.office;
    let scan = d.dir.path().join("KTP Yohana Lakapu.pdf");
    std::fs::write(&scan, b"%PDF-1.7\n% ktp\ntrailer <<>>\n%%EOF\n").unwrap();
    let file = o
        .letter_register(
            &d.clerk,
            &LetterInput {
                letter_number: "-".into(),
                letter_date: "27/11/2026".into(),
                sender_name: "Yohana Lakapu".into(),
                sender_address: "Jl. Rahasia Negara 77, Oebobo".into(),
                subject: "Pengaduan penyaluran bantuan".into(),
                urgency: "rahasia".into(),
                kind: "lainnya".into(),
                ..Default::default()
            },
            None,
            &[scan],
        )
        .unwrap();
    let case = o
        .case_register(
            &d.clerk,
            &CaseInput {
                channel: "letter".into(),
                kind: "pengaduan".into(),
                identity: "confidential".into(),
                person: Some(PersonInput {
                    name: "Yohana Lakapu".into(),
                    id_type: "ktp".into(),
                    id_number: NIK.into(),
                    phone: "0812 9988 7766".into(),
                    address: "Jl. Rahasia Negara 77, Oebobo".into(),
                    ..Default::default()
                }),
                summary: "Bantuan sosial di kelurahan dipotong oknum".into(),
                letter_id: Some(file.letter.id),
                ..Default::default()
            },
        )
        .unwrap();
    o.dispose(
        &d.head,
        &DispositionInput {
            letter_id: Some(file.letter.id),
            case_id: Some(case.id),
            to_official_ids: vec![d.kabid_id],
            instructions: vec!["proses".into()],
            ..Default::default()
        },
    )
    .unwrap();
    // The Kabid reports back and notes a call in words that name her; his reply is signed.
    let inbox = o.disposition_inbox(&d.kabid).unwrap();
    o.disposition_report(
        &d.kabid,
        inbox[0].id,
        "Sudah ditemui Ibu Yohana Lakapu di Jl. Rahasia Negara.",
    )
    .unwrap();
    o.case_status(
        &d.kabid,
        case.id,
        Status::DalamPenanganan,
        "Ibu Yohana Lakapu dihubungi di 0812 9988 7766",
    )
    .unwrap();
    let reply = o
        .reply_create(&d.kabid, case.id, "jawaban_pengaduan")
        .unwrap();
    let content = &reply.reply.content;
    let draft = crate::replies::DraftInput {
        addressee: content.addressee.clone(),
        addressee_address: content.addressee_address.clone(),
        addressee_place: content.addressee_place.clone(),
        sifat: "rahasia".into(),
        subject: content.subject.clone(),
        body: "Menanggapi surat Ibu Yohana Lakapu, pengaduan telah kami tindak lanjuti.".into(),
        classification_code: content.classification_code.clone(),
        signer_official_id: Some(d.head_id),
        ..Default::default()
    };
    o.reply_save(&d.kabid, reply.reply.id, &draft).unwrap();
    o.reply_submit(&d.kabid, reply.reply.id).unwrap();
    o.reply_sign(&d.head, reply.reply.id).unwrap();
    // Sent by post; she signed for it herself.
    o.reply_dispatch(
        &d.clerk,
        reply.reply.id,
        &crate::replies::dispatch::DispatchInput {
            method: "pos".into(),
            carrier: "Kantor Pos Kupang".into(),
            receiver: "Yohana Lakapu".into(),
            note: "Diterima Yohana di Jl. Rahasia Negara".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let other_official_id = o
        .official_save(
            &d.admin,
            None,
            &OfficialInput {
                seen: None,
                name: "Paulus Manafe, S.E.".into(),
                nip: "198203152006041002".into(),
                rank_code: "III/d".into(),
                position: "Kepala Seksi Perlindungan Sosial".into(),
                unit_id: Some(6),
                active_from: "01/01/2020".into(),
                active_to: String::new(),
            },
        )
        .unwrap()
        .id;
    let account = |username: &str, role: &str, official: Option<i64>| -> Actor {
        o.write(|tx| {
            tx.execute(
                "INSERT INTO accounts (username, full_name, role, official_id, password_hash, created_at)
                 VALUES (?1, ?1, ?2, ?3, 'x', '2026-11-01T00:00:00Z')",
                crate::store::params![username, role, official],
            )?;
            accounts::actor(tx, tx.last_insert_id()?)
        })
        .unwrap()
    };
    Scene {
        letter_id: file.letter.id,
        case_id: case.id,
        person_id: case.person_id.unwrap(),
        scan_id: file.attachments[0].id,
        reply_id: reply.reply.id,
        reg_number: case.reg_number,
        other_clerk: account("tu2", "pengelola_surat", None),
        other_official: account("kasi", "pejabat", Some(other_official_id)),
        d,
    }
}

/// Commands that show a list, register, receipt or export: they never name her, whoever
/// asks. Returns (command, what it showed).
fn walk_lists(s: &Scene, who: &Actor) -> Vec<(&'static str, String)> {
    let o = &s.d.office;
    let dir = tempfile::tempdir().unwrap();
    let mut seen = vec![
        ("dashboard", shown(o.dashboard(who))),
        ("letters", shown(o.letters(who, &LetterFilter::default()))),
        ("cases", shown(o.cases(who, &CaseFilter::default()))),
        (
            "case_receipt_pdf",
            shown_pdf(o.case_receipt_pdf(who, s.case_id).map(|p| p.bytes)),
        ),
        ("disposition_inbox", shown(o.disposition_inbox(who))),
        ("disposition_queue", shown(o.disposition_queue(who))),
        (
            "dispatches",
            shown(o.dispatches(who, &OutgoingFilter::default())),
        ),
        (
            "dispatch_book_pdf",
            shown_pdf(
                o.dispatch_book_pdf(who, &OutgoingFilter::default())
                    .map(|p| p.bytes),
            ),
        ),
        ("disposition_queue", shown(o.disposition_queue(who))),
        (
            "dispatches",
            shown(o.dispatches(who, &OutgoingFilter::default())),
        ),
        (
            "dispatch_book_pdf",
            shown_pdf(
                o.dispatch_book_pdf(who, &OutgoingFilter::default())
                    .map(|p| p.bytes),
            ),
        ),
        ("guestbook_today", shown(o.guestbook_today(who))),
        ("cards_held", shown(o.cards_held(who))),
        (
            "outgoing_letters",
            shown(o.outgoing_letters(who, &OutgoingFilter::default())),
        ),
        (
            "outgoing_register_pdf",
            shown_pdf(
                o.outgoing_register_pdf(who, &OutgoingFilter::default())
                    .map(|p| p.bytes),
            ),
        ),
        (
            "incoming_register_pdf",
            shown_pdf(
                o.incoming_register_pdf(who, &OutgoingFilter::default())
                    .map(|p| p.bytes),
            ),
        ),
        (
            "disposition_sheet_pdf",
            shown_pdf(
                o.disposition_sheet_pdf(who, s.letter_id, false)
                    .map(|p| p.bytes),
            ),
        ),
        (
            "guestbook_register_pdf",
            shown_pdf(o.guestbook_register_pdf(who, "30/11/2026").map(|p| p.bytes)),
        ),
        ("retention_preview", shown(o.retention_preview(who))),
        (
            "audit_search",
            shown(o.audit_search(who, &Default::default())),
        ),
    ];
    // Typing what one might guess, into every box that searches.
    for guess in [
        "Yohana",
        "Lakapu",
        "Yohana Lakapu",
        "Rahasia Negara",
        "081299887766",
        NIK,
    ] {
        seen.push((
            "letters",
            shown(o.letters(
                who,
                &LetterFilter {
                    text: guess.into(),
                    ..Default::default()
                },
            )),
        ));
        seen.push((
            "search",
            shown(o.search(
                who,
                &SearchQuery {
                    text: guess.into(),
                    ..Default::default()
                },
            )),
        ));
        seen.push((
            "visits_search",
            shown(o.visits_search(
                who,
                &VisitFilter {
                    name: guess.into(),
                    ..Default::default()
                },
            )),
        ));
    }
    let month = PeriodInput {
        kind: "bulan".into(),
        year: 2026,
        number: 11,
    };
    seen.push(("recap", shown(o.recap(who, &month))));
    seen.push((
        "recap_pdf",
        shown_pdf(o.recap_pdf(who, &month).map(|p| p.bytes)),
    ));
    for figure in ["cases", "visits", "answered"] {
        let query = FigureQuery {
            figure: figure.into(),
            code: String::new(),
        };
        seen.push(("recap_list", shown(o.recap_list(who, &month, &query))));
    }
    for list in [
        ExportList::Visits,
        ExportList::Letters,
        ExportList::Cases,
        ExportList::Dispositions,
        ExportList::Outgoing,
    ] {
        let path = dir.path().join(format!("{}.csv", list.code()));
        let request = ExportRequest {
            list,
            format: FileFormat::Csv,
            from: "01/11/2026".into(),
            to: "30/11/2026".into(),
            period: None,
            reveal_nik: false,
        };
        let outcome = o.export(who, &request, &path, &mut |_, _| true);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        seen.push((
            "export_run",
            format!("{} {text}", shown(outcome.map(|_| ()))),
        ));
    }
    seen
}

/// Commands that open her record or what names her: only for those who may know.
fn walk_records(s: &Scene, who: &Actor) -> Vec<(&'static str, String)> {
    let o = &s.d.office;
    let mut seen = vec![
        ("case_file", shown(o.case_file(who, s.case_id))),
        ("letter", shown(o.letter(who, s.letter_id))),
        ("attachment_open", shown(o.attachment_file(who, s.scan_id))),
        ("person_history", shown(o.person_history(who, s.person_id))),
        (
            "reveal_id_number",
            shown(o.reveal_id_number(who, s.person_id)),
        ),
        (
            "person_export_pdf",
            shown_pdf(o.person_export_pdf(who, s.person_id).map(|p| p.bytes)),
        ),
        ("reply_inbox", shown(o.reply_inbox(who))),
        ("reply_file", shown(o.reply_file(who, s.reply_id))),
        (
            "reply_compare",
            shown(o.reply_compare(who, s.reply_id, 1, 1)),
        ),
        (
            "reply_pdf",
            shown_pdf(o.reply_pdf(who, s.reply_id, true).map(|p| p.bytes)),
        ),
        (
            "search",
            shown(o.search(
                who,
                &SearchQuery {
                    text: s.reg_number.clone(),
                    ..Default::default()
                },
            )),
        ),
    ];
    // The suggestions as the counter types: those who may know her find her, no one else.
    for guess in ["Yohana", "Lakapu", "081299887766", NIK] {
        seen.push(("people_lookup", shown(o.people_lookup(who, guess))));
    }
    // Commands that change something and answer with the record: handling the case,
    // drafting a reply, correcting the person.
    seen.push((
        "case_status",
        shown(o.case_status(who, s.case_id, Status::DalamPenanganan, "")),
    ));
    seen.push((
        "reply_create",
        shown(o.reply_create(who, s.case_id, "undangan_klarifikasi")),
    ));
    seen.push((
        "person_correct",
        shown(o.person_correct(
            who,
            s.person_id,
            &PersonInput {
                name: "Nama Lain".into(),
                id_type: "lainnya".into(),
                address: "-".into(),
                ..Default::default()
            },
        )),
    ));
    seen
}

#[test]
fn no_one_but_those_named_learns_who_a_confidential_complainant_is() {
    let s = scene();
    let d = &s.d;
    let may_know = [
        ("Admin", &d.admin),
        ("Kepala Dinas", &d.head),
        ("the clerk who registered it", &d.clerk),
        ("the Kabid it was disposed to", &d.kabid),
    ];
    let may_not = [
        ("Resepsionis", &d.reception),
        ("an uninvolved Kasubag", &d.kasubag),
        ("another records clerk", &s.other_clerk),
        ("an uninvolved official", &s.other_official),
    ];
    for (role, who) in may_know.iter().chain(may_not.iter()) {
        for (command, text) in walk_lists(&s, who) {
            assert!(
                leaks(&text).is_empty(),
                "{role}, {command}: {:?} in {text}",
                leaks(&text)
            );
        }
    }
    for (role, who) in may_not {
        for (command, text) in walk_records(&s, who) {
            assert!(
                leaks(&text).is_empty(),
                "{role}, {command}: {:?} in {text}",
                leaks(&text)
            );
        }
        assert!(
            confidential_refused(&s, who),
            "{role} cannot open her scan, her person page or the reply"
        );
    }
    // Those who handle it see her: the test would notice a walk that cannot see anything.
    for (role, who) in may_know {
        let file = d.office.case_file(who, s.case_id).unwrap();
        let her = file.confidential_complainant.expect(role);
        assert_eq!(her.name, "Yohana Lakapu", "{role}");
        assert_eq!(her.id_number_masked, "5371**********03");
        assert_eq!(file.letter.unwrap().sender_name, "Yohana Lakapu", "{role}");
        d.office.attachment_file(who, s.scan_id).unwrap();
        d.office.person_history(who, s.person_id).unwrap();
    }
    // At the counter the Admin finds her as a returning visitor, reception does not.
    assert_eq!(d.office.people_lookup(&d.admin, NIK).unwrap().len(), 1);
    assert!(d
        .office
        .people_lookup(&d.reception, NIK)
        .unwrap()
        .is_empty());
}

fn confidential_refused(s: &Scene, who: &Actor) -> bool {
    let o = &s.d.office;
    o.attachment_file(who, s.scan_id).is_err()
        && o.person_history(who, s.person_id).is_err()
        && o.reply_file(who, s.reply_id).is_err()
        && o.case_file(who, s.case_id)
            .unwrap()
            .confidential_complainant
            .is_none()
}

#[test]
fn a_guessed_name_matches_nothing_and_counts_agree_with_hits() {
    let s = scene();
    let o = &s.d.office;
    for who in [&s.d.head, &s.d.reception] {
        let letters = o
            .letters(
                who,
                &LetterFilter {
                    text: "Lakapu".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!((letters.total, letters.letters.len()), (0, 0));
        let found = o
            .search(
                who,
                &SearchQuery {
                    text: "Lakapu".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!((found.total, found.hits.len()), (0, 0));
    }
    // The subject still finds the letter, for everyone, without her name.
    let by_subject = o
        .letters(
            &s.d.reception,
            &LetterFilter {
                text: "penyaluran".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(by_subject.total, 1);
    assert_eq!(
        by_subject.letters[0].sender_name,
        crate::cases::CONFIDENTIAL_NAME
    );
    // Once she comes to the counter (the Admin, who may know her, links the visit to her) she
    // is a visitor like any other, found by name; the count and the hits agree again.
    let mut visit = crate::guestbook::tests::visit_input();
    visit.person = PersonInput {
        name: "Yohana Lakapu".into(),
        id_type: "ktp".into(),
        id_number: NIK.into(),
        phone: "0812 9988 7766".into(),
        address: "Jl. Rahasia Negara 77, Oebobo".into(),
        ..Default::default()
    };
    visit.deposit_card = false;
    o.visit_register(&s.d.admin, &visit).unwrap();
    let found = o
        .search(
            &s.d.reception,
            &SearchQuery {
                text: "Lakapu".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(found.total, found.hits.len());
    assert!(found.hits.iter().any(|h| h.kind == "person"));
    assert!(found
        .hits
        .iter()
        .all(|h| h.kind != "case" && h.kind != "letter"));
}

#[test]
fn every_command_of_the_window_is_walked_or_returns_no_one() {
    // Commands that return people or letters are walked above; the rest return the office's
    // own settings, staff accounts, figures without names, or nothing.
    let walked: BTreeSet<&str> = [
        "dashboard",
        "letters",
        "cases",
        "case_receipt_pdf",
        "disposition_inbox",
        "guestbook_today",
        "cards_held",
        "outgoing_letters",
        "outgoing_register_pdf",
        "incoming_register_pdf",
        "disposition_sheet_pdf",
        "guestbook_register_pdf",
        "retention_preview",
        "audit_search",
        "search",
        "people_lookup",
        "visits_search",
        "recap",
        "recap_pdf",
        "recap_list",
        "export_run",
        "case_file",
        "letter",
        "attachment_open",
        "person_history",
        "reveal_id_number",
        "person_export_pdf",
        "reply_inbox",
        "reply_file",
        "reply_compare",
        "reply_pdf",
        "case_status",
        "reply_create",
        "person_correct",
        "disposition_queue",
        "dispatches",
        "dispatch_book_pdf",
    ]
    .into();
    let without_people: BTreeSet<&str> = [
        // Who is at the keyboard, staff accounts, the trail's check, backups.
        "startup",
        "choices",
        "first_admin_create",
        "sign_in",
        "sign_out",
        "session_lock",
        "session_touch",
        "session_unlock",
        "password_change",
        "accounts",
        "account_create",
        "account_update",
        "account_reset_password",
        "idle_minutes_save",
        "audit_verify",
        "audit_accept_end",
        "audit_startup_check",
        "backup_default_name",
        "backup_create",
        "backup_restore",
        "backup_folder",
        "backup_folder_save",
        "app_close_with_reason",
        // Answer with what the caller just typed (checks, new records), or nothing personal;
        // a counter visit is by name (the visitor stood at the counter).
        "letter_check",
        "letter_register",
        "attachment_add",
        "case_check",
        "case_register",
        "case_answer",
        "case_refer",
        "dispose",
        "disposition_read",
        "disposition_report",
        "export_cancel",
        "reply_save",
        "reply_submit",
        "reply_initial",
        "reply_withdraw",
        "reply_return",
        "reply_sign",
        "reply_cancel",
        "visit",
        "visit_check",
        "visit_register",
        "visit_route",
        "visit_start_meeting",
        "visit_outcome",
        "visit_check_out",
        "card_return",
        "close_day",
        "retention_months_save",
        "retention_apply",
        // Answer those who may know (reopening: the Head, the Admin) or with what was typed.
        "case_reopen",
        "case_contact_add",
        "reply_dispatch",
        "channel_contacts_save",
        // Counter visits, by name (the visitor stood at the counter).
        "visitors_waiting",
        "open_follow_ups",
        "box_openings",
        "box_opening_record",
        // The office's settings.
        "reply_templates",
        "reply_template_save",
        "letter_setup",
        "letter_setup_save",
        "reply_signers",
        "deadline_for",
        "letterhead_current",
        "letterhead_versions",
        "letterhead_check",
        "letterhead_save",
        "emblem_preview",
        "channels",
        "channel_deadlines_save",
        "closing_time",
        "closing_time_save",
        "attachment_max_mb",
        "attachment_max_mb_save",
        "numbering",
        "numbering_save",
        "classification_codes",
        "classification_save",
        "classification_import",
        "units",
        "unit_save",
        "ranks",
        "officials",
        "official_check",
        "official_save",
        "acting_add",
        "acting_remove",
        "holidays",
        "holiday_save",
        "holiday_delete",
        "holidays_import",
        // Where this PC keeps the data, and the move (counts only, no record's content).
        "database_current",
        "database_test",
        "database_save",
        "database_move",
        "app_restart",
        // A record's revision: a number.
        "revision",
    ]
    .into();
    let shell = include_str!("../../../src/lib.rs");
    let commands: BTreeSet<&str> = shell
        .split("commands::")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.split_once("::")?.1;
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
            Some(&rest[..end])
        })
        .collect();
    assert!(commands.len() > 100, "{commands:?}");
    let unclassified: Vec<_> = commands
        .iter()
        .filter(|c| !walked.contains(*c) && !without_people.contains(*c))
        .collect();
    assert!(
        unclassified.is_empty(),
        "a new command must be walked above or said to return no one: {unclassified:?}"
    );
    assert!(walked.is_disjoint(&without_people));
}

#[test]
fn free_text_that_may_name_a_citizen_stays_out_of_the_audit_trail() {
    let s = scene();
    let d = &s.d;
    let o = &d.office;
    // The scan's own name was "KTP Yohana Lakapu.pdf", and the Kabid's report named her (both
    // in the scene). Another reply goes up and comes back with a note, then is cancelled.
    let second = o
        .reply_create(&d.kabid, s.case_id, "undangan_klarifikasi")
        .unwrap()
        .reply
        .id;
    let file = o.reply_file(&d.kabid, second).unwrap();
    let mut input = crate::replies::DraftInput {
        addressee: file.reply.content.addressee.clone(),
        addressee_address: file.reply.content.addressee_address.clone(),
        addressee_place: file.reply.content.addressee_place.clone(),
        sifat: "rahasia".into(),
        subject: file.reply.content.subject.clone(),
        body: "Pengaduan Saudara telah kami tindak lanjuti.".into(),
        signer_official_id: Some(d.head_id),
        reviewer_ids: vec![Some(d.kasubag_id)],
        ..Default::default()
    };
    o.reply_save(&d.kabid, second, &input).unwrap();
    o.reply_submit(&d.kabid, second).unwrap();
    o.reply_return(&d.kasubag, second, "Alamat Ibu Yohana Lakapu perlu RT/RW.")
        .unwrap();
    input.body = "Pengaduan Saudara telah kami tindak lanjuti dengan kunjungan.".into();
    o.reply_save(&d.kabid, second, &input).unwrap();
    o.reply_cancel(&d.kabid, second, "Ibu Yohana Lakapu sudah dijawab lisan.")
        .unwrap();
    let more = d.dir.path().join("Surat susulan Yohana Lakapu.pdf");
    std::fs::write(&more, b"%PDF-1.7\n% susulan\ntrailer <<>>\n%%EOF\n").unwrap();
    o.attachment_add(&d.clerk, Some(s.letter_id), None, &more)
        .unwrap();
    // A card left at the counter, the day closed with a reason naming its owner.
    let mut visit = crate::guestbook::tests::visit_input();
    visit.deposit_slot = "B1".into();
    o.visit_register(&d.reception, &visit).unwrap();
    o.close_day(
        &d.reception,
        "day",
        "KTP Yohana Lakapu tertinggal, diambil besok.",
    )
    .unwrap();
    let trail: Vec<String> = o
        .read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT action || ' ' || entity_id || ' ' || changes FROM audit_log ORDER BY id",
            )?;
            let rows = stmt
                .query_map([], |r| r.get(0))?
                .collect::<crate::store::SqlResult<Vec<String>>>()?;
            Ok(rows)
        })
        .unwrap();
    for entry in &trail {
        assert!(leaks(entry).is_empty(), "{entry}");
    }
    // Yet the trail still says that each of these happened.
    for action in [
        "attachment.add",
        "letter.register",
        "disposition.report",
        "reply.return",
        "reply.cancel",
        "guestbook.close",
    ] {
        assert!(trail.iter().any(|e| e.starts_with(action)), "{action}");
    }
    let closing = trail
        .iter()
        .find(|e| e.starts_with("guestbook.close"))
        .unwrap();
    assert!(closing.contains("reason_chars"), "{closing}");
}

#[test]
fn a_hidden_complainant_cannot_be_picked_nor_matched_by_her_nik() {
    let s = scene();
    let d = &s.d;
    let o = &d.office;
    // Reception sends her record id (a guess, or the old id from a screen) with blank
    // details: not found, and nothing is linked or learnt.
    let picked = PersonInput {
        person_id: Some(s.person_id),
        name: "Siapa Saja".into(),
        id_type: "lainnya".into(),
        ..Default::default()
    };
    let err = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                identity: "named".into(),
                person: Some(picked.clone()),
                summary: "Tanya bantuan".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "person.not_found", "{err}");
    let mut visit = crate::guestbook::tests::visit_input();
    visit.person = PersonInput {
        address: "Jl. Lain 1".into(),
        ..picked
    };
    assert_eq!(
        o.visit_register(&d.reception, &visit).unwrap_err().code(),
        "person.not_found"
    );
    // Her NIK with her right name: refused as any clash is, and the try is in the trail.
    visit.person = PersonInput {
        name: "Yohana Lakapu".into(),
        id_type: "ktp".into(),
        id_number: NIK.into(),
        address: "Jl. Lain 1".into(),
        ..Default::default()
    };
    visit.deposit_card = false;
    let err = o.visit_register(&d.reception, &visit).unwrap_err();
    assert_eq!(err.code(), "person.nik_taken");
    assert!(leaks(&err.to_string()).is_empty(), "{err}");
    let note = &o.audit_search(&d.admin, &Default::default()).unwrap()[0];
    assert_eq!(
        (note.action.as_str(), note.account_name.as_str()),
        ("person.nik_clash", "resepsi")
    );
    assert_eq!(note.changes["nik"], "5371**********03");
    assert!(!o
        .read(|tx| may_see_person(tx, &d.reception, s.person_id))
        .unwrap());
    let her = o
        .read(|tx| crate::people::get_record(tx, s.person_id))
        .unwrap();
    assert_eq!(
        her.address, "Jl. Rahasia Negara 77, Oebobo",
        "nothing changed"
    );
    // The Admin, who may know her, records her visit under her own record.
    let visited = o.visit_register(&d.admin, &visit).unwrap();
    assert_eq!(visited.person_id, s.person_id);
}

#[test]
fn a_reply_subject_never_names_her_since_every_list_shows_it() {
    let s = scene();
    let d = &s.d;
    let o = &d.office;
    let file = o
        .reply_create(&d.kabid, s.case_id, "undangan_klarifikasi")
        .unwrap();
    let content = &file.reply.content;
    let input = crate::replies::DraftInput {
        addressee: content.addressee.clone(),
        addressee_place: content.addressee_place.clone(),
        sifat: "biasa".into(),
        subject: "Undangan klarifikasi untuk Ibu Yohana".into(),
        body: "Kami mengundang Saudara.".into(),
        signer_official_id: Some(d.head_id),
        ..Default::default()
    };
    let err = o.reply_save(&d.kabid, file.reply.id, &input).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("reply.subject_names_complainant", Some("subject"))
    );
    let fine = crate::replies::DraftInput {
        subject: "Undangan Klarifikasi".into(),
        ..input
    };
    o.reply_save(&d.kabid, file.reply.id, &fine).unwrap();
}

#[test]
fn the_letters_desk_prints_a_signed_letter_for_its_envelope_and_that_is_recorded() {
    let s = scene();
    let o = &s.d.office;
    // Another records clerk, who may not know her, sends the signed letter out.
    let letter = o.reply_pdf(&s.other_clerk, s.reply_id, false).unwrap();
    assert!(pdf_text(&letter.bytes).contains("Yohana Lakapu"));
    let note = &o.audit_search(&s.d.admin, &Default::default()).unwrap()[0];
    assert_eq!(
        (note.action.as_str(), note.account_name.as_str()),
        ("reply.print_for_dispatch", "tu2")
    );
    // Not the office copy (its paraf column and trail are not for the envelope), not a
    // draft, and not for reception.
    assert!(o.reply_pdf(&s.other_clerk, s.reply_id, true).is_err());
    assert!(o.reply_pdf(&s.d.reception, s.reply_id, false).is_err());
    let draft = o
        .reply_create(&s.d.kabid, s.case_id, "undangan_klarifikasi")
        .unwrap();
    assert!(o.reply_pdf(&s.other_clerk, draft.reply.id, false).is_err());
}

#[test]
fn the_rebuilt_search_index_finds_what_the_triggers_keep() {
    let s = scene();
    let o = &s.d.office;
    let mut visit = crate::guestbook::tests::visit_input();
    visit.deposit_card = false;
    o.visit_register(&s.d.reception, &visit).unwrap();
    let words = [
        "Lakapu",
        "Bantuan",
        "PGD",
        "Pengaduan",
        "Maria",
        "PKH",
        "Oebobo",
        "potong",
        "-",
        "Seran",
    ];
    let found = || -> Vec<(String, usize, Vec<i64>)> {
        words
            .iter()
            .map(|w| {
                let r = o
                    .search(
                        &s.d.admin,
                        &SearchQuery {
                            text: (*w).into(),
                            ..Default::default()
                        },
                    )
                    .map(|r| (r.total, r.hits.iter().map(|h| h.id).collect()))
                    .unwrap_or((0, Vec::new()));
                ((*w).to_owned(), r.0, r.1)
            })
            .collect()
    };
    let kept = found();
    o.write(|tx| crate::search::rebuild(tx)).unwrap();
    assert_eq!(found(), kept);
    assert!(kept.iter().any(|(_, total, _)| *total > 0));
}

#[test]
fn migration_0009_takes_the_hidden_out_of_an_existing_index() {
    use crate::store::Connection;
    // A database as Loket left it before 0009: a confidential complainant's name and an
    // anonymised visit were in the search index.
    let conn = crate::store::open_blank_in_memory().unwrap();
    crate::store::migrate(&conn, 8).unwrap();
    conn.execute_batch(
        "INSERT INTO accounts (id, username, full_name, role, password_hash, created_at)
              VALUES (1, 'admin', 'A', 'admin', 'x', '2026-11-01T00:00:00Z');
         INSERT INTO people (id, name, id_type, created_at, updated_at)
              VALUES (1, 'Yohana Lakapu', 'lainnya', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
                     (2, 'Tamu Lama', 'lainnya', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
         INSERT INTO cases (reg_year, reg_seq, reg_number, channel, kind, person_id, identity,
                            summary, received_at, received_date, due_date, due_at, due_source,
                            recorded_by, created_at)
              VALUES (2026, 1, 'PGD-2026-0001', 'whatsapp', 'pengaduan', 1, 'confidential',
                      'Bantuan dipotong', '2026-11-02T01:00:00Z', '2026-11-02', '2026-11-11',
                      '2026-11-11T15:59:59Z', 'channel', 1, '2026-11-02T01:00:00Z');
         INSERT INTO visits (id, person_id, visit_date, time_in, purpose_category, purpose,
                             recorded_by)
              VALUES (1, 2, '2024-01-05', '2024-01-05T01:00:00Z', 'informasi', 'Tanya bansos', 1);
         UPDATE visits SET purpose = '(dianonimkan)' WHERE id = 1;
         UPDATE people SET name = '', anonymised_at = '2026-11-01T00:00:00Z' WHERE id = 2;",
    )
    .unwrap();
    let matches = |conn: &Connection, word: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
            [word],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(matches(&conn, "Lakapu"), 1, "the old index held her name");
    assert_eq!(matches(&conn, "dianonimkan"), 1);
    crate::store::migrate(&conn, 9).unwrap();
    assert_eq!(matches(&conn, "Lakapu"), 0);
    assert_eq!(matches(&conn, "dianonimkan"), 0);
    assert_eq!(
        matches(&conn, "dipotong"),
        1,
        "her case is still found by its text"
    );
}
