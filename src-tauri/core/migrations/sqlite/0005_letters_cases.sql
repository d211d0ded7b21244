-- Incoming letters (the agenda book), scanned attachments, complaint cases on every channel,
-- their status history, and dispositions down the hierarchy.

-- An item that arrives after the office closes counts as received on the next working day.
-- (The office's hours are to be confirmed, hence a setting.)
INSERT INTO settings (key, value) VALUES
    ('office.closing_time', '16:00'),
    ('attachments.max_mb', '20');

-- The agenda book. The agenda number runs per year of receipt and is taken inside the saving
-- transaction as the year's highest plus one: letters are never deleted, so numbers have no
-- gaps, and the unique index makes a duplicate impossible even with two PCs saving at once.
CREATE TABLE letters (
    id                   INTEGER PRIMARY KEY,
    agenda_year          INTEGER NOT NULL,
    agenda_seq           INTEGER NOT NULL CHECK (agenda_seq > 0),
    agenda_number        TEXT    NOT NULL,
    letter_number        TEXT    NOT NULL,
    letter_date          TEXT    NOT NULL,
    received_at          TEXT    NOT NULL,  -- the instant it was handed in
    received_date        TEXT    NOT NULL,  -- the office day it counts as received
    sender_name          TEXT    NOT NULL,
    sender_address       TEXT    NOT NULL DEFAULT '',
    subject              TEXT    NOT NULL,
    urgency              TEXT    NOT NULL CHECK (urgency IN ('biasa', 'segera', 'sangat_segera', 'rahasia')),
    enclosures           INTEGER NOT NULL DEFAULT 0 CHECK (enclosures BETWEEN 0 AND 999),
    classification_code  TEXT    REFERENCES classification_codes (code),
    recorded_by          INTEGER NOT NULL REFERENCES accounts (id),
    created_at           TEXT    NOT NULL,
    UNIQUE (agenda_year, agenda_seq)
);
CREATE INDEX letters_received ON letters (received_date);
CREATE INDEX letters_arrived ON letters (received_at);
CREATE TRIGGER letters_no_delete BEFORE DELETE ON letters BEGIN
    SELECT RAISE(ABORT, 'letters are never deleted: agenda numbers have no gaps');
END;
CREATE TRIGGER letters_agenda_fixed BEFORE UPDATE OF agenda_year, agenda_seq, agenda_number ON letters BEGIN
    SELECT RAISE(ABORT, 'an agenda number is never changed');
END;

-- Scanned files, stored once under their SHA-256 in Loket's own folder; the rows say which
-- letter or case each belongs to.
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
    kind          TEXT    NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
    original_name TEXT    NOT NULL,
    letter_id     INTEGER REFERENCES letters (id),
    case_id       INTEGER REFERENCES cases (id),
    added_by      INTEGER NOT NULL REFERENCES accounts (id),
    added_at      TEXT    NOT NULL,
    CHECK ((letter_id IS NULL) <> (case_id IS NULL))
);
CREATE INDEX attachments_letter ON attachments (letter_id) WHERE letter_id IS NOT NULL;
CREATE INDEX attachments_case ON attachments (case_id) WHERE case_id IS NOT NULL;

-- One case per matter, whatever door it came through.
CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    reg_year           INTEGER NOT NULL,
    reg_seq            INTEGER NOT NULL CHECK (reg_seq > 0),
    reg_number         TEXT    NOT NULL UNIQUE,
    channel            TEXT    NOT NULL REFERENCES channels (code),
    kind               TEXT    NOT NULL CHECK (kind IN ('pengaduan', 'informasi', 'saran')),
    person_id          INTEGER REFERENCES people (id),
    -- named: shown; confidential: known to the office, hidden on lists and printouts;
    -- anonymous: no complainant at all (as SP4N-LAPOR allows).
    identity           TEXT    NOT NULL CHECK (identity IN ('named', 'confidential', 'anonymous')),
    summary            TEXT    NOT NULL,
    received_at        TEXT    NOT NULL,
    received_date      TEXT    NOT NULL,
    due_date           TEXT    NOT NULL,
    due_at             TEXT    NOT NULL,
    due_source         TEXT    NOT NULL CHECK (due_source IN ('channel', 'agreed')),
    visit_id           INTEGER UNIQUE REFERENCES visits (id),
    letter_id          INTEGER UNIQUE REFERENCES letters (id),
    lapor_tracking_id  TEXT    UNIQUE,
    status             TEXT    NOT NULL DEFAULT 'diterima'
                       CHECK (status IN ('diterima', 'didisposisikan', 'dalam_penanganan', 'dijawab', 'selesai', 'dilimpahkan')),
    answered_at        TEXT,
    answered_via       TEXT,
    answered_by        INTEGER REFERENCES officials (id),
    answer_note        TEXT    NOT NULL DEFAULT '',
    referred_to        TEXT,
    closed_at          TEXT,
    recorded_by        INTEGER NOT NULL REFERENCES accounts (id),
    created_at         TEXT    NOT NULL,
    UNIQUE (reg_year, reg_seq),
    CHECK (identity = 'anonymous' OR person_id IS NOT NULL),
    CHECK (identity <> 'anonymous' OR person_id IS NULL),
    CHECK (status NOT IN ('dijawab', 'selesai') OR answered_at IS NOT NULL OR referred_to IS NOT NULL),
    CHECK (status <> 'dilimpahkan' OR referred_to IS NOT NULL)
);
-- Written exactly as the queries' "open" condition (cases::OPEN), so SQLite can use it.
CREATE INDEX cases_open_due ON cases (due_date) WHERE status IN ('diterima', 'didisposisikan', 'dalam_penanganan');
CREATE INDEX cases_received ON cases (received_date);
CREATE INDEX cases_arrived ON cases (received_at);
CREATE INDEX cases_person ON cases (person_id) WHERE person_id IS NOT NULL;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases BEGIN
    SELECT RAISE(ABORT, 'cases are never deleted');
END;

-- Every change of status, with who and why: the case's story.
CREATE TABLE case_events (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    at           TEXT    NOT NULL,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    from_status  TEXT,
    to_status    TEXT    NOT NULL,
    note         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id, at);

-- A disposition forwards a letter or a case from one official to another with instructions;
-- a recipient may forward further down, so they form a tree under the Head's first one.
CREATE TABLE dispositions (
    id                INTEGER PRIMARY KEY,
    letter_id         INTEGER REFERENCES letters (id),
    case_id           INTEGER REFERENCES cases (id),
    parent_id         INTEGER REFERENCES dispositions (id),
    from_official_id  INTEGER NOT NULL REFERENCES officials (id),
    to_official_id    INTEGER NOT NULL REFERENCES officials (id),
    -- Codes from the printed sheet, comma-separated: tanggapan, proses, koordinasi, diketahui, arsip.
    instructions      TEXT    NOT NULL DEFAULT '',
    instruction_text  TEXT    NOT NULL DEFAULT '',
    due_date          TEXT,
    note              TEXT    NOT NULL DEFAULT '',
    -- Written by hand on the paper sheet and typed in by the clerk on the official's behalf.
    on_paper          INTEGER NOT NULL DEFAULT 0 CHECK (on_paper IN (0, 1)),
    recorded_by       INTEGER NOT NULL REFERENCES accounts (id),
    created_at        TEXT    NOT NULL,
    read_at           TEXT,
    report            TEXT,
    reported_at       TEXT,
    CHECK (letter_id IS NOT NULL OR case_id IS NOT NULL),
    CHECK (from_official_id <> to_official_id),
    CHECK (reported_at IS NULL OR report IS NOT NULL)
);
CREATE INDEX dispositions_inbox ON dispositions (to_official_id, reported_at);
CREATE INDEX dispositions_letter ON dispositions (letter_id) WHERE letter_id IS NOT NULL;
CREATE INDEX dispositions_case ON dispositions (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX dispositions_parent ON dispositions (parent_id) WHERE parent_id IS NOT NULL;
-- The dashboard's "per official": dispositions not yet reported back.
CREATE INDEX dispositions_open ON dispositions (case_id, to_official_id) WHERE reported_at IS NULL;
