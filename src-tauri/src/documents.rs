//! Getting a finished PDF to the user: saved where the dialog said, or opened in the
//! system's viewer from a temporary copy in the data folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use loket_core::Error;

use crate::error::{CommandError, CommandResult};
use crate::logging;

/// Writes `bytes` to `path` (from the save dialog) or opens them in the system viewer;
/// returns where the file is.
pub fn deliver(
    data_dir: &Path,
    name: &str,
    bytes: &[u8],
    path: Option<PathBuf>,
) -> CommandResult<String> {
    match path {
        Some(path) => {
            write_whole(&path, bytes)?;
            Ok(path.display().to_string())
        }
        None => {
            let folder = data_dir.join("dokumen-sementara");
            std::fs::create_dir_all(&folder).map_err(Error::from)?;
            logging::info(&format!("opening {name} in the system viewer"));
            let path = folder.join(name);
            write_whole(&path, bytes)?;
            open_in_viewer(&path)?;
            Ok(path.display().to_string())
        }
    }
}

/// Written beside the target and renamed over it, so a failed write never leaves half a
/// document under the chosen name.
fn write_whole(path: &Path, bytes: &[u8]) -> CommandResult<()> {
    let partial = path.with_extension("pdf.part");
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        CommandError::message(
            "document.write",
            format!(
                "Berkas tidak dapat disimpan di {} ({e}). Pilih folder lain.",
                path.display()
            ),
        )
    })
}

fn open_in_viewer(path: &Path) -> CommandResult<()> {
    #[cfg(windows)]
    let mut command = {
        let mut c = Command::new("explorer.exe");
        c.arg(path);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = Command::new("open");
        c.arg(path);
        c
    };
    #[cfg(all(unix, not(target_os = "macos")))]
    let mut command = {
        let mut c = Command::new("xdg-open");
        c.arg(path);
        c
    };
    command.spawn().map(|_| ()).map_err(|e| {
        CommandError::message(
            "document.viewer",
            format!(
                "Penampil PDF tidak dapat dibuka ({e}). Berkasnya tersimpan di {}.",
                path.display()
            ),
        )
    })
}
