//! The key-value `settings` table, and the only code that reads or writes it. Every key is
//! named once here; the module that owns a setting (the idle lock, office hours, numbering,
//! the letter's page, backups…) checks and interprets its value.

use crate::store::{named_params, Connection, OptionalExtension};

use crate::error::Result;

/// A key of the `settings` table; only the constants below exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(&'static str);

pub const IDLE_MINUTES: Key = Key("session.idle_minutes");
pub const SIGN_IN_SALT: Key = Key("sign_in.salt");
pub const CLOSING_TIME: Key = Key("office.closing_time");
pub const ATTACHMENT_MAX_MB: Key = Key("attachments.max_mb");
pub const RETENTION_MONTHS: Key = Key("guestbook.retention_months");
pub const NUMBERING_AGENDA: Key = Key("numbering.agenda");
pub const NUMBERING_OUTGOING: Key = Key("numbering.outgoing");
pub const LETTER_PAPER: Key = Key("letter.paper");
pub const LETTER_MARGIN_TOP_MM: Key = Key("letter.margin_top_mm");
pub const LETTER_MARGIN_BOTTOM_MM: Key = Key("letter.margin_bottom_mm");
pub const LETTER_MARGIN_LEFT_MM: Key = Key("letter.margin_left_mm");
pub const LETTER_MARGIN_RIGHT_MM: Key = Key("letter.margin_right_mm");
pub const LETTER_FONT: Key = Key("letter.font");
pub const LETTER_FONT_PT: Key = Key("letter.font_pt");
pub const BACKUP_FOLDER: Key = Key("backup.folder");
pub const BACKUP_LAST_AUTO: Key = Key("backup.last_auto");
/// When the last automatic backup was written (RFC 3339), and on which PC.
pub const BACKUP_LAST_AUTO_AT: Key = Key("backup.last_auto_at");
/// The PC that holds the office's backup duty: the one where the backup folder was chosen
/// (a folder path means something on one PC only). On the office server only that PC
/// writes the daily backup.
pub const BACKUP_DUTY_PC: Key = Key("backup.duty_pc");
/// Set once the audit trail's anchor file was first written (so a deleted one is noticed).
pub const AUDIT_ANCHORED: Key = Key("audit.anchored");

/// The stored value, or None when the key was never written.
pub fn get(conn: &Connection, key: Key) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = :key")?
        .query_row(named_params! { ":key": key.0 }, |r| r.get(0))
        .optional()?)
}

/// Writes the value, whether or not the key was there before.
pub fn set(conn: &Connection, key: Key, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (:key, :value)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(named_params! { ":key": key.0, ":value": value })?;
    Ok(())
}

/// Writes the value only if the key has none yet; says whether it wrote.
pub fn set_once(conn: &Connection, key: Key, value: &str) -> Result<bool> {
    let written = conn
        .prepare_cached(
            "INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING",
        )?
        .execute(named_params! { ":key": key.0, ":value": value })?;
    Ok(written > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_writes_a_new_key_and_overwrites_an_old_one_set_once_keeps_the_first() {
        let conn = crate::store::open_in_memory().unwrap();
        assert_eq!(get(&conn, BACKUP_LAST_AUTO).unwrap().as_deref(), Some(""));
        set(&conn, CLOSING_TIME, "15.30").unwrap();
        assert_eq!(get(&conn, CLOSING_TIME).unwrap().as_deref(), Some("15.30"));
        set(&conn, CLOSING_TIME, "16.00").unwrap();
        assert_eq!(get(&conn, CLOSING_TIME).unwrap().as_deref(), Some("16.00"));
        assert!(set_once(&conn, AUDIT_ANCHORED, "1").unwrap());
        assert!(!set_once(&conn, AUDIT_ANCHORED, "2").unwrap());
        assert_eq!(get(&conn, AUDIT_ANCHORED).unwrap().as_deref(), Some("1"));
    }
}
