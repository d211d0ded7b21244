-- Reply letters (surat balasan): templates, drafts with every version kept, the review trail
-- (paraf hierarki), signing with the outgoing number, and the page settings letters print with.

INSERT INTO settings (key, value) VALUES
    ('letter.paper', 'A4'),
    ('letter.margin_top_mm', '20'),
    ('letter.margin_bottom_mm', '25'),
    ('letter.margin_left_mm', '30'),
    ('letter.margin_right_mm', '20'),
    ('letter.font', 'sans'),
    ('letter.font_pt', '12');

CREATE TABLE reply_templates (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    body        TEXT    NOT NULL,   -- paragraphs separated by a blank line; {fields} filled from the case
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT    NOT NULL
);

INSERT INTO reply_templates (code, name, subject, body, sort_order, updated_at) VALUES
('jawaban_pengaduan', 'Jawaban atas pengaduan', 'Jawaban atas Pengaduan Saudara',
 'Menindaklanjuti pengaduan Saudara {sumber} yang kami terima pada tanggal {tanggal_diterima} dengan nomor registrasi {nomor_registrasi}, perihal {perihal}, bersama ini kami sampaikan hal-hal sebagai berikut.

[Uraikan hasil penanganan pengaduan.]

Demikian jawaban ini kami sampaikan. Atas perhatian dan kepercayaan Saudara kepada Dinas Sosial, kami ucapkan terima kasih.',
 1, '2026-01-01T00:00:00Z'),
('informasi_diberikan', 'Pemberian informasi', 'Pemberian Informasi',
 'Menanggapi permintaan informasi Saudara {sumber} yang kami terima pada tanggal {tanggal_diterima} dengan nomor registrasi {nomor_registrasi}, perihal {perihal}, bersama ini kami sampaikan informasi yang Saudara minta sebagai berikut.

[Tuliskan informasi yang diberikan, atau sebutkan lampirannya.]

Demikian disampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.',
 2, '2026-01-01T00:00:00Z'),
('informasi_tidak_dikuasai', 'Informasi tidak dikuasai', 'Pemberitahuan Informasi Tidak Dikuasai',
 'Menanggapi permintaan informasi Saudara {sumber} yang kami terima pada tanggal {tanggal_diterima} dengan nomor registrasi {nomor_registrasi}, perihal {perihal}, dengan ini kami beritahukan bahwa informasi tersebut tidak berada dalam penguasaan Dinas Sosial.

[Sebutkan badan publik yang menguasai informasi tersebut, bila diketahui.]

Demikian pemberitahuan ini kami sampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.',
 3, '2026-01-01T00:00:00Z'),
('dilimpahkan', 'Pelimpahan ke instansi lain', 'Pelimpahan Pengaduan',
 'Menindaklanjuti pengaduan Saudara {sumber} yang kami terima pada tanggal {tanggal_diterima} dengan nomor registrasi {nomor_registrasi}, perihal {perihal}, dengan ini kami sampaikan bahwa pokok pengaduan tersebut merupakan kewenangan instansi lain.

Oleh karena itu pengaduan Saudara telah kami teruskan kepada [nama instansi] untuk ditindaklanjuti sesuai kewenangannya.

Demikian disampaikan. Atas perhatian Saudara, kami ucapkan terima kasih.',
 4, '2026-01-01T00:00:00Z'),
('undangan_klarifikasi', 'Undangan klarifikasi', 'Undangan Klarifikasi',
 'Menindaklanjuti pengaduan Saudara {sumber} yang kami terima pada tanggal {tanggal_diterima} dengan nomor registrasi {nomor_registrasi}, perihal {perihal}, kami mengundang Saudara untuk memberikan klarifikasi pada:

hari/tanggal : [hari, tanggal]
pukul : [pukul] WITA
tempat : Kantor Dinas Sosial, {alamat_kantor}

Mohon membawa kartu identitas dan dokumen pendukung. Layanan ini tidak dipungut biaya. Atas perhatian Saudara, kami ucapkan terima kasih.',
 5, '2026-01-01T00:00:00Z');

CREATE TABLE replies (
    id                    INTEGER PRIMARY KEY,
    case_id               INTEGER NOT NULL REFERENCES cases (id),
    template_code         TEXT    NOT NULL DEFAULT '',
    author_account_id     INTEGER NOT NULL REFERENCES accounts (id),
    status                TEXT    NOT NULL DEFAULT 'konsep'
                          CHECK (status IN ('konsep', 'paraf', 'dikembalikan', 'siap_tanda_tangan',
                                            'ditandatangani', 'dibatalkan')),
    current_version       INTEGER NOT NULL CHECK (current_version > 0),
    -- The review path of the current version (at most three, in order) and the signer.
    reviewer1_id          INTEGER REFERENCES officials (id),
    reviewer2_id          INTEGER REFERENCES officials (id),
    reviewer3_id          INTEGER REFERENCES officials (id),
    signer_official_id    INTEGER NOT NULL REFERENCES officials (id),
    -- Reviewers who have initialled the current version, in order.
    review_step           INTEGER NOT NULL DEFAULT 0 CHECK (review_step BETWEEN 0 AND 3),
    -- Whose move it is: the next reviewer, or the signer once all have initialled.
    awaiting_official_id  INTEGER REFERENCES officials (id),
    -- Set once, at signing, in the signing transaction.
    outgoing_year         INTEGER,
    outgoing_seq          INTEGER CHECK (outgoing_seq > 0),
    outgoing_number       TEXT,
    letter_date           TEXT,
    signed_at             TEXT,
    signed_by             INTEGER REFERENCES accounts (id),
    letterhead_id         INTEGER REFERENCES letterheads (id),
    frozen                TEXT,     -- JSON: everything the printed letter shows
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    UNIQUE (outgoing_year, outgoing_seq),
    CHECK ((status = 'ditandatangani') = (outgoing_number IS NOT NULL)),
    CHECK (status <> 'ditandatangani' OR (frozen IS NOT NULL AND letterhead_id IS NOT NULL
                                          AND letter_date IS NOT NULL AND outgoing_seq IS NOT NULL))
);
CREATE INDEX replies_case ON replies (case_id);
CREATE INDEX replies_awaiting ON replies (awaiting_official_id) WHERE awaiting_official_id IS NOT NULL;
CREATE INDEX replies_author ON replies (author_account_id, status);
CREATE INDEX replies_outgoing ON replies (letter_date) WHERE outgoing_number IS NOT NULL;
CREATE TRIGGER replies_no_delete BEFORE DELETE ON replies BEGIN
    SELECT RAISE(ABORT, 'reply letters are never deleted: outgoing numbers have no gaps');
END;
CREATE TRIGGER replies_signed_are_frozen BEFORE UPDATE ON replies WHEN OLD.status = 'ditandatangani' BEGIN
    SELECT RAISE(ABORT, 'a signed letter is frozen; later changes need a new letter');
END;

CREATE TABLE reply_versions (
    id        INTEGER PRIMARY KEY,
    reply_id  INTEGER NOT NULL REFERENCES replies (id),
    version   INTEGER NOT NULL CHECK (version > 0),
    content   TEXT    NOT NULL,   -- JSON of the draft's fields as saved
    saved_by  INTEGER NOT NULL REFERENCES accounts (id),
    saved_at  TEXT    NOT NULL,
    UNIQUE (reply_id, version)
);
CREATE TRIGGER reply_versions_kept BEFORE UPDATE ON reply_versions BEGIN
    SELECT RAISE(ABORT, 'a draft version is never changed');
END;
CREATE TRIGGER reply_versions_no_delete BEFORE DELETE ON reply_versions BEGIN
    SELECT RAISE(ABORT, 'a draft version is never deleted');
END;

-- The review trail: submitted, initialled, returned (with the correction note), withdrawn by
-- its author, signed, cancelled.
CREATE TABLE reply_reviews (
    id           INTEGER PRIMARY KEY,
    reply_id     INTEGER NOT NULL REFERENCES replies (id),
    version      INTEGER NOT NULL,
    step         INTEGER NOT NULL DEFAULT 0,
    official_id  INTEGER REFERENCES officials (id),
    action       TEXT    NOT NULL CHECK (action IN ('ajukan', 'paraf', 'kembalikan', 'tarik', 'tanda_tangan', 'batal')),
    note         TEXT    NOT NULL DEFAULT '',
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    at           TEXT    NOT NULL
);
CREATE INDEX reply_reviews_reply ON reply_reviews (reply_id, id);
CREATE TRIGGER reply_reviews_kept BEFORE UPDATE ON reply_reviews BEGIN
    SELECT RAISE(ABORT, 'the review trail is never changed');
END;
CREATE TRIGGER reply_reviews_no_delete BEFORE DELETE ON reply_reviews BEGIN
    SELECT RAISE(ABORT, 'the review trail is never deleted');
END;
