//! Surat Masuk, Pengaduan, Disposisi and the search box: each command takes the state,
//! calls one core method and maps the error.

use std::path::PathBuf;

use loket_core::attachments::Attachment;
use loket_core::cases::box_openings::{BoxOpening, OpeningInput};
use loket_core::cases::contacts::{Contact, ContactInput};
use loket_core::cases::{AnswerInput, Case, CaseFilter, CaseInput, CaseList};
use loket_core::dispositions::{Disposition, DispositionInput};
use loket_core::letters::{LetterFilter, LetterInput, LetterList};
use loket_core::search::{SearchQuery, SearchResults};
use loket_core::{CaseFile, LetterFile};
use tauri::State;

use crate::documents;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn letter_check(state: State<'_, AppState>, input: LetterInput) -> CommandResult<()> {
    Ok(state.office()?.letter_check(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn letter_register(
    state: State<'_, AppState>,
    input: LetterInput,
    complaint: Option<CaseInput>,
    files: Vec<PathBuf>,
) -> CommandResult<LetterFile> {
    Ok(state
        .office()?
        .letter_register(&state.actor()?, &input, complaint.as_ref(), &files)?)
}

#[tauri::command]
pub fn letter(state: State<'_, AppState>, id: i64) -> CommandResult<LetterFile> {
    Ok(state.office()?.letter(&state.actor()?, id)?)
}

#[tauri::command]
pub fn letters(state: State<'_, AppState>, filter: LetterFilter) -> CommandResult<LetterList> {
    Ok(state.office()?.letters(&state.actor()?, &filter)?)
}

#[tauri::command]
pub async fn attachment_add(
    state: State<'_, AppState>,
    letter_id: Option<i64>,
    case_id: Option<i64>,
    path: PathBuf,
) -> CommandResult<Attachment> {
    Ok(state
        .office()?
        .attachment_add(&state.actor()?, letter_id, case_id, &path)?)
}

/// Opens a scan in the system viewer (after checking it against its hash).
#[tauri::command]
pub fn attachment_open(state: State<'_, AppState>, id: i64) -> CommandResult<()> {
    let path = state.office()?.attachment_file(&state.actor()?, id)?;
    documents::open_in_viewer(&path)
}

#[tauri::command]
pub fn case_check(state: State<'_, AppState>, input: CaseInput) -> CommandResult<()> {
    Ok(state.office()?.case_check(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn case_register(state: State<'_, AppState>, input: CaseInput) -> CommandResult<Case> {
    Ok(state.office()?.case_register(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn case_file(state: State<'_, AppState>, id: i64) -> CommandResult<CaseFile> {
    Ok(state.office()?.case_file(&state.actor()?, id)?)
}

#[tauri::command]
pub fn cases(state: State<'_, AppState>, filter: CaseFilter) -> CommandResult<CaseList> {
    Ok(state.office()?.cases(&state.actor()?, &filter)?)
}

#[tauri::command]
pub fn case_status(
    state: State<'_, AppState>,
    id: i64,
    to: String,
    note: String,
) -> CommandResult<Case> {
    Ok(state
        .office()?
        .case_status(&state.actor()?, id, &to, &note)?)
}

#[tauri::command]
pub fn case_answer(state: State<'_, AppState>, id: i64, input: AnswerInput) -> CommandResult<Case> {
    Ok(state.office()?.case_answer(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn case_refer(state: State<'_, AppState>, id: i64, agency: String) -> CommandResult<Case> {
    Ok(state.office()?.case_refer(&state.actor()?, id, &agency)?)
}

#[tauri::command]
pub async fn case_receipt_pdf(
    state: State<'_, AppState>,
    id: i64,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let bytes = state.office()?.case_receipt_pdf(&state.actor()?, id)?;
    documents::deliver(&state, &format!("tanda-terima-{id}.pdf"), &bytes, path)
}

#[tauri::command]
pub fn dispose(
    state: State<'_, AppState>,
    input: DispositionInput,
    on_paper: bool,
) -> CommandResult<Vec<Disposition>> {
    let office = state.office()?;
    let actor = state.actor()?;
    Ok(if on_paper {
        office.dispose_on_paper(&actor, &input)?
    } else {
        office.dispose(&actor, &input)?
    })
}

#[tauri::command]
pub fn disposition_read(state: State<'_, AppState>, id: i64) -> CommandResult<Disposition> {
    Ok(state.office()?.disposition_read(&state.actor()?, id)?)
}

#[tauri::command]
pub fn disposition_report(
    state: State<'_, AppState>,
    id: i64,
    report: String,
) -> CommandResult<Disposition> {
    Ok(state
        .office()?
        .disposition_report(&state.actor()?, id, &report)?)
}

#[tauri::command]
pub fn disposition_inbox(state: State<'_, AppState>) -> CommandResult<Vec<Disposition>> {
    Ok(state.office()?.disposition_inbox(&state.actor()?)?)
}

#[tauri::command]
pub fn search(state: State<'_, AppState>, query: SearchQuery) -> CommandResult<SearchResults> {
    Ok(state.office()?.search(&state.actor()?, &query)?)
}

/// What waits for the Head's disposition (empty for anyone else).
#[tauri::command]
pub fn disposition_queue(state: State<'_, AppState>) -> CommandResult<Vec<Case>> {
    Ok(state.office()?.disposition_queue(&state.actor()?)?)
}

#[tauri::command]
pub fn case_reopen(state: State<'_, AppState>, id: i64, reason: String) -> CommandResult<Case> {
    Ok(state.office()?.case_reopen(&state.actor()?, id, &reason)?)
}

#[tauri::command]
pub fn case_contact_add(
    state: State<'_, AppState>,
    id: i64,
    input: ContactInput,
) -> CommandResult<Contact> {
    Ok(state
        .office()?
        .case_contact_add(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn box_openings(state: State<'_, AppState>) -> CommandResult<Vec<BoxOpening>> {
    Ok(state.office()?.box_openings(&state.actor()?)?)
}

#[tauri::command]
pub fn box_opening_record(
    state: State<'_, AppState>,
    input: OpeningInput,
) -> CommandResult<BoxOpening> {
    Ok(state
        .office()?
        .box_opening_record(&state.actor()?, &input)?)
}
