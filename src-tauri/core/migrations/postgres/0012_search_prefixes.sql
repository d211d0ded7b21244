-- 0012 on PostgreSQL: the search box answers within a frame at ten years' scale, as SQLite's
-- 0012 makes it with FTS5's prefix indexes. (Until this, 0012 here was a placeholder; no
-- PostgreSQL database existed outside the tests.)
--
-- 1. Typed prefixes. A prefix query ('semba':*) makes GIN collect every posting of every
--    lexeme with that prefix into a bitmap first: 9 ms for a name at ten years' scale, where
--    the exact lexeme takes 1.3 ms. So each word is also indexed by its prefixes of 2 to 8
--    characters, as lexemes marked '#' ('#se' … '#semba'), and a typed word of that length
--    is looked up as one exact lexeme. Longer (rarer) words stay prefix queries.
-- 2. The newest of one kind. A broad search shows the newest hits of each kind; an index on
--    (kind, rowid) lets the server walk one kind's newest rows backwards and stop at the
--    page, instead of gathering every match of a common word (23 ms per kind).

-- Their search path is fixed: a generated column is computed again when rows are loaded by
-- pg_restore, which runs with an empty one.
CREATE FUNCTION loket_prefixes(words tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT '#' || left(w, n))), ''::tsvector)
          FROM unnest(tsvector_to_array(words)) AS w,
               generate_series(2, least(8, length(w))) AS n
    $$;

-- Split at every character that is not a letter or a digit, as FTS5's unicode61 does.
CREATE FUNCTION loket_document(title text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public AS $$
        SELECT setweight(to_tsvector('loket_search', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A')
               || setweight(to_tsvector('loket_search', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g')), 'B')
               || loket_prefixes(to_tsvector('loket_search',
                      regexp_replace(title || ' ' || body, '[^[:alnum:]]+', ' ', 'g')))
    $$;

ALTER TABLE search_index DROP COLUMN document;
ALTER TABLE search_index ADD COLUMN document tsvector
    GENERATED ALWAYS AS (loket_document(title, body)) STORED;
CREATE INDEX search_index_document ON search_index USING gin (document);
CREATE INDEX search_index_newest ON search_index ((rowid % 4), rowid);

-- What the search box asks: each typed word of 2 to 8 characters as its '#' lexeme, any
-- other as a prefix; all of them (the words hold letters and digits only).
CREATE OR REPLACE FUNCTION loket_tsquery(fts text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(string_agg(CASE WHEN length(l) BETWEEN 2 AND 8
                                        THEN quote_literal('#' || l)
                                        ELSE quote_literal(l) || ':*' END, ' & '), '')::tsquery
          FROM regexp_split_to_table(replace(replace(fts, '"', ''), '*', ''), ' ') AS word,
               unnest(tsvector_to_array(to_tsvector('loket_search', word))) AS l
    $$;

-- The same words as prefixes of the indexed words themselves, for ranking (the '#' lexemes
-- carry no positions or weights).
CREATE FUNCTION loket_rank_query(fts text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE AS $$
        SELECT to_tsquery('loket_search',
                          replace(regexp_replace(replace(fts, '"', ''), '\*', ':*', 'g'), ' ', ' & '))
    $$;
