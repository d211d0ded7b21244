//! Surat Masuk, Pengaduan, Disposisi and the search box: each command takes the state,
//! calls one core method and maps the error.

use std::path::PathBuf;

use loket_core::attachments::Attachment;
use loket_core::cases::box_openings::{BoxOpening, OpeningInput};
use loket_core::cases::contacts::{Contact, ContactInput};
use loket_core::cases::{AnswerInput, Case, CaseFilter, CaseInput, CaseList, Status};
use loket_core::dispositions::{Disposition, DispositionInput};
use loket_core::letters::{LetterFilter, LetterInput, LetterList};
use loket_core::search::{SearchQuery, SearchResults};
use loket_core::{CaseFile, LetterFile};

use tauri::AppHandle;

use crate::documents;
use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn letter_check(app: AppHandle, input: LetterInput) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state.office()?.letter_check(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn letter_register(
    app: AppHandle,
    input: LetterInput,
    complaint: Option<CaseInput>,
    files: Vec<PathBuf>,
) -> CommandResult<LetterFile> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .letter_register(&state.actor()?, &input, complaint.as_ref(), &files)?)
    })
    .await
}

#[tauri::command]
pub async fn letter(app: AppHandle, id: i64) -> CommandResult<LetterFile> {
    in_background(app, move |state| {
        Ok(state.office()?.letter(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn letters(app: AppHandle, filter: LetterFilter) -> CommandResult<LetterList> {
    in_background(app, move |state| {
        Ok(state.office()?.letters(&state.actor()?, &filter)?)
    })
    .await
}

#[tauri::command]
pub async fn attachment_add(
    app: AppHandle,
    letter_id: Option<i64>,
    case_id: Option<i64>,
    path: PathBuf,
) -> CommandResult<Attachment> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .attachment_add(&state.actor()?, letter_id, case_id, &path)?)
    })
    .await
}

/// Opens a scan in the system viewer (after checking it against its hash).
#[tauri::command]
pub async fn attachment_open(app: AppHandle, id: i64) -> CommandResult<()> {
    in_background(app, move |state| {
        let path = state.office()?.attachment_file(&state.actor()?, id)?;
        documents::open_in_viewer(&path)
    })
    .await
}

#[tauri::command]
pub async fn case_check(app: AppHandle, input: CaseInput) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state.office()?.case_check(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn case_register(app: AppHandle, input: CaseInput) -> CommandResult<Case> {
    in_background(app, move |state| {
        Ok(state.office()?.case_register(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn case_file(app: AppHandle, id: i64) -> CommandResult<CaseFile> {
    in_background(app, move |state| {
        Ok(state.office()?.case_file(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn cases(app: AppHandle, filter: CaseFilter) -> CommandResult<CaseList> {
    in_background(app, move |state| {
        Ok(state.office()?.cases(&state.actor()?, &filter)?)
    })
    .await
}

#[tauri::command]
pub async fn case_status(app: AppHandle, id: i64, to: Status, note: String) -> CommandResult<Case> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .case_status(&state.actor()?, id, to, &note)?)
    })
    .await
}

#[tauri::command]
pub async fn case_answer(app: AppHandle, id: i64, input: AnswerInput) -> CommandResult<Case> {
    in_background(app, move |state| {
        Ok(state.office()?.case_answer(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn case_refer(app: AppHandle, id: i64, agency: String) -> CommandResult<Case> {
    in_background(app, move |state| {
        Ok(state.office()?.case_refer(&state.actor()?, id, &agency)?)
    })
    .await
}

#[tauri::command]
pub async fn case_receipt_pdf(
    app: AppHandle,
    id: i64,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state.office()?.case_receipt_pdf(&state.actor()?, id)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

#[tauri::command]
pub async fn dispose(
    app: AppHandle,
    input: DispositionInput,
    on_paper: bool,
) -> CommandResult<Vec<Disposition>> {
    in_background(app, move |state| {
        let office = state.office()?;
        let actor = state.actor()?;
        Ok(if on_paper {
            office.dispose_on_paper(&actor, &input)?
        } else {
            office.dispose(&actor, &input)?
        })
    })
    .await
}

#[tauri::command]
pub async fn disposition_read(app: AppHandle, id: i64) -> CommandResult<Disposition> {
    in_background(app, move |state| {
        Ok(state.office()?.disposition_read(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn disposition_report(
    app: AppHandle,
    id: i64,
    report: String,
) -> CommandResult<Disposition> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .disposition_report(&state.actor()?, id, &report)?)
    })
    .await
}

#[tauri::command]
pub async fn disposition_inbox(app: AppHandle) -> CommandResult<Vec<Disposition>> {
    in_background(app, move |state| {
        Ok(state.office()?.disposition_inbox(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn search(app: AppHandle, query: SearchQuery) -> CommandResult<SearchResults> {
    in_background(app, move |state| {
        Ok(state.office()?.search(&state.actor()?, &query)?)
    })
    .await
}

/// What waits for the Head's disposition (empty for anyone else).
#[tauri::command]
pub async fn disposition_queue(app: AppHandle) -> CommandResult<Vec<Case>> {
    in_background(app, move |state| {
        Ok(state.office()?.disposition_queue(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn case_reopen(app: AppHandle, id: i64, reason: String) -> CommandResult<Case> {
    in_background(app, move |state| {
        Ok(state.office()?.case_reopen(&state.actor()?, id, &reason)?)
    })
    .await
}

#[tauri::command]
pub async fn case_contact_add(
    app: AppHandle,
    id: i64,
    input: ContactInput,
) -> CommandResult<Contact> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .case_contact_add(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn box_openings(app: AppHandle) -> CommandResult<Vec<BoxOpening>> {
    in_background(app, move |state| {
        Ok(state.office()?.box_openings(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn box_opening_record(app: AppHandle, input: OpeningInput) -> CommandResult<BoxOpening> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .box_opening_record(&state.actor()?, &input)?)
    })
    .await
}
