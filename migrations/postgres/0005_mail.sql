-- Optional e-mail updates (docs/MAIL.md): addresses kept apart from the statements.
--
-- No column here refers to a statement, and nothing can be joined to one: no statement id,
-- no tag, no time finer than a day. Addresses and queued messages are encrypted with the
-- mail key (its own key file, not the statement keys).
CREATE TABLE mail_subscribers (
    initiative_id  BIGINT NOT NULL,
    address_hash   BYTEA  NOT NULL,
    sealed_address BYTEA  NOT NULL,
    confirm_hash   BYTEA,
    confirm_by_day BIGINT,
    created_day    BIGINT NOT NULL,
    confirmed_day  BIGINT,
    PRIMARY KEY (initiative_id, address_hash)
);

CREATE UNIQUE INDEX mail_subscribers_by_confirm ON mail_subscribers (confirm_hash);

-- Messages waiting for the SMTP server, deleted once delivered or given up. New rows are
-- due at once (next_attempt_ms 0), so a confirmation row carries no signing time.
CREATE TABLE mail_outbox (
    message_id      BYTEA  PRIMARY KEY,
    initiative_id   BIGINT NOT NULL,
    address_hash    BYTEA  NOT NULL,
    sealed_message  BYTEA  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_ms);
CREATE INDEX mail_outbox_by_address ON mail_outbox (initiative_id, address_hash);
