//! The recap (rekapitulasi) of the complaint service for a period, on A4 with the letterhead:
//! the main figures, then timeliness by channel and by unit, then the counts by group, each a
//! table that flows across pages with its header repeated.

use super::fonts::Face;
use super::layout::{Align, Document, PageSetup, Paper, TextStyle};
use super::person_data::draw_fields;
use super::table::{Column, Table};
use super::{kop, render as render_pdf};
use crate::error::Result;
use crate::reports::{Count, Recap, Sla};
use crate::settings::letterhead::Letterhead;

const TITLE: TextStyle = TextStyle::new(Face::SansBold, 12.0);
const SUBTITLE: TextStyle = TextStyle::new(Face::SansRegular, 10.0);
const HEADING: TextStyle = TextStyle::new(Face::SansBold, 10.0);
const HEADER: TextStyle = TextStyle::new(Face::SansBold, 8.5);
const BODY: TextStyle = TextStyle::new(Face::SansRegular, 8.5);
const FOOTER: TextStyle = TextStyle::new(Face::SansRegular, 7.5);

fn share(value: Option<f64>) -> String {
    value.map_or("—".to_owned(), |v| format!("{v:.1}%").replace('.', ","))
}

fn heading(doc: &mut Document, text: &str) {
    doc.advance(4.0);
    doc.ensure_space(20.0);
    doc.paragraph(HEADING, Align::Left, text);
    doc.advance(1.5);
}

fn sla_table(doc: &mut Document, first: &str, rows: &[Sla]) {
    let columns = vec![
        Column::share(first, 3.0, Align::Left),
        Column::fixed("Tepat waktu", 22.0, Align::Right),
        Column::fixed("Terlambat", 22.0, Align::Right),
        Column::fixed("Belum jatuh tempo", 28.0, Align::Right),
        Column::fixed("% tepat waktu", 24.0, Align::Right),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.label.clone(),
                r.on_time.to_string(),
                r.late.to_string(),
                r.pending.to_string(),
                share(r.share_on_time),
            ]
        })
        .collect();
    Table::across(doc, columns, HEADER, BODY).draw(doc, &cells, "Tidak ada data.");
}

fn count_table(doc: &mut Document, first: &str, rows: &[Count]) {
    let columns = vec![
        Column::share(first, 3.0, Align::Left),
        Column::fixed("Jumlah", 24.0, Align::Right),
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.label.clone(), r.count.to_string()])
        .collect();
    Table::across(doc, columns, HEADER, BODY).draw(doc, &cells, "Tidak ada data.");
}

pub fn layout(letterhead: &Letterhead, recap: &Recap, printed_label: &str) -> Result<Document> {
    let mut doc = Document::new(
        &format!("Rekapitulasi Pengaduan {}", recap.period.label),
        PageSetup::portrait(Paper::A4, 6.0),
    );
    kop::draw(&mut doc, letterhead)?;
    doc.paragraph(
        TITLE,
        Align::Centre,
        "REKAPITULASI LAYANAN PENGADUAN MASYARAKAT",
    );
    doc.paragraph(SUBTITLE, Align::Centre, &recap.period.label);
    doc.paragraph(
        SUBTITLE,
        Align::Centre,
        &format!("keadaan per {}", recap.as_of_label),
    );
    doc.advance(4.0);
    let days = |v: Option<f64>| v.map_or("—".to_owned(), |d| format!("{d:.1}").replace('.', ","));
    draw_fields(
        &mut doc,
        &[
            ("Pengaduan diterima".into(), recap.cases_total.to_string()),
            (
                "Tepat waktu".into(),
                format!(
                    "{} dijawab tepat waktu, {} terlambat, {} belum jatuh tempo — {}",
                    recap.sla.on_time,
                    recap.sla.late,
                    recap.sla.pending,
                    share(recap.sla.share_on_time)
                ),
            ),
            (
                "Waktu jawab".into(),
                format!(
                    "rata-rata {} hari kerja, paling lama {} hari kerja",
                    days(recap.answer_days_average),
                    recap
                        .answer_days_longest
                        .map_or("—".to_owned(), |d| d.to_string())
                ),
            ),
            (
                "Akhir periode".into(),
                format!(
                    "{} belum selesai, {} di antaranya melewati batas waktu",
                    recap.open_at_end, recap.overdue_at_end
                ),
            ),
            (
                "Buku tamu".into(),
                format!(
                    "{} kunjungan; {} kartu identitas terlambat dikembalikan",
                    recap.visits_total, recap.cards_returned_late
                ),
            ),
        ],
    );
    heading(&mut doc, "Ketepatan waktu per saluran");
    sla_table(&mut doc, "Saluran", &recap.sla_by_channel);
    heading(&mut doc, "Ketepatan waktu per unit penjawab");
    sla_table(&mut doc, "Unit", &recap.sla_by_unit);
    heading(&mut doc, "Pengaduan per jenis");
    count_table(&mut doc, "Jenis", &recap.by_kind);
    heading(&mut doc, "Pengaduan per status (saat dicetak)");
    count_table(&mut doc, "Status", &recap.by_status);
    heading(&mut doc, "Kunjungan buku tamu per keperluan");
    count_table(&mut doc, "Keperluan", &recap.visits_by_purpose);
    heading(&mut doc, "Kunjungan buku tamu per hasil");
    count_table(&mut doc, "Hasil", &recap.visits_by_outcome);
    count_table(&mut doc, "Jawaban di loket", &recap.counter_answers);
    doc.footer(FOOTER, printed_label);
    Ok(doc)
}

pub fn render(letterhead: &Letterhead, recap: &Recap, printed_label: &str) -> Result<Vec<u8>> {
    render_pdf(layout(letterhead, recap, printed_label)?)
}
