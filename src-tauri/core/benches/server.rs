//! The office server beside one PC's file: the same ten years of an office (the cases
//! bench's data) in SQLite and, moved there by `store::transfer`, in PostgreSQL on this
//! machine's loopback. Prints what staff wait for on each store and PostgreSQL's time as a
//! multiple of SQLite's: the search box (a rare phrase, a common word, a name, a
//! registration number, a prefix, and typing "sem", "semba", "sembako"), Beranda, the
//! yearly recap, the guest-book lookup and saving a visit. Asserts nothing.
//!
//! Needs a server: `LOKET_BENCH_PG="host=… user=…"` (e.g. from
//! `PG_FSYNC=on bash scripts/pg-cluster.sh start "$(mktemp -d)"`), then
//! `cargo bench -p loket-core --bench server` (add `-- 0.1` for a tenth of the size).
//! `LOKET_BENCH_DATA=folder` keeps the seeded file between runs; the server keeps its copy
//! in the database `loket_bench_<scale>`. `LOKET_BENCH_ONLY=word` runs only the measurements
//! whose label holds it.

use std::time::{Duration, Instant};

use loket_core::accounts::{AccountInput, Actor};
use loket_core::clock::SystemClock;
use loket_core::guestbook::VisitInput;
use loket_core::people::PersonInput;
use loket_core::reports::PeriodInput;
use loket_core::search::SearchQuery;
use loket_core::store::{self, server};
use loket_core::{Database, Office};

mod common;
use common::ten_years::{seed, Sizes};
use common::{median, ms, name};

const USER: &str = "admin";
const PASSWORD: &str = "sandi-bench-123";

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    median(times)
}

fn visitor(store: &str, i: usize) -> VisitInput {
    VisitInput {
        person: PersonInput {
            name: format!("Tamu {store} {i}"),
            id_type: "sim".into(),
            id_number: format!("SIM-{store}-{i}"),
            address: "Jl. El Tari, Kupang".into(),
            ..Default::default()
        },
        purpose_category: "pengaduan".into(),
        purpose: "Menanyakan bantuan".into(),
        ..Default::default()
    }
}

/// One measurement on both stores: (label, SQLite p50/p95, PostgreSQL p50/p95, goal).
struct Row {
    label: String,
    sqlite: (Duration, Duration),
    server: (Duration, Duration),
    goal_ms: Option<f64>,
}

fn main() {
    let Ok(config) = std::env::var("LOKET_BENCH_PG") else {
        eprintln!(
            "LOKET_BENCH_PG is not set. Start a server, e.g.\n  \
             export LOKET_BENCH_PG=$(PG_FSYNC=on bash scripts/pg-cluster.sh start \"$(mktemp -d)\")\n\
             then run this bench again."
        );
        std::process::exit(2);
    };
    let scale: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1.0);
    let sizes = Sizes::at(scale);
    let dir = tempfile::tempdir().unwrap();
    let folder = std::env::var_os("LOKET_BENCH_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().to_owned());
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("loket.db");
    if !path.exists() {
        let started = Instant::now();
        let account = Office::open(&path, Box::new(SystemClock))
            .unwrap()
            .create_first_admin(&AccountInput {
                username: USER.into(),
                full_name: "Admin Bench".into(),
                password: PASSWORD.into(),
                ..Default::default()
            })
            .unwrap()
            .account_id;
        seed(&path, &sizes, account);
        println!(
            "seeded the file in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let file = Database::File(path.clone());

    // The server's copy, made once per scale by the same code that moves an office there.
    let name_on_server = format!("loket_bench_{}", (scale * 1000.0).round() as u64);
    let server_config = format!("{config} dbname={name_on_server}");
    let exists = server::connect(&config)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM pg_database WHERE datname = ?1",
            [&name_on_server],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        > 0;
    if !exists {
        let started = Instant::now();
        let config = server::create_database(&config, &name_on_server).unwrap();
        let source = store::connect(&file).unwrap();
        let mut target = server::open(&config).unwrap();
        let mut shown = Instant::now();
        let copied = store::transfer::copy_office(&source, &mut target, &mut |table, done, all| {
            if shown.elapsed() > Duration::from_secs(10) {
                eprintln!("  copying {table}: {done} of {all} rows");
                shown = Instant::now();
            }
        })
        .unwrap();
        target.execute_batch("VACUUM ANALYZE").unwrap();
        let rows: i64 = copied.tables.iter().map(|(_, n)| n).sum();
        println!(
            "moved {rows} rows onto the server in {:.0} s (one transaction, search index \
             written by its triggers, then VACUUM ANALYZE)",
            started.elapsed().as_secs_f64()
        );
    }
    let server = Database::Server {
        config: server_config,
        data_dir: folder.join("server"),
    };
    std::fs::create_dir_all(folder.join("server")).unwrap();

    let open = |database: &Database| -> (Office, Actor) {
        let office = Office::open_database(database, Box::new(SystemClock)).unwrap();
        let admin = office.sign_in(USER, PASSWORD).unwrap();
        (office, admin)
    };
    let stores = [open(&file), open(&server)];
    println!(
        "{} records; SQLite file {:.0} MB; PostgreSQL database {} on this machine's loopback \
         (Unix socket)",
        sizes.records(),
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6,
        name_on_server
    );

    let mut rows: Vec<Row> = Vec::new();
    // LOKET_BENCH_ONLY=text runs only the measurements whose label holds it.
    let only = std::env::var("LOKET_BENCH_ONLY").unwrap_or_default();
    let mut both = |label: String,
                    runs: usize,
                    goal_ms: Option<f64>,
                    work: &dyn Fn(&Office, &Actor, usize)| {
        if !label.contains(&only) {
            return;
        }
        let [sqlite, server] = [0, 1].map(|k| {
            let (office, admin) = &stores[k];
            work(office, admin, 0); // warm: the first call prepares statements
            let mut i = 0;
            timed(runs, || {
                i += 1;
                work(office, admin, i + k * 100_000)
            })
        });
        rows.push(Row {
            label,
            sqlite,
            server,
            goal_ms,
        });
    };

    let person = name(sizes.people / 3);
    for (label, words) in [
        ("search: a rare phrase", "puting beliung".to_owned()),
        ("search: a registration number", "PGD-2021-0123".to_owned()),
        ("search: a person's full name", person.clone()),
        ("search: a common word", "sembako".to_owned()),
        ("search: a prefix of a common word", "verif".to_owned()),
        ("search as you type: \"sem\"", "sem".to_owned()),
        ("search as you type: \"semba\"", "semba".to_owned()),
    ] {
        let query = SearchQuery {
            text: words,
            ..Default::default()
        };
        both(label.to_owned(), 100, Some(16.0), &|office, admin, _| {
            office.search(admin, &query).unwrap();
        });
    }
    both(
        "Beranda (dashboard)".into(),
        20,
        Some(20.0),
        &|office, admin, _| {
            office.dashboard(admin).unwrap();
        },
    );
    let year = PeriodInput {
        kind: "tahun".into(),
        year: 2024,
        number: 0,
    };
    both(
        "yearly recap (Laporan)".into(),
        10,
        None,
        &|office, admin, _| {
            office.recap(admin, &year).unwrap();
        },
    );
    both(
        "guest-book lookup \"Maria Se\"".into(),
        40,
        None,
        &|office, admin, _| {
            office.people_lookup(admin, "Maria Se").unwrap();
        },
    );
    both("save a visit".into(), 40, None, &|office, admin, i| {
        let store = if i >= 100_000 { "server" } else { "file" };
        office.visit_register(admin, &visitor(store, i)).unwrap();
    });

    println!();
    println!(
        "{:<36} {:>19} {:>19} {:>13}  goal",
        "", "SQLite p50 / p95", "PostgreSQL p50/p95", "PG ÷ SQLite"
    );
    for row in &rows {
        let ratio = row.server.1.as_secs_f64() / row.sqlite.1.as_secs_f64();
        let goal = match row.goal_ms {
            Some(goal) => {
                let met = row.server.1.as_secs_f64() * 1000.0 <= goal;
                format!(
                    "p95 ≤ {goal:.0} ms: {}",
                    if met { "met" } else { "NOT met" }
                )
            }
            None => String::new(),
        };
        println!(
            "{:<36} {:>9} / {:>7} {:>9} / {:>7} {:>11.2}×  {goal}",
            row.label,
            ms(row.sqlite.0),
            ms(row.sqlite.1),
            ms(row.server.0),
            ms(row.server.1),
            ratio
        );
    }

    // *Buat cadangan* of the whole office on each store, once, after the table (its reads
    // and writes would push the search index out of the caches): how long, and how much
    // memory it took beyond what the process held (Linux: the peak resident set, reset first).
    if "Buat cadangan".contains(&only) {
        let usb = tempfile::tempdir().unwrap();
        for (k, store_name) in ["SQLite", "PostgreSQL"].into_iter().enumerate() {
            let (office, admin) = &stores[k];
            let target = usb.path().join(format!("cadangan-{k}.db"));
            let before = memory::reset_peak();
            let started = Instant::now();
            office.backup_create(admin, &target).unwrap();
            let took = started.elapsed();
            let peak = memory::peak();
            println!(
                "Buat cadangan on {store_name}: {:.1} s, {:.0} MB file, peak memory {} above \
                 the {} held before",
                took.as_secs_f64(),
                std::fs::metadata(&target).unwrap().len() as f64 / 1e6,
                memory::above(peak, before),
                memory::shown(before),
            );
            std::fs::remove_file(&target).unwrap();
        }
    }
}

/// The process's resident memory, where the system says it (Linux's /proc).
mod memory {
    fn status_kib(field: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Starts a new peak (writing 5 to clear_refs) and returns what is resident now.
    pub fn reset_peak() -> Option<u64> {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        status_kib("VmRSS:")
    }

    pub fn peak() -> Option<u64> {
        status_kib("VmHWM:")
    }

    pub fn shown(kib: Option<u64>) -> String {
        kib.map_or("n/a".into(), |k| format!("{:.0} MB", k as f64 / 1024.0))
    }

    pub fn above(peak: Option<u64>, before: Option<u64>) -> String {
        match (peak, before) {
            (Some(p), Some(b)) => format!("{:.0} MB", p.saturating_sub(b) as f64 / 1024.0),
            _ => "n/a".into(),
        }
    }
}
