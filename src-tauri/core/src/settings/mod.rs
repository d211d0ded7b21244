//! The office's settings: profile and letterheads, organisation units, officials, channel
//! deadlines, numbering formats and classification codes. Each file owns its table(s).

pub mod channels;
pub mod classification;
pub mod emblem;
pub mod letter_setup;
pub mod letterhead;
pub mod nip;
pub mod numbering;
pub mod office_hours;
pub mod officials;
pub mod units;
pub mod values;
