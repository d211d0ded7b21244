//! The time to lay out and write a two-page reply letter PDF (letterhead with the emblem,
//! seven justified paragraphs, signature block, tembusan, paraf column), and its size.
//! Prints figures; asserts nothing. `cargo bench -p loket-core --bench reply_letter`.

use std::time::{Duration, Instant};

use loket_core::documents::reply_letter::{self, Copy, InitialRow, LetterPrint, SignatureBlock};
use loket_core::settings::emblem::Emblem;
use loket_core::settings::letter_setup::LetterSetup;
use loket_core::settings::letterhead::Letterhead;

mod common;
use common::{median, ms};

fn letter() -> LetterPrint {
    let paragraph = "Menindaklanjuti pengaduan Saudara yang kami terima pada tanggal 23 November \
        2026 dengan nomor registrasi PGD-2026-0042, perihal bantuan Program Keluarga Harapan \
        yang belum diterima, bersama ini kami sampaikan bahwa data Saudara telah kami periksa \
        bersama pendamping PKH Kelurahan Oesapa dan akan diusulkan kembali.";
    LetterPrint {
        place_date: "Kupang, 30 November 2026".into(),
        number: "400.9/12/Dinsos/2026".into(),
        sifat: "Biasa".into(),
        enclosures: "-".into(),
        subject: "Jawaban atas Pengaduan Saudara".into(),
        addressee: "Sdr. Yuliana Nenobais".into(),
        addressee_address: "Jalan Timor Raya No. 12, Oesapa".into(),
        addressee_place: "Kupang".into(),
        paragraphs: vec![paragraph.to_owned(); 7],
        signer: SignatureBlock {
            title_lines: vec!["KEPALA DINAS SOSIAL KOTA KUPANG,".into()],
            name: "Drs. Frans Lebu Raya".into(),
            rank: "Pembina Utama Muda (IV/c)".into(),
            nip: "19680512 199403 1 004".into(),
        },
        copies: vec!["Wali Kota Kupang".into(), "Arsip".into()],
        initials: vec![InitialRow {
            position: "Kepala Bidang Rehabilitasi Sosial".into(),
            name: "Maria Goreti Bria, S.Sos.".into(),
            at: "30/11/2026 11.40".into(),
        }],
        setup: LetterSetup::default(),
    }
}

fn main() {
    let head = Letterhead {
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
        // The app's own icon stands in for the regional emblem (a real 256×256 PNG).
        emblem: Some(
            Emblem::from_bytes(include_bytes!("../../../icons/256x256.png").to_vec())
                .unwrap()
                .view(),
        ),
        government_font_pt: 14,
        office_font_pt: 16,
        address_font_pt: 10,
        created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
    };
    let letter = letter();
    let pages = reply_letter::layout(&head, &letter, Copy::Office)
        .unwrap()
        .page_count();
    // The first call also parses the fonts (once per process).
    let started = Instant::now();
    let first = reply_letter::render(&head, &letter, Copy::Office).unwrap();
    let cold = started.elapsed();
    let mut times: Vec<Duration> = Vec::new();
    let mut size = first.len();
    for _ in 0..30 {
        let started = Instant::now();
        size = reply_letter::render(&head, &letter, Copy::Office)
            .unwrap()
            .len();
        times.push(started.elapsed());
    }
    let runs = times.len();
    let (p50, p95) = median(times);
    println!(
        "reply letter PDF: {pages} pages, {:.1} KiB",
        size as f64 / 1024.0
    );
    println!(
        "  first (fonts parsed): {}; then p50 {}, p95 {} over {runs} runs",
        ms(cold),
        ms(p50),
        ms(p95),
    );
}
