-- 0009 on PostgreSQL: nothing left to do. What migrations/sqlite/0009_search_hidden.sql
-- changes (the search index holds only what a search may show) is how 0006 made the index's
-- triggers on this server, and a new database holds no rows to take out.
SELECT 1;
