//! Loket's desktop shell: the window, dialogs and where the data lives. Every rule is in
//! `loket-core`; commands here only parse, call the core and map the error.

mod commands;
mod error;
mod logging;
mod state;

use std::path::PathBuf;

use loket_core::clock::SystemClock;
use loket_core::Office;
use tauri::Manager;

use state::AppState;

/// The data folder: `--data-dir DIR` on the command line, else `LOKET_DATA_DIR`, else the
/// per-user folder (Windows: LocalAppData; Linux: the XDG data dir).
fn data_dir_override() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    std::env::var_os("LOKET_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

pub fn run() {
    let data_dir = data_dir_override();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = match data_dir {
                Some(dir) => dir,
                None => app.path().app_local_data_dir()?,
            };
            std::fs::create_dir_all(&data_dir)?;
            logging::init(data_dir.join("loket.log"));
            let database = data_dir.join("loket.db");
            let office = Office::open(&database, Box::new(SystemClock));
            match &office {
                Ok(_) => logging::info(&format!("opened {}", database.display())),
                Err(e) => logging::error(&format!("cannot open {}: {e:?}", database.display())),
            }
            app.manage(AppState::new(data_dir, office));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::startup,
            commands::app::dashboard,
            commands::app::deadline_for,
            commands::settings::letterhead_current,
            commands::settings::letterhead_versions,
            commands::settings::letterhead_check,
            commands::settings::letterhead_save,
            commands::settings::emblem_preview,
            commands::settings::channels,
            commands::settings::channel_deadlines_save,
            commands::settings::numbering,
            commands::settings::numbering_save,
            commands::settings::classification_codes,
            commands::settings::classification_save,
            commands::settings::classification_import,
            commands::organisation::units,
            commands::organisation::unit_save,
            commands::organisation::ranks,
            commands::organisation::officials,
            commands::organisation::official_check,
            commands::organisation::official_save,
            commands::organisation::acting_add,
            commands::organisation::acting_remove,
            commands::calendar::holidays,
            commands::calendar::holiday_save,
            commands::calendar::holiday_delete,
            commands::calendar::holidays_import,
        ])
        .run(tauri::generate_context!())
        .expect("Loket tidak dapat dijalankan");
}
