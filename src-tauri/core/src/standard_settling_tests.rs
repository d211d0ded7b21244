//! How a case gets settled, and unsettled: which replies answer it when they go out (an
//! invitation does not, a referral letter refers it), a case reopened after its letter went
//! out is answered by the next dispatch, a forgotten draft withdrawn by the Head so the case
//! can be answered another way, and no reply to a complaint letter the Head has not disposed.

use chrono::Duration;

use crate::cases::{AnswerInput, Status};
use crate::replies::dispatch::DispatchInput;
use crate::standard_tests::{complainant, complaint_letter, count, signed_reply_from};
use crate::test_office::desk;

fn by_post() -> DispatchInput {
    DispatchInput {
        method: "pos".into(),
        carrier: "Kantor Pos Kupang".into(),
        ..Default::default()
    }
}

#[test]
fn an_invitation_going_out_settles_nothing_and_blocks_no_answer() {
    let d = desk();
    let o = &d.office;
    let (case_id, invitation) = signed_reply_from(&d, "undangan_klarifikasi");
    let sent = o.reply_dispatch(&d.clerk, invitation, &by_post()).unwrap();
    assert_eq!(sent.method, "pos");
    let case = o.case_file(&d.kabid, case_id).unwrap().case;
    assert!(case.status.is_open(), "{:?}", case.status);
    assert_eq!(case.answered_at, None);
    // The complainant came and was answered in person: nothing waits for a letter.
    o.case_answer(
        &d.kabid,
        case_id,
        &AnswerInput {
            via: "tatap_muka".into(),
            answered_date: "30/11/2026".into(),
            official_id: Some(d.kabid_id),
            note: String::new(),
        },
    )
    .unwrap();
    assert_eq!(
        o.case_file(&d.kabid, case_id).unwrap().case.status,
        Status::Dijawab
    );
}

#[test]
fn a_referral_letter_going_out_refers_the_case_to_the_agency_named() {
    let d = desk();
    let o = &d.office;
    let (case_id, referral) = signed_reply_from(&d, "dilimpahkan");
    // Answering by hand waits for it, as for an answer.
    assert_eq!(
        o.case_answer(
            &d.kabid,
            case_id,
            &AnswerInput {
                via: "telepon".into(),
                answered_date: "30/11/2026".into(),
                official_id: Some(d.kabid_id),
                note: String::new(),
            },
        )
        .unwrap_err()
        .code(),
        "case.reply_underway"
    );
    let refused = o
        .reply_dispatch(&d.clerk, referral, &by_post())
        .unwrap_err();
    assert_eq!(refused.field(), Some("referred_to"));
    assert_eq!(count(&d, "SELECT count(*) FROM dispatches"), 0);
    d.clock.advance(Duration::hours(2));
    o.reply_dispatch(
        &d.clerk,
        referral,
        &DispatchInput {
            referred_to: "BPJS Kesehatan Cabang Kupang".into(),
            ..by_post()
        },
    )
    .unwrap();
    let case = o.case_file(&d.kabid, case_id).unwrap().case;
    assert_eq!(case.status, Status::Dilimpahkan);
    assert_eq!(
        case.referred_to.as_deref(),
        Some("BPJS Kesehatan Cabang Kupang")
    );
    assert_eq!(case.answered_at, None);
    assert_eq!(case.on_time, Some(true));
}

#[test]
fn a_case_reopened_after_its_letter_went_out_is_answered_by_the_next_dispatch() {
    let d = desk();
    let o = &d.office;
    let (case_id, reply) = signed_reply_from(&d, "jawaban_pengaduan");
    o.reply_dispatch(&d.clerk, reply, &by_post()).unwrap();
    // The letter came back: addressee moved. The Head reopens the case.
    d.clock.advance(Duration::days(1));
    o.case_reopen(
        &d.head,
        case_id,
        "Surat kembali: alamat tidak dikenal, dikirim ulang",
    )
    .unwrap();
    assert!(o
        .case_file(&d.kabid, case_id)
        .unwrap()
        .case
        .status
        .is_open());
    d.clock.advance(Duration::hours(3)); // Tuesday 1 December, 12.00
    o.reply_dispatch(
        &d.clerk,
        reply,
        &DispatchInput {
            method: "ambil_sendiri".into(),
            receiver: "Yuliana Nenobais".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let case = o.case_file(&d.kabid, case_id).unwrap().case;
    assert_eq!(case.status, Status::Dijawab);
    assert_eq!(
        case.answered_at,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
    );
    // A third copy (by e-mail) changes nothing more.
    let events = o.case_file(&d.kabid, case_id).unwrap().events.len();
    o.reply_dispatch(
        &d.clerk,
        reply,
        &DispatchInput {
            method: "email".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(o.case_file(&d.kabid, case_id).unwrap().events.len(), events);
}

#[test]
fn the_head_withdraws_a_forgotten_draft_so_the_case_can_be_answered_another_way() {
    let d = desk();
    let o = &d.office;
    let letter = o
        .letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap()
        .letter;
    let case_id = letter.case_id.unwrap();
    // No reply before the Head has disposed the letter.
    assert_eq!(
        o.reply_create(&d.kabid, case_id, "jawaban_pengaduan")
            .unwrap_err()
            .code(),
        "reply.letter_not_disposed"
    );
    o.dispose(
        &d.head,
        &crate::dispositions::DispositionInput {
            letter_id: Some(letter.id),
            case_id: Some(case_id),
            to_official_ids: vec![d.kabid_id],
            instructions: vec!["proses".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let draft = o
        .reply_create(&d.kabid, case_id, "jawaban_pengaduan")
        .unwrap();
    let by_phone = AnswerInput {
        via: "telepon".into(),
        answered_date: "30/11/2026".into(),
        official_id: Some(d.kabid_id),
        note: String::new(),
    };
    let refused = o.case_answer(&d.kabid, case_id, &by_phone).unwrap_err();
    assert_eq!(refused.code(), "case.reply_underway");
    assert!(refused.to_string().contains("dibatalkan dulu"), "{refused}");
    // The Kasubag may not withdraw the Kabid's draft; the Head may.
    assert!(o
        .reply_cancel(&d.kasubag, draft.reply.id, "Tidak jadi")
        .is_err());
    assert!(o.reply_file(&d.head, draft.reply.id).unwrap().can_cancel);
    o.reply_cancel(
        &d.head,
        draft.reply.id,
        "Kabid cuti; pelapor sudah dijawab lewat telepon",
    )
    .unwrap();
    o.case_answer(&d.kabid, case_id, &by_phone).unwrap();
    assert_eq!(
        o.case_file(&d.kabid, case_id).unwrap().case.status,
        Status::Dijawab
    );
}

#[test]
fn a_signed_letter_not_yet_sent_is_named_when_an_answer_is_typed() {
    let d = desk();
    let o = &d.office;
    let (case_id, _) = signed_reply_from(&d, "informasi_diberikan");
    let refused = o
        .case_answer(
            &d.kabid,
            case_id,
            &AnswerInput {
                via: "whatsapp".into(),
                answered_date: "30/11/2026".into(),
                official_id: Some(d.kabid_id),
                note: String::new(),
            },
        )
        .unwrap_err();
    assert!(
        refused.to_string().contains("400.9/1/Dinsos/2026")
            && refused.to_string().contains("Kirim"),
        "{refused}"
    );
}
