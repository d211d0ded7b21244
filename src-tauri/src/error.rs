//! How a failure reaches the UI: `{code, message, field, fields}`, the message in Indonesian.
//! Internal failures (SQL, I/O) are written to the log with their detail; the user gets a
//! plain sentence saying nothing was lost and where the log is.

use loket_core::{Error, FieldError};
use serde::Serialize;

use crate::logging;

#[derive(Debug, Clone, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// The field the message belongs beside, if any.
    pub field: Option<String>,
    /// Every field problem found, for forms that show them all at once.
    pub fields: Vec<FieldError>,
}

pub type CommandResult<T> = Result<T, CommandError>;

impl CommandError {
    /// A failure of the shell's own (files, viewer), already worded for the user.
    pub fn message(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_owned(),
            message: message.into(),
            field: None,
            fields: Vec::new(),
        }
    }
}

impl From<Error> for CommandError {
    fn from(error: Error) -> Self {
        if error.is_internal() {
            logging::error(&format!("{error:?}"));
            return CommandError {
                code: error.code().to_owned(),
                message: format!(
                    "Terjadi kesalahan internal; perubahan terakhir tidak disimpan dan data yang \
                     sudah ada tetap utuh.{}",
                    logging::path()
                        .map(|p| format!(" Rincian dicatat di {}.", p.display()))
                        .unwrap_or_default()
                ),
                field: None,
                fields: Vec::new(),
            };
        }
        CommandError {
            code: error.code().to_owned(),
            message: error.to_string(),
            field: error.field().map(str::to_owned),
            fields: error.field_errors().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_message_field() {
        let error = Error::invalid("nip", "official.nip_invalid", "NIP harus 18 angka.");
        let json = serde_json::to_value(CommandError::from(error)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "official.nip_invalid",
                "message": "NIP harus 18 angka.",
                "field": "nip",
                "fields": [{"field": "nip", "code": "official.nip_invalid", "message": "NIP harus 18 angka."}]
            })
        );
    }

    #[test]
    fn internal_errors_hide_their_detail() {
        let error = Error::Sql(sql_error());
        let json = serde_json::to_value(CommandError::from(error)).unwrap();
        assert_eq!(json["code"], "internal");
        let message = json["message"].as_str().unwrap();
        assert!(
            message.contains("tetap utuh") && !message.contains("SQL"),
            "{message}"
        );
    }

    fn sql_error() -> loket_core::store::SqlError {
        loket_core::store::SqlError::NoRows
    }
}
