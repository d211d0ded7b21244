//! Backups with SQLite's online backup API (safe while Loket runs), checked with
//! `integrity_check`; restores that check a file before touching the live database and keep
//! the current one as a pre-restore copy; daily automatic backups with rotation.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use rusqlite::backup::Progress;
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::store;

/// Daily backups kept, and monthly ones (the first of each month) beyond those.
pub const KEEP_DAILY: usize = 14;
pub const KEEP_MONTHLY: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupReport {
    pub path: String,
    pub size_bytes: u64,
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

/// Refuses a target that is the live database (or its journal files): renaming a copy over
/// an open database would lose every later write.
pub fn refuse_live_target(target: &Path, live: Option<&Path>) -> Result<()> {
    let Some(live) = live else { return Ok(()) };
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(parent) = parent.canonicalize() else {
        return Ok(());
    }; // a missing folder fails later, clearly
    let live_name = live
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let target_name = target
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let same_folder = live.parent() == Some(parent.as_path());
    let is_live = [
        live_name.clone(),
        format!("{live_name}-wal"),
        format!("{live_name}-shm"),
    ]
    .contains(&target_name);
    if same_folder && is_live {
        return Err(Error::invalid(
            "file",
            "backup.live_target",
            "Berkas itu adalah basis data yang sedang dipakai; pilih nama atau folder lain.",
        ));
    }
    Ok(())
}

fn unreadable(message: impl Into<String>) -> Error {
    Error::invalid("file", "backup.invalid_file", message)
}

/// Copies the live database to `target` page by page, then checks the copy.
pub fn backup_to(
    conn: &Connection,
    target: &Path,
    progress: Option<fn(Progress)>,
) -> Result<BackupReport> {
    if target.exists() && target.is_dir() {
        return Err(unreadable(
            "Tujuan cadangan adalah folder; pilih nama berkas.",
        ));
    }
    let partial = target.with_extension("db.part");
    let _ = std::fs::remove_file(&partial);
    conn.backup(MAIN_DB, &partial, progress)?;
    let check = integrity(&partial)?;
    if check != "ok" {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::Io(std::io::Error::other(format!(
            "backup copy failed integrity_check: {check}"
        ))));
    }
    // Only a checked copy gets the chosen name.
    std::fs::rename(&partial, target)?;
    Ok(BackupReport {
        path: target.display().to_string(),
        size_bytes: std::fs::metadata(target)?.len(),
    })
}

fn integrity(path: &Path) -> Result<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?)
}

/// Checks that `candidate` is a sound Loket database this program can open.
pub fn check_restorable(candidate: &Path) -> Result<i64> {
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
    let conn = Connection::open_with_flags(candidate, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| unreadable("Berkas cadangan tidak dapat dibuka."))?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|_| unreadable("Berkas cadangan rusak (pemeriksaan keutuhan gagal)."))?;
    if check != "ok" {
        return Err(unreadable(
            "Berkas cadangan rusak (pemeriksaan keutuhan gagal).",
        ));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > store::latest_version() {
        return Err(Error::DatabaseTooNew {
            found: version,
            supported: store::latest_version(),
        });
    }
    let is_loket: bool = conn
        .query_row(
            "SELECT count(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('letterheads', 'holidays')",
            [],
            |row| row.get(0),
        )
        .unwrap_or(false);
    if version < 1 || !is_loket {
        return Err(unreadable("Berkas ini bukan cadangan Loket."));
    }
    // Without an active admin the restored office would offer its first-run screen to
    // whoever sits at the PC next.
    let has_admin: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin' AND active = 1)",
            [],
            |row| row.get(0),
        )
        .unwrap_or(false);
    if !has_admin {
        return Err(unreadable(
            "Cadangan ini tidak memiliki akun Admin aktif, sehingga tidak dapat dipulihkan.",
        ));
    }
    Ok(version)
}

/// Replaces the live database with `candidate` after checking it, keeping a copy of the
/// current data as `pre_restore`. The copy is written before anything is replaced.
pub fn restore_from(
    conn: &mut Connection,
    candidate: &Path,
    pre_restore: &Path,
    progress: Option<fn(Progress)>,
) -> Result<()> {
    check_restorable(candidate)?;
    backup_to(conn, pre_restore, None)?;
    conn.restore(MAIN_DB, candidate, progress)?;
    store::migrate(conn, store::latest_version())?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn stamp(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y%m%d-%H%M").unwrap()
    }

    /// Every row of every table, as text: two databases with equal dumps hold the same data.
    fn dump(conn: &Connection) -> Vec<String> {
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let mut rows = Vec::new();
        for table in tables {
            // Sorted as text: full-text index tables have no rowid to order by.
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = stmt.column_count();
            let mut query = stmt.query([]).unwrap();
            while let Some(row) = query.next().unwrap() {
                let cells: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                rows.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        rows.sort();
        rows
    }

    #[test]
    fn backup_then_restore_gives_identical_data() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("loket.db")).unwrap();
        conn.execute(
            "UPDATE settings SET value = 'sebelum' WHERE key = 'numbering.agenda'",
            [],
        )
        .unwrap();
        add_admin(&conn);
        let copy = dir.path().join("loket-20261128-1405.db");
        let report = backup_to(&conn, &copy, None).unwrap();
        assert!(report.size_bytes > 0);
        let before = dump(&conn);
        conn.execute(
            "UPDATE settings SET value = 'sesudah' WHERE key = 'numbering.agenda'",
            [],
        )
        .unwrap();
        let pre = dir.path().join("pre-restore.db");
        restore_from(&mut conn, &copy, &pre, None).unwrap();
        assert_eq!(dump(&conn), before);
        // The data replaced by the restore is kept.
        let kept = Connection::open(&pre).unwrap();
        let value: String = kept
            .query_row(
                "SELECT value FROM settings WHERE key = 'numbering.agenda'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(value, "sesudah");
    }

    fn add_admin(conn: &Connection) {
        let input = crate::accounts::AccountInput {
            username: "admin".into(),
            full_name: "A".into(),
            role: "admin".into(),
            active: true,
            password: "sandi-kantor-99".into(),
            ..Default::default()
        };
        crate::accounts::create(conn, &input, false, chrono::Utc::now()).unwrap();
    }

    #[test]
    fn backups_never_overwrite_the_live_database_and_need_an_admin() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("loket.db");
        let conn = store::open(&live).unwrap();
        let live = live.canonicalize().unwrap();
        for name in ["loket.db", "loket.db-wal", "loket.db-shm"] {
            let err = refuse_live_target(&dir.path().join(name), Some(&live)).unwrap_err();
            assert_eq!(err.code(), "backup.live_target");
        }
        refuse_live_target(&dir.path().join("loket-copy.db"), Some(&live)).unwrap();
        // A sound Loket file without an admin is refused.
        let copy = dir.path().join("no-admin.db");
        backup_to(&conn, &copy, None).unwrap();
        assert!(check_restorable(&copy)
            .unwrap_err()
            .to_string()
            .contains("Admin"));
        // Names for pre-restore copies never collide.
        std::fs::write(dir.path().join("x.db"), b"").unwrap();
        assert_eq!(unused_path(dir.path(), "x"), dir.path().join("x-2.db"));
    }

    #[test]
    fn truncated_random_and_foreign_files_are_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("loket.db")).unwrap();
        add_admin(&conn);
        let good = dir.path().join("good.db");
        backup_to(&conn, &good, None).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let truncated = dir.path().join("truncated.db");
        std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
        let random = dir.path().join("random.db");
        std::fs::write(
            &random,
            (0..50_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        for bad in [&truncated, &random, &foreign] {
            let pre = dir.path().join("pre.db");
            let err = restore_from(&mut conn, bad, &pre, None).unwrap_err();
            assert_eq!(err.field(), Some("file"), "{}: {err}", bad.display());
            assert!(!pre.exists(), "nothing done for {}", bad.display());
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, store::latest_version());
    }

    #[test]
    fn rotation_keeps_14_days_and_12_months() {
        let mut backups = Vec::new();
        // Two backups a day for 400 days.
        let start = stamp("20251001-0800");
        for day in 0..400 {
            for hour in [8, 13] {
                let t = start + chrono::Duration::days(day) + chrono::Duration::hours(hour - 8);
                backups.push((
                    t,
                    PathBuf::from(format!("loket-{}.db", t.format("%Y%m%d-%H%M"))),
                ));
            }
        }
        let victims = rotation_victims(&backups);
        let kept: Vec<_> = backups
            .iter()
            .filter(|(_, p)| !victims.contains(p))
            .collect();
        let daily: Vec<_> = kept.iter().filter(|(t, _)| t.hour() == 13).collect();
        assert_eq!(daily.len(), KEEP_DAILY);
        assert_eq!(
            daily[0].0.date(),
            stamp("20261022-0000").date(),
            "the last 14 days"
        );
        assert!(kept
            .iter()
            .all(|(t, _)| t.format("%H").to_string() == "13" || t.day() == 1 && t.hour() == 8));
        assert_eq!(kept.len(), KEEP_DAILY + KEEP_MONTHLY, "{kept:?}");
    }
}
