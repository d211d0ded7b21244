-- One search box over cases, letters, visits and people. An FTS5 index kept in step by
-- triggers, so every write path (and anonymisation) updates it in the same transaction.
-- Contentless: the text lives in its own tables; the rowid says what a hit is:
-- id * 4 + 0 a case, + 1 a letter, + 2 a visit, + 3 a person.
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Cases: number, LAPOR tracking ID, summary, and the complainant's name unless they asked
-- for it to be kept confidential (or are anonymous).
CREATE TRIGGER search_cases_insert AFTER INSERT ON cases BEGIN
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4, NEW.reg_number || ' ' || coalesce(NEW.lapor_tracking_id, ''),
            NEW.summary || CASE WHEN NEW.identity = 'named'
                                THEN ' ' || coalesce((SELECT name FROM people WHERE id = NEW.person_id), '')
                                ELSE '' END);
END;
CREATE TRIGGER search_cases_update AFTER UPDATE OF summary, identity, person_id, lapor_tracking_id ON cases BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4, NEW.reg_number || ' ' || coalesce(NEW.lapor_tracking_id, ''),
            NEW.summary || CASE WHEN NEW.identity = 'named'
                                THEN ' ' || coalesce((SELECT name FROM people WHERE id = NEW.person_id), '')
                                ELSE '' END);
END;

-- A letter whose case keeps its author confidential is found by number and subject only:
-- the sender is the complainant.
CREATE TRIGGER search_letters_confidential AFTER INSERT ON cases
WHEN NEW.letter_id IS NOT NULL AND NEW.identity <> 'named' BEGIN
    DELETE FROM search_index WHERE rowid = NEW.letter_id * 4 + 1;
    INSERT INTO search_index (rowid, title, body)
    SELECT l.id * 4 + 1, l.agenda_number || ' ' || l.letter_number, l.subject
      FROM letters l WHERE l.id = NEW.letter_id;
END;

CREATE TRIGGER search_letters_insert AFTER INSERT ON letters BEGIN
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4 + 1, NEW.agenda_number || ' ' || NEW.letter_number,
            NEW.sender_name || ' ' || NEW.sender_address || ' ' || NEW.subject);
END;
CREATE TRIGGER search_letters_update AFTER UPDATE OF letter_number, sender_name, sender_address, subject ON letters BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search_index (rowid, title, body)
    VALUES (NEW.id * 4 + 1, NEW.agenda_number || ' ' || NEW.letter_number,
            NEW.sender_name || ' ' || NEW.sender_address || ' ' || NEW.subject);
END;

CREATE TRIGGER search_visits_insert AFTER INSERT ON visits BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 4 + 2, '', NEW.purpose);
END;
CREATE TRIGGER search_visits_update AFTER UPDATE OF purpose ON visits BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 4 + 2, '', NEW.purpose);
END;

CREATE TRIGGER search_people_insert AFTER INSERT ON people BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 4 + 3, NEW.name, NEW.institution);
END;
-- A corrected or anonymised name changes the person's entry and their named cases'.
CREATE TRIGGER search_people_update AFTER UPDATE OF name, institution ON people BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
    INSERT INTO search_index (rowid, title, body) VALUES (NEW.id * 4 + 3, NEW.name, NEW.institution);
    DELETE FROM search_index WHERE rowid IN (SELECT id * 4 FROM cases WHERE person_id = NEW.id);
    INSERT INTO search_index (rowid, title, body)
    SELECT c.id * 4, c.reg_number || ' ' || coalesce(c.lapor_tracking_id, ''),
           c.summary || CASE WHEN c.identity = 'named' THEN ' ' || NEW.name ELSE '' END
      FROM cases c WHERE c.person_id = NEW.id;
END;

-- What was stored before the index existed.
INSERT INTO search_index (rowid, title, body)
SELECT id * 4 + 2, '', purpose FROM visits;
INSERT INTO search_index (rowid, title, body)
SELECT id * 4 + 3, name, institution FROM people;
INSERT INTO search_index (rowid, title, body)
SELECT id * 4 + 1, agenda_number || ' ' || letter_number,
       sender_name || ' ' || sender_address || ' ' || subject FROM letters;
INSERT INTO search_index (rowid, title, body)
SELECT c.id * 4, c.reg_number || ' ' || coalesce(c.lapor_tracking_id, ''),
       c.summary || CASE WHEN c.identity = 'named'
                         THEN ' ' || coalesce((SELECT name FROM people WHERE id = c.person_id), '')
                         ELSE '' END
  FROM cases c;
