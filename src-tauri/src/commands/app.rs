use loket_core::calendar::Deadline;
use loket_core::dashboard::Dashboard;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[tauri::command]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    Ok(state.office()?.dashboard(&state.actor()?)?)
}

#[tauri::command]
pub fn deadline_for(
    state: State<'_, AppState>,
    channel: String,
    received: String,
) -> CommandResult<Deadline> {
    Ok(state
        .office()?
        .deadline_for(&state.actor()?, &channel, &received)?)
}
