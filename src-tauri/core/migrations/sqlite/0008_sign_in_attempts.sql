-- 0008: wrong sign-ins under a name that is no account (or a disabled one) are counted and
-- locked exactly like an account's own, so the answers never tell which names exist. The
-- name is kept only as a salted SHA-256 (what is typed into the name field is sometimes a
-- password), and rows older than a day are removed.
CREATE TABLE sign_in_attempts (
    name_hash        TEXT    PRIMARY KEY,
    failures         INTEGER NOT NULL,
    next_attempt_at  TEXT,
    last_failure_at  TEXT    NOT NULL
);

INSERT INTO settings (key, value) VALUES ('sign_in.salt', lower(hex(randomblob(16))));
