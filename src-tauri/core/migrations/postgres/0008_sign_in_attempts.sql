-- 0008 on PostgreSQL, as migrations/sqlite/0008_sign_in_attempts.sql (the salt: 122 random
-- bits from gen_random_uuid, where SQLite takes 128 from randomblob).
-- 0008: wrong sign-ins under a name that is no account (or a disabled one) are counted and
-- locked exactly like an account's own, so the answers never tell which names exist. The
-- name is kept only as a salted SHA-256 (what is typed into the name field is sometimes a
-- password), and rows older than a day are removed.
CREATE TABLE sign_in_attempts (
    name_hash        TEXT    PRIMARY KEY,
    failures         BIGINT  NOT NULL,
    next_attempt_at  TEXT,
    last_failure_at  TEXT    NOT NULL
);

INSERT INTO settings (key, value) VALUES ('sign_in.salt', replace(gen_random_uuid()::text, '-', ''));
