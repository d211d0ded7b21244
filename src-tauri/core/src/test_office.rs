//! A whole office for tests of letters, cases and dispositions: a database file (attachments
//! need a folder beside it), a clock the test moves, the Head, a Kabid and a Kasubag with
//! accounts linked to them, a records clerk and a receptionist.

use std::sync::Arc;

use crate::accounts::{self, AccountInput, Actor};
use crate::clock::ManualClock;
use crate::settings::officials::OfficialInput;
use crate::Office;

/// Ends a test early when the suite runs on the office server (`LOKET_TEST_PG`) and the test
/// is about SQLite's file itself; the reason is printed, so a skipped test is never silent.
/// The office server's own backups and restores are tested in `office_server_tests.rs`.
macro_rules! sqlite_file_only {
    ($why:expr) => {
        if crate::store::server::testing::server().is_some() {
            eprintln!("skipped on PostgreSQL: {}", $why);
            return;
        }
    };
}
pub(crate) use sqlite_file_only;

/// Ends a test early when no office server is given (`LOKET_TEST_PG` unset) and the test is
/// about the server; the reason is printed, as above. The test command always gives one.
macro_rules! server_only {
    ($why:expr) => {
        if crate::store::server::testing::server().is_none() {
            eprintln!("skipped without LOKET_TEST_PG: {}", $why);
            return;
        }
    };
}
pub(crate) use server_only;

pub(crate) struct Desk {
    pub office: Office,
    pub clock: Arc<ManualClock>,
    pub dir: tempfile::TempDir,
    /// The server's connection string, on the office server.
    pub server: Option<String>,
    pub admin: Actor,
    pub clerk: Actor,
    pub reception: Actor,
    pub head: Actor,
    pub kabid: Actor,
    pub kasubag: Actor,
    pub head_id: i64,
    pub kabid_id: i64,
    pub kasubag_id: i64,
}

/// Monday 30 November 2026, 09.00 WITA; on the store the suite runs on.
pub(crate) fn desk() -> Desk {
    desk_on(crate::store::server::testing::server().is_some())
}

/// A desk on the office server (`on_server`, which needs `LOKET_TEST_PG`) or on a file.
pub(crate) fn desk_on(on_server: bool) -> Desk {
    let clock = ManualClock::new("2026-11-30T01:00:00Z".parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let server = on_server.then(crate::store::server::testing::fresh_database);
    let office = if let Some(config) = &server {
        Office::open_server(config, dir.path(), Box::new(clock.clone()))
    } else {
        Office::open(&dir.path().join("loket.db"), Box::new(clock.clone()))
    }
    .unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "admin".into(),
            full_name: "Admin Kantor".into(),
            password: "sandi-kantor-kupang".into(),
            ..Default::default()
        })
        .unwrap();
    let official = |name: &str, nip: &str, position: &str, unit: i64| {
        office
            .official_save(
                &admin,
                None,
                &OfficialInput {
                    seen: None,
                    name: name.into(),
                    nip: nip.into(),
                    rank_code: "IV/a".into(),
                    position: position.into(),
                    unit_id: Some(unit),
                    active_from: "01/01/2020".into(),
                    active_to: String::new(),
                },
            )
            .unwrap()
            .id
    };
    let head_id = official(
        "Drs. Frans Lebu Raya",
        "196805121994031004",
        "Kepala Dinas Sosial",
        1,
    );
    let kabid_id = official(
        "Maria Goreti Bria, S.Sos.",
        "197505122000032002",
        "Kepala Bidang Rehabilitasi Sosial",
        6,
    );
    let kasubag_id = official(
        "Yohanes Ndolu, S.H.",
        "198008172005011003",
        "Kepala Sub Bagian Umum dan Kepegawaian",
        3,
    );
    // Accounts straight into the table: hashing passwords here would only slow the tests
    // (sign-in has its own).
    let account = |username: &str, role: &str, official: Option<i64>| -> Actor {
        office
            .write(|tx| {
                tx.execute(
                    "INSERT INTO accounts (username, full_name, role, official_id, password_hash,
                                           created_at)
                     VALUES (?1, ?1, ?2, ?3, 'x', '2026-11-01T00:00:00Z')",
                    crate::store::params![username, role, official],
                )?;
                accounts::actor(tx, tx.last_insert_id()?)
            })
            .unwrap()
    };
    Desk {
        clerk: account("tu", "pengelola_surat", None),
        reception: account("resepsi", "resepsionis", None),
        head: account("kadis", "kepala_dinas", Some(head_id)),
        kabid: account("kabid", "pejabat", Some(kabid_id)),
        kasubag: account("kasubag", "pejabat", Some(kasubag_id)),
        office,
        clock,
        dir,
        server,
        admin,
        head_id,
        kabid_id,
        kasubag_id,
    }
}

/// An office with nothing but its first administrator, in memory, its clock stopped at
/// `instant`: for tests of the facade's own frame (settings, Beranda, the audit trail) that
/// count from an empty trail.
pub(crate) fn bare_office(instant: &str) -> (Office, Actor) {
    let office =
        Office::open_in_memory(Box::new(crate::clock::FixedClock(instant.parse().unwrap())))
            .unwrap();
    let admin = office
        .create_first_admin(&AccountInput {
            username: "admin".into(),
            full_name: "Admin Kantor".into(),
            password: "sandi-kantor-kupang".into(),
            ..Default::default()
        })
        .unwrap();
    (office, admin)
}
