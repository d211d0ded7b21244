use crate::store::Connection;
use chrono::{DateTime, NaiveDate, Utc};

use super::*;

fn now() -> DateTime<Utc> {
    "2026-11-28T01:00:00Z".parse().unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn db() -> Connection {
    crate::store::open_in_memory().unwrap()
}

fn ani() -> PersonInput {
    PersonInput {
        seen: None,
        person_id: None,
        name: "Ani Lado".into(),
        id_type: "ktp".into(),
        id_number: "5371015205900012".into(),
        phone: "0812-3456-7890".into(),
        address: "Jl. Timor Raya 12, Oesapa".into(),
        institution: String::new(),
        email: None,
    }
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_same_nik_is_the_same_person() {
    let conn = db();
    let first = resolve(&conn, &ani(), today(), now(), Contact::AtCounter, &anyone).unwrap();
    assert!(first.before.is_none());
    assert_eq!(first.after.phone, "+6281234567890");
    let moved = PersonInput {
        address: "Jl. El Tari 5, Kupang".into(),
        ..ani()
    };
    let again = resolve(&conn, &moved, today(), now(), Contact::AtCounter, &anyone).unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(
        again.before.unwrap().address,
        "Jl. Timor Raya 12, Oesapa",
        "the change is visible to the audit note"
    );
    assert_eq!(again.after.address, "Jl. El Tari 5, Kupang");
    assert_eq!(count(&conn), 1);
}

#[test]
fn without_nik_the_name_and_phone_decide() {
    let conn = db();
    let sim = PersonInput {
        id_type: "sim".into(),
        id_number: "1234-5678-901234".into(),
        name: "Yohanes Bria".into(),
        ..ani()
    };
    let first = resolve(&conn, &sim, today(), now(), Contact::AtCounter, &anyone).unwrap();
    let same = PersonInput {
        name: "YOHANES BRIA".into(),
        phone: "+62 812 3456 7890".into(),
        ..sim.clone()
    };
    assert_eq!(
        resolve(&conn, &same, today(), now(), Contact::AtCounter, &anyone)
            .unwrap()
            .id,
        first.id
    );
    // Same name, another phone: another person of the same name.
    let namesake = PersonInput {
        phone: "0813 1111 2222".into(),
        ..sim
    };
    assert_ne!(
        resolve(
            &conn,
            &namesake,
            today(),
            now(),
            Contact::AtCounter,
            &anyone
        )
        .unwrap()
        .id,
        first.id
    );
    assert_eq!(count(&conn), 2);
    // Same name and phone (a family's one handphone) but another card: another person.
    let relative = PersonInput {
        id_number: "9999-0000-111111".into(),
        ..same
    };
    assert_ne!(
        resolve(
            &conn,
            &relative,
            today(),
            now(),
            Contact::AtCounter,
            &anyone
        )
        .unwrap()
        .id,
        first.id
    );
    assert_eq!(count(&conn), 3);
}

#[test]
fn a_picked_visitor_keeps_the_stored_nik_behind_the_mask() {
    let conn = db();
    let first = resolve(&conn, &ani(), today(), now(), Contact::AtCounter, &anyone).unwrap();
    let shown = get(&conn, first.id).unwrap();
    assert_eq!(shown.id_number_masked, "5371**********12");
    let picked = PersonInput {
        person_id: Some(first.id),
        id_number: shown.id_number_masked.clone(),
        phone: "0821 9999 8888".into(),
        ..ani()
    };
    let again = resolve(&conn, &picked, today(), now(), Contact::AtCounter, &anyone).unwrap();
    assert_eq!(again.after.nik.as_deref(), Some("5371015205900012"));
    assert_eq!(again.after.phone, "+6282199998888");
    // Another person's NIK typed over a picked visitor is refused, without naming the
    // holder (whoever they are, a confidential complainant too).
    let other = resolve(
        &conn,
        &PersonInput {
            name: "Budi".into(),
            id_number: "5371011205850003".into(),
            phone: String::new(),
            ..ani()
        },
        today(),
        now(),
        Contact::AtCounter,
        &anyone,
    )
    .unwrap();
    let clash = PersonInput {
        person_id: Some(other.id),
        name: "Budi".into(),
        ..ani()
    };
    let err = resolve(&conn, &clash, today(), now(), Contact::AtCounter, &anyone).unwrap_err();
    assert_eq!(err.code(), "person.nik_taken");
    assert!(!err.to_string().contains("Ani"), "{err}");
}

#[test]
fn a_mistyped_nik_at_the_counter_asks_and_never_renames_anyone() {
    let conn = db();
    let first = resolve(&conn, &ani(), today(), now(), Contact::AtCounter, &anyone).unwrap();
    // A new visitor whose NIK is typed with Ani's number: refused, Ani unchanged.
    let typo = PersonInput {
        name: "Yohana Bria".into(),
        phone: "0813 1111 2222".into(),
        address: "Jl. Eltari 5".into(),
        ..ani()
    };
    for contact in [Contact::AtCounter, Contact::Remote] {
        let err = resolve(&conn, &typo, today(), now(), contact, &anyone).unwrap_err();
        assert_eq!(
            (err.code(), err.field()),
            ("person.nik_taken", Some("id_number"))
        );
        assert!(!err.to_string().contains("Ani"), "{err}");
    }
    let kept = get_record(&conn, first.id).unwrap();
    assert_eq!(
        (kept.name.as_str(), kept.address.as_str()),
        ("Ani Lado", "Jl. Timor Raya 12, Oesapa")
    );
    assert_eq!(count(&conn), 1);
    // The same person typed again (another case, spaces) is recognised, not refused.
    let again = PersonInput {
        name: "  ANI   lado ".into(),
        phone: "0813 1111 2222".into(),
        ..ani()
    };
    let same = resolve(&conn, &again, today(), now(), Contact::AtCounter, &anyone).unwrap();
    assert_eq!(same.id, first.id);
    assert_eq!(count(&conn), 1);
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let conn = db();
    let input = PersonInput {
        name: " ".into(),
        id_number: "5371".into(),
        phone: "12".into(),
        address: String::new(),
        ..ani()
    };
    let err = resolve(&conn, &input, today(), now(), Contact::AtCounter, &anyone).unwrap_err();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["name", "id_number", "phone", "address"]);
    assert_eq!(count(&conn), 0);
}

#[test]
fn found_as_you_type_by_three_characters() {
    let conn = db();
    let ani = resolve(&conn, &ani(), today(), now(), Contact::AtCounter, &anyone).unwrap();
    let found = |q: &str| -> Vec<i64> {
        lookup(&conn, q, 8, &anyone)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect()
    };
    assert_eq!(found("789"), [ani.id], "last digits of the phone");
    assert_eq!(found("0812"), [ani.id], "the 0… form of +62…");
    assert_eq!(found("lad"), [ani.id], "part of the name, any case");
    assert_eq!(found("5371"), [ani.id], "the start of the NIK lists show");
    // Digits beyond the four shown would confirm what the mask hides, one at a time.
    assert!(found("53710").is_empty());
    assert!(found("5371 0152 0590 001").is_empty());
    assert_eq!(
        found("5371 0152 0590 0012"),
        [ani.id],
        "the whole NIK, typed with the card's spaces"
    );
    assert!(
        found("152059").is_empty(),
        "the middle of a NIK finds no one"
    );
    assert!(found("0012").is_empty(), "nor its end");
    assert!(found("78").is_empty(), "two characters are too few");
    assert!(found("\"*(").is_empty(), "FTS syntax is taken literally");
    assert!(found("zzz").is_empty());
}

#[test]
fn a_remote_complainant_needs_no_address_and_keeps_what_is_stored() {
    let conn = db();
    let first = resolve(&conn, &ani(), today(), now(), Contact::AtCounter, &anyone).unwrap();
    // Later she writes on WhatsApp: only her name and number are known.
    let by_whatsapp = PersonInput {
        id_type: "lainnya".into(),
        id_number: String::new(),
        address: String::new(),
        ..ani()
    };
    assert_eq!(
        check(&conn, &by_whatsapp, today(), Contact::AtCounter, &anyone)
            .unwrap_err()
            .field(),
        Some("address")
    );
    let again = resolve(
        &conn,
        &by_whatsapp,
        today(),
        now(),
        Contact::Remote,
        &anyone,
    )
    .unwrap();
    assert_eq!(again.id, first.id, "same name and phone: the same person");
    assert_eq!(again.after.address, "Jl. Timor Raya 12, Oesapa");
    assert_eq!(again.after.nik.as_deref(), Some("5371015205900012"));
    assert_eq!(again.after.id_type, "ktp");
    let stranger = PersonInput {
        name: "Yakob Nenabu".into(),
        phone: "0813 5555 6666".into(),
        ..by_whatsapp
    };
    let new = resolve(&conn, &stranger, today(), now(), Contact::Remote, &anyone).unwrap();
    assert_eq!(new.after.address, "");
    assert_eq!(count(&conn), 2);
}
