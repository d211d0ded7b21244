use std::path::PathBuf;

use loket_core::backup::BackupReport;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn backup_default_name(state: State<'_, AppState>) -> CommandResult<String> {
    Ok(state.office()?.backup_default_name())
}

/// `path` comes from the save dialog in the UI (or straight from a test).
#[tauri::command]
pub async fn backup_create(
    state: State<'_, AppState>,
    path: PathBuf,
) -> CommandResult<BackupReport> {
    Ok(state.office()?.backup_create(&state.actor()?, &path)?)
}

/// Restores from `path`; the current data is kept beside the database first.
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, path: PathBuf) -> CommandResult<String> {
    let office = state.office()?;
    let pre_restore = state
        .data_dir
        .join(format!("pre-restore-{}", office.backup_default_name()));
    office.backup_restore(&state.actor()?, &path, &pre_restore)?;
    Ok(pre_restore.display().to_string())
}

#[tauri::command]
pub fn backup_folder(state: State<'_, AppState>) -> CommandResult<String> {
    Ok(state.office()?.backup_folder(&state.actor()?)?)
}

#[tauri::command]
pub fn backup_folder_save(state: State<'_, AppState>, path: PathBuf) -> CommandResult<String> {
    Ok(state.office()?.backup_folder_save(&state.actor()?, &path)?)
}
