-- 0001: the foundation. Office profile and dated letterheads, organisation units,
-- officials, channel deadlines, numbering formats, classification codes, holidays.
-- Civil dates are ISO text (yyyy-mm-dd); instants are UTC ISO-8601 text.

CREATE TABLE images (
    id      INTEGER PRIMARY KEY,
    mime    TEXT    NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
    width   INTEGER NOT NULL CHECK (width > 0),
    height  INTEGER NOT NULL CHECK (height > 0),
    bytes   BLOB    NOT NULL
);

-- Letterhead versions are never updated: an edit inserts a new version valid from a date,
-- so a signed letter can reprint with the letterhead it was signed under.
CREATE TABLE letterheads (
    id                  INTEGER PRIMARY KEY,
    valid_from          TEXT    NOT NULL,
    government_name     TEXT    NOT NULL,
    office_name         TEXT    NOT NULL,
    street_address      TEXT    NOT NULL,
    city                TEXT    NOT NULL,
    postcode            TEXT    NOT NULL,
    phone               TEXT    NOT NULL,
    email               TEXT    NOT NULL,
    website             TEXT    NOT NULL,
    emblem_image_id     INTEGER REFERENCES images (id),
    government_font_pt  INTEGER NOT NULL,
    office_font_pt      INTEGER NOT NULL,
    address_font_pt     INTEGER NOT NULL,
    created_at          TEXT    NOT NULL
);
CREATE INDEX letterheads_by_date ON letterheads (valid_from, id);
CREATE TRIGGER letterheads_are_immutable BEFORE UPDATE ON letterheads
BEGIN
    SELECT RAISE(ABORT, 'letterhead versions are immutable');
END;

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES units (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('dinas', 'sekretariat', 'bidang', 'subbagian', 'seksi', 'uptd')),
    name        TEXT    NOT NULL,
    code        TEXT    NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX units_name_per_parent ON units (ifnull(parent_id, 0), name COLLATE NOCASE);

CREATE TABLE officials (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    nip          TEXT    NOT NULL UNIQUE CHECK (length(nip) = 18),
    rank_code    TEXT    NOT NULL,
    position     TEXT    NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    active_from  TEXT    NOT NULL,
    active_to    TEXT,
    CHECK (active_to IS NULL OR active_to >= active_from)
);

-- Plt. (pelaksana tugas) and Plh. (pelaksana harian): an official acting in another
-- position for a period, alongside their own.
CREATE TABLE acting_appointments (
    id           INTEGER PRIMARY KEY,
    official_id  INTEGER NOT NULL REFERENCES officials (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('plt', 'plh')),
    position     TEXT    NOT NULL,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    valid_from   TEXT    NOT NULL,
    valid_to     TEXT,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX acting_by_official ON acting_appointments (official_id);

CREATE TABLE channels (
    code            TEXT    PRIMARY KEY,
    name            TEXT    NOT NULL,
    deadline_unit   TEXT    NOT NULL CHECK (deadline_unit IN ('minutes', 'working_days')),
    deadline_value  INTEGER NOT NULL CHECK (deadline_value > 0),
    sort_order      INTEGER NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE classification_codes (
    code    TEXT    PRIMARY KEY,
    title   TEXT    NOT NULL,
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE holidays (
    date  TEXT PRIMARY KEY,
    name  TEXT NOT NULL,
    kind  TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama'))
);

-- Defaults for Dinas Sosial Kota Kupang (from the office's published service standard).
INSERT INTO letterheads (valid_from, government_name, office_name, street_address, city, postcode,
                         phone, email, website, emblem_image_id, government_font_pt, office_font_pt,
                         address_font_pt, created_at)
VALUES ('2000-01-01', 'PEMERINTAH KOTA KUPANG', 'DINAS SOSIAL', 'Jalan S. K. Lerik No. 2', 'Kupang',
        '85228', '0852-3940-9087', 'dinsos@kupangkota.go.id', '', NULL, 14, 16, 10,
        '2000-01-01T00:00:00Z');

INSERT INTO units (id, parent_id, kind, name, code, sort_order) VALUES
    (1, NULL, 'dinas',       'Dinas Sosial Kota Kupang', 'Dinsos', 0),
    (2, 1,    'sekretariat', 'Sekretariat', 'Sekr', 1),
    (3, 2,    'subbagian',   'Sub Bagian Umum dan Kepegawaian', 'Umpeg', 1),
    (4, 2,    'subbagian',   'Sub Bagian Keuangan', 'Keu', 2),
    (5, 2,    'subbagian',   'Sub Bagian Perencanaan', 'Ren', 3),
    (6, 1,    'bidang',      'Bidang Rehabilitasi Sosial', 'Resos', 2),
    (7, 1,    'bidang',      'Bidang Perlindungan dan Jaminan Sosial', 'Linjamsos', 3),
    (8, 1,    'bidang',      'Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin', 'Dayasos', 4);

INSERT INTO channels (code, name, deadline_unit, deadline_value, sort_order) VALUES
    ('counter',        'Tatap muka',  'minutes',      15, 1),
    ('suggestion_box', 'Kotak saran', 'working_days', 7,  2),
    ('letter',         'Surat',       'working_days', 7,  3),
    ('email',          'Email',       'working_days', 7,  4),
    ('lapor',          'SP4N-LAPOR',  'working_days', 8,  5),
    ('whatsapp',       'WhatsApp',    'working_days', 7,  6),
    ('facebook',       'Facebook',    'working_days', 7,  7);

INSERT INTO settings (key, value) VALUES
    ('numbering.agenda',   '{nomor}'),
    ('numbering.outgoing', '{kode}/{nomor}/{unit}/{tahun}');

-- Permendagri 83/2022 main classes; 400.9 for social affairs is to be confirmed by the office.
INSERT INTO classification_codes (code, title) VALUES
    ('000',   'Umum'),
    ('000.1', 'Ketatausahaan dan Kerumahtanggaan'),
    ('000.5', 'Perlengkapan'),
    ('100',   'Pemerintahan'),
    ('400',   'Kesejahteraan Rakyat'),
    ('400.9', 'Sosial'),
    ('800',   'Kepegawaian'),
    ('900',   'Keuangan');

-- 2026: SKB Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB (1497/2025, 2/2025, 5/2025).
INSERT INTO holidays (date, name, kind) VALUES
    ('2026-01-01', 'Tahun Baru 2026 Masehi', 'libur_nasional'),
    ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', 'libur_nasional'),
    ('2026-02-16', 'Cuti bersama Tahun Baru Imlek', 'cuti_bersama'),
    ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'libur_nasional'),
    ('2026-03-18', 'Cuti bersama Hari Suci Nyepi', 'cuti_bersama'),
    ('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948', 'libur_nasional'),
    ('2026-03-20', 'Cuti bersama Idul Fitri 1447 H', 'cuti_bersama'),
    ('2026-03-21', 'Idul Fitri 1447 H', 'libur_nasional'),
    ('2026-03-22', 'Idul Fitri 1447 H', 'libur_nasional'),
    ('2026-03-23', 'Cuti bersama Idul Fitri 1447 H', 'cuti_bersama'),
    ('2026-03-24', 'Cuti bersama Idul Fitri 1447 H', 'cuti_bersama'),
    ('2026-04-03', 'Wafat Yesus Kristus', 'libur_nasional'),
    ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'libur_nasional'),
    ('2026-05-01', 'Hari Buruh Internasional', 'libur_nasional'),
    ('2026-05-14', 'Kenaikan Yesus Kristus', 'libur_nasional'),
    ('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', 'cuti_bersama'),
    ('2026-05-27', 'Idul Adha 1447 H', 'libur_nasional'),
    ('2026-05-28', 'Cuti bersama Idul Adha 1447 H', 'cuti_bersama'),
    ('2026-05-31', 'Hari Raya Waisak 2570 BE', 'libur_nasional'),
    ('2026-06-01', 'Hari Lahir Pancasila', 'libur_nasional'),
    ('2026-06-16', 'Tahun Baru Islam 1448 H', 'libur_nasional'),
    ('2026-08-17', 'Hari Proklamasi Kemerdekaan RI', 'libur_nasional'),
    ('2026-08-25', 'Maulid Nabi Muhammad SAW', 'libur_nasional'),
    ('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', 'cuti_bersama'),
    ('2026-12-25', 'Kelahiran Yesus Kristus', 'libur_nasional');
