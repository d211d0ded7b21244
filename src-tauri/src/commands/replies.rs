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
use loket_core::{Comparison, Pdf, ReplyFile, ReplyInbox};
use tauri::State;

use crate::documents;
use crate::error::CommandResult;
use crate::state::AppState;

fn deliver(state: &AppState, pdf: Pdf, path: Option<PathBuf>) -> CommandResult<String> {
    documents::deliver(state, &pdf.file_name, &pdf.bytes, path)
}

#[tauri::command]
pub fn reply_templates(state: State<'_, AppState>) -> CommandResult<Vec<Template>> {
    Ok(state.office()?.reply_templates(&state.actor()?)?)
}

#[tauri::command]
pub fn reply_template_save(
    state: State<'_, AppState>,
    id: i64,
    input: TemplateInput,
) -> CommandResult<Template> {
    Ok(state
        .office()?
        .reply_template_save(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn letter_setup(state: State<'_, AppState>) -> CommandResult<LetterSetup> {
    Ok(state.office()?.letter_setup(&state.actor()?)?)
}

#[tauri::command]
pub fn letter_setup_save(
    state: State<'_, AppState>,
    input: LetterSetupInput,
) -> CommandResult<LetterSetup> {
    Ok(state.office()?.letter_setup_save(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn reply_signers(state: State<'_, AppState>) -> CommandResult<Vec<Signer>> {
    Ok(state.office()?.reply_signers(&state.actor()?)?)
}

#[tauri::command]
pub fn reply_inbox(state: State<'_, AppState>) -> CommandResult<ReplyInbox> {
    Ok(state.office()?.reply_inbox(&state.actor()?)?)
}

#[tauri::command]
pub fn reply_file(state: State<'_, AppState>, id: i64) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_file(&state.actor()?, id)?)
}

#[tauri::command]
pub fn reply_create(
    state: State<'_, AppState>,
    case_id: i64,
    template_code: String,
) -> CommandResult<ReplyFile> {
    Ok(state
        .office()?
        .reply_create(&state.actor()?, case_id, &template_code)?)
}

#[tauri::command]
pub fn reply_save(
    state: State<'_, AppState>,
    id: i64,
    input: DraftInput,
) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_save(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn reply_submit(state: State<'_, AppState>, id: i64) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_submit(&state.actor()?, id)?)
}

#[tauri::command]
pub fn reply_withdraw(state: State<'_, AppState>, id: i64) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_withdraw(&state.actor()?, id)?)
}

#[tauri::command]
pub fn reply_initial(state: State<'_, AppState>, id: i64) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_initial(&state.actor()?, id)?)
}

#[tauri::command]
pub fn reply_return(state: State<'_, AppState>, id: i64, note: String) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_return(&state.actor()?, id, &note)?)
}

#[tauri::command]
pub fn reply_sign(state: State<'_, AppState>, id: i64) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_sign(&state.actor()?, id)?)
}

#[tauri::command]
pub fn reply_cancel(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CommandResult<ReplyFile> {
    Ok(state.office()?.reply_cancel(&state.actor()?, id, &reason)?)
}

#[tauri::command]
pub fn reply_compare(
    state: State<'_, AppState>,
    id: i64,
    a: i64,
    b: i64,
) -> CommandResult<Comparison> {
    Ok(state.office()?.reply_compare(&state.actor()?, id, a, b)?)
}

#[tauri::command]
pub async fn reply_pdf(
    state: State<'_, AppState>,
    id: i64,
    office_copy: bool,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let pdf = state
        .office()?
        .reply_pdf(&state.actor()?, id, office_copy)?;
    deliver(&state, pdf, path)
}

#[tauri::command]
pub fn outgoing_letters(
    state: State<'_, AppState>,
    filter: OutgoingFilter,
) -> CommandResult<OutgoingList> {
    Ok(state.office()?.outgoing_letters(&state.actor()?, &filter)?)
}

#[tauri::command]
pub async fn outgoing_register_pdf(
    state: State<'_, AppState>,
    filter: OutgoingFilter,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let pdf = state
        .office()?
        .outgoing_register_pdf(&state.actor()?, &filter)?;
    deliver(&state, pdf, path)
}

#[tauri::command]
pub async fn incoming_register_pdf(
    state: State<'_, AppState>,
    filter: OutgoingFilter,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let pdf = state
        .office()?
        .incoming_register_pdf(&state.actor()?, &filter)?;
    deliver(&state, pdf, path)
}

#[tauri::command]
pub async fn disposition_sheet_pdf(
    state: State<'_, AppState>,
    letter_id: i64,
    half_folio: bool,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let pdf = state
        .office()?
        .disposition_sheet_pdf(&state.actor()?, letter_id, half_folio)?;
    deliver(&state, pdf, path)
}

/// A signed reply leaves the office; its first dispatch answers the case.
#[tauri::command]
pub fn reply_dispatch(
    state: State<'_, AppState>,
    id: i64,
    input: DispatchInput,
) -> CommandResult<Dispatch> {
    Ok(state
        .office()?
        .reply_dispatch(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn dispatches(
    state: State<'_, AppState>,
    filter: OutgoingFilter,
) -> CommandResult<Vec<Dispatch>> {
    Ok(state.office()?.dispatches(&state.actor()?, &filter)?)
}

#[tauri::command]
pub async fn dispatch_book_pdf(
    state: State<'_, AppState>,
    filter: OutgoingFilter,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let pdf = state
        .office()?
        .dispatch_book_pdf(&state.actor()?, &filter)?;
    deliver(&state, pdf, path)
}
