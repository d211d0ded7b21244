-- 0004 on PostgreSQL: as migrations/sqlite/0004_guestbook_privacy.sql (the card-return rule
-- already has its final form from 0003; there is no older data to carry over).
ALTER TABLE id_deposits ADD COLUMN card_number TEXT NOT NULL DEFAULT '';
ALTER TABLE visits ADD COLUMN answer_target_minutes BIGINT CHECK (answer_target_minutes > 0);
