//! The office profile as printed in the letterhead (kop surat), kept as dated versions.
//! A version is never changed: saving inserts a new one valid from a date, so a letter signed
//! under an earlier letterhead reprints exactly as it was signed.

use crate::store::{named_params, Connection, OptionalExtension, Row};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::emblem::{self, Emblem, EmblemView};
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Letterhead {
    pub id: i64,
    pub valid_from: NaiveDate,
    pub government_name: String,
    pub office_name: String,
    pub street_address: String,
    pub city: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub emblem: Option<EmblemView>,
    pub government_font_pt: i64,
    pub office_font_pt: i64,
    pub address_font_pt: i64,
    pub created_at: DateTime<Utc>,
}

/// One row of the version history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterheadVersion {
    pub id: i64,
    pub valid_from: NaiveDate,
    pub valid_from_label: String,
    pub office_name: String,
    pub street_address: String,
    pub phone: String,
    pub created_at: DateTime<Utc>,
    /// The version in force today.
    pub current: bool,
}

/// The form as typed. `emblem` is the picture as a `data:` URL, or empty for none.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LetterheadInput {
    pub valid_from: String,
    pub government_name: String,
    pub office_name: String,
    pub street_address: String,
    pub city: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub emblem: String,
    pub government_font_pt: String,
    pub office_font_pt: String,
    pub address_font_pt: String,
}

struct Valid {
    valid_from: NaiveDate,
    government_name: String,
    office_name: String,
    street_address: String,
    city: String,
    postcode: String,
    phone: String,
    email: String,
    website: String,
    emblem: Option<Emblem>,
    government_font_pt: i64,
    office_font_pt: i64,
    address_font_pt: i64,
}

fn validate(input: &LetterheadInput) -> Result<Valid> {
    let mut e = FieldErrors::new();
    let valid_from = e.take(dates::parse(
        "valid_from",
        "Berlaku mulai",
        &input.valid_from,
    ));
    let government_name = e.take(text::required(
        "government_name",
        "Nama pemerintah daerah",
        &input.government_name,
        100,
    ));
    let office_name = e.take(text::required(
        "office_name",
        "Nama dinas",
        &input.office_name,
        100,
    ));
    let street_address = e.take(text::required(
        "street_address",
        "Alamat",
        &input.street_address,
        200,
    ));
    let city = e.take(text::required("city", "Kota", &input.city, 60));
    let postcode = e.take(text::optional("postcode", "Kode pos", &input.postcode, 10));
    if let Some(code) = &postcode {
        if !code.is_empty() && (code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit())) {
            e.add(
                "postcode",
                "office.postcode_invalid",
                "Kode pos harus 5 angka.",
            );
        }
    }
    let phone = e.take(text::optional("phone", "Telepon", &input.phone, 40));
    if let Some(phone) = &phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !phone.is_empty() && (!allowed || !(6..=15).contains(&digits)) {
            e.add(
                "phone",
                "office.phone_invalid",
                "Telepon harus 6–15 angka (boleh memakai spasi, +, -, tanda kurung).",
            );
        }
    }
    let email = e.take(text::optional("email", "Email", &input.email, 100));
    if let Some(email) = &email {
        if !email.is_empty() && !looks_like_email(email) {
            e.add(
                "email",
                "office.email_invalid",
                "Email tidak valid; contoh: dinsos@kupangkota.go.id.",
            );
        }
    }
    let website = e.take(text::optional("website", "Laman", &input.website, 100));
    if let Some(site) = &website {
        if site.contains(char::is_whitespace) || (!site.is_empty() && !site.contains('.')) {
            e.add(
                "website",
                "office.website_invalid",
                "Laman tidak valid; contoh: dinsos.kupangkota.go.id.",
            );
        }
    }
    let emblem = if input.emblem.trim().is_empty() {
        Some(None)
    } else {
        e.take(Emblem::from_data_url(&input.emblem)).map(Some)
    };
    let government_font_pt = e.take(text::integer_in(
        "government_font_pt",
        "Ukuran huruf pemerintah daerah",
        &input.government_font_pt,
        8,
        24,
    ));
    let office_font_pt = e.take(text::integer_in(
        "office_font_pt",
        "Ukuran huruf nama dinas",
        &input.office_font_pt,
        8,
        28,
    ));
    let address_font_pt = e.take(text::integer_in(
        "address_font_pt",
        "Ukuran huruf alamat",
        &input.address_font_pt,
        6,
        16,
    ));
    e.into_result()?;
    // Every `take` above succeeded, so every value is present.
    Ok(Valid {
        valid_from: valid_from.unwrap(),
        government_name: government_name.unwrap(),
        office_name: office_name.unwrap(),
        street_address: street_address.unwrap(),
        city: city.unwrap(),
        postcode: postcode.unwrap(),
        phone: phone.unwrap(),
        email: email.unwrap(),
        website: website.unwrap(),
        emblem: emblem.unwrap(),
        government_font_pt: government_font_pt.unwrap(),
        office_font_pt: office_font_pt.unwrap(),
        address_font_pt: address_font_pt.unwrap(),
    })
}

/// Checks the form without saving (the UI asks as the user leaves a field).
pub fn check(input: &LetterheadInput) -> Result<()> {
    validate(input).map(|_| ())
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.contains(char::is_whitespace)
}

const COLUMNS: &str = "id, valid_from, government_name, office_name, street_address, city, postcode, \
     phone, email, website, emblem_image_id, government_font_pt, office_font_pt, address_font_pt, created_at";

fn from_row(row: &Row) -> crate::store::SqlResult<(Letterhead, Option<i64>)> {
    Ok((
        Letterhead {
            id: row.get(0)?,
            valid_from: row.get(1)?,
            government_name: row.get(2)?,
            office_name: row.get(3)?,
            street_address: row.get(4)?,
            city: row.get(5)?,
            postcode: row.get(6)?,
            phone: row.get(7)?,
            email: row.get(8)?,
            website: row.get(9)?,
            emblem: None,
            government_font_pt: row.get(11)?,
            office_font_pt: row.get(12)?,
            address_font_pt: row.get(13)?,
            created_at: row.get(14)?,
        },
        row.get(10)?,
    ))
}

fn with_emblem(conn: &Connection, found: (Letterhead, Option<i64>)) -> Result<Letterhead> {
    let (mut letterhead, emblem_id) = found;
    if let Some(id) = emblem_id {
        letterhead.emblem = Some(emblem::load(conn, id)?.view());
    }
    Ok(letterhead)
}

/// The version in force on `date`: the latest `valid_from` not after it; among versions
/// from the same day, the last saved.
pub fn in_force_on(conn: &Connection, date: NaiveDate) -> Result<Letterhead> {
    let sql = format!(
        "SELECT {COLUMNS} FROM letterheads WHERE valid_from <= :date
          ORDER BY valid_from DESC, id DESC LIMIT 1"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row(named_params! { ":date": date }, from_row)
        .optional()?;
    match found {
        Some(found) => with_emblem(conn, found),
        // Before the first version: the earliest one is the best we have.
        None => {
            let sql = format!("SELECT {COLUMNS} FROM letterheads ORDER BY valid_from, id LIMIT 1");
            let found = conn.prepare_cached(&sql)?.query_row([], from_row)?;
            with_emblem(conn, found)
        }
    }
}

pub fn get(conn: &Connection, id: i64) -> Result<Letterhead> {
    let sql = format!("SELECT {COLUMNS} FROM letterheads WHERE id = :id");
    let found = conn
        .prepare_cached(&sql)?
        .query_row(named_params! { ":id": id }, from_row)
        .optional()?
        .ok_or(Error::NotFound {
            code: "letterhead.not_found",
            what: "Versi kop surat",
        })?;
    with_emblem(conn, found)
}

pub fn versions(conn: &Connection, today: NaiveDate) -> Result<Vec<LetterheadVersion>> {
    let current = in_force_on(conn, today)?.id;
    let mut stmt = conn.prepare_cached(
        "SELECT id, valid_from, office_name, street_address, phone, created_at
           FROM letterheads ORDER BY valid_from DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |row| {
        let valid_from: NaiveDate = row.get(1)?;
        let id: i64 = row.get(0)?;
        Ok(LetterheadVersion {
            id,
            valid_from,
            valid_from_label: dates::format_long(valid_from),
            office_name: row.get(2)?,
            street_address: row.get(3)?,
            phone: row.get(4)?,
            created_at: row.get(5)?,
            current: id == current,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// Saves a new version; earlier versions stay as they were.
pub fn save(conn: &Connection, input: &LetterheadInput, now: DateTime<Utc>) -> Result<Letterhead> {
    let valid = validate(input)?;
    // A version may not reach back: letters dated before today keep the letterhead they had.
    let today = dates::wita_date(now);
    if valid.valid_from < today {
        return Err(Error::invalid(
            "valid_from",
            "letterhead.backdated",
            format!("Kop baru berlaku paling awal hari ini ({}); surat yang lebih lama tetap memakai kop lamanya.", dates::format_long(today)),
        ));
    }
    let emblem_id = match &valid.emblem {
        Some(emblem) => Some(emblem::store(conn, emblem)?),
        None => None,
    };
    conn.prepare_cached(
        "INSERT INTO letterheads (valid_from, government_name, office_name, street_address, city,
             postcode, phone, email, website, emblem_image_id, government_font_pt, office_font_pt,
             address_font_pt, created_at)
         VALUES (:valid_from, :government_name, :office_name, :street_address, :city, :postcode,
             :phone, :email, :website, :emblem, :gov_pt, :office_pt, :address_pt, :now)",
    )?
    .execute(named_params! {
        ":valid_from": valid.valid_from,
        ":government_name": valid.government_name,
        ":office_name": valid.office_name,
        ":street_address": valid.street_address,
        ":city": valid.city,
        ":postcode": valid.postcode,
        ":phone": valid.phone,
        ":email": valid.email,
        ":website": valid.website,
        ":emblem": emblem_id,
        ":gov_pt": valid.government_font_pt,
        ":office_pt": valid.office_font_pt,
        ":address_pt": valid.address_font_pt,
        ":now": now,
    })?;
    get(conn, conn.last_insert_id()?)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::settings::emblem::tests::png;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub fn input_from(current: &Letterhead, valid_from: &str) -> LetterheadInput {
        LetterheadInput {
            valid_from: valid_from.into(),
            government_name: current.government_name.clone(),
            office_name: current.office_name.clone(),
            street_address: current.street_address.clone(),
            city: current.city.clone(),
            postcode: current.postcode.clone(),
            phone: current.phone.clone(),
            email: current.email.clone(),
            website: current.website.clone(),
            emblem: current
                .emblem
                .as_ref()
                .map(|e| e.data_url.clone())
                .unwrap_or_default(),
            government_font_pt: current.government_font_pt.to_string(),
            office_font_pt: current.office_font_pt.to_string(),
            address_font_pt: current.address_font_pt.to_string(),
        }
    }

    #[test]
    fn defaults_are_the_kupang_office() {
        let conn = crate::store::open_in_memory().unwrap();
        let current = in_force_on(&conn, d(2026, 11, 28)).unwrap();
        assert_eq!(current.government_name, "PEMERINTAH KOTA KUPANG");
        assert_eq!(current.office_name, "DINAS SOSIAL");
        assert_eq!(current.postcode, "85228");
        assert_eq!(current.email, "dinsos@kupangkota.go.id");
    }

    #[test]
    fn a_new_version_leaves_the_old_one_for_old_letters() {
        let conn = crate::store::open_in_memory().unwrap();
        let now: DateTime<Utc> = "2026-11-28T02:00:00Z".parse().unwrap();
        let old = in_force_on(&conn, d(2026, 11, 28)).unwrap();
        let mut input = input_from(&old, "01/12/2026");
        input.street_address = "Jalan Timor Raya No. 9".into();
        input.emblem = Emblem::from_bytes(png(48)).unwrap().view().data_url;
        let new = save(&conn, &input, now).unwrap();
        assert_ne!(new.id, old.id);
        assert_eq!(new.emblem.as_ref().unwrap().width, 48);
        // Before 1 December the old address is in force; from then on the new one.
        assert_eq!(in_force_on(&conn, d(2026, 11, 30)).unwrap(), old);
        assert_eq!(
            in_force_on(&conn, d(2026, 12, 1)).unwrap().street_address,
            "Jalan Timor Raya No. 9"
        );
        assert_eq!(get(&conn, old.id).unwrap(), old);
        let history = versions(&conn, d(2026, 12, 2)).unwrap();
        assert_eq!(history.len(), 2);
        assert!(history[0].current && !history[1].current);
        // Backdating would change the letterhead of days already past.
        let backdated = LetterheadInput {
            valid_from: "27/11/2026".into(),
            ..input.clone()
        };
        assert_eq!(
            save(&conn, &backdated, now).unwrap_err().code(),
            "letterhead.backdated"
        );
        // The database itself refuses to rewrite a version.
        assert!(conn
            .execute("UPDATE letterheads SET phone = '1'", [])
            .is_err());
    }

    proptest::proptest! {
        #[test]
        fn validation_never_panics(fields in proptest::collection::vec("\\PC{0,60}", 13)) {
            let input = LetterheadInput {
                valid_from: fields[0].clone(), government_name: fields[1].clone(),
                office_name: fields[2].clone(), street_address: fields[3].clone(),
                city: fields[4].clone(), postcode: fields[5].clone(), phone: fields[6].clone(),
                email: fields[7].clone(), website: fields[8].clone(), emblem: fields[9].clone(),
                government_font_pt: fields[10].clone(), office_font_pt: fields[11].clone(),
                address_font_pt: fields[12].clone(),
            };
            let _ = check(&input);
        }
    }

    #[test]
    fn every_field_is_checked() {
        let conn = crate::store::open_in_memory().unwrap();
        let current = in_force_on(&conn, d(2026, 11, 28)).unwrap();
        let mut input = input_from(&current, "32/13/2026");
        input.office_name = " ".into();
        input.postcode = "8522".into();
        input.phone = "telp 123".into();
        input.email = "dinsos@".into();
        input.website = "dinsos kupang".into();
        input.emblem = "data:image/png;base64,JVBERi0xLjc=".into();
        input.office_font_pt = "99".into();
        let err = save(&conn, &input, Utc::now()).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "valid_from",
                "office_name",
                "postcode",
                "phone",
                "email",
                "website",
                "emblem",
                "office_font_pt"
            ]
        );
        assert_eq!(
            versions(&conn, d(2026, 11, 28)).unwrap().len(),
            1,
            "nothing saved"
        );
    }
}
