-- Scans kept in the database itself, each once by its SHA-256, so every PC of an office on
-- the server opens them. A database on one PC keeps its scans as files in its data folder
-- and leaves this table empty; the table is here too so both stores keep one schema and a
-- backup moves between them unchanged.
CREATE TABLE scans (
    sha256     TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    kind       TEXT    NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    bytes      BLOB    NOT NULL
);
CREATE TRIGGER scans_kept BEFORE UPDATE ON scans BEGIN
    SELECT RAISE(ABORT, 'a stored scan is never changed');
END;
CREATE TRIGGER scans_no_delete BEFORE DELETE ON scans BEGIN
    SELECT RAISE(ABORT, 'a stored scan is never deleted');
END;
