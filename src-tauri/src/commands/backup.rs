use std::path::PathBuf;

use loket_core::backup::{BackupReport, RestoreReport};
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

/// Restores from `path`; the current data is kept beside the database first. The session
/// ends (the restored accounts may differ) and the start-up audit check is run again.
#[tauri::command]
pub async fn backup_restore(
    state: State<'_, AppState>,
    path: PathBuf,
) -> CommandResult<RestoreReport> {
    let office = state.office()?;
    let report = office.backup_restore(&state.actor()?, &path, &state.data_dir)?;
    state.end_session();
    let check = office.audit_verify_at_startup()?;
    *state.audit_check.lock().unwrap_or_else(|p| p.into_inner()) = Some(check);
    Ok(report)
}

#[tauri::command]
pub fn backup_folder(state: State<'_, AppState>) -> CommandResult<String> {
    Ok(state.office()?.backup_folder(&state.actor()?)?)
}

#[tauri::command]
pub fn backup_folder_save(state: State<'_, AppState>, path: PathBuf) -> CommandResult<String> {
    Ok(state.office()?.backup_folder_save(&state.actor()?, &path)?)
}
