//! Ten years of a busy office, seeded straight into a database file: about a million
//! records across people, visits, letters, cases and dispositions (the cases and server
//! benches).

use chrono::{DateTime, Datelike, Duration as Span, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::{name, LAST};

pub const WORDS: [&str; 48] = [
    "bantuan",
    "sosial",
    "PKH",
    "BPNT",
    "sembako",
    "lansia",
    "disabilitas",
    "DTKS",
    "verifikasi",
    "data",
    "kelurahan",
    "rumah",
    "tidak",
    "layak",
    "huni",
    "anak",
    "terlantar",
    "yatim",
    "beasiswa",
    "KIS",
    "BPJS",
    "pendamping",
    "penyaluran",
    "terlambat",
    "belum",
    "cair",
    "kartu",
    "keluarga",
    "pengemis",
    "gelandangan",
    "bencana",
    "banjir",
    "kebakaran",
    "rehabilitasi",
    "panti",
    "difabel",
    "kursi",
    "roda",
    "santunan",
    "kematian",
    "warga",
    "RT",
    "mohon",
    "segera",
    "ditindaklanjuti",
    "penerima",
    "salah",
    "sasaran",
];
pub const CHANNELS: [&str; 6] = [
    "suggestion_box",
    "letter",
    "email",
    "lapor",
    "whatsapp",
    "facebook",
];

/// Scale 1.0: 150 000 people, 350 000 visits, 150 000 letters, 250 000 cases and as many
/// dispositions, about 1.15 million records.
pub struct Sizes {
    pub people: u64,
    pub visits: u64,
    pub letters: u64,
    pub cases: u64,
}

/// A deterministic sentence of 8–14 words; one in 5 000 mentions a whirlwind (a rare word).
pub fn sentence(i: u64) -> String {
    let count = 8 + i % 7;
    let mut words: Vec<&str> = (0..count)
        .map(|k| WORDS[((i.wrapping_mul(2654435761) >> (k % 16)) as usize + k as usize * 7) % 48])
        .collect();
    if i % 5000 == 17 {
        words.push("angin puting beliung");
    }
    words.join(" ")
}

pub fn day_of(start: DateTime<Utc>, index: u64, total: u64) -> DateTime<Utc> {
    start + Span::minutes((index as f64 * (10.0 * 365.0 * 24.0 * 60.0) / total as f64) as i64)
}

pub fn seed(path: &std::path::Path, sizes: &Sizes, account: i64) {
    let mut conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA journal_mode = WAL;")
        .unwrap();
    let tx = conn.transaction().unwrap();
    let start: DateTime<Utc> = "2016-12-01T00:30:00Z".parse().unwrap();
    for n in 0..20 {
        tx.execute(
            "INSERT INTO officials (id, name, nip, rank_code, position, unit_id, active_from)
             VALUES (?1, ?2, ?3, 'III/d', ?4, ?5, '2010-01-01')",
            params![
                n + 1,
                name(n as u64 * 31),
                format!("19700101199503{:04}", n + 1),
                if n == 0 {
                    "Kepala Dinas Sosial".to_owned()
                } else {
                    format!("Pejabat {n}")
                },
                if n == 0 { 1 } else { 2 + n % 7 },
            ],
        )
        .unwrap();
    }
    {
        let mut person = tx
            .prepare(
                "INSERT INTO people (id, name, id_type, id_number, phone, address, institution,
                                     created_at, updated_at)
                 VALUES (?1, ?2, 'lainnya', '', ?3, ?4, '', ?5, ?5)",
            )
            .unwrap();
        for i in 0..sizes.people {
            person
                .execute(params![
                    i as i64 + 1,
                    name(i),
                    format!("+62812{i:08}"),
                    format!("Kelurahan {} RT {:03}", LAST[(i % 24) as usize], i % 40),
                    start,
                ])
                .unwrap();
        }
        let mut visit = tx
            .prepare(
                "INSERT INTO visits (person_id, visit_date, time_in, time_out, purpose_category,
                                     purpose, companions, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, 'pengaduan', ?5, 0, ?6)",
            )
            .unwrap();
        for v in 0..sizes.visits {
            let at = day_of(start, v, sizes.visits);
            visit
                .execute(params![
                    ((v * 7919) % sizes.people + 1) as i64,
                    at.date_naive(),
                    at,
                    at + Span::minutes(25),
                    sentence(v),
                    account,
                ])
                .unwrap();
        }
        let mut letter = tx
            .prepare(
                "INSERT INTO letters (id, agenda_year, agenda_seq, agenda_number, letter_number,
                                      letter_date, received_at, received_date, sender_name,
                                      sender_address, subject, urgency, recorded_by, created_at)
                 VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?5, ?7, '', ?8, 'biasa', ?9, ?6)",
            )
            .unwrap();
        let (mut year, mut seq) = (0, 0);
        for l in 0..sizes.letters {
            let at = day_of(start, l, sizes.letters);
            if at.year() != year {
                (year, seq) = (at.year(), 0);
            }
            seq += 1;
            letter
                .execute(params![
                    l as i64 + 1,
                    year,
                    seq,
                    format!("{:03}/RT.{:02}/{}", l % 999, l % 40, year),
                    at.date_naive(),
                    at,
                    format!(
                        "Ketua RT {:03} Kelurahan {}",
                        l % 40,
                        LAST[(l % 24) as usize]
                    ),
                    sentence(l + 1_000_000),
                    account,
                ])
                .unwrap();
        }
        let mut case = tx
            .prepare(
                "INSERT INTO cases (id, reg_year, reg_seq, reg_number, channel, kind, person_id,
                                    identity, summary, received_at, received_date, due_date,
                                    due_at, due_source, letter_id, status, answered_at,
                                    answered_via, answered_by, recorded_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'pengaduan', ?6, ?7, ?8, ?9, ?10, ?11, ?9, 'channel',
                         ?12, ?13, ?14, ?15, ?16, ?17, ?9)",
            )
            .unwrap();
        let mut disposition = tx
            .prepare(
                "INSERT INTO dispositions (letter_id, case_id, from_official_id, to_official_id,
                                           instructions, due_date, note, recorded_by, created_at,
                                           reported_at, report)
                 VALUES (?1, ?2, 1, ?3, 'proses', ?4, '', ?5, ?6, ?7, ?8)",
            )
            .unwrap();
        let end = start + Span::days(3650);
        let (mut year, mut seq) = (0, 0);
        let mut letters_used = 0;
        for c in 0..sizes.cases {
            let at = day_of(start, c, sizes.cases);
            if at.year() != year {
                (year, seq) = (at.year(), 0);
            }
            seq += 1;
            let channel = CHANNELS[(c % 6) as usize];
            let letter_id = (channel == "letter" && letters_used < sizes.letters).then(|| {
                letters_used += 1;
                letters_used as i64
            });
            let anonymous = c % 10 == 3;
            let received: NaiveDate = at.date_naive();
            let due = received + Span::days(9);
            // The last weeks are still open; older cases were answered (a few late).
            let open = end - at < Span::days(20);
            let answered = (!open).then(|| received + Span::days(if c % 13 == 0 { 12 } else { 5 }));
            case.execute(params![
                c as i64 + 1,
                year,
                seq,
                format!("PGD-{year}-{seq:04}"),
                channel,
                if anonymous {
                    None
                } else {
                    Some(((c * 104_729) % sizes.people + 1) as i64)
                },
                if anonymous { "anonymous" } else { "named" },
                sentence(c + 2_000_000),
                at,
                received,
                due,
                letter_id,
                if open { "didisposisikan" } else { "selesai" },
                answered,
                answered.map(|_| "surat"),
                answered.map(|_| 2 + (c % 19) as i64),
                account,
            ])
            .unwrap();
            disposition
                .execute(params![
                    letter_id,
                    c as i64 + 1,
                    2 + (c % 19) as i64,
                    due,
                    account,
                    at,
                    answered.map(|_| at + Span::days(3)),
                    answered.map(|_| "Sudah ditindaklanjuti"),
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
}

impl Sizes {
    /// Scale 1.0 is ten years of a busy office.
    pub fn at(scale: f64) -> Self {
        Sizes {
            people: (150_000.0 * scale) as u64,
            visits: (350_000.0 * scale) as u64,
            letters: (150_000.0 * scale) as u64,
            cases: (250_000.0 * scale) as u64,
        }
    }

    pub fn records(&self) -> u64 {
        self.people + self.visits + self.letters + 2 * self.cases
    }
}
