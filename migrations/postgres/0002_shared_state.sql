-- State the app nodes share besides the statements: counters, single-use claims, job leases.

-- Committed statements per initiative and nationality, split into slots: each node adds its
-- batches to the row of its own random slot (0..15), in the same transaction as the insert,
-- once per nationality per batch. No row is rewritten per statement, and nodes rarely
-- touch the same row. The public count is the sum over slots.
CREATE TABLE statement_counts (
    initiative_id BIGINT   NOT NULL,
    nationality   TEXT     NOT NULL,
    slot          SMALLINT NOT NULL CHECK (slot >= 0 AND slot < 16),
    n             BIGINT   NOT NULL,
    latest_ms     BIGINT   NOT NULL,
    PRIMARY KEY (initiative_id, nationality, slot)
);

-- Single-use claims (anti-bot proofs, form tokens), by a hash of the claimed value.
-- UNLOGGED: no WAL, so a claim costs no fsync. After a PostgreSQL crash the table comes back
-- empty; at worst an already-solved proof can then be replayed once within its own lifetime
-- (minutes), which its expiry limits anyway.
CREATE UNLOGGED TABLE used_claims (
    key           BYTEA  PRIMARY KEY,
    expires_at_ms BIGINT NOT NULL
);

CREATE INDEX used_claims_by_expiry ON used_claims (expires_at_ms);

-- Leases that let a scheduled job run on one node at a time.
CREATE TABLE job_leases (
    job      TEXT   PRIMARY KEY,
    holder   TEXT   NOT NULL,
    until_ms BIGINT NOT NULL
);
