//! Crash safety: a child process saves continuously and is killed with SIGKILL at random
//! moments (on the SQLite file, or on the office server with `LOKET_TEST_PG`). After every kill the database must pass `integrity_check`, the audit chain must
//! verify, and every save the child reported as committed must be there.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use loket_core::accounts::AccountInput;
use loket_core::clock::SystemClock;
use loket_core::settings::classification::ClassificationInput;
use loket_core::{Database, Office};

mod common;

const CHILD_ENV: &str = "LOKET_CRASH_CHILD_DB";
const ROUNDS: u32 = 50;
const USER: &str = "admin";
const PASSWORD: &str = "sandi-uji-ketahanan";

/// The child's side: sign in, then save classification codes until killed, reporting each
/// one only after its transaction committed.
fn child(db: &Database, round: u32) -> ! {
    let office =
        Office::open_database(db, Box::new(SystemClock)).expect("child opens the database");
    let actor = office.sign_in(USER, PASSWORD).expect("child signs in");
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let code = format!("900.{round}.{n}");
        let input = ClassificationInput {
            code: code.clone(),
            title: format!("Uji {round}/{n}"),
            active: true,
            existing: false,
        };
        office.classification_save(&actor, &input).expect("save");
        writeln!(out, "committed {code}").unwrap();
        out.flush().unwrap();
    }
    unreachable!()
}

/// A small xorshift generator: kill times only need to vary, not be cryptographic.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn killed_while_saving_loses_nothing_committed() {
    if let Ok(db) = std::env::var(CHILD_ENV) {
        let round = std::env::var("LOKET_CRASH_ROUND").unwrap().parse().unwrap();
        child(&common::from_env(&db), round);
    }
    let dir = tempfile::tempdir().unwrap();
    let db = common::fresh_database(dir.path());
    {
        let office = Office::open_database(&db, Box::new(SystemClock)).unwrap();
        let admin = AccountInput {
            username: USER.into(),
            full_name: "Admin".into(),
            password: PASSWORD.into(),
            ..Default::default()
        };
        office.create_first_admin(&admin).unwrap();
    }
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut random = Random(seed);
    let mut committed_total = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "killed_while_saving_loses_nothing_committed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, common::to_env(&db))
            .env("LOKET_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (lines_tx, lines_rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(code) = line.strip_prefix("committed ") {
                    let _ = lines_tx.send(code.to_owned());
                }
            }
        });
        // Wait for the first save, then kill at a random moment in the stream of saves.
        let first = lines_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the child saves");
        let kill_at = Instant::now() + Duration::from_micros(random.below(150_000));
        while Instant::now() < kill_at {
            std::thread::sleep(Duration::from_micros(500));
        }
        child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush, no rollback code
        child.wait().unwrap();
        reader.join().unwrap();
        let committed: Vec<String> = std::iter::once(first).chain(lines_rx.try_iter()).collect();
        committed_total += committed.len();

        // SQLite's file is checked page by page; the server keeps its own files (a client's
        // death only ends its session, whose open transaction the server rolls back).
        let conn = loket_core::store::connect(&db).unwrap();
        let integrity: String = conn
            .query_row(
                conn.dialect("PRAGMA integrity_check", "SELECT 'ok'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(integrity, "ok", "round {round}");
        drop(conn);
        let office = Office::open_database(&db, Box::new(SystemClock)).unwrap();
        let check = office.audit_verify_at_startup().unwrap();
        assert_eq!(check.first_broken, None, "round {round}: {}", check.message);
        let actor = office.sign_in(USER, PASSWORD).unwrap();
        let saved: std::collections::HashSet<String> = office
            .classification_codes(&actor)
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect();
        for code in &committed {
            assert!(
                saved.contains(code),
                "round {round}: {code} was reported committed but is missing"
            );
        }
    }
    println!("{ROUNDS} kills, {committed_total} committed saves checked (seed {seed})");
}
