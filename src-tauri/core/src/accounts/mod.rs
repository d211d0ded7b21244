//! Staff accounts, roles and the one permission table. Passwords are hashed with Argon2id;
//! wrong passwords earn a growing delay and then a temporary lock. Accounts are disabled,
//! never deleted, because the audit trail names them.

use crate::store::{named_params, Connection, OptionalExtension};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::settings::values;
use crate::text;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    /// The least a new account can do, when the form says nothing.
    #[default]
    Resepsionis,
    PengelolaSurat,
    Pejabat,
    KepalaDinas,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Resepsionis,
        Role::PengelolaSurat,
        Role::Pejabat,
        Role::KepalaDinas,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Resepsionis => "resepsionis",
            Role::PengelolaSurat => "pengelola_surat",
            Role::Pejabat => "pejabat",
            Role::KepalaDinas => "kepala_dinas",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Resepsionis => "Resepsionis",
            Role::PengelolaSurat => "Pengelola Surat",
            Role::Pejabat => "Pejabat",
            Role::KepalaDinas => "Kepala Dinas",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// Everything a signed-in person can ask Loket to do. Later areas add theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Beranda, and the reference lists every screen reads (channels, units, officials).
    ViewDashboard,
    /// The Pengaturan screen: read and change the office's settings.
    ManageSettings,
    ManageAccounts,
    ViewAudit,
    VerifyAudit,
    Backup,
    Restore,
    /// Buku Tamu: register visits, route them, record outcomes, check out, hold and return
    /// ID cards, close the day.
    RecordVisits,
    /// Read the guest book (masked), search it and print the daily register.
    ViewVisits,
    /// Show a person's full NIK (audited).
    RevealNik,
    /// UU 27/2022 duties: retention and anonymisation, a person's export and correction.
    ManagePersonalData,
    /// Surat Masuk: register incoming letters and attach their scans.
    RecordLetters,
    /// Register cases from the suggestion box, e-mail, WhatsApp, Facebook, LAPOR or a letter.
    RecordCases,
    /// Read letters, cases and their dispositions (confidential complainants stay hidden).
    ViewCases,
    /// Move a case on: in hand, answered (how, when, by whom), referred, closed.
    HandleCases,
    /// Dispose a letter or case as the signed-in official, mark received ones read, report.
    Dispose,
    /// Type in a disposition written by hand on the paper sheet, on the official's behalf.
    RecordPaperDisposition,
    /// Write reply drafts from templates, correct them, send them up for initials.
    DraftReplies,
    /// Initial (paraf) a draft or return it with a correction note, as its reviewer.
    ReviewReplies,
    /// Sign a reply as its signer (the outgoing number is taken then).
    SignReplies,
    /// Meet a visitor sent to one's own desk: start the meeting, record the answer.
    MeetVisitors,
    /// Reopen a case answered, referred or closed by mistake (with the reason).
    ReopenCases,
    /// Log a contact with a complainant (a call, a message) on a case.
    LogContacts,
    /// Take the audit trail's present end as this PC's anchor after a cut it reports was
    /// looked into (recorded in the trail).
    AcceptAuditEnd,
}

impl Action {
    pub const ALL: [Action; 24] = [
        Action::ViewDashboard,
        Action::ManageSettings,
        Action::ManageAccounts,
        Action::ViewAudit,
        Action::VerifyAudit,
        Action::Backup,
        Action::Restore,
        Action::RecordVisits,
        Action::ViewVisits,
        Action::RevealNik,
        Action::ManagePersonalData,
        Action::RecordLetters,
        Action::RecordCases,
        Action::ViewCases,
        Action::HandleCases,
        Action::Dispose,
        Action::RecordPaperDisposition,
        Action::DraftReplies,
        Action::ReviewReplies,
        Action::SignReplies,
        Action::MeetVisitors,
        Action::ReopenCases,
        Action::LogContacts,
        Action::AcceptAuditEnd,
    ];

    fn label(self) -> &'static str {
        match self {
            Action::ViewDashboard => "membuka Beranda",
            Action::ManageSettings => "mengubah pengaturan kantor",
            Action::ManageAccounts => "mengelola akun pengguna",
            Action::ViewAudit => "melihat jejak audit",
            Action::VerifyAudit => "memeriksa jejak audit",
            Action::Backup => "membuat cadangan",
            Action::Restore => "memulihkan cadangan",
            Action::RecordVisits => "mencatat buku tamu",
            Action::ViewVisits => "melihat buku tamu",
            Action::RevealNik => "menampilkan NIK lengkap",
            Action::ManagePersonalData => "mengelola data pribadi tamu",
            Action::RecordLetters => "mencatat surat masuk",
            Action::RecordCases => "mencatat pengaduan",
            Action::ViewCases => "melihat surat masuk dan pengaduan",
            Action::HandleCases => "mengubah status pengaduan",
            Action::Dispose => "memberi disposisi",
            Action::RecordPaperDisposition => "mencatat disposisi dari lembar kertas",
            Action::DraftReplies => "menyusun konsep surat balasan",
            Action::ReviewReplies => "memaraf konsep surat",
            Action::SignReplies => "menandatangani surat",
            Action::MeetVisitors => "menerima tamu yang diarahkan kepadanya",
            Action::ReopenCases => "membuka kembali pengaduan",
            Action::LogContacts => "mencatat kontak dengan pelapor",
            Action::AcceptAuditEnd => "menerima ujung jejak audit sebagai acuan baru",
        }
    }
}

/// The permission table: which roles may do each action. The one place that says it.
const PERMISSIONS: &[(Action, &[Role])] = &[
    (Action::ViewDashboard, &Role::ALL),
    (Action::ManageSettings, &[Role::Admin]),
    (Action::ManageAccounts, &[Role::Admin]),
    (Action::ViewAudit, &[Role::Admin, Role::KepalaDinas]),
    (Action::VerifyAudit, &[Role::Admin, Role::KepalaDinas]),
    (Action::Backup, &[Role::Admin]),
    (Action::Restore, &[Role::Admin]),
    (Action::RecordVisits, &[Role::Admin, Role::Resepsionis]),
    (Action::ViewVisits, &Role::ALL),
    (
        Action::RevealNik,
        &[Role::Admin, Role::Resepsionis, Role::KepalaDinas],
    ),
    (Action::ManagePersonalData, &[Role::Admin]),
    (Action::RecordLetters, &[Role::Admin, Role::PengelolaSurat]),
    (
        Action::RecordCases,
        &[Role::Admin, Role::Resepsionis, Role::PengelolaSurat],
    ),
    (Action::ViewCases, &Role::ALL),
    (
        Action::HandleCases,
        &[
            Role::Admin,
            Role::PengelolaSurat,
            Role::Pejabat,
            Role::KepalaDinas,
        ],
    ),
    (Action::Dispose, &[Role::Pejabat, Role::KepalaDinas]),
    (
        Action::RecordPaperDisposition,
        &[Role::Admin, Role::PengelolaSurat],
    ),
    (
        Action::DraftReplies,
        &[Role::PengelolaSurat, Role::Pejabat, Role::KepalaDinas],
    ),
    (Action::ReviewReplies, &[Role::Pejabat, Role::KepalaDinas]),
    (Action::SignReplies, &[Role::Pejabat, Role::KepalaDinas]),
    (Action::MeetVisitors, &[Role::Pejabat, Role::KepalaDinas]),
    (Action::ReopenCases, &[Role::Admin, Role::KepalaDinas]),
    (Action::LogContacts, &Role::ALL),
    (Action::AcceptAuditEnd, &[Role::Admin]),
];

pub fn allowed(role: Role, action: Action) -> bool {
    PERMISSIONS
        .iter()
        .any(|(a, roles)| *a == action && roles.contains(&role))
}

/// Who is acting: passed to every facade method that reads or changes office data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub account_id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub role_label: &'static str,
    pub must_change_password: bool,
    /// The actions this role may take, for the UI to show only what can be used.
    pub permissions: Vec<Action>,
}

impl Actor {
    pub fn authorize(&self, action: Action) -> Result<()> {
        if self.must_change_password {
            return Err(Error::Forbidden {
                message: "Ganti dulu kata sandi sementara dari Admin sebelum bekerja.".into(),
            });
        }
        if allowed(self.role, action) {
            Ok(())
        } else {
            Err(Error::Forbidden {
                message: format!(
                    "Peran {} tidak boleh {}.",
                    self.role.label(),
                    action.label()
                ),
            })
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub role_label: &'static str,
    pub official_id: Option<i64>,
    pub active: bool,
    pub must_change_password: bool,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct AccountInput {
    pub username: String,
    pub full_name: String,
    /// Required: an update without it must not quietly demote the account.
    pub role: Role,
    pub official_id: Option<i64>,
    pub active: bool,
    /// Only for new accounts (and resets): the first password, which must be changed.
    #[serde(skip_serializing)]
    pub password: String,
    /// The record's revision when the form was opened ([`crate::Office::revision`]): a save
    /// over someone else's later change is refused, naming who made it and when. None: not
    /// checked (a new record, or a caller that did not open a form).
    #[serde(default)]
    pub seen: Option<i64>,
}

pub const MIN_PASSWORD_CHARS: usize = 8;
/// Wrong passwords in a row before the temporary lock.
pub const LOCK_AFTER: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

/// The wait before the next attempt after `failures` wrong passwords in a row: none for the
/// first two, then 2, 4, 8… seconds, then the lock.
pub fn delay_after(failures: i64) -> Duration {
    match failures {
        f if f >= LOCK_AFTER => Duration::minutes(LOCK_MINUTES),
        f if f >= 3 => Duration::seconds(1 << (f - 2)),
        _ => Duration::zero(),
    }
}

fn check_password(field: &str, password: &str, username: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(Error::invalid(
            field,
            "account.password_short",
            format!("Kata sandi paling sedikit {MIN_PASSWORD_CHARS} karakter."),
        ));
    }
    if chars > 200 {
        return Err(Error::invalid(
            field,
            "account.password_long",
            "Kata sandi paling banyak 200 karakter.",
        ));
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err(Error::invalid(
            field,
            "account.password_has_username",
            "Kata sandi tidak boleh memuat nama pengguna.",
        ));
    }
    Ok(())
}

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::Io(std::io::Error::other(format!("argon2: {e}"))))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

fn validate(
    conn: &Connection,
    id: Option<i64>,
    input: &AccountInput,
    with_password: bool,
) -> Result<(String, String, Role)> {
    let mut e = FieldErrors::new();
    let username = e
        .take(text::required(
            "username",
            "Nama pengguna",
            &input.username,
            32,
        ))
        .map(|u| u.to_lowercase());
    if let Some(name) = &username {
        if name.len() < 3
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        {
            e.add(
                "username",
                "account.username_invalid",
                "Nama pengguna 3–32 karakter: huruf, angka, titik, garis bawah atau tanda hubung.",
            );
        } else {
            let taken: Option<i64> = conn
                .prepare_cached("SELECT id FROM accounts WHERE username = :name")?
                .query_row(named_params! { ":name": name }, |row| row.get(0))
                .optional()?;
            if taken.is_some_and(|other| Some(other) != id) {
                e.add(
                    "username",
                    "account.username_taken",
                    "Nama pengguna ini sudah dipakai.",
                );
            }
        }
    }
    let full_name = e.take(text::required(
        "full_name",
        "Nama lengkap",
        &input.full_name,
        120,
    ));
    if input.role == Role::Pejabat && input.official_id.is_none() {
        e.add(
            "official_id",
            "account.official_required",
            "Akun Pejabat harus ditautkan ke data pejabat.",
        );
    }
    if let Some(official) = input.official_id {
        let exists: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM officials WHERE id = :id)")?
            .query_row(named_params! { ":id": official }, |row| row.get(0))?;
        if !exists {
            e.add(
                "official_id",
                "account.official_missing",
                "Data pejabat tidak ditemukan.",
            );
        }
    }
    if with_password {
        e.take(check_password(
            "password",
            &input.password,
            username.as_deref().unwrap_or(""),
        ));
    }
    e.into_result()?;
    Ok((username.unwrap(), full_name.unwrap(), input.role))
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM accounts", [], |row| row.get(0))?)
}

/// Creates an account; the first administrator sets their own password, every other new
/// account must change the one the admin gave it.
pub fn create(
    conn: &Connection,
    input: &AccountInput,
    must_change: bool,
    now: DateTime<Utc>,
) -> Result<Account> {
    let (username, full_name, role) = validate(conn, None, input, true)?;
    let hash = hash_password(&input.password)?;
    conn.prepare_cached(
        "INSERT INTO accounts (username, full_name, role, official_id, password_hash, must_change_password, active, created_at)
         VALUES (:username, :full_name, :role, :official, :hash, :must_change, 1, :now)",
    )?
    .execute(named_params! {
        ":username": username, ":full_name": full_name, ":role": role.as_str(), ":official": input.official_id,
        ":hash": hash, ":must_change": must_change, ":now": now,
    })?;
    get(conn, conn.last_insert_id()?)
}

/// Changes name, role, linked official or active flag (not the password).
pub fn update(conn: &Connection, id: i64, input: &AccountInput) -> Result<Account> {
    let before = get(conn, id)?;
    let (username, full_name, role) = validate(conn, Some(id), input, false)?;
    if before.role == Role::Admin
        && (role != Role::Admin || !input.active)
        && active_admins(conn)? <= 1
        && before.active
    {
        return Err(Error::invalid(
            "role",
            "account.last_admin",
            "Harus tetap ada satu Admin aktif.",
        ));
    }
    conn.prepare_cached(
        "UPDATE accounts SET username = :username, full_name = :full_name, role = :role,
                official_id = :official, active = :active WHERE id = :id",
    )?
    .execute(named_params! {
        ":username": username, ":full_name": full_name, ":role": role.as_str(),
        ":official": input.official_id, ":active": input.active, ":id": id,
    })?;
    get(conn, id)
}

fn active_admins(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM accounts WHERE role = 'admin' AND active = 1",
        [],
        |row| row.get(0),
    )?)
}

/// The admin sets a temporary password; the owner must change it at the next sign-in.
pub fn reset_password(conn: &Connection, id: i64, password: &str) -> Result<Account> {
    let account = get(conn, id)?;
    check_password("password", password, &account.username)?;
    let hash = hash_password(password)?;
    conn.prepare_cached("DELETE FROM sign_in_attempts WHERE name_hash = :key")?
        .execute(named_params! { ":key": name_key(conn, &account.username)? })?;
    conn.prepare_cached(
        "UPDATE accounts SET password_hash = :hash, must_change_password = 1, failed_attempts = 0,
                next_attempt_at = NULL WHERE id = :id",
    )?
    .execute(named_params! { ":hash": hash, ":id": id })?;
    get(conn, id)
}

pub fn change_own_password(
    conn: &Connection,
    id: i64,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let account = get(conn, id)?;
    verify_password(conn, id, current, now).map_err(|e| match e {
        Error::Invalid(_) => Error::invalid(
            "current",
            "account.wrong_password",
            "Kata sandi sekarang salah.",
        ),
        other => other,
    })?;
    check_password("new", new, &account.username)?;
    if current == new {
        return Err(Error::invalid(
            "new",
            "account.password_same",
            "Kata sandi baru harus berbeda dari yang sekarang.",
        ));
    }
    conn.prepare_cached(
        "UPDATE accounts SET password_hash = :hash, must_change_password = 0 WHERE id = :id",
    )?
    .execute(named_params! { ":hash": hash_password(new)?, ":id": id })?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Account> {
    let account = query(conn, "WHERE id = ?1", [id])?
        .pop()
        .ok_or(Error::NotFound {
            code: "account.not_found",
            what: "Akun",
        })?;
    with_lock(conn, account)
}

pub fn list(conn: &Connection) -> Result<Vec<Account>> {
    query(conn, "ORDER BY active DESC, username", [])?
        .into_iter()
        .map(|account| with_lock(conn, account))
        .collect()
}

fn query<P: crate::store::Params>(
    conn: &Connection,
    rest: &str,
    params: P,
) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, username, full_name, role, official_id, active, must_change_password
           FROM accounts {rest}"
    ))?;
    let rows = stmt.query_map(params, |row| {
        let role = Role::parse(&row.get::<_, String>(3)?).unwrap_or(Role::Resepsionis);
        Ok(Account {
            id: row.get(0)?,
            username: row.get(1)?,
            full_name: row.get(2)?,
            role,
            role_label: role.label(),
            official_id: row.get(4)?,
            active: row.get(5)?,
            must_change_password: row.get(6)?,
            locked_until: None,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// The sign-in lock is kept by name, with every other name's ([`sign_in`]).
fn with_lock(conn: &Connection, mut account: Account) -> Result<Account> {
    let (failures, next) = attempts(conn, &name_key(conn, &account.username)?)?;
    account.locked_until = next.filter(|_| failures >= LOCK_AFTER);
    Ok(account)
}

/// The one answer to a wrong name, a wrong password or a disabled account: the same words
/// for all three, so the sign-in screen never tells which names exist or which password was
/// right.
fn wrong_sign_in(failures: i64) -> Error {
    let message = if failures >= LOCK_AFTER {
        format!(
            "Nama pengguna atau kata sandi salah. Percobaan dikunci {LOCK_MINUTES} menit; bila \
             lupa kata sandi atau akun dinonaktifkan, hubungi Admin."
        )
    } else {
        "Nama pengguna atau kata sandi salah.".to_owned()
    };
    Error::invalid("password", "account.wrong_password", message)
}

/// Refuses an attempt inside the wait after earlier wrong ones; otherwise the count of wrong
/// attempts in a row so far (a lock that has run out starts a fresh count, so one more typo
/// does not lock again).
fn gate(failures: i64, next: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<i64> {
    if let Some(next) = next.filter(|next| *next > now) {
        let wait = (next - now).num_seconds().max(1);
        let wait = if wait >= 120 {
            format!("{} menit", (wait + 59) / 60)
        } else {
            format!("{wait} detik")
        };
        return Err(Error::Throttled {
            message: format!("Terlalu banyak percobaan yang salah. Coba lagi dalam {wait}."),
        });
    }
    Ok(if failures >= LOCK_AFTER { 0 } else { failures })
}

/// When the next attempt may come after `failures` wrong ones in a row.
fn next_attempt(failures: i64, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let delay = delay_after(failures);
    (delay > Duration::zero()).then_some(now + delay)
}

/// Checks a password against an account, applying the delay and the lock. Wrong passwords
/// are counted even though the caller's transaction carries the result.
fn verify_password(conn: &Connection, id: i64, password: &str, now: DateTime<Utc>) -> Result<()> {
    let (hash, failures, next): (String, i64, Option<DateTime<Utc>>) = conn
        .prepare_cached(
            "SELECT password_hash, failed_attempts, next_attempt_at FROM accounts WHERE id = :id",
        )?
        .query_row(named_params! { ":id": id }, |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?;
    let failures = gate(failures, next, now)?;
    if password_matches(password, &hash) {
        conn.prepare_cached(
            "UPDATE accounts SET failed_attempts = 0, next_attempt_at = NULL WHERE id = :id",
        )?
        .execute(named_params! { ":id": id })?;
        return Ok(());
    }
    let failures = failures + 1;
    conn.prepare_cached(
        "UPDATE accounts SET failed_attempts = :failures, next_attempt_at = :next WHERE id = :id",
    )?
    .execute(named_params! {
        ":failures": failures, ":next": next_attempt(failures, now), ":id": id,
    })?;
    Err(wrong_sign_in(failures))
}

/// Where the sign-in screen's wrong tries for a name are counted: its salted SHA-256 (what
/// is typed into the name field is sometimes a password).
fn name_key(conn: &Connection, username: &str) -> Result<String> {
    let salt = values::get(conn, values::SIGN_IN_SALT)?.unwrap_or_default();
    Ok(crate::attachments::sha256_hex(
        format!("{salt}\n{}", username.trim().to_lowercase()).as_bytes(),
    ))
}

/// The wrong tries in a row under a name, and when the next may come.
fn attempts(conn: &Connection, key: &str) -> Result<(i64, Option<DateTime<Utc>>)> {
    Ok(conn
        .prepare_cached(
            "SELECT failures, next_attempt_at FROM sign_in_attempts WHERE name_hash = :key",
        )?
        .query_row(named_params! { ":key": key }, |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or((0, None)))
}

/// Signs in. The outcome (and the count of wrong tries) is committed by the caller either
/// way. Every name is counted, waited for and locked the same way, in `sign_in_attempts`
/// under its salted hash, whether it is an account, a disabled one or no account at all, and
/// every wrong answer has the same words and the same hashing work: the sign-in screen never
/// tells which names exist, nor which password was right.
pub fn sign_in(
    conn: &Connection,
    username: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Actor> {
    let key = name_key(conn, username)?;
    conn.prepare_cached("DELETE FROM sign_in_attempts WHERE last_failure_at < :cutoff")?
        .execute(named_params! { ":cutoff": now - Duration::days(1) })?;
    let (failures, next) = attempts(conn, &key)?;
    let failures = gate(failures, next, now)?;
    let found: Option<(i64, String)> = conn
        .prepare_cached(
            "SELECT id, password_hash FROM accounts WHERE username = :name AND active = 1",
        )?
        .query_row(
            named_params! { ":name": username.trim().to_lowercase() },
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("loket-no-such-account").unwrap_or_default());
    let stored = found
        .as_ref()
        .map_or(dummy.as_str(), |(_, hash)| hash.as_str());
    let right = password_matches(password, stored);
    if let (Some((id, _)), true) = (&found, right) {
        conn.prepare_cached("DELETE FROM sign_in_attempts WHERE name_hash = :key")?
            .execute(named_params! { ":key": key })?;
        return actor(conn, *id);
    }
    let failures = failures + 1;
    conn.prepare_cached(
        "INSERT INTO sign_in_attempts (name_hash, failures, next_attempt_at, last_failure_at)
         VALUES (:key, :failures, :next, :now)
         ON CONFLICT (name_hash) DO UPDATE SET failures = excluded.failures,
                next_attempt_at = excluded.next_attempt_at, last_failure_at = excluded.last_failure_at",
    )?
    .execute(named_params! {
        ":key": key, ":failures": failures, ":next": next_attempt(failures, now), ":now": now,
    })?;
    Err(wrong_sign_in(failures))
}

/// Whether `username` names an account, and if so whether it is active: for the audit
/// trail only (the person signing in is never told).
pub fn status(conn: &Connection, username: &str) -> Result<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT active FROM accounts WHERE username = :name")?
        .query_row(
            named_params! { ":name": username.trim().to_lowercase() },
            |row| row.get(0),
        )
        .optional()?)
}

/// The actor for an account (after a successful sign-in or password check).
pub fn actor(conn: &Connection, id: i64) -> Result<Actor> {
    let account = get(conn, id)?;
    Ok(Actor {
        account_id: account.id,
        username: account.username,
        full_name: account.full_name,
        role: account.role,
        role_label: account.role.label(),
        must_change_password: account.must_change_password,
        permissions: Action::ALL
            .into_iter()
            .filter(|a| allowed(account.role, *a))
            .collect(),
    })
}

/// Re-checks the password of a signed-in account (unlocking an idle session).
pub fn confirm_password(
    conn: &Connection,
    id: i64,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Actor> {
    verify_password(conn, id, password, now)?;
    let actor = actor(conn, id)?;
    if !get(conn, id)?.active {
        return Err(Error::Forbidden {
            message: "Akun ini dinonaktifkan. Hubungi admin kantor.".into(),
        });
    }
    Ok(actor)
}

/// How long a session may sit idle before it locks.
pub fn idle_minutes(conn: &Connection) -> Result<i64> {
    Ok(values::get(conn, values::IDLE_MINUTES)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(15))
}

pub fn set_idle_minutes(conn: &Connection, value: &str) -> Result<i64> {
    let minutes = text::integer_in(
        "idle_minutes",
        "Kunci otomatis setelah (menit)",
        value,
        1,
        240,
    )?;
    values::set(conn, values::IDLE_MINUTES, &minutes.to_string())?;
    Ok(minutes)
}

/// A signed-in session on one PC: it locks after the idle time and then needs the password.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub last_activity: DateTime<Utc>,
    pub locked: bool,
}

impl Session {
    pub fn new(actor: Actor, now: DateTime<Utc>) -> Self {
        Session {
            actor,
            last_activity: now,
            locked: false,
        }
    }

    /// The actor for a request at `now`, locking the session first if it sat idle too long.
    pub fn touch(&mut self, now: DateTime<Utc>, idle: Duration) -> Result<&Actor> {
        if !self.locked && now - self.last_activity > idle {
            self.locked = true;
        }
        if self.locked {
            return Err(Error::Locked);
        }
        self.last_activity = now;
        Ok(&self.actor)
    }
}

#[cfg(test)]
mod tests;
