use loket_core::calendar::Deadline;
use loket_core::choices::Choices;
use loket_core::dashboard::Dashboard;

use tauri::AppHandle;

use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn dashboard(app: AppHandle) -> CommandResult<Dashboard> {
    in_background(app, move |state| {
        Ok(state.office()?.dashboard(&state.actor()?)?)
    })
    .await
}

/// The value lists every form offers, from the core's own tables.
#[tauri::command]
pub async fn choices(app: AppHandle) -> CommandResult<Choices> {
    in_background(app, move |state| Ok(state.office()?.choices())).await
}

#[tauri::command]
pub async fn deadline_for(
    app: AppHandle,
    channel: String,
    received: String,
) -> CommandResult<Deadline> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .deadline_for(&state.actor()?, &channel, &received)?)
    })
    .await
}

/// A record's revision as a form opens it (see `Office::revision`).
#[tauri::command]
pub async fn revision(app: AppHandle, entity: String, id: i64) -> CommandResult<i64> {
    in_background(app, move |state| {
        Ok(state.office()?.revision(&state.actor()?, &entity, id)?)
    })
    .await
}
