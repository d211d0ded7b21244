//! The guest book through the facade, as reception uses it, with a clock the test moves.

use std::sync::Arc;

use chrono::Duration;

use super::*;
use crate::accounts::{AccountInput, Actor};
use crate::clock::ManualClock;
use crate::settings::officials::OfficialInput;
use crate::Office;

struct Counter {
    office: Office,
    clock: Arc<ManualClock>,
    admin: Actor,
}

/// Saturday 28 November 2026, 09.00 WITA.
fn counter() -> Counter {
    let clock = ManualClock::new("2026-11-28T01:00:00Z".parse().unwrap());
    let office = Office::open_in_memory(Box::new(clock.clone())).unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "admin".into(),
            full_name: "Admin Kantor".into(),
            password: "sandi-kantor-kupang".into(),
            ..Default::default()
        })
        .unwrap();
    Counter {
        office,
        clock,
        admin,
    }
}

pub(crate) fn visit_input() -> VisitInput {
    VisitInput {
        person: PersonInput {
            seen: None,
            person_id: None,
            name: "Maria Goreti Seran".into(),
            id_type: "ktp".into(),
            id_number: "5371015205900012".into(),
            phone: "0812-3456-7890".into(),
            address: "Jl. Timor Raya 12, Oesapa".into(),
            institution: String::new(),
            email: None,
        },
        purpose_category: "pengaduan".into(),
        purpose: "Bantuan PKH belum cair sejak Agustus".into(),
        companions: "1".into(),
        deposit_card: true,
        deposit_slot: "A3".into(),
        follows_case_id: None,
    }
}

fn official(c: &Counter) -> i64 {
    c.office
        .official_save(
            &c.admin,
            None,
            &OfficialInput {
                seen: None,
                name: "Drs. Yakobus Tefa".into(),
                nip: "197001011995031001".into(),
                rank_code: "IV/a".into(),
                position: "Kepala Bidang Rehabilitasi Sosial".into(),
                unit_id: Some(6),
                active_from: "01/01/2020".into(),
                active_to: String::new(),
            },
        )
        .unwrap()
        .id
}

fn visits_count(c: &Counter) -> i64 {
    c.office
        .read(|tx| Ok(tx.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_deposited_card_is_held_until_check_out_returns_it() {
    let c = counter();
    let visit = c.office.visit_register(&c.admin, &visit_input()).unwrap();
    assert_eq!(visit.time_in_label, "09.00");
    assert_eq!(visit.id_number_masked, "5371**********12");
    let held = c.office.cards_held(&c.admin).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (held[0].slot.as_str(), held[0].card_type_label),
        ("A3", "KTP")
    );

    c.clock.advance(Duration::minutes(95));
    let held = c.office.cards_held(&c.admin).unwrap();
    assert_eq!(held[0].held_label, "1 jam 35 menit");

    let out = c
        .office
        .visit_check_out(
            &c.admin,
            visit.id,
            &CheckOutInput {
                return_card: true,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(out.time_out_label, "10.35");
    let deposit = out.deposit.unwrap();
    assert_eq!(deposit.returned_to.as_deref(), Some("Maria Goreti Seran"));
    assert!(c.office.cards_held(&c.admin).unwrap().is_empty());

    // A card cannot be returned twice, and the visit cannot be checked out twice.
    let twice = c
        .office
        .card_return(&c.admin, visit.id, "Maria")
        .unwrap_err();
    assert_eq!(twice.code(), "deposit.already_returned");
    assert!(twice.to_string().contains("10.35"), "{twice}");
    assert_eq!(
        c.office
            .visit_check_out(&c.admin, visit.id, &CheckOutInput::default())
            .unwrap_err()
            .code(),
        "visit.already_out"
    );
    // The database itself refuses rewriting a return.
    let rewrite = c.office.write(|tx| {
        tx.execute("UPDATE id_deposits SET returned_to = 'X'", [])?;
        Ok(())
    });
    assert!(rewrite.is_err());
}

#[test]
fn leaving_without_the_card_needs_a_reason() {
    let c = counter();
    let visit = c.office.visit_register(&c.admin, &visit_input()).unwrap();
    let err = c
        .office
        .visit_check_out(&c.admin, visit.id, &CheckOutInput::default())
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("deposit.reason_required", Some("keep_reason"))
    );
    assert!(
        c.office.visit(&c.admin, visit.id).unwrap().in_building,
        "nothing saved"
    );

    let kept = CheckOutInput {
        keep_reason: "Tamu pulang terburu-buru, akan diambil besok".into(),
        ..Default::default()
    };
    let out = c.office.visit_check_out(&c.admin, visit.id, &kept).unwrap();
    assert!(!out.in_building);
    let held = c.office.cards_held(&c.admin).unwrap();
    assert_eq!(held.len(), 1);
    assert!(!held[0].visitor_in_building);

    // Closing the day with the card still held needs a reason too.
    assert_eq!(
        c.office.close_day(&c.admin, "day", " ").unwrap_err().code(),
        "closing.reason_required"
    );
    let closed = c
        .office
        .close_day(&c.admin, "day", "Kartu disimpan di laci terkunci")
        .unwrap();
    assert_eq!(closed.held_count, 1);

    // Collected the next morning.
    c.clock.advance(Duration::hours(24));
    let back = c
        .office
        .card_return(&c.admin, visit.id, "Maria Goreti Seran")
        .unwrap();
    assert!(back.deposit.unwrap().returned_at.is_some());
    assert_eq!(
        c.office.close_day(&c.admin, "app", "").unwrap().held_count,
        0
    );
}

#[test]
fn one_card_per_slot() {
    let c = counter();
    c.office.visit_register(&c.admin, &visit_input()).unwrap();
    let mut second = visit_input();
    second.person.name = "Budi Ndolu".into();
    second.person.id_number = "5371011205850003".into();
    second.person.phone = String::new();
    second.deposit_slot = "a3".into();
    let err = c.office.visit_register(&c.admin, &second).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("deposit.slot_taken", Some("deposit_slot"))
    );
    assert!(err.to_string().contains("Maria"), "{err}");
    assert_eq!(visits_count(&c), 1, "the refused visit left nothing behind");
}

#[test]
fn the_fifteen_minute_clock() {
    let c = counter();
    let official = official(&c);
    let visit = c.office.visit_register(&c.admin, &visit_input()).unwrap();
    // Answered needs the meeting's start, and the meeting needs the routing.
    let answered = OutcomeInput {
        outcome: "answered".into(),
        ..Default::default()
    };
    // The standard's 15 minutes run from the moment the visitor is sent to the official:
    // no answer, and no meeting, before that.
    assert_eq!(
        c.office
            .visit_outcome(&c.admin, visit.id, &answered)
            .unwrap_err()
            .code(),
        "visit.not_routed"
    );
    assert_eq!(
        c.office
            .visit_start_meeting(&c.admin, visit.id)
            .unwrap_err()
            .code(),
        "visit.not_routed"
    );
    let route = RouteInput {
        asked_level: "kabid".into(),
        official_id: Some(official),
    };
    let routed = c.office.visit_route(&c.admin, visit.id, &route).unwrap();
    assert_eq!(
        routed.routed_to,
        "Kepala Bidang Rehabilitasi Sosial (Drs. Yakobus Tefa)"
    );
    c.clock.advance(Duration::minutes(4));
    c.office.visit_start_meeting(&c.admin, visit.id).unwrap();
    c.clock
        .advance(Duration::minutes(10) + Duration::seconds(30));
    let done = c
        .office
        .visit_outcome(&c.admin, visit.id, &answered)
        .unwrap();
    assert_eq!(done.answer_minutes, Some(14), "counted from the routing");
    assert_eq!(done.answer_within_target, Some(true));
    assert_eq!(done.answer_timing, Some(visits::AnswerTiming::Within));
    assert_eq!(done.outcome_label, "Dijawab langsung (14 menit)");
    // A later, stricter target does not turn a past answer late.
    c.office
        .conn()
        .execute(
            "UPDATE channels SET deadline_value = 10 WHERE code = 'counter'",
            [],
        )
        .unwrap();
    assert_eq!(
        c.office
            .visit(&c.admin, visit.id)
            .unwrap()
            .answer_within_target,
        Some(true)
    );
    c.office
        .conn()
        .execute(
            "UPDATE channels SET deadline_value = 15 WHERE code = 'counter'",
            [],
        )
        .unwrap();

    // A second visit answered after 16 minutes misses the target.
    let mut again = visit_input();
    again.deposit_card = false;
    let late = c.office.visit_register(&c.admin, &again).unwrap();
    c.office.visit_route(&c.admin, late.id, &route).unwrap();
    c.office.visit_start_meeting(&c.admin, late.id).unwrap();
    c.clock.advance(Duration::minutes(16));
    let done = c
        .office
        .visit_outcome(&c.admin, late.id, &answered)
        .unwrap();
    assert_eq!(done.answer_within_target, Some(false));
    assert_eq!(done.answer_timing, Some(visits::AnswerTiming::Over));
    assert_eq!(
        c.office
            .visit_outcome(&c.admin, late.id, &answered)
            .unwrap_err()
            .code(),
        "visit.outcome_recorded"
    );
    // "15 menit atau sesuai kebutuhan": longer, as agreed with the visitor, with the reason,
    // is not late.
    let agreed = c.office.visit_register(&c.admin, &again).unwrap();
    c.office.visit_route(&c.admin, agreed.id, &route).unwrap();
    c.clock.advance(Duration::minutes(40));
    let done = c
        .office
        .visit_outcome(
            &c.admin,
            agreed.id,
            &OutcomeInput {
                outcome: "answered".into(),
                longer_reason: "Data penerima dicek bersama pendamping PKH".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(done.answer_timing, Some(visits::AnswerTiming::Agreed));
    assert_eq!(done.answer_within_target, Some(true));
    assert_eq!(done.outcome_label, "Dijawab (40 menit, sesuai kebutuhan)");

    // Recorded only after the visitor left: the clock stopped at the latest when they walked
    // out, not when the receptionist remembered.
    let forgotten = c.office.visit_register(&c.admin, &again).unwrap();
    c.office
        .visit_route(&c.admin, forgotten.id, &route)
        .unwrap();
    c.clock.advance(Duration::minutes(9));
    c.office
        .visit_check_out(&c.admin, forgotten.id, &CheckOutInput::default())
        .unwrap();
    c.clock.advance(Duration::hours(2));
    let done = c
        .office
        .visit_outcome(&c.admin, forgotten.id, &answered)
        .unwrap();
    assert_eq!(done.answer_minutes, Some(9));
}

#[test]
fn follow_up_on_an_agreed_working_day_and_referrals() {
    let c = counter();
    let visit = c.office.visit_register(&c.admin, &visit_input()).unwrap();
    let follow_up = |date: &str| OutcomeInput {
        outcome: "follow_up".into(),
        agreed_date: date.into(),
        ..Default::default()
    };
    for (date, code) in [
        ("27/11/2026", "visit.agreed_date_past"),
        ("25/12/2026", "visit.agreed_date_day_off"),
        ("06/12/2026", "visit.agreed_date_day_off"),
        ("01/01/2028", "date.out_of_range"),
        ("31/11/2026", "date.invalid"),
    ] {
        let err = c
            .office
            .visit_outcome(&c.admin, visit.id, &follow_up(date))
            .unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            (code, Some("agreed_date")),
            "{date}"
        );
    }
    let done = c
        .office
        .visit_outcome(&c.admin, visit.id, &follow_up("03/12/2026"))
        .unwrap();
    assert_eq!(done.outcome_label, "Tindak lanjut 3 Desember 2026");
    let case = c
        .office
        .case_file(&c.admin, done.case_id.expect("a follow-up opens a case"))
        .unwrap()
        .case;
    assert_eq!(
        (case.due_date.to_string().as_str(), case.due_source.as_str()),
        ("2026-12-03", "agreed")
    );

    let other = c
        .office
        .visit_register(
            &c.admin,
            &VisitInput {
                deposit_card: false,
                ..visit_input()
            },
        )
        .unwrap();
    let refer = OutcomeInput {
        outcome: "referred".into(),
        ..Default::default()
    };
    assert_eq!(
        c.office
            .visit_outcome(&c.admin, other.id, &refer)
            .unwrap_err()
            .field(),
        Some("referred_agency")
    );
    let referred = OutcomeInput {
        referred_agency: "Dinas Kependudukan dan Pencatatan Sipil".into(),
        ..refer
    };
    let done = c
        .office
        .visit_outcome(&c.admin, other.id, &referred)
        .unwrap();
    assert_eq!(
        done.outcome_label,
        "Dirujuk ke Dinas Kependudukan dan Pencatatan Sipil"
    );
}

#[test]
fn an_invalid_nik_saves_nothing_and_names_the_field() {
    let c = counter();
    let mut input = visit_input();
    input.person.id_number = "5371013205900012".into();
    input.purpose = String::new();
    let err = c.office.visit_register(&c.admin, &input).unwrap_err();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["id_number", "purpose"]);
    assert_eq!(err.code(), "nik.birth_date");
    assert_eq!(visits_count(&c), 0);
    assert!(c.office.cards_held(&c.admin).unwrap().is_empty());
    assert_eq!(
        c.office.visit_check(&c.admin, &input).unwrap_err().field(),
        Some("id_number")
    );
}

#[test]
fn a_returning_visitor_is_one_person_with_a_history() {
    let c = counter();
    let first = c.office.visit_register(&c.admin, &visit_input()).unwrap();
    c.office
        .visit_check_out(
            &c.admin,
            first.id,
            &CheckOutInput {
                return_card: true,
                ..Default::default()
            },
        )
        .unwrap();
    c.clock.advance(Duration::days(3));
    let found = c.office.people_lookup(&c.admin, "789").unwrap();
    assert_eq!(found.len(), 1);
    let picked = &found[0];
    let mut again = visit_input();
    again.person = PersonInput {
        person_id: Some(picked.id),
        id_number: picked.id_number_masked.clone(),
        ..again.person
    };
    again.purpose_category = "informasi".into();
    let second = c.office.visit_register(&c.admin, &again).unwrap();
    assert_eq!(second.person_id, first.person_id);
    let history = c.office.person_history(&c.admin, first.person_id).unwrap();
    assert_eq!(history.person.visit_count, 2);
    assert_eq!(history.visits[0].id, second.id, "newest first");
    // The full NIK only through the audited reveal.
    let full = c
        .office
        .reveal_id_number(&c.admin, first.person_id)
        .unwrap();
    assert_eq!(full, "5371015205900012");
    let trail = c
        .office
        .audit_search(&c.admin, &Default::default())
        .unwrap();
    assert_eq!(trail[0].action, "person.reveal_id");
    let register = trail.iter().find(|e| e.action == "visit.register").unwrap();
    assert_eq!(
        register.changes["nik"], "5371**********12",
        "masked in the trail"
    );
}

#[test]
fn search_by_name_nik_purpose_and_dates() {
    let c = counter();
    c.office.visit_register(&c.admin, &visit_input()).unwrap();
    c.clock.advance(Duration::days(2));
    let mut other = visit_input();
    other.person = PersonInput {
        name: "Budi Ndolu".into(),
        id_number: "5371011205850003".into(),
        phone: String::new(),
        ..other.person
    };
    other.deposit_card = false;
    other.purpose = "Konsultasi rehabilitasi anak".into();
    other.purpose_category = "konsultasi".into();
    c.office.visit_register(&c.admin, &other).unwrap();
    let search = |f: VisitFilter| c.office.visits_search(&c.admin, &f).unwrap().total;
    assert_eq!(search(VisitFilter::default()), 2);
    assert_eq!(
        search(VisitFilter {
            name: "goreti".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        search(VisitFilter {
            name: "Bu".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        search(VisitFilter {
            nik: "5371011205850003".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        search(VisitFilter {
            nik: "5371 0112 0585 0003".into(),
            ..Default::default()
        }),
        1,
        "typed with the card's spaces"
    );
    // Part of a NIK finds nothing: it would let the masked digits be guessed query by query.
    let partial = c
        .office
        .visits_search(
            &c.admin,
            &VisitFilter {
                nik: "537101".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(
        (partial.field(), partial.code()),
        (Some("nik"), "nik.search_whole")
    );
    assert_eq!(
        search(VisitFilter {
            purpose: "PKH".into(),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        search(VisitFilter {
            purpose: "100%".into(),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        search(VisitFilter {
            from: "29/11/2026".into(),
            to: "30/11/2026".into(),
            ..Default::default()
        }),
        1
    );
    let err = c
        .office
        .visits_search(
            &c.admin,
            &VisitFilter {
                from: "30/11/2026".into(),
                to: "01/11/2026".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("to"));
}

#[test]
fn anonymisation_shows_first_then_keeps_only_counts() {
    let c = counter();
    let old = c.office.visit_register(&c.admin, &visit_input()).unwrap();
    c.office
        .visit_check_out(
            &c.admin,
            old.id,
            &CheckOutInput {
                return_card: true,
                ..Default::default()
            },
        )
        .unwrap();
    // 25 months later a new visitor comes; the first one's data is past the 24 months.
    c.clock.advance(Duration::days(25 * 31));
    let mut recent = visit_input();
    recent.person = PersonInput {
        name: "Budi Ndolu".into(),
        id_number: "5371011205850003".into(),
        phone: String::new(),
        ..recent.person
    };
    let kept = c.office.visit_register(&c.admin, &recent).unwrap();

    let preview = c.office.retention_preview(&c.admin).unwrap();
    assert_eq!((preview.people, preview.visits), (1, 1));
    assert_eq!(preview.sample[0].name, "Maria Goreti Seran");
    // A changed setting invalidates the preview.
    let stale = preview.cutoff.format("%d/%m/%Y").to_string();
    c.office.retention_months_save(&c.admin, "36").unwrap();
    assert_eq!(
        c.office
            .retention_apply(&c.admin, &stale, 1)
            .unwrap_err()
            .code(),
        "retention.changed"
    );
    let preview = c.office.retention_months_save(&c.admin, "24").unwrap();
    let cutoff = preview.cutoff.format("%d/%m/%Y").to_string();
    // A preview that showed other people than are due now is refused too.
    assert_eq!(
        c.office
            .retention_apply(&c.admin, &cutoff, 2)
            .unwrap_err()
            .code(),
        "retention.changed"
    );
    let done = c.office.retention_apply(&c.admin, &cutoff, 1).unwrap();
    assert_eq!(done.people, 1);

    let gone = c.office.visit(&c.admin, old.id).unwrap();
    assert_eq!(gone.name, crate::people::ANONYMISED_NAME);
    assert_eq!(
        (
            gone.id_number_masked.as_str(),
            gone.phone.as_str(),
            gone.address.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(
        gone.purpose_category, "pengaduan",
        "the category still counts"
    );
    assert!(c
        .office
        .people_lookup(&c.admin, "Goreti")
        .unwrap()
        .is_empty());
    assert!(c.office.people_lookup(&c.admin, "789").unwrap().is_empty());
    assert_eq!(
        c.office.visit(&c.admin, kept.id).unwrap().name,
        "Budi Ndolu"
    );
    assert_eq!(visits_count(&c), 2);
    assert_eq!(
        c.office
            .retention_months_save(&c.admin, "3")
            .unwrap_err()
            .field(),
        Some("months")
    );

    // Nothing left anywhere names the first visitor: not the card's record, not the trail.
    let conn = c.office.conn();
    let (returned_to, card_number): (String, String) = conn
        .query_row(
            "SELECT returned_to, card_number FROM id_deposits WHERE visit_id = ?1",
            [old.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((returned_to.as_str(), card_number.as_str()), ("", ""));
    let everything: String = conn
        .query_row(
            "SELECT group_concat(p.name || p.id_number || p.phone || p.address || v.purpose
                                 || coalesce(d.returned_to, '') || coalesce(d.held_reason, ''), '|')
               FROM visits v JOIN people p ON p.id = v.person_id
               LEFT JOIN id_deposits d ON d.visit_id = v.id WHERE v.id = ?1",
            [old.id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!everything.contains("Goreti"), "{everything}");
    let trail: String = conn
        .query_row(
            "SELECT group_concat(changes, '|') FROM audit_log",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for personal in ["Goreti", "Timor Raya", "5371015205900012", "3456", "PKH"] {
        assert!(
            !trail.contains(personal),
            "{personal} in the trail: {trail}"
        );
    }
}

#[test]
fn reception_records_visits_but_only_the_admin_handles_personal_data() {
    let c = counter();
    c.office
        .account_create(
            &c.admin,
            &AccountInput {
                username: "resepsi".into(),
                full_name: "Resepsionis".into(),
                role: crate::accounts::Role::Resepsionis,
                active: true,
                password: "sementara-123".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let first = c.office.sign_in("resepsi", "sementara-123").unwrap();
    let reception = c
        .office
        .change_own_password(&first, "sementara-123", "punya-sendiri-9")
        .unwrap();
    let visit = c.office.visit_register(&reception, &visit_input()).unwrap();
    c.office
        .reveal_id_number(&reception, visit.person_id)
        .unwrap();
    assert_eq!(
        c.office
            .person_export_pdf(&reception, visit.person_id)
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
    assert_eq!(
        c.office.retention_preview(&reception).unwrap_err().code(),
        "auth.forbidden"
    );
}

#[test]
fn the_register_rows_mask_the_nik_and_keep_arrival_order() {
    let c = counter();
    c.office.visit_register(&c.admin, &visit_input()).unwrap();
    c.clock.advance(Duration::minutes(10));
    let mut second = visit_input();
    second.deposit_card = false;
    second.companions = String::new();
    c.office.visit_register(&c.admin, &second).unwrap();
    let visits = c
        .office
        .read(|tx| visits::on_day(tx, c.office.today(), c.office.now()))
        .unwrap();
    let rows = register::rows(&visits);
    assert_eq!(rows[0].time_in, "09.00");
    assert_eq!(rows[1].time_in, "09.10");
    assert_eq!(rows[0].id_masked, "NIK 5371**********12");
    assert_eq!(
        rows[0].purpose,
        "Pengaduan — Bantuan PKH belum cair sejak Agustus (+1 pengikut)"
    );
    let pdf = c
        .office
        .guestbook_register_pdf(&c.admin, "28/11/2026")
        .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF"));
    assert_eq!(pdf.file_name, "buku-tamu-2026-11-28.pdf");
}

#[test]
fn a_guest_book_from_before_the_privacy_fixes_upgrades_with_its_cards() {
    // Version 3 kept no card number with the deposit and no target with the answer.
    let conn = crate::store::open_blank_in_memory().unwrap();
    crate::store::migrate(&conn, 3).unwrap();
    conn.execute_batch(
        "INSERT INTO accounts (id, username, full_name, role, password_hash, created_at)
              VALUES (1, 'resepsi', 'Resepsionis', 'resepsionis', 'x', '2026-11-28T00:00:00Z');
         INSERT INTO people (id, name, id_type, id_number, nik, created_at, updated_at)
              VALUES (1, 'Maria Seran', 'ktp', '5371015205900012', '5371015205900012',
                      '2026-11-28T00:00:00Z', '2026-11-28T00:00:00Z');
         INSERT INTO visits (id, person_id, visit_date, time_in, purpose_category, purpose,
                             recorded_by, outcome, outcome_at, meeting_started_at)
              VALUES (1, 1, '2026-11-28', '2026-11-28T01:00:00Z', 'pengaduan', 'PKH', 1,
                      'answered', '2026-11-28T01:20:00Z', '2026-11-28T01:05:00Z');
         INSERT INTO id_deposits (visit_id, card_type, slot, deposited_at)
              VALUES (1, 'ktp', 'A1', '2026-11-28T01:00:00Z');",
    )
    .unwrap();
    crate::store::migrate(&conn, crate::store::latest_version()).unwrap();
    let (card, target): (String, i64) = conn
        .query_row(
            "SELECT d.card_number, v.answer_target_minutes
               FROM id_deposits d JOIN visits v ON v.id = d.visit_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((card.as_str(), target), ("5371**********12", 15));
    // A return is still never rewritten; only blanking the recipient is allowed.
    conn.execute(
        "UPDATE id_deposits SET returned_at = '2026-11-28T02:00:00Z', returned_to = 'Maria'",
        [],
    )
    .unwrap();
    assert!(conn
        .execute("UPDATE id_deposits SET returned_to = 'Orang lain'", [])
        .is_err());
    assert!(conn
        .execute(
            "UPDATE id_deposits SET returned_at = '2026-11-28T03:00:00Z'",
            []
        )
        .is_err());
    conn.execute("UPDATE id_deposits SET returned_to = ''", [])
        .unwrap();
}
