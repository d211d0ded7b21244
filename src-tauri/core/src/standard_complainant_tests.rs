//! The complainant's e-mail address and the contact log: stored where given, kept where a
//! form does not ask for it, shown and exported to its owner, masked in the audit trail; a
//! contact logged only by those who handle the case or registered it.

use crate::cases::contacts::ContactInput;
use crate::cases::CaseInput;
use crate::people::PersonInput;
use crate::standard_tests::{complainant, complaint_letter};
use crate::test_office::desk;

fn by_email() -> CaseInput {
    let mut input = CaseInput {
        channel: "email".into(),
        kind: "informasi".into(),
        ..complainant()
    };
    input.person.as_mut().unwrap().email = Some("yuliana.nenobais@contoh.id".into());
    input
}

#[test]
fn an_e_mail_address_survives_a_counter_visit_and_reaches_its_owner_only() {
    let d = desk();
    let o = &d.office;
    let case = o.case_register(&d.reception, &by_email()).unwrap();
    let person_id = o
        .case_file(&d.admin, case.id)
        .unwrap()
        .complainant
        .unwrap()
        .id;
    // She comes to the counter: the guest book has no e-mail field, and keeps hers.
    let mut visit = crate::guestbook::tests::visit_input();
    visit.deposit_card = false;
    visit.person = PersonInput {
        person_id: Some(person_id),
        name: "Yuliana Nenobais".into(),
        id_type: "lainnya".into(),
        phone: "0812 3790 1122".into(),
        address: "Jl. Timor Raya 17, Oesapa".into(),
        ..Default::default()
    };
    o.visit_register(&d.reception, &visit).unwrap();
    let file = o.case_file(&d.kabid, case.id).unwrap();
    assert_eq!(
        file.complainant.unwrap().email,
        "yuliana.nenobais@contoh.id",
        "on the case page, to answer her"
    );
    let export = o.person_export_pdf(&d.admin, person_id).unwrap();
    assert!(
        crate::confidential::tests::pdf_text(&export.bytes).contains("yuliana.nenobais@contoh.id")
    );
    // The trail keeps it masked: it can never be rewritten when she is anonymised.
    let trail: String = o
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT group_concat(changes, ' ') FROM audit_log",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(!trail.contains("yuliana.nenobais@contoh.id"), "{trail}");
}

#[test]
fn the_letter_with_its_complaint_records_the_complainant_before_and_after() {
    let d = desk();
    let o = &d.office;
    // Known from an earlier WhatsApp case, without an address.
    let mut earlier = CaseInput {
        channel: "whatsapp".into(),
        kind: "pengaduan".into(),
        ..complainant()
    };
    earlier.person.as_mut().unwrap().address = String::new();
    o.case_register(&d.reception, &earlier).unwrap();
    o.letter_register(&d.clerk, &complaint_letter(), Some(&complainant()), &[])
        .unwrap();
    let note: serde_json::Value = o
        .read(|tx| {
            let text: String = tx.query_row(
                "SELECT changes FROM audit_log WHERE action = 'letter.register'",
                [],
                |r| r.get(0),
            )?;
            Ok(serde_json::from_str(&text).unwrap())
        })
        .unwrap();
    let case = &note["case"];
    assert!(case["person_before"].is_object(), "{note}");
    assert!(case["person_after"]["address"].is_string(), "{note}");
    assert_ne!(case["person_after"]["address"], "Jl. Timor Raya 17, Oesapa");
}

#[test]
fn contacts_are_logged_by_those_who_handle_the_case_or_registered_it() {
    let d = desk();
    let o = &d.office;
    let case = o.case_register(&d.clerk, &by_email()).unwrap();
    let call = ContactInput {
        method: "telepon".into(),
        summary: "Dikabari bahwa berkas sedang diperiksa".into(),
        ..Default::default()
    };
    assert!(matches!(
        o.case_contact_add(&d.reception, case.id, &call),
        Err(crate::Error::Forbidden { .. })
    ));
    assert!(!o.case_file(&d.reception, case.id).unwrap().can_log_contact);
    o.case_contact_add(&d.clerk, case.id, &call).unwrap();
    o.case_contact_add(&d.kabid, case.id, &call).unwrap();
    assert!(o.case_file(&d.kabid, case.id).unwrap().can_log_contact);
    assert_eq!(o.case_file(&d.kabid, case.id).unwrap().contacts.len(), 2);
}
