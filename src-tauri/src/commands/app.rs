use loket_core::calendar::Deadline;
use loket_core::dashboard::Dashboard;
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct Startup {
    pub data_dir: String,
    pub log_path: String,
}

/// Where the data lives, or why the database could not be opened.
#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> CommandResult<Startup> {
    state.office()?;
    Ok(Startup {
        data_dir: state.data_dir.display().to_string(),
        log_path: crate::logging::path().display().to_string(),
    })
}

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    Ok(state.office()?.dashboard()?)
}

#[tauri::command]
pub fn deadline_for(
    state: State<'_, AppState>,
    channel: String,
    received: String,
) -> CommandResult<Deadline> {
    Ok(state.office()?.deadline_for(&channel, &received)?)
}
