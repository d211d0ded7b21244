//! The office's move from one PC's file onto the office server (*Pindahkan ke server*):
//! every record with its own number, every scan and the whole audit trail, in one
//! transaction of the server, checked by counting and by the trail's chain. The PC's own
//! file is only read: it stays as it was, a copy to go back to.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use crate::accounts::{Action, Actor};
use crate::attachments;
use crate::audit;
use crate::error::{Error, Result};
use crate::settings::values;
use crate::store::{self, transfer};
use crate::Office;

/// How far a move has come, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveProgress {
    /// `Data` while records are copied, `Pindaian` while scans are.
    pub stage: &'static str,
    pub done: i64,
    pub all: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveReport {
    /// Rows per table, as counted on the server after the copy (equal to the file's).
    pub tables: Vec<(String, i64)>,
    pub records: i64,
    /// Scans now in the server's database, each checked by its SHA-256.
    pub scans: usize,
    /// Scans the records refer to that were lost or damaged on this PC before the move.
    pub scans_missing: usize,
    /// Entries of the audit trail on the server, the move's own included; verified whole.
    pub audit_entries: i64,
}

impl Office {
    /// Moves this PC's office onto the empty database at `config`. Admin only. This PC's
    /// saves wait while it runs, so nothing saved here is left behind; the file itself is
    /// never written. Refused if the server already holds an office.
    pub fn move_to_server(
        &self,
        actor: &Actor,
        config: &str,
        progress: &mut dyn FnMut(MoveProgress),
    ) -> Result<MoveReport> {
        actor.authorize(Action::Restore)?;
        if self.is_moved() {
            return Err(moved_error());
        }
        if self.on_server() {
            return Err(Error::invalid(
                "database",
                "store.already_on_server",
                "Data kantor ini sudah berada di server kantor.",
            ));
        }
        let storage = self.attachment_storage().ok();
        let mut target = store::server::open(config)?;
        let now = self.now();
        // Holding this PC's one writer: nothing is saved here between the copy and the
        // switch to the server.
        let mut conn = self.conn();
        let (copied, scans, scans_missing, audit_entries) = store::read(&mut conn, |from| {
            let wanted = attachments::stored_files(from)?;
            let all_scans = wanted.len() as i64;
            store::write(&mut target, |to| {
                let copied = transfer::copy_office_in(from, to, &mut |_, done, all| {
                    progress(MoveProgress {
                        stage: "Data",
                        done,
                        all,
                    })
                })?;
                let (mut scans, mut missing) = (0, 0);
                for (index, scan) in wanted.iter().enumerate() {
                    let bytes = match &storage {
                        Some(attachments::Storage::Folder(folder)) => {
                            attachments::read_intact(folder, &scan.sha256, scan.kind)
                        }
                        _ => None,
                    };
                    match bytes {
                        Some(bytes) => {
                            attachments::put_in_database(to, &scan.sha256, scan.kind, &bytes)?;
                            scans += 1;
                        }
                        None => missing += 1,
                    }
                    progress(MoveProgress {
                        stage: "Pindaian",
                        done: index as i64 + 1,
                        all: all_scans,
                    });
                }
                // The backup folder was chosen on this PC: the daily backup stays its duty.
                let folder = values::get(to, values::BACKUP_FOLDER)?.unwrap_or_default();
                let duty = values::get(to, values::BACKUP_DUTY_PC)?.unwrap_or_default();
                if !folder.is_empty() && duty.is_empty() {
                    values::set(to, values::BACKUP_DUTY_PC, &self.pc)?;
                }
                let stored: i64 = to.query_row("SELECT count(*) FROM scans", [], |r| r.get(0))?;
                if stored != scans as i64 {
                    return Err(Error::invalid(
                        "database",
                        "store.copy_count",
                        format!(
                            "Jumlah pindaian tidak cocok setelah dipindahkan ({stored} dari \
                             {scans}); tidak ada yang disimpan."
                        ),
                    ));
                }
                audit::record(
                    to,
                    Some(actor),
                    now,
                    "office.move_to_server",
                    "database",
                    "main",
                    json!({
                        "records": copied.tables.iter().map(|(_, n)| n).sum::<i64>(),
                        "scans": scans,
                        "scans_missing": missing,
                    }),
                )?;
                // Verified before it is committed: a server holding a broken copy would
                // refuse the next try as "not empty".
                let chain = audit::verify(to, &audit::AnchorState::NotKept)?;
                if !chain.intact {
                    return Err(Error::invalid(
                        "database",
                        "store.move_chain",
                        format!(
                            "Jejak audit tidak utuh setelah disalin ({}); tidak ada yang \
                             disimpan di server.",
                            chain.message
                        ),
                    ));
                }
                Ok((copied, scans, missing, chain.entries))
            })
        })?;
        // Still holding this PC's writer: from here on nothing is written into the file, so
        // nothing saved on this PC can be left behind in it.
        self.moved.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(path) = &self.path {
            let note = format!(
                "Data kantor dalam {} dipindahkan ke server kantor pada {} WITA oleh {}. \
                 Berkas ini disimpan apa adanya dan tidak dipakai lagi.\n",
                path.display(),
                now.with_timezone(&crate::dates::wita())
                    .format("%d/%m/%Y %H.%M"),
                actor.username
            );
            // The move itself is done and committed; a marker that cannot be written only
            // loses the warning at the next start.
            let _ = std::fs::write(moved_marker(path), note);
        }
        drop(conn);
        Ok(MoveReport {
            records: copied.tables.iter().map(|(_, n)| n).sum(),
            tables: copied
                .tables
                .into_iter()
                .map(|(t, n)| (t.to_owned(), n))
                .collect(),
            scans,
            scans_missing,
            audit_entries,
        })
    }
}

/// `loket.db` → `loket.db.dipindahkan`: left beside a file whose office moved to the server.
fn moved_marker(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".dipindahkan");
    PathBuf::from(name)
}

/// The note removed: the file opens again (an Admin chose this PC alone on purpose).
pub(crate) fn forget_move(path: &Path) {
    let _ = std::fs::remove_file(moved_marker(path));
}

pub(crate) fn moved_error() -> Error {
    Error::MovedToServer(
        "Data kantor di komputer ini sudah dipindahkan ke server kantor, jadi tidak disimpan \
         di sini lagi. Buka ulang Loket untuk bekerja di server."
            .into(),
    )
}

/// Whether the office in this file was moved to the server (its note is beside it).
pub(crate) fn was_moved(path: &Path) -> bool {
    moved_marker(path).exists()
}

/// Going back to a moved file is an Admin's decision made on purpose: from Loket while the
/// server lets the Admin in, or by removing the note by hand (README). Not from the screen
/// anyone at the PC sees while the server is out of reach: saves there would be missing on
/// the server and its numbers would clash.
pub(crate) fn refuse_going_back() -> Error {
    Error::invalid(
        "database-kind",
        "database.moved_back_refused",
        "Data kantor di komputer ini sudah dipindahkan ke server kantor. Selama server belum \
         terjangkau, perbaiki isian server. Kembali ke data komputer ini hanya dapat dipilih \
         Admin di Pengaturan › Basis Data setelah masuk, atau dengan menghapus berkas \
         loket.db.dipindahkan di folder data (lihat README).",
    )
}

/// A file whose office moved to the server is not opened again by mistake: what would be
/// saved in it would be missing on the server, and its numbers would clash. (To go back to
/// it on purpose, remove the `.dipindahkan` file beside it; see README.)
pub(crate) fn refuse_if_moved(path: &Path) -> Result<()> {
    let marker = moved_marker(path);
    if !marker.exists() {
        return Ok(());
    }
    let note = std::fs::read_to_string(&marker).unwrap_or_default();
    Err(Error::MovedToServer(format!(
        "{} Pilih \"Server kantor\" di Periksa sambungan basis data.",
        note.trim()
    )))
}
