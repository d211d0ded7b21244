use loket_core::settings::officials::{ActingInput, Official, OfficialInput, Rank};
use loket_core::settings::units::{Unit, UnitInput};

use tauri::AppHandle;

use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn units(app: AppHandle) -> CommandResult<Vec<Unit>> {
    in_background(app, move |state| {
        Ok(state.office()?.units(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn unit_save(app: AppHandle, id: Option<i64>, input: UnitInput) -> CommandResult<Unit> {
    in_background(app, move |state| {
        Ok(state.office()?.unit_save(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn ranks(app: AppHandle) -> CommandResult<Vec<Rank>> {
    in_background(app, move |state| Ok(state.office()?.ranks())).await
}

#[tauri::command]
pub async fn officials(app: AppHandle) -> CommandResult<Vec<Official>> {
    in_background(app, move |state| {
        Ok(state.office()?.officials(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn official_check(
    app: AppHandle,
    id: Option<i64>,
    input: OfficialInput,
) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .official_check(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn official_save(
    app: AppHandle,
    id: Option<i64>,
    input: OfficialInput,
) -> CommandResult<Official> {
    in_background(app, move |state| {
        Ok(state.office()?.official_save(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn acting_add(app: AppHandle, input: ActingInput) -> CommandResult<Official> {
    in_background(app, move |state| {
        Ok(state.office()?.acting_add(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn acting_remove(app: AppHandle, id: i64) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state.office()?.acting_remove(&state.actor()?, id)?)
    })
    .await
}
