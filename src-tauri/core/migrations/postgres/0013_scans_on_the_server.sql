-- Scans kept in the database itself, each once by its SHA-256, so every PC of the office
-- opens them (see the SQLite text for why the table exists on both stores).
CREATE TABLE scans (
    sha256     TEXT   PRIMARY KEY CHECK (length(sha256) = 64),
    kind       TEXT   NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    bytes      BYTEA  NOT NULL
);
-- PDFs and JPEGs are compressed already: kept as they are, out of line.
ALTER TABLE scans ALTER COLUMN bytes SET STORAGE EXTERNAL;
CREATE TRIGGER scans_kept BEFORE UPDATE ON scans
    FOR EACH ROW EXECUTE FUNCTION loket_refuse('a stored scan is never changed');
CREATE TRIGGER scans_no_delete BEFORE DELETE ON scans
    FOR EACH ROW EXECUTE FUNCTION loket_refuse('a stored scan is never deleted');

-- Live between desks: a save that touches what another desk is looking at tells every
-- connected Loket which table changed (delivered at commit, once per table and
-- transaction); the window then reloads what it shows.
CREATE FUNCTION loket_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('loket_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER letters_notify AFTER INSERT OR UPDATE OR DELETE ON letters
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
CREATE TRIGGER cases_notify AFTER INSERT OR UPDATE OR DELETE ON cases
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
CREATE TRIGGER dispositions_notify AFTER INSERT OR UPDATE OR DELETE ON dispositions
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
CREATE TRIGGER replies_notify AFTER INSERT OR UPDATE OR DELETE ON replies
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
CREATE TRIGGER reply_reviews_notify AFTER INSERT OR UPDATE OR DELETE ON reply_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
CREATE TRIGGER visits_notify AFTER INSERT OR UPDATE OR DELETE ON visits
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
CREATE TRIGGER id_deposits_notify AFTER INSERT OR UPDATE OR DELETE ON id_deposits
    FOR EACH STATEMENT EXECUTE FUNCTION loket_notify();
