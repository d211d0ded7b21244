//! Renders the printed documents to real PDF files and checks them with the tools a
//! reader's computer would use (poppler's pdffonts, pdftotext, pdftoppm and qpdf). The files
//! and page images stay in `target/pdf-previews/` so a person can look at them.
//!
//! The tools are required: a missing tool fails the test instead of skipping it, so a
//! broken PDF cannot pass unnoticed on a machine without them
//! (`apt install poppler-utils qpdf`).
//!
//! As Windows code (under Wine) the tools cannot be used: they are Linux programs, which
//! Wine starts but cannot wait for. There each PDF must be byte for byte the one the Linux
//! run checked, and the tools' findings recorded by that run are read back.

use std::path::{Path, PathBuf};

use loket_core::documents::disposition_sheet::{self, SheetData, SheetPaper};
use loket_core::documents::guestbook_register::{self, RegisterData, RegisterRow};
use loket_core::documents::letter_register::{self, Book};
use loket_core::documents::person_data::{self, PersonData};
use loket_core::documents::reply_letter::{self, Copy, InitialRow, LetterPrint, SignatureBlock};
use loket_core::settings::emblem::Emblem;
use loket_core::settings::letter_setup::LetterSetup;
use loket_core::settings::letterhead::Letterhead;

/// Where the Linux run writes its PDFs and what the tools said of them.
fn linux_previews() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdf-previews")
}

/// Where this run writes its PDFs.
fn preview_dir() -> PathBuf {
    let dir = linux_previews();
    #[cfg(windows)]
    let dir = dir.join("windows");
    std::fs::create_dir_all(&dir).expect("create target/pdf-previews");
    dir
}

/// The file keeping one tool's output for one PDF, written by the Linux run.
fn tool_record(tool: &str, args: &[&str]) -> PathBuf {
    let pdf = args.iter().find(|a| a.ends_with(".pdf")).expect("a PDF");
    let name = Path::new(pdf).file_name().unwrap().to_string_lossy();
    let options: String = args
        .iter()
        .filter(|a| !a.ends_with(".pdf"))
        .map(|a| a.trim_start_matches('-'))
        .collect::<Vec<_>>()
        .join("_");
    linux_previews()
        .join("tool-output")
        .join(format!("{name}.{tool}.{options}.txt"))
}

fn letterhead(with_emblem: bool) -> Letterhead {
    Letterhead {
        id: 1,
        valid_from: "2026-01-01".parse().unwrap(),
        government_name: "Pemerintah Kota Kupang".into(),
        office_name: "Dinas Sosial".into(),
        street_address: "Jalan S. K. Lerik No. 2".into(),
        city: "Kupang".into(),
        postcode: "85228".into(),
        phone: "0852-3940-9087".into(),
        email: "dinsos@kupangkota.go.id".into(),
        website: "dinsos.kupangkota.go.id".into(),
        emblem: with_emblem.then(|| Emblem::from_bytes(emblem_png(96)).unwrap().view()),
        government_font_pt: 14,
        office_font_pt: 16,
        address_font_pt: 10,
        created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
    }
}

/// A `side`×`side` RGBA PNG: a shield-like badge (blue disc, gold ring) on a transparent
/// background, written with stored (uncompressed) zlib blocks so no encoder is needed.
fn emblem_png(side: u32) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in data {
            crc ^= byte as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    let centre = side as f32 / 2.0;
    let mut raw = Vec::new();
    for y in 0..side {
        raw.push(0u8);
        for x in 0..side {
            let distance =
                ((x as f32 + 0.5 - centre).powi(2) + (y as f32 + 0.5 - centre).powi(2)).sqrt();
            let pixel = if distance > centre {
                [0, 0, 0, 0]
            } else if distance > centre * 0.8 {
                [212, 160, 23, 255]
            } else {
                [20, 60, 140, 255]
            };
            raw.extend(pixel);
        }
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        zlib.extend((block.len() as u16).to_le_bytes());
        zlib.extend((!(block.len() as u16)).to_le_bytes());
        zlib.extend(*block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + byte as u32) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = side.to_be_bytes().to_vec();
    header.extend(side.to_be_bytes());
    header.extend([8, 6, 0, 0, 0]); // 8-bit RGBA
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &zlib);
    chunk(&mut png, b"IEND", &[]);
    png
}

const NAMES: [&str; 6] = [
    "Maria Goreti Bria",
    "Yohanes Maria Vianney Ndolu Fanggidae",
    "Ni Luh Putu Ayu Kartika Dewi Sastrawan",
    "Abdul Rahman bin Muhammad Saleh Tuasikal",
    "Fransiskus Xaverius Seda",
    "Theresia Ndun",
];

const PURPOSES: [&str; 4] = [
    "Pengaduan — bantuan PKH belum cair sejak triwulan kedua, mohon penjelasan dan tindak lanjut dari dinas",
    "Konsultasi persyaratan pengajuan Kartu Indonesia Pintar untuk anak yatim",
    "Mengantar surat undangan rapat koordinasi penanganan anak jalanan",
    "Permohonan rekomendasi penerbitan surat keterangan tidak mampu untuk berobat di RSUD Prof. Dr. W. Z. Johannes Kupang",
];

/// Minutes after midnight when visitor `n` arrived: from 08.00, every six minutes.
fn arrival(n: usize) -> usize {
    8 * 60 + n * 6
}

/// "08.05", the way the office writes times.
fn clock(minutes: usize) -> String {
    format!("{:02}.{:02}", minutes / 60 % 24, minutes % 60)
}

fn register_rows(count: usize) -> Vec<RegisterRow> {
    (1..=count)
        .map(|n| RegisterRow {
            number: n,
            time_in: clock(arrival(n)),
            time_out: if n % 5 == 0 {
                String::new()
            } else {
                clock(arrival(n) + 10 + n % 50)
            },
            name: NAMES[n % NAMES.len()].to_owned(),
            id_masked: if n % 4 == 0 {
                String::new()
            } else {
                "NIK 5371**********12".to_owned()
            },
            address: "Jalan Timor Raya No. 17, RT 004/RW 002, Kelurahan Oesapa, Kecamatan Kelapa Lima, Kota Kupang".into(),
            institution: if n % 3 == 0 {
                "Lembaga Perlindungan Anak Nusa Tenggara Timur".into()
            } else {
                "Perorangan".into()
            },
            purpose: PURPOSES[n % PURPOSES.len()].to_owned(),
            routed_to: "Kepala Bidang Rehabilitasi Sosial (Drs. Marthen L. Dira Tome, M.Si.)".into(),
            outcome: if n % 5 == 0 {
                "Masih dilayani".into()
            } else {
                format!("Dijawab langsung ({} menit)", n % 40 + 5)
            },
        })
        .collect()
}

fn register(rows: usize) -> RegisterData {
    RegisterData {
        date_label: "Sabtu, 28 November 2026".into(),
        printed_label: "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor".into(),
        rows: register_rows(rows),
    }
}

/// Runs a required tool and returns its standard output; fails the test if the tool is
/// missing or reports an error. The output is kept for the Windows run.
#[cfg(not(windows))]
fn run(tool: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is required for this test (apt install poppler-utils qpdf): {e}")
        });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if args.iter().any(|a| a.ends_with(".pdf")) {
        let record = tool_record(tool, args);
        std::fs::create_dir_all(record.parent().unwrap()).unwrap();
        std::fs::write(record, &stdout).unwrap();
    }
    stdout
}

/// As Windows code: the PDF must be the very one the Linux run checked with `tool`; what
/// the tool said then is what it would say now.
#[cfg(windows)]
fn run(tool: &str, args: &[&str]) -> String {
    let pdf = Path::new(args.iter().find(|a| a.ends_with(".pdf")).expect("a PDF"));
    let linux = linux_previews().join(pdf.file_name().unwrap());
    let checked_on_linux = std::fs::read(&linux).unwrap_or_else(|e| {
        panic!(
            "{}: the Linux run's PDF is needed first (cargo test -p loket-core --test documents): {e}",
            linux.display()
        )
    });
    // The trailer's /ID is printpdf's per-process counter; everything before it must match.
    let without_file_id = |bytes: &[u8]| {
        let at = bytes.windows(3).rposition(|w| w == b"/ID");
        bytes[..at.unwrap_or(bytes.len())].to_vec()
    };
    assert!(
        without_file_id(&std::fs::read(pdf).unwrap()) == without_file_id(&checked_on_linux),
        "{} as Windows writes it differs from the one checked on Linux",
        pdf.display()
    );
    std::fs::read_to_string(tool_record(tool, args)).expect("the Linux run's record")
}

/// Every font listed by pdffonts is embedded, and there is at least one.
fn assert_fonts_embedded(pdf: &Path) {
    let listing = run("pdffonts", &[pdf.to_str().unwrap()]);
    let mut lines = listing.lines();
    let header = lines.next().expect("pdffonts header");
    let emb = header.find("emb").expect("emb column");
    let fonts: Vec<&str> = lines.skip(1).filter(|l| !l.trim().is_empty()).collect();
    assert!(
        !fonts.is_empty(),
        "no fonts in {}:\n{listing}",
        pdf.display()
    );
    for font in fonts {
        assert_eq!(font.get(emb..emb + 3), Some("yes"), "not embedded: {font}");
    }
}

/// Checks the page size pdfinfo reports, in millimetres, and that the metadata dates are
/// the fixed epoch (the renderer never reads the clock).
fn assert_page_size(pdf: &Path, (width_mm, height_mm): (f32, f32)) {
    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("page size");
    let numbers: Vec<f32> = size
        .split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect();
    let to_mm = |pt: f32| pt * 25.4 / 72.0;
    assert!(
        (to_mm(numbers[0]) - width_mm).abs() < 0.5 && (to_mm(numbers[1]) - height_mm).abs() < 0.5,
        "{size}"
    );
    assert!(
        info.contains("CreationDate:    Thu Jan  1 00:00:00 1970 UTC"),
        "{info}"
    );
}

fn text_of(pdf: &Path) -> String {
    run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

fn longest_digit_run(text: &str) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for ch in text.chars() {
        current = if ch.is_ascii_digit() { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// Writes the page images next to the PDF (`<stem>-1.png`, …), replacing older ones. Not
/// as Windows code: the Linux run drew the same bytes.
#[cfg(windows)]
fn render_pages(_: &Path) {}

/// Writes the page images next to the PDF (`<stem>-1.png`, …), replacing older ones.
#[cfg(not(windows))]
fn render_pages(pdf: &Path) {
    let stem = pdf.file_stem().unwrap().to_str().unwrap();
    let dir = pdf.parent().unwrap();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let page_number = name
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('-'))
            .and_then(|rest| rest.strip_suffix(".png"));
        if page_number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            std::fs::remove_file(entry.path()).unwrap();
        }
    }
    let prefix = dir.join(stem);
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "60",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
}

fn check_register(file: &str, letterhead: &Letterhead) -> String {
    let bytes = guestbook_register::render(letterhead, &register(60)).unwrap();
    let pdf = preview_dir().join(file);
    std::fs::write(&pdf, &bytes).unwrap();

    assert_fonts_embedded(&pdf);
    run("qpdf", &["--check", pdf.to_str().unwrap()]);
    let text = text_of(&pdf);
    for expected in [
        "PEMERINTAH KOTA KUPANG",
        "DINAS SOSIAL",
        "BUKU TAMU",
        "Sabtu, 28 November 2026",
        "Maria Goreti Bria",
        "5371**********12",
        "Halaman 1 dari",
        "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from {file}:\n{text}"
        );
    }
    assert!(
        longest_digit_run(&text) < 16,
        "a full NIK-like number appears in {file}"
    );
    assert_page_size(&pdf, (297.0, 210.0));
    render_pages(&pdf);
    text
}

// In a module so `cargo test documents` selects these tests too.
mod printed_documents {
    use super::*;

    #[test]
    fn guest_book_register_without_emblem() {
        let text = check_register("buku-tamu.pdf", &letterhead(false));
        // 60 long rows do not fit one page; the last page knows the total.
        let total = text
            .lines()
            .find_map(|l| l.trim().split("Halaman 1 dari ").nth(1))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .expect("page total");
        assert!(total > 1);
        assert!(text.contains(&format!("Halaman {total} dari {total}")));
    }

    #[test]
    fn guest_book_register_with_emblem() {
        check_register("buku-tamu-lambang.pdf", &letterhead(true));
    }

    #[test]
    fn an_empty_day() {
        let bytes = guestbook_register::render(&letterhead(false), &register(0)).unwrap();
        let pdf = preview_dir().join("buku-tamu-kosong.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        let text = text_of(&pdf);
        assert!(text.contains("Tidak ada tamu pada hari ini."), "{text}");
        assert!(text.contains("Halaman 1 dari 1"), "{text}");
        render_pages(&pdf);
    }

    #[test]
    fn personal_data_export() {
        let data = PersonData {
            printed_label: "Dicetak 28 November 2026 14.05 WITA oleh Admin Kantor".into(),
            fields: vec![
                ("Nama".into(), "Maria Goreti Bria".into()),
                ("NIK".into(), "5371014507850002".into()),
                ("Tempat, tanggal lahir".into(), "Kupang, 5 Juli 1985".into()),
                (
                    "Alamat".into(),
                    "Jalan Timor Raya No. 17, RT 004/RW 002, Kelurahan Oesapa, Kecamatan Kelapa \
                 Lima, Kota Kupang, Nusa Tenggara Timur"
                        .into(),
                ),
                ("Nomor telepon".into(), "0812-3456-7890".into()),
                ("Pos-el".into(), "maria.bria@example.com".into()),
                ("Dicatat pertama kali".into(), "3 Februari 2026".into()),
            ],
            visits: register_rows(25)
                .into_iter()
                .map(|mut visit| {
                    visit.time_in =
                        format!("{:02}/11/2026 {}", visit.number % 28 + 1, visit.time_in);
                    visit
                })
                .collect(),
        };
        let bytes = person_data::render(&letterhead(true), &data).unwrap();
        let pdf = preview_dir().join("data-pribadi.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        assert_fonts_embedded(&pdf);
        run("qpdf", &["--check", pdf.to_str().unwrap()]);
        let text = text_of(&pdf);
        for expected in [
            "DATA PRIBADI YANG DISIMPAN",
            "5371014507850002",
            "Riwayat Kunjungan",
            "Halaman 1 dari",
        ] {
            assert!(text.contains(expected), "{expected:?} missing:\n{text}");
        }
        assert_page_size(&pdf, (210.0, 297.0));
        render_pages(&pdf);
    }

    #[test]
    fn case_receipt_on_half_a_sheet() {
        use loket_core::documents::case_receipt::{self, ReceiptData};
        let data = ReceiptData {
            title: "TANDA TERIMA PENGADUAN".into(),
            reg_number: "PGD-2026-0042".into(),
            fields: vec![
                (
                    "Diterima".into(),
                    "Senin, 30 November 2026 pukul 09.15 WITA".into(),
                ),
                ("Saluran / jenis".into(), "WhatsApp / Pengaduan".into()),
                ("Pelapor".into(), "Yuliana Nenobais".into()),
                (
                    "Uraian".into(),
                    "Bantuan sembako lansia belum diterima sejak Oktober 2026; sudah \
                     menanyakan ke kelurahan tetapi belum ada jawaban."
                        .into(),
                ),
                ("Batas waktu jawaban".into(), "Rabu, 9 Desember 2026".into()),
            ],
            contact_note: "Simpan tanda terima ini. Sebutkan nomor registrasi PGD-2026-0042 \
                           saat menanyakan perkembangan melalui telepon/WhatsApp \
                           0852-3940-9087. Layanan pengaduan tidak dipungut biaya."
                .into(),
            place_date: "Kupang, 30 November 2026".into(),
            received_by: "Resepsionis Kantor".into(),
        };
        let bytes = case_receipt::render(&letterhead(true), &data).unwrap();
        let pdf = preview_dir().join("tanda-terima.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        assert_fonts_embedded(&pdf);
        run("qpdf", &["--check", pdf.to_str().unwrap()]);
        let text = text_of(&pdf);
        for expected in [
            "TANDA TERIMA PENGADUAN",
            "PGD-2026-0042",
            "Batas waktu jawaban",
            "tidak dipungut biaya",
            "gunting di sini",
        ] {
            assert!(text.contains(expected), "{expected:?} missing:\n{text}");
        }
        assert_page_size(&pdf, (210.0, 297.0));
        render_pages(&pdf);
    }

    /// The building blocks the letters will use: kop, a justified body on F4 paper.
    #[test]
    fn justified_letter_body_on_f4() {
        use loket_core::documents::fonts::Face;
        use loket_core::documents::layout::{Align, Document, PageSetup, Paper, TextStyle};
        let mut doc = Document::new("Contoh paragraf", PageSetup::portrait(Paper::F4, 8.0));
        loket_core::documents::kop::draw(&mut doc, &letterhead(true)).unwrap();
        let body = TextStyle::new(Face::SerifRegular, 12.0);
        let paragraph =
            "Dengan hormat, menindaklanjuti pengaduan Saudara yang kami terima melalui \
            loket pelayanan pada tanggal 28 November 2026 perihal bantuan Program Keluarga \
            Harapan yang belum diterima, bersama ini kami sampaikan bahwa data Saudara telah \
            kami periksa dan akan diusulkan kembali pada tahap penyaluran berikutnya.";
        for _ in 0..12 {
            doc.paragraph(body, Align::Justify, paragraph);
            doc.advance(3.0);
        }
        doc.footer(
            TextStyle::new(Face::SansRegular, 8.0),
            "Contoh paragraf rata kiri-kanan",
        );
        let bytes = loket_core::documents::render(doc).unwrap();
        let pdf = preview_dir().join("paragraf-rata.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        assert_fonts_embedded(&pdf);
        assert_page_size(&pdf, (215.0, 330.0));
        let text = text_of(&pdf);
        assert!(text.contains("Halaman 2 dari 2"), "{text}");
        render_pages(&pdf);
    }

    fn reply(paragraphs: usize, setup: LetterSetup, signer: SignatureBlock) -> LetterPrint {
        let body = "Menindaklanjuti pengaduan Saudara yang kami terima pada tanggal             23 November 2026 dengan nomor registrasi PGD-2026-0042, perihal bantuan Program             Keluarga Harapan yang belum diterima, bersama ini kami sampaikan bahwa data             Saudara telah kami periksa bersama pendamping PKH Kelurahan Oesapa.";
        LetterPrint {
            place_date: "Kupang, 30 November 2026".into(),
            number: "400.9/12/Dinsos/2026".into(),
            sifat: "Biasa".into(),
            enclosures: "-".into(),
            subject: "Jawaban atas Pengaduan Saudara".into(),
            addressee: "Sdr. Yuliana Nenobais".into(),
            addressee_address: "Jalan Timor Raya No. 12, Oesapa".into(),
            addressee_place: "Kupang".into(),
            paragraphs: (0..paragraphs)
                .map(|i| match i {
                    0 => body.to_owned(),
                    i if i + 1 == paragraphs => "Demikian jawaban ini kami sampaikan. Atas                         perhatian Saudara, kami ucapkan terima kasih."
                        .to_owned(),
                    i => format!("{}. {body}", i + 1),
                })
                .collect(),
            signer,
            copies: vec!["Wali Kota Kupang (sebagai laporan)".into(), "Arsip".into()],
            initials: vec![
                InitialRow {
                    position: "Kepala Sub Bagian Umum dan Kepegawaian".into(),
                    name: "Yohanes Ndolu, S.H.".into(),
                    at: "30/11/2026 10.15".into(),
                },
                InitialRow {
                    position: "Kepala Bidang Rehabilitasi Sosial".into(),
                    name: "Maria Goreti Bria, S.Sos.".into(),
                    at: "30/11/2026 11.40".into(),
                },
            ],
            setup,
        }
    }

    fn head_signs() -> SignatureBlock {
        SignatureBlock {
            title_lines: vec!["KEPALA DINAS SOSIAL KOTA KUPANG,".into()],
            name: "Drs. Frans Lebu Raya".into(),
            rank: "Pembina Utama Muda (IV/c)".into(),
            nip: "19680512 199403 1 004".into(),
        }
    }

    /// Writes, checks and renders one letter; returns its text in reading order.
    fn check_letter(file: &str, letter: &LetterPrint, copy: Copy, size: (f32, f32)) -> String {
        let bytes = reply_letter::render(&letterhead(true), letter, copy).unwrap();
        let pdf = preview_dir().join(file);
        std::fs::write(&pdf, &bytes).unwrap();
        assert_fonts_embedded(&pdf);
        run("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert_page_size(&pdf, size);
        render_pages(&pdf);
        let text = text_of(&pdf);
        // Kop, number block, body, NIP: in reading order.
        let order = [
            "PEMERINTAH KOTA KUPANG",
            "Nomor",
            "400.9/12/Dinsos/2026",
            "Hal",
            "Yth.",
            "Menindaklanjuti pengaduan",
            "Demikian jawaban",
            "NIP. 19",
        ];
        let mut from = 0;
        for expected in order {
            let at = text[from..].find(expected).unwrap_or_else(|| {
                panic!("{expected:?} missing after byte {from} in {file}:\n{text}")
            });
            from += at + expected.len();
        }
        text
    }

    #[test]
    fn reply_letter_short_a4() {
        let text = check_letter(
            "surat-balasan-pendek.pdf",
            &reply(3, LetterSetup::default(), head_signs()),
            Copy::Addressee,
            (210.0, 297.0),
        );
        assert!(text.contains("Kupang, 30 November 2026"));
        assert!(text.contains("DRS. FRANS LEBU RAYA"));
        assert!(!text.contains("Halaman"), "one page has no number:\n{text}");
        assert!(
            !text.contains("Paraf"),
            "the addressee's copy has no paraf column"
        );
    }

    #[test]
    fn reply_letter_two_pages_keeps_the_signature_with_text() {
        let letter = reply(7, LetterSetup::default(), head_signs());
        let text = check_letter(
            "surat-balasan-dua-halaman.pdf",
            &letter,
            Copy::Office,
            (210.0, 297.0),
        );
        assert!(text.contains("Halaman 2 dari 2"), "{text}");
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let signed_page = pages
            .iter()
            .find(|p| p.contains("DRS. FRANS LEBU RAYA"))
            .expect("the name is printed");
        let before_name = &signed_page[..signed_page.find("DRS. FRANS LEBU RAYA").unwrap()];
        assert!(
            before_name.contains("terima kasih"),
            "the signature block moved without the body's last lines:\n{signed_page}"
        );
        assert!(text.contains("Paraf hierarki") && text.contains("Yohanes Ndolu"));
    }

    #[test]
    fn reply_letter_on_f4_in_serif() {
        let setup = LetterSetup {
            paper: "F4".into(),
            font: "serif".into(),
            ..LetterSetup::default()
        };
        check_letter(
            "surat-balasan-f4.pdf",
            &reply(4, setup, head_signs()),
            Copy::Addressee,
            (215.0, 330.0),
        );
    }

    #[test]
    fn reply_letter_signed_on_behalf_and_a_draft() {
        let on_behalf = SignatureBlock {
            title_lines: vec![
                "a.n. KEPALA DINAS SOSIAL KOTA KUPANG".into(),
                "SEKRETARIS,".into(),
            ],
            name: "Agustinus Seran, S.STP., M.Si.".into(),
            rank: "Pembina Tingkat I (IV/b)".into(),
            nip: "19790321 199811 1 001".into(),
        };
        let text = check_letter(
            "surat-balasan-an.pdf",
            &reply(3, LetterSetup::default(), on_behalf.clone()),
            Copy::Addressee,
            (210.0, 297.0),
        );
        assert!(
            text.contains("a.n. KEPALA DINAS SOSIAL KOTA KUPANG"),
            "{text}"
        );
        assert!(text.contains("SEKRETARIS,"));
        let mut draft = reply(3, LetterSetup::default(), on_behalf);
        draft.number = String::new();
        draft.place_date = "Kupang,            2026".into();
        let bytes = reply_letter::render(&letterhead(true), &draft, Copy::Draft).unwrap();
        let pdf = preview_dir().join("surat-balasan-konsep.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        run("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert_fonts_embedded(&pdf);
        render_pages(&pdf);
        assert!(text_of(&pdf).contains("KONSEP"));
    }

    fn sheet() -> SheetData {
        SheetData {
            sender: "Ketua RT 004 Kelurahan Oesapa".into(),
            letter_number: "005/RT.04/XI/2026".into(),
            letter_date: "25 November 2026".into(),
            received_date: "30 November 2026".into(),
            agenda_number: "42".into(),
            urgency: "segera".into(),
            subject:
                "Permohonan verifikasi ulang data DTKS warga RT 004 yang belum menerima bantuan"
                    .into(),
            case_reg_number: Some("PGD-2026-0042".into()),
            recipients: vec![
                "Sekretaris".into(),
                "Kepala Bidang Rehabilitasi Sosial".into(),
                "Kepala Bidang Perlindungan dan Jaminan Sosial".into(),
                "Kepala Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin".into(),
            ],
            instructions: vec![
                "Tanggapan dan saran".into(),
                "Proses lebih lanjut".into(),
                "Koordinasi/konfirmasikan".into(),
                "Untuk diketahui".into(),
                "Arsip".into(),
            ],
        }
    }

    #[test]
    fn disposition_sheet_on_a4_and_half_folio() {
        for (file, paper, size) in [
            ("lembar-disposisi-a4.pdf", SheetPaper::A4, (210.0, 297.0)),
            (
                "lembar-disposisi-setengah-folio.pdf",
                SheetPaper::HalfFolio,
                (215.0, 165.0),
            ),
        ] {
            let bytes = disposition_sheet::render(&letterhead(true), &sheet(), paper).unwrap();
            let pdf = preview_dir().join(file);
            std::fs::write(&pdf, &bytes).unwrap();
            assert_fonts_embedded(&pdf);
            run("qpdf", &["--check", pdf.to_str().unwrap()]);
            assert_page_size(&pdf, size);
            let text = text_of(&pdf);
            for expected in [
                "LEMBAR DISPOSISI",
                "005/RT.04/XI/2026",
                "PGD-2026-0042",
                "Diteruskan kepada",
                "Dengan hormat harap",
                "Kepala Bidang Rehabilitasi Sosial",
                "Catatan",
            ] {
                assert!(
                    text.contains(expected),
                    "{expected:?} missing from {file}:\n{text}"
                );
            }
            assert_eq!(text.matches('\u{c}').count(), 1, "{file} is one page");
            render_pages(&pdf);
        }
    }

    #[test]
    fn incoming_and_outgoing_registers() {
        let incoming: Vec<Vec<String>> = (1..=40)
            .map(|n| {
                vec![
                    n.to_string(),
                    format!("Senin, 2 November 2026 pukul 09.{:02}", n % 60),
                    format!("{n:03}/RT.04/XI/2026\n{} November 2026", 1 + n % 28),
                    "Ketua RT 004 Kelurahan Oesapa".into(),
                    "Permohonan verifikasi ulang data DTKS warga".into(),
                    "Segera".into(),
                    "400.9".into(),
                    format!("PGD-2026-{n:04}"),
                ]
            })
            .collect();
        let outgoing: Vec<Vec<String>> = (1..=12)
            .map(|n| {
                vec![
                    n.to_string(),
                    format!("400.9/{n}/Dinsos/2026"),
                    "30 November 2026".into(),
                    "Sdr. Yuliana Nenobais".into(),
                    "Jawaban atas Pengaduan Saudara".into(),
                    "Drs. Frans Lebu Raya".into(),
                    format!("PGD-2026-{n:04}"),
                ]
            })
            .collect();
        for (file, book, rows, expected) in [
            (
                "agenda-surat-masuk.pdf",
                Book::Incoming,
                incoming,
                "AGENDA SURAT MASUK",
            ),
            (
                "register-surat-keluar.pdf",
                Book::Outgoing,
                outgoing,
                "REGISTER SURAT KELUAR",
            ),
        ] {
            let data = letter_register::RegisterData {
                book,
                range_label: "1 November 2026 – 30 November 2026".into(),
                printed_label: "Dicetak 30 November 2026 pukul 14.05 WITA oleh Admin Kantor".into(),
                rows,
            };
            let bytes = letter_register::render(&letterhead(true), &data).unwrap();
            let pdf = preview_dir().join(file);
            std::fs::write(&pdf, &bytes).unwrap();
            assert_fonts_embedded(&pdf);
            run("qpdf", &["--check", pdf.to_str().unwrap()]);
            assert_page_size(&pdf, (297.0, 210.0));
            let text = text_of(&pdf);
            assert!(text.contains(expected), "{text}");
            assert!(text.contains("Halaman 1 dari"), "{text}");
            render_pages(&pdf);
        }
    }

    #[test]
    fn recap_with_the_letterhead() {
        use loket_core::reports::{Count, Month, Period, PeriodInput, Recap, Sla};
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let period = Period::parse(
            &PeriodInput {
                kind: "triwulan".into(),
                year: 2026,
                number: 3,
            },
            today,
        )
        .unwrap();
        let count = |code: &str, label: &str, count: i64| Count {
            code: code.into(),
            label: label.into(),
            count,
        };
        let sla = |label: &str, on_time: i64, late: i64, pending: i64| Sla {
            code: label.to_lowercase(),
            label: label.into(),
            on_time,
            late,
            pending,
            share_on_time: Some((on_time as f64 * 1000.0 / (on_time + late) as f64).round() / 10.0),
        };
        let channels = vec![
            count("letter", "Surat", 41),
            count("whatsapp", "WhatsApp", 88),
            count("lapor", "SP4N-LAPOR", 17),
        ];
        let recap = Recap {
            as_of: period.to,
            as_of_label: "30 September 2026".into(),
            period,
            cases_total: 146,
            by_channel: channels.clone(),
            by_kind: vec![
                count("pengaduan", "Pengaduan", 120),
                count("informasi", "Permintaan informasi", 26),
            ],
            by_status: vec![
                count("dijawab", "Dijawab", 131),
                count("dalam_penanganan", "Dalam penanganan", 15),
            ],
            sla: sla("Semua", 118, 19, 9),
            sla_by_channel: vec![
                sla("Surat", 35, 4, 2),
                sla("WhatsApp", 70, 12, 6),
                sla("SP4N-LAPOR", 13, 3, 1),
            ],
            sla_by_unit: vec![
                sla("Bidang Rehabilitasi Sosial", 60, 9, 0),
                sla("Bidang Perlindungan dan Jaminan Sosial", 58, 10, 0),
            ],
            answer_days_average: Some(4.6),
            answer_days_longest: Some(14),
            open_at_end: 15,
            overdue_at_end: 6,
            visits_total: 402,
            visits_by_purpose: vec![
                count("pengaduan", "Pengaduan", 190),
                count("informasi", "Permintaan data/informasi", 212),
            ],
            visits_by_outcome: vec![
                count("answered", "Dijawab langsung", 350),
                count("follow_up", "Ditindaklanjuti", 52),
            ],
            cards_returned_late: 3,
            counter_answers: vec![
                count("within", "Tepat waktu", 9),
                count("agreed", "Sesuai kebutuhan (disepakati)", 2),
                count("over", "Melewati target", 1),
            ],
            channels,
            months: (1..=9)
                .map(|m| Month {
                    month: m,
                    label: "Bln".into(),
                    by_channel: vec![4, 9, 2],
                    share_on_time: Some(86.0),
                })
                .collect(),
        };
        let bytes = loket_core::documents::recap::render(
            &letterhead(true),
            &recap,
            "Dicetak 30 November 2026 pukul 14.05 WITA oleh Admin Kantor",
        )
        .unwrap();
        let pdf = preview_dir().join("rekap-triwulan.pdf");
        std::fs::write(&pdf, &bytes).unwrap();
        assert_fonts_embedded(&pdf);
        run("qpdf", &["--check", pdf.to_str().unwrap()]);
        assert_page_size(&pdf, (210.0, 297.0));
        let text = text_of(&pdf);
        for expected in [
            "REKAPITULASI LAYANAN PENGADUAN MASYARAKAT",
            "Triwulan III 2026",
            "Bidang Perlindungan dan Jaminan Sosial",
            "86,1%",
            "Halaman 1 dari",
        ] {
            assert!(text.contains(expected), "{expected:?} missing:\n{text}");
        }
        render_pages(&pdf);
    }
}
