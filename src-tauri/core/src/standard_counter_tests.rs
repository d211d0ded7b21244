//! The counter's clock and the follow-up visit, against the ways they could be bent: past
//! answers keep the timing they were recorded with, re-routing does not restart the clock, a
//! visitor back on the agreed day settles the case the first visit opened (and never opens a
//! second one), and anonymisation keeps an agreed answer agreed.

use chrono::Duration;

use crate::cases::Status;
use crate::guestbook::visits::AnswerTiming;
use crate::guestbook::{OutcomeInput, RouteInput, VisitInput};
use crate::people::PersonInput;
use crate::standard_tests::month_recap;
use crate::test_office::{desk, Desk};

fn route(d: &Desk, visit: i64, official: i64) -> crate::Result<crate::guestbook::Visit> {
    d.office.visit_route(
        &d.reception,
        visit,
        &RouteInput {
            asked_level: "kabid".into(),
            official_id: Some(official),
        },
    )
}

fn visitor() -> VisitInput {
    VisitInput {
        deposit_card: false,
        ..crate::guestbook::tests::visit_input()
    }
}

fn answered() -> OutcomeInput {
    OutcomeInput {
        outcome: "answered".into(),
        ..Default::default()
    }
}

#[test]
fn answers_recorded_before_the_routing_rule_keep_their_timing() {
    let conn = crate::store::open_blank_in_memory().unwrap();
    crate::store::migrate(&conn, 10).unwrap();
    // Sent in at 09.00, met at 09.20, answered at 09.30: ten minutes by the old rule.
    conn.execute_batch(
        "INSERT INTO accounts (id, username, full_name, role, password_hash, created_at)
              VALUES (1, 'resepsi', 'Resepsi', 'resepsionis', 'x', '2026-11-01T00:00:00Z');
         INSERT INTO officials (id, name, nip, rank_code, position, unit_id, active_from)
              VALUES (1, 'Maria Goreti Bria', '197505122000032002', 'IV/a', 'Kabid', 6,
                      '2020-01-01');
         INSERT INTO people (id, name, id_type, created_at, updated_at)
              VALUES (1, 'Benediktus Manek', 'lainnya', '2026-11-02T00:00:00Z',
                      '2026-11-02T00:00:00Z');
         INSERT INTO visits (id, person_id, visit_date, time_in, time_out, purpose_category,
                             purpose, asked_level, routed_official_id, routed_at,
                             meeting_started_at, outcome, outcome_at, answer_target_minutes,
                             recorded_by)
              VALUES (1, 1, '2026-11-02', '2026-11-02T00:55:00Z', '2026-11-02T01:40:00Z',
                      'pengaduan', 'DTKS', 'kabid', 1, '2026-11-02T01:00:00Z',
                      '2026-11-02T01:20:00Z', 'answered', '2026-11-02T01:30:00Z', 15, 1);",
    )
    .unwrap();
    crate::store::migrate(&conn, crate::store::latest_version()).unwrap();
    let now = "2026-12-01T01:00:00Z".parse().unwrap();
    let visit = crate::guestbook::visits::get(&conn, 1, now).unwrap();
    assert_eq!(
        (visit.answer_minutes, visit.answer_timing),
        (Some(10), Some(AnswerTiming::Within))
    );
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let facts = crate::reports::visit_facts(&conn, day, day, day).unwrap();
    assert_eq!(facts[0].counter_timing, Some(AnswerTiming::Within));
}

#[test]
fn sending_the_visitor_on_does_not_restart_his_clock() {
    let d = desk();
    let o = &d.office;
    let visit = o.visit_register(&d.reception, &visitor()).unwrap();
    let first = route(&d, visit.id, d.kasubag_id).unwrap();
    // The Kasubag is out; ten minutes later the visitor goes to the Kabid.
    d.clock.advance(Duration::minutes(10));
    let second = route(&d, visit.id, d.kabid_id).unwrap();
    assert_eq!(second.routed_at, first.routed_at);
    o.visit_start_meeting(&d.kabid, visit.id).unwrap();
    // Once they sit down, nobody re-routes (and resets) it.
    assert_eq!(
        route(&d, visit.id, d.kabid_id).unwrap_err().code(),
        "visit.meeting_started"
    );
    d.clock.advance(Duration::minutes(8));
    let done = o.visit_outcome(&d.kabid, visit.id, &answered()).unwrap();
    assert_eq!(
        (done.answer_minutes, done.answer_timing),
        (Some(18), Some(AnswerTiming::Over))
    );
}

/// A first visit whose outcome is a follow-up on 2 December; the visitor is back that day.
/// Returns (the case, the second visit).
fn back_on_the_agreed_day(d: &Desk) -> (i64, i64) {
    let o = &d.office;
    let first = o.visit_register(&d.reception, &visitor()).unwrap();
    route(d, first.id, d.kabid_id).unwrap();
    let case_id = o
        .visit_outcome(
            &d.kabid,
            first.id,
            &OutcomeInput {
                outcome: "follow_up".into(),
                agreed_date: "02/12/2026".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .case_id
        .unwrap();
    o.visit_check_out(
        &d.reception,
        first.id,
        &crate::guestbook::CheckOutInput {
            return_card: true,
            ..Default::default()
        },
    )
    .unwrap();
    d.clock.advance(Duration::days(2));
    let again = VisitInput {
        person: PersonInput {
            person_id: Some(first.person_id),
            id_number: first.id_number_masked.clone(),
            ..visitor().person
        },
        follows_case_id: Some(case_id),
        ..visitor()
    };
    let second = o.visit_register(&d.reception, &again).unwrap();
    route(d, second.id, d.kabid_id).unwrap();
    (case_id, second.id)
}

#[test]
fn answered_on_the_follow_up_visit_answers_the_case() {
    let d = desk();
    let o = &d.office;
    let (case_id, second) = back_on_the_agreed_day(&d);
    o.visit_outcome(&d.kabid, second, &answered()).unwrap();
    let case = o.case_file(&d.kabid, case_id).unwrap().case;
    assert_eq!(case.status, Status::Dijawab);
    assert_eq!(
        case.answered_at,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
    );
    assert_eq!(case.answered_via_label, "Tatap muka");
    assert_eq!(case.answered_by, Some(d.kabid_id));
    assert_eq!(case.on_time, Some(true));
}

#[test]
fn a_second_follow_up_is_logged_on_the_same_case_not_a_new_one() {
    let d = desk();
    let o = &d.office;
    let (case_id, second) = back_on_the_agreed_day(&d);
    let cases_before = crate::standard_tests::count(&d, "SELECT count(*) FROM cases");
    o.visit_outcome(
        &d.kabid,
        second,
        &OutcomeInput {
            outcome: "follow_up".into(),
            agreed_date: "09/12/2026".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        crate::standard_tests::count(&d, "SELECT count(*) FROM cases"),
        cases_before
    );
    let file = o.case_file(&d.kabid, case_id).unwrap();
    assert!(file.case.status.is_open());
    // The date agreed first stays the deadline; the new one is on the contact log.
    assert_eq!(
        file.case.due_date,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    );
    assert!(
        file.contacts
            .iter()
            .any(|c| c.summary.contains("9 Desember 2026")),
        "{:?}",
        file.contacts
    );
    let recap = month_recap(&d, 11);
    assert_eq!(recap.cases_total, 1);
}

#[test]
fn anonymisation_keeps_an_agreed_answer_agreed_and_drops_its_words() {
    let d = desk();
    let o = &d.office;
    let visit = o.visit_register(&d.reception, &visitor()).unwrap();
    route(&d, visit.id, d.kabid_id).unwrap();
    d.clock.advance(Duration::minutes(40));
    o.visit_outcome(
        &d.kabid,
        visit.id,
        &OutcomeInput {
            longer_reason: "Data Maria dicek bersama pendamping".into(),
            ..answered()
        },
    )
    .unwrap();
    o.visit_check_out(
        &d.reception,
        visit.id,
        &crate::guestbook::CheckOutInput {
            return_card: true,
            ..Default::default()
        },
    )
    .unwrap();
    d.clock.advance(Duration::days(25 * 31));
    let preview = o.retention_preview(&d.admin).unwrap();
    let cutoff = preview.cutoff.format("%d/%m/%Y").to_string();
    o.retention_apply(&d.admin, &cutoff, preview.people)
        .unwrap();
    let gone = o.visit(&d.admin, visit.id).unwrap();
    assert_eq!(gone.answer_timing, Some(AnswerTiming::Agreed));
    assert_eq!(gone.longer_reason.as_deref(), Some("(dianonimkan)"));
}
