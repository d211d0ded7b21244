//! Ten years of a busy office: about a million records across people, visits, letters,
//! cases and dispositions. Prints the one search box's p50/p95 (FTS5, through the facade),
//! the same words searched with `LIKE` for comparison, the dashboard's time, the yearly recap
//! (Laporan), the file's size, and how long a search, a guest-book lookup and a visit's save
//! wait while yearly recaps run beside them. Asserts nothing.
//!
//! `cargo bench -p loket-core --bench cases` (add `-- 0.1` for a tenth of the size).

use std::time::{Duration, Instant};

use loket_core::accounts::{AccountInput, Actor};
use loket_core::clock::SystemClock;
use loket_core::guestbook::VisitInput;
use loket_core::people::PersonInput;
use loket_core::reports::PeriodInput;
use loket_core::search::SearchQuery;
use loket_core::Office;
use rusqlite::Connection;

mod common;
use common::ten_years::{seed, Sizes};
use common::{median, ms, name};

/// The same words the slow way: `LIKE '%word%'` over every text the index covers.
fn like_search(conn: &Connection, word: &str) -> i64 {
    let pattern = format!("%{word}%");
    conn.query_row(
        "SELECT (SELECT count(*) FROM cases WHERE summary LIKE ?1 OR reg_number LIKE ?1)
              + (SELECT count(*) FROM letters WHERE subject LIKE ?1 OR sender_name LIKE ?1
                                                 OR letter_number LIKE ?1)
              + (SELECT count(*) FROM visits WHERE purpose LIKE ?1)
              + (SELECT count(*) FROM people WHERE name LIKE ?1)",
        [pattern],
        |r| r.get(0),
    )
    .unwrap()
}

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut last = None;
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            last = Some(f());
            t.elapsed()
        })
        .collect();
    let (p50, p95) = median(times);
    (p50, p95, last.unwrap())
}

/// A visitor typed at the counter while the office is busy.
fn visitor(i: usize) -> VisitInput {
    VisitInput {
        person: PersonInput {
            name: format!("Tamu Sibuk {i}"),
            id_type: "sim".into(),
            id_number: format!("SIM-SIBUK-{i}"),
            address: "Jl. El Tari, Kupang".into(),
            ..Default::default()
        },
        purpose_category: "pengaduan".into(),
        purpose: "Menanyakan bantuan".into(),
        ..Default::default()
    }
}

/// What a user at another desk does while a long read runs: search as they type, look up a
/// returning visitor, save a visit. Each call's wait, in order.
fn desk_work(
    office: &Office,
    admin: &Actor,
    rounds: usize,
    first: usize,
) -> Vec<(&'static str, Duration)> {
    let mut waits = Vec::new();
    for i in first..first + rounds {
        for typed in ["sem", "semba", "sembako"] {
            let query = SearchQuery {
                text: typed.into(),
                ..Default::default()
            };
            let t = Instant::now();
            office.search(admin, &query).unwrap();
            waits.push(("search", t.elapsed()));
        }
        let t = Instant::now();
        office.people_lookup(admin, "Maria Se").unwrap();
        waits.push(("lookup", t.elapsed()));
        let t = Instant::now();
        office.visit_register(admin, &visitor(i)).unwrap();
        waits.push(("save", t.elapsed()));
        // A person types and thinks: the desk's work spreads over several recaps.
        std::thread::sleep(Duration::from_millis(10));
    }
    waits
}

fn worst(waits: &[(&'static str, Duration)], kind: &str) -> Duration {
    waits
        .iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, d)| *d)
        .max()
        .unwrap_or_default()
}

fn main() {
    let scale: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1.0);
    let sizes = Sizes::at(scale);
    let records = sizes.records();
    // LOKET_BENCH_DATA=folder keeps the seeded office there and reuses it on the next run
    // (same scale), which saves the seeding while trying one change after another.
    let dir = tempfile::tempdir().unwrap();
    let folder = std::env::var_os("LOKET_BENCH_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().to_owned());
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("loket.db");
    let started = Instant::now();
    if !path.exists() {
        let account = Office::open(&path, Box::new(SystemClock))
            .unwrap()
            .create_first_admin(&AccountInput {
                username: "admin".into(),
                full_name: "Admin Bench".into(),
                password: "sandi-bench-123".into(),
                ..Default::default()
            })
            .unwrap()
            .account_id;
        seed(&path, &sizes, account);
    }
    let seeding = started.elapsed();
    // Opened (and migrated) before the file is measured.
    let office = Office::open(&path, Box::new(SystemClock)).unwrap();
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    println!(
        "{records} records (people {}, visits {}, letters {}, cases {}, dispositions {}): \
         {size_mb:.0} MB file, seeded in {:.0} s",
        sizes.people,
        sizes.visits,
        sizes.letters,
        sizes.cases,
        sizes.cases,
        seeding.as_secs_f64()
    );

    let admin = office.sign_in("admin", "sandi-bench-123").unwrap();
    let (p50, p95, _) = timed(20, || office.dashboard(&admin).unwrap());
    println!(
        "dashboard (counts, per channel, per official): p50 {}, p95 {}",
        ms(p50),
        ms(p95)
    );

    for (label, kind, number) in [
        ("yearly", "tahun", 0),
        ("quarterly", "triwulan", 2),
        ("monthly", "bulan", 5),
    ] {
        let input = PeriodInput {
            kind: kind.into(),
            year: 2024,
            number,
        };
        let (p50, p95, recap) = timed(10, || office.recap(&admin, &input).unwrap());
        println!(
            "{label} recap of {} ({} cases, {} visits): p50 {}, p95 {}",
            recap.period.label,
            recap.cases_total,
            recap.visits_total,
            ms(p50),
            ms(p95)
        );
    }

    let conn = Connection::open(&path).unwrap();
    let person = name(sizes.people / 3);
    for (label, words) in [
        ("a rare phrase", "puting beliung"),
        ("a registration number", "PGD-2021-0123"),
        ("a person's full name", person.as_str()),
        ("a common word", "sembako"),
        ("a prefix of a common word", "verif"),
    ] {
        let query = SearchQuery {
            text: words.into(),
            ..Default::default()
        };
        // A hundred tries, so the 95th percentile is not simply the slowest (first, cold) one.
        let (p50, p95, found) = timed(100, || office.search(&admin, &query).unwrap());
        // Where the time goes: the index's count of every match, and reading the first page.
        let fts = loket_core::search::fts_query(words).unwrap();
        let (count_p50, count_p95, counted) = timed(20, || {
            conn.query_row(
                "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
                [&fts],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
        });
        println!(
            "  (counting every one of its {counted} matches, which the search box no longer \
             does: p50 {}, p95 {})",
            ms(count_p50),
            ms(count_p95)
        );
        let like_word = words.split_whitespace().next().unwrap();
        let (like_p50, _, like_count) = timed(3, || like_search(&conn, like_word));
        println!(
            "search {label} ({words:?}): FTS5 p50 {}, p95 {} ({}{} matches, first {} shown); \
             LIKE '%{like_word}%' p50 {} ({like_count} rows): {:.0}× at p50, {:.0}× at p95",
            ms(p50),
            ms(p95),
            found.total,
            if found.truncated { "+" } else { "" },
            found.hits.len(),
            ms(like_p50),
            like_p50.as_secs_f64() / p50.as_secs_f64(),
            like_p50.as_secs_f64() / p95.as_secs_f64()
        );
    }

    // Reads beside writes: the same desk work alone, then while another desk runs yearly
    // recaps without pause.
    let alone = desk_work(&office, &admin, 40, 0);
    let recap_input = PeriodInput {
        kind: "tahun".into(),
        year: 2024,
        number: 0,
    };
    let busy = std::sync::atomic::AtomicBool::new(true);
    let (beside, recaps) = std::thread::scope(|scope| {
        let recaps = scope.spawn(|| {
            let mut done = 0;
            while busy.load(std::sync::atomic::Ordering::Relaxed) {
                office.recap(&admin, &recap_input).unwrap();
                done += 1;
            }
            done
        });
        // Let the first recap get under way.
        std::thread::sleep(Duration::from_millis(50));
        let waits = desk_work(&office, &admin, 40, 40);
        busy.store(false, std::sync::atomic::Ordering::Relaxed);
        (waits, recaps.join().unwrap())
    });
    for kind in ["search", "lookup", "save"] {
        println!(
            "worst {kind} wait: {} alone, {} while {recaps} yearly recaps ran beside it",
            ms(worst(&alone, kind)),
            ms(worst(&beside, kind))
        );
    }
}
