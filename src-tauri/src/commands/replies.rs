//! Reply letters, the outgoing register, the incoming agenda and the disposition sheet: each
//! command takes the state, calls one core method and maps the error. PDFs go where the save
//! dialog said, or to the system viewer.

use std::path::PathBuf;

use loket_core::replies::dispatch::{Dispatch, DispatchInput};
use loket_core::replies::register::{OutgoingFilter, OutgoingList};
use loket_core::replies::signer::Signer;
use loket_core::replies::templates::{Template, TemplateInput};
use loket_core::replies::DraftInput;
use loket_core::settings::letter_setup::{LetterSetup, LetterSetupInput};
use loket_core::{Comparison, ReplyFile, ReplyInbox};

use tauri::AppHandle;

use crate::documents;
use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn reply_templates(app: AppHandle) -> CommandResult<Vec<Template>> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_templates(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_template_save(
    app: AppHandle,
    id: i64,
    input: TemplateInput,
) -> CommandResult<Template> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .reply_template_save(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn letter_setup(app: AppHandle) -> CommandResult<LetterSetup> {
    in_background(app, move |state| {
        Ok(state.office()?.letter_setup(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn letter_setup_save(
    app: AppHandle,
    input: LetterSetupInput,
) -> CommandResult<LetterSetup> {
    in_background(app, move |state| {
        Ok(state.office()?.letter_setup_save(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_signers(app: AppHandle) -> CommandResult<Vec<Signer>> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_signers(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_inbox(app: AppHandle) -> CommandResult<ReplyInbox> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_inbox(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_file(app: AppHandle, id: i64) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_file(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_create(
    app: AppHandle,
    case_id: i64,
    template_code: String,
) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .reply_create(&state.actor()?, case_id, &template_code)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_save(app: AppHandle, id: i64, input: DraftInput) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_save(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_submit(app: AppHandle, id: i64) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_submit(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_withdraw(app: AppHandle, id: i64) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_withdraw(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_initial(app: AppHandle, id: i64) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_initial(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_return(app: AppHandle, id: i64, note: String) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_return(&state.actor()?, id, &note)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_sign(app: AppHandle, id: i64) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_sign(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_cancel(app: AppHandle, id: i64, reason: String) -> CommandResult<ReplyFile> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_cancel(&state.actor()?, id, &reason)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_compare(app: AppHandle, id: i64, a: i64, b: i64) -> CommandResult<Comparison> {
    in_background(app, move |state| {
        Ok(state.office()?.reply_compare(&state.actor()?, id, a, b)?)
    })
    .await
}

#[tauri::command]
pub async fn reply_pdf(
    app: AppHandle,
    id: i64,
    office_copy: bool,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state
            .office()?
            .reply_pdf(&state.actor()?, id, office_copy)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

#[tauri::command]
pub async fn outgoing_letters(
    app: AppHandle,
    filter: OutgoingFilter,
) -> CommandResult<OutgoingList> {
    in_background(app, move |state| {
        Ok(state.office()?.outgoing_letters(&state.actor()?, &filter)?)
    })
    .await
}

#[tauri::command]
pub async fn outgoing_register_pdf(
    app: AppHandle,
    filter: OutgoingFilter,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state
            .office()?
            .outgoing_register_pdf(&state.actor()?, &filter)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

#[tauri::command]
pub async fn incoming_register_pdf(
    app: AppHandle,
    filter: OutgoingFilter,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state
            .office()?
            .incoming_register_pdf(&state.actor()?, &filter)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

#[tauri::command]
pub async fn disposition_sheet_pdf(
    app: AppHandle,
    letter_id: i64,
    half_folio: bool,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state
            .office()?
            .disposition_sheet_pdf(&state.actor()?, letter_id, half_folio)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

/// A signed reply leaves the office; its first dispatch answers the case.
#[tauri::command]
pub async fn reply_dispatch(
    app: AppHandle,
    id: i64,
    input: DispatchInput,
) -> CommandResult<Dispatch> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .reply_dispatch(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn dispatches(app: AppHandle, filter: OutgoingFilter) -> CommandResult<Vec<Dispatch>> {
    in_background(app, move |state| {
        Ok(state.office()?.dispatches(&state.actor()?, &filter)?)
    })
    .await
}

#[tauri::command]
pub async fn dispatch_book_pdf(
    app: AppHandle,
    filter: OutgoingFilter,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state
            .office()?
            .dispatch_book_pdf(&state.actor()?, &filter)?;
        documents::deliver(state, pdf, path)
    })
    .await
}
