//! Reading a file the user picked in a dialog, bounded so a wrong pick (a video, a disk
//! image) is refused without loading it into memory.

use std::io::Read;
use std::path::Path;

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
}
