//! Who may sign a letter and how the signature block is worded (Permendagri 1/2023): the
//! Head of Office in his own name; a Plt./Plh. of the Head; or another official *atas nama*
//! (a.n.) the Head, with his own position under it.

use crate::store::Connection;
use chrono::NaiveDate;
use serde::Serialize;

use crate::documents::reply_letter::SignatureBlock;
use crate::error::{Error, Result};
use crate::settings::officials::{self, Official};
use crate::settings::units::{self, UnitKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// The Head signs as the Head.
    Head,
    Plt,
    Plh,
    /// a.n. Kepala Dinas.
    OnBehalf,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signer {
    pub official_id: i64,
    pub name: String,
    pub form: Form,
    /// "Kepala Dinas Sosial", "Plt. Kepala Dinas Sosial", "a.n. Kepala Dinas — Sekretaris"
    pub label: String,
    pub block: SignatureBlock,
}

/// "Dinas Sosial Kota Kupang": the top unit, whose head the letters are signed for.
fn top_unit_name(conn: &Connection) -> Result<String> {
    Ok(units::top(conn)?.map_or_else(|| "Dinas".to_owned(), |u| u.name))
}

fn is_top(conn: &Connection, unit_id: i64) -> Result<bool> {
    Ok(units::get(conn, unit_id)?.kind == UnitKind::Dinas)
}

/// How `official` signs on `day`, or why they cannot.
pub fn signer(conn: &Connection, official_id: i64, day: NaiveDate) -> Result<Signer> {
    let official = officials::get(conn, official_id, day)?;
    if !official.active {
        return Err(Error::invalid(
            "signer_official_id",
            "reply.signer_inactive",
            format!(
                "{} tidak menjabat pada {}; pilih penanda tangan lain.",
                official.name,
                crate::dates::format_long(day)
            ),
        ));
    }
    let head_title = format!("KEPALA {}", top_unit_name(conn)?.to_uppercase());
    let acting = official.acting.iter().find(|a| {
        a.valid_from <= day
            && a.valid_to.is_none_or(|to| to >= day)
            && is_top(conn, a.unit_id).unwrap_or(false)
    });
    let (form, title_lines, label) = if is_top(conn, official.unit_id)? {
        (
            Form::Head,
            vec![format!("{head_title},")],
            official.position.clone(),
        )
    } else if let Some(acting) = acting {
        let prefix = acting.kind.prefix();
        let form = match acting.kind {
            officials::ActingKind::Plt => Form::Plt,
            officials::ActingKind::Plh => Form::Plh,
        };
        (
            form,
            vec![format!("{prefix} {head_title},")],
            format!("{prefix} {}", acting.position),
        )
    } else {
        (
            Form::OnBehalf,
            vec![
                format!("a.n. {head_title}"),
                format!("{},", official.position.to_uppercase()),
            ],
            format!("a.n. Kepala Dinas — {}", official.position),
        )
    };
    Ok(Signer {
        official_id,
        name: official.name.clone(),
        form,
        label,
        block: block(&official, title_lines),
    })
}

fn block(official: &Official, title_lines: Vec<String>) -> SignatureBlock {
    SignatureBlock {
        title_lines,
        name: official.name.clone(),
        rank: official.rank_label.clone(),
        nip: official.nip_spaced.clone(),
    }
}

/// Everyone who can sign on `day`, the Head (and whoever acts for him) first.
pub fn choices(conn: &Connection, day: NaiveDate) -> Result<Vec<Signer>> {
    let mut all: Vec<Signer> = officials::list(conn, day)?
        .into_iter()
        .filter(|o| o.active)
        .filter_map(|o| signer(conn, o.id, day).ok())
        .collect();
    all.sort_by_key(|s| match s.form {
        Form::Head => 0,
        Form::Plt | Form::Plh => 1,
        Form::OnBehalf => 2,
    });
    Ok(all)
}

/// The signer a new draft starts with: the Head, or whoever acts for him.
pub fn default_signer(conn: &Connection, day: NaiveDate) -> Result<Signer> {
    choices(conn, day)?
        .into_iter()
        .find(|s| s.form != Form::OnBehalf)
        .ok_or_else(|| {
            Error::invalid(
                "signer_official_id",
                "reply.no_head",
                "Belum ada Kepala Dinas (atau Plt./Plh.) yang aktif di Pengaturan › Pejabat; \
                 tambahkan dulu sebelum membuat konsep surat.",
            )
        })
}
