-- Guest book (buku tamu): the people who come to the counter, their visits, the ID cards
-- left with reception, and the closing of each day.

-- A person is stored once and linked to all their visits (and later their cases).
-- Anonymisation (UU 27/2022) blanks the personal fields and keeps the row, so counts stay.
CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    id_type        TEXT    NOT NULL CHECK (id_type IN ('ktp', 'sim', 'paspor', 'kta', 'lainnya')),
    id_number      TEXT    NOT NULL DEFAULT '',
    nik            TEXT    UNIQUE CHECK (nik IS NULL OR (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*')),
    phone          TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    institution    TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    anonymised_at  TEXT
);
CREATE INDEX people_phone ON people (phone) WHERE phone <> '';
CREATE INDEX people_name ON people (name COLLATE NOCASE);

-- Found as you type by any three characters of name, NIK or phone (trigram index). The
-- phone is indexed both as +62… and as the 0… form people say aloud.
CREATE VIRTUAL TABLE people_search USING fts5 (
    name, nik, phone, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_search (rowid, name, nik, phone)
    VALUES (NEW.id, NEW.name, coalesce(NEW.nik, ''),
            CASE WHEN NEW.phone LIKE '+62%' THEN NEW.phone || ' 0' || substr(NEW.phone, 4) ELSE NEW.phone END);
END;
CREATE TRIGGER people_search_update AFTER UPDATE OF name, nik, phone ON people BEGIN
    DELETE FROM people_search WHERE rowid = OLD.id;
    INSERT INTO people_search (rowid, name, nik, phone)
    VALUES (NEW.id, NEW.name, coalesce(NEW.nik, ''),
            CASE WHEN NEW.phone LIKE '+62%' THEN NEW.phone || ' 0' || substr(NEW.phone, 4) ELSE NEW.phone END);
END;
CREATE TRIGGER people_no_delete BEFORE DELETE ON people BEGIN
    SELECT RAISE(ABORT, 'people are anonymised, never deleted');
END;

CREATE TABLE visits (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people (id),
    visit_date          TEXT    NOT NULL,  -- the WITA calendar day, for day lists and the register
    time_in             TEXT    NOT NULL,
    time_out            TEXT,
    purpose_category    TEXT    NOT NULL CHECK (purpose_category IN ('pengaduan', 'informasi', 'konsultasi', 'lainnya')),
    purpose             TEXT    NOT NULL,
    companions          INTEGER NOT NULL DEFAULT 0 CHECK (companions BETWEEN 0 AND 50),
    asked_level         TEXT    CHECK (asked_level IN ('kepala_dinas', 'sekretaris', 'kabid', 'kasubid')),
    routed_official_id  INTEGER REFERENCES officials (id),
    routed_at           TEXT,
    meeting_started_at  TEXT,
    outcome             TEXT    CHECK (outcome IN ('answered', 'follow_up', 'referred')),
    outcome_at          TEXT,
    agreed_date         TEXT,
    referred_agency     TEXT,
    outcome_note        TEXT    NOT NULL DEFAULT '',
    -- The case a follow-up opens; the cases themselves arrive with the letters-and-cases work.
    case_id             INTEGER,
    recorded_by         INTEGER NOT NULL REFERENCES accounts (id),
    CHECK (time_out IS NULL OR time_out >= time_in),
    CHECK (outcome IS NULL OR outcome_at IS NOT NULL),
    CHECK (outcome IS NOT 'follow_up' OR agreed_date IS NOT NULL),
    CHECK (outcome IS NOT 'referred' OR referred_agency IS NOT NULL)
);
CREATE INDEX visits_day ON visits (visit_date, time_in);
CREATE INDEX visits_person ON visits (person_id, time_in);
CREATE INDEX visits_in_building ON visits (time_in) WHERE time_out IS NULL;

-- The ID card a visitor leaves with reception. No image of a card is ever stored.
CREATE TABLE id_deposits (
    visit_id      INTEGER PRIMARY KEY REFERENCES visits (id),
    card_type     TEXT    NOT NULL CHECK (card_type IN ('ktp', 'sim', 'paspor', 'kta', 'lainnya')),
    slot          TEXT    NOT NULL,
    deposited_at  TEXT    NOT NULL,
    returned_at   TEXT,
    returned_to   TEXT,
    returned_by   INTEGER REFERENCES accounts (id),
    -- Why the card stayed when the visitor left (checked out without collecting it).
    held_reason   TEXT,
    CHECK (returned_at IS NULL OR returned_to IS NOT NULL)
);
-- One card per tray slot at a time.
CREATE UNIQUE INDEX id_deposits_slot_held ON id_deposits (slot COLLATE NOCASE) WHERE returned_at IS NULL;
CREATE INDEX id_deposits_held ON id_deposits (deposited_at) WHERE returned_at IS NULL;
-- A card goes back once; the record of its return is never rewritten.
CREATE TRIGGER id_deposits_returned_once BEFORE UPDATE OF returned_at, returned_to ON id_deposits
WHEN OLD.returned_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'id card already returned');
END;

-- Closing the counter's day (or the app) with cards still held needs a recorded reason.
CREATE TABLE day_closings (
    id          INTEGER PRIMARY KEY,
    day         TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('day', 'app')),
    closed_at   TEXT    NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    held_count  INTEGER NOT NULL CHECK (held_count >= 0),
    reason      TEXT    NOT NULL,
    CHECK (held_count = 0 OR reason <> '')
);

INSERT INTO settings (key, value) VALUES ('guestbook.retention_months', '24');
