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

/// The signed-in session, and which sign-in it belongs to: commands run side by side on the
/// blocking pool, so one that read the session before a sign-out and a new sign-in must not
/// write into the next person's session when it finishes.
#[derive(Default)]
struct SessionSlot {
    generation: u64,
    session: Option<Session>,
}

/// A session as a command found it, to renew only that one.
pub struct SessionSeen {
    pub generation: u64,
    pub session: Session,
}

pub struct AppState {
    pub data_dir: PathBuf,
    /// `--database` or `LOKET_DATABASE` chose the data for this run.
    pub database_overridden: bool,
    office: Result<Office, CommandError>,
    session: Mutex<SessionSlot>,
    pub audit_check: Mutex<Option<ChainCheck>>,
    /// Counts what replaces `audit_check` (a restore, a check or an acceptance asked for in
    /// the window), so a start-up check that began before one does not overwrite a newer
    /// finding (or report on a database a restore replaced).
    audit_check_generation: std::sync::atomic::AtomicU64,
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
    pub fn new(
        data_dir: PathBuf,
        office: Result<Office, Error>,
        database_overridden: bool,
    ) -> Self {
        Self {
            data_dir,
            database_overridden,
            office: office.map_err(CommandError::from),
            session: Mutex::new(SessionSlot::default()),
            audit_check: Mutex::new(None),
            audit_check_generation: std::sync::atomic::AtomicU64::new(0),
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

    /// Who may choose where this PC keeps the data: anyone while the office cannot be
    /// opened (the choice is how to fix it) or has no account yet (first start); else an
    /// Admin.
    pub fn may_choose_database(&self) -> Result<(), CommandError> {
        let Ok(office) = &self.office else {
            return Ok(());
        };
        if office.needs_first_admin()? {
            return Ok(());
        }
        self.actor()?.authorize(Action::Restore)?;
        Ok(())
    }

    pub fn on_server(&self) -> bool {
        self.office.as_ref().is_ok_and(|office| office.on_server())
    }

    /// The office, or the reason it could not be opened (shown on every screen).
    pub fn office(&self) -> Result<&Office, CommandError> {
        self.office.as_ref().map_err(CommandError::clone)
    }

    /// The signed-in actor for a request; locks the session if it sat idle too long.
    pub fn actor(&self) -> Result<Actor, CommandError> {
        let office = self.office()?;
        let idle = office.idle_limit()?;
        let (generation, account_id) = {
            let mut slot = guard(&self.session);
            let generation = slot.generation;
            let session = slot.session.as_mut().ok_or(Error::NotSignedIn)?;
            (generation, session.touch(office.now(), idle)?.account_id)
        };
        // Read without holding the lock; the answer belongs to that sign-in only.
        match office.current_actor(account_id) {
            Ok(actor) => {
                let mut slot = guard(&self.session);
                if slot.generation == generation {
                    if let Some(session) = slot.session.as_mut() {
                        session.actor = actor.clone();
                    }
                }
                Ok(actor)
            }
            Err(error) => {
                // A disabled or removed account loses its session; a failed read does not.
                if !error.is_internal() {
                    self.end_session_if(generation);
                }
                Err(error.into())
            }
        }
    }

    /// The session as it is, without counting as activity (for start-up and the lock screen).
    pub fn session(&self) -> Option<Session> {
        guard(&self.session).session.clone()
    }

    /// The session with the sign-in it belongs to, for an action that renews it.
    pub fn session_seen(&self) -> Option<SessionSeen> {
        let slot = guard(&self.session);
        slot.session.clone().map(|session| SessionSeen {
            generation: slot.generation,
            session,
        })
    }

    /// A new sign-in (first admin, sign-in): replaces whatever session there was.
    pub fn begin_session(&self, actor: Actor) -> Result<(), CommandError> {
        let now = self.office()?.now();
        let mut slot = guard(&self.session);
        slot.generation += 1;
        slot.session = Some(Session::new(actor, now));
        Ok(())
    }

    /// Unlocking or a password change renews the session it started from, and only that one:
    /// one that ended meanwhile (Keluar clicked while the password was being checked) stays
    /// ended.
    pub fn renew_session(&self, generation: u64, actor: Actor) -> Result<(), CommandError> {
        let now = self.office()?.now();
        let mut slot = guard(&self.session);
        if slot.generation != generation || slot.session.is_none() {
            return Err(Error::NotSignedIn.into());
        }
        slot.session = Some(Session::new(actor, now));
        Ok(())
    }

    /// Starts a check of the trail whose finding is to be kept: any check started before it
    /// (the start-up one, a second click) no longer overwrites what this one finds.
    pub fn begin_audit_check(&self) -> u64 {
        self.audit_check_generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1
    }

    /// The current generation, for a check that yields to any started after it.
    pub fn audit_check_generation(&self) -> u64 {
        self.audit_check_generation
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Keeps the finding of the check started as `generation`, unless a later one began;
    /// says whether it was kept.
    pub fn keep_audit_check(&self, generation: u64, check: ChainCheck) -> bool {
        let mut kept = self.audit_check.lock().unwrap_or_else(|p| p.into_inner());
        let latest = self.audit_check_generation() == generation;
        if latest {
            *kept = Some(check);
        }
        latest
    }

    pub fn end_session(&self) {
        let mut slot = guard(&self.session);
        slot.generation += 1;
        slot.session = None;
    }

    fn end_session_if(&self, generation: u64) {
        let mut slot = guard(&self.session);
        if slot.generation == generation {
            slot.generation += 1;
            slot.session = None;
        }
    }

    pub fn lock_session(&self) {
        if let Some(session) = guard(&self.session).session.as_mut() {
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
        // Moved onto the server: this window records nothing more; the cards are the
        // server's to account for at the next start.
        if office.is_moved() {
            return None;
        }
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

#[cfg(test)]
mod tests {
    use loket_core::accounts::AccountInput;
    use loket_core::clock::SystemClock;

    use super::*;

    fn office_with_two_people() -> (AppState, Actor, Actor) {
        let office = Office::open_in_memory(Box::new(SystemClock)).unwrap();
        let admin = office
            .create_first_admin(&AccountInput {
                username: "admin".into(),
                full_name: "Admin".into(),
                password: "sandi-kantor-kupang".into(),
                ..Default::default()
            })
            .unwrap();
        office
            .account_create(
                &admin,
                &AccountInput {
                    username: "resepsi".into(),
                    full_name: "Resepsi".into(),
                    active: true,
                    password: "sementara-123".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let reception = office.sign_in("resepsi", "sementara-123").unwrap();
        (
            AppState::new(PathBuf::new(), Ok(office), false),
            admin,
            reception,
        )
    }

    #[test]
    fn an_unlock_that_finishes_after_keluar_does_not_bring_the_session_back() {
        let (state, admin, _) = office_with_two_people();
        state.begin_session(admin.clone()).unwrap();
        state.lock_session();
        let seen = state.session_seen().unwrap();
        // Keluar is clicked while the password is being checked.
        state.end_session();
        assert!(state.renew_session(seen.generation, admin).is_err());
        assert!(state.session().is_none());
    }

    #[test]
    fn a_renewal_never_lands_in_the_next_persons_session() {
        let (state, admin, reception) = office_with_two_people();
        state.begin_session(admin.clone()).unwrap();
        let seen = state.session_seen().unwrap();
        state.end_session();
        state.begin_session(reception.clone()).unwrap();
        assert!(state.renew_session(seen.generation, admin).is_err());
        assert_eq!(state.actor().unwrap().account_id, reception.account_id);
    }
}
