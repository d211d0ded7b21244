//! What the window shares: the office (or why it could not be opened), where data lives, the
//! signed-in session and the result of the start-up audit check.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use loket_core::accounts::{Action, Actor, Session};
use loket_core::audit::ChainCheck;
use loket_core::{Error, Office};

use crate::error::CommandError;

/// Sent to the window as the payload of `loket://close-requested`.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct HeldAtClose {
    pub held: i64,
    /// False while nobody (or someone without the counter's rights) is signed in: the
    /// window then asks for a sign-in first, since a reason needs someone to answer for it.
    pub may_record: bool,
}

pub struct AppState {
    pub data_dir: PathBuf,
    office: Result<Office, CommandError>,
    session: Mutex<Option<Session>>,
    pub audit_check: Mutex<Option<ChainCheck>>,
    /// Set once the reason for closing with ID cards still held is recorded.
    close_confirmed: AtomicBool,
    /// Exports under way, by the job name the window gave them: set to stop one.
    exports: Mutex<std::collections::HashMap<String, std::sync::Arc<AtomicBool>>>,
}

fn guard<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(data_dir: PathBuf, office: Result<Office, Error>) -> Self {
        Self {
            data_dir,
            office: office.map_err(CommandError::from),
            session: Mutex::new(None),
            audit_check: Mutex::new(None),
            close_confirmed: AtomicBool::new(false),
            exports: Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// Registers an export; the flag turns true when the user cancels it.
    /// A cancel that arrived before the export started is kept, not lost.
    pub fn export_started(&self, job: &str) -> std::sync::Arc<AtomicBool> {
        guard(&self.exports)
            .entry(job.to_owned())
            .or_insert_with(|| std::sync::Arc::new(AtomicBool::new(false)))
            .clone()
    }

    pub fn export_finished(&self, job: &str) {
        guard(&self.exports).remove(job);
    }

    pub fn cancel_export(&self, job: &str) {
        guard(&self.exports)
            .entry(job.to_owned())
            .or_insert_with(|| std::sync::Arc::new(AtomicBool::new(false)))
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// The office, or the reason it could not be opened (shown on every screen).
    pub fn office(&self) -> Result<&Office, CommandError> {
        self.office.as_ref().map_err(CommandError::clone)
    }

    /// The signed-in actor for a request; locks the session if it sat idle too long.
    pub fn actor(&self) -> Result<Actor, CommandError> {
        let office = self.office()?;
        let idle = office.idle_limit()?;
        let account_id = {
            let mut session = guard(&self.session);
            let session = session.as_mut().ok_or(Error::NotSignedIn)?;
            session.touch(office.now(), idle)?.account_id
        };
        match office.current_actor(account_id) {
            Ok(actor) => {
                if let Some(session) = guard(&self.session).as_mut() {
                    session.actor = actor.clone();
                }
                Ok(actor)
            }
            Err(error) => {
                self.end_session();
                Err(error.into())
            }
        }
    }

    /// The session as it is, without counting as activity (for start-up and the lock screen).
    pub fn session(&self) -> Option<Session> {
        guard(&self.session).clone()
    }

    pub fn begin_session(&self, actor: Actor) -> Result<(), CommandError> {
        let now = self.office()?.now();
        *guard(&self.session) = Some(Session::new(actor, now));
        Ok(())
    }

    pub fn end_session(&self) {
        *guard(&self.session) = None;
    }

    pub fn lock_session(&self) {
        if let Some(session) = guard(&self.session).as_mut() {
            session.locked = true;
        }
    }

    /// What the window must settle before it closes: ID cards still held, and whether the
    /// person signed in may record the reason (reception or admin). `None` lets it close.
    pub fn cards_held_at_close(&self) -> Option<HeldAtClose> {
        if self.close_confirmed.load(Ordering::SeqCst) {
            return None;
        }
        let office = self.office().ok()?;
        let held = office.held_card_count().ok().filter(|n| *n > 0)?;
        let may_record = self
            .session()
            .is_some_and(|s| s.actor.permissions.contains(&Action::RecordVisits));
        Some(HeldAtClose { held, may_record })
    }

    pub fn confirm_close(&self) {
        self.close_confirmed.store(true, Ordering::SeqCst);
    }
}
