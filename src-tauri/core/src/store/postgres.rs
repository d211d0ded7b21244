//! The office server's engine: PostgreSQL through the synchronous `postgres` crate.
//!
//! Statements arrive in the modules' SQL (see `translate.rs` for what is rewritten) and are
//! prepared once per connection. Values travel in SQLite's value model: a bound value is
//! written as whatever type the server expects for that parameter, and a column is read back
//! as null, integer, real, text or blob, then converted by the same rules as on SQLite.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc;
use std::time::Duration;

use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::{Client, NoTls};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::sql::{Bound, SqlError, SqlResult, ToValue};
use super::translate::{self, Slot};

/// Every save takes this transaction-level advisory lock first, so saves from all PCs run one
/// after another, as SQLite's `BEGIN IMMEDIATE` makes them: gapless numbers, one audit chain,
/// and check-then-write rules hold without each module locking rows. ("LOKET" in ASCII.)
pub(super) const WRITE_LOCK: i64 = 0x004c_4f4b_4554;

pub struct Pg {
    client: RefCell<Client>,
    /// How it connected, to connect again after the server went away.
    config: String,
    prepared: RefCell<HashMap<String, Arc<Prepared>>>,
    /// PostgreSQL has no autocommit query; the seam opens and ends every transaction, so it
    /// knows.
    pub in_transaction: std::cell::Cell<bool>,
    /// A statement failed inside the open transaction (see `Connection::end`).
    pub aborted: std::cell::Cell<bool>,
    /// Cursors declared so far on this connection, for their names.
    cursors: std::cell::Cell<u64>,
}

pub struct Prepared {
    pub statement: postgres::Statement,
    slots: Vec<Slot>,
    text: String,
    /// Planned anew for its values at every run (see [`plans_per_value`]).
    per_value: bool,
}

/// A full-text match (`@@`) is planned for the words asked each time: how common a word is
/// decides between walking the newest rows and reading the text index, and the one plan the
/// server keeps for a prepared statement after five runs would be wrong for one of them
/// (150 ms instead of 2 for a common word at ten years' scale). Every other statement keeps
/// its prepared plan: planning each of a search page's hundred small reads costs more than
/// it saves.
fn plans_per_value(text: &str) -> bool {
    text.contains("@@")
}

/// TLS as libpq's `sslmode=require` and `prefer` use it: the line is encrypted, the
/// server's certificate not checked against an authority (an office server's certificate is
/// one it made itself; no office has a CA). None if the system has no TLS at all.
fn tls() -> Option<postgres_native_tls::MakeTlsConnector> {
    native_tls::TlsConnector::builder()
        .danger_accept_invalid_certs(true)
        .danger_accept_invalid_hostnames(true)
        .build()
        .ok()
        .map(postgres_native_tls::MakeTlsConnector::new)
}

/// The name every connection of this running Loket gives itself on the server
/// (`application_name`): the change notices carry it, so a window skips its own saves, and an
/// administrator sees in `pg_stat_activity` which PC holds what.
pub fn session_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let pc: String = crate::data_folder::this_pc()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(30)
            .collect();
        format!("Loket-{pc}-{}-{started:x}", std::process::id())
    })
}

impl Pg {
    pub fn connect(config: &str) -> SqlResult<Pg> {
        Self::open(config).map_err(SqlError::from)
    }

    /// As [`Pg::connect`], with the crate's own error, for saying exactly what went wrong.
    pub fn open(config: &str) -> Result<Pg, postgres::Error> {
        let mut settings: postgres::Config = config.parse()?;
        // An office LAN answers in milliseconds: a server PC that is off is named within
        // seconds, not after the system's minute-long wait, and a PC that drops off the
        // network mid-save is noticed by its socket within half a minute.
        if settings.get_connect_timeout().is_none() {
            settings.connect_timeout(Duration::from_secs(8));
        }
        settings
            .keepalives_idle(Duration::from_secs(15))
            .keepalives_interval(Duration::from_secs(5))
            .keepalives_retries(3)
            .tcp_user_timeout(Duration::from_secs(30));
        let mut client = match tls() {
            // The connection string's sslmode decides whether it is used (prefer by default).
            Some(connector) => settings.connect(connector)?,
            None => settings.connect(NoTls)?,
        };
        // A save waits at most a minute for another PC's save (as on SQLite), then says so;
        // a PC that vanished inside a transaction gives the write lock back after a minute;
        // and the server notices a PC gone mid-statement within half a minute of silence,
        // not after the system's two hours.
        client.batch_execute(&format!(
            "SET lock_timeout = '60s'; SET idle_in_transaction_session_timeout = '60s';
             SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5;
             SET tcp_keepalives_count = 3; SET application_name = '{}'",
            session_name()
        ))?;
        let client = client;
        Ok(Pg {
            client: RefCell::new(client),
            config: config.to_owned(),
            prepared: RefCell::new(HashMap::new()),
            in_transaction: std::cell::Cell::new(false),
            cursors: std::cell::Cell::new(0),
            aborted: std::cell::Cell::new(false),
        })
    }

    /// The bare client, for a connection that only listens (see `listen.rs`).
    pub fn into_client(self) -> Client {
        self.client.into_inner()
    }

    pub fn batch(&self, sql: &str) -> SqlResult<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(SqlError::from)
            .inspect_err(|e| trace(sql, e))
            .map_err(|e| self.failed(e))
    }

    /// The statement for `sql`; `keep` keeps it for the next call on this connection (the
    /// module's fixed texts), while SQL assembled at run time is prepared for this call only,
    /// so the cache does not grow with every filter combination.
    pub fn prepare(&self, sql: &str, keep: bool) -> SqlResult<Arc<Prepared>> {
        if let Some(found) = self.prepared.borrow().get(sql) {
            return Ok(found.clone());
        }
        let translated = translate::to_postgres(sql);
        let statement = self
            .prepare_typed(&translated.text)
            .inspect_err(|e| trace(sql, e))?;
        let prepared = Arc::new(Prepared {
            statement,
            per_value: plans_per_value(&translated.text),
            slots: translated.slots,
            text: translated.text,
        });
        if keep {
            self.prepared
                .borrow_mut()
                .insert(sql.to_owned(), prepared.clone());
        }
        Ok(prepared)
    }

    /// Prepares `text`, letting the server infer each parameter's type. A parameter it
    /// cannot infer (one only tested with `IS NULL`, or compared with another parameter) is
    /// text, as SQLite would hold it.
    ///
    /// A refused statement aborts the transaction it was prepared in, so inside one each
    /// try runs under a savepoint (once per statement and connection: prepared statements
    /// are kept).
    fn prepare_typed(&self, text: &str) -> SqlResult<postgres::Statement> {
        let mut types: Vec<Type> = Vec::new();
        let guarded = self.in_transaction.get();
        loop {
            if guarded {
                self.batch("SAVEPOINT loket_prepare")?;
            }
            let attempt = self.client.borrow_mut().prepare_typed(text, &types);
            if guarded {
                self.batch(match attempt {
                    Ok(_) => "RELEASE SAVEPOINT loket_prepare",
                    Err(_) => "ROLLBACK TO SAVEPOINT loket_prepare",
                })?;
            }
            match attempt {
                Ok(statement) => return Ok(statement),
                Err(error) => {
                    let undetermined = error
                        .as_db_error()
                        .filter(|e| matches!(e.code().code(), "42P18" | "42P08"))
                        .and_then(|e| {
                            e.message()
                                .rsplit('$')
                                .next()
                                .and_then(|n| n.trim().parse::<usize>().ok())
                        });
                    match undetermined {
                        Some(n) if n > 0 && n <= 1000 && types.get(n - 1) != Some(&Type::TEXT) => {
                            if types.len() < n {
                                // Oid 0: left for the server to infer.
                                let inferred = Type::new(
                                    "inferred".into(),
                                    0,
                                    postgres::types::Kind::Simple,
                                    "pg_catalog".into(),
                                );
                                types.resize(n, inferred);
                            }
                            types[n - 1] = Type::TEXT;
                        }
                        _ => return Err(error.into()),
                    }
                }
            }
        }
    }

    pub fn execute(&self, prepared: &Prepared, bound: Bound<'_>) -> SqlResult<usize> {
        let values = values_for(prepared, bound)?;
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        let changed = self
            .client
            .borrow_mut()
            .execute(&prepared.statement, &params)
            .map_err(SqlError::from)
            .inspect_err(|e| trace(&prepared.text, e))
            .map_err(|e| self.failed(e))?;
        Ok(changed as usize)
    }

    pub fn query(&self, prepared: &Prepared, bound: Bound<'_>) -> SqlResult<Vec<postgres::Row>> {
        let values = values_for(prepared, bound)?;
        if prepared.per_value {
            // One round trip with an unnamed statement, which the server plans for these
            // values; the types are the ones it found when the statement was prepared.
            let typed: Vec<(&(dyn ToSql + Sync), Type)> = values
                .iter()
                .zip(prepared.statement.params())
                .map(|(v, t)| (v as &(dyn ToSql + Sync), t.clone()))
                .collect();
            return self
                .client
                .borrow_mut()
                .query_typed(&prepared.text, &typed)
                .map_err(SqlError::from)
                .inspect_err(|e| trace(&prepared.text, e))
                .map_err(|e| self.failed(e));
        }
        let params: Vec<&(dyn ToSql + Sync)> =
            values.iter().map(|v| v as &(dyn ToSql + Sync)).collect();
        self.client
            .borrow_mut()
            .query(&prepared.statement, &params)
            .map_err(SqlError::from)
            .inspect_err(|e| trace(&prepared.text, e))
            .map_err(|e| self.failed(e))
    }

    /// Declares a cursor for `prepared` with these values inside the open transaction and
    /// returns its name; nothing is read until [`Pg::fetch`]. The server plans it for these
    /// values, with the parameter types found when the statement was prepared.
    pub fn declare(&self, prepared: &Prepared, bound: Bound<'_>) -> SqlResult<String> {
        let values = values_for(prepared, bound)?;
        let number = self.cursors.get() + 1;
        self.cursors.set(number);
        let name = format!("loket_rows_{number}");
        let text = format!("DECLARE {name} NO SCROLL CURSOR FOR {}", prepared.text);
        let typed: Vec<(&(dyn ToSql + Sync), Type)> = values
            .iter()
            .zip(prepared.statement.params())
            .map(|(v, t)| (v as &(dyn ToSql + Sync), t.clone()))
            .collect();
        self.client
            .borrow_mut()
            .query_typed(&text, &typed)
            .map_err(SqlError::from)
            .inspect_err(|e| trace(&text, e))
            .map_err(|e| self.failed(e))?;
        Ok(name)
    }

    /// The next `count` rows of the cursor `name` (fewer at its end).
    pub fn fetch(&self, name: &str, count: usize) -> SqlResult<Vec<postgres::Row>> {
        let text = format!("FETCH {count} FROM {name}");
        self.client
            .borrow_mut()
            .query(&text, &[])
            .map_err(SqlError::from)
            .inspect_err(|e| trace(&text, e))
            .map_err(|e| self.failed(e))
    }

    /// Closes the cursor `name` (an exhausted one stays open until then): a table it reads
    /// cannot be altered in the same transaction while it is open, as a restore does.
    pub fn close(&self, name: &str) {
        if self.in_transaction.get() && !self.aborted.get() {
            if let Ok(mut client) = self.client.try_borrow_mut() {
                if let Err(e) = client.batch_execute(&format!("CLOSE {name}")) {
                    self.failed(e.into());
                }
            }
        }
    }

    /// Notes a failed statement: inside a transaction, the server has aborted it.
    fn failed(&self, error: SqlError) -> SqlError {
        if self.in_transaction.get() {
            self.aborted.set(true);
        }
        error
    }

    pub fn config(&self) -> &str {
        &self.config
    }

    pub fn is_closed(&self) -> bool {
        self.client.borrow().is_closed()
    }
}

/// With `LOKET_PG_TRACE` set, a statement the server refused is printed with the reason
/// (to find which SQL a dialect difference broke).
fn trace(sql: &str, error: &SqlError) {
    if std::env::var_os("LOKET_PG_TRACE").is_some() {
        eprintln!("LOKET_PG_TRACE {error:?}\n{sql}\n");
    }
}

/// The values for `$1…$n`, in order, from what the caller bound.
fn values_for(prepared: &Prepared, bound: Bound<'_>) -> SqlResult<Vec<PgValue>> {
    let mismatch = |what: String| SqlError::Parameters(what);
    match bound {
        Bound::Positional(values) => {
            if values.len() != prepared.slots.len() {
                return Err(mismatch(format!(
                    "{} values for {} parameters",
                    values.len(),
                    prepared.slots.len()
                )));
            }
            prepared
                .slots
                .iter()
                .map(|slot| match slot {
                    Slot::Position(n) => owned(values[n - 1]),
                    Slot::Name(name) => Err(mismatch(format!("{name} given by position"))),
                })
                .collect()
        }
        Bound::Named(values) => prepared
            .slots
            .iter()
            .map(|slot| match slot {
                Slot::Name(name) => match values.iter().find(|(n, _)| n == name) {
                    Some((_, value)) => owned(*value),
                    // As SQLite does, a parameter nobody named is null.
                    None => Ok(PgValue(Value::Null)),
                },
                Slot::Position(n) => Err(mismatch(format!("?{n} in a named statement"))),
            })
            .collect(),
    }
}

fn owned(value: &dyn ToValue) -> SqlResult<PgValue> {
    Ok(PgValue(match value.to_value()? {
        ToSqlOutput::Borrowed(v) => match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        },
        ToSqlOutput::Owned(v) => v,
        _ => return Err(SqlError::Parameters("an unsupported value".into())),
    }))
}

/// A value bound to a parameter, written as the type the server expects there.
#[derive(Debug)]
struct PgValue(Value);

type BoxError = Box<dyn StdError + Sync + Send>;

impl ToSql for PgValue {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, BoxError> {
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ if is_text(ty) => i.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("an integer where {ty} is expected").into()),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::INT8 if f.fract() == 0.0 && f.abs() < 9.0e15 => (*f as i64).to_sql(ty, out),
                _ if is_text(ty) => f.to_string().as_str().to_sql(ty, out),
                _ => Err(format!("a real number where {ty} is expected").into()),
            },
            Value::Text(s) => match *ty {
                Type::INT8 => s.trim().parse::<i64>()?.to_sql(ty, out),
                Type::INT4 => s.trim().parse::<i32>()?.to_sql(ty, out),
                Type::INT2 => s.trim().parse::<i16>()?.to_sql(ty, out),
                Type::FLOAT8 => s.trim().parse::<f64>()?.to_sql(ty, out),
                Type::BYTEA => s.as_bytes().to_sql(ty, out),
                _ if is_text(ty) => s.as_str().to_sql(ty, out),
                _ => Err(format!("text where {ty} is expected").into()),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ => Err(format!("a blob where {ty} is expected").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// Types a value may be written into as its text (what SQLite would have stored).
fn is_text(ty: &Type) -> bool {
    matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON
    ) || ty.oid() == 0
}

/// A column as SQLite's value model holds it.
pub struct PgCell(pub Value);

impl<'a> FromSql<'a> for PgCell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(PgCell(match *ty {
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::OID => Value::Integer(u32::from_sql(ty, raw)?.into()),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => numeric(raw)?,
            Type::BYTEA => Value::Blob(raw.to_vec()),
            _ => Value::Text(String::from_utf8(raw.to_vec())?),
        }))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(PgCell(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// PostgreSQL's binary NUMERIC (what `sum` of integers returns): an integer when it has no
/// fraction and fits, a real otherwise.
fn numeric(raw: &[u8]) -> Result<Value, BoxError> {
    let word = |i: usize| -> Result<u16, BoxError> {
        raw.get(i..i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "short numeric".into())
    };
    let digits = word(0)? as usize;
    let weight = i32::from(word(2)? as i16);
    let sign = word(4)?;
    let scale = word(6)?;
    if sign == 0xC000 {
        return Ok(Value::Real(f64::NAN));
    }
    // Base-10000 digits, most significant first; the first is worth 10000^weight.
    let mut whole: Option<i128> = Some(0);
    let mut fraction = 0f64;
    for k in 0..digits {
        let digit = word(8 + 2 * k)?;
        let power = weight - k as i32;
        if power >= 0 {
            whole = whole.and_then(|w| {
                10000i128
                    .checked_pow(power as u32)
                    .and_then(|p| p.checked_mul(i128::from(digit)))
                    .and_then(|v| w.checked_add(v))
            });
        } else {
            fraction += f64::from(digit) * 10000f64.powi(power);
        }
    }
    let negative = sign == 0x4000;
    match whole.and_then(|w| i64::try_from(w).ok()) {
        Some(w) if scale == 0 && fraction == 0.0 => {
            Ok(Value::Integer(if negative { -w } else { w }))
        }
        _ => {
            let real = whole.map_or(f64::INFINITY, |w| w as f64) + fraction;
            Ok(Value::Real(if negative { -real } else { real }))
        }
    }
}

impl From<postgres::Error> for SqlError {
    fn from(error: postgres::Error) -> Self {
        let io = error
            .source()
            .is_some_and(|s| s.downcast_ref::<std::io::Error>().is_some());
        // 57P01-57P03: the server is shutting down or cannot take connections; 25P03: this
        // session sat inside a transaction too long and the server ended it.
        let code = error.code().map(|c| c.code()).unwrap_or("");
        if code == "55P03" {
            return SqlError::Busy;
        }
        let shutting_down = code.starts_with("57P") || code == "25P03";
        if error.is_closed() || io || shutting_down {
            // The crate's own words ("error connecting to server") and why (the OS's).
            let why = error.source().map(|s| format!(": {s}")).unwrap_or_default();
            SqlError::ConnectionLost(format!("{error}{why}"))
        } else {
            SqlError::Postgres(error)
        }
    }
}

impl From<postgres::Error> for crate::error::Error {
    fn from(error: postgres::Error) -> Self {
        SqlError::from(error).into()
    }
}
