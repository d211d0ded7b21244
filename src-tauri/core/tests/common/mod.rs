//! What the core's integration tests share: a fresh office database on the store the suite
//! runs on (SQLite, or the PostgreSQL server `LOKET_TEST_PG` names), and a way to hand it
//! to a child process.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use loket_core::Database;

/// A new, empty database: a file in `dir`, or a new database on the test server (with `dir`
/// as the PC's own folder).
pub fn fresh_database(dir: &Path) -> Database {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    match std::env::var("LOKET_TEST_PG") {
        Ok(server) if !server.trim().is_empty() => {
            // Named and marked as the core's unit tests mark theirs, so a later run on this
            // machine drops it once this process has ended, and nothing else.
            let name = format!(
                "loket_test_{}_{}",
                std::process::id(),
                1000 + NEXT.fetch_add(1, Ordering::SeqCst)
            );
            let config = loket_core::store::server::create_database(&server, &name)
                .unwrap_or_else(|e| panic!("LOKET_TEST_PG={server}: {e}"));
            loket_core::store::server::connect(&server)
                .and_then(|admin| {
                    admin.execute_batch(&format!(
                        "COMMENT ON DATABASE {name} IS 'loket-test-database'"
                    ))?;
                    Ok(())
                })
                .unwrap();
            Database::Server {
                config,
                data_dir: dir.to_path_buf(),
            }
        }
        _ => Database::File(dir.join("loket.db")),
    }
}

/// The database as one environment variable's value, for a child process.
pub fn to_env(database: &Database) -> String {
    match database {
        Database::File(path) => format!("file:{}", path.display()),
        Database::Server { config, data_dir } => {
            format!("server:{}\n{config}", data_dir.display())
        }
    }
}

pub fn from_env(value: &str) -> Database {
    if let Some(path) = value.strip_prefix("file:") {
        return Database::File(path.into());
    }
    let rest = value.strip_prefix("server:").expect("file: or server:");
    let (data_dir, config) = rest.split_once('\n').expect("folder, then config");
    Database::Server {
        config: config.to_owned(),
        data_dir: data_dir.into(),
    }
}
