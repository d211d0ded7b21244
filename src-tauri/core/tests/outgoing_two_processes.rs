//! Two PCs signing reply letters at the same moment on one database file: two OS processes
//! each sign hundreds of drafts as fast as they can. Neither may see an error, and the
//! outgoing numbers must run from 1 up, each once, with no gap.

use std::process::{Command, Stdio};

use loket_core::accounts::AccountInput;
use loket_core::cases::CaseInput;
use loket_core::clock::SystemClock;
use loket_core::people::PersonInput;
use loket_core::settings::officials::OfficialInput;
use loket_core::{Database, Office};

mod common;

const CHILD_ENV: &str = "LOKET_OUTGOING_CHILD_DB";
const LETTERS_EACH: usize = 300;
const HEAD: &str = "kadis";
const PASSWORD: &str = "sandi-uji-surat-keluar";

/// One PC: the Head signs every draft in its half, one user action at a time, and exits
/// non-zero on the first error (which is what he would have seen).
fn child(db: &Database, ids: &str) -> ! {
    let office = Office::open_database(db, Box::new(SystemClock)).expect("child opens");
    let head = office.sign_in(HEAD, PASSWORD).expect("child signs in");
    for id in ids.split(',') {
        let id: i64 = id.parse().unwrap();
        if let Err(e) = office.reply_sign(&head, id) {
            eprintln!("draft {id}: {e}");
            std::process::exit(1);
        }
    }
    std::process::exit(0)
}

#[test]
fn two_processes_sign_letters_without_duplicate_or_gap() {
    if let Ok(db) = std::env::var(CHILD_ENV) {
        child(
            &common::from_env(&db),
            &std::env::var("LOKET_OUTGOING_IDS").unwrap(),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_database(dir.path());
    let office = Office::open_database(&db, Box::new(SystemClock)).unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "admin".into(),
            full_name: "Admin".into(),
            password: "sandi-kantor-kupang".into(),
            ..Default::default()
        })
        .unwrap();
    let head_id = office
        .official_save(
            &admin,
            None,
            &OfficialInput {
                seen: None,
                name: "Drs. Frans Lebu Raya".into(),
                nip: "196805121994031004".into(),
                rank_code: "IV/c".into(),
                position: "Kepala Dinas Sosial".into(),
                unit_id: Some(1),
                active_from: "01/01/2020".into(),
                active_to: String::new(),
            },
        )
        .unwrap()
        .id;
    office
        .account_create(
            &admin,
            &AccountInput {
                seen: None,
                username: HEAD.into(),
                full_name: "Kepala Dinas".into(),
                role: loket_core::accounts::Role::KepalaDinas,
                official_id: Some(head_id),
                active: true,
                password: "sementara-123".into(),
            },
        )
        .unwrap();
    // The Head's own password, with which the child processes sign in.
    let first = office.sign_in(HEAD, "sementara-123").unwrap();
    office
        .change_own_password(&first, "sementara-123", PASSWORD)
        .unwrap();
    let case_id = office
        .case_register(
            &admin,
            &CaseInput {
                channel: "whatsapp".into(),
                kind: "pengaduan".into(),
                identity: "named".into(),
                person: Some(PersonInput {
                    name: "Yuliana Nenobais".into(),
                    id_type: "lainnya".into(),
                    ..Default::default()
                }),
                summary: "Bantuan PKH belum cair".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    // Drafts by the records clerk, ready to sign: no reviewers (the Head signs in person),
    // so submitting sends them to the Head.
    office
        .account_create(
            &admin,
            &AccountInput {
                username: "tata.usaha".into(),
                full_name: "Pengelola Surat".into(),
                role: loket_core::accounts::Role::PengelolaSurat,
                active: true,
                password: "sementara-123".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let first = office.sign_in("tata.usaha", "sementara-123").unwrap();
    let clerk = office
        .change_own_password(&first, "sementara-123", PASSWORD)
        .unwrap();
    let ids: Vec<i64> = (0..2 * LETTERS_EACH)
        .map(|_| {
            let file = office
                .reply_create(&clerk, case_id, "jawaban_pengaduan")
                .unwrap();
            office.reply_submit(&clerk, file.reply.id).unwrap();
            file.reply.id
        })
        .collect();
    drop(office);

    // Interleaved halves, so the two PCs sign neighbouring drafts at the same time.
    let half = |parity: usize| {
        ids.iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, id)| id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let spawn = |ids: String| {
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "two_processes_sign_letters_without_duplicate_or_gap",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, common::to_env(&db))
            .env("LOKET_OUTGOING_IDS", ids)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let started = std::time::Instant::now();
    let children = [spawn(half(0)), spawn(half(1))];
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a PC saw an error: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    eprintln!(
        "{} letters signed by two processes in {:.1} s",
        2 * LETTERS_EACH,
        started.elapsed().as_secs_f64()
    );
    let conn = loket_core::store::connect(&db).unwrap();
    let (count, distinct, low, high, numbers): (i64, i64, i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT outgoing_seq), min(outgoing_seq), max(outgoing_seq),
                    count(DISTINCT outgoing_number)
               FROM replies WHERE status = 'ditandatangani'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    let expected = 2 * LETTERS_EACH as i64;
    assert_eq!(
        (count, distinct, low, high, numbers),
        (expected, expected, 1, expected, expected)
    );
    // Both really ran at once: their signings are interleaved in the number sequence.
    let switches: i64 = conn
        .query_row(
            "SELECT count(*) FROM replies a JOIN replies b ON b.outgoing_seq = a.outgoing_seq + 1
              WHERE (a.id % 2) <> (b.id % 2)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(switches > 1, "the two PCs never alternated ({switches})");
    let office = Office::open_database(&db, Box::new(SystemClock)).unwrap();
    let check = office.audit_verify_at_startup().unwrap();
    assert_eq!(check.first_broken, None, "{}", check.message);
}
