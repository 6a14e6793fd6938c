-- Event sources and their retained events, the access token denylist, and the indexes that the
-- revocation sync and the audit stream read by.
--
-- The same rules as V1: one script for PostgreSQL 15+ and H2 2.x in its default mode, BIGINT epoch
-- milliseconds, unquoted identifiers, length-less VARCHAR for unbounded text.

-- A deleted source keeps its row, flagged, so that its id and its sequence counter are never reused.
-- last_seq is the sequence number of the source's latest event: an append increments it, and so takes
-- the row's lock until it commits, which orders concurrent appends and a deletion.
CREATE TABLE event_sources (
    id            VARCHAR(100) NOT NULL,
    workspace_id  VARCHAR(100) NOT NULL,
    name          VARCHAR(200) NOT NULL,
    created_by    VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    last_seq      BIGINT       DEFAULT 0 NOT NULL,
    deleted       BOOLEAN      DEFAULT FALSE NOT NULL,
    CONSTRAINT pk_event_sources PRIMARY KEY (id),
    CONSTRAINT fk_event_sources_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id),
    CONSTRAINT fk_event_sources_created_by FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT ck_event_sources_last_seq CHECK (last_seq >= 0)
);

CREATE INDEX ix_event_sources_workspace ON event_sources (workspace_id);

-- payload is compact JSON text, kept as written.
CREATE TABLE source_events (
    source_id   VARCHAR(100) NOT NULL,
    seq         BIGINT       NOT NULL,
    emitted_at  BIGINT       NOT NULL,
    payload     VARCHAR      NOT NULL,
    CONSTRAINT pk_source_events PRIMARY KEY (source_id, seq),
    CONSTRAINT fk_source_events_source FOREIGN KEY (source_id) REFERENCES event_sources (id),
    CONSTRAINT ck_source_events_seq CHECK (seq >= 1)
);

CREATE INDEX ix_source_events_emitted_at ON source_events (emitted_at);

-- No foreign key to oauth_clients: an entry is only needed until its token expires.
CREATE TABLE revoked_tokens (
    jti         VARCHAR(200) NOT NULL,
    client_id   VARCHAR(64)  NOT NULL,
    expires_at  BIGINT       NOT NULL,
    revoked_at  BIGINT       NOT NULL,
    CONSTRAINT pk_revoked_tokens PRIMARY KEY (jti)
);

CREATE INDEX ix_revoked_tokens_revoked_at ON revoked_tokens (revoked_at);
CREATE INDEX ix_revoked_tokens_expires_at ON revoked_tokens (expires_at);

CREATE INDEX ix_api_keys_revoked_at ON api_keys (revoked_at);

CREATE INDEX ix_audit_events_workspace_id ON audit_events (workspace_id, id);
