-- 0012 on PostgreSQL: nothing to do. migrations/sqlite/0012_search_prefixes.sql gives FTS5
-- prefix indexes; here the GIN index of 0006 answers prefix queries (to_tsquery's :*) itself.
SELECT 1;
