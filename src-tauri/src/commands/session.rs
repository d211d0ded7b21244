use loket_core::accounts::{Account, AccountInput, Action, Actor};
use loket_core::audit::{Anchor, AuditEntry, AuditFilter, ChainCheck};
use loket_core::Error;
use serde::Serialize;

use tauri::AppHandle;

use crate::error::CommandResult;

use super::in_background;

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
pub async fn startup(app: AppHandle) -> CommandResult<Startup> {
    in_background(app, move |state| {
        let office = state.office()?;
        let session = state.session();
        Ok(Startup {
            data_dir: state.data_dir.display().to_string(),
            log_path: crate::logging::path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            needs_first_admin: office.needs_first_admin()?,
            locked: session.as_ref().is_some_and(|s| s.locked),
            actor: session.map(|s| s.actor),
            idle_minutes: office.idle_limit()?.num_minutes(),
        })
    })
    .await
}

#[tauri::command]
pub async fn first_admin_create(app: AppHandle, input: AccountInput) -> CommandResult<Actor> {
    in_background(app, move |state| {
        let actor = state.office()?.create_first_admin(&input)?;
        state.begin_session(actor.clone())?;
        Ok(actor)
    })
    .await
}

#[tauri::command]
pub async fn sign_in(app: AppHandle, username: String, password: String) -> CommandResult<Actor> {
    in_background(app, move |state| {
        let actor = state.office()?.sign_in(&username, &password)?;
        state.begin_session(actor.clone())?;
        Ok(actor)
    })
    .await
}

#[tauri::command]
pub async fn sign_out(app: AppHandle) -> CommandResult<()> {
    in_background(app, move |state| {
        if let Some(session) = state.session() {
            state.office()?.sign_out(&session.actor)?;
        }
        state.end_session();
        Ok(())
    })
    .await
}

/// The UI's idle timer ran out.
#[tauri::command]
pub async fn session_lock(app: AppHandle) -> CommandResult<()> {
    in_background(app, move |state| {
        state.lock_session();
        Ok(())
    })
    .await
}

/// Activity in the window (typing a long form calls no command): keeps the session awake.
#[tauri::command]
pub async fn session_touch(app: AppHandle) -> CommandResult<()> {
    in_background(app, move |state| state.actor().map(|_| ())).await
}

#[tauri::command]
pub async fn session_unlock(app: AppHandle, password: String) -> CommandResult<Actor> {
    in_background(app, move |state| {
        let seen = state.session_seen().ok_or(Error::NotSignedIn)?;
        let actor = state
            .office()?
            .confirm_password(&seen.session.actor, &password)?;
        state.renew_session(seen.generation, actor.clone())?;
        Ok(actor)
    })
    .await
}

#[tauri::command]
pub async fn password_change(app: AppHandle, current: String, new: String) -> CommandResult<Actor> {
    in_background(app, move |state| {
        let seen = state.session_seen().ok_or(Error::NotSignedIn)?;
        let actor = state.actor()?;
        let actor = state
            .office()?
            .change_own_password(&actor, &current, &new)?;
        state.renew_session(seen.generation, actor.clone())?;
        Ok(actor)
    })
    .await
}

#[tauri::command]
pub async fn accounts(app: AppHandle) -> CommandResult<Vec<Account>> {
    in_background(app, move |state| {
        Ok(state.office()?.accounts(&state.actor()?)?)
    })
    .await
}

#[tauri::command]
pub async fn account_create(app: AppHandle, input: AccountInput) -> CommandResult<Account> {
    in_background(app, move |state| {
        Ok(state.office()?.account_create(&state.actor()?, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn account_update(
    app: AppHandle,
    id: i64,
    input: AccountInput,
) -> CommandResult<Account> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .account_update(&state.actor()?, id, &input)?)
    })
    .await
}

#[tauri::command]
pub async fn account_reset_password(
    app: AppHandle,
    id: i64,
    password: String,
) -> CommandResult<Account> {
    in_background(app, move |state| {
        Ok(state
            .office()?
            .account_reset_password(&state.actor()?, id, &password)?)
    })
    .await
}

#[tauri::command]
pub async fn idle_minutes_save(app: AppHandle, value: String) -> CommandResult<i64> {
    in_background(app, move |state| {
        Ok(state.office()?.idle_minutes_save(&state.actor()?, &value)?)
    })
    .await
}

#[tauri::command]
pub async fn audit_search(app: AppHandle, filter: AuditFilter) -> CommandResult<Vec<AuditEntry>> {
    in_background(app, move |state| {
        Ok(state.office()?.audit_search(&state.actor()?, &filter)?)
    })
    .await
}

#[tauri::command]
pub async fn audit_verify(app: AppHandle) -> CommandResult<ChainCheck> {
    in_background(app, move |state| {
        let generation = state.begin_audit_check();
        let check = state.office()?.audit_verify(&state.actor()?)?;
        state.keep_audit_check(generation, check.clone());
        Ok(check)
    })
    .await
}

/// The Admin accepts the trail up to the end he was shown (`shown`: its last entry's number
/// and hash) after a cut was looked into.
#[tauri::command]
pub async fn audit_accept_end(app: AppHandle, shown: Anchor) -> CommandResult<ChainCheck> {
    in_background(app, move |state| {
        let generation = state.begin_audit_check();
        let check = state.office()?.audit_accept_end(&state.actor()?, &shown)?;
        state.keep_audit_check(generation, check.clone());
        Ok(check)
    })
    .await
}

/// The start-up check's result, once the background run has finished.
#[tauri::command]
pub async fn audit_startup_check(app: AppHandle) -> CommandResult<Option<ChainCheck>> {
    in_background(app, move |state| {
        // What the trail check found (counts, who restored) is for those who verify it.
        state.actor()?.authorize(Action::VerifyAudit)?;
        Ok(state
            .audit_check
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone())
    })
    .await
}
