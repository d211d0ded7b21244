//! The office server: a PostgreSQL database every Loket of the office connects to.
//!
//! Its migrations carry the same numbers as SQLite's (`migrations/postgres`); the version is
//! kept in the table `loket_schema`. Upgrades run in one transaction under an advisory lock,
//! so two PCs starting a newer Loket at once upgrade the database once.

use super::postgres::Pg;
use super::Connection;
use crate::error::{Error, Result};

/// PostgreSQL's migrations: the file at index `i` upgrades version `i` to `i + 1`, as
/// SQLite's of the same number does.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/postgres/0001_foundation.sql"),
    include_str!("../../migrations/postgres/0002_accounts_audit.sql"),
    include_str!("../../migrations/postgres/0003_guestbook.sql"),
    include_str!("../../migrations/postgres/0004_guestbook_privacy.sql"),
    include_str!("../../migrations/postgres/0005_letters_cases.sql"),
    include_str!("../../migrations/postgres/0006_search.sql"),
    include_str!("../../migrations/postgres/0007_replies.sql"),
    include_str!("../../migrations/postgres/0008_sign_in_attempts.sql"),
    include_str!("../../migrations/postgres/0009_search_hidden.sql"),
    include_str!("../../migrations/postgres/0010_standard.sql"),
    include_str!("../../migrations/postgres/0011_counter_clock.sql"),
    include_str!("../../migrations/postgres/0012_search_prefixes.sql"),
    include_str!("../../migrations/postgres/0013_scans_on_the_server.sql"),
    include_str!("../../migrations/postgres/0014_notify_sender.sql"),
];

/// Taken while the schema is upgraded ("LOKETMIG" would overflow; "LKMIG" in ASCII).
const MIGRATION_LOCK: i64 = 0x004c_4b4d_4947;

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Connects to the server described by `config` (libpq's `key=value` form or a
/// `postgresql://` URL) and brings its schema to this program's version.
pub fn open(config: &str) -> Result<Connection> {
    let conn = connect(config)?;
    refuse_unsuitable(&conn)?;
    migrate(&conn, latest_version())?;
    Ok(conn)
}

/// This server database's name for this PC's audit anchor: where it is (host, port,
/// database) and which database of that name (its oid: one dropped and made again is
/// another), never the password. Two servers, or one made anew, never share an anchor.
pub fn anchor_identity(conn: &Connection, config: &str) -> Result<String> {
    let settings: postgres::Config = config
        .parse()
        .map_err(|e: postgres::Error| Error::ServerUnreachable(e.to_string()))?;
    let hosts: Vec<String> = settings
        .get_hosts()
        .iter()
        .map(|host| match host {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let oid: i64 = conn.query_row(
        "SELECT oid::bigint FROM pg_database WHERE datname = current_database()",
        [],
        |r| r.get(0),
    )?;
    // The cluster's own identity: a server PC rebuilt at the same address, its database made
    // again in the same order, gets the same oid but never the same identifier. (Readable by
    // every role by default; without it the oid still tells most cases apart.)
    let cluster: String = conn
        .query_row(
            "SELECT system_identifier::text FROM pg_control_system()",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    Ok(format!(
        "{}:{:?}/{}/{oid}/{cluster}",
        hosts.join(","),
        settings.get_ports(),
        settings.get_dbname().unwrap_or_default()
    ))
}

/// A connection without touching the schema (the readers beside the writer). Why it failed
/// is said as the office's admin can act on it.
pub fn connect(config: &str) -> Result<Connection> {
    let pg = Pg::open(config).map_err(|error| match why_not(&error) {
        // At start-up: a server out of reach says so first, with the connection form's
        // words for the admin; a refusal is said as it is.
        Refusal::Field {
            code: "store.host_unreachable" | "store.port_closed",
            message,
            ..
        } => Error::ServerUnreachable(message),
        Refusal::Field { message, .. } | Refusal::Busy(message) => Error::ServerRefused(message),
        Refusal::Gone(detail) => Error::ServerUnreachable(detail),
    })?;
    Ok(Connection::from_postgres(pg))
}

/// Why a connection to the server failed, in the words *Uji koneksi* shows.
enum Refusal {
    /// Something the connection form can fix: the field and what to tell the admin.
    Field {
        field: &'static str,
        code: &'static str,
        message: String,
    },
    /// The server is there but cannot take this PC now.
    Busy(String),
    /// The line went (or never came); the detail is for the log.
    Gone(String),
}

fn why_not(error: &postgres::Error) -> Refusal {
    use std::error::Error as _;
    let field = |field, code, message: &str| Refusal::Field {
        field,
        code,
        message: message.to_owned(),
    };
    let refused_by_hba = error
        .as_db_error()
        .is_some_and(|db| db.message().contains("pg_hba.conf"));
    match error.code().map(|c| c.code()) {
        // No pg_hba.conf line lets this PC in (its address, or a line only for TLS while TLS
        // is off): the usual first mistake when a server is set up, and no password fixes it.
        Some("28000") if refused_by_hba => {
            return field(
                "host",
                "store.not_allowed",
                "Server basis data kantor tidak mengizinkan komputer ini masuk (pg_hba.conf tidak \
                 memuat alamat komputer ini, atau hanya menerima sambungan terenkripsi). Minta \
                 admin menambah alamat jaringan kantor di pg_hba.conf, atau pilih enkripsi \
                 \"Wajib\".",
            )
        }
        Some("28P01" | "28000") => {
            return field(
                "password",
                "store.wrong_password",
                "Server basis data kantor menolak nama pengguna atau kata sandi ini. Periksa \
                 keduanya bersama admin kantor.",
            )
        }
        Some("3D000") => {
            return field(
                "database",
                "store.database_missing",
                "Basis data dengan nama ini tidak ada di server kantor. Periksa namanya, atau \
                 buat dahulu basis datanya (lihat README).",
            )
        }
        Some("53300") => {
            return Refusal::Busy(
                "Server basis data kantor sedang penuh (terlalu banyak sambungan). Coba lagi \
                 sebentar lagi, atau minta admin menaikkan max_connections."
                    .into(),
            )
        }
        _ => {}
    }
    let io = error
        .source()
        .and_then(|s| s.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    let detail = match error.source() {
        Some(source) => format!("{error}: {source}"),
        None => error.to_string(),
    };
    let said = detail.to_ascii_lowercase();
    if said.contains("channel binding") {
        return field(
            "tls",
            "store.channel_binding",
            "Server tidak mengikat sandi ke sambungan terenkripsi (pilihan \"Wajib\" memerlukan \
             metode scram-sha-256 di pg_hba.conf dan kata sandi pengguna yang disimpan sebagai \
             SCRAM). Ubah di server (lihat README). Pilihan \"Dipakai bila server \
             menyediakan\" tetap tersambung, tetapi kata sandi dapat disadap di jaringan.",
        );
    }
    if said.contains("tls") || said.contains("ssl") {
        return field(
            "tls",
            "store.tls_refused",
            "Server menolak atau tidak menyediakan sambungan terenkripsi yang diminta. Nyalakan \
             TLS (ssl = on) di server (lihat README). Pilihan \"Dipakai bila server \
             menyediakan\" tetap tersambung, tetapi kata sandi dapat disadap di jaringan.",
        );
    }
    match io {
        Some(std::io::ErrorKind::ConnectionRefused) => field(
            "port",
            "store.port_closed",
            "Komputer server terjangkau, tetapi tidak ada server basis data di port ini (atau \
             firewall-nya menolak). Periksa nomor port dan bahwa PostgreSQL berjalan.",
        ),
        Some(_) => field(
            "host",
            "store.host_unreachable",
            "Komputer server tidak terjangkau dari komputer ini. Periksa alamatnya, bahwa \
             komputer itu menyala, dan jaringan kantor.",
        ),
        None if said.contains("password missing") => field(
            "password",
            "store.password_missing",
            "Kata sandi basis data belum diisi (atau yang tersimpan di komputer ini hilang). \
             Isi kata sandi pengguna basis data.",
        ),
        None if error.as_db_error().is_none() && error.to_string().contains("invalid") => field(
            "host",
            "store.config_invalid",
            "Isian sambungan ke server tidak dapat dibaca. Periksa alamat, port dan nama \
             basis data.",
        ),
        None => Refusal::Gone(detail),
    }
}

/// What *Uji koneksi* found on a server that can be used.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServerCheck {
    /// As the server names itself, e.g. "15.18".
    pub server_version: String,
    /// The office data's schema there (0: an empty database, ready for an office).
    pub schema_version: i64,
}

/// The oldest PostgreSQL Loket runs on (`server_version_num`).
const OLDEST_SERVER: i64 = 150_000;

pub(crate) fn supported_server(version_num: i64) -> bool {
    version_num >= OLDEST_SERVER
}

/// *Uji koneksi*: connects as the connection form says and tells precisely what stands in
/// the way, each reason beside the field that fixes it: the host unreachable, the port
/// closed, a wrong password, the database missing, a server too old, a database whose text
/// rules do not suit Loket, or office data written by a newer Loket. Changes nothing.
pub fn check(config: &str) -> Result<ServerCheck> {
    let pg = Pg::open(config).map_err(|error| match why_not(&error) {
        Refusal::Field {
            field,
            code,
            message,
        } => Error::invalid(field, code, message),
        Refusal::Busy(message) => Error::ServerRefused(message),
        Refusal::Gone(detail) => Error::invalid(
            "host",
            "store.host_unreachable",
            format!(
                "Komputer server tidak terjangkau dari komputer ini. Periksa alamatnya, bahwa \
                 komputer itu menyala, dan jaringan kantor. ({detail})"
            ),
        ),
    })?;
    let conn = Connection::from_postgres(pg);
    let (number, name): (i64, String) = conn.query_row(
        "SELECT current_setting('server_version_num')::bigint, current_setting('server_version')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // "15.18 (Debian 15.18-0+deb12u1)": the version is what the office needs to read.
    let name = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    if !supported_server(number) {
        return Err(Error::invalid(
            "host",
            "store.server_too_old",
            format!(
                "Server PostgreSQL di komputer itu versi {name}; Loket memerlukan versi 15 atau \
                 lebih baru. Perbarui PostgreSQL di server."
            ),
        ));
    }
    refuse_unsuitable(&conn)?;
    let schema_version = version(&conn)?;
    if schema_version > latest_version() {
        return Err(Error::DatabaseTooNew {
            found: schema_version,
            supported: latest_version(),
        });
    }
    Ok(ServerCheck {
        server_version: name,
        schema_version,
    })
}

/// Text must compare byte by byte, as SQLite compares it (a NIK's range and every list's
/// order depend on it), and letters beyond ASCII must be letters (the search index splits
/// words at everything else). A database made otherwise is refused, saying how to make it.
fn refuse_unsuitable(conn: &Connection) -> Result<()> {
    let (byte_order, unicode_letters): (bool, bool) = conn.query_row(
        "SELECT NOT ('a' < 'B' OR '1234:' < '12345'), 'é' ~ '^[[:alnum:]]$'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if byte_order && unicode_letters {
        return Ok(());
    }
    Err(Error::ServerRefused(
        "Basis data di server kantor dibuat dengan aturan urutan huruf yang tidak cocok untuk \
         Loket. Buat basis data dengan ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' \
         (TEMPLATE template0), seperti petunjuk di README."
            .into(),
    ))
}

/// Creates the empty database `name` on the server `admin_config` connects to, and returns
/// the connection string for it. The name is the office's to choose, so only lowercase
/// letters, digits and `_` are taken (it is written into the SQL).
pub fn create_database(admin_config: &str, name: &str) -> Result<String> {
    let valid = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(Error::invalid(
            "database",
            "store.database_name",
            "Nama basis data hanya boleh huruf kecil, angka dan garis bawah, diawali huruf.",
        ));
    }
    // Byte order for text, as SQLite compares it (a NIK's range, the order of lists), and
    // Unicode letters for the search index's word splitting.
    connect(admin_config)?.execute_batch(&format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'
             LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
    ))?;
    Ok(with_database(admin_config, name))
}

/// The password a connection string gives, as the store reads it (for the settings' tests).
#[cfg(test)]
pub fn parsed_password(config: &str) -> std::result::Result<Vec<u8>, String> {
    let parsed: postgres::Config = config.parse().map_err(|e| format!("{e}"))?;
    Ok(parsed.get_password().unwrap_or_default().to_vec())
}

/// `config` (libpq's `key=value` form or a `postgresql://` URL) pointed at database `name`.
pub fn with_database(config: &str, name: &str) -> String {
    for scheme in ["postgresql://", "postgres://"] {
        if let Some(rest) = config.strip_prefix(scheme) {
            let (address, query) = match rest.split_once('?') {
                Some((a, q)) => (a, format!("?{q}")),
                None => (rest, String::new()),
            };
            let host = address.split_once('/').map_or(address, |(h, _)| h);
            return format!("{scheme}{host}/{name}{query}");
        }
    }
    format!("{config} dbname={name}")
}

pub(crate) fn version(conn: &Connection) -> Result<i64> {
    let exists: bool =
        conn.query_row("SELECT to_regclass('loket_schema') IS NOT NULL", [], |r| {
            r.get(0)
        })?;
    if !exists {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT version FROM loket_schema", [], |r| r.get(0))?)
}

/// Brings the schema to `target`, all steps in one transaction.
pub fn migrate(conn: &Connection, target: i64) -> Result<()> {
    conn.execute_batch(&format!(
        "BEGIN; SELECT pg_advisory_xact_lock({MIGRATION_LOCK});"
    ))?;
    let result = (|| -> Result<()> {
        let current = version(conn)?;
        if current > latest_version() {
            return Err(Error::DatabaseTooNew {
                found: current,
                supported: latest_version(),
            });
        }
        if current == 0 {
            conn.execute_batch("CREATE TABLE loket_schema (version BIGINT NOT NULL); INSERT INTO loket_schema VALUES (0);")?;
        }
        for (index, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .take(target as usize)
            .skip(current as usize)
        {
            conn.execute_batch(sql)?;
            conn.execute("UPDATE loket_schema SET version = ?1", [index as i64 + 1])?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            conn.execute_batch("COMMIT")?;
            Ok(())
        }
        Err(error) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(error)
        }
    }
}

/// For the core's tests: when `LOKET_TEST_PG` names a server (e.g.
/// `host=/tmp/pg user=postgres`), every test database is a fresh database there, made from a
/// template migrated once per test process. Unset, tests use SQLite; set but unreachable,
/// tests fail (they never fall back silently).
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    /// What marks a database as one these tests made: only such databases are ever dropped.
    pub const MARK: &str = "loket-test-database";

    pub fn server() -> Option<String> {
        std::env::var("LOKET_TEST_PG")
            .ok()
            .filter(|s| !s.trim().is_empty())
    }

    /// Creates `name` (from `template`, or empty) on the test server and marks it.
    fn create(server: &str, name: &str, template: Option<&str>) -> String {
        let admin = super::connect(server)
            .unwrap_or_else(|e| panic!("LOKET_TEST_PG={server}: no server: {e}"));
        let from = template
            .map(|t| format!(" TEMPLATE {t}"))
            .unwrap_or_default();
        // One statement each: CREATE DATABASE cannot share a transaction.
        admin
            .execute_batch(&format!("CREATE DATABASE {name}{from}"))
            .unwrap();
        admin
            .execute_batch(&format!("COMMENT ON DATABASE {name} IS '{MARK}'"))
            .unwrap();
        super::with_database(server, name)
    }

    fn template() -> &'static str {
        static TEMPLATE: OnceLock<String> = OnceLock::new();
        TEMPLATE.get_or_init(|| {
            let server = server().expect("LOKET_TEST_PG");
            let admin = super::connect(&server)
                .unwrap_or_else(|e| panic!("LOKET_TEST_PG={server}: no server: {e}"));
            drop_leftovers(&admin, &server);
            let name = format!("loket_test_tpl_{}", std::process::id());
            let config = create(&server, &name, None);
            drop(super::open(&config).unwrap());
            name
        })
    }

    /// Whether `name` is one of these tests' names, and the test process that made it.
    pub fn test_process(name: &str) -> Option<u32> {
        let rest = name
            .strip_prefix("loket_test_tpl_")
            .or_else(|| name.strip_prefix("loket_test_"))?;
        let mut parts = rest.split('_');
        let pid = parts.next()?.parse().ok()?;
        let tail_ok = parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        tail_ok.then_some(pid)
    }

    /// Test databases of earlier runs on this machine whose process is gone: only those
    /// marked as test databases, named as these tests name them, on a server reached by a
    /// Unix socket or loopback (a process number means nothing on another machine).
    pub fn drop_leftovers(admin: &super::Connection, server: &str) {
        let this_machine = ["host=/", "host=127.0.0.1 ", "host=localhost "]
            .iter()
            .any(|h| format!("{server} ").contains(h));
        if !this_machine {
            return;
        }
        let names: Vec<String> = admin
            .prepare(
                "SELECT d.datname FROM pg_database d
                  JOIN pg_shdescription c ON c.objoid = d.oid
                   AND c.classoid = 'pg_database'::regclass
                 WHERE c.description = ?1",
            )
            .and_then(|mut s| s.query_map([MARK], |r| r.get(0)))
            .map(|rows| rows.filter_map(|r| r.ok()).collect())
            .unwrap_or_default();
        for name in names {
            let Some(pid) = test_process(&name) else {
                continue;
            };
            if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                let _ = admin.execute_batch(&format!("DROP DATABASE IF EXISTS \"{name}\""));
            }
        }
    }

    /// The connection string of a new database at the latest version.
    pub fn fresh_database() -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let template = template();
        let server = server().expect("LOKET_TEST_PG");
        let name = format!(
            "loket_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        create(&server, &name, Some(template))
    }

    #[test]
    fn only_marked_test_databases_of_ended_runs_are_dropped() {
        assert_eq!(test_process("loket_test_4242_7"), Some(4242));
        assert_eq!(test_process("loket_test_tpl_4242"), Some(4242));
        for name in [
            "loket_kantor",
            "loket_bench_1000",
            "loket_test_x_1",
            "loket_test_4242_",
        ] {
            assert_eq!(test_process(name), None, "{name}");
        }
        let Some(server) = server() else {
            eprintln!("skipped without LOKET_TEST_PG: no server to clean");
            return;
        };
        let admin = super::connect(&server).unwrap();
        // An office's database named like a test one, and a dead run's real test database.
        let unmarked = "loket_test_999999999_0";
        let marked = "loket_test_999999998_0";
        for statement in [
            format!("DROP DATABASE IF EXISTS {unmarked}"),
            format!("DROP DATABASE IF EXISTS {marked}"),
            format!("CREATE DATABASE {unmarked}"),
            format!("CREATE DATABASE {marked}"),
            format!("COMMENT ON DATABASE {marked} IS '{MARK}'"),
        ] {
            admin.execute_batch(&statement).unwrap();
        }
        drop_leftovers(&admin, &server);
        let exists = |name: &str| -> bool {
            admin
                .query_row(
                    "SELECT count(*) FROM pg_database WHERE datname = ?1",
                    [name],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                == 1
        };
        assert!(exists(unmarked), "an unmarked database is never dropped");
        assert!(!exists(marked), "a marked one of an ended run is");
        admin
            .execute_batch(&format!("DROP DATABASE {unmarked}"))
            .unwrap();
    }
}
