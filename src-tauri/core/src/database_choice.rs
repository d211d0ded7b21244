//! Where this PC's Loket keeps the office's data: *Hanya komputer ini* (a file in the data
//! folder) or *Server kantor* (PostgreSQL on the office LAN). The choice belongs to the PC,
//! not to the office: it is kept in `database.json` in the data folder, and the server's
//! password apart from it (Windows' Credential Manager; elsewhere a file only this user may
//! read), never in the JSON.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::files::Partial;
use crate::Database;

/// The file in the data folder that holds the choice.
pub const CHOICE_FILE: &str = "database.json";

/// TLS modes offered, as PostgreSQL names them, with their label; strongest first. Only
/// "require" keeps the password from a machine on the LAN posing as the server: in the other
/// two the server may ask for the password in plain text, and the driver sends it.
pub const TLS_MODES: [(&str, &str); 3] = [
    (
        "require",
        "Wajib (disarankan; sambungan ditolak tanpa enkripsi)",
    ),
    (
        "prefer",
        "Dipakai bila server menyediakan (kata sandi dapat disadap di jaringan)",
    ),
    (
        "disable",
        "Tidak dipakai (kata sandi dapat disadap di jaringan)",
    ),
];

/// The mode a new connection form starts with.
pub const TLS_DEFAULT: &str = "require";

/// How much a TLS mode protects the password: a saved password is sent again only under the
/// same protection or more.
fn tls_strength(mode: &str) -> usize {
    TLS_MODES.len()
        - TLS_MODES
            .iter()
            .position(|(m, _)| *m == mode)
            .unwrap_or(TLS_MODES.len())
}

/// The office server as typed into *Pengaturan › Basis Data*.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    /// Typed; 5432 when left empty.
    #[serde(default)]
    pub port: String,
    pub database: String,
    pub user: String,
    /// Only on its way in from the form; never written to `database.json`.
    #[serde(default, skip_serializing)]
    pub password: String,
    #[serde(default = "default_tls")]
    pub tls: String,
}

/// Printed without the password: a log line or a test's message must not carry it.
impl std::fmt::Debug for ServerSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("database", &self.database)
            .field("user", &self.user)
            .field(
                "password",
                &if self.password.is_empty() { "" } else { "***" },
            )
            .field("tls", &self.tls)
            .finish()
    }
}

/// A choice saved before the field existed connected as libpq does by default.
fn default_tls() -> String {
    "prefer".to_owned()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    /// Hanya komputer ini.
    File,
    /// Server kantor.
    Server(ServerSettings),
}

impl ServerSettings {
    /// Every field's problem at once, in Indonesian, beside its field.
    pub fn check(&self) -> Result<()> {
        let mut e = FieldErrors::new();
        let host = self.host.trim();
        if host.is_empty() {
            e.add(
                "host",
                "database.host_required",
                "Isi alamat server: nama komputer server atau alamat IP-nya, mis. 192.168.1.10.",
            );
        } else if host.len() > 253
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'))
        {
            e.add(
                "host",
                "database.host_invalid",
                "Alamat server hanya memuat huruf, angka, titik, titik dua dan tanda hubung.",
            );
        }
        if self.port_number().is_none() {
            e.add(
                "port",
                "database.port_invalid",
                "Port adalah angka 1–65535; PostgreSQL memakai 5432.",
            );
        }
        let name_ok = |text: &str| {
            !text.is_empty()
                && text.len() <= 63
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        };
        if !name_ok(self.database.trim()) {
            e.add(
                "database",
                "database.name_invalid",
                "Isi nama basis data (huruf, angka, garis bawah; paling panjang 63), mis. loket.",
            );
        }
        if !name_ok(self.user.trim()) {
            e.add(
                "user",
                "database.user_invalid",
                "Isi nama pengguna basis data (huruf, angka, garis bawah; paling panjang 63).",
            );
        }
        if self.password.len() > 200 || self.password.contains('\0') {
            e.add(
                "password",
                "database.password_invalid",
                "Kata sandi basis data terlalu panjang atau memuat karakter yang tidak sah.",
            );
        }
        if !TLS_MODES.iter().any(|(mode, _)| *mode == self.tls) {
            e.add(
                "tls",
                "database.tls_invalid",
                "Pilih salah satu pilihan enkripsi.",
            );
        }
        e.into_result()
    }

    fn port_number(&self) -> Option<u16> {
        let typed = self.port.trim();
        if typed.is_empty() {
            return Some(5432);
        }
        typed.parse::<u16>().ok().filter(|p| *p > 0)
    }

    /// The same server as `other`, reached with TLS at least as strict, the password aside:
    /// the saved password goes only to the server it was saved for, and never over a line
    /// weaker than the one it was saved for (switching to "Tidak dipakai" must not send it
    /// where a machine on the LAN could read it).
    pub fn same_server(&self, other: &ServerSettings) -> bool {
        self.same_place(other) && tls_strength(&other.tls) >= tls_strength(&self.tls)
    }

    /// Whether this TLS mode lets a machine posing as the server read the password (anything
    /// short of "require"): the window warns the Admin about a choice saved so.
    pub fn password_exposed(&self) -> bool {
        tls_strength(&self.tls) < tls_strength("require")
    }

    /// The same host, port, database and user, whatever the TLS mode.
    fn same_place(&self, other: &ServerSettings) -> bool {
        self.host.trim() == other.host.trim()
            && self.port_number() == other.port_number()
            && self.database.trim() == other.database.trim()
            && self.user.trim() == other.user.trim()
    }

    /// The connection string for the store (libpq's `key='value'` form, quoted).
    pub fn config(&self) -> String {
        let quote = |v: &str| format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"));
        let mut parts = vec![
            format!("host={}", quote(self.host.trim())),
            format!("port={}", self.port_number().unwrap_or(5432)),
            format!("dbname={}", quote(self.database.trim())),
            format!("user={}", quote(self.user.trim())),
            format!("sslmode={}", self.tls),
            "application_name=Loket".to_owned(),
        ];
        if self.tls == "require" {
            // Bound to the TLS channel (SCRAM-SHA-256-PLUS): a machine on the LAN posing as
            // the server cannot relay the sign-in, even with a certificate of its own.
            parts.push("channel_binding=require".to_owned());
        }
        if !self.password.is_empty() {
            parts.push(format!("password={}", quote(&self.password)));
        }
        parts.join(" ")
    }
}

/// The form's server with the password saved on this PC when none was typed, only for the
/// server it was saved for: typing another host must not send the office's password there,
/// nor may a weaker TLS mode send it where it can be read. The last is said on the password
/// field, since leaving it blank is what the form invites.
pub fn with_saved_password(
    saved: Option<Choice>,
    mut typed: ServerSettings,
) -> Result<ServerSettings> {
    if !typed.password.is_empty() {
        return Ok(typed);
    }
    if let Some(Choice::Server(old)) = saved {
        if old.same_server(&typed) {
            typed.password = old.password;
        } else if old.same_place(&typed) && !old.password.is_empty() {
            return Err(Error::invalid(
                "password",
                "database.password_weaker_tls",
                "Kata sandi yang tersimpan tidak dikirim lewat enkripsi yang lebih lemah \
                 daripada saat disimpan. Ketik kata sandinya bila memang memilih enkripsi ini.",
            ));
        }
    }
    Ok(typed)
}

/// The choice saved on this PC, the server's password with it; None before one was made.
pub fn load(data_dir: &Path) -> Result<Option<Choice>> {
    let path = data_dir.join(CHOICE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let mut choice: Choice = serde_json::from_str(&text).map_err(|_| {
        Error::invalid(
            "database",
            "database.choice_unreadable",
            format!(
                "Berkas pilihan basis data {} rusak; pilih lagi di Pengaturan › Basis Data.",
                path.display()
            ),
        )
    })?;
    if let Choice::Server(settings) = &mut choice {
        // A file edited by hand is held to the form's rules: nothing slips into the
        // connection string.
        settings.check().map_err(|_| {
            Error::invalid(
                "database",
                "database.choice_unreadable",
                format!(
                    "Berkas pilihan basis data {} berisi isian yang tidak sah; pilih lagi di \
                     Pengaturan › Basis Data.",
                    path.display()
                ),
            )
        })?;
        settings.password = secret::load(data_dir)?.unwrap_or_default();
    }
    Ok(Some(choice))
}

/// Saves the choice (the file replaced whole, never half-written) and the password apart.
/// A server choice with an empty password keeps the one saved before only for that same
/// server; another server, or this PC alone, forgets it, so it can never be sent to a
/// server it was not typed for.
pub fn save(data_dir: &Path, choice: &Choice) -> Result<()> {
    let before = load(data_dir).ok().flatten();
    match choice {
        Choice::Server(settings) => {
            settings.check()?;
            if !settings.password.is_empty() {
                secret::save(data_dir, &settings.password)?;
            } else if !matches!(&before, Some(Choice::Server(old)) if old.same_server(settings)) {
                secret::forget(data_dir);
            }
        }
        Choice::File => {
            secret::forget(data_dir);
            // Back to this PC's file on purpose (confirmed in the window): it opens again.
            crate::office_server::forget_move(&data_dir.join("loket.db"));
        }
    }
    let path = data_dir.join(CHOICE_FILE);
    let partial = Partial::beside(&path);
    let text = serde_json::to_string_pretty(choice).expect("a choice serialises");
    std::fs::write(partial.path(), text)?;
    partial.finish(&path)?;
    Ok(())
}

/// Whether this PC may go back to its own file now: not while its office, moved to the
/// server, cannot be opened (the screen anyone at the PC sees during an outage); an Admin
/// signed in may, on purpose.
pub fn may_go_back_to_file(data_dir: &Path, office_open: bool) -> Result<()> {
    if !office_open && crate::office_server::was_moved(&data_dir.join("loket.db")) {
        return Err(crate::office_server::refuse_going_back());
    }
    Ok(())
}

/// Where the office's data is for `choice` (None: the file, as on a new PC).
pub fn database(data_dir: &Path, choice: Option<&Choice>) -> Database {
    match choice {
        Some(Choice::Server(settings)) => Database::Server {
            config: settings.config(),
            data_dir: data_dir.to_path_buf(),
        },
        _ => Database::File(data_dir.join("loket.db")),
    }
}

/// Where this PC keeps the server's password, as the form's hint says it.
#[cfg(windows)]
pub const PASSWORD_KEPT: &str = "Disimpan di Pengelola Kredensial Windows, bukan di berkas biasa.";
#[cfg(not(windows))]
pub const PASSWORD_KEPT: &str =
    "Disimpan di berkas tersendiri yang hanya dapat dibaca akun komputer ini.";

/// The server's password, outside `database.json`.
mod secret {
    use super::*;

    fn refused(e: impl std::fmt::Display) -> Error {
        Error::invalid(
            "password",
            "database.password_store",
            format!(
                "Tempat kata sandi server di komputer ini tidak dapat dipakai untuk menyimpan \
                 atau membacanya ({e})."
            ),
        )
    }

    /// Windows: the user's Credential Manager, one entry per data folder.
    #[cfg(windows)]
    fn entry(data_dir: &Path) -> Result<keyring::Entry> {
        keyring::Entry::new("Loket (server kantor)", &data_dir.display().to_string())
            .map_err(refused)
    }

    #[cfg(windows)]
    pub fn save(data_dir: &Path, password: &str) -> Result<()> {
        entry(data_dir)?.set_password(password).map_err(refused)
    }

    #[cfg(windows)]
    pub fn forget(data_dir: &Path) {
        if let Ok(entry) = entry(data_dir) {
            let _ = entry.delete_credential();
        }
    }

    #[cfg(windows)]
    pub fn load(data_dir: &Path) -> Result<Option<String>> {
        match entry(data_dir)?.get_password() {
            Ok(password) => Ok(Some(password)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(refused(e)),
        }
    }

    /// Elsewhere: a file only this user may read or write (0600), beside the choice.
    #[cfg(not(windows))]
    fn path(data_dir: &Path) -> std::path::PathBuf {
        data_dir.join("server-password")
    }

    #[cfg(not(windows))]
    pub fn save(data_dir: &Path, password: &str) -> Result<()> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let path = path(data_dir);
        let partial = Partial::beside(&path);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(partial.path())
            .map_err(refused)?;
        file.write_all(password.as_bytes()).map_err(refused)?;
        drop(file);
        partial.finish(&path)?;
        Ok(())
    }

    #[cfg(not(windows))]
    pub fn forget(data_dir: &Path) {
        let _ = std::fs::remove_file(path(data_dir));
    }

    #[cfg(not(windows))]
    pub fn load(data_dir: &Path) -> Result<Option<String>> {
        match std::fs::read_to_string(path(data_dir)) {
            Ok(password) => Ok(Some(password)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(refused(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ServerSettings {
        ServerSettings {
            host: "192.168.1.10".into(),
            port: String::new(),
            database: "loket".into(),
            user: "loket".into(),
            password: "it's a \\ secret".into(),
            tls: "prefer".into(),
        }
    }

    #[test]
    fn the_connection_string_quotes_what_was_typed() {
        assert_eq!(
            settings().config(),
            "host='192.168.1.10' port=5432 dbname='loket' user='loket' sslmode=prefer \
             application_name=Loket password='it\\'s a \\\\ secret'"
        );
        let required = ServerSettings {
            tls: "require".into(),
            ..settings()
        };
        assert!(required.config().contains("channel_binding=require"));
        // What the store parses is what was typed.
        let parsed: postgres_config::Parsed = settings().config().parse().unwrap();
        assert_eq!(parsed.password, b"it's a \\ secret");
    }

    /// The store's parser, reached through a test-only door so this module names no engine.
    mod postgres_config {
        pub struct Parsed {
            pub password: Vec<u8>,
        }
        impl std::str::FromStr for Parsed {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                crate::store::server::parsed_password(s).map(|password| Parsed { password })
            }
        }
    }

    #[test]
    fn the_saved_password_goes_only_to_the_server_it_was_saved_for() {
        let saved = settings();
        let same = ServerSettings {
            host: " 192.168.1.10 ".into(),
            port: "5432".into(),
            password: String::new(),
            ..settings()
        };
        assert!(saved.same_server(&same));
        for other in [
            ServerSettings {
                host: "10.0.0.66".into(),
                ..settings()
            },
            ServerSettings {
                port: "5433".into(),
                ..settings()
            },
            ServerSettings {
                database: "lain".into(),
                ..settings()
            },
            ServerSettings {
                user: "postgres".into(),
                ..settings()
            },
            ServerSettings {
                tls: "disable".into(),
                ..settings()
            },
        ] {
            assert!(!saved.same_server(&other), "{other:?}");
        }
        // A stricter line is the same server; a weaker one is not.
        let required = ServerSettings {
            tls: "require".into(),
            ..settings()
        };
        assert!(saved.same_server(&required));
        assert!(!required.same_server(&saved));
        assert!(saved.password_exposed() && !required.password_exposed());
        // Left blank over a weaker line, the form says why the password is asked again.
        let weaker = ServerSettings {
            password: String::new(),
            ..settings()
        };
        let refused = with_saved_password(Some(Choice::Server(required.clone())), weaker.clone())
            .unwrap_err();
        assert_eq!(refused.code(), "database.password_weaker_tls");
        let filled = with_saved_password(
            Some(Choice::Server(required.clone())),
            ServerSettings {
                tls: "require".into(),
                ..weaker.clone()
            },
        )
        .unwrap();
        assert_eq!(filled.password, required.password);
        // Another host gets nothing, and no message that a password exists.
        let elsewhere = ServerSettings {
            host: "10.0.0.66".into(),
            ..weaker
        };
        let sent = with_saved_password(Some(Choice::Server(required)), elsewhere).unwrap();
        assert_eq!(sent.password, "");
    }

    #[test]
    fn a_moved_file_is_not_taken_back_from_the_locked_out_screen() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            may_go_back_to_file(dir.path(), false).is_ok(),
            "never moved"
        );
        std::fs::write(dir.path().join("loket.db.dipindahkan"), "dipindahkan").unwrap();
        let refused = may_go_back_to_file(dir.path(), false).unwrap_err();
        assert_eq!(refused.code(), "database.moved_back_refused");
        assert!(refused.to_string().contains("Admin"), "{refused}");
        // An Admin signed in on the server chooses it on purpose.
        assert!(may_go_back_to_file(dir.path(), true).is_ok());
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = ServerSettings {
            host: "server kantor".into(),
            port: "99999".into(),
            database: String::new(),
            user: "a b".into(),
            password: "x".repeat(201),
            tls: "maybe".into(),
        };
        let Error::Invalid(errors) = bad.check().unwrap_err() else {
            panic!("field errors")
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["host", "port", "database", "user", "password", "tls"]
        );
        assert!(settings().check().is_ok());
    }

    #[test]
    fn the_choice_is_saved_whole_and_the_password_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), None);
        save(dir.path(), &Choice::Server(settings())).unwrap();
        let written = std::fs::read_to_string(dir.path().join(CHOICE_FILE)).unwrap();
        assert!(!written.contains("secret"), "{written}");
        assert_eq!(load(dir.path()).unwrap(), Some(Choice::Server(settings())));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("server-password"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "only this user reads it: {mode:o}");
        }
        // On Windows it is in the user's Credential Manager, in no file at all.
        #[cfg(windows)]
        {
            let names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert_eq!(names, [CHOICE_FILE]);
        }
        // Saved again without typing the password (the same server, TLS now required):
        // the saved one stays.
        let again = ServerSettings {
            password: String::new(),
            port: "5432".into(),
            tls: "require".into(),
            ..settings()
        };
        save(dir.path(), &Choice::Server(again)).unwrap();
        let Some(Choice::Server(loaded)) = load(dir.path()).unwrap() else {
            panic!("a server")
        };
        assert_eq!(
            (loaded.tls.as_str(), loaded.password.as_str()),
            ("require", "it's a \\ secret")
        );
        // Another server saved without typing a password (one that let it in without): the
        // office's password is forgotten, never sent there at the next start.
        let elsewhere = ServerSettings {
            host: "10.0.0.66".into(),
            password: String::new(),
            ..settings()
        };
        save(dir.path(), &Choice::Server(elsewhere)).unwrap();
        let Some(Choice::Server(loaded)) = load(dir.path()).unwrap() else {
            panic!("a server")
        };
        assert_eq!(loaded.password, "");
        // Back to this PC alone: the password goes too.
        save(dir.path(), &Choice::Server(settings())).unwrap();
        save(dir.path(), &Choice::File).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Some(Choice::File));
        assert!(!dir.path().join("server-password").exists());
        // A damaged file is named, not guessed at; nor is a value typed into it by hand.
        std::fs::write(dir.path().join(CHOICE_FILE), "{kind").unwrap();
        assert_eq!(
            load(dir.path()).unwrap_err().code(),
            "database.choice_unreadable"
        );
        std::fs::write(
            dir.path().join(CHOICE_FILE),
            r#"{"kind":"server","host":"h","database":"d","user":"u","tls":"disable hostaddr=10.0.0.9"}"#,
        )
        .unwrap();
        assert_eq!(
            load(dir.path()).unwrap_err().code(),
            "database.choice_unreadable"
        );
    }
}
