use std::path::PathBuf;

use loket_core::guestbook::retention::Preview;
use loket_core::guestbook::{
    CheckOutInput, DayClosing, HeldCard, History, OutcomeInput, RouteInput, SearchResult, Today,
    Visit, VisitFilter, VisitInput,
};
use loket_core::people::{Person, PersonInput};
use tauri::State;

use crate::documents;
use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn guestbook_today(state: State<'_, AppState>) -> CommandResult<Today> {
    Ok(state.office()?.guestbook_today(&state.actor()?)?)
}

#[tauri::command]
pub fn visit(state: State<'_, AppState>, id: i64) -> CommandResult<Visit> {
    Ok(state.office()?.visit(&state.actor()?, id)?)
}

#[tauri::command]
pub fn visit_check(state: State<'_, AppState>, input: VisitInput) -> CommandResult<()> {
    Ok(state.office()?.visit_check(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn visit_register(state: State<'_, AppState>, input: VisitInput) -> CommandResult<Visit> {
    Ok(state.office()?.visit_register(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn visit_route(state: State<'_, AppState>, id: i64, input: RouteInput) -> CommandResult<Visit> {
    Ok(state.office()?.visit_route(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn visit_start_meeting(state: State<'_, AppState>, id: i64) -> CommandResult<Visit> {
    Ok(state.office()?.visit_start_meeting(&state.actor()?, id)?)
}

#[tauri::command]
pub fn visit_outcome(
    state: State<'_, AppState>,
    id: i64,
    input: OutcomeInput,
) -> CommandResult<Visit> {
    Ok(state.office()?.visit_outcome(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn visit_check_out(
    state: State<'_, AppState>,
    id: i64,
    input: CheckOutInput,
) -> CommandResult<Visit> {
    Ok(state
        .office()?
        .visit_check_out(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn card_return(
    state: State<'_, AppState>,
    id: i64,
    returned_to: String,
) -> CommandResult<Visit> {
    Ok(state
        .office()?
        .card_return(&state.actor()?, id, &returned_to)?)
}

#[tauri::command]
pub fn cards_held(state: State<'_, AppState>) -> CommandResult<Vec<HeldCard>> {
    Ok(state.office()?.cards_held(&state.actor()?)?)
}

#[tauri::command]
pub fn close_day(
    state: State<'_, AppState>,
    kind: String,
    reason: String,
) -> CommandResult<DayClosing> {
    Ok(state.office()?.close_day(&state.actor()?, &kind, &reason)?)
}

#[tauri::command]
pub fn people_lookup(state: State<'_, AppState>, query: String) -> CommandResult<Vec<Person>> {
    Ok(state.office()?.people_lookup(&state.actor()?, &query)?)
}

#[tauri::command]
pub fn visits_search(
    state: State<'_, AppState>,
    filter: VisitFilter,
) -> CommandResult<SearchResult> {
    Ok(state.office()?.visits_search(&state.actor()?, &filter)?)
}

#[tauri::command]
pub fn person_history(state: State<'_, AppState>, id: i64) -> CommandResult<History> {
    Ok(state.office()?.person_history(&state.actor()?, id)?)
}

#[tauri::command]
pub fn reveal_id_number(state: State<'_, AppState>, id: i64) -> CommandResult<String> {
    Ok(state.office()?.reveal_id_number(&state.actor()?, id)?)
}

#[tauri::command]
pub fn person_correct(
    state: State<'_, AppState>,
    id: i64,
    input: PersonInput,
) -> CommandResult<Person> {
    Ok(state
        .office()?
        .person_correct(&state.actor()?, id, &input)?)
}

/// Writes the day's register where the save dialog said (`path`), or, without a path, to
/// a temporary file opened in the system's PDF viewer.
#[tauri::command]
pub async fn guestbook_register_pdf(
    state: State<'_, AppState>,
    day: String,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let bytes = state
        .office()?
        .guestbook_register_pdf(&state.actor()?, &day)?;
    let name = format!("buku-tamu-{}.pdf", day.replace(['/', '\\'], "-"));
    documents::deliver(&state, &name, &bytes, path)
}

#[tauri::command]
pub async fn person_export_pdf(
    state: State<'_, AppState>,
    id: i64,
    path: Option<PathBuf>,
) -> CommandResult<String> {
    let bytes = state.office()?.person_export_pdf(&state.actor()?, id)?;
    documents::deliver(&state, &format!("data-pribadi-{id}.pdf"), &bytes, path)
}

#[tauri::command]
pub fn retention_preview(state: State<'_, AppState>) -> CommandResult<Preview> {
    Ok(state.office()?.retention_preview(&state.actor()?)?)
}

#[tauri::command]
pub fn retention_months_save(state: State<'_, AppState>, months: String) -> CommandResult<Preview> {
    Ok(state
        .office()?
        .retention_months_save(&state.actor()?, &months)?)
}

#[tauri::command]
pub fn retention_apply(
    state: State<'_, AppState>,
    cutoff: String,
    people: i64,
) -> CommandResult<Preview> {
    Ok(state
        .office()?
        .retention_apply(&state.actor()?, &cutoff, people)?)
}

/// Closing the window with ID cards still held: records the reason, then ends the app.
#[tauri::command]
pub fn app_close_with_reason(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    reason: String,
) -> CommandResult<()> {
    state.office()?.close_day(&state.actor()?, "app", &reason)?;
    state.confirm_close();
    app.exit(0);
    Ok(())
}

/// Visitors sent to the signed-in official, waiting for his answer.
#[tauri::command]
pub fn visitors_waiting(state: State<'_, AppState>) -> CommandResult<Vec<Visit>> {
    Ok(state.office()?.visitors_waiting(&state.actor()?)?)
}

/// The counter cases a returning visitor may have come back for.
#[tauri::command]
pub fn open_follow_ups(
    state: State<'_, AppState>,
    person_id: i64,
) -> CommandResult<Vec<loket_core::FollowUp>> {
    Ok(state
        .office()?
        .open_follow_ups(&state.actor()?, person_id)?)
}
