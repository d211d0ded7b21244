//! The two stores' schemas cannot drift: the same tables, the same columns with the same
//! kind of values and the same NOT NULL, the same unique keys and the same rules refusing an
//! update or a delete. Runs where a server is given (`LOKET_TEST_PG`, as the test command
//! does); SQLite alone has nothing to compare with.

use std::collections::BTreeSet;

use super::{open_in_memory_file, server, Connection};

/// The search indexes are each engine's own kind of table (FTS5 / tsvector): compared by
/// name and by the text columns they hold, not by their keys.
const INDEXES: [&str; 2] = ["search_index", "people_search"];

#[derive(Debug, Default, PartialEq, Eq)]
struct Shape {
    tables: BTreeSet<String>,
    /// (table, column, kind, not null)
    columns: BTreeSet<(String, String, &'static str, bool)>,
    /// (table, columns in order; "expr" for an expression)
    unique: BTreeSet<(String, String)>,
    /// (table, event) of every rule that refuses a change
    refusals: BTreeSet<(String, String)>,
}

/// A declared type as the kind of value it holds.
fn kind(declared: &str) -> &'static str {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        "integer"
    } else if t.contains("char") || t.contains("text") {
        "text"
    } else if t.contains("blob") || t.contains("bytea") {
        "blob"
    } else if t.contains("real") || t.contains("double") || t.contains("float") {
        "real"
    } else {
        "other"
    }
}

fn strings(conn: &Connection, sql: &str) -> Vec<Vec<String>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |r| {
        (0..columns)
            .map(|i| {
                Ok(match r.value(i)? {
                    rusqlite::types::Value::Null => String::new(),
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
            })
            .collect()
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

fn sqlite_shape(conn: &Connection) -> Shape {
    let mut shape = Shape::default();
    let tables = strings(
        conn,
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table'
          AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
          AND name NOT LIKE 'search\\_index\\_%' ESCAPE '\\'
          AND name NOT LIKE 'people\\_search\\_%' ESCAPE '\\'",
    );
    for row in &tables {
        let table = &row[0];
        shape.tables.insert(table.clone());
        for column in strings(
            conn,
            &format!("SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"),
        ) {
            let index = INDEXES.contains(&table.as_str());
            let not_null = column[2] == "1" || column[3] != "0";
            shape.columns.insert((
                table.clone(),
                column[0].clone(),
                if index { "text" } else { kind(&column[1]) },
                not_null && !index,
            ));
            if column[3] == "1" && !index {
                shape.unique.insert((table.clone(), column[0].clone()));
            }
        }
        for index in strings(
            conn,
            &format!("SELECT name FROM pragma_index_list('{table}') WHERE \"unique\" = 1 AND origin <> 'pk'"),
        ) {
            let columns: Vec<String> = strings(
                conn,
                &format!("SELECT coalesce(name, 'expr') FROM pragma_index_info('{}') ORDER BY seqno", index[0]),
            )
            .into_iter()
            .map(|c| c[0].clone())
            .collect();
            shape.unique.insert((table.clone(), columns.join(",")));
        }
    }
    for row in strings(
        conn,
        "SELECT tbl_name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%RAISE(ABORT%'",
    ) {
        let sql = row[1].to_ascii_uppercase();
        let event = ["UPDATE", "DELETE", "INSERT"]
            .into_iter()
            .find(|e| sql.contains(&format!("BEFORE {e}")))
            .unwrap_or("?");
        shape.refusals.insert((row[0].clone(), event.to_owned()));
    }
    shape
}

fn postgres_shape(conn: &Connection) -> Shape {
    let mut shape = Shape::default();
    for row in strings(
        conn,
        "SELECT table_name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'loket_schema'",
    ) {
        shape.tables.insert(row[0].clone());
    }
    for row in strings(
        conn,
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name <> 'loket_schema'",
    ) {
        let index = INDEXES.contains(&row[0].as_str());
        if index && (row[1] == "rowid" || row[1] == "document") {
            continue;
        }
        shape.columns.insert((
            row[0].clone(),
            row[1].clone(),
            kind(&row[2]),
            row[3] == "NO" && !index,
        ));
    }
    for row in strings(
        conn,
        "SELECT t.relname,
                (SELECT string_agg(coalesce(a.attname, 'expr'), ',' ORDER BY k.n)
                   FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0)
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_namespace s ON s.oid = t.relnamespace
          WHERE i.indisunique AND s.nspname = 'public' AND t.relname <> 'loket_schema'",
    ) {
        if !INDEXES.contains(&row[0].as_str()) {
            shape.unique.insert((row[0].clone(), row[1].clone()));
        }
    }
    for row in strings(
        conn,
        "SELECT event_object_table, event_manipulation FROM information_schema.triggers
          WHERE trigger_schema = 'public' AND action_statement LIKE '%loket_refuse%'",
    ) {
        shape.refusals.insert((row[0].clone(), row[1].clone()));
    }
    shape
}

fn differences<T: Ord + Clone + std::fmt::Debug>(
    what: &str,
    sqlite: &BTreeSet<T>,
    postgres: &BTreeSet<T>,
) -> Vec<String> {
    let mut found = Vec::new();
    for only in sqlite.difference(postgres) {
        found.push(format!("{what} only on SQLite: {only:?}"));
    }
    for only in postgres.difference(sqlite) {
        found.push(format!("{what} only on PostgreSQL: {only:?}"));
    }
    found
}

#[test]
fn both_stores_have_the_same_tables_columns_keys_and_rules() {
    crate::test_office::server_only!("there is no second schema to compare");
    assert_eq!(super::latest_version(), server::latest_version());
    let sqlite = sqlite_shape(&open_in_memory_file().unwrap());
    let postgres = postgres_shape(&super::open_in_memory().unwrap());
    assert!(sqlite.tables.len() > 25, "{:?}", sqlite.tables);
    assert!(sqlite.refusals.len() >= 19, "{:?}", sqlite.refusals);
    let mut found = differences("table", &sqlite.tables, &postgres.tables);
    found.extend(differences("column", &sqlite.columns, &postgres.columns));
    found.extend(differences("unique key", &sqlite.unique, &postgres.unique));
    found.extend(differences(
        "refusing rule",
        &sqlite.refusals,
        &postgres.refusals,
    ));
    assert!(found.is_empty(), "{}", found.join("\n"));
}
