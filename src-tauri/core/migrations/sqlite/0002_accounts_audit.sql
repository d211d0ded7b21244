-- 0002: staff accounts and the tamper-evident audit trail.

CREATE TABLE accounts (
    id                    INTEGER PRIMARY KEY,
    username              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    full_name             TEXT    NOT NULL,
    role                  TEXT    NOT NULL CHECK (role IN ('admin', 'resepsionis', 'pengelola_surat', 'pejabat', 'kepala_dinas')),
    official_id           INTEGER REFERENCES officials (id),
    password_hash         TEXT    NOT NULL,
    must_change_password  INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    active                INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_attempts       INTEGER NOT NULL DEFAULT 0,
    -- Growing delay and temporary lock after wrong passwords: no attempt before this instant.
    next_attempt_at       TEXT,
    created_at            TEXT    NOT NULL,
    CHECK (role <> 'pejabat' OR official_id IS NOT NULL)
);

-- Each entry's hash covers the previous entry's hash and its own canonical bytes, so an
-- edited or removed entry breaks the chain from that point on.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT    NOT NULL,
    account_id    INTEGER,
    account_name  TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    entity        TEXT    NOT NULL,
    entity_id     TEXT    NOT NULL,
    changes       TEXT    NOT NULL,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL
);
CREATE INDEX audit_by_time ON audit_log (at);
CREATE INDEX audit_by_entity ON audit_log (entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be deleted');
END;

INSERT INTO settings (key, value) VALUES
    ('session.idle_minutes', '15'),
    ('backup.folder', ''),
    ('backup.last_auto', '');
