//! Organisation units as a tree: the Dinas at the root; Sekretariat, Bidang and UPTD under
//! it; Sub-bagian under the Sekretariat; Seksi under a Bidang or UPTD. Units referenced by
//! officials are deactivated, never deleted.

use crate::store::{named_params, Connection, OptionalExtension};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrors, Result};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Dinas,
    Sekretariat,
    Bidang,
    Subbagian,
    Seksi,
    Uptd,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        UnitKind::Dinas,
        UnitKind::Sekretariat,
        UnitKind::Bidang,
        UnitKind::Subbagian,
        UnitKind::Seksi,
        UnitKind::Uptd,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Dinas => "dinas",
            UnitKind::Sekretariat => "sekretariat",
            UnitKind::Bidang => "bidang",
            UnitKind::Subbagian => "subbagian",
            UnitKind::Seksi => "seksi",
            UnitKind::Uptd => "uptd",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Dinas => "Dinas",
            UnitKind::Sekretariat => "Sekretariat",
            UnitKind::Bidang => "Bidang",
            UnitKind::Subbagian => "Sub Bagian",
            UnitKind::Seksi => "Seksi",
            UnitKind::Uptd => "UPT Daerah",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The kinds a unit of this kind may sit under.
    fn allowed_parents(self) -> &'static [UnitKind] {
        match self {
            UnitKind::Dinas => &[],
            UnitKind::Sekretariat | UnitKind::Bidang | UnitKind::Uptd => &[UnitKind::Dinas],
            UnitKind::Subbagian => &[UnitKind::Sekretariat, UnitKind::Uptd],
            UnitKind::Seksi => &[UnitKind::Bidang, UnitKind::Uptd],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub kind_label: &'static str,
    pub name: String,
    pub code: String,
    pub active: bool,
    /// Depth in the tree (the Dinas is 0); the list comes in tree order.
    pub depth: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnitInput {
    pub parent_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub code: String,
    pub active: bool,
    /// The record's revision when the form was opened ([`crate::Office::revision`]): a save
    /// over someone else's later change is refused, naming who made it and when. None: not
    /// checked (a new record, or a caller that did not open a form).
    #[serde(default)]
    pub seen: Option<i64>,
}

/// All units in tree order (each parent followed by its children, by sort order).
pub fn list(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE tree(id, depth, path) AS (
             SELECT id, 0, printf('%06d', sort_order) || printf('%09d', id) FROM units WHERE parent_id IS NULL
             UNION ALL
             SELECT u.id, t.depth + 1, t.path || '/' || printf('%06d', u.sort_order) || printf('%09d', u.id)
               FROM units u JOIN tree t ON u.parent_id = t.id
         )
         SELECT u.id, u.parent_id, u.kind, u.name, u.code, u.active, t.depth
           FROM tree t JOIN units u ON u.id = t.id ORDER BY t.path",
    )?;
    let rows = stmt.query_map([], |row| {
        let kind: String = row.get(2)?;
        let kind = UnitKind::parse(&kind).unwrap_or(UnitKind::Seksi);
        Ok(Unit {
            id: row.get(0)?,
            parent_id: row.get(1)?,
            kind,
            kind_label: kind.label(),
            name: row.get(3)?,
            code: row.get(4)?,
            active: row.get(5)?,
            depth: row.get::<_, i64>(6)? as usize,
        })
    })?;
    Ok(rows.collect::<crate::store::SqlResult<_>>()?)
}

/// The office itself (the Dinas at the root), whose head letters are signed for and whose
/// code goes into numbers.
pub fn top(conn: &Connection) -> Result<Option<Unit>> {
    Ok(list(conn)?.into_iter().find(|u| u.kind == UnitKind::Dinas))
}

pub fn get(conn: &Connection, id: i64) -> Result<Unit> {
    list(conn)?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or(Error::NotFound {
            code: "unit.not_found",
            what: "Unit organisasi",
        })
}

/// Adds a unit (`id` None) or changes one.
pub fn save(
    conn: &Connection,
    id: Option<i64>,
    input: &UnitInput,
    today: NaiveDate,
) -> Result<Unit> {
    let units = list(conn)?;
    let existing = match id {
        Some(id) => Some(units.iter().find(|u| u.id == id).ok_or(Error::NotFound {
            code: "unit.not_found",
            what: "Unit organisasi",
        })?),
        None => None,
    };
    let mut e = FieldErrors::new();
    let kind = UnitKind::parse(&input.kind);
    if kind.is_none() {
        e.add("kind", "unit.kind_invalid", "Pilih jenis unit.");
    }
    let name = e.take(text::required("name", "Nama unit", &input.name, 120));
    let code = e.take(text::optional("code", "Kode unit", &input.code, 20));
    if let Some(code) = &code {
        if code.contains(|c: char| c.is_whitespace() || c == '/' || c == '{' || c == '}') {
            e.add("code", "unit.code_invalid", "Kode unit dipakai dalam nomor surat: tanpa spasi, garis miring atau kurung kurawal.");
        }
    }
    if let Some(kind) = kind {
        match (kind, input.parent_id) {
            (UnitKind::Dinas, None) => {
                let other_root = units
                    .iter()
                    .any(|u| u.parent_id.is_none() && Some(u.id) != id);
                if other_root {
                    e.add(
                        "kind",
                        "unit.second_root",
                        "Hanya ada satu unit Dinas (puncak struktur).",
                    );
                }
            }
            (UnitKind::Dinas, Some(_)) => {
                e.add(
                    "parent_id",
                    "unit.parent_invalid",
                    "Unit Dinas tidak berada di bawah unit lain.",
                );
            }
            (_, None) => e.add("parent_id", "unit.parent_required", "Pilih unit induk."),
            (kind, Some(parent_id)) => match units.iter().find(|u| u.id == parent_id) {
                None => e.add(
                    "parent_id",
                    "unit.parent_invalid",
                    "Unit induk tidak ditemukan.",
                ),
                Some(parent) => {
                    if !kind.allowed_parents().contains(&parent.kind) {
                        let allowed: Vec<_> =
                            kind.allowed_parents().iter().map(|k| k.label()).collect();
                        e.add(
                            "parent_id",
                            "unit.parent_invalid",
                            format!(
                                "{} harus berada di bawah {}.",
                                kind.label(),
                                allowed.join(" atau ")
                            ),
                        );
                    } else if !parent.active {
                        e.add(
                            "parent_id",
                            "unit.parent_inactive",
                            "Unit induk sudah nonaktif.",
                        );
                    } else if let Some(id) = id {
                        if is_descendant(&units, parent_id, id) {
                            e.add(
                                "parent_id",
                                "unit.cycle",
                                "Unit tidak dapat dipindah ke bawah dirinya sendiri.",
                            );
                        }
                    }
                }
            },
        }
    }
    if let (Some(existing), false) = (existing, input.active) {
        if existing.active {
            if units
                .iter()
                .any(|u| u.parent_id == Some(existing.id) && u.active)
            {
                e.add(
                    "active",
                    "unit.has_active_children",
                    "Nonaktifkan dulu unit-unit di bawahnya.",
                );
            }
            if active_official_count(conn, existing.id, today)? > 0 {
                e.add(
                    "active",
                    "unit.has_officials",
                    "Masih ada pejabat aktif di unit ini; pindahkan dulu.",
                );
            }
        }
    }
    if let (Some(existing), Some(kind)) = (existing, kind) {
        let misfit = units.iter().find(|u| {
            u.parent_id == Some(existing.id) && !u.kind.allowed_parents().contains(&kind)
        });
        if let Some(child) = misfit {
            e.add(
                "kind",
                "unit.children_misfit",
                format!(
                    "{} \"{}\" tidak dapat berada di bawah {}; pindahkan dulu.",
                    child.kind.label(),
                    child.name,
                    kind.label()
                ),
            );
        }
    }
    if let (Some(name), Some(_)) = (&name, kind) {
        let duplicate = units.iter().any(|u| {
            u.parent_id == input.parent_id
                && Some(u.id) != id
                && u.name.to_lowercase() == name.to_lowercase()
        });
        if duplicate {
            e.add(
                "name",
                "unit.duplicate_name",
                "Sudah ada unit dengan nama ini di bawah induk yang sama.",
            );
        }
    }
    e.into_result()?;
    let (kind, name, code) = (kind.unwrap(), name.unwrap(), code.unwrap());
    let id = match id {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE units SET parent_id = :parent, kind = :kind, name = :name, code = :code,
                        active = :active WHERE id = :id",
            )?
            .execute(named_params! {
                ":parent": input.parent_id, ":kind": kind.as_str(), ":name": name, ":code": code,
                ":active": input.active, ":id": id,
            })?;
            id
        }
        None => {
            conn.prepare_cached(
                "INSERT INTO units (parent_id, kind, name, code, active, sort_order)
                 VALUES (:parent, :kind, :name, :code, :active,
                         (SELECT ifnull(max(sort_order), 0) + 1 FROM units WHERE parent_id IS NOT DISTINCT FROM :parent))",
            )?
            .execute(named_params! {
                ":parent": input.parent_id, ":kind": kind.as_str(), ":name": name, ":code": code,
                ":active": input.active,
            })?;
            conn.last_insert_id()?
        }
    };
    get(conn, id)
}

fn is_descendant(units: &[Unit], candidate: i64, ancestor: i64) -> bool {
    let mut current = Some(candidate);
    // The tree is at most as deep as it is long; the bound guards against a corrupt cycle.
    for _ in 0..=units.len() {
        match current {
            Some(id) if id == ancestor => return true,
            Some(id) => current = units.iter().find(|u| u.id == id).and_then(|u| u.parent_id),
            None => return false,
        }
    }
    true
}

/// Officials and acting appointments in the unit that are not over by `today`.
fn active_official_count(conn: &Connection, unit_id: i64, today: NaiveDate) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM officials
                      WHERE unit_id = :unit AND (active_to IS NULL OR active_to >= :today))
                  + (SELECT count(*) FROM acting_appointments
                      WHERE unit_id = :unit AND (valid_to IS NULL OR valid_to >= :today))",
        )?
        .query_row(named_params! { ":unit": unit_id, ":today": today }, |row| {
            row.get(0)
        })
        .optional()?
        .unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn input(parent: Option<i64>, kind: &str, name: &str) -> UnitInput {
        UnitInput {
            seen: None,
            parent_id: parent,
            kind: kind.into(),
            name: name.into(),
            code: String::new(),
            active: true,
        }
    }

    #[test]
    fn defaults_form_a_tree() {
        let conn = crate::store::open_in_memory().unwrap();
        let units = list(&conn).unwrap();
        assert_eq!(units[0].kind, UnitKind::Dinas);
        assert_eq!(units[0].depth, 0);
        assert_eq!(units[1].name, "Sekretariat");
        assert_eq!(
            units[2].depth, 2,
            "sub-bagian under the Sekretariat follows it"
        );
    }

    #[test]
    fn hierarchy_rules_hold() {
        let conn = crate::store::open_in_memory().unwrap();
        let seksi = save(
            &conn,
            None,
            &input(Some(6), "seksi", "Seksi Rehabilitasi Anak"),
            today(),
        )
        .unwrap();
        assert_eq!(seksi.depth, 2);
        let code = |r: Result<Unit>| r.unwrap_err().code();
        assert_eq!(
            code(save(&conn, None, &input(Some(2), "seksi", "X"), today())),
            "unit.parent_invalid"
        );
        assert_eq!(
            code(save(
                &conn,
                None,
                &input(None, "dinas", "Dinas Lain"),
                today()
            )),
            "unit.second_root"
        );
        assert_eq!(
            code(save(&conn, None, &input(None, "bidang", "B"), today())),
            "unit.parent_required"
        );
        assert_eq!(
            code(save(
                &conn,
                None,
                &input(Some(1), "bidang", "bidang rehabilitasi sosial"),
                today()
            )),
            "unit.duplicate_name"
        );
        // Moving the Sekretariat under its own sub-bagian is a cycle (and a wrong kind).
        assert!(save(
            &conn,
            Some(2),
            &input(Some(3), "sekretariat", "Sekretariat"),
            today()
        )
        .is_err());
        let mut off = input(Some(1), "bidang", "Bidang Rehabilitasi Sosial");
        off.active = false;
        assert_eq!(
            code(save(&conn, Some(6), &off, today())),
            "unit.has_active_children"
        );
        // A Bidang with a Seksi under it cannot become a Sekretariat.
        let retyped = UnitInput {
            kind: "sekretariat".into(),
            ..input(Some(1), "bidang", "Bidang Rehabilitasi Sosial")
        };
        assert_eq!(
            code(save(&conn, Some(6), &retyped, today())),
            "unit.children_misfit"
        );
    }
}
