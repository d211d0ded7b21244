//! The recap of August 2026 on a fixed set of records, every figure worked out by hand below.
//! August 2026 has two holidays on weekdays: Monday 17 (Proklamasi) and Tuesday 25 (Maulid).
//!
//! | case | channel | received | due (worked out) | settled | as of 31 Aug |
//! |------|---------|----------|------------------|---------|--------------|
//! | A | letter (7 wd) | Mon 10 | Thu 20 (skips 17) | answered Thu 20 by the Kabid — the deadline day | on time, 7 wd |
//! | B | WhatsApp (7) | Fri 14 | Thu 27 (skips 17, 25) | answered Fri 28 by the Kasubag | late, 8 wd |
//! | C | e-mail (7), information | Mon 24 | Thu 3 Sep | open | pending |
//! | D | LAPOR (8) | Tue 4 | Fri 14 | open (in hand) | late, overdue |
//! | E | suggestion box (7) | Mon 3 | Wed 12 | referred Thu 6 | on time, 3 wd, no answering official |
//! | F | WhatsApp (7) | Fri 31 Jul | Tue 11 Aug | open | not August's; overdue at the end |
//! | G | letter (7) | Thu 27 | Mon 7 Sep | answered Wed 2 Sep (after the period) | pending, open at the end |
//!
//! Visits in August: one complaint answered on the spot (card back the same day), one request
//! for information to follow up (card back the next day: late), one consultation with no
//! outcome yet and the card still held (late). One visit in July does not count.

use chrono::NaiveDate;

use super::figures::{self, FigureQuery};
use super::*;
use crate::calendar::holidays;
use crate::test_office::{desk, Desk};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// A seeded visit: key, day, purpose, outcome, when its card went back (UTC).
type VisitSeed = (
    &'static str,
    NaiveDate,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

struct CaseRow {
    key: &'static str,
    channel: &'static str,
    kind: &'static str,
    received: NaiveDate,
    due: NaiveDate,
    status: &'static str,
    answered: Option<NaiveDate>,
    answered_by: Option<i64>,
    /// UTC instant the case was closed (referred).
    closed_at: Option<&'static str>,
}

fn seed(d_: &Desk) -> std::collections::HashMap<&'static str, i64> {
    let rows = [
        CaseRow {
            key: "A",
            channel: "letter",
            kind: "pengaduan",
            received: d(8, 10),
            due: d(8, 20),
            status: "dijawab",
            answered: Some(d(8, 20)),
            answered_by: Some(d_.kabid_id),
            closed_at: None,
        },
        CaseRow {
            key: "B",
            channel: "whatsapp",
            kind: "pengaduan",
            received: d(8, 14),
            due: d(8, 27),
            status: "dijawab",
            answered: Some(d(8, 28)),
            answered_by: Some(d_.kasubag_id),
            closed_at: None,
        },
        CaseRow {
            key: "C",
            channel: "email",
            kind: "informasi",
            received: d(8, 24),
            due: d(9, 3),
            status: "diterima",
            answered: None,
            answered_by: None,
            closed_at: None,
        },
        CaseRow {
            key: "D",
            channel: "lapor",
            kind: "pengaduan",
            received: d(8, 4),
            due: d(8, 14),
            status: "dalam_penanganan",
            answered: None,
            answered_by: None,
            closed_at: None,
        },
        // Closed at 10.00 WITA on Thursday 6 August.
        CaseRow {
            key: "E",
            channel: "suggestion_box",
            kind: "pengaduan",
            received: d(8, 3),
            due: d(8, 12),
            status: "dilimpahkan",
            answered: None,
            answered_by: None,
            closed_at: Some("2026-08-06T02:00:00Z"),
        },
        CaseRow {
            key: "F",
            channel: "whatsapp",
            kind: "pengaduan",
            received: d(7, 31),
            due: d(8, 11),
            status: "diterima",
            answered: None,
            answered_by: None,
            closed_at: None,
        },
        CaseRow {
            key: "G",
            channel: "letter",
            kind: "pengaduan",
            received: d(8, 27),
            due: d(9, 7),
            status: "dijawab",
            answered: Some(d(9, 2)),
            answered_by: Some(d_.kabid_id),
            closed_at: None,
        },
    ];
    let account = d_.admin.account_id;
    d_.office
        .write(|tx| {
            let calendar = WorkingCalendar::new(holidays::all_dates(tx)?);
            let mut ids = std::collections::HashMap::new();
            for (seq, r) in rows.iter().enumerate() {
                let days = if r.channel == "lapor" { 8 } else { 7 };
                assert_eq!(calendar.add_working_days(r.received, days)?, r.due, "case {}", r.key);
                tx.execute(
                    "INSERT INTO cases (reg_year, reg_seq, reg_number, channel, kind, identity, summary,
                                        received_at, received_date, due_date, due_at, due_source, status,
                                        answered_at, answered_via, answered_by, referred_to, closed_at,
                                        recorded_by, created_at)
                     VALUES (2026, ?1, ?12, ?2, ?3, 'anonymous', 'Kasus ' || ?4,
                             ?5 || 'T01:00:00Z', ?5, ?6, ?6 || 'T15:59:00Z', 'channel', ?7,
                             ?8, CASE WHEN ?8 IS NULL THEN NULL ELSE 'surat' END, ?9,
                             CASE WHEN ?7 = 'dilimpahkan' THEN 'Dinas Kependudukan' END, ?10, ?11,
                             '2026-08-01T00:00:00Z')",
                    crate::store::params![
                        seq as i64 + 1, r.channel, r.kind, r.key, r.received, r.due, r.status,
                        r.answered, r.answered_by, r.closed_at, account,
                        format!("PGD-2026-{}", seq + 1),
                    ],
                )?;
                ids.insert(r.key, tx.last_insert_id()?);
            }
            // Visits: (day, purpose, outcome, card returned at).
            let visits: [VisitSeed; 4] = [
                ("v1", d(8, 5), "pengaduan", Some("answered"), Some("2026-08-05T03:00:00Z")),
                ("v2", d(8, 12), "informasi", Some("follow_up"), Some("2026-08-13T01:30:00Z")),
                ("v3", d(8, 31), "konsultasi", None, None),
                ("v0", d(7, 30), "pengaduan", Some("answered"), Some("2026-07-30T03:00:00Z")),
            ];
            tx.execute(
                "INSERT INTO people (name, id_type, created_at, updated_at)
                 VALUES ('Tamu Uji', 'lainnya', '2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z')",
                [],
            )?;
            let person = tx.last_insert_id()?;
            for (slot, (key, day, purpose, outcome, returned)) in visits.iter().enumerate() {
                tx.execute(
                    "INSERT INTO visits (person_id, visit_date, time_in, purpose_category, purpose,
                                         outcome, outcome_at, agreed_date, recorded_by)
                     VALUES (?1, ?2, ?2 || 'T01:00:00Z', ?3, 'Keperluan', ?4,
                             CASE WHEN ?4 IS NULL THEN NULL ELSE ?2 || 'T01:30:00Z' END,
                             CASE WHEN ?4 = 'follow_up' THEN '2026-08-20' END, ?5)",
                    crate::store::params![person, day, purpose, outcome, account],
                )?;
                let visit = tx.last_insert_id()?;
                ids.insert(*key, visit);
                tx.execute(
                    "INSERT INTO id_deposits (visit_id, card_type, slot, deposited_at, returned_at, returned_to)
                     VALUES (?1, 'ktp', ?2, ?3 || 'T01:00:00Z', ?4, CASE WHEN ?4 IS NULL THEN NULL ELSE 'pemilik' END)",
                    crate::store::params![visit, format!("S{slot}"), day, returned],
                )?;
            }
            Ok(ids)
        })
        .unwrap()
}

fn august() -> Period {
    Period::parse(
        &PeriodInput {
            kind: "bulan".into(),
            year: 2026,
            number: 8,
        },
        d(11, 30),
    )
    .unwrap()
}

fn count(list: &[Count], code: &str) -> i64 {
    list.iter().find(|c| c.code == code).map_or(-1, |c| c.count)
}

fn sla<'a>(list: &'a [Sla], code: &str) -> &'a Sla {
    list.iter()
        .find(|s| s.code == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

#[test]
fn august_worked_out_by_hand() {
    let desk = desk();
    seed(&desk);
    let r = desk
        .office
        .recap(
            &desk.admin,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: 8,
            },
        )
        .unwrap();
    assert_eq!(r.as_of, d(8, 31));
    assert_eq!(r.cases_total, 6, "A B C D E G; F is July's");
    for (code, n) in [
        ("letter", 2),
        ("whatsapp", 1),
        ("email", 1),
        ("lapor", 1),
        ("suggestion_box", 1),
        ("counter", 0),
        ("facebook", 0),
    ] {
        assert_eq!(count(&r.by_channel, code), n, "{code}");
    }
    assert_eq!(
        (
            count(&r.by_kind, "pengaduan"),
            count(&r.by_kind, "informasi"),
            count(&r.by_kind, "saran")
        ),
        (5, 1, 0)
    );
    for (code, n) in [
        ("dijawab", 3),
        ("diterima", 1),
        ("dalam_penanganan", 1),
        ("dilimpahkan", 1),
        ("selesai", 0),
        ("didisposisikan", 0),
    ] {
        assert_eq!(count(&r.by_status, code), n, "{code}");
    }
    // On time: A (on the deadline day), E (referred). Late: B (a day after), D (open, past
    // due). Pending: C, G (G was answered only in September).
    assert_eq!(
        (
            r.sla.on_time,
            r.sla.late,
            r.sla.pending,
            r.sla.share_on_time
        ),
        (2, 2, 2, Some(50.0))
    );
    let letter = sla(&r.sla_by_channel, "letter");
    assert_eq!(
        (
            letter.on_time,
            letter.late,
            letter.pending,
            letter.share_on_time
        ),
        (1, 0, 1, Some(100.0))
    );
    let whatsapp = sla(&r.sla_by_channel, "whatsapp");
    assert_eq!(
        (whatsapp.on_time, whatsapp.late, whatsapp.share_on_time),
        (0, 1, Some(0.0))
    );
    assert_eq!(
        sla(&r.sla_by_channel, "email").share_on_time,
        None,
        "nothing decided yet"
    );
    let rehab = sla(&r.sla_by_unit, "6");
    assert_eq!(
        (rehab.label.as_str(), rehab.on_time, rehab.late),
        ("Bidang Rehabilitasi Sosial", 1, 0)
    );
    assert_eq!(sla(&r.sla_by_unit, "3").late, 1);
    assert_eq!(sla(&r.sla_by_unit, "tanpa_unit").on_time, 1);
    let open = sla(&r.sla_by_unit, "belum");
    assert_eq!((open.on_time, open.late, open.pending), (0, 1, 2));
    assert_eq!(
        r.sla_by_unit.last().unwrap().code,
        "belum",
        "unanswered last"
    );
    // Working days to settle: A 7, B 8 (18–28 Aug without 25), E 3.
    assert_eq!(
        (r.answer_days_average, r.answer_days_longest),
        (Some(6.0), Some(8))
    );
    // Open on 31 August: C, D, G and July's F; overdue: D (due 14) and F (due 11).
    assert_eq!((r.open_at_end, r.overdue_at_end), (4, 2));
    assert_eq!(r.visits_total, 3);
    for (code, n) in [
        ("pengaduan", 1),
        ("informasi", 1),
        ("konsultasi", 1),
        ("lainnya", 0),
    ] {
        assert_eq!(count(&r.visits_by_purpose, code), n, "{code}");
    }
    for (code, n) in [
        ("answered", 1),
        ("follow_up", 1),
        ("referred", 0),
        ("none", 1),
    ] {
        assert_eq!(count(&r.visits_by_outcome, code), n, "{code}");
    }
    assert_eq!(
        r.cards_returned_late, 2,
        "v2 back the next day, v3 still held"
    );
    // The chart: January to August; July has F (pending then), August as above.
    assert_eq!(r.months.len(), 8);
    let whatsapp_column = r
        .channels
        .iter()
        .position(|c| c.code == "whatsapp")
        .unwrap();
    assert_eq!(r.months[6].by_channel[whatsapp_column], 1);
    assert_eq!(r.months[6].share_on_time, None);
    assert_eq!(r.months[7].by_channel.iter().sum::<i64>(), 6);
    assert_eq!(r.months[7].share_on_time, Some(50.0));
}

#[test]
fn each_figure_opens_the_records_it_counts() {
    let desk = desk();
    let ids = seed(&desk);
    let list = |figure: &str, code: &str| -> Vec<i64> {
        let found = desk
            .office
            .recap_list(
                &desk.kabid,
                &PeriodInput {
                    kind: "bulan".into(),
                    year: 2026,
                    number: 8,
                },
                &FigureQuery {
                    figure: figure.into(),
                    code: code.into(),
                },
            )
            .unwrap();
        let mut ids: Vec<i64> = found
            .cases
            .iter()
            .map(|c| c.id)
            .chain(found.visits.iter().map(|v| v.id))
            .collect();
        ids.sort_unstable();
        assert_eq!(found.total, ids.len());
        ids
    };
    let of = |keys: &[&str]| -> Vec<i64> {
        let mut v: Vec<i64> = keys.iter().map(|k| ids[k]).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(list("sla:late", ""), of(&["B", "D"]));
    assert_eq!(list("sla:on_time", ""), of(&["A", "E"]));
    assert_eq!(list("sla_channel:pending", "letter"), of(&["G"]));
    assert_eq!(list("sla_unit:pending", "belum"), of(&["C", "G"]));
    assert_eq!(list("channel", "letter"), of(&["A", "G"]));
    assert_eq!(list("status", "dilimpahkan"), of(&["E"]));
    assert_eq!(list("answered", ""), of(&["A", "B", "E"]));
    assert_eq!(list("open_at_end", ""), of(&["C", "D", "F", "G"]));
    assert_eq!(list("overdue_at_end", ""), of(&["D", "F"]));
    assert_eq!(list("cards_late", ""), of(&["v2", "v3"]));
    assert_eq!(list("visit_outcome", "none"), of(&["v3"]));
    let err = desk
        .office
        .recap_list(
            &desk.kabid,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: 8,
            },
            &FigureQuery {
                figure: "x".into(),
                code: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "report.unknown_figure");
    let _ = august();
    let _ = figures::LIMIT;
}

#[test]
fn a_running_month_is_taken_as_of_today() {
    let desk = desk();
    seed(&desk);
    let r = desk
        .office
        .recap(
            &desk.admin,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: 11,
            },
        )
        .unwrap();
    assert_eq!(r.as_of, d(11, 30));
    assert_eq!(r.cases_total, 0);
    // Still open on 30 November: C, D, F (G was answered on 2 September).
    assert_eq!((r.open_at_end, r.overdue_at_end), (3, 3));
    assert_eq!(r.months.len(), 11);
    let year = desk
        .office
        .recap(
            &desk.admin,
            &PeriodInput {
                kind: "tahun".into(),
                year: 2026,
                number: 0,
            },
        )
        .unwrap();
    assert_eq!(year.cases_total, 7);
    // In November B is still late, G (answered 2 Sep, due 7 Sep) is now on time.
    assert_eq!(
        (year.sla.on_time, year.sla.late, year.sla.pending),
        (3, 4, 0)
    );
}

#[test]
fn the_recap_prints_with_the_letterhead() {
    let desk = desk();
    seed(&desk);
    let pdf = desk
        .office
        .recap_pdf(
            &desk.admin,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: 8,
            },
        )
        .unwrap();
    assert_eq!(pdf.file_name, "rekap-pengaduan-agustus-2026.pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let recap = desk
        .office
        .recap(
            &desk.admin,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: 8,
            },
        )
        .unwrap();
    let doc = crate::documents::recap::layout(
        &crate::documents::kop::tests::kupang(),
        &recap,
        "Dicetak oleh Admin Kantor",
    )
    .unwrap();
    let text: Vec<&str> = doc.pages().iter().flat_map(|p| p.texts()).collect();
    for expected in [
        "REKAPITULASI LAYANAN PENGADUAN MASYARAKAT",
        "Agustus 2026",
        "Bidang Rehabilitasi Sosial",
        "50,0%",
    ] {
        assert!(text.iter().any(|t| t.contains(expected)), "{expected}");
    }
}

#[test]
fn a_case_handed_in_on_the_months_last_weekend_counts_in_that_month() {
    // Sunday 29 November: a case handed in today counts from Monday 30 November.
    let desk = desk();
    desk.clock.advance(chrono::Duration::hours(-23));
    let office = &desk.office;
    office
        .case_register(
            &desk.clerk,
            &crate::cases::CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                identity: "anonymous".into(),
                summary: "Diterima hari Minggu".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let r = office
        .recap(
            &desk.admin,
            &PeriodInput {
                kind: "bulan".into(),
                year: 2026,
                number: 11,
            },
        )
        .unwrap();
    assert_eq!(r.as_of, d(11, 29));
    assert_eq!((r.cases_total, r.sla.pending), (1, 1));
    assert_eq!(r.months[10].by_channel.iter().sum::<i64>(), 1);
}

#[test]
fn exports_mask_the_nik_unless_revealed_by_a_role_that_may_and_audit_it() {
    use crate::error::Error;
    use crate::exports::FileFormat;
    use crate::exports::Outcome;
    use crate::{ExportList, ExportRequest};
    let desk = desk();
    let ids = seed(&desk);
    desk.office
        .write(|tx| {
            tx.execute(
                "UPDATE people SET id_type = 'ktp', id_number = '5371015205900012',
                        nik = '5371015205900012' WHERE name = 'Tamu Uji'",
                [],
            )?;
            // The first visit opened a case whose complainant asked for confidentiality.
            Ok(tx.execute(
                "INSERT INTO cases (reg_year, reg_seq, reg_number, channel, kind, person_id, identity,
                                    summary, received_at, received_date, due_date, due_at, due_source,
                                    visit_id, recorded_by, created_at)
                 SELECT 2026, 99, 'PGD-2026-0099', 'counter', 'pengaduan', person_id, 'confidential',
                        'Rahasia', '2026-08-05T01:00:00Z', '2026-08-05', '2026-08-05',
                        '2026-08-05T01:15:00Z', 'channel', id, ?2, '2026-08-05T01:00:00Z'
                   FROM visits WHERE id = ?1",
                crate::store::params![ids["v1"], desk.admin.account_id],
            )?)
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let request = |reveal: bool| ExportRequest {
        list: ExportList::Visits,
        format: FileFormat::Csv,
        from: "01/08/2026".into(),
        to: "31/08/2026".into(),
        period: None,
        reveal_nik: reveal,
    };
    let masked = dir.path().join("tamu.csv");
    let outcome = desk
        .office
        .export(&desk.kabid, &request(false), &masked, &mut |_, _| true)
        .unwrap();
    assert_eq!(outcome, Outcome::Written { rows: 3 });
    let text = std::fs::read_to_string(&masked).unwrap();
    assert!(
        text.contains("5371**********12") && !text.contains("5371015205900012"),
        "{text}"
    );
    assert_eq!(
        text.matches("Tamu Uji").count(),
        2,
        "the confidential complainant is not named"
    );
    assert!(text.contains(crate::cases::CONFIDENTIAL_NAME));
    // A Kabid may not reveal; the Head may, and the trail says so.
    let refused = desk.office.export(
        &desk.kabid,
        &request(true),
        &dir.path().join("x.csv"),
        &mut |_, _| true,
    );
    assert!(matches!(refused, Err(Error::Forbidden { .. })));
    assert!(!dir.path().join("x.csv").exists());
    let full = dir.path().join("tamu-lengkap.csv");
    desk.office
        .export(&desk.head, &request(true), &full, &mut |_, _| true)
        .unwrap();
    assert!(std::fs::read_to_string(&full)
        .unwrap()
        .contains("5371015205900012"));
    let actions: Vec<String> = desk
        .office
        .read(|tx| {
            let mut stmt =
                tx.prepare("SELECT action FROM audit_log WHERE entity = 'export' ORDER BY id")?;
            let rows = stmt
                .query_map([], |r| r.get(0))?
                .collect::<crate::store::SqlResult<Vec<String>>>()?;
            Ok(rows)
        })
        .unwrap();
    assert_eq!(actions, ["export.create", "export.reveal_nik"]);
    // The recap and every list export; an unknown list is named.
    for list in [
        ExportList::Letters,
        ExportList::Cases,
        ExportList::Dispositions,
        ExportList::Outgoing,
    ] {
        let path = dir.path().join(format!("{}.xlsx", list.code()));
        let r = ExportRequest {
            list,
            format: FileFormat::Xlsx,
            ..request(false)
        };
        desk.office
            .export(&desk.kabid, &r, &path, &mut |_, _| true)
            .unwrap();
        assert!(path.exists(), "{list:?}");
    }
    let recap = ExportRequest {
        list: ExportList::Recap,
        format: FileFormat::Xlsx,
        period: Some(PeriodInput {
            kind: "bulan".into(),
            year: 2026,
            number: 8,
        }),
        ..request(false)
    };
    let path = dir.path().join("rekap.xlsx");
    desk.office
        .export(&desk.kabid, &recap, &path, &mut |_, _| true)
        .unwrap();
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let summary = book.worksheet_range("Ringkasan").unwrap();
    assert_eq!(
        summary.get((3, 1)),
        Some(&Data::Float(7.0)),
        "cases received (the six of August and the confidential one)"
    );
    // A list or format the window does not offer never reaches the core.
    for bad in [
        serde_json::json!({ "list": "gaji", "format": "csv" }),
        serde_json::json!({ "list": "cases", "format": "pdf" }),
    ] {
        assert!(serde_json::from_value::<ExportRequest>(bad).is_err());
    }
}

#[test]
fn an_export_never_lands_in_the_data_folder_nor_deletes_a_file_it_did_not_write() {
    use crate::exports::FileFormat;
    use crate::{ExportList, ExportRequest};
    let desk = desk();
    seed(&desk);
    let request = ExportRequest {
        list: ExportList::Cases,
        format: FileFormat::Csv,
        from: "01/08/2026".into(),
        to: "31/08/2026".into(),
        period: None,
        reveal_nik: false,
    };
    // The database file itself (on the office server: any file in the data folder).
    let live = desk.dir.path().join("loket.db");
    if !live.exists() {
        std::fs::write(&live, b"berkas kantor").unwrap();
    }
    let before = std::fs::read(&live).unwrap();
    let err = desk
        .office
        .export(&desk.kabid, &request, &live, &mut |_, _| true)
        .unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("file.in_data_folder", Some("path"))
    );
    assert_eq!(std::fs::read(&live).unwrap(), before);
    // The user chose to overwrite last month's file; then the audit entry cannot be written
    // (here: a trigger refuses it). No entry, no new file — and the old file stays.
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("pengaduan.csv");
    std::fs::write(&kept, "bulan lalu").unwrap();
    desk.office
        .write(|tx| {
            Ok(tx.execute_batch(tx.dialect(
                "CREATE TRIGGER no_exports BEFORE INSERT ON audit_log
                  WHEN NEW.action = 'export.create' BEGIN SELECT RAISE(ABORT, 'disk penuh'); END;",
                "CREATE TRIGGER no_exports BEFORE INSERT ON audit_log
                  FOR EACH ROW WHEN (NEW.action = 'export.create')
                  EXECUTE FUNCTION loket_refuse('disk penuh');",
            ))?)
        })
        .unwrap();
    assert!(desk
        .office
        .export(&desk.kabid, &request, &kept, &mut |_, _| true)
        .is_err());
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "bulan lalu");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["pengaduan.csv"], "no partial file either");
}
