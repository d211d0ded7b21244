//! Scanned files attached to letters and cases (PDF, JPEG, PNG). A picked file is read with
//! a size bound, its type decided by its content (never by its name), and copied into Loket's
//! own folder under its SHA-256, so the same scan attached twice is stored once and a stored
//! file can be checked against its name at any time.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::{named_params, Connection, OptionalExtension};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::files;
use crate::settings::values;

const DEFAULT_MAX_MB: u64 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpeg",
            Kind::Png => "png",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Kind> {
        [Kind::Pdf, Kind::Jpeg, Kind::Png]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// What the file's name says it is.
    fn from_name(name: &str) -> Option<Kind> {
        let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "pdf" => Some(Kind::Pdf),
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "png" => Some(Kind::Png),
            _ => None,
        }
    }
}

/// What the bytes are: the signature at the start and the marker a complete file ends with
/// (a scan cut off while copying from a flash disk is refused too).
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let contains =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"%PDF-") && contains(tail, b"%%EOF") {
        return Some(Kind::Pdf);
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
        && bytes.get(12..16) == Some(b"IHDR")
        && contains(tail, b"IEND")
    {
        return Some(Kind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && contains(tail, &[0xFF, 0xD9]) {
        return Some(Kind::Jpeg);
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub kind: String,
    pub kind_label: &'static str,
    pub size_bytes: i64,
    /// `1,2 MB`
    pub size_label: String,
    pub original_name: String,
    pub added_at: DateTime<Utc>,
    /// Listed but not to be opened by the person asking (a confidential complainant's).
    pub withheld: bool,
}

/// What the facade needs to attach a file: which record, and where Loket keeps its files.
pub enum Owner {
    Letter(i64),
    Case(i64),
}

/// The largest scan accepted, in whole megabytes (setting, 1–200).
pub fn max_megabytes(conn: &Connection) -> Result<u64> {
    Ok(values::get(conn, values::ATTACHMENT_MAX_MB)?
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|mb| (1..=200).contains(mb))
        .unwrap_or(DEFAULT_MAX_MB))
}

pub fn max_bytes(conn: &Connection) -> Result<usize> {
    Ok((max_megabytes(conn)? * 1024 * 1024) as usize)
}

pub fn save_max_megabytes(conn: &Connection, typed: &str) -> Result<u64> {
    let megabytes = crate::text::integer_in(
        "attachment_max_mb",
        "Ukuran berkas pindaian paling besar (MB)",
        typed,
        1,
        200,
    )?;
    values::set(conn, values::ATTACHMENT_MAX_MB, &megabytes.to_string())?;
    Ok(megabytes as u64)
}

/// Reads and checks a picked file: size, type by content, and that its name does not claim
/// another type. Nothing is stored yet.
pub fn read_checked(path: &Path, max_bytes: usize) -> Result<(Vec<u8>, Kind, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lampiran".into());
    let bytes = files::read_picked(path, max_bytes, "file", &format!("Berkas {name}"))?;
    let Some(kind) = sniff(&bytes) else {
        return Err(Error::invalid(
            "file",
            "attachment.type",
            format!(
                "Berkas {name} bukan PDF, JPEG atau PNG yang utuh; pindai ulang atau simpan \
                 ulang sebagai PDF."
            ),
        ));
    };
    if let Some(claimed) = Kind::from_name(&name).filter(|claimed| *claimed != kind) {
        return Err(Error::invalid(
            "file",
            "attachment.name_mismatch",
            format!(
                "Berkas {name} bernama {} tetapi isinya {}; periksa apakah berkasnya benar.",
                claimed.label(),
                kind.label()
            ),
        ));
    }
    Ok((bytes, kind, name))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a stored file lives: `<storage>/ab/abcdef….pdf`.
pub fn stored_path(storage: &Path, sha256: &str, kind: Kind) -> PathBuf {
    storage
        .join(&sha256[..2])
        .join(format!("{sha256}.{}", kind.extension()))
}

/// Copies the bytes into storage (once per content) before the row that points at them is
/// written, so a saved row always has its file; a file whose row was rolled back is merely
/// unused.
fn store_bytes(storage: &Path, bytes: &[u8], kind: Kind) -> Result<String> {
    let sha256 = hex(&Sha256::digest(bytes));
    write_once(storage, &sha256, kind, bytes)?;
    Ok(sha256)
}

/// Writes `bytes` as the stored file for `sha256` unless an intact copy is there already.
fn write_once(storage: &Path, sha256: &str, kind: Kind, bytes: &[u8]) -> Result<()> {
    let path = stored_path(storage, sha256, kind);
    if path.exists() && read_intact(storage, sha256, kind).is_some() {
        return Ok(());
    }
    let folder = path.parent().expect("stored paths have a folder");
    std::fs::create_dir_all(folder)?;
    let partial = files::Partial::beside(&path);
    let mut file = std::fs::File::create(partial.path())?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    partial.finish(&path)?;
    Ok(())
}

/// A stored file's bytes, if the file is there and still matches its hash.
pub(crate) fn read_intact(storage: &Path, sha256: &str, kind: Kind) -> Option<Vec<u8>> {
    std::fs::read(stored_path(storage, sha256, kind))
        .ok()
        .filter(|bytes| hex(&Sha256::digest(bytes)) == sha256)
}

/// Stores bytes that claim to be the file `sha256` (from a backup): refused unless they
/// hash to that name, so a damaged or doctored backup cannot plant a different scan.
pub(crate) fn store_claimed(
    storage: &Path,
    sha256: &str,
    kind: Kind,
    bytes: &[u8],
) -> Result<bool> {
    if hex(&Sha256::digest(bytes)) != sha256 {
        return Ok(false);
    }
    write_once(storage, sha256, kind, bytes)?;
    Ok(true)
}

/// One stored file, as a backup must carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredScan {
    pub sha256: String,
    pub kind: Kind,
    pub size: u64,
}

/// Every stored file a database refers to, each once.
pub(crate) fn stored_files(conn: &Connection) -> Result<Vec<StoredScan>> {
    let mut stmt = conn.prepare(
        "SELECT sha256, kind, max(size_bytes) FROM attachments GROUP BY sha256, kind ORDER BY sha256",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (sha256, kind, size) = row?;
        // A name that is not a SHA-256 (a doctored backup) is no file of ours.
        if !is_sha256(&sha256) {
            continue;
        }
        if let Some(kind) = Kind::from_code(&kind) {
            found.push(StoredScan {
                sha256,
                kind,
                size: size as u64,
            });
        }
    }
    Ok(found)
}

pub(crate) fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Attaches a checked file to a letter or case. Call inside the write transaction.
/// The folder under the data folder where a PC on the office server writes checked copies
/// of scans for the viewer; emptied whenever Loket opens the server.
pub const OPENED_FOLDER: &str = "pindaian-dibuka";

/// Where an office keeps its scans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// Files under the PC's data folder, named by their SHA-256 (one PC, SQLite).
    Folder(PathBuf),
    /// The database's `scans` table (the office server), so every PC opens every scan;
    /// `opened` is the folder on this PC where a checked copy is written for the viewer.
    Database { opened: PathBuf },
}

/// Keeps a scan in the database, once per SHA-256, in the caller's transaction (the office
/// server's storage). A kept copy that no longer has its hash (damaged, or changed outside
/// Loket) is replaced by these bytes, which do: attaching the original again, or restoring a
/// backup that holds it, repairs it. Nothing else may rewrite a kept scan.
pub(crate) fn put_in_database(
    conn: &Connection,
    sha256: &str,
    kind: Kind,
    bytes: &[u8],
) -> Result<()> {
    let added = conn
        .prepare_cached(
            "INSERT INTO scans (sha256, kind, size_bytes, bytes) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (sha256) DO NOTHING",
        )?
        .execute(crate::store::params![
            sha256,
            kind.code(),
            bytes.len() as i64,
            bytes
        ])?;
    if added == 0 && read_from_database(conn, sha256)?.is_none() {
        conn.execute_batch("ALTER TABLE scans DISABLE TRIGGER scans_kept")?;
        conn.prepare_cached(
            "UPDATE scans SET kind = ?2, size_bytes = ?3, bytes = ?4 WHERE sha256 = ?1",
        )?
        .execute(crate::store::params![
            sha256,
            kind.code(),
            bytes.len() as i64,
            bytes
        ])?;
        conn.execute_batch("ALTER TABLE scans ENABLE TRIGGER scans_kept")?;
    }
    Ok(())
}

/// After a restore on the office server: the scans no attachment refers to any more are
/// let go (kept in the backup of the replaced data); the ones it still refers to stay, so a
/// backup that carries no scans does not take away what the server already held.
pub(crate) fn forget_unreferenced_in_database(tx: &Connection) -> Result<()> {
    tx.execute_batch(
        "ALTER TABLE scans DISABLE TRIGGER scans_no_delete;
         DELETE FROM scans WHERE sha256 NOT IN (SELECT sha256 FROM attachments);
         ALTER TABLE scans ENABLE TRIGGER scans_no_delete;",
    )?;
    Ok(())
}

/// A scan kept in the database, only if its bytes still have its hash.
pub(crate) fn read_from_database(conn: &Connection, sha256: &str) -> Result<Option<Vec<u8>>> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT bytes FROM scans WHERE sha256 = ?1")?
        .query_row([sha256], |r| r.get(0))
        .optional()?;
    Ok(bytes.filter(|b| hex(&Sha256::digest(b)) == sha256))
}

pub fn attach(
    conn: &Connection,
    storage: &Storage,
    owner: &Owner,
    picked: (Vec<u8>, Kind, String),
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<Attachment> {
    let (bytes, kind, name) = picked;
    let sha256 = match storage {
        Storage::Folder(folder) => store_bytes(folder, &bytes, kind)?,
        Storage::Database { .. } => {
            let sha256 = sha256_hex(&bytes);
            put_in_database(conn, &sha256, kind, &bytes)?;
            sha256
        }
    };
    let (letter_id, case_id) = match owner {
        Owner::Letter(id) => (Some(*id), None),
        Owner::Case(id) => (None, Some(*id)),
    };
    conn.prepare_cached(
        "INSERT INTO attachments (sha256, kind, size_bytes, original_name, letter_id, case_id,
                                  added_by, added_at)
         VALUES (:sha, :kind, :size, :name, :letter, :case, :account, :now)",
    )?
    .execute(named_params! {
        ":sha": sha256, ":kind": kind.code(), ":size": bytes.len() as i64, ":name": name,
        ":letter": letter_id, ":case": case_id, ":account": account_id, ":now": now,
    })?;
    get(conn, conn.last_insert_id()?)
}

const SELECT: &str =
    "SELECT id, kind, size_bytes, original_name, added_at, sha256 FROM attachments";

fn from_row(row: &crate::store::Row) -> crate::store::SqlResult<Attachment> {
    let kind: String = row.get(1)?;
    let size: i64 = row.get(2)?;
    Ok(Attachment {
        id: row.get(0)?,
        kind_label: Kind::from_code(&kind).map(Kind::label).unwrap_or(""),
        kind,
        size_bytes: size,
        size_label: size_label(size),
        original_name: row.get(3)?,
        added_at: row.get(4)?,
        withheld: false,
    })
}

fn size_label(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    }
}

pub fn get(conn: &Connection, id: i64) -> Result<Attachment> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "attachment.not_found",
            what: "Lampiran",
        })
}

pub fn of_owner(conn: &Connection, owner: &Owner) -> Result<Vec<Attachment>> {
    let (column, id) = match owner {
        Owner::Letter(id) => ("letter_id", *id),
        Owner::Case(id) => ("case_id", *id),
    };
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE {column} = ?1 ORDER BY id"))?
        .query_map([id], from_row)?
        .collect::<crate::store::SqlResult<Vec<_>>>()?)
}

/// The letter or case an attachment belongs to.
pub fn owner_of(conn: &Connection, id: i64) -> Result<Owner> {
    let (letter, case): (Option<i64>, Option<i64>) = conn
        .prepare_cached("SELECT letter_id, case_id FROM attachments WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound {
            code: "attachment.not_found",
            what: "Lampiran",
        })?;
    Ok(match (letter, case) {
        (Some(letter), _) => Owner::Letter(letter),
        (None, Some(case)) => Owner::Case(case),
        (None, None) => Owner::Case(0),
    })
}

/// Scans of a confidential complainant, listed for someone who may not know them: the file
/// name a scanner or the complainant gave ("KTP Maria Seran.pdf") is replaced by a neutral
/// one, and the file itself will not open ([`crate::confidential`]).
pub fn hide_names(attachments: &mut [Attachment]) {
    for (index, attachment) in attachments.iter_mut().enumerate() {
        attachment.original_name = format!("Pindaian {} ({})", index + 1, attachment.kind_label);
        attachment.withheld = true;
    }
}

/// The stored file of an attachment, checked against its hash before it is handed to a
/// viewer: a file changed or lost on disk is reported, never shown as if it were the scan.
/// The stored file of an attachment, checked against its hash, for the system viewer.
pub fn stored_file(conn: &Connection, storage: &Storage, id: i64) -> Result<PathBuf> {
    let (sha256, kind): (String, String) = conn
        .prepare_cached("SELECT sha256, kind FROM attachments WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound {
            code: "attachment.not_found",
            what: "Lampiran",
        })?;
    let kind = Kind::from_code(&kind).unwrap_or(Kind::Pdf);
    let folder = match storage {
        Storage::Folder(folder) => folder,
        Storage::Database { opened } => {
            let Some(bytes) = read_from_database(conn, &sha256)? else {
                return Err(Error::invalid(
                    "",
                    "attachment.damaged",
                    "Pindaian ini hilang atau berubah di server kantor. Hubungi admin kantor: \
                     memulihkan cadangan di server mengganti pekerjaan semua meja sejak cadangan \
                     itu, jadi putuskan bersama.",
                ));
            };
            // A checked copy for the viewer; written once per scan and PC.
            write_once(opened, &sha256, kind, &bytes)?;
            opened
        }
    };
    let path = stored_path(folder, &sha256, kind);
    let intact = std::fs::read(&path)
        .map(|bytes| hex(&Sha256::digest(&bytes)) == sha256)
        .unwrap_or(false);
    if !intact {
        return Err(Error::invalid(
            "",
            "attachment.damaged",
            format!(
                "Berkas lampiran hilang atau berubah di {}; pulihkan dari cadangan.",
                path.display()
            ),
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec()
    }

    fn png() -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        bytes.extend([0, 0, 0, 13]);
        bytes.extend(b"IHDR");
        bytes.extend([0; 17]);
        bytes.extend([0, 0, 0, 0]);
        bytes.extend(b"IEND");
        bytes.extend([0xAE, 0x42, 0x60, 0x82]);
        bytes
    }

    fn jpeg() -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        bytes.extend(b"JFIF\0");
        bytes.extend([0; 20]);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(&pdf()), Some(Kind::Pdf));
        assert_eq!(sniff(&png()), Some(Kind::Png));
        assert_eq!(sniff(&jpeg()), Some(Kind::Jpeg));
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"MZ\x90\x00 an exe"), None);
        assert_eq!(sniff(b"PK\x03\x04 a docx"), None);
        // Cut off while copying: no end marker.
        let cut = &pdf()[..20];
        assert_eq!(sniff(cut), None);
        let cut_png = &png()[..30];
        assert_eq!(sniff(cut_png), None);
    }

    #[test]
    fn a_file_that_is_not_what_its_name_says_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let code = |path: PathBuf| read_checked(&path, 1 << 20).unwrap_err().code();
        assert_eq!(code(write("surat.pdf", &png())), "attachment.name_mismatch");
        assert_eq!(code(write("scan.jpg", &pdf())), "attachment.name_mismatch");
        assert_eq!(
            code(write("surat.pdf", b"Hello, not a PDF")),
            "attachment.type"
        );
        assert_eq!(
            code(write("virus.pdf.exe", b"MZ\x90\x00")),
            "attachment.type"
        );
        let (_, kind, name) = read_checked(&write("Surat Warga.PDF", &pdf()), 1 << 20).unwrap();
        assert_eq!((kind, name.as_str()), (Kind::Pdf, "Surat Warga.PDF"));
        // No extension: the content decides.
        assert_eq!(
            read_checked(&write("pindaian", &jpeg()), 1 << 20)
                .unwrap()
                .1,
            Kind::Jpeg
        );
        let big = write("besar.pdf", &[pdf(), vec![b' '; 2048]].concat());
        assert_eq!(
            read_checked(&big, 1024).unwrap_err().code(),
            "file.too_large"
        );
    }

    #[test]
    fn stored_once_by_content_and_checked_before_opening() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open_in_memory().unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (id, username, full_name, role, password_hash, created_at)
                  VALUES (1, 'surat', 'Pengelola', 'pengelola_surat', 'x', '2026-11-30T00:00:00Z');
             INSERT INTO letters (id, agenda_year, agenda_seq, agenda_number, letter_number,
                                  letter_date, received_at, received_date, sender_name, subject,
                                  urgency, recorded_by, created_at)
                  VALUES (1, 2026, 1, '1', 'X/1', '2026-11-30', '2026-11-30T01:00:00Z',
                          '2026-11-30', 'Warga', 'Bantuan', 'biasa', 1, '2026-11-30T01:00:00Z');",
        )
        .unwrap();
        let now = "2026-11-30T02:00:00Z".parse().unwrap();
        let storage = Storage::Folder(dir.path().join("lampiran"));
        let picked = || (pdf(), Kind::Pdf, "surat.pdf".to_owned());
        let first = attach(&conn, &storage, &Owner::Letter(1), picked(), 1, now).unwrap();
        attach(&conn, &storage, &Owner::Letter(1), picked(), 1, now).unwrap();
        let files: Vec<_> = walk(&dir.path().join("lampiran"));
        assert_eq!(files.len(), 1, "one copy per content: {files:?}");
        assert_eq!(of_owner(&conn, &Owner::Letter(1)).unwrap().len(), 2);
        let path = stored_file(&conn, &storage, first.id).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), pdf());
        std::fs::write(&path, b"%PDF-changed %%EOF").unwrap();
        assert_eq!(
            stored_file(&conn, &storage, first.id).unwrap_err().code(),
            "attachment.damaged"
        );
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            if entry.path().is_dir() {
                found.extend(walk(&entry.path()));
            } else {
                found.push(entry.path());
            }
        }
        found
    }
}
