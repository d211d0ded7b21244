-- 0009: the search index holds only what a search may show, so the count next to the hits
-- is the number of hits. Out of it: a person known only as a confidential (or anonymous)
-- complainant (no visit, no case under their name), anonymised people and their visits.
-- A person's row is written by one statement, repeated below for each moment it may change:
-- their record, a new case or a changed identity, a new visit.

DROP TRIGGER search_people_update;
CREATE TRIGGER search_people_update AFTER UPDATE OF name, institution, anonymised_at ON people BEGIN
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
END;

CREATE TRIGGER search_people_case_insert AFTER INSERT ON cases
WHEN NEW.person_id IS NOT NULL AND NEW.identity <> 'named' BEGIN
    DELETE FROM search_index WHERE rowid = NEW.person_id * 4 + 3
       AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = NEW.person_id);
END;

CREATE TRIGGER search_people_case_update AFTER UPDATE OF identity, person_id ON cases BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.person_id * 4 + 3, NEW.person_id * 4 + 3);
    INSERT INTO search_index (rowid, title, body)
    SELECT p.id * 4 + 3, p.name, p.institution FROM people p
     WHERE p.id IN (OLD.person_id, NEW.person_id) AND p.anonymised_at IS NULL
       AND (EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id)
            OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.identity <> 'named'));
END;

CREATE TRIGGER search_people_visit_insert AFTER INSERT ON visits BEGIN
    DELETE FROM search_index WHERE rowid = NEW.person_id * 4 + 3;
    INSERT INTO search_index (rowid, title, body)
    SELECT p.id * 4 + 3, p.name, p.institution FROM people p
     WHERE p.id = NEW.person_id AND p.anonymised_at IS NULL;
END;

DROP TRIGGER search_visits_update;
CREATE TRIGGER search_visits_update AFTER UPDATE OF purpose ON visits BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search_index (rowid, title, body)
    SELECT NEW.id * 4 + 2, '', NEW.purpose
     WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = NEW.person_id AND p.anonymised_at IS NOT NULL);
END;

-- What is stored already.
DELETE FROM search_index WHERE rowid IN (
    SELECT p.id * 4 + 3 FROM people p
     WHERE p.anonymised_at IS NOT NULL
        OR (NOT EXISTS (SELECT 1 FROM visits v WHERE v.person_id = p.id)
            AND EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND c.identity <> 'named')));
DELETE FROM search_index WHERE rowid IN (
    SELECT v.id * 4 + 2 FROM visits v JOIN people p ON p.id = v.person_id
     WHERE p.anonymised_at IS NOT NULL);
