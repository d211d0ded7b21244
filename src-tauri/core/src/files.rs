//! Files on disk: reading a file the user picked in a dialog, bounded so a wrong pick (a
//! video, a disk image) is refused without loading it into memory; and writing one whole or
//! not at all, through a partial file that never outlives a failure.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub fn read_picked(path: &Path, max_bytes: usize, field: &str, label: &str) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "tidak ditemukan",
            std::io::ErrorKind::PermissionDenied => "tidak boleh dibuka (izin ditolak)",
            _ => "tidak dapat dibuka",
        };
        Error::invalid(
            field,
            "file.unreadable",
            format!("{label} {reason}: {}", path.display()),
        )
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::invalid(
            field,
            "file.unreadable",
            format!("{label} adalah folder, bukan berkas."),
        ));
    }
    let mut bytes = Vec::new();
    file.take(max_bytes as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > max_bytes {
        return Err(Error::invalid(
            field,
            "file.too_large",
            format!(
                "{label} terlalu besar (paling besar {} KB).",
                max_bytes / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// What a file being written carries at the end of its name until it is whole.
pub(crate) const PARTIAL_SUFFIX: &str = ".loket.part";

/// Writes `bytes` to `path` whole or not at all: a failed write leaves neither half a file
/// under the chosen name nor a partial one beside it.
pub fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = Partial::beside(path);
    std::fs::write(partial.path(), bytes)?;
    partial.finish(path)
}

/// A file being written under a temporary name beside its target. Dropped before
/// [`Partial::finish`], it deletes itself: a failed backup, export or scan copy leaves no
/// half-written copy of personal data behind (one more at every retry, otherwise).
pub(crate) struct Partial {
    path: PathBuf,
    done: bool,
}

impl Partial {
    /// `target` + `.loket.part` (a name of Loket's own, so clearing a leftover of an earlier
    /// crash never deletes a file of the user's), cleared of any such leftover.
    pub(crate) fn beside(target: &Path) -> Self {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(PARTIAL_SUFFIX);
        let path = target.with_file_name(name);
        let _ = std::fs::remove_file(&path);
        Partial { path, done: false }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the finished file its name (replacing a file the user chose to overwrite).
    pub(crate) fn finish(mut self, target: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folder_and_large_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_picked(&dir.path().join("nope.csv"), 10, "file", "Berkas").unwrap_err();
        assert_eq!(err.code(), "file.unreadable");
        assert!(err.to_string().contains("tidak ditemukan"));
        assert_eq!(
            read_picked(dir.path(), 10, "file", "Berkas")
                .unwrap_err()
                .code(),
            "file.unreadable"
        );
        let big = dir.path().join("big.csv");
        std::fs::write(&big, vec![b'a'; 11]).unwrap();
        assert_eq!(
            read_picked(&big, 10, "file", "Berkas").unwrap_err().code(),
            "file.too_large"
        );
        std::fs::write(&big, vec![b'a'; 10]).unwrap();
        assert_eq!(read_picked(&big, 10, "file", "Berkas").unwrap().len(), 10);
    }

    #[test]
    fn a_partial_file_never_outlives_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("cadangan.db");
        {
            let partial = Partial::beside(&target);
            std::fs::write(partial.path(), b"half").unwrap();
            // Dropped without finishing: a failure on the way.
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        // A leftover from a crash is cleared by the next attempt.
        std::fs::write(dir.path().join("cadangan.db.loket.part"), b"old").unwrap();
        // A file of the user's that happens to end in .part is not Loket's to clear.
        std::fs::write(dir.path().join("cadangan.db.part"), b"milik pengguna").unwrap();
        let partial = Partial::beside(&target);
        assert!(!partial.path().exists());
        std::fs::write(partial.path(), b"whole").unwrap();
        partial.finish(&target).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        assert_eq!(
            std::fs::read(dir.path().join("cadangan.db.part")).unwrap(),
            b"milik pengguna"
        );
    }
}
