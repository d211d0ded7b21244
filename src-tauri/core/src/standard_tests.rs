//! The service standard's procedures run through the core: a complaint letter is a case from
//! its registration, waits in the Head's queue, is disposed, answered by its reply's
//! dispatch, and can be reopened; the counter's 15 minutes or an answer agreed to take
//! longer; the suggestion box's openings; the contact log; the channels' own contacts.

use chrono::Duration;

use crate::cases::box_openings::OpeningInput;
use crate::cases::contacts::ContactInput;
use crate::cases::{CaseInput, Status};
use crate::dispositions::DispositionInput;
use crate::letters::LetterInput;
use crate::people::PersonInput;
use crate::replies::dispatch::DispatchInput;
use crate::replies::DraftInput;
use crate::reports::period::PeriodInput;
use crate::reports::Recap;
use crate::test_office::{desk, Desk};

pub(crate) fn complaint_letter() -> LetterInput {
    LetterInput {
        letter_number: "-".into(),
        letter_date: "27/11/2026".into(),
        sender_name: "Yuliana Nenobais".into(),
        sender_address: "Jl. Timor Raya 17, Oesapa".into(),
        subject: "Bantuan PKH belum cair".into(),
        urgency: "biasa".into(),
        kind: "pengaduan".into(),
        ..Default::default()
    }
}

pub(crate) fn complainant() -> CaseInput {
    CaseInput {
        identity: "named".into(),
        person: Some(PersonInput {
            name: "Yuliana Nenobais".into(),
            id_type: "lainnya".into(),
            phone: "0812 3790 1122".into(),
            address: "Jl. Timor Raya 17, Oesapa".into(),
            ..Default::default()
        }),
        summary: "Bantuan PKH belum cair sejak Agustus".into(),
        ..Default::default()
    }
}

/// The Head's recap of one month of 2026.
pub(crate) fn month_recap(d: &Desk, month: u32) -> Recap {
    d.office
        .recap(
            &d.head,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: month,
            },
        )
        .unwrap()
}

pub(crate) fn count(d: &Desk, sql: &str) -> i64 {
    d.office
        .read(|tx| Ok(tx.query_row(sql, [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_complaint_letter_is_a_case_from_its_registration() {
    let d = desk(); // Monday 30 November 2026, 09.00
    let file = d
        .office
        .letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap();
    let case_id = file
        .letter
        .case_id
        .expect("the case opened with the letter");
    let case = d.office.case_file(&d.clerk, case_id).unwrap().case;
    assert_eq!(case.channel, "letter");
    assert_eq!(case.kind, "pengaduan");
    assert_eq!(
        case.received_at, file.letter.received_at,
        "the letter's own arrival"
    );
    assert_eq!(
        case.due_date,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()
    );
    assert_eq!(file.letter.kind_label, "Pengaduan");
    // A complaint letter without its complainant, or with a bad field in either part, saves
    // nothing: no agenda number is used up.
    let letters_before = count(&d, "SELECT count(*) FROM letters");
    let mut bad_letter = complaint_letter();
    bad_letter.subject = " ".into();
    let mut bad_case = complainant();
    bad_case.summary = String::new();
    let err = d
        .office
        .letter_register(&d.clerk, &bad_letter, Some(&bad_case), &[])
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["subject", "summary"]);
    assert_eq!(
        d.office
            .letter_register(&d.clerk, &complaint_letter(), None, &[])
            .unwrap_err()
            .code(),
        "letter.complaint_required"
    );
    assert_eq!(count(&d, "SELECT count(*) FROM letters"), letters_before);
    assert_eq!(count(&d, "SELECT count(*) FROM cases"), 1);
    // Handed in after closing time: counted from the next working day, as the letter is.
    d.clock.advance(Duration::hours(8)); // 17.00 WITA
    let late = d
        .office
        .letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap();
    let late_case = d
        .office
        .case_file(&d.clerk, late.letter.case_id.unwrap())
        .unwrap()
        .case;
    assert_eq!(late_case.received_date, late.letter.received_date);
    assert_eq!(
        late_case.due_date,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
    );
    // Reception may not register letters (nor open cases through them).
    assert!(d
        .office
        .letter_register(&d.reception, &complaint_letter(), Some(&complainant()), &[])
        .is_err());
}

/// A complaint letter registered, disposed by the Head to the Kabid, with the Kabid's reply
/// signed by the Head; returns (case id, reply id).
fn signed_reply(d: &Desk) -> (i64, i64) {
    signed_reply_from(d, "jawaban_pengaduan")
}

/// As [`signed_reply`], the reply drafted from `template`.
pub(crate) fn signed_reply_from(d: &Desk, template: &str) -> (i64, i64) {
    let o = &d.office;
    let letter = o
        .letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap()
        .letter;
    let case_id = letter.case_id.unwrap();
    o.dispose(
        &d.head,
        &DispositionInput {
            letter_id: Some(letter.id),
            case_id: Some(case_id),
            to_official_ids: vec![d.kabid_id],
            instructions: vec!["proses".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let file = o.reply_create(&d.kabid, case_id, template).unwrap();
    let c = &file.reply.content;
    let input = DraftInput {
        addressee: c.addressee.clone(),
        addressee_address: c.addressee_address.clone(),
        addressee_place: c.addressee_place.clone(),
        sifat: "biasa".into(),
        subject: c.subject.clone(),
        body: "Data Saudara telah kami periksa bersama pendamping PKH.".into(),
        classification_code: c.classification_code.clone(),
        signer_official_id: Some(d.head_id),
        ..Default::default()
    };
    o.reply_save(&d.kabid, file.reply.id, &input).unwrap();
    o.reply_submit(&d.kabid, file.reply.id).unwrap();
    o.reply_sign(&d.head, file.reply.id).unwrap();
    (case_id, file.reply.id)
}

#[test]
fn the_head_disposes_letters_first_and_sees_what_waits_for_him() {
    let d = desk();
    let o = &d.office;
    let letter = o
        .letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap()
        .letter;
    let case_id = letter.case_id.unwrap();
    // In the Head's queue (and on his Beranda); nobody else's.
    let queue = o.disposition_queue(&d.head).unwrap();
    assert_eq!(queue.iter().map(|c| c.id).collect::<Vec<_>>(), [case_id]);
    assert_eq!(o.dashboard(&d.head).unwrap().disposition_queue.len(), 1);
    assert!(o.disposition_queue(&d.kabid).unwrap().is_empty());
    assert!(o.dashboard(&d.kabid).unwrap().disposition_queue.is_empty());
    // Nothing happens to a letter before the Head disposes it.
    let err = o
        .case_status(&d.kabid, case_id, Status::DalamPenanganan, "")
        .unwrap_err();
    assert_eq!(err.code(), "case.letter_needs_disposition");
    assert_eq!(
        o.case_refer(&d.kabid, case_id, "Dinas Kesehatan")
            .unwrap_err()
            .code(),
        "case.letter_needs_disposition"
    );
    o.dispose(
        &d.head,
        &DispositionInput {
            letter_id: Some(letter.id),
            case_id: Some(case_id),
            to_official_ids: vec![d.kabid_id],
            instructions: vec!["proses".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(o.disposition_queue(&d.head).unwrap().is_empty());
    o.case_status(&d.kabid, case_id, Status::DalamPenanganan, "")
        .unwrap();
    // A WhatsApp case may be taken up without a disposition (and waits in the queue till then).
    let whatsapp = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                ..complainant()
            },
        )
        .unwrap();
    assert_eq!(o.disposition_queue(&d.head).unwrap().len(), 1);
    o.case_status(&d.kabid, whatsapp.id, Status::DalamPenanganan, "")
        .unwrap();
    assert!(o.disposition_queue(&d.head).unwrap().is_empty());
}

#[test]
fn the_reply_leaving_the_office_answers_the_case_on_that_day() {
    let d = desk();
    let o = &d.office;
    let (case_id, reply_id) = signed_reply(&d);
    // Not by hand as "surat", nor while the reply has not gone out.
    let answer = crate::cases::AnswerInput {
        via: "surat".into(),
        answered_date: "30/11/2026".into(),
        official_id: Some(d.head_id),
        note: String::new(),
    };
    assert_eq!(
        o.case_answer(&d.kabid, case_id, &answer)
            .unwrap_err()
            .code(),
        "case.answer_by_dispatch"
    );
    let by_phone = crate::cases::AnswerInput {
        via: "telepon".into(),
        ..answer.clone()
    };
    assert_eq!(
        o.case_answer(&d.kabid, case_id, &by_phone)
            .unwrap_err()
            .code(),
        "case.reply_underway"
    );
    // Only the letters desk records the dispatch, and only of a signed letter.
    assert!(o
        .reply_dispatch(&d.reception, reply_id, &DispatchInput::default())
        .is_err());
    let post = DispatchInput {
        method: "pos".into(),
        date: "02/12/2026".into(),
        time: "10.00".into(),
        carrier: "Kantor Pos Kupang".into(),
        ..Default::default()
    };
    assert_eq!(
        o.reply_dispatch(&d.clerk, reply_id, &post)
            .unwrap_err()
            .code(),
        "date.received_in_future",
        "not later than now"
    );
    d.clock.advance(Duration::days(2) + Duration::hours(2)); // Wednesday 2 December, 11.00
    let sent = o.reply_dispatch(&d.clerk, reply_id, &post).unwrap();
    assert_eq!(sent.method_label, "Pos");
    let case = o.case_file(&d.kabid, case_id).unwrap().case;
    assert_eq!(case.status, Status::Dijawab);
    assert_eq!(
        case.answered_at,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
    );
    assert_eq!(case.answered_via_label, "Surat balasan");
    assert_eq!(case.answered_by, Some(d.head_id));
    assert_eq!(case.on_time, Some(true));
    // The dispatch book lists it; a second dispatch (by e-mail too) answers nothing again.
    let email = DispatchInput {
        method: "email".into(),
        ..Default::default()
    };
    o.reply_dispatch(&d.clerk, reply_id, &email).unwrap();
    let book = o.dispatches(&d.clerk, &Default::default()).unwrap();
    assert_eq!(book.len(), 2);
    let events = o.case_file(&d.kabid, case_id).unwrap().events;
    assert_eq!(events.iter().filter(|e| e.to_label == "Dijawab").count(), 1);
    // A draft is never dispatched.
    let draft = o
        .reply_create(&d.kabid, case_id, "undangan_klarifikasi")
        .unwrap();
    assert_eq!(
        o.reply_dispatch(&d.clerk, draft.reply.id, &email)
            .unwrap_err()
            .code(),
        "dispatch.not_signed"
    );
    // The month's recap counts the case answered on time.
    let recap = month_recap(&d, 11);
    assert_eq!((recap.cases_total, recap.sla.on_time), (1, 0));
    let december = month_recap(&d, 12);
    assert_eq!(december.cases_total, 0, "received in November");
    let november_now = o
        .recap(
            &d.head,
            &PeriodInput {
                kind: "tahun".into(),
                year: 2026,
                number: 0,
            },
        )
        .unwrap();
    assert_eq!(november_now.sla.on_time, 1);
}

#[test]
fn a_dispatch_typed_in_the_minute_of_signing_is_after_it() {
    let d = desk();
    let o = &d.office;
    // Signed at 09.00.40 WITA; the dialog offers the time in minutes: 09.00.
    d.clock.advance(Duration::seconds(40));
    let (case_id, reply_id) = signed_reply(&d);
    let typed = |time: &str| DispatchInput {
        method: "pos".into(),
        date: "30/11/2026".into(),
        time: time.into(),
        ..Default::default()
    };
    assert_eq!(
        o.reply_dispatch(&d.clerk, reply_id, &typed("08.59"))
            .unwrap_err()
            .code(),
        "dispatch.before_signing"
    );
    let sent = o
        .reply_dispatch(&d.clerk, reply_id, &typed("09.00"))
        .unwrap();
    let signed_at: chrono::DateTime<chrono::Utc> = d
        .office
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT signed_at FROM replies WHERE id = ?1",
                [reply_id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(
        sent.dispatched_at, signed_at,
        "not a moment before its signing"
    );
    let case = o.case_file(&d.kabid, case_id).unwrap().case;
    assert_eq!(case.status, Status::Dijawab);
}

#[test]
fn a_mistaken_answer_is_reopened_by_the_head_with_the_reason() {
    let d = desk();
    let o = &d.office;
    let case = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                ..complainant()
            },
        )
        .unwrap();
    let answer = crate::cases::AnswerInput {
        via: "telepon".into(),
        answered_date: "30/11/2026".into(),
        official_id: Some(d.kabid_id),
        note: "Dijelaskan jadwal pencairan".into(),
    };
    o.case_answer(&d.kabid, case.id, &answer).unwrap();
    // Reception and the Kabid may not undo it; the reason is required.
    assert!(o.case_reopen(&d.reception, case.id, "salah").is_err());
    assert!(o.case_reopen(&d.kabid, case.id, "salah").is_err());
    assert_eq!(
        o.case_reopen(&d.head, case.id, " ").unwrap_err().field(),
        Some("reason")
    );
    let reopened = o
        .case_reopen(&d.head, case.id, "Dijawab pada pengaduan yang salah")
        .unwrap();
    assert_eq!(reopened.status, Status::DalamPenanganan);
    assert_eq!((reopened.answered_at, reopened.on_time), (None, None));
    let events = o.case_file(&d.head, case.id).unwrap().events;
    let labels: Vec<&str> = events.iter().map(|e| e.to_label).collect();
    assert_eq!(labels, ["Diterima", "Dijawab", "Dalam penanganan"]);
    assert!(events[2].note.contains("Dijawab pada pengaduan yang salah"));
    // Open again in the recap; the trail has it, without the reason's words.
    let recap = month_recap(&d, 11);
    assert_eq!((recap.sla.on_time, recap.sla.pending), (0, 1));
    let note = &o.audit_search(&d.admin, &Default::default()).unwrap()[0];
    assert_eq!(note.action, "case.reopen");
    assert!(!note.changes.to_string().contains("salah"));
    // An open case has nothing to reopen.
    assert_eq!(
        o.case_reopen(&d.admin, case.id, "lagi").unwrap_err().code(),
        "case.not_closed"
    );
}

#[test]
fn the_suggestion_box_opening_and_the_contact_log() {
    let d = desk();
    let o = &d.office;
    let bad = o
        .box_opening_record(
            &d.reception,
            &OpeningInput {
                date: "01/12/2026".into(),
                slips: "banyak".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    let fields: Vec<&str> = bad
        .field_errors()
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["date", "slips"]);
    let opening = o
        .box_opening_record(
            &d.reception,
            &OpeningInput {
                date: "27/11/2026".into(),
                time: "15.00".into(),
                slips: "4".into(),
                witness: "Kasubag Umum".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let from_box = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "suggestion_box".into(),
                kind: "saran".into(),
                identity: "anonymous".into(),
                person: None,
                summary: "Antrean loket terlalu panjang".into(),
                box_opening_id: Some(opening.id),
                // A date typed on the form does not count: the opening does.
                received_date: "30/11/2026".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(from_box.received_at, opening.opened_at);
    assert_eq!(o.box_openings(&d.reception).unwrap()[0].cases, 1);
    // Keeping the complainant informed, without a change of status.
    let case = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                ..complainant()
            },
        )
        .unwrap();
    assert_eq!(
        o.case_contact_add(&d.reception, case.id, &ContactInput::default())
            .unwrap_err()
            .field_errors()
            .iter()
            .map(|f| f.field.as_str())
            .collect::<Vec<_>>(),
        ["method", "summary"]
    );
    d.clock.advance(Duration::hours(1));
    let contact = o
        .case_contact_add(
            &d.reception,
            case.id,
            &ContactInput {
                method: "whatsapp".into(),
                summary: "Dikabari bahwa data sedang diverifikasi".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(contact.method_label, "WhatsApp");
    let file = o.case_file(&d.kabid, case.id).unwrap();
    assert_eq!(file.contacts.len(), 1);
    assert_eq!(file.case.status, Status::Diterima, "no change of status");
    assert_eq!(file.case.last_contact_at, Some(contact.at));
    let listed = o.cases(&d.kabid, &Default::default()).unwrap();
    assert!(listed
        .cases
        .iter()
        .any(|c| c.id == case.id && c.last_contact_at.is_some()));
}

#[test]
fn the_channels_contacts_come_from_the_standard_and_the_receipt_names_the_helpdesk() {
    let d = desk();
    let o = &d.office;
    let case = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                ..complainant()
            },
        )
        .unwrap();
    let pdf = o.case_receipt_pdf(&d.reception, case.id).unwrap();
    let text = crate::confidential::tests::pdf_text(&pdf.bytes);
    assert!(
        pdf.file_name.starts_with("tanda-terima-PGD-2026-"),
        "{}",
        pdf.file_name
    );
    assert!(text.contains("WhatsApp kantor"), "{text}");
    assert!(text.contains("helpdesk 082147626662"), "{text}");
    // The office changes its helpdesk number: the next receipt says so.
    o.channel_contacts_save(
        &d.admin,
        &[crate::settings::channels::ContactInput {
            code: "whatsapp".into(),
            contact: "081339000111".into(),
        }],
    )
    .unwrap();
    let text = crate::confidential::tests::pdf_text(
        &o.case_receipt_pdf(&d.reception, case.id).unwrap().bytes,
    );
    assert!(text.contains("081339000111"), "{text}");
    assert!(o.channel_contacts_save(&d.reception, &[]).is_err());
    // A complainant's e-mail is kept, and an answer by Facebook recorded.
    let by_email = o
        .case_register(
            &d.reception,
            &CaseInput {
                channel: "email".into(),
                kind: "informasi".into(),
                person: Some(PersonInput {
                    name: "Petrus Manek".into(),
                    id_type: "lainnya".into(),
                    email: Some("Petrus.Manek@Contoh.id".into()),
                    ..Default::default()
                }),
                ..complainant()
            },
        )
        .unwrap();
    let person = o
        .read(|tx| crate::people::get_record(tx, by_email.person_id.unwrap()))
        .unwrap();
    assert_eq!(person.email, "petrus.manek@contoh.id");
    let mut bad = complainant();
    bad.channel = "email".into();
    bad.kind = "informasi".into();
    bad.person.as_mut().unwrap().email = Some("petrus@".into());
    assert_eq!(
        o.case_register(&d.reception, &bad).unwrap_err().field(),
        Some("email")
    );
    o.case_answer(
        &d.kabid,
        case.id,
        &crate::cases::AnswerInput {
            via: "facebook".into(),
            answered_date: "30/11/2026".into(),
            official_id: Some(d.kabid_id),
            note: String::new(),
        },
    )
    .unwrap();
}

#[test]
fn the_official_records_his_own_visitor_and_an_agreed_longer_answer() {
    let d = desk();
    let o = &d.office;
    let mut input = crate::guestbook::tests::visit_input();
    input.deposit_card = false;
    let visit = o.visit_register(&d.reception, &input).unwrap();
    o.visit_route(
        &d.reception,
        visit.id,
        &crate::guestbook::RouteInput {
            asked_level: "kabid".into(),
            official_id: Some(d.kabid_id),
        },
    )
    .unwrap();
    // On the Kabid's Beranda; not on the Kasubag's, who cannot record it either.
    assert_eq!(o.dashboard(&d.kabid).unwrap().visitors_waiting.len(), 1);
    assert!(o.dashboard(&d.kasubag).unwrap().visitors_waiting.is_empty());
    assert!(matches!(
        o.visit_start_meeting(&d.kasubag, visit.id),
        Err(crate::Error::Forbidden { .. })
    ));
    o.visit_start_meeting(&d.kabid, visit.id).unwrap();
    d.clock.advance(Duration::minutes(35));
    let done = o
        .visit_outcome(
            &d.kabid,
            visit.id,
            &crate::guestbook::OutcomeInput {
                outcome: "answered".into(),
                longer_reason: "Perlu memeriksa data DTKS bersama operator".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        done.answer_timing,
        Some(crate::guestbook::visits::AnswerTiming::Agreed)
    );
    assert!(o.dashboard(&d.kabid).unwrap().visitors_waiting.is_empty());
    let recap = month_recap(&d, 11);
    let answers: Vec<(&str, i64)> = recap
        .counter_answers
        .iter()
        .map(|c| (c.code.as_str(), c.count))
        .collect();
    assert_eq!(answers, [("within", 0), ("agreed", 1), ("over", 0)]);
}

#[test]
fn a_visitor_back_on_the_agreed_day_is_attached_to_the_case() {
    let d = desk();
    let o = &d.office;
    let mut input = crate::guestbook::tests::visit_input();
    input.deposit_card = false;
    let first = o.visit_register(&d.reception, &input).unwrap();
    o.visit_route(
        &d.reception,
        first.id,
        &crate::guestbook::RouteInput {
            asked_level: "kabid".into(),
            official_id: Some(d.kabid_id),
        },
    )
    .unwrap();
    let outcome = o
        .visit_outcome(
            &d.reception,
            first.id,
            &crate::guestbook::OutcomeInput {
                outcome: "follow_up".into(),
                agreed_date: "02/12/2026".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let case_id = outcome.case_id.unwrap();
    d.clock.advance(Duration::days(2));
    let offered = o.open_follow_ups(&d.reception, first.person_id).unwrap();
    assert_eq!(
        offered.iter().map(|f| f.case_id).collect::<Vec<_>>(),
        [case_id]
    );
    let again = crate::guestbook::VisitInput {
        person: PersonInput {
            person_id: Some(first.person_id),
            id_number: first.id_number_masked.clone(),
            ..input.person.clone()
        },
        follows_case_id: Some(case_id),
        ..input.clone()
    };
    let second = o.visit_register(&d.reception, &again).unwrap();
    assert_eq!(second.follows_case_id, Some(case_id));
    let file = o.case_file(&d.kabid, case_id).unwrap();
    assert_eq!(
        file.visits.iter().map(|v| v.id).collect::<Vec<_>>(),
        [first.id, second.id]
    );
    // Another visitor cannot be attached to her case.
    let mut stranger = crate::guestbook::tests::visit_input();
    stranger.deposit_card = false;
    stranger.person.name = "Budi Ndolu".into();
    stranger.person.id_number = "5371011205850003".into();
    stranger.person.phone = String::new();
    stranger.follows_case_id = Some(case_id);
    assert_eq!(
        o.visit_register(&d.reception, &stranger)
            .unwrap_err()
            .code(),
        "visit.not_a_follow_up"
    );
}

#[test]
fn a_new_draft_goes_up_the_organisation() {
    let d = desk();
    let o = &d.office;
    let letter = o
        .letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap()
        .letter;
    let case_id = letter.case_id.unwrap();
    // Disposed to the Kasubag: the clerk's draft is initialled by him first (his unit's
    // superiors would follow; the Head signs).
    o.dispose_on_paper(
        &d.clerk,
        &DispositionInput {
            letter_id: Some(letter.id),
            case_id: Some(case_id),
            from_official_id: Some(d.head_id),
            to_official_ids: vec![d.kasubag_id],
            instructions: vec!["proses".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let draft = o
        .reply_create(&d.clerk, case_id, "jawaban_pengaduan")
        .unwrap();
    assert_eq!(draft.reply.content.reviewer_ids, [d.kasubag_id]);
    assert_eq!(draft.reply.content.signer_official_id, d.head_id);
    // The Kabid's own draft goes straight to the Head, who signs in person.
    let own = o
        .reply_create(&d.kabid, case_id, "informasi_diberikan")
        .unwrap();
    assert!(own.reply.content.reviewer_ids.is_empty());
}

#[test]
fn the_migration_carries_letters_and_cases_over_unchanged() {
    let conn = crate::store::open_blank_in_memory().unwrap();
    crate::store::migrate(&conn, 9).unwrap();
    conn.execute_batch(
        "INSERT INTO accounts (id, username, full_name, role, password_hash, created_at)
              VALUES (1, 'tu', 'TU', 'pengelola_surat', 'x', '2026-11-01T00:00:00Z');
         INSERT INTO letters (id, agenda_year, agenda_seq, agenda_number, letter_number,
                              letter_date, received_at, received_date, sender_name, subject,
                              urgency, recorded_by, created_at)
              VALUES (1, 2026, 1, '1', 'A/1', '2026-11-02', '2026-11-02T01:00:00Z', '2026-11-02',
                      'Warga', 'Bantuan', 'biasa', 1, '2026-11-02T01:00:00Z'),
                     (2, 2026, 2, '2', 'B/2', '2026-11-02', '2026-11-02T02:00:00Z', '2026-11-02',
                      'Kelurahan', 'Undangan rapat', 'biasa', 1, '2026-11-02T02:00:00Z');
         INSERT INTO cases (reg_year, reg_seq, reg_number, channel, kind, identity, summary,
                            received_at, received_date, due_date, due_at, due_source, letter_id,
                            recorded_by, created_at)
              VALUES (2026, 1, 'PGD-2026-0001', 'letter', 'informasi', 'anonymous', 'Tanya',
                      '2026-11-02T01:00:00Z', '2026-11-02', '2026-11-11', '2026-11-11T15:59:59Z',
                      'channel', 1, 1, '2026-11-02T01:00:00Z');",
    )
    .unwrap();
    crate::store::migrate(&conn, crate::store::latest_version()).unwrap();
    let kinds: Vec<(i64, String)> = conn
        .prepare("SELECT id, kind FROM letters ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(kinds, [(1, "informasi".into()), (2, "lainnya".into())]);
    let case = crate::cases::get(&conn, 1).unwrap();
    assert_eq!(
        (case.status, case.due_date.to_string(), case.box_opening_id),
        (Status::Diterima, "2026-11-11".into(), None)
    );
    let whatsapp = crate::settings::channels::get(&conn, "whatsapp").unwrap();
    assert_eq!(
        (
            whatsapp.contact.as_str(),
            whatsapp.deadline_value,
            whatsapp.deadline_from_standard
        ),
        ("082147626662", 7, false)
    );
}
