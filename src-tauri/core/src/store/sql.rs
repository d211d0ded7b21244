//! The one way the office's modules speak to their database, whichever engine holds it.
//!
//! A module takes `&Connection`, runs its own SQL through [`Connection::execute`],
//! [`Connection::query_row`] or a prepared [`Statement`], and reads columns with
//! [`Row::get`]. Parameters are positional (`?1`, with [`params!`] or an array) or named
//! (`:name`, with [`named_params!`]). Values cross the seam in SQLite's value model (null,
//! integer, real, text, blob), so a date or a time stamp is stored as the same text on every
//! engine and read back by the same rules.
//!
//! Nothing here is specific to one module; nothing outside `store` names the engine.

use std::ops::Deref;
use std::sync::Arc;

use rusqlite::types::{FromSql, ToSqlOutput, ValueRef};

use super::postgres::{Pg, PgCell, Prepared, WRITE_LOCK};

/// A failure of the database itself (not of the user's input).
#[derive(Debug, thiserror::Error)]
pub enum SqlError {
    /// A query that must return a row returned none.
    #[error("kueri tidak menghasilkan baris")]
    NoRows,
    #[error(transparent)]
    Sqlite(rusqlite::Error),
    #[error(transparent)]
    Postgres(postgres::Error),
    /// The server went away (network, restart): whatever the action had begun was rolled
    /// back by the server.
    #[error("sambungan ke server basis data terputus: {0}")]
    ConnectionLost(String),
    /// The server went away while it was committing: the action may or may not be saved.
    #[error("sambungan ke server basis data terputus saat menyimpan: {0}")]
    CommitUncertain(String),
    /// Another PC's save held the office server's write lock for longer than a save waits.
    #[error("server sibuk menyimpan dari komputer lain")]
    Busy,
    /// A statement failed inside the transaction and the code went on; on PostgreSQL that
    /// transaction can no longer be saved, and is not.
    #[error("transaksi dibatalkan karena perintah sebelumnya gagal")]
    Aborted,
    /// The parameters given do not fit the statement (a programming error).
    #[error("parameter tidak cocok: {0}")]
    Parameters(String),
}

pub type SqlResult<T> = std::result::Result<T, SqlError>;

impl From<rusqlite::Error> for SqlError {
    fn from(error: rusqlite::Error) -> Self {
        match error {
            rusqlite::Error::QueryReturnedNoRows => SqlError::NoRows,
            other => SqlError::Sqlite(other),
        }
    }
}

impl From<rusqlite::Error> for crate::error::Error {
    fn from(error: rusqlite::Error) -> Self {
        crate::error::Error::Sql(SqlError::from(error))
    }
}

/// `query_row(..).optional()`: no row is None, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> SqlResult<Option<T>>;
}

impl<T> OptionalExtension<T> for SqlResult<T> {
    fn optional(self) -> SqlResult<Option<T>> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(SqlError::NoRows) => Ok(None),
            Err(other) => Err(other),
        }
    }
}

/// A value that can be bound to a parameter: every Rust type the modules store (integers,
/// text, blobs, options, chrono's dates and times).
pub trait ToValue {
    fn to_value(&self) -> SqlResult<ToSqlOutput<'_>>;
}

impl<T: rusqlite::ToSql + ?Sized> ToValue for T {
    fn to_value(&self) -> SqlResult<ToSqlOutput<'_>> {
        Ok(self.to_sql()?)
    }
}

/// A value read from a column.
pub trait FromValue: FromSql {}
impl<T: FromSql> FromValue for T {}

/// The parameters of one statement, as given by the caller.
pub enum Bound<'a> {
    Positional(Vec<&'a dyn ToValue>),
    Named(Vec<(&'a str, &'a dyn ToValue)>),
}

/// What a statement can be given as parameters: an array of values, [`params!`] or
/// [`named_params!`], or a slice built at run time.
pub trait Params {
    fn bound(&self) -> Bound<'_>;
}

impl Params for [&(dyn ToValue + Send + Sync); 0] {
    fn bound(&self) -> Bound<'_> {
        Bound::Positional(Vec::new())
    }
}

/// Arrays of one to sixteen values; listed one by one (as rusqlite does) so that `[]` has
/// exactly one meaning.
macro_rules! params_for_arrays {
    ($($n:literal)+) => {$(
        impl<T: ToValue> Params for [T; $n] {
            fn bound(&self) -> Bound<'_> {
                Bound::Positional(self.iter().map(|v| v as &dyn ToValue).collect())
            }
        }
    )+};
}
params_for_arrays!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

impl Params for &[&dyn ToValue] {
    fn bound(&self) -> Bound<'_> {
        Bound::Positional(self.to_vec())
    }
}

impl Params for &[(&str, &dyn ToValue)] {
    fn bound(&self) -> Bound<'_> {
        Bound::Named(self.to_vec())
    }
}

/// Positional parameters: `params![a, b]` binds `?1` and `?2`.
#[macro_export]
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::ToValue] };
    ($($value:expr),+ $(,)?) => {
        &[$(&$value as &dyn $crate::store::ToValue),+] as &[&dyn $crate::store::ToValue]
    };
}

/// Named parameters: `named_params! { ":id": id }` binds `:id`.
#[macro_export]
macro_rules! named_params {
    () => { &[] as &[(&str, &dyn $crate::store::ToValue)] };
    ($($name:literal : $value:expr),+ $(,)?) => {
        &[$(($name, &$value as &dyn $crate::store::ToValue)),+]
            as &[(&str, &dyn $crate::store::ToValue)]
    };
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.engine {
            Engine::Sqlite(conn) => write!(f, "Connection(SQLite {:?})", conn.path()),
            Engine::Postgres(_) => write!(f, "Connection(PostgreSQL)"),
        }
    }
}

/// The engine behind a connection.
enum Engine {
    Sqlite(rusqlite::Connection),
    // Boxed: a connection is one per PC or reader, and the enum stays small.
    Postgres(Box<Pg>),
}

/// One connection to the office's database. A module's functions take `&Connection`; the
/// caller decides whether that is inside a transaction ([`Transaction`] dereferences to it).
pub struct Connection {
    engine: Engine,
}

impl Connection {
    pub(crate) fn from_sqlite(conn: rusqlite::Connection) -> Self {
        Connection {
            engine: Engine::Sqlite(conn),
        }
    }

    pub(crate) fn from_postgres(pg: Pg) -> Self {
        Connection {
            engine: Engine::Postgres(Box::new(pg)),
        }
    }

    /// Whether this connection is to the office server.
    pub fn is_postgres(&self) -> bool {
        matches!(self.engine, Engine::Postgres(_))
    }

    /// The SQLite connection underneath, for what only the store does with a file (pragmas,
    /// online backup, schema listing).
    pub(crate) fn sqlite(&self) -> &rusqlite::Connection {
        match &self.engine {
            Engine::Sqlite(conn) => conn,
            Engine::Postgres(_) => panic!("a file operation on the office server"),
        }
    }

    pub(crate) fn sqlite_mut(&mut self) -> &mut rusqlite::Connection {
        match &mut self.engine {
            Engine::Sqlite(conn) => conn,
            Engine::Postgres(_) => panic!("a file operation on the office server"),
        }
    }

    /// One SQL text (or parameter value) per dialect, where the two truly differ: the module
    /// gives both and the store picks the one its engine speaks.
    pub fn dialect<T>(&self, sqlite: T, postgres: T) -> T {
        match self.engine {
            Engine::Sqlite(_) => sqlite,
            Engine::Postgres(_) => postgres,
        }
    }

    /// Runs one statement; returns how many rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> SqlResult<usize> {
        self.prepare(sql)?.execute(params)
    }

    /// Runs several statements without parameters (a migration, a pragma).
    pub fn execute_batch(&self, sql: &str) -> SqlResult<()> {
        match &self.engine {
            Engine::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            Engine::Postgres(pg) => pg.batch(sql),
        }
    }

    /// The first row of a query, read by `read`; [`SqlError::NoRows`] when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        read: impl FnOnce(&Row) -> SqlResult<T>,
    ) -> SqlResult<T> {
        self.prepare(sql)?.query_row(params, read)
    }

    /// A statement prepared once per connection and kept for the next call.
    pub fn prepare_cached(&self, sql: &str) -> SqlResult<Statement<'_>> {
        match &self.engine {
            Engine::Sqlite(conn) => Ok(Statement::SqliteCached(conn.prepare_cached(sql)?)),
            Engine::Postgres(pg) => Ok(Statement::Postgres(pg, pg.prepare(sql, true)?)),
        }
    }

    /// A statement prepared for this call only (SQL assembled at run time).
    pub fn prepare(&self, sql: &str) -> SqlResult<Statement<'_>> {
        match &self.engine {
            Engine::Sqlite(conn) => Ok(Statement::Sqlite(conn.prepare(sql)?)),
            Engine::Postgres(pg) => Ok(Statement::Postgres(pg, pg.prepare(sql, false)?)),
        }
    }

    /// The id of the row that this connection's last INSERT added.
    /// On PostgreSQL, the value the last INSERT took from an identity column's sequence.
    pub fn last_insert_id(&self) -> SqlResult<i64> {
        match &self.engine {
            Engine::Sqlite(conn) => Ok(conn.last_insert_rowid()),
            Engine::Postgres(_) => self.query_row("SELECT lastval()", [], |r| r.get(0)),
        }
    }

    /// Whether the connection is gone (the office server restarted or the network dropped);
    /// a file's connection never is.
    pub fn is_closed(&self) -> bool {
        match &self.engine {
            Engine::Sqlite(_) => false,
            Engine::Postgres(pg) => pg.is_closed(),
        }
    }

    /// Opens a transaction; on the office server, if the connection turns out to be gone
    /// (the server restarted since its last use, which a connection only learns by trying),
    /// connects again and opens it there: nothing was sent yet, so nothing is repeated.
    pub fn begin_anew(&mut self, kind: TransactionKind) -> SqlResult<Transaction<'_>> {
        match self.begin(kind) {
            Err(SqlError::ConnectionLost(_)) if self.is_postgres() => {
                if let Engine::Postgres(pg) = &mut self.engine {
                    **pg = Pg::connect(pg.config())?;
                }
                self.transaction(kind)
            }
            Err(other) => Err(other),
            Ok(()) => Ok(Transaction {
                conn: self,
                open: true,
            }),
        }
    }

    /// Whether no transaction is open.
    pub fn is_autocommit(&self) -> bool {
        match &self.engine {
            Engine::Sqlite(conn) => conn.is_autocommit(),
            Engine::Postgres(pg) => !pg.in_transaction.get(),
        }
    }

    /// Opens a transaction: `Immediate` takes the write lock at once (a save), `Deferred`
    /// reads one consistent state.
    pub fn transaction(&mut self, kind: TransactionKind) -> SqlResult<Transaction<'_>> {
        self.begin(kind)?;
        Ok(Transaction {
            conn: self,
            open: true,
        })
    }

    fn begin(&self, kind: TransactionKind) -> SqlResult<()> {
        match (&self.engine, kind) {
            (Engine::Sqlite(_), TransactionKind::Immediate) => {
                self.execute_batch("BEGIN IMMEDIATE")
            }
            (Engine::Sqlite(_), TransactionKind::Deferred) => self.execute_batch("BEGIN DEFERRED"),
            (Engine::Postgres(pg), kind) => {
                let begin = match kind {
                    TransactionKind::Immediate => format!(
                        "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
                    ),
                    TransactionKind::Deferred => {
                        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY".to_owned()
                    }
                };
                if let Err(error) = pg.batch(&begin) {
                    // BEGIN may have gone through before the lock failed (a timeout): end
                    // it, or every later save on this connection would fail.
                    let _ = pg.batch("ROLLBACK");
                    return Err(error);
                }
                pg.in_transaction.set(true);
                pg.aborted.set(false);
                Ok(())
            }
        }
    }

    fn end(&self, sql: &str) -> SqlResult<()> {
        if let Engine::Postgres(pg) = &self.engine {
            pg.in_transaction.set(false);
            // PostgreSQL answers COMMIT on a transaction that an error aborted by rolling it
            // back without an error: a statement's failure that the code let pass would
            // then be reported as saved. Refused here instead.
            if sql == "COMMIT" && pg.aborted.replace(false) {
                let _ = pg.batch("ROLLBACK");
                return Err(SqlError::Aborted);
            }
        }
        self.execute_batch(sql)
    }

    /// A transaction on a shared reference, for a caller that knows no other is open on
    /// this connection (the store's own checks of a copied file).
    pub(crate) fn unchecked_transaction(&self) -> SqlResult<Transaction<'_>> {
        self.begin(TransactionKind::Deferred)?;
        Ok(Transaction {
            conn: self,
            open: true,
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub enum TransactionKind {
    Immediate,
    Deferred,
}

/// An open transaction: committed by [`Transaction::commit`], rolled back if dropped.
pub struct Transaction<'c> {
    conn: &'c Connection,
    open: bool,
}

impl Transaction<'_> {
    pub fn commit(mut self) -> SqlResult<()> {
        self.open = false;
        match self.conn.end("COMMIT") {
            // The server may have committed before the line went: say so, not "not saved".
            Err(SqlError::ConnectionLost(detail)) => Err(SqlError::CommitUncertain(detail)),
            other => other,
        }
    }
}

impl Deref for Transaction<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open && !self.conn.is_autocommit() {
            let _ = self.conn.end("ROLLBACK");
        }
    }
}

/// A prepared statement.
pub enum Statement<'c> {
    SqliteCached(rusqlite::CachedStatement<'c>),
    Sqlite(rusqlite::Statement<'c>),
    Postgres(&'c Pg, Arc<Prepared>),
}

impl Statement<'_> {
    pub fn execute(&mut self, params: impl Params) -> SqlResult<usize> {
        match self {
            Statement::SqliteCached(stmt) => sqlite_execute(stmt, &params),
            Statement::Sqlite(stmt) => sqlite_execute(stmt, &params),
            Statement::Postgres(pg, prepared) => pg.execute(prepared, params.bound()),
        }
    }

    /// Every row, each read by `read`.
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        mut read: impl FnMut(&Row) -> SqlResult<T>,
    ) -> SqlResult<std::vec::IntoIter<SqlResult<T>>> {
        let mut rows = self.query(params)?;
        let mut read_rows = Vec::new();
        while let Some(row) = rows.next()? {
            read_rows.push(read(&row));
        }
        Ok(read_rows.into_iter())
    }

    /// The first row, read by `read`; [`SqlError::NoRows`] when there is none.
    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        read: impl FnOnce(&Row) -> SqlResult<T>,
    ) -> SqlResult<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => read(&row),
            None => Err(SqlError::NoRows),
        }
    }

    /// The rows one at a time, for a long read that should not be held in memory whole.
    pub fn query(&mut self, params: impl Params) -> SqlResult<Rows<'_>> {
        match self {
            Statement::SqliteCached(stmt) => {
                bind(stmt, &params)?;
                Ok(Rows::Sqlite(stmt.raw_query()))
            }
            Statement::Sqlite(stmt) => {
                bind(stmt, &params)?;
                Ok(Rows::Sqlite(stmt.raw_query()))
            }
            Statement::Postgres(pg, prepared) => Ok(Rows::Postgres {
                rows: pg.query(prepared, params.bound())?,
                next: 0,
            }),
        }
    }

    /// As [`Statement::query`], for a read that may be long (the whole audit trail, a table
    /// copied into a backup): on the office server, inside a transaction, the rows come from
    /// a cursor a batch at a time instead of whole into memory. SQLite reads them one at a
    /// time anyway.
    pub fn query_streamed(&mut self, params: impl Params) -> SqlResult<Rows<'_>> {
        match self {
            Statement::Postgres(pg, prepared) if pg.in_transaction.get() => {
                let pg: &Pg = pg;
                Ok(Rows::PostgresCursor {
                    name: pg.declare(prepared, params.bound())?,
                    pg,
                    batch: Vec::new(),
                    next: 0,
                    ended: false,
                })
            }
            _ => self.query(params),
        }
    }

    pub fn column_count(&self) -> usize {
        match self {
            Statement::SqliteCached(stmt) => stmt.column_count(),
            Statement::Sqlite(stmt) => stmt.column_count(),
            Statement::Postgres(_, prepared) => prepared.statement.columns().len(),
        }
    }
}

fn sqlite_execute(stmt: &mut rusqlite::Statement<'_>, params: &impl Params) -> SqlResult<usize> {
    bind(stmt, params)?;
    Ok(stmt.raw_execute()?)
}

/// Binds every parameter, checking they match what the statement asks for, as rusqlite's
/// own binding does.
fn bind(stmt: &mut rusqlite::Statement<'_>, params: &impl Params) -> SqlResult<()> {
    stmt.clear_bindings();
    match params.bound() {
        Bound::Positional(values) => {
            let expected = stmt.parameter_count();
            if values.len() != expected {
                return Err(rusqlite::Error::InvalidParameterCount(values.len(), expected).into());
            }
            for (index, value) in values.into_iter().enumerate() {
                stmt.raw_bind_parameter(index + 1, Bind(value))?;
            }
        }
        Bound::Named(values) => {
            for (name, value) in values {
                let Some(index) = stmt.parameter_index(name)? else {
                    return Err(rusqlite::Error::InvalidParameterName(name.to_owned()).into());
                };
                stmt.raw_bind_parameter(index, Bind(value))?;
            }
        }
    }
    Ok(())
}

/// A bound value as rusqlite sees it.
struct Bind<'a>(&'a dyn ToValue);

impl rusqlite::ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.0.to_value().map_err(|error| match error {
            SqlError::Sqlite(error) => error,
            other => rusqlite::Error::ToSqlConversionFailure(Box::new(other)),
        })
    }
}

/// The rows of a running query.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    /// PostgreSQL's rows arrive whole, so a row may run another query while it is read.
    Postgres {
        rows: Vec<postgres::Row>,
        next: usize,
    },
    /// A long read on the server: a batch of rows at a time from a cursor, which ends with
    /// its transaction. A row may still run another query while it is read.
    PostgresCursor {
        pg: &'s Pg,
        name: String,
        batch: Vec<postgres::Row>,
        next: usize,
        ended: bool,
    },
}

impl Drop for Rows<'_> {
    fn drop(&mut self) {
        if let Rows::PostgresCursor { pg, name, .. } = self {
            pg.close(name);
        }
    }
}

/// Rows fetched from a cursor at a time: a few megabytes at most for the widest table.
const CURSOR_BATCH: usize = 2_000;

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)] // a row borrows the cursor: not an Iterator
    pub fn next(&mut self) -> SqlResult<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Rows::Postgres { rows, next } => {
                let row = rows.get(*next);
                *next += 1;
                Ok(row.map(Row::Postgres))
            }
            Rows::PostgresCursor {
                pg,
                name,
                batch,
                next,
                ended,
            } => {
                if *next == batch.len() && !*ended {
                    *batch = pg.fetch(name, CURSOR_BATCH)?;
                    *next = 0;
                    *ended = batch.len() < CURSOR_BATCH;
                }
                let row = batch.get(*next);
                *next += 1;
                Ok(row.map(Row::Postgres))
            }
        }
    }
}

/// One row of a result.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r postgres::Row),
}

impl Row<'_> {
    /// The column at `index` (0-based), as `T`, by SQLite's conversion rules on either engine.
    pub fn get<I: ColumnIndex, T: FromValue>(&self, index: I) -> SqlResult<T> {
        let index = index.position();
        match self {
            Row::Sqlite(row) => Ok(row.get(index)?),
            Row::Postgres(_) => {
                let value = self.value(index)?;
                T::column_result(ValueRef::from(&value)).map_err(|error| {
                    rusqlite::Error::FromSqlConversionFailure(
                        index,
                        value.data_type(),
                        Box::new(error),
                    )
                    .into()
                })
            }
        }
    }

    /// The column's value as the database holds it, for comparing rows whole.
    pub fn value(&self, index: usize) -> SqlResult<rusqlite::types::Value> {
        match self {
            Row::Sqlite(row) => Ok(row.get(index)?),
            Row::Postgres(row) => Ok(row.try_get::<_, PgCell>(index)?.0),
        }
    }
}

/// A column's position; names are not used, so a query's columns read the same on both
/// engines.
pub trait ColumnIndex {
    fn position(self) -> usize;
}

impl ColumnIndex for usize {
    fn position(self) -> usize {
        self
    }
}
