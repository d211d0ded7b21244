//! The people the office serves: stored once, linked to every visit and every case.
//! Their NIK, phone and address are personal data (UU 27/2022): lists show them masked, a
//! full NIK leaves the core only through an audited reveal or a requested export.

pub mod nik;
pub mod phone;

use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::text;

pub const ID_TYPES: [(&str, &str); 5] = [
    ("ktp", "KTP"),
    ("sim", "SIM"),
    ("paspor", "Paspor"),
    ("kta", "KTA"),
    ("lainnya", "Lainnya"),
];

pub fn id_type_label(code: &str) -> &'static str {
    ID_TYPES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, label)| *label)
        .unwrap_or("Lainnya")
}

/// Shown in place of a name that was anonymised.
pub const ANONYMISED_NAME: &str = "(data dianonimkan)";

/// A person as lists and forms see them: the ID number masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub id_type: String,
    pub id_type_label: &'static str,
    pub id_number_masked: String,
    pub has_nik: bool,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub institution: String,
    pub visit_count: i64,
    pub last_visit: Option<NaiveDate>,
    pub anonymised: bool,
}

/// The stored record, full values: for the audit diff (which masks NIK and phone), the
/// reveal and the export. Never sent to a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRecord {
    pub id: i64,
    pub name: String,
    pub id_type: String,
    #[serde(rename = "nik")]
    pub id_number: String,
    #[serde(skip)]
    pub nik: Option<String>,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub institution: String,
    #[serde(skip)]
    pub created_at: DateTime<Utc>,
    #[serde(skip)]
    pub anonymised_at: Option<DateTime<Utc>>,
}

/// The visitor's details as typed at the counter (or in a correction).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonInput {
    /// The returning visitor picked from the suggestions, if any.
    pub person_id: Option<i64>,
    pub name: String,
    pub id_type: String,
    /// For a KTP, the NIK. The masked form shown for a picked visitor means "unchanged".
    pub id_number: String,
    pub phone: String,
    /// Optional, to answer by e-mail. None where the form does not ask for it (the guest
    /// book): what is stored stays.
    #[serde(default)]
    pub email: Option<String>,
    pub address: String,
    pub institution: String,
    /// The record's revision when the form was opened ([`crate::Office::revision`]): a save
    /// over someone else's later change is refused, naming who made it and when. None: not
    /// checked (a new record, or a caller that did not open a form).
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Validated values, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ValidPerson {
    name: String,
    id_type: String,
    /// None: keep the stored number (the masked form was left as it was).
    id_number: Option<String>,
    nik: Option<String>,
    phone: String,
    email: String,
    address: String,
    institution: String,
}

const COLUMNS: &str = "id, name, id_type, id_number, nik, phone, address, institution, \
                       created_at, anonymised_at, email";

fn record_from_row(row: &Row) -> crate::store::SqlResult<PersonRecord> {
    Ok(PersonRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        id_type: row.get(2)?,
        id_number: row.get(3)?,
        nik: row.get(4)?,
        phone: row.get(5)?,
        address: row.get(6)?,
        institution: row.get(7)?,
        created_at: row.get(8)?,
        anonymised_at: row.get(9)?,
        email: row.get(10)?,
    })
}

impl PersonRecord {
    pub fn display_name(&self) -> String {
        if self.anonymised_at.is_some() {
            ANONYMISED_NAME.to_owned()
        } else {
            self.name.clone()
        }
    }
}

pub fn get_record(conn: &Connection, id: i64) -> Result<PersonRecord> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?
        .query_row([id], record_from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "person.not_found",
            what: "Data tamu",
        })
}

/// The masked view of a person, with their visit count.
/// Retention: the person stays (their visits are still counted) without anything that
/// names or reaches them.
pub(crate) fn anonymise(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE people SET name = '', id_number = '', nik = NULL, phone = '', email = '',
                           address = '', anonymised_at = :now, updated_at = :now
          WHERE id = :id",
    )?
    .execute(named_params! { ":id": id, ":now": now })?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Person> {
    let record = get_record(conn, id)?;
    let (visit_count, last_visit): (i64, Option<NaiveDate>) = conn
        .prepare_cached("SELECT count(*), max(visit_date) FROM visits WHERE person_id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(view(record, visit_count, last_visit))
}

fn view(record: PersonRecord, visit_count: i64, last_visit: Option<NaiveDate>) -> Person {
    Person {
        id: record.id,
        name: record.display_name(),
        id_type_label: id_type_label(&record.id_type),
        id_number_masked: nik::mask(&record.id_number),
        has_nik: record.nik.is_some(),
        phone: phone::display(&record.phone),
        email: record.email,
        address: record.address,
        institution: record.institution,
        id_type: record.id_type,
        visit_count,
        last_visit,
        anonymised: record.anonymised_at.is_some(),
    }
}

fn is_masked(text: &str) -> bool {
    text.contains('*')
}

/// How the person reached the office. At the counter every detail is asked; by WhatsApp,
/// e-mail or LAPOR often only a name and a number are known, so the address may be blank
/// and a blank keeps what is already stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    AtCounter,
    Remote,
}

fn validate(
    input: &PersonInput,
    stored: Option<&PersonRecord>,
    today: NaiveDate,
    contact: Contact,
) -> Result<ValidPerson> {
    let mut errors = FieldErrors::new();
    let name = errors.take(text::required("name", "Nama", &input.name, 120));
    let id_type = input.id_type.trim();
    if !ID_TYPES.iter().any(|(code, _)| *code == id_type) {
        errors.add(
            "id_type",
            "person.id_type",
            "Pilih jenis tanda pengenal: KTP, SIM, Paspor, KTA atau lainnya.",
        );
    }
    // The masked number shown for a picked visitor stands for the stored one.
    let keep_stored = stored.is_some_and(|s| {
        s.id_type == id_type
            && is_masked(&input.id_number)
            && nik::mask(&s.id_number) == input.id_number.trim()
    });
    let (id_number, nik) = if keep_stored {
        (None, stored.and_then(|s| s.nik.clone()))
    } else if id_type == "ktp" {
        match errors.take(nik::parse("id_number", &input.id_number, today)) {
            Some(valid) => (Some(valid.digits.clone()), Some(valid.digits)),
            None => (None, None),
        }
    } else {
        let number = errors.take(text::optional(
            "id_number",
            "Nomor tanda pengenal",
            &input.id_number,
            40,
        ));
        if let Some(n) = &number {
            if !n
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/'))
            {
                errors.add(
                    "id_number",
                    "person.id_number",
                    "Nomor tanda pengenal hanya berisi huruf, angka, spasi, titik, garis miring atau tanda hubung.",
                );
            }
        }
        // A NIK once recorded stays with the person when they show another card.
        (number, stored.and_then(|s| s.nik.clone()))
    };
    let phone = errors.take(phone::normalise("phone", &input.phone));
    let email = errors.take(email_address(input.email.as_deref().unwrap_or("")));
    let address = errors.take(match contact {
        Contact::AtCounter => text::required("address", "Alamat", &input.address, 300),
        Contact::Remote => text::optional("address", "Alamat", &input.address, 300),
    });
    let institution = errors.take(text::optional(
        "institution",
        "Instansi",
        &input.institution,
        150,
    ));
    errors.into_result()?;
    Ok(ValidPerson {
        name: name.unwrap_or_default(),
        id_type: id_type.to_owned(),
        id_number,
        nik,
        phone: phone.unwrap_or_default(),
        email: email.unwrap_or_default(),
        address: address.unwrap_or_default(),
        institution: institution.unwrap_or_default(),
    })
}

/// An e-mail address as typed, or nothing: one `@` with a name before it and a domain with a
/// dot after it, no spaces.
fn email_address(typed: &str) -> Result<String> {
    let email = text::optional("email", "Email", typed, 120)?.to_lowercase();
    let looks_right = email.is_empty()
        || (!email.contains(char::is_whitespace)
            && email.split('@').count() == 2
            && email.split_once('@').is_some_and(|(name, domain)| {
                !name.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }));
    if looks_right {
        Ok(email)
    } else {
        Err(Error::invalid(
            "email",
            "person.email",
            "Alamat email tidak lengkap, mis. nama@contoh.com.",
        ))
    }
}

/// Checks the typed details without saving (the form's check as a field is left).
/// Whether the person asking may see a person, by id ([`crate::confidential`]); the core's
/// own paths that need no such check pass [`anyone`].
pub type MaySee<'a> = &'a dyn Fn(i64) -> Result<bool>;

pub fn anyone(_: i64) -> Result<bool> {
    Ok(true)
}

/// The record of a visitor picked from the suggestions: "not found" for one the person asking
/// may not see, as for an id that does not exist.
fn picked(conn: &Connection, input: &PersonInput, may_see: MaySee) -> Result<Option<PersonRecord>> {
    match input.person_id {
        Some(id) if !may_see(id)? => Err(Error::NotFound {
            code: "person.not_found",
            what: "Data tamu",
        }),
        Some(id) => get_record(conn, id).map(Some),
        None => Ok(None),
    }
}

pub fn check(
    conn: &Connection,
    input: &PersonInput,
    today: NaiveDate,
    contact: Contact,
    may_see: MaySee,
) -> Result<()> {
    let stored = picked(conn, input, may_see)?;
    validate(input, stored.as_ref(), today, contact).map(|_| ())
}

#[derive(Debug)]
/// What [`resolve`] did: the person's id and their record before the change (None when
/// the person is new).
pub struct Resolved {
    pub id: i64,
    pub before: Option<PersonRecord>,
    pub after: PersonRecord,
}

impl Resolved {
    /// The fields a registration changed on a record that was there before (none for a new
    /// or an unchanged one).
    pub fn changed_fields(&self) -> Vec<&'static str> {
        let Some(before) = &self.before else {
            return Vec::new();
        };
        let after = &self.after;
        [
            ("name", before.name == after.name),
            ("id_type", before.id_type == after.id_type),
            ("id_number", before.id_number == after.id_number),
            ("phone", before.phone == after.phone),
            ("email", before.email == after.email),
            ("address", before.address == after.address),
            ("institution", before.institution == after.institution),
        ]
        .into_iter()
        .filter_map(|(field, same)| (!same).then_some(field))
        .collect()
    }
}

/// A person's details brought up to date by a registration (a visit, a letter, a case) are
/// a change of the person too: noted under the person, so a correction form opened before
/// it is refused instead of silently writing the old details back. The note names the
/// fields, not their values (the registration's own entry holds those, masked).
pub fn note_update(
    conn: &Connection,
    actor: &crate::accounts::Actor,
    now: DateTime<Utc>,
    via: &str,
    resolved: Option<&Resolved>,
) -> Result<()> {
    let Some(resolved) = resolved else {
        return Ok(());
    };
    let fields = resolved.changed_fields();
    if fields.is_empty() {
        return Ok(());
    }
    crate::audit::record(
        conn,
        Some(actor),
        now,
        "person.update",
        "person",
        resolved.id,
        serde_json::json!({ "via": via, "fields": fields }),
    )
}

/// Finds the visitor (picked, or the same NIK, or the same name with the same phone or
/// address) and brings their record up to date, or stores them as new. One person, one row.
pub fn resolve(
    conn: &Connection,
    input: &PersonInput,
    today: NaiveDate,
    now: DateTime<Utc>,
    contact: Contact,
    may_see: MaySee,
) -> Result<Resolved> {
    let picked = picked(conn, input, may_see)?;
    if picked.as_ref().is_some_and(|p| p.anonymised_at.is_some()) {
        return Err(Error::invalid(
            "name",
            "person.anonymised",
            "Data tamu ini sudah dianonimkan; catat sebagai tamu baru.",
        ));
    }
    let mut valid = validate(input, picked.as_ref(), today, contact)?;
    let by_nik = match &valid.nik {
        Some(nik) => find_by_nik(conn, nik)?,
        None => None,
    };
    // A NIK already on file for someone else is asked about, never acted on: a typo would
    // otherwise rename that person, and naming them would tell who holds the number.
    let clash = || {
        Error::invalid(
            "id_number",
            "person.nik_taken",
            "NIK ini sudah tercatat untuk orang lain. Periksa NIK dan nama; bila orangnya \
             sama, pilih dari saran (ketik NIK lengkapnya) atau minta Admin memeriksanya. \
             Percobaan ini dicatat.",
        )
    };
    // Someone the person asking may not see (known only as a confidential complainant) is
    // never linked or updated from here: a NIK of theirs clashes like any other's, and a
    // match by name and phone makes a new record.
    let existing = match (picked, by_nik) {
        (Some(picked), Some(other)) if other.id != picked.id => return Err(clash()),
        (Some(picked), _) => Some(picked),
        (None, Some(found)) if same_name(&found.name, &valid.name) && may_see(found.id)? => {
            Some(found)
        }
        (None, Some(_)) => return Err(clash()),
        (None, None) => match find_same(conn, &valid)? {
            Some(found) if may_see(found.id)? => Some(found),
            _ => None,
        },
    };
    match existing {
        Some(before) => {
            if contact == Contact::Remote {
                keep_stored_where_blank(&mut valid, &before);
            } else if input.email.is_none() {
                valid.email.clone_from(&before.email);
            }
            let id_number = valid
                .id_number
                .clone()
                .unwrap_or_else(|| before.id_number.clone());
            conn.prepare_cached(
                "UPDATE people SET name = :name, id_type = :id_type, id_number = :id_number,
                        nik = :nik, phone = :phone, email = :email, address = :address,
                        institution = :institution, updated_at = :now
                  WHERE id = :id",
            )?
            .execute(named_params! {
                ":name": valid.name, ":id_type": valid.id_type, ":id_number": id_number,
                ":nik": valid.nik.clone().or(before.nik.clone()), ":phone": valid.phone,
                ":email": valid.email, ":address": valid.address,
                ":institution": valid.institution, ":now": now, ":id": before.id,
            })?;
            let after = get_record(conn, before.id)?;
            Ok(Resolved {
                id: before.id,
                before: Some(before),
                after,
            })
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO people (name, id_type, id_number, nik, phone, email, address,
                                     institution, created_at, updated_at)
                 VALUES (:name, :id_type, :id_number, :nik, :phone, :email, :address, :institution,
                         :now, :now)",
            )?
            .execute(named_params! {
                ":name": valid.name, ":id_type": valid.id_type,
                ":id_number": valid.id_number.unwrap_or_default(), ":nik": valid.nik,
                ":phone": valid.phone, ":email": valid.email, ":address": valid.address,
                ":institution": valid.institution, ":now": now,
            })?;
            let id = conn.last_insert_id()?;
            Ok(Resolved {
                id,
                before: None,
                after: get_record(conn, id)?,
            })
        }
    }
}

/// The same name as written twice: letters compared without case, punctuation or extra
/// spaces ("Maria  Seran" and "MARIA SERAN" match; "Maria Seran" and "Mario Seran" do not).
fn same_name(a: &str, b: &str) -> bool {
    let plain = |text: &str| -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    plain(a) == plain(b)
}

fn keep_stored_where_blank(valid: &mut ValidPerson, stored: &PersonRecord) {
    for (typed, kept) in [
        (&mut valid.phone, &stored.phone),
        (&mut valid.email, &stored.email),
        (&mut valid.address, &stored.address),
        (&mut valid.institution, &stored.institution),
    ] {
        if typed.is_empty() {
            typed.clone_from(kept);
        }
    }
    if valid.id_number.as_deref().is_none_or(str::is_empty) && valid.id_type == "lainnya" {
        valid.id_type.clone_from(&stored.id_type);
        valid.id_number = None;
    }
}

/// A correction on the person's request (UU 27/2022): same rules as at the counter.
pub fn correct(
    conn: &Connection,
    id: i64,
    input: &PersonInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Resolved> {
    let input = PersonInput {
        person_id: Some(id),
        ..input.clone()
    };
    resolve(conn, &input, today, now, Contact::AtCounter, &anyone)
}

fn find_by_nik(conn: &Connection, nik: &str) -> Result<Option<PersonRecord>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE nik = ?1"))?
        .query_row([nik], record_from_row)
        .optional()?)
}

/// A visitor without a NIK is the same person when the name matches and so does the phone
/// (or, with no phone, the address).
fn find_same(conn: &Connection, valid: &ValidPerson) -> Result<Option<PersonRecord>> {
    // Two people who share a name and a phone (a family's one handphone) are different
    // people when their cards differ.
    // A name alone (a note from the suggestion box) says too little to merge two people.
    if valid.phone.is_empty() && valid.address.is_empty() && valid.nik.is_none() {
        return Ok(None);
    }
    let same_card = "(:id_number = '' OR id_number = '' OR id_number = :id_number)";
    let sql = if valid.phone.is_empty() {
        format!(
            "SELECT {COLUMNS} FROM people
              WHERE name = :name COLLATE NOCASE AND address = :address COLLATE NOCASE
                AND phone = '' AND anonymised_at IS NULL AND nik IS NULL AND {same_card}
              ORDER BY id LIMIT 1"
        )
    } else {
        format!(
            "SELECT {COLUMNS} FROM people
              WHERE phone = :phone AND name = :name COLLATE NOCASE AND anonymised_at IS NULL
                AND (nik IS NULL OR :nik IS NULL) AND {same_card}
              ORDER BY id LIMIT 1"
        )
    };
    let id_number = valid.id_number.clone().unwrap_or_default();
    let mut stmt = conn.prepare_cached(&sql)?;
    let params: Vec<(&str, &dyn crate::store::ToValue)> = if valid.phone.is_empty() {
        vec![
            (":name", &valid.name),
            (":address", &valid.address),
            (":id_number", &id_number),
        ]
    } else {
        vec![
            (":phone", &valid.phone),
            (":name", &valid.name),
            (":nik", &valid.nik),
            (":id_number", &id_number),
        ]
    };
    Ok(stmt
        .query_row(params.as_slice(), record_from_row)
        .optional()?)
}

/// The FTS5 phrase for a typed text: quotes doubled, so any input is a literal.
/// A person who may be found by name: a visitor, or someone whose every case carries their
/// name. Someone known only from cases kept confidential (or anonymous) is never offered.
pub(crate) const KNOWN_BY_NAME: &str = "(EXISTS (SELECT 1 FROM visits v WHERE v.person_id = people.id)
      OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = people.id AND c.identity <> 'named'))";

pub(crate) fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Returning visitors for the as-you-type suggestions: any three or more characters of a
/// name or phone number (`0812…` finds `+62…812…`), or the start of a NIK as it is read off
/// the card. Only the start: matching digits anywhere in a NIK would let the masked middle be
/// guessed a query at a time. Anonymised people are not found, nor anyone the person asking
/// may not see (known only as a confidential complainant, to someone who may not know her).
pub fn lookup(
    conn: &Connection,
    query: &str,
    limit: usize,
    may_see: MaySee,
) -> Result<Vec<Person>> {
    let query = query.trim();
    if query.chars().count() < 3 || query.len() > 100 {
        return Ok(Vec::new());
    }
    let phone_digits = phone::search_digits(query);
    let needle = phone_digits.clone().unwrap_or_else(|| query.to_owned());
    if needle.chars().count() < 3 {
        return Ok(Vec::new());
    }
    let nik_prefix: String = query
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    // Lists show a NIK as its first four and last two digits. A longer prefix would confirm
    // digits behind the mask one query at a time, so only those four, or the whole number
    // as read off the card, may match.
    let all_digits = nik_prefix.bytes().all(|b| b.is_ascii_digit());
    let (nik_from, nik_to) = match nik_prefix.len() {
        3 | 4 if all_digits => (nik_prefix.clone(), format!("{nik_prefix}:")),
        // Just above the whole number: U+0001 (PostgreSQL's text holds no U+0000).
        16 if all_digits => (nik_prefix.clone(), format!("{nik_prefix}\u{1}")),
        // Matches no NIK (they are digits only).
        _ => ("-".to_owned(), "-".to_owned()),
    };
    // The newest matches first: a common name can match thousands of people, and the one
    // at the counter today is more likely a recent visitor than the first ever stored.
    // One list of ids from both ways of matching, so the people are read by their key (an
    // OR of the two made PostgreSQL read every person). SQLite: the FTS5 trigram index; PostgreSQL: pg_trgm's indexes answer the same
    // substring match.
    let matching = conn.dialect(
        "SELECT rowid FROM people_search WHERE people_search MATCH :phrase",
        // OFFSET 0 keeps the match its own step: left to itself the planner may walk every
        // person newest first, testing each name (86 ms at ten years), instead of asking
        // the trigram index (2 ms).
        "SELECT rowid FROM (SELECT rowid FROM people_search
                             WHERE name LIKE :phrase ESCAPE '\\' OR phone LIKE :phrase ESCAPE '\\'
                            OFFSET 0) AS found",
    );
    let phrase = conn.dialect(
        format!("{{name phone}} : {}", fts_phrase(&needle)),
        format!("%{}%", crate::text::like_escape(&needle)),
    );
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people
          WHERE id IN (SELECT rowid FROM ({matching} ORDER BY rowid DESC LIMIT 200) AS by_text
                       UNION ALL
                       SELECT id FROM (SELECT id FROM people WHERE nik >= :nik_from AND nik < :nik_to
                                        ORDER BY nik LIMIT 200) AS by_nik)
            AND anonymised_at IS NULL
          ORDER BY updated_at DESC
          LIMIT :limit"
    ))?;
    let records = stmt
        .query_map(
            named_params! {
                ":phrase": phrase,
                ":nik_from": nik_from,
                ":nik_to": nik_to,
                // Room for the few the person asking may not see.
                ":limit": (limit * 4) as i64,
            },
            record_from_row,
        )?
        .collect::<crate::store::SqlResult<Vec<_>>>()?;
    let mut found = Vec::new();
    for record in records {
        if found.len() == limit {
            break;
        }
        if may_see(record.id)? {
            found.push(get(conn, record.id)?);
        }
    }
    Ok(found)
}

/// The full NIK (or other ID number) of one person, for the audited reveal.
pub fn full_id_number(conn: &Connection, id: i64) -> Result<String> {
    let record = get_record(conn, id)?;
    if record.anonymised_at.is_some() || record.id_number.is_empty() {
        return Err(Error::invalid(
            "id_number",
            "person.no_id_number",
            "Tidak ada nomor tanda pengenal yang tersimpan untuk tamu ini.",
        ));
    }
    Ok(record.id_number)
}

#[cfg(test)]
mod tests;
