//! What each export holds: the office's lists for a date range (visits, incoming letters,
//! cases, dispositions, outgoing letters) and the recap, as sheets of typed cells. Personal
//! data follows the screens' rules: a NIK is masked unless the export was asked to reveal it
//! (and the role may), a confidential complainant is never named.

use crate::store::Connection;
use chrono::{DateTime, NaiveDate, Utc};

use super::{Cell, Sheet};
use crate::dates;
use crate::error::Result;
use crate::reports::{Count, Recap, Sla};
use crate::{cases, dispositions, guestbook, letters, replies};

fn local(at: DateTime<Utc>) -> Cell {
    Cell::DateTime(at.with_timezone(&dates::wita()).naive_local())
}

fn opt_local(at: Option<DateTime<Utc>>) -> Cell {
    at.map_or(Cell::Empty, local)
}

pub fn visits(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
    reveal_nik: bool,
) -> Result<Sheet> {
    let mut sheet = Sheet::new(
        "Buku Tamu",
        &[
            ("Tanggal", 12.0),
            ("Masuk", 16.0),
            ("Keluar", 16.0),
            ("Nama", 28.0),
            ("Identitas", 10.0),
            ("Nomor identitas", 20.0),
            ("Telepon", 16.0),
            ("Alamat", 32.0),
            ("Instansi", 22.0),
            ("Keperluan", 14.0),
            ("Uraian keperluan", 40.0),
            ("Diteruskan kepada", 30.0),
            ("Hasil", 22.0),
            ("Kartu identitas", 18.0),
        ],
    );
    let hidden = hidden_visits(conn)?;
    for v in guestbook::visits::in_range(conn, from, to, now)? {
        if hidden.contains(&v.id) {
            // The visit opened a case whose complainant is not to be named: the row stays (the
            // counts must add up) with nothing that identifies them.
            sheet.rows.push(vec![
                Cell::Date(v.visit_date),
                local(v.time_in),
                opt_local(v.time_out),
                Cell::text(cases::CONFIDENTIAL_NAME),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text(v.purpose_category_label),
                Cell::Empty,
                Cell::text(v.routed_to),
                Cell::text(v.outcome_label),
                Cell::Empty,
            ]);
            continue;
        }
        let number = if reveal_nik && !v.id_number_masked.is_empty() {
            crate::people::get_record(conn, v.person_id)?.id_number
        } else {
            v.id_number_masked.clone()
        };
        let card = match &v.deposit {
            Some(d) if d.returned_at.is_some() => "Dikembalikan".to_owned(),
            Some(_) => "Masih disimpan".to_owned(),
            None => String::new(),
        };
        sheet.rows.push(vec![
            Cell::Date(v.visit_date),
            local(v.time_in),
            opt_local(v.time_out),
            Cell::text(v.name),
            Cell::text(v.id_type_label),
            Cell::text(number),
            Cell::text(v.phone),
            Cell::text(v.address),
            Cell::text(v.institution),
            Cell::text(v.purpose_category_label),
            Cell::text(v.purpose),
            Cell::text(v.routed_to),
            Cell::text(v.outcome_label),
            Cell::text(card),
        ]);
    }
    Ok(sheet)
}

/// Visits that opened a case whose complainant is confidential or anonymous.
pub(crate) fn hidden_visits(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT visit_id FROM cases WHERE visit_id IS NOT NULL AND identity <> 'named'",
    )?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<crate::store::SqlResult<_>>()?)
}

pub fn letters(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Sheet> {
    let mut sheet = Sheet::new(
        "Surat Masuk",
        &[
            ("Nomor agenda", 12.0),
            ("Diterima", 16.0),
            ("Dihitung diterima", 14.0),
            ("Nomor surat", 22.0),
            ("Tanggal surat", 12.0),
            ("Pengirim", 30.0),
            ("Perihal", 40.0),
            ("Sifat", 12.0),
            ("Lampiran", 9.0),
            ("Klasifikasi", 10.0),
            ("Pengaduan", 15.0),
        ],
    );
    for l in letters::in_range(conn, from, to)? {
        sheet.rows.push(vec![
            Cell::text(l.agenda_number),
            local(l.received_at),
            Cell::Date(l.received_date),
            Cell::text(l.letter_number),
            Cell::Date(l.letter_date),
            Cell::text(l.sender_name),
            Cell::text(l.subject),
            Cell::text(l.urgency_label),
            Cell::Int(l.enclosures),
            Cell::text(l.classification_code.unwrap_or_default()),
            Cell::text(l.case_reg_number.unwrap_or_default()),
        ]);
    }
    Ok(sheet)
}

/// Whether a case was (or is being) answered in time, by the recap's rule as of `today`.
fn timeliness_label(case: &cases::Case, today: NaiveDate) -> &'static str {
    match case.on_time {
        Some(true) => "Ya",
        Some(false) => "Tidak",
        None if case.due_date < today => "Tidak (masih terbuka)",
        None => "",
    }
}

pub fn cases(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Sheet> {
    let mut sheet = Sheet::new(
        "Pengaduan",
        &[
            ("Nomor registrasi", 16.0),
            ("Diterima", 16.0),
            ("Dihitung diterima", 14.0),
            ("Saluran", 14.0),
            ("Jenis", 16.0),
            ("Pelapor", 26.0),
            ("Uraian", 44.0),
            ("Batas waktu", 12.0),
            ("Status", 16.0),
            ("Dijawab", 12.0),
            ("Tepat waktu", 16.0),
            ("Dijawab oleh", 24.0),
            ("Tracking ID LAPOR", 18.0),
        ],
    );
    for c in cases::in_range(conn, from, to)? {
        let on_time = timeliness_label(&c, today);
        sheet.rows.push(vec![
            Cell::text(c.reg_number),
            local(c.received_at),
            Cell::Date(c.received_date),
            Cell::text(c.channel_label),
            Cell::text(c.kind_label),
            Cell::text(c.complainant),
            Cell::text(c.summary),
            Cell::Date(c.due_date),
            Cell::text(c.status_label),
            Cell::opt_date(c.answered_at),
            Cell::text(on_time),
            Cell::text(c.answered_by_name),
            Cell::text(c.lapor_tracking_id.unwrap_or_default()),
        ]);
    }
    Ok(sheet)
}

pub fn dispositions(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Sheet> {
    let mut sheet = Sheet::new(
        "Disposisi",
        &[
            ("Dibuat", 16.0),
            ("Tentang", 44.0),
            ("Dari", 26.0),
            ("Kepada", 26.0),
            ("Instruksi", 30.0),
            ("Batas waktu", 12.0),
            ("Catatan", 30.0),
            ("Lembar kertas", 10.0),
            ("Dibaca", 16.0),
            ("Laporan", 40.0),
            ("Dilaporkan", 16.0),
        ],
    );
    for mut d in dispositions::in_range(conn, from, to)? {
        // A list never names a confidential complainant, whoever reads it.
        if crate::confidential::is_hidden_disposition(conn, &d)? {
            dispositions::withhold(&mut d);
        }
        sheet.rows.push(vec![
            local(d.created_at),
            Cell::text(d.subject),
            Cell::text(format!("{} ({})", d.from_name, d.from_position)),
            Cell::text(format!("{} ({})", d.to_name, d.to_position)),
            Cell::text(d.instructions_label),
            Cell::opt_date(d.due_date),
            Cell::text(d.note),
            Cell::text(if d.on_paper { "Ya" } else { "" }),
            opt_local(d.read_at),
            Cell::text(d.report.unwrap_or_default()),
            opt_local(d.reported_at),
        ]);
    }
    Ok(sheet)
}

pub fn outgoing(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Sheet> {
    let mut sheet = Sheet::new(
        "Surat Keluar",
        &[
            ("No. urut", 8.0),
            ("Nomor surat", 24.0),
            ("Tanggal", 12.0),
            ("Kepada", 30.0),
            ("Hal", 40.0),
            ("Penanda tangan", 28.0),
            ("Klasifikasi", 10.0),
            ("Pengaduan", 15.0),
        ],
    );
    let filter = replies::register::OutgoingFilter {
        from: dates::format_short(from),
        to: dates::format_short(to),
    };
    for r in replies::register::list(conn, &filter, today)?.rows {
        sheet.rows.push(vec![
            Cell::Int(r.sequence),
            Cell::text(r.number),
            Cell::Date(r.letter_date),
            Cell::text(r.addressee),
            Cell::text(r.subject),
            Cell::text(r.signer_name),
            Cell::text(r.classification_code),
            Cell::text(r.case_reg_number),
        ]);
    }
    Ok(sheet)
}

fn share(value: Option<f64>) -> Cell {
    value.map_or(Cell::Empty, Cell::Percent)
}

fn sla_rows(sheet: &mut Sheet, rows: &[Sla]) {
    for row in rows {
        sheet.rows.push(vec![
            Cell::text(&row.label),
            Cell::Int(row.on_time),
            Cell::Int(row.late),
            Cell::Int(row.pending),
            share(row.share_on_time),
        ]);
    }
}

fn count_rows(sheet: &mut Sheet, group: &str, rows: &[Count]) {
    for row in rows {
        sheet.rows.push(vec![
            Cell::text(group),
            Cell::text(&row.label),
            Cell::Int(row.count),
        ]);
    }
}

/// The recap as sheets: the summary, counts by group, timeliness by channel and by unit, and
/// the months of the year.
pub fn recap(recap: &Recap) -> Vec<Sheet> {
    let mut summary = Sheet::new("Ringkasan", &[("Angka", 48.0), ("Nilai", 16.0)]);
    let figures: [(&str, Cell); 13] = [
        ("Periode", Cell::text(&recap.period.label)),
        ("Keadaan per tanggal", Cell::Date(recap.as_of)),
        ("Pengaduan diterima", Cell::Int(recap.cases_total)),
        ("Dijawab tepat waktu", Cell::Int(recap.sla.on_time)),
        ("Terlambat", Cell::Int(recap.sla.late)),
        ("Belum jatuh tempo", Cell::Int(recap.sla.pending)),
        ("Tepat waktu (%)", share(recap.sla.share_on_time)),
        (
            "Rata-rata hari kerja sampai dijawab",
            recap.answer_days_average.map_or(Cell::Empty, Cell::Percent),
        ),
        (
            "Paling lama (hari kerja)",
            recap.answer_days_longest.map_or(Cell::Empty, Cell::Int),
        ),
        (
            "Belum selesai pada akhir periode",
            Cell::Int(recap.open_at_end),
        ),
        (
            "Melewati batas waktu pada akhir periode",
            Cell::Int(recap.overdue_at_end),
        ),
        ("Kunjungan buku tamu", Cell::Int(recap.visits_total)),
        (
            "Kartu identitas terlambat dikembalikan",
            Cell::Int(recap.cards_returned_late),
        ),
    ];
    for (label, value) in figures {
        summary.rows.push(vec![Cell::text(label), value]);
    }
    let mut counts = Sheet::new(
        "Rincian",
        &[("Kelompok", 18.0), ("Uraian", 34.0), ("Jumlah", 10.0)],
    );
    count_rows(&mut counts, "Saluran", &recap.by_channel);
    count_rows(&mut counts, "Jenis", &recap.by_kind);
    count_rows(&mut counts, "Status", &recap.by_status);
    count_rows(&mut counts, "Keperluan tamu", &recap.visits_by_purpose);
    count_rows(&mut counts, "Hasil kunjungan", &recap.visits_by_outcome);
    count_rows(&mut counts, "Jawaban di loket", &recap.counter_answers);
    let headers = [
        ("Uraian", 40.0),
        ("Tepat waktu", 12.0),
        ("Terlambat", 12.0),
        ("Belum jatuh tempo", 16.0),
        ("Tepat waktu (%)", 14.0),
    ];
    let mut by_channel = Sheet::new("Per saluran", &headers);
    sla_rows(&mut by_channel, &recap.sla_by_channel);
    let mut by_unit = Sheet::new("Per unit", &headers);
    sla_rows(&mut by_unit, &recap.sla_by_unit);
    let mut columns: Vec<(&str, f64)> = vec![("Bulan", 12.0)];
    columns.extend(recap.channels.iter().map(|c| (c.label.as_str(), 12.0)));
    columns.push(("Tepat waktu (%)", 14.0));
    let mut months = Sheet::new("Per bulan", &columns);
    for month in &recap.months {
        let mut row = vec![Cell::text(&month.label)];
        row.extend(month.by_channel.iter().map(|n| Cell::Int(*n)));
        row.push(share(month.share_on_time));
        months.rows.push(row);
    }
    vec![summary, counts, by_channel, by_unit, months]
}
