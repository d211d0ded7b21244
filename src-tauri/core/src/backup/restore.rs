//! Restoring a backup without ever risking the live data. The chosen file is copied into
//! the data folder and everything happens on that copy: opened without trusting its schema,
//! checked (integrity, version, every table, column, index, trigger and view against what
//! this Loket creates, the audit chain, an active Admin), upgraded, compared again, its scans
//! put back, and the current audit trail's newer entries carried into it. Only a copy that
//! passed all of that replaces the live database, in one step of SQLite's backup API; any
//! failure before leaves the live file byte for byte as it was.

use std::path::{Path, PathBuf};

use crate::store::{Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use super::{unreadable, ScanCopies, SCANS_FOLDER, SCANS_TABLE, SCANS_TABLE_SQL};
use crate::accounts::Actor;
use crate::attachments;
use crate::audit;
use crate::error::{Error, Result};
use crate::files::Partial;
use crate::store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestoreReport {
    /// Where the data that was replaced is kept.
    pub kept_as: String,
    /// The backup carried scans (inside it or beside it); a backup made before Loket
    /// carried them does not.
    pub scans_in_backup: bool,
    /// Scans the restored data refers to that are now in place, checked by hash.
    pub scans: usize,
    /// Scans it refers to that neither the backup nor this PC holds.
    pub scans_missing: usize,
    /// Audit entries written after the backup, carried into the restored trail.
    pub audit_carried: i64,
}

/// Who restores, when, and where things are.
pub struct RestoreRequest<'a> {
    pub candidate: &'a Path,
    /// The data folder: the working copy and the pre-restore copy are written here.
    pub keep_folder: &'a Path,
    pub kept_as: &'a Path,
    /// Where this office keeps its scans (None for a database in memory).
    pub storage: Option<&'a attachments::Storage>,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
}

/// Checks `request.candidate` on a copy and, only if it passes, replaces the live database
/// with it (the current data first kept as `kept_as`).
pub fn restore_from(live: &mut Connection, request: &RestoreRequest) -> Result<RestoreReport> {
    let work = working_copy(request.candidate, request.keep_folder)?;
    // Scans put in place for the restored data; taken away again if it is not restored.
    let mut placed = Vec::new();
    let result = (|| {
        let prepared = prepare(live, &work, request, &mut placed)?;
        // The replaced data is kept before anything is replaced.
        super::backup_to(live, None, request.kept_as, ScanCopies::Inside)?;
        store::replace_from_file(live, work.path())?;
        Ok(RestoreReport {
            kept_as: request.kept_as.display().to_string(),
            ..prepared
        })
    })();
    if result.is_err() {
        for path in placed {
            let _ = std::fs::remove_file(path);
        }
    }
    result
}

/// A restore on the office server: the same checks on a working copy as [`restore_from`],
/// the server's current data kept first as a backup file at `kept_as`, then, in one
/// transaction of the server, every table emptied and the checked copy written in with its
/// scans. A failure anywhere leaves the server as it was.
pub fn restore_into_server(
    live: &mut Connection,
    request: &RestoreRequest,
) -> Result<RestoreReport> {
    let work = working_copy(request.candidate, request.keep_folder)?;
    let result = (|| {
        let damaged = || unreadable("Berkas cadangan rusak atau tidak dapat dibuka.");
        let conn = store::open_untrusted(work.path()).map_err(|_| damaged())?;
        let _: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|_| damaged())?;
        check_and_upgrade(&conn)?;
        let (inside, beside) = scan_sources(&conn, request.candidate)?;
        // The scans the restored data refers to, each checked by its hash, before the
        // server is touched: a backup missing some still restores, and says how many.
        let wanted = attachments::stored_files(&conn)?;
        let scan_bytes =
            |scan: &attachments::StoredScan| scan_in_backup(&conn, inside, &beside, scan);
        // Everything from here under the server's write lock, in one transaction: the trail
        // carried over and the current data kept are what is replaced, with no save from
        // another PC slipping in between.
        let (mut scans, mut scans_missing) = (0, 0);
        let carried = store::write(live, |tx| {
            super::long_transaction(tx)?;
            let carried = {
                let work_tx = conn.unchecked_transaction()?;
                let carried = audit::carry_over(tx, &work_tx)?;
                work_tx.commit()?;
                carried
            };
            // The replaced data is kept before anything is replaced.
            super::backup_to(tx, request.storage, request.kept_as, ScanCopies::Inside)?;
            store::transfer::empty_server_office(tx)?;
            store::transfer::copy_office_in(&conn, tx, &mut |_, _, _| {})?;
            for scan in &wanted {
                match scan_bytes(scan)? {
                    Some(bytes) => {
                        attachments::put_in_database(tx, &scan.sha256, scan.kind, &bytes)?;
                        scans += 1;
                    }
                    // Not in the backup (a database file alone, `lampiran/` left behind):
                    // the server's own copy, if it is whole, serves.
                    None if attachments::read_from_database(tx, &scan.sha256)?.is_some() => {
                        scans += 1
                    }
                    None => scans_missing += 1,
                }
            }
            attachments::forget_unreferenced_in_database(tx)?;
            audit::record(
                tx,
                None,
                request.now,
                "backup.restore",
                "database",
                "main",
                restore_note(request, &carried, scans, scans_missing),
            )?;
            Ok(carried)
        })?;
        Ok(RestoreReport {
            kept_as: request.kept_as.display().to_string(),
            scans_in_backup: inside || beside.is_dir(),
            scans,
            scans_missing,
            audit_carried: carried.carried,
        })
    })();
    remove_journal_files(work.path());
    drop(work);
    result
}

/// The restore's own entry in the trail.
fn restore_note(
    request: &RestoreRequest,
    carried: &audit::Carried,
    scans: usize,
    scans_missing: usize,
) -> serde_json::Value {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    json!({
        "by": request.actor.username,
        "from": name(request.candidate),
        "previous_kept_as": name(request.kept_as),
        "audit_shared": carried.shared,
        "audit_carried": carried.carried,
        "scans": scans,
        "scans_missing": scans_missing,
    })
}

/// A scan as the backup carries it, inside the file or in `lampiran/` beside it, only if its
/// bytes still have its hash.
fn scan_in_backup(
    conn: &Connection,
    inside: bool,
    beside: &Path,
    scan: &attachments::StoredScan,
) -> Result<Option<Vec<u8>>> {
    let from_file: Option<Vec<u8>> = if inside {
        conn.query_row(
            &format!("SELECT bytes FROM {SCANS_TABLE} WHERE sha256 = ?1"),
            [&scan.sha256],
            |r| r.get(0),
        )
        .optional()?
    } else {
        None
    };
    Ok(from_file
        .filter(|b| attachments::sha256_hex(b) == scan.sha256)
        .or_else(|| attachments::read_intact(beside, &scan.sha256, scan.kind)))
}

/// Whether the backup file carries its scans inside, and the folder beside it that may.
fn scan_sources(conn: &Connection, candidate: &Path) -> Result<(bool, PathBuf)> {
    let inside: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1 AND sql = ?2)",
        [SCANS_TABLE, SCANS_TABLE_SQL],
        |r| r.get(0),
    )?;
    let beside = candidate
        .parent()
        .unwrap_or(Path::new("."))
        .join(SCANS_FOLDER);
    Ok((inside, beside))
}

/// The candidate copied byte for byte into the data folder (the original is never opened
/// by SQLite, so it is never changed, even on a USB disk), after a look at its first bytes.
fn working_copy(candidate: &Path, folder: &Path) -> Result<Partial> {
    let mut head = [0u8; 16];
    std::fs::File::open(candidate)
        .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut head))
        .map_err(|_| {
            unreadable("Berkas ini bukan cadangan Loket (terlalu pendek atau tidak dapat dibaca).")
        })?;
    if &head != b"SQLite format 3\0" {
        return Err(unreadable(
            "Berkas ini bukan cadangan Loket (bukan basis data SQLite).",
        ));
    }
    let work = Partial::beside(&folder.join("pemulihan-sementara.db"));
    std::fs::copy(candidate, work.path())?;
    Ok(work)
}

/// Everything short of the swap, on the working copy: checks, upgrade, scans, audit trail.
fn prepare(
    live: &Connection,
    work: &Partial,
    request: &RestoreRequest,
    placed: &mut Vec<PathBuf>,
) -> Result<RestoreReport> {
    let result = (|| {
        let damaged = || unreadable("Berkas cadangan rusak atau tidak dapat dibuka.");
        let conn = store::open_untrusted(work.path()).map_err(|_| damaged())?;
        // One file, no journal beside it: the swap reads it whole.
        let _: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|_| damaged())?;
        check_and_upgrade(&conn)?;
        // Its search indexes cannot be checked against its records: written anew.
        crate::search::rebuild(&conn)?;
        let folder = match request.storage {
            Some(attachments::Storage::Folder(folder)) => Some(folder.as_path()),
            _ => None,
        };
        let (scans_in_backup, scans, scans_missing) =
            put_back_scans(&conn, request.candidate, folder, placed)?;
        let tx = conn.unchecked_transaction()?;
        let carried = audit::carry_over(live, &tx)?;
        audit::record(
            &tx,
            None,
            request.now,
            "backup.restore",
            "database",
            "main",
            restore_note(request, &carried, scans, scans_missing),
        )?;
        tx.commit()?;
        Ok(RestoreReport {
            kept_as: String::new(),
            scans_in_backup,
            scans,
            scans_missing,
            audit_carried: carried.carried,
        })
    })();
    // A refused candidate leaves nothing of itself in the data folder.
    if result.is_err() {
        remove_journal_files(work.path());
    }
    result
}

fn remove_journal_files(path: &Path) {
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Integrity, version, the exact schema before and after the upgrade, an intact audit chain
/// and an active Admin. The schema is trusted (its triggers may run) only once it is known
/// to be this program's own.
fn check_and_upgrade(conn: &Connection) -> Result<()> {
    let broken = || unreadable("Berkas cadangan rusak (pemeriksaan keutuhan gagal).");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|_| broken())?;
    if check != "ok" {
        return Err(broken());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > store::latest_version() {
        return Err(Error::DatabaseTooNew {
            found: version,
            supported: store::latest_version(),
        });
    }
    if version < 1 {
        return Err(unreadable("Berkas ini bukan cadangan Loket."));
    }
    let foreign = |what: String| {
        unreadable(format!(
            "Berkas ini bukan cadangan Loket yang utuh: susunannya berbeda dari yang dibuat \
             Loket ({what}). Tidak ada yang diubah."
        ))
    };
    let found = store::schema(conn, &[(SCANS_TABLE, SCANS_TABLE_SQL)])?;
    if let Some(what) = store::first_difference(&found, &store::expected_schema(version)?) {
        return Err(foreign(what));
    }
    store::trust(conn)?;
    store::migrate(conn, store::latest_version()).map_err(|e| {
        unreadable(format!(
            "Cadangan ini tidak dapat diperbarui ke versi Loket ini ({e}). Tidak ada yang diubah."
        ))
    })?;
    let upgraded = store::schema(conn, &[(SCANS_TABLE, SCANS_TABLE_SQL)])?;
    if let Some(what) =
        store::first_difference(&upgraded, &store::expected_schema(store::latest_version())?)
    {
        return Err(foreign(what));
    }
    let chain = audit::verify(conn, &audit::AnchorState::NotKept)?;
    if !chain.intact {
        return Err(unreadable(format!(
            "Jejak audit dalam cadangan ini tidak utuh (entri nomor {}): cadangan telah diubah \
             di luar Loket dan tidak dipulihkan.",
            chain.first_broken.unwrap_or_default()
        )));
    }
    // Scans are stored under their SHA-256: any other name would point outside the folder.
    let bad_names: i64 = conn.query_row(
        "SELECT count(*) FROM attachments
          WHERE length(sha256) <> 64 OR sha256 GLOB '*[^0-9a-f]*'",
        [],
        |row| row.get(0),
    )?;
    if bad_names > 0 {
        return Err(unreadable(
            "Berkas ini bukan cadangan Loket yang utuh: daftar lampirannya telah diubah.",
        ));
    }
    // Without an active admin the restored office would offer its first-run screen to
    // whoever sits at the PC next.
    let has_admin: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin' AND active = 1)",
        [],
        |row| row.get(0),
    )?;
    if !has_admin {
        return Err(unreadable(
            "Cadangan ini tidak memiliki akun Admin aktif, sehingga tidak dapat dipulihkan.",
        ));
    }
    Ok(())
}

/// Every scan the restored data refers to, into this office's storage: from the backup file,
/// from `lampiran/` beside it, or already here; each checked by its hash. Then the backup's
/// own table of scans is dropped. Returns whether the backup carried scans, how many are in
/// place and how many are missing.
fn put_back_scans(
    conn: &Connection,
    candidate: &Path,
    storage: Option<&Path>,
    placed: &mut Vec<PathBuf>,
) -> Result<(bool, usize, usize)> {
    let (inside, beside) = scan_sources(conn, candidate)?;
    let wanted = attachments::stored_files(conn)?;
    let (mut in_place, mut missing) = (0, 0);
    for scan in &wanted {
        let Some(storage) = storage else {
            missing += 1;
            continue;
        };
        if attachments::read_intact(storage, &scan.sha256, scan.kind).is_some() {
            in_place += 1;
            continue;
        }
        let bytes = scan_in_backup(conn, inside, &beside, scan)?;
        let stored = match bytes {
            Some(bytes) => attachments::store_claimed(storage, &scan.sha256, scan.kind, &bytes)?,
            None => false,
        };
        if stored {
            placed.push(attachments::stored_path(storage, &scan.sha256, scan.kind));
            in_place += 1;
        } else {
            missing += 1;
        }
    }
    if inside {
        conn.execute_batch(&format!("DROP TABLE {SCANS_TABLE}; VACUUM;"))?;
    }
    Ok((inside || beside.is_dir(), in_place, missing))
}
