-- Console sessions, and the last four characters of each API key so that the console can show a key masked.
--
-- The same rules as V1: one script for PostgreSQL 15+ and H2 2.x in its default mode, BIGINT epoch
-- milliseconds, unquoted identifiers.
--
-- A session is stored as the SHA-256 hex of its random id; the id itself is only in the browser's cookie.
-- It ends when it has been idle too long (last_seen_at), at expires_at, or when it is deleted at sign-out.

CREATE TABLE console_sessions (
    id_hash       VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_seen_at  BIGINT       NOT NULL,
    expires_at    BIGINT       NOT NULL,
    CONSTRAINT pk_console_sessions PRIMARY KEY (id_hash),
    CONSTRAINT fk_console_sessions_user FOREIGN KEY (user_id) REFERENCES users (id)
);

CREATE INDEX ix_console_sessions_expires ON console_sessions (expires_at);
CREATE INDEX ix_console_sessions_last_seen ON console_sessions (last_seen_at);

-- Keys issued before this version have no stored end, and show as their prefix alone.
ALTER TABLE api_keys ADD COLUMN last_four VARCHAR(4);
