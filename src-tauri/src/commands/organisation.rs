use loket_core::settings::officials::{ActingInput, Official, OfficialInput, Rank};
use loket_core::settings::units::{Unit, UnitInput};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn units(state: State<'_, AppState>) -> CommandResult<Vec<Unit>> {
    Ok(state.office()?.units(&state.actor()?)?)
}

#[tauri::command]
pub fn unit_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: UnitInput,
) -> CommandResult<Unit> {
    Ok(state.office()?.unit_save(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn ranks(state: State<'_, AppState>) -> CommandResult<Vec<Rank>> {
    Ok(state.office()?.ranks())
}

#[tauri::command]
pub fn officials(state: State<'_, AppState>) -> CommandResult<Vec<Official>> {
    Ok(state.office()?.officials(&state.actor()?)?)
}

#[tauri::command]
pub fn official_check(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: OfficialInput,
) -> CommandResult<()> {
    Ok(state
        .office()?
        .official_check(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn official_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: OfficialInput,
) -> CommandResult<Official> {
    Ok(state.office()?.official_save(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn acting_add(state: State<'_, AppState>, input: ActingInput) -> CommandResult<Official> {
    Ok(state.office()?.acting_add(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn acting_remove(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    Ok(state.office()?.acting_remove(&state.actor()?, id)?)
}
