//! Live between desks: a connection of its own that listens on the office server for the
//! tables other PCs changed (the `loket_notify` triggers of migration 0013, delivered when
//! their transaction commits), so a window can show a new letter or draft without a reload.

use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;

use super::postgres::Pg;

/// The channel the triggers notify on.
const CHANNEL: &str = "loket_changes";

/// What changed since the last call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// These tables, each once.
    Tables(Vec<String>),
    /// Listening began anew (the first call, or after a lost connection): anything may
    /// have changed meanwhile.
    Everything,
}

pub struct Listener {
    config: String,
    client: Option<postgres::Client>,
}

impl Listener {
    /// Connects lazily, at the first [`Listener::wait`].
    pub fn new(config: &str) -> Listener {
        Listener {
            config: config.to_owned(),
            client: None,
        }
    }

    /// Waits up to `timeout` for changes. After a lost connection it connects and listens
    /// again and says [`Changes::Everything`]; while the server cannot be reached it returns
    /// the error's text (the caller waits a little and asks again).
    pub fn wait(&mut self, timeout: Duration) -> Result<Changes, String> {
        let Some(client) = self.client.as_mut() else {
            let mut client = Pg::open(&self.config)
                .map_err(|e| e.to_string())?
                .into_client();
            client
                .batch_execute(&format!("LISTEN {CHANNEL}"))
                .map_err(|e| e.to_string())?;
            self.client = Some(client);
            return Ok(Changes::Everything);
        };
        let mut tables: Vec<String> = Vec::new();
        // "letters Loket-PC-123-ab": the table, then who saved; this Loket's own saves are
        // already on its screen.
        let own = super::postgres::session_name();
        let mut add = |payload: &str| {
            let (table, sender) = payload.split_once(' ').unwrap_or((payload, ""));
            if sender != own && !tables.iter().any(|t| t == table) {
                tables.push(table.to_owned());
            }
        };
        let heard = (|| -> Result<(), postgres::Error> {
            let mut notifications = client.notifications();
            // Until the first arrives or the time is up…
            let first = notifications.timeout_iter(timeout).next()?;
            if let Some(note) = first {
                add(note.payload());
                // …then whatever else is here already (a save notifies once per table).
                let mut rest = notifications.iter();
                while let Some(note) = rest.next()? {
                    add(note.payload());
                }
            }
            Ok(())
        })();
        if let Err(e) = heard {
            self.client = None;
            return Err(e.to_string());
        }
        if client.is_closed() {
            self.client = None;
        }
        Ok(Changes::Tables(tables))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::server::testing;

    /// A save on another PC reaches a listening PC as the tables it changed (its own saves do
    /// not), and listening resumes after the server ended the connection.
    #[test]
    fn a_save_elsewhere_is_heard_and_listening_resumes_after_a_lost_connection() {
        let Some(server) = testing::server() else {
            eprintln!("skipped without LOKET_TEST_PG: one PC hears no other");
            return;
        };
        let d = crate::test_office::desk_on(true);
        let config = d.server.clone().unwrap();
        let mut listener = Listener::new(&config);
        assert_eq!(
            listener.wait(Duration::from_millis(10)),
            Ok(Changes::Everything)
        );
        assert_eq!(
            listener.wait(Duration::from_millis(50)),
            Ok(Changes::Tables(Vec::new())),
            "nothing happened"
        );
        // This process's own save is not news to it.
        d.office
            .letter_register(&d.clerk, &crate::letters::tests::letter_input(), None, &[])
            .unwrap();
        assert_eq!(
            listener.wait(Duration::from_millis(300)),
            Ok(Changes::Tables(Vec::new()))
        );
        // Another PC's save (another Loket's name on its connection).
        let other_pc = super::super::server::open(&config).unwrap();
        other_pc
            .execute_batch("SET application_name = 'Loket-TU-SURAT-1-1'")
            .unwrap();
        let save_elsewhere = || {
            other_pc
                .execute_batch(
                    "UPDATE letters SET subject = subject || '.' WHERE id = (SELECT min(id) FROM letters)",
                )
                .unwrap()
        };
        save_elsewhere();
        let Ok(Changes::Tables(tables)) = listener.wait(Duration::from_secs(5)) else {
            panic!("heard")
        };
        assert_eq!(tables, ["letters"]);
        // The server ends every other connection to this database (a restart, a cable).
        let admin = super::super::server::open(&server).unwrap();
        let database: String = super::super::server::open(&config)
            .unwrap()
            .query_row("SELECT current_database()", [], |r| r.get(0))
            .unwrap();
        admin
            .query_row(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                  WHERE datname = ?1 AND pid <> pg_backend_pid()",
                [&database],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        let mut answers = Vec::new();
        for _ in 0..5 {
            let answer = listener.wait(Duration::from_millis(200));
            let done = answer == Ok(Changes::Everything);
            answers.push(answer);
            if done {
                break;
            }
        }
        assert_eq!(
            answers.last(),
            Some(&Ok(Changes::Everything)),
            "{answers:?}"
        );
        let other_pc = super::super::server::open(&config).unwrap();
        other_pc
            .execute_batch(
                "SET application_name = 'Loket-TU-SURAT-1-1';
                 UPDATE letters SET subject = subject || '.' WHERE id = (SELECT min(id) FROM letters)",
            )
            .unwrap();
        let Ok(Changes::Tables(tables)) = listener.wait(Duration::from_secs(5)) else {
            panic!("heard after listening again")
        };
        assert_eq!(tables, ["letters"]);
    }
}
