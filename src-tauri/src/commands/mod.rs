//! One file per area; each command takes its arguments, calls one core method, maps the error.
//!
//! Every command is `async` and does its work through [`in_background`]: a plain `fn` command
//! runs on the window's own thread in Tauri 2, so a sign-in's Argon2, a yearly recap or a
//! save waiting for another writer would freeze the window. `scripts/check-commands.sh`
//! refuses a command written otherwise.

pub mod app;
pub mod backup;
pub mod calendar;
pub mod cases;
pub mod database;
pub mod guestbook;
pub mod organisation;
pub mod replies;
pub mod reports;
pub mod session;
pub mod settings;

use tauri::{AppHandle, Manager};

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// Runs a command's work on the blocking thread pool (not the window's thread, and not the
/// few async workers that carry the IPC), with the window's shared state.
pub async fn in_background<T: Send + 'static>(
    app: AppHandle,
    work: impl FnOnce(&AppState) -> CommandResult<T> + Send + 'static,
) -> CommandResult<T> {
    tauri::async_runtime::spawn_blocking(move || work(&app.state::<AppState>()))
        .await
        .map_err(|failed| {
            crate::logging::error(&format!("command stopped: {failed}"));
            CommandError::message(
                "internal",
                format!(
                    "Terjadi kesalahan internal; perubahan terakhir tidak disimpan dan data \
                     yang sudah ada tetap utuh.{}",
                    crate::logging::path()
                        .map(|p| format!(" Rincian dicatat di {}.", p.display()))
                        .unwrap_or_default()
                ),
            )
        })?
}
