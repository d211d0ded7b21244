//! The value lists the window offers — what a letter is, statuses, instructions, urgencies,
//! ID types, roles… — served from the core's own tables, so a form can never offer a value
//! the core would refuse, nor label one differently from the lists and printouts.

use serde::Serialize;

use crate::accounts::Role;
use crate::cases::{self, status};
use crate::settings::units::UnitKind;
use crate::{dispositions, guestbook, letters, people, replies, settings};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Choices {
    pub letter_kinds: Vec<Choice>,
    pub urgencies: Vec<Choice>,
    pub case_kinds: Vec<Choice>,
    pub identities: Vec<Choice>,
    pub case_statuses: Vec<Choice>,
    pub answer_via: Vec<Choice>,
    pub contact_methods: Vec<Choice>,
    pub dispatch_methods: Vec<Choice>,
    pub instructions: Vec<Choice>,
    pub id_types: Vec<Choice>,
    pub visit_purposes: Vec<Choice>,
    pub asked_levels: Vec<Choice>,
    pub visit_outcomes: Vec<Choice>,
    pub roles: Vec<Choice>,
    pub unit_kinds: Vec<Choice>,
    pub papers: Vec<Choice>,
    pub fonts: Vec<Choice>,
}

fn table(pairs: &[(&'static str, &'static str)]) -> Vec<Choice> {
    pairs
        .iter()
        .map(|&(value, label)| Choice { value, label })
        .collect()
}

pub fn all() -> Choices {
    Choices {
        letter_kinds: table(&letters::KINDS),
        urgencies: table(&letters::URGENCIES),
        case_kinds: table(&cases::KINDS),
        identities: table(&cases::IDENTITIES),
        case_statuses: status::ALL
            .iter()
            .map(|s| Choice {
                value: s.code(),
                label: s.label(),
            })
            .collect(),
        answer_via: table(&cases::ANSWER_VIA),
        contact_methods: table(&cases::contacts::METHODS),
        dispatch_methods: table(&replies::dispatch::METHODS),
        instructions: table(&dispositions::INSTRUCTIONS),
        id_types: table(&people::ID_TYPES),
        visit_purposes: table(&guestbook::PURPOSES),
        asked_levels: table(&guestbook::ASKED_LEVELS),
        visit_outcomes: table(&guestbook::OUTCOMES),
        // Least to most rights, as the account form lists them.
        roles: [
            Role::Resepsionis,
            Role::PengelolaSurat,
            Role::Pejabat,
            Role::KepalaDinas,
            Role::Admin,
        ]
        .iter()
        .map(|r| Choice {
            value: r.as_str(),
            label: r.label(),
        })
        .collect(),
        unit_kinds: UnitKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str(),
                label: k.label(),
            })
            .collect(),
        papers: table(&settings::letter_setup::PAPERS),
        fonts: table(&settings::letter_setup::FONTS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_offered_is_one_the_core_accepts() {
        let c = all();
        assert!(c
            .case_statuses
            .iter()
            .all(|s| status::Status::parse(s.value).is_some()));
        assert!(c.roles.iter().all(|r| Role::parse(r.value).is_some()));
        assert_eq!(c.roles.len(), Role::ALL.len());
        assert!(c
            .unit_kinds
            .iter()
            .all(|k| UnitKind::parse(k.value).is_some()));
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["letter_kinds"][3]["label"], "Surat dinas lain");
        assert_eq!(json["instructions"][0]["value"], "tanggapan");
    }
}
