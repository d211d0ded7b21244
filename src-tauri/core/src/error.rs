//! The one error type of the core. Every variant carries a stable code the UI can rely on
//! and an Indonesian message a receptionist can act on; internal failures (SQL, I/O) keep
//! their technical detail for the log and never show it to the user.

use serde::Serialize;

/// A problem with one field of a form: which field, a stable code and the message to show
/// beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The user's input breaks a rule; one entry per offending field, in form order.
    #[error("{}", .0.first().map(|e| e.message.as_str()).unwrap_or("Isian tidak valid."))]
    Invalid(Vec<FieldError>),

    #[error("{what} tidak ditemukan; mungkin sudah dihapus atau diubah di komputer lain.")]
    NotFound {
        code: &'static str,
        what: &'static str,
    },

    /// Someone saved the same record after this form was opened: saving would overwrite
    /// their change unseen.
    #[error(
        "Data ini sudah diubah oleh {by} pada {at} WITA, setelah Anda membukanya. Perubahan \
         Anda tidak disimpan; muat ulang untuk melihat perubahan itu, lalu ubah lagi bila perlu."
    )]
    ChangedMeanwhile { by: String, at: String },

    /// The signed-in role may not do this (checked in the core, not only hidden in the UI).
    #[error("{message}")]
    Forbidden { message: String },

    /// Too many wrong passwords: wait before the next attempt.
    #[error("{message}")]
    Throttled { message: String },

    /// The session sat idle and is locked until the password is given again.
    #[error("Layar terkunci karena tidak ada kegiatan. Masukkan kata sandi untuk melanjutkan.")]
    Locked,

    /// No one is signed in.
    #[error("Silakan masuk terlebih dahulu.")]
    NotSignedIn,

    #[error(
        "Basis data ini dibuat oleh versi Loket yang lebih baru (skema {found}, program ini \
         mengenal sampai {supported}). Perbarui Loket; data kantor tidak diubah."
    )]
    DatabaseTooNew { found: i64, supported: i64 },

    #[error("Berkas basis data tidak dapat dibaca sebagai basis data Loket: {0}")]
    DatabaseUnreadable(String),

    /// The office server went away mid-action (network, restart): the server rolled the
    /// action back, so nothing of it is saved.
    #[error(
        "Sambungan ke server basis data kantor terputus, jadi tindakan ini tidak tersimpan \
         (tidak ada yang tersimpan sebagian). Periksa jaringan, lalu coba lagi."
    )]
    ConnectionLost(String),

    /// Another PC's save held the office server for longer than a save waits (a minute).
    #[error(
        "Komputer lain sedang menyimpan ke server basis data kantor terlalu lama, jadi \
         tindakan ini belum disimpan. Coba lagi sebentar lagi."
    )]
    Busy,

    /// This PC's file was moved onto the office server: it is kept as it was, and no longer
    /// written (what is saved goes to the server, or it would be lost there).
    #[error("{0}")]
    MovedToServer(String),

    /// The office server refused this PC: a wrong password, a database missing or made
    /// unsuitably, too many connections. The reason is said in full.
    #[error("{0}")]
    ServerRefused(String),

    /// The office server could not be reached when Loket opened the office's data.
    #[error(
        "Server basis data kantor tidak dapat dihubungi, jadi Loket belum dapat dipakai. \
         Pastikan komputer server menyala dan tersambung ke jaringan kantor, lalu buka Loket \
         lagi. Rincian untuk admin: {0}"
    )]
    ServerUnreachable(String),

    /// The line went while the server was committing: only a look at the data can tell.
    #[error(
        "Sambungan ke server basis data kantor terputus tepat saat menyimpan. Periksa apakah \
         data ini sudah tersimpan sebelum mengulanginya."
    )]
    CommitUncertain(String),

    #[error("Kesalahan basis data: {0}")]
    Sql(crate::store::SqlError),

    #[error("Kesalahan berkas: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<crate::store::SqlError> for Error {
    fn from(error: crate::store::SqlError) -> Self {
        match error {
            crate::store::SqlError::ConnectionLost(detail) => Error::ConnectionLost(detail),
            crate::store::SqlError::CommitUncertain(detail) => Error::CommitUncertain(detail),
            crate::store::SqlError::Busy => Error::Busy,
            other => Error::Sql(other),
        }
    }
}

impl Error {
    /// A single-field validation error.
    pub fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        }])
    }

    /// The stable code the UI matches on, e.g. `official.nip_invalid`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(errors) => errors.first().map(|e| e.code).unwrap_or("invalid"),
            Error::NotFound { code, .. } => code,
            Error::Forbidden { .. } => "auth.forbidden",
            Error::ChangedMeanwhile { .. } => "record.changed_meanwhile",
            Error::Throttled { .. } => "auth.throttled",
            Error::Locked => "auth.locked",
            Error::NotSignedIn => "auth.not_signed_in",
            Error::DatabaseTooNew { .. } => "store.too_new",
            Error::DatabaseUnreadable(_) => "store.unreadable",
            Error::ConnectionLost(_) => "store.connection_lost",
            Error::ServerUnreachable(_) => "store.server_unreachable",
            Error::ServerRefused(_) => "store.server_refused",
            Error::MovedToServer(_) => "store.moved_to_server",
            Error::Busy => "store.busy",
            Error::CommitUncertain(_) => "store.commit_uncertain",
            Error::Sql(_) | Error::Io(_) => "internal",
        }
    }

    /// The field the (first) message belongs beside, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid(errors) => errors.first().map(|e| e.field.as_str()),
            _ => None,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }

    /// Internal errors are logged and shown with a generic message; the rest are the user's
    /// to fix and are shown as they are.
    pub fn is_internal(&self) -> bool {
        matches!(self, Error::Sql(_) | Error::Io(_))
    }
}

/// Collects field errors while a whole form is checked, so the user sees every problem at
/// once instead of one per attempt.
#[derive(Debug, Default)]
pub struct FieldErrors {
    fields: Vec<FieldError>,
    /// A failure that is not the user's to fix (the database, the disk): it wins over field
    /// messages, so it is logged and reported as what it is.
    other: Option<Error>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        self.fields.push(FieldError {
            field: field.to_owned(),
            code,
            message: message.into(),
        });
    }

    /// Keeps the value when valid, records the error otherwise.
    pub fn take<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(Error::Invalid(errors)) => {
                self.fields.extend(errors);
                None
            }
            Err(other) => {
                self.other.get_or_insert(other);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.other.is_none()
    }

    pub fn into_result(self) -> Result<()> {
        match self.other {
            Some(other) => Err(other),
            None if self.fields.is_empty() => Ok(()),
            None => Err(Error::Invalid(self.fields)),
        }
    }
}
