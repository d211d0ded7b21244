//! Pengaturan › Basis Data: where this PC keeps the office's data, *Uji koneksi*, and
//! *Pindahkan ke server*. The choice is this PC's (a file in its data folder); it takes
//! effect when Loket opens again.

use loket_core::database_choice::{self, Choice, ServerSettings, TLS_DEFAULT, TLS_MODES};
use loket_core::store::server;
use loket_core::{MoveProgress, MoveReport};
use serde::Serialize;
use tauri::{AppHandle, Emitter};

use crate::error::CommandResult;
use crate::state::AppState;

use super::in_background;

#[derive(Serialize)]
pub struct DatabaseView {
    /// The data this window works on is on the office server.
    pub on_server: bool,
    /// Loket could open the office's data at start (else this form is how to fix it).
    pub office_open: bool,
    /// `--database` or `LOKET_DATABASE` decides for this run; the saved choice waits.
    pub overridden: bool,
    /// "file" or "server", as saved on this PC.
    pub kind: &'static str,
    /// The server as saved (the password never leaves the PC's store).
    pub server: ServerSettings,
    pub has_password: bool,
    /// The saved server's TLS mode lets the password be read on the network (warned about).
    pub password_exposed: bool,
    /// Where this PC keeps the password (the form's hint).
    pub password_kept: &'static str,
    pub tls_modes: Vec<(&'static str, &'static str)>,
    pub data_dir: String,
    pub pc_name: String,
    /// The saved choice could not be read (shown above the form).
    pub warning: Option<String>,
}

#[derive(Serialize)]
pub struct ConnectionTest {
    pub server_version: String,
    /// The office data's version there (0: an empty database).
    pub schema_version: i64,
    pub message: String,
}

fn saved(state: &AppState) -> CommandResult<Option<Choice>> {
    Ok(database_choice::load(&state.data_dir)?)
}

/// The form's server with the saved password when none was typed (see the core's rule).
fn with_saved_password(state: &AppState, typed: ServerSettings) -> CommandResult<ServerSettings> {
    Ok(database_choice::with_saved_password(saved(state)?, typed)?)
}

#[tauri::command]
pub async fn database_current(app: AppHandle) -> CommandResult<DatabaseView> {
    in_background(app, move |state| {
        state.may_choose_database()?;
        // A damaged choice is shown as none, with why: this form is how to make it anew.
        let (choice, warning) = match saved(state) {
            Ok(choice) => (choice, None),
            Err(error) => (None, Some(error.message.clone())),
        };
        let (kind, mut server) = match choice {
            Some(Choice::Server(settings)) => ("server", settings),
            _ => ("file", ServerSettings::default()),
        };
        let has_password = !server.password.is_empty();
        let password_exposed = kind == "server" && server.password_exposed();
        server.password.clear();
        if server.tls.is_empty() {
            server.tls = TLS_DEFAULT.into();
        }
        Ok(DatabaseView {
            on_server: state.on_server(),
            office_open: state.office().is_ok(),
            overridden: state.database_overridden,
            kind,
            server,
            has_password,
            password_exposed,
            password_kept: database_choice::PASSWORD_KEPT,
            tls_modes: TLS_MODES.to_vec(),
            data_dir: state.data_dir.display().to_string(),
            pc_name: loket_core::data_folder::this_pc(),
            warning,
        })
    })
    .await
}

/// *Uji koneksi*: the fields, then the server itself; what is wrong is named beside the
/// field that fixes it.
#[tauri::command]
pub async fn database_test(app: AppHandle, input: ServerSettings) -> CommandResult<ConnectionTest> {
    in_background(app, move |state| {
        state.may_choose_database()?;
        input.check()?;
        let settings = with_saved_password(state, input)?;
        let found = server::check(&settings.config())?;
        let message = if found.schema_version == 0 {
            format!(
                "Tersambung ke PostgreSQL {}. Basis data ini masih kosong: siap menerima data \
                 kantor (pindahkan data komputer ini ke sana, atau mulai baru).",
                found.server_version
            )
        } else {
            format!(
                "Tersambung ke PostgreSQL {}. Basis data ini sudah berisi data Loket kantor.",
                found.server_version
            )
        };
        Ok(ConnectionTest {
            server_version: found.server_version,
            schema_version: found.schema_version,
            message,
        })
    })
    .await
}

/// Saves where this PC keeps the data from its next start. A server is tested first: a
/// choice that cannot open leaves the PC as it was.
#[tauri::command]
pub async fn database_save(app: AppHandle, choice: Choice) -> CommandResult<()> {
    in_background(app, move |state| {
        state.may_choose_database()?;
        let choice = match choice {
            Choice::Server(typed) => {
                typed.check()?;
                let settings = with_saved_password(state, typed)?;
                server::check(&settings.config())?;
                Choice::Server(settings)
            }
            Choice::File => {
                database_choice::may_go_back_to_file(&state.data_dir, state.office().is_ok())?;
                Choice::File
            }
        };
        database_choice::save(&state.data_dir, &choice)?;
        crate::logging::info("database choice saved; takes effect at the next start");
        Ok(())
    })
    .await
}

/// *Pindahkan ke server*: this PC's office onto the empty server database, with progress as
/// `loket://move-progress` events; once moved, this PC uses the server from its next start.
#[tauri::command]
pub async fn database_move(app: AppHandle, input: ServerSettings) -> CommandResult<MoveReport> {
    in_background(app.clone(), move |state| {
        state.may_choose_database()?;
        input.check()?;
        let settings = with_saved_password(state, input)?;
        let office = state.office()?;
        let actor = state.actor()?;
        let mut last_sent = std::time::Instant::now();
        let report =
            office.move_to_server(&actor, &settings.config(), &mut |p: MoveProgress| {
                // A few updates a second are enough for a bar; the last one always goes.
                if p.done == p.all || last_sent.elapsed() > std::time::Duration::from_millis(100) {
                    last_sent = std::time::Instant::now();
                    let _ = app.emit("loket://move-progress", &p);
                }
            })?;
        database_choice::save(&state.data_dir, &Choice::Server(settings))?;
        crate::logging::info(&format!(
            "office moved to the server: {} records, {} scans",
            report.records, report.scans
        ));
        Ok(report)
    })
    .await
}

/// Opens Loket again (after a new choice of database).
#[tauri::command]
pub async fn app_restart(app: AppHandle) -> CommandResult<()> {
    in_background(app.clone(), move |state| {
        state.may_choose_database()?;
        std::thread::spawn(move || {
            // The window gets its answer before the process goes.
            std::thread::sleep(std::time::Duration::from_millis(200));
            app.restart();
        });
        Ok(())
    })
    .await
}
