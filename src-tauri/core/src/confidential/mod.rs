//! Who may know a complainant who asked for their identity to be kept confidential (or who
//! wrote anonymously, when the letter itself still names them). The identity is stored, and
//! the people who handle the complaint need it; everyone else must not learn it by any path:
//! lists, search, the case and letter pages, the person page, reply drafts and their PDFs,
//! the scans of the letter, exports.
//!
//! Those who may know: the Head of Office and the Admin (who answers for the office's
//! personal data); whoever registered the case or its letter (they read it when it came in);
//! every official on the case's or the letter's disposition tree (who disposed or received
//! it); and the author, the reviewers and the signer of a reply to it. Lists, registers,
//! receipts and the search index never name the complainant, whoever reads them.

use crate::store::{named_params, Connection, OptionalExtension};

use crate::accounts::{Actor, Role};
use crate::error::{Error, Result};

/// Whether `actor` may know who the complainant of case `case_id` is. A named complainant
/// is no secret.
pub fn may_know_case(conn: &Connection, actor: &Actor, case_id: i64) -> Result<bool> {
    if matches!(actor.role, Role::Admin | Role::KepalaDinas) {
        return Ok(true);
    }
    let official = crate::accounts::get(conn, actor.account_id)?.official_id;
    Ok(conn
        .prepare_cached(
            "SELECT c.identity = 'named'
                 OR c.recorded_by = :account
                 OR EXISTS (SELECT 1 FROM letters l WHERE l.id = c.letter_id AND l.recorded_by = :account)
                 OR EXISTS (SELECT 1 FROM dispositions d
                             WHERE (d.case_id = c.id OR (c.letter_id IS NOT NULL AND d.letter_id = c.letter_id))
                               AND :official IN (d.to_official_id, d.from_official_id))
                 OR EXISTS (SELECT 1 FROM replies r
                             WHERE r.case_id = c.id
                               AND (r.author_account_id = :account
                                    OR :official IN (r.signer_official_id, r.reviewer1_id,
                                                     r.reviewer2_id, r.reviewer3_id)))
               FROM cases c WHERE c.id = :case",
        )?
        .query_row(
            named_params! { ":case": case_id, ":account": actor.account_id, ":official": official },
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// The case whose complainant a letter names, when that complainant is not named openly
/// (a letter that opened a confidential or anonymous case).
pub fn hidden_case_of_letter(conn: &Connection, letter_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM cases WHERE letter_id = ?1 AND identity <> 'named'")?
        .query_row([letter_id], |r| r.get(0))
        .optional()?)
}

/// Whether a case's complainant is kept from those who may not know her.
pub fn is_hidden_case(conn: &Connection, case_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT identity <> 'named' FROM cases WHERE id = ?1")?
        .query_row([case_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false))
}

/// Whether a disposition is about a confidential complainant's matter (its case, or the
/// letter that opened it).
pub fn is_hidden_disposition(
    conn: &Connection,
    d: &crate::dispositions::Disposition,
) -> Result<bool> {
    Ok(match (d.case_id, d.letter_id) {
        (Some(case), _) if is_hidden_case(conn, case)? => true,
        (_, Some(letter)) => hidden_case_of_letter(conn, letter)?.is_some(),
        _ => false,
    })
}

/// Whether `actor` may read what a letter says about its sender (the sender, the scans).
pub fn may_know_letter(conn: &Connection, actor: &Actor, letter_id: i64) -> Result<bool> {
    match hidden_case_of_letter(conn, letter_id)? {
        Some(case_id) => may_know_case(conn, actor, case_id),
        None => Ok(true),
    }
}

/// Whether `actor` may see person `person_id` at all: anyone known by name (a visitor, or a
/// complainant on some case without secrecy), or someone known only from confidential cases
/// when the actor may know one of them.
pub fn may_see_person(conn: &Connection, actor: &Actor, person_id: i64) -> Result<bool> {
    let known_by_name: bool = conn
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND {})",
            crate::people::KNOWN_BY_NAME
        ))?
        .query_row([person_id], |r| r.get(0))?;
    if known_by_name {
        return Ok(true);
    }
    let cases: Vec<i64> = conn
        .prepare_cached("SELECT id FROM cases WHERE person_id = ?1")?
        .query_map([person_id], |r| r.get(0))?
        .collect::<crate::store::SqlResult<_>>()?;
    for case_id in cases {
        if may_know_case(conn, actor, case_id)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The refusal for someone who may not know: the same as for a record that does not exist,
/// so a guessed id confirms nothing.
pub fn person_not_found() -> Error {
    Error::NotFound {
        code: "person.not_found",
        what: "Data tamu",
    }
}

pub fn refused() -> Error {
    Error::Forbidden {
        message: "Pelapor ini meminta identitasnya dirahasiakan. Hanya Kepala Dinas, Admin, \
                  petugas yang mencatatnya dan pejabat yang menangani pengaduannya (disposisi \
                  atau surat balasan) yang dapat membukanya."
            .into(),
    }
}

#[cfg(test)]
pub(crate) mod tests;
