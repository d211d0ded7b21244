//! Guest-book speed at office scale and beyond: the time to save one visit (with its audit
//! entry, in a WAL file with synchronous=FULL, as the app runs) and to search visits by name,
//! over 100 000 and 1 000 000 stored visits. Prints figures; asserts nothing.
//!
//! `cargo bench -p loket-core --bench guestbook` (add `-- 100000` for one size only).

use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use loket_core::accounts::{AccountInput, Actor};
use loket_core::clock::SystemClock;
use loket_core::guestbook::{VisitFilter, VisitInput};
use loket_core::people::PersonInput;
use loket_core::Office;
use rusqlite::{params, Connection};

mod common;
use common::{median, ms, name, LAST};

/// A valid NIK for person `i`: Kota Kupang, a birth date from `i`, a serial.
fn nik(i: u64) -> String {
    let day = 1 + i % 28 + if i % 2 == 0 { 40 } else { 0 };
    let month = 1 + (i / 28) % 12;
    let year = 50 + (i / 336) % 50;
    format!("537101{day:02}{month:02}{year:02}{:04}", 1 + i % 9999)
}

/// Stores `visits` visits of `visits / 3` people spread over ten years, straight in SQL
/// (the facade's per-visit audit entries would take hours at this size).
fn seed(path: &std::path::Path, visits: u64, account: i64) {
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA journal_mode = WAL;")
        .unwrap();
    let tx = conn.transaction().unwrap();
    let people = (visits / 3).max(1);
    let start: DateTime<Utc> = "2016-12-01T00:30:00Z".parse().unwrap();
    {
        let mut person = tx
            .prepare(
                "INSERT INTO people (id, name, id_type, id_number, nik, phone, address, institution,
                                     created_at, updated_at)
                 VALUES (?1, ?2, 'ktp', ?3, ?3, ?4, ?5, '', ?6, ?6)",
            )
            .unwrap();
        let mut seen = std::collections::HashSet::new();
        for i in 0..people {
            let mut number = nik(i);
            // Keep NIKs unique: the generator repeats after a while.
            if !seen.insert(number.clone()) {
                number = format!("{}{:04}", &number[..12], (i / 9999) % 9999 + 1);
                if !seen.insert(number.clone()) {
                    continue;
                }
            }
            person
                .execute(params![
                    i as i64 + 1,
                    name(i),
                    number,
                    format!("+62812{:08}", i),
                    format!("Kelurahan {} RT {:03}", LAST[(i % 24) as usize], i % 40),
                    start,
                ])
                .unwrap();
        }
        let mut visit = tx
            .prepare(
                "INSERT INTO visits (person_id, visit_date, time_in, time_out, purpose_category,
                                     purpose, companions, recorded_by)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, 0, ?7 WHERE EXISTS (SELECT 1 FROM people WHERE id = ?1)",
            )
            .unwrap();
        let minutes_per_visit = (10 * 365 * 24 * 60) as f64 / visits as f64;
        for v in 0..visits {
            let at = start + Span::minutes((v as f64 * minutes_per_visit) as i64);
            let person = (v * 7919) % people + 1;
            let category = ["pengaduan", "informasi", "konsultasi", "lainnya"][(v % 4) as usize];
            visit
                .execute(params![
                    person as i64,
                    at.date_naive(),
                    at,
                    at + Span::minutes(25),
                    category,
                    "Menanyakan bantuan sosial dan data DTKS",
                    account,
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}

fn visit_input(i: u64) -> VisitInput {
    VisitInput {
        person: PersonInput {
            seen: None,
            person_id: None,
            name: format!("Tamu Uji {i}"),
            id_type: "sim".into(),
            id_number: format!("SIM-{i}"),
            phone: String::new(),
            address: "Jl. El Tari, Kupang".into(),
            institution: String::new(),
            email: None,
        },
        purpose_category: "pengaduan".into(),
        purpose: "Uji kecepatan".into(),
        companions: String::new(),
        deposit_card: false,
        deposit_slot: String::new(),
        follows_case_id: None,
    }
}

fn run(size: u64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("loket.db");
    let account = {
        let office = Office::open(&path, Box::new(SystemClock)).unwrap();
        office
            .create_first_admin(&AccountInput {
                username: "admin".into(),
                full_name: "Admin Bench".into(),
                password: "sandi-bench-123".into(),
                ..Default::default()
            })
            .unwrap()
            .account_id
    };
    let started = Instant::now();
    seed(&path, size, account);
    let seeding = started.elapsed();
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    let office = Office::open(&path, Box::new(SystemClock)).unwrap();
    let admin: Actor = office.sign_in("admin", "sandi-bench-123").unwrap();

    let saves: Vec<Duration> = (0..200)
        .map(|i| {
            let t = Instant::now();
            office.visit_register(&admin, &visit_input(i)).unwrap();
            t.elapsed()
        })
        .collect();
    let (save_median, save_p95) = median(saves);

    let mut report = vec![format!(
        "{size:>9} visits ({:.0} MB file, seeded in {:.1} s): save a visit median {}, p95 {}",
        size_mb,
        seeding.as_secs_f64(),
        ms(save_median),
        ms(save_p95)
    )];
    let full_name = name(size / 6);
    for (label, query) in [
        ("a common surname", "Seran"),
        ("a full name", full_name.as_str()),
        ("three letters", "fan"),
    ] {
        let filter = VisitFilter {
            name: query.into(),
            ..Default::default()
        };
        let mut total = 0;
        let times: Vec<Duration> = (0..15)
            .map(|_| {
                let t = Instant::now();
                total = office.visits_search(&admin, &filter).unwrap().total;
                t.elapsed()
            })
            .collect();
        let (m, p95) = median(times);
        report.push(format!(
            "{:>9} search by name, {label} ({query:?}, {total} matches, newest 500 returned): median {}, p95 {}",
            "",
            ms(m),
            ms(p95)
        ));
    }
    let times: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            office.people_lookup(&admin, "0812000123").unwrap();
            t.elapsed()
        })
        .collect();
    let (m, p95) = median(times);
    report.push(format!(
        "{:>9} returning visitor as you type (phone digits): median {}, p95 {}",
        "",
        ms(m),
        ms(p95)
    ));
    for line in report {
        println!("{line}");
    }
}

fn main() {
    let sizes: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    for size in sizes {
        run(size);
    }
}
