//! The office's database: the seam every module talks through ([`sql`]), and the SQLite file
//! behind it — opening it safely, its pragmas, its numbered migrations.
//!
//! The schema version lives in `PRAGMA user_version`. All pending migrations run in one
//! transaction, so a failed upgrade leaves the previous version intact. A file written by a
//! newer Loket is refused before anything is written to it (it is first opened read-only).

use std::path::Path;
use std::time::Duration;

use rusqlite::OpenFlags;

use crate::error::{Error, Result};

pub mod listen;
mod postgres;
pub mod readers;
#[cfg(test)]
mod schema_tests;
pub mod server;
#[cfg(test)]
mod server_tests;
mod sql;
pub mod transfer;
mod translate;

pub use crate::{named_params, params};
pub use sql::{
    Bound, ColumnIndex, Connection, FromValue, OptionalExtension, Params, Row, Rows, SqlError,
    SqlResult, Statement, ToValue, Transaction, TransactionKind,
};

/// Migrations in order; the file at index `i` upgrades version `i` to `i + 1`.
/// Landed migrations are never edited: a change is a new file.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/sqlite/0001_foundation.sql"),
    include_str!("../../migrations/sqlite/0002_accounts_audit.sql"),
    include_str!("../../migrations/sqlite/0003_guestbook.sql"),
    include_str!("../../migrations/sqlite/0004_guestbook_privacy.sql"),
    include_str!("../../migrations/sqlite/0005_letters_cases.sql"),
    include_str!("../../migrations/sqlite/0006_search.sql"),
    include_str!("../../migrations/sqlite/0007_replies.sql"),
    include_str!("../../migrations/sqlite/0008_sign_in_attempts.sql"),
    include_str!("../../migrations/sqlite/0009_search_hidden.sql"),
    include_str!("../../migrations/sqlite/0010_standard.sql"),
    include_str!("../../migrations/sqlite/0011_counter_clock.sql"),
    include_str!("../../migrations/sqlite/0012_search_prefixes.sql"),
    include_str!("../../migrations/sqlite/0013_scans_on_the_server.sql"),
    include_str!("../../migrations/sqlite/0014_notify_sender.sql"),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Opens (creating if needed) and migrates the database at `path`.
pub fn open(path: &Path) -> Result<Connection> {
    if path.exists() {
        refuse_if_newer(path)?;
    }
    let mut conn = Connection::from_sqlite(rusqlite::Connection::open(path)?);
    configure(&mut conn)?;
    migrate(&conn, latest_version())?;
    Ok(conn)
}

/// A connection to `database`, opened and migrated as the office opens it (for tools and
/// tests that look at the data beside the office's own connections).
pub fn connect(database: &crate::Database) -> Result<Connection> {
    match database {
        crate::Database::File(path) => open(path),
        crate::Database::Server { config, .. } => server::open(config),
    }
}

/// An in-memory database at the latest version, for tests and benchmarks. In the core's
/// tests with `LOKET_TEST_PG` set, a fresh database on that server instead.
pub fn open_in_memory() -> Result<Connection> {
    #[cfg(test)]
    if server::testing::server().is_some() {
        return server::open(&server::testing::fresh_database());
    }
    open_in_memory_file()
}

/// An in-memory SQLite database at the latest version, whatever the tests run on.
pub(crate) fn open_in_memory_file() -> Result<Connection> {
    let mut conn = Connection::from_sqlite(rusqlite::Connection::open_in_memory()?);
    configure(&mut conn)?;
    migrate(&conn, latest_version())?;
    Ok(conn)
}

fn refuse_if_newer(path: &Path) -> Result<()> {
    let conn = open_read_only(path)?;
    let found = user_version(&conn).map_err(|e| match e {
        Error::Sql(e) => Error::DatabaseUnreadable(e.to_string()),
        other => other,
    })?;
    if found > latest_version() {
        return Err(Error::DatabaseTooNew {
            found,
            supported: latest_version(),
        });
    }
    Ok(())
}

/// How a PC waits while another PC's save holds the write lock. SQLite's own busy handler
/// sleeps up to 100 ms between tries, and against a PC saving continuously it can miss every
/// short gap between that PC's transactions until it gives up ("database is locked" after a
/// few seconds, seen in the two-process test). Trying again every fraction of a millisecond,
/// jittered so two waiting PCs do not move in step, finds a gap quickly; only after about a
/// minute does the save give up and the user is told.
fn wait_for_writer(attempt: i32) -> bool {
    const ATTEMPTS: i32 = 80_000;
    if attempt >= ATTEMPTS {
        return false;
    }
    let jitter = (attempt as u64).wrapping_mul(7919) % 700;
    std::thread::sleep(Duration::from_micros(150 + jitter));
    true
}

fn configure(conn: &mut Connection) -> Result<()> {
    conn.sqlite_mut().busy_handler(Some(wait_for_writer))?;
    // Few writes, each precious: durability over speed.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;",
    )?;
    // In-memory databases answer "memory"; files switch to WAL so readers never block the
    // writer.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    Ok(())
}

/// Brings the schema to `target`, all steps in one transaction.
pub fn migrate(conn: &Connection, target: i64) -> Result<()> {
    let current = user_version(conn)?;
    if current > latest_version() {
        return Err(Error::DatabaseTooNew {
            found: current,
            supported: latest_version(),
        });
    }
    if current >= target {
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<()> {
        for (index, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(current as usize)
        {
            conn.execute_batch(sql)?;
            set_user_version(conn, index as i64 + 1)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(error) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(error)
        }
    }
}

/// One object of a schema as SQLite keeps it (`sqlite_schema`): its type, name and the SQL
/// that made it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SchemaObject {
    pub kind: String,
    pub name: String,
    pub sql: Option<String>,
}

/// The schema of `conn` as comparable objects. SQLite's own bookkeeping is left out only where
/// it is what SQLite itself makes (automatic indexes, `sqlite_sequence`, the statistics
/// tables): any other object whose name starts with `sqlite_` is kept, so it shows as a
/// difference. `ignored` names tables (never triggers or views of that name) to leave out,
/// each with the exact SQL it must have. The tables a virtual table keeps its data in are
/// compared by name only: their SQL is SQLite's, and may be worded differently by another
/// release.
pub(crate) fn schema(conn: &Connection, ignored: &[(&str, &str)]) -> Result<Vec<SchemaObject>> {
    let mut objects: Vec<SchemaObject> = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema")?
        .query_map([], |r| {
            Ok(SchemaObject {
                kind: r.get(0)?,
                name: r.get(1)?,
                sql: r.get(2)?,
            })
        })?
        .collect::<SqlResult<Vec<_>>>()?;
    objects.retain(|o| {
        let sqlite_own = match (o.kind.as_str(), o.name.as_str()) {
            ("index", name) => name.starts_with("sqlite_autoindex_") && o.sql.is_none(),
            ("table", name) => {
                matches!(name, "sqlite_sequence" | "sqlite_stat1" | "sqlite_stat4")
            }
            _ => false,
        };
        let left_out = ignored.iter().any(|(name, sql)| {
            (o.kind == "table" && o.name == *name && o.sql.as_deref() == Some(sql))
                || (o.kind == "index"
                    && o.sql.is_none()
                    && o.name == format!("sqlite_autoindex_{name}_1"))
        });
        !sqlite_own && !left_out
    });
    let virtual_tables: Vec<String> = objects
        .iter()
        .filter(|o| {
            o.sql
                .as_deref()
                .is_some_and(|sql| sql.to_ascii_uppercase().starts_with("CREATE VIRTUAL TABLE"))
        })
        .map(|o| format!("{}_", o.name))
        .collect();
    for object in &mut objects {
        if object.kind == "table" && virtual_tables.iter().any(|v| object.name.starts_with(v)) {
            object.sql = None;
        }
    }
    objects.sort();
    Ok(objects)
}

/// The schema this program makes at `version`: what a database at that version must hold,
/// object for object.
pub(crate) fn expected_schema(version: i64) -> Result<Vec<SchemaObject>> {
    let conn = open_blank_in_memory()?;
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    migrate(&conn, version)?;
    schema(&conn, &[])
}

/// The first object that one schema has and the other lacks or words differently.
pub(crate) fn first_difference(
    found: &[SchemaObject],
    expected: &[SchemaObject],
) -> Option<String> {
    let extra = found.iter().find(|o| !expected.contains(o));
    let missing = expected.iter().find(|o| !found.contains(o));
    extra.or(missing).map(|o| format!("{} {}", o.kind, o.name))
}

/// Opens a file that may have come from anywhere (a backup to restore) without trusting its
/// schema: defensive mode (no writes to the schema or shadow tables by SQL) and no functions
/// with side effects from its triggers or views, until it is proven to be ours.
pub(crate) fn open_untrusted(path: &Path) -> Result<Connection> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA,
        false,
    )?;
    Ok(Connection::from_sqlite(conn))
}

/// Trusts a file's schema once [`schema`] has shown it is exactly this program's.
pub(crate) fn trust(conn: &Connection) -> Result<()> {
    conn.sqlite().set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA,
        true,
    )?;
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    Ok(())
}

/// Runs one user action as one `BEGIN IMMEDIATE` transaction: all of it is saved or none.
pub fn write<T>(
    conn: &mut Connection,
    action: impl FnOnce(&Transaction) -> Result<T>,
) -> Result<T> {
    let tx = conn.begin_anew(TransactionKind::Immediate)?;
    let value = action(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// Runs reads in one deferred transaction, so they see one consistent state. It ends by
/// rolling back (nothing to keep), so a line lost at its end is not a save in doubt.
pub fn read<T>(conn: &mut Connection, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
    let tx = conn.begin_anew(TransactionKind::Deferred)?;
    let value = action(&tx)?;
    drop(tx);
    Ok(value)
}

/// Opens a database file that is only read (a backup being checked, a version probe).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(Connection::from_sqlite(conn))
}

/// Opens a database file as it is: not configured, not migrated (a copy the store works on).
pub(crate) fn open_plain(path: &Path) -> Result<Connection> {
    Ok(Connection::from_sqlite(rusqlite::Connection::open(path)?))
}

/// Copies the whole database, page by page and consistent, into a new file at `target`.
pub(crate) fn copy_to_file(conn: &Connection, target: &Path) -> Result<()> {
    refuse_on_server(conn)?;
    conn.sqlite().backup(
        rusqlite::MAIN_DB,
        target,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    Ok(())
}

/// Replaces the whole database with the file at `source` (already checked by the caller).
pub(crate) fn replace_from_file(conn: &mut Connection, source: &Path) -> Result<()> {
    refuse_on_server(conn)?;
    conn.sqlite_mut().restore(
        rusqlite::MAIN_DB,
        source,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    Ok(())
}

/// Backups of the office server arrive with issue 16; until then they are refused, never
/// half-made.
fn refuse_on_server(conn: &Connection) -> Result<()> {
    if conn.is_postgres() {
        return Err(Error::invalid(
            "file",
            "backup.server",
            "Cadangan basis data server kantor dibuat di server itu sendiri (pg_dump); \
             Loket belum dapat membuatnya.",
        ));
    }
    Ok(())
}

/// An empty in-memory database at version 0.
pub(crate) fn open_blank_in_memory() -> Result<Connection> {
    Ok(Connection::from_sqlite(
        rusqlite::Connection::open_in_memory()?,
    ))
}

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

pub(crate) fn set_user_version(conn: &Connection, version: i64) -> Result<()> {
    conn.sqlite().pragma_update(None, "user_version", version)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap()
    }

    #[test]
    fn fresh_file_is_migrated_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("loket.db");
        let conn = open(&path).unwrap();
        assert_eq!(version(&conn), latest_version());
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        conn.execute(
            "UPDATE settings SET value = 'x' WHERE key = 'numbering.agenda'",
            [],
        )
        .unwrap();
        drop(conn);
        let conn = open(&path).unwrap();
        assert_eq!(version(&conn), latest_version());
        let kept: String = conn
            .query_row(
                "SELECT value FROM settings WHERE key = 'numbering.agenda'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, "x");
    }

    #[test]
    fn every_earlier_version_upgrades() {
        // A database left at each earlier version must open with today's program.
        for start in 0..latest_version() {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            {
                let conn = open_plain(&path).unwrap();
                migrate(&conn, start).unwrap();
                assert_eq!(version(&conn), start);
            }
            let conn = open(&path).unwrap();
            assert_eq!(version(&conn), latest_version(), "from version {start}");
        }
    }

    #[test]
    fn newer_file_is_refused_and_left_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.db");
        {
            let conn = open_plain(&path).unwrap();
            conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .unwrap();
            set_user_version(&conn, latest_version() + 1).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = open(&path).unwrap_err();
        assert_eq!(err.code(), "store.too_new");
        assert!(err.to_string().contains("lebih baru"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "no -wal/-shm created: {leftovers:?}");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, b"this is not sqlite at all, just text".repeat(200)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let err = open(&path).unwrap_err();
        assert_eq!(err.code(), "store.unreadable");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_database_upgraded_step_by_step_has_the_schema_of_a_new_one() {
        // The restore check compares a backup's schema with the one this program makes, so
        // every path to the latest version must end in the same schema, object for object.
        let fresh = expected_schema(latest_version()).unwrap();
        for start in 0..latest_version() {
            let conn = open_blank_in_memory().unwrap();
            migrate(&conn, start).unwrap();
            migrate(&conn, latest_version()).unwrap();
            let upgraded = schema(&conn, &[]).unwrap();
            assert_eq!(
                first_difference(&upgraded, &fresh),
                None,
                "from version {start}"
            );
        }
        let conn = open_in_memory_file().unwrap();
        conn.execute_batch("CREATE TRIGGER extra AFTER INSERT ON settings BEGIN SELECT 1; END;")
            .unwrap();
        assert_eq!(
            first_difference(&schema(&conn, &[]).unwrap(), &fresh).as_deref(),
            Some("trigger extra")
        );
    }

    #[test]
    fn failed_action_leaves_nothing_behind() {
        let mut conn = open_in_memory().unwrap();
        let result: Result<()> = write(&mut conn, |tx| {
            tx.execute("UPDATE settings SET value = 'half'", [])?;
            Err(Error::invalid("x", "test.fail", "gagal"))
        });
        assert!(result.is_err());
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM settings WHERE value = 'half'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half, 0);
    }
}
