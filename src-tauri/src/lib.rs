//! Loket's desktop shell: the window, dialogs and where the data lives. Every rule is in
//! `loket-core`; commands here only parse, call the core and map the error.

mod commands;
mod documents;
mod error;
mod logging;
mod state;

use std::path::PathBuf;

use loket_core::clock::SystemClock;
use loket_core::{database_choice, Database, Office};
use tauri::{Emitter, Manager, WindowEvent};

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

/// The office's data: the office server when `--database` or `LOKET_DATABASE` gives its
/// connection string (`host=… dbname=… user=…` or a `postgresql://` URL), else where this
/// PC chose in Pengaturan › Basis Data, else the SQLite file in the data folder. The flag
/// says whether the command line decided.
fn office_database(data_dir: &std::path::Path) -> (Result<Database, loket_core::Error>, bool) {
    if let Some(config) = server_override() {
        let database = Database::Server {
            config,
            data_dir: data_dir.to_path_buf(),
        };
        return (Ok(database), true);
    }
    let chosen = database_choice::load(data_dir)
        .map(|choice| database_choice::database(data_dir, choice.as_ref()));
    (chosen, false)
}

/// `--database CONFIG` (or `--database=CONFIG`), else `LOKET_DATABASE`; the flag wins.
fn server_override() -> Option<String> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--database" {
            return args.next().filter(|v| !v.trim().is_empty());
        }
        if let Some(config) = arg.strip_prefix("--database=") {
            return Some(config.to_owned()).filter(|v| !v.trim().is_empty());
        }
    }
    std::env::var("LOKET_DATABASE")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// Off the UI thread after start-up: the audit chain check, then the daily automatic
/// backup (and again every hour, for PCs that stay on overnight).
fn run_background_checks(app: tauri::AppHandle) {
    std::thread::spawn(move || {
        // Once the first screen is up: on a two-core office PC, walking the whole chain and
        // copying the database would otherwise compete with WebKit for the first paint.
        std::thread::sleep(std::time::Duration::from_secs(3));
        let state = app.state::<AppState>();
        let Ok(office) = state.office() else { return };
        let generation = state.audit_check_generation();
        match office.audit_verify_at_startup() {
            Ok(check) => {
                if !check.intact {
                    logging::error(&check.message);
                }
                let intact = check.intact;
                // Beranda may have been drawn before the check ended: it shows the finding
                // once told (as a change of the pseudo-table `audit_check`).
                if state.keep_audit_check(generation, check) && !intact {
                    let _ = app.emit("loket://changed", ["audit_check"]);
                }
            }
            Err(e) => logging::error(&format!("audit check at start-up: {e:?}")),
        }
        loop {
            match office.auto_backup_if_due() {
                Ok(Some(path)) => logging::info(&format!("automatic backup {}", path.display())),
                Ok(None) => {}
                Err(e) => logging::error(&format!("automatic backup: {e:?}")),
            }
            std::thread::sleep(std::time::Duration::from_secs(3600));
        }
    });
}

/// On the office server: what other PCs save reaches this window as `loket://changed`
/// with the tables changed (`["*"]` after listening began anew, when anything may have).
fn listen_for_other_desks(app: tauri::AppHandle, config: String) {
    use loket_core::store::listen::{Changes, Listener};
    std::thread::spawn(move || {
        let mut listener = Listener::new(&config);
        let mut failing = false;
        loop {
            match listener.wait(std::time::Duration::from_secs(30)) {
                Ok(Changes::Tables(tables)) => {
                    if !tables.is_empty() {
                        let _ = app.emit("loket://changed", tables);
                    }
                }
                Ok(Changes::Everything) => {
                    if failing {
                        logging::info("listening to the office server again");
                    }
                    failing = false;
                    let _ = app.emit("loket://changed", ["*"]);
                }
                Err(error) => {
                    if !failing {
                        logging::error(&format!("live updates paused: {error}"));
                    }
                    failing = true;
                    std::thread::sleep(std::time::Duration::from_secs(5));
                }
            }
        }
    });
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
            // Copies opened in the viewer in an earlier run are no longer being printed.
            documents::sweep_temporary(&data_dir, std::time::Duration::ZERO);
            let (database, overridden) = office_database(&data_dir);
            let place = match &database {
                Ok(Database::File(path)) => path.display().to_string(),
                Ok(Database::Server { .. }) => "the office server".to_owned(),
                Err(_) => "the chosen database".to_owned(),
            };
            let listen_to = match &database {
                Ok(Database::Server { config, .. }) => Some(config.clone()),
                _ => None,
            };
            let office = database
                .and_then(|database| Office::open_database(&database, Box::new(SystemClock)));
            match &office {
                Ok(_) => logging::info(&format!("opened {place}")),
                Err(e) => logging::error(&format!("cannot open {place}: {e:?}")),
            }
            let opened = office.is_ok();
            app.manage(AppState::new(data_dir, office, overridden));
            run_background_checks(app.handle().clone());
            if let (true, Some(config)) = (opened, listen_to) {
                listen_for_other_desks(app.handle().clone(), config);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Reception may not close for the day with ID cards still in the tray without
            // saying why: the window asks, and closes once the reason is recorded.
            if let WindowEvent::CloseRequested { api, .. } = event {
                if let Some(held) = window.state::<AppState>().cards_held_at_close() {
                    api.prevent_close();
                    let _ = window.emit("loket://close-requested", held);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::startup,
            commands::session::first_admin_create,
            commands::session::sign_in,
            commands::session::sign_out,
            commands::session::session_lock,
            commands::session::session_touch,
            commands::session::session_unlock,
            commands::session::password_change,
            commands::session::accounts,
            commands::session::account_create,
            commands::session::account_update,
            commands::session::account_reset_password,
            commands::session::idle_minutes_save,
            commands::session::audit_search,
            commands::session::audit_verify,
            commands::session::audit_accept_end,
            commands::session::audit_startup_check,
            commands::backup::backup_default_name,
            commands::backup::backup_create,
            commands::backup::backup_restore,
            commands::backup::backup_folder,
            commands::backup::backup_folder_save,
            commands::database::database_current,
            commands::database::database_test,
            commands::database::database_save,
            commands::database::database_move,
            commands::database::app_restart,
            commands::app::dashboard,
            commands::cases::letter_check,
            commands::cases::letter_register,
            commands::cases::letter,
            commands::cases::letters,
            commands::cases::attachment_add,
            commands::cases::attachment_open,
            commands::cases::case_check,
            commands::cases::case_register,
            commands::cases::case_file,
            commands::cases::cases,
            commands::cases::case_status,
            commands::cases::case_answer,
            commands::cases::case_refer,
            commands::cases::case_receipt_pdf,
            commands::cases::dispose,
            commands::cases::disposition_read,
            commands::cases::disposition_report,
            commands::cases::disposition_inbox,
            commands::cases::search,
            commands::cases::disposition_queue,
            commands::cases::case_reopen,
            commands::cases::case_contact_add,
            commands::cases::box_openings,
            commands::cases::box_opening_record,
            commands::reports::recap,
            commands::reports::recap_list,
            commands::reports::recap_pdf,
            commands::reports::export_run,
            commands::reports::export_cancel,
            commands::replies::reply_templates,
            commands::replies::reply_template_save,
            commands::replies::letter_setup,
            commands::replies::letter_setup_save,
            commands::replies::reply_signers,
            commands::replies::reply_inbox,
            commands::replies::reply_file,
            commands::replies::reply_create,
            commands::replies::reply_save,
            commands::replies::reply_submit,
            commands::replies::reply_initial,
            commands::replies::reply_withdraw,
            commands::replies::reply_return,
            commands::replies::reply_sign,
            commands::replies::reply_cancel,
            commands::replies::reply_compare,
            commands::replies::reply_pdf,
            commands::replies::outgoing_letters,
            commands::replies::outgoing_register_pdf,
            commands::replies::reply_dispatch,
            commands::replies::dispatches,
            commands::replies::dispatch_book_pdf,
            commands::replies::incoming_register_pdf,
            commands::replies::disposition_sheet_pdf,
            commands::app::deadline_for,
            commands::app::choices,
            commands::app::revision,
            commands::settings::letterhead_current,
            commands::settings::letterhead_versions,
            commands::settings::letterhead_check,
            commands::settings::letterhead_save,
            commands::settings::emblem_preview,
            commands::settings::channels,
            commands::settings::channel_deadlines_save,
            commands::settings::channel_contacts_save,
            commands::settings::closing_time,
            commands::settings::closing_time_save,
            commands::settings::attachment_max_mb,
            commands::settings::attachment_max_mb_save,
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
            commands::guestbook::guestbook_today,
            commands::guestbook::visit,
            commands::guestbook::visit_check,
            commands::guestbook::visit_register,
            commands::guestbook::visit_route,
            commands::guestbook::visit_start_meeting,
            commands::guestbook::visit_outcome,
            commands::guestbook::visit_check_out,
            commands::guestbook::card_return,
            commands::guestbook::cards_held,
            commands::guestbook::visitors_waiting,
            commands::guestbook::open_follow_ups,
            commands::guestbook::close_day,
            commands::guestbook::people_lookup,
            commands::guestbook::visits_search,
            commands::guestbook::person_history,
            commands::guestbook::reveal_id_number,
            commands::guestbook::person_correct,
            commands::guestbook::guestbook_register_pdf,
            commands::guestbook::person_export_pdf,
            commands::guestbook::retention_preview,
            commands::guestbook::retention_months_save,
            commands::guestbook::retention_apply,
            commands::guestbook::app_close_with_reason,
        ])
        .run(tauri::generate_context!())
        .expect("Loket tidak dapat dijalankan");
}
