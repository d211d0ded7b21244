//! End-to-end tests: the built app in its real window under Xvfb. They need the debug
//! binary, Xvfb, WebKitWebDriver and tauri-driver, so `cargo test` skips them unless asked:
//! `scripts/test.sh` builds the app and runs them with `--ignored`.

mod accounts;
mod cases;
mod dashboard;
mod guestbook;
mod office_server;
mod replies;
mod reports;
mod screens;
mod settings;
mod standard;
mod trust;

use loket_e2e::{App, Driver};

/// Starts a display, a driver and the app on a new, empty data folder, signed in as the
/// first administrator.
pub async fn fresh_app() -> (Driver, App, tempfile::TempDir) {
    let data = tempfile::tempdir().expect("temp data folder");
    let driver = Driver::start();
    let app = driver.launch_as_new_admin(data.path()).await;
    (driver, app, data)
}

/// Opens the database the app wrote, read-only, to check what was really saved.
pub fn database(data: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(
        data.path().join("loket.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("the app created loket.db in its data folder")
}
