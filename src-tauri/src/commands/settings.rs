use std::path::PathBuf;

use loket_core::settings::channels::{Channel, ContactInput, DeadlineInput};
use loket_core::settings::classification::{
    ClassificationCode, ClassificationImport, ClassificationInput,
};
use loket_core::settings::emblem::EmblemView;
use loket_core::settings::letterhead::{Letterhead, LetterheadInput, LetterheadVersion};
use loket_core::settings::numbering::{NumberingFormats, NumberingInput};
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn letterhead_current(state: State<'_, AppState>) -> CommandResult<Letterhead> {
    Ok(state.office()?.letterhead_current(&state.actor()?)?)
}

#[tauri::command]
pub fn letterhead_versions(state: State<'_, AppState>) -> CommandResult<Vec<LetterheadVersion>> {
    Ok(state.office()?.letterhead_versions(&state.actor()?)?)
}

#[tauri::command]
pub fn letterhead_check(state: State<'_, AppState>, input: LetterheadInput) -> CommandResult<()> {
    Ok(state.office()?.letterhead_check(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn letterhead_save(
    state: State<'_, AppState>,
    input: LetterheadInput,
) -> CommandResult<Letterhead> {
    Ok(state.office()?.letterhead_save(&state.actor()?, &input)?)
}

/// `path` comes from the open dialog in the UI (or straight from a test).
#[tauri::command]
pub fn emblem_preview(state: State<'_, AppState>, path: PathBuf) -> CommandResult<EmblemView> {
    Ok(state.office()?.emblem_preview(&state.actor()?, &path)?)
}

#[tauri::command]
pub fn channels(state: State<'_, AppState>) -> CommandResult<Vec<Channel>> {
    Ok(state.office()?.channels(&state.actor()?)?)
}

#[tauri::command]
pub fn channel_deadlines_save(
    state: State<'_, AppState>,
    inputs: Vec<DeadlineInput>,
) -> CommandResult<Vec<Channel>> {
    Ok(state
        .office()?
        .channel_deadlines_save(&state.actor()?, &inputs)?)
}

#[tauri::command]
pub fn channel_contacts_save(
    state: State<'_, AppState>,
    inputs: Vec<ContactInput>,
) -> CommandResult<Vec<Channel>> {
    Ok(state
        .office()?
        .channel_contacts_save(&state.actor()?, &inputs)?)
}

#[tauri::command]
pub fn closing_time(state: State<'_, AppState>) -> CommandResult<String> {
    Ok(state.office()?.closing_time(&state.actor()?)?)
}

#[tauri::command]
pub fn closing_time_save(state: State<'_, AppState>, value: String) -> CommandResult<String> {
    Ok(state.office()?.closing_time_save(&state.actor()?, &value)?)
}

#[tauri::command]
pub fn attachment_max_mb(state: State<'_, AppState>) -> CommandResult<u64> {
    Ok(state.office()?.attachment_max_mb(&state.actor()?)?)
}

#[tauri::command]
pub fn attachment_max_mb_save(state: State<'_, AppState>, value: String) -> CommandResult<u64> {
    Ok(state
        .office()?
        .attachment_max_mb_save(&state.actor()?, &value)?)
}

#[tauri::command]
pub fn numbering(state: State<'_, AppState>) -> CommandResult<NumberingFormats> {
    Ok(state.office()?.numbering(&state.actor()?)?)
}

#[tauri::command]
pub fn numbering_save(
    state: State<'_, AppState>,
    input: NumberingInput,
) -> CommandResult<NumberingFormats> {
    Ok(state.office()?.numbering_save(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn classification_codes(state: State<'_, AppState>) -> CommandResult<Vec<ClassificationCode>> {
    Ok(state.office()?.classification_codes(&state.actor()?)?)
}

#[tauri::command]
pub fn classification_save(
    state: State<'_, AppState>,
    input: ClassificationInput,
) -> CommandResult<ClassificationCode> {
    Ok(state
        .office()?
        .classification_save(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn classification_import(
    state: State<'_, AppState>,
    path: PathBuf,
) -> CommandResult<ClassificationImport> {
    Ok(state
        .office()?
        .classification_import(&state.actor()?, &path)?)
}
