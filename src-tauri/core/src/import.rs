//! Reading the CSV files staff bring from Excel: UTF-8 or the Windows code page, comma or
//! semicolon (Excel in the Indonesian locale writes semicolons), an optional header row.
//! Anything that is not text is refused before a row is read.

use crate::error::{Error, Result};

/// Largest import file we accept; holiday and classification lists are a few KB.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
pub const MAX_IMPORT_ROWS: usize = 5000;

/// One data row with its line number in the file (1-based), for messages.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// Decodes `bytes` and splits it into rows of trimmed cells, skipping a header row whose
/// first cell starts with one of `header_names`.
pub fn read_rows(bytes: &[u8], header_names: &[&str]) -> Result<Vec<Row>> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Error::invalid(
            "file",
            "import.too_large",
            format!(
                "Berkas terlalu besar (paling besar {} KB).",
                MAX_IMPORT_BYTES / 1024
            ),
        ));
    }
    if bytes.contains(&0) {
        return Err(not_csv());
    }
    let text = decode(bytes);
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|_| not_csv())?;
        let line = record
            .position()
            .map(|p| line_of(&text, p.byte() as usize))
            .unwrap_or(index + 1);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if index == 0 && is_header(&cells, header_names) {
            continue;
        }
        if rows.len() >= MAX_IMPORT_ROWS {
            return Err(Error::invalid(
                "file",
                "import.too_many_rows",
                format!("Berkas berisi lebih dari {MAX_IMPORT_ROWS} baris."),
            ));
        }
        rows.push(Row { line, cells });
    }
    if rows.is_empty() {
        return Err(Error::invalid(
            "file",
            "import.empty",
            "Berkas tidak berisi baris data.",
        ));
    }
    Ok(rows)
}

/// A first row whose first cell names the column (`kode`, `Tanggal`…) is a header; anything
/// else is data, so a mistyped first row is reported rather than skipped.
fn is_header(cells: &[String], first_column_names: &[&str]) -> bool {
    let first = cells.first().map(|c| c.to_lowercase()).unwrap_or_default();
    first_column_names
        .iter()
        .any(|name| first.starts_with(name))
}

/// An error about one row, worded with its line number.
pub fn row_error(row: &Row, error: Error) -> Error {
    let message = format!("Baris {}: {}", row.line, error);
    Error::invalid("file", error.code(), message)
}

/// The 1-based line a record starting at `byte` is on. The reader's own count and offset
/// include the blank lines it skipped before the record, so those are stepped over.
fn line_of(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    let mut start = byte.min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1
}

fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        // Excel's "CSV" on Windows is Windows-1252; its letters match Latin-1.
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

fn not_csv() -> Error {
    Error::invalid(
        "file",
        "import.not_csv",
        "Berkas bukan CSV (teks dipisah koma atau titik koma). Simpan ulang dari Excel sebagai CSV.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolons_with_header_and_bom() {
        let rows = read_rows(
            b"\xEF\xBB\xBFKode;nama\n400.9;Sosial\n\n000;Umum\n",
            &["kode"],
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["400.9", "Sosial"]);
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn refuses_binary_and_empty_files() {
        assert_eq!(
            read_rows(b"\x89PNG\r\n\x1a\n\0\0", &[]).unwrap_err().code(),
            "import.not_csv"
        );
        assert_eq!(
            read_rows(b"kode,nama\n", &["kode"]).unwrap_err().code(),
            "import.empty"
        );
        let huge = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert_eq!(
            read_rows(&huge, &[]).unwrap_err().code(),
            "import.too_large"
        );
    }

    #[test]
    fn windows_code_page_is_read() {
        let rows = read_rows(b"001,Caf\xe9\n", &[]).unwrap();
        assert_eq!(rows[0].cells[1], "Café");
    }
}
