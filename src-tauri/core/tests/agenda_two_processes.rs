//! Two PCs registering letters at the same moment on one database (a file, or the office
//! server with `LOKET_TEST_PG`): two OS processes
//! save thousands of letters each, as fast as they can. Neither may see an error, and the
//! agenda book must hold every number from 1 up, each once.

use std::process::{Command, Stdio};

use loket_core::accounts::AccountInput;
use loket_core::clock::SystemClock;
use loket_core::letters::LetterInput;
use loket_core::{Database, Office};

mod common;

const CHILD_ENV: &str = "LOKET_AGENDA_CHILD_DB";
const LETTERS_EACH: usize = 2000;
const USER: &str = "admin";
const PASSWORD: &str = "sandi-uji-agenda";

/// One PC: sign in, register letters one user action at a time, exit non-zero on the first
/// error (which is what the clerk would have seen).
fn child(db: &Database, pc: &str) -> ! {
    let office = Office::open_database(db, Box::new(SystemClock)).expect("child opens");
    let actor = office.sign_in(USER, PASSWORD).expect("child signs in");
    for n in 0..LETTERS_EACH {
        let input = LetterInput {
            letter_number: format!("{pc}/{n}"),
            letter_date: "02/01/2020".into(),
            sender_name: format!("Pengirim {pc}"),
            subject: format!("Surat uji {n} dari {pc}"),
            urgency: "biasa".into(),
            kind: "lainnya".into(),
            ..Default::default()
        };
        if let Err(e) = office.letter_register(&actor, &input, None, &[]) {
            eprintln!("{pc} letter {n}: {e}");
            std::process::exit(1);
        }
    }
    std::process::exit(0)
}

#[test]
fn two_processes_register_letters_without_duplicate_or_gap() {
    if let Ok(db) = std::env::var(CHILD_ENV) {
        child(
            &common::from_env(&db),
            &std::env::var("LOKET_AGENDA_PC").unwrap(),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_database(dir.path());
    Office::open_database(&db, Box::new(SystemClock))
        .unwrap()
        .create_first_admin(&AccountInput {
            username: USER.into(),
            full_name: "Admin".into(),
            password: PASSWORD.into(),
            ..Default::default()
        })
        .unwrap();
    let spawn = |pc: &str| {
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "two_processes_register_letters_without_duplicate_or_gap",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, common::to_env(&db))
            .env("LOKET_AGENDA_PC", pc)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn("PC-A"), spawn("PC-B")];
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a PC saw an error: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let conn = loket_core::store::connect(&db).unwrap();
    let (count, distinct, low, high): (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT count(*), count(DISTINCT agenda_seq), min(agenda_seq), max(agenda_seq)
               FROM letters",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let expected = 2 * LETTERS_EACH as i64;
    assert_eq!(
        (count, distinct, low, high),
        (expected, expected, 1, expected)
    );
    // Both really ran at once: their letters are interleaved in the book.
    let switches: i64 = conn
        .query_row(
            "SELECT count(*) FROM letters a JOIN letters b ON b.agenda_seq = a.agenda_seq + 1
              WHERE a.sender_name <> b.sender_name",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(switches > 0, "the two PCs never alternated");
    // One audit chain, whichever PC saved.
    let office = Office::open_database(&db, Box::new(SystemClock)).unwrap();
    let check = office.audit_verify_at_startup().unwrap();
    assert_eq!(check.first_broken, None, "{}", check.message);
}
