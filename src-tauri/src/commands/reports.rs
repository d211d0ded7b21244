//! Laporan: the recap, the list behind a figure, the recap PDF, and exports to Excel or CSV
//! with progress events and cancelling.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use loket_core::exports::Outcome;
use loket_core::reports::figures::{FigureList, FigureQuery};
use loket_core::reports::{PeriodInput, Recap};
use loket_core::ExportRequest;
use serde::Serialize;
use tauri::{AppHandle, Emitter};

use crate::documents;
use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn recap(app: AppHandle, input: PeriodInput) -> CommandResult<Recap> {
    in_background(app, move |state| {
        Ok(state.office()?.recap(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn recap_list(
    app: AppHandle,
    input: PeriodInput,
    query: FigureQuery,
) -> CommandResult<FigureList> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .recap_list(&state.actor()?, &input, &query)?)
    })
    .await
}

#[tauri::command]
pub async fn recap_pdf(
    app: AppHandle,
    input: PeriodInput,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state.office()?.recap_pdf(&state.actor()?, &input)?;
        documents::deliver(state, pdf, path)
    })
    .await
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
    job: String,
    request: ExportRequest,
    path: PathBuf,
) -> CommandResult<ExportResult> {
    let handle = app.clone();
    in_background(app, move |state| {
        let cancel = state.export_started(&job);
        let result = state.office().and_then(|office| {
            let actor = state.actor()?;
            let mut progress = |done: usize, total: usize| {
                let _ = handle.emit(
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
    })
    .await
}

#[tauri::command]
pub async fn export_cancel(app: AppHandle, job: String) -> CommandResult<()> {
    in_background(app, move |state| {
        state.cancel_export(&job);
        Ok(())
    })
    .await
}
