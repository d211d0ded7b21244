//! The review path offered for a new draft, from the organisation: the standard has the
//! reply go "secara berjenjang" up to its signer. It starts at whoever handles the case (the
//! author, or for a draft typed by the records clerk the official the case was last disposed
//! to) and climbs the units to just below the signer: a Kasubag's draft goes to the
//! Sekretaris, then to the Head. The author may change it before sending it up.

use crate::store::{Connection, OptionalExtension};
use chrono::NaiveDate;

use super::MAX_REVIEWERS;
use crate::error::Result;
use crate::settings::officials::{self, Official};
use crate::settings::units::{self, UnitKind};

/// The reviewers, in order, for a draft of `author_account_id` on `case_id` signed by
/// `signer_official_id`.
pub fn proposed(
    conn: &Connection,
    author_account_id: i64,
    case_id: i64,
    signer_official_id: i64,
    day: NaiveDate,
) -> Result<Vec<i64>> {
    let serving: Vec<Official> = officials::list(conn, day)?
        .into_iter()
        .filter(|o| o.active)
        .collect();
    let units = units::list(conn)?;
    let author = crate::accounts::get(conn, author_account_id)?.official_id;
    let handler: Option<i64> = conn
        .prepare_cached(
            "SELECT d.to_official_id FROM dispositions d JOIN cases c ON c.id = ?1
              WHERE d.case_id = c.id OR (c.letter_id IS NOT NULL AND d.letter_id = c.letter_id)
              ORDER BY d.created_at DESC, d.id DESC LIMIT 1",
        )?
        .query_row([case_id], |r| r.get(0))
        .optional()?;
    let mut path = Vec::new();
    // A draft typed for an official is initialled by that official first.
    let start = match author {
        Some(own) => Some(own),
        None => {
            path.extend(handler);
            handler
        }
    };
    let mut unit = start
        .and_then(|id| serving.iter().find(|o| o.id == id))
        .map(|o| o.unit_id);
    while let Some(parent) = unit
        .and_then(|id| units.iter().find(|u| u.id == id))
        .and_then(|u| u.parent_id)
    {
        let Some(parent_unit) = units.iter().find(|u| u.id == parent) else {
            break;
        };
        if parent_unit.kind == UnitKind::Dinas {
            break;
        }
        if let Some(head) = serving.iter().find(|o| o.unit_id == parent) {
            path.push(head.id);
        }
        unit = Some(parent);
    }
    let mut seen = Vec::new();
    path.retain(|id| {
        let keep = *id != signer_official_id && Some(*id) != author && !seen.contains(id);
        seen.push(*id);
        keep
    });
    path.truncate(MAX_REVIEWERS);
    Ok(path)
}
