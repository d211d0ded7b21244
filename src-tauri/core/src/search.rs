//! One search box over cases, letters, visits and people: any word of their text, number or
//! name, through the FTS5 index the triggers of migration 0006 keep in step. Each typed word
//! matches as a prefix (`verif` finds `verifikasi`), all words must match, best first.

use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::cases::{self, DueWindow, OPEN, WITH_OFFICIAL};
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::people::KNOWN_BY_NAME;
use crate::text;

/// At most this many hits are shown; the total says how many matched.
pub const LIMIT: usize = 100;
/// More matches than this are listed newest first instead of best first.
const BROAD: i64 = 2000;
/// Candidates read from the index before the filters; a search matching more than this is
/// too broad to read anyway and says so.
const CANDIDATES: i64 = 5000;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchQuery {
    pub text: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Cases only.
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub official_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// "case", "letter", "visit" or "person": which screen opens it.
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub id: i64,
    pub title: String,
    pub detail: String,
    pub date_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    pub total: usize,
    /// More matched than were read: the user should add a word or a filter.
    pub truncated: bool,
}

/// The FTS5 query for typed words: each one a quoted prefix, so FTS syntax is taken
/// literally and `verif` finds `verifikasi`.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

struct Filters {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    cases_only: bool,
}

fn in_range(filters: &Filters, date: Option<NaiveDate>) -> bool {
    match date {
        None => filters.from.is_none() && filters.to.is_none(),
        Some(d) => filters.from.is_none_or(|f| d >= f) && filters.to.is_none_or(|t| d <= t),
    }
}

pub fn run(conn: &Connection, query: &SearchQuery, window: DueWindow) -> Result<SearchResults> {
    let mut e = FieldErrors::new();
    let typed = e.take(text::optional("text", "Kata pencarian", &query.text, 200));
    let from = e.take(dates::parse_optional("from", "Dari tanggal", &query.from));
    let to = e.take(dates::parse_optional("to", "Sampai tanggal", &query.to));
    e.into_result()?;
    let Some(fts) = typed.as_deref().and_then(fts_query) else {
        return Err(Error::invalid(
            "text",
            "search.empty",
            "Ketik kata, nomor atau nama yang dicari.",
        ));
    };
    let filters = Filters {
        from: from.flatten(),
        to: to.flatten(),
        cases_only: !query.channel.trim().is_empty()
            || !query.status.trim().is_empty()
            || query.official_id.is_some(),
    };
    // A registration number typed whole, as a citizen reads it out: that case.
    if let Some(case) = cases::find_by_reg_number(conn, typed.as_deref().unwrap_or(""))? {
        if let Some(hit) = case_hit(conn, case.id, query, &filters, window)? {
            return Ok(SearchResults {
                hits: vec![hit],
                total: 1,
                truncated: false,
            });
        }
    }
    let unfiltered = !filters.cases_only && filters.from.is_none() && filters.to.is_none();
    if unfiltered {
        return best_of_all(conn, &fts, query, &filters, window);
    }
    let rowids: Vec<i64> = conn
        .prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n",
        )?
        .query_map(named_params! { ":q": fts, ":n": CANDIDATES + 1 }, |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let truncated = rowids.len() as i64 > CANDIDATES;
    let mut hits = Vec::new();
    let mut total = 0;
    for rowid in rowids.into_iter().take(CANDIDATES as usize) {
        let id = rowid / 4;
        let hit = match rowid % 4 {
            0 => case_hit(conn, id, query, &filters, window)?,
            1 if !filters.cases_only => letter_hit(conn, id, &filters)?,
            2 if !filters.cases_only => visit_hit(conn, id, &filters)?,
            3 if !filters.cases_only => person_hit(conn, id, &filters)?,
            _ => None,
        };
        if let Some(hit) = hit {
            total += 1;
            if hits.len() < LIMIT {
                hits.push(hit);
            }
        }
    }
    Ok(SearchResults {
        hits,
        total,
        truncated,
    })
}

/// Without filters every match counts: the index counts them, and only the best
/// [`LIMIT`] are read in full.
fn best_of_all(
    conn: &Connection,
    fts: &str,
    query: &SearchQuery,
    filters: &Filters,
    window: DueWindow,
) -> Result<SearchResults> {
    let total: i64 = conn
        .prepare_cached("SELECT count(*) FROM search_index WHERE search_index MATCH ?1")?
        .query_row([fts], |r| r.get(0))?;
    // Ranking every match of a common word costs more than it helps: beyond a few thousand,
    // the newest come first (the index walks its rowids backwards and stops early).
    let sql = if total > BROAD {
        "SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rowid DESC LIMIT :n"
    } else {
        "SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n"
    };
    let rowids: Vec<i64> = conn
        .prepare_cached(sql)?
        .query_map(named_params! { ":q": fts, ":n": LIMIT as i64 }, |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let read = rowids.len();
    let mut hits = Vec::new();
    for rowid in rowids {
        let id = rowid / 4;
        let hit = match rowid % 4 {
            0 => case_hit(conn, id, query, filters, window)?,
            1 => letter_hit(conn, id, filters)?,
            2 => visit_hit(conn, id, filters)?,
            _ => person_hit(conn, id, filters)?,
        };
        hits.extend(hit);
    }
    // The index holds only what may be shown (migration 0009), so its count is the number
    // of hits; when every match was read, the hits themselves are the count.
    let total = if (total as usize) <= read {
        hits.len()
    } else {
        total as usize - (read - hits.len())
    };
    Ok(SearchResults {
        hits,
        total,
        truncated: false,
    })
}

fn case_hit(
    conn: &Connection,
    id: i64,
    query: &SearchQuery,
    filters: &Filters,
    window: DueWindow,
) -> Result<Option<Hit>> {
    let case = cases::get(conn, id)?;
    if !in_range(filters, Some(case.received_date)) {
        return Ok(None);
    }
    let channel = query.channel.trim();
    if !channel.is_empty() && case.channel != channel {
        return Ok(None);
    }
    let status = query.status.trim();
    if status == "open" && !case.status.is_open()
        || !status.is_empty() && status != "open" && case.status.code() != status
    {
        return Ok(None);
    }
    if let Some(official) = query.official_id {
        let with: bool = conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = :id AND {OPEN} AND {WITH_OFFICIAL})"
            ))?
            .query_row(named_params! { ":id": id, ":official": official }, |r| {
                r.get(0)
            })?;
        if !with {
            return Ok(None);
        }
    }
    let overdue = case.status.is_open() && case.due_date < window.today;
    Ok(Some(Hit {
        kind: "case",
        kind_label: "Pengaduan",
        id,
        title: format!("{} — {}", case.reg_number, case.complainant),
        detail: format!(
            "{} · {} · {}{}",
            case.channel_label,
            case.status_label,
            clip(&case.summary),
            if overdue { " · lewat batas waktu" } else { "" }
        ),
        date_label: dates::format_short(case.received_date),
    }))
}

fn letter_hit(conn: &Connection, id: i64, filters: &Filters) -> Result<Option<Hit>> {
    let letter = crate::letters::get(conn, id)?;
    if !in_range(filters, Some(letter.received_date)) {
        return Ok(None);
    }
    Ok(Some(Hit {
        kind: "letter",
        kind_label: "Surat masuk",
        id,
        title: format!("Agenda {} — {}", letter.agenda_number, letter.sender_name),
        detail: format!("No. {} · {}", letter.letter_number, clip(&letter.subject)),
        date_label: dates::format_short(letter.received_date),
    }))
}

fn visit_hit(conn: &Connection, id: i64, filters: &Filters) -> Result<Option<Hit>> {
    let found: Option<(NaiveDate, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT v.visit_date, p.name, v.purpose, p.anonymised_at
               FROM visits v JOIN people p ON p.id = v.person_id WHERE v.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((day, name, purpose, anonymised)) = found else {
        return Ok(None);
    };
    if anonymised.is_some() || !in_range(filters, Some(day)) {
        return Ok(None);
    }
    Ok(Some(Hit {
        kind: "visit",
        kind_label: "Kunjungan",
        id,
        title: name,
        detail: clip(&purpose),
        date_label: dates::format_short(day),
    }))
}

fn person_hit(conn: &Connection, id: i64, filters: &Filters) -> Result<Option<Hit>> {
    if filters.from.is_some() || filters.to.is_some() {
        return Ok(None);
    }
    let (name, institution, anonymised, visits): (String, String, Option<String>, i64) = conn
        .prepare_cached(&format!(
            "SELECT name, institution, anonymised_at,
                    (SELECT count(*) FROM visits WHERE person_id = people.id)
               FROM people WHERE id = ?1 AND {KNOWN_BY_NAME}"
        ))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .unwrap_or_default();
    if anonymised.is_some() || name.is_empty() {
        return Ok(None);
    }
    Ok(Some(Hit {
        kind: "person",
        kind_label: "Orang",
        id,
        title: name,
        detail: if institution.is_empty() {
            format!("{visits} kunjungan")
        } else {
            format!("{institution} · {visits} kunjungan")
        },
        date_label: String::new(),
    }))
}

fn clip(text: &str) -> String {
    const MAX: usize = 140;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// Both search indexes written anew from the records, by the same rules the triggers keep
/// (migrations 0003, 0006, 0009): for a database from elsewhere (a restored backup), whose
/// indexes cannot be checked against its records and might still hold a hidden name.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "INSERT INTO people_search (people_search) VALUES ('delete-all');
         INSERT INTO people_search (rowid, name, nik, phone)
         SELECT id, name, coalesce(nik, ''),
                CASE WHEN phone LIKE '+62%' THEN phone || ' 0' || substr(phone, 4) ELSE phone END
           FROM people;
         INSERT INTO search_index (search_index) VALUES ('delete-all');
         INSERT INTO search_index (rowid, title, body)
         SELECT c.id * 4, c.reg_number || ' ' || coalesce(c.lapor_tracking_id, ''),
                c.summary || CASE WHEN c.identity = 'named'
                                  THEN ' ' || coalesce((SELECT name FROM people WHERE id = c.person_id), '')
                                  ELSE '' END
           FROM cases c;
         INSERT INTO search_index (rowid, title, body)
         SELECT l.id * 4 + 1, l.agenda_number || ' ' || l.letter_number,
                CASE WHEN EXISTS (SELECT 1 FROM cases c WHERE c.letter_id = l.id AND c.identity <> 'named')
                     THEN l.subject
                     ELSE l.sender_name || ' ' || l.sender_address || ' ' || l.subject END
           FROM letters l;
         INSERT INTO search_index (rowid, title, body)
         SELECT v.id * 4 + 2, '', v.purpose
           FROM visits v JOIN people p ON p.id = v.person_id WHERE p.anonymised_at IS NULL;
         INSERT INTO search_index (rowid, title, body)
         SELECT id * 4 + 3, name, institution FROM people
          WHERE anonymised_at IS NULL AND {KNOWN_BY_NAME};"
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_literal_prefixes() {
        assert_eq!(
            fts_query("verif DTKS").as_deref(),
            Some("\"verif\"* \"DTKS\"*")
        );
        assert_eq!(
            fts_query("PGD-2026-0042").as_deref(),
            Some("\"PGD\"* \"2026\"* \"0042\"*")
        );
        assert_eq!(
            fts_query("\" OR * NEAR(").as_deref(),
            Some("\"OR\"* \"NEAR\"*")
        );
        assert_eq!(fts_query("  ... "), None);
    }
}
