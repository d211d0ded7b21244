//! Backups at office scale: a year of letters, each with its own scan, backed up by hand (one
//! file, scans inside), by the daily backup (scans once in `lampiran/` beside it; the second
//! day finds them there) and restored on a new PC from each. Prints figures; asserts nothing.
//! `cargo bench -p loket-core --bench backup -- [letters] [kilobytes per scan]`
//! (default 1000 letters of 300 KB: 293 MiB of scans).

use std::path::Path;
use std::time::{Duration, Instant};

use loket_core::accounts::AccountInput;
use loket_core::clock::ManualClock;
use loket_core::letters::LetterInput;
use loket_core::Office;

mod common;
use common::ms;

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0)
}

/// A PDF of about `size` bytes whose content differs with `seed`, as scans do.
fn scan(seed: u64, size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n% pindaian\n".to_vec();
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    while bytes.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.extend_from_slice(b"\ntrailer <<>>\n%%EOF\n");
    bytes
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    let took = start.elapsed();
    println!("{what:<52} {:>9}", ms(took));
    (value, took)
}

fn new_pc(dir: &Path) -> (Office, loket_core::accounts::Actor) {
    let office = Office::open(
        &dir.join("loket.db"),
        Box::new(ManualClock::new("2026-12-02T01:00:00Z".parse().unwrap())),
    )
    .unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "sementara".into(),
            full_name: "Admin Sementara".into(),
            password: "pc-baru-kantor-1".into(),
            ..Default::default()
        })
        .unwrap();
    (office, admin)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let letters: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let kilobytes: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(300);
    let root = tempfile::tempdir().unwrap();
    let (office_dir, usb, daily, pc1, pc2) = (
        root.path().join("kantor"),
        root.path().join("usb"),
        root.path().join("harian"),
        root.path().join("pc-baru-1"),
        root.path().join("pc-baru-2"),
    );
    for dir in [&office_dir, &usb, &daily, &pc1, &pc2] {
        std::fs::create_dir_all(dir).unwrap();
    }
    let clock = ManualClock::new("2026-11-30T01:00:00Z".parse().unwrap());
    let office = Office::open(&office_dir.join("loket.db"), Box::new(clock.clone())).unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "admin".into(),
            full_name: "Admin Kantor".into(),
            password: "sandi-kantor-kupang".into(),
            ..Default::default()
        })
        .unwrap();
    println!("{letters} letters, one scan of {kilobytes} KB each");
    let picked = root.path().join("pindaian.pdf");
    timed("registering the letters with their scans", || {
        for i in 0..letters {
            std::fs::write(&picked, scan(i, kilobytes * 1024)).unwrap();
            office
                .letter_register(
                    &admin,
                    &LetterInput {
                        letter_number: format!("{i}/RT/2026"),
                        letter_date: "27/11/2026".into(),
                        sender_name: "Ketua RT 004".into(),
                        subject: "Usulan bantuan sosial".into(),
                        urgency: "biasa".into(),
                        kind: "lainnya".into(),
                        ..Default::default()
                    },
                    None,
                    std::slice::from_ref(&picked),
                )
                .unwrap();
        }
    });
    let db_size = std::fs::metadata(office_dir.join("loket.db"))
        .unwrap()
        .len();
    println!("{:<52} {:>9}", "database alone", mib(db_size));

    let by_hand = usb.join("loket-cadangan.db");
    let (report, _) = timed("backup by hand (one file, scans inside, checked)", || {
        office.backup_create(&admin, &by_hand).unwrap()
    });
    println!(
        "{:<52} {:>9}  ({} scans)",
        "  its size",
        mib(report.size_bytes),
        report.scans
    );
    office.backup_folder_save(&admin, &daily).unwrap();
    let (first, _) = timed("daily backup, first day (scans copied beside)", || {
        office.auto_backup_if_due().unwrap().unwrap()
    });
    clock.advance(chrono::Duration::days(1));
    let (second, _) = timed("daily backup, next day (scans already there)", || {
        office.auto_backup_if_due().unwrap().unwrap()
    });
    println!(
        "{:<52} {:>9}",
        "  each daily file (scans kept once beside)",
        mib(std::fs::metadata(&second).unwrap().len())
    );
    drop(first);

    let (pc, temporary) = new_pc(&pc1);
    let (restored, _) = timed("restore on a new PC from the file by hand", || {
        pc.backup_restore(&temporary, &by_hand, &pc1).unwrap()
    });
    println!("{:<52} {:>9}", "  scans back in place", restored.scans);
    let (pc, temporary) = new_pc(&pc2);
    let (restored, _) = timed("restore on a new PC from the daily backup", || {
        pc.backup_restore(&temporary, &second, &pc2).unwrap()
    });
    println!("{:<52} {:>9}", "  scans back in place", restored.scans);
}
