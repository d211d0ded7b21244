-- 0012: the search box answers within a frame at ten years' scale. Each typed word is a
-- prefix ("verif" finds verifikasi); without a prefix index FTS5 reads and merges every
-- posting of every term with that prefix before it can give the first hit (155 000 postings
-- for a common word: 5–7 ms, twice per search). Prefix indexes for 2 to 8 characters let it
-- walk one list lazily and stop at the first page. Positions are not needed (no phrase or
-- NEAR queries; ranking uses per-column counts), so detail=column keeps the index at about
-- 2.8 times its old size instead of 4.4. The triggers of 0006/0009 write to the table by
-- name and carry on unchanged; the rows are written anew by the rules of search::rebuild.

DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
    title, body, content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    detail = column, prefix = '2 3 4 5 6 7 8'
);

INSERT INTO search_index (rowid, title, body)
SELECT c.id * 4, c.reg_number || ' ' || coalesce(c.lapor_tracking_id, ''),
       c.summary || CASE WHEN c.identity = 'named'
                         THEN ' ' || coalesce((SELECT name FROM people WHERE id = c.person_id), '')
                         ELSE '' END
  FROM cases c;
INSERT INTO search_index (rowid, title, body)
SELECT l.id * 4 + 1, l.agenda_number || ' ' || l.letter_number,
       CASE WHEN EXISTS (SELECT 1 FROM cases c WHERE c.letter_id = l.id AND c.identity <> 'named')
            THEN l.subject
            ELSE l.sender_name || ' ' || l.sender_address || ' ' || l.subject END
  FROM letters l;
INSERT INTO search_index (rowid, title, body)
SELECT v.id * 4 + 2, '', v.purpose
  FROM visits v JOIN people p ON p.id = v.person_id WHERE p.anonymised_at IS NULL;
INSERT INTO search_index (rowid, title, body)
SELECT id * 4 + 3, name, institution FROM people
 WHERE anonymised_at IS NULL AND (EXISTS (SELECT 1 FROM visits v WHERE v.person_id = people.id)
       OR NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = people.id AND c.identity <> 'named'));

INSERT INTO search_index (search_index) VALUES ('optimize');
