//! Laporan: the recap, the list behind a figure, the recap PDF, and exports to Excel or CSV
//! with progress events and cancelling.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use loket_core::exports::Outcome;
use loket_core::reports::figures::{FigureList, FigureQuery};
use loket_core::reports::{PeriodInput, Recap};
use loket_core::ExportRequest;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

use crate::documents;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn recap(state: State<'_, AppState>, input: PeriodInput) -> CommandResult<Recap> {
    Ok(state.office()?.recap(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn recap_list(
    state: State<'_, AppState>,
    input: PeriodInput,
    query: FigureQuery,
) -> CommandResult<FigureList> {
    Ok(state
        .office()?
        .recap_list(&state.actor()?, &input, &query)?)
}

#[tauri::command]
pub async fn recap_pdf(
    state: State<'_, AppState>,
    input: PeriodInput,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let pdf = state.office()?.recap_pdf(&state.actor()?, &input)?;
    documents::deliver(&state, &pdf.file_name, &pdf.bytes, path)
}

#[derive(Debug, Clone, Serialize)]
struct Progress<'a> {
    job: &'a str,
    done: usize,
    total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportResult {
    pub rows: usize,
    pub cancelled: bool,
    pub path: String,
}

/// Writes an export where the save dialog said, sending `loket://export-progress` events as
/// rows are written; `export_cancel` with the same job stops it and removes the file.
#[tauri::command]
pub async fn export_run(
    app: AppHandle,
    state: State<'_, AppState>,
    job: String,
    request: ExportRequest,
    path: PathBuf,
) -> CommandResult<ExportResult> {
    let cancel = state.export_started(&job);
    let result = state.office().and_then(|office| {
        let actor = state.actor()?;
        let mut progress = |done: usize, total: usize| {
            let _ = app.emit(
                "loket://export-progress",
                Progress {
                    job: &job,
                    done,
                    total,
                },
            );
            !cancel.load(Ordering::SeqCst)
        };
        Ok(office.export(&actor, &request, &path, &mut progress)?)
    });
    state.export_finished(&job);
    Ok(match result? {
        Outcome::Written { rows } => ExportResult {
            rows,
            cancelled: false,
            path: path.display().to_string(),
        },
        Outcome::Cancelled => ExportResult {
            rows: 0,
            cancelled: true,
            path: String::new(),
        },
    })
}

#[tauri::command]
pub fn export_cancel(state: State<'_, AppState>, job: String) {
    state.cancel_export(&job);
}
