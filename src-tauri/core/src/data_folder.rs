//! The data folder: the database, its journal, the audit anchor, the log and the scans. It
//! must be on this PC's own disk (SQLite's locking and WAL do not work across a network,
//! and a database shared that way is corrupted), and nothing the user saves may land in it.

use std::path::Path;

use crate::error::{Error, Result};

/// Refuses a file the user chose to write (a backup, an export, a saved document) inside
/// Loket's own data folder: the database, its journal, the log, the audit anchor and the
/// scans live there, and renaming a new file over one of them would destroy it.
pub(crate) fn refuse_inside(field: &str, target: &Path, data_dir: Option<&Path>) -> Result<()> {
    // Both sides in the same canonical spelling (on Windows a long one keeps its \\?\ form,
    // a short one need not): compared as std gives them, shown as the user knows them.
    let Some(data_dir) = data_dir.and_then(|d| std::fs::canonicalize(d).ok()) else {
        return Ok(());
    };
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A folder that does not exist fails later, when the file is written, with its own
    // message.
    let Ok(parent) = std::fs::canonicalize(parent) else {
        return Ok(());
    };
    if parent.starts_with(&data_dir) {
        return Err(Error::invalid(
            field,
            "file.in_data_folder",
            format!(
                "Berkas tidak boleh disimpan di folder data Loket ({}): di sana ada basis data \
                 dan lampiran yang sedang dipakai. Pilih folder lain, mis. Dokumen atau flashdisk.",
                dunce::simplified(&data_dir).display()
            ),
        ));
    }
    Ok(())
}

/// The longest path Windows opens for a program not declared long-path aware (Loket's
/// manifest, Tauri's, is not): 260 less the closing NUL. SQLite hands its file names over as
/// they are, so a longer one fails as "unable to open database file".
#[cfg(windows)]
const WINDOWS_PATH_LIMIT: usize = 259;

/// What SQLite adds beside a file Loket writes through it (a backup is written as
/// `<file>.loket.part` and its journal), counted against the limit.
pub(crate) const BESIDE_A_FILE: &str = ".loket.part-journal";

/// The longest name SQLite opens inside the data folder: a restore's keeping copy of the
/// database, while it is written.
pub(crate) const IN_THE_DATA_FOLDER: &str = "/pre-restore-20261130-090000-99.db.loket.part-journal";

/// Refuses, on Windows, a file SQLite would open whose full path with `added` (one of the
/// two above) passes Windows' limit, naming the field, before SQLite fails obscurely.
pub(crate) fn refuse_too_long(field: &str, path: &Path, added: &str) -> Result<()> {
    #[cfg(windows)]
    {
        use std::os::windows::ffi::OsStrExt;
        let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let length = full.as_os_str().encode_wide().count();
        let allowed = WINDOWS_PATH_LIMIT - added.len();
        if length > allowed {
            let choose = if field == "data_dir" {
                "Pakai folder data yang lebih dekat ke awal drive (--data-dir atau \
                 LOKET_DATA_DIR), mis. D:\\Loket."
            } else {
                "Pilih folder yang lebih dekat ke awal drive, mis. D:\\Cadangan, atau \
                 langsung di flashdisk."
            };
            return Err(Error::invalid(
                field,
                "file.path_too_long",
                format!(
                    "Alamat ini terlalu panjang untuk Windows ({length} karakter, paling banyak \
                     {allowed}): {}. {choose}",
                    full.display()
                ),
            ));
        }
    }
    let _ = (field, path, added);
    Ok(())
}

/// File systems on another computer (as Linux names them in `/proc/self/mounts`).
#[cfg(any(target_os = "linux", test))]
const NETWORK_FILE_SYSTEMS: [&str; 9] = [
    "nfs",
    "nfs4",
    "cifs",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "ceph",
    "glusterfs",
];

/// This PC's name as Windows shows it (`COMPUTERNAME`), or the host name elsewhere.
pub fn this_pc() -> String {
    std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "komputer ini".to_owned())
}

/// Refuses a data folder on another computer: a UNC path (`\\server\share`), a mapped
/// network drive on Windows, or an NFS/SMB mount elsewhere.
pub fn refuse_network(folder: &Path) -> Result<()> {
    // Either spelling may tell: the drive letter typed (a mapped drive) or the share it
    // resolves to (a UNC path, a Linux network mount).
    let canonical = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    if let Some(what) = network_location(folder).or_else(|| network_location(&canonical)) {
        return Err(Error::invalid(
            "data_dir",
            "store.network_folder",
            format!(
                "Folder data Loket ({}) ada di {what}. Basis data Loket tidak boleh dipakai \
                 bersama lewat jaringan: berkasnya bisa rusak. Simpan data di disk komputer ini \
                 (hapus --data-dir atau LOKET_DATA_DIR). Untuk beberapa komputer, kantor \
                 memerlukan server basis data kantor; sampai tersedia, Loket dipakai di satu \
                 komputer.",
                dunce::simplified(folder).display()
            ),
        ));
    }
    Ok(())
}

fn network_location(folder: &Path) -> Option<String> {
    if is_unc(&folder.to_string_lossy()) {
        return Some("folder jaringan (alamat \\\\server\\...)".to_owned());
    }
    #[cfg(windows)]
    if mapped_network_drive(folder) {
        return Some("drive jaringan".to_owned());
    }
    #[cfg(target_os = "linux")]
    if let Some(fs) = std::fs::read_to_string("/proc/self/mounts")
        .ok()
        .and_then(|mounts| network_mount(&mounts, folder))
    {
        return Some(format!("folder jaringan ({fs})"));
    }
    None
}

/// `\\server\share\…` or `//server/share/…`, also in Windows' long form `\\?\UNC\…`; not
/// a local drive in long form (`\\?\C:\…`).
fn is_unc(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix(r"\\?\")
        .or_else(|| lower.strip_prefix(r"\\.\"))
    {
        return rest.starts_with(r"unc\");
    }
    lower.starts_with(r"\\") || lower.starts_with("//")
}

/// The network file system `path` lies on, from the text of `/proc/self/mounts`: the mount
/// whose point is the longest prefix of the path decides.
#[cfg(any(target_os = "linux", test))]
fn network_mount(mounts: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (Some(_), Some(point), Some(fs)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        // Spaces in mount points are written as \040.
        let point = point.replace("\\040", " ");
        if path.starts_with(&point) && best.is_none_or(|(len, _)| point.len() >= len) {
            best = Some((point.len(), fs));
        }
    }
    best.map(|(_, fs)| fs)
        .filter(|fs| NETWORK_FILE_SYSTEMS.contains(fs))
        .map(str::to_owned)
}

#[cfg(windows)]
fn mapped_network_drive(folder: &Path) -> bool {
    use std::path::{Component, Prefix};
    const DRIVE_REMOTE: u32 = 4;
    let Some(Component::Prefix(prefix)) = folder.components().next() else {
        return false;
    };
    let letter = match prefix.kind() {
        Prefix::Disk(letter) | Prefix::VerbatimDisk(letter) => letter,
        Prefix::UNC(..) | Prefix::VerbatimUNC(..) => return true,
        _ => return false,
    };
    let root: Vec<u16> = format!("{}:\\", letter as char)
        .encode_utf16()
        .chain([0])
        .collect();
    // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call.
    unsafe { windows_sys::Win32::Storage::FileSystem::GetDriveTypeW(root.as_ptr()) == DRIVE_REMOTE }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn nothing_is_written_into_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("lampiran")).unwrap();
        for inside in [
            "loket.db",
            "loket.db-wal",
            "loket.log",
            "lampiran/ab.pdf",
            "apa.xlsx",
        ] {
            let err = refuse_inside("path", &data.join(inside), Some(&data)).unwrap_err();
            assert_eq!(err.code(), "file.in_data_folder", "{inside}");
            assert_eq!(err.field(), Some("path"));
        }
        // Through another spelling of the same folder, too.
        let sneaky = data.join("lampiran").join("..").join("loket.db");
        assert!(refuse_inside("path", &sneaky, Some(&data)).is_err());
        refuse_inside("path", &dir.path().join("rekap.xlsx"), Some(&data)).unwrap();
        refuse_inside("path", &data.join("x.db"), None).unwrap();
    }

    #[test]
    fn a_network_folder_is_recognised() {
        for unc in [
            r"\\server\loket",
            r"\\192.168.1.10\data\loket",
            "//nas/loket",
            r"\\?\UNC\server\loket",
        ] {
            assert!(is_unc(unc), "{unc}");
        }
        for local in [
            r"C:\Users\Resepsionis\AppData",
            r"\\?\C:\Users\x",
            "/home/loket",
        ] {
            assert!(!is_unc(local), "{local}");
        }
        let mounts = "/dev/vda / ext4 rw 0 0\n\
                      //nas/kantor /mnt/kantor cifs rw 0 0\n\
                      /dev/sdb1 /mnt/kantor/usb vfat rw 0 0\n\
                      srv:/data /mnt/data\\040bersama nfs4 rw 0 0\n";
        let on = |p: &str| network_mount(mounts, Path::new(p));
        assert_eq!(on("/mnt/kantor/loket").as_deref(), Some("cifs"));
        assert_eq!(
            on("/mnt/kantor/usb/loket"),
            None,
            "the deeper mount decides"
        );
        assert_eq!(on("/mnt/data bersama/loket").as_deref(), Some("nfs4"));
        assert_eq!(on("/home/tu/.local/share/loket"), None);
        let err = refuse_network(Path::new(r"\\server\loket")).unwrap_err();
        assert_eq!(err.code(), "store.network_folder");
        assert!(err.to_string().contains("satu"), "{err}");
        refuse_network(&std::env::temp_dir()).unwrap();
    }

    /// Characters as Windows counts them (UTF-16 units).
    fn windows_length(path: &Path) -> usize {
        path.as_os_str().to_string_lossy().encode_utf16().count()
    }

    /// A path of exactly `length` characters under `root` ending in `ending`, its folders made.
    fn path_of_length(root: &Path, length: usize, ending: &str) -> PathBuf {
        const FOLDER: &str = "Arsip Dinas Sosial Kota Kupang";
        let mut path = root.to_path_buf();
        while windows_length(&path) + FOLDER.len() + ending.len() + 3 <= length {
            path.push(FOLDER);
        }
        std::fs::create_dir_all(&path).unwrap();
        let rest = length - windows_length(&path) - 1 - ending.len();
        let path = path.join(format!("{}{ending}", "x".repeat(rest)));
        assert_eq!(windows_length(&path), length);
        path
    }

    /// Windows opens no path beyond 259 characters for Loket, and SQLite's names for a
    /// backup and inside the data folder are longer than the one chosen. Up to the limit they
    /// work (and a restore from deeper, which only Rust's file functions read, always); one
    /// character more is refused on Windows with a message naming the field. Elsewhere there
    /// is no limit.
    #[test]
    fn database_and_backup_paths_up_to_windows_limit() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::path::absolute(dir.path()).unwrap();
        let clock = || {
            Box::new(crate::clock::FixedClock(
                "2026-11-30T01:00:00Z".parse().unwrap(),
            ))
        };
        let office_at = |folder: &Path| {
            std::fs::create_dir_all(folder).unwrap();
            let office = crate::Office::open(&folder.join("loket.db"), clock())?;
            let admin = office.create_first_admin(&crate::accounts::AccountInput {
                username: "admin".into(),
                full_name: "Admin Kantor".into(),
                password: "sandi-kantor-kupang".into(),
                ..Default::default()
            })?;
            Ok::<_, Error>((office, admin))
        };
        let folder_limit = 259 - IN_THE_DATA_FOLDER.len();
        let at_folder_limit = path_of_length(&root.join("a"), folder_limit, "");
        let (office, admin) = office_at(&at_folder_limit).unwrap();
        let too_deep = office_at(&path_of_length(&root.join("b"), folder_limit + 1, ""));
        let file_limit = 259 - BESIDE_A_FILE.len();
        let at_limit = path_of_length(&root.join("c"), file_limit, ".db");
        office.backup_create(&admin, &at_limit).unwrap();
        let one_more = office.backup_create(
            &admin,
            &path_of_length(&root.join("c"), file_limit + 1, ".db"),
        );
        // The daily backup's folder: its file name and SQLite's addition must fit too.
        let daily_limit = 259 - BESIDE_A_FILE.len() - "/loket-auto-20261130-0900.db".len();
        let daily_at = |length| {
            let folder = path_of_length(&root.join("e"), length, "");
            std::fs::create_dir_all(&folder).unwrap();
            office.backup_folder_save(&admin, &folder)
        };
        daily_at(daily_limit).unwrap();
        let daily_too_deep = daily_at(daily_limit + 1);
        // Restored from deeper still, keeping the current data in the data folder at its limit
        // as the window does: SQLite's longest name there.
        let restored_from = path_of_length(&root.join("d"), 300, ".db");
        std::fs::copy(&at_limit, &restored_from).unwrap();
        office
            .backup_restore(&admin, &restored_from, &at_folder_limit)
            .unwrap();
        let kept = std::fs::read_dir(&at_folder_limit)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .any(|name| name.starts_with("pre-restore-"));
        assert!(kept, "the data before the restore is kept beside");
        if cfg!(windows) {
            let err = too_deep.err().expect("refused");
            assert_eq!(
                (err.code(), err.field()),
                ("file.path_too_long", Some("data_dir"))
            );
            assert!(err.to_string().contains("--data-dir"), "{err}");
            let err = one_more.expect_err("refused");
            assert_eq!(
                (err.code(), err.field()),
                ("file.path_too_long", Some("file"))
            );
            assert!(err.to_string().contains("terlalu panjang"), "{err}");
            let err = daily_too_deep.unwrap_err();
            assert_eq!(
                (err.code(), err.field()),
                ("file.path_too_long", Some("folder"))
            );
            let shown = format!("paling banyak {daily_limit})");
            assert!(err.to_string().contains(&shown), "{err}");
        } else {
            too_deep.unwrap();
            one_more.unwrap();
            daily_too_deep.unwrap();
        }
    }

    /// A mapped network drive, found by its letter (GetDriveTypeW says DRIVE_REMOTE) and named
    /// as the user typed it. The Windows test run maps one (LOKET_TEST_NETWORK_DRIVE=N:).
    #[cfg(windows)]
    #[test]
    fn a_mapped_network_drive_is_refused() {
        let Ok(drive) = std::env::var("LOKET_TEST_NETWORK_DRIVE") else {
            eprintln!("skipped without LOKET_TEST_NETWORK_DRIVE: no network drive is mapped");
            return;
        };
        let folder = Path::new(&format!("{drive}\\")).join("Loket");
        std::fs::create_dir_all(&folder).unwrap();
        let err = refuse_network(&folder).unwrap_err();
        assert_eq!(err.code(), "store.network_folder");
        let message = err.to_string();
        assert!(message.contains("drive jaringan"), "{message}");
        assert!(message.contains(&format!("({drive}\\Loket)")), "{message}");
        let clock = Box::new(crate::clock::FixedClock(
            "2026-11-30T01:00:00Z".parse().unwrap(),
        ));
        let opened = crate::Office::open(&folder.join("loket.db"), clock);
        assert_eq!(opened.err().map(|e| e.code()), Some("store.network_folder"));
        assert!(!folder.join("loket.db").exists(), "nothing created there");
    }
}
