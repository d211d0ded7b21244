//! Cases through the facade: every channel's deadline, the status moves, the counter's
//! follow-up, anonymous and confidential complainants.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::guestbook::{OutcomeInput, VisitInput};
use crate::letters::tests::letter_input;
use crate::test_office::{desk, Desk};

fn day(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn complainant() -> PersonInput {
    PersonInput {
        seen: None,
        person_id: None,
        name: "Yuliana Nenobais".into(),
        id_type: "lainnya".into(),
        id_number: String::new(),
        phone: "0812-3790-1122".into(),
        address: String::new(),
        institution: String::new(),
        email: None,
    }
}

fn whatsapp() -> CaseInput {
    CaseInput {
        channel: "whatsapp".into(),
        kind: "pengaduan".into(),
        identity: "named".into(),
        person: Some(complainant()),
        summary: "Bantuan sembako lansia belum diterima sejak Oktober".into(),
        ..Default::default()
    }
}

fn register(d: &Desk, input: &CaseInput) -> Case {
    d.office.case_register(&d.reception, input).unwrap()
}

/// The suggestion box opened on `day` (08.00 WITA) by reception; its id.
fn box_opened(d: &Desk, day: &str) -> i64 {
    d.office
        .box_opening_record(
            &d.reception,
            &super::box_openings::OpeningInput {
                date: day.into(),
                slips: "3".into(),
                witness: "Kasubag Umum".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
}

#[test]
fn each_channel_gets_its_deadline_and_a_number_to_quote() {
    let d = desk(); // Monday 30 November 2026, 09.00
    let first = register(&d, &whatsapp());
    assert_eq!(first.reg_number, "PGD-2026-0001");
    assert_eq!(first.due_date, day(2026, 12, 9), "7 working days");
    assert_eq!(first.status, Status::Diterima);
    assert_eq!(first.complainant, "Yuliana Nenobais");

    let mut lapor = whatsapp();
    lapor.channel = "lapor".into();
    lapor.lapor_tracking_id = "LAPOR-7812345".into();
    let from_lapor = register(&d, &lapor);
    assert_eq!(from_lapor.due_date, day(2026, 12, 10), "8 working days");
    assert_eq!(from_lapor.reg_number, "PGD-2026-0002");
    // The same LAPOR report cannot be registered twice; the message names the first case.
    let err = d.office.case_register(&d.reception, &lapor).unwrap_err();
    assert_eq!(err.field(), Some("lapor_tracking_id"));
    assert!(err.to_string().contains("PGD-2026-0002"), "{err}");

    // The suggestion box: the day it was opened counts, as the opening was recorded (a date
    // typed on the case is not asked for, and the case refers to its opening).
    let mut box_note = whatsapp();
    box_note.channel = "suggestion_box".into();
    box_note.identity = "anonymous".into();
    box_note.person = None;
    assert_eq!(
        d.office
            .case_register(&d.reception, &box_note)
            .unwrap_err()
            .code(),
        "case.box_opening_required"
    );
    box_note.box_opening_id = Some(box_opened(&d, "27/11/2026"));
    let from_box = register(&d, &box_note);
    assert_eq!(from_box.received_date, day(2026, 11, 27));
    assert_eq!(from_box.due_date, day(2026, 12, 8));
    assert_eq!(from_box.complainant, ANONYMOUS_NAME);
    assert_eq!(from_box.box_opening_id, box_note.box_opening_id);
    assert_eq!(from_box.person_id, None);

    // Found by the number the citizen quotes on the phone, typed loosely.
    let found = d
        .office
        .case_by_reg_number(&d.kabid, " pgd-2026-0001 ")
        .unwrap()
        .unwrap();
    assert_eq!(found.id, first.id);
}

#[test]
fn the_counter_is_opened_from_a_visit_with_the_agreed_date() {
    let d = desk();
    // Reception cannot open a counter case by hand.
    let mut counter = whatsapp();
    counter.channel = "counter".into();
    assert_eq!(
        d.office
            .case_register(&d.reception, &counter)
            .unwrap_err()
            .code(),
        "case.counter_from_visit"
    );
    let visit = d
        .office
        .visit_register(
            &d.reception,
            &VisitInput {
                person: PersonInput {
                    name: "Maria Goreti Seran".into(),
                    id_type: "ktp".into(),
                    id_number: "5371015205900012".into(),
                    address: "Jl. Timor Raya 12, Oesapa".into(),
                    ..complainant()
                },
                purpose_category: "pengaduan".into(),
                purpose: "Bantuan PKH belum cair".into(),
                companions: "0".into(),
                deposit_card: false,
                deposit_slot: String::new(),
                follows_case_id: None,
            },
        )
        .unwrap();
    let followed = d
        .office
        .visit_outcome(
            &d.reception,
            visit.id,
            &OutcomeInput {
                outcome: "follow_up".into(),
                agreed_date: "04/12/2026".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let case_id = followed.case_id.expect("the follow-up opened a case");
    let case = d.office.case_file(&d.kabid, case_id).unwrap();
    assert_eq!(case.case.channel, "counter");
    assert_eq!(case.case.due_date, day(2026, 12, 4));
    assert_eq!(case.case.due_source, "agreed");
    assert_eq!(case.case.visit_id, Some(visit.id));
    assert_eq!(case.case.summary, "Bantuan PKH belum cair");
    assert_eq!(case.events.len(), 1);
}

#[test]
fn a_letter_becomes_one_case_only() {
    let d = desk();
    let letter = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[])
        .unwrap()
        .letter;
    let mut by_letter = whatsapp();
    by_letter.channel = "letter".into();
    assert_eq!(
        d.office
            .case_register(&d.clerk, &by_letter)
            .unwrap_err()
            .code(),
        "case.letter_required"
    );
    by_letter.letter_id = Some(letter.id);
    let case = d.office.case_register(&d.clerk, &by_letter).unwrap();
    assert_eq!(case.letter_agenda_number.as_deref(), Some("1"));
    assert_eq!(
        d.office
            .case_register(&d.clerk, &by_letter)
            .unwrap_err()
            .code(),
        "case.letter_taken"
    );
    let mut wrong_channel = whatsapp();
    wrong_channel.letter_id = Some(letter.id);
    assert_eq!(
        d.office
            .case_register(&d.clerk, &wrong_channel)
            .unwrap_err()
            .code(),
        "case.letter_channel"
    );
    let listed = d.office.letter(&d.kabid, letter.id).unwrap();
    assert_eq!(
        listed.letter.case_reg_number.as_deref(),
        Some("PGD-2026-0001")
    );
}

#[test]
fn status_moves_only_as_the_table_allows() {
    let d = desk();
    let case = register(&d, &whatsapp());
    // Closing before an answer is an illegal move, refused with its code.
    let err = d
        .office
        .case_status(&d.kabid, case.id, Status::Selesai, "")
        .unwrap_err();
    assert_eq!(err.code(), "case.transition");
    let in_hand = d
        .office
        .case_status(
            &d.kabid,
            case.id,
            Status::DalamPenanganan,
            "Dicek ke Dukcapil",
        )
        .unwrap();
    assert_eq!(in_hand.status, Status::DalamPenanganan);
    // "Dijawab" needs its details.
    assert_eq!(
        d.office
            .case_status(&d.kabid, case.id, Status::Dijawab, "")
            .unwrap_err()
            .code(),
        "case.transition_needs_details"
    );
    let missing = d
        .office
        .case_answer(&d.kabid, case.id, &AnswerInput::default())
        .unwrap_err();
    let fields: Vec<&str> = missing
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["via", "answered_date", "official_id"]);
    d.clock.advance(Duration::days(2));
    let answered = d
        .office
        .case_answer(
            &d.kabid,
            case.id,
            &AnswerInput {
                via: "whatsapp".into(),
                answered_date: "02/12/2026".into(),
                official_id: Some(d.kabid_id),
                note: "Bantuan dijadwalkan cair 10 Desember".into(),
            },
        )
        .unwrap();
    assert_eq!(answered.status, Status::Dijawab);
    assert_eq!(answered.on_time, Some(true));
    assert_eq!(answered.answered_by_name, "Maria Goreti Bria, S.Sos.");
    // Answered cannot be referred; it can be closed.
    assert_eq!(
        d.office
            .case_refer(&d.kabid, case.id, "Dinas Dukcapil")
            .unwrap_err()
            .code(),
        "case.transition"
    );
    let closed = d
        .office
        .case_status(&d.clerk, case.id, Status::Selesai, "")
        .unwrap();
    assert_eq!(closed.status, Status::Selesai);
    assert!(closed.next_statuses.is_empty());
    let story = d.office.case_file(&d.head, case.id).unwrap().events;
    let moves: Vec<&str> = story.iter().map(|e| e.to_label).collect();
    assert_eq!(
        moves,
        ["Diterima", "Dalam penanganan", "Dijawab", "Selesai"]
    );
    // Reception registers cases but does not decide them.
    assert_eq!(
        d.office
            .case_status(&d.reception, case.id, Status::Selesai, "")
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
}

#[test]
fn a_late_answer_and_a_referral() {
    let d = desk();
    let late = register(&d, &whatsapp());
    d.clock.advance(Duration::days(14));
    let answered = d
        .office
        .case_answer(
            &d.kabid,
            late.id,
            &AnswerInput {
                via: "telepon".into(),
                answered_date: "14/12/2026".into(),
                official_id: Some(d.kabid_id),
                note: String::new(),
            },
        )
        .unwrap();
    assert_eq!(answered.on_time, Some(false), "due 9 December");
    let other = register(&d, &whatsapp());
    let referred = d
        .office
        .case_refer(
            &d.kabid,
            other.id,
            "Dinas Kependudukan dan Pencatatan Sipil",
        )
        .unwrap();
    assert_eq!(referred.status, Status::Dilimpahkan);
    assert_eq!(referred.on_time, Some(true));
    let open = d
        .office
        .cases(
            &d.head,
            &CaseFilter {
                status: "open".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(open.total, 0);
}

#[test]
fn a_confidential_complainant_is_kept_but_not_shown() {
    let d = desk();
    let mut secret = whatsapp();
    secret.identity = "confidential".into();
    let case = register(&d, &secret);
    assert_eq!(case.complainant, CONFIDENTIAL_NAME);
    assert!(case.person_id.is_some(), "the office still knows who it is");
    // The trail keeps the summary as initials only.
    let trail: String = d
        .office
        .conn()
        .query_row(
            "SELECT changes FROM audit_log WHERE action = 'case.register'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!trail.contains("sembako"), "{trail}");
    // Named without a name, or with a bad phone: refused, each field named.
    let mut nameless = whatsapp();
    nameless.person = None;
    assert_eq!(
        d.office
            .case_register(&d.reception, &nameless)
            .unwrap_err()
            .field(),
        Some("name")
    );
    let mut bad_phone = whatsapp();
    bad_phone.person = Some(PersonInput {
        phone: "12".into(),
        ..complainant()
    });
    bad_phone.summary = String::new();
    let err = d
        .office
        .case_register(&d.reception, &bad_phone)
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["summary", "phone"]);
}

#[test]
fn the_dashboard_counts_by_deadline_channel_and_official() {
    let d = desk(); // Monday 30 November; "soon" runs to Wednesday 2 December
    let boxed = |opened: &str| {
        register(
            &d,
            &CaseInput {
                channel: "suggestion_box".into(),
                identity: "anonymous".into(),
                person: None,
                box_opening_id: Some(box_opened(&d, opened)),
                ..whatsapp()
            },
        )
    };
    let by_whatsapp = register(&d, &whatsapp()); // due 9 December
    let overdue = boxed("18/11/2026"); // due Friday 27 November
    let due_today = boxed("19/11/2026"); // due today
    let soon = boxed("20/11/2026"); // due Tuesday 1 December
    assert_eq!(
        (overdue.due_date, due_today.due_date, soon.due_date),
        (day(2026, 11, 27), day(2026, 11, 30), day(2026, 12, 1))
    );
    let board = d.office.dashboard(&d.reception).unwrap().workload;
    assert_eq!(
        (board.open, board.due_today, board.overdue, board.due_soon),
        (4, 1, 1, 1)
    );
    assert_eq!(
        board.cases_today, 1,
        "the three box notes count on their own days"
    );
    let channel = |code: &str| {
        let load = board.by_channel.iter().find(|c| c.code == code).unwrap();
        (load.open, load.overdue)
    };
    assert_eq!(channel("suggestion_box"), (3, 1));
    assert_eq!(channel("whatsapp"), (1, 0));
    assert_eq!(channel("lapor"), (0, 0));

    // Each number opens its list.
    let list = |filter: CaseFilter| -> Vec<i64> {
        d.office
            .cases(&d.head, &filter)
            .unwrap()
            .cases
            .iter()
            .map(|c| c.id)
            .collect()
    };
    let due = |which: &str| CaseFilter {
        due: which.into(),
        ..Default::default()
    };
    assert_eq!(list(due("overdue")), [overdue.id]);
    assert_eq!(list(due("today")), [due_today.id]);
    assert_eq!(list(due("soon")), [soon.id]);

    // Per official: what was disposed to them and is not reported back. Without a typed due
    // date the disposition is due with the case, here already past.
    let disposed = d
        .office
        .dispose(
            &d.head,
            &crate::dispositions::DispositionInput {
                case_id: Some(overdue.id),
                to_official_ids: vec![d.kabid_id],
                instructions: vec!["proses".into()],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(disposed[0].due_date, Some(day(2026, 11, 27)));
    let board = d.office.dashboard(&d.head).unwrap().workload;
    assert_eq!(board.by_official.len(), 1);
    let kabid = &board.by_official[0];
    assert_eq!(
        (kabid.official_id, kabid.open, kabid.overdue),
        (d.kabid_id, 1, 1)
    );
    assert_eq!(
        list(CaseFilter {
            official_id: Some(d.kabid_id),
            ..Default::default()
        }),
        [overdue.id]
    );
    // Answered: the counts move.
    d.office
        .case_answer(
            &d.kabid,
            overdue.id,
            &AnswerInput {
                via: "telepon".into(),
                answered_date: "30/11/2026".into(),
                official_id: Some(d.kabid_id),
                note: String::new(),
            },
        )
        .unwrap();
    let board = d.office.dashboard(&d.head).unwrap().workload;
    assert_eq!((board.open, board.overdue), (3, 0));
    assert!(board.by_official.is_empty());
    assert!(list(due("overdue")).is_empty());
    let _ = by_whatsapp;
}

#[test]
fn one_search_box_finds_cases_letters_visits_and_people() {
    let d = desk();
    let letter = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[])
        .unwrap()
        .letter;
    let case = register(&d, &whatsapp());
    let mut secret = whatsapp();
    secret.identity = "confidential".into();
    secret.person = Some(PersonInput {
        name: "Rahasia Benu".into(),
        phone: "0813-1111-2222".into(),
        ..complainant()
    });
    secret.summary = "Dugaan pungutan liar penyaluran bantuan".into();
    register(&d, &secret);
    let search = |text: &str| -> Vec<(String, String)> {
        d.office
            .search(
                &d.kabid,
                &crate::search::SearchQuery {
                    text: text.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .hits
            .into_iter()
            .map(|h| (h.kind.to_owned(), h.title))
            .collect()
    };
    // A word of the subject, a prefix, the registration number, the complainant's name.
    assert_eq!(
        search("verifikasi"),
        [(
            "letter".to_owned(),
            format!(
                "Agenda {} — Ketua RT 004 Kelurahan Oesapa",
                letter.agenda_number
            )
        )]
    );
    assert_eq!(search("semba").len(), 1, "prefix of sembako");
    assert_eq!(search("PGD-2026-0001")[0].0, "case");
    let by_name = search("Nenobais");
    assert!(by_name.contains(&(
        "case".to_owned(),
        format!("{} — Yuliana Nenobais", case.reg_number)
    )));
    assert!(by_name.iter().any(|(kind, _)| kind == "person"));
    // A confidential complainant's case is found by its text, never by their name.
    assert_eq!(
        search("pungutan")[0].1,
        "PGD-2026-0002 — (identitas dirahasiakan)"
    );
    assert!(!search("Benu").iter().any(|(kind, _)| kind == "case"));
    // Filters: a channel keeps cases only.
    let filtered = d
        .office
        .search(
            &d.kabid,
            &crate::search::SearchQuery {
                text: "Nenobais".into(),
                channel: "whatsapp".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(filtered.hits.iter().all(|h| h.kind == "case"));
    assert_eq!(
        d.office
            .search(&d.kabid, &Default::default())
            .unwrap_err()
            .code(),
        "search.empty"
    );
}

#[test]
fn review_fixes_keep_complainants_whole_and_hidden() {
    let d = desk();
    // A letter disposed by the Head before it is recorded as a case: the case inherits it.
    let letter = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[])
        .unwrap()
        .letter;
    d.office
        .dispose(
            &d.head,
            &crate::dispositions::DispositionInput {
                letter_id: Some(letter.id),
                to_official_ids: vec![d.kabid_id],
                instructions: vec!["proses".into()],
                ..Default::default()
            },
        )
        .unwrap();
    let mut by_letter = whatsapp();
    by_letter.channel = "letter".into();
    by_letter.letter_id = Some(letter.id);
    by_letter.identity = "confidential".into();
    let case = d.office.case_register(&d.clerk, &by_letter).unwrap();
    assert_eq!(case.status, Status::Didisposisikan);
    assert_eq!(
        d.office
            .case_file(&d.head, case.id)
            .unwrap()
            .dispositions
            .len(),
        1
    );
    // Its author asked for confidentiality: the letter's sender is hidden too, and the person
    // is not offered by name anywhere.
    let listed = d.office.letters(&d.kabid, &Default::default()).unwrap();
    assert_eq!(listed.letters[0].sender_name, CONFIDENTIAL_NAME);
    let found = d
        .office
        .search(
            &d.kabid,
            &crate::search::SearchQuery {
                text: "Nenobais".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(found.hits.is_empty(), "{:?}", found.hits);
    assert!(d
        .office
        .people_lookup(&d.reception, "Nenobais")
        .unwrap()
        .is_empty());
    let found = d
        .office
        .search(
            &d.kabid,
            &crate::search::SearchQuery {
                text: "Oesapa".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(
        found.hits.iter().all(|h| h.kind != "letter"),
        "{:?}",
        found.hits
    );

    // Two notes signed only "Maria" are two people.
    let opening = box_opened(&d, "30/11/2026");
    let note = |summary: &str| CaseInput {
        channel: "suggestion_box".into(),
        box_opening_id: Some(opening),
        person: Some(PersonInput {
            name: "Maria".into(),
            phone: String::new(),
            ..complainant()
        }),
        summary: summary.into(),
        ..whatsapp()
    };
    let first = register(&d, &note("Lampu jalan"));
    let second = register(&d, &note("Air bersih"));
    assert_ne!(first.person_id, second.person_id);

    // Years later, retention leaves complainants alone: they are not guest-book entries,
    // and an open case still needs its complainant.
    d.clock.advance(Duration::days(3 * 366));
    assert_eq!(d.office.retention_preview(&d.admin).unwrap().people, 0);
}

#[test]
fn a_receipt_date_in_the_future_or_long_past_is_named() {
    let d = desk();
    for (date, code) in [
        ("01/12/2026", "date.received_in_future"),
        ("01/11/2025", "date.out_of_range"),
        ("31/02/2026", "date.invalid"),
    ] {
        let mut input = whatsapp();
        input.received_date = date.into();
        let err = d.office.case_register(&d.reception, &input).unwrap_err();
        let first = &err.field_errors()[0];
        assert_eq!(
            (first.field.as_str(), first.code),
            ("received_date", code),
            "{date}"
        );
    }
    let count: i64 = d
        .office
        .conn()
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);
}

#[test]
fn overdue_is_judged_by_the_office_date_on_every_list_and_page() {
    use crate::standard_tests::{complainant as letter_complainant, complaint_letter};
    let d = desk();
    let o = &d.office;
    let case = register(&d, &whatsapp());
    let letter_case = o
        .letter_register(
            &d.clerk,
            &complaint_letter(),
            Some(&letter_complainant()),
            &[],
        )
        .unwrap()
        .letter
        .case_id
        .unwrap();
    let listed = |id: i64| {
        o.cases(&d.head, &CaseFilter::default())
            .unwrap()
            .cases
            .into_iter()
            .find(|c| c.id == id)
            .unwrap()
            .overdue
    };
    assert!(!listed(case.id) && !o.case_file(&d.head, case.id).unwrap().case.overdue);
    // The day after the deadline (WITA): late on the list, the page and the Head's queue.
    let due = o.case_file(&d.head, case.id).unwrap().case.due_date;
    let wait = (due - d.office.today()).num_days() + 1;
    d.clock.advance(Duration::days(wait));
    assert!(listed(case.id));
    assert!(o.case_file(&d.head, case.id).unwrap().case.overdue);
    let queue = o.disposition_queue(&d.head).unwrap();
    assert!(
        queue.iter().any(|c| c.id == letter_case && c.overdue),
        "{queue:?}"
    );
    // Answered, it is no longer late, whatever the date.
    o.case_answer(
        &d.kabid,
        case.id,
        &AnswerInput {
            via: "telepon".into(),
            answered_date: dates::format_short(d.office.today()),
            official_id: Some(d.kabid_id),
            note: String::new(),
        },
    )
    .unwrap();
    assert!(!listed(case.id));
}
