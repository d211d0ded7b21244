//! The facade's part for who acts: first run, sign-in, accounts, the audit trail and backups.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration};
use serde_json::json;

use crate::accounts::{self, Account, AccountInput, Action, Actor};
use crate::audit::{self, AuditEntry, AuditFilter, ChainCheck};
use crate::backup::restore::RestoreRequest;
use crate::backup::{self, BackupReport, RestoreReport, ScanCopies};
use crate::error::{Error, Result};
use crate::settings::values;
use crate::store::Transaction;
use crate::{dates, snapshot, text, AuditNote, Office};

/// Rows the audit viewer shows at most per query; narrow the filter for older entries.
pub const AUDIT_PAGE: i64 = 500;

impl Office {
    /// True until the first administrator has been created.
    pub fn needs_first_admin(&self) -> Result<bool> {
        self.read(|tx| Ok(accounts::count(tx)? == 0))
    }

    /// First run: creates the first administrator, who is then signed in. Refused once any
    /// account exists, so it cannot be used to add a second admin behind the others' back.
    pub fn create_first_admin(&self, input: &AccountInput) -> Result<Actor> {
        let now = self.now();
        self.write(|tx| {
            if accounts::count(tx)? > 0 {
                return Err(Error::Forbidden {
                    message: "Admin pertama sudah dibuat; silakan masuk.".into(),
                });
            }
            let input = AccountInput {
                role: crate::accounts::Role::Admin,
                active: true,
                ..input.clone()
            };
            let account = accounts::create(tx, &input, false, now)?;
            let actor = accounts::actor(tx, account.id)?;
            audit::record(
                tx,
                Some(&actor),
                now,
                "account.create_first_admin",
                "account",
                account.id,
                snapshot(&account),
            )?;
            Ok(actor)
        })
    }

    /// Signs in. A wrong password is committed too (it counts towards the lock) and audited.
    pub fn sign_in(&self, username: &str, password: &str) -> Result<Actor> {
        let now = self.now();
        let username = text::optional("username", "Nama pengguna", username, 64)?;
        self.write(|tx| {
            let outcome = accounts::sign_in(tx, &username, password, now);
            match &outcome {
                Ok(actor) => audit::record(
                    tx,
                    Some(actor),
                    now,
                    "account.sign_in",
                    "account",
                    actor.account_id,
                    json!({}),
                )?,
                Err(error) => {
                    // Only a real account name is kept: a password typed into the name field
                    // must not end up in a trail that can never be deleted. The trail (unlike
                    // the screen) says when the account was disabled.
                    let status = accounts::status(tx, &username)?;
                    let who = match status {
                        Some(_) => username.to_lowercase(),
                        None => "(tidak dikenal)".to_owned(),
                    };
                    let reason = match (status, error) {
                        (Some(false), Error::Invalid(_)) => "account.disabled",
                        (_, error) => error.code(),
                    };
                    audit::record(
                        tx,
                        None,
                        now,
                        "account.sign_in_failed",
                        "account",
                        who,
                        json!({ "reason": reason }),
                    )?
                }
            }
            Ok(outcome)
        })?
    }

    /// Unlocks an idle session with the signed-in person's password.
    pub fn confirm_password(&self, actor: &Actor, password: &str) -> Result<Actor> {
        let now = self.now();
        self.write(|tx| {
            let outcome = accounts::confirm_password(tx, actor.account_id, password, now);
            let action = if outcome.is_ok() {
                "session.unlock"
            } else {
                "session.unlock_failed"
            };
            audit::record(
                tx,
                Some(actor),
                now,
                action,
                "account",
                actor.account_id,
                json!({}),
            )?;
            Ok(outcome)
        })?
    }

    /// The actor as the database has it now: a disabled, demoted or reset account loses its
    /// old rights on its next request, not at its next sign-in.
    pub fn current_actor(&self, account_id: i64) -> Result<Actor> {
        self.read(|tx| {
            if !accounts::get(tx, account_id)?.active {
                return Err(Error::NotSignedIn);
            }
            accounts::actor(tx, account_id)
        })
    }

    pub fn sign_out(&self, actor: &Actor) -> Result<()> {
        let now = self.now();
        self.write(|tx| {
            audit::record(
                tx,
                Some(actor),
                now,
                "account.sign_out",
                "account",
                actor.account_id,
                json!({}),
            )
        })
    }

    /// Changes the signed-in person's password. A failed try is committed too: a wrong current
    /// password counts towards the lock, and the trail records it (someone at an unattended
    /// desk trying passwords).
    pub fn change_own_password(&self, actor: &Actor, current: &str, new: &str) -> Result<Actor> {
        let now = self.now();
        self.write(|tx| {
            let outcome = accounts::change_own_password(tx, actor.account_id, current, new, now);
            let (action, changes) = match &outcome {
                Ok(()) => ("account.change_password", json!({})),
                Err(error) => (
                    "account.change_password_failed",
                    json!({ "reason": error.code() }),
                ),
            };
            audit::record(
                tx,
                Some(actor),
                now,
                action,
                "account",
                actor.account_id,
                changes,
            )?;
            Ok(outcome.and_then(|_| accounts::actor(tx, actor.account_id)))
        })?
    }

    pub fn idle_limit(&self) -> Result<Duration> {
        self.read(|tx| Ok(Duration::minutes(accounts::idle_minutes(tx)?)))
    }

    pub fn idle_minutes_save(&self, actor: &Actor, value: &str) -> Result<i64> {
        self.change(actor, Action::ManageAccounts, |tx, _| {
            let before = accounts::idle_minutes(tx)?;
            let minutes = accounts::set_idle_minutes(tx, value)?;
            let note = AuditNote::new(
                "session.idle_minutes",
                "settings",
                "session.idle_minutes",
                Some(json!({"minutes": before})),
                json!({"minutes": minutes}),
            );
            Ok((minutes, note))
        })
    }

    pub fn accounts(&self, actor: &Actor) -> Result<Vec<Account>> {
        self.view(actor, Action::ManageAccounts, |tx| accounts::list(tx))
    }

    pub fn account_create(&self, actor: &Actor, input: &AccountInput) -> Result<Account> {
        self.change(actor, Action::ManageAccounts, |tx, now| {
            let account = accounts::create(tx, input, true, now)?;
            Ok((
                account.clone(),
                AuditNote::new(
                    "account.create",
                    "account",
                    account.id,
                    None,
                    snapshot(&account),
                ),
            ))
        })
    }

    pub fn account_update(&self, actor: &Actor, id: i64, input: &AccountInput) -> Result<Account> {
        self.change(actor, Action::ManageAccounts, |tx, _| {
            let before = accounts::get(tx, id)?;
            let account = accounts::update(tx, id, input)?;
            let note = AuditNote::new(
                "account.update",
                "account",
                id,
                Some(snapshot(&before)),
                snapshot(&account),
            )
            .seen(input.seen);
            Ok((account, note))
        })
    }

    pub fn account_reset_password(
        &self,
        actor: &Actor,
        id: i64,
        password: &str,
    ) -> Result<Account> {
        self.change(actor, Action::ManageAccounts, |tx, _| {
            let account = accounts::reset_password(tx, id, password)?;
            Ok((
                account,
                AuditNote::new("account.reset_password", "account", id, None, json!({})),
            ))
        })
    }

    // --- Audit trail ---------------------------------------------------------------------

    pub fn audit_search(&self, actor: &Actor, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        self.view(actor, Action::ViewAudit, |tx| {
            audit::search(tx, filter, AUDIT_PAGE)
        })
    }

    /// The revision of a record a form is about to edit: the last entry of the trail about it
    /// (0 before any). Given back with the save, it lets the core refuse a save over a change
    /// someone else made meanwhile, on this PC or another.
    pub fn revision(&self, actor: &Actor, entity: &str, id: i64) -> Result<i64> {
        const EDITED: [&str; 5] = ["reply", "official", "unit", "account", "person"];
        if !EDITED.contains(&entity) {
            return Err(Error::invalid(
                "entity",
                "record.entity",
                "Jenis data ini tidak diubah lewat formulir.",
            ));
        }
        actor.authorize(Action::ViewDashboard)?;
        self.read(|tx| {
            Ok(audit::last_change(tx, entity, &id.to_string())?.map_or(0, |last| last.id))
        })
    }

    pub fn audit_verify(&self, actor: &Actor) -> Result<ChainCheck> {
        self.view(actor, Action::VerifyAudit, |tx| self.verify_trail(tx))
    }

    /// The Admin's answer, on this PC, to a cut its anchor reports, once its cause is looked
    /// into: the trail up to the end the Admin was shown (`shown`, its last entry), and what
    /// other desks saved on top of it since, is accepted, and the acceptance becomes this
    /// PC's anchor. It is itself an entry of the trail naming what the anchor held and which
    /// PC accepted, so the cut stays on record. Refused for a trail found whole, for a chain
    /// whose hashes no longer link (a restore mends that), and when the end shown is no
    /// longer in the trail as it was.
    pub fn audit_accept_end(&self, actor: &Actor, shown: &audit::Anchor) -> Result<ChainCheck> {
        actor.authorize(Action::AcceptAuditEnd)?;
        let changed_since = || {
            Error::invalid(
                "audit",
                "audit.changed_since_check",
                "Jejak audit berubah sejak diperiksa. Periksa lagi, lalu putuskan.",
            )
        };
        // The whole chain is walked in a read, not while holding every other desk's saves.
        let (check, held, held_now) = self.read(|tx| {
            let anchor = self.audit_anchor(tx)?;
            let held_now = match &anchor {
                audit::AnchorState::Read(anchor) => audit::hash_of(tx, anchor.id)?,
                _ => None,
            };
            Ok((audit::verify(tx, &anchor)?, anchor, held_now))
        })?;
        if let Some(entry) = check.first_broken {
            return Err(Error::invalid(
                "audit",
                "audit.broken_not_accepted",
                format!(
                    "Rantai jejak audit rusak di entri nomor {entry}; kerusakan di tengah \
                     rantai tidak dapat diterima. Pulihkan cadangan terakhir yang utuh."
                ),
            ));
        }
        if !check.cut_off {
            return Err(Error::invalid(
                "audit",
                "audit.nothing_to_accept",
                "Jejak audit utuh di komputer ini; tidak ada yang perlu diterima.",
            ));
        }
        let held = match &held {
            // The hash as well: an id can be taken again by an entry written after a cut.
            audit::AnchorState::Read(anchor) => json!({
                "entry": anchor.id,
                "hash": anchor.hash.get(..16),
                // What bears its number now, if anything: a cut, or a rewrite.
                "now": held_now.as_deref().and_then(|hash| hash.get(..16)),
            }),
            audit::AnchorState::Missing => json!("berkas penanda hilang"),
            audit::AnchorState::Replaced { by, at_label } => {
                json!({ "replaced_by_restore": { "by": by, "at": at_label } })
            }
            audit::AnchorState::NotKept => json!(null),
        };
        let now = self.clock.now();
        let mut conn = self.conn();
        if self.is_moved() {
            return Err(crate::office_server::moved_error());
        }
        let acceptance = crate::store::write(&mut conn, |tx| {
            // Under the write lock: the end shown is still there as it was, and what other
            // desks saved since (a busy office saves all the time) chains on from it.
            let Some(end) = audit::chained_on_from(tx, shown)? else {
                return Err(changed_since());
            };
            let short = |anchor: &audit::Anchor| json!({ "entry": anchor.id, "hash": anchor.hash.get(..16) });
            audit::record(
                tx,
                Some(actor),
                now,
                "audit.accept_end",
                "audit",
                // One record for every acceptance: Beranda finds the latest by the index.
                audit::ACCEPTANCE_RECORD,
                json!({
                    "anchor_held": held,
                    "accepted_end": short(shown),
                    "end_when_accepted": short(&end),
                    "entries": check.entries,
                    "pc": self.pc,
                }),
            )?;
            audit::tail(tx)?.ok_or_else(changed_since)
        })?;
        // Exactly the acceptance's own entry, not whatever the end is by now (a save by
        // another desk after the commit is checked by the usual rule from here); before
        // letting go of this PC's writer, so no save of its own comes in between.
        let anchored = self.anchor_at(&acceptance);
        drop(conn);
        anchored.map_err(|e| {
            Error::invalid(
                "audit",
                "audit.anchor_unwritable",
                format!(
                    "Penerimaan sudah tercatat di jejak audit, tetapi berkas penanda di folder \
                     data komputer ini tidak dapat ditulis ({e}). Periksa izin folder itu, lalu \
                     periksa jejak audit lagi."
                ),
            )
        })?;
        self.read(|tx| self.verify_trail(tx))
    }

    /// The start-up check, run by the shell in the background before anyone signs in.
    pub fn audit_verify_at_startup(&self) -> Result<ChainCheck> {
        self.read(|tx| self.verify_trail(tx))
    }

    /// Checks the chain against this PC's anchor. On the office server a trail found whole
    /// becomes this PC's anchor: what it has seen is checked from then on, even if it never
    /// saves (a file's anchor is already its last save).
    fn verify_trail(&self, tx: &Transaction) -> Result<ChainCheck> {
        let check = audit::verify(tx, &self.audit_anchor(tx)?)?;
        if check.intact && self.on_server() {
            self.anchor_trail(tx);
        }
        Ok(check)
    }

    // --- Backup and restore --------------------------------------------------------------

    pub fn backup_default_name(&self) -> String {
        backup::default_file_name(self.now())
    }

    /// Refuses a path the user picked to write to inside the data folder (the database,
    /// the scans and the log live there).
    pub fn check_save_target(&self, field: &str, target: &Path) -> Result<()> {
        crate::data_folder::refuse_inside(field, target, self.data_dir().as_deref())
    }

    /// Saves a document (a PDF) where the user chose, whole or not at all, never into the
    /// data folder.
    pub fn save_file(&self, field: &str, target: &Path, bytes: &[u8]) -> Result<()> {
        self.check_save_target(field, target)?;
        crate::files::write_whole(target, bytes).map_err(|e| {
            Error::invalid(
                field,
                "document.write",
                format!(
                    "Berkas tidak dapat disimpan di {} ({e}). Pilih folder lain.",
                    target.display()
                ),
            )
        })
    }

    /// Backs up the database and every scan into one file at `target` (from the save
    /// dialog), checks it, then records it: a failed backup leaves no file and no entry
    /// claiming it happened.
    pub fn backup_create(&self, actor: &Actor, target: &Path) -> Result<BackupReport> {
        actor.authorize(Action::Backup)?;
        if self.is_moved() {
            return Err(crate::office_server::moved_error());
        }
        self.check_save_target("file", target)?;
        crate::data_folder::refuse_too_long("file", target, crate::data_folder::BESIDE_A_FILE)?;
        let storage = self.attachment_storage().ok();
        let report = if self.on_server() {
            // One read transaction sees the server at one moment, scans included; other PCs
            // keep saving meanwhile.
            self.read(|tx| {
                backup::long_transaction(tx)?;
                let copies = ScanCopies::by_hand(backup::size_with_scans(tx)?);
                let partial = backup::snapshot_of_server(tx, target)?;
                backup::complete(
                    partial,
                    &backup::scans_in(Some(tx), storage.as_ref()),
                    target,
                    copies,
                )
            })?
        } else {
            // Only the page copy holds the database; the scans are copied without it.
            let conn = self.conn();
            // A move that held the writer until now has ended this file's use.
            if self.is_moved() {
                return Err(crate::office_server::moved_error());
            }
            let partial = backup::snapshot(&conn, target)?;
            drop(conn);
            let copies = ScanCopies::by_hand(self.read(|tx| backup::size_with_scans(tx))?);
            backup::complete(
                partial,
                &backup::scans_in(None, storage.as_ref()),
                target,
                copies,
            )?
        };
        let now = self.now();
        self.write(|tx| {
            audit::record(
                tx,
                Some(actor),
                now,
                "backup.create",
                "database",
                "main",
                snapshot(&report),
            )
        })?;
        Ok(report)
    }

    /// Restores `candidate` after checking it on a copy; the current data is first kept in
    /// a new file in `keep_folder`, and the current audit trail's newer entries are carried
    /// into the restored one, which also records the restore. The caller ends the session:
    /// the restored accounts may differ.
    pub fn backup_restore(
        &self,
        actor: &Actor,
        candidate: &Path,
        keep_folder: &Path,
    ) -> Result<RestoreReport> {
        actor.authorize(Action::Restore)?;
        if self.is_moved() {
            return Err(crate::office_server::moved_error());
        }
        let now = self.now();
        let stem = format!(
            "pre-restore-{}",
            now.with_timezone(&dates::wita()).format("%Y%m%d-%H%M%S")
        );
        let kept_as = backup::unused_path(keep_folder, &stem);
        let storage = self.attachment_storage().ok();
        let mut conn = self.conn();
        // A move that held the writer until now has ended this file's use.
        if self.is_moved() {
            return Err(crate::office_server::moved_error());
        }
        let request = RestoreRequest {
            candidate,
            keep_folder,
            kept_as: &kept_as,
            storage: storage.as_ref(),
            actor,
            now,
        };
        let report = if self.on_server() {
            backup::restore::restore_into_server(&mut conn, &request)?
        } else {
            backup::restore_from(&mut conn, &request)?
        };
        // The restored trail is anchored from now on, whatever its backup said (on the
        // server, by this PC's own note: the restore has committed, and nothing more may
        // be written that could fail and make it look unsaved).
        if !self.on_server() {
            values::set_once(&conn, values::AUDIT_ANCHORED, "1")?;
        }
        self.note_trail_end(&conn, true);
        if let Some(readers) = &self.readers {
            readers.forget();
        }
        Ok(report)
    }

    pub fn backup_folder(&self, actor: &Actor) -> Result<String> {
        self.view(actor, Action::Backup, |tx| {
            Ok(values::get(tx, values::BACKUP_FOLDER)?.unwrap_or_default())
        })
    }

    pub fn backup_folder_save(&self, actor: &Actor, folder: &Path) -> Result<String> {
        if !folder.as_os_str().is_empty() {
            if !folder.is_dir() {
                return Err(Error::invalid(
                    "folder",
                    "backup.folder_missing",
                    "Folder cadangan tidak ditemukan.",
                ));
            }
            self.check_save_target("folder", &folder.join("loket-auto.db"))?;
            // The folder, with the daily backup's name and what SQLite adds to it.
            let daily = format!(
                "/{}{}",
                backup::automatic_file_name(self.now()),
                crate::data_folder::BESIDE_A_FILE
            );
            crate::data_folder::refuse_too_long("folder", folder, &daily)?;
        }
        let value = folder.display().to_string();
        let pc = self.pc.clone();
        self.change(actor, Action::Backup, |tx, _| {
            values::set(tx, values::BACKUP_FOLDER, &value)?;
            // The folder is this PC's: the daily backup is its duty from now on.
            values::set(tx, values::BACKUP_DUTY_PC, &pc)?;
            Ok((
                value.clone(),
                AuditNote::new(
                    "backup.folder",
                    "settings",
                    "backup.folder",
                    None,
                    json!({ "folder": value, "pc": pc }),
                ),
            ))
        })
    }

    /// The daily automatic backup: once per WITA day, into the chosen folder (the scans
    /// into `lampiran/` there, each once), then rotation. Returns the new file, or None when
    /// no folder is set or today's copy exists. A failure (an unplugged USB disk) leaves no
    /// partial file and is retried at the next hourly call.
    pub fn auto_backup_if_due(&self) -> Result<Option<PathBuf>> {
        // Moved onto the server from this window: the server's duty PC backs it up.
        if self.is_moved() {
            return Ok(None);
        }
        let now = self.now();
        let today = dates::wita_date(now).to_string();
        let pc = self.pc.clone();
        let (folder, last, duty) = self.read(|tx| {
            Ok((
                values::get(tx, values::BACKUP_FOLDER)?.unwrap_or_default(),
                values::get(tx, values::BACKUP_LAST_AUTO)?.unwrap_or_default(),
                values::get(tx, values::BACKUP_DUTY_PC)?.unwrap_or_default(),
            ))
        })?;
        if folder.is_empty() || last == today {
            return Ok(None);
        }
        // On the office server every PC reads the same folder setting; only the PC that
        // chose it (the backup duty) writes there. Without a duty PC (a folder set by an
        // older Loket) none does: Beranda shows the Admin it is overdue, and choosing the
        // folder again on the right PC gives it the duty.
        if self.on_server() && duty != pc {
            return Ok(None);
        }
        let folder = PathBuf::from(folder);
        backup::remove_leftovers(&folder);
        let target = folder.join(backup::automatic_file_name(now));
        let storage = self.attachment_storage().ok();
        // One sixteenth of the scans kept beside is read and checked again each day.
        let copies = ScanCopies::Beside {
            recheck: Some((dates::wita_date(now).ordinal() % 16) as u8),
        };
        let report = if self.on_server() {
            self.read(|tx| {
                backup::long_transaction(tx)?;
                let partial = backup::snapshot_of_server(tx, &target)?;
                backup::complete(
                    partial,
                    &backup::scans_in(Some(tx), storage.as_ref()),
                    &target,
                    copies,
                )
            })?
        } else {
            let partial = backup::snapshot(&self.conn(), &target)?;
            backup::complete(
                partial,
                &backup::scans_in(None, storage.as_ref()),
                &target,
                copies,
            )?
        };
        let on_server = self.on_server();
        self.write(|tx| {
            note_daily_backup(tx, &today, now, &pc, on_server)?;
            audit::record(
                tx,
                None,
                now,
                "backup.auto",
                "database",
                "main",
                snapshot(&report),
            )
        })?;
        for old in backup::rotation_victims(&backup::automatic_backups(&folder)) {
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(target))
    }
}

/// Notes that today's automatic backup was written by `pc`. One PC's file is its own duty;
/// on the server the duty is the Admin's choice, which may have gone to another PC while
/// this backup ran, and stands.
fn note_daily_backup(
    tx: &Transaction,
    today: &str,
    now: chrono::DateTime<chrono::Utc>,
    pc: &str,
    on_server: bool,
) -> Result<()> {
    values::set(tx, values::BACKUP_LAST_AUTO, today)?;
    values::set(tx, values::BACKUP_LAST_AUTO_AT, &now.to_rfc3339())?;
    if !on_server {
        values::set(tx, values::BACKUP_DUTY_PC, pc)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_daily_backup_that_ends_after_the_duty_moved_leaves_it_where_it_went() {
        let d = crate::test_office::desk();
        d.office
            .write(|tx| {
                // PC A began its backup; meanwhile the Admin chose the folder on PC B.
                values::set(tx, values::BACKUP_DUTY_PC, "PC-B")?;
                note_daily_backup(tx, "2026-11-30", chrono::Utc::now(), "PC-A", true)?;
                assert_eq!(
                    values::get(tx, values::BACKUP_DUTY_PC)?.as_deref(),
                    Some("PC-B")
                );
                assert_eq!(
                    values::get(tx, values::BACKUP_LAST_AUTO)?.as_deref(),
                    Some("2026-11-30")
                );
                // One PC's own file is its own duty.
                note_daily_backup(tx, "2026-11-30", chrono::Utc::now(), "PC-A", false)?;
                assert_eq!(
                    values::get(tx, values::BACKUP_DUTY_PC)?.as_deref(),
                    Some("PC-A")
                );
                Ok(())
            })
            .unwrap();
    }
}
