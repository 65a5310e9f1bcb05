-- The public, append-only log of each initiative's tally (ADR 0006, docs/TALLY-LOG.md).
--
-- `statements.log_entry` is the statement's future log line (`v1 add CC channel hour
-- commitment`), computed when it is signed: it holds no field value and no tag, but until
-- published it sits next to the personal columns, so it is classified with them.
-- `statements.log_index` is set when the line is published; rows still to publish are found
-- through the partial index, which only ever holds the rows of the current batch.
ALTER TABLE statements ADD COLUMN log_entry TEXT;
ALTER TABLE statements ADD COLUMN log_index INTEGER;
CREATE INDEX statements_log_pending ON statements (initiative_id, sequence)
    WHERE log_index IS NULL AND log_entry IS NOT NULL;

-- Every published entry in order. `statement_id` links an `add` to its statement while that
-- statement is stored, for receipt proofs and to notice withdrawals; it is cleared when the
-- withdrawal is published.
CREATE TABLE log_entries (
    initiative_id INTEGER NOT NULL,
    log_index     INTEGER NOT NULL,
    entry         TEXT    NOT NULL,
    statement_id  BLOB,
    PRIMARY KEY (initiative_id, log_index)
);
CREATE INDEX log_entries_by_statement ON log_entries (initiative_id, statement_id)
    WHERE statement_id IS NOT NULL;

-- C2SP tiles and entry bundles, by path below the log prefix; never rewritten.
CREATE TABLE log_tiles (
    initiative_id INTEGER NOT NULL,
    path          TEXT    NOT NULL,
    data          BLOB    NOT NULL,
    PRIMARY KEY (initiative_id, path)
);

-- Every signed checkpoint, with the tally it stands for (the fold of its entries, JSON).
CREATE TABLE log_checkpoints (
    initiative_id   INTEGER NOT NULL,
    tree_size       INTEGER NOT NULL,
    note            TEXT    NOT NULL,
    tally           TEXT    NOT NULL,
    published_at_ms INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, tree_size)
);
