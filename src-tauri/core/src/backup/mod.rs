//! Backups that bring an office back on a new PC: the database, copied with SQLite's online
//! backup API (safe while Loket runs), and every scan it refers to, checked after writing.
//! Restores check a file thoroughly on a copy before the live database is touched (see
//! [`restore`]). Daily automatic backups rotate; their scans are kept once per folder.

pub(crate) mod restore;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::store::{self, Connection};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::attachments;
use crate::dates;
use crate::error::{Error, Result};
use crate::files::Partial;

pub use restore::{restore_from, RestoreReport};

/// Daily backups kept, and monthly ones (the first of each month) beyond those.
pub const KEEP_DAILY: usize = 14;
pub const KEEP_MONTHLY: usize = 12;

/// The table a backup file carries its scans in; restore takes them out again.
pub(crate) const SCANS_TABLE: &str = "backup_scans";
/// Its SQL, word for word: restore leaves out of the schema check only a table that is
/// exactly this.
pub(crate) const SCANS_TABLE_SQL: &str =
    "CREATE TABLE backup_scans (sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL, bytes BLOB NOT NULL)";
/// The folder beside a backup file that holds scans, each once for all backups there.
pub(crate) const SCANS_FOLDER: &str = "lampiran";

/// Where a backup keeps its copies of the scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanCopies {
    /// Inside the backup file: one file to carry to a USB disk or a new PC.
    Inside,
    /// In `lampiran/` beside the backup file, each scan once for every backup in that folder:
    /// fourteen daily copies of every scan would fill a USB disk. A copy already there is
    /// trusted by its size, except those whose SHA-256 starts with the hex digit
    /// `recheck` (every one when None): those are read and checked again, and a damaged copy
    /// is written anew. The daily backup rechecks one sixteenth a day.
    Beside { recheck: Option<u8> },
}

/// The largest backup kept in one file: a USB disk formatted FAT32 (most are) takes no file
/// of 4 GiB or more. Above it, a backup by hand keeps its scans beside it.
pub const MAX_ONE_FILE_BYTES: u64 = 3_500 * 1024 * 1024;

impl ScanCopies {
    /// Where a backup by hand of a database of `bytes` (scans included) keeps its scans.
    pub fn by_hand(bytes: u64) -> ScanCopies {
        if bytes <= MAX_ONE_FILE_BYTES {
            ScanCopies::Inside
        } else {
            ScanCopies::Beside { recheck: None }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    pub path: String,
    pub size_bytes: u64,
    /// Scans the backup holds (or finds beside it), each checked against its hash.
    pub scans: usize,
    /// Scans the database refers to that were lost or damaged on this PC before the backup:
    /// they cannot be in it.
    pub scans_missing: usize,
    /// The scans are in `lampiran/` beside the backup file (a daily backup, or one too big
    /// for one file): the folder goes with the file.
    pub scans_beside: bool,
}

/// `loket-20261128-1405.db`, in WITA.
pub fn default_file_name(now: DateTime<chrono::Utc>) -> String {
    format!(
        "loket-{}.db",
        now.with_timezone(&dates::wita()).format("%Y%m%d-%H%M")
    )
}

/// Automatic backups carry their own prefix, so rotation never touches one made by hand.
const AUTO_PREFIX: &str = "loket-auto-";

pub fn automatic_file_name(now: DateTime<chrono::Utc>) -> String {
    format!(
        "{AUTO_PREFIX}{}.db",
        now.with_timezone(&dates::wita()).format("%Y%m%d-%H%M")
    )
}

/// A name in `folder` that does not exist yet: `stem.db`, else `stem-2.db`, `stem-3.db`…
pub fn unused_path(folder: &Path, stem: &str) -> PathBuf {
    let mut candidate = folder.join(format!("{stem}.db"));
    let mut n = 2;
    while candidate.exists() {
        candidate = folder.join(format!("{stem}-{n}.db"));
        n += 1;
    }
    candidate
}

fn unreadable(message: impl Into<String>) -> Error {
    Error::invalid("file", "backup.invalid_file", message)
}

fn refuse_folder(target: &Path) -> Result<()> {
    if target.is_dir() {
        return Err(unreadable(
            "Tujuan cadangan adalah folder; pilih nama berkas.",
        ));
    }
    Ok(())
}

/// Step one, while holding the database: a consistent copy of it in a partial file beside
/// `target`. Quick: it copies pages, not scans.
pub(crate) fn snapshot(conn: &Connection, target: &Path) -> Result<Partial> {
    refuse_folder(target)?;
    let partial = Partial::beside(target);
    store::copy_to_file(conn, partial.path())?;
    Ok(partial)
}

/// Where a backup reads each scan from, checked by its hash (None: lost or damaged; an
/// error: the store failed, and the backup with it, rather than count the scan as lost).
pub(crate) type ScanSource<'a> = dyn Fn(&attachments::StoredScan) -> Result<Option<Vec<u8>>> + 'a;

/// A backup or restore on the server runs one transaction for minutes while it writes files:
/// the server's one-minute limit on a transaction left idle would end it. A quarter of an
/// hour between two statements still frees the office from a PC that vanished mid-way (the
/// server's keepalive notices a dead line sooner).
pub(crate) fn long_transaction(tx: &Connection) -> Result<()> {
    if tx.is_postgres() {
        tx.execute_batch("SET LOCAL idle_in_transaction_session_timeout = '15min'")?;
    }
    Ok(())
}

/// The scans of an office, wherever it keeps them.
/// `conn` reads the database's own scans (the office server); files need none.
pub(crate) fn scans_in<'a>(
    conn: Option<&'a Connection>,
    storage: Option<&'a attachments::Storage>,
) -> impl Fn(&attachments::StoredScan) -> Result<Option<Vec<u8>>> + 'a {
    move |scan| match (storage, conn) {
        (Some(attachments::Storage::Folder(folder)), _) => {
            Ok(attachments::read_intact(folder, &scan.sha256, scan.kind))
        }
        (Some(attachments::Storage::Database { .. }), Some(conn)) => {
            attachments::read_from_database(conn, &scan.sha256)
        }
        _ => Ok(None),
    }
}

/// Step one on the office server: a consistent copy of it (`from` is a read transaction,
/// so it sees one moment) as a new SQLite file, partial beside `target`: the same backup
/// format as one PC's, so it restores into either store.
pub(crate) fn snapshot_of_server(from: &Connection, target: &Path) -> Result<Partial> {
    refuse_folder(target)?;
    let partial = Partial::beside(target);
    let mut copy = store::open(partial.path())?;
    store::transfer::copy_office(from, &mut copy, &mut |_, _, _| {})?;
    Ok(partial)
}

/// Step two, without holding the database: the scans from `storage`, the checks, and only
/// then the chosen name. Any failure removes the partial file.
pub(crate) fn complete(
    partial: Partial,
    scans_from: &ScanSource,
    target: &Path,
    copies: ScanCopies,
) -> Result<BackupReport> {
    let copy = store::open_plain(partial.path())?;
    // A copy of a WAL database is marked WAL; a backup must be one file that travels alone.
    let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    let wanted = attachments::stored_files(&copy)?;
    let mut scans = 0;
    let mut scans_missing = 0;
    match copies {
        ScanCopies::Inside => {
            let tx = copy.unchecked_transaction()?;
            tx.execute_batch(SCANS_TABLE_SQL)?;
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {SCANS_TABLE} (sha256, kind, bytes) VALUES (?1, ?2, ?3)"
            ))?;
            for scan in &wanted {
                match scans_from(scan)? {
                    Some(bytes) => {
                        insert.execute(crate::store::params![
                            scan.sha256,
                            scan.kind.code(),
                            bytes
                        ])?;
                        scans += 1;
                    }
                    None => scans_missing += 1,
                }
            }
            drop(insert);
            tx.commit()?;
        }
        ScanCopies::Beside { recheck } => {
            let folder = target.parent().unwrap_or(Path::new(".")).join(SCANS_FOLDER);
            for scan in &wanted {
                let kept = attachments::stored_path(&folder, &scan.sha256, scan.kind);
                // Written once and checked then; later backups find it by its size, and
                // read it again on its day.
                let sized = std::fs::metadata(&kept).is_ok_and(|m| m.len() == scan.size);
                let rechecked = recheck.is_none_or(|group| {
                    u8::from_str_radix(&scan.sha256[..1], 16).ok() == Some(group)
                });
                let already = sized
                    && (!rechecked
                        || attachments::read_intact(&folder, &scan.sha256, scan.kind).is_some());
                let copied = already
                    || match scans_from(scan)? {
                        Some(bytes) => {
                            attachments::store_claimed(&folder, &scan.sha256, scan.kind, &bytes)?
                                && attachments::read_intact(&folder, &scan.sha256, scan.kind)
                                    .is_some()
                        }
                        None => false,
                    };
                if copied {
                    scans += 1;
                } else {
                    scans_missing += 1;
                }
            }
        }
    }
    drop(copy);
    let check = integrity(partial.path())?;
    if check != "ok" {
        return Err(Error::Io(std::io::Error::other(format!(
            "backup copy failed integrity_check: {check}"
        ))));
    }
    if copies == ScanCopies::Inside && !scans_read_back(partial.path())? {
        return Err(Error::Io(std::io::Error::other(
            "a scan in the backup copy does not match its hash",
        )));
    }
    // Only a checked copy gets the chosen name.
    partial.finish(target)?;
    Ok(BackupReport {
        path: target.display().to_string(),
        size_bytes: std::fs::metadata(target)?.len(),
        scans,
        scans_missing,
        scans_beside: copies != ScanCopies::Inside,
    })
}

/// What a backup of this database weighs with its scans, about.
/// On the office server, about a kilobyte per record (indexes included) of its big tables.
pub fn size_with_scans(conn: &Connection) -> Result<u64> {
    let pages: i64 = conn.query_row(
        conn.dialect(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            "SELECT 1024 * ((SELECT count(*) FROM audit_log) + (SELECT count(*) FROM people)
                   + (SELECT count(*) FROM visits) + (SELECT count(*) FROM letters))",
        ),
        [],
        |r| r.get(0),
    )?;
    let scans: u64 = attachments::stored_files(conn)?
        .iter()
        .map(|s| s.size)
        .sum();
    Ok(pages as u64 + scans)
}

/// The whole backup in one go (tests, and the pre-restore copy).
pub fn backup_to(
    conn: &Connection,
    storage: Option<&attachments::Storage>,
    target: &Path,
    copies: ScanCopies,
) -> Result<BackupReport> {
    let partial = if conn.is_postgres() {
        snapshot_of_server(conn, target)?
    } else {
        snapshot(conn, target)?
    };
    complete(partial, &scans_in(Some(conn), storage), target, copies)
}

/// Every scan in a backup file read back and hashed.
fn scans_read_back(path: &Path) -> Result<bool> {
    let conn = store::open_read_only(path)?;
    let mut stmt = conn.prepare(&format!("SELECT sha256, bytes FROM {SCANS_TABLE}"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let sha256: String = row.get(0)?;
        let bytes: Vec<u8> = row.get(1)?;
        if attachments::sha256_hex(&bytes) != sha256 {
            return Ok(false);
        }
    }
    Ok(true)
}

fn integrity(path: &Path) -> Result<String> {
    let conn = store::open_read_only(path)?;
    Ok(conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
}

/// Partial backups an earlier run left in `folder` (a crash, a pulled USB disk): a plain
/// copy of personal data that nobody will ever use.
pub fn remove_leftovers(folder: &Path) {
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(AUTO_PREFIX) && name.ends_with(crate::files::PARTIAL_SUFFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The backup files in `folder` with the date-time their names carry, oldest first.
pub fn automatic_backups(folder: &Path) -> Vec<(NaiveDateTime, PathBuf)> {
    let mut found: Vec<(NaiveDateTime, PathBuf)> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix(AUTO_PREFIX)?.strip_suffix(".db")?;
            NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M")
                .ok()
                .map(|t| (t, entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// Which backups rotation removes: keep the newest of each of the last `KEEP_DAILY` days,
/// and the first of each of the last `KEEP_MONTHLY` months.
pub fn rotation_victims(backups: &[(NaiveDateTime, PathBuf)]) -> Vec<PathBuf> {
    let mut keep: BTreeSet<&PathBuf> = BTreeSet::new();
    let mut days: Vec<NaiveDate> = backups.iter().map(|(t, _)| t.date()).collect();
    days.dedup();
    for day in days.iter().rev().take(KEEP_DAILY) {
        if let Some((_, path)) = backups.iter().rev().find(|(t, _)| t.date() == *day) {
            keep.insert(path);
        }
    }
    let mut months: Vec<(i32, u32)> = backups.iter().map(|(t, _)| (t.year(), t.month())).collect();
    months.dedup();
    for month in months.iter().rev().take(KEEP_MONTHLY) {
        if let Some((_, path)) = backups
            .iter()
            .find(|(t, _)| (t.year(), t.month()) == *month)
        {
            keep.insert(path);
        }
    }
    backups
        .iter()
        .filter(|(_, p)| !keep.contains(p))
        .map(|(_, p)| p.clone())
        .collect()
}
