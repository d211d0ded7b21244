//! The log file in the data folder: internal errors with their detail, one line each, so
//! support can see what happened without the user having to describe it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static LOG_PATH: OnceLock<PathBuf> = OnceLock::new();

pub fn init(path: PathBuf) {
    let _ = LOG_PATH.set(path);
}

/// The log file, once the data folder is known; before that (and in unit tests) lines go to
/// stderr, never to a file in whatever the working directory happens to be.
pub fn path() -> Option<&'static Path> {
    LOG_PATH.get().map(PathBuf::as_path)
}

pub fn error(message: &str) {
    write_line("ERROR", message);
}

pub fn info(message: &str) {
    write_line("INFO", message);
}

fn write_line(level: &str, message: &str) {
    let line = format!(
        "{} {level} {}\n",
        chrono::Utc::now().to_rfc3339(),
        message.replace('\n', " ")
    );
    let written = path().map(|path| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(line.as_bytes()))
    });
    if !matches!(written, Some(Ok(()))) {
        // Nowhere else to put it: stderr at least reaches a terminal or the test log.
        eprint!("{line}");
    }
}
