//! The office server's own behaviour, where SQLite has no counterpart: a save that waits too
//! long for another PC, a failed statement the code let pass, a connection the server ended
//! while idle, a database made with the wrong text rules, one that does not exist. Runs with
//! `LOKET_TEST_PG` (as the test command does).

use super::server::{self, testing};
use super::{SqlError, TransactionKind};

fn on_server() -> Option<String> {
    let found = testing::server();
    if found.is_none() {
        eprintln!("skipped without LOKET_TEST_PG: about the office server only");
    }
    found
}

#[test]
fn a_save_waiting_too_long_for_another_pc_is_told_so_and_the_next_one_works() {
    let Some(_) = on_server() else { return };
    let config = testing::fresh_database();
    let mut first = server::connect(&config).unwrap();
    let mut second = server::connect(&config).unwrap();
    second.execute_batch("SET lock_timeout = '200ms'").unwrap();
    let holding = first.transaction(TransactionKind::Immediate).unwrap();
    let error = second
        .transaction(TransactionKind::Immediate)
        .err()
        .expect("the second save waits for the first");
    assert!(matches!(error, SqlError::Busy), "{error:?}");
    let error = crate::Error::from(error);
    assert_eq!(error.code(), "store.busy");
    assert!(error.to_string().contains("Komputer lain"), "{error}");
    holding.commit().unwrap();
    // The refused BEGIN left nothing open: this connection saves again.
    let tx = second.transaction(TransactionKind::Immediate).unwrap();
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('test.after', 'ya')",
        [],
    )
    .unwrap();
    tx.commit().unwrap();
}

#[test]
fn a_failed_statement_the_code_let_pass_means_nothing_of_the_action_is_saved() {
    let Some(_) = on_server() else { return };
    let d = crate::test_office::desk();
    let result = d.office.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('test.first', 'satu')",
            [],
        )?;
        // A statement fails and the code goes on (as a careless `let _ =` would).
        let _ = tx.execute("INSERT INTO settings (key) VALUES ('test.no_value')", []);
        Ok(())
    });
    let error = result.expect_err("PostgreSQL rolled the action back; saying 'saved' would lie");
    assert!(error.is_internal(), "{error:?}");
    let kept: i64 = d
        .office
        .read(|tx| {
            Ok(tx.query_row(
                "SELECT count(*) FROM settings WHERE key = 'test.first'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(kept, 0);
    // The connection is whole again for the next action.
    let visitor = crate::guestbook::VisitInput {
        deposit_card: false,
        ..crate::guestbook::tests::visit_input()
    };
    d.office.visit_register(&d.reception, &visitor).unwrap();
}

#[test]
fn after_the_server_ended_an_idle_connection_the_next_save_connects_again() {
    let Some(server) = on_server() else { return };
    let d = crate::test_office::desk();
    let pid: i64 = d
        .office
        .write(|tx| Ok(tx.query_row("SELECT pg_backend_pid()", [], |r| r.get(0))?))
        .unwrap();
    // As a server restart does to every PC's open connection.
    server::connect(&server)
        .unwrap()
        .query_row("SELECT pg_terminate_backend(?1)", [pid], |r| {
            r.get::<_, bool>(0)
        })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    let visitor = crate::guestbook::VisitInput {
        deposit_card: false,
        ..crate::guestbook::tests::visit_input()
    };
    d.office.visit_register(&d.reception, &visitor).unwrap();
}

#[test]
fn a_database_whose_text_rules_differ_from_sqlites_is_refused_saying_how_to_make_it() {
    let Some(server) = on_server() else { return };
    let name = format!("loket_test_{}_icu", std::process::id());
    let admin = server::connect(&server).unwrap();
    admin
        .execute_batch(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    // Sorted as people read (ICU): "a" before "B", "1234:" before "12345".
    admin
        .execute_batch(&format!(
            "CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'und'"
        ))
        .unwrap();
    let error = server::open(&server::with_database(&server, &name)).unwrap_err();
    assert_eq!(error.code(), "store.server_refused");
    assert!(error.to_string().contains("LC_COLLATE 'C'"), "{error}");
    admin
        .execute_batch(&format!("DROP DATABASE {name}"))
        .unwrap();
}

#[test]
fn a_database_that_does_not_exist_is_named_as_such() {
    let Some(server) = on_server() else { return };
    let error = server::open(&server::with_database(&server, "loket_tidak_ada")).unwrap_err();
    assert_eq!(error.code(), "store.server_refused");
    assert!(error.to_string().contains("tidak ada"), "{error}");
}

#[test]
fn a_value_is_never_bound_as_a_type_it_does_not_fit() {
    let Some(_) = on_server() else { return };
    let conn = server::open(&testing::fresh_database()).unwrap();
    // Text "0" as a boolean would be its bytes, read as true.
    let as_bool = conn.query_row("SELECT CAST(?1 AS BOOLEAN)", ["0"], |r| r.get::<_, bool>(0));
    assert!(as_bool.is_err(), "{as_bool:?}");
    // What fits is converted: a whole real into an integer column's parameter.
    let n: i64 = conn
        .query_row("SELECT CAST(?1 AS BIGINT) + 1", [41.0], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 42);
}

#[test]
fn a_connection_string_is_pointed_at_another_database_in_either_form() {
    assert_eq!(
        server::with_database("host=/tmp/pg user=loket", "kantor"),
        "host=/tmp/pg user=loket dbname=kantor"
    );
    assert_eq!(
        server::with_database(
            "postgresql://loket@192.168.1.10:5432/postgres?sslmode=require",
            "kantor"
        ),
        "postgresql://loket@192.168.1.10:5432/kantor?sslmode=require"
    );
    assert_eq!(
        server::with_database("postgres://loket@server", "kantor"),
        "postgres://loket@server/kantor"
    );
}

/// *Uji koneksi* names what stands in the way, beside the field that fixes it. The first
/// two need no server at all.
#[test]
fn the_connection_check_says_precisely_what_is_wrong() {
    let closed = server::check("host=127.0.0.1 port=1 user=loket dbname=loket").unwrap_err();
    assert_eq!(
        (closed.code(), closed.field()),
        ("store.port_closed", Some("port")),
        "{closed:?}"
    );
    let nowhere =
        server::check("host=server-kantor.invalid user=loket dbname=loket connect_timeout=3")
            .unwrap_err();
    assert_eq!(
        (nowhere.code(), nowhere.field()),
        ("store.host_unreachable", Some("host")),
        "{nowhere:?}"
    );
    assert!(
        nowhere.to_string().contains("tidak terjangkau"),
        "{nowhere}"
    );
    assert!(server::supported_server(150_000));
    assert!(!server::supported_server(140_011));

    let Some(server) = on_server() else { return };
    let missing = server::check(&server::with_database(&server, "loket_tidak_ada")).unwrap_err();
    assert_eq!(
        (missing.code(), missing.field()),
        ("store.database_missing", Some("database"))
    );
    // The test cluster signs in with a password, as an office's server does.
    if !server.starts_with("postgres") {
        let refused = server::check(&format!("{server} password=bukan-sandinya")).unwrap_err();
        assert_eq!(
            (refused.code(), refused.field()),
            ("store.wrong_password", Some("password")),
            "{refused:?}"
        );
    }
    // The test cluster offers TLS, as an office server may: the line is then encrypted.
    if !server.starts_with("postgres") {
        let encrypted = server::open(&format!("{server} sslmode=require"))
            .unwrap()
            .query_row(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                [],
                |r| r.get::<_, bool>(0),
            )
            .unwrap();
        assert!(encrypted);
    }
    // An empty database is ready for an office; a migrated one says its version.
    let config = testing::fresh_database();
    let found = server::check(&config).unwrap();
    assert_eq!(found.schema_version, server::latest_version());
    assert!(found.server_version.starts_with("1"), "{found:?}");
    // Office data from a newer Loket.
    server::open(&config)
        .unwrap()
        .execute("UPDATE loket_schema SET version = 999", [])
        .unwrap();
    let newer = server::check(&config).unwrap_err();
    assert_eq!(newer.code(), "store.too_new");
}

/// A server that offers no TLS, asked for it: said beside the encryption field, in
/// Indonesian, not as an unreachable host. (A listener answering PostgreSQL's TLS request
/// with "N", as a server with ssl = off does.)
#[test]
fn required_encryption_from_a_server_without_it_is_named_beside_the_field() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 8];
            let _ = stream.read_exact(&mut request);
            let _ = stream.write_all(b"N");
        }
    });
    let error = server::check(&format!(
        "host=127.0.0.1 port={port} user=loket dbname=loket sslmode=require connect_timeout=5"
    ))
    .unwrap_err();
    assert_eq!(
        (error.code(), error.field()),
        ("store.tls_refused", Some("tls")),
        "{error:?}"
    );
    assert!(error.to_string().contains("terenkripsi"), "{error}");
}

/// A machine posing as the office server, speaking just enough of PostgreSQL's protocol:
/// it refuses TLS ('N'), then answers the sign-in with `answer` (a whole protocol message).
/// Returns its port and, when the PC has hung up, every byte the PC sent after TLS was
/// refused.
fn posing_server(answer: Vec<u8>) -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .unwrap();
        let mut first = [0u8; 8];
        socket.read_exact(&mut first).unwrap();
        let mut heard = Vec::new();
        if first[4..8] == 80_877_103u32.to_be_bytes() {
            socket.write_all(b"N").unwrap();
        } else {
            heard.extend_from_slice(&first);
        }
        let mut answered = false;
        let mut buffer = [0u8; 4096];
        loop {
            match socket.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => heard.extend_from_slice(&buffer[..n]),
            }
            if !answered {
                answered = true;
                let _ = socket.write_all(&answer);
            }
        }
        heard
    });
    (port, handle)
}

fn message(kind: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![kind];
    m.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
    m.extend_from_slice(body);
    m
}

/// "Send me your password in plain text."
fn asks_for_plain_password() -> Vec<u8> {
    message(b'R', &3u32.to_be_bytes())
}

fn settings(port: u16, password: &str, tls: &str) -> crate::database_choice::ServerSettings {
    crate::database_choice::ServerSettings {
        host: "127.0.0.1".into(),
        port: port.to_string(),
        database: "loket".into(),
        user: "loket".into(),
        password: password.into(),
        tls: tls.into(),
    }
}

#[test]
fn a_machine_posing_as_the_server_gets_no_password_from_a_new_connection_form() {
    let password = "rahasia-kantor-2026";
    let (port, posing) = posing_server(asks_for_plain_password());
    let typed = settings(port, password, crate::database_choice::TLS_DEFAULT);
    let error = server::check(&typed.config()).expect_err("no TLS, no connection");
    let crate::Error::Invalid(fields) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(fields[0].field, "tls", "{error:?}");
    let heard = posing.join().unwrap();
    assert!(
        !heard
            .windows(password.len())
            .any(|w| w == password.as_bytes()),
        "the password went to the machine posing as the server"
    );
    // The weaker modes say what they risk, so choosing one is a choice made knowingly.
    for (mode, label) in crate::database_choice::TLS_MODES {
        if mode != "require" {
            assert!(label.contains("disadap"), "{label}");
        }
    }
}

#[test]
fn a_pc_the_server_does_not_let_in_is_told_so_not_that_its_password_is_wrong() {
    let mut refusal = Vec::new();
    for (code, text) in [
        (b'S', "FATAL"),
        (b'V', "FATAL"),
        (b'C', "28000"),
        (
            b'M',
            "no pg_hba.conf entry for host \"192.168.1.23\", user \"loket\", database \"loket\", no encryption",
        ),
    ] {
        refusal.push(code);
        refusal.extend_from_slice(text.as_bytes());
        refusal.push(0);
    }
    refusal.push(0);
    let (port, posing) = posing_server(message(b'E', &refusal));
    let error = server::check(&settings(port, "sandi", "disable").config()).unwrap_err();
    posing.join().unwrap();
    let crate::Error::Invalid(fields) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (fields[0].field.as_str(), fields[0].code),
        ("host", "store.not_allowed"),
        "{error:?}"
    );
    assert!(fields[0].message.contains("pg_hba.conf"), "{error:?}");
}

#[test]
fn a_missing_password_is_named_on_the_password_field() {
    let (port, posing) = posing_server(asks_for_plain_password());
    let error = server::check(&settings(port, "", "disable").config()).unwrap_err();
    posing.join().unwrap();
    let crate::Error::Invalid(fields) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (fields[0].field.as_str(), fields[0].code),
        ("password", "store.password_missing"),
        "{error:?}"
    );
}

/// A long read on the server (the whole audit trail, a table into a backup) comes a batch at
/// a time from a cursor, not whole into the PC's memory; every row arrives, in order, and a
/// row may run another statement while it is read, as on SQLite.
#[test]
fn a_long_read_comes_from_a_cursor_a_batch_at_a_time() {
    let Some(_) = on_server() else { return };
    let config = testing::fresh_database();
    let mut conn = server::connect(&config).unwrap();
    let tx = conn.transaction(TransactionKind::Deferred).unwrap();
    let mut stmt = tx
        .prepare("SELECT g FROM generate_series(1, ?1) AS g ORDER BY g")
        .unwrap();
    let mut rows = stmt.query_streamed([4_500i64]).unwrap();
    let mut seen = Vec::new();
    let mut open_cursors = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let value: i64 = row.get(0).unwrap();
        if value % 2_000 == 1 {
            // Another statement on the same connection, between two rows.
            open_cursors.push(
                tx.query_row(
                    "SELECT count(*) FROM pg_cursors WHERE is_holdable = false AND name LIKE 'loket_rows%'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                    .unwrap(),
            );
        }
        seen.push(value);
    }
    assert_eq!(seen, (1..=4_500).collect::<Vec<i64>>());
    assert_eq!(open_cursors, [1, 1, 1], "read through one cursor");
    drop(rows);
    drop(stmt);
    // Closed when the rows are dropped: a restore alters the tables it read in the same
    // transaction, which an open cursor forbids.
    let left: i64 = tx
        .query_row(
            "SELECT count(*) FROM pg_cursors WHERE name LIKE 'loket_rows%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    tx.commit().unwrap();
    // Outside a transaction a cursor cannot live: the rows come whole, as before.
    let mut stmt = conn
        .prepare("SELECT g FROM generate_series(1, 3) AS g")
        .unwrap();
    let mut rows = stmt.query_streamed([]).unwrap();
    let mut count = 0;
    while rows.next().unwrap().is_some() {
        count += 1;
    }
    assert_eq!(count, 3);
}
