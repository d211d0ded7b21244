use std::path::PathBuf;

use chrono::NaiveDate;
use loket_core::calendar::holidays::{Holiday, HolidayImport, HolidayInput};
use loket_core::HolidayYear;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn holidays(state: State<'_, AppState>, year: i32) -> CommandResult<HolidayYear> {
    Ok(state.office()?.holidays(&state.actor()?, year)?)
}

/// `replacing` is the ISO date of the holiday being edited, if any.
#[tauri::command]
pub fn holiday_save(
    state: State<'_, AppState>,
    input: HolidayInput,
    replacing: Option<NaiveDate>,
) -> CommandResult<Holiday> {
    Ok(state
        .office()?
        .holiday_save(&state.actor()?, &input, replacing)?)
}

#[tauri::command]
pub fn holiday_delete(state: State<'_, AppState>, date: NaiveDate) -> CommandResult<()> {
    Ok(state.office()?.holiday_delete(&state.actor()?, date)?)
}

#[tauri::command]
pub fn holidays_import(state: State<'_, AppState>, path: PathBuf) -> CommandResult<HolidayImport> {
    Ok(state.office()?.holidays_import(&state.actor()?, &path)?)
}
