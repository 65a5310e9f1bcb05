-- Sealed statements of support: an append-only log, shared by every app node.
--
-- Only ciphertext (envelope), the keyed de-duplication tag, the nationality, the time and the
-- sequence are stored; no plaintext personal data. Every column is classified in
-- migrations/columns.toml.
--
-- `sequence` comes from an identity sequence. Sequence values are handed out in the order
-- writers ask, not the order they commit, so the writers of all nodes take one transaction
-- advisory lock before inserting (see crates/ocs-storage-postgres/src/writer.rs): then a new
-- row always gets a number above every committed one, and an exporter paging "after
-- sequence N" cannot miss a row.
--
-- De-duplication across nodes is the UNIQUE (initiative_id, dedup_tag) constraint itself
-- (INSERT ... ON CONFLICT DO NOTHING), never a check before the insert.
CREATE TABLE statements (
    sequence        BIGINT   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    initiative_id   BIGINT   NOT NULL,
    statement_id    BYTEA    NOT NULL UNIQUE,
    nationality     TEXT     NOT NULL,
    submitted_at_ms BIGINT   NOT NULL,
    dedup_tag       BYTEA    NOT NULL,
    envelope        BYTEA    NOT NULL,
    test            BOOLEAN  NOT NULL DEFAULT FALSE,
    UNIQUE (initiative_id, dedup_tag)
);

-- Export paging reads one initiative in order of sequence.
CREATE INDEX statements_by_initiative ON statements (initiative_id, sequence);
