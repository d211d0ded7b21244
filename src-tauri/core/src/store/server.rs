//! The office server: a PostgreSQL database every Loket of the office connects to.
//!
//! Its migrations carry the same numbers as SQLite's (`migrations/postgres`); the version is
//! kept in the table `loket_schema`. Upgrades run in one transaction under an advisory lock,
//! so two PCs starting a newer Loket at once upgrade the database once.

use super::postgres::Pg;
use super::{Connection, SqlError};
use crate::error::{Error, Result};

/// PostgreSQL's migrations: the file at index `i` upgrades version `i` to `i + 1`, as
/// SQLite's of the same number does.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_foundation.sql"),
    include_str!("../../migrations/postgres/0002_accounts_audit.sql"),
    include_str!("../../migrations/postgres/0003_guestbook.sql"),
    include_str!("../../migrations/postgres/0004_guestbook_privacy.sql"),
    include_str!("../../migrations/postgres/0005_letters_cases.sql"),
    include_str!("../../migrations/postgres/0006_search.sql"),
    include_str!("../../migrations/postgres/0007_replies.sql"),
    include_str!("../../migrations/postgres/0008_sign_in_attempts.sql"),
    include_str!("../../migrations/postgres/0009_search_hidden.sql"),
    include_str!("../../migrations/postgres/0010_standard.sql"),
    include_str!("../../migrations/postgres/0011_counter_clock.sql"),
    include_str!("../../migrations/postgres/0012_search_prefixes.sql"),
];

/// Taken while the schema is upgraded ("LOKETMIG" would overflow; "LKMIG" in ASCII).
const MIGRATION_LOCK: i64 = 0x004c_4b4d_4947;

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Connects to the server described by `config` (libpq's `key=value` form or a
/// `postgresql://` URL) and brings its schema to this program's version.
pub fn open(config: &str) -> Result<Connection> {
    let conn = connect(config)?;
    migrate(&conn, latest_version())?;
    Ok(conn)
}

/// A connection without touching the schema (the readers beside the writer).
pub fn connect(config: &str) -> Result<Connection> {
    let pg = Pg::connect(config).map_err(|e| {
        Error::ServerUnreachable(match e {
            SqlError::ConnectionLost(detail) => detail,
            other => other.to_string(),
        })
    })?;
    Ok(Connection::from_postgres(pg))
}

/// Creates the empty database `name` on the server `admin_config` connects to, and returns
/// the connection string for it. The name is the office's to choose, so only lowercase
/// letters, digits and `_` are taken (it is written into the SQL).
pub fn create_database(admin_config: &str, name: &str) -> Result<String> {
    let valid = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(Error::invalid(
            "database",
            "store.database_name",
            "Nama basis data hanya boleh huruf kecil, angka dan garis bawah, diawali huruf.",
        ));
    }
    connect(admin_config)?.execute_batch(&format!("CREATE DATABASE {name}"))?;
    Ok(format!("{admin_config} dbname={name}"))
}

pub(crate) fn version(conn: &Connection) -> Result<i64> {
    let exists: bool =
        conn.query_row("SELECT to_regclass('loket_schema') IS NOT NULL", [], |r| {
            r.get(0)
        })?;
    if !exists {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT version FROM loket_schema", [], |r| r.get(0))?)
}

/// Brings the schema to `target`, all steps in one transaction.
pub fn migrate(conn: &Connection, target: i64) -> Result<()> {
    conn.execute_batch(&format!(
        "BEGIN; SELECT pg_advisory_xact_lock({MIGRATION_LOCK});"
    ))?;
    let result = (|| -> Result<()> {
        let current = version(conn)?;
        if current > latest_version() {
            return Err(Error::DatabaseTooNew {
                found: current,
                supported: latest_version(),
            });
        }
        if current == 0 {
            conn.execute_batch("CREATE TABLE loket_schema (version BIGINT NOT NULL); INSERT INTO loket_schema VALUES (0);")?;
        }
        for (index, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(current as usize)
        {
            conn.execute_batch(sql)?;
            conn.execute("UPDATE loket_schema SET version = ?1", [index as i64 + 1])?;
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

/// For the core's tests: when `LOKET_TEST_PG` names a server (e.g.
/// `host=/tmp/pg user=postgres`), every test database is a fresh database there, made from a
/// template migrated once per test process. Unset, tests use SQLite; set but unreachable,
/// tests fail (they never fall back silently).
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    pub fn server() -> Option<String> {
        std::env::var("LOKET_TEST_PG")
            .ok()
            .filter(|s| !s.trim().is_empty())
    }

    fn template() -> &'static str {
        static TEMPLATE: OnceLock<String> = OnceLock::new();
        TEMPLATE.get_or_init(|| {
            let server = server().expect("LOKET_TEST_PG");
            let name = format!("loket_tpl_{}", std::process::id());
            let admin = super::connect(&server)
                .unwrap_or_else(|e| panic!("LOKET_TEST_PG={server}: no server: {e}"));
            drop_leftovers(&admin);
            admin
                .execute_batch(&format!("CREATE DATABASE {name}"))
                .unwrap();
            let conn = super::open(&format!("{server} dbname={name}")).unwrap();
            drop(conn);
            name
        })
    }

    /// Test databases of earlier runs whose process is gone.
    fn drop_leftovers(admin: &super::Connection) {
        let names: Vec<String> = admin
            .prepare("SELECT datname FROM pg_database WHERE datname LIKE 'loket\\_%'")
            .and_then(|mut s| s.query_map([], |r| r.get(0)))
            .map(|rows| rows.filter_map(|r| r.ok()).collect())
            .unwrap_or_default();
        for name in names {
            let pid = name
                .strip_prefix("loket_tpl_")
                .or_else(|| name.strip_prefix("loket_t_"))
                .or_else(|| name.strip_prefix("loket_it_"))
                .and_then(|rest| rest.split('_').next());
            let alive = pid.is_some_and(|p| std::path::Path::new(&format!("/proc/{p}")).exists());
            if !alive {
                let _ = admin.execute_batch(&format!("DROP DATABASE IF EXISTS {name}"));
            }
        }
    }

    /// The connection string of a new database at the latest version.
    pub fn fresh_database() -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let template = template();
        let server = server().expect("LOKET_TEST_PG");
        let name = format!(
            "loket_t_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let admin = super::connect(&server).unwrap();
        admin
            .execute_batch(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .unwrap();
        format!("{server} dbname={name}")
    }
}
