-- Optional e-mail updates (docs/MAIL.md): addresses kept apart from the statements.
--
-- No column here refers to a statement, and nothing can be joined to one: no statement id,
-- no tag, no time finer than a day (rows are keyed by a keyed hash of the address, so their
-- physical order is not the order of signing either: WITHOUT ROWID). Addresses and queued
-- messages are encrypted with the mail key (its own key file, not the statement keys).
CREATE TABLE mail_subscribers (
    initiative_id  INTEGER NOT NULL,
    address_hash   BLOB    NOT NULL,
    sealed_address BLOB    NOT NULL,
    confirm_hash   BLOB,
    confirm_by_day INTEGER,
    created_day    INTEGER NOT NULL,
    confirmed_day  INTEGER,
    PRIMARY KEY (initiative_id, address_hash)
) WITHOUT ROWID;

CREATE UNIQUE INDEX mail_subscribers_by_confirm ON mail_subscribers (confirm_hash);

-- Messages waiting for the SMTP server, deleted once delivered or given up. New rows are
-- due at once (next_attempt_ms 0), so a confirmation row carries no signing time.
CREATE TABLE mail_outbox (
    message_id      BLOB    PRIMARY KEY,
    initiative_id   INTEGER NOT NULL,
    address_hash    BLOB    NOT NULL,
    sealed_message  BLOB    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_ms);
CREATE INDEX mail_outbox_by_address ON mail_outbox (initiative_id, address_hash);
