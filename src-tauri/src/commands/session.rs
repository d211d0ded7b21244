use loket_core::accounts::{Account, AccountInput, Actor};
use loket_core::audit::{AuditEntry, AuditFilter, ChainCheck};
use loket_core::Error;
use serde::Serialize;
use tauri::State;

use crate::error::CommandResult;
use crate::state::AppState;

#[derive(Serialize)]
pub struct Startup {
    pub data_dir: String,
    pub log_path: String,
    pub needs_first_admin: bool,
    /// Signed in on this window already (a reload), and whether the screen is locked.
    pub actor: Option<Actor>,
    pub locked: bool,
    pub idle_minutes: i64,
}

/// Where the data lives, who is signed in, or why the database could not be opened.
#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> CommandResult<Startup> {
    let office = state.office()?;
    let session = state.session();
    Ok(Startup {
        data_dir: state.data_dir.display().to_string(),
        log_path: crate::logging::path().display().to_string(),
        needs_first_admin: office.needs_first_admin()?,
        locked: session.as_ref().is_some_and(|s| s.locked),
        actor: session.map(|s| s.actor),
        idle_minutes: office.idle_limit()?.num_minutes(),
    })
}

#[tauri::command]
pub fn first_admin_create(state: State<'_, AppState>, input: AccountInput) -> CommandResult<Actor> {
    let actor = state.office()?.create_first_admin(&input)?;
    state.begin_session(actor.clone())?;
    Ok(actor)
}

#[tauri::command]
pub fn sign_in(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CommandResult<Actor> {
    let actor = state.office()?.sign_in(&username, &password)?;
    state.begin_session(actor.clone())?;
    Ok(actor)
}

#[tauri::command]
pub fn sign_out(state: State<'_, AppState>) -> CommandResult<()> {
    if let Some(session) = state.session() {
        state.office()?.sign_out(&session.actor)?;
    }
    state.end_session();
    Ok(())
}

/// The UI's idle timer ran out.
#[tauri::command]
pub fn session_lock(state: State<'_, AppState>) {
    state.lock_session();
}

/// Activity in the window (typing a long form calls no command): keeps the session awake.
#[tauri::command]
pub fn session_touch(state: State<'_, AppState>) -> CommandResult<()> {
    state.actor().map(|_| ())
}

#[tauri::command]
pub fn session_unlock(state: State<'_, AppState>, password: String) -> CommandResult<Actor> {
    let session = state.session().ok_or(Error::NotSignedIn)?;
    let actor = state
        .office()?
        .confirm_password(&session.actor, &password)?;
    state.begin_session(actor.clone())?;
    Ok(actor)
}

#[tauri::command]
pub fn password_change(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> CommandResult<Actor> {
    let actor = state.actor()?;
    let actor = state
        .office()?
        .change_own_password(&actor, &current, &new)?;
    state.begin_session(actor.clone())?;
    Ok(actor)
}

#[tauri::command]
pub fn accounts(state: State<'_, AppState>) -> CommandResult<Vec<Account>> {
    Ok(state.office()?.accounts(&state.actor()?)?)
}

#[tauri::command]
pub fn account_create(state: State<'_, AppState>, input: AccountInput) -> CommandResult<Account> {
    Ok(state.office()?.account_create(&state.actor()?, &input)?)
}

#[tauri::command]
pub fn account_update(
    state: State<'_, AppState>,
    id: i64,
    input: AccountInput,
) -> CommandResult<Account> {
    Ok(state
        .office()?
        .account_update(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub fn account_reset_password(
    state: State<'_, AppState>,
    id: i64,
    password: String,
) -> CommandResult<Account> {
    Ok(state
        .office()?
        .account_reset_password(&state.actor()?, id, &password)?)
}

#[tauri::command]
pub fn idle_minutes_save(state: State<'_, AppState>, value: String) -> CommandResult<i64> {
    Ok(state.office()?.idle_minutes_save(&state.actor()?, &value)?)
}

#[tauri::command]
pub fn audit_search(
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> CommandResult<Vec<AuditEntry>> {
    Ok(state.office()?.audit_search(&state.actor()?, &filter)?)
}

#[tauri::command]
pub fn audit_verify(state: State<'_, AppState>) -> CommandResult<ChainCheck> {
    let check = state.office()?.audit_verify(&state.actor()?)?;
    *state.audit_check.lock().unwrap_or_else(|p| p.into_inner()) = Some(check.clone());
    Ok(check)
}

/// The start-up check's result, once the background run has finished.
#[tauri::command]
pub fn audit_startup_check(state: State<'_, AppState>) -> CommandResult<Option<ChainCheck>> {
    state.actor()?;
    Ok(state
        .audit_check
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}
