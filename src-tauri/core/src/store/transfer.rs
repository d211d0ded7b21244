//! Copying a whole office from one store into an empty one: every row of every table, with
//! its own ids, in one transaction, so the audit trail still verifies and every number is
//! the same. The search indexes are written by the target's own triggers.

use super::{Connection, SqlError};
use crate::error::{Error, Result};

/// The office's tables in an order that respects their references (a row's parent first).
/// The search indexes are left out: the target's triggers write them.
pub const TABLES: [&str; 28] = [
    "images",
    "letterheads",
    "units",
    "officials",
    "acting_appointments",
    "channels",
    "settings",
    "classification_codes",
    "holidays",
    "accounts",
    "audit_log",
    "sign_in_attempts",
    "people",
    "visits",
    "id_deposits",
    "day_closings",
    "letters",
    "box_openings",
    "cases",
    "attachments",
    "case_events",
    "dispositions",
    "reply_templates",
    "replies",
    "reply_versions",
    "reply_reviews",
    "dispatches",
    "case_contacts",
];

/// Rows the migrations themselves write (defaults of the office): replaced by the source's.
const SEEDED: [&str; 8] = [
    "reply_templates",
    "holidays",
    "classification_codes",
    "settings",
    "channels",
    "units",
    "letterheads",
    "images",
];

/// References that may point forward or back (a unit's parent, a visit's follow-up of a case
/// registered after it): written as null first and filled in once every row is there.
const LATER: [(&str, &str); 2] = [("units", "parent_id"), ("visits", "follows_case_id")];

/// How many rows one INSERT carries (PostgreSQL takes at most 65 535 parameters).
const BATCH_PARAMETERS: usize = 30_000;

/// Rows copied per table, in [`TABLES`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(&'static str, i64)>,
}

/// Copies every table of `from` into `to`, which must hold no office yet (no account, no
/// audit entry). `progress(table, rows_so_far, rows_in_all)` is told after every batch.
/// All of it is written in one transaction of `to`, checked by counting, or none of it.
pub fn copy_office(
    from: &Connection,
    to: &mut Connection,
    progress: &mut dyn FnMut(&str, i64, i64),
) -> Result<Copied> {
    let tx = to.transaction(super::TransactionKind::Immediate)?;
    let copied = copy_office_in(from, &tx, progress)?;
    tx.commit()?;
    Ok(copied)
}

/// [`copy_office`] inside the caller's transaction of the target, which commits it.
pub fn copy_office_in(
    from: &Connection,
    tx: &super::Transaction,
    progress: &mut dyn FnMut(&str, i64, i64),
) -> Result<Copied> {
    let totals: Vec<i64> = TABLES
        .iter()
        .map(|t| count(from, t))
        .collect::<Result<_>>()?;
    let all: i64 = totals.iter().sum();
    for table in ["accounts", "audit_log", "people", "letters", "cases"] {
        if count(tx, table)? > 0 {
            return Err(Error::invalid(
                "database",
                "store.target_not_empty",
                "Basis data tujuan sudah berisi data kantor; pindahkan hanya ke basis data yang kosong.",
            ));
        }
    }
    for table in SEEDED {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let mut done = 0;
    for table in TABLES {
        let columns = columns(tx, table)?;
        let list = columns.join(", ");
        let mut read = from.prepare(&format!("SELECT {list} FROM {table} ORDER BY 1"))?;
        // A server's table comes a batch at a time, not whole into this PC's memory.
        let mut rows = read.query_streamed([])?;
        let per_batch = (BATCH_PARAMETERS / columns.len()).max(1);
        let mut batch: Vec<rusqlite::types::Value> = Vec::new();
        let mut in_batch = 0;
        while let Some(row) = rows.next()? {
            for (i, column) in columns.iter().enumerate() {
                let later = LATER.contains(&(table, column.as_str()));
                batch.push(if later {
                    rusqlite::types::Value::Null
                } else {
                    row.value(i)?
                });
            }
            in_batch += 1;
            if in_batch == per_batch {
                insert(tx, table, &list, columns.len(), &batch)?;
                done += in_batch as i64;
                progress(table, done, all);
                batch.clear();
                in_batch = 0;
            }
        }
        if in_batch > 0 {
            insert(tx, table, &list, columns.len(), &batch)?;
            done += in_batch as i64;
            progress(table, done, all);
        }
    }
    for (table, column) in LATER {
        let mut read = from.prepare(&format!(
            "SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL"
        ))?;
        let pairs: Vec<(i64, i64)> = read
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, SqlError>>()?;
        let mut update = tx.prepare(&format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"))?;
        for (id, value) in pairs {
            update.execute([id, value])?;
        }
    }
    if tx.is_postgres() {
        // New rows continue after the copied ids.
        for table in TABLES {
            let identity: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM information_schema.columns
                                 WHERE table_schema = current_schema() AND table_name = ?1
                                   AND column_name = 'id' AND is_identity = 'YES')",
                [table],
                |r| r.get(0),
            )?;
            if identity {
                tx.execute_batch(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}
                      HAVING max(id) IS NOT NULL"
                ))?;
            }
        }
    }
    let mut tables = Vec::new();
    for (table, expected) in TABLES.iter().zip(&totals) {
        let found = count(tx, table)?;
        if found != *expected {
            return Err(Error::invalid(
                "database",
                "store.copy_count",
                format!(
                    "Jumlah baris {table} tidak cocok setelah dipindahkan ({found} dari \
                     {expected}); tidak ada yang disimpan."
                ),
            ));
        }
        tables.push((*table, found));
    }
    Ok(Copied { tables })
}

/// Empties every table of the office on the server, inside the caller's transaction, so a
/// restore can copy a backup in: all of it commits with the copy, or nothing does. The
/// trail's guard against TRUNCATE is lifted for this statement only (it is transactional).
pub fn empty_server_office(tx: &super::Transaction) -> Result<()> {
    let mut tables: Vec<&str> = TABLES.to_vec();
    // Scans stay: they are kept by their hash, and the restore lets go of the ones nothing
    // refers to afterwards.
    tables.extend(["search_index", "people_search"]);
    tx.execute_batch(&format!(
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate;
         TRUNCATE {} RESTART IDENTITY;
         ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;",
        tables.join(", ")
    ))?;
    Ok(())
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
}

/// The columns `table` has in the target, as both stores name them (the target's own
/// generated columns left out).
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let sql = conn.dialect(
        "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 ORDER BY cid",
        "SELECT column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ?1 AND is_generated = 'NEVER'
          ORDER BY ordinal_position",
    );
    let names = conn
        .prepare(sql)?
        .query_map([table], |r| r.get(0))?
        .collect::<std::result::Result<Vec<String>, SqlError>>()?;
    Ok(names)
}

fn insert(
    conn: &Connection,
    table: &str,
    list: &str,
    width: usize,
    values: &[rusqlite::types::Value],
) -> Result<()> {
    let rows = values.len() / width;
    let mut sql = format!("INSERT INTO {table} ({list}) VALUES ");
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..width {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("?{}", row * width + column + 1));
        }
        sql.push(')');
    }
    let params: Vec<&dyn super::ToValue> =
        values.iter().map(|v| v as &dyn super::ToValue).collect();
    conn.prepare_cached(&sql)?.execute(params.as_slice())?;
    Ok(())
}

// Tested where the office moves: `office_server_tests.rs`.
