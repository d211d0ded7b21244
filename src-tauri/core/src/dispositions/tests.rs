//! The disposition tree: the Head to a Kabid, the Kabid on to a Kasubag, reports back, and
//! the sheet typed in by the clerk.

use super::*;
use crate::cases::{CaseInput, Status};
use crate::letters::tests::letter_input;
use crate::people::PersonInput;
use crate::test_office::{desk, Desk};

fn letter_case(d: &Desk) -> (i64, i64) {
    let letter = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[])
        .unwrap()
        .letter;
    let case = d
        .office
        .case_register(
            &d.clerk,
            &CaseInput {
                channel: "letter".into(),
                kind: "pengaduan".into(),
                identity: "named".into(),
                person: Some(PersonInput {
                    name: "Ketua RT 004 Oesapa".into(),
                    id_type: "lainnya".into(),
                    ..Default::default()
                }),
                summary: "Verifikasi ulang data DTKS warga RT 004".into(),
                letter_id: Some(letter.id),
                ..Default::default()
            },
        )
        .unwrap();
    (letter.id, case.id)
}

fn to(officials: &[i64]) -> DispositionInput {
    DispositionInput {
        to_official_ids: officials.to_vec(),
        instructions: vec!["proses".into(), "tanggapan".into()],
        note: "Segera ditindaklanjuti".into(),
        ..Default::default()
    }
}

#[test]
fn the_head_disposes_down_a_tree_and_each_reports_back() {
    let d = desk();
    let (letter_id, case_id) = letter_case(&d);
    let first = d
        .office
        .dispose(
            &d.head,
            &DispositionInput {
                letter_id: Some(letter_id),
                ..to(&[d.kabid_id])
            },
        )
        .unwrap();
    assert_eq!(first.len(), 1);
    let first = &first[0];
    assert_eq!(
        first.case_id,
        Some(case_id),
        "the letter's case goes with it"
    );
    assert_eq!(
        first.due_date,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()),
        "due with the case when no date is typed"
    );
    assert_eq!(
        first.instructions_label,
        "Proses lebih lanjut; Tanggapan dan saran"
    );
    let case = d.office.case_file(&d.kabid, case_id).unwrap().case;
    assert_eq!(case.status, Status::Didisposisikan);

    // The Kabid sees it in the inbox, reads it and forwards it to the Kasubag.
    let inbox = d.office.disposition_inbox(&d.kabid).unwrap();
    assert_eq!(inbox.len(), 1);
    assert!(
        inbox[0].subject.starts_with("Agenda 1 — Permohonan"),
        "{}",
        inbox[0].subject
    );
    d.office.disposition_read(&d.kabid, first.id).unwrap();
    let forwarded = d
        .office
        .dispose(
            &d.kabid,
            &DispositionInput {
                parent_id: Some(first.id),
                instructions: vec!["koordinasi".into()],
                instruction_text: "Cek ke lapangan bersama pendamping".into(),
                due_date: "04/12/2026".into(),
                ..to(&[d.kasubag_id])
            },
        )
        .unwrap();
    // Only the recipient may forward or report.
    let err = d
        .office
        .dispose(
            &d.kasubag,
            &DispositionInput {
                parent_id: Some(first.id),
                ..to(&[d.head_id])
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "disposition.not_recipient");
    assert_eq!(
        d.office
            .disposition_report(&d.kasubag, first.id, "Selesai")
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
    d.office
        .disposition_report(&d.kasubag, forwarded[0].id, "Sudah dicek; data diperbaiki")
        .unwrap();
    assert!(d.office.disposition_inbox(&d.kasubag).unwrap().is_empty());
    assert_eq!(
        d.office
            .disposition_report(&d.kasubag, forwarded[0].id, "Lagi")
            .unwrap_err()
            .code(),
        "disposition.reported"
    );
    d.office
        .disposition_report(&d.kabid, first.id, "Ditindaklanjuti Sub Bagian Umum")
        .unwrap();

    let tree = d.office.case_file(&d.head, case_id).unwrap().dispositions;
    let shape: Vec<(usize, &str, bool)> = tree
        .iter()
        .map(|n| (n.depth, n.to_name.as_str(), n.reported_at.is_some()))
        .collect();
    assert_eq!(
        shape,
        [
            (0, "Maria Goreti Bria, S.Sos.", true),
            (1, "Yohanes Ndolu, S.H.", true)
        ]
    );
    assert_eq!(
        tree[1].instructions_label,
        "Koordinasi/konfirmasikan; Cek ke lapangan bersama pendamping"
    );
}

#[test]
fn only_the_head_starts_and_the_clerk_types_in_the_paper_sheet() {
    let d = desk();
    let (letter_id, case_id) = letter_case(&d);
    // A Kabid cannot start a disposition of their own.
    let err = d
        .office
        .dispose(
            &d.kabid,
            &DispositionInput {
                letter_id: Some(letter_id),
                ..to(&[d.kasubag_id])
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "disposition.not_head");
    // The clerk types in what the Head wrote by hand, to two officials at once.
    let on_paper = d
        .office
        .dispose_on_paper(
            &d.clerk,
            &DispositionInput {
                letter_id: Some(letter_id),
                from_official_id: Some(d.head_id),
                ..to(&[d.kabid_id, d.kasubag_id, d.kabid_id])
            },
        )
        .unwrap();
    assert_eq!(on_paper.len(), 2, "a recipient named twice gets one");
    assert!(on_paper.iter().all(|p| p.on_paper));
    // The clerk is not an official and cannot dispose as one.
    assert_eq!(
        d.office
            .dispose(
                &d.clerk,
                &DispositionInput {
                    case_id: Some(case_id),
                    ..to(&[d.kabid_id])
                }
            )
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
    // Every problem at once: no recipient, no instruction, a past due date.
    let err = d
        .office
        .dispose(
            &d.head,
            &DispositionInput {
                case_id: Some(case_id),
                to_official_ids: vec![],
                instructions: vec![],
                due_date: "01/11/2026".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["to_official_ids", "instructions", "due_date"]);
    // To oneself is refused.
    assert_eq!(
        d.office
            .dispose(
                &d.head,
                &DispositionInput {
                    case_id: Some(case_id),
                    ..to(&[d.head_id])
                }
            )
            .unwrap_err()
            .code(),
        "disposition.to_self"
    );
}
