//! Connections for reading beside the one that writes. With WAL a reader sees the last
//! committed state and never waits for a writer, so a yearly recap, an export or the audit
//! check no longer holds up a save, and a save no longer holds up a search.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::OpenFlags;

use super::Connection;

use crate::error::Result;

/// Idle connections kept for the next read; more may be open at once while reads overlap.
const KEPT: usize = 4;

pub struct Readers {
    source: Source,
    idle: Mutex<Vec<Connection>>,
}

/// Where a new reader connects to.
enum Source {
    File(PathBuf),
    Server(String),
}

impl Readers {
    pub fn new(path: &Path) -> Self {
        Self {
            source: Source::File(path.to_owned()),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Readers on the office server: each a connection of its own, reading in read-only
    /// transactions.
    pub fn server(config: &str) -> Self {
        Self {
            source: Source::Server(config.to_owned()),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// A connection for one read: an idle one, or a new one while every other is busy.
    pub fn take(&self) -> Result<Connection> {
        let idle = self.lock().pop();
        match idle {
            Some(conn) => Ok(conn),
            None => match &self.source {
                Source::File(path) => open_reader(path),
                // The office was open, so a failure now is a dropped line, not a server
                // that was never there: "try again", not "open Loket again".
                Source::Server(config) => super::server::connect(config).map_err(|e| match e {
                    crate::error::Error::ServerUnreachable(detail) => {
                        crate::error::Error::ConnectionLost(detail)
                    }
                    other => other,
                }),
            },
        }
    }

    /// Hands a connection back once its read is over (its transaction already ended).
    pub fn give_back(&self, conn: Connection) {
        let mut idle = self.lock();
        if idle.len() < KEPT && conn.is_autocommit() && !conn.is_closed() {
            idle.push(conn);
        }
    }

    /// Closes the idle connections after a restore. Not needed for correctness (the restore
    /// writes through the writer, and SQLite re-prepares cached statements when the schema
    /// changes); it frees what they cached of the replaced database.
    pub fn forget(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // A connection is only in the list between reads, so a panic elsewhere cannot have
        // left one half-used.
        self.idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A connection that may only read: a read path that tried to write would fail at once in
/// the tests rather than race the writer.
fn open_reader(path: &Path) -> Result<Connection> {
    let mut conn = rusqlite::Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_handler(Some(super::wait_for_writer))?;
    conn.execute_batch("PRAGMA query_only = ON;")?;
    Ok(Connection::from_sqlite(conn))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use crate::guestbook::VisitInput;
    use crate::test_office::desk;

    fn visitor() -> VisitInput {
        VisitInput {
            deposit_card: false,
            ..crate::guestbook::tests::visit_input()
        }
    }

    fn visits(tx: &crate::store::Connection) -> i64 {
        tx.query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_save_goes_through_while_a_long_read_is_open_and_the_read_sees_one_state() {
        let d = desk();
        let o = &d.office;
        o.visit_register(&d.reception, &visitor()).unwrap();
        let (reading, read_started) = mpsc::channel();
        let (saved, save_done) = mpsc::channel();
        std::thread::scope(|scope| {
            let long_read = scope.spawn(move || {
                o.read(|tx| {
                    let before = visits(tx);
                    reading.send(()).unwrap();
                    // Held open until the save below has committed; with one shared
                    // connection the save would wait for this read and never come.
                    let saved = save_done
                        .recv_timeout(std::time::Duration::from_secs(5))
                        .is_ok();
                    Ok((saved, before, visits(tx)))
                })
                .unwrap()
            });
            read_started.recv().unwrap();
            // Would wait behind the read if both shared one connection.
            o.visit_register(&d.reception, &visitor()).unwrap();
            saved.send(()).unwrap();
            assert_eq!(
                long_read.join().unwrap(),
                (true, 1, 1),
                "the save went through, and the read saw one state"
            );
        });
        assert_eq!(o.read(|tx| Ok(visits(tx))).unwrap(), 2);
    }

    #[test]
    fn a_reader_refuses_to_write() {
        let d = desk();
        let error = d
            .office
            .read(|tx| Ok(tx.execute("DELETE FROM settings WHERE key = 'x'", [])?))
            .unwrap_err();
        assert!(error.is_internal(), "{error:?}");
    }

    #[test]
    fn readers_see_a_restored_database() {
        let d = desk();
        let o = &d.office;
        let backups = tempfile::tempdir().unwrap();
        let backup = backups.path().join("cadangan.db");
        o.backup_create(&d.admin, &backup).unwrap();
        o.visit_register(&d.reception, &visitor()).unwrap();
        assert_eq!(o.read(|tx| Ok(visits(tx))).unwrap(), 1);
        o.backup_restore(&d.admin, &backup, d.dir.path()).unwrap();
        assert_eq!(o.read(|tx| Ok(visits(tx))).unwrap(), 0);
    }
}
