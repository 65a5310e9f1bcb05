-- The organiser console: the hash-chained audit trail, the initiative lifecycle and its
-- certificate, console accounts, sessions and login throttling.
--
-- audit_log is append-only: rows are only ever inserted. Each row's hash is SHA-256 over the
-- previous row's hash and this row's canonical encoding (ocs_storage::audit::chain_hash), so
-- `ocs audit verify` detects an edited or deleted row.
CREATE TABLE audit_log (
    sequence      INTEGER PRIMARY KEY,
    at_ms         INTEGER NOT NULL,
    actor_kind    TEXT    NOT NULL,
    actor_name    TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    initiative_id INTEGER,
    detail        TEXT    NOT NULL,
    previous_hash BLOB    NOT NULL,
    hash          BLOB    NOT NULL
);

CREATE INDEX audit_log_by_initiative ON audit_log (initiative_id, sequence);

-- Where each initiative stands (ocs_domain::lifecycle::Stage), its dates as ISO calendar days
-- in its time zone, and the competent authority's certificate.
CREATE TABLE initiative_lifecycle (
    initiative_id         INTEGER PRIMARY KEY,
    stage                 TEXT    NOT NULL,
    reason                TEXT    NOT NULL DEFAULT '',
    notice_date           TEXT,
    start_date            TEXT,
    end_date              TEXT,
    certificate_pdf       BLOB,
    certificate_authority TEXT,
    certificate_date      TEXT,
    updated_at_ms         INTEGER NOT NULL
);

-- Console accounts. password_hash is an Argon2id PHC string; totp_secret is sealed by the
-- service before it is stored and never logged.
CREATE TABLE console_users (
    user_id       INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    initiative_id INTEGER,
    password_hash TEXT    NOT NULL,
    totp_secret   BLOB,
    totp_enrolled INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL
);

-- Console sessions, by a SHA-256 of the random session id (the id itself is only in the
-- browser's cookie); idle and absolute expiry.
CREATE TABLE console_sessions (
    session_hash    BLOB    PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES console_users (user_id),
    created_at_ms   INTEGER NOT NULL,
    last_seen_at_ms INTEGER NOT NULL,
    csrf_hash       BLOB    NOT NULL
);

-- Failed sign-ins per account name or per network, in a window.
CREATE TABLE login_throttle (
    throttle_key    TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    window_start_ms INTEGER NOT NULL
);
