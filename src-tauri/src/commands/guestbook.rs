use std::path::PathBuf;

use loket_core::guestbook::retention::Preview;
use loket_core::guestbook::{
    CheckOutInput, DayClosing, HeldCard, History, OutcomeInput, RouteInput, SearchResult, Today,
    Visit, VisitFilter, VisitInput,
};
use loket_core::people::{Person, PersonInput};

use tauri::AppHandle;

use crate::documents;
use crate::error::CommandResult;

use super::in_background;

#[tauri::command]
pub async fn guestbook_today(app: AppHandle) -> CommandResult<Today> {
    in_background(app, move |state| {
        Ok(state.office()?.guestbook_today(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn visit(app: AppHandle, id: i64) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state.office()?.visit(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn visit_check(app: AppHandle, input: VisitInput) -> CommandResult<()> {
    in_background(app, move |state| {
        Ok(state.office()?.visit_check(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn visit_register(app: AppHandle, input: VisitInput) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state.office()?.visit_register(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn visit_route(app: AppHandle, id: i64, input: RouteInput) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state.office()?.visit_route(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn visit_start_meeting(app: AppHandle, id: i64) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state.office()?.visit_start_meeting(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn visit_outcome(app: AppHandle, id: i64, input: OutcomeInput) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state.office()?.visit_outcome(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn visit_check_out(
    app: AppHandle,
    id: i64,
    input: CheckOutInput,
) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .visit_check_out(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn card_return(app: AppHandle, id: i64, returned_to: String) -> CommandResult<Visit> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .card_return(&state.actor()?, id, &returned_to)?)
    })
    .await
}

#[tauri::command]
pub async fn cards_held(app: AppHandle) -> CommandResult<Vec<HeldCard>> {
    in_background(app, move |state| {
        Ok(state.office()?.cards_held(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn close_day(app: AppHandle, kind: String, reason: String) -> CommandResult<DayClosing> {
    in_background(app, move |state| {
        Ok(state.office()?.close_day(&state.actor()?, &kind, &reason)?)
    })
    .await
}

#[tauri::command]
pub async fn people_lookup(app: AppHandle, query: String) -> CommandResult<Vec<Person>> {
    in_background(app, move |state| {
        Ok(state.office()?.people_lookup(&state.actor()?, &query)?)
    })
    .await
}

#[tauri::command]
pub async fn visits_search(app: AppHandle, filter: VisitFilter) -> CommandResult<SearchResult> {
    in_background(app, move |state| {
        Ok(state.office()?.visits_search(&state.actor()?, &filter)?)
    })
    .await
}

#[tauri::command]
pub async fn person_history(app: AppHandle, id: i64) -> CommandResult<History> {
    in_background(app, move |state| {
        Ok(state.office()?.person_history(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn reveal_id_number(app: AppHandle, id: i64) -> CommandResult<String> {
    in_background(app, move |state| {
        Ok(state.office()?.reveal_id_number(&state.actor()?, id)?)
    })
    .await
}

#[tauri::command]
pub async fn person_correct(app: AppHandle, id: i64, input: PersonInput) -> CommandResult<Person> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .person_correct(&state.actor()?, id, &input)?)
    })
    .await
}

/// Writes the day's register where the save dialog said (`path`), or, without a path, to
/// a temporary file opened in the system's PDF viewer.
#[tauri::command]
pub async fn guestbook_register_pdf(
    app: AppHandle,
    day: String,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state
            .office()?
            .guestbook_register_pdf(&state.actor()?, &day)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

#[tauri::command]
pub async fn person_export_pdf(
    app: AppHandle,
    id: i64,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    in_background(app, move |state| {
        let pdf = state.office()?.person_export_pdf(&state.actor()?, id)?;
        documents::deliver(state, pdf, path)
    })
    .await
}

#[tauri::command]
pub async fn retention_preview(app: AppHandle) -> CommandResult<Preview> {
    in_background(app, move |state| {
        Ok(state.office()?.retention_preview(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn retention_months_save(app: AppHandle, months: String) -> CommandResult<Preview> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .retention_months_save(&state.actor()?, &months)?)
    })
    .await
}

#[tauri::command]
pub async fn retention_apply(
    app: AppHandle,
    cutoff: String,
    people: i64,
) -> CommandResult<Preview> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .retention_apply(&state.actor()?, &cutoff, people)?)
    })
    .await
}

/// Closing the window with ID cards still held: records the reason, then ends the app.
#[tauri::command]
pub async fn app_close_with_reason(app: AppHandle, reason: String) -> CommandResult<()> {
    let handle = app.clone();
    in_background(app, move |state| {
        state.office()?.close_day(&state.actor()?, "app", &reason)?;
        state.confirm_close();
        handle.exit(0);
        Ok(())
    })
    .await
}

/// Visitors sent to the signed-in official, waiting for his answer.
#[tauri::command]
pub async fn visitors_waiting(app: AppHandle) -> CommandResult<Vec<Visit>> {
    in_background(app, move |state| {
        Ok(state.office()?.visitors_waiting(&state.actor()?)?)
    })
    .await
}

/// The counter cases a returning visitor may have come back for.
#[tauri::command]
pub async fn open_follow_ups(
    app: AppHandle,
    person_id: i64,
) -> CommandResult<Vec<loket_core::FollowUp>> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .open_follow_ups(&state.actor()?, person_id)?)
    })
    .await
}
