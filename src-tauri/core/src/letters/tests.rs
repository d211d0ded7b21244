//! The agenda book through the facade, as the records clerk uses it.

use chrono::Duration;

use super::*;
use crate::test_office::{desk, Desk};

pub(crate) fn letter_input() -> LetterInput {
    LetterInput {
        letter_number: "005/RT.04/XI/2026".into(),
        letter_date: "25/11/2026".into(),
        sender_name: "Ketua RT 004 Kelurahan Oesapa".into(),
        sender_address: "Jl. Timor Raya 17, Oesapa".into(),
        subject: "Permohonan verifikasi ulang data DTKS warga".into(),
        urgency: "segera".into(),
        enclosures: "2".into(),
        kind: "lainnya".into(),
        ..Default::default()
    }
}

fn register(d: &Desk) -> Letter {
    d.office
        .letter_register(&d.clerk, &letter_input(), None, &[])
        .unwrap()
        .letter
}

#[test]
fn agenda_numbers_run_per_year_without_gaps() {
    let d = desk();
    let numbers: Vec<i64> = (0..5).map(|_| register(&d).agenda_seq).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    // A refused letter takes no number.
    let mut bad = letter_input();
    bad.subject = String::new();
    assert!(d.office.letter_register(&d.clerk, &bad, None, &[]).is_err());
    assert_eq!(register(&d).agenda_seq, 6);
    // The new year starts again at 1.
    d.clock.advance(Duration::days(35)); // Monday 4 January 2027
    let new_year = register(&d);
    assert_eq!((new_year.agenda_year, new_year.agenda_seq), (2027, 1));
    assert_eq!(
        new_year.agenda_number, "1",
        "the default format is the bare number"
    );
    // The book refuses deleting a letter or changing its number, even past the facade.
    let conn = d.office.conn();
    assert!(conn
        .execute("DELETE FROM letters WHERE id = 1", [])
        .is_err());
    assert!(conn
        .execute("UPDATE letters SET agenda_seq = 99 WHERE id = 1", [])
        .is_err());
}

#[test]
fn the_agenda_format_and_classification_code() {
    let d = desk();
    d.office
        .numbering_save(
            &d.admin,
            &crate::settings::numbering::NumberingInput {
                agenda: "{nomor}/SM/{bulan_romawi}/{tahun}".into(),
                outgoing: "{kode}/{nomor}/{unit}/{tahun}".into(),
            },
        )
        .unwrap();
    let mut input = letter_input();
    input.classification_code = "400.9".into();
    let letter = d
        .office
        .letter_register(&d.clerk, &input, None, &[])
        .unwrap()
        .letter;
    assert_eq!(letter.agenda_number, "1/SM/XI/2026");
    assert_eq!(letter.classification_code.as_deref(), Some("400.9"));
    input.classification_code = "999.9".into();
    let err = d
        .office
        .letter_register(&d.clerk, &input, None, &[])
        .unwrap_err();
    assert_eq!(err.field(), Some("classification_code"));
}

#[test]
fn after_closing_time_a_letter_counts_from_the_next_working_day() {
    let d = desk();
    // Handed in on Friday 27 November at 16.30, registered on Monday morning.
    let mut input = letter_input();
    input.received_date = "27/11/2026".into();
    input.received_time = "16.30".into();
    let letter = d
        .office
        .letter_register(&d.clerk, &input, None, &[])
        .unwrap()
        .letter;
    assert_eq!(
        letter.received_date,
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    );
    assert_eq!(letter.received_label, "Jumat, 27 November 2026 pukul 16.30");
    assert!(letter.counted_later);
    input.received_time = "15.59".into();
    let before_closing = d
        .office
        .letter_register(&d.clerk, &input, None, &[])
        .unwrap()
        .letter;
    assert_eq!(
        before_closing.received_date,
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    );
}

#[test]
fn every_bad_field_is_named_and_nothing_is_saved() {
    let d = desk();
    let input = LetterInput {
        letter_number: "x".repeat(201),
        letter_date: "31/02/2026".into(),
        received_date: "01/12/2026".into(), // tomorrow
        sender_name: " ".into(),
        subject: "Perihal\u{0}".into(),
        urgency: "kilat".into(),
        enclosures: "-1".into(),
        ..Default::default()
    };
    let err = d
        .office
        .letter_register(&d.clerk, &input, None, &[])
        .unwrap_err();
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "letter_number",
            "letter_date",
            "received_date",
            "sender_name",
            "subject",
            "urgency",
            "kind",
            "enclosures"
        ]
    );
    // Dated after it arrived.
    let mut late = letter_input();
    late.letter_date = "01/12/2026".into();
    assert_eq!(
        d.office
            .letter_register(&d.clerk, &late, None, &[])
            .unwrap_err()
            .code(),
        "letter.dated_after_receipt"
    );
    let count: i64 = d
        .office
        .conn()
        .query_row("SELECT count(*) FROM letters", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);
}

#[test]
fn a_letter_with_its_scan_and_a_file_that_lies_about_its_type() {
    let d = desk();
    let scan = d.dir.path().join("surat-rt.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% scanned\n%%EOF\n").unwrap();
    let photo = d.dir.path().join("lampiran.pdf");
    std::fs::write(&photo, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0xFF, 0xD9]).unwrap();
    // The second file is a JPEG named .pdf: the whole registration is refused, no number used.
    let err = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[scan.clone(), photo])
        .unwrap_err();
    assert_eq!(err.code(), "attachment.name_mismatch");
    assert!(err.to_string().contains("lampiran.pdf"), "{err}");
    let file = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[scan])
        .unwrap();
    assert_eq!(file.letter.agenda_seq, 1);
    assert_eq!(file.attachments.len(), 1);
    assert_eq!(file.attachments[0].kind_label, "PDF");
    let stored = d
        .office
        .attachment_file(&d.reception, file.attachments[0].id)
        .unwrap();
    // Kept as a file on one PC; on the server in the database, opened from a checked copy.
    let kept_in = if d.server.is_some() {
        crate::attachments::OPENED_FOLDER
    } else {
        "lampiran"
    };
    assert!(stored.starts_with(d.dir.path().join(kept_in)));
    // Only the records clerk (and admin) registers letters.
    assert_eq!(
        d.office
            .letter_register(&d.reception, &letter_input(), None, &[])
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
}

#[test]
fn the_book_lists_and_finds_by_any_part() {
    let d = desk();
    register(&d);
    let mut other = letter_input();
    other.sender_name = "LSM Peduli Anak NTT".into();
    other.subject = "Undangan rapat koordinasi 100% hadir".into();
    d.office
        .letter_register(&d.clerk, &other, None, &[])
        .unwrap();
    let find = |text: &str| {
        d.office
            .letters(
                &d.kabid,
                &LetterFilter {
                    text: text.into(),
                    ..Default::default()
                },
            )
            .unwrap()
            .total
    };
    assert_eq!(find(""), 2);
    assert_eq!(find("peduli"), 1);
    assert_eq!(find("RT.04"), 2);
    assert_eq!(find("100%"), 1, "% is a literal");
    assert_eq!(find("zzz"), 0);
}

#[test]
fn the_closing_time_is_a_setting() {
    let d = desk();
    assert_eq!(d.office.closing_time(&d.clerk).unwrap(), "16.00");
    let err = d.office.closing_time_save(&d.admin, "25.00").unwrap_err();
    assert_eq!(err.field(), Some("closing_time"));
    assert_eq!(
        d.office
            .closing_time_save(&d.clerk, "17:00")
            .unwrap_err()
            .code(),
        "auth.forbidden"
    );
    assert_eq!(
        d.office.closing_time_save(&d.admin, "17:00").unwrap(),
        "17.00"
    );
    let mut input = letter_input();
    input.received_date = "27/11/2026".into();
    input.received_time = "16.30".into();
    let letter = d
        .office
        .letter_register(&d.clerk, &input, None, &[])
        .unwrap()
        .letter;
    assert_eq!(
        letter.received_date,
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    );
}

#[test]
fn the_largest_scan_is_a_setting() {
    let d = desk();
    assert_eq!(d.office.attachment_max_mb(&d.clerk).unwrap(), 20);
    assert_eq!(
        d.office
            .attachment_max_mb_save(&d.admin, "0")
            .unwrap_err()
            .field(),
        Some("attachment_max_mb")
    );
    assert_eq!(d.office.attachment_max_mb_save(&d.admin, "1").unwrap(), 1);
    let big = d.dir.path().join("besar.pdf");
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(1024 * 1024 + 10, b' ');
    bytes.extend(b"\n%%EOF\n");
    std::fs::write(&big, bytes).unwrap();
    let err = d
        .office
        .letter_register(&d.clerk, &letter_input(), None, &[big])
        .unwrap_err();
    assert_eq!(err.code(), "file.too_large");
}
