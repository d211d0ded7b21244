//! Exports to Excel (.xlsx) and CSV: a list or the recap as sheets of typed cells, written with
//! progress the caller can show and a flag it can use to stop. The file is written beside its
//! target and renamed over it at the end, so a cancelled or failed export leaves nothing
//! half-written under the chosen name.
//!
//! - Excel: a header row in bold, filters on it, frozen under it; dates are real dates, NIK and
//!   every number the office writes (agenda, registration, letter numbers) are text.
//! - CSV: `;`-separated, UTF-8 with a byte-order mark, so Excel on an Indonesian Windows (where
//!   the list separator is `;`) opens it in columns with the accents intact.

pub mod sheets;

use std::io::Write;
use std::path::Path;
#[cfg(test)]
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, Workbook};

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    /// Local (WITA) date and time.
    DateTime(NaiveDateTime),
    Int(i64),
    /// A share in percent.
    Percent(f64),
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    pub fn opt_date(value: Option<NaiveDate>) -> Cell {
        value.map_or(Cell::Empty, Cell::Date)
    }

    /// As written in a CSV: dates the way the office types them.
    fn as_csv(&self) -> String {
        match self {
            // A cell that starts like a formula is typed by the public (a WhatsApp name,
            // a summary): Excel must show it, never run it.
            Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                format!("'{text}")
            }
            Cell::Text(text) => text.clone(),
            Cell::Date(date) => date.format("%d/%m/%Y").to_string(),
            Cell::DateTime(at) => at.format("%d/%m/%Y %H.%M").to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(p) => format!("{p:.1}").replace('.', ","),
            Cell::Empty => String::new(),
        }
    }
}

/// One sheet: a title (the sheet's name in Excel), the column headers and the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &str, columns: &[(&str, f64)]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            headers: columns.iter().map(|(h, _)| (*h).to_owned()).collect(),
            widths: columns.iter().map(|(_, w)| *w).collect(),
            rows: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Xlsx,
    Csv,
}

/// How an export ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Written { rows: usize },
    Cancelled,
}

fn failure(detail: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(format!(
        "berkas ekspor tidak dapat ditulis: {detail}"
    )))
}

#[cfg(test)]
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(crate::files::PARTIAL_SUFFIX);
    path.with_file_name(name)
}

/// A whole export written beside its target, not yet under its name: the caller names it
/// once its audit entry is written ([`Ready::finish`]), or drops it and nothing is left.
pub enum Drafted {
    Ready(Ready),
    Cancelled,
}

pub struct Ready {
    pub rows: usize,
    file: crate::files::Partial,
}

impl Ready {
    /// Gives the file its name (replacing a file the user chose to overwrite).
    pub fn finish(self, path: &Path) -> Result<usize> {
        let rows = self.rows;
        self.file.finish(path).map_err(|e| {
            Error::invalid(
                "path",
                "export.write",
                format!(
                    "Berkas tidak dapat disimpan di {} ({e}). Pilih folder lain.",
                    path.display()
                ),
            )
        })?;
        Ok(rows)
    }
}

/// Writes `sheets` beside `path`. `progress(done, total)` is called every few hundred rows
/// and once at the end; when it returns false the export stops and nothing is left behind.
pub fn draft(
    sheets: &[Sheet],
    format: FileFormat,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Drafted> {
    let total: usize = sheets.iter().map(|s| s.rows.len()).sum();
    let partial = crate::files::Partial::beside(path);
    let result = match format {
        FileFormat::Xlsx => write_xlsx(sheets, partial.path(), total, progress),
        FileFormat::Csv => write_csv(sheets, partial.path(), total, progress),
    };
    Ok(match result? {
        Outcome::Written { rows } => Drafted::Ready(Ready {
            rows,
            file: partial,
        }),
        Outcome::Cancelled => Drafted::Cancelled,
    })
}

/// Writes `sheets` to `path` at once (no audit entry to wait for).
pub fn write(
    sheets: &[Sheet],
    format: FileFormat,
    path: &Path,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Outcome> {
    Ok(match draft(sheets, format, path, progress)? {
        Drafted::Ready(ready) => Outcome::Written {
            rows: ready.finish(path)?,
        },
        Drafted::Cancelled => Outcome::Cancelled,
    })
}

const EVERY: usize = 250;

fn write_xlsx(
    sheets: &[Sheet],
    path: &Path,
    total: usize,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Outcome> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold().set_background_color("D9E7E8");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let date_time = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let percent = Format::new().set_num_format("0.0");
    let mut done = 0usize;
    for sheet in sheets {
        let ws = book.add_worksheet();
        // Excel's limits: 31 characters, none of []:*?/\ in a sheet name.
        let name: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        ws.set_name(&name).map_err(failure)?;
        for (col, title) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, title, &header)
                .map_err(failure)?;
            let width = sheet.widths.get(col).copied().unwrap_or(14.0);
            ws.set_column_width(col as u16, width).map_err(failure)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let r = index as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let c = col as u16;
                match cell {
                    Cell::Text(text) => ws.write_string(r, c, text).map(|_| ()),
                    Cell::Date(day) => ws.write_datetime_with_format(r, c, day, &date).map(|_| ()),
                    Cell::DateTime(at) => ws
                        .write_datetime_with_format(r, c, at, &date_time)
                        .map(|_| ()),
                    Cell::Int(n) => ws.write_number(r, c, *n as f64).map(|_| ()),
                    Cell::Percent(p) => ws.write_number_with_format(r, c, *p, &percent).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(failure)?;
            }
            done += 1;
            if done % EVERY == 0 && !progress(done, total) {
                return Ok(Outcome::Cancelled);
            }
        }
        let last_col = sheet.headers.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)
            .map_err(failure)?;
        ws.set_freeze_panes(1, 0).map_err(failure)?;
    }
    if !progress(done, total) {
        return Ok(Outcome::Cancelled);
    }
    book.save(path).map_err(failure)?;
    // Saving compresses the whole book, the slow part: a cancel meanwhile still counts.
    if !progress(done, total) {
        return Ok(Outcome::Cancelled);
    }
    Ok(Outcome::Written { rows: done })
}

fn write_csv(
    sheets: &[Sheet],
    path: &Path,
    total: usize,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Outcome> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    file.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(file);
    let mut done = 0usize;
    for (index, sheet) in sheets.iter().enumerate() {
        // Several sheets (the recap) follow one another, each under its name.
        if sheets.len() > 1 {
            if index > 0 {
                writer.write_record([""]).map_err(failure)?;
            }
            writer
                .write_record([sheet.name.as_str()])
                .map_err(failure)?;
        }
        writer.write_record(&sheet.headers).map_err(failure)?;
        for row in &sheet.rows {
            writer
                .write_record(row.iter().map(Cell::as_csv))
                .map_err(failure)?;
            done += 1;
            if done % EVERY == 0 && !progress(done, total) {
                return Ok(Outcome::Cancelled);
            }
        }
    }
    writer.flush()?;
    if !progress(done, total) {
        return Ok(Outcome::Cancelled);
    }
    Ok(Outcome::Written { rows: done })
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    fn sheet() -> Sheet {
        let mut sheet = Sheet::new(
            "Kunjungan",
            &[
                ("Tanggal", 12.0),
                ("NIK", 20.0),
                ("Nomor agenda", 10.0),
                ("Pengiring", 10.0),
                ("Jam", 16.0),
                ("Tepat waktu (%)", 10.0),
            ],
        );
        for n in 0..600 {
            sheet.rows.push(vec![
                Cell::Date(NaiveDate::from_ymd_opt(2026, 11, 1 + n % 28).unwrap()),
                Cell::text("5371015205900012"),
                Cell::text(format!("{:03}", n + 1)),
                Cell::Int(i64::from(n % 3)),
                Cell::DateTime(
                    NaiveDate::from_ymd_opt(2026, 11, 30)
                        .unwrap()
                        .and_hms_opt(9, 15, 0)
                        .unwrap(),
                ),
                Cell::Percent(87.5),
            ]);
        }
        sheet.rows.push(vec![
            Cell::text("Ñusa Tenggara; \"kutip\"\nbaris"),
            Cell::text("=HYPERLINK(\"x\")"),
        ]);
        sheet
    }

    #[test]
    fn the_xlsx_has_typed_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kunjungan.xlsx");
        let mut calls = 0;
        let outcome = write(&[sheet()], FileFormat::Xlsx, &path, &mut |_, total| {
            calls += 1;
            assert_eq!(total, 601);
            true
        })
        .unwrap();
        assert_eq!(outcome, Outcome::Written { rows: 601 });
        assert!(calls >= 3, "progress is reported as it goes");
        assert!(!partial_path(&path).exists());
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let range = book.worksheet_range("Kunjungan").unwrap();
        assert_eq!(range.get((0, 1)), Some(&Data::String("NIK".into())));
        assert_eq!(
            range.get((1, 1)),
            Some(&Data::String("5371015205900012".into())),
            "a NIK stays text"
        );
        assert_eq!(
            range.get((1, 2)),
            Some(&Data::String("001".into())),
            "leading zeros kept"
        );
        assert!(
            matches!(range.get((1, 0)), Some(Data::DateTime(d)) if d.is_datetime()),
            "{:?}",
            range.get((1, 0))
        );
        let first = range
            .get((1, 0))
            .and_then(calamine::DataType::as_datetime)
            .map(|d| d.date());
        assert_eq!(first, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert!(matches!(
            range.get((1, 3)),
            Some(Data::Float(_)) | Some(Data::Int(_))
        ));
        assert_eq!(
            range.get((601, 0)),
            Some(&Data::String("Ñusa Tenggara; \"kutip\"\nbaris".into()))
        );
    }

    #[test]
    fn the_csv_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kunjungan.csv");
        write(&[sheet()], FileFormat::Csv, &path, &mut |_, _| true).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            bytes.starts_with("\u{feff}".as_bytes()),
            "byte-order mark for Excel"
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .flexible(true)
            .from_reader(&bytes[3..]);
        let headers = reader.headers().unwrap().clone();
        assert_eq!(&headers[1], "NIK");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 601);
        assert_eq!(&rows[0][0], "01/11/2026");
        assert_eq!(&rows[0][1], "5371015205900012");
        assert_eq!(&rows[0][4], "30/11/2026 09.15");
        assert_eq!(&rows[0][5], "87,5");
        assert_eq!(&rows[600][0], "Ñusa Tenggara; \"kutip\"\nbaris");
        assert_eq!(&rows[600][1], "'=HYPERLINK(\"x\")", "never a formula");
    }

    #[test]
    fn a_cancelled_export_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        for format in [FileFormat::Xlsx, FileFormat::Csv] {
            let path = dir.path().join("batal");
            let outcome = write(&[sheet()], format, &path, &mut |done, _| done < 250).unwrap();
            assert_eq!(outcome, Outcome::Cancelled);
            assert!(!path.exists() && !partial_path(&path).exists());
        }
        let missing = dir.path().join("tidak-ada").join("x.csv");
        assert!(write(&[sheet()], FileFormat::Csv, &missing, &mut |_, _| true).is_err());
    }
}
