//! One search box over cases, letters, visits and people: any word of their text, number or
//! name, through the FTS5 index the triggers of migration 0006 keep in step. Each typed word
//! matches as a prefix (`verif` finds `verifikasi`), all words must match, best first.

use crate::store::{named_params, Connection};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cases::{self, DueWindow, Status, OPEN, WITH_OFFICIAL};
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::people::KNOWN_BY_NAME;
use crate::text;

/// At most this many hits are shown; the total says how many matched.
pub const LIMIT: usize = 100;
/// Up to this many matches are ranked best first and counted exactly; a search matching more
/// is too broad to rank or to count while typing: the newest come first and the count says
/// "more than" (`truncated`).
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
    /// What orders a page listed by date (None for a person, who has no date).
    #[serde(skip)]
    day: Option<NaiveDate>,
}

/// A page listed by date: people first (a name typed finds the person before their
/// records), then the newest day first.
fn by_date(hits: &mut [Hit]) {
    hits.sort_by(|a, b| match (a.day, b.day) {
        (None, None) => a.title.cmp(&b.title),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x).then(b.id.cmp(&a.id)),
    });
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
        let line = case_lines(conn, &[case.id])?.remove(&case.id);
        let hit = match line {
            Some(line) => case_hit(conn, case.id, &line, query, &filters, window)?,
            None => None,
        };
        if let Some(hit) = hit {
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
    // The newest candidates of each kind the filters allow (a kind's rowids follow its ids,
    // so within a kind the index's order is the order of registration), then the filters,
    // then the page by date.
    let kinds: &[i64] = if filters.cases_only {
        &[CASE]
    } else {
        &[CASE, LETTER, VISIT, PERSON]
    };
    let per_kind = CANDIDATES / kinds.len() as i64;
    let mut hits = Vec::new();
    let mut truncated = false;
    for &kind in kinds {
        let mut rowids = newest_of_kind(conn, &fts, kind, per_kind + 1)?;
        truncated |= rowids.len() as i64 > per_kind;
        rowids.truncate(per_kind as usize);
        hits.extend(hits_of(conn, &rowids, query, &filters, window)?);
    }
    let total = hits.len();
    by_date(&mut hits);
    hits.truncate(LIMIT);
    Ok(SearchResults {
        hits,
        total,
        truncated,
    })
}

/// What a rowid of the index is: `id * 4 + kind`.
const CASE: i64 = 0;
const LETTER: i64 = 1;
const VISIT: i64 = 2;
const PERSON: i64 = 3;

/// The hits for index rowids, in their order (those the filters leave out dropped). Each
/// kind's records are read together, [`BY_IDS`] at a time: a page is a hundred hits, and on
/// the office server every read is a round trip.
fn hits_of(
    conn: &Connection,
    rowids: &[i64],
    query: &SearchQuery,
    filters: &Filters,
    window: DueWindow,
) -> Result<Vec<Hit>> {
    let of_kind = |kind: i64| -> Vec<i64> {
        rowids
            .iter()
            .filter(|r| *r % 4 == kind)
            .map(|r| r / 4)
            .collect()
    };
    let cases = case_lines(conn, &of_kind(CASE))?;
    let (letters, visits, people) = if filters.cases_only {
        Default::default()
    } else {
        (
            letter_hits(conn, &of_kind(LETTER))?,
            visit_hits(conn, &of_kind(VISIT))?,
            person_hits(conn, &of_kind(PERSON))?,
        )
    };
    let mut hits = Vec::new();
    for rowid in rowids {
        let id = rowid / 4;
        let hit = match rowid % 4 {
            CASE => match cases.get(&id) {
                Some(line) => case_hit(conn, id, line, query, filters, window)?,
                None => None,
            },
            _ if filters.cases_only => None,
            LETTER => letters
                .get(&id)
                .filter(|h| in_range(filters, h.day))
                .cloned(),
            VISIT => visits
                .get(&id)
                .filter(|h| in_range(filters, h.day))
                .cloned(),
            _ if filters.from.is_some() || filters.to.is_some() => None,
            _ => people.get(&id).cloned(),
        };
        hits.extend(hit);
    }
    Ok(hits)
}

/// How many ids one read takes: a fixed number of placeholders, so each kind's read is one
/// prepared statement (unused places hold an id no record has).
const BY_IDS: usize = 100;

/// Rows of `sql` (whose `{IDS}` is the list of ids and whose first column is the id) for
/// `ids`, read `BY_IDS` at a time.
fn by_ids<T>(
    conn: &Connection,
    sql: &str,
    ids: &[i64],
    mut read: impl FnMut(&crate::store::Row) -> crate::store::SqlResult<T>,
) -> Result<std::collections::HashMap<i64, T>> {
    let mut found = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let places: Vec<String> = (1..=BY_IDS).map(|n| format!("?{n}")).collect();
    let mut statement = conn.prepare_cached(&sql.replace("{IDS}", &places.join(", ")))?;
    for chunk in ids.chunks(BY_IDS) {
        let mut bound = chunk.to_vec();
        bound.resize(BY_IDS, -1);
        let params: Vec<&dyn crate::store::ToValue> = bound
            .iter()
            .map(|id| id as &dyn crate::store::ToValue)
            .collect();
        let rows = statement.query_map(params.as_slice(), |r| Ok((r.get(0)?, read(r)?)))?;
        for row in rows {
            let (id, value) = row?;
            found.insert(id, value);
        }
    }
    Ok(found)
}

/// Rowids from an index query. A word the tokenizer splits where the box did not (some
/// scripts' combining marks) becomes a phrase, which this index (detail=column) cannot
/// answer: the user is told so instead of seeing an internal error.
fn rowids(conn: &Connection, sql: &str, fts: &str, extra: &[(&str, i64)]) -> Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut params: Vec<(&str, &dyn crate::store::ToValue)> = vec![(":q", &fts)];
    for (name, value) in extra {
        params.push((name, value));
    }
    let found = statement
        .query_map(params.as_slice(), |r| r.get(0))
        .and_then(|rows| rows.collect::<crate::store::SqlResult<Vec<i64>>>());
    match found {
        Err(e) if e.to_string().contains("fts5") => Err(Error::invalid(
            "text",
            "search.unsearchable",
            "Kata pencarian memuat huruf yang tidak dapat dicari. Ketik kata lain.",
        )),
        other => Ok(other?),
    }
}

/// How many match, counted no further than `limit` (the index stops there).
fn count_upto(conn: &Connection, fts: &str, limit: i64) -> Result<usize> {
    Ok(rowids(
        conn,
        conn.dialect(
            "SELECT rowid FROM search_index WHERE search_index MATCH :q LIMIT :n",
            "SELECT rowid FROM search_index WHERE document @@ loket_tsquery(:q) LIMIT :n",
        ),
        fts,
        &[(":n", limit)],
    )?
    .len())
}

/// The newest `limit` matches of one kind: the index walks its list backwards and stops
/// early (migration 0012's prefix indexes make a typed prefix one list, not a merge of many).
fn newest_of_kind(conn: &Connection, fts: &str, kind: i64, limit: i64) -> Result<Vec<i64>> {
    rowids(
        conn,
        conn.dialect(
            "SELECT rowid FROM search_index WHERE search_index MATCH :q AND rowid % 4 = :kind
              ORDER BY rowid DESC LIMIT :n",
            "SELECT rowid FROM search_index WHERE document @@ loket_tsquery(:q) AND rowid % 4 = :kind
              ORDER BY rowid DESC LIMIT :n",
        ),
        fts,
        &[(":kind", kind), (":n", limit)],
    )
}

/// Among the most recent records of one kind only: how far back a broad search's page looks
/// for each kind. A kind that matches rarely would otherwise be looked for through every
/// match of the others (155 000 for a common word: 11 ms instead of under one). The office
/// server reads each of these records to test it (3.6 ms for 10 000 people that never match
/// a common word); 2 500 is a year of letters or cases and months of visits, and a search
/// this broad asks for more words anyway.
const RECENT: i64 = 2_500;

/// The newest `limit` matches of each kind among its [`RECENT`] latest records, for the page
/// of a search too broad to rank: for each kind the index seeks to that kind's recent rowids
/// and reads no further back. One statement for the four kinds, each finding its own newest
/// id: on the office server every statement is a trip over the network.
fn newest_of_each_kind_recent(conn: &Connection, fts: &str, limit: i64) -> Result<Vec<i64>> {
    let kinds = [
        (CASE, "cases"),
        (LETTER, "letters"),
        (VISIT, "visits"),
        (PERSON, "people"),
    ];
    let statement = |matches: &str, larger: &str| {
        kinds
            .iter()
            .map(|(kind, table)| {
                format!(
                    "SELECT rowid FROM (SELECT rowid FROM search_index
                      WHERE {matches}
                        AND rowid BETWEEN (SELECT {larger}(coalesce(max(id), 0) - :recent, 0) * 4
                                             FROM {table})
                                      AND (SELECT coalesce(max(id), 0) * 4 + 3 FROM {table})
                        AND rowid % 4 = {kind}
                      ORDER BY rowid DESC LIMIT :n) AS {table}"
                )
            })
            .collect::<Vec<_>>()
            .join("\nUNION ALL\n")
    };
    let sql = conn.dialect(
        statement("search_index MATCH :q", "max"),
        statement("document @@ loket_tsquery(:q)", "greatest"),
    );
    rowids(conn, &sql, fts, &[(":recent", RECENT), (":n", limit)])
}

/// The best `limit` matches (FTS5's rank), for a search known to match few enough to rank.
fn best(conn: &Connection, fts: &str, limit: i64) -> Result<Vec<i64>> {
    // FTS5's rank is bm25; PostgreSQL's ts_rank_cd also favours rare words matched in the
    // title (weight A: numbers and names) over the body.
    rowids(
        conn,
        conn.dialect(
            "SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n",
            "SELECT rowid FROM search_index WHERE document @@ loket_tsquery(:q)
              ORDER BY ts_rank_cd(document, loket_rank_query(:q)) DESC, rowid DESC LIMIT :n",
        ),
        fts,
        &[(":n", limit)],
    )
}

/// Without filters every match counts, up to [`BROAD`] (the index stops counting there).
/// A page or less is listed by date, people first. More than a page is ranked, and the rank
/// picks the page: FTS5's rank weighs each word by how rare it is, which reads every match
/// of every word, so it is paid only when it decides something. Beyond [`BROAD`], ranking
/// costs more than it helps: the newest of each kind, by date. Only the hits shown are read.
fn best_of_all(
    conn: &Connection,
    fts: &str,
    query: &SearchQuery,
    filters: &Filters,
    window: DueWindow,
) -> Result<SearchResults> {
    let counted = count_upto(conn, fts, BROAD + 1)?;
    let broad = counted as i64 > BROAD;
    let total = counted.min(BROAD as usize);
    let ranked = counted > LIMIT && !broad;
    let rowids = if ranked {
        best(conn, fts, LIMIT as i64)?
    } else if broad {
        newest_of_each_kind_recent(conn, fts, (LIMIT / 4) as i64)?
    } else {
        rowids(
            conn,
            conn.dialect(
                "SELECT rowid FROM search_index WHERE search_index MATCH :q",
                "SELECT rowid FROM search_index WHERE document @@ loket_tsquery(:q)",
            ),
            fts,
            &[],
        )?
    };
    let read = rowids.len();
    let mut hits = hits_of(conn, &rowids, query, filters, window)?;
    if !ranked {
        by_date(&mut hits);
    }
    // The index holds only what may be shown (migration 0009), so its count is the number
    // of hits; when every match was read, the hits themselves are the count.
    let total = if total <= read {
        hits.len()
    } else {
        total - (read - hits.len())
    };
    Ok(SearchResults {
        hits,
        total,
        truncated: broad,
    })
}

/// What a hit shows of a case: read by one light query, not the whole case file (a page of
/// hits is a hundred of them, read while the user types).
struct CaseLine {
    reg_number: String,
    complainant: String,
    channel: String,
    channel_label: String,
    status: Status,
    summary: String,
    received_date: NaiveDate,
    due_date: NaiveDate,
}

fn case_lines(conn: &Connection, ids: &[i64]) -> Result<std::collections::HashMap<i64, CaseLine>> {
    by_ids(
        conn,
        "SELECT c.id, c.reg_number, c.identity, p.name, p.anonymised_at IS NOT NULL, c.channel,
                ch.name, c.status, c.summary, c.received_date, c.due_date
           FROM cases c
           JOIN channels ch ON ch.code = c.channel
           LEFT JOIN people p ON p.id = c.person_id
          WHERE c.id IN ({IDS})",
        ids,
        |r| {
            let identity: String = r.get(2)?;
            let anonymised: Option<bool> = r.get(4)?;
            Ok(CaseLine {
                reg_number: r.get(1)?,
                complainant: cases::complainant_label(
                    &identity,
                    r.get(3)?,
                    anonymised.unwrap_or(false),
                ),
                channel: r.get(5)?,
                channel_label: r.get(6)?,
                status: Status::parse(&r.get::<_, String>(7)?).unwrap_or(Status::Diterima),
                summary: r.get(8)?,
                received_date: r.get(9)?,
                due_date: r.get(10)?,
            })
        },
    )
}

fn case_hit(
    conn: &Connection,
    id: i64,
    case: &CaseLine,
    query: &SearchQuery,
    filters: &Filters,
    window: DueWindow,
) -> Result<Option<Hit>> {
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
            case.status.label(),
            clip(&case.summary),
            if overdue { " · lewat batas waktu" } else { "" }
        ),
        date_label: dates::format_short(case.received_date),
        day: Some(case.received_date),
    }))
}

/// Letters as hits. The sender of a complaint whose author asked for confidentiality is the
/// complainant, hidden as `letters::get` hides them.
fn letter_hits(conn: &Connection, ids: &[i64]) -> Result<std::collections::HashMap<i64, Hit>> {
    by_ids(
        conn,
        "SELECT l.id, l.agenda_number, l.sender_name, l.letter_number, l.subject,
                l.received_date, c.identity
           FROM letters l LEFT JOIN cases c ON c.letter_id = l.id
          WHERE l.id IN ({IDS})",
        ids,
        |r| {
            let (id, agenda_number, sender_name, letter_number, subject): (
                i64,
                String,
                String,
                String,
                String,
            ) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let received_date: NaiveDate = r.get(5)?;
            let identity: Option<String> = r.get(6)?;
            let sender = if identity.is_some_and(|i| i != "named") {
                cases::CONFIDENTIAL_NAME
            } else {
                &sender_name
            };
            Ok(Hit {
                kind: "letter",
                kind_label: "Surat masuk",
                id,
                title: format!("Agenda {agenda_number} — {sender}"),
                detail: format!("No. {letter_number} · {}", clip(&subject)),
                date_label: dates::format_short(received_date),
                day: Some(received_date),
            })
        },
    )
}

/// Visits as hits; an anonymised visitor's visits are none.
fn visit_hits(conn: &Connection, ids: &[i64]) -> Result<std::collections::HashMap<i64, Hit>> {
    by_ids(
        conn,
        "SELECT v.id, v.visit_date, p.name, v.purpose
           FROM visits v JOIN people p ON p.id = v.person_id
          WHERE v.id IN ({IDS}) AND p.anonymised_at IS NULL",
        ids,
        |r| {
            let day: NaiveDate = r.get(1)?;
            let purpose: String = r.get(3)?;
            Ok(Hit {
                kind: "visit",
                kind_label: "Kunjungan",
                id: r.get(0)?,
                title: r.get(2)?,
                detail: clip(&purpose),
                date_label: dates::format_short(day),
                day: Some(day),
            })
        },
    )
}

/// People as hits: only those known by name, never an anonymised one.
fn person_hits(conn: &Connection, ids: &[i64]) -> Result<std::collections::HashMap<i64, Hit>> {
    let found = by_ids(
        conn,
        &format!(
            "SELECT id, name, institution,
                    (SELECT count(*) FROM visits WHERE person_id = people.id)
               FROM people
              WHERE id IN ({{IDS}}) AND anonymised_at IS NULL AND {KNOWN_BY_NAME}"
        ),
        ids,
        |r| {
            let (id, name, institution, visits): (i64, String, String, i64) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(Hit {
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
                day: None,
            })
        },
    )?;
    Ok(found
        .into_iter()
        .filter(|(_, h)| !h.title.is_empty())
        .collect())
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
    conn.execute_batch(conn.dialect(
        "INSERT INTO people_search (people_search) VALUES ('delete-all');
         INSERT INTO search_index (search_index) VALUES ('delete-all');",
        "DELETE FROM people_search; DELETE FROM search_index;",
    ))?;
    conn.execute_batch(&format!(
        "INSERT INTO people_search (rowid, name, nik, phone)
         SELECT id, name, coalesce(nik, ''),
                CASE WHEN phone LIKE '+62%' THEN phone || ' 0' || substr(phone, 4) ELSE phone END
           FROM people;
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
    use crate::cases::CaseInput;
    use crate::guestbook::VisitInput;
    use crate::people::PersonInput;
    use crate::test_office::{desk, Desk};

    fn search(d: &Desk, query: SearchQuery) -> SearchResults {
        d.office.search(&d.head, &query).unwrap()
    }

    fn text(words: &str) -> SearchQuery {
        SearchQuery {
            text: words.into(),
            ..Default::default()
        }
    }

    fn nenobais() -> PersonInput {
        PersonInput {
            name: "Yuliana Nenobais".into(),
            id_type: "lainnya".into(),
            phone: "0812-3790-1122".into(),
            address: "Jl. Timor Raya 17, Oesapa".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_page_of_matches_lists_the_person_first_then_the_newest_day() {
        let d = desk();
        // A visit on Monday, her case on Wednesday: the case is newer, whatever the ids.
        d.office
            .visit_register(
                &d.reception,
                &VisitInput {
                    person: nenobais(),
                    purpose_category: "pengaduan".into(),
                    purpose: "Menanyakan bantuan Nenobais".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        d.clock.advance(chrono::Duration::days(2));
        let case = d
            .office
            .case_register(
                &d.reception,
                &CaseInput {
                    channel: "whatsapp".into(),
                    kind: "pengaduan".into(),
                    identity: "named".into(),
                    person: Some(PersonInput {
                        person_id: None,
                        ..nenobais()
                    }),
                    summary: "Bantuan belum cair".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let found = search(&d, text("Nenobais"));
        let kinds: Vec<&str> = found.hits.iter().map(|h| h.kind).collect();
        assert_eq!(kinds, ["person", "case", "visit"], "{found:?}");
        assert_eq!(found.hits[1].id, case.id);
        assert_eq!(found.total, 3);
    }

    #[test]
    fn a_word_the_index_cannot_search_is_named_not_an_internal_error() {
        let d = desk();
        // A vowel sign the box keeps in the word but the index's tokenizer splits on.
        match d.office.search(&d.head, &text("कार्यालय")) {
            Ok(found) => assert!(found.hits.is_empty()),
            Err(error) => assert_eq!(error.code(), "search.unsearchable", "{error:?}"),
        }
    }

    #[test]
    fn a_filtered_search_on_a_common_word_still_finds_its_cases() {
        let d = desk();
        let case = d
            .office
            .case_register(
                &d.reception,
                &CaseInput {
                    channel: "whatsapp".into(),
                    kind: "pengaduan".into(),
                    identity: "anonymous".into(),
                    summary: "Bantuan sembako belum diterima".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        // Far more visits with the word than a filtered search reads (their rowids, id * 4 +
        // 2, are all above the case's): written straight into the index for speed.
        d.office
            .write(|tx| {
                let mut add = tx.prepare(
                    "INSERT INTO search_index (rowid, title, body) VALUES (?1, '', 'bantuan')",
                )?;
                for id in 1000..1000 + CANDIDATES + 10 {
                    add.execute([id * 4 + VISIT])?;
                }
                Ok(())
            })
            .unwrap();
        let open_cases = search(
            &d,
            SearchQuery {
                status: "open".into(),
                ..text("bantuan")
            },
        );
        assert_eq!(
            open_cases.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
            [case.id]
        );
        let in_range = search(
            &d,
            SearchQuery {
                from: "30/11/2026".into(),
                to: "30/11/2026".into(),
                ..text("bantuan")
            },
        );
        assert!(in_range
            .hits
            .iter()
            .any(|h| h.kind == "case" && h.id == case.id));
        // Unfiltered, it is more than 2 000: said so, the newest of each kind shown.
        let all = search(&d, text("bantuan"));
        assert!(all.truncated);
        assert!(all.hits.iter().any(|h| h.kind == "case" && h.id == case.id));
    }

    /// The same records on a file and on the office server, the same questions: the same
    /// hits in the same order, and the same count.
    #[test]
    fn the_office_server_finds_what_the_sqlite_file_finds() {
        crate::test_office::server_only!("there is no server to compare with");
        let desks = [
            crate::test_office::desk_on(false),
            crate::test_office::desk_on(true),
        ];
        for d in &desks {
            fill(d);
        }
        let queries = [
            "bantuan",
            "bant",
            "BANTUAN pangan",
            "Nenobais",
            "nenob",
            "yuliana",
            "Seran",
            "PGD",
            "2026",
            "005",
            "DINSOS",
            "005/123/DINSOS/2026",
            "keluarga",
            "kéluarga",
            "pendataan ulang",
            "sembako",
            "dtks",
            "verif",
            "Oesapa",
            "Rahasia",
            "Lakapu",
            "petrus.manek",
            "contoh",
            "xyzzy",
        ];
        let mut found = Vec::new();
        for words in queries {
            let [file, server] = [&desks[0], &desks[1]].map(|d| {
                let found = search(d, text(words));
                let hits: Vec<(&str, i64)> = found.hits.iter().map(|h| (h.kind, h.id)).collect();
                (hits, found.total, found.truncated)
            });
            assert_eq!(file, server, "{words:?}");
            found.push((words, file.1));
        }
        // The questions do find things (and a confidential name finds nothing).
        let count = |w: &str| found.iter().find(|(q, _)| *q == w).unwrap().1;
        assert!(count("bantuan") >= 8, "{found:?}");
        assert!(count("005/123/DINSOS/2026") >= 1, "{found:?}");
        assert!(count("kéluarga") >= 2, "{found:?}");
        assert_eq!(count("Lakapu"), 0, "{found:?}");
        // And the questions a filter narrows.
        let open_cases = SearchQuery {
            status: "open".into(),
            ..text("bantuan")
        };
        let [file, server] =
            [&desks[0], &desks[1]].map(|d| search(d, open_cases.clone()).hits.len());
        assert!(file > 0);
        assert_eq!(file, server);
    }

    /// Visits, people, named, confidential and anonymous cases and letters, over several days.
    fn fill(d: &Desk) {
        let purposes = [
            "Menanyakan bantuan pangan non tunai",
            "Pendataan ulang DTKS keluarga",
            "Verifikasi data kéluarga penerima",
            "Sembako belum diterima",
            "Konsultasi bantuan sosial",
        ];
        for (n, purpose) in purposes.iter().enumerate() {
            let person = PersonInput {
                name: format!(
                    "{} Seran {n}",
                    ["Yuliana", "Maria", "Petrus", "Anton", "Rika"][n]
                ),
                phone: format!("0812-3790-11{n:02}"),
                ..nenobais()
            };
            d.office
                .visit_register(
                    &d.reception,
                    &VisitInput {
                        person,
                        purpose_category: "pengaduan".into(),
                        purpose: (*purpose).into(),
                        deposit_card: false,
                        ..Default::default()
                    },
                )
                .unwrap();
            d.clock.advance(chrono::Duration::hours(20));
        }
        for (n, identity) in ["named", "confidential", "anonymous", "named"]
            .iter()
            .enumerate()
        {
            let person = (*identity != "anonymous").then(|| PersonInput {
                name: ["Yuliana Nenobais", "Yohana Lakapu", "", "Petrus Manek"][n].into(),
                email: Some("petrus.manek@contoh.id".into()),
                ..nenobais()
            });
            d.office
                .case_register(
                    &d.reception,
                    &CaseInput {
                        channel: "whatsapp".into(),
                        kind: "pengaduan".into(),
                        identity: (*identity).into(),
                        person,
                        summary: format!("Bantuan sembako {n} belum diterima, mohon verifikasi"),
                        ..Default::default()
                    },
                )
                .unwrap();
            d.clock.advance(chrono::Duration::hours(20));
        }
        for (n, number) in [
            "005/123/DINSOS/2026",
            "005/RT.04/XI/2026",
            "400.9/77/Kel.Oesapa",
        ]
        .iter()
        .enumerate()
        {
            d.office
                .letter_register(
                    &d.clerk,
                    &crate::letters::LetterInput {
                        letter_number: (*number).into(),
                        subject: format!("Permohonan bantuan pangan dan pendataan ulang {n}"),
                        ..crate::letters::tests::letter_input()
                    },
                    None,
                    &[],
                )
                .unwrap();
        }
    }

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
