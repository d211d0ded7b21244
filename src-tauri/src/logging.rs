//! The log file in the data folder: internal errors with their detail, one line each, so
//! support can see what happened without the user having to describe it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static LOG_PATH: OnceLock<PathBuf> = OnceLock::new();

pub fn init(path: PathBuf) {
    let _ = LOG_PATH.set(path);
}

pub fn path() -> &'static Path {
    LOG_PATH
        .get()
        .map(PathBuf::as_path)
        .unwrap_or(Path::new("loket.log"))
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
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path())
        .and_then(|mut file| file.write_all(line.as_bytes()));
    if written.is_err() {
        // Nowhere else to put it: stderr at least reaches a terminal or the test log.
        eprint!("{line}");
    }
}
