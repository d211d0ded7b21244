-- 0006 on PostgreSQL: one search box over cases, letters, visits and people, as
-- migrations/sqlite/0006_search.sql, with its triggers in their final form of 0009. SQLite
-- keeps an FTS5 index; here a table of the same rows with a tsvector (the `simple`
-- configuration with unaccent: no stemming, accents ignored, as FTS5's unicode61 with
-- remove_diacritics) and a GIN index. The rowid says what a hit is:
-- id * 4 + 0 a case, + 1 a letter, + 2 a visit, + 3 a person.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION loket_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION loket_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
    WITH unaccent, simple;

CREATE TABLE search_index (
    rowid     BIGINT PRIMARY KEY,
    title     TEXT   NOT NULL,
    body      TEXT   NOT NULL,
    -- Split at every character that is not a letter or a digit, as FTS5's unicode61 does:
    -- PostgreSQL's own parser would keep "005/123/DINSOS/2026" or an e-mail address whole.
    document  tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('loket_search', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A')
                  || setweight(to_tsvector('loket_search', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g')), 'B')) STORED
);
CREATE INDEX search_index_document ON search_index USING gin (document);

-- The search box's query as FTS5 reads it (search::fts_query: each typed word quoted, a
-- prefix: "verif"* "DTKS"*) as a tsquery: every word, each a prefix ('verif':* & 'DTKS':*).
-- The words hold letters and digits only, so nothing in them is tsquery syntax.
CREATE FUNCTION loket_tsquery(fts text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE AS $$
        SELECT to_tsquery('loket_search',
                          replace(regexp_replace(replace(fts, '"', ''), '\*', ':*', 'g'), ' ', ' & '))
    $$;

-- Cases: number, LAPOR tracking ID, summary, and the complainant's name unless they asked
-- for it to be kept confidential (or are anonymous).
CREATE FUNCTION search_cases_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4, NEW.reg_number || ' ' || coalesce(NEW.lapor_tracking_id, ''),
            NEW.summary || CASE WHEN NEW.identity = 'named'
                                THEN ' ' || coalesce((SELECT name FROM people WHERE id = NEW.person_id), '')
                                ELSE '' END);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_cases_insert AFTER INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION search_cases_insert();
CREATE FUNCTION search_cases_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4, NEW.reg_number || ' ' || coalesce(NEW.lapor_tracking_id, ''),
            NEW.summary || CASE WHEN NEW.identity = 'named'
                                THEN ' ' || coalesce((SELECT name FROM people WHERE id = NEW.person_id), '')
                                ELSE '' END);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_cases_update AFTER UPDATE OF summary, identity, person_id, lapor_tracking_id ON cases
    FOR EACH ROW EXECUTE FUNCTION search_cases_update();

-- A letter whose case keeps its author confidential is found by number and subject only:
-- the sender is the complainant.
CREATE FUNCTION search_letters_confidential() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = NEW.letter_id * 4 + 1;
    INSERT INTO search_index (rowid, title, body)
    SELECT l.id * 4 + 1, l.agenda_number || ' ' || l.letter_number, l.subject
      FROM letters l WHERE l.id = NEW.letter_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_letters_confidential AFTER INSERT ON cases
    FOR EACH ROW WHEN (NEW.letter_id IS NOT NULL AND NEW.identity <> 'named') EXECUTE FUNCTION search_letters_confidential();
CREATE FUNCTION search_letters_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4 + 1, NEW.agenda_number || ' ' || NEW.letter_number,
            NEW.sender_name || ' ' || NEW.sender_address || ' ' || NEW.subject);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_letters_insert AFTER INSERT ON letters
    FOR EACH ROW EXECUTE FUNCTION search_letters_insert();
CREATE FUNCTION search_letters_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4 + 1, NEW.agenda_number || ' ' || NEW.letter_number,
            NEW.sender_name || ' ' || NEW.sender_address || ' ' || NEW.subject);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_letters_update AFTER UPDATE OF letter_number, sender_name, sender_address, subject ON letters
    FOR EACH ROW EXECUTE FUNCTION search_letters_update();
CREATE FUNCTION search_visits_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 4 + 2, '', NEW.purpose);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_visits_insert AFTER INSERT ON visits
    FOR EACH ROW EXECUTE FUNCTION search_visits_insert();
CREATE FUNCTION search_visits_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search_index (rowid, title, body)
    SELECT NEW.id * 4 + 2, '', NEW.purpose
     WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = NEW.person_id AND p.anonymised_at IS NOT NULL);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_visits_update AFTER UPDATE OF purpose ON visits
    FOR EACH ROW EXECUTE FUNCTION search_visits_update();
CREATE FUNCTION search_people_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 4 + 3, NEW.name, NEW.institution);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_people_insert AFTER INSERT ON people
    FOR EACH ROW EXECUTE FUNCTION search_people_insert();

-- A corrected or anonymised name changes the person's entry and their named cases'; out of
-- the index: a person known only as a confidential (or anonymous) complainant, anonymised
-- people and their visits (0009).
CREATE FUNCTION search_people_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
    INSERT INTO search_index (rowid, title, body)
    SELECT p.id * 4 + 3, p.name, p.institution FROM people p
     WHERE p.id = NEW.id AND p.anonymised_at IS NULL
       AND (EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id)
            OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.identity <> 'named'));
    DELETE FROM search_index WHERE rowid IN (SELECT id * 4 FROM cases WHERE person_id = NEW.id);
    INSERT INTO search_index (rowid, title, body)
    SELECT c.id * 4, c.reg_number || ' ' || coalesce(c.lapor_tracking_id, ''),
           c.summary || CASE WHEN c.identity = 'named' THEN ' ' || NEW.name ELSE '' END
      FROM cases c WHERE c.person_id = NEW.id;
    DELETE FROM search_index
     WHERE NEW.anonymised_at IS NOT NULL
       AND rowid IN (SELECT id * 4 + 2 FROM visits WHERE person_id = NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_people_update AFTER UPDATE OF name, institution, anonymised_at ON people
    FOR EACH ROW EXECUTE FUNCTION search_people_update();
CREATE FUNCTION search_people_case_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = NEW.person_id * 4 + 3
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = NEW.person_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER search_people_case_insert AFTER INSERT ON cases
    FOR EACH ROW WHEN (NEW.person_id IS NOT NULL AND NEW.identity <> 'named') EXECUTE FUNCTION search_people_case_insert();
CREATE FUNCTION search_people_case_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.person_id * 4 + 3, NEW.person_id * 4 + 3);
    INSERT INTO search_index (rowid, title, body)
    SELECT p.id * 4 + 3, p.name, p.institution FROM people p
     WHERE p.id IN (OLD.person_id, NEW.person_id) AND p.anonymised_at IS NULL
       AND (EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id)
            OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.identity <> 'named'));
    RETURN NULL;
END
$$;
CREATE TRIGGER search_people_case_update AFTER UPDATE OF identity, person_id ON cases
    FOR EACH ROW EXECUTE FUNCTION search_people_case_update();
CREATE FUNCTION search_people_visit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_index WHERE rowid = NEW.person_id * 4 + 3;
    INSERT INTO search_index (rowid, title, body)
    SELECT p.id * 4 + 3, p.name, p.institution FROM people p
     WHERE p.id = NEW.person_id AND p.anonymised_at IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER search_people_visit_insert AFTER INSERT ON visits
    FOR EACH ROW EXECUTE FUNCTION search_people_visit_insert();
