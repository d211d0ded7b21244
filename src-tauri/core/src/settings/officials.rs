//! Officials who dispose letters, review drafts and sign: name, NIP, rank, position, unit,
//! the period they hold it, and acting appointments (Plt./Plh.) alongside their own post.

use crate::store::{named_params, Connection, OptionalExtension};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::nip;
use super::units;
use crate::dates;
use crate::error::{Error, FieldErrors, Result};
use crate::text;

/// Pangkat/golongan of civil servants (PP 99/2000 and its amendments), lowest to highest.
pub const RANKS: [(&str, &str); 17] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rank {
    pub code: &'static str,
    pub name: &'static str,
    /// `Pembina Tingkat I (IV/b)`, as printed under a signature.
    pub label: String,
}

pub fn ranks() -> Vec<Rank> {
    RANKS
        .iter()
        .map(|(code, name)| Rank {
            code,
            name,
            label: format!("{name} ({code})"),
        })
        .collect()
}

fn rank_label(code: &str) -> String {
    RANKS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(c, name)| format!("{name} ({c})"))
        .unwrap_or_else(|| code.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActingKind {
    /// Pelaksana Tugas: fills a vacant post.
    Plt,
    /// Pelaksana Harian: stands in while the holder is away for a while.
    Plh,
}

impl ActingKind {
    fn as_str(self) -> &'static str {
        match self {
            ActingKind::Plt => "plt",
            ActingKind::Plh => "plh",
        }
    }

    /// As written before the position: `Plt.` / `Plh.`
    pub fn prefix(self) -> &'static str {
        match self {
            ActingKind::Plt => "Plt.",
            ActingKind::Plh => "Plh.",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "plt" => Some(ActingKind::Plt),
            "plh" => Some(ActingKind::Plh),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActingAppointment {
    pub id: i64,
    pub official_id: i64,
    pub kind: ActingKind,
    pub position: String,
    pub unit_id: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// `Plt. Kepala Dinas Sosial, 1 Desember 2026 – 31 Januari 2027`
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    pub id: i64,
    pub name: String,
    pub nip: String,
    pub nip_spaced: String,
    pub rank_code: String,
    pub rank_label: String,
    pub position: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub active_from: NaiveDate,
    pub active_to: Option<NaiveDate>,
    /// Holds the post today.
    pub active: bool,
    pub acting: Vec<ActingAppointment>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfficialInput {
    pub name: String,
    pub nip: String,
    pub rank_code: String,
    pub position: String,
    pub unit_id: Option<i64>,
    pub active_from: String,
    pub active_to: String,
    /// The record's revision when the form was opened ([`crate::Office::revision`]): a save
    /// over someone else's later change is refused, naming who made it and when. None: not
    /// checked (a new record, or a caller that did not open a form).
    #[serde(default)]
    pub seen: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActingInput {
    pub official_id: i64,
    pub kind: String,
    pub position: String,
    pub unit_id: Option<i64>,
    pub valid_from: String,
    pub valid_to: String,
}

struct Valid {
    name: String,
    nip: String,
    rank_code: String,
    position: String,
    unit_id: i64,
    active_from: NaiveDate,
    active_to: Option<NaiveDate>,
}

fn check_unit(conn: &Connection, e: &mut FieldErrors, unit_id: Option<i64>) -> Result<Option<i64>> {
    match unit_id {
        None => e.add("unit_id", "field.required", "Unit kerja wajib dipilih."),
        Some(id) => match units::get(conn, id) {
            Ok(unit) if unit.active => return Ok(Some(id)),
            Ok(_) => e.add("unit_id", "unit.inactive", "Unit kerja ini sudah nonaktif."),
            Err(Error::NotFound { .. }) => {
                e.add("unit_id", "unit.not_found", "Unit kerja tidak ditemukan.")
            }
            Err(other) => return Err(other),
        },
    }
    Ok(None)
}

fn check_period(
    e: &mut FieldErrors,
    (from_field, from_label, from_text): (&str, &str, &str),
    (to_field, to_label, to_text): (&str, &str, &str),
) -> (Option<NaiveDate>, Option<Option<NaiveDate>>) {
    let from = e.take(dates::parse(from_field, from_label, from_text));
    let to = e.take(dates::parse_optional(to_field, to_label, to_text));
    if let (Some(from), Some(Some(to))) = (from, to) {
        if to < from {
            e.add(
                to_field,
                "period.reversed",
                format!(
                    "{to_label} tidak boleh sebelum {}.",
                    from_label.to_lowercase()
                ),
            );
            return (Some(from), None);
        }
    }
    (from, to)
}

fn validate(
    conn: &Connection,
    id: Option<i64>,
    input: &OfficialInput,
    today: NaiveDate,
) -> Result<Valid> {
    let mut e = FieldErrors::new();
    let name = e.take(text::required("name", "Nama", &input.name, 120));
    let nip = e.take(nip::parse(&input.nip, today)).map(|n| n.digits);
    if let Some(nip) = &nip {
        let holder: Option<(i64, String)> = conn
            .prepare_cached("SELECT id, name FROM officials WHERE nip = :nip")?
            .query_row(named_params! { ":nip": nip }, |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        if let Some((_, holder)) = holder.filter(|(other, _)| Some(*other) != id) {
            e.add(
                "nip",
                "official.nip_taken",
                format!("NIP ini sudah tercatat untuk {holder}."),
            );
        }
    }
    let rank_code = input.rank_code.trim();
    if !RANKS.iter().any(|(code, _)| *code == rank_code) {
        e.add(
            "rank_code",
            "official.rank_invalid",
            "Pilih pangkat/golongan dari daftar.",
        );
    }
    let position = e.take(text::required("position", "Jabatan", &input.position, 150));
    let unit_id = check_unit(conn, &mut e, input.unit_id)?;
    let (active_from, active_to) = check_period(
        &mut e,
        ("active_from", "Menjabat sejak", &input.active_from),
        ("active_to", "Menjabat sampai", &input.active_to),
    );
    e.into_result()?;
    Ok(Valid {
        name: name.unwrap(),
        nip: nip.unwrap(),
        rank_code: rank_code.to_owned(),
        position: position.unwrap(),
        unit_id: unit_id.unwrap(),
        active_from: active_from.unwrap(),
        active_to: active_to.unwrap(),
    })
}

/// Checks the form without saving.
pub fn check(
    conn: &Connection,
    id: Option<i64>,
    input: &OfficialInput,
    today: NaiveDate,
) -> Result<()> {
    validate(conn, id, input, today).map(|_| ())
}

pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<Official>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.name, o.nip, o.rank_code, o.position, o.unit_id, u.name, o.active_from, o.active_to
           FROM officials o JOIN units u ON u.id = o.unit_id
          ORDER BY (o.active_to IS NOT NULL AND o.active_to < :today), o.rank_code DESC, o.name",
    )?;
    let rows = stmt.query_map(named_params! { ":today": today }, |row| {
        let nip: String = row.get(2)?;
        let rank_code: String = row.get(3)?;
        let active_from: NaiveDate = row.get(7)?;
        let active_to: Option<NaiveDate> = row.get(8)?;
        Ok(Official {
            id: row.get(0)?,
            name: row.get(1)?,
            nip_spaced: nip::format_spaced(&nip),
            nip,
            rank_label: rank_label(&rank_code),
            rank_code,
            position: row.get(4)?,
            unit_id: row.get(5)?,
            unit_name: row.get(6)?,
            active_from,
            active_to,
            active: active_from <= today && active_to.is_none_or(|to| to >= today),
            acting: Vec::new(),
        })
    })?;
    let mut officials: Vec<Official> = rows.collect::<crate::store::SqlResult<_>>()?;
    for appointment in acting_list(conn)? {
        if let Some(official) = officials
            .iter_mut()
            .find(|o| o.id == appointment.official_id)
        {
            official.acting.push(appointment);
        }
    }
    Ok(officials)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Official> {
    list(conn, today)?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or(Error::NotFound {
            code: "official.not_found",
            what: "Pejabat",
        })
}

pub fn save(
    conn: &Connection,
    id: Option<i64>,
    input: &OfficialInput,
    today: NaiveDate,
) -> Result<Official> {
    if let Some(id) = id {
        get(conn, id, today)?;
    }
    let v = validate(conn, id, input, today)?;
    let params = named_params! {
        ":name": v.name, ":nip": v.nip, ":rank": v.rank_code, ":position": v.position,
        ":unit": v.unit_id, ":from": v.active_from, ":to": v.active_to, ":id": id,
    };
    let id = match id {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE officials SET name = :name, nip = :nip, rank_code = :rank, position = :position,
                        unit_id = :unit, active_from = :from, active_to = :to WHERE id = :id",
            )?
            .execute(params)?;
            id
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO officials (name, nip, rank_code, position, unit_id, active_from, active_to)
                 VALUES (:name, :nip, :rank, :position, :unit, :from, :to)",
            )?
            .execute(&params[..7])?;
            conn.last_insert_id()?
        }
    };
    get(conn, id, today)
}

fn acting_list(conn: &Connection) -> Result<Vec<ActingAppointment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, official_id, kind, position, unit_id, valid_from, valid_to
           FROM acting_appointments ORDER BY valid_from DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |row| {
        let kind: String = row.get(2)?;
        let kind = ActingKind::parse(&kind).unwrap_or(ActingKind::Plh);
        let position: String = row.get(3)?;
        let valid_from: NaiveDate = row.get(5)?;
        let valid_to: Option<NaiveDate> = row.get(6)?;
        let until = valid_to
            .map(dates::format_long)
            .unwrap_or_else(|| "sekarang".into());
        Ok(ActingAppointment {
            id: row.get(0)?,
            official_id: row.get(1)?,
            kind,
            label: format!(
                "{} {position}, {} – {until}",
                kind.prefix(),
                dates::format_long(valid_from)
            ),
            position,
            unit_id: row.get(4)?,
            valid_from,
            valid_to,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// Records an acting appointment. A Plh. is temporary by nature, so it needs an end date.
pub fn add_acting(conn: &Connection, input: &ActingInput, today: NaiveDate) -> Result<Official> {
    get(conn, input.official_id, today)?;
    let mut e = FieldErrors::new();
    let kind = ActingKind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", "acting.kind_invalid", "Pilih Plt. atau Plh.");
    }
    let position = e.take(text::required(
        "position",
        "Jabatan yang dilaksanakan",
        &input.position,
        150,
    ));
    let unit_id = check_unit(conn, &mut e, input.unit_id)?;
    let (valid_from, valid_to) = check_period(
        &mut e,
        ("valid_from", "Berlaku mulai", &input.valid_from),
        ("valid_to", "Berlaku sampai", &input.valid_to),
    );
    if kind == Some(ActingKind::Plh) && valid_to == Some(None) {
        e.add(
            "valid_to",
            "acting.plh_needs_end",
            "Plh. bersifat sementara: isi tanggal berakhirnya.",
        );
    }
    e.into_result()?;
    conn.prepare_cached(
        "INSERT INTO acting_appointments (official_id, kind, position, unit_id, valid_from, valid_to)
         VALUES (:official, :kind, :position, :unit, :from, :to)",
    )?
    .execute(named_params! {
        ":official": input.official_id, ":kind": kind.unwrap().as_str(), ":position": position.unwrap(),
        ":unit": unit_id.unwrap(), ":from": valid_from.unwrap(), ":to": valid_to.unwrap(),
    })?;
    get(conn, input.official_id, today)
}

/// Removes an acting appointment entered by mistake.
pub fn remove_acting(conn: &Connection, id: i64) -> Result<()> {
    let removed = conn
        .prepare_cached("DELETE FROM acting_appointments WHERE id = :id")?
        .execute(named_params! { ":id": id })?;
    if removed == 0 {
        return Err(Error::NotFound {
            code: "acting.not_found",
            what: "Penugasan Plt./Plh.",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn head() -> OfficialInput {
        OfficialInput {
            seen: None,
            name: "Drs. Yohanes Bria, M.Si".into(),
            nip: "19700512 199503 1 002".into(),
            rank_code: "IV/b".into(),
            position: "Kepala Dinas Sosial Kota Kupang".into(),
            unit_id: Some(1),
            active_from: "02/01/2024".into(),
            active_to: String::new(),
        }
    }

    #[test]
    fn saves_and_lists_an_official() {
        let conn = crate::store::open_in_memory().unwrap();
        let official = save(&conn, None, &head(), today()).unwrap();
        assert_eq!(official.nip, "197005121995031002");
        assert_eq!(official.nip_spaced, "19700512 199503 1 002");
        assert_eq!(official.rank_label, "Pembina Tingkat I (IV/b)");
        assert!(official.active);
        assert_eq!(official.unit_name, "Dinas Sosial Kota Kupang");
        // The same NIP cannot be entered twice.
        let err = save(&conn, None, &head(), today()).unwrap_err();
        assert_eq!(err.code(), "official.nip_taken");
        // But the official can be edited keeping their NIP.
        let mut edited = head();
        edited.active_to = "31/12/2026".into();
        assert_eq!(
            save(&conn, Some(official.id), &edited, today())
                .unwrap()
                .active_to,
            NaiveDate::from_ymd_opt(2026, 12, 31)
        );
    }

    #[test]
    fn invalid_nip_saves_nothing() {
        let conn = crate::store::open_in_memory().unwrap();
        let mut input = head();
        input.nip = "19701312 199503 1 002".into();
        input.rank_code = "V/a".into();
        input.active_to = "01/01/2020".into();
        let err = save(&conn, None, &input, today()).unwrap_err();
        assert_eq!(err.code(), "official.nip_invalid");
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["nip", "rank_code", "active_to"]);
        assert!(list(&conn, today()).unwrap().is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn validation_never_panics(fields in proptest::collection::vec("\\PC{0,40}", 6), unit in proptest::option::of(-3i64..12)) {
            let conn = crate::store::open_in_memory().unwrap();
            let input = OfficialInput {
                seen: None,
                name: fields[0].clone(), nip: fields[1].clone(), rank_code: fields[2].clone(),
                position: fields[3].clone(), unit_id: unit, active_from: fields[4].clone(),
                active_to: fields[5].clone(),
            };
            let _ = check(&conn, None, &input, today());
        }
    }

    #[test]
    fn acting_appointments() {
        let conn = crate::store::open_in_memory().unwrap();
        let mut secretary = head();
        secretary.name = "Maria Fanggidae, S.Sos".into();
        secretary.nip = "197808212005012003".into();
        secretary.position = "Sekretaris".into();
        secretary.unit_id = Some(2);
        let official = save(&conn, None, &secretary, today()).unwrap();
        let mut acting = ActingInput {
            official_id: official.id,
            kind: "plh".into(),
            position: "Kepala Dinas Sosial Kota Kupang".into(),
            unit_id: Some(1),
            valid_from: "01/12/2026".into(),
            valid_to: String::new(),
        };
        assert_eq!(
            add_acting(&conn, &acting, today()).unwrap_err().code(),
            "acting.plh_needs_end"
        );
        acting.valid_to = "05/12/2026".into();
        let official = add_acting(&conn, &acting, today()).unwrap();
        assert_eq!(official.acting.len(), 1);
        assert_eq!(
            official.acting[0].label,
            "Plh. Kepala Dinas Sosial Kota Kupang, 1 Desember 2026 – 5 Desember 2026"
        );
        remove_acting(&conn, official.acting[0].id).unwrap();
        assert!(get(&conn, official.id, today()).unwrap().acting.is_empty());
    }
}
