//! Getting a finished PDF to the user: saved where the dialog said, or opened in the
//! system's viewer from a temporary copy in the data folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use loket_core::viewer::ViewerError;
use loket_core::{Error, Pdf};

use crate::error::{CommandError, CommandResult};
use crate::logging;
use crate::state::AppState;

/// Writes the PDF to `path` (from the save dialog) or opens it in the system viewer under
/// its own name; returns where the file is.
pub fn deliver(state: &AppState, pdf: Pdf, path: Option<PathBuf>) -> CommandResult<String> {
    let (name, bytes) = (pdf.file_name.as_str(), pdf.bytes.as_slice());
    let data_dir = state.data_dir.as_path();
    match path {
        Some(path) => {
            // The dialog may point anywhere, the live database included: the core refuses
            // its own folder and writes the file whole or not at all.
            state.office()?.save_file("path", &path, bytes)?;
            Ok(path.display().to_string())
        }
        None => {
            // The viewer reads the copy after we return, so it cannot go at once; an hour is
            // long enough to print it, and start-up clears the rest.
            sweep_temporary(data_dir, Duration::from_secs(3600));
            let folder = temporary_folder(data_dir);
            std::fs::create_dir_all(&folder).map_err(Error::from)?;
            logging::info(&format!("opening {name} in the system viewer"));
            let path = folder.join(name);
            write_whole(&path, bytes)?;
            open_in_viewer(&path)?;
            Ok(path.display().to_string())
        }
    }
}

fn temporary_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("dokumen-sementara")
}

/// Deletes the copies opened in the viewer longer than `older_than` ago: they can hold a
/// citizen's personal data (the export), which must not pile up on a shared PC. A copy a
/// viewer still holds open (Windows locks it) stays until the next sweep.
pub fn sweep_temporary(data_dir: &Path, older_than: Duration) {
    let Ok(entries) = std::fs::read_dir(temporary_folder(data_dir)) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|modified| now.duration_since(modified).unwrap_or_default() >= older_than)
            .unwrap_or(true);
        if old_enough && entry.path().is_file() {
            if let Err(e) = std::fs::remove_file(entry.path()) {
                logging::info(&format!(
                    "temporary document {} kept: {e}",
                    entry.path().display()
                ));
            }
        }
    }
}

/// The viewer's copy, written whole or not at all.
fn write_whole(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    loket_core::files::write_whole(path, bytes).map_err(|e| {
        CommandError::message(
            "document.write",
            format!(
                "Berkas tidak dapat disimpan di {} ({e}). Pilih folder lain.",
                path.display()
            ),
        )
    })
}

/// Opens a document or scan in the application the PC uses for its kind.
pub fn open_in_viewer(path: &Path) -> CommandResult<()> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let application = match extension.as_str() {
        "pdf" => "pembaca PDF",
        "jpg" | "jpeg" | "png" => "penampil gambar",
        _ => "aplikasi pembuka berkas ini",
    };
    loket_core::viewer::open(path).map_err(|e| {
        let what = match e {
            ViewerError::NoApplication => {
                format!("Belum ada {application} di komputer ini. Minta admin kantor memasangnya")
            }
            ViewerError::Failed(reason) => format!("Berkas tidak dapat dibuka: {reason}"),
        };
        CommandError::message(
            "document.viewer",
            format!("{what}. Berkasnya tersimpan di {}.", path.display()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sweep_removes_old_copies_and_keeps_fresh_ones() {
        let data_dir = std::env::temp_dir().join(format!("loket-sweep-{}", std::process::id()));
        let folder = temporary_folder(&data_dir);
        std::fs::create_dir_all(&folder).unwrap();
        let copy = folder.join("data-pribadi.pdf");
        std::fs::write(&copy, b"%PDF-1.7").unwrap();
        sweep_temporary(&data_dir, Duration::from_secs(3600));
        assert!(copy.exists(), "a copy just opened stays for printing");
        sweep_temporary(&data_dir, Duration::ZERO);
        assert!(!copy.exists(), "start-up clears every earlier copy");
        sweep_temporary(&data_dir.join("missing"), Duration::ZERO);
        std::fs::remove_dir_all(&data_dir).unwrap();
    }
}
