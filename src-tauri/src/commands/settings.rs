use std::path::PathBuf;

use loket_core::settings::channels::{Channel, ContactInput, DeadlineInput};
use loket_core::settings::classification::{
    ClassificationCode, ClassificationImport, ClassificationInput,
};
use loket_core::settings::emblem::EmblemView;
use loket_core::settings::letterhead::{Letterhead, LetterheadInput, LetterheadVersion};
use loket_core::settings::numbering::{NumberingFormats, NumberingInput};

use tauri::AppHandle;

use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn letterhead_current(app: AppHandle) -> CommandResult<Letterhead> {
    in_background(app, move |state| {
        Ok(state.office()?.letterhead_current(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn letterhead_versions(app: AppHandle) -> CommandResult<Vec<LetterheadVersion>> {
    in_background(app, move |state| {
        Ok(state.office()?.letterhead_versions(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn letterhead_check(app: AppHandle, input: LetterheadInput) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state.office()?.letterhead_check(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn letterhead_save(app: AppHandle, input: LetterheadInput) -> CommandResult<Letterhead> {
    in_background(app, move |state| {
        Ok(state.office()?.letterhead_save(&state.actor()?, &input)?)
    })
    .await
}

/// `path` comes from the open dialog in the UI (or straight from a test).
#[tauri::command]
pub async fn emblem_preview(app: AppHandle, path: PathBuf) -> CommandResult<EmblemView> {
    in_background(app, move |state| {
        Ok(state.office()?.emblem_preview(&state.actor()?, &path)?)
    })
    .await
}

#[tauri::command]
pub async fn channels(app: AppHandle) -> CommandResult<Vec<Channel>> {
    in_background(app, move |state| {
        Ok(state.office()?.channels(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn channel_deadlines_save(
    app: AppHandle,
    inputs: Vec<DeadlineInput>,
) -> CommandResult<Vec<Channel>> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .channel_deadlines_save(&state.actor()?, &inputs)?)
    })
    .await
}

#[tauri::command]
pub async fn channel_contacts_save(
    app: AppHandle,
    inputs: Vec<ContactInput>,
) -> CommandResult<Vec<Channel>> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .channel_contacts_save(&state.actor()?, &inputs)?)
    })
    .await
}

#[tauri::command]
pub async fn closing_time(app: AppHandle) -> CommandResult<String> {
    in_background(app, move |state| {
        Ok(state.office()?.closing_time(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn closing_time_save(app: AppHandle, value: String) -> CommandResult<String> {
    in_background(app, move |state| {
        Ok(state.office()?.closing_time_save(&state.actor()?, &value)?)
    })
    .await
}

#[tauri::command]
pub async fn attachment_max_mb(app: AppHandle) -> CommandResult<u64> {
    in_background(app, move |state| {
        Ok(state.office()?.attachment_max_mb(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn attachment_max_mb_save(app: AppHandle, value: String) -> CommandResult<u64> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .attachment_max_mb_save(&state.actor()?, &value)?)
    })
    .await
}

#[tauri::command]
pub async fn numbering(app: AppHandle) -> CommandResult<NumberingFormats> {
    in_background(app, move |state| {
        Ok(state.office()?.numbering(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn numbering_save(
    app: AppHandle,
    input: NumberingInput,
) -> CommandResult<NumberingFormats> {
    in_background(app, move |state| {
        Ok(state.office()?.numbering_save(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn classification_codes(app: AppHandle) -> CommandResult<Vec<ClassificationCode>> {
    in_background(app, move |state| {
        Ok(state.office()?.classification_codes(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn classification_save(
    app: AppHandle,
    input: ClassificationInput,
) -> CommandResult<ClassificationCode> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .classification_save(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn classification_import(
    app: AppHandle,
    path: PathBuf,
) -> CommandResult<ClassificationImport> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .classification_import(&state.actor()?, &path)?)
    })
    .await
}
