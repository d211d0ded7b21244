//! What the window shares: the office (or why it could not be opened) and where data lives.

use std::path::PathBuf;

use loket_core::Office;

use crate::error::CommandError;

pub struct AppState {
    pub data_dir: PathBuf,
    office: Result<Office, CommandError>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, office: Result<Office, loket_core::Error>) -> Self {
        Self {
            data_dir,
            office: office.map_err(CommandError::from),
        }
    }

    /// The office, or the reason it could not be opened (shown on every screen).
    pub fn office(&self) -> Result<&Office, CommandError> {
        self.office.as_ref().map_err(CommandError::clone)
    }
}
