-- 0011 on PostgreSQL, as migrations/sqlite/0011_counter_clock.sql.
-- The counter's clock runs from the moment the visitor is sent to the official, as the
-- standard says (since 0010). Answers recorded before that counted from the meeting's start
-- and keep that meaning, so a past month's recap does not change.
ALTER TABLE visits ADD COLUMN clock_from_routing BIGINT  NOT NULL DEFAULT 1
    CHECK (clock_from_routing IN (0, 1));
UPDATE visits SET clock_from_routing = 0 WHERE outcome IS NOT NULL;
