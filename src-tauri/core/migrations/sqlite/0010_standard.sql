-- 0010: the complaint's life as the office's service standard runs it: a complaint letter
-- is a case from its registration, a reply's dispatch answers its case, the counter's
-- 15 minutes or an answer agreed to take longer, the channels' own contacts, the suggestion
-- box's openings and a log of every contact with the complainant. Existing records keep
-- their meaning unchanged.

-- What a letter is, said when it is registered: a complaint, a request for information or a
-- suggestion opens its case at once; any other letter (surat dinas) may become one later.
ALTER TABLE letters ADD COLUMN kind TEXT NOT NULL DEFAULT 'lainnya'
    CHECK (kind IN ('pengaduan', 'informasi', 'saran', 'lainnya'));
UPDATE letters SET kind = (SELECT c.kind FROM cases c WHERE c.letter_id = letters.id)
 WHERE EXISTS (SELECT 1 FROM cases c WHERE c.letter_id = letters.id);

-- Each channel's own contact, from the standard (WhatsApp helpdesk, e-mail, the Facebook
-- page), printed on receipts; and whether its deadline is the standard's or the office's own
-- choice (the standard names none for e-mail, WhatsApp and Facebook).
ALTER TABLE channels ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE channels ADD COLUMN deadline_from_standard INTEGER NOT NULL DEFAULT 0
    CHECK (deadline_from_standard IN (0, 1));
UPDATE channels SET deadline_from_standard = 1
 WHERE code IN ('counter', 'suggestion_box', 'letter', 'lapor');
UPDATE channels SET contact = CASE code
    WHEN 'whatsapp' THEN '082147626662'
    WHEN 'email' THEN 'dinsos@kupangkota.go.id'
    WHEN 'facebook' THEN 'Pengaduan Penyaluran Bansos'
    WHEN 'lapor' THEN 'www.lapor.go.id'
    WHEN 'suggestion_box' THEN 'Kotak saran di Kantor Dinas Sosial'
    WHEN 'letter' THEN 'Kepala Dinas Sosial Kota Kupang, Jl. S.K. Lerik No. 2, Kupang'
    WHEN 'counter' THEN 'Kantor Dinas Sosial, Jl. S.K. Lerik No. 2, Kupang'
    ELSE '' END;

-- A complainant's e-mail address, to answer by e-mail.
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- Opening the suggestion box is an event: who opened it, when, how many slips; the cases
-- from it count from that day.
CREATE TABLE box_openings (
    id          INTEGER PRIMARY KEY,
    opened_at   TEXT    NOT NULL,
    opened_date TEXT    NOT NULL,  -- the WITA day, the cases' day of receipt
    slips       INTEGER NOT NULL CHECK (slips BETWEEN 0 AND 500),
    witness     TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    opened_by   INTEGER NOT NULL REFERENCES accounts (id),
    created_at  TEXT    NOT NULL
);
CREATE TRIGGER box_openings_kept BEFORE DELETE ON box_openings BEGIN
    SELECT RAISE(ABORT, 'a box opening is never deleted');
END;
ALTER TABLE cases ADD COLUMN box_opening_id INTEGER REFERENCES box_openings (id);

-- The dispatch book (buku ekspedisi): a signed reply sent out, how, by whom, to whom. Its
-- date answers the case. Never changed: a correction is a new dispatch.
CREATE TABLE dispatches (
    id             INTEGER PRIMARY KEY,
    reply_id       INTEGER NOT NULL REFERENCES replies (id),
    dispatched_at  TEXT    NOT NULL,
    dispatched_date TEXT   NOT NULL,
    method         TEXT    NOT NULL
                   CHECK (method IN ('antar', 'pos', 'email', 'whatsapp', 'ambil_sendiri')),
    carrier        TEXT    NOT NULL DEFAULT '',
    receiver       TEXT    NOT NULL DEFAULT '',
    note           TEXT    NOT NULL DEFAULT '',
    recorded_by    INTEGER NOT NULL REFERENCES accounts (id),
    created_at     TEXT    NOT NULL
);
CREATE INDEX dispatches_by_reply ON dispatches (reply_id);
CREATE INDEX dispatches_by_date ON dispatches (dispatched_date);
CREATE TRIGGER dispatches_kept BEFORE UPDATE ON dispatches BEGIN
    SELECT RAISE(ABORT, 'a dispatch is never changed');
END;
CREATE TRIGGER dispatches_no_delete BEFORE DELETE ON dispatches BEGIN
    SELECT RAISE(ABORT, 'a dispatch is never deleted');
END;

-- Keeping the complainant informed: every contact, without a change of status.
CREATE TABLE case_contacts (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id),
    at          TEXT    NOT NULL,
    method      TEXT    NOT NULL
                CHECK (method IN ('telepon', 'whatsapp', 'email', 'kunjungan', 'surat', 'facebook', 'lapor')),
    summary     TEXT    NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    created_at  TEXT    NOT NULL
);
CREATE INDEX case_contacts_by_case ON case_contacts (case_id, at);
CREATE TRIGGER case_contacts_kept BEFORE UPDATE ON case_contacts BEGIN
    SELECT RAISE(ABORT, 'a contact is never changed');
END;
CREATE TRIGGER case_contacts_no_delete BEFORE DELETE ON case_contacts BEGIN
    SELECT RAISE(ABORT, 'a contact is never deleted');
END;

-- The counter: "15 menit atau sesuai kebutuhan". An answer that needs longer is agreed with
-- the visitor, with the reason, and is not counted as late. A visitor who returns on the
-- agreed follow-up is attached to the case the first visit opened.
ALTER TABLE visits ADD COLUMN longer_reason TEXT;
ALTER TABLE visits ADD COLUMN follows_case_id INTEGER REFERENCES cases (id);
CREATE INDEX visits_follow_ups ON visits (follows_case_id) WHERE follows_case_id IS NOT NULL;
