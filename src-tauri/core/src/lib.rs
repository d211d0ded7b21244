//! Loket's product without a window: the office's rules, its data and its documents.
//!
//! [`Office`] is the facade: one method per user action. Each method takes the acting
//! account, checks the permission table, and runs in one `BEGIN IMMEDIATE` transaction that
//! also writes the audit entry, so an action is saved whole (with its trace) or not at all.
//! The desktop shell (crate `loket`) only parses, calls a method and maps the error.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod cases;
pub mod choices;
pub mod clock;
pub mod confidential;
pub mod dashboard;
pub mod data_folder;
pub mod database_choice;
pub mod dates;
pub mod dispositions;
pub mod documents;
pub mod error;
pub mod exports;
pub mod files;
pub mod guestbook;
mod import;
pub mod letters;
mod office_accounts;
mod office_cases;
mod office_guestbook;
mod office_replies;
mod office_reports;
mod office_server;
#[cfg(test)]
mod office_server_tests;
mod office_settings;
#[cfg(test)]
mod office_tests;
pub mod people;
pub mod replies;
pub mod reports;
pub mod search;
pub mod settings;
#[cfg(test)]
mod standard_complainant_tests;
#[cfg(test)]
mod standard_counter_tests;
#[cfg(test)]
mod standard_settling_tests;
#[cfg(test)]
mod standard_tests;
pub mod store;
#[cfg(test)]
mod test_office;
mod text;
pub mod viewer;

pub use office_server::{MoveProgress, MoveReport};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use crate::store::{Connection, Transaction};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

use accounts::{Action, Actor};
use clock::Clock;

pub use documents::Pdf;
pub use error::{Error, FieldError, Result};
pub use office_cases::{CaseFile, LetterFile};
pub use office_guestbook::FollowUp;
pub use office_replies::{Comparison, ReplyFile, ReplyInbox};
pub use office_reports::{ExportList, ExportRequest};
pub use office_settings::HolidayYear;

pub struct Office {
    /// The one connection that writes: saves are serialised here.
    conn: Mutex<Connection>,
    /// Reads run on their own connections (None in memory, where there is one database per
    /// connection, so reads share the writer's).
    readers: Option<store::readers::Readers>,
    clock: Box<dyn Clock>,
    /// The database file (None in memory or on the office server); backups must never be
    /// written over it.
    path: Option<std::path::PathBuf>,
    /// Where scans and logs live: the database file's folder, or the folder given beside
    /// the office server (None in memory).
    data_dir: Option<std::path::PathBuf>,
    /// This PC's name, for the backup duty on the office server.
    pc: String,
    /// The office was moved onto the server from this file: nothing more is written here.
    moved: std::sync::atomic::AtomicBool,
    /// On the office server: this PC's note of the last audit entry it wrote or checked, in
    /// its data folder (see [`Office::audit_anchor`]).
    server_anchor: Option<std::path::PathBuf>,
    /// The anchor is written by saves and by checks, from different threads: one at a time.
    anchor_lock: Mutex<()>,
}

fn snapshot(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Office {
    /// Opens (creating and migrating if needed) the database file at `path`.
    pub fn open(path: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            data_folder::refuse_network(folder)?;
            data_folder::refuse_too_long("data_dir", folder, data_folder::IN_THE_DATA_FOLDER)?;
        }
        office_server::refuse_if_moved(path)?;
        let conn = store::open(path)?;
        let path = dunce::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        Ok(Self {
            conn: Mutex::new(conn),
            readers: Some(store::readers::Readers::new(&path)),
            clock,
            data_dir: path.parent().map(Path::to_path_buf),
            path: Some(path),
            pc: data_folder::this_pc(),
            moved: Default::default(),
            server_anchor: None,
            anchor_lock: Mutex::new(()),
        })
    }

    /// Connects to the office server (`config`: libpq's `key=value` form or a URL), keeping
    /// this PC's own files in `data_dir`.
    pub fn open_server(config: &str, data_dir: &Path, clock: Box<dyn Clock>) -> Result<Self> {
        data_folder::refuse_network(data_dir)?;
        // A restore still writes its working and keeping copies here through SQLite.
        data_folder::refuse_too_long("data_dir", data_dir, data_folder::IN_THE_DATA_FOLDER)?;
        let conn = store::server::open(config)?;
        // Copies opened in the viewer in an earlier run: the server holds the scans.
        let _ = std::fs::remove_dir_all(data_dir.join(attachments::OPENED_FOLDER));
        // Without a name for the server the anchor is not kept: that only weakens the check.
        let server_anchor = store::server::anchor_identity(&conn, config)
            .ok()
            .map(|identity| data_dir.join(audit::server_anchor_file(&identity)));
        Ok(Self {
            conn: Mutex::new(conn),
            readers: Some(store::readers::Readers::server(config)),
            clock,
            path: None,
            data_dir: Some(data_dir.to_path_buf()),
            pc: data_folder::this_pc(),
            moved: Default::default(),
            server_anchor,
            anchor_lock: Mutex::new(()),
        })
    }

    /// Opens the office's data wherever it lives.
    pub fn open_database(database: &Database, clock: Box<dyn Clock>) -> Result<Self> {
        match database {
            Database::File(path) => Self::open(path, clock),
            Database::Server { config, data_dir } => Self::open_server(config, data_dir, clock),
        }
    }

    pub fn open_in_memory(clock: Box<dyn Clock>) -> Result<Self> {
        Ok(Self {
            conn: Mutex::new(store::open_in_memory()?),
            readers: None,
            clock,
            path: None,
            data_dir: None,
            pc: data_folder::this_pc(),
            moved: Default::default(),
            server_anchor: None,
            anchor_lock: Mutex::new(()),
        })
    }

    /// The name this PC goes by (tests stand in for a second PC with it).
    pub fn with_pc_name(mut self, name: &str) -> Self {
        self.pc = name.to_owned();
        self
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the transaction rolls
        // back on drop), so the poisoned guard is safe to reuse.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write<T>(&self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let mut conn = self.conn();
        if self.moved.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(office_server::moved_error());
        }
        let value = store::write(&mut conn, action)?;
        self.anchor_trail(&conn);
        Ok(value)
    }

    /// The office was moved onto the server from this window: it saves nothing more here.
    pub fn is_moved(&self) -> bool {
        self.moved.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Whether the office's data is on the office server.
    pub fn on_server(&self) -> bool {
        self.path.is_none() && self.data_dir.is_some()
    }

    /// The data folder: the database's own folder (None in memory).
    pub(crate) fn data_dir(&self) -> Option<std::path::PathBuf> {
        self.data_dir.clone()
    }

    /// Where the audit trail's last entry is noted outside the database: `loket.db` →
    /// `loket.db.audit-anchor`; on the office server, a file in this PC's data folder.
    fn anchor_path(&self) -> Option<std::path::PathBuf> {
        if self.server_anchor.is_some() {
            return self.server_anchor.clone();
        }
        let path = self.path.as_ref()?;
        let mut name = path.file_name()?.to_os_string();
        name.push(".audit-anchor");
        Some(path.with_file_name(name))
    }

    /// The anchor beside the database, or that it is gone although one was written (the
    /// database notes when its first anchor was).
    ///
    /// On the office server every PC holds the database password, so anyone at one could
    /// cut or rewrite the trail with the server's own tools; each PC's anchor (what it last
    /// wrote or checked) catches that. A PC without one (new, or its folder cleared) knows
    /// nothing to check. On either store an anchor follows its entry through a restore that
    /// carried it over; a restore that did not is reported with the cut.
    pub(crate) fn audit_anchor(&self, conn: &Connection) -> Result<audit::AnchorState> {
        let Some(path) = self.anchor_path() else {
            return Ok(audit::AnchorState::NotKept);
        };
        if let Some(anchor) = audit::Anchor::read(&path) {
            return Ok(match audit::follow_restores(conn, &anchor)? {
                audit::Followed::At(anchor) => audit::AnchorState::Read(anchor),
                audit::Followed::Replaced { by, at_label } => {
                    audit::AnchorState::Replaced { by, at_label }
                }
            });
        }
        if self.on_server() {
            return Ok(audit::AnchorState::NotKept);
        }
        let anchored = settings::values::get(conn, settings::values::AUDIT_ANCHORED)?.is_some();
        Ok(if anchored {
            audit::AnchorState::Missing
        } else {
            audit::AnchorState::NotKept
        })
    }

    /// Notes the trail's last entry after a committed write (and, the first time, that the
    /// database has an anchor, so a deleted one is noticed). A failure to note it only weakens
    /// the cut-off check (an older anchor is still in the trail); it never undoes the saved
    /// action.
    ///
    /// An anchor whose entry is gone is kept, not moved past the cut: every check reports it,
    /// however many saves come first. Only a restore made on this PC (the Admin's remedy,
    /// recorded in the trail) moves it anyway (`past_a_cut`; an acceptance of the cut sets
    /// it with [`Office::anchor_at`]). Nor does it move back (a check's older snapshot after
    /// a newer save).
    pub(crate) fn anchor_trail(&self, conn: &Connection) {
        self.note_trail_end(conn, false)
    }

    pub(crate) fn note_trail_end(&self, conn: &Connection, past_a_cut: bool) {
        let _one_at_a_time = self
            .anchor_lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (Some(path), Ok(Some(tail))) = (self.anchor_path(), audit::tail(conn)) else {
            return;
        };
        if let (Some(old), false) = (audit::Anchor::read(&path), past_a_cut) {
            match audit::follow_restores(conn, &old) {
                Ok(audit::Followed::At(now))
                    if audit::holds(conn, &now).unwrap_or(false) && tail.id >= now.id => {}
                _ => return,
            }
        }
        let first = !path.exists();
        // The server's note is this PC's own; the office's database holds no flag for it.
        if tail.write(&path).is_ok() && first && !self.on_server() {
            let _ = settings::values::set_once(conn, settings::values::AUDIT_ANCHORED, "1");
        }
    }

    /// Makes `anchor` this PC's anchor whatever it held before: an Admin's acceptance of a
    /// cut, which is that very entry.
    pub(crate) fn anchor_at(&self, anchor: &audit::Anchor) -> std::io::Result<()> {
        let _one_at_a_time = self
            .anchor_lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match self.anchor_path() {
            Some(path) => anchor.write(&path),
            None => Ok(()),
        }
    }

    /// Reads in one transaction on a reader connection: never waits for a save.
    fn read<T>(&self, action: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let Some(readers) = &self.readers else {
            return store::read(&mut self.conn(), action);
        };
        let mut conn = readers.take()?;
        let value = store::read(&mut conn, action);
        readers.give_back(conn);
        value
    }

    /// A change by `actor`: permission checked, then one transaction holding the change and
    /// the audit entry that `change` returns alongside its result.
    fn change<T>(
        &self,
        actor: &Actor,
        permission: Action,
        change: impl FnOnce(&Transaction, DateTime<Utc>) -> Result<(T, AuditNote)>,
    ) -> Result<T> {
        actor.authorize(permission)?;
        let now = self.clock.now();
        self.write(|tx| {
            let (value, note) = change(tx, now)?;
            // Checked in the saving transaction, under the write lock: no other save can come
            // between this look and the commit.
            if let Some(seen) = note.seen {
                if let Some(last) = audit::last_change(tx, note.entity, &note.entity_id)? {
                    if last.id != seen {
                        return Err(Error::ChangedMeanwhile {
                            by: last.by,
                            at: last.at_label,
                        });
                    }
                }
            }
            audit::record(
                tx,
                Some(actor),
                now,
                note.action,
                note.entity,
                &note.entity_id,
                note.changes,
            )?;
            Ok(value)
        })
    }

    fn view<T>(
        &self,
        actor: &Actor,
        permission: Action,
        read: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        actor.authorize(permission)?;
        self.read(read)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn today(&self) -> NaiveDate {
        dates::wita_date(self.clock.now())
    }
}

/// Where the office's data lives: one PC's SQLite file, or the office server with this PC's
/// own folder beside it.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    File(std::path::PathBuf),
    Server {
        config: String,
        data_dir: std::path::PathBuf,
    },
}

/// Printed without the connection string, which may hold the server's password.
impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Database::File(path) => f.debug_tuple("File").field(path).finish(),
            Database::Server { data_dir, .. } => f
                .debug_struct("Server")
                .field("config", &"(hidden)")
                .field("data_dir", data_dir)
                .finish(),
        }
    }
}

/// What an action writes into the audit trail.
pub(crate) struct AuditNote {
    action: &'static str,
    entity: &'static str,
    entity_id: String,
    changes: Value,
    /// The record's revision the user saw (see [`Office::revision`]).
    seen: Option<i64>,
}

impl AuditNote {
    /// For a creation `before` is None and the record is the new values; otherwise only the
    /// fields that changed, as `[before, after]`.
    pub(crate) fn new(
        action: &'static str,
        entity: &'static str,
        id: impl ToString,
        before: Option<Value>,
        after: Value,
    ) -> Self {
        let changes = match before {
            Some(before) => audit::diff(&before, &after),
            None => after,
        };
        AuditNote {
            action,
            entity,
            entity_id: id.to_string(),
            changes,
            seen: None,
        }
    }

    /// Refuses the save if the record changed after revision `seen` (None: not checked).
    pub(crate) fn seen(mut self, seen: Option<i64>) -> Self {
        self.seen = seen;
        self
    }
}
