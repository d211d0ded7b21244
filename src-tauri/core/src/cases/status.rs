//! A case's status and the moves allowed between them, in one table: the UI offers only
//! these, and the core refuses anything else with a coded error.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Registered, not yet passed to anyone.
    Diterima,
    /// Passed down by a disposition.
    Didisposisikan,
    /// The official handling it has started.
    DalamPenanganan,
    /// The complainant has their answer (how, when, by whom recorded).
    Dijawab,
    /// Closed after the answer.
    Selesai,
    /// Referred to another agency; closed here.
    Dilimpahkan,
}

pub const ALL: [Status; 6] = [
    Status::Diterima,
    Status::Didisposisikan,
    Status::DalamPenanganan,
    Status::Dijawab,
    Status::Selesai,
    Status::Dilimpahkan,
];

/// From → the statuses it may move to.
const MOVES: [(Status, &[Status]); 6] = [
    (
        Status::Diterima,
        &[
            Status::Didisposisikan,
            Status::DalamPenanganan,
            Status::Dijawab,
            Status::Dilimpahkan,
        ],
    ),
    (
        Status::Didisposisikan,
        &[
            Status::DalamPenanganan,
            Status::Dijawab,
            Status::Dilimpahkan,
        ],
    ),
    (
        Status::DalamPenanganan,
        &[Status::Dijawab, Status::Dilimpahkan],
    ),
    (Status::Dijawab, &[Status::Selesai]),
    (Status::Selesai, &[]),
    (Status::Dilimpahkan, &[]),
];

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Diterima => "diterima",
            Status::Didisposisikan => "didisposisikan",
            Status::DalamPenanganan => "dalam_penanganan",
            Status::Dijawab => "dijawab",
            Status::Selesai => "selesai",
            Status::Dilimpahkan => "dilimpahkan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Diterima => "Diterima",
            Status::Didisposisikan => "Didisposisikan",
            Status::DalamPenanganan => "Dalam penanganan",
            Status::Dijawab => "Dijawab",
            Status::Selesai => "Selesai",
            Status::Dilimpahkan => "Dilimpahkan",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        ALL.into_iter().find(|s| s.code() == code)
    }

    /// Still waiting for an answer: counts against its deadline.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Diterima | Status::Didisposisikan | Status::DalamPenanganan
        )
    }

    pub fn next(self) -> &'static [Status] {
        MOVES
            .iter()
            .find(|(from, _)| *from == self)
            .map(|(_, to)| *to)
            .unwrap_or(&[])
    }

    /// As [`check_move`](Self::check_move), for a case that came through `channel`: a letter
    /// to the Head is disposed by him before anything else happens to it (procedure 2 of the
    /// standard); a case from the counter or the box may be handled without a disposition.
    pub fn check_move_on(self, channel: &str, to: Status) -> Result<()> {
        if channel == "letter" && self == Status::Diterima && to != Status::Didisposisikan {
            return Err(Error::invalid(
                "status",
                "case.letter_needs_disposition",
                "Surat pengaduan didisposisikan dulu oleh Kepala Dinas sebelum ditangani, \
                 dijawab atau dilimpahkan.",
            ));
        }
        self.check_move(to)
    }

    /// Refuses a move the table does not allow, naming both ends.
    pub fn check_move(self, to: Status) -> Result<()> {
        if self.next().contains(&to) {
            return Ok(());
        }
        Err(Error::invalid(
            "status",
            "case.transition",
            format!(
                "Status pengaduan tidak dapat diubah dari \"{}\" menjadi \"{}\".",
                self.label(),
                to.label()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_is_in_the_table_and_nothing_else() {
        use Status::*;
        let allowed = [
            (Diterima, Didisposisikan),
            (Diterima, DalamPenanganan),
            (Diterima, Dijawab),
            (Diterima, Dilimpahkan),
            (Didisposisikan, DalamPenanganan),
            (Didisposisikan, Dijawab),
            (Didisposisikan, Dilimpahkan),
            (DalamPenanganan, Dijawab),
            (DalamPenanganan, Dilimpahkan),
            (Dijawab, Selesai),
        ];
        for from in ALL {
            for to in ALL {
                let expected = allowed.contains(&(from, to));
                let result = from.check_move(to);
                assert_eq!(result.is_ok(), expected, "{from:?} → {to:?}");
                if let Err(e) = result {
                    assert_eq!(e.code(), "case.transition");
                    assert!(e.to_string().contains(from.label()), "{e}");
                }
            }
        }
        assert!(ALL.iter().all(|s| Status::parse(s.code()) == Some(*s)));
        assert_eq!(
            ALL.iter().filter(|s| s.is_open()).count(),
            3,
            "diterima, didisposisikan, dalam penanganan"
        );
    }
}
