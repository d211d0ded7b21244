use std::path::PathBuf;

use loket_core::backup::{BackupReport, RestoreReport};

use tauri::AppHandle;

use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn backup_default_name(app: AppHandle) -> CommandResult<String> {
    in_background(app, move |state| Ok(state.office()?.backup_default_name())).await
}

/// `path` comes from the save dialog in the UI (or straight from a test).
#[tauri::command]
pub async fn backup_create(app: AppHandle, path: PathBuf) -> CommandResult<BackupReport> {
    in_background(app, move |state| {
        Ok(state.office()?.backup_create(&state.actor()?, &path)?)
    })
    .await
}

/// Restores from `path`; the current data is kept beside the database first. The session
/// ends (the restored accounts may differ) and the start-up audit check is run again.
#[tauri::command]
pub async fn backup_restore(app: AppHandle, path: PathBuf) -> CommandResult<RestoreReport> {
    in_background(app, move |state| {
        let office = state.office()?;
        let report = office.backup_restore(&state.actor()?, &path, &state.data_dir)?;
        // Before the check: a start-up check still running reports on the replaced data.
        let generation = state.begin_audit_check();
        state.end_session();
        // The restore has committed: a failed check is logged, not reported as its failure.
        match office.audit_verify_at_startup() {
            Ok(check) => {
                state.keep_audit_check(generation, check);
            }
            Err(e) => crate::logging::error(&format!("audit check after restore: {e:?}")),
        }
        Ok(report)
    })
    .await
}

#[tauri::command]
pub async fn backup_folder(app: AppHandle) -> CommandResult<String> {
    in_background(app, move |state| {
        Ok(state.office()?.backup_folder(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn backup_folder_save(app: AppHandle, path: PathBuf) -> CommandResult<String> {
    in_background(app, move |state| {
        Ok(state.office()?.backup_folder_save(&state.actor()?, &path)?)
    })
    .await
}
