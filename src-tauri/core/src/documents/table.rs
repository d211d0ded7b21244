//! A ruled table that flows across pages: a grey header row repeated at the top of every
//! page, cells wrapped to their column, and rows kept whole (a row that does not fit moves to
//! the next page), so a printed register can be read one row at a time.

use super::layout::{wrap_lines, Align, Document, TextStyle, WrappedLine};

const BORDER_PT: f32 = 0.5;
const HEADER_GREY: f32 = 0.85;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Exactly this many millimetres.
    Fixed(f32),
    /// A share of what the fixed columns leave, in proportion to the other shares.
    Share(f32),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: ColumnWidth,
    pub align: Align,
}

impl Column {
    pub fn fixed(title: &str, width_mm: f32, align: Align) -> Self {
        Self {
            title: title.to_owned(),
            width: ColumnWidth::Fixed(width_mm),
            align,
        }
    }

    pub fn share(title: &str, share: f32, align: Align) -> Self {
        Self {
            title: title.to_owned(),
            width: ColumnWidth::Share(share),
            align,
        }
    }
}

/// What was drawn where, so callers (and tests) can check the flow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub part: Part,
    /// Page index from 0.
    pub page: usize,
    pub top_mm: f32,
    pub height_mm: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Header,
    /// The row at this index of the input.
    Row(usize),
    /// The single row shown instead of an empty table.
    EmptyNote,
}

#[derive(Debug, Clone)]
pub struct Table {
    columns: Vec<Column>,
    x_mm: f32,
    widths_mm: Vec<f32>,
    header_style: TextStyle,
    body_style: TextStyle,
    padding_mm: f32,
}

/// A row measured for drawing: each cell's lines.
struct Prepared {
    cells: Vec<Vec<WrappedLine>>,
    line_count: usize,
}

impl Table {
    /// Columns laid out from `x_mm` across `width_mm`; fixed columns get their width and
    /// shared columns divide the rest.
    pub fn new(
        columns: Vec<Column>,
        x_mm: f32,
        width_mm: f32,
        header_style: TextStyle,
        body_style: TextStyle,
    ) -> Self {
        let fixed: f32 = columns
            .iter()
            .map(|c| match c.width {
                ColumnWidth::Fixed(mm) => mm.max(0.0),
                ColumnWidth::Share(_) => 0.0,
            })
            .sum();
        let shares: f32 = columns
            .iter()
            .map(|c| match c.width {
                ColumnWidth::Share(share) => share.max(0.0),
                ColumnWidth::Fixed(_) => 0.0,
            })
            .sum();
        let rest = (width_mm - fixed).max(0.0);
        let widths_mm = columns
            .iter()
            .map(|c| match c.width {
                ColumnWidth::Fixed(mm) => mm.max(0.0),
                ColumnWidth::Share(share) if shares > 0.0 => rest * share.max(0.0) / shares,
                ColumnWidth::Share(_) => 0.0,
            })
            .collect();
        Self {
            columns,
            x_mm,
            widths_mm,
            header_style,
            body_style,
            padding_mm: 1.2,
        }
    }

    /// A table across the document's text area.
    pub fn across(
        document: &Document,
        columns: Vec<Column>,
        header_style: TextStyle,
        body_style: TextStyle,
    ) -> Self {
        let setup = document.setup();
        Self::new(
            columns,
            setup.left_mm(),
            setup.content_width_mm(),
            header_style,
            body_style,
        )
    }

    pub fn widths_mm(&self) -> &[f32] {
        &self.widths_mm
    }

    fn total_width(&self) -> f32 {
        self.widths_mm.iter().sum()
    }

    fn text_width(&self, column: usize) -> f32 {
        self.widths_mm[column] - 2.0 * self.padding_mm
    }

    fn prepare(&self, style: TextStyle, cells: &[String]) -> Prepared {
        let cells: Vec<Vec<WrappedLine>> = (0..self.columns.len())
            .map(|i| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                wrap_lines(style, text, self.text_width(i))
            })
            .collect();
        let line_count = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        Prepared { cells, line_count }
    }

    fn height(&self, style: TextStyle, lines: usize) -> f32 {
        2.0 * self.padding_mm + lines as f32 * style.line_height_mm()
    }

    fn header(&self) -> Prepared {
        let titles: Vec<String> = self.columns.iter().map(|c| c.title.clone()).collect();
        self.prepare(self.header_style, &titles)
    }

    /// Draws the header, then every row; `empty_note` is shown in one full-width row when
    /// there are no rows.
    pub fn draw(
        &self,
        doc: &mut Document,
        rows: &[Vec<String>],
        empty_note: &str,
    ) -> Vec<Placement> {
        let header = self.header();
        let header_height = self.height(self.header_style, header.line_count);
        let mut placed = Vec::new();

        let first_height = match rows.first() {
            Some(row) => self.height(
                self.body_style,
                self.prepare(self.body_style, row).line_count,
            ),
            None => self.height(self.body_style, 1),
        };
        // The header never sits alone at the foot of a page.
        doc.ensure_space(header_height + first_height);
        placed.push(self.draw_header(doc, &header));

        if rows.is_empty() {
            placed.push(self.draw_note(doc, empty_note));
            return placed;
        }
        for (index, row) in rows.iter().enumerate() {
            let row = self.prepare(self.body_style, row);
            let height = self.height(self.body_style, row.line_count);
            if height > doc.space_left() {
                let setup = doc.setup();
                let fresh_page = setup.body_bottom_mm() - setup.top_mm() - header_height;
                if height <= fresh_page {
                    doc.new_page();
                    placed.push(self.draw_header(doc, &header));
                } else {
                    // Taller than a whole page: the one case a row must be split.
                    self.draw_split(doc, &header, &row, index, &mut placed);
                    continue;
                }
            }
            placed.push(self.draw_row(doc, &row, 0..row.line_count, Part::Row(index)));
        }
        placed
    }

    fn draw_split(
        &self,
        doc: &mut Document,
        header: &Prepared,
        row: &Prepared,
        index: usize,
        placed: &mut Vec<Placement>,
    ) {
        let line_height = self.body_style.line_height_mm();
        let mut start = 0;
        let mut fresh_page = false;
        while start < row.line_count {
            let fitting = ((doc.space_left() - 2.0 * self.padding_mm) / line_height).floor();
            if fitting < 1.0 && !fresh_page {
                doc.new_page();
                placed.push(self.draw_header(doc, header));
                fresh_page = true;
                continue;
            }
            // At least one line per piece, so even an absurd page setup makes progress.
            let end = (start + fitting.max(1.0) as usize).min(row.line_count);
            fresh_page = false;
            placed.push(self.draw_row(doc, row, start..end, Part::Row(index)));
            start = end;
        }
    }

    fn draw_header(&self, doc: &mut Document, header: &Prepared) -> Placement {
        let top = doc.cursor();
        let height = self.height(self.header_style, header.line_count);
        let (x, width) = (self.x_mm, self.total_width());
        doc.page().fill_rect(x, top, width, height, HEADER_GREY);
        self.draw_cells(doc, header, 0..header.line_count, self.header_style, true);
        self.draw_borders(doc, top, height);
        doc.advance(height);
        Placement {
            part: Part::Header,
            page: doc.page_index(),
            top_mm: top,
            height_mm: height,
        }
    }

    fn draw_row(
        &self,
        doc: &mut Document,
        row: &Prepared,
        lines: std::ops::Range<usize>,
        part: Part,
    ) -> Placement {
        let top = doc.cursor();
        let height = self.height(self.body_style, lines.len());
        self.draw_cells(doc, row, lines, self.body_style, false);
        self.draw_borders(doc, top, height);
        doc.advance(height);
        Placement {
            part,
            page: doc.page_index(),
            top_mm: top,
            height_mm: height,
        }
    }

    fn draw_cells(
        &self,
        doc: &mut Document,
        row: &Prepared,
        lines: std::ops::Range<usize>,
        style: TextStyle,
        centred: bool,
    ) {
        let top = doc.cursor() + self.padding_mm;
        let mut x = self.x_mm;
        for (i, cell) in row.cells.iter().enumerate() {
            let end = lines.end.min(cell.len());
            let start = lines.start.min(end);
            let align = if centred {
                Align::Centre
            } else {
                self.columns[i].align
            };
            doc.page().lines_in(
                x + self.padding_mm,
                self.text_width(i),
                top,
                style,
                align,
                &cell[start..end],
            );
            x += self.widths_mm[i];
        }
    }

    fn draw_borders(&self, doc: &mut Document, top: f32, height: f32) {
        let (left, right, bottom) = (self.x_mm, self.x_mm + self.total_width(), top + height);
        let page = doc.page();
        page.line((left, top), (right, top), BORDER_PT);
        page.line((left, bottom), (right, bottom), BORDER_PT);
        let mut x = left;
        page.line((x, top), (x, bottom), BORDER_PT);
        for width in &self.widths_mm {
            x += width;
            page.line((x, top), (x, bottom), BORDER_PT);
        }
    }

    fn draw_note(&self, doc: &mut Document, note: &str) -> Placement {
        let style = self.body_style;
        let width = self.total_width() - 2.0 * self.padding_mm;
        let lines = wrap_lines(style, note, width);
        let height = self.height(style, lines.len());
        doc.ensure_space(height);
        let top = doc.cursor();
        doc.page().lines_in(
            self.x_mm + self.padding_mm,
            width,
            top + self.padding_mm,
            style,
            Align::Centre,
            &lines,
        );
        let (left, right) = (self.x_mm, self.x_mm + self.total_width());
        let page = doc.page();
        page.line((left, top), (right, top), BORDER_PT);
        page.line((left, top + height), (right, top + height), BORDER_PT);
        page.line((left, top), (left, top + height), BORDER_PT);
        page.line((right, top), (right, top + height), BORDER_PT);
        doc.advance(height);
        Placement {
            part: Part::EmptyNote,
            page: doc.page_index(),
            top_mm: top,
            height_mm: height,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::fonts::Face;
    use crate::documents::layout::PageSetup;

    const HEAD: TextStyle = TextStyle::new(Face::SansBold, 8.0);
    const BODY: TextStyle = TextStyle::new(Face::SansRegular, 8.0);

    fn landscape() -> Document {
        Document::new("Uji", PageSetup::landscape_register())
    }

    fn columns() -> Vec<Column> {
        vec![
            Column::fixed("No", 10.0, Align::Right),
            Column::share("Nama", 1.0, Align::Left),
            Column::share("Keperluan", 2.0, Align::Left),
        ]
    }

    #[test]
    fn widths_fill_the_text_area() {
        let doc = landscape();
        let table = Table::across(&doc, columns(), HEAD, BODY);
        let widths = table.widths_mm();
        assert_eq!(widths[0], 10.0);
        assert!((widths[2] - 2.0 * widths[1]).abs() < 1e-3);
        assert!((widths.iter().sum::<f32>() - 267.0).abs() < 1e-3);
    }

    #[test]
    fn three_hundred_rows_flow_over_pages_without_splitting_a_row() {
        let mut doc = landscape();
        let table = Table::across(&doc, columns(), HEAD, BODY);
        let rows: Vec<Vec<String>> = (1..=300)
            .map(|n| {
                vec![
                    n.to_string(),
                    format!("Tamu ke-{n} dengan nama yang cukup panjang"),
                    "Konsultasi bantuan sosial ".repeat(n % 7 + 1),
                ]
            })
            .collect();
        let placed = table.draw(&mut doc, &rows, "Kosong");
        let pages = doc.page_count();
        assert!(pages > 5, "{pages} pages");
        let bottom = doc.setup().body_bottom_mm();
        for index in 0..rows.len() {
            let pieces: Vec<_> = placed
                .iter()
                .filter(|p| p.part == Part::Row(index))
                .collect();
            assert_eq!(pieces.len(), 1, "row {index} drawn in one piece");
            assert!(pieces[0].top_mm + pieces[0].height_mm <= bottom + 1e-3);
        }
        // Every page starts with the header.
        for page in 0..pages {
            let first = placed.iter().find(|p| p.page == page).unwrap();
            assert_eq!(first.part, Part::Header, "page {page}");
        }
        // Rows stay in order.
        let order: Vec<usize> = placed
            .iter()
            .filter_map(|p| match p.part {
                Part::Row(i) => Some(i),
                _ => None,
            })
            .collect();
        assert_eq!(order, (0..300).collect::<Vec<_>>());
    }

    #[test]
    fn cells_stay_inside_their_columns() {
        let mut doc = landscape();
        let table = Table::across(&doc, columns(), HEAD, BODY);
        let long = "kepala.bidang.rehabilitasi.sosial.dan.perlindungan@kupangkota.go.id".repeat(3);
        let cells = vec!["1".to_owned(), long.clone(), format!("Surat dari {long}")];
        let row = table.prepare(BODY, &cells);
        for (column, lines) in row.cells.iter().enumerate() {
            for line in lines {
                let width = BODY.width_mm(&line.text);
                assert!(
                    width <= table.text_width(column) + 1e-3,
                    "{column}: {}",
                    line.text
                );
            }
        }
        table.draw(&mut doc, &[cells], "");
        let drawn = doc.pages()[0].texts();
        for line in row.cells.iter().flatten() {
            assert!(drawn.contains(&line.text.as_str()), "{}", line.text);
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_rather_than_run_off_the_page() {
        let mut doc = landscape();
        let table = Table::across(&doc, columns(), HEAD, BODY);
        let huge = "Uraian panjang sekali. ".repeat(3000);
        let placed = table.draw(&mut doc, &[vec!["1".into(), "Nama".into(), huge]], "");
        let pieces: Vec<_> = placed.iter().filter(|p| p.part == Part::Row(0)).collect();
        assert!(pieces.len() > 1);
        for piece in pieces {
            assert!(piece.top_mm + piece.height_mm <= doc.setup().body_bottom_mm() + 1e-3);
        }
    }

    #[test]
    fn an_empty_table_shows_the_note() {
        let mut doc = landscape();
        let table = Table::across(&doc, columns(), HEAD, BODY);
        let placed = table.draw(&mut doc, &[], "Tidak ada tamu pada hari ini.");
        assert_eq!(
            placed.iter().map(|p| p.part).collect::<Vec<_>>(),
            [Part::Header, Part::EmptyNote]
        );
        assert!(doc.pages()[0]
            .texts()
            .contains(&"Tidak ada tamu pada hari ini."));
    }
}
