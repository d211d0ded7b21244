use std::path::PathBuf;

use chrono::NaiveDate;
use loket_core::calendar::holidays::{Holiday, HolidayImport, HolidayInput};
use loket_core::HolidayYear;

use tauri::AppHandle;

use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn holidays(app: AppHandle, year: i32) -> CommandResult<HolidayYear> {
    in_background(app, move |state| {
        Ok(state.office()?.holidays(&state.actor()?, year)?)
    })
    .await
}

/// `replacing` is the ISO date of the holiday being edited, if any.
#[tauri::command]
pub async fn holiday_save(
    app: AppHandle,
    input: HolidayInput,
    replacing: Option<NaiveDate>,
) -> CommandResult<Holiday> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .holiday_save(&state.actor()?, &input, replacing)?)
    })
    .await
}

#[tauri::command]
pub async fn holiday_delete(app: AppHandle, date: NaiveDate) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state.office()?.holiday_delete(&state.actor()?, date)?)
    })
    .await
}

#[tauri::command]
pub async fn holidays_import(app: AppHandle, path: PathBuf) -> CommandResult<HolidayImport> {
    in_background(app, move |state| {
        Ok(state.office()?.holidays_import(&state.actor()?, &path)?)
    })
    .await
}
