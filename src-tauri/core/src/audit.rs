//! The audit trail: who changed what, when. Every change writes its entry in the same
//! transaction as the change. Entries form a SHA-256 hash chain and the database refuses to
//! update or delete them, so tampering (even past the triggers) shows up in [`verify`].

use crate::store::{named_params, Connection, OptionalExtension};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::accounts::Actor;
use crate::dates;
use crate::error::Result;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Keys whose values are personal data of citizens: kept masked in the trail.
const MASKED_KEYS: [&str; 3] = ["nik", "phone", "email"];
/// Keys that carry a citizen's name, address or story in guest-book records. The trail can
/// never be rewritten, so it must not keep what anonymisation later removes: these values
/// go in as initials only ([`about_citizen`]).
const CITIZEN_KEYS: [&str; 11] = [
    "name",
    "summary",
    "sender_name",
    "sender_address",
    "subject",
    "address",
    "purpose",
    "returned_to",
    "card_returned_to",
    "card_kept_reason",
    "held_reason",
];
/// Longer values (pictures, long texts) are summarised by length.
const MAX_VALUE_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub account_id: Option<i64>,
    pub account_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub changes: Value,
}

/// What the chain check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    pub entries: i64,
    /// The first entry whose hash does not match, if any.
    pub first_broken: Option<i64>,
    /// The trail ends before the last entry known to have been written (its anchor).
    pub cut_off: bool,
    pub intact: bool,
    pub message: String,
    /// The last entry walked: what an acceptance of a cut refers to (see
    /// `Office::audit_accept_end`), so it never accepts an end nobody was shown.
    pub end: Option<Anchor>,
}

/// The last entry of the trail as it was written, kept outside the database: entries cut
/// off the end leave a chain that still verifies, but not one that still holds this entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub id: i64,
    pub hash: String,
}

impl Anchor {
    /// `<id> <hash>` on one line.
    pub fn read(path: &std::path::Path) -> Option<Anchor> {
        let text = std::fs::read_to_string(path).ok()?;
        let (id, hash) = text.trim().split_once(' ')?;
        let id = id.parse().ok()?;
        (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then(|| Anchor {
            id,
            hash: hash.to_owned(),
        })
    }

    /// Written beside and renamed over the old one, so a crash leaves the old anchor (an
    /// older entry the trail still holds), never half a line.
    pub fn write(&self, path: &std::path::Path) -> std::io::Result<()> {
        let partial = crate::files::Partial::beside(path);
        std::fs::write(partial.path(), format!("{} {}\n", self.id, self.hash))?;
        partial.finish(path)
    }
}

/// What is known outside the database about the trail's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorState {
    /// No anchor is kept (a database in memory, a backup being checked), or none yet (a
    /// trail from before anchors, until its first change).
    NotKept,
    /// One was written and is gone: whoever cut the trail may have removed it too.
    Missing,
    Read(Anchor),
    /// The anchored entry was gone or changed when a restore after it replaced the trail:
    /// reported with the restore (by whom, when), the only account there is of it.
    Replaced {
        by: String,
        at_label: String,
    },
}

/// Where an anchor's entry is now (see [`follow_restores`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    /// Here (unchanged, or carried across restores); whether it is still in the trail is
    /// for the check to find.
    At(Anchor),
    /// A restore after it put back a trail that does not hold it.
    Replaced { by: String, at_label: String },
}

/// Whether the trail still holds the entry `anchor` names, as it was.
pub fn holds(conn: &Connection, anchor: &Anchor) -> Result<bool> {
    Ok(hash_of(conn, anchor.id)?.as_deref() == Some(anchor.hash.as_str()))
}

/// The file in a PC's data folder that holds its anchor for the server database named
/// `identity` (see `store::server::anchor_identity`).
pub fn server_anchor_file(identity: &str) -> String {
    let digest = Sha256::digest(identity.as_bytes());
    let short: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("server-{short}.audit-anchor")
}

/// Where the entry `anchor` names is in the trail now: the same place, or, after a restore
/// that carried it over from the replaced trail onto the backup's (a new id, a new hash),
/// that place. A restore's note says how many entries the trails shared and how many were
/// carried, and carried entries keep their content, so the entry's old hash is computed
/// again from the shared part and must be the anchor's. A restore after the anchor that did
/// not carry it (the entry was gone or changed before it) is named instead: a restore
/// entry written by hand to excuse a cut is then read out by every check.
pub fn follow_restores(conn: &Connection, anchor: &Anchor) -> Result<Followed> {
    if holds(conn, anchor)? {
        return Ok(Followed::At(anchor.clone()));
    }
    let restores: Vec<(i64, String, String, DateTime<Utc>)> = conn
        .prepare_cached(
            "SELECT id, changes, account_name, at FROM audit_log
              WHERE entity = 'database' AND entity_id = 'main' AND action = 'backup.restore'
                AND id > ?1
              ORDER BY id",
        )?
        .query_map([anchor.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<crate::store::SqlResult<_>>()?;
    let mut current = anchor.clone();
    for (restore_id, note, account, at) in &restores {
        if *restore_id <= current.id {
            continue;
        }
        let note: Value = serde_json::from_str(note).unwrap_or(Value::Null);
        let replaced = || {
            let by = note
                .get("by")
                .and_then(Value::as_str)
                .unwrap_or(account)
                .to_owned();
            Followed::Replaced {
                by,
                at_label: at
                    .with_timezone(&crate::dates::wita())
                    .format("%d/%m/%Y %H.%M")
                    .to_string(),
            }
        };
        match carried_to(conn, &current, *restore_id, &note)? {
            Some(moved) => current = moved,
            None => return Ok(replaced()),
        }
    }
    Ok(Followed::At(current))
}

/// Where the restore `restore_id` (its note `note`) put the entry `anchor` names, if it
/// carried it over unchanged; None if it did not.
fn carried_to(
    conn: &Connection,
    anchor: &Anchor,
    restore_id: i64,
    note: &Value,
) -> Result<Option<Anchor>> {
    let number = |key: &str| note.get(key).and_then(Value::as_i64);
    let (Some(shared), Some(carried)) = (number("audit_shared"), number("audit_carried")) else {
        return Ok(None);
    };
    if anchor.id <= shared || anchor.id > shared + carried {
        return Ok(None);
    }
    // The backup's trail ended at `restore_id - carried - 1`; old entry `shared + k` became
    // `backup_end + k`, chained onto the backup's end.
    let backup_end = restore_id - carried - 1;
    let mut old_hash = match shared {
        0 => GENESIS.to_owned(),
        id => match hash_of(conn, id)? {
            Some(hash) => hash,
            None => return Ok(None),
        },
    };
    let steps = anchor.id - shared;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE id > ?1 AND id <= ?2 ORDER BY id"
    ))?;
    let mut rows = stmt.query([backup_end, backup_end + steps])?;
    let mut k = 0;
    while let Some(row) = rows.next()? {
        let (mut entry, _, _) = from_row(&row)?;
        k += 1;
        entry.id = shared + k;
        old_hash = chain_hash(&old_hash, &entry);
    }
    if k != steps || old_hash != anchor.hash {
        return Ok(None);
    }
    Ok(hash_of(conn, backup_end + steps)?.map(|hash| Anchor {
        id: backup_end + steps,
        hash,
    }))
}

/// The trail's last entry, if it has one.
pub fn tail(conn: &Connection) -> Result<Option<Anchor>> {
    Ok(conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| {
            Ok(Anchor {
                id: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?)
}

pub(crate) fn hash_of(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT hash FROM audit_log WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuditFilter {
    pub from: String,
    pub to: String,
    pub account: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
}

/// Masks personal data and summarises long values in a change record.
pub fn sanitise(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let value = if MASKED_KEYS.contains(&key.as_str()) {
                        mask(&value)
                    } else {
                        sanitise(value)
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(sanitise).collect()),
        Value::String(text) if text.chars().count() > MAX_VALUE_CHARS => {
            Value::String(format!("<{} karakter>", text.chars().count()))
        }
        other => other,
    }
}

/// A change record about a citizen (visitor, complainant): their name, address and story
/// reduced to initials (`Maria Seran` → `M**** S****`), so a change still shows as a change.
pub fn about_citizen(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| {
                    let value = match value {
                        Value::String(text) if CITIZEN_KEYS.contains(&key.as_str()) => {
                            Value::String(initials(&text))
                        }
                        other => about_citizen(other),
                    };
                    (key, value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(about_citizen).collect()),
        other => other,
    }
}

fn initials(text: &str) -> String {
    text.split_whitespace()
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(String::from).unwrap_or_default();
            first + &"*".repeat(chars.count())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn mask(value: &Value) -> Value {
    match value {
        Value::String(text) => Value::String(mask_digits(text)),
        Value::Null => Value::Null,
        _ => Value::String("***".into()),
    }
}

/// `5371012345670012` → `5371**********12`: first four and last two characters kept.
pub fn mask_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 6 {
        return "*".repeat(chars.len());
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < 4 || i >= chars.len() - 2 {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// The fields that differ between two snapshots: `{field: [before, after]}`.
pub fn diff(before: &Value, after: &Value) -> Value {
    let (Value::Object(old), Value::Object(new)) = (before, after) else {
        return Value::Array(vec![before.clone(), after.clone()]);
    };
    let mut changed = Map::new();
    for (key, new_value) in new {
        let old_value = old.get(key).unwrap_or(&Value::Null);
        if old_value != new_value {
            changed.insert(
                key.clone(),
                Value::Array(vec![old_value.clone(), new_value.clone()]),
            );
        }
    }
    Value::Object(changed)
}

fn canonical(entry: &AuditEntry) -> String {
    // serde_json keeps object keys sorted (no preserve_order feature), so this is stable.
    serde_json::json!([
        entry.id,
        entry
            .at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        entry.account_id,
        entry.account_name,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.changes,
    ])
    .to_string()
}

fn chain_hash(prev_hash: &str, entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical(entry).as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes one entry; call it inside the transaction of the change it records.
/// The last change recorded for one record: its entry, who and when (WITA).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub id: i64,
    pub by: String,
    /// `01/12/2026 14.05`
    pub at_label: String,
}

/// Entries about a record that change nothing a form edits: a look, a print, a sign-in, an
/// attempt, a password (no form shows it).
/// Someone revealing a NIK or signing in must not make an edit of the record look stale.
const NOT_CHANGES: &str = "'person.reveal_id', 'person.export', 'person.nik_clash', \
     'reply.print_for_dispatch', 'account.sign_in', 'account.sign_in_failed', \
     'account.sign_out', 'account.change_password', 'account.change_password_failed', \
     'account.reset_password', 'session.unlock', 'session.unlock_failed'";

pub fn last_change(conn: &Connection, entity: &str, entity_id: &str) -> Result<Option<LastChange>> {
    let found: Option<(i64, String, DateTime<Utc>)> = conn
        .prepare_cached(&format!(
            "SELECT l.id, coalesce(a.full_name, l.account_name), l.at
               FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
              WHERE l.entity = ?1 AND l.entity_id = ?2 AND l.action NOT IN ({NOT_CHANGES})
              ORDER BY l.id DESC LIMIT 1"
        ))?
        .query_row([entity, entity_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    // A restore put back every record as the backup held it: a form opened before it holds
    // values older or newer than the record now, whatever the record's own entries say (a
    // restore carries the trail over, so they do not change).
    let restored: Option<(i64, String, DateTime<Utc>)> = conn
        .prepare_cached(
            "SELECT id, changes, at FROM audit_log
              WHERE entity = 'database' AND entity_id = 'main' AND action = 'backup.restore'
              ORDER BY id DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let restored = restored.map(|(id, changes, at)| {
        let admin = serde_json::from_str::<Value>(&changes)
            .ok()
            .and_then(|c| c.get("by").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| "admin".into());
        (id, format!("pemulihan cadangan oleh {admin}"), at)
    });
    let latest = match (found, restored) {
        (Some(change), Some(restore)) => Some(if restore.0 > change.0 {
            restore
        } else {
            change
        }),
        (change, restore) => change.or(restore),
    };
    Ok(latest.map(|(id, by, at)| LastChange {
        id,
        by,
        at_label: at
            .with_timezone(&crate::dates::wita())
            .format("%d/%m/%Y %H.%M")
            .to_string(),
    }))
}

pub fn record(
    conn: &Connection,
    actor: Option<&Actor>,
    at: DateTime<Utc>,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    changes: Value,
) -> Result<()> {
    // Microsecond precision, as stored, so the hash recomputes from what is read back.
    let at = DateTime::from_timestamp_micros(at.timestamp_micros()).unwrap_or(at);
    append(
        conn,
        AuditEntry {
            id: 0,
            at,
            account_id: actor.map(|a| a.account_id),
            account_name: actor
                .map(|a| a.username.clone())
                .unwrap_or_else(|| "sistem".into()),
            action: action.to_owned(),
            entity: entity.to_owned(),
            entity_id: entity_id.to_string(),
            changes: sanitise(changes),
        },
    )
}

/// Appends `entry` at the end of the chain (its id is the next one).
fn append(conn: &Connection, mut entry: AuditEntry) -> Result<()> {
    let prev_hash: String = conn
        .prepare_cached("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_owned());
    entry.id = conn.query_row("SELECT ifnull(max(id), 0) + 1 FROM audit_log", [], |row| {
        row.get(0)
    })?;
    let hash = chain_hash(&prev_hash, &entry);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, account_id, account_name, action, entity, entity_id, changes, prev_hash, hash)
         VALUES (:id, :at, :account_id, :account_name, :action, :entity, :entity_id, :changes, :prev, :hash)",
    )?
    .execute(named_params! {
        ":id": entry.id,
        ":at": entry.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        ":account_id": entry.account_id,
        ":account_name": entry.account_name,
        ":action": entry.action,
        ":entity": entry.entity,
        ":entity_id": entry.entity_id,
        ":changes": entry.changes.to_string(),
        ":prev": prev_hash,
        ":hash": hash,
    })?;
    Ok(())
}

fn from_row(row: &crate::store::Row) -> crate::store::SqlResult<(AuditEntry, String, String)> {
    let at: String = row.get(1)?;
    let changes: String = row.get(7)?;
    Ok((
        AuditEntry {
            id: row.get(0)?,
            at: DateTime::parse_from_rfc3339(&at)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
            account_id: row.get(2)?,
            account_name: row.get(3)?,
            action: row.get(4)?,
            entity: row.get(5)?,
            entity_id: row.get(6)?,
            changes: serde_json::from_str(&changes).unwrap_or(Value::String(changes)),
        },
        row.get(8)?,
        row.get(9)?,
    ))
}

const COLUMNS: &str =
    "id, at, account_id, account_name, action, entity, entity_id, changes, prev_hash, hash";

/// Walks the whole chain and names the first entry that does not match; with an anchor,
/// also checks that the trail still holds the last entry known to have been written.
pub fn verify(conn: &Connection, anchor: &AnchorState) -> Result<ChainCheck> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id"))?;
    // Ten years of an office's trail: never read whole into memory on the server.
    let mut rows = stmt.query_streamed([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut entries = 0;
    let mut end = None;
    while let Some(row) = rows.next()? {
        let (entry, prev_hash, hash) = from_row(&row)?;
        entries += 1;
        if prev_hash != expected_prev || chain_hash(&prev_hash, &entry) != hash {
            return Ok(ChainCheck {
                entries,
                first_broken: Some(entry.id),
                cut_off: false,
                intact: false,
                end: None,
                message: format!(
                    "Jejak audit tidak utuh: entri nomor {} ({}, {}) tidak cocok dengan rantainya. \
                     Entri ini atau sebelumnya telah diubah atau dihapus di luar Loket.",
                    entry.id,
                    entry.action,
                    dates::format_long(dates::wita_date(entry.at))
                ),
            });
        }
        end = Some(Anchor {
            id: entry.id,
            hash: hash.clone(),
        });
        expected_prev = hash;
    }
    let cut_off = |message: String| {
        Ok(ChainCheck {
            entries,
            first_broken: None,
            cut_off: true,
            intact: false,
            message,
            end: end.clone(),
        })
    };
    match anchor {
        AnchorState::Missing if entries > 0 => {
            return cut_off(format!(
                "Berkas penanda jejak audit (.audit-anchor di samping basis data) hilang, \
                 sehingga tidak dapat dipastikan bahwa entri terakhir tidak dihapus (kini \
                 {entries} entri). Berkas itu dihapus di luar Loket."
            ))
        }
        AnchorState::Replaced { by, at_label } => {
            return cut_off(format!(
                "Jejak audit terpotong: entri terakhir yang pernah tercatat di komputer ini sudah \
                 tidak ada atau berubah ketika jejak dipulihkan dari cadangan oleh {by} pada \
                 {at_label} WITA (kini {entries} entri). Entri itu dihapus atau diubah di luar \
                 Loket sebelum pemulihan."
            ))
        }
        AnchorState::Read(anchor) if !holds(conn, anchor)? => {
            // An entry under the same number can be one written after a cut, or the old one
            // rewritten with every later hash computed again: either way not what was seen.
            return cut_off(if hash_of(conn, anchor.id)?.is_some() {
                format!(
                    "Jejak audit terpotong atau diubah: entri nomor {} yang pernah tercatat \
                     kini berbeda isinya (kini {entries} entri). Entri terakhir telah dihapus \
                     atau diubah di luar Loket.",
                    anchor.id
                )
            } else {
                format!(
                    "Jejak audit terpotong: entri nomor {} yang pernah tercatat tidak ada lagi \
                     (kini {entries} entri). Entri terakhir telah dihapus di luar Loket.",
                    anchor.id
                )
            });
        }
        _ => {}
    }
    Ok(ChainCheck {
        entries,
        first_broken: None,
        cut_off: false,
        intact: true,
        message: format!("Jejak audit utuh: {entries} entri diperiksa."),
        end,
    })
}

/// The present end of the trail, if it still holds `from` as it was and every entry after it
/// chains on from it: the end a check showed, with what other desks saved since.
pub fn chained_on_from(conn: &Connection, from: &Anchor) -> Result<Option<Anchor>> {
    if !holds(conn, from)? {
        return Ok(None);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE id > ?1 ORDER BY id"
    ))?;
    let mut rows = stmt.query_streamed([from.id])?;
    let mut end = from.clone();
    while let Some(row) = rows.next()? {
        let (entry, prev_hash, hash) = from_row(&row)?;
        if prev_hash != end.hash || chain_hash(&prev_hash, &entry) != hash {
            return Ok(None);
        }
        end = Anchor { id: entry.id, hash };
    }
    Ok(Some(end))
}

/// The record every acceptance of a cut (`audit.accept_end`) is about: with the entity, an
/// equality on both columns of `audit_by_entity`, so the latest is found through the index
/// (with the entity alone, SQLite walked ten years of trail backwards: 50 ms for a million
/// entries, on every Beranda).
pub const ACCEPTANCE_RECORD: &str = "anchor";

/// The latest acceptance of a cut (`audit.accept_end`): who, when and on which PC.
pub fn last_acceptance(conn: &Connection) -> Result<Option<(String, DateTime<Utc>, String)>> {
    let found: Option<(String, DateTime<Utc>, String)> = conn
        .prepare_cached(
            "SELECT coalesce(a.full_name, l.account_name), l.at, l.changes
               FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id
              WHERE l.entity = 'audit' AND l.entity_id = ?1 AND l.action = 'audit.accept_end'
              ORDER BY l.id DESC LIMIT 1",
        )?
        .query_row([ACCEPTANCE_RECORD], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(found.map(|(by, at, changes)| {
        let pc = serde_json::from_str::<Value>(&changes)
            .ok()
            .and_then(|c| c.get("pc").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default();
        (by, at, pc)
    }))
}

/// What [`carry_over`] brought into a restored trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Carried {
    /// Entries the two trails share from the start.
    pub shared: i64,
    /// Entries of the replaced trail appended after the restored one's.
    pub carried: i64,
}

/// Carries into `restored` every entry of `current` that it lacks, in order, so no action
/// (a reveal, an export, the backup itself) vanishes by restoring an older copy. The trails
/// share entries up to the last id where both hold the same hash (a hash covers everything
/// before it); the rest of `current` is appended, chained onto `restored`'s end. When the
/// backup was taken from this trail, the appended entries keep their ids and hashes.
pub fn carry_over(current: &Connection, restored: &Connection) -> Result<Carried> {
    let last = |conn: &Connection| tail(conn).map(|t| t.map_or(0, |t| t.id));
    let (mut low, mut high) = (0, last(current)?.min(last(restored)?));
    // Entries 1..=shared match in both; the predicate is monotone, so search for its end.
    while low < high {
        let mid = (low + high + 1) / 2;
        let same = match (hash_of(current, mid)?, hash_of(restored, mid)?) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        };
        if same {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    let shared = low;
    let mut stmt = current.prepare(&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE id > ?1 ORDER BY id"
    ))?;
    let mut rows = stmt.query_streamed([shared])?;
    let mut carried = 0;
    while let Some(row) = rows.next()? {
        let (entry, _, _) = from_row(&row)?;
        append(restored, entry)?;
        carried += 1;
    }
    Ok(Carried { shared, carried })
}

/// Entries matching the filter, newest first, at most `limit`./// Entries matching the filter, newest first, at most `limit`.
pub fn search(conn: &Connection, filter: &AuditFilter, limit: i64) -> Result<Vec<AuditEntry>> {
    let from = dates::parse_optional("from", "Dari tanggal", &filter.from)?;
    let to = dates::parse_optional("to", "Sampai tanggal", &filter.to)?;
    // WITA day bounds as UTC text: the stored format sorts as text.
    let bound = |date: NaiveDate| {
        date.and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(dates::wita()).single())
            .map(|t| {
                t.with_timezone(&Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
            })
    };
    let from = from.and_then(bound);
    let to = to.and_then(|d| d.succ_opt()).and_then(bound);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_log
          WHERE (:from IS NULL OR at >= :from) AND (:to IS NULL OR at < :to)
            AND (:account = '' OR account_name = :account COLLATE NOCASE)
            AND (:action = '' OR action LIKE :action || '%')
            AND (:entity = '' OR entity = :entity)
            AND (:entity_id = '' OR entity_id = :entity_id)
          ORDER BY id DESC LIMIT :limit"
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":from": from, ":to": to, ":account": filter.account.trim(), ":action": filter.action.trim(),
            ":entity": filter.entity.trim(), ":entity_id": filter.entity_id.trim(), ":limit": limit,
        },
        |row| from_row(row).map(|(entry, _, _)| entry),
    )?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn masks_personal_data_and_long_values() {
        let changes = sanitise(
            json!({"nik": "5371012345670012", "phone": "+6281234567890", "name": "Ani",
                   "email": "petrus.manek@contoh.id", "emblem": "x".repeat(500)}),
        );
        assert_eq!(changes["email"], "petr****************id");
        assert_eq!(changes["nik"], "5371**********12");
        assert_eq!(changes["phone"], "+628********90");
        assert_eq!(changes["name"], "Ani");
        assert_eq!(changes["emblem"], "<500 karakter>");
    }

    #[test]
    fn a_citizens_name_address_and_story_go_in_as_initials() {
        let record = about_citizen(json!({
            "name": "Maria Goreti Seran",
            "address": "Jl. Timor Raya 12",
            "purpose": "PKH belum cair",
            "person_before": {"name": "Maria Seran"},
            "institution": "LSM Peduli",
            "companions": 1,
        }));
        assert_eq!(record["name"], "M**** G***** S****");
        assert_eq!(record["address"], "J** T**** R*** 1*");
        assert_eq!(record["purpose"], "P** b**** c***");
        assert_eq!(record["person_before"]["name"], "M**** S****");
        assert_eq!(record["institution"], "LSM Peduli");
        assert_eq!(record["companions"], 1);
    }

    #[test]
    fn diff_keeps_only_changed_fields() {
        let changed = diff(
            &json!({"a": 1, "b": "x"}),
            &json!({"a": 1, "b": "y", "c": true}),
        );
        assert_eq!(changed, json!({"b": ["x", "y"], "c": [null, true]}));
    }

    #[test]
    fn a_tampered_entry_is_named() {
        let conn = crate::store::open_in_memory().unwrap();
        for i in 0..5 {
            record(
                &conn,
                None,
                at("2026-11-28T01:00:00Z"),
                "test.action",
                "thing",
                i,
                json!({"i": i}),
            )
            .unwrap();
        }
        assert_eq!(
            verify(&conn, &AnchorState::NotKept).unwrap().first_broken,
            None
        );
        // The triggers refuse edits and deletions...
        assert!(conn
            .execute("UPDATE audit_log SET changes = '{}' WHERE id = 3", [])
            .is_err());
        assert!(conn
            .execute("DELETE FROM audit_log WHERE id = 3", [])
            .is_err());
        // ...but someone with the file can drop them. The chain still tells.
        conn.execute_batch(conn.dialect(
            "DROP TRIGGER audit_log_no_update;",
            "DROP TRIGGER audit_log_no_update ON audit_log;",
        ))
        .unwrap();
        conn.execute_batch("UPDATE audit_log SET changes = '{\"i\":99}' WHERE id = 3;")
            .unwrap();
        let check = verify(&conn, &AnchorState::NotKept).unwrap();
        assert_eq!(check.first_broken, Some(3));
        assert!(check.message.contains("entri nomor 3"), "{}", check.message);
    }

    #[test]
    fn a_deleted_entry_breaks_the_chain_after_it() {
        let conn = crate::store::open_in_memory().unwrap();
        for i in 0..4 {
            record(
                &conn,
                None,
                at("2026-11-28T01:00:00Z"),
                "test.action",
                "thing",
                i,
                json!({}),
            )
            .unwrap();
        }
        conn.execute_batch(conn.dialect(
            "DROP TRIGGER audit_log_no_delete;",
            "DROP TRIGGER audit_log_no_delete ON audit_log;",
        ))
        .unwrap();
        conn.execute_batch("DELETE FROM audit_log WHERE id = 2;")
            .unwrap();
        assert_eq!(
            verify(&conn, &AnchorState::NotKept).unwrap().first_broken,
            Some(3)
        );
    }

    #[test]
    fn search_filters() {
        let conn = crate::store::open_in_memory().unwrap();
        record(
            &conn,
            None,
            at("2026-11-27T01:00:00Z"),
            "letterhead.create",
            "letterhead",
            2,
            json!({}),
        )
        .unwrap();
        record(
            &conn,
            None,
            at("2026-11-28T01:00:00Z"),
            "official.create",
            "official",
            1,
            json!({}),
        )
        .unwrap();
        let all = search(&conn, &AuditFilter::default(), 100).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].action, "official.create");
        let filter = AuditFilter {
            from: "28/11/2026".into(),
            ..Default::default()
        };
        assert_eq!(search(&conn, &filter, 100).unwrap().len(), 1);
        let filter = AuditFilter {
            action: "letterhead".into(),
            ..Default::default()
        };
        assert_eq!(search(&conn, &filter, 100).unwrap()[0].entity_id, "2");
    }
}
