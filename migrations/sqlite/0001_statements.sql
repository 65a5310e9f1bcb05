-- Sealed statements of support: an append-only log.
--
-- Only ciphertext (envelope), the keyed de-duplication tag, the nationality, the time and the
-- sequence are stored; no plaintext personal data. Every column is classified in
-- migrations/columns.toml.
--
-- `sequence` is the rowid: a new row always gets a number above every existing one. An
-- exporter paging "after sequence N" therefore cannot miss a row, as long as an initiative's
-- newest row is never deleted while it collects (a withdrawal erases the envelope and keeps
-- the row). No AUTOINCREMENT: it would rewrite a counter row in sqlite_sequence.
CREATE TABLE statements (
    sequence        INTEGER PRIMARY KEY,
    initiative_id   INTEGER NOT NULL,
    statement_id    BLOB    NOT NULL UNIQUE,
    nationality     TEXT    NOT NULL,
    submitted_at_ms INTEGER NOT NULL,
    dedup_tag       BLOB    NOT NULL,
    envelope        BLOB    NOT NULL,
    test            INTEGER NOT NULL DEFAULT 0,
    UNIQUE (initiative_id, dedup_tag)
);

-- Export paging reads one initiative in order of sequence. New keys only ever land at the
-- end of each initiative's range, so this index costs a page per batch, not per row (unlike
-- the two random UNIQUE keys above, which touch a page per row).
CREATE INDEX statements_by_initiative ON statements (initiative_id, sequence);
